//! The merge of one record: the whole-record rules, and what each kind of record is made
//! of (its key and the units its fields merge in).

use super::value::{self, Map, Shape, Unit};
use super::{Conflict, MergeError, RecordRef, Run, Side, Versions};
use crate::model::{Annotation, AnnotationId, DocId, Document, Label, Link, LinkId, Project};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::hash::Hash;

/// A record matched by id across the three projects.
pub(super) trait Record: Clone + PartialEq + Serialize + DeserializeOwned {
    /// Its id.
    type Key: Clone + Eq + Hash + Ord;
    /// The id of this record.
    fn key(&self) -> &Self::Key;
    /// How reports name the record with this id.
    fn reference(key: &Self::Key) -> RecordRef;
    /// Which of its fields merge together.
    fn shape() -> &'static Shape;
    /// One line for a dialog.
    fn summary(&self) -> String;
}

static PLAIN: Shape = Shape {
    units: &[],
    nested: &[],
    latest: &[],
    earliest: &[],
};

static ANNOTATION: Shape = Shape {
    units: &[Unit {
        name: "span",
        keys: &[
            "doc", "start", "end", "more", "text", "prefix", "suffix", "orphaned",
        ],
        show: value::show_span,
    }],
    nested: &["attrs", "attrs.custom"],
    latest: &["modified"],
    earliest: &["created"],
};

static DOCUMENT: Shape = Shape {
    units: &[Unit {
        name: "article",
        // A saved page's record goes with the text extracted from it.
        keys: &["path", "sha256", "chars", "page"],
        show: value::show_article,
    }],
    nested: &[],
    latest: &[],
    earliest: &[],
};

static LINK: Shape = Shape {
    units: &[Unit {
        name: "ends",
        keys: &["from", "to"],
        show: value::show_ends,
    }],
    nested: &[],
    latest: &[],
    earliest: &[],
};

impl Record for crate::model::Cluster {
    type Key = crate::model::ClusterId;
    fn key(&self) -> &crate::model::ClusterId {
        &self.id
    }
    fn reference(key: &crate::model::ClusterId) -> RecordRef {
        RecordRef::Cluster(key.clone())
    }
    fn shape() -> &'static Shape {
        &PLAIN
    }
    fn summary(&self) -> String {
        format!("cluster “{}”", value::short(&self.name))
    }
}

impl Record for Label {
    type Key = String;
    fn key(&self) -> &String {
        &self.id
    }
    fn reference(key: &String) -> RecordRef {
        RecordRef::Label(key.clone())
    }
    fn shape() -> &'static Shape {
        &PLAIN
    }
    fn summary(&self) -> String {
        format!("{} “{}” {}", self.id, value::short(&self.name), self.color)
    }
}

impl Record for Document {
    type Key = DocId;
    fn key(&self) -> &DocId {
        &self.id
    }
    fn reference(key: &DocId) -> RecordRef {
        RecordRef::Document(key.clone())
    }
    fn shape() -> &'static Shape {
        &DOCUMENT
    }
    fn summary(&self) -> String {
        if self.title.is_empty() {
            format!("{} ({})", self.id, value::short(&self.path))
        } else {
            format!(
                "“{}” ({})",
                value::short(&self.title),
                value::short(&self.path)
            )
        }
    }
}

impl Record for Annotation {
    type Key = AnnotationId;
    fn key(&self) -> &AnnotationId {
        &self.id
    }
    fn reference(key: &AnnotationId) -> RecordRef {
        RecordRef::Annotation(key.clone())
    }
    fn shape() -> &'static Shape {
        &ANNOTATION
    }
    fn summary(&self) -> String {
        format!(
            "{} {}..{} “{}”",
            self.label,
            self.start,
            self.end,
            value::short(&self.text)
        )
    }
}

impl Record for Link {
    type Key = LinkId;
    fn key(&self) -> &LinkId {
        &self.id
    }
    fn reference(key: &LinkId) -> RecordRef {
        RecordRef::Link(key.clone())
    }
    fn shape() -> &'static Shape {
        &LINK
    }
    fn summary(&self) -> String {
        format!("{} → {} ({:?})", self.from, self.to, self.kind)
    }
}

/// A record as a JSON object.
fn to_map<T: Serialize>(r: &T, record: &RecordRef) -> Result<Map, MergeError> {
    match serde_json::to_value(r) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(other) => Ok(Map::from_iter([(String::new(), other)])),
        Err(e) => Err(MergeError::Unreadable {
            record: record.clone(),
            message: e.to_string(),
        }),
    }
}

fn to_json<T: Serialize>(r: Option<&T>, record: &RecordRef) -> Result<Option<Value>, MergeError> {
    r.map(|r| to_map(r, record).map(Value::Object)).transpose()
}

