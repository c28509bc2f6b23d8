//! File → Import: pick a file (or brat folder), its format (guessed from the path) and
//! its offset unit, then read and check it, and write its new article files, on a
//! worker thread with a progress bar and a Cancel that stops the worker, so a large input never freezes the window. The app
//! applies the finished plan through the session, as one undoable change, and hands the
//! summary back to show here.

use eframe::egui;

use crate::dataset::{
    Format, ImportError, ImportOptions, ImportPlan, ImportProgress, ImportReport, OffsetUnit,
    Phase, ProgressState, guess_format, human_size, prepare_import,
};
use crate::ui::export_dialog::format_name;
use crate::ui::session_import::WrittenArticle;
use crate::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

/// What the dialog asks the app to do; the dialog itself writes nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportAction {
    /// Let the person choose the input (a folder for brat) and call
    /// [`ImportDialog::set_input`] with the answer.
    Browse {
        /// Pick a folder rather than a file.
        folder: bool,
        /// The current input, to start the chooser from.
        current: PathBuf,
    },
    /// Start reading: call [`ImportDialog::start`].
    Start,
}

/// How an import ended, as the dialog shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportOutcome {
    /// Applied: what it added.
    Done {
        /// The input's file name.
        input: String,
        /// The summary.
        report: ImportReport,
    },
    /// Nothing changed, for this reason.
    Failed(String),
    /// The person stopped it; nothing changed.
    Cancelled,
}

/// A finished worker's result, for the app to apply.
pub struct Finished {
    /// The plan, or why there is none.
    pub result: Result<ImportPlan, ImportError>,
    /// The input's file name, for the undo entry and the summary.
    pub input: String,
    /// What the project was when the import started, to refuse a stale plan.
    pub started_on: StartedOn,
}

/// What the project was when an import started: a plan made for it fits it only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartedOn {
    /// The project file.
    pub path: PathBuf,
    /// The history's revision.
    pub revision: u64,
    /// The project file as last read or written.
    pub disk: Option<crate::store::FileIdentity>,
}

/// A running import.
struct Job {
    progress: Arc<ImportProgress>,
    handle: JoinHandle<Result<ImportPlan, ImportError>>,
    input: String,
    started_on: StartedOn,
}

/// The import dialog's state.
pub struct ImportDialog {
    open: bool,
    input: String,
    format: Format,
    /// The format was picked by the person for this input, not guessed.
    chosen: bool,
    /// The input the format was last guessed for, and whether a guess was found.
    guessed: Option<(String, bool)>,
    utf16: bool,
    annotator: String,
    job: Option<Job>,
    outcome: Option<ImportOutcome>,
    /// Article files written by this project's imports (see
    /// [`crate::ui::session_import::remove_unused_articles`]).
    written: Vec<WrittenArticle>,
    pause_next: Option<(Phase, u64)>,
    /// Give the input field the keyboard on the next frame.
    focus_input: bool,
}

impl Default for ImportDialog {
    fn default() -> Self {
        Self {
            open: false,
            input: String::new(),
            format: Format::Jsonl,
            chosen: false,
            guessed: None,
            utf16: false,
            annotator: String::new(),
            job: None,
            outcome: None,
            written: Vec::new(),
            pause_next: None,
            focus_input: false,
        }
    }
}

/// The formats the dialog offers: those that can be read back.
fn importable() -> impl Iterator<Item = Format> {
    Format::ALL.iter().copied().filter(|f| f.can_import())
}

impl ImportDialog {
    /// Shows the dialog; spans whose input names no annotator are credited to
    /// `annotator`.
    pub fn open(&mut self, annotator: &str) {
        self.annotator = annotator.to_owned();
        self.open = true;
        if self.job.is_none() {
            self.outcome = None;
            self.focus_input = true;
        }
    }

    /// True while the dialog is shown.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// True while a worker reads or checks an input.
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// The file or folder to read, e.g. from a file chooser; the format is guessed
    /// from it again.
    pub fn set_input(&mut self, path: &Path) {
        self.input = path.display().to_string();
        self.chosen = false;
        self.guessed = None;
        self.guess();
    }

    /// The input as typed.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The format that will be read.
    pub fn format(&self) -> Format {
        self.format
    }

    /// How the last import ended, until the dialog is opened again.
    pub fn outcome(&self) -> Option<&ImportOutcome> {
        self.outcome.as_ref()
    }

    /// The running import's progress (to watch or stop it).
    pub fn progress(&self) -> Option<Arc<ImportProgress>> {
        self.job.as_ref().map(|j| j.progress.clone())
    }

    /// Makes the next import pause when `phase` reaches `done` (see
    /// [`ImportProgress::pause_at`]): for tests that look at a running import.
    pub fn pause_next_at(&mut self, phase: Phase, done: u64) {
        self.pause_next = Some((phase, done));
    }

