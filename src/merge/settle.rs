//! Settling a recorded conflict as an undoable change: [`super::resolve`]'s result
//! turned into the ordinary edits of [`crate::edit`] (an annotation updated, a document
//! restored, the entry removed), so the window's history takes it as one step like any
//! other edit, and undo puts the conflict back.

use super::{ResolveError, resolve};
use crate::edit::{Edit, Transaction};
use crate::model::{Project, Side};
use std::collections::HashMap;
use std::hash::Hash;

/// The transaction that settles the recorded conflict at `index` of `project` for
/// `side`; applied to `project` it gives exactly what [`resolve`] gives.
pub fn settle(project: &Project, index: usize, side: Side) -> Result<Transaction, ResolveError> {
    let after = resolve(project, index, side)?;
    let entry = &project.conflicts[index];
    let name = match side {
        Side::Ours => format!("Keep ours for {}", entry.subject()),
        Side::Theirs => format!("Take theirs for {}", entry.subject()),
    };
    let edits = edits_between(project, &after);
    let mut check = project.clone();
    let tx = Transaction { name, edits };
    // The edits are checked once against the result; should they ever differ (a kind
    // of change this does not list), the step replaces the project whole instead.
    if tx.apply(&mut check).is_ok() && check == after {
        return Ok(tx);
    }
    Ok(Transaction::single(
        tx.name,
        Edit::ReplaceProject {
            before: Box::new(project.clone()),
            after: Box::new(after),
        },
    ))
}

/// What changed between two versions of a record list, by id.
struct Changes<'a, T> {
    removed: Vec<&'a T>,
    updated: Vec<(&'a T, &'a T)>,
    added: Vec<&'a T>,
}

fn changes<'a, T: PartialEq, K: Eq + Hash>(
    before: &'a [T],
    after: &'a [T],
    key: impl Fn(&T) -> &K,
) -> Changes<'a, T> {
    let old: HashMap<&K, &T> = before.iter().map(|r| (key(r), r)).collect();
    let new: HashMap<&K, &T> = after.iter().map(|r| (key(r), r)).collect();
    Changes {
        removed: before
            .iter()
            .filter(|r| !new.contains_key(key(r)))
            .collect(),
        updated: after
            .iter()
            .filter_map(|r| old.get(key(r)).filter(|o| **o != r).map(|o| (*o, r)))
            .collect(),
        added: after.iter().filter(|r| !old.contains_key(key(r))).collect(),
    }
}

/// The edits that turn `before` into `after`, in an order each can apply in: links and
/// annotations leave before what they need, and what is needed comes first.
fn edits_between(before: &Project, after: &Project) -> Vec<Edit> {
    let mut out = Vec::new();
    if before.name != after.name || before.format != after.format {
        return vec![Edit::ReplaceProject {
            before: Box::new(before.clone()),
            after: Box::new(after.clone()),
        }];
    }
    let links = changes(&before.links, &after.links, |l| &l.id);
    let annotations = changes(&before.annotations, &after.annotations, |a| &a.id);
    let documents = changes(&before.documents, &after.documents, |d| &d.id);
    let clusters = changes(&before.clusters, &after.clusters, |c| &c.id);
    out.extend(links.removed.into_iter().cloned().map(Edit::RemoveLink));
    out.extend(
        annotations
            .updated
            .iter()
            .map(|(b, a)| Edit::UpdateAnnotation {
                before: (*b).clone(),
                after: (*a).clone(),
            }),
    );
    out.extend(
        annotations
            .removed
            .into_iter()
            .cloned()
            .map(Edit::RemoveAnnotation),
    );
    out.extend(
        clusters
            .removed
            .into_iter()
            .cloned()
            .map(Edit::RemoveCluster),
    );
    out.extend(
        documents
            .removed
            .into_iter()
            .cloned()
            .map(Edit::RemoveDocument),
    );
    if before.labels != after.labels {
        for (at, label) in before.labels.0.iter().enumerate().rev() {
            out.push(Edit::RemoveLabel {
                label: label.clone(),
                at,
            });
        }
        for (at, label) in after.labels.0.iter().enumerate() {
            out.push(Edit::AddLabel {
                label: label.clone(),
                at,
            });
        }
    }
    out.extend(
        documents
            .added
            .into_iter()
            .cloned()
            .map(Edit::InsertDocument),
    );
    out.extend(documents.updated.iter().map(|(b, a)| Edit::UpdateDocument {
        before: (*b).clone(),
        after: (*a).clone(),
    }));
    out.extend(clusters.added.into_iter().cloned().map(Edit::InsertCluster));
    out.extend(clusters.updated.iter().map(|(b, a)| Edit::UpdateCluster {
        before: (*b).clone(),
        after: (*a).clone(),
    }));
    out.extend(
        annotations
            .added
            .into_iter()
            .cloned()
            .map(Edit::InsertAnnotation),
    );
    out.extend(links.updated.iter().map(|(b, a)| Edit::UpdateLink {
        before: (*b).clone(),
        after: (*a).clone(),
    }));
    out.extend(links.added.into_iter().cloned().map(Edit::InsertLink));
    // Entries leave from the end, so each position is still right when it applies.
    let mut kept = after.conflicts.iter().peekable();
    let mut gone = Vec::new();
    for (at, entry) in before.conflicts.iter().enumerate() {
        if kept.peek() == Some(&entry) {
            kept.next();
        } else {
            gone.push(Edit::RemoveRecordedConflict {
                entry: entry.clone(),
                at,
            });
        }
    }
    out.extend(gone.into_iter().rev());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocId, RecordRef};
    use crate::test_support::conflicted;

    fn is_granular(tx: &Transaction) -> bool {
        !tx.edits
            .iter()
            .any(|e| matches!(e, Edit::ReplaceProject { .. }))
    }

    #[test]
    fn settling_a_field_is_an_update_and_the_entry_removed_and_undo_restores_both() {
        let p = conflicted(|p, ours| {
            p.annotations[0].label = if ours { "quote" } else { "figure" }.into()
        });
        let tx = settle(&p, 0, Side::Theirs).expect("settled");
        assert!(is_granular(&tx), "{tx:?}");
        assert_eq!(tx.edits.len(), 2);
        let mut q = p.clone();
        tx.apply(&mut q).expect("applies");
        assert_eq!(q, resolve(&p, 0, Side::Theirs).expect("resolved"));
        assert_eq!(q.annotations[0].label, "figure");
        tx.inverse().apply(&mut q).expect("undoes");
        assert_eq!(q, p);
    }

    #[test]
    fn restoring_a_deleted_document_brings_back_its_annotations() {
        // Ours deleted the document; theirs annotated it more: the merge restores it
        // holding theirs, and keeping ours deletes it with its annotations.
        let p = conflicted(|p, ours| {
            if ours {
                p.annotations.clear();
                p.documents.clear();
            } else {
                let mut b = p.annotations[0].clone();
                b.id = "bbbbbbbbbbbb".into();
                p.annotations.push(b);
            }
        });
        let entry = p
            .conflicts
            .iter()
            .position(|c| c.record == RecordRef::Document(DocId::from("d1")))
            .expect("a document conflict");
        assert_eq!(p.conflicts[entry].holds, Side::Theirs);
        let tx = settle(&p, entry, Side::Ours).expect("settled");
        assert!(is_granular(&tx), "{tx:?}");
        let mut q = p.clone();
        tx.apply(&mut q).expect("applies");
        assert!(q.documents.is_empty() && q.annotations.is_empty(), "{q:?}");
        tx.inverse().apply(&mut q).expect("undoes");
        assert_eq!(q, p);
    }
}
