//! Which annotations touch a char range, fast, on a 10 MB article with 100,000
//! annotations. The slice is sorted by start, so spans up to [`LONG`] chars long are
//! found by binary search on the slice itself (always fresh, even after an in-place
//! edit); the few longer spans, and the spans of several ranges (whose later ranges
//! can be anywhere after the first), are listed apart, in a list rebuilt when the
//! slice changes, so a long span starting far above the screen is still found.

use crate::model::{Annotation, AnnotationId};
use std::ops::Range;

/// Spans longer than this many chars go to the separate list.
pub const LONG: usize = 2048;

/// Whether a span goes to the separate list: longer than [`LONG`], or of several ranges.
fn is_long(a: &Annotation) -> bool {
    !a.more.is_empty() || a.end.saturating_sub(a.start) > LONG
}

/// Search structure over one annotation slice (sorted by start).
#[derive(Debug, Default)]
pub struct SpanIndex {
    /// What it was built from: the history's revision and the slice's length.
    key: (u64, usize),
    /// The annotations longer than [`LONG`]: index, start and id, sorted by index.
    long: Vec<(usize, usize, AnnotationId)>,
    /// The selected annotation's index, remembered so it can be checked each frame.
    selected: Option<(AnnotationId, usize)>,
    /// Where the background sweep for long spans resumes.
    sweep: usize,
}

/// Annotations checked per frame by the background sweep.
const SWEEP: usize = 1024;

impl SpanIndex {
    /// Makes the index match `anns`. A slice of about the same length (an edit) keeps
    /// the long list, re-finding each entry by binary search on its start: O(k log n),
    /// not O(n), so an edit frame on 100,000 annotations stays cheap. Any other slice
    /// is scanned in full. A sweep of a few thousand annotations per frame, and checks
    /// of the selected annotation and of what is on screen, catch spans that became
    /// long.
    pub fn sync(&mut self, anns: &[Annotation], revision: u64, selected: Option<&AnnotationId>) {
        let key = (revision, anns.len());
        if self.key != key {
            if self.key.1.abs_diff(key.1) <= 1 && self.key.1 > 0 {
                self.relocate(anns);
                self.key = key;
            } else {
                self.rebuild(anns);
                self.key = key;
            }
        }
        self.sweep_some(anns);
        let Some(sel) = selected else {
            self.selected = None;
            return;
        };
        let idx = match &self.selected {
            Some((id, i)) if id == sel && anns.get(*i).is_some_and(|a| &a.id == sel) => Some(*i),
            _ => anns.iter().position(|a| &a.id == sel),
        };
        self.selected = idx.map(|i| (sel.clone(), i));
        if let Some(i) = idx
            && is_long(&anns[i])
        {
            self.add(anns, i);
        }
    }

    /// Rebuilds the list of long spans: one pass over the slice.
    pub fn rebuild(&mut self, anns: &[Annotation]) {
        self.key.1 = anns.len();
        self.long.clear();
        self.long.extend(
            anns.iter()
                .enumerate()
                .filter(|(_, a)| is_long(a))
                .map(|(i, a)| (i, a.start, a.id.clone())),
        );
    }

    fn relocate(&mut self, anns: &[Annotation]) {
        let old = std::mem::take(&mut self.long);
        for (_, start, id) in old {
            let lo = anns.partition_point(|a| a.start < start);
            if let Some(i) = (lo..anns.len())
                .take_while(|&i| anns[i].start == start)
                .find(|&i| anns[i].id == id)
                && is_long(&anns[i])
            {
                self.long.push((i, start, id));
            }
        }
        self.long.sort_by_key(|e| e.0);
    }

    fn add(&mut self, anns: &[Annotation], i: usize) {
        if let Err(k) = self.long.binary_search_by_key(&i, |e| e.0) {
            self.long.insert(k, (i, anns[i].start, anns[i].id.clone()));
        }
    }

    fn sweep_some(&mut self, anns: &[Annotation]) {
        if anns.is_empty() {
            return;
        }
        let from = self.sweep.min(anns.len());
        let to = (from + SWEEP).min(anns.len());
        for i in from..to {
            if is_long(&anns[i]) {
                self.add(anns, i);
            }
        }
        self.sweep = if to == anns.len() { 0 } else { to };
    }

