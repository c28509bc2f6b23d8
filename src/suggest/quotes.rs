//! The quote rule: text between quotation marks, with its speaker.
//!
//! The speaker is looked for where news prose puts it: right after the quotation
//! ("…,” said Karim Jassim; "…,” Karim Jassim, a teacher, said), right before it
//! (Umm Hussein said: “…”; he told reporters, “…”), "according to X" in the sentence,
//! the subject of a speech verb elsewhere in the sentence (Shamkhani hailed the rally
//! as “historic”), a sentence before that ends in a colon, or a next sentence that
//! begins with the attribution. "he", "she" and "the statement" are traced to the last
//! name before them. A quotation of three words or more is suggested with or without a
//! speaker; a shorter one ("historic") only with one, since a lone quoted word with no
//! one saying it is more often a title or a scare quote than speech. A quotation
//! split by its attribution ("…,” he said, “…”) is one quote of two ranges.

use super::context::{Context, Para};
use super::prose::{Quoted, Tok};
use super::speaker::{self, Who};
use super::{Found, Priority};
use crate::model::{Attributes, LabelKind};
use std::ops::Range;

/// Words a quotation needs to be suggested without a speaker.
const MIN_WORDS_ALONE: usize = 3;

/// The quotes of a text read into `cx`.
pub(super) fn find(text: &str, cx: &Context) -> Vec<Found> {
    let mut out = Vec::new();
    for (pi, para) in cx.paras.iter().enumerate() {
        let mut skip_next = false;
        for (qi, q) in para.quotes.iter().enumerate() {
            if std::mem::take(&mut skip_next) {
                continue;
            }
            let Some(inner) = trimmed(text, q) else {
                continue;
            };
            let Some(si) = para
                .sentences
                .iter()
                .position(|s| s.start <= q.outer.start && q.outer.start < s.end)
            else {
                continue;
            };
            let sentence = para.sentences[si].clone();
            let st = para.sentence_toks(&sentence);
            let open = para.tok_at(q.outer.start);
            let close = para.tok_at(q.outer.end);
            let mut ranges = vec![inner.clone()];
            let mut who = None;
            if let Some((w, end)) = after_quote(text, &para.toks, close, st.end) {
                who = Some(w);
                // "…,” he said, “…”: the second part is the same quote.
                if let Some(next) = para.quotes.get(qi + 1)
                    && split_by(text, para, q, end, next)
                    && let Some(second) = trimmed(text, next)
                {
                    ranges.push(second);
                    skip_next = true;
                }
            }
            who = who
                .or_else(|| before_quote(text, &para.toks, st.start, open))
                .or_else(|| {
                    let toks = &para.toks[st.clone()];
                    speaker::according_to(text, toks)
                        .filter(|(_, i, _)| !para.in_quote(toks[*i].s))
                        .map(|(w, _, _)| w)
                })
                .or_else(|| in_sentence(text, para, st.clone()));
            // A quotation that opens its paragraph: the paragraph before may end "…
            // said:"; one that is its sentence: the next may begin "Sadr said …".
            let first = text[para.range.start..q.outer.start].trim().is_empty();
            if who.is_none() && first && pi > 0 {
                let prev = &cx.paras[pi - 1];
                let adjacent = text[prev.range.end..para.range.start].trim().is_empty();
                if adjacent && prev.toks.last().is_some_and(|t| t.text(text) == ":") {
                    let floor = prev.sentences.last().map_or(0, |s| prev.tok_at(s.start));
                    who = before_quote(text, &prev.toks, floor, prev.toks.len());
                }
            }
            let whole = text[sentence.start..q.outer.start].trim().is_empty();
            if who.is_none() && whole && si + 1 < para.sentences.len() {
                let next = para.sentence_toks(&para.sentences[si + 1]);
                who = after_quote(text, &para.toks, next.start, next.end)
                    .filter(|_| starts_with_attribution(text, &para.toks, next.start))
                    .map(|(w, _)| w);
            }
            let speaker = who.and_then(|w| cx.resolve(w, q.outer.start));
            let words = ranges.iter().map(|r| words_in(text, r)).sum::<usize>();
            if words == 0
                || (words < MIN_WORDS_ALONE && speaker.is_none())
                || is_name(text, &ranges)
            {
                continue;
            }
            out.push(Found {
                kind: LabelKind::Quote,
                ranges,
                attrs: Attributes::default(),
                rule: "quote",
                priority: Priority::High,
                speaker,
            });
        }
    }
    out
}

