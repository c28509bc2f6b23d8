//! `sourcemark stats`.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `sourcemark stats`.
#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// The project file.
    pub project: PathBuf,
}

/// Not yet built.
pub fn run(_args: StatsArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}
