//! Carrying out one [`Command`], after the frame that produced it.

use eframe::egui;

use super::{SourcemarkApp, add_paths};
use crate::selection::Selection;
use crate::ui::article::ArticleView;
use crate::ui::command::{Command, UiCommand};
use crate::ui::config::DEFAULT_FONT_SIZE;
use crate::ui::config::ThemeChoice;
use crate::ui::dialogs::Then;
use crate::ui::pick::Purpose;
use crate::ui::session::Session;

/// Article font sizes allowed, in points.
const FONT_RANGE: std::ops::RangeInclusive<f32> = 9.0..=40.0;

impl SourcemarkApp {
    pub(super) fn run_command(&mut self, ctx: &egui::Context, cmd: Command) {
        match cmd {
            Command::Ui(c) => self.run_ui_command(ctx, c),
            Command::OpenPath(path) => {
                if !self.guard(Then::Run(Command::OpenPath(path.clone()))) {
                    return;
                }
                // The open project stays if the other one cannot be read.
                self.open_path(&path);
            }
            Command::AddPaths(paths) => match &mut self.session {
                Some(s) => add_paths(s, &mut self.notes, &paths),
                None => self.notes.warn(format!(
                    "Open or create a project before adding articles ({} file(s) not added).",
                    paths.len()
                )),
            },
            Command::LabelKey(k) => self.label_key(k),
            Command::SelectDocument(id) => {
                if let Some(s) = &mut self.session {
                    s.select_doc(id);
                }
            }
            Command::SetStatus(doc, status) => {
                if let Some(s) = &mut self.session
                    && let Err(e) = s.set_status(&doc, status)
                {
                    self.notes.error(format!("Could not set the status: {e}"));
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
            Command::SelectAnnotation(id) => {
                let Some(s) = &mut self.session else { return };
                let Some(range) = s.project().annotation(&id).map(|a| a.range()) else {
                    return;
                };
                s.select(Selection::one(id));
                self.view.scroll_to(range);
            }
            Command::ClickAnnotation(id, toggle) => {
                let Some(s) = &mut self.session else { return };
                if s.project().annotation(&id).is_none() {
                    return;
                }
                // While a link is being made, a click chooses its other end.
                if let Some(crate::ui::session_links::Linking::Target { .. }) = &s.linking {
                    self.run_link_command(Command::LinkTarget(id));
                    return;
                }
                let mut sel = if toggle {
                    s.selection.clone()
                } else {
                    Selection::Nothing
                };
                sel.toggle(id);
                s.select(sel);
            }
            Command::SelectRange(ids) => {
                if let Some(s) = &mut self.session {
                    s.select(if ids.is_empty() {
                        Selection::Nothing
                    } else {
                        Selection::Annotations(ids)
                    });
                }
            }
            Command::Select(sel) => {
                if let Some(s) = &mut self.session {
                    s.select(sel);
                }
            }
            Command::LocateArticle(doc) => {
                if self.session.is_some() {
                    self.ask_for(Purpose::Relink(doc));
                }
            }
            Command::AddRange(..)
            | Command::RemoveRange(..)
            | Command::LinkTarget(_)
            | Command::LinkKind(_)
            | Command::DeleteLink(_) => self.run_link_command(cmd),
            Command::NewCluster(..)
            | Command::JoinCluster(..)
            | Command::LeaveCluster(..)
            | Command::RenameCluster(..)
            | Command::DeleteCluster(_)
            | Command::CopyComparison
            | Command::SaveComparison => self.run_compare_command(ctx, cmd),
            Command::ShowPassage(..) | Command::CarryPassages(_) => self.run_passage_command(cmd),
            Command::ShowPlace(_) | Command::TakeVersion(..) | Command::CurateNamed(..) => {
                self.run_curation_command(cmd)
            }
            Command::UpdateAnnotation(after, name) => {
                if let Some(s) = &mut self.session
                    && let Err(e) = s.update(*after, &name)
                {
                    self.notes
                        .error(format!("Could not change the annotation: {e}"));
                }
            }
        }
    }

    fn run_ui_command(&mut self, ctx: &egui::Context, cmd: UiCommand) {
        match cmd {
            UiCommand::NewProject => {
                if !self.guard(Then::Run(cmd.into())) {
                    return;
                }
                self.ask_for(Purpose::NewProject);
            }
            UiCommand::OpenProject => {
                if !self.guard(Then::Run(cmd.into())) {
                    return;
                }
                self.ask_for(Purpose::OpenProject);
            }
            UiCommand::AddArticles => {
                if self.session.is_none() {
                    self.notes
                        .warn("Open or create a project before adding articles.");
                    return;
                }
                self.ask_for(Purpose::AddArticles);
            }
            UiCommand::Import => self.open_import(),
            UiCommand::Export => {
                if let Some(s) = &self.session {
                    self.export.open(&s.ws);
                }
            }
            UiCommand::Save => {
                self.save();
            }
            UiCommand::SaveAs => {
                if self.session.is_some() {
                    self.ask_for(Purpose::SaveAs);
                }
            }
            UiCommand::CloseProject => {
                if self.session.is_some() && self.guard(Then::Run(cmd.into())) {
                    self.close_session();
                }
            }
            UiCommand::Quit => {
                if self.guard(Then::Quit) {
                    self.autosave.wait();
                    self.allow_close = true;
                    self.quitting = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            UiCommand::Undo => {
                if self.undo_keep() {
                    return;
                }
                if let Some(s) = &mut self.session {
                    match s.undo() {
                        Some(n) => self.hint = format!("Undid {n}"),
                        None => self.hint = "Nothing to undo".into(),
                    }
                    self.scroll_to_selection();
                }
            }
            UiCommand::Redo => {
                if let Some(s) = &mut self.session {
                    match s.redo() {
                        Some(n) => self.hint = format!("Redid {n}"),
                        None => self.hint = "Nothing to redo".into(),
                    }
                    self.scroll_to_selection();
                }
            }
            UiCommand::Find => {
                if self.session.is_some() {
                    self.find.open = true;
                    self.find.focus_requested = true;
                }
            }
            UiCommand::FindNext | UiCommand::FindPrevious => {
                if !self.find.open {
                    self.find.open = true;
                    self.find.focus_requested = true;
                    return;
                }
                let d = if cmd == UiCommand::FindNext { 1 } else { -1 };
                if let Some(r) = self.find.step(d)
                    && let Some(s) = &mut self.session
                    && let Some(doc) = s.current.clone()
                {
                    // The match is selected, so a label key tags it.
                    s.select(Selection::range(doc, r.clone()));
                    self.view.scroll_to(r);
                    ctx.memory_mut(|m| m.request_focus(ArticleView::focus_id()));
                }
            }
            UiCommand::SearchProject => {
                if self.session.is_some() {
                    self.search.open();
                }
            }
            UiCommand::NextDocument | UiCommand::PreviousDocument => {
                if let Some(s) = &mut self.session {
                    s.step_doc(if cmd == UiCommand::NextDocument {
                        1
                    } else {
                        -1
                    });
                }
            }
            UiCommand::ZoomIn | UiCommand::ZoomOut | UiCommand::ZoomReset => {
                let f = &mut self.config.font_size;
                *f = match cmd {
                    UiCommand::ZoomIn => *f + 1.0,
                    UiCommand::ZoomOut => *f - 1.0,
                    _ => DEFAULT_FONT_SIZE,
                }
                .clamp(*FONT_RANGE.start(), *FONT_RANGE.end());
                self.hint = format!("Text size {}", self.config.font_size);
                self.save_config();
            }
            UiCommand::DeleteAnnotation => {
                let Some(s) = &mut self.session else { return };
                let ids = s.selection.annotations().to_vec();
                if ids.is_empty() {
                    return;
                }
                // Links go with their annotations: ask first.
                let links = s.links_of_many(&ids).len();
                if links > 0 {
                    self.dialog = Some(crate::ui::dialogs::Dialog::DeleteWithLinks { ids, links });
                    return;
                }
                self.delete_annotations(&ids);
            }
            UiCommand::StartLink
            | UiCommand::LinkToSelected
            | UiCommand::LinkSaidBy
            | UiCommand::LinkSupports
            | UiCommand::LinkSameAs
            | UiCommand::AddSourceLabel => self.run_link_ui_command(cmd),
            UiCommand::ToggleCompare
            | UiCommand::NewClusterFromSelection
            | UiCommand::AddToCluster
            | UiCommand::RemoveFromCluster => self.run_compare_ui_command(cmd),
            UiCommand::CarryAnnotations => self.carry_at_selection(),
            UiCommand::CurateAgainstProject
            | UiCommand::CurateAnnotators
            | UiCommand::NextDisagreement
            | UiCommand::PreviousDisagreement
            | UiCommand::TakeA
            | UiCommand::TakeB
            | UiCommand::EndCuration => self.run_curation_ui_command(cmd),
            UiCommand::ReviewSuggestions
            | UiCommand::NextSuggestion
            | UiCommand::PreviousSuggestion
            | UiCommand::AcceptSuggestion
            | UiCommand::RejectSuggestion
            | UiCommand::AcceptAllSuggested
            | UiCommand::AddPatternFile => self.run_review_command(cmd),
            UiCommand::MergeConflicts => self.recorded.show(),
            UiCommand::StartLeft
            | UiCommand::StartRight
            | UiCommand::EndLeft
            | UiCommand::EndRight => {
                let Some(how) = cmd.nudge() else { return };
                let Some(s) = &mut self.session else { return };
                let Some(id) = s.selected().cloned() else {
                    return;
                };
                match s.nudge(&id, how) {
                    Ok(true) => {}
                    Ok(false) => self.hint = "The span cannot move further that way".into(),
                    Err(e) => self.notes.error(format!("Could not move the span: {e}")),
                }
            }
            UiCommand::Escape => {
                if self.cancel_link() {
                    return;
                }
                if self.review.on {
                    self.end_review();
                    return;
                }
                if let Some(s) = &mut self.session {
                    s.selection = Selection::Nothing;
                }
                self.find.close();
                self.search.close();
            }
            UiCommand::EditDocumentDetails => {
                if let Some(doc) = self.session.as_ref().and_then(Session::current_doc) {
                    self.details.open(doc);
                }
            }
            UiCommand::ThemeSystem | UiCommand::ThemeLight | UiCommand::ThemeDark => {
                self.config.theme = match cmd {
                    UiCommand::ThemeLight => ThemeChoice::Light,
                    UiCommand::ThemeDark => ThemeChoice::Dark,
                    _ => ThemeChoice::System,
                };
                self.apply_theme(ctx);
                self.save_config();
            }
            UiCommand::ToggleDocuments => {
                self.config.hide_documents = !self.config.hide_documents;
                self.save_config();
            }
            UiCommand::ToggleAnnotations => {
                self.config.hide_annotations = !self.config.hide_annotations;
                self.save_config();
            }
            UiCommand::Preferences => self.preferences.open(&self.annotator),
            UiCommand::CommandPalette => self.palette.open(),
            UiCommand::ShowKeys => self.show_keys = true,
            UiCommand::ReloadFromDisk => {
                if self.session.as_ref().is_some_and(Session::is_dirty) {
                    self.dialog =
                        Some(crate::ui::dialogs::Dialog::DiskChanged { then_save: false });
                } else {
                    self.reload();
                }
            }
            UiCommand::ReadOutsideArticles => self.read_outside(),
        }
    }

    /// Saves under a new name, reporting the outcome.
    pub(super) fn save_as(&mut self, path: &std::path::Path) {
        let Some(s) = &mut self.session else { return };
        self.autosave.wait();
        match s.save_as(path) {
            Ok(()) => {
                self.autosave.reset();
                self.hint = format!("Saved as {}", path.display());
                self.config.touch_recent(path);
                self.save_config();
            }
            Err(e) => self
                .notes
                .error(format!("Could not save: {e}. Your changes are still here.")),
        }
    }

    /// Brings what undo or redo selected into view.
    fn scroll_to_selection(&mut self) {
        let Some(s) = &self.session else { return };
        let range = match &s.selection {
            Selection::Text { anchor, head, .. } => Some(*anchor.min(head)..*anchor.max(head)),
            Selection::Annotations(_) => s
                .selected()
                .and_then(|id| s.project().annotation(id))
                .map(|a| a.range()),
            Selection::Nothing => None,
        };
        if let Some(r) = range {
            self.view.scroll_to(r);
        }
    }

    /// A label key: tags the text selection, or relabels the selected annotations.
    fn label_key(&mut self, k: char) {
        let Some(s) = &mut self.session else { return };
        let Some(label) = s.project().labels.by_key(k).map(|l| l.id.clone()) else {
            return;
        };
        if self.review.on && self.review.at_cursor(s).is_some() {
            self.accept_at_cursor(Some(&label), false);
            return;
        }
        let Some(s) = &mut self.session else { return };
        let range = s.current.as_ref().and_then(|d| s.selection.text_range(d));
        let ids = s.selection.annotations().to_vec();
        if let Some(r) = range {
            if let Err(e) = s.tag(r, &label, &self.annotator) {
                self.notes
                    .error(format!("Could not add the annotation: {e}"));
            }
        } else if !ids.is_empty() {
            if let Err(e) = s.relabel_many(&ids, &label) {
                self.notes.error(format!("Could not relabel: {e}"));
            }
        } else {
            self.hint = "Select some text first, then press a label key".into();
        }
    }
}
