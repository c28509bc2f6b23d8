//! Seeds: places where two documents share a fingerprint, found through an inverted
//! index from fingerprint to (document, word). The index is one sorted array rather
//! than a hash map: a million fingerprints sort in a few milliseconds, and equal hashes
//! then sit side by side.

use super::fingerprints::Fingerprint;

/// One shingle two documents share: `a` is the document that comes first in the input,
/// and the words are where the shingle starts in each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Seed {
    /// Index of the first document in the input.
    pub a: u32,
    /// Index of the second document, greater than `a`.
    pub b: u32,
    /// Word where the shingle starts in `a`.
    pub wa: u32,
    /// Word where the shingle starts in `b`.
    pub wb: u32,
}

/// A fingerprint with its document: one entry of the inverted index.
#[derive(Clone, Copy, Debug)]
struct Posting {
    hash: u64,
    doc: u32,
    word: u32,
}

/// Limits on which fingerprints make seeds.
#[derive(Clone, Copy, Debug)]
pub(super) struct SeedLimits {
    /// A fingerprint in more documents than this is boilerplate (a footer, a
    /// by-line, a stock phrase) and makes no seeds.
    pub max_docs: usize,
    /// A fingerprint found more often than this in all (a phrase repeated over and
    /// over inside documents) makes no seeds either, so that its pairs cannot grow
    /// with the square of its count.
    pub max_postings: usize,
}

/// What the index gives: the seeds, and where the boilerplate is.
#[derive(Debug, Default)]
pub(super) struct Seeds {
    /// Every seed between different documents, sorted by documents, then words.
    /// Seeds inside one document are never made: reuse within a document is not reuse.
    pub seeds: Vec<Seed>,
    /// (document, word) of every fingerprint left out for [`SeedLimits`]. Winnowing
    /// picks the same fingerprints inside a shared stretch of text but not always at
    /// its edges, so a footer's first fingerprint can be in fewer documents than the
    /// others and seed a passage that grows over the footer: the caller drops
    /// passages made mostly of these.
    pub boilerplate: Vec<(u32, u32)>,
}

/// The seeds of the documents' fingerprints (see [`Seeds`]).
pub(super) fn seeds(fingerprints: &[Vec<Fingerprint>], limits: SeedLimits) -> Seeds {
    let total = fingerprints.iter().map(Vec::len).sum();
    let mut index: Vec<Posting> = Vec::with_capacity(total);
    for (doc, prints) in fingerprints.iter().enumerate() {
        // The caller passes at most u32::MAX documents (see `find`).
        let doc = doc as u32;
        index.extend(prints.iter().map(|f| Posting {
            hash: f.hash,
            doc,
            word: f.word,
        }));
    }
    index.sort_unstable_by_key(|p| p.hash);
    let mut out = Vec::new();
    let mut boilerplate = Vec::new();
    for group in index.chunk_by_mut(|x, y| x.hash == y.hash) {
        if group.len() < 2 {
            continue;
        }
        group.sort_unstable_by_key(|p| (p.doc, p.word));
        let docs = 1 + group.windows(2).filter(|w| w[0].doc != w[1].doc).count();
        if docs > limits.max_docs || group.len() > limits.max_postings {
            boilerplate.extend(group.iter().map(|p| (p.doc, p.word)));
            continue;
        }
        if docs < 2 {
            continue;
        }
        for (i, x) in group.iter().enumerate() {
            for y in &group[i + 1..] {
                if y.doc != x.doc {
                    out.push(Seed {
                        a: x.doc,
                        b: y.doc,
                        wa: x.word,
                        wb: y.word,
                    });
                }
            }
        }
    }
    out.sort_unstable();
    Seeds {
        seeds: out,
        boilerplate,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(hash: u64, word: u32) -> Fingerprint {
        Fingerprint { hash, word }
    }

    const LIMITS: SeedLimits = SeedLimits {
        max_docs: 2,
        max_postings: 4,
    };

    #[test]
    fn seeds_join_documents_not_a_document_with_itself() {
        let docs = vec![
            vec![fp(7, 0), fp(9, 3), fp(9, 8)],
            vec![fp(8, 1), fp(7, 5)],
            vec![fp(9, 2)],
        ];
        let s = seeds(&docs, LIMITS).seeds;
        let seed = |a, b, wa, wb| Seed { a, b, wa, wb };
        assert_eq!(
            s,
            [seed(0, 1, 0, 5), seed(0, 2, 3, 2), seed(0, 2, 8, 2)],
            "hash 9 twice in doc 0 pairs with doc 2, never with itself"
        );
    }

    #[test]
    fn boilerplate_and_repeated_phrases_make_no_seeds() {
        // Hash 5 in three documents (over max_docs); hash 6 five times (over
        // max_postings) though in two documents only.
        let docs = vec![
            vec![fp(5, 0), fp(6, 1), fp(6, 2), fp(6, 3)],
            vec![fp(5, 0), fp(6, 1), fp(6, 2)],
            vec![fp(5, 0)],
        ];
        let s = seeds(&docs, LIMITS);
        assert!(s.seeds.is_empty());
        let mut b = s.boilerplate;
        b.sort_unstable();
        assert_eq!(
            b,
            [
                (0, 0),
                (0, 1),
                (0, 2),
                (0, 3),
                (1, 0),
                (1, 1),
                (1, 2),
                (2, 0)
            ]
        );
    }
}
