//! Token patterns: one spec per token (attributes it must have) with spaCy's operators,
//! matched over the tokens word snapping cuts ([`crate::words::tokens`]).

use crate::words::Token;

/// A token attribute a pattern can test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Attr {
    /// The exact text (`ORTH`, `TEXT`).
    Text,
    /// The text in lower case (`LOWER`, and `NORM`, which is that for English).
    Lower,
    /// Chars in the text (`LENGTH`).
    Length,
    /// `IS_ALPHA`.
    IsAlpha,
    /// `IS_ASCII`.
    IsAscii,
    /// `IS_DIGIT`.
    IsDigit,
    /// `IS_LOWER`.
    IsLower,
    /// `IS_UPPER`.
    IsUpper,
    /// `IS_TITLE`.
    IsTitle,
    /// `IS_PUNCT`.
    IsPunct,
    /// `IS_SPACE` (never true: white space is no token here).
    IsSpace,
    /// `LIKE_NUM`.
    LikeNum,
}

/// What an attribute must be.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Cond {
    /// Equal to this string (`LOWER` compares lower case).
    Str(String),
    /// One of these strings (`IN`).
    In(Vec<String>),
    /// None of these (`NOT_IN`).
    NotIn(Vec<String>),
    /// This flag.
    Bool(bool),
    /// A number compared (`LENGTH`: `==`, `!=`, `>=`, `<=`, `>`, `<`).
    Cmp(Cmp, i64),
    /// A number in this list (`LENGTH` with `IN`).
    InNum(Vec<i64>),
    /// A number not in this list.
    NotInNum(Vec<i64>),
}

/// A comparison of spaCy's extended syntax.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cmp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `>=`
    Ge,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `<`
    Lt,
}

/// One element of a token pattern: the tests, and how many tokens in a row.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Elem {
    /// Every test must pass (`{}` has none and matches any token).
    pub tests: Vec<(Attr, Cond)>,
    /// Fewest tokens.
    pub min: usize,
    /// Most tokens.
    pub max: usize,
    /// `!`: a token that fails the tests.
    pub negate: bool,
}

/// A token pattern.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct TokenPattern {
    /// Its elements.
    pub elems: Vec<Elem>,
}

impl Elem {
    /// Whether token `t` of `text` passes (`!` inverted).
    fn accepts(&self, text: &str, t: &Token) -> bool {
        let s = &text[t.bytes.clone()];
        let all = self.tests.iter().all(|(a, c)| test(*a, c, s, t.is_word));
        all != self.negate
    }
}

impl TokenPattern {
    /// The longest match starting at token `i`, as the index one past its last token.
    pub fn longest_at(&self, text: &str, toks: &[Token], i: usize) -> Option<usize> {
        let mut memo = std::collections::HashMap::new();
        longest(&self.elems, 0, text, toks, i, &mut memo).filter(|&end| end > i)
    }

    /// Words one of which every match holds (in any case): the texts an element that
    /// must match at least once names, the first such element's. `None` when the
    /// pattern names none (`[{"LIKE_NUM": true}]`), so every line must be read.
    pub fn literals(&self) -> Option<Vec<String>> {
        let required = self.elems.iter().filter(|e| e.min > 0 && !e.negate);
        required.flat_map(|e| e.tests.iter()).find_map(|(a, c)| {
            let words: Vec<String> = match (a, c) {
                (Attr::Text, Cond::Str(v)) => vec![v.clone()],
                (Attr::Text, Cond::In(vs)) => vs.clone(),
                (Attr::Lower, Cond::Str(v)) => vec![v.clone()],
                (Attr::Lower, Cond::In(vs)) => vs.clone(),
                _ => return None,
            };
            // A search that ignores ASCII case only finds other cases of ASCII words.
            let folds = *a == Attr::Text || words.iter().all(|w| w.is_ascii());
            (folds && !words.is_empty() && words.iter().all(|w| !w.is_empty())).then_some(words)
        })
    }

    /// Whether a match can start at token `i` at all: a quick test before the search.
    pub fn may_start(&self, text: &str, toks: &[Token], i: usize) -> bool {
        match self.elems.first() {
            Some(e) if e.min > 0 => toks.get(i).is_some_and(|t| e.accepts(text, t)),
            _ => true,
        }
    }
}

/// The furthest end of a match of `elems[k..]` from token `pos`.
fn longest(
    elems: &[Elem],
    k: usize,
    text: &str,
    toks: &[Token],
    pos: usize,
    memo: &mut std::collections::HashMap<(usize, usize), Option<usize>>,
) -> Option<usize> {
    let Some(e) = elems.get(k) else {
        return Some(pos);
    };
    if let Some(&m) = memo.get(&(k, pos)) {
        return m;
    }
    // How many tokens in a row from `pos` this element accepts, up to its maximum.
    let mut run = 0;
    while run < e.max && toks.get(pos + run).is_some_and(|t| e.accepts(text, t)) {
        run += 1;
    }
    let mut best = None;
    if run >= e.min {
        for c in (e.min..=run).rev() {
            if let Some(end) = longest(elems, k + 1, text, toks, pos + c, memo) {
                best = best.max(Some(end));
            }
        }
    }
    memo.insert((k, pos), best);
    best
}

