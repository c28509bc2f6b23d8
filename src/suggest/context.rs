//! A text read once for the rules that attribute speech (quotes and claims): its
//! paragraphs with their quotations, sentences and tokens, and every place a speaker
//! is named, so that "he said" can be traced to the last one named before it.

use super::prose::{self, Quoted, Tok};
use super::speaker::{self, Who};
use std::ops::Range;

/// One paragraph, read.
pub(super) struct Para {
    /// Its bytes.
    pub range: Range<usize>,
    /// Its quotations, in order.
    pub quotes: Vec<Quoted>,
    /// Its sentences, covering it.
    pub sentences: Vec<Range<usize>>,
    /// Its tokens.
    pub toks: Vec<Tok>,
}

impl Para {
    /// The index of the first token at or after byte `b`.
    pub fn tok_at(&self, b: usize) -> usize {
        self.toks.partition_point(|t| t.s < b)
    }

    /// The tokens of a sentence, as an index range.
    pub fn sentence_toks(&self, s: &Range<usize>) -> Range<usize> {
        self.tok_at(s.start)..self.tok_at(s.end)
    }

    /// Whether byte `b` is inside a quotation (its marks included).
    pub fn in_quote(&self, b: usize) -> bool {
        let i = self.quotes.partition_point(|q| q.outer.end <= b);
        self.quotes.get(i).is_some_and(|q| q.outer.start <= b)
    }
}

/// The text read for attribution.
pub(super) struct Context {
    /// Paragraphs that hold a quotation or a speech verb (the others attribute nothing).
    pub paras: Vec<Para>,
    /// Where speakers are named, sorted: subjects of speech verbs and names that open
    /// a sentence.
    pub mentions: Vec<Range<usize>>,
}

impl Context {
    /// Reads `text`.
    #[cfg(test)]
    pub fn read(text: &str) -> Self {
        Self::read_in(text, 0..text.len())
    }

    /// Reads the lines of `text[within]` (which starts and ends at a line break).
    pub fn read_in(text: &str, within: Range<usize>) -> Self {
        let mut paras = Vec::new();
        let mut mentions = Vec::new();
        let shift = |r: Range<usize>| r.start + within.start..r.end + within.start;
        for range in prose::paragraphs(&text[within.clone()]).map(shift) {
            let quotes = prose::quotations(text, range.clone());
            let toks = prose::tokens(text, range.clone());
            let speech = toks.iter().any(|t| {
                t.word
                    && (speaker::is_say(t.text(text))
                        || t.text(text).eq_ignore_ascii_case("according"))
            });
            if quotes.is_empty() && !speech {
                // Still a sentence-opening name may be whom a later "he" means.
                if let Some((Who::Named(r), _)) = speaker::phrase_after(text, &toks, 0)
                    && is_full_name(text, &toks, &r)
                {
                    mentions.push(r);
                }
                continue;
            }
            let sentences = prose::sentences(text, range.clone(), &quotes);
            let para = Para {
                range,
                quotes,
                sentences,
                toks,
            };
            for s in &para.sentences {
                let t = para.sentence_toks(s);
                if let Some((Who::Named(r), _)) = speaker::phrase_after(text, &para.toks, t.start)
                    && r.end <= s.end
                    && is_full_name(text, &para.toks, &r)
                {
                    mentions.push(r);
                }
                for v in t.clone() {
                    let tok = para.toks[v];
                    if tok.word
                        && speaker::is_say(tok.text(text))
                        && !para.in_quote(tok.s)
                        && let Some(Who::Named(r)) =
                            speaker::subject_before(text, &para.toks, v, t.start)
                    {
                        mentions.push(r);
                    }
                }
            }
            paras.push(para);
        }
        mentions.sort_by_key(|r| (r.start, r.end));
        mentions.dedup();
        Context { paras, mentions }
    }

    /// The contexts of consecutive pieces of one text as one.
    pub fn join(parts: Vec<Context>) -> Self {
        let mut out = Context {
            paras: Vec::new(),
            mentions: Vec::new(),
        };
        for p in parts {
            out.paras.extend(p.paras);
            out.mentions.extend(p.mentions);
        }
        out
    }

    /// The speaker a rule found, with "he" and "the statement" traced to the last
    /// name before `at`.
    pub fn resolve(&self, who: Who, at: usize) -> Option<Range<usize>> {
        match who {
            Who::Named(r) => Some(r),
            Who::Earlier => self.last_before(at),
            Who::Described(r) => self.last_before(r.start).or(Some(r)),
        }
    }
}

impl Context {
    /// The last name mentioned before byte `at`.
    fn last_before(&self, at: usize) -> Option<Range<usize>> {
        let i = self.mentions.partition_point(|m| m.end <= at);
        i.checked_sub(1).map(|i| self.mentions[i].clone())
    }
}

/// A name of two capitalised words or more ("Qais al-Khazali"): one that opens a
/// sentence is likely its subject; one word ("Long opposed …") is too often not.
fn is_full_name(text: &str, toks: &[Tok], r: &Range<usize>) -> bool {
    let i = toks.partition_point(|t| t.s < r.start);
    let j = toks.partition_point(|t| t.s < r.end);
    toks[i..j]
        .iter()
        .filter(|t| speaker::namey(t.text(text)))
        .count()
        >= 2
        && !text[r.clone()].split_whitespace().next().is_some_and(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "the" | "a" | "an" | "in" | "on" | "at"
            )
        })
}
