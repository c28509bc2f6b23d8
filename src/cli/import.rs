//! `sourcemark import`.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `sourcemark import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The project file.
    pub project: PathBuf,
}

/// Not yet built.
pub fn run(_args: ImportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}
