//! Search the whole project (Ctrl+Shift+F): every document's text and every
//! annotation's text, note and attributes. Results name the document, the label (or
//! "text") and show the context; Enter or a click jumps there and selects the match.

use eframe::egui;

use crate::search::{Hit, search_project};
use crate::ui::annotation_list::label_color;
use crate::ui::list_keys::ListKeys;
use crate::ui::session::Session;

/// Most results listed.
pub const MAX_RESULTS: usize = 500;

/// The search window's state.
#[derive(Default)]
pub struct ProjectSearch {
    open: bool,
    /// What is searched for.
    pub query: String,
    /// The results for `query`.
    pub results: Vec<Hit>,
    chosen: usize,
    focus: bool,
    computed_for: Option<(String, u64)>,
}

/// What the person chose in the window.
#[derive(Debug)]
pub enum SearchAction {
    /// Show this result; `close` when chosen with Enter (the article takes the keyboard).
    Jump(Hit, bool),
}

impl ProjectSearch {
    /// Shows the window with the keyboard in its field.
    pub fn open(&mut self) {
        self.open = true;
        self.focus = true;
    }

    /// Hides the window (the query and results stay for next time).
    pub fn close(&mut self) {
        self.open = false;
    }

    /// True while the window is shown.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Searches again when the query or the project changed.
    pub fn refresh(&mut self, s: &Session) {
        let key = (self.query.clone(), s.history.revision());
        if !self.open || self.computed_for.as_ref() == Some(&key) {
            return;
        }
        let ws = &s.ws;
        self.results = search_project(
            &ws.project,
            |d| ws.text(d).map(|t| t.as_ref()),
            &self.query,
            MAX_RESULTS,
        );
        self.chosen = 0;
        self.computed_for = Some(key);
    }

    /// Draws the window; returns what was chosen.
    pub fn ui(&mut self, ctx: &egui::Context, s: &Session) -> Option<SearchAction> {
        if !self.open {
            return None;
        }
        let mut action = None;
        let mut open = self.open;
        let bounds = ctx.content_rect().shrink(8.0);
        egui::Window::new("Search project")
            .open(&mut open)
            .default_size([560.0, 420.0])
            .max_height(bounds.height() - 40.0)
            .constrain_to(bounds)
            .collapsible(false)
            .show(ctx, |ui| {
                let field = ui.add(
                    egui::TextEdit::singleline(&mut self.query)
                        .hint_text("Text, note, speaker, counted, verdict…")
                        .desired_width(f32::INFINITY),
                );
                if self.focus {
                    field.request_focus();
                    self.focus = false;
                }
                let n = self.results.len();
                let keys = if field.has_focus() || field.lost_focus() {
                    ListKeys::take(ui.ctx())
                } else {
                    ListKeys::default()
                };
                self.chosen = keys.step(self.chosen, n);
                if keys.enter
                    && let Some(h) = self.results.get(self.chosen)
                {
                    action = Some(SearchAction::Jump(h.clone(), true));
                }
                ui.label(match n {
                    _ if self.query.trim().is_empty() => String::new(),
                    0 => "No matches".to_owned(),
                    n if n >= MAX_RESULTS => format!("First {n} matches"),
                    1 => "1 match".to_owned(),
                    n => format!("{n} matches"),
                });
                ui.separator();
                let p = s.project();
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        for (i, h) in self.results.iter().enumerate() {
                            let (label, color) = if h.label.is_empty() {
                                ("text".to_owned(), ui.visuals().weak_text_color())
                            } else {
                                (
                                    p.labels
                                        .get(&h.label)
                                        .map_or(h.label.clone(), |l| l.name.clone()),
                                    label_color(&p.labels, &h.label),
                                )
                            };
                            let mut job = egui::text::LayoutJob::default();
                            let font = egui::TextStyle::Body.resolve(ui.style());
                            let fmt = |color| egui::TextFormat {
                                font_id: font.clone(),
                                color,
                                ..Default::default()
                            };
                            job.append(
                                &format!("{}  ", h.doc),
                                0.0,
                                fmt(ui.visuals().strong_text_color()),
                            );
                            job.append(&format!("{label}  "), 0.0, fmt(color));
                            job.append(&h.context, 0.0, fmt(ui.visuals().text_color()));
                            let row = ui.add(
                                egui::Button::selectable(i == self.chosen, job)
                                    .wrap_mode(egui::TextWrapMode::Truncate)
                                    .min_size(egui::vec2(ui.available_width(), 0.0)),
                            );
                            if i == self.chosen && keys.moved() {
                                row.scroll_to_me(None);
                            }
                            if row.clicked() {
                                self.chosen = i;
                                action = Some(SearchAction::Jump(h.clone(), false));
                            }
                        }
                    });
            });
        self.open = open;
        if let Some(SearchAction::Jump(_, true)) = &action {
            self.open = false;
        }
        action
    }
}
