//! Shared passages in the app: the search kept up to date once a frame (repainting
//! while it runs), the current document's passages handed to the article view, a
//! marker's click (show the other side, selected) and the carry of annotations across
//! (from the marker with Ctrl, or the command with the caret in a passage).

use eframe::egui;

use super::SourcemarkApp;
use crate::selection::Selection;
use crate::ui::command::Command;
use std::time::Duration;

/// How often the window looks whether a search of passages has finished.
const POLL: Duration = Duration::from_millis(50);

impl SourcemarkApp {
    /// Keeps the passages up to date and gives the article view the current
    /// document's.
    pub(super) fn passages_frame(&mut self, ctx: &egui::Context) {
        let Some(s) = &self.session else {
            self.view.set_passages(None);
            return;
        };
        if self.passages.refresh(s) {
            ctx.request_repaint_after(POLL);
        }
        let marks = s.current.as_ref().map(|d| self.passages.of_doc(s, d));
        self.view.set_passages(marks);
    }

    /// The command: carries the annotations of the passages under the caret, the text
    /// selection or the selected annotations to the documents that share them.
    pub(super) fn carry_at_selection(&mut self) {
        let Some(s) = &self.session else { return };
        let Some(doc) = s.current.clone() else { return };
        let range = match &s.selection {
            Selection::Text { .. } => s
                .selection
                .text_range(&doc)
                .or_else(|| s.selection.head(&doc).map(|c| c..c)),
            Selection::Annotations(ids) => {
                let hulls = ids
                    .iter()
                    .filter_map(|id| s.project().annotation(id))
                    .filter(|a| a.doc == doc)
                    .map(|a| a.hull());
                hulls.reduce(|a, b| a.start.min(b.start)..a.end.max(b.end))
            }
            Selection::Nothing => None,
        };
        let passages = range.map(|r| self.passages.at(&doc, r)).unwrap_or_default();
        if passages.is_empty() {
            self.hint = "Put the caret in a shared passage (a bar in the left margin) first".into();
            return;
        }
        self.carry(&passages);
    }

    /// A marker's click, or a carry asked for by Ctrl+click.
    pub(super) fn run_passage_command(&mut self, cmd: Command) {
        match cmd {
            Command::ShowPassage(doc, range) => {
                let Some(s) = &mut self.session else { return };
                if s.ws.text(&doc).is_none_or(|t| range.end > t.char_len()) {
                    return;
                }
                s.select_doc(doc.clone());
                s.select(Selection::range(doc, range.clone()));
                self.view.scroll_to(range);
            }
            Command::CarryPassages(passages) => self.carry(&passages),
            _ => {}
        }
    }

    fn carry(&mut self, passages: &[(crate::reuse::Passage, crate::reuse::carry::Which)]) {
        let Some(s) = &mut self.session else { return };
        let p = s.project();
        let mut names: Vec<String> = Vec::new();
        for (passage, which) in passages {
            let name = crate::reuse::carry::outlet(p, &which.sides(passage).1.doc);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        match s.carry(passages, &self.annotator) {
            Ok(report) => self.notes.info(format!(
                "Annotations carried to {}: {report}",
                names.join(", ")
            )),
            Err(e) => self
                .notes
                .error(format!("Could not carry the annotations: {e}")),
        }
    }
}
