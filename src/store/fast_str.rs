//! Strings escaped as ron escapes them, several times sooner, for the fast annotation
//! writer ([`super::fast_record`]).
//!
//! ron 0.12 escapes a string one char at a time (`char::escape_debug` and a
//! `write_str` per char), which was a third to a half of what saving a large project
//! cost. Here runs of plain ASCII are copied at once, and non-ASCII chars that escape to
//! themselves are remembered. Only ron's public API is used: the fast writer writes
//! annotation lines itself, and everything else (documents, labels, links) goes to ron
//! with its own escaping.
//!
//! The bytes are those ron writes itself. A check at first use compares the two on
//! strings that need every kind of escape; if they ever differ (a ron upgrade that
//! changes either side), the fast writer steps aside and ron writes everything.

use std::cell::RefCell;
use std::sync::OnceLock;

/// Where strings are escaped: the output and a small memory of non-ASCII chars that
/// escape to themselves (curly quotes, dashes, letters), since asking Unicode's tables
/// about each char again is most of the cost of text that is not plain ASCII.
struct Escaper {
    out: String,
    /// `plain[c % 256] == c` when `c` is known to escape to itself.
    plain: [char; 256],
}

impl Escaper {
    const fn new() -> Self {
        Escaper {
            out: String::new(),
            // NUL is ASCII and never looked up here.
            plain: ['\0'; 256],
        }
    }

    /// `s` as ron writes a string: in double quotes, each char through
    /// `char::escape_debug`. Plain ASCII, which escapes to itself, is copied in runs.
    fn escape(&mut self, s: &str) -> &str {
        let out = &mut self.out;
        out.clear();
        out.push('"');
        let bytes = s.as_bytes();
        let mut run = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if (0x20..0x7f).contains(&b) && !matches!(b, b'"' | b'\'' | b'\\') {
                i += 1;
                continue;
            }
            // `i` only ever moves over ASCII or whole chars, so it is on a boundary.
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            let slot = c as usize % self.plain.len();
            if !c.is_ascii() && self.plain[slot] == c {
                i += c.len_utf8();
                continue;
            }
            let mut escaped = c.escape_debug();
            if !c.is_ascii() && escaped.len() == 1 {
                self.plain[slot] = c;
                i += c.len_utf8();
                continue;
            }
            out.push_str(&s[run..i]);
            out.extend(&mut escaped);
            i += c.len_utf8();
            run = i;
        }
        out.push_str(&s[run..]);
        out.push('"');
        out
    }
}

thread_local! {
    /// One escaper per thread, reused for every string.
    static ESCAPER: RefCell<Escaper> = const { RefCell::new(Escaper::new()) };
}

/// Appends `s` to `out` as ron writes a string (quoted and escaped), or `None` when the
/// first-use check found that this module's escaping differs from ron's.
pub fn push_escaped(out: &mut String, s: &str) -> Option<()> {
    enabled().then(|| ESCAPER.with_borrow_mut(|e| out.push_str(e.escape(s))))
}

/// Whether ron takes pre-escaped strings and writes exactly what it would have.
fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| {
        const PROBES: &[&str] = &[
            "",
            "plain words",
            "“curly” ’ and\u{a0}no-break",
            "line\nbreak\ttab\rreturn\0nul\u{7f}\u{1b}",
            "back\\slash \"double\" 'single'",
            "e\u{301} \u{200d} \u{ad} \u{feff} 👍🏽 عربي 中文",
        ];
        PROBES.iter().all(|probe| {
            let mut escaper = Escaper::new();
            ron::to_string(probe).is_ok_and(|ron| escaper.escape(probe) == ron)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ron_takes_the_fast_path_here() {
        // Were this false, the store would still be right, only slow: a ron upgrade
        // changed its escaping and this module needs a look.
        assert!(enabled());
    }

    proptest! {
        #[test]
        fn any_string_is_written_as_ron_writes_it(s in any::<String>(), t in "[\\x00-\\x7f“”’\u{a0}\u{301}]{0,40}") {
            // One escaper for all, as a thread uses it: the memory of plain chars
            // must never change what is written.
            let mut escaper = Escaper::new();
            for one in [&s, &t, &s, &t] {
                prop_assert_eq!(escaper.escape(one), ron::to_string(one).expect("ron"));
            }
            let mut out = String::from("x");
            prop_assert!(push_escaped(&mut out, &s).is_some());
            prop_assert_eq!(out, format!("x{}", ron::to_string(&s).expect("ron")));
        }
    }
}
