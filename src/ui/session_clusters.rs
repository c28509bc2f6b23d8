//! The session's cluster changes: each one undo step through the history, selecting
//! what it changed. The transactions are made in [`crate::cluster`].

use super::session::{Session, SessionError};
use crate::cluster;
use crate::model::{AnnotationId, ClusterId};
use crate::selection::Selection;

impl Session {
    /// A new cluster named `name` holding `ids` (and their `SameAs` partners).
    pub fn new_cluster(
        &mut self,
        name: &str,
        ids: &[AnnotationId],
    ) -> Result<ClusterId, SessionError> {
        let (c, tx) = cluster::new_cluster(self.project(), name, ids)?;
        self.apply(tx)?;
        Ok(c.id)
    }

    /// Adds `ids` (and their `SameAs` partners) to `cluster`.
    pub fn join_cluster(
        &mut self,
        cluster: &ClusterId,
        ids: &[AnnotationId],
    ) -> Result<(), SessionError> {
        let tx = cluster::join(self.project(), cluster, ids)?;
        self.apply(tx)?;
        Ok(())
    }

    /// Takes `ids` out of `cluster`.
    pub fn leave_cluster(
        &mut self,
        cluster: &ClusterId,
        ids: &[AnnotationId],
    ) -> Result<(), SessionError> {
        let tx = cluster::leave(self.project(), cluster, ids)?;
        self.apply(tx)?;
        Ok(())
    }

    /// Renames `cluster`.
    pub fn rename_cluster(&mut self, cluster: &ClusterId, name: &str) -> Result<(), SessionError> {
        let tx = cluster::rename(self.project(), cluster, name)?;
        self.apply(tx)?;
        Ok(())
    }

    /// Deletes `cluster`; its members stay annotations, and are selected.
    pub fn delete_cluster(&mut self, cluster: &ClusterId) -> Result<(), SessionError> {
        let members: Vec<AnnotationId> = self
            .project()
            .cluster_members(cluster)
            .map(|a| a.id.clone())
            .collect();
        let tx = cluster::delete(self.project(), cluster)?;
        let after = if members.is_empty() {
            self.selection.clone()
        } else {
            Selection::Annotations(members)
        };
        self.apply_selecting(tx, after)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LinkKind;

    use crate::ui::test_support::sample_session as sample;

    fn id(s: &Session, doc: &str, text: &str) -> AnnotationId {
        s.project()
            .annotations
            .iter()
            .find(|a| a.doc.as_str() == doc && a.text == text)
            .unwrap()
            .id
            .clone()
    }

    #[test]
    fn a_same_as_link_brings_its_new_end_into_the_clusters_of_the_other_in_one_step() {
        let (_d, mut s) = sample();
        let three = id(&s, "mehr-news", "3 million");
        let hashemi = id(&s, "iran-news", "more than 2.5 million");
        let c = s
            .new_cluster("Crowd size", std::slice::from_ref(&three))
            .unwrap();
        assert_eq!(s.history.undo_name(), Some("New cluster “Crowd size”"));
        let before = s.project().clone();
        s.link(&hashemi, &three, LinkKind::SameAs).unwrap();
        // Al-Hashemi's figure joins, and so does nothing else: the link is new.
        let members: Vec<AnnotationId> = s
            .project()
            .cluster_members(&c)
            .map(|a| a.id.clone())
            .collect();
        assert_eq!(members.len(), 2, "{members:?}");
        assert!(members.contains(&hashemi));
        s.undo();
        assert_eq!(
            *s.project(),
            before,
            "one undo took link and membership back"
        );
        // Rename, leave and delete, each undoable.
        s.rename_cluster(&c, "Crowd size (Baghdad)").unwrap();
        s.leave_cluster(&c, std::slice::from_ref(&three)).unwrap();
        assert_eq!(s.project().cluster_members(&c).count(), 0);
        s.undo();
        s.delete_cluster(&c).unwrap();
        assert!(s.project().cluster(&c).is_none());
        assert_eq!(s.selection.annotations(), std::slice::from_ref(&three));
        s.undo();
        assert_eq!(
            s.project().cluster(&c).unwrap().name,
            "Crowd size (Baghdad)"
        );
        assert!(matches!(
            s.new_cluster(" ", &[three]),
            Err(SessionError::Cluster(
                crate::cluster::ClusterError::EmptyName
            ))
        ));
    }
}
