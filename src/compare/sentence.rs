//! A span in the sentence around it, for a reader comparing outlets: UAX #29 sentence
//! boundaries over a window of the text around the span (a sentence longer than the
//! window is cut at it, with an ellipsis), so a row costs the same in a 10 MB article.

use crate::text::DocText;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// How many chars either side of the span are looked at for its sentence.
const WINDOW: usize = 240;

/// A span's sentence, on one line, and where the span is in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InSentence {
    /// The sentence (or sentences, when the span crosses a boundary), whitespace runs
    /// as single spaces, "…" where the window cut it.
    pub text: String,
    /// The span's place in `text`, in bytes, for highlighting.
    pub span: Range<usize>,
}

/// The sentence around `span` (chars) of `text`.
pub fn in_sentence(text: &DocText, span: Range<usize>) -> InSentence {
    let n = text.char_len();
    let (start, end) = (span.start.min(n), span.end.min(n).max(span.start.min(n)));
    let lo = start.saturating_sub(WINDOW);
    let hi = (end + WINDOW).min(n);
    let window = text.slice(lo..hi);
    // Byte offsets of the span inside the window.
    let (s, e) = (
        text.byte_of(start) - text.byte_of(lo),
        text.byte_of(end) - text.byte_of(lo),
    );
    let mut from = 0;
    let mut to = window.len();
    for (at, sentence) in window.split_sentence_bound_indices() {
        let stop = at + sentence.len();
        if stop <= s && stop < window.len() {
            from = stop;
        }
        if at >= e.max(s + 1) && at < to {
            to = at;
        }
    }
    // A window edge that is not the text's edge cut a sentence.
    let cut_before = from == 0 && lo > 0;
    let cut_after = to == window.len() && hi < n;
    let before = squash(&window[from..s]);
    let after = squash(&window[e..to]);
    let mut out = String::with_capacity(to - from + 8);
    if cut_before {
        out.push('…');
    }
    out.push_str(before.trim_start());
    let start = out.len();
    out.push_str(&squash(&window[s..e]));
    let span = start..out.len();
    out.push_str(after.trim_end());
    if cut_after {
        out.push('…');
    }
    InSentence { text: out, span }
}

/// Runs of whitespace (line breaks included) as one space.
fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, phrase: &str) -> InSentence {
        let t = DocText::new(text.to_owned());
        let b = text.find(phrase).unwrap();
        in_sentence(&t, t.char_of(b)..t.char_of(b + phrase.len()))
    }

    #[test]
    fn the_span_is_shown_in_its_own_sentence_on_one_line() {
        let text = "Crowds gathered.  Al-Hashemi said more than\n2.5 million took part. \
                    Police gave no figure. Calling for U.S. bases to close, Sadr spoke.";
        let got = at(text, "more than\n2.5 million");
        assert_eq!(got.text, "Al-Hashemi said more than 2.5 million took part.");
        assert_eq!(&got.text[got.span.clone()], "more than 2.5 million");
        // "U.S. bases" does not end a sentence.
        let got = at(text, "Sadr");
        assert_eq!(got.text, "Calling for U.S. bases to close, Sadr spoke.");
        assert_eq!(&got.text[got.span.clone()], "Sadr");
    }

    #[test]
    fn a_long_sentence_is_cut_at_the_window_and_non_ascii_offsets_hold() {
        let long = format!(
            "{} «مليون» رجل {}",
            "كلمة ".repeat(200),
            "نهاية ".repeat(200)
        );
        let got = at(&long, "«مليون»");
        assert!(
            got.text.starts_with('…') && got.text.ends_with('…'),
            "{}",
            got.text
        );
        assert_eq!(&got.text[got.span.clone()], "«مليون»");
        assert!(got.text.chars().count() < 2 * WINDOW + 20);
    }
}
