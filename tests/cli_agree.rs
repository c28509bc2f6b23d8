//! `sourcemark agree` on copies of the sample project: identical copies agree fully,
//! a copy with spans removed and moved agrees less by exactly the counts changed, the
//! annotators inside one project, documents not shared, and the errors a user can make.

use assert_cmd::Command;
use sourcemark::model::{AnnotationId, Project};
use sourcemark::store;
use std::path::{Path, PathBuf};

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("projects/rally-coverage/project.ron")
}

fn agree(args: &[&Path], extra: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("sourcemark")
        .unwrap()
        .arg("agree")
        .args(args)
        .args(extra)
        .assert()
}

fn json(a: assert_cmd::assert::Assert) -> serde_json::Value {
    let out = a.success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap()
}

/// Writes `p` as a project file in `dir`.
fn write(dir: &Path, name: &str, p: &Project) -> PathBuf {
    let path = dir.join(name);
    store::save(&path, p).unwrap();
    path
}

/// The sample with two claims removed and one quote cut short by three chars.
fn edited() -> Project {
    let mut p = store::load(&sample()).unwrap();
    let claims: Vec<usize> = p
        .annotations
        .iter()
        .enumerate()
        .filter(|(_, a)| a.label == "claim")
        .map(|(i, _)| i)
        .take(2)
        .collect();
    for i in claims.into_iter().rev() {
        p.annotations.remove(i);
    }
    let q = p
        .annotations
        .iter_mut()
        .find(|a| a.label == "quote" && a.more.is_empty() && a.end - a.start > 10)
        .unwrap();
    q.end -= 3;
    p
}

fn close(v: &serde_json::Value, want: f64) {
    let g = v.as_f64().unwrap_or_else(|| panic!("{v} is not a number"));
    assert!((g - want).abs() < 1e-9, "{g} != {want}");
}

#[test]
fn identical_copies_agree_fully() {
    let dir = tempfile::tempdir().unwrap();
    let b = write(dir.path(), "b.ron", &store::load(&sample()).unwrap());
    let v = json(agree(&[&sample(), &b], &["--json"]));
    assert_eq!(v["documents"], 5);
    for label in ["claim", "quote", "figure", "source"] {
        let s = &v["labels"][label];
        for k in ["kappa", "alpha", "alpha_u", "f1_exact", "f1_overlap"] {
            assert_eq!(s[k], 1.0, "{label} {k}");
        }
        assert_eq!(s["n_a"], s["n_b"]);
    }
    assert_eq!(v["overall"]["n_a"], 98);
}

#[test]
fn removed_and_moved_spans_lower_the_figures_by_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let b = write(dir.path(), "b.ron", &edited());
    let v = json(agree(&[&sample(), &b], &["--json"]));
    let claim = &v["labels"]["claim"];
    assert_eq!(
        (claim["n_a"].as_u64(), claim["n_b"].as_u64()),
        (Some(31), Some(29))
    );
    // Every claim of B is in A (P = 1), 29 of A's 31 are in B.
    close(
        &claim["f1_exact"],
        2.0 * (29.0 / 31.0) / (1.0 + 29.0 / 31.0),
    );
    close(
        &claim["f1_overlap"],
        2.0 * (29.0 / 31.0) / (1.0 + 29.0 / 31.0),
    );
    let k = claim["kappa"].as_f64().unwrap();
    assert!(k > 0.5 && k < 1.0, "{k}");
    let quote = &v["labels"]["quote"];
    // One of 28 quotes differs in its end: not exact, still overlapping.
    close(&quote["f1_exact"], 27.0 / 28.0);
    close(&quote["f1_overlap"], 1.0);
    let au = quote["alpha_u"].as_f64().unwrap();
    assert!(au > 0.9 && au < 1.0, "{au}");
    assert_eq!(v["labels"]["figure"]["kappa"], 1.0);
    let overall = &v["overall"];
    assert_eq!(
        (overall["n_a"].as_u64(), overall["n_b"].as_u64()),
        (Some(98), Some(96))
    );
    let ok = overall["kappa"].as_f64().unwrap();
    assert!(ok > 0.5 && ok < 1.0, "{ok}");

    // The table says the same, and n/a never appears for these.
    let out = agree(&[&sample(), &b], &[])
        .success()
        .get_output()
        .stdout
        .clone();
    let table = String::from_utf8(out).unwrap();
    let line = table.lines().find(|l| l.starts_with("claim")).unwrap();
    assert!(line.contains(&format!("{:.3}", k)), "{table}");
    assert!(line.ends_with("31     29"), "{line}");
    assert!(table.contains("documents: 5"), "{table}");
}

