//! Conflicts a merge left in the project file for a person to decide.
//!
//! The git merge driver (`sourcemark merge-driver`) never writes text conflict markers:
//! it writes a valid project that holds one side of each conflicting field, and lists
//! each conflict here with both sides' values, so `sourcemark check` can report them and
//! the window can settle each with one key. The values are the records' own field
//! values (a label id, a span's offsets, a whole annotation for a deleted record), as
//! the merge compares them.

use super::{AnnotationId, ClusterId, DocId, LinkId};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// Which record a conflict is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RecordRef {
    /// The project's own fields (`name`, `format`).
    Project,
    /// A label of the scheme, by id.
    Label(String),
    /// A document.
    Document(DocId),
    /// An annotation.
    Annotation(AnnotationId),
    /// A link.
    Link(LinkId),
    /// A cluster.
    Cluster(ClusterId),
}

impl fmt::Display for RecordRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordRef::Project => f.write_str("the project"),
            RecordRef::Label(id) => write!(f, "label {id}"),
            RecordRef::Document(id) => write!(f, "document {id}"),
            RecordRef::Annotation(id) => write!(f, "annotation {id}"),
            RecordRef::Link(id) => write!(f, "link {id}"),
            RecordRef::Cluster(id) => write!(f, "cluster {id}"),
        }
    }
}

/// One of the two descendants of a merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Side {
    /// The window's project, git's `%A` (the branch being merged into).
    Ours,
    /// The file's current content, git's `%B` (the branch being merged).
    Theirs,
}

impl Side {
    /// The other side.
    pub fn other(self) -> Side {
        match self {
            Side::Ours => Side::Theirs,
            Side::Theirs => Side::Ours,
        }
    }
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        })
    }
}

/// A conflict kept in the project file until a person decides it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordedConflict {
    /// The record.
    pub record: RecordRef,
    /// The field or unit of fields (`"label"`, `"span"`, `"attrs.speaker"`); absent when
    /// the record itself was deleted on one side and changed on the other.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "inline")]
    pub field: Option<String>,
    /// Our value; absent when ours has none (the record deleted, the attribute unset).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "inline")]
    pub ours: Option<Value>,
    /// Their value; absent when theirs has none.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "inline")]
    pub theirs: Option<Value>,
    /// The side whose value the project holds until a person decides.
    pub holds: Side,
}

impl RecordedConflict {
    /// The value of `side`.
    pub fn value(&self, side: Side) -> Option<&Value> {
        match side {
            Side::Ours => self.ours.as_ref(),
            Side::Theirs => self.theirs.as_ref(),
        }
    }

    /// What the conflict is about: `annotation 3f2a…, field label` or `document d1
    /// (deleted on one side, changed on the other)`.
    pub fn subject(&self) -> String {
        match &self.field {
            Some(f) => format!("{}, field {f}", self.record),
            None => format!(
                "{} (deleted on one side, changed on the other)",
                self.record
            ),
        }
    }

    /// One side's value, short, for a report: text quoted, `deleted` / `not set` when
    /// absent.
    pub fn shown(&self, side: Side) -> String {
        match self.value(side) {
            None if self.field.is_none() => "deleted".to_owned(),
            None => "not set".to_owned(),
            Some(v) => show(v),
        }
    }
}

/// How many chars of a value a report shows.
const SHOWN_CHARS: usize = 80;

/// A value short enough for one line.
fn show(v: &Value) -> String {
    match v {
        Value::String(s) => format!("“{}”", cut(s)),
        Value::Null => "none".to_owned(),
        other => cut(&other.to_string()),
    }
}

/// `s` cut to [`SHOWN_CHARS`] chars, with an ellipsis when cut.
fn cut(s: &str) -> String {
    match s.char_indices().nth(SHOWN_CHARS) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_owned(),
    }
}

/// An `Option` written as its value alone (the field is left out when `None`), so the
/// file reads `ours: "claim"` rather than `ours: Some("claim")`.
mod inline {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => v.serialize(s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<T>, D::Error> {
        T::deserialize(d).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Project;

    fn conflict() -> RecordedConflict {
        RecordedConflict {
            record: RecordRef::Annotation("0123456789ab".into()),
            field: Some("span".into()),
            ours: Some(serde_json::json!({"doc": "d1", "start": 3, "end": 9, "text": "a \"b\"\n"})),
            theirs: None,
            holds: Side::Ours,
        }
    }

    #[test]
    fn a_recorded_conflict_reads_back_from_the_project_file() {
        let mut p = Project::new("p");
        let mut whole = conflict();
        whole.field = None;
        whole.ours = Some(serde_json::json!({"value": 2.5, "none": null, "list": [1, -2]}));
        whole.theirs = Some(Value::String("x".into()));
        p.conflicts = vec![conflict(), whole];
        let text = crate::store::to_ron(&p).expect("written");
        assert!(
            text.contains("field: \"span\", ours: {\"doc\": \"d1\", \"end\": 9"),
            "{text}"
        );
        let list = &text[text.find("conflicts: [").expect("a list")..];
        assert!(!list.contains("Some("), "{list}");
        let back = crate::store::from_ron(std::path::Path::new("p.ron"), &text).expect("read");
        assert_eq!(back.conflicts, p.conflicts);
    }

    #[test]
    fn a_project_without_conflicts_writes_no_list() {
        let text = crate::store::to_ron(&Project::new("p")).expect("written");
        assert!(!text.contains("conflicts"), "{text}");
    }

    #[test]
    fn reports_name_the_field_and_both_values() {
        let c = conflict();
        assert_eq!(c.subject(), "annotation 0123456789ab, field span");
        assert!(c.shown(Side::Ours).contains("\"start\":3"));
        assert_eq!(c.shown(Side::Theirs), "not set");
    }
}
