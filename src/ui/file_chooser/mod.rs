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
use eframe::egui::Modifiers;
use folder::{Entry, read_folder, resolve};
use std::path::{Path, PathBuf};

mod draw;
mod folder;
#[cfg(test)]
mod tests;

pub use folder::{existing_folder, home_dir};

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
