//! An Arabic article in the whole window, headless: a drag across a phrase and a label
//! key store exactly that phrase; the annotation list and the title show Arabic in
//! display order; Arabic typed into the list's search field filters it.

mod ui_support;

use eframe::egui;
use egui::Modifiers;
use egui_kittest::kittest::Queryable;
use sourcemark::model::{DocId, Document, Project};
use sourcemark::text::DocText;
use ui_support::*;

type H = egui_kittest::Harness<'static, sourcemark::ui::SourcemarkApp>;

/// A project of the Arabic sample article, in a temporary folder.
fn arabic_project() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir.path().join("articles")).unwrap();
    let name = "baghdad-rally-ar.txt";
    let text = std::fs::read_to_string(repo.join("tests/data/rtl").join(name)).unwrap();
    std::fs::write(dir.path().join("articles").join(name), &text).unwrap();
    let mut p = Project::new("rtl");
    let mut d = Document::new(
        DocId::from("baghdad-rally-ar"),
        format!("articles/{name}"),
        &DocText::new(text),
    );
    d.title = "مئات الآلاف يتظاهرون في بغداد".into();
    d.outlet = "وكالة الرافدين".into();
    p.documents.push(d);
    let path = dir.path().join("project.ron");
    sourcemark::store::save(&path, &p).unwrap();
    let config = dir.path().join("config");
    (dir, path, config)
}

fn open() -> (tempfile::TempDir, std::path::PathBuf, H) {
    let (dir, path, config) = arabic_project();
    let mut h = harness(options(Some(&path), &config));
    h.run();
    (dir, path, h)
}

#[test]
fn a_dragged_arabic_phrase_is_tagged_exactly_and_listed_in_display_order() {
    let (_d, path, mut h) = open();
    let phrase = "ساحة الحرية";
    let r = find_in_current(&h, phrase);
    let first = h.state().view.char_rect(r.start).unwrap().center();
    let last = h.state().view.char_rect(r.end - 1).unwrap().center();
    assert!(first.x > last.x, "right to left on screen");
    drag(&mut h, first, last, Modifiers::NONE);
    assert_eq!(text_selection(&h), Some(r.clone()));
    h.key_press(egui::Key::Num1);
    h.run();
    let a = session(&h).project().annotations[0].clone();
    assert_eq!(a.text, phrase);
    assert_eq!((a.start, a.end), (r.start, r.end));
    // The list shows it as a reader sees it (display order, joined forms).
    let shown = sourcemark::bidi::display(phrase).into_owned();
    assert!(
        h.query_all_by_label_contains(&shown).next().is_some(),
        "the list shows {shown:?}"
    );
    // The title too.
    let title = sourcemark::bidi::display("مئات الآلاف يتظاهرون في بغداد").into_owned();
    assert!(h.query_all_by_label_contains(&title).next().is_some());
    // Saved, the span is the phrase in the file.
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::S);
    h.run();
    let saved = sourcemark::store::load(&path).unwrap();
    assert_eq!(saved.annotations[0].text, phrase);
}

#[test]
fn arabic_typed_in_the_lists_search_filters_it() {
    let (_d, _path, mut h) = open();
    for phrase in ["ساحة الحرية", "وكالة Reuters"] {
        let r = find_in_current(&h, phrase);
        select_text(&mut h, r);
        h.run();
        h.key_press(egui::Key::Num1);
        h.run();
    }
    assert_eq!(session(&h).project().annotations.len(), 2);
    // Nothing selected, so the inspector shows neither.
    h.state_mut().session.as_mut().unwrap().selection = sourcemark::selection::Selection::Nothing;
    h.run();
    replace_text(&mut h, "Search annotations", "الحرية");
    h.run();
    let reuters = sourcemark::bidi::display("وكالة Reuters").into_owned();
    assert!(
        h.query_all_by_label_contains(&reuters).next().is_none(),
        "filtered out"
    );
    let hurriya = sourcemark::bidi::display("ساحة الحرية").into_owned();
    assert!(h.query_all_by_label_contains(&hurriya).next().is_some());
}
