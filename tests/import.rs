//! Import: matching documents, new articles, labels, duplicates, and errors that name
//! their line and leave everything untouched.

mod common;

use sourcemark::dataset::{self, Format, ImportError, ImportOptions, OffsetUnit};
use sourcemark::workspace::Workspace;
use std::path::{Path, PathBuf};

fn empty_project(dir: &Path) -> Workspace {
    let path = dir.join("project.ron");
    let ws = Workspace::create(&path, "Imported");
    ws.save().unwrap();
    ws
}

fn write(dir: &Path, name: &str, contents: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, contents).unwrap();
    p
}

fn import_err(ws: &mut Workspace, format: Format, input: &Path, opts: &ImportOptions) -> String {
    let before = ws.project.clone();
    let e = dataset::import(ws, format, input, opts).unwrap_err();
    assert_eq!(ws.project, before, "a failed import changes nothing");
    assert!(
        !ws.base_dir().join("articles").exists(),
        "a failed import writes no article"
    );
    e.to_string()
}

#[test]
fn malformed_jsonl_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = empty_project(dir.path());
    let input = write(
        dir.path(),
        "in.jsonl",
        "{\"text\":\"one\",\"spans\":[]}\n\n{\"text\":\"two\",\"spans\":[}\n",
    );
    let e = import_err(&mut ws, Format::Jsonl, &input, &ImportOptions::default());
    assert!(e.contains("in.jsonl: line 3:"), "{e}");
}

/// A large input is read on several threads; the error must still name the first bad
/// line, counted over the whole file, and a good large input must come back whole.
#[test]
fn large_jsonl_inputs_keep_their_order_and_first_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = empty_project(dir.path());
    let filler = "x".repeat(200);
    let mut lines: Vec<String> = (0..12_000)
        .map(|i| format!("{{\"text\":\"{i} {filler}\",\"spans\":[{{\"start\":0,\"end\":1,\"label\":\"claim\"}}]}}"))
        .collect();
    let good = write(dir.path(), "good.jsonl", &(lines.join("\n") + "\n"));
    assert!(
        std::fs::metadata(&good).unwrap().len() > 2 << 20,
        "big enough to split"
    );
    let records = dataset::parse_input(Format::Jsonl, &good).unwrap();
    assert_eq!(records.len(), 12_000);
    for (i, r) in records.iter().enumerate() {
        assert!(r.text.starts_with(&format!("{i} ")), "record {i} in order");
    }
    lines[7_000] = "{\"text\": oops}".to_owned();
    lines[11_000] = "not json".to_owned();
    lines.insert(5_000, String::new());
    let bad = write(dir.path(), "bad.jsonl", &lines.join("\n"));
    let e = import_err(&mut ws, Format::Jsonl, &bad, &ImportOptions::default());
    assert!(e.contains("bad.jsonl: line 7002:"), "{e}");
}

#[test]
fn span_errors_name_line_and_span() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = empty_project(dir.path());
    let opts = ImportOptions::default();
    let cases = [
        (
            r#"{"text":"Rally","spans":[{"start":0,"end":9,"label":"claim"}]}"#,
            "line 1, span 1: span 0..9 runs past the end of the text (5 chars)",
        ),
        (
            r#"{"text":"Rally","spans":[{"start":3,"end":3,"label":"claim"}]}"#,
            "span 3..3 is empty",
        ),
        (
            r#"{"text":"Rally","spans":[{"start":0,"end":2,"label":"claim","text":"Ra"},{"start":0,"end":2,"label":"","text":"Ra"}]}"#,
            "line 1, span 2: span has an empty label",
        ),
        (
            r#"{"text":"Rally","spans":[],"status":"finished"}"#,
            "unknown status \"finished\"",
        ),
        (
            r#"{"text":"Rally","spans":[{"start":0,"end":2,"label":"figure","attrs":{"precision":"roughly"}}]}"#,
            "precision \"roughly\"",
        ),
    ];
    for (line, expected) in cases {
        let input = write(dir.path(), "in.jsonl", line);
        let e = import_err(&mut ws, Format::Jsonl, &input, &opts);
        assert!(e.contains(expected), "{e}\nexpected {expected}");
    }
}

