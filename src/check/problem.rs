//! What `check` reports: one typed [`Problem`] per thing wrong, whose `Display` is one
//! line naming the file concerned. Values from the files are shown through
//! [`crate::model::quote`], so a line stays short however long the value.

use super::LinkKindFault;
use crate::anchor::Placement;
use crate::model::quote::{name, quote, shorten_quoted};
use crate::model::{
    AnnotationId, CharRange, ClusterId, DocId, IdError, IdKind, LinkId, RecordedConflict, Side,
};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// What re-anchoring would do with an annotation that is not on its text.
#[derive(Clone, Debug, PartialEq)]
pub enum Remedy {
    /// Its exact text was found elsewhere.
    Moved(Range<usize>),
    /// A close match was found; similarity in 0..1.
    Fuzzy(Range<usize>, f64),
    /// It cannot be found: opening the project would flag it orphaned (and keep it).
    Orphaned,
    /// The article text is not available, so nothing can be said.
    Unknown,
}

impl From<Placement> for Remedy {
    fn from(p: Placement) -> Self {
        match p {
            // `Unchanged` is not a problem, so it never reaches a remedy; should it ever
            // do so, no remedy is claimed.
            Placement::Unchanged => Remedy::Unknown,
            Placement::Moved(r) => Remedy::Moved(r),
            Placement::Fuzzy(r, s) => Remedy::Fuzzy(r, s),
            Placement::Orphaned => Remedy::Orphaned,
        }
    }
}

impl fmt::Display for Remedy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Remedy::Moved(r) => write!(
                f,
                "; opening the project re-anchors it to {}..{}",
                r.start, r.end
            ),
            Remedy::Fuzzy(r, s) => write!(
                f,
                "; opening the project re-anchors it approximately to {}..{} (similarity {:.2})",
                r.start, r.end, s
            ),
            Remedy::Orphaned => f.write_str(
                "; its text cannot be found, so opening the project flags it orphaned (it is kept)",
            ),
            Remedy::Unknown => Ok(()),
        }
    }
}

/// Why an extra range of a discontinuous annotation is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeFault {
    /// Start at or after end.
    Empty,
    /// Starts before the end of the range before it.
    OutOfOrder,
    /// Runs past the end of the text.
    PastEnd(usize),
}

impl fmt::Display for RangeFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RangeFault::Empty => f.write_str("is empty or reversed"),
            RangeFault::OutOfOrder => f.write_str("overlaps or precedes the range before it"),
            RangeFault::PastEnd(len) => write!(f, "runs past the end of the text ({len} chars)"),
        }
    }
}

