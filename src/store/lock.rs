//! One writer at a time: an advisory lock on `PROJECT.ron.lock` around every
//! read-modify-write of a project file.
//!
//! The lock is the OS's (`flock` on Unix, `LockFileEx` on Windows, through
//! [`File::try_lock`]), so it dies with its process: a crashed sourcemark never leaves a
//! project locked. The lock file holds the holder's pid for the message a second writer
//! gets, and is deleted on release; a writer that locked a file just deleted by the
//! previous holder notices (the path no longer names the file it locked) and tries again.

use super::StoreError;
use super::atomic::resolve;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a second writer waits for the first before giving up. A save of the largest
/// projects we measure takes well under a second.
pub const WAIT: Duration = Duration::from_secs(3);

/// Held while a project file is read, changed and written; released on drop.
#[derive(Debug)]
pub struct ProjectLock {
    file: File,
    lock_path: PathBuf,
    project: PathBuf,
}

/// `PROJECT.ron.lock` beside the file `project` names (through symlinks).
pub fn lock_path(project: &Path) -> Result<PathBuf, StoreError> {
    Ok(super::with_suffix(&resolve(project)?, "lock"))
}

impl ProjectLock {
    /// Takes the lock on `project`, waiting up to [`WAIT`] for another writer.
    pub fn acquire(project: &Path) -> Result<Self, StoreError> {
        Self::acquire_within(project, WAIT)
    }

    /// [`ProjectLock::acquire`] with another wait (tests use a short one).
    pub fn acquire_within(project: &Path, wait: Duration) -> Result<Self, StoreError> {
        let lock_path = lock_path(project)?;
        let started = Instant::now();
        let mut pause = Duration::from_millis(2);
        loop {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&lock_path)
                .map_err(StoreError::io(&lock_path))?;
            match file.try_lock() {
                Ok(()) => {
                    if !still_named(&file, &lock_path) {
                        // The previous holder deleted this file as it let go.
                        continue;
                    }
                    write_pid(&mut file);
                    return Ok(Self {
                        file,
                        lock_path,
                        project: project.to_owned(),
                    });
                }
                Err(fs::TryLockError::WouldBlock) => {
                    if started.elapsed() >= wait {
                        return Err(StoreError::Locked {
                            path: project.to_owned(),
                            pid: read_pid(&mut file),
                        });
                    }
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(50));
                }
                Err(fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                    // A file system without locks (some network mounts): saving still
                    // works, as it did before locks, with one writer's word for it.
                    return Ok(Self {
                        file,
                        lock_path,
                        project: project.to_owned(),
                    });
                }
                Err(fs::TryLockError::Error(e)) => return Err(StoreError::io(&lock_path)(e)),
            }
        }
    }

    /// The project file this lock guards, as it was named to [`ProjectLock::acquire`].
    pub fn project(&self) -> &Path {
        &self.project
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        // Delete before unlocking, so no writer ever holds a lock on a file that is then
        // deleted under it; the file's close releases the lock.
        let _ = fs::remove_file(&self.lock_path);
        let _ = self.file.unlock();
    }
}

/// True when `path` still names the open `file` (same device and inode).
fn still_named(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        // Windows refuses to delete an open file, so the name cannot have moved on.
        let _ = (file, path);
        true
    }
}

/// Writes the pid over the start of the file, padded to a fixed width so that a longer
/// one left by a crashed holder is covered. No truncation: on ext4 a file truncated and
/// rewritten is flushed on close (its `auto_da_alloc` heuristic), which made each lock
/// cost milliseconds.
fn write_pid(file: &mut File) {
    let _ = file.rewind();
    let _ = writeln!(file, "{:<20}", std::process::id());
}

/// The pid the holder wrote, if it has yet.
fn read_pid(file: &mut File) -> Option<u32> {
    let mut s = String::new();
    file.rewind().ok()?;
    file.take(32).read_to_string(&mut s).ok()?;
    s.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_then_fails_naming_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.ron");
        let held = ProjectLock::acquire(&p).unwrap();
        let started = Instant::now();
        let err = ProjectLock::acquire_within(&p, Duration::from_millis(100)).unwrap_err();
        assert!(started.elapsed() >= Duration::from_millis(100));
        let msg = err.to_string();
        assert!(
            msg.contains(&format!(
                "is being written by another sourcemark (pid {})",
                std::process::id()
            )),
            "{msg}"
        );
        drop(held);
        assert!(
            !lock_path(&p).unwrap().exists(),
            "the lock file is tidied away"
        );
        let again = ProjectLock::acquire_within(&p, Duration::ZERO).unwrap();
        drop(again);
    }

    #[test]
    fn a_lock_released_while_waiting_is_taken() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.ron");
        let held = ProjectLock::acquire(&p).unwrap();
        let t = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            drop(held);
        });
        let second = ProjectLock::acquire_within(&p, Duration::from_secs(5));
        t.join().unwrap();
        assert!(second.is_ok(), "{second:?}");
    }

    #[test]
    fn a_leftover_lock_file_without_a_holder_does_not_block() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.ron");
        // What a killed process leaves: the file with its pid, and no lock.
        fs::write(lock_path(&p).unwrap(), "999999999\n").unwrap();
        let l = ProjectLock::acquire_within(&p, Duration::ZERO).unwrap();
        drop(l);
    }
}
