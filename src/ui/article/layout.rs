//! Per-document layout state: the blocks, their heights (measured where laid out,
//! estimated elsewhere) and the galleys of one block, plus geometry on a laid-out
//! galley (char ranges to rectangles, positions to chars).

use super::blocks::{Block, Heights, split_blocks};
use super::cache::{BlockCache, block_job};
use crate::bidi::Paragraph;
use crate::text::DocText;
use eframe::egui;
use egui::text::CCursor;
use egui::{Color32, Galley, Pos2, Rect, Vec2, pos2};
use std::ops::Range;
use std::sync::Arc;

/// Line height as a multiple of the font size: room under each line for stacked
/// underlines, and easier reading.
pub const LINE_FACTOR: f32 = 1.65;
/// Gap between paragraphs, as a multiple of the font size.
pub const PARA_GAP: f32 = 0.7;

/// What the heights of a layout depend on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    /// Wrap width in points.
    pub width: f32,
    /// Font size in points.
    pub font_size: f32,
    /// Physical pixels per point.
    pub ppp: f32,
}

/// Layout bookkeeping for one document.
pub struct DocLayout {
    /// Address and length of the text it was built from.
    text_key: (usize, usize),
    /// The blocks, in text order.
    pub blocks: Vec<Block>,
    /// Heights of the blocks including the gap above them.
    pub heights: Heights,
    /// Which heights were measured (the others are estimates).
    measured: Vec<bool>,
    /// Char count of each block, and 1 where a paragraph gap goes above it: the
    /// inputs of the height estimates, packed for [`Self::set_params`].
    lens: Vec<f32>,
    gaps: Vec<f32>,
    /// Parameters the heights are for.
    params: Option<Params>,
    /// Average glyph width as a multiple of the font size, learned from laid-out
    /// blocks, for estimating the others.
    char_w: f32,
    /// Sums behind `char_w`: glyph width and char count of measured blocks.
    width_sum: f64,
    chars_sum: f64,
    /// Laid-out blocks kept between frames.
    cache: BlockCache,
}

fn text_key(text: &DocText) -> (usize, usize) {
    (text.as_str().as_ptr() as usize, text.as_str().len())
}

impl DocLayout {
    /// Cuts a text into blocks; heights come with the first [`Self::set_params`].
    pub fn new(text: &DocText) -> Self {
        let blocks = split_blocks(text.as_str());
        Self {
            text_key: text_key(text),
            measured: vec![false; blocks.len()],
            lens: blocks.iter().map(|b| b.chars.len() as f32).collect(),
            gaps: (blocks.iter().enumerate())
                .map(|(i, b)| f32::from(u8::from(i > 0 && b.para_start)))
                .collect(),
            blocks,
            heights: Heights::default(),
            params: None,
            char_w: 0.5,
            width_sum: 0.0,
            chars_sum: 0.0,
            cache: BlockCache::default(),
        }
    }

    /// True when this layout was built from `text` (the same allocation).
    pub fn is_for(&self, text: &DocText) -> bool {
        self.text_key == text_key(text)
    }

    /// Sets the wrap width and font size; when they change every height becomes an
    /// estimate again (O(blocks), no layout). This runs on every frame of a window
    /// resize, so the loop reads two packed arrays and avoids libm calls (`ceil` and
    /// `round` are calls without SSE4.1): ~17,000 blocks of a 10 MB article then cost
    /// ~80 µs.
    pub fn set_params(&mut self, p: Params) {
        if self.params == Some(p) {
            return;
        }
        self.params = Some(p);
        let per_row = (p.width / (self.char_w * p.font_size)).max(1.0);
        let lh = line_height(p.font_size);
        let gap = (PARA_GAP * p.font_size).round();
        let values = self.lens.iter().zip(&self.gaps).map(|(&n, &g)| {
            // ceil(chars / chars per row), at least one row.
            let q = n / per_row;
            let floor = q as u32 as f32;
            let rows = (floor + f32::from(u8::from(floor < q))).max(1.0);
            rows * lh + g * gap
        });
        self.heights.refill(values);
        self.measured.fill(false);
    }

