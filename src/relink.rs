//! Pointing a document at its article file again, after the file moved or was renamed.
//!
//! The person names the file; its text is checked against the hash the project
//! recorded. The same text changes only the document's path; another text has the
//! spans re-anchored on it, as opening a changed article does. Nothing is changed here:
//! [`Workspace::plan_relink`] returns the edits, and the window applies them as one
//! undoable transaction.

use crate::anchor::{self, AnchorReport};
use crate::edit::{Edit, Transaction};
use crate::model::{DocId, Document};
use crate::text::{self, DocText, TextError};
use crate::workspace::{Workspace, outside_folder};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why a document cannot be linked to a file.
#[derive(Debug, thiserror::Error)]
pub enum RelinkError {
    /// The document is not in the project.
    #[error("document {0} is not in the project")]
    NoDocument(DocId),
    /// The file could not be read as an article.
    #[error(transparent)]
    Text(#[from] TextError),
    /// The file is empty, so no span could be placed on it.
    #[error("{}: the file is empty", .0.display())]
    Empty(PathBuf),
    /// Another document of the project has exactly this text: the wrong file, surely.
    #[error("{}: this text is already in the project as {doc}", file.display())]
    Duplicate {
        /// The file chosen.
        file: PathBuf,
        /// The document that has its text.
        doc: DocId,
    },
}

/// What linking a document to a file did (or will do).
#[derive(Clone, Debug, PartialEq)]
pub struct RelinkReport {
    /// The document.
    pub doc: DocId,
    /// Its new path, as written in the project (relative to the project folder).
    pub path: String,
    /// The file's text is the one the project recorded (same SHA-256 and length).
    pub same_text: bool,
    /// What re-anchoring the document's spans on the file's text did.
    pub anchor: AnchorReport,
    /// The file lies outside the project's folder (the person chose it, so it is read).
    pub outside: bool,
    /// The project already named this file with this text: nothing in it changes.
    pub unchanged: bool,
}

impl fmt::Display for RelinkReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: linked to {}", self.doc, self.path)?;
        if self.same_text {
            return write!(f, "; the text is the one annotated, no span moved");
        }
        let a = &self.anchor;
        write!(f, "; the text differs from the one annotated")?;
        let mut parts = Vec::new();
        if a.moved > 0 {
            parts.push(format!("{} span(s) found elsewhere", a.moved));
        }
        if a.fuzzy > 0 {
            parts.push(format!("{} matched approximately", a.fuzzy));
        }
        if !a.orphaned.is_empty() {
            parts.push(format!(
                "{} could not be found and are kept as orphaned",
                a.orphaned.len()
            ));
        }
        if parts.is_empty() {
            return write!(f, ", but every span is still in place");
        }
        write!(f, ": {}", parts.join(", "))
    }
}

/// The edits that link a document to a file, with the file's text.
#[derive(Clone, Debug)]
pub struct RelinkPlan {
    /// The document's path/hash/length edit and the annotations' re-anchored spans, as
    /// one step (empty when nothing in the project changes).
    pub transaction: Transaction,
    /// The text read from the file.
    pub text: Arc<DocText>,
    /// The document before.
    pub before: Document,
    /// The document after.
    pub after: Document,
    /// What it does.
    pub report: RelinkReport,
}

impl Workspace {
    /// Reads `file` as the article of `doc` and works out the edits that link them:
    /// the path (relative to the project folder), hash and length of the document, and
    /// the spans of its annotations re-anchored on the file's text. Changes nothing.
    pub fn plan_relink(&self, doc: &DocId, file: &Path) -> Result<RelinkPlan, RelinkError> {
        let before = self
            .project
            .document(doc)
            .cloned()
            .ok_or_else(|| RelinkError::NoDocument(doc.clone()))?;
        let text = DocText::new(text::read_article(file)?);
        if text.char_len() == 0 {
            return Err(RelinkError::Empty(file.to_owned()));
        }
        let hash = text.sha256();
        if let Some(other) = self
            .project
            .documents
            .iter()
            .find(|d| d.id != *doc && d.sha256 == hash)
        {
            return Err(RelinkError::Duplicate {
                file: file.to_owned(),
                doc: other.id.clone(),
            });
        }
        let mut after = before.clone();
        after.path = self.relative_path(file);
        after.sha256 = hash;
        after.chars = text.char_len();
        let same_text = after.sha256 == before.sha256 && after.chars == before.chars;

        let old = self.project.annotations_of(doc);
        let mut placed = old.to_vec();
        let anchor = anchor::reanchor(&text, placed.iter_mut());
        let mut edits = Vec::new();
        if after != before {
            edits.push(Edit::UpdateDocument {
                before: before.clone(),
                after: after.clone(),
            });
        }
        for (b, a) in old.iter().zip(placed) {
            if *b != a {
                edits.push(Edit::UpdateAnnotation {
                    before: b.clone(),
                    after: a,
                });
            }
        }
        let report = RelinkReport {
            doc: doc.clone(),
            path: after.path.clone(),
            same_text,
            anchor,
            outside: outside_folder(&self.base_dir(), file).is_some(),
            unchanged: edits.is_empty(),
        };
        Ok(RelinkPlan {
            transaction: Transaction {
                name: format!("Link {doc} to {}", file_name(file)),
                edits,
            },
            text: Arc::new(text),
            before,
            after,
            report,
        })
    }
}

