//! `sourcemark suggest` on a copy of the sample project without its annotations: the
//! JSON read back by Python, `--apply` (counts, duplicates skipped, a project `check`
//! accepts), pattern files named by the project or the command line, and their errors.

use assert_cmd::Command;
use sourcemark::model::Project;
use std::path::{Path, PathBuf};

/// A copy of the sample project with no annotations, links or clusters.
fn blank_sample(dir: &Path) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/rally-coverage");
    std::fs::create_dir(dir.join("articles")).unwrap();
    for e in std::fs::read_dir(root.join("articles")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.join("articles").join(e.file_name())).unwrap();
    }
    let mut p: Project = sourcemark::store::load(&root.join("project.ron")).unwrap();
    p.annotations.clear();
    p.links.clear();
    p.clusters.clear();
    let path = dir.join("project.ron");
    sourcemark::store::save(&path, &p).unwrap();
    path
}

fn suggest(project: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("sourcemark")
        .unwrap()
        .arg("suggest")
        .arg(project)
        .args(args)
        .env("SOURCEMARK_ANNOTATOR", "rules")
        .assert()
}

fn stdout(a: assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.success().get_output().stdout.clone()).unwrap()
}

#[test]
fn python_reads_the_json_and_every_offset_gives_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let project = blank_sample(dir.path());
    let out = stdout(suggest(&project, &["--json"]));
    let file = dir.path().join("suggest.json");
    std::fs::write(&file, &out).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/python/check_suggest.py");
    let run = std::process::Command::new("python3")
        .arg(script)
        .arg(&file)
        .arg(dir.path().join("articles"))
        .output()
        .expect("python3 runs");
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        said.contains("rules: claim") && said.contains("figure") && said.contains("quote"),
        "{said}"
    );
    // One document only.
    let v: serde_json::Value = serde_json::from_str(&stdout(suggest(
        &project,
        &["--json", "--doc", "iran-news"],
    )))
    .unwrap();
    let list = v["suggestions"].as_array().unwrap();
    assert!(!list.is_empty() && list.iter().all(|s| s["doc"] == "iran-news"));
    let hashemi = list
        .iter()
        .find(|s| s["text"] == "more than 2.5 million")
        .unwrap();
    assert_eq!(hashemi["attrs"]["value"], 2_500_000.0);
    assert_eq!(hashemi["attrs"]["precision"], "at-least");
    let quote = list
        .iter()
        .find(|s| {
            s["text"]
                .as_str()
                .unwrap()
                .starts_with("To Trump, the fool")
        })
        .unwrap();
    assert_eq!(quote["links"][0]["to"]["text"], "Qais al-Khazali");
}

#[test]
fn apply_adds_them_once_and_the_project_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let project = blank_sample(dir.path());
    let n = {
        let v: serde_json::Value =
            serde_json::from_str(&stdout(suggest(&project, &["--json"]))).unwrap();
        v["suggestions"].as_array().unwrap().len()
    };
    let out = stdout(suggest(&project, &["--apply", "--annotator", "bot"]));
    assert!(
        out.starts_with(&format!("added {n} annotation(s) (")),
        "{out}"
    );
    assert!(
        out.contains("source span(s)") && out.contains("saved"),
        "{out}"
    );
    let p = sourcemark::store::load(&project).unwrap();
    assert!(p.annotations.iter().filter(|a| a.label != "source").count() == n);
    assert!(p.annotations.iter().all(|a| a.annotator == "bot"));
    assert!(!p.links.is_empty());
    Command::cargo_bin("sourcemark")
        .unwrap()
        .arg("check")
        .arg(&project)
        .assert()
        .success();
    // Everything is annotated now: nothing more to add.
    let again = stdout(suggest(&project, &["--apply"]));
    assert!(again.starts_with("added 0 annotation(s)"), "{again}");
    assert!(!again.contains("saved"), "{again}");
}

#[test]
fn pattern_files_from_the_project_and_the_command_line_and_their_errors() {
    let dir = tempfile::tempdir().unwrap();
    let project = blank_sample(dir.path());
    std::fs::write(
        dir.path().join("people.jsonl"),
        "{\"label\": \"SOURCE\", \"pattern\": \"Muqtada al-Sadr\"}\n{\"label\": \"ORG\", \"pattern\": \"Reuters\"}\n",
    )
    .unwrap();
    let mut p = sourcemark::store::load(&project).unwrap();
    p.patterns.push("people.jsonl".into());
    sourcemark::store::save(&project, &p).unwrap();
    let text = std::fs::read_to_string(&project).unwrap();
    assert!(
        text.contains("  patterns: [\n    \"people.jsonl\",\n  ],\n"),
        "{text}"
    );
    let a = suggest(&project, &["--json", "--doc", "iran-news"]).success();
    let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert!(
        err.contains("pattern label \"ORG\" is not a label of the project"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    let sadr: Vec<&serde_json::Value> = v["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["rule"] == "people.jsonl:1")
        .collect();
    assert!(
        !sadr.is_empty()
            && sadr
                .iter()
                .all(|s| s["label"] == "source" && s["text"] == "Muqtada al-Sadr")
    );
    // A token pattern given on the command line.
    let extra = dir.path().join("troops.jsonl");
    std::fs::write(&extra, "{\"label\": \"figure\", \"pattern\": [{\"LIKE_NUM\": true}, {\"LOWER\": \"us\", \"OP\": \"?\"}, {\"LOWER\": \"troops\"}]}\n").unwrap();
    let out = stdout(suggest(
        &project,
        &["--doc", "iran-news", "--patterns", extra.to_str().unwrap()],
    ));
    assert!(out.contains("people.jsonl:1"), "{out}");
    // A malformed line: its file and line, and nothing else happens.
    std::fs::write(
        &extra,
        "\n{\"label\": \"figure\", \"pattern\": [{\"POS\": \"NUM\"}]}\n",
    )
    .unwrap();
    let a = suggest(
        &project,
        &["--patterns", extra.to_str().unwrap(), "--apply"],
    )
    .code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert!(
        err.contains("troops.jsonl:2: token 1: POS needs a trained spaCy pipeline"),
        "{err}"
    );
    assert_eq!(
        sourcemark::store::load(&project).unwrap().annotations.len(),
        0
    );
}
