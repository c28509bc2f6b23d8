//! Word boundaries for selections: snapping a drag to whole words, double-click on a
//! word, and moving a span's ends by a word. Char offsets throughout.
//!
//! A word is a run of alphanumeric chars, with apostrophes, hyphens, dots and commas
//! between them ("al-Muhandis", "Iran’s", "2.5", "5,200") and combining marks after
//! them; everything else is a separator.

use crate::text::DocText;
use std::ops::Range;

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks are rare in news text; the common blocks are enough to keep an
/// accent with its letter.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0610..=0x061A | 0x064B..=0x065F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐' | '.' | ',' | '_')
}

/// The chars of `text` around `c`, as a small window: enough to find word ends without
/// walking a whole 10 MB article.
fn chars_around(text: &DocText, c: usize, reach: usize) -> (usize, Vec<char>) {
    let lo = c.saturating_sub(reach);
    (lo, text.slice(lo..c + reach).chars().collect())
}

/// Is char `i` of `w` part of a word (a joiner counts when flanked by word chars)?
fn in_word(w: &[char], i: usize) -> bool {
    match w.get(i) {
        Some(&ch) if is_word(ch) => true,
        Some(&ch) if is_joiner(ch) => {
            i > 0
                && w.get(i - 1).is_some_and(|&p| is_word(p))
                && w.get(i + 1).is_some_and(|&n| is_word(n))
        }
        _ => false,
    }
}

/// Longest word the helpers look across; longer runs are cut there.
const REACH: usize = 256;

/// The word containing char `c`, or `None` when `c` is not in a word.
pub fn word_at(text: &DocText, c: usize) -> Option<Range<usize>> {
    let (lo, w) = chars_around(text, c, REACH);
    let i = c - lo;
    if !in_word(&w, i) {
        return None;
    }
    let mut s = i;
    while s > 0 && in_word(&w, s - 1) {
        s -= 1;
    }
    let mut e = i + 1;
    while e < w.len() && in_word(&w, e) {
        e += 1;
    }
    Some(lo + s..lo + e)
}

/// Grows a selection to whole words at both ends and trims white space off its edges
/// (punctuation the user dragged over, such as quotation marks, stays); returns `None`
/// when only white space is selected.
pub fn snap_to_words(text: &DocText, r: Range<usize>) -> Option<Range<usize>> {
    let r = r.start.min(text.char_len())..r.end.min(text.char_len());
    if r.is_empty() {
        return None;
    }
    let inner = text.slice(r.clone());
    let lead = inner.chars().take_while(|c| c.is_whitespace()).count();
    let trail = inner
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace())
        .count();
    if lead == r.len() {
        return None;
    }
    let (mut s, mut e) = (r.start + lead, r.end - trail);
    if let Some(w) = word_at(text, s) {
        s = w.start;
    }
    if let Some(w) = word_at(text, e - 1) {
        e = w.end;
    }
    Some(s..e)
}

/// The start of the next word after `c` (or the end of the text).
pub fn next_word_start(text: &DocText, c: usize) -> usize {
    let n = text.char_len();
    let mut i = c;
    if let Some(w) = word_at(text, i) {
        i = w.end;
    }
    while i < n && word_at(text, i).is_none() {
        i += 1;
    }
    i.min(n)
}

/// The end of the previous word before `c` (or 0).
pub fn prev_word_end(text: &DocText, c: usize) -> usize {
    let mut i = c;
    if i > 0
        && let Some(w) = word_at(text, i - 1)
        && w.end == i
    {
        i = w.start;
    }
    while i > 0 && word_at(text, i - 1).is_none() {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DocText {
        DocText::new(s.to_owned())
    }

    #[test]
    fn word_keeps_inner_apostrophes_hyphens_and_decimals() {
        let d = t("Iran’s al-Muhandis counted 2.5 million, 5,200 troops.");
        assert_eq!(d.slice(word_at(&d, 1).unwrap()), "Iran’s");
        assert_eq!(d.slice(word_at(&d, 10).unwrap()), "al-Muhandis");
        assert_eq!(d.slice(word_at(&d, 28).unwrap()), "2.5");
        assert_eq!(d.slice(word_at(&d, 41).unwrap()), "5,200");
        assert_eq!(word_at(&d, 6), None);
    }

    #[test]
    fn snapping_grows_to_words_and_trims_separators() {
        let d = t("chanting “Get out, get out occupier!” and");
        // From inside "Get" to inside "occupier".
        let r = snap_to_words(&d, 11..30).unwrap();
        assert_eq!(d.slice(r), "Get out, get out occupier");
        let r = snap_to_words(&d, 8..12).unwrap();
        assert_eq!(d.slice(r), "“Get");
        assert_eq!(snap_to_words(&d, 8..9), None);
    }

    #[test]
    fn snapping_handles_arabic_and_accents() {
        let d = t("قال الصدر اخرج يا محتل and cafe\u{301} noir");
        let r = snap_to_words(&d, 5..7).unwrap();
        assert_eq!(d.slice(r), "الصدر");
        let r = snap_to_words(&d, 28..29).unwrap();
        assert_eq!(d.slice(r), "cafe\u{301}");
    }

    #[test]
    fn word_steps() {
        let d = t("one two  three");
        assert_eq!(next_word_start(&d, 0), 4);
        assert_eq!(next_word_start(&d, 4), 9);
        assert_eq!(next_word_start(&d, 9), 14);
        assert_eq!(prev_word_end(&d, 14), 7);
        assert_eq!(prev_word_end(&d, 7), 3);
        assert_eq!(prev_word_end(&d, 3), 0);
    }
}
