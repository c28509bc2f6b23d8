//! Numerals: one number in digits or words, with its scale, read from the scanner.
//!
//! The rules follow the shape of Duckling's English numeral rules: small numbers and
//! tens compose into a group below a thousand ("one hundred and five"), a group times a
//! power of ten is a part ("eleven thousand"), and parts add up while their scales
//! fall ("five thousand two hundred"). Fractions of a scale ("half a million",
//! "three-quarters of a million", "a million and a half") and digits with a scale or
//! its abbreviation ("2.5 million", "1.2bn", "3.5m", "5.2k") are parts too. Vague
//! plurals ("thousands", "tens of thousands") read as twice their unit, a lower bound.

use super::scan::{Kind, Num, Scanner, Token, pow10};
use super::words::{Key, Lex};

/// A number read from the text.
#[derive(Clone, Copy, Debug)]
pub(super) struct Numeral<'a> {
    /// Its value.
    pub value: f64,
    /// The value before the last scale ("2" of "2 million").
    pub bare: f64,
    /// The multiplier of that scale (1 when none), for a range sharing it ("2-3 million").
    pub scale: f64,
    /// Ends in a scale of a thousand or more, a dozen, or a fraction of a scale: a
    /// rounded number ("2.5 million", "eleven thousand", "half a million").
    pub round: bool,
    /// A vague plural ("thousands", "dozens of"): the value is a lower bound.
    pub vague: bool,
    /// Its first token.
    pub first: &'a Token<'a>,
    /// The digits, when it is written in digits.
    pub digits: Option<Num>,
    /// The word "one" alone, which is more often a pronoun than a count.
    pub lone_one: bool,
}

/// Reads a numeral at the cursor and moves past it; leaves the cursor when there is none.
pub(super) fn numeral<'a>(s: &mut Scanner<'a>) -> Option<Numeral<'a>> {
    digits(s).or_else(|| vague(s)).or_else(|| words(s))
}

/// A share in words followed by "of" ("half of", "a third of", "two-thirds of"), as a
/// percentage; the cursor ends before "of". Not a fraction of a scale ("half of a
/// million", "a quarter of a million"), which is a numeral.
pub(super) fn share<'a>(s: &mut Scanner<'a>) -> Option<(f64, &'a Token<'a>)> {
    let mut t = *s;
    let first = t.peek()?;
    let (num, den) = fraction(&mut t)?;
    let mut u = t;
    if !eat(&mut u, Key::Of) {
        return None;
    }
    eat(&mut u, Key::A);
    if matches!(lex_of(u.peek()), Some(Lex::Scale(_) | Lex::Dozen)) {
        return None;
    }
    *s = t;
    Some((num * 100.0 / den, first))
}

/// The word class of a token, if it is a word.
pub(super) fn lex_of(t: Option<&Token<'_>>) -> Option<Lex> {
    t.and_then(|t| t.lex())
}

/// Consumes the next token when it is the keyword `k`.
pub(super) fn eat(s: &mut Scanner<'_>, k: Key) -> bool {
    let mut t = *s;
    if lex_of(t.next()) == Some(Lex::Key(k)) {
        *s = t;
        true
    } else {
        false
    }
}

fn digits<'a>(s: &mut Scanner<'a>) -> Option<Numeral<'a>> {
    let mut t = *s;
    let first = t.next()?;
    let n = first.num()?;
    let mut pow = 0u32;
    let mut round = false;
    let next = t.peek();
    if let Some(next) = next.filter(|n| !n.spaced) {
        match next.lex() {
            Some(Lex::Abbrev(p)) => {
                t.next();
                (pow, round) = (p.into(), true);
            }
            Some(Lex::AbbrevM) if !metres(t) => {
                t.next();
                (pow, round) = (6, true);
            }
            _ => {}
        }
    }
    if pow == 0 {
        let mut u = t;
        if u.peek().is_some_and(|d| d.is_dash() && !d.spaced) {
            u.next();
        }
        let mut last = 0;
        loop {
            let mut v = u;
            let Some(w) = v.next() else { break };
            let p = match w.lex() {
                Some(Lex::Hundred) if last == 0 => 2,
                Some(Lex::Scale(p)) if u32::from(p) > last => p.into(),
                // Longer abbreviations may stand apart: "2.5 bn", not "5 b" or "5 k".
                Some(Lex::Abbrev(p)) if last == 0 && p > 3 && w.text.len() > 1 => p.into(),
                _ => break,
            };
            (pow, last, round, u, t) = (pow + p, p, p >= 3, v, v);
        }
    }
    *s = t;
    Some(Numeral {
        value: n.scaled(pow),
        bare: n.value(),
        scale: pow10(pow as i32),
        round,
        vague: false,
        first,
        digits: Some(n),
        lone_one: false,
    })
}

