//! Files the window asks for: the request for each [`Purpose`], and what is done with
//! the answer, whether the system's dialog or the in-window chooser gave it.

use eframe::egui;

use super::SourcemarkApp;
use crate::ui::command::Command;
use crate::ui::file_chooser::home_dir;
use crate::ui::notify::Level;
use crate::ui::pick::{PickKind, PickRequest, Purpose};
use crate::ui::session::Session;
use std::path::{Path, PathBuf};

/// Extensions of article files, as Add articles offers them.
const ARTICLE_EXTENSIONS: [&str; 4] = ["txt", "md", "markdown", "text"];

/// What Add articles offers: article files and saved web pages, whose article text is
/// extracted (see `webpage`). A relink takes article files only.
const ADDABLE_EXTENSIONS: [&str; 6] = ["txt", "md", "markdown", "text", "html", "htm"];

impl SourcemarkApp {
    /// Asks for the file or folder `purpose` needs; the answer is carried out now (the
    /// system's dialog) or when the in-window chooser gives it.
    pub(super) fn ask_for(&mut self, purpose: Purpose) {
        let request = self.request_for(&purpose);
        let answer = self.picker.ask(purpose, request, self.config.file_chooser);
        for n in self.picker.take_notices() {
            self.notes.warn(n);
        }
        if let Some((purpose, paths)) = answer {
            self.chosen(purpose, paths);
        }
    }

