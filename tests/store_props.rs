//! Round trips of the project file over arbitrary projects: whatever a user types (any
//! Unicode, quotes, newlines, control chars) comes back equal, and the file is stable.

use chrono::{DateTime, NaiveDate, Utc};
use proptest::prelude::*;
use sourcemark::model::{
    Annotation, AnnotationId, Attributes, CharRange, Cluster, ClusterId, Color, DocId, DocStatus,
    Document, Label, LabelKind, LabelScheme, Link, LinkId, LinkKind, Precision, Project,
};
use sourcemark::store;
use std::path::Path;

/// Strings mixing plain words, non-ASCII scripts and anything at all.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z ]{0,12}",
        "[“”’ «»—…é中文ع👍\u{a0}\u{301}]{0,8}",
        prop::collection::vec(any::<char>(), 0..10).prop_map(String::from_iter),
        // Pieces of the file's own layout, which the parallel reader cuts at.
        prop::sample::select(vec![
            "\n  annotations: [\n",
            "\n  annotations: [],\n",
            "\n    (\n",
            "\n  ],\n",
            "r#\"",
            "/*",
            "]",
        ])
        .prop_map(str::to_owned),
    ]
}

fn finite() -> impl Strategy<Value = f64> {
    prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO
}

fn time() -> impl Strategy<Value = DateTime<Utc>> {
    // Years 1970 to about 2200, with and without sub-second digits.
    (
        0i64..7_258_118_400,
        prop_oneof![Just(0u32), 0u32..1_000_000_000],
    )
        .prop_map(|(s, ns)| DateTime::from_timestamp(s, ns).unwrap())
}

fn date() -> impl Strategy<Value = Option<NaiveDate>> {
    prop::option::of((1i32..800_000).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap()))
}

fn attributes() -> impl Strategy<Value = Attributes> {
    (
        (
            prop::option::of(finite()),
            prop::option::of(finite()),
            prop::option::of(finite()),
        ),
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of(prop::sample::select(Precision::ALL.to_vec())),
        any::<bool>(),
        prop::option::of(text()),
        prop::option::of(any::<bool>()),
        prop::option::of(text()),
        prop::collection::btree_map(text(), text(), 0..3),
    )
        .prop_map(
            |(
                (value, low, high),
                unit,
                counted,
                precision,
                from_text,
                speaker,
                check_worthy,
                verdict,
                custom,
            )| {
                Attributes {
                    value,
                    low,
                    high,
                    unit,
                    counted,
                    precision,
                    from_text,
                    speaker,
                    check_worthy,
                    verdict,
                    custom,
                }
            },
        )
}

fn label() -> impl Strategy<Value = Label> {
    (
        text(),
        text(),
        prop::sample::select(vec![
            LabelKind::Claim,
            LabelKind::Quote,
            LabelKind::Figure,
            LabelKind::Source,
            LabelKind::Other,
        ]),
        any::<[u8; 3]>(),
        prop::option::of(any::<char>()),
    )
        .prop_map(|(id, name, kind, color, key)| Label {
            id,
            name,
            kind,
            color: Color(color),
            key,
        })
}

/// A document id: any text the id rule accepts (the loader refuses the others, see
/// `tests/hostile_ids.rs`), else the slug sourcemark would have made of it.
fn doc_id() -> impl Strategy<Value = String> {
    text().prop_map(|s| {
        if DocId(s.clone()).validate().is_ok() {
            s
        } else {
            DocId::slug(&s).0
        }
    })
}

fn document() -> impl Strategy<Value = Document> {
    (
        (doc_id(), text(), text(), text(), text()),
        date(),
        text(),
        prop::sample::select(DocStatus::ALL.to_vec()),
        "[0-9a-f]{64}",
        any::<usize>(),
    )
        .prop_map(
            |((id, path, title, outlet, url), published, language, status, sha256, chars)| {
                Document {
                    id: DocId(id),
                    path,
                    title,
                    outlet,
                    url,
                    published,
                    language,
                    status,
                    sha256,
                    chars,
                }
            },
        )
}

