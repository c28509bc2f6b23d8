//! What else may belong in a cluster: the window offers these beside the members, best
//! first, and the user adds them with a key. Three reasons, in this order of trust:
//! the annotation is `SameAs`-linked to a member; it is a figure counting the same
//! thing in the same unit as a member figure; it is a claim worded like a member claim
//! in another document.

use crate::model::{Annotation, AnnotationId, ClusterId, LabelKind, Project, same_as_closure};
use std::collections::{HashMap, HashSet};

/// Why an annotation is offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A member says it is the same report.
    SameAs,
    /// A figure of the same unit counting something alike.
    SameCount,
    /// A claim worded like a member's, in another document.
    SimilarClaim,
}

impl Reason {
    /// How the window says it.
    pub fn text(self) -> &'static str {
        match self {
            Reason::SameAs => "same as a member",
            Reason::SameCount => "counts the same thing",
            Reason::SimilarClaim => "worded like a member",
        }
    }
}

/// One annotation the cluster may want.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// The annotation.
    pub id: AnnotationId,
    /// Why.
    pub reason: Reason,
    /// How alike, 0 to 1 (1 for `SameAs`).
    pub score: f64,
}

/// How alike two figures' counted things must be (Sørensen–Dice on bigrams).
const COUNTED_ALIKE: f64 = 0.45;
/// How alike two claims' words must be.
const CLAIM_ALIKE: f64 = 0.6;

/// Up to `limit` candidates for `cluster`, best first; none for a cluster without
/// members or one that is not in the project.
pub fn candidates(p: &Project, cluster: &ClusterId, limit: usize) -> Vec<Candidate> {
    let members: Vec<&Annotation> = p.cluster_members(cluster).collect();
    if members.is_empty() {
        return Vec::new();
    }
    let kind = |a: &Annotation| p.labels.kind(&a.label);
    let ids: Vec<AnnotationId> = members.iter().map(|a| a.id.clone()).collect();
    let member_set: HashSet<&AnnotationId> = ids.iter().collect();
    let mut out: Vec<Candidate> = same_as_closure(&p.links, &ids)
        .into_iter()
        .filter(|id| !member_set.contains(id))
        .map(|id| Candidate {
            id,
            reason: Reason::SameAs,
            score: 1.0,
        })
        .collect();
    let offered: HashSet<AnnotationId> = out.iter().map(|c| c.id.clone()).collect();
    // Members' keys once each: a cluster of a thousand crowd figures has few distinct.
    let mut figures: Vec<(String, String)> = members
        .iter()
        .filter(|a| kind(a) == Some(LabelKind::Figure))
        .map(|a| {
            (
                unit_key(a),
                folded(a.attrs.counted.as_deref().unwrap_or(&a.text)),
            )
        })
        .collect();
    figures.sort();
    figures.dedup();
    let mut claims: Vec<(&crate::model::DocId, String)> = members
        .iter()
        .filter(|a| kind(a) == Some(LabelKind::Claim))
        .map(|a| (&a.doc, folded(&a.text)))
        .collect();
    claims.sort();
    claims.dedup();
    // Scores by the words compared, so a phrase repeated across the project is scored
    // once.
    let mut figure_scores: HashMap<(&str, &str), f64> = HashMap::new();
    let mut claim_scores: HashMap<(&crate::model::DocId, &str), f64> = HashMap::new();
    let mut rest = Vec::new();
    for a in &p.annotations {
        if member_set.contains(&a.id) || offered.contains(&a.id) {
            continue;
        }
        match kind(a) {
            Some(LabelKind::Figure) if !figures.is_empty() => {
                let unit = a.attrs.unit.as_deref().unwrap_or("");
                let counted = a.attrs.counted.as_deref().unwrap_or(&a.text);
                let best = *figure_scores.entry((unit, counted)).or_insert_with(|| {
                    let (unit, counted) = (unit.trim().to_lowercase(), folded(counted));
                    figures
                        .iter()
                        .filter(|(u, _)| *u == unit)
                        .map(|(_, c)| strsim::sorensen_dice(c, &counted))
                        .fold(0.0, f64::max)
                });
                if best >= COUNTED_ALIKE {
                    rest.push(Candidate {
                        id: a.id.clone(),
                        reason: Reason::SameCount,
                        score: best,
                    });
                }
            }
            Some(LabelKind::Claim) if !claims.is_empty() => {
                let best = *claim_scores.entry((&a.doc, &a.text)).or_insert_with(|| {
                    let text = folded(&a.text);
                    claims
                        .iter()
                        .filter(|(doc, _)| **doc != a.doc)
                        .map(|(_, t)| strsim::sorensen_dice(t, &text))
                        .fold(0.0, f64::max)
                });
                if best >= CLAIM_ALIKE {
                    rest.push(Candidate {
                        id: a.id.clone(),
                        reason: Reason::SimilarClaim,
                        score: best,
                    });
                }
            }
            _ => {}
        }
    }
    rest.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    out.extend(rest);
    out.truncate(limit);
    out
}

