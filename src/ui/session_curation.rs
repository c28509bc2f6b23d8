//! The session's curation choices: taking A's or B's version of a place is one undo
//! step through the history, selecting what the place now holds. The transactions are
//! made in [`crate::curate::choice`].

use super::session::{Session, SessionError};
use crate::curate::choice::{self, ChoiceError};
use crate::curate::pairing::Item;
use crate::curate::{Mode, Side};
use crate::edit::Edit;
use crate::selection::Selection;

impl From<ChoiceError> for SessionError {
    fn from(e: ChoiceError) -> Self {
        SessionError::Choice(e)
    }
}

impl Session {
    /// Makes the project hold `side`'s version of `item`. `Ok(false)` when it holds it
    /// already and nothing changed.
    pub fn take_version(
        &mut self,
        item: &Item,
        side: Side,
        mode: &Mode,
    ) -> Result<bool, SessionError> {
        let Some(tx) = choice::take(item, side, mode, self.project())? else {
            return Ok(false);
        };
        // Select the annotation that now stands at the place, if one does.
        let kept = tx.edits.iter().find_map(|e| match e {
            Edit::UpdateAnnotation { after, .. } => Some(after.id.clone()),
            Edit::InsertAnnotation(a) => Some(a.id.clone()),
            _ => None,
        });
        let chosen = match side {
            Side::A => &item.a,
            Side::B => &item.b,
        };
        let after = match (kept, chosen) {
            (Some(id), _) => Selection::one(id),
            (None, Some(c)) if *mode == Mode::Annotators => Selection::one(c.id.clone()),
            _ => Selection::Nothing,
        };
        self.apply_selecting(tx, after)?;
        Ok(true)
    }
}
