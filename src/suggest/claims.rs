//! The claim rule: statements in reported speech, attributed like quotes but at a
//! lower priority (a rule can tell where a statement is reported, not whether it is
//! worth checking).
//!
//! Read per sentence, outside its quotations: "X said (on Friday) that …", "X said
//! more than 2.5 million took part", "X told reporters that …", "according to X, …",
//! "…, according to X." and "…, X said." A claim is the reported clause, of four words
//! or more, to the end of its sentence; a clause that is one quotation is the quote
//! rule's.

use super::context::{Context, Para};
use super::prose::Tok;
use super::speaker::{self, Who};
use super::{Found, Priority};
use crate::model::{Attributes, LabelKind};
use std::ops::Range;

/// Words a reported clause needs.
const MIN_WORDS: usize = 4;

/// Words that cannot open a reported clause right after the verb: "said in a
/// statement" reports nothing itself.
const NOT_CLAUSE: &[&str] = &[
    "in", "on", "at", "to", "for", "with", "during", "after", "before", "as", "by", "of", "from",
    "about", "and", "but", "or", "so", "while", "when", "if", "than", "via",
];

/// The claims of a text read into `cx`.
pub(super) fn find(text: &str, cx: &Context) -> Vec<Found> {
    let mut out = Vec::new();
    for para in &cx.paras {
        for s in &para.sentences {
            let st = para.sentence_toks(s);
            if st.is_empty() || mostly_quoted(text, para, s) {
                continue;
            }
            let Some((who, clause)) = reported(text, para, st.clone()) else {
                continue;
            };
            let clause = first_statement(text, para, clause);
            let Some(clause) = clause_bytes(text, para, clause) else {
                continue;
            };
            let speaker = cx.resolve(who, clause.start);
            out.push(Found {
                kind: LabelKind::Claim,
                ranges: vec![clause],
                attrs: Attributes::default(),
                rule: "claim",
                priority: Priority::Low,
                speaker,
            });
        }
    }
    out
}

/// Whether quotations make up most of a sentence.
fn mostly_quoted(text: &str, para: &Para, s: &Range<usize>) -> bool {
    let quoted: usize = para
        .quotes
        .iter()
        .filter(|q| q.outer.start >= s.start && q.outer.end <= s.end)
        .map(|q| q.outer.len())
        .sum();
    quoted * 2 > text[s.clone()].trim().len()
}

/// The speaker and the clause's tokens of a reported statement in the sentence `st`.
fn reported(text: &str, para: &Para, st: Range<usize>) -> Option<(Who, Range<usize>)> {
    let toks = &para.toks;
    let w = |i: usize| toks[i].text(text);
    // "according to X, …" and "…, according to X."
    if let Some((who, at, end)) = speaker::according_to(text, &toks[st.clone()]) {
        let (at, end) = (st.start + at, st.start + end);
        if at == st.start && end < st.end && w(end) == "," {
            return Some((who, end + 1..st.end));
        }
        if at > st.start && w(at - 1) == "," {
            return Some((who, st.start..at - 1));
        }
    }
    // "…, X said." / "…, said X."
    if let Some(c) = (st.start..st.end).rev().find(|&i| w(i) == ",")
        && c > st.start
        && let Some((who, end)) = super::quotes::after_quote(text, toks, c + 1, st.end)
        && (end..st.end).all(|i| !toks[i].word || speaker::is_when(w(i)) || is_tail(w(i)))
        && !para.in_quote(toks[st.start].s)
    {
        return Some((who, st.start..c));
    }
    // "X said (…) that …", "X said more than …".
    let v = (st.clone())
        .find(|&i| toks[i].word && speaker::is_state(w(i)) && !para.in_quote(toks[i].s))?;
    let who = speaker::subject_before(text, toks, v, st.start)?;
    let mut i = v + 1;
    if matches!(w(v).to_lowercase().as_str(), "told" | "tells") {
        // The one told: "told reporters", "told AFP".
        i = speaker::phrase_after(text, toks, i).map_or(i, |(_, j)| j);
    }
    if let Some(that) = (i..st.end.min(i + 12)).find(|&j| w(j).eq_ignore_ascii_case("that")) {
        let plain = (i..that).all(|j| toks[j].word || w(j) == ",");
        if plain {
            return Some((who, that + 1..st.end));
        }
    }
    while i < st.end && speaker::is_when(w(i)) {
        i += 1;
    }
    let opens = i < st.end
        && toks[i].word
        && !speaker::is_in_list(NOT_CLAUSE, w(i))
        && !speaker::is_say(w(i));
    opens.then_some((who, i..st.end))
}

