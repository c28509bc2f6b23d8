//! Shared passages in the article's margin: a thin bar left of the lines another
//! document shares, and a marker "also in Iran News" to click (Ctrl+click carries this
//! document's annotations there). A marker goes in the margin right of the text, level
//! with the passage's first line on screen, when it fits there; else it is stacked at
//! the top edge of the view (at the bottom edge when a passage's own lines are up
//! there), where it covers the line at the edge instead of the ones the reader is on,
//! one per other document, standing for the passage under the caret or nearest the
//! middle of the view.
//!
//! Only the regions on screen cost anything: they are found by a binary search in the
//! document's regions (made once per search and revision, see [`crate::ui::passages`]),
//! and their texts are laid out once and kept.

use super::layout::range_rects;
use super::links::Texts;
use super::{ArticleContext, ArticleResponse, ArticleView, Frame};
use crate::model::DocId;
use crate::ui::passages::{DocPassages, PassageAction, Region};
use eframe::egui;
use egui::{Color32, Pos2, Rect, Sense, Stroke, vec2};
use std::ops::Range;
use std::sync::Arc;

/// Most markers stacked at one edge; the rest are counted in one more line.
const MAX_STACK: usize = 6;

/// One "also in …" marker as drawn last frame, for tests and for the reader's eye.
#[derive(Clone, Debug, PartialEq)]
pub struct PassageMark {
    /// The region of this document it is for.
    pub region: Range<usize>,
    /// The other document.
    pub other: DocId,
    /// What it says ("also in Iran News").
    pub label: String,
    /// Where, on screen.
    pub rect: Rect,
    /// Beside the passage in the right margin (else stacked at an edge of the view).
    pub in_margin: bool,
}

/// The shared passages the view shows, and what it drew of them.
#[derive(Debug, Default)]
pub(super) struct PassageMarks {
    /// The regions of the shown document, when it has any.
    regions: Option<Arc<DocPassages>>,
    /// The markers drawn last frame.
    marks: Vec<PassageMark>,
    /// The markers' texts, laid out.
    texts: Texts,
}

impl ArticleView {
    /// The shared passages of the shown document, drawn from the next frame on (none
    /// when `None`, or when they are another document's).
    pub fn set_passages(&mut self, passages: Option<Arc<DocPassages>>) {
        self.passages.regions = passages;
    }

    /// The "also in …" markers drawn in the last frame.
    pub fn passage_marks(&self) -> &[PassageMark] {
        &self.passages.marks
    }
}

/// A region on screen: its line boxes, one per block it spans.
struct OnScreen<'a> {
    region: &'a Region,
    /// Top and bottom of the region's lines in each block painted this frame.
    spans: Vec<(f32, f32)>,
}

