//! How well the built-in rules do on the sample project: precision and recall of each
//! rule against its annotations (a match is an overlap of at least one char with an
//! annotation of the rule's label), and for quotes how often the speaker is right (the
//! suggested speaker overlaps the source the annotation is linked `SaidBy` to, among
//! matched quotes that have one). Printed for the note; the floors below are what the
//! rules reach now, so a change that makes them worse fails here.

use sourcemark::model::{Annotation, LinkKind, Project};
use sourcemark::suggest::{Input, PatternSet, Suggestion, suggest};
use sourcemark::workspace::Workspace;
use std::ops::Range;
use std::path::PathBuf;

fn sample() -> Workspace {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("projects/rally-coverage/project.ron");
    Workspace::open(&path).expect("the sample project").0
}

#[derive(Default, Debug)]
struct Score {
    suggested: usize,
    right: usize,
    gold: usize,
    found: usize,
    speakers: usize,
    speakers_right: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        self.right as f64 / self.suggested.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.found as f64 / self.gold.max(1) as f64
    }
}

fn overlaps(a: &Annotation, s: &Suggestion) -> bool {
    s.ranges.iter().any(|r| a.overlaps(r))
}

/// The source span a gold annotation is linked `SaidBy` to.
fn gold_speaker<'a>(p: &'a Project, a: &Annotation) -> Option<&'a Annotation> {
    p.links
        .iter()
        .find(|l| l.from == a.id && l.kind == LinkKind::SaidBy)
        .and_then(|l| p.annotation(&l.to))
}

fn cross(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

#[test]
fn the_rules_precision_and_recall_on_the_sample_project() {
    let ws = sample();
    let p = &ws.project;
    let none = PatternSet::new();
    let mut scores: Vec<(&str, Score)> = vec![
        ("figure", Score::default()),
        ("quote", Score::default()),
        ("claim", Score::default()),
    ];
    for d in &p.documents {
        let text = ws.text(&d.id).expect("sample articles load");
        // The rules as on an article nobody annotated yet.
        let input = Input {
            doc: &d.id,
            text,
            labels: &p.labels,
            existing: &[],
            rejected: &[],
            patterns: &none,
        };
        let sugg = suggest(&input);
        let gold = p.annotations_of(&d.id);
        for (rule, score) in &mut scores {
            let mine: Vec<&Suggestion> = sugg.iter().filter(|s| s.rule == *rule).collect();
            let theirs: Vec<&Annotation> = gold.iter().filter(|a| a.label == *rule).collect();
            score.suggested += mine.len();
            score.gold += theirs.len();
            score.right += mine
                .iter()
                .filter(|s| theirs.iter().any(|a| overlaps(a, s)))
                .count();
            score.found += theirs
                .iter()
                .filter(|a| mine.iter().any(|s| overlaps(a, s)))
                .count();
            if *rule == "quote" {
                for a in &theirs {
                    let Some(src) = gold_speaker(p, a) else {
                        continue;
                    };
                    let Some(s) = mine.iter().find(|s| overlaps(a, s)) else {
                        continue;
                    };
                    score.speakers += 1;
                    if s.said_by.as_ref().is_some_and(|sp| {
                        cross(&sp.range(), &src.range())
                            || sp.text.to_lowercase().contains(&src.text.to_lowercase())
                            || src.text.to_lowercase().contains(&sp.text.to_lowercase())
                    }) {
                        score.speakers_right += 1;
                    }
                }
            }
        }
    }
    println!("rule    suggested  right  precision  gold  found  recall  speaker right");
    for (rule, s) in &scores {
        println!(
            "{rule:<7} {:>9} {:>6} {:>10.2} {:>5} {:>6} {:>7.2}  {}",
            s.suggested,
            s.right,
            s.precision(),
            s.gold,
            s.found,
            s.recall(),
            if *rule == "quote" {
                format!("{}/{}", s.speakers_right, s.speakers)
            } else {
                "-".into()
            }
        );
    }
    let get = |r: &str| &scores.iter().find(|(n, _)| *n == r).unwrap().1;
    let (fig, quote, claim) = (get("figure"), get("quote"), get("claim"));
    // Measured: figure 0.95 / 1.00, quote 0.94 / 0.93 with 18 of 19 speakers, claim
    // precision 0.40 (recall 0.19: most of the sample's claims are not reported speech).
    assert!(fig.precision() >= 0.85 && fig.recall() >= 0.9, "{fig:?}");
    assert!(
        quote.precision() >= 0.85 && quote.recall() >= 0.85,
        "{quote:?}"
    );
    assert!(quote.speakers_right * 10 >= quote.speakers * 8, "{quote:?}");
    assert!(claim.precision() >= 0.3, "{claim:?}");
}
