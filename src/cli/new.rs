//! `sourcemark new`.

use anyhow::{Context, bail};
use sourcemark::store::ProjectLock;
use sourcemark::workspace::Workspace;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `sourcemark new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The project file to create; an existing file is never overwritten.
    pub project: PathBuf,
    /// Display name (default: the file name without extension).
    #[arg(long)]
    pub name: Option<String>,
    /// Article files (.txt, .md) or saved web pages (.html, .htm: their article text
    /// is extracted into the project's articles/ folder) to add.
    pub articles: Vec<PathBuf>,
}

/// Creates the project, adds the articles, writes the file.
pub fn run(args: NewArgs) -> anyhow::Result<ExitCode> {
    // A new project often starts in a new folder: make it rather than fail.
    if let Some(dir) = args.project.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    }
    // Under the lock, a second `new` of the same file sees the first one's file.
    let lock = ProjectLock::acquire(&args.project)?;
    if args.project.exists() {
        bail!(
            "{} already exists; use `sourcemark add` to add articles to it",
            args.project.display()
        );
    }
    let name = args.name.clone().unwrap_or_else(|| {
        args.project
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Untitled".to_owned())
    });
    let mut ws = Workspace::create(&args.project, &name);
    // Every article is read before the file is written: a bad one leaves nothing behind.
    let (_, lines) = super::add_articles(&mut ws, &args.articles)?;
    ws.save_locked(&lock)
        .with_context(|| format!("cannot create {}", args.project.display()))?;
    for line in lines {
        super::outln!("{line}");
    }
    super::outln!(
        "created {} with {} document(s)",
        args.project.display(),
        ws.project.documents.len()
    );
    Ok(ExitCode::SUCCESS)
}
