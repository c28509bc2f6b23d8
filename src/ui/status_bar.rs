//! The status bar: document n of N, annotation counts per label, saved or unsaved.

use eframe::egui;

use crate::ui::annotation_list::color32;
use crate::ui::autosave::Autosave;
use crate::ui::session::Session;
use egui::{RichText, Ui};

/// Counts per label of the current document, kept until the document or the project
/// changes: counting 100 000 annotations every frame would stutter.
#[derive(Default)]
pub struct LabelCounts {
    key: Option<(Option<crate::model::DocId>, u64, usize)>,
    counts: Vec<usize>,
}

impl LabelCounts {
    fn get(&mut self, s: &Session) -> &[usize] {
        let p = s.project();
        let anns = s.current.as_ref().map_or(&[][..], |d| p.annotations_of(d));
        let key = (s.current.clone(), s.history.revision(), anns.len());
        if self.key.as_ref() != Some(&key) || self.counts.len() != p.labels.0.len() {
            self.counts = p
                .labels
                .iter()
                .map(|l| anns.iter().filter(|a| a.label == l.id).count())
                .collect();
            self.key = Some(key);
        }
        &self.counts
    }
}

/// Draws the status bar.
pub fn status_bar_ui(
    ui: &mut Ui,
    session: Option<&Session>,
    counts: &mut LabelCounts,
    autosave: &Autosave,
    hint: &str,
) {
    ui.horizontal(|ui| {
        let Some(s) = session else {
            ui.label("No project open");
            return;
        };
        let p = s.project();
        let n = p.documents.len();
        match s.current_index() {
            Some(i) => ui.label(format!("Document {} of {n}", i + 1)),
            None => ui.label(format!("{n} documents")),
        };
        ui.separator();
        for (l, c) in p.labels.iter().zip(counts.get(s)) {
            ui.label(RichText::new(format!("{} {c}", l.name)).color(color32(l.color)));
        }
        ui.separator();
        ui.label(format!("{} in project", p.annotations.len()));
        if !hint.is_empty() {
            ui.separator();
            ui.label(RichText::new(hint).weak());
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if s.is_dirty() {
                let mut t = "Unsaved changes".to_owned();
                if let Some(w) = autosave.last_written {
                    t.push_str(&format!(" (autosaved {})", w.format("%H:%M:%S")));
                }
                ui.label(RichText::new(t).color(ui.visuals().warn_fg_color));
            } else {
                ui.label("Saved");
            }
            if let Some(e) = &autosave.last_error {
                ui.colored_label(ui.visuals().error_fg_color, format!("Autosave failed: {e}"));
            }
        });
    });
}
