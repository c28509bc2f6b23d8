//! Import validates what `check` validates: a record `check` would reject is rejected
//! with its place and nothing is written; what import accepts, `check` passes. Hostile
//! inputs (paths as ids, links out of the input folder, a FIFO) write nothing outside
//! the project's folder, and error messages stay short however long the value.

use assert_cmd::cargo::cargo_bin_cmd;
use sourcemark::check;
use sourcemark::dataset::{self, Format, ImportOptions};
use sourcemark::workspace::Workspace;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every file under `dir` with its bytes, recursively (links as a marker).
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let m = std::fs::symlink_metadata(&p).unwrap();
            if m.is_symlink() {
                out.insert(p.clone(), b"-> link".to_vec());
            } else if m.is_dir() {
                out.insert(p.clone(), Vec::new());
                stack.push(p);
            } else if m.is_file() {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            } else {
                // A FIFO or device: opening it could block.
                out.insert(p.clone(), b"special".to_vec());
            }
        }
    }
    out
}

/// `root/proj/p.ron` (an empty saved project), `root/in/` for inputs and an empty
/// `root/outside/`.
struct Setup {
    root: tempfile::TempDir,
}

impl Setup {
    fn new() -> Self {
        let root = tempfile::tempdir().unwrap();
        for d in ["proj", "in", "outside"] {
            std::fs::create_dir(root.path().join(d)).unwrap();
        }
        Workspace::create(&root.path().join("proj/p.ron"), "Imported")
            .save()
            .unwrap();
        Self { root }
    }

    fn project(&self) -> PathBuf {
        self.root.path().join("proj/p.ron")
    }

    fn input(&self, name: &str, contents: &str) -> PathBuf {
        let p = self.root.path().join("in").join(name);
        std::fs::write(&p, contents).unwrap();
        p
    }

    fn outside(&self) -> PathBuf {
        self.root.path().join("outside")
    }

    /// Runs `sourcemark import`; returns (exit code, stdout, stderr).
    fn import(&self, format: &str, input: &Path) -> (i32, String, String) {
        let out = cargo_bin_cmd!("sourcemark")
            .arg("import")
            .arg(self.project())
            .args(["--format", format])
            .arg(input)
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    /// Asserts the import of `input` fails with `expected` in its message and writes
    /// nothing at all, from the library and from the command line. Returns the message.
    fn rejected(&self, format: Format, input: &Path, expected: &str) -> String {
        let before = tree(self.root.path());
        let (mut ws, _) = Workspace::open(&self.project()).unwrap();
        let e = dataset::import(&mut ws, format, input, &ImportOptions::default())
            .unwrap_err()
            .to_string();
        assert!(e.contains(expected), "{e}\nexpected: {expected}");
        assert_eq!(tree(self.root.path()), before, "the library wrote: {e}");
        let (code, _, err) = self.import(format.as_str(), input);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(expected), "{err}\nexpected: {expected}");
        assert_eq!(tree(self.root.path()), before, "the command wrote: {err}");
        e
    }

    /// Runs `sourcemark check` on the project and asserts it is clean.
    fn assert_checks(&self) {
        let r = check::check(&self.project()).unwrap();
        assert!(
            r.is_clean(),
            "{:?}",
            r.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>()
        );
    }
}

const TEXT: &str = "Rally in Baghdad, he said, drew millions.";

#[test]
fn more_ranges_that_overlap_or_come_first_are_rejected_with_their_line() {
    let s = Setup::new();
    // Line 2's extra range overlaps the main range; then one precedes it; then the
    // second extra range overlaps the first.
    let cases = [
        (
            r#"[[3,7]]"#,
            "line 2, span 1: extra range 3..7 overlaps or precedes the range before it",
        ),
        (
            r#"[[0,3]]"#,
            "line 2, span 1: extra range 0..3 overlaps or precedes",
        ),
        (
            r#"[[27,30],[28,40]]"#,
            "line 2, span 1: extra range 28..40 overlaps or precedes",
        ),
        (
            r#"[[30,30]]"#,
            "line 2, span 1: span 30..30 is empty or reversed",
        ),
    ];
    for (more, expected) in cases {
        let input = s.input(
            "in.jsonl",
            &format!(
                "{{\"text\":\"{TEXT}\",\"spans\":[]}}\n\
                 {{\"text\":\"{TEXT} Again.\",\"spans\":[{{\"start\":0,\"end\":5,\"label\":\"quote\",\"more\":{more}}}]}}\n"
            ),
        );
        s.rejected(Format::Jsonl, &input, expected);
    }
    // In order and apart, the same span is imported and passes `check`.
    let input = s.input(
        "in.jsonl",
        &format!(
            "{{\"text\":\"{TEXT}\",\"spans\":[{{\"start\":0,\"end\":16,\"label\":\"quote\",\"more\":[[27,40]]}}]}}\n"
        ),
    );
    let (code, out, err) = s.import("jsonl", &input);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 annotation(s) added"), "{out}");
    s.assert_checks();
}

