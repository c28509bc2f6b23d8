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
        meta.push(crate::bidi::display(&d.outlet).into_owned());
    }
    meta.push(d.status.to_string());
    meta.push(match count {
        1 => "1 annotation".to_owned(),
        n => format!("{n} annotations"),
    });
    if missing {
        meta.push(
            if session.ws.is_outside(&d.id) {
                "outside folder, not read"
            } else {
                "file missing"
            }
            .to_owned(),
        );
    }
    let meta = meta.join(" · ");
    let resp = two_line_row_ui(ui, selected, &title, &meta, missing).on_hover_text(format!(
        "{title}\n{}\nRight-click to set the status",
        d.path
    ));
    if resp.clicked() {
        commands.push(Command::SelectDocument(d.id.clone()));
    }
    resp.context_menu(|ui| {
        ui.label(RichText::new("Status").weak());
        for &s in DocStatus::ALL {
            if ui.radio(d.status == s, s.to_string()).clicked() {
                commands.push(Command::SetStatus(d.id.clone(), s));
                ui.close();
            }
        }
    });
}

/// A selectable row with a strong first line and a weak second one, both cut to the
/// panel's width.
fn two_line_row_ui(
    ui: &mut Ui,
    selected: bool,
    title: &str,
    meta: &str,
    warn: bool,
) -> egui::Response {
    let pad = egui::vec2(6.0, 4.0);
    let width = ui.available_width();
    let body = egui::TextStyle::Body.resolve(ui.style());
    // The second line a point smaller than the first, not egui's 9 pt "small".
    let meta_font = egui::FontId::new((body.size - 1.5).max(10.0), body.family.clone());
    let wrap = |text: &str, font: egui::FontId, color: egui::Color32| {
        let mut job = egui::text::LayoutJob::single_section(
            text.to_owned(),
            egui::TextFormat::simple(font, color),
        );
        job.wrap = egui::text::TextWrapping::truncate_at_width(width - 2.0 * pad.x);
        ui.fonts_mut(|f| f.layout_job(job))
    };
    let visuals = ui.visuals().clone();
    let title_color = if selected {
        visuals.selection.stroke.color
    } else {
        visuals.strong_text_color()
    };
    let meta_color = if warn {
        visuals.warn_fg_color
    } else if selected {
        visuals.selection.stroke.color.gamma_multiply(0.8)
    } else {
        visuals.weak_text_color()
    };
    // A right-to-left title keeps its start when it is cut (see `bidi::display_fitted`).
    let max = width - 2.0 * pad.x;
    let title = crate::bidi::display_fitted(title, |s| {
        ui.fonts_mut(|f| f.layout_no_wrap(s.to_owned(), body.clone(), title_color))
            .size()
            .x
            <= max
    });
    let g1 = wrap(&title, body.clone(), title_color);
    let g2 = wrap(meta, meta_font, meta_color);
    let h = g1.size().y + g2.size().y + 2.0 * pad.y + 2.0;
    let (rect, resp) = ui.allocate_exact_size(egui::vec2(width, h), egui::Sense::click());
    resp.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::Role::Button,
            ui.is_enabled(),
            selected,
            format!("{title}\n{meta}"),
        )
    });
    if ui.is_rect_visible(rect) {
        let fill = if selected {
            Some(visuals.selection.bg_fill)
        } else if resp.hovered() {
            Some(visuals.widgets.hovered.weak_bg_fill)
        } else {
            None
        };
        if let Some(fill) = fill {
            ui.painter().rect_filled(rect, 4.0, fill);
        }
        let p = rect.min + pad;
        let h1 = g1.size().y;
        ui.painter().galley(p, g1, title_color);
        ui.painter()
            .galley(p + egui::vec2(0.0, h1 + 2.0), g2, meta_color);
    }
    resp
}
