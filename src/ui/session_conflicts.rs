//! Settling the merge conflicts a project file records, as edits of the session: each
//! choice is one step of the history, so undo puts the conflict back.

use crate::edit::EditError;
use crate::merge::{self, ResolveError};
use crate::model::{RecordRef, Side};
use crate::selection::Selection;
use crate::ui::session::Session;

/// Why a conflict could not be settled; the project is unchanged.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SettleError {
    /// The choice does not fit the project (a record it needs is gone).
    #[error("{0}")]
    Resolve(#[from] ResolveError),
    /// The history refused the change.
    #[error("{0}")]
    Edit(#[from] EditError),
}

impl Session {
    /// Settles the recorded conflict at `index` for `side`: its value in place and the
    /// entry removed, as one undoable step; the annotation concerned, if it still
    /// exists, is selected. Returns the step's name.
    pub fn settle_conflict(&mut self, index: usize, side: Side) -> Result<String, SettleError> {
        let tx = merge::settle(self.project(), index, side)?;
        let name = tx.name.clone();
        let record = self.project().conflicts[index].record.clone();
        self.apply(tx)?;
        self.show_record(&record);
        Ok(name)
    }

    /// Shows the document of a conflict's record (an annotation's, or the document
    /// itself), so the person sees what they choose about.
    pub fn show_record(&mut self, record: &RecordRef) {
        let doc = match record {
            RecordRef::Annotation(id) => self.project().annotation(id).map(|a| a.doc.clone()),
            RecordRef::Document(id) => self.project().document(id).map(|d| d.id.clone()),
            _ => None,
        };
        if let Some(doc) = doc {
            self.select_doc(doc);
        }
        if let RecordRef::Annotation(id) = record
            && self.project().annotation(id).is_some()
        {
            self.select(Selection::one(id.clone()));
        }
    }
}
