//! Making a link from the keyboard or the mouse: what the status bar says at each step,
//! and the small chooser of the link's kind (S said by, U supports, M same as, a digit
//! for a kind the project already uses, or a new kind typed in), shown once the other
//! end is chosen. Escape cancels at any step (see the app's Escape).

use eframe::egui;

use crate::model::LinkKind;
use crate::ui::command::{Command, UiCommand, written};
use crate::ui::session::Session;
use crate::ui::session_links::Linking;
use egui::{Key, Modifiers, RichText};

/// The kind chooser's state: the name of a new kind being typed.
#[derive(Default)]
pub struct KindChooser {
    /// A project-defined kind being typed.
    pub new_kind: String,
}

/// A short description of an annotation for a hint: its label and the start of its
/// text.
fn describe(session: &Session, id: &crate::model::AnnotationId) -> String {
    let p = session.project();
    match p.annotation(id) {
        Some(a) => {
            let label = p
                .labels
                .get(&a.label)
                .map_or(a.label.clone(), |l| l.name.to_lowercase());
            format!(
                "{label} “{}”",
                crate::ui::annotation_list::snippet(&a.text, 30)
            )
        }
        None => "an annotation".to_owned(),
    }
}

/// What the status bar says while a link is being made.
pub fn hint(session: &Session, linking: &Linking) -> String {
    match linking {
        Linking::Target { from } => format!(
            "Linking from {}: click the other end, or Tab to it and press Enter; Escape cancels",
            describe(session, from)
        ),
        Linking::Kind { from, to } => format!(
            "Link {} → {}: press S said by, U supports, M same as, or choose below; Escape cancels",
            describe(session, from),
            describe(session, to)
        ),
    }
}

impl KindChooser {
    /// Draws the chooser while the kind is being chosen, next to `near` (the other end
    /// on screen) when known; returns the kind picked with the mouse, a digit or a new
    /// name. The S, U and M keys are commands ([`UiCommand::LinkSaidBy`] and so on).
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        session: &Session,
        near: Option<egui::Rect>,
    ) -> Option<Command> {
        let Some(Linking::Kind { .. }) = &session.linking else {
            self.new_kind.clear();
            return None;
        };
        let custom = session.custom_link_kinds();
        let mut picked = None;
        let field_id = egui::Id::unique("sourcemark-link-kind-new");
        let typing = ctx.memory(|m| m.has_focus(field_id));
        if !typing {
            ctx.input_mut(|i| {
                for (n, name) in custom.iter().enumerate().take(9) {
                    let key = Key::from_name(&(n + 1).to_string());
                    if let Some(key) = key
                        && i.consume_key(Modifiers::NONE, key)
                    {
                        picked = Some(LinkKind::Other(name.clone()));
                    }
                }
            });
        }
        let mut window = egui::Window::new("Link kind")
            .id(egui::Id::unique("sourcemark-link-kind-chooser"))
            .collapsible(false)
            .resizable(false)
            .title_bar(true);
        window = match near {
            Some(r) => window.fixed_pos(r.left_bottom() + egui::vec2(0.0, 6.0)),
            None => window.anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO),
        };
        window.show(ctx, |ui| {
            ui.set_max_width(280.0);
            for cmd in [
                UiCommand::LinkSaidBy,
                UiCommand::LinkSupports,
                UiCommand::LinkSameAs,
            ] {
                let Some(kind) = cmd.link_kind() else {
                    continue;
                };
                let key = cmd.shortcut().map(|k| written(&k)).unwrap_or_default();
                let b = egui::Button::new(kind.label())
                    .shortcut_text(key)
                    .min_size(egui::vec2(ui.available_width(), 0.0));
                if ui.add(b).on_hover_text(cmd.tooltip()).clicked() {
                    picked = Some(kind);
                }
            }
            if !custom.is_empty() {
                ui.separator();
                ui.label(RichText::new("This project's kinds").weak());
                for (n, name) in custom.iter().enumerate() {
                    let key = if n < 9 {
                        (n + 1).to_string()
                    } else {
                        String::new()
                    };
                    let b = egui::Button::new(name.as_str())
                        .shortcut_text(key)
                        .min_size(egui::vec2(ui.available_width(), 0.0));
                    if ui.add(b).clicked() {
                        picked = Some(LinkKind::Other(name.clone()));
                    }
                }
            }
            ui.separator();
            ui.horizontal(|ui| {
                let field = ui.add(
                    egui::TextEdit::singleline(&mut self.new_kind)
                        .id(field_id)
                        .hint_text("New kind")
                        .desired_width(150.0),
                );
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                let name = self.new_kind.trim().to_owned();
                let add = ui
                    .add_enabled(!name.is_empty(), egui::Button::new("Add"))
                    .on_hover_text("A kind of link of this project's own");
                if (enter || add.clicked()) && !name.is_empty() {
                    picked = Some(kind_named(&name));
                }
            });
            ui.label(RichText::new("Escape cancels").weak().small());
        });
        let picked = picked?;
        self.new_kind.clear();
        Some(Command::LinkKind(picked))
    }
}

/// The kind a typed name stands for: a built-in one when it is its name ("said by",
/// `SaidBy`), else a project-defined one.
pub fn kind_named(name: &str) -> LinkKind {
    let folded: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    LinkKind::BUILT_IN
        .into_iter()
        .find(|k| {
            let n: String = k.label().chars().filter(|c| c.is_alphanumeric()).collect();
            n == folded
        })
        .unwrap_or_else(|| LinkKind::Other(name.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_name_of_a_built_in_kind_is_that_kind() {
        assert_eq!(kind_named("Said by"), LinkKind::SaidBy);
        assert_eq!(kind_named("SameAs"), LinkKind::SameAs);
        assert_eq!(
            kind_named("contradicts"),
            LinkKind::Other("contradicts".into())
        );
    }
}
