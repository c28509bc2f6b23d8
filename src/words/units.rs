//! The units a text is cut into for selections: UAX #29 word segments, joined where a
//! reader sees one word, found from a small window around an offset so that a 10 MB
//! article costs no more than a short one.
//!
//! The window ends at *exact cuts*: positions right after a white space char where
//! UAX #29 breaks whatever comes before or after (no rule looks across white space,
//! except white space runs and marks attached to a space, which the pair check sees).
//! Segmenting the window then gives the very segments of the whole text. Where no
//! space is near (Chinese or Japanese text, a long URL), the window is cut after
//! [`FIRST_REACH`] chars; when the unit found is within two units of such a cut (where
//! it may differ from the whole text's) the window grows fourfold, up to [`MAX_REACH`]
//! chars on either side, and past that the unit is clamped to the window.

use crate::text::DocText;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// What a unit is, which decides whether it counts as a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// Letters or digits, with their marks and the joiners between them.
    Text,
    /// An emoji with its modifiers, ZWJ sequence, keycap or flag pair: a word too, so
    /// that a double-click selects it whole and a drag never splits it.
    Emoji,
    /// Only white space.
    Space,
    /// Punctuation and other symbols.
    Other,
}

/// A run of chars that selections never split.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Unit {
    /// Char offsets in the whole text.
    pub chars: Range<usize>,
    /// What the run is.
    pub kind: Kind,
}

impl Unit {
    /// Words are what a double-click selects and a word step lands on.
    pub fn is_word(&self) -> bool {
        matches!(self.kind, Kind::Text | Kind::Emoji)
    }
}

/// Chars looked at on either side of an offset before cutting the window anywhere.
pub(super) const FIRST_REACH: usize = 16;

/// The most chars looked at on either side of an offset; a unit longer than that (a
/// 2,000-char URL, a base64 blob) is clamped to them.
pub(super) const MAX_REACH: usize = 1024;

/// The unit containing char `c`, or `None` past the end of the text.
pub(super) fn unit_at(text: &DocText, c: usize) -> Option<Unit> {
    if c >= text.char_len() {
        return None;
    }
    let mut reach = FIRST_REACH;
    loop {
        let w = Window::around(text, c, reach);
        let mut units = w.units();
        let i = units.iter().position(|u| u.chars.contains(&c))?;
        // UAX #29 and the joins look up to two units across a cut, so the first two
        // and the last two units of a window cut anywhere may differ from the text's.
        let unsure = (!w.lo.exact && i < 2) || (!w.hi.exact && i + 2 >= units.len());
        if !unsure || reach >= MAX_REACH {
            return Some(units.swap_remove(i));
        }
        reach *= 4;
    }
}

/// The units of a whole text that are not white space, with their bytes, for token
/// patterns that run over the words a selection snaps to. `text` must start and end at
/// exact cuts (the whole text, or a paragraph after a line break).
pub(super) fn units_with_bytes(text: &str, first_char: usize) -> Vec<(Range<usize>, Unit)> {
    let mut out: Vec<Piece> = Vec::new();
    let (mut byte, mut char) = (0, first_char);
    for seg in text.split_word_bounds() {
        let n = seg.chars().count();
        let piece = Piece {
            bytes: byte..byte + seg.len(),
            chars: char..char + n,
            kind: kind_of(seg),
        };
        (byte, char) = (piece.bytes.end, piece.chars.end);
        push_joined(&mut out, piece, text);
    }
    out.into_iter()
        .filter(|p| p.kind != Kind::Space)
        .map(|p| {
            (
                p.bytes,
                Unit {
                    chars: p.chars,
                    kind: p.kind,
                },
            )
        })
        .collect()
}

/// Every unit of the whole text, for tests that check the window against it.
#[cfg(test)]
pub(super) fn all_units(text: &DocText) -> Vec<Unit> {
    let s = text.as_str();
    let end = Cut {
        byte: s.len(),
        chars_from_lo: text.char_len(),
        exact: true,
    };
    let start = Cut {
        byte: 0,
        chars_from_lo: 0,
        exact: true,
    };
    Window {
        text: s,
        start: 0,
        lo: start,
        hi: end,
    }
    .units()
}

/// One edge of a window.
#[derive(Clone, Copy, Debug)]
struct Cut {
    /// Byte offset in the whole text.
    byte: usize,
    /// For the left edge, chars from the edge to the offset; for the right edge, chars
    /// from the left edge to this one.
    chars_from_lo: usize,
    /// Whether UAX #29 breaks here in the whole text, whatever the context.
    exact: bool,
}

