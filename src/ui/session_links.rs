//! The session's links: their index by annotation, kept for the links' revision; making
//! a link (with the speaker a source gives, in the same undo step) and deleting one;
//! adding the `source` label to a project made before it was a default.

use super::session::{Session, SessionError};
use crate::edit::{Edit, EditError, Transaction};
use crate::links::{self, LinkError, LinkIndex};
use crate::model::{AnnotationId, Link, LinkId, LinkKind, now};
use crate::selection::Selection;
use std::sync::{Arc, Mutex};

/// A link being made: L was pressed with an annotation selected; the other end is
/// chosen next, then the kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Linking {
    /// Choosing the other end: a click on it, or Tab to it and Enter.
    Target {
        /// Where the link starts.
        from: AnnotationId,
    },
    /// Choosing the kind: a key, or the chooser.
    Kind {
        /// Where the link starts.
        from: AnnotationId,
        /// Where it ends.
        to: AnnotationId,
    },
}

impl Linking {
    /// Where the link starts.
    pub fn from(&self) -> &AnnotationId {
        match self {
            Linking::Target { from } | Linking::Kind { from, .. } => from,
        }
    }

    /// The ends chosen so far.
    pub fn ends(&self) -> impl Iterator<Item = &AnnotationId> {
        let to = match self {
            Linking::Kind { to, .. } => Some(to),
            Linking::Target { .. } => None,
        };
        std::iter::once(self.from()).chain(to)
    }

    /// The step it is at, for the keyboard.
    pub fn step(&self) -> crate::ui::command::LinkStep {
        match self {
            Linking::Target { .. } => crate::ui::command::LinkStep::Target,
            Linking::Kind { .. } => crate::ui::command::LinkStep::Kind,
        }
    }
}

/// The link index last built, with the (links' revision, number of links) it was built
/// for. Behind a lock so the panels, which see the session read-only, can share it.
#[derive(Debug, Default)]
pub(crate) struct LinkCache(Mutex<Option<(u64, usize, Arc<LinkIndex>)>>);

impl Session {
    /// The project's links by annotation. Built again only when the links changed
    /// ([`crate::edit::History::links_revision`]), so other edits and idle frames
    /// cost one lock.
    pub fn link_index(&self) -> Arc<LinkIndex> {
        let key = (self.history.links_revision(), self.ws.project.links.len());
        let mut cache = self
            .link_cache
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match &*cache {
            Some((rev, len, idx)) if (*rev, *len) == key => idx.clone(),
            _ => {
                let idx = Arc::new(LinkIndex::build(&self.ws.project.links));
                *cache = Some((key.0, key.1, idx.clone()));
                idx
            }
        }
    }

    /// The links with one end among `ids`, each once: what deleting them deletes too.
    pub fn links_of_many(&self, ids: &[AnnotationId]) -> Vec<Link> {
        let links = &self.ws.project.links;
        self.link_index()
            .touching(links, ids)
            .into_iter()
            .map(|i| links[i].clone())
            .collect()
    }

    /// The project-defined link kinds in use, sorted: what the kind chooser offers
    /// besides the built-in ones.
    pub fn custom_link_kinds(&self) -> Vec<String> {
        let mut kinds: Vec<String> = self
            .ws
            .project
            .links
            .iter()
            .filter_map(|l| match &l.kind {
                LinkKind::Other(name) => Some(name.clone()),
                _ => None,
            })
            .collect();
        kinds.sort();
        kinds.dedup();
        kinds
    }

    /// Links `from` to `to` as one undoable change, which selects `from`. When one end
    /// is a claim, quote or figure without a speaker and the other a source span, the
    /// source's text becomes its speaker in the same change.
    pub fn link(
        &mut self,
        from: &AnnotationId,
        to: &AnnotationId,
        kind: LinkKind,
    ) -> Result<LinkId, SessionError> {
        if from == to {
            return Err(LinkError::ToItself.into());
        }
        let p = &self.ws.project;
        let get = |id: &AnnotationId| {
            p.annotation(id)
                .ok_or_else(|| LinkError::NoAnnotation(id.clone()))
        };
        let (a, b) = (get(from)?, get(to)?);
        let mut id = LinkId::random();
        while p.links.binary_search_by(|l| l.id.cmp(&id)).is_ok() {
            id = LinkId::random();
        }
        let mut edits = vec![Edit::InsertLink(Link {
            id: id.clone(),
            from: from.clone(),
            to: to.clone(),
            kind: kind.clone(),
            note: String::new(),
        })];
        let mut name = format!("Link: {}", kind.label());
        // Each end as the link leaves it: the speaker a source gives, the clusters the
        // other end of a `SameAs` is in.
        let mut afters = [a.clone(), b.clone()];
        if let Some(after) = links::attribution(&p.labels, a, b) {
            name = format!(
                "{name}, speaker {}",
                after.attrs.speaker.as_deref().unwrap_or("")
            );
            let i = usize::from(after.id != a.id);
            afters[i] = after;
        }
        if kind == LinkKind::SameAs {
            // The same report answers the same questions: clusters and SameAs agree.
            let all: Vec<_> = a.clusters.iter().chain(&b.clusters).cloned().collect();
            for after in &mut afters {
                for c in &all {
                    after.join_cluster(c);
                }
            }
        }
        let t = now();
        for (before, mut after) in [a, b].into_iter().zip(afters) {
            if after != *before {
                after.modified = t;
                edits.push(Edit::UpdateAnnotation {
                    before: before.clone(),
                    after,
                });
            }
        }
        self.apply_selecting(Transaction { name, edits }, Selection::one(from.clone()))?;
        Ok(id)
    }