/// "m" after digits is metres when a dash or a word of size follows ("10m-high", "100m
/// sprint"); otherwise millions.
fn metres(after_digits: Scanner<'_>) -> bool {
    let mut t = after_digits;
    t.next();
    match t.next() {
        Some(n) if n.is_dash() && !n.spaced => true,
        Some(n) => n.lex() == Some(Lex::Dimension),
        None => false,
    }
}

fn vague<'a>(s: &mut Scanner<'a>) -> Option<Numeral<'a>> {
    let mut t = *s;
    let first = t.next()?;
    let base = match first.lex()? {
        Lex::TensOf | Lex::Plural(2) => {
            let times = if first.lex() == Some(Lex::TensOf) {
                10.0
            } else {
                100.0
            };
            let mut u = t;
            match (lex_of(u.next()), lex_of(u.next())) {
                (Some(Lex::Key(Key::Of)), Some(Lex::Plural(p))) if p >= 3 => {
                    t = u;
                    times * pow10(p.into())
                }
                _ if times == 100.0 => 100.0,
                _ => return None,
            }
        }
        Lex::Plural(p) => pow10(p.into()),
        Lex::Dozens => 12.0,
        Lex::Scores if lex_of(t.peek()) == Some(Lex::Key(Key::Of)) => 20.0,
        Lex::Key(Key::Several | Key::Many) => some_scale(&mut t)?,
        Lex::Key(Key::A) if eat(&mut t, Key::Few) => some_scale(&mut t)?,
        _ => return None,
    };
    *s = t;
    Some(Numeral {
        value: 2.0 * base,
        bare: 2.0 * base,
        scale: 1.0,
        round: true,
        vague: true,
        first,
        digits: None,
        lone_one: false,
    })
}

/// The scale after "several", "many", "a few": "hundred", "thousand(s)", "million(s)".
fn some_scale(t: &mut Scanner<'_>) -> Option<f64> {
    let p = match lex_of(t.next())? {
        Lex::Hundred => 2,
        Lex::Scale(p) | Lex::Plural(p) => p,
        _ => return None,
    };
    Some(pow10(p.into()))
}

fn words<'a>(s: &mut Scanner<'a>) -> Option<Numeral<'a>> {
    let mut t = *s;
    let first = t.peek()?;
    let (mut total, mut prev_pow, mut round, mut parts) = (0.0, u32::MAX, false, 0);
    loop {
        let save = t;
        if parts > 0 && prev_pow != u32::MAX {
            // "a million and a half"
            let mut u = t;
            if eat(&mut u, Key::And)
                && let Some((num, den)) = fraction(&mut u).filter(|(n, d)| n < d)
            {
                total += num * pow10(prev_pow as i32) / den;
                t = u;
                break;
            }
            eat(&mut t, Key::And);
        }
        let (group, needs_scale) = match part(&mut t) {
            Some(g) => g,
            // A scale alone: "million-man", "Million-Man March".
            None if parts == 0 && matches!(lex_of(t.peek()), Some(Lex::Scale(_))) => (1.0, true),
            None => {
                t = save;
                break;
            }
        };
        if parts > 0 && group >= pow10(prev_pow.min(300) as i32) {
            t = save;
            break;
        }
        let mut u = t;
        match lex_of(u.next()) {
            Some(Lex::Scale(p)) if u32::from(p) < prev_pow => {
                total += group * pow10(p.into());
                (prev_pow, round, t) = (p.into(), true, u);
                parts += 1;
            }
            Some(Lex::Dozen) if parts == 0 => {
                (total, round, t) = (group * 12.0, true, u);
                parts += 1;
                break;
            }
            _ if needs_scale => {
                t = save;
                break;
            }
            _ => {
                total += group;
                round = false;
                parts += 1;
                break;
            }
        }
    }
    if parts == 0 {
        return None;
    }
    *s = t;
    let lone_one = total == 1.0 && first.lex() == Some(Lex::Unit(1)) && t.offset() == first.end;
    let scale = if round && prev_pow != u32::MAX {
        pow10(prev_pow as i32)
    } else {
        1.0
    };
    Some(Numeral {
        value: total,
        bare: total / scale,
        scale,
        round,
        vague: false,
        first,
        digits: None,
        lone_one,
    })
}

