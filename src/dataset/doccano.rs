//! `doccano`: doccano's sequence-labelling JSONL, one document per line:
//! `{"text": …, "label": [[start, end, "label"], …], "meta": {…}}`.
//!
//! doccano keeps only offsets and labels; notes, attributes, annotators, links and the
//! further ranges of a discontinuous span are not exported (`doccano-rel` carries links
//! and ranges). On import, `labels` (older doccano) is read as well as `label`, and so
//! is the `entities` list of doccano 1.x (`start_offset`, `end_offset`, `label`, and an
//! `id`), with the `relations` between entities that doccano's relation projects export
//! (`from_id`, `to_id`, `type`): see [`super::doccano_rel`].

use super::export::{ExportError, Progress};
use super::range_join::{Joined, join};
use super::record::{ImportError, LinkRecord, Record, RecordMeta, SpanRecord, SpanRef};
use super::select::RANGE_OF;
use super::select::{DocMeta, DocView, each_view};
use super::stream::{Seq, json_error};
use crate::model::LinkKind;
use crate::model::quote::quote;
use crate::model::{Attributes, DocStatus};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Write;

/// A document's id and metadata, as doccano's `meta` (doccano-rel writes the same).
#[derive(Serialize)]
pub(super) struct Meta<'a> {
    pub(super) id: &'a str,
    #[serde(flatten)]
    pub(super) rest: DocMeta<'a>,
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
    #[serde(default)]
    id: Option<serde_json::Value>,
    start_offset: usize,
    end_offset: usize,
    label: String,
}

#[derive(Deserialize)]
struct RelationIn {
    from_id: serde_json::Value,
    to_id: serde_json::Value,
    #[serde(rename = "type")]
    kind: String,
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
    relations: Option<Vec<RelationIn>>,
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
        let triples = l.label.or(l.labels).unwrap_or_default();
        let entities = l.entities.unwrap_or_default();
        let meta = l.meta.unwrap_or_default();
        let status = match meta.status.as_deref() {
            None | Some("") => None,
            Some(s) => Some(DocStatus::parse(s).ok_or_else(|| ImportError::Record {
                at: at.clone(),
                message: format!("unknown status {s:?} in meta ({})", DocStatus::choices()),
            })?),
        };
        let span = |at: String, start, end, more, label| SpanRecord {
            at,
            id: None,
            start,
            end,
            more,
            label,
            check: None,
            note: String::new(),
            attrs: Attributes::default(),
            annotator: None,
            created: None,
            modified: None,
        };
        let mut spans: Vec<SpanRecord> = triples
            .into_iter()
            .enumerate()
            .map(|(k, (start, end, label))| {
                span(
                    format!("{at}, label {}", k + 1),
                    start,
                    end,
                    Vec::new(),
                    label,
                )
            })
            .collect();
        let links = entity_spans(
            &at,
            entities,
            l.relations.unwrap_or_default(),
            &mut spans,
            span,
        )?;
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
            links,
        })
    })
}

/// The entities of one line as spans (those a `range-of` relation joins as one span over
/// several ranges) and its other relations as links. A relation that names an entity id
/// the line does not have is refused with its place.
fn entity_spans(
    at: &str,
    entities: Vec<Entity>,
    relations: Vec<RelationIn>,
    spans: &mut Vec<SpanRecord>,
    span: impl Fn(String, usize, usize, Vec<(usize, usize)>, String) -> SpanRecord,
) -> Result<Vec<LinkRecord>, ImportError> {
    let err = |at: String, message: String| ImportError::Record { at, message };
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (k, e) in entities.iter().enumerate() {
        if let Some(id) = e.id.clone().and_then(id_string)
            && by_id.insert(id.clone(), k).is_some()
        {
            return Err(err(
                format!("{at}, entity {}", k + 1),
                format!("entity id {} is used twice in this line", quote(&id)),
            ));
        }
    }
    let rats: Vec<String> = (0..relations.len())
        .map(|k| format!("{at}, relation {}", k + 1))
        .collect();
    let mut ends = Vec::with_capacity(relations.len());
    for (rel, rat) in relations.iter().zip(&rats) {
        let end = |side: &str, v: &serde_json::Value| {
            let id = id_string(v.clone()).unwrap_or_else(|| v.to_string());
            by_id.get(&id).copied().ok_or_else(|| {
                err(
                    rat.clone(),
                    format!(
                        "relation's {side} entity {} is not an entity of this line",
                        quote(&id)
                    ),
                )
            })
        };
        ends.push((end("from_id", &rel.from_id)?, end("to_id", &rel.to_id)?));
    }
    let joins: Vec<(usize, usize, &str)> = relations
        .iter()
        .zip(&ends)
        .zip(&rats)
        .filter(|((r, _), _)| r.kind == RANGE_OF)
        .map(|((_, &(f, t)), at)| (f, t, at.as_str()))
        .collect();
    let pieces: Vec<(usize, usize)> = entities
        .iter()
        .map(|e| (e.start_offset, e.end_offset))
        .collect();
    let Joined { head, members } = join(&pieces, &joins)?;
    let mut span_of = vec![0; entities.len()];
    let mut entities: Vec<Option<Entity>> = entities.into_iter().map(Some).collect();
    for (k, parts) in members.iter().enumerate() {
        if parts.is_empty() {
            continue;
        }
        span_of[k] = spans.len();
        let more = parts[1..].iter().map(|&p| pieces[p]).collect();
        let label = entities[k].take().map(|e| e.label).unwrap_or_default();
        let (start, end) = pieces[parts[0]];
        spans.push(span(
            format!("{at}, entity {}", k + 1),
            start,
            end,
            more,
            label,
        ));
    }
    let mut links = Vec::new();
    for ((rel, &(from, to)), rat) in relations.into_iter().zip(&ends).zip(rats) {
        if rel.kind == RANGE_OF {
            continue;
        }
        if rel.kind.trim().is_empty() {
            return Err(err(rat, "relation has an empty type".into()));
        }
        links.push(LinkRecord {
            at: rat,
            id: None,
            from: SpanRef::Index(span_of[head[from]]),
            to: SpanRef::Index(span_of[head[to]]),
            kind: LinkKind::from_name(&rel.kind),
            note: String::new(),
        });
    }
    Ok(links)
}
