//! Painting one visible block: annotation fills and stacked underlines, find matches,
//! the text selection, then the text; the dotted line that joins the ranges of a span of
//! several, the outline of what is selected or linked to it, and the dot that says a
//! span has links.

use super::layout::{baseline, range_rects, row_ranges};
use crate::model::{Annotation, LabelScheme};
use eframe::egui;
use egui::{Color32, CornerRadius, Galley, Painter, Pos2, Rect, Stroke, StrokeKind, pos2};
use std::ops::Range;

/// An annotation as painted on the visible part of the article.
pub struct Painted {
    /// Char range.
    pub range: Range<usize>,
    /// Underline lane (0 = outermost).
    pub lane: usize,
    /// Label colour (grey for an unknown label).
    pub color: Color32,
    /// Drawn stronger, with an outline.
    pub selected: bool,
    /// Under the pointer.
    pub hovered: bool,
    /// At the other end of a link from a selected annotation (or the start of a link
    /// being made): outlined with a thin line set apart.
    pub linked: bool,
    /// Not a range of the span but the gap between two of its ranges: a dotted line
    /// over the text joins them, nothing else is drawn.
    pub gap: bool,
    /// The last range of a span that has links: a dot at its end says so.
    pub has_links: bool,
}

/// Colour of an annotation's label; the list's grey when the scheme lacks the label, so
/// the article and the list agree.
pub fn label_color(labels: &LabelScheme, a: &Annotation) -> Color32 {
    crate::ui::annotation_list::label_color(labels, &a.label)
}

fn with_alpha(c: Color32, a: u8) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), a)
}

/// Everything the block painter needs besides the block.
pub struct Style {
    /// Dark theme: stronger fills read better on a dark background.
    pub dark: bool,
    /// Font size, for underline spacing.
    pub font_size: f32,
    /// Text selection colour.
    pub selection: Color32,
    /// Find match colour.
    pub find: Color32,
    /// Current find match outline.
    pub find_current: Color32,
}

/// Most lanes drawn; deeper nesting shares the last one.
const MAX_LANES: usize = 4;

/// Paints the block whose galley sits at `origin` and covers doc chars `chars`.
#[allow(clippy::too_many_arguments)]
pub fn paint_block(
    painter: &Painter,
    galley: &std::sync::Arc<Galley>,
    origin: Pos2,
    chars: &Range<usize>,
    spans: &[Painted],
    finds: &[(Range<usize>, bool)],
    selection: Option<&Range<usize>>,
    style: &Style,
    text_color: Color32,
) {
    let mut rects = Vec::new();
    let local = |r: &Range<usize>| {
        r.start.max(chars.start) - chars.start..r.end.min(chars.end).max(chars.start) - chars.start
    };
    let at = |r: &Rect| r.translate(origin.to_vec2());
    let fill_a = if style.dark { 70 } else { 48 };

    // Fills: the outermost span of each place, stronger when selected, hovered or linked.
    for s in spans
        .iter()
        .filter(|s| !s.gap && (s.lane == 0 || s.selected || s.hovered || s.linked))
    {
        let a = match (s.selected, s.hovered || s.linked) {
            (true, _) => fill_a * 2,
            (false, true) => fill_a + fill_a / 2,
            _ => fill_a,
        };
        range_rects(galley, local(&s.range), &mut rects);
        for r in &rects {
            painter.rect_filled(at(r), CornerRadius::same(2), with_alpha(s.color, a));
        }
    }
    for (r, current) in finds {
        range_rects(galley, local(r), &mut rects);
        for rr in &rects {
            painter.rect_filled(at(rr), CornerRadius::same(2), style.find);
            if *current {
                painter.rect_stroke(
                    at(rr).expand(1.0),
                    CornerRadius::same(2),
                    Stroke::new(2.0, style.find_current),
                    StrokeKind::Outside,
                );
            }
        }
    }
    if let Some(sel) = selection {
        range_rects(galley, local(sel), &mut rects);
        for r in &rects {
            painter.rect_filled(at(r), CornerRadius::ZERO, style.selection);
        }
    }

    painter.galley(origin, galley.clone(), text_color);

    // Underlines: one lane per nesting depth, below the baseline.
    let thick = (style.font_size / 8.0).clamp(1.5, 3.0);
    let step = thick + 1.0;
    for s in spans.iter().filter(|s| !s.gap) {
        let lane = s.lane.min(MAX_LANES - 1) as f32;
        let lr = local(&s.range);
        if lr.is_empty() {
            continue;
        }
        for (k, rr) in row_ranges(galley) {
            if rr.start >= lr.end {
                break;
            }
            if rr.end <= lr.start {
                continue;
            }
            range_rects(
                galley,
                lr.start.max(rr.start)..lr.end.min(rr.end),
                &mut rects,
            );
            // A row with right-to-left text can put the range in several pieces.
            let y = baseline(galley, k) + style.font_size * 0.16 + lane * step + thick / 2.0;
            let w = if s.selected { thick + 1.0 } else { thick };
            for r in &rects {
                painter.line_segment(
                    [
                        origin + pos2(r.left(), y).to_vec2(),
                        origin + pos2(r.right(), y).to_vec2(),
                    ],
                    Stroke::new(w, s.color),
                );
            }
        }
    }
    // Outline of the selected annotation.
    for s in spans.iter().filter(|s| s.selected && !s.gap) {
        range_rects(galley, local(&s.range), &mut rects);
        for r in &rects {
            painter.rect_stroke(
                at(r).expand(1.0),
                CornerRadius::same(2),
                Stroke::new(1.5, s.color),
                StrokeKind::Outside,
            );
        }
    }
    // The other ends of its links: a thinner outline, set a little apart.
    for s in spans.iter().filter(|s| s.linked && !s.selected && !s.gap) {
        range_rects(galley, local(&s.range), &mut rects);
        for r in &rects {
            painter.rect_stroke(
                at(r).expand(2.0),
                CornerRadius::same(3),
                Stroke::new(1.0, with_alpha(s.color, 220)),
                StrokeKind::Outside,
            );
        }
    }
    // The gaps of a span of several ranges: a dotted line along the top of the text.
    for s in spans.iter().filter(|s| s.gap) {
        range_rects(galley, local(&s.range), &mut rects);
        let w = if s.selected || s.hovered { 1.5 } else { 1.0 };
        for r in &rects {
            let r = at(r);
            let y = r.top() + 0.5;
            painter.extend(egui::Shape::dotted_line(
                &[pos2(r.left(), y), pos2(r.right(), y)],
                with_alpha(s.color, 200),
                4.0,
                w,
            ));
        }
    }
    // A dot after the last char of a span that has links.
    for s in spans.iter().filter(|s| s.has_links && !s.gap) {
        if s.range.end <= chars.start || s.range.end > chars.end || s.range.is_empty() {
            continue;
        }
        let last = s.range.end - 1 - chars.start;
        range_rects(galley, last..last + 1, &mut rects);
        if let Some(r) = rects.last() {
            let r = at(r);
            painter.circle_filled(pos2(r.right(), r.top() + 1.5), 2.5, s.color);
        }
    }
}
