//! What looks like a number but is not a figure: dates, times, codes, names and years.
//!
//! Digits inside a word ("G20", "COVID-19", "1990s", "21st"), times ("10:30", "3 p.m."),
//! days of a month ("March 26", "26 March", "Jan. 01") and codes with a leading zero
//! are never figures. In running prose ([`Mode::Strict`]) numbers that name a thing
//! ("page 3", "Resolution 1441", "No. 5"), counters ("1 of 5"), other compounds
//! ("five-year", "20-year-old"), a lone "one" and years (1900 to 2100, four digits)
//! are not either; a year is a count when a counted noun, a scale, a currency, a
//! percent sign or a bound ("more than 2000") comes with it.

use super::number::Numeral;
use super::scan::{Kind, Scanner, Token};
use super::words::{Key, Lex};

/// How eagerly numbers are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    /// Running prose: only what reads as a figure.
    Strict,
    /// The text of a span a person tagged as a figure: years, "page 3", a lone "one"
    /// and compounds count too.
    Lenient,
}

/// What the grammar needs to know of a token before a phrase.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Seen {
    /// Its word class, if a word.
    lex: Option<Lex>,
    /// A full stop right after a word ("Jan.", "No.").
    stop: bool,
    /// Digits.
    num: bool,
}

/// The two tokens before a phrase, nearest first.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Before {
    /// The token right before.
    prev: Seen,
    /// The one before that.
    prev2: Seen,
}

impl Before {
    /// Shifts `t` in as the nearest token.
    pub(super) fn push(self, t: &Token<'_>) -> Self {
        Before {
            prev: Seen {
                lex: t.lex(),
                stop: t.is_sym('.') && !t.spaced,
                num: t.num().is_some(),
            },
            prev2: self.prev,
        }
    }

    /// A word before that makes a year a date, whatever follows it: "in 2011
    /// protesters", "the 2020 rally", "since 2003".
    pub(super) fn dates_a_year(&self) -> bool {
        matches!(
            self.prev.lex,
            Some(Lex::Before | Lex::Month | Lex::Key(Key::In | Key::Of | Key::The | Key::From))
        )
    }

    /// The word before, skipping one full stop ("Jan." and "No." count as words).
    fn word_before(&self) -> Option<Lex> {
        if self.prev.stop {
            self.prev2.lex
        } else {
            self.prev.lex
        }
    }
}

/// True when the numeral `n`, which ends at `after`, is digits that are not a figure.
/// `before` is given when nothing (no hedge) stands between the tokens before and it.
pub(super) fn digits_rejected(
    n: &Numeral<'_>,
    after: Scanner<'_>,
    before: Option<Before>,
    mode: Mode,
) -> bool {
    let Some(num) = n.digits else {
        return false;
    };
    if n.first.glued || num.leading_zero || is_time_or_day(after) || is_code(after) {
        return true;
    }
    if let Some(b) = before {
        let word = b.word_before();
        if word == Some(Lex::Month) {
            return true;
        }
        // The second number of a counter: "3 of 5".
        let counter = b.prev.lex == Some(Lex::Key(Key::Of)) && b.prev2.num;
        if mode == Mode::Strict && counter {
            return true;
        }
        if mode == Mode::Strict && matches!(word, Some(Lex::Label | Lex::Key(Key::No))) {
            // "No. 5" but not "no 5": the stop is required after "no".
            if word == Some(Lex::Label) || b.prev.stop {
                return true;
            }
        }
    }
    if mode == Mode::Strict && n.value == num.value() {
        let mut t = after;
        if t.next().and_then(|t| t.lex()) == Some(Lex::Key(Key::Of))
            && t.next().and_then(|t| t.num()).is_some()
        {
            return true;
        }
    }
    false
}

/// After the digits, two more groups joined by dashes: a telephone number, an ISBN, a
/// date ("202-555-0143", "978-3-16", "2020-01-24").
fn is_code(after: Scanner<'_>) -> bool {
    let mut t = after;
    (0..2).all(|_| {
        t.next().is_some_and(|d| d.is_dash() && !d.spaced)
            && t.next().is_some_and(|n| !n.spaced && n.num().is_some())
    })
}

/// After the digits: a letter or ":", "/", "." and more digits right after them, a time
/// word, "a.m."/"p.m.", or a month.
fn is_time_or_day(after: Scanner<'_>) -> bool {
    let mut t = after;
    let Some(next) = t.next() else {
        return false;
    };
    if !next.spaced {
        match next.kind {
            Kind::Word(_) => return true,
            Kind::Sym(':' | '/' | '.') => {
                return t.next().is_some_and(|d| !d.spaced && d.num().is_some());
            }
            _ => return false,
        }
    }
    match next.lex() {
        Some(Lex::Time | Lex::Month) => true,
        Some(_) if next.text.eq_ignore_ascii_case("a") || next.text.eq_ignore_ascii_case("p") => {
            let (dot, m) = (t.next(), t.next());
            dot.is_some_and(|d| d.is_sym('.') && !d.spaced)
                && m.is_some_and(|m| !m.spaced && m.text.eq_ignore_ascii_case("m"))
        }
        _ => false,
    }
}
