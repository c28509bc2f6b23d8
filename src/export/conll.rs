//! `conll`: one token per line, `TOKEN<TAB>TAG`, BIO tags over the chosen labels.
//!
//! Each document starts with `-DOCSTART-<TAB>O` and a blank line (the CoNLL-2003
//! convention); sentences are separated by a blank line, a sentence ending at a line
//! break or after a `.`, `!` or `?` token. Tokens are runs of letters and digits (with
//! `.`, `,`, `'`, `’`, `-` between them, so "2.5", "5,200" and "al-Hashemi" stay whole),
//! keeping combining marks and emoji modifiers with their base; any other non-space char
//! is a token of its own.
//!
//! See [`OVERLAP_POLICY`] for how overlapping spans are resolved.

use super::select::{DocView, each_view};
use super::{ExportError, ExportSummary, Progress};
use crate::model::Annotation;
use std::cmp::Reverse;
use std::fmt::Write as _;

/// How overlapping spans are resolved, for documentation and the CLI's help.
pub const OVERLAP_POLICY: &str = "BIO tags cannot overlap: spans are taken in order of \
start, longer first at equal starts (then label, then id); a span that shares a token \
with a span already taken is dropped whole and counted, and so is a span that covers no \
token (only spaces). A token belongs to a span when any of its chars is inside it.";

fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x0900..=0x0903
        | 0x093A..=0x094F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F
        | 0xE0100..=0xE01EF)
}

fn is_regional(c: char) -> bool {
    matches!(c as u32, 0x1F1E6..=0x1F1FF)
}

fn is_joiner(c: char) -> bool {
    matches!(c, '.' | ',' | '\'' | '’' | '-' | '‐')
}

/// A token: char range and byte range.
struct Token {
    start: usize,
    end: usize,
    bytes: std::ops::Range<usize>,
    /// A line break comes before the next token.
    line_after: bool,
}

fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut tokens: Vec<Token> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            if c == '\n'
                && let Some(t) = tokens.last_mut()
            {
                t.line_after = true;
            }
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        if c.is_alphanumeric() {
            while i < chars.len() {
                let d = chars[i].1;
                let next_word = chars.get(i + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
                if d.is_alphanumeric() || is_mark(d) || (is_joiner(d) && next_word) {
                    i += 1;
                } else {
                    break;
                }
            }
        } else if is_regional(c) && chars.get(i).is_some_and(|&(_, n)| is_regional(n)) {
            i += 1;
        }
        // Marks, modifiers and zero-width-joined chars stay with their base.
        while i < chars.len() {
            let d = chars[i].1;
            if is_mark(d) {
                i += 1;
            } else if d == '\u{200D}' && i + 1 < chars.len() && !chars[i + 1].1.is_whitespace() {
                i += 2;
            } else {
                break;
            }
        }
        tokens.push(Token {
            start,
            end: i,
            bytes: byte_at(start)..byte_at(i),
            line_after: false,
        });
    }
    tokens
}

/// Writes the tokens; counts dropped spans in `summary`.
pub(crate) fn write(
    views: &[DocView<'_>],
    out: &mut Vec<u8>,
    summary: &mut ExportSummary,
    progress: Progress<'_>,
) -> Result<(), ExportError> {
    let mut s = String::new();
    let mut dropped = 0;
    let mut no_token = 0;
    each_view(views, progress, |v| {
        let text = v.text.as_str();
        let tokens = tokenize(text);
        let mut tags: Vec<Option<(&str, bool)>> = vec![None; tokens.len()];
        let mut spans: Vec<&Annotation> = v.spans.clone();
        spans.sort_by(|x, y| {
            (x.start, Reverse(x.end), &x.label, &x.id).cmp(&(
                y.start,
                Reverse(y.end),
                &y.label,
                &y.id,
            ))
        });
        for a in spans {
            let first = tokens.partition_point(|t| t.end <= a.start);
            let last = first + tokens[first..].partition_point(|t| t.start < a.end);
            if first == last {
                no_token += 1;
                continue;
            }
            if tags[first..last].iter().any(Option::is_some) {
                dropped += 1;
                continue;
            }
            for (k, tag) in tags[first..last].iter_mut().enumerate() {
                *tag = Some((a.label.as_str(), k == 0));
            }
        }
        s.push_str("-DOCSTART-\tO\n\n");
        let mut in_sentence = false;
        for (k, (t, tag)) in tokens.iter().zip(&tags).enumerate() {
            let word = &text[t.bytes.clone()];
            match tag {
                None => {
                    let _ = writeln!(s, "{word}\tO");
                }
                Some((label, first)) => {
                    let bio = if *first { 'B' } else { 'I' };
                    let label: String = label
                        .chars()
                        .map(|c| if c.is_whitespace() { '_' } else { c })
                        .collect();
                    let _ = writeln!(s, "{word}\t{bio}-{label}");
                }
            }
            in_sentence = true;
            // A sentence ends at a line break or a final stop, but never inside a span.
            let span_goes_on = matches!(tags.get(k + 1), Some(Some((_, false))));
            if (t.line_after || matches!(word, "." | "!" | "?")) && !span_goes_on {
                s.push('\n');
                in_sentence = false;
            }
        }
        if in_sentence {
            s.push('\n');
        }
        Ok(())
    })?;
    out.extend_from_slice(s.as_bytes());
    summary.dropped_overlaps = dropped;
    if dropped > 0 {
        summary.warnings.push(format!(
            "conll: {dropped} overlapping span(s) dropped (BIO tags cannot overlap; \
             the earlier, then longer, span is kept)"
        ));
    }
    if no_token > 0 {
        summary.warnings.push(format!(
            "conll: {no_token} span(s) dropped because they cover no token"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| &s[t.bytes.clone()]).collect()
    }

    #[test]
    fn tokens_keep_numbers_names_and_marks_whole() {
        assert_eq!(
            words("al-Hashemi said 2.5\u{a0}million, 5,200 troops."),
            [
                "al-Hashemi",
                "said",
                "2.5",
                "million",
                ",",
                "5,200",
                "troops",
                "."
            ]
        );
        assert_eq!(
            words("cafe\u{301} «اخرج»"),
            ["cafe\u{301}", "«", "اخرج", "»"]
        );
        assert_eq!(words("👍🏽 👨‍👩‍👧 🇮🇶!"), ["👍🏽", "👨‍👩‍👧", "🇮🇶", "!"]);
    }
}
