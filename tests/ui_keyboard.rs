//! The window's one selection, its caret and its commands, headless: undo restores what
//! was selected, several annotations change in one step, the caret moves and extends
//! by keyboard, Tab walks the annotations, the palette runs commands, the project
//! search finds notes and attributes, and the annotator is asked once.

mod ui_support;

use eframe::egui;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use sourcemark::selection::Selection;
use sourcemark::ui::command::{Command, UiCommand};
use ui_support::*;

type H = egui_kittest::Harness<'static, sourcemark::ui::SourcemarkApp>;

const QUOTE: &str = "Get out, get out occupier!";

#[test]
fn undoing_a_delete_selects_the_restored_annotation_and_undoing_a_tag_the_text() {
    let (_p, mut h) = open_sample();
    show_doc_containing(&mut h, QUOTE);
    let r = find_in_current(&h, QUOTE);
    let id = tag(&mut h, QUOTE, Key::Num2);
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(session(&h).selection, Selection::Nothing);
    h.state_mut().push(Command::SelectAnnotation(id.clone()));
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert!(session(&h).project().annotation(&id).is_none());
    assert_eq!(session(&h).selection, Selection::Nothing);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(session(&h).project().annotation(&id).is_some());
    assert_eq!(
        selected(&h),
        Some(id.clone()),
        "the restored one is selected"
    );
    // Undoing the tag itself brings back the text that was selected for it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(session(&h).project().annotation(&id).is_none());
    assert_eq!(text_selection(&h), Some(r));
    // And redo selects the annotation again.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(selected(&h), Some(id));
}

#[test]
fn ctrl_click_in_the_list_selects_several_and_one_key_relabels_them_in_one_step() {
    let (_p, mut h) = open_sample();
    show_doc_containing(&mut h, QUOTE);
    let a = tag(&mut h, QUOTE, Key::Num1);
    let b = tag(&mut h, "Yes to sovereignty!", Key::Num1);
    // Click one claim in the list, then Ctrl+click the other.
    let row = |h: &H, needle: &str| {
        h.get_by(|n| {
            n.role() == Role::Button
                && n.data()
                    .label()
                    .is_some_and(|l| l.starts_with("Claim") && l.contains(needle))
        })
        .rect()
        .center()
    };
    let first = row(&h, "Get out, get out");
    h.hover_at(first);
    h.run();
    h.get_by(|n| {
        n.role() == Role::Button
            && n.data()
                .label()
                .is_some_and(|l| l.starts_with("Claim") && l.contains("Get out, get out"))
    })
    .click();
    h.run();
    assert_eq!(session(&h).selection, Selection::one(a.clone()));
    h.get_by(|n| {
        n.role() == Role::Button
            && n.data()
                .label()
                .is_some_and(|l| l.starts_with("Claim") && l.contains("sovereignty"))
    })
    .click_modifiers(Modifiers::COMMAND);
    h.run();
    assert_eq!(session(&h).selection.annotations(), [a.clone(), b.clone()]);
    let revision = session(&h).history.revision();
    h.key_press(Key::Num3);
    h.run();
    let label = |h: &H, id| session(h).project().annotation(id).unwrap().label.clone();
    assert_eq!(label(&h, &a), "figure");
    assert_eq!(label(&h, &b), "figure");
    assert_eq!(session(&h).history.revision(), revision + 1, "one step");
    h.key_press(Key::Delete);
    h.run();
    assert!(session(&h).project().annotation(&a).is_none());
    assert!(session(&h).project().annotation(&b).is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        session(&h).selection.annotations(),
        [a.clone(), b.clone()],
        "one undo brings both back, selected"
    );
    assert_eq!(label(&h, &a), "figure");
}

#[test]
fn ctrl_click_in_the_article_adds_to_the_selection() {
    let (_p, mut h) = open_sample();
    show_doc_containing(&mut h, QUOTE);
    clear_current(&mut h);
    let a = tag(&mut h, QUOTE, Key::Num1);
    let b = tag(&mut h, "Yes to sovereignty!", Key::Num1);
    let ra = find_in_current(&h, QUOTE);
    let rb = find_in_current(&h, "Yes to sovereignty!");
    click_char(&mut h, ra.start + 2, Modifiers::NONE);
    assert_eq!(session(&h).selection, Selection::one(a.clone()));
    click_char(&mut h, rb.start + 2, Modifiers::COMMAND);
    assert_eq!(session(&h).selection.annotations(), [a.clone(), b.clone()]);
    click_char(&mut h, ra.start + 2, Modifiers::COMMAND);
    assert_eq!(session(&h).selection.annotations(), [b]);
}