fn annotation(docs: Vec<DocId>) -> impl Strategy<Value = Annotation> {
    (
        (
            "[0-9a-f]{12}",
            prop::sample::select(docs),
            any::<usize>(),
            any::<usize>(),
        ),
        prop::collection::vec(
            (any::<usize>(), any::<usize>()).prop_map(|(start, end)| CharRange { start, end }),
            0..3,
        ),
        (text(), text(), text(), text(), text()),
        (
            attributes(),
            prop::collection::vec("[0-9a-f]{12}".prop_map(ClusterId), 0..3),
        ),
        text(),
        (time(), time()),
        any::<bool>(),
    )
        .prop_map(
            |(
                (id, doc, start, end),
                more,
                (label, text, prefix, suffix, note),
                (attrs, clusters),
                annotator,
                (created, modified),
                orphaned,
            )| Annotation {
                id: AnnotationId(id),
                doc,
                start,
                end,
                more,
                label,
                text,
                prefix,
                suffix,
                note,
                attrs,
                clusters,
                annotator,
                created,
                modified,
                orphaned,
            },
        )
}

fn link() -> impl Strategy<Value = Link> {
    (
        "[0-9a-f]{12}",
        "[0-9a-f]{12}",
        "[0-9a-f]{12}",
        prop_oneof![
            Just(LinkKind::SaidBy),
            Just(LinkKind::Supports),
            Just(LinkKind::SameAs),
            text().prop_map(LinkKind::Other),
        ],
        text(),
    )
        .prop_map(|(id, from, to, kind, note)| Link {
            id: LinkId(id),
            from: AnnotationId(from),
            to: AnnotationId(to),
            kind,
            note,
        })
}

fn cluster() -> impl Strategy<Value = Cluster> {
    ("[0-9a-f]{12}", text(), text()).prop_map(|(id, name, note)| Cluster {
        id: ClusterId(id),
        name,
        note,
    })
}

fn project() -> impl Strategy<Value = Project> {
    (
        text(),
        prop::collection::vec(label(), 0..4),
        prop::collection::vec(document(), 1..4),
        prop::collection::vec(link(), 0..3),
        prop::collection::vec(cluster(), 0..3),
    )
        .prop_flat_map(|(name, labels, documents, links, clusters)| {
            let ids: Vec<DocId> = documents.iter().map(|d| d.id.clone()).collect();
            (
                Just(name),
                Just(labels),
                Just(documents),
                prop::collection::vec(annotation(ids), 0..6),
                Just(links),
                Just(clusters),
            )
        })
        .prop_map(
            |(name, labels, documents, annotations, links, clusters)| Project {
                format: sourcemark::model::FORMAT,
                name,
                labels: LabelScheme(labels),
                documents,
                annotations,
                links,
                clusters,
                patterns: Vec::new(),
                rejected: Vec::new(),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn text_round_trip_is_equal_and_stable(p in project()) {
        let ron = store::to_ron(&p).unwrap();
        let back = store::from_ron(Path::new("p.ron"), &ron)
            .unwrap_or_else(|e| panic!("{e}\n{ron}"));
        let mut expected = p.clone();
        expected.normalize();
        prop_assert_eq!(&back, &expected);
        prop_assert_eq!(store::to_ron(&back).unwrap(), ron);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Large projects are written and read in pieces on several threads, and by the
    /// fast line writer on one: the bytes must be exactly ron's own, and the project
    /// that of the one-thread path.
    #[test]
    fn parallel_paths_match_the_single_thread_path(p in project(), threads in 2usize..5) {
        let by_ron = store::to_ron_by_ron_alone(&p).unwrap();
        let single = store::to_ron_on(&p, 1, 0).unwrap();
        prop_assert_eq!(&single, &by_ron);
        prop_assert_eq!(&store::to_ron_on(&p, threads, 0).unwrap(), &by_ron);
        prop_assert_eq!(&store::to_ron(&p).unwrap(), &by_ron);
        let path = Path::new("p.ron");
        let one = store::from_ron_on(path, &single, 1, 0).unwrap();
        prop_assert_eq!(&store::from_ron_on(path, &single, threads, 0).unwrap(), &one);
    }
}

proptest! {
    // Fewer cases: each touches the disk.
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn file_round_trip_is_equal_and_byte_identical(p in project()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        store::save(&path, &p).unwrap();
        let first = std::fs::read(&path).unwrap();
        let loaded = store::load(&path).unwrap();
        let mut expected = p.clone();
        expected.normalize();
        prop_assert_eq!(&loaded, &expected);
        store::save(&path, &loaded).unwrap();
        prop_assert_eq!(std::fs::read(&path).unwrap(), first.clone());
        // The second save kept the first as the backup, byte for byte.
        prop_assert_eq!(std::fs::read(store::backup_path(&path)).unwrap(), first);
    }
}
