//! Re-anchoring: finding annotations again after their article file changed.
//!
//! Each annotation keeps its exact text and some context (a text quote selector). When
//! the text under its offsets no longer matches, we look for the exact text, preferring
//! the occurrence whose context matches best and then the one nearest the old place
//! (a paragraph inserted above moves every span). Failing that, a fuzzy search places it
//! between its old context or around the pieces of its text that survive (a typo fixed
//! inside the span). What cannot be placed is flagged orphaned and kept.

use crate::model::{Annotation, CONTEXT_CHARS, joined_text};
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
/// A span of several ranges is in place when every range still covers its piece of the
/// text; otherwise its first range is found as a one-range span is, and the others
/// where they were relative to it, or failing that at the nearest place after it that
/// reads the same ([`Placement::Moved`] or [`Placement::Fuzzy`] then names the first
/// range); when one of them is not found, the whole span is orphaned.
pub fn locate(text: &DocText, a: &Annotation) -> Placement {
    locate_ranges(text, a).0
}

/// [`locate`], with every range of a span of several when it moved.
fn locate_ranges(text: &DocText, a: &Annotation) -> (Placement, Option<Vec<Range<usize>>>) {
    if a.more.is_empty() {
        return (locate_one(text, a), None);
    }
    let n = text.char_len();
    let old: Vec<Range<usize>> = a.ranges().collect();
    let pieces = pieces(a);
    if old.iter().all(|r| r.start < r.end && r.end <= n) {
        let joined = joined_text(text, &old);
        // Written before the pieces were joined: the text of the first range alone.
        let legacy = pieces.is_none() && text.slice(a.range()) == a.text;
        if joined == a.text || legacy {
            return (Placement::Unchanged, None);
        }
    }
    let mut first = a.clone();
    first.more.clear();
    if let Some(p) = &pieces {
        first.text = p[0].clone();
    }
    let placement = locate_one(text, &first);
    let r0 = match &placement {
        Placement::Unchanged => a.range(),
        Placement::Moved(r) | Placement::Fuzzy(r, _) => r.clone(),
        Placement::Orphaned => return (Placement::Orphaned, None),
    };
    match place_others(text, &old, pieces.as_deref(), r0.clone()) {
        Some(all) => {
            let placement = match placement {
                Placement::Unchanged => Placement::Moved(r0),
                p => p,
            };
            (placement, Some(all))
        }
        None => (Placement::Orphaned, None),
    }
}

/// The text of each range of a span of several, cut out of its joined text by the
/// ranges' lengths; `None` when the text is not theirs joined by single spaces.
fn pieces(a: &Annotation) -> Option<Vec<String>> {
    let mut chars = a.text.chars();
    let mut out = Vec::with_capacity(1 + a.more.len());
    for (i, r) in a.ranges().enumerate() {
        if i > 0 && chars.next() != Some(' ') {
            return None;
        }
        let piece: String = chars.by_ref().take(r.end.saturating_sub(r.start)).collect();
        if piece.chars().count() != r.end.saturating_sub(r.start) {
            return None;
        }
        out.push(piece);
    }
    chars.next().is_none().then_some(out)
}

/// Every range of a span of several once its first range is at `first`: each other one
/// where it was relative to the first, else at the occurrence of its text after the
/// range before it nearest to that place. Without the pieces' texts (an old file), only
/// the same shift is tried. `None` when a range is not found.
fn place_others(
    text: &DocText,
    old: &[Range<usize>],
    pieces: Option<&[String]>,
    first: Range<usize>,
) -> Option<Vec<Range<usize>>> {
    let n = text.char_len();
    let delta = first.start as i64 - old[0].start as i64;
    let shift = |c: usize| (c as i64 + delta).max(0) as usize;
    let mut out = vec![first];
    for (k, r) in old.iter().enumerate().skip(1) {
        let after = out.last().map_or(0, |r| r.end);
        let want = shift(r.start)..shift(r.end);
        let fits = want.start >= after && want.start < want.end && want.end <= n;
        let placed = match pieces.map(|p| p[k].as_str()) {
            None => fits.then_some(want),
            Some(piece) if fits && text.slice(want.clone()) == piece => Some(want),
            Some(piece) => {
                let len = piece.chars().count();
                occurrences(text, piece)
                    .into_iter()
                    .filter(|&s| s >= after)
                    .min_by_key(|&s| s.abs_diff(want.start))
                    .map(|s| s..s + len)
            }
        }?;
        out.push(placed);
    }
    Some(out)
}