#[test]
fn utf16_offsets_read_as_chars_are_caught_by_the_span_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = empty_project(dir.path());
    // UTF-16 offsets: 👍 is 2 units, so "Rally" is 3..8.
    let line = r#"{"text":"👍 Rally and more","spans":[{"start":3,"end":8,"label":"claim","text":"Rally"}]}"#;
    let input = write(dir.path(), "in.jsonl", line);
    let e = import_err(&mut ws, Format::Jsonl, &input, &ImportOptions::default());
    assert!(e.contains("try --offsets utf16"), "{e}");
    // The hint names the tools that count UTF-16, and not Label Studio, which counts chars.
    assert!(e.contains("doccano's editor, WebAnno TSV, UIMA"), "{e}");
    assert!(e.contains("Label Studio counts chars"), "{e}");
    // Offsets past the end of an emoji text get the same hint.
    let past = write(
        dir.path(),
        "past.jsonl",
        r#"{"text":"👍 Rally","spans":[{"start":2,"end":8,"label":"claim"}]}"#,
    );
    let e = import_err(&mut ws, Format::Jsonl, &past, &ImportOptions::default());
    assert!(e.contains("runs past the end"), "{e}");
    assert!(e.contains("use --offsets utf16"), "{e}");
    assert!(e.contains("not Label Studio, which counts chars"), "{e}");
    // Half an emoji is an error in UTF-16 mode.
    let utf16 = ImportOptions {
        offsets: OffsetUnit::Utf16,
        ..ImportOptions::default()
    };
    let half = write(
        dir.path(),
        "half.jsonl",
        r#"{"text":"👍 Rally","spans":[{"start":1,"end":8,"label":"claim"}]}"#,
    );
    let e = import_err(&mut ws, Format::Jsonl, &half, &utf16);
    assert!(e.contains("surrogate pair"), "{e}");
    // Read as UTF-16, it lands on "Rally".
    let r = dataset::import(&mut ws, Format::Jsonl, &input, &utf16).unwrap();
    assert_eq!(r.annotations_added, 1);
    let a = &ws.project.annotations[0];
    assert_eq!((a.start, a.end, a.text.as_str()), (2, 7, "Rally"));
}

#[test]
fn doccano_crlf_text_becomes_an_lf_article_with_shifted_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = empty_project(dir.path());
    // The BOM and "\r\n" count in the input's offsets; the article's text drops them.
    let text = "\u{feff}Line one\r\nSecond 👍 line\r\nthird";
    let line = serde_json::json!({
        "text": text,
        "label": [[1, 5, "claim"], [11, 17, "figure"], [20, 31, "claim"]],
        "meta": {"id": "crlf doc", "title": "A title"},
    });
    let input = write(dir.path(), "in.jsonl", &format!("{line}\n"));
    let r = dataset::import(&mut ws, Format::Doccano, &input, &ImportOptions::default()).unwrap();
    assert_eq!(r.new_documents, vec!["crlf-doc".into()]);
    assert_eq!(r.new_files, vec!["articles/crlf-doc.txt".to_owned()]);
    let file = std::fs::read_to_string(dir.path().join("articles/crlf-doc.txt")).unwrap();
    assert_eq!(file, "Line one\nSecond 👍 line\nthird");
    let texts: Vec<&str> = ws
        .project
        .annotations
        .iter()
        .map(|a| a.text.as_str())
        .collect();
    assert_eq!(texts, ["Line", "Second", "line\nthird"]);
    let d = &ws.project.documents[0];
    assert_eq!((d.title.as_str(), d.chars), ("A title", 28));
    // Saved and reopened, the document matches its article.
    ws.save().unwrap();
    let ws = common::open(&ws.path);
    assert_eq!(ws.project.annotations.len(), 3);
}

#[test]
fn a_known_text_attaches_and_new_labels_are_added() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::build(dir.path(), false);
    let mut ws = common::open(&path);
    let text = ws.text(&"tricky".into()).unwrap().as_str().to_owned();
    let before = ws.project.annotations.len();
    let line = serde_json::json!({"text": text, "label": [[0, 5, "event"], [6, 8, "figure"]]});
    let input = write(dir.path(), "in.jsonl", &format!("{line}\n"));
    let r = dataset::import(&mut ws, Format::Doccano, &input, &ImportOptions::default()).unwrap();
    assert_eq!(r.attached, vec!["tricky".into()]);
    assert!(r.new_documents.is_empty() && r.new_files.is_empty());
    assert_eq!(r.labels_added, vec!["event".to_owned()]);
    // "👍🏽" 6..8 as a figure is already there.
    assert_eq!((r.annotations_added, r.duplicates_skipped), (1, 1));
    assert_eq!(ws.project.annotations.len(), before + 1);
    assert!(ws.project.labels.get("event").is_some());
    let added = ws
        .project
        .annotations
        .iter()
        .find(|a| a.label == "event")
        .unwrap();
    assert_eq!(
        (added.text.as_str(), added.annotator.as_str()),
        ("Rally", "import")
    );
    assert_eq!(added.suffix.chars().next(), Some(' '));
}

