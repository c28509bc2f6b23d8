//! Cluster changes as transactions, one undo step each. Joining brings the annotations
//! `SameAs`-linked to a new member along, so clusters and `SameAs` links agree (see
//! [`crate::model::Cluster`]).

use crate::edit::{Edit, Transaction};
use crate::model::{AnnotationId, Cluster, ClusterId, Project, now, same_as_closure};

/// Why a cluster change cannot be made.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ClusterError {
    /// The cluster is not in the project.
    #[error("cluster {0} is not in the project")]
    NoCluster(ClusterId),
    /// An annotation is not in the project.
    #[error("annotation {0} is not in the project")]
    NoAnnotation(AnnotationId),
    /// A cluster needs a name a person can read.
    #[error("a cluster needs a name")]
    EmptyName,
    /// Nothing would change (every annotation is a member already, or none was one).
    #[error("{0}")]
    Nothing(String),
}

fn cluster<'p>(p: &'p Project, id: &ClusterId) -> Result<&'p Cluster, ClusterError> {
    p.cluster(id)
        .ok_or_else(|| ClusterError::NoCluster(id.clone()))
}

/// The edits that make `ids` (and what is `SameAs` theirs) members of `cluster`.
fn join_edits(
    p: &Project,
    cluster: &ClusterId,
    ids: &[AnnotationId],
) -> Result<Vec<Edit>, ClusterError> {
    for id in ids {
        p.annotation(id)
            .ok_or_else(|| ClusterError::NoAnnotation(id.clone()))?;
    }
    let t = now();
    let mut edits = Vec::new();
    for id in same_as_closure(&p.links, ids) {
        let Some(before) = p.annotation(&id) else {
            continue;
        };
        let mut after = before.clone();
        if after.join_cluster(cluster) {
            after.modified = t;
            edits.push(Edit::UpdateAnnotation {
                before: before.clone(),
                after,
            });
        }
    }
    Ok(edits)
}

/// A new cluster named `name` holding `ids` (and what is `SameAs` theirs).
pub fn new_cluster(
    p: &Project,
    name: &str,
    ids: &[AnnotationId],
) -> Result<(Cluster, Transaction), ClusterError> {
    if name.trim().is_empty() {
        return Err(ClusterError::EmptyName);
    }
    let mut c = Cluster::new(name);
    while p.cluster(&c.id).is_some() {
        c.id = ClusterId::random();
    }
    let mut edits = vec![Edit::InsertCluster(c.clone())];
    edits.extend(join_edits(p, &c.id, ids)?);
    let tx = Transaction {
        name: format!("New cluster “{}”", c.name),
        edits,
    };
    Ok((c, tx))
}

/// Adds `ids` (and what is `SameAs` theirs) to `cluster`.
pub fn join(
    p: &Project,
    cluster_id: &ClusterId,
    ids: &[AnnotationId],
) -> Result<Transaction, ClusterError> {
    let c = cluster(p, cluster_id)?;
    let edits = join_edits(p, cluster_id, ids)?;
    if edits.is_empty() {
        return Err(ClusterError::Nothing(format!(
            "already in the cluster “{}”",
            c.name
        )));
    }
    Ok(Transaction {
        name: format!("Add {} to “{}”", count(edits.len()), c.name),
        edits,
    })
}

/// Takes `ids` out of `cluster`. `SameAs` partners stay: taking one report out of a
/// question is the user's call, and `check` then points at the pair.
pub fn leave(
    p: &Project,
    cluster_id: &ClusterId,
    ids: &[AnnotationId],
) -> Result<Transaction, ClusterError> {
    let c = cluster(p, cluster_id)?;
    let t = now();
    let mut edits = Vec::new();
    for id in ids {
        let before = p
            .annotation(id)
            .ok_or_else(|| ClusterError::NoAnnotation(id.clone()))?;
        let mut after = before.clone();
        if after.leave_cluster(cluster_id) {
            after.modified = t;
            edits.push(Edit::UpdateAnnotation {
                before: before.clone(),
                after,
            });
        }
    }
    if edits.is_empty() {
        return Err(ClusterError::Nothing(format!(
            "not in the cluster “{}”",
            c.name
        )));
    }
    Ok(Transaction {
        name: format!("Remove {} from “{}”", count(edits.len()), c.name),
        edits,
    })
}