/// [`locate`] for a span of one range.
fn locate_one(text: &DocText, a: &Annotation) -> Placement {
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
        let (placement, all) = locate_ranges(text, a);
        let place = |a: &mut Annotation, r: Range<usize>| match &all {
            Some(all) => a.set_ranges(text, all).is_ok(),
            None => {
                a.more.clear();
                a.set_span(text, r.start, r.end).is_ok()
            }
        };
        match placement {
            Placement::Unchanged => a.orphaned = false,
            Placement::Moved(r) => {
                if place(a, r) {
                    report.moved += 1;
                }
            }
            Placement::Fuzzy(r, _) => {
                if place(a, r) {
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

    /// The split quote of the issue: two ranges around "said Hassan al-Amiri".
    const SPLIT: &str = "Huge crowds gathered. “The people have spoken,” said Hassan al-Amiri, \
        “and they will not be silenced.” Then the march began.";

    fn split_quote(text: &str) -> (DocText, Annotation) {
        let t = DocText::new(text.to_owned());
        let at = |needle: &str| {
            let s = t.char_of(text.find(needle).unwrap());
            s..s + needle.chars().count()
        };
        let (one, two) = (
            at("The people have spoken,"),
            at("and they will not be silenced."),
        );
        let mut a =
            Annotation::new(DocId::from("d"), &t, one.start, one.end, "quote", "t").unwrap();
        a.set_ranges(&t, &[one, two]).unwrap();
        (t, a)
    }

    #[test]
    fn a_split_quote_in_place_is_unchanged_and_moves_whole() {
        let (t, a) = split_quote(SPLIT);
        assert_eq!(locate(&t, &a), Placement::Unchanged);
        // A paragraph above moves both ranges; the text stays joined.
        let t2 = DocText::new(format!("A new first line.\n\n{SPLIT}"));
        let mut moved = a.clone();
        let report = reanchor(&t2, std::iter::once(&mut moved));
        assert_eq!(report.moved, 1);
        let texts: Vec<&str> = moved.ranges().map(|r| t2.slice(r)).collect();
        assert_eq!(
            texts,
            ["The people have spoken,", "and they will not be silenced."]
        );
        assert_eq!(moved.text, a.text);
        assert_eq!(locate(&t2, &moved), Placement::Unchanged);
    }

    #[test]
    fn a_split_quote_whose_interruption_grew_finds_its_second_range() {
        let (_, a) = split_quote(SPLIT);
        let longer = SPLIT.replace(
            "said Hassan al-Amiri",
            "said the spokesman, Hassan al-Amiri",
        );
        let t2 = DocText::new(longer);
        let mut b = a.clone();
        reanchor(&t2, std::iter::once(&mut b));
        assert!(!b.orphaned);
        let texts: Vec<&str> = b.ranges().map(|r| t2.slice(r)).collect();
        assert_eq!(
            texts,
            ["The people have spoken,", "and they will not be silenced."]
        );
    }

    #[test]
    fn a_split_quote_missing_a_range_is_orphaned_whole() {
        let (_, a) = split_quote(SPLIT);
        let gone = SPLIT.replace("“and they will not be silenced.”", "");
        let t2 = DocText::new(gone);
        assert_eq!(locate(&t2, &a), Placement::Orphaned);
        let mut b = a.clone();
        let report = reanchor(&t2, std::iter::once(&mut b));
        assert_eq!(report.orphaned.len(), 1);
        assert_eq!(
            (b.ranges().count(), &b.text),
            (2, &a.text),
            "kept as it was"
        );
    }

    #[test]
    fn an_old_split_span_with_the_first_range_s_text_only_is_in_place() {
        let (t, mut a) = split_quote(SPLIT);
        a.text = t.slice(a.range()).to_owned();
        assert_eq!(locate(&t, &a), Placement::Unchanged);
    }
}
