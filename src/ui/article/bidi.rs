//! Right-to-left lines in the article view: each wrapped row of a paragraph that needs
//! it is reordered for display ([`crate::bidi`]), its glyphs moved to their visual
//! places, and a right-to-left paragraph's rows are right-aligned. Line breaking stays
//! egui's (logical); the glyphs stay in logical order in each row, one per char, so
//! every char range still maps to its glyphs, and only their x changes.
//!
//! Hit testing and the caret follow the levels: the boundary before a right-to-left
//! char is at its glyph's right edge.

use super::layout::row_ranges;
use super::wrap::tessellate;
use crate::bidi::{Paragraph, is_rtl, visual_order};
use eframe::egui;
use egui::epaint::text::{PlacedRow, Row};
use egui::{Color32, Galley, Rect, Vec2, pos2};
use std::sync::Arc;

/// `src` (a block laid out left to right, wrapped at its job's width) with each row in
/// display order for `para`, and right-aligned when the paragraph is right to left.
pub fn reorder(src: &Galley, para: &Paragraph, color: Color32) -> Galley {
    let width = src.job.wrap.max_width;
    let ppp = src.pixels_per_point;
    let ranges: Vec<_> = row_ranges(src).map(|(_, r)| r).collect();
    let mut rows = Vec::with_capacity(src.rows.len());
    let (mut rect, mut mesh_bounds) = (Rect::NOTHING, Rect::NOTHING);
    let (mut num_vertices, mut num_indices) = (0, 0);
    for (placed, rr) in src.rows.iter().zip(ranges) {
        let levels = para.line_levels(rr);
        let mut row: Row = Row::clone(&placed.row);
        if levels.iter().any(|&l| is_rtl(l)) && levels.len() == row.glyphs.len() {
            place_visually(&mut row, &levels);
            row.visuals = tessellate(&mut row, ppp, color);
        }
        let mut pos = placed.pos;
        if para.rtl && width.is_finite() {
            pos.x = (width - row.size.x).max(0.0).round();
        }
        rect |= Rect::from_min_size(pos, row.size);
        mesh_bounds |= row.visuals.mesh_bounds.translate(pos.to_vec2());
        num_vertices += row.visuals.mesh.vertices.len();
        num_indices += row.visuals.mesh.indices.len();
        rows.push(PlacedRow {
            pos,
            row: Arc::new(row),
            ends_with_newline: placed.ends_with_newline,
        });
    }
    let mut g = src.clone();
    if rows.is_empty() {
        return g;
    }
    g.rows = rows;
    // Keep the galley's top and height: only x moved.
    g.rect = Rect::from_x_y_ranges(rect.x_range(), src.rect.y_range());
    g.mesh_bounds = mesh_bounds;
    g.num_vertices = num_vertices;
    g.num_indices = num_indices;
    g
}

/// Moves a row's glyphs (in logical order) to their display places: glyphs with an
/// advance side by side in visual order, and marks (no advance: harakat, combining
/// accents) kept where they were on the char they belong to.
fn place_visually(row: &mut Row, levels: &[u8]) {
    let n = row.glyphs.len();
    let orig: Vec<f32> = row.glyphs.iter().map(|g| g.pos.x).collect();
    let start = orig.iter().copied().fold(f32::INFINITY, f32::min);
    let mut x = if start.is_finite() { start } else { 0.0 };
    let mut placed = vec![f32::NAN; n];
    for i in visual_order(levels) {
        let g = &row.glyphs[i];
        if g.advance_width > 0.0 {
            placed[i] = x;
            x += g.advance_width;
        }
    }
    // A mark keeps its offset from the char before it that has an advance.
    let mut base: Option<usize> = None;
    for i in 0..n {
        if placed[i].is_nan() {
            placed[i] = match base {
                Some(b) => placed[b] + (orig[i] - orig[b]),
                None => orig[i],
            };
        } else {
            base = Some(i);
        }
    }
    for (g, x) in row.glyphs.iter_mut().zip(placed) {
        g.pos.x = x;
    }
    row.size.x = row.glyphs.iter().map(|g| g.max_x()).fold(x, f32::max);
}

/// The row of `galley` at `y` (clamped to the first and last), with its chars.
fn row_at(galley: &Galley, y: f32) -> Option<(usize, std::ops::Range<usize>)> {
    let mut last = None;
    for (k, rr) in row_ranges(galley) {
        let row = &galley.rows[k];
        if y < row.pos.y + row.size.y || last.is_none() && y < row.pos.y {
            return Some((k, rr));
        }
        last = Some((k, rr));
    }
    last
}

/// The char boundary nearest to `p` (galley coordinates) in a reordered galley: the
/// glyph under the pointer (or nearest it on its row), and its near side, which for a
/// right-to-left char is its end when the pointer is left of its middle.
pub fn boundary_at(galley: &Galley, para: &Paragraph, p: Vec2) -> usize {
    let Some((k, rr)) = row_at(galley, p.y) else {
        return 0;
    };
    let row = &galley.rows[k];
    if row.glyphs.is_empty() {
        return rr.start;
    }
    let levels = para.line_levels(rr.clone());
    let x = p.x - row.pos.x;
    let mut best = (f32::INFINITY, 0);
    for (i, g) in row.glyphs.iter().enumerate() {
        if g.advance_width <= 0.0 {
            continue;
        }
        let d = if x < g.pos.x {
            g.pos.x - x
        } else if x >= g.max_x() {
            x - g.max_x()
        } else {
            0.0
        };
        if d < best.0 {
            best = (d, i);
        }
    }
    let i = best.1;
    let g = &row.glyphs[i];
    let left_half = x < g.pos.x + g.advance_width / 2.0;
    let rtl = levels.get(i).is_some_and(|&l| is_rtl(l));
    // The left side of an LTR glyph is the boundary before it; of an RTL one, after it.
    let after = left_half == rtl;
    rr.start + i + usize::from(after)
}

/// Where the caret stands at boundary `c` (a zero-width rectangle, galley coordinates,
/// the row's height): before a left-to-right char at its left edge, before a
/// right-to-left one at its right edge; at the end of a row, after its last char. With
/// `prefer_next_row`, a boundary where a line wraps is at the start of the next row.
pub fn caret_pos(galley: &Galley, para: &Paragraph, c: usize, prefer_next_row: bool) -> Rect {
    let ranges: Vec<_> = row_ranges(galley).collect();
    let Some(&(k, ref rr)) = ranges
        .iter()
        .find(|(k, rr)| {
            let last = *k + 1 == ranges.len();
            c < rr.end || (c == rr.end && (last || !prefer_next_row))
        })
        .or(ranges.last())
    else {
        return Rect::from_min_size(pos2(0.0, 0.0), Vec2::new(0.0, galley.rect.height()));
    };
    let row = &galley.rows[k];
    let levels = para.line_levels(rr.clone());
    let local = c.saturating_sub(rr.start);
    let x = if local < row.glyphs.len() {
        let g = &row.glyphs[local];
        if levels.get(local).is_some_and(|&l| is_rtl(l)) {
            g.max_x()
        } else {
            g.pos.x
        }
    } else if let Some(g) = row.glyphs.last() {
        let i = row.glyphs.len() - 1;
        if levels.get(i).is_some_and(|&l| is_rtl(l)) {
            g.pos.x
        } else {
            g.max_x()
        }
    } else {
        0.0
    };
    let x = row.pos.x + x;
    Rect::from_min_max(pos2(x, row.pos.y), pos2(x, row.pos.y + row.size.y))
}
