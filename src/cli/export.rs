//! `sourcemark export`.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `sourcemark export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The project file.
    pub project: PathBuf,
}

/// Not yet built.
pub fn run(_args: ExportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}