#[test]
fn an_existing_article_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = empty_project(dir.path());
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::write(dir.path().join("articles/rally.txt"), "someone else's file").unwrap();
    let line =
        serde_json::json!({"id": "rally", "path": "x/rally.txt", "text": "Rally day", "spans": []});
    let input = write(dir.path(), "in.jsonl", &format!("{line}\n{line}\n"));
    let r = dataset::import(&mut ws, Format::Jsonl, &input, &ImportOptions::default()).unwrap();
    // The same text twice is one document.
    assert_eq!(r.records, 2);
    assert_eq!(r.new_files, vec!["articles/rally-2.txt".to_owned()]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("articles/rally.txt")).unwrap(),
        "someone else's file"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("articles/rally-2.txt")).unwrap(),
        "Rally day"
    );
}

#[test]
fn jsonl_keeps_ids_notes_attributes_and_times() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = empty_project(dir.path());
    let line = r#"{"id":"d1","text":"He said 2.5 million.","spans":[{"id":"abc123","start":8,"end":19,"label":"figure","text":"2.5 million","note":"n","attrs":{"value":2500000.0,"precision":"approximate"},"annotator":"ana","created":"2020-01-24T10:00:00Z","modified":"2020-01-25T10:00:00Z"}]}"#;
    let input = write(dir.path(), "in.jsonl", line);
    dataset::import(&mut ws, Format::Jsonl, &input, &ImportOptions::default()).unwrap();
    let a = &ws.project.annotations[0];
    assert_eq!(a.id.as_str(), "abc123");
    assert_eq!((a.note.as_str(), a.annotator.as_str()), ("n", "ana"));
    assert_eq!(a.attrs.value, Some(2_500_000.0));
    assert_eq!(a.created.to_rfc3339(), "2020-01-24T10:00:00+00:00");
    assert_eq!(a.modified.to_rfc3339(), "2020-01-25T10:00:00+00:00");
    assert_eq!(a.prefix, "He said ");
}

#[test]
fn label_studio_errors_name_the_task() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = empty_project(dir.path());
    let opts = ImportOptions::default();
    let input = write(
        dir.path(),
        "t.json",
        r#"[{"data":{"text":"ok"}},{"data":{"body":"no text"}}]"#,
    );
    let e = import_err(&mut ws, Format::LabelStudio, &input, &opts);
    assert!(
        e.contains("t.json: task 2: task has no \"data.text\""),
        "{e}"
    );
    let input = write(
        dir.path(),
        "t.json",
        r#"[{"data":{"text":"Rally"},"annotations":[{"result":[{"type":"labels","value":{"start":0,"end":5,"text":"Rally","labels":[]}}]}]}]"#,
    );
    let e = import_err(&mut ws, Format::LabelStudio, &input, &opts);
    assert!(
        e.contains("task 1, annotation 1, result 1: value.labels"),
        "{e}"
    );
    let input = write(
        dir.path(),
        "t.json",
        "[{\"data\":\n  {\"text\": \"x\"},\n}]",
    );
    let e = import_err(&mut ws, Format::LabelStudio, &input, &opts);
    assert!(e.contains("line 3"), "{e}");
}

#[test]
fn label_studio_reads_textarea_notes_and_several_labels() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = empty_project(dir.path());
    let input = write(
        dir.path(),
        "t.json",
        r#"[{"id": 7, "data":{"text":"Get out, occupier!"},"annotations":[{"result":[
            {"id":"r1","type":"labels","from_name":"label","to_name":"text","value":{"start":0,"end":7,"text":"Get out","labels":["quote","claim"]}},
            {"id":"r1","type":"textarea","from_name":"note","to_name":"text","value":{"start":0,"end":7,"text":["loud"]}}
        ]}]}]"#,
    );
    let r = dataset::import(
        &mut ws,
        Format::LabelStudio,
        &input,
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(r.annotations_added, 2);
    assert_eq!(r.new_documents, vec!["7".into()]);
    assert!(ws.project.annotations.iter().all(|a| a.note == "loud"));
    assert!(ws.project.annotations.iter().any(|a| a.id.as_str() == "r1"));
}

