//! Re-anchoring: finding annotations again after their article file changed.
//!
//! Each annotation keeps its exact text and some context (a text quote selector). When
//! the text under its offsets no longer matches, we look for the exact text, preferring
//! the occurrence whose context matches best and then the one nearest the old place
//! (a paragraph inserted above moves every span). Failing that, a fuzzy search places it
//! between its old context or around the pieces of its text that survive (a typo fixed
//! inside the span). What cannot be placed is flagged orphaned and kept.

use crate::model::{Annotation, CONTEXT_CHARS};
use crate::text::DocText;
use std::ops::Range;

/// Lowest similarity (normalised Levenshtein, 0..1) for a fuzzy placement.
pub const FUZZY_THRESHOLD: f64 = 0.75;

/// Most occurrences of one needle considered, so a short common span stays cheap.
const MAX_OCCURRENCES: usize = 200;

/// Where an annotation ended up.
#[derive(Clone, Debug, PartialEq)]
pub enum Placement {
    /// Its offsets still cover its text.
    Unchanged,
    /// Found its exact text elsewhere.
    Moved(Range<usize>),
    /// Found a close match (the text under the span changed); similarity in 0..1.
    Fuzzy(Range<usize>, f64),
    /// Not found.
    Orphaned,
}

/// Finds an annotation on a (possibly changed) text. Pure: the caller applies the result.
pub fn locate(text: &DocText, a: &Annotation) -> Placement {
    if a.start < a.end && a.end <= text.char_len() && text.slice(a.range()) == a.text {
        return Placement::Unchanged;
    }
    if a.text.is_empty() {
        return Placement::Orphaned;
    }
    if let Some(r) = best_exact(text, a) {
        return Placement::Moved(r);
    }
    match best_fuzzy(text, a) {
        Some((r, score)) => Placement::Fuzzy(r, score),
        None => Placement::Orphaned,
    }
}

/// Char offsets of the occurrences of `needle` in `text`, at most `MAX_OCCURRENCES`.
fn occurrences(text: &DocText, needle: &str) -> Vec<usize> {
    if needle.is_empty() {
        return Vec::new();
    }
    text.as_str()
        .match_indices(needle)
        .take(MAX_OCCURRENCES)
        .map(|(b, _)| text.char_of(b))
        .collect()
}

/// How many chars of the stored context agree with the text around `r`.
fn context_score(text: &DocText, a: &Annotation, r: &Range<usize>) -> usize {
    let (before, after) = text.context(r.clone(), CONTEXT_CHARS);
    let pre = before
        .chars()
        .rev()
        .zip(a.prefix.chars().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let suf = after
        .chars()
        .zip(a.suffix.chars())
        .take_while(|(x, y)| x == y)
        .count();
    pre + suf
}

fn best_exact(text: &DocText, a: &Annotation) -> Option<Range<usize>> {
    let len = a.text.chars().count();
    occurrences(text, &a.text)
        .into_iter()
        .map(|s| s..s + len)
        .max_by_key(|r| {
            (
                context_score(text, a, r),
                std::cmp::Reverse(r.start.abs_diff(a.start)),
            )
        })
}

fn similarity(text: &DocText, a: &Annotation, r: &Range<usize>) -> f64 {
    strsim::normalized_levenshtein(&a.text, text.slice(r.clone()))
}

/// The first and last `n` chars of `s`.
fn head_tail(s: &str, n: usize) -> (&str, &str) {
    let count = s.chars().count();
    let head_end = s.char_indices().nth(n).map_or(s.len(), |(b, _)| b);
    let tail_start = s
        .char_indices()
        .nth(count.saturating_sub(n))
        .map_or(0, |(b, _)| b);
    (&s[..head_end], &s[tail_start..])
}

fn best_fuzzy(text: &DocText, a: &Annotation) -> Option<(Range<usize>, f64)> {
    let len = a.text.chars().count();
    let max_len = len + len / 2 + 8;
    let min_len = (len / 2).max(1);
    let n = text.char_len();
    let mut candidates: Vec<Range<usize>> = Vec::new();

    // Between the old context: the prefix still ends where the span starts and the
    // suffix still starts where it ends.
    let (_, prefix_tail) = head_tail(&a.prefix, 16);
    let (suffix_head, _) = head_tail(&a.suffix, 16);
    let prefix_len = prefix_tail.chars().count();
    let starts_after_prefix: Vec<usize> = if prefix_len >= 4 {
        occurrences(text, prefix_tail)
            .into_iter()
            .map(|p| p + prefix_len)
            .collect()
    } else {
        Vec::new()
    };
    let ends_before_suffix: Vec<usize> = if suffix_head.chars().count() >= 4 {
        occurrences(text, suffix_head)
    } else {
        Vec::new()
    };

    // Around the pieces of the span's own text that survive.
    let piece = (len / 3).clamp(1, 24);
    let (head, tail) = head_tail(&a.text, piece);
    let tail_len = tail.chars().count();
    let starts_at_head = occurrences(text, head);
    let ends_at_tail: Vec<usize> = occurrences(text, tail)
        .into_iter()
        .map(|p| p + tail_len)
        .collect();

    let all_starts: Vec<usize> = starts_after_prefix
        .iter()
        .chain(&starts_at_head)
        .copied()
        .collect();
    let all_ends: Vec<usize> = ends_before_suffix
        .iter()
        .chain(&ends_at_tail)
        .copied()
        .collect();
    for &s in &all_starts {
        let mut paired = false;
        for &e in &all_ends {
            if e > s && e - s >= min_len && e - s <= max_len {
                candidates.push(s..e);
                paired = true;
            }
        }
        if !paired && s + len <= n {
            candidates.push(s..s + len);
        }
    }
    for &e in &all_ends {
        if e >= len {
            candidates.push(e - len..e);
        }
    }
    candidates.sort_by_key(|r| (r.start, r.end));
    candidates.dedup();

    candidates
        .into_iter()
        .filter(|r| r.start < r.end && r.end <= n)
        .map(|r| {
            let score = similarity(text, a, &r);
            (r, score)
        })
        .filter(|(_, score)| *score >= FUZZY_THRESHOLD)
        .max_by(|(ra, sa), (rb, sb)| {
            sa.total_cmp(sb)
                .then_with(|| context_score(text, a, ra).cmp(&context_score(text, a, rb)))
                .then_with(|| rb.start.abs_diff(a.start).cmp(&ra.start.abs_diff(a.start)))
        })
}

/// What re-anchoring did to one document's annotations.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnchorReport {
    /// Annotations whose offsets changed to an exact match.
    pub moved: usize,
    /// Annotations placed by a fuzzy match; their text was updated.
    pub fuzzy: usize,
    /// Annotations that could not be placed (ids), kept and flagged.
    pub orphaned: Vec<crate::model::AnnotationId>,
}

