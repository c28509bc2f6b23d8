//! sourcemark's own file chooser: a modal window inside the app, for where no system
//! file dialog opens (a bare X server, a remote session) or the person prefers it.
//!
//! Of the egui crates, egui-file-dialog 0.15 targets egui 0.36; egui_file 0.29 targets
//! 0.37 but has no home button, no choice of file type, no confirmation before
//! replacing a file, and is not modal. Hence this small one.
//!
//! Drawing ([`FileChooser::chooser_ui`]) does no IO: it changes the selection and
//! returns a [`ChooserAction`]; [`FileChooser::apply`] reads folders and looks at
//! files, on navigation and on accepting only.

use crate::ui::pick::{PickKind, PickRequest};
use eframe::egui;
use egui::{Key, Modifiers, RichText, Ui};
use std::path::{Path, PathBuf};

/// One entry of the folder shown.
#[derive(Clone, Debug)]
struct Entry {
    /// File name, lossily decoded.
    name: String,
    path: PathBuf,
    /// A folder (or a symlink to one).
    is_dir: bool,
    /// Size in bytes, for files.
    size: Option<u64>,
}

impl Entry {
    fn hidden(&self) -> bool {
        self.name.starts_with('.')
    }
}

/// What the chooser asks for after a frame; [`FileChooser::apply`] carries it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChooserAction {
    /// Show this folder (Up, Home, a folder double-clicked).
    Go(PathBuf),
    /// Enter in the path field: go to the folder typed, or take the file typed.
    Typed,
    /// An entry of the list was double-clicked (its position in the list shown).
    Activate(usize),
    /// The accept button, or Enter.
    Accept,
    /// The person agreed to replace the existing file.
    Replace,
    /// The person does not want the existing file replaced.
    KeepFile,
    /// Cancel, or Escape.
    Cancel,
}

/// The keys the chooser took out of this frame's input (see [`FileChooser::take_keys`]).
#[derive(Clone, Copy, Debug, Default)]
struct Keys {
    escape: bool,
    enter: bool,
    parent: bool,
    /// Up (-1) or Down (+1), and whether Shift was held.
    step: Option<(isize, bool)>,
}

/// How the chooser ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChooserOutcome {
    /// These paths were chosen (one, except for [`PickKind::OpenFiles`]).
    Chosen(Vec<PathBuf>),
    /// Nothing was chosen.
    Cancelled,
}

/// The chooser's state: the request, the folder shown and what is typed and selected.
#[derive(Clone, Debug)]
pub struct FileChooser {
    request: PickRequest,
    dir: PathBuf,
    /// The path field.
    location: String,
    /// The file name field (for a save).
    name: String,
    /// The folder's entries, folders first; or why it cannot be read.
    listing: Result<Vec<Entry>, String>,
    /// Positions in `listing` of the entries shown (filter and hidden files applied).
    visible: Vec<usize>,
    /// Index into the request's filters; one past them is "All files".
    filter: usize,
    show_hidden: bool,
    /// Positions in `visible` of the selected entries, ascending.
    selected: Vec<usize>,
    /// Where a Shift-click range starts.
    anchor: Option<usize>,
    /// The entry last clicked or reached with the arrow keys.
    cursor: Option<usize>,
    /// An entry to bring into view, and whether it was off screen last frame.
    scroll_to: Option<(usize, bool)>,
    /// What went wrong with the last action, for the person.
    problem: Option<String>,
    /// An existing file the person is asked about replacing.
    replace: Option<PathBuf>,
    /// Give the keyboard to the first field on the first frame.
    focus_pending: bool,
    keys: Keys,
}

