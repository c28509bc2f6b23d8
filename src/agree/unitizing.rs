//! Krippendorff's unitizing α (αu; Krippendorff 1995, "On the reliability of unitizing
//! contiguous data", and *Content Analysis*, 2004, p. 251–256), the figure INCEpTION
//! reports as unitizing α. For one label, each annotator cuts the continuum into units
//! of that label and gaps between them; disagreement is the squared distance between
//! the boundaries of overlapping units, or a unit's squared length where the other
//! annotator left a gap around it; expected disagreement is that over every way the
//! same units and gaps could have been placed.

use std::ops::Range;

/// One annotator's units of one label on the continuum: sorted, not overlapping (they
/// may touch: two adjacent spans stay two units).
pub type Units = Vec<Range<usize>>;

/// Observed and expected disagreement of one label, kept apart so the overall figure
/// can pool them over labels.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Disagreement {
    /// `D_o`.
    pub observed: f64,
    /// `D_e`.
    pub expected: f64,
}

impl Disagreement {
    /// αu = 1 - D_o/D_e, `None` when D_e is 0 (no units at all).
    pub fn alpha(&self) -> Option<f64> {
        alpha_of(self.observed, self.expected)
    }
}

/// 1 - observed/expected, `None` unless both are finite and expected is not 0.
pub fn alpha_of(observed: f64, expected: f64) -> Option<f64> {
    if expected.abs() < 1e-300 {
        return None;
    }
    let a = 1.0 - observed / expected;
    a.is_finite().then_some(a)
}

