//! The in-window file chooser, which the window falls back to where no system file
//! dialog opens: open a project from the start screen, add articles, save as, export
//! to, relink a moved article, and Escape cancelling with nothing changed. The tests
//! choose it through the setting, so no system dialog opens while they run.

mod ui_support;

use eframe::egui;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use sourcemark::ui::command::{Command, UiCommand};
use ui_support::*;

fn chooser_open(h: &egui_kittest::Harness<'_, sourcemark::ui::SourcemarkApp>) -> bool {
    h.state().picker.is_open()
}

#[test]
fn the_start_screen_opens_a_project_through_the_chooser() {
    let p = sample_project();
    let mut h = harness(options(None, &p.config));
    use_builtin_chooser(&mut h);
    h.get_by_label("Open project…").click();
    h.run();
    assert!(chooser_open(&h), "Open project shows the chooser");
    // Go to the project's folder by typing it, pick the file, press Open.
    type_chooser_path(&mut h, p.path.parent().unwrap());
    let shown = h.state().picker.chooser().unwrap().shown_names();
    assert!(shown.contains(&"articles/".to_owned()), "{shown:?}");
    assert!(shown.contains(&"project.ron".to_owned()), "{shown:?}");
    click_chooser_entry(&mut h, "project.ron", Modifiers::NONE);
    h.get_by_label("Open").click();
    h.run();
    assert!(!chooser_open(&h));
    let s = h.state().session.as_ref().expect("the project is open");
    assert_eq!(s.ws.path, p.path);
    assert!(s.project().documents.len() >= 5);
}

