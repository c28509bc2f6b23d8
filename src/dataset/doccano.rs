//! `doccano`: doccano's sequence-labelling JSONL, one document per line:
//! `{"text": …, "label": [[start, end, "label"], …], "meta": {…}}`.
//!
//! doccano keeps only offsets and labels; notes, attributes and annotators are not
//! exported. On import, `labels` (older doccano) is read as well as `label`, and so is
//! the `entities` list of doccano 1.x (`start_offset`, `end_offset`, `label`).

use super::export::{ExportError, Progress};
use super::record::{ImportError, Record, RecordMeta, SpanRecord};
use super::select::{DocMeta, DocView, each_view};
use super::stream::{Seq, json_error};
use crate::model::{Attributes, DocStatus};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::io::Write;

#[derive(Serialize)]
struct Meta<'a> {
    id: &'a str,
    #[serde(flatten)]
    rest: DocMeta<'a>,
}

#[derive(Serialize)]
#[serde(bound(serialize = "Seq<L>: Serialize"))]
struct Line<'a, L> {
    text: &'a str,
    label: Seq<L>,
    meta: Meta<'a>,
}

/// Writes one line per document, each label as it is serialised.
pub(crate) fn write(
    views: &[DocView<'_>],
    out: &mut impl Write,
    progress: Progress<'_>,
) -> Result<(), ExportError> {
    each_view(views, progress, |v| {
        let line = Line {
            text: v.text.as_str(),
            label: Seq::new(v.spans.iter().map(|a| {
                let (s, e) = v.range(a);
                (s, e, a.label.as_str())
            })),
            meta: Meta {
                id: v.doc.id.as_str(),
                rest: v.meta(),
            },
        };
        serde_json::to_writer(&mut *out, &line).map_err(json_error)?;
        out.write_all(b"\n").map_err(ExportError::Stream)?;
        Ok(())
    })?;
    Ok(())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MetaIn {
    id: Option<serde_json::Value>,
    path: Option<String>,
    title: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    published: Option<NaiveDate>,
    language: Option<String>,
    status: Option<String>,
}

#[derive(Deserialize)]
struct Entity {
    start_offset: usize,
    end_offset: usize,
    label: String,
}

#[derive(Deserialize)]
struct LineIn {
    text: String,
    #[serde(default)]
    label: Option<Vec<(usize, usize, String)>>,
    #[serde(default)]
    labels: Option<Vec<(usize, usize, String)>>,
    #[serde(default)]
    entities: Option<Vec<Entity>>,
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    meta: Option<MetaIn>,
}

fn id_string(v: serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Reads doccano JSONL; errors name the line.
pub(crate) fn read(name: &str, input: &str) -> Result<Vec<Record>, ImportError> {
    super::lines::read(name, input, |at, line| {
        let l: LineIn = serde_json::from_str(line).map_err(|e| ImportError::Record {
            at: at.clone(),
            message: e.to_string(),
        })?;
        let mut triples = l.label.or(l.labels).unwrap_or_default();
        triples.extend(
            l.entities
                .unwrap_or_default()
                .into_iter()
                .map(|e| (e.start_offset, e.end_offset, e.label)),
        );
        let meta = l.meta.unwrap_or_default();
        let status = match meta.status.as_deref() {
            None | Some("") => None,
            Some(s) => Some(DocStatus::parse(s).ok_or_else(|| ImportError::Record {
                at: at.clone(),
                message: format!("unknown status {s:?} in meta ({})", DocStatus::choices()),
            })?),
        };
        let spans = triples
            .into_iter()
            .enumerate()
            .map(|(k, (start, end, label))| SpanRecord {
                at: format!("{at}, label {}", k + 1),
                id: None,
                start,
                end,
                more: Vec::new(),
                label,
                check: None,
                note: String::new(),
                attrs: Attributes::default(),
                annotator: None,
                created: None,
                modified: None,
            })
            .collect();
        Ok(Record {
            at,
            text: l.text,
            meta: RecordMeta {
                id: meta.id.and_then(id_string).or(l.id.and_then(id_string)),
                path: meta.path,
                title: meta.title,
                outlet: meta.outlet,
                url: meta.url,
                published: meta.published,
                language: meta.language,
                status,
            },
            spans,
        })
    })
}