#[test]
fn brat_fragments_out_of_order_and_nan_values_are_rejected_with_their_line() {
    let s = Setup::new();
    let dir = s.root.path().join("in/brat");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), TEXT).unwrap();
    std::fs::write(
        dir.join("a.ann"),
        "T1\tquote 27 40;0 16\tdrew millions Rally in Baghdad\n",
    )
    .unwrap();
    s.rejected(
        Format::Brat,
        &dir,
        "a.ann: line 1: extra range 0..16 overlaps or precedes the range before it",
    );
    for v in ["NaN", "inf", "-infinity"] {
        std::fs::write(
            dir.join("a.ann"),
            format!("T1\tfigure 32 40\tmillions\nA1\tvalue T1 {v}\n"),
        )
        .unwrap();
        s.rejected(
            Format::Brat,
            &dir,
            &format!("a.ann: line 2: value \"{v}\" is not a finite number"),
        );
    }
}

#[test]
fn ids_and_labels_check_would_reject_are_rejected() {
    let s = Setup::new();
    let input = s.input(
        "in.jsonl",
        &format!("{{\"text\":\"{TEXT}\",\"spans\":[{{\"id\":\"a\\nb\",\"start\":0,\"end\":5,\"label\":\"claim\"}}]}}\n"),
    );
    s.rejected(
        Format::Jsonl,
        &input,
        "line 1, span 1: annotation id \"a\\nb\" is not valid: it contains the control character",
    );
    let input = s.input(
        "in.jsonl",
        &format!("{{\"text\":\"{TEXT}\",\"spans\":[{{\"start\":0,\"end\":5,\"label\":\"cl\\u0000aim\"}}]}}\n"),
    );
    s.rejected(
        Format::Jsonl,
        &input,
        "line 1, span 1: label \"cl\\0aim\" is not valid",
    );
    let input = s.input(
        "in.jsonl",
        &format!(
            "{{\"text\":\"{TEXT}\"}}\n{{\"text\":\"x {TEXT}\",\"label\":[[0,5,\"a\\u0001b\"]]}}\n"
        ),
    );
    s.rejected(
        Format::Doccano,
        &input,
        "line 2, label 1: label \"a\\u{1}b\" is not valid",
    );
    let task = format!(
        r#"[{{"data":{{"text":"{TEXT}"}},"annotations":[{{"result":[{{"id":"{}","type":"labels","value":{{"start":0,"end":5,"labels":["claim"]}}}}]}}]}}]"#,
        "r".repeat(300)
    );
    let input = s.input("tasks.json", &task);
    s.rejected(
        Format::LabelStudio,
        &input,
        "task 1, annotation 1, result 1: annotation id \"rrrr",
    );
}

#[test]
fn hostile_ids_and_paths_in_records_stay_inside_the_project() {
    let s = Setup::new();
    let abs = s.outside().join("PWNED.txt");
    let records = [
        r#"{"id":"../../PWNED","text":"one","spans":[{"start":0,"end":3,"label":"claim"}]}"#
            .to_owned(),
        r#"{"path":"../../../PWNED.txt","text":"two","spans":[]}"#.to_owned(),
        format!(
            r#"{{"path":"{}","text":"three","spans":[]}}"#,
            abs.display()
        ),
        r#"{"id":"/etc/passwd","path":"..\\..\\evil.md","text":"four","spans":[]}"#.to_owned(),
        format!(
            r#"{{"id":"{}","text":"five","spans":[]}}"#,
            "z".repeat(100_000)
        ),
        r#"{"path":"CON:.txt","text":"six","spans":[]}"#.to_owned(),
    ];
    let input = s.input("in.jsonl", &(records.join("\n") + "\n"));
    let outside_before = tree(&s.outside());
    let in_before = tree(&s.root.path().join("in"));
    let (code, out, err) = s.import("jsonl", &input);
    assert_eq!(code, 0, "{err}");
    assert_eq!(tree(&s.outside()), outside_before);
    assert_eq!(tree(&s.root.path().join("in")), in_before);
    // Everything new is in the project's folder, the articles directly in `articles/`.
    let proj = s.root.path().join("proj");
    for p in tree(&proj).keys() {
        let rel = p.strip_prefix(&proj).unwrap();
        let ok = rel == Path::new("p.ron")
            || rel == Path::new("p.ron.bak")
            || rel == Path::new("articles")
            || (rel.parent() == Some(Path::new("articles")) && rel.to_string_lossy().len() < 120);
        assert!(ok, "unexpected {}", rel.display());
    }
    assert!(
        out.contains("new document pwned (articles/pwned.txt)"),
        "{out}"
    );
    assert!(out.contains("(articles/PWNED.txt)"), "{out}");
    assert!(out.contains("(articles/evil.md)"), "{out}");
    assert_eq!(out.matches("new document").count(), 6, "{out}");
    s.assert_checks();
}

