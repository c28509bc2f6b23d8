//! The sample project in `projects/rally-coverage` is our demo and the data other tests
//! and screenshots rely on: it must open cleanly, carry real, well-formed annotations,
//! and survive a load/save cycle byte for byte.

use sourcemark::model::{Annotation, CONTEXT_CHARS, LabelKind, LinkKind, Precision, Project};
use sourcemark::store;
use sourcemark::workspace::Workspace;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("projects/rally-coverage/project.ron")
}

fn open() -> Workspace {
    let (ws, notices) = Workspace::open(&sample_path()).unwrap();
    let notices: Vec<String> = notices.iter().map(ToString::to_string).collect();
    assert!(
        notices.is_empty(),
        "sample project opened with notices: {notices:?}"
    );
    ws
}

fn kind_of(p: &Project, a: &Annotation) -> LabelKind {
    p.labels
        .get(&a.label)
        .unwrap_or_else(|| panic!("{a}: unknown label"))
        .kind
}

/// `text[start:end]` as Python would compute it: chars, end-exclusive. Independent of
/// `DocText`, so a bug in the offset index cannot hide a bad span.
fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn sample_documents_have_their_metadata() {
    let ws = open();
    let p = &ws.project;
    assert_eq!(p.name, "Baghdad rally coverage");
    assert_eq!(p.documents.len(), 5);
    let outlets: BTreeSet<&str> = p.documents.iter().map(|d| d.outlet.as_str()).collect();
    assert_eq!(outlets.len(), 5, "one document per outlet: {outlets:?}");
    for d in &p.documents {
        assert!(!d.title.is_empty(), "{}: no title", d.id);
        assert!(!d.outlet.is_empty(), "{}: no outlet", d.id);
        assert!(d.published.is_some(), "{}: no date", d.id);
        assert_eq!(d.language, "en", "{}", d.id);
        assert!(d.path.starts_with("articles/"), "{}: {}", d.id, d.path);
        assert!(
            d.url.is_empty() || d.url.starts_with("https://"),
            "{}: {}",
            d.id,
            d.url
        );
        assert!(ws.text(&d.id).is_some(), "{}: article not loaded", d.id);
    }
}

#[test]
fn sample_spans_cover_exactly_their_text() {
    let ws = open();
    let p = &ws.project;
    assert!(
        p.annotations.len() >= 40,
        "{} annotations",
        p.annotations.len()
    );
    for d in &p.documents {
        assert!(
            !p.annotations_of(&d.id).is_empty(),
            "{}: not annotated",
            d.id
        );
    }
    let mut ids = BTreeSet::new();
    for a in &p.annotations {
        assert!(ids.insert(a.id.clone()), "duplicate id {}", a.id);
        assert!(
            a.id.as_str().len() == 12 && a.id.as_str().chars().all(|c| c.is_ascii_hexdigit()),
            "{a}: id is not 12 hex digits"
        );
        assert!(!a.orphaned, "{a}: orphaned");
        let text = ws.text(&a.doc).unwrap().as_str();
        // A split quote's text is its ranges' texts joined by one space, as brat joins.
        let pieces: Vec<String> = a
            .ranges()
            .map(|r| char_slice(text, r.start, r.end))
            .collect();
        assert_eq!(pieces.join(" "), a.text, "{a}");
        for piece in &pieces {
            assert_eq!(piece.trim(), piece, "{a}: a range has outer whitespace");
        }
        let before = char_slice(text, a.start.saturating_sub(CONTEXT_CHARS), a.start);
        let after = char_slice(text, a.end, a.end + CONTEXT_CHARS);
        assert_eq!(a.prefix, before, "{a}: prefix");
        assert_eq!(a.suffix, after, "{a}: suffix");
        assert_eq!(a.annotator, "demo", "{a}");
        assert!(a.created <= a.modified, "{a}: modified before created");
        kind_of(p, a);
    }
}

#[test]
fn sample_attributes_are_filled_in() {
    let ws = open();
    let p = &ws.project;
    let mut crowd = Vec::new();
    let mut troops = Vec::new();
    let (mut figures, mut quotes, mut claims) = (0, 0, 0);
    for a in &p.annotations {
        match kind_of(p, a) {
            LabelKind::Figure => {
                figures += 1;
                let value = a.attrs.value.unwrap_or_else(|| panic!("{a}: no value"));
                assert!(a.attrs.unit.is_some(), "{a}: no unit");
                assert!(a.attrs.counted.is_some(), "{a}: nothing counted");
                assert!(a.attrs.precision.is_some(), "{a}: no precision");
                match a.attrs.unit.as_deref() {
                    Some("people") => crowd.push(value),
                    Some("troops") => troops.push(value),
                    _ => {}
                }
            }
            LabelKind::Quote => {
                quotes += 1;
                let speaker = a.attrs.speaker.as_deref().unwrap_or("");
                assert!(!speaker.trim().is_empty(), "{a}: no speaker");
            }
            LabelKind::Claim => {
                claims += 1;
                assert!(
                    a.attrs.check_worthy.is_some(),
                    "{a}: check-worthiness unset"
                );
                // A verdict is only given on a claim someone judged worth checking.
                if a.attrs.verdict.is_some() {
                    assert_eq!(
                        a.attrs.check_worthy,
                        Some(true),
                        "{a}: verdict on unchecked claim"
                    );
                }
            }
            LabelKind::Other | LabelKind::Source => {}
        }
    }
    assert!(
        figures >= 10 && quotes >= 10 && claims >= 10,
        "{figures} {quotes} {claims}"
    );
    for want in [2_500_000.0, 3_000_000.0] {
        assert!(crowd.contains(&want), "crowd figures {crowd:?} lack {want}");
    }
    assert!(
        troops.contains(&5200.0),
        "troop figures {troops:?} lack 5200"
    );
    // "more than 2.5 million" is a lower bound, not an exact count.
    let more_than = p
        .annotations
        .iter()
        .find(|a| a.text == "more than 2.5 million")
        .unwrap();
    assert_eq!(more_than.attrs.precision, Some(Precision::AtLeast));
}