/// Draws the bars and markers of the regions on screen; a click on a marker asks to
/// show the other side, a Ctrl+click to carry annotations there (`resp.passage`).
pub(super) fn paint_passages(
    v: &mut ArticleView,
    ui: &egui::Ui,
    cx: &ArticleContext<'_>,
    fr: &Frame,
    resp: &mut ArticleResponse,
) {
    v.passages.marks.clear();
    let Some(all) = v.passages.regions.clone() else {
        return;
    };
    if all.doc != *cx.doc || all.regions.is_empty() {
        return;
    }
    let (Some(vis), Some(layout)) = (v.visible_chars(cx.doc), v.layouts.get(cx.doc)) else {
        return;
    };
    let clip = ui.clip_rect();
    let first = all.regions.partition_point(|r| r.range.end <= vis.start);
    let mut shown = Vec::new();
    let mut rects = Vec::new();
    for region in all.regions[first..]
        .iter()
        .take_while(|r| r.range.start < vis.end)
    {
        let mut spans = Vec::new();
        for (i, origin, galley) in &v.visible {
            let chars = &layout.blocks[*i].chars;
            let r = &region.range;
            if r.start >= chars.end || r.end <= chars.start {
                continue;
            }
            let local = r.start.max(chars.start) - chars.start..r.end.min(chars.end) - chars.start;
            range_rects(galley, local, &mut rects);
            let (top, bottom) = rects
                .iter()
                .fold((f32::INFINITY, f32::NEG_INFINITY), |a, x| {
                    (a.0.min(x.top()), a.1.max(x.bottom()))
                });
            let (top, bottom) = (top + origin.y, bottom + origin.y);
            if top < clip.bottom() && bottom > clip.top() {
                spans.push((top, bottom));
            }
        }
        if !spans.is_empty() {
            shown.push(OnScreen { region, spans });
        }
    }
    if shown.is_empty() {
        return;
    }

    let painter = ui.painter().clone();
    let small = egui::FontId::proportional((fr.font_size * 0.78).max(10.0));
    let mut texts = std::mem::take(&mut v.passages.texts);
    texts.begin(&painter, &small);
    let column_right = fr.origin.x + fr.width;
    let view_right = clip.right() - 14.0;
    let step = small.size + 10.0;

    // Each region's markers, beside it when they fit right of the text. Those that do
    // not are stacked at an edge, one per other document: it stands for the region
    // shared with that document under the caret, else the one nearest the middle of
    // the view (hovering it widens that region's bar).
    let head = v.sel.map(|(_, h)| h);
    let centre = clip.center().y;
    let focus = |s: &OnScreen<'_>| {
        if head.is_some_and(|h| s.region.range.start <= h && h <= s.region.range.end) {
            return -1.0;
        }
        s.spans
            .iter()
            .map(|&(t, b)| (t - centre).max(centre - b).max(0.0))
            .fold(f32::INFINITY, f32::min)
    };
    let mut beside: Vec<Marker<'_>> = Vec::new();
    let mut stacked: Vec<(Marker<'_>, f32)> = Vec::new();
    for (k, s) in shown.iter().enumerate() {
        for other in &s.region.others {
            let label = format!("also in {}", other.name);
            let g = texts.get(&painter, &label, &small);
            let size = g.size() + vec2(10.0, 4.0);
            let m = Marker {
                shown: k,
                other,
                label,
                galley: g,
                size,
            };
            if column_right + 8.0 + size.x <= view_right {
                beside.push(m);
                continue;
            }
            let score = focus(s);
            match stacked.iter_mut().find(|(x, _)| x.other.doc == other.doc) {
                Some((x, best)) if score < *best => {
                    *x = m;
                    *best = score;
                }
                Some(_) => {}
                None => stacked.push((m, score)),
            }
        }
    }
    let more = stacked.len().saturating_sub(MAX_STACK);
    stacked.truncate(MAX_STACK);

    // What is drawn already and must stay visible: the links' markers.
    let taken: Vec<Rect> = v
        .link_ends
        .marks()
        .iter()
        .filter(|m| m.kind != super::MarkKind::Connector)
        .map(|m| m.rect)
        .collect();
    let free = |r: Rect, placed: &[Rect]| {
        !taken.iter().any(|t| t.intersects(r)) && !placed.iter().any(|m| m.intersects(r))
    };
    let mut placed: Vec<Rect> = Vec::new();
    let mut rects_of: Vec<(Marker<'_>, Rect, bool)> = Vec::new();
    let mut margin_y = f32::NEG_INFINITY;
    for m in beside {
        let first_line = shown[m.shown].spans[0].0.max(clip.top() + 2.0);
        let mut r = Rect::from_min_size(
            Pos2::new(column_right + 8.0, first_line.max(margin_y)),
            m.size,
        );
        while !free(r, &placed) && r.bottom() < clip.bottom() {
            r = r.translate(vec2(0.0, step));
        }
        margin_y = r.bottom() + 2.0;
        placed.push(r);
        rects_of.push((m, r, true));
    }
    // The edge stack: at the top unless a region on screen has lines up there.
    let rows = (stacked.len() + usize::from(more > 0)) as f32;
    let zone = clip.top()..clip.top() + 4.0 + step * rows;
    let crowded_top = shown
        .iter()
        .any(|s| s.spans.iter().any(|&(t, b)| t < zone.end && b > zone.start));
    let (mut edge_y, dir) = if crowded_top {
        (clip.bottom() - step, -step)
    } else {
        (clip.top() + 4.0, step)
    };
    for (m, _) in stacked {
        let mut r = Rect::from_min_size(Pos2::new(view_right - m.size.x, edge_y), m.size);
        while !free(r, &placed) && clip.contains(r.center()) {
            r = r.translate(vec2(0.0, dir));
        }
        edge_y = r.top() + dir;
        placed.push(r);
        rects_of.push((m, r, false));
    }
    if more > 0 {
        let text = format!("and {more} more outlets share passages here");
        let g = texts.get(&painter, &text, &small);
        painter.galley(
            Pos2::new(view_right - g.size().x, edge_y),
            g,
            ui.visuals().weak_text_color(),
        );
    }

    let carry = ui.input(|i| i.modifiers.command);
    let vis = ui.visuals();
    let color = accent(vis.dark_mode);
    let mut hovered: Option<usize> = None;
    let mut marks = Vec::with_capacity(rects_of.len());
    for (m, rect, in_margin) in rects_of {
        let region = &shown[m.shown].region;
        let id = egui::Id::unique((
            "sourcemark-passage-marker",
            m.other.doc.as_str(),
            region.range.start,
        ));
        let r = ui.interact(rect, id, Sense::click()).on_hover_ui(|ui| {
            let words =
                crate::ui::annotation_list::snippet(cx.text.slice(region.range.clone()), 60);
            ui.label(format!(
                "Show “{words}” in {} (Ctrl+click: carry this document's annotations in it there)",
                m.other.name
            ));
        });
        let label = m.label;
        r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        if r.hovered() {
            hovered = Some(m.shown);
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        }
        if r.clicked() {
            resp.passage = Some(if carry {
                PassageAction::Carry(m.other.passages.clone())
            } else {
                PassageAction::Show(m.other.doc.clone(), m.other.show.clone())
            });
        }
        let fill = if r.hovered() {
            vis.widgets.hovered.bg_fill
        } else {
            vis.window_fill
        };
        painter.rect_filled(rect, 4.0, fill);
        painter.rect_stroke(rect, 4.0, Stroke::new(1.0, color), egui::StrokeKind::Inside);
        painter.galley(rect.min + vec2(5.0, 2.0), m.galley, vis.text_color());
        marks.push(PassageMark {
            region: region.range.clone(),
            other: m.other.doc.clone(),
            label,
            rect,
            in_margin,
        });
    }
    // The bars, left of the text: wider for the region whose marker is hovered.
    for (k, s) in shown.iter().enumerate() {
        let w = if hovered == Some(k) { 6.0 } else { 3.0 };
        let x = fr.origin.x - 6.0 - w;
        for &(top, bottom) in &s.spans {
            painter.rect_filled(Rect::from_x_y_ranges(x..=x + w, top..=bottom), 1.0, color);
        }
    }
    v.passages.marks = marks;
    v.passages.texts = texts;
}

/// A marker to place: for which region on screen and other document, and its text.
struct Marker<'a> {
    shown: usize,
    other: &'a crate::ui::passages::Other,
    label: String,
    galley: Arc<egui::Galley>,
    size: egui::Vec2,
}

/// The colour of shared passages: a teal apart from the labels' colours.
fn accent(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(70, 190, 180)
    } else {
        Color32::from_rgb(20, 140, 130)
    }
}
