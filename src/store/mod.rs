//! The project file: RON in a fixed layout, versioned, written atomically.
//!
//! Two saves of the same project give the same bytes, so a git diff shows only what
//! changed. A save takes the project's lock ([`ProjectLock`]), writes a temporary file
//! of its own beside the project, syncs it, keeps the file it replaces as
//! `PROJECT.ron.bak` (a hard link, else a copy) and renames the temporary file over the
//! project: a crash at any instant leaves the old file or the new one, whole, and two
//! writers never write into the same temporary file or back up each other's output.

use crate::model::{FORMAT, Project};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

mod atomic;
mod fast_record;
mod fast_str;
mod identity;
mod lock;
mod split;

pub use atomic::{AtomicFile, resolve};
pub use identity::{FileChange, FileIdentity};
pub use lock::{ProjectLock, WAIT as LOCK_WAIT, lock_path};

/// Why a project file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Reading or writing failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// What the OS said.
        source: io::Error,
    },
    /// The file is not a valid project file.
    #[error("{}:{line}:{col}: {message}", path.display())]
    Parse {
        /// The project file.
        path: PathBuf,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        col: usize,
        /// What is wrong there.
        message: String,
    },
    /// The file was written by a newer sourcemark; it is left untouched.
    #[error(
        "{}: written by a newer sourcemark (project format {found}, this version reads up to {supported}); update sourcemark to open it",
        path.display()
    )]
    NewerFormat {
        /// The project file.
        path: PathBuf,
        /// Version in the file.
        found: u32,
        /// Highest version this build reads.
        supported: u32,
    },
    /// Another process holds the project's lock; nothing was written.
    #[error(
        "{} is being written by another sourcemark{}; nothing was changed",
        path.display(),
        pid.map(|p| format!(" (pid {p})")).unwrap_or_default()
    )]
    Locked {
        /// The project file.
        path: PathBuf,
        /// The other writer, when it has said.
        pid: Option<u32>,
    },
    /// The file changed on disk since it was read; nothing was written, so that the
    /// other change is not lost.
    #[error(
        "{} was changed on disk by someone else since it was opened; nothing was written",
        path.display()
    )]
    ChangedOnDisk {
        /// The project file.
        path: PathBuf,
    },
    /// Serialising failed (a value RON cannot represent).
    #[error("{}: cannot write project: {message}", path.display())]
    Serialize {
        /// The project file.
        path: PathBuf,
        /// What RON said.
        message: String,
    },
}

impl StoreError {
    fn io(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
        move |source| StoreError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

/// The layout of project files: one line per label, document, annotation and link,
/// so a git diff or merge shows each changed record as one changed line, and the file
/// carries little indentation to write and skip.
pub(crate) fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .depth_limit(2)
        .indentor("  ")
        .new_line("\n")
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        .compact_arrays(false)
}

/// The project as RON text in the stable layout. The project is normalised on a copy
/// only when it is out of order, so saving never reorders the caller's data silently.
/// A large project is written on all cores.
pub fn to_ron(project: &Project) -> Result<String, ron::Error> {
    to_ron_on(project, crate::par::threads(), split::MIN_PARALLEL)
}

/// [`to_ron`] with the annotations written on up to `threads` threads once there are
/// at least `min` of them. The bytes never depend on either: tests and benches pick
/// them to compare the paths.
pub fn to_ron_on(project: &Project, threads: usize, min: usize) -> Result<String, ron::Error> {
    Ok(to_ron_text(project, threads, min)?.into_string())
}

/// The project file's text as ron alone writes it, with none of the fast paths: the
/// reference they must equal byte for byte (tests and benches compare with it).
pub fn to_ron_by_ron_alone(project: &Project) -> Result<String, ron::Error> {
    split::by_ron_alone(&in_order(project), &pretty())
}

/// [`to_ron_on`] as the parts the threads wrote.
fn to_ron_text(
    project: &Project,
    threads: usize,
    min: usize,
) -> Result<split::RonText, ron::Error> {
    split::to_text(&in_order(project), &pretty(), threads, min)
}

/// The project in its stable order: itself when it is in order already, else a sorted
/// copy, so that saving never reorders the caller's data silently.
fn in_order(project: &Project) -> std::borrow::Cow<'_, Project> {
    if is_in_order(project) {
        return std::borrow::Cow::Borrowed(project);
    }
    let mut sorted = project.clone();
    sorted.normalize();
    std::borrow::Cow::Owned(sorted)
}

