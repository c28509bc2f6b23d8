//! An import applied to an open project: with its new article files written (as the
//! command line writes them, by [`crate::dataset::prepare_import`] on the worker),
//! labels, documents and annotations go in as ONE undoable transaction, so one undo
//! takes the whole import back. No egui here.
//!
//! Article files an import wrote stay on disk while the project is open: redo needs
//! them, and so does the recovery file autosave may write meanwhile. When the project
//! is closed (or another one opened), [`remove_unused_articles`] removes those that the
//! project file on disk does not name, that still hold what the import wrote, and only
//! when no recovery file could name them; so an import that was undone, or never saved,
//! leaves no stray files in `articles/`.

use crate::dataset::{ImportPlan, ImportReport};
use crate::edit::{Edit, EditError, Transaction};
use crate::model::Project;
use crate::store;
use crate::text;
use crate::ui::session::Session;
use crate::workspace::Article;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Above this many id comparisons (new annotations × all annotations), the import is
/// recorded as one replacement of the project instead of one edit per annotation:
/// each insert looks its id up in a list, so many small edits grow quadratically, while
/// a replacement costs one copy of the project.
pub const MAX_FINE_GRAINED_WORK: usize = 20_000_000;

/// Why an import could not be applied: the plan no longer fits the project (it
/// changed while the input was read). Nothing was changed.
#[derive(Debug, thiserror::Error)]
#[error("the project changed while the import was read ({0}); nothing was imported")]
pub struct ApplyImportError(#[from] pub EditError);

/// An article file an import wrote, to remove it again if the project never keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrittenArticle {
    /// Where it was written.
    pub path: PathBuf,
    /// The SHA-256 of its text as read back (its document's), so a file changed since
    /// is never removed.
    pub sha256: String,
}

/// What [`Session::apply_import`] did.
#[derive(Clone, Debug)]
pub struct AppliedImport {
    /// The summary.
    pub report: ImportReport,
    /// The article files it wrote.
    pub written: Vec<WrittenArticle>,
}

/// The plan as one undoable transaction named `name`: one edit per label, document
/// and annotation (annotations in the project's order, so each insert lands after
/// the one before), or, when that would be slow, one replacement of the project.
pub fn import_transaction(project: &Project, plan: &ImportPlan, name: &str) -> Transaction {
    let work = plan
        .annotations
        .len()
        .saturating_mul(project.annotations.len() + plan.annotations.len());
    if work <= MAX_FINE_GRAINED_WORK {
        let mut tx = plan.transaction(project);
        // Labels and documents come first, then the annotations.
        let first = tx
            .edits
            .iter()
            .position(|e| matches!(e, Edit::InsertAnnotation(_)))
            .unwrap_or(tx.edits.len());
        tx.edits[first..].sort_by(|a, b| match (a, b) {
            (Edit::InsertAnnotation(a), Edit::InsertAnnotation(b)) => {
                a.sort_key().cmp(&b.sort_key())
            }
            _ => std::cmp::Ordering::Equal,
        });
        tx.name = name.to_owned();
        return tx;
    }
    let mut after = project.clone();
    after.labels.0.extend(plan.labels.iter().cloned());
    after.documents.extend(plan.documents.iter().cloned());
    after.annotations.extend(plan.annotations.iter().cloned());
    after.links.extend(plan.links.iter().cloned());
    after.normalize();
    Transaction::single(
        name,
        Edit::ReplaceProject {
            before: Box::new(project.clone()),
            after: Box::new(after),
        },
    )
}

