//! An annotation: a labelled span with its exact text, context, note and attributes.

use super::{AnnotationId, ClusterId, DocId};
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
    /// Figure: the lowest the value can be ("more than 2.5 million": 2500000; "between
    /// 2 and 3 million": 2000000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    /// Figure: the highest the value can be ("up to 5,000": 5000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    /// Figure: unit of the value ("people", "troops", "USD").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Figure: what is counted ("protesters in Baghdad").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counted: Option<String>,
    /// Figure: exact, approximate or a bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision: Option<Precision>,
    /// Figure: the number fields (value, low, high, unit, precision) were read from the
    /// span's words by [`crate::figure`], not typed; typing any of them clears it, and a
    /// moved span is read again while it is set.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub from_text: bool,
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
        add("low", Figure, self.low.map(|v| v.to_string()));
        add("high", Figure, self.high.map(|v| v.to_string()));
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
    /// relabel left behind (a claim that still carries a figure's unit). The speaker
    /// belongs to every kind a source can be linked to (claims, quotes, figures).
    pub fn foreign_to(&self, kind: super::LabelKind) -> Vec<(&'static str, String)> {
        self.set_builtins()
            .into_iter()
            .filter(|(n, k, _)| *k != kind && !(*n == "speaker" && kind.is_attributable()))
            .map(|(n, _, v)| (n, v))
            .collect()
    }

    /// Clears the built-in attribute called `name` (as [`Attributes::set_builtins`]
    /// names it); an unknown name changes nothing.
    pub fn clear(&mut self, name: &str) {
        match name {
            "speaker" => self.speaker = None,
            "value" => self.value = None,
            "low" => self.low = None,
            "high" => self.high = None,
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
    /// The clusters it is a member of, sorted (see [`super::Cluster`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clusters: Vec<ClusterId>,
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
            clusters: Vec::new(),
            annotator: annotator.to_owned(),
            created: t,
            modified: t,
            orphaned: false,
        };
        a.set_span(text, start, end)?;
        Ok(a)
    }

    /// Moves the primary range to `[start, end)` of `text`, keeping the extra ranges
    /// (an extra range it now overlaps or touches becomes part of it), and refreshes
    /// the exact text and context. Clears the orphaned flag: the span is placed again.
    pub fn set_span(&mut self, text: &DocText, start: usize, end: usize) -> Result<(), SpanError> {
        let mut ranges = Vec::with_capacity(1 + self.more.len());
        ranges.push(start..end);
        ranges.extend(self.more.iter().map(|r| r.range()));
        self.set_ranges(text, &ranges)
    }

    /// Makes the span cover `ranges` of `text` (a quote interrupted by "he said" is two):
    /// sorted, with ranges that overlap or touch made one. The first becomes
    /// `[start, end)`, the others `more`; `text` becomes their texts joined by one
    /// space, as brat joins the fragments of a discontinuous span, and the context is
    /// that of the first range. Clears the orphaned flag. On error nothing changes.
    pub fn set_ranges(&mut self, text: &DocText, ranges: &[Range<usize>]) -> Result<(), SpanError> {
        for r in ranges {
            check_span(text, r.start, r.end)?;
        }
        let merged = merge_ranges(ranges);
        let Some(first) = merged.first().cloned() else {
            return Err(SpanError::Empty { start: 0, end: 0 });
        };
        self.start = first.start;
        self.end = first.end;
        self.more = merged[1..]
            .iter()
            .map(|r| CharRange {
                start: r.start,
                end: r.end,
            })
            .collect();
        self.text = joined_text(text, &merged);
        let (prefix, suffix) = text.context(first, CONTEXT_CHARS);
        self.prefix = prefix.to_owned();
        self.suffix = suffix.to_owned();
        self.orphaned = false;
        Ok(())
    }

    /// The primary range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Every range, in text order: the primary one, then `more`.
    pub fn ranges(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        std::iter::once(self.range()).chain(self.more.iter().map(|r| r.range()))
    }

    /// From the first range's start to the last range's end.
    pub fn hull(&self) -> Range<usize> {
        let end = self.more.iter().map(|r| r.end).fold(self.end, usize::max);
        self.start..end
    }

    /// True when `c` is in one of the ranges.
    pub fn covers(&self, c: usize) -> bool {
        self.ranges().any(|r| r.contains(&c))
    }

    /// True when one of the ranges overlaps `r` (a non-empty overlap).
    pub fn overlaps(&self, r: &Range<usize>) -> bool {
        self.ranges().any(|x| x.start < r.end && x.end > r.start)
    }

    /// The key of the project file's stable order: document, start, id.
    pub fn sort_key(&self) -> (&DocId, usize, &AnnotationId) {
        (&self.doc, self.start, &self.id)
    }
}