impl AnchorReport {
    /// True when nothing moved and nothing was lost.
    pub fn is_clean(&self) -> bool {
        self.moved == 0 && self.fuzzy == 0 && self.orphaned.is_empty()
    }
}

/// Re-anchors annotations in place against `text`. Spans already in place are left
/// alone; an orphan keeps its old offsets and text. Returns what happened.
pub fn reanchor<'a>(
    text: &DocText,
    annotations: impl IntoIterator<Item = &'a mut Annotation>,
) -> AnchorReport {
    let mut report = AnchorReport::default();
    for a in annotations {
        match locate(text, a) {
            Placement::Unchanged => a.orphaned = false,
            Placement::Moved(r) => {
                if a.set_span(text, r.start, r.end).is_ok() {
                    report.moved += 1;
                }
            }
            Placement::Fuzzy(r, _) => {
                if a.set_span(text, r.start, r.end).is_ok() {
                    report.fuzzy += 1;
                }
            }
            Placement::Orphaned => {
                a.orphaned = true;
                report.orphaned.push(a.id.clone());
            }
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocId;

    const ARTICLE: &str = "Sayed Sadiq al-Hashemi said more than 2.5 million took part in the \
        demonstrations on Friday. Huge crowds chanted “Get out, get out occupier!” and \
        “Yes to sovereignty!” in the Jadiriyah district.";

    fn annotate(text: &str, phrase: &str) -> (DocText, Annotation) {
        let t = DocText::new(text.to_owned());
        let b = text.find(phrase).unwrap();
        let s = t.char_of(b);
        let e = s + phrase.chars().count();
        let a = Annotation::new(DocId::from("d"), &t, s, e, "figure", "test").unwrap();
        (t, a)
    }

    #[test]
    fn unchanged_text_keeps_offsets() {
        let (t, a) = annotate(ARTICLE, "more than 2.5 million");
        assert_eq!(locate(&t, &a), Placement::Unchanged);
    }

    #[test]
    fn paragraph_inserted_above_moves_span() {
        let (_, a) = annotate(ARTICLE, "“Get out, get out occupier!”");
        let changed = format!("A new first paragraph — with “quotes”.\n\n{ARTICLE}");
        let t2 = DocText::new(changed.clone());
        match locate(&t2, &a) {
            Placement::Moved(r) => assert_eq!(t2.slice(r), "“Get out, get out occupier!”"),
            other => panic!("expected a move, got {other:?}"),
        }
    }

    #[test]
    fn nearest_occurrence_with_matching_context_wins() {
        let text = "Friday: rally. On Friday morning the rally began. Friday again.";
        let (_, a) = annotate(text, "Friday morning");
        let shifted = format!("Friday morning news. {text}");
        let t2 = DocText::new(shifted.clone());
        let Placement::Moved(r) = locate(&t2, &a) else {
            panic!("expected a move")
        };
        // Both occurrences read "Friday morning"; the one with the old context wins.
        assert_eq!(t2.slice(r.start.saturating_sub(3)..r.start), "On ");
    }

    #[test]
    fn typo_fixed_inside_span_is_found_fuzzily() {
        let (_, a) = annotate(ARTICLE, "the demonstrations on Friday");
        let fixed = ARTICLE.replace("demonstrations", "demonstration");
        let t2 = DocText::new(fixed);
        match locate(&t2, &a) {
            Placement::Fuzzy(r, score) => {
                assert_eq!(t2.slice(r), "the demonstration on Friday");
                assert!(score > 0.9);
            }
            other => panic!("expected a fuzzy match, got {other:?}"),
        }
    }

    #[test]
    fn removed_sentence_is_orphaned_and_kept() {
        let (_, mut a) = annotate(ARTICLE, "Yes to sovereignty!");
        let gone = ARTICLE.replace("and “Yes to sovereignty!” ", "");
        let t2 = DocText::new(gone);
        let before = a.clone();
        let report = reanchor(&t2, std::iter::once(&mut a));
        assert_eq!(report.orphaned, vec![before.id.clone()]);
        assert!(a.orphaned);
        assert_eq!(
            (a.start, a.end, &a.text),
            (before.start, before.end, &before.text)
        );
    }
}
