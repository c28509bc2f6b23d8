//! `sourcemark export` and `sourcemark import` from the command line.

mod common;

use assert_cmd::Command;

fn sourcemark() -> Command {
    Command::cargo_bin("sourcemark").unwrap()
}

fn stdout_of(args: &[&str]) -> String {
    let out = sourcemark().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn export_writes_jsonl_to_stdout_and_a_summary_to_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let project = common::build(dir.path(), false);
    let p = project.to_str().unwrap();
    let out = sourcemark()
        .args(["export", p, "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1);
    let doc: serde_json::Value = serde_json::from_str(stdout.trim_end()).unwrap();
    assert_eq!(doc["id"], "tricky");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("exported 1 document(s), 12 annotation(s) as jsonl to stdout"));
    // --labels and --offsets on the command line.
    let quotes = stdout_of(&[
        "export",
        p,
        "-f",
        "doccano",
        "--labels",
        "quote,figure",
        "--offsets",
        "utf16",
    ]);
    assert!(quotes.contains("[6,10,\"figure\"]"), "{quotes}");
    assert!(!quotes.contains("\"claim\""));
    let done = stdout_of(&["export", p, "-f", "csv", "--status", "done"]);
    assert_eq!(done.lines().count(), 1, "only the header: nothing is done");
}

#[test]
fn export_to_files_and_folders() {
    let dir = tempfile::tempdir().unwrap();
    let project = common::build(&dir.path().join("p"), false);
    let p = project.to_str().unwrap();
    let tasks = dir.path().join("tasks.json");
    sourcemark()
        .args([
            "export",
            p,
            "-f",
            "label-studio",
            "--out",
            tasks.to_str().unwrap(),
        ])
        .assert()
        .success()
        .stdout("");
    assert!(dir.path().join("tasks.label_config.xml").exists());
    let brat = dir.path().join("brat");
    sourcemark()
        .args(["export", p, "-f", "brat", "--out", brat.to_str().unwrap()])
        .assert()
        .success();
    assert!(brat.join("tricky.ann").exists() && brat.join("annotation.conf").exists());
    let conll = sourcemark()
        .args(["export", p, "-f", "conll"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&conll.stderr).contains("1 overlapping span(s) dropped"));
}

#[test]
fn export_usage_errors_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let project = common::build(dir.path(), false);
    let p = project.to_str().unwrap();
    for (args, expected) in [
        (
            vec!["export", p, "-f", "brat"],
            "give an output folder (--out DIR)",
        ),
        (
            vec!["export", p, "-f", "jsonl", "--labels", "claims"],
            "unknown label \"claims\"",
        ),
        (
            vec!["export", p, "-f", "w3c", "--offsets", "utf16"],
            "code points",
        ),
    ] {
        let out = sourcemark().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.starts_with("sourcemark: ") && stderr.contains(expected),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(out.stdout.is_empty());
    }
    let out = sourcemark()
        .args(["export", p, "-f", "xml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("jsonl, doccano, doccano-rel, label-studio")
    );
}

#[test]
fn import_round_trips_through_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let project = common::build(&dir.path().join("src"), true);
    let p = project.to_str().unwrap();
    let data = dir.path().join("data.jsonl");
    sourcemark()
        .args(["export", p, "-f", "jsonl", "-o", data.to_str().unwrap()])
        .assert()
        .success();
    std::fs::create_dir(dir.path().join("dst")).unwrap();
    let dst = dir.path().join("dst/new.ron");
    sourcemark()
        .args(["new", dst.to_str().unwrap()])
        .assert()
        .success();
    let out = stdout_of(&[
        "import",
        dst.to_str().unwrap(),
        "-f",
        "jsonl",
        data.to_str().unwrap(),
    ]);
    assert!(
        out.contains("new document tricky (articles/tricky.txt)"),
        "{out}"
    );
    assert!(out.contains("added label(s): speaker name"), "{out}");
    assert!(out.contains("saved "), "{out}");
    let first = std::fs::read_to_string(&data).unwrap();
    let again = stdout_of(&["export", dst.to_str().unwrap(), "-f", "jsonl"]);
    assert_eq!(first, again);
    // A second import finds everything there and leaves the file alone.
    let before = std::fs::read(&dst).unwrap();
    let out = stdout_of(&[
        "import",
        dst.to_str().unwrap(),
        "-f",
        "jsonl",
        data.to_str().unwrap(),
    ]);
    assert!(out.contains("0 annotation(s) added"), "{out}");
    assert!(!out.contains("saved"));
    assert_eq!(std::fs::read(&dst).unwrap(), before);
}

