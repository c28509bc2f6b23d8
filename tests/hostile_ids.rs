//! Hostile document ids: ids that are paths (`../../PWNED`, an absolute path, `a/b`,
//! `a\b`, `..`), ids with a newline or NUL, and a huge id. Each is refused on load with
//! its file, line and a message saying what to do; `sourcemark check` lists it; and no
//! export or import writes a file outside its folder, even for a project built in memory
//! that never went through the loader.

use assert_cmd::cargo::cargo_bin_cmd;
use sourcemark::check::{self, Problem};
use sourcemark::dataset::{self, ExportOptions, Format, Output};
use sourcemark::model::{Annotation, DocId, Document, IdKind, Project};
use sourcemark::store::{self, StoreError};
use sourcemark::text::DocText;
use sourcemark::workspace::Workspace;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const ARTICLE: &str = "Rally in Baghdad: more than 2.5 million took part.";

/// Every file under `dir` with its bytes, recursively: compared before and after to
/// prove that nothing was written, replaced or created anywhere under it.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let m = std::fs::symlink_metadata(&p).unwrap();
            if m.is_dir() {
                out.insert(p.clone(), Vec::new());
                stack.push(p);
            } else if m.is_symlink() {
                out.insert(p.clone(), b"-> link".to_vec());
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// A root folder holding `proj/` (the project and its article) and `outside/` (an
/// empty folder, the target of the absolute id). Returns the root.
struct Setup {
    root: tempfile::TempDir,
}

impl Setup {
    fn new() -> Self {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("proj")).unwrap();
        std::fs::create_dir(root.path().join("outside")).unwrap();
        std::fs::write(root.path().join("proj/a.txt"), ARTICLE).unwrap();
        Self { root }
    }

    fn proj(&self) -> PathBuf {
        self.root.path().join("proj")
    }

    fn project_file(&self) -> PathBuf {
        self.proj().join("p.ron")
    }

    fn outside(&self) -> PathBuf {
        self.root.path().join("outside")
    }

    /// A project with one document of id `id` (its article `a.txt`) and one span.
    fn project(&self, id: &str) -> Project {
        let text = DocText::new(ARTICLE.to_owned());
        let mut p = Project::new("hostile");
        p.documents
            .push(Document::new(DocId::from(id), "a.txt", &text));
        p.annotations
            .push(Annotation::new(DocId::from(id), &text, 0, 5, "claim", "t").unwrap());
        p.normalize();
        p
    }

    /// Writes the project file for `id` as sourcemark writes it.
    fn write(&self, id: &str) {
        let ron = store::to_ron(&self.project(id)).unwrap();
        std::fs::write(self.project_file(), ron).unwrap();
    }
}

/// The hostile ids, each with a name for assertion messages. The absolute one points
/// into the setup's `outside/` folder.
fn hostile(s: &Setup) -> Vec<(&'static str, String)> {
    vec![
        ("traversal", "../../PWNED".to_owned()),
        ("absolute", format!("{}/PWNED", s.outside().display())),
        ("slash", "a/b".to_owned()),
        ("backslash", "a\\b".to_owned()),
        ("dotdot", "..".to_owned()),
        ("newline", "a\nb".to_owned()),
        ("nul", "a\0b".to_owned()),
        ("huge", "x".repeat(1_000_000)),
    ]
}

/// What the messages must say is wrong with each id.
fn reason(kind: &str) -> &'static str {
    match kind {
        "traversal" | "absolute" | "slash" => "it contains '/', a path separator",
        "backslash" => "it contains '\\\\', a path separator",
        "dotdot" => "it is only dots",
        "newline" => "it contains the control character \\u{a}",
        "nul" => "it contains the control character \\u{0}",
        "huge" => "it is 1,000,000 bytes long, and at most 200 are allowed",
        _ => unreachable!(),
    }
}

