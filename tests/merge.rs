//! Properties of the three-way merge over small generated projects and random edits:
//! a side that changed nothing gives the other side, equal sides give themselves, and
//! edits of different records by two people merge with no conflict and both present.

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use sourcemark::merge::{Merge, merge};
use sourcemark::model::{
    Annotation, AnnotationId, Attributes, DocId, DocStatus, Document, Link, LinkId, LinkKind,
    Project,
};
use std::collections::BTreeMap;

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_700_000_000 + secs, 0).unwrap()
}

fn words() -> impl Strategy<Value = String> {
    prop_oneof!["[a-z ]{0,8}", "[“”é中ع👍\u{a0}]{0,4}"]
}

fn document(id: String) -> Document {
    Document {
        path: format!("articles/{id}.txt"),
        id: DocId(id),
        title: String::new(),
        outlet: String::new(),
        author: String::new(),
        url: String::new(),
        published: None,
        language: "en".into(),
        status: DocStatus::Todo,
        sha256: "0".repeat(64),
        chars: 500,
        page: None,
    }
}

fn annotation(id: String, doc: DocId, start: usize, len: usize, label: &str) -> Annotation {
    Annotation {
        id: AnnotationId(id),
        doc,
        start,
        end: start + len + 1,
        more: Vec::new(),
        label: label.into(),
        text: format!("w{start}"),
        prefix: String::new(),
        suffix: String::new(),
        note: String::new(),
        attrs: Attributes::default(),
        clusters: Vec::new(),
        annotator: "ana".into(),
        created: at(0),
        modified: at(0),
        orphaned: false,
    }
}

/// A consistent project: 1 to 4 documents, annotations on them, links between them.
fn project() -> impl Strategy<Value = Project> {
    (
        1usize..5,
        prop::collection::vec(
            (any::<prop::sample::Index>(), 0usize..400, 0usize..30),
            0..8,
        ),
        prop::collection::vec(
            (any::<prop::sample::Index>(), any::<prop::sample::Index>()),
            0..4,
        ),
        prop::collection::vec(words(), 0..2),
        words(),
    )
        .prop_map(|(docs, spans, links, extra_labels, name)| {
            let mut p = Project::new(&name);
            for l in &extra_labels {
                p.labels.add(&format!("x{l}"));
            }
            p.documents = (0..docs).map(|i| document(format!("d{i}"))).collect();
            let labels: Vec<String> = p.labels.iter().map(|l| l.id.clone()).collect();
            for (n, (d, start, len)) in spans.into_iter().enumerate() {
                let doc = d.get(&p.documents).id.clone();
                let label = &labels[n % labels.len()];
                p.annotations
                    .push(annotation(format!("a{n}"), doc, start, len, label));
            }
            if !p.annotations.is_empty() {
                for (n, (f, t)) in links.into_iter().enumerate() {
                    let from = f.get(&p.annotations).id.clone();
                    let to = t.get(&p.annotations).id.clone();
                    p.links.push(Link {
                        id: LinkId(format!("l{n}")),
                        from,
                        to,
                        kind: LinkKind::Supports,
                        note: String::new(),
                    });
                }
            }
            p.normalize();
            p
        })
}

/// One edit a person can make in the window or with the command line.
#[derive(Clone, Debug)]
enum Op {
    Note(prop::sample::Index, String),
    Relabel(prop::sample::Index, prop::sample::Index),
    MoveSpan(prop::sample::Index, usize, usize),
    Speaker(prop::sample::Index, Option<String>),
    Custom(prop::sample::Index, String, String),
    DeleteAnnotation(prop::sample::Index),
    AddAnnotation(prop::sample::Index, usize, usize),
    Title(prop::sample::Index, String),
    Status(prop::sample::Index),
    DeleteDocument(prop::sample::Index),
    AddDocument,
    AddLink(prop::sample::Index, prop::sample::Index),
    LinkNote(prop::sample::Index, String),
    DeleteLink(prop::sample::Index),
    AddLabel(String),
    LabelName(prop::sample::Index, String),
    Rename(String),
}

