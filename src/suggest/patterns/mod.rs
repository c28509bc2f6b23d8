//! The user's patterns, in the JSONL that spaCy's `EntityRuler`/`SpanRuler` and
//! Prodigy's `--patterns` read: one JSON object a line, `{"label": "source",
//! "pattern": "Muqtada al-Sadr"}` for a phrase, `{"label": "figure", "pattern":
//! [{"LIKE_NUM": true}, {"LOWER": "troops"}]}` for tokens.
//!
//! Phrases are found all at once with `aho-corasick` and kept where they start and end
//! on word boundaries; token patterns run over the tokens word snapping cuts
//! ([`crate::words::tokens`]), a paragraph at a time. As the `EntityRuler` does, of
//! overlapping matches the longest is kept (the earlier of two as long). A malformed line
//! is an error that names its file, line and what is wrong.

mod parse;
mod token;

use crate::model::LabelScheme;
use crate::text::DocText;
use aho_corasick::AhoCorasick;
use parse::Kind;
use std::ops::Range;
use std::path::{Path, PathBuf};
use token::TokenPattern;

/// Why a pattern file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum PatternError {
    /// The file cannot be read.
    #[error("cannot read pattern file {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A line is not a pattern.
    #[error("{}:{line}: {message}", path.display())]
    Line {
        /// The file.
        path: PathBuf,
        /// The line, from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The phrases cannot be compiled (beyond aho-corasick's size limits).
    #[error("the phrase patterns cannot be compiled: {0}")]
    Build(String),
}

/// Where a pattern comes from, for a suggestion's `rule`.
#[derive(Clone, Debug, PartialEq)]
struct Origin {
    label: String,
    rule: String,
}

/// The loaded patterns of one or more files. Cheap to share between threads.
#[derive(Clone, Debug, Default)]
pub struct PatternSet {
    phrases: Vec<(String, Origin)>,
    automaton: Option<AhoCorasick>,
    tokens: Vec<(TokenPattern, Origin)>,
    /// The words one of which each token pattern's match holds, when every pattern
    /// names some: only lines holding one are cut into tokens.
    token_words: Option<AhoCorasick>,
}

/// A pattern's match.
#[derive(Clone, Debug, PartialEq)]
pub struct PatternMatch {
    /// The pattern's label, as the file writes it.
    pub label: String,
    /// Where, in chars.
    pub chars: Range<usize>,
    /// The file and line of the pattern (`officials.jsonl:3`).
    pub rule: String,
}

impl PatternSet {
    /// No patterns.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads pattern files; `name` gives each file's name in rules (its path as the
    /// project or the command line names it).
    pub fn load(files: &[(PathBuf, String)]) -> Result<Self, PatternError> {
        let mut set = PatternSet::new();
        for (path, name) in files {
            let text = std::fs::read_to_string(path).map_err(|source| PatternError::Read {
                path: path.clone(),
                source,
            })?;
            set.add_text(&text, path, name)?;
        }
        set.build()?;
        Ok(set)
    }

