//! The window's own settings, kept across runs: recent projects, article font size,
//! theme and file chooser. A small RON file under `$XDG_CONFIG_HOME/sourcemark/` (or
//! the folder named by `$SOURCEMARK_CONFIG_DIR`, so tests and scripts never touch a
//! person's real one).

use crate::workspace::absolute;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Environment variable naming the folder of `config.ron`; overrides the default.
pub const CONFIG_DIR_ENV: &str = "SOURCEMARK_CONFIG_DIR";

/// How many recent projects are remembered.
const MAX_RECENT: usize = 10;

/// Default article font size, in points.
pub const DEFAULT_FONT_SIZE: f32 = 16.0;

/// Light, dark, or whatever the system uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the system setting.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// What the window remembers between runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Recently opened projects, most recent first.
    pub recent: Vec<PathBuf>,
    /// Article font size in points.
    pub font_size: f32,
    /// Theme override.
    pub theme: ThemeChoice,
    /// Projects (absolute paths) whose article files outside their folder the person
    /// agreed to read; asked once per project.
    pub outside_allowed: Vec<PathBuf>,
    /// The name written on new annotations; asked on first start.
    pub annotator: Option<String>,
    /// The document list is collapsed.
    pub hide_documents: bool,
    /// The annotation panel is collapsed.
    pub hide_annotations: bool,
    /// Widths of the document list and the annotation panel as last dragged.
    pub panel_widths: Option<[f32; 2]>,
    /// Which file chooser to use; `$SOURCEMARK_FILE_CHOOSER` overrides it.
    pub file_chooser: crate::ui::pick::FileChooserChoice,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            font_size: DEFAULT_FONT_SIZE,
            theme: ThemeChoice::System,
            outside_allowed: Vec::new(),
            annotator: None,
            hide_documents: false,
            hide_annotations: false,
            panel_widths: None,
            file_chooser: Default::default(),
        }
    }
}

/// The folder the config lives in: `$SOURCEMARK_CONFIG_DIR`, else
/// `$XDG_CONFIG_HOME/sourcemark`, else `~/.config/sourcemark` (`%APPDATA%` on Windows).
pub fn default_dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(d) = var(CONFIG_DIR_ENV) {
        return Some(PathBuf::from(d));
    }
    if let Some(d) = var("XDG_CONFIG_HOME") {
        return Some(PathBuf::from(d).join("sourcemark"));
    }
    if let Some(d) = var("APPDATA") {
        return Some(PathBuf::from(d).join("sourcemark"));
    }
    var("HOME").map(|h| PathBuf::from(h).join(".config").join("sourcemark"))
}

impl Config {
    /// Reads `config.ron` from `dir`; a missing or broken file gives the defaults (the
    /// settings are a convenience, never a reason not to start).
    pub fn load(dir: Option<&Path>) -> Self {
        dir.and_then(|d| std::fs::read_to_string(d.join("config.ron")).ok())
            .and_then(|s| ron::from_str(&s).ok())
            .unwrap_or_default()
    }

    /// Writes `config.ron` into `dir`, creating it.
    pub fn save(&self, dir: Option<&Path>) -> std::io::Result<()> {
        let Some(dir) = dir else { return Ok(()) };
        std::fs::create_dir_all(dir)?;
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        crate::store::write_atomic(
            &dir.join("config.ron"),
            &[text.as_bytes()],
            false,
            &mut |_| Ok(()),
        )
        .map_err(std::io::Error::other)
    }

    /// Puts a project at the top of the recent list.
    pub fn touch_recent(&mut self, project: &Path) {
        let p = absolute(project);
        self.recent.retain(|r| *r != p);
        self.recent.insert(0, p);
        self.recent.truncate(MAX_RECENT);
    }

    /// True when the person agreed to read this project's articles outside its folder.
    pub fn allows_outside(&self, project: &Path) -> bool {
        self.outside_allowed.contains(&absolute(project))
    }

    /// Remembers that the person agreed to read this project's articles outside its
    /// folder.
    pub fn allow_outside(&mut self, project: &Path) {
        let p = absolute(project);
        if !self.outside_allowed.contains(&p) {
            self.outside_allowed.push(p);
        }
    }

    /// The most recent project that still exists.
    pub fn last_project(&self) -> Option<&PathBuf> {
        self.recent.iter().find(|p| p.is_file())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_list_round_trips_and_dedups() {
        let dir = std::env::temp_dir().join(format!("sm-config-{}", fastrand::u64(..)));
        let mut c = Config::default();
        c.touch_recent(Path::new("/a/one.ron"));
        c.touch_recent(Path::new("/a/two.ron"));
        c.touch_recent(Path::new("/a/one.ron"));
        assert_eq!(
            c.recent,
            vec![PathBuf::from("/a/one.ron"), PathBuf::from("/a/two.ron")]
        );
        c.font_size = 20.0;
        c.save(Some(&dir)).unwrap();
        assert_eq!(Config::load(Some(&dir)), c);
        let _ = std::fs::remove_dir_all(dir);
    }
}
