//! Every change to a project as an invertible command, and the undo history.
//!
//! The window never mutates a [`Project`] directly: it builds a [`Transaction`] and hands
//! it to [`History::apply`]. Each edit carries the state before and after, so its inverse
//! is exact and undo/redo are unlimited. An edit that removes or replaces a record checks
//! that the record is still what the edit says it was, and refuses otherwise
//! ([`EditError::Changed`]): an edit never lies about what it undoes. The history
//! remembers which revision was saved, so "unsaved" is derived, never tracked by hand.

use crate::model::{Annotation, AnnotationId, DocId, Document, Link, Project};
use crate::selection::Selection;

/// One elementary change.
// Edits carry whole annotations so that their inverse is exact; boxing them would only
// add an allocation to every edit for a history of, at most, thousands of entries.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Adds an annotation.
    InsertAnnotation(Annotation),
    /// Removes an annotation (the value is what gets restored on undo).
    RemoveAnnotation(Annotation),
    /// Replaces an annotation with the same id: relabel, move, note, attributes, and the
    /// extra ranges of a quote interrupted by its attribution (`more`).
    UpdateAnnotation {
        /// The annotation before.
        before: Annotation,
        /// The annotation after.
        after: Annotation,
    },
    /// Adds a document.
    InsertDocument(Document),
    /// Removes a document (its annotations must be removed by their own edits first).
    RemoveDocument(Document),
    /// Replaces a document's metadata or status.
    UpdateDocument {
        /// The document before.
        before: Document,
        /// The document after.
        after: Document,
    },
    /// Adds a link.
    InsertLink(Link),
    /// Removes a link.
    RemoveLink(Link),
    /// Replaces a link with the same id: its kind, note or ends.
    UpdateLink {
        /// The link before.
        before: Link,
        /// The link after.
        after: Link,
    },
    /// Adds a cluster (its members are annotation edits of their own).
    InsertCluster(crate::model::Cluster),
    /// Removes a cluster (its members must have left it by their own edits first).
    RemoveCluster(crate::model::Cluster),
    /// Renames a cluster or changes its note.
    UpdateCluster {
        /// The cluster before.
        before: crate::model::Cluster,
        /// The cluster after.
        after: crate::model::Cluster,
    },
    /// Adds a label to the scheme at position `at` (the scheme's order is the order of
    /// the keys and menus).
    AddLabel {
        /// The label.
        label: crate::model::Label,
        /// Its position, at most the scheme's length.
        at: usize,
    },
    /// Removes the label at position `at` of the scheme.
    RemoveLabel {
        /// The label, as it is there.
        label: crate::model::Label,
        /// Its position, so that undo puts it back there.
        at: usize,
    },
    /// Remembers a rejected suggestion, so it is not proposed again (see
    /// [`crate::suggest`]).
    InsertRejected(crate::model::Rejected),
    /// Forgets a rejected suggestion.
    RemoveRejected(crate::model::Rejected),
    /// Replaces the project's list of pattern files.
    SetPatterns {
        /// The list before.
        before: Vec<String>,
        /// The list after.
        after: Vec<String>,
    },
    /// Replaces the whole project: what a merge with the file on disk does, as one step
    /// that undo can take back. Refused unless the project is `before`.
    ReplaceProject {
        /// The project before.
        before: Box<Project>,
        /// The project after.
        after: Box<Project>,
    },
    /// Puts a recorded merge conflict back at position `at` of the `conflicts` list
    /// (the undo of settling it).
    InsertRecordedConflict {
        /// The entry.
        entry: crate::model::RecordedConflict,
        /// Its position, at most the list's length.
        at: usize,
    },
    /// Removes the recorded merge conflict at position `at`: it was settled.
    RemoveRecordedConflict {
        /// The entry, as it is there.
        entry: crate::model::RecordedConflict,
        /// Its position.
        at: usize,
    },
}

