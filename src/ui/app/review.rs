//! Reviewing suggestions: the mode's keys (step, accept, accept as another label,
//! accept all of a label, reject), each change one undo step, and naming pattern files.

use eframe::egui;

use super::SourcemarkApp;
use crate::selection::Selection;
use crate::ui::annotation_list::label_color;
use crate::ui::article::{OutlineMark, OutlineMarks};
use crate::ui::command::UiCommand;
use std::path::Path;
use std::sync::Arc;

impl SourcemarkApp {
    /// Keeps the suggestions of the shown document found while reviewing, says what a
    /// pattern file's error was, and keeps the hint on the suggestion shown.
    pub(super) fn review_frame(&mut self, ctx: &egui::Context) {
        let Some(s) = &self.session else { return };
        if !self.review.on {
            return;
        }
        if self.review.refresh(s) {
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
        }
        if let Some(e) = self.review.take_error() {
            self.notes
                .error(format!("The pattern files were not read: {e}"));
        }
        self.hint = self.review_hint();
    }

    fn review_hint(&self) -> String {
        let Some(s) = &self.session else {
            return String::new();
        };
        let Some(list) = self.review.current(s) else {
            return "Finding suggestions…".into();
        };
        if list.is_empty() {
            return "No suggestions left in this document (Esc ends the review)".into();
        }
        let keys = "Enter accepts · X rejects · a label key accepts as that label · Shift+Enter accepts all of its label here · J/K next/previous · Esc ends";
        match self.review.cursor.and_then(|i| list.get(i).map(|x| (i, x))) {
            Some((i, sg)) => {
                let name = s
                    .project()
                    .labels
                    .get(&sg.label)
                    .map_or(sg.label.clone(), |l| l.name.to_lowercase());
                let who = sg
                    .said_by
                    .as_ref()
                    .map(|sp| format!(", said by {}", sp.text))
                    .unwrap_or_default();
                let words: String = sg.text.chars().take(60).collect();
                format!(
                    "Suggestion {} of {}: {name} “{words}”{who} ({}) — {keys}",
                    i + 1,
                    list.len(),
                    sg.rule
                )
            }
            None => format!(
                "{} suggestions — J or Tab goes to the first — {keys}",
                list.len()
            ),
        }
    }

    /// The suggestions' outlines for the article, while reviewing.
    pub(super) fn suggestion_marks(&mut self) -> Option<Arc<OutlineMarks>> {
        let s = self.session.as_ref()?;
        if !self.review.on {
            return None;
        }
        let list = self.review.current(s)?;
        let doc = s.current.clone()?;
        let key = (doc.clone(), s.history.revision(), self.review.cursor);
        if let Some((k, m)) = &self.review_marks
            && *k == key
        {
            return Some(m.clone());
        }
        let labels = &s.project().labels;
        let mut marks = Vec::with_capacity(list.len() + 1);
        for (i, sg) in list.iter().enumerate() {
            let current = self.review.cursor == Some(i);
            marks.push(OutlineMark {
                ranges: sg.ranges.clone(),
                color: label_color(labels, &sg.label),
                absent: true,
                current,
                fill: true,
            });
            // The speaker accepting would make, beside the suggestion shown.
            if current && let Some(sp) = sg.said_by.as_ref().filter(|sp| sp.existing.is_none()) {
                marks.push(OutlineMark {
                    ranges: vec![sp.range()],
                    color: label_color(labels, &sp.label),
                    absent: true,
                    current: false,
                    fill: true,
                });
            }
        }
        let m = Arc::new(OutlineMarks::new(doc, marks));
        self.review_marks = Some((key, m.clone()));
        Some(m)
    }

    pub(super) fn run_review_command(&mut self, cmd: UiCommand) {
        if self.session.is_none() {
            return;
        }
        match cmd {
            UiCommand::ReviewSuggestions => {
                if self.review.on {
                    self.end_review();
                } else {
                    self.review.on = true;
                    self.review.cursor = None;
                    if let Some(s) = &mut self.session {
                        s.selection = Selection::Nothing;
                    }
                }
            }
            UiCommand::NextSuggestion | UiCommand::PreviousSuggestion => {
                let Some(s) = &self.session else { return };
                if let Some(sg) = self.review.step(s, cmd == UiCommand::NextSuggestion) {
                    self.view.scroll_to(sg.start()..sg.end());
                }
            }
            UiCommand::AcceptSuggestion => self.accept_at_cursor(None, false),
            UiCommand::AcceptAllSuggested => self.accept_at_cursor(None, true),
            UiCommand::RejectSuggestion => {
                let Some(s) = &mut self.session else { return };
                let Some(sg) = self.review.at_cursor(s) else {
                    self.hint = "Go to a suggestion first (J or Tab)".into();
                    return;
                };
                if let Err(e) = s.reject_suggestion(&sg) {
                    self.notes.error(format!("Could not reject it: {e}"));
                }
            }
            UiCommand::AddPatternFile => self.ask_for(crate::ui::pick::Purpose::PatternFile),
            _ => {}
        }
    }

    pub(super) fn end_review(&mut self) {
        self.review.on = false;
        self.review.cursor = None;
        self.review_marks = None;
        self.view.set_suggestions(None);
        self.hint = "Review ended".into();
    }

    /// Accepts the suggestion under the cursor (as `label` when given), or with `all`
    /// every suggestion of its label in the document; one undo step.
    pub(super) fn accept_at_cursor(&mut self, label: Option<&str>, all: bool) {
        let Some(s) = &mut self.session else { return };
        let Some(sg) = self.review.at_cursor(s) else {
            self.hint = "Go to a suggestion first (J or Tab)".into();
            return;
        };
        let chosen: Vec<_> = if all {
            self.review
                .current(s)
                .map(|l| l.iter().filter(|x| x.label == sg.label).cloned().collect())
                .unwrap_or_default()
        } else {
            vec![sg]
        };
        match s.accept_suggestions(&chosen, label, &self.annotator) {
            Ok(r) => {
                // The review keeps the keyboard: nothing stays selected for Backspace.
                s.selection = Selection::Nothing;
                if r.added.len() > 1 {
                    self.notes.info(format!(
                        "Accepted {} suggestions ({} new sources, {} links); Ctrl+Z takes them back",
                        r.added.len(),
                        r.sources,
                        r.links
                    ));
                }
            }
            Err(e) => self.notes.error(format!("Could not accept it: {e}")),
        }
    }

    /// Names the pattern file at `path` in the project, once it reads without error.
    pub(super) fn add_pattern_file(&mut self, path: &Path) {
        let Some(s) = &mut self.session else { return };
        let base = s.ws.base_dir();
        let name = path
            .strip_prefix(&base)
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|_| path.display().to_string());
        match crate::suggest::PatternSet::load(&[(path.to_owned(), name.clone())]) {
            Err(e) => self.notes.error(format!("Not added: {e}")),
            Ok(set) => match s.add_pattern_file(&name) {
                Ok(true) => self.notes.info(format!(
                    "Added {name}: {} pattern(s); their matches are suggested (Suggest → Review suggestions)",
                    set.len()
                )),
                Ok(false) => self.hint = format!("{name} is named already"),
                Err(e) => self.notes.error(format!("Could not add {name}: {e}")),
            },
        }
    }
}