    fn gap(&self, i: usize, p: &Params) -> f32 {
        self.gaps[i] * (PARA_GAP * p.font_size).round()
    }

    /// Starts a frame of this layout: see [`BlockCache::begin_frame`].
    pub fn begin_frame(&mut self, painter: &egui::Painter, color: Color32) {
        let fs = self.params.map_or(16.0, |p| p.font_size);
        self.cache.begin_frame(painter, fs, line_height(fs), color);
    }

    /// Drops the laid-out blocks kept for this document (it is no longer shown).
    pub fn forget_galleys(&mut self) {
        self.cache.clear();
    }

    /// Lays out block `i` (kept in the block cache, so a block on screen in consecutive
    /// frames is laid out once, and a resize only re-wraps it) and records its true
    /// height. Returns the galley and the change in the block's height.
    pub fn galley(
        &mut self,
        painter: &egui::Painter,
        text: &DocText,
        i: usize,
        color: Color32,
    ) -> (Arc<Galley>, f32) {
        let p = self.params.unwrap_or(Params {
            width: 600.0,
            font_size: 16.0,
            ppp: 1.0,
        });
        let block = &self.blocks[i];
        let s = text.as_str().get(block.bytes.clone()).unwrap_or_default();
        let lh = line_height(p.font_size);
        let chars = block.chars.len();
        let galley = self.cache.galley(painter, i, s, chars, p.width, |w| {
            block_job(s, p.font_size, lh, color, w)
        });
        let h = galley.rect.height() + self.gap(i, &p);
        let old = self.heights.get(i);
        if !self.measured[i] {
            self.measured[i] = true;
            self.learn(&galley, chars);
        }
        self.heights.set(i, h);
        (galley, h - old)
    }

    /// The bidi levels of block `i` (laid out this frame), when it has right-to-left
    /// text: the caret and hit testing need them.
    pub fn bidi(&self, i: usize) -> Option<Arc<crate::bidi::Paragraph>> {
        self.cache.bidi(i)
    }

    /// Shapes part of the screen a jump is about to show. A jump takes two frames: the
    /// one that lays out the target block to find where it is, and the one that shows
    /// the place. Left alone, the second frame shapes every other block on the new
    /// screen. Here the first frame takes blocks nearest the target until it has shaped
    /// about half of that screen's new text, so that neither frame does all of it.
    ///
    /// `y` is the target's y inside block `b` (laid out already this frame); `h` is the
    /// viewport height; the screen is centred on the target, as the jump will centre it
    /// (but not past either end of the article).
    pub fn prepare_jump(
        &mut self,
        painter: &egui::Painter,
        text: &DocText,
        b: usize,
        y: f32,
        h: f32,
        color: Color32,
    ) {
        let centre = self.top(b) + self.gap_of(b) + y;
        self.share_screen(painter, text, centre - h / 2.0, h, Some(b), color);
    }

    /// Shapes about half of the screen at `top` (content y) that a scroll key is about
    /// to show on the next frame, for the same reason as [`Self::prepare_jump`]: a
    /// page down shows a screen of text never laid out.
    pub fn prepare_scroll(
        &mut self,
        painter: &egui::Painter,
        text: &DocText,
        top: f32,
        h: f32,
        color: Color32,
    ) {
        self.share_screen(painter, text, top, h, None, color);
    }

