//! The caret and the keyboard: arrows move the caret (Ctrl+Left/Right by word,
//! Home/End to the ends of its line), and with Shift they extend a selection from it;
//! in a right-to-left paragraph Left moves forward in the text and Right back (the
//! paragraph's direction decides, not the run's: logical steps, as many RTL editors
//! take them, so Shift+Left always grows a selection made leftwards);
//! Tab and Shift+Tab step to the next or previous annotation. Plain arrows are taken
//! only while there is a caret (otherwise Up/Down scroll, see `scroll_keys`), and only
//! these exact chords are taken from the input, so Alt+arrows stay free for the app.

use super::blocks::block_of;
use super::layout;
use super::{ArticleContext, ArticleView, Frame};
use crate::model::AnnotationId;
use crate::words;
use eframe::egui;
use egui::{Color32, Event, Key, Modifiers, Painter, Rect, vec2};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Move {
    Char(bool),
    Word(bool),
    Line(bool),
    LineEdge(bool),
}

/// The move a key asks for, and whether it extends the selection (Shift).
fn chord(key: Key, m: Modifiers, caret: bool) -> Option<(Move, bool)> {
    if m.alt {
        return None;
    }
    // Without Shift the keys move a caret only when there is one to move.
    if !m.shift && !caret {
        return None;
    }
    let forward = matches!(key, Key::ArrowRight | Key::ArrowDown | Key::End);
    let ctrl = m.ctrl || m.command || m.mac_cmd;
    let mv = match (key, ctrl) {
        (Key::ArrowLeft | Key::ArrowRight, false) => Move::Char(forward),
        (Key::ArrowLeft | Key::ArrowRight, true) => Move::Word(forward),
        (Key::ArrowUp | Key::ArrowDown, false) => Move::Line(forward),
        (Key::Home | Key::End, false) => Move::LineEdge(forward),
        _ => return None,
    };
    Some((mv, m.shift))
}

