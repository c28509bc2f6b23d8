//! Generated articles with shared passages planted in them, for the reuse finder's
//! tests and its bench: news-like filler (a skewed vocabulary, so common words recur
//! as in real prose, with curly quotes, accents, Arabic and emoji), passages planted
//! in two documents each (exact, with a changed word, with "U.S." for "US", with a
//! dropped word), passages repeated inside one document, and a footer every document
//! carries (boilerplate). [`check`] says whether what the finder reports is exactly
//! what was planted.

use sourcemark::model::DocId;
use sourcemark::reuse::Passage;
use std::ops::Range;

/// How a passage was planted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// The same words in both documents.
    Exact,
    /// One word in the middle changed in the second document.
    ChangedWord,
    /// "U.S." and curly quotes in the first, "US" and straight quotes in the second.
    Spelling,
    /// One word in the middle left out in the second document.
    DroppedWord,
}

/// A passage planted in two documents: where it is in each (chars, from its first
/// word's start to its last word's end).
#[derive(Clone, Debug)]
pub struct Planted {
    /// Index of the first document (the one that comes first).
    pub a: usize,
    /// Index of the second.
    pub b: usize,
    /// Its chars in `a`.
    pub a_chars: Range<usize>,
    /// Its chars in `b`.
    pub b_chars: Range<usize>,
    /// Its words in the first document.
    pub words: usize,
    /// How the copies differ.
    pub variant: Variant,
}

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    /// Documents.
    pub docs: usize,
    /// Bytes of filler a document (about).
    pub bytes: usize,
    /// Passages planted in two documents each.
    pub planted: usize,
    /// Passages planted twice in one document (never to be reported).
    pub repeated: usize,
    /// Whether every document ends with the same footer.
    pub footer: bool,
    /// The random seed.
    pub seed: u64,
}

/// The generated documents and what was planted in them.
pub struct Corpus {
    /// Ids and texts, in order.
    pub docs: Vec<(DocId, String)>,
    /// The passages planted across documents.
    pub planted: Vec<Planted>,
}

impl Corpus {
    /// The documents as `reuse::find` takes them.
    pub fn input(&self) -> Vec<(DocId, &str)> {
        self.docs
            .iter()
            .map(|(id, t)| (id.clone(), t.as_str()))
            .collect()
    }
}

/// The footer every document ends with when [`Spec::footer`]: 24 words.
pub const FOOTER: &str = "Copyright the Daily Bench Press. All rights reserved. This material may not be \
     published, broadcast, rewritten or redistributed without the written permission of the editors.";

/// A vocabulary of made-up words, some with accents, Arabic script or an emoji, in
/// frequency order.
fn vocabulary(rng: &mut fastrand::Rng, n: usize) -> Vec<String> {
    const SYLLABLES: [&str; 24] = [
        "ba", "ko", "ri", "tal", "men", "su", "dor", "vi", "an", "el", "qua", "tem", "ro", "nis",
        "lu", "par", "é", "ça", "sha", "dur", "ix", "on", "be", "ma",
    ];
    const OTHER: [&str; 6] = ["الصدر", "بغداد", "café", "naïve", "👍🏽", "São"];
    let mut v: Vec<String> = [
        "the", "of", "and", "to", "in", "a", "said", "on", "was", "for",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    while v.len() < n {
        let w = if rng.usize(0..200) == 0 {
            OTHER[rng.usize(0..OTHER.len())].to_owned()
        } else {
            (0..rng.usize(1..4))
                .map(|_| SYLLABLES[rng.usize(0..SYLLABLES.len())])
                .collect::<String>()
        };
        v.push(w);
    }
    v
}

/// A word from the vocabulary, common ones far more often (about 6% "the").
fn word<'v>(rng: &mut fastrand::Rng, vocab: &'v [String]) -> &'v str {
    let u = rng.f64();
    let i = ((u * u * u) * vocab.len() as f64) as usize;
    &vocab[i.min(vocab.len() - 1)]
}