/// True when the project is in its stable order already.
fn is_in_order(p: &Project) -> bool {
    p.documents.is_sorted_by(|a, b| a.id <= b.id)
        && p.annotations
            .is_sorted_by(|a, b| a.sort_key() <= b.sort_key())
        && p.links.is_sorted_by(|a, b| a.id <= b.id)
        && p.clusters.is_sorted_by(|a, b| a.id <= b.id)
        && p.rejected.is_sorted_by(|a, b| a < b)
}

/// Just enough of a project file to read its version before parsing the rest.
#[derive(serde::Deserialize)]
struct Header {
    format: u32,
}

fn parse_error(path: &Path, e: ron::error::SpannedError) -> StoreError {
    StoreError::Parse {
        path: path.to_owned(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: e.code.to_string(),
    }
}

/// Refuses versions this build cannot read: newer ones (left untouched for a newer
/// sourcemark) and 0, which no sourcemark ever wrote.
fn check_format(path: &Path, format: u32) -> Result<(), StoreError> {
    if format > FORMAT {
        return Err(StoreError::NewerFormat {
            path: path.to_owned(),
            found: format,
            supported: FORMAT,
        });
    }
    if format == 0 {
        return Err(StoreError::Parse {
            path: path.to_owned(),
            line: 1,
            col: 1,
            message: "format 0 is not a sourcemark project format".to_owned(),
        });
    }
    Ok(())
}

/// Parses project text; `path` is only used in errors. A large project is read on all
/// cores.
pub fn from_ron(path: &Path, text: &str) -> Result<Project, StoreError> {
    from_ron_on(path, text, crate::par::threads(), split::MIN_PARALLEL)
}

/// [`from_ron`] with the annotations read on up to `threads` threads once the file
/// holds at least `min` × 64 bytes of them. The result never depends on either.
pub fn from_ron_on(
    path: &Path,
    text: &str,
    threads: usize,
    min: usize,
) -> Result<Project, StoreError> {
    if text.trim().is_empty() {
        return Err(StoreError::Parse {
            path: path.to_owned(),
            line: 1,
            col: 1,
            message: "the file is empty".to_owned(),
        });
    }
    let parsed = match split::from_str(text, threads, min) {
        Some(p) => Ok(p),
        None => parse_whole(path, text),
    };
    // ron quotes the offending value in full; a message stays short and on one line.
    let mut project = parsed.map_err(|e| match e {
        StoreError::Parse {
            path,
            line,
            col,
            message,
        } => StoreError::Parse {
            path,
            line,
            col,
            message: crate::model::quote::shorten_quoted(&message).into_owned(),
        },
        e => e,
    })?;
    check_format(path, project.format)?;
    // A document id becomes a file name in exports: one that is a path is refused here,
    // before anything can write with it (`check` lists every bad id).
    if let Some(bad) = crate::model::BadDocumentId::find(&project) {
        let (line, col) = bad.locate(text);
        return Err(StoreError::Parse {
            path: path.to_owned(),
            line,
            col,
            message: bad.message(),
        });
    }
    project.normalize();
    Ok(project)
}

/// One ron call over the whole text; its errors carry line and column.
fn parse_whole(path: &Path, text: &str) -> Result<Project, StoreError> {
    let options = ron::Options::default();
    // One full parse in the common case: a header-first parse would walk the whole file
    // twice (serde must skip every other field), doubling the load time of a large project.
    // FORMAT 1 is the first format; later versions read the header first and migrate,
    // keyed on `header.format`, before the final parse.
    options.from_str::<Project>(text).or_else(|e| {
        // A newer file may fail on whatever field it added: say it is newer instead.
        if let Ok(header) = options.from_str::<Header>(text) {
            check_format(path, header.format)?;
        }
        Err(parse_error(path, e))
    })
}

/// Reads a project file (the RON only; see [`crate::workspace`] for the articles).
pub fn load(path: &Path) -> Result<Project, StoreError> {
    let bytes = fs::read(path).map_err(StoreError::io(path))?;
    parse_bytes(path, bytes)
}

/// [`load`], with the identity of the file as read, for a window that must notice when
/// someone else changes it.
pub fn load_identified(path: &Path) -> Result<(Project, FileIdentity), StoreError> {
    let bytes = fs::read(path).map_err(StoreError::io(path))?;
    let identity = FileIdentity::of_bytes(path, &bytes).map_err(StoreError::io(path))?;
    Ok((parse_bytes(path, bytes)?, identity))
}

fn parse_bytes(path: &Path, bytes: Vec<u8>) -> Result<Project, StoreError> {
    let text = String::from_utf8(bytes).map_err(|e| StoreError::Parse {
        path: path.to_owned(),
        line: 1,
        col: 1,
        message: format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })?;
    from_ron(path, &text)
}

/// A step of an atomic save, for tests that interrupt a save at each step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveStep {
    /// About to create the temporary file.
    CreateTemp,
    /// About to write a chunk of the new contents (several times).
    WriteChunk,
    /// About to sync the temporary file.
    SyncTemp,
    /// About to copy the old file to `.bak`.
    Backup,
    /// About to rename the temporary file over the project.
    Rename,
    /// About to sync the directory.
    SyncDir,
}

