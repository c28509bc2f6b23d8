//! The window, headless: open, switch, tag, undo, delete, relabel, filter, save, close,
//! recover, find, drop files. Each test drives the whole app through eframe's `App`
//! trait and asserts on the project that results.

mod ui_support;

use eframe::egui;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};
use sourcemark::model::DocStatus;
use sourcemark::ui::command::Command;
use ui_support::*;

/// A seed phrase wrapped in curly quotes.
const QUOTE: &str = "“historic”";

fn annotations(
    h: &egui_kittest::Harness<'_, sourcemark::ui::SourcemarkApp>,
) -> Vec<(String, usize, usize, String)> {
    h.state()
        .session
        .as_ref()
        .unwrap()
        .project()
        .annotations
        .iter()
        .filter(|a| is_new(a.id.as_str()))
        .map(|a| (a.label.clone(), a.start, a.end, a.text.clone()))
        .collect()
}

/// Selects `needle` in the current document the way the view reports a selection, and
/// presses `key`.
fn tag(
    h: &mut egui_kittest::Harness<'_, sourcemark::ui::SourcemarkApp>,
    needle: &str,
    key: Key,
) -> std::ops::Range<usize> {
    let r = find_in_current(h, needle);
    select_text(h, r.clone());
    h.run();
    h.key_press(key);
    h.run();
    r
}