/// One thing wrong with a project. `file` is the project file for problems in it and the
/// article file for problems between an annotation and its text.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Problem {
    /// An id breaks the rule of its kind (see [`crate::model::validate_id`]). A bad
    /// document id also stops the project from loading; `check` lists them all.
    #[error("{}: {kind} {} is not valid: {error}{}", file.display(), quote(id), hint(*kind))]
    BadId {
        /// Project file.
        file: PathBuf,
        /// Which kind of id.
        kind: IdKind,
        /// The id as it is in the file.
        id: String,
        /// What is wrong with it.
        error: IdError,
    },
    /// Two labels of the scheme share an id.
    #[error("{}: label {} is defined more than once", file.display(), quote(label))]
    DuplicateLabel {
        /// Project file.
        file: PathBuf,
        /// The repeated label id.
        label: String,
    },
    /// Two documents share an id.
    #[error("{}: document id {} is used more than once", file.display(), name(doc.as_str()))]
    DuplicateDocument {
        /// Project file.
        file: PathBuf,
        /// The repeated id.
        doc: DocId,
    },
    /// Two annotations share an id.
    #[error("{}: annotation id {} is used more than once", file.display(), name(id.as_str()))]
    DuplicateAnnotation {
        /// Project file.
        file: PathBuf,
        /// The repeated id.
        id: AnnotationId,
    },
    /// Two links share an id.
    #[error("{}: link id {} is used more than once", file.display(), name(id.as_str()))]
    DuplicateLink {
        /// Project file.
        file: PathBuf,
        /// The repeated id.
        id: LinkId,
    },
    /// An annotation points to a document that is not in the project.
    #[error("{}: annotation {}: document {} is not in the project", file.display(), name(id.as_str()), name(doc.as_str()))]
    UnknownDocument {
        /// Project file.
        file: PathBuf,
        /// Annotation.
        id: AnnotationId,
        /// The missing document id.
        doc: DocId,
    },
    /// An annotation uses a label the scheme does not define.
    #[error("{}: annotation {}: label {} is not in the label scheme (known: {})", file.display(), name(id.as_str()), quote(label), shorten_quoted(known))]
    UnknownLabel {
        /// Project file.
        file: PathBuf,
        /// Annotation.
        id: AnnotationId,
        /// The unknown label.
        label: String,
        /// The scheme's label ids, comma-separated.
        known: String,
    },
    /// An annotation's primary span is empty or reversed.
    #[error("{}: annotation {}: span {start}..{end} is empty or reversed", file.display(), name(id.as_str()))]
    EmptySpan {
        /// Project file.
        file: PathBuf,
        /// Annotation.
        id: AnnotationId,
        /// Start stored.
        start: usize,
        /// End stored.
        end: usize,
    },
    /// An extra range of a discontinuous annotation is wrong.
    #[error("{}: annotation {}: extra range {}..{} {fault}", file.display(), name(id.as_str()), range.start, range.end)]
    BadExtraRange {
        /// Project file.
        file: PathBuf,
        /// Annotation.
        id: AnnotationId,
        /// The range.
        range: CharRange,
        /// What is wrong with it.
        fault: RangeFault,
    },
    /// A figure value that is NaN or infinite: exports would write invalid numbers.
    #[error("{}: annotation {}: figure value {value} is not a finite number", file.display(), name(id.as_str()))]
    NonFiniteValue {
        /// Project file.
        file: PathBuf,
        /// Annotation.
        id: AnnotationId,
        /// The value.
        value: f64,
    },
    /// An annotation is flagged orphaned: it waits for a person to place it again.
    #[error("{}: annotation {} {excerpt} is flagged orphaned (its text was not found after the article changed); place it again or delete it", file.display(), name(id.as_str()))]
    Orphaned {
        /// Project file.
        file: PathBuf,
        /// Annotation.
        id: AnnotationId,
        /// The start of its text, quoted (see [`crate::model::quote::quote_at_most`]).
        excerpt: String,
    },
    /// A link end names an annotation that does not exist.
    #[error("{}: link {}: its `{side}` end, annotation {}, is not in the project", file.display(), name(link.as_str()), name(end.as_str()))]
    DanglingLink {
        /// Project file.
        file: PathBuf,
        /// Link.
        link: LinkId,
        /// `from` or `to`.
        side: &'static str,
        /// The missing annotation id.
        end: AnnotationId,
    },
    /// A link joins an annotation to itself: no format can carry it, and it says nothing.
    #[error("{}: link {}: it links annotation {} to itself", file.display(), name(link.as_str()), name(annotation.as_str()))]
    SelfLink {
        /// Project file.
        file: PathBuf,
        /// Link.
        link: LinkId,
        /// The annotation at both ends.
        annotation: AnnotationId,
    },
    /// A link's project-defined kind cannot be carried as itself (see
    /// [`super::link_kind_fault`]).
    #[error("{}: link {}: kind {} {fault}", file.display(), name(link.as_str()), quote(kind))]
    BadLinkKind {
        /// Project file.
        file: PathBuf,
        /// Link.
        link: LinkId,
        /// The kind's name as the file has it.
        kind: String,
        /// What is wrong with it.
        fault: LinkKindFault,
    },
    /// Two clusters share an id.
    #[error("{}: cluster id {} is used more than once", file.display(), name(id.as_str()))]
    DuplicateCluster {
        /// Project file.
        file: PathBuf,
        /// The repeated id.
        id: ClusterId,
    },
    /// An annotation names a cluster that is not in the project.
    #[error("{}: annotation {}: cluster {} is not in the project", file.display(), name(id.as_str()), name(cluster.as_str()))]
    UnknownCluster {
        /// Project file.
        file: PathBuf,
        /// Annotation.
        id: AnnotationId,
        /// The missing cluster.
        cluster: ClusterId,
    },
    /// The two ends of a `SameAs` link are not in the same clusters: one report, two
    /// answers. Add both to the same clusters, or delete the link.
    #[error("{}: link {}: its ends are the same report but not in the same clusters (annotation {} is in {}, annotation {} in {})", file.display(), name(link.as_str()), name(from.as_str()), clusters_named(from_in), name(to.as_str()), clusters_named(to_in))]
    SameAsApart {
        /// Project file.
        file: PathBuf,
        /// The link.
        link: LinkId,
        /// Its `from` end.
        from: AnnotationId,
        /// The clusters `from` is in, by name.
        from_in: Vec<String>,
        /// Its `to` end.
        to: AnnotationId,
        /// The clusters `to` is in, by name.
        to_in: Vec<String>,
    },
    /// The article file does not exist.
    #[error("{}: article of document {} is missing; its {annotations} annotation(s) cannot be checked", file.display(), name(doc.as_str()))]
    MissingArticle {
        /// Article file looked for.
        file: PathBuf,
        /// Document.
        doc: DocId,
        /// How many annotations it has.
        annotations: usize,
    },
    /// The article file is not UTF-8.
    #[error("{}: article of document {} is not UTF-8 text (invalid byte at offset {offset})", file.display(), name(doc.as_str()))]
    NotUtf8 {
        /// Article file.
        file: PathBuf,
        /// Document.
        doc: DocId,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The article file could not be read.
    #[error("{}: article of document {} cannot be read: {message}", file.display(), name(doc.as_str()))]
    Unreadable {
        /// Article file.
        file: PathBuf,
        /// Document.
        doc: DocId,
        /// What the OS said.
        message: String,
    },
    /// The article file is outside the project's folder (absolute, `..` past it, or a
    /// symlink leading out); it is read only with the person's agreement.
    #[error(
        "{}: article of document {} is outside the project folder ({}); it is not read without --allow-outside",
        file.display(),
        name(doc.as_str()),
        real.display()
    )]
    OutsideFolder {
        /// Article file, as the project names it.
        file: PathBuf,
        /// Document.
        doc: DocId,
        /// Where it leads, symlinks resolved.
        real: PathBuf,
    },
    /// The article's text differs from the one the annotations were made on.
    #[error("{}: article of document {} changed since it was annotated (SHA-256 differs; {stored_chars} chars recorded, {actual_chars} now)", file.display(), name(doc.as_str()))]
    ArticleChanged {
        /// Article file.
        file: PathBuf,
        /// Document.
        doc: DocId,
        /// `chars` in the project.
        stored_chars: usize,
        /// Length of the text now.
        actual_chars: usize,
    },
    /// The hash matches but the recorded length does not.
    #[error("{}: document {} records {stored} chars but its article has {actual}", file.display(), name(doc.as_str()))]
    CharsMismatch {
        /// Article file.
        file: PathBuf,
        /// Document.
        doc: DocId,
        /// `chars` in the project.
        stored: usize,
        /// Length of the text.
        actual: usize,
    },
    /// An annotation's span runs past the end of its article.
    #[error("{}: annotation {} {excerpt}: span {start}..{end} runs past the end of the text ({len} chars){remedy}", file.display(), name(id.as_str()))]
    SpanPastEnd {
        /// Article file.
        file: PathBuf,
        /// Annotation.
        id: AnnotationId,
        /// The start of its text, quoted (see [`crate::model::quote::quote_at_most`]).
        excerpt: String,
        /// Start stored.
        start: usize,
        /// End stored.
        end: usize,
        /// Length of the text in chars.
        len: usize,
        /// What re-anchoring would do.
        remedy: Remedy,
    },
    /// The text under an annotation's span is not the text it claims.
    #[error("{}: annotation {}: span {start}..{end} reads {found}, not {expected}{remedy}", file.display(), name(id.as_str()))]
    TextMismatch {
        /// Article file.
        file: PathBuf,
        /// Annotation.
        id: AnnotationId,
        /// Start stored.
        start: usize,
        /// End stored.
        end: usize,
        /// The start of the text the annotation claims, quoted.
        expected: String,
        /// The start of the text actually under the span, quoted.
        found: String,
        /// What re-anchoring would do.
        remedy: Remedy,
    },
    /// A merge (git's, through `sourcemark merge-driver`) left a conflict in the project
    /// file: the file holds one side until a person decides, in the window.
    #[error("{}: merge conflict on {}: ours {}, theirs {}; the file holds {} until it is settled in the window", file.display(), conflict.subject(), conflict.shown(Side::Ours), conflict.shown(Side::Theirs), conflict.holds)]
    UnsettledConflict {
        /// Project file.
        file: PathBuf,
        /// The conflict as the file records it.
        conflict: RecordedConflict,
    },
}

