//! Links in the window, headless: the source label added to an old project, a link made
//! with L, a click or Tab and Enter, and a kind key (the speaker taken from the source
//! in the same undo step), drawn between its ends on screen and as a marker to click
//! when the other end is below the screen or in another document, listed in the
//! inspector with jump and delete, and deleted with its annotation after a question.

mod ui_support;

use eframe::egui;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use sourcemark::model::{AnnotationId, LinkKind};
use sourcemark::selection::Selection;
use sourcemark::ui::article::MarkKind;
use sourcemark::ui::command::{Command, UiCommand};
use sourcemark::ui::session_links::Linking;
use ui_support::*;

type H = egui_kittest::Harness<'static, sourcemark::ui::SourcemarkApp>;

const SOURCE: &str = "Sayed Sadiq al-Hashemi";
const FIGURE: &str = "more than 2.5 million";
const QUOTE: &str = "Get out, get out occupier!";
const FAR: &str = "Iraqis had a right to protest";

/// Runs a command from the palette by typing its name.
fn palette(h: &mut H, name: &str) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    h.get_by(|n| n.data().placeholder() == Some("Type a command"))
        .type_text(name);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

/// The sample's first article (which names al-Hashemi) without its annotations, the
/// source label added from the palette, and a source span and a figure tagged.
fn linked_setup() -> (TestProject, H, AnnotationId, AnnotationId) {
    let (p, mut h) = open_sample_without_sources();
    show_doc_containing(&mut h, SOURCE);
    clear_current(&mut h);
    palette(&mut h, "Add the source label");
    let source = tag(&mut h, SOURCE, Key::Num4);
    let figure = tag(&mut h, FIGURE, Key::Num3);
    (p, h, source, figure)
}

#[test]
fn an_old_project_gets_the_source_label_from_the_palette_and_new_ones_have_it() {
    let (_p, mut h) = open_sample_without_sources();
    assert!(session(&h).project().labels.get("source").is_none());
    palette(&mut h, "Add the source label");
    let l = session(&h).project().labels.get("source").cloned().unwrap();
    assert_eq!(
        (l.kind, l.key),
        (sourcemark::model::LabelKind::Source, Some('4'))
    );
    assert!(
        !sourcemark::ui::menu::state(UiCommand::AddSourceLabel, Some(session(&h))).0,
        "offered once"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(session(&h).project().labels.get("source").is_none());
    // A new project has it from the start.
    let dir = tempfile::tempdir().unwrap();
    let s = sourcemark::ui::session::Session::create(&dir.path().join("new.ron")).unwrap();
    assert_eq!(
        s.project().labels.by_key('4').map(|l| l.id.as_str()),
        Some("source")
    );
}

#[test]
fn l_a_click_and_s_link_a_figure_to_its_source_in_one_undo_step_drawn_between_them() {
    let (_p, mut h, source, figure) = linked_setup();
    let revision = session(&h).history.revision();
    h.key_press(Key::L);
    h.run();
    assert_eq!(
        session(&h).linking,
        Some(Linking::Target {
            from: figure.clone()
        })
    );
    let r = find_in_current(&h, SOURCE);
    click_char(&mut h, r.start + 3, Modifiers::NONE);
    assert_eq!(
        session(&h).linking,
        Some(Linking::Kind {
            from: figure.clone(),
            to: source.clone()
        }),
        "the click chose the other end"
    );
    assert!(
        session(&h).project().links.is_empty(),
        "not before the kind"
    );
    h.get_by(|n| n.role() == Role::Window && n.data().label() == Some("Link kind"));
    h.key_press(Key::S);
    h.run();
    h.run();
    let s = session(&h);
    assert_eq!(s.linking, None);
    assert_eq!(s.project().links.len(), 1);
    let l = &s.project().links[0];
    assert_eq!(
        (&l.from, &l.to, &l.kind),
        (&figure, &source, &LinkKind::SaidBy)
    );
    let speaker = |h: &H| {
        session(h)
            .project()
            .annotation(&figure)
            .unwrap()
            .attrs
            .speaker
            .clone()
    };
    assert_eq!(speaker(&h).as_deref(), Some(SOURCE));
    assert_eq!(s.history.revision(), revision + 1, "one step");
    assert_eq!(s.selection, Selection::one(figure.clone()));
    // Drawn: a connector from the selected figure to its source, both on screen.
    let marks = h.state().view.link_marks().to_vec();
    assert_eq!(marks.len(), 1, "{marks:?}");
    assert_eq!(marks[0].kind, MarkKind::Connector);
    assert_eq!((&marks[0].this, &marks[0].other), (&figure, &source));
    assert!(marks[0].label.starts_with("said by"), "{}", marks[0].label);
    // Selecting the source draws the same link from its end.
    h.state_mut()
        .push(Command::SelectAnnotation(source.clone()));
    h.run();
    h.run();
    let marks = h.state().view.link_marks().to_vec();
    assert_eq!(marks.len(), 1);
    assert_eq!((&marks[0].this, &marks[0].other), (&source, &figure));
    assert!(marks[0].label.starts_with("says"), "{}", marks[0].label);
    // Nothing selected, nothing drawn.
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().view.link_marks().is_empty());
    // One undo takes back the link and the speaker.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(session(&h).project().links.is_empty());
    assert_eq!(speaker(&h), None);
    assert_eq!(session(&h).selection, Selection::one(source.clone()));
}

