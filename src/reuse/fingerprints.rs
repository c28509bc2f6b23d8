//! A document's fingerprints: hashes of its word n-grams (shingles), thinned by
//! winnowing (Schleimer, Wilkerson and Aiken, 2003) to the smallest hash of every
//! window of `w` consecutive shingles. Any run of `w + n - 1` words two texts share then
//! gives both at least one common fingerprint, while only about `2 / (w + 1)` of the
//! shingles are kept in the index.

use super::tokens::finish;
use std::collections::VecDeque;

/// One kept shingle: its hash and the index of its first word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Fingerprint {
    /// Hash of the shingle's words.
    pub hash: u64,
    /// Index of the shingle's first word in the document.
    pub word: u32,
}

/// Hashes of every run of `n` consecutive words (none when there are fewer).
pub(super) fn shingles(words: &[u64], n: usize) -> Vec<u64> {
    let n = n.max(1);
    words
        .windows(n)
        .map(|w| {
            let h = w.iter().fold(0u64, |h, &x| {
                (h.rotate_left(23) ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            });
            finish(h)
        })
        .collect()
}

/// The winnowed fingerprints of `shingles`: in each window of `w` consecutive shingles
/// the smallest hash (the rightmost of equal ones), each position recorded once. A text
/// with fewer than `w` shingles keeps its smallest. Runs in linear time (a deque of
/// the window's candidates, smallest in front).
pub(super) fn winnow(shingles: &[u64], w: usize) -> Vec<Fingerprint> {
    let w = w.max(1);
    let mut out = Vec::with_capacity(shingles.len() * 2 / (w + 1) + 1);
    let mut window: VecDeque<usize> = VecDeque::with_capacity(w + 1);
    let mut last = usize::MAX;
    let mut keep = |i: usize, out: &mut Vec<Fingerprint>| {
        if i != last {
            last = i;
            out.push(Fingerprint {
                hash: shingles[i],
                // Words have a char each at least and a text at most `MAX_CHARS` chars
                // (see `tokens`), so no index is cut.
                word: i as u32,
            });
        }
    };
    for (i, &h) in shingles.iter().enumerate() {
        while window.back().is_some_and(|&j| shingles[j] >= h) {
            window.pop_back();
        }
        window.push_back(i);
        while window.front().is_some_and(|&j| j + w <= i) {
            window.pop_front();
        }
        if i + 1 >= w
            && let Some(&j) = window.front()
        {
            keep(j, &mut out);
        }
    }
    if shingles.len() < w
        && let Some(&j) = window.front()
    {
        keep(j, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition: the minimum of every window, rightmost on ties.
    fn winnow_slowly(s: &[u64], w: usize) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for win in 0..=s.len().saturating_sub(w) {
            let end = (win + w).min(s.len());
            let mut best = win;
            for j in win..end {
                if s[j] <= s[best] {
                    best = j;
                }
            }
            if out.last() != Some(&(best as u32)) && best < s.len() {
                out.push(best as u32);
            }
        }
        out
    }

    #[test]
    fn winnowing_matches_its_definition() {
        let mut rng = fastrand::Rng::with_seed(7);
        for len in [0, 1, 3, 4, 5, 17, 200] {
            let s: Vec<u64> = (0..len).map(|_| rng.u64(0..20)).collect();
            for w in [1, 2, 4, 8] {
                let got: Vec<u32> = winnow(&s, w).iter().map(|f| f.word).collect();
                assert_eq!(got, winnow_slowly(&s, w), "len {len}, w {w}");
            }
        }
    }

    #[test]
    fn a_shared_run_of_w_plus_n_minus_1_words_shares_a_fingerprint() {
        let mut rng = fastrand::Rng::with_seed(11);
        let (n, w) = (5, 4);
        for _ in 0..200 {
            let shared: Vec<u64> = (0..w + n - 1).map(|_| rng.u64(..)).collect();
            let mut a: Vec<u64> = (0..rng.usize(0..30)).map(|_| rng.u64(..)).collect();
            let mut b: Vec<u64> = (0..rng.usize(0..30)).map(|_| rng.u64(..)).collect();
            a.extend(&shared);
            b.extend(&shared);
            a.extend((0..rng.usize(0..30)).map(|_| rng.u64(..)));
            b.extend((0..rng.usize(0..30)).map(|_| rng.u64(..)));
            let fa: Vec<u64> = winnow(&shingles(&a, n), w).iter().map(|f| f.hash).collect();
            let fb: Vec<u64> = winnow(&shingles(&b, n), w).iter().map(|f| f.hash).collect();
            assert!(fa.iter().any(|h| fb.contains(h)));
        }
    }

    #[test]
    fn shingles_depend_on_word_order() {
        let s = shingles(&[1, 2, 3, 1, 2], 2);
        assert_eq!(s.len(), 4);
        assert_eq!(s[0], s[3]);
        assert_ne!(s[0], s[1]);
        assert_ne!(shingles(&[1, 2], 2), shingles(&[2, 1], 2));
        assert!(shingles(&[1], 2).is_empty());
    }
}
