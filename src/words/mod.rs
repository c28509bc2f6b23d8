//! Word boundaries for selections: snapping a drag to whole words, double-click on a
//! word, and moving a span's ends by a word. Char offsets throughout.
//!
//! Words are UAX #29 word segments (the `unicode-segmentation` crate) that hold a
//! letter, a digit or an emoji, joined where a reader sees one word: "al-Hashemi",
//! "Iran’s", "2.5", "5,200", "U.S.". Marks stay with their letter and emoji sequences
//! stay whole; Chinese and Japanese text, which has no spaces, comes one ideograph (or
//! one katakana run) a word. Only a small window around the offset is read (see the
//! `units` module for its size and what happens to longer words).

mod units;

use crate::text::DocText;
use std::ops::Range;
use units::{Kind, unit_at};

/// A word or mark of a text as word snapping cuts it, for token patterns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Its bytes in the text given to [`tokens`].
    pub bytes: Range<usize>,
    /// Its chars, counted from the `first_char` given to [`tokens`].
    pub chars: Range<usize>,
    /// A word (letters, digits or an emoji) rather than punctuation or a symbol.
    pub is_word: bool,
}

/// The words and marks of `text` (white space left out) as word snapping cuts them:
/// "al-Hashemi", "U.S.", "5,200" are one token each. `text` should be a whole text or
/// a paragraph of one (cut after a line break), where the cuts are the whole text's.
pub fn tokens(text: &str, first_char: usize) -> Vec<Token> {
    units::units_with_bytes(text, first_char)
        .into_iter()
        .map(|(bytes, u)| Token {
            bytes,
            is_word: u.is_word(),
            chars: u.chars,
        })
        .collect()
}

/// The word containing char `c`, or `None` when `c` is not in a word.
pub fn word_at(text: &DocText, c: usize) -> Option<Range<usize>> {
    unit_at(text, c)
        .filter(units::Unit::is_word)
        .map(|u| u.chars)
}

/// Grows a selection to whole words at both ends and trims white space off its edges
/// (punctuation the user dragged over, such as quotation marks, stays, and is never
/// split from its marks); returns `None` when only white space is selected.
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
    if let Some(u) = unit_at(text, s).filter(|u| u.kind != Kind::Space) {
        s = u.chars.start;
    }
    if let Some(u) = unit_at(text, e - 1).filter(|u| u.kind != Kind::Space) {
        e = u.chars.end;
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
    while let Some(u) = unit_at(text, i) {
        if u.is_word() {
            break;
        }
        i = u.chars.end.max(i + 1);
    }
    i.min(n)
}

