//! Shared passages in the window, headless: found on a worker thread after the project
//! opens, marked in the article's margin with "also in <outlet>", a click on the marker
//! showing the other document with its side selected, and the carry of annotations
//! across (the command with the caret in a passage, or Ctrl+click on the marker), one
//! undo step.

mod ui_support;

use eframe::egui;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use sourcemark::model::{DocId, LinkKind};
use sourcemark::selection::Selection;
use sourcemark::ui::article::PassageMark;
use sourcemark::ui::command::{Command, UiCommand};
use std::time::{Duration, Instant};
use ui_support::*;

type H = egui_kittest::Harness<'static, sourcemark::ui::SourcemarkApp>;

/// Radio Habana Cuba's sentence taken word for word from Iran News.
const HASHEMI: &str = "Sayed Sadiq al-Hashemi, the director of the Iraqi Center for Studies";

/// Steps frames until the worker has found the passages of the texts as they are.
fn wait_for_passages(h: &mut H) {
    let end = Instant::now() + Duration::from_secs(60);
    while !h.state().passages.is_current() {
        assert!(Instant::now() < end, "the passages were never found");
        h.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    h.run();
}

fn show(h: &mut H, doc: &str) {
    h.state_mut()
        .session
        .as_mut()
        .unwrap()
        .select_doc(DocId::from(doc));
    h.run();
}

/// Brings `needle` of the current document to the middle of the view, with the
/// caret in it (a marker at the edge of the view stands for the passage there).
fn scroll_to(h: &mut H, needle: &str) -> std::ops::Range<usize> {
    let r = find_in_current(h, needle);
    let s = h.state_mut().session.as_mut().unwrap();
    let doc = s.current.clone().unwrap();
    s.selection = Selection::caret(doc, r.start + 3);
    h.state_mut().view.scroll_to(r.clone());
    for _ in 0..3 {
        h.run();
    }
    r
}

/// The marker for `other` beside the region holding `r`.
fn marker(h: &H, other: &str, r: &std::ops::Range<usize>) -> PassageMark {
    let marks = h.state().view.passage_marks().to_vec();
    marks
        .iter()
        .find(|m| {
            m.other == DocId::from(other) && m.region.start <= r.start && r.end <= m.region.end
        })
        .cloned()
        .unwrap_or_else(|| panic!("no marker for {other} at {r:?}: {marks:?}"))
}

/// Removes Radio Habana Cuba's annotations, as if nobody had tagged it yet.
fn clear_radio_habana_cuba(h: &mut H) {
    clear_doc(h, &DocId::from("radio-habana-cuba"));
}

#[test]
fn a_borrowed_sentence_is_marked_and_its_marker_shows_the_original_selected() {
    let (_p, mut h) = open_sample();
    wait_for_passages(&mut h);
    show(&mut h, "radio-habana-cuba");
    let r = scroll_to(&mut h, HASHEMI);
    let m = marker(&h, "iran-news", &r);
    assert_eq!(m.label, "also in Iran News");
    // The marker is a button a screen reader finds by what it says.
    assert!(h.query_all_by_label("also in Iran News").next().is_some());
    click_at(&mut h, m.rect.center(), Modifiers::NONE);
    let s = session(&h);
    let iran = DocId::from("iran-news");
    assert_eq!(s.current.as_ref(), Some(&iran));
    let sel = s
        .selection
        .text_range(&iran)
        .expect("the passage is selected");
    let text = s.current_text().unwrap();
    assert!(
        text.slice(sel.clone()).contains(HASHEMI),
        "{}",
        text.slice(sel.clone())
    );
    // In view: its first char is laid out on screen.
    h.run();
    let rect = h
        .state()
        .view
        .char_rect(sel.start)
        .expect("scrolled into view");
    assert!(h.ctx.content_rect().contains(rect.center()), "{rect:?}");
}

#[test]
fn at_900_by_600_the_marker_covers_none_of_the_lines_around_its_passage() {
    let (_p, mut h) = open_sample_sized(egui::vec2(900.0, 600.0));
    wait_for_passages(&mut h);
    show(&mut h, "radio-habana-cuba");
    let r = scroll_to(&mut h, HASHEMI);
    let m = marker(&h, "iran-news", &r);
    assert!(!m.in_margin, "no room right of the text at 900 px");
    assert_covers_no_char(
        &h,
        m.rect,
        m.region.start.saturating_sub(80)..m.region.end + 160,
    );
}

#[test]
fn in_a_wide_window_the_marker_is_beside_its_passage() {
    let (_p, mut h) = open_sample_sized(egui::vec2(1900.0, 900.0));
    wait_for_passages(&mut h);
    show(&mut h, "radio-habana-cuba");
    let r = scroll_to(&mut h, HASHEMI);
    let m = marker(&h, "iran-news", &r);
    assert!(m.in_margin);
    // Level with the first line of its region (which starts before al-Hashemi: the
    // sentence before it is Iran News's too).
    let first = h.state().view.char_rect(m.region.start).expect("on screen");
    assert!(m.region.start < r.start);
    let column_right = (m.region.start..m.region.end)
        .filter_map(|c| h.state().view.char_rect(c))
        .map(|c| c.right())
        .fold(f32::NEG_INFINITY, f32::max);
    assert!(m.rect.left() > column_right, "right of the text");
    assert!(
        (m.rect.top() - first.top()).abs() < 8.0,
        "level with the passage: {m:?} {first:?}"
    );
}

#[test]
fn the_command_carries_a_passage_s_annotations_across_in_one_undo_step() {
    let (_p, mut h) = open_sample();
    wait_for_passages(&mut h);
    clear_radio_habana_cuba(&mut h);
    let before = session(&h).project().clone();
    show(&mut h, "iran-news");
    // Nothing under the caret: the command says where to put it.
    let doc = DocId::from("iran-news");
    h.state_mut().session.as_mut().unwrap().selection = Selection::caret(doc, 0);
    h.state_mut().push(Command::Ui(UiCommand::CarryAnnotations));
    h.run();
    assert_eq!(*session(&h).project(), before);
    // The caret in al-Hashemi's sentence.
    let r = scroll_to(&mut h, HASHEMI);
    h.state_mut().push(Command::Ui(UiCommand::CarryAnnotations));
    h.run();
    let s = session(&h);
    let rhc = DocId::from("radio-habana-cuba");
    let mut carried: Vec<&str> = s
        .project()
        .annotations_of(&rhc)
        .iter()
        .map(|a| a.text.as_str())
        .collect();
    carried.sort();
    assert_eq!(
        carried,
        [
            "Sayed Sadiq al-Hashemi",
            "more than 2.5 million",
            "more than 2.5 million took part in the demonstrations on Friday"
        ]
    );
    for a in s.project().annotations_of(&rhc) {
        assert_eq!(a.annotator, "tester");
        assert!(
            s.project()
                .links
                .iter()
                .any(|l| l.from == a.id && l.kind == LinkKind::SameAs),
            "{} is linked to its original",
            a.text
        );
    }
    assert!(
        h.state()
            .notes
            .contains("3 carried, 0 already there, 0 not found")
    );
    assert_eq!(
        s.history.undo_name(),
        Some("Carry 3 annotations to Radio Habana Cuba")
    );
    // One undo takes it all back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(*session(&h).project(), before);

    // Ctrl+click on the marker does the same; a second time, nothing more.
    let m = marker(&h, "radio-habana-cuba", &r);
    click_at(&mut h, m.rect.center(), Modifiers::COMMAND);
    assert_eq!(session(&h).project().annotations_of(&rhc).len(), 3);
    assert_eq!(
        session(&h).current.as_ref(),
        Some(&DocId::from("iran-news"))
    );
    let m = marker(&h, "radio-habana-cuba", &r);
    click_at(&mut h, m.rect.center(), Modifiers::COMMAND);
    assert_eq!(session(&h).project().annotations_of(&rhc).len(), 3);
    assert!(h.state().notes.contains("0 carried, 3 already there"));
}

#[test]
fn the_carry_command_is_in_the_compare_menu_and_the_palette() {
    assert_eq!(
        UiCommand::CarryAnnotations.group(),
        sourcemark::ui::command::Group::Compare
    );
    let (_p, mut h) = open_sample();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    h.get_by(|n| n.data().placeholder() == Some("Type a command"))
        .type_text("carry annotations");
    h.run();
    assert!(
        h.query_all_by_label_contains("Carry annotations to the other outlet")
            .next()
            .is_some()
    );
}
