//! Figures read from their words: the text of a figure span ("more than 2.5 million
//! people") as numbers a comparison can sort and chart, for English news prose.
//!
//! A small tokenizer (`lex` into `scan`'s tokens, with `words` classifying each word
//! once) and a grammar shaped after Duckling's English numeral and quantity rules:
//! `number` reads one numeral, `hedge` the bounds around it, `phrase` ranges,
//! currencies and percentages, `counted` the noun, and `context` says what only looks
//! like a figure. No IO, no model. [`parse`] allocates nothing but the counted noun
//! (for a span of up to 12 tokens); [`find_all`] one token buffer, reused paragraph
//! by paragraph.
//!
//! What a [`Reading`] holds, by precision (see [`Precision`]):
//!
//! | text                      | value     | low       | high      | precision   |
//! |---------------------------|-----------|-----------|-----------|-------------|
//! | "5,200", "seven"          | 5200, 7   | = value   | = value   | exact       |
//! | "about 5,200", "3 million"| 5200, 3e6 | —         | —         | approximate |
//! | "more than 2.5 million"   | 2,500,000 | 2,500,000 | —         | at-least    |
//! | "millions of"             | 2,000,000 | 2,000,000 | —         | at-least    |
//! | "up to 3 million"         | 3,000,000 | —         | 3,000,000 | at-most     |
//! | "between 2 and 3 million" | —         | 2,000,000 | 3,000,000 | approximate |
//!
//! - Bounds are what the words state: an exact number is its own low and high, an
//!   approximate one states no bound, a range states two numbers and no single one
//!   ([`Reading::central`] gives its midpoint for a chart or a sort).
//! - A number stated with a scale of a thousand or more ("3 million", "eleven
//!   thousand", "$4 billion", "5.2k"), with a dozen, as a fraction ("half a million",
//!   "half of"), or as a crowd ("million-man", "10,000-strong") is rounded speech and
//!   so approximate unless a hedge says otherwise; plain digits and small number words
//!   ("5,200", "one hundred and five") are exact.
//! - Vague plurals are lower bounds at twice their unit: "dozens" 24, "scores of" 40,
//!   "hundreds" 200, "thousands" 2,000, "tens of thousands" 20,000, "hundreds of
//!   thousands" 200,000, "millions" 2,000,000; "several", "a few" and "many" before a
//!   scale read the same ("several thousand" ≥ 2,000). Alone, "several", "many" and
//!   "a few" are no figure.
//! - At least: "more than", "over", "above", "at least", "in excess of", "upwards of",
//!   "no fewer than", "well over", "a minimum of", "or more", "5,000+". At most: "up
//!   to", "fewer than", "less than", "no more than", "as many as", "under", "below",
//!   "at most", "a maximum of", and "nearly", "almost", "just under": these say the
//!   count falls short of the number, so the number is an upper bound. Approximate:
//!   "about", "around", "some", "roughly", "approximately", "an estimated", "close
//!   to", "in the region of", "or so", "~". "exactly" makes any number exact.
//! - Ranges: "between 2 and 3 million", "from 5,000 to 7,000", "2-3 million" (any dash),
//!   "2 to 3 million", "3 or 4 million". The first number takes the second's scale,
//!   currency and percent when it has none ("$2-3 billion", "25-30%"), and a range
//!   must rise: "170-0" and "3-2" are votes and scores, read as their first number.
//! - `unit` is a currency code ("$4 billion" is USD; also US$, £ GBP, € EUR, ¥, ₹, the
//!   words "dollars", "euros", "pounds", "Iraqi dinars" IQD, "rials", and codes such as
//!   "USD 4 million"), "percent" ("25%", "40 percent", "40 per cent", and shares in
//!   words, approximate: "half of" 50, "a third of" 33.3…, "one in five" 20) or
//!   "percentage points"; `None` for a count, whose noun is `counted` ("people",
//!   "protesters", "troops"). Bare "dinars" (several countries' currency) is left as
//!   the counted noun. "-5%" and "minus 5" are negative.
//! - "3.5m" is millions unless a dash or a word of size follows ("a 10m-high wall",
//!   "100m sprint"); "5 200" with an ordinary space is two numbers (a thin or narrow
//!   no-break space groups digits); "1.000" is the decimal 1.
//!
//! [`find_all`] reads running prose and skips what only looks like a number (dates,
//! times, codes, names, years: see `context`); [`parse`] reads the text of one span
//! the same way and, when that finds nothing, again counting years, "page 3", a lone
//! "one" and compounds such as "five-year" too.

mod context;
mod counted;
mod fill;
mod hedge;
mod lex;
mod number;
mod phrase;
mod scan;
mod words;

pub use fill::{fill_attributes, typed_over};

use crate::model::Precision;
use context::{Before, Mode};
use scan::{Kind, Scanner};
use std::ops::Range;
use words::Lex;

/// A figure as numbers. See the module's table for what each precision sets.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// The number stated; `None` for a range, which states two.
    pub value: Option<f64>,
    /// The lower bound the words state (at-least, exact, a range).
    pub low: Option<f64>,
    /// The upper bound the words state (at-most, exact, a range).
    pub high: Option<f64>,
    /// A currency code ("USD"), "percent" or "percentage points"; `None` for a count.
    pub unit: Option<&'static str>,
    /// The noun counted, as written in the text ("protesters", "Iraqis").
    pub counted: Option<String>,
    /// How the number relates to the figure.
    pub precision: Precision,
}

impl Reading {
    /// One number for a sort or a chart: the value, or the middle of a range.
    pub fn central(&self) -> Option<f64> {
        self.value.or(match (self.low, self.high) {
            (Some(l), Some(h)) => Some((l + h) / 2.0),
            _ => None,
        })
    }
}

