//! The article cut into blocks: one per paragraph (a line of the text), with very long
//! paragraphs cut again into chunks, so that no single galley is ever large. A block is
//! the unit of layout, caching and height bookkeeping.

use std::ops::Range;

/// Chars per chunk of a long paragraph. A jump to a new place shapes every block the
/// screen touches, so the blocks at the screen's edges are the overshoot. Paragraphs
/// up to 1.5× this stay whole, and cuts fall after a sentence where one is near, so
/// the forced line break at a chunk edge reads like the start of a sentence on a new
/// line.
pub const CHUNK_CHARS: usize = 1000;

/// Lines longer than this are not paragraphs but text without line breaks (a scraped
/// page, a transcript): every chunk edge there is a break the text does not have
/// anyway, so they are cut shorter, into [`RUN_ON_CHUNK_CHARS`], and a jump into them
/// shapes no more than a jump into paragraphs does.
const RUN_ON_CHARS: usize = 10_000;

/// Chars per chunk of a line longer than [`RUN_ON_CHARS`].
pub const RUN_ON_CHUNK_CHARS: usize = 600;

/// One laid-out unit of the article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// Byte range in the document text (no `'\n'` inside).
    pub bytes: Range<usize>,
    /// Char range in the document text, matching `bytes`.
    pub chars: Range<usize>,
    /// True for the first chunk of a paragraph (gets the paragraph gap above it).
    pub para_start: bool,
}

/// Cuts `text` into blocks. Empty lines produce no block: they only separate
/// paragraphs, which the view does with a gap. Runs in one pass over the bytes.
pub fn split_blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut byte = 0;
    let mut ch = 0;
    for line in text.split('\n') {
        let line_chars = count_chars(line);
        if !line.is_empty() {
            chunk_line(line, byte, ch, line_chars, &mut out);
        }
        byte += line.len() + 1;
        ch += line_chars + 1;
    }
    out
}

