//! Document details: a small window to set the current document's title, outlet,
//! author, URL, publication date and language, which the comparison across outlets and every export
//! carry. The form edits a draft; Apply makes it one undoable change.

use eframe::egui;

use crate::model::{DocId, Document};
use chrono::NaiveDate;
use egui::{RichText, Ui};

/// The fields being edited.
#[derive(Clone, Debug)]
struct Draft {
    doc: DocId,
    title: String,
    outlet: String,
    author: String,
    url: String,
    published: String,
    language: String,
}

impl Draft {
    fn of(doc: &Document) -> Self {
        Self {
            doc: doc.id.clone(),
            title: doc.title.clone(),
            outlet: doc.outlet.clone(),
            author: doc.author.clone(),
            url: doc.url.clone(),
            published: doc.published.map(|d| d.to_string()).unwrap_or_default(),
            language: doc.language.clone(),
        }
    }

    /// The document with the draft's fields, or why the draft cannot be applied.
    fn applied_to(&self, doc: &Document) -> Result<Document, String> {
        let date = self.published.trim();
        let published = if date.is_empty() {
            None
        } else {
            Some(
                NaiveDate::parse_from_str(date, "%Y-%m-%d")
                    .map_err(|_| format!("“{date}” is not a date like 2020-01-24"))?,
            )
        };
        Ok(Document {
            title: self.title.trim().to_owned(),
            outlet: self.outlet.trim().to_owned(),
            author: self.author.trim().to_owned(),
            url: self.url.trim().to_owned(),
            published,
            language: self.language.trim().to_owned(),
            ..doc.clone()
        })
    }
}

/// What the window asks for after a frame.
#[derive(Debug, PartialEq)]
pub enum DetailsAction {
    /// Replace the document with this one (Apply).
    Apply(Box<Document>),
    /// Ask for the document's article file (Locate file…).
    Locate(DocId),
}

/// The details window's state: open while it holds a draft.
#[derive(Default)]
pub struct DocDetails {
    draft: Option<Draft>,
}

impl DocDetails {
    /// Opens the window on `doc`, replacing any unapplied draft.
    pub fn open(&mut self, doc: &Document) {
        self.draft = Some(Draft::of(doc));
    }

    /// Whether the window is showing.
    pub fn is_open(&self) -> bool {
        self.draft.is_some()
    }

    /// Draws the window. `doc` is the document the draft was opened on, as it is now
    /// (`None` when it has gone, which closes the window).
    pub fn ui(&mut self, ui: &mut Ui, doc: Option<&Document>) -> Option<DetailsAction> {
        let draft = self.draft.as_mut()?;
        let Some(doc) = doc.filter(|d| d.id == draft.doc) else {
            self.draft = None;
            return None;
        };
        let mut open = true;
        let mut action = None;
        let mut close = false;
        egui::Window::new("Document details")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ui.ctx(), |ui| {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(&doc.path).weak());
                    if ui
                        .small_button("Locate file…")
                        .on_hover_text("Point this document at its article file, if it moved")
                        .clicked()
                    {
                        action = Some(DetailsAction::Locate(doc.id.clone()));
                    }
                });
                if let Some(page) = &doc.page {
                    ui.label(
                        RichText::new(format!("Text extracted from the saved page {}", page.path))
                            .weak(),
                    )
                    .on_hover_text(format!("SHA-256 of the page: {}", page.sha256));
                }
                egui::Grid::new("doc-details")
                    .num_columns(2)
                    .spacing([8.0, 6.0])
                    .show(ui, |ui| {
                        field_ui(ui, "Title", &mut draft.title, "Headline");
                        field_ui(ui, "Outlet", &mut draft.outlet, "e.g. Press TV");
                        field_ui(ui, "Author", &mut draft.author, "Byline, e.g. Noor Hashim");
                        field_ui(ui, "URL", &mut draft.url, "https://…");
                        field_ui(ui, "Published", &mut draft.published, "YYYY-MM-DD");
                        field_ui(ui, "Language", &mut draft.language, "e.g. en");
                    });
                let result = draft.applied_to(doc);
                if let Err(e) = &result {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                ui.separator();
                ui.horizontal(|ui| {
                    let apply = ui.add_enabled(result.is_ok(), egui::Button::new("Apply"));
                    let enter = result.is_ok() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if apply.clicked() || enter {
                        if let Ok(after) = result {
                            action = Some(DetailsAction::Apply(Box::new(after)));
                        }
                        close = true;
                    }
                    if ui.button("Cancel").clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape))
                    {
                        close = true;
                    }
                });
            });
        if close || !open {
            self.draft = None;
        }
        action
    }
}

/// One labelled single-line field of the form.
fn field_ui(ui: &mut Ui, label: &str, text: &mut String, hint: &str) {
    let l = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(360.0),
    )
    .labelled_by(l.id);
    ui.end_row();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        Document {
            id: DocId::from("d"),
            path: "d.txt".into(),
            title: "Old".into(),
            outlet: String::new(),
            author: String::new(),
            url: String::new(),
            published: None,
            language: "en".into(),
            status: Default::default(),
            sha256: "00".into(),
            chars: 3,
            page: None,
        }
    }

    #[test]
    fn a_draft_trims_its_fields_and_reads_the_date() {
        let d = doc();
        let mut draft = Draft::of(&d);
        draft.outlet = "  Press TV ".into();
        draft.author = " Noor Hashim ".into();
        draft.published = "2020-01-24".into();
        let after = draft.applied_to(&d).unwrap();
        assert_eq!(after.outlet, "Press TV");
        assert_eq!(after.author, "Noor Hashim");
        assert_eq!(after.published, NaiveDate::from_ymd_opt(2020, 1, 24));
        assert_eq!((after.sha256.as_str(), after.chars), ("00", 3));
    }

    #[test]
    fn a_bad_date_is_refused_with_its_text() {
        let d = doc();
        let mut draft = Draft::of(&d);
        draft.published = "24/01/2020".into();
        let e = draft.applied_to(&d).unwrap_err();
        assert!(e.contains("24/01/2020"), "{e}");
    }
}
