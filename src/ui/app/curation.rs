//! Carrying out the curation's commands: beginning one (against another project file,
//! or between two annotators), stepping through the disagreements, and taking a
//! version (each one undo step).

use eframe::egui;

use super::SourcemarkApp;
use crate::curate::{Curation, Side, annotators, choice};
use crate::selection::Selection;
use crate::ui::command::{Command, UiCommand};
use crate::ui::curation_view::{AnnotatorChoice, Place, Status, item};
use crate::ui::pick::Purpose;
use std::path::Path;

impl SourcemarkApp {
    pub(super) fn run_curation_ui_command(&mut self, cmd: UiCommand) {
        let Some(s) = &mut self.session else { return };
        match cmd {
            UiCommand::CurateAgainstProject => self.ask_for(Purpose::CurationProject),
            UiCommand::CurateAnnotators => {
                let names = annotators(s.project());
                match names.len() {
                    0 | 1 => {
                        let who = names
                            .first()
                            .map(|n| format!(" (all by {})", shown_name(n)))
                            .unwrap_or_default();
                        self.notes.warn(format!(
                            "This project's annotations are by one annotator{who}: curate against another annotator's project file instead (Curate → {})",
                            UiCommand::CurateAgainstProject.text()
                        ));
                    }
                    2 => self
                        .commands
                        .push(Command::CurateNamed(names[0].clone(), names[1].clone())),
                    _ => self.curation.choosing = Some(AnnotatorChoice::new(names)),
                }
            }
            UiCommand::EndCuration => {
                s.curation = None;
                self.curation.reset();
                self.view.set_curation(None);
                self.hint = "Curation ended; every choice made stays in the project".into();
            }
            UiCommand::NextDisagreement | UiCommand::PreviousDisagreement => {
                let forward = cmd == UiCommand::NextDisagreement;
                match self.curation.step(s, forward) {
                    Some(place) => self.show_place(place),
                    None => {
                        let (total, _) = self.curation.progress(s);
                        self.hint = format!("All {total} disagreements are settled");
                    }
                }
            }
            UiCommand::TakeA | UiCommand::TakeB => {
                let side = if cmd == UiCommand::TakeA {
                    Side::A
                } else {
                    Side::B
                };
                let here = s.current.clone();
                let place = self
                    .curation
                    .cursor()
                    .filter(|p| Some(&p.0) == here.as_ref())
                    .cloned()
                    .or_else(|| self.curation.step(s, true));
                match place {
                    Some(p) => self.take_version(p, side),
                    None => self.hint = "No disagreement left to settle".into(),
                }
            }
            _ => {}
        }
    }

    pub(super) fn run_curation_command(&mut self, cmd: Command) {
        match cmd {
            Command::ShowPlace(place) => self.show_place(place),
            Command::TakeVersion(place, side) => self.take_version(place, side),
            Command::CurateNamed(a, b) => {
                let Some(s) = &mut self.session else { return };
                if a == b {
                    self.notes
                        .warn("Choose two different annotators to curate".to_owned());
                    return;
                }
                let c = Curation::by_annotators(s.project(), &a, &b);
                self.begin_curation(c);
            }
            _ => {}
        }
    }