fn count_chars(s: &str) -> usize {
    s.as_bytes().iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// Pushes the chunks of one line that starts at byte `b0` / char `c0`.
fn chunk_line(line: &str, b0: usize, c0: usize, n_chars: usize, out: &mut Vec<Block>) {
    let chunk = if n_chars > RUN_ON_CHARS {
        RUN_ON_CHUNK_CHARS
    } else {
        CHUNK_CHARS
    };
    if n_chars <= chunk + chunk / 2 {
        out.push(Block {
            bytes: b0..b0 + line.len(),
            chars: c0..c0 + n_chars,
            para_start: true,
        });
        return;
    }
    let mut rest = line;
    let (mut b, mut c) = (b0, c0);
    let mut first = true;
    while !rest.is_empty() {
        let rest_chars = n_chars - (c - c0);
        let (cut_byte, cut_chars) = if rest_chars <= chunk + chunk / 2 {
            (rest.len(), rest_chars)
        } else {
            cut_point(rest, chunk)
        };
        out.push(Block {
            bytes: b..b + cut_byte,
            chars: c..c + cut_chars,
            para_start: first,
        });
        first = false;
        rest = &rest[cut_byte..];
        b += cut_byte;
        c += cut_chars;
    }
}

/// Where to end a chunk of `s` (which is longer than `chunk` chars), within the last
/// 30% of `chunk`: just after the last white space that follows a sentence end, else
/// after the last white space, else at `chunk`. Returns (bytes, chars) of the chunk.
fn cut_point(s: &str, chunk: usize) -> (usize, usize) {
    let search = chunk * 3 / 10;
    let mut sentence: Option<(usize, usize)> = None;
    let mut space: Option<(usize, usize)> = None;
    let mut hard = (s.len(), 0);
    let mut prev = ' ';
    for (i, (b, ch)) in s.char_indices().enumerate() {
        if i == chunk {
            hard = (b, i);
            break;
        }
        if i + search >= chunk && ch.is_whitespace() {
            let cut = (b + ch.len_utf8(), i + 1);
            space = Some(cut);
            if matches!(prev, '.' | '!' | '?' | '…' | '。' | '！' | '？' | '”' | '"') {
                sentence = Some(cut);
            }
        }
        prev = ch;
    }
    let (mut bytes, mut chars) = sentence.or(space).unwrap_or(hard);
    // Keep a run of white space whole at the end of this chunk, so the next one does
    // not start with a space.
    for ch in s[bytes..].chars().take_while(|c| c.is_whitespace()) {
        bytes += ch.len_utf8();
        chars += 1;
    }
    (bytes, chars)
}

/// Index of the block containing char `c`, or the nearest block after it (chars between
/// blocks are newlines); the last block when `c` is past the end. `None` when there are
/// no blocks.
pub fn block_of(blocks: &[Block], c: usize) -> Option<usize> {
    if blocks.is_empty() {
        return None;
    }
    let i = blocks.partition_point(|b| b.chars.end <= c);
    Some(i.min(blocks.len() - 1))
}

/// A Fenwick tree of block heights: prefix sums and "which block is at this y" in
/// O(log n), with single heights updated in O(log n) as blocks are measured.
#[derive(Clone, Debug, Default)]
pub struct Heights {
    tree: Vec<f32>,
    values: Vec<f32>,
}

impl Heights {
    /// Replaces all heights, reusing the storage: O(n), as on every resize frame.
    pub fn refill(&mut self, values: impl Iterator<Item = f32>) {
        self.values.clear();
        self.values.extend(values);
        self.build();
    }

    fn build(&mut self) {
        let n = self.values.len();
        self.tree.clear();
        self.tree.push(0.0);
        self.tree.extend_from_slice(&self.values);
        for k in 1..=n {
            let parent = k + (k & k.wrapping_neg());
            if parent <= n {
                let t = self.tree[k];
                self.tree[parent] += t;
            }
        }
    }

    /// Height of block `i`.
    pub fn get(&self, i: usize) -> f32 {
        self.values[i]
    }

    /// Sets the height of block `i`.
    pub fn set(&mut self, i: usize, v: f32) {
        let delta = v - self.values[i];
        if delta == 0.0 {
            return;
        }
        self.values[i] = v;
        let mut k = i + 1;
        while k < self.tree.len() {
            self.tree[k] += delta;
            k += k & k.wrapping_neg();
        }
    }

    /// Sum of the heights of blocks `0..i` (the top of block `i`).
    pub fn prefix(&self, i: usize) -> f32 {
        let mut k = i.min(self.values.len());
        let mut s = 0.0;
        while k > 0 {
            s += self.tree[k];
            k &= k - 1;
        }
        s
    }

    /// Sum of all heights.
    pub fn total(&self) -> f32 {
        self.prefix(self.values.len())
    }

    /// The block whose span of y contains `y` (clamped to the first and last block).
    pub fn find(&self, y: f32) -> usize {
        let n = self.values.len();
        if n == 0 {
            return 0;
        }
        // Largest k with prefix(k) <= y, by descending the tree.
        let mut pos = 0;
        let mut rem = y;
        let mut step = n.next_power_of_two();
        while step > 0 {
            let next = pos + step;
            if next <= n && self.tree[next] <= rem {
                pos = next;
                rem -= self.tree[next];
            }
            step >>= 1;
        }
        pos.min(n - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::DocText;

    #[test]
    fn blocks_skip_empty_lines_and_keep_char_offsets() {
        let s = "“Get out,” he said.\n\nNext\u{a0}para é\n";
        let d = DocText::new(s.to_owned());
        let b = split_blocks(s);
        assert_eq!(b.len(), 2);
        for blk in &b {
            assert_eq!(d.slice(blk.chars.clone()), &s[blk.bytes.clone()]);
            assert!(blk.para_start);
        }
        assert_eq!(d.slice(b[1].chars.clone()), "Next\u{a0}para é");
    }

    #[test]
    fn long_line_is_chunked_at_white_space_with_exact_offsets() {
        let word = "naïve 漢字 ";
        let s: String = word.repeat(2_000_000 / word.len());
        let d = DocText::new(s.clone());
        let b = split_blocks(&s);
        assert!(b.len() > 100);
        assert!(b.iter().all(|blk| blk.chars.len() <= CHUNK_CHARS * 3 / 2));
        assert!(b[0].para_start && !b[1].para_start);
        let mut c = 0;
        for blk in &b {
            assert_eq!(blk.chars.start, c);
            c = blk.chars.end;
            assert_eq!(d.byte_range(blk.chars.clone()), blk.bytes);
        }
        assert_eq!(c, d.char_len());
        // Cuts fall after white space, never inside a word.
        assert!(s[..b[0].bytes.end].ends_with(' '));
    }

    #[test]
    fn long_line_is_cut_after_a_sentence_where_one_is_near() {
        let sentence = "The crowd in Baghdad was put at “more than 2.5 million” by one outlet. ";
        // A long paragraph, and text without any line break.
        for (repeat, chunk) in [(40, CHUNK_CHARS), (200, RUN_ON_CHUNK_CHARS)] {
            let s = sentence.repeat(repeat);
            let b = split_blocks(&s);
            assert!(b.len() > 2);
            for blk in &b[..b.len() - 1] {
                assert!(s[blk.bytes.clone()].ends_with("outlet. "), "{:?}", blk);
                assert!(blk.chars.len() > chunk * 7 / 10 && blk.chars.len() <= chunk);
            }
        }
    }

    #[test]
    fn a_chunk_never_starts_with_white_space_left_over_from_a_cut() {
        let s = "Crowds gathered.  ".repeat(1_000);
        let b = split_blocks(&s);
        assert!(b.len() > 5);
        for blk in &b {
            assert!(!s[blk.bytes.clone()].starts_with(' '), "{blk:?}");
        }
    }

    #[test]
    fn unbroken_run_is_cut_hard() {
        let s = "x".repeat(10_000);
        let b = split_blocks(&s);
        assert_eq!(b[0].chars, 0..CHUNK_CHARS);
        assert_eq!(b.last().map(|b| b.chars.end), Some(10_000));
    }

    #[test]
    fn heights_prefix_and_find() {
        let mut h = Heights::default();
        h.refill([10.0, 20.0, 30.0, 40.0, 50.0].into_iter());
        assert_eq!(h.prefix(0), 0.0);
        assert_eq!(h.prefix(3), 60.0);
        assert_eq!(h.total(), 150.0);
        assert_eq!(h.find(0.0), 0);
        assert_eq!(h.find(9.9), 0);
        assert_eq!(h.find(10.0), 1);
        assert_eq!(h.find(59.0), 2);
        assert_eq!(h.find(1000.0), 4);
        h.set(1, 5.0);
        assert_eq!(h.prefix(3), 45.0);
        assert_eq!(h.find(15.0), 2);
    }

    #[test]
    fn block_of_maps_newlines_to_the_next_block() {
        let b = split_blocks("ab\n\ncd");
        assert_eq!(block_of(&b, 0), Some(0));
        assert_eq!(block_of(&b, 2), Some(1));
        assert_eq!(block_of(&b, 5), Some(1));
        assert_eq!(block_of(&b, 99), Some(1));
    }
}
