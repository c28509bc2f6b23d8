//! The menu bar: File, Edit, Find, View, Compare, Curate, Suggest, Help. Every item is a [`UiCommand`], with its
//! text, tooltip and shortcut from the one description the keyboard and the palette
//! use.

use eframe::egui;

use crate::ui::command::{Command, UiCommand};
use crate::ui::config::{Config, ThemeChoice};
use crate::ui::session::Session;
use egui::Ui;

/// Whether a command can run now, and the text its menu item shows (Undo names what
/// it undoes).
pub fn state(cmd: UiCommand, session: Option<&Session>) -> (bool, String) {
    let open = session.is_some();
    let text = cmd.text().to_owned();
    match cmd {
        UiCommand::Undo => match session.and_then(|s| s.history.undo_name()) {
            Some(n) => (true, format!("Undo {n}")),
            None => (false, text),
        },
        UiCommand::Redo => match session.and_then(|s| s.history.redo_name()) {
            Some(n) => (true, format!("Redo {n}")),
            None => (false, text),
        },
        UiCommand::DeleteAnnotation => {
            let n = session.map_or(0, |s| s.selection.annotations().len());
            match n {
                0 | 1 => (n == 1, text),
                n => (true, format!("Delete {n} annotations")),
            }
        }
        UiCommand::StartLeft | UiCommand::StartRight | UiCommand::EndLeft | UiCommand::EndRight => {
            (session.is_some_and(|s| s.selected().is_some()), text)
        }
        UiCommand::EditDocumentDetails => (session.and_then(Session::current_doc).is_some(), text),
        UiCommand::StartLink => (
            session.is_some_and(|s| s.selected().is_some() && s.linking.is_none()),
            text,
        ),
        UiCommand::LinkToSelected
        | UiCommand::LinkSaidBy
        | UiCommand::LinkSupports
        | UiCommand::LinkSameAs => (
            session
                .and_then(|s| s.linking.as_ref())
                .is_some_and(|l| cmd.link_step() == Some(l.step())),
            text,
        ),
        UiCommand::AddSourceLabel => (
            session.is_some_and(|s| s.project().labels.missing_source().is_some()),
            text,
        ),
        UiCommand::NextDisagreement
        | UiCommand::PreviousDisagreement
        | UiCommand::TakeA
        | UiCommand::TakeB
        | UiCommand::EndCuration => (session.is_some_and(|s| s.curation.is_some()), text),
        UiCommand::NewClusterFromSelection
        | UiCommand::AddToCluster
        | UiCommand::RemoveFromCluster => (
            session.is_some_and(|s| !s.selection.annotations().is_empty()),
            text,
        ),
        UiCommand::ReadOutsideArticles => (
            session.is_some_and(|s| !s.ws.outside_documents().is_empty()),
            text,
        ),
        c => (open || !c.needs_project(), text),
    }
}

/// A menu item for a command.
fn item(ui: &mut Ui, cmd: UiCommand, session: Option<&Session>, out: &mut Vec<Command>) {
    let (enabled, text) = state(cmd, session);
    let mut b = egui::Button::new(text);
    if let Some(sc) = cmd.shortcut() {
        b = b.shortcut_text(ui.ctx().format_shortcut(&sc));
    }
    if ui
        .add_enabled(enabled, b)
        .on_hover_text(cmd.tooltip())
        .clicked()
    {
        out.push(Command::Ui(cmd));
    }
}

/// Draws the menu bar.
pub fn menu_bar_ui(
    ui: &mut Ui,
    session: Option<&Session>,
    config: &Config,
    out: &mut Vec<Command>,
) {
    use UiCommand::*;
    let s = session;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            item(ui, NewProject, s, out);
            item(ui, OpenProject, s, out);
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
            item(ui, AddArticles, s, out);
            ui.separator();
            item(ui, Save, s, out);
            item(ui, SaveAs, s, out);
            item(ui, ReloadFromDisk, s, out);
            ui.separator();
            item(ui, Import, s, out);
            item(ui, Export, s, out);
            ui.separator();
            item(ui, CloseProject, s, out);
            item(ui, Quit, s, out);
        });
        ui.menu_button("Edit", |ui| {
            item(ui, Undo, s, out);
            item(ui, Redo, s, out);
            ui.separator();
            item(ui, DeleteAnnotation, s, out);
            item(ui, Escape, s, out);
            ui.separator();
            item(ui, StartLink, s, out);
            item(ui, AddSourceLabel, s, out);
            ui.separator();
            item(ui, EditDocumentDetails, s, out);
            item(ui, MergeConflicts, s, out);
            ui.separator();
            item(ui, Preferences, s, out);
        });
        ui.menu_button("Find", |ui| {
            item(ui, Find, s, out);
            item(ui, FindNext, s, out);
            item(ui, FindPrevious, s, out);
            ui.separator();
            item(ui, SearchProject, s, out);
        });
        ui.menu_button("View", |ui| {
            item(ui, NextDocument, s, out);
            item(ui, PreviousDocument, s, out);
            ui.separator();
            item(ui, ToggleDocuments, s, out);
            item(ui, ToggleAnnotations, s, out);
            ui.separator();
            item(ui, ZoomIn, s, out);
            item(ui, ZoomOut, s, out);
            item(ui, ZoomReset, s, out);
            ui.separator();
            for (t, cmd) in [
                (ThemeChoice::System, ThemeSystem),
                (ThemeChoice::Light, ThemeLight),
                (ThemeChoice::Dark, ThemeDark),
            ] {
                if ui.radio(config.theme == t, cmd.text()).clicked() {
                    out.push(Command::Ui(cmd));
                    ui.close();
                }
            }
        });
        ui.menu_button("Compare", |ui| {
            item(ui, ToggleCompare, s, out);
            ui.separator();
            item(ui, NewClusterFromSelection, s, out);
            item(ui, AddToCluster, s, out);
            item(ui, RemoveFromCluster, s, out);
            ui.separator();
            item(ui, CarryAnnotations, s, out);
        });
        ui.menu_button("Curate", |ui| {
            item(ui, CurateAgainstProject, s, out);
            item(ui, CurateAnnotators, s, out);
            ui.separator();
            item(ui, NextDisagreement, s, out);
            item(ui, PreviousDisagreement, s, out);
            item(ui, TakeA, s, out);
            item(ui, TakeB, s, out);
            ui.separator();
            item(ui, EndCuration, s, out);
        });
        ui.menu_button("Suggest", |ui| {
            item(ui, ReviewSuggestions, s, out);
            ui.separator();
            item(ui, NextSuggestion, s, out);
            item(ui, PreviousSuggestion, s, out);
            item(ui, AcceptSuggestion, s, out);
            item(ui, RejectSuggestion, s, out);
            item(ui, AcceptAllSuggested, s, out);
            ui.separator();
            item(ui, AddPatternFile, s, out);
        });
        ui.menu_button("Help", |ui| {
            item(ui, CommandPalette, s, out);
            item(ui, ShowKeys, s, out);
        });
    });
}