/// The record-level conflict over the versions `[base, ours, theirs]` of one record,
/// holding ours.
pub(super) fn record_conflict<T: Record>(
    key: &T::Key,
    [b, o, t]: [Option<&T>; 3],
) -> Result<Conflict, MergeError> {
    let record = T::reference(key);
    Ok(Conflict {
        base: b.map(T::summary),
        ours: o.map(T::summary),
        theirs: t.map(T::summary),
        values: Versions {
            base: to_json(b, &record)?,
            ours: to_json(o, &record)?,
            theirs: to_json(t, &record)?,
        },
        record,
        field: None,
        holds: Side::Ours,
        needed_by: Vec::new(),
    })
}

/// The merged version of one record (`None`: deleted) from its three versions.
pub(super) fn merge_one<T: Record>(
    b: Option<&T>,
    o: Option<&T>,
    t: Option<&T>,
    key: &T::Key,
    run: &mut Run<'_>,
) -> Result<Option<T>, MergeError> {
    // Typed comparisons first: almost every record of a large project is settled here,
    // without becoming JSON.
    if o == t || b == t {
        return Ok(o.cloned());
    }
    if b == o {
        return Ok(t.cloned());
    }
    let (Some(o), Some(t)) = (o, t) else {
        // Deleted on one side, changed on the other.
        return whole_record_conflict(key, [b, o, t], run);
    };
    let record = T::reference(key);
    let bm = match b {
        Some(b) => to_map(b, &record)?,
        None => Map::new(),
    };
    let om = to_map(o, &record)?;
    let tm = to_map(t, &record)?;
    let mut found = Vec::new();
    let merged = value::merge_map(
        T::shape(),
        &record,
        "",
        [&bm, &om, &tm],
        run.choices,
        &mut found,
    );
    let result = if merged == om {
        Some(o.clone())
    } else if merged == tm {
        Some(t.clone())
    } else {
        read_back::<T>(merged)
    };
    match result {
        Some(r) => {
            for c in found {
                run.conflict(c);
            }
            Ok(Some(r))
        }
        None => whole_record_conflict(key, [b, Some(o), Some(t)], run),
    }
}

/// The merged object as its struct, if it reads back exactly: a value JSON cannot hold
/// (NaN) reads back as something else.
fn read_back<T: Record>(merged: Map) -> Option<T> {
    let merged = Value::Object(merged);
    let r: T = serde_json::from_value(merged.clone()).ok()?;
    (serde_json::to_value(&r).ok()? == merged).then_some(r)
}

/// A record-level conflict: the chosen side's version if a person decided, else ours,
/// and the conflict reported.
fn whole_record_conflict<T: Record>(
    key: &T::Key,
    versions: [Option<&T>; 3],
    run: &mut Run<'_>,
) -> Result<Option<T>, MergeError> {
    let [_, o, t] = versions;
    match run.choices.get(&T::reference(key), None) {
        Some(Side::Ours) => Ok(o.cloned()),
        Some(Side::Theirs) => Ok(t.cloned()),
        None => {
            run.conflict(record_conflict(key, versions)?);
            Ok(o.cloned())
        }
    }
}

/// The project's own fields merged, in a project with no records yet.
pub(super) fn merge_scalars(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    run: &mut Run<'_>,
) -> Result<Project, MergeError> {
    // Listed by hand, exhaustively: a new field of `Project` stops the build here, and
    // whoever adds it decides whether it is a scalar or a collection merged by ids.
    fn scalars(p: &Project) -> Map {
        let Project {
            format,
            name,
            labels: _,
            documents: _,
            annotations: _,
            links: _,
            clusters: _,
            patterns: _,
            rejected: _,
            conflicts: _,
        } = p;
        Map::from_iter([
            ("format".to_owned(), Value::from(*format)),
            ("name".to_owned(), Value::from(name.as_str())),
        ])
    }
    let maps = [scalars(base), scalars(ours), scalars(theirs)];
    let mut found = Vec::new();
    let merged = value::merge_map(
        &PLAIN,
        &RecordRef::Project,
        "",
        maps.each_ref(),
        run.choices,
        &mut found,
    );
    for c in found {
        run.conflict(c);
    }
    let field = |k: &str| -> Result<Value, MergeError> {
        merged
            .get(k)
            .cloned()
            .ok_or_else(|| MergeError::Unreadable {
                record: RecordRef::Project,
                message: format!("no {k}"),
            })
    };
    let unreadable = |e: serde_json::Error| MergeError::Unreadable {
        record: RecordRef::Project,
        message: e.to_string(),
    };
    let mut p = Project::new("");
    p.labels.0.clear();
    p.format = serde_json::from_value(field("format")?).map_err(unreadable)?;
    p.name = serde_json::from_value(field("name")?).map_err(unreadable)?;
    Ok(p)
}
