//! An open project in the window: the workspace, its undo history and what is current
//! (document, selected annotation). No egui here: every change the window makes goes
//! through [`Session::apply`] and so through [`History::apply`], and is tested without
//! a window.

use crate::edit::{Edit, EditError, History, Transaction};
use crate::model::{
    Annotation, AnnotationId, DocId, DocStatus, Document, Label, Project, SpanError, now,
};
use crate::selection::Selection;
use crate::store::{self, FileChange, FileIdentity, ProjectLock, StoreError};
use crate::text::DocText;
use crate::words;
use crate::workspace::{AddError, AddOutcome, Article, Notice, Prepared, Workspace, rebase_path};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// A move of one end of an annotation by a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nudge {
    /// Start one word to the left (the span grows).
    StartLeft,
    /// Start one word to the right (the span shrinks).
    StartRight,
    /// End one word to the left (the span shrinks).
    EndLeft,
    /// End one word to the right (the span grows).
    EndRight,
}

/// Why a command on the project did nothing.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// The edit does not fit the project.
    #[error(transparent)]
    Edit(#[from] EditError),
    /// The span is not valid on the text.
    #[error(transparent)]
    Span(#[from] SpanError),
    /// The article's text is not loaded.
    #[error("the article of {0} is not available")]
    NoText(DocId),
    /// No label with this id or key.
    #[error("no label {0}")]
    NoLabel(String),
    /// The two annotations cannot be linked.
    #[error(transparent)]
    Link(#[from] crate::links::LinkError),
    /// The cluster change cannot be made.
    #[error(transparent)]
    Cluster(#[from] crate::cluster::ClusterError),
    /// The annotations cannot be carried across a shared passage.
    #[error(transparent)]
    Carry(#[from] crate::reuse::carry::CarryError),
    /// A curation's version cannot be taken.
    #[error(transparent)]
    Choice(crate::curate::choice::ChoiceError),
}

/// An open project with its history and what the window shows.
pub struct Session {
    /// The project file, its data and article texts.
    pub ws: Workspace,
    /// Every change, for undo/redo and the unsaved marker.
    pub history: History,
    /// The document shown in the middle.
    pub current: Option<DocId>,
    /// What is selected: a caret or text range, or annotations. Every change records
    /// it before and after, so undo and redo bring it back.
    pub selection: Selection,
    /// The project file as last read or written, to notice someone else's change.
    pub disk: Option<FileIdentity>,
    /// The project as the file held it, when the history cannot rebuild that state
    /// (a re-anchored or recovered project, or one just merged with the file); the
    /// common ancestor of a merge.
    base: Option<Arc<Project>>,
    /// The article texts that go with the document states relinks produced, for undo.
    pub(crate) relinked: crate::ui::relink::RelinkedArticles,
    /// The links by annotation, for the links' revision it was built at.
    pub(crate) link_cache: crate::ui::session_links::LinkCache,
    /// A link being made (after L), if any.
    pub linking: Option<crate::ui::session_links::Linking>,
    /// The curation open on this project, if any: two annotators' versions as they were
    /// when it began (see [`crate::curate`]).
    pub curation: Option<Arc<crate::curate::Curation>>,
    /// Article texts extracted from saved web pages and written by this session, to
    /// remove when the project closes without naming them (the add was undone).
    pub(crate) written_pages: Vec<crate::ui::session_import::WrittenArticle>,
}

impl Session {
    /// Opens a project file; articles outside its folder are read only when
    /// `outside_allowed`.
    pub fn open(path: &Path, outside_allowed: bool) -> Result<(Self, Vec<Notice>), StoreError> {
        let (project, identity) = store::load_identified(path)?;
        let (ws, notices) = Workspace::from_project_with(path, project, outside_allowed);
        let mut s = Self::from_workspace(ws, &notices);
        s.disk = Some(identity);
        // Fresh from the file, the project is unsaved only when open re-anchored it
        // (and the history then has no revision that matches the file).
        if s.is_dirty() {
            // The file's spans, placed again, are what it holds.
            s.base = Some(Arc::new(s.ws.project.clone()));
        }
        Ok((s, notices))
    }

    /// Wraps an opened workspace. A workspace whose spans were re-anchored differs from
    /// its file, so it starts unsaved.
    pub fn from_workspace(ws: Workspace, notices: &[Notice]) -> Self {
        let mut history = History::new();
        if notices
            .iter()
            .any(|n| matches!(n, Notice::Reanchored { .. }))
        {
            history.mark_unsaved();
        }
        let current = ws.project.documents.first().map(|d| d.id.clone());
        Self {
            ws,
            history,
            current,
            selection: Selection::Nothing,
            disk: None,
            base: None,
            relinked: Default::default(),
            link_cache: Default::default(),
            linking: None,
            curation: None,
            written_pages: Vec::new(),
        }
    }

    /// A recovered project replacing the one on disk: everything in it is unsaved.
    pub fn recovered(path: &Path, project: Project, outside_allowed: bool) -> (Self, Vec<Notice>) {
        let (ws, notices) = Workspace::from_project_with(path, project, outside_allowed);
        let mut s = Self::from_workspace(ws, &notices);
        s.history.mark_unsaved();
        // The saved file is what the recovered work started from.
        if let Ok((saved, identity)) = store::load_identified(path) {
            let (saved, _) = Workspace::from_project_with(path, saved, outside_allowed);
            s.base = Some(Arc::new(saved.project));
            s.disk = Some(identity);
        }
        (s, notices)
    }

    /// Creates a new empty project file at `path`.
    pub fn create(path: &Path) -> Result<Self, StoreError> {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "project".to_owned());
        let ws = Workspace::create(path, &name);
        let lock = ProjectLock::acquire(path)?;
        let identity = store::save_checked(&lock, &ws.project, None)?;
        let mut s = Self::from_workspace(ws, &[]);
        s.disk = Some(identity);
        Ok(s)
    }

    /// The project's project.
    pub fn project(&self) -> &Project {
        &self.ws.project
    }

    /// A short name for the title bar: the file name.
    pub fn display_name(&self) -> String {
        self.ws
            .path
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.ws.project.name.clone())
    }

    /// True when the project differs from its file.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The primary selected annotation (the one the inspector shows).
    pub fn selected(&self) -> Option<&AnnotationId> {
        self.selection.primary()
    }

    /// Applies a change through the history; the selection stays what it is (less
    /// what the change removed).
    pub fn apply(&mut self, tx: Transaction) -> Result<(), EditError> {
        let after = self.selection.clone();
        self.apply_selecting(tx, after)
    }

    /// Applies a change through the history and selects `after`; the history records
    /// the selection before and after, for undo and redo.
    pub fn apply_selecting(&mut self, tx: Transaction, after: Selection) -> Result<(), EditError> {
        let before = self.selection.clone();
        self.history
            .apply_selecting(&mut self.ws.project, tx, before, after.clone())?;
        self.selection = after;
        self.fix_selection();
        Ok(())
    }

    /// Undoes the last change and selects what was selected before it; returns its
    /// name.
    pub fn undo(&mut self) -> Option<String> {
        let step = self.history.undo(&mut self.ws.project)?;
        self.sync_relinked();
        self.restore(step.selection);
        Some(step.name)
    }

    /// Redoes the last undone change and selects what it selected; returns its name.
    pub fn redo(&mut self) -> Option<String> {
        let step = self.history.redo(&mut self.ws.project)?;
        self.sync_relinked();
        self.restore(step.selection);
        Some(step.name)
    }

    /// Selects what undo or redo brought back, showing its document.
    fn restore(&mut self, selection: Selection) {
        self.selection = selection;
        self.fix_selection();
        if let Some(d) = self.selection.doc(&self.ws.project).cloned() {
            self.current = Some(d);
        }
    }

    /// Drops a selection that no longer exists (after undo, say).
    pub(crate) fn fix_selection(&mut self) {
        let ws = &self.ws;
        self.selection
            .retain_existing(&ws.project, |d| ws.text(d).map(|t| t.char_len()));
        // A link cannot be made from or to an annotation that went.
        if let Some(l) = &self.linking
            && l.ends().any(|id| ws.project.annotation(id).is_none())
        {
            self.linking = None;
        }
        if let Some(d) = &self.current
            && self.ws.project.document(d).is_none()
        {
            self.current = self.ws.project.documents.first().map(|d| d.id.clone());
        }
    }

    /// Saves to the project file, under its lock, unless someone else changed the file
    /// since it was read ([`StoreError::ChangedOnDisk`]: reload or merge first). On
    /// success the recovery file goes and the history is marked saved. On failure
    /// nothing in memory changes.
    pub fn save(&mut self) -> Result<(), StoreError> {
        let lock = ProjectLock::acquire(&self.ws.path)?;
        let identity = store::save_checked(&lock, &self.ws.project, self.disk.as_ref())?;
        drop(lock);
        self.saved_as(identity);
        Ok(())
    }

    /// Records a successful write of the project as it is now.
    fn saved_as(&mut self, identity: FileIdentity) {
        self.disk = Some(identity);
        self.base = None;
        self.history.mark_saved();
        store::remove_recovery(&self.ws.path);
    }

    /// What happened to the project file since this window last read or wrote it.
    pub fn disk_change(&self) -> std::io::Result<FileChange> {
        match &self.disk {
            Some(id) => id.check(&self.ws.path),
            None => Ok(FileChange::Same),
        }
    }

    /// Sets the common ancestor kept for a merge when the history cannot rebuild it.
    pub(crate) fn set_base(&mut self, base: Option<Arc<Project>>) {
        self.base = base;
    }

    /// Reads the article files outside the project's folder, which the person agreed
    /// to; spans re-anchored on them leave the project unsaved, as on open.
    pub fn allow_outside(&mut self) -> Vec<Notice> {
        let base = self.merge_base();
        let notices = self.ws.allow_outside();
        if notices
            .iter()
            .any(|n| matches!(n, Notice::Reanchored { .. }))
        {
            self.base = base.map(Arc::new);
            self.history.mark_unsaved();
        }
        notices
    }

    /// Takes note that the file was rewritten with the content this window knows.
    pub fn disk_touched(&mut self, identity: FileIdentity) {
        self.disk = Some(identity);
    }

    /// The project as the file held it when this window last read or wrote it: the
    /// common ancestor for a merge with the file's current content.
    pub fn merge_base(&self) -> Option<Project> {
        self.history
            .saved_state(&self.ws.project)
            .or_else(|| self.base.as_deref().cloned())
    }

    /// Saves under a new name. Choosing where to save is not an edit: the article paths
    /// written are made right relative to the new file, and the project in memory, its
    /// history and the merge base are rewritten the same way, outside the undo history
    /// (undo after Save as never brings back paths meant for the old folder). A failed
    /// Save as changes nothing.
    pub fn save_as(&mut self, path: &Path) -> Result<(), StoreError> {
        let from = self.ws.base_dir();
        let rebase = |d: &mut Document| d.path = rebase_path(&from, &d.path, path);
        let moved = self
            .ws
            .project
            .documents
            .iter()
            .any(|d| rebase_path(&from, &d.path, path) != d.path);
        let mut written = None;
        if moved {
            let mut p = self.ws.project.clone();
            p.documents.iter_mut().for_each(rebase);
            written = Some(p);
        }
        // The person chose this file (and agreed to replace it, if it exists): what it
        // held before is not this window's to protect.
        let lock = ProjectLock::acquire(path)?;
        let identity =
            store::save_checked(&lock, written.as_ref().unwrap_or(&self.ws.project), None)?;
        drop(lock);
        if let Some(p) = written {
            self.history.map_documents(&mut { rebase });
            if let Some(base) = &mut self.base {
                Arc::make_mut(base).documents.iter_mut().for_each(rebase);
            }
            self.ws.project = p;
        }
        self.ws.path = path.to_owned();
        self.saved_as(identity);
        Ok(())
    }

    /// The text of the current document, when loaded.
    pub fn current_text(&self) -> Option<Arc<DocText>> {
        self.ws.text(self.current.as_ref()?).cloned()
    }

    /// The current document.
    pub fn current_doc(&self) -> Option<&Document> {
        self.ws.project.document(self.current.as_ref()?)
    }

    /// Index of the current document in the list.
    pub fn current_index(&self) -> Option<usize> {
        self.ws.project.document_index(self.current.as_ref()?)
    }

    /// Why the current document's text is not shown, if it is not.
    pub fn current_unavailable(&self) -> Option<String> {
        match self.ws.articles.get(self.current.as_ref()?) {
            Some(a) => a.unavailable_reason(),
            None => Some("the article was not loaded".to_owned()),
        }
    }

    /// Shows a document; a selection in another document is dropped.
    pub fn select_doc(&mut self, id: DocId) {
        if self.current.as_ref() != Some(&id) {
            if self.selection.doc(&self.ws.project) != Some(&id) {
                self.selection = Selection::Nothing;
            }
            self.current = Some(id);
        }
    }

    /// Selects annotations (or nothing), showing the document of the first.
    pub fn select(&mut self, selection: Selection) {
        if let Some(d) = selection.doc(&self.ws.project).cloned() {
            self.current = Some(d);
        }
        self.selection = selection;
    }

    /// Moves to the next (`+1`) or previous (`-1`) document, stopping at the ends.
    pub fn step_doc(&mut self, delta: isize) {
        let n = self.ws.project.documents.len();
        if n == 0 {
            return;
        }
        let i = self.current_index().unwrap_or(0) as isize + delta;
        let i = i.clamp(0, n as isize - 1) as usize;
        let id = self.ws.project.documents[i].id.clone();
        self.select_doc(id);
    }

    /// Tags `range` of the current document with `label`; returns the new annotation's
    /// id, which becomes the selection.
    pub fn tag(
        &mut self,
        range: Range<usize>,
        label: &str,
        annotator: &str,
    ) -> Result<AnnotationId, SessionError> {
        let doc = self
            .current
            .clone()
            .ok_or_else(|| SessionError::NoText(DocId::from("-")))?;
        let text = self.loaded_text(&doc)?;
        let name = self.label(label)?.name.clone();
        let mut a = Annotation::new(doc, &text, range.start, range.end, label, annotator)?;
        if self.is_figure(label) {
            // A figure's numbers come from its words until someone types them.
            crate::figure::fill_attributes(&mut a.attrs, &a.text);
        }
        let id = a.id.clone();
        self.apply_selecting(
            Transaction::single(
                format!("Add {}", name.to_lowercase()),
                Edit::InsertAnnotation(a),
            ),
            Selection::one(id.clone()),
        )?;
        Ok(id)
    }

    /// Whether the label `id` is of kind figure.
    fn is_figure(&self, id: &str) -> bool {
        self.ws.project.labels.kind(id) == Some(crate::model::LabelKind::Figure)
    }

    fn label(&self, id: &str) -> Result<&Label, SessionError> {
        self.ws
            .project
            .labels
            .get(id)
            .ok_or_else(|| SessionError::NoLabel(id.to_owned()))
    }

    /// Replaces an annotation by an edited copy, as one undoable change named `name`.
    /// A copy equal to the original changes nothing.
    pub fn update(&mut self, mut after: Annotation, name: &str) -> Result<(), SessionError> {
        let before = self.annotation_copy(&after.id)?;
        if after.attrs.from_text {
            if crate::figure::typed_over(&before.attrs, &after.attrs) {
                // Typed over what the words said: the numbers are the annotator's now.
                after.attrs.from_text = false;
            } else if after.text != before.text && self.is_figure(&after.label) {
                // The span moved: read its words again.
                crate::figure::fill_attributes(&mut after.attrs, &after.text);
            }
        }
        after.modified = before.modified;
        if after == before {
            return Ok(());
        }
        after.modified = now();
        self.apply(Transaction::single(
            name,
            Edit::UpdateAnnotation { before, after },
        ))?;
        Ok(())
    }

    /// A copy of an annotation, or the error an edit of a missing one gives.
    pub(crate) fn annotation_copy(&self, id: &AnnotationId) -> Result<Annotation, EditError> {
        self.ws
            .project
            .annotation(id)
            .cloned()
            .ok_or_else(|| EditError::NoAnnotation(id.clone()))
    }

    /// The text of `doc`, or the error an edit of a document without one gives.
    pub(crate) fn loaded_text(&self, doc: &DocId) -> Result<Arc<DocText>, SessionError> {
        self.ws
            .text(doc)
            .cloned()
            .ok_or_else(|| SessionError::NoText(doc.clone()))
    }

    /// Gives an annotation another label.
    pub fn relabel(&mut self, id: &AnnotationId, label: &str) -> Result<(), SessionError> {
        self.relabel_many(std::slice::from_ref(id), label)
    }

    /// Gives annotations another label, as one undoable change; the ones that have it
    /// already stay as they are.
    pub fn relabel_many(&mut self, ids: &[AnnotationId], label: &str) -> Result<(), SessionError> {
        let name = self.label(label)?.name.to_lowercase();
        let figure = self.is_figure(label);
        let mut edits = Vec::new();
        for id in ids {
            let before = self.annotation_copy(id)?;
            if before.label == label {
                continue;
            }
            let mut after = before.clone();
            after.label = label.to_owned();
            after.modified = now();
            if figure {
                crate::figure::fill_attributes(&mut after.attrs, &after.text);
            }
            edits.push(Edit::UpdateAnnotation { before, after });
        }
        let name = match edits.len() {
            1 => format!("Relabel as {name}"),
            n => format!("Relabel {n} annotations as {name}"),
        };
        self.apply(Transaction { name, edits })?;
        Ok(())
    }

    /// Deletes an annotation (and takes it out of the selection).
    pub fn delete(&mut self, id: &AnnotationId) -> Result<(), SessionError> {
        self.delete_many(std::slice::from_ref(id))
    }

    /// Deletes annotations as one undoable change, which selects them again on undo.
    /// Their links go with them, in the same change (see [`Session::links_of_many`] to
    /// ask first).
    pub fn delete_many(&mut self, ids: &[AnnotationId]) -> Result<(), SessionError> {
        let mut edits: Vec<Edit> = self
            .links_of_many(ids)
            .into_iter()
            .map(Edit::RemoveLink)
            .collect();
        let links = edits.len();
        for id in ids {
            let a = self.annotation_copy(id)?;
            edits.push(Edit::RemoveAnnotation(a));
        }
        let name = match &edits[links..] {
            [Edit::RemoveAnnotation(a)] => {
                let label = self
                    .label(&a.label)
                    .map(|l| l.name.to_lowercase())
                    .unwrap_or_else(|_| "annotation".to_owned());
                format!("Delete {label}")
            }
            e => format!("Delete {} annotations", e.len()),
        };
        let name = match links {
            0 => name,
            1 => format!("{name} and its link"),
            n => format!("{name} and {n} links"),
        };
        let mut after = self.selection.clone();
        if let Selection::Annotations(sel) = &mut after {
            sel.retain(|x| !ids.contains(x));
            if sel.is_empty() {
                after = Selection::Nothing;
            }
        }
        self.apply_selecting(Transaction { name, edits }, after)?;
        Ok(())
    }

    /// Moves one end of an annotation by a word. Returns false when it cannot move
    /// (at the text's edge, or the span would become empty).
    pub fn nudge(&mut self, id: &AnnotationId, how: Nudge) -> Result<bool, SessionError> {
        let a = self.annotation_copy(id)?;
        let text = self.loaded_text(&a.doc)?;
        // A span of several ranges grows and shrinks at its outer ends.
        let mut ranges: Vec<Range<usize>> = a.ranges().collect();
        let k = match how {
            Nudge::StartLeft | Nudge::StartRight => 0,
            Nudge::EndLeft | Nudge::EndRight => ranges.len() - 1,
        };
        let Some(r) = nudged(&text, ranges[k].clone(), how) else {
            return Ok(false);
        };
        ranges[k] = r;
        let mut after = a;
        after.set_ranges(&text, &ranges)?;
        let name = match how {
            Nudge::StartLeft | Nudge::StartRight => "Move start",
            Nudge::EndLeft | Nudge::EndRight => "Move end",
        };
        self.update(after, name)?;
        Ok(true)
    }

    /// Sets a document's status.
    pub fn set_status(&mut self, doc: &DocId, status: DocStatus) -> Result<(), SessionError> {
        let name = format!("Mark {doc} {}", status.to_string().to_lowercase());
        self.change_document(doc, name, |d| d.status = status)
    }

    /// Replaces a document's metadata (title, outlet, URL, date, language) with those of
    /// `after`, as one undoable change; its path, text hash, length and status stay.
    pub fn update_document(&mut self, after: Document) -> Result<(), SessionError> {
        let name = format!("edit details of {}", after.id);
        self.change_document(&after.id.clone(), name, |d| {
            d.title = after.title;
            d.outlet = after.outlet;
            d.author = after.author;
            d.url = after.url;
            d.published = after.published;
            d.language = after.language;
        })
    }

    /// Changes a document as one undoable edit named `name`; nothing happens when the
    /// change leaves it as it was.
    fn change_document(
        &mut self,
        doc: &DocId,
        name: String,
        change: impl FnOnce(&mut Document),
    ) -> Result<(), SessionError> {
        let before = self
            .ws
            .project
            .document(doc)
            .cloned()
            .ok_or_else(|| EditError::NoDocument(doc.clone()))?;
        let mut after = before.clone();
        change(&mut after);
        if after == before {
            return Ok(());
        }
        self.apply(Transaction::single(
            name,
            Edit::UpdateDocument { before, after },
        ))?;
        Ok(())
    }

    /// Adds an article file as a new document (an undoable change), or reports the
    /// document that already has its text.
    pub fn add_article(&mut self, file: &Path) -> Result<AddOutcome, AddError> {
        let (doc, text) = match self.ws.prepare_article(file)? {
            Prepared::Duplicate(id) => return Ok(AddOutcome::Duplicate(id)),
            Prepared::New(doc, text) => (doc, text),
        };
        if self.ws.write_page_text(&doc, &text)? {
            self.written_pages
                .push(crate::ui::session_import::WrittenArticle {
                    path: self.ws.article_path(&doc),
                    sha256: doc.sha256.clone(),
                });
        }
        let id = doc.id.clone();
        self.ws.articles.insert(id.clone(), Article::Loaded(text));
        // A fresh id cannot collide, so this cannot fail; if it did, the article simply
        // stays out of the project.
        let _ = self.apply(Transaction::single(
            format!("Add article {id}"),
            Edit::InsertDocument(doc),
        ));
        if self.current.is_none() {
            self.current = Some(id.clone());
        }
        Ok(AddOutcome::Added(id))
    }
}

/// Where `r` goes when one of its ends moves by a word; `None` when it cannot move.
pub fn nudged(text: &DocText, r: Range<usize>, how: Nudge) -> Option<Range<usize>> {
    let n = text.char_len();
    let (s, e) = (r.start.min(n), r.end.min(n));
    let new = match how {
        Nudge::StartLeft => prev_word_start(text, s)..e,
        Nudge::StartRight => words::next_word_start(text, s)..e,
        Nudge::EndLeft => s..words::prev_word_end(text, e),
        Nudge::EndRight => s..next_word_end(text, e),
    };
    (new.start < new.end && new != (s..e)).then_some(new)
}

/// The start of the word before char `c` (or of the word `c` is inside).
fn prev_word_start(text: &DocText, c: usize) -> usize {
    if c > 0
        && let Some(w) = words::word_at(text, c - 1)
        && w.start < c
        && w.end > c
    {
        return w.start;
    }
    let e = words::prev_word_end(text, c);
    if e == 0 {
        return 0;
    }
    words::word_at(text, e - 1).map_or(e, |w| w.start)
}

/// The end of the word after char `c` (or of the word `c` is inside).
fn next_word_end(text: &DocText, c: usize) -> usize {
    if let Some(w) = words::word_at(text, c)
        && w.start < c
    {
        return w.end;
    }
    let s = words::next_word_start(text, c);
    words::word_at(text, s).map_or(s, |w| w.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DocText {
        DocText::new(s.to_owned())
    }

    #[test]
    fn nudges_move_by_whole_words() {
        let d = t("They chanted “Get out, get out occupier!” loudly.");
        let r = 14..21; // "Get out"
        assert_eq!(d.slice(r.clone()), "Get out");
        let grow_left = nudged(&d, r.clone(), Nudge::StartLeft).unwrap();
        assert_eq!(d.slice(grow_left), "chanted “Get out");
        let shrink_left = nudged(&d, r.clone(), Nudge::StartRight).unwrap();
        assert_eq!(d.slice(shrink_left), "out");
        let grow_right = nudged(&d, r.clone(), Nudge::EndRight).unwrap();
        assert_eq!(d.slice(grow_right), "Get out, get");
        let shrink_right = nudged(&d, r, Nudge::EndLeft).unwrap();
        assert_eq!(d.slice(shrink_right), "Get");
        // A one-word span cannot shrink to nothing.
        assert_eq!(nudged(&d, 14..17, Nudge::EndLeft), None);
        assert_eq!(nudged(&d, 0..4, Nudge::StartLeft), None);
    }
}

#[cfg(test)]
mod save_as_tests {
    use super::*;

    #[test]
    fn save_as_keeps_article_paths_right_and_failure_changes_nothing() {
        let dir = std::env::temp_dir().join(format!("sm-saveas-{}", fastrand::u64(..)));
        std::fs::create_dir_all(dir.join("a/articles")).unwrap();
        std::fs::create_dir_all(dir.join("b/deeper")).unwrap();
        let art = dir.join("a/articles/x.txt");
        std::fs::write(&art, "Protesters chanted “Get out”.").unwrap();
        let mut s = Session::create(&dir.join("a/p.ron")).unwrap();
        s.add_article(&art).unwrap();
        s.save().unwrap();
        let revision = s.history.revision();
        // A failing save-as (no such folder) leaves everything as it was.
        assert!(s.save_as(&dir.join("nope/p.ron")).is_err());
        assert_eq!(s.ws.path, dir.join("a/p.ron"));
        assert_eq!(s.history.revision(), revision);
        assert_eq!(s.project().documents[0].path, "articles/x.txt");
        // A good one rewrites the path relative to the new place, outside the history.
        s.save_as(&dir.join("b/deeper/p.ron")).unwrap();
        assert_eq!(s.project().documents[0].path, "../../a/articles/x.txt");
        assert_eq!(s.history.revision(), revision);
        assert!(!s.is_dirty());
        // Undo takes back the last edit (adding the article), not the move; redo brings
        // the document back with the path right for the new file.
        assert_eq!(s.undo().as_deref(), Some("Add article x"));
        assert!(s.project().documents.is_empty());
        s.redo();
        assert_eq!(s.project().documents[0].path, "../../a/articles/x.txt");
        assert!(!s.is_dirty());
        // The articles are now outside the project's folder: read only when allowed.
        let (held_back, notices) = Session::open(&dir.join("b/deeper/p.ron"), false).unwrap();
        assert!(
            matches!(notices.as_slice(), [Notice::Outside { .. }]),
            "{notices:?}"
        );
        assert!(
            held_back
                .ws
                .text(&held_back.project().documents[0].id)
                .is_none()
        );
        let (reopened, notices) = Session::open(&dir.join("b/deeper/p.ron"), true).unwrap();
        assert!(notices.is_empty(), "{notices:?}");
        assert!(
            reopened
                .ws
                .text(&reopened.project().documents[0].id)
                .is_some()
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
