//! Carrying out one [`Command`], after the frame that produced it.

use eframe::egui;

use super::{SourcemarkApp, add_paths};
use crate::ui::command::Command;
use crate::ui::config::DEFAULT_FONT_SIZE;
use crate::ui::dialogs::Then;
use crate::ui::session::Session;

/// Article font sizes allowed, in points.
const FONT_RANGE: std::ops::RangeInclusive<f32> = 9.0..=40.0;

fn ron_filter(d: rfd::FileDialog) -> rfd::FileDialog {
    d.add_filter("sourcemark project", &["ron"])
}

impl SourcemarkApp {
    /// Asks where an export goes (a folder for folder formats) and tells the dialog.
    pub(super) fn browse_export(&mut self, folder: bool, current: &std::path::Path) {
        let mut d = rfd::FileDialog::new().set_title("Export to");
        if let Some(dir) = current.parent().filter(|p| p.is_dir()) {
            d = d.set_directory(dir);
        }
        let picked = if folder {
            d.pick_folder()
        } else {
            if let Some(name) = current.file_name() {
                d = d.set_file_name(name.to_string_lossy());
            }
            d.save_file()
        };
        if let Some(p) = picked {
            self.export.set_target(&p);
        }
    }

    pub(super) fn run_command(&mut self, ctx: &egui::Context, cmd: Command) {
        match cmd {
            Command::NewProject => {
                if !self.guard(Then::Run(Command::NewProject)) {
                    return;
                }
                let Some(path) = ron_filter(rfd::FileDialog::new())
                    .set_title("New project")
                    .set_file_name("project.ron")
                    .save_file()
                else {
                    return;
                };
                self.close_session();
                match Session::create(&path) {
                    Ok(s) => {
                        self.set_session(s, &[]);
                        self.config.touch_recent(&path);
                        self.save_config();
                    }
                    Err(e) => self
                        .notes
                        .error(format!("Could not create the project: {e}")),
                }
            }
            Command::OpenProject => {
                if !self.guard(Then::Run(Command::OpenProject)) {
                    return;
                }
                if let Some(path) = ron_filter(rfd::FileDialog::new())
                    .set_title("Open project")
                    .pick_file()
                {
                    self.open_path(&path);
                }
            }
            Command::OpenPath(path) => {
                if !self.guard(Then::Run(Command::OpenPath(path.clone()))) {
                    return;
                }
                // The open project stays if the other one cannot be read.
                self.open_path(&path);
            }
            Command::AddArticles => {
                if self.session.is_none() {
                    self.notes
                        .warn("Open or create a project before adding articles.");
                    return;
                }
                if let Some(files) = rfd::FileDialog::new()
                    .set_title("Add articles")
                    .add_filter("articles", &["txt", "md", "markdown", "text"])
                    .add_filter("all files", &["*"])
                    .pick_files()
                {
                    self.commands.push(Command::AddPaths(files));
                }
            }
            Command::Import => self.open_import(),
            Command::Export => {
                if let Some(s) = &self.session {
                    self.export.open(&s.ws);
                }
            }
            Command::AddPaths(paths) => match &mut self.session {
                Some(s) => add_paths(s, &mut self.notes, &paths),
                None => self.notes.warn(format!(
                    "Open or create a project before adding articles ({} file(s) not added).",
                    paths.len()
                )),
            },
            Command::Save => {
                self.save();
            }
            Command::SaveAs => {
                let Some(s) = &self.session else { return };
                let Some(path) = ron_filter(rfd::FileDialog::new())
                    .set_title("Save project as")
                    .set_file_name(s.display_name())
                    .save_file()
                else {
                    return;
                };
                let Some(s) = &mut self.session else { return };
                match s.save_as(&path) {
                    Ok(()) => {
                        self.autosave.reset();
                        self.config.touch_recent(&path);
                        self.save_config();
                    }
                    Err(e) => self
                        .notes
                        .error(format!("Could not save: {e}. Your changes are still here.")),
                }
            }
            Command::CloseProject => {
                if self.session.is_some() && self.guard(Then::Run(Command::CloseProject)) {
                    self.close_session();
                }
            }
            Command::Quit => {
                if self.guard(Then::Quit) {
                    self.autosave.wait();
                    self.allow_close = true;
                    self.quitting = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Command::Undo => {
                if let Some(s) = &mut self.session {
                    match s.undo() {
                        Some(n) => self.hint = format!("Undid {n}"),
                        None => self.hint = "Nothing to undo".into(),
                    }
                }
            }
            Command::Redo => {
                if let Some(s) = &mut self.session {
                    match s.redo() {
                        Some(n) => self.hint = format!("Redid {n}"),
                        None => self.hint = "Nothing to redo".into(),
                    }
                }
            }
            Command::Find => {
                if self.session.is_some() {
                    self.find.open = true;
                    self.find.focus_requested = true;
                }
            }
            Command::FindNext | Command::FindPrevious => {
                if !self.find.open {
                    self.find.open = true;
                    self.find.focus_requested = true;
                    return;
                }
                let d = if cmd == Command::FindNext { 1 } else { -1 };
                if let Some(r) = self.find.step(d) {
                    self.view.scroll_to(r);
                }
            }
            Command::NextDocument | Command::PreviousDocument => {
                if let Some(s) = &mut self.session {
                    s.step_doc(if cmd == Command::NextDocument { 1 } else { -1 });
                    self.view.set_selection(None);
                }
            }
            Command::ZoomIn | Command::ZoomOut | Command::ZoomReset => {
                let f = &mut self.config.font_size;
                *f = match cmd {
                    Command::ZoomIn => *f + 1.0,
                    Command::ZoomOut => *f - 1.0,
                    _ => DEFAULT_FONT_SIZE,
                }
                .clamp(*FONT_RANGE.start(), *FONT_RANGE.end());
                self.hint = format!("Text size {}", self.config.font_size);
                self.save_config();
            }
            Command::LabelKey(k) => self.label_key(k),
            Command::DeleteAnnotation => {
                let Some(s) = &mut self.session else { return };
                let Some(id) = s.selected.clone() else { return };
                if let Err(e) = s.delete(&id) {
                    self.notes.error(format!("Could not delete: {e}"));
                }
            }
            Command::Nudge(how) => {
                let Some(s) = &mut self.session else { return };
                let Some(id) = s.selected.clone() else { return };
                match s.nudge(&id, how) {
                    Ok(true) => {}
                    Ok(false) => self.hint = "The span cannot move further that way".into(),
                    Err(e) => self.notes.error(format!("Could not move the span: {e}")),
                }
            }
            Command::Escape => {
                self.view.set_selection(None);
                if let Some(s) = &mut self.session {
                    s.selected = None;
                }
                self.find.close();
            }
            Command::SelectDocument(id) => {
                if let Some(s) = &mut self.session {
                    s.select_doc(id);
                    self.view.set_selection(None);
                }
            }
            Command::SetStatus(doc, status) => {
                if let Some(s) = &mut self.session
                    && let Err(e) = s.set_status(&doc, status)
                {
                    self.notes.error(format!("Could not set the status: {e}"));
                }
            }
            Command::EditDocumentDetails => {
                if let Some(doc) = self.session.as_ref().and_then(Session::current_doc) {
                    self.details.open(doc);
                }
            }
            Command::UpdateDocument(after) => {
                if let Some(s) = &mut self.session
                    && let Err(e) = s.update_document(*after)
                {
                    self.notes
                        .error(format!("Could not change the document details: {e}"));
                }
            }
            Command::SelectAnnotation(ref id) | Command::ClickAnnotation(ref id) => {
                let scroll = matches!(cmd, Command::SelectAnnotation(_));
                let id = id.clone();
                let Some(s) = &mut self.session else { return };
                let Some(a) = s.project().annotation(&id) else {
                    return;
                };
                let (doc, range) = (a.doc.clone(), a.range());
                s.select_doc(doc);
                s.selected = Some(id);
                self.view.set_selection(None);
                if scroll {
                    self.view.scroll_to(range);
                }
            }
            Command::ClickEmpty => {
                if let Some(s) = &mut self.session {
                    s.selected = None;
                }
            }
            Command::UpdateAnnotation(after, name) => {
                if let Some(s) = &mut self.session
                    && let Err(e) = s.update(*after, &name)
                {
                    self.notes
                        .error(format!("Could not change the annotation: {e}"));
                }
            }
            Command::SetTheme(t) => {
                self.config.theme = t;
                self.apply_theme(ctx);
                self.save_config();
            }
            Command::ShowKeys => self.show_keys = true,
            Command::ReloadFromDisk => {
                if self.session.as_ref().is_some_and(Session::is_dirty) {
                    self.dialog =
                        Some(crate::ui::dialogs::Dialog::DiskChanged { then_save: false });
                } else {
                    self.reload();
                }
            }
            Command::ReadOutsideArticles => self.read_outside(),
        }
    }

    /// A label key: tags the text selection, or relabels the selected annotation.
    fn label_key(&mut self, k: char) {
        let Some(s) = &mut self.session else { return };
        let Some(label) = s.project().labels.by_key(k).map(|l| l.id.clone()) else {
            return;
        };
        if let Some(r) = self.view.selection().filter(|r| !r.is_empty()) {
            match s.tag(r, &label, &self.annotator) {
                Ok(_) => self.view.set_selection(None),
                Err(e) => self
                    .notes
                    .error(format!("Could not add the annotation: {e}")),
            }
        } else if let Some(id) = s.selected.clone() {
            if let Err(e) = s.relabel(&id, &label) {
                self.notes.error(format!("Could not relabel: {e}"));
            }
        } else {
            self.hint = "Select some text first, then press a label key".into();
        }
    }
}