fn op() -> impl Strategy<Value = Op> {
    use prop::sample::Index;
    let i = any::<Index>;
    prop_oneof![
        (i(), words()).prop_map(|(a, s)| Op::Note(a, s)),
        (i(), i()).prop_map(|(a, l)| Op::Relabel(a, l)),
        (i(), 0usize..400, 0usize..30).prop_map(|(a, s, l)| Op::MoveSpan(a, s, l)),
        (i(), prop::option::of(words())).prop_map(|(a, s)| Op::Speaker(a, s)),
        (i(), "[ab]", words()).prop_map(|(a, k, v)| Op::Custom(a, k, v)),
        i().prop_map(Op::DeleteAnnotation),
        (i(), 0usize..400, 0usize..30).prop_map(|(d, s, l)| Op::AddAnnotation(d, s, l)),
        (i(), words()).prop_map(|(d, s)| Op::Title(d, s)),
        i().prop_map(Op::Status),
        i().prop_map(Op::DeleteDocument),
        Just(Op::AddDocument),
        (i(), i()).prop_map(|(f, t)| Op::AddLink(f, t)),
        (i(), words()).prop_map(|(l, s)| Op::LinkNote(l, s)),
        i().prop_map(Op::DeleteLink),
        words().prop_map(Op::AddLabel),
        (i(), words()).prop_map(|(l, s)| Op::LabelName(l, s)),
        words().prop_map(Op::Rename),
    ]
}

/// What one person may touch: everything, or only the records of their half of the base
/// (and what they add themselves, whose ids start with their `tag`).
#[derive(Clone)]
struct Owner {
    tag: &'static str,
    docs: Option<Vec<DocId>>,
    labels: Option<Vec<String>>,
    name: bool,
}

impl Owner {
    fn all(tag: &'static str) -> Self {
        Self {
            tag,
            docs: None,
            labels: None,
            name: true,
        }
    }

    /// Documents and labels of the base at even (`half` 0) or odd (1) positions.
    fn half(tag: &'static str, base: &Project, half: usize, name: bool) -> Self {
        let pick = |n: usize| n % 2 == half;
        Self {
            tag,
            docs: Some(
                base.documents
                    .iter()
                    .enumerate()
                    .filter(|(n, _)| pick(*n))
                    .map(|(_, d)| d.id.clone())
                    .collect(),
            ),
            labels: Some(
                base.labels
                    .iter()
                    .enumerate()
                    .filter(|(n, _)| pick(*n))
                    .map(|(_, l)| l.id.clone())
                    .collect(),
            ),
            name,
        }
    }

    fn doc(&self, d: &DocId) -> bool {
        d.as_str().starts_with(self.tag) || self.docs.as_ref().is_none_or(|v| v.contains(d))
    }

    fn label(&self, l: &str) -> bool {
        l.starts_with(self.tag)
            || self
                .labels
                .as_ref()
                .is_none_or(|v| v.iter().any(|x| x == l))
    }
}

