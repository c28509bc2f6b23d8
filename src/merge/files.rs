//! The merge of three project files, as git's merge driver runs it: read the common
//! ancestor, ours and theirs, merge them, and write the result over ours.
//!
//! Ours is replaced only once everything was read and merged, atomically and in the
//! stable layout, so a failure at any step leaves it as it was. Conflicts do not stop
//! the write: the file written holds ours for each conflicting field and lists every
//! conflict in its `conflicts` list (see [`crate::model::RecordedConflict`]), a valid
//! project that `sourcemark check` and the window can settle. No `.bak` and no lock file
//! are left beside ours: git's temporary files are git's.

use super::{Conflict, Dropped, Input, MergeError, merge};
use crate::model::Project;
use crate::store::{self, StoreError};
use std::path::{Path, PathBuf};

/// What a merge of files did.
#[derive(Clone, Debug, PartialEq)]
pub struct FileMerge {
    /// The conflicts recorded in the file written; empty for a clean merge.
    pub conflicts: Vec<Conflict>,
    /// What had to be removed to keep the project whole.
    pub dropped: Vec<Dropped>,
}

impl FileMerge {
    /// True when nothing needs a person (git is told the merge succeeded).
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty()
    }
}

/// Why files could not be merged; ours is untouched.
#[derive(Debug, thiserror::Error)]
pub enum FileMergeError {
    /// One of the three could not be read or is not a project.
    #[error("cannot read {} ({}, {}): {source}", name(*input), input, path.display())]
    Read {
        /// Which one.
        input: Input,
        /// Its path.
        path: PathBuf,
        /// Why.
        source: StoreError,
    },
    /// The projects cannot be matched (two records with one id).
    #[error("cannot merge: {0}")]
    Merge(#[from] MergeError),
    /// The result could not be written over ours.
    #[error("cannot write the merged project: {0}")]
    Write(StoreError),
}

/// The short name git's documentation gives each input.
fn name(input: Input) -> &'static str {
    match input {
        Input::Base => "base",
        Input::Ours => "ours",
        Input::Theirs => "theirs",
    }
}

/// Reads one input. An empty common ancestor is git's way of saying there is none (both
/// branches added the file): an empty project then, so that what both added alike
/// merges and the rest is a conflict.
fn read(path: &Path, input: Input) -> Result<Project, FileMergeError> {
    let fail = |source| FileMergeError::Read {
        input,
        path: path.to_owned(),
        source,
    };
    if input == Input::Base && std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0) {
        let mut p = Project::new("");
        p.labels.0.clear();
        return Ok(p);
    }
    store::load(path).map_err(fail)
}

/// Merges the projects in `base` and `theirs` into `ours`, writing the result over
/// `ours`; see the module docs.
pub fn merge_files(base: &Path, ours: &Path, theirs: &Path) -> Result<FileMerge, FileMergeError> {
    // Read on three threads: each load is most of a large merge's time.
    let (b, o, t) = std::thread::scope(|s| {
        let b = s.spawn(|| read(base, Input::Base));
        let t = s.spawn(|| read(theirs, Input::Theirs));
        let o = read(ours, Input::Ours);
        let join = |h: std::thread::ScopedJoinHandle<'_, Result<Project, FileMergeError>>,
                    input,
                    path: &Path| {
            h.join().unwrap_or_else(|_| {
                Err(FileMergeError::Read {
                    input,
                    path: path.to_owned(),
                    source: StoreError::Io {
                        path: path.to_owned(),
                        source: std::io::Error::other("the reading thread failed"),
                    },
                })
            })
        };
        (
            join(b, Input::Base, base),
            o,
            join(t, Input::Theirs, theirs),
        )
    });
    let (b, o, t) = (b?, o?, t?);
    let merged = merge(&b, &o, &t)?;
    // Freed before the file's text is made, so its allocations reuse their memory
    // instead of faulting in fresh pages (most of a large merge's time otherwise).
    drop((b, o, t));
    let conflicts = merged.conflicts.clone();
    let dropped = merged.dropped.clone();
    let project = merged.into_recorded();
    let text = store::to_ron(&project).map_err(|e| {
        FileMergeError::Write(StoreError::Serialize {
            path: ours.to_owned(),
            message: e.to_string(),
        })
    })?;
    store::write_atomic(ours, &[text], false, &mut |_| Ok(())).map_err(FileMergeError::Write)?;
    Ok(FileMerge { conflicts, dropped })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, p: &Project) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, store::to_ron(p).expect("written")).expect("saved");
        path
    }

    #[test]
    fn a_corrupt_input_is_named_and_ours_is_untouched() {
        let dir = tempfile::tempdir().expect("dir");
        let p = Project::new("p");
        let ours = write(dir.path(), "ours.ron", &p);
        let theirs = write(dir.path(), "theirs.ron", &p);
        let base = dir.path().join("base.ron");
        std::fs::write(&base, "(format: 1, name: ").expect("written");
        let before = std::fs::read(&ours).expect("read");
        let err = merge_files(&base, &ours, &theirs).expect_err("corrupt base");
        let msg = err.to_string();
        assert!(msg.contains("base") && msg.contains("base.ron"), "{msg}");
        assert_eq!(std::fs::read(&ours).expect("read"), before);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("listed")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 3, "nothing left beside ours: {names:?}");
    }

    #[test]
    fn a_conflict_is_written_as_a_loadable_project_that_records_it() {
        let dir = tempfile::tempdir().expect("dir");
        let base = Project::new("Rally");
        let mut o = base.clone();
        o.name = "ours".into();
        let mut t = base.clone();
        t.name = "theirs".into();
        let [b, op, tp] =
            [("b.ron", &base), ("o.ron", &o), ("t.ron", &t)].map(|(n, p)| write(dir.path(), n, p));
        let m = merge_files(&b, &op, &tp).expect("merged");
        assert!(!m.is_clean());
        let back = store::load(&op).expect("loadable");
        assert_eq!(back.name, "ours");
        assert_eq!(back.conflicts.len(), 1);
    }

    #[test]
    fn an_empty_base_merges_what_both_added_alike() {
        let dir = tempfile::tempdir().expect("dir");
        let p = Project::new("Rally");
        let b = dir.path().join("b.ron");
        std::fs::write(&b, "").expect("written");
        let o = write(dir.path(), "o.ron", &p);
        let t = write(dir.path(), "t.ron", &p);
        assert!(merge_files(&b, &o, &t).expect("merged").is_clean());
        assert_eq!(store::load(&o).expect("loadable"), p);
    }
}
