//! Command-line parsing and dispatch. Each subcommand lives in its own file and returns
//! the exit code: 0 ok, 1 problems found, 2 usage or I/O error (as an `Err`).

mod add;
mod agree;
mod check;
mod compare;
mod export;
mod git_setup;
mod import;
mod merge_driver;
mod new;
mod reuse;
mod stats;
mod suggest;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Annotate claims, quotes and figures in news articles.
///
/// With no command, opens the window: on PROJECT if given, else on the last project.
#[derive(Debug, Parser)]
#[command(name = "sourcemark", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Project file to open in the window.
    pub project: Option<PathBuf>,
    /// Read article files outside the project's folder (absolute paths, `..` past the
    /// folder, symlinks leading out). Without it they are reported and skipped, since
    /// a project file from elsewhere could name any file on the machine.
    #[arg(long, global = true)]
    pub allow_outside: bool,
    /// A command to run instead of opening the window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new project with the default labels (claim, quote, figure).
    New(new::NewArgs),
    /// Add article files to a project.
    Add(add::AddArgs),
    /// Validate a project: spans, labels, ids, article files. Exit 1 on problems.
    Check(check::CheckArgs),
    /// Count documents and annotations per document, label and annotator.
    Stats(stats::StatsArgs),
    /// Export annotations as a dataset.
    Export(export::ExportArgs),
    /// Import annotations from another tool's format.
    Import(import::ImportArgs),
    /// Compare sources: one row per annotation (a cluster's, or a label's), with outlet,
    /// date, the figure's numbers, attribution and verdict.
    Compare(compare::CompareArgs),
    /// Find passages that two documents share, word for word or nearly.
    Reuse(reuse::ReuseArgs),
    /// Agreement between annotators (κ, α, unitizing α, F1) over the documents they
    /// share: one project per annotator, or one project with --by-annotator.
    Agree(agree::AgreeArgs),
    /// Git's merge driver for project files: merges %O, %A and %B by id into %A; exit 1
    /// when conflicts were recorded in the file. Installed by `git-setup`.
    MergeDriver(merge_driver::MergeDriverArgs),
    /// In a git repository: send project files to `merge-driver` (.gitattributes and the
    /// repository's git config). Running it again changes nothing.
    GitSetup(git_setup::GitSetupArgs),
    /// Suggest figures, quotes (with their speakers) and claims by rule, and spans by
    /// the project's pattern files; --apply adds them as annotations.
    Suggest(suggest::SuggestArgs),
}

/// `println!` that returns a failed write as an error instead of panicking. A reader
/// that went away (`sourcemark stats P | head`) then ends the command quietly (see
/// `main`); commands that change files print only after saving, so a closed output
/// never stops the work.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)?
    }};
}
pub(crate) use outln;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        None => {
            sourcemark::ui::run(cli.project)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::New(a)) => new::run(a),
        Some(Command::Add(a)) => add::run(a, cli.allow_outside),
        Some(Command::Check(a)) => check::run(a, cli.allow_outside),
        Some(Command::Stats(a)) => stats::run(a),
        Some(Command::Export(a)) => export::run(a, cli.allow_outside),
        Some(Command::Import(a)) => import::run(a, cli.allow_outside),
        Some(Command::Compare(a)) => compare::run(a, cli.allow_outside),
        Some(Command::Reuse(a)) => reuse::run(a, cli.allow_outside),
        Some(Command::Agree(a)) => agree::run(a),
        Some(Command::MergeDriver(a)) => merge_driver::run(a),
        Some(Command::GitSetup(a)) => git_setup::run(a),
        Some(Command::Suggest(a)) => suggest::run(a, cli.allow_outside),
    }
}

/// Prints the notices of opening a project on stderr, with a hint when articles were
/// skipped for being outside the project's folder.
pub(crate) fn print_notices(notices: &[sourcemark::workspace::Notice]) {
    use sourcemark::workspace::Notice;
    for n in notices {
        eprintln!("note: {n}");
    }
    if notices.iter().any(|n| matches!(n, Notice::Outside { .. })) {
        eprintln!("note: pass --allow-outside to read article files outside the project folder");
    }
}

/// Adds articles to a workspace. Returns how many were added and one line per file
/// for stdout, printed by the caller once the project is saved. Shared by `new` and
/// `add`. When one fails, the texts extracted from saved web pages before it are
/// removed again, since the project that would name them is not written.
pub(crate) fn add_articles(
    ws: &mut sourcemark::workspace::Workspace,
    articles: &[PathBuf],
) -> anyhow::Result<(usize, Vec<String>)> {
    use sourcemark::workspace::AddOutcome;
    let mut added = 0;
    let mut extracted: Vec<PathBuf> = Vec::new();
    let mut lines = Vec::with_capacity(articles.len());
    for file in articles {
        let outcome = match ws.add_article(file) {
            Ok(o) => o,
            Err(e) => {
                for text in &extracted {
                    let _ = std::fs::remove_file(text);
                }
                return Err(e.into());
            }
        };
        lines.push(match outcome {
            AddOutcome::Added(id) => {
                added += 1;
                let page_text = ws
                    .project
                    .document(&id)
                    .filter(|d| d.page.is_some())
                    .map(|d| (d.path.clone(), ws.article_path(d)));
                let from_page = match page_text {
                    Some((rel, path)) => {
                        extracted.push(path);
                        format!(" (its article text is in {rel})")
                    }
                    None => String::new(),
                };
                let base = ws.base_dir();
                // A page's text is inside the project; only its source is outside.
                if from_page.is_empty()
                    && sourcemark::workspace::outside_folder(&base, file).is_some()
                {
                    format!(
                        "added {} as {id}{from_page} (outside the project folder: later commands read it only with --allow-outside)",
                        file.display()
                    )
                } else {
                    format!("added {} as {id}{from_page}", file.display())
                }
            }
            AddOutcome::Duplicate(id) if sourcemark::webpage::is_web_page(file) => format!(
                "skipped {}: this page (or its article text) is already in the project as document {id}",
                file.display()
            ),
            AddOutcome::Duplicate(id) => format!(
                "skipped {}: same text as document {id} already in the project",
                file.display()
            ),
        });
    }
    Ok((added, lines))
}
