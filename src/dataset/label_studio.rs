//! `label-studio`: a JSON array of Label Studio tasks, each document's spans as one
//! annotation whose results are `labels` regions, plus the labeling config
//! (`<View><Labels name="label" toName="text">…</Labels><Text name="text" value="$text"/></View>`)
//! that makes the tasks importable.
//!
//! Notes travel as region meta (`"meta": {"text": [note]}`), which Label Studio shows in
//! the region's info panel.
//!
//! Links are relation results between the regions of the task's annotation,
//! `{"type": "relation", "from_id", "to_id", "direction": "right", "labels": [kind]}`,
//! with the kinds declared in a `<Relations>` block of the config. Label Studio relations
//! join regions of one task, so a link across documents is left out and counted; they
//! have no note, so a link's note is not written.
//!
//! Label Studio has no discontinuous text region, so a span over several ranges is one
//! region per range, each drawn on its own text with the span's label, the further ones
//! joined to the first by a relation labelled `range-of` (ids `ID`, `ID:range2`, …).
//! That keeps every range visible and editable in Label Studio and survives its own
//! export (a meta field on one region would hide the others and be lost on an edit).
//! Import joins the regions again: a `range-of` relation makes its `from` region a
//! further range of its `to` region's span. Label Studio's editor counts offsets in code points, as
//! sourcemark's chars do (checked in Label Studio 1.23: the default export draws every
//! region on its text, a `--offsets utf16` one draws one char off per emoji before it),
//! so the default is right for Label Studio; `--offsets utf16` is for tools that count
//! UTF-16 code units.

use super::export::{ExportError, ExportOptions, Progress};
use super::range_join::{Joined, join};
use super::record::{ImportError, LinkRecord, Record, RecordMeta, SpanRecord, SpanRef, TextCheck};
use super::select::{DocMeta, DocView, RANGE_OF, ranges};
use super::stream::{Progressed, Seq, to_writer_pretty};
use crate::model::quote::quote;
use crate::model::{Attributes, DocStatus, LinkKind};
use crate::workspace::Workspace;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Serialize)]
struct Data<'a> {
    text: &'a str,
    doc_id: &'a str,
    #[serde(flatten)]
    meta: DocMeta<'a>,
}

#[derive(Serialize)]
struct RegionValue<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    labels: [&'a str; 1],
}

#[derive(Serialize)]
struct RegionMeta<'a> {
    text: [&'a str; 1],
}

#[derive(Serialize)]
struct Region<'a> {
    id: Cow<'a, str>,
    from_name: &'static str,
    to_name: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: RegionValue<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<RegionMeta<'a>>,
}

#[derive(Serialize)]
#[serde(bound(serialize = "Seq<R>: Serialize"))]
struct Annotation<R> {
    result: Seq<R>,
}

#[derive(Serialize)]
#[serde(bound(serialize = "Seq<R>: Serialize"))]
struct Task<'a, R> {
    data: Data<'a>,
    annotations: Seq<std::option::IntoIter<Annotation<R>>>,
}

#[derive(Serialize)]
struct Relation<'a> {
    from_id: Cow<'a, str>,
    to_id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    direction: &'static str,
    labels: [&'a str; 1],
}

/// One result of a task's annotation.
#[derive(Serialize)]
#[serde(untagged)]
enum Output<'a> {
    Region(Region<'a>),
    Relation(Relation<'a>),
}

/// The region id of a span's range `k` (0 for the first): the span's id, then
/// `ID:range2`, … made unique among the task's span ids.
fn region_id<'a>(a: &'a crate::model::Annotation, k: usize, taken: &HashSet<&str>) -> Cow<'a, str> {
    if k == 0 {
        return Cow::Borrowed(a.id.as_str());
    }
    let mut id = format!("{}:range{}", a.id, k + 1);
    while taken.contains(id.as_str()) {
        id.push('\'');
    }
    Cow::Owned(id)
}

