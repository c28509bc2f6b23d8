//! One test per rule of the module docs.

use super::*;
use crate::model::{
    Annotation, AnnotationId, Attributes, CharRange, DocStatus, Document, Link, LinkKind,
};
use chrono::{DateTime, Utc};

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_700_000_000 + secs, 0).unwrap()
}

fn doc(id: &str) -> Document {
    Document {
        id: id.into(),
        path: format!("articles/{id}.txt"),
        title: format!("Title {id}"),
        outlet: String::new(),
        author: String::new(),
        url: String::new(),
        published: None,
        language: "en".into(),
        status: DocStatus::Todo,
        sha256: "0".repeat(64),
        chars: 100,
        page: None,
    }
}

fn ann(id: &str, doc: &str, start: usize, end: usize, label: &str) -> Annotation {
    Annotation {
        id: AnnotationId(id.into()),
        doc: doc.into(),
        start,
        end,
        more: Vec::new(),
        label: label.into(),
        text: format!("text {start}..{end}"),
        prefix: "before ".into(),
        suffix: " after".into(),
        note: String::new(),
        attrs: Attributes::default(),
        clusters: Vec::new(),
        annotator: "ana".into(),
        created: at(0),
        modified: at(0),
        orphaned: false,
    }
}

fn link(id: &str, from: &str, to: &str) -> Link {
    Link {
        id: LinkId(id.into()),
        from: AnnotationId(from.into()),
        to: AnnotationId(to.into()),
        kind: LinkKind::Supports,
        note: String::new(),
    }
}

/// Two documents, three annotations, a link.
fn base() -> Project {
    let mut p = Project::new("Rally");
    p.documents = vec![doc("a"), doc("b")];
    p.annotations = vec![
        ann("a1", "a", 0, 5, "claim"),
        ann("a2", "a", 10, 20, "quote"),
        ann("b1", "b", 0, 4, "figure"),
    ];
    p.links = vec![link("l1", "a2", "a1")];
    p.normalize();
    p
}

fn a<'p>(p: &'p mut Project, id: &str) -> &'p mut Annotation {
    let i = p.annotation_index(&AnnotationId(id.into())).unwrap();
    &mut p.annotations[i]
}

fn get<'p>(p: &'p Project, id: &str) -> Option<&'p Annotation> {
    p.annotation(&AnnotationId(id.into()))
}

fn clean(b: &Project, o: &Project, t: &Project) -> Project {
    let m = merge(b, o, t).unwrap();
    assert!(m.is_clean(), "{:#?} {:#?}", m.conflicts, m.dropped);
    m.project
}

fn fields(m: &Merge) -> Vec<(RecordRef, Option<&str>)> {
    m.conflicts
        .iter()
        .map(|c| (c.record.clone(), c.field.as_deref()))
        .collect()
}

fn ann_ref(id: &str) -> RecordRef {
    RecordRef::Annotation(AnnotationId(id.into()))
}

#[test]
fn a_record_unchanged_on_one_side_takes_the_other_side_including_deletion() {
    let b = base();
    let mut o = b.clone();
    let mut t = b.clone();
    a(&mut o, "a1").note = "ours".into();
    t.annotations.retain(|x| x.id.as_str() != "b1");
    t.annotations.push(ann("b2", "b", 5, 9, "claim"));
    t.documents[1].status = DocStatus::Done;

    let m = clean(&b, &o, &t);
    assert_eq!(get(&m, "a1").unwrap().note, "ours");
    assert!(get(&m, "b1").is_none(), "theirs' deletion is taken");
    assert!(get(&m, "b2").is_some(), "theirs' addition is taken");
    assert_eq!(m.documents[1].status, DocStatus::Done);
}

