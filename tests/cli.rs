//! The command line as a user drives it: every command, its output and its exit code
//! (0 ok, 1 problems found, 2 usage or I/O error).

use assert_cmd::cargo::cargo_bin_cmd;
use sourcemark::model::{Annotation, DocId};
use sourcemark::store;
use sourcemark::workspace::Workspace;
use std::path::{Path, PathBuf};

const RALLY: &str = "Millions rally in Baghdad\n\nMore than 2.5\u{a0}million people took part, \
     chanting “Get out, get out occupier!” on Friday.\n";
const TROOPS: &str =
    "US troops in Iraq\r\n\r\nSome 5,200 US troops remain in Iraq, officials said.\r\n";

fn sm() -> assert_cmd::Command {
    cargo_bin_cmd!("sourcemark")
}

/// A temp folder with two articles (one with CRLF line ends) and a bad one.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("rally.txt"), RALLY).unwrap();
    std::fs::write(dir.path().join("troops.md"), TROOPS).unwrap();
    std::fs::write(dir.path().join("latin1.txt"), b"Caf\xe9 society\n").unwrap();
    dir
}

fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// `sourcemark new p.ron rally.txt troops.md` in `dir`.
fn new_project(dir: &Path) -> PathBuf {
    sm().current_dir(dir)
        .args(["new", "p.ron", "rally.txt", "troops.md"])
        .assert()
        .success();
    dir.join("p.ron")
}

/// Annotates the two articles through the library, as the window would, and saves.
fn annotate(project: &Path) {
    let (mut ws, _) = Workspace::open(project).unwrap();
    let mut add = |doc: &str, phrase: &str, label: &str, who: &str| {
        let id = DocId::from(doc);
        let t = ws.text(&id).unwrap().clone();
        let s = t.char_of(t.as_str().find(phrase).unwrap());
        let a = Annotation::new(id, &t, s, s + phrase.chars().count(), label, who).unwrap();
        ws.project.annotations.push(a);
    };
    add("rally", "More than 2.5\u{a0}million", "figure", "ana");
    add("rally", "“Get out, get out occupier!”", "quote", "ana");
    add("troops", "5,200 US troops", "figure", "bo");
    ws.project.normalize();
    ws.save().unwrap();
}

#[test]
fn new_creates_project_with_articles() {
    let dir = folder();
    let out = sm()
        .current_dir(dir.path())
        .args(["new", "p.ron", "--name", "Rally coverage", "rally.txt"])
        .arg(dir.path().join("troops.md"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert!(text.contains("added rally.txt as rally"), "{text}");
    assert!(text.contains("created p.ron with 2 document(s)"), "{text}");

    let p = store::load(&dir.path().join("p.ron")).unwrap();
    assert_eq!(p.name, "Rally coverage");
    let ids: Vec<&str> = p.labels.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["claim", "quote", "figure", "source"]);
    let docs: Vec<(&str, &str, &str)> = p
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d.path.as_str(), d.title.as_str()))
        .collect();
    // Paths are relative to the project file even when given absolute.
    assert_eq!(
        docs,
        [
            ("rally", "rally.txt", "Millions rally in Baghdad"),
            ("troops", "troops.md", "US troops in Iraq")
        ]
    );
    // CRLF counts as one char: the stored length is of the decoded text.
    let troops = &p.documents[1];
    assert_eq!(troops.chars, TROOPS.replace("\r\n", "\n").chars().count());
}

#[test]
fn new_names_project_after_file_and_allows_no_articles() {
    let dir = folder();
    sm().current_dir(dir.path())
        .args(["new", "My study.ron"])
        .assert()
        .success();
    let p = store::load(&dir.path().join("My study.ron")).unwrap();
    assert_eq!(p.name, "My study");
    assert!(p.documents.is_empty());
}

#[test]
fn new_makes_a_missing_project_folder() {
    let dir = folder();
    sm().current_dir(dir.path())
        .args(["new", "studies/rally/project.ron", "--name", "Rally"])
        .assert()
        .success();
    let p = store::load(&dir.path().join("studies/rally/project.ron")).unwrap();
    assert_eq!(p.name, "Rally");
}