    /// Begins curating against the project file at `path`.
    pub(super) fn curate_against(&mut self, path: &Path) {
        let Some(s) = &self.session else { return };
        if std::fs::canonicalize(path).ok() == std::fs::canonicalize(&s.ws.path).ok() {
            self.notes.warn(format!(
                "{} is this project's own file: choose another annotator's copy",
                path.display()
            ));
            return;
        }
        let other = match crate::store::load(path) {
            Ok(p) => p,
            Err(e) => {
                self.notes
                    .error(format!("Could not curate against it: {e}"));
                return;
            }
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let c = Curation::with_project(s.project(), &other, &name);
        if c.docs.is_empty() {
            self.notes.warn(format!(
                "{name} has none of this project's documents (no document there has the same text): nothing to curate"
            ));
            return;
        }
        self.begin_curation(c);
    }

    fn begin_curation(&mut self, c: Curation) {
        let Some(s) = &mut self.session else { return };
        let (a, b) = (c.names[0].clone(), c.names[1].clone());
        self.curation.begin(s, c);
        let (total, _) = self.curation.progress(s);
        self.hint = format!(
            "Curating {a} (A) against {b} (B): {total} disagreement(s); N goes to the next"
        );
        // Start where the curator stands, or at the first disagreement.
        if let Some(p) = self.curation.step(s, true) {
            self.show_place(p);
        }
    }

    /// Puts the curator on `place`: its document shown, its span selected and in view
    /// (A's annotation when the project holds it, else the text of B's version, which a
    /// label key then tags).
    fn show_place(&mut self, place: Place) {
        let Some(s) = &mut self.session else { return };
        let Some(it) = item(s, &place).cloned() else {
            return;
        };
        s.select_doc(place.0.clone());
        let held = [&it.a, &it.b]
            .into_iter()
            .flatten()
            .find_map(|v| choice::holder(s.project(), v, true))
            .map(|x| x.id.clone());
        let hull = it.hull();
        match held {
            Some(id) => s.select(Selection::one(id)),
            None => s.select(Selection::range(place.0.clone(), hull.clone())),
        }
        self.view.scroll_to(hull);
        self.curation.set_cursor(place);
    }

    fn take_version(&mut self, place: Place, side: Side) {
        let Some(s) = &mut self.session else { return };
        let (Some(it), Some(c)) = (item(s, &place).cloned(), s.curation.clone()) else {
            return;
        };
        let revision = s.history.revision();
        let which = if side == Side::A { "A's" } else { "B's" };
        match s.take_version(&it, side, &c.mode) {
            Ok(true) => self.hint = format!("Took {which} version; Ctrl+Z undoes"),
            Ok(false) => {
                // The project holds that version already: settled without a change.
                if self.curation.status(s, &place) == Some(Status::Open) {
                    self.curation.keep(place.clone(), side, revision);
                }
                self.hint = format!("Kept {which} version; Ctrl+Z undoes");
            }
            Err(e) => {
                self.notes
                    .error(format!("Could not take {which} version: {e}"));
                return;
            }
        }
        self.curation.set_cursor(place);
        let Some(s) = &self.session else { return };
        if let Some(next) = self.curation.step(s, true) {
            self.show_place(next);
        } else {
            let (total, _) = self.curation.progress(s);
            self.hint = format!("All {total} disagreements are settled");
        }
    }

    /// Ctrl+Z while curating: unsettles the place last kept without a change, if
    /// nothing changed since. Returns whether it did.
    pub(super) fn undo_keep(&mut self) -> bool {
        let Some(s) = &self.session else { return false };
        if s.curation.is_none() {
            return false;
        }
        match self.curation.undo_keep(s.history.revision()) {
            Some(place) => {
                self.show_place(place);
                self.hint = "Undid keeping a version".into();
                true
            }
            None => false,
        }
    }

    /// The dialog choosing two annotators, when it is open.
    pub(super) fn annotator_choice_ui(&mut self, ctx: &egui::Context) {
        let Some(choice) = &mut self.curation.choosing else {
            return;
        };
        let mut open = true;
        let mut begin = None;
        egui::Window::new("Curate two annotators")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| begin = choice.choice_ui(ui));
        if let Some(cmd) = begin {
            self.commands.push(cmd);
            self.curation.choosing = None;
        } else if !open {
            self.curation.choosing = None;
        }
    }
}

/// An annotator's name as a message gives it (the empty name is someone too).
fn shown_name(n: &str) -> String {
    if n.is_empty() {
        "an unnamed annotator".to_owned()
    } else {
        n.to_owned()
    }
}
