//! `sourcemark export`.

use anyhow::Context;
use sourcemark::dataset::{self, ExportOptions, Format, OffsetUnit, Output};
use sourcemark::model::DocStatus;
use sourcemark::workspace::Workspace;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Parses a value by its name, or says which names there are: one place for every
/// enum the command line takes, with the names the enums themselves derive.
fn parse_named<T: Copy>(
    s: &str,
    what: &str,
    all: &[T],
    parse: fn(&str) -> Option<T>,
    name: fn(T) -> &'static str,
) -> Result<T, String> {
    parse(s).ok_or_else(|| {
        let names: Vec<&str> = all.iter().map(|v| name(*v)).collect();
        format!("unknown {what} {s:?}; one of: {}", names.join(", "))
    })
}

/// Parses `--format`.
pub(crate) fn parse_format(s: &str) -> Result<Format, String> {
    parse_named(s, "format", Format::ALL, Format::parse, Format::as_str)
}

/// Parses `--offsets`.
pub(crate) fn parse_offsets(s: &str) -> Result<OffsetUnit, String> {
    parse_named(
        s,
        "offset unit",
        OffsetUnit::ALL,
        OffsetUnit::parse,
        OffsetUnit::as_str,
    )
}

fn parse_status(s: &str) -> Result<DocStatus, String> {
    parse_named(
        s,
        "status",
        DocStatus::ALL,
        DocStatus::parse,
        DocStatus::as_str,
    )
}

/// Arguments of `sourcemark export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The project file.
    pub project: PathBuf,
    /// jsonl, doccano, doccano-rel, label-studio, brat, w3c, csv, conll or claimreview.
    #[arg(long, short, value_parser = parse_format)]
    pub format: Format,
    /// Output file (a folder for brat); stdout when left out. Replaced atomically.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Only these labels, comma-separated (e.g. claim,quote).
    #[arg(long, value_delimiter = ',')]
    pub labels: Option<Vec<String>>,
    /// Only documents with this status: todo, in-progress or done.
    #[arg(long, value_parser = parse_status)]
    pub status: Option<DocStatus>,
    /// What offsets count: chars (code points, as Python and Label Studio's editor) or
    /// utf16 (UTF-16 code units, for doccano's editor, WebAnno TSV and UIMA).
    #[arg(long, value_parser = parse_offsets, default_value = "chars")]
    pub offsets: OffsetUnit,
}

/// Exports; warnings and a summary go to stderr so stdout stays the dataset.
pub fn run(args: ExportArgs, allow_outside: bool) -> anyhow::Result<ExitCode> {
    let (ws, notices) = Workspace::open_with(&args.project, allow_outside)?;
    super::print_notices(&notices);
    let opts = ExportOptions {
        labels: args.labels,
        status: args.status,
        offsets: args.offsets,
    };
    let summary = match &args.out {
        Some(path) => dataset::export(
            &ws,
            args.format,
            &opts,
            Output::Path(path.clone()),
            &mut |_, _| {},
        )
        .with_context(|| format!("cannot export to {}", path.display()))?,
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            let s = dataset::export(
                &ws,
                args.format,
                &opts,
                Output::Writer(&mut lock),
                &mut |_, _| {},
            )?;
            lock.flush().context("cannot write to stdout")?;
            s
        }
    };
    for w in &summary.warnings {
        eprintln!("warning: {w}");
    }
    let target = match &args.out {
        Some(p) => p.display().to_string(),
        None => "stdout".to_owned(),
    };
    // Links are named once the project has some, so a summary without stays as it was.
    let links = if summary.links + summary.skipped_links > 0 {
        format!(", {} link(s)", summary.links)
    } else {
        String::new()
    };
    eprintln!(
        "exported {} document(s), {} annotation(s){links} as {} to {target}",
        summary.documents, summary.annotations, args.format
    );
    Ok(ExitCode::SUCCESS)
}