#[test]
fn a_click_places_the_caret_and_the_keyboard_moves_and_extends_it() {
    let (_p, mut h) = open_sample();
    show_doc_containing(&mut h, QUOTE);
    clear_current(&mut h);
    let r = find_in_current(&h, QUOTE);
    let doc = session(&h).current.clone().unwrap();
    // Click inside "Get": the caret goes to the nearest boundary.
    click_char(&mut h, r.start, Modifiers::NONE);
    let head = session(&h).selection.head(&doc).expect("a caret");
    assert!(head == r.start || head == r.start + 1, "{head} vs {r:?}");
    // Put it exactly at the start of the quote, then move and extend from there (not
    // from the top of the screen).
    h.state_mut().session.as_mut().unwrap().selection = Selection::caret(doc.clone(), r.start);
    h.run();
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(session(&h).selection.head(&doc), Some(r.start + 1));
    h.key_press(Key::ArrowLeft);
    h.run();
    assert_eq!(session(&h).selection.head(&doc), Some(r.start));
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::SHIFT | Modifiers::COMMAND, Key::ArrowRight);
    }
    h.run();
    let text = session(&h).current_text().unwrap();
    let sel = text_selection(&h).expect("a selection from the caret");
    assert_eq!(sel.start, r.start);
    assert_eq!(text.slice(sel.clone()), "Get out, get");
    // Ctrl+Right without Shift collapses to a caret one word on.
    h.key_press_modifiers(Modifiers::COMMAND, Key::ArrowRight);
    h.run();
    assert_eq!(text_selection(&h), None);
    let head = session(&h).selection.head(&doc).unwrap();
    assert_eq!(text.slice(sel.end..head), " out");
    // Shift+Home extends to the start of the line; the selection tags with a key.
    h.key_press_modifiers(Modifiers::SHIFT, Key::Home);
    h.run();
    let line = text_selection(&h).expect("to the line start");
    assert!(line.start < r.start && line.end == head, "{line:?}");
    h.key_press(Key::End);
    h.run();
    let end = session(&h).selection.head(&doc).unwrap();
    assert!(end > head, "End goes to the end of the line");
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    h.key_press(Key::Num1);
    h.run();
    let new = selected(&h).expect("tagged from the keyboard selection");
    let a = session(&h).project().annotation(&new).unwrap();
    assert_eq!((a.start, a.end), (end - 1, end));
}

#[test]
fn tab_and_shift_tab_walk_the_annotations_and_bring_them_into_view() {
    let (_p, mut h) = open_sample();
    let s = session(&h);
    let doc = s.current.clone().unwrap();
    let anns: Vec<_> = s
        .project()
        .annotations_of(&doc)
        .iter()
        .filter(|a| !a.orphaned)
        .map(|a| (a.id.clone(), a.start))
        .collect();
    assert!(anns.len() >= 3, "the sample's first document is annotated");
    h.state_mut().session.as_mut().unwrap().selection = Selection::caret(doc.clone(), 0);
    h.run();
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(selected(&h), Some(anns[0].0.clone()));
    h.key_press(Key::Tab);
    h.run();
    h.run();
    assert_eq!(selected(&h), Some(anns[1].0.clone()));
    let rect = h
        .state()
        .view
        .char_rect(anns[1].1)
        .expect("scrolled into view");
    assert!(rect.top() > 0.0 && rect.bottom() < 800.0);
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run();
    assert_eq!(selected(&h), Some(anns[0].0.clone()));
    // The last one, then Tab stays there.
    let (last, _) = anns.last().unwrap().clone();
    h.state_mut()
        .session
        .as_mut()
        .unwrap()
        .select(Selection::one(last.clone()));
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(selected(&h), Some(last));
}

#[test]
fn the_palette_lists_commands_filters_fuzzily_and_runs_the_chosen_one() {
    let (_p, mut h) = open_sample();
    let size = h.state().config.font_size;
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    assert!(h.state().palette.is_open());
    h.get_by(|n| n.data().placeholder() == Some("Type a command"))
        .type_text("lrgr txt");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(!h.state().palette.is_open());
    assert_eq!(h.state().config.font_size, size + 1.0);
    // Ctrl+K opens it too; Down picks the second match; Escape closes it untouched.
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    assert!(h.state().palette.is_open());
    h.get_by(|n| n.data().placeholder() == Some("Type a command"))
        .type_text("theme");
    h.run();
    h.get_by_label("Theme: dark");
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().palette.is_open());
    assert_eq!(h.state().config.font_size, size + 1.0);
}

