//! A figure phrase: hedge, amount (sign, currency, numeral, percent or currency word),
//! an optional second amount for a range, a trailing hedge, and the counted noun.
//!
//! Like Duckling's quantity and money rules, a hedge before the number bounds it ("more
//! than", "up to") or marks it approximate ("about"), "between X and Y", "from X to Y",
//! "X-Y" and "X to Y" make a range, and a range shares its scale, currency and percent
//! ("2-3 million", "$2-3 billion", "25-30%").

use super::context::{Before, Mode, digits_rejected};
use super::counted::{counted, dotted};
use super::hedge::{post_hedge, pre_hedge};
use super::number::{Numeral, eat, lex_of, numeral, share};
use super::scan::{Kind, Scanner};
use super::words::{Key, Lex};
use crate::model::Precision;

/// A figure found in the text, before it becomes a [`super::Reading`].
#[derive(Clone, Copy, Debug)]
pub(super) struct Phrase<'a> {
    /// First char of the phrase.
    pub start: usize,
    /// One past its last char.
    pub end: usize,
    /// The number stated (none for a range).
    pub value: Option<f64>,
    /// The lower bound.
    pub low: Option<f64>,
    /// The upper bound.
    pub high: Option<f64>,
    /// Currency code, "percent" or "percentage points".
    pub unit: Option<&'static str>,
    /// The noun counted, as written.
    pub counted: Option<&'a str>,
    /// How the number relates to the figure.
    pub precision: Precision,
}

/// One number with what is attached to it.
#[derive(Clone, Copy, Debug)]
struct Amount<'a> {
    num: Numeral<'a>,
    currency: Option<&'static str>,
    percent: Option<&'static str>,
    /// "half of", "a third of": a percentage.
    share: bool,
    /// "10,000-strong", "million-man".
    crowd: bool,
    /// Another compound: "five-year", "20-year-old".
    compound: bool,
    /// "5,000+", "5,000-plus".
    plus: bool,
    /// Written with a plus sign ("+5%"), whose digits count as glued to it.
    plus_sign: bool,
}

/// The phrase starting at the cursor `s`, and the cursor after it.
pub(super) fn phrase_at<'a>(
    s: Scanner<'a>,
    before: Before,
    mode: Mode,
) -> Option<(Phrase<'a>, Scanner<'a>)> {
    let mut t = s;
    let start = t.peek()?.start;
    let hedge = pre_hedge(&mut t);
    let intro = t;
    let between = eat(&mut t, Key::Between);
    let from = !between && eat(&mut t, Key::From);
    let fresh = hedge.is_none() && !between && !from;
    let mut a = amount(&mut t)?;
    if !a.plus_sign && digits_rejected(&a.num, t, fresh.then_some(before), mode) {
        return None;
    }
    let mut b = None;
    if !a.crowd && !a.share && !a.plus {
        let mut u = t;
        let joined = match u.next() {
            Some(j) if between => j.lex() == Some(Lex::Key(Key::And)),
            Some(j) if from => j.lex() == Some(Lex::Key(Key::To)) || j.is_dash(),
            Some(j) => {
                matches!(j.lex(), Some(Lex::Key(Key::To | Key::Or)))
                    || (j.is_dash() && a.num.digits.is_some())
            }
            None => false,
        };
        if joined && let Some(mut second) = amount(&mut u).filter(|x| !x.crowd && !x.share) {
            let mut first = a;
            share_between(&mut first, &mut second);
            // A range rises; "170-0", "3-2" and "52–48" are votes and scores.
            if second.num.value > first.num.value {
                (a, b, t) = (first, Some(second), u);
            }
        }
    }
    if b.is_none() {
        ratio(&mut t, &mut a);
    }
    if b.is_none() && (between || from) {
        // Not a range after all: read the amount alone, without its "between".
        return phrase_at(intro_skip(intro), Before::default(), mode);
    }
    if mode == Mode::Strict && (a.compound || (a.num.lone_one && b.is_none() && hedge.is_none())) {
        return None;
    }
    let post = if a.plus {
        Some(Precision::AtLeast)
    } else {
        post_hedge(&mut t)
    };
    let unit = a.currency.or(a.percent);
    let of_ok = a.num.vague || a.percent.is_some() || a.share;
    let singular = a.num.value == 1.0 && b.is_none();
    let noun = if a.currency.is_some() {
        None
    } else {
        counted(&mut t, of_ok, singular)
    };
    let year = a.num.digits.is_some_and(|n| n.is_year()) && a.num.scale == 1.0;
    let bound = matches!(hedge, Some(Precision::AtLeast | Precision::AtMost));
    let counts = noun.is_some_and(|(_, counted)| counted) && !(fresh && before.dates_a_year());
    if mode == Mode::Strict && year && unit.is_none() && !bound && !counts {
        return None;
    }
    let v = a.num.value;
    if !v.is_finite() || b.is_some_and(|b| !b.num.value.is_finite()) {
        return None;
    }
    let (value, low, high, precision) = match b {
        Some(b) => {
            let (lo, hi) = (v.min(b.num.value), v.max(b.num.value));
            (None, Some(lo), Some(hi), Precision::Approximate)
        }
        None if a.num.vague => (Some(v), Some(v), None, Precision::AtLeast),
        None => {
            let rounded = a.num.round || a.crowd || a.share;
            let p = hedge.or(post).unwrap_or(if rounded {
                Precision::Approximate
            } else {
                Precision::Exact
            });
            let (lo, hi) = match p {
                Precision::Exact => (Some(v), Some(v)),
                Precision::Approximate => (None, None),
                Precision::AtLeast => (Some(v), None),
                Precision::AtMost => (None, Some(v)),
            };
            (Some(v), lo, hi, p)
        }
    };
    Some((
        Phrase {
            start,
            end: t.offset(),
            value,
            low,
            high,
            unit,
            counted: noun.map(|(n, _)| n.text),
            precision,
        },
        t,
    ))
}

