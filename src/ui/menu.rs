//! The menu bar: File, Edit, View. Every item pushes a [`Command`]; its shortcut is
//! shown beside it from the same table the keyboard uses.

use eframe::egui;

use crate::ui::command::Command;
use crate::ui::config::{Config, ThemeChoice};
use crate::ui::session::Session;
use egui::Ui;

/// A menu item for a command; disabled when `enabled` is false.
fn item(ui: &mut Ui, cmd: Command, text: Option<String>, enabled: bool, out: &mut Vec<Command>) {
    let mut b = egui::Button::new(text.unwrap_or_else(|| cmd.label()));
    if let Some(sc) = cmd.shortcut() {
        b = b.shortcut_text(ui.ctx().format_shortcut(&sc));
    }
    if ui.add_enabled(enabled, b).clicked() {
        out.push(cmd);
    }
}

/// Draws the menu bar.
pub fn menu_bar_ui(
    ui: &mut Ui,
    session: Option<&Session>,
    config: &Config,
    out: &mut Vec<Command>,
) {
    let open = session.is_some();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            item(ui, Command::NewProject, None, true, out);
            item(ui, Command::OpenProject, None, true, out);
            ui.add_enabled_ui(!config.recent.is_empty(), |ui| {
                ui.menu_button("Open recent", |ui| {
                    for p in &config.recent {
                        if ui.button(p.display().to_string()).clicked() {
                            out.push(Command::OpenPath(p.clone()));
                        }
                    }
                });
            });
            ui.separator();
            item(ui, Command::AddArticles, None, open, out);
            ui.separator();
            item(ui, Command::Save, None, open, out);
            item(ui, Command::SaveAs, None, open, out);
            item(ui, Command::ReloadFromDisk, None, open, out);
            ui.separator();
            item(ui, Command::Import, None, open, out);
            item(ui, Command::Export, None, open, out);
            ui.separator();
            item(ui, Command::CloseProject, None, open, out);
            item(ui, Command::Quit, None, true, out);
        });
        ui.menu_button("Edit", |ui| {
            let undo = session.and_then(|s| s.history.undo_name());
            let redo = session.and_then(|s| s.history.redo_name());
            item(
                ui,
                Command::Undo,
                undo.map(|n| format!("Undo {n}")),
                undo.is_some(),
                out,
            );
            item(
                ui,
                Command::Redo,
                redo.map(|n| format!("Redo {n}")),
                redo.is_some(),
                out,
            );
            ui.separator();
            item(ui, Command::Find, None, open, out);
            item(ui, Command::FindNext, None, open, out);
            item(ui, Command::FindPrevious, None, open, out);
            ui.separator();
            let selected = session.is_some_and(|s| s.selected.is_some());
            item(ui, Command::DeleteAnnotation, None, selected, out);
            ui.separator();
            let has_doc = session.and_then(Session::current_doc).is_some();
            item(ui, Command::EditDocumentDetails, None, has_doc, out);
        });
        ui.menu_button("View", |ui| {
            item(ui, Command::ZoomIn, None, true, out);
            item(ui, Command::ZoomOut, None, true, out);
            item(ui, Command::ZoomReset, None, true, out);
            ui.separator();
            for (t, name) in [
                (ThemeChoice::System, "Theme: follow system"),
                (ThemeChoice::Light, "Theme: light"),
                (ThemeChoice::Dark, "Theme: dark"),
            ] {
                if ui.radio(config.theme == t, name).clicked() {
                    out.push(Command::SetTheme(t));
                    ui.close();
                }
            }
            ui.separator();
            item(ui, Command::NextDocument, None, open, out);
            item(ui, Command::PreviousDocument, None, open, out);
        });
        ui.menu_button("Help", |ui| {
            if ui.button("Keyboard shortcuts").clicked() {
                out.push(Command::ShowKeys);
            }
        });
    });
}
