//! The comparison's chart: each figure of the cluster at its outlet, the value as a dot
//! and the range its words allow (low to high, or from a bound upwards or downwards)
//! as a bar, with egui_plot. A click near a dot shows that figure in its article.

use eframe::egui;

use crate::compare::Row;
use crate::model::Precision;
use crate::ui::command::Command;
use crate::ui::session::Session;
use egui::Color32;
use egui_plot::{Bar, BarChart, MarkerShape, Plot, PlotPoints, Points};

/// How many rows the chart can draw: figures with a number.
pub fn chartable(rows: &[Row]) -> usize {
    rows.iter().filter(|r| r.central().is_some()).count()
}

/// One dot of the chart.
struct Dot<'a> {
    row: &'a Row,
    x: f64,
    y: f64,
    low: f64,
    high: f64,
}

/// Where each figure goes: outlets left to right in the rows' order, figures of one
/// outlet side by side; an open bound reaches a quarter past the value.
fn dots(rows: &[Row]) -> (Vec<Dot<'_>>, Vec<String>) {
    let mut outlets: Vec<String> = Vec::new();
    let mut per_outlet: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for r in rows {
        let Some(y) = r.central() else { continue };
        let name = if r.outlet.is_empty() {
            r.doc.to_string()
        } else {
            r.outlet.clone()
        };
        let i = match outlets.iter().position(|o| *o == name) {
            Some(i) => i,
            None => {
                outlets.push(name);
                per_outlet.push(0);
                outlets.len() - 1
            }
        };
        let k = per_outlet[i];
        per_outlet[i] += 1;
        let x = i as f64 + (k as f64 * 0.12).min(0.36) - 0.12;
        let (low, high) = match (r.low, r.high) {
            (Some(l), Some(h)) => (l, h),
            (Some(l), None) => (l, l.max(y) * 1.25),
            (None, Some(h)) => (0.0, h),
            (None, None) => match r.precision {
                Some(Precision::AtLeast) => (y, y * 1.25),
                Some(Precision::AtMost) => (0.0, y),
                _ => (y, y),
            },
        };
        out.push(Dot {
            row: r,
            x,
            y,
            low,
            high,
        });
    }
    (out, outlets)
}

/// Dots of one colour and shape (an index into [`SHAPES`]).
type DotGroup = ((Color32, u8), Vec<[f64; 2]>);

/// The markers by precision: up for at least, down for at most, a square for exact.
const SHAPES: [MarkerShape; 4] = [
    MarkerShape::Circle,
    MarkerShape::Up,
    MarkerShape::Down,
    MarkerShape::Square,
];

/// The marker of a precision, as an index into [`SHAPES`].
fn shape_of(p: Option<Precision>) -> usize {
    match p {
        Some(Precision::AtLeast) => 1,
        Some(Precision::AtMost) => 2,
        Some(Precision::Exact) => 3,
        _ => 0,
    }
}

/// Draws the chart, `height` high.
pub fn chart_ui(ui: &mut egui::Ui, s: &Session, rows: &[Row], height: f32, out: &mut Vec<Command>) {
    let (dots, outlets) = dots(rows);
    let labels = &s.project().labels;
    let names = outlets.clone();
    let resp = Plot::new("compare-chart")
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show_axes([true, true])
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            // Outlet names shortened, so egui can fit more of them under the chart.
            let name = names
                .get(i as usize)
                .map(String::as_str)
                .unwrap_or_default();
            crate::ui::annotation_list::snippet(name, 14)
        })
        .y_axis_formatter(|mark, _| crate::compare::table::compact(mark.value))
        .label_formatter(|_| None)
        .show(ui, |plot| {
            // A few items, not one per figure: a cluster of a thousand figures draws
            // as fast as one of ten. Ranges are bars from low to high, one chart per
            // colour; dots are grouped by colour and shape.
            let mut bars: Vec<(Color32, Vec<Bar>)> = Vec::new();
            let mut dots_by: Vec<DotGroup> = Vec::new();
            for d in &dots {
                let color = crate::ui::annotation_list::label_color(labels, &d.row.label);
                if d.high > d.low {
                    let bar = Bar::new(d.x, d.high - d.low)
                        .base_offset(d.low)
                        .width(0.05)
                        .fill(color.gamma_multiply(0.6));
                    match bars.iter_mut().find(|(c, _)| *c == color) {
                        Some((_, v)) => v.push(bar),
                        None => bars.push((color, vec![bar])),
                    }
                }
                let shape = shape_of(d.row.precision);
                let key = (color, shape as u8);
                match dots_by.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, v)) => v.push([d.x, d.y]),
                    None => dots_by.push((key, vec![[d.x, d.y]])),
                }
            }
            for (color, b) in bars {
                plot.bar_chart(BarChart::new("range", b).color(color).allow_hover(false));
            }
            for ((color, shape), points) in dots_by {
                plot.points(
                    Points::new("figures", PlotPoints::from(points))
                        .shape(SHAPES[usize::from(shape)])
                        .radius(5.0)
                        .color(color)
                        .filled(true),
                );
            }
            plot.pointer_coordinate()
        });
    let pointer = resp.inner;
    let r = &resp.response;
    // Hover: the nearest figure within reach says what it is; a click shows it.
    let near = pointer.and_then(|p| {
        let bounds = resp.transform.bounds();
        let (w, h) = (bounds.width().max(1e-9), bounds.height().max(1e-9));
        dots.iter()
            .map(|d| {
                let dx = (d.x - p.x) / w;
                let dy = (d.y - p.y) / h;
                (dx * dx + dy * dy, d)
            })
            .filter(|(dist, _)| *dist < 0.0025)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, d)| d)
    });
    if let Some(d) = near {
        let row = d.row;
        let text = format!(
            "{}: “{}” {}{}",
            row.outlet,
            row.text,
            crate::compare::table::grouped(row.value.or(row.central())),
            row.precision
                .map_or(String::new(), |p| format!(" ({})", p.as_str())),
        );
        r.clone().on_hover_text_at_pointer(text);
        if r.clicked() {
            out.push(Command::SelectAnnotation(row.id.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(outlet: &str, value: Option<f64>, low: Option<f64>, precision: Precision) -> Row {
        Row {
            value,
            low,
            precision: Some(precision),
            ..Row::figure_of(outlet)
        }
    }

    #[test]
    fn each_outlet_has_its_place_and_a_lower_bound_reaches_up() {
        let rows = [
            row("Iran News", Some(2.5e6), Some(2.5e6), Precision::AtLeast),
            row("Mehr", Some(3e6), None, Precision::Approximate),
            row("Iran News", Some(1e6), None, Precision::Approximate),
            row("Nowhere", None, None, Precision::Exact),
        ];
        let (dots, outlets) = dots(&rows);
        assert_eq!(outlets, ["Iran News", "Mehr"]);
        assert_eq!(dots.len(), 3, "a row without a number is not drawn");
        assert!((dots[0].x - 0.0).abs() < 0.2 && (dots[1].x - 1.0).abs() < 0.2);
        assert_ne!(
            dots[0].x, dots[2].x,
            "two figures of one outlet side by side"
        );
        assert_eq!(dots[0].low, 2.5e6);
        assert!(dots[0].high > 2.5e6, "at least: the bar reaches up");
        assert_eq!((dots[1].low, dots[1].high), (3e6, 3e6));
        assert_eq!(chartable(&rows), 3);
    }
}