impl Problem {
    /// The file the problem is in (project or article), for grouping in a list.
    pub fn file(&self) -> &Path {
        match self {
            Problem::BadId { file, .. }
            | Problem::DuplicateLabel { file, .. }
            | Problem::DuplicateDocument { file, .. }
            | Problem::DuplicateAnnotation { file, .. }
            | Problem::DuplicateLink { file, .. }
            | Problem::UnknownDocument { file, .. }
            | Problem::UnknownLabel { file, .. }
            | Problem::EmptySpan { file, .. }
            | Problem::BadExtraRange { file, .. }
            | Problem::NonFiniteValue { file, .. }
            | Problem::Orphaned { file, .. }
            | Problem::DanglingLink { file, .. }
            | Problem::SelfLink { file, .. }
            | Problem::BadLinkKind { file, .. }
            | Problem::DuplicateCluster { file, .. }
            | Problem::UnknownCluster { file, .. }
            | Problem::SameAsApart { file, .. }
            | Problem::MissingArticle { file, .. }
            | Problem::NotUtf8 { file, .. }
            | Problem::Unreadable { file, .. }
            | Problem::OutsideFolder { file, .. }
            | Problem::ArticleChanged { file, .. }
            | Problem::CharsMismatch { file, .. }
            | Problem::SpanPastEnd { file, .. }
            | Problem::TextMismatch { file, .. }
            | Problem::UnsettledConflict { file, .. } => file,
        }
    }