#[test]
fn opens_the_project_and_switches_documents() {
    let (_p, mut h) = open_sample();
    let app = h.state();
    let s = app.session.as_ref().expect("project open");
    assert!(s.project().documents.len() >= 5);
    assert_eq!(app.title(), "project.ron — sourcemark");
    let first = s.project().documents[0].id.clone();
    let second = s.project().documents[1].id.clone();
    let second_title = s.project().documents[1].title.clone();
    assert_eq!(s.current.as_ref(), Some(&first));
    // Click the second document in the list.
    h.get_by(|n| {
        n.role() == Role::Button && n.label().is_some_and(|l| l.starts_with(&second_title))
    })
    .click();
    h.run();
    assert_eq!(
        h.state().session.as_ref().unwrap().current.as_ref(),
        Some(&second)
    );
    // Ctrl+PageDown / Ctrl+PageUp step through the list.
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    let third = h.state().session.as_ref().unwrap().project().documents[2]
        .id
        .clone();
    assert_eq!(
        h.state().session.as_ref().unwrap().current.as_ref(),
        Some(&third)
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    h.run();
    assert_eq!(
        h.state().session.as_ref().unwrap().current.as_ref(),
        Some(&first)
    );
    // The status bar says where we are.
    h.get_by_label_contains("Document 1 of");
}

#[test]
fn label_key_tags_the_selection_and_undo_redo_work() {
    let (_p, mut h) = open_sample();
    show_doc_containing(&mut h, QUOTE);
    let r = tag(&mut h, QUOTE, Key::Num2);
    assert_eq!(
        annotations(&h),
        vec![("quote".into(), r.start, r.end, QUOTE.into())]
    );
    let id = selected(&h).expect("the new annotation is selected");
    let s = h.state().session.as_ref().unwrap();
    assert!(is_new(id.as_str()));
    assert_eq!(s.project().annotation(&id).unwrap().annotator, "tester");
    assert!(
        text_selection(&h).is_none(),
        "the text selection is used up"
    );
    assert!(
        h.state().title().starts_with("● "),
        "unsaved marker in the title"
    );
    // The Edit menu names what undo would undo.
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains("Undo Add quote");
    h.key_press(Key::Escape);
    h.run();

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(annotations(&h).is_empty(), "undo removes it");
    assert!(
        !h.state().title().starts_with("● "),
        "back to the saved state"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(annotations(&h).len(), 1, "Ctrl+Shift+Z redoes");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(
        annotations(&h),
        vec![("quote".into(), r.start, r.end, QUOTE.into())],
        "Ctrl+Y redoes"
    );
}

#[test]
fn delete_relabel_and_nudge_the_selected_annotation() {
    let (_p, mut h) = open_sample();
    show_doc_containing(&mut h, "million-man rally");
    let r = tag(&mut h, "million-man rally", Key::Num3);
    assert_eq!(annotations(&h)[0].0, "figure");
    // With no text selected, a label key relabels.
    h.key_press(Key::Num1);
    h.run();
    assert_eq!(annotations(&h)[0].0, "claim");
    // Alt+Shift+Right grows the end by a word, Alt+Right shrinks the start.
    h.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    assert_eq!(annotations(&h)[0].3, "million-man rally in");
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    h.run();
    assert_eq!(annotations(&h)[0].3, "rally in");
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    h.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert_eq!(annotations(&h)[0].1..annotations(&h)[0].2, r);
    // Delete removes it; undo brings it back.
    h.key_press(Key::Delete);
    h.run();
    assert!(annotations(&h).is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(annotations(&h).len(), 1);
    // Escape clears the selection; then Delete does nothing.
    let id = h
        .state()
        .session
        .as_ref()
        .unwrap()
        .project()
        .annotations
        .iter()
        .find(|a| is_new(a.id.as_str()))
        .unwrap()
        .id
        .clone();
    h.state_mut().push(Command::SelectAnnotation(id));
    h.run();
    h.key_press(Key::Escape);
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(annotations(&h).len(), 1);
}

#[test]
fn the_list_filters_by_label_and_text() {
    let (_p, mut h) = open_sample();
    show_doc_containing(&mut h, QUOTE);
    tag(&mut h, QUOTE, Key::Num2);
    tag(&mut h, "million-man rally", Key::Num3);
    let rows = |h: &egui_kittest::Harness<'_, sourcemark::ui::SourcemarkApp>, s: &str| {
        h.query_all_by(|n| n.label().is_some_and(|l| l.starts_with(s)) && n.role() == Role::Button)
            .count()
    };
    let (q, f) = (
        rows(&h, "Quote “historic”"),
        rows(&h, "Figure million-man rally"),
    );
    assert!(q >= 1 && f >= 1, "both new annotations listed");
    let search = |h: &mut egui_kittest::Harness<'_, sourcemark::ui::SourcemarkApp>, t: &str| {
        replace_text(h, "Search annotations", t);
    };
    search(&mut h, "million-man");
    assert_eq!(rows(&h, "Quote “historic”"), 0);
    assert_eq!(rows(&h, "Figure million-man rally"), f);
    search(&mut h, "");
    assert_eq!(rows(&h, "Quote “historic”"), q);
    h.state_mut().list.label = Some("quote".into());
    h.run();
    assert_eq!(rows(&h, "Quote “historic”"), q);
    assert_eq!(rows(&h, "Figure "), 0);
    assert_eq!(rows(&h, "Claim "), 0);
    // Clicking a row selects the annotation.
    h.state_mut().list.label = None;
    h.run();
    h.query_all_by(|n| {
        n.label()
            .is_some_and(|l| l.starts_with("Figure million-man"))
            && n.role() == Role::Button
    })
    .next()
    .unwrap()
    .click();
    h.run();
    let s = h.state().session.as_ref().unwrap();
    let sel = s.project().annotation(s.selected().unwrap()).unwrap();
    assert_eq!(sel.label, "figure");
}

#[test]
fn ctrl_s_writes_the_file_and_clears_the_marker() {
    let (p, mut h) = open_sample();
    show_doc_containing(&mut h, QUOTE);
    let before = sourcemark::store::load(&p.path).unwrap().annotations.len();
    tag(&mut h, QUOTE, Key::Num2);
    let id = h
        .state()
        .session
        .as_ref()
        .unwrap()
        .selected()
        .cloned()
        .unwrap();
    assert!(
        !std::fs::read_to_string(&p.path)
            .unwrap()
            .contains(id.as_str())
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = std::fs::read_to_string(&p.path).unwrap();
    assert!(saved.contains(id.as_str()), "{saved}");
    assert_eq!(h.state().title(), "project.ron — sourcemark");
    h.get_by_label("Saved");
    let reopened = sourcemark::store::load(&p.path).unwrap();
    assert_eq!(reopened.annotations.len(), before + 1);
    let a = reopened.annotation(&id).unwrap();
    assert_eq!((a.label.as_str(), a.text.as_str()), ("quote", QUOTE));
}

#[test]
fn a_failed_save_says_why_and_keeps_the_work() {
    let (p, mut h) = open_sample();
    show_doc_containing(&mut h, QUOTE);
    tag(&mut h, QUOTE, Key::Num2);
    let gone = p.dir.path().join("no-such-folder").join("project.ron");
    h.state_mut().session.as_mut().unwrap().ws.path = gone;
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.state().notes.contains("Could not save"));
    h.get_by_label_contains("Could not save");
    assert_eq!(annotations(&h).len(), 1);
    assert!(h.state().session.as_ref().unwrap().is_dirty());
}

#[test]
fn closing_with_unsaved_changes_asks_save_discard_cancel() {
    let (p, mut h) = open_sample();
    show_doc_containing(&mut h, QUOTE);
    tag(&mut h, QUOTE, Key::Num2);
    let request_close = |h: &mut egui_kittest::Harness<'_, sourcemark::ui::SourcemarkApp>| {
        h.input_mut()
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .events
            .push(egui::ViewportEvent::Close);
        h.run();
    };
    request_close(&mut h);
    assert!(h.state().unsaved_prompt_open());
    assert!(!h.state().quitting);
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!h.state().unsaved_prompt_open());
    assert_eq!(annotations(&h).len(), 1, "cancel keeps everything");
    // Close project from the menu asks too; Save saves, then closes.
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Close project").click();
    h.run();
    assert!(h.state().unsaved_prompt_open());
    h.get_by_label("Save").click();
    h.run();
    assert!(h.state().session.is_none());
    let saved = sourcemark::store::load(&p.path).unwrap();
    let added = saved.annotations.iter().filter(|a| is_new(a.id.as_str()));
    assert_eq!(added.count(), 1);
    // Nothing unsaved: closing the window is not questioned.
    request_close(&mut h);
    assert!(h.state().quitting);
}

