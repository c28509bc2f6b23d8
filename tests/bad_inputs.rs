//! The corpus in `tests/data/bad/`: each bad input gets a clear message (file named,
//! line and column where they apply, what is wrong), from the library and from
//! `sourcemark check`, and nothing on disk is modified.

use assert_cmd::cargo::cargo_bin_cmd;
use sourcemark::check::{self, Problem};
use sourcemark::store::{self, StoreError};
use sourcemark::workspace::{Notice, Workspace};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A private copy of the corpus, so a bug that writes cannot damage the repository.
fn corpus() -> tempfile::TempDir {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad");
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    dir
}

/// Every file in the folder with its bytes: compared before and after to prove that
/// nothing was written, renamed or left behind.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

fn line_of(path: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

/// Runs `sourcemark check` on a corpus file; returns (exit code, stdout, stderr) and
/// asserts the folder is unchanged.
fn run_check(dir: &Path, file: &str) -> (i32, String, String) {
    let before = snapshot(dir);
    let out = cargo_bin_cmd!("sourcemark")
        .arg("check")
        .arg(dir.join(file))
        .output()
        .unwrap();
    assert_eq!(snapshot(dir), before, "check {file} modified the folder");
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn baseline_is_clean() {
    let dir = corpus();
    let (code, out, _) = run_check(dir.path(), "good.ron");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("ok"), "{out}");
}

#[test]
fn empty_file() {
    let dir = corpus();
    let path = dir.path().join("empty.ron");
    let e = store::load(&path).unwrap_err();
    assert!(
        matches!(
            e,
            StoreError::Parse {
                line: 1,
                col: 1,
                ..
            }
        ),
        "{e:?}"
    );
    let msg = e.to_string();
    assert!(
        msg.starts_with(&format!("{}:1:1:", path.display())),
        "{msg}"
    );
    assert!(msg.contains("empty"), "{msg}");
    let (code, out, err) = run_check(dir.path(), "empty.ron");
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("empty.ron:1:1: the file is empty"), "{err}");
}

#[test]
fn truncated_ron() {
    let dir = corpus();
    let path = dir.path().join("truncated.ron");
    let lines = std::fs::read_to_string(&path).unwrap().lines().count();
    match store::load(&path).unwrap_err() {
        StoreError::Parse {
            path: p,
            line,
            message,
            ..
        } => {
            assert_eq!(p, path);
            // The error is at the cut, not somewhere vague.
            assert_eq!(line, lines, "{message}");
            assert!(message.to_lowercase().contains("end"), "{message}");
        }
        e => panic!("expected a parse error, got {e:?}"),
    }
    let (code, _, err) = run_check(dir.path(), "truncated.ron");
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(&format!("truncated.ron:{lines}:")), "{err}");
}

#[test]
fn wrong_type() {
    let dir = corpus();
    let path = dir.path().join("wrong_type.ron");
    let expected_line = line_of(&path, "chars:");
    match store::load(&path).unwrap_err() {
        StoreError::Parse {
            line, col, message, ..
        } => {
            assert_eq!(line, expected_line, "{message}");
            assert!(col > 1, "column should point into the line");
            assert!(
                message.contains("string") || message.contains("integer"),
                "{message}"
            );
        }
        e => panic!("expected a parse error, got {e:?}"),
    }
    let (code, _, err) = run_check(dir.path(), "wrong_type.ron");
    assert_eq!(code, 2);
    assert!(
        err.contains(&format!("wrong_type.ron:{expected_line}:")),
        "{err}"
    );
}

#[test]
fn project_file_not_utf8() {
    let dir = corpus();
    let path = dir.path().join("not_utf8_project.ron");
    let msg = store::load(&path).unwrap_err().to_string();
    assert!(msg.contains("not_utf8_project.ron"), "{msg}");
    assert!(
        msg.contains("not UTF-8") && msg.contains("offset 40"),
        "{msg}"
    );
    let (code, _, err) = run_check(dir.path(), "not_utf8_project.ron");
    assert_eq!(code, 2, "{err}");
}

#[test]
fn newer_format_is_refused_and_never_overwritten() {
    let dir = corpus();
    let path = dir.path().join("newer_format.ron");
    match store::load(&path).unwrap_err() {
        e @ StoreError::NewerFormat {
            found: 2,
            supported: 1,
            ..
        } => {
            let msg = e.to_string();
            assert!(msg.contains("newer_format.ron"), "{msg}");
            assert!(msg.contains("newer sourcemark"), "{msg}");
        }
        e => panic!("expected NewerFormat, got {e:?}"),
    }
    assert!(Workspace::open(&path).is_err());
    // Also when the newer version changed the shape of a field this build knows.
    let reshaped = "(format: 7, name: \"x\", labels: {\"claim\": 1})";
    assert!(matches!(
        store::from_ron(&path, reshaped),
        Err(StoreError::NewerFormat { found: 7, .. })
    ));

    let (code, _, err) = run_check(dir.path(), "newer_format.ron");
    assert_eq!(code, 2);
    assert!(err.contains("project format 2"), "{err}");

    // Commands that write refuse too, and leave every byte in place.
    let before = snapshot(dir.path());
    for args in [
        vec!["add", "newer_format.ron", "article.txt"],
        vec!["new", "newer_format.ron", "article.txt"],
        vec!["stats", "newer_format.ron"],
    ] {
        cargo_bin_cmd!("sourcemark")
            .current_dir(dir.path())
            .args(&args)
            .assert()
            .code(2);
        assert_eq!(snapshot(dir.path()), before, "{args:?} touched the folder");
    }
}

