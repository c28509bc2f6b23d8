//! Builds a [`Study`] from project files: the documents every annotator has (matched by
//! the hash of their text, so the same article under another id or path still counts),
//! their spans, and the labels they have in common.

use super::{Span, Study};
use crate::model::{Annotation, Project};
use std::collections::{BTreeMap, HashMap};

/// A study and what was left out of it, for the user to be told.
#[derive(Debug, Clone, Default)]
pub struct Shared {
    /// What agreement is measured on.
    pub study: Study,
    /// Per annotator (in the study's order), their documents left out because not every
    /// other annotator has the same text.
    pub unshared: Vec<usize>,
    /// Documents with the same id as one of the first annotator's but another text:
    /// (annotator, document id). They are left out, and are likely a mistake (an
    /// article edited in one copy), so they are named.
    pub changed: Vec<(String, String)>,
}

/// The span of an annotation, unless it is orphaned (its offsets are stale) or has no
/// range inside the text.
fn span_of(a: &Annotation, doc: usize) -> Option<Span> {
    if a.orphaned {
        return None;
    }
    let ranges: Vec<_> = a.ranges().filter(|r| r.start < r.end).collect();
    (!ranges.is_empty()).then(|| Span {
        doc,
        label: a.label.clone(),
        ranges,
    })
}

/// One annotator per project: `projects` are (name, project) pairs, e.g. file names.
/// Documents are those whose text hash is in every project, in hash order.
pub fn from_projects(projects: &[(String, &Project)]) -> Shared {
    let per: Vec<HashMap<&str, &crate::model::Document>> = projects
        .iter()
        .map(|(_, p)| {
            let mut m = HashMap::new();
            for d in &p.documents {
                m.entry(d.sha256.as_str()).or_insert(d);
            }
            m
        })
        .collect();
    let mut hashes: Vec<&str> = per
        .first()
        .map(|m| {
            m.keys()
                .copied()
                .filter(|h| per.iter().all(|o| o.contains_key(h)))
                .collect()
        })
        .unwrap_or_default();
    hashes.sort_unstable();
    let mut study = Study {
        annotators: projects.iter().map(|(n, _)| n.clone()).collect(),
        doc_chars: Vec::with_capacity(hashes.len()),
        coders: vec![Vec::new(); projects.len()],
    };
    for (i, h) in hashes.iter().enumerate() {
        study.doc_chars.push(per[0][h].chars);
        for (c, (_, p)) in projects.iter().enumerate() {
            let d = per[c][h];
            study.coders[c].extend(p.annotations_of(&d.id).iter().filter_map(|a| span_of(a, i)));
        }
    }
    let unshared = projects
        .iter()
        .map(|(_, p)| p.documents.len().saturating_sub(hashes.len()))
        .collect();
    let mut changed = Vec::new();
    if let Some((_, first)) = projects.first() {
        for (name, p) in &projects[1..] {
            for d in &p.documents {
                if first.document(&d.id).is_some_and(|f| f.sha256 != d.sha256) {
                    changed.push((name.clone(), d.id.to_string()));
                }
            }
        }
    }
    Shared {
        study,
        unshared,
        changed,
    }
}

/// The annotators inside one project, by [`Annotation::annotator`] (sorted by name; an
/// empty name is an annotator too). Every document of the project counts as shared:
/// a document an annotator left untouched is one where they marked nothing.
pub fn by_annotator(project: &Project) -> Shared {
    let mut who: BTreeMap<&str, Vec<Span>> = BTreeMap::new();
    for a in &project.annotations {
        who.entry(a.annotator.as_str()).or_default();
    }
    let index: HashMap<_, usize> = project
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (&d.id, i))
        .collect();
    for a in &project.annotations {
        if let (Some(&i), Some(v)) = (index.get(&a.doc), who.get_mut(a.annotator.as_str()))
            && let Some(s) = span_of(a, i)
        {
            v.push(s);
        }
    }
    let study = Study {
        annotators: who.keys().map(|s| s.to_string()).collect(),
        doc_chars: project.documents.iter().map(|d| d.chars).collect(),
        coders: who.into_values().collect(),
    };
    let unshared = vec![0; study.coders.len()];
    Shared {
        study,
        unshared,
        changed: Vec::new(),
    }
}

/// The label ids every project's scheme has, in the first project's order, and the
/// ones some project lacks (sorted), to be named to the user.
pub fn common_labels(projects: &[&Project]) -> (Vec<String>, Vec<String>) {
    let Some(first) = projects.first() else {
        return (Vec::new(), Vec::new());
    };
    let in_all = |id: &str| projects.iter().all(|p| p.labels.get(id).is_some());
    let common: Vec<String> = first
        .labels
        .iter()
        .filter(|l| in_all(&l.id))
        .map(|l| l.id.clone())
        .collect();
    let mut left_out: Vec<String> = projects
        .iter()
        .flat_map(|p| p.labels.iter())
        .filter(|l| !in_all(&l.id))
        .map(|l| l.id.clone())
        .collect();
    left_out.sort();
    left_out.dedup();
    (common, left_out)
}
