//! Laid-out blocks kept between frames, so that neither a resize nor a jump back to a
//! recently seen place shapes text again.
//!
//! egui's galley cache keeps a galley only while it is asked for every frame, and keys
//! it by wrap width, so it helps with neither. Here each recently seen block keeps its
//! shaped template (see [`super::wrap`]) and its galley at the last width. The cache
//! holds up to [`BUDGET_CHARS`] chars of blocks (about 330 bytes a char: two galleys of
//! glyphs and quads), dropping the least recently used, and is emptied when the font
//! size, pixel density or text colour changes, or when egui rebuilds its glyph atlas
//! (galleys point into it).

use super::shaping::{GlyphBook, template};
use super::wrap::{Template, proto_row, wrap};
use crate::bidi::Paragraph;
use eframe::egui;
use egui::epaint::text::Row;
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Painter};
use std::collections::HashMap;
use std::sync::Arc;

/// Chars of laid-out blocks kept: ten screens or so, about 10 MB.
pub const BUDGET_CHARS: usize = 30_000;

struct Entry {
    /// `None` for a block [`Template`] does not cover: egui lays it out at each width.
    template: Option<Template>,
    /// The galley at the last width asked for (in display order).
    wrapped: Option<(f32, Arc<Galley>)>,
    /// The block's bidi levels, when it has right-to-left text.
    bidi: Option<Arc<Paragraph>>,
    chars: usize,
    /// Frame of last use.
    used: u64,
}

/// The cache of one document's blocks, keyed by block index.
#[derive(Default)]
pub struct BlockCache {
    entries: HashMap<usize, Entry>,
    /// Chars held, over all entries.
    chars: usize,
    frame: u64,
    /// Font size, pixels per point and colour the entries were laid out with.
    style: Option<(f32, f32, Color32)>,
    /// A tiny galley from egui's cache: egui lays it out anew (a new `Arc`) exactly
    /// when it dropped its cache, which it does when the glyph atlas is rebuilt.
    probe: Option<Arc<Galley>>,
    /// An empty row for [`wrap`], from the probe.
    proto: Option<Row>,
    /// Chars shaped since the frame began (blocks not in the cache), for sharing a
    /// jump's work between its frames and for tests.
    shaped: usize,
    /// Single chars laid out, for blocks with right-to-left text.
    book: GlyphBook,
    /// Font size and line height of the style, for those blocks.
    sizes: (f32, f32),
}

/// The layout job of a block's text.
pub fn block_job(
    text: &str,
    font_size: f32,
    line_height: f32,
    color: Color32,
    width: f32,
) -> LayoutJob {
    let mut job = LayoutJob::single_section(
        text.to_owned(),
        TextFormat {
            font_id: FontId::proportional(font_size),
            color,
            line_height: Some(line_height),
            ..Default::default()
        },
    );
    job.wrap.max_width = width;
    job
}

impl BlockCache {
    /// Starts a frame: drops everything if the style changed or egui's atlas was rebuilt.
    pub fn begin_frame(
        &mut self,
        painter: &Painter,
        font_size: f32,
        line_height: f32,
        color: Color32,
    ) {
        self.frame += 1;
        self.shaped = 0;
        let style = (font_size, painter.pixels_per_point(), color);
        let probe = painter.layout_job(block_job(
            "Ag",
            font_size,
            line_height,
            color,
            f32::INFINITY,
        ));
        let same_atlas = self.probe.as_ref().is_some_and(|p| Arc::ptr_eq(p, &probe));
        if self.style != Some(style) || !same_atlas {
            self.clear();
            self.style = Some(style);
        }
        self.sizes = (font_size, line_height);
        if self.proto.is_none() {
            self.proto = proto_row(&probe);
        }
        self.probe = Some(probe);
    }

    /// Drops every entry (the document is no longer shown, or the style changed).
    pub fn clear(&mut self) {
        self.entries.clear();
        self.book.clear();
        self.chars = 0;
        self.probe = None;
        self.proto = None;
    }

    /// True when block `i` is kept (shaped), so laying it out costs at most a re-wrap.
    pub fn has(&self, i: usize) -> bool {
        self.entries.contains_key(&i)
    }

    /// Chars shaped since the frame began.
    pub fn shaped(&self) -> usize {
        self.shaped
    }

    /// Block `i` (`text`, of `chars` chars) wrapped at `width`, each row in display
    /// order: from the cache, re-wrapped from its template, or shaped now. `job` makes
    /// the block's layout job for a width.
    pub fn galley(
        &mut self,
        painter: &Painter,
        i: usize,
        text: &str,
        chars: usize,
        width: f32,
        job: impl Fn(f32) -> LayoutJob,
    ) -> Arc<Galley> {
        let frame = self.frame;
        if let Some(e) = self.entries.get_mut(&i) {
            e.used = frame;
            if let Some((w, g)) = &e.wrapped
                && *w == width
            {
                return g.clone();
            }
        } else {
            let bidi = Paragraph::new(text).map(Arc::new);
            // A block with right-to-left text is laid out char by char (see
            // `super::shaping`); the rest by egui.
            let own = match (&bidi, &self.probe, &self.proto, self.style) {
                (Some(para), Some(probe), Some(proto), Some((_, _, color))) => {
                    let (fs, lh) = self.sizes;
                    template(
                        painter,
                        &mut self.book,
                        probe,
                        proto,
                        text,
                        para,
                        fs,
                        lh,
                        color,
                    )
                }
                _ => None,
            };
            let shaped = own.unwrap_or_else(|| painter.layout_job(job(f32::INFINITY)));
            self.entries.insert(
                i,
                Entry {
                    template: Template::new(&shaped),
                    wrapped: None,
                    bidi,
                    chars,
                    used: frame,
                },
            );
            self.chars += chars;
            self.shaped += chars;
            self.evict();
        }
        let Some(e) = self.entries.get_mut(&i) else {
            return painter.layout_job(job(width));
        };
        let wrapped = match (&e.template, &self.proto) {
            (Some(t), Some(proto)) => wrap(t, proto, width),
            _ => None,
        };
        let galley = match (wrapped, &e.bidi, &e.template) {
            (Some(g), _, _) => Arc::new(g),
            // egui cannot lay these out (see `super::shaping`): the near fit that
            // `wrap` leaves to egui is one row.
            (None, Some(_), Some(t)) => Arc::new(t.one_row(width)),
            (None, _, _) => painter.layout_job(job(width)),
        };
        let galley = match (&e.bidi, self.style) {
            (Some(p), Some((_, _, color))) => Arc::new(super::bidi::reorder(&galley, p, color)),
            _ => galley,
        };
        e.wrapped = Some((width, galley.clone()));
        galley
    }

    /// The bidi levels of block `i`, when it is kept and has right-to-left text.
    pub fn bidi(&self, i: usize) -> Option<Arc<Paragraph>> {
        self.entries.get(&i)?.bidi.clone()
    }

    /// Drops least recently used entries, never one used this frame, down to the budget.
    fn evict(&mut self) {
        while self.chars > BUDGET_CHARS {
            let Some((&k, _)) = self
                .entries
                .iter()
                .filter(|(_, e)| e.used < self.frame)
                .min_by_key(|(_, e)| e.used)
            else {
                return;
            };
            if let Some(e) = self.entries.remove(&k) {
                self.chars -= e.chars;
            }
        }
    }
}