/// One group before a scale: a fraction that needs one ("half a", "a quarter of a"),
/// or a number below a thousand, maybe with "and a half". Returns the group and whether
/// a scale must follow.
fn part(t: &mut Scanner<'_>) -> Option<(f64, bool)> {
    let mut u = *t;
    if let Some((num, den)) = fraction(&mut u) {
        eat(&mut u, Key::Of);
        eat(&mut u, Key::A);
        if u.peek().is_some_and(|d| d.is_dash() && !d.spaced) {
            u.next();
        }
        if matches!(lex_of(u.peek()), Some(Lex::Scale(_) | Lex::Dozen)) {
            *t = u;
            return Some((num / den, true));
        }
    }
    let (mut g, needs_scale) = below_thousand(t)?;
    let mut u = *t;
    if !needs_scale && eat(&mut u, Key::And) && eat(&mut u, Key::A) {
        let f = match lex_of(u.next()) {
            Some(Lex::Half) => 0.5,
            Some(Lex::Quarter) => 0.25,
            _ => return Some((g, needs_scale)),
        };
        g += f;
        *t = u;
    }
    Some((g, needs_scale))
}

/// A fraction in words, as numerator and denominator: "half", "a half", "a quarter",
/// "a third", "three-quarters", "two thirds".
fn fraction(t: &mut Scanner<'_>) -> Option<(f64, f64)> {
    let mut u = *t;
    let first = u.next()?;
    let (num, word) = match first.lex()? {
        Lex::Half => (1.0, Lex::Half),
        Lex::Key(Key::A) => (1.0, lex_of(u.next())?),
        Lex::Unit(n) if n > 0 => {
            if u.peek().is_some_and(|d| d.is_dash() && !d.spaced) {
                u.next();
            }
            (f64::from(n), lex_of(u.next())?)
        }
        _ => return None,
    };
    let den = match word {
        Lex::Half => 2.0,
        Lex::Quarter => 4.0,
        Lex::Third => 3.0,
        _ => return None,
    };
    if word == Lex::Half && num != 1.0 {
        return None;
    }
    *t = u;
    Some((num, den))
}

/// A number below a thousand in words; `true` when it was just "a"/"an", which needs
/// a scale after it ("a million").
fn below_thousand(t: &mut Scanner<'_>) -> Option<(f64, bool)> {
    let mut u = *t;
    let lead = match lex_of(u.peek()) {
        Some(Lex::Key(Key::A)) => {
            u.next();
            None
        }
        _ => below_hundred(&mut u),
    };
    let article = lead.is_none() && u.offset() != t.offset();
    let mut v = u;
    // "a hundred", "two hundred"; "hundred" alone is no number.
    if (lead.is_some() || article) && lex_of(v.next()) == Some(Lex::Hundred) {
        let mut g = lead.unwrap_or(1.0) * 100.0;
        let mut w = v;
        eat(&mut w, Key::And);
        if let Some(r) = below_hundred(&mut w) {
            g += r;
            v = w;
        }
        *t = v;
        return Some((g, false));
    }
    if article {
        *t = u;
        return Some((1.0, true));
    }
    let g = lead?;
    *t = u;
    Some((g, false))
}

fn below_hundred(t: &mut Scanner<'_>) -> Option<f64> {
    let mut u = *t;
    let v = match lex_of(u.next())? {
        Lex::Unit(n) => f64::from(n),
        Lex::Tens(n) => {
            // "twenty-one" or "twenty one", not "twenty- one".
            let mut w = u;
            let dashed = w.peek().is_some_and(|d| d.is_dash() && !d.spaced);
            if dashed {
                w.next();
            }
            match w.next() {
                Some(Token {
                    kind: Kind::Word(Lex::Unit(k @ 1..=9)),
                    spaced,
                    ..
                }) if *spaced != dashed => {
                    u = w;
                    f64::from(n) + f64::from(*k)
                }
                _ => f64::from(n),
            }
        }
        _ => return None,
    };
    *t = u;
    Some(v)
}
