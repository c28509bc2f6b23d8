//! Edits are honest and exactly invertible: any sequence of valid edits, undone fully,
//! gives back the exact project, and redone fully, the exact result; an edit whose
//! record changed under it is refused and changes nothing.

use proptest::prelude::*;
use sourcemark::edit::{Edit, EditError, History, Transaction};
use sourcemark::model::{
    Annotation, CharRange, Color, DocId, Document, Label, LabelKind, Link, LinkId, LinkKind,
    Project,
};
use sourcemark::text::DocText;

const TEXT: &str = "“The people have spoken,” said Hassan al-Amiri, “and they will not be \
silenced.” More than 2.5 million marched; 5,200 US troops remain.";

fn text() -> DocText {
    DocText::new(TEXT.to_owned())
}

fn start() -> Project {
    let t = text();
    let mut p = Project::new("edits");
    for id in ["a", "b"] {
        p.documents
            .push(Document::new(DocId::from(id), format!("{id}.txt"), &t));
    }
    p
}

/// One valid edit on `p`, chosen by `kind` and `r` (the proptest's randomness); `None`
/// when that kind has nothing to act on yet.
fn pick_edit(p: &Project, kind: u8, r: u64) -> Option<Edit> {
    let t = text();
    let n = t.char_len() as u64;
    let nth = |len: usize| (r as usize) % len.max(1);
    Some(match kind % 11 {
        0 => {
            let s = (r % (n - 1)) as usize;
            let e = s + 1 + ((r >> 8) % (n - s as u64 - 1).max(1)) as usize;
            let doc = p.documents.get(nth(p.documents.len()))?.id.clone();
            Edit::InsertAnnotation(Annotation::new(doc, &t, s, e, "claim", "prop").ok()?)
        }
        1 => Edit::RemoveAnnotation(p.annotations.get(nth(p.annotations.len()))?.clone()),
        2 => {
            let before = p.annotations.get(nth(p.annotations.len()))?.clone();
            let mut after = before.clone();
            after.label = ["claim", "quote", "figure"][(r >> 4) as usize % 3].into();
            after.note = format!("note {r}");
            // A quote over several ranges: a second range after the first.
            if after.end + 2 < t.char_len() && r.is_multiple_of(2) {
                after.more = vec![CharRange {
                    start: after.end + 1,
                    end: after.end + 2,
                }];
            } else {
                after.more.clear();
            }
            Edit::UpdateAnnotation { before, after }
        }
        3 => Edit::InsertDocument(Document::new(DocId(format!("d{r}")), "d.txt", &t)),
        4 => {
            let before = p.documents.get(nth(p.documents.len()))?.clone();
            let mut after = before.clone();
            after.title = format!("title {r}");
            Edit::UpdateDocument { before, after }
        }
        5 => {
            // Only a document without annotations can go on its own.
            let d = p
                .documents
                .iter()
                .find(|d| p.annotations_of(&d.id).is_empty())?;
            Edit::RemoveDocument(d.clone())
        }
        6 => {
            let label = Label {
                id: format!("l{r}"),
                name: format!("L{r}"),
                kind: LabelKind::Claim,
                color: Color::parse("#123456")?,
                key: None,
            };
            if p.labels.get(&label.id).is_some() {
                return None;
            }
            Edit::AddLabel {
                label,
                at: nth(p.labels.0.len() + 1),
            }
        }
        7 => {
            // A label no annotation uses.
            let l = p
                .labels
                .0
                .iter()
                .filter(|l| !p.annotations.iter().any(|a| a.label == l.id))
                .nth(nth(2))?;
            Edit::remove_label(p, &l.id)?
        }
        8 => {
            let from = p.annotations.get(nth(p.annotations.len()))?.id.clone();
            let to = p
                .annotations
                .get((r as usize / 7) % p.annotations.len())?
                .id
                .clone();
            Edit::InsertLink(Link {
                id: LinkId(format!("k{r}")),
                from,
                to,
                kind: LinkKind::SaidBy,
                note: String::new(),
            })
        }
        9 => Edit::RemoveLink(p.links.get(nth(p.links.len()))?.clone()),
        _ => {
            let before = p.links.get(nth(p.links.len()))?.clone();
            let mut after = before.clone();
            after.kind = [
                LinkKind::Supports,
                LinkKind::SameAs,
                LinkKind::Other("x".into()),
            ][(r >> 3) as usize % 3]
                .clone();
            after.note = format!("n{r}");
            Edit::UpdateLink { before, after }
        }
    })
}

