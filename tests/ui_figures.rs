//! A figure tagged in the window gets the numbers its words say, marked as read from
//! the text; moving its span reads the words again; typing a number makes the numbers
//! the annotator's, and the words no longer change them.

mod ui_support;

use eframe::egui;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use sourcemark::model::{Annotation, Precision};
use ui_support::*;

type H = egui_kittest::Harness<'static, sourcemark::ui::SourcemarkApp>;

const PHRASE: &str = "more than 2.5 million";

/// The selected annotation, as the project has it.
fn figure(h: &H) -> Annotation {
    let s = h.state().session.as_ref().unwrap();
    let id = s.selected().cloned().expect("an annotation is selected");
    s.project().annotation(&id).unwrap().clone()
}

/// The annotation `id`, as the project has it.
fn get(h: &H, id: &sourcemark::model::AnnotationId) -> Annotation {
    let s = h.state().session.as_ref().unwrap();
    s.project().annotation(id).unwrap().clone()
}

#[test]
fn a_tagged_figure_reads_its_words_until_a_number_is_typed() {
    let (_p, mut h) = open_sample_without_sources();
    show_doc_containing(&mut h, PHRASE);
    // The sample has this figure already: tag the same words again as a new one.
    let r = find_in_current(&h, PHRASE);
    select_text(&mut h, r);
    h.run();
    h.key_press(Key::Num3);
    h.run();
    let a = figure(&h);
    assert!(is_new(a.id.as_str()));
    assert_eq!(
        (
            a.attrs.value,
            a.attrs.low,
            a.attrs.precision,
            a.attrs.from_text
        ),
        (
            Some(2_500_000.0),
            Some(2_500_000.0),
            Some(Precision::AtLeast),
            true
        )
    );
    h.get_by_label("Read from its words; a number you type is yours");
    // The start one word right: "than 2.5 million" states no bound.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    h.run();
    let a = figure(&h);
    assert_eq!(a.text, "than 2.5 million");
    assert_eq!(
        (a.attrs.value, a.attrs.low, a.attrs.precision),
        (Some(2_500_000.0), None, Some(Precision::Approximate))
    );
    assert_eq!(
        h.state().session.as_ref().unwrap().history.undo_name(),
        Some("Move start")
    );
    // Typing a value: the numbers are the annotator's.
    let id = a.id.clone();
    replace_text(&mut h, "e.g. 2500000", "2,600,000");
    h.key_press(Key::Escape);
    h.run();
    let a = get(&h, &id);
    assert_eq!(
        (a.attrs.value, a.attrs.from_text),
        (Some(2_600_000.0), false)
    );
    assert!(
        h.query_by_label("Read from its words; a number you type is yours")
            .is_none()
    );
    // Now the span's words change nothing.
    h.state_mut()
        .push(sourcemark::ui::command::Command::SelectAnnotation(
            id.clone(),
        ));
    h.run();
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    h.run();
    let a = get(&h, &id);
    assert_eq!(a.text, PHRASE);
    assert_eq!(
        (a.attrs.value, a.attrs.precision),
        (Some(2_600_000.0), Some(Precision::Approximate))
    );
}

#[test]
fn relabelling_a_claim_as_a_figure_reads_its_number() {
    let (_p, mut h) = open_sample_without_sources();
    show_doc_containing(&mut h, "around 5,200 US troops");
    let r = find_in_current(&h, "around 5,200 US troops in the country");
    select_text(&mut h, r);
    h.run();
    h.key_press(Key::Num1);
    h.run();
    assert_eq!(figure(&h).attrs.value, None, "a claim has no numbers");
    h.key_press(Key::Num3);
    h.run();
    let a = figure(&h);
    assert_eq!(a.label, "figure");
    assert_eq!(
        (a.attrs.value, a.attrs.precision, a.attrs.counted.as_deref()),
        (Some(5200.0), Some(Precision::Approximate), Some("troops"))
    );
}