    /// The annotation concerned, if any: the window selects it when the problem is
    /// clicked.
    pub fn annotation(&self) -> Option<&AnnotationId> {
        match self {
            Problem::DuplicateAnnotation { id, .. }
            | Problem::UnknownDocument { id, .. }
            | Problem::UnknownLabel { id, .. }
            | Problem::EmptySpan { id, .. }
            | Problem::BadExtraRange { id, .. }
            | Problem::NonFiniteValue { id, .. }
            | Problem::Orphaned { id, .. }
            | Problem::SpanPastEnd { id, .. }
            | Problem::TextMismatch { id, .. }
            | Problem::UnknownCluster { id, .. }
            | Problem::SameAsApart { from: id, .. }
            | Problem::SelfLink { annotation: id, .. } => Some(id),
            Problem::UnsettledConflict { conflict, .. } => match &conflict.record {
                crate::model::RecordRef::Annotation(id) => Some(id),
                _ => None,
            },
            _ => None,
        }
    }
}

/// "no cluster", or the clusters' names quoted and joined.
fn clusters_named(names: &[String]) -> String {
    if names.is_empty() {
        return "no cluster".to_owned();
    }
    let quoted: Vec<String> = names.iter().map(|n| quote(n).to_string()).collect();
    quoted.join(", ")
}

/// What a bad id of `kind` means for the user, after the rule it breaks.
fn hint(kind: IdKind) -> &'static str {
    match kind {
        IdKind::Document => {
            " (a document id is a name, not a path: exports use it as a file name; rename \
             it in its document and in the `doc` of its annotations)"
        }
        IdKind::Annotation | IdKind::Link | IdKind::Label | IdKind::Cluster => "",
    }
}
