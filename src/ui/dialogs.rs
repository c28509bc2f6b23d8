//! Modal questions: save before closing, restore recovered work. Each returns the
//! person's answer; the app acts on it.

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
}

/// Draws the dialog; returns the answer once given.
pub fn dialog_ui(ui: &mut Ui, dialog: &Dialog, project_name: &str) -> Option<Answer> {
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
            Dialog::Recovery { path, written, .. } => {
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
        }
    });
    if answer.is_none() && matches!(dialog, Dialog::Unsaved { .. }) && resp.should_close() {
        answer = Some(Answer::Cancel);
    }
    answer
}
