//! Growing a seed into a passage: walking word by word away from the seed on both
//! texts while they agree, and stepping over small differences (a changed word, a
//! dropped or added one) when the texts agree again right after. The walk stops at a
//! difference it cannot step over, or when differences come too thick; the passage
//! then ends on the last word both texts share, never on a difference.

use std::collections::VecDeque;

/// How much difference a passage may hold.
#[derive(Clone, Copy, Debug)]
pub(super) struct Tolerance {
    /// The most words stepped over at once on either text: 1 on both for a changed
    /// word, 1 on one for a dropped word.
    pub max_gap: usize,
    /// The most words stepped over (the longer side of each step, summed) within
    /// `window` consecutive words of the first text.
    pub max_edits: usize,
    /// See `max_edits`.
    pub window: usize,
    /// Words both texts must share right after a step for it to be taken, so that the
    /// walk never wanders off on a common word.
    pub resync: usize,
}

/// Word hashes read in one direction from a starting point.
pub(super) trait Words {
    /// How many words there are in this direction.
    fn len(&self) -> usize;
    /// The `k`th word's hash in this direction.
    fn at(&self, k: usize) -> u64;
}

/// Words read forward: `0.at(k)` is `0[k]`.
pub(super) struct Forward<'a>(pub &'a [u64]);

/// Words read backward from the end: `0.at(k)` is `0[len - 1 - k]`.
pub(super) struct Backward<'a>(pub &'a [u64]);

impl Words for Forward<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn at(&self, k: usize) -> u64 {
        self.0[k]
    }
}

impl Words for Backward<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn at(&self, k: usize) -> u64 {
        self.0[self.0.len() - 1 - k]
    }
}

/// How far two texts agree from their starts, within `tol`: the words taken on each
/// (both 0 when the first words differ and no step helps).
pub(super) fn extend(x: &impl Words, y: &impl Words, tol: &Tolerance) -> (usize, usize) {
    let (mut i, mut j) = (0, 0);
    // Recent steps: where on `x` each was taken and how many words it stepped over.
    let mut steps: VecDeque<(usize, usize)> = VecDeque::new();
    let mut stepped = 0;
    loop {
        while i < x.len() && j < y.len() && x.at(i) == y.at(j) {
            i += 1;
            j += 1;
        }
        // (i, j) is just past a shared word (or at the start): the passage may end here.
        if i == x.len() || j == y.len() {
            return (i, j);
        }
        let Some((di, dj)) = step(x, y, i, j, tol) else {
            return (i, j);
        };
        while steps.front().is_some_and(|&(at, _)| at + tol.window <= i) {
            if let Some((_, n)) = steps.pop_front() {
                stepped -= n;
            }
        }
        let cost = di.max(dj);
        if stepped + cost > tol.max_edits {
            return (i, j);
        }
        steps.push_back((i, cost));
        stepped += cost;
        i += di;
        j += dj;
    }
}

/// The smallest step over a difference at (`i`, `j`) after which both texts share
/// `tol.resync` words: fewest words stepped over first (the longer side), and among
/// those, a changed word before a dropped one.
fn step(
    x: &impl Words,
    y: &impl Words,
    i: usize,
    j: usize,
    tol: &Tolerance,
) -> Option<(usize, usize)> {
    let agree = |di: usize, dj: usize| {
        (0..tol.resync).all(|t| {
            let (p, q) = (i + di + t, j + dj + t);
            p < x.len() && q < y.len() && x.at(p) == y.at(q)
        })
    };
    for c in 1..=tol.max_gap {
        for d in (0..=c).rev() {
            if agree(c, d) {
                return Some((c, d));
            }
            if d != c && agree(d, c) {
                return Some((d, c));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOL: Tolerance = Tolerance {
        max_gap: 3,
        max_edits: 3,
        window: 20,
        resync: 3,
    };

    fn fwd(x: &[u64], y: &[u64]) -> (usize, usize) {
        extend(&Forward(x), &Forward(y), &TOL)
    }

    #[test]
    fn identical_runs_extend_to_their_end() {
        assert_eq!(fwd(&[1, 2, 3, 4], &[1, 2, 3, 4, 9]), (4, 4));
        assert_eq!(fwd(&[5, 2, 3], &[1, 2, 3]), (0, 0));
    }

    #[test]
    fn a_changed_dropped_or_added_word_is_stepped_over() {
        let x = [1, 2, 3, 4, 5, 6, 7, 8];
        assert_eq!(fwd(&x, &[1, 2, 30, 4, 5, 6, 7, 8]), (8, 8), "changed");
        assert_eq!(fwd(&x, &[1, 2, 4, 5, 6, 7, 8]), (8, 7), "dropped");
        assert_eq!(fwd(&x, &[1, 2, 3, 40, 4, 5, 6, 7, 8]), (8, 9), "added");
    }

    #[test]
    fn the_passage_ends_on_a_shared_word_where_the_texts_part() {
        // After 3 the texts differ for good; a step needs three shared words after it.
        assert_eq!(fwd(&[1, 2, 3, 4, 5, 6, 7], &[1, 2, 3, 9, 5, 6, 0]), (3, 3));
        // A gap longer than max_gap stops the walk.
        assert_eq!(
            fwd(
                &[1, 2, 10, 11, 12, 13, 5, 6, 7],
                &[1, 2, 20, 21, 22, 23, 5, 6, 7]
            ),
            (2, 2)
        );
    }

    #[test]
    fn differences_too_close_together_stop_the_walk() {
        // Changed words every fourth word: the fourth step is one too many.
        let x: Vec<u64> = (0..40).collect();
        let mut y = x.clone();
        for k in [4, 8, 12, 16, 20] {
            y[k] += 100;
        }
        assert_eq!(fwd(&x, &y), (16, 16));
        // Far apart, any number is fine.
        let mut y = x.clone();
        for k in [5, 26] {
            y[k] += 100;
        }
        assert_eq!(fwd(&x, &y), (40, 40));
    }

    #[test]
    fn backward_reads_from_the_end() {
        let x = [9, 1, 2, 3];
        let y = [8, 8, 1, 2, 3];
        assert_eq!(extend(&Backward(&x), &Backward(&y), &TOL), (3, 3));
    }
}