    /// Indices of the annotations overlapping `r` (non-empty overlap), in slice order.
    /// Returns `false` if the long list was seen to be stale (the caller should
    /// rebuild and ask again).
    pub fn overlapping(&self, anns: &[Annotation], r: Range<usize>, out: &mut Vec<usize>) -> bool {
        out.clear();
        let from = r.start.saturating_sub(LONG);
        let lo = anns.partition_point(|a| a.start < from);
        let hi = anns.partition_point(|a| a.start < r.end);
        let mut fresh = true;
        for (i, a) in anns.iter().enumerate().take(hi).skip(lo) {
            if is_long(a) {
                fresh &= self.long.binary_search_by_key(&i, |e| e.0).is_ok();
            } else if a.end > r.start && a.start < r.end {
                out.push(i);
            }
        }
        for &(i, _, _) in &self.long {
            match anns.get(i) {
                Some(a) if is_long(a) => {
                    if a.overlaps(&r) {
                        out.push(i);
                    }
                }
                _ => fresh = false,
            }
        }
        out.sort_unstable();
        fresh
    }
}

/// One range of an annotation on screen, or the gap between two of its ranges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The annotation, by index into the slice.
    pub index: usize,
    /// Its chars.
    pub range: Range<usize>,
    /// Underline lane of a range (0 for a gap, which has none).
    pub lane: usize,
    /// The gap between two ranges, not a range.
    pub gap: bool,
    /// The annotation's last range.
    pub last: bool,
}

/// The ranges of the annotations `idx` of `anns` that touch `vis`, and the gaps between
/// the ranges of a span of several, with their lanes (assigned over the ranges alone:
/// a span nested in the gap of a split quote is the outermost there).
pub fn pieces(anns: &[Annotation], idx: &[usize], vis: &Range<usize>) -> Vec<Piece> {
    let touches = |r: &Range<usize>| r.start < vis.end && r.end > vis.start;
    let mut out = Vec::with_capacity(idx.len());
    for &i in idx {
        let a = &anns[i];
        if a.more.is_empty() {
            out.push(Piece {
                index: i,
                range: a.range(),
                lane: 0,
                gap: false,
                last: true,
            });
            continue;
        }
        let ranges: Vec<Range<usize>> = a.ranges().collect();
        for (k, r) in ranges.iter().enumerate() {
            let last = k + 1 == ranges.len();
            if touches(r) {
                out.push(Piece {
                    index: i,
                    range: r.clone(),
                    lane: 0,
                    gap: false,
                    last,
                });
            }
            if let Some(next) = ranges.get(k + 1) {
                let gap = r.end..next.start;
                if !gap.is_empty() && touches(&gap) {
                    out.push(Piece {
                        index: i,
                        range: gap,
                        lane: 0,
                        gap: true,
                        last: false,
                    });
                }
            }
        }
    }
    let ranges: Vec<(usize, usize, usize)> = out
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.gap)
        .map(|(k, p)| (k, p.range.start, p.range.end))
        .collect();
    for (&(k, _, _), lane) in ranges.iter().zip(assign_lanes(&ranges)) {
        out[k].lane = lane;
    }
    out
}