#[test]
fn discard_on_quit_leaves_the_file_alone() {
    let (p, mut h) = open_sample();
    let before = std::fs::read_to_string(&p.path).unwrap();
    show_doc_containing(&mut h, QUOTE);
    tag(&mut h, QUOTE, Key::Num2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    assert!(h.state().unsaved_prompt_open());
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.state().quitting);
    assert_eq!(std::fs::read_to_string(&p.path).unwrap(), before);
}

#[test]
fn autosave_writes_recovery_and_the_next_start_offers_it() {
    let p = sample_project();
    let mut opts = options(Some(&p.path), &p.config);
    opts.autosave_interval = std::time::Duration::ZERO;
    let mut h = harness(opts);
    show_doc_containing(&mut h, QUOTE);
    tag(&mut h, QUOTE, Key::Num2);
    let rec = sourcemark::store::recovery_path(&p.path);
    for _ in 0..50 {
        h.run();
        if rec.exists() && !h.state().autosave.busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(rec.exists(), "autosave wrote the recovery file");
    drop(h); // a crash: nothing saved
    let mut h = harness(options(Some(&p.path), &p.config));
    assert!(h.state().recovery_prompt_open());
    h.get_by_label("Restore").click();
    h.run();
    assert_eq!(annotations(&h).len(), 1);
    assert!(h.state().session.as_ref().unwrap().is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!rec.exists(), "a save removes the recovery file");
}

#[test]
fn find_marks_every_match_and_steps() {
    let (_p, mut h) = open_sample();
    show_doc_containing(&mut h, "rally");
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    let field = h.get_by(|n| n.data().placeholder() == Some("Find in article"));
    assert!(field.is_focused());
    field.type_text("RALLY");
    h.run();
    let n = h.state().find.matches.len();
    assert!(n >= 2, "{n} matches");
    assert_eq!(h.state().find.current, Some(0));
    let text = h.state().session.as_ref().unwrap().current_text().unwrap();
    for m in &h.state().find.matches {
        assert_eq!(text.slice(m.clone()).to_lowercase(), "rally");
    }
    // Enter goes to the next match and selects it, and the article takes the
    // keyboard, so a label key tags the match.
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().find.current, Some(1));
    let second = h.state().find.matches[1].clone();
    assert_eq!(text_selection(&h), Some(second.clone()));
    h.key_press(Key::Num1);
    h.run();
    assert!(
        annotations(&h)
            .iter()
            .any(|(l, s, e, _)| l == "claim" && *s == second.start && *e == second.end),
        "the match was tagged: {:?}",
        annotations(&h)
    );
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    h.run();
    assert_eq!(h.state().find.current, Some(0));
    assert_eq!(text_selection(&h), Some(h.state().find.matches[0].clone()));
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().find.open);
}