/// Why an edit does not fit the project it is applied to.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The annotation to change is not there.
    #[error("annotation {0} is not in the project")]
    NoAnnotation(AnnotationId),
    /// An annotation with this id exists already.
    #[error("annotation {0} exists already")]
    DuplicateAnnotation(AnnotationId),
    /// The document to change is not there.
    #[error("document {0} is not in the project")]
    NoDocument(DocId),
    /// A document with this id exists already.
    #[error("document {0} exists already")]
    DuplicateDocument(DocId),
    /// The link is not there / already there.
    #[error("link {0} does not fit the project")]
    Link(String),
    /// The cluster is not there / already there.
    #[error("cluster {0} does not fit the project")]
    Cluster(String),
    /// The label is not there / already there.
    #[error("label {0} does not fit the project")]
    Label(String),
    /// The project is not the one the edit was made for.
    #[error("the project changed since this edit was made")]
    Stale,
    /// The record to remove or replace is not what the edit says it was.
    #[error("{0} changed since this edit was made; nothing was changed")]
    Changed(String),
}

impl Edit {
    /// The edit that undoes this one.
    pub fn inverse(&self) -> Edit {
        match self {
            Edit::InsertAnnotation(a) => Edit::RemoveAnnotation(a.clone()),
            Edit::RemoveAnnotation(a) => Edit::InsertAnnotation(a.clone()),
            Edit::UpdateAnnotation { before, after } => Edit::UpdateAnnotation {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::InsertDocument(d) => Edit::RemoveDocument(d.clone()),
            Edit::RemoveDocument(d) => Edit::InsertDocument(d.clone()),
            Edit::UpdateDocument { before, after } => Edit::UpdateDocument {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::InsertLink(l) => Edit::RemoveLink(l.clone()),
            Edit::RemoveLink(l) => Edit::InsertLink(l.clone()),
            Edit::UpdateLink { before, after } => Edit::UpdateLink {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::InsertCluster(c) => Edit::RemoveCluster(c.clone()),
            Edit::RemoveCluster(c) => Edit::InsertCluster(c.clone()),
            Edit::UpdateCluster { before, after } => Edit::UpdateCluster {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::AddLabel { label, at } => Edit::RemoveLabel {
                label: label.clone(),
                at: *at,
            },
            Edit::RemoveLabel { label, at } => Edit::AddLabel {
                label: label.clone(),
                at: *at,
            },
            Edit::InsertRejected(r) => Edit::RemoveRejected(r.clone()),
            Edit::RemoveRejected(r) => Edit::InsertRejected(r.clone()),
            Edit::ReplaceProject { before, after } => Edit::ReplaceProject {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::SetPatterns { before, after } => Edit::SetPatterns {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::InsertRecordedConflict { entry, at } => Edit::RemoveRecordedConflict {
                entry: entry.clone(),
                at: *at,
            },
            Edit::RemoveRecordedConflict { entry, at } => Edit::InsertRecordedConflict {
                entry: entry.clone(),
                at: *at,
            },
        }
    }

    /// Applies the edit, keeping the project's stable order. On error nothing changed.
    pub fn apply(&self, p: &mut Project) -> Result<(), EditError> {
        match self {
            Edit::InsertAnnotation(a) => {
                if p.annotation_index(&a.id).is_some() {
                    return Err(EditError::DuplicateAnnotation(a.id.clone()));
                }
                let at = p.insertion_point(a);
                p.annotations.insert(at, a.clone());
            }
            Edit::RemoveAnnotation(a) => {
                let i = p
                    .annotation_index(&a.id)
                    .ok_or_else(|| EditError::NoAnnotation(a.id.clone()))?;
                same(&p.annotations[i], a, || format!("annotation {}", a.id))?;
                p.annotations.remove(i);
            }
            Edit::UpdateAnnotation { before, after } => {
                let i = p
                    .annotation_index(&before.id)
                    .ok_or_else(|| EditError::NoAnnotation(before.id.clone()))?;
                if before.id != after.id {
                    return Err(EditError::NoAnnotation(after.id.clone()));
                }
                same(&p.annotations[i], before, || {
                    format!("annotation {}", before.id)
                })?;
                p.annotations.remove(i);
                let at = p.insertion_point(after);
                p.annotations.insert(at, after.clone());
            }
            Edit::InsertDocument(d) => match p.documents.binary_search_by(|x| x.id.cmp(&d.id)) {
                Ok(_) => return Err(EditError::DuplicateDocument(d.id.clone())),
                Err(at) => p.documents.insert(at, d.clone()),
            },
            Edit::RemoveDocument(d) => {
                let i = p
                    .document_index(&d.id)
                    .ok_or_else(|| EditError::NoDocument(d.id.clone()))?;
                same(&p.documents[i], d, || format!("document {}", d.id))?;
                p.documents.remove(i);
            }
            Edit::UpdateDocument { before, after } => {
                if before.id != after.id {
                    return Err(EditError::NoDocument(after.id.clone()));
                }
                let i = p
                    .document_index(&before.id)
                    .ok_or_else(|| EditError::NoDocument(before.id.clone()))?;
                same(&p.documents[i], before, || {
                    format!("document {}", before.id)
                })?;
                p.documents[i] = after.clone();
            }
            Edit::InsertLink(l) => match p.links.binary_search_by(|x| x.id.cmp(&l.id)) {
                Ok(_) => return Err(EditError::Link(l.id.to_string())),
                Err(at) => p.links.insert(at, l.clone()),
            },
            Edit::RemoveLink(l) => {
                let i = link_index(p, l)?;
                same(&p.links[i], l, || format!("link {}", l.id))?;
                p.links.remove(i);
            }
            Edit::UpdateLink { before, after } => {
                if before.id != after.id {
                    return Err(EditError::Link(after.id.to_string()));
                }
                let i = link_index(p, before)?;
                same(&p.links[i], before, || format!("link {}", before.id))?;
                p.links[i] = after.clone();
            }
            Edit::InsertCluster(c) => match p.clusters.binary_search_by(|x| x.id.cmp(&c.id)) {
                Ok(_) => return Err(EditError::Cluster(c.id.to_string())),
                Err(at) => p.clusters.insert(at, c.clone()),
            },
            Edit::RemoveCluster(c) => {
                let i = cluster_index(p, c)?;
                same(&p.clusters[i], c, || format!("cluster {}", c.id))?;
                if p.cluster_members(&c.id).next().is_some() {
                    return Err(EditError::Changed(format!("cluster {} has members", c.id)));
                }
                p.clusters.remove(i);
            }
            Edit::UpdateCluster { before, after } => {
                if before.id != after.id {
                    return Err(EditError::Cluster(after.id.to_string()));
                }
                let i = cluster_index(p, before)?;
                same(&p.clusters[i], before, || format!("cluster {}", before.id))?;
                p.clusters[i] = after.clone();
            }
            Edit::AddLabel { label, at } => {
                if p.labels.get(&label.id).is_some() || *at > p.labels.0.len() {
                    return Err(EditError::Label(label.id.clone()));
                }
                p.labels.0.insert(*at, label.clone());
            }
            Edit::RemoveLabel { label, at } => {
                match p.labels.0.get(*at) {
                    Some(l) if l.id == label.id => {
                        same(l, label, || format!("label {}", label.id))?
                    }
                    _ => return Err(EditError::Label(label.id.clone())),
                }
                p.labels.0.remove(*at);
            }
            Edit::InsertRejected(r) => match p.rejected.binary_search(r) {
                Ok(_) => {
                    return Err(EditError::Changed(format!(
                        "the rejection of {} {}..{} in {}",
                        r.label, r.start, r.end, r.doc
                    )));
                }
                Err(at) => p.rejected.insert(at, r.clone()),
            },
            Edit::RemoveRejected(r) => match p.rejected.binary_search(r) {
                Ok(at) => {
                    p.rejected.remove(at);
                }
                Err(_) => {
                    return Err(EditError::Changed(format!(
                        "the rejection of {} {}..{} in {}",
                        r.label, r.start, r.end, r.doc
                    )));
                }
            },
            Edit::ReplaceProject { before, after } => {
                if **before != *p {
                    return Err(EditError::Stale);
                }
                *p = (**after).clone();
            }
            Edit::SetPatterns { before, after } => {
                if p.patterns != *before {
                    return Err(EditError::Changed("the pattern files".into()));
                }
                p.patterns = after.clone();
            }
            Edit::InsertRecordedConflict { entry, at } => {
                if *at > p.conflicts.len() {
                    return Err(EditError::Changed("the list of merge conflicts".into()));
                }
                p.conflicts.insert(*at, entry.clone());
            }
            Edit::RemoveRecordedConflict { entry, at } => {
                if p.conflicts.get(*at) != Some(entry) {
                    return Err(EditError::Changed(format!(
                        "merge conflict on {}",
                        entry.subject()
                    )));
                }
                p.conflicts.remove(*at);
            }
        }
        Ok(())
    }
}

impl Edit {
    /// Whether applying this edit can change the project's links (the link edits, and a
    /// replaced project), so caches of the links know when to rebuild.
    pub fn touches_links(&self) -> bool {
        matches!(
            self,
            Edit::InsertLink(_)
                | Edit::RemoveLink(_)
                | Edit::UpdateLink { .. }
                | Edit::ReplaceProject { .. }
        )
    }

    /// Calls `f` on every document this edit carries (both sides of a replacement, and
    /// every document of a replaced project).
    pub fn for_each_document(&mut self, f: &mut dyn FnMut(&mut Document)) {
        match self {
            Edit::InsertDocument(d) | Edit::RemoveDocument(d) => f(d),
            Edit::UpdateDocument { before, after } => {
                f(before);
                f(after);
            }
            Edit::ReplaceProject { before, after } => {
                before.documents.iter_mut().for_each(&mut *f);
                after.documents.iter_mut().for_each(f);
            }
            _ => {}
        }
    }
}

/// Refuses an edit whose record is not what it says it was.
fn same<T: PartialEq>(
    current: &T,
    expected: &T,
    what: impl FnOnce() -> String,
) -> Result<(), EditError> {
    if current == expected {
        Ok(())
    } else {
        Err(EditError::Changed(what()))
    }
}

fn cluster_index(p: &Project, c: &crate::model::Cluster) -> Result<usize, EditError> {
    p.clusters
        .binary_search_by(|x| x.id.cmp(&c.id))
        .map_err(|_| EditError::Cluster(c.id.to_string()))
}

fn link_index(p: &Project, l: &Link) -> Result<usize, EditError> {
    p.links
        .binary_search_by(|x| x.id.cmp(&l.id))
        .map_err(|_| EditError::Link(l.id.to_string()))
}

impl Edit {
    /// Adds `label` at the end of the scheme of `p`.
    pub fn append_label(p: &Project, label: crate::model::Label) -> Edit {
        Edit::AddLabel {
            label,
            at: p.labels.0.len(),
        }
    }

    /// Removes the label `id` of `p`, remembering where it was; `None` when there is
    /// no such label.
    pub fn remove_label(p: &Project, id: &str) -> Option<Edit> {
        let at = p.labels.0.iter().position(|l| l.id == id)?;
        Some(Edit::RemoveLabel {
            label: p.labels.0[at].clone(),
            at,
        })
    }
}

/// A group of edits that is done and undone as one step, with a name for the Edit menu
/// ("Add quote", "Delete 3 annotations").
#[derive(Clone, Debug, PartialEq)]
pub struct Transaction {
    /// What the user did, for the menu's "Undo `name`".
    pub name: String,
    /// The edits, in the order they apply.
    pub edits: Vec<Edit>,
}

impl Transaction {
    /// A transaction of one edit.
    pub fn single(name: impl Into<String>, edit: Edit) -> Self {
        Self {
            name: name.into(),
            edits: vec![edit],
        }
    }

    /// Applies all edits or none.
    pub fn apply(&self, p: &mut Project) -> Result<(), EditError> {
        for (i, e) in self.edits.iter().enumerate() {
            if let Err(err) = e.apply(p) {
                for done in self.edits[..i].iter().rev() {
                    // Undoing what was just done cannot fail.
                    let _ = done.inverse().apply(p);
                }
                return Err(err);
            }
        }
        Ok(())
    }

    /// The transaction that undoes this one.
    pub fn inverse(&self) -> Transaction {
        Transaction {
            name: self.name.clone(),
            edits: self.edits.iter().rev().map(Edit::inverse).collect(),
        }
    }
}

/// One transaction in the history, with what was selected before and after it.
#[derive(Debug, Clone)]
struct Entry {
    rev: u64,
    /// The revision of the last entry up to this one that changed the links (this one's
    /// own when it did, 0 when none did): names the state of the links.
    links_rev: u64,
    tx: Transaction,
    before: Selection,
    after: Selection,
}

/// What undo or redo did: the transaction's name and the selection to restore (the one
/// before the change on undo, after it on redo).
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The transaction's name ("Add quote").
    pub name: String,
    /// What was selected on that side of the change.
    pub selection: Selection,
}

/// Undo and redo stacks with a saved-revision marker. Each entry records the selection
/// before and after its change, as helix's transactions carry theirs.
#[derive(Debug, Default)]
pub struct History {
    done: Vec<Entry>,
    undone: Vec<Entry>,
    next_revision: u64,
    /// The revision that matches the file on disk; `None` when no revision does.
    saved: Option<u64>,
}

impl History {
    /// An empty history whose state matches the file on disk.
    pub fn new() -> Self {
        Self {
            done: Vec::new(),
            undone: Vec::new(),
            next_revision: 1,
            saved: Some(0),
        }
    }

    /// The current revision: 0 before any edit. Each state of the project reached
    /// through the history has its own, so caches can be keyed on it.
    pub fn revision(&self) -> u64 {
        self.done.last().map_or(0, |e| e.rev)
    }

    /// The revision that names the current state of the links: it changes only when
    /// the links may have (a link added, removed or changed, a project replaced, or
    /// such a change undone or redone), so an index of the links keyed on it survives
    /// every other edit. 0 before any change to the links.
    pub fn links_revision(&self) -> u64 {
        self.done.last().map_or(0, |e| e.links_rev)
    }

    /// Applies a transaction and records it with no selection; clears the redo stack.
    pub fn apply(&mut self, p: &mut Project, tx: Transaction) -> Result<(), EditError> {
        self.apply_selecting(p, tx, Selection::Nothing, Selection::Nothing)
    }

    /// Applies a transaction and records it with the selection before and after it.
    pub fn apply_selecting(
        &mut self,
        p: &mut Project,
        tx: Transaction,
        before: Selection,
        after: Selection,
    ) -> Result<(), EditError> {
        if tx.edits.is_empty() {
            return Ok(());
        }
        tx.apply(p)?;
        let rev = self.next_revision;
        self.next_revision += 1;
        let links_rev = if tx.edits.iter().any(Edit::touches_links) {
            rev
        } else {
            self.links_revision()
        };
        self.done.push(Entry {
            rev,
            links_rev,
            tx,
            before,
            after,
        });
        self.undone.clear();
        Ok(())
    }

    /// Undoes the last transaction; returns its name and the selection before it.
    pub fn undo(&mut self, p: &mut Project) -> Option<Step> {
        let e = self.done.pop()?;
        if e.tx.inverse().apply(p).is_err() {
            self.done.push(e);
            return None;
        }
        let step = Step {
            name: e.tx.name.clone(),
            selection: e.before.clone(),
        };
        self.undone.push(e);
        Some(step)
    }

    /// Redoes the last undone transaction; returns its name and the selection after it.
    pub fn redo(&mut self, p: &mut Project) -> Option<Step> {
        let e = self.undone.pop()?;
        if e.tx.apply(p).is_err() {
            self.undone.push(e);
            return None;
        }
        let step = Step {
            name: e.tx.name.clone(),
            selection: e.after.clone(),
        };
        self.done.push(e);
        Some(step)
    }

    /// Name of the transaction Undo would undo.
    pub fn undo_name(&self) -> Option<&str> {
        self.done.last().map(|e| e.tx.name.as_str())
    }

    /// Name of the transaction Redo would redo.
    pub fn redo_name(&self) -> Option<&str> {
        self.undone.last().map(|e| e.tx.name.as_str())
    }

    /// Records that the current state is what is on disk.
    pub fn mark_saved(&mut self) {
        self.saved = Some(self.revision());
    }

    /// Records that the state differs from disk with no revision to return to (the
    /// project was re-anchored or recovered on open).
    pub fn mark_unsaved(&mut self) {
        self.saved = None;
    }

    /// True when the project differs from the saved file.
    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.revision())
    }

    /// Rewrites every document the history carries, in both stacks, the way `f`
    /// rewrites the project's own: what Save as does to article paths, so that undo
    /// and redo after it bring back paths that are right for the new file.
    pub fn map_documents(&mut self, f: &mut dyn FnMut(&mut Document)) {
        for entry in self.done.iter_mut().chain(self.undone.iter_mut()) {
            for e in &mut entry.tx.edits {
                e.for_each_document(f);
            }
        }
    }

    /// The project as it was at the saved revision, rebuilt from `current` by undoing
    /// (or redoing) the transactions in between; `None` when no revision matches the
    /// file, or the saved one was dropped from the redo stack by a later change.
    pub fn saved_state(&self, current: &Project) -> Option<Project> {
        let saved = self.saved?;
        let mut p = current.clone();
        if saved <= self.revision() {
            for e in self.done.iter().rev() {
                if e.rev <= saved {
                    break;
                }
                e.tx.inverse().apply(&mut p).ok()?;
            }
            return (self.done.iter().any(|e| e.rev == saved) || saved == 0).then_some(p);
        }
        for e in self.undone.iter().rev() {
            if e.rev > saved {
                break;
            }
            e.tx.apply(&mut p).ok()?;
            if e.rev == saved {
                return Some(p);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocId;
    use crate::text::DocText;

    fn project_with_text() -> (Project, DocText) {
        let t = DocText::new("Protesters chanted “Get out, get out occupier!” in Baghdad.".into());
        (Project::new("t"), t)
    }

    fn quote(t: &DocText, s: usize, e: usize) -> Annotation {
        Annotation::new(DocId::from("d"), t, s, e, "quote", "me").unwrap()
    }

    #[test]
    fn undo_redo_restore_exact_states() {
        let (mut p, t) = project_with_text();
        let mut h = History::new();
        let a = quote(&t, 19, 47);
        let s0 = p.clone();
        h.apply(
            &mut p,
            Transaction::single("Add quote", Edit::InsertAnnotation(a.clone())),
        )
        .unwrap();
        let s1 = p.clone();
        let mut b = a.clone();
        b.label = "claim".into();
        h.apply(
            &mut p,
            Transaction::single(
                "Relabel",
                Edit::UpdateAnnotation {
                    before: a,
                    after: b,
                },
            ),
        )
        .unwrap();
        let s2 = p.clone();
        assert_eq!(h.undo(&mut p).map(|s| s.name).as_deref(), Some("Relabel"));
        assert_eq!(p, s1);
        assert_eq!(h.undo(&mut p).map(|s| s.name).as_deref(), Some("Add quote"));
        assert_eq!(p, s0);
        assert_eq!(h.undo(&mut p), None);
        h.redo(&mut p);
        h.redo(&mut p);
        assert_eq!(p, s2);
    }

    #[test]
    fn dirty_follows_saved_revision() {
        let (mut p, t) = project_with_text();
        let mut h = History::new();
        assert!(!h.is_dirty());
        h.apply(
            &mut p,
            Transaction::single("Add", Edit::InsertAnnotation(quote(&t, 0, 10))),
        )
        .unwrap();
        assert!(h.is_dirty());
        h.mark_saved();
        assert!(!h.is_dirty());
        h.undo(&mut p);
        assert!(h.is_dirty());
        h.redo(&mut p);
        assert!(!h.is_dirty());
        // A new edit after an undo makes the saved revision unreachable by redo.
        h.undo(&mut p);
        h.apply(
            &mut p,
            Transaction::single("Add", Edit::InsertAnnotation(quote(&t, 2, 9))),
        )
        .unwrap();
        assert!(h.is_dirty());
    }

    #[test]
    fn failing_transaction_changes_nothing() {
        let (mut p, t) = project_with_text();
        let a = quote(&t, 0, 10);
        let tx = Transaction {
            name: "bad".into(),
            edits: vec![
                Edit::InsertAnnotation(a.clone()),
                Edit::InsertAnnotation(a.clone()),
            ],
        };
        let before = p.clone();
        assert!(tx.apply(&mut p).is_err());
        assert_eq!(p, before);
    }

    #[test]
    fn the_links_revision_moves_only_with_the_links() {
        use crate::model::{LinkId, LinkKind};
        let (mut p, t) = project_with_text();
        let mut h = History::new();
        let (a, b) = (quote(&t, 0, 10), quote(&t, 19, 47));
        h.apply(
            &mut p,
            Transaction {
                name: "Add".into(),
                edits: vec![
                    Edit::InsertAnnotation(a.clone()),
                    Edit::InsertAnnotation(b.clone()),
                ],
            },
        )
        .unwrap();
        assert_eq!(h.links_revision(), 0);
        let link = Link {
            id: LinkId::from("l1"),
            from: a.id.clone(),
            to: b.id.clone(),
            kind: LinkKind::SaidBy,
            note: String::new(),
        };
        h.apply(&mut p, Transaction::single("Link", Edit::InsertLink(link)))
            .unwrap();
        let linked = h.links_revision();
        assert_eq!(linked, h.revision());
        let mut c = a.clone();
        c.note = "x".into();
        h.apply(
            &mut p,
            Transaction::single(
                "Note",
                Edit::UpdateAnnotation {
                    before: a,
                    after: c,
                },
            ),
        )
        .unwrap();
        assert_ne!(h.revision(), linked);
        assert_eq!(h.links_revision(), linked, "a note leaves the links alone");
        h.undo(&mut p);
        assert_eq!(h.links_revision(), linked);
        h.undo(&mut p);
        assert_eq!(h.links_revision(), 0, "undoing the link goes back");
        assert!(p.links.is_empty());
        h.redo(&mut p);
        assert_eq!(h.links_revision(), linked);
        h.redo(&mut p);
        assert_eq!(h.links_revision(), linked);
    }

    #[test]
    fn inserts_keep_stable_order() {
        let (mut p, t) = project_with_text();
        let mut h = History::new();
        for (s, e) in [(30, 40), (0, 5), (10, 20)] {
            h.apply(
                &mut p,
                Transaction::single("Add", Edit::InsertAnnotation(quote(&t, s, e))),
            )
            .unwrap();
        }
        let starts: Vec<usize> = p.annotations.iter().map(|a| a.start).collect();
        assert_eq!(starts, vec![0, 10, 30]);
    }
}

#[cfg(test)]
mod suggestion_edits {
    use super::*;
    use crate::model::{DocId, Rejected};

    #[test]
    fn a_reject_and_a_pattern_list_are_edits_that_undo_and_refuse_a_stale_state() {
        let mut p = Project::new("t");
        let before = p.clone();
        let r = Rejected::new(
            DocId::from("d"),
            std::slice::from_ref(&(3..9)),
            "figure",
            "figure",
        );
        let mut h = History::new();
        let tx = Transaction {
            name: "Reject".into(),
            edits: vec![
                Edit::InsertRejected(r.clone()),
                Edit::SetPatterns {
                    before: vec![],
                    after: vec!["officials.jsonl".into()],
                },
            ],
        };
        h.apply(&mut p, tx).unwrap();
        assert_eq!(p.rejected, vec![r.clone()]);
        assert_eq!(p.patterns, vec!["officials.jsonl".to_string()]);
        // Rejecting it twice, or changing a list that is not the one recorded, refuses.
        assert!(Edit::InsertRejected(r.clone()).apply(&mut p).is_err());
        let stale = Edit::SetPatterns {
            before: vec![],
            after: vec![],
        };
        assert!(stale.apply(&mut p).is_err());
        h.undo(&mut p).unwrap();
        assert_eq!(p, before);
        assert!(Edit::RemoveRejected(r).apply(&mut p).is_err());
    }
}