#[test]
fn new_refuses_to_overwrite() {
    let dir = folder();
    let path = new_project(dir.path());
    let before = std::fs::read(&path).unwrap();
    let out = sm()
        .current_dir(dir.path())
        .args(["new", "p.ron", "--name", "Other"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("p.ron already exists"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn new_with_non_utf8_article_creates_nothing() {
    let dir = folder();
    let out = sm()
        .current_dir(dir.path())
        .args(["new", "p.ron", "rally.txt", "latin1.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.contains("latin1.txt") && err.contains("invalid byte at offset 3"),
        "{err}"
    );
    assert!(!dir.path().join("p.ron").exists());
}

#[test]
fn add_adds_new_articles() {
    let dir = folder();
    sm().current_dir(dir.path())
        .args(["new", "p.ron", "rally.txt"])
        .assert()
        .success();
    let out = sm()
        .current_dir(dir.path())
        .args(["add", "p.ron", "troops.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("added troops.md as troops"));
    let p = store::load(&dir.path().join("p.ron")).unwrap();
    assert_eq!(p.documents.len(), 2);
    // The previous version is kept.
    let bak = store::load(&store::backup_path(&dir.path().join("p.ron"))).unwrap();
    assert_eq!(bak.documents.len(), 1);
}

#[test]
fn add_skips_duplicate_and_leaves_file_byte_identical() {
    let dir = folder();
    let path = new_project(dir.path());
    annotate(&path);
    // Same text under another name, and with a BOM and CRLF: still the same article.
    std::fs::write(dir.path().join("copy.txt"), RALLY).unwrap();
    let bom = format!("\u{feff}{}", RALLY.replace('\n', "\r\n"));
    std::fs::write(dir.path().join("bom.txt"), bom).unwrap();
    let before = std::fs::read(&path).unwrap();
    let out = sm()
        .current_dir(dir.path())
        .args(["add", "p.ron", "rally.txt", "copy.txt", "bom.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("skipped") && l.contains("document rally"))
            .count(),
        3,
        "{text}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn add_non_utf8_article_names_file_and_offset_and_touches_nothing() {
    let dir = folder();
    sm().current_dir(dir.path())
        .args(["new", "p.ron", "rally.txt"])
        .assert()
        .success();
    let path = dir.path().join("p.ron");
    let before = std::fs::read(&path).unwrap();
    // A good article before the bad one is not added either: all or nothing.
    let out = sm()
        .current_dir(dir.path())
        .args(["add", "p.ron", "troops.md", "latin1.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("latin1.txt: not UTF-8 text (invalid byte at offset 3)"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!store::backup_path(&path).exists());
}

#[test]
fn add_to_missing_project_is_an_io_error() {
    let dir = folder();
    let out = sm()
        .current_dir(dir.path())
        .args(["add", "nope.ron", "rally.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("sourcemark: nope.ron"), "{err}");
    // The OS message is said once, not once per level of the error chain.
    assert_eq!(err.matches("os error").count(), 1, "{err}");
    assert!(!dir.path().join("nope.ron").exists());
}

#[test]
fn check_clean_project() {
    let dir = folder();
    let path = new_project(dir.path());
    annotate(&path);
    let out = sm()
        .current_dir(dir.path())
        .args(["check", "p.ron"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));
    assert_eq!(
        stdout_of(&out),
        "p.ron: ok (2 document(s), 3 annotation(s), 0 link(s))\n"
    );
}

#[test]
fn check_reports_one_line_per_problem_and_writes_nothing() {
    let dir = folder();
    let path = new_project(dir.path());
    annotate(&path);
    let mut p = store::load(&path).unwrap();
    p.annotations[0].label = "opinion".into(); // 1: unknown label
    p.annotations[1].attrs.value = Some(f64::INFINITY); // 2: not finite
    store::save(&path, &p).unwrap();
    // 3 + 4: the troops article changes; the document's hash no longer matches, and its
    // figure, now elsewhere, would be re-anchored.
    std::fs::write(
        dir.path().join("troops.md"),
        "US troops in Iraq\n\nNew paragraph.\n\nSome 5,200 US troops remain in Iraq.\n",
    )
    .unwrap();
    let before = std::fs::read(&path).unwrap();

    let out = sm()
        .current_dir(dir.path())
        .args(["check", "p.ron"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout_of(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("p.ron: annotation ") && lines[0].contains("\"opinion\""));
    assert!(lines[1].starts_with("p.ron: annotation ") && lines[1].contains("inf"));
    assert!(lines[2].starts_with("troops.md: article of document troops changed"));
    assert!(
        lines[3].starts_with("troops.md: annotation ")
            && lines[3].contains("re-anchors it to 40..55"),
        "{}",
        lines[3]
    );
    assert!(stderr_of(&out).contains("4 problem(s) found"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("p.ron.tmp").exists());
}

#[test]
fn check_unparsable_project_gives_file_line_col() {
    let dir = folder();
    std::fs::write(
        dir.path().join("p.ron"),
        "(\n  format: 1,\n  name: 42,\n)\n",
    )
    .unwrap();
    let out = sm()
        .current_dir(dir.path())
        .args(["check", "p.ron"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("sourcemark: p.ron:3:"), "{err}");
}

#[test]
fn check_missing_project_is_an_io_error() {
    let dir = folder();
    let out = sm()
        .current_dir(dir.path())
        .args(["check", "nope.ron"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("nope.ron"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    sm().arg("check").assert().code(2);
    sm().args(["stats", "p.ron", "--bogus"]).assert().code(2);
    sm().arg("frobnicate").arg("x").assert().code(2);
}

#[test]
fn stats_table() {
    let dir = folder();
    let path = new_project(dir.path());
    annotate(&path);
    let out = sm()
        .current_dir(dir.path())
        .args(["stats", "p.ron"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout_of(&out);
    assert!(
        text.starts_with("p: 2 document(s), 3 annotation(s), 0 orphaned, 0 link(s)"),
        "{text}"
    );
    let row = |name: &str| -> Vec<String> {
        text.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} row in {text}"))
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    };
    // Columns: claim, figure, quote, source (by label id), all, orphaned, status.
    assert_eq!(
        row("rally"),
        ["rally", "0", "1", "1", "0", "2", "0", "todo"]
    );
    assert_eq!(
        row("troops"),
        ["troops", "0", "1", "0", "0", "1", "0", "todo"]
    );
    assert_eq!(row("total"), ["total", "0", "2", "1", "0", "3", "0"]);
    assert!(text.contains("ana: 2") && text.contains("bo: 1"), "{text}");
}

#[test]
fn stats_json_is_one_object() {
    let dir = folder();
    let path = new_project(dir.path());
    annotate(&path);
    let out = sm()
        .current_dir(dir.path())
        .args(["stats", "p.ron", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"], 2);
    assert_eq!(v["annotations"], 3);
    assert_eq!(v["orphaned"], 0);
    assert_eq!(v["by_label"]["figure"], 2);
    assert_eq!(v["by_label"]["quote"], 1);
    assert_eq!(v["by_label"]["claim"], 0);
    assert_eq!(v["by_document"]["rally"]["annotations"], 2);
    assert_eq!(v["by_document"]["troops"]["by_label"]["figure"], 1);
    assert_eq!(v["by_annotator"]["ana"], 2);
    assert_eq!(v["by_annotator"]["bo"], 1);
}

#[test]
fn stats_on_broken_project_exits_2() {
    let dir = folder();
    std::fs::write(dir.path().join("p.ron"), "(format: 1, name: \"x\"").unwrap();
    let out = sm()
        .current_dir(dir.path())
        .args(["stats", "p.ron", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(stderr_of(&out).contains("p.ron:1:"));
}

/// Runs `sourcemark ARGS` in `dir` with its stdout a pipe nobody reads: the read end
/// is closed before the command gets to write (it has a project to load first).
fn with_closed_stdout(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("sourcemark"))
        .current_dir(dir)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_stdout_ends_reports_quietly_and_never_stops_a_change() {
    let dir = folder();
    let project = new_project(dir.path());
    annotate(&project);
    // `sourcemark stats p.ron | head -0`, and the same for the other reports.
    for args in [
        &["stats", "p.ron"][..],
        &["stats", "p.ron", "--json"],
        &["check", "p.ron"],
        &["export", "p.ron", "--format", "jsonl"],
        &["export", "p.ron", "--format", "doccano"],
        &["export", "p.ron", "--format", "label-studio"],
        &["export", "p.ron", "--format", "w3c"],
        &["export", "p.ron", "--format", "csv"],
        &["export", "p.ron", "--format", "conll"],
        &["reuse", "p.ron", "--json"],
    ] {
        let out = with_closed_stdout(dir.path(), args);
        assert!(
            out.status.success(),
            "{args:?}: {:?} {}",
            out.status,
            stderr_of(&out)
        );
        let err = stderr_of(&out);
        assert!(
            !err.contains("panicked") && !err.contains("Broken pipe"),
            "{args:?}: {err}"
        );
    }
    // `sourcemark add p.ron new.txt | head -0` still adds the article.
    std::fs::write(dir.path().join("new.txt"), "Another outlet's account.\n").unwrap();
    let out = with_closed_stdout(dir.path(), &["add", "p.ron", "new.txt"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let project = store::load(&project).unwrap();
    assert_eq!(project.documents.len(), 3);
}
