//! Asking the person for a file or a folder: the system's dialog where there is one,
//! else sourcemark's own chooser in the window ([`FileChooser`]), saying once why.
//!
//! The app describes what it asks in a [`PickRequest`] and hands it to the [`Picker`]
//! with what to do with the answer ([`Purpose`]). The system's dialog answers at once
//! (it blocks the frame, as it always did); the in-window chooser answers in a later
//! frame, so the purpose waits with it.
//!
//! # Telling "cannot open" from "cancelled"
//!
//! rfd 0.17 answers `None` to both. On Linux it asks the XDG desktop portal over D-Bus
//! (libdbus, loaded at run time) and, when that fails for any reason (no libdbus, no
//! session bus, no portal, a portal without a file chooser), runs `zenity`; when zenity
//! cannot be started either it logs the error and returns `None`, exactly as for
//! Cancel. Its async API ends in the same `None`, and its log lines are no interface.
//! So the picker asks beforehand the two questions rfd's fallback chain turns on:
//!
//! 1. Is `zenity` an executable on `PATH`? Then rfd always has a dialog to show.
//! 2. Otherwise, does the session bus have `org.freedesktop.portal.Desktop` with the
//!    `org.freedesktop.portal.FileChooser` interface? The picker reads that
//!    interface's `version` property (zbus, already in the build for accessibility),
//!    which the portal answers only when a backend provides a file chooser, and which
//!    starts the portal when the bus can activate it, as rfd's call would.
//!
//! Both answers are asked once, with a time limit, and kept. As a last net, a `None`
//! that comes back faster than anybody can see a dialog and cancel it
//! ([`INSTANT_FAILURE`]) is taken for a dialog that could not open. The setting
//! [`FileChooserChoice`] (or `$SOURCEMARK_FILE_CHOOSER`) skips all of it.

use crate::model::DocId;
use crate::ui::file_chooser::{ChooserAction, ChooserOutcome, FileChooser};
use eframe::egui;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Environment variable that overrides the file chooser setting: `builtin` (always
/// sourcemark's own), `native` (always the system's) or `auto`.
pub const FILE_CHOOSER_ENV: &str = "SOURCEMARK_FILE_CHOOSER";

/// A system dialog that answers `None` sooner than this never showed: nobody sees a
/// dialog appear and cancels it in a fifth of a second.
pub const INSTANT_FAILURE: Duration = Duration::from_millis(200);

/// How long the availability probe may take before the system dialog is simply tried.
const PROBE_LIMIT: Duration = Duration::from_secs(3);

/// Which file chooser to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileChooserChoice {
    /// The system's dialog when there is one, else sourcemark's own.
    #[default]
    Auto,
    /// Always sourcemark's own chooser in the window.
    Builtin,
    /// Always the system's dialog, even where it seems not to be there.
    Native,
}

impl FileChooserChoice {
    /// Reads a value of [`FILE_CHOOSER_ENV`]; `None` for one it does not know.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" | "auto" => Some(Self::Auto),
            "builtin" | "built-in" | "own" | "sourcemark" => Some(Self::Builtin),
            "native" | "system" => Some(Self::Native),
            _ => None,
        }
    }
}

/// What kind of answer is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickKind {
    /// One existing file.
    OpenFile,
    /// One or more existing files.
    OpenFiles,
    /// A file to write, existing or not (replacing one is confirmed).
    SaveFile,
    /// An existing folder.
    Folder,
}

/// A named set of file extensions ("sourcemark project", `["ron"]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileFilter {
    /// What the files are, for the filter's menu.
    pub name: String,
    /// Extensions without the dot; `*` matches every file.
    pub extensions: Vec<String>,
}

impl FileFilter {
    /// Whether a file name has one of the filter's extensions (case-insensitively).
    pub fn matches(&self, file_name: &str) -> bool {
        let ext = std::path::Path::new(file_name)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase());
        self.extensions
            .iter()
            .any(|x| x == "*" || ext.as_deref() == Some(x.to_lowercase().as_str()))
    }
}