#[test]
fn an_articles_folder_that_leads_outside_is_refused() {
    let s = Setup::new();
    std::os::unix::fs::symlink(s.outside(), s.root.path().join("proj/articles")).unwrap();
    let input = s.input("in.jsonl", "{\"text\":\"one\"}\n");
    let e = s.rejected(Format::Jsonl, &input, "outside the project's folder");
    assert!(e.contains("in.jsonl: line 1"), "{e}");
}

#[test]
fn brat_input_links_out_of_the_folder_and_fifos_are_refused() {
    let s = Setup::new();
    let dir = s.root.path().join("in/brat");
    std::fs::create_dir(&dir).unwrap();
    let secret = s.outside().join("secret");
    std::fs::write(&secret, "the secret").unwrap();
    std::os::unix::fs::symlink(&secret, dir.join("a.txt")).unwrap();
    std::fs::write(dir.join("a.ann"), "T1\tclaim 0 3\tthe\n").unwrap();
    s.rejected(Format::Brat, &dir, "outside the folder");
    std::fs::remove_file(dir.join("a.txt")).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(dir.join("a.txt"))
        .status()
        .unwrap();
    assert!(status.success());
    s.rejected(Format::Brat, &dir, "is not a regular file");
    // A link that stays inside the folder is followed.
    std::fs::remove_file(dir.join("a.txt")).unwrap();
    std::fs::write(dir.join("real.text"), "the text").unwrap();
    std::os::unix::fs::symlink(dir.join("real.text"), dir.join("a.txt")).unwrap();
    let (code, _, err) = s.import("brat", &dir);
    assert_eq!(code, 0, "{err}");
    s.assert_checks();
}

#[test]
fn long_values_make_short_messages() {
    let s = Setup::new();
    let huge = "a".repeat(1_000_000);
    let inputs = [
        // The span's stated text differs from the text: both are quoted.
        format!(
            r#"{{"text":"{huge}b","spans":[{{"start":0,"end":1000000,"label":"claim","text":"{huge}c"}}]}}"#
        ),
        // A huge label.
        format!(r#"{{"text":"x","spans":[{{"start":0,"end":1,"label":"{huge}"}}]}}"#),
        // serde_json's own message quotes the value.
        format!(r#"{{"text":"x","spans":[{{"start":"{huge}","end":1,"label":"c"}}]}}"#),
        // An unknown status.
        format!(r#"{{"text":"x","status":"{huge}"}}"#),
    ];
    for input in inputs {
        let path = s.input("in.jsonl", &input);
        let before = tree(s.root.path());
        let (code, _, err) = s.import("jsonl", &path);
        assert_eq!(code, 2);
        assert!(
            err.len() < 1000,
            "a message of {} bytes: {}",
            err.len(),
            &err[..300]
        );
        assert!(err.contains("(1,000,00"), "{err}");
        assert!(err.contains("in.jsonl: line 1"), "{err}");
        assert_eq!(tree(s.root.path()), before);
    }
}

#[test]
fn a_text_that_still_starts_with_a_bom_reads_back_as_imported() {
    // Reading an article drops one leading BOM: the second one is part of the text.
    let s = Setup::new();
    let input = s.input(
        "in.jsonl",
        "{\"text\":\"\\ufeff\\ufeffRally\",\"spans\":[{\"start\":1,\"end\":6,\"label\":\"claim\",\"text\":\"\\ufeffRall\"}]}\n",
    );
    let (code, _, err) = s.import("jsonl", &input);
    assert_eq!(code, 0, "{err}");
    s.assert_checks();
}
