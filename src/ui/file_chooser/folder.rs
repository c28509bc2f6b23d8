//! Reading a folder for the chooser, and the paths it starts from or is typed.

use std::path::{Path, PathBuf};

/// One entry of the folder shown.
#[derive(Clone, Debug)]
pub(super) struct Entry {
    /// File name, lossily decoded.
    pub(super) name: String,
    pub(super) path: PathBuf,
    /// A folder (or a symlink to one).
    pub(super) is_dir: bool,
    /// Size in bytes, for files.
    pub(super) size: Option<u64>,
}

impl Entry {
    pub(super) fn hidden(&self) -> bool {
        self.name.starts_with('.')
    }
}

/// The folder of the home directory, when the environment names one.
pub fn home_dir() -> Option<PathBuf> {
    ["HOME", "USERPROFILE"]
        .iter()
        .filter_map(std::env::var_os)
        .find(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// `dir` if it is a folder, else the nearest folder above it that exists, else the
/// home folder, else the working folder.
pub fn existing_folder(dir: Option<&Path>) -> Option<PathBuf> {
    let mut d = dir.map(crate::workspace::absolute);
    while let Some(p) = d {
        if p.is_dir() {
            return Some(p);
        }
        d = p.parent().map(Path::to_owned);
    }
    home_dir()
        .filter(|h| h.is_dir())
        .or_else(|| std::env::current_dir().ok())
}

/// A size for people: 512 B, 3.4 KB, 12.0 MB.
pub(super) fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut v = bytes as f64 / 1024.0;
    let mut unit = UNITS[0];
    for u in &UNITS[1..] {
        if v < 1024.0 {
            break;
        }
        v /= 1024.0;
        unit = u;
    }
    format!("{v:.1} {unit}")
}

/// Why a folder cannot be read, in words.
fn read_error(dir: &Path, e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let why = match e.kind() {
        ErrorKind::PermissionDenied => "you do not have permission to read it".to_owned(),
        ErrorKind::NotFound => "it does not exist".to_owned(),
        ErrorKind::NotADirectory => "it is not a folder".to_owned(),
        _ => e.to_string(),
    };
    format!("Cannot open the folder {}: {why}.", dir.display())
}

/// Reads a folder: folders first, then files, each by name ignoring case.
pub(super) fn read_folder(dir: &Path) -> Result<Vec<Entry>, String> {
    let rd = std::fs::read_dir(dir).map_err(|e| read_error(dir, &e))?;
    let mut out: Vec<Entry> = rd
        .filter_map(Result::ok)
        .map(|e| {
            let path = e.path();
            // Follows symlinks, so a link to a folder opens like one.
            let meta = std::fs::metadata(&path).ok();
            let is_dir = meta.as_ref().is_some_and(|m| m.is_dir());
            Entry {
                name: e.file_name().to_string_lossy().into_owned(),
                size: meta.filter(|m| m.is_file()).map(|m| m.len()),
                path,
                is_dir,
            }
        })
        .collect();
    out.sort_by_cached_key(|e| (!e.is_dir, e.name.to_lowercase(), e.name.clone()));
    Ok(out)
}

/// `text` as a path: `~` is the home folder, a relative path starts at `base`.
pub(super) fn resolve(base: &Path, text: &str) -> PathBuf {
    let text = text.trim();
    let p = match (text.strip_prefix('~'), home_dir()) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with(['/', '\\']) => {
            home.join(rest.trim_start_matches(['/', '\\']))
        }
        _ => PathBuf::from(text),
    };
    if p.is_absolute() { p } else { base.join(p) }
}