/// What the app asks: the kind of answer, a title, where to start, a suggested file
/// name (for a save) and the file types offered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickRequest {
    /// The kind of answer.
    pub kind: PickKind,
    /// The dialog's title ("Open project").
    pub title: String,
    /// The folder to start in; the nearest existing folder above it is used when it
    /// is gone, the home folder when there is none.
    pub start_dir: Option<PathBuf>,
    /// The file name suggested for a save.
    pub file_name: String,
    /// File types offered, the first one chosen; "All files" is always offered too.
    pub filters: Vec<FileFilter>,
    /// Text of the button that accepts ("Open", "Save", "Add").
    pub accept: String,
}

impl PickRequest {
    /// A request of `kind` titled `title`, starting in the home folder, no filter.
    pub fn new(kind: PickKind, title: impl Into<String>) -> Self {
        let accept = match kind {
            PickKind::OpenFile | PickKind::OpenFiles => "Open",
            PickKind::SaveFile => "Save",
            PickKind::Folder => "Choose folder",
        };
        Self {
            kind,
            title: title.into(),
            start_dir: None,
            file_name: String::new(),
            filters: Vec::new(),
            accept: accept.to_owned(),
        }
    }

    /// Starts in `dir`.
    pub fn in_dir(mut self, dir: Option<PathBuf>) -> Self {
        self.start_dir = dir;
        self
    }

    /// Suggests a file name (for a save).
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.file_name = name.into();
        self
    }

    /// Offers a file type.
    pub fn filter(mut self, name: &str, extensions: &[&str]) -> Self {
        self.filters.push(FileFilter {
            name: name.to_owned(),
            extensions: extensions.iter().map(|e| (*e).to_owned()).collect(),
        });
        self
    }

    /// Sets the accept button's text.
    pub fn accept_text(mut self, text: &str) -> Self {
        self.accept = text.to_owned();
        self
    }
}

/// What the app does with the answer; waits with the in-window chooser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Create a project file there.
    NewProject,
    /// Open that project file.
    OpenProject,
    /// Save the project there.
    SaveAs,
    /// Add those article files.
    AddArticles,
    /// Export there (a folder for folder formats); `current` is the dialog's target.
    ExportTarget {
        /// A folder is asked for.
        folder: bool,
        /// The export dialog's current target, to start from.
        current: PathBuf,
    },
    /// Link this document to that article file.
    Relink(DocId),
    /// Import from there (a folder for brat); `current` is the dialog's input.
    ImportSource {
        /// A folder is asked for.
        folder: bool,
        /// The import dialog's current input, to start from.
        current: PathBuf,
    },
    /// Save the comparison's table there; the name suggested.
    ComparisonTable(PathBuf),
    /// Curate the project against that project file.
    CurationProject,
    /// Name that pattern file in the project.
    PatternFile,
}

/// Whether the system's dialog can open, as far as is known.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Native {
    /// Not asked yet.
    Unknown,
    /// It can (or could not be told, and gets tried).
    Available,
    /// It cannot: why, for the person.
    Unavailable(String),
}

/// Routes file requests to the system's dialog or to the in-window chooser.
pub struct Picker {
    /// `$SOURCEMARK_FILE_CHOOSER` when set: a choice, or the value it did not know.
    env: Option<Result<FileChooserChoice, String>>,
    native: Native,
    /// The reason for the fallback was said.
    told: bool,
    notices: Vec<String>,
    pending: Option<(Purpose, FileChooser)>,
}

impl Default for Picker {
    fn default() -> Self {
        Self::new()
    }
}

impl Picker {
    /// A picker that reads [`FILE_CHOOSER_ENV`] now.
    pub fn new() -> Self {
        let env = std::env::var(FILE_CHOOSER_ENV)
            .ok()
            .map(|v| FileChooserChoice::parse(&v).ok_or(v));
        Self {
            env,
            native: Native::Unknown,
            told: false,
            notices: Vec::new(),
            pending: None,
        }
    }

    /// The choice in force: the environment's over the setting's.
    fn choice(&mut self, setting: FileChooserChoice) -> FileChooserChoice {
        match &self.env {
            Some(Ok(c)) => *c,
            Some(Err(v)) => {
                if !self.told {
                    self.notices.push(format!(
                        "{FILE_CHOOSER_ENV}={v} is not one of builtin, native or auto; it is ignored"
                    ));
                }
                setting
            }
            None => setting,
        }
    }

