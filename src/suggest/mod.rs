//! Suggestions: spans that rules and the user's pattern files propose, never saved as
//! annotations until a person accepts them.
//!
//! [`suggest`] is a pure function of a document's text, the label scheme, the
//! document's annotations, the rejected suggestions and the loaded patterns, cheap
//! enough to run on a worker thread whenever a document opens or changes. It runs:
//!
//! - `figures` (rule `figure`): every number phrase the figure parser reads in prose
//!   ([`crate::figure::find_all`], which skips dates, years, times, codes and numbers
//!   inside words), with its attributes filled as tagging it would fill them, except
//!   on lines of page furniture ("Updated 10:30", "Photo: …", "1 of 5").
//! - `quotes` (rule `quote`): text between quotation marks, with its speaker when the
//!   sentence (or the one before, ending in a colon) names one: a `source` span and a
//!   `SaidBy` link. A quote split by its attribution is one suggestion of two ranges.
//! - `claims` (rule `claim`, [`Priority::Low`]): statements in reported speech ("X said
//!   that …", "according to X, …", "…, X said."), attributed like quotes.
//! - [`patterns`] (rule `FILE:LINE`): the user's spaCy/Prodigy JSONL patterns.
//!
//! A suggestion whose label is not in the scheme is dropped, and so is one that
//! overlaps an annotation of its label or was rejected before. [`accept`] turns
//! accepted suggestions into one transaction of ordinary edits, [`reject`] rejected
//! ones into the edits that remember them; both are undone in one step.

pub mod accept;
mod claims;
mod context;
mod figures;
pub mod json;
pub mod patterns;
mod prose;
mod quotes;
mod speaker;

pub use accept::{AcceptReport, accept, reject};
pub use patterns::{PatternError, PatternSet};

use crate::model::{Annotation, AnnotationId, Attributes, DocId, LabelKind, LabelScheme, Rejected};
use crate::text::DocText;
use serde::Serialize;
use std::ops::Range;

/// How much a suggestion deserves a look: rules that are usually right come first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    /// Figures, quotes, the user's patterns.
    High,
    /// Claims in reported speech: a rule reads where one is, not whether it matters.
    Low,
}

/// The span a suggestion is said by: an existing annotation of a source label, or one
/// that accepting the suggestion makes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Speaker {
    /// The source label.
    pub label: String,
    /// Where the speaker is named, in chars.
    pub start: usize,
    /// One past its last char.
    pub end: usize,
    /// The name as written.
    pub text: String,
    /// The annotation already there, when one of the source label overlaps the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub existing: Option<AnnotationId>,
}

impl Speaker {
    /// The name's range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// A proposed annotation.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// The document.
    pub doc: DocId,
    /// The label id from the scheme.
    pub label: String,
    /// Its ranges in chars, sorted and apart (two for a quote split by "he said").
    pub ranges: Vec<Range<usize>>,
    /// Its text: the ranges' texts joined by one space, as an annotation's.
    pub text: String,
    /// The attributes it would have (a figure's numbers, a quote's speaker).
    pub attrs: Attributes,
    /// Which rule made it (`figure`, `quote`, `claim`) or which pattern (`FILE:LINE`).
    pub rule: String,
    /// How much it deserves a look.
    pub priority: Priority,
    /// Who said it, when the rule found out.
    pub said_by: Option<Speaker>,
}

impl Suggestion {
    /// First char of its first range.
    pub fn start(&self) -> usize {
        self.ranges.first().map_or(0, |r| r.start)
    }

    /// One past the last char of its last range.
    pub fn end(&self) -> usize {
        self.ranges.last().map_or(0, |r| r.end)
    }

    /// Whether one of its ranges overlaps `r`.
    pub fn overlaps(&self, r: &Range<usize>) -> bool {
        self.ranges
            .iter()
            .any(|x| x.start < r.end && r.start < x.end)
    }

    /// The rejection that keeps it from being proposed again.
    pub fn rejection(&self) -> Rejected {
        Rejected::new(self.doc.clone(), &self.ranges, &self.label, &self.rule)
    }
}