#[test]
fn sample_round_trips_byte_for_byte() {
    let path = sample_path();
    let on_disk = std::fs::read_to_string(&path).unwrap();
    let ws = open();
    assert_eq!(store::to_ron(&ws.project).unwrap(), on_disk);
    let loaded = store::load(&path).unwrap();
    assert_eq!(loaded, ws.project);
    assert_eq!(store::to_ron(&loaded).unwrap(), on_disk);
}

/// The source a link of `kind` from `a` leads to, by text, in `a`'s own document.
fn linked_sources<'p>(p: &'p Project, a: &Annotation, kind: &LinkKind) -> Vec<&'p Annotation> {
    p.links
        .iter()
        .filter(|l| l.from == a.id && l.kind == *kind)
        .filter_map(|l| p.annotation(&l.to))
        .collect()
}

#[test]
fn sample_says_who_said_what() {
    let ws = open();
    let p = &ws.project;
    let folded = |s: &str| s.to_lowercase();
    for l in &p.links {
        let (from, to) = (p.annotation(&l.from).unwrap(), p.annotation(&l.to).unwrap());
        assert_ne!(l.from, l.to, "self-link {}", l.id);
        if l.kind == LinkKind::SaidBy {
            assert_eq!(kind_of(p, to), LabelKind::Source, "{from} said by {to}");
            assert_eq!(
                from.doc, to.doc,
                "{from}: its source is in another document"
            );
        }
        if l.kind == LinkKind::Supports {
            assert_eq!(kind_of(p, from), LabelKind::Figure, "{from} supports {to}");
            assert_eq!(kind_of(p, to), LabelKind::Claim, "{from} supports {to}");
        }
    }
    let mut attributed = 0;
    for a in &p.annotations {
        let text = folded(ws.text(&a.doc).unwrap().as_str());
        let sources = linked_sources(p, a, &LinkKind::SaidBy);
        // A quote whose speaker the article names is linked to that name.
        if kind_of(p, a) == LabelKind::Quote {
            let speaker = folded(a.attrs.speaker.as_deref().unwrap_or(""));
            if text.contains(&speaker) {
                assert!(
                    sources.iter().any(|s| folded(&s.text) == speaker),
                    "{a}: not linked to a source span for {speaker}"
                );
                attributed += 1;
            }
        }
        if kind_of(p, a) == LabelKind::Figure {
            // A figure "per" someone is linked to them.
            if let Some((_, per)) = a
                .attrs
                .counted
                .as_deref()
                .unwrap_or("")
                .split_once(", per ")
            {
                let per = folded(per);
                assert!(
                    sources.iter().any(|s| {
                        let s = folded(&s.text);
                        per.contains(&s) || s.contains(&per)
                    }),
                    "{a}: not linked to its source {per}"
                );
            }
            // A figure inside a claim supports it.
            for c in p.annotations_of(&a.doc) {
                if kind_of(p, c) == LabelKind::Claim && c.start <= a.start && a.end <= c.end {
                    assert!(
                        p.links.iter().any(|l| l.from == a.id
                            && l.to == c.id
                            && l.kind == LinkKind::Supports),
                        "{a}: does not support the claim around it, {c}"
                    );
                }
            }
        }
    }
    assert!(attributed >= 15, "{attributed} quotes attributed");
    // The quotes the outlets split around "Sadr said in a tweet" are one quote each.
    let split: Vec<&Annotation> = p
        .annotations
        .iter()
        .filter(|a| !a.more.is_empty())
        .collect();
    assert!(split.len() >= 3, "{} split quotes", split.len());
    assert!(
        split
            .iter()
            .filter(|a| a.text.starts_with("Oh women, men and youth"))
            .all(|a| a.text.contains("Spread the word")),
        "the tweet is one quote"
    );
    // The same report in two outlets.
    assert!(p.links.iter().any(|l| l.kind == LinkKind::SameAs
        && p.annotation(&l.from).unwrap().doc != p.annotation(&l.to).unwrap().doc));
}

#[test]
fn sample_clusters_span_the_outlets_that_report_each_question() {
    let ws = open();
    let p = &ws.project;
    let mut names: Vec<&str> = p.clusters.iter().map(|c| c.name.as_str()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "Crowd size",
            "The parliament vote",
            "US troops in Iraq",
            "Who called the rally"
        ]
    );
    for c in &p.clusters {
        let outlets: BTreeSet<&str> = p
            .cluster_members(&c.id)
            .filter_map(|a| p.document(&a.doc))
            .map(|d| d.outlet.as_str())
            .collect();
        assert!(outlets.len() >= 3, "{}: {outlets:?}", c.name);
    }
}
