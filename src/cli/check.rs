//! `sourcemark check`.

use sourcemark::check;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `sourcemark check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The project file.
    pub project: PathBuf,
}

/// Checks the project and its articles without writing anything: one line per problem
/// on stdout and exit 1, or a one-line summary and exit 0.
pub fn run(args: CheckArgs, allow_outside: bool) -> anyhow::Result<ExitCode> {
    let report = check::check_with(&args.project, allow_outside)?;
    if report.is_clean() {
        super::outln!(
            "{}: ok ({} document(s), {} annotation(s), {} link(s))",
            args.project.display(),
            report.documents,
            report.annotations,
            report.links
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    for p in &report.problems {
        use std::io::Write as _;
        writeln!(out, "{p}")?;
    }
    eprintln!(
        "{}: {} problem(s) found",
        args.project.display(),
        report.problems.len()
    );
    Ok(ExitCode::from(1))
}
