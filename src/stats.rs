//! Counts over a project: how much has been annotated, where, with which labels and by
//! whom. Used by `sourcemark stats` (table or JSON) and later by the window's overview.

use crate::model::Project;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

/// Counts for one document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DocStats {
    /// Headline.
    pub title: String,
    /// Annotation progress (`todo`, `in-progress`, `done`).
    pub status: String,
    /// Annotations on it.
    pub annotations: usize,
    /// Annotations flagged orphaned.
    pub orphaned: usize,
    /// Annotations per label id.
    pub by_label: BTreeMap<String, usize>,
}

/// Counts for a whole project; serialised as the `stats --json` object.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Project name.
    pub name: String,
    /// Number of documents.
    pub documents: usize,
    /// Number of annotations.
    pub annotations: usize,
    /// Annotations flagged orphaned.
    pub orphaned: usize,
    /// Number of links.
    pub links: usize,
    /// Annotations per label id: every label of the scheme (zero included), plus any
    /// label found on annotations but missing from the scheme.
    pub by_label: BTreeMap<String, usize>,
    /// Counts per document id.
    pub by_document: BTreeMap<String, DocStats>,
    /// Annotations per annotator (an empty name when none was recorded).
    pub by_annotator: BTreeMap<String, usize>,
}

/// Counts everything in one pass over the annotations.
pub fn stats(project: &Project) -> Stats {
    let zero_labels: BTreeMap<String, usize> =
        project.labels.iter().map(|l| (l.id.clone(), 0)).collect();
    let mut s = Stats {
        name: project.name.clone(),
        documents: project.documents.len(),
        annotations: project.annotations.len(),
        links: project.links.len(),
        by_label: zero_labels.clone(),
        ..Stats::default()
    };
    for d in &project.documents {
        s.by_document.insert(
            d.id.to_string(),
            DocStats {
                title: d.title.clone(),
                status: d.status.as_str().to_owned(),
                by_label: zero_labels.clone(),
                ..DocStats::default()
            },
        );
    }
    for a in &project.annotations {
        *s.by_label.entry(a.label.clone()).or_default() += 1;
        *s.by_annotator.entry(a.annotator.clone()).or_default() += 1;
        s.orphaned += usize::from(a.orphaned);
        // An annotation of an unknown document still counts, under its document id.
        let d = s.by_document.entry(a.doc.to_string()).or_default();
        d.annotations += 1;
        d.orphaned += usize::from(a.orphaned);
        *d.by_label.entry(a.label.clone()).or_default() += 1;
    }
    s
}

impl Stats {
    /// The label columns of the table: the union of every label counted.
    fn label_columns(&self) -> Vec<&str> {
        self.by_label.keys().map(String::as_str).collect()
    }
}