/// A slice of the text around an offset.
struct Window<'a> {
    /// The chars of the window.
    text: &'a str,
    /// Char offset of the window's first char.
    start: usize,
    lo: Cut,
    hi: Cut,
}

impl<'a> Window<'a> {
    /// The window around char `c` (which must be in the text), up to `reach` chars on
    /// either side unless an exact cut is nearer.
    fn around(text: &'a DocText, c: usize, reach: usize) -> Self {
        let s = text.as_str();
        let b = text.byte_of(c);
        let lo = left_cut(s, b, reach);
        let mut hi = right_cut(s, b, reach);
        hi.chars_from_lo += lo.chars_from_lo;
        Window {
            text: &s[lo.byte..hi.byte],
            start: c - lo.chars_from_lo,
            lo,
            hi,
        }
    }

    /// The window's UAX #29 segments, joined by the reader's rules.
    fn units(&self) -> Vec<Unit> {
        let mut out: Vec<Piece> = Vec::new();
        let (mut byte, mut char) = (0, self.start);
        for seg in self.text.split_word_bounds() {
            let n = seg.chars().count();
            let piece = Piece {
                bytes: byte..byte + seg.len(),
                chars: char..char + n,
                kind: kind_of(seg),
            };
            (byte, char) = (piece.bytes.end, piece.chars.end);
            push_joined(&mut out, piece, self.text);
        }
        out.into_iter()
            .map(|p| Unit {
                chars: p.chars,
                kind: p.kind,
            })
            .collect()
    }
}

/// The nearest exact cut at or left of byte `b`, or the position `reach` chars left.
fn left_cut(s: &str, b: usize, reach: usize) -> Cut {
    let (mut p, mut k) = (b, 0);
    for (i, ch) in s[..b].char_indices().rev() {
        if ch.is_whitespace() && breaks_between(s, i, p) {
            break;
        }
        if k == reach {
            return Cut {
                byte: p,
                chars_from_lo: k,
                exact: false,
            };
        }
        (p, k) = (i, k + 1);
    }
    Cut {
        byte: p,
        chars_from_lo: k,
        exact: true,
    }
}

/// The nearest exact cut right of byte `b` (a char boundary before the end), or the
/// position `reach` chars right.
fn right_cut(s: &str, b: usize, reach: usize) -> Cut {
    let (mut p, mut k) = (b, 0);
    for ch in s[b..].chars() {
        let i = p;
        (p, k) = (p + ch.len_utf8(), k + 1);
        if p == s.len() || (ch.is_whitespace() && breaks_between(s, i, p)) {
            break;
        }
        if k == reach {
            return Cut {
                byte: p,
                chars_from_lo: k,
                exact: false,
            };
        }
    }
    Cut {
        byte: p,
        chars_from_lo: k,
        exact: true,
    }
}

/// Does UAX #29 break between the white space char at byte `i` and the char at byte
/// `p` (a space and a letter: yes; two spaces, or a space and a mark: no)? Nothing
/// before a space or after the char changes that.
fn breaks_between(s: &str, i: usize, p: usize) -> bool {
    let next = s[p..].chars().next().map_or(0, char::len_utf8);
    s[i..p + next].split_word_bounds().nth(1).is_some()
}

/// A unit while the window is being joined, with its bytes in the window.
struct Piece {
    bytes: Range<usize>,
    chars: Range<usize>,
    kind: Kind,
}

/// Adds a segment to `out`, joining it to what comes before where a reader sees one
/// word: "U.S" and "." (UAX #29 ends an abbreviation before its last dot), and two
/// words with a hyphen, apostrophe, dot or comma between them ("al-Hashemi",
/// "million-man", "1990’s": UAX #29 breaks at hyphens and between digits and letters).
fn push_joined(out: &mut Vec<Piece>, piece: Piece, w: &str) {
    let text = &w[piece.bytes.clone()];
    if text == "."
        && let Some(last) = out.last_mut()
        && is_abbreviation(&w[last.bytes.clone()])
    {
        last.bytes.end = piece.bytes.end;
        last.chars.end = piece.chars.end;
        return;
    }
    if piece.kind == Kind::Text
        && let [.., word, joiner] = &out[..]
        && word.kind == Kind::Text
        && is_joiner(&w[joiner.bytes.clone()])
    {
        out.pop();
        if let Some(word) = out.last_mut() {
            word.bytes.end = piece.bytes.end;
            word.chars.end = piece.chars.end;
        }
        return;
    }
    out.push(piece);
}

/// Letters with dots between them, one or two a part: "U.S", "e.g", "Ph.D".
fn is_abbreviation(s: &str) -> bool {
    s.contains('.')
        && s.split('.').all(|part| {
            (1..=2).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic)
        })
}

