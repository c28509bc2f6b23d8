//! `sourcemark suggest`.

use anyhow::{Context, bail};
use sourcemark::edit::Transaction;
use sourcemark::model::{DocId, default_annotator};
use sourcemark::store::ProjectLock;
use sourcemark::suggest::{self, Input, PatternSet, Suggestion};
use sourcemark::workspace::Workspace;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `sourcemark suggest`.
#[derive(Debug, clap::Args)]
pub struct SuggestArgs {
    /// The project file.
    pub project: PathBuf,
    /// Only this document (its id).
    #[arg(long, value_name = "ID")]
    pub doc: Option<String>,
    /// A pattern file (spaCy/Prodigy JSONL) to use besides those the project names;
    /// may be given several times.
    #[arg(long = "patterns", value_name = "FILE")]
    pub patterns: Vec<PathBuf>,
    /// Print one JSON object, `{"suggestions": [...]}`, instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Add the suggestions as annotations (skipping duplicates of existing ones) and
    /// save the project.
    #[arg(long)]
    pub apply: bool,
    /// Annotator recorded on annotations `--apply` makes. Default:
    /// $SOURCEMARK_ANNOTATOR, else the OS user name.
    #[arg(long, value_name = "NAME", value_parser = super::import::parse_annotator)]
    pub annotator: Option<String>,
}

/// Prints (or, with `--apply`, adds) the suggestions of the rules and patterns.
pub fn run(args: SuggestArgs, allow_outside: bool) -> anyhow::Result<ExitCode> {
    // With --apply, held from the read to the write, so no other writer's change is lost.
    let lock = if args.apply {
        Some(ProjectLock::acquire(&args.project)?)
    } else {
        None
    };
    let (mut ws, notices) = Workspace::open_with(&args.project, allow_outside)?;
    super::print_notices(&notices);
    let patterns = load_patterns(&ws, &args.patterns)?;
    for label in patterns.labels() {
        if patterns.label_in(label, &ws.project.labels).is_none() {
            eprintln!(
                "warning: pattern label {label:?} is not a label of the project; its matches are left out"
            );
        }
    }
    let docs: Vec<DocId> = match &args.doc {
        Some(id) => {
            let id = DocId::from(id.as_str());
            if ws.project.document(&id).is_none() {
                let ids: Vec<&str> = ws.project.documents.iter().map(|d| d.id.as_str()).collect();
                bail!(
                    "no document “{id}” in the project; it has {}",
                    ids.join(", ")
                );
            }
            vec![id]
        }
        None => ws.project.documents.iter().map(|d| d.id.clone()).collect(),
    };
    let mut all: Vec<Suggestion> = Vec::new();
    for id in &docs {
        let Some(text) = ws.text(id) else {
            eprintln!("warning: document {id} has no article text loaded; skipped");
            continue;
        };
        let input = Input {
            doc: id,
            text,
            labels: &ws.project.labels,
            existing: ws.project.annotations_of(id),
            rejected: &ws.project.rejected,
            patterns: &patterns,
        };
        all.extend(suggest::suggest(&input));
    }
    if args.apply {
        let annotator = args.annotator.clone().unwrap_or_else(default_annotator);
        return apply(&mut ws, &all, &annotator, lock.as_ref(), &args.project);
    }
    if args.json {
        super::outln!(
            "{}",
            serde_json::to_string_pretty(&suggest::json::document(&all))?
        );
    } else {
        for s in &all {
            let ranges: Vec<String> = s
                .ranges
                .iter()
                .map(|r| format!("{}..{}", r.start, r.end))
                .collect();
            let by = s
                .said_by
                .as_ref()
                .map(|sp| format!("  said by “{}”", sp.text))
                .unwrap_or_default();
            super::outln!(
                "{} {} {} [{}] “{}”{by}",
                s.doc,
                ranges.join(","),
                s.label,
                s.rule,
                one_line(&s.text)
            );
        }
    }
    eprintln!(
        "{} suggestion(s) in {} document(s){}",
        all.len(),
        docs.len(),
        counts(&all)
    );
    Ok(ExitCode::SUCCESS)
}

/// The project's pattern files (relative to the project file) and those given on the
/// command line.
fn load_patterns(ws: &Workspace, extra: &[PathBuf]) -> anyhow::Result<PatternSet> {
    let base = ws.base_dir();
    let mut files: Vec<(PathBuf, String)> = ws
        .project
        .patterns
        .iter()
        .map(|p| (base.join(p), p.clone()))
        .collect();
    files.extend(extra.iter().map(|p| (p.clone(), p.display().to_string())));
    PatternSet::load(&files).context("cannot use the patterns")
}

/// Adds the suggestions, one transaction per document, and saves.
fn apply(
    ws: &mut Workspace,
    all: &[Suggestion],
    annotator: &str,
    lock: Option<&ProjectLock>,
    path: &std::path::Path,
) -> anyhow::Result<ExitCode> {
    let mut by_doc: BTreeMap<&DocId, Vec<Suggestion>> = BTreeMap::new();
    for s in all {
        by_doc.entry(&s.doc).or_default().push(s.clone());
    }
    let mut total = suggest::AcceptReport::default();
    let mut labels: BTreeMap<String, usize> = BTreeMap::new();
    for (doc, list) in by_doc {
        let Some(text) = ws.text(doc).cloned() else {
            continue;
        };
        let (tx, report): (Transaction, _) =
            suggest::accept(&ws.project, &text, &list, None, annotator)
                .with_context(|| format!("cannot add the suggestions of {doc}"))?;
        tx.apply(&mut ws.project)
            .with_context(|| format!("cannot add the suggestions of {doc}"))?;
        for id in &report.added {
            if let Some(a) = ws.project.annotation(id) {
                *labels.entry(a.label.clone()).or_default() += 1;
            }
        }
        total.added.extend(report.added);
        total.sources += report.sources;
        total.links += report.links;
        total.duplicates += report.duplicates;
    }
    let changed = !total.added.is_empty();
    if changed {
        match lock {
            Some(l) => ws.save_locked(l)?,
            None => ws.save()?,
        }
    }
    let per: Vec<String> = labels.iter().map(|(l, n)| format!("{n} {l}")).collect();
    super::outln!(
        "added {} annotation(s){}, {} source span(s), {} link(s); {} duplicate(s) skipped",
        total.added.len(),
        if per.is_empty() {
            String::new()
        } else {
            format!(" ({})", per.join(", "))
        },
        total.sources,
        total.links,
        total.duplicates
    );
    if changed {
        super::outln!("saved {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// ", 3 figure, 2 quote" for the summary.
fn counts(all: &[Suggestion]) -> String {
    let mut by: BTreeMap<&str, usize> = BTreeMap::new();
    for s in all {
        *by.entry(&s.label).or_default() += 1;
    }
    by.iter().map(|(l, n)| format!(", {n} {l}")).collect()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
