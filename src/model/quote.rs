//! Values from the input as messages quote them: escaped, so a message stays on one
//! line, and cut after [`QUOTE_CHARS`] chars with an ellipsis and the value's length, so
//! a 1 MB label or span text does not make a 1 MB line of stderr.
//!
//! Every message that shows a value read from a file goes through here: import errors,
//! `check` problems, id errors. [`shorten_quoted`] does the same for messages other code
//! wrote (serde_json's and ron's), which quote values in full.

use std::borrow::Cow;
use std::fmt;

/// How many chars of a value a message quotes.
pub const QUOTE_CHARS: usize = 120;

/// The longest message [`shorten_quoted`] lets through, in chars, for messages whose long
/// part is not quoted.
pub const MESSAGE_CHARS: usize = 1000;

/// A value quoted for a message; see [`quote`].
#[derive(Clone, Copy, Debug)]
pub struct Quoted<'a> {
    value: &'a str,
    max: usize,
}

/// `value` as a message shows it: in double quotes with Rust's escapes (`\n`, `\u{0}`),
/// and when longer than [`QUOTE_CHARS`] chars, its start, an ellipsis and its length:
/// `"aaaa…" (1,000,000 chars)`.
pub fn quote(value: &str) -> Quoted<'_> {
    quote_at_most(value, QUOTE_CHARS)
}

/// [`quote`] with a shorter cut, for context such as a span's text beside its id.
pub fn quote_at_most(value: &str, max: usize) -> Quoted<'_> {
    Quoted {
        value,
        max: max.min(QUOTE_CHARS),
    }
}

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.value.char_indices().nth(self.max) {
            None => write!(f, "{:?}", self.value),
            Some((cut, _)) => {
                let head = format!("{:?}", &self.value[..cut]);
                let open = head.strip_suffix('"').unwrap_or(&head);
                write!(
                    f,
                    "{open}…\" ({} chars)",
                    thousands(self.value.chars().count())
                )
            }
        }
    }
}

/// A name (an id, a label) as messages show it: bare when it is plain (letters, digits,
/// `-`, `_`, `.`, at most [`QUOTE_CHARS`] chars), as most are, else [`quote`]d so that an
/// odd one cannot break the line or hide in it.
#[derive(Clone, Copy, Debug)]
pub struct Name<'a>(&'a str);

/// See [`Name`].
pub fn name(value: &str) -> Name<'_> {
    Name(value)
}

impl fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plain = !self.0.is_empty()
            && self.0.chars().nth(QUOTE_CHARS).is_none()
            && self
                .0
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if plain {
            f.write_str(self.0)
        } else {
            quote(self.0).fmt(f)
        }
    }
}

/// `n` with thousands separators: `1,000,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A message written by other code (serde_json, ron) with every `"…"` or `` `…` ``
/// quotation longer than [`QUOTE_CHARS`] chars cut as [`quote`] cuts, and the whole cut
/// at [`MESSAGE_CHARS`] chars. Short messages come back unchanged.
pub fn shorten_quoted(message: &str) -> Cow<'_, str> {
    if message.len() <= QUOTE_CHARS {
        return Cow::Borrowed(message);
    }
    let mut out = String::new();
    let mut rest = message;
    while let Some(open) = rest.find(['"', '`']) {
        let q = if rest.as_bytes()[open] == b'"' {
            '"'
        } else {
            '`'
        };
        out.push_str(&rest[..=open]);
        let body = &rest[open + 1..];
        let mut close = None;
        let mut escaped = false;
        for (j, c) in body.char_indices() {
            if escaped {
                escaped = false;
            } else if c == '\\' && q == '"' {
                escaped = true;
            } else if c == q {
                close = Some(j);
                break;
            }
        }
        let inner = &body[..close.unwrap_or(body.len())];
        let cut = inner.char_indices().nth(QUOTE_CHARS).map(|(b, _)| b);
        out.push_str(&inner[..cut.unwrap_or(inner.len())]);
        if cut.is_some() {
            out.push('…');
        }
        let Some(j) = close else {
            if cut.is_some() {
                out.push_str(&format!(" ({} chars)", thousands(inner.chars().count())));
            }
            rest = "";
            break;
        };
        out.push(q);
        if cut.is_some() {
            out.push_str(&format!(" ({} chars)", thousands(inner.chars().count())));
        }
        rest = &body[j + 1..];
    }
    out.push_str(rest);
    if let Some((b, _)) = out.char_indices().nth(MESSAGE_CHARS) {
        let total = out.chars().count();
        out.truncate(b);
        out.push_str(&format!("… (message of {} chars)", thousands(total)));
    }
    if out == message {
        Cow::Borrowed(message)
    } else {
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_are_quoted_whole_and_escaped() {
        assert_eq!(quote("a\nb\0").to_string(), r#""a\nb\0""#);
        assert_eq!(
            quote(&"x".repeat(120)).to_string(),
            format!("\"{}\"", "x".repeat(120))
        );
    }

    #[test]
    fn long_values_are_cut_with_their_length() {
        let q = quote(&"a".repeat(1_000_000)).to_string();
        assert_eq!(q, format!("\"{}…\" (1,000,000 chars)", "a".repeat(120)));
        let q = quote_at_most(&"é".repeat(50), 40).to_string();
        assert_eq!(q, format!("\"{}…\" (50 chars)", "é".repeat(40)));
    }

    #[test]
    fn plain_names_stay_bare() {
        assert_eq!(name("a0000000001").to_string(), "a0000000001");
        assert_eq!(name("iran-news").to_string(), "iran-news");
        assert_eq!(name("../../PWNED").to_string(), "\"../../PWNED\"");
        assert_eq!(name("").to_string(), "\"\"");
        assert!(name(&"a".repeat(500)).to_string().ends_with("(500 chars)"));
    }

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_000_449), "1,000,449");
    }

    #[test]
    fn foreign_messages_lose_their_long_quotations() {
        let long = "b".repeat(5000);
        let m = format!("invalid type: string \"{long}\", expected usize at line 1 column 5020");
        let s = shorten_quoted(&m);
        assert_eq!(
            s,
            format!(
                "invalid type: string \"{}…\" (5,000 chars), expected usize at line 1 column 5020",
                "b".repeat(120)
            )
        );
        let ron = format!("Unexpected variant named `{long}`");
        assert!(shorten_quoted(&ron).ends_with("…` (5,000 chars)"));
        let unclosed = format!("found \"{long}");
        assert!(shorten_quoted(&unclosed).ends_with("… (5,000 chars)"));
        let escaped = format!("say \"a\\\"b{long}\" end");
        assert!(shorten_quoted(&escaped).ends_with("\" (5,004 chars) end"));
        let bare = "c".repeat(5000);
        let s = shorten_quoted(&bare);
        assert!(s.chars().count() < MESSAGE_CHARS + 40, "{}", s.len());
        assert!(s.ends_with("… (message of 5,000 chars)"));
        assert!(matches!(shorten_quoted("short \"x\""), Cow::Borrowed(_)));
    }
}
