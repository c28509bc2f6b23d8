//! The application: UI state apart from the project data, a frame that draws the panels
//! and collects [`Command`]s, and the code that carries the commands out after it.

use eframe::egui;

use crate::store;
use crate::ui::annotation_list::AnnotationListState;
use crate::ui::article::ArticleView;
use crate::ui::autosave::Autosave;
use crate::ui::command::{Command, KeyContext, UiCommand, collect_shortcuts};
use crate::ui::config::{self, Config, ThemeChoice};
use crate::ui::dialogs::{Answer, Dialog, Then, dialog_ui};
use crate::ui::doc_details::{DetailsAction, DocDetails};
use crate::ui::export_dialog::{ExportAction, ExportDialog};
use crate::ui::find::FindState;
use crate::ui::import_dialog::ImportDialog;
use crate::ui::inspector::InspectorState;
use crate::ui::notify::Notifications;
use crate::ui::palette::Palette;
use crate::ui::preferences::Preferences;
use crate::ui::project_search::{ProjectSearch, SearchAction};
use crate::ui::session::Session;
use crate::workspace::AddOutcome;
use std::path::{Path, PathBuf};
use std::time::Duration;

mod chosen;
mod compare;
mod curation;
mod disk;
mod import;
mod links;
mod passages;
mod recorded;
mod review;
mod run;

/// How the window starts.
#[derive(Clone, Debug)]
pub struct AppOptions {
    /// Project to open; `None` reopens the last one when `reopen_last` is set.
    pub project: Option<PathBuf>,
    /// Reopen the most recent project when none is given.
    pub reopen_last: bool,
    /// Folder of the settings file; `None` keeps settings in memory only.
    pub config_dir: Option<PathBuf>,
    /// Name written on new annotations (`--annotator` or `$SOURCEMARK_ANNOTATOR`);
    /// `None` takes the one in the settings, asked on first start.
    pub annotator: Option<String>,
    /// Time between autosaves while there are unsaved changes.
    pub autosave_interval: Duration,
}

impl AppOptions {
    /// Options from the environment: `$SOURCEMARK_CONFIG_DIR` or the XDG config folder,
    /// and `$SOURCEMARK_ANNOTATOR` when set.
    pub fn from_env(project: Option<PathBuf>) -> Self {
        Self {
            project,
            reopen_last: true,
            config_dir: config::default_dir(),
            annotator: std::env::var("SOURCEMARK_ANNOTATOR")
                .ok()
                .filter(|v| !v.trim().is_empty()),
            autosave_interval: crate::ui::autosave::INTERVAL,
        }
    }
}

/// Moved to the core, so the command line finds it without the window.
pub use crate::model::default_annotator;

/// The sourcemark window.
pub struct SourcemarkApp {
    /// Settings kept across runs.
    pub config: Config,
    config_dir: Option<PathBuf>,
    annotator: String,
    /// The open project, if any.
    pub session: Option<Session>,
    /// The article view (its own selection and scroll state).
    pub view: ArticleView,
    /// The find bar.
    pub find: FindState,
    /// The annotation list's filter.
    pub list: AnnotationListState,
    /// The inspector's draft.
    pub inspector: InspectorState,
    /// Messages shown under the menu.
    pub notes: Notifications,
    /// The question on screen, if any.
    pub dialog: Option<Dialog>,
    /// The autosave timer.
    pub autosave: Autosave,
    /// File → Export.
    pub export: ExportDialog,
    /// File → Import.
    pub import: ImportDialog,
    /// Edit → Document details.
    pub details: DocDetails,
    /// The command palette.
    pub palette: Palette,
    /// Find → Search project.
    pub search: ProjectSearch,
    /// Edit → Preferences.
    pub preferences: Preferences,
    /// Asks for files: the system's dialog, or the in-window chooser.
    pub picker: crate::ui::pick::Picker,
    /// The chooser of a new link's kind.
    pub link_kinds: crate::ui::link_mode::KindChooser,
    /// The comparison of sources, under the article.
    pub compare: crate::ui::compare_view::CompareView,
    /// The curation of two annotators' work, under the article.
    pub curation: crate::ui::curation_view::CurationView,
    /// The suggestions of the document shown, and their review.
    pub review: crate::ui::suggestions::SuggestionReview,
    /// The suggestions' outlines, for (document, revision, cursor).
    review_marks: Option<ReviewMarks>,
    /// The project's shared passages, found off the UI thread.
    pub passages: crate::ui::passages::SharedPassages,
    /// The merge conflicts the project file records, settled one key at a time.
    pub recorded: crate::ui::recorded_conflicts::RecordedConflictsView,
    counts: crate::ui::status_bar::LabelCounts,
    commands: Vec<Command>,
    /// Closing was confirmed (or nothing was unsaved): the next close request passes.
    allow_close: bool,
    /// Quit was confirmed; the window is closing.
    pub quitting: bool,
    show_keys: bool,
    /// The window below the menu bar, last frame: where floating windows may go.
    work_area: egui::Rect,
    hint: String,
    title: String,
    /// The change on disk already asked about, so returning to the window does not ask
    /// again until the file changes again.
    disk_asked: Option<store::FileIdentity>,
    /// The project file's disappearance was reported.
    disk_missing_told: bool,
}

