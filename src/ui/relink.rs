//! Linking a document to its moved article file, in the window: the core's plan
//! ([`Workspace::plan_relink`](crate::workspace::Workspace::plan_relink)) applied as one
//! undoable change, with the article texts that undo and redo bring back.
//!
//! The history undoes the project (the document's path and hash, the spans); the text
//! shown is not part of the project, so the session remembers, for each document state
//! a relink produced or left, which article went with it, and puts that back after an
//! undo or redo: undo shows the document missing again, redo shows the file's text.

use crate::model::DocId;
use crate::relink::{RelinkError, RelinkReport};
use crate::ui::session::Session;
use crate::workspace::Article;
use std::collections::BTreeMap;
use std::path::Path;

/// What identifies the article file a document record names: its id, path, hash and
/// length. Title or status edits leave it alone.
type ArticleKey = (DocId, String, String, usize);

/// The article texts that went with each document state a relink produced or left.
#[derive(Clone, Debug, Default)]
pub struct RelinkedArticles(BTreeMap<ArticleKey, Article>);

impl RelinkedArticles {
    fn key(d: &crate::model::Document) -> ArticleKey {
        (d.id.clone(), d.path.clone(), d.sha256.clone(), d.chars)
    }
}

/// Why a relink did nothing.
#[derive(Debug, thiserror::Error)]
pub enum SessionRelinkError {
    /// The file does not fit the document.
    #[error(transparent)]
    Relink(#[from] RelinkError),
    /// The edits do not fit the project.
    #[error(transparent)]
    Edit(#[from] crate::edit::EditError),
}

impl Session {
    /// Links `doc` to the article file `file`, as one undoable change: the document's
    /// path (relative to the project folder), hash and length, and its annotations'
    /// spans re-anchored when the text differs from the one annotated. A file outside
    /// the project's folder is read all the same, since the person chose it. On error
    /// nothing changes.
    pub fn relink(&mut self, doc: &DocId, file: &Path) -> Result<RelinkReport, SessionRelinkError> {
        let plan = self.ws.plan_relink(doc, file)?;
        let loaded = Article::Loaded(plan.text.clone());
        if plan.report.unchanged {
            // The file is back where the project says, with its text: nothing to undo.
            self.ws.articles.insert(doc.clone(), loaded);
            return Ok(plan.report);
        }
        let was = self
            .ws
            .articles
            .get(doc)
            .cloned()
            .unwrap_or_else(|| Article::Unavailable("the article was not loaded".to_owned()));
        self.apply(plan.transaction)?;
        let cache = &mut self.relinked.0;
        cache.insert(RelinkedArticles::key(&plan.before), was);
        cache.insert(RelinkedArticles::key(&plan.after), loaded);
        self.sync_relinked();
        Ok(plan.report)
    }

    /// After an undo or redo: gives each relinked document the article that goes with
    /// the record it now has.
    pub(crate) fn sync_relinked(&mut self) {
        for (key, article) in &self.relinked.0 {
            if let Some(d) = self.ws.project.document(&key.0)
                && RelinkedArticles::key(d) == *key
            {
                self.ws.articles.insert(key.0.clone(), article.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Annotation;
    use crate::text::DocText;

    const TEXT: &str =
        "Huge crowds chanted “Get out, get out occupier!” in the Jadiriyah district.";

    /// A saved project with one annotated article, whose file is then moved away and
    /// the project reopened: the document is missing.
    fn moved_away(dir: &Path) -> (Session, DocId, std::path::PathBuf) {
        std::fs::create_dir_all(dir.join("articles")).unwrap();
        let art = dir.join("articles/x.txt");
        std::fs::write(&art, TEXT).unwrap();
        let mut s = Session::create(&dir.join("p.ron")).unwrap();
        s.add_article(&art).unwrap();
        let id = s.project().documents[0].id.clone();
        let t = DocText::new(TEXT.to_owned());
        let b = TEXT.find("“Get").unwrap();
        let start = t.char_of(b);
        let end = start + "“Get out, get out occupier!”".chars().count();
        s.current = Some(id.clone());
        s.tag(start..end, "quote", "me").unwrap();
        s.save().unwrap();
        let moved = dir.join("elsewhere.txt");
        std::fs::rename(&art, &moved).unwrap();
        let (s, _) = Session::open(&dir.join("p.ron"), false).unwrap();
        assert!(s.ws.text(&id).is_none());
        (s, id, moved)
    }

    #[test]
    fn relink_is_one_step_that_undo_takes_back_to_missing() {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, id, moved) = moved_away(dir.path());
        let revision = s.history.revision();
        let report = s.relink(&id, &moved).unwrap();
        assert!(report.same_text, "{report}");
        assert_eq!(s.project().document(&id).unwrap().path, "elsewhere.txt");
        assert!(s.ws.text(&id).is_some());
        assert!(s.is_dirty());
        assert_eq!(s.history.undo_name(), Some("Link x to elsewhere.txt"));
        s.undo();
        assert_eq!(s.history.revision(), revision);
        assert_eq!(s.project().document(&id).unwrap().path, "articles/x.txt");
        assert!(s.ws.text(&id).is_none(), "undo shows it missing again");
        assert!(!s.is_dirty());
        s.redo();
        assert_eq!(s.project().document(&id).unwrap().path, "elsewhere.txt");
        assert!(s.ws.text(&id).is_some(), "redo links it again");
        // Saved and reopened, the document reads the new file.
        s.save().unwrap();
        let (again, notices) = Session::open(&dir.path().join("p.ron"), false).unwrap();
        assert!(notices.is_empty(), "{notices:?}");
        assert!(again.ws.text(&id).is_some());
    }

    #[test]
    fn a_changed_text_moves_the_spans_in_the_same_step() {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, id, moved) = moved_away(dir.path());
        std::fs::write(&moved, format!("An editor's note first.\n\n{TEXT}")).unwrap();
        let before: Vec<Annotation> = s.project().annotations_of(&id).to_vec();
        let report = s.relink(&id, &moved).unwrap();
        assert!(!report.same_text);
        assert_eq!(report.anchor.moved, 1);
        let text = s.ws.text(&id).unwrap().clone();
        let a = &s.project().annotations_of(&id)[0];
        assert_eq!(text.slice(a.range()), "“Get out, get out occupier!”");
        assert_eq!(
            a.start,
            before[0].start + "An editor's note first.\n\n".len()
        );
        s.undo();
        assert_eq!(s.project().annotations_of(&id), &before[..]);
        assert!(s.ws.text(&id).is_none());
    }

    #[test]
    fn a_refused_file_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, id, _) = moved_away(dir.path());
        let revision = s.history.revision();
        let before = s.project().clone();
        let empty = dir.path().join("empty.txt");
        std::fs::write(&empty, "").unwrap();
        assert!(s.relink(&id, &empty).is_err());
        assert_eq!(s.history.revision(), revision);
        assert_eq!(*s.project(), before);
        assert!(s.ws.text(&id).is_none());
    }
}