#[test]
fn the_same_change_on_both_sides_is_taken_once() {
    let b = base();
    let mut o = b.clone();
    a(&mut o, "a1").note = "same".into();
    o.annotations.retain(|x| x.id.as_str() != "b1");
    o.annotations.push(ann("n1", "b", 1, 2, "claim"));
    o.normalize();
    let t = o.clone();
    let m = clean(&b, &o, &t);
    assert_eq!(m, o);
}

#[test]
fn deleted_on_one_side_and_changed_on_the_other_is_a_record_conflict() {
    let b = base();
    let mut o = b.clone();
    let mut t = b.clone();
    o.annotations.retain(|x| x.id.as_str() != "a1");
    o.links.clear();
    a(&mut t, "a1").note = "checked".into();

    let m = merge(&b, &o, &t).unwrap();
    assert_eq!(fields(&m), [(ann_ref("a1"), None)]);
    let c = &m.conflicts[0];
    assert_eq!(c.holds, Side::Ours);
    assert_eq!(c.ours, None, "ours deleted it");
    assert!(c.theirs.as_deref().unwrap().contains("claim 0..5"));
    assert!(c.values.theirs.is_some() && c.values.base.is_some());
    assert!(get(&m.project, "a1").is_none(), "the project holds ours");

    let mut choices = Choices::new();
    choices.choose(c, Side::Theirs);
    let m = merge_with(&b, &o, &t, &choices).unwrap();
    assert!(m.is_clean());
    assert_eq!(get(&m.project, "a1").unwrap().note, "checked");

    // The other way round: ours changed what theirs deleted; ours is held.
    let m = merge(&b, &t, &o).unwrap();
    assert_eq!(fields(&m), [(ann_ref("a1"), None)]);
    assert_eq!(get(&m.project, "a1").unwrap().note, "checked");
}

#[test]
fn changed_on_both_sides_merges_field_by_field() {
    let b = base();
    let mut o = b.clone();
    let mut t = b.clone();
    let x = a(&mut o, "a1");
    x.note = "ours".into();
    x.modified = at(50);
    let x = a(&mut t, "a1");
    x.label = "quote".into();
    x.annotator = "bea".into();
    x.modified = at(90);

    let m = clean(&b, &o, &t);
    let x = get(&m, "a1").unwrap();
    assert_eq!(x.note, "ours");
    assert_eq!(x.label, "quote");
    assert_eq!(x.annotator, "bea");
    assert_eq!(x.modified, at(90), "the later time, not a conflict");
}

#[test]
fn a_field_changed_two_ways_is_a_conflict_holding_ours() {
    let b = base();
    let mut o = b.clone();
    let mut t = b.clone();
    a(&mut o, "a1").note = "ours".into();
    a(&mut t, "a1").note = "theirs".into();
    a(&mut t, "a1").label = "figure".into();

    let m = merge(&b, &o, &t).unwrap();
    assert_eq!(fields(&m), [(ann_ref("a1"), Some("note"))]);
    let c = &m.conflicts[0];
    assert_eq!(c.ours.as_deref(), Some("“ours”"));
    assert_eq!(c.theirs.as_deref(), Some("“theirs”"));
    assert_eq!(c.base, None, "an empty note is not written");
    assert_eq!(c.values.theirs, Some(Value::from("theirs")));
    let x = get(&m.project, "a1").unwrap();
    assert_eq!((x.note.as_str(), x.label.as_str()), ("ours", "figure"));

    let mut choices = Choices::new();
    choices.choose(c, Side::Theirs);
    let m = merge_with(&b, &o, &t, &choices).unwrap();
    assert!(m.is_clean());
    assert_eq!(get(&m.project, "a1").unwrap().note, "theirs");
}

