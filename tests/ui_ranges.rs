//! Spans of several ranges in the window, headless: Ctrl+drag adds a range to the
//! selected annotation (a Ctrl+click still adds to the selection), every range is the
//! same annotation to the pointer, the annotation list finds it by any range, and the
//! inspector removes a range; each step undoes.

mod ui_support;

use eframe::egui;
use egui::{Key, Modifiers, Pos2};
use egui_kittest::kittest::Queryable;
use sourcemark::model::AnnotationId;
use sourcemark::selection::Selection;
use ui_support::*;

type H = egui_kittest::Harness<'static, sourcemark::ui::SourcemarkApp>;

const FIRST: &str = "Get out, get out occupier!";
const SECOND: &str = "Yes to sovereignty!";

fn annotation(h: &H, id: &AnnotationId) -> sourcemark::model::Annotation {
    session(h).project().annotation(id).unwrap().clone()
}

/// The sample's first article without its annotations, with `FIRST` tagged as a quote
/// (and selected).
fn setup() -> (TestProject, H, AnnotationId) {
    let (p, mut h) = open_sample();
    show_doc_containing(&mut h, FIRST);
    clear_current(&mut h);
    let r = find_in_current(&h, FIRST);
    select_text(&mut h, r);
    h.run();
    h.key_press(Key::Num2);
    h.run();
    let id = selected(&h).expect("the quote is selected");
    (p, h, id)
}

/// Where char `c` of the current document is on screen (laid out first).
fn char_at(h: &mut H, c: usize) -> Pos2 {
    if h.state().view.char_rect(c).is_none() {
        h.state_mut().view.scroll_to(c..c + 1);
        h.run();
        h.run();
    }
    h.state().view.char_rect(c).expect("char laid out").center()
}

#[test]
fn ctrl_drag_adds_a_range_that_is_the_same_annotation_and_undo_takes_it_back() {
    let (_p, mut h, id) = setup();
    let second = find_in_current(&h, SECOND);
    // From inside "Yes" to inside "sovereignty": snapped to the words.
    let from = char_at(&mut h, second.start + 1);
    let to = char_at(&mut h, second.end - 3);
    drag(&mut h, from, to, Modifiers::COMMAND);
    let a = annotation(&h, &id);
    assert_eq!(a.ranges().count(), 2, "{a}");
    assert_eq!(a.more[0].start, second.start);
    assert!(
        a.more[0].end >= second.end - 1,
        "{:?} vs {second:?}",
        a.more
    );
    assert!(
        a.text
            .starts_with("Get out, get out occupier! Yes to sovereignty"),
        "{}",
        a.text
    );
    assert_eq!(
        session(&h).selection,
        Selection::one(id.clone()),
        "still selected"
    );
    let doc = session(&h).current.clone().unwrap();
    assert_eq!(
        session(&h).project().annotations_of(&doc).len(),
        1,
        "no new annotation"
    );
    // Both ranges are the one annotation: hovering either names it, a click on the
    // second selects it.
    h.key_press(Key::Escape);
    h.run();
    let p = char_at(&mut h, second.start + 2);
    h.hover_at(p);
    h.run();
    h.run();
    click_at(&mut h, p, Modifiers::NONE);
    assert_eq!(session(&h).selection, Selection::one(id.clone()));
    // The gap between the ranges is not the annotation: a click there places a caret.
    let gap = find_in_current(&h, "” and “");
    let p = char_at(&mut h, gap.start + 2);
    click_at(&mut h, p, Modifiers::NONE);
    assert!(session(&h).selection.annotations().is_empty());
    // The list finds it by words of the second range.
    h.get_by(|n| n.data().placeholder() == Some("Search annotations"))
        .type_text("sovereignty");
    h.run();
    h.get_by(|n| {
        n.data()
            .label()
            .is_some_and(|l| l.starts_with("Quote") && l.contains("Yes to sovereignty"))
    });
    // Undo: one range again.
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let a = annotation(&h, &id);
    assert!(a.more.is_empty());
    assert_eq!(a.text, FIRST);
}

#[test]
fn ctrl_click_without_a_drag_still_adds_to_the_selection() {
    let (_p, mut h, quote) = setup();
    let r = find_in_current(&h, SECOND);
    select_text(&mut h, r.clone());
    h.run();
    h.key_press(Key::Num1);
    h.run();
    let claim = selected(&h).unwrap();
    h.state_mut()
        .session
        .as_mut()
        .unwrap()
        .select(Selection::one(quote.clone()));
    h.run();
    let p = char_at(&mut h, r.start + 2);
    click_at(&mut h, p, Modifiers::COMMAND);
    assert_eq!(session(&h).selection.annotations(), [quote.clone(), claim]);
    assert!(annotation(&h, &quote).more.is_empty(), "no range added");
}

#[test]
fn the_inspector_removes_a_range_and_undo_brings_it_back() {
    let (_p, mut h, id) = setup();
    let second = find_in_current(&h, SECOND);
    h.state_mut()
        .session
        .as_mut()
        .unwrap()
        .add_range(&id, second.clone())
        .unwrap();
    h.run();
    h.run();
    // The inspector lists both ranges, each with its text and a Remove button.
    h.get_by_label(&format!("“{FIRST}”"));
    h.get_by_label(&format!("“{SECOND}”"));
    assert_eq!(h.query_all_by_label("Remove").count(), 2);
    h.query_all_by_label("Remove").next().unwrap().click();
    h.run();
    let a = annotation(&h, &id);
    assert_eq!(
        a.range(),
        second,
        "the first range went, the second is the span"
    );
    assert_eq!(a.text, SECOND);
    assert!(a.more.is_empty());
    assert_eq!(
        h.query_all_by_label("Remove").count(),
        0,
        "one range: nothing to remove"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let a = annotation(&h, &id);
    assert_eq!(a.ranges().count(), 2);
    assert_eq!(a.text, format!("{FIRST} {SECOND}"));
    assert_eq!(session(&h).selection, Selection::one(id));
}

#[test]
fn nudging_the_end_of_a_split_quote_moves_its_last_range() {
    let (_p, mut h, id) = setup();
    let second = find_in_current(&h, SECOND);
    h.state_mut()
        .session
        .as_mut()
        .unwrap()
        .add_range(&id, second.clone())
        .unwrap();
    h.run();
    h.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    let a = annotation(&h, &id);
    assert_eq!(
        a.range(),
        find_in_current(&h, FIRST),
        "the first range stays"
    );
    assert_eq!(a.more[0].start, second.start);
    assert!(a.more[0].end < second.end, "{:?}", a.more);
}
