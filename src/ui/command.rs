//! Everything a person can ask of the window, as one enum with labels and shortcuts
//! (after rerun's `UICommand`). Menus, buttons and keys only push commands; the app
//! drains them after the frame, so one code path runs whichever way a command came.

use eframe::egui;

use crate::model::{Annotation, AnnotationId, DocId, DocStatus, Document};
use crate::ui::config::ThemeChoice;
use crate::ui::session::Nudge;
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

/// A request from the person at the window.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Create a project file (asks where).
    NewProject,
    /// Open a project file (asks which).
    OpenProject,
    /// Open this project file.
    OpenPath(PathBuf),
    /// Add article files (asks which).
    AddArticles,
    /// Add these article files.
    AddPaths(Vec<PathBuf>),
    /// Save the project.
    Save,
    /// Save the project under another name (asks where).
    SaveAs,
    /// Show the export dialog.
    Export,
    /// Show the import dialog.
    Import,
    /// Close the project.
    CloseProject,
    /// Quit the application.
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Show the find bar.
    Find,
    /// Next find match.
    FindNext,
    /// Previous find match.
    FindPrevious,
    /// Next document.
    NextDocument,
    /// Previous document.
    PreviousDocument,
    /// Larger article text.
    ZoomIn,
    /// Smaller article text.
    ZoomOut,
    /// Default article text size.
    ZoomReset,
    /// Tag the text selection, or relabel the selected annotation, with the label
    /// bound to this key.
    LabelKey(char),
    /// Delete the selected annotation.
    DeleteAnnotation,
    /// Move an end of the selected annotation by a word.
    Nudge(Nudge),
    /// Clear the text selection, the selected annotation and the find bar.
    Escape,
    /// Show a document.
    SelectDocument(DocId),
    /// Set a document's status.
    SetStatus(DocId, DocStatus),
    /// Show the details form of the current document.
    EditDocumentDetails,
    /// Replace a document's metadata by an edited copy, as one undoable change.
    UpdateDocument(Box<Document>),
    /// Select an annotation and scroll the article to it.
    SelectAnnotation(AnnotationId),
    /// An annotation was clicked in the article (select it, no scrolling).
    ClickAnnotation(AnnotationId),
    /// Empty text was clicked in the article: drop the annotation selection.
    ClickEmpty,
    /// Replace an annotation by an edited copy, as an undoable change with this name.
    UpdateAnnotation(Box<Annotation>, String),
    /// Choose the theme.
    SetTheme(ThemeChoice),
    /// Show the keyboard map.
    ShowKeys,
    /// Read the project file again from disk (asks first when there are unsaved
    /// changes, offering a merge).
    ReloadFromDisk,
    /// Read the article files outside the project's folder, which the project names.
    ReadOutsideArticles,
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};
const ALT_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::ALT
};

impl Command {
    /// The commands that have a fixed shortcut, most specific first (so that
    /// Ctrl+Shift+Z is tried before Ctrl+Z, as egui's logical matching requires).
    pub const WITH_SHORTCUTS: [Command; 23] = [
        Command::SaveAs,
        Command::Save,
        Command::Export,
        Command::Import,
        Command::NewProject,
        Command::OpenProject,
        Command::CloseProject,
        Command::Quit,
        Command::Redo,
        Command::Undo,
        Command::Find,
        Command::FindPrevious,
        Command::FindNext,
        Command::NextDocument,
        Command::PreviousDocument,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ZoomReset,
        Command::DeleteAnnotation,
        Command::Nudge(Nudge::EndLeft),
        Command::Nudge(Nudge::EndRight),
        Command::Nudge(Nudge::StartLeft),
        Command::Nudge(Nudge::StartRight),
    ];

    /// Menu text.
    pub fn label(&self) -> String {
        match self {
            Command::NewProject => "New project…".into(),
            Command::OpenProject => "Open project…".into(),
            Command::OpenPath(p) => p.display().to_string(),
            Command::AddArticles => "Add articles…".into(),
            Command::AddPaths(_) => "Add articles".into(),
            Command::Save => "Save".into(),
            Command::SaveAs => "Save as…".into(),
            Command::Export => "Export…".into(),
            Command::Import => "Import…".into(),
            Command::CloseProject => "Close project".into(),
            Command::Quit => "Quit".into(),
            Command::Undo => "Undo".into(),
            Command::Redo => "Redo".into(),
            Command::Find => "Find…".into(),
            Command::FindNext => "Find next".into(),
            Command::FindPrevious => "Find previous".into(),
            Command::NextDocument => "Next document".into(),
            Command::PreviousDocument => "Previous document".into(),
            Command::ZoomIn => "Larger text".into(),
            Command::ZoomOut => "Smaller text".into(),
            Command::ZoomReset => "Default text size".into(),
            Command::LabelKey(k) => format!("Label key {k}"),
            Command::DeleteAnnotation => "Delete annotation".into(),
            Command::Nudge(Nudge::StartLeft) => "Start one word left".into(),
            Command::Nudge(Nudge::StartRight) => "Start one word right".into(),
            Command::Nudge(Nudge::EndLeft) => "End one word left".into(),
            Command::Nudge(Nudge::EndRight) => "End one word right".into(),
            Command::Escape => "Clear selection".into(),
            Command::SelectDocument(d) => format!("Show {d}"),
            Command::SetStatus(_, st) => format!("Mark {}", st.to_string().to_lowercase()),
            Command::EditDocumentDetails => "Document details…".into(),
            Command::UpdateDocument(_) => "Edit document details".into(),
            Command::SelectAnnotation(_) | Command::ClickAnnotation(_) => {
                "Select annotation".into()
            }
            Command::ClickEmpty => "Clear annotation selection".into(),
            Command::UpdateAnnotation(_, name) => name.clone(),
            Command::SetTheme(t) => format!("Theme {t:?}"),
            Command::ShowKeys => "Keyboard shortcuts".into(),
            Command::ReloadFromDisk => "Reload from disk".into(),
            Command::ReadOutsideArticles => "Read files outside the project folder".into(),
        }
    }

