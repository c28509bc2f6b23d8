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

#[cfg(test)]
mod tests {
    use super::super::layout::{DocLayout, Params, range_rects};
    use super::*;
    use crate::text::DocText;
    use proptest::prelude::*;

    /// Words of Arabic, Persian, Latin, digits of both kinds and punctuation, as news
    /// in Arabic mixes them.
    const WORDS: &[&str] = &[
        "من",
        "بغداد",
        "الحرية",
        "لا",
        "قدّرت",
        "پیش",
        "شرکت‌کنندگان",
        "Reuters",
        "AFP",
        "2.5",
        "٢٫٥",
        "5,200",
        "(يناير)",
        "«وصل»",
        "million",
        ":",
        "،",
        "-",
        "“Get",
        "out”",
    ];

    /// Lays out `text` as the view does (one block at `width`), and hands its galley and
    /// levels to `f`.
    fn laid_out(text: &str, width: f32, f: impl FnOnce(&Galley, Option<&Paragraph>)) {
        let ctx = egui::Context::default();
        crate::ui::fonts::install(&ctx);
        let t = DocText::new(text.to_owned());
        let mut f = Some(f);
        // Two passes: the first frame loads the fonts.
        for _ in 0..2 {
            let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
                let mut layout = DocLayout::new(&t);
                layout.set_params(Params {
                    width,
                    font_size: 16.0,
                    ppp: 1.0,
                });
                let painter = ui.painter();
                layout.begin_frame(painter, Color32::WHITE);
                let (g, _) = layout.galley(painter, &t, 0, Color32::WHITE);
                if let Some(f) = f.take() {
                    f(&g, layout.bidi(0).as_deref());
                }
            });
            out.textures_delta.clear();
        }
    }

    /// The centre of each char's glyph (galley coordinates), `None` for a glyph of no
    /// width (a mark, the alef inside lam-alef).
    fn centres(g: &Galley) -> Vec<Option<egui::Pos2>> {
        let mut out = Vec::new();
        for row in &g.rows {
            for gl in &row.glyphs {
                out.push((gl.advance_width > 0.0).then(|| {
                    pos2(
                        row.pos.x + gl.pos.x + gl.advance_width / 2.0,
                        row.pos.y + row.size.y / 2.0,
                    )
                }));
            }
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

        /// On random mixed-direction lines, the rectangles painted for a range cover
        /// the glyphs of exactly its chars: what is stored is what is highlighted.
        #[test]
        fn the_pieces_of_a_range_cover_exactly_its_chars(
            words in proptest::collection::vec(0..WORDS.len(), 3..40),
            width in 120.0f32..700.0,
            a in 0usize..400,
            b in 0usize..400,
        ) {
            let text: String = words.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
            let n = text.chars().count();
            let (a, b) = (a % (n + 1), b % (n + 1));
            let r = a.min(b)..a.max(b);
            laid_out(&text, width, |g, _| {
                let mut rects = Vec::new();
                range_rects(g, r.clone(), &mut rects);
                let cs = centres(g);
                for (i, c) in cs.iter().enumerate() {
                    let Some(c) = c else { continue };
                    let inside = rects.iter().any(|x| x.contains(*c));
                    assert_eq!(inside, r.contains(&i), "char {i} of {text:?}, range {r:?}");
                }
                // And no more pieces than needed: two pieces side by side on a row have
                // a char outside the range between them.
                for p in &rects {
                    for q in &rects {
                        if p.center().y != q.center().y || q.left() < p.right() {
                            continue;
                        }
                        let between = cs.iter().enumerate().any(|(i, c)| {
                            c.is_some_and(|c| {
                                !r.contains(&i)
                                    && (c.y - p.center().y).abs() < 1.0
                                    && c.x > p.right()
                                    && c.x < q.left()
                            })
                        });
                        assert!(between, "{p:?} and {q:?} could be one piece: {text:?}, {r:?}");
                    }
                }
            });
        }

        /// One glyph per char, and a click on a char's glyph gives a boundary next to it.
        #[test]
        fn every_char_has_one_glyph_and_a_click_lands_beside_it(
            words in proptest::collection::vec(0..WORDS.len(), 1..30),
            width in 120.0f32..700.0,
        ) {
            let text: String = words.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
            let n = text.chars().count();
            laid_out(&text, width, |g, bidi| {
                let glyphs: usize = g.rows.iter().map(|r| r.glyphs.len()).sum();
                assert_eq!(glyphs, n, "{text:?}");
                for (i, c) in centres(g).into_iter().enumerate() {
                    let Some(c) = c else { continue };
                    let at = super::super::layout::boundary_at(g, bidi, c.to_vec2());
                    assert!(at == i || at == i + 1, "char {i}: {at} in {text:?}");
                }
            });
        }
    }

    #[test]
    fn a_range_of_english_is_one_piece_per_row() {
        // egui's own layout puts glyphs on whole pixels, so neighbours can be a pixel
        // apart: that is no gap between pieces.
        let text = "Sayed Sadiq al-Hashemi, the director of the Iraqi Center for Studies, \
                    said more than 2.5 million took part in the demonstrations on Friday.";
        laid_out(text, 300.0, |g, bidi| {
            assert!(bidi.is_none());
            let n = text.chars().count();
            let mut rects = Vec::new();
            for (a, b) in [(0, 22), (3, 40), (10, n), (0, n)] {
                range_rects(g, a..b, &mut rects);
                let rows: std::collections::BTreeSet<i32> =
                    rects.iter().map(|r| r.top().round() as i32).collect();
                assert_eq!(rects.len(), rows.len(), "{a}..{b}: {rects:?}");
            }
        });
    }

    #[test]
    fn an_arabic_line_reads_right_to_left_and_sits_at_the_right() {
        // "من بغداد": من is right of بغداد, and the row ends at the wrap width.
        laid_out("من بغداد", 400.0, |g, bidi| {
            assert!(bidi.is_some_and(|p| p.rtl));
            let c = centres(g);
            let x = |i: usize| c[i].unwrap().x;
            assert!(x(0) > x(1), "م is right of ن");
            assert!(x(1) > x(3), "من is right of بغداد");
            let row = &g.rows[0];
            assert!(
                (row.pos.x + row.size.x - 400.0).abs() < 1.5,
                "right-aligned"
            );
            // The caret before م is at its right edge, after the line at its left end.
            let before = caret_pos(g, bidi.unwrap(), 0, true);
            assert!(before.left() > x(0));
            let after = caret_pos(g, bidi.unwrap(), 8, true);
            assert!(after.left() < x(7));
        });
    }
}
