//! `csv`: one row per annotation with its document's metadata and its attributes, for
//! pandas and R. Written through the `csv` crate (RFC 4180 quoting), with a header row.
//! Custom attributes go in one column as a JSON object.
//!
//! `ranges` lists every range of the span, the first included, as `start-end` joined by
//! `;` (`0-5;12-22` for a quote in two ranges; `start` and `end` are the first). `links`
//! lists the span's links as `Kind:other-id` joined by `;`: the links from it, and the
//! `SameAs` links to it (the same claim in another outlet is the same either way, so a
//! `SameAs` across documents shows in both documents' rows). A `:` or `;` in a
//! project-defined kind's name is written as `_`.

use super::export::{ExportError, Progress};
use super::select::{DocView, each_view};
use super::stream::{csv_error, json_error};
use crate::model::LinkKind;
use std::fmt::Write as _;
use std::io::Write;

/// The header row, in column order.
pub const COLUMNS: [&str; 27] = [
    "doc_id",
    "doc_path",
    "doc_title",
    "outlet",
    "url",
    "published",
    "language",
    "status",
    "id",
    "label",
    "start",
    "end",
    "text",
    "note",
    "annotator",
    "created",
    "modified",
    "value",
    "unit",
    "counted",
    "precision",
    "speaker",
    "check_worthy",
    "verdict",
    "custom",
    "ranges",
    "links",
];

/// A kind's name for the `links` column: its `:` and `;` as `_`.
fn kind_cell(kind: &LinkKind) -> std::borrow::Cow<'_, str> {
    let name = kind.name();
    if name.contains([':', ';']) {
        name.replace([':', ';'], "_").into()
    } else {
        name.into()
    }
}

/// Each span's `links` cell, by span index; empty when the document has no links.
fn link_cells(v: &DocView<'_>) -> Vec<String> {
    if v.links.is_empty() && v.incoming.is_empty() {
        return Vec::new();
    }
    let mut cells = vec![String::new(); v.spans.len()];
    let mut add = |span: usize, kind: &LinkKind, other: &str| {
        let cell = &mut cells[span];
        if !cell.is_empty() {
            cell.push(';');
        }
        let _ = write!(cell, "{}:{other}", kind_cell(kind));
    };
    for l in &v.links {
        add(l.from.span, &l.link.kind, l.link.to.as_str());
        if l.link.kind == LinkKind::SameAs && l.to.view == l.from.view {
            add(l.to.span, &l.link.kind, l.link.from.as_str());
        }
    }
    for l in &v.incoming {
        if l.link.kind == LinkKind::SameAs {
            add(l.to.span, &l.link.kind, l.link.from.as_str());
        }
    }
    cells
}

/// Writes the rows, one at a time.
pub(crate) fn write(
    views: &[DocView<'_>],
    out: &mut impl Write,
    progress: Progress<'_>,
) -> Result<(), ExportError> {
    let mut w = csv::Writer::from_writer(&mut *out);
    w.write_record(COLUMNS).map_err(csv_error)?;
    each_view(views, progress, |v| {
        let d = v.doc;
        let published = d.published.map(|p| p.to_string()).unwrap_or_default();
        let links = link_cells(v);
        let mut ranges = String::new();
        for (i, a) in v.spans.iter().enumerate() {
            let (start, end) = v.range(a);
            ranges.clear();
            for (k, (x, y)) in v.unit_ranges(a).enumerate() {
                let sep = if k == 0 { "" } else { ";" };
                let _ = write!(ranges, "{sep}{x}-{y}");
            }
            let at = &a.attrs;
            let custom = if at.custom.is_empty() {
                String::new()
            } else {
                serde_json::to_string(&at.custom).map_err(json_error)?
            };
            w.write_record([
                d.id.as_str(),
                &d.path,
                &d.title,
                &d.outlet,
                &d.url,
                &published,
                &d.language,
                d.status.as_str(),
                a.id.as_str(),
                &a.label,
                &start.to_string(),
                &end.to_string(),
                &v.joined_text(a),
                &a.note,
                &a.annotator,
                &a.created
                    .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
                &a.modified
                    .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
                &at.value.map(|x| x.to_string()).unwrap_or_default(),
                at.unit.as_deref().unwrap_or_default(),
                at.counted.as_deref().unwrap_or_default(),
                at.precision.map(|p| p.as_str()).unwrap_or_default(),
                at.speaker.as_deref().unwrap_or_default(),
                &at.check_worthy.map(|b| b.to_string()).unwrap_or_default(),
                at.verdict.as_deref().unwrap_or_default(),
                &custom,
                &ranges,
                links.get(i).map_or("", String::as_str),
            ])
            .map_err(csv_error)?;
        }
        Ok(())
    })?;
    w.flush().map_err(ExportError::Stream)?;
    Ok(())
}
