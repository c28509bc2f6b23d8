//! `doccano-rel`: doccano's relation-extraction JSONL, one document per line:
//!
//! ```json
//! {"text": "…",
//!  "entities": [{"id": 1, "label": "quote", "start_offset": 0, "end_offset": 5}],
//!  "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "SaidBy"}],
//!  "meta": {"id": "…", …}}
//! ```
//!
//! Entity and relation ids are numbers counted through the whole file (doccano's are
//! database ids, unique across a project), and a relation's `type` is the link kind as
//! the project file names it. doccano relations join entities of one text, so a link
//! across documents is left out and counted; notes, attributes, annotators and link ids
//! have no place and are not exported.
//!
//! doccano has no discontinuous entity, so a span over several ranges is one entity per
//! range with the span's label, each further one joined to the first by a relation of
//! type `range-of` (as Label Studio exports do, for the same reason: each range stays
//! visible, and the join survives doccano's own export). Import is doccano's
//! ([`super::doccano`]), which joins them again.

use super::export::{ExportError, Progress};
use super::select::{DocView, RANGE_OF, each_view, ranges};
use super::stream::{Seq, json_error};
use serde::Serialize;
use std::io::Write;

use super::doccano::Meta;
pub(crate) use super::doccano::read;

#[derive(Serialize)]
#[serde(bound(serialize = "Seq<E>: Serialize, Seq<R>: Serialize"))]
struct Line<'a, E, R> {
    text: &'a str,
    entities: Seq<E>,
    relations: Seq<R>,
    meta: Meta<'a>,
}

#[derive(Serialize)]
struct Entity<'a> {
    id: usize,
    label: &'a str,
    start_offset: usize,
    end_offset: usize,
}

#[derive(Serialize)]
struct Relation<'a> {
    id: usize,
    from_id: usize,
    to_id: usize,
    #[serde(rename = "type")]
    kind: &'a str,
}

/// Writes one line per document, each entity and relation as it is serialised.
pub(crate) fn write(
    views: &[DocView<'_>],
    out: &mut impl Write,
    progress: Progress<'_>,
) -> Result<(), ExportError> {
    let (mut next_entity, mut next_relation) = (1, 1);
    each_view(views, progress, |v| {
        // Each span's first entity id; its further ranges take the ids after it.
        let mut first = Vec::with_capacity(v.spans.len());
        let mut n = next_entity;
        for a in &v.spans {
            first.push(n);
            n += 1 + a.more.len();
        }
        let joins: usize = v.spans.iter().map(|a| a.more.len()).sum();
        let entities = v.spans.iter().zip(&first).flat_map(|(a, &id)| {
            v.unit_ranges(a)
                .enumerate()
                .map(move |(k, (start, end))| Entity {
                    id: id + k,
                    label: &a.label,
                    start_offset: start,
                    end_offset: end,
                })
        });
        let range_of = v
            .spans
            .iter()
            .zip(&first)
            .flat_map(|(a, &id)| (1..ranges(a).count()).map(move |k| (id + k, id, RANGE_OF)));
        let links = v
            .links
            .iter()
            .map(|l| (first[l.from.span], first[l.to.span], l.link.kind.name()));
        let r0 = next_relation;
        let relations = range_of
            .chain(links)
            .enumerate()
            .map(|(k, (from_id, to_id, kind))| Relation {
                id: r0 + k,
                from_id,
                to_id,
                kind,
            });
        let line = Line {
            text: v.text.as_str(),
            entities: Seq::new(entities),
            relations: Seq::new(relations),
            meta: Meta {
                id: v.doc.id.as_str(),
                rest: v.meta(),
            },
        };
        serde_json::to_writer(&mut *out, &line).map_err(json_error)?;
        out.write_all(b"\n").map_err(ExportError::Stream)?;
        next_entity = n;
        next_relation += joins + v.links.len();
        Ok(())
    })?;
    Ok(())
}
