//! Reading text into tokens. Numbers are read here so the grammar sees their value:
//! "5,200" and "5\u{202f}200" (a narrow no-break or thin space between groups of three)
//! are one number, "12.5" a decimal, "1.000" the decimal 1 (English, not German); "5
//! 200" with an ordinary or no-break space is two numbers. Words are classified once,
//! here ([`lookup`]).

use super::scan::{Kind, Num, Token, is_dash};
use super::words::lookup;

/// Appends the tokens of `text` from byte `from` (char `from_char`) up to the first
/// token at or after byte `until` to `out`; returns the byte and char where it stopped
/// (the start of that token, or the end of the text). `from` must be a char boundary.
pub(super) fn tokenize<'a>(
    text: &'a str,
    from: usize,
    from_char: usize,
    until: usize,
    out: &mut Vec<Token<'a>>,
) -> (usize, usize) {
    let mut lx = Lexer::new(text, from, from_char);
    while let Some(t) = lx.next(until) {
        out.push(t);
    }
    (lx.byte, lx.char)
}

/// Writes the tokens of the whole of `text` to `out`; returns how many, or `None` when
/// they do not fit.
pub(super) fn tokenize_into<'a>(text: &'a str, out: &mut [Token<'a>]) -> Option<usize> {
    let mut lx = Lexer::new(text, 0, 0);
    let mut n = 0;
    while let Some(t) = lx.next(text.len()) {
        *out.get_mut(n)? = t;
        n += 1;
    }
    Some(n)
}

