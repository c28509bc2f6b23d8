//! Project files merged by git through `sourcemark merge-driver`, in real repositories:
//! `git-setup` installs the driver, two branches annotate with `import --annotator`, and
//! `git merge` gives the union of their work, keeps a status change, or records a
//! conflict in a file that still loads and that `check` reports.

use assert_cmd::Command;
use sourcemark::model::{DocId, DocStatus, Project, RecordRef, Side};
use sourcemark::store;
use std::path::{Path, PathBuf};

fn sourcemark(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("sourcemark").unwrap();
    c.current_dir(dir);
    c
}

/// Runs git in `dir` without the user's or the system's config; its output.
fn git_output(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("git")
        .args(["-c", "user.name=Tester", "-c", "user.email=t@example.org"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .unwrap()
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = git_output(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const TEXT: &str = "The mayor said 40,000 people came to the rally. Police counted 12,000.";

/// One jsonl line for the article with `spans` (`(start, end, label)`).
fn jsonl(dir: &Path, name: &str, spans: &[(usize, usize, &str)]) -> PathBuf {
    let spans: Vec<String> = spans
        .iter()
        .map(|(s, e, l)| format!(r#"{{"start": {s}, "end": {e}, "label": "{l}"}}"#))
        .collect();
    let path = dir.join(name);
    std::fs::write(
        &path,
        format!(
            "{{\"id\": \"rally\", \"text\": \"{TEXT}\", \"spans\": [{}]}}\n",
            spans.join(", ")
        ),
    )
    .unwrap();
    path
}

fn import(repo: &Path, input: &Path, annotator: &str) {
    sourcemark(repo)
        .args(["import", "p.ron", "-f", "jsonl", "--annotator", annotator])
        .arg(input)
        .assert()
        .success();
}

/// A repository on `main` with the project, its article and one claim by `base`, the
/// driver installed and committed; inputs for imports go to `inputs`.
fn repo(inputs: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q"]);
    sourcemark(repo).args(["new", "p.ron"]).assert().success();
    std::fs::write(repo.join(".gitignore"), "*.bak\n*.lock\n").unwrap();
    import(
        repo,
        &jsonl(inputs, "base.jsonl", &[(0, 9, "claim")]),
        "base",
    );
    let out = sourcemark(repo).arg("git-setup").assert().success();
    let said = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        said.contains("added to .gitattributes: *.ron merge=sourcemark"),
        "{said}"
    );
    assert!(said.contains("merge.sourcemark.driver"), "{said}");
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-qm", "base"]);
    dir
}

fn commit_all(repo: &Path, msg: &str) {
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-qm", msg]);
}

fn load(repo: &Path) -> Project {
    store::load(&repo.join("p.ron")).unwrap()
}

/// Changes the project file as the window would, through the store.
fn edit(repo: &Path, f: impl FnOnce(&mut Project)) {
    let mut p = load(repo);
    f(&mut p);
    store::save(&repo.join("p.ron"), &p).unwrap();
}

#[test]
fn git_setup_twice_changes_nothing_and_outside_a_repository_is_an_error() {
    let inputs = tempfile::tempdir().unwrap();
    let dir = repo(inputs.path());
    let repo = dir.path();
    let attributes = std::fs::read(repo.join(".gitattributes")).unwrap();
    let config = git(repo, &["config", "--local", "--list"]);
    let out = sourcemark(repo).arg("git-setup").assert().success();
    let said = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(said.contains("nothing to change"), "{said}");
    assert_eq!(
        std::fs::read(repo.join(".gitattributes")).unwrap(),
        attributes
    );
    assert_eq!(git(repo, &["config", "--local", "--list"]), config);
    assert_eq!(
        git(repo, &["check-attr", "merge", "p.ron"]).trim(),
        "p.ron: merge: sourcemark"
    );

    // Only the project files: p.ron is one, other.ron is not.
    std::fs::remove_file(repo.join(".gitattributes")).unwrap();
    std::fs::write(repo.join("other.ron"), "(width: 3)").unwrap();
    let out = sourcemark(repo)
        .args(["git-setup", "--project-files-only"])
        .assert()
        .success();
    let said = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        said.contains("added to .gitattributes: /p.ron merge=sourcemark"),
        "{said}"
    );
    assert_eq!(
        std::fs::read_to_string(repo.join(".gitattributes")).unwrap(),
        "/p.ron merge=sourcemark\n"
    );

    let outside = tempfile::tempdir().unwrap();
    let out = sourcemark(outside.path()).arg("git-setup").assert().code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("inside a git repository"), "{err}");
    assert!(!outside.path().join(".gitattributes").exists());
}

#[test]
fn disjoint_work_merges_into_the_union_and_a_status_change_is_kept() {
    let inputs = tempfile::tempdir().unwrap();
    let dir = repo(inputs.path());
    let repo = dir.path();
    git(repo, &["checkout", "-qb", "alice"]);
    import(
        repo,
        &jsonl(inputs.path(), "a.jsonl", &[(15, 21, "figure")]),
        "alice",
    );
    commit_all(repo, "alice");
    git(repo, &["checkout", "-q", "main"]);
    git(repo, &["checkout", "-qb", "bob"]);
    import(
        repo,
        &jsonl(inputs.path(), "b.jsonl", &[(63, 69, "figure")]),
        "bob",
    );
    edit(repo, |p| p.documents[0].status = DocStatus::Done);
    commit_all(repo, "bob");
    git(repo, &["checkout", "-q", "alice"]);
    let out = git_output(repo, &["merge", "--no-edit", "bob"]);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let p = load(repo);
    let mut by: Vec<(String, String)> = p
        .annotations
        .iter()
        .map(|a| (a.annotator.clone(), a.text.clone()))
        .collect();
    by.sort();
    assert_eq!(
        by,
        [
            ("alice".to_owned(), "40,000".to_owned()),
            ("base".to_owned(), "The mayor".to_owned()),
            ("bob".to_owned(), "12,000".to_owned()),
        ]
    );
    assert_eq!(
        p.document(&DocId::from("rally")).unwrap().status,
        DocStatus::Done
    );
    assert!(p.conflicts.is_empty());
    // The stable layout, byte for byte what a save writes.
    let text = std::fs::read_to_string(repo.join("p.ron")).unwrap();
    assert_eq!(text, store::to_ron(&p).unwrap());
    sourcemark(repo).args(["check", "p.ron"]).assert().success();
}

#[test]
fn a_field_changed_two_ways_is_recorded_loadable_and_reported_by_check() {
    let inputs = tempfile::tempdir().unwrap();
    let dir = repo(inputs.path());
    let repo = dir.path();
    git(repo, &["checkout", "-qb", "alice"]);
    edit(repo, |p| p.annotations[0].label = "quote".into());
    import(
        repo,
        &jsonl(inputs.path(), "a.jsonl", &[(15, 21, "figure")]),
        "alice",
    );
    commit_all(repo, "alice");
    git(repo, &["checkout", "-q", "main"]);
    git(repo, &["checkout", "-qb", "bob"]);
    edit(repo, |p| p.annotations[0].label = "figure".into());
    commit_all(repo, "bob");
    git(repo, &["checkout", "-q", "alice"]);
    let out = git_output(repo, &["merge", "--no-edit", "bob"]);
    assert!(!out.status.success(), "git reports the conflict");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("CONFLICT (sourcemark)"), "{said}");
    assert!(said.contains("field label"), "{said}");

    let text = std::fs::read_to_string(repo.join("p.ron")).unwrap();
    assert!(
        !text.contains("<<<<<<<") && !text.contains(">>>>>>>"),
        "{text}"
    );
    let p = load(repo);
    let id = p
        .annotations
        .iter()
        .find(|a| a.annotator == "base")
        .unwrap()
        .id
        .clone();
    assert_eq!(
        p.annotation(&id).unwrap().label,
        "quote",
        "the file holds ours"
    );
    assert_eq!(p.annotations.len(), 2, "alice's other work is merged");
    assert_eq!(p.conflicts.len(), 1);
    let c = &p.conflicts[0];
    assert_eq!(c.record, RecordRef::Annotation(id.clone()));
    assert_eq!(c.field.as_deref(), Some("label"));
    assert_eq!(c.ours, Some("quote".into()));
    assert_eq!(c.theirs, Some("figure".into()));
    assert_eq!(c.holds, Side::Ours);

    let out = sourcemark(repo).args(["check", "p.ron"]).assert().code(1);
    let report = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let line = report
        .lines()
        .find(|l| l.contains("merge conflict"))
        .unwrap_or_else(|| panic!("{report}"));
    for part in [id.as_str(), "field label", "“quote”", "“figure”"] {
        assert!(line.contains(part), "{part} missing from {line}");
    }
}

#[test]
fn a_corrupt_base_is_named_and_ours_is_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = store::to_ron(&Project::new("p")).unwrap();
    std::fs::write(d.join("ours.ron"), &p).unwrap();
    std::fs::write(d.join("theirs.ron"), &p).unwrap();
    std::fs::write(d.join("base.ron"), "(format: 1, name: \"p\", labels: [(").unwrap();
    let out = sourcemark(d)
        .args([
            "merge-driver",
            "base.ron",
            "ours.ron",
            "theirs.ron",
            "p.ron",
        ])
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("base") && err.contains("base.ron"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(std::fs::read_to_string(d.join("ours.ron")).unwrap(), p);
}

#[test]
fn one_document_id_with_two_texts_is_named_as_such_and_recorded() {
    use sourcemark::model::Document;
    use sourcemark::text::DocText;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = Project::new("p");
    let with_doc = |text: &str| {
        let mut p = base.clone();
        let t = DocText::new(text.to_owned());
        p.documents.push(Document::new(
            DocId::from("rally"),
            "articles/rally.txt",
            &t,
        ));
        p
    };
    for (name, p) in [
        ("base.ron", base.clone()),
        ("ours.ron", with_doc("The mayor said 40,000.")),
        ("theirs.ron", with_doc("The mayor said 40,000 people came.")),
    ] {
        std::fs::write(d.join(name), store::to_ron(&p).unwrap()).unwrap();
    }
    let out = sourcemark(d)
        .args([
            "merge-driver",
            "base.ron",
            "ours.ron",
            "theirs.ron",
            "p.ron",
        ])
        .assert()
        .code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("document rally has different text on the two branches"),
        "{err}"
    );
    let merged = store::load(&d.join("ours.ron")).unwrap();
    assert_eq!(merged.documents[0].chars, 22, "the file holds ours");
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].field.as_deref(), Some("article"));
}
