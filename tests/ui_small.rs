//! The small things a user hit (issue 13, item 10), headless: attributes of another
//! label kind stay in sight and can be cleared, a notice moves nothing, the document
//! list's second line is readable, Add articles shows what it added, and the recovery
//! prompt says what it would restore.

mod ui_support;

use eframe::egui;
use egui::Key;
use egui_kittest::kittest::Queryable;
use sourcemark::ui::command::Command;
use ui_support::*;

const QUOTE: &str = "Get out, get out occupier!";

#[test]
fn a_quote_relabelled_as_a_source_shows_its_speaker_greyed_and_clear_removes_it() {
    let (_p, mut h) = open_sample();
    show_doc_containing(&mut h, QUOTE);
    let r = find_in_current(&h, QUOTE);
    select_text(&mut h, r);
    h.run();
    h.key_press(Key::Num2);
    h.run();
    let id = selected(&h).unwrap();
    let s = h.state_mut().session.as_mut().unwrap();
    let mut a = s.project().annotation(&id).unwrap().clone();
    a.attrs.speaker = Some("Muqtada al-Sadr".into());
    s.update(a, "Edit speaker").unwrap();
    h.run();
    // Relabel as a source: a source has no speaker of its own, but it is still set.
    h.key_press(Key::Num4);
    h.run();
    h.get_by_label("speaker");
    h.get_by_label("Muqtada al-Sadr");
    h.get_by_label("Clear").click();
    h.run();
    let s = h.state().session.as_ref().unwrap();
    let a = s.project().annotation(&id).unwrap();
    assert_eq!(a.label, "source");
    assert_eq!(a.attrs.speaker, None);
    assert_eq!(s.history.undo_name(), Some("Clear speaker"));
    assert!(h.query_by_label("Muqtada al-Sadr").is_none());
}

#[test]
fn an_information_notice_moves_nothing() {
    let (p, mut h) = open_sample();
    let list_top = |h: &egui_kittest::Harness<'_, sourcemark::ui::SourcemarkApp>| {
        h.get_by_label_contains("Documents").rect().top()
    };
    let before = list_top(&h);
    // Adding an article says "Added 1 article".
    let art = p.path.parent().unwrap().join("new-article.txt");
    std::fs::write(&art, "A short wire report about the Baghdad rally.\n").unwrap();
    h.state_mut().push(Command::AddPaths(vec![art]));
    h.run();
    assert!(h.state().notes.contains("Added 1 article"));
    h.get_by_label("Added 1 article");
    assert_eq!(list_top(&h), before, "the panels did not move down");
}

#[test]
fn add_articles_shows_the_first_article_added() {
    let (p, mut h) = open_sample();
    let first = h.state().session.as_ref().unwrap().current.clone();
    let art = p.path.parent().unwrap().join("zz-wire.txt");
    std::fs::write(&art, "Wire copy: crowds filled the Jadiriyah district.\n").unwrap();
    h.state_mut().push(Command::AddPaths(vec![art]));
    h.run();
    let s = h.state().session.as_ref().unwrap();
    let shown = s.current_doc().unwrap();
    assert_ne!(Some(&shown.id), first.as_ref());
    assert_eq!(shown.path, "zz-wire.txt");
}

#[test]
fn the_document_list_second_line_is_readable() {
    let (_p, h) = open_sample();
    let body = h.ctx.global_style().text_styles[&egui::TextStyle::Body].size;
    // Each row is a button labelled "title\nmeta": its height holds two lines, the
    // second no smaller than the body size less 1.5 pt.
    let row = h
        .get_all_by(|n| {
            n.data()
                .label()
                .is_some_and(|l| l.contains(" annotations") && l.contains('\n'))
        })
        .next()
        .expect("a document row")
        .rect();
    let row_h = |size: f32| {
        h.ctx
            .fonts_mut(|f| f.row_height(&egui::FontId::proportional(size)))
    };
    // The row is both lines plus 10 px of padding: what is left for the second line
    // must be a line of the body size less 1.5 pt (egui's 9 pt "small" was less).
    let second = row.height() - 10.0 - row_h(body);
    assert!(
        second >= row_h(body - 1.5) - 0.5,
        "second line {second} px for a {body} pt body"
    );
}

#[test]
fn the_recovery_prompt_says_what_it_would_restore() {
    let p = sample_project();
    let mut project = sourcemark::store::load(&p.path).unwrap();
    project.annotations.remove(0);
    project.annotations[0].note = "edited before the crash".into();
    sourcemark::store::write_recovery(&p.path, &project).unwrap();
    let h = harness(options(Some(&p.path), &p.config));
    assert!(h.state().recovery_prompt_open());
    h.get_by_label_contains("annotations: 1 removed, 1 changed");
}