#[test]
fn a_missing_article_is_explained_and_its_annotations_kept() {
    let p = sample_project();
    let mut project = sourcemark::store::load(&p.path).unwrap();
    let doc = project.documents[0].clone();
    let text = sourcemark::text::DocText::new(
        sourcemark::text::read_article(&p.path.parent().unwrap().join(&doc.path)).unwrap(),
    );
    let a = sourcemark::model::Annotation::new(doc.id.clone(), &text, 0, 5, "claim", "x").unwrap();
    project.annotations.push(a);
    project.normalize();
    sourcemark::store::save(&p.path, &project).unwrap();
    std::fs::remove_file(p.path.parent().unwrap().join(&doc.path)).unwrap();
    let mut h = harness(options(Some(&p.path), &p.config));
    h.run();
    assert!(h.state().notes.contains("is missing"));
    h.get_by_label("The article cannot be shown");
    assert!(
        !h.state()
            .session
            .as_ref()
            .unwrap()
            .project()
            .annotations_of(&doc.id)
            .is_empty(),
        "annotations kept"
    );
}

#[test]
fn an_unreadable_project_gets_a_message_and_the_app_keeps_running() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.ron");
    std::fs::write(&bad, "(format: 1, name: \"x\", documents: [ oops ]").unwrap();
    let mut h = harness(options(Some(&bad), &dir.path().join("cfg")));
    h.run();
    assert!(h.state().session.is_none());
    h.get_by_label_contains("Could not open the project");
    h.get_by_label_contains("broken.ron:");
    h.get_by_label("New project…");
}

#[test]
fn start_screen_lists_recent_projects_and_reopens_the_last() {
    let p = sample_project();
    {
        // Opening remembers the project.
        let _h = harness(options(Some(&p.path), &p.config));
    }
    let mut opts = options(None, &p.config);
    let h = harness(opts.clone());
    assert!(h.state().session.is_none());
    h.get_by_label_contains("project.ron  —");
    drop(h);
    opts.reopen_last = true;
    let h = harness(opts);
    assert!(h.state().session.is_some(), "reopens the last project");
}

#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropped_articles_are_added_and_adding_can_be_undone() {
    let (p, mut h) = open_sample();
    let n = h
        .state()
        .session
        .as_ref()
        .unwrap()
        .project()
        .documents
        .len();
    let new = p.dir.path().join("arabic.txt");
    std::fs::write(
        &new,
        "مظاهرة حاشدة في بغداد\n\n北京 东京 — “quoted”\u{a0}text",
    )
    .unwrap();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(new)));
    h.run();
    let s = h.state().session.as_ref().unwrap();
    assert_eq!(s.project().documents.len(), n + 1);
    // Show it: Arabic and CJK must render with the shipped fonts (kittest panics on
    // missing glyphs).
    let id = s
        .project()
        .documents
        .iter()
        .find(|d| d.path.ends_with("arabic.txt"))
        .unwrap()
        .id
        .clone();
    h.state_mut().push(Command::SelectDocument(id));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state()
            .session
            .as_ref()
            .unwrap()
            .project()
            .documents
            .len(),
        n
    );
}