/// Every result of one task: each span's regions, the `range-of` relations that join
/// the ranges of a discontinuous span, then the links.
fn results<'a>(v: &'a DocView<'a>) -> impl Iterator<Item = Output<'a>> + 'a {
    // Region ids beyond the span ids are needed only for discontinuous spans.
    let taken: HashSet<&str> = if v.spans.iter().any(|a| !a.more.is_empty()) {
        v.spans.iter().map(|a| a.id.as_str()).collect()
    } else {
        HashSet::new()
    };
    let taken = std::rc::Rc::new(taken);
    let t2 = taken.clone();
    let regions = v.spans.iter().flat_map(move |a| {
        let taken = taken.clone();
        ranges(a).enumerate().map(move |(k, r)| {
            let (start, end) = (v.map.to_unit(r.start), v.map.to_unit(r.end));
            Output::Region(Region {
                id: region_id(a, k, &taken),
                from_name: "label",
                to_name: "text",
                kind: "labels",
                value: RegionValue {
                    start,
                    end,
                    text: if k == 0 && a.more.is_empty() {
                        &a.text
                    } else {
                        v.slice(r)
                    },
                    labels: [&a.label],
                },
                meta: (k == 0 && !a.note.is_empty()).then_some(RegionMeta { text: [&a.note] }),
            })
        })
    });
    let joins = v.spans.iter().flat_map(move |a| {
        let taken = t2.clone();
        (1..=a.more.len()).map(move |k| {
            Output::Relation(Relation {
                from_id: region_id(a, k, &taken),
                to_id: a.id.as_str(),
                kind: "relation",
                direction: "right",
                labels: [RANGE_OF],
            })
        })
    });
    let links = v.links.iter().map(move |l| {
        Output::Relation(Relation {
            from_id: Cow::Borrowed(v.spans[l.from.span].id.as_str()),
            to_id: v.spans[l.to.span].id.as_str(),
            kind: "relation",
            direction: "right",
            labels: [l.link.kind.name()],
        })
    });
    regions.chain(joins).chain(links)
}

