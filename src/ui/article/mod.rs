//! The article view: the document's text, wrapped at a readable width, with its
//! annotations, find matches and the text selection painted over it.
//!
//! It lays out only what is on screen, so a frame costs the same on a 10 KB and a 10 MB
//! article: the text is cut into blocks (paragraphs, long ones chunked), each block is
//! one galley, a Fenwick tree keeps the running total of block heights (measured where
//! laid out, estimated elsewhere), and annotations are found through a span index
//! rebuilt only when the annotation slice changes. A block is shaped once and kept
//! (cache.rs) and re-wrapped at a new width without shaping it again (wrap.rs), so a
//! resize or a jump back to a recent place lays out nothing new, and a jump or a page
//! key to a new place shares the shaping between the frame that asks for it and the
//! frame that shows it (`DocLayout::prepare_jump`). All offsets are document chars; a
//! galley's char index is local to its block and is shifted by the block's start.

mod bidi;
mod blocks;
mod cache;
mod keys;
mod layout;
mod links;
mod outlines;
mod paint;
mod passages;
mod scroll_keys;
mod shaping;
mod spans;
#[cfg(test)]
mod tests;
mod wrap;

pub use links::{LinkMark, MarkKind};
pub use outlines::{OutlineMark, OutlineMarks};
pub use passages::PassageMark;

use crate::links::LinkIndex;
use crate::model::{Annotation, AnnotationId, DocId, LabelScheme, Link};
use crate::selection::Selection;
use crate::text::DocText;
use crate::words;
use blocks::block_of;
use eframe::egui;
use egui::{Align, Color32, Galley, Pos2, Rect, ScrollArea, Sense, vec2};
use layout::{DocLayout, Params};
use paint::{Painted, Style};
use spans::SpanIndex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// Readable column width, in em.
const MAX_WIDTH_EM: f32 = 42.0;

/// The article view widget; keeps layouts, selection and scroll requests between frames.
#[derive(Default)]
pub struct ArticleView {
    layouts: HashMap<DocId, DocLayout>,
    doc: Option<DocId>,
    spans: SpanIndex,
    /// This frame's caret or text selection in the shown document, as (anchor, head),
    /// read from the window's [`Selection`] at the start of the frame; what the view
    /// makes of it is reported back in [`ArticleResponse::selection`].
    sel: Option<(usize, usize)>,
    /// Drag in progress: the boundary where it started.
    drag_anchor: Option<usize>,
    pending_scroll: Option<Range<usize>>,
    /// Blocks painted in the last frame: index, screen origin, galley.
    visible: Vec<(usize, Pos2, Arc<Galley>)>,
    /// The selection's links, found once per revision and selection.
    link_ends: links::LinkEnds,
    /// Ctrl+drag in progress: the annotation a range is being added to, where the
    /// drag started and the range it covers so far (snapped to words).
    range_drag: Option<(AnnotationId, usize, Option<Range<usize>>)>,
    /// The annotation a link being made starts from, marked as linked.
    link_start: Option<AnnotationId>,
    /// The shown document's shared passages, and their markers as last drawn.
    passages: passages::PassageMarks,
    /// The curation's places in the shown document, when a curation is open.
    curation: Option<Arc<outlines::OutlineMarks>>,
    /// The shown document's suggestions, when there are any to show.
    suggestions: Option<Arc<outlines::OutlineMarks>>,
}

/// What the view needs for one frame.
pub struct ArticleContext<'a> {
    /// The document shown.
    pub doc: &'a DocId,
    /// The document's text (chars offsets via DocText).
    pub text: &'a DocText,
    /// This document's annotations, sorted by start.
    pub annotations: &'a [Annotation],
    /// Label colours and names.
    pub labels: &'a LabelScheme,
    /// What is selected: the caret or text range (when in this document) and the
    /// selected annotations, drawn stronger.
    pub selection: &'a Selection,
    /// The history's revision: the view's caches of the annotations are keyed on it.
    pub revision: u64,
    /// Find matches as char ranges, sorted.
    pub find_matches: &'a [Range<usize>],
    /// Index into `find_matches`, drawn stronger.
    pub current_match: Option<usize>,
    /// Article zoom, points.
    pub font_size: f32,
    /// The article may take keys this frame: no dialog or chooser is over it.
    pub keyboard: bool,
    /// The project's links: those of the selected annotations are drawn.
    pub links: &'a [Link],
    /// The links by annotation, built from `links`.
    pub link_index: &'a LinkIndex,
    /// Every annotation of the project, in its order: where the other end of a link
    /// is when it is in another document.
    pub all_annotations: &'a [Annotation],
}

