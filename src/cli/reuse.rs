//! `sourcemark reuse`.

use sourcemark::reuse::{self, Params, Passage};
use sourcemark::workspace::Workspace;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `sourcemark reuse`.
#[derive(Debug, clap::Args)]
pub struct ReuseArgs {
    /// The project file.
    pub project: PathBuf,
    /// The shortest passage reported, in words.
    #[arg(long, default_value_t = Params::default().min_words as u64,
          value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub min_words: u64,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Chars of a passage shown in the table.
const EXCERPT_CHARS: usize = 60;

/// Prints the passages that two documents share: one line each, or one JSON object
/// with `passages`. Finding none is no problem: exit 0 either way.
pub fn run(args: ReuseArgs, allow_outside: bool) -> anyhow::Result<ExitCode> {
    let (ws, notices) = Workspace::open_with(&args.project, allow_outside)?;
    super::print_notices(&notices);
    let params = Params {
        min_words: usize::try_from(args.min_words).unwrap_or(usize::MAX),
        ..Params::default()
    };
    let passages = reuse::find_in_workspace(&ws, &params);
    if args.json {
        /// The JSON printed: one object, so that more fields can come later.
        #[derive(serde::Serialize)]
        struct Out<'a> {
            passages: &'a [Passage],
        }
        let out = Out {
            passages: &passages,
        };
        super::outln!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        print_table(&ws, &passages)?;
    }
    let read = ws
        .project
        .documents
        .iter()
        .filter(|d| ws.text(&d.id).is_some())
        .count();
    eprintln!(
        "{} shared passage(s) of at least {} words in {read} document(s)",
        passages.len(),
        params.min_words
    );
    Ok(ExitCode::SUCCESS)
}

/// One line a passage: both documents with their char ranges, its length in words,
/// and the start of its text in the first document.
fn print_table(ws: &Workspace, passages: &[Passage]) -> anyhow::Result<()> {
    let place = |s: &reuse::Side| format!("{} {}..{}", s.doc, s.start, s.end);
    let wa = passages.iter().map(|p| place(&p.a).chars().count()).max();
    let wb = passages.iter().map(|p| place(&p.b).chars().count()).max();
    let (wa, wb) = (wa.unwrap_or(0), wb.unwrap_or(0));
    for p in passages {
        let excerpt = ws
            .text(&p.a.doc)
            .map(|t| excerpt(t.slice(p.a.start..p.a.end)))
            .unwrap_or_default();
        super::outln!(
            "{:<wa$}  {:<wb$}  {:>4} words  “{excerpt}”",
            place(&p.a),
            place(&p.b),
            p.words
        );
    }
    Ok(())
}

/// The first [`EXCERPT_CHARS`] chars of a passage on one line, with "…" when cut.
fn excerpt(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let mut words = flat.split(' ').filter(|w| !w.is_empty());
    let mut out = String::new();
    for w in words.by_ref() {
        if !out.is_empty() && out.chars().count() + 1 + w.chars().count() > EXCERPT_CHARS {
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn excerpts_are_one_line_and_cut_at_a_word() {
        assert_eq!(super::excerpt("a\nb  c"), "a b c");
        let long = "word ".repeat(30);
        let e = super::excerpt(&long);
        assert!(e.ends_with("word…"), "{e}");
        assert!(e.chars().count() <= super::EXCERPT_CHARS + 1);
    }
}
