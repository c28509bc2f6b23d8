//! The question a merge with the file on disk asks when both sides changed the same
//! thing: for each conflict, keep mine or the file's.

use eframe::egui;

use crate::merge::{Choices, Side};
use crate::ui::dialogs::Answer;
use crate::ui::disk_merge::PendingMerge;
use egui::{RichText, Ui};

/// A merge waiting for the person's choices.
pub struct ConflictChoice {
    /// The merge.
    pub pending: PendingMerge,
    /// The merge came from a save, which goes on once it is applied.
    pub then_save: bool,
    /// One pick per conflict of `pending.merge`, in order.
    picks: Vec<Side>,
}

impl ConflictChoice {
    /// Starts with each conflict holding what the merge holds (mine, or a restored
    /// record that the other side still uses).
    pub fn new(pending: PendingMerge, then_save: bool) -> Self {
        let picks = pending.merge.conflicts.iter().map(|c| c.holds).collect();
        Self {
            pending,
            then_save,
            picks,
        }
    }

    /// The decisions so far, with the ones made on this screen.
    pub fn choices(&self) -> Choices {
        let mut c = self.pending.choices.clone();
        for (conflict, side) in self.pending.merge.conflicts.iter().zip(&self.picks) {
            c.choose(conflict, *side);
        }
        c
    }

    /// Draws the list; `Accept` applies the merge with the picks, `Cancel` leaves
    /// everything as it was.
    pub fn ui(&mut self, ui: &mut Ui) -> Option<Answer> {
        let mut answer = None;
        ui.set_max_width(640.0);
        ui.heading("Both changed the same thing");
        ui.add_space(4.0);
        let n = self.pending.merge.conflicts.len();
        ui.label(format!(
            "Your unsaved changes and the file's new content differ in {n} place(s). Choose which to keep in each; everything else is merged."
        ));
        ui.horizontal(|ui| {
            if ui.button("Keep all mine").clicked() {
                self.picks.iter_mut().for_each(|p| *p = Side::Ours);
            }
            if ui.button("Keep all theirs").clicked() {
                self.picks.iter_mut().for_each(|p| *p = Side::Theirs);
            }
        });
        ui.separator();
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| {
                for (i, (c, pick)) in self
                    .pending
                    .merge
                    .conflicts
                    .iter()
                    .zip(self.picks.iter_mut())
                    .enumerate()
                {
                    ui.push_id(i, |ui| {
                        let what = match (&c.field, &c.ours, &c.theirs) {
                            (Some(f), ..) => format!("{} of {}", f, c.record),
                            (None, _, None) => {
                                format!("{}: deleted in the file, changed or used by you", c.record)
                            }
                            (None, None, _) => {
                                format!("{}: deleted by you, changed in the file", c.record)
                            }
                            (None, ..) => format!("{}: added both ways", c.record),
                        };
                        ui.label(RichText::new(what).strong());
                        let show = |v: &Option<String>| {
                            v.clone().unwrap_or_else(|| "(deleted)".to_owned())
                        };
                        ui.horizontal_wrapped(|ui| {
                            ui.radio_value(pick, Side::Ours, format!("Mine: {}", show(&c.ours)));
                        });
                        ui.horizontal_wrapped(|ui| {
                            ui.radio_value(
                                pick,
                                Side::Theirs,
                                format!("The file's: {}", show(&c.theirs)),
                            );
                        });
                        if !c.needed_by.is_empty() {
                            ui.label(
                                RichText::new(format!(
                                    "{} annotation(s) still use it; deleting it deletes them too.",
                                    c.needed_by.len()
                                ))
                                .weak(),
                            );
                        }
                        ui.add_space(6.0);
                    });
                }
                if !self.pending.merge.dropped.is_empty() {
                    ui.separator();
                    ui.label("Removed to keep the project whole:");
                    for d in &self.pending.merge.dropped {
                        ui.label(RichText::new(d.to_string()).weak());
                    }
                }
            });
        ui.separator();
        ui.horizontal(|ui| {
            if ui.button("Apply merge").clicked() {
                answer = Some(Answer::Accept);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(Answer::Cancel);
            }
        });
        answer
    }
}
