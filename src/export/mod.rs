//! Datasets out and in: JSONL, doccano, Label Studio, brat, W3C Web Annotation, CSV and
//! CoNLL exports, and imports for the formats other tools write (JSONL, doccano, Label
//! Studio, brat).
//!
//! Every exported offset counts chars, end-exclusive, over the document text as
//! the README's offset convention defines it, unless [`OffsetUnit::Utf16`] is asked for. Output is
//! deterministic: documents in id order, spans by (start, end, label, id). A document
//! whose article is unavailable is skipped with a warning, never exported with wrong
//! text.

mod attrs;
mod brat;
mod conll;
mod csv_rows;
mod doccano;
mod import;
mod jsonl;
mod label_studio;
mod lines;
mod offsets;
mod select;
mod stream;
mod w3c;

pub use conll::OVERLAP_POLICY;
pub use import::{
    ImportError, ImportOptions, ImportPlan, ImportReport, Record, RecordMeta, SpanRecord,
    TextCheck, import, parse_input, plan_import,
};
pub use label_studio::{label_config, label_config_path};
pub use offsets::{OffsetMap, OffsetUnit, SplitSurrogate};

use crate::model::{DocId, DocStatus};
use crate::store::{self, AtomicFile, StoreError};
use crate::workspace::Workspace;
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A dataset format. Its command-line name (`jsonl`, `label-studio`, …) comes from the
/// derive.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Format {
    /// One JSON object per document with all span fields: sourcemark's own dataset.
    Jsonl,
    /// doccano's sequence-labelling JSONL: `text`, `label: [[start, end, label]]`, `meta`.
    Doccano,
    /// A Label Studio task array, plus its `<Labels>` labeling config.
    LabelStudio,
    /// A brat standoff folder: `DOC.txt`, `DOC.ann`, `annotation.conf`.
    Brat,
    /// W3C Web Annotation JSON-LD with quote and position selectors.
    W3c,
    /// One CSV row per annotation, with document metadata and attributes.
    Csv,
    /// Token-per-line BIO tags.
    Conll,
}

impl Format {
    /// Every format, in the order the command line lists them.
    pub const ALL: &[Format] = <Self as strum::VariantArray>::VARIANTS;

    /// The command-line name.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Parses the command-line name.
    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    /// True for formats that can be read back with [`import`].
    pub fn can_import(self) -> bool {
        matches!(
            self,
            Format::Jsonl | Format::Doccano | Format::LabelStudio | Format::Brat
        )
    }

    /// True for formats written as a folder of files rather than one file.
    pub fn is_folder(self) -> bool {
        self == Format::Brat
    }

