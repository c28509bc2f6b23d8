//! File → Export: pick a format and filters, then export in the background with a
//! progress bar, so a large project never freezes the window.

use eframe::egui;

use crate::dataset::{self, ExportOptions, ExportSummary, Format, OffsetUnit, Output};
use crate::model::DocStatus;
use crate::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::JoinHandle;

/// What the dialog asks the app to do; the dialog itself does no IO.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportAction {
    /// Show a native save dialog (a folder picker for folder formats) and call
    /// [`ExportDialog::set_target`] with the answer.
    Browse {
        /// Pick a folder rather than a file.
        folder: bool,
        /// The current target, to start the dialog from.
        current: PathBuf,
    },
    /// Start the export: call [`ExportDialog::start`].
    Start,
}

/// A running export.
struct Job {
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    handle: JoinHandle<Result<ExportSummary, String>>,
}

/// The export dialog's state.
pub struct ExportDialog {
    open: bool,
    format: Format,
    labels: Vec<(String, bool)>,
    status: Option<DocStatus>,
    utf16: bool,
    target: String,
    /// The target the user agreed to replace.
    confirmed_replace: Option<String>,
    job: Option<Job>,
    outcome: Option<Result<ExportSummary, String>>,
}

impl Default for ExportDialog {
    fn default() -> Self {
        Self {
            open: false,
            format: Format::Jsonl,
            labels: Vec::new(),
            status: None,
            utf16: false,
            target: String::new(),
            confirmed_replace: None,
            job: None,
            outcome: None,
        }
    }
}

impl ExportDialog {
    /// Opens the dialog for a project, with all its labels ticked and a target beside
    /// the project file.
    pub fn open(&mut self, ws: &Workspace) {
        if self.job.is_some() {
            self.open = true;
            return;
        }
        self.labels = ws
            .project
            .labels
            .iter()
            .map(|l| {
                let keep = self
                    .labels
                    .iter()
                    .find(|(id, _)| *id == l.id)
                    .is_none_or(|(_, on)| *on);
                (l.id.clone(), keep)
            })
            .collect();
        self.target = default_target(ws, self.format).display().to_string();
        self.outcome = None;
        self.confirmed_replace = None;
        self.open = true;
    }

    /// True while the dialog is shown.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// True while an export runs.
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// Sets the file or folder to write, e.g. from a native dialog.
    pub fn set_target(&mut self, path: &Path) {
        self.target = path.display().to_string();
    }

    /// The chosen format.
    pub fn format(&self) -> Format {
        self.format
    }

    fn options(&self) -> ExportOptions {
        let all = self.labels.iter().all(|(_, on)| *on);
        ExportOptions {
            labels: (!all).then(|| {
                self.labels
                    .iter()
                    .filter(|(_, on)| *on)
                    .map(|(id, _)| id.clone())
                    .collect()
            }),
            status: self.status,
            offsets: if self.utf16 {
                OffsetUnit::Utf16
            } else {
                OffsetUnit::Chars
            },
        }
    }

    /// Starts the export on a background thread, on a snapshot of the project.
    pub fn start(&mut self, ws: &Workspace) {
        if self.job.is_some() || self.target.trim().is_empty() {
            return;
        }
        let ws = ws.clone();
        let format = self.format;
        let opts = self.options();
        let target = PathBuf::from(self.target.trim());
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let (d, t) = (done.clone(), total.clone());
        let handle = std::thread::spawn(move || {
            dataset::export(&ws, format, &opts, Output::Path(target), &mut |n, of| {
                d.store(n, Ordering::Relaxed);
                t.store(of, Ordering::Relaxed);
            })
            .map_err(|e| e.to_string())
        });
        self.outcome = None;
        self.job = Some(Job {
            done,
            total,
            handle,
        });
    }

    /// Collects a finished export; returns its outcome once, when it ends.
    pub fn poll(&mut self) -> Option<&Result<ExportSummary, String>> {
        if !self.job.as_ref()?.handle.is_finished() {
            return None;
        }
        let job = self.job.take()?;
        self.outcome = Some(
            job.handle
                .join()
                .unwrap_or_else(|_| Err("the export stopped unexpectedly".to_owned())),
        );
        self.outcome.as_ref()
    }

