//! `sourcemark check`.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `sourcemark check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The project file.
    pub project: PathBuf,
}

/// Not yet built.
pub fn run(_args: CheckArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}