#[test]
fn tab_and_enter_choose_the_other_end_and_escape_cancels_each_step() {
    let (_p, mut h, source, figure) = linked_setup();
    // The figure is selected; L, then Escape: nothing happens, the figure stays.
    h.key_press(Key::L);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(session(&h).linking, None);
    assert_eq!(session(&h).selection, Selection::one(figure.clone()));
    // L, Shift+Tab back to the source, Enter, then Escape at the kind.
    h.key_press(Key::L);
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run();
    assert_eq!(selected(&h), Some(source.clone()));
    h.key_press(Key::Enter);
    h.run();
    assert!(matches!(session(&h).linking, Some(Linking::Kind { .. })));
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(session(&h).linking, None);
    assert!(session(&h).project().links.is_empty());
    // Again, to the end with U: supports.
    h.key_press(Key::L);
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    // While the kind is chosen, a label key does not relabel anything.
    h.key_press(Key::Num1);
    h.run();
    assert_eq!(
        session(&h).project().annotation(&source).unwrap().label,
        "source"
    );
    h.key_press(Key::U);
    h.run();
    let links = &session(&h).project().links;
    assert_eq!(links.len(), 1);
    assert_eq!(
        (&links[0].from, &links[0].to, &links[0].kind),
        (&figure, &source, &LinkKind::Supports)
    );
}