#[test]
fn project_search_finds_attributes_and_enter_selects_the_result() {
    let (_p, mut h) = open_sample();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    h.run();
    h.get_by(|n| n.data().placeholder() == Some("Text, note, speaker, counted, verdict…"))
        .type_text("Shamkhani");
    h.run();
    let results = h.state().search.results.clone();
    let s = session(&h);
    let attributed: Vec<_> = results
        .iter()
        .filter_map(|r| r.annotation.as_ref())
        .filter_map(|(id, _)| s.project().annotation(id))
        .filter(|a| a.label == "figure")
        .collect();
    assert!(
        !attributed.is_empty(),
        "figures attributed to Shamkhani are found: {results:?}"
    );
    assert!(
        results.iter().any(|r| r.annotation.is_none()),
        "and the article text that names him"
    );
    let first = results[0].clone();
    h.key_press(Key::Enter);
    h.run();
    let s = session(&h);
    assert_eq!(s.current.as_ref(), Some(&first.doc));
    match &first.annotation {
        Some((id, _)) => assert_eq!(s.selected(), Some(id)),
        None => assert_eq!(text_selection(&h), Some(first.range.clone())),
    }
    assert!(
        !h.state().search.is_open(),
        "Enter gives the article the keyboard"
    );
}

#[test]
fn the_annotator_is_asked_once_and_written_on_new_annotations() {
    let p = sample_project();
    let mut opts = options(Some(&p.path), &p.config);
    opts.annotator = None;
    let mut h = harness(opts);
    assert!(h.state().preferences.is_open(), "asked on first start");
    h.get_by_label("OK");
    replace_field(&mut h, "Maryam Rahimi");
    h.get_by_label("OK").click();
    h.run();
    assert!(!h.state().preferences.is_open());
    assert_eq!(h.state().annotator(), "Maryam Rahimi");
    show_doc_containing(&mut h, QUOTE);
    let id = tag(&mut h, QUOTE, Key::Num2);
    assert_eq!(
        session(&h).project().annotation(&id).unwrap().annotator,
        "Maryam Rahimi"
    );
    drop(h);
    // Next start: not asked again, the name is kept.
    let mut opts = options(Some(&p.path), &p.config);
    opts.annotator = None;
    let h = harness(opts);
    assert!(!h.state().preferences.is_open());
    assert_eq!(h.state().annotator(), "Maryam Rahimi");
}

/// Replaces the text of the preferences' name field.
fn replace_field(h: &mut H, text: &str) {
    // The field has the keyboard when the dialog opens.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run();
    h.event(egui::Event::Text(text.to_owned()));
    h.run();
}

#[test]
fn at_900_by_600_the_panels_give_way_and_collapse_with_a_key() {
    let (_p, mut h) = open_sample_sized(egui::vec2(900.0, 600.0));
    let article = |h: &egui_kittest::Harness<'_, sourcemark::ui::SourcemarkApp>| {
        h.get_by(|n| n.role() == Role::Article).rect().width()
    };
    let w = article(&h);
    assert!(w >= 400.0, "the article keeps its room: {w}");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    h.run();
    h.run();
    assert!(h.state().config.hide_documents);
    assert!(
        article(&h) > w + 100.0,
        "hiding the documents gives the article room"
    );
    // The shortcuts window fits below the menu bar.
    h.key_press(Key::F1);
    h.run();
    h.run();
    let win = h
        .get_by(|n| n.role() == Role::Window && n.data().label() == Some("Keyboard shortcuts"))
        .rect();
    let menu = h.get_by_label("File").rect();
    assert!(win.top() >= menu.bottom(), "{win:?} below {menu:?}");
    assert!(win.bottom() <= 600.0 && win.right() <= 900.0, "{win:?}");
}

#[test]
fn a_panel_keeps_its_width_when_the_selection_or_the_list_changes() {
    let (_p, mut h) = open_sample();
    show_doc_containing(&mut h, QUOTE);
    let width = |h: &H| {
        h.get_by(|n| n.data().placeholder() == Some("Search annotations"))
            .rect()
            .right()
    };
    let before = width(&h);
    let id = tag(&mut h, QUOTE, Key::Num2);
    h.state_mut().push(Command::SelectAnnotation(id));
    h.run();
    h.state_mut().push(UiCommand::DeleteAnnotation.into());
    h.run();
    h.run();
    assert_eq!(width(&h), before);
}
