//! The middle of the window: the start screen when no project is open; otherwise the
//! document header, the find bar and the article (or why it cannot be shown).

use eframe::egui;

use crate::model::DocStatus;
use crate::ui::article::{ArticleContext, ArticleView};
use crate::ui::command::{Command, UiCommand};
use crate::ui::config::Config;
use crate::ui::find::FindState;
use crate::ui::session::Session;
use egui::{RichText, Ui};

/// The egui id of the find field, so Ctrl+F can give it the keyboard.
pub fn find_field_id() -> egui::Id {
    egui::Id::unique("sourcemark-find-field")
}

/// The screen shown with no project open: New, Open and the recent projects.
pub fn start_screen_ui(ui: &mut Ui, config: &Config, out: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space((ui.available_height() * 0.18).max(16.0));
        ui.heading(RichText::new("sourcemark").size(30.0));
        ui.label("Annotate claims, quotes and figures in news articles.");
        ui.add_space(20.0);
        if ui.button("New project…").clicked() {
            out.push(Command::Ui(UiCommand::NewProject));
        }
        if ui.button("Open project…").clicked() {
            out.push(Command::Ui(UiCommand::OpenProject));
        }
        ui.add_space(20.0);
        if config.recent.is_empty() {
            ui.label(
                RichText::new("You can also drop a project (.ron) file on this window.").weak(),
            );
            return;
        }
        ui.label(RichText::new("Recent projects").strong());
        ui.add_space(4.0);
        for p in &config.recent {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let dir = p
                .parent()
                .map(|d| d.display().to_string())
                .unwrap_or_default();
            let exists = p.is_file();
            let resp = ui
                .add_enabled(exists, egui::Button::new(format!("{name}  —  {dir}")))
                .on_hover_text(p.display().to_string())
                .on_disabled_hover_text(format!("{} no longer exists", p.display()));
            if resp.clicked() {
                out.push(Command::OpenPath(p.clone()));
            }
        }
    });
}

/// The header, find bar and article of the current document.
pub fn article_panel_ui(
    ui: &mut Ui,
    session: &Session,
    view: &mut ArticleView,
    find: &mut FindState,
    font_size: f32,
    keyboard: bool,
    out: &mut Vec<Command>,
) {
    let Some(doc) = session.current_doc() else {
        ui.centered_and_justified(|ui| {
            ui.label(
                RichText::new(
                    "This project has no articles yet.\nUse File → Add articles, or drop article files (.txt, .md) on the window.",
                )
                .size(16.0)
                .weak(),
            );
        });
        return;
    };
    header_ui(ui, session, doc, out);
    let text = session.current_text();
    if find.open {
        find_bar_ui(ui, find, out);
    }
    ui.separator();
    let Some(text) = text else {
        let why = session
            .current_unavailable()
            .unwrap_or_else(|| "unknown reason".to_owned());
        let n = session.project().annotations_of(&doc.id).len();
        ui.add_space(24.0);
        ui.vertical_centered(|ui| {
            ui.label(
                RichText::new("The article cannot be shown")
                    .size(20.0)
                    .color(ui.visuals().warn_fg_color),
            );
            ui.add_space(8.0);
            ui.label(why);
            if session.ws.is_outside(&doc.id) {
                ui.label(format!(
                    "The project names it as {}. Its {n} annotation(s) are kept.",
                    doc.path
                ));
                ui.add_space(8.0);
                if ui
                    .button(UiCommand::ReadOutsideArticles.text())
                    .on_hover_text("Only if you expect this project to use files from elsewhere")
                    .clicked()
                {
                    out.push(Command::Ui(UiCommand::ReadOutsideArticles));
                }
                return;
            }
            ui.label(format!(
                "Expected at {} (relative to the project file).",
                doc.path
            ));
            ui.add_space(8.0);
            ui.label(format!(
                "Its {n} annotation(s) are kept in the project. If the file moved, locate it: \
                 the same text only changes the path, another text has the spans found again."
            ));
            ui.add_space(8.0);
            let locate = Command::LocateArticle(doc.id.clone());
            if ui
                .button("Locate file…")
                .on_hover_text("Choose the article file of this document (one undoable change)")
                .clicked()
            {
                out.push(locate);
            }
        });
        return;
    };
    if find.refresh(&doc.id, &text)
        && let Some(r) = find.current.and_then(|i| find.matches.get(i)).cloned()
    {
        view.scroll_to(r);
    }
    let link_index = session.link_index();
    let cx = ArticleContext {
        doc: &doc.id,
        text: &text,
        annotations: session.project().annotations_of(&doc.id),
        labels: &session.project().labels,
        selection: &session.selection,
        revision: session.history.revision(),
        find_matches: if find.open { &find.matches } else { &[] },
        current_match: if find.open { find.current } else { None },
        font_size,
        keyboard,
        links: &session.project().links,
        link_index: &link_index,
        all_annotations: &session.project().annotations,
    };
    view.set_link_start(session.linking.as_ref().map(|l| l.from().clone()));
    let r = view.ui(ui, &cx);
    if let Some((id, range)) = r.add_range {
        out.push(Command::AddRange(id, range));
    } else if let Some(action) = r.passage {
        out.push(action.command());
    } else if let Some(id) = r.jump_to {
        out.push(Command::SelectAnnotation(id));
    } else if let Some((id, toggle)) = r.clicked_annotation {
        out.push(Command::ClickAnnotation(id, toggle));
    } else if let Some(id) = r.step_to {
        out.push(Command::SelectAnnotation(id));
    } else if let Some(sel) = r.selection {
        out.push(Command::Select(sel));
    }
}

