//! Choosing what an export contains: documents by status, spans by label, the links
//! between the spans chosen, and the checks that keep wrong text (and references to
//! nothing) out of a dataset.
//!
//! A link is written only when both its ends are: one whose end is left out (by
//! `--labels` or `--status`, orphaned, or on an unavailable article) is counted in the
//! summary instead, as are links a format cannot carry (across documents for the
//! formats whose relations join spans of one text, any link for spans-only formats).

use super::export::{ExportError, ExportOptions, ExportSummary, Progress};
use super::format::{Format, LinkScope};
use super::offsets::OffsetMap;
use crate::model::quote::{name, quote};
use crate::model::{Annotation, Document, Link, LinkKind};
use crate::text::DocText;
use crate::workspace::Workspace;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

/// The relation label that joins the regions (Label Studio) or entities (doccano) of
/// one discontinuous span: from each further range to the first. A project-defined
/// link kind of this name cannot be told apart from it, so those formats leave such
/// links out (and count them).
pub(crate) const RANGE_OF: &str = "range-of";

/// One document as an export sees it: its text, its chosen spans in export order, the
/// links the format can carry, and the map for the chosen offset unit.
pub(crate) struct DocView<'a> {
    /// The document's metadata.
    pub doc: &'a Document,
    /// Its decoded text.
    pub text: &'a DocText,
    /// Its spans, sorted by (start, end, label, id).
    pub spans: Vec<&'a Annotation>,
    /// The links written with this document: those whose `from` is one of its spans,
    /// sorted by (from, to, kind, id).
    pub links: Vec<LinkOut<'a>>,
    /// Links across documents whose `to` is one of its spans, for the formats that name
    /// a link in both documents' records; same order.
    pub incoming: Vec<LinkOut<'a>>,
    /// Char offsets to exported offsets.
    pub map: OffsetMap,
}

/// A link to write, with its ends as places in the export.
pub(crate) struct LinkOut<'a> {
    /// The link.
    pub link: &'a Link,
    /// Its `from` end.
    pub from: End,
    /// Its `to` end.
    pub to: End,
}

/// Where a link's end is in the export: a span of a view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct End {
    /// Index of the view (document) in export order.
    pub view: usize,
    /// Index of the span in that view's spans.
    pub span: usize,
}

/// Every range of a span, the primary first, in chars.
pub(crate) fn ranges(a: &Annotation) -> impl Iterator<Item = Range<usize>> + '_ {
    std::iter::once(a.range()).chain(a.more.iter().map(|r| r.range()))
}