    /// Lays out blocks of the screen `top..top + h` (kept inside the article, as the
    /// scroll area keeps it), nearest `pivot` (default: the screen's middle) first, while
    /// a block brings the chars shaped this frame nearer to half of all the text this
    /// frame and the next must shape than they are.
    fn share_screen(
        &mut self,
        painter: &egui::Painter,
        text: &DocText,
        top: f32,
        h: f32,
        pivot: Option<usize>,
        color: Color32,
    ) {
        if self.blocks.is_empty() {
            return;
        }
        let h = h.max(0.0);
        let top = top.min(self.heights.total() - h).max(0.0);
        let first = self.heights.find(top);
        let last = self.heights.find(top + h);
        let pivot = pivot
            .unwrap_or_else(|| self.heights.find(top + h / 2.0))
            .clamp(first, last);
        let new_chars = |l: &Self, i: usize| usize::from(!l.cache.has(i)) * l.blocks[i].chars.len();
        let mut done = self.cache.shaped();
        let total = done + (first..=last).map(|i| new_chars(self, i)).sum::<usize>();
        // The pivot, then alternately the next block below and above it.
        let (mut lo, mut hi) = (pivot, pivot);
        let mut next = Some(pivot);
        while let Some(i) = next {
            let n = new_chars(self, i);
            if 2 * done + n > total {
                break;
            }
            if n > 0 {
                self.galley(painter, text, i, color);
                done += n;
            }
            let above = i >= pivot || hi >= last;
            next = if above && lo > first {
                lo -= 1;
                Some(lo)
            } else if hi < last {
                hi += 1;
                Some(hi)
            } else {
                None
            };
        }
    }

    /// Chars shaped for this layout since its frame began.
    #[cfg(test)]
    pub fn shaped(&self) -> usize {
        self.cache.shaped()
    }

    fn learn(&mut self, galley: &Galley, chars: usize) {
        let w: f32 = galley
            .rows
            .iter()
            .flat_map(|r| r.glyphs.iter())
            .map(|g| g.advance_width)
            .sum();
        if let Some(p) = self.params
            && chars > 20
        {
            self.width_sum += f64::from(w / p.font_size);
            self.chars_sum += chars as f64;
            self.char_w = ((self.width_sum / self.chars_sum) as f32).clamp(0.2, 1.5);
        }
    }

    /// Top of block `i` (content coordinates, before the view's top padding),
    /// including its gap.
    pub fn top(&self, i: usize) -> f32 {
        self.heights.prefix(i)
    }

    /// Gap above block `i` under the current parameters.
    pub fn gap_of(&self, i: usize) -> f32 {
        self.params.map_or(0.0, |p| self.gap(i, &p))
    }
}

/// Row height for a font size.
pub fn line_height(font_size: f32) -> f32 {
    (font_size * LINE_FACTOR).round()
}

/// Local char ranges of a galley's rows: egui keeps one glyph per char, and our blocks
/// have no newlines, so row `k` covers the chars after the glyphs of rows `0..k`.
pub fn row_ranges(galley: &Galley) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
    let mut start = 0;
    galley.rows.iter().enumerate().map(move |(k, row)| {
        let n = row.glyphs.len() + usize::from(row.ends_with_newline);
        let r = start..start + row.glyphs.len();
        start += n;
        (k, r)
    })
}

/// Rectangles (galley coordinates) covering local chars `r`, tight to the font's ascent
/// and descent: one per row, or, where a row's right-to-left text puts the chars apart
/// on screen, one per piece they make there, in visual order.
pub fn range_rects(galley: &Galley, r: Range<usize>, out: &mut Vec<Rect>) {
    out.clear();
    if r.is_empty() {
        return;
    }
    for (k, rr) in row_ranges(galley) {
        if rr.start >= r.end {
            break;
        }
        if rr.end <= r.start {
            continue;
        }
        let row = &galley.rows[k];
        let a = r.start.max(rr.start) - rr.start;
        let b = r.end.min(rr.end) - rr.start;
        if a >= b {
            continue;
        }
        let g = &row.glyphs[a];
        let top = row.pos.y + g.pos.y - g.font_ascent;
        let bottom = top + g.font_height;
        for (lo, hi) in pieces(&row.glyphs, a, b) {
            out.push(Rect::from_min_max(
                pos2(row.pos.x + lo, top),
                pos2(row.pos.x + hi, bottom),
            ));
        }
    }
}

