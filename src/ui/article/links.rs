//! The links of what is selected, drawn so a reader sees them without hovering: both
//! ends highlighted (the view marks the other ends' spans), a curved connector with its
//! kind between the two when both are on screen, and a marker to click when the other
//! end is above or below the screen or in another document.
//!
//! The ends are found once per change of the selection or of the project (the history's
//! revision): the links from the index by annotation, each end in the project's
//! annotations by id, tried first where it was the last time. An idle frame, a scroll,
//! a jump or a resize only looks the few found ends up on screen.

use super::layout::range_rects;
use super::{ArticleContext, ArticleResponse, ArticleView, Frame};
use crate::model::{Annotation, AnnotationId, DocId};
use eframe::egui;
use egui::{Color32, Pos2, Rect, Sense, Stroke, pos2, vec2};
use std::ops::Range;
use std::sync::Arc;

/// Most selected annotations whose links are drawn.
const MAX_SELECTED: usize = 8;
/// Most links drawn per selected annotation.
const MAX_LINKS: usize = 48;
/// Most markers stacked at one edge; the rest are counted in one more.
const MAX_STACK: usize = 6;

/// One end of a link, as found in the project.
#[derive(Clone, Debug)]
struct EndAt {
    id: AnnotationId,
    /// Its position among all the project's annotations when found.
    pos: usize,
    doc: DocId,
    ranges: Vec<Range<usize>>,
    label: String,
    text: String,
}

/// A link of a selected annotation with both ends found.
#[derive(Clone, Debug)]
struct Found {
    /// The kind as read from the selected end ("said by", or "says" backwards).
    kind: String,
    /// The link goes from the selected end to the other.
    outgoing: bool,
    this: EndAt,
    other: EndAt,
}

/// The links of the selection, found for one (revision, selection, link start).
#[derive(Debug, Default)]
pub(super) struct LinkEnds {
    key: Option<(u64, Vec<AnnotationId>, Option<AnnotationId>)>,
    found: Vec<Found>,
    /// The start of the link being made.
    from: Option<EndAt>,
    /// What was drawn last frame.
    marks: Vec<LinkMark>,
    /// The markers' and connectors' texts, laid out.
    texts: Texts,
}

/// Laid-out texts of markers and connectors, kept between frames: egui keeps a galley
/// only while it is asked for every frame, and a jump shows other markers than the
/// frame before, so it would shape them again each time. Emptied when egui rebuilds
/// its glyph atlas (galleys point into it), which a probe from egui's cache tells, and
/// when it grows past a few screens of markers.
#[derive(Debug, Default)]
pub(super) struct Texts {
    galleys: std::collections::HashMap<(String, u32), Arc<egui::Galley>>,
    probe: Option<Arc<egui::Galley>>,
}

impl Texts {
    /// Forgets everything when egui's atlas was rebuilt since the last frame.
    pub(super) fn begin(&mut self, painter: &egui::Painter, font: &egui::FontId) {
        let probe = painter.layout_no_wrap("·".to_owned(), font.clone(), Color32::PLACEHOLDER);
        let same = self.probe.as_ref().is_some_and(|p| Arc::ptr_eq(p, &probe));
        if !same || self.galleys.len() > 256 {
            self.galleys.clear();
        }
        self.probe = Some(probe);
    }

    /// `text` laid out on one line, to be painted in any colour.
    pub(super) fn get(
        &mut self,
        painter: &egui::Painter,
        text: &str,
        font: &egui::FontId,
    ) -> Arc<egui::Galley> {
        self.galleys
            .entry((text.to_owned(), font.size.to_bits()))
            .or_insert_with(|| {
                painter.layout_no_wrap(text.to_owned(), font.clone(), Color32::PLACEHOLDER)
            })
            .clone()
    }
}

/// How a link of the selection was drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// A connector between two ends on screen.
    Connector,
    /// A marker at the top: the other end is above the screen.
    Above,
    /// A marker at the bottom: the other end is below the screen.
    Below,
    /// A marker beside the selected end: the other end is in another document.
    OtherDocument,
}

/// One link of the selection as drawn last frame, for tests and for the reader's eye.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkMark {
    /// How.
    pub kind: MarkKind,
    /// The selected end.
    pub this: AnnotationId,
    /// The other end.
    pub other: AnnotationId,
    /// Where, on screen: the marker, or the connector's bounds.
    pub rect: Rect,
    /// What it says ("said by “Hassan al-Amiri”").
    pub label: String,
}