#[test]
fn unknown_label() {
    let dir = corpus();
    let path = dir.path().join("unknown_label.ron");
    let report = check::check(&path).unwrap();
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert!(
        matches!(&report.problems[0], Problem::UnknownLabel { file, label, .. } if *file == path && label == "opinion")
    );
    let (code, out, _) = run_check(dir.path(), "unknown_label.ron");
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("unknown_label.ron: annotation a0000000001: label \"opinion\" is not in the label scheme (known: claim, quote, figure)"), "{out}");
}

#[test]
fn span_past_end() {
    let dir = corpus();
    let path = dir.path().join("span_past_end.ron");
    let report = check::check(&path).unwrap();
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    match &report.problems[0] {
        Problem::SpanPastEnd { file, end, len, .. } => {
            assert_eq!(*file, dir.path().join("article.txt"));
            assert_eq!((*end, *len), (99, 79));
        }
        p => panic!("expected SpanPastEnd, got {p:?}"),
    }
    let (code, out, _) = run_check(dir.path(), "span_past_end.ron");
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("article.txt: annotation a0000000001"), "{out}");
    assert!(
        out.contains("runs past the end of the text (79 chars)"),
        "{out}"
    );
}

#[test]
fn duplicate_ids() {
    let dir = corpus();
    let path = dir.path().join("duplicate_ids.ron");
    let report = check::check(&path).unwrap();
    let mut kinds: Vec<&str> = report
        .problems
        .iter()
        .map(|p| match p {
            Problem::DuplicateDocument { .. } => "document",
            Problem::DuplicateAnnotation { .. } => "annotation",
            Problem::DuplicateLink { .. } => "link",
            // Both links join a0000000001 to itself (as ids say; two annotations share it).
            Problem::SelfLink { .. } => "self",
            _ => "other",
        })
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        ["annotation", "document", "link", "self", "self"],
        "{:?}",
        report.problems
    );
    let (code, out, _) = run_check(dir.path(), "duplicate_ids.ron");
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 5, "{out}");
    assert!(out.contains("link l1: it links annotation a0000000001 to itself"));
    assert!(out.contains("document id article is used more than once"));
    assert!(out.contains("annotation id a0000000001 is used more than once"));
    assert!(out.contains("link id l1 is used more than once"));
}

#[test]
fn non_utf8_article() {
    let dir = corpus();
    let path = dir.path().join("non_utf8_article.ron");
    let article = dir.path().join("latin1.txt");
    // Byte 3 is the Latin-1 'é' of "Café".
    let report = check::check(&path).unwrap();
    assert_eq!(
        report.problems,
        vec![Problem::NotUtf8 {
            file: article.clone(),
            doc: "latin1".into(),
            offset: 3
        }]
    );
    let (code, out, _) = run_check(dir.path(), "non_utf8_article.ron");
    assert_eq!(code, 1);
    assert!(
        out.contains("latin1.txt") && out.contains("offset 3"),
        "{out}"
    );

    // The window opens the project anyway and says why the article is not shown.
    let (ws, notices) = Workspace::open(&path).unwrap();
    assert!(ws.text(&"latin1".into()).is_none());
    assert!(
        matches!(&notices[..], [Notice::Unreadable { message, .. }] if message.contains("offset 3")),
        "{notices:?}"
    );

    // Adding it to a project is refused, naming the file and the byte, and the project
    // file is not touched.
    let before = snapshot(dir.path());
    let out = cargo_bin_cmd!("sourcemark")
        .current_dir(dir.path())
        .args(["add", "good.ron", "latin1.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("latin1.txt") && err.contains("offset 3"),
        "{err}"
    );
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn missing_article() {
    let dir = corpus();
    let path = dir.path().join("missing_article.ron");
    let report = check::check(&path).unwrap();
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert!(
        matches!(&report.problems[0], Problem::MissingArticle { file, annotations: 1, .. } if *file == dir.path().join("gone.txt"))
    );
    let (code, out, _) = run_check(dir.path(), "missing_article.ron");
    assert_eq!(code, 1);
    assert!(
        out.contains("gone.txt: article of document gone is missing"),
        "{out}"
    );

    // Opening still works, flags the document and keeps its annotation.
    let (ws, notices) = Workspace::open(&path).unwrap();
    assert!(
        matches!(&notices[..], [Notice::Missing { .. }]),
        "{notices:?}"
    );
    assert_eq!(ws.project.annotations.len(), 1);
    assert!(!ws.project.annotations[0].orphaned);
}
