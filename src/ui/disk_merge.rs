//! When the project file changed on disk under an open window: reading it again, or
//! merging its new content with the window's unsaved changes. No egui here; the window's
//! dialogs call these and the tests drive them directly.

use crate::anchor;
use crate::edit::{Edit, EditError, Transaction};
use crate::merge::{self, Choices, Merge, MergeError};
use crate::model::Project;
use crate::store::{self, FileIdentity, StoreError};
use crate::ui::session::Session;
use crate::workspace::{Article, Notice, Workspace};
use std::sync::Arc;

/// Why the file on disk cannot be merged with the window's project.
#[derive(Debug, thiserror::Error)]
pub enum DiskMergeError {
    /// The file cannot be read now.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The window has no record of what the file held before, so it cannot tell its
    /// changes from the file's.
    #[error(
        "the version this window started from is not known, so the changes cannot be told apart; use Save as to keep your work in another file"
    )]
    NoBase,
    /// The merge itself failed.
    #[error(transparent)]
    Merge(#[from] MergeError),
    /// Applying the result failed (the project changed while the merge was decided).
    #[error(transparent)]
    Edit(#[from] EditError),
}

/// A merge of the file's new content with the window's project, waiting for a person to
/// decide its conflicts.
pub struct PendingMerge {
    base: Project,
    ours: Project,
    /// The file's content, re-anchored on its articles as the window would open it.
    theirs: Workspace,
    identity: FileIdentity,
    /// The merge as decided so far.
    pub merge: Merge,
    /// The decisions so far.
    pub choices: Choices,
}

impl PendingMerge {
    /// Runs the merge again with `choices`; a decision may raise a new conflict.
    pub fn decide(&mut self, choices: Choices) -> Result<(), MergeError> {
        self.merge = merge::merge_with(&self.base, &self.ours, &self.theirs.project, &choices)?;
        self.choices = choices;
        Ok(())
    }

    /// How many records the file changed, for the message after the merge.
    pub fn their_changes(&self) -> usize {
        changed_records(&self.base, &self.theirs.project)
    }

    /// How many records the window changed.
    pub fn our_changes(&self) -> usize {
        changed_records(&self.base, &self.ours)
    }
}

/// Records (documents, annotations, links, labels) added, removed or changed from `a`
/// to `b`: a count for a person, not a diff.
fn changed_records(a: &Project, b: &Project) -> usize {
    fn count<T: PartialEq, K: Ord>(a: &[T], b: &[T], key: impl Fn(&T) -> K) -> usize {
        let am: std::collections::BTreeMap<K, &T> = a.iter().map(|x| (key(x), x)).collect();
        let bm: std::collections::BTreeMap<K, &T> = b.iter().map(|x| (key(x), x)).collect();
        let changed = am
            .iter()
            .filter(|(k, x)| bm.get(*k).is_none_or(|y| y != *x))
            .count();
        changed + bm.keys().filter(|k| !am.contains_key(*k)).count()
    }
    count(&a.documents, &b.documents, |d| d.id.clone())
        + count(&a.annotations, &b.annotations, |x| x.id.clone())
        + count(&a.links, &b.links, |l| l.id.clone())
        + count(&a.labels.0, &b.labels.0, |l| l.id.clone())
        + usize::from(a.name != b.name)
}

impl Session {
    /// Reads the project file again, dropping unsaved changes (the caller asked first);
    /// the document shown stays when it still exists.
    pub fn reload(&mut self) -> Result<Vec<Notice>, StoreError> {
        let (mut fresh, notices) = Session::open(&self.ws.path, self.ws.outside_allowed)?;
        if let Some(cur) = &self.current
            && fresh.project().document(cur).is_some()
        {
            fresh.current = Some(cur.clone());
        }
        fresh.selection = self.selection.clone();
        fresh.fix_selection();
        *self = fresh;
        store::remove_recovery(&self.ws.path);
        Ok(notices)
    }

    /// Reads the file's new content and merges it with the window's project, from the
    /// version both started from. Nothing changes until [`Session::finish_merge`].
    pub fn start_merge(&self) -> Result<PendingMerge, DiskMergeError> {
        let base = self.merge_base().ok_or(DiskMergeError::NoBase)?;
        let (project, identity) = store::load_identified(&self.ws.path)?;
        let (theirs, _) =
            Workspace::from_project_with(&self.ws.path, project, self.ws.outside_allowed);
        let ours = self.ws.project.clone();
        let merge = merge::merge(&base, &ours, &theirs.project)?;
        Ok(PendingMerge {
            base,
            ours,
            theirs,
            identity,
            merge,
            choices: Choices::new(),
        })
    }

    /// Applies a decided merge as one undoable change. The file's content becomes what
    /// the window compares with from now on, so the next save writes the merge without
    /// asking again.
    pub fn finish_merge(&mut self, pending: PendingMerge) -> Result<(), DiskMergeError> {
        let PendingMerge {
            ours,
            theirs,
            identity,
            merge,
            ..
        } = pending;
        if self.ws.project != ours {
            return Err(EditError::Stale.into());
        }
        let mut merged = merge.project;
        // A document whose article the file changed: spans the window placed on the old
        // text are found again on the new one, as opening the project would.
        let mut moved = false;
        for d in &theirs.project.documents {
            let changed = ours
                .document(&d.id)
                .is_some_and(|o| o.sha256 != d.sha256 || o.path != d.path);
            if changed
                && merged.document(&d.id).is_some_and(|m| m.sha256 == d.sha256)
                && let Some(text) = theirs.text(&d.id)
            {
                let range = merged.annotation_range(&d.id);
                let report = anchor::reanchor(text, merged.annotations[range].iter_mut());
                moved |= !report.is_clean();
            }
        }
        if moved {
            merged.normalize();
        }
        let same_as_file = merged == theirs.project;
        if merged != ours {
            self.apply(Transaction::single(
                "Merge changes from disk",
                Edit::ReplaceProject {
                    before: Box::new(ours.clone()),
                    after: Box::new(merged.clone()),
                },
            ))?;
        }
        // Texts: a document whose article the file changed reads the file's copy.
        let Workspace {
            project: their_project,
            articles: mut their_articles,
            ..
        } = theirs;
        for d in &merged.documents {
            let ours_same = ours
                .document(&d.id)
                .is_some_and(|o| o.sha256 == d.sha256 && o.path == d.path);
            if !ours_same && let Some(a) = their_articles.remove(&d.id) {
                self.ws.articles.insert(d.id.clone(), a);
            }
        }
        let known: Vec<_> = self.ws.articles.keys().cloned().collect();
        for id in known {
            if merged.document(&id).is_none() {
                self.ws.articles.remove(&id);
            }
        }
        for d in &merged.documents {
            self.ws
                .articles
                .entry(d.id.clone())
                .or_insert_with(|| Article::Unavailable("the article was not loaded".into()));
        }
        self.disk = Some(identity);
        if same_as_file {
            self.history.mark_saved();
            self.set_base(None);
        } else {
            self.history.mark_unsaved();
            self.set_base(Some(Arc::new(their_project)));
        }
        self.fix_selection();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Workspace;

    #[test]
    fn spans_made_on_the_old_text_follow_an_article_changed_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let art = dir.path().join("a.txt");
        std::fs::write(&art, "They chanted “Get out” in Baghdad.").unwrap();
        let path = dir.path().join("p.ron");
        let mut s = Session::create(&path).unwrap();
        s.add_article(&art).unwrap();
        s.save().unwrap();
        let text = s.current_text().unwrap();
        let b = text.as_str().find("“Get out”").unwrap();
        let start = text.char_of(b);
        let id = s.tag(start..start + 9, "quote", "me").unwrap();

        // Someone else edits the article and the project follows it (as opening and
        // saving it does), while the window still has its new quote unsaved.
        std::fs::write(&art, "Update: they chanted “Get out” in Baghdad.").unwrap();
        let (ws, _) = Workspace::open(&path).unwrap();
        ws.save().unwrap();

        let pending = s.start_merge().unwrap();
        assert!(pending.merge.conflicts.is_empty());
        s.finish_merge(pending).unwrap();
        let a = s.project().annotation(&id).unwrap();
        assert_eq!(a.text, "“Get out”");
        assert_eq!(a.start, start + "Update: ".len());
        let now = s.current_text().unwrap();
        assert_eq!(now.slice(a.range()), "“Get out”");
        // The next save writes the merge without asking again.
        s.save().unwrap();
        assert!(crate::store::load(&path).unwrap().annotation(&id).is_some());
    }
}
