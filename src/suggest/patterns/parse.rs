//! One line of a pattern file: `{"label": …, "pattern": "phrase" | [token, …], "id": …}`,
//! as spaCy's `EntityRuler`/`SpanRuler` and Prodigy's `--patterns` read it. What is
//! wrong with a line is said in words; the caller adds the file and line number.

use super::token::{Attr, Cmp, Cond, Elem, TokenPattern};
use serde_json::{Map, Value};

/// What a line asks to find.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Kind {
    /// An exact phrase, matched on word boundaries.
    Phrase(String),
    /// A sequence of token specs.
    Tokens(TokenPattern),
}

/// One pattern line.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Line {
    /// The label it gives.
    pub label: String,
    /// What it finds.
    pub kind: Kind,
}

/// Token attributes that need a trained pipeline, which sourcemark does not run.
const NEEDS_MODEL: &[&str] = &[
    "POS",
    "TAG",
    "MORPH",
    "DEP",
    "LEMMA",
    "ENT_TYPE",
    "ENT_IOB",
    "ENT_ID",
    "ENT_KB_ID",
    "IS_SENT_START",
    "SENT_START",
    "IS_STOP",
    "SHAPE",
    "LIKE_URL",
    "LIKE_EMAIL",
    "SPACY",
    "NORM_",
    "_",
];

/// The token attributes this reader knows.
pub(super) const SUPPORTED: &str = "ORTH, TEXT, LOWER, NORM, LENGTH, IS_ALPHA, IS_ASCII, \
    IS_DIGIT, IS_LOWER, IS_UPPER, IS_TITLE, IS_PUNCT, IS_SPACE, LIKE_NUM and OP";

/// Reads one line; `Ok(None)` for a blank one.
pub(super) fn line(text: &str) -> Result<Option<Line>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let v: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let Value::Object(obj) = v else {
        return Err("a pattern line is a JSON object with \"label\" and \"pattern\"".into());
    };
    let label = match obj.get("label") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        Some(_) => return Err("\"label\" must be a non-empty string".into()),
        None => return Err("no \"label\"".into()),
    };
    let kind = match obj.get("pattern") {
        Some(Value::String(s)) if !s.trim().is_empty() => Kind::Phrase(s.clone()),
        Some(Value::String(_)) => return Err("the phrase pattern is empty".into()),
        Some(Value::Array(items)) => Kind::Tokens(tokens(items)?),
        Some(_) => {
            return Err("\"pattern\" must be a string (a phrase) or a list of token specs".into());
        }
        None => return Err("no \"pattern\"".into()),
    };
    Ok(Some(Line { label, kind }))
}

fn tokens(items: &[Value]) -> Result<TokenPattern, String> {
    if items.is_empty() {
        return Err("the token pattern is empty".into());
    }
    let mut elems = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Value::Object(spec) = item else {
            return Err(format!(
                "token {}: a token spec is a JSON object, like {{\"LOWER\": \"said\"}}",
                i + 1
            ));
        };
        elems.push(elem(spec).map_err(|e| format!("token {}: {e}", i + 1))?);
    }
    if elems.iter().all(|e| e.min == 0) {
        return Err("every token is optional, so the pattern would match nothing".into());
    }
    Ok(TokenPattern { elems })
}

fn elem(spec: &Map<String, Value>) -> Result<Elem, String> {
    let mut e = Elem {
        tests: Vec::new(),
        min: 1,
        max: 1,
        negate: false,
    };
    for (key, value) in spec {
        if key == "OP" {
            let Value::String(op) = value else {
                return Err("OP must be a string: !, ?, +, *, {n}, {n,m}, {n,} or {,m}".into());
            };
            (e.min, e.max, e.negate) = op_of(op)?;
            continue;
        }
        let upper = key.to_uppercase();
        let attr = match upper.as_str() {
            "ORTH" | "TEXT" => Attr::Text,
            "LOWER" | "NORM" => Attr::Lower,
            "LENGTH" => Attr::Length,
            "IS_ALPHA" => Attr::IsAlpha,
            "IS_ASCII" => Attr::IsAscii,
            "IS_DIGIT" => Attr::IsDigit,
            "IS_LOWER" => Attr::IsLower,
            "IS_UPPER" => Attr::IsUpper,
            "IS_TITLE" => Attr::IsTitle,
            "IS_PUNCT" => Attr::IsPunct,
            "IS_SPACE" => Attr::IsSpace,
            "LIKE_NUM" => Attr::LikeNum,
            k if NEEDS_MODEL.contains(&k) || k.starts_with('_') => {
                return Err(format!(
                    "{key} needs a trained spaCy pipeline; sourcemark matches on the text alone ({SUPPORTED})"
                ));
            }
            _ => {
                return Err(format!(
                    "unknown token attribute {key:?} (known: {SUPPORTED})"
                ));
            }
        };
        e.tests.push((attr, cond(attr, key, value)?));
    }
    Ok(e)
}

/// An operator as (fewest, most, negated).
fn op_of(op: &str) -> Result<(usize, usize, bool), String> {
    let bad = || format!("unknown OP {op:?}: use !, ?, +, *, {{n}}, {{n,m}}, {{n,}} or {{,m}}");
    Ok(match op {
        "!" => (1, 1, true),
        "?" => (0, 1, false),
        "+" => (1, usize::MAX, false),
        "*" => (0, usize::MAX, false),
        "1" => (1, 1, false),
        _ => {
            let inner = op
                .strip_prefix('{')
                .and_then(|s| s.strip_suffix('}'))
                .ok_or_else(bad)?;
            let num = |s: &str| s.trim().parse::<usize>().map_err(|_| bad());
            match inner.split_once(',') {
                None => {
                    let n = num(inner)?;
                    (n, n, false)
                }
                Some((a, b)) => {
                    let lo = if a.trim().is_empty() { 0 } else { num(a)? };
                    let hi = if b.trim().is_empty() {
                        usize::MAX
                    } else {
                        num(b)?
                    };
                    if lo > hi {
                        return Err(format!("OP {op:?} asks for at least {lo} and at most {hi}"));
                    }
                    (lo, hi, false)
                }
            }
        }
    })
}