impl fmt::Display for Stats {
    /// A plain-text table for people: totals, then one row per document, then annotators.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: {} document(s), {} annotation(s), {} orphaned, {} link(s)",
            self.name, self.documents, self.annotations, self.orphaned, self.links
        )?;
        let labels = self.label_columns();
        let id_width = self
            .by_document
            .keys()
            .map(|k| k.chars().count())
            .chain(["document".len(), "total".len()])
            .max()
            .unwrap_or(8);
        let widths: Vec<usize> = labels.iter().map(|l| l.chars().count().max(5)).collect();

        let mut header = format!("\n{:<id_width$}", "document");
        for (l, w) in labels.iter().zip(&widths) {
            let _ = write!(header, "  {l:>w$}");
        }
        let _ = write!(header, "  {:>5}  {:>8}  status", "all", "orphaned");
        writeln!(f, "{header}")?;
        for (id, d) in &self.by_document {
            let mut row = format!("{id:<id_width$}");
            for (l, w) in labels.iter().zip(&widths) {
                let n = d.by_label.get(*l).copied().unwrap_or(0);
                let _ = write!(row, "  {n:>w$}");
            }
            let _ = write!(
                row,
                "  {:>5}  {:>8}  {}",
                d.annotations, d.orphaned, d.status
            );
            writeln!(f, "{row}")?;
        }
        let mut total = format!("{:<id_width$}", "total");
        for (l, w) in labels.iter().zip(&widths) {
            let _ = write!(total, "  {:>w$}", self.by_label[*l]);
        }
        let _ = write!(total, "  {:>5}  {:>8}", self.annotations, self.orphaned);
        writeln!(f, "{total}")?;

        if !self.by_annotator.is_empty() {
            writeln!(f, "\nannotator")?;
            for (who, n) in &self.by_annotator {
                let who = if who.is_empty() { "(none)" } else { who };
                writeln!(f, "  {who}: {n}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocId, Document};
    use crate::text::DocText;

    #[test]
    fn counts_per_label_document_and_annotator() {
        let text = DocText::new("Two million marched; “out” they said.".to_owned());
        let mut p = Project::new("t");
        for id in ["a", "b"] {
            p.documents.push(Document {
                title: id.to_uppercase(),
                ..Document::new(DocId::from(id), format!("{id}.txt"), &text)
            });
        }
        let mk = |doc: &str, label: &str, who: &str| {
            crate::model::Annotation::new(DocId::from(doc), &text, 0, 3, label, who).unwrap()
        };
        p.annotations = vec![
            mk("a", "figure", "ann"),
            mk("a", "quote", "bob"),
            mk("a", "figure", "ann"),
            mk("b", "claim", ""),
        ];
        p.annotations[3].orphaned = true;
        let s = stats(&p);
        assert_eq!((s.documents, s.annotations, s.orphaned), (2, 4, 1));
        assert_eq!(s.by_label["figure"], 2);
        assert_eq!(s.by_label["quote"], 1);
        assert_eq!(s.by_document["a"].annotations, 3);
        assert_eq!(s.by_document["a"].by_label["claim"], 0);
        assert_eq!(s.by_document["b"].orphaned, 1);
        assert_eq!(s.by_annotator["ann"], 2);
        assert_eq!(s.by_annotator[""], 1);
        let table = s.to_string();
        assert!(table.contains("(none): 1"), "{table}");
        assert!(table.lines().any(|l| l.starts_with("total")), "{table}");
    }
}

/// How one version of a project differs from another, record by record (by id).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Differences {
    /// Annotations only in the newer one.
    pub annotations_added: usize,
    /// Annotations only in the older one.
    pub annotations_removed: usize,
    /// Annotations in both, changed.
    pub annotations_changed: usize,
    /// Documents only in the newer one.
    pub documents_added: usize,
    /// Documents only in the older one.
    pub documents_removed: usize,
    /// Documents in both, changed.
    pub documents_changed: usize,
}

impl Differences {
    /// What `newer` changes in `older`.
    pub fn between(older: &Project, newer: &Project) -> Self {
        fn count<'a, K: Ord, T: PartialEq + 'a>(
            old: impl Iterator<Item = (K, &'a T)>,
            new: impl Iterator<Item = (K, &'a T)>,
        ) -> (usize, usize, usize) {
            let old: BTreeMap<K, &T> = old.collect();
            let new: BTreeMap<K, &T> = new.collect();
            let added = new.keys().filter(|k| !old.contains_key(k)).count();
            let removed = old.keys().filter(|k| !new.contains_key(k)).count();
            let changed = new
                .iter()
                .filter(|(k, v)| old.get(k).is_some_and(|o| o != *v))
                .count();
            (added, removed, changed)
        }
        let (aa, ar, ac) = count(
            older.annotations.iter().map(|a| (&a.id, a)),
            newer.annotations.iter().map(|a| (&a.id, a)),
        );
        let (da, dr, dc) = count(
            older.documents.iter().map(|d| (&d.id, d)),
            newer.documents.iter().map(|d| (&d.id, d)),
        );
        Self {
            annotations_added: aa,
            annotations_removed: ar,
            annotations_changed: ac,
            documents_added: da,
            documents_removed: dr,
            documents_changed: dc,
        }
    }

    /// True when nothing differs.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

impl fmt::Display for Differences {
    /// "3 annotations added, 1 changed; 1 document added", or "no differences".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn part(out: &mut Vec<String>, what: &str, added: usize, removed: usize, changed: usize) {
            let mut bits = Vec::new();
            for (n, verb) in [(added, "added"), (removed, "removed"), (changed, "changed")] {
                if n > 0 {
                    bits.push(format!("{n} {verb}"));
                }
            }
            if !bits.is_empty() {
                let n = added + removed + changed;
                let s = if n == 1 { "" } else { "s" };
                out.push(format!("{what}{s}: {}", bits.join(", ")));
            }
        }
        let mut out = Vec::new();
        part(
            &mut out,
            "annotation",
            self.annotations_added,
            self.annotations_removed,
            self.annotations_changed,
        );
        part(
            &mut out,
            "document",
            self.documents_added,
            self.documents_removed,
            self.documents_changed,
        );
        if out.is_empty() {
            f.write_str("no differences from the saved file")
        } else {
            f.write_str(&out.join("; "))
        }
    }
}

#[cfg(test)]
mod differences_tests {
    use super::*;
    use crate::model::{Annotation, DocId};
    use crate::text::DocText;

    #[test]
    fn counts_added_removed_and_changed_by_id() {
        let t = DocText::new("Protesters chanted loudly in Baghdad.".to_owned());
        let doc = DocId::from("d");
        let mut old = Project::new("p");
        let a = Annotation::new(doc.clone(), &t, 0, 10, "claim", "x").unwrap();
        let b = Annotation::new(doc.clone(), &t, 11, 18, "quote", "x").unwrap();
        old.annotations = vec![a.clone(), b.clone()];
        let mut new = old.clone();
        new.annotations[0].label = "figure".into();
        new.annotations.remove(1);
        new.annotations
            .push(Annotation::new(doc, &t, 19, 25, "claim", "x").unwrap());
        let d = Differences::between(&old, &new);
        assert_eq!(
            (
                d.annotations_added,
                d.annotations_removed,
                d.annotations_changed
            ),
            (1, 1, 1)
        );
        assert_eq!(d.to_string(), "annotations: 1 added, 1 removed, 1 changed");
        assert!(Differences::between(&old, &old).is_empty());
    }
}