/// Writes the task array, one task and one region at a time.
pub(crate) fn write(
    views: &[DocView<'_>],
    out: &mut impl Write,
    progress: Progress<'_>,
) -> Result<(), ExportError> {
    let tasks = Progressed::new(views.iter(), progress).map(|v| Task {
        data: Data {
            text: v.text.as_str(),
            doc_id: v.doc.id.as_str(),
            meta: v.meta(),
        },
        annotations: Seq::new(
            (!v.spans.is_empty())
                .then(|| Annotation {
                    result: Seq::new(results(v)),
                })
                .into_iter(),
        ),
    });
    to_writer_pretty(&mut *out, &Seq::new(tasks))?;
    out.write_all(b"\n").map_err(ExportError::Stream)?;
    Ok(())
}

/// Where the labeling config goes beside a task file: `tasks.json` →
/// `tasks.label_config.xml`.
pub fn label_config_path(tasks: &Path) -> PathBuf {
    let stem = tasks
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "tasks".to_owned());
    tasks.with_file_name(format!("{stem}.label_config.xml"))
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The Label Studio labeling config for the project's labels (those `opts` selects),
/// with their colours, and the link kinds as relation labels: the built-in ones, the
/// project's own, and `range-of`, which joins the ranges of a discontinuous span.
pub fn label_config(ws: &Workspace, opts: &ExportOptions) -> String {
    let mut s = String::from("<View>\n  <Relations>\n");
    let custom: BTreeSet<&str> = ws
        .project
        .links
        .iter()
        .filter_map(|l| match &l.kind {
            LinkKind::Other(k) if k != RANGE_OF => Some(k.as_str()),
            _ => None,
        })
        .collect();
    let builtin = [LinkKind::SaidBy, LinkKind::Supports, LinkKind::SameAs];
    for k in builtin
        .iter()
        .map(LinkKind::name)
        .chain(custom)
        .chain([RANGE_OF])
    {
        s.push_str(&format!("    <Relation value=\"{}\"/>\n", xml_escape(k)));
    }
    s.push_str("  </Relations>\n  <Labels name=\"label\" toName=\"text\">\n");
    for l in ws.project.labels.iter() {
        if opts.labels.as_ref().is_some_and(|ls| !ls.contains(&l.id)) {
            continue;
        }
        s.push_str(&format!(
            "    <Label value=\"{}\" background=\"{}\"/>\n",
            xml_escape(&l.id),
            l.color
        ));
    }
    s.push_str("  </Labels>\n  <Text name=\"text\" value=\"$text\"/>\n</View>\n");
    s
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Reads a Label Studio task array (JSON export or import file); errors name the task.
pub(crate) fn read(name: &str, input: &str) -> Result<Vec<Record>, ImportError> {
    let err = |at: String, message: String| ImportError::Record { at, message };
    let root: Value =
        serde_json::from_str(input).map_err(|e| err(name.to_owned(), e.to_string()))?;
    let tasks = match root {
        Value::Array(a) => a,
        Value::Object(_) => vec![root],
        _ => {
            return Err(err(
                name.to_owned(),
                "expected a JSON array of tasks".into(),
            ));
        }
    };
    let mut records = Vec::with_capacity(tasks.len());
    for (i, task) in tasks.iter().enumerate() {
        let at = format!("{name}: task {}", i + 1);
        let data = task
            .get("data")
            .ok_or_else(|| err(at.clone(), "task has no \"data\"".into()))?;
        let text = data
            .get("text")
            .and_then(Value::as_str)
            .ok_or_else(|| err(at.clone(), "task has no \"data.text\" string".into()))?;
        let status = match str_field(data, "status").as_deref() {
            None | Some("") => None,
            Some(s) => Some(DocStatus::parse(s).ok_or_else(|| {
                err(
                    at.clone(),
                    format!("unknown status {s:?} ({})", DocStatus::choices()),
                )
            })?),
        };
        let published = match str_field(data, "published") {
            None => None,
            Some(s) => Some(
                s.parse::<NaiveDate>()
                    .map_err(|e| err(at.clone(), format!("published {s:?}: {e}")))?,
            ),
        };
        let meta = RecordMeta {
            id: str_field(data, "doc_id").or_else(|| str_field(task, "id")),
            path: str_field(data, "path"),
            title: str_field(data, "title"),
            outlet: str_field(data, "outlet"),
            url: str_field(data, "url"),
            published,
            language: str_field(data, "language"),
            status,
        };
        // Completed annotations; predictions only when there are none.
        let mut sets = task
            .get("annotations")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if sets.is_empty() {
            sets = task
                .get("predictions")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
        }
        let mut spans = Vec::new();
        let mut links = Vec::new();
        for (j, set) in sets.iter().enumerate() {
            let sat = format!("{at}, annotation {}", j + 1);
            read_set(&sat, set, &mut spans, &mut links)?;
        }
        records.push(Record {
            at,
            text: text.to_owned(),
            meta,
            spans,
            links,
        });
    }
    Ok(records)
}

/// A `labels` result as read, before the regions of one span are joined.
struct RegionIn {
    at: String,
    id: Option<String>,
    start: usize,
    end: usize,
    labels: Vec<String>,
    note: String,
    text: Option<String>,
}

/// A `relation` result as read.
struct RelationIn {
    at: String,
    from: String,
    to: String,
    labels: Vec<String>,
}

/// Reads one annotation (a result list) of a task: its regions become spans (the
/// regions a `range-of` relation joins become one span over several ranges) and its
/// other relations links. Errors name the task, annotation and result.
fn read_set(
    at: &str,
    set: &Value,
    spans: &mut Vec<SpanRecord>,
    links: &mut Vec<LinkRecord>,
) -> Result<(), ImportError> {
    let err = |at: String, message: String| ImportError::Record { at, message };
    let results = set
        .get("result")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let notes: Vec<(String, String)> = results
        .iter()
        .filter(|r| r.get("type").and_then(Value::as_str) == Some("textarea"))
        .filter_map(|r| {
            let id = str_field(r, "id")?;
            let texts = r.get("value")?.get("text")?.as_array()?;
            let t: Vec<&str> = texts.iter().filter_map(Value::as_str).collect();
            Some((id, t.join("\n")))
        })
        .collect();
    let strings = |v: Option<&Value>| -> Vec<String> {
        v.and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut regions: Vec<RegionIn> = Vec::new();
    let mut relations: Vec<RelationIn> = Vec::new();
    for (k, r) in results.iter().enumerate() {
        let rat = format!("{at}, result {}", k + 1);
        match r.get("type").and_then(Value::as_str) {
            Some("labels") => {}
            Some("relation") => {
                let end = |key: &str| {
                    str_field(r, key).ok_or_else(|| {
                        err(rat.clone(), format!("relation has no \"{key}\" region id"))
                    })
                };
                let (from, to) = (end("from_id")?, end("to_id")?);
                // "left" points from to_id to from_id; "right" and "bi" are read as written.
                let (from, to) = match r.get("direction").and_then(Value::as_str) {
                    Some("left") => (to, from),
                    _ => (from, to),
                };
                relations.push(RelationIn {
                    at: rat,
                    from,
                    to,
                    labels: strings(r.get("labels")),
                });
                continue;
            }
            _ => continue,
        }
        let value = r
            .get("value")
            .ok_or_else(|| err(rat.clone(), "result has no \"value\"".into()))?;
        let num = |key: &str| {
            value.get(key).and_then(Value::as_u64).ok_or_else(|| {
                err(
                    rat.clone(),
                    format!("value.{key} is missing or not a whole number"),
                )
            })
        };
        let (start, end) = (num("start")? as usize, num("end")? as usize);
        let labels = strings(value.get("labels"));
        if labels.is_empty() {
            return Err(err(rat, "value.labels is missing or empty".into()));
        }
        let id = str_field(r, "id");
        let mut note = strings(r.get("meta").and_then(|m| m.get("text"))).join("\n");
        if note.is_empty()
            && let Some(id) = &id
            && let Some((_, n)) = notes.iter().find(|(nid, _)| nid == id)
        {
            note = n.clone();
        }
        regions.push(RegionIn {
            at: rat,
            id,
            start,
            end,
            labels,
            note,
            text: str_field(value, "text"),
        });
    }
    let by_id: HashMap<&str, usize> = regions
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((r.id.as_deref()?, i)))
        .collect();
    let find = |rel: &RelationIn, side: &str, id: &str| {
        by_id.get(id).copied().ok_or_else(|| {
            err(
                rel.at.clone(),
                format!(
                    "relation's {side} region {} is not a region of this annotation",
                    quote(id)
                ),
            )
        })
    };
    // Each region's head: itself, or the region it is a further range of.
    let mut joins = Vec::new();
    for rel in relations
        .iter()
        .filter(|r| r.labels.iter().any(|l| l == RANGE_OF))
    {
        joins.push((
            find(rel, "from", &rel.from)?,
            find(rel, "to", &rel.to)?,
            rel.at.as_str(),
        ));
    }
    let pieces: Vec<(usize, usize)> = regions.iter().map(|r| (r.start, r.end)).collect();
    let Joined { head, mut members } = join(&pieces, &joins)?;
    let mut first_span: Vec<Option<usize>> = vec![None; regions.len()];
    for (i, r) in regions.iter().enumerate() {
        if head[i] != i {
            continue;
        }
        let parts = std::mem::take(&mut members[i]);
        let check = if parts.len() == 1 {
            r.text.clone().map(|t| (t, TextCheck::Primary))
        } else {
            let texts: Option<Vec<&str>> =
                parts.iter().map(|&k| regions[k].text.as_deref()).collect();
            texts.map(|t| (t.join(" "), TextCheck::Joined))
        };
        let (first, rest) = (parts[0], &parts[1..]);
        first_span[i] = Some(spans.len());
        for (n, label) in r.labels.iter().enumerate() {
            spans.push(SpanRecord {
                at: r.at.clone(),
                id: if n == 0 { r.id.clone() } else { None },
                start: regions[first].start,
                end: regions[first].end,
                more: rest
                    .iter()
                    .map(|&k| (regions[k].start, regions[k].end))
                    .collect(),
                label: label.clone(),
                check: check.clone(),
                note: r.note.clone(),
                attrs: Attributes::default(),
                annotator: None,
                created: None,
                modified: None,
            });
        }
    }
    for rel in relations
        .iter()
        .filter(|r| !r.labels.iter().any(|l| l == RANGE_OF))
    {
        let (from, to) = (find(rel, "from", &rel.from)?, find(rel, "to", &rel.to)?);
        let span = |i: usize| first_span[head[i]].unwrap_or_default();
        // A relation without a label still says the two are related.
        let kinds = if rel.labels.is_empty() {
            vec![RELATED.to_owned()]
        } else {
            rel.labels.clone()
        };
        for kind in kinds {
            links.push(LinkRecord {
                at: rel.at.clone(),
                id: None,
                from: SpanRef::Index(span(from)),
                to: SpanRef::Index(span(to)),
                kind: LinkKind::from_name(&kind),
                note: String::new(),
            });
        }
    }
    Ok(())
}

/// The kind given to a relation that has no label.
const RELATED: &str = "related";
