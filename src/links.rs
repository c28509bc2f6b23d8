//! Links between annotations, found by annotation: an index built once per state of the
//! links (see [`crate::edit::History::links_revision`]), so a window drawing the links
//! of what is selected looks them up instead of scanning 20,000 of them every frame;
//! and the rules a new link follows (no link to itself, the speaker a source gives).

use crate::model::{Annotation, AnnotationId, LabelKind, LabelScheme, Link};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Which end of a link an annotation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// The link goes from it (`link.from`).
    From,
    /// The link comes to it (`link.to`).
    To,
}

impl End {
    /// The annotation at the other end of `link` from this one.
    pub fn other(self, link: &Link) -> &AnnotationId {
        match self {
            End::From => &link.to,
            End::To => &link.from,
        }
    }
}

/// No slot: the end of a chain.
const NONE: u32 = u32::MAX;

/// The links of a project by annotation: for each annotation id, the positions in
/// `links` of the links that start or end at it. It keeps no ids, only their hashes and
/// the positions, so building it for 20,000 links allocates two arrays and no strings,
/// and every lookup checks the link itself: an index used with other links than it was
/// built from misses links, but never reports a wrong one.
#[derive(Debug, Default)]
pub struct LinkIndex {
    /// Hash of an annotation id → its first slot. Slot `2 * i` is link `i`'s `from`,
    /// `2 * i + 1` its `to`.
    heads: HashMap<u64, u32, BuildHasherDefault<Mixed>>,
    /// Per slot, the next slot whose id has the same hash.
    next: Vec<u32>,
}

impl LinkIndex {
    /// Indexes `links`.
    pub fn build(links: &[Link]) -> Self {
        let mut heads: HashMap<u64, u32, BuildHasherDefault<Mixed>> =
            HashMap::with_capacity_and_hasher(links.len() * 2, Default::default());
        let mut next = vec![NONE; links.len() * 2];
        // Backwards, so each chain lists its links in the order of `links`.
        for (i, l) in links.iter().enumerate().rev() {
            for (side, id) in [(1, &l.to), (0, &l.from)] {
                let slot = (2 * i + side) as u32;
                let head = heads.entry(id_hash(id)).or_insert(NONE);
                next[slot as usize] = *head;
                *head = slot;
            }
        }
        Self { heads, next }
    }

