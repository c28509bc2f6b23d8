//! An annotation: a labelled span with its exact text, context, note and attributes.

use super::{AnnotationId, DocId};
use crate::text::DocText;
use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

/// How many chars of context are kept on each side of a span, for re-anchoring and for
/// W3C TextQuoteSelector exports.
pub const CONTEXT_CHARS: usize = 32;

/// A half-open range of chars, `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CharRange {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
}

impl CharRange {
    /// The range as a `Range<usize>`.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

/// How a figure relates to the number it states ("more than 2.5 million" is `AtLeast`).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Precision {
    /// Stated as an exact count.
    Exact,
    /// "around", "some", a rounded number.
    Approximate,
    /// "more than", "at least".
    AtLeast,
    /// "up to", "fewer than".
    AtMost,
}

impl Precision {
    /// All values, for menus.
    pub const ALL: &[Precision] = <Self as strum::VariantArray>::VARIANTS;

    /// The name used in exports (`exact`, `approximate`, `at-least`, `at-most`).
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Parses the export name.
    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }
}

/// Label-specific attributes. One flat struct rather than one per label so that
/// relabelling a span never throws away what was typed; the inspector shows the fields
/// that belong to the label's kind, and exports write only the fields that are set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Attributes {
    /// Figure: the number as a plain value ("2.5 million" is 2500000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Figure: unit of the value ("people", "troops", "USD").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Figure: what is counted ("protesters in Baghdad").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counted: Option<String>,
    /// Figure: exact, approximate or a bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision: Option<Precision>,
    /// Quote: who said it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Claim: worth checking or not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check_worthy: Option<bool>,
    /// Claim: the verdict of a check, in the project's own rating words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<String>,
    /// Attributes of project-defined labels, by name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub custom: BTreeMap<String, String>,
}

impl Attributes {
    /// True when nothing is set.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The built-in attributes that are set, as (name, kind it belongs to, value).
    pub fn set_builtins(&self) -> Vec<(&'static str, super::LabelKind, String)> {
        use super::LabelKind::{Claim, Figure, Quote};
        let mut out = Vec::new();
        let mut add = |name, kind, v: Option<String>| {
            if let Some(v) = v {
                out.push((name, kind, v));
            }
        };
        add("speaker", Quote, self.speaker.clone());
        add("value", Figure, self.value.map(|v| v.to_string()));
        add("unit", Figure, self.unit.clone());
        add("counted", Figure, self.counted.clone());
        add(
            "precision",
            Figure,
            self.precision.map(|p| p.as_str().to_owned()),
        );
        add(
            "check_worthy",
            Claim,
            self.check_worthy.map(|b| b.to_string()),
        );
        add("verdict", Claim, self.verdict.clone());
        out
    }

    /// The built-in attributes set that belong to a kind other than `kind`: what a
    /// relabel left behind (a claim that still carries a quote's speaker).
    pub fn foreign_to(&self, kind: super::LabelKind) -> Vec<(&'static str, String)> {
        self.set_builtins()
            .into_iter()
            .filter(|(_, k, _)| *k != kind)
            .map(|(n, _, v)| (n, v))
            .collect()
    }

    /// Clears the built-in attribute called `name` (as [`Attributes::set_builtins`]
    /// names it); an unknown name changes nothing.
    pub fn clear(&mut self, name: &str) {
        match name {
            "speaker" => self.speaker = None,
            "value" => self.value = None,
            "unit" => self.unit = None,
            "counted" => self.counted = None,
            "precision" => self.precision = None,
            "check_worthy" => self.check_worthy = None,
            "verdict" => self.verdict = None,
            _ => {}
        }
    }
}