fn end_at(a: &Annotation, pos: usize) -> EndAt {
    EndAt {
        id: a.id.clone(),
        pos,
        doc: a.doc.clone(),
        ranges: a.ranges().collect(),
        label: a.label.clone(),
        text: crate::ui::annotation_list::snippet(&a.text, 40),
    }
}

/// The annotation with this id among `all`: at `hint` or beside it (an edit moves it
/// by one at most), else wherever it is.
fn find(all: &[Annotation], id: &AnnotationId, hint: Option<usize>) -> Option<usize> {
    if let Some(h) = hint {
        for p in [h, h.wrapping_sub(1), h + 1] {
            if all.get(p).is_some_and(|a| a.id == *id) {
                return Some(p);
            }
        }
    }
    all.iter().position(|a| a.id == *id)
}

impl LinkEnds {
    /// Finds the selection's links again when the revision or the selection changed.
    pub(super) fn sync(&mut self, cx: &ArticleContext<'_>, link_start: Option<&AnnotationId>) {
        let sel: Vec<AnnotationId> = cx
            .selection
            .annotations()
            .iter()
            .rev()
            .take(MAX_SELECTED)
            .cloned()
            .collect();
        let key = (cx.revision, sel, link_start.cloned());
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let old = std::mem::take(&mut self.found);
        let hint = |id: &AnnotationId| {
            old.iter()
                .flat_map(|f| [&f.this, &f.other])
                .chain(self.from.as_ref())
                .find(|e| e.id == *id)
                .map(|e| e.pos)
        };
        let all = cx.all_annotations;
        let mut found = Vec::new();
        for id in &key.1 {
            // Most annotations have no link: they cost one lookup, no search.
            let links: Vec<_> = cx.link_index.of(cx.links, id).take(MAX_LINKS).collect();
            if links.is_empty() {
                continue;
            }
            let Some(p) = find(all, id, hint(id)) else {
                continue;
            };
            let this = end_at(&all[p], p);
            for (i, end) in links {
                let l = &cx.links[i];
                let other_id = end.other(l);
                let Some(q) = find(all, other_id, hint(other_id)) else {
                    continue;
                };
                let outgoing = end == crate::links::End::From;
                found.push(Found {
                    kind: if outgoing {
                        l.kind.label().to_owned()
                    } else {
                        l.kind.inverse_label()
                    },
                    outgoing,
                    this: this.clone(),
                    other: end_at(&all[q], q),
                });
            }
        }
        self.from = key
            .2
            .as_ref()
            .and_then(|id| find(all, id, hint(id)).map(|p| end_at(&all[p], p)));
        self.found = found;
        self.key = Some(key);
    }

    /// Whether a span of this document is at the other end of a drawn link, or is
    /// where the link being made starts.
    pub(super) fn is_linked(&self, id: &AnnotationId) -> bool {
        self.found.iter().any(|f| f.other.id == *id)
            || self.from.as_ref().is_some_and(|e| e.id == *id)
    }

    /// What was drawn last frame.
    pub(super) fn marks(&self) -> &[LinkMark] {
        &self.marks
    }
}

/// The first rectangle on screen of `ranges` in the blocks painted this frame.
fn on_screen(v: &ArticleView, doc: &DocId, ranges: &[Range<usize>], clip: Rect) -> Option<Rect> {
    let layout = v.layouts.get(doc)?;
    let mut rects = Vec::new();
    for r in ranges {
        for (i, origin, galley) in &v.visible {
            let chars = &layout.blocks[*i].chars;
            if r.start >= chars.end || r.end <= chars.start {
                continue;
            }
            let local = r.start.max(chars.start) - chars.start..r.end.min(chars.end) - chars.start;
            range_rects(galley, local, &mut rects);
            if let Some(found) = rects
                .iter()
                .map(|x| x.translate(origin.to_vec2()))
                .find(|x| x.intersects(clip))
            {
                return Some(found);
            }
        }
    }
    None
}

