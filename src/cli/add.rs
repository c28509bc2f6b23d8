//! `sourcemark add`.

use sourcemark::store::ProjectLock;
use sourcemark::workspace::Workspace;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `sourcemark add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The project file.
    pub project: PathBuf,
    /// Article files (.txt, .md) or saved web pages (.html, .htm: their article text
    /// is extracted into the project's articles/ folder) to add.
    #[arg(required = true)]
    pub articles: Vec<PathBuf>,
}

/// Adds the articles; the project file is rewritten only when something was added.
pub fn run(args: AddArgs, allow_outside: bool) -> anyhow::Result<ExitCode> {
    // Held from the read to the write, so no other writer's change is lost.
    let lock = ProjectLock::acquire(&args.project)?;
    let (mut ws, notices) = Workspace::open_with(&args.project, allow_outside)?;
    super::print_notices(&notices);
    // Open re-anchors in memory; only an actual addition justifies writing the file,
    // so that `add` of a known article leaves it byte-identical.
    let (added, lines) = super::add_articles(&mut ws, &args.articles)?;
    if added > 0 {
        ws.save_locked(&lock)?;
    }
    for line in lines {
        super::outln!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}
