//! Deciding a conflict recorded in the project file: the project with one side's value
//! put in place and the entry gone, kept whole (no annotation without its document or
//! label, no link without its ends).

use super::record::Record;
use super::value::Map;
use crate::model::{Project, RecordRef, RecordedConflict, Side};
use serde_json::Value;

/// Why a recorded conflict cannot be decided that way; the project is unchanged.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ResolveError {
    /// No entry at that position of the `conflicts` list.
    #[error("there is no recorded conflict number {0}")]
    NoSuchConflict(usize),
    /// The record the field belongs to is no longer in the project.
    #[error("{0} is no longer in the project")]
    Gone(RecordRef),
    /// Restoring the record needs another record that is gone; decide that one first.
    #[error("{record} needs {needs}, which is not in the project; decide its conflict first")]
    Needs {
        /// The record to restore.
        record: RecordRef,
        /// What it needs.
        needs: RecordRef,
    },
    /// The recorded value does not read as the record (a hand-edited file).
    #[error("the recorded value for {record} does not read back: {message}")]
    BadValue {
        /// The record.
        record: RecordRef,
        /// What serde said.
        message: String,
    },
}

/// `project` with the recorded conflict at `index` decided for `side`: the side's value
/// in place (for a whole record: the record restored, replaced or deleted, with what
/// depends on a deleted one), the entry removed, and other entries about records that
/// are now gone removed too.
pub fn resolve(project: &Project, index: usize, side: Side) -> Result<Project, ResolveError> {
    let entry = project
        .conflicts
        .get(index)
        .ok_or(ResolveError::NoSuchConflict(index))?;
    let mut p = project.clone();
    p.conflicts.remove(index);
    // Holding that side already: only the entry goes.
    if entry.holds != side {
        apply(&mut p, entry, side)?;
        p.normalize();
        let mut entries = std::mem::take(&mut p.conflicts);
        entries.retain(|c| c.field.is_none() || exists(&p, &c.record));
        p.conflicts = entries;
    }
    Ok(p)
}

/// True when the record is in the project.
fn exists(p: &Project, r: &RecordRef) -> bool {
    match r {
        RecordRef::Project => true,
        RecordRef::Label(id) => p.labels.get(id).is_some(),
        RecordRef::Document(id) => p.document(id).is_some(),
        RecordRef::Annotation(id) => p.annotations.iter().any(|a| a.id == *id),
        RecordRef::Link(id) => p.links.iter().any(|l| l.id == *id),
        RecordRef::Cluster(id) => p.clusters.iter().any(|c| c.id == *id),
    }
}

fn apply(p: &mut Project, c: &RecordedConflict, side: Side) -> Result<(), ResolveError> {
    let value = c.value(side);
    match (&c.record, &c.field) {
        (RecordRef::Project, Some(field)) => project_field(p, field, value),
        (RecordRef::Project, None) => Err(ResolveError::Gone(RecordRef::Project)),
        (RecordRef::Label(id), f) => in_list(&mut p.labels.0, id, c, f, value),
        (RecordRef::Document(id), f) => in_list(&mut p.documents, id, c, f, value),
        (RecordRef::Annotation(id), f) => in_list(&mut p.annotations, id, c, f, value),
        (RecordRef::Link(id), f) => in_list(&mut p.links, id, c, f, value),
        (RecordRef::Cluster(id), f) => in_list(&mut p.clusters, id, c, f, value),
    }?;
    if c.field.is_none() {
        if value.is_none() {
            drop_dependents(p);
        } else {
            check_needs(p, &c.record)?;
        }
    }
    Ok(())
}

/// The project's own `name` or `format`.
fn project_field(p: &mut Project, field: &str, value: Option<&Value>) -> Result<(), ResolveError> {
    let bad = |message: String| ResolveError::BadValue {
        record: RecordRef::Project,
        message,
    };
    let value = value.ok_or_else(|| bad(format!("no value for {field}")))?;
    match field {
        "name" => {
            p.name = value
                .as_str()
                .ok_or_else(|| bad("name is not text".into()))?
                .into()
        }
        "format" => {
            p.format = value
                .as_u64()
                .and_then(|f| u32::try_from(f).ok())
                .ok_or_else(|| bad("format is not a number".into()))?
        }
        other => return Err(bad(format!("the project has no field {other}"))),
    }
    Ok(())
}