/// `p` after `ops`, each applied where the owner may; records stay consistent (deleting
/// an annotation deletes its links, deleting a document its annotations).
fn edit(p: &Project, ops: &[Op], who: &Owner) -> Project {
    let mut p = p.clone();
    let mut fresh = 0;
    let mut next = |kind: &str| {
        fresh += 1;
        format!("{}{kind}{fresh}", who.tag)
    };
    for (step, op) in ops.iter().enumerate() {
        let anns: Vec<usize> = (0..p.annotations.len())
            .filter(|&i| who.doc(&p.annotations[i].doc))
            .collect();
        let docs: Vec<usize> = (0..p.documents.len())
            .filter(|&i| who.doc(&p.documents[i].id))
            .collect();
        let owned_ann =
            |p: &Project, id: &AnnotationId| p.annotation(id).is_some_and(|a| who.doc(&a.doc));
        let links: Vec<usize> = (0..p.links.len())
            .filter(|&i| owned_ann(&p, &p.links[i].from) && owned_ann(&p, &p.links[i].to))
            .collect();
        let labels: Vec<String> = p.labels.iter().map(|l| l.id.clone()).collect();
        let own_labels: Vec<usize> = (0..labels.len())
            .filter(|&i| who.label(&labels[i]))
            .collect();
        let modified = at(100 + step as i64);
        match op {
            Op::Note(i, s) if !anns.is_empty() => {
                let a = &mut p.annotations[*i.get(&anns)];
                a.note = s.clone();
                a.modified = modified;
            }
            Op::Relabel(i, l) if !anns.is_empty() => {
                let a = &mut p.annotations[*i.get(&anns)];
                a.label = l.get(&labels).clone();
                a.modified = modified;
            }
            Op::MoveSpan(i, s, l) if !anns.is_empty() => {
                let a = &mut p.annotations[*i.get(&anns)];
                a.start = *s;
                a.end = s + l + 1;
                a.text = format!("w{s}");
                a.modified = modified;
            }
            Op::Speaker(i, s) if !anns.is_empty() => {
                p.annotations[*i.get(&anns)].attrs.speaker = s.clone();
            }
            Op::Custom(i, k, v) if !anns.is_empty() => {
                let a = &mut p.annotations[*i.get(&anns)];
                a.attrs.custom.insert(k.clone(), v.clone());
            }
            Op::DeleteAnnotation(i) if !anns.is_empty() => {
                let a = p.annotations.remove(*i.get(&anns));
                p.links.retain(|l| l.from != a.id && l.to != a.id);
            }
            Op::AddAnnotation(d, s, l) if !docs.is_empty() => {
                let doc = p.documents[*d.get(&docs)].id.clone();
                let label = &labels[(s + l) % labels.len()];
                p.annotations
                    .push(annotation(next("a"), doc, *s, *l, label));
            }
            Op::Title(d, s) if !docs.is_empty() => p.documents[*d.get(&docs)].title = s.clone(),
            Op::Status(d) if !docs.is_empty() => {
                let d = &mut p.documents[*d.get(&docs)];
                d.status = match d.status {
                    DocStatus::Todo => DocStatus::InProgress,
                    _ => DocStatus::Done,
                };
            }
            Op::DeleteDocument(d) if !docs.is_empty() => {
                let d = p.documents.remove(*d.get(&docs));
                let gone: Vec<AnnotationId> = p
                    .annotations
                    .iter()
                    .filter(|a| a.doc == d.id)
                    .map(|a| a.id.clone())
                    .collect();
                p.annotations.retain(|a| a.doc != d.id);
                p.links
                    .retain(|l| !gone.contains(&l.from) && !gone.contains(&l.to));
            }
            Op::AddDocument => p.documents.push(document(next("d"))),
            Op::AddLink(f, t) if !anns.is_empty() => {
                let from = p.annotations[*f.get(&anns)].id.clone();
                let to = p.annotations[*t.get(&anns)].id.clone();
                p.links.push(Link {
                    id: LinkId(next("l")),
                    from,
                    to,
                    kind: LinkKind::SaidBy,
                    note: String::new(),
                });
            }
            Op::LinkNote(l, s) if !links.is_empty() => p.links[*l.get(&links)].note = s.clone(),
            Op::DeleteLink(l) if !links.is_empty() => {
                p.links.remove(*l.get(&links));
            }
            Op::AddLabel(s) => {
                let id = format!("{}{s}", next("x"));
                p.labels.add(&id);
            }
            Op::LabelName(l, s) if !own_labels.is_empty() => {
                p.labels.0[*l.get(&own_labels)].name = s.clone();
            }
            Op::Rename(s) if who.name => p.name = s.clone(),
            _ => {}
        }
    }
    p.normalize();
    p
}

