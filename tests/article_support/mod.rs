//! The article view in a harness of its own, for the view's tests: a state with a
//! text and its annotations, and the mouse as a person uses it.

#![allow(dead_code)]

use eframe::egui::{Event, Modifiers, PointerButton, Pos2, vec2};
use egui_kittest::Harness;
use sourcemark::model::{Annotation, AnnotationId, DocId, LabelScheme};
use sourcemark::selection::Selection;
use sourcemark::text::DocText;
use sourcemark::ui::article::{ArticleContext, ArticleResponse, ArticleView};

pub struct State {
    pub view: ArticleView,
    pub doc: DocId,
    pub text: DocText,
    pub anns: Vec<Annotation>,
    pub labels: LabelScheme,
    pub resp: ArticleResponse,
    pub hovered: Option<AnnotationId>,
    /// The window's selection, as the app keeps it from what the view reports.
    pub selection: Selection,
    /// A plain click placed a caret (the view reported a caret).
    pub caret_placed: bool,
}

impl State {
    /// The selected text range.
    pub fn sel(&self) -> Option<std::ops::Range<usize>> {
        self.selection.text_range(&self.doc)
    }

    pub fn set_sel(&mut self, r: std::ops::Range<usize>) {
        self.selection = Selection::range(self.doc.clone(), r);
    }
}

pub fn state(text: &str, anns: &[(usize, usize, &str)]) -> State {
    let doc = DocId::from("doc");
    let text = DocText::new(text.to_owned());
    let mut anns: Vec<Annotation> = anns
        .iter()
        .map(|&(s, e, l)| Annotation::new(doc.clone(), &text, s, e, l, "test").unwrap())
        .collect();
    anns.sort_by_key(|a| (a.start, a.end));
    State {
        view: ArticleView::new(),
        doc,
        text,
        anns,
        labels: LabelScheme::default(),
        resp: ArticleResponse::default(),
        hovered: None,
        selection: Selection::Nothing,
        caret_placed: false,
    }
}

pub fn harness(st: State) -> Harness<'static, State> {
    harness_with(Harness::builder(), st)
}

pub fn harness_with(b: egui_kittest::HarnessBuilder<State>, st: State) -> Harness<'static, State> {
    b.with_size(vec2(900.0, 600.0)).build_ui_state(
        |ui, st: &mut State| {
            let cx = ArticleContext {
                doc: &st.doc,
                text: &st.text,
                annotations: &st.anns,
                labels: &st.labels,
                selection: &st.selection,
                revision: 0,
                find_matches: &[],
                current_match: None,
                font_size: 16.0,
                keyboard: true,
                links: &[],
                link_index: &Default::default(),
                all_annotations: &st.anns,
            };
            let r = st.view.ui(ui, &cx);
            st.hovered = r.hovered_annotation.clone();
            if let Some(sel) = &r.selection {
                st.caret_placed =
                    matches!(sel, Selection::Text { anchor, head, .. } if anchor == head);
                st.selection = sel.clone();
            }
            // Keep what happened until the test reads it.
            if r.clicked_annotation.is_some() || r.selection.is_some() {
                st.resp = r;
            }
        },
        st,
    )
}

/// Char offset of the first occurrence of `needle` in `text`.
pub fn find(text: &DocText, needle: &str) -> usize {
    text.char_of(text.as_str().find(needle).unwrap())
}

/// Centre of char `c` on screen.
pub fn at(h: &Harness<'_, State>, c: usize) -> Pos2 {
    h.state()
        .view
        .char_rect(c)
        .unwrap_or_else(|| panic!("char {c} not laid out"))
        .center()
}

pub fn drag(h: &mut Harness<'_, State>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    h.event(Event::ModifiersChanged(modifiers));
    h.hover_at(from);
    h.run();
    h.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers,
    });
    h.run();
    h.hover_at(from + (to - from) / 2.0);
    h.run();
    h.hover_at(to);
    h.run();
    h.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers,
    });
    h.run();
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
}

/// A click at `p` with `modifiers` held.
pub fn click(h: &mut Harness<'_, State>, p: Pos2, modifiers: Modifiers) {
    h.event(Event::ModifiersChanged(modifiers));
    h.hover_at(p);
    h.run();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos: p,
            button: PointerButton::Primary,
            pressed,
            modifiers,
        });
    }
    h.run();
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
}
