//! Tests of the view as a whole, on an egui context without a window.

use super::blocks::CHUNK_CHARS;
use super::{ArticleContext, ArticleView};
use crate::model::{DocId, LabelScheme};
use crate::text::DocText;
use eframe::egui;
use egui::{Event, Key, Modifiers, Pos2, RawInput, Rect, pos2, vec2};

/// Paragraphs of 300 to 1,400 chars, so that some are cut into chunks.
fn article(chars: usize) -> String {
    let words = [
        "the", "crowd", "“Get", "out,”", "2.5", "million", "al-Sadr", "Iraq’s",
    ];
    let mut s = String::new();
    let (mut para, mut k) = (0, 0usize);
    while s.len() < chars {
        let w = words[(k * 7 + k / 3) % words.len()];
        s.push_str(w);
        para += w.len() + 1;
        k += 1;
        if para > 300 + (k * 37) % 1100 {
            s.push_str(".\n\n");
            para = 0;
        } else {
            s.push(' ');
        }
    }
    s
}

struct Fixture {
    ctx: egui::Context,
    view: ArticleView,
    doc: DocId,
    text: DocText,
    labels: LabelScheme,
    /// Documents not shown: switched with [`Fixture::show`].
    others: Vec<(DocId, DocText)>,
}

impl Fixture {
    fn new(text: String) -> Self {
        let f = Self {
            ctx: egui::Context::default(),
            view: ArticleView::new(),
            doc: DocId::from("d"),
            text: DocText::new(text),
            labels: LabelScheme::default(),
            others: Vec::new(),
        };
        crate::ui::fonts::install(&f.ctx);
        f
    }

    /// Shows document `id` (kept in `others` until then) from the next frame on.
    fn show(&mut self, id: &str) {
        let Some(k) = self.others.iter().position(|(d, _)| d.as_str() == id) else {
            return;
        };
        let (doc, text) = self.others.swap_remove(k);
        let old_doc = std::mem::replace(&mut self.doc, doc);
        let old_text = std::mem::replace(&mut self.text, text);
        self.others.push((old_doc, old_text));
    }

    /// Runs one frame; returns the chars it shaped.
    fn frame(&mut self) -> usize {
        self.frame_with(Vec::new())
    }

    /// Runs one frame with these key presses; returns the chars it shaped.
    fn press(&mut self, key: Key) -> usize {
        self.frame_with(vec![Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::NONE,
        }])
    }

    fn frame_with(&mut self, events: Vec<Event>) -> usize {
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1000.0, 800.0))),
            events,
            ..Default::default()
        };
        let cx = ArticleContext {
            doc: &self.doc,
            text: &self.text,
            annotations: &[],
            labels: &self.labels,
            selection: &crate::selection::Selection::Nothing,
            revision: 0,
            find_matches: &[],
            current_match: None,
            font_size: 16.0,
            keyboard: true,
            links: &[],
            link_index: &Default::default(),
            all_annotations: &[],
        };
        let view = &mut self.view;
        let mut out = self.ctx.run_ui(input, |ui| {
            view.ui(ui, &cx);
        });
        out.textures_delta.clear();
        self.view.layouts.get(&self.doc).map_or(0, |l| l.shaped())
    }
}

/// A jump to a place never shown takes two frames, and each shapes about half of the
/// new screen, without shaping much that the screen does not show.
#[test]
fn a_jump_to_a_new_place_shares_its_shaping_between_its_two_frames() {
    let mut f = Fixture::new(article(300_000));
    for _ in 0..3 {
        f.frame();
    }
    let n = f.text.char_len();
    for at in [n * 6 / 10, n / 5, n - 10] {
        f.view.scroll_to(at..at + 1);
        let ask = f.frame();
        let show = f.frame();
        assert!(f.view.char_rect(at).is_some(), "jump to {at} shown");
        let total = ask + show;
        assert!(
            10 * ask.max(show) <= 7 * total,
            "jump to {at}: {ask} chars shaped asking, {show} showing"
        );
        let shown = f.view.visible_chars(&f.doc).map_or(0, |r| r.len());
        assert!(
            total <= shown + 3 * CHUNK_CHARS,
            "jump to {at}: {total} chars shaped for {shown} shown"
        );
    }
}

/// Going back to the document just left shapes nothing: comparing two outlets' articles
/// means flipping between them. A third document in between drops the first one's
/// blocks, so memory stays bounded.
#[test]
fn flipping_back_to_the_last_document_shapes_nothing() {
    let mut f = Fixture::new(article(20_000));
    f.others
        .push((DocId::from("b"), DocText::new(article(30_000))));
    f.others
        .push((DocId::from("c"), DocText::new(article(25_000))));
    assert!(f.frame() > 0, "the first screen is shaped");
    f.show("b");
    assert!(f.frame() > 0, "a new document is shaped");
    f.show("d");
    assert_eq!(f.frame(), 0, "back to the document just left");
    f.show("b");
    assert_eq!(f.frame(), 0, "and forth");
    f.show("c");
    assert!(f.frame() > 0);
    f.show("d");
    assert!(
        f.frame() > 0,
        "a document left two switches ago is shaped again"
    );
}

/// PageDown moves the article up by a screen less two lines, so the last line read is
/// now at the top, and shapes about half of the new screen in each of its two frames;
/// PageUp comes back; End and Home go to the ends.
#[test]
fn page_keys_scroll_by_a_screen_and_home_end_go_to_the_ends() {
    let mut f = Fixture::new(article(300_000));
    for _ in 0..3 {
        f.frame();
    }
    let last_line = f.view.boundary_at_pos(&f.doc, pos2(500.0, 770.0));
    let last_line = last_line.expect("text at the bottom of the screen");
    let ask = f.press(Key::PageDown);
    let show = f.frame();
    let r = f.view.char_rect(last_line).expect("last line still shown");
    assert!(r.top() >= 0.0 && r.bottom() < 80.0, "{r:?} after PageDown");
    assert!(
        ask > 0 && show > 0,
        "{ask} chars shaped asking, {show} showing"
    );
    assert!(
        10 * ask.max(show) <= 7 * (ask + show),
        "{ask} asking, {show} showing"
    );

    f.press(Key::PageUp);
    f.frame();
    let r = f.view.char_rect(last_line).expect("back where it was");
    assert!(r.top() > 700.0 && r.bottom() <= 800.0, "{r:?} after PageUp");

    let before = f.view.char_rect(last_line);
    f.press(Key::ArrowDown);
    f.frame();
    let after = f.view.char_rect(last_line);
    let moved = before.zip(after).map(|(b, a)| b.top() - a.top());
    assert!(
        moved.is_some_and(|d| d > 10.0 && d < 40.0),
        "a line: {moved:?}"
    );

    let n = f.text.char_len();
    f.press(Key::End);
    f.frame();
    assert!(f.view.char_rect(n - 1).is_some(), "End shows the last char");
    assert!(f.view.char_rect(0).is_none());
    f.press(Key::Home);
    f.frame();
    let r = f.view.char_rect(0).expect("Home shows the first char");
    assert!(r.top() < 40.0, "{r:?}");
}

/// Scroll keys on an article without a line of text do nothing, and do not fail.
#[test]
fn scroll_keys_on_an_empty_article_do_nothing() {
    for text in ["", "\n\n\n"] {
        let mut f = Fixture::new(text.to_owned());
        f.frame();
        for key in [
            Key::PageDown,
            Key::ArrowDown,
            Key::End,
            Key::PageUp,
            Key::Home,
        ] {
            f.press(key);
            f.frame();
        }
        assert!(f.view.char_rect(0).is_none());
    }
}
