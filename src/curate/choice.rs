//! What the current project holds at a place of a curation, and the transaction that
//! takes A's or B's version there.

use super::pairing::Item;
use super::{Mode, Side};
use crate::edit::{Edit, Transaction};
use crate::model::{Annotation, AnnotationId, Project, now};

/// Why a version cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChoiceError {
    /// The span to change or delete was deleted or changed since the curation began.
    #[error("{0}'s span “{1}” is no longer as it was; edit it by hand or begin the curation again")]
    Gone(&'static str, String),
    /// B's label is not in the current project's scheme.
    #[error("the label “{0}” is not in this project's scheme; add it first")]
    UnknownLabel(String),
}

/// The side's name for messages.
fn side_name(side: Side) -> &'static str {
    match side {
        Side::A => "A",
        Side::B => "B",
    }
}

fn same_place(x: &Annotation, y: &Annotation) -> bool {
    x.label == y.label && x.ranges().eq(y.ranges())
}

/// The annotation of `project` that holds `version` as it was: the same annotation
/// (by id) with the same label and ranges, or, for B's spans in another project, any
/// annotation of the document with that label and those ranges.
pub fn holder<'p>(
    project: &'p Project,
    version: &Annotation,
    by_id: bool,
) -> Option<&'p Annotation> {
    project
        .annotations_of(&version.doc)
        .iter()
        .find(|x| (!by_id || x.id == version.id) && same_place(x, version))
}

fn holds_version(project: &Project, version: &Annotation, by_id: bool) -> bool {
    holder(project, version, by_id).is_some()
}

/// Whether the current project holds A's and B's version of `item`.
pub fn holds(item: &Item, mode: &Mode, project: &Project) -> (bool, bool) {
    let a = item
        .a
        .as_ref()
        .is_some_and(|x| holds_version(project, x, true));
    let b = item
        .b
        .as_ref()
        .is_some_and(|x| holds_version(project, x, *mode == Mode::Annotators));
    (a, b)
}

/// What the current project held of `item` when the curation began.
pub fn initially(item: &Item, mode: &Mode) -> (bool, bool) {
    match mode {
        Mode::OtherProject => (item.a.is_some(), false),
        Mode::Annotators => (item.a.is_some(), item.b.is_some()),
    }
}

/// The current annotation with `version`'s id, if it is still as it was.
fn live(project: &Project, version: &Annotation, side: Side) -> Result<Annotation, ChoiceError> {
    project
        .annotation(&version.id)
        .filter(|x| same_place(x, version))
        .cloned()
        .ok_or_else(|| ChoiceError::Gone(side_name(side), version.text.clone()))
}

/// Edits removing `a` with its links.
fn removal(project: &Project, a: Annotation) -> Vec<Edit> {
    let mut edits: Vec<Edit> = project
        .links
        .iter()
        .filter(|l| l.from == a.id || l.to == a.id)
        .cloned()
        .map(Edit::RemoveLink)
        .collect();
    edits.push(Edit::RemoveAnnotation(a));
    edits
}

/// The transaction that makes the current project hold `side`'s version of `item`, or
/// `None` when it holds it already and nothing need change (keeping A's version of a
/// curation against another project). Taking B's version of a place both marked keeps
/// A's annotation (its id, links, clusters and note) with B's label, ranges and
/// attributes; a place only B marked gets a copy of B's span; a place only the other
/// side marked loses that span and its links.
pub fn take(
    item: &Item,
    side: Side,
    mode: &Mode,
    project: &Project,
) -> Result<Option<Transaction>, ChoiceError> {
    let (chosen, other) = match side {
        Side::A => (&item.a, &item.b),
        Side::B => (&item.b, &item.a),
    };
    let other_side = match side {
        Side::A => Side::B,
        Side::B => Side::A,
    };
    let what = |x: &Annotation| {
        project
            .labels
            .get(&x.label)
            .map(|l| l.name.to_lowercase())
            .unwrap_or_else(|| x.label.clone())
    };
    let name = format!("Take {}'s version", side_name(side));
    let edits = match mode {
        Mode::Annotators => match other {
            // Both sides' spans live in the project: the chosen one stays.
            Some(o) => removal(project, live(project, o, other_side)?),
            None => return Ok(None),
        },
        Mode::OtherProject => match (side, chosen, other) {
            (Side::A, _, _) => return Ok(None),
            (Side::B, None, Some(a)) => removal(project, live(project, a, Side::A)?),
            (Side::B, Some(b), a) => {
                if project.labels.get(&b.label).is_none() {
                    return Err(ChoiceError::UnknownLabel(b.label.clone()));
                }
                if holds_version(project, b, false) {
                    return Ok(None);
                }
                match a {
                    Some(a) => {
                        let before = live(project, a, Side::A)?;
                        let mut after = before.clone();
                        after.label = b.label.clone();
                        after.start = b.start;
                        after.end = b.end;
                        after.more = b.more.clone();
                        after.text = b.text.clone();
                        after.prefix = b.prefix.clone();
                        after.suffix = b.suffix.clone();
                        after.attrs = b.attrs.clone();
                        if after.note.is_empty() {
                            after.note = b.note.clone();
                        }
                        after.modified = now();
                        vec![Edit::UpdateAnnotation { before, after }]
                    }
                    None => {
                        let mut copy = b.clone();
                        if project.annotation(&copy.id).is_some() {
                            copy.id = AnnotationId::random();
                        }
                        // The other project's clusters are not this one's.
                        copy.clusters.retain(|c| project.cluster(c).is_some());
                        vec![Edit::InsertAnnotation(copy)]
                    }
                }
            }
            (Side::B, None, None) => return Ok(None),
        },
    };
    let name = match chosen {
        Some(x) => format!("{name}: {}", what(x)),
        None => format!(
            "{name}: no {}",
            other.as_ref().map(what).unwrap_or_default()
        ),
    };
    Ok(Some(Transaction { name, edits }))
}
