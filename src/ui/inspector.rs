//! The inspector: the selected annotation's label, note and the attributes of its label
//! kind, who made it and when, its ranges when it has several, and its links.
//!
//! Text fields edit a draft while they have the keyboard; the draft becomes one undoable
//! change when the field is left (or before any command runs), so undo never steps
//! through keystrokes. Pickers and check boxes change the annotation at once.

use eframe::egui;

use crate::model::{Annotation, AnnotationId, LabelKind, Precision};
use crate::ui::annotation_list::label_color;
use crate::ui::command::{Command, UiCommand};
use crate::ui::session::Session;
use egui::{RichText, Ui};

/// A text field of the inspector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// Free note.
    Note,
    /// Figure value.
    Value,
    /// Figure: the lowest it can be.
    Low,
    /// Figure: the highest it can be.
    High,
    /// Figure unit.
    Unit,
    /// Figure: what is counted.
    Counted,
    /// Quote speaker.
    Speaker,
    /// Claim verdict.
    Verdict,
}

impl Field {
    fn label(self) -> &'static str {
        match self {
            Field::Note => "Note",
            Field::Value => "Value",
            Field::Low => "At least",
            Field::High => "At most",
            Field::Unit => "Unit",
            Field::Counted => "Counted",
            Field::Speaker => "Speaker",
            Field::Verdict => "Verdict",
        }
    }

    fn hint(self) -> &'static str {
        match self {
            Field::Note => "Add a note",
            Field::Value => "e.g. 2500000",
            Field::Low => "lowest it can be",
            Field::High => "highest it can be",
            Field::Unit => "e.g. people",
            Field::Counted => "e.g. protesters in Baghdad",
            Field::Speaker => "Who said it",
            Field::Verdict => "e.g. false, misleading",
        }
    }

    /// The field's current value on an annotation, as text.
    pub fn get(self, a: &Annotation) -> String {
        let s = |o: &Option<String>| o.clone().unwrap_or_default();
        match self {
            Field::Note => a.note.clone(),
            Field::Value => a.attrs.value.map(|v| v.to_string()).unwrap_or_default(),
            Field::Low => a.attrs.low.map(|v| v.to_string()).unwrap_or_default(),
            Field::High => a.attrs.high.map(|v| v.to_string()).unwrap_or_default(),
            Field::Unit => s(&a.attrs.unit),
            Field::Counted => s(&a.attrs.counted),
            Field::Speaker => s(&a.attrs.speaker),
            Field::Verdict => s(&a.attrs.verdict),
        }
    }

    /// Sets the field from text (empty clears it). A value that is not a number is an
    /// error, and nothing changes.
    pub fn set(self, a: &mut Annotation, text: &str) -> Result<(), String> {
        let t = text.trim();
        let opt = || (!t.is_empty()).then(|| t.to_owned());
        match self {
            Field::Note => a.note = text.to_owned(),
            Field::Value => a.attrs.value = number(t)?,
            Field::Low => a.attrs.low = number(t)?,
            Field::High => a.attrs.high = number(t)?,
            Field::Unit => a.attrs.unit = opt(),
            Field::Counted => a.attrs.counted = opt(),
            Field::Speaker => a.attrs.speaker = opt(),
            Field::Verdict => a.attrs.verdict = opt(),
        }
        Ok(())
    }
}

/// A typed number ("5,200", "2.5e6"); empty is none. "NaN" and "inf" parse as f64 but
/// are no figure, and `check` rejects them.
fn number(t: &str) -> Result<Option<f64>, String> {
    if t.is_empty() {
        return Ok(None);
    }
    let cleaned: String = t.chars().filter(|c| *c != ',' && *c != '_').collect();
    cleaned
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(Some)
        .ok_or_else(|| format!("“{t}” is not a number"))
}

/// A text field being typed in.
#[derive(Clone, Debug)]
pub struct Draft {
    /// The annotation edited.
    pub annotation: AnnotationId,
    /// The field edited.
    pub field: Field,
    /// The text typed so far.
    pub text: String,
    /// The field's egui id, to know whether it still has the keyboard.
    pub id: egui::Id,
}

/// The inspector's state.
#[derive(Default)]
pub struct InspectorState {
    /// The field being typed in, if any.
    pub draft: Option<Draft>,
    /// Drafts of fields left this frame, waiting to be committed.
    pub finished: Vec<Draft>,
    /// The selected annotation's links, as listed.
    pub links: crate::ui::links_panel::LinkRows,
}