    /// Draws the in-window chooser when it is open and carries out its answer.
    pub(super) fn file_chooser_frame(&mut self, ui: &mut egui::Ui) {
        if let Some(action) = self.picker.chooser_ui(ui)
            && let Some((purpose, paths)) = self.picker.apply(action)
        {
            self.chosen(purpose, paths);
        }
        if self.picker.is_open() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(500));
        }
    }

    /// What is asked for `purpose`: kind, title, start folder, file types.
    fn request_for(&self, purpose: &Purpose) -> PickRequest {
        let project = || "sourcemark project";
        let session = self.session.as_ref();
        let project_dir = session.map(|s| s.ws.base_dir());
        let last_dir = self
            .config
            .last_project()
            .and_then(|p| p.parent())
            .map(Path::to_owned);
        match purpose {
            Purpose::NewProject => PickRequest::new(PickKind::SaveFile, "New project")
                .in_dir(last_dir.and_then(|d| d.parent().map(Path::to_owned)))
                .named("project.ron")
                .filter(project(), &["ron"])
                .accept_text("Create"),
            Purpose::OpenProject => PickRequest::new(PickKind::OpenFile, "Open project")
                .in_dir(last_dir.or_else(home_dir))
                .filter(project(), &["ron"]),
            Purpose::SaveAs => PickRequest::new(PickKind::SaveFile, "Save project as")
                .in_dir(project_dir)
                .named(session.map(Session::display_name).unwrap_or_default())
                .filter(project(), &["ron"]),
            Purpose::AddArticles => {
                let articles = project_dir
                    .as_ref()
                    .map(|d| d.join("articles"))
                    .filter(|d| d.is_dir());
                PickRequest::new(PickKind::OpenFiles, "Add articles")
                    .in_dir(articles.or(project_dir))
                    .filter("articles and saved web pages", &ADDABLE_EXTENSIONS)
                    .accept_text("Add")
            }
            Purpose::ExportTarget { folder, current } => {
                let kind = if *folder {
                    PickKind::Folder
                } else {
                    PickKind::SaveFile
                };
                let name = current
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                PickRequest::new(kind, "Export to")
                    .in_dir(current.parent().map(Path::to_owned))
                    .named(if *folder { String::new() } else { name })
                    .accept_text(if *folder { "Export here" } else { "Choose" })
            }
            Purpose::ImportSource { folder, current } => {
                let start = if current.as_os_str().is_empty() {
                    project_dir
                } else if current.is_dir() {
                    Some(current.clone())
                } else {
                    current.parent().map(Path::to_owned)
                };
                let request = PickRequest::new(
                    if *folder {
                        PickKind::Folder
                    } else {
                        PickKind::OpenFile
                    },
                    "Import annotations from",
                )
                .in_dir(start.filter(|p| p.is_dir()))
                .accept_text("Choose");
                if *folder {
                    request
                } else {
                    request.filter("annotations", &["jsonl", "json", "ndjson"])
                }
            }
            Purpose::ComparisonTable(suggested) => {
                PickRequest::new(PickKind::SaveFile, "Save the comparison")
                    .in_dir(suggested.parent().map(Path::to_owned))
                    .named(
                        suggested
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default(),
                    )
                    .filter("CSV or Markdown", &["csv", "md"])
                    .accept_text("Save")
            }
            Purpose::PatternFile => PickRequest::new(PickKind::OpenFile, "Add a pattern file")
                .in_dir(project_dir)
                .filter("spaCy/Prodigy patterns (JSONL)", &["jsonl", "json"])
                .accept_text("Add"),
            Purpose::CurationProject => PickRequest::new(
                PickKind::OpenFile,
                "Curate against another annotator's project",
            )
            .in_dir(project_dir)
            .filter(project(), &["ron"])
            .accept_text("Curate"),
            Purpose::Relink(doc) => {
                let expected =
                    session.and_then(|s| s.project().document(doc).map(|d| s.ws.article_path(d)));
                PickRequest::new(
                    PickKind::OpenFile,
                    format!("Locate the article file of {doc}"),
                )
                .in_dir(expected.and_then(|p| p.parent().map(Path::to_owned)))
                .filter("articles", &ARTICLE_EXTENSIONS)
                .accept_text("Link")
            }
        }
    }

    /// Carries out `purpose` with the paths chosen.
    fn chosen(&mut self, purpose: Purpose, paths: Vec<PathBuf>) {
        let Some(path) = paths.first().cloned() else {
            return;
        };
        match purpose {
            Purpose::NewProject => {
                self.close_session();
                match Session::create(&path) {
                    Ok(s) => {
                        self.set_session(s, &[]);
                        self.config.touch_recent(&path);
                        self.save_config();
                    }
                    Err(e) => self
                        .notes
                        .error(format!("Could not create the project: {e}")),
                }
            }
            Purpose::OpenProject => self.open_path(&path),
            Purpose::AddArticles => self.commands.push(Command::AddPaths(paths)),
            Purpose::SaveAs => self.save_as(&path),
            Purpose::ExportTarget { .. } => self.export.set_target(&path),
            Purpose::Relink(doc) => self.relink(&doc, &path),
            Purpose::ImportSource { .. } => self.import.set_input(&path),
            Purpose::ComparisonTable(_) => self.save_comparison(&path),
            Purpose::CurationProject => self.curate_against(&path),
            Purpose::PatternFile => self.add_pattern_file(&path),
        }
    }

    /// Links a document to the file chosen and says what that did.
    fn relink(&mut self, doc: &crate::model::DocId, file: &Path) {
        let Some(s) = &mut self.session else { return };
        let report = match s.relink(doc, file) {
            Ok(r) => r,
            Err(e) => {
                self.notes
                    .error(format!("Could not link the article file: {e}"));
                return;
            }
        };
        // What opening said about this document's file is out of date now.
        let stale = format!("{doc}: ");
        self.notes
            .items
            .retain(|n| n.level == Level::Info || !n.text.starts_with(&stale));
        let mut text = report.to_string();
        if report.outside {
            // The person chose a file outside the project's folder: that is their
            // agreement to read it, kept for the next open, unless other documents
            // there were held back and not agreed to.
            if s.ws.outside_documents().is_empty() {
                s.ws.outside_allowed = true;
                let project = s.ws.path.clone();
                self.config.allow_outside(&project);
                self.save_config();
                text.push_str(" (outside the project folder; it will be read there from now on)");
            } else {
                text.push_str(
                    " (outside the project folder; the next open asks again, with the other files outside it)",
                );
            }
        }
        let level = if report.anchor.orphaned.is_empty() {
            Level::Info
        } else {
            Level::Warning
        };
        self.notes.push(level, text);
    }
}