/// A sentence of filler, capitalised, with commas and now and then a quotation.
fn sentence(rng: &mut fastrand::Rng, vocab: &[String]) -> String {
    let n = rng.usize(6..26);
    let mut s = String::new();
    let quote_at = (rng.usize(0..4) == 0).then(|| rng.usize(0..n));
    for k in 0..n {
        if k > 0 {
            s.push(if rng.usize(0..9) == 0 { ',' } else { ' ' });
            if s.ends_with(',') {
                s.push(' ');
            }
        }
        let w = word(rng, vocab);
        if quote_at == Some(k) {
            s.push('“');
        }
        if k == 0 {
            let mut cs = w.chars();
            if let Some(c) = cs.next() {
                s.extend(c.to_uppercase());
                s.push_str(cs.as_str());
            }
        } else {
            s.push_str(w);
        }
        if quote_at == Some(k) {
            s.push('”');
        }
    }
    s.push('.');
    s
}

/// A word of letters and digits only (no emoji, which is no word to the finder, so
/// that a planted passage starts and ends on words).
fn plain_word<'v>(rng: &mut fastrand::Rng, vocab: &'v [String]) -> &'v str {
    loop {
        let w = word(rng, vocab);
        if w.chars().all(char::is_alphanumeric) {
            return w;
        }
    }
}

/// A passage to plant: its words (plain, to be spelled per copy), 15 to 60 of them.
/// Every fourth word is made for this passage alone, so that no run of five words is
/// in any other passage or in the filler: a planted passage can run on into the
/// filler only by the chance of the next words matching.
fn passage_words(rng: &mut fastrand::Rng, vocab: &[String], k: usize) -> Vec<String> {
    let n = rng.usize(15..61);
    (0..n)
        .map(|i| {
            if i == n / 3 {
                "U.S.".to_owned()
            } else if i % 4 == 1 {
                format!("{}{k}x{i}", plain_word(rng, vocab))
            } else {
                plain_word(rng, vocab).to_owned()
            }
        })
        .collect()
}

/// The two copies of a passage, as text, for a variant.
fn copies(words: &[String], variant: Variant) -> (String, String) {
    let mid = words.len() / 2;
    let first = words.join(" ");
    let mut second: Vec<String> = words.to_vec();
    match variant {
        Variant::Exact => {}
        Variant::ChangedWord => second[mid] = format!("{}changed", second[mid]),
        Variant::DroppedWord => {
            second.remove(mid);
        }
        Variant::Spelling => {
            for w in &mut second {
                if w == "U.S." {
                    *w = "US".to_owned();
                }
            }
        }
    }
    let mut second = second.join(" ");
    let mut first = first;
    if variant == Variant::Spelling {
        // Quotes around the second and third words: curly in one, straight in the other.
        first = quote(&first, '“', '”');
        second = quote(&second, '"', '"');
    }
    (first, second)
}

/// Puts `open` before the second word and `close` after the third.
fn quote(s: &str, open: char, close: char) -> String {
    let mut out = String::new();
    for (i, w) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if i == 1 {
            out.push(open);
        }
        out.push_str(w);
        if i == 2 {
            out.push(close);
        }
    }
    out
}

/// What goes into one document at one sentence boundary.
struct Insert {
    text: String,
    /// Index into the planted list and which copy (0 for `a`, 1 for `b`), or `None`
    /// for a passage repeated inside the document.
    slot: Option<(usize, usize)>,
}