/// The folder of the home directory, when the environment names one.
pub fn home_dir() -> Option<PathBuf> {
    ["HOME", "USERPROFILE"]
        .iter()
        .filter_map(std::env::var_os)
        .find(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// `dir` if it is a folder, else the nearest folder above it that exists, else the
/// home folder, else the working folder.
pub fn existing_folder(dir: Option<&Path>) -> Option<PathBuf> {
    let mut d = dir.map(crate::workspace::absolute);
    while let Some(p) = d {
        if p.is_dir() {
            return Some(p);
        }
        d = p.parent().map(Path::to_owned);
    }
    home_dir()
        .filter(|h| h.is_dir())
        .or_else(|| std::env::current_dir().ok())
}

/// A size for people: 512 B, 3.4 KB, 12.0 MB.
fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut v = bytes as f64 / 1024.0;
    let mut unit = UNITS[0];
    for u in &UNITS[1..] {
        if v < 1024.0 {
            break;
        }
        v /= 1024.0;
        unit = u;
    }
    format!("{v:.1} {unit}")
}

/// Why a folder cannot be read, in words.
fn read_error(dir: &Path, e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let why = match e.kind() {
        ErrorKind::PermissionDenied => "you do not have permission to read it".to_owned(),
        ErrorKind::NotFound => "it does not exist".to_owned(),
        ErrorKind::NotADirectory => "it is not a folder".to_owned(),
        _ => e.to_string(),
    };
    format!("Cannot open the folder {}: {why}.", dir.display())
}

/// Reads a folder: folders first, then files, each by name ignoring case.
fn read_folder(dir: &Path) -> Result<Vec<Entry>, String> {
    let rd = std::fs::read_dir(dir).map_err(|e| read_error(dir, &e))?;
    let mut out: Vec<Entry> = rd
        .filter_map(Result::ok)
        .map(|e| {
            let path = e.path();
            // Follows symlinks, so a link to a folder opens like one.
            let meta = std::fs::metadata(&path).ok();
            let is_dir = meta.as_ref().is_some_and(|m| m.is_dir());
            Entry {
                name: e.file_name().to_string_lossy().into_owned(),
                size: meta.filter(|m| m.is_file()).map(|m| m.len()),
                path,
                is_dir,
            }
        })
        .collect();
    out.sort_by_cached_key(|e| (!e.is_dir, e.name.to_lowercase(), e.name.clone()));
    Ok(out)
}

/// `text` as a path: `~` is the home folder, a relative path starts at `base`.
fn resolve(base: &Path, text: &str) -> PathBuf {
    let text = text.trim();
    let p = match (text.strip_prefix('~'), home_dir()) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with(['/', '\\']) => {
            home.join(rest.trim_start_matches(['/', '\\']))
        }
        _ => PathBuf::from(text),
    };
    if p.is_absolute() { p } else { base.join(p) }
}

impl FileChooser {
    /// A chooser for `request`, showing its start folder (read now).
    pub fn new(request: PickRequest) -> Self {
        let dir = existing_folder(request.start_dir.as_deref()).unwrap_or_else(|| ".".into());
        let mut c = Self {
            name: request.file_name.clone(),
            request,
            location: String::new(),
            dir: PathBuf::new(),
            listing: Ok(Vec::new()),
            visible: Vec::new(),
            filter: 0,
            show_hidden: false,
            selected: Vec::new(),
            anchor: None,
            cursor: None,
            scroll_to: None,
            problem: None,
            replace: None,
            focus_pending: true,
            keys: Keys::default(),
        };
        c.go(dir);
        c
    }

    /// The folder shown.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The names of the entries shown, in order (folders end in `/`).
    pub fn shown_names(&self) -> Vec<String> {
        self.visible.iter().map(|&i| self.label(i)).collect()
    }

    /// The names of the selected entries, in list order.
    pub fn selected_names(&self) -> Vec<String> {
        self.selected
            .iter()
            .filter_map(|&p| self.visible.get(p))
            .map(|&i| self.label(i))
            .collect()
    }

    /// What went wrong last, as the chooser shows it.
    pub fn problem(&self) -> Option<&str> {
        self.problem
            .as_deref()
            .or(self.listing.as_ref().err().map(String::as_str))
    }

    /// Whether the chooser asks about replacing an existing file.
    pub fn asks_to_replace(&self) -> bool {
        self.replace.is_some()
    }

    fn entries(&self) -> &[Entry] {
        self.listing.as_deref().unwrap_or(&[])
    }

