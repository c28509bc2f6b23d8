//! The inspector's list of the selected annotation's links, both ways: the kind as read
//! from it ("said by", or "says" for a link that comes to it), the other end's text and
//! document, a button to jump there and one to delete the link.
//!
//! The rows are found once per revision and selection: finding the other ends by id in
//! a project of 100,000 annotations every frame would stutter.

use eframe::egui;

use crate::links::End;
use crate::model::{AnnotationId, DocId, LinkId};
use crate::ui::command::{Command, UiCommand};
use crate::ui::session::Session;
use egui::{RichText, Ui};

/// One link as the list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkRow {
    /// The link.
    pub link: LinkId,
    /// The kind, as read from the selected annotation.
    pub kind: String,
    /// The link goes from the selected annotation.
    pub outgoing: bool,
    /// The other end.
    pub other: AnnotationId,
    /// Its label id.
    pub label: String,
    /// The start of its text.
    pub text: String,
    /// Its document.
    pub doc: DocId,
}

/// The rows, with the (revision, annotation) they were found for.
#[derive(Default)]
pub struct LinkRows {
    key: Option<(u64, AnnotationId)>,
    rows: Vec<LinkRow>,
}

impl LinkRows {
    /// The links of `id`, found again when the project or the annotation changed.
    pub fn rows(&mut self, session: &Session, id: &AnnotationId) -> &[LinkRow] {
        let key = (session.history.revision(), id.clone());
        if self.key.as_ref() != Some(&key) {
            let p = session.project();
            let index = session.link_index();
            self.rows = index
                .of(&p.links, id)
                .filter_map(|(i, end)| {
                    let l = &p.links[i];
                    let other = p.annotation(end.other(l))?;
                    let outgoing = end == End::From;
                    Some(LinkRow {
                        link: l.id.clone(),
                        kind: if outgoing {
                            l.kind.label().to_owned()
                        } else {
                            l.kind.inverse_label()
                        },
                        outgoing,
                        other: other.id.clone(),
                        label: other.label.clone(),
                        text: crate::ui::annotation_list::snippet(&other.text, 60),
                        doc: other.doc.clone(),
                    })
                })
                .collect();
            self.key = Some(key);
        }
        &self.rows
    }

    /// Draws the list for annotation `id` of document `doc`.
    pub fn links_ui(
        &mut self,
        ui: &mut Ui,
        session: &Session,
        id: &AnnotationId,
        doc: &DocId,
        commands: &mut Vec<Command>,
    ) {
        let rows = self.rows(session, id).to_vec();
        let labels = &session.project().labels;
        ui.horizontal(|ui| {
            ui.label(RichText::new("Links").strong());
            ui.label(RichText::new(rows.len().to_string()).weak());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .small_button("Link to…")
                    .on_hover_text(UiCommand::StartLink.tooltip())
                    .clicked()
                {
                    commands.push(Command::Ui(UiCommand::StartLink));
                }
            });
        });
        if rows.is_empty() {
            ui.label(
                RichText::new(
                    "None. Press L, then click the other end (a source for who said it).",
                )
                .weak(),
            );
            return;
        }
        for r in &rows {
            ui.horizontal(|ui| {
                let arrow = if r.outgoing { "→" } else { "←" };
                ui.label(RichText::new(format!("{arrow} {}", r.kind)).strong());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .small_button("Delete link")
                        .on_hover_text(format!(
                            "Delete this link ({}); Ctrl+Z brings it back",
                            r.kind
                        ))
                        .clicked()
                    {
                        commands.push(Command::DeleteLink(r.link.clone()));
                    }
                    if ui
                        .small_button("Jump")
                        .on_hover_text("Select the other end and show it")
                        .clicked()
                    {
                        commands.push(Command::SelectAnnotation(r.other.clone()));
                    }
                });
            });
            // The other end on a line of its own, so it is not squeezed by the buttons.
            let color = crate::ui::annotation_list::label_color(labels, &r.label);
            ui.add(
                egui::Label::new(RichText::new(format!("“{}”", r.text)).color(color)).truncate(),
            );
            if r.doc != *doc {
                ui.label(RichText::new(format!("in {}", r.doc)).weak().small());
            }
        }
    }
}
