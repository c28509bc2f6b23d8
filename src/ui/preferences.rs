//! Edit → Preferences: the annotator's name, written on every annotation the window
//! creates. Asked once, on first start, with the system user name filled in.

use eframe::egui;

/// The preferences dialog's state.
#[derive(Default)]
pub struct Preferences {
    open: bool,
    first_start: bool,
    name: String,
    focus: bool,
}

impl Preferences {
    /// Shows the dialog with the current name.
    pub fn open(&mut self, annotator: &str) {
        self.open = true;
        self.name = annotator.to_owned();
        self.focus = true;
    }

    /// Shows the dialog on first start, explaining why it asks.
    pub fn ask_first(&mut self, suggested: &str) {
        self.open(suggested);
        self.first_start = true;
    }

    /// True while it is shown.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Draws the dialog; returns the name when the person confirmed one.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<String> {
        if !self.open {
            return None;
        }
        let mut out = None;
        let mut close = false;
        let modal = egui::Modal::new(egui::Id::unique("preferences")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading("Preferences");
            ui.add_space(4.0);
            if self.first_start {
                ui.label(
                    "Every annotation records who made it, so a team can compare and merge \
                     its work. Which name should yours carry?",
                );
                ui.add_space(4.0);
            }
            let field = ui
                .horizontal(|ui| {
                    let label = ui.label("Your name:");
                    ui.add(egui::TextEdit::singleline(&mut self.name).desired_width(240.0))
                        .labelled_by(label.id)
                })
                .inner;
            if self.focus {
                field.request_focus();
                self.focus = false;
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let valid = !self.name.trim().is_empty();
            if !valid {
                ui.colored_label(ui.visuals().warn_fg_color, "The name cannot be empty.");
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.add_enabled(valid, egui::Button::new("OK")).clicked() || (enter && valid) {
                    out = Some(self.name.trim().to_owned());
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
        if out.is_some() || close || modal.should_close() {
            self.open = false;
            self.first_start = false;
        }
        out
    }
}
