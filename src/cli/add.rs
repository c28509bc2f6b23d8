//! `sourcemark add`.

use sourcemark::workspace::Workspace;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `sourcemark add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The project file.
    pub project: PathBuf,
    /// Article files (.txt, .md) to add.
    #[arg(required = true)]
    pub articles: Vec<PathBuf>,
}

/// Adds the articles; the project file is rewritten only when something was added.
pub fn run(args: AddArgs) -> anyhow::Result<ExitCode> {
    let (mut ws, _notices) = Workspace::open(&args.project)?;
    // Open re-anchors in memory; only an actual addition justifies writing the file,
    // so that `add` of a known article leaves it byte-identical.
    let (added, lines) = super::add_articles(&mut ws, &args.articles)?;
    if added > 0 {
        ws.save()?;
    }
    for line in lines {
        super::outln!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}
