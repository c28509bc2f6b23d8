//! The merge conflicts a project file records (left by `sourcemark merge-driver`), in a
//! window of their own: each with both sides' values, settled with one key. It opens by
//! itself when such a project is opened, and from Edit → Merge conflicts.
//!
//! Keys while it is open: O keeps ours, T takes theirs, ↑/↓ choose the conflict, Ctrl+Z
//! and Ctrl+Shift+Z undo and redo, Esc closes it (the conflicts stay in the file).

use eframe::egui;

use crate::model::{Project, RecordRef, RecordedConflict, Side};
use crate::ui::session::Session;
use egui::{Key, Modifiers, RichText};

/// What the person asked of the conflicts window.
#[derive(Clone, Debug, PartialEq)]
pub enum ConflictAction {
    /// Settle the conflict at this position of the list for this side.
    Settle(usize, Side),
    /// Show the record of the conflict at this position.
    Show(usize),
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
}

/// The window's state.
#[derive(Debug, Default)]
pub struct RecordedConflictsView {
    open: bool,
    /// Just opened: the first conflict's record is to be shown.
    show_first: bool,
    /// The conflict the keys act on.
    pub selected: usize,
}

impl RecordedConflictsView {
    /// True while the window is shown (it has the keys then).
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Shows the window.
    pub fn show(&mut self) {
        self.open = true;
    }

    /// Hides the window; the conflicts stay recorded.
    pub fn close(&mut self) {
        self.open = false;
    }

    /// A project was opened: show its recorded conflicts, if it has any.
    pub fn opened(&mut self, session: &Session) {
        self.selected = 0;
        self.open = !session.project().conflicts.is_empty();
        self.show_first = self.open;
    }

    /// Draws the window and reads its keys; `bounds` is where it may go.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        session: Option<&Session>,
        bounds: egui::Rect,
    ) -> Option<ConflictAction> {
        if !self.open {
            return None;
        }
        let Some(session) = session else {
            self.open = false;
            return None;
        };
        let conflicts = &session.project().conflicts;
        self.selected = self.selected.min(conflicts.len().saturating_sub(1));
        let mut action = self.keys(ctx, conflicts.len());
        if std::mem::take(&mut self.show_first) && action.is_none() {
            action = Some(ConflictAction::Show(self.selected));
        }
        let about = conflicts
            .get(self.selected)
            .and_then(|c| describe(session.project(), &c.record));
        let bounds = bounds.shrink(8.0);
        let mut open = true;
        egui::Window::new("Merge conflicts")
            .open(&mut open)
            .collapsible(false)
            .default_width(560.0_f32.min(bounds.width()))
            .default_pos(bounds.left_top() + egui::vec2(24.0, 8.0))
            .constrain_to(bounds)
            .max_height(bounds.height() - 40.0)
            .show(ctx, |ui| {
                if let Some(a) = self.contents_ui(ui, conflicts, about.as_deref()) {
                    action = Some(a);
                }
            });
        if !open {
            self.open = false;
        }
        action
    }

    /// The keys of the window: they are its own while it is open.
    fn keys(&mut self, ctx: &egui::Context, n: usize) -> Option<ConflictAction> {
        let shift_cmd = Modifiers {
            shift: true,
            ..Modifiers::COMMAND
        };
        ctx.input_mut(|i| {
            if i.consume_key(shift_cmd, Key::Z) {
                return Some(ConflictAction::Redo);
            }
            if i.consume_key(Modifiers::COMMAND, Key::Z) {
                return Some(ConflictAction::Undo);
            }
            if i.consume_key(Modifiers::NONE, Key::Escape) {
                self.open = false;
                return None;
            }
            if n == 0 {
                return None;
            }
            if i.consume_key(Modifiers::NONE, Key::ArrowDown) {
                self.selected = (self.selected + 1).min(n - 1);
                return Some(ConflictAction::Show(self.selected));
            }
            if i.consume_key(Modifiers::NONE, Key::ArrowUp) {
                self.selected = self.selected.saturating_sub(1);
                return Some(ConflictAction::Show(self.selected));
            }
            if i.consume_key(Modifiers::NONE, Key::O) {
                return Some(ConflictAction::Settle(self.selected, Side::Ours));
            }
            if i.consume_key(Modifiers::NONE, Key::T) {
                return Some(ConflictAction::Settle(self.selected, Side::Theirs));
            }
            None
        })
    }

    fn contents_ui(
        &mut self,
        ui: &mut egui::Ui,
        conflicts: &[RecordedConflict],
        about: Option<&str>,
    ) -> Option<ConflictAction> {
        let mut action = None;
        if conflicts.is_empty() {
            ui.label(
                "No merge conflict is left in this project file. After a git merge: save, \
                 then commit the project file (git add, git commit) to finish it.",
            );
            if ui.button("Close").clicked() {
                self.open = false;
            }
            return None;
        }
        ui.label(format!(
            "A merge left {} conflict(s) in this project file: both branches changed the \
             same thing. The project holds one side of each until you choose.",
            conflicts.len()
        ));
        ui.horizontal_wrapped(|ui| {
            let c = &conflicts[self.selected];
            let held = |side: Side| {
                if c.holds == side { " (held now)" } else { "" }
            };
            if ui
                .button(format!("Keep ours (O){}", held(Side::Ours)))
                .clicked()
            {
                action = Some(ConflictAction::Settle(self.selected, Side::Ours));
            }
            if ui
                .button(format!("Take theirs (T){}", held(Side::Theirs)))
                .clicked()
            {
                action = Some(ConflictAction::Settle(self.selected, Side::Theirs));
            }
            ui.weak("↑↓ choose · Ctrl+Z undo · Esc close");
        });
        if let Some(about) = about {
            ui.add(egui::Label::new(RichText::new(about).italics()).wrap());
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (i, c) in conflicts.iter().enumerate() {
                    let chosen = i == self.selected;
                    let title = RichText::new(c.subject()).strong();
                    let r = ui.selectable_label(chosen, title);
                    if chosen && r.gained_focus() {
                        r.scroll_to_me(None);
                    }
                    if r.clicked() {
                        self.selected = i;
                        action = Some(ConflictAction::Show(i));
                    }
                    for side in [Side::Ours, Side::Theirs] {
                        let mark = if c.holds == side { "●" } else { "○" };
                        ui.add(
                            egui::Label::new(format!("  {mark} {side}: {}", c.shown(side))).wrap(),
                        );
                    }
                    ui.add_space(4.0);
                }
            });
        action
    }
}

/// What the chosen conflict's record is, in words: an annotation's label, text and
/// document, a document's title. One lookup a frame, for the chosen conflict only.
fn describe(project: &Project, record: &RecordRef) -> Option<String> {
    let doc_name = |id: &crate::model::DocId| {
        project
            .document(id)
            .map(|d| {
                if d.title.is_empty() {
                    d.id.to_string()
                } else {
                    d.title.clone()
                }
            })
            .unwrap_or_else(|| id.to_string())
    };
    match record {
        RecordRef::Annotation(id) => {
            let a = project.annotation(id)?;
            let label = project
                .labels
                .get(&a.label)
                .map_or(a.label.as_str(), |l| l.name.as_str());
            Some(format!(
                "{label} “{}” in {}",
                cut(&a.text, 60),
                doc_name(&a.doc)
            ))
        }
        RecordRef::Document(id) => Some(format!("Document “{}”", doc_name(id))),
        _ => None,
    }
}

/// The start of `s`, at most `max` chars, with an ellipsis when cut.
fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_owned(),
    }
}
