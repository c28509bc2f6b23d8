//! Accepted suggestions as ordinary edits: the annotation with its attributes, the
//! `source` span it is said by (or the one there already) and the `SaidBy` link, all in
//! one transaction, so one undo takes an accept back; rejected ones as the edits that
//! remember them in the project.

use super::Suggestion;
use crate::edit::{Edit, Transaction};
use crate::model::{Annotation, AnnotationId, Link, LinkId, LinkKind, Project, SpanError};
use crate::text::DocText;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// What accepting did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AcceptReport {
    /// The new annotations made from the suggestions, in order.
    pub added: Vec<AnnotationId>,
    /// New source spans made for speakers.
    pub sources: usize,
    /// `SaidBy` links made.
    pub links: usize,
    /// Suggestions skipped because an annotation of their label and ranges is there.
    pub duplicates: usize,
}

/// The transaction that makes `accepted` (suggestions on the document whose text is
/// `text`) annotations of `annotator`, with their speakers and links, skipping any that
/// duplicate an annotation (same document, label and ranges). `label` relabels them
/// all ("accept as claim"); a relabelled suggestion keeps its speaker only when the new
/// label can be attributed.
pub fn accept(
    p: &Project,
    text: &DocText,
    accepted: &[Suggestion],
    label: Option<&str>,
    annotator: &str,
) -> Result<(Transaction, AcceptReport), SpanError> {
    let mut report = AcceptReport::default();
    let mut edits = Vec::new();
    let mut ids: HashSet<AnnotationId> = p.annotations.iter().map(|a| a.id.clone()).collect();
    let fresh = |ids: &mut HashSet<AnnotationId>| loop {
        let id = AnnotationId::random();
        if ids.insert(id.clone()) {
            break id;
        }
    };
    // Made in this transaction: (doc, label, ranges) -> id, so two quotes of one
    // speaker share one source span and nothing is added twice.
    let mut made: HashMap<(String, String, Vec<Range<usize>>), AnnotationId> = HashMap::new();
    let existing = |doc: &crate::model::DocId, label: &str, ranges: &[Range<usize>]| {
        p.annotations_of(doc)
            .iter()
            .find(|a| a.label == label && a.ranges().eq(ranges.iter().cloned()))
            .map(|a| a.id.clone())
    };
    for s in accepted {
        let label = label.unwrap_or(&s.label);
        let key = (s.doc.0.clone(), label.to_owned(), s.ranges.clone());
        if existing(&s.doc, label, &s.ranges).is_some() || made.contains_key(&key) {
            report.duplicates += 1;
            continue;
        }
        let first = s.ranges.first().cloned().unwrap_or(0..0);
        let mut a = Annotation::new(
            s.doc.clone(),
            text,
            first.start,
            first.end,
            label,
            annotator,
        )?;
        a.set_ranges(text, &s.ranges)?;
        a.id = fresh(&mut ids);
        a.attrs = s.attrs.clone();
        let attributable = p.labels.kind(label).is_some_and(|k| k.is_attributable());
        if !attributable {
            a.attrs.speaker = None;
        }
        let from = a.id.clone();
        made.insert(key, from.clone());
        report.added.push(from.clone());
        edits.push(Edit::InsertAnnotation(a));
        let Some(sp) = s.said_by.as_ref().filter(|_| attributable) else {
            continue;
        };
        let skey = (s.doc.0.clone(), sp.label.clone(), vec![sp.range()]);
        let to = match sp
            .existing
            .clone()
            .filter(|id| p.annotation(id).is_some())
            .or_else(|| existing(&s.doc, &sp.label, &[sp.range()]))
            .or_else(|| made.get(&skey).cloned())
        {
            Some(id) => id,
            None => {
                let mut src =
                    Annotation::new(s.doc.clone(), text, sp.start, sp.end, &sp.label, annotator)?;
                src.id = fresh(&mut ids);
                made.insert(skey, src.id.clone());
                report.sources += 1;
                let id = src.id.clone();
                edits.push(Edit::InsertAnnotation(src));
                id
            }
        };
        let mut link_id = LinkId::random();
        while p.links.iter().any(|l| l.id == link_id) {
            link_id = LinkId::random();
        }
        edits.push(Edit::InsertLink(Link {
            id: link_id,
            from,
            to,
            kind: LinkKind::SaidBy,
            note: String::new(),
        }));
        report.links += 1;
    }
    let n = report.added.len();
    let name = match accepted {
        [one] if n == 1 => format!("Accept {} suggestion", label.unwrap_or(&one.label)),
        _ => format!("Accept {n} suggestions"),
    };
    Ok((Transaction { name, edits }, report))
}

/// The transaction that remembers `rejected` in the project (those remembered already
/// are skipped), so they are not proposed again; `None` when there is nothing new.
pub fn reject(p: &Project, rejected: &[Suggestion]) -> Option<Transaction> {
    let mut new: Vec<crate::model::Rejected> = rejected
        .iter()
        .map(Suggestion::rejection)
        .filter(|r| p.rejected.binary_search(r).is_err())
        .collect();
    new.sort();
    new.dedup();
    let name = match new.len() {
        0 => return None,
        1 => format!("Reject {} suggestion", new[0].label),
        n => format!("Reject {n} suggestions"),
    };
    Some(Transaction {
        name,
        edits: new.into_iter().map(Edit::InsertRejected).collect(),
    })
}