/// `PROJECT.ron.bak`, the previous version kept by each save.
pub fn backup_path(path: &Path) -> PathBuf {
    with_suffix(path, "bak")
}

/// `PROJECT.ron.recovery`, where autosave writes unsaved work.
pub fn recovery_path(path: &Path) -> PathBuf {
    with_suffix(path, "recovery")
}

pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".");
    s.push(suffix);
    PathBuf::from(s)
}

/// Saves atomically, keeping the previous file as `.bak`, under the project's lock.
pub fn save(path: &Path, project: &Project) -> Result<(), StoreError> {
    save_with(path, project, &mut |_| Ok(()))
}

/// [`save`] with a hook called before each step; an error from the hook aborts the save
/// there, as a crash or a full disk would.
pub fn save_with(
    path: &Path,
    project: &Project,
    hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
) -> Result<(), StoreError> {
    let lock = ProjectLock::acquire(path)?;
    save_locked(&lock, project, hook)
}

/// Saves the project `lock` guards, for a caller that took the lock before reading the
/// project (a read-modify-write, such as an import).
pub fn save_locked(
    lock: &ProjectLock,
    project: &Project,
    hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
) -> Result<(), StoreError> {
    let path = lock.project();
    let text = ron_text(path, project)?;
    write_atomic(path, &text.parts(), true, hook)
}

/// Saves the project `lock` guards only if the file is still the one `expected`
/// describes (a file rewritten with the same content counts as the same, a missing one
/// is written anew); returns the identity of what was written. This is the window's
/// save: it never overwrites a change it has not seen.
pub fn save_checked(
    lock: &ProjectLock,
    project: &Project,
    expected: Option<&FileIdentity>,
) -> Result<FileIdentity, StoreError> {
    let path = lock.project();
    if let Some(id) = expected
        && let FileChange::Changed(_) = id.check(path).map_err(StoreError::io(path))?
    {
        return Err(StoreError::ChangedOnDisk {
            path: path.to_owned(),
        });
    }
    let text = ron_text(path, project)?;
    let parts = text.parts();
    // The hash of what is written is taken on another core while the file is written,
    // so the window's save costs about what a plain save does.
    let (written, digest) = std::thread::scope(|s| {
        let hasher = s.spawn(|| identity::digest(&parts));
        let written = write_atomic(path, &parts, true, &mut |_| Ok(()));
        (written, hasher.join())
    });
    written?;
    let digest = match digest {
        Ok(d) => d,
        Err(_) => identity::digest(&parts),
    };
    FileIdentity::of_digest(&resolve(path)?, digest).map_err(StoreError::io(path))
}