#[test]
fn document_status_is_set_through_an_undoable_edit() {
    let (_p, mut h) = open_sample();
    let s = h.state().session.as_ref().unwrap();
    let id = s.current.clone().unwrap();
    let status = |h: &egui_kittest::Harness<'_, sourcemark::ui::SourcemarkApp>| {
        h.state()
            .session
            .as_ref()
            .unwrap()
            .project()
            .document(&id)
            .unwrap()
            .status
    };
    let was = status(&h);
    let new = if was == DocStatus::Done {
        DocStatus::InProgress
    } else {
        DocStatus::Done
    };
    h.state_mut().push(Command::SetStatus(id.clone(), new));
    h.run();
    assert_eq!(status(&h), new);
    assert!(h.state().title().starts_with("● "));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(status(&h), was);
}

#[test]
fn the_note_is_one_undo_step_however_much_is_typed() {
    let (_p, mut h) = open_sample();
    show_doc_containing(&mut h, QUOTE);
    tag(&mut h, QUOTE, Key::Num2);
    let id = h
        .state()
        .session
        .as_ref()
        .unwrap()
        .selected()
        .cloned()
        .unwrap();
    h.get_by(|n| n.data().placeholder() == Some("Add a note"))
        .focus();
    h.run();
    h.get_by(|n| n.data().placeholder() == Some("Add a note"))
        .type_text("Iran's view");
    h.run();
    h.get_by(|n| n.data().placeholder() == Some("Who said it"))
        .focus();
    h.run();
    h.get_by(|n| n.data().placeholder() == Some("Who said it"))
        .type_text("Ali Shamkhani");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    let new_one = |h: &egui_kittest::Harness<'_, sourcemark::ui::SourcemarkApp>| {
        let s = h.state().session.as_ref().unwrap();
        s.project().annotation(&id).unwrap().clone()
    };
    let a = new_one(&h);
    assert_eq!(a.note, "Iran's view");
    assert_eq!(a.attrs.speaker.as_deref(), Some("Ali Shamkhani"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let a = new_one(&h);
    assert_eq!(a.attrs.speaker, None);
    assert_eq!(a.note, "Iran's view", "one undo takes back one field");
}

#[test]
fn readme_keyboard_map_matches_the_key_map() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap_or_default();
    let map = sourcemark::ui::keys::markdown();
    if !readme.contains(&map) && std::env::var_os("SOURCEMARK_BLESS").is_some() {
        // Rewrites the section from "## Keyboard map" to the next "## " heading.
        let start = readme
            .find("## Keyboard map")
            .expect("a keyboard map section");
        let end = readme[start + 3..]
            .find("\n## ")
            .map_or(readme.len(), |i| start + 3 + i + 1);
        let fresh = format!("{}{}\n{}", &readme[..start], map, &readme[end..]);
        std::fs::write(&path, fresh).unwrap();
        return;
    }
    assert!(
        readme.contains(&map),
        "README.md's keyboard map is out of date: run this test with SOURCEMARK_BLESS=1"
    );
}