#[test]
fn added_on_both_sides_with_different_content_merges_field_by_field() {
    let b = base();
    let mut o = b.clone();
    let mut t = b.clone();
    let mut x = ann("n1", "b", 20, 30, "claim");
    x.note = "ours".into();
    o.annotations.push(x.clone());
    x.note = "theirs".into();
    x.created = at(-10);
    x.attrs.speaker = Some("al-Sadr".into());
    t.annotations.push(x);

    let m = merge(&b, &o, &t).unwrap();
    assert_eq!(fields(&m), [(ann_ref("n1"), Some("note"))]);
    assert_eq!(m.conflicts[0].base, None);
    let x = get(&m.project, "n1").unwrap();
    assert_eq!(x.attrs.speaker.as_deref(), Some("al-Sadr"));
    assert_eq!(x.created, at(-10), "the earlier creation time");
    assert_eq!(x.note, "ours");
}

#[test]
fn a_span_merges_as_one_unit_never_start_from_one_side_and_end_from_the_other() {
    let b = base();
    let mut o = b.clone();
    let mut t = b.clone();
    let x = a(&mut o, "a2");
    x.start = 8;
    x.text = "ours' words".into();
    let x = a(&mut t, "a2");
    x.end = 25;
    x.more = vec![CharRange { start: 30, end: 35 }];
    x.text = "theirs' words".into();

    let m = merge(&b, &o, &t).unwrap();
    assert_eq!(fields(&m), [(ann_ref("a2"), Some("span"))]);
    let c = &m.conflicts[0];
    assert_eq!(c.ours.as_deref(), Some("8..20 “ours' words”"));
    assert_eq!(
        c.theirs.as_deref(),
        Some("10..25 “theirs' words” and 1 more range(s)")
    );
    let x = get(&m.project, "a2").unwrap();
    assert_eq!((x.start, x.end, x.text.as_str()), (8, 20, "ours' words"));
    assert!(x.more.is_empty());

    // A moved span and another field changed on the other side merge cleanly.
    let mut t = b.clone();
    a(&mut t, "a2").note = "theirs".into();
    let m = clean(&b, &o, &t);
    let x = get(&m, "a2").unwrap();
    assert_eq!((x.start, x.note.as_str()), (8, "theirs"));
}

#[test]
fn attributes_merge_attribute_by_attribute() {
    let b = base();
    let mut o = b.clone();
    let mut t = b.clone();
    a(&mut o, "b1").attrs.value = Some(2_500_000.0);
    a(&mut o, "b1")
        .attrs
        .custom
        .insert("source".into(), "wire".into());
    a(&mut t, "b1").attrs.unit = Some("people".into());
    a(&mut t, "b1")
        .attrs
        .custom
        .insert("desk".into(), "world".into());

    let m = clean(&b, &o, &t);
    let at = &get(&m, "b1").unwrap().attrs;
    assert_eq!(at.value, Some(2_500_000.0));
    assert_eq!(at.unit.as_deref(), Some("people"));
    assert_eq!(at.custom.len(), 2);

    a(&mut o, "b1").attrs.unit = Some("protesters".into());
    a(&mut t, "b1")
        .attrs
        .custom
        .insert("source".into(), "own".into());
    let m = merge(&b, &o, &t).unwrap();
    assert_eq!(
        fields(&m),
        [
            (ann_ref("b1"), Some("attrs.custom.source")),
            (ann_ref("b1"), Some("attrs.unit")),
        ]
    );
}

#[test]
fn a_document_s_article_and_a_link_s_ends_are_units() {
    let b = base();
    let mut o = b.clone();
    let mut t = b.clone();
    o.documents[0].path = "moved/a.txt".into();
    o.documents[0].title = "New title".into();
    t.documents[0].sha256 = "1".repeat(64);
    t.documents[0].chars = 120;
    t.documents[0].outlet = "Press TV".into();
    o.links[0].from = AnnotationId("b1".into());
    t.links[0].to = AnnotationId("b1".into());
    t.links[0].note = "theirs".into();

    let m = merge(&b, &o, &t).unwrap();
    assert_eq!(
        fields(&m),
        [
            (RecordRef::Document("a".into()), Some("article")),
            (RecordRef::Link(LinkId("l1".into())), Some("ends")),
        ]
    );
    assert_eq!(
        m.conflicts[0].theirs.as_deref(),
        Some("articles/a.txt (120 chars)")
    );
    assert_eq!(m.conflicts[1].ours.as_deref(), Some("b1 → a1"));
    let d = &m.project.documents[0];
    assert_eq!((d.path.as_str(), d.chars), ("moved/a.txt", 100));
    assert_eq!(
        (d.title.as_str(), d.outlet.as_str()),
        ("New title", "Press TV")
    );
    let l = &m.project.links[0];
    assert_eq!(
        (l.from.as_str(), l.to.as_str(), l.note.as_str()),
        ("b1", "a1", "theirs")
    );
}

