//! The suggestions of the shown document and the review of them: found on a worker
//! thread ([`crate::suggest::suggest`]) whenever the document shown, the project
//! (an accept, a reject, any edit) or its pattern files change, and kept with what they
//! were found for, so a stale list is never reviewed. The review mode steps through
//! them; accepting and rejecting are edits of the session (one undo step each).
//!
//! No egui here: the app polls [`SuggestionReview::refresh`] once a frame (an idle
//! frame compares a few numbers) and repaints while a search runs.

use crate::model::DocId;
use crate::suggest::{Input, PatternSet, Suggestion, suggest};
use crate::ui::session::Session;
use std::sync::Arc;
use std::thread::JoinHandle;

/// What a list of suggestions was found for: the document, the history's revision and
/// the pattern files named.
type Key = (DocId, u64, Vec<String>);

/// The pattern files as loaded: the project's list, and the set or why it failed.
type Loaded = (Vec<String>, Result<Arc<PatternSet>, String>);

/// What a search gives: the suggestions, and the pattern files when it loaded them.
type Found = (Vec<Suggestion>, Option<Loaded>);

/// Suggestions for the shown document, the search that finds them, and the review.
#[derive(Default)]
pub struct SuggestionReview {
    /// The review mode is on: the keys step, accept and reject.
    pub on: bool,
    /// The suggestion the review is on, by index into `found`.
    pub cursor: Option<usize>,
    /// The last suggestions found, for what.
    found: Option<(Key, Arc<Vec<Suggestion>>)>,
    /// The search under way, for what.
    job: Option<(Key, JoinHandle<Found>)>,
    /// The pattern files last loaded.
    patterns: Option<Loaded>,
    /// A pattern file's error, once, for the app to show.
    pending_error: Option<String>,
}

impl SuggestionReview {
    /// Starts a search when what the suggestions depend on changed, and takes in a
    /// finished one. Returns whether a search is under way (the app repaints then).
    pub fn refresh(&mut self, s: &Session) -> bool {
        if let Some((_, h)) = &self.job
            && h.is_finished()
            && let Some((key, h)) = self.job.take()
        {
            match h.join() {
                Ok((list, loaded)) => {
                    if let Some(l) = loaded {
                        if let Err(e) = &l.1 {
                            self.pending_error = Some(e.clone());
                        }
                        self.patterns = Some(l);
                    }
                    self.found = Some((key, Arc::new(list)));
                    self.clamp_cursor();
                }
                Err(_) => {
                    self.pending_error = Some("finding suggestions failed".into());
                }
            }
        }
        let Some(doc) = s.current.clone() else {
            return self.job.is_some();
        };
        let key: Key = (
            doc.clone(),
            s.history.revision(),
            s.project().patterns.clone(),
        );
        let fresh = self.found.as_ref().is_some_and(|(k, _)| *k == key)
            || self.job.as_ref().is_some_and(|(k, _)| *k == key);
        if fresh || self.job.is_some() {
            return self.job.is_some();
        }
        let Some(text) = s.ws.text(&doc).cloned() else {
            return false;
        };
        let p = s.project();
        let labels = p.labels.clone();
        let existing = p.annotations_of(&doc).to_vec();
        let rejected: Vec<_> = p
            .rejected
            .iter()
            .filter(|r| r.doc == doc)
            .cloned()
            .collect();
        let to_load = match &self.patterns {
            Some((names, _)) if *names == p.patterns => None,
            _ => Some(
                p.patterns
                    .iter()
                    .map(|n| (s.ws.base_dir().join(n), n.clone()))
                    .collect::<Vec<_>>(),
            ),
        };
        let names = p.patterns.clone();
        let loaded_set = self
            .patterns
            .as_ref()
            .and_then(|(_, r)| r.as_ref().ok().cloned());
        let d = doc.clone();
        let handle = std::thread::spawn(move || {
            let loaded = to_load.map(|files| {
                let set = PatternSet::load(&files)
                    .map(Arc::new)
                    .map_err(|e| e.to_string());
                (names, set)
            });
            let set = match &loaded {
                Some((_, Ok(set))) => set.clone(),
                Some((_, Err(_))) => Arc::new(PatternSet::new()),
                None => loaded_set.unwrap_or_default(),
            };
            let list = suggest(&Input {
                doc: &d,
                text: &text,
                labels: &labels,
                existing: &existing,
                rejected: &rejected,
                patterns: &set,
            });
            (list, loaded)
        });
        self.job = Some((key, handle));
        true
    }

    /// A pattern file's error from the last load, once.
    pub fn take_error(&mut self) -> Option<String> {
        self.pending_error.take()
    }

    /// The suggestions of `doc` at the session's revision, if they are found.
    pub fn current(&self, s: &Session) -> Option<Arc<Vec<Suggestion>>> {
        let (key, list) = self.found.as_ref()?;
        (Some(&key.0) == s.current.as_ref() && key.1 == s.history.revision()).then(|| list.clone())
    }

    /// Whether the list shown is being found again.
    pub fn is_searching(&self) -> bool {
        self.job.is_some()
    }

    /// The suggestion the review is on.
    pub fn at_cursor(&self, s: &Session) -> Option<Suggestion> {
        let list = self.current(s)?;
        list.get(self.cursor?).cloned()
    }

    /// Moves the cursor to the next (or previous) suggestion, wrapping; returns it.
    pub fn step(&mut self, s: &Session, forward: bool) -> Option<Suggestion> {
        let list = self.current(s)?;
        if list.is_empty() {
            self.cursor = None;
            return None;
        }
        let n = list.len();
        self.cursor = Some(match (self.cursor, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        });
        self.at_cursor(s)
    }

    /// After the list changed: the cursor stays at the same index (the next one, since
    /// the one it was on was accepted or rejected), within the list.
    fn clamp_cursor(&mut self) {
        let n = self.found.as_ref().map_or(0, |(_, l)| l.len());
        self.cursor = match (self.cursor, n) {
            (_, 0) => None,
            (Some(i), n) => Some(i.min(n - 1)),
            (None, _) => None,
        };
    }

    /// Forgets everything: another project is open.
    pub fn reset(&mut self) {
        *self = Self::default();
    }
}