/// The clause up to a second statement joined to it ("…, but the envoy said …"),
/// which is a claim of its own.
fn first_statement(text: &str, para: &Para, t: Range<usize>) -> Range<usize> {
    let w = |i: usize| para.toks[i].text(text);
    for i in t.clone() {
        let joins = matches!(w(i), ";") || speaker::is_in_list(&["but", "while", "whereas"], w(i));
        if joins
            && i > t.start
            && (i + 1..t.end).any(|j| speaker::is_say(w(j)) && !para.in_quote(para.toks[j].s))
        {
            let end = if i > t.start && w(i - 1) == "," {
                i - 1
            } else {
                i
            };
            return t.start..end;
        }
    }
    t
}

/// Words that may end "…, X said" after the verb: "on Friday", "in a statement".
fn is_tail(w: &str) -> bool {
    speaker::is_in_list(
        &[
            "on",
            "in",
            "a",
            "an",
            "the",
            "his",
            "her",
            "their",
            "its",
            "statement",
            "interview",
            "tweet",
            "post",
            "speech",
            "sermon",
            "message",
            "told",
            "reporters",
        ],
        w,
    )
}

/// The clause as bytes: from its first token to the sentence's end, without the final
/// full stop, when it has enough words and is not one quotation.
fn clause_bytes(text: &str, para: &Para, t: Range<usize>) -> Option<Range<usize>> {
    let toks: &[Tok] = &para.toks[t.clone()];
    let first = toks.first()?;
    if !first.word {
        return None;
    }
    let last = toks
        .iter()
        .rposition(|k| k.word || !matches!(k.text(text), "." | "," | ";" | ":"))?;
    let r = first.s..toks[last].e;
    let words = toks[..=last].iter().filter(|k| k.word).count();
    let one_quote = para
        .quotes
        .iter()
        .any(|q| q.outer.start <= r.start && r.end <= q.outer.end);
    (words >= MIN_WORDS && !one_quote).then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(t: &str) -> Vec<(String, Option<String>)> {
        let cx = Context::read(t);
        find(t, &cx)
            .into_iter()
            .map(|f| {
                (
                    t[f.ranges[0].clone()].to_owned(),
                    f.speaker.map(|r| t[r].to_owned()),
                )
            })
            .collect()
    }

    #[test]
    fn reported_statements_are_claims_with_their_speaker() {
        let cases = [
            (
                "Sayed Sadiq al-Hashemi, the director of the centre, said more than 2.5 million took part on Friday.",
                "more than 2.5 million took part on Friday",
                "Sayed Sadiq al-Hashemi",
            ),
            (
                "Ayatollah Ali al-Sistani said in his weekly sermon on Friday that Iraqis had a right to protest.",
                "Iraqis had a right to protest",
                "Ayatollah Ali al-Sistani",
            ),
            (
                "According to the defence ministry, 5,200 troops remain in the country.",
                "5,200 troops remain in the country",
                "the defence ministry",
            ),
            (
                "The strike violated the mandate of the coalition, Iraq said on Sunday.",
                "The strike violated the mandate of the coalition",
                "Iraq",
            ),
            (
                "The envoy told reporters that there was no real engagement.",
                "there was no real engagement",
                "The envoy",
            ),
        ];
        for (t, claim, who) in cases {
            assert_eq!(
                claims(t),
                vec![(claim.to_owned(), Some(who.to_owned()))],
                "{t}"
            );
        }
    }

    #[test]
    fn no_claim_without_a_reported_clause() {
        assert!(claims("The ministry said in a statement.").is_empty());
        assert!(claims("“We will not leave this square at all,” he said.").is_empty());
        assert!(claims("Crowds gathered in the square on Friday.").is_empty());
        assert_eq!(
            claims(
                "Baghdad said it wanted to discuss a timeline, but the envoy said there was none."
            )[0]
            .0,
            "it wanted to discuss a timeline"
        );
    }
}