/// The suggestions' outlines with the (document, revision, cursor) they were made for.
type ReviewMarks = (
    (crate::model::DocId, u64, Option<usize>),
    std::sync::Arc<crate::ui::article::OutlineMarks>,
);

impl SourcemarkApp {
    /// Sets up fonts and style on `ctx` and opens the project the options name.
    pub fn new(ctx: &egui::Context, opts: AppOptions) -> Self {
        crate::ui::fonts::install(ctx);
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let config = Config::load(opts.config_dir.as_deref());
        let mut preferences = Preferences::default();
        let annotator = match (opts.annotator, &config.annotator) {
            (Some(a), _) => a,
            (None, Some(a)) => a.clone(),
            (None, None) => {
                let suggested = default_annotator();
                preferences.ask_first(&suggested);
                suggested
            }
        };
        let mut app = Self {
            config,
            config_dir: opts.config_dir,
            annotator,
            session: None,
            view: ArticleView::new(),
            find: FindState::default(),
            list: AnnotationListState::default(),
            inspector: InspectorState::default(),
            notes: Notifications::default(),
            dialog: None,
            autosave: Autosave::new(opts.autosave_interval),
            export: ExportDialog::default(),
            import: ImportDialog::default(),
            details: DocDetails::default(),
            palette: Palette::default(),
            search: ProjectSearch::default(),
            preferences,
            picker: crate::ui::pick::Picker::new(),
            link_kinds: Default::default(),
            compare: Default::default(),
            curation: Default::default(),
            review: Default::default(),
            review_marks: None,
            passages: Default::default(),
            recorded: Default::default(),
            counts: Default::default(),
            commands: Vec::new(),
            allow_close: false,
            quitting: false,
            show_keys: false,
            work_area: egui::Rect::EVERYTHING,
            hint: String::new(),
            title: String::new(),
            disk_asked: None,
            disk_missing_told: false,
        };
        app.apply_theme(ctx);
        let project = opts.project.or_else(|| {
            opts.reopen_last
                .then(|| app.config.last_project().cloned())
                .flatten()
        });
        if let Some(p) = project {
            app.open_path(&p);
        }
        app
    }

    /// Queues a command as if chosen from a menu (for tests and drag-and-drop).
    pub fn push(&mut self, cmd: Command) {
        self.commands.push(cmd);
    }

    fn save_config(&mut self) {
        if let Err(e) = self.config.save(self.config_dir.as_deref()) {
            self.notes.warn(format!("Could not save settings: {e}"));
        }
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        let pref = match self.config.theme {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        };
        if ctx.options(|o| o.theme_preference) != pref {
            ctx.set_theme(pref);
        }
    }