/// What happened in the view this frame.
#[derive(Default, Debug)]
pub struct ArticleResponse {
    /// The caret or text selection changed (click, drag, keys): the window's new
    /// selection.
    pub selection: Option<Selection>,
    /// Click on a painted annotation (the innermost/shortest under the pointer), and
    /// whether Ctrl or Shift was held (add it to the selection, or take it out).
    pub clicked_annotation: Option<(AnnotationId, bool)>,
    /// Tab or Shift+Tab asked for the next or previous annotation: select it and
    /// bring it into view.
    pub step_to: Option<AnnotationId>,
    /// The annotation under the pointer, if any.
    pub hovered_annotation: Option<AnnotationId>,
    /// A link's marker was clicked: show the annotation at its other end.
    pub jump_to: Option<AnnotationId>,
    /// Ctrl+drag with an annotation selected ended: add this range to it.
    pub add_range: Option<(AnnotationId, Range<usize>)>,
    /// A shared passage's marker was clicked: show its other side, or carry there.
    pub passage: Option<crate::ui::passages::PassageAction>,
}

/// Where things are on screen this frame.
struct Frame {
    /// Screen position of content y = 0 of the block column (after top padding).
    origin: Pos2,
    /// The content y the viewport shows (before clamping at the top of the article).
    shown: Range<f32>,
    /// Article font size this frame, points.
    font_size: f32,
    /// Width of the text column, points.
    width: f32,
}

impl ArticleView {
    /// An empty view.
    pub fn new() -> Self {
        Self::default()
    }

    /// The non-empty text range of this frame's selection.
    fn range(&self) -> Option<Range<usize>> {
        self.sel
            .filter(|(a, h)| a != h)
            .map(|(a, h)| a.min(h)..a.max(h))
    }

    /// Sets the selection to the word-snapped or raw range between `anchor` and
    /// `head`, keeping its direction.
    fn select_between(&mut self, cx: &ArticleContext<'_>, anchor: usize, head: usize, raw: bool) {
        let r = anchor.min(head)..anchor.max(head);
        let snapped = if raw {
            Some(r).filter(|r| !r.is_empty())
        } else {
            words::snap_to_words(cx.text, r)
        };
        if let Some(r) = snapped {
            self.sel = Some(if head >= anchor {
                (r.start, r.end)
            } else {
                (r.end, r.start)
            });
        }
    }

    /// Brings a char range into view on the next frame, centred.
    pub fn scroll_to(&mut self, chars: Range<usize>) {
        self.pending_scroll = Some(chars);
    }

    /// Marks the annotation a link being made starts from (or none), from the next
    /// frame on.
    pub fn set_link_start(&mut self, from: Option<AnnotationId>) {
        self.link_start = from;
    }

    /// How the selection's links were drawn in the last frame: connectors between ends
    /// on screen, markers for ends above, below or in another document.
    pub fn link_marks(&self) -> &[LinkMark] {
        self.link_ends.marks()
    }

    /// Screen rectangle of char `c` in the last frame, if it was laid out.
    pub fn char_rect(&self, c: usize) -> Option<Rect> {
        let layout = self.layouts.get(self.doc.as_ref()?)?;
        self.visible.iter().find_map(|(i, origin, galley)| {
            let b = &layout.blocks[*i];
            b.chars
                .contains(&c)
                .then(|| layout::char_rect(galley, *origin, c - b.chars.start))
                .flatten()
        })
    }

    /// Shows the article and handles pointer and keyboard input on it.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &ArticleContext<'_>) -> ArticleResponse {
        if self.doc.as_ref() != Some(cx.doc) {
            let previous = self.doc.replace(cx.doc.clone());
            // The document just left keeps its laid-out blocks, so flipping between two
            // articles to compare them shapes nothing; the others' are only memory.
            for (id, l) in &mut self.layouts {
                if id != cx.doc && Some(id) != previous.as_ref() {
                    l.forget_galleys();
                }
            }
            self.drag_anchor = None;
            self.range_drag = None;
            self.spans = SpanIndex::default();
            self.visible.clear();
        }
        let stale = self.layouts.get(cx.doc).is_some_and(|l| !l.is_for(cx.text));
        if stale || !self.layouts.contains_key(cx.doc) {
            self.layouts.insert(cx.doc.clone(), DocLayout::new(cx.text));
            self.visible.clear();
        }
        self.spans
            .sync(cx.annotations, cx.revision, cx.selection.primary());
        self.link_ends.sync(cx, self.link_start.as_ref());
        let n = cx.text.char_len();
        let loaded = match cx.selection {
            Selection::Text { doc, anchor, head }
                if doc == cx.doc && *anchor <= n && *head <= n =>
            {
                Some((*anchor, *head))
            }
            _ => None,
        };
        self.sel = loaded;

