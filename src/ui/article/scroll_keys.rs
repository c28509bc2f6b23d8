//! Reading with the keyboard: PageUp/PageDown by a screen, Up/Down by a line, Home/End
//! (with or without Ctrl) to the start and the end of the article. Only these keys
//! without Shift or Alt are taken from the input, so Shift+arrows (the selection),
//! Alt+arrows (an annotation's ends) and Ctrl+PageUp/PageDown (documents) stay with
//! their owners.

use super::layout::line_height;
use super::{ArticleContext, ArticleView, Frame};
use eframe::egui;
use egui::{Color32, Event, Key, Modifiers, Painter, vec2};

/// Where the scroll keys of one frame ask the article to go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ScrollKey {
    /// Down (positive) or up by this many lines.
    Lines(i32),
    /// Down (positive) or up by this many screens.
    Pages(i32),
    /// To the start of the article.
    Start,
    /// To the end of the article.
    End,
}

fn scroll_key(key: Key, m: Modifiers) -> Option<ScrollKey> {
    if m.shift || m.alt {
        return None;
    }
    let ctrl = m.ctrl || m.command || m.mac_cmd;
    match (key, ctrl) {
        (Key::ArrowDown, false) => Some(ScrollKey::Lines(1)),
        (Key::ArrowUp, false) => Some(ScrollKey::Lines(-1)),
        (Key::PageDown, false) => Some(ScrollKey::Pages(1)),
        (Key::PageUp, false) => Some(ScrollKey::Pages(-1)),
        (Key::Home, _) => Some(ScrollKey::Start),
        (Key::End, _) => Some(ScrollKey::End),
        _ => None,
    }
}

/// Takes this frame's scroll keys out of the input. Steps of one kind add up (key
/// repeat can deliver several in a frame); otherwise the last key wins.
pub(super) fn take(ui: &egui::Ui) -> Option<ScrollKey> {
    let mut out = None;
    ui.input_mut(|i| {
        i.events.retain(|e| {
            let Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } = e
            else {
                return true;
            };
            let Some(k) = scroll_key(*key, *modifiers) else {
                return true;
            };
            out = Some(match (out, k) {
                (Some(ScrollKey::Lines(a)), ScrollKey::Lines(b)) => ScrollKey::Lines(a + b),
                (Some(ScrollKey::Pages(a)), ScrollKey::Pages(b)) => ScrollKey::Pages(a + b),
                _ => k,
            });
            false
        });
    });
    out
}

/// Scrolls as `key` asks. Home and End are jumps (to char 0 and to the end); a line or a
/// page is a scroll by that much, with about half of the screen it will show shaped now
/// (see `DocLayout::prepare_scroll`).
pub(super) fn apply(
    v: &mut ArticleView,
    ui: &egui::Ui,
    cx: &ArticleContext<'_>,
    key: ScrollKey,
    fr: &Frame,
    painter: &Painter,
    color: Color32,
) {
    let (k, page) = match key {
        ScrollKey::Start => {
            v.pending_scroll = Some(0..0);
            return;
        }
        ScrollKey::End => {
            let n = cx.text.char_len();
            v.pending_scroll = Some(n..n);
            return;
        }
        ScrollKey::Lines(k) => (k, false),
        ScrollKey::Pages(k) => (k, true),
    };
    let Some(layout) = v.layouts.get_mut(cx.doc) else {
        return;
    };
    let lh = line_height(fr.font_size);
    let h = fr.shown.end - fr.shown.start;
    // A page keeps the last two lines of the screen it leaves (the last one may have
    // been cut at the edge), so reading goes on at the top.
    let step = if page { (h - 2.0 * lh).max(lh) } else { lh };
    let dy = k as f32 * step;
    let top = fr.shown.start.max(0.0) + dy;
    layout.prepare_scroll(painter, cx.text, top, h, color);
    ui.scroll_with_delta_animation(vec2(0.0, -dy), egui::style::ScrollAnimation::none());
    ui.ctx().request_repaint();
}
