//! The project file's suggestion fields: absent while empty (an old file saves byte for
//! byte as it was), one line per rejection, read back as written, and merged as sets.

use sourcemark::model::{CharRange, DocId, Project, Rejected};
use sourcemark::store;
use std::path::Path;

fn sample_text() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/rally-coverage/project.ron"),
    )
    .unwrap()
}

#[test]
fn a_file_without_them_is_written_back_byte_for_byte() {
    let text = sample_text();
    let p = store::from_ron(Path::new("project.ron"), &text).unwrap();
    assert!(p.patterns.is_empty() && p.rejected.is_empty());
    assert_eq!(store::to_ron(&p).unwrap(), text);
    assert!(!text.contains("rejected") && !text.contains("patterns"));
}

#[test]
fn rejections_and_pattern_files_round_trip_one_line_each() {
    let mut p = store::from_ron(Path::new("project.ron"), &sample_text()).unwrap();
    p.patterns = vec!["patterns/officials.jsonl".into()];
    p.rejected = vec![
        Rejected::new(
            DocId::from("iran-news"),
            &[1630..1640, 1700..1765],
            "quote",
            "quote",
        ),
        Rejected::new(
            DocId::from("iran-news"),
            std::slice::from_ref(&(28..49)),
            "figure",
            "people.jsonl:3",
        ),
    ];
    let text = store::to_ron(&p).unwrap();
    assert!(text.contains(
        "\n    (doc: \"iran-news\", start: 28, end: 49, label: \"figure\", rule: \"people.jsonl:3\"),\n"
    ), "sorted, one line each:\n{text}");
    assert!(
        text.contains("more: [(start: 1700, end: 1765)], label: \"quote\""),
        "{text}"
    );
    let back = store::from_ron(Path::new("project.ron"), &text).unwrap();
    let mut sorted = p.clone();
    sorted.normalize();
    assert_eq!(back, sorted);
    assert_eq!(
        back.rejected[1].more,
        vec![CharRange {
            start: 1700,
            end: 1765
        }]
    );
    assert!(back.rejected[1].is_of(
        &DocId::from("iran-news"),
        &[1630..1640, 1700..1765],
        "quote",
        "quote"
    ));
    assert!(!back.rejected[1].is_of(
        &DocId::from("iran-news"),
        std::slice::from_ref(&(1630..1640)),
        "quote",
        "quote"
    ));
}

#[test]
fn a_merge_keeps_what_either_side_rejected_or_added() {
    let base = Project::new("t");
    let r = |s: usize| {
        Rejected::new(
            DocId::from("d"),
            std::slice::from_ref(&(s..s + 5)),
            "quote",
            "quote",
        )
    };
    let mut ours = base.clone();
    ours.rejected.push(r(1));
    ours.patterns.push("a.jsonl".into());
    let mut theirs = base.clone();
    theirs.rejected.push(r(10));
    theirs.patterns.push("b.jsonl".into());
    let m = sourcemark::merge::merge(&base, &ours, &theirs).unwrap();
    assert!(m.conflicts.is_empty());
    assert_eq!(m.project.rejected, vec![r(1), r(10)]);
    assert_eq!(
        m.project.patterns,
        vec!["a.jsonl".to_owned(), "b.jsonl".to_owned()]
    );
    // One side took a pattern file out: it stays out.
    let mut later = m.project.clone();
    later.patterns.retain(|p| p != "a.jsonl");
    let m2 = sourcemark::merge::merge(&m.project, &later, &m.project).unwrap();
    assert_eq!(m2.project.patterns, vec!["b.jsonl".to_owned()]);
}