        let mut resp = ArticleResponse::default();
        ScrollArea::vertical()
            .id_salt(("article_view", cx.doc))
            .auto_shrink(false)
            // Jumps are instant anyway (`ScrollAnimation::none`); with animation on, egui
            // still lands them a frame late.
            .animated(false)
            .show_viewport(ui, |ui, viewport| {
                self.viewport_ui(ui, viewport, cx, &mut resp);
            });
        if self.sel != loaded && resp.clicked_annotation.is_none() {
            resp.selection = Some(match self.sel {
                Some((anchor, head)) => Selection::Text {
                    doc: cx.doc.clone(),
                    anchor,
                    head,
                },
                None => Selection::Nothing,
            });
        }
        resp
    }

    /// The id of the article's text area, which holds the keyboard while no field
    /// does (so Tab and the arrows reach the article instead of moving focus).
    pub fn focus_id() -> egui::Id {
        egui::Id::unique("sourcemark-article-text")
    }

    fn viewport_ui(
        &mut self,
        ui: &mut egui::Ui,
        viewport: Rect,
        cx: &ArticleContext<'_>,
        resp: &mut ArticleResponse,
    ) {
        let fs = cx.font_size.clamp(4.0, 200.0);
        let pad = fs;
        let full_w = ui.available_width();
        let col_w = (MAX_WIDTH_EM * fs).min(full_w - 2.0 * pad).max(8.0 * fs);
        let params = Params {
            width: col_w.round(),
            font_size: fs,
            ppp: ui.ctx().pixels_per_point(),
        };
        let Some(layout) = self.layouts.get_mut(cx.doc) else {
            return;
        };
        layout.set_params(params);
        let total = layout.heights.total() + 2.0 * pad;
        let (rect, _) =
            ui.allocate_exact_size(vec2(full_w, total.max(viewport.height())), Sense::hover());
        let response = ui.interact(rect, Self::focus_id(), Sense::click_and_drag());
        if cx.keyboard {
            keep_keyboard(ui, &response);
        }
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Article, true, "Article text"));
        let x0 = ((full_w - col_w) / 2.0).max(0.0).round();
        let fr = Frame {
            origin: rect.min + vec2(x0, pad),
            shown: viewport.min.y - pad..viewport.max.y - pad,
            font_size: fs,
            width: col_w,
        };
        // Body text a little stronger than egui's label grey: this is for long reading.
        let v = ui.visuals();
        let text_color = v.override_text_color.unwrap_or(if v.dark_mode {
            Color32::from_gray(218)
        } else {
            Color32::from_gray(28)
        });
        let painter = ui.painter().clone();
        if let Some(layout) = self.layouts.get_mut(cx.doc) {
            layout.begin_frame(&painter, text_color);
        }

        // Keyboard and scroll requests may lay out blocks off screen.
        if cx.keyboard && !ui.ctx().text_edit_focused() {
            resp.step_to = keys::step_annotation(self, ui, cx);
            keys::handle_keys(self, ui, cx, &fr, &painter, text_color);
            if let Some(k) = scroll_keys::take(ui) {
                scroll_keys::apply(self, ui, cx, k, &fr, &painter, text_color);
            }
        }
        let Some(layout) = self.layouts.get_mut(cx.doc) else {
            return;
        };
        if let Some(r) = self.pending_scroll.take()
            && let Some(b) = block_of(&layout.blocks, r.start)
        {
            let (galley, _) = layout.galley(&painter, cx.text, b, text_color);
            let local = r.start.saturating_sub(layout.blocks[b].chars.start);
            let row = layout::cursor_pos(&galley, layout.bidi(b).as_deref(), local);
            let h = viewport.height();
            layout.prepare_jump(&painter, cx.text, b, row.center().y, h, text_color);
            // Blocks laid out above the target have moved it.
            let top = fr.origin.y + layout.top(b) + layout.gap_of(b);
            let target = Rect::from_x_y_ranges(
                fr.origin.x..=fr.origin.x + col_w,
                top + row.top()..=top + row.bottom(),
            );
            ui.scroll_to_rect_animation(
                target,
                Some(Align::Center),
                egui::style::ScrollAnimation::none(),
            );
            ui.ctx().request_repaint();
        }

        // Lay out the visible blocks, top to bottom.
        self.visible.clear();
        let y0 = fr.shown.start.max(0.0);
        let y1 = fr.shown.end;
        let n = layout.blocks.len();
        let mut i = layout.heights.find(y0);
        let mut top = layout.top(i);
        let mut shift_above = 0.0;
        while i < n && top < y1 {
            let (galley, delta) = layout.galley(&painter, cx.text, i, text_color);
            if top < y0 {
                // Block straddles the top edge: keep what is on screen in place.
                shift_above += delta;
            }
            let gap = layout.gap_of(i);
            let origin = Pos2::new(fr.origin.x, fr.origin.y + top + gap);
            top += layout.heights.get(i);
            self.visible.push((i, origin, galley));
            i += 1;
        }
        if shift_above != 0.0 {
            ui.scroll_with_delta_animation(
                vec2(0.0, -shift_above),
                egui::style::ScrollAnimation::none(),
            );
            ui.ctx().request_repaint();
        }

        self.pointer(ui, &response, cx, resp);
        self.paint(ui, &painter, cx, resp, text_color);
        links::paint_links(self, ui, cx, &fr, resp);
        passages::paint_passages(self, ui, cx, &fr, resp);
        outlines::paint_outlines(self, ui, cx, self.suggestions.as_ref());
        outlines::paint_outlines(self, ui, cx, self.curation.as_ref());
    }

    /// Doc char range covered by the blocks painted this frame.
    fn visible_chars(&self, doc: &DocId) -> Option<Range<usize>> {
        let layout = self.layouts.get(doc)?;
        let first = self.visible.first()?.0;
        let last = self.visible.last()?.0;
        Some(layout.blocks[first].chars.start..layout.blocks[last].chars.end)
    }

    /// The doc char whose glyph is under `p`.
    fn char_at_pos(&self, doc: &DocId, p: Pos2) -> Option<usize> {
        let layout = self.layouts.get(doc)?;
        self.visible.iter().find_map(|(i, origin, galley)| {
            let r = galley.rect.translate(origin.to_vec2());
            if p.y < r.top() || p.y >= r.bottom() {
                return None;
            }
            layout::char_at(galley, p - *origin).map(|c| layout.blocks[*i].chars.start + c)
        })
    }

    /// The doc char boundary nearest to `p`, among the blocks painted this frame.
    fn boundary_at_pos(&self, doc: &DocId, p: Pos2) -> Option<usize> {
        let layout = self.layouts.get(doc)?;
        let (i, origin, galley) = self
            .visible
            .iter()
            .find(|(_, o, g)| p.y < o.y + g.rect.height())
            .or(self.visible.last())?;
        let b = &layout.blocks[*i];
        let local = layout::boundary_at(galley, layout.bidi(*i).as_deref(), p - *origin);
        Some((b.chars.start + local).min(b.chars.end))
    }

    /// The shortest non-orphaned annotation containing char `c` (in any of its ranges;
    /// a span of several is as long as the range under `c`).
    fn innermost_at(&mut self, cx: &ArticleContext<'_>, c: usize) -> Option<usize> {
        let mut found = Vec::new();
        if !self.spans.overlapping(cx.annotations, c..c + 1, &mut found) {
            self.spans.rebuild(cx.annotations);
            self.spans.overlapping(cx.annotations, c..c + 1, &mut found);
        }
        found
            .into_iter()
            .filter(|&i| !cx.annotations[i].orphaned)
            .filter_map(|i| {
                let r = cx.annotations[i].ranges().find(|r| r.contains(&c))?;
                Some((i, r.len()))
            })
            .min_by_key(|&(_, len)| len)
            .map(|(i, _)| i)
    }

    fn pointer(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        cx: &ArticleContext<'_>,
        resp: &mut ArticleResponse,
    ) {
        let doc = cx.doc;
        let alt = ui.input(|i| i.modifiers.alt);
        if let Some(p) = response.hover_pos()
            && self.drag_anchor.is_none()
            && let Some(c) = self.char_at_pos(doc, p)
            && let Some(i) = self.innermost_at(cx, c)
        {
            let a = &cx.annotations[i];
            resp.hovered_annotation = Some(a.id.clone());
            let mut under = Vec::new();
            self.spans.overlapping(cx.annotations, c..c + 1, &mut under);
            response.clone().on_hover_ui_at_pointer(|ui| {
                for &j in under.iter().filter(|&&j| !cx.annotations[j].orphaned) {
                    let a = &cx.annotations[j];
                    let name = cx
                        .labels
                        .get(&a.label)
                        .map_or(a.label.as_str(), |l| &l.name);
                    ui.label(
                        egui::RichText::new(name)
                            .strong()
                            .color(paint::label_color(cx.labels, a)),
                    );
                    if !a.note.is_empty() {
                        ui.label(&a.note);
                    }
                }
            });
        }

        if response.double_clicked() {
            if let Some(p) = response.interact_pointer_pos()
                && let Some(c) = self.char_at_pos(doc, p)
                && let Some(w) = words::word_at(cx.text, c)
            {
                self.sel = Some((w.start, w.end));
            }
            return;
        }
        if response.clicked() {
            let (shift, ctrl) = ui.input(|i| (i.modifiers.shift, i.modifiers.command));
            let hit = response
                .interact_pointer_pos()
                .and_then(|p| self.char_at_pos(doc, p))
                .and_then(|c| self.innermost_at(cx, c));
            let annotations_selected = !cx.selection.annotations().is_empty();
            // Ctrl+click, or Shift+click while annotations are selected, adds an
            // annotation to the selection (or takes it out).
            if let Some(i) = hit
                && (ctrl || (shift && annotations_selected))
            {
                self.sel = None;
                resp.clicked_annotation = Some((cx.annotations[i].id.clone(), true));
                return;
            }
            let at = response
                .interact_pointer_pos()
                .and_then(|p| self.boundary_at_pos(doc, p));
            // Shift+click extends the selection from the caret, as in text editors.
            if shift
                && let Some((anchor, _)) = self.sel
                && let Some(head) = at
            {
                self.select_between(cx, anchor, head, alt);
                return;
            }
            match hit {
                Some(i) => {
                    self.sel = None;
                    resp.clicked_annotation = Some((cx.annotations[i].id.clone(), false));
                }
                // A click on plain text places the caret there.
                None => self.sel = at.map(|c| (c, c)),
            }
            return;
        }
        if response.drag_started() {
            let origin = ui.input(|i| i.pointer.press_origin());
            let anchor = origin.and_then(|p| self.boundary_at_pos(doc, p));
            // Ctrl+drag with an annotation of this document selected adds a range to it
            // (a Ctrl+click, without a drag, still adds it to the selection).
            let ctrl = ui.input(|i| i.modifiers.command);
            let target = cx
                .selection
                .primary()
                .filter(|id| ctrl && cx.annotations.iter().any(|a| a.id == **id));
            match (target, anchor) {
                (Some(id), Some(at)) => self.range_drag = Some((id.clone(), at, None)),
                _ => self.drag_anchor = anchor,
            }
        }
        if response.dragged()
            && let Some((id, anchor, _)) = self.range_drag.clone()
            && let Some(p) = response.interact_pointer_pos()
            && let Some(head) = self.boundary_at_pos(doc, p)
        {
            let r = anchor.min(head)..anchor.max(head);
            let snapped = if alt {
                Some(r).filter(|r| !r.is_empty())
            } else {
                words::snap_to_words(cx.text, r)
            };
            if snapped.is_some() {
                self.range_drag = Some((id, anchor, snapped));
            }
        }
        if response.drag_stopped()
            && let Some((id, _, Some(r))) = self.range_drag.take()
        {
            resp.add_range = Some((id, r));
        }
        if response.dragged()
            && let Some(anchor) = self.drag_anchor
            && let Some(p) = response.interact_pointer_pos()
        {
            if let Some(head) = self.boundary_at_pos(doc, p) {
                self.select_between(cx, anchor, head, alt);
            }
            // Drag past the top or bottom edge scrolls.
            let clip = ui.clip_rect();
            let dy = if p.y < clip.top() {
                clip.top() - p.y
            } else if p.y > clip.bottom() {
                clip.bottom() - p.y
            } else {
                0.0
            };
            if dy != 0.0 {
                ui.scroll_with_delta_animation(
                    vec2(0.0, dy.clamp(-60.0, 60.0)),
                    egui::style::ScrollAnimation::none(),
                );
                ui.ctx().request_repaint();
            }
        }
        if response.drag_stopped() {
            self.drag_anchor = None;
        }
    }

    fn paint(
        &mut self,
        ui: &egui::Ui,
        painter: &egui::Painter,
        cx: &ArticleContext<'_>,
        resp: &ArticleResponse,
        text_color: Color32,
    ) {
        let Some(vis) = self.visible_chars(cx.doc) else {
            return;
        };
        let mut idx = Vec::new();
        if !self
            .spans
            .overlapping(cx.annotations, vis.clone(), &mut idx)
        {
            self.spans.rebuild(cx.annotations);
            self.spans
                .overlapping(cx.annotations, vis.clone(), &mut idx);
        }
        idx.retain(|&i| !cx.annotations[i].orphaned);
        let painted: Vec<Painted> = spans::pieces(cx.annotations, &idx, &vis)
            .into_iter()
            .map(|p| {
                let a = &cx.annotations[p.index];
                Painted {
                    range: p.range,
                    lane: p.lane,
                    color: paint::label_color(cx.labels, a),
                    selected: cx.selection.contains(&a.id),
                    hovered: resp.hovered_annotation.as_ref() == Some(&a.id),
                    linked: self.link_ends.is_linked(&a.id),
                    gap: p.gap,
                    has_links: p.last && !cx.links.is_empty() && cx.link_index.has(cx.links, &a.id),
                }
            })
            .collect();
        let first_match = cx.find_matches.partition_point(|m| m.end <= vis.start);
        let finds: Vec<(Range<usize>, bool)> = cx.find_matches[first_match..]
            .iter()
            .enumerate()
            .take_while(|(_, m)| m.start < vis.end)
            .map(|(k, m)| (m.clone(), cx.current_match == Some(first_match + k)))
            .collect();

        let dark = ui.visuals().dark_mode;
        let style = Style {
            dark,
            font_size: cx.font_size,
            selection: ui.visuals().selection.bg_fill,
            find: if dark {
                Color32::from_rgba_unmultiplied(230, 190, 40, 90)
            } else {
                Color32::from_rgba_unmultiplied(255, 215, 0, 140)
            },
            find_current: Color32::from_rgb(240, 120, 0),
        };
        let Some(layout) = self.layouts.get(cx.doc) else {
            return;
        };
        let mut block_spans = Vec::new();
        for (i, origin, galley) in &self.visible {
            let chars = &layout.blocks[*i].chars;
            block_spans.clear();
            block_spans.extend(
                painted
                    .iter()
                    .filter(|p| p.range.start < chars.end && p.range.end > chars.start)
                    .map(|p| Painted {
                        range: p.range.clone(),
                        ..*p
                    }),
            );
            let block_finds: Vec<(Range<usize>, bool)> = finds
                .iter()
                .filter(|(m, _)| m.start < chars.end && m.end > chars.start)
                .cloned()
                .collect();
            let range = match &self.range_drag {
                Some((_, _, r)) => r.clone(),
                None => self.range(),
            };
            let sel = range
                .as_ref()
                .filter(|s| s.start < chars.end && s.end > chars.start);
            paint::paint_block(
                painter,
                galley,
                *origin,
                chars,
                &block_spans,
                &block_finds,
                sel,
                &style,
                text_color,
            );
            if let Some((_, head)) = self.sel
                && (chars.contains(&head) || (head == chars.end && head == cx.text.char_len()))
            {
                let r = layout::caret_pos(galley, layout.bidi(*i).as_deref(), head - chars.start)
                    .translate(origin.to_vec2());
                let x = r.left().round();
                painter.line_segment(
                    [egui::pos2(x, r.top()), egui::pos2(x, r.bottom())],
                    egui::Stroke::new(1.5, text_color),
                );
            }
        }
    }
}

/// The article holds the keyboard whenever no other widget does, and keeps Tab and
/// the arrows for itself while it has it (egui would otherwise move focus with them).
fn keep_keyboard(ui: &egui::Ui, response: &egui::Response) {
    let id = response.id;
    if response.clicked() || response.drag_started() || ui.memory(|m| m.focused().is_none()) {
        response.request_focus();
    }
    ui.memory_mut(|m| {
        m.set_focus_lock_filter(
            id,
            egui::EventFilter {
                tab: true,
                horizontal_arrows: true,
                vertical_arrows: true,
                escape: false,
            },
        )
    });
}

impl std::fmt::Debug for ArticleView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArticleView")
            .field("doc", &self.doc)
            .field("selection", &self.sel)
            .finish_non_exhaustive()
    }
}
