//! File → Import in the window: the input is read and checked on a worker thread with
//! a progress bar and a Cancel, the import goes in as one undoable change, a summary
//! says what it added, and a bad input names its line and changes nothing.

mod ui_support;

use eframe::egui;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use sourcemark::dataset::{Phase, READ_CHUNK};
use sourcemark::model::Project;
use sourcemark::ui::import_dialog::ImportOutcome;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use ui_support::*;

type H = egui_kittest::Harness<'static, sourcemark::ui::SourcemarkApp>;

const INPUT_HINT: &str = "a .jsonl or .json file, or a brat folder";

fn project(h: &H) -> Project {
    h.state().session.as_ref().unwrap().project().clone()
}

/// The files in the sample project's `articles/` folder.
fn articles(p: &TestProject) -> Vec<PathBuf> {
    let dir = p.path.parent().unwrap().join("articles");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

/// Opens File → Import… from the menu, as a person would.
fn open_import_from_menu(h: &mut H) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Import…").click();
    h.run();
    assert!(h.state().import.is_open());
}

fn set_input(h: &mut H, path: &Path) {
    replace_text(h, INPUT_HINT, &path.display().to_string());
}

fn button<'a>(h: &'a H, label: &'a str) -> egui_kittest::Node<'a> {
    h.get_by(|n| n.role() == Role::Button && n.label().as_deref() == Some(label))
}