impl DocView<'_> {
    /// A span's primary range in the export unit.
    pub fn range(&self, a: &Annotation) -> (usize, usize) {
        (self.map.to_unit(a.start), self.map.to_unit(a.end))
    }

    /// Every range of a span in the export unit, the primary first.
    pub fn unit_ranges<'s>(
        &'s self,
        a: &'s Annotation,
    ) -> impl Iterator<Item = (usize, usize)> + 's {
        ranges(a).map(|r| (self.map.to_unit(r.start), self.map.to_unit(r.end)))
    }

    /// The text of one range.
    pub fn slice(&self, r: Range<usize>) -> &str {
        self.text.slice(r)
    }

    /// A span's text as exports state it: its ranges' texts joined by one space, as
    /// brat joins the fragments of a discontinuous span (the span's own text when it
    /// has one range).
    pub fn joined_text<'s>(&'s self, a: &'s Annotation) -> Cow<'s, str> {
        if a.more.is_empty() {
            return Cow::Borrowed(&a.text);
        }
        Cow::Owned(
            ranges(a)
                .map(|r| self.text.slice(r))
                .collect::<Vec<_>>()
                .join(" "),
        )
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

/// Why a span is not exported.
enum Unsound {
    /// It no longer covers its text.
    Text,
    /// Its extra ranges are empty, overlap, or are out of order.
    Ranges,
}

/// Does the span still cover its text, and are its ranges in order? Annotations are
/// re-anchored when a project is opened, so this only fails for orphans and
/// hand-edited files. A discontinuous span's text may be its first range's or all its
/// ranges' joined by a space.
fn span_fault(text: &DocText, a: &Annotation) -> Option<Unsound> {
    let len = text.char_len();
    if a.orphaned || a.start >= a.end || a.end > len {
        return Some(Unsound::Text);
    }
    let mut prev_end = a.end;
    for r in &a.more {
        if r.start >= r.end || r.start < prev_end || r.end > len {
            return Some(Unsound::Ranges);
        }
        prev_end = r.end;
    }
    let primary = text.slice(a.range());
    if primary == a.text {
        return None;
    }
    // The joined text starts with the first range's, then a space.
    let joined = !a.more.is_empty()
        && a.text.len() > primary.len()
        && a.text.starts_with(primary)
        && ranges(a)
            .map(|r| text.slice(r))
            .collect::<Vec<_>>()
            .join(" ")
            == a.text;
    (!joined).then_some(Unsound::Text)
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
    let spec = format.spec();
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
            if let Some(fault) = span_fault(text, a) {
                let why = match fault {
                    Unsound::Text => "it no longer matches the article text",
                    Unsound::Ranges => {
                        "its ranges are empty, overlap or are out of order \
                         (sourcemark check lists it)"
                    }
                };
                summary.warnings.push(format!(
                    "{}: annotation {} ({}) skipped: {why}",
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
            links: Vec::new(),
            incoming: Vec::new(),
            map: OffsetMap::new(text, opts.offsets),
        });
    }
    if discontinuous > 0 && !spec.ranges {
        summary.cut_spans = discontinuous;
        summary.warnings.push(format!(
            "{discontinuous} discontinuous span(s) exported with their first range only \
             ({format} has no way to write the others; {} do)",
            carriers(|s| s.ranges)
        ));
    }
    // ClaimReview is markup for verdicts, not a dataset of spans: it has no place for a
    // link, and saying so of every link between quotes and sources would be noise.
    if !project.links.is_empty() && format != Format::Claimreview {
        select_links(&project.links, format, &mut views, summary);
    }
    Ok(views)
}

/// The span datasets that carry what `carries` says, for a warning: "jsonl, brat, …"
/// (ClaimReview, markup for verdicts, is no alternative to a dataset).
fn carriers(carries: fn(&super::FormatSpec) -> bool) -> String {
    Format::ALL
        .iter()
        .filter(|&&f| f != Format::Claimreview && carries(&f.spec()))
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Gives each view the links `format` can carry between the spans chosen, and counts
/// (with a warning per reason) the links left out.
fn select_links<'a>(
    links: &'a [Link],
    format: Format,
    views: &mut [DocView<'a>],
    summary: &mut ExportSummary,
) {
    let scope = format.spec().links;
    let mut place: HashMap<&str, End> = HashMap::new();
    for (view, v) in views.iter().enumerate() {
        for (span, a) in v.spans.iter().enumerate() {
            place.insert(a.id.as_str(), End { view, span });
        }
    }
    let (mut unplaced, mut to_self, mut across, mut reserved, mut uncarried) = (0, 0, 0, 0, 0);
    let mut chosen: Vec<(usize, LinkOut<'a>)> = Vec::new();
    for link in links {
        let (from, to) = (place.get(link.from.as_str()), place.get(link.to.as_str()));
        let (from, to) = match (from, to) {
            (None, None) => continue,
            (Some(&f), Some(&t)) => (f, t),
            _ => {
                unplaced += 1;
                continue;
            }
        };
        if scope == LinkScope::None {
            uncarried += 1;
        } else if from == to {
            to_self += 1;
        } else if scope == LinkScope::Document && from.view != to.view {
            across += 1;
        } else if matches!(format, Format::LabelStudio | Format::DoccanoRel)
            && link.kind == LinkKind::Other(RANGE_OF.to_owned())
        {
            reserved += 1;
        } else {
            chosen.push((from.view, LinkOut { link, from, to }));
        }
    }
    summary.links = chosen.len();
    // Label Studio's and doccano's relations and the CSV cell have no place for a note.
    let notes_lost = if matches!(format, Format::Jsonl | Format::Brat | Format::W3c) {
        0
    } else {
        chosen
            .iter()
            .filter(|(_, l)| !l.link.note.is_empty())
            .count()
    };
    summary.skipped_links = unplaced + to_self + across + reserved + uncarried;
    chosen.sort_by(|(_, x), (_, y)| {
        (x.from, x.to, x.link.kind.name(), &x.link.id).cmp(&(
            y.from,
            y.to,
            y.link.kind.name(),
            &y.link.id,
        ))
    });
    for (view, l) in chosen {
        if l.to.view != view {
            views[l.to.view].incoming.push(LinkOut {
                link: l.link,
                from: l.from,
                to: l.to,
            });
        }
        views[view].links.push(l);
    }
    let w = &mut summary.warnings;
    if unplaced > 0 {
        w.push(format!(
            "{unplaced} link(s) left out: one end is not in this export (left out by \
             --labels or --status, orphaned, or on an unavailable article)"
        ));
    }
    if to_self > 0 {
        w.push(format!(
            "{to_self} link(s) from an annotation to itself left out (sourcemark check \
             lists them)"
        ));
    }
    if across > 0 {
        w.push(format!(
            "{across} link(s) across documents left out: {format} relations join spans \
             of one document ({} carry them)",
            carriers(|s| s.links == LinkScope::Project)
        ));
    }
    if reserved > 0 {
        w.push(format!(
            "{reserved} link(s) of the project-defined kind {} left out: {format} uses \
             that relation to join the ranges of a discontinuous span",
            quote(RANGE_OF)
        ));
    }
    if notes_lost > 0 {
        w.push(format!(
            "{notes_lost} link note(s) not written: {format} has no place for a link's \
             note (jsonl, brat and w3c carry them)"
        ));
    }
    if uncarried > 0 {
        w.push(format!(
            "{format} carries spans only: {uncarried} link(s) not written ({} carry links)",
            carriers(|s| s.links != LinkScope::None)
        ));
    }
}