#[test]
fn entering_a_folder_and_pressing_enter_opens_a_project() {
    let p = sample_project();
    let mut h = harness(options(None, &p.config));
    use_builtin_chooser(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    assert!(chooser_open(&h), "Ctrl+O shows the chooser");
    // From the folder above, click into the project's folder, then type the file name.
    type_chooser_path(&mut h, p.dir.path());
    click_chooser_entry(&mut h, "rally-coverage/", Modifiers::NONE);
    h.get_by_label("Open").click();
    h.run();
    assert!(
        h.state()
            .picker
            .chooser()
            .unwrap()
            .dir()
            .ends_with("rally-coverage")
    );
    type_chooser_path(&mut h, std::path::Path::new("project.ron"));
    assert_eq!(
        h.state().session.as_ref().map(|s| s.ws.path.clone()),
        Some(p.path.clone())
    );
}

#[test]
fn add_articles_takes_several_files_with_ctrl_click() {
    let (p, mut h) = open_sample();
    use_builtin_chooser(&mut h);
    let incoming = p.dir.path().join("incoming");
    std::fs::create_dir_all(&incoming).unwrap();
    std::fs::write(
        incoming.join("one.txt"),
        "First new article about the rally.",
    )
    .unwrap();
    std::fs::write(incoming.join("two.md"), "# Second\n\nAnother new article.").unwrap();
    std::fs::write(incoming.join("three.txt"), "A third one, not chosen.").unwrap();
    std::fs::write(incoming.join("image.png"), "not an article").unwrap();
    let n = h
        .state()
        .session
        .as_ref()
        .unwrap()
        .project()
        .documents
        .len();
    h.state_mut().push(Command::Ui(UiCommand::AddArticles));
    h.run();
    assert!(chooser_open(&h));
    type_chooser_path(&mut h, &incoming);
    let shown = h.state().picker.chooser().unwrap().shown_names();
    assert_eq!(
        shown,
        vec!["one.txt", "three.txt", "two.md"],
        "articles only"
    );
    click_chooser_entry(&mut h, "one.txt", Modifiers::NONE);
    click_chooser_entry(&mut h, "two.md", Modifiers::COMMAND);
    h.get_by_label("Add").click();
    h.run();
    assert!(!chooser_open(&h));
    let s = h.state().session.as_ref().unwrap();
    assert_eq!(s.project().documents.len(), n + 2);
    let paths: Vec<&str> = s
        .project()
        .documents
        .iter()
        .map(|d| d.path.as_str())
        .collect();
    assert!(paths.contains(&"../incoming/one.txt"), "{paths:?}");
    assert!(paths.contains(&"../incoming/two.md"), "{paths:?}");
    assert!(!paths.iter().any(|p| p.ends_with("three.txt")));
}

#[test]
fn save_as_writes_the_file_and_asks_before_replacing() {
    let (p, mut h) = open_sample();
    use_builtin_chooser(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    assert!(chooser_open(&h), "Save as shows the chooser");
    let dir = h.state().picker.chooser().unwrap().dir().to_owned();
    assert_eq!(
        dir,
        p.path.parent().unwrap(),
        "it starts in the project's folder"
    );
    replace_text(&mut h, "File name", "copy.ron");
    h.key_press(Key::Enter);
    h.run();
    assert!(!chooser_open(&h));
    let copy = p.path.with_file_name("copy.ron");
    assert!(copy.is_file(), "Save as wrote the file");
    assert_eq!(h.state().session.as_ref().unwrap().ws.path, copy);
    assert!(sourcemark::store::load(&copy).is_ok());

    // Again onto the original: the chooser asks first, and Replace goes ahead.
    let before = std::fs::read(&p.path).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    replace_text(&mut h, "File name", "project.ron");
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().picker.chooser().unwrap().asks_to_replace());
    h.get_by_label_contains("project.ron already exists");
    assert_eq!(
        std::fs::read(&p.path).unwrap(),
        before,
        "nothing written yet"
    );
    h.get_by_label("Replace").click();
    h.run();
    assert!(!chooser_open(&h));
    assert_eq!(h.state().session.as_ref().unwrap().ws.path, p.path);
}

#[test]
fn escape_cancels_and_changes_nothing() {
    let (p, mut h) = open_sample();
    use_builtin_chooser(&mut h);
    let id = h.state().session.as_ref().unwrap().project().annotations[0]
        .id
        .clone();
    h.state_mut().push(Command::SelectAnnotation(id.clone()));
    h.run();
    let project = h.state().session.as_ref().unwrap().project().clone();
    let files: Vec<_> = std::fs::read_dir(p.path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    for cmd in [
        Command::Ui(UiCommand::SaveAs),
        Command::Ui(UiCommand::AddArticles),
        Command::Ui(UiCommand::OpenProject),
    ] {
        h.state_mut().push(cmd.clone());
        h.run();
        assert!(chooser_open(&h), "{cmd:?} shows the chooser");
        h.key_press(Key::Escape);
        h.run();
        assert!(!chooser_open(&h), "Escape closes it after {cmd:?}");
    }
    let s = h.state().session.as_ref().unwrap();
    assert_eq!(s.ws.path, p.path);
    assert_eq!(*s.project(), project);
    assert!(!s.is_dirty());
    assert_eq!(
        s.selected(),
        Some(&id),
        "Escape went to the chooser, not to the selection"
    );
    let after: Vec<_> = std::fs::read_dir(p.path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(after, files, "no file written");
}

#[test]
fn export_browse_sets_the_target_from_the_chooser() {
    let (p, mut h) = open_sample();
    use_builtin_chooser(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label("Browse…").click();
    h.run();
    assert!(chooser_open(&h), "Browse shows the chooser");
    replace_text(&mut h, "File name", "chosen.jsonl");
    h.get_by_label("Choose").click();
    h.run();
    assert!(!chooser_open(&h));
    let target = p.path.with_file_name("chosen.jsonl").display().to_string();
    assert!(
        h.get_all_by(|n| n.value().as_deref() == Some(target.as_str()))
            .next()
            .is_some(),
        "the export dialog's target is the file chosen"
    );
}

#[test]
fn a_moved_article_is_located_and_undo_makes_it_missing_again() {
    let p = sample_project();
    let folder = p.path.parent().unwrap().to_owned();
    let ws = sourcemark::workspace::Workspace::open(&p.path).unwrap().0;
    let doc = ws.project.documents[0].clone();
    let n = ws.project.annotations_of(&doc.id).len();
    assert!(n > 0, "the sample's first article is annotated");
    let old = folder.join(&doc.path);
    std::fs::create_dir_all(folder.join("moved")).unwrap();
    let new = folder.join("moved").join(old.file_name().unwrap());
    std::fs::rename(&old, &new).unwrap();

    let mut h = harness(options(Some(&p.path), &p.config));
    use_builtin_chooser(&mut h);
    h.get_by_label_contains("The article cannot be shown");
    h.get_by_label("Locate file…").click();
    h.run();
    assert!(chooser_open(&h), "Locate file… shows the chooser");
    type_chooser_path(&mut h, &new);
    assert!(!chooser_open(&h));
    let s = h.state().session.as_ref().unwrap();
    assert!(s.ws.text(&doc.id).is_some(), "the article is shown again");
    let d = s.project().document(&doc.id).unwrap();
    assert_eq!(
        d.path,
        format!("moved/{}", new.file_name().unwrap().to_string_lossy())
    );
    assert_eq!(d.sha256, doc.sha256, "the same text");
    assert_eq!(s.project().annotations_of(&doc.id).len(), n);
    h.get_by_label_contains("the text is the one annotated");
    assert!(
        h.query_by_label_contains("is missing").is_none(),
        "the notice that the file was missing went"
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let s = h.state().session.as_ref().unwrap();
    assert_eq!(s.project().document(&doc.id).unwrap().path, doc.path);
    assert!(s.ws.text(&doc.id).is_none(), "undo: missing again");
    h.get_by_label_contains("The article cannot be shown");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert!(
        h.state()
            .session
            .as_ref()
            .unwrap()
            .ws
            .text(&doc.id)
            .is_some()
    );
}

#[test]
fn the_keyboard_alone_opens_a_project() {
    let p = sample_project();
    let mut h = harness(options(None, &p.config));
    use_builtin_chooser(&mut h);
    // Asked for from an open menu, the chooser closes the menu.
    h.get_by_label("File").click();
    h.run();
    assert!(egui::Popup::is_any_open(&h.ctx));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    assert!(chooser_open(&h));
    assert!(!egui::Popup::is_any_open(&h.ctx), "the File menu closed");
    // Type the folder above, Enter; Down to the first entry (the project's folder),
    // Enter goes in; Down twice (articles/, project.ron), Enter opens it.
    type_chooser_path(&mut h, p.dir.path());
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.state()
            .picker
            .chooser()
            .unwrap()
            .dir()
            .ends_with("rally-coverage")
    );
    h.key_press(Key::ArrowDown);
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(!chooser_open(&h));
    assert_eq!(
        h.state().session.as_ref().map(|s| s.ws.path.clone()),
        Some(p.path.clone())
    );
}

#[test]
fn the_arrow_keys_belong_to_the_chooser_not_to_the_article_under_it() {
    let (_p, mut h) = open_sample();
    use_builtin_chooser(&mut h);
    h.state_mut().push(Command::Ui(UiCommand::AddArticles));
    h.run();
    // The path field has the keyboard: Down goes into the list, Shift+Down extends.
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    h.run();
    let chosen = h.state().picker.chooser().unwrap().selected_names();
    assert_eq!(chosen, vec!["iran-news.txt", "iran-press.txt"]);
    assert_eq!(
        text_selection(&h),
        None,
        "no text was selected in the article under the chooser"
    );
    h.key_press(Key::Escape);
    h.run();
    assert!(!chooser_open(&h));
}

/// Issue 13's Save as bug: Save as into a deeper folder, undo, save. The paths in the
/// file must still lead to the articles (undo used to put back the old folder's paths).
#[test]
fn save_as_to_a_deeper_folder_then_undo_and_save_leaves_a_clean_project() {
    let (p, mut h) = open_sample();
    use_builtin_chooser(&mut h);
    show_doc_containing(&mut h, "Get out, get out occupier!");
    let r = find_in_current(&h, "Get out, get out occupier!");
    select_text(&mut h, r);
    h.run();
    h.key_press(Key::Num2);
    h.run();
    let deeper = p.dir.path().join("copies/of/the/project");
    std::fs::create_dir_all(&deeper).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    type_chooser_path(&mut h, &deeper);
    replace_text(&mut h, "File name", "copy.ron");
    h.key_press(Key::Enter);
    h.run();
    let copy = deeper.join("copy.ron");
    assert_eq!(h.state().session.as_ref().unwrap().ws.path, copy);
    let saved = sourcemark::store::load(&copy).unwrap();
    assert!(
        saved
            .documents
            .iter()
            .all(|d| d.path.starts_with("../../../../")),
        "paths lead back to the articles: {:?}",
        saved.documents.iter().map(|d| &d.path).collect::<Vec<_>>()
    );
    // Undo takes back the quote, not the move; the project is unsaved again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let s = h.state().session.as_ref().unwrap();
    assert!(s.is_dirty());
    assert_eq!(s.history.undo_name(), None, "Save as is not in the history");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().session.as_ref().unwrap().is_dirty());
    let report = sourcemark::check::check_with(&copy, true).unwrap();
    assert!(report.is_clean(), "{:?}", report.problems);
    let reopened = sourcemark::store::load(&copy).unwrap();
    assert_eq!(reopened.documents, saved.documents);
}
