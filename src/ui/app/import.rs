//! File → Import in the app: draws the dialog, starts its worker on the open project,
//! applies the finished plan through the session (one undoable change), and removes
//! the article files of unkept imports when the project closes.

use eframe::egui;

use super::SourcemarkApp;
use crate::ui::import_dialog::{Finished, ImportAction, ImportOutcome, StartedOn};
use crate::ui::session::Session;
use crate::ui::session_import::remove_unused_articles;

/// What the project is now, for [`StartedOn`].
fn started_on(s: &Session) -> StartedOn {
    StartedOn {
        path: s.ws.path.clone(),
        revision: s.history.revision(),
        disk: s.disk.clone(),
    }
}

impl SourcemarkApp {
    /// Opens File → Import on the open project.
    pub(super) fn open_import(&mut self) {
        if self.session.is_none() {
            self.notes
                .warn("Open or create a project before importing annotations.");
            return;
        }
        self.import.open(&self.annotator);
    }

    /// Draws the import dialog and carries out what it asks; applies a finished import.
    pub(super) fn import_ui(&mut self, ui: &mut egui::Ui) {
        if let Some(done) = self.import.poll() {
            self.finish_import(done);
        }
        match self.import.ui(ui) {
            Some(ImportAction::Start) => {
                if let Some(s) = &self.session {
                    self.import.start(&s.ws, started_on(s));
                }
            }
            Some(ImportAction::Browse { folder, current }) => self.browse_import(folder, &current),
            None => {}
        }
    }

    /// Applies a finished import's plan, unless the project changed since it started.
    fn finish_import(&mut self, done: Finished) {
        let Finished {
            result,
            input,
            started_on: then,
        } = done;
        let plan = match result {
            Ok(plan) => plan,
            Err(e) => {
                self.import
                    .finish(ImportOutcome::Failed(e.to_string()), Vec::new());
                return;
            }
        };
        let Some(s) = self.session.as_mut().filter(|s| started_on(s) == then) else {
            plan.remove_articles();
            self.import.finish(
                ImportOutcome::Failed(
                    "the project changed while the input was read; import it again".into(),
                ),
                Vec::new(),
            );
            return;
        };
        match s.apply_import(plan, &format!("Import {input}")) {
            Ok(applied) => {
                let n = applied.report.annotations_added;
                self.hint = format!("Imported {n} span(s) from {input}");
                self.import.finish(
                    ImportOutcome::Done {
                        input,
                        report: applied.report,
                    },
                    applied.written,
                );
            }
            Err(e) => self
                .import
                .finish(ImportOutcome::Failed(e.to_string()), Vec::new()),
        }
    }

    /// Asks which file (a folder for brat) to import and tells the dialog. The one
    /// place the import dialog meets a file chooser.
    pub(super) fn browse_import(&mut self, folder: bool, current: &std::path::Path) {
        self.ask_for(crate::ui::pick::Purpose::ImportSource {
            folder,
            current: current.to_owned(),
        });
    }

    /// Before the open project goes (closed, replaced or the app quits): removes the
    /// article files its imports wrote, and the texts extracted from saved web pages it
    /// added, that the project file does not keep.
    pub(super) fn end_imports(&mut self) {
        self.import.stop();
        let mut written = self.import.take_written();
        if let Some(s) = &mut self.session {
            written.append(&mut s.written_pages);
            remove_unused_articles(&s.ws.path, &written);
        }
    }
}