    /// The main keyboard shortcut.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let k = KeyboardShortcut::new;
        Some(match self {
            Command::NewProject => k(CMD, Key::N),
            Command::OpenProject => k(CMD, Key::O),
            Command::Save => k(CMD, Key::S),
            Command::SaveAs => k(CMD_SHIFT, Key::S),
            Command::Export => k(CMD, Key::E),
            Command::Import => k(CMD, Key::I),
            Command::CloseProject => k(CMD, Key::W),
            Command::Quit => k(CMD, Key::Q),
            Command::Undo => k(CMD, Key::Z),
            Command::Redo => k(CMD_SHIFT, Key::Z),
            Command::Find => k(CMD, Key::F),
            Command::FindNext => k(Modifiers::NONE, Key::F3),
            Command::FindPrevious => k(Modifiers::SHIFT, Key::F3),
            Command::NextDocument => k(CMD, Key::PageDown),
            Command::PreviousDocument => k(CMD, Key::PageUp),
            Command::ZoomIn => k(CMD, Key::Plus),
            Command::ZoomOut => k(CMD, Key::Minus),
            Command::ZoomReset => k(CMD, Key::Num0),
            Command::DeleteAnnotation => k(Modifiers::NONE, Key::Delete),
            Command::Nudge(Nudge::StartLeft) => k(Modifiers::ALT, Key::ArrowLeft),
            Command::Nudge(Nudge::StartRight) => k(Modifiers::ALT, Key::ArrowRight),
            Command::Nudge(Nudge::EndLeft) => k(ALT_SHIFT, Key::ArrowLeft),
            Command::Nudge(Nudge::EndRight) => k(ALT_SHIFT, Key::ArrowRight),
            Command::Escape => k(Modifiers::NONE, Key::Escape),
            _ => return None,
        })
    }

    /// Further shortcuts that do the same (Ctrl+Y for redo, Ctrl+= for zoom in,
    /// Backspace for delete).
    pub fn alternative_shortcuts(&self) -> &'static [KeyboardShortcut] {
        const REDO: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::Y)];
        const ZOOM_IN: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::Equals)];
        const DELETE: [KeyboardShortcut; 1] =
            [KeyboardShortcut::new(Modifiers::NONE, Key::Backspace)];
        match self {
            Command::Redo => &REDO,
            Command::ZoomIn => &ZOOM_IN,
            Command::DeleteAnnotation => &DELETE,
            _ => &[],
        }
    }

    /// Whether the shortcut works while a text field has the keyboard. Plain keys and
    /// undo belong to the field then; saving, finding and zoom work everywhere.
    pub fn works_in_text_field(&self) -> bool {
        matches!(
            self,
            Command::NewProject
                | Command::OpenProject
                | Command::Save
                | Command::SaveAs
                | Command::Export
                | Command::Import
                | Command::CloseProject
                | Command::Quit
                | Command::Find
                | Command::FindNext
                | Command::FindPrevious
                | Command::NextDocument
                | Command::PreviousDocument
                | Command::ZoomIn
                | Command::ZoomOut
                | Command::ZoomReset
        )
    }

    /// Whether the command acts on the selected annotation (and so only fires when one
    /// is selected and no text is selected: otherwise the keys belong to the view).
    pub fn needs_selected_annotation(&self) -> bool {
        matches!(self, Command::DeleteAnnotation | Command::Nudge(_))
    }
}

/// Where keyboard shortcuts may fire this frame.
#[derive(Clone, Copy, Debug)]
pub struct KeyContext {
    /// A text field has the keyboard.
    pub text_field_focused: bool,
    /// An annotation is selected and no text is.
    pub annotation_selected: bool,
    /// A project is open.
    pub project_open: bool,
    /// A menu or popup is open (Escape belongs to it).
    pub popup_open: bool,
}

/// Takes this frame's shortcut presses out of the input (so no widget sees them too)
/// and turns them into commands. `label_keys` are the keys of the label scheme.
pub fn collect_shortcuts(
    ctx: &egui::Context,
    keys: KeyContext,
    label_keys: &[char],
) -> Vec<Command> {
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        for cmd in Command::WITH_SHORTCUTS {
            if keys.text_field_focused && !cmd.works_in_text_field() {
                continue;
            }
            if cmd.needs_selected_annotation() && !keys.annotation_selected {
                continue;
            }
            let Some(sc) = cmd.shortcut() else { continue };
            let mut hit = i.consume_shortcut(&sc);
            for alt in cmd.alternative_shortcuts() {
                hit |= i.consume_shortcut(alt);
            }
            if hit {
                out.push(cmd);
            }
        }
        if keys.text_field_focused || !keys.project_open {
            return;
        }
        for &k in label_keys {
            if let Some(key) = digit_key(k)
                && i.consume_key(Modifiers::NONE, key)
            {
                out.push(Command::LabelKey(k));
            }
        }
        if !keys.popup_open && i.consume_key(Modifiers::NONE, Key::Escape) {
            out.push(Command::Escape);
        }
    });
    out
}

/// The egui key for a label's key char (digits and letters).
pub fn digit_key(c: char) -> Option<Key> {
    Key::from_name(&c.to_ascii_uppercase().to_string())
}

/// A shortcut as text for menus and the key map ("Ctrl+Shift+Z").
pub fn shortcut_text(ctx: &egui::Context, sc: &KeyboardShortcut) -> String {
    ctx.format_shortcut(sc)
}
