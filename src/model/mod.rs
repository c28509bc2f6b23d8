//! The data of a project: plain structs, serialised as RON by [`crate::store`].
//!
//! The only invariant kept here is order: documents sorted by id and annotations by
//! (document, start, id), so that the per-document slice is found by binary search and
//! the project file is written in a stable order. [`Project::normalize`] restores it.

mod annotation;
mod annotator;
mod cluster;
mod conflict;
mod document;
mod ids;
mod labels;
mod link;
pub mod quote;
mod rejected;
mod saved_page;
pub(crate) mod time;
mod validate;

pub use annotation::{
    Annotation, Attributes, CONTEXT_CHARS, CharRange, Precision, SpanError, check_span,
    joined_text, merge_ranges, now,
};
pub use annotator::{annotator_from, default_annotator};
pub use cluster::{Cluster, same_as_closure};
pub use conflict::{RecordRef, RecordedConflict, Side};
pub use document::{DocStatus, Document};
pub use ids::{
    AnnotationId, ClusterId, DocId, IdError, IdKind, LinkId, MAX_ID_BYTES, NOT_IN_FILE_NAMES,
    SLUG_CHARS, file_name_error, join_file_name, validate_id,
};
pub use labels::{Color, Label, LabelKind, LabelScheme};
pub use link::{Link, LinkKind};
pub use rejected::Rejected;
pub use saved_page::SavedPage;
pub use validate::BadDocumentId;

use serde::{Deserialize, Serialize};

/// The version of the project file this build writes. Older files are migrated on load;
/// newer ones are refused.
pub const FORMAT: u32 = 1;

/// A whole project, as stored in its `.ron` file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// Project file format version, see [`FORMAT`].
    pub format: u32,
    /// Display name.
    pub name: String,
    /// Label scheme.
    #[serde(default)]
    pub labels: LabelScheme,
    /// Documents, sorted by id.
    #[serde(default)]
    pub documents: Vec<Document>,
    /// Annotations, sorted by document, start, id.
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Links between annotations, sorted by id.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Clusters, sorted by id; their members are the annotations that name them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clusters: Vec<Cluster>,
    /// Pattern files (spaCy/Prodigy JSONL) whose patterns suggest spans, relative to
    /// the project file, in the order they were named.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patterns: Vec<String>,
    /// Suggestions a person rejected, sorted, so they are not proposed again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<Rejected>,
    /// Conflicts a merge left for a person to decide (see [`RecordedConflict`]); the
    /// project holds one side of each. Not written when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<RecordedConflict>,
}

impl Project {
    /// An empty project with the default label scheme.
    pub fn new(name: &str) -> Self {
        Self {
            format: FORMAT,
            name: name.to_owned(),
            labels: LabelScheme::default(),
            documents: Vec::new(),
            annotations: Vec::new(),
            links: Vec::new(),
            clusters: Vec::new(),
            patterns: Vec::new(),
            rejected: Vec::new(),
            conflicts: Vec::new(),
        }
    }

    /// Restores the stable order of documents, annotations and links.
    pub fn normalize(&mut self) {
        self.documents.sort_by(|a, b| a.id.cmp(&b.id));
        self.annotations
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.links.sort_by(|a, b| a.id.cmp(&b.id));
        self.clusters.sort_by(|a, b| a.id.cmp(&b.id));
        self.rejected.sort();
        self.rejected.dedup();
    }

    /// The cluster with this id.
    pub fn cluster(&self, id: &ClusterId) -> Option<&Cluster> {
        self.clusters
            .binary_search_by(|c| c.id.cmp(id))
            .ok()
            .map(|i| &self.clusters[i])
    }

    /// The members of a cluster, in the annotations' order (document, start).
    pub fn cluster_members<'a>(
        &'a self,
        id: &'a ClusterId,
    ) -> impl Iterator<Item = &'a Annotation> + 'a {
        self.annotations.iter().filter(move |a| a.in_cluster(id))
    }

    /// The document with this id.
    pub fn document(&self, id: &DocId) -> Option<&Document> {
        self.document_index(id).map(|i| &self.documents[i])
    }

    /// Position of the document with this id in `documents`.
    pub fn document_index(&self, id: &DocId) -> Option<usize> {
        self.documents.binary_search_by(|d| d.id.cmp(id)).ok()
    }

    /// Where the annotations of a document sit in `annotations`.
    pub fn annotation_range(&self, doc: &DocId) -> std::ops::Range<usize> {
        let lo = self.annotations.partition_point(|a| a.doc < *doc);
        let hi = lo + self.annotations[lo..].partition_point(|a| a.doc == *doc);
        lo..hi
    }

    /// The annotations of a document, sorted by start.
    pub fn annotations_of(&self, doc: &DocId) -> &[Annotation] {
        &self.annotations[self.annotation_range(doc)]
    }

    /// Position of an annotation in `annotations`, by id. Linear: use it for edits,
    /// not in a per-frame loop.
    pub fn annotation_index(&self, id: &AnnotationId) -> Option<usize> {
        self.annotations.iter().position(|a| a.id == *id)
    }

    /// The annotation with this id.
    pub fn annotation(&self, id: &AnnotationId) -> Option<&Annotation> {
        self.annotation_index(id).map(|i| &self.annotations[i])
    }

    /// Where an annotation belongs in the stable order.
    pub fn insertion_point(&self, a: &Annotation) -> usize {
        let key = a.sort_key();
        self.annotations.partition_point(|b| b.sort_key() < key)
    }

    /// A document id derived from `stem` that no document uses yet.
    pub fn fresh_doc_id(&self, stem: &str) -> DocId {
        let base = DocId::slug(stem);
        if self.document(&base).is_none() {
            return base;
        }
        (2..)
            .map(|n| DocId(format!("{}-{n}", base.0)))
            .find(|id| self.document(id).is_none())
            .expect("an unused numbered id exists")
    }
}