    /// Asks for a file or folder. Returns the answer when the system's dialog gave one;
    /// `None` when the person cancelled it, or when the in-window chooser now shows
    /// (its answer comes from [`Picker::apply`]). `setting` is the configured choice.
    pub fn ask(
        &mut self,
        purpose: Purpose,
        request: PickRequest,
        setting: FileChooserChoice,
    ) -> Option<(Purpose, Vec<PathBuf>)> {
        let choice = self.choice(setting);
        if choice == FileChooserChoice::Auto && self.native == Native::Unknown {
            self.native = match probe_with_limit() {
                Ok(()) => Native::Available,
                Err(why) => Native::Unavailable(why),
            };
        }
        let native = match choice {
            FileChooserChoice::Builtin => false,
            FileChooserChoice::Native => true,
            FileChooserChoice::Auto => self.native == Native::Available,
        };
        if native {
            let started = Instant::now();
            let answer = native_pick(&request);
            match answer {
                Some(paths) if !paths.is_empty() => return Some((purpose, paths)),
                _ if choice == FileChooserChoice::Native
                    || started.elapsed() >= INSTANT_FAILURE =>
                {
                    // Cancelled: nothing to do.
                    return None;
                }
                _ => {
                    self.native = Native::Unavailable(
                        "the system file dialog closed at once without showing".to_owned(),
                    );
                }
            }
        }
        if let Native::Unavailable(why) = &self.native
            && choice == FileChooserChoice::Auto
            && !self.told
        {
            self.notices.push(format!(
                "No system file dialog is available ({why}); using sourcemark's own file chooser."
            ));
            self.told = true;
        }
        self.pending = Some((purpose, FileChooser::new(request)));
        None
    }

    /// Messages for the person (why the fallback is used), each given once.
    pub fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }

    /// Whether the in-window chooser is showing (the window's keys belong to it).
    pub fn is_open(&self) -> bool {
        self.pending.is_some()
    }

    /// Takes the in-window chooser's keys out of this frame's input, when it is open;
    /// call before anything else draws, so the window under it sees none of them.
    pub fn take_keys(&mut self, ctx: &egui::Context) {
        if let Some((_, chooser)) = self.pending.as_mut() {
            chooser.take_keys(ctx);
        }
    }

    /// What the in-window chooser asks for, if it is open. Draws it; no IO.
    pub fn chooser_ui(&mut self, ui: &mut egui::Ui) -> Option<ChooserAction> {
        let (_, chooser) = self.pending.as_mut()?;
        chooser.chooser_ui(ui)
    }

    /// Carries out what the in-window chooser asked (reading a folder, looking at a
    /// file); returns the answer and its purpose once the person chose.
    pub fn apply(&mut self, action: ChooserAction) -> Option<(Purpose, Vec<PathBuf>)> {
        let (_, chooser) = self.pending.as_mut()?;
        match chooser.apply(action)? {
            ChooserOutcome::Cancelled => {
                self.pending = None;
                None
            }
            ChooserOutcome::Chosen(paths) => {
                let (purpose, _) = self.pending.take()?;
                Some((purpose, paths))
            }
        }
    }

    /// The in-window chooser, when it is open (for tests and the app's checks).
    pub fn chooser(&self) -> Option<&FileChooser> {
        self.pending.as_ref().map(|(_, c)| c)
    }
}

/// The system's dialog for a request; `None` when cancelled or when it cannot open.
fn native_pick(req: &PickRequest) -> Option<Vec<PathBuf>> {
    let mut d = rfd::FileDialog::new().set_title(&req.title);
    if let Some(dir) = crate::ui::file_chooser::existing_folder(req.start_dir.as_deref()) {
        d = d.set_directory(dir);
    }
    for f in &req.filters {
        d = d.add_filter(&f.name, &f.extensions);
    }
    if !req.filters.is_empty() {
        d = d.add_filter("All files", &["*"]);
    }
    match req.kind {
        PickKind::OpenFile => d.pick_file().map(|p| vec![p]),
        PickKind::OpenFiles => d.pick_files(),
        PickKind::SaveFile => {
            if !req.file_name.is_empty() {
                d = d.set_file_name(&req.file_name);
            }
            d.save_file().map(|p| vec![p])
        }
        PickKind::Folder => d.pick_folder().map(|p| vec![p]),
    }
}

