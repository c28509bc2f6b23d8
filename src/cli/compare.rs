//! `sourcemark compare`: the comparison of sources for scripts and spreadsheets.

use anyhow::{Context, bail};
use sourcemark::compare::{self, Filter, table};
use sourcemark::workspace::Workspace;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// How `compare` prints its rows.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum CompareFormat {
    /// Aligned columns.
    Table,
    /// CSV with a header row.
    Csv,
    /// A Markdown table.
    Md,
    /// `{"rows": [...]}`.
    Json,
}

/// Arguments of `sourcemark compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// The project file.
    pub project: PathBuf,
    /// Only the members of this cluster (its name, any case, or its id).
    #[arg(long)]
    pub cluster: Option<String>,
    /// Only annotations of this label (its id, e.g. figure).
    #[arg(long)]
    pub label: Option<String>,
    /// table, csv, md or json.
    #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
    pub format: CompareFormat,
}

/// Prints one row per annotation: clustered ones first, figures with the numbers their
/// words say when none were typed.
pub fn run(args: CompareArgs, allow_outside: bool) -> anyhow::Result<ExitCode> {
    let (ws, notices) = Workspace::open_with(&args.project, allow_outside)?;
    super::print_notices(&notices);
    let p = &ws.project;
    let cluster = match &args.cluster {
        None => None,
        Some(name) => {
            let wanted = name.trim().to_lowercase();
            let found = p
                .clusters
                .iter()
                .find(|c| c.id.as_str() == name || c.name.to_lowercase() == wanted);
            match found {
                Some(c) => Some(c.id.clone()),
                None => {
                    let names: Vec<&str> = p.clusters.iter().map(|c| c.name.as_str()).collect();
                    if names.is_empty() {
                        bail!(
                            "{}: no cluster {name:?}: the project has no clusters",
                            args.project.display()
                        );
                    }
                    bail!(
                        "{}: no cluster {name:?}; the clusters are: {}",
                        args.project.display(),
                        names.join(", ")
                    );
                }
            }
        }
    };
    if let Some(l) = &args.label
        && p.labels.get(l).is_none()
    {
        let ids: Vec<&str> = p.labels.iter().map(|l| l.id.as_str()).collect();
        bail!(
            "{}: no label {l:?}; the labels are: {}",
            args.project.display(),
            ids.join(", ")
        );
    }
    let mut rows = compare::rows(
        &ws,
        &Filter {
            cluster,
            label: args.label.clone(),
        },
    );
    compare::fill_sentences(&ws, &mut rows);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        CompareFormat::Table => table::write_plain(&rows, &mut out),
        CompareFormat::Csv => table::write_csv(&rows, &mut out),
        CompareFormat::Md => table::write_markdown(&rows, &mut out),
        CompareFormat::Json => table::write_json(&rows, &mut out),
    }
    .context("cannot write to stdout")?;
    out.flush().context("cannot write to stdout")?;
    Ok(ExitCode::SUCCESS)
}