/// The project file's text for `path`, as the parts the threads wrote.
fn ron_text(path: &Path, project: &Project) -> Result<split::RonText, StoreError> {
    to_ron_text(project, crate::par::threads(), split::MIN_PARALLEL).map_err(|e| {
        StoreError::Serialize {
            path: path.to_owned(),
            message: e.to_string(),
        }
    })
}

/// Writes `parts`, one after the other, to `path` through a synced temporary file of its
/// own and a rename. With `backup`, the file being replaced is first kept as `.bak`.
/// A `path` that is a symlink keeps pointing at the file, which is what changes.
pub fn write_atomic(
    path: &Path,
    parts: &[impl AsRef<[u8]>],
    backup: bool,
    hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
) -> Result<(), StoreError> {
    hook(SaveStep::CreateTemp).map_err(StoreError::io(path))?;
    // Dropped on any error below, the temporary file deletes itself.
    let mut file = AtomicFile::create(path)?;
    let tmp = file.temp_path().to_owned();
    for chunk in parts.iter().flat_map(|p| p.as_ref().chunks(64 * 1024)) {
        hook(SaveStep::WriteChunk).map_err(StoreError::io(&tmp))?;
        file.write_all(chunk).map_err(StoreError::io(&tmp))?;
    }
    hook(SaveStep::SyncTemp).map_err(StoreError::io(&tmp))?;
    file.sync()?;
    let target = file.target().to_owned();
    let mut old_bak = None;
    if backup && target.exists() {
        hook(SaveStep::Backup).map_err(StoreError::io(&target))?;
        let bak = backup_path(&target);
        old_bak = hold_open(&bak);
        // A hard link costs nothing whatever the size and, unlike a copy, never
        // leaves a half-written `.bak`; the rename below gives the project a new
        // file and the link keeps the old one. Copy where links are not supported.
        let _ = fs::remove_file(&bak);
        if fs::hard_link(&target, &bak).is_err() {
            fs::copy(&target, &bak).map_err(StoreError::io(&bak))?;
        }
    }
    hook(SaveStep::Rename).map_err(StoreError::io(&target))?;
    file.rename()?;
    hook(SaveStep::SyncDir).map_err(StoreError::io(&target))?;
    atomic::sync_dir(&target);
    if let Some(file) = old_bak {
        // The last close frees the old backup's pages, off the save's path. Should
        // no thread start, the file is closed here instead.
        let _ = std::thread::Builder::new()
            .name("free old .bak".into())
            .spawn(move || drop(file));
    }
    Ok(())
}

/// The previous `.bak`, held open while it is unlinked: the unlink is then instant, and
/// freeing its pages (tens of ms for a large project) waits for the last close, which
/// the save leaves to another thread. Unix only: elsewhere an open file cannot be
/// unlinked.
fn hold_open(bak: &Path) -> Option<File> {
    if cfg!(unix) {
        File::open(bak).ok()
    } else {
        None
    }
}

/// Writes unsaved work to the recovery file beside the project (no `.bak`).
pub fn write_recovery(path: &Path, project: &Project) -> Result<(), StoreError> {
    let rec = recovery_path(path);
    let text = ron_text(&rec, project)?;
    write_atomic(&rec, &text.parts(), false, &mut |_| Ok(()))
}

/// The recovered project, if a recovery file exists and differs from the saved project.
pub fn read_recovery(path: &Path) -> Option<Result<Project, StoreError>> {
    let rec = recovery_path(path);
    let recovered = fs::read(&rec).ok()?;
    if fs::read(path).ok().as_deref() == Some(recovered.as_slice()) {
        return None;
    }
    Some(load(&rec))
}

/// Deletes the recovery file after a save or a discard.
pub fn remove_recovery(path: &Path) {
    let _ = fs::remove_file(recovery_path(path));
}
