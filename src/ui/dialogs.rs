//! Modal questions: save before closing, restore recovered work, read articles outside
//! the project folder, and what to do about a project file changed on disk. Each returns
//! the person's answer; the app acts on it.

use eframe::egui;

use crate::model::Project;
use egui::{Id, Modal, RichText, Ui};
use std::path::PathBuf;

/// What to do once the current project is saved or discarded.
#[derive(Clone, Debug, PartialEq)]
pub enum Then {
    /// Quit the application.
    Quit,
    /// Run this command (close, open another, new).
    Run(crate::ui::command::Command),
}

/// A question waiting for an answer.
pub enum Dialog {
    /// There are unsaved changes: Save, Discard or Cancel?
    Unsaved {
        /// What was asked for.
        then: Then,
    },
    /// The recovery file holds newer work than the project file: Restore or Discard?
    Recovery {
        /// The project file.
        path: PathBuf,
        /// The recovered project.
        project: Box<Project>,
        /// When the recovery file was written, for the message.
        written: Option<String>,
        /// What restoring it would change in the saved file.
        differences: crate::stats::Differences,
    },
    /// Some article files are outside the project's folder: read them?
    Outside {
        /// The files, symlinks resolved.
        files: Vec<PathBuf>,
    },
    /// The project file changed on disk while there are unsaved changes: Merge, Reload,
    /// Save as or Cancel?
    DiskChanged {
        /// The question came from a save, which goes on after a merge.
        then_save: bool,
    },
    /// Reloading would discard unsaved changes: sure?
    ConfirmReload,
    /// A merge with the file on disk found fields changed both ways: which to keep.
    Conflicts(Box<crate::ui::conflicts::ConflictChoice>),
    /// The annotations to delete have links, which would go too: delete them all?
    DeleteWithLinks {
        /// The annotations.
        ids: Vec<crate::model::AnnotationId>,
        /// How many links go with them.
        links: usize,
    },
}

/// The answer to a dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Save (unsaved changes) / Restore (recovery).
    Accept,
    /// Discard.
    Discard,
    /// Cancel (the dialog goes away, nothing happens).
    Cancel,
    /// Merge the file's changes with the window's (a project changed on disk).
    Merge,
    /// Write the window's project to another file instead.
    SaveAs,
}

/// Draws the dialog; returns the answer once given.
pub fn dialog_ui(ui: &mut Ui, dialog: &mut Dialog, project_name: &str) -> Option<Answer> {
    let mut answer = None;
    let resp = Modal::new(Id::unique("sourcemark-dialog")).show(ui.ctx(), |ui| {
        ui.set_max_width(420.0);
        match dialog {
            Dialog::Unsaved { .. } => {
                ui.heading("Unsaved changes");
                ui.add_space(4.0);
                ui.label(format!(
                    "Save the changes to {project_name} before closing it?"
                ));
                ui.label(RichText::new("If you discard them, they are lost.").weak());
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        answer = Some(Answer::Accept);
                    }
                    if ui.button("Discard").clicked() {
                        answer = Some(Answer::Discard);
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(Answer::Cancel);
                    }
                });
            }
            Dialog::Recovery {
                path,
                written,
                differences,
                ..
            } => {
                ui.heading("Recover unsaved work?");
                ui.add_space(4.0);
                ui.label(format!(
                    "sourcemark found work on {} that was not saved{}. It was probably left by a crash.",
                    path.display(),
                    written
                        .as_ref()
                        .map(|w| format!(" (autosaved {w})"))
                        .unwrap_or_default()
                ));
                ui.label(format!("Restoring it brings back {differences}."));
                ui.label(
                    RichText::new(
                        "Restore opens it as unsaved changes; Discard deletes it and keeps the saved file.",
                    )
                    .weak(),
                );
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        answer = Some(Answer::Accept);
                    }
                    if ui.button("Discard").clicked() {
                        answer = Some(Answer::Discard);
                    }
                });
            }
            Dialog::Outside { files } => {
                ui.heading("Read files outside the project folder?");
                ui.add_space(4.0);
                ui.label(format!(
                    "{project_name} names {} article file(s) outside its folder:",
                    files.len()
                ));
                egui::ScrollArea::vertical()
                    .max_height(160.0)
                    .show(ui, |ui| {
                        for f in files.iter() {
                            ui.monospace(f.display().to_string());
                        }
                    });
                ui.label(
                    RichText::new(
                        "A project file from someone else could name any file on this computer and have it exported. Read them only if you expect these files.",
                    )
                    .weak(),
                );
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Read them").clicked() {
                        answer = Some(Answer::Accept);
                    }
                    if ui.button("Not now").clicked() {
                        answer = Some(Answer::Cancel);
                    }
                });
            }
            Dialog::DiskChanged { .. } => {
                ui.heading("The project changed on disk");
                ui.add_space(4.0);
                ui.label(format!(
                    "{project_name} was changed by another program (another sourcemark, an import, git) since you opened it, and you have unsaved changes."
                ));
                ui.label(
                    RichText::new(
                        "Merge applies your unsaved changes on top of the file's new content and asks where both changed the same thing. Reload discards your changes. Save as keeps both files.",
                    )
                    .weak(),
                );
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Merge").clicked() {
                        answer = Some(Answer::Merge);
                    }
                    if ui.button("Reload").clicked() {
                        answer = Some(Answer::Discard);
                    }
                    if ui.button("Save as…").clicked() {
                        answer = Some(Answer::SaveAs);
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(Answer::Cancel);
                    }
                });
            }
            Dialog::ConfirmReload => {
                ui.heading("Discard your changes?");
                ui.add_space(4.0);
                ui.label(format!(
                    "Reloading {project_name} from disk discards the changes you have not saved."
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Discard and reload").clicked() {
                        answer = Some(Answer::Discard);
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(Answer::Cancel);
                    }
                });
            }
            Dialog::Conflicts(choice) => {
                answer = choice.ui(ui);
            }
            Dialog::DeleteWithLinks { ids, links } => {
                let what = match ids.len() {
                    1 => "this annotation".to_owned(),
                    n => format!("these {n} annotations"),
                };
                let also = match links {
                    1 => "also deletes 1 link".to_owned(),
                    n => format!("also deletes {n} links"),
                };
                ui.heading("Delete linked annotations?");
                ui.add_space(4.0);
                ui.label(format!("Deleting {what} {also} (who said it, what supports what)."));
                ui.label(RichText::new("Ctrl+Z brings them all back.").weak());
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Delete").clicked() {
                        answer = Some(Answer::Accept);
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(Answer::Cancel);
                    }
                });
            }
        }
    });
    let cancellable = !matches!(dialog, Dialog::Recovery { .. });
    if answer.is_none() && cancellable && resp.should_close() {
        answer = Some(Answer::Cancel);
    }
    answer
}