/// The last part of a path, for a short undo name.
fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Annotation;

    const TEXT: &str = "Protesters chanted “Get out, get out occupier!” in Baghdad on Friday.";

    /// A project at `dir/p.ron` whose document `d` was annotated on `TEXT` at
    /// `articles/x.txt`, a file that is no longer there.
    fn missing(dir: &Path) -> Workspace {
        let t = DocText::new(TEXT.to_owned());
        let mut ws = Workspace::create(&dir.join("p.ron"), "p");
        let d = Document::new(DocId::from("d"), "articles/x.txt", &t);
        ws.project.documents.push(d);
        let b = TEXT.find("“Get").unwrap();
        let s = t.char_of(b);
        let e = s + "“Get out, get out occupier!”".chars().count();
        let a = Annotation::new(DocId::from("d"), &t, s, e, "quote", "me").unwrap();
        ws.project.annotations.push(a);
        ws
    }

    #[test]
    fn the_same_text_changes_only_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let ws = missing(dir.path());
        std::fs::create_dir_all(dir.path().join("moved")).unwrap();
        let file = dir.path().join("moved/x.txt");
        std::fs::write(&file, TEXT).unwrap();
        let plan = ws.plan_relink(&DocId::from("d"), &file).unwrap();
        assert!(plan.report.same_text);
        assert_eq!(plan.report.path, "moved/x.txt");
        assert!(!plan.report.outside);
        assert_eq!(plan.transaction.edits.len(), 1, "{:?}", plan.transaction);
        assert_eq!(
            plan.after,
            Document {
                path: "moved/x.txt".into(),
                ..plan.before.clone()
            }
        );
    }

    #[test]
    fn another_text_re_anchors_the_spans_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let ws = missing(dir.path());
        let file = dir.path().join("x-edited.txt");
        std::fs::write(&file, format!("A new first line.\n\n{TEXT}")).unwrap();
        let plan = ws.plan_relink(&DocId::from("d"), &file).unwrap();
        assert!(!plan.report.same_text);
        assert_eq!(plan.report.anchor.moved, 1);
        assert!(plan.report.anchor.orphaned.is_empty());
        assert_ne!(plan.after.sha256, plan.before.sha256);
        let moved = plan.transaction.edits.iter().find_map(|e| match e {
            Edit::UpdateAnnotation { after, .. } => Some(after.clone()),
            _ => None,
        });
        let moved = moved.expect("an annotation edit");
        assert_eq!(
            plan.text.slice(moved.range()),
            "“Get out, get out occupier!”"
        );
        assert!(
            plan.report
                .to_string()
                .contains("1 span(s) found elsewhere")
        );
    }

    #[test]
    fn a_text_without_the_span_orphans_it_and_a_file_elsewhere_is_outside() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("project");
        std::fs::create_dir_all(&project).unwrap();
        let ws = missing(&project);
        let file = dir.path().join("other.txt");
        std::fs::write(&file, "Nothing of the kind was said here at all.").unwrap();
        let plan = ws.plan_relink(&DocId::from("d"), &file).unwrap();
        assert_eq!(plan.report.anchor.orphaned.len(), 1);
        assert!(plan.report.outside);
        assert_eq!(plan.report.path, "../other.txt");
    }

    #[test]
    fn empty_duplicate_and_unreadable_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = missing(dir.path());
        let d = DocId::from("d");
        let empty = dir.path().join("empty.txt");
        std::fs::write(&empty, "").unwrap();
        assert!(matches!(
            ws.plan_relink(&d, &empty),
            Err(RelinkError::Empty(_))
        ));
        assert!(matches!(
            ws.plan_relink(&d, &dir.path().join("nope.txt")),
            Err(RelinkError::Text(_))
        ));
        let twin = dir.path().join("twin.txt");
        std::fs::write(&twin, "Some other article.").unwrap();
        let t = DocText::new("Some other article.".to_owned());
        ws.project
            .documents
            .push(Document::new(DocId::from("e"), "twin.txt", &t));
        assert!(matches!(
            ws.plan_relink(&d, &twin),
            Err(RelinkError::Duplicate { .. })
        ));
        assert!(matches!(
            ws.plan_relink(&DocId::from("zz"), &twin),
            Err(RelinkError::NoDocument(_))
        ));
    }
}
