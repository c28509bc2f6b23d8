//! What a project file was when it was last read or written, so that a window about to
//! save can tell whether someone else changed it in between.
//!
//! Size and modification time answer quickly and almost always; the content hash
//! settles the cases they cannot (a file touched but not changed, a change within the
//! clock's resolution that kept the size).

use sha2::{Digest, Sha256};
use std::fs;
use std::io;
use std::path::Path;
use std::time::SystemTime;

/// A project file's size, modification time, file id and content hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileIdentity {
    len: u64,
    modified: Option<SystemTime>,
    /// Device and inode on Unix: a save by another process renames a new file into
    /// place, so the inode changes even when size and time happen to agree.
    file_id: Option<(u64, u64)>,
    sha256: [u8; 32],
}

/// What happened to a file since its identity was taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileChange {
    /// Nothing, as far as size, time and file id tell.
    Same,
    /// Rewritten with the same content (a touch, or a save of the same project): the
    /// identity to remember from now on.
    Touched(FileIdentity),
    /// Its content differs: the new identity.
    Changed(FileIdentity),
    /// It is gone.
    Missing,
}

impl FileIdentity {
    /// The identity of `bytes`, just read from `path`.
    pub fn of_bytes(path: &Path, bytes: &[u8]) -> io::Result<Self> {
        let m = fs::metadata(path)?;
        Ok(Self::from_parts(&m, Sha256::digest(bytes).into()))
    }

    /// The identity of the file at `path`, whose content hashes to `sha256` (see
    /// [`digest`]).
    pub(crate) fn of_digest(path: &Path, sha256: [u8; 32]) -> io::Result<Self> {
        let m = fs::metadata(path)?;
        Ok(Self::from_parts(&m, sha256))
    }

    /// Reads `path` and takes its identity.
    pub fn of(path: &Path) -> io::Result<Self> {
        let bytes = fs::read(path)?;
        Self::of_bytes(path, &bytes)
    }

    fn from_parts(m: &fs::Metadata, sha256: [u8; 32]) -> Self {
        Self {
            len: m.len(),
            modified: m.modified().ok(),
            file_id: file_id(m),
            sha256,
        }
    }

    /// True when `other` has the same content, whatever its time.
    pub fn same_content(&self, other: &FileIdentity) -> bool {
        self.sha256 == other.sha256
    }

    /// Compares the file at `path` with this identity: metadata first, the content only
    /// when the metadata moved.
    pub fn check(&self, path: &Path) -> io::Result<FileChange> {
        let m = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(FileChange::Missing),
            Err(e) => return Err(e),
        };
        if m.len() == self.len && m.modified().ok() == self.modified && file_id(&m) == self.file_id
        {
            return Ok(FileChange::Same);
        }
        let now = Self::of(path)?;
        Ok(if now.same_content(self) {
            FileChange::Touched(now)
        } else {
            FileChange::Changed(now)
        })
    }
}

/// SHA-256 of the concatenation of `parts`.
pub(crate) fn digest(parts: &[impl AsRef<[u8]>]) -> [u8; 32] {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_ref());
    }
    h.finalize().into()
}

#[cfg(unix)]
fn file_id(m: &fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(_: &fs::Metadata) -> Option<(u64, u64)> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checked_save_knows_what_it_wrote_and_refuses_a_change_it_has_not_seen() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.ron");
        let project = crate::model::Project::new("one");
        let lock = crate::store::ProjectLock::acquire(&p).unwrap();
        let id = crate::store::save_checked(&lock, &project, None).unwrap();
        assert_eq!(id, FileIdentity::of(&p).unwrap());
        let id = crate::store::save_checked(&lock, &project, Some(&id)).unwrap();
        fs::write(&p, fs::read_to_string(&p).unwrap().replace("one", "two")).unwrap();
        let err = crate::store::save_checked(&lock, &project, Some(&id)).unwrap_err();
        assert!(matches!(
            err,
            crate::store::StoreError::ChangedOnDisk { .. }
        ));
        assert!(
            fs::read_to_string(&p).unwrap().contains("two"),
            "nothing written"
        );
    }

    #[test]
    fn a_touch_is_told_from_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.ron");
        fs::write(&p, "one").unwrap();
        let id = FileIdentity::of(&p).unwrap();
        assert_eq!(id.check(&p).unwrap(), FileChange::Same);
        // Same content through a new file (as another save would): touched.
        let q = dir.path().join("q");
        fs::write(&q, "one").unwrap();
        fs::rename(&q, &p).unwrap();
        assert!(matches!(id.check(&p).unwrap(), FileChange::Touched(_)));
        // Same size, other content, new file: changed.
        fs::write(&q, "two").unwrap();
        fs::rename(&q, &p).unwrap();
        assert!(matches!(id.check(&p).unwrap(), FileChange::Changed(_)));
        fs::remove_file(&p).unwrap();
        assert_eq!(id.check(&p).unwrap(), FileChange::Missing);
    }
}