/// A labelled span of a document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    /// Stable id.
    pub id: AnnotationId,
    /// The document it belongs to.
    pub doc: DocId,
    /// First char of the span.
    pub start: usize,
    /// One past the last char of the span.
    pub end: usize,
    /// Further ranges for a discontinuous span (a quote interrupted by "he said"),
    /// in text order, after `[start, end)`. Empty for ordinary spans.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more: Vec<CharRange>,
    /// Label id from the scheme.
    pub label: String,
    /// The exact text of `[start, end)`.
    pub text: String,
    /// Up to [`CONTEXT_CHARS`] chars before the span.
    #[serde(default)]
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] chars after the span.
    #[serde(default)]
    pub suffix: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Label-specific attributes.
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    pub attrs: Attributes,
    /// Who made it.
    #[serde(default)]
    pub annotator: String,
    /// When it was made (UTC).
    #[serde(deserialize_with = "super::time::deserialize")]
    pub created: DateTime<Utc>,
    /// When it was last changed (UTC).
    #[serde(deserialize_with = "super::time::deserialize")]
    pub modified: DateTime<Utc>,
    /// Set when the article changed and the span could not be found again. The
    /// annotation is kept, with its last known offsets, until a person places it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub orphaned: bool,
}

/// Why a span cannot be made on a text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpanError {
    /// Start at or after end.
    #[error("span {start}..{end} is empty or reversed")]
    Empty {
        /// Start given.
        start: usize,
        /// End given.
        end: usize,
    },
    /// End past the text.
    #[error("span {start}..{end} runs past the end of the text ({len} chars)")]
    OutOfRange {
        /// Start given.
        start: usize,
        /// End given.
        end: usize,
        /// Length of the text in chars.
        len: usize,
    },
}

/// The current time, to the second: sub-second digits would only add noise to diffs.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

impl Annotation {
    /// A new annotation over `[start, end)` of `text`, with its exact text and context
    /// filled in, a fresh id and the current time.
    pub fn new(
        doc: DocId,
        text: &DocText,
        start: usize,
        end: usize,
        label: &str,
        annotator: &str,
    ) -> Result<Self, SpanError> {
        let t = now();
        let mut a = Annotation {
            id: AnnotationId::random(),
            doc,
            start,
            end,
            more: Vec::new(),
            label: label.to_owned(),
            text: String::new(),
            prefix: String::new(),
            suffix: String::new(),
            note: String::new(),
            attrs: Attributes::default(),
            annotator: annotator.to_owned(),
            created: t,
            modified: t,
            orphaned: false,
        };
        a.set_span(text, start, end)?;
        Ok(a)
    }

    /// Moves the span to `[start, end)` of `text` and refreshes its exact text and
    /// context. Clears the orphaned flag: the span is placed again.
    pub fn set_span(&mut self, text: &DocText, start: usize, end: usize) -> Result<(), SpanError> {
        check_span(text, start, end)?;
        self.start = start;
        self.end = end;
        self.text = text.slice(start..end).to_owned();
        let (prefix, suffix) = text.context(start..end, CONTEXT_CHARS);
        self.prefix = prefix.to_owned();
        self.suffix = suffix.to_owned();
        self.orphaned = false;
        Ok(())
    }

    /// The primary range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The key of the project file's stable order: document, start, id.
    pub fn sort_key(&self) -> (&DocId, usize, &AnnotationId) {
        (&self.doc, self.start, &self.id)
    }
}

/// Checks that `[start, end)` is a non-empty span inside `text`.
pub fn check_span(text: &DocText, start: usize, end: usize) -> Result<(), SpanError> {
    if start >= end {
        return Err(SpanError::Empty { start, end });
    }
    if end > text.char_len() {
        return Err(SpanError::OutOfRange {
            start,
            end,
            len: text.char_len(),
        });
    }
    Ok(())
}

impl fmt::Display for Annotation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}..{} {} {:?}",
            self.id, self.start, self.end, self.label, self.text
        )
    }
}

#[cfg(test)]
mod foreign_tests {
    use super::*;
    use crate::model::LabelKind;

    #[test]
    fn a_relabelled_quote_keeps_its_speaker_as_foreign_until_cleared() {
        let mut at = Attributes {
            speaker: Some("Ali Shamkhani".into()),
            verdict: Some("false".into()),
            ..Default::default()
        };
        assert_eq!(
            at.foreign_to(LabelKind::Claim),
            vec![("speaker", "Ali Shamkhani".to_owned())]
        );
        assert!(
            at.foreign_to(LabelKind::Quote)
                .iter()
                .any(|(n, _)| *n == "verdict")
        );
        at.clear("speaker");
        assert!(at.foreign_to(LabelKind::Claim).is_empty());
        assert_eq!(at.verdict.as_deref(), Some("false"));
    }
}
