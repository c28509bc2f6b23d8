//! Clusters: named groups of annotations, usually from several documents, that answer
//! one question ("Crowd size", "Who called the rally").
//!
//! A cluster is a record of its own (id, name, note) and membership is kept on each
//! annotation (`Annotation::clusters`), not as a list on the cluster. Adding or removing
//! a member is then an ordinary annotation edit: undo, the saved-revision marker and the
//! three-way merge handle it as they handle a relabel, two annotators who cluster
//! different spans never touch the same record, and deleting an annotation takes its
//! memberships with it. `SameAs` links stay what they were, a statement that two spans
//! are the same report; a cluster also holds reports that differ ("2.5 million" and "3
//! million" answer "Crowd size"). The two agree because joining a cluster brings the
//! annotations `SameAs`-linked to the new member along ([`same_as_closure`]), and
//! `check` reports a `SameAs` pair whose ends are in different clusters.

use super::{Annotation, AnnotationId, ClusterId, Link, LinkKind};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// A named group of annotations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    /// Stable id.
    pub id: ClusterId,
    /// What the members answer, as the user named it.
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Cluster {
    /// A new cluster with a fresh id.
    pub fn new(name: &str) -> Self {
        Self {
            id: ClusterId::random(),
            name: name.trim().to_owned(),
            note: String::new(),
        }
    }
}

impl Annotation {
    /// Whether the annotation is a member of `cluster`.
    pub fn in_cluster(&self, cluster: &ClusterId) -> bool {
        self.clusters.binary_search(cluster).is_ok()
    }

    /// Makes it a member of `cluster`, keeping the list sorted; false when it was one.
    pub fn join_cluster(&mut self, cluster: &ClusterId) -> bool {
        match self.clusters.binary_search(cluster) {
            Ok(_) => false,
            Err(at) => {
                self.clusters.insert(at, cluster.clone());
                true
            }
        }
    }

    /// Takes it out of `cluster`; false when it was not a member.
    pub fn leave_cluster(&mut self, cluster: &ClusterId) -> bool {
        match self.clusters.binary_search(cluster) {
            Ok(at) => {
                self.clusters.remove(at);
                true
            }
            Err(_) => false,
        }
    }
}

/// `ids` and every annotation joined to one of them by a chain of `SameAs` links, in
/// id order: what joins a cluster when `ids` do.
pub fn same_as_closure(links: &[Link], ids: &[AnnotationId]) -> Vec<AnnotationId> {
    let mut next: HashMap<&AnnotationId, Vec<&AnnotationId>> = HashMap::new();
    for l in links.iter().filter(|l| l.kind == LinkKind::SameAs) {
        next.entry(&l.from).or_default().push(&l.to);
        next.entry(&l.to).or_default().push(&l.from);
    }
    let mut seen: BTreeSet<&AnnotationId> = ids.iter().collect();
    let mut todo: Vec<&AnnotationId> = ids.iter().collect();
    while let Some(id) = todo.pop() {
        for &other in next.get(id).into_iter().flatten() {
            if seen.insert(other) {
                todo.push(other);
            }
        }
    }
    seen.into_iter().cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LinkId;

    fn link(from: &str, to: &str, kind: LinkKind) -> Link {
        Link {
            id: LinkId::random(),
            from: from.into(),
            to: to.into(),
            kind,
            note: String::new(),
        }
    }

    #[test]
    fn the_same_as_closure_follows_chains_both_ways_and_only_same_as() {
        let links = [
            link("a", "b", LinkKind::SameAs),
            link("c", "b", LinkKind::SameAs),
            link("c", "d", LinkKind::Supports),
            link("e", "f", LinkKind::SameAs),
        ];
        let got = same_as_closure(&links, &["a".into()]);
        assert_eq!(
            got,
            vec!["a".into(), "b".into(), "c".into()] as Vec<AnnotationId>
        );
        assert_eq!(
            same_as_closure(&links, &["d".into()]),
            vec![AnnotationId::from("d")]
        );
    }
}