/// Chars that join two words when nothing else is between them.
fn is_joiner(s: &str) -> bool {
    matches!(s, "-" | "\u{2010}" | "\u{2011}" | "'" | "’" | "." | ",")
}

/// Emoji presentation selector and keycap: an emoji whatever its base.
const EMOJI_MARKS: [char; 2] = ['\u{FE0F}', '\u{20E3}'];

/// What a UAX #29 segment is.
fn kind_of(seg: &str) -> Kind {
    if seg.chars().any(char::is_alphanumeric) {
        Kind::Text
    } else if seg.chars().all(char::is_whitespace) {
        Kind::Space
    } else if seg.chars().next().is_some_and(is_emoji_base) || seg.contains(EMOJI_MARKS) {
        Kind::Emoji
    } else {
        Kind::Other
    }
}

/// Is `ch` Extended_Pictographic or a regional indicator (half a flag)?
///
/// unicode-segmentation keeps its property tables private, so this asks its segmenter:
/// UAX #29 rule WB3c keeps a ZWJ with a following Extended_Pictographic char, and rule
/// WB4 would also keep a mark there, which the second probe (a letter before it) rules
/// out.
fn is_emoji_base(ch: char) -> bool {
    if ch.is_ascii() {
        return false;
    }
    if ('\u{1F1E6}'..='\u{1F1FF}').contains(&ch) {
        return true;
    }
    let one_segment_after = |first: char| {
        let mut buf = [0u8; 8];
        let n = first.encode_utf8(&mut buf).len();
        let m = ch.encode_utf8(&mut buf[n..]).len();
        std::str::from_utf8(&buf[..n + m]).is_ok_and(|s| s.split_word_bounds().nth(1).is_none())
    };
    one_segment_after('\u{200D}') && !one_segment_after('a')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DocText {
        DocText::new(s.to_owned())
    }

    /// The window finds, at every char, the unit that segmenting the whole text gives.
    fn window_agrees_with_whole_text(s: &str) {
        let d = t(s);
        let all = all_units(&d);
        for u in &all {
            for c in u.chars.clone() {
                assert_eq!(unit_at(&d, c).as_ref(), Some(u), "at char {c} of {s:?}");
            }
        }
        assert_eq!(unit_at(&d, d.char_len()), None);
    }

    #[test]
    fn window_gives_the_same_units_as_the_whole_text() {
        window_agrees_with_whole_text(
            "Iran’s al-Hashemi said 5,200 (2.5%) in the U.S.-led  war.\n\n“Get out!” \
             قال الصدر   cafe\u{301}  東京タワーに行きました。\u{301}x 👨\u{200D}👩\u{200D}👧 🇮🇶🇮🇶🇮 \
             a:b a.b. e.g. x",
        );
        // Runs without a space, longer than the first window.
        window_agrees_with_whole_text(&"中文".repeat(200));
        window_agrees_with_whole_text(&format!("see {} now", "a".repeat(300)));
        window_agrees_with_whole_text(&format!("x{}y", " ".repeat(300)));
        window_agrees_with_whole_text(&"-a".repeat(200));
    }

    #[test]
    fn window_gives_the_same_units_as_the_whole_text_in_the_sample_articles() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/projects/rally-coverage/articles"
        );
        let mut read = 0;
        for entry in std::fs::read_dir(dir).expect("the sample project's articles") {
            let path = entry.expect("a directory entry").path();
            let text = crate::text::read_article(&path).expect("a sample article");
            window_agrees_with_whole_text(&text);
            read += 1;
        }
        assert!(read >= 5, "only {read} sample articles in {dir}");
    }

    #[test]
    fn emoji_bases_come_from_the_segmenter() {
        assert!(is_emoji_base('👍'));
        assert!(is_emoji_base('👨'));
        assert!(is_emoji_base('\u{1F1EE}'));
        assert!(!is_emoji_base('\u{301}'), "a combining mark");
        assert!(!is_emoji_base('\u{1F3FD}'), "a skin tone modifier alone");
        assert!(!is_emoji_base('“'));
        assert!(!is_emoji_base('—'));
        assert!(!is_emoji_base('a'));
    }

    #[test]
    fn exact_cuts_follow_white_space_only_where_uax29_breaks() {
        let s = "ab  c\u{301}d \u{301}e";
        // Between the two spaces: no; after them: yes; a space and a mark: no.
        assert!(!breaks_between(s, 2, 3));
        assert!(breaks_between(s, 3, 4));
        let sp = s.rfind(' ').unwrap_or(0);
        assert!(!breaks_between(s, sp, sp + 1));
    }
}
