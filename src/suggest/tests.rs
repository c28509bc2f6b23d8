//! The whole of [`suggest`] and [`accept`]: labels, filters, rejections, and an accept
//! that one undo takes back.

use super::*;
use crate::edit::History;
use crate::model::{Document, LinkKind, Project};

const TEXT: &str = "Organisers said more than 2.5 million took part in the rally on Friday.\n\n\
“We will not leave this square,” said Karim Jassim, a teacher.";

fn project() -> (Project, DocText, DocId) {
    let t = DocText::new(TEXT.to_owned());
    let d = DocId::from("d");
    let mut p = Project::new("t");
    p.documents.push(Document::new(d.clone(), "d.txt", &t));
    (p, t, d)
}

fn run(p: &Project, t: &DocText, d: &DocId, patterns: &PatternSet) -> Vec<Suggestion> {
    suggest(&Input {
        doc: d,
        text: t,
        labels: &p.labels,
        existing: p.annotations_of(d),
        rejected: &p.rejected,
        patterns,
    })
}

#[test]
fn each_rule_proposes_with_the_schemes_labels_and_the_quote_its_speaker() {
    let (p, t, d) = project();
    let s = run(&p, &t, &d, &PatternSet::new());
    let got: Vec<(&str, &str, &str)> = s
        .iter()
        .map(|s| (s.rule.as_str(), s.label.as_str(), s.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "claim",
                "claim",
                "more than 2.5 million took part in the rally on Friday"
            ),
            ("figure", "figure", "more than 2.5 million"),
            ("quote", "quote", "We will not leave this square"),
        ]
    );
    assert_eq!(s[1].attrs.value, Some(2_500_000.0));
    assert_eq!(s[0].priority, Priority::Low);
    let sp = s[2].said_by.as_ref().unwrap();
    assert_eq!(
        (sp.label.as_str(), sp.text.as_str(), sp.existing.as_ref()),
        ("source", "Karim Jassim", None)
    );
    assert_eq!(s[2].attrs.speaker.as_deref(), Some("Karim Jassim"));
    assert_eq!(s[0].said_by.as_ref().unwrap().text, "Organisers");
    // Without a claim label the claim rule proposes nothing.
    let mut no_claims = p.clone();
    no_claims.labels.0.retain(|l| l.id != "claim");
    assert!(
        run(&no_claims, &t, &d, &PatternSet::new())
            .iter()
            .all(|s| s.rule != "claim")
    );
}

#[test]
fn accepting_makes_annotations_sources_and_links_in_one_undo_step() {
    let (mut p, t, d) = project();
    let s = run(&p, &t, &d, &PatternSet::new());
    let before = p.clone();
    let (tx, report) = accept(&p, &t, &s, None, "ana").unwrap();
    assert_eq!(
        (
            report.added.len(),
            report.sources,
            report.links,
            report.duplicates
        ),
        (3, 2, 2, 0)
    );
    let mut h = History::new();
    h.apply(&mut p, tx).unwrap();
    assert_eq!(p.annotations.len(), 5);
    let quote = p.annotations.iter().find(|a| a.label == "quote").unwrap();
    let link = p.links.iter().find(|l| l.from == quote.id).unwrap();
    assert_eq!(link.kind, LinkKind::SaidBy);
    assert_eq!(p.annotation(&link.to).unwrap().text, "Karim Jassim");
    assert!(p.annotations.iter().all(|a| a.annotator == "ana"));
    let fig = p.annotations.iter().find(|a| a.label == "figure").unwrap();
    assert!(fig.attrs.from_text && fig.attrs.low == Some(2_500_000.0));
    // Now annotated, nothing is proposed again, and accepting again adds nothing.
    assert!(run(&p, &t, &d, &PatternSet::new()).is_empty());
    let (_, again) = accept(&p, &t, &s, None, "ana").unwrap();
    assert_eq!((again.added.len(), again.duplicates), (0, 3));
    h.undo(&mut p).unwrap();
    assert_eq!(p, before);
}

#[test]
fn a_rejected_suggestion_is_not_proposed_again_but_another_rules_is() {
    let (mut p, t, d) = project();
    let s = run(&p, &t, &d, &PatternSet::new());
    let mut h = History::new();
    let tx = reject(&p, &s[2..]).unwrap();
    assert_eq!(tx.name, "Reject quote suggestion");
    h.apply(&mut p, tx).unwrap();
    assert!(reject(&p, &s[2..]).is_none(), "remembered once");
    h.undo(&mut p).unwrap();
    assert!(p.rejected.is_empty());
    h.redo(&mut p).unwrap();
    assert_eq!(p.rejected, vec![s[2].rejection()]);
    let after = run(&p, &t, &d, &PatternSet::new());
    assert_eq!(after.len(), 2);
    assert!(after.iter().all(|x| x.rule != "quote"));
    // The same span from a pattern is another suggestion.
    let mut pats = PatternSet::new();
    pats.add_text(
        r#"{"label": "QUOTE", "pattern": "We will not leave this square"}"#,
        std::path::Path::new("q.jsonl"),
        "q.jsonl",
    )
    .unwrap();
    pats.build().unwrap();
    let with = run(&p, &t, &d, &pats);
    assert!(
        with.iter()
            .any(|x| x.rule == "q.jsonl:1" && x.label == "quote")
    );
}

#[test]
fn an_existing_source_is_linked_instead_of_made_again() {
    let (mut p, t, d) = project();
    let at = TEXT.find("Karim").unwrap();
    let src = crate::model::Annotation::new(
        d.clone(),
        &t,
        t.char_of(at),
        t.char_of(at) + 12,
        "source",
        "x",
    )
    .unwrap();
    let id = src.id.clone();
    p.annotations.push(src);
    let s = run(&p, &t, &d, &PatternSet::new());
    let quote = s.iter().find(|s| s.rule == "quote").unwrap();
    assert_eq!(quote.said_by.as_ref().unwrap().existing.as_ref(), Some(&id));
    let (tx, report) = accept(&p, &t, std::slice::from_ref(quote), Some("claim"), "ana").unwrap();
    assert_eq!((report.sources, report.links), (0, 1));
    assert_eq!(tx.name, "Accept claim suggestion");
}

#[test]
fn what_a_worker_thread_needs_can_be_sent() {
    fn sendable<T: Send + Sync>() {}
    sendable::<PatternSet>();
    sendable::<Suggestion>();
    sendable::<crate::edit::Transaction>();
}
