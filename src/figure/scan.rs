//! Tokens of figure text (numbers in digits, words, single symbols, each with its char
//! offsets and whether white space comes before it) and the cursor the grammar walks
//! them with.
//!
//! The text is read once into a buffer of tokens (the `lex` module) and the grammar
//! walks it with a `Copy` cursor ([`Scanner`]), so backtracking reads no char twice.

use super::words::Lex;

/// A number written in digits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Num {
    /// The digits without separator or point, as a float (exact below 2^53).
    pub mantissa: f64,
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
            self.mantissa * pow10(p - d)
        } else {
            self.mantissa / pow10(d - p)
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

/// `10^p`, exact (from a table) up to `10^22`.
pub(super) fn pow10(p: i32) -> f64 {
    const TABLE: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    usize::try_from(p)
        .ok()
        .and_then(|i| TABLE.get(i).copied())
        .unwrap_or_else(|| 10f64.powi(p))
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
    /// "24/7", "#5", "+1"): a letter or digit right before, or `/ : . # _ @ +`, or a dash after
    /// a letter or digit. A number after a dash after a digit ("2-3") is glued too; the
    /// grammar reads it only as the end of a range.
    pub glued: bool,
}

impl Token<'_> {
    /// A placeholder, to fill a buffer before tokens are written to it.
    pub(super) const NONE: Token<'static> = Token {
        kind: Kind::Sym(' '),
        text: "",
        start: 0,
        end: 0,
        spaced: false,
        glued: false,
    };

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

/// A cursor over the tokens of a stretch of text; `Copy`, so the grammar backtracks
/// by keeping an old copy.
#[derive(Clone, Copy, Debug)]
pub(super) struct Scanner<'a> {
    toks: &'a [Token<'a>],
    i: usize,
    base: usize,
}

impl<'a> Scanner<'a> {
    /// A cursor at token `i` of `toks`, which start after char `base`.
    pub(super) fn at(toks: &'a [Token<'a>], i: usize, base: usize) -> Self {
        Scanner { toks, i, base }
    }

    /// The index of the next token.
    pub(super) fn index(&self) -> usize {
        self.i
    }

    /// The char offset of the cursor: the end of the last token read.
    pub(super) fn offset(&self) -> usize {
        match self.i.checked_sub(1).and_then(|j| self.toks.get(j)) {
            Some(t) => t.end,
            None => self.base,
        }
    }

    /// The token after the cursor, without moving it.
    pub(super) fn peek(&self) -> Option<&'a Token<'a>> {
        self.toks.get(self.i)
    }

    /// Reads the next token and moves past it.
    #[allow(clippy::should_implement_trait)]
    pub(super) fn next(&mut self) -> Option<&'a Token<'a>> {
        let t = self.toks.get(self.i)?;
        self.i += 1;
        Some(t)
    }
}