    fn label(&self, i: usize) -> String {
        let e = &self.entries()[i];
        if e.is_dir {
            format!("{}/", e.name)
        } else {
            e.name.clone()
        }
    }

    /// Shows `dir`: reads it, clears the selection.
    fn go(&mut self, dir: PathBuf) {
        let dir = crate::workspace::absolute(&dir);
        self.listing = read_folder(&dir);
        self.location = dir.display().to_string();
        self.dir = dir;
        self.problem = None;
        self.replace = None;
        self.refilter();
    }

    /// Recomputes the entries shown from the listing; no IO.
    fn refilter(&mut self) {
        let filter = self.request.filters.get(self.filter);
        let folders_only = self.request.kind == PickKind::Folder;
        let show_hidden = self.show_hidden;
        self.visible = self
            .entries()
            .iter()
            .enumerate()
            .filter(|(_, e)| show_hidden || !e.hidden())
            .filter(|(_, e)| {
                e.is_dir || (!folders_only && filter.is_none_or(|f| f.matches(&e.name)))
            })
            .map(|(i, _)| i)
            .collect();
        self.selected.clear();
        self.anchor = None;
        self.cursor = None;
        self.scroll_to = None;
    }

    /// A click on the entry at `pos` of the list shown; Ctrl toggles and Shift extends
    /// when several files may be chosen. No IO.
    fn click(&mut self, pos: usize, mods: Modifiers) {
        let multi = self.request.kind == PickKind::OpenFiles;
        match self.anchor {
            Some(a) if multi && mods.shift => {
                self.selected = (a.min(pos)..=a.max(pos)).collect();
            }
            _ if multi && mods.command => {
                match self.selected.binary_search(&pos) {
                    Ok(i) => {
                        self.selected.remove(i);
                    }
                    Err(i) => self.selected.insert(i, pos),
                }
                self.anchor = Some(pos);
            }
            _ => {
                self.selected = vec![pos];
                self.anchor = Some(pos);
            }
        }
        self.cursor = Some(pos);
        if self.request.kind == PickKind::SaveFile
            && let Some(e) = self.visible.get(pos).map(|&i| &self.entries()[i])
            && !e.is_dir
        {
            self.name = e.name.clone();
        }
        self.problem = None;
    }

    /// Up or Down in the list: moves the selection (Shift extends it), into view.
    fn step(&mut self, delta: isize, shift: bool) {
        let n = self.visible.len();
        if n == 0 {
            return;
        }
        let next = match self.cursor {
            None if delta > 0 => 0,
            None => n - 1,
            Some(c) => (c as isize + delta).clamp(0, n as isize - 1) as usize,
        };
        let mods = if shift {
            Modifiers::SHIFT
        } else {
            Modifiers::NONE
        };
        self.click(next, mods);
        self.scroll_to = Some((next, false));
    }

    /// The selected entries.
    fn selection(&self) -> Vec<&Entry> {
        self.selected
            .iter()
            .filter_map(|&p| self.visible.get(p))
            .map(|&i| &self.entries()[i])
            .collect()
    }

    /// Whether the accept button does something now.
    fn can_accept(&self) -> bool {
        match self.request.kind {
            PickKind::OpenFile | PickKind::OpenFiles => !self.selected.is_empty(),
            PickKind::SaveFile => !self.name.trim().is_empty(),
            PickKind::Folder => true,
        }
    }