/// A link to a removed annotation would dangle: remove its links in the same step.
fn with_links(p: &Project, e: Edit) -> Vec<Edit> {
    let mut edits = Vec::new();
    if let Edit::RemoveAnnotation(a) = &e {
        for l in p.links.iter().filter(|l| l.from == a.id || l.to == a.id) {
            edits.push(Edit::RemoveLink(l.clone()));
        }
    }
    edits.push(e);
    edits
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn undo_all_gives_back_the_start_and_redo_all_the_end(
        ops in prop::collection::vec((any::<u8>(), any::<u64>()), 1..40)
    ) {
        let mut p = start();
        let first = p.clone();
        let mut h = History::new();
        let mut steps = 0;
        for (kind, r) in ops {
            let Some(e) = pick_edit(&p, kind, r) else { continue };
            let tx = Transaction { name: "op".into(), edits: with_links(&p, e) };
            h.apply(&mut p, tx).unwrap();
            steps += 1;
        }
        let last = p.clone();
        for _ in 0..steps {
            prop_assert!(h.undo(&mut p).is_some());
        }
        prop_assert_eq!(&p, &first);
        for _ in 0..steps {
            prop_assert!(h.redo(&mut p).is_some());
        }
        prop_assert_eq!(&p, &last);
    }
}

#[test]
fn an_edit_whose_record_changed_is_refused_and_changes_nothing() {
    let t = text();
    let mut p = start();
    let a = Annotation::new("a".into(), &t, 0, 5, "quote", "me").unwrap();
    Edit::InsertAnnotation(a.clone()).apply(&mut p).unwrap();
    let mut stale = a.clone();
    stale.note = "what the edit thought".into();
    let before = p.clone();
    for e in [
        Edit::RemoveAnnotation(stale.clone()),
        Edit::UpdateAnnotation {
            before: stale.clone(),
            after: a.clone(),
        },
    ] {
        assert!(
            matches!(e.apply(&mut p), Err(EditError::Changed(_))),
            "{e:?}"
        );
        assert_eq!(p, before);
    }
    let mut doc = p.documents[0].clone();
    doc.title = "not the title".into();
    for e in [
        Edit::RemoveDocument(doc.clone()),
        Edit::UpdateDocument {
            before: doc.clone(),
            after: p.documents[0].clone(),
        },
    ] {
        let err = e.apply(&mut p).unwrap_err();
        assert_eq!(
            err.to_string(),
            "document a changed since this edit was made; nothing was changed"
        );
        assert_eq!(p, before);
    }
}

#[test]
fn removing_a_label_and_undoing_puts_it_back_where_it_was() {
    let mut p = start();
    let order = |p: &Project| -> Vec<String> { p.labels.0.iter().map(|l| l.id.clone()).collect() };
    let was = order(&p);
    let e = Edit::remove_label(&p, &was[1]).unwrap();
    e.apply(&mut p).unwrap();
    assert!(!order(&p).contains(&was[1]));
    e.inverse().apply(&mut p).unwrap();
    assert_eq!(order(&p), was);
    // A stale position is refused.
    let Edit::RemoveLabel { label, .. } = e else {
        unreachable!()
    };
    let wrong = Edit::RemoveLabel { label, at: 0 };
    assert!(wrong.apply(&mut p).is_err());
    assert_eq!(order(&p), was);
}

#[test]
fn the_saved_state_is_rebuilt_from_the_history_while_it_is_reachable() {
    let t = text();
    let mut p = start();
    let mut h = History::new();
    let add = |s: usize| {
        Transaction::single(
            "add",
            Edit::InsertAnnotation(
                Annotation::new("a".into(), &t, s, s + 3, "claim", "me").unwrap(),
            ),
        )
    };
    h.apply(&mut p, add(0)).unwrap();
    h.mark_saved();
    let saved = p.clone();
    h.apply(&mut p, add(10)).unwrap();
    h.apply(&mut p, add(20)).unwrap();
    assert_eq!(
        h.saved_state(&p).as_ref(),
        Some(&saved),
        "behind the saved revision"
    );
    h.undo(&mut p);
    h.undo(&mut p);
    h.undo(&mut p);
    assert_eq!(
        h.saved_state(&p).as_ref(),
        Some(&saved),
        "ahead of it, on the redo stack"
    );
    // A new change drops the redo stack, and with it the saved revision.
    h.apply(&mut p, add(30)).unwrap();
    assert_eq!(h.saved_state(&p), None);
    h.mark_unsaved();
    assert_eq!(h.saved_state(&p), None);
}
