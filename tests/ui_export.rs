//! File → Export in the window: the dialog writes the dataset in the background and
//! says what it wrote; an existing file is replaced only after the user agrees.

mod ui_support;

use eframe::egui;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use ui_support::*;

type H = egui_kittest::Harness<'static, sourcemark::ui::SourcemarkApp>;

/// Replaces the text of the export target field.
fn set_target(h: &mut H, path: &std::path::Path) {
    h.get_by(|n| n.data().placeholder() == Some("where to write"))
        .focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.get_by(|n| n.data().placeholder() == Some("where to write"))
        .type_text(&path.display().to_string());
    h.run();
}

/// Runs frames until the background export has finished.
fn wait_for_export(h: &mut H) {
    for _ in 0..500 {
        // The progress bar repaints every frame while the export runs.
        h.step();
        if !h.state().export.is_running() {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the export did not finish");
}

#[test]
fn file_export_writes_jsonl_with_char_offsets() {
    let (p, mut h) = open_sample();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Export…").click();
    h.run();
    assert!(h.state().export.is_open());
    let out = p.dir.path().join("rally.jsonl");
    set_target(&mut h, &out);
    h.get_by(|n| n.role() == Role::Button && n.label().as_deref() == Some("Export"))
        .click();
    wait_for_export(&mut h);
    h.get_by_label_contains("Exported 5 document(s)");

    let project = h.state().session.as_ref().unwrap().project().clone();
    let jsonl = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), project.documents.len());
    let mut spans = 0;
    for doc in &lines {
        let text: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
        for s in doc["spans"].as_array().unwrap() {
            let (a, b) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            // A split span's text is its ranges' texts joined by one space.
            let mut pieces = vec![text[a..b].iter().collect::<String>()];
            for r in s["more"].as_array().into_iter().flatten() {
                let (a, b) = (r[0].as_u64().unwrap(), r[1].as_u64().unwrap());
                pieces.push(text[a as usize..b as usize].iter().collect());
            }
            assert_eq!(pieces.join(" "), s["text"].as_str().unwrap());
            spans += 1;
        }
    }
    assert_eq!(spans, project.annotations.len());

    h.get_by_label("Close").click();
    h.run();
    assert!(!h.state().export.is_open());
}

#[test]
fn export_asks_before_replacing_and_keys_stay_with_the_dialog() {
    let (p, mut h) = open_sample();
    let out = p.dir.path().join("existing.csv");
    std::fs::write(&out, "keep me").unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    assert!(h.state().export.is_open());
    set_target(&mut h, &out);
    h.get_by_label_contains("exists and will be replaced");
    // A label key typed while the dialog is open tags nothing.
    let before = h
        .state()
        .session
        .as_ref()
        .unwrap()
        .project()
        .annotations
        .len();
    h.key_press(Key::Num1);
    h.run();
    assert_eq!(
        h.state()
            .session
            .as_ref()
            .unwrap()
            .project()
            .annotations
            .len(),
        before
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!h.state().export.is_open());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
}
