//! `jsonl`: sourcemark's own dataset, one JSON object per document with every span field.
//!
//! ```json
//! {"id":"…","path":"…","title":"…","outlet":"…","url":"…","published":"2020-01-24",
//!  "language":"en","status":"done","sha256":"…","text":"…",
//!  "spans":[{"id":"…","start":0,"end":5,"label":"claim","text":"…","note":"",
//!            "attrs":{},"annotator":"…","created":"…","modified":"…"}]}
//! ```
//!
//! A discontinuous span adds `"more": [[start, end], …]`, and its `text` is its ranges'
//! texts joined by one space, as brat joins them.
//!
//! Each record ends with `"links": [{"id", "from", "to", "kind", "note"}]`: the links
//! whose `from` is one of its spans, and those across documents whose `to` is (so a
//! `SameAs` between two outlets is in both records). `from` and `to` are span ids and
//! `kind` is written as the project file writes it (`SaidBy`, `Supports`, `SameAs`, or
//! the project's own name). Import reads a link named twice once.

use super::attrs::{AttrsJson, AttrsOut};
use super::export::{ExportError, Progress};
use super::record::{ImportError, LinkRecord, Record, RecordMeta, SpanRecord, SpanRef, TextCheck};
use super::select::{DocMeta, DocView, LinkOut, each_view};
use super::stream::{Seq, json_error};
use crate::model::{Annotation, DocStatus, LinkKind};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::io::Write;

#[derive(Serialize)]
#[serde(bound(serialize = "Seq<S>: Serialize, Seq<L>: Serialize"))]
struct DocOut<'a, S, L> {
    id: &'a str,
    #[serde(flatten)]
    meta: DocMeta<'a>,
    text: &'a str,
    spans: Seq<S>,
    links: Seq<L>,
}

#[derive(Serialize)]
struct LinkOutJson<'a> {
    id: &'a str,
    from: &'a str,
    to: &'a str,
    kind: &'a str,
    note: &'a str,
}

fn link_out<'a>(l: &LinkOut<'a>) -> LinkOutJson<'a> {
    LinkOutJson {
        id: l.link.id.as_str(),
        from: l.link.from.as_str(),
        to: l.link.to.as_str(),
        kind: l.link.kind.name(),
        note: &l.link.note,
    }
}

#[derive(Serialize)]
struct SpanOut<'a> {
    id: &'a str,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    more: Vec<[usize; 2]>,
    label: &'a str,
    text: Cow<'a, str>,
    note: &'a str,
    attrs: AttrsOut<'a>,
    annotator: &'a str,
    created: DateTime<Utc>,
    modified: DateTime<Utc>,
}

fn span_out<'a>(v: &'a DocView<'_>, a: &'a Annotation) -> SpanOut<'a> {
    let (start, end) = v.range(a);
    SpanOut {
        id: a.id.as_str(),
        start,
        end,
        more: a
            .more
            .iter()
            .map(|r| [v.map.to_unit(r.start), v.map.to_unit(r.end)])
            .collect(),
        label: &a.label,
        text: v.joined_text(a),
        note: &a.note,
        attrs: AttrsOut::from(&a.attrs),
        annotator: &a.annotator,
        created: a.created,
        modified: a.modified,
    }
}

/// Writes one line per document, each span as it is serialised.
pub(crate) fn write(
    views: &[DocView<'_>],
    out: &mut impl Write,
    progress: Progress<'_>,
) -> Result<(), ExportError> {
    each_view(views, progress, |v| {
        let line = DocOut {
            id: v.doc.id.as_str(),
            meta: v.meta(),
            text: v.text.as_str(),
            spans: Seq::new(v.spans.iter().map(|a| span_out(v, a))),
            links: Seq::new(v.links.iter().chain(&v.incoming).map(link_out)),
        };
        serde_json::to_writer(&mut *out, &line).map_err(json_error)?;
        out.write_all(b"\n").map_err(ExportError::Stream)?;
        Ok(())
    })?;
    Ok(())
}

#[derive(Deserialize)]
struct DocIn {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    published: Option<NaiveDate>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    status: Option<String>,
    text: String,
    #[serde(default)]
    spans: Vec<SpanIn>,
    #[serde(default)]
    links: Vec<LinkIn>,
}

#[derive(Deserialize)]
struct LinkIn {
    #[serde(default)]
    id: Option<String>,
    from: String,
    to: String,
    kind: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
struct SpanIn {
    #[serde(default)]
    id: Option<String>,
    start: usize,
    end: usize,
    #[serde(default)]
    more: Vec<[usize; 2]>,
    label: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    attrs: AttrsJson,
    #[serde(default)]
    annotator: Option<String>,
    #[serde(default)]
    created: Option<DateTime<Utc>>,
    #[serde(default)]
    modified: Option<DateTime<Utc>>,
}

/// Reads sourcemark JSONL; errors name the line.
pub(crate) fn read(name: &str, input: &str) -> Result<Vec<Record>, ImportError> {
    super::lines::read(name, input, |at, line| {
        let d: DocIn = serde_json::from_str(line).map_err(|e| ImportError::Record {
            at: at.clone(),
            message: e.to_string(),
        })?;
        let status = match d.status.as_deref() {
            None | Some("") => None,
            Some(s) => Some(DocStatus::parse(s).ok_or_else(|| ImportError::Record {
                at: at.clone(),
                message: format!("unknown status {s:?} ({})", DocStatus::choices()),
            })?),
        };
        let mut spans = Vec::with_capacity(d.spans.len());
        for (k, s) in d.spans.into_iter().enumerate() {
            let sat = format!("{at}, span {}", k + 1);
            let attrs = s
                .attrs
                .into_attrs()
                .map_err(|message| ImportError::Record {
                    at: sat.clone(),
                    message,
                })?;
            let how = if s.more.is_empty() {
                TextCheck::Primary
            } else {
                TextCheck::Joined
            };
            spans.push(SpanRecord {
                at: sat,
                id: s.id,
                start: s.start,
                end: s.end,
                more: s.more.into_iter().map(|[a, b]| (a, b)).collect(),
                label: s.label,
                check: s.text.map(|t| (t, how)),
                note: s.note,
                attrs,
                annotator: s.annotator,
                created: s.created,
                modified: s.modified,
            });
        }
        let mut links = Vec::with_capacity(d.links.len());
        for (k, l) in d.links.into_iter().enumerate() {
            let lat = format!("{at}, link {}", k + 1);
            if l.kind.trim().is_empty() {
                return Err(ImportError::Record {
                    at: lat,
                    message: "link has an empty kind".into(),
                });
            }
            links.push(LinkRecord {
                at: lat,
                id: l.id,
                from: SpanRef::Id(l.from),
                to: SpanRef::Id(l.to),
                kind: LinkKind::from_name(&l.kind),
                note: l.note,
            });
        }
        Ok(Record {
            at,
            text: d.text,
            meta: RecordMeta {
                id: d.id,
                path: d.path,
                title: d.title,
                outlet: d.outlet,
                url: d.url,
                published: d.published,
                language: d.language,
                status,
            },
            spans,
            links,
        })
    })
}
