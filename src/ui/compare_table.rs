//! The comparison view's table: its columns (the sentence takes what the numbers leave),
//! sorting by a heading, and one row per annotation with × to take it out of the
//! cluster. Only the rows on screen are drawn, and their sentences found.

use eframe::egui;

use crate::compare::{Row, table};
use crate::model::ClusterId;
use crate::ui::command::Command;
use crate::ui::session::Session;
use egui::{RichText, Ui};

/// A column the table sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// The document's outlet.
    Outlet,
    /// The publication date.
    Published,
    /// The label.
    Label,
    /// The annotated text.
    Text,
    /// The figure's value (or the middle of its bounds).
    Value,
    /// Who it is attributed to.
    Speaker,
    /// The claim's verdict.
    Verdict,
}

/// Sorts the rows by `sort`, keeping the comparison's order among equals; `None` is
/// that order itself (date, outlet, place), which the rows come in.
pub(crate) fn sort_rows(rows: &mut [Row], sort: Option<(Column, bool)>) {
    let Some((col, desc)) = sort else {
        return;
    };
    let key = |r: &Row| -> (Option<String>, Option<f64>) {
        match col {
            Column::Outlet => (Some(r.outlet.to_lowercase()), None),
            Column::Published => (r.published.map(|d| d.to_string()), None),
            Column::Label => (Some(r.label.clone()), None),
            Column::Text => (Some(r.text.to_lowercase()), None),
            Column::Value => (None, r.central()),
            Column::Speaker => (r.speaker.as_ref().map(|s| s.to_lowercase()), None),
            Column::Verdict => (r.verdict.clone(), None),
        }
    };
    rows.sort_by(|a, b| {
        let (ka, kb) = (key(a), key(b));
        // Rows without the field go last either way.
        let o = match (ka.1, kb.1) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => return std::cmp::Ordering::Less,
            (None, Some(_)) => return std::cmp::Ordering::Greater,
            (None, None) => match (&ka.0, &kb.0) {
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => return std::cmp::Ordering::Less,
                (None, Some(_)) => return std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            },
        };
        if desc { o.reverse() } else { o }
    });
}

/// The table's columns: heading, width, and the column it sorts by. The sentence's
/// width is what the others leave (within bounds), so the numbers stay in view.
const HEADINGS: [(&str, f32, Option<Column>); 9] = [
    ("Outlet", 118.0, Some(Column::Outlet)),
    ("Date", 76.0, Some(Column::Published)),
    ("Value", 118.0, Some(Column::Value)),
    ("Range", 118.0, None),
    ("Attributed to", 128.0, Some(Column::Speaker)),
    ("In its sentence", 0.0, Some(Column::Text)),
    ("Label", 52.0, Some(Column::Label)),
    ("Precision / from", 120.0, None),
    ("Verdict", 80.0, Some(Column::Verdict)),
];

/// Where the sentence is in [`HEADINGS`] and in the cells.
const SENTENCE: usize = 5;

/// The columns' widths for a table `width` wide.
fn widths(ui: &Ui, width: f32) -> [f32; 9] {
    let gap = ui.spacing().item_spacing.x;
    let x = ui.spacing().interact_size.y + gap;
    let fixed: f32 = HEADINGS.iter().map(|h| h.1 + gap).sum::<f32>() + x;
    let mut w = HEADINGS.map(|h| h.1);
    w[SENTENCE] = (width - fixed).clamp(160.0, 480.0);
    w
}

pub(crate) fn table_ui(
    ui: &mut Ui,
    s: &Session,
    rows: &mut [Row],
    sort: &mut Option<(Column, bool)>,
    cluster: &ClusterId,
    out: &mut Vec<Command>,
) {
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let widths = widths(ui, ui.available_width());
    egui::ScrollArea::horizontal()
        .id_salt("compare-table-h")
        .show(ui, |ui| {
            ui.vertical(|ui| {
                ui.horizontal(|ui| {
                    let x = ui.spacing().interact_size.y + ui.spacing().item_spacing.x;
                    ui.add_space(x - ui.spacing().item_spacing.x);
                    for ((title, _, col), w) in HEADINGS.into_iter().zip(widths) {
                        let mark = match (*sort, col) {
                            (Some((c, desc)), Some(k)) if c == k => {
                                if desc {
                                    " ▼"
                                } else {
                                    " ▲"
                                }
                            }
                            _ => "",
                        };
                        let text = RichText::new(format!("{title}{mark}")).strong();
                        ui.allocate_ui(egui::vec2(w, row_h), |ui| {
                            ui.set_width(w);
                            match col {
                                Some(k) => {
                                    let r = ui
                                        .add(egui::Button::new(text).frame(false))
                                        .on_hover_text("Sort by this column; again to reverse");
                                    if r.clicked() {
                                        *sort = match *sort {
                                            Some((c, false)) if c == k => Some((k, true)),
                                            Some((c, true)) if c == k => None,
                                            _ => Some((k, false)),
                                        };
                                    }
                                }
                                None => {
                                    ui.label(text);
                                }
                            }
                        });
                    }
                });
                ui.separator();
                egui::ScrollArea::vertical()
                    .id_salt("compare-table-v")
                    .auto_shrink([false, true])
                    .show_rows(ui, row_h, rows.len(), |ui, range| {
                        // Sentences are found for the rows on screen, once each.
                        crate::compare::fill_sentences(&s.ws, &mut rows[range.clone()]);
                        for r in &rows[range] {
                            row_ui(ui, r, &widths, row_h, cluster, out);
                        }
                    });
            });
        });
}