    /// Deletes a link, as one undoable change.
    pub fn unlink(&mut self, id: &LinkId) -> Result<(), SessionError> {
        let links = &self.ws.project.links;
        let l = links
            .binary_search_by(|l| l.id.cmp(id))
            .map(|i| links[i].clone())
            .map_err(|_| EditError::Link(id.to_string()))?;
        let name = format!("Delete link: {}", l.kind.label());
        self.apply(Transaction::single(name, Edit::RemoveLink(l)))?;
        Ok(())
    }

    /// Adds the default `source` label to a project made before it was one (one
    /// undoable change); false when the scheme has it already.
    pub fn add_source_label(&mut self) -> Result<bool, SessionError> {
        let Some(label) = self.ws.project.labels.missing_source() else {
            return Ok(false);
        };
        let edit = Edit::append_label(&self.ws.project, label);
        self.apply(Transaction::single("Add the source label", edit))?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, DocId, Project};
    use crate::text::DocText;
    use crate::workspace::{Article, Workspace};

    const TEXT: &str = "Hassan al-Amiri said: “They will not be silenced.” Police counted 5,200.";

    fn session() -> (Session, [AnnotationId; 3]) {
        let t = DocText::new(TEXT.to_owned());
        let d = DocId::from("d");
        let mut p = Project::new("t");
        p.documents
            .push(crate::model::Document::new(d.clone(), "d.txt", &t));
        let mk = |s, e, l| Annotation::new(d.clone(), &t, s, e, l, "t").unwrap();
        let (src, quote, fig) = (
            mk(0, 15, "source"),
            mk(23, 49, "quote"),
            mk(66, 71, "figure"),
        );
        let ids = [src.id.clone(), quote.id.clone(), fig.id.clone()];
        p.annotations = vec![src, quote, fig];
        p.normalize();
        let mut ws = Workspace::create(std::path::Path::new("/nonexistent/p.ron"), "t");
        ws.project = p;
        ws.articles.insert(d, Article::Loaded(Arc::new(t)));
        (Session::from_workspace(ws, &[]), ids)
    }

    #[test]
    fn a_link_to_a_source_sets_the_speaker_in_the_same_undo_step() {
        let (mut s, [src, quote, _]) = session();
        s.select(Selection::one(src.clone()));
        let id = s.link(&quote, &src, LinkKind::SaidBy).unwrap();
        assert_eq!(s.project().links.len(), 1);
        let speaker = |s: &Session| {
            s.project()
                .annotation(&quote)
                .unwrap()
                .attrs
                .speaker
                .clone()
        };
        assert_eq!(speaker(&s).as_deref(), Some("Hassan al-Amiri"));
        assert_eq!(s.selection, Selection::one(quote.clone()));
        assert_eq!(s.link_index().of(&s.project().links, &src).count(), 1);
        assert_eq!(
            s.undo().as_deref(),
            Some("Link: said by, speaker Hassan al-Amiri")
        );
        assert!(s.project().links.is_empty());
        assert_eq!(speaker(&s), None, "one undo takes back both");
        assert_eq!(s.selection, Selection::one(src.clone()));
        assert_eq!(s.link_index().of(&s.project().links, &src).count(), 0);
        s.redo();
        assert_eq!(s.project().links[0].id, id);
        s.unlink(&id).unwrap();
        assert!(s.project().links.is_empty());
        assert_eq!(speaker(&s).as_deref(), Some("Hassan al-Amiri"), "kept");
        assert!(matches!(
            s.link(&quote, &quote, LinkKind::SameAs),
            Err(SessionError::Link(LinkError::ToItself))
        ));
    }

    #[test]
    fn deleting_linked_annotations_deletes_their_links_and_undo_brings_all_back() {
        let (mut s, [src, quote, fig]) = session();
        s.link(&quote, &src, LinkKind::SaidBy).unwrap();
        s.link(&fig, &src, LinkKind::SaidBy).unwrap();
        s.link(&fig, &quote, LinkKind::Other("context".into()))
            .unwrap();
        assert_eq!(s.custom_link_kinds(), ["context"]);
        assert_eq!(s.links_of_many(std::slice::from_ref(&src)).len(), 2);
        let before = s.project().clone();
        s.select(Selection::Annotations(vec![src.clone(), fig.clone()]));
        s.delete_many(&[src.clone(), fig.clone()]).unwrap();
        assert!(s.project().links.is_empty(), "all three went");
        assert_eq!(s.project().annotations.len(), 1);
        assert_eq!(
            s.history.undo_name(),
            Some("Delete 2 annotations and 3 links")
        );
        s.undo();
        assert_eq!(*s.project(), before);
        assert_eq!(s.selection.annotations(), [src, fig]);
    }

    #[test]
    fn an_old_project_gets_the_source_label_once() {
        let (mut s, _) = session();
        assert!(!s.add_source_label().unwrap(), "new projects have it");
        s.ws.project.labels.0.retain(|l| l.id != "source");
        assert!(s.add_source_label().unwrap());
        assert_eq!(s.project().labels.by_key('4').unwrap().id, "source");
        assert!(!s.add_source_label().unwrap());
        s.undo();
        assert!(s.project().labels.get("source").is_none());
    }
}
