//! The pieces of news prose the built-in rules read: paragraphs, quotations (straight,
//! curly, single inside double, guillemets), sentences that do not end inside a
//! quotation or at an abbreviation, and light word tokens. Byte offsets throughout;
//! the rules turn them into chars at the end.

use std::ops::Range;

/// A word or a punctuation mark of prose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Tok {
    /// Bytes in the whole text.
    pub s: usize,
    /// One past its last byte.
    pub e: usize,
    /// Letters or digits (with inner hyphens, apostrophes, dots and commas), or one
    /// other char.
    pub word: bool,
}

impl Tok {
    /// Its text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.s..self.e]
    }
}

/// The words and marks of `text[range]`, white space left out.
pub(super) fn tokens(text: &str, range: Range<usize>) -> Vec<Tok> {
    let mut out = Vec::new();
    let s = &text[range.clone()];
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        let start = range.start + i;
        if !c.is_alphanumeric() {
            out.push(Tok {
                s: start,
                e: start + c.len_utf8(),
                word: false,
            });
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut last = c;
        while let Some(&(j, d)) = it.peek() {
            if d.is_alphanumeric() {
                end = range.start + j + d.len_utf8();
                last = d;
                it.next();
                continue;
            }
            // A joiner between two letters or digits stays in the word ("al-Sadr",
            // "Iran’s", "2.5", "5,200", "U.S").
            if matches!(d, '-' | '\'' | '’' | '.' | ',' | '\u{2010}' | '\u{2011}') {
                let after = s[j + d.len_utf8()..].chars().next();
                let digit_join = matches!(d, '.' | ',');
                let ok = match after {
                    Some(a) if digit_join => a.is_ascii_digit() && last.is_ascii_digit(),
                    Some(a) => a.is_alphanumeric(),
                    None => false,
                };
                let abbrev_dot = d == '.' && after.is_some_and(char::is_alphabetic) && {
                    // "U.S": single letters between dots.
                    let w = &text[start..range.start + j];
                    w.chars().count() == 1 || w.ends_with(|x: char| x.is_uppercase())
                };
                if ok || abbrev_dot {
                    it.next();
                    continue;
                }
            }
            break;
        }
        out.push(Tok {
            s: start,
            e: end,
            word: true,
        });
    }
    out
}

/// The paragraphs of a text: its lines that hold more than white space. News articles
/// keep a paragraph on one line, so no quotation or sentence spans a line break.
pub(super) fn paragraphs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < text.len() {
            let rest = &text.as_bytes()[at..];
            let line_end = memchr::memchr(b'\n', rest).map_or(text.len(), |k| at + k);
            let start = at;
            at = line_end + 1;
            if text[start..line_end].trim().is_empty() {
                continue;
            }
            return Some(start..line_end);
        }
        None
    })
}

/// A quotation: its marks and the text between them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Quoted {
    /// From the opening mark to past the closing one.
    pub outer: Range<usize>,
    /// Between the marks.
    pub inner: Range<usize>,
}

/// Whether `c` ends a word, for telling a closing mark from an apostrophe.
fn is_letter(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// The top-level quotations of a paragraph, in order. Curly and straight double quotes
/// and guillemets pair with their closers; single quotes (curly or straight) open
/// only after a space or a bracket and close only before a non-letter, so apostrophes
/// ("Iran’s", "Asa'ib") are left alone; quotes nested in a quotation are part of it.
/// A mark left open at the paragraph's end quotes nothing.
pub(super) fn quotations(text: &str, para: Range<usize>) -> Vec<Quoted> {
    let s = &text[para.clone()];
    let mut out = Vec::new();
    // (closing char, where the opening mark starts, its length)
    let mut open: Option<(char, usize, usize)> = None;
    let mut prev: Option<char> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let opens_here = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/:".contains(p));
        match open {
            None => {
                let closer = match c {
                    '“' => Some('”'),
                    '«' => Some('»'),
                    '„' => Some('“'),
                    '"' if opens_here => Some('"'),
                    '‘' if opens_here && next.is_some_and(|n| !n.is_whitespace()) => Some('’'),
                    '\'' if opens_here && is_letter(next) => Some('\''),
                    _ => None,
                };
                if let Some(cl) = closer {
                    open = Some((cl, i, c.len_utf8()));
                }
            }
            Some((cl, at, len)) if c == cl => {
                let single = matches!(cl, '’' | '\'');
                // A single closing mark is an apostrophe when a letter follows it.
                if !(single && (is_letter(next) || prev.is_none_or(char::is_whitespace))) {
                    let outer = para.start + at..para.start + i + c.len_utf8();
                    let inner = para.start + at + len..para.start + i;
                    if !text[inner.clone()].trim().is_empty() {
                        out.push(Quoted { outer, inner });
                    }
                    open = None;
                }
            }
            // A straight double quote opening inside a straight one: the first was
            // never closed; start again here.
            Some(('"', _, _)) if c == '"' && opens_here => open = Some(('"', i, 1)),
            _ => {}
        }
        prev = Some(c);
    }
    out
}