/// Takes the caret keys out of this frame's input and moves the caret or extends the
/// selection.
pub(super) fn handle_keys(
    v: &mut ArticleView,
    ui: &egui::Ui,
    cx: &ArticleContext<'_>,
    fr: &Frame,
    painter: &Painter,
    color: Color32,
) {
    let caret = v.sel.is_some() || !cx.selection.annotations().is_empty();
    let mut moves = Vec::new();
    ui.input_mut(|i| {
        i.events.retain(|e| match e {
            Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } => match chord(*key, *modifiers, caret) {
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
    let (mut anchor, mut head) = match v.sel {
        Some(s) => s,
        None => {
            // From the selected annotation's edge in the direction of the first move,
            // else from the top of the screen.
            let primary = cx
                .selection
                .primary()
                .and_then(|id| cx.annotations.iter().find(|a| &a.id == id));
            let forward = matches!(
                moves[0].0,
                Move::Char(true) | Move::Word(true) | Move::Line(true) | Move::LineEdge(true)
            );
            let at = match primary {
                Some(a) if forward => a.end,
                Some(a) => a.start,
                None => v.visible_chars(cx.doc).map_or(0, |r| r.start),
            };
            (at, at)
        }
    };
    let text = cx.text;
    let n = text.char_len();
    for (m, extend) in moves {
        // Left and Right follow the paragraph's direction: in a right-to-left one, Left
        // goes forward in the text, which runs leftwards.
        let m = match m {
            Move::Char(f) => Move::Char(f != rtl_at(v, cx, head)),
            Move::Word(f) => Move::Word(f != rtl_at(v, cx, head)),
            other => other,
        };
        // Without Shift, Left/Right on a range collapse it to that side.
        if !extend && anchor != head && matches!(m, Move::Char(_)) {
            let (lo, hi) = (anchor.min(head), anchor.max(head));
            head = if m == Move::Char(true) { hi } else { lo };
            anchor = head;
            continue;
        }
        head = match m {
            Move::Char(true) => (head + 1).min(n),
            Move::Char(false) => head.saturating_sub(1),
            Move::Word(true) => match words::word_at(text, head).filter(|_| head < n) {
                Some(w) => w.end,
                None => {
                    let s = words::next_word_start(text, head);
                    words::word_at(text, s).map_or(s, |w| w.end)
                }
            },
            Move::Word(false) => match words::word_at(text, head.saturating_sub(1)) {
                Some(w) if head > 0 && w.start < head => w.start,
                _ => {
                    let e = words::prev_word_end(text, head);
                    words::word_at(text, e.saturating_sub(1))
                        .filter(|_| e > 0)
                        .map_or(e, |w| w.start)
                }
            },
            Move::Line(down) => line_move(v, cx, painter, color, head, down).unwrap_or(head),
            Move::LineEdge(end) => line_edge(v, cx, painter, color, head, end).unwrap_or(head),
        };
        if !extend {
            anchor = head;
        }
    }
    v.sel = Some((anchor, head));
    if let Some(rect) = head_rect(v, cx, fr, painter, color, head) {
        ui.scroll_to_rect_animation(rect, None, egui::style::ScrollAnimation::none());
    }
}

/// Whether the paragraph (block) of boundary `c` is right to left.
fn rtl_at(v: &ArticleView, cx: &ArticleContext<'_>, c: usize) -> bool {
    let Some(layout) = v.layouts.get(cx.doc) else {
        return false;
    };
    // The boundary at a block's end belongs to the block it ends.
    let Some(b) =
        block_of(&layout.blocks, c).or_else(|| block_of(&layout.blocks, c.saturating_sub(1)))
    else {
        return false;
    };
    if let Some(p) = layout.bidi(b) {
        return p.rtl;
    }
    let bytes = layout.blocks[b].bytes.clone();
    cx.text
        .as_str()
        .get(bytes)
        .and_then(crate::bidi::Paragraph::new)
        .is_some_and(|p| p.rtl)
}

/// Takes Tab and Shift+Tab out of this frame's input: the annotation after (or
/// before) the selected one, or the caret, or the top of the screen.
pub(super) fn step_annotation(
    v: &ArticleView,
    ui: &egui::Ui,
    cx: &ArticleContext<'_>,
) -> Option<AnnotationId> {
    let mut step = None;
    ui.input_mut(|i| {
        // Shift first: egui's matching lets a plain pattern match a shifted key.
        if i.consume_key(Modifiers::SHIFT, Key::Tab) {
            step = Some(false);
        } else if i.consume_key(Modifiers::NONE, Key::Tab) {
            step = Some(true);
        }
    });
    let forward = step?;
    let anns = cx.annotations;
    let current = cx
        .selection
        .primary()
        .and_then(|id| anns.iter().position(|a| &a.id == id));
    let from = v
        .sel
        .map(|(_, h)| h)
        .or_else(|| v.visible_chars(cx.doc).map(|r| r.start))
        .unwrap_or(0);
    let visible = |i: &usize| !anns[*i].orphaned;
    let found = match (current, forward) {
        (Some(i), true) => (i + 1..anns.len()).find(visible),
        (Some(i), false) => (0..i).rev().find(visible),
        (None, true) => (anns.partition_point(|a| a.start < from)..anns.len()).find(visible),
        (None, false) => (0..anns.partition_point(|a| a.start < from))
            .rev()
            .find(visible),
    };
    found.map(|i| anns[i].id.clone())
}

/// The boundary at the start or the end of the wrapped line `head` is on.
fn line_edge(
    v: &mut ArticleView,
    cx: &ArticleContext<'_>,
    painter: &Painter,
    color: Color32,
    head: usize,
    end: bool,
) -> Option<usize> {
    let layout = v.layouts.get_mut(cx.doc)?;
    let b = block_of(&layout.blocks, head)?;
    let chars = layout.blocks[b].chars.clone();
    let (galley, _) = layout.galley(painter, cx.text, b, color);
    let bidi = layout.bidi(b);
    let local = head.saturating_sub(chars.start).min(chars.len());
    let cur = layout::caret_pos(&galley, bidi.as_deref(), local);
    let y = cur.center().y;
    // A right-to-left line starts at its right end.
    let x = if end != rtl_at(v, cx, head) {
        f32::INFINITY
    } else {
        f32::NEG_INFINITY
    };
    let at = layout::boundary_at(&galley, bidi.as_deref(), vec2(x.clamp(-1e6, 1e6), y));
    let at = chars.start + at;
    // The end of a wrapped line is before its trailing space, where the next begins.
    Some(
        if end && at > chars.start && at < chars.end && cx.text.slice(at - 1..at) == " " {
            at - 1
        } else {
            at
        },
    )
}

/// The boundary one line above or below the head, at the same x.
fn line_move(
    v: &mut ArticleView,
    cx: &ArticleContext<'_>,
    painter: &Painter,
    color: Color32,
    head: usize,
    down: bool,
) -> Option<usize> {
    let layout = v.layouts.get_mut(cx.doc)?;
    let b = block_of(&layout.blocks, head)?;
    let start = layout.blocks[b].chars.start;
    let (galley, _) = layout.galley(painter, cx.text, b, color);
    let bidi = layout.bidi(b);
    let local = head.saturating_sub(start).min(layout.blocks[b].chars.len());
    let cur = layout::caret_pos(&galley, bidi.as_deref(), local);
    let row_h = cur.height().max(1.0);
    let y = if down {
        cur.center().y + row_h
    } else {
        cur.center().y - row_h
    };
    if y >= 0.0 && y < galley.rect.height() {
        return Some(start + layout::boundary_at(&galley, bidi.as_deref(), vec2(cur.left(), y)));
    }
    let nb = if down { b + 1 } else { b.checked_sub(1)? };
    if nb >= layout.blocks.len() {
        return Some(cx.text.char_len());
    }
    let nstart = layout.blocks[nb].chars.start;
    let (ng, _) = layout.galley(painter, cx.text, nb, color);
    let nbidi = layout.bidi(nb);
    let ny = if down {
        row_h / 2.0
    } else {
        ng.rect.height() - row_h / 2.0
    };
    Some(nstart + layout::boundary_at(&ng, nbidi.as_deref(), vec2(cur.left(), ny)))
}

/// Screen rectangle of the head boundary (for scrolling it into view).
fn head_rect(
    v: &mut ArticleView,
    cx: &ArticleContext<'_>,
    fr: &Frame,
    painter: &Painter,
    color: Color32,
    head: usize,
) -> Option<Rect> {
    let layout = v.layouts.get_mut(cx.doc)?;
    let b = block_of(&layout.blocks, head)?;
    let (galley, _) = layout.galley(painter, cx.text, b, color);
    let bidi = layout.bidi(b);
    let local = head.saturating_sub(layout.blocks[b].chars.start);
    let r = layout::caret_pos(
        &galley,
        bidi.as_deref(),
        local.min(layout.blocks[b].chars.len()),
    );
    let top = fr.origin.y + layout.top(b) + layout.gap_of(b);
    Some(r.translate(vec2(fr.origin.x, top)).expand2(vec2(4.0, 0.0)))
}
