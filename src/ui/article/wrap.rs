//! Wrapping a block at a new width without shaping it again.
//!
//! egui lays a paragraph out in two steps: shaping (harfrust, glyph atlas; about 85 % of
//! the time, and independent of the wrap width) and line breaking plus tessellation of
//! the rows. A resize only changes the second step, so each block is shaped once into
//! an unwrapped "template" galley (one row, wrap width infinite) and wrapped here
//! at whatever width the window has. The code follows epaint 0.37's `line_break`,
//! `galley_from_rows` and `Galley::round_output_to_gui` step by step, so the result
//! equals what `layout_job` gives at that width (the tests compare them field by
//! field, so an egui upgrade that changes its layout fails that test rather than the
//! text). Anything outside the plain single-section case the view uses returns
//! `None`, and the caller asks egui instead.

use eframe::egui;
use egui::Mesh;
use egui::emath::{GuiRounding as _, NumExt as _};
use egui::epaint::text::{Glyph, PlacedRow, Row, RowVisuals};
use egui::{Align, Color32, Galley, Rect, Stroke, Vec2, pos2, vec2};
use std::sync::Arc;

/// A shaped block, ready to be wrapped at any width.
pub struct Template {
    /// The unwrapped galley (one row), shared with egui's cache, not copied.
    galley: Arc<Galley>,
    /// Text colour of the single section.
    color: Color32,
}

/// An empty row to clone for the rows [`wrap`] makes (`Row` has a crate-private field,
/// so it cannot be built), taken from any small galley.
pub fn proto_row(galley: &Galley) -> Option<Row> {
    let mut row = Row::clone(&galley.rows.first()?.row);
    row.glyphs = Vec::new();
    row.visuals = RowVisuals::default();
    row.size = Vec2::ZERO;
    Some(row)
}

impl Template {
    /// Checks that `galley` is the plain case [`wrap`] reproduces: one section without
    /// decorations, left-aligned, one row, all glyphs of one line height, no leading
    /// space. Returns `None` otherwise.
    pub fn new(galley: &Arc<Galley>) -> Option<Self> {
        let job = &galley.job;
        let [section] = job.sections.as_slice() else {
            return None;
        };
        let f = &section.format;
        let [placed] = galley.rows.as_slice() else {
            return None;
        };
        let plain = section.leading_space == 0.0
            && !f.italics
            && f.background == Color32::TRANSPARENT
            && f.underline == Stroke::NONE
            && f.strikethrough == Stroke::NONE
            && job.halign == Align::LEFT
            && !job.justify
            && !job.wrap.break_anywhere
            && job.wrap.max_rows == usize::MAX
            && job.wrap.max_width == f32::INFINITY
            && job.first_row_min_height == 0.0
            && !galley.elided
            && placed.pos == pos2(0.0, 0.0)
            && !placed.ends_with_newline;
        let first = placed.row.glyphs.first()?;
        if !plain
            || first.pos.x != 0.0
            || placed
                .row
                .glyphs
                .iter()
                .any(|g| g.line_height != first.line_height)
        {
            return None;
        }
        Some(Self {
            galley: galley.clone(),
            color: f.color,
        })
    }
}

impl Template {
    /// The template as one row wrapped at `width` (for a block that fits, or nearly).
    pub fn one_row(&self, width: f32) -> Galley {
        let src = &self.galley;
        let mut g = Galley::clone(src);
        let mut job = (*src.job).clone();
        job.wrap.max_width = width.round();
        g.job = Arc::new(job);
        g
    }
}

fn round_to_pixel(x: f32, ppp: f32) -> f32 {
    (x * ppp).round() / ppp
}

/// Where egui 0.37 may break a row: the last candidate of each kind seen so far
/// (a copy of its private `RowBreakCandidates`, without `break_anywhere`).
#[derive(Default)]
struct Candidates {
    space: Option<usize>,
    cjk: Option<usize>,
    pre_cjk: Option<usize>,
    dash: Option<usize>,
    punctuation: Option<usize>,
    any: Option<usize>,
}

impl Candidates {
    fn add(&mut self, index: usize, glyphs: &[Glyph]) {
        let chr = glyphs[0].chr;
        if chr.is_whitespace() && chr != '\u{A0}' {
            self.space = Some(index);
        } else if is_cjk(chr) && glyphs.get(1).is_none_or(|g| is_cjk_break_allowed(g.chr)) {
            self.cjk = Some(index);
        } else if chr == '-' {
            self.dash = Some(index);
        } else if chr.is_ascii_punctuation() {
            self.punctuation = Some(index);
        } else if glyphs.get(1).is_some_and(|g| is_cjk(g.chr)) {
            self.pre_cjk = Some(index);
        }
        self.any = Some(index);
    }

