//! Suggestions a person rejected, kept in the project file so that the rules and
//! pattern files do not propose them again (see [`crate::suggest`]).
//!
//! A rejection names the document, the label, every range and the rule (or pattern
//! line) that made the suggestion: another rule proposing the same span, or the same
//! rule proposing it with another label, is a new suggestion.

use super::{CharRange, DocId};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// One rejected suggestion.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Rejected {
    /// The document it was in.
    pub doc: DocId,
    /// First char of its first range.
    pub start: usize,
    /// One past the last char of its first range.
    pub end: usize,
    /// Its further ranges (a quote split by its attribution), in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more: Vec<CharRange>,
    /// The label it was proposed with.
    pub label: String,
    /// The rule or pattern that proposed it (`quote`, `figure`, `officials.jsonl:3`).
    pub rule: String,
}

impl Rejected {
    /// The rejection of a suggestion over `ranges` (sorted, at least one).
    pub fn new(doc: DocId, ranges: &[Range<usize>], label: &str, rule: &str) -> Self {
        let first = ranges.first().cloned().unwrap_or(0..0);
        Self {
            doc,
            start: first.start,
            end: first.end,
            more: ranges
                .iter()
                .skip(1)
                .map(|r| CharRange {
                    start: r.start,
                    end: r.end,
                })
                .collect(),
            label: label.to_owned(),
            rule: rule.to_owned(),
        }
    }

    /// Whether this is the rejection of a suggestion with these fields.
    pub fn is_of(&self, doc: &DocId, ranges: &[Range<usize>], label: &str, rule: &str) -> bool {
        self.doc == *doc
            && self.label == label
            && self.rule == rule
            && ranges.len() == 1 + self.more.len()
            && ranges.first() == Some(&(self.start..self.end))
            && ranges[1..]
                .iter()
                .zip(&self.more)
                .all(|(r, m)| *r == m.range())
    }
}