#[test]
fn a_malformed_import_leaves_the_project_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let project = common::build(dir.path(), false);
    let p = project.to_str().unwrap();
    let before = std::fs::read(&project).unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"text\":\"A new text\",\"spans\":[{\"start\":0,\"end\":1,\"label\":\"x\"}]}\n{\"text\": 3}\n",
    )
    .unwrap();
    let out = sourcemark()
        .args(["import", p, "-f", "jsonl", input.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("in.jsonl: line 2:"), "{stderr}");
    assert_eq!(std::fs::read(&project).unwrap(), before);
    let articles: Vec<_> = std::fs::read_dir(dir.path().join("articles"))
        .unwrap()
        .collect();
    assert_eq!(articles.len(), 1, "no article was written");
    assert!(!common::backup_exists(&project));
    // Formats without an importer are refused up front.
    let out = sourcemark()
        .args(["import", p, "-f", "conll", input.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be imported"));
}

/// `--annotator` names the spans an input does not credit; a span that names its own
/// annotator keeps it; without the flag, `$SOURCEMARK_ANNOTATOR` (else the user name).
#[test]
fn import_credits_spans_to_the_file_then_annotator_then_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    sourcemark()
        .args(["new", project.to_str().unwrap()])
        .assert()
        .success();
    let p = project.to_str().unwrap();
    let jsonl = dir.path().join("in.jsonl");
    std::fs::write(
        &jsonl,
        concat!(
            r#"{"id": "a", "text": "Some 5,200 US troops remain.", "spans": ["#,
            r#"{"start": 5, "end": 20, "label": "figure", "annotator": "maria"}, "#,
            r#"{"start": 0, "end": 4, "label": "claim"}]}"#,
            "\n"
        ),
    )
    .unwrap();
    let doccano = dir.path().join("in-doccano.jsonl");
    std::fs::write(
        &doccano,
        "{\"text\": \"A million-man march.\", \"label\": [[2, 13, \"figure\"]]}\n",
    )
    .unwrap();
    sourcemark()
        .env("SOURCEMARK_ANNOTATOR", "from-env")
        .args(["import", p, "-f", "jsonl", "--annotator", "ali"])
        .arg(&jsonl)
        .assert()
        .success();
    sourcemark()
        .env("SOURCEMARK_ANNOTATOR", "from-env")
        .args(["import", p, "-f", "doccano"])
        .arg(&doccano)
        .assert()
        .success();
    let saved = sourcemark::store::load(&project).unwrap();
    let by_text = |t: &str| {
        saved
            .annotations
            .iter()
            .find(|a| a.text == t)
            .map(|a| a.annotator.clone())
            .unwrap()
    };
    assert_eq!(by_text("5,200 US troops"), "maria");
    assert_eq!(by_text("Some"), "ali");
    assert_eq!(by_text("million-man"), "from-env");
    // A blank name is refused before anything is read.
    let out = sourcemark()
        .args(["import", p, "-f", "doccano", "--annotator", " "])
        .arg(&doccano)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("annotator"));
}

#[test]
fn export_and_import_name_the_links_they_carried() {
    let dir = tempfile::tempdir().unwrap();
    let project = common::build_linked(&dir.path().join("src"), false);
    let p = project.to_str().unwrap();
    let tasks = dir.path().join("tasks.json");
    let out = sourcemark()
        .args([
            "export",
            p,
            "-f",
            "label-studio",
            "-o",
            tasks.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("exported 1 document(s), 13 annotation(s), 5 link(s) as label-studio"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: 1 link note(s) not written"),
        "{stderr}"
    );
    let dst = dir.path().join("dst");
    std::fs::create_dir_all(&dst).unwrap();
    let new = dst.join("p.ron");
    let n = sourcemark()
        .args(["new", new.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(n.status.success());
    let imp = sourcemark()
        .args([
            "import",
            new.to_str().unwrap(),
            "-f",
            "label-studio",
            tasks.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        imp.status.success(),
        "{}",
        String::from_utf8_lossy(&imp.stderr)
    );
    let stdout = String::from_utf8(imp.stdout).unwrap();
    assert!(
        stdout.contains("5 link(s) added, 0 duplicate link(s) skipped"),
        "{stdout}"
    );
    let check = sourcemark()
        .args(["check", new.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(check.status.success());
    assert!(String::from_utf8_lossy(&check.stdout).contains("13 annotation(s), 5 link(s)"));
}
