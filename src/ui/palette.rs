//! The command palette (Ctrl+Shift+P or Ctrl+K): every [`UiCommand`] by name, with its
//! shortcut, filtered as you type by a fuzzy matcher; Up/Down choose, Enter runs,
//! Escape closes.

use eframe::egui;

use crate::ui::command::UiCommand;
use crate::ui::list_keys::ListKeys;
use crate::ui::menu;
use crate::ui::session::Session;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use strum::IntoEnumIterator;

/// The palette's state between frames.
#[derive(Default)]
pub struct Palette {
    open: bool,
    query: String,
    chosen: usize,
    focus: bool,
    matcher: Option<nucleo_matcher::Matcher>,
}

impl Palette {
    /// Shows the palette with an empty query and the keyboard in its field.
    pub fn open(&mut self) {
        self.open = true;
        self.query.clear();
        self.chosen = 0;
        self.focus = true;
    }

    /// True while it is shown.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The commands matching `query`, best first; every command, in menu order, for an
    /// empty query.
    pub fn matches(&mut self, query: &str) -> Vec<UiCommand> {
        if query.trim().is_empty() {
            return UiCommand::iter().collect();
        }
        let matcher = self
            .matcher
            .get_or_insert_with(|| nucleo_matcher::Matcher::new(nucleo_matcher::Config::DEFAULT));
        let names: Vec<(UiCommand, &str)> = UiCommand::iter().map(|c| (c, c.text())).collect();
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let texts: Vec<&str> = names.iter().map(|(_, t)| *t).collect();
        pattern
            .match_list(texts, matcher)
            .into_iter()
            .filter_map(|(t, _)| names.iter().find(|(_, n)| *n == t).map(|(c, _)| *c))
            .collect()
    }

    /// Draws the palette; returns the command to run when one was chosen.
    pub fn ui(&mut self, ctx: &egui::Context, session: Option<&Session>) -> Option<UiCommand> {
        if !self.open {
            return None;
        }
        let found = self.matches(&self.query.clone());
        let keys = ListKeys::take(ctx);
        self.chosen = keys.step(self.chosen, found.len());
        let mut run = None;
        if keys.enter
            && let Some(&c) = found.get(self.chosen)
        {
            run = Some(c);
        }
        let screen = ctx.content_rect();
        let width = (screen.width() - 40.0).clamp(240.0, 560.0);
        let list_h = (screen.height() * 0.6).max(120.0);
        let area = egui::Modal::default_area(egui::Id::unique("command-palette"))
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0));
        let modal = egui::Modal::new(egui::Id::unique("command-palette"))
            .area(area)
            .show(ctx, |ui| {
                ui.set_width(width);
                let field = ui.add(
                    egui::TextEdit::singleline(&mut self.query)
                        .hint_text("Type a command")
                        .desired_width(f32::INFINITY),
                );
                if self.focus {
                    field.request_focus();
                    self.focus = false;
                }
                if field.changed() {
                    self.chosen = 0;
                }
                ui.separator();
                egui::ScrollArea::vertical()
                    .max_height(list_h)
                    .show(ui, |ui| {
                        if found.is_empty() {
                            ui.weak("No command matches");
                        }
                        for (i, &c) in found.iter().enumerate() {
                            let (enabled, text) = menu::state(c, session);
                            let mut button = egui::Button::selectable(i == self.chosen, text)
                                .min_size(egui::vec2(ui.available_width(), 0.0));
                            if let Some(sc) = c.shortcut() {
                                button = button.shortcut_text(ui.ctx().format_shortcut(&sc));
                            }
                            let row = ui.add_enabled(enabled, button);
                            let row = row.on_hover_text(c.tooltip());
                            if i == self.chosen && keys.moved() {
                                row.scroll_to_me(None);
                            }
                            if row.clicked() {
                                run = Some(c);
                            }
                        }
                    });
            });
        if modal.should_close() {
            self.open = false;
        }
        if let Some(c) = run {
            self.open = false;
            if !menu::state(c, session).0 {
                return None;
            }
        }
        run
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_matches_rank_the_intended_command_first() {
        let mut p = Palette::default();
        assert_eq!(p.matches("save as")[0], UiCommand::SaveAs);
        assert_eq!(p.matches("srch proj")[0], UiCommand::SearchProject);
        assert_eq!(p.matches("undo")[0], UiCommand::Undo);
        assert!(p.matches("zzzzqqq").is_empty());
        assert_eq!(p.matches("").len(), UiCommand::iter().count());
    }
}
