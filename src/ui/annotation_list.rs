//! The annotations of the current document, on the right: filter by label, search their
//! text, notes and attributes; click one to select it and scroll the article to it,
//! Ctrl+click to add one to the selection, Shift+click to add a run.

use eframe::egui;

use crate::model::{Annotation, Color, LabelScheme};
use crate::ui::command::Command;
use crate::ui::session::Session;
use egui::{Color32, RichText, Ui};

/// The list's filter, kept across frames and documents.
#[derive(Default)]
pub struct AnnotationListState {
    /// Only annotations with this label.
    pub label: Option<String>,
    /// Only annotations whose text, note or attributes contain this (ignoring case).
    pub search: String,
    /// Indices (into the document's annotations) that pass the filter, and what they
    /// were computed for: refiltering 100 000 annotations every frame would stutter.
    cache: Option<(FilterKey, Vec<usize>)>,
}

/// What a filtered list depends on: document, history revision, label, search.
type FilterKey = (
    Option<crate::model::DocId>,
    u64,
    usize,
    Option<String>,
    String,
);

/// The egui colour of a label colour.
pub fn color32(c: Color) -> Color32 {
    let [r, g, b] = c.0;
    Color32::from_rgb(r, g, b)
}

/// The colour of a label id, grey when the label is not in the scheme.
pub fn label_color(labels: &LabelScheme, id: &str) -> Color32 {
    labels.get(id).map_or(Color32::GRAY, |l| color32(l.color))
}

impl AnnotationListState {
    /// Whether an annotation passes the filter.
    pub fn matches(&self, a: &Annotation) -> bool {
        if let Some(l) = &self.label
            && a.label != *l
        {
            return false;
        }
        let q = crate::search::fold_str(self.search.trim());
        q.is_empty() || crate::search::annotation_match(a, &q).is_some()
    }

    /// Draws the filter and the list.
    pub fn list_ui(&mut self, ui: &mut Ui, session: &Session, commands: &mut Vec<Command>) {
        let p = session.project();
        let all = session
            .current
            .as_ref()
            .map_or(&[][..], |d| p.annotations_of(d));
        ui.horizontal(|ui| {
            ui.heading("Annotations");
            ui.label(RichText::new(all.len().to_string()).weak());
        });
        ui.horizontal(|ui| {
            let shown = match &self.label {
                None => "All labels".to_owned(),
                Some(id) => p.labels.get(id).map_or(id.clone(), |l| l.name.clone()),
            };
            egui::ComboBox::from_id_salt("label-filter")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.label, None, "All labels");
                    for l in p.labels.iter() {
                        ui.selectable_value(&mut self.label, Some(l.id.clone()), &l.name);
                    }
                })
                .response
                .on_hover_text("Show only one label");
            ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text("Search annotations")
                    .desired_width(f32::INFINITY),
            );
        });
        ui.separator();
        let key: FilterKey = (
            session.current.clone(),
            session.history.revision(),
            all.len(),
            self.label.clone(),
            self.search.clone(),
        );
        if self.cache.as_ref().is_none_or(|(k, _)| *k != key) {
            let idx = (0..all.len()).filter(|&i| self.matches(&all[i])).collect();
            self.cache = Some((key, idx));
        }
        let shown: &[usize] = self.cache.as_ref().map_or(&[], |(_, v)| v);
        if all.is_empty() {
            ui.label(
                RichText::new("None yet. Select text in the article and press a label key.").weak(),
            );
            return;
        }
        if shown.is_empty() {
            ui.label(RichText::new("No annotation matches the filter.").weak());
            return;
        }
        // Rows of one line and one height, so only the visible ones are laid out.
        let max = (ui.available_height() * 0.45).max(120.0);
        let row_h = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
        egui::ScrollArea::vertical()
            .id_salt("annotation-list")
            .max_height(max)
            .auto_shrink([false, true])
            .show_rows(ui, row_h, shown.len(), |ui, rows| {
                for &i in &shown[rows] {
                    row_ui(ui, session, &all[i], row_h, commands, shown, all);
                }
            });
    }
}

/// The first `n` chars of `s` on one line, with an ellipsis when cut.
pub fn snippet(s: &str, n: usize) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let mut out: String = flat.chars().take(n).collect();
    if flat.chars().count() > n {
        out.push('…');
    }
    // Right-to-left words in display order (egui lays labels out left to right).
    crate::bidi::display(&out).into_owned()
}

fn row_ui(
    ui: &mut Ui,
    session: &Session,
    a: &Annotation,
    row_h: f32,
    commands: &mut Vec<Command>,
    shown: &[usize],
    all: &[Annotation],
) {
    let p = session.project();
    let selected = session.selection.contains(&a.id);
    let color = label_color(&p.labels, &a.label);
    let name = p.labels.get(&a.label).map_or(a.label.as_str(), |l| &l.name);
    let mut job = egui::text::LayoutJob::default();
    let style = ui.style();
    let body = egui::TextStyle::Body.resolve(style);
    job.append(
        &format!("{name} "),
        0.0,
        egui::TextFormat {
            font_id: body.clone(),
            color,
            ..Default::default()
        },
    );
    let mut text = snippet(&a.text, 120);
    if a.orphaned {
        text = format!("(not found) {text}");
    }
    job.append(
        &text,
        0.0,
        egui::TextFormat {
            font_id: body,
            color: ui.visuals().text_color(),
            ..Default::default()
        },
    );
    let resp = ui.add(
        egui::Button::selectable(selected, job)
            .wrap_mode(egui::TextWrapMode::Truncate)
            .min_size(egui::vec2(ui.available_width(), row_h)),
    );
    let resp = if a.note.is_empty() {
        resp
    } else {
        resp.on_hover_text(&a.note)
    };
    if resp.clicked() {
        let (shift, ctrl) = ui.input(|i| (i.modifiers.shift, i.modifiers.command));
        let primary = session
            .selected()
            .and_then(|id| shown.iter().position(|&i| all[i].id == *id));
        let here = shown.iter().position(|&i| all[i].id == a.id);
        if ctrl {
            commands.push(Command::ClickAnnotation(a.id.clone(), true));
        } else if shift && let (Some(from), Some(to)) = (primary, here) {
            // From the primary one to this one, which becomes the primary.
            let run: Vec<_> = if from <= to {
                shown[from..=to]
                    .iter()
                    .map(|&i| all[i].id.clone())
                    .collect()
            } else {
                shown[to..=from]
                    .iter()
                    .rev()
                    .map(|&i| all[i].id.clone())
                    .collect()
            };
            commands.push(Command::SelectRange(run));
        } else {
            commands.push(Command::SelectAnnotation(a.id.clone()));
        }
    }
}
