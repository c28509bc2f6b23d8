//! The session's carry of annotations across shared passages: one undo step, planned in
//! [`crate::reuse::carry`].

use super::session::{Session, SessionError};
use crate::reuse::Passage;
use crate::reuse::carry::{self, CarryReport, Which};

impl Session {
    /// Carries the annotations of each passage's `Which` side to its other side, as one
    /// undoable change; the selection stays. Nothing is applied when nothing is new
    /// (the report says why).
    pub fn carry(
        &mut self,
        passages: &[(Passage, Which)],
        annotator: &str,
    ) -> Result<CarryReport, SessionError> {
        let refs: Vec<(&Passage, Which)> = passages.iter().map(|(p, w)| (p, *w)).collect();
        let (tx, report) = carry::plan_carry_many(&self.ws, &refs, annotator)?;
        if !tx.edits.is_empty() {
            self.apply(tx)?;
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocId, LinkKind};
    use crate::reuse::{Params, find_in_workspace};

    #[test]
    fn a_carry_is_one_undo_step_and_a_second_adds_nothing() {
        let (_dir, mut s) = crate::ui::test_support::sample_session();
        let rhc = DocId::from("radio-habana-cuba");
        let ids: Vec<_> = s
            .project()
            .annotations_of(&rhc)
            .iter()
            .map(|a| a.id.clone())
            .collect();
        s.delete_many(&ids).unwrap();
        let before = s.project().clone();
        let passages: Vec<(Passage, Which)> = find_in_workspace(&s.ws, &Params::default())
            .into_iter()
            .filter_map(|p| {
                let w = Which::of(&p, &DocId::from("iran-news"))?;
                (w.sides(&p).1.doc == rhc).then_some((p, w))
            })
            .collect();
        let report = s.carry(&passages, "carrier").unwrap();
        assert!(report.carried.len() >= 5, "{report:?}");
        assert!(s.history.undo_name().unwrap().starts_with("Carry "));
        let same_as = s
            .project()
            .links
            .iter()
            .filter(|l| l.kind == LinkKind::SameAs && report.carried.contains(&l.from))
            .count();
        assert_eq!(same_as, report.carried.len());
        let revision = s.history.revision();
        let again = s.carry(&passages, "carrier").unwrap();
        assert!(again.carried.is_empty());
        assert_eq!(again.already, report.carried.len());
        assert_eq!(s.history.revision(), revision, "nothing applied");
        s.undo();
        assert_eq!(*s.project(), before);
    }
}