impl InspectorState {
    /// Draws the inspector for the selected annotation.
    pub fn inspector_ui(&mut self, ui: &mut Ui, session: &Session, commands: &mut Vec<Command>) {
        ui.heading("Inspector");
        ui.separator();
        let many = session.selection.annotations().len();
        if many > 1 {
            ui.label(format!(
                "{many} annotations selected. A label key relabels them all; Delete deletes them in one step (Ctrl+Z brings them back)."
            ));
            if ui.button(format!("Delete {many} annotations")).clicked() {
                commands.push(Command::Ui(UiCommand::DeleteAnnotation));
            }
            return;
        }
        let Some(a) = session
            .selected()
            .and_then(|id| session.project().annotation(id))
        else {
            ui.label(
                RichText::new("Select an annotation in the article or in the list above.").weak(),
            );
            return;
        };
        let a = a.clone();
        let p = session.project();
        let kind = p.labels.kind(&a.label);
        egui::ScrollArea::vertical()
            .id_salt("inspector")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if a.orphaned {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        "Not found: the article changed and this span could not be found again. Its old text is kept below.",
                    );
                }
                ui.label(RichText::new(crate::ui::annotation_list::snippet(&a.text, 400)).italics());
                if a.more.is_empty() {
                    ui.label(
                        RichText::new(format!("chars {}–{} ({} chars)", a.start, a.end, a.end - a.start))
                            .weak()
                            .small(),
                    );
                } else {
                    ranges_ui(ui, session, &a, commands);
                }
                ui.add_space(4.0);
                egui::Grid::new("inspector-grid")
                    .num_columns(2)
                    .spacing([8.0, 6.0])
                    .show(ui, |ui| {
                        ui.label("Label");
                        let current = p.labels.get(&a.label).map_or(a.label.clone(), |l| l.name.clone());
                        egui::ComboBox::from_id_salt("inspector-label")
                            .selected_text(RichText::new(current).color(label_color(&p.labels, &a.label)))
                            .show_ui(ui, |ui| {
                                for l in p.labels.iter() {
                                    let key = l.key.map(|k| format!("  ({k})")).unwrap_or_default();
                                    if ui.selectable_label(l.id == a.label, format!("{}{key}", l.name)).clicked() && l.id != a.label {
                                        let mut after = a.clone();
                                        after.label = l.id.clone();
                                        commands.push(Command::UpdateAnnotation(
                                            Box::new(after),
                                            format!("Relabel as {}", l.name.to_lowercase()),
                                        ));
                                    }
                                }
                            })
                            .response
                            .on_hover_text("Label of the annotation");
                        ui.end_row();

                        match kind {
                            Some(LabelKind::Quote) => {
                                self.field_ui(ui, &a, Field::Speaker);
                            }
                            Some(LabelKind::Figure) => {
                                self.field_ui(ui, &a, Field::Speaker);
                                self.field_ui(ui, &a, Field::Value);
                                self.field_ui(ui, &a, Field::Low);
                                self.field_ui(ui, &a, Field::High);
                                self.field_ui(ui, &a, Field::Unit);
                                self.field_ui(ui, &a, Field::Counted);
                                ui.label("Precision");
                                precision_ui(ui, &a, commands);
                                ui.end_row();
                                if a.attrs.from_text {
                                    ui.label("");
                                    // Wrapped: the panel is narrow, and a cut line
                                    // would lose what typing does.
                                    ui.add(
                                        egui::Label::new(
                                            RichText::new(
                                                "Read from its words; a number you type is yours",
                                            )
                                            .weak()
                                            .italics(),
                                        )
                                        .wrap(),
                                    )
                                    .on_hover_text(
                                        "These fields follow the span's words (they are read \
                                         again when the span moves) until you type in one",
                                    );
                                    ui.end_row();
                                }
                            }
                            Some(LabelKind::Claim) => {
                                self.field_ui(ui, &a, Field::Speaker);
                                ui.label("Check-worthy");
                                check_worthy_ui(ui, &a, commands);
                                ui.end_row();
                                self.field_ui(ui, &a, Field::Verdict);
                            }
                            _ => {}
                        }
                        // Set by a label the annotation no longer has: shown, greyed,
                        // so nothing is kept out of sight, with a way to clear it.
                        let foreign = a.attrs.foreign_to(kind.unwrap_or(LabelKind::Other));
                        for (name, value) in foreign {
                            ui.label(RichText::new(name).weak())
                                .on_hover_text("Set under another label; exports still write it");
                            ui.horizontal(|ui| {
                                ui.label(RichText::new(&value).weak());
                                if ui
                                    .small_button("Clear")
                                    .on_hover_text(format!("Remove the {name} this annotation kept from its old label"))
                                    .clicked()
                                {
                                    let mut after = a.clone();
                                    after.attrs.clear(name);
                                    commands.push(Command::UpdateAnnotation(
                                        Box::new(after),
                                        format!("Clear {name}"),
                                    ));
                                }
                            });
                            ui.end_row();
                        }
                        for (k, v) in &a.attrs.custom {
                            ui.label(k);
                            ui.label(v);
                            ui.end_row();
                        }
                        self.field_ui(ui, &a, Field::Note);
                        ui.label("Annotator");
                        ui.label(if a.annotator.is_empty() { "—" } else { &a.annotator });
                        ui.end_row();
                        let local = |t: chrono::DateTime<chrono::Utc>| {
                            t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string()
                        };
                        ui.label("Created");
                        ui.label(local(a.created));
                        ui.end_row();
                        ui.label("Modified");
                        ui.label(local(a.modified));
                        ui.end_row();
                    });
                ui.add_space(6.0);
                self.links.links_ui(ui, session, &a.id, &a.doc, commands);
                ui.add_space(6.0);
                if ui
                    .button("Delete annotation")
                    .on_hover_text("Delete (Del)")
                    .clicked()
                {
                    commands.push(Command::Ui(UiCommand::DeleteAnnotation));
                }
            });
    }

    /// A labelled text field bound to a draft.
    fn field_ui(&mut self, ui: &mut Ui, a: &Annotation, field: Field) {
        let label = ui.label(field.label());
        let id = ui.make_persistent_id(("inspector-field", field.label()));
        let editing = self
            .draft
            .as_ref()
            .filter(|d| d.annotation == a.id && d.field == field);
        let mut buf = editing.map_or_else(|| field.get(a), |d| d.text.clone());
        let edit = if field == Field::Note {
            egui::TextEdit::multiline(&mut buf).desired_rows(3)
        } else {
            egui::TextEdit::singleline(&mut buf)
        };
        let resp = ui
            .add(
                edit.id(id)
                    .hint_text(field.hint())
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if resp.has_focus() || resp.changed() {
            match &mut self.draft {
                Some(d) if d.annotation == a.id && d.field == field => d.text = buf,
                other => {
                    let new = Draft {
                        annotation: a.id.clone(),
                        field,
                        text: buf,
                        id,
                    };
                    // The field left in the same frame is committed after it.
                    if let Some(old) = other.replace(new) {
                        self.finished.push(old);
                    }
                }
            }
        }
        ui.end_row();
    }
}