/// What [`suggest`] reads: one document and what the project knows about it.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    /// The document.
    pub doc: &'a DocId,
    /// Its text.
    pub text: &'a DocText,
    /// The project's labels.
    pub labels: &'a LabelScheme,
    /// The document's annotations (others are ignored).
    pub existing: &'a [Annotation],
    /// The project's rejected suggestions (those of other documents are ignored).
    pub rejected: &'a [Rejected],
    /// The loaded pattern files.
    pub patterns: &'a PatternSet,
}

/// From this many bytes of text the rules run on several threads.
const PARALLEL_BYTES: usize = 256 * 1024;

/// `n` consecutive pieces of about equal size that cover `s`, cut after blank lines.
fn pieces(s: &str, n: usize) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(n);
    let mut start = 0;
    for k in 1..n {
        let aim = (s.len() * k / n).max(start);
        let cut = memchr::memmem::find(&s.as_bytes()[aim..], b"\n\n").map(|i| aim + i + 2);
        match cut {
            Some(c) if c < s.len() => {
                out.push(start..c);
                start = c;
            }
            _ => break,
        }
    }
    out.push(start..s.len());
    out
}

/// A suggestion as a rule finds it, before labels and filters: kind, byte ranges,
/// attributes and speaker bytes.
pub(crate) struct Found {
    kind: LabelKind,
    ranges: Vec<Range<usize>>,
    attrs: Attributes,
    rule: &'static str,
    priority: Priority,
    speaker: Option<Range<usize>>,
}

/// Every suggestion for one document, sorted by start, then label: rules first, then
/// patterns; none that overlaps an annotation of its label or another suggestion of its
/// label found before it, none rejected before, none whose label the scheme lacks.
pub fn suggest(input: &Input<'_>) -> Vec<Suggestion> {
    let text = input.text;
    let s = text.as_str();
    let label_of = |kind: LabelKind| {
        input
            .labels
            .iter()
            .find(|l| l.kind == kind)
            .map(|l| l.id.clone())
    };
    let wants = |kind| label_of(kind).is_some();
    let (figures, quotes, claims) = (
        wants(LabelKind::Figure),
        wants(LabelKind::Quote),
        wants(LabelKind::Claim),
    );
    // A long article is read in pieces on the machine's cores, each piece ending at
    // a blank line, where the figure parser and the quotations start afresh; "he
    // said" then looks back across pieces in the joined context.
    let pieces = pieces(
        s,
        if s.len() >= PARALLEL_BYTES {
            crate::par::threads()
        } else {
            1
        },
    );
    let parts = crate::par::map(&pieces, |r| {
        let f = if figures {
            figures::find_in(s, r.clone())
        } else {
            Vec::new()
        };
        let cx = (quotes || claims).then(|| context::Context::read_in(s, r.clone()));
        (f, cx)
    });
    let mut found = Vec::new();
    let mut contexts = Vec::new();
    for (f, cx) in parts {
        found.extend(f);
        contexts.extend(cx);
    }
    let cx = context::Context::join(contexts);
    let attributed = {
        let mut a = if quotes {
            quotes::find(s, &cx)
        } else {
            Vec::new()
        };
        if claims {
            a.extend(claims::find(s, &cx));
        }
        a
    };
    let matched = input.patterns.find(text);
    found.extend(attributed);
    let source_label = label_of(LabelKind::Source);
    let mut out: Vec<Suggestion> = Vec::with_capacity(found.len());
    let chars = |r: &Range<usize>| text.char_of(r.start)..text.char_of(r.end);
    for f in found {
        let Some(label) = label_of(f.kind) else {
            continue;
        };
        let ranges: Vec<Range<usize>> = f.ranges.iter().map(chars).collect();
        let said_by = f.speaker.as_ref().and_then(|r| {
            let label = source_label.clone()?;
            Some(speaker_at(input, &label, chars(r)))
        });
        let mut attrs = f.attrs;
        if let Some(sp) = &said_by {
            attrs.speaker = Some(one_line(&sp.text));
        }
        out.push(make(
            input,
            label,
            ranges,
            attrs,
            f.rule.to_owned(),
            f.priority,
            said_by,
        ));
    }
    for m in matched {
        let Some(label) = input.patterns.label_in(&m.label, input.labels) else {
            continue;
        };
        out.push(make(
            input,
            label,
            vec![m.chars],
            Attributes::default(),
            m.rule,
            Priority::High,
            None,
        ));
    }
    keep_new(input, out)
}