/// The cursor after "between" or "from" at `intro`.
fn intro_skip(intro: Scanner<'_>) -> Scanner<'_> {
    let mut t = intro;
    t.next();
    t
}

/// "one in five", "nine out of ten": a share, as a percentage. The second number is a
/// plain count, larger, and no year ("3 in 2011" is not a share).
fn ratio(s: &mut Scanner<'_>, a: &mut Amount<'_>) {
    let plain = |x: &Amount<'_>| {
        x.currency.is_none()
            && x.percent.is_none()
            && !x.num.vague
            && !x.crowd
            && !x.plus
            && x.num.scale == 1.0
    };
    if !plain(a) || a.num.value <= 0.0 {
        return;
    }
    let mut t = *s;
    if !(eat(&mut t, Key::In) || (eat(&mut t, Key::Out) && eat(&mut t, Key::Of))) {
        return;
    }
    let Some(whole) = amount(&mut t) else {
        return;
    };
    let year = whole.num.digits.is_some_and(|n| n.is_year());
    if plain(&whole) && !year && whole.num.value > a.num.value {
        a.num.value = a.num.value * 100.0 / whole.num.value;
        a.num.lone_one = false;
        a.percent = Some("percent");
        a.share = true;
        *s = t;
    }
}

/// The first amount of a range takes the second's scale when it has none and is
/// smaller ("2-3 million", not "500,000 to 1 million"), and both share currency and
/// percent.
fn share_between(a: &mut Amount<'_>, b: &mut Amount<'_>) {
    if a.num.scale == 1.0 && b.num.scale > 1.0 && a.num.value < b.num.bare {
        a.num.value *= b.num.scale;
        a.num.scale = b.num.scale;
        a.num.round = b.num.round;
    }
    a.currency = a.currency.or(b.currency);
    b.currency = b.currency.or(a.currency);
    a.percent = a.percent.or(b.percent);
}

