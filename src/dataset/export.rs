//! The vocabulary of writing a dataset: what an export is asked ([`ExportOptions`],
//! [`Output`]), what it reports ([`ExportSummary`], [`ExportError`]) and how it tells its
//! progress. A leaf module: every format's writer uses it and it uses none of them, so
//! the dispatcher in `write.rs` can import the writers without a cycle.

use super::format::Format;
use super::offsets::OffsetUnit;
use crate::model::{DocId, DocStatus};
use crate::store::{self, StoreError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What to export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Only these labels (by id); all when `None`.
    pub labels: Option<Vec<String>>,
    /// Only documents with this status; all when `None`.
    pub status: Option<DocStatus>,
    /// The unit of exported offsets.
    pub offsets: OffsetUnit,
}

/// Where an export goes.
pub enum Output<'a> {
    /// A stream, such as stdout. Folder formats cannot be written to one.
    Writer(&'a mut dyn Write),
    /// A file or, for folder formats, a folder (created if needed). A file is written
    /// as the export goes into a temporary file beside it, which replaces it only once
    /// the whole export is there: a failed export leaves the old file as it was.
    Path(PathBuf),
}

/// What an export did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportSummary {
    /// Documents written.
    pub documents: usize,
    /// Spans written.
    pub annotations: usize,
    /// Documents left out because their article is unavailable.
    pub skipped_documents: Vec<DocId>,
    /// CoNLL: spans dropped because they overlap a span kept before them.
    pub dropped_overlaps: usize,
    /// Links written (each once, however many records name it).
    pub links: usize,
    /// Links left out: an end not in the export, a link from a span to itself, a link
    /// across documents where the format joins spans of one document, or any link in a
    /// format that carries none. Links with neither end in the export are not counted.
    pub skipped_links: usize,
    /// ClaimReview: claims left out because they have no verdict.
    pub unreviewed_claims: usize,
    /// Discontinuous spans written with their first range only, by a format that has
    /// no way to write the others.
    pub cut_spans: usize,
    /// Files written (for [`Output::Path`]).
    pub files: Vec<PathBuf>,
    /// Things a person should know: skipped documents and spans, lossy fields.
    pub warnings: Vec<String>,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// `--labels` names a label the project does not have.
    #[error("unknown label {label:?}; the project's labels are: {known}")]
    UnknownLabel {
        /// The label asked for.
        label: String,
        /// The labels the project has, comma-separated.
        known: String,
    },
    /// A folder format was asked to write to a stream.
    #[error("the {0} format writes a folder; give an output folder (--out DIR)")]
    NeedsFolder(Format),
    /// The format cannot honour an option.
    #[error("{0}")]
    Unsupported(String),
    /// Writing failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// What the OS said.
        source: io::Error,
    },
    /// An atomic write failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Writing to the output stream failed.
    #[error("cannot write the export: {0}")]
    Stream(#[source] io::Error),
    /// JSON serialisation failed.
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// CSV serialisation failed.
    #[error("cannot write CSV: {0}")]
    Csv(#[from] ::csv::Error),
}

/// A callback told `(documents done, documents in all)` as an export goes.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

/// Writes a whole file atomically (temporary file, sync, rename).
pub(super) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    check_folder(path)?;
    store::write_atomic(path, &[bytes], false, &mut |_| Ok(()))?;
    Ok(())
}

/// Refuses a file in a folder that does not exist, with a message that says so.
pub(super) fn check_folder(path: &Path) -> Result<(), ExportError> {
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
        && !dir.is_dir()
    {
        return Err(ExportError::Io {
            path: dir.to_owned(),
            source: io::Error::new(io::ErrorKind::NotFound, "no such folder"),
        });
    }
    Ok(())
}