/// Puts `value` in place in the record `id` of `list`: one field, or the whole record
/// (`field` none: replaced, restored, or deleted when `value` is none).
fn in_list<T: Record>(
    list: &mut Vec<T>,
    id: &T::Key,
    c: &RecordedConflict,
    field: &Option<String>,
    value: Option<&Value>,
) -> Result<(), ResolveError> {
    let at = list.iter().position(|r| r.key() == id);
    let bad = |e: serde_json::Error| ResolveError::BadValue {
        record: c.record.clone(),
        message: e.to_string(),
    };
    let Some(field) = field else {
        let record = value
            .map(|v| serde_json::from_value::<T>(v.clone()).map_err(bad))
            .transpose()?;
        match (at, record) {
            (Some(i), Some(r)) => list[i] = r,
            (Some(i), None) => {
                list.remove(i);
            }
            (None, Some(r)) => list.push(r),
            (None, None) => {}
        }
        return Ok(());
    };
    let i = at.ok_or_else(|| ResolveError::Gone(c.record.clone()))?;
    let mut map = match serde_json::to_value(&list[i]).map_err(bad)? {
        Value::Object(m) => m,
        _ => return Err(ResolveError::Gone(c.record.clone())),
    };
    set_field(&mut map, T::shape(), field, value);
    list[i] = serde_json::from_value(Value::Object(map)).map_err(bad)?;
    Ok(())
}