#[test]
fn a_far_end_gets_a_marker_that_jumps_and_the_inspector_lists_and_deletes_the_link() {
    let (_p, mut h, _source, figure) = linked_setup();
    let far = tag(&mut h, FAR, Key::Num1);
    let far_doc = session(&h).current.clone().unwrap();
    // A link from the figure to the claim at the bottom of the article.
    let s = h.state_mut().session.as_mut().unwrap();
    s.link(&figure, &far, LinkKind::Supports).unwrap();
    h.run();
    let r = find_in_current(&h, FIGURE);
    h.state_mut().view.scroll_to(r.clone());
    h.run();
    h.run();
    h.run();
    let marks = h.state().view.link_marks().to_vec();
    let marker = marks
        .iter()
        .find(|m| m.other == far)
        .unwrap_or_else(|| panic!("{marks:?}"))
        .clone();
    assert_eq!(marker.kind, MarkKind::Below, "{marks:?}");
    assert!(marker.label.contains("supports"), "{}", marker.label);
    // The inspector lists it, with the other end's text.
    h.get_by_label(&format!("“{FAR}”"));
    // A click on the marker selects the other end and brings it into view.
    h.get_by_label(&marker.label).click();
    h.run();
    h.run();
    h.run();
    assert_eq!(selected(&h), Some(far.clone()));
    let rf = find_in_current(&h, FAR);
    let rect = h.state().view.char_rect(rf.start).expect("scrolled to it");
    assert!(rect.top() > 0.0 && rect.bottom() < 800.0, "{rect:?}");
    // From there the figure is above: its marker says the link backwards.
    let marks = h.state().view.link_marks().to_vec();
    let back = marks.iter().find(|m| m.other == figure).unwrap();
    assert_eq!(back.kind, MarkKind::Above, "{marks:?}");
    assert!(back.label.contains("supported by"), "{}", back.label);
    // The inspector's Jump goes back along the link.
    h.get_by_label("Jump").click();
    h.run();
    h.run();
    assert_eq!(selected(&h), Some(figure.clone()));
    // A link to another document: a marker beside the figure, which changes document.
    show_doc_containing(&mut h, "Shamkhani");
    let other_doc = session(&h).current.clone().unwrap();
    assert_ne!(other_doc, far_doc);
    let elsewhere = session(&h).project().annotations_of(&other_doc)[0]
        .id
        .clone();
    let s = h.state_mut().session.as_mut().unwrap();
    s.link(&figure, &elsewhere, LinkKind::SameAs).unwrap();
    s.select(Selection::one(figure.clone()));
    h.state_mut().view.scroll_to(r.clone());
    h.run();
    h.run();
    h.run();
    let marks = h.state().view.link_marks().to_vec();
    let side = marks.iter().find(|m| m.other == elsewhere).unwrap();
    assert_eq!(side.kind, MarkKind::OtherDocument, "{marks:?}");
    assert!(side.label.contains(other_doc.as_str()), "{}", side.label);
    h.get_by_label(&side.label.clone()).click();
    h.run();
    h.run();
    assert_eq!(session(&h).current.as_ref(), Some(&other_doc));
    assert_eq!(selected(&h), Some(elsewhere.clone()));
    // Back on the figure, the inspector's Delete on the first link (supports) deletes
    // it alone; undo brings it back.
    h.state_mut()
        .push(Command::SelectAnnotation(figure.clone()));
    h.run();
    h.run();
    assert_eq!(session(&h).project().links.len(), 2);
    let deletes = h.query_all_by_label("Delete link").count();
    assert_eq!(deletes, 2, "one per link");
    h.query_all_by_label("Delete link").next().unwrap().click();
    h.run();
    let kinds: Vec<LinkKind> = session(&h)
        .project()
        .links
        .iter()
        .map(|l| l.kind.clone())
        .collect();
    assert_eq!(kinds.len(), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(session(&h).project().links.len(), 2);
}

#[test]
fn deleting_a_linked_annotation_asks_then_takes_its_links_and_undo_brings_all_back() {
    let (_p, mut h, source, figure) = linked_setup();
    let quote = tag(&mut h, QUOTE, Key::Num2);
    let s = h.state_mut().session.as_mut().unwrap();
    s.link(&figure, &source, LinkKind::SaidBy).unwrap();
    s.link(&quote, &source, LinkKind::SaidBy).unwrap();
    let before = s.project().clone();
    s.select(Selection::one(source.clone()));
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert!(
        session(&h).project().annotation(&source).is_some(),
        "asked first"
    );
    assert!(
        h.query_all_by(|n| n
            .value()
            .is_some_and(|l| l.contains("also deletes 2 links")))
            .next()
            .is_some(),
        "the question says how many links go"
    );
    // Cancel keeps everything.
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(*session(&h).project(), before);
    h.key_press(Key::Delete);
    h.run();
    h.get_by_label("Delete").click();
    h.run();
    let s = session(&h);
    assert!(s.project().annotation(&source).is_none());
    assert!(s.project().links.is_empty());
    assert_eq!(s.history.undo_name(), Some("Delete source and 2 links"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(*session(&h).project(), before);
    assert_eq!(session(&h).selection, Selection::one(source));
    // An annotation without links goes without a question.
    let lone = tag(&mut h, "Yes to sovereignty!", Key::Num1);
    h.key_press(Key::Delete);
    h.run();
    assert!(session(&h).project().annotation(&lone).is_none());
    assert!(h.state().dialog.is_none());
    assert!(session(&h).project().annotation(&figure).is_some());
}

#[test]
fn at_900_by_600_a_marker_to_another_document_covers_none_of_the_lines_around_its_end() {
    let (_p, mut h) = open_sample_sized(egui::vec2(900.0, 600.0));
    // The sample's 2.5 million figure in Iran News is the same as Radio Habana Cuba's.
    show_doc_containing(&mut h, FIGURE);
    let r = find_in_current(&h, FIGURE);
    let doc = session(&h).current.clone().unwrap();
    let figure = session(&h)
        .project()
        .annotations_of(&doc)
        .iter()
        .find(|a| a.range() == r && a.label == "figure")
        .unwrap()
        .id
        .clone();
    h.state_mut()
        .push(Command::SelectAnnotation(figure.clone()));
    for _ in 0..4 {
        h.run();
    }
    let marks = h.state().view.link_marks().to_vec();
    let side = marks
        .iter()
        .find(|m| m.kind == MarkKind::OtherDocument && m.this == figure)
        .unwrap_or_else(|| panic!("{marks:?}"));
    assert!(side.label.contains("radio-habana-cuba"), "{}", side.label);
    // No char of the figure's sentence, or of the lines after it, lies under it.
    assert_covers_no_char(&h, side.rect, r.start.saturating_sub(80)..r.end + 160);
}