/// The end of the previous word before `c` (or 0).
pub fn prev_word_end(text: &DocText, c: usize) -> usize {
    let mut i = c.min(text.char_len());
    if i > 0
        && let Some(w) = word_at(text, i - 1)
        && w.end == i
    {
        i = w.start;
    }
    while i > 0 {
        match unit_at(text, i - 1) {
            Some(u) if !u.is_word() => i = u.chars.start.min(i - 1),
            _ => break,
        }
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

    /// The word around the first char of `needle` in `d`.
    fn word_of<'a>(d: &'a DocText, needle: &str) -> &'a str {
        let b = d.as_str().find(needle).unwrap_or(usize::MAX);
        let c = d.char_of(b);
        word_at(d, c).map_or("", |w| d.slice(w))
    }

    #[test]
    fn hyphenated_names_and_compounds_are_one_word() {
        let d = t(
            "Sayed Sadiq al-Hashemi led a million-man march, a U.S.\u{2010}led pre- and post-war",
        );
        assert_eq!(word_of(&d, "al-"), "al-Hashemi");
        assert_eq!(word_of(&d, "Hashemi"), "al-Hashemi");
        assert_eq!(word_of(&d, "man"), "million-man");
        assert_eq!(word_of(&d, "led pre"), "U.S.\u{2010}led");
        // A hyphen with a space on one side joins nothing.
        assert_eq!(word_of(&d, "pre"), "pre");
        assert_eq!(word_of(&d, "post"), "post-war");
        assert_eq!(
            word_at(&d, d.char_of(d.as_str().find("- and").unwrap_or(0))),
            None
        );
    }

    #[test]
    fn possessives_with_curly_and_straight_apostrophes_are_one_word() {
        let d = t("Iran’s and Iran's militias, the 1990’s, the students’ union");
        assert_eq!(word_of(&d, "Iran’s"), "Iran’s");
        assert_eq!(word_of(&d, "’s and"), "Iran’s");
        assert_eq!(word_of(&d, "Iran's"), "Iran's");
        assert_eq!(word_of(&d, "1990"), "1990’s");
        // A closing quote after a word is not part of it.
        assert_eq!(word_of(&d, "students"), "students");
    }

    #[test]
    fn numbers_with_decimal_points_and_thousands_separators_are_one_word() {
        let d = t("2.5 million, 5,200 troops, 1,234,567.89 dinars; in 2003.");
        assert_eq!(word_of(&d, "2.5"), "2.5");
        assert_eq!(word_of(&d, ".5"), "2.5");
        assert_eq!(word_of(&d, "5,200"), "5,200");
        assert_eq!(word_of(&d, "1,234"), "1,234,567.89");
        // A sentence's full stop after a number stays out.
        assert_eq!(word_of(&d, "2003"), "2003");
    }

    #[test]
    fn abbreviations_keep_their_last_dot() {
        let d = t("U.S. troops left the U.S. for the U.K., e.g. a Ph.D. Then the end.");
        assert_eq!(word_of(&d, "U.S. troops"), "U.S.");
        assert_eq!(word_of(&d, "S. troops"), "U.S.");
        assert_eq!(word_of(&d, "U.S. for"), "U.S.");
        assert_eq!(word_of(&d, "U.K."), "U.K.");
        assert_eq!(word_of(&d, "e.g."), "e.g.");
        assert_eq!(word_of(&d, "Ph.D."), "Ph.D.");
        // An ordinary word ends before a full stop.
        assert_eq!(word_of(&d, "end."), "end");
        let r = snap_to_words(&d, 1..2).unwrap_or_default();
        assert_eq!(d.slice(r), "U.S.");
    }

    #[test]
    fn chinese_and_japanese_runs_are_not_one_long_word() {
        let han = "伊拉克什叶派领袖萨德尔的支持者在巴格达举行示威".repeat(20);
        let d = t(&han);
        assert!(d.char_len() > 256);
        for c in [0, 5, 255, 256, d.char_len() - 1] {
            assert_eq!(word_at(&d, c), Some(c..c + 1), "at {c}");
        }
        assert_eq!(next_word_start(&d, 300), 301);
        assert_eq!(prev_word_end(&d, 300), 299);
        let r = snap_to_words(&d, 10..13).unwrap_or_default();
        assert_eq!(r, 10..13);

        // Katakana runs stay together (UAX #29), kanji and kana come one a word.
        let d = t("東京タワーに行きました。");
        assert_eq!(word_of(&d, "東"), "東");
        assert_eq!(word_of(&d, "ワー"), "タワー");
        assert_eq!(word_of(&d, "に"), "に");
        assert_eq!(word_at(&d, 11), None, "the ideographic full stop");
    }

    #[test]
    fn combining_marks_stay_with_their_letter() {
        // Decomposed: e + acute; Vietnamese stacks two marks on one letter.
        let d = t("cafe\u{301} Vie\u{323}\u{302}t Nam");
        assert_eq!(word_of(&d, "cafe"), "cafe\u{301}");
        assert_eq!(word_of(&d, "\u{301}"), "cafe\u{301}");
        assert_eq!(word_of(&d, "\u{302}"), "Vie\u{323}\u{302}t");
        // A drag that ends between a letter and its mark takes the mark.
        let r = snap_to_words(&d, 5..8).unwrap_or_default();
        assert_eq!(d.slice(r), "Vie\u{323}\u{302}t");
        assert_eq!(next_word_start(&d, 0), 6);
        assert_eq!(prev_word_end(&d, 6), 5);
    }

    #[test]
    fn arabic_words_keep_their_diacritics() {
        let d = t("قَالَ مُقْتَدَى الصَّدْر: اُخْرُجْ يَا مُحْتَلّ، می‌خواهم");
        assert_eq!(word_of(&d, "مُقْتَدَى"), "مُقْتَدَى");
        // From a diacritic in the middle of the word.
        assert_eq!(word_of(&d, "\u{652}تَدَى"), "مُقْتَدَى");
        assert_eq!(word_of(&d, "الصَّدْر"), "الصَّدْر");
        // The Arabic comma after a word is not part of it.
        assert_eq!(word_of(&d, "مُحْتَلّ"), "مُحْتَلّ");
        // Persian keeps a zero-width non-joiner inside the word.
        assert_eq!(word_of(&d, "می"), "می\u{200c}خواهم");
        let s = d.char_of(d.as_str().find("يَا").unwrap_or(0));
        let r = snap_to_words(&d, s + 1..s + 2).unwrap_or_default();
        assert_eq!(d.slice(r), "يَا");
    }

    #[test]
    fn emoji_sequences_are_one_unit() {
        let d = t("ok 👍🏽 👨\u{200D}👩\u{200D}👧 🇮🇶🇺🇸 👍👍 end");
        assert_eq!(word_of(&d, "👍🏽"), "👍🏽");
        assert_eq!(word_of(&d, "🏽"), "👍🏽");
        assert_eq!(word_of(&d, "👩"), "👨\u{200D}👩\u{200D}👧");
        assert_eq!(word_of(&d, "🇺🇸"), "🇺🇸");
        assert_eq!(word_of(&d, "🇶"), "🇮🇶");
        // Two emoji side by side are two units.
        assert_eq!(word_of(&d, "👍👍"), "👍");
        // A drag ending between an emoji and its modifier takes the modifier.
        let r = snap_to_words(&d, 0..4).unwrap_or_default();
        assert_eq!(d.slice(r), "ok 👍🏽");
        assert_eq!(next_word_start(&d, 0), 3);
        assert_eq!(next_word_start(&d, 3), 6);
    }

    #[test]
    fn a_word_longer_than_the_window_is_clamped_not_walked() {
        let long = format!("see {} now", "x".repeat(10_000));
        let d = t(&long);
        let w = word_at(&d, 5_000).unwrap_or_default();
        assert!(w.contains(&5_000));
        assert_eq!(w, 5_000 - units::MAX_REACH..5_000 + units::MAX_REACH);
        // Near its ends the real boundary is within reach and found.
        assert_eq!(word_at(&d, 10).map(|w| w.start), Some(4));
        assert_eq!(word_at(&d, 10_000).map(|w| w.end), Some(10_004));
        assert_eq!(next_word_start(&d, 10_003), 10_005);
    }
}
