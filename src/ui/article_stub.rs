//! Stand-in for `crate::ui::article` until the real view is merged: same contract,
//! plain text, no painting of annotations.

use eframe::egui;

use crate::model::{Annotation, AnnotationId, DocId, LabelScheme};
use crate::text::DocText;
use std::ops::Range;

/// The article view (stand-in).
#[derive(Default)]
pub struct ArticleView {
    selection: Option<Range<usize>>,
}

/// What the view needs to draw a document.
pub struct ArticleContext<'a> {
    /// Document shown.
    pub doc: &'a DocId,
    /// Its text.
    pub text: &'a DocText,
    /// Its annotations.
    pub annotations: &'a [Annotation],
    /// Label colours.
    pub labels: &'a LabelScheme,
    /// Selected annotation.
    pub selected: Option<&'a AnnotationId>,
    /// Find matches.
    pub find_matches: &'a [Range<usize>],
    /// Current find match.
    pub current_match: Option<usize>,
    /// Font size in points.
    pub font_size: f32,
}

/// What happened in the view this frame.
#[derive(Default, Debug)]
pub struct ArticleResponse {
    /// An annotation was clicked.
    pub clicked_annotation: Option<AnnotationId>,
    /// Text outside annotations was clicked.
    pub clicked_empty: bool,
    /// The annotation under the pointer.
    pub hovered_annotation: Option<AnnotationId>,
}

impl ArticleView {
    /// A view with nothing selected.
    pub fn new() -> Self {
        Self::default()
    }

    /// Draws the article.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &ArticleContext<'_>) -> ArticleResponse {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.label(egui::RichText::new(cx.text.as_str()).size(cx.font_size));
        });
        ArticleResponse::default()
    }

    /// The text selection, in chars.
    pub fn selection(&self) -> Option<Range<usize>> {
        self.selection.clone()
    }

    /// Sets the text selection.
    pub fn set_selection(&mut self, r: Option<Range<usize>>) {
        self.selection = r;
    }

    /// Scrolls a range into view.
    pub fn scroll_to(&mut self, _r: Range<usize>) {}

    /// Screen rectangle of a char.
    pub fn char_rect(&self, _c: usize) -> Option<egui::Rect> {
        None
    }
}
