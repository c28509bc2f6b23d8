//! Keyboard extension of the text selection: Shift+Left/Right by char,
//! Ctrl+Shift+Left/Right by word, Shift+Up/Down by line. Only these exact chords are
//! taken from the input, so Alt+arrows and plain arrows stay free for the app.

use super::blocks::block_of;
use super::layout;
use super::{ArticleContext, ArticleView, Frame};
use crate::words;
use eframe::egui;
use egui::{Color32, Event, Key, Modifiers, Painter, Rect, vec2};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Move {
    Char(bool),
    Word(bool),
    Line(bool),
}

fn chord(key: Key, m: Modifiers) -> Option<Move> {
    if !m.shift || m.alt {
        return None;
    }
    let forward = matches!(key, Key::ArrowRight | Key::ArrowDown);
    match (key, m.ctrl || m.command || m.mac_cmd) {
        (Key::ArrowLeft | Key::ArrowRight, false) => Some(Move::Char(forward)),
        (Key::ArrowLeft | Key::ArrowRight, true) => Some(Move::Word(forward)),
        (Key::ArrowUp | Key::ArrowDown, false) => Some(Move::Line(forward)),
        _ => None,
    }
}

/// Takes the selection chords out of this frame's input and applies them.
pub(super) fn handle_keys(
    v: &mut ArticleView,
    ui: &egui::Ui,
    cx: &ArticleContext<'_>,
    fr: &Frame,
    painter: &Painter,
    color: Color32,
) {
    let mut moves = Vec::new();
    ui.input_mut(|i| {
        i.events.retain(|e| match e {
            Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } => match chord(*key, *modifiers) {
                Some(m) => {
                    moves.push(m);
                    false
                }
                None => true,
            },
            _ => true,
        });
    });
    if moves.is_empty() {
        return;
    }
    if v.sel.is_none() {
        let start = v.visible_chars(cx.doc).map_or(0, |r| r.start);
        v.anchor = start;
        v.head = start;
    }
    let text = cx.text;
    let n = text.char_len();
    for m in moves {
        v.head = match m {
            Move::Char(true) => (v.head + 1).min(n),
            Move::Char(false) => v.head.saturating_sub(1),
            Move::Word(true) => match words::word_at(text, v.head).filter(|_| v.head < n) {
                Some(w) => w.end,
                None => {
                    let s = words::next_word_start(text, v.head);
                    words::word_at(text, s).map_or(s, |w| w.end)
                }
            },
            Move::Word(false) => match words::word_at(text, v.head.saturating_sub(1)) {
                Some(w) if v.head > 0 && w.start < v.head => w.start,
                _ => {
                    let e = words::prev_word_end(text, v.head);
                    words::word_at(text, e.saturating_sub(1))
                        .filter(|_| e > 0)
                        .map_or(e, |w| w.start)
                }
            },
            Move::Line(down) => line_move(v, cx, painter, color, down).unwrap_or(v.head),
        };
    }
    let r = v.anchor.min(v.head)..v.anchor.max(v.head);
    v.sel = Some(r).filter(|r| !r.is_empty());
    if let Some(rect) = head_rect(v, cx, fr, painter, color) {
        ui.scroll_to_rect_animation(rect, None, egui::style::ScrollAnimation::none());
    }
}

/// The boundary one line above or below the head, at the same x.
fn line_move(
    v: &mut ArticleView,
    cx: &ArticleContext<'_>,
    painter: &Painter,
    color: Color32,
    down: bool,
) -> Option<usize> {
    let layout = v.layouts.get_mut(cx.doc)?;
    let b = block_of(&layout.blocks, v.head)?;
    let start = layout.blocks[b].chars.start;
    let (galley, _) = layout.galley(painter, cx.text, b, color);
    let local = v
        .head
        .saturating_sub(start)
        .min(layout.blocks[b].chars.len());
    let cur = layout::cursor_pos(&galley, local);
    let row_h = cur.height().max(1.0);
    let y = if down {
        cur.center().y + row_h
    } else {
        cur.center().y - row_h
    };
    if y >= 0.0 && y < galley.rect.height() {
        return Some(start + layout::boundary_at(&galley, vec2(cur.left(), y)));
    }
    let nb = if down { b + 1 } else { b.checked_sub(1)? };
    if nb >= layout.blocks.len() {
        return Some(cx.text.char_len());
    }
    let nstart = layout.blocks[nb].chars.start;
    let (ng, _) = layout.galley(painter, cx.text, nb, color);
    let ny = if down {
        row_h / 2.0
    } else {
        ng.rect.height() - row_h / 2.0
    };
    Some(nstart + layout::boundary_at(&ng, vec2(cur.left(), ny)))
}

/// Screen rectangle of the head boundary (for scrolling it into view).
fn head_rect(
    v: &mut ArticleView,
    cx: &ArticleContext<'_>,
    fr: &Frame,
    painter: &Painter,
    color: Color32,
) -> Option<Rect> {
    let layout = v.layouts.get_mut(cx.doc)?;
    let b = block_of(&layout.blocks, v.head)?;
    let (galley, _) = layout.galley(painter, cx.text, b, color);
    let local = v.head.saturating_sub(layout.blocks[b].chars.start);
    let r = layout::cursor_pos(&galley, local.min(layout.blocks[b].chars.len()));
    let top = fr.origin.y + layout.top(b) + layout.gap_of(b);
    Some(r.translate(vec2(fr.origin.x, top)).expand2(vec2(4.0, 0.0)))
}
