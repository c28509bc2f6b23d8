//! The window and the merge conflicts a project file records (what `sourcemark
//! merge-driver` writes when both branches changed one field): shown when the project
//! opens, settled with O and T, each one undo step, and gone from the file once saved.

mod ui_support;

use eframe::egui;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use sourcemark::model::{AnnotationId, Project};
use sourcemark::store;
use sourcemark::ui::command::{Command, UiCommand};
use ui_support::*;

/// The sample project as a merge of two branches left it: the first annotation
/// relabelled both ways, the second noted both ways. Returns the two annotations' ids
/// and (ours, theirs) labels.
fn conflicted(path: &std::path::Path) -> (AnnotationId, AnnotationId, String, String) {
    let base: Project = store::load(path).unwrap();
    let first = base.annotations[0].clone();
    let others: Vec<String> = base
        .labels
        .iter()
        .map(|l| l.id.clone())
        .filter(|l| *l != first.label)
        .collect();
    let (our_label, their_label) = (others[0].clone(), others[1].clone());
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.annotations[0].label = our_label.clone();
    theirs.annotations[0].label = their_label.clone();
    ours.annotations[1].note = "ours: checked".into();
    theirs.annotations[1].note = "theirs: doubtful".into();
    let merged = sourcemark::merge::merge(&base, &ours, &theirs)
        .unwrap()
        .into_recorded();
    assert_eq!(merged.conflicts.len(), 2);
    store::save(path, &merged).unwrap();
    (
        first.id,
        base.annotations[1].id.clone(),
        our_label,
        their_label,
    )
}

fn conflicts(h: &egui_kittest::Harness<'_, sourcemark::ui::SourcemarkApp>) -> usize {
    session(h).project().conflicts.len()
}

fn label_of(
    h: &egui_kittest::Harness<'_, sourcemark::ui::SourcemarkApp>,
    id: &AnnotationId,
) -> String {
    session(h).project().annotation(id).unwrap().label.clone()
}

#[test]
fn recorded_conflicts_show_on_open_and_o_and_t_settle_them_one_undo_step_each() {
    let p = sample_project();
    let (first, second, ours, theirs) = conflicted(&p.path);
    let mut h = harness(options(Some(&p.path), &p.config));
    assert!(h.state().recorded.is_open(), "shown when the project opens");
    h.get_by_label_contains("left 2 conflict(s)");
    assert_eq!(label_of(&h, &first), ours, "the file holds ours");

    // T takes theirs for the first conflict (the list is in record order).
    let first_is_label = session(&h).project().conflicts[0].field.as_deref() == Some("label");
    if !first_is_label {
        h.key_press(Key::ArrowDown);
        h.run();
    }
    h.key_press(Key::T);
    h.run();
    assert_eq!(label_of(&h, &first), theirs);
    assert_eq!(conflicts(&h), 1);
    assert_eq!(
        session(&h).selected(),
        Some(&second),
        "the next conflict's annotation is shown"
    );

    // One undo step puts the conflict and ours back; redo takes theirs again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(label_of(&h, &first), ours);
    assert_eq!(conflicts(&h), 2);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(label_of(&h, &first), theirs);
    assert_eq!(conflicts(&h), 1);

    // O keeps ours for the note: the value stays, the entry goes.
    h.key_press(Key::O);
    h.run();
    assert_eq!(conflicts(&h), 0);
    let note = &session(&h).project().annotation(&second).unwrap().note;
    assert_eq!(note, "ours: checked");
    h.get_by_label_contains("No merge conflict is left");

    // Esc closes the window; the menu's command opens it again.
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().recorded.is_open());
    h.state_mut().push(Command::Ui(UiCommand::MergeConflicts));
    h.run();
    assert!(h.state().recorded.is_open());
    h.key_press(Key::Escape);
    h.run();

    // Saved, the file records no conflict and holds both choices.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = store::load(&p.path).unwrap();
    assert!(saved.conflicts.is_empty());
    assert_eq!(saved.annotation(&first).unwrap().label, theirs);
    assert!(
        !std::fs::read_to_string(&p.path)
            .unwrap()
            .contains("conflicts:")
    );
}

#[test]
fn the_keys_belong_to_the_conflicts_window_while_it_is_open() {
    let p = sample_project();
    let (first, _, ours, _) = conflicted(&p.path);
    let mut h = harness(options(Some(&p.path), &p.config));
    // The annotation is selected by Show; a label key would retag it if the article
    // had the keys.
    h.key_press(Key::ArrowDown);
    h.key_press(Key::ArrowUp);
    h.run();
    h.key_press(Key::Num1);
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(conflicts(&h), 2);
    assert_eq!(label_of(&h, &first), ours);
    // A project without recorded conflicts opens without the window.
    let q = sample_project();
    let h = harness(options(Some(&q.path), &q.config));
    assert!(!h.state().recorded.is_open());
}

#[test]
fn the_conflicts_window_fits_a_small_window() {
    let p = sample_project();
    conflicted(&p.path);
    let mut h = harness_sized(options(Some(&p.path), &p.config), egui::vec2(900.0, 600.0));
    h.run();
    let keep = h.get_by_label_contains("Keep ours (O)");
    let r = keep.rect();
    assert!(r.max.x <= 900.0 && r.max.y <= 600.0, "{r:?}");
    let take = h.get_by_label_contains("Take theirs (T)");
    assert!(take.rect().max.x <= 900.0, "{:?}", take.rect());
}