    /// Draws one frame and then carries out the commands it produced.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        self.apply_theme(&ctx);
        self.handle_close_request(&ctx);
        self.handle_dropped_files(&ctx);
        if ctx.input(|i| i.events.contains(&egui::Event::WindowFocused(true))) {
            // Back from another program, which may have changed the project file.
            self.check_disk();
        }
        if !self.something_in_front() {
            let keys = KeyContext {
                text_field_focused: ctx.text_edit_focused(),
                annotation_selected: self
                    .session
                    .as_ref()
                    .is_some_and(|s| !s.selection.annotations().is_empty()),
                project_open: self.session.is_some(),
                popup_open: egui::Popup::is_any_open(&ctx),
                link_step: self
                    .session
                    .as_ref()
                    .and_then(|s| s.linking.as_ref().map(|l| l.step())),
                curating: self.session.as_ref().is_some_and(|s| s.curation.is_some()),
                reviewing: self.session.is_some() && self.review.on,
            };
            let label_keys: Vec<char> = self
                .session
                .as_ref()
                .map(|s| s.project().labels.iter().filter_map(|l| l.key).collect())
                .unwrap_or_default();
            let cmds = collect_shortcuts(&ctx, keys, &label_keys);
            self.commands.extend(cmds);
        }
        self.picker.take_keys(&ctx);
        self.passages_frame(&ctx);
        self.review_frame(&ctx);
        self.panels_ui(ui);
        let name = self
            .session
            .as_ref()
            .map(Session::display_name)
            .unwrap_or_default();
        let answer = self.dialog.as_mut().and_then(|d| dialog_ui(ui, d, &name));
        if let Some(a) = answer {
            self.answer_dialog(a);
        }
        match self.export.ui(ui) {
            Some(ExportAction::Start) => {
                if let Some(s) = &self.session {
                    self.export.start(&s.ws);
                }
            }
            Some(ExportAction::Browse { folder, current }) => {
                self.ask_for(crate::ui::pick::Purpose::ExportTarget { folder, current })
            }
            None => {}
        }
        self.import_ui(ui);
        let current = self.session.as_ref().and_then(Session::current_doc);
        match self.details.ui(ui, current) {
            Some(DetailsAction::Apply(after)) => self.commands.push(Command::UpdateDocument(after)),
            Some(DetailsAction::Locate(doc)) => self.commands.push(Command::LocateArticle(doc)),
            None => {}
        }
        if self.show_keys {
            // Below the menu bar and within the window, however small.
            let bounds = self.work_area.shrink(8.0);
            egui::Window::new("Keyboard shortcuts")
                .open(&mut self.show_keys)
                .default_size([640.0, 520.0])
                .default_pos(bounds.left_top() + egui::vec2(40.0, 8.0))
                .constrain_to(bounds)
                .max_height(bounds.height() - 40.0)
                .show(&ctx, crate::ui::keys::key_map_ui);
        }
        self.annotator_choice_ui(&ctx);
        self.recorded_conflicts_ui(&ctx);
        if let Some(c) = self.palette.ui(&ctx, self.session.as_ref()) {
            self.commands.push(Command::Ui(c));
        }
        if let Some(s) = &self.session {
            let near = match &s.linking {
                Some(crate::ui::session_links::Linking::Kind { to, .. }) => s
                    .project()
                    .annotation(to)
                    .and_then(|a| self.view.char_rect(a.start)),
                _ => None,
            };
            if let Some(c) = self.link_kinds.ui(&ctx, s, near) {
                self.commands.push(c);
            }
        }
        if let Some(s) = &self.session {
            self.search.refresh(s);
            if let Some(SearchAction::Jump(hit, close)) = self.search.ui(&ctx, s) {
                self.jump_to(&ctx, hit, close);
            }
        }
        if let Some(name) = self.preferences.ui(&ctx) {
            self.hint = format!("New annotations will carry the name {name}");
            self.annotator = name.clone();
            self.config.annotator = Some(name);
            self.save_config();
        }
        self.file_chooser_frame(ui);
        drop_hint_ui(&ctx, self.session.is_some());
        self.drain_commands(&ctx);
        if let Some(s) = &self.session {
            let wait =
                self.autosave
                    .tick(&s.ws.path, s.project(), s.history.revision(), s.is_dirty());
            if let Some(w) = wait {
                ctx.request_repaint_after(w);
            }
        }
        self.update_title(&ctx);
    }

    fn panels_ui(&mut self, ui: &mut egui::Ui) {
        let mut cmds = Vec::new();
        let marks = self.suggestion_marks();
        self.view.set_suggestions(marks);
        egui::Panel::top("menu-bar").show(ui, |ui| {
            crate::ui::menu::menu_bar_ui(ui, self.session.as_ref(), &self.config, &mut cmds);
        });
        self.notes.strip_ui(ui);
        let range = self
            .session
            .as_ref()
            .and_then(|s| s.current.as_ref().and_then(|d| s.selection.text_range(d)));
        let hint = match (&self.session, range) {
            (Some(s), _) if s.linking.is_some() => s
                .linking
                .as_ref()
                .map(|l| crate::ui::link_mode::hint(s, l))
                .unwrap_or_default(),
            (Some(s), Some(r)) if self.hint.is_empty() => {
                let keys: Vec<String> = s
                    .project()
                    .labels
                    .iter()
                    .filter_map(|l| l.key.map(|k| format!("{k} {}", l.name.to_lowercase())))
                    .collect();
                format!("{} chars selected: press {}", r.len(), keys.join(", "))
            }
            _ => self.hint.clone(),
        };
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            crate::ui::status_bar::status_bar_ui(
                ui,
                self.session.as_ref(),
                &mut self.counts,
                &self.autosave,
                &hint,
            );
        });
        self.work_area = ui.available_rect_before_wrap();
        let mut panel_widths = None;
        if let Some(session) = &self.session {
            // The comparison spans the window's width: a table wants it.
            if self.compare.open {
                let max = (ui.available_height() - 160.0).max(120.0);
                egui::Panel::bottom("compare")
                    .resizable(true)
                    .default_size(280.0_f32.min(max))
                    .size_range(120.0..=max)
                    .show(ui, |ui| {
                        fixed_width_ui(ui, |ui| self.compare.compare_ui(ui, session, &mut cmds))
                    });
            }
            if session.curation.is_some() {
                let max = (ui.available_height() - 160.0).max(120.0);
                // A third of a small window, so the article keeps the most of it.
                let default = 240.0_f32.min(ui.available_height() * 0.36).min(max);
                egui::Panel::bottom("curation")
                    .resizable(true)
                    .default_size(default)
                    .size_range(120.0..=max)
                    .show(ui, |ui| {
                        fixed_width_ui(ui, |ui| self.curation.curation_ui(ui, session, &mut cmds))
                    });
            }
            self.view.set_curation(self.curation.marks(session));
            let widths = self.config.panel_widths.unwrap_or(DEFAULT_PANEL_WIDTHS);
            let caps = panel_caps(
                ui.available_width(),
                widths,
                [!self.config.hide_documents, !self.config.hide_annotations],
            );
            let mut shown = widths;
            if !self.config.hide_documents {
                let r = egui::Panel::left("documents")
                    .resizable(true)
                    .default_size(widths[0])
                    .size_range(PANEL_MIN[0].min(caps[0])..=caps[0])
                    .show(ui, |ui| {
                        fixed_width_ui(ui, |ui| {
                            crate::ui::doc_list::doc_list_ui(ui, session, &mut cmds)
                        })
                    });
                shown[0] = r.response.rect.width();
            }
            if !self.config.hide_annotations {
                let r = egui::Panel::right("annotations")
                    .resizable(true)
                    .default_size(widths[1])
                    .size_range(PANEL_MIN[1].min(caps[1])..=caps[1])
                    .show(ui, |ui| {
                        fixed_width_ui(ui, |ui| {
                            self.list.list_ui(ui, session, &mut cmds);
                            ui.add_space(8.0);
                            self.inspector.inspector_ui(ui, session, &mut cmds);
                        })
                    });
                shown[1] = r.response.rect.width();
            }
            panel_widths = Some((widths, shown, caps));
            // Keys go to what is in front: a dialog, a chooser or the palette.
            let keyboard = !self.something_in_front();
            egui::CentralPanel::default().show(ui, |ui| {
                crate::ui::central::article_panel_ui(
                    ui,
                    session,
                    &mut self.view,
                    &mut self.find,
                    self.config.font_size,
                    keyboard,
                    &mut cmds,
                );
            });
        } else {
            egui::CentralPanel::default().show(ui, |ui| {
                crate::ui::central::start_screen_ui(ui, &self.config, &mut cmds);
            });
        }
        if let Some((widths, shown, caps)) = panel_widths {
            self.remember_panel_widths(ui.ctx(), widths, shown, caps);
        }
        self.commands.extend(cmds);
    }

    /// Keeps a panel width the person dragged to (contents never widen a panel, and a
    /// width squeezed by a small window is not one they chose).
    fn remember_panel_widths(
        &mut self,
        ctx: &egui::Context,
        widths: [f32; 2],
        shown: [f32; 2],
        caps: [f32; 2],
    ) {
        if ctx.input(|i| i.pointer.any_down()) {
            return;
        }
        let mut next = widths;
        for i in 0..2 {
            if shown[i] < caps[i] - 0.5 && (shown[i] - widths[i]).abs() > 0.5 {
                next[i] = shown[i].round();
            }
        }
        if next != widths {
            self.config.panel_widths = Some(next);
            self.save_config();
        }
    }

    /// Shows a search result: its document, and the annotation or the text selected.
    fn jump_to(&mut self, ctx: &egui::Context, hit: crate::search::Hit, give_keyboard: bool) {
        let Some(s) = &mut self.session else { return };
        s.select_doc(hit.doc.clone());
        match hit.annotation {
            Some((id, _)) => s.select(crate::selection::Selection::one(id)),
            None => s.select(crate::selection::Selection::range(
                hit.doc,
                hit.range.clone(),
            )),
        }
        self.view.scroll_to(hit.range);
        if give_keyboard {
            ctx.memory_mut(|m| m.request_focus(ArticleView::focus_id()));
        }
    }

    /// True while a dialog, a window of its own (export, import, details,
    /// preferences), the palette or the in-window chooser is open: the keys are
    /// theirs, not the shortcuts' or the article's.
    fn something_in_front(&self) -> bool {
        self.dialog.is_some()
            || self.export.is_open()
            || self.import.is_open()
            || self.details.is_open()
            || self.preferences.is_open()
            || self.palette.is_open()
            || self.picker.is_open()
            || self.curation.choosing.is_some()
            || self.recorded.is_open()
    }

    /// The name new annotations carry.
    pub fn annotator(&self) -> &str {
        &self.annotator
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        let dirty = self.session.as_ref().is_some_and(Session::is_dirty);
        if self.allow_close || !dirty {
            self.quitting = true;
            return;
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        self.dialog = Some(Dialog::Unsaved { then: Then::Quit });
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if dropped.is_empty() {
            return;
        }
        let (projects, articles): (Vec<_>, Vec<_>) = dropped
            .into_iter()
            .partition(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")));
        if !articles.is_empty() {
            self.commands.push(Command::AddPaths(articles));
        }
        if let Some(p) = projects.into_iter().next() {
            self.commands.push(Command::OpenPath(p));
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.session {
            None => "sourcemark".to_owned(),
            Some(s) if s.is_dirty() => format!("● {} — sourcemark", s.display_name()),
            Some(s) => format!("{} — sourcemark", s.display_name()),
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// True while a dialog asks about unsaved changes.
    pub fn unsaved_prompt_open(&self) -> bool {
        matches!(self.dialog, Some(Dialog::Unsaved { .. }))
    }

    /// True while the recovery question is shown.
    pub fn recovery_prompt_open(&self) -> bool {
        matches!(self.dialog, Some(Dialog::Recovery { .. }))
    }

    /// Carries out the commands collected this frame, in order.
    fn drain_commands(&mut self, ctx: &egui::Context) {
        let cmds = std::mem::take(&mut self.commands);
        if !cmds.is_empty() {
            // A hint answers the last command only.
            self.hint.clear();
            // This frame was drawn before the commands ran: show their effect.
            ctx.request_repaint();
        }
        self.commit_draft(ctx, !cmds.is_empty());
        for cmd in cmds {
            self.run_command(ctx, cmd);
        }
    }

    /// Turns the inspector's draft into an undoable change once its field lost the
    /// keyboard, or now when `force` (a command is about to run).
    fn commit_draft(&mut self, ctx: &egui::Context, force: bool) {
        for d in std::mem::take(&mut self.inspector.finished) {
            self.commit_one(&d);
        }
        let Some(d) = self.inspector.draft.clone() else {
            return;
        };
        let focused = ctx.memory(|m| m.has_focus(d.id));
        if focused && !force {
            return;
        }
        if !focused {
            self.inspector.draft = None;
        }
        self.commit_one(&d);
    }

    fn commit_one(&mut self, d: &crate::ui::inspector::Draft) {
        let Some(s) = &mut self.session else { return };
        let Some(mut a) = s.project().annotation(&d.annotation).cloned() else {
            return;
        };
        if d.field.get(&a) == d.text {
            return;
        }
        if let Err(e) = d.field.set(&mut a, &d.text) {
            self.notes.error(e);
            return;
        }
        let name = format!("Edit {}", format!("{:?}", d.field).to_lowercase());
        if let Err(e) = s.update(a, &name) {
            self.notes
                .error(format!("Could not change the annotation: {e}"));
        }
    }

    /// Asks Save / Discard / Cancel when there are unsaved changes; returns true when
    /// it is fine to go on now.
    fn guard(&mut self, then: Then) -> bool {
        if self.session.as_ref().is_some_and(Session::is_dirty) {
            self.dialog = Some(Dialog::Unsaved { then });
            false
        } else {
            true
        }
    }

    fn answer_dialog(&mut self, answer: Answer) {
        let Some(dialog) = self.dialog.take() else {
            return;
        };
        match dialog {
            Dialog::Unsaved { then } => {
                match answer {
                    Answer::Cancel | Answer::Merge | Answer::SaveAs => return,
                    Answer::Accept => {
                        if !self.save() {
                            return;
                        }
                    }
                    Answer::Discard => {
                        if let Some(s) = &self.session {
                            store::remove_recovery(&s.ws.path);
                        }
                    }
                }
                self.close_session();
                match then {
                    Then::Quit => self.commands.push(Command::Ui(UiCommand::Quit)),
                    Then::Run(cmd) => self.commands.push(cmd),
                }
            }
            Dialog::Recovery { path, project, .. } => match answer {
                Answer::Accept => {
                    let allowed = self.config.allows_outside(&path);
                    let (s, notices) = Session::recovered(&path, *project, allowed);
                    self.set_session(s, &notices);
                    self.notes
                        .info(format!("Restored unsaved work on {}", path.display()));
                    self.ask_outside();
                }
                _ => store::remove_recovery(&path),
            },
            Dialog::Outside { .. } => {
                if answer == Answer::Accept {
                    self.read_outside();
                }
            }
            Dialog::DiskChanged { then_save } => match answer {
                Answer::Merge => self.merge_disk(then_save),
                Answer::Discard => self.dialog = Some(Dialog::ConfirmReload),
                Answer::SaveAs => self.commands.push(Command::Ui(UiCommand::SaveAs)),
                _ => {}
            },
            Dialog::ConfirmReload => {
                if answer == Answer::Discard {
                    self.reload();
                }
            }
            Dialog::Conflicts(choice) => self.answer_conflicts(*choice, answer),
            Dialog::DeleteWithLinks { ids, .. } => {
                if answer == Answer::Accept {
                    self.delete_annotations(&ids);
                }
            }
        }
    }

    /// Opens a project file, reporting problems in the window.
    pub fn open_path(&mut self, path: &Path) {
        match Session::open(path, self.config.allows_outside(path)) {
            Ok((s, notices)) => {
                self.set_session(s, &notices);
                self.config.touch_recent(path);
                self.save_config();
                match store::read_recovery(path) {
                    Some(Ok(project)) => {
                        let written = std::fs::metadata(store::recovery_path(path))
                            .and_then(|m| m.modified())
                            .ok()
                            .map(|t| {
                                chrono::DateTime::<chrono::Local>::from(t)
                                    .format("%Y-%m-%d %H:%M")
                                    .to_string()
                            });
                        let differences = self
                            .session
                            .as_ref()
                            .map(|s| crate::stats::Differences::between(s.project(), &project))
                            .unwrap_or_default();
                        self.dialog = Some(Dialog::Recovery {
                            path: path.to_owned(),
                            project: Box::new(project),
                            written,
                            differences,
                        });
                    }
                    Some(Err(e)) => self.notes.warn(format!(
                        "A recovery file was found but cannot be read ({e}); it was left in place."
                    )),
                    None => {}
                }
                if self.dialog.is_none() {
                    self.ask_outside();
                }
            }
            Err(e) => self.notes.error(format!("Could not open the project: {e}")),
        }
    }

    fn set_session(&mut self, s: Session, notices: &[crate::workspace::Notice]) {
        for n in notices {
            // The question that follows says it better, once for all of them.
            if !matches!(n, crate::workspace::Notice::Outside { .. }) {
                self.notes.warn(n.to_string());
            }
        }
        self.autosave.wait();
        self.end_imports();
        self.recorded.opened(&s);
        self.session = Some(s);
        self.passages = Default::default();
        self.curation.reset();
        self.review.reset();
        self.disk_asked = None;
        self.disk_missing_told = false;
        self.view = ArticleView::new();
        self.find.close();
        self.inspector.draft = None;
        self.inspector.finished.clear();
        self.autosave.reset();
    }

    fn close_session(&mut self) {
        self.autosave.wait();
        self.end_imports();
        self.session = None;
        self.passages = Default::default();
        self.curation.reset();
        self.review.reset();
        self.view = ArticleView::new();
        self.find.close();
        self.inspector.draft = None;
        self.inspector.finished.clear();
        self.autosave.reset();
    }

    /// Saves; on failure says why and keeps everything in memory; when someone else
    /// changed the file, asks what to do instead of overwriting it. Returns success.
    fn save(&mut self) -> bool {
        let Some(s) = &mut self.session else {
            return false;
        };
        self.autosave.wait();
        match s.save() {
            Ok(()) => {
                self.autosave.reset();
                self.hint = format!("Saved {}", s.ws.path.display());
                true
            }
            Err(store::StoreError::ChangedOnDisk { .. }) if !s.is_dirty() => {
                // Nothing of this window's would be lost: read the file's new content.
                self.reread_changed("; there was nothing to save");
                false
            }
            Err(store::StoreError::ChangedOnDisk { .. }) => {
                self.dialog = Some(Dialog::DiskChanged { then_save: true });
                false
            }
            Err(e) => {
                self.notes.error(format!(
                    "Could not save: {e}. Your changes are still here; try Save as to write them elsewhere."
                ));
                false
            }
        }
    }
}

impl eframe::App for SourcemarkApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.autosave.wait();
        self.end_imports();
    }
}

/// Widths of the document list and the annotation panel before anyone drags them.
const DEFAULT_PANEL_WIDTHS: [f32; 2] = [250.0, 320.0];

/// The narrowest the panels get while they are shown.
const PANEL_MIN: [f32; 2] = [150.0, 200.0];

/// The article keeps at least this much width; the panels give way below it.
const MIN_ARTICLE: f32 = 440.0;

/// The widest each panel may be in a window `total` wide: their chosen widths, shrunk
/// in proportion when the article would be narrower than [`MIN_ARTICLE`].
fn panel_caps(total: f32, widths: [f32; 2], shown: [bool; 2]) -> [f32; 2] {
    let want: f32 = (0..2).filter(|&i| shown[i]).map(|i| widths[i]).sum();
    let room = (total - MIN_ARTICLE).max(0.0);
    let scale = if want > room && want > 0.0 {
        room / want
    } else {
        1.0
    };
    let max = [480.0, 560.0];
    [0, 1].map(|i| (widths[i] * scale).clamp(80.0, max[i]))
}

/// Lays `add` out in exactly the width it is given, clipping what does not fit, so a
/// panel never widens itself to fit a long line.
fn fixed_width_ui<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let rect = ui.available_rect_before_wrap();
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect)
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    child.shrink_clip_rect(rect);
    let r = add(&mut child);
    ui.allocate_rect(rect, egui::Sense::hover());
    r
}