/// The ranges of a span of several, each with its text and a button to take it out
/// (the span keeps at least one).
fn ranges_ui(ui: &mut Ui, session: &Session, a: &Annotation, commands: &mut Vec<Command>) {
    let text = session.ws.text(&a.doc);
    let n = a.ranges().count();
    ui.label(
        RichText::new(format!("{n} ranges, joined by one space in the text above"))
            .weak()
            .small(),
    );
    for (k, r) in a.ranges().enumerate() {
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!("{}–{}", r.start, r.end))
                    .weak()
                    .small(),
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .small_button("Remove")
                    .on_hover_text("Take this range out of the annotation (Ctrl+Z brings it back)")
                    .clicked()
                {
                    commands.push(Command::RemoveRange(a.id.clone(), k));
                }
                let piece = text
                    .filter(|t| r.end <= t.char_len())
                    .map(|t| crate::ui::annotation_list::snippet(t.slice(r.clone()), 60))
                    .unwrap_or_default();
                ui.add(egui::Label::new(RichText::new(format!("“{piece}”")).small()).truncate());
            });
        });
    }
}

fn precision_ui(ui: &mut Ui, a: &Annotation, commands: &mut Vec<Command>) {
    let name = |p: Option<Precision>| p.map_or("not set", Precision::as_str);
    egui::ComboBox::from_id_salt("inspector-precision")
        .selected_text(name(a.attrs.precision))
        .show_ui(ui, |ui| {
            for p in std::iter::once(None).chain(Precision::ALL.iter().copied().map(Some)) {
                if ui
                    .selectable_label(a.attrs.precision == p, name(p))
                    .clicked()
                    && a.attrs.precision != p
                {
                    let mut after = a.clone();
                    after.attrs.precision = p;
                    commands.push(Command::UpdateAnnotation(
                        Box::new(after),
                        "Set precision".into(),
                    ));
                }
            }
        })
        .response
        .on_hover_text("How the figure relates to the number it states");
}

fn check_worthy_ui(ui: &mut Ui, a: &Annotation, commands: &mut Vec<Command>) {
    let name = |v: Option<bool>| match v {
        None => "not set",
        Some(true) => "yes",
        Some(false) => "no",
    };
    egui::ComboBox::from_id_salt("inspector-check-worthy")
        .selected_text(name(a.attrs.check_worthy))
        .show_ui(ui, |ui| {
            for v in [None, Some(true), Some(false)] {
                if ui
                    .selectable_label(a.attrs.check_worthy == v, name(v))
                    .clicked()
                    && a.attrs.check_worthy != v
                {
                    let mut after = a.clone();
                    after.attrs.check_worthy = v;
                    commands.push(Command::UpdateAnnotation(
                        Box::new(after),
                        "Set check-worthy".into(),
                    ));
                }
            }
        })
        .response
        .on_hover_text("Is the claim worth checking?");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::DocText;

    #[test]
    fn a_figure_value_must_be_a_finite_number() {
        let t = DocText::new("5,200 US troops".into());
        let mut a = Annotation::new("d".into(), &t, 0, 5, "figure", "me").unwrap();
        Field::Value.set(&mut a, "5,200").unwrap();
        assert_eq!(a.attrs.value, Some(5200.0));
        for bad in ["NaN", "inf", "-infinity", "many"] {
            assert!(Field::Value.set(&mut a, bad).is_err(), "{bad}");
            assert_eq!(a.attrs.value, Some(5200.0), "{bad} changed nothing");
        }
    }
}