#[test]
fn dragging_across_a_curly_quoted_phrase_and_pressing_2_adds_a_quote() {
    let (_p, mut h) = open_sample();
    show_doc_containing(&mut h, QUOTE);
    let r = find_in_current(&h, QUOTE);
    // Bring the phrase on screen and let the view lay it out.
    h.state_mut().view.scroll_to(r.clone());
    h.run();
    let first = h
        .state()
        .view
        .char_rect(r.start)
        .expect("first char laid out");
    let last = h
        .state()
        .view
        .char_rect(r.end - 1)
        .expect("last char laid out");
    let from = first.left_center() + egui::vec2(1.0, 0.0);
    let to = last.right_center() - egui::vec2(1.0, 0.0);
    h.hover_at(from);
    h.drag_at(from);
    h.hover_at(from.lerp(to, 0.5));
    h.hover_at(to);
    h.drop_at(to);
    h.run();
    assert_eq!(
        text_selection(&h),
        Some(r.clone()),
        "the drag selects the phrase"
    );
    h.key_press(Key::Num2);
    h.run();
    assert_eq!(
        annotations(&h),
        vec![("quote".into(), r.start, r.end, QUOTE.into())]
    );
    // The offsets are chars: the same slice in a char view of the file.
    let text = h.state().session.as_ref().unwrap().current_text().unwrap();
    let chars: Vec<char> = text.as_str().chars().collect();
    assert_eq!(chars[r.clone()].iter().collect::<String>(), QUOTE);
    assert!(
        text.as_str().find(QUOTE).unwrap() > r.start,
        "non-ASCII before it: bytes differ from chars"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(annotations(&h).is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(annotations(&h).len(), 1);
}

#[test]
fn zoom_keys_size_the_article_text_and_leave_the_ui_alone() {
    let (p, mut h) = open_sample();
    let base = h.state().config.font_size;
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run();
    assert_eq!(h.state().config.font_size, base + 2.0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.run();
    assert_eq!(h.state().config.font_size, base + 1.0);
    assert_eq!(h.ctx.zoom_factor(), 1.0, "egui's own keyboard zoom is off");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    assert_eq!(h.state().config.font_size, base);
    // The size and the theme are remembered across runs.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.state_mut()
        .push(Command::Ui(sourcemark::ui::command::UiCommand::ThemeLight));
    h.run();
    assert_eq!(
        h.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Light
    );
    let cfg = sourcemark::ui::config::Config::load(Some(&p.config));
    assert_eq!(cfg.font_size, base + 1.0);
    assert_eq!(cfg.theme, sourcemark::ui::config::ThemeChoice::Light);
}

#[test]
fn opening_another_project_with_unsaved_changes_asks_first() {
    let (p, mut h) = open_sample();
    show_doc_containing(&mut h, QUOTE);
    tag(&mut h, QUOTE, Key::Num2);
    let other = sample_project();
    h.state_mut().push(Command::OpenPath(other.path.clone()));
    h.run();
    assert!(h.state().unsaved_prompt_open());
    assert_eq!(h.state().session.as_ref().unwrap().ws.path, p.path);
    h.get_by_label("Discard").click();
    h.run();
    let s = h
        .state()
        .session
        .as_ref()
        .expect("the other project is open");
    assert_eq!(s.ws.path, other.path);
    assert!(!s.is_dirty());
    assert!(!sourcemark::store::recovery_path(&p.path).exists());
}

#[test]
fn help_shows_the_key_map() {
    let (_p, mut h) = open_sample();
    h.get_by_label("Help").click();
    h.run();
    h.get_by(|n| {
        n.role() == Role::Button
            && n.data()
                .label()
                .is_some_and(|l| l.starts_with("Keyboard shortcuts"))
    })
    .click();
    h.run();
    h.get_by_label("Ctrl+Shift+Z or Ctrl+Y");
    h.get_by_label("Move the selected annotation's end one word left");
    h.get_by_label("Select the next / previous annotation and bring it into view");
}

#[test]
fn a_changed_article_is_reanchored_reported_and_left_unsaved() {
    let p = sample_project();
    // Annotate the first document, save, then insert a paragraph at the top of its file.
    let mut h = harness(options(Some(&p.path), &p.config));
    let r = find_in_current(&h, "the");
    select_text(&mut h, r.clone());
    h.run();
    h.key_press(Key::Num1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let s = h.state().session.as_ref().unwrap();
    let doc = s.current_doc().unwrap().clone();
    let id = s.selected().cloned().unwrap();
    drop(h);
    let file = p.path.parent().unwrap().join(&doc.path);
    let old = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("An editor’s note added later.\n\n{old}")).unwrap();
    let h = harness(options(Some(&p.path), &p.config));
    assert!(h.state().notes.contains("no longer matched the project"));
    assert!(
        h.state().title().starts_with("● "),
        "re-anchored spans are unsaved work"
    );
    let a = h
        .state()
        .session
        .as_ref()
        .unwrap()
        .project()
        .annotation(&id)
        .unwrap()
        .clone();
    assert_eq!(
        a.start,
        r.start + "An editor’s note added later.\n\n".chars().count()
    );
    assert_eq!(a.text, "the");
}

#[test]
fn a_project_that_cannot_be_opened_leaves_the_open_one_alone() {
    let (p, mut h) = open_sample();
    let bad = p.dir.path().join("missing.ron");
    h.state_mut().push(Command::OpenPath(bad));
    h.run();
    assert_eq!(h.state().session.as_ref().unwrap().ws.path, p.path);
    h.get_by_label_contains("Could not open the project");
}

#[test]
fn document_details_are_edited_in_a_form_and_undone_in_one_step() {
    let (_p, mut h) = open_sample();
    let id = h.state().session.as_ref().unwrap().current.clone().unwrap();
    let doc = |h: &egui_kittest::Harness<'_, sourcemark::ui::SourcemarkApp>| {
        let s = h.state().session.as_ref().unwrap();
        s.project().document(&id).unwrap().clone()
    };
    let before = doc(&h);
    h.get_by_label("Details…").click();
    h.run();
    replace_text(&mut h, "e.g. Press TV", "Al Mayadeen");
    // A date that is not a date is refused before anything changes.
    replace_text(&mut h, "YYYY-MM-DD", "24 Jan");
    h.get_by_label_contains("is not a date like");
    assert!(h.get_by_label("Apply").accesskit_node().is_disabled());
    replace_text(&mut h, "YYYY-MM-DD", "2020-01-25");
    assert_eq!(doc(&h), before, "nothing changes before Apply");
    h.get_by_label("Apply").click();
    h.run();
    let after = doc(&h);
    assert_eq!(after.outlet, "Al Mayadeen");
    assert_eq!(
        after.published,
        chrono::NaiveDate::from_ymd_opt(2020, 1, 25)
    );
    assert_eq!(
        (&after.title, &after.sha256),
        (&before.title, &before.sha256)
    );
    assert!(h.query_by_label("Apply").is_none(), "the form closes");
    assert!(h.state().title().starts_with("● "));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(doc(&h), before, "one undo takes the whole form back");
}

#[test]
fn scroll_keys_move_through_the_article_even_after_clicking_the_document_list() {
    let (_p, mut h) = open_sample();
    // The longest sample article, opened by a click, so a list button has the focus.
    let (title, n) = {
        let s = h.state().session.as_ref().unwrap();
        let d = (s.project().documents.iter())
            .max_by_key(|d| s.ws.text(&d.id).map_or(0, |t| t.char_len()))
            .unwrap();
        let n = s.ws.text(&d.id).unwrap().char_len();
        (d.title.clone(), n)
    };
    h.get_by(|n| n.role() == Role::Button && n.label().is_some_and(|l| l.starts_with(&title)))
        .click();
    h.run();
    let view = |h: &egui_kittest::Harness<'_, sourcemark::ui::SourcemarkApp>, c: usize| {
        h.state().view.char_rect(c).is_some()
    };
    assert!(
        view(&h, 0) && !view(&h, n - 1),
        "the article is longer than the window"
    );
    h.key_press(Key::End);
    h.run();
    assert!(view(&h, n - 1) && !view(&h, 0), "End");
    h.key_press(Key::Home);
    h.run();
    assert!(view(&h, 0), "Home");
    h.key_press(Key::PageDown);
    h.run();
    assert!(!view(&h, 0), "PageDown");
    h.key_press(Key::PageUp);
    h.run();
    assert!(view(&h, 0), "PageUp");
}