    /// Reads the patterns of one file's text (`path` names it in errors, `name` in
    /// rules). Call [`PatternSet::build`] before matching.
    pub fn add_text(&mut self, text: &str, path: &Path, name: &str) -> Result<(), PatternError> {
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            let read = parse::line(line.trim_start_matches('\u{feff}')).map_err(|message| {
                PatternError::Line {
                    path: path.to_owned(),
                    line: line_no,
                    message,
                }
            })?;
            let Some(p) = read else {
                continue;
            };
            let origin = Origin {
                label: p.label,
                rule: format!("{name}:{line_no}"),
            };
            match p.kind {
                Kind::Phrase(s) => self.phrases.push((s, origin)),
                Kind::Tokens(t) => self.tokens.push((t, origin)),
            }
        }
        Ok(())
    }

    /// Compiles the phrases into one automaton, and the words token patterns need into
    /// another.
    pub fn build(&mut self) -> Result<(), PatternError> {
        let words: Option<Vec<Vec<String>>> =
            self.tokens.iter().map(|(t, _)| t.literals()).collect();
        self.token_words = match words {
            Some(w) if !w.is_empty() => Some(
                aho_corasick::AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .build(w.concat())
                    .map_err(|e| PatternError::Build(e.to_string()))?,
            ),
            _ => None,
        };
        self.automaton = if self.phrases.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::new(self.phrases.iter().map(|(p, _)| p.as_str()))
                    .map_err(|e| PatternError::Build(e.to_string()))?,
            )
        };
        Ok(())
    }

    /// How many patterns.
    pub fn len(&self) -> usize {
        self.phrases.len() + self.tokens.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The labels the patterns give, each once, in file order.
    pub fn labels(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for o in self
            .phrases
            .iter()
            .map(|(_, o)| o)
            .chain(self.tokens.iter().map(|(_, o)| o))
        {
            if !out.contains(&o.label.as_str()) {
                out.push(&o.label);
            }
        }
        out
    }

    /// The scheme's label for a pattern's label: the one with this id, else the one
    /// whose id or name it is in another case ("SOURCE", "Source").
    pub fn label_in(&self, label: &str, scheme: &LabelScheme) -> Option<String> {
        scheme
            .get(label)
            .or_else(|| {
                scheme.iter().find(|l| {
                    l.id.eq_ignore_ascii_case(label) || l.name.eq_ignore_ascii_case(label)
                })
            })
            .map(|l| l.id.clone())
    }

    /// Every match in `text`, longest first among overlapping ones, sorted by start.
    pub fn find(&self, text: &DocText) -> Vec<PatternMatch> {
        if self.is_empty() {
            return Vec::new();
        }
        let s = text.as_str();
        // (bytes, pattern origin)
        let mut hits: Vec<(Range<usize>, &Origin)> = Vec::new();
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(s) {
                let r = m.start()..m.end();
                if on_word_boundaries(s, &r) {
                    hits.push((r, &self.phrases[m.pattern().as_usize()].1));
                }
            }
        }
        if !self.tokens.is_empty() {
            let lines: Box<dyn Iterator<Item = Range<usize>>> = match &self.token_words {
                Some(words) => Box::new(lines_holding(s, words)),
                None => Box::new(paragraphs(s)),
            };
            for para in lines {
                let toks = crate::words::tokens(&s[para.clone()], 0);
                for i in 0..toks.len() {
                    for (p, origin) in &self.tokens {
                        if !p.may_start(&s[para.clone()], &toks, i) {
                            continue;
                        }
                        if let Some(end) = p.longest_at(&s[para.clone()], &toks, i) {
                            let r = para.start + toks[i].bytes.start
                                ..para.start + toks[end - 1].bytes.end;
                            hits.push((r, origin));
                        }
                    }
                }
            }
        }
        // spaCy's filter_spans: the longest first, then the earliest; no overlaps.
        hits.sort_by(|a, b| (b.0.len(), a.0.start).cmp(&(a.0.len(), b.0.start)));
        let mut kept: Vec<(Range<usize>, &Origin)> = Vec::new();
        let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        for (r, o) in hits {
            let before = taken
                .range(..r.end)
                .next_back()
                .is_some_and(|(_, &e)| e > r.start);
            if before {
                continue;
            }
            taken.insert(r.start, r.end);
            kept.push((r, o));
        }
        kept.sort_by_key(|(r, _)| r.start);
        kept.into_iter()
            .map(|(r, o)| PatternMatch {
                label: o.label.clone(),
                chars: text.char_of(r.start)..text.char_of(r.end),
                rule: o.rule.clone(),
            })
            .collect()
    }
}

/// Lines: token patterns, like sentences, do not run over a line break.
fn paragraphs(s: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= s.len() {
            return None;
        }
        let end = memchr::memchr(b'\n', &s.as_bytes()[at..]).map_or(s.len(), |k| at + k);
        let r = at..end;
        at = end + 1;
        Some(r)
    })
}

/// The lines of `s` that hold one of `words`, each once, in order.
fn lines_holding<'a>(
    s: &'a str,
    words: &'a AhoCorasick,
) -> impl Iterator<Item = Range<usize>> + 'a {
    let mut next_from = 0;
    words.find_iter(s).filter_map(move |m| {
        if m.start() < next_from {
            return None;
        }
        let start = memchr::memrchr(b'\n', &s.as_bytes()[..m.start()]).map_or(0, |k| k + 1);
        let end =
            memchr::memchr(b'\n', &s.as_bytes()[m.start()..]).map_or(s.len(), |k| m.start() + k);
        next_from = end + 1;
        Some(start..end)
    })
}

/// Whether a phrase found at `r` starts and ends between words: no letter or digit
/// runs on across either edge.
fn on_word_boundaries(s: &str, r: &Range<usize>) -> bool {
    let inner_first = s[r.clone()].chars().next();
    let inner_last = s[r.clone()].chars().next_back();
    let before = s[..r.start].chars().next_back();
    let after = s[r.end..].chars().next();
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let runs_in = alnum(before) && alnum(inner_first);
    let runs_out = alnum(after) && alnum(inner_last);
    !(runs_in || runs_out)
}

#[cfg(test)]
mod tests;
