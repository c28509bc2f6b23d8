//! Tokens of figure text: numbers in digits, words, and single symbols, each with its
//! char offsets and whether white space comes before it.
//!
//! The scanner is a `Copy` cursor over the text: the grammar backtracks by keeping an
//! old copy, and nothing is allocated. Numbers are read here so the grammar sees their
//! value: "5,200" and "5\u{202f}200" (a narrow no-break or thin space between groups
//! of three) are one number, "12.5" a decimal, "1.000" the decimal 1 (English, not
//! German); "5 200" with an ordinary or no-break space is two numbers.

use super::words::{Lex, lookup};

/// A number written in digits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Num {
    /// The digits without separator or point, as a float (exact below 2^53).
    mantissa: f64,
    /// Digits after the decimal point.
    pub decimals: u32,
    /// Digits before the decimal point.
    pub int_digits: u32,
    /// Written with thousands separators.
    pub grouped: bool,
    /// More than one digit before the point, the first a zero ("01", "007"): a code.
    pub leading_zero: bool,
}

impl Num {
    /// The number's value.
    pub(super) fn value(&self) -> f64 {
        self.scaled(0)
    }

    /// The value times `10^pow`, computed from the digits so that "1.2" billion is
    /// exactly 1,200,000,000.
    pub(super) fn scaled(&self, pow: u32) -> f64 {
        let (p, d) = (pow as i32, self.decimals.min(400) as i32);
        if p >= d {
            self.mantissa * 10f64.powi(p - d)
        } else {
            self.mantissa / 10f64.powi(d - p)
        }
    }

    /// Four digits, no separator or decimals, between 1900 and 2100: read as a year.
    pub(super) fn is_year(&self) -> bool {
        !self.grouped
            && self.decimals == 0
            && self.int_digits == 4
            && (1900.0..=2100.0).contains(&self.mantissa)
    }
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Kind {
    /// Digits, with separators and decimals.
    Num(Num),
    /// A run of letters (with inner apostrophes), classified.
    Word(Lex),
    /// Any other single char that is not white space.
    Sym(char),
}

/// One token.
#[derive(Clone, Copy, Debug)]
pub(super) struct Token<'a> {
    /// What it is.
    pub kind: Kind,
    /// Its text.
    pub text: &'a str,
    /// First char offset.
    pub start: usize,
    /// One past its last char.
    pub end: usize,
    /// White space (or the start of the text) comes right before it.
    pub spaced: bool,
    /// For numbers: the digits are part of a word or code ("G20", "COVID-19", "10:30",
    /// "24/7", "#5"): a letter or digit right before, or `/ : . # _ @`, or a dash after
    /// a letter or digit. A number after a dash after a digit ("2-3") is glued too; the
    /// grammar reads it only as the end of a range.
    pub glued: bool,
}

impl Token<'_> {
    /// The word class, if a word.
    pub(super) fn lex(&self) -> Option<Lex> {
        match self.kind {
            Kind::Word(l) => Some(l),
            _ => None,
        }
    }

    /// The number, if digits.
    pub(super) fn num(&self) -> Option<Num> {
        match self.kind {
            Kind::Num(n) => Some(n),
            _ => None,
        }
    }

    /// True for the symbol `c`.
    pub(super) fn is_sym(&self, c: char) -> bool {
        self.kind == Kind::Sym(c)
    }

    /// True for a hyphen, dash or minus sign.
    pub(super) fn is_dash(&self) -> bool {
        matches!(self.kind, Kind::Sym(c) if is_dash(c))
    }
}

/// Hyphens, dashes and the minus sign, which all join ranges and compounds.
pub(super) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}'
    )
}

/// A cursor over the text; `next` reads the token after it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Scanner<'a> {
    text: &'a str,
    byte: usize,
    char: usize,
}

impl<'a> Scanner<'a> {
    /// A cursor at the start of `text`.
    pub(super) fn new(text: &'a str) -> Self {
        Scanner {
            text,
            byte: 0,
            char: 0,
        }
    }

    /// The char offset of the cursor: the end of the last token read.
    pub(super) fn offset(&self) -> usize {
        self.char
    }

    /// The token after the cursor, without moving it.
    pub(super) fn peek(&self) -> Option<Token<'a>> {
        let mut s = *self;
        s.next()
    }

    /// Reads the next token and moves past it.
    pub(super) fn next(&mut self) -> Option<Token<'a>> {
        let bytes = self.text.as_bytes();
        let mut spaced = self.byte == 0;
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
            Some('/' | ':' | '.' | '#' | '_' | '@') => true,
            Some(c) if is_dash(c) => back.next().is_some_and(char::is_alphanumeric),
            Some(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Vec<(String, usize, usize)> {
        let mut sc = Scanner::new(s);
        std::iter::from_fn(|| sc.next())
            .map(|t| (t.text.to_owned(), t.start, t.end))
            .collect()
    }

    #[test]
    fn numbers_keep_separators_and_decimals_together() {
        let t = tokens("5,200 and 1,234.5 or 12.5");
        assert_eq!(t[0], ("5,200".to_owned(), 0, 5));
        assert_eq!(t[2].0, "1,234.5");
        assert_eq!(t[4].0, "12.5");
        let mut sc = Scanner::new("1,234.5");
        assert_eq!(
            sc.next().and_then(|t| t.num()).map(|n| n.value()),
            Some(1234.5)
        );
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
        let t = tokens("“é” 3–4");
        assert_eq!(t[3], ("3".to_owned(), 4, 5));
        assert_eq!(t[4], ("–".to_owned(), 5, 6));
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
            let mut sc = Scanner::new(s);
            let toks: Vec<_> = std::iter::from_fn(|| sc.next()).collect();
            assert!(toks[n].glued, "{s}");
        }
        let mut sc = Scanner::new("(-5 and $4");
        let toks: Vec<_> = std::iter::from_fn(|| sc.next()).collect();
        assert!(!toks[2].glued && !toks[5].glued);
    }
}
