//! The window and the project file changed by someone else (another sourcemark, an
//! import, git): a save never overwrites the change, a merge keeps both, and a clean
//! project is simply read again. Also the question about article files outside the
//! project's folder.

mod ui_support;

use eframe::egui;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use sourcemark::model::{Annotation, Project};
use sourcemark::store;
use sourcemark::text::DocText;
use ui_support::*;

/// What another program does to the project file while the window has it open: load,
/// change, save (through the library, as `sourcemark import` would).
fn change_on_disk(path: &std::path::Path, change: impl FnOnce(&mut Project)) {
    let mut p = store::load(path).unwrap();
    change(&mut p);
    store::save(path, &p).unwrap();
}

/// An annotation on the first document's first word, made elsewhere.
fn their_annotation(path: &std::path::Path, p: &Project) -> Annotation {
    let doc = &p.documents[0];
    let text = sourcemark::text::read_article(&path.parent().unwrap().join(&doc.path)).unwrap();
    let t = DocText::new(text);
    let end = t.as_str().find(' ').map(|b| t.char_of(b)).unwrap();
    Annotation::new(doc.id.clone(), &t, 0, end, "claim", "someone-else").unwrap()
}

fn tag_quote(h: &mut egui_kittest::Harness<'_, sourcemark::ui::SourcemarkApp>) -> String {
    show_doc_containing(h, "“historic”");
    let r = find_in_current(h, "“historic”");
    select_text(h, r);
    h.run();
    h.key_press(Key::Num2);
    h.run();
    let s = h.state().session.as_ref().unwrap();
    s.selected().cloned().unwrap().to_string()
}

