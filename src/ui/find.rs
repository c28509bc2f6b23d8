//! Find in the article (Ctrl+F): a bar over the text, every match marked, Enter and
//! Shift+Enter to step. Matching is case-insensitive and counts chars, so matches go
//! straight to the view as char ranges.

use crate::model::DocId;
use crate::text::DocText;
use std::ops::Range;

pub use crate::search::{MAX_MATCHES, find_all};
use crate::search::{find_in_folded, fold_str};

/// The find bar's state.
#[derive(Default)]
pub struct FindState {
    /// The bar is shown.
    pub open: bool,
    /// What is searched for.
    pub query: String,
    /// Matches in the current document, as char ranges.
    pub matches: Vec<Range<usize>>,
    /// Index of the current match.
    pub current: Option<usize>,
    /// The bar's field should take the keyboard this frame.
    pub focus_requested: bool,
    /// What `matches` was computed for.
    computed_for: Option<(DocId, String, usize)>,
    /// The current document's text case-folded, kept while the bar is used so a
    /// keystroke in a 10 MB article searches instead of folding it again.
    folded: Option<(DocId, usize, String)>,
}

impl FindState {
    /// Recomputes matches when the document or the query changed. Returns true when they
    /// did and a first match was chosen, so the caller can scroll to it.
    pub fn refresh(&mut self, doc: &DocId, text: &DocText) -> bool {
        let key = (doc.clone(), self.query.clone(), text.char_len());
        if self.computed_for.as_ref() == Some(&key) {
            return false;
        }
        self.matches = if self.open && !self.query.is_empty() {
            let fresh = |f: &(DocId, usize, String)| f.0 == *doc && f.1 == text.char_len();
            if !self.folded.as_ref().is_some_and(fresh) {
                self.folded = Some((doc.clone(), text.char_len(), fold_str(text.as_str())));
            }
            let folded = self.folded.as_ref().map_or("", |f| f.2.as_str());
            find_in_folded(folded, &fold_str(&self.query), MAX_MATCHES)
        } else {
            Vec::new()
        };
        self.current = (!self.matches.is_empty()).then_some(0);
        self.computed_for = Some(key);
        self.current.is_some()
    }

    /// Steps to the next (`+1`) or previous (`-1`) match, wrapping; returns its range.
    pub fn step(&mut self, delta: isize) -> Option<Range<usize>> {
        let n = self.matches.len() as isize;
        if n == 0 {
            return None;
        }
        let i = match self.current {
            Some(i) => (i as isize + delta).rem_euclid(n),
            None if delta < 0 => n - 1,
            None => 0,
        } as usize;
        self.current = Some(i);
        self.matches.get(i).cloned()
    }

    /// Hides the bar and forgets the matches.
    pub fn close(&mut self) {
        self.open = false;
        self.matches.clear();
        self.current = None;
        self.computed_for = None;
        self.folded = None;
    }

    /// "3 of 12", "No matches" or nothing.
    pub fn summary(&self) -> String {
        if self.query.is_empty() {
            return String::new();
        }
        match (self.current, self.matches.len()) {
            (_, 0) => "No matches".to_owned(),
            (Some(i), n) if n >= MAX_MATCHES => format!("{} of {n}+", i + 1),
            (Some(i), n) => format!("{} of {n}", i + 1),
            (None, n) => format!("{n} matches"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stepping_wraps() {
        let t = DocText::new("a b a b a".to_owned());
        let mut f = FindState {
            open: true,
            query: "a".into(),
            ..Default::default()
        };
        assert!(f.refresh(&DocId::from("d"), &t));
        assert_eq!(f.summary(), "1 of 3");
        assert_eq!(f.step(-1), Some(8..9));
        assert_eq!(f.step(1), Some(0..1));
        assert_eq!(f.step(1), Some(4..5));
    }
}