/// Sets (or, with no value, removes) `field` of a record's JSON form: a unit of fields,
/// a key inside a nested object (`attrs.speaker`, `attrs.custom.KEY`), or a plain field.
fn set_field(map: &mut Map, shape: &super::value::Shape, field: &str, value: Option<&Value>) {
    if let Some(unit) = shape.units.iter().find(|u| u.name == field) {
        for k in unit.keys {
            map.remove(*k);
        }
        if let Some(Value::Object(parts)) = value {
            map.extend(parts.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        return;
    }
    // The deepest nested object the field lies in: `attrs.custom.a.b` is key `a.b` of
    // `attrs.custom`.
    let parent = shape
        .nested
        .iter()
        .filter(|n| field.starts_with(&format!("{n}.")))
        .max_by_key(|n| n.len());
    let (path, key): (Vec<&str>, &str) = match parent {
        Some(n) => (n.split('.').collect(), &field[n.len() + 1..]),
        None => (Vec::new(), field),
    };
    let mut at = map;
    for step in path {
        let slot = at
            .entry(step.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if !slot.is_object() {
            *slot = Value::Object(Map::new());
        }
        let Value::Object(inner) = slot else { return };
        at = inner;
    }
    match value {
        Some(v) => {
            at.insert(key.to_owned(), v.clone());
        }
        None => {
            at.remove(key);
        }
    }
}

/// After a record was deleted: annotations of a gone document or label go, links with a
/// gone end go, and memberships of a gone cluster are forgotten.
fn drop_dependents(p: &mut Project) {
    use std::collections::HashSet;
    let docs: HashSet<_> = p.documents.iter().map(|d| d.id.clone()).collect();
    let labels: HashSet<_> = p.labels.0.iter().map(|l| l.id.clone()).collect();
    p.annotations
        .retain(|a| docs.contains(&a.doc) && labels.contains(&a.label));
    let clusters: HashSet<_> = p.clusters.iter().map(|c| c.id.clone()).collect();
    for a in &mut p.annotations {
        a.clusters.retain(|c| clusters.contains(c));
    }
    let ids: HashSet<_> = p.annotations.iter().map(|a| a.id.clone()).collect();
    p.links
        .retain(|l| ids.contains(&l.from) && ids.contains(&l.to));
}

/// After a record was restored: refuses one that needs a record not in the project.
fn check_needs(p: &Project, record: &RecordRef) -> Result<(), ResolveError> {
    let needs = |needs: RecordRef| {
        Err(ResolveError::Needs {
            record: record.clone(),
            needs,
        })
    };
    match record {
        RecordRef::Annotation(id) => {
            let Some(a) = p.annotations.iter().find(|a| a.id == *id) else {
                return Ok(());
            };
            if p.document(&a.doc).is_none() {
                return needs(RecordRef::Document(a.doc.clone()));
            }
            if p.labels.get(&a.label).is_none() {
                return needs(RecordRef::Label(a.label.clone()));
            }
            if let Some(c) = a
                .clusters
                .iter()
                .find(|c| !p.clusters.iter().any(|x| x.id == **c))
            {
                return needs(RecordRef::Cluster(c.clone()));
            }
            Ok(())
        }
        RecordRef::Link(id) => {
            let Some(l) = p.links.iter().find(|l| l.id == *id) else {
                return Ok(());
            };
            for end in [&l.from, &l.to] {
                if !p.annotations.iter().any(|a| a.id == *end) {
                    return needs(RecordRef::Annotation(end.clone()));
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, LinkKind};
    use crate::test_support::conflicted;

    #[test]
    fn taking_theirs_puts_their_value_in_place_and_removes_the_entry() {
        let p = conflicted(|p, ours| {
            p.annotations[0].label = if ours { "quote" } else { "figure" }.into();
        });
        assert_eq!(p.conflicts.len(), 1);
        assert_eq!(p.annotations[0].label, "quote");
        let theirs = resolve(&p, 0, Side::Theirs).expect("resolved");
        assert_eq!(theirs.annotations[0].label, "figure");
        assert!(theirs.conflicts.is_empty());
        let ours = resolve(&p, 0, Side::Ours).expect("resolved");
        assert_eq!(ours.annotations[0].label, "quote");
        assert!(ours.conflicts.is_empty());
    }

    #[test]
    fn a_span_and_an_attribute_take_their_side_whole() {
        let p = conflicted(|p, ours| {
            let a = &mut p.annotations[0];
            a.end = if ours { 5 } else { 14 };
            a.text = if ours { "The m" } else { "The mayor said" }.into();
            a.attrs.speaker = Some(if ours { "Mayor" } else { "The mayor" }.into());
            a.attrs
                .custom
                .insert("desk.note".into(), if ours { "x" } else { "y" }.into());
        });
        assert_eq!(p.conflicts.len(), 3, "{:?}", p.conflicts);
        let mut q = p.clone();
        while !q.conflicts.is_empty() {
            q = resolve(&q, 0, Side::Theirs).expect("resolved");
        }
        let a = &q.annotations[0];
        assert_eq!((a.start, a.end, a.text.as_str()), (0, 14, "The mayor said"));
        assert_eq!(a.attrs.speaker.as_deref(), Some("The mayor"));
        assert_eq!(
            a.attrs.custom.get("desk.note").map(String::as_str),
            Some("y")
        );
    }

    #[test]
    fn keeping_a_deletion_deletes_the_record_and_its_links() {
        let p = conflicted(|p, ours| {
            if ours {
                p.annotations.clear();
            } else {
                p.annotations[0].note = "checked".into();
                let mut b = p.annotations[0].clone();
                b.id = "bbbbbbbbbbbb".into();
                b.note = String::new();
                p.links.push(Link {
                    id: "l1".into(),
                    from: b.id.clone(),
                    to: p.annotations[0].id.clone(),
                    kind: LinkKind::SameAs,
                    note: String::new(),
                });
                p.annotations.push(b);
            }
        });
        // The merge holds ours (deleted), so the link to it is dropped; taking theirs
        // restores the annotation.
        assert_eq!(p.conflicts.len(), 1);
        assert_eq!(p.annotations.len(), 1);
        let theirs = resolve(&p, 0, Side::Theirs).expect("resolved");
        assert_eq!(theirs.annotations.len(), 2);
        assert_eq!(
            theirs
                .annotations
                .iter()
                .filter(|a| a.note == "checked")
                .count(),
            1
        );
    }

    #[test]
    fn a_missing_entry_is_an_error() {
        assert_eq!(
            resolve(&Project::new("p"), 0, Side::Ours),
            Err(ResolveError::NoSuchConflict(0))
        );
    }
}
