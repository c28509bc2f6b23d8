//! Messages for the person at the window: what opening found (missing articles,
//! re-anchored spans), what failed (a save, a file that cannot be read) and what
//! happened (articles added). Warnings and errors are shown in a strip under the menu
//! until dismissed; plain information is a toast over the corner of the window, which
//! moves nothing (a click meant for the list lands on the list), and fades after a few
//! seconds.

use eframe::egui;

use std::time::{Duration, Instant};

/// How long an information message stays.
const INFO_TTL: Duration = Duration::from_secs(8);

/// How serious a message is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Something happened as asked.
    Info,
    /// Something needs a look, nothing is lost.
    Warning,
    /// Something failed.
    Error,
}

/// One message.
#[derive(Clone, Debug)]
pub struct Notification {
    /// How serious.
    pub level: Level,
    /// The text, naming the file and the problem.
    pub text: String,
    shown: Instant,
}

/// The messages shown.
#[derive(Default)]
pub struct Notifications {
    /// Messages, oldest first.
    pub items: Vec<Notification>,
}

impl Notifications {
    /// Adds a message.
    pub fn push(&mut self, level: Level, text: impl Into<String>) {
        self.items.push(Notification {
            level,
            text: text.into(),
            shown: Instant::now(),
        });
    }

    /// Adds an information message.
    pub fn info(&mut self, text: impl Into<String>) {
        self.push(Level::Info, text);
    }

    /// Adds a warning.
    pub fn warn(&mut self, text: impl Into<String>) {
        self.push(Level::Warning, text);
    }

    /// Adds an error.
    pub fn error(&mut self, text: impl Into<String>) {
        self.push(Level::Error, text);
    }

    /// True when any message is an error or warning containing `needle`.
    pub fn contains(&self, needle: &str) -> bool {
        self.items.iter().any(|n| n.text.contains(needle))
    }

    /// Draws the strip (nothing when empty) and drops expired information messages.
    pub fn strip_ui(&mut self, ui: &mut egui::Ui) {
        self.items
            .retain(|n| n.level != Level::Info || n.shown.elapsed() < INFO_TTL);
        if let Some(next) = self
            .items
            .iter()
            .filter(|n| n.level == Level::Info)
            .map(|n| INFO_TTL.saturating_sub(n.shown.elapsed()))
            .min()
        {
            ui.ctx().request_repaint_after(next);
        }
        self.toasts_ui(ui.ctx());
        if !self.items.iter().any(|n| n.level != Level::Info) {
            return;
        }
        let mut dismiss = None;
        egui::Panel::top("notifications").show(ui, |ui| {
            egui::ScrollArea::vertical()
                .max_height(120.0)
                .show(ui, |ui| {
                    for (i, n) in self.items.iter().enumerate() {
                        if n.level == Level::Info {
                            continue;
                        }
                        ui.horizontal(|ui| {
                            let (icon, color) = match n.level {
                                Level::Info => ("Note", ui.visuals().text_color()),
                                Level::Warning => ("Warning", ui.visuals().warn_fg_color),
                                Level::Error => ("Error", ui.visuals().error_fg_color),
                            };
                            ui.label(egui::RichText::new(icon).strong().color(color));
                            if ui
                                .small_button("Dismiss")
                                .on_hover_text("Dismiss this message")
                                .clicked()
                            {
                                dismiss = Some(i);
                            }
                            ui.add(egui::Label::new(&n.text).wrap());
                        });
                    }
                });
            let lasting = self.items.iter().filter(|n| n.level != Level::Info).count();
            if lasting > 1 && ui.small_button("Dismiss all").clicked() {
                dismiss = Some(usize::MAX);
            }
        });
        match dismiss {
            Some(usize::MAX) => self.items.retain(|n| n.level == Level::Info),
            Some(i) => {
                self.items.remove(i);
            }
            None => {}
        }
    }

    /// The information messages, as toasts over the bottom right corner, newest last.
    fn toasts_ui(&self, ctx: &egui::Context) {
        let infos: Vec<&Notification> = self
            .items
            .iter()
            .filter(|n| n.level == Level::Info)
            .collect();
        if infos.is_empty() {
            return;
        }
        egui::Area::new(egui::Id::unique("sourcemark-toasts"))
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -36.0))
            .order(egui::Order::Foreground)
            .interactable(false)
            .show(ctx, |ui| {
                for n in infos.iter().rev().take(3).rev() {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.set_max_width(360.0);
                        ui.add(egui::Label::new(&n.text).wrap());
                    });
                    ui.add_space(4.0);
                }
            });
    }
}
