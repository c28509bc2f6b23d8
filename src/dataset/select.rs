//! Choosing what an export contains: documents by status, spans by label, and the checks
//! that keep wrong text out of a dataset.

use super::export::{ExportError, ExportOptions, ExportSummary, Progress};
use super::format::Format;
use super::offsets::OffsetMap;
use crate::model::quote::{name, quote};
use crate::model::{Annotation, Document};
use crate::text::DocText;
use crate::workspace::Workspace;

/// One document as an export sees it: its text, its chosen spans in export order, and
/// the map for the chosen offset unit.
pub(crate) struct DocView<'a> {
    /// The document's metadata.
    pub doc: &'a Document,
    /// Its decoded text.
    pub text: &'a DocText,
    /// Its spans, sorted by (start, end, label, id).
    pub spans: Vec<&'a Annotation>,
    /// Char offsets to exported offsets.
    pub map: OffsetMap,
}

impl DocView<'_> {
    /// A span's primary range in the export unit.
    pub fn range(&self, a: &Annotation) -> (usize, usize) {
        (self.map.to_unit(a.start), self.map.to_unit(a.end))
    }

    /// The document's metadata as the JSON formats write it.
    pub fn meta(&self) -> DocMeta<'_> {
        let d = self.doc;
        DocMeta {
            path: &d.path,
            title: &d.title,
            outlet: &d.outlet,
            url: &d.url,
            published: d.published,
            language: &d.language,
            status: d.status.as_str(),
            sha256: &d.sha256,
        }
    }
}

/// Runs `f` on each view in order, reporting progress after each document: from
/// `(0, n)` to `(n, n)`, as [`super::Progress`] promises. Stops at the first error.
pub(crate) fn each_view<'v, 'a>(
    views: &'v [DocView<'a>],
    progress: Progress<'_>,
    mut f: impl FnMut(&'v DocView<'a>) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let total = views.len();
    progress(0, total);
    for (i, v) in views.iter().enumerate() {
        f(v)?;
        progress(i + 1, total);
    }
    Ok(())
}

/// A document's metadata in the JSON formats (jsonl, doccano's `meta`, Label Studio's
/// `data`), flattened into each format's own object after the id, which each format
/// names its own way.
#[derive(serde::Serialize)]
pub(crate) struct DocMeta<'a> {
    path: &'a str,
    title: &'a str,
    outlet: &'a str,
    url: &'a str,
    published: Option<chrono::NaiveDate>,
    language: &'a str,
    status: &'static str,
    sha256: &'a str,
}

/// Does the span still cover its text? Annotations are re-anchored when a project is
/// opened, so this only fails for orphans and hand-edited files.
fn span_is_sound(text: &DocText, a: &Annotation) -> bool {
    !a.orphaned
        && a.start < a.end
        && a.end <= text.char_len()
        && text.slice(a.range()) == a.text
        && a.more
            .iter()
            .all(|r| r.start < r.end && r.end <= text.char_len())
}

/// The documents and spans `opts` selects, in export order.
pub(crate) fn select<'a>(
    ws: &'a Workspace,
    format: Format,
    opts: &ExportOptions,
    summary: &mut ExportSummary,
) -> Result<Vec<DocView<'a>>, ExportError> {
    let project = &ws.project;
    if let Some(labels) = &opts.labels {
        for l in labels {
            if project.labels.get(l).is_none() {
                let known: Vec<&str> = project.labels.iter().map(|l| l.id.as_str()).collect();
                return Err(ExportError::UnknownLabel {
                    label: l.clone(),
                    known: known.join(", "),
                });
            }
        }
    }
    let wanted = |a: &Annotation| opts.labels.as_ref().is_none_or(|ls| ls.contains(&a.label));
    let mut views = Vec::new();
    let mut discontinuous = 0;
    for doc in &project.documents {
        if opts.status.is_some_and(|s| s != doc.status) {
            continue;
        }
        let Some(text) = ws.text(&doc.id) else {
            summary.warnings.push(format!(
                "{}: skipped, its article {} is unavailable",
                name(doc.id.as_str()),
                quote(&doc.path)
            ));
            summary.skipped_documents.push(doc.id.clone());
            continue;
        };
        let mut spans: Vec<&Annotation> = Vec::new();
        for a in project.annotations_of(&doc.id) {
            if !wanted(a) {
                continue;
            }
            if !span_is_sound(text, a) {
                summary.warnings.push(format!(
                    "{}: annotation {} ({}) skipped: it no longer matches the article text",
                    name(doc.id.as_str()),
                    name(a.id.as_str()),
                    name(&a.label)
                ));
                continue;
            }
            if !a.more.is_empty() {
                discontinuous += 1;
            }
            spans.push(a);
        }
        spans.sort_by(|x, y| {
            (x.start, x.end, &x.label, &x.id).cmp(&(y.start, y.end, &y.label, &y.id))
        });
        views.push(DocView {
            doc,
            text: text.as_ref(),
            spans,
            map: OffsetMap::new(text, opts.offsets),
        });
    }
    if discontinuous > 0 && !matches!(format, Format::Jsonl | Format::Brat) {
        summary.warnings.push(format!(
            "{discontinuous} discontinuous span(s) exported with their first range only \
             ({format} has no way to write the others; jsonl and brat do)"
        ));
    }
    Ok(views)
}