/// A figure's unit for comparing: typed, lower case; "" for none.
fn unit_key(a: &Annotation) -> String {
    a.attrs.unit.as_deref().unwrap_or("").trim().to_lowercase()
}

/// Lower case, letters and digits only, single spaces: "U.S. troops" and "US troops"
/// compare alike.
fn folded(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(|c: char| !c.is_alphanumeric() && c != '.') {
        let w: String = w
            .chars()
            .filter(|c| *c != '.')
            .flat_map(char::to_lowercase)
            .collect();
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::History;

    #[test]
    fn on_the_sample_the_crowd_figures_and_the_repeated_claim_are_offered() {
        let mut p = crate::store::load(&crate::test_support::sample_path()).unwrap();
        let find = |p: &Project, doc: &str, text: &str| {
            p.annotations
                .iter()
                .find(|a| a.doc.as_str() == doc && a.text == text)
                .unwrap()
                .id
                .clone()
        };
        // A cluster of one claim and one figure, from Iran News.
        let claim = find(
            &p,
            "iran-news",
            "more than 2.5 million took part in the demonstrations on Friday",
        );
        let figure = find(&p, "iran-news", "more than 2.5 million");
        let (c, tx) =
            crate::cluster::new_cluster(&p, "Crowd size", std::slice::from_ref(&claim)).unwrap();
        let mut h = History::new();
        h.apply(&mut p, tx).unwrap();
        // The claim's SameAs partner in Radio Habana Cuba joined with it.
        assert_eq!(p.cluster_members(&c.id).count(), 2);
        let tx = crate::cluster::join(&p, &c.id, &[figure]).unwrap();
        h.apply(&mut p, tx).unwrap();
        let got = candidates(&p, &c.id, 50);
        let named = |doc: &str, text: &str| {
            let id = find(&p, doc, text);
            got.iter().find(|x| x.id == id).map(|x| x.reason)
        };
        // Radio Habana Cuba's figure is the same report: it came along, so it is no
        // candidate.
        let rhc = find(&p, "radio-habana-cuba", "more than 2.5 million");
        assert!(p.annotation(&rhc).unwrap().in_cluster(&c.id));
        assert_eq!(named("radio-habana-cuba", "more than 2.5 million"), None);
        // Other crowd figures count people too.
        assert_eq!(
            named("iran-press", "millions of Iraqis"),
            Some(Reason::SameCount)
        );
        assert_eq!(named("mehr-news", "3 million"), Some(Reason::SameCount));
        // Vehicles and troops are not people.
        assert_eq!(named("mehr-news", "seven vehicles"), None);
        assert_eq!(named("iran-news", "around 5,200 US troops"), None);
        // No member offered; best first.
        assert!(
            got.iter()
                .all(|x| !p.annotation(&x.id).unwrap().in_cluster(&c.id))
        );
        assert!(got.windows(2).all(|w| w[0].score >= w[1].score), "{got:?}");
        // A SameAs link made outside the window (no join came with it): offered first.
        let three = find(&p, "mehr-news", "3 million");
        p.links.push(crate::model::Link {
            id: "x".into(),
            from: rhc.clone(),
            to: three.clone(),
            kind: crate::model::LinkKind::SameAs,
            note: String::new(),
        });
        let got = candidates(&p, &c.id, 50);
        assert_eq!((&got[0].id, got[0].reason), (&three, Reason::SameAs));
        assert_eq!(
            got.iter().filter(|x| x.id == three).count(),
            1,
            "offered once"
        );
    }

    #[test]
    fn a_claim_worded_alike_in_another_document_is_offered_and_folding_ignores_dots() {
        assert_eq!(folded("U.S. troops, in Iraq!"), "us troops in iraq");
        let mut p = crate::store::load(&crate::test_support::sample_path()).unwrap();
        p.links.clear();
        let vote = p
            .annotations
            .iter()
            .find(|a| {
                a.doc.as_str() == "iran-news"
                    && a.text.starts_with("On January 5, the Iraqi parliament")
            })
            .unwrap()
            .id
            .clone();
        let (c, tx) = crate::cluster::new_cluster(&p, "The parliament vote", &[vote]).unwrap();
        History::new().apply(&mut p, tx).unwrap();
        let got = candidates(&p, &c.id, 10);
        let docs: Vec<&str> = got
            .iter()
            .filter(|x| x.reason == Reason::SimilarClaim)
            .map(|x| p.annotation(&x.id).unwrap().doc.as_str())
            .collect();
        assert!(docs.contains(&"radio-habana-cuba"), "{got:?}");
        assert!(docs.contains(&"poster-speaks"), "{got:?}");
    }
}