/// Draws the links of the selection and the markers of their far ends; a click on a
/// marker asks for the annotation at its other end (`resp.jump_to`).
pub(super) fn paint_links(
    v: &mut ArticleView,
    ui: &egui::Ui,
    cx: &ArticleContext<'_>,
    fr: &Frame,
    resp: &mut ArticleResponse,
) {
    let mut marks = Vec::new();
    if v.link_ends.found.is_empty() {
        v.link_ends.marks = marks;
        return;
    }
    let clip = ui.clip_rect();
    let vis = v.visible_chars(cx.doc);
    let painter = ui.painter().clone();
    let small = egui::FontId::proportional((fr.font_size * 0.78).max(10.0));
    let mut texts = std::mem::take(&mut v.link_ends.texts);
    texts.begin(&painter, &small);
    let color_of = |label: &str| crate::ui::annotation_list::label_color(cx.labels, label);
    let mut above = Vec::new();
    let mut below = Vec::new();
    let mut beside = Vec::new();
    for f in &v.link_ends.found {
        if f.this.doc != *cx.doc {
            continue;
        }
        let this_rect = on_screen(v, cx.doc, &f.this.ranges, clip);
        let label = format!("{} “{}”", f.kind, f.other.text);
        if f.other.doc != *cx.doc {
            beside.push((f, this_rect, format!("{} · {}", f.kind, f.other.doc)));
            continue;
        }
        match (this_rect, on_screen(v, cx.doc, &f.other.ranges, clip)) {
            (Some(a), Some(b)) => {
                let color = color_of(&f.other.label);
                let (from, to) = if f.outgoing { (a, b) } else { (b, a) };
                let kind = texts.get(&painter, &f.kind, &small);
                let bounds = connector(&painter, from, to, color, kind, ui);
                marks.push(LinkMark {
                    kind: MarkKind::Connector,
                    this: f.this.id.clone(),
                    other: f.other.id.clone(),
                    rect: bounds,
                    label,
                });
            }
            (_, None) => {
                let start = f.other.ranges.first().map_or(0, |r| r.start);
                let up = match &vis {
                    Some(vis) => start < vis.start,
                    None => true,
                };
                // Laid out but scrolled past: where it is on screen says which way.
                let up = match on_screen(v, cx.doc, &f.other.ranges, Rect::EVERYTHING) {
                    Some(r) => r.center().y < clip.center().y,
                    None => up,
                };
                if up {
                    above.push((f, label));
                } else {
                    below.push((f, label));
                }
            }
            (None, Some(_)) => {}
        }
    }
    // Markers go in the margin right of the text when they fit there, else over the
    // text at the right edge of the view.
    let column_right = fr.origin.x + fr.width;
    let view_right = clip.right() - 14.0;
    let beside_widths: Vec<f32> = (beside.iter().take(MAX_STACK))
        .map(|(_, _, text)| texts.get(&painter, &format!("↗ {text}"), &small).size().x + 10.0)
        .collect();
    let mut place = |ui: &egui::Ui,
                     marks: &mut Vec<LinkMark>,
                     f: &Found,
                     kind: MarkKind,
                     text: &str,
                     y: f32| {
        let arrow = match kind {
            MarkKind::Above => "▲ ",
            MarkKind::Below => "▼ ",
            _ => "↗ ",
        };
        let shown = format!("{arrow}{text}");
        let short = match kind {
            MarkKind::OtherDocument => shown,
            _ => format!(
                "{arrow}{} “{}”",
                f.kind,
                crate::ui::annotation_list::snippet(&f.other.text, 24)
            ),
        };
        let tip = format!(
            "Show the other end of this link: {} “{}” in {}",
            f.kind, f.other.text, f.other.doc
        );
        let at = Place {
            column_right,
            view_right,
            y,
        };
        let g = texts.get(&painter, &short, &small);
        let (rect, clicked) = marker(
            ui,
            &short,
            &tip,
            g,
            at,
            color_of(&f.other.label),
            &f.other.id,
        );
        if clicked {
            resp.jump_to = Some(f.other.id.clone());
        }
        marks.push(LinkMark {
            kind,
            this: f.this.id.clone(),
            other: f.other.id.clone(),
            rect,
            label: short,
        });
    };
    let step = small.size + 10.0;
    let mut y = clip.top() + 4.0;
    for (f, text) in above.iter().take(MAX_STACK) {
        place(ui, &mut marks, f, MarkKind::Above, text, y);
        y += step;
    }
    let mut y = clip.bottom() - step;
    for (f, text) in below.iter().take(MAX_STACK) {
        place(ui, &mut marks, f, MarkKind::Below, text, y);
        y -= step;
    }
    let mut side_y = clip.top() + 4.0 + step * above.len().min(MAX_STACK) as f32;
    for ((f, this_rect, text), width) in beside.iter().zip(beside_widths) {
        // Under the selected end when it is on screen and the marker fits in the margin;
        // else with the markers at the top, where it covers the line at the edge of the
        // view instead of the lines the reader is looking at.
        let in_margin = column_right + 8.0 + width <= view_right;
        let at = match this_rect {
            Some(r) if in_margin => (r.bottom() + 4.0).max(side_y),
            _ => side_y,
        };
        place(ui, &mut marks, f, MarkKind::OtherDocument, text, at);
        side_y = at + step;
    }
    let more = above.len().saturating_sub(MAX_STACK)
        + below.len().saturating_sub(MAX_STACK)
        + beside.len().saturating_sub(MAX_STACK);
    if more > 0 {
        let text = format!("and {more} more links (the inspector lists them)");
        let g = texts.get(&painter, &text, &small);
        painter.galley(
            pos2(view_right - g.size().x, side_y),
            g,
            ui.visuals().weak_text_color(),
        );
    }
    v.link_ends.marks = marks;
    v.link_ends.texts = texts;
}

