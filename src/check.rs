//! Validation of a project as it is on disk: the project file and the article files.
//!
//! [`crate::workspace::Workspace::open`] repairs what it can in memory (re-anchoring,
//! refreshing hashes), which would hide exactly what a check must report. So the check
//! works on the project as loaded by [`crate::store::load`] and reads the articles itself.
//! It never writes anything; each problem is a typed [`Problem`] whose `Display` is one
//! line naming the file concerned, so the command line prints it and the window can list it.

mod faults;
mod problem;

pub use faults::{Fault, LinkKindFault, annotation_faults, link_kind_fault};
pub use problem::{Problem, RangeFault, Remedy};

use crate::anchor::{self, Placement};
use crate::model::quote::{name, quote_at_most, shorten_quoted};
use crate::model::{Annotation, BadDocumentId, DocId, FORMAT, IdKind, Project, validate_id};
use crate::store::{self, StoreError};
use crate::text::{self, DocText, TextError};
use std::collections::HashSet;
use std::path::Path;

/// How many chars of an annotation's text a problem line quotes.
const EXCERPT_CHARS: usize = 40;

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

impl Report {
    /// True when nothing is wrong.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Loads the project file and checks it with its articles. Only a project file that
/// cannot be read or parsed is an error; everything else is a [`Problem`].
///
/// The loader refuses a project with a bad document id, naming the first; `check`
/// reads such a project anyway and lists every bad id as a problem.
pub fn check(path: &Path) -> Result<Report, StoreError> {
    check_with(path, false)
}

/// [`check`], reading article files outside the project's folder when
/// `outside_allowed` (otherwise each is a problem, and is not read).
pub fn check_with(path: &Path, outside_allowed: bool) -> Result<Report, StoreError> {
    let project = match store::load(path) {
        Ok(p) => p,
        Err(e @ StoreError::Parse { .. }) => refused_for_ids(path).ok_or(e)?,
        Err(e) => return Err(e),
    };
    Ok(check_project_with(path, &project, outside_allowed))
}

/// The project in `path` parsed without the loader's id rule, when that rule is the
/// only reason the loader refused it: the file parses, its format is one this build
/// reads, and a document id is bad. Only a refused load pays for this second parse.
fn refused_for_ids(path: &Path) -> Option<Project> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut project: Project = ron::Options::default().from_str(&text).ok()?;
    let readable = (1..=FORMAT).contains(&project.format);
    if !readable || BadDocumentId::find(&project).is_none() {
        return None;
    }
    project.normalize();
    Some(project)
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

/// The start of a span's text as a problem quotes it.
fn excerpt(s: &str) -> String {
    quote_at_most(s, EXCERPT_CHARS).to_string()
}

/// Everything that can be checked without the articles.
fn check_file(path: &Path, project: &Project, out: &mut Vec<Problem>) {
    let file = || path.to_owned();
    out.extend(
        project
            .conflicts
            .iter()
            .map(|conflict| Problem::UnsettledConflict {
                file: file(),
                conflict: conflict.clone(),
            }),
    );

    let bad_id = |kind, id: &str| {
        validate_id(kind, id).err().map(|error| Problem::BadId {
            file: path.to_owned(),
            kind,
            id: id.to_owned(),
            error,
        })
    };

    let mut labels = HashSet::new();
    for l in project.labels.iter() {
        out.extend(bad_id(IdKind::Label, &l.id));
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
        .map(|l| name(&l.id).to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let known = shorten_quoted(&known).into_owned();

    for d in &project.documents {
        out.extend(bad_id(IdKind::Document, d.id.as_str()));
    }
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
        annotation_faults(a, |fault| {
            let file = file();
            let id = a.id.clone();
            out.push(match fault {
                Fault::BadId(error) => Problem::BadId {
                    file,
                    kind: IdKind::Annotation,
                    id: id.0,
                    error,
                },
                Fault::EmptySpan => Problem::EmptySpan {
                    file,
                    id,
                    start: a.start,
                    end: a.end,
                },
                Fault::BadExtraRange { range, fault, .. } => Problem::BadExtraRange {
                    file,
                    id,
                    range,
                    fault,
                },
                Fault::NonFiniteValue(value) => Problem::NonFiniteValue { file, id, value },
            })
        });
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
        out.extend(bad_id(IdKind::Link, l.id.as_str()));
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
        if l.from == l.to {
            out.push(Problem::SelfLink {
                file: file(),
                link: l.id.clone(),
                annotation: l.from.clone(),
            });
        }
        if let Some(fault) = link_kind_fault(&l.kind) {
            out.push(Problem::BadLinkKind {
                file: file(),
                link: l.id.clone(),
                kind: l.kind.name().to_owned(),
                fault,
            });
        }
    }
    check_clusters(path, project, out);
}

/// Cluster ids, the clusters annotations name, and `SameAs` ends in the same clusters.
fn check_clusters(path: &Path, project: &Project, out: &mut Vec<Problem>) {
    let file = || path.to_owned();
    let mut cluster_ids = HashSet::with_capacity(project.clusters.len());
    for c in &project.clusters {
        if let Err(error) = validate_id(IdKind::Cluster, c.id.as_str()) {
            out.push(Problem::BadId {
                file: file(),
                kind: IdKind::Cluster,
                id: c.id.to_string(),
                error,
            });
        }
        if !cluster_ids.insert(&c.id) {
            out.push(Problem::DuplicateCluster {
                file: file(),
                id: c.id.clone(),
            });
        }
    }
    for a in &project.annotations {
        for c in &a.clusters {
            if !cluster_ids.contains(c) {
                out.push(Problem::UnknownCluster {
                    file: file(),
                    id: a.id.clone(),
                    cluster: c.clone(),
                });
            }
        }
    }
    let names = |a: &crate::model::Annotation| -> Vec<String> {
        a.clusters
            .iter()
            .map(|c| {
                project
                    .cluster(c)
                    .map_or_else(|| c.to_string(), |c| c.name.clone())
            })
            .collect()
    };
    for l in (project.links.iter()).filter(|l| l.kind == crate::model::LinkKind::SameAs) {
        let (Some(from), Some(to)) = (project.annotation(&l.from), project.annotation(&l.to))
        else {
            continue;
        };
        let (mut a, mut b) = (from.clusters.clone(), to.clusters.clone());
        a.sort();
        b.sort();
        if a != b {
            out.push(Problem::SameAsApart {
                file: file(),
                link: l.id.clone(),
                from: from.id.clone(),
                from_in: names(from),
                to: to.id.clone(),
                to_in: names(to),
            });
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
    if !outside_allowed && let Some(real) = crate::workspace::outside_folder(base, &file) {
        out.push(Problem::OutsideFolder {
            file,
            doc: doc.id.clone(),
            real,
        });
        return;
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
            // What the ranges read now, joined as the annotation's text is.
            let ranges: Vec<_> = a.ranges().filter(|r| r.end <= len).collect();
            let found = crate::model::joined_text(&text, &ranges);
            out.push(Problem::TextMismatch {
                file: file.clone(),
                id: a.id.clone(),
                start: a.start,
                end: a.end,
                expected: excerpt(&a.text),
                found: excerpt(&found),
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
    use crate::model::{AnnotationId, Document, Link, LinkId, LinkKind};
    use std::path::PathBuf;

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
    fn link_ends_kinds_and_self_links_are_checked() {
        let (_d, path, mut p, t) = setup(ARTICLE);
        let fig = span(&t, "more than 2.5\u{a0}million", "figure");
        let quote = span(&t, "“historic”", "quote");
        p.annotations = vec![fig.clone(), quote.clone()];
        let link = |id: &str, from: &Annotation, to: &Annotation, kind: LinkKind| Link {
            id: LinkId::from(id),
            from: from.id.clone(),
            to: to.id.clone(),
            kind,
            note: String::new(),
        };
        p.links = vec![
            link("ok1", &fig, &quote, LinkKind::Supports),
            link("ok2", &quote, &fig, LinkKind::Other("echoes of".into())),
            link("self", &fig, &fig, LinkKind::SameAs),
            link("builtin", &fig, &quote, LinkKind::Other("SaidBy".into())),
            link("empty", &fig, &quote, LinkKind::Other(" ".into())),
            link("ctrl", &fig, &quote, LinkKind::Other("a\u{7}b".into())),
        ];
        p.normalize();
        let r = check_project(&path, &p);
        let lines: Vec<String> = r.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(lines.len(), 4, "{lines:#?}");
        let file = path.display().to_string();
        let has = |s: &str| lines.iter().any(|l| l.starts_with(&file) && l.contains(s));
        assert!(has(&format!(
            "link self: it links annotation {} to itself",
            fig.id
        )));
        assert!(has(
            "link builtin: kind \"SaidBy\" is a built-in kind's name"
        ));
        assert!(has("link empty: kind \" \" is not valid: it is empty"));
        assert!(has(
            "link ctrl: kind \"a\\u{7}b\" is not valid: it contains the control"
        ));
        let self_link = r
            .problems
            .iter()
            .find(|p| matches!(p, Problem::SelfLink { .. }))
            .unwrap();
        assert_eq!(self_link.annotation(), Some(&fig.id));
    }

    #[test]
    fn clusters_are_checked_and_same_as_ends_must_share_them() {
        use crate::model::{Cluster, ClusterId};
        let (_d, path, mut p, t) = setup(ARTICLE);
        let mut fig = span(&t, "more than 2.5\u{a0}million", "figure");
        let mut quote = span(&t, "“historic”", "quote");
        let crowd = Cluster::new("Crowd size");
        fig.join_cluster(&crowd.id);
        quote.join_cluster(&ClusterId::from("gone"));
        p.clusters = vec![crowd.clone(), crowd.clone()];
        p.annotations = vec![fig.clone(), quote.clone()];
        p.links = vec![Link {
            id: LinkId::from("same"),
            from: fig.id.clone(),
            to: quote.id.clone(),
            kind: LinkKind::SameAs,
            note: String::new(),
        }];
        p.normalize();
        let r = check_project(&path, &p);
        let lines: Vec<String> = r.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(lines.len(), 3, "{lines:#?}");
        let has = |s: &str| lines.iter().any(|l| l.contains(s));
        assert!(has(&format!(
            "cluster id {} is used more than once",
            crowd.id
        )));
        assert!(has(&format!(
            "annotation {}: cluster gone is not in the project",
            quote.id
        )));
        assert!(has(&format!(
            "link same: its ends are the same report but not in the same clusters \
             (annotation {} is in \"Crowd size\", annotation {} in \"gone\")",
            fig.id, quote.id
        )));
        // In the same cluster, once: clean.
        p.clusters = vec![crowd.clone()];
        for a in &mut p.annotations {
            a.clusters = vec![crowd.id.clone()];
        }
        assert_eq!(check_project(&path, &p).problems, vec![]);
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
    fn every_range_of_a_split_span_is_checked_against_the_article() {
        let (_d, path, mut p, t) = setup(ARTICLE);
        let mut q = span(&t, "“historic”", "quote");
        let second = span(&t, "took part", "quote");
        q.set_ranges(&t, &[q.range(), second.range()]).unwrap();
        assert_eq!(q.text, "“historic” took part");
        p.annotations = vec![q.clone()];
        assert!(check_project(&path, &p).is_clean());
        // The second range no longer reads what the text says: reported, with both
        // ranges' text as found.
        q.more[0].start -= 1;
        q.more[0].end -= 1;
        p.annotations = vec![q.clone()];
        let r = check_project(&path, &p);
        let found = r.problems.iter().find_map(|p| match p {
            Problem::TextMismatch { found, .. } => Some(found.clone()),
            _ => None,
        });
        assert!(
            found
                .as_deref()
                .is_some_and(|f| f.contains("historic") && f.contains(" took par\"")),
            "{:?}",
            r.problems
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
        assert_eq!(e, format!("\"{}…\" (50 chars)", "é".repeat(EXCERPT_CHARS)));
    }

    #[test]
    fn bad_ids_of_every_kind_are_listed() {
        let (_d, path, mut p, t) = setup(ARTICLE);
        p.documents[0].id = DocId::from("../../PWNED");
        let mut a = span(&t, "rally", "claim");
        a.doc = p.documents[0].id.clone();
        a.id = AnnotationId::from("a\nb");
        p.labels.add("x\u{0}y");
        p.links.push(Link {
            id: LinkId::from(""),
            from: a.id.clone(),
            to: a.id.clone(),
            kind: LinkKind::SameAs,
            note: String::new(),
        });
        p.annotations.push(a);
        p.normalize();
        let r = check_project(&path, &p);
        let bad: Vec<String> = r
            .problems
            .iter()
            .filter(|p| matches!(p, Problem::BadId { .. }))
            .map(|p| p.to_string())
            .collect();
        let file = path.display().to_string();
        assert_eq!(bad.len(), 4, "{:?}", r.problems);
        assert!(
            bad[0].starts_with(&format!(
                "{file}: label \"x\\0y\" is not valid: it contains the control character"
            )),
            "{}",
            bad[0]
        );
        assert!(
            bad[1].starts_with(&format!(
                "{file}: document id \"../../PWNED\" is not valid: it contains '/'"
            )),
            "{}",
            bad[1]
        );
        assert!(
            bad[2].starts_with(&format!("{file}: annotation id \"a\\nb\" is not valid")),
            "{}",
            bad[2]
        );
        assert!(
            bad[3].starts_with(&format!("{file}: link id \"\" is not valid: it is empty")),
            "{}",
            bad[3]
        );
        for line in &bad {
            assert!(!line.contains('\n') && !line.contains('\0'), "{line:?}");
        }
    }

    #[test]
    fn long_values_are_cut_in_problems() {
        let (_d, path, mut p, t) = setup(ARTICLE);
        let mut a = span(&t, "rally", "claim");
        a.label = "L".repeat(1_000_000);
        a.doc = DocId("d".repeat(1_000_000));
        p.annotations.push(a);
        let r = check_project(&path, &p);
        for prob in &r.problems {
            let line = prob.to_string();
            assert!(line.len() < 600, "{} bytes: {}", line.len(), &line[..200]);
        }
        let all: String = r.problems.iter().map(|p| p.to_string()).collect();
        assert!(all.contains("(1,000,000 chars)"), "{all}");
    }
}
