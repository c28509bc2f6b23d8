//! `label-studio`: a JSON array of Label Studio tasks, each document's spans as one
//! annotation whose results are `labels` regions, plus the labeling config
//! (`<View><Labels name="label" toName="text">…</Labels><Text name="text" value="$text"/></View>`)
//! that makes the tasks importable.
//!
//! Notes travel as region meta (`"meta": {"text": [note]}`), which Label Studio shows in
//! the region's info panel. Label Studio's editor counts offsets in code points, as
//! sourcemark's chars do (checked in Label Studio 1.23: the default export draws every
//! region on its text, a `--offsets utf16` one draws one char off per emoji before it),
//! so the default is right for Label Studio; `--offsets utf16` is for tools that count
//! UTF-16 code units.

use super::export::{ExportError, ExportOptions, Progress};
use super::record::{ImportError, Record, RecordMeta, SpanRecord, TextCheck};
use super::select::{DocMeta, DocView};
use super::stream::{Progressed, Seq, to_writer_pretty};
use crate::model::{Attributes, DocStatus};
use crate::workspace::Workspace;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;
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
    id: &'a str,
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

fn region<'a>(v: &DocView<'_>, a: &'a crate::model::Annotation) -> Region<'a> {
    let (start, end) = v.range(a);
    Region {
        id: a.id.as_str(),
        from_name: "label",
        to_name: "text",
        kind: "labels",
        value: RegionValue {
            start,
            end,
            text: &a.text,
            labels: [&a.label],
        },
        meta: (!a.note.is_empty()).then_some(RegionMeta { text: [&a.note] }),
    }
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
                    result: Seq::new(v.spans.iter().map(|a| region(v, a))),
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
/// with their colours.
pub fn label_config(ws: &Workspace, opts: &ExportOptions) -> String {
    let mut s = String::from("<View>\n  <Labels name=\"label\" toName=\"text\">\n");
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
        for (j, set) in sets.iter().enumerate() {
            let results = set
                .get("result")
                .and_then(Value::as_array)
                .cloned()
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
            for (k, r) in results.iter().enumerate() {
                if r.get("type").and_then(Value::as_str) != Some("labels") {
                    continue;
                }
                let rat = format!("{at}, annotation {}, result {}", j + 1, k + 1);
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
                let labels: Vec<&str> = value
                    .get("labels")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                if labels.is_empty() {
                    return Err(err(rat, "value.labels is missing or empty".into()));
                }
                let id = str_field(r, "id");
                let mut note = r
                    .get("meta")
                    .and_then(|m| m.get("text"))
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join("\n")
                    })
                    .unwrap_or_default();
                if note.is_empty()
                    && let Some(id) = &id
                    && let Some((_, n)) = notes.iter().find(|(nid, _)| nid == id)
                {
                    note = n.clone();
                }
                let check = str_field(value, "text").map(|t| (t, TextCheck::Primary));
                for (n, label) in labels.iter().enumerate() {
                    spans.push(SpanRecord {
                        at: rat.clone(),
                        id: if n == 0 { id.clone() } else { None },
                        start,
                        end,
                        more: Vec::new(),
                        label: (*label).to_owned(),
                        check: check.clone(),
                        note: note.clone(),
                        attrs: Attributes::default(),
                        annotator: None,
                        created: None,
                        modified: None,
                    });
                }
            }
        }
        records.push(Record {
            at,
            text: text.to_owned(),
            meta,
            spans,
        });
    }
    Ok(records)
}
