//! What is selected: nothing, a caret or text range in one document, or one or more
//! annotations. It lives beside the project, not in the window's view, so that every
//! change can record it before and after (see [`crate::edit::History`]) and undo brings
//! back what was selected when the change was made.

use crate::model::{AnnotationId, DocId, Project};
use std::ops::Range;

/// The one selection of a window.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Selection {
    /// Nothing is selected.
    #[default]
    Nothing,
    /// A caret (`anchor == head`) or a range of text in a document, in chars. The
    /// anchor stays where the selection started; keys and Shift+click move the head.
    Text {
        /// The document.
        doc: DocId,
        /// Where the selection started.
        anchor: usize,
        /// The end that moves (where the caret is).
        head: usize,
    },
    /// Annotations; the last is the primary one (shown in the inspector, moved by the
    /// nudge keys).
    Annotations(Vec<AnnotationId>),
}

impl Selection {
    /// A caret at char `at`.
    pub fn caret(doc: DocId, at: usize) -> Self {
        Selection::Text {
            doc,
            anchor: at,
            head: at,
        }
    }

    /// A text range, anchored at its start.
    pub fn range(doc: DocId, r: Range<usize>) -> Self {
        Selection::Text {
            doc,
            anchor: r.start,
            head: r.end,
        }
    }

    /// One annotation.
    pub fn one(id: AnnotationId) -> Self {
        Selection::Annotations(vec![id])
    }

    /// The selected text in `doc`, when a non-empty range of it is selected.
    pub fn text_range(&self, in_doc: &DocId) -> Option<Range<usize>> {
        match self {
            Selection::Text { doc, anchor, head } if doc == in_doc && anchor != head => {
                Some(*anchor.min(head)..*anchor.max(head))
            }
            _ => None,
        }
    }

    /// The caret's place (the head) in `doc`, with or without a range.
    pub fn head(&self, in_doc: &DocId) -> Option<usize> {
        match self {
            Selection::Text { doc, head, .. } if doc == in_doc => Some(*head),
            _ => None,
        }
    }

    /// The selected annotations (empty unless annotations are selected).
    pub fn annotations(&self) -> &[AnnotationId] {
        match self {
            Selection::Annotations(ids) => ids,
            _ => &[],
        }
    }

    /// The primary selected annotation.
    pub fn primary(&self) -> Option<&AnnotationId> {
        self.annotations().last()
    }

    /// True when this annotation is selected.
    pub fn contains(&self, id: &AnnotationId) -> bool {
        self.annotations().contains(id)
    }

    /// Adds the annotation to the selection, or takes it out when it is in (Ctrl+click).
    /// A text selection gives way to it.
    pub fn toggle(&mut self, id: AnnotationId) {
        match self {
            Selection::Annotations(ids) => match ids.iter().position(|x| *x == id) {
                Some(i) => {
                    ids.remove(i);
                    if ids.is_empty() {
                        *self = Selection::Nothing;
                    }
                }
                None => ids.push(id),
            },
            _ => *self = Selection::one(id),
        }
    }

    /// The document the selection is in, when it names one that `p` has (the first
    /// annotation's, for annotations).
    pub fn doc<'a>(&'a self, p: &'a Project) -> Option<&'a DocId> {
        match self {
            Selection::Nothing => None,
            Selection::Text { doc, .. } => Some(doc),
            Selection::Annotations(ids) => {
                ids.iter().find_map(|id| p.annotation(id).map(|a| &a.doc))
            }
        }
    }

    /// Drops what `p` no longer has: annotations that went, a range past the end of a
    /// document whose text is `doc_len` chars long (`None` when unknown).
    pub fn retain_existing(&mut self, p: &Project, doc_len: impl Fn(&DocId) -> Option<usize>) {
        match self {
            Selection::Nothing => {}
            Selection::Text { doc, anchor, head } => match (p.document(doc), doc_len(doc)) {
                (None, _) => *self = Selection::Nothing,
                (Some(_), Some(n)) if *anchor > n || *head > n => *self = Selection::Nothing,
                _ => {}
            },
            Selection::Annotations(ids) => {
                ids.retain(|id| p.annotation(id).is_some());
                if ids.is_empty() {
                    *self = Selection::Nothing;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggling_adds_removes_and_empties() {
        let (a, b) = (AnnotationId::from("a1"), AnnotationId::from("a2"));
        let mut s = Selection::range(DocId::from("d"), 3..9);
        s.toggle(a.clone());
        assert_eq!(s, Selection::one(a.clone()));
        s.toggle(b.clone());
        assert_eq!(s.annotations(), [a.clone(), b.clone()]);
        assert_eq!(s.primary(), Some(&b));
        s.toggle(a.clone());
        assert_eq!(s.annotations(), std::slice::from_ref(&b));
        s.toggle(b);
        assert_eq!(s, Selection::Nothing);
    }

    #[test]
    fn text_range_is_ordered_and_empty_for_a_caret() {
        let d = DocId::from("d");
        let back = Selection::Text {
            doc: d.clone(),
            anchor: 9,
            head: 3,
        };
        assert_eq!(back.text_range(&d), Some(3..9));
        assert_eq!(back.head(&d), Some(3));
        assert_eq!(back.text_range(&DocId::from("other")), None);
        assert_eq!(Selection::caret(d.clone(), 4).text_range(&d), None);
        assert_eq!(Selection::caret(d.clone(), 4).head(&d), Some(4));
    }
}
