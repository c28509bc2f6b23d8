//! `sourcemark merge-driver`: git's merge driver for project files (registered by
//! `sourcemark git-setup`).

use sourcemark::merge::{self, Conflict, FileMergeError};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `sourcemark merge-driver`, in the order git passes them.
#[derive(Debug, clap::Args)]
pub struct MergeDriverArgs {
    /// The common ancestor (git's %O).
    pub base: PathBuf,
    /// Ours (git's %A): the merged project is written here.
    pub ours: PathBuf,
    /// Theirs (git's %B).
    pub theirs: PathBuf,
    /// The file's path in the repository (git's %P), for messages.
    pub path: Option<String>,
}

/// Merges; exit 0 when clean, 1 when conflicts were recorded in the file written, 2
/// (an error) when nothing was written.
pub fn run(args: MergeDriverArgs) -> anyhow::Result<ExitCode> {
    let shown = args
        .path
        .clone()
        .unwrap_or_else(|| args.ours.display().to_string());
    let outcome = match merge::merge_files(&args.base, &args.ours, &args.theirs) {
        Ok(o) => o,
        Err(e @ (FileMergeError::Read { .. } | FileMergeError::Merge(_))) => {
            return Err(anyhow::anyhow!("{shown}: {e}; nothing was written"));
        }
        Err(e) => return Err(anyhow::anyhow!("{shown}: {e}")),
    };
    // stderr: git shows it during the merge, and stdout is not for a driver.
    for d in &outcome.dropped {
        eprintln!("sourcemark: {shown}: {d}");
    }
    if outcome.is_clean() {
        return Ok(ExitCode::SUCCESS);
    }
    for c in &outcome.conflicts {
        eprintln!("CONFLICT (sourcemark): {shown}: {}", describe(c));
    }
    eprintln!(
        "sourcemark: {shown}: {} conflict(s) recorded in the project file, which holds ours for each; \
         settle them in the window or see them with `sourcemark check {shown}`",
        outcome.conflicts.len()
    );
    Ok(ExitCode::from(1))
}

/// One line for a conflict, naming the record, the field and both sides.
fn describe(c: &Conflict) -> String {
    let side = |s: &Option<String>, absent: &str| s.clone().unwrap_or_else(|| absent.to_owned());
    let holds = match c.holds {
        merge::Side::Ours => "ours",
        merge::Side::Theirs => "theirs",
    };
    match c.field.as_deref() {
        Some("article") if matches!(c.record, merge::RecordRef::Document(_)) => format!(
            "{} has different text on the two branches (ours: {}, theirs: {}); the file holds {holds}'s",
            c.record,
            side(&c.ours, "none"),
            side(&c.theirs, "none"),
        ),
        Some(field) => format!(
            "{}, field {field}: ours {}, theirs {}; the file holds {holds}",
            c.record,
            side(&c.ours, "not set"),
            side(&c.theirs, "not set"),
        ),
        None if !c.needed_by.is_empty() => format!(
            "{} was deleted on one branch but {} annotation(s) of the other still use it; the file keeps it (holds {holds})",
            c.record,
            c.needed_by.len(),
        ),
        None => format!(
            "{} was deleted on one branch and changed on the other (ours: {}, theirs: {}); the file holds {holds}",
            c.record,
            side(&c.ours, "deleted"),
            side(&c.theirs, "deleted"),
        ),
    }
}