/// One test of one token's text.
fn test(a: Attr, c: &Cond, s: &str, is_word: bool) -> bool {
    match (a, c) {
        (Attr::Text, Cond::Str(v)) => s == v,
        (Attr::Text, Cond::In(vs)) => vs.iter().any(|v| v == s),
        (Attr::Text, Cond::NotIn(vs)) => !vs.iter().any(|v| v == s),
        (Attr::Lower, Cond::Str(v)) => eq_lower(s, v),
        (Attr::Lower, Cond::In(vs)) => vs.iter().any(|v| eq_lower(s, v)),
        (Attr::Lower, Cond::NotIn(vs)) => !vs.iter().any(|v| eq_lower(s, v)),
        (Attr::Length, c) => {
            let n = s.chars().count() as i64;
            match c {
                Cond::Cmp(op, v) => match op {
                    Cmp::Eq => n == *v,
                    Cmp::Ne => n != *v,
                    Cmp::Ge => n >= *v,
                    Cmp::Le => n <= *v,
                    Cmp::Gt => n > *v,
                    Cmp::Lt => n < *v,
                },
                Cond::InNum(vs) => vs.contains(&n),
                Cond::NotInNum(vs) => !vs.contains(&n),
                _ => false,
            }
        }
        (flag, Cond::Bool(want)) => flag_of(flag, s, is_word) == *want,
        _ => false,
    }
}

/// `s` in lower case equals `v` in lower case.
fn eq_lower(s: &str, v: &str) -> bool {
    s.chars()
        .flat_map(char::to_lowercase)
        .eq(v.chars().flat_map(char::to_lowercase))
}

/// A boolean attribute, as spaCy's lexical attributes define it for English.
fn flag_of(a: Attr, s: &str, is_word: bool) -> bool {
    let nonempty = !s.is_empty();
    match a {
        Attr::IsAlpha => nonempty && s.chars().all(char::is_alphabetic),
        Attr::IsAscii => s.is_ascii(),
        Attr::IsDigit => {
            nonempty
                && s.chars()
                    .all(|c| c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric()))
        }
        Attr::IsLower => s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase),
        Attr::IsUpper => s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase),
        Attr::IsTitle => is_title(s),
        Attr::IsPunct => !is_word && nonempty && s.chars().all(is_punct_char),
        Attr::IsSpace => false,
        Attr::LikeNum => like_num(s),
        Attr::Text | Attr::Lower | Attr::Length => false,
    }
}

/// Python's `str.istitle`: each run of letters starts upper case and goes on lower.
fn is_title(s: &str) -> bool {
    let mut cased = false;
    let mut prev_cased = false;
    for c in s.chars() {
        if c.is_uppercase() {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if c.is_lowercase() {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

/// Punctuation in Unicode's sense (general category P), not symbols such as `$` or `+`.
fn is_punct_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation() && !"$+<=>^`|~".contains(c);
    }
    matches!(c as u32,
        0xA1 | 0xA7 | 0xAB | 0xB6 | 0xB7 | 0xBB | 0xBF
        | 0x2010..=0x2027 | 0x2030..=0x2043 | 0x2045..=0x2051 | 0x2053..=0x205E
        | 0x3001..=0x3003 | 0x3008..=0x3011 | 0x3014..=0x301F
        | 0xFF01..=0xFF03 | 0xFF05..=0xFF0A | 0xFF0C..=0xFF0F | 0xFF1A | 0xFF1B | 0xFF1F | 0xFF20
        | 0x060C | 0x061B | 0x061F | 0x066A..=0x066D | 0x06D4)
}

/// Number words spaCy's English `like_num` knows.
const NUM_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "quadrillion",
    "gajillion",
    "bazillion",
];

/// Ordinal words spaCy's English `like_num` knows.
const ORDINALS: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
    "hundredth",
    "thousandth",
    "millionth",
    "billionth",
    "trillionth",
];

/// spaCy's English `like_num`: digits (with separators, a sign, a fraction), a number
/// word, an ordinal word or a digit ordinal ("21st").
fn like_num(s: &str) -> bool {
    let t = s.trim_start_matches(['+', '-', '±', '~']);
    let digits: String = t.chars().filter(|c| *c != ',' && *c != '.').collect();
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    if let Some((a, b)) = t.split_once('/')
        && !a.is_empty()
        && !b.is_empty()
        && a.chars().chain(b.chars()).all(|c| c.is_ascii_digit())
    {
        return true;
    }
    let lower = t.to_lowercase();
    if NUM_WORDS.contains(&lower.as_str()) || ORDINALS.contains(&lower.as_str()) {
        return true;
    }
    ["st", "nd", "rd", "th"].iter().any(|suf| {
        lower
            .strip_suffix(suf)
            .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_flags_follow_spacy() {
        assert!(like_num("5,200") && like_num("2.5") && like_num("ten") && like_num("21st"));
        assert!(like_num("3/4") && like_num("-5") && like_num("Million"));
        assert!(!like_num("G20") && !like_num("many"));
        assert!(
            is_title("Hello") && is_title("Al-Sadr") && !is_title("HELLO") && !is_title("hello")
        );
        assert!(is_punct_char(',') && is_punct_char('“') && is_punct_char('—'));
        assert!(!is_punct_char('$') && !is_punct_char('+'));
    }
}
