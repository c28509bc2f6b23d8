//! Right-to-left text: the Unicode Bidirectional Algorithm (UAX #9, through
//! `unicode-bidi`) for one paragraph at a time, as the article view lays out its blocks,
//! and the display form of short texts for widgets that lay text out left to right.
//!
//! Line breaking stays logical: a paragraph's levels are resolved once
//! ([`Paragraph::new`]), and each line is reordered for display on its own
//! ([`Paragraph::line_levels`] applies rule L1 to the line, [`visual_order`] rule L2).
//! Offsets are chars of the paragraph, like everything else in sourcemark.

use std::borrow::Cow;
use std::ops::Range;
use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo, bidi_class};

/// A paragraph's resolved levels, per char, when it has right-to-left text or a
/// right-to-left base direction.
#[derive(Clone, Debug, PartialEq)]
pub struct Paragraph {
    /// The base direction is right to left (its first strong char is R or AL).
    pub rtl: bool,
    /// Each char's embedding level before line rules.
    levels: Vec<u8>,
    /// Each char's bidi class, for rule L1.
    classes: Vec<BidiClass>,
}

/// Whether `c` may make a paragraph need the algorithm: a char of a right-to-left
/// script (letters, and also its digits and punctuation, which shapers lay out right to
/// left too), or an explicit embedding, override or isolate.
fn needs_bidi(c: char) -> bool {
    // Every such char is at or past U+0590: most text is decided without the table.
    (c as u32) >= 0x0590
        && (in_rtl_run(c)
            || matches!(
                bidi_class(c),
                BidiClass::R
                    | BidiClass::AL
                    | BidiClass::RLE
                    | BidiClass::RLO
                    | BidiClass::RLI
                    | BidiClass::FSI
                    | BidiClass::LRE
                    | BidiClass::LRO
                    | BidiClass::LRI
            ))
}

impl Paragraph {
    /// Resolves the levels of `text` (one paragraph: no newline), its base direction
    /// from its first strong char (rules P2, P3); `None` when it has no char of a
    /// right-to-left script and no explicit direction, which is drawn as it is.
    pub fn new(text: &str) -> Option<Paragraph> {
        if !text.chars().any(needs_bidi) {
            return None;
        }
        let info = ParagraphBidiInfo::new(text, None);
        let mut levels = Vec::with_capacity(text.len());
        let mut classes = Vec::with_capacity(text.len());
        for (b, _) in text.char_indices() {
            levels.push(info.levels[b].number());
            classes.push(info.original_classes[b]);
        }
        Some(Paragraph {
            rtl: info.paragraph_level.is_rtl(),
            levels,
            classes,
        })
    }

    /// The paragraph's level: 1 when right to left, else 0.
    pub fn base_level(&self) -> u8 {
        u8::from(self.rtl)
    }

    /// The resolved level of char `i` (before line rules).
    pub fn level(&self, i: usize) -> u8 {
        self.levels.get(i).copied().unwrap_or(0)
    }

    /// Chars in the paragraph.
    pub fn len(&self) -> usize {
        self.levels.len()
    }

    /// True for an empty paragraph.
    pub fn is_empty(&self) -> bool {
        self.levels.is_empty()
    }

    /// The levels of the chars `line` when they are one line (rule L1: separators and
    /// the white space before them and at the end of the line take the paragraph's
    /// level, so a line's trailing space sits at its logical end).
    pub fn line_levels(&self, line: Range<usize>) -> Vec<u8> {
        let line = line.start.min(self.len())..line.end.min(self.len());
        let mut out = self.levels[line.clone()].to_vec();
        let classes = &self.classes[line];
        let base = self.base_level();
        let mut trailing = true;
        for i in (0..out.len()).rev() {
            match classes[i] {
                BidiClass::S | BidiClass::B => {
                    out[i] = base;
                    trailing = true;
                }
                BidiClass::WS
                | BidiClass::FSI
                | BidiClass::LRI
                | BidiClass::RLI
                | BidiClass::PDI
                | BidiClass::BN
                | BidiClass::LRE
                | BidiClass::RLE
                | BidiClass::LRO
                | BidiClass::RLO
                | BidiClass::PDF
                    if trailing =>
                {
                    out[i] = base;
                }
                _ => trailing = false,
            }
        }
        out
    }
}

/// The display order of a line whose chars have `levels` (rule L2): the logical index
/// of each char, from left to right.
pub fn visual_order(levels: &[u8]) -> Vec<usize> {
    let levels: Vec<Level> = levels
        .iter()
        .map(|&l| Level::new(l).unwrap_or_else(|_| Level::ltr()))
        .collect();
    ParagraphBidiInfo::reorder_visual(&levels)
}

/// The char `c` is shown as at `level`: its mirror image (rule L4: "(" for ")") in a
/// right-to-left run, else itself.
pub fn mirrored(c: char, level: u8) -> char {
    if is_rtl(level) {
        unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c)
    } else {
        c
    }
}

/// Whether a level is right to left.
pub fn is_rtl(level: u8) -> bool {
    level % 2 == 1
}

/// Whether egui shapes `c` in a right-to-left run of its own: a letter, digit or sign
/// of a right-to-left script (its fonts draw those, and the shaper orders each such run
/// right to left).
fn in_rtl_run(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// `text` as egui's own widgets (titles, lists, labels) must be given it to show it in
/// reading order. egui shapes each run of right-to-left letters (a word) right to left,
/// joined, but puts the runs and everything else left to right in text order. So each
/// line is put in display order (UAX #9), and then each such run back in text order for
/// egui to turn. Text without right-to-left letters is returned as it is. The article
/// view lays out the logical text itself.
pub fn display(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_bidi) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let chars: Vec<char> = line.chars().collect();
        let Some(p) = Paragraph::new(line) else {
            out.push_str(line);
            continue;
        };
        let visual: Vec<char> = visual_order(&p.line_levels(0..chars.len()))
            .into_iter()
            .map(|k| mirrored(chars[k], p.level(k)))
            .collect();
        let mut k = 0;
        while k < visual.len() {
            if in_rtl_run(visual[k]) {
                let start = k;
                while k < visual.len() && in_rtl_run(visual[k]) {
                    k += 1;
                }
                out.extend(visual[start..k].iter().rev());
            } else {
                out.push(visual[k]);
                k += 1;
            }
        }
    }
    Cow::Owned(out)
}

/// [`display`] of the longest start of `text` (with "…" after it) that `fits`, for a
/// label one line wide. A widget cuts a label at its end, which in display order is a
/// right-to-left text's start; cut here instead, the start is what is kept. Text
/// without right-to-left letters is returned whole (the widget cuts it right).
pub fn display_fitted(text: &str, fits: impl Fn(&str) -> bool) -> String {
    let whole = display(text);
    if matches!(whole, Cow::Borrowed(_)) || fits(&whole) {
        return whole.into_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let shown = |k: usize| {
        let mut s: String = chars[..k].iter().collect();
        s.push('…');
        display(&s).into_owned()
    };
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fits(&shown(mid)) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    shown(lo)
}

#[cfg(test)]
mod tests;
