//! Right-to-left text in the article view, headless: a drag across an Arabic phrase
//! selects exactly it, the Alt+drag from the middle of "من" into "بغداد" stores
//! what is highlighted, Shift+Left grows a selection forwards in an Arabic paragraph,
//! and a Latin name inside Arabic is selected on its own.

mod article_support;

use article_support::*;
use eframe::egui::{Key, Modifiers, pos2};
use egui_kittest::Harness;

const TEXT: &str = "قال المتحدث من بغداد إن عدد المشاركين تجاوز ٢٫٥ مليون، ونقلت وكالة Reuters ذلك.\n\n\
Organisers said 2.5 million came.\n";

fn open() -> Harness<'static, State> {
    let mut h = harness_with(Harness::builder().allow_missing_glyphs(), state(TEXT, &[]));
    sourcemark::ui::fonts::install(&h.ctx);
    h.run();
    h.run();
    h
}

#[test]
fn a_drag_across_an_arabic_phrase_selects_exactly_it() {
    let mut h = open();
    let t = h.state().text.clone();
    let s = find(&t, "من بغداد");
    // Right to left: the phrase's first char is its rightmost.
    let (first, last) = (at(&h, s), at(&h, s + 7));
    assert!(first.x > last.x, "the phrase runs leftwards");
    drag(&mut h, first, last, Modifiers::NONE);
    let sel = h.state().sel().expect("a selection");
    assert_eq!(t.slice(sel), "من بغداد");
}

#[test]
fn an_alt_drag_from_the_middle_of_a_word_stores_what_is_highlighted() {
    // The case: from the middle of "من" into the next word of "من بغداد". The
    // drag starts right of the middle of م, so the boundary before it; it ends on the
    // left half of غ, so after it: "من بغ", the chars under the pointer's path.
    let mut h = open();
    let t = h.state().text.clone();
    let s = find(&t, "من بغداد");
    let m = h.state().view.char_rect(s).unwrap();
    let gh = h.state().view.char_rect(s + 4).unwrap();
    let from = pos2(m.center().x + 1.0, m.center().y);
    let to = pos2(gh.center().x - 1.0, gh.center().y);
    drag(&mut h, from, to, Modifiers::ALT);
    let sel = h.state().sel().expect("a selection");
    assert_eq!(t.slice(sel.clone()), "من بغ");
    // Every char stored lies between the two ends on screen, and none outside does.
    for c in s..s + 8 {
        let x = h.state().view.char_rect(c).unwrap().center().x;
        assert_eq!(sel.contains(&c), x < from.x && x > to.x, "char {c}");
    }
}

#[test]
fn a_latin_name_inside_arabic_is_selected_on_its_own() {
    let mut h = open();
    let t = h.state().text.clone();
    let r = find(&t, "Reuters");
    let (a, b) = (at(&h, r + 1), at(&h, r + 5));
    assert!(a.x < b.x, "Reuters runs rightwards inside the Arabic line");
    drag(&mut h, a, b, Modifiers::NONE);
    let sel = h.state().sel().expect("a selection");
    assert_eq!(t.slice(sel), "Reuters");
}

#[test]
fn shift_left_grows_a_selection_forwards_in_an_arabic_paragraph() {
    let mut h = open();
    let t = h.state().text.clone();
    let s = find(&t, "من بغداد");
    h.state_mut().set_sel(s..s);
    h.run();
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
        h.run();
    }
    let sel = h.state().sel().expect("a selection");
    assert_eq!(t.slice(sel), "من");
    // In the English paragraph below, Shift+Right grows it forwards as before.
    let e = find(&t, "Organisers");
    h.state_mut().set_sel(e..e);
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT | Modifiers::COMMAND, Key::ArrowRight);
    h.run();
    assert_eq!(t.slice(h.state().sel().unwrap()), "Organisers");
}

#[test]
fn home_and_end_go_to_the_logical_ends_of_an_arabic_line() {
    let mut h = open();
    let t = h.state().text.clone();
    let s = find(&t, "بغداد");
    h.state_mut().set_sel(s..s);
    h.run();
    let head = |h: &Harness<'static, State>| match &h.state().selection {
        sourcemark::selection::Selection::Text { head, .. } => *head,
        other => panic!("a caret, not {other:?}"),
    };
    h.key_press(Key::Home);
    h.run();
    assert_eq!(head(&h), 0, "Home: the line's start, at its right");
    h.key_press(Key::End);
    h.run();
    let end = head(&h);
    assert!(end > s, "End goes forwards: {end}");
    // The end of the first row, before the space where it wraps (the window is 900 px).
    let para_end = find(&t, "\n\n");
    assert!(end <= para_end);
}
