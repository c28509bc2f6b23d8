//! Spans of several ranges in the session: a range added to an annotation (a quote
//! interrupted by its attribution) and one taken away, each one undoable change.

use super::session::{Session, SessionError};
use crate::model::AnnotationId;
use std::ops::Range;

impl Session {
    /// Adds `range` of its document to an annotation; a range that overlaps or touches
    /// one of its ranges joins it. The annotation stays selected.
    pub fn add_range(
        &mut self,
        id: &AnnotationId,
        range: Range<usize>,
    ) -> Result<(), SessionError> {
        let a = self.annotation_copy(id)?;
        let text = self.loaded_text(&a.doc)?;
        let mut ranges: Vec<Range<usize>> = a.ranges().collect();
        ranges.push(range);
        let mut after = a;
        after.set_ranges(&text, &ranges)?;
        self.update(after, "Add a range")
    }

    /// Takes the `index`th range (0 is the first) out of an annotation of several; the
    /// last range cannot go (delete the annotation instead), and nothing changes then.
    pub fn remove_range(&mut self, id: &AnnotationId, index: usize) -> Result<bool, SessionError> {
        let a = self.annotation_copy(id)?;
        let mut ranges: Vec<Range<usize>> = a.ranges().collect();
        if ranges.len() < 2 || index >= ranges.len() {
            return Ok(false);
        }
        let text = self.loaded_text(&a.doc)?;
        ranges.remove(index);
        let mut after = a;
        after.set_ranges(&text, &ranges)?;
        self.update(after, "Remove a range")?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Annotation, DocId, Document, Project};
    use crate::selection::Selection;
    use crate::text::DocText;
    use crate::ui::session::Session;
    use crate::workspace::{Article, Workspace};
    use std::sync::Arc;

    const TEXT: &str =
        "“The people have spoken,” said Hassan al-Amiri, “and they will not be silenced.”";

    #[test]
    fn a_range_is_added_and_removed_in_undoable_steps() {
        let t = DocText::new(TEXT.to_owned());
        let d = DocId::from("d");
        let mut p = Project::new("t");
        p.documents.push(Document::new(d.clone(), "d.txt", &t));
        let a = Annotation::new(d.clone(), &t, 1, 24, "quote", "t").unwrap();
        let id = a.id.clone();
        p.annotations.push(a);
        let mut ws = Workspace::create(std::path::Path::new("/nonexistent/p.ron"), "t");
        ws.project = p;
        ws.articles.insert(d, Article::Loaded(Arc::new(t)));
        let mut s = Session::from_workspace(ws, &[]);
        s.select(Selection::one(id.clone()));
        let get = |s: &Session| s.project().annotation(&id).unwrap().clone();
        s.add_range(&id, 49..79).unwrap();
        assert_eq!(
            get(&s).text,
            "The people have spoken, and they will not be silenced."
        );
        assert_eq!(s.selection, Selection::one(id.clone()));
        // A range over part of one it has already makes nothing new.
        s.add_range(&id, 60..70).unwrap();
        assert_eq!(get(&s).ranges().count(), 2);
        assert_eq!(s.history.undo_name(), Some("Add a range"));
        assert!(s.remove_range(&id, 0).unwrap());
        assert_eq!(get(&s).text, "and they will not be silenced.");
        assert_eq!(get(&s).range(), 49..79);
        assert!(!s.remove_range(&id, 0).unwrap(), "the last range stays");
        s.undo();
        assert_eq!(get(&s).ranges().collect::<Vec<_>>(), vec![1..24, 49..79]);
        s.undo();
        assert_eq!(get(&s).ranges().count(), 1);
        assert_eq!(get(&s).text, "The people have spoken,");
    }
}