    /// The links with `id` at one end, as (position in `links`, which end `id` is), in
    /// the order of `links`. A link from an annotation to itself comes twice.
    pub fn of<'a>(
        &'a self,
        links: &'a [Link],
        id: &'a AnnotationId,
    ) -> impl Iterator<Item = (usize, End)> + 'a {
        let mut slot = self.heads.get(&id_hash(id)).copied().unwrap_or(NONE);
        std::iter::from_fn(move || {
            while slot != NONE {
                let s = slot as usize;
                slot = self.next.get(s).copied().unwrap_or(NONE);
                let (i, end) = (
                    s / 2,
                    if s.is_multiple_of(2) {
                        End::From
                    } else {
                        End::To
                    },
                );
                let at = links.get(i).map(|l| match end {
                    End::From => &l.from,
                    End::To => &l.to,
                });
                if at == Some(id) {
                    return Some((i, end));
                }
            }
            None
        })
    }

    /// Whether `id` has a link.
    pub fn has(&self, links: &[Link], id: &AnnotationId) -> bool {
        self.of(links, id).next().is_some()
    }

    /// The positions in `links` of every link with one end among `ids`, each once,
    /// sorted: what deleting those annotations has to delete with them.
    pub fn touching(&self, links: &[Link], ids: &[AnnotationId]) -> Vec<usize> {
        let mut out: Vec<usize> = ids
            .iter()
            .flat_map(|id| self.of(links, id).map(|(i, _)| i))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// FNV-1a over the id's bytes: a few nanoseconds for the short ids of a project, and
/// no allocation. [`Mixed`] spreads its bits over the table.
fn id_hash(id: &AnnotationId) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.as_str().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The hasher of the index's table, whose keys are hashes already: it only mixes them
/// (splitmix64's finaliser), so every bit of the key reaches the bits the table uses.
#[derive(Default)]
struct Mixed(u64);

impl Hasher for Mixed {
    fn finish(&self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Why two annotations cannot be linked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// Both ends are the same annotation.
    #[error("an annotation cannot be linked to itself")]
    ToItself,
    /// An end is not in the project.
    #[error("annotation {0} is not in the project")]
    NoAnnotation(AnnotationId),
}

/// The speaker a new link between `a` and `b` gives: when one is a claim, quote or
/// figure with no speaker yet and the other a span of a source label, the first with
/// the source's text (on one line) as its speaker. `None` when the link attributes
/// nothing. The caller records it as part of the same change as the link.
pub fn attribution(labels: &LabelScheme, a: &Annotation, b: &Annotation) -> Option<Annotation> {
    let kind = |x: &Annotation| labels.kind(&x.label);
    let (said, source) = match (kind(a), kind(b)) {
        (Some(k), Some(LabelKind::Source)) if k.is_attributable() => (a, b),
        (Some(LabelKind::Source), Some(k)) if k.is_attributable() => (b, a),
        _ => return None,
    };
    if said
        .attrs
        .speaker
        .as_deref()
        .is_some_and(|s| !s.trim().is_empty())
    {
        return None;
    }
    let name = source.text.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return None;
    }
    let mut after = said.clone();
    after.attrs.speaker = Some(name);
    Some(after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocId, LinkId, LinkKind};
    use crate::text::DocText;

    fn link(id: &str, from: &str, to: &str) -> Link {
        Link {
            id: LinkId::from(id),
            from: AnnotationId::from(from),
            to: AnnotationId::from(to),
            kind: LinkKind::SaidBy,
            note: String::new(),
        }
    }

    #[test]
    fn finds_the_links_of_an_annotation_both_ways_in_order() {
        let links = vec![
            link("l1", "q1", "s1"),
            link("l2", "q2", "s1"),
            link("l3", "s1", "c1"),
            link("l4", "q1", "c1"),
        ];
        let idx = LinkIndex::build(&links);
        let s1 = AnnotationId::from("s1");
        let got: Vec<_> = idx.of(&links, &s1).collect();
        assert_eq!(got, vec![(0, End::To), (1, End::To), (2, End::From)]);
        assert_eq!(End::To.other(&links[0]).as_str(), "q1");
        assert!(!idx.has(&links, &AnnotationId::from("nobody")));
        let ids = [AnnotationId::from("q1"), AnnotationId::from("c1")];
        assert_eq!(idx.touching(&links, &ids), vec![0, 2, 3]);
        // Used with other links (stale), it misses but never lies.
        let fewer = &links[..2];
        let stale: Vec<_> = idx.of(fewer, &s1).collect();
        assert_eq!(stale, vec![(0, End::To), (1, End::To)]);
    }

    #[test]
    fn twenty_thousand_links_index_and_look_up_exactly() {
        let links: Vec<Link> = (0..20_000)
            .map(|i| link(&format!("l{i}"), &format!("a{i}"), &format!("a{}", i / 7)))
            .collect();
        let idx = LinkIndex::build(&links);
        let a7 = AnnotationId::from("a7");
        let got: Vec<_> = idx.of(&links, &a7).collect();
        // a7 is the `from` of l7 and the `to` of l49..l55.
        let mut want = vec![(7, End::From)];
        want.extend((49..56).map(|i| (i, End::To)));
        assert_eq!(got, want);
    }

    #[test]
    fn a_source_gives_its_text_as_speaker_unless_one_was_typed() {
        let t = DocText::new("Hassan al-Amiri said: “They will not be silenced.”".into());
        let labels = LabelScheme::default();
        let d = DocId::from("d");
        let source = Annotation::new(d.clone(), &t, 0, 15, "source", "t").unwrap();
        let quote = Annotation::new(d.clone(), &t, 23, 49, "quote", "t").unwrap();
        let after = attribution(&labels, &quote, &source).expect("attributed");
        assert_eq!(after.attrs.speaker.as_deref(), Some("Hassan al-Amiri"));
        // Either way round.
        let back = attribution(&labels, &source, &quote).unwrap();
        assert_eq!(back.id, quote.id);
        // A speaker typed before stays.
        let mut typed = quote.clone();
        typed.attrs.speaker = Some("al-Amiri".into());
        assert_eq!(attribution(&labels, &typed, &source), None);
        // Two quotes, or a quote and a custom label, attribute nothing.
        assert_eq!(attribution(&labels, &quote, &quote.clone()), None);
        let mut other = source.clone();
        other.label = "unknown".into();
        assert_eq!(attribution(&labels, &quote, &other), None);
    }
}