/// Words that end in a dot without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "capt", "cpt", "sgt", "maj", "brig",
    "adm", "cmdr", "gov", "sen", "rep", "st", "jr", "sr", "inc", "corp", "co", "ltd", "vs", "etc",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "mt", "ft", "rev", "hon", "pres", "approx", "dept", "est", "fig", "vol",
];

/// The sentences of a paragraph, as byte ranges that cover it. A sentence ends after
/// `.`, `!`, `?` or `…` (and closing marks) before white space and a capital, a digit or
/// an opening mark, never inside a quotation (unless the quotation itself ends in such
/// a mark and a new sentence follows it), nor after an abbreviation or an initial.
pub(super) fn sentences(text: &str, para: Range<usize>, quotes: &[Quoted]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = para.start;
    let s = &text[para.clone()];
    let mut q = quotes.iter().peekable();
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let at = para.start + i;
        // Skip over quotations, but a quotation may end its sentence.
        while q.peek().is_some_and(|x| x.outer.end <= at) {
            q.next();
        }
        let inside = q
            .peek()
            .is_some_and(|x| x.outer.start <= at && at < x.outer.end);
        if inside {
            let x = q.peek().map(|x| x.outer.clone()).unwrap_or(at..at);
            let last = at + c.len_utf8() == x.end;
            if !last {
                continue;
            }
            let ends = text[x.start..x.end]
                .trim_end_matches(|ch: char| "”’\"'»".contains(ch))
                .ends_with(['.', '!', '?', '…']);
            if ends && starts_sentence(&text[x.end..para.end]) {
                out.push(start..x.end);
                start = x.end;
            }
            continue;
        }
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        if c == '.' && is_abbreviation(&text[start..at]) {
            continue;
        }
        // Closing marks and brackets stay with the sentence.
        let mut end = at + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if ")]”’\"'»".contains(d) || matches!(d, '.' | '!' | '?') {
                end = para.start + j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        if starts_sentence(&text[end..para.end]) {
            out.push(start..end);
            start = end;
        }
    }
    if start < para.end {
        out.push(start..para.end);
    }
    out.retain(|r| !text[r.clone()].trim().is_empty());
    out
}

/// Whether the text right after a full stop starts a new sentence: white space, then a
/// capital, a digit or an opening mark (or the end).
fn starts_sentence(rest: &str) -> bool {
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() && !rest.is_empty() {
        return false;
    }
    match trimmed.chars().next() {
        None => true,
        Some(c) => c.is_uppercase() || c.is_ascii_digit() || "“\"‘'«(„[".contains(c),
    }
}

/// Whether the text before a dot ends in an abbreviation ("Lt", "U.S", a single
/// initial).
fn is_abbreviation(before: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if word.is_empty() {
        return false;
    }
    if word.contains('.') {
        return true;
    }
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(t: &'a str, rs: &[Range<usize>]) -> Vec<&'a str> {
        rs.iter().map(|r| &t[r.clone()]).collect()
    }

    #[test]
    fn quotations_pair_their_marks_and_leave_apostrophes_alone() {
        let t = "Iran’s leader said “we ‘will’ win,” and 'no surrender' in Asa'ib \
                 Iraqis' eyes; \"straight\" too, «guillemets» and an “unclosed";
        let q = quotations(t, 0..t.len());
        let inner: Vec<&str> = q.iter().map(|x| &t[x.inner.clone()]).collect();
        assert_eq!(
            inner,
            ["we ‘will’ win,", "no surrender", "straight", "guillemets"]
        );
        assert_eq!(&t[q[0].outer.clone()], "“we ‘will’ win,”");
    }

    #[test]
    fn sentences_do_not_end_inside_quotations_or_after_abbreviations() {
        let t = "“Stop. Go,” he said. Lt. Gen. Qassem Soleimani died in the U.S. strike. \
                 Sadr called it “a victory.” Then 2.5 million came! “Yes!” and “No!” rang out.";
        let q = quotations(t, 0..t.len());
        let s = sentences(t, 0..t.len(), &q);
        assert_eq!(
            texts(t, &s),
            [
                "“Stop. Go,” he said.",
                " Lt. Gen. Qassem Soleimani died in the U.S. strike.",
                " Sadr called it “a victory.”",
                " Then 2.5 million came!",
                " “Yes!” and “No!” rang out."
            ]
        );
    }

    #[test]
    fn tokens_keep_names_numbers_and_abbreviations_whole() {
        let t = "Iraq’s al-Sadr, U.S. envoy: 5,200 troops (2.5%).";
        let words: Vec<&str> = tokens(t, 0..t.len()).iter().map(|k| k.text(t)).collect();
        assert_eq!(
            words,
            [
                "Iraq’s", "al-Sadr", ",", "U.S", ".", "envoy", ":", "5,200", "troops", "(", "2.5",
                "%", ")", "."
            ]
        );
    }

    #[test]
    fn paragraphs_are_lines_with_text() {
        let t = "Title\n\nFirst para.\n  \nSecond.";
        let p: Vec<&str> = paragraphs(t).map(|r| &t[r]).collect();
        assert_eq!(p, ["Title", "First para.", "Second."]);
    }
}