/// A curve from `from` to `to` (arching over the text, an arrow at `to`) with the
/// kind at its top. Returns its bounds.
fn connector(
    painter: &egui::Painter,
    from: Rect,
    to: Rect,
    color: Color32,
    kind: Arc<egui::Galley>,
    ui: &egui::Ui,
) -> Rect {
    let p0 = from.center_top();
    let p3 = to.center_top();
    let lift =
        (kind.size().y * 1.4 + (p0.y - p3.y).abs() * 0.2 + (p0.x - p3.x).abs() * 0.08).min(120.0);
    let top = p0.y.min(p3.y) - lift;
    let p1 = pos2(p0.x, top);
    let p2 = pos2(p3.x, top);
    // Sampled at a few points: a smooth enough curve at a fraction of the cost of
    // egui's adaptive flattening.
    let at = |t: f32| {
        let u = 1.0 - t;
        let w = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
        pos2(
            w[0] * p0.x + w[1] * p1.x + w[2] * p2.x + w[3] * p3.x,
            w[0] * p0.y + w[1] * p1.y + w[2] * p2.y + w[3] * p3.y,
        )
    };
    const STEPS: usize = 24;
    let points: Vec<Pos2> = (0..=STEPS).map(|k| at(k as f32 / STEPS as f32)).collect();
    painter.add(egui::Shape::line(points, Stroke::new(1.5, color)));
    // The arrow at `to`, pointing down into it.
    let tip = p3;
    let back = (p2 - p3).normalized() * 7.0;
    let side = vec2(-back.y, back.x) * 0.5;
    painter.add(egui::Shape::convex_polygon(
        vec![tip, tip + back + side, tip + back - side],
        color,
        Stroke::NONE,
    ));
    // The kind, on a patch of background at the top of the curve.
    let mid = pos2(
        (p0.x + 3.0 * p1.x + 3.0 * p2.x + p3.x) / 8.0,
        (p0.y + 3.0 * p1.y + 3.0 * p2.y + p3.y) / 8.0,
    );
    let g = kind;
    let r = Rect::from_center_size(mid, g.size() + vec2(6.0, 2.0));
    painter.rect_filled(r, 3.0, ui.visuals().panel_fill);
    painter.galley(r.min + vec2(3.0, 1.0), g, color);
    Rect::from_points(&[p0, p1, p2, p3]).union(r)
}

/// Where a marker goes: its top, and the edges it may align to.
struct Place {
    /// The right edge of the text column: a marker that fits right of it goes there.
    column_right: f32,
    /// The right edge of the view: a marker too wide for the margin ends there.
    view_right: f32,
    /// Its top.
    y: f32,
}

/// A clickable marker, in the margin right of the text when it fits there, else
/// right-aligned over the text; returns its rect and whether it was clicked this frame.
fn marker(
    ui: &egui::Ui,
    text: &str,
    tip: &str,
    g: Arc<egui::Galley>,
    at: Place,
    color: Color32,
    other: &AnnotationId,
) -> (Rect, bool) {
    let v = ui.visuals();
    let size = g.size() + vec2(10.0, 4.0);
    let left = if at.column_right + 8.0 + size.x <= at.view_right {
        at.column_right + 8.0
    } else {
        at.view_right - size.x
    };
    let rect = Rect::from_min_size(Pos2::new(left, at.y), size);
    let id = egui::Id::unique(("sourcemark-link-marker", other.as_str(), text));
    let resp = ui.interact(rect, id, Sense::click()).on_hover_text(tip);
    let label = text.to_owned();
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    let fill = if resp.hovered() {
        v.widgets.hovered.bg_fill
    } else {
        v.window_fill
    };
    let painter = ui.painter();
    painter.rect_filled(rect, 4.0, fill);
    painter.rect_stroke(rect, 4.0, Stroke::new(1.0, color), egui::StrokeKind::Inside);
    painter.galley(rect.min + vec2(5.0, 2.0), g, v.text_color());
    if resp.hovered() {
        ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
    }
    (rect, resp.clicked())
}