    fn get(&self) -> Option<usize> {
        [self.space, self.cjk, self.pre_cjk]
            .into_iter()
            .max()
            .flatten()
            .or(self.dash)
            .or(self.punctuation)
            .or(self.any)
    }

    fn forget_before(&mut self, index: usize) {
        for c in [
            &mut self.space,
            &mut self.cjk,
            &mut self.pre_cjk,
            &mut self.dash,
            &mut self.punctuation,
            &mut self.any,
        ] {
            if c.is_some_and(|s| s < index) {
                *c = None;
            }
        }
    }
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || ('\u{3400}'..='\u{4DBF}').contains(&c)
        || ('\u{2B740}'..='\u{2B81F}').contains(&c)
        || ('\u{3040}'..='\u{30FF}').contains(&c)
}

fn is_cjk_break_allowed(c: char) -> bool {
    !")]｝〕〉》」』】〙〗〟'\"｠»ヽヾーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻‐゠–〜?!‼⁇⁈⁉・、:;,。.！％），．：；？］”’…".contains(c)
}

/// The template wrapped at `max_width` points, equal to egui's own layout of the same
/// job at that width; `None` when the one case that cannot be told from the template
/// comes up (the whole block within 1/32 pt of fitting on one row), or in cases
/// `wrap` does not cover.
pub fn wrap(t: &Template, proto: &Row, max_width: f32) -> Option<Galley> {
    if !max_width.is_finite() {
        return None;
    }
    // egui's galley cache rounds the width, and `effective_wrap_width` adds half a point.
    let width = max_width.round();
    let src = &t.galley;
    let round_gui = src.job.round_output_to_gui;
    let wrap_width = if round_gui { width + 0.5 } else { width };
    let ppp = src.pixels_per_point;
    let glyphs = &src.rows[0].row.glyphs;
    // Rows of (glyph range, x shift, row x): epaint's `line_break`.
    let mut spans: Vec<(usize, usize, f32, f32)> = Vec::new();
    // The template row's width is the paragraph width rounded to 1/32 pt (when rounding
    // is on); fitting is decided on the unrounded width.
    let para_w = src.rows[0].row.size.x;
    let slack = if round_gui { 1.0 / 32.0 } else { 0.0 };
    if para_w + slack < wrap_width {
        // One row, as egui's early-out makes it: the template's row itself, shared.
        let mut g = Galley::clone(src);
        let mut job = (*src.job).clone();
        job.wrap.max_width = width;
        g.job = Arc::new(job);
        if round_gui {
            g.rect.max.x = g.rect.max.x.at_most(g.rect.min.x + width).floor_ui();
        }
        return Some(g);
    }
    if para_w - slack <= wrap_width {
        return None;
    }
    let mut cands = Candidates::default();
    let (mut row_start_x, mut row_start) = (0.0, 0);
    for i in 0..glyphs.len() {
        if wrap_width < glyphs[i].max_x() - row_start_x
            && let Some(last) = cands.get()
        {
            spans.push((row_start, last + 1, row_start_x, 0.0));
            row_start = last + 1;
            row_start_x = glyphs[row_start].pos.x;
            cands.forget_before(row_start);
        }
        cands.add(i, &glyphs[i..]);
    }
    if row_start < glyphs.len() {
        let min_x = glyphs[row_start].pos.x - row_start_x;
        spans.push((row_start, glyphs.len(), row_start_x + min_x, min_x));
    }

    // epaint's `galley_from_rows`: all glyphs share one line height, so every row has
    // the same height and each glyph keeps the y the template gave it.
    let row_h = round_to_pixel(glyphs[0].line_height, ppp);
    let mut rows = Vec::with_capacity(spans.len());
    let (mut rect, mut mesh_bounds) = (Rect::ZERO, Rect::NOTHING);
    let (mut num_vertices, mut num_indices) = (0, 0);
    let mut y = 0.0;
    for (a, b, shift, row_x) in spans {
        let mut row = proto.clone();
        row.glyphs = glyphs[a..b]
            .iter()
            .map(|g| {
                let mut g = *g;
                g.pos.x -= shift;
                g
            })
            .collect();
        let max_x = row.glyphs.last().map_or(0.0, |g| g.max_x());
        row.size = vec2(max_x, row_h);
        row.visuals = tessellate(&mut row, ppp, t.color);
        let pos = pos2(row_x, y);
        rect |= Rect::from_min_size(pos, row.size);
        mesh_bounds |= row.visuals.mesh_bounds.translate(pos.to_vec2());
        num_vertices += row.visuals.mesh.vertices.len();
        num_indices += row.visuals.mesh.indices.len();
        if round_gui {
            row.size = row.size.round_ui();
        }
        rows.push(PlacedRow {
            pos,
            row: Arc::new(row),
            ends_with_newline: false,
        });
        y = round_to_pixel(y + row_h, ppp);
    }
    if round_gui {
        let exceeded = rect.width() > width + 1.0;
        rect = rect.round_ui();
        if !exceeded {
            rect.max.x = rect.max.x.at_most(rect.min.x + width).floor_ui();
        }
    }
    let mut g = Galley::clone(src);
    let mut job = (*src.job).clone();
    job.wrap.max_width = width;
    g.job = Arc::new(job);
    g.rows = rows;
    g.rect = rect;
    g.mesh_bounds = mesh_bounds;
    g.num_vertices = num_vertices;
    g.num_indices = num_indices;
    Some(g)
}