/// `ranges` sorted, with those that overlap or touch made one; empty ones dropped.
pub fn merge_ranges(ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut sorted: Vec<Range<usize>> =
        ranges.iter().filter(|r| r.start < r.end).cloned().collect();
    sorted.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(sorted.len());
    for r in sorted {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The text of a span over `ranges` of `text`: their texts joined by one space, as
/// brat joins the fragments of a discontinuous span. One range gives its text alone.
pub fn joined_text(text: &DocText, ranges: &[Range<usize>]) -> String {
    let mut out = String::new();
    for (i, r) in ranges.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(text.slice(r.clone()));
    }
    out
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
            at.foreign_to(LabelKind::Other),
            vec![
                ("speaker", "Ali Shamkhani".to_owned()),
                ("verdict", "false".to_owned())
            ]
        );
        // A claim or a figure can be attributed: the speaker is theirs too.
        assert!(
            at.foreign_to(LabelKind::Figure)
                .iter()
                .all(|(n, _)| *n != "speaker")
        );
        assert_eq!(
            at.foreign_to(LabelKind::Source),
            at.foreign_to(LabelKind::Other)
        );
        assert!(
            at.foreign_to(LabelKind::Quote)
                .iter()
                .any(|(n, _)| *n == "verdict")
        );
        at.clear("speaker");
        assert_eq!(at.foreign_to(LabelKind::Other).len(), 1);
        assert_eq!(at.verdict.as_deref(), Some("false"));
    }
}

#[cfg(test)]
mod range_tests {
    use super::*;

    const SPLIT: &str =
        "“The people have spoken,” said Hassan al-Amiri, “and they will not be silenced.”";

    fn at(t: &DocText, needle: &str) -> Range<usize> {
        let b = t.as_str().find(needle).unwrap();
        let s = t.char_of(b);
        s..s + needle.chars().count()
    }

    #[test]
    fn a_split_quote_joins_its_ranges_with_one_space_as_brat_does() {
        let t = DocText::new(SPLIT.to_owned());
        let (one, two) = (
            at(&t, "The people have spoken,"),
            at(&t, "and they will not be silenced."),
        );
        let mut a =
            Annotation::new(DocId::from("d"), &t, one.start, one.end, "quote", "t").unwrap();
        // Given out of order: sorted, the first becomes the primary range.
        a.set_ranges(&t, &[two.clone(), one.clone()]).unwrap();
        assert_eq!(a.range(), one);
        assert_eq!(
            a.more,
            vec![CharRange {
                start: two.start,
                end: two.end
            }]
        );
        assert_eq!(
            a.text,
            "The people have spoken, and they will not be silenced."
        );
        assert_eq!(
            a.ranges().collect::<Vec<_>>(),
            vec![one.clone(), two.clone()]
        );
        assert_eq!(a.hull(), one.start..two.end);
        assert!(a.covers(two.start) && !a.covers(one.end + 2));
        assert_eq!(a.prefix, "“", "the context is the first range's");
        // Moving the primary range keeps the other one and the joined text follows.
        let shorter = at(&t, "The people");
        a.set_span(&t, shorter.start, shorter.end).unwrap();
        assert_eq!(a.text, "The people and they will not be silenced.");
        // Dropping back to one range gives plain text again.
        a.set_ranges(&t, std::slice::from_ref(&two)).unwrap();
        assert!(a.more.is_empty());
        assert_eq!(a.text, "and they will not be silenced.");
    }

    #[test]
    fn overlapping_and_touching_ranges_become_one_and_bad_ones_change_nothing() {
        let t = DocText::new(SPLIT.to_owned());
        let mut a = Annotation::new(DocId::from("d"), &t, 1, 11, "quote", "t").unwrap();
        a.set_ranges(&t, &[1..11, 5..20, 20..24, 30..40]).unwrap();
        assert_eq!(a.ranges().collect::<Vec<_>>(), vec![1..24, 30..40]);
        assert_eq!(a.text, format!("{} {}", t.slice(1..24), t.slice(30..40)));
        let before = a.clone();
        let n = t.char_len();
        assert!(matches!(
            a.set_ranges(&t, &[1..5, n..n + 3]),
            Err(SpanError::OutOfRange { .. })
        ));
        assert!(matches!(
            a.set_ranges(&t, std::slice::from_ref(&(7..7))),
            Err(SpanError::Empty { .. })
        ));
        assert!(a.set_ranges(&t, &[]).is_err());
        assert_eq!(a, before);
        assert_eq!(merge_ranges(&[9..12, 3..4, 4..6, 0..0]), vec![3..6, 9..12]);
    }
}
