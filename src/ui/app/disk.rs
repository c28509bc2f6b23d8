//! The window and the files it does not own: a project file changed by someone else,
//! and article files outside the project's folder.

use super::SourcemarkApp;
use crate::store::FileChange;
use crate::ui::conflicts::ConflictChoice;
use crate::ui::dialogs::{Answer, Dialog};

impl SourcemarkApp {
    /// Looks whether the project file changed on disk (the window regained focus): a
    /// clean project is read again, one with unsaved changes asks what to do. Asked once
    /// per change of the file, not at every return to the window.
    pub fn check_disk(&mut self) {
        if self.dialog.is_some() {
            return;
        }
        let Some(s) = &mut self.session else { return };
        match s.disk_change() {
            Ok(FileChange::Same) => {}
            Ok(FileChange::Touched(identity)) => s.disk_touched(identity),
            Ok(FileChange::Missing) => {
                if !self.disk_missing_told {
                    self.disk_missing_told = true;
                    self.notes.warn(format!(
                        "{} was moved or deleted on disk; Save writes it again.",
                        s.ws.path.display()
                    ));
                }
            }
            Ok(FileChange::Changed(identity)) => {
                if !s.is_dirty() {
                    self.reread_changed("");
                } else if self.disk_asked.as_ref() != Some(&identity) {
                    self.disk_asked = Some(identity);
                    self.dialog = Some(Dialog::DiskChanged { then_save: false });
                }
            }
            Err(e) => self
                .notes
                .warn(format!("Could not look at {}: {e}", s.ws.path.display())),
        }
    }

    /// The file changed on disk and the window has nothing unsaved: reads it again and
    /// says so, with `more` after the sentence.
    pub(super) fn reread_changed(&mut self, more: &str) {
        let Some(s) = &self.session else { return };
        let name = s.display_name();
        self.reload();
        self.notes
            .info(format!("{name} changed on disk and was read again{more}."));
    }

    /// Reads the project file again, dropping unsaved changes (asked before).
    pub(super) fn reload(&mut self) {
        let Some(s) = &mut self.session else { return };
        self.autosave.wait();
        match s.reload() {
            Ok(notices) => {
                for n in &notices {
                    self.notes.warn(n.to_string());
                }
                self.autosave.reset();
                self.inspector.draft = None;
                self.inspector.finished.clear();
                self.disk_asked = None;
                self.disk_missing_told = false;
            }
            Err(e) => self
                .notes
                .error(format!("Could not read the project again: {e}")),
        }
    }

    /// Merges the file's new content with the unsaved changes; asks about conflicts,
    /// and saves afterwards when the question came from a save.
    pub(super) fn merge_disk(&mut self, then_save: bool) {
        let Some(s) = &self.session else { return };
        match s.start_merge() {
            Ok(pending) if pending.merge.conflicts.is_empty() => {
                self.finish_merge(ConflictChoice::new(pending, then_save))
            }
            Ok(pending) => {
                self.dialog = Some(Dialog::Conflicts(Box::new(ConflictChoice::new(
                    pending, then_save,
                ))));
            }
            Err(e) => self.notes.error(format!(
                "Could not merge with the file on disk: {e}. Your changes are still here."
            )),
        }
    }

    /// The conflict question was answered.
    pub(super) fn answer_conflicts(&mut self, mut choice: ConflictChoice, answer: Answer) {
        if answer != Answer::Accept {
            return;
        }
        let choices = choice.choices();
        if let Err(e) = choice.pending.decide(choices) {
            self.notes.error(format!("Could not merge: {e}"));
            return;
        }
        if choice.pending.merge.conflicts.is_empty() {
            self.finish_merge(choice);
        } else {
            // A choice raised another question (a record restored for its annotations).
            let then_save = choice.then_save;
            self.dialog = Some(Dialog::Conflicts(Box::new(ConflictChoice::new(
                choice.pending,
                then_save,
            ))));
        }
    }

    fn finish_merge(&mut self, choice: ConflictChoice) {
        let Some(s) = &mut self.session else { return };
        let (theirs, ours) = (choice.pending.their_changes(), choice.pending.our_changes());
        let dropped: Vec<String> = choice
            .pending
            .merge
            .dropped
            .iter()
            .map(ToString::to_string)
            .collect();
        match s.finish_merge(choice.pending) {
            Ok(()) => {
                self.disk_asked = None;
                self.notes.info(format!(
                    "Merged {theirs} change(s) from the file on disk with your {ours}."
                ));
                for d in dropped {
                    self.notes.warn(d);
                }
                if choice.then_save {
                    self.save();
                }
            }
            Err(e) => self.notes.error(format!("Could not merge: {e}")),
        }
    }

    /// Asks once per project whether to read its article files outside its folder.
    pub(super) fn ask_outside(&mut self) {
        let Some(s) = &self.session else { return };
        let files: Vec<_> =
            s.ws.outside_documents()
                .into_iter()
                .map(|(_, p)| p)
                .collect();
        if !files.is_empty() {
            self.dialog = Some(Dialog::Outside { files });
        }
    }

    /// The person agreed to read this project's articles outside its folder.
    pub(super) fn read_outside(&mut self) {
        let Some(s) = &mut self.session else { return };
        self.config.allow_outside(&s.ws.path);
        let notices = s.allow_outside();
        for n in &notices {
            self.notes.warn(n.to_string());
        }
        self.save_config();
    }
}
