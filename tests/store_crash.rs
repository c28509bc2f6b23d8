//! A save interrupted at any step, by an error (a full disk) or by a crash (the process
//! dies mid-way, simulated by a panic that skips all clean-up), leaves a file at the
//! project path that loads as exactly the old project or the new one.

use sourcemark::model::{Annotation, DocId, Document, Project};
use sourcemark::store::{self, SaveStep};
use sourcemark::text::DocText;
use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

/// A project with `n` annotations on one document; `tag` makes versions differ.
fn project(n: usize, tag: &str) -> Project {
    let body = format!("{tag}: “Get out, get out occupier!” — more than 2.5\u{a0}million. ");
    let text = DocText::new(body.repeat(20));
    let mut p = Project::new(tag);
    p.documents.push(Document {
        title: tag.into(),
        language: "en".into(),
        ..Document::new(DocId::from("doc"), "doc.txt", &text)
    });
    for i in 0..n {
        let start = (i * 7) % (text.char_len() - 40);
        let mut a =
            Annotation::new(DocId::from("doc"), &text, start, start + 30, "quote", tag).unwrap();
        a.note = format!("note {i} of {tag}");
        p.annotations.push(a);
    }
    p.normalize();
    p
}

/// How a save is interrupted.
#[derive(Clone, Copy, Debug)]
enum Interrupt {
    /// The hook returns an error: the save aborts and cleans up.
    Error,
    /// The hook panics: nothing after that point runs, as in a crash.
    Crash,
}

/// The steps a full save of `new` over an existing file goes through.
fn steps(dir: &Path, old: &Project, new: &Project) -> Vec<SaveStep> {
    let path = dir.join("steps.ron");
    store::save(&path, old).unwrap();
    let mut seen = Vec::new();
    store::save_with(&path, new, &mut |s| {
        seen.push(s);
        Ok(())
    })
    .unwrap();
    seen
}

/// Saves `new` over `old`, interrupted just before step number `k`.
fn interrupted_save(path: &Path, new: &Project, k: usize, how: Interrupt) {
    let mut count = 0;
    let mut hook = |_: SaveStep| -> io::Result<()> {
        count += 1;
        if count - 1 == k {
            match how {
                Interrupt::Error => return Err(io::Error::other("disk full")),
                Interrupt::Crash => panic!("crash"),
            }
        }
        Ok(())
    };
    let result = catch_unwind(AssertUnwindSafe(|| store::save_with(path, new, &mut hook)));
    match (how, result) {
        (Interrupt::Error, Ok(r)) => assert!(r.is_err(), "save at step {k} should fail"),
        (Interrupt::Crash, Err(_)) => {}
        (how, r) => panic!("unexpected outcome of {how:?} at step {k}: {r:?}"),
    }
}

fn check_every_step(n: usize, min_chunks: usize) {
    let old = project(n, "old");
    let new = project(n + 3, "new");
    let scratch = tempfile::tempdir().unwrap();
    let all = steps(scratch.path(), &old, &new);
    let chunks = all.iter().filter(|s| **s == SaveStep::WriteChunk).count();
    assert!(chunks >= min_chunks, "only {chunks} chunk(s)");
    for how in [Interrupt::Error, Interrupt::Crash] {
        for k in 0..all.len() {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("p.ron");
            store::save(&path, &old).unwrap();
            interrupted_save(&path, &new, k, how);
            let loaded = store::load(&path)
                .unwrap_or_else(|e| panic!("{how:?} before {:?} (#{k}): {e}", all[k]));
            assert!(
                loaded == old || loaded == new,
                "{how:?} before {:?} (#{k}) left neither version",
                all[k]
            );
            // Up to the rename the old file stands; from then on the new one.
            let renamed = all[..k].contains(&SaveStep::Rename);
            assert_eq!(loaded == new, renamed, "{how:?} before {:?} (#{k})", all[k]);
            // A failed or unwound save leaves no temporary file and no lock behind.
            let mut left: Vec<String> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            left.sort();
            left.retain(|n| n != "p.ron.bak");
            assert_eq!(left, ["p.ron"], "{how:?} before {:?} (#{k})", all[k]);
            store::save(&path, &new).unwrap();
            assert_eq!(store::load(&path).unwrap(), new);
        }
    }
}

#[test]
fn small_save_interrupted_at_every_step_leaves_old_or_new() {
    check_every_step(5, 1);
}

#[test]
fn multi_chunk_save_interrupted_at_every_chunk_leaves_old_or_new() {
    // About 600 bytes per annotation: several 64 KiB chunks.
    check_every_step(1_000, 5);
}

#[test]
fn first_save_interrupted_leaves_nothing_or_the_new_file() {
    let new = project(5, "new");
    let scratch = tempfile::tempdir().unwrap();
    let path = scratch.path().join("first.ron");
    let mut all = Vec::new();
    store::save_with(&path, &new, &mut |s| {
        all.push(s);
        Ok(())
    })
    .unwrap();
    assert!(!all.contains(&SaveStep::Backup), "nothing to back up");
    for k in 0..all.len() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        interrupted_save(&path, &new, k, Interrupt::Crash);
        if path.exists() {
            assert_eq!(store::load(&path).unwrap(), new);
        }
    }
}

#[test]
fn successful_save_keeps_previous_version_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let v1 = project(3, "one");
    let v2 = project(4, "two");
    let v3 = project(5, "three");
    store::save(&path, &v1).unwrap();
    assert!(!store::backup_path(&path).exists());
    let v1_bytes = std::fs::read(&path).unwrap();
    store::save(&path, &v2).unwrap();
    assert_eq!(std::fs::read(store::backup_path(&path)).unwrap(), v1_bytes);
    store::save(&path, &v3).unwrap();
    assert_eq!(store::load(&store::backup_path(&path)).unwrap(), v2);
    assert_eq!(store::load(&path).unwrap(), v3);
}

#[test]
fn failed_save_keeps_previous_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let v1 = project(3, "one");
    let v2 = project(4, "two");
    store::save(&path, &v1).unwrap();
    store::save(&path, &v2).unwrap();
    // A save that fails before the backup step leaves both files as they were.
    interrupted_save(&path, &project(6, "three"), 0, Interrupt::Error);
    assert_eq!(store::load(&store::backup_path(&path)).unwrap(), v1);
    assert_eq!(store::load(&path).unwrap(), v2);
}