impl Session {
    /// Applies a plan whose article files are written
    /// ([`crate::dataset::prepare_import`]) as one undoable change named `name`
    /// ("Import doccano.jsonl"). On error nothing changed and the plan's files are
    /// removed again. The first new document is shown when none was.
    pub fn apply_import(
        &mut self,
        mut plan: ImportPlan,
        name: &str,
    ) -> Result<AppliedImport, ApplyImportError> {
        let tx = import_transaction(self.project(), &plan, name);
        if let Err(e) = self.apply(tx) {
            plan.remove_articles();
            return Err(e.into());
        }
        // A plan holds one file per new document, in the same order.
        let written: Vec<WrittenArticle> = plan
            .files
            .iter()
            .zip(&plan.documents)
            .map(|((path, _), doc)| WrittenArticle {
                path: path.clone(),
                sha256: doc.sha256.clone(),
            })
            .collect();
        for (id, t) in plan.take_texts() {
            self.ws.articles.insert(id, Article::Loaded(Arc::new(t)));
        }
        if self.current.is_none() {
            self.current = plan.documents.first().map(|d| d.id.clone());
        }
        Ok(AppliedImport {
            report: plan.report,
            written,
        })
    }
}

/// Removes the article files in `written` that the project file at `project_file`
/// does not name, that still hold what was written, when no recovery file sits beside
/// the project. Returns the files removed. Called when the project is closed: the
/// imports that wrote them were undone or never saved. When the project file cannot be
/// read, nothing is removed.
pub fn remove_unused_articles(project_file: &Path, written: &[WrittenArticle]) -> Vec<PathBuf> {
    if written.is_empty() || store::recovery_path(project_file).exists() {
        return Vec::new();
    }
    let Ok(saved) = store::load(project_file) else {
        return Vec::new();
    };
    // Relative paths start from the folder of the file a symlinked project names.
    let real = store::resolve(project_file).unwrap_or_else(|_| project_file.to_owned());
    let base = match real.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let named: HashSet<PathBuf> = saved
        .documents
        .iter()
        .filter_map(|d| std::fs::canonicalize(base.join(&d.path)).ok())
        .collect();
    let mut removed = Vec::new();
    for w in written {
        let Ok(real) = std::fs::canonicalize(&w.path) else {
            continue;
        };
        if named.contains(&real) {
            continue;
        }
        let unchanged = text::read_article(&w.path).is_ok_and(|t| text::sha256_hex(&t) == w.sha256);
        if unchanged && std::fs::remove_file(&w.path).is_ok() {
            removed.push(w.path.clone());
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Format, ImportOptions, parse_input, plan_import};

    const DOCCANO: &str = "{\"text\": \"More than 2.5 million people took part.\", \
        \"label\": [[0, 21, \"figure\"], [22, 28, \"crowd\"]]}\n\
        {\"text\": \"Officials said 5,200 troops remain.\", \"label\": [[15, 27, \"figure\"]]}\n";

    fn session(dir: &Path) -> Session {
        Session::create(&dir.join("p.ron")).unwrap()
    }

    /// A plan for `body` (doccano), its articles not written yet.
    fn plan(s: &Session, dir: &Path, body: &str) -> ImportPlan {
        let input = dir.join("in.jsonl");
        std::fs::write(&input, body).unwrap();
        let records = parse_input(Format::Doccano, &input).unwrap();
        plan_import(&s.ws, records, &ImportOptions::default()).unwrap()
    }

    /// A plan for `body` with its articles written, as the window's worker leaves it.
    fn prepared(s: &Session, dir: &Path, body: &str) -> ImportPlan {
        let p = plan(s, dir, body);
        p.write_articles().unwrap();
        p
    }

    #[test]
    fn one_undo_takes_documents_labels_and_annotations_back_and_redo_restores_them() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = session(dir.path());
        let before = s.project().clone();
        let p = prepared(&s, dir.path(), DOCCANO);
        let done = s.apply_import(p, "Import in.jsonl").unwrap();
        assert_eq!(done.report.new_documents.len(), 2);
        assert_eq!(done.report.annotations_added, 3);
        assert_eq!(done.report.labels_added, vec!["crowd".to_owned()]);
        assert_eq!(done.written.len(), 2);
        assert!(done.written.iter().all(|w| w.path.is_file()));
        assert_eq!(s.project().annotations.len(), 3);
        // The new texts are there to show, and the first new document is shown.
        let first = s.current.clone().unwrap();
        assert!(s.ws.text(&first).is_some());
        assert_eq!(s.history.undo_name(), Some("Import in.jsonl"));
        assert_eq!(s.undo().as_deref(), Some("Import in.jsonl"));
        assert_eq!(*s.project(), before);
        assert!(s.history.undo_name().is_none());
        s.redo().unwrap();
        assert_eq!(s.project().annotations.len(), 3);
        assert!(s.project().labels.get("crowd").is_some());
    }

    #[test]
    fn a_large_import_is_one_replacement_with_the_same_result() {
        let dir = tempfile::tempdir().unwrap();
        let s = session(dir.path());
        let body: String = (0..5000)
            .map(|i| {
                format!(
                    "{{\"text\": \"Report {i}: 2.5 million.\", \"label\": [[0, 6, \"figure\"]]}}\n"
                )
            })
            .collect();
        let p = plan(&s, dir.path(), &body);
        let tx = import_transaction(s.project(), &p, "Import");
        assert!(matches!(tx.edits.as_slice(), [Edit::ReplaceProject { .. }]));
        let mut fast = s.project().clone();
        tx.apply(&mut fast).unwrap();
        // What the edits one by one would give.
        let mut slow = s.project().clone();
        p.transaction(s.project()).apply(&mut slow).unwrap();
        assert_eq!(fast, slow);
        let small = plan(&s, dir.path(), DOCCANO);
        let tx = import_transaction(s.project(), &small, "Import");
        assert_eq!(tx.edits.len(), 1 + 2 + 3);
    }

    #[test]
    fn a_plan_that_no_longer_fits_changes_nothing_and_leaves_no_files() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = session(dir.path());
        let first = prepared(&s, dir.path(), DOCCANO);
        // A second plan made before the first was applied, written under other names.
        let mut stale = plan(&s, dir.path(), DOCCANO);
        s.apply_import(first, "Import").unwrap();
        let state = s.project().clone();
        let revision = s.history.revision();
        for (i, (f, _)) in stale.files.iter_mut().enumerate() {
            *f = f.with_file_name(format!("stale-{i}.txt"));
        }
        stale.write_articles().unwrap();
        let files: Vec<PathBuf> = stale.files.iter().map(|(f, _)| f.clone()).collect();
        assert!(files.iter().all(|f| f.is_file()));
        // Its label and documents are there already: the edit is refused, nothing
        // changes, and the files it wrote are removed again.
        let e = s.apply_import(stale, "Import").unwrap_err();
        assert!(e.to_string().contains("does not fit the project"), "{e}");
        assert_eq!(*s.project(), state);
        assert_eq!(s.history.revision(), revision);
        assert!(files.iter().all(|f| !f.exists()));
    }

    #[test]
    fn closing_removes_the_files_of_imports_the_project_file_does_not_keep() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = session(dir.path());
        let p = prepared(&s, dir.path(), DOCCANO);
        let kept = s.apply_import(p, "Import").unwrap().written;
        s.save().unwrap();
        let p = prepared(
            &s,
            dir.path(),
            "{\"text\": \"A third text.\", \"label\": [[2, 7, \"figure\"]]}\n",
        );
        let undone = s.apply_import(p, "Import").unwrap().written;
        s.undo().unwrap();
        let all: Vec<WrittenArticle> = kept.iter().chain(&undone).cloned().collect();
        // A recovery file could name any of them: nothing goes.
        std::fs::write(store::recovery_path(&s.ws.path), "x").unwrap();
        assert!(remove_unused_articles(&s.ws.path, &all).is_empty());
        store::remove_recovery(&s.ws.path);
        // A file changed since it was written is someone's work: it stays.
        let changed = WrittenArticle {
            sha256: "0".repeat(64),
            ..undone[0].clone()
        };
        assert!(remove_unused_articles(&s.ws.path, &[changed]).is_empty());
        let removed = remove_unused_articles(&s.ws.path, &all);
        assert_eq!(removed, vec![undone[0].path.clone()]);
        assert!(!undone[0].path.exists());
        assert!(kept.iter().all(|w| w.path.is_file()));
    }
}
