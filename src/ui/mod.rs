//! The window (being built).

pub mod article;

use std::path::PathBuf;

/// Opens the window.
pub fn run(_project: Option<PathBuf>) -> anyhow::Result<()> {
    anyhow::bail!("the window is not built yet")
}
