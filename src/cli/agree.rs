//! `sourcemark agree`: agreement between annotators, from project files alone (offsets
//! and text hashes; the articles are not read).

use anyhow::bail;
use sourcemark::agree::{self, Report, Scores, shared};
use sourcemark::model::Project;
use sourcemark::store;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `sourcemark agree`.
#[derive(Debug, clap::Args)]
pub struct AgreeArgs {
    /// One project file per annotator (two or more), or one project with
    /// --by-annotator.
    #[arg(required = true)]
    pub projects: Vec<PathBuf>,
    /// Compare the annotators inside one project, by the annotator of each span.
    #[arg(long)]
    pub by_annotator: bool,
    /// Only these labels (ids, comma-separated); by default every label all the
    /// projects have.
    #[arg(long, value_delimiter = ',')]
    pub labels: Vec<String>,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Measures and prints agreement per label and overall.
pub fn run(args: AgreeArgs) -> anyhow::Result<ExitCode> {
    if args.by_annotator && args.projects.len() != 1 {
        bail!(
            "--by-annotator takes one project file, not {}",
            args.projects.len()
        );
    }
    if !args.by_annotator && args.projects.len() < 2 {
        bail!(
            "agree needs two or more project files (one per annotator), or one with --by-annotator"
        );
    }
    // Read side by side: loading is most of the time on large projects.
    let loaded: Vec<Result<Project, store::StoreError>> = std::thread::scope(|s| {
        let handles: Vec<_> = args
            .projects
            .iter()
            .map(|path| s.spawn(move || store::load(path)))
            .collect();
        handles
            .into_iter()
            .zip(&args.projects)
            .map(|(h, path)| {
                h.join().unwrap_or_else(|_| {
                    Err(store::StoreError::Io {
                        path: path.clone(),
                        source: std::io::Error::other("the reading thread failed"),
                    })
                })
            })
            .collect()
    });
    let projects = loaded.into_iter().collect::<Result<Vec<_>, _>>()?;
    let refs: Vec<&Project> = projects.iter().collect();
    let (common, left_out) = shared::common_labels(&refs);
    if !left_out.is_empty() {
        eprintln!(
            "note: labels left out (not in every project's scheme): {}",
            left_out.join(", ")
        );
    }
    let labels = if args.labels.is_empty() {
        common
    } else {
        for l in &args.labels {
            if !common.contains(l) {
                bail!(
                    "no label {l:?} in every project; the shared labels are: {}",
                    common.join(", ")
                );
            }
        }
        args.labels.clone()
    };
    let found = if args.by_annotator {
        let s = shared::by_annotator(&projects[0]);
        if s.study.coders.len() < 2 {
            bail!(
                "{}: {} annotator{} ({}): agreement needs two or more",
                args.projects[0].display(),
                s.study.coders.len(),
                if s.study.coders.len() == 1 { "" } else { "s" },
                s.study.annotators.join(", ")
            );
        }
        s
    } else {
        let named: Vec<(String, &Project)> = args
            .projects
            .iter()
            .zip(&projects)
            .map(|(p, x)| (p.display().to_string(), x))
            .collect();
        shared::from_projects(&named)
    };
    for (name, n) in found.study.annotators.iter().zip(&found.unshared) {
        if *n > 0 {
            eprintln!(
                "note: {name}: {n} document{} left out (no document with the same text in every project)",
                if *n == 1 { "" } else { "s" }
            );
        }
    }
    for (name, id) in &found.changed {
        eprintln!(
            "note: {name}: document {id} has the same id as in {} but another text: left out",
            args.projects[0].display()
        );
    }
    if found.study.doc_chars.is_empty() {
        eprintln!("note: no document is shared by every annotator: every figure is n/a");
    }
    let report = agree::measure(&found.study, &labels);
    if args.json {
        super::outln!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_table(&report)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A figure to three decimals, or `n/a` when undefined.
fn fig(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.3}"))
}

/// The table: one line per label, then overall, then the documents and annotators.
fn print_table(r: &Report) -> anyhow::Result<()> {
    let many = r.annotators.len() > 2;
    let width = r
        .labels
        .keys()
        .map(|k| k.chars().count())
        .chain([7])
        .max()
        .unwrap_or(7);
    let head = format!(
        "{:<width$}  {:>7}  {:>7}  {:>7}  {:>8}  {:>10}  {:>5}  {:>5}{}",
        "label",
        "kappa",
        "alpha",
        "alpha_u",
        "f1_exact",
        "f1_overlap",
        "n_a",
        "n_b",
        if many { "  n" } else { "" }
    );
    super::outln!("{}", head.trim_end());
    let line = |name: &str, s: &Scores| {
        let n: Vec<String> = s.n.iter().map(|x| x.to_string()).collect();
        let l = format!(
            "{name:<width$}  {:>7}  {:>7}  {:>7}  {:>8}  {:>10}  {:>5}  {:>5}{}",
            fig(s.kappa),
            fig(s.alpha),
            fig(s.alpha_u),
            fig(s.f1_exact),
            fig(s.f1_overlap),
            s.n_a,
            s.n_b,
            if many {
                format!("  {}", n.join("/"))
            } else {
                String::new()
            }
        );
        l.trim_end().to_owned()
    };
    for (name, s) in &r.labels {
        super::outln!("{}", line(name, s));
    }
    super::outln!("{}", line("overall", &r.overall));
    super::outln!("documents: {}", r.documents);
    super::outln!("annotators: {}", r.annotators.join(", "));
    Ok(())
}
