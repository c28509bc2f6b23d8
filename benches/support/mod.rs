//! What the benches generate alike: article text of a few KB in news words, and the
//! links of a generated project. Each bench is its own crate and takes what it uses.

#![allow(dead_code)]

use sourcemark::model::{Annotation, Link, LinkId, LinkKind};

pub const WORDS: &[&str] = &[
    "Baghdad",
    "rally",
    "million",
    "“historic”",
    "protesters",
    "said",
    "the",
    "Iraqi",
    "forces",
    "2.5\u{a0}million",
    "troops",
    "occupier",
    "Friday",
    "—",
    "sovereignty",
    "demonstration",
    "Jadiriyah",
    "Sadr",
    "crowd",
    "of",
    "in",
    "and",
    "Iran’s",
    "US",
];

/// A few KB of text with curly quotes and no-break spaces, different for each document.
pub fn article(n: usize, rng: &mut fastrand::Rng) -> String {
    let mut s = format!("Article {n}: Rally coverage\n\n");
    while s.len() < 3_000 {
        for _ in 0..rng.usize(8..20) {
            s.push_str(WORDS[rng.usize(..WORDS.len())]);
            s.push(' ');
        }
        s.push_str(".\n");
    }
    s
}

/// 20 links per document of `per_doc` annotations (in the project's order): each of its
/// first 20 spans `SaidBy` the next.
pub fn said_by_links(annotations: &[Annotation], per_doc: usize) -> Vec<Link> {
    let mut links = Vec::new();
    for doc in annotations.chunks(per_doc) {
        for (k, pair) in doc.windows(2).take(20).enumerate() {
            links.push(Link {
                id: LinkId(format!("{}-{k}", pair[0].id)),
                from: pair[0].id.clone(),
                to: pair[1].id.clone(),
                kind: LinkKind::SaidBy,
                note: String::new(),
            });
        }
    }
    links
}
