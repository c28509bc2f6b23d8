//! Validation of a project as it is on disk: the project file and the article files.
//!
//! [`crate::workspace::Workspace::open`] repairs what it can in memory (re-anchoring,
//! refreshing hashes), which would hide exactly what a check must report. So the check
//! works on the project as loaded by [`crate::store::load`] and reads the articles itself.
//! It never writes anything; each problem is a typed [`Problem`] whose `Display` is one
//! line naming the file concerned, so the command line prints it and the window can list it.

use crate::anchor::{self, Placement};
use crate::model::{Annotation, AnnotationId, CharRange, DocId, LinkId, Project};
use crate::store::{self, StoreError};
use crate::text::{self, DocText, TextError};
use std::collections::HashSet;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How many chars of an annotation's text a problem line quotes.
const EXCERPT_CHARS: usize = 40;

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
            // `Unchanged` is not a problem, so it never reaches a remedy; treat it as a
            // zero-distance move should it ever do so.
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
    /// Two labels of the scheme share an id.
    #[error("{}: label {label:?} is defined more than once", file.display())]
    DuplicateLabel {
        /// Project file.
        file: PathBuf,
        /// The repeated label id.
        label: String,
    },
    /// Two documents share an id.
    #[error("{}: document id {doc} is used more than once", file.display())]
    DuplicateDocument {
        /// Project file.
        file: PathBuf,
        /// The repeated id.
        doc: DocId,
    },
    /// Two annotations share an id.
    #[error("{}: annotation id {id} is used more than once", file.display())]
    DuplicateAnnotation {
        /// Project file.
        file: PathBuf,
        /// The repeated id.
        id: AnnotationId,
    },
    /// Two links share an id.
    #[error("{}: link id {id} is used more than once", file.display())]
    DuplicateLink {
        /// Project file.
        file: PathBuf,
        /// The repeated id.
        id: LinkId,
    },
    /// An annotation points to a document that is not in the project.
    #[error("{}: annotation {id}: document {doc} is not in the project", file.display())]
    UnknownDocument {
        /// Project file.
        file: PathBuf,
        /// Annotation.
        id: AnnotationId,
        /// The missing document id.
        doc: DocId,
    },
    /// An annotation uses a label the scheme does not define.
    #[error("{}: annotation {id}: label {label:?} is not in the label scheme (known: {known})", file.display())]
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
    #[error("{}: annotation {id}: span {start}..{end} is empty or reversed", file.display())]
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
    #[error("{}: annotation {id}: extra range {}..{} {fault}", file.display(), range.start, range.end)]
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
    #[error("{}: annotation {id}: figure value {value} is not a finite number", file.display())]
    NonFiniteValue {
        /// Project file.
        file: PathBuf,
        /// Annotation.
        id: AnnotationId,
        /// The value.
        value: f64,
    },
    /// An annotation is flagged orphaned: it waits for a person to place it again.
    #[error("{}: annotation {id} {excerpt:?} is flagged orphaned (its text was not found after the article changed); place it again or delete it", file.display())]
    Orphaned {
        /// Project file.
        file: PathBuf,
        /// Annotation.
        id: AnnotationId,
        /// The start of its text.
        excerpt: String,
    },
    /// A link end names an annotation that does not exist.
    #[error("{}: link {link}: its `{side}` end, annotation {end}, is not in the project", file.display())]
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
    /// The article file does not exist.
    #[error("{}: article of document {doc} is missing; its {annotations} annotation(s) cannot be checked", file.display())]
    MissingArticle {
        /// Article file looked for.
        file: PathBuf,
        /// Document.
        doc: DocId,
        /// How many annotations it has.
        annotations: usize,
    },
    /// The article file is not UTF-8.
    #[error("{}: article of document {doc} is not UTF-8 text (invalid byte at offset {offset})", file.display())]
    NotUtf8 {
        /// Article file.
        file: PathBuf,
        /// Document.
        doc: DocId,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The article file could not be read.
    #[error("{}: article of document {doc} cannot be read: {message}", file.display())]
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
        "{}: article of document {doc} is outside the project folder ({}); it is not read without --allow-outside",
        file.display(),
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
    #[error("{}: article of document {doc} changed since it was annotated (SHA-256 differs; {stored_chars} chars recorded, {actual_chars} now)", file.display())]
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
    #[error("{}: document {doc} records {stored} chars but its article has {actual}", file.display())]
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
    #[error("{}: annotation {id} {excerpt:?}: span {start}..{end} runs past the end of the text ({len} chars){remedy}", file.display())]
    SpanPastEnd {
        /// Article file.
        file: PathBuf,
        /// Annotation.
        id: AnnotationId,
        /// The start of its text.
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
    #[error("{}: annotation {id}: span {start}..{end} reads {found:?}, not {expected:?}{remedy}", file.display())]
    TextMismatch {
        /// Article file.
        file: PathBuf,
        /// Annotation.
        id: AnnotationId,
        /// Start stored.
        start: usize,
        /// End stored.
        end: usize,
        /// The start of the text the annotation claims.
        expected: String,
        /// The start of the text actually under the span.
        found: String,
        /// What re-anchoring would do.
        remedy: Remedy,
    },
}

/// The result of a check.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Every problem found, project-file problems first, then document by document.
    pub problems: Vec<Problem>,
    /// Documents checked.
    pub documents: usize,
    /// Annotations checked.
    pub annotations: usize,
    /// Links checked.
    pub links: usize,
}

