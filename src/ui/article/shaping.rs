//! Laying out a block with right-to-left text char by char. egui 0.37 shapes an Arabic
//! run right to left but files its glyphs as if left to right, so its galley has more
//! glyphs than chars and no way to tell which char a glyph is (the view relies on one
//! glyph per char). Here each char is laid out alone, Arabic letters first put in the
//! joined form their neighbours call for (presentation forms, by `ar-reshaper`), so a
//! glyph is exactly one char; the row is then wrapped like any other template
//! ([`super::wrap`]) and reordered for display ([`super::bidi`]).
//!
//! The cost: no kerning inside such blocks, and a mark (harakat) is centred over its
//! letter rather than placed by the font. Lam with alef is its ligature, drawn by the
//! lam, with the alef as a glyph of no width.

use super::cache::block_job;
use super::wrap::tessellate;
use crate::bidi::{Paragraph, mirrored};
use ar_reshaper::{ArabicReshaper, ReshaperConfig};
use eframe::egui;
use egui::epaint::text::{Glyph, PlacedRow, Row};
use egui::{Color32, Galley, Painter, Rect, vec2};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// How one char of a block is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// As this char (a presentation form, or the char itself).
    Char(char),
    /// Not at all: the second char of a ligature the one before it draws.
    InLigature,
}

fn reshaper() -> &'static ArabicReshaper {
    static R: OnceLock<ArabicReshaper> = OnceLock::new();
    R.get_or_init(|| {
        ArabicReshaper::new(ReshaperConfig {
            delete_harakat: false,
            support_ligatures: true,
            ..ReshaperConfig::default()
        })
    })
}

/// Lam with an alef after it, in one of its ligature forms (U+FEF5 to U+FEFC).
fn is_lam_alef(c: char) -> bool {
    ('\u{FEF5}'..='\u{FEFC}').contains(&c)
}

/// The form of each char of `text`: its joined form where the reshaper gives one char
/// for it; a lam-alef ligature on the lam, the alef inside it. Where the reshaper's
/// output cannot be matched char for char, the chars are drawn as they are.
pub fn forms(text: &str) -> Vec<Form> {
    let chars: Vec<char> = text.chars().collect();
    let shaped: Vec<char> = reshaper().reshape(text).chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut j = 0;
    let mut i = 0;
    while i < chars.len() {
        match shaped.get(j) {
            Some(&s) if is_lam_alef(s) && i + 1 < chars.len() => {
                out.push(Form::Char(s));
                out.push(Form::InLigature);
                i += 2;
            }
            Some(&s) => {
                out.push(Form::Char(s));
                i += 1;
            }
            None => {
                out.push(Form::Char(chars[i]));
                i += 1;
            }
        }
        j += 1;
    }
    if j != shaped.len() {
        return chars.iter().map(|&c| Form::Char(c)).collect();
    }
    out
}

/// The glyphs of single chars laid out alone, for one style; emptied with the block
/// cache (the glyphs point into egui's atlas).
#[derive(Default)]
pub struct GlyphBook {
    glyphs: HashMap<char, Option<Glyph>>,
}

impl GlyphBook {
    /// Forgets every glyph (the style or egui's atlas changed).
    pub fn clear(&mut self) {
        self.glyphs.clear();
    }

    fn get(
        &mut self,
        painter: &Painter,
        c: char,
        fs: f32,
        lh: f32,
        color: Color32,
    ) -> Option<Glyph> {
        *self.glyphs.entry(c).or_insert_with(|| {
            // A mark alone would be drawn on a dotted circle: lay it out on a tatweel
            // and keep the mark's glyph, the one without an advance.
            let (text, mark) = if is_mark(c) {
                (format!("\u{640}{c}"), true)
            } else {
                (c.to_string(), false)
            };
            let g = painter.layout_job(block_job(&text, fs, lh, color, f32::INFINITY));
            g.rows.first().and_then(|r| {
                let glyphs = &r.row.glyphs;
                let found = if mark {
                    glyphs
                        .iter()
                        .find(|g| g.advance_width == 0.0 && g.uv_rect.size.x > 0.0)
                } else {
                    glyphs.iter().find(|g| g.advance_width > 0.0)
                };
                found.or(glyphs.first()).copied()
            })
        })
    }
}

/// Whether `c` is a mark that sits on the letter before it.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0591..=0x05C7 | 0x0300..=0x036F)
}

