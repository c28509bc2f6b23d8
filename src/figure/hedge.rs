//! Hedges and bounds around a number: "more than", "up to", "about" before it, "or
//! more", "or so", "at least" after it. See the module `figure` for which words give
//! which precision, and why "nearly" is an upper bound.

use super::number::{eat, lex_of};
use super::scan::{Kind, Scanner};
use super::words::{Key, Lex};
use crate::model::Precision;

/// A bound or hedge before the number, consumed when there is one.
pub(super) fn pre_hedge(s: &mut Scanner<'_>) -> Option<Precision> {
    use Precision::{Approximate, AtLeast, AtMost, Exact};
    let mut t = *s;
    let first = t.next()?;
    let than = |t: &mut Scanner<'_>| eat(t, Key::Than);
    let p = match first.kind {
        Kind::Sym('~' | '\u{2248}') => Some(Approximate),
        Kind::Sym('>') => Some(AtLeast),
        Kind::Sym('<') => Some(AtMost),
        Kind::Word(Lex::Key(k)) => match k {
            Key::More | Key::Greater => than(&mut t).then_some(AtLeast),
            Key::Over | Key::Above => Some(AtLeast),
            Key::Upwards => eat(&mut t, Key::Of).then_some(AtLeast),
            Key::In if eat(&mut t, Key::Excess) => eat(&mut t, Key::Of).then_some(AtLeast),
            Key::In | Key::Of => (eat(&mut t, Key::The)
                && (eat(&mut t, Key::Region) || eat(&mut t, Key::Order))
                && eat(&mut t, Key::Of))
            .then_some(Approximate),
            Key::At if eat(&mut t, Key::Least) => Some(AtLeast),
            Key::At => eat(&mut t, Key::Most).then_some(AtMost),
            Key::No | Key::Not if eat(&mut t, Key::More) => than(&mut t).then_some(AtMost),
            Key::No | Key::Not => ((eat(&mut t, Key::Fewer) || eat(&mut t, Key::Less))
                && than(&mut t))
            .then_some(AtLeast),
            Key::Well | Key::Just => {
                if eat(&mut t, Key::Over)
                    || eat(&mut t, Key::Above)
                    || (eat(&mut t, Key::More) && than(&mut t))
                {
                    Some(AtLeast)
                } else if eat(&mut t, Key::Under)
                    || eat(&mut t, Key::Below)
                    || ((eat(&mut t, Key::Fewer) || eat(&mut t, Key::Less)) && than(&mut t))
                {
                    Some(AtMost)
                } else {
                    None
                }
            }
            Key::A if eat(&mut t, Key::Minimum) => eat(&mut t, Key::Of).then_some(AtLeast),
            Key::A if eat(&mut t, Key::Maximum) => eat(&mut t, Key::Of).then_some(AtMost),
            Key::A => eat(&mut t, Key::Estimated).then_some(Approximate),
            Key::Up => eat(&mut t, Key::To).then_some(AtMost),
            Key::Fewer | Key::Less => than(&mut t).then_some(AtMost),
            Key::As => ((eat(&mut t, Key::Many) || eat(&mut t, Key::Much)) && eat(&mut t, Key::As))
                .then_some(AtMost),
            Key::Under | Key::Below | Key::Nearly | Key::Almost => Some(AtMost),
            Key::About
            | Key::Around
            | Key::Some
            | Key::Roughly
            | Key::Approximately
            | Key::Circa
            | Key::Estimated => Some(Approximate),
            Key::Close => eat(&mut t, Key::To).then_some(Approximate),
            Key::Exactly => Some(Exact),
            _ => None,
        },
        _ => None,
    }?;
    *s = t;
    Some(p)
}

/// A bound or hedge after the number: "or more", "or so", "or fewer", "at least".
pub(super) fn post_hedge(s: &mut Scanner<'_>) -> Option<Precision> {
    let mut t = *s;
    let p = match lex_of(t.next())? {
        Lex::Key(Key::Or) => match lex_of(t.next())? {
            Lex::Key(Key::More) => Precision::AtLeast,
            Lex::Key(Key::So) => Precision::Approximate,
            Lex::Key(Key::Fewer | Key::Less) => Precision::AtMost,
            _ => return None,
        },
        Lex::Key(Key::At) => match lex_of(t.next())? {
            Lex::Key(Key::Least) => Precision::AtLeast,
            Lex::Key(Key::Most) => Precision::AtMost,
            _ => return None,
        },
        Lex::Key(Key::Plus) => Precision::AtLeast,
        _ => return None,
    };
    *s = t;
    Some(p)
}