/// A figure found in running prose.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// Where it is, in chars, end-exclusive: from the hedge ("more than") to the number,
    /// its unit, or the counted noun when one follows ("around 5,200 US troops").
    pub chars: Range<usize>,
    /// What it says.
    pub reading: Reading,
}

/// Reads the figure in the text of a span: its first number phrase ("more than 2.5
/// million" is at least 2,500,000). `None` when the text holds no number ("several",
/// "the rally").
pub fn parse(text: &str) -> Option<Reading> {
    // A span's text is short: its tokens fit on the stack, and nothing is allocated
    // but the counted noun.
    let mut stack = [scan::Token::NONE; 12];
    let mut heap = Vec::new();
    let toks: &[scan::Token<'_>] = match lex::tokenize_into(text, &mut stack) {
        Some(n) => &stack[..n],
        None => {
            lex::tokenize(text, 0, 0, text.len(), &mut heap);
            &heap
        }
    };
    let first = |mode| {
        let mut walk = Walk::default();
        walk.next_in(toks, 0, mode)
    };
    first(Mode::Strict)
        .or_else(|| first(Mode::Lenient))
        .map(|f| f.reading)
}

/// Every figure in running prose, in order, not overlapping. Dates ("March 26, 2011"),
/// years ("in 2011"), times ("10:30"), ordinals ("21st"), numbers inside words ("G20",
/// "COVID-19"), names ("page 3", "Resolution 1441") and counters ("1 of 5") are skipped.
pub fn find_all(text: &str) -> Vec<Found> {
    Phrases::new(text, Mode::Strict).collect()
}

/// The figures of a text, one by one. The text is read a paragraph (up to a blank
/// line) at a time into a token buffer that is reused, so a long text costs one small
/// buffer; no figure spans a blank line.
struct Phrases<'a> {
    text: &'a str,
    mode: Mode,
    /// Where the next paragraph starts, in bytes and chars.
    byte: usize,
    char: usize,
    /// The tokens of the current paragraph, which starts at char `base`.
    toks: Vec<scan::Token<'a>>,
    base: usize,
    walk: Walk,
}

impl<'a> Phrases<'a> {
    fn new(text: &'a str, mode: Mode) -> Self {
        Phrases {
            text,
            mode,
            byte: 0,
            char: 0,
            toks: Vec::with_capacity(16),
            base: 0,
            walk: Walk::default(),
        }
    }

    /// Reads the next paragraph's tokens; false at the end of the text.
    fn refill(&mut self) -> bool {
        if self.byte >= self.text.len() {
            return false;
        }
        let rest = &self.text.as_bytes()[self.byte..];
        let until =
            memchr::memmem::find(rest, b"\n\n").map_or(self.text.len(), |k| self.byte + k + 2);
        self.toks.clear();
        self.base = self.char;
        (self.byte, self.char) =
            lex::tokenize(self.text, self.byte, self.char, until, &mut self.toks);
        self.walk = Walk::default();
        true
    }
}

impl Iterator for Phrases<'_> {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        loop {
            if let Some(f) = self.walk.next_in(&self.toks, self.base, self.mode) {
                return Some(f);
            }
            if !self.refill() {
                return None;
            }
        }
    }
}

/// Where a walk over a paragraph's tokens is: the next token, and the two before it.
#[derive(Default)]
struct Walk {
    i: usize,
    before: Before,
}

impl Walk {
    /// The next figure in `toks` (which start after char `base`), or `None` at their end.
    fn next_in(&mut self, toks: &[scan::Token<'_>], base: usize, mode: Mode) -> Option<Found> {
        while let Some(tok) = toks.get(self.i) {
            let at = Scanner::at(toks, self.i, base);
            if may_start(tok)
                && let Some((p, after)) = phrase::phrase_at(at, self.before, mode)
            {
                self.i = after.index().max(self.i + 1);
                self.before = Before::default().push(&toks[self.i - 1]);
                return Some(Found {
                    chars: p.start..p.end,
                    reading: Reading {
                        value: p.value,
                        low: p.low,
                        high: p.high,
                        unit: p.unit,
                        counted: p.counted.map(str::to_owned),
                        precision: p.precision,
                    },
                });
            }
            self.before = self.before.push(tok);
            self.i += 1;
        }
        None
    }
}

/// Whether a phrase can start at this token; most words cannot, which keeps a scan of
/// prose fast.
fn may_start(t: &scan::Token<'_>) -> bool {
    match t.kind {
        Kind::Num(_) => !t.glued,
        Kind::Word(l) => !matches!(
            l,
            Lex::Other
                | Lex::Stop
                | Lex::Before
                | Lex::Counted
                | Lex::Month
                | Lex::Time
                | Lex::Label
                | Lex::Dimension
                | Lex::Percent
                | Lex::Cent
                | Lex::Percentage
                | Lex::Points
                | Lex::Abbrev(_)
                | Lex::AbbrevM
                | Lex::Key(
                    words::Key::The
                        | words::Key::And
                        | words::Key::Or
                        | words::Key::To
                        | words::Key::Than
                        | words::Key::Least
                        | words::Key::Most
                        | words::Key::Per
                        | words::Key::So
                )
        ),
        Kind::Sym(c) => {
            matches!(
                c,
                '$' | '£' | '€' | '¥' | '₹' | '~' | '\u{2248}' | '<' | '>' | '+'
            ) || scan::is_dash(c)
        }
    }
}

#[cfg(test)]
mod find_tests;
#[cfg(test)]
mod tests;
