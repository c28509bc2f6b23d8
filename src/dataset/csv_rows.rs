//! `csv`: one row per annotation with its document's metadata and its attributes, for
//! pandas and R. Written through the `csv` crate (RFC 4180 quoting), with a header row.
//! Custom attributes go in one column as a JSON object.

use super::export::{ExportError, Progress};
use super::select::{DocView, each_view};
use super::stream::{csv_error, json_error};
use std::io::Write;

/// The header row, in column order.
pub const COLUMNS: [&str; 25] = [
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
];

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
        for a in &v.spans {
            let (start, end) = v.range(a);
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
                &a.text,
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
            ])
            .map_err(csv_error)?;
        }
        Ok(())
    })?;
    w.flush().map_err(ExportError::Stream)?;
    Ok(())
}
