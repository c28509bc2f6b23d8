//! Pairing two annotators' spans on one document: each span of A is matched with at
//! most one span of B, best match first, so every span is in exactly one [`Item`].

use crate::model::Annotation;
use std::collections::HashMap;
use std::ops::Range;

/// How the two annotators' versions of one place in the text relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Same label, same ranges.
    Agreed,
    /// Both marked it, with different labels (the ranges may differ too).
    DifferentLabel,
    /// Same label, overlapping but different ranges.
    DifferentRanges,
    /// Only A marked it.
    OnlyA,
    /// Only B marked it.
    OnlyB,
}

impl Kind {
    /// Every kind, in the order the view lists its counts.
    pub const ALL: [Kind; 5] = [
        Kind::Agreed,
        Kind::DifferentLabel,
        Kind::DifferentRanges,
        Kind::OnlyA,
        Kind::OnlyB,
    ];

    /// A short name for lists ("only A").
    pub fn name(self) -> &'static str {
        match self {
            Kind::Agreed => "agreed",
            Kind::DifferentLabel => "different label",
            Kind::DifferentRanges => "different ranges",
            Kind::OnlyA => "only A",
            Kind::OnlyB => "only B",
        }
    }

    /// True for everything but [`Kind::Agreed`]: what curation steps through.
    pub fn is_disagreement(self) -> bool {
        self != Kind::Agreed
    }
}

/// One place in the text: A's span, B's span, or both, and how they relate.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// How A's and B's versions relate.
    pub kind: Kind,
    /// A's span (as it was when the curation began).
    pub a: Option<Annotation>,
    /// B's span (as it was when the curation began).
    pub b: Option<Annotation>,
}

impl Item {
    /// The chars the item covers, from the first start to the last end of both spans.
    pub fn hull(&self) -> Range<usize> {
        let hulls = self.a.iter().chain(&self.b).map(|x| x.hull());
        hulls
            .reduce(|x, y| x.start.min(y.start)..x.end.max(y.end))
            .unwrap_or(0..0)
    }
}

fn ranges(a: &Annotation) -> Vec<Range<usize>> {
    a.ranges().collect()
}

/// Chars two spans have in common, over all their ranges.
fn overlap(a: &Annotation, b: &Annotation) -> usize {
    let mut n = 0;
    for x in a.ranges() {
        for y in b.ranges() {
            n += x.end.min(y.end).saturating_sub(x.start.max(y.start));
        }
    }
    n
}

/// Pairs `a` and `b` (the spans of one document by A and by B; orphaned ones should be
/// left out by the caller). First the spans with the same label and ranges, then those
/// with the same ranges and another label, then overlapping spans, the same label
/// preferred and then the larger overlap; what is left is A's or B's alone. Items come
/// in text order.
pub fn pair_up(a: &[Annotation], b: &[Annotation]) -> Vec<Item> {
    let mut used_b = vec![false; b.len()];
    let mut pair_of: Vec<Option<(usize, Kind)>> = vec![None; a.len()];

    // Exact ranges: same label first, then any label.
    let mut by_ranges: HashMap<Vec<Range<usize>>, Vec<usize>> = HashMap::new();
    for (j, y) in b.iter().enumerate() {
        by_ranges.entry(ranges(y)).or_default().push(j);
    }
    for same_label in [true, false] {
        for (i, x) in a.iter().enumerate() {
            if pair_of[i].is_some() {
                continue;
            }
            let Some(js) = by_ranges.get(&ranges(x)) else {
                continue;
            };
            let hit = js
                .iter()
                .copied()
                .find(|&j| !used_b[j] && (b[j].label == x.label) == same_label);
            if let Some(j) = hit {
                used_b[j] = true;
                let kind = if same_label {
                    Kind::Agreed
                } else {
                    Kind::DifferentLabel
                };
                pair_of[i] = Some((j, kind));
            }
        }
    }

    // Overlaps, by B's hulls sorted by start with the running maximum of their ends, so
    // only the spans that can overlap are looked at.
    let mut order: Vec<usize> = (0..b.len()).filter(|&j| !used_b[j]).collect();
    order.sort_by_key(|&j| b[j].hull().start);
    let starts: Vec<usize> = order.iter().map(|&j| b[j].hull().start).collect();
    let mut max_end = Vec::with_capacity(order.len());
    let mut m = 0;
    for &j in &order {
        m = m.max(b[j].hull().end);
        max_end.push(m);
    }
    let mut free_a: Vec<usize> = (0..a.len()).filter(|&i| pair_of[i].is_none()).collect();
    free_a.sort_by_key(|&i| a[i].hull().start);
    for i in free_a {
        let x = &a[i];
        let h = x.hull();
        let mut k = starts.partition_point(|&s| s < h.end);
        let mut best: Option<(bool, usize, usize)> = None;
        while k > 0 && max_end[k - 1] > h.start {
            k -= 1;
            let j = order[k];
            if used_b[j] {
                continue;
            }
            let n = overlap(x, &b[j]);
            if n == 0 {
                continue;
            }
            let key = (b[j].label == x.label, n, j);
            if best.is_none_or(|bst| (key.0, key.1) > (bst.0, bst.1)) {
                best = Some(key);
            }
        }
        if let Some((same, _, j)) = best {
            used_b[j] = true;
            let kind = if same {
                Kind::DifferentRanges
            } else {
                Kind::DifferentLabel
            };
            pair_of[i] = Some((j, kind));
        }
    }

    let mut items: Vec<Item> = Vec::with_capacity(a.len() + b.len());
    for (i, x) in a.iter().enumerate() {
        items.push(match pair_of[i] {
            Some((j, kind)) => Item {
                kind,
                a: Some(x.clone()),
                b: Some(b[j].clone()),
            },
            None => Item {
                kind: Kind::OnlyA,
                a: Some(x.clone()),
                b: None,
            },
        });
    }
    for (j, y) in b.iter().enumerate() {
        if !used_b[j] {
            items.push(Item {
                kind: Kind::OnlyB,
                a: None,
                b: Some(y.clone()),
            });
        }
    }
    items.sort_by(|x, y| {
        let (hx, hy) = (x.hull(), y.hull());
        (hx.start, hx.end, x.kind).cmp(&(hy.start, hy.end, y.kind))
    });
    items
}
