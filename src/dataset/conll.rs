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

use super::export::{ExportError, ExportSummary, Progress};
use super::select::{DocView, each_view};
use crate::model::Annotation;
use std::cmp::Reverse;
use std::io::Write;

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
#[derive(Clone, Debug, PartialEq, Eq)]
struct Token {
    start: usize,
    end: usize,
    bytes: std::ops::Range<usize>,
    /// A line break comes before the next token.
    line_after: bool,
}

/// The tokens of a text, found as they are asked for: nothing is kept per char or per
/// token, so a 50 MB article costs no more than its text.
struct Tokens<'t> {
    text: &'t str,
    /// Byte and char offset of the next char to look at.
    byte: usize,
    char: usize,
}

impl<'t> Tokens<'t> {
    fn new(text: &'t str) -> Self {
        let mut tokens = Self {
            text,
            byte: 0,
            char: 0,
        };
        // A line break before the first token belongs to no token.
        tokens.skip_space();
        tokens
    }

    /// The next char and the one after it, without taking them.
    fn peek(&self) -> (Option<char>, Option<char>) {
        let mut rest = self.text[self.byte..].chars();
        (rest.next(), rest.next())
    }

    fn take(&mut self, c: char) {
        self.byte += c.len_utf8();
        self.char += 1;
    }

    /// Skips whitespace; true when it held a line break.
    fn skip_space(&mut self) -> bool {
        let mut line = false;
        while let (Some(c), _) = self.peek() {
            if !c.is_whitespace() {
                break;
            }
            line |= c == '\n';
            self.take(c);
        }
        line
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let (c, _) = self.peek();
        let c = c?;
        let (start, start_byte) = (self.char, self.byte);
        self.take(c);
        if c.is_alphanumeric() {
            while let (Some(d), next) = self.peek() {
                let next_word = next.is_some_and(char::is_alphanumeric);
                if d.is_alphanumeric() || is_mark(d) || (is_joiner(d) && next_word) {
                    self.take(d);
                } else {
                    break;
                }
            }
        } else if is_regional(c)
            && let (Some(n), _) = self.peek()
            && is_regional(n)
        {
            self.take(n);
        }
        // Marks, modifiers and zero-width-joined chars stay with their base.
        loop {
            match self.peek() {
                (Some(d), _) if is_mark(d) => self.take(d),
                (Some(d @ '\u{200D}'), Some(n)) if !n.is_whitespace() => {
                    self.take(d);
                    self.take(n);
                }
                _ => break,
            }
        }
        let (end, end_byte) = (self.char, self.byte);
        Some(Token {
            start,
            end,
            bytes: start_byte..end_byte,
            line_after: self.skip_space(),
        })
    }
}

/// A span that gets tags: the tokens it covers, by index, and its label as CoNLL writes
/// it (whitespace as `_`).
struct Tagged {
    first: usize,
    last: usize,
    label: String,
}

/// The spans of `spans` that get tags, in token order, by [`OVERLAP_POLICY`]; counts
/// those dropped for overlap and for covering no token.
fn resolve(
    text: &str,
    spans: &[&Annotation],
    dropped: &mut usize,
    no_token: &mut usize,
) -> Vec<Tagged> {
    let mut spans: Vec<&Annotation> = spans.to_vec();
    spans.sort_by(|x, y| {
        (x.start, Reverse(x.end), &x.label, &x.id).cmp(&(y.start, Reverse(y.end), &y.label, &y.id))
    });
    // The tokens of each span, by index: its first is the first token ending after its
    // start, its last the first token starting at or after its end. One walk over the
    // tokens finds both, the spans taken by start for the one and by end for the other.
    let mut first = vec![0; spans.len()];
    let mut last = vec![0; spans.len()];
    let mut by_end: Vec<usize> = (0..spans.len()).collect();
    by_end.sort_by_key(|&i| spans[i].end);
    let (mut s, mut e) = (0, 0);
    let mut count = 0;
    for (k, t) in Tokens::new(text).enumerate() {
        while s < spans.len() && spans[s].start < t.end {
            first[s] = k;
            s += 1;
        }
        while e < by_end.len() && spans[by_end[e]].end <= t.start {
            last[by_end[e]] = k;
            e += 1;
        }
        count = k + 1;
    }
    first[s..].fill(count);
    for &i in &by_end[e..] {
        last[i] = count;
    }
    // Taken in order of start, the kept spans follow each other: a span shares a token
    // with one kept before it exactly when it begins before the last kept one ends.
    let mut kept: Vec<Tagged> = Vec::new();
    for (i, a) in spans.iter().enumerate() {
        let (first, last) = (first[i], last[i]);
        if first >= last {
            *no_token += 1;
        } else if kept.last().is_some_and(|k| first < k.last) {
            *dropped += 1;
        } else {
            kept.push(Tagged {
                first,
                last,
                label: a
                    .label
                    .chars()
                    .map(|c| if c.is_whitespace() { '_' } else { c })
                    .collect(),
            });
        }
    }
    kept
}