/// While files are dragged over the window, says what dropping them will do.
fn drop_hint_ui(ctx: &egui::Context, project_open: bool) {
    let n = ctx.input(|i| i.raw.hovered_files.len());
    if n == 0 {
        return;
    }
    let text = if project_open {
        "Drop to add the articles (a .ron file opens that project)"
    } else {
        "Drop a project (.ron) file to open it"
    };
    let rect = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("sourcemark-drop-hint"),
    ));
    painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(170));
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        text,
        egui::FontId::proportional(22.0),
        egui::Color32::WHITE,
    );
}

/// Adds article files to the session, reporting each outcome.
pub(crate) fn add_paths(session: &mut Session, notes: &mut Notifications, paths: &[PathBuf]) {
    let mut added = 0;
    let mut first = None;
    for p in paths {
        match session.add_article(p) {
            Ok(AddOutcome::Added(id)) => {
                added += 1;
                first.get_or_insert(id);
            }
            Ok(AddOutcome::Duplicate(id)) if crate::webpage::is_web_page(p) => notes.info(format!(
                "{} was not added: this page is already in the project as {id}",
                p.display()
            )),
            Ok(AddOutcome::Duplicate(id)) => notes.info(format!(
                "{} was not added: the same text is already in the project as {id}",
                p.display()
            )),
            Err(e) => notes.error(format!("Could not add article: {e}")),
        }
    }
    // The first article added is the one the person wants to see next.
    if let Some(id) = first {
        session.select_doc(id);
    }
    match added {
        0 => {}
        1 => notes.info("Added 1 article"),
        n => notes.info(format!("Added {n} articles")),
    }
}