/// Assigns each span a lane (0 = outermost): nested and overlapping spans get distinct
/// lanes, so their underlines stack instead of hiding each other. `spans` are
/// `(index, start, end)`; returns lanes in the same order.
pub fn assign_lanes(spans: &[(usize, usize, usize)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    // Outer spans first: by start, then longest first.
    order.sort_by(|&a, &b| {
        let (_, sa, ea) = spans[a];
        let (_, sb, eb) = spans[b];
        sa.cmp(&sb).then(eb.cmp(&ea))
    });
    let mut lane_end: Vec<usize> = Vec::new();
    let mut lanes = vec![0; spans.len()];
    for k in order {
        let (_, s, e) = spans[k];
        let lane = match lane_end.iter().position(|&end| end <= s) {
            Some(l) => l,
            None => {
                lane_end.push(0);
                lane_end.len() - 1
            }
        };
        lane_end[lane] = e;
        lanes[k] = lane;
    }
    lanes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocId;
    use crate::text::DocText;

    #[test]
    fn finds_long_spans_from_far_above_and_sees_in_place_edits() {
        let text = DocText::new("word ".repeat(4000));
        let doc = DocId::from("d");
        let mk = |s, e| Annotation::new(doc.clone(), &text, s, e, "claim", "t").unwrap();
        let mut anns = vec![mk(0, 19_000), mk(10, 20), mk(15_000, 15_010)];
        let mut idx = SpanIndex::default();
        idx.sync(&anns, 0, None);
        let mut out = Vec::new();
        assert!(idx.overlapping(&anns, 14_000..16_000, &mut out));
        assert_eq!(out, vec![0, 2]);
        // Moving a short span in place is seen at once.
        anns[2].start = 17_000;
        anns[2].end = 17_010;
        assert!(idx.overlapping(&anns, 14_000..16_000, &mut out));
        assert_eq!(out, vec![0]);
        // A span grown long in place is reported stale, then found after a rebuild.
        anns[1].end = 16_500;
        assert!(!idx.overlapping(&anns, 100..200, &mut out));
        idx.rebuild(&anns);
        assert!(idx.overlapping(&anns, 16_000..16_100, &mut out));
        assert_eq!(out, vec![0, 1]);
        // An edit (a new slice one longer) keeps the long spans, at their new indices.
        let mut edited = vec![mk(0, 5)];
        edited.extend(anns.iter().cloned());
        idx.sync(&edited, 1, None);
        assert!(idx.overlapping(&edited, 16_000..16_100, &mut out));
        assert_eq!(out, vec![1, 2]);
    }

    #[test]
    fn a_span_of_several_ranges_is_found_by_each_and_not_between() {
        let text = DocText::new("word ".repeat(4000));
        let doc = DocId::from("d");
        let mut split = Annotation::new(doc.clone(), &text, 10, 20, "quote", "t").unwrap();
        split.set_ranges(&text, &[10..20, 15_000..15_010]).unwrap();
        let anns = vec![split];
        let mut idx = SpanIndex::default();
        idx.sync(&anns, 0, None);
        let mut out = Vec::new();
        assert!(idx.overlapping(&anns, 14_990..15_005, &mut out));
        assert_eq!(out, vec![0], "the far range is found");
        assert!(idx.overlapping(&anns, 5_000..5_100, &mut out));
        assert!(out.is_empty(), "the gap is not the span");
        assert!(idx.overlapping(&anns, 12..13, &mut out));
        assert_eq!(out, vec![0]);
    }

    #[test]
    fn a_split_quote_paints_its_ranges_and_its_gap_and_a_span_in_the_gap_is_outermost() {
        let text = DocText::new("word ".repeat(100));
        let doc = DocId::from("d");
        let mut q = Annotation::new(doc.clone(), &text, 0, 10, "quote", "t").unwrap();
        q.set_ranges(&text, &[0..10, 30..40]).unwrap();
        let s = Annotation::new(doc, &text, 15, 25, "source", "t").unwrap();
        let anns = vec![q, s];
        let p = pieces(&anns, &[0, 1], &(0..500));
        let shape: Vec<_> = p
            .iter()
            .map(|p| (p.index, p.range.clone(), p.lane, p.gap, p.last))
            .collect();
        assert_eq!(
            shape,
            vec![
                (0, 0..10, 0, false, false),
                (0, 10..30, 0, true, false),
                (0, 30..40, 0, false, true),
                (1, 15..25, 0, false, true),
            ]
        );
        // Off screen ranges are left out, the gap that reaches the screen stays.
        let p = pieces(&anns, &[0], &(20..35));
        assert_eq!(p.len(), 2);
        assert!(p[0].gap && p[1].last);
    }

    #[test]
    fn lanes_separate_nested_and_overlapping() {
        // A contains B; C overlaps A's end; D is apart.
        let spans = [(0, 0, 50), (1, 10, 20), (2, 40, 60), (3, 70, 80)];
        let lanes = assign_lanes(&spans);
        assert_eq!(lanes[0], 0);
        assert_eq!(lanes[1], 1);
        assert_eq!(lanes[2], 1);
        assert_eq!(lanes[3], 0);
    }
}
