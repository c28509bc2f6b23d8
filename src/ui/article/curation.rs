//! A curation's places drawn on the article: an outline around each version of each
//! place, coloured by how the two annotators differ there; a version the project does
//! not hold (B's span in another project, or one taken away) is dashed, a settled
//! place is faded, and the place the curator is on is drawn thicker.
//!
//! Only the places on screen cost anything: they are sorted by start with the running
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
pub struct CurationMark {
    /// The version's ranges, in chars.
    pub ranges: Vec<Range<usize>>,
    /// Its colour.
    pub color: Color32,
    /// The project does not hold this version: drawn dashed.
    pub absent: bool,
    /// The place the curator is on.
    pub current: bool,
}

impl CurationMark {
    fn hull(&self) -> Range<usize> {
        let start = self.ranges.iter().map(|r| r.start).min().unwrap_or(0);
        let end = self.ranges.iter().map(|r| r.end).max().unwrap_or(0);
        start..end
    }
}

/// The marks of one document, sorted by start.
#[derive(Clone, Debug, PartialEq)]
pub struct CurationMarks {
    /// The document they are on.
    pub doc: DocId,
    marks: Vec<CurationMark>,
    /// The running maximum of the marks' ends, for finding those on screen.
    max_end: Vec<usize>,
}

impl CurationMarks {
    /// Marks for `doc`, in any order.
    pub fn new(doc: DocId, mut marks: Vec<CurationMark>) -> Self {
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

    /// The marks that may touch `chars`.
    fn touching(&self, chars: Range<usize>) -> impl Iterator<Item = &CurationMark> {
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
    /// The curation's marks for the shown document, drawn from the next frame on (none
    /// when `None`, or when they are another document's).
    pub fn set_curation(&mut self, marks: Option<Arc<CurationMarks>>) {
        self.curation = marks;
    }
}

/// Draws the outlines of the marks on screen.
pub(super) fn paint_curation(v: &ArticleView, ui: &egui::Ui, cx: &ArticleContext<'_>) {
    let Some(all) = v.curation.as_ref() else {
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
