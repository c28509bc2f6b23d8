//! Reviewing suggestions, headless: on a sample article cleared of its annotations,
//! Ctrl+Shift+R finds the rules' suggestions off the UI thread; J steps, Enter accepts
//! (with the speaker and its link), X rejects (remembered in the saved file), a label
//! key accepts as that label, Shift+Enter accepts all of a label; each one undo step.

mod ui_support;

use eframe::egui;
use egui::{Key, Modifiers};
use sourcemark::model::DocId;
use sourcemark::suggest::Suggestion;
use ui_support::*;

type H = egui_kittest::Harness<'static, sourcemark::ui::SourcemarkApp>;

const DOC: &str = "iran-news";

/// Steps frames until the review's suggestions for the shown document are found.
fn found(h: &mut H) -> Vec<Suggestion> {
    for _ in 0..500 {
        h.step();
        let app = h.state();
        if let Some(l) = app.review.current(app.session.as_ref().unwrap())
            && !app.review.is_searching()
        {
            return l.to_vec();
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("no suggestions found in 5 s");
}

fn start(h: &mut H) -> Vec<Suggestion> {
    h.state_mut()
        .push(sourcemark::ui::command::Command::SelectDocument(
            DocId::from(DOC),
        ));
    h.run();
    clear_doc(h, &DocId::from(DOC));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::R);
    h.step();
    assert!(h.state().review.on);
    found(h)
}

fn press(h: &mut H, k: Key) {
    h.key_press(k);
    h.step();
    h.step();
}

fn count(h: &H) -> usize {
    session(h).project().annotations_of(&DocId::from(DOC)).len()
}

#[test]
fn enter_accepts_with_the_speaker_x_rejects_and_each_is_undone() {
    let (p, mut h) = start_sample();
    let list = start(&mut h);
    assert!(list.len() >= 5, "{list:?}");
    assert!(
        list.iter()
            .any(|s| s.label == "figure" && s.text.contains("2.5 million"))
    );
    // A quote with its speaker: accepting it brings its source and the link.
    let quote = list
        .iter()
        .position(|s| s.label == "quote" && s.said_by.is_some())
        .expect("Iran News quotes Sadr's statement, \"the statement said\"");
    press(&mut h, Key::J);
    assert_eq!(h.state().review.cursor, Some(0));
    let first = list[0].clone();
    press(&mut h, Key::Enter);
    assert!(count(&h) >= 1);
    let made = session(&h)
        .project()
        .annotations_of(&DocId::from(DOC))
        .iter()
        .find(|a| a.label == first.label && a.text == first.text)
        .cloned()
        .expect("the suggestion is an annotation now");
    assert_eq!(made.annotator, "tester");
    let after = found(&mut h);
    assert!(!after.contains(&first), "it is not suggested again");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.step();
    assert_eq!(count(&h), 0, "one undo takes the accept back");

    {
        let list = found(&mut h);
        let q = quote;
        h.state_mut().review.cursor = Some(q);
        let sg = list[q].clone();
        press(&mut h, Key::Enter);
        let p = session(&h).project();
        let a = p
            .annotations_of(&DocId::from(DOC))
            .iter()
            .find(|a| a.label == "quote" && a.text == sg.text)
            .unwrap();
        assert!(
            p.links
                .iter()
                .any(|l| l.from == a.id && l.kind == sourcemark::model::LinkKind::SaidBy),
            "the quote is said by its speaker"
        );
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.step();
        assert_eq!(count(&h), 0);
    }

    // X rejects: remembered, not proposed again, saved in the file; Ctrl+Z forgets it.
    let list = found(&mut h);
    h.state_mut().review.cursor = Some(0);
    let gone = list[0].clone();
    press(&mut h, Key::X);
    assert_eq!(session(&h).project().rejected.len(), 1);
    assert!(!found(&mut h).contains(&gone));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.step();
    assert!(session(&h).project().rejected.is_empty());
    assert!(
        found(&mut h).contains(&gone),
        "proposed again once the reject is undone"
    );
    press(&mut h, Key::X);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.step();
    let saved = sourcemark::store::load(&p.path).unwrap();
    assert_eq!(saved.rejected.len(), 1);
    assert_eq!(saved.rejected[0].rule, gone.rule);
}

#[test]
fn a_label_key_accepts_as_that_label_and_shift_enter_accepts_all_of_one_label() {
    let (_p, mut h) = start_sample();
    let list = start(&mut h);
    let fig = list.iter().position(|s| s.label == "figure").unwrap();
    h.state_mut().review.cursor = Some(fig);
    // Key 1 is the claim label: the figure's words become a claim.
    press(&mut h, Key::Num1);
    let p = session(&h).project();
    assert!(
        p.annotations_of(&DocId::from(DOC))
            .iter()
            .any(|a| a.label == "claim" && a.text == list[fig].text)
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.step();
    let list = found(&mut h);
    let figures = list.iter().filter(|s| s.label == "figure").count();
    assert!(figures >= 2, "{figures}");
    h.state_mut().review.cursor = list.iter().position(|s| s.label == "figure");
    h.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    h.step();
    h.step();
    let n = session(&h)
        .project()
        .annotations_of(&DocId::from(DOC))
        .iter()
        .filter(|a| a.label == "figure")
        .count();
    assert_eq!(n, figures);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.step();
    assert_eq!(count(&h), 0, "all of them in one undo step");
    // Escape ends the review; J is the view's again.
    press(&mut h, Key::Escape);
    assert!(!h.state().review.on);
}

fn start_sample() -> (TestProject, H) {
    open_sample()
}