/// Writes one document's tokens: `-DOCSTART-`, then a line per token, a blank line
/// after each sentence.
fn write_doc(out: &mut impl Write, text: &str, tagged: &[Tagged]) -> std::io::Result<()> {
    out.write_all(b"-DOCSTART-\tO\n\n")?;
    let mut in_sentence = false;
    let mut span = tagged.iter().peekable();
    for (k, t) in Tokens::new(text).enumerate() {
        while span.next_if(|s| s.last <= k).is_some() {}
        let word = &text[t.bytes.clone()];
        out.write_all(word.as_bytes())?;
        let mut span_goes_on = false;
        match span.peek() {
            Some(s) if s.first <= k => {
                let bio = if s.first == k { "\tB-" } else { "\tI-" };
                out.write_all(bio.as_bytes())?;
                out.write_all(s.label.as_bytes())?;
                out.write_all(b"\n")?;
                span_goes_on = k + 1 < s.last;
            }
            _ => out.write_all(b"\tO\n")?,
        }
        in_sentence = true;
        // A sentence ends at a line break or a final stop, but never inside a span.
        if (t.line_after || matches!(word, "." | "!" | "?")) && !span_goes_on {
            out.write_all(b"\n")?;
            in_sentence = false;
        }
    }
    if in_sentence {
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes the tokens as they are found; counts dropped spans in `summary`.
pub(crate) fn write(
    views: &[DocView<'_>],
    out: &mut impl Write,
    summary: &mut ExportSummary,
    progress: Progress<'_>,
) -> Result<(), ExportError> {
    let mut dropped = 0;
    let mut no_token = 0;
    each_view(views, progress, |v| {
        let text = v.text.as_str();
        let tagged = resolve(text, &v.spans, &mut dropped, &mut no_token);
        write_doc(out, text, &tagged).map_err(ExportError::Stream)
    })?;
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
    use crate::text::DocText;

    fn words(s: &str) -> Vec<&str> {
        Tokens::new(s).map(|t| &s[t.bytes.clone()]).collect()
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

    /// The tokenizer as it was before it streamed: a vector of every char.
    fn reference_tokens(text: &str) -> Vec<Token> {
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
            while i < chars.len() {
                let d = chars[i].1;
                if is_mark(d) {
                    i += 1;
                } else if d == '\u{200D}' && i + 1 < chars.len() && !chars[i + 1].1.is_whitespace()
                {
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

    /// One document as CoNLL was written before it streamed: a tag per token, spans
    /// placed one by one.
    fn reference_doc(text: &str, spans: &[&Annotation]) -> (String, usize, usize) {
        use std::fmt::Write as _;
        let tokens = reference_tokens(text);
        let mut tags: Vec<Option<(&str, bool)>> = vec![None; tokens.len()];
        let mut spans: Vec<&Annotation> = spans.to_vec();
        spans.sort_by(|x, y| {
            (x.start, Reverse(x.end), &x.label, &x.id).cmp(&(
                y.start,
                Reverse(y.end),
                &y.label,
                &y.id,
            ))
        });
        let (mut dropped, mut no_token) = (0, 0);
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
        let mut s = String::from("-DOCSTART-\tO\n\n");
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
            let span_goes_on = matches!(tags.get(k + 1), Some(Some((_, false))));
            if (t.line_after || matches!(word, "." | "!" | "?")) && !span_goes_on {
                s.push('\n');
                in_sentence = false;
            }
        }
        if in_sentence {
            s.push('\n');
        }
        (s, dropped, no_token)
    }

    fn streamed_doc(text: &str, spans: &[&Annotation]) -> (String, usize, usize) {
        let (mut dropped, mut no_token) = (0, 0);
        let tagged = resolve(text, spans, &mut dropped, &mut no_token);
        let mut out = Vec::new();
        write_doc(&mut out, text, &tagged).unwrap();
        (String::from_utf8(out).unwrap(), dropped, no_token)
    }

    #[test]
    fn overlapping_and_empty_spans_resolve_as_before() {
        let text = DocText::new("Rally  in  Baghdad. \n  2.5\u{a0}million 👍🏽!\nend".to_owned());
        let span =
            |s, e, label: &str| Annotation::new("d".into(), &text, s, e, label, "t").unwrap();
        let spans = [
            span(0, 5, "claim"),
            span(2, 12, "quote"),
            span(5, 7, "figure"),
            span(7, 18, "speaker name"),
            span(24, 38, "figure"),
            span(24, 27, "claim"),
        ];
        let refs: Vec<&Annotation> = spans.iter().collect();
        let streamed = streamed_doc(text.as_str(), &refs);
        assert_eq!(streamed, reference_doc(text.as_str(), &refs));
        assert_eq!((streamed.1, streamed.2), (2, 1), "{}", streamed.0);
        assert!(
            streamed.0.contains("Baghdad\tI-speaker_name\n"),
            "{}",
            streamed.0
        );
    }

    proptest::proptest! {
        #[test]
        fn streaming_tokens_and_tags_match_the_char_vector_ones(
            s in "([a-z .!?,'\n\t\u{a0}-]|é|e\u{301}|مل|👍|🏽|🇮|\u{200d}|’|‐){0,50}",
            raw in proptest::collection::vec((0usize..60, 1usize..12, 0usize..3), 0..8),
        ) {
            proptest::prop_assert_eq!(Tokens::new(&s).collect::<Vec<_>>(), reference_tokens(&s));
            let text = DocText::new(s.clone());
            let labels = ["claim", "quote", "a b"];
            let spans: Vec<Annotation> = raw
                .iter()
                .filter_map(|&(start, len, l)| {
                    let end = (start + len).min(text.char_len());
                    (start < end)
                        .then(|| Annotation::new("d".into(), &text, start, end, labels[l], "t").ok())
                        .flatten()
                })
                .collect();
            let refs: Vec<&Annotation> = spans.iter().collect();
            proptest::prop_assert_eq!(streamed_doc(&s, &refs), reference_doc(&s, &refs));
        }
    }
}