/// [`probe_native`] on a thread, given [`PROBE_LIMIT`]: a bus that does not answer in
/// time counts as a dialog that may open (and then gets tried).
fn probe_with_limit() -> Result<(), String> {
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("file-dialog-probe".into())
        .spawn(move || {
            let _ = tx.send(probe_native());
        });
    if spawned.is_err() {
        return Ok(());
    }
    rx.recv_timeout(PROBE_LIMIT).unwrap_or(Ok(()))
}

/// Whether rfd's Linux backend has a dialog to show (see the module docs).
#[cfg(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
))]
fn probe_native() -> Result<(), String> {
    if on_path("zenity") {
        return Ok(());
    }
    portal_file_chooser().map_err(|why| format!("{why}, and no zenity"))
}

/// Elsewhere rfd uses the system's own dialogs, which are always there.
#[cfg(not(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
)))]
fn probe_native() -> Result<(), String> {
    Ok(())
}

/// Whether an executable file named `program` is in a folder of `$PATH`, as
/// `std::process::Command` (and so rfd) would find it.
#[cfg(unix)]
fn on_path(program: &str) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|dir| {
        std::fs::metadata(dir.join(program))
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    })
}

/// Reads the portal's FileChooser `version` property on the session bus; the error
/// says, in words, what is missing.
#[cfg(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
))]
fn portal_file_chooser() -> Result<(), String> {
    pollster::block_on(async {
        let bus = zbus::Connection::session()
            .await
            .map_err(|_| "no XDG desktop portal (no D-Bus session bus)".to_owned())?;
        bus.call_method(
            Some("org.freedesktop.portal.Desktop"),
            "/org/freedesktop/portal/desktop",
            Some("org.freedesktop.DBus.Properties"),
            "Get",
            &("org.freedesktop.portal.FileChooser", "version"),
        )
        .await
        .map(|_| ())
        .map_err(|e| match e {
            zbus::Error::MethodError(name, _, _)
                if name.as_str().ends_with("UnknownInterface")
                    || name.as_str().ends_with("UnknownProperty") =>
            {
                "an XDG desktop portal without a file chooser".to_owned()
            }
            zbus::Error::MethodError(..) => "no XDG desktop portal".to_owned(),
            e => format!("no XDG desktop portal ({e})"),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_value_is_read_leniently() {
        assert_eq!(
            FileChooserChoice::parse(" Builtin "),
            Some(FileChooserChoice::Builtin)
        );
        assert_eq!(
            FileChooserChoice::parse("native"),
            Some(FileChooserChoice::Native)
        );
        assert_eq!(FileChooserChoice::parse(""), Some(FileChooserChoice::Auto));
        assert_eq!(FileChooserChoice::parse("gtk"), None);
    }

    #[test]
    fn filters_match_extensions_case_insensitively() {
        let f = PickRequest::new(PickKind::OpenFiles, "t")
            .filter("articles", &["txt", "md"])
            .filters
            .remove(0);
        assert!(f.matches("a.TXT"));
        assert!(f.matches("b.md"));
        assert!(!f.matches("c.ron"));
        assert!(!f.matches("README"));
        let all = FileFilter {
            name: "all".into(),
            extensions: vec!["*".into()],
        };
        assert!(all.matches("README"));
    }

    #[test]
    fn the_builtin_setting_opens_the_in_window_chooser_and_says_nothing() {
        let mut p = Picker::new();
        p.env = None;
        let got = p.ask(
            Purpose::OpenProject,
            PickRequest::new(PickKind::OpenFile, "Open project"),
            FileChooserChoice::Builtin,
        );
        assert!(got.is_none());
        assert!(p.is_open());
        assert!(p.take_notices().is_empty());
        assert_eq!(p.apply(ChooserAction::Cancel), None);
        assert!(!p.is_open());
    }

    #[test]
    fn an_unavailable_system_dialog_falls_back_and_says_why_once() {
        let mut p = Picker::new();
        p.env = None;
        p.native = Native::Unavailable("no XDG desktop portal, and no zenity".into());
        for _ in 0..2 {
            p.ask(
                Purpose::AddArticles,
                PickRequest::new(PickKind::OpenFiles, "Add articles"),
                FileChooserChoice::Auto,
            );
            assert!(p.is_open());
            p.apply(ChooserAction::Cancel);
        }
        let notices = p.take_notices();
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert!(notices[0].starts_with("No system file dialog is available (no XDG"));
    }
}