#[test]
fn the_project_s_own_fields_merge_like_a_record() {
    let b = base();
    let mut o = b.clone();
    let mut t = b.clone();
    t.name = "Rally, checked".into();
    assert_eq!(clean(&b, &o, &t).name, "Rally, checked");
    o.name = "Rally 2020".into();
    let m = merge(&b, &o, &t).unwrap();
    assert_eq!(fields(&m), [(RecordRef::Project, Some("name"))]);
    assert_eq!(m.project.name, "Rally 2020");
}

#[test]
fn labels_keep_ours_order_with_theirs_new_ones_appended() {
    let b = base();
    let mut o = b.clone();
    let mut t = b.clone();
    o.labels.0.swap(0, 2);
    o.labels.add("person");
    t.labels.add("speaker");
    t.labels.0[1].name = "Quotation".into();
    let ids = |p: &Project| p.labels.iter().map(|l| l.id.clone()).collect::<Vec<_>>();

    let m = clean(&b, &o, &t);
    assert_eq!(
        ids(&m),
        ["figure", "quote", "claim", "source", "person", "speaker"]
    );
    assert_eq!(m.labels.get("quote").unwrap().name, "Quotation");

    // Ours kept the base order, theirs moved a label: theirs' move is the change made.
    let mut o = b.clone();
    o.labels.add("person");
    let m = clean(&b, &o, &t);
    assert_eq!(
        ids(&m),
        ["claim", "quote", "figure", "source", "person", "speaker"]
    );
    let mut t2 = t.clone();
    t2.labels.0.swap(0, 1);
    let m = clean(&b, &o, &t2);
    assert_eq!(
        ids(&m),
        ["quote", "claim", "figure", "source", "speaker", "person"]
    );
}

#[test]
fn a_link_whose_end_is_gone_is_dropped_and_reported() {
    let b = base();
    let mut o = b.clone();
    let mut t = b.clone();
    o.annotations.retain(|x| x.id.as_str() != "b1");
    t.links.push(link("l2", "b1", "a1"));

    let m = merge(&b, &o, &t).unwrap();
    assert!(m.conflicts.is_empty());
    assert_eq!(
        m.dropped,
        [Dropped::Link {
            link: LinkId("l2".into()),
            missing: AnnotationId("b1".into()),
        }]
    );
    assert_eq!(m.project.links.len(), 1);
    assert_eq!(
        m.dropped[0].to_string(),
        "link l2 dropped: its end annotation b1 is gone"
    );
}