#[test]
fn brat_errors_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = empty_project(dir.path());
    let opts = ImportOptions::default();
    let brat = dir.path().join("brat");
    std::fs::create_dir(&brat).unwrap();
    std::fs::write(brat.join("a.txt"), "Rally in Baghdad").unwrap();
    std::fs::write(
        brat.join("a.ann"),
        "T1\tclaim 0 5\tRally\nT2\tclaim 9 x\tBaghdad\n",
    )
    .unwrap();
    let e = import_err(&mut ws, Format::Brat, &brat, &opts);
    assert!(e.contains("a.ann: line 2: bad offsets"), "{e}");
    std::fs::write(
        brat.join("a.ann"),
        "T1\tclaim 0 5\tRally\nA1\tspeaker T9 X\n",
    )
    .unwrap();
    let e = import_err(&mut ws, Format::Brat, &brat, &opts);
    assert!(e.contains("a.ann: line 2: refers to \"T9\""), "{e}");
    std::fs::write(brat.join("a.ann"), "T1\tclaim 0 5\tRallx\n").unwrap();
    let e = import_err(&mut ws, Format::Brat, &brat, &opts);
    assert!(e.contains("a.ann: line 1: span 0..5 says \"Rallx\""), "{e}");
    let ann = "T1\tclaim 0 5\tRally\nA1\tcheck_worthy T1\n#1\tAnnotatorNotes T1\tsee p. 2\n";
    // Relations are read now: one from a span to itself is refused with its line.
    std::fs::write(
        brat.join("a.ann"),
        format!("{ann}R1\tSaidBy Arg1:T1 Arg2:T1\n"),
    )
    .unwrap();
    let e = import_err(&mut ws, Format::Brat, &brat, &opts);
    assert!(e.contains("a.ann: line 4: link from annotation"), "{e}");
    std::fs::write(brat.join("a.ann"), ann).unwrap();
    let r = dataset::import(&mut ws, Format::Brat, &brat, &opts).unwrap();
    assert_eq!(r.annotations_added, 1);
    let a = &ws.project.annotations[0];
    assert_eq!(
        (a.attrs.check_worthy, a.note.as_str()),
        (Some(true), "see p. 2")
    );
}

#[test]
fn csv_cannot_be_imported() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = empty_project(dir.path());
    let input = write(dir.path(), "x.csv", "a,b\n");
    let e = dataset::import(&mut ws, Format::Csv, &input, &ImportOptions::default()).unwrap_err();
    assert!(matches!(e, ImportError::Unsupported(Format::Csv)));
}

/// Records named alike are numbered in order, skipping ids and files already taken
/// (each search starts after the last number its series gave, so 20,000 doccano lines
/// plan in about a second instead of minutes).
#[test]
fn records_named_alike_are_numbered_in_order_past_taken_names() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = empty_project(dir.path());
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::write(dir.path().join("articles/doc-2.txt"), "someone else's file").unwrap();
    let body: String = (0..300)
        .map(|i| format!("{{\"text\": \"Report number {i}.\", \"label\": []}}\n"))
        .collect();
    let input = write(dir.path(), "in.jsonl", &body);
    let r = dataset::import(&mut ws, Format::Doccano, &input, &ImportOptions::default()).unwrap();
    assert_eq!(r.new_documents.len(), 300);
    let ids: Vec<&str> = r.new_documents[..4].iter().map(|d| d.as_str()).collect();
    assert_eq!(ids, ["doc", "doc-2", "doc-3", "doc-4"]);
    // A file is named after its document; doc-2.txt is taken.
    assert_eq!(
        &r.new_files[..4],
        [
            "articles/doc.txt",
            "articles/doc-2-2.txt",
            "articles/doc-3.txt",
            "articles/doc-4.txt"
        ]
    );
    assert_eq!(r.new_documents[299].as_str(), "doc-300");
    assert_eq!(r.new_files[299], "articles/doc-300.txt");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("articles/doc-2.txt")).unwrap(),
        "someone else's file"
    );
}