/// epaint's `tessellate_row` for a plain row: one textured quad per visible glyph.
pub(super) fn tessellate(row: &mut Row, ppp: f32, color: Color32) -> RowVisuals {
    if row.glyphs.is_empty() {
        return RowVisuals::default();
    }
    let mut mesh = Mesh::default();
    mesh.reserve_triangles(row.glyphs.len() * 2);
    mesh.reserve_vertices(row.glyphs.len() * 4);
    for g in &mut row.glyphs {
        g.first_vertex = mesh.vertices.len() as u32;
        let uv = g.uv_rect;
        if uv.is_nothing() {
            continue;
        }
        let mut lt = g.pos + uv.offset;
        lt.x = round_to_pixel(lt.x, ppp);
        lt.y = round_to_pixel(lt.y, ppp);
        let r = Rect::from_min_max(lt, lt + uv.size);
        let tex = Rect::from_min_max(
            pos2(f32::from(uv.min[0]), f32::from(uv.min[1])),
            pos2(f32::from(uv.max[0]), f32::from(uv.max[1])),
        );
        mesh.add_rect_with_uv(r, tex, color);
    }
    let end = mesh.vertices.len();
    let mesh_bounds = mesh.calc_bounds();
    RowVisuals {
        mesh,
        mesh_bounds,
        glyph_index_start: 0,
        glyph_vertex_range: 0..end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::article::cache::block_job;

    const TEXTS: &[&str] = &[
        "“Get out,” the crowd said. Iraq’s troops—5,200 of them—stayed in Baghdad until \
         the 2.5 million protesters marched on; al-Sadr demanded withdrawal of US forces.",
        "A very-long-hyphenated-compound-word-that-keeps-going and https://example.com/\
         some/path/that/is/long?query=1&b=2 then more text after it, with a\u{a0}no-break space.",
        "Supercalifragilisticexpialidocious_without_any_break_at_all_for_a_long_long_while",
        "漢字かな交じり文、句読点。「引用」もある長い行を折り返す。日本語の文章はスペースなしで続く。",
        "قال المتظاهرون في بغداد إن القوات يجب أن تنسحب، وأكد البيان على السيادة.",
        "Tabs\tand\u{2009}thin\u{202f}spaces, e\u{301}combining, emoji 🎉 and naïve café.",
        "x",
        "  leading spaces and trailing   ",
    ];

    /// The wrapped template equals egui's own layout of the same job, field by field,
    /// at many widths, font sizes and pixel densities.
    #[test]
    fn wrap_equals_egui_layout() {
        for ppp in [1.0, 1.25, 2.0] {
            let ctx = egui::Context::default();
            crate::ui::fonts::install(&ctx);
            let mut input = egui::RawInput::default();
            if let Some(v) = input.viewports.get_mut(&egui::ViewportId::ROOT) {
                v.native_pixels_per_point = Some(ppp);
            }
            let (mut same, mut fallback) = (0, 0);
            for _ in 0..2 {
                let mut out = ctx.run_ui(input.clone(), |ui| {
                    let painter = ui.painter();
                    assert_eq!(painter.pixels_per_point(), ppp);
                    for text in TEXTS {
                        for fs in [11.0, 16.0, 23.5] {
                            let lh = (fs * 1.65_f32).round();
                            let c = Color32::from_gray(30);
                            let shaped =
                                painter.layout_job(block_job(text, fs, lh, c, f32::INFINITY));
                            let t = Template::new(&shaped).expect("a plain block");
                            let proto = proto_row(&shaped).expect("a row");
                            for w in (1..120).map(|k| k as f32 * 6.7) {
                                let want = painter.layout_job(block_job(text, fs, lh, c, w));
                                match wrap(&t, &proto, w) {
                                    Some(got) => {
                                        assert_eq!(&got, &*want, "{text:?} at {w} pt, {fs} pt");
                                        same += 1;
                                    }
                                    None => fallback += 1,
                                }
                            }
                        }
                    }
                });
                out.textures_delta.clear();
            }
            assert!(fallback * 50 < same, "{fallback} fallbacks, {same} equal");
        }
    }
}
