//! Shared passages: text that two documents have in common, word for word or nearly
//! (outlets reusing agency copy, or each other's). Reuse inside one document is not
//! reported.
//!
//! The approach is passim's (Smith, Cordell and Mullen, 2015), on words: each text is
//! cut into UAX #29 words, normalised so that case, quotes, dashes and abbreviation
//! dots do not matter ([`tokens`]); runs of `ngram` words are hashed into shingles and
//! winnowed to a sample ([`fingerprints`]); an inverted index of the samples pairs up
//! places where two documents share one, leaving out shingles found in too many
//! documents, which are boilerplate ([`seeds`]); each seed is then grown both ways with
//! an alignment that steps over a changed, dropped or added word ([`extend`]), and
//! overlapping growths are merged ([`align`]). Passages shorter than
//! [`Params::min_words`] are dropped, and so are those made mostly of boilerplate
//! (a passage that holds a stock phrase is kept whole).
//!
//! Offsets are chars, end-exclusive, in each document's text, as everywhere else.

mod align;
pub mod carry;
mod extend;
mod fingerprints;
mod seeds;
mod tokens;

use crate::model::DocId;
use crate::workspace::Workspace;
use serde::Serialize;

/// What counts as a shared passage, and how hard to look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    /// The shortest passage reported, in words (of its shorter side).
    pub min_words: usize,
    /// Words in a shingle. Fewer make more seeds to check; more miss passages broken
    /// up by changed words.
    pub ngram: usize,
    /// Winnowing window, in shingles: every exact run of `window + ngram - 1` words
    /// two documents share is seeded (the window shrinks so that this is at most
    /// `min_words`).
    pub window: usize,
    /// A shingle found in more documents than this is boilerplate (a footer, a
    /// by-line) and seeds nothing. passim's default.
    pub max_docs: usize,
    /// The most words stepped over at once inside a passage: 1 on each side for a
    /// changed word, 1 on one side for a dropped one.
    pub max_gap: usize,
    /// The most words stepped over within any `edit_window` words of a passage.
    pub max_edits: usize,
    /// See `max_edits`.
    pub edit_window: usize,
}

impl Default for Params {
    fn default() -> Self {
        Self {
            min_words: 12,
            ngram: 5,
            window: 4,
            max_docs: 100,
            max_gap: 3,
            max_edits: 3,
            edit_window: 20,
        }
    }
}

/// One side of a shared passage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Side {
    /// The document.
    pub doc: DocId,
    /// First char of the passage's first word.
    pub start: usize,
    /// Char just past its last word.
    pub end: usize,
}

/// A passage two documents share. `a` is the document that comes first in the input
/// (the project's order), `b` the other.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Passage {
    /// Where it is in the first document.
    pub a: Side,
    /// Where it is in the second.
    pub b: Side,
    /// Its length in words, on its shorter side.
    pub words: usize,
}

/// The passages that the given documents share, sorted by the first document (in the
/// input's order), then by where they start. Each pair of documents is reported once;
/// passages within one document, or in more than [`Params::max_docs`] documents, are not.
pub fn find(docs: &[(DocId, &str)], params: &Params) -> Vec<Passage> {
    // Seeds number documents in a u32; a project of four billion documents is not a
    // thing, but the index must not wrap if one were passed.
    let docs = &docs[..docs.len().min(u32::MAX as usize)];
    let min_words = params.min_words.max(1);
    let ngram = params.ngram.clamp(1, min_words);
    let window = params.window.clamp(1, min_words + 1 - ngram);
    let texts: Vec<&str> = docs.iter().map(|(_, t)| *t).collect();
    let prepared = crate::par::map(&chunks(texts.len()), |r| {
        texts[r.clone()]
            .iter()
            .map(|t| {
                let words = tokens::Words::of(t);
                let prints =
                    fingerprints::winnow(&fingerprints::shingles(&words.hashes, ngram), window);
                (words, prints)
            })
            .collect::<Vec<_>>()
    });
    let (mut words, prints): (Vec<tokens::Words>, Vec<_>) = prepared.into_iter().flatten().unzip();
    let limits = seeds::SeedLimits {
        max_docs: params.max_docs.max(2),
        max_postings: params.max_docs.max(2).saturating_mul(4),
    };
    let seeds::Seeds { seeds, boilerplate } = seeds::seeds(&prints, limits);
    drop(prints);
    for (d, w) in boilerplate {
        words[d as usize].mark_boilerplate(w as usize..w as usize + ngram);
    }
    let align = align::AlignParams {
        ngram,
        min_words,
        tolerance: extend::Tolerance {
            max_gap: params.max_gap,
            max_edits: params.max_edits,
            window: params.edit_window.max(1),
            resync: 3,
        },
    };
    // One group of seeds a pair of documents; pairs are split over the cores in runs
    // of about equal numbers of seeds.
    let pairs: Vec<&[seeds::Seed]> = seeds.chunk_by(|x, y| (x.a, x.b) == (y.a, y.b)).collect();
    let runs = balanced(&pairs);
    let found = crate::par::map(&runs, |r| {
        let mut out = Vec::new();
        for group in &pairs[r.clone()] {
            let (a, b) = (group[0].a as usize, group[0].b as usize);
            for reg in align::regions(&words[a], &words[b], group, &align) {
                let side = |d: usize, w: &std::ops::Range<usize>| {
                    let c = words[d].chars(w.start, w.end - 1);
                    Side {
                        doc: docs[d].0.clone(),
                        start: c.start,
                        end: c.end,
                    }
                };
                let passage = Passage {
                    a: side(a, &reg.a),
                    b: side(b, &reg.b),
                    words: reg.words(),
                };
                out.push(((a, b), passage));
            }
        }
        out
    });
    let mut found: Vec<((usize, usize), Passage)> = found.into_iter().flatten().collect();
    found.sort_by_key(|((a, b), p)| (*a, p.a.start, *b, p.b.start));
    found.into_iter().map(|(_, p)| p).collect()
}

/// The passages shared by the documents of a workspace whose texts are loaded, in the
/// project's order.
pub fn find_in_workspace(ws: &Workspace, params: &Params) -> Vec<Passage> {
    let docs: Vec<(DocId, &str)> = ws
        .project
        .documents
        .iter()
        .filter_map(|d| ws.text(&d.id).map(|t| (d.id.clone(), t.as_str())))
        .collect();
    find(&docs, params)
}

/// `0..n` cut into one run a core.
fn chunks(n: usize) -> Vec<std::ops::Range<usize>> {
    let k = crate::par::threads().min(n).max(1);
    (0..k).map(|i| i * n / k..(i + 1) * n / k).collect()
}

/// The pairs cut into one run a core, each with about the same number of seeds.
fn balanced(pairs: &[&[seeds::Seed]]) -> Vec<std::ops::Range<usize>> {
    let total: usize = pairs.iter().map(|g| g.len()).sum();
    let k = crate::par::threads().min(pairs.len()).max(1);
    let mut runs = Vec::with_capacity(k);
    let (mut start, mut acc) = (0, 0);
    for (i, g) in pairs.iter().enumerate() {
        acc += g.len();
        if acc * k >= total * (runs.len() + 1) && runs.len() + 1 < k {
            runs.push(start..i + 1);
            start = i + 1;
        }
    }
    runs.push(start..pairs.len());
    runs
}
