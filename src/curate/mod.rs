//! Curation: two annotators' versions of the same documents side by side, each place
//! in the text marked agreed or how it differs ([`pairing`]), and the curator's choice
//! of A's or B's version made into an ordinary transaction on the current project
//! ([`choice`]).
//!
//! A curation is fixed when it begins: it holds copies of both sides' spans, so the
//! places and the agreement figures do not move while the curator works. Whether a
//! place is settled is read from the current project each time (does it hold A's
//! version, B's, neither?), so undo unsettles it again.
//!
//! Two ways to begin:
//! - [`Curation::with_project`]: A is the current project, B another annotator's copy of
//!   it (documents matched by the SHA-256 of their text). Taking B's version changes the
//!   current project to B's (relabel, move, add, delete); keeping A's changes nothing.
//! - [`Curation::by_annotators`]: A and B are two annotators inside the current project.
//!   Taking one's version deletes the other's span there.

pub mod choice;
pub mod pairing;

#[cfg(test)]
mod tests;

use crate::agree::{self, Report, Span, Study};
use crate::model::{Annotation, DocId, Project};
use pairing::{Item, Kind};
use std::collections::{BTreeSet, HashMap};

/// Which annotator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// The first: the current project, or the first annotator chosen.
    A,
    /// The second: the other project, or the second annotator chosen.
    B,
}

/// Where the two versions come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A is the current project, B another project file.
    OtherProject,
    /// A and B are annotators of the current project, by name.
    Annotators,
}

/// One document both sides have, with its places.
#[derive(Clone, Debug, PartialEq)]
pub struct CuratedDoc {
    /// The document's id in the current project.
    pub doc: DocId,
    /// Its length in chars.
    pub chars: usize,
    /// Every place either side marked, in text order.
    pub items: Vec<Item>,
}

impl CuratedDoc {
    /// How many places of each kind, in the order of [`Kind::ALL`].
    pub fn counts(&self) -> [usize; 5] {
        let mut n = [0; 5];
        for it in &self.items {
            n[Kind::ALL.iter().position(|k| *k == it.kind).unwrap_or(0)] += 1;
        }
        n
    }
}

/// Two annotators' versions of the documents they share, as they were when the
/// curation began.
#[derive(Clone, Debug, PartialEq)]
pub struct Curation {
    /// Where the versions come from.
    pub mode: Mode,
    /// What to call A and B ("this project", "bob.ron"; or the annotators' names).
    pub names: [String; 2],
    /// The shared documents, by id.
    pub docs: Vec<CuratedDoc>,
    /// The labels both sides' schemes have, which agreement is measured over.
    pub labels: Vec<String>,
    /// Labels only one side's scheme has (B's spans of such a label cannot be taken).
    pub left_out_labels: Vec<String>,
    /// Documents of the current project that the other side does not have.
    pub unshared: usize,
    /// Documents with the same id on both sides but different texts, left out.
    pub changed: Vec<DocId>,
}

fn placed(a: &&Annotation) -> bool {
    !a.orphaned
}

impl Curation {
    /// A is `current`, B is `other` (named `other_name`): the documents whose text both
    /// have, matched by SHA-256; B's spans are given the current project's document ids.
    pub fn with_project(current: &Project, other: &Project, other_name: &str) -> Curation {
        let by_hash: HashMap<&str, &crate::model::Document> = other
            .documents
            .iter()
            .map(|d| (d.sha256.as_str(), d))
            .collect();
        let mut docs = Vec::new();
        let mut changed = Vec::new();
        let mut unshared = 0;
        for d in &current.documents {
            let Some(od) = by_hash.get(d.sha256.as_str()) else {
                unshared += 1;
                if other.document(&d.id).is_some() {
                    changed.push(d.id.clone());
                }
                continue;
            };
            let a: Vec<Annotation> = current
                .annotations_of(&d.id)
                .iter()
                .filter(placed)
                .cloned()
                .collect();
            let b: Vec<Annotation> = other
                .annotations_of(&od.id)
                .iter()
                .filter(placed)
                .map(|x| Annotation {
                    doc: d.id.clone(),
                    ..x.clone()
                })
                .collect();
            docs.push(CuratedDoc {
                doc: d.id.clone(),
                chars: d.chars,
                items: pairing::pair_up(&a, &b),
            });
        }
        let (labels, left_out_labels) = agree::shared::common_labels(&[current, other]);
        Curation {
            mode: Mode::OtherProject,
            names: ["this project".to_owned(), other_name.to_owned()],
            docs,
            labels,
            left_out_labels,
            unshared,
            changed,
        }
    }

    /// A and B are the annotators called `a` and `b` in `project`; every document counts.
    pub fn by_annotators(project: &Project, a: &str, b: &str) -> Curation {
        let docs = project
            .documents
            .iter()
            .map(|d| {
                let of = |who: &str| -> Vec<Annotation> {
                    project
                        .annotations_of(&d.id)
                        .iter()
                        .filter(placed)
                        .filter(|x| x.annotator == who)
                        .cloned()
                        .collect()
                };
                CuratedDoc {
                    doc: d.id.clone(),
                    chars: d.chars,
                    items: pairing::pair_up(&of(a), &of(b)),
                }
            })
            .collect();
        Curation {
            mode: Mode::Annotators,
            names: [a.to_owned(), b.to_owned()],
            docs,
            labels: project.labels.iter().map(|l| l.id.clone()).collect(),
            left_out_labels: Vec::new(),
            unshared: 0,
            changed: Vec::new(),
        }
    }

    /// The curated document with this id.
    pub fn doc(&self, id: &DocId) -> Option<&CuratedDoc> {
        self.docs
            .binary_search_by(|d| d.doc.cmp(id))
            .ok()
            .map(|i| &self.docs[i])
    }

    /// Agreement between A and B as the curation began, on one document or (with
    /// `None`) on all of them, as `sourcemark agree` measures it.
    pub fn scores(&self, doc: Option<&DocId>) -> Report {
        let docs: Vec<&CuratedDoc> = match doc {
            Some(id) => self.doc(id).into_iter().collect(),
            None => self.docs.iter().collect(),
        };
        let mut study = Study {
            annotators: self.names.to_vec(),
            doc_chars: docs.iter().map(|d| d.chars).collect(),
            coders: vec![Vec::new(), Vec::new()],
        };
        for (i, d) in docs.iter().enumerate() {
            for it in &d.items {
                for (c, x) in [&it.a, &it.b].into_iter().enumerate() {
                    if let Some(x) = x {
                        study.coders[c].push(Span {
                            doc: i,
                            label: x.label.clone(),
                            ranges: x.ranges().filter(|r| r.start < r.end).collect(),
                        });
                    }
                }
            }
        }
        agree::measure(&study, &self.labels)
    }
}

/// The annotators' names in `project`, sorted, each once (an empty name included).
pub fn annotators(project: &Project) -> Vec<String> {
    let names: BTreeSet<&str> = project
        .annotations
        .iter()
        .map(|a| a.annotator.as_str())
        .collect();
    names.into_iter().map(str::to_owned).collect()
}
