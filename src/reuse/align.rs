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

/// The regions of at least `min_words` words that `a` and `b` share, grown from
/// `seeds` (theirs only, sorted by word), in order of their start in `a`.
pub(super) fn regions(a: &Words, b: &Words, seeds: &[Seed], p: &AlignParams) -> Vec<Region> {
    let n = p.ngram;
    let mut long: Vec<Region> = Vec::new();
    // Regions grown from seeds that came out too short; their seeds are not grown again.
    let mut short: Vec<Region> = Vec::new();
    for s in seeds {
        let (i, j) = (s.wa as usize, s.wb as usize);
        if long.iter().rev().any(|r| r.holds(i, j)) || short.iter().rev().any(|r| r.holds(i, j)) {
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
        if region.words() >= p.min_words {
            merge_into(&mut long, region);
        } else {
            short.push(region);
        }
    }
    long.sort_by_key(|r| (r.a.start, r.b.start));
    long
}

/// Adds `r` to `regions`, joined with every region it overlaps on both sides.
fn merge_into(regions: &mut Vec<Region>, mut r: Region) {
    while let Some(k) = regions.iter().position(|o| o.overlaps(&r)) {
        let o = regions.swap_remove(k);
        r = Region {
            a: o.a.start.min(r.a.start)..o.a.end.max(r.a.end),
            b: o.b.start.min(r.b.start)..o.b.end.max(r.b.end),
        };
    }
    regions.push(r);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(hashes: &[u64]) -> Words {
        Words {
            hashes: hashes.to_vec(),
            starts: (0..hashes.len()).collect(),
            ends: (1..=hashes.len()).collect(),
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
        let mut rs = vec![
            Region { a: 0..5, b: 10..15 },
            Region {
                a: 20..30,
                b: 0..10,
            },
        ];
        merge_into(&mut rs, Region { a: 3..8, b: 13..18 });
        rs.sort_by_key(|r| r.a.start);
        assert_eq!(
            rs,
            [
                Region { a: 0..8, b: 10..18 },
                Region {
                    a: 20..30,
                    b: 0..10
                }
            ]
        );
    }
}