#[test]
fn a_save_over_a_change_on_disk_asks_and_merge_keeps_both_changes() {
    let (p, mut h) = open_sample();
    let mut theirs = None;
    change_on_disk(&p.path, |proj| {
        let a = their_annotation(&p.path, proj);
        theirs = Some(a.id.to_string());
        proj.annotations.push(a);
        proj.documents[1].outlet = "Changed on disk".into();
    });
    let theirs = theirs.unwrap();
    let mine = tag_quote(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    // Nothing was written over the other change.
    let on_disk = store::load(&p.path).unwrap();
    assert!(on_disk.annotation(&theirs.as_str().into()).is_some());
    assert!(on_disk.annotation(&mine.as_str().into()).is_none());
    h.get_by_label("The project changed on disk");
    h.get_by_label("Merge").click();
    h.run();
    h.run();
    let saved = store::load(&p.path).unwrap();
    assert!(
        saved.annotation(&theirs.as_str().into()).is_some(),
        "theirs kept"
    );
    assert!(
        saved.annotation(&mine.as_str().into()).is_some(),
        "mine kept"
    );
    assert_eq!(saved.documents[1].outlet, "Changed on disk");
    let s = h.state().session.as_ref().unwrap();
    assert!(!s.is_dirty(), "the merge was saved");
    assert_eq!(s.project(), &saved);
    assert!(h.state().notes.contains("Merged"));
    // Undo takes the merge back in one step: the window's own work stays.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let s = h.state().session.as_ref().unwrap();
    assert!(s.project().annotation(&theirs.as_str().into()).is_none());
    assert!(s.project().annotation(&mine.as_str().into()).is_some());
}

#[test]
fn the_same_field_changed_both_ways_asks_which_to_keep() {
    let (p, mut h) = open_sample();
    change_on_disk(&p.path, |proj| proj.documents[0].outlet = "Theirs".into());
    let mut doc = h.state().session.as_ref().unwrap().project().documents[0].clone();
    doc.outlet = "Mine".into();
    h.state_mut()
        .session
        .as_mut()
        .unwrap()
        .update_document(doc)
        .unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Merge").click();
    h.run();
    h.get_by_label("Both changed the same thing");
    h.get_by_label("Keep all theirs").click();
    h.run();
    h.get_by_label("Apply merge").click();
    h.run();
    h.run();
    let saved = store::load(&p.path).unwrap();
    assert_eq!(saved.documents[0].outlet, "Theirs");
    assert!(!h.state().session.as_ref().unwrap().is_dirty());
}

#[test]
fn cancelling_the_question_writes_nothing_and_keeps_the_work() {
    let (p, mut h) = open_sample();
    change_on_disk(&p.path, |proj| proj.name = "Renamed on disk".into());
    let disk = std::fs::read(&p.path).unwrap();
    let mine = tag_quote(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(std::fs::read(&p.path).unwrap(), disk);
    let s = h.state().session.as_ref().unwrap();
    assert!(s.is_dirty());
    assert!(s.project().annotation(&mine.as_str().into()).is_some());
}

#[test]
fn returning_to_the_window_reads_a_clean_project_again() {
    let (p, mut h) = open_sample();
    let mut theirs = None;
    change_on_disk(&p.path, |proj| {
        let a = their_annotation(&p.path, proj);
        theirs = Some(a.id.clone());
        proj.annotations.push(a);
    });
    h.event(egui::Event::WindowFocused(false));
    h.run();
    h.event(egui::Event::WindowFocused(true));
    h.run();
    let s = h.state().session.as_ref().unwrap();
    assert!(s.project().annotation(&theirs.unwrap()).is_some());
    assert!(!s.is_dirty());
    assert!(
        h.state()
            .notes
            .contains("changed on disk and was read again")
    );
}

#[test]
fn returning_with_unsaved_work_asks_and_reload_discards_only_when_confirmed() {
    let (p, mut h) = open_sample();
    change_on_disk(&p.path, |proj| proj.name = "Renamed on disk".into());
    let mine = tag_quote(&mut h);
    h.event(egui::Event::WindowFocused(true));
    h.run();
    h.get_by_label("The project changed on disk");
    h.get_by_label("Reload").click();
    h.run();
    h.get_by_label("Discard your changes?");
    h.get_by_label("Cancel").click();
    h.run();
    let s = h.state().session.as_ref().unwrap();
    assert!(s.project().annotation(&mine.as_str().into()).is_some());
    // Asked once per change: coming back again does not ask again.
    h.event(egui::Event::WindowFocused(true));
    h.run();
    assert!(h.query_by_label("The project changed on disk").is_none());
    // Reload, confirmed, reads the file.
    h.state_mut()
        .push(sourcemark::ui::command::UiCommand::Save.into());
    h.run();
    h.get_by_label("Reload").click();
    h.run();
    h.get_by_label("Discard and reload").click();
    h.run();
    let s = h.state().session.as_ref().unwrap();
    assert_eq!(s.project().name, "Renamed on disk");
    assert!(s.project().annotation(&mine.as_str().into()).is_none());
    assert!(!s.is_dirty());
}

#[test]
fn articles_outside_the_project_folder_are_read_only_once_the_person_agrees() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("a.txt"), "A text kept outside the project.").unwrap();
    let proj_dir = dir.path().join("project");
    std::fs::create_dir_all(&proj_dir).unwrap();
    let path = proj_dir.join("p.ron");
    let mut ws = sourcemark::workspace::Workspace::create(&path, "p");
    ws.add_article(&elsewhere.join("a.txt")).unwrap();
    assert_eq!(ws.project.documents[0].path, "../elsewhere/a.txt");
    ws.save().unwrap();
    let config = dir.path().join("config");

    let mut h = harness(options(Some(&path), &config));
    h.get_by_label("Read files outside the project folder?");
    assert!(
        h.state().session.as_ref().unwrap().current_text().is_none(),
        "nothing read before the answer"
    );
    h.get_by_label("Read them").click();
    h.run();
    let text = h.state().session.as_ref().unwrap().current_text().unwrap();
    assert_eq!(text.as_str(), "A text kept outside the project.");
    drop(h);

    // Asked once per project: the next start reads them without asking.
    let mut h = harness(options(Some(&path), &config));
    h.run();
    assert!(
        h.query_by_label("Read files outside the project folder?")
            .is_none()
    );
    assert!(h.state().session.as_ref().unwrap().current_text().is_some());
}

#[test]
fn not_now_leaves_a_way_to_read_outside_articles_later() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("elsewhere")).unwrap();
    std::fs::write(dir.path().join("elsewhere/a.txt"), "Kept elsewhere.").unwrap();
    std::fs::create_dir_all(dir.path().join("project")).unwrap();
    let path = dir.path().join("project/p.ron");
    let mut ws = sourcemark::workspace::Workspace::create(&path, "p");
    ws.add_article(&dir.path().join("elsewhere/a.txt")).unwrap();
    ws.save().unwrap();
    let config = dir.path().join("config");
    let mut h = harness(options(Some(&path), &config));
    h.get_by_label("Not now").click();
    h.run();
    assert!(h.state().session.as_ref().unwrap().current_text().is_none());
    h.get_by_label_contains("outside the project folder and was not read");
    h.get_by_label("Read files outside the project folder")
        .click();
    h.run();
    let text = h.state().session.as_ref().unwrap().current_text().unwrap();
    assert_eq!(text.as_str(), "Kept elsewhere.");
}

#[test]
fn reload_from_disk_reads_a_clean_project_at_once() {
    let (p, mut h) = open_sample();
    change_on_disk(&p.path, |proj| proj.name = "Renamed on disk".into());
    h.state_mut()
        .push(sourcemark::ui::command::UiCommand::ReloadFromDisk.into());
    h.run();
    let s = h.state().session.as_ref().unwrap();
    assert_eq!(s.project().name, "Renamed on disk");
    assert!(!s.is_dirty());
}
