//! The window's side of the merge conflicts a project file records: drawing their
//! window and carrying out its keys.

use eframe::egui;

use super::SourcemarkApp;
use crate::model::Side;
use crate::ui::command::UiCommand;
use crate::ui::recorded_conflicts::ConflictAction;

impl SourcemarkApp {
    /// Draws the conflicts window, if open, and does what it asked.
    pub(super) fn recorded_conflicts_ui(&mut self, ctx: &egui::Context) {
        let Some(action) = self.recorded.ui(ctx, self.session.as_ref(), self.work_area) else {
            return;
        };
        match action {
            ConflictAction::Undo => self.run_command(ctx, UiCommand::Undo.into()),
            ConflictAction::Redo => self.run_command(ctx, UiCommand::Redo.into()),
            ConflictAction::Show(i) => {
                if let Some(s) = &mut self.session
                    && let Some(c) = s.project().conflicts.get(i)
                {
                    let record = c.record.clone();
                    s.show_record(&record);
                }
            }
            ConflictAction::Settle(i, side) => {
                let Some(s) = &mut self.session else { return };
                match s.settle_conflict(i, side) {
                    Ok(_) => {
                        self.hint = match side {
                            Side::Ours => "Kept ours (Ctrl+Z undoes it)".to_owned(),
                            Side::Theirs => "Took theirs (Ctrl+Z undoes it)".to_owned(),
                        };
                        // The next conflict takes its place: show what it is about.
                        let left = s.project().conflicts.len();
                        if let Some(c) = s.project().conflicts.get(i.min(left.saturating_sub(1))) {
                            let record = c.record.clone();
                            s.show_record(&record);
                        }
                        ctx.request_repaint();
                    }
                    Err(e) => self
                        .notes
                        .error(format!("Could not settle the conflict: {e}")),
                }
            }
        }
    }
}