    /// Takes this frame's keys out of the input before anything else is drawn, so that
    /// the window under the chooser sees none of them: Escape always; Enter, the arrows
    /// and the rest unless one of the chooser's fields has the keyboard (Tab stays, to
    /// move between its widgets; Enter and Space stay for a button Tab reached).
    pub fn take_keys(&mut self, ctx: &egui::Context) {
        if self.focus_pending {
            // A menu open when the chooser was asked for closes: the chooser is on top.
            egui::Popup::close_all(ctx);
        }
        if egui::Popup::is_any_open(ctx) {
            return;
        }
        let typing = ctx.text_edit_focused();
        let on_widget = !typing && ctx.memory(|m| m.focused().is_some());
        let mut keys = self.keys;
        ctx.input_mut(|i| {
            i.events.retain(|e| {
                let egui::Event::Key {
                    key,
                    pressed,
                    modifiers,
                    ..
                } = e
                else {
                    return true;
                };
                if *key == Key::Escape {
                    keys.escape |= *pressed;
                    return false;
                }
                let for_widget = on_widget && matches!(key, Key::Enter | Key::Space);
                if typing || for_widget || *key == Key::Tab {
                    return true;
                }
                if *pressed {
                    match key {
                        Key::Enter if modifiers.is_none() => keys.enter = true,
                        Key::ArrowUp if modifiers.alt => keys.parent = true,
                        Key::ArrowUp => keys.step = Some((-1, modifiers.shift)),
                        Key::ArrowDown => keys.step = Some((1, modifiers.shift)),
                        _ => {}
                    }
                }
                false
            });
        });
        self.keys = keys;
    }

    /// Draws the chooser as a modal window over the app and returns what the person
    /// asked. Escape cancels (or, while replacing a file is asked about, declines it).
    pub fn chooser_ui(&mut self, ui: &mut Ui) -> Option<ChooserAction> {
        let ctx = ui.ctx().clone();
        let keys = std::mem::take(&mut self.keys);
        let mut action = None;
        if keys.escape {
            action = Some(if self.replace.is_some() {
                ChooserAction::KeepFile
            } else {
                ChooserAction::Cancel
            });
        }
        if let Some((delta, shift)) = keys.step {
            self.step(delta, shift);
        }
        if keys.parent
            && let Some(p) = self.dir.parent()
        {
            action = Some(ChooserAction::Go(p.to_owned()));
        }
        let screen = ctx.content_rect();
        let width = (screen.width() - 48.0).clamp(300.0, 800.0);
        let height = (screen.height() - 64.0).clamp(240.0, 580.0);
        egui::Modal::new(egui::Id::unique("sourcemark-file-chooser")).show(&ctx, |ui| {
            ui.set_width(width);
            ui.heading(RichText::new(&self.request.title).strong());
            ui.add_space(4.0);
            self.location_ui(ui, &mut action);
            let problem = self.problem.clone();
            let reserved = if self.request.kind == PickKind::SaveFile {
                150.0
            } else {
                118.0
            };
            let list_height = (height - reserved).max(80.0);
            self.list_ui(ui, list_height, &mut action);
            if let Some(p) = problem {
                ui.colored_label(ui.visuals().error_fg_color, p);
            }
            if self.request.kind == PickKind::SaveFile {
                self.name_ui(ui, &mut action);
            }
            ui.separator();
            if self.replace.is_some() {
                self.replace_ui(ui, &mut action);
            } else {
                self.buttons_ui(ui, &mut action);
            }
        });
        if action.is_none() && keys.enter {
            action = Some(match (self.replace.is_some(), self.selected.as_slice()) {
                (true, _) => ChooserAction::Replace,
                // One entry: as a double-click (a folder opens, a file is taken).
                (false, [one]) => ChooserAction::Activate(*one),
                (false, _) => ChooserAction::Accept,
            });
        }
        self.focus_pending = false;
        action
    }

