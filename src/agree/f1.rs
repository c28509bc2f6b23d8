//! Span matching between two annotators: exact (same label, same ranges) and overlap
//! (same label, at least one char in common), as a symmetric F1.

use super::Span;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// How many of A's spans have a counterpart in B and the other way round, for one way
/// of matching. F1 = 2PR/(P+R) with P = matched B / B and R = matched A / A, which
/// does not change when A and B swap.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Matches {
    /// A's spans with a counterpart in B.
    pub a_matched: usize,
    /// A's spans.
    pub a: usize,
    /// B's spans with a counterpart in A.
    pub b_matched: usize,
    /// B's spans.
    pub b: usize,
}

impl Matches {
    /// Adds another count (another label, for the overall figure).
    pub fn add(&mut self, o: Matches) {
        self.a_matched += o.a_matched;
        self.a += o.a;
        self.b_matched += o.b_matched;
        self.b += o.b;
    }

    /// The F1, `None` when neither annotator has a span; 0 when only one has.
    pub fn f1(&self) -> Option<f64> {
        if self.a + self.b == 0 {
            return None;
        }
        let ratio = |m: usize, n: usize| if n == 0 { 0.0 } else { m as f64 / n as f64 };
        let p = ratio(self.b_matched, self.b);
        let r = ratio(self.a_matched, self.a);
        Some(if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        })
    }
}

/// The exact and overlap matches of A's and B's spans of one label.
pub fn matches(a: &[&Span], b: &[&Span]) -> (Matches, Matches) {
    let (ea, oa) = one_way(a, b);
    let (eb, ob) = one_way(b, a);
    let exact = Matches {
        a_matched: ea,
        a: a.len(),
        b_matched: eb,
        b: b.len(),
    };
    let overlap = Matches {
        a_matched: oa,
        a: a.len(),
        b_matched: ob,
        b: b.len(),
    };
    (exact, overlap)
}

/// How many of `from`'s spans have an exact and an overlapping counterpart in `to`.
fn one_way(from: &[&Span], to: &[&Span]) -> (usize, usize) {
    // Keyed on the spans' own ranges, borrowed: a copy of each span's ranges for every
    // insert and lookup was half of `agree`'s time on 100,000 spans.
    let mut exact: HashSet<(usize, &[Range<usize>])> = HashSet::with_capacity(to.len());
    let mut covered: HashMap<usize, Vec<Range<usize>>> = HashMap::new();
    for s in to {
        exact.insert((s.doc, s.ranges.as_slice()));
        covered
            .entry(s.doc)
            .or_default()
            .extend(s.ranges.iter().cloned());
    }
    for v in covered.values_mut() {
        *v = super::unitizing::units(std::mem::take(v));
        // Touching ranges share no char, so keeping them apart is right here too.
    }
    let mut e = 0;
    let mut o = 0;
    for s in from {
        if exact.contains(&(s.doc, s.ranges.as_slice())) {
            e += 1;
        }
        if let Some(c) = covered.get(&s.doc)
            && s.ranges.iter().any(|r| overlaps_any(c, r))
        {
            o += 1;
        }
    }
    (e, o)
}

/// True when `r` shares a char with one of `sorted`, sorted and not overlapping.
fn overlaps_any(sorted: &[Range<usize>], r: &Range<usize>) -> bool {
    let i = sorted.partition_point(|x| x.end <= r.start);
    sorted.get(i).is_some_and(|x| x.start < r.end)
}

#[cfg(test)]
// Lists of one range are what a span with one range is, not a mistaken range of values.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn span(doc: usize, ranges: &[Range<usize>]) -> Span {
        Span {
            doc,
            label: "claim".into(),
            ranges: ranges.to_vec(),
        }
    }

    #[test]
    fn exact_needs_every_range_overlap_needs_one_char() {
        let a = [
            span(0, &[0..5]),
            span(0, &[10..20, 25..30]),
            span(1, &[0..5]),
        ];
        let b = [span(0, &[0..5]), span(0, &[10..20]), span(1, &[5..9])];
        let ar: Vec<&Span> = a.iter().collect();
        let br: Vec<&Span> = b.iter().collect();
        let (exact, overlap) = matches(&ar, &br);
        assert_eq!((exact.a_matched, exact.b_matched), (1, 1));
        // 0..5 in doc 1 and 5..9 touch but share no char.
        assert_eq!((overlap.a_matched, overlap.b_matched), (2, 2));
        assert!((exact.f1().unwrap() - 1.0 / 3.0).abs() < 1e-12);
        assert!((overlap.f1().unwrap() - 2.0 / 3.0).abs() < 1e-12);
        let (e2, _) = matches(&br, &ar);
        assert_eq!(e2.f1(), exact.f1(), "symmetric");
    }

    #[test]
    fn no_spans_is_undefined_one_side_empty_is_zero() {
        assert_eq!(Matches::default().f1(), None);
        let a = [span(0, &[0..5])];
        let (e, o) = matches(&a.iter().collect::<Vec<_>>(), &[]);
        assert_eq!((e.f1(), o.f1()), (Some(0.0), Some(0.0)));
    }
}