fn cond(attr: Attr, key: &str, v: &Value) -> Result<Cond, String> {
    let strings = |list: &Value| -> Result<Vec<String>, String> {
        match list {
            Value::Array(xs) => xs
                .iter()
                .map(|x| {
                    x.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| format!("{key}: the list must hold strings"))
                })
                .collect(),
            _ => Err(format!("{key}: IN and NOT_IN take a list")),
        }
    };
    let ints = |list: &Value| -> Result<Vec<i64>, String> {
        match list {
            Value::Array(xs) => xs
                .iter()
                .map(|x| {
                    x.as_i64()
                        .ok_or_else(|| format!("{key}: the list must hold whole numbers"))
                })
                .collect(),
            _ => Err(format!("{key}: IN and NOT_IN take a list")),
        }
    };
    match attr {
        Attr::Text | Attr::Lower => match v {
            Value::String(s) => Ok(Cond::Str(s.clone())),
            Value::Object(m) => one_op(key, m, |op, x| match op {
                "IN" => strings(x).map(Cond::In),
                "NOT_IN" => strings(x).map(Cond::NotIn),
                "==" => x
                    .as_str()
                    .map(|s| Cond::Str(s.to_owned()))
                    .ok_or_else(|| format!("{key}: == takes a string")),
                "REGEX" | "FUZZY" => Err(format!(
                    "{key}: {op} is not supported; use IN or list the words"
                )),
                other => Err(format!("{key}: unknown operator {other:?} (IN, NOT_IN)")),
            }),
            _ => Err(format!("{key} takes a string")),
        },
        Attr::Length => match v {
            Value::Number(n) => n
                .as_i64()
                .map(|n| Cond::Cmp(Cmp::Eq, n))
                .ok_or_else(|| format!("{key} takes a whole number")),
            Value::Object(m) => one_op(key, m, |op, x| {
                let num = || {
                    x.as_i64()
                        .ok_or_else(|| format!("{key}: {op} takes a whole number"))
                };
                match op {
                    "IN" => ints(x).map(Cond::InNum),
                    "NOT_IN" => ints(x).map(Cond::NotInNum),
                    "==" => Ok(Cond::Cmp(Cmp::Eq, num()?)),
                    "!=" => Ok(Cond::Cmp(Cmp::Ne, num()?)),
                    ">=" => Ok(Cond::Cmp(Cmp::Ge, num()?)),
                    "<=" => Ok(Cond::Cmp(Cmp::Le, num()?)),
                    ">" => Ok(Cond::Cmp(Cmp::Gt, num()?)),
                    "<" => Ok(Cond::Cmp(Cmp::Lt, num()?)),
                    other => Err(format!("{key}: unknown operator {other:?}")),
                }
            }),
            _ => Err(format!("{key} takes a whole number")),
        },
        _ => match v {
            Value::Bool(b) => Ok(Cond::Bool(*b)),
            _ => Err(format!("{key} takes true or false")),
        },
    }
}

/// A `{"OP": value}` object of exactly one operator.
fn one_op(
    key: &str,
    m: &Map<String, Value>,
    f: impl Fn(&str, &Value) -> Result<Cond, String>,
) -> Result<Cond, String> {
    let mut it = m.iter();
    match (it.next(), it.next()) {
        (Some((op, x)), None) => f(op, x),
        _ => Err(format!(
            "{key}: give one operator, like {{\"IN\": [\"a\", \"b\"]}}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_read_as_phrases_or_token_specs_and_faults_are_named() {
        let l = line(r#"{"label": "source", "pattern": "Muqtada al-Sadr"}"#)
            .unwrap()
            .unwrap();
        assert_eq!(l.kind, Kind::Phrase("Muqtada al-Sadr".into()));
        let l = line(r#"{"label": "GPE", "pattern": [{"LOWER": "san"}, {"LOWER": "francisco"}], "id": "sf"}"#)
            .unwrap()
            .unwrap();
        assert!(matches!(l.kind, Kind::Tokens(ref t) if t.elems.len() == 2));
        assert_eq!(line("   ").unwrap(), None);
        let err = |s: &str| line(s).unwrap_err();
        assert!(err("{oops").starts_with("not JSON"));
        assert_eq!(err(r#"{"pattern": "x"}"#), "no \"label\"");
        assert!(
            err(r#"{"label": "x", "pattern": [{"POS": "NOUN"}]}"#)
                .contains("POS needs a trained spaCy pipeline")
        );
        assert!(
            err(r#"{"label": "x", "pattern": [{"LOWER": "a", "OP": "%"}]}"#)
                .contains("unknown OP \"%\"")
        );
        assert!(
            err(r#"{"label": "x", "pattern": [{"LOWER": "a"}, {"SHOUT": true}]}"#)
                .starts_with("token 2: unknown token attribute \"SHOUT\"")
        );
        assert!(
            err(r#"{"label": "x", "pattern": [{"OP": "*"}]}"#).contains("every token is optional")
        );
        assert_eq!(op_of("{2,3}").unwrap(), (2, 3, false));
        assert_eq!(op_of("{,3}").unwrap(), (0, 3, false));
        assert_eq!(op_of("{2,}").unwrap(), (2, usize::MAX, false));
        assert!(op_of("{3,2}").is_err());
    }
}