/// Generates a corpus.
pub fn corpus(spec: Spec) -> Corpus {
    let mut rng = fastrand::Rng::with_seed(spec.seed);
    let vocab = vocabulary(&mut rng, 4_000);
    let mut inserts: Vec<Vec<Insert>> = (0..spec.docs).map(|_| Vec::new()).collect();
    let mut planted = Vec::new();
    let mut pairs = std::collections::BTreeSet::new();
    let variants = [
        Variant::Exact,
        Variant::ChangedWord,
        Variant::Spelling,
        Variant::DroppedWord,
    ];
    while planted.len() < spec.planted && spec.docs >= 2 {
        let (x, y) = (rng.usize(0..spec.docs), rng.usize(0..spec.docs));
        let (a, b) = (x.min(y), x.max(y));
        if a == b || !pairs.insert((a, b)) {
            continue;
        }
        let k = planted.len();
        let words = passage_words(&mut rng, &vocab, k);
        let variant = variants[k % variants.len()];
        let (ta, tb) = copies(&words, variant);
        // The copy that differs goes to either document.
        let (ta, tb) = if rng.bool() { (ta, tb) } else { (tb, ta) };
        planted.push(Planted {
            a,
            b,
            a_chars: 0..0,
            b_chars: 0..0,
            words: ta.split(' ').count().min(tb.split(' ').count()),
            variant,
        });
        inserts[a].push(Insert {
            text: ta,
            slot: Some((k, 0)),
        });
        inserts[b].push(Insert {
            text: tb,
            slot: Some((k, 1)),
        });
    }
    for k in 0..spec.repeated {
        let d = rng.usize(0..spec.docs.max(1));
        let words = passage_words(&mut rng, &vocab, spec.planted + k).join(" ");
        for _ in 0..2 {
            inserts[d].push(Insert {
                text: words.clone(),
                slot: None,
            });
        }
    }
    let mut docs = Vec::with_capacity(spec.docs);
    for (d, ins) in inserts.into_iter().enumerate() {
        let mut sentences = Vec::new();
        let mut len = 0;
        while len < spec.bytes {
            let s = sentence(&mut rng, &vocab);
            len += s.len() + 1;
            sentences.push(s);
        }
        // Where each insert goes: a sentence boundary, two inserts never side by side.
        let mut at: Vec<usize> = Vec::new();
        for _ in &ins {
            loop {
                let p = rng.usize(1..sentences.len().max(2));
                if at.iter().all(|&q| q.abs_diff(p) > 1) || sentences.len() < 3 * ins.len() {
                    at.push(p);
                    break;
                }
            }
        }
        let mut text = format!("Bench report {d}\n\n");
        let mut chars = text.chars().count();
        for (i, s) in sentences.iter().enumerate() {
            for (insert, _) in ins.iter().zip(&at).filter(|(_, p)| **p == i) {
                let n = insert.text.chars().count();
                if let Some((k, copy)) = insert.slot {
                    let r = chars..chars + n;
                    if copy == 0 {
                        planted[k].a_chars = r;
                    } else {
                        planted[k].b_chars = r;
                    }
                }
                text.push_str(&insert.text);
                text.push_str(". ");
                chars += n + 2;
            }
            text.push_str(s);
            chars += s.chars().count();
            if i % 5 == 4 {
                text.push_str("\n\n");
                chars += 2;
            } else {
                text.push(' ');
                chars += 1;
            }
        }
        if spec.footer {
            text.push_str("\n\n");
            text.push_str(FOOTER);
        }
        docs.push((DocId::from(format!("doc-{d:04}").as_str()), text));
    }
    Corpus { docs, planted }
}

/// Whether `found` is what was planted: every planted passage inside one passage found
/// between its two documents, and every passage found around a planted one, longer by
/// at most a few words that happen to match on either side. Returns what is wrong.
pub fn check(c: &Corpus, found: &[Passage]) -> Result<(), String> {
    let index = |id: &DocId| c.docs.iter().position(|(d, _)| d == id);
    let covers = |outer: (usize, usize), inner: &Range<usize>| {
        outer.0 <= inner.start && inner.end <= outer.1
    };
    let mut problems = Vec::new();
    for p in &c.planted {
        let hit = found.iter().any(|f| {
            index(&f.a.doc) == Some(p.a)
                && index(&f.b.doc) == Some(p.b)
                && covers((f.a.start, f.a.end), &p.a_chars)
                && covers((f.b.start, f.b.end), &p.b_chars)
        });
        if !hit {
            problems.push(format!("planted {p:?} not found whole"));
        }
    }
    for f in found {
        let planted = c.planted.iter().any(|p| {
            index(&f.a.doc) == Some(p.a)
                && index(&f.b.doc) == Some(p.b)
                && covers((f.a.start, f.a.end), &p.a_chars)
                && f.words <= p.words + 4
        });
        if !planted {
            problems.push(format!("found {f:?}, which was not planted"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} problem(s):\n{}",
            problems.len(),
            problems.join("\n")
        ))
    }
}