/// `ours`' and `theirs`' changes to `base`'s records of one collection, applied.
fn both<T: Clone + PartialEq + std::fmt::Debug, K: Ord + Clone>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    key: impl Fn(&T) -> K,
) -> BTreeMap<K, T> {
    let map = |v: &[T]| {
        v.iter()
            .map(|r| (key(r), r.clone()))
            .collect::<BTreeMap<_, _>>()
    };
    let mut out = map(base);
    for side in [map(ours), map(theirs)] {
        let b = map(base);
        for (k, r) in &side {
            if b.get(k) != Some(r) {
                out.insert(k.clone(), r.clone());
            }
        }
        for k in b.keys().filter(|k| !side.contains_key(*k)) {
            out.remove(k);
        }
    }
    out
}

fn sorted<T: Clone, K: Ord + Clone>(v: &[T], key: impl Fn(&T) -> K) -> BTreeMap<K, T> {
    v.iter().map(|r| (key(r), r.clone())).collect()
}

fn clean(base: &Project, ours: &Project, theirs: &Project) -> Result<Project, TestCaseError> {
    let m: Merge = merge(base, ours, theirs).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert!(m.is_clean(), "{:#?}\n{:#?}", m.conflicts, m.dropped);
    Ok(m.project)
}

fn edited() -> impl Strategy<Value = (Project, Vec<Op>)> {
    (project(), prop::collection::vec(op(), 0..12))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_same_project_on_both_sides_is_the_result((b, ops) in edited(), other in project()) {
        let x = edit(&b, &ops, &Owner::all("o"));
        prop_assert_eq!(&clean(&b, &x, &x)?, &x);
        // Also from an unrelated ancestor.
        prop_assert_eq!(&clean(&other, &x, &x)?, &x);
    }

    #[test]
    fn ours_unchanged_gives_theirs((b, ops) in edited(), other in project()) {
        let t = edit(&b, &ops, &Owner::all("t"));
        prop_assert_eq!(&clean(&b, &b, &t)?, &t);
        prop_assert_eq!(&clean(&b, &b, &other)?, &other);
    }

    #[test]
    fn theirs_unchanged_gives_ours((b, ops) in edited(), other in project()) {
        let o = edit(&b, &ops, &Owner::all("o"));
        prop_assert_eq!(&clean(&b, &o, &b)?, &o);
        prop_assert_eq!(&clean(&b, &other, &b)?, &other);
    }

    #[test]
    fn edits_of_different_records_merge_with_both_present(
        (b, ours_ops) in edited(),
        theirs_ops in prop::collection::vec(op(), 0..12),
        ours_names in any::<bool>(),
    ) {
        let o = edit(&b, &ours_ops, &Owner::half("o", &b, 0, ours_names));
        let t = edit(&b, &theirs_ops, &Owner::half("t", &b, 1, !ours_names));
        let m = clean(&b, &o, &t)?;

        prop_assert_eq!(sorted(&m.documents, |d| d.id.clone()), both(&b.documents, &o.documents, &t.documents, |d| d.id.clone()));
        prop_assert_eq!(sorted(&m.annotations, |a| a.id.clone()), both(&b.annotations, &o.annotations, &t.annotations, |a| a.id.clone()));
        prop_assert_eq!(sorted(&m.links, |l| l.id.clone()), both(&b.links, &o.links, &t.links, |l| l.id.clone()));
        prop_assert_eq!(&m.name, if ours_names { &o.name } else { &t.name });
        // Labels: the base's, changed where either side changed them, then ours' new
        // ones and theirs'.
        let labels = both(&b.labels.0, &o.labels.0, &t.labels.0, |l| l.id.clone());
        let expected: Vec<String> = b.labels.iter().chain(o.labels.iter()).chain(t.labels.iter())
            .map(|l| l.id.clone())
            .fold(Vec::new(), |mut v, id| { if !v.contains(&id) { v.push(id) } v });
        let expected: Vec<_> = expected.iter().filter_map(|id| labels.get(id).cloned()).collect();
        prop_assert_eq!(&m.labels.0, &expected);
        let mut normal = m.clone();
        normal.normalize();
        prop_assert_eq!(&m, &normal);
    }
}
