//! The session's suggestion changes: accepting (one suggestion, or all of a label in
//! the document) and rejecting are each one undo step; pattern files are named in the
//! project by an edit too.

use super::session::{Session, SessionError};
use crate::edit::{Edit, Transaction};
use crate::selection::Selection;
use crate::suggest::{AcceptReport, Suggestion, accept, reject};

impl Session {
    /// Makes `accepted` (suggestions of the current document) annotations of
    /// `annotator`, with their speakers and links, relabelled as `label` when given;
    /// selects the first one made.
    pub fn accept_suggestions(
        &mut self,
        accepted: &[Suggestion],
        label: Option<&str>,
        annotator: &str,
    ) -> Result<AcceptReport, SessionError> {
        let Some(doc) = accepted.first().map(|s| s.doc.clone()) else {
            return Ok(AcceptReport::default());
        };
        let text = self.loaded_text(&doc)?;
        let (mut tx, report) = accept(self.project(), &text, accepted, label, annotator)?;
        if tx.edits.is_empty() {
            return Ok(report);
        }
        let what = label
            .or(accepted.first().map(|s| s.label.as_str()))
            .and_then(|l| self.project().labels.get(l))
            .map(|l| l.name.to_lowercase())
            .unwrap_or_else(|| "suggestion".into());
        tx.name = match report.added.len() {
            1 => format!("Accept suggested {what}"),
            n => format!("Accept {n} suggestions"),
        };
        let after = report
            .added
            .first()
            .map_or(Selection::Nothing, |id| Selection::one(id.clone()));
        self.apply_selecting(tx, after)?;
        Ok(report)
    }

    /// Remembers that `s` was rejected, so it is not proposed again.
    pub fn reject_suggestion(&mut self, s: &Suggestion) -> Result<(), SessionError> {
        // Nothing to do when it was rejected already.
        let Some(mut tx) = reject(self.project(), std::slice::from_ref(s)) else {
            return Ok(());
        };
        tx.name = format!("Reject suggested “{}”", short(&s.text));
        self.apply(tx)?;
        Ok(())
    }

    /// Names one more pattern file in the project (`name` as the project will write
    /// it: relative to its folder when inside it).
    pub fn add_pattern_file(&mut self, name: &str) -> Result<bool, SessionError> {
        let before = self.project().patterns.clone();
        if before.iter().any(|n| n == name) {
            return Ok(false);
        }
        let mut after = before.clone();
        after.push(name.to_owned());
        self.apply(Transaction::single(
            format!("Add pattern file {name}"),
            Edit::SetPatterns { before, after },
        ))?;
        Ok(true)
    }
}

/// The first words of a suggestion, for an undo name.
fn short(t: &str) -> String {
    if t.chars().count() > 40 {
        let cut: String = t.chars().take(38).collect();
        format!("{cut}…")
    } else {
        t.to_owned()
    }
}
