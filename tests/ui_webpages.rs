//! A saved web page added through the window (File → Add articles, drag and drop):
//! the document shows the extracted article, Details… shows and edits its metadata
//! with the author, and the same page dropped again is reported and not added.

mod ui_support;
use eframe::egui;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use sourcemark::ui::command::{Command, UiCommand};
use ui_support::*;

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

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/webpages")
        .join(name)
}

#[test]
fn a_saved_page_added_from_the_menu_shows_its_article_and_details() {
    let (p, mut h) = open_sample();
    use_builtin_chooser(&mut h);
    let incoming = p.dir.path().join("saved");
    std::fs::create_dir_all(&incoming).unwrap();
    std::fs::copy(
        fixture("ledger-news.html"),
        incoming.join("ledger-news.html"),
    )
    .unwrap();
    let n = session(&h).project().documents.len();

    h.state_mut().push(Command::Ui(UiCommand::AddArticles));
    h.run();
    type_chooser_path(&mut h, &incoming);
    assert_eq!(
        h.state().picker.chooser().unwrap().shown_names(),
        vec!["ledger-news.html"],
        "saved pages are offered"
    );
    click_chooser_entry(&mut h, "ledger-news.html", Modifiers::NONE);
    h.get_by_label("Add").click();
    h.run();

    let s = session(&h);
    assert_eq!(s.project().documents.len(), n + 1);
    let doc = s.project().document(&"ledger-news".into()).unwrap().clone();
    assert_eq!(doc.path, "articles/ledger-news.txt");
    assert_eq!(doc.author, "Noor Hashim, Daniel Okafor");
    assert_eq!(doc.outlet, "The Tigris Ledger");
    assert_eq!(doc.page.as_ref().unwrap().path, "../saved/ledger-news.html");
    let text = s.ws.text(&doc.id).unwrap().as_str().to_owned();
    assert!(text.contains("more than 40,000 households") && !text.contains("cookies"));
    let written = p.path.parent().unwrap().join("articles/ledger-news.txt");
    assert_eq!(std::fs::read_to_string(written).unwrap(), text);
    assert_eq!(
        s.current.as_ref(),
        Some(&doc.id),
        "the new article is shown"
    );
    h.get_by_label_contains("Added 1 article");

    // Details… shows the metadata, the author among it, and edits it.
    h.get_by_label("Details…").click();
    h.run();
    h.get_by_label_contains("Text extracted from the saved page ../saved/ledger-news.html");
    let author = h.get_by(|n| n.data().placeholder() == Some("Byline, e.g. Noor Hashim"));
    assert_eq!(
        author.value().as_deref(),
        Some("Noor Hashim, Daniel Okafor")
    );
    let published = h.get_by(|n| n.data().placeholder() == Some("YYYY-MM-DD"));
    assert_eq!(published.value().as_deref(), Some("2026-03-14"));
    replace_text(&mut h, "Byline, e.g. Noor Hashim", "Noor Hashim");
    h.get_by_label("Apply").click();
    h.run();
    let after = session(&h).project().document(&doc.id).unwrap().clone();
    assert_eq!(after.author, "Noor Hashim");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        session(&h).project().document(&doc.id).unwrap().author,
        doc.author
    );
}

#[test]
fn the_same_page_dropped_again_is_reported_and_not_added() {
    let (p, mut h) = open_sample();
    let page = p.dir.path().join("og-only.html");
    std::fs::copy(fixture("og-only.html"), &page).unwrap();
    let n = session(&h).project().documents.len();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(page.clone())));
    h.run();
    assert_eq!(session(&h).project().documents.len(), n + 1);
    let project = session(&h).project().clone();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(page)));
    h.run();
    assert_eq!(session(&h).project(), &project, "nothing changes");
    h.get_by_label_contains("this page is already in the project as og-only");
}

#[test]
fn a_dropped_index_page_is_refused_with_the_reason() {
    let (p, mut h) = open_sample();
    let page = p.dir.path().join("index-page.html");
    std::fs::copy(fixture("index-page.html"), &page).unwrap();
    let project = session(&h).project().clone();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(page)));
    h.run();
    assert_eq!(session(&h).project(), &project);
    h.get_by_label_contains("index page");
    assert!(
        !p.path
            .parent()
            .unwrap()
            .join("articles/index-page.txt")
            .exists()
    );
}

#[test]
fn the_text_of_a_page_whose_add_was_undone_goes_when_the_project_closes() {
    let (p, mut h) = open_sample();
    let page = p.dir.path().join("og-only.html");
    std::fs::copy(fixture("og-only.html"), &page).unwrap();
    let text = p.path.parent().unwrap().join("articles/og-only.txt");
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(page.clone())));
    h.run();
    assert!(text.exists());
    // Undone, redone (the text is still there for it), undone again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert!(session(&h).ws.text(&"og-only".into()).is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(text.exists(), "kept while the project is open, for redo");
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run();
    assert!(h.state().session.is_none());
    assert!(!text.exists(), "no stray text is left in articles/");
    assert!(page.exists(), "the saved page itself is never touched");
}