    /// The article files imports wrote since the last call (to remove the unused ones
    /// when the project closes).
    pub fn take_written(&mut self) -> Vec<WrittenArticle> {
        std::mem::take(&mut self.written)
    }

    /// Guesses the format when the input changed and the person did not pick one.
    fn guess(&mut self) {
        let input = self.input.trim().to_owned();
        if self.guessed.as_ref().is_some_and(|(g, _)| *g == input) {
            return;
        }
        let guess = (!input.is_empty())
            .then(|| guess_format(Path::new(&input)))
            .flatten();
        if let Some(f) = guess
            && !self.chosen
        {
            self.format = f;
        }
        self.guessed = Some((input, guess.is_some()));
    }

    /// Starts reading on a worker thread, over a snapshot of the project; `started_on`
    /// is what the project is now.
    pub fn start(&mut self, ws: &Workspace, started_on: StartedOn) {
        let input = PathBuf::from(self.input.trim());
        if self.job.is_some() || input.as_os_str().is_empty() {
            return;
        }
        let name = input
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| input.display().to_string());
        let opts = ImportOptions {
            offsets: if self.utf16 {
                OffsetUnit::Utf16
            } else {
                OffsetUnit::Chars
            },
            annotator: self.annotator.clone(),
        };
        let progress = Arc::new(ImportProgress::new());
        if let Some((phase, done)) = self.pause_next.take() {
            progress.pause_at(phase, done);
        }
        let (ws, format, p) = (ws.clone(), self.format, progress.clone());
        let spawned = std::thread::Builder::new()
            .name("sourcemark-import".into())
            .spawn(move || prepare_import(&ws, format, &input, &opts, &p));
        self.outcome = None;
        match spawned {
            Ok(handle) => {
                self.job = Some(Job {
                    progress,
                    handle,
                    input: name,
                    started_on,
                })
            }
            Err(e) => self.outcome = Some(ImportOutcome::Failed(format!("cannot start: {e}"))),
        }
    }

    /// Takes a finished worker's result, once, for the app to apply (then it calls
    /// [`ImportDialog::finish`]). A cancelled import ends here.
    pub fn poll(&mut self) -> Option<Finished> {
        if !self.job.as_ref()?.handle.is_finished() {
            return None;
        }
        let job = self.job.take()?;
        let result = job.handle.join().unwrap_or_else(|_| {
            Err(ImportError::Record {
                at: job.input.clone(),
                message: "the import stopped unexpectedly".into(),
            })
        });
        if job.progress.is_cancelled() || matches!(result, Err(ImportError::Cancelled)) {
            // Cancelled after the last check: its articles are written, and not wanted.
            if let Ok(plan) = &result {
                plan.remove_articles();
            }
            self.outcome = Some(ImportOutcome::Cancelled);
            return None;
        }
        Some(Finished {
            result,
            input: job.input,
            started_on: job.started_on,
        })
    }

    /// Stops a running import and waits for its worker (at most one piece, record or
    /// file more), leaving no article file of it behind: for when the app quits or the
    /// project goes.
    pub fn stop(&mut self) {
        let Some(job) = self.job.take() else { return };
        job.progress.cancel();
        if let Ok(Ok(plan)) = job.handle.join() {
            plan.remove_articles();
        }
        self.outcome = Some(ImportOutcome::Cancelled);
    }

    /// Shows how the import ended; `written` are the article files it wrote.
    pub fn finish(&mut self, outcome: ImportOutcome, written: Vec<WrittenArticle>) {
        self.written.extend(written);
        self.outcome = Some(outcome);
    }

    /// Draws the dialog. Returns what the app should do for it.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<ImportAction> {
        if !self.open {
            return None;
        }
        let mut action = None;
        let modal = egui::Modal::new(egui::Id::unique("sourcemark-import")).show(ui.ctx(), |ui| {
            let width = (ui.ctx().content_rect().width() - 64.0).clamp(320.0, 520.0);
            ui.set_width(width);
            ui.heading("Import annotations");
            ui.add_space(6.0);
            if let Some(job) = &self.job {
                job_ui(ui, job);
                return;
            }
            if let Some(outcome) = &self.outcome {
                outcome_ui(ui, outcome);
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Close").clicked() {
                        self.open = false;
                    }
                    if ui.button("Import another…").clicked() {
                        self.outcome = None;
                        self.focus_input = true;
                    }
                });
                return;
            }
            action = self.form_ui(ui);
        });
        if modal.should_close() {
            match &self.job {
                // Escape or a click outside stops a running import, as Cancel does.
                Some(job) => job.progress.cancel(),
                None => self.open = false,
            }
        }
        action
    }

    fn form_ui(&mut self, ui: &mut egui::Ui) -> Option<ImportAction> {
        let mut action = None;
        let mut entered = false;
        self.guess();
        egui::Grid::new("import_form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let input_label = ui.label("File or folder");
                ui.horizontal(|ui| {
                    let browse_w = 72.0;
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(&mut self.input)
                                .desired_width((ui.available_width() - browse_w).max(120.0))
                                .hint_text("a .jsonl or .json file, or a brat folder"),
                        )
                        .labelled_by(input_label.id);
                    if std::mem::take(&mut self.focus_input) {
                        field.request_focus();
                    }
                    entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if ui.button("Browse…").clicked() {
                        action = Some(ImportAction::Browse {
                            folder: self.format.is_folder(),
                            current: PathBuf::from(self.input.trim()),
                        });
                    }
                });
                ui.end_row();

                let format_label = ui.label("Format");
                ui.horizontal(|ui| {
                    let before = self.format;
                    egui::ComboBox::from_id_salt("import_format")
                        .selected_text(format_name(self.format))
                        .show_ui(ui, |ui| {
                            for f in importable() {
                                ui.selectable_value(&mut self.format, f, format_name(f));
                            }
                        })
                        .response
                        .labelled_by(format_label.id);
                    if self.format != before {
                        self.chosen = true;
                    }
                    let guessed = self.guessed.as_ref().is_some_and(|(_, found)| *found);
                    if guessed && !self.chosen {
                        ui.weak("guessed from the file");
                    }
                });
                ui.end_row();

                if self.format.spec().offsets.len() > 1 {
                    ui.label("Offsets count");
                    ui.vertical(|ui| {
                        ui.radio_value(&mut self.utf16, false, "Characters (Python, Label Studio)");
                        ui.radio_value(
                            &mut self.utf16,
                            true,
                            "UTF-16 units (doccano's editor, WebAnno TSV, UIMA)",
                        );
                    });
                    ui.end_row();
                }
            });
        ui.add_space(6.0);
        let who = if self.annotator.is_empty() {
            "unknown"
        } else {
            &self.annotator
        };
        ui.add(
            egui::Label::new(
                egui::RichText::new(format!(
                    "Spans that do not name their annotator are credited to {who}. \
                     Undo takes the whole import back."
                ))
                .weak(),
            )
            .wrap(),
        );
        // The field may have changed this frame: guess before judging the input, so an
        // Enter typed with the last keys imports the right format.
        self.guess();
        let input = self.input.trim().to_owned();
        let problem = input_problem(&input, self.format);
        if let Some(p) = &problem {
            ui.colored_label(ui.visuals().warn_fg_color, p);
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let ok = !input.is_empty() && problem.is_none();
            // Enter in the field imports, as the button does.
            if ui.add_enabled(ok, egui::Button::new("Import")).clicked() || (ok && entered) {
                action = Some(ImportAction::Start);
            }
            if ui.button("Cancel").clicked() {
                self.open = false;
            }
        });
        action
    }
}

