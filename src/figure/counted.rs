//! The noun a figure counts ("protesters", "Iraqis", "troops"), read after the number
//! without a dictionary: the first word that looks plural or is a known counted noun,
//! within the next few words.

use super::number::eat;
use super::scan::{Kind, Scanner, Token};
use super::words::{Key, Lex};

/// The noun counted after a number: within the next four words (modifiers such as
/// "US", "U.S.", "Iraqi" or "pro-government" may come first), the first that looks plural or is a known counted
/// noun ("people", "police"); any word when the number is one. After a vague plural or
/// a percentage, "of" may come first ("millions of Iraqis", "40 percent of voters").
/// Returns the word and whether it is a known counted noun.
pub(super) fn counted<'a>(
    s: &mut Scanner<'a>,
    of_ok: bool,
    singular: bool,
) -> Option<(&'a Token<'a>, bool)> {
    let mut t = *s;
    if of_ok {
        eat(&mut t, Key::Of);
    }
    for i in 0..4 {
        // "5,200 U.S. troops"
        if dotted(&mut t).is_some() {
            continue;
        }
        let w = t.next()?;
        match w.kind {
            Kind::Word(Lex::Counted) => {
                *s = t;
                return Some((w, true));
            }
            // "one person", "one man"
            Kind::Word(Lex::Key(Key::Man)) if singular && i == 0 => {
                *s = t;
                return Some((w, false));
            }
            Kind::Word(Lex::Other) if (singular && i == 0) || looks_plural(w.text) => {
                *s = t;
                return Some((w, false));
            }
            Kind::Word(Lex::Other | Lex::CurrencyAdj(_)) => {}
            Kind::Sym(_) if w.is_dash() && !w.spaced => {}
            _ => return None,
        }
    }
    None
}

/// Consumes a dotted abbreviation ("U.S.", "U.N.", "E.U."): single letters, each with
/// a full stop right after it. `Some(true)` when it is "U.S.".
pub(super) fn dotted(s: &mut Scanner<'_>) -> Option<bool> {
    if s.peek().is_none_or(|w| w.text.len() != 1) {
        return None;
    }
    let mut t = *s;
    let mut letters = [0u8; 2];
    let mut n = 0;
    loop {
        let mut u = t;
        let w = u.next().filter(|w| w.text.len() == 1 && w.lex().is_some());
        let stop = u.next().filter(|d| d.is_sym('.') && !d.spaced);
        match (w, stop) {
            (Some(w), Some(_)) if n == 0 || !w.spaced => {
                if let Some(slot) = letters.get_mut(n) {
                    *slot = w.text.as_bytes()[0].to_ascii_uppercase();
                }
                n += 1;
                t = u;
            }
            _ => break,
        }
    }
    if n < 2 {
        return None;
    }
    *s = t;
    Some(n == 2 && letters == *b"US")
}

/// Ends in "s" (not "ss" or "us"), at least three letters, not an acronym ("US").
fn looks_plural(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 3
        && b.ends_with(b"s")
        && !b.ends_with(b"ss")
        && !b.ends_with(b"us")
        && !b[..b.len() - 1].iter().all(u8::is_ascii_uppercase)
}