/// Sorts `ranges` and merges the ones that overlap (not the ones that only touch): an
/// annotator's units of one label may not overlap.
pub fn units(mut ranges: Vec<Range<usize>>) -> Units {
    ranges.retain(|r| r.start < r.end);
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Units = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// A piece of one annotator's segmentation: a unit of the label or a gap.
#[derive(Debug, Clone, Copy)]
struct Segment {
    start: usize,
    end: usize,
    unit: bool,
}

/// The continuum `[0, len)` cut into units and the gaps between them (empty gaps
/// left out).
fn segments(units: &[Range<usize>], len: usize) -> Vec<Segment> {
    let mut out = Vec::with_capacity(units.len() * 2 + 1);
    let mut pos = 0;
    for u in units {
        let start = u.start.min(len);
        let end = u.end.min(len);
        if start > pos {
            out.push(Segment {
                start: pos,
                end: start,
                unit: false,
            });
        }
        if end > start.max(pos) {
            out.push(Segment {
                start: start.max(pos),
                end,
                unit: true,
            });
            pos = end;
        }
    }
    if pos < len {
        out.push(Segment {
            start: pos,
            end: len,
            unit: false,
        });
    }
    out
}

/// The distance between two intersecting segments of two annotators.
fn distance(a: Segment, b: Segment) -> f64 {
    let sq = |x: usize, y: usize| {
        let d = x.abs_diff(y) as f64;
        d * d
    };
    match (a.unit, b.unit) {
        (true, true) => sq(a.start, b.start) + sq(a.end, b.end),
        (true, false) if b.start <= a.start && a.end <= b.end => sq(a.start, a.end),
        (false, true) if a.start <= b.start && b.end <= a.end => sq(b.start, b.end),
        _ => 0.0,
    }
}

/// D_o and D_e of one label, `coders[i]` being annotator i's units on a continuum of
/// `len` chars.
pub fn disagreement(coders: &[Units], len: usize) -> Disagreement {
    let r = coders.len();
    if r < 2 || len == 0 {
        return Disagreement::default();
    }
    let segs: Vec<Vec<Segment>> = coders.iter().map(|u| segments(u, len)).collect();
    let l = len as f64;
    let rf = r as f64;

    // Observed: every pair of annotators, every pair of their segments that intersect.
    let mut observed = 0.0;
    for i in 0..r {
        for j in i + 1..r {
            let (a, b) = (&segs[i], &segs[j]);
            let (mut x, mut y) = (0, 0);
            while x < a.len() && y < b.len() {
                observed += distance(a[x], b[y]);
                // Both segmentations cover the whole continuum: stepping past whichever
                // ends first visits every intersecting pair once.
                let (ea, eb) = (a[x].end, b[y].end);
                if ea <= eb {
                    x += 1;
                }
                if eb <= ea {
                    y += 1;
                }
            }
        }
    }
    observed *= 2.0 / (rf * (rf - 1.0) * l * l);

    // Expected: each unit against every other unit and every gap long enough to hold it.
    let lengths: Vec<f64> = segs
        .iter()
        .flatten()
        .filter(|s| s.unit)
        .map(|s| (s.end - s.start) as f64)
        .collect();
    let mut gaps: Vec<f64> = segs
        .iter()
        .flatten()
        .filter(|s| !s.unit)
        .map(|s| (s.end - s.start) as f64)
        .collect();
    gaps.sort_by(f64::total_cmp);
    // suffix[k] = sum of gaps[k..] (+1 each), to sum (g - len + 1) over gaps g >= len.
    let mut suffix = vec![0.0; gaps.len() + 1];
    for k in (0..gaps.len()).rev() {
        suffix[k] = suffix[k + 1] + gaps[k] + 1.0;
    }
    let n_c = lengths.len() as f64;
    let mut sum = 0.0;
    let mut squared = 0.0;
    for &u in &lengths {
        squared += u * (u - 1.0);
        sum += (n_c - 1.0) * (2.0 * u * u * u - 3.0 * u * u + u) / 3.0;
        let k = gaps.partition_point(|&g| g < u);
        let fitting = (gaps.len() - k) as f64;
        sum += u * u * (suffix[k] - fitting * u);
    }
    let denominator = rf * l * (rf * l - 1.0) - squared;
    let expected = if lengths.is_empty() || denominator <= 0.0 {
        0.0
    } else {
        sum * (2.0 / l) / denominator
    };
    Disagreement { observed, expected }
}

#[cfg(test)]
// Lists of one range are what a span with one range is, not a mistaken range of values.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    /// Krippendorff (2004, p. 254), as DKPro Statistics' `Krippendorff2004Test` encodes
    /// it: a continuum of 300 (from 150 there, from 0 here), two observers, categories
    /// c and k. Published: c has D_o 0.0144, D_e 0.0532, αu 0.7286; k agrees fully;
    /// overall (D_o and D_e averaged over the categories) αu 0.8591.
    #[test]
    fn krippendorff_2004_example() {
        let at = |s: usize, n: usize| (s - 150)..(s - 150 + n);
        let c = [
            units(vec![at(225, 70), at(370, 30)]),
            units(vec![at(220, 80), at(355, 20), at(400, 20)]),
        ];
        let k = [
            units(vec![at(180, 60), at(300, 50)]),
            units(vec![at(180, 60), at(300, 50)]),
        ];
        let dc = disagreement(&c, 300);
        let dk = disagreement(&k, 300);
        assert!((dc.observed - 0.0144).abs() < 1e-4, "{dc:?}");
        assert!((dc.expected - 0.0532).abs() < 1e-4, "{dc:?}");
        assert!((dc.alpha().unwrap() - 0.7286).abs() < 1e-4, "{dc:?}");
        assert_eq!(dk.observed, 0.0);
        assert!((dk.expected - 0.0490).abs() < 1e-4, "{dk:?}");
        assert_eq!(dk.alpha(), Some(1.0));
        let overall = alpha_of(dc.observed + dk.observed, dc.expected + dk.expected).unwrap();
        assert!((overall - 0.8591).abs() < 5e-4, "{overall}");
    }

    /// The distances of DKPro's `testDistanceMetric2`, from the same example.
    #[test]
    fn distances_of_the_example() {
        let u = |s: usize, n: usize| Segment {
            start: s,
            end: s + n,
            unit: true,
        };
        let g = |s: usize, n: usize| Segment {
            start: s,
            end: s + n,
            unit: false,
        };
        assert_eq!(distance(u(225, 70), u(220, 80)), 50.0);
        assert_eq!(distance(u(370, 30), u(355, 20)), 850.0);
        assert_eq!(distance(g(400, 50), u(400, 20)), 400.0);
        assert_eq!(distance(u(400, 20), g(400, 50)), 400.0);
        assert_eq!(distance(u(5, 6), g(4, 2)), 0.0, "not inside the gap");
    }

    #[test]
    fn identical_units_agree_and_no_units_is_undefined() {
        let same = [units(vec![3..7, 10..12]), units(vec![10..12, 3..7])];
        assert_eq!(disagreement(&same, 20).alpha(), Some(1.0));
        assert_eq!(disagreement(&[vec![], vec![]], 20).alpha(), None);
        // One annotator marks, the other does not: worse than chance is possible, but
        // never NaN.
        let one = [units(vec![3..7]), vec![]];
        assert!(disagreement(&one, 20).alpha().unwrap() < 0.5);
    }

    #[test]
    fn overlapping_ranges_merge_touching_ones_stay_apart() {
        assert_eq!(units(vec![5..9, 2..6, 9..10]), vec![2..9, 9..10]);
    }
}
