use super::choice::{ChoiceError, holds, initially, take};
use super::pairing::{Kind, pair_up};
use super::*;
use crate::edit::History;
use crate::model::{Document, Link, LinkId, LinkKind};
use crate::text::DocText;

const TEXT: &str = "Organisers said 2.5 million came; police said 300,000 came to the square.";

fn text() -> DocText {
    DocText::new(TEXT.into())
}

fn ann(label: &str, s: usize, e: usize, who: &str) -> Annotation {
    Annotation::new(DocId::from("d"), &text(), s, e, label, who).unwrap()
}

fn find(needle: &str) -> (usize, usize) {
    let s = TEXT.find(needle).unwrap();
    (s, s + needle.len())
}

fn project(anns: Vec<Annotation>) -> Project {
    let mut p = Project::new("t");
    p.documents
        .push(Document::new(DocId::from("d"), "d.txt", &text()));
    p.annotations = anns;
    p.normalize();
    p
}

fn at(label: &str, needle: &str, who: &str) -> Annotation {
    let (s, e) = find(needle);
    ann(label, s, e, who)
}

#[test]
fn pairing_marks_each_place_once_best_match_first() {
    let a = vec![
        at("figure", "2.5 million", "a"),
        at("claim", "police said 300,000 came", "a"),
        at("quote", "Organisers", "a"),
        at("figure", "square", "a"),
    ];
    let b = vec![
        at("figure", "2.5 million", "b"),
        // Same ranges, another label.
        at("figure", "police said 300,000 came", "b"),
        // Overlaps A's claim too, but the same-ranges pair is taken first.
        at("claim", "300,000", "b"),
        at("source", "the square", "b"),
    ];
    let items = pair_up(&a, &b);
    let kinds: Vec<(Kind, Option<&str>, Option<&str>)> = items
        .iter()
        .map(|i| {
            (
                i.kind,
                i.a.as_ref().map(|x| x.text.as_str()),
                i.b.as_ref().map(|x| x.text.as_str()),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        vec![
            (Kind::OnlyA, Some("Organisers"), None),
            (Kind::Agreed, Some("2.5 million"), Some("2.5 million")),
            (
                Kind::DifferentLabel,
                Some("police said 300,000 came"),
                Some("police said 300,000 came")
            ),
            (Kind::OnlyB, None, Some("300,000")),
            (Kind::DifferentLabel, Some("square"), Some("the square")),
        ]
    );
}

#[test]
fn an_overlap_prefers_the_same_label_then_the_larger_overlap() {
    let a = vec![at("claim", "police said 300,000", "a")];
    let b = vec![
        at("figure", "police said 300,000 came", "b"),
        at("claim", "300,000", "b"),
        at("claim", "said 300,000 came", "b"),
    ];
    let items = pair_up(&a, &b);
    let paired = items.iter().find(|i| i.a.is_some()).unwrap();
    assert_eq!(paired.kind, Kind::DifferentRanges);
    assert_eq!(paired.b.as_ref().unwrap().text, "said 300,000 came");
    assert_eq!(
        items.iter().filter(|i| i.kind == Kind::OnlyB).count(),
        2,
        "the others are B's alone"
    );
}

#[test]
fn against_another_project_taking_b_relabels_adds_and_deletes_and_undo_unsettles() {
    let figure = at("claim", "2.5 million", "alice");
    let only_a = at("quote", "Organisers", "alice");
    let mut mine = project(vec![figure.clone(), only_a.clone()]);
    mine.links.push(Link {
        id: LinkId::from("l"),
        from: figure.id.clone(),
        to: only_a.id.clone(),
        kind: LinkKind::SaidBy,
        note: String::new(),
    });
    let theirs = project(vec![
        at("figure", "2.5 million", "bob"),
        at("figure", "300,000", "bob"),
    ]);
    let c = Curation::with_project(&mine, &theirs, "bob.ron");
    assert_eq!(c.names, ["this project".to_string(), "bob.ron".to_string()]);
    let items = &c.docs[0].items;
    assert_eq!(c.docs[0].counts(), [0, 1, 0, 1, 1]);

    let mut h = History::new();
    let before = mine.clone();
    for it in items {
        assert_eq!(
            holds(it, &c.mode, &mine),
            initially(it, &c.mode),
            "unsettled"
        );
        // Keeping mine changes nothing.
        assert_eq!(take(it, Side::A, &c.mode, &mine).unwrap(), None);
        let tx = take(it, Side::B, &c.mode, &mine).unwrap().unwrap();
        h.apply(&mut mine, tx).unwrap();
        let (ha, hb) = holds(it, &c.mode, &mine);
        assert!(
            !ha && (hb == it.b.is_some()),
            "{:?} settled as B's",
            it.kind
        );
    }
    let kept = mine.annotation(&figure.id).unwrap();
    assert_eq!(kept.label, "figure", "relabelled in place");
    assert!(mine.annotation(&only_a.id).is_none(), "A's alone is gone");
    assert!(mine.links.is_empty(), "with its link, in the same step");
    assert!(mine.annotations.iter().any(|x| x.text == "300,000"));
    while h.undo(&mut mine).is_some() {}
    assert_eq!(mine, before);
    for it in items {
        assert_eq!(holds(it, &c.mode, &mine), initially(it, &c.mode));
    }
}

#[test]
fn two_annotators_in_one_project_taking_one_deletes_the_others_span() {
    let a1 = at("claim", "police said 300,000 came", "alice");
    let b1 = at("figure", "police said 300,000 came", "bob");
    let b2 = at("figure", "2.5 million", "bob");
    let mut p = project(vec![a1.clone(), b1.clone(), b2.clone()]);
    assert_eq!(annotators(&p), vec!["alice".to_string(), "bob".to_string()]);
    let c = Curation::by_annotators(&p, "alice", "bob");
    let items = &c.docs[0].items;
    assert_eq!(items.len(), 2);
    let tx = take(&items[1], Side::A, &c.mode, &p).unwrap().unwrap();
    tx.apply(&mut p).unwrap();
    assert!(p.annotation(&b1.id).is_none() && p.annotation(&a1.id).is_some());
    assert_eq!(holds(&items[1], &c.mode, &p), (true, false));
    // Keeping bob's lone figure changes nothing; dropping it deletes it.
    assert_eq!(take(&items[0], Side::B, &c.mode, &p).unwrap(), None);
    let tx = take(&items[0], Side::A, &c.mode, &p).unwrap().unwrap();
    tx.apply(&mut p).unwrap();
    assert!(p.annotation(&b2.id).is_none());
}

#[test]
fn a_span_changed_since_the_curation_began_is_not_overwritten() {
    let a1 = at("claim", "2.5 million", "alice");
    let mut mine = project(vec![a1.clone()]);
    let theirs = project(vec![at("figure", "2.5 million", "bob")]);
    let c = Curation::with_project(&mine, &theirs, "bob.ron");
    mine.annotations[0].label = "quote".into();
    let err = take(&c.docs[0].items[0], Side::B, &c.mode, &mine).unwrap_err();
    assert!(matches!(err, ChoiceError::Gone("A", _)), "{err}");
}

#[test]
fn a_label_this_project_lacks_cannot_be_taken_and_is_named() {
    let mut mine = project(vec![]);
    mine.labels.0.retain(|l| l.id != "source");
    let theirs = project(vec![at("source", "police", "bob")]);
    let c = Curation::with_project(&mine, &theirs, "bob.ron");
    assert_eq!(c.left_out_labels, vec!["source".to_string()]);
    let err = take(&c.docs[0].items[0], Side::B, &c.mode, &mine).unwrap_err();
    assert_eq!(err, ChoiceError::UnknownLabel("source".into()));
}

#[test]
fn documents_are_matched_by_their_text_and_scores_are_those_of_agree() {
    let mine = project(vec![
        at("figure", "2.5 million", "a"),
        at("figure", "300,000", "a"),
    ]);
    let mut theirs = project(vec![at("figure", "2.5 million", "b")]);
    // The same text under another id still pairs; another text does not.
    theirs.documents[0].id = DocId::from("renamed");
    for x in &mut theirs.annotations {
        x.doc = DocId::from("renamed");
    }
    let c = Curation::with_project(&mine, &theirs, "b");
    assert_eq!(c.docs.len(), 1);
    assert_eq!(c.docs[0].counts(), [1, 0, 0, 1, 0]);
    let r = c.scores(None);
    let f = &r.labels["figure"];
    // One of A's two figures matched; B's one matched: P = 1/2, R = 1, F1 = 2/3.
    assert!((f.f1_exact.unwrap() - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!((f.n_a, f.n_b), (2, 1));
    assert_eq!(c.scores(Some(&DocId::from("d"))), r);

    let mut other_text = theirs.clone();
    other_text.documents[0].sha256 = "0".repeat(64);
    other_text.documents[0].id = DocId::from("d");
    let c = Curation::with_project(&mine, &other_text, "b");
    assert!(c.docs.is_empty());
    assert_eq!((c.unshared, c.changed.clone()), (1, vec![DocId::from("d")]));
}
