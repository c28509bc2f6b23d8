//! Curation in the window, headless: another annotator's copy of the sample is chosen
//! through the in-window chooser; the places they differ are listed and marked; N steps
//! through them, B takes the other's version, A keeps this project's, each undone by
//! Ctrl+Z; two annotators of one project are curated the same way.

mod ui_support;

use eframe::egui;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use sourcemark::curate::pairing::Kind;
use sourcemark::model::{Annotation, DocId, Project};
use sourcemark::text::DocText;
use sourcemark::ui::command::{Command, UiCommand};
use sourcemark::ui::curation_view::Status;
use ui_support::*;

type H = egui_kittest::Harness<'static, sourcemark::ui::SourcemarkApp>;

const DOC: &str = "iran-news";

fn first_of(p: &Project, label: &str) -> Annotation {
    p.annotations_of(&DocId::from(DOC))
        .iter()
        .find(|a| a.label == label && a.more.is_empty())
        .unwrap()
        .clone()
}

/// bob's copy of the sample, beside it: on iran-news one claim is a quote, the first
/// figure is gone, and a figure on "Baghdad" is new. Returns (relabelled, deleted, added).
fn bobs_copy(p: &TestProject) -> (Annotation, Annotation, Annotation) {
    let mut bob = sourcemark::store::load(&p.path).unwrap();
    let claim = first_of(&bob, "claim");
    let figure = first_of(&bob, "figure");
    let i = bob.annotation_index(&claim.id).unwrap();
    bob.annotations[i].label = "quote".into();
    bob.annotations.retain(|a| a.id != figure.id);
    bob.links
        .retain(|l| l.from != figure.id && l.to != figure.id);
    let d = bob.document(&DocId::from(DOC)).unwrap().clone();
    let text = std::fs::read_to_string(p.path.parent().unwrap().join(&d.path)).unwrap();
    let t = DocText::new(text.clone());
    let start = text.find("Baghdad").unwrap();
    let start = text[..start].chars().count();
    let added = Annotation::new(d.id.clone(), &t, start, start + 7, "figure", "bob").unwrap();
    bob.annotations.push(added.clone());
    bob.normalize();
    sourcemark::store::save(&p.path.with_file_name("bob.ron"), &bob).unwrap();
    (claim, figure, added)
}

fn curate_against_bob(h: &mut H, p: &TestProject) {
    use_builtin_chooser(h);
    h.state_mut()
        .push(Command::Ui(UiCommand::CurateAgainstProject));
    h.run();
    type_chooser_path(h, &p.path.with_file_name("bob.ron"));
    h.run();
    h.run();
}

fn status(h: &H, place: &(DocId, usize)) -> Status {
    let app = h.state();
    app.curation
        .status(app.session.as_ref().unwrap(), place)
        .unwrap()
}

fn key(h: &mut H, k: Key) {
    h.key_press(k);
    h.run();
    h.run();
}

#[test]
fn against_another_project_keys_step_take_keep_and_undo() {
    let (p, mut h) = open_sample();
    let (claim, figure, added) = bobs_copy(&p);
    h.state_mut()
        .push(Command::SelectDocument(DocId::from(DOC)));
    h.run();
    curate_against_bob(&mut h, &p);
    let c = session(&h).curation.clone().expect("a curation is open");
    assert_eq!(c.names[1], "bob.ron");
    let items = &c.doc(&DocId::from(DOC)).unwrap().items;
    let kind_of = |id: &sourcemark::model::AnnotationId| {
        items
            .iter()
            .position(|it| {
                it.a.as_ref().is_some_and(|a| &a.id == id)
                    || it.b.as_ref().is_some_and(|b| &b.id == id)
            })
            .map(|i| (i, items[i].kind))
            .unwrap()
    };
    let (relabel_at, k) = kind_of(&claim.id);
    assert_eq!(k, Kind::DifferentLabel);
    let (deleted_at, k) = kind_of(&figure.id);
    assert_eq!(k, Kind::OnlyA);
    let (added_at, k) = kind_of(&added.id);
    assert_eq!(k, Kind::OnlyB);
    assert_eq!(
        items.iter().filter(|i| i.kind.is_disagreement()).count(),
        3,
        "nothing else differs on iran-news"
    );
    // The panel names both sides and the figures.
    h.get_by_label("A: this project");
    h.get_by_label("B: bob.ron");
    assert!(
        h.query_all_by_label_contains("This document: κ")
            .next()
            .is_some()
    );
    assert!(
        h.query_all_by_label_contains("Project (5 documents)")
            .next()
            .is_some()
    );

    // Beginning put the curator on the first disagreement; step to each in order.
    let mut order = [relabel_at, deleted_at, added_at];
    order.sort();
    let doc = DocId::from(DOC);
    let cursor = |h: &H| h.state().curation.cursor().cloned();
    assert_eq!(cursor(&h), Some((doc.clone(), order[0])));
    key(&mut h, Key::N);
    assert_eq!(cursor(&h), Some((doc.clone(), order[1])));
    h.key_press_modifiers(Modifiers::SHIFT, Key::N);
    h.run();
    assert_eq!(cursor(&h), Some((doc.clone(), order[0])));

    // Go to the relabelled claim: B takes bob's label, in place; Ctrl+Z undoes it.
    h.state_mut()
        .push(Command::ShowPlace((doc.clone(), relabel_at)));
    h.run();
    assert_eq!(
        selected(&h),
        Some(claim.id.clone()),
        "the place's span is selected"
    );
    key(&mut h, Key::B);
    let now = session(&h).project().annotation(&claim.id).unwrap().clone();
    assert_eq!(now.label, "quote");
    assert_eq!(status(&h, &(doc.clone(), relabel_at)), Status::B);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        session(&h).project().annotation(&claim.id).unwrap().label,
        "claim"
    );
    assert_eq!(status(&h, &(doc.clone(), relabel_at)), Status::Open);

    // A keeps this project's figure: nothing changes, the place is settled, and Ctrl+Z
    // unsettles it without undoing anything else.
    let revision = session(&h).history.revision();
    h.state_mut()
        .push(Command::ShowPlace((doc.clone(), deleted_at)));
    h.run();
    key(&mut h, Key::A);
    assert_eq!(session(&h).history.revision(), revision);
    assert_eq!(status(&h, &(doc.clone(), deleted_at)), Status::A);
    assert!(session(&h).project().annotation(&figure.id).is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(status(&h, &(doc.clone(), deleted_at)), Status::Open);
    assert_eq!(session(&h).history.revision(), revision);

    // B on bob's new figure adds it; on the figure bob deleted, deletes it (and its
    // links, in the same step).
    h.state_mut()
        .push(Command::ShowPlace((doc.clone(), added_at)));
    h.run();
    key(&mut h, Key::B);
    let copies: Vec<_> = session(&h)
        .project()
        .annotations_of(&doc)
        .iter()
        .filter(|a| a.label == "figure" && a.text == "Baghdad")
        .cloned()
        .collect();
    assert_eq!(copies.len(), 1, "bob's figure is in this project now");
    assert_eq!(copies[0].annotator, "bob");
    h.state_mut().push(Command::TakeVersion(
        (doc.clone(), deleted_at),
        sourcemark::curate::Side::B,
    ));
    h.run();
    assert!(session(&h).project().annotation(&figure.id).is_none());
    assert!(
        !session(&h)
            .project()
            .links
            .iter()
            .any(|l| l.from == figure.id || l.to == figure.id)
    );
    // Two settled by B; the relabel is open again.
    let (total, settled) = {
        let app = h.state();
        app.curation.progress(app.session.as_ref().unwrap())
    };
    assert_eq!((total, settled), (3, 2));
    // The result is this project: saved, it loads with bob's figure and without the
    // deleted one.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = sourcemark::store::load(&p.path).unwrap();
    assert!(saved.annotation(&figure.id).is_none());
    assert!(
        saved
            .annotations
            .iter()
            .any(|a| a.text == "Baghdad" && a.annotator == "bob")
    );
}