fn make(
    input: &Input<'_>,
    label: String,
    ranges: Vec<Range<usize>>,
    attrs: Attributes,
    rule: String,
    priority: Priority,
    said_by: Option<Speaker>,
) -> Suggestion {
    let text = crate::model::joined_text(input.text, &ranges);
    Suggestion {
        doc: input.doc.clone(),
        label,
        ranges,
        text,
        attrs,
        rule,
        priority,
        said_by,
    }
}

/// The speaker named at `r`: the existing source annotation there, else a new span.
fn speaker_at(input: &Input<'_>, label: &str, r: Range<usize>) -> Speaker {
    if let Some(a) = input
        .existing
        .iter()
        .find(|a| a.label == label && !a.orphaned && a.overlaps(&r))
    {
        return Speaker {
            label: label.to_owned(),
            start: a.start,
            end: a.end,
            text: a.text.clone(),
            existing: Some(a.id.clone()),
        };
    }
    Speaker {
        label: label.to_owned(),
        start: r.start,
        end: r.end,
        text: input.text.slice(r).to_owned(),
        existing: None,
    }
}

/// White space runs as one space: a name broken over a line is one name.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The suggestions in order, without those the document has, those rejected, and
/// those overlapping an earlier one of their label.
fn keep_new(input: &Input<'_>, mut all: Vec<Suggestion>) -> Vec<Suggestion> {
    let rejected: Vec<&Rejected> = input
        .rejected
        .iter()
        .filter(|r| r.doc == *input.doc)
        .collect();
    let annotated = Covered::new(
        input
            .existing
            .iter()
            .filter(|a| !a.orphaned)
            .flat_map(|a| a.ranges().map(move |r| (a.label.as_str(), r))),
    );
    // Rules before patterns at one place; the stable sort keeps that order.
    all.sort_by(|a, b| (a.start(), &a.label).cmp(&(b.start(), &b.label)));
    let mut out: Vec<Suggestion> = Vec::with_capacity(all.len());
    for s in all {
        let covered = s.ranges.iter().any(|r| annotated.overlaps(&s.label, r));
        let refused = rejected
            .iter()
            .any(|r| r.is_of(&s.doc, &s.ranges, &s.label, &s.rule));
        // Sorted by start, an earlier suggestion that overlaps is among the last few.
        let twice = out
            .iter()
            .rev()
            .take(64)
            .any(|o| o.label == s.label && s.ranges.iter().any(|r| o.overlaps(r)));
        if !(covered || refused || twice) {
            out.push(s);
        }
    }
    out
}

/// Ranges by label, for asking quickly whether a range overlaps one of them.
struct Covered<'a> {
    /// (label, start, the largest end up to here among this label's ranges), sorted.
    by: Vec<(&'a str, usize, usize)>,
}

impl<'a> Covered<'a> {
    fn new(ranges: impl Iterator<Item = (&'a str, Range<usize>)>) -> Self {
        let mut v: Vec<(&str, usize, usize)> = ranges.map(|(l, r)| (l, r.start, r.end)).collect();
        v.sort_unstable();
        let mut max = (None, 0);
        for e in &mut v {
            if max.0 != Some(e.0) {
                max = (Some(e.0), 0);
            }
            max.1 = max.1.max(e.2);
            e.2 = max.1;
        }
        Self { by: v }
    }

    /// Whether a range of `label` overlaps `r`.
    fn overlaps(&self, label: &str, r: &Range<usize>) -> bool {
        let i = self
            .by
            .partition_point(|&(l, s, _)| (l, s) < (label, r.end));
        i > 0 && self.by[i - 1].0 == label && self.by[i - 1].2 > r.start
    }
}

#[cfg(test)]
mod tests;