    /// Draws the dialog. Returns what the app should do for it.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<ExportAction> {
        if !self.open {
            return None;
        }
        self.poll();
        let mut action = None;
        let modal = egui::Modal::new(egui::Id::unique("sourcemark-export")).show(ui.ctx(), |ui| {
            ui.set_width(440.0);
            ui.heading("Export annotations");
            ui.add_space(6.0);
            if let Some(job) = &self.job {
                let done = job.done.load(Ordering::Relaxed);
                let total = job.total.load(Ordering::Relaxed).max(1);
                ui.label(format!("Exporting to {} …", self.target));
                ui.add(
                    egui::ProgressBar::new(done as f32 / total as f32)
                        .text(format!("{done} of {total} documents")),
                );
                ui.ctx().request_repaint();
                return;
            }
            if let Some(outcome) = &self.outcome {
                outcome_ui(ui, outcome);
                ui.add_space(8.0);
                if ui.button("Close").clicked() {
                    self.open = false;
                }
                return;
            }
            action = self.form_ui(ui);
        });
        if modal.should_close() && self.job.is_none() {
            self.open = false;
        }
        action
    }

    fn form_ui(&mut self, ui: &mut egui::Ui) -> Option<ExportAction> {
        let mut action = None;
        egui::Grid::new("export_form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let format_label = ui.label("Format");
                let before = self.format;
                egui::ComboBox::from_id_salt("export_format")
                    .selected_text(format_name(self.format))
                    .show_ui(ui, |ui| {
                        for &f in Format::ALL {
                            ui.selectable_value(&mut self.format, f, format_name(f));
                        }
                    })
                    .response
                    .labelled_by(format_label.id);
                if self.format != before {
                    self.retarget(before);
                }
                ui.end_row();

                ui.label("Labels");
                ui.horizontal_wrapped(|ui| {
                    for (id, on) in &mut self.labels {
                        ui.checkbox(on, id.as_str());
                    }
                });
                ui.end_row();

                let documents_label = ui.label("Documents");
                egui::ComboBox::from_id_salt("export_status")
                    .selected_text(match self.status {
                        None => "All".to_owned(),
                        Some(s) => format!("Only “{s}”"),
                    })
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.status, None, "All");
                        for &s in DocStatus::ALL {
                            ui.selectable_value(&mut self.status, Some(s), format!("Only “{s}”"));
                        }
                    })
                    .response
                    .labelled_by(documents_label.id);
                ui.end_row();

                ui.label("Offsets");
                ui.add_enabled_ui(self.format != Format::W3c, |ui| {
                    ui.checkbox(
                        &mut self.utf16,
                        "Count UTF-16 units (doccano's editor, WebAnno TSV, UIMA)",
                    );
                });
                ui.end_row();

                let target_label = ui.label(if self.format.is_folder() {
                    "Folder"
                } else {
                    "File"
                });
                ui.horizontal(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut self.target)
                            .desired_width(280.0)
                            .hint_text("where to write"),
                    )
                    .labelled_by(target_label.id);
                    if ui.button("Browse…").clicked() {
                        action = Some(ExportAction::Browse {
                            folder: self.format.is_folder(),
                            current: PathBuf::from(&self.target),
                        });
                    }
                });
                ui.end_row();
            });
        ui.add_space(8.0);
        let target = self.target.trim().to_owned();
        let exists = !target.is_empty() && Path::new(&target).exists();
        let confirmed = self.confirmed_replace.as_deref() == Some(target.as_str());
        if exists && !confirmed {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("{target} exists and will be replaced."),
            );
        }
        let nothing = self.labels.iter().all(|(_, on)| !on);
        if nothing {
            ui.colored_label(ui.visuals().warn_fg_color, "Tick at least one label.");
        }
        ui.horizontal(|ui| {
            let label = if exists {
                "Replace and export"
            } else {
                "Export"
            };
            let ok = !target.is_empty() && !nothing;
            if ui.add_enabled(ok, egui::Button::new(label)).clicked() {
                self.confirmed_replace = Some(target.clone());
                action = Some(ExportAction::Start);
            }
            if ui.button("Cancel").clicked() {
                self.open = false;
            }
        });
        action
    }

    /// Keeps the target's extension in step with the format when it was the default.
    fn retarget(&mut self, before: Format) {
        let old = PathBuf::from(self.target.trim());
        let matches_old = if before.is_folder() {
            old.extension().is_none()
        } else {
            old.extension().is_some_and(|e| e == before.extension())
        };
        if !matches_old {
            return;
        }
        let stem = old.with_extension("");
        let new = if self.format.is_folder() {
            PathBuf::from(format!("{}-brat", stem.display()))
        } else {
            let s = stem.display().to_string();
            let s = s.strip_suffix("-brat").unwrap_or(&s).to_owned();
            PathBuf::from(s).with_extension(self.format.extension())
        };
        self.target = new.display().to_string();
    }
}

/// A friendly name for each format (the import dialog's too).
pub(crate) fn format_name(f: Format) -> &'static str {
    match f {
        Format::Jsonl => "JSONL (sourcemark)",
        Format::Doccano => "doccano JSONL",
        Format::DoccanoRel => "doccano relations JSONL",
        Format::LabelStudio => "Label Studio JSON",
        Format::Brat => "brat standoff (folder)",
        Format::W3c => "W3C Web Annotation",
        Format::Csv => "CSV",
        Format::Conll => "CoNLL (BIO)",
        Format::Claimreview => "ClaimReview (schema.org JSON-LD)",
    }
}

/// `<project folder>/<project stem>.<ext>`, or `<stem>-brat` for folder formats.
fn default_target(ws: &Workspace, format: Format) -> PathBuf {
    let stem = ws
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".to_owned());
    let dir = ws.base_dir();
    if format.is_folder() {
        dir.join(format!("{stem}-brat"))
    } else {
        dir.join(format!("{stem}.{}", format.extension()))
    }
}

fn outcome_ui(ui: &mut egui::Ui, outcome: &Result<ExportSummary, String>) {
    match outcome {
        Ok(s) => {
            ui.label(format!(
                "Exported {} document(s) and {} annotation(s).",
                s.documents, s.annotations
            ));
            for f in &s.files {
                ui.label(egui::RichText::new(f.display().to_string()).monospace());
            }
            for w in &s.warnings {
                ui.colored_label(ui.visuals().warn_fg_color, w);
            }
        }
        Err(e) => {
            ui.colored_label(ui.visuals().error_fg_color, format!("Export failed: {e}"));
        }
    }
}