/// Runs frames until the worker has finished, at most 60 s (the first frame takes
/// the click that starts it).
fn wait_for_import(h: &mut H) {
    h.step();
    let end = Instant::now() + Duration::from_secs(60);
    while h.state().import.is_running() {
        assert!(Instant::now() < end, "the import did not finish");
        // The progress bar repaints every frame while the worker runs.
        h.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    h.run();
}

/// Two new texts (one span names its annotator) and a new label.
const JSONL: &str = concat!(
    r#"{"id": "wire-1", "title": "Crowds in Baghdad", "text": "Officials said 5,200 US troops remain in Iraq.", "spans": ["#,
    r#"{"start": 15, "end": 30, "label": "figure", "text": "5,200 US troops", "annotator": "maria"}, "#,
    r#"{"start": 0, "end": 9, "label": "agency", "text": "Officials"}]}"#,
    "\n",
    r#"{"id": "wire-2", "text": "Organisers claimed a million-man march.", "spans": ["#,
    r#"{"start": 0, "end": 39, "label": "claim", "text": "Organisers claimed a million-man march."}]}"#,
    "\n",
);

#[test]
fn importing_jsonl_adds_documents_and_spans_and_one_undo_takes_it_all_back() {
    let (p, mut h) = open_sample();
    let before = project(&h);
    let files_before = articles(&p);
    let input = p.dir.path().join("wire.jsonl");
    std::fs::write(&input, JSONL).unwrap();

    open_import_from_menu(&mut h);
    set_input(&mut h, &input);
    assert_eq!(
        h.state().import.format(),
        sourcemark::dataset::Format::Jsonl
    );
    h.get_by_label("guessed from the file");
    button(&h, "Import").click();
    wait_for_import(&mut h);

    h.get_by_label("Imported wire.jsonl: 2 record(s) read.");
    h.get_by_label("Spans added");
    h.get_by_label("1 (agency)");
    let after = project(&h);
    assert_eq!(after.documents.len(), before.documents.len() + 2);
    assert_eq!(after.annotations.len(), before.annotations.len() + 3);
    assert!(after.labels.get("agency").is_some());
    let troops = after
        .annotations
        .iter()
        .find(|a| a.text == "5,200 US troops")
        .unwrap();
    // The file's own annotator wins; the others are the window's.
    assert_eq!(troops.annotator, "maria");
    let claim = after
        .annotations
        .iter()
        .find(|a| a.label == "claim" && a.doc.as_str() == "wire-2")
        .unwrap();
    assert_eq!(claim.annotator, "tester");
    // The articles were written as the command line writes them, and load.
    let s = h.state().session.as_ref().unwrap();
    let wire = after.document(&"wire-1".into()).unwrap();
    assert_eq!(wire.path, "articles/wire-1.txt");
    assert_eq!(
        std::fs::read_to_string(s.ws.article_path(wire)).unwrap(),
        "Officials said 5,200 US troops remain in Iraq."
    );
    assert_eq!(articles(&p).len(), files_before.len() + 2);

    button(&h, "Close").click();
    h.run();
    assert!(!h.state().import.is_open());

    // One undo: annotations, documents and the label go.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(project(&h), before);
    assert!(!h.state().session.as_ref().unwrap().is_dirty());
    // Redo brings all of it back, texts included.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(project(&h).annotations.len(), after.annotations.len());
    let s = h.state().session.as_ref().unwrap();
    assert!(s.ws.text(&"wire-2".into()).is_some());
    // Undone and closed without saving: the files it wrote go too.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run();
    assert!(h.state().session.is_none());
    assert_eq!(articles(&p), files_before);
}

#[test]
fn a_doccano_file_picked_in_the_format_box_is_imported_with_utf16_offsets() {
    let (p, mut h) = open_sample();
    let before = project(&h);
    // An emoji counts 2 UTF-16 units: the figure starts at 3 in UTF-16, 2 in chars.
    let input = p.dir.path().join("export.txt");
    std::fs::write(
        &input,
        "{\"text\": \"🎉 2.5 million marched.\", \"label\": [[3, 14, \"figure\"]], \
         \"meta\": {\"title\": \"Party in Baghdad\"}}\n",
    )
    .unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run();
    assert!(h.state().import.is_open());
    set_input(&mut h, &input);
    // A .txt name says nothing: pick the format by hand.
    h.get_by(|n| {
        let jsonl = Some("JSONL (sourcemark)");
        n.role() == Role::ComboBox
            && (n.label().as_deref() == jsonl || n.value().as_deref() == jsonl)
    })
    .click();
    h.run();
    h.get_by_label("doccano JSONL").click();
    h.run();
    assert_eq!(
        h.state().import.format(),
        sourcemark::dataset::Format::Doccano
    );
    h.get_by_label("UTF-16 units (doccano's editor, WebAnno TSV, UIMA)")
        .click();
    h.run();
    button(&h, "Import").click();
    wait_for_import(&mut h);
    h.get_by_label("Imported export.txt: 1 record(s) read.");
    let after = project(&h);
    assert_eq!(after.documents.len(), before.documents.len() + 1);
    let a = after
        .annotations
        .iter()
        .find(|a| !before.annotations.contains(a))
        .unwrap();
    assert_eq!((a.start, a.end, a.text.as_str()), (2, 13, "2.5 million"));
}

#[test]
fn a_brat_folder_typed_in_is_guessed_and_imported_with_enter() {
    let (p, mut h) = open_sample();
    let before = project(&h);
    let dir = p.dir.path().join("brat-in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("rally.txt"), "Three million rallied in Baghdad.\n").unwrap();
    std::fs::write(dir.join("rally.ann"), "T1\tfigure 0 13\tThree million\n").unwrap();
    // Keyboard only: the field has the keyboard when the dialog opens, and an Enter
    // that comes with the last keys typed imports (the format guessed in that frame).
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run();
    let key = |pressed| egui::Event::Key {
        key: Key::Enter,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    let events = &mut h.input_mut().events;
    events.push(egui::Event::Text(dir.display().to_string()));
    events.push(key(true));
    events.push(key(false));
    wait_for_import(&mut h);
    assert_eq!(h.state().import.input(), dir.display().to_string());
    assert_eq!(h.state().import.format(), sourcemark::dataset::Format::Brat);
    h.get_by_label("Imported brat-in: 1 record(s) read.");
    let after = project(&h);
    assert_eq!(after.annotations.len(), before.annotations.len() + 1);
    assert!(after.annotations.iter().any(|a| a.text == "Three million"));
}

#[test]
fn a_malformed_file_names_its_line_and_changes_nothing() {
    let (p, mut h) = open_sample();
    let before = project(&h);
    let revision = h.state().session.as_ref().unwrap().history.revision();
    let files_before = articles(&p);
    let input = p.dir.path().join("doccano.jsonl");
    let mut body: String = (1..=11)
        .map(|i| {
            format!(
                "{{\"text\": \"Text number {i} of the batch.\", \"label\": [[0, 4, \"claim\"]]}}\n"
            )
        })
        .collect();
    body.push_str("{\"text\": \"Broken\", \"label\": [[0, 3, \"claim\"]\n");
    std::fs::write(&input, body).unwrap();

    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run();
    set_input(&mut h, &input);
    assert_eq!(
        h.state().import.format(),
        sourcemark::dataset::Format::Doccano
    );
    button(&h, "Import").click();
    wait_for_import(&mut h);
    h.get_by_label_contains("doccano.jsonl: line 12: ");
    h.get_by_label("The project was not changed.");
    assert_eq!(project(&h), before);
    assert_eq!(
        h.state().session.as_ref().unwrap().history.revision(),
        revision
    );
    assert_eq!(articles(&p), files_before);
    // Back to the form, and out.
    button(&h, "Import another…").click();
    h.run();
    button(&h, "Cancel").click();
    h.run();
    assert!(!h.state().import.is_open());
}

/// A doccano file of `n` records, each one of the sample's articles with one span of
/// its own: large, yet it writes no article file.
fn large_input(h: &H, n: usize) -> String {
    let s = h.state().session.as_ref().unwrap();
    let texts: Vec<String> = s
        .project()
        .documents
        .iter()
        .map(|d| s.ws.text(&d.id).unwrap().as_str().to_owned())
        .collect();
    (0..n)
        .map(|i| {
            let text = &texts[i % texts.len()];
            let start = i / texts.len();
            let line = serde_json::json!({"text": text, "label": [[start, start + 7, "claim"]]});
            format!("{line}\n")
        })
        .collect()
}

#[test]
fn a_large_input_shows_its_progress_and_cancel_stops_the_worker() {
    let (p, mut h) = open_sample();
    let before = project(&h);
    let input = p.dir.path().join("large.jsonl");
    let body = large_input(&h, 700);
    assert!(body.len() > 4 * READ_CHUNK, "{}", body.len());
    std::fs::write(&input, &body).unwrap();

    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run();
    set_input(&mut h, &input);
    // The worker stops after its first piece, whatever the machine's speed.
    h.state_mut()
        .import
        .pause_next_at(Phase::Reading, READ_CHUNK as u64);
    button(&h, "Import").click();
    h.run_steps(2);
    let progress = h.state().import.progress().expect("a running import");
    assert!(progress.wait_paused(Duration::from_secs(30)));
    // The window keeps drawing while the worker waits.
    h.run_steps(3);
    let total = sourcemark::dataset::human_size(body.len() as u64);
    h.get_by_label(&format!("Reading: 256 KiB of {total}"));
    h.get_by_label("Importing large.jsonl …");
    assert!(h.state().import.is_running());

    button(&h, "Cancel").click();
    h.step();
    wait_for_import(&mut h);
    assert!(progress.is_cancelled());
    h.get_by_label("Import cancelled. The project was not changed.");
    assert_eq!(project(&h), before);
}

#[test]
fn a_large_import_counts_its_records_and_finishes_when_let_go() {
    let (p, mut h) = open_sample();
    let before = project(&h);
    let input = p.dir.path().join("large.jsonl");
    std::fs::write(&input, large_input(&h, 700)).unwrap();

    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run();
    set_input(&mut h, &input);
    h.state_mut().import.pause_next_at(Phase::Checking, 350);
    button(&h, "Import").click();
    h.run_steps(2);
    let progress = h.state().import.progress().expect("a running import");
    assert!(progress.wait_paused(Duration::from_secs(30)));
    h.run_steps(2);
    h.get_by_label("Checking: 350 of 700 records");
    // Nothing is applied before the worker is done.
    assert_eq!(project(&h), before);
    progress.resume();
    wait_for_import(&mut h);
    h.get_by_label("Imported large.jsonl: 700 record(s) read.");
    let after = project(&h);
    let added = after.annotations.len() - before.annotations.len();
    // Some records may repeat a span the sample already has: those are skipped.
    match h.state().import.outcome() {
        Some(ImportOutcome::Done { report, .. }) => {
            assert_eq!(report.annotations_added, added);
            assert_eq!(report.duplicates_skipped, 700 - added);
            assert_eq!(report.attached.len(), before.documents.len());
        }
        other => panic!("{other:?}"),
    }
    assert!(added > 600, "{added}");
    assert_eq!(after.documents, before.documents);
    button(&h, "Close").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(project(&h), before);
}
