//! `sourcemark import`.

use super::export::{parse_format, parse_offsets};
use anyhow::{Context, bail};
use sourcemark::dataset::{self, Format, ImportOptions, OffsetUnit};
use sourcemark::model::default_annotator;
use sourcemark::store::ProjectLock;
use sourcemark::workspace::Workspace;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `sourcemark import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The project file.
    pub project: PathBuf,
    /// jsonl, doccano, doccano-rel or label-studio (a file), or brat (a folder).
    #[arg(long, short, value_parser = parse_format)]
    pub format: Format,
    /// What the input's offsets count: chars (code points: Python, Label Studio) or
    /// utf16 (UTF-16 code units: doccano's editor, WebAnno TSV, UIMA).
    #[arg(long, value_parser = parse_offsets, default_value = "chars")]
    pub offsets: OffsetUnit,
    /// Annotator recorded on spans whose input does not name one (sourcemark's jsonl
    /// names one per span, and that name is kept; doccano, Label Studio and brat files
    /// do not). Default: $SOURCEMARK_ANNOTATOR, else the OS user name.
    #[arg(long, value_name = "NAME", value_parser = parse_annotator)]
    pub annotator: Option<String>,
    /// The file (or brat folder) to import.
    pub input: PathBuf,
}

/// A name for `--annotator`: not blank, trimmed.
pub(super) fn parse_annotator(s: &str) -> Result<String, String> {
    let name = s.trim();
    if name.is_empty() {
        return Err("the annotator's name is empty".to_owned());
    }
    Ok(name.to_owned())
}

/// Imports; the project file is written only when everything was read and checked.
pub fn run(args: ImportArgs, allow_outside: bool) -> anyhow::Result<ExitCode> {
    if !args.format.can_import() {
        bail!(
            "the {} format cannot be imported; jsonl, doccano, doccano-rel, label-studio and brat can",
            args.format
        );
    }
    // Held from the read to the write, so no other writer's change is lost.
    let lock = ProjectLock::acquire(&args.project)?;
    let (mut ws, notices) = Workspace::open_with(&args.project, allow_outside)?;
    super::print_notices(&notices);
    let opts = ImportOptions {
        offsets: args.offsets,
        annotator: args.annotator.unwrap_or_else(default_annotator),
    };
    let report = dataset::import(&mut ws, args.format, &args.input, &opts)
        .with_context(|| format!("cannot import {}", args.input.display()))?;
    let changed = !report.new_documents.is_empty()
        || report.annotations_added > 0
        || report.links_added > 0
        || !report.labels_added.is_empty();
    if changed {
        ws.save_locked(&lock)?;
    }
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    for (id, file) in report.new_documents.iter().zip(&report.new_files) {
        super::outln!("new document {id} ({file})");
    }
    for id in &report.attached {
        super::outln!("matched document {id}");
    }
    if !report.labels_added.is_empty() {
        super::outln!("added label(s): {}", report.labels_added.join(", "));
    }
    super::outln!(
        "imported {} record(s): {} annotation(s) added, {} duplicate(s) skipped",
        report.records,
        report.annotations_added,
        report.duplicates_skipped
    );
    if report.links_added > 0 || report.link_duplicates_skipped > 0 {
        super::outln!(
            "{} link(s) added, {} duplicate link(s) skipped",
            report.links_added,
            report.link_duplicates_skipped
        );
    }
    if changed {
        super::outln!("saved {}", args.project.display());
    }
    Ok(ExitCode::SUCCESS)
}
