//! A text cut into normalised words: what the shingles are made of and what alignment
//! compares. Two outlets' copies of one sentence differ in case, quotes, dashes and
//! abbreviation dots ("U.S." and "US"), so a word is reduced to its letters and digits,
//! case-folded, and only its hash is kept, with where it stands in the text.

use unicode_segmentation::UnicodeSegmentation;

/// The words of one text, in order: their hashes side by side with their char ranges,
/// so that alignment walks a dense array of hashes.
#[derive(Clone, Debug, Default)]
pub(super) struct Words {
    /// Hash of each word's normalised form.
    pub hashes: Vec<u64>,
    /// Char offset where each word starts (`u32`, half the memory of `usize`, which
    /// the kernel would otherwise spend a good part of the time zeroing).
    pub starts: Vec<u32>,
    /// Char offset just past each word.
    pub ends: Vec<u32>,
    /// Which words are in a shingle found in too many documents (empty when none is).
    pub boilerplate: Vec<bool>,
}

impl Words {
    /// Cuts `text` into UAX #29 word segments and keeps those with a letter or a digit.
    /// A segment is normalised by dropping everything but letters and digits and
    /// lower-casing those: "U.S" (UAX #29 leaves an abbreviation's last dot out), "US"
    /// and "us" are one word, so are "Iran’s" and "Iran's", "5,200" and "5200". The last
    /// dot of an abbreviation is given back to the word's range, so that a passage
    /// ending on "U.S." covers the dot. Words past the [`MAX_CHARS`]th char are left
    /// out (an article of 1 GiB, the most sourcemark reads, has fewer chars).
    pub fn of(text: &str) -> Self {
        let mut w = Words::default();
        let ascii = text.is_ascii();
        let mut chars = 0;
        // Char offset where the last word segment ended, and whether it had an inner dot.
        let mut last_end = usize::MAX;
        let mut last_dotted = false;
        for seg in text.split_word_bounds() {
            let n = if ascii {
                seg.len()
            } else {
                seg.chars().count()
            };
            let start = chars;
            chars += n;
            if chars > MAX_CHARS {
                break;
            }
            if seg == "." && last_dotted && last_end == start {
                if let Some(e) = w.ends.last_mut() {
                    *e = chars as u32;
                }
                last_dotted = false;
                continue;
            }
            if let Some(h) = word_hash(seg) {
                w.hashes.push(h);
                // Both at most MAX_CHARS, checked above.
                w.starts.push(start as u32);
                w.ends.push(chars as u32);
                last_end = chars;
                last_dotted = seg.contains('.');
            } else {
                last_dotted = false;
            }
        }
        w
    }

    /// Marks the words of `range` (clamped to the text) as boilerplate.
    pub fn mark_boilerplate(&mut self, range: std::ops::Range<usize>) {
        if self.boilerplate.is_empty() {
            self.boilerplate = vec![false; self.hashes.len()];
        }
        let end = range.end.min(self.hashes.len());
        self.boilerplate[range.start.min(end)..end].fill(true);
    }

    /// Whether most of the words of `range` are boilerplate.
    pub fn mostly_boilerplate(&self, range: std::ops::Range<usize>) -> bool {
        let marked = self
            .boilerplate
            .get(range.clone())
            .map_or(0, |b| b.iter().filter(|&&x| x).count());
        marked * 2 > range.len()
    }

    /// The char range from the start of word `first` to the end of word `last`
    /// (inclusive).
    pub fn chars(&self, first: usize, last: usize) -> std::ops::Range<usize> {
        self.starts[first] as usize..self.ends[last] as usize
    }
}

/// The most chars read from one text, so that char offsets and word indices fit the
/// `u32`s they are kept in.
pub(super) const MAX_CHARS: usize = u32::MAX as usize;

/// The multiplier of the FxHash family (rustc's): one multiply and a rotate a char,
/// which is all a word hash needs; std's SipHash would spend most of the time here.
const K: u64 = 0xf135_7aea_2e62_a9c5;

/// Hash of a segment's letters and digits, lower-cased; `None` when it has none
/// (white space, punctuation, an emoji).
fn word_hash(seg: &str) -> Option<u64> {
    let mut h: u64 = 0;
    let mut any = false;
    let mut add = |c: char| {
        h = (h.rotate_left(5) ^ u64::from(u32::from(c))).wrapping_mul(K);
        any = true;
    };
    for c in seg.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                add(c.to_ascii_lowercase());
            }
        } else if c.is_alphanumeric() {
            c.to_lowercase().for_each(&mut add);
        }
    }
    any.then(|| finish(h))
}

/// Spreads a hash's bits over all 64 (splitmix64's finaliser), so that shingle hashes
/// built from word hashes order like random numbers, as winnowing needs.
pub(super) fn finish(mut h: u64) -> u64 {
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        let w = Words::of(s);
        let chars: Vec<char> = s.chars().collect();
        (0..w.hashes.len())
            .map(|i| {
                let (a, b) = (w.starts[i] as usize, w.ends[i] as usize);
                let start: usize = chars[..a].iter().map(|c| c.len_utf8()).sum();
                let len: usize = chars[a..b].iter().map(|c| c.len_utf8()).sum();
                &s[start..start + len]
            })
            .collect()
    }

    #[test]
    fn spelling_variants_hash_alike() {
        let a = Words::of("the U.S. troops’ “exit” — Iran's 5,200");
        let b = Words::of("The US troops' \"exit\" - IRAN’S 5200");
        assert_eq!(a.hashes, b.hashes);
        assert_eq!(a.hashes.len(), 6);
        assert_ne!(Words::of("us").hashes, Words::of("use").hashes);
    }

    #[test]
    fn ranges_are_chars_and_keep_an_abbreviations_dot() {
        assert_eq!(
            words("U.S. troops left. The end."),
            ["U.S.", "troops", "left", "The", "end"]
        );
        assert_eq!(
            words("قال الصدر «اخرج» 👍🏽 café naïve"),
            ["قال", "الصدر", "اخرج", "café", "naïve"]
        );
        let w = Words::of("👍🏽 x");
        assert_eq!((w.starts[0], w.ends[0]), (3, 4));
    }

    #[test]
    fn case_folding_covers_non_ascii_letters() {
        assert_eq!(
            Words::of("ÉTÉ Straße").hashes,
            Words::of("été straße").hashes
        );
    }
}