/// `text` (a block with right-to-left text) as one unwrapped row in logical order, one
/// glyph per char, in the shape [`super::wrap::Template`] takes. `probe` is any small
/// galley of the same style (its row and fields are the model), `proto` an empty row.
#[allow(clippy::too_many_arguments)]
pub fn template(
    painter: &Painter,
    book: &mut GlyphBook,
    probe: &Galley,
    proto: &Row,
    text: &str,
    para: &Paragraph,
    font_size: f32,
    line_height: f32,
    color: Color32,
) -> Option<Arc<Galley>> {
    let ppp = painter.pixels_per_point();
    let space = book.get(painter, ' ', font_size, line_height, color)?;
    let mut glyphs: Vec<Glyph> = Vec::with_capacity(text.len());
    let mut x = 0.0_f32;
    let mut last_base: Option<usize> = None;
    for (i, (c, form)) in text.chars().zip(forms(text)).enumerate() {
        let mut g = match form {
            Form::Char(d) => {
                let d = mirrored(d, para.level(i));
                book.get(painter, d, font_size, line_height, color)
                    .unwrap_or(space)
            }
            Form::InLigature => {
                let mut g = space;
                g.advance_width = 0.0;
                g
            }
        };
        g.chr = c;
        if form == Form::InLigature {
            g.pos.x = x;
        } else if is_mark(c) {
            // Centred over the letter before it, taking no room of its own.
            let centre = last_base.map_or(x, |b| glyphs[b].pos.x + glyphs[b].advance_width / 2.0);
            g.pos.x = centre - g.uv_rect.offset.x - g.uv_rect.size.x / 2.0;
            g.advance_width = 0.0;
        } else {
            g.pos.x = (x * ppp).round() / ppp;
            x += g.advance_width;
            last_base = Some(glyphs.len());
        }
        glyphs.push(g);
    }
    if glyphs.is_empty() {
        return None;
    }
    let mut row = proto.clone();
    let row_h = (glyphs[0].line_height * ppp).round() / ppp;
    row.glyphs = glyphs;
    row.size = vec2(x, row_h);
    row.visuals = tessellate(&mut row, ppp, color);
    let mut g = probe.clone();
    g.job = Arc::new(block_job(
        text,
        font_size,
        line_height,
        color,
        f32::INFINITY,
    ));
    g.rect = Rect::from_min_size(egui::Pos2::ZERO, row.size);
    g.mesh_bounds = row.visuals.mesh_bounds;
    g.num_vertices = row.visuals.mesh.vertices.len();
    g.num_indices = row.visuals.mesh.indices.len();
    g.rows = vec![PlacedRow {
        pos: egui::Pos2::ZERO,
        row: Arc::new(row),
        ends_with_newline: false,
    }];
    Some(Arc::new(g))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`crate::bidi::display`] relies on, and why this module exists: egui 0.37
    /// shapes a run of Arabic letters right to left (joined, the first letter rightmost)
    /// but leaves more glyphs than chars. If an egui upgrade changes either, this fails.
    #[test]
    fn egui_turns_an_arabic_word_itself_but_gives_it_extra_glyphs() {
        let ctx = egui::Context::default();
        crate::ui::fonts::install(&ctx);
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
            let g = ui.painter().layout_job(block_job(
                "بغداد",
                16.0,
                26.0,
                Color32::WHITE,
                f32::INFINITY,
            ));
            let glyphs = &g.rows[0].row.glyphs;
            let drawn: Vec<_> = glyphs.iter().filter(|g| g.advance_width > 0.0).collect();
            assert_eq!(drawn.len(), 5);
            assert_eq!(drawn[0].chr, 'د', "the last letter is leftmost");
            assert_eq!(drawn[4].chr, 'ب', "the first letter is rightmost");
            assert!(glyphs.len() > 5, "more glyphs than chars: {}", glyphs.len());
        });
        out.textures_delta.clear();
    }

    #[test]
    fn forms_are_one_per_char_with_lam_alef_on_the_lam() {
        let f = forms("الآلاف");
        assert_eq!(f.len(), 6);
        assert!(matches!(f[0], Form::Char(c) if ('\u{FE70}'..='\u{FEFF}').contains(&c)));
        // "لآ" and "لا": the lam draws the ligature, the alef nothing.
        assert!(matches!(f[1], Form::Char(c) if is_lam_alef(c)));
        assert_eq!(f[2], Form::InLigature);
        assert!(matches!(f[3], Form::Char(c) if is_lam_alef(c)));
        assert_eq!(f[4], Form::InLigature);
        // Latin passes through.
        assert_eq!(
            forms("AFP"),
            vec![Form::Char('A'), Form::Char('F'), Form::Char('P')]
        );
    }
}