impl Problem {
    /// The file the problem is in (project or article), for grouping in a list.
    pub fn file(&self) -> &Path {
        match self {
            Problem::DuplicateLabel { file, .. }
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
            | Problem::MissingArticle { file, .. }
            | Problem::NotUtf8 { file, .. }
            | Problem::Unreadable { file, .. }
            | Problem::OutsideFolder { file, .. }
            | Problem::ArticleChanged { file, .. }
            | Problem::CharsMismatch { file, .. }
            | Problem::SpanPastEnd { file, .. }
            | Problem::TextMismatch { file, .. } => file,
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
            | Problem::TextMismatch { id, .. } => Some(id),
            _ => None,
        }
    }
}

impl Report {
    /// True when nothing is wrong.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Loads the project file and checks it with its articles. Only a project file that
/// cannot be read or parsed is an error; everything else is a [`Problem`].
pub fn check(path: &Path) -> Result<Report, StoreError> {
    check_with(path, false)
}

/// [`check`], reading article files outside the project's folder when
/// `outside_allowed` (otherwise each is a problem, and is not read).
pub fn check_with(path: &Path, outside_allowed: bool) -> Result<Report, StoreError> {
    let project = store::load(path)?;
    Ok(check_project_with(path, &project, outside_allowed))
}

/// Checks a project loaded from `path` (article paths are relative to its folder).
/// Article files outside the folder are problems, and are not read.
pub fn check_project(path: &Path, project: &Project) -> Report {
    check_project_with(path, project, false)
}

/// [`check_project`], reading article files outside the folder when `outside_allowed`.
pub fn check_project_with(path: &Path, project: &Project, outside_allowed: bool) -> Report {
    let mut problems = Vec::new();
    check_file(path, project, &mut problems);
    // For a bare `p.ron` the parent is empty, and joining it keeps article paths as
    // the user would write them (`a.txt`, not `./a.txt`).
    // A symlinked project file's articles are beside the file it points to.
    let real = store::resolve(path).unwrap_or_else(|_| path.to_owned());
    let base = real.parent().map(Path::to_owned).unwrap_or_default();
    let mut seen: Option<&DocId> = None;
    for doc in &project.documents {
        // Duplicate documents were reported already; check each id's annotations once.
        if seen == Some(&doc.id) {
            continue;
        }
        seen = Some(&doc.id);
        check_document(&base, project, doc, outside_allowed, &mut problems);
    }
    Report {
        problems,
        documents: project.documents.len(),
        annotations: project.annotations.len(),
        links: project.links.len(),
    }
}

fn excerpt(s: &str) -> String {
    match s.char_indices().nth(EXCERPT_CHARS) {
        Some((b, _)) => format!("{}…", &s[..b]),
        None => s.to_owned(),
    }
}

/// Everything that can be checked without the articles.
fn check_file(path: &Path, project: &Project, out: &mut Vec<Problem>) {
    let file = || path.to_owned();

    let mut labels = HashSet::new();
    for l in project.labels.iter() {
        if !labels.insert(l.id.as_str()) {
            out.push(Problem::DuplicateLabel {
                file: file(),
                label: l.id.clone(),
            });
        }
    }
    let known = project
        .labels
        .iter()
        .map(|l| l.id.as_str())
        .collect::<Vec<_>>()
        .join(", ");

    // Documents are sorted by id, so a repeated id sits next to its twin.
    for pair in project.documents.windows(2) {
        if pair[0].id == pair[1].id {
            out.push(Problem::DuplicateDocument {
                file: file(),
                doc: pair[1].id.clone(),
            });
        }
    }

    let mut ids: HashSet<&str> = HashSet::with_capacity(project.annotations.len());
    let mut reported: HashSet<&str> = HashSet::new();
    for a in &project.annotations {
        if !ids.insert(a.id.as_str()) && reported.insert(a.id.as_str()) {
            out.push(Problem::DuplicateAnnotation {
                file: file(),
                id: a.id.clone(),
            });
        }
        if project.document(&a.doc).is_none() {
            out.push(Problem::UnknownDocument {
                file: file(),
                id: a.id.clone(),
                doc: a.doc.clone(),
            });
        }
        if !labels.contains(a.label.as_str()) {
            out.push(Problem::UnknownLabel {
                file: file(),
                id: a.id.clone(),
                label: a.label.clone(),
                known: known.clone(),
            });
        }
        if a.start >= a.end {
            out.push(Problem::EmptySpan {
                file: file(),
                id: a.id.clone(),
                start: a.start,
                end: a.end,
            });
        }
        let mut prev_end = a.end;
        for r in &a.more {
            let fault = if r.start >= r.end {
                Some(RangeFault::Empty)
            } else if r.start < prev_end {
                Some(RangeFault::OutOfOrder)
            } else {
                None
            };
            if let Some(fault) = fault {
                out.push(Problem::BadExtraRange {
                    file: file(),
                    id: a.id.clone(),
                    range: *r,
                    fault,
                });
            }
            prev_end = prev_end.max(r.end);
        }
        if let Some(v) = a.attrs.value
            && !v.is_finite()
        {
            out.push(Problem::NonFiniteValue {
                file: file(),
                id: a.id.clone(),
                value: v,
            });
        }
        if a.orphaned {
            out.push(Problem::Orphaned {
                file: file(),
                id: a.id.clone(),
                excerpt: excerpt(&a.text),
            });
        }
    }

    let mut link_ids = HashSet::with_capacity(project.links.len());
    for l in &project.links {
        if !link_ids.insert(l.id.as_str()) {
            out.push(Problem::DuplicateLink {
                file: file(),
                id: l.id.clone(),
            });
        }
        for (side, end) in [("from", &l.from), ("to", &l.to)] {
            if !ids.contains(end.as_str()) {
                out.push(Problem::DanglingLink {
                    file: file(),
                    link: l.id.clone(),
                    side,
                    end: end.clone(),
                });
            }
        }
    }
}

/// Checks one document's article and the spans on it.
fn check_document(
    base: &Path,
    project: &Project,
    doc: &crate::model::Document,
    outside_allowed: bool,
    out: &mut Vec<Problem>,
) {
    let file = base.join(&doc.path);
    let annotations = project.annotations_of(&doc.id);
    if !outside_allowed {
        let folder = if base.as_os_str().is_empty() {
            Path::new(".")
        } else {
            base
        };
        if let Some(real) = crate::workspace::outside_folder(folder, &file) {
            out.push(Problem::OutsideFolder {
                file,
                doc: doc.id.clone(),
                real,
            });
            return;
        }
    }
    let text = match text::read_article(&file) {
        Ok(t) => DocText::new(t),
        Err(TextError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            out.push(Problem::MissingArticle {
                file: file.clone(),
                doc: doc.id.clone(),
                annotations: annotations.len(),
            });
            // The recorded length still bounds the spans.
            for a in annotations {
                if a.start < a.end && a.end > doc.chars && !a.orphaned {
                    out.push(past_end(&file, a, doc.chars, Remedy::Unknown));
                }
            }
            return;
        }
        Err(TextError::NotUtf8 { offset, .. }) => {
            out.push(Problem::NotUtf8 {
                file,
                doc: doc.id.clone(),
                offset,
            });
            return;
        }
        Err(e) => {
            out.push(Problem::Unreadable {
                file,
                doc: doc.id.clone(),
                message: e.reason(),
            });
            return;
        }
    };

    let len = text.char_len();
    if text.sha256() != doc.sha256 {
        out.push(Problem::ArticleChanged {
            file: file.clone(),
            doc: doc.id.clone(),
            stored_chars: doc.chars,
            actual_chars: len,
        });
    } else if len != doc.chars {
        out.push(Problem::CharsMismatch {
            file: file.clone(),
            doc: doc.id.clone(),
            stored: doc.chars,
            actual: len,
        });
    }

    for a in annotations {
        for r in &a.more {
            if r.start < r.end && r.end > len {
                out.push(Problem::BadExtraRange {
                    file: file.clone(),
                    id: a.id.clone(),
                    range: *r,
                    fault: RangeFault::PastEnd(len),
                });
            }
        }
        // Orphans are reported once, from the project file; empty spans likewise.
        if a.orphaned || a.start >= a.end {
            continue;
        }
        let placement = anchor::locate(&text, a);
        if placement == Placement::Unchanged {
            continue;
        }
        let remedy = Remedy::from(placement);
        if a.end > len {
            out.push(past_end(&file, a, len, remedy));
        } else {
            out.push(Problem::TextMismatch {
                file: file.clone(),
                id: a.id.clone(),
                start: a.start,
                end: a.end,
                expected: excerpt(&a.text),
                found: excerpt(text.slice(a.range())),
                remedy,
            });
        }
    }
}

fn past_end(file: &Path, a: &Annotation, len: usize, remedy: Remedy) -> Problem {
    Problem::SpanPastEnd {
        file: file.to_owned(),
        id: a.id.clone(),
        excerpt: excerpt(&a.text),
        start: a.start,
        end: a.end,
        len,
        remedy,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Link, LinkKind};

    fn setup(article: &str) -> (tempfile::TempDir, PathBuf, Project, DocText) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), article).unwrap();
        let text = DocText::new(article.to_owned());
        let mut p = Project::new("t");
        p.documents
            .push(Document::new(DocId::from("a"), "a.txt", &text));
        let path = dir.path().join("p.ron");
        (dir, path, p, text)
    }

    const ARTICLE: &str = "Iran’s “historic” rally: more than 2.5\u{a0}million took part.";

    fn span(text: &DocText, phrase: &str, label: &str) -> Annotation {
        let b = text.as_str().find(phrase).unwrap();
        let s = text.char_of(b);
        Annotation::new(
            DocId::from("a"),
            text,
            s,
            s + phrase.chars().count(),
            label,
            "me",
        )
        .unwrap()
    }

    #[test]
    fn clean_project_has_no_problems() {
        let (_d, path, mut p, t) = setup(ARTICLE);
        p.annotations
            .push(span(&t, "more than 2.5\u{a0}million", "figure"));
        p.annotations.push(span(&t, "“historic”", "quote"));
        p.normalize();
        let r = check_project(&path, &p);
        assert!(r.is_clean(), "{:?}", r.problems);
        assert_eq!((r.documents, r.annotations), (1, 2));
    }

    #[test]
    fn file_level_problems_are_each_reported() {
        let (_d, path, mut p, t) = setup(ARTICLE);
        let mut a = span(&t, "rally", "opinion");
        a.attrs.value = Some(f64::NAN);
        let mut b = a.clone();
        b.label = "claim".into();
        b.attrs.value = None;
        let mut c = span(&t, "took part", "claim");
        c.doc = DocId::from("nowhere");
        c.orphaned = true;
        p.annotations = vec![a.clone(), b, c];
        p.links.push(Link {
            id: LinkId::from("l1"),
            from: a.id.clone(),
            to: AnnotationId::from("gone"),
            kind: LinkKind::SameAs,
            note: String::new(),
        });
        p.normalize();
        let r = check_project(&path, &p);
        let kinds: Vec<&str> = r
            .problems
            .iter()
            .map(|p| match p {
                Problem::DuplicateAnnotation { .. } => "dup",
                Problem::UnknownLabel { .. } => "label",
                Problem::NonFiniteValue { .. } => "nan",
                Problem::UnknownDocument { .. } => "doc",
                Problem::Orphaned { .. } => "orphan",
                Problem::DanglingLink { .. } => "link",
                _ => "other",
            })
            .collect();
        for k in ["dup", "label", "nan", "doc", "orphan", "link"] {
            assert!(kinds.contains(&k), "{k} missing from {:?}", r.problems);
        }
        assert!(!kinds.contains(&"other"), "{:?}", r.problems);
        for prob in &r.problems {
            assert!(prob.to_string().starts_with(&path.display().to_string()));
            assert_eq!(prob.file(), path);
        }
        assert!(
            r.problems
                .iter()
                .any(|p| p.annotation() == Some(&a.id)
                    && matches!(p, Problem::NonFiniteValue { .. }))
        );
    }

    #[test]
    fn changed_article_says_what_reanchoring_would_do() {
        let (d, path, mut p, t) = setup(ARTICLE);
        let fig = span(&t, "more than 2.5\u{a0}million", "figure");
        let gone = span(&t, "“historic”", "quote");
        p.annotations = vec![fig.clone(), gone.clone()];
        p.normalize();
        let changed =
            "A new first paragraph.\n\nIran’s rally: more than 2.5\u{a0}million took part.";
        std::fs::write(d.path().join("a.txt"), changed).unwrap();
        let r = check_project(&path, &p);
        assert!(matches!(r.problems[0], Problem::ArticleChanged { .. }));
        let moved = r.problems.iter().find_map(|p| match p {
            Problem::TextMismatch { id, remedy, .. } if *id == fig.id => Some(remedy.clone()),
            _ => None,
        });
        assert!(matches!(moved, Some(Remedy::Moved(_))), "{:?}", r.problems);
        let orphan = r.problems.iter().any(|p| {
            matches!(p, Problem::TextMismatch { id, remedy: Remedy::Orphaned, .. } if *id == gone.id)
        });
        assert!(orphan, "{:?}", r.problems);
        // Nothing was written: the article is as we left it.
        assert_eq!(
            std::fs::read_to_string(d.path().join("a.txt")).unwrap(),
            changed
        );
    }

    #[test]
    fn missing_article_still_bounds_spans_by_recorded_length() {
        let (d, path, mut p, t) = setup(ARTICLE);
        let mut a = span(&t, "rally", "claim");
        a.end = t.char_len() + 5;
        p.annotations = vec![a];
        std::fs::remove_file(d.path().join("a.txt")).unwrap();
        let r = check_project(&path, &p);
        assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
        assert!(matches!(r.problems[0], Problem::MissingArticle { .. }));
        assert!(matches!(r.problems[1], Problem::SpanPastEnd { .. }));
    }

    #[test]
    fn excerpt_cuts_on_chars() {
        let long = "é".repeat(50);
        let e = excerpt(&long);
        assert_eq!(e.chars().count(), EXCERPT_CHARS + 1);
        assert!(e.ends_with('…'));
    }
}
