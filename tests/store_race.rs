//! Two writers at once on one project: never a corrupt file or `.bak`, never a silent
//! lost update. Each writer either saves (and its change is there) or fails, saying
//! another sourcemark is writing, and changes nothing.

use sourcemark::model::{Annotation, Project};
use sourcemark::store;
use sourcemark::text::DocText;
use sourcemark::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const WORDS: usize = 3_000;
const ROUNDS: usize = 8;
const PER_IMPORT: usize = 10;

fn article() -> String {
    (0..WORDS).map(|i| format!("w{i:04} ")).collect()
}

/// A project of one article with 1,500 quotes on its last words, so a save takes long
/// enough for two to overlap.
fn big_project(dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    let art = dir.join("articles/words.txt");
    std::fs::write(&art, article()).unwrap();
    let path = dir.join("p.ron");
    let mut ws = Workspace::create(&path, "race");
    ws.add_article(&art).unwrap();
    let doc = ws.project.documents[0].id.clone();
    let t = ws.text(&doc).unwrap().clone();
    for w in WORDS / 2..WORDS {
        let a = Annotation::new(doc.clone(), &t, w * 6, w * 6 + 5, "quote", "setup").unwrap();
        ws.project.annotations.push(a);
    }
    ws.project.normalize();
    ws.save().unwrap();
    path
}

/// A doccano input that tags words `first..first + PER_IMPORT` as claims.
fn input(dir: &Path, name: &str, first: usize) -> PathBuf {
    let spans: Vec<String> = (first..first + PER_IMPORT)
        .map(|w| format!("[{},{},\"claim\"]", w * 6, w * 6 + 5))
        .collect();
    let line = format!(
        "{{\"text\":{},\"label\":[{}]}}\n",
        serde_json_string(&article()),
        spans.join(",")
    );
    let p = dir.join(name);
    std::fs::write(&p, line).unwrap();
    p
}

fn serde_json_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn import(project: &Path, input: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_sourcemark"))
        .args(["import", "--format", "doccano"])
        .arg(project)
        .arg(input)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

fn has_words(p: &Project, first: usize) -> usize {
    (first..first + PER_IMPORT)
        .filter(|w| {
            p.annotations
                .iter()
                .any(|a| a.label == "claim" && a.start == w * 6)
        })
        .count()
}

fn judge(out: &Output, project: &Project, first: usize, who: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        Some(0) => assert_eq!(
            has_words(project, first),
            PER_IMPORT,
            "{who} said it saved, so its spans are there"
        ),
        Some(2) => {
            assert!(
                err.contains("is being written by another sourcemark")
                    && err.contains("nothing was changed"),
                "{who}: {err}"
            );
            assert_eq!(
                has_words(project, first),
                0,
                "{who} failed, so it changed nothing"
            );
        }
        other => panic!("{who} exited {other:?}: {err}"),
    }
}

#[test]
fn two_imports_at_once_never_corrupt_or_lose_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = big_project(dir.path());
    let mut saved_both = 0;
    for round in 0..ROUNDS {
        let (a_first, b_first) = (round * 2 * PER_IMPORT, round * 2 * PER_IMPORT + PER_IMPORT);
        let a_in = input(dir.path(), &format!("a{round}.jsonl"), a_first);
        let b_in = input(dir.path(), &format!("b{round}.jsonl"), b_first);
        let (a, b) = (import(&path, &a_in), import(&path, &b_in));
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        let project = store::load(&path).unwrap_or_else(|e| panic!("round {round}: {e}"));
        store::load(&store::backup_path(&path))
            .unwrap_or_else(|e| panic!("round {round}, the .bak: {e}"));
        judge(&a, &project, a_first, "first import");
        judge(&b, &project, b_first, "second import");
        if a.status.success() && b.status.success() {
            saved_both += 1;
        }
    }
    // The lock waits for the other writer rather than failing at once.
    assert!(saved_both > 0, "no round saved both imports");
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") || n.ends_with(".lock"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn threads_saving_at_once_leave_one_whole_version_and_a_whole_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let t = DocText::new(article());
    let versions: Vec<Project> = (0..4)
        .map(|v| {
            let mut p = Project::new(&format!("v{v}"));
            for w in 0..400 {
                let a = Annotation::new("d".into(), &t, w * 6, w * 6 + 5, "claim", "x").unwrap();
                p.annotations.push(a);
            }
            p.normalize();
            p
        })
        .collect();
    store::save(&path, &versions[0]).unwrap();
    std::thread::scope(|s| {
        for v in &versions {
            let path = &path;
            s.spawn(move || {
                for _ in 0..10 {
                    store::save(path, v).unwrap();
                }
            });
        }
    });
    let last = store::load(&path).unwrap();
    assert!(versions.contains(&last));
    let bak = store::load(&store::backup_path(&path)).unwrap();
    assert!(versions.contains(&bak));
}