/// A number with its sign, currency and percent, or a share in words.
fn amount<'a>(s: &mut Scanner<'a>) -> Option<Amount<'a>> {
    let mut t = *s;
    let mut sign = 1.0;
    let mut plus_sign = false;
    let mut currency = None;
    let first = t.peek()?;
    let second = {
        let mut u = t;
        u.next();
        u.peek()
    };
    // Digits right after the sign; after a dash not glued to a word ("COVID-19").
    let signed =
        |c: char| second.is_some_and(|n| !n.spaced && n.num().is_some() && (c == '+' || !n.glued));
    match first.kind {
        Kind::Sym(c) if (c == '+' || super::scan::is_dash(c)) && signed(c) => {
            sign = if c == '+' { 1.0 } else { -1.0 };
            plus_sign = c == '+';
            t.next();
        }
        Kind::Word(Lex::Key(Key::Minus)) => {
            sign = -1.0;
            t.next();
        }
        _ => {}
    }
    let mut u = t;
    if let Some(c) = u.next() {
        currency = match c.kind {
            Kind::Sym('$') => Some("USD"),
            Kind::Sym('£') => Some("GBP"),
            Kind::Sym('€') => Some("EUR"),
            Kind::Sym('¥') => Some("JPY"),
            Kind::Sym('₹') => Some("INR"),
            // "US$4 billion"
            Kind::Word(Lex::CurrencyAdj(_))
                if u.peek().is_some_and(|d| d.is_sym('$') && !d.spaced) =>
            {
                u.next();
                Some("USD")
            }
            // A code before the number: "USD 4 million", not "dollars 4".
            Kind::Word(Lex::Currency(code))
                if c.text.len() == 3
                    && c.text.bytes().all(|b| b.is_ascii_uppercase())
                    && u.peek().is_some_and(|n| n.num().is_some()) =>
            {
                Some(code)
            }
            _ => None,
        };
    }
    if currency.is_some() {
        t = u;
    }
    let shared = if currency.is_none() {
        share(&mut t)
    } else {
        None
    };
    let (mut num, share) = match shared {
        None => (numeral(&mut t)?, false),
        Some((pct, first)) => {
            let n = Numeral {
                value: pct,
                bare: pct,
                scale: 1.0,
                round: true,
                vague: false,
                first,
                digits: None,
                lone_one: false,
            };
            (n, true)
        }
    };
    num.value *= sign;
    num.bare *= sign;
    let mut a = Amount {
        num,
        currency,
        percent: share.then_some("percent"),
        share,
        crowd: false,
        compound: false,
        plus: false,
        plus_sign,
    };
    if !share {
        suffix(&mut t, &mut a);
    }
    // "+5%" is a change; "+1 202" a telephone number.
    if plus_sign && a.percent.is_none() {
        return None;
    }
    *s = t;
    Some(a)
}

/// What follows a number: a compound ("-strong", "-plus", "-year"), "+", a percent, or
/// a currency word.
fn suffix(s: &mut Scanner<'_>, a: &mut Amount<'_>) {
    let mut t = *s;
    // "4 billion U.S. dollars"
    if a.currency.is_none()
        && dotted(&mut t) == Some(true)
        && lex_of(t.next()) == Some(Lex::Currency("USD"))
    {
        a.currency = Some("USD");
        *s = t;
        return;
    }
    t = *s;
    match t.next() {
        Some(d) if d.is_dash() && !d.spaced => match t.next() {
            Some(w) if !w.spaced && matches!(w.lex(), Some(Lex::Key(Key::Strong | Key::Man))) => {
                a.crowd = true;
                *s = t;
            }
            Some(w) if !w.spaced && w.text.eq_ignore_ascii_case("men") => {
                a.crowd = true;
                *s = t;
            }
            Some(w) if !w.spaced && w.lex() == Some(Lex::Key(Key::Plus)) => {
                a.plus = true;
                *s = t;
            }
            Some(w) if !w.spaced && matches!(w.kind, Kind::Word(_)) => a.compound = true,
            _ => {}
        },
        Some(p) if p.is_sym('+') && !p.spaced => {
            a.plus = true;
            *s = t;
        }
        Some(p) if p.is_sym('%') => {
            a.percent = Some("percent");
            *s = t;
        }
        Some(w) => match w.lex() {
            Some(Lex::Percent) => {
                a.percent = Some("percent");
                *s = t;
            }
            Some(Lex::Key(Key::Per)) if lex_of(t.next()) == Some(Lex::Cent) => {
                a.percent = Some("percent");
                *s = t;
            }
            Some(Lex::Percentage) if lex_of(t.next()) == Some(Lex::Points) => {
                a.percent = Some("percentage points");
                *s = t;
            }
            Some(Lex::Currency(code)) if a.currency.is_none() => {
                a.currency = Some(code);
                *s = t;
            }
            Some(Lex::CurrencyAdj(adj)) if a.currency.is_none() => {
                if let Some(code) = t
                    .next()
                    .and_then(|w| adj.currency(w.lex().unwrap_or(Lex::Other), w.text))
                {
                    a.currency = Some(code);
                    *s = t;
                }
            }
            // "millions of dollars"
            Some(Lex::Key(Key::Of)) if a.num.vague && a.currency.is_none() => {
                if let Some(Lex::Currency(code)) = lex_of(t.next()) {
                    a.currency = Some(code);
                    *s = t;
                }
            }
            _ => {}
        },
        None => {}
    }
}