/// The quotation's text: inside the marks, without white space at its ends and
/// without the comma or full stop that belongs to the sentence around it.
fn trimmed(text: &str, q: &Quoted) -> Option<Range<usize>> {
    let inner = &text[q.inner.clone()];
    let lead = inner.len() - inner.trim_start().len();
    let body = inner
        .trim_start()
        .trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == '.');
    // "…" is the speaker's, but a trailing ellipsis written as dots was cut above.
    (!body.is_empty()).then(|| q.inner.start + lead..q.inner.start + lead + body.len())
}

/// A quoted name or title ("Ashab al-Kahf", "Millions of Responses"): at most five
/// words, each capitalised but for joining words, no sentence punctuation.
fn is_name(text: &str, ranges: &[Range<usize>]) -> bool {
    let [r] = ranges else {
        return false;
    };
    let s = &text[r.clone()];
    let words: Vec<&str> = s.split_whitespace().collect();
    words.len() <= 5
        && !s.ends_with(['!', '?', ','])
        && words.iter().any(|w| w.starts_with(char::is_uppercase))
        && words.iter().all(|w| {
            speaker::namey(w)
                || matches!(*w, "of" | "the" | "and" | "for" | "de" | "al" | "in" | "on")
        })
}

fn words_in(text: &str, r: &Range<usize>) -> usize {
    text[r.clone()]
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The attribution right after a closing mark at token `i` (before `end`): "said X",
/// "X said", "X, a teacher, said", "X told reporters". The speaker and the token after
/// the attribution.
pub(super) fn after_quote(
    text: &str,
    toks: &[Tok],
    mut i: usize,
    end: usize,
) -> Option<(Who, usize)> {
    if i < end && matches!(toks[i].text(text), "," | "—" | "–") {
        i += 1;
    }
    if i >= end {
        return None;
    }
    if speaker::is_say(toks[i].text(text)) {
        let (who, j) = speaker::phrase_after(text, toks, i + 1)?;
        return (j <= end).then_some((who, j));
    }
    let (who, mut j) = speaker::phrase_after(text, toks, i)?;
    if j < end && toks[j].text(text) == "," {
        // An apposition: "Karim Jassim, a teacher, said".
        let close = (j + 1..end.min(j + 14)).find(|&k| toks[k].text(text) == ",")?;
        j = close + 1;
    }
    while j < end && speaker::is_when(toks[j].text(text)) {
        j += 1;
    }
    (j < end && speaker::is_say(toks[j].text(text))).then_some((who, j + 1))
}

/// Whether the sentence at token `i` opens with an attribution: a speech verb within
/// its first six tokens.
fn starts_with_attribution(text: &str, toks: &[Tok], i: usize) -> bool {
    toks[i..]
        .iter()
        .take(6)
        .any(|t| t.word && speaker::is_say(t.text(text)))
}

/// The attribution right before an opening mark at token `open` (not before
/// `floor`): "X said: “", "X told reporters, “", "X said that “".
pub(super) fn before_quote(text: &str, toks: &[Tok], floor: usize, open: usize) -> Option<Who> {
    let mut k = open;
    let mut skipped = 0;
    while k > floor && skipped < 2 && matches!(toks[k - 1].text(text), ":" | "," | "that" | "—") {
        k -= 1;
        skipped += 1;
    }
    // Up to five words back (an object, a time: "told reporters on Friday:").
    let v = (k.saturating_sub(6).max(floor)..k)
        .rev()
        .take_while(|&j| toks[j].word)
        .find(|&j| speaker::is_say(toks[j].text(text)))?;
    speaker::subject_before(text, toks, v, floor)
}

/// The subject of the first speech verb of the sentence outside its quotations.
fn in_sentence(text: &str, para: &Para, st: Range<usize>) -> Option<Who> {
    st.clone()
        .filter(|&v| {
            let t = para.toks[v];
            t.word && speaker::is_say(t.text(text)) && !para.in_quote(t.s)
        })
        .find_map(|v| speaker::subject_before(text, &para.toks, v, st.start))
}

/// Whether `next` continues quotation `q`: `q` ends without a full stop and `next`
/// opens right after the attribution that ends at token `end` and a comma.
fn split_by(text: &str, para: &Para, q: &Quoted, end: usize, next: &Quoted) -> bool {
    let inner = text[q.inner.clone()].trim_end();
    let open_sentence = !inner.ends_with(['.', '!', '?']);
    let comma = para.toks.get(end).is_some_and(|t| t.text(text) == ",");
    let opens = para
        .toks
        .get(end + 1)
        .is_some_and(|t| t.s == next.outer.start);
    open_sentence && comma && opens
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (quote texts joined by " | ", speaker) for each quote found.
    fn quotes(t: &str) -> Vec<(String, Option<String>)> {
        let cx = Context::read(t);
        find(t, &cx)
            .into_iter()
            .map(|f| {
                let q: Vec<&str> = f.ranges.iter().map(|r| &t[r.clone()]).collect();
                (q.join(" | "), f.speaker.map(|r| t[r].to_owned()))
            })
            .collect()
    }

    fn one(t: &str) -> (String, Option<String>) {
        let mut q = quotes(t);
        assert_eq!(q.len(), 1, "{q:?}");
        q.remove(0)
    }

    #[test]
    fn the_speaker_comes_from_each_common_attribution() {
        let cases = [
            (
                "“We will not leave,” said Karim Jassim, a teacher.",
                "Karim Jassim",
            ),
            ("“We will not leave,” Karim Jassim said.", "Karim Jassim"),
            (
                "“We will not leave,” Karim Jassim, a teacher, said.",
                "Karim Jassim",
            ),
            (
                "Umm Hussein said: “We will not leave this square.”",
                "Umm Hussein",
            ),
            (
                "The envoy told reporters, “There is no real engagement.”",
                "The envoy",
            ),
            (
                "“Troops will stay for now,” according to the defence ministry.",
                "the defence ministry",
            ),
            (
                "Ali Shamkhani hailed the rally as “historic” on Friday.",
                "Ali Shamkhani",
            ),
            ("Sadr wrote on Twitter: “Get out, occupier!”", "Sadr"),
            ("“The people have spoken,” police said.", "police"),
        ];
        for (t, who) in cases {
            assert_eq!(one(t).1.as_deref(), Some(who), "{t}");
        }
    }

    #[test]
    fn wire_copy_attributions_name_their_speakers() {
        let cases = [
            (
                "“It’s a disaster,” said Maria Lopez, 54, a nurse from Madrid.",
                "Maria Lopez",
            ),
            (
                "\"We are not going anywhere,\" Prime Minister Boris Johnson told reporters on Tuesday.",
                "Prime Minister Boris Johnson",
            ),
            (
                "The company said in a statement: \"Profits rose sharply in the quarter.\"",
                "The company",
            ),
            (
                "“Nobody expected this,” a spokeswoman for the ministry said.",
                "a spokeswoman for the ministry",
            ),
        ];
        for (t, who) in cases {
            assert_eq!(one(t).1.as_deref(), Some(who), "{t}");
        }
    }

    #[test]
    fn he_said_names_the_last_speaker_and_a_split_quote_is_one() {
        let t = "Qais al-Khazali, a Hashd commander, endorsed the rally.\n\n\
                 “To Trump, the fool,” he tweeted, “you will be ousted.”";
        let (q, who) = one(t);
        assert_eq!(q, "To Trump, the fool | you will be ousted");
        assert_eq!(who.as_deref(), Some("Qais al-Khazali"));
    }

    #[test]
    fn short_quotations_need_a_speaker_and_long_ones_do_not() {
        assert!(quotes("Critics call it a “reform” of sorts.").is_empty());
        assert!(
            quotes("A group called “Ashab al-Kahf” claimed the attack, officials said.").is_empty()
        );
        let (q, who) = one("Some waved signs reading “Death to America” in the square.");
        assert_eq!((q.as_str(), who), ("Death to America", None));
        // Apostrophes are no quotation marks; single quotes are.
        let (q, _) = one("Iran’s leader said the 'praiseworthy' rally was Iraqis' own.");
        assert_eq!(q, "praiseworthy");
    }

    #[test]
    fn a_colon_before_and_an_attribution_after_count_across_sentences() {
        let (q, who) =
            one("Muqtada al-Sadr posted a message on Friday. He wrote:\n\n“We will never leave.”");
        assert_eq!(
            (q.as_str(), who.as_deref()),
            ("We will never leave", Some("Muqtada al-Sadr"))
        );
        let t = "Hadi al-Ameri spoke at the rally. “We will follow the path of the martyrs.” Al-Ameri said it twice.";
        let (q, who) = one(t);
        assert_eq!(q, "We will follow the path of the martyrs");
        assert_eq!(who.as_deref(), Some("Al-Ameri"));
    }
}