#[test]
fn a_document_deleted_on_one_side_and_annotated_on_the_other_is_restored_and_asked() {
    let b = base();
    let mut o = b.clone();
    let mut t = b.clone();
    o.documents.retain(|d| d.id.as_str() != "b");
    o.annotations.retain(|x| x.doc.as_str() != "b");
    t.annotations.push(ann("n1", "b", 40, 44, "claim"));

    let m = merge(&b, &o, &t).unwrap();
    let doc_b = RecordRef::Document("b".into());
    assert_eq!(fields(&m), [(doc_b.clone(), None)]);
    let c = &m.conflicts[0];
    assert_eq!(c.holds, Side::Theirs);
    assert_eq!(c.needed_by, [AnnotationId("n1".into())]);
    assert_eq!(c.ours, None);
    assert!(m.project.document(&"b".into()).is_some(), "restored");
    assert!(get(&m.project, "n1").is_some());
    assert!(
        get(&m.project, "b1").is_none(),
        "ours' deletion of b1 stands"
    );

    // Choosing the deletion deletes theirs' new annotation too, and says so.
    let mut choices = Choices::new();
    choices.choose(c, Side::Ours);
    let m = merge_with(&b, &o, &t, &choices).unwrap();
    assert!(m.conflicts.is_empty());
    assert_eq!(
        m.dropped,
        [Dropped::Annotation {
            annotation: AnnotationId("n1".into()),
            needed: doc_b.clone(),
        }]
    );
    assert!(m.project.document(&"b".into()).is_none());
    assert!(m.project.annotations_of(&"b".into()).is_empty());

    choices.choose(c, Side::Theirs);
    let m = merge_with(&b, &o, &t, &choices).unwrap();
    assert!(m.is_clean());
    assert!(m.project.document(&"b".into()).is_some());
}

#[test]
fn a_label_deleted_on_one_side_and_applied_on_the_other_is_restored_and_asked() {
    let mut b = base();
    b.labels.add("source");
    let mut o = b.clone();
    let mut t = b.clone();
    t.labels.0.retain(|l| l.id != "source");
    a(&mut o, "a1").label = "source".into();

    let m = merge(&b, &o, &t).unwrap();
    let c = &m.conflicts[0];
    assert_eq!(fields(&m), [(RecordRef::Label("source".into()), None)]);
    assert_eq!((c.holds, c.theirs.as_deref()), (Side::Ours, None));
    assert_eq!(c.needed_by, [AnnotationId("a1".into())]);
    assert!(m.project.labels.get("source").is_some());
    assert_eq!(m.project.labels.0.last().unwrap().id, "source");
}

#[test]
fn a_decision_can_reveal_a_conflict_asked_on_the_next_run() {
    let b = base();
    let mut o = b.clone();
    let mut t = b.clone();
    // Ours deletes document b with its annotation; theirs edits that annotation.
    o.documents.retain(|d| d.id.as_str() != "b");
    o.annotations.retain(|x| x.doc.as_str() != "b");
    a(&mut t, "b1").note = "keep me".into();

    let m = merge(&b, &o, &t).unwrap();
    assert_eq!(fields(&m), [(ann_ref("b1"), None)]);
    let mut choices = Choices::new();
    choices.choose(&m.conflicts[0], Side::Theirs);
    let m = merge_with(&b, &o, &t, &choices).unwrap();
    assert_eq!(fields(&m), [(RecordRef::Document("b".into()), None)]);
    assert!(m.project.document(&"b".into()).is_some());
    assert_eq!(get(&m.project, "b1").unwrap().note, "keep me");
}

#[test]
fn the_result_is_normalised() {
    let b = base();
    let mut o = b.clone();
    let mut t = b.clone();
    o.annotations.push(ann("z9", "a", 1, 2, "claim"));
    o.documents.push(doc("0"));
    t.annotations.insert(0, ann("n1", "b", 0, 1, "claim"));
    t.links.insert(0, link("l0", "a1", "a2"));
    let m = clean(&b, &o, &t);
    let mut sorted = m.clone();
    sorted.normalize();
    assert_eq!(m, sorted);
    assert_eq!(m.annotations.len(), 5);
}

#[test]
fn two_records_with_one_id_in_an_input_are_an_error() {
    let b = base();
    let mut t = b.clone();
    t.annotations.push(t.annotations[0].clone());
    let e = merge(&b, &b, &t).unwrap_err();
    assert_eq!(
        e,
        MergeError::DuplicateId {
            input: Input::Theirs,
            record: ann_ref("a1"),
        }
    );
    assert!(e.to_string().contains("their version"), "{e}");
}