#[test]
fn documents_with_other_text_are_left_out_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = store::load(&sample()).unwrap();
    p.documents[0].sha256 = "0".repeat(64);
    let b = write(dir.path(), "b.ron", &p);
    let c = write(dir.path(), "c.ron", &edited());
    let a = agree(
        &[&sample(), &b, &c],
        &["--json", "--labels", "quote,figure"],
    );
    let stderr = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("1 document left out"), "{stderr}");
    let id = p.documents[0].id.to_string();
    assert!(
        stderr.contains(&format!("document {id} has the same id")) && stderr.contains("b.ron"),
        "{stderr}"
    );
    let v = json(a);
    assert_eq!(v["documents"], 4);
    assert_eq!(v["overall"]["n"].as_array().unwrap().len(), 3);
    assert!(
        v["labels"].get("claim").is_none(),
        "only the labels asked for"
    );
    assert!(
        v["labels"]["quote"]["kappa"].is_number(),
        "Fleiss' κ for three"
    );
}

#[test]
fn annotators_inside_one_project() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = store::load(&sample()).unwrap();
    let mut bob: Vec<_> = p
        .annotations
        .iter()
        .filter(|a| a.label != "figure")
        .cloned()
        .collect();
    for a in &mut bob {
        a.id = AnnotationId::random();
        a.annotator = "bob".into();
    }
    let bob_claims = bob.iter().filter(|a| a.label == "claim").count();
    p.annotations.extend(bob);
    p.normalize();
    let path = write(dir.path(), "two.ron", &p);
    let v = json(agree(&[&path], &["--by-annotator", "--json"]));
    assert_eq!(v["annotators"], serde_json::json!(["bob", "demo"]));
    assert_eq!(v["labels"]["claim"]["f1_exact"], 1.0);
    assert_eq!(v["labels"]["claim"]["n_a"], bob_claims);
    let fig = &v["labels"]["figure"];
    assert_eq!(
        (fig["n_a"].as_u64(), fig["n_b"].as_u64()),
        (Some(0), Some(19))
    );
    assert_eq!(fig["f1_exact"], 0.0);
    assert!(fig["kappa"].as_f64().unwrap() < 0.5);
}

#[test]
fn usage_and_file_errors_name_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let one = agree(&[&sample()], &[]).code(2);
    let e = String::from_utf8(one.get_output().stderr.clone()).unwrap();
    assert!(e.contains("two or more project files"), "{e}");

    let missing = dir.path().join("missing.ron");
    let a = agree(&[&sample(), &missing], &[]).code(2);
    let e = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(e.contains("missing.ron"), "{e}");

    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(format: 1, name: ").unwrap();
    let a = agree(&[&sample(), &bad], &[]).code(2);
    let e = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(e.contains("bad.ron"), "{e}");

    let a = agree(&[&sample()], &["--by-annotator"]).code(2);
    let e = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(e.contains("1 annotator (demo)"), "{e}");

    let a = agree(&[&sample(), &sample()], &["--labels", "opinion"]).code(2);
    let e = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(e.contains("\"opinion\"") && e.contains("claim"), "{e}");
}