/// The x extents of a row's glyphs `a..b` as the pieces they make on screen (glyphs
/// without an advance, marks and joiners, sit on another char and are left out). A row
/// in logical order (left-to-right text) gives one piece. A row reordered for display
/// has its glyphs placed side by side exactly (see `bidi::reorder`), so the range's
/// glyphs that touch make one piece: sorted by x only when they are not in order.
fn pieces(row: &[egui::epaint::text::Glyph], a: usize, b: usize) -> Vec<(f32, f32)> {
    let glyphs = &row[a..b];
    let wide = || glyphs.iter().filter(|g| g.advance_width > 0.0);
    let span = |it: &mut dyn Iterator<Item = &egui::epaint::text::Glyph>| {
        it.fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), g| {
            (lo.min(g.pos.x), hi.max(g.max_x()))
        })
    };
    let in_order = row.windows(2).all(|w| w[1].pos.x >= w[0].pos.x - 0.01);
    if in_order {
        return vec![if wide().next().is_some() {
            span(&mut wide())
        } else {
            span(&mut glyphs.iter())
        }];
    }
    let mut xs: Vec<(f32, f32)> = wide().map(|g| (g.pos.x, g.max_x())).collect();
    if !xs.windows(2).all(|w| (w[1].0 - w[0].1).abs() <= 0.01) {
        xs.sort_by(|p, q| p.0.total_cmp(&q.0));
    }
    let mut out: Vec<(f32, f32)> = Vec::with_capacity(2);
    for (lo, hi) in xs {
        match out.last_mut() {
            Some(last) if (lo - last.1).abs() <= 0.01 => last.1 = hi,
            _ => out.push((lo, hi)),
        }
    }
    if out.is_empty() {
        out.push(span(&mut glyphs.iter()));
    }
    out
}

/// Baseline y of row `k` (galley coordinates).
pub fn baseline(galley: &Galley, k: usize) -> f32 {
    let row = &galley.rows[k];
    row.pos.y + row.glyphs.first().map_or(row.size.y * 0.75, |g| g.pos.y)
}

/// The local char whose glyph contains `p` (galley coordinates), if any.
pub fn char_at(galley: &Galley, p: Vec2) -> Option<usize> {
    for (k, rr) in row_ranges(galley) {
        let row = &galley.rows[k];
        if p.y < row.pos.y || p.y >= row.pos.y + row.size.y {
            continue;
        }
        let x = p.x - row.pos.x;
        return row
            .glyphs
            .iter()
            .position(|g| g.pos.x <= x && x < g.max_x())
            .map(|i| rr.start + i);
    }
    None
}

/// The char boundary nearest to `p` (galley coordinates), as egui's text selection
/// finds it; in a block with right-to-left text, by the levels `bidi` gives.
pub fn boundary_at(galley: &Galley, bidi: Option<&Paragraph>, p: Vec2) -> usize {
    match bidi {
        Some(para) => super::bidi::boundary_at(galley, para, p),
        None => galley.cursor_from_pos(p).index.0,
    }
}

/// Screen rectangle of local char `c` of a galley painted at `origin`.
pub fn char_rect(galley: &Galley, origin: Pos2, c: usize) -> Option<Rect> {
    for (k, rr) in row_ranges(galley) {
        if rr.contains(&c) {
            let row = &galley.rows[k];
            let g = &row.glyphs[c - rr.start];
            let min = origin + row.pos.to_vec2() + Vec2::new(g.pos.x, 0.0);
            return Some(Rect::from_min_size(
                min,
                Vec2::new(g.advance_width, row.size.y),
            ));
        }
    }
    None
}

/// Row and x (galley coordinates) of the boundary before local char `c`.
pub fn cursor_pos(galley: &Galley, bidi: Option<&Paragraph>, c: usize) -> Rect {
    match bidi {
        Some(para) => super::bidi::caret_pos(galley, para, c, false),
        None => galley.pos_from_cursor(CCursor::new(c)),
    }
}

/// Like [`cursor_pos`], but a boundary where a line wraps is at the start of the next
/// row, where a caret placed there (by Home, or a click) is seen.
pub fn caret_pos(galley: &Galley, bidi: Option<&Paragraph>, c: usize) -> Rect {
    match bidi {
        Some(para) => super::bidi::caret_pos(galley, para, c, true),
        None => galley.pos_from_cursor(CCursor {
            index: egui::text::CharIndex(c),
            prefer_next_row: true,
        }),
    }
}
