//! Outlines drawn over the article that are not annotations: a curation's places (each
//! version outlined in the colour of how the annotators differ, dashed where the
//! project does not hold it) and suggestions (dashed, in their label's colour, faded).
//! The one the person is on is drawn thicker.
//!
//! Only the outlines on screen cost anything: they are sorted by start with the running
//! maximum of their ends, as the article's own spans are.

use super::layout::range_rects;
use super::{ArticleContext, ArticleView};
use crate::model::DocId;
use eframe::egui;
use egui::{Color32, Rect, Shape, Stroke};
use std::ops::Range;
use std::sync::Arc;

/// One outline to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct OutlineMark {
    /// The version's ranges, in chars.
    pub ranges: Vec<Range<usize>>,
    /// Its colour.
    pub color: Color32,
    /// The project does not hold this version: drawn dashed.
    pub absent: bool,
    /// The one the person is on: drawn thicker.
    pub current: bool,
    /// Filled faintly with its colour (a suggestion).
    pub fill: bool,
}

impl OutlineMark {
    fn hull(&self) -> Range<usize> {
        let start = self.ranges.iter().map(|r| r.start).min().unwrap_or(0);
        let end = self.ranges.iter().map(|r| r.end).max().unwrap_or(0);
        start..end
    }
}

/// The marks of one document, sorted by start.
#[derive(Clone, Debug, PartialEq)]
pub struct OutlineMarks {
    /// The document they are on.
    pub doc: DocId,
    marks: Vec<OutlineMark>,
    /// The running maximum of the marks' ends, for finding those on screen.
    max_end: Vec<usize>,
}

impl OutlineMarks {
    /// Marks for `doc`, in any order.
    pub fn new(doc: DocId, mut marks: Vec<OutlineMark>) -> Self {
        marks.sort_by_key(|m| m.hull().start);
        let mut m = 0;
        let max_end = marks
            .iter()
            .map(|x| {
                m = m.max(x.hull().end);
                m
            })
            .collect();
        Self {
            doc,
            marks,
            max_end,
        }
    }

    /// Every outline, by start.
    pub fn marks(&self) -> &[OutlineMark] {
        &self.marks
    }

    /// The marks that may touch `chars`.
    fn touching(&self, chars: Range<usize>) -> impl Iterator<Item = &OutlineMark> {
        let mut k = self.marks.partition_point(|m| m.hull().start < chars.end);
        let mut out = Vec::new();
        while k > 0 && self.max_end[k - 1] > chars.start {
            k -= 1;
            if self.marks[k].hull().end > chars.start {
                out.push(&self.marks[k]);
            }
        }
        out.into_iter().rev()
    }
}

impl ArticleView {
    /// The curation's outlines for the shown document, drawn from the next frame on
    /// (none when `None`, or when they are another document's).
    pub fn set_curation(&mut self, marks: Option<Arc<OutlineMarks>>) {
        self.curation = marks;
    }

    /// The suggestions' outlines for the shown document, likewise.
    pub fn set_suggestions(&mut self, marks: Option<Arc<OutlineMarks>>) {
        self.suggestions = marks;
    }

    /// The suggestions' outlines drawn from now on.
    pub fn suggestion_marks(&self) -> Option<&OutlineMarks> {
        self.suggestions.as_deref()
    }
}

/// Draws the outlines of `marks` that are on screen.
pub(super) fn paint_outlines(
    v: &ArticleView,
    ui: &egui::Ui,
    cx: &ArticleContext<'_>,
    marks: Option<&Arc<OutlineMarks>>,
) {
    let Some(all) = marks else {
        return;
    };
    if all.doc != *cx.doc {
        return;
    }
    let (Some(vis), Some(layout)) = (v.visible_chars(cx.doc), v.layouts.get(cx.doc)) else {
        return;
    };
    let painter = ui.painter();
    let mut rects: Vec<Rect> = Vec::new();
    for m in all.touching(vis) {
        let width = if m.current { 2.5 } else { 1.2 };
        let stroke = Stroke::new(width, m.color);
        for (i, origin, galley) in &v.visible {
            let chars = &layout.blocks[*i].chars;
            for r in &m.ranges {
                if r.start >= chars.end || r.end <= chars.start {
                    continue;
                }
                let local =
                    r.start.max(chars.start) - chars.start..r.end.min(chars.end) - chars.start;
                range_rects(galley, local, &mut rects);
                for rect in &rects {
                    let rect = rect.translate(origin.to_vec2()).expand(1.5);
                    if m.fill {
                        painter.rect_filled(rect, 2.0, m.color.gamma_multiply(0.18));
                    }
                    if m.absent {
                        let c = rect;
                        let pts = [
                            c.left_top(),
                            c.right_top(),
                            c.right_bottom(),
                            c.left_bottom(),
                            c.left_top(),
                        ];
                        painter.extend(Shape::dashed_line(&pts, stroke, 4.0, 3.0));
                    } else {
                        painter.rect_stroke(rect, 2.0, stroke, egui::StrokeKind::Outside);
                    }
                }
            }
        }
    }
}