#[test]
fn a_record_that_does_not_read_back_is_a_record_conflict_not_an_altered_value() {
    let b = base();
    let mut o = b.clone();
    let mut t = b.clone();
    // JSON has no NaN: merged field by field, the value would come back as "unset".
    a(&mut o, "b1").attrs.value = Some(f64::NAN);
    a(&mut t, "b1").note = "theirs".into();

    let m = merge(&b, &o, &t).unwrap();
    assert_eq!(fields(&m), [(ann_ref("b1"), None)]);
    let x = get(&m.project, "b1").unwrap();
    assert!(x.attrs.value.is_some_and(f64::is_nan), "ours, whole");
    assert_eq!(x.note, "");

    // Where nothing needs merging field by field, a NaN is no trouble.
    assert!(merge(&b, &o, &o).unwrap().is_clean());
    assert!(merge(&o, &o, &t).unwrap().is_clean());
}

#[test]
fn a_field_added_to_a_struct_later_merges_without_code() {
    // A record kind the merge has never heard of, with fields of its own.
    #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Cluster {
        id: String,
        name: String,
        #[serde(default)]
        question: String,
    }
    impl record::Record for Cluster {
        type Key = String;
        fn key(&self) -> &String {
            &self.id
        }
        fn reference(key: &String) -> RecordRef {
            RecordRef::Label(key.clone())
        }
        fn shape() -> &'static value::Shape {
            static S: value::Shape = value::Shape {
                units: &[],
                nested: &[],
                latest: &[],
                earliest: &[],
            };
            &S
        }
        fn summary(&self) -> String {
            self.name.clone()
        }
    }
    let c = |name: &str, question: &str| Cluster {
        id: "c".into(),
        name: name.into(),
        question: question.into(),
    };
    let choices = Choices::new();
    let mut run = Run {
        choices: &choices,
        conflicts: BTreeMap::new(),
        dropped: Vec::new(),
    };
    let merged = run
        .collection(
            &[c("Crowd", "")],
            &[c("Crowd size", "")],
            &[c("Crowd", "How many?")],
        )
        .unwrap();
    assert_eq!(merged, [c("Crowd size", "How many?")]);
    assert!(run.conflicts.is_empty());
}

#[test]
fn clusters_merge_by_id_and_one_deleted_while_the_other_side_clustered_more_is_kept() {
    use crate::model::{Cluster, ClusterId};
    let mut b = base();
    let crowd = Cluster {
        id: ClusterId("c1".into()),
        name: "Crowd size".into(),
        note: String::new(),
    };
    b.clusters = vec![crowd.clone()];
    a(&mut b, "b1").join_cluster(&crowd.id);
    let mut o = b.clone();
    let mut t = b.clone();
    // Ours renames it and adds a second cluster; theirs clusters another span into it.
    o.clusters[0].name = "Crowd size, Baghdad".into();
    o.clusters.push(Cluster::new("Who called the rally"));
    o.normalize();
    a(&mut t, "a1").join_cluster(&crowd.id);
    let m = clean(&b, &o, &t);
    assert_eq!(m.clusters.len(), 2);
    assert_eq!(m.cluster(&crowd.id).unwrap().name, "Crowd size, Baghdad");
    let members: Vec<&str> = m
        .cluster_members(&crowd.id)
        .map(|x| x.id.as_str())
        .collect();
    assert_eq!(members, ["a1", "b1"]);

    // Ours deletes the cluster (its member leaves first); theirs adds a member: kept.
    let mut o = b.clone();
    a(&mut o, "b1").leave_cluster(&crowd.id);
    o.clusters.clear();
    let m = clean(&b, &o, &t);
    assert_eq!(
        m.cluster(&crowd.id).map(|c| c.name.as_str()),
        Some("Crowd size")
    );
    let members: Vec<&str> = m
        .cluster_members(&crowd.id)
        .map(|x| x.id.as_str())
        .collect();
    assert_eq!(members, ["a1"], "ours took b1 out, theirs put a1 in");
}
