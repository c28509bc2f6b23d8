//! `sourcemark compare` on the sample project: its clusters, each format, the errors a
//! user can make, and the JSON read back by Python.

use assert_cmd::Command;
use std::path::PathBuf;

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("projects/rally-coverage/project.ron")
}

fn compare(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("sourcemark")
        .unwrap()
        .arg("compare")
        .arg(sample())
        .args(args)
        .assert()
}

fn stdout(a: assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.success().get_output().stdout.clone()).unwrap()
}

#[test]
fn the_crowd_size_cluster_lists_every_outlet_with_its_number_and_source() {
    let out = stdout(compare(&["--cluster", "crowd size", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = v["rows"].as_array().unwrap();
    let outlets: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r["outlet"].as_str().unwrap()).collect();
    assert_eq!(outlets.len(), 5, "{outlets:?}");
    assert!(rows.iter().all(|r| r["cluster"] == "Crowd size"));
    let hashemi: Vec<&serde_json::Value> = rows
        .iter()
        .filter(|r| r["text"] == "more than 2.5 million")
        .collect();
    assert_eq!(hashemi.len(), 2, "Iran News and Radio Habana Cuba");
    for r in hashemi {
        assert_eq!(r["value"], 2_500_000.0);
        assert_eq!(r["precision"], "at-least");
        assert_eq!(r["speaker"], "Sayed Sadiq al-Hashemi");
        assert_eq!(r["value_from"], "annotator");
    }
    let three = rows.iter().find(|r| r["text"] == "3 million").unwrap();
    assert_eq!(
        three["published"], "2022-01-01",
        "the later rally shows its date"
    );
}

#[test]
fn every_format_prints_the_rows_and_the_sample_has_the_four_clusters() {
    let csv = stdout(compare(&["--format", "csv"]));
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(r.headers().unwrap().get(0), Some("cluster"));
    let clusters: std::collections::BTreeSet<String> = r
        .records()
        .map(|x| x.unwrap()[0].to_owned())
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        clusters.into_iter().collect::<Vec<_>>(),
        [
            "Crowd size",
            "The parliament vote",
            "US troops in Iraq",
            "Who called the rally"
        ]
    );
    let md = stdout(compare(&[
        "--cluster",
        "The parliament vote",
        "--format",
        "md",
    ]));
    assert!(md.starts_with("| cluster | outlet |"), "{md}");
    assert_eq!(md.lines().count(), 2 + 5, "{md}");
    let table = stdout(compare(&["--label", "figure"]));
    assert!(table.lines().next().unwrap().starts_with("cluster"));
    assert!(
        table.lines().skip(1).all(|l| l.contains("figure")),
        "{table}"
    );
}

#[test]
fn an_unknown_cluster_or_label_names_what_there_is() {
    let a = compare(&["--cluster", "turnout"]).failure().code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert!(
        err.contains("no cluster \"turnout\"; the clusters are: "),
        "{err}"
    );
    assert!(err.contains("Crowd size"), "{err}");
    let a = compare(&["--label", "figures"]).failure().code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert!(
        err.contains("no label \"figures\"; the labels are: claim, quote, figure, source"),
        "{err}"
    );
}

#[test]
fn python_reads_the_json_rows() {
    let out = stdout(compare(&["--format", "json"]));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("compare.json");
    std::fs::write(&file, out).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/python/check_compare.py");
    let run = std::process::Command::new("python3")
        .arg(script)
        .arg(&file)
        .output()
        .expect("python3 runs");
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        said.contains("clusters: Crowd size, The parliament vote"),
        "{said}"
    );
}
