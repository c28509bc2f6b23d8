//! `sourcemark stats`.

use sourcemark::{stats, store};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `sourcemark stats`.
#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// The project file.
    pub project: PathBuf,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Prints counts per document, label and annotator, from the project file alone.
pub fn run(args: StatsArgs) -> anyhow::Result<ExitCode> {
    let project = store::load(&args.project)?;
    let s = stats::stats(&project);
    if args.json {
        super::outln!("{}", serde_json::to_string_pretty(&s)?);
    } else {
        use std::io::Write as _;
        write!(std::io::stdout().lock(), "{s}")?;
    }
    Ok(ExitCode::SUCCESS)
}
