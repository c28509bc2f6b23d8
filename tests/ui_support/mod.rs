//! Shared set-up for the window tests: a project in a temporary folder and a harness
//! around the whole app.

#![allow(dead_code)]

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sourcemark::ui::{AppOptions, SourcemarkApp};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A project copied into a temporary folder, so tests can save and break it freely.
pub struct TestProject {
    /// Keeps the folder alive.
    pub dir: tempfile::TempDir,
    /// The project file.
    pub path: PathBuf,
    /// The folder for the app's settings.
    pub config: PathBuf,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// The sample project (`projects/rally-coverage`), copied.
pub fn sample_project() -> TestProject {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = repo.join("projects/rally-coverage");
    let to = dir.path().join("rally-coverage");
    copy_dir(&sample, &to);
    let path = to.join("project.ron");
    TestProject { dir, path, config }
}

/// Options for a test: the given settings folder, a fixed annotator, no autosave
/// unless asked.
pub fn options(project: Option<&Path>, config: &Path) -> AppOptions {
    AppOptions {
        project: project.map(Path::to_owned),
        reopen_last: false,
        config_dir: Some(config.to_owned()),
        annotator: Some("tester".into()),
        autosave_interval: Duration::from_secs(3600),
    }
}

thread_local! {
    /// Annotations the project had when the test opened it (the sample project comes
    /// annotated); tests look at the ones they add.
    static BASELINE: std::cell::RefCell<std::collections::HashSet<String>> = Default::default();
}

/// The whole app in a headless harness, through eframe's `App` trait.
pub fn harness(opts: AppOptions) -> Harness<'static, SourcemarkApp> {
    harness_sized(opts, egui::vec2(1280.0, 800.0))
}

/// [`harness`] in a window of `size` (900×600 for the small-window tests).
pub fn harness_sized(opts: AppOptions, size: egui::Vec2) -> Harness<'static, SourcemarkApp> {
    let mut h = Harness::builder()
        .with_size(size)
        .build_eframe(move |cc| SourcemarkApp::new(&cc.egui_ctx, opts));
    h.run();
    let ids: std::collections::HashSet<String> = h
        .state()
        .session
        .as_ref()
        .map(|s| {
            s.project()
                .annotations
                .iter()
                .map(|a| a.id.to_string())
                .collect()
        })
        .unwrap_or_default();
    BASELINE.with(|b| {
        let mut b = b.borrow_mut();
        if b.is_empty() {
            *b = ids;
        }
    });
    h
}

/// Whether an annotation was added by the test (not in the project when first opened).
pub fn is_new(id: &str) -> bool {
    BASELINE.with(|b| !b.borrow().contains(id))
}

/// A harness on the sample project.
pub fn open_sample() -> (TestProject, Harness<'static, SourcemarkApp>) {
    let p = sample_project();
    let h = harness(options(Some(&p.path), &p.config));
    (p, h)
}

/// [`open_sample`] in a window of `size`.
pub fn open_sample_sized(size: egui::Vec2) -> (TestProject, Harness<'static, SourcemarkApp>) {
    let p = sample_project();
    let h = harness_sized(options(Some(&p.path), &p.config), size);
    (p, h)
}

/// The open session.
pub fn session<'h>(h: &'h Harness<'_, SourcemarkApp>) -> &'h sourcemark::ui::session::Session {
    h.state().session.as_ref().expect("a project is open")
}

/// Tags `needle` in the current document with `key`; returns the new annotation's id.
pub fn tag(
    h: &mut Harness<'_, SourcemarkApp>,
    needle: &str,
    key: egui::Key,
) -> sourcemark::model::AnnotationId {
    let r = find_in_current(h, needle);
    select_text(h, r);
    h.run();
    h.key_press(key);
    h.run();
    selected(h).expect("the new annotation is selected")
}

/// Removes the annotations of document `doc`, so clicks land on plain text or on the
/// test's own annotations.
pub fn clear_doc(h: &mut Harness<'_, SourcemarkApp>, doc: &sourcemark::model::DocId) {
    let s = h.state_mut().session.as_mut().expect("a project is open");
    let ids: Vec<_> = s
        .project()
        .annotations_of(doc)
        .iter()
        .map(|a| a.id.clone())
        .collect();
    s.delete_many(&ids).unwrap();
    h.run();
}

/// Removes the annotations of the current document.
pub fn clear_current(h: &mut Harness<'_, SourcemarkApp>) {
    let doc = session(h).current.clone().expect("a document is shown");
    clear_doc(h, &doc);
}

/// A click at `p` with `modifiers` held, as a person's: the modifiers go down, the
/// pointer moves there, presses and releases, the modifiers come up.
pub fn click_at(h: &mut Harness<'_, SourcemarkApp>, p: egui::Pos2, modifiers: egui::Modifiers) {
    h.event(egui::Event::ModifiersChanged(modifiers));
    h.hover_at(p);
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: p,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers,
        });
    }
    h.run();
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    h.run();
}

/// Clicks the middle of char `c` of the current document (laying it out first).
pub fn click_char(h: &mut Harness<'_, SourcemarkApp>, c: usize, modifiers: egui::Modifiers) {
    h.state_mut().view.scroll_to(c..c + 1);
    h.run();
    h.run();
    let p = h.state().view.char_rect(c).expect("char laid out").center();
    click_at(h, p, modifiers);
}