fn header_ui(ui: &mut Ui, session: &Session, doc: &crate::model::Document, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let mut status = doc.status;
            egui::ComboBox::from_id_salt("doc-status")
                .selected_text(
                    RichText::new(status.to_string())
                        .color(crate::ui::doc_list::status_color(ui, status)),
                )
                .show_ui(ui, |ui| {
                    for &s in DocStatus::ALL {
                        ui.selectable_value(&mut status, s, s.to_string());
                    }
                })
                .response
                .on_hover_text("Status of this document");
            if status != doc.status {
                out.push(Command::SetStatus(doc.id.clone(), status));
            }
            if ui
                .button("Details…")
                .on_hover_text("Title, outlet, URL, date and language of this document")
                .clicked()
            {
                out.push(Command::Ui(UiCommand::EditDocumentDetails));
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                let title = if doc.title.is_empty() {
                    doc.id.to_string()
                } else {
                    // Cut at its end when too long; a right-to-left title at its
                    // logical end, which is on the left.
                    let font = egui::TextStyle::Heading.resolve(ui.style());
                    let max = ui.available_width();
                    crate::bidi::display_fitted(&doc.title, |s| {
                        ui.fonts_mut(|f| {
                            f.layout_no_wrap(s.to_owned(), font.clone(), egui::Color32::WHITE)
                        })
                        .size()
                        .x <= max
                    })
                };
                ui.add(egui::Label::new(RichText::new(title).heading().strong()).truncate());
            });
        });
    });
    let mut meta = Vec::new();
    if !doc.outlet.is_empty() {
        meta.push(crate::bidi::display(&doc.outlet).into_owned());
    }
    if let Some(d) = doc.published {
        meta.push(d.to_string());
    }
    if !doc.url.is_empty() {
        meta.push(doc.url.clone());
    }
    if meta.is_empty() {
        meta.push(doc.path.clone());
    }
    let _ = session;
    ui.label(RichText::new(meta.join(" · ")).weak());
}

fn find_bar_ui(ui: &mut Ui, find: &mut FindState, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let resp = ui.add(
            egui::TextEdit::singleline(&mut find.query)
                .id(find_field_id())
                .hint_text("Find in article")
                .desired_width(260.0),
        );
        if find.focus_requested {
            resp.request_focus();
            find.focus_requested = false;
        }
        if resp.lost_focus() {
            let (enter, shift, escape) = ui.input(|i| {
                (
                    i.key_pressed(egui::Key::Enter),
                    i.modifiers.shift,
                    i.key_pressed(egui::Key::Escape),
                )
            });
            if escape {
                find.close();
            } else if enter {
                // The match becomes the selection and the article takes the keyboard,
                // so a label key tags it; F3 goes on to the next.
                out.push(if shift {
                    Command::Ui(UiCommand::FindPrevious)
                } else {
                    Command::Ui(UiCommand::FindNext)
                });
            }
        }
        ui.label(find.summary());
        if ui
            .button("Previous")
            .on_hover_text("Previous match (Shift+Enter)")
            .clicked()
        {
            out.push(Command::Ui(UiCommand::FindPrevious));
        }
        if ui
            .button("Next")
            .on_hover_text("Next match (Enter)")
            .clicked()
        {
            out.push(Command::Ui(UiCommand::FindNext));
        }
        if ui
            .button("Close")
            .on_hover_text("Close the find bar (Escape)")
            .clicked()
        {
            find.close();
        }
    });
}