/// Reads tokens one by one.
struct Lexer<'a> {
    text: &'a str,
    byte: usize,
    char: usize,
    /// The last char read was white space, or nothing was read.
    after_space: bool,
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str, byte: usize, char: usize) -> Self {
        let after_space = text
            .get(..byte)
            .and_then(|s| s.chars().next_back())
            .is_none_or(char::is_whitespace);
        Lexer {
            text,
            byte,
            char,
            after_space,
        }
    }

    /// The next token, unless it starts at or after byte `until`.
    fn next(&mut self, until: usize) -> Option<Token<'a>> {
        let bytes = self.text.as_bytes();
        let mut spaced = self.after_space;
        self.after_space = false;
        let first = loop {
            let b = *bytes.get(self.byte)?;
            if b.is_ascii() {
                if b.is_ascii_whitespace() {
                    self.byte += 1;
                    self.char += 1;
                    spaced = true;
                    continue;
                }
                break b as char;
            }
            let c = self.text[self.byte..].chars().next()?;
            if c.is_whitespace() {
                self.byte += c.len_utf8();
                self.char += 1;
                spaced = true;
                continue;
            }
            break c;
        };
        if self.byte >= until {
            self.after_space = spaced;
            return None;
        }
        let (start_b, start_c) = (self.byte, self.char);
        let kind = if first.is_ascii_digit() {
            Kind::Num(self.number())
        } else if first.is_alphabetic() {
            self.word();
            Kind::Word(lookup(&self.text[start_b..self.byte]))
        } else {
            self.byte += first.len_utf8();
            self.char += 1;
            Kind::Sym(first)
        };
        let glued = matches!(kind, Kind::Num(_)) && self.glued_before(start_b);
        Some(Token {
            kind,
            text: &self.text[start_b..self.byte],
            start: start_c,
            end: self.char,
            spaced,
            glued,
        })
    }

    fn digits_at(&self, at: usize) -> usize {
        self.text.as_bytes()[at.min(self.text.len())..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    }

    fn number(&mut self) -> Num {
        let bytes = self.text.as_bytes();
        let mut mantissa = 0.0f64;
        let push = |m: &mut f64, run: &[u8]| {
            for d in run {
                *m = *m * 10.0 + f64::from(d - b'0');
            }
        };
        let lead = self.digits_at(self.byte);
        let leading_zero = lead > 1 && bytes[self.byte] == b'0';
        push(&mut mantissa, &bytes[self.byte..self.byte + lead]);
        self.byte += lead;
        self.char += lead;
        let mut int_digits = lead as u32;
        let mut grouped = false;
        if lead <= 3 && !leading_zero {
            loop {
                let rest = &self.text[self.byte..];
                let sep = match rest.chars().next() {
                    Some(',') => 1,
                    Some('\u{202f}' | '\u{2009}') => 3,
                    _ => break,
                };
                if self.digits_at(self.byte + sep) != 3 {
                    break;
                }
                let at = self.byte + sep;
                push(&mut mantissa, &bytes[at..at + 3]);
                self.byte = at + 3;
                self.char += 4;
                int_digits += 3;
                grouped = true;
            }
        }
        let mut decimals = 0;
        if bytes.get(self.byte) == Some(&b'.') {
            let n = self.digits_at(self.byte + 1);
            if n > 0 {
                let at = self.byte + 1;
                push(&mut mantissa, &bytes[at..at + n]);
                self.byte = at + n;
                self.char += 1 + n;
                decimals = n as u32;
            }
        }
        Num {
            mantissa,
            decimals,
            int_digits,
            grouped,
            leading_zero,
        }
    }

    fn word(&mut self) {
        let bytes = self.text.as_bytes();
        let ascii = bytes[self.byte..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        // The common case: ASCII letters up to white space or punctuation.
        if bytes
            .get(self.byte + ascii)
            .is_none_or(|b| b.is_ascii() && *b != b'\'')
        {
            self.byte += ascii;
            self.char += ascii;
            return;
        }
        let mut it = self.text[self.byte..].char_indices().peekable();
        let mut len = 0;
        let mut chars = 0;
        while let Some((i, c)) = it.next() {
            let inner_apostrophe = matches!(c, '\'' | '\u{2019}')
                && it.peek().is_some_and(|&(_, n)| n.is_alphabetic());
            if !(c.is_alphabetic() || inner_apostrophe) {
                break;
            }
            len = i + c.len_utf8();
            chars += 1;
        }
        self.byte += len;
        self.char += chars;
    }

    fn glued_before(&self, start_b: usize) -> bool {
        let mut back = self.text[..start_b].chars().rev();
        match back.next() {
            None => false,
            Some(c) if c.is_alphanumeric() => true,
            Some('/' | ':' | '.' | '#' | '_' | '@' | '+') => true,
            Some(c) if is_dash(c) => back.next().is_some_and(char::is_alphanumeric),
            Some(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(s: &str) -> Vec<Token<'_>> {
        let mut out = Vec::new();
        tokenize(s, 0, 0, s.len(), &mut out);
        out
    }

    fn tokens(s: &str) -> Vec<(String, usize, usize)> {
        all(s)
            .into_iter()
            .map(|t| (t.text.to_owned(), t.start, t.end))
            .collect()
    }

    #[test]
    fn numbers_keep_separators_and_decimals_together() {
        let t = tokens("5,200 and 1,234.5 or 12.5");
        assert_eq!(t[0], ("5,200".to_owned(), 0, 5));
        assert_eq!(t[2].0, "1,234.5");
        assert_eq!(t[4].0, "12.5");
        assert_eq!(all("1,234.5")[0].num().map(|n| n.value()), Some(1234.5));
    }

    #[test]
    fn bad_groups_and_plain_spaces_split_numbers() {
        assert_eq!(tokens("1,23")[0].0, "1");
        assert_eq!(tokens("1234,567")[0].0, "1234");
        assert_eq!(tokens("5 200").len(), 2);
        assert_eq!(tokens("5\u{a0}200").len(), 2);
        let t = tokens("5\u{202f}200 x");
        assert_eq!(t[0], ("5\u{202f}200".to_owned(), 0, 5));
        assert_eq!(t[1].1, 6);
    }

    #[test]
    fn offsets_count_chars_through_non_ascii() {
        let t = tokens("“é” 3–4 Ça’s o’clock");
        assert_eq!(t[3], ("3".to_owned(), 4, 5));
        assert_eq!(t[4], ("–".to_owned(), 5, 6));
        assert_eq!(t[6], ("Ça’s".to_owned(), 8, 12));
        assert_eq!(t[7], ("o’clock".to_owned(), 13, 20));
    }

    #[test]
    fn tokenizing_stops_at_the_first_token_past_until() {
        let mut out = Vec::new();
        let s = "one two\n\n three";
        let (b, c) = tokenize(s, 0, 0, 9, &mut out);
        assert_eq!(out.len(), 2);
        assert_eq!((b, c), (10, 10));
        let (b, c) = tokenize(s, b, c, s.len(), &mut out);
        assert_eq!(out[2].start, 10);
        assert_eq!((b, c), (15, 15));
    }

    #[test]
    fn digits_inside_words_are_glued() {
        for (s, n) in [
            ("G20", 1),
            ("COVID-19", 2),
            ("10:30", 2),
            ("24/7", 2),
            ("2-3", 2),
        ] {
            assert!(all(s)[n].glued, "{s}");
        }
        let toks = all("(-5 and $4");
        assert!(!toks[2].glued && !toks[5].glued);
    }
}
