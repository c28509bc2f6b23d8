//! Which annotations touch a char range, fast, on a 10 MB article with 100,000
//! annotations: a compact copy of the spans, rebuilt only when the annotation slice
//! changes, searched by binary search. Spans longer than [`LONG`] chars are kept in a
//! short separate list, so a long span starting far above the screen is still found.

use crate::model::{Annotation, AnnotationId};
use std::ops::Range;

/// Spans longer than this many chars go to the separate list.
pub const LONG: usize = 2048;

/// Search structure over one annotation slice (sorted by start).
#[derive(Debug, Default)]
pub struct SpanIndex {
    /// Identity of the slice it was built from: address and length.
    key: (usize, usize),
    /// `(start, end)` of every annotation, in slice order.
    spans: Vec<(usize, usize)>,
    /// Indices of the annotations longer than [`LONG`].
    long: Vec<usize>,
    /// The selected annotation's index, remembered so its span can be checked each frame.
    selected: Option<(AnnotationId, usize)>,
}

fn key_of(anns: &[Annotation]) -> (usize, usize) {
    (anns.as_ptr() as usize, anns.len())
}

impl SpanIndex {
    /// Makes the index match `anns`: rebuilt when the slice is another one, or when the
    /// selected annotation (the one edits usually touch) was changed in place.
    pub fn sync(&mut self, anns: &[Annotation], selected: Option<&AnnotationId>) {
        if self.key != key_of(anns) {
            self.rebuild(anns);
        }
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
            && self.spans.get(i) != Some(&(anns[i].start, anns[i].end))
        {
            self.rebuild(anns);
        }
    }

    /// Rebuilds from scratch: O(n), done when the slice changes.
    pub fn rebuild(&mut self, anns: &[Annotation]) {
        self.key = key_of(anns);
        self.spans.clear();
        self.spans.extend(anns.iter().map(|a| (a.start, a.end)));
        self.long = self
            .spans
            .iter()
            .enumerate()
            .filter(|(_, (s, e))| e.saturating_sub(*s) > LONG)
            .map(|(i, _)| i)
            .collect();
    }

    /// Indices of the annotations overlapping `r` (non-empty overlap), in slice order.
    /// Returns `false` if a stale entry was seen (the caller should rebuild and ask
    /// again).
    pub fn overlapping(&self, anns: &[Annotation], r: Range<usize>, out: &mut Vec<usize>) -> bool {
        out.clear();
        let lo = self
            .spans
            .partition_point(|&(s, _)| s < r.start.saturating_sub(LONG));
        let hi = self.spans.partition_point(|&(s, _)| s < r.end);
        let mut fresh = true;
        for i in lo..hi {
            let (s, e) = self.spans[i];
            if e.saturating_sub(s) <= LONG && e > r.start && s < r.end {
                out.push(i);
            }
        }
        for &i in &self.long {
            let (s, e) = self.spans[i];
            if e > r.start && s < r.end {
                out.push(i);
            }
        }
        for &i in out.iter() {
            match anns.get(i) {
                Some(a) if (a.start, a.end) == self.spans[i] => {}
                _ => fresh = false,
            }
        }
        out.sort_unstable();
        fresh
    }
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