    /// The usual file extension of a single-file export, for save dialogs.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jsonl | Format::Doccano => "jsonl",
            Format::LabelStudio => "json",
            Format::Brat => "",
            Format::W3c => "jsonld",
            Format::Csv => "csv",
            Format::Conll => "conll",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

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

/// The size of the buffer between a writer and its output: big enough that each
/// write to a file or pipe is a large one, small beside any project.
const STREAM_BUFFER: usize = 1 << 16;

/// A callback told `(documents done, documents in all)` as an export goes.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

/// Exports the workspace's project in `format` to `out`. `progress` is called with the
/// number of documents done and the total, from `(0, n)` to `(n, n)`, so a window can
/// show a progress bar.
pub fn export(
    ws: &Workspace,
    format: Format,
    opts: &ExportOptions,
    out: Output<'_>,
    progress: Progress<'_>,
) -> Result<ExportSummary, ExportError> {
    if format == Format::W3c && opts.offsets == OffsetUnit::Utf16 {
        return Err(ExportError::Unsupported(
            "the W3C TextPositionSelector counts code points by definition; \
             --offsets utf16 does not apply to w3c"
                .to_owned(),
        ));
    }
    let mut summary = ExportSummary::default();
    let views = select::select(ws, format, opts, &mut summary)?;
    summary.documents = views.len();
    summary.annotations = views.iter().map(|v| v.spans.len()).sum();
    if format.is_folder() {
        let Output::Path(dir) = out else {
            return Err(ExportError::NeedsFolder(format));
        };
        brat::write_folder(ws, &views, &dir, &mut summary, progress)?;
        return Ok(summary);
    }
    match out {
        Output::Writer(w) => {
            write_to(ws, format, &views, w, &mut summary, progress)?;
            if format == Format::LabelStudio {
                summary.warnings.push(
                    "the Label Studio labeling config was not written (no output file); \
                     export with --out to get it beside the tasks"
                        .to_owned(),
                );
            }
        }
        Output::Path(path) => {
            check_folder(&path)?;
            // Written into a temporary file as it goes, which replaces the old export
            // only once the whole export is in it: dropped on an error, it vanishes.
            let mut file = AtomicFile::create(&path)?;
            write_to(ws, format, &views, &mut file, &mut summary, progress).map_err(
                |e| match e {
                    ExportError::Stream(source) => ExportError::Io {
                        path: path.clone(),
                        source,
                    },
                    e => e,
                },
            )?;
            let config = if format == Format::LabelStudio {
                let config_path = label_config_path(&path);
                let mut config = AtomicFile::create(&config_path)?;
                config
                    .write_all(label_config(ws, opts).as_bytes())
                    .map_err(|source| ExportError::Io {
                        path: config_path.clone(),
                        source,
                    })?;
                Some((config, config_path))
            } else {
                None
            };
            file.commit()?;
            summary.files.push(path);
            if let Some((config, config_path)) = config {
                config.commit()?;
                summary.files.push(config_path);
            }
        }
    }
    Ok(summary)
}

/// Writes a one-file format to `out` as it goes, through a buffer of its own, and
/// flushes it. A failed write is [`ExportError::Stream`].
fn write_to(
    ws: &Workspace,
    format: Format,
    views: &[select::DocView<'_>],
    out: &mut dyn Write,
    summary: &mut ExportSummary,
    progress: Progress<'_>,
) -> Result<(), ExportError> {
    let mut out = io::BufWriter::with_capacity(STREAM_BUFFER, out);
    match format {
        Format::Jsonl => jsonl::write(views, &mut out, progress)?,
        Format::Doccano => doccano::write(views, &mut out, progress)?,
        Format::LabelStudio => label_studio::write(views, &mut out, progress)?,
        Format::W3c => w3c::write(ws, views, &mut out, progress)?,
        Format::Csv => csv_rows::write(views, &mut out, progress)?,
        Format::Conll => conll::write(views, &mut out, summary, progress)?,
        Format::Brat => return Err(ExportError::NeedsFolder(format)),
    }
    out.flush().map_err(ExportError::Stream)
}

/// Refuses a file in a folder that does not exist, with a message that says so.
fn check_folder(path: &Path) -> Result<(), ExportError> {
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

/// Writes a whole file atomically (temporary file, sync, rename).
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    check_folder(path)?;
    store::write_atomic(path, &[bytes], false, &mut |_| Ok(()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, Document};
    use crate::text::DocText;
    use crate::workspace::Article;
    use std::sync::Arc;

    fn workspace(dir: &Path) -> Workspace {
        let mut ws = Workspace::create(&dir.join("p.ron"), "P");
        for n in 0..3 {
            let text = DocText::new(format!("Rally {n} in Baghdad 🇮🇶, “Get out!”"));
            let id = format!("doc-{n}");
            ws.project
                .annotations
                .push(Annotation::new(id.as_str().into(), &text, 0, 5, "claim", "t").unwrap());
            ws.project.documents.push(Document::new(
                id.as_str().into(),
                format!("{id}.txt"),
                &text,
            ));
            ws.articles
                .insert(id.as_str().into(), Article::Loaded(Arc::new(text)));
        }
        ws.project.normalize();
        ws
    }

    #[test]
    fn an_export_that_fails_midway_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let ws = workspace(dir.path());
        for &format in Format::ALL.iter().filter(|f| !f.is_folder()) {
            let out = dir.path().join(format!("out.{format}"));
            std::fs::write(&out, "the old export").unwrap();
            let before: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
            // The window's export thread panics after the first document.
            let failed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                export(
                    &ws,
                    format,
                    &ExportOptions::default(),
                    Output::Path(out.clone()),
                    &mut |done, _| assert!(done < 2, "stop"),
                )
            }));
            assert!(failed.is_err(), "{format}");
            assert_eq!(std::fs::read_to_string(&out).unwrap(), "the old export");
            let after: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
            assert_eq!(
                after.len(),
                before.len(),
                "{format}: a file was left behind"
            );
            // Done whole, the export replaces it.
            let summary = export(
                &ws,
                format,
                &ExportOptions::default(),
                Output::Path(out.clone()),
                &mut |_, _| {},
            )
            .unwrap();
            assert_eq!(summary.files[0], out);
            assert_ne!(std::fs::read_to_string(&out).unwrap(), "the old export");
        }
    }
}
