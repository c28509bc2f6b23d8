//! The passages of one pair of documents, from their seeds: each seed not already
//! inside a passage is checked, grown both ways (see `extend`), and merged with the
//! passages it overlaps. Seeds come in text order, so the first seed of a passage grows
//! over the whole of it and the rest are skipped.

use super::extend::{Backward, Forward, Tolerance, extend};
use super::seeds::Seed;
use super::tokens::Words;
use std::ops::Range;

/// A stretch of words in each of two documents that the alignment matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Region {
    /// Word indices in the first document.
    pub a: Range<usize>,
    /// Word indices in the second.
    pub b: Range<usize>,
}

impl Region {
    /// The passage's length: the words of its shorter side.
    pub fn words(&self) -> usize {
        self.a.len().min(self.b.len())
    }

    /// Whether the seed's start lies inside the region on both sides.
    fn holds(&self, i: usize, j: usize) -> bool {
        self.a.contains(&i) && self.b.contains(&j)
    }

    /// Whether the two regions overlap on both sides.
    fn overlaps(&self, o: &Region) -> bool {
        self.a.start < o.a.end
            && o.a.start < self.a.end
            && self.b.start < o.b.end
            && o.b.start < self.b.end
    }
}

/// What a pair's alignment needs besides the texts.
#[derive(Clone, Copy, Debug)]
pub(super) struct AlignParams {
    /// Words in a shingle.
    pub ngram: usize,
    /// The shortest region kept, in words.
    pub min_words: usize,
    /// The differences a passage may hold.
    pub tolerance: Tolerance,
}

/// The regions of at least `min_words` words that `a` and `b` share, and not mostly
/// boilerplate on either side, grown from `seeds` (theirs only, sorted by word), in
/// order of their start in `a`.
pub(super) fn regions(a: &Words, b: &Words, seeds: &[Seed], p: &AlignParams) -> Vec<Region> {
    let n = p.ngram;
    let mut long: Vec<Region> = Vec::new();
    // Regions grown so far (short and boilerplate ones too, whose seeds are not grown
    // again) that
    // reach past the current seed in `a`: seeds come in order of their word in `a`,
    // so a region that ends before one can hold no later seed either. This keeps the
    // check short however many regions two long texts have.
    let mut open: Vec<Region> = Vec::new();
    for s in seeds {
        let (i, j) = (s.wa as usize, s.wb as usize);
        open.retain(|r| r.a.end > i);
        if open.iter().any(|r| r.holds(i, j)) {
            continue;
        }
        // Equal fingerprints with different words (a hash collision) are no seed.
        match (a.hashes.get(i..i + n), b.hashes.get(j..j + n)) {
            (Some(x), Some(y)) if x == y => {}
            _ => continue,
        }
        let (ra, rb) = extend(
            &Forward(&a.hashes[i + n..]),
            &Forward(&b.hashes[j + n..]),
            &p.tolerance,
        );
        let (la, lb) = extend(
            &Backward(&a.hashes[..i]),
            &Backward(&b.hashes[..j]),
            &p.tolerance,
        );
        let region = Region {
            a: i - la..i + n + ra,
            b: j - lb..j + n + rb,
        };
        if region.words() >= p.min_words
            && !a.mostly_boilerplate(region.a.clone())
            && !b.mostly_boilerplate(region.b.clone())
        {
            long.push(region.clone());
        }
        open.push(region);
    }
    merged(long)
}

/// The regions with those that overlap on both sides joined, sorted by their start
/// in `a`. A sweep in that order: only regions still open where the next one starts
/// can overlap it.
fn merged(mut regions: Vec<Region>) -> Vec<Region> {
    regions.sort_by_key(|r| (r.a.start, r.b.start));
    let mut out: Vec<Option<Region>> = Vec::with_capacity(regions.len());
    let mut open: Vec<usize> = Vec::new();
    for mut r in regions {
        open.retain(|&k| out[k].as_ref().is_some_and(|o| o.a.end > r.a.start));
        while let Some(pos) = open
            .iter()
            .position(|&k| out[k].as_ref().is_some_and(|o| o.overlaps(&r)))
        {
            let k = open.swap_remove(pos);
            if let Some(o) = out[k].take() {
                r = Region {
                    a: o.a.start.min(r.a.start)..o.a.end.max(r.a.end),
                    b: o.b.start.min(r.b.start)..o.b.end.max(r.b.end),
                };
            }
        }
        open.push(out.len());
        out.push(Some(r));
    }
    let mut out: Vec<Region> = out.into_iter().flatten().collect();
    out.sort_by_key(|r| (r.a.start, r.b.start));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(hashes: &[u64]) -> Words {
        Words {
            hashes: hashes.to_vec(),
            starts: (0..hashes.len() as u32).collect(),
            ends: (1..=hashes.len() as u32).collect(),
            boilerplate: Vec::new(),
        }
    }

    const P: AlignParams = AlignParams {
        ngram: 2,
        min_words: 4,
        tolerance: Tolerance {
            max_gap: 2,
            max_edits: 2,
            window: 10,
            resync: 2,
        },
    };

    fn seed(wa: u32, wb: u32) -> Seed {
        Seed { a: 0, b: 1, wa, wb }
    }

    #[test]
    fn one_passage_from_many_seeds_and_short_ones_dropped() {
        let a = words(&[1, 2, 3, 4, 5, 6, 50, 60, 7, 8]);
        let b = words(&[9, 9, 1, 2, 3, 4, 5, 6, 9, 9, 9, 7, 8]);
        let seeds = [seed(0, 2), seed(2, 4), seed(4, 6), seed(8, 11)];
        assert_eq!(regions(&a, &b, &seeds, &P), [Region { a: 0..6, b: 2..8 }]);
    }

    #[test]
    fn a_seed_whose_words_differ_is_skipped() {
        let a = words(&[1, 2, 3, 4, 5]);
        let b = words(&[1, 2, 3, 4, 6]);
        assert!(regions(&a, &b, &[seed(3, 3)], &P).is_empty());
        assert!(
            regions(&a, &b, &[seed(4, 9)], &P).is_empty(),
            "out of range"
        );
    }

    #[test]
    fn overlapping_regions_merge() {
        let r = |a: Range<usize>, b: Range<usize>| Region { a, b };
        let rs = merged(vec![
            r(20..30, 0..10),
            r(0..5, 10..15),
            r(3..8, 13..18),
            // Overlaps the first in `a` only: the sentence is quoted twice in `b`.
            r(21..29, 40..48),
            // Joins the two before it.
            r(6..12, 16..22),
            r(11..14, 21..24),
        ]);
        assert_eq!(rs, [r(0..14, 10..24), r(20..30, 0..10), r(21..29, 40..48)]);
    }
}