    /// Up, Home and the path field.
    fn location_ui(&mut self, ui: &mut Ui, action: &mut Option<ChooserAction>) {
        ui.horizontal(|ui| {
            let parent = self.dir.parent().map(Path::to_owned);
            if ui
                .add_enabled(parent.is_some(), egui::Button::new("Up"))
                .on_hover_text("The folder above (Alt+Up)")
                .clicked()
                && let Some(p) = parent
            {
                *action = Some(ChooserAction::Go(p));
            }
            if let Some(home) = home_dir()
                && ui
                    .button("Home")
                    .on_hover_text(home.display().to_string())
                    .clicked()
            {
                *action = Some(ChooserAction::Go(home));
            }
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.location)
                    .hint_text("Folder or file path")
                    .desired_width(ui.available_width()),
            );
            if self.focus_pending && self.request.kind != PickKind::SaveFile {
                field.request_focus();
            }
            if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                *action = Some(ChooserAction::Typed);
            }
            if field.has_focus() && ui.input(|i| i.key_pressed(Key::ArrowDown)) {
                // Down from the path goes into the list.
                field.surrender_focus();
                self.step(1, false);
            }
        });
    }

    /// The folder's entries, folders first, each with its size.
    fn list_ui(&mut self, ui: &mut Ui, height: f32, action: &mut Option<ChooserAction>) {
        let frame = egui::Frame::group(ui.style()).inner_margin(4.0);
        frame.show(ui, |ui| {
            ui.set_min_height(height);
            ui.set_max_height(height);
            if let Err(why) = &self.listing {
                ui.colored_label(ui.visuals().error_fg_color, why);
                return;
            }
            if self.visible.is_empty() {
                ui.label(RichText::new("This folder has nothing to show here.").weak());
                return;
            }
            let row = ui.spacing().interact_size.y + 2.0;
            let width = ui.available_width();
            let mods = ui.input(|i| i.modifiers);
            let mut clicked = None;
            let target = self.scroll_to.take();
            let mut area = egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .max_height(height);
            if let Some((t, true)) = target {
                // Off screen last frame, so not drawn: jump there.
                let stride = row + ui.spacing().item_spacing.y;
                area = area.vertical_scroll_offset((t as f32 * stride - height / 2.0).max(0.0));
            }
            let drawn = area
                .show_rows(ui, row, self.visible.len(), |ui, rows| {
                    let in_view = target.is_some_and(|(t, _)| rows.contains(&t));
                    for pos in rows {
                        let e = &self.entries()[self.visible[pos]];
                        let right = if e.is_dir {
                            "folder".to_owned()
                        } else {
                            e.size.map(human_size).unwrap_or_default()
                        };
                        let name = if e.is_dir {
                            RichText::new(format!("{}/", e.name)).strong()
                        } else {
                            RichText::new(&e.name)
                        };
                        let selected = self.selected.binary_search(&pos).is_ok();
                        let resp = ui.add(
                            egui::Button::selectable(selected, name)
                                .right_text(RichText::new(right).weak())
                                .min_size(egui::vec2(width - 8.0, row - 2.0)),
                        );
                        if target.is_some_and(|(t, _)| t == pos) {
                            resp.scroll_to_me(None);
                        }
                        if resp.double_clicked() {
                            *action = Some(ChooserAction::Activate(pos));
                        } else if resp.clicked() {
                            clicked = Some(pos);
                        }
                    }
                    in_view
                })
                .inner;
            if let Some((t, false)) = target
                && !drawn
            {
                self.scroll_to = Some((t, true));
            }
            if let Some(pos) = clicked {
                self.click(pos, mods);
            }
        });
    }

    /// The file name field of a save.
    fn name_ui(&mut self, ui: &mut Ui, action: &mut Option<ChooserAction>) {
        ui.horizontal(|ui| {
            let l = ui.label("File name");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.name)
                        .hint_text("File name")
                        .desired_width(ui.available_width()),
                )
                .labelled_by(l.id);
            if self.focus_pending {
                field.request_focus();
                // The name without its extension selected, so typing replaces it.
                let stem = Path::new(&self.name)
                    .file_stem()
                    .map_or(0, |s| s.to_string_lossy().chars().count());
                if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), field.id) {
                    let range = egui::text::CCursorRange::two(
                        egui::text::CCursor::new(0),
                        egui::text::CCursor::new(stem),
                    );
                    state.cursor.set_char_range(Some(range));
                    state.store(ui.ctx(), field.id);
                }
            }
            if field.changed() {
                self.problem = None;
            }
            if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                *action = Some(ChooserAction::Accept);
            }
        });
    }

    /// File type, hidden files, what is selected, Cancel and the accept button.
    fn buttons_ui(&mut self, ui: &mut Ui, action: &mut Option<ChooserAction>) {
        ui.horizontal(|ui| {
            if self.request.kind != PickKind::Folder && !self.request.filters.is_empty() {
                let all = self.request.filters.len();
                let text = |i: usize| match self.request.filters.get(i) {
                    Some(f) => format!("{} (*.{})", f.name, f.extensions.join(", *.")),
                    None => "All files".to_owned(),
                };
                let mut filter = self.filter;
                egui::ComboBox::from_id_salt("file-chooser-filter")
                    .selected_text(text(filter))
                    .width(220.0)
                    .show_ui(ui, |ui| {
                        for i in 0..=all {
                            ui.selectable_value(&mut filter, i, text(i));
                        }
                    })
                    .response
                    .on_hover_text("Which files are listed");
                if filter != self.filter {
                    self.filter = filter;
                    self.refilter();
                }
            }
            if ui.checkbox(&mut self.show_hidden, "Hidden files").changed() {
                self.refilter();
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let accept = ui
                    .add_enabled(
                        self.can_accept(),
                        egui::Button::new(RichText::new(&self.request.accept).strong()),
                    )
                    .on_hover_text("Or press Enter");
                if accept.clicked() {
                    *action = Some(ChooserAction::Accept);
                }
                if ui
                    .button("Cancel")
                    .on_hover_text("Or press Escape")
                    .clicked()
                {
                    *action = Some(ChooserAction::Cancel);
                }
                let n = self.selected.len();
                if n > 1 {
                    ui.label(format!("{n} selected"));
                }
            });
        });
    }

    /// The question before an existing file is replaced.
    fn replace_ui(&mut self, ui: &mut Ui, action: &mut Option<ChooserAction>) {
        let Some(path) = &self.replace else { return };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!("{name} already exists. Replace it?"))
                    .color(ui.visuals().warn_fg_color),
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Replace").clicked() {
                    *action = Some(ChooserAction::Replace);
                }
                if ui.button("Keep it").clicked() {
                    *action = Some(ChooserAction::KeepFile);
                }
            });
        });
    }

    /// Carries out an action (reading folders, looking at files); returns how the
    /// chooser ended, or `None` while it stays open.
    pub fn apply(&mut self, action: ChooserAction) -> Option<ChooserOutcome> {
        match action {
            ChooserAction::Cancel => return Some(ChooserOutcome::Cancelled),
            ChooserAction::Go(dir) => self.go(dir),
            ChooserAction::KeepFile => self.replace = None,
            ChooserAction::Replace => {
                let p = self.replace.take()?;
                return Some(ChooserOutcome::Chosen(vec![p]));
            }
            ChooserAction::Typed => return self.typed(),
            ChooserAction::Activate(pos) => {
                let e = self.entries().get(*self.visible.get(pos)?)?.clone();
                if e.is_dir {
                    self.go(e.path);
                    return None;
                }
                if self.selected.binary_search(&pos).is_err() {
                    self.selected = vec![pos];
                    self.anchor = Some(pos);
                }
                if self.request.kind == PickKind::SaveFile {
                    self.name = e.name;
                }
                return self.accept();
            }
            ChooserAction::Accept => return self.accept(),
        }
        None
    }

    /// The accept button: what it means depends on the kind of request.
    fn accept(&mut self) -> Option<ChooserOutcome> {
        let chosen: Vec<Entry> = self.selection().into_iter().cloned().collect();
        match self.request.kind {
            PickKind::OpenFile | PickKind::OpenFiles => {
                let files: Vec<PathBuf> = chosen
                    .iter()
                    .filter(|e| !e.is_dir)
                    .map(|e| e.path.clone())
                    .collect();
                if !files.is_empty() {
                    return Some(ChooserOutcome::Chosen(files));
                }
                if let Some(d) = chosen.into_iter().find(|e| e.is_dir) {
                    self.go(d.path);
                    return None;
                }
                if self.location.trim() != self.dir.display().to_string() {
                    return self.typed();
                }
                self.problem = Some("Choose a file first.".to_owned());
                None
            }
            PickKind::Folder => {
                let dir = chosen
                    .into_iter()
                    .find(|e| e.is_dir)
                    .map_or_else(|| self.dir.clone(), |e| e.path);
                Some(ChooserOutcome::Chosen(vec![dir]))
            }
            PickKind::SaveFile => self.save_target(),
        }
    }

    /// The file a save writes: the name typed, in the folder shown; asks before
    /// replacing an existing file.
    fn save_target(&mut self) -> Option<ChooserOutcome> {
        let name = self.name.trim().to_owned();
        if name.is_empty() {
            self.problem = Some("Type a name for the file.".to_owned());
            return None;
        }
        let mut target = resolve(&self.dir, &name);
        if target.extension().is_none()
            && let Some(ext) = self
                .request
                .filters
                .get(self.filter)
                .and_then(|f| f.extensions.first())
                .filter(|e| *e != "*")
        {
            target.set_extension(ext);
        }
        if target.is_dir() {
            self.name.clear();
            self.go(target);
            return None;
        }
        match target.parent() {
            Some(p) if p.is_dir() => {}
            _ => {
                let folder = target.parent().unwrap_or(&target).display().to_string();
                self.problem = Some(format!("The folder {folder} does not exist."));
                return None;
            }
        }
        if target.exists() {
            self.replace = Some(target);
            return None;
        }
        Some(ChooserOutcome::Chosen(vec![target]))
    }

    /// Enter in the path field: a folder is shown, a file is taken (for a save, its
    /// folder is shown and its name becomes the file name).
    fn typed(&mut self) -> Option<ChooserOutcome> {
        let p = resolve(&self.dir, &self.location);
        if p.is_dir() {
            self.go(p);
            return None;
        }
        let parent = p.parent().map(Path::to_owned);
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
        match self.request.kind {
            PickKind::SaveFile => match (parent, name) {
                (Some(parent), Some(name)) if parent.is_dir() => {
                    self.go(parent);
                    self.name = name;
                    self.save_target()
                }
                _ => {
                    self.problem = Some(format!("There is no folder {}.", p.display()));
                    None
                }
            },
            PickKind::Folder => {
                self.problem = Some(if p.exists() {
                    format!("{} is a file, not a folder.", p.display())
                } else {
                    format!("There is no folder {}.", p.display())
                });
                None
            }
            PickKind::OpenFile | PickKind::OpenFiles => {
                if p.is_file() {
                    return Some(ChooserOutcome::Chosen(vec![p]));
                }
                self.problem = Some(if p.exists() {
                    format!("{} is not a file that can be opened.", p.display())
                } else {
                    format!("There is no file or folder {}.", p.display())
                });
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("b-folder")).unwrap();
        std::fs::create_dir_all(d.path().join("A-folder")).unwrap();
        std::fs::create_dir_all(d.path().join(".hidden-folder")).unwrap();
        for f in ["z.txt", "a.md", "p.ron", "notes.pdf", ".secret.txt"] {
            std::fs::write(d.path().join(f), "text").unwrap();
        }
        d
    }

    fn articles(d: &Path, kind: PickKind) -> FileChooser {
        FileChooser::new(
            PickRequest::new(kind, "t")
                .in_dir(Some(d.to_owned()))
                .filter("articles", &["txt", "md"]),
        )
    }

    fn pos(c: &FileChooser, name: &str) -> usize {
        c.shown_names().iter().position(|n| n == name).unwrap()
    }

    #[test]
    fn folders_come_first_then_files_of_the_chosen_type() {
        let d = tree();
        let mut c = articles(d.path(), PickKind::OpenFile);
        assert_eq!(
            c.shown_names(),
            vec!["A-folder/", "b-folder/", "a.md", "z.txt"]
        );
        c.filter = 1; // All files
        c.refilter();
        assert_eq!(
            c.shown_names(),
            vec![
                "A-folder/",
                "b-folder/",
                "a.md",
                "notes.pdf",
                "p.ron",
                "z.txt"
            ]
        );
        c.show_hidden = true;
        c.refilter();
        assert!(c.shown_names().contains(&".secret.txt".to_owned()));
    }

    #[test]
    fn ctrl_and_shift_clicks_select_several_files() {
        let d = tree();
        let mut c = articles(d.path(), PickKind::OpenFiles);
        c.filter = 1;
        c.refilter();
        let a = pos(&c, "a.md");
        let z = pos(&c, "z.txt");
        c.click(a, Modifiers::NONE);
        c.click(z, Modifiers::SHIFT);
        assert_eq!(c.selected.len(), z - a + 1);
        c.click(pos(&c, "p.ron"), Modifiers::COMMAND);
        let Some(ChooserOutcome::Chosen(files)) = c.apply(ChooserAction::Accept) else {
            panic!("files chosen")
        };
        let names: Vec<_> = files
            .iter()
            .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["a.md", "notes.pdf", "z.txt"]);
    }

    #[test]
    fn double_click_enters_a_folder_and_up_comes_back() {
        let d = tree();
        let mut c = articles(d.path(), PickKind::OpenFile);
        let top = c.dir().to_owned();
        assert_eq!(c.apply(ChooserAction::Activate(pos(&c, "b-folder/"))), None);
        assert!(c.dir().ends_with("b-folder"));
        c.apply(ChooserAction::Go(c.dir().parent().unwrap().to_owned()));
        assert_eq!(c.dir(), top);
        let Some(ChooserOutcome::Chosen(f)) = c.apply(ChooserAction::Activate(pos(&c, "z.txt")))
        else {
            panic!("a file chosen")
        };
        assert!(f[0].ends_with("z.txt"));
    }

    #[test]
    fn a_typed_path_opens_a_folder_or_takes_a_file_or_says_what_is_wrong() {
        let d = tree();
        let mut c = articles(d.path(), PickKind::OpenFile);
        c.location = "b-folder".into();
        assert_eq!(c.apply(ChooserAction::Typed), None);
        assert!(c.dir().ends_with("b-folder"));
        c.location = d.path().join("a.md").display().to_string();
        assert!(matches!(
            c.apply(ChooserAction::Typed),
            Some(ChooserOutcome::Chosen(_))
        ));
        c.location = "no-such-thing".into();
        assert_eq!(c.apply(ChooserAction::Typed), None);
        assert!(
            c.problem().unwrap().contains("no-such-thing"),
            "{:?}",
            c.problem()
        );
    }

    #[test]
    fn a_save_asks_before_replacing_and_adds_the_extension() {
        let d = tree();
        let mut c = FileChooser::new(
            PickRequest::new(PickKind::SaveFile, "Save")
                .in_dir(Some(d.path().to_owned()))
                .named("p.ron")
                .filter("sourcemark project", &["ron"]),
        );
        assert_eq!(c.apply(ChooserAction::Accept), None);
        assert!(c.asks_to_replace());
        assert_eq!(c.apply(ChooserAction::KeepFile), None);
        assert!(!c.asks_to_replace());
        c.apply(ChooserAction::Accept);
        assert_eq!(
            c.apply(ChooserAction::Replace),
            Some(ChooserOutcome::Chosen(vec![d.path().join("p.ron")]))
        );
        c.name = "copy".into();
        assert_eq!(
            c.apply(ChooserAction::Accept),
            Some(ChooserOutcome::Chosen(vec![d.path().join("copy.ron")]))
        );
        c.name = "nope/copy.ron".into();
        assert_eq!(c.apply(ChooserAction::Accept), None);
        assert!(c.problem().unwrap().contains("does not exist"));
    }

    #[cfg(unix)]
    #[test]
    fn an_unreadable_folder_says_why() {
        use std::os::unix::fs::PermissionsExt;
        let d = tree();
        let locked = d.path().join("locked");
        std::fs::create_dir(&locked).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        let readable_anyway = std::fs::read_dir(&locked).is_ok(); // root reads anything
        let mut c = articles(d.path(), PickKind::OpenFile);
        c.apply(ChooserAction::Go(locked.clone()));
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        if !readable_anyway {
            let why = c.problem().unwrap();
            assert!(why.contains("permission"), "{why}");
        }
        c.apply(ChooserAction::Go(d.path().join("gone")));
        assert!(c.problem().unwrap().contains("does not exist"));
    }

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(3 * 1024 + 400), "3.4 KB");
        assert_eq!(human_size(12 * 1024 * 1024), "12.0 MB");
    }
}
