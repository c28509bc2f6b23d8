//! The document list on the left: title, outlet, status and annotation count of each
//! article; click to show it, right-click to set its status.

use eframe::egui;

use crate::model::{DocStatus, Document};
use crate::ui::command::Command;
use crate::ui::session::Session;
use egui::{RichText, Ui};

/// The colour a status is shown in: none for to do, warm for in progress, green
/// for done.
pub fn status_color(ui: &Ui, s: DocStatus) -> egui::Color32 {
    match s {
        DocStatus::Todo => ui.visuals().weak_text_color(),
        DocStatus::InProgress => egui::Color32::from_rgb(0xd0, 0x8a, 0x1e),
        DocStatus::Done => egui::Color32::from_rgb(0x2e, 0xa0, 0x5a),
    }
}

/// Draws the list; clicks become commands.
pub fn doc_list_ui(ui: &mut Ui, session: &Session, commands: &mut Vec<Command>) {
    let p = session.project();
    ui.horizontal(|ui| {
        ui.heading("Documents");
        ui.label(RichText::new(format!("{}", p.documents.len())).weak());
    });
    ui.separator();
    if p.documents.is_empty() {
        ui.label(
            RichText::new(
                "No articles yet. Use File → Add articles, or drop article files on the window.",
            )
            .weak(),
        );
        return;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for d in &p.documents {
                doc_row_ui(ui, session, d, commands);
            }
        });
}

fn doc_row_ui(ui: &mut Ui, session: &Session, d: &Document, commands: &mut Vec<Command>) {
    let selected = session.current.as_ref() == Some(&d.id);
    let count = session.project().annotations_of(&d.id).len();
    let title = if d.title.is_empty() {
        d.id.to_string()
    } else {
        d.title.clone()
    };
    let missing = session.ws.text(&d.id).is_none();
    let mut meta = Vec::new();
    if !d.outlet.is_empty() {
        meta.push(d.outlet.clone());
    }
    meta.push(d.status.to_string());
    meta.push(match count {
        1 => "1 annotation".to_owned(),
        n => format!("{n} annotations"),
    });
    if missing {
        meta.push("file missing".to_owned());
    }
    let text = format!("{title}\n{}", meta.join(" · "));
    let resp = ui
        .add(
            egui::Button::selectable(selected, text)
                .wrap_mode(egui::TextWrapMode::Truncate)
                .min_size(egui::vec2(ui.available_width(), 0.0)),
        )
        .on_hover_text(format!("{title}\n{}", d.path));
    if resp.clicked() {
        commands.push(Command::SelectDocument(d.id.clone()));
    }
    resp.context_menu(|ui| {
        ui.label(RichText::new("Status").weak());
        for s in DocStatus::ALL {
            if ui.radio(d.status == s, s.to_string()).clicked() {
                commands.push(Command::SetStatus(d.id.clone(), s));
                ui.close();
            }
        }
    });
}