fn row_ui(
    ui: &mut Ui,
    r: &Row,
    widths: &[f32; 9],
    h: f32,
    cluster: &ClusterId,
    out: &mut Vec<Command>,
) {
    let cells = row_cells(r);
    let mut clicked = false;
    let mut hovered = false;
    let resp = ui
        .horizontal(|ui| {
            // First, so it is in view however narrow the table.
            let x = ui
                .small_button("×")
                .on_hover_text("Take this annotation out of the cluster");
            if x.clicked() {
                out.push(Command::LeaveCluster(cluster.clone(), vec![r.id.clone()]));
            }
            for (i, w) in widths.iter().enumerate() {
                ui.allocate_ui(egui::vec2(*w, h), |ui| {
                    ui.set_width(*w);
                    // Each cell is a click target (not the whole row, which would sit
                    // over the × button and take its clicks).
                    let cell = egui::Label::new(&cells[i])
                        .truncate()
                        .sense(egui::Sense::click());
                    let mut resp = ui.add(cell);
                    if i == SENTENCE
                        && let Some(s) = &r.sentence
                    {
                        resp = resp.on_hover_text(&s.text);
                    }
                    clicked |= resp.clicked();
                    hovered |= resp.hovered();
                });
            }
        })
        .response;
    if clicked {
        out.push(Command::SelectAnnotation(r.id.clone()));
    }
    if hovered {
        ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        ui.painter().rect_stroke(
            resp.rect,
            2.0,
            ui.visuals().widgets.hovered.bg_stroke,
            egui::StrokeKind::Inside,
        );
    }
}

/// What each column shows for a row.
fn row_cells(r: &Row) -> [String; 9] {
    let range = match (r.low, r.high) {
        (Some(l), Some(h)) if l != h => {
            format!("{} – {}", table::grouped(Some(l)), table::grouped(Some(h)))
        }
        (Some(l), None) => format!("≥ {}", table::grouped(Some(l))),
        (None, Some(h)) => format!("≤ {}", table::grouped(Some(h))),
        _ => String::new(),
    };
    let how = match (r.precision, r.value_from) {
        (Some(p), Some(f)) => format!("{} · {}", p.as_str(), f.as_str()),
        (Some(p), None) => p.as_str().to_owned(),
        (None, Some(f)) => f.as_str().to_owned(),
        (None, None) => String::new(),
    };
    let mut value = table::grouped(r.value);
    if let Some(u) = &r.unit
        && !value.is_empty()
    {
        value = format!("{value} {u}");
    }
    [
        r.outlet.clone(),
        r.published.map(|d| d.to_string()).unwrap_or_default(),
        value,
        range,
        r.speaker.clone().unwrap_or_default(),
        r.sentence
            .as_ref()
            .map_or_else(|| r.text.clone(), |s| s.text.clone()),
        r.label.clone(),
        how,
        r.verdict.clone().unwrap_or_default(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AnnotationId;

    /// The ids of the rows, in the order shown.
    fn row_ids(rows: &[Row]) -> Vec<AnnotationId> {
        rows.iter().map(|r| r.id.clone()).collect()
    }

    fn row(outlet: &str, value: Option<f64>) -> Row {
        Row {
            value,
            ..Row::figure_of(outlet)
        }
    }

    #[test]
    fn sorting_by_value_puts_rows_without_one_last_both_ways() {
        let mut rows = vec![row("a", Some(3.0)), row("b", None), row("c", Some(1.0))];
        sort_rows(&mut rows, Some((Column::Value, false)));
        assert_eq!(
            row_ids(&rows),
            ["c".into(), "a".into(), "b".into()] as [AnnotationId; 3]
        );
        sort_rows(&mut rows, Some((Column::Value, true)));
        assert_eq!(
            row_ids(&rows),
            ["a".into(), "c".into(), "b".into()] as [AnnotationId; 3]
        );
        sort_rows(&mut rows, Some((Column::Outlet, true)));
        assert_eq!(
            row_ids(&rows),
            ["c".into(), "b".into(), "a".into()] as [AnnotationId; 3]
        );
    }
}
