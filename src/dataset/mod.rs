//! Datasets out and in: JSONL, doccano (sequence labelling and relations), Label Studio,
//! brat, W3C Web Annotation, CSV, CoNLL and schema.org ClaimReview exports, and imports for the formats other
//! tools write (JSONL, doccano, Label Studio, brat). Every format but CoNLL and plain
//! doccano carries the links between spans and the ranges of a discontinuous span.
//!
//! Every exported offset counts chars, end-exclusive, over the document text as
//! the README's offset convention defines it, unless [`OffsetUnit::Utf16`] is asked for. Output is
//! deterministic: documents in id order, spans by (start, end, label, id). A document
//! whose article is unavailable is skipped with a warning, never exported with wrong
//! text.

//!
//! The layout: [`record`] is the vocabulary every reader shares and `export.rs` the one
//! every writer shares (both leaves), `format.rs` describes each format once, one file
//! per format holds its writer and reader, and two dispatchers sit side by side:
//! `write.rs` (export) and `read.rs` (import). No module imports a module that imports
//! it.

mod attrs;
mod brat;
mod claimreview;
mod conll;
mod csv_rows;
mod doccano;
mod doccano_rel;
mod export;
mod format;
mod import_run;
mod jsonl;
mod label_studio;
mod lines;
mod offsets;
mod range_join;
mod read;
pub mod record;
mod select;
mod size;
mod stream;
mod w3c;
mod write;

pub use conll::OVERLAP_POLICY;
pub use export::{ExportError, ExportOptions, ExportSummary, Output, Progress};
pub use format::{Format, FormatSpec, LinkScope};
pub use import_run::{
    ImportProgress, Phase, ProgressState, READ_CHUNK, guess_format, prepare_import, read_and_plan,
};
pub use label_studio::{label_config, label_config_path};
pub use offsets::{OffsetMap, OffsetUnit, SplitSurrogate};
pub use read::{ImportOptions, ImportPlan, ImportReport, import, parse_input, plan_import};
pub use record::{ImportError, LinkRecord, Record, RecordMeta, SpanRecord, SpanRef, TextCheck};
pub use size::human_size;
pub use write::export;