#[test]
fn the_keys_do_nothing_without_a_curation_and_end_curation_closes_it() {
    let (p, mut h) = open_sample();
    bobs_copy(&p);
    let before = session(&h).project().clone();
    for k in [Key::A, Key::B, Key::N] {
        key(&mut h, k);
    }
    assert_eq!(session(&h).project(), &before);
    curate_against_bob(&mut h, &p);
    assert!(session(&h).curation.is_some());
    h.get_by_label("End curation").click();
    h.run();
    assert!(session(&h).curation.is_none());
}

#[test]
fn two_annotators_of_one_project_taking_one_deletes_the_others_span() {
    let (_p, mut h) = open_sample();
    h.state_mut()
        .push(Command::SelectDocument(DocId::from(DOC)));
    h.run();
    // The tester marks one of demo's figures again, as a claim.
    let figure = first_of(session(&h).project(), "figure");
    select_text(&mut h, figure.start..figure.end);
    h.run();
    key(&mut h, Key::Num1);
    let mine: Vec<Annotation> = session(&h)
        .project()
        .annotations
        .iter()
        .filter(|a| a.annotator == "tester")
        .cloned()
        .collect();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].label, "claim");
    h.state_mut().push(Command::Ui(UiCommand::CurateAnnotators));
    // Begins, shows the first place and scrolls to it.
    h.run_steps(8);
    let c = session(&h)
        .curation
        .clone()
        .expect("two annotators: begun at once");
    assert_eq!(c.names, ["demo".to_string(), "tester".to_string()]);
    let items = &c.doc(&DocId::from(DOC)).unwrap().items;
    // Take demo's figure over the tester's claim: the tester's is deleted.
    let at = items
        .iter()
        .position(|i| i.a.as_ref().is_some_and(|a| a.id == figure.id))
        .unwrap();
    assert_eq!(items[at].kind, Kind::DifferentLabel);
    h.state_mut()
        .push(Command::ShowPlace((DocId::from(DOC), at)));
    h.run();
    key(&mut h, Key::A);
    let p = session(&h).project();
    assert!(p.annotation(&figure.id).is_some());
    let claim = &mine[0];
    assert!(p.annotation(&claim.id).is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(session(&h).project().annotation(&claim.id).is_some());
}

#[test]
fn with_three_annotators_the_window_asks_which_two() {
    let (_p, mut h) = open_sample();
    {
        let s = h.state_mut().session.as_mut().unwrap();
        s.ws.project.annotations[0].annotator = "carol".into();
        s.ws.project.annotations[1].annotator = "tester".into();
    }
    h.state_mut().push(Command::Ui(UiCommand::CurateAnnotators));
    h.run();
    assert!(session(&h).curation.is_none(), "it asks first");
    // A is carol (the first by name), B demo; make B the tester.
    h.get_by_label("annotator B").click();
    h.run();
    h.get_by_label("tester").click();
    h.run();
    h.get_by_label("Begin").click();
    h.run_steps(8);
    let c = session(&h).curation.clone().expect("begun");
    assert_eq!(c.names, ["carol".to_string(), "tester".to_string()]);
}
