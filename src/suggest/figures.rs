//! The figure rule: every number phrase the figure parser reads in prose, with the
//! attributes tagging it would fill, except on lines of page furniture.

use super::{Found, Priority};
use crate::figure::{fill_attributes, find_all};
use crate::model::{Attributes, LabelKind};

/// How lines of page furniture begin: datelines of updates, credits, counters.
const FURNITURE: &[&str] = &[
    "updated",
    "published",
    "posted",
    "last updated",
    "last modified",
    "photo",
    "image",
    "picture",
    "credit",
    "copyright",
    "©",
    "read more",
    "read also",
    "related",
    "share",
    "comments",
    "advertisement",
    "file photo",
    "caption",
    "video",
    "watch",
    "listen",
    "subscribe",
    "sign up",
    "follow us",
    "tags",
    "source :",
    "source:",
];

/// The figures of `text[within]` (which starts and ends at a blank line or the text's
/// ends, where the figure parser starts afresh), with offsets in `text`.
pub(super) fn find_in(text: &str, within: std::ops::Range<usize>) -> Vec<Found> {
    let mut found = find(&text[within.clone()]);
    for f in &mut found {
        for r in &mut f.ranges {
            *r = r.start + within.start..r.end + within.start;
        }
    }
    found
}

/// The figures of a text.
pub(super) fn find(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let mut line: Option<(usize, usize, bool)> = None;
    let mut byte = 0usize;
    let mut char_at = 0usize;
    for f in find_all(text) {
        // find_all counts chars; walk to the figure's bytes from the last one.
        let advance = |from_b: usize, from_c: usize, to_c: usize| -> usize {
            text[from_b..]
                .chars()
                .take(to_c.saturating_sub(from_c))
                .map(char::len_utf8)
                .sum::<usize>()
                + from_b
        };
        let s = advance(byte, char_at, f.chars.start);
        let e = advance(s, f.chars.start, f.chars.end);
        (byte, char_at) = (e, f.chars.end);
        let furniture = match line {
            Some((ls, le, fur)) if ls <= s && e <= le => fur,
            _ => {
                let ls = text[..s].rfind('\n').map_or(0, |k| k + 1);
                let le = text[e..].find('\n').map_or(text.len(), |k| e + k);
                let fur = is_furniture(&text[ls..le]);
                line = Some((ls, le, fur));
                fur
            }
        };
        if furniture {
            continue;
        }
        let mut attrs = Attributes::default();
        fill_attributes(&mut attrs, &text[s..e]);
        out.push(Found {
            kind: LabelKind::Figure,
            ranges: std::iter::once(s..e).collect(),
            attrs,
            rule: "figure",
            priority: Priority::High,
            speaker: None,
        });
    }
    out
}

/// Whether a line is page furniture: it starts like a credit, an update line or a
/// counter ("1 of 5"), or is a bullet of metadata.
fn is_furniture(line: &str) -> bool {
    let t = line.trim_start_matches(|c: char| c.is_whitespace() || "•·*-–|>".contains(c));
    let lower = t.to_lowercase();
    if FURNITURE.iter().any(|f| {
        lower.starts_with(f) && lower[f.len()..].starts_with(|c: char| !c.is_alphanumeric())
    }) {
        return true;
    }
    // "1 of 5", "2/12" alone on a line: a gallery counter.
    let words: Vec<&str> = t.split_whitespace().collect();
    matches!(words.as_slice(), [a, "of", b] if a.parse::<u32>().is_ok() && b.parse::<u32>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        find(t).iter().map(|f| &t[f.ranges[0].clone()]).collect()
    }

    #[test]
    fn figures_in_prose_come_with_their_numbers_and_furniture_is_skipped() {
        let t = "Updated 10:30 GMT, 24 January 2020\nPhoto: 3 people at the rally\n\
                 Al-Hashemi said more than 2.5 million took part on January 24, 2020.\n\
                 1 of 5\nIraq’s “million-strong” march drew around 5,200 US troops’ notice.";
        assert_eq!(
            texts(t),
            [
                "more than 2.5 million",
                "million-strong",
                "around 5,200 US troops"
            ]
        );
        let f = &find(t)[0];
        assert_eq!(f.attrs.value, Some(2_500_000.0));
        assert_eq!(f.attrs.low, Some(2_500_000.0));
        assert!(f.attrs.from_text);
    }
}