/// Asserts that no char of the current document in `chars` that is laid out lies under
/// `rect` (a marker must not hide the text it is about).
pub fn assert_covers_no_char(
    h: &Harness<'_, SourcemarkApp>,
    rect: egui::Rect,
    chars: std::ops::Range<usize>,
) {
    let n = session(h)
        .current_text()
        .expect("an article is shown")
        .char_len();
    for c in chars.start..chars.end.min(n) {
        if let Some(r) = h.state().view.char_rect(c) {
            assert!(
                !r.intersects(rect),
                "the marker {rect:?} covers char {c} at {r:?}"
            );
        }
    }
}

/// The sample project as it was before it had sources: no `source` label, no source
/// spans and no links, as a project made before the label existed.
pub fn open_sample_without_sources() -> (TestProject, Harness<'static, SourcemarkApp>) {
    let p = sample_project();
    let mut project = sourcemark::store::load(&p.path).unwrap();
    project.labels.0.retain(|l| l.id != "source");
    project.annotations.retain(|a| a.label != "source");
    project.links.clear();
    sourcemark::store::save(&p.path, &project).unwrap();
    let h = harness(options(Some(&p.path), &p.config));
    (p, h)
}

/// The char range of the first occurrence of `needle` in the current document.
pub fn find_in_current(h: &Harness<'_, SourcemarkApp>, needle: &str) -> std::ops::Range<usize> {
    let s = h.state().session.as_ref().unwrap();
    let text = s.current_text().unwrap();
    let b = text.as_str().find(needle).expect("phrase in the article");
    text.char_of(b)..text.char_of(b + needle.len())
}

/// Replaces the text of the field whose placeholder is `placeholder` with `text`, as a
/// person would: click in, select all, delete, type.
pub fn replace_text(h: &mut Harness<'_, SourcemarkApp>, placeholder: &str, text: &str) {
    h.get_by(|n| n.data().placeholder() == Some(placeholder))
        .focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    h.get_by(|n| n.data().placeholder() == Some(placeholder))
        .type_text(text);
    h.run();
}

/// Shows the document whose text contains `needle`.
pub fn show_doc_containing(h: &mut Harness<'_, SourcemarkApp>, needle: &str) {
    let s = h.state().session.as_ref().unwrap();
    let id = s
        .project()
        .documents
        .iter()
        .find(|d| {
            s.ws.text(&d.id)
                .is_some_and(|t| t.as_str().contains(needle))
        })
        .map(|d| d.id.clone())
        .expect("a document with the phrase");
    h.state_mut().session.as_mut().unwrap().select_doc(id);
    h.run();
}

/// Selects chars `r` of the current document, as a drag in the article would.
pub fn select_text(h: &mut Harness<'_, SourcemarkApp>, r: std::ops::Range<usize>) {
    let s = h.state_mut().session.as_mut().expect("a project is open");
    let doc = s.current.clone().expect("a document is shown");
    s.selection = sourcemark::selection::Selection::range(doc, r);
}

/// The text range selected in the current document, if any.
pub fn text_selection(h: &Harness<'_, SourcemarkApp>) -> Option<std::ops::Range<usize>> {
    let s = h.state().session.as_ref()?;
    s.selection.text_range(s.current.as_ref()?)
}

/// The primary selected annotation.
pub fn selected(h: &Harness<'_, SourcemarkApp>) -> Option<sourcemark::model::AnnotationId> {
    h.state().session.as_ref()?.selected().cloned()
}

/// Makes the window use sourcemark's own file chooser, as the setting
/// (`file_chooser: Builtin`) does, so no system dialog opens during a test.
pub fn use_builtin_chooser(h: &mut Harness<'_, SourcemarkApp>) {
    h.state_mut().config.file_chooser = sourcemark::ui::pick::FileChooserChoice::Builtin;
}

/// Clicks the in-window chooser's entry whose name is `name` (folders end in `/`).
pub fn click_chooser_entry(h: &mut Harness<'_, SourcemarkApp>, name: &str, mods: egui::Modifiers) {
    use egui::accesskit::Role;
    let shown = h.state().picker.chooser().map(|c| c.shown_names());
    h.get_by(|n| {
        n.role() == Role::Button
            && n.label()
                .is_some_and(|l| l == name || l.starts_with(&format!("{name} ")))
    })
    .click_modifiers(mods);
    h.run();
    assert!(shown.is_some(), "the chooser is open");
}

/// Types `path` into the in-window chooser's path field and presses Enter.
pub fn type_chooser_path(h: &mut Harness<'_, SourcemarkApp>, path: &Path) {
    replace_text(h, "Folder or file path", &path.display().to_string());
    h.key_press(egui::Key::Enter);
    h.run();
}

/// A press at `from`, a move and a release at `to`, with `modifiers` held.
pub fn drag(
    h: &mut Harness<'_, SourcemarkApp>,
    from: egui::Pos2,
    to: egui::Pos2,
    modifiers: egui::Modifiers,
) {
    h.event(egui::Event::ModifiersChanged(modifiers));
    h.hover_at(from);
    h.run();
    h.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers,
    });
    h.run();
    h.hover_at(from + (to - from) / 2.0);
    h.run();
    h.hover_at(to);
    h.run();
    h.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers,
    });
    h.run();
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    h.run();
}
