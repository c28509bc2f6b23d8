//! The shared vocabulary of the dataset readers: a record read from another tool's
//! file (its text, metadata, spans and the links between them) and the error a reader
//! gives. A leaf module:
//! it imports no reader and no dispatcher, so every reader can import it.

use super::format::Format;
use crate::model::*;
use chrono::{DateTime, NaiveDate, Utc};
use std::io;
use std::path::PathBuf;

/// Why an import failed. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The input could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The input file or folder.
        path: PathBuf,
        /// What the OS said.
        source: io::Error,
    },
    /// A record is malformed or does not fit its text.
    #[error("{at}: {message}")]
    Record {
        /// Where: file and line, task or record number.
        at: String,
        /// What is wrong.
        message: String,
    },
    /// The format has no importer.
    #[error(
        "the {0} format cannot be imported (jsonl, doccano, doccano-rel, label-studio and brat can)"
    )]
    Unsupported(Format),
    /// The person stopped the import before it was done.
    #[error("the import was cancelled")]
    Cancelled,
    /// A new article file could not be written; files written before it were removed.
    #[error("cannot write article {}: {source}", path.display())]
    Write {
        /// The article file.
        path: PathBuf,
        /// What the OS said.
        source: io::Error,
    },
}

/// Document metadata a record may carry.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RecordMeta {
    /// Document id in the source.
    pub id: Option<String>,
    /// Article path in the source (its file name is reused for the new article).
    pub path: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publisher.
    pub outlet: Option<String>,
    /// Address.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// BCP 47 language tag.
    pub language: Option<String>,
    /// Annotation progress.
    pub status: Option<DocStatus>,
}

/// What a span's stated text is compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextCheck {
    /// The text of the primary range, exactly.
    Primary,
    /// All ranges' texts joined by a space, line breaks and tabs read as spaces (brat's
    /// `T` lines).
    FragmentsSpaced,
    /// All ranges' texts joined by one space, exactly (a discontinuous span in
    /// sourcemark's jsonl, or the regions of one span in Label Studio). The primary
    /// range's text alone is accepted too: jsonl exports made before links and ranges
    /// travelled stated only that.
    Joined,
}

/// One span as read, offsets still in the input's unit and over the record's raw text.
#[derive(Clone, Debug, PartialEq)]
pub struct SpanRecord {
    /// Where it was read, for errors.
    pub at: String,
    /// Annotation id in the source, kept when the project does not use it yet.
    pub id: Option<String>,
    /// Start of the primary range.
    pub start: usize,
    /// End of the primary range.
    pub end: usize,
    /// Further ranges of a discontinuous span.
    pub more: Vec<(usize, usize)>,
    /// Label id.
    pub label: String,
    /// The text the source says the span covers, checked against the offsets.
    pub check: Option<(String, TextCheck)>,
    /// Note.
    pub note: String,
    /// Attributes.
    pub attrs: Attributes,
    /// Who made it, if the source says.
    pub annotator: Option<String>,
    /// When it was made, if the source says.
    pub created: Option<DateTime<Utc>>,
    /// When it was last changed, if the source says.
    pub modified: Option<DateTime<Utc>>,
}

/// How a link read names one of its ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpanRef {
    /// A span of the same record, by its place in [`Record::spans`] (brat's `T3`, a
    /// Label Studio region, a doccano entity, resolved when read).
    Index(usize),
    /// A span anywhere in the input, by its [`SpanRecord::id`] (sourcemark's jsonl,
    /// whose links may join two documents).
    Id(String),
}

/// One link as read.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkRecord {
    /// Where it was read, for errors.
    pub at: String,
    /// Link id in the source, kept when the project does not use it yet.
    pub id: Option<String>,
    /// Its source end.
    pub from: SpanRef,
    /// Its target end.
    pub to: SpanRef,
    /// Its kind, by name (see [`LinkKind::from_name`]).
    pub kind: LinkKind,
    /// Note.
    pub note: String,
}

/// One document as read.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Where it was read, for errors.
    pub at: String,
    /// The text exactly as the input has it (it may still hold CRLF or a BOM).
    pub text: String,
    /// Metadata.
    pub meta: RecordMeta,
    /// Spans.
    pub spans: Vec<SpanRecord>,
    /// Links read with this record: those whose `from` is one of its spans (jsonl also
    /// repeats a link across documents in its `to` end's record; import reads it once).
    pub links: Vec<LinkRecord>,
}