/// Why `input` cannot be read as `format`, if it cannot (checked as the person types).
fn input_problem(input: &str, format: Format) -> Option<String> {
    if input.is_empty() {
        return None;
    }
    let Ok(meta) = std::fs::metadata(input) else {
        return Some(format!("There is no file or folder {input}."));
    };
    match (format.is_folder(), meta.is_dir()) {
        (true, false) => Some(format!(
            "{} reads a folder of DOC.txt and DOC.ann files; this is a file.",
            format_name(format)
        )),
        (false, true) => Some(format!(
            "{} reads a file; this is a folder (choose brat for a brat folder).",
            format_name(format)
        )),
        _ => None,
    }
}

/// The progress bar's text for a report.
pub fn progress_text(s: &ProgressState) -> String {
    match s.phase {
        Phase::Starting => "Starting…".to_owned(),
        Phase::Reading => format!("Reading: {} of {}", human_size(s.done), human_size(s.total)),
        Phase::ReadingFiles => format!("Reading: {} of {} files", s.done, s.total),
        Phase::Parsing => "Parsing…".to_owned(),
        Phase::Checking => format!("Checking: {} of {} records", s.done, s.total),
        Phase::Writing => format!("Writing: {} of {} new articles", s.done, s.total),
    }
}

fn job_ui(ui: &mut egui::Ui, job: &Job) {
    let s = job.progress.state();
    ui.label(format!("Importing {} …", job.input));
    let mut bar = egui::ProgressBar::new(s.fraction()).text(progress_text(&s));
    if matches!(s.phase, Phase::Starting | Phase::Parsing) {
        bar = bar.animate(true);
    }
    ui.add(bar);
    ui.add_space(8.0);
    if job.progress.is_cancelled() {
        ui.label("Cancelling…");
    } else if ui.button("Cancel").clicked() {
        job.progress.cancel();
    }
    ui.ctx().request_repaint();
}