fn line_of(path: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn load_refuses_each_hostile_id_with_file_line_and_remedy() {
    let s = Setup::new();
    for (kind, id) in hostile(&s) {
        s.write(&id);
        let path = s.project_file();
        let before = tree(s.root.path());
        let e = store::load(&path).unwrap_err();
        let StoreError::Parse { line, col, .. } = &e else {
            panic!("{kind}: expected a parse error, got {e:?}");
        };
        // The id's own line: the first line holding the start of the id as RON wrote it.
        let needle = format!(
            "(id: {}",
            &ron::to_string(&id).unwrap()[..20.min(id.len() + 1)]
        );
        assert_eq!(*line, line_of(&path, &needle), "{kind}: {e}");
        assert!(*col > 1, "{kind}: column {col}");
        let m = e.to_string();
        assert!(
            m.starts_with(&format!("{}:{line}:", path.display())),
            "{kind}: {m}"
        );
        assert!(m.contains("document id \""), "{kind}: {m}");
        assert!(m.contains(reason(kind)), "{kind}: {m}");
        assert!(m.contains("Rename it, for example to \""), "{kind}: {m}");
        assert!(!m.contains('\n') && !m.contains('\0'), "{kind}: {m:?}");
        assert!(m.len() < 800, "{kind}: {} bytes", m.len());
        // The window opens through the same loader and shows the same error.
        let w = Workspace::open(&path).map(|_| ()).unwrap_err().to_string();
        assert_eq!(w, m, "{kind}");
        assert_eq!(
            tree(s.root.path()),
            before,
            "{kind}: loading wrote something"
        );
    }
    let huge = {
        s.write(&"x".repeat(1_000_000));
        store::load(&s.project_file()).unwrap_err().to_string()
    };
    assert!(huge.contains("(1,000,000 chars)"), "{huge}");
}

#[test]
fn check_lists_each_hostile_id_on_one_line() {
    let s = Setup::new();
    for (kind, id) in hostile(&s) {
        s.write(&id);
        let path = s.project_file();
        let report = check::check(&path).unwrap();
        assert!(
            report.problems.iter().any(|p| matches!(
                p,
                Problem::BadId { kind: IdKind::Document, id: bad, .. } if *bad == id
            )),
            "{kind}: {:?}",
            report
                .problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
        );

        let before = tree(s.root.path());
        let out = cargo_bin_cmd!("sourcemark")
            .arg("check")
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(tree(s.root.path()), before, "{kind}: check wrote something");
        assert_eq!(out.status.code(), Some(1), "{kind}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        let bad: Vec<&str> = stdout
            .lines()
            .filter(|l| l.contains("document id") && l.contains("is not valid"))
            .collect();
        assert_eq!(bad.len(), 1, "{kind}: {stdout}");
        assert!(
            bad[0].starts_with(&format!("{}: document id \"", path.display())),
            "{kind}: {}",
            bad[0]
        );
        assert!(bad[0].contains(reason(kind)), "{kind}: {}", bad[0]);
        for l in stdout.lines() {
            assert!(l.len() < 800, "{kind}: a line of {} bytes", l.len());
            assert!(!l.contains('\0'), "{kind}: {l:?}");
        }
        // One line per problem: the id's newline did not split a line.
        assert_eq!(
            stdout.lines().count(),
            report.problems.len(),
            "{kind}: {stdout}"
        );
    }
}

#[test]
fn check_still_reports_other_parse_errors() {
    let s = Setup::new();
    // Format 0 with a bad id: the format error must win, not a list of problems.
    let ron = store::to_ron(&s.project("../x"))
        .unwrap()
        .replacen("format: 1", "format: 0", 1);
    std::fs::write(s.project_file(), ron).unwrap();
    let e = check::check(&s.project_file()).unwrap_err();
    assert!(e.to_string().contains("format 0"), "{e}");
}

#[test]
fn brat_export_of_a_hostile_project_writes_nothing_anywhere() {
    let s = Setup::new();
    for (kind, id) in hostile(&s) {
        // From the command line the loader refuses the project: exit 2, nothing written.
        s.write(&id);
        let out_dir = s.root.path().join("out");
        let before = tree(s.root.path());
        let out = cargo_bin_cmd!("sourcemark")
            .arg("export")
            .arg(s.project_file())
            .args(["--format", "brat", "--out"])
            .arg(&out_dir)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{kind}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("document id \""), "{kind}: {err}");
        assert!(err.len() < 1000, "{kind}: {} bytes", err.len());
        assert_eq!(
            tree(s.root.path()),
            before,
            "{kind}: export wrote something"
        );
        assert!(!out_dir.exists(), "{kind}");

        // A project built in memory never met the loader: the writer itself refuses.
        let (ws, _) = Workspace::from_project(&s.project_file(), s.project(&id));
        assert!(ws.text(&DocId::from(id.as_str())).is_some(), "{kind}");
        let before = tree(s.root.path());
        let e = dataset::export(
            &ws,
            Format::Brat,
            &ExportOptions::default(),
            Output::Path(out_dir.clone()),
            &mut |_, _| {},
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("cannot be a file name"), "{kind}: {e}");
        assert!(e.contains("nothing was written"), "{kind}: {e}");
        assert!(e.len() < 800, "{kind}: {} bytes", e.len());
        assert_eq!(
            tree(s.root.path()),
            before,
            "{kind}: the writer created or replaced a file"
        );
    }
}

#[test]
fn brat_export_never_writes_through_a_link() {
    let s = Setup::new();
    s.write("a");
    let out_dir = s.root.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let victim = s.outside().join("victim");
    std::fs::write(&victim, "keep me").unwrap();
    std::os::unix::fs::symlink(&victim, out_dir.join("a.ann")).unwrap();
    let before = tree(s.root.path());
    let out = cargo_bin_cmd!("sourcemark")
        .arg("export")
        .arg(s.project_file())
        .args(["--format", "brat", "--out"])
        .arg(&out_dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("a.ann") && err.contains("symbolic link"),
        "{err}"
    );
    assert_eq!(tree(s.root.path()), before);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
}

#[test]
fn brat_export_of_a_sound_project_writes_only_inside_out() {
    let s = Setup::new();
    s.write("a..b");
    let out_dir = s.root.path().join("out");
    let out = cargo_bin_cmd!("sourcemark")
        .arg("export")
        .arg(s.project_file())
        .args(["--format", "brat", "--out"])
        .arg(&out_dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a..b.ann", "a..b.txt", "annotation.conf"]);
    assert!(tree(&s.outside()).is_empty());
}
