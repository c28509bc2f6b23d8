//! Files replaced whole or not at all.
//!
//! Each write goes to its own temporary file beside the target (a unique name, so two
//! writers never write into each other's file), is synced and then renamed over the
//! target. A crash at any instant leaves the old file or the new one. A target reached
//! through a symlink is written where the link points, so the link stays a link and the
//! real file is the one that changes.

use super::StoreError;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// How many symlinks [`resolve`] follows before giving up (as the OS does, `ELOOP`).
const MAX_LINKS: usize = 40;

/// The file that writing to `path` should change: `path` itself, or the file at the end
/// of its chain of symlinks (which need not exist yet). A loop of links is an error.
pub fn resolve(path: &Path) -> Result<PathBuf, StoreError> {
    let mut p = path.to_owned();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&p).map_err(StoreError::io(&p))?;
                p = match p.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(StoreError::Io {
        path: path.to_owned(),
        source: io::Error::other("too many levels of symbolic links"),
    })
}

/// The folder a file lives in, `.` for a bare file name.
pub(crate) fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A new version of a file, written to a temporary file beside it until
/// [`AtomicFile::commit`] renames it into place. Dropped without a commit, the
/// temporary file is deleted and the target is untouched.
pub struct AtomicFile {
    out: BufWriter<tempfile::NamedTempFile>,
    target: PathBuf,
}

impl AtomicFile {
    /// Starts a new version of `path` (the file a symlink at `path` points to). The
    /// temporary file keeps the permissions of the file it replaces.
    pub fn create(path: &Path) -> Result<Self, StoreError> {
        let target = resolve(path)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut builder = tempfile::Builder::new();
        let prefix = format!(".{name}.");
        builder.prefix(&prefix).suffix(".tmp");
        if let Some(perms) = fs::metadata(&target)
            .ok()
            .map(|m| m.permissions())
            .or_else(default_permissions)
        {
            builder.permissions(perms);
        }
        let dir = parent_dir(&target);
        let tmp = builder.tempfile_in(dir).map_err(|source| StoreError::Io {
            path: dir.join(format!("{prefix}*.tmp")),
            source,
        })?;
        Ok(Self {
            out: BufWriter::with_capacity(64 * 1024, tmp),
            target,
        })
    }

    /// The file the rename will replace.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// The temporary file being written.
    pub fn temp_path(&self) -> &Path {
        self.out.get_ref().path()
    }

    /// Flushes and syncs the temporary file, so that the rename that follows can only
    /// ever expose a complete file.
    pub fn sync(&mut self) -> Result<(), StoreError> {
        let tmp = self.temp_path().to_owned();
        self.out.flush().map_err(StoreError::io(&tmp))?;
        self.out
            .get_ref()
            .as_file()
            .sync_all()
            .map_err(StoreError::io(&tmp))
    }

    /// Syncs, renames the temporary file over the target and makes the rename durable.
    pub fn commit(mut self) -> Result<(), StoreError> {
        self.sync()?;
        let target = self.rename()?;
        sync_dir(&target);
        Ok(())
    }

    /// The rename alone (the caller has synced): the step crash tests stop before.
    pub(crate) fn rename(self) -> Result<PathBuf, StoreError> {
        let target = self.target;
        let tmp = self.out.into_inner().map_err(|e| StoreError::Io {
            path: target.clone(),
            source: e.into_error(),
        })?;
        tmp.persist(&target).map_err(|e| StoreError::Io {
            path: target.clone(),
            source: e.error,
        })?;
        Ok(target)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.out.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// `rw-r--r--` before the umask, as a file created by any editor would be; tempfile's
/// own default (`rw-------`) would hide a new project from the rest of a team. Elsewhere
/// the platform's default stands.
fn default_permissions() -> Option<fs::Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(fs::Permissions::from_mode(0o644))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Makes a rename durable. Not every platform can open a directory; there the rename
/// is as durable as the OS makes it.
pub(crate) fn sync_dir(path: &Path) {
    if let Ok(d) = File::open(parent_dir(path)) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dropped_file_leaves_the_target_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.ron");
        fs::write(&p, "old").unwrap();
        let mut f = AtomicFile::create(&p).unwrap();
        f.write_all(b"new").unwrap();
        let tmp = f.temp_path().to_owned();
        assert!(tmp.exists());
        drop(f);
        assert!(!tmp.exists());
        assert_eq!(fs::read_to_string(&p).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn two_writers_get_two_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.ron");
        let a = AtomicFile::create(&p).unwrap();
        let b = AtomicFile::create(&p).unwrap();
        assert_ne!(a.temp_path(), b.temp_path());
    }

    #[cfg(unix)]
    #[test]
    fn commit_through_a_symlink_writes_the_real_file_and_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let real = dir.path().join("real/p.ron");
        fs::write(&real, "old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("p.ron");
        std::os::unix::fs::symlink("real/p.ron", &link).unwrap();
        let mut f = AtomicFile::create(&link).unwrap();
        assert_eq!(f.target(), real.as_path());
        f.write_all(b"new").unwrap();
        f.commit().unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        let mode = fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn a_loop_of_links_is_an_error_not_a_hang() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        assert!(resolve(&a).is_err());
    }
}