fn outcome_ui(ui: &mut egui::Ui, outcome: &ImportOutcome) {
    match outcome {
        ImportOutcome::Done { input, report } => {
            let added = !report.new_documents.is_empty()
                || report.annotations_added > 0
                || report.links_added > 0
                || !report.labels_added.is_empty();
            ui.label(format!(
                "Imported {input}: {} record(s) read.",
                report.records
            ));
            egui::Grid::new("import_summary")
                .num_columns(2)
                .spacing([16.0, 4.0])
                .show(ui, |ui| {
                    let row = |ui: &mut egui::Ui, what: &str, n: String| {
                        ui.label(what);
                        ui.label(n);
                        ui.end_row();
                    };
                    row(
                        ui,
                        "Documents added",
                        report.new_documents.len().to_string(),
                    );
                    if !report.attached.is_empty() {
                        row(ui, "Documents matched", report.attached.len().to_string());
                    }
                    row(ui, "Spans added", report.annotations_added.to_string());
                    row(
                        ui,
                        "Duplicates skipped",
                        report.duplicates_skipped.to_string(),
                    );
                    let labels = if report.labels_added.is_empty() {
                        "0".to_owned()
                    } else {
                        format!(
                            "{} ({})",
                            report.labels_added.len(),
                            report.labels_added.join(", ")
                        )
                    };
                    row(ui, "Labels added", labels);
                    if report.links_added + report.link_duplicates_skipped > 0 {
                        row(ui, "Links added", report.links_added.to_string());
                    }
                });
            if !added {
                ui.label("Nothing new: the project already has all of it.");
            } else {
                ui.weak("Undo (Ctrl+Z) takes the whole import back.");
            }
            if !report.warnings.is_empty() {
                ui.add_space(4.0);
                egui::ScrollArea::vertical()
                    .max_height(120.0)
                    .show(ui, |ui| {
                        for w in &report.warnings {
                            ui.colored_label(ui.visuals().warn_fg_color, w);
                        }
                    });
            }
        }
        ImportOutcome::Failed(e) => {
            egui::ScrollArea::vertical()
                .max_height(220.0)
                .show(ui, |ui| {
                    ui.colored_label(ui.visuals().error_fg_color, format!("Import failed: {e}"));
                });
            ui.label("The project was not changed.");
        }
        ImportOutcome::Cancelled => {
            ui.label("Import cancelled. The project was not changed.");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_reads_in_the_unit_of_its_phase() {
        let s = |phase, done, total| ProgressState {
            phase,
            done,
            total,
            paused: false,
        };
        assert_eq!(
            progress_text(&s(Phase::Reading, 1 << 20, 3 << 20)),
            "Reading: 1 MiB of 3 MiB"
        );
        assert_eq!(
            progress_text(&s(Phase::Checking, 40, 100)),
            "Checking: 40 of 100 records"
        );
        assert_eq!(
            progress_text(&s(Phase::ReadingFiles, 2, 5)),
            "Reading: 2 of 5 files"
        );
        assert_eq!(
            progress_text(&s(Phase::Writing, 7, 9)),
            "Writing: 7 of 9 new articles"
        );
    }

    #[test]
    fn the_input_must_be_what_the_format_reads() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.jsonl");
        std::fs::write(&file, "{}").unwrap();
        let (f, d) = (file.display().to_string(), dir.path().display().to_string());
        assert_eq!(input_problem(&f, Format::Jsonl), None);
        assert_eq!(input_problem(&d, Format::Brat), None);
        assert!(input_problem(&f, Format::Brat).unwrap().contains("a file"));
        assert!(
            input_problem(&d, Format::Doccano)
                .unwrap()
                .contains("a folder")
        );
        let missing = dir.path().join("nope.json").display().to_string();
        assert!(
            input_problem(&missing, Format::LabelStudio)
                .unwrap()
                .contains("no file")
        );
    }

    #[test]
    fn the_format_follows_the_input_until_the_person_picks_one() {
        let dir = tempfile::tempdir().unwrap();
        let doccano = dir.path().join("d.jsonl");
        std::fs::write(&doccano, "{\"text\": \"t\", \"label\": []}\n").unwrap();
        let mut d = ImportDialog::default();
        d.set_input(&doccano);
        assert_eq!(d.format(), Format::Doccano);
        d.set_input(dir.path());
        assert_eq!(d.format(), Format::Brat);
        // A pick stays while the input is typed on, until another input is chosen.
        d.format = Format::LabelStudio;
        d.chosen = true;
        d.input = doccano.display().to_string();
        d.guess();
        assert_eq!(d.format(), Format::LabelStudio);
        d.set_input(&doccano);
        assert_eq!(d.format(), Format::Doccano);
    }
}