/// Renames `cluster`.
pub fn rename(
    p: &Project,
    cluster_id: &ClusterId,
    name: &str,
) -> Result<Transaction, ClusterError> {
    let before = cluster(p, cluster_id)?.clone();
    let name = name.trim();
    if name.is_empty() {
        return Err(ClusterError::EmptyName);
    }
    if name == before.name {
        return Err(ClusterError::Nothing("the name is the same".into()));
    }
    let mut after = before.clone();
    after.name = name.to_owned();
    Ok(Transaction::single(
        format!("Rename cluster “{}” to “{name}”", before.name),
        Edit::UpdateCluster { before, after },
    ))
}

/// Deletes `cluster`: its members leave it (they stay annotations), then it goes.
pub fn delete(p: &Project, cluster_id: &ClusterId) -> Result<Transaction, ClusterError> {
    let c = cluster(p, cluster_id)?.clone();
    let t = now();
    let mut edits: Vec<Edit> = p
        .cluster_members(cluster_id)
        .map(|before| {
            let mut after = before.clone();
            after.leave_cluster(cluster_id);
            after.modified = t;
            Edit::UpdateAnnotation {
                before: before.clone(),
                after,
            }
        })
        .collect();
    edits.push(Edit::RemoveCluster(c.clone()));
    Ok(Transaction {
        name: format!("Delete cluster “{}”", c.name),
        edits,
    })
}

fn count(n: usize) -> String {
    if n == 1 {
        "1 annotation".to_owned()
    } else {
        format!("{n} annotations")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::History;
    use crate::model::{Annotation, DocId, Document, Link, LinkId, LinkKind};
    use crate::text::DocText;

    fn project() -> (Project, Vec<AnnotationId>) {
        let t = DocText::new("Organisers said 2.5 million came; police said 3 million.".into());
        let d = DocId::from("d");
        let mut p = Project::new("t");
        p.documents.push(Document::new(d.clone(), "d.txt", &t));
        let mk = |s, e| Annotation::new(d.clone(), &t, s, e, "figure", "t").unwrap();
        let anns = [mk(16, 27), mk(45, 54), mk(0, 10)];
        let ids = anns.iter().map(|a| a.id.clone()).collect();
        p.annotations = anns.into();
        p.normalize();
        (p, ids)
    }

    #[test]
    fn a_new_cluster_brings_same_as_partners_and_one_undo_takes_it_all_back() {
        let (mut p, ids) = project();
        p.links.push(Link {
            id: LinkId::from("l"),
            from: ids[0].clone(),
            to: ids[2].clone(),
            kind: LinkKind::SameAs,
            note: String::new(),
        });
        let before = p.clone();
        let mut h = History::new();
        let (c, tx) = new_cluster(&p, " Crowd size ", &ids[..1]).unwrap();
        assert_eq!(c.name, "Crowd size");
        assert_eq!(tx.name, "New cluster “Crowd size”");
        h.apply(&mut p, tx).unwrap();
        let members: Vec<&AnnotationId> = p.cluster_members(&c.id).map(|a| &a.id).collect();
        assert_eq!(members.len(), 2, "the SameAs partner came along");
        assert!(members.contains(&&ids[2]));
        // Join, leave, rename: each one step.
        let tx = join(&p, &c.id, &ids[1..2]).unwrap();
        h.apply(&mut p, tx).unwrap();
        assert_eq!(p.cluster_members(&c.id).count(), 3);
        assert_eq!(
            join(&p, &c.id, &ids[1..2]).unwrap_err(),
            ClusterError::Nothing("already in the cluster “Crowd size”".into())
        );
        let tx = leave(&p, &c.id, &ids[1..2]).unwrap();
        h.apply(&mut p, tx).unwrap();
        assert_eq!(p.cluster_members(&c.id).count(), 2);
        let tx = rename(&p, &c.id, "Crowd, Baghdad").unwrap();
        h.apply(&mut p, tx).unwrap();
        assert_eq!(p.cluster(&c.id).unwrap().name, "Crowd, Baghdad");
        assert_eq!(
            rename(&p, &c.id, "  ").unwrap_err(),
            ClusterError::EmptyName
        );
        // Delete takes the members out and the cluster away; undo brings all back.
        let kept = p.clone();
        let tx = delete(&p, &c.id).unwrap();
        h.apply(&mut p, tx).unwrap();
        assert!(p.clusters.is_empty());
        assert!(p.annotations.iter().all(|a| a.clusters.is_empty()));
        h.undo(&mut p).unwrap();
        assert_eq!(p, kept);
        while h.undo(&mut p).is_some() {}
        assert_eq!(p, before);
    }
}
