//! The shape of each export format, filtering, offsets and warnings.

mod common;

use serde_json::Value;
use sourcemark::dataset::{
    self, ExportError, ExportOptions, ExportSummary, Format, OffsetUnit, Output,
};
use sourcemark::model::DocStatus;
use sourcemark::text::DocText;
use sourcemark::workspace::Workspace;
use std::collections::BTreeSet;

struct Fixture {
    _dir: tempfile::TempDir,
    ws: Workspace,
}

fn tricky() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = common::build(dir.path(), false);
    let ws = common::open(&path);
    Fixture { _dir: dir, ws }
}

fn run(ws: &Workspace, format: Format, opts: &ExportOptions) -> (String, ExportSummary) {
    let mut buf = Vec::new();
    let s = dataset::export(ws, format, opts, Output::Writer(&mut buf), &mut |_, _| {}).unwrap();
    (String::from_utf8(buf).unwrap(), s)
}

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

fn slice(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

#[test]
fn jsonl_has_one_line_per_document_with_every_field() {
    let f = tricky();
    let (out, s) = run(&f.ws, Format::Jsonl, &ExportOptions::default());
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), f.ws.project.documents.len());
    assert_eq!(s.documents, 1);
    assert_eq!(s.annotations, f.ws.project.annotations.len());
    let doc: Value = serde_json::from_str(lines[0]).unwrap();
    for k in [
        "id",
        "path",
        "title",
        "outlet",
        "url",
        "published",
        "sha256",
        "text",
        "spans",
    ] {
        assert!(keys(&doc).contains(k), "document field {k} missing");
    }
    assert_eq!(doc["id"], "tricky");
    assert_eq!(doc["path"], "articles/tricky.txt");
    let text = doc["text"].as_str().unwrap();
    assert!(!text.contains('\r'), "the text is the decoded one, LF only");
    let spans = doc["spans"].as_array().unwrap();
    assert_eq!(spans.len(), s.annotations);
    for sp in spans {
        for k in [
            "id",
            "start",
            "end",
            "label",
            "text",
            "note",
            "attrs",
            "annotator",
            "created",
            "modified",
        ] {
            assert!(keys(sp).contains(k), "span field {k} missing in {sp}");
        }
        let (a, b) = (sp["start"].as_u64().unwrap(), sp["end"].as_u64().unwrap());
        // A discontinuous span's text is its ranges' texts joined by a space.
        let mut expected = slice(text, a, b);
        for m in sp["more"].as_array().into_iter().flatten() {
            expected.push(' ');
            expected.push_str(&slice(text, m[0].as_u64().unwrap(), m[1].as_u64().unwrap()));
        }
        assert_eq!(expected, sp["text"].as_str().unwrap());
    }
    // Spans are in (start, end, label, id) order.
    let starts: Vec<u64> = spans.iter().map(|s| s["start"].as_u64().unwrap()).collect();
    assert!(starts.is_sorted());
    let quote = spans
        .iter()
        .find(|s| s["text"] == "“Get out, get out occupier!”")
        .unwrap();
    assert_eq!(quote["attrs"]["speaker"], "Sayed Sadiq al-Hashemi");
    assert_eq!(quote["note"], "chanted, per Press TV;\nsecond line");
    assert_eq!(quote["annotator"], "tester");
    let figure = spans
        .iter()
        .find(|s| s["attrs"]["value"].is_number())
        .unwrap();
    assert_eq!(figure["attrs"]["precision"], "at-least");
    assert_eq!(figure["attrs"]["custom"]["source type"], "wire copy");
    // The discontinuous span carries its other range.
    let disc = spans.iter().find(|s| s["more"].is_array()).unwrap();
    let m = &disc["more"][0];
    assert_eq!(
        slice(text, m[0].as_u64().unwrap(), m[1].as_u64().unwrap()),
        "Baghdad 🇮🇶"
    );
}

#[test]
fn output_is_deterministic() {
    let f = tricky();
    for &format in Format::ALL {
        if format.is_folder() {
            continue;
        }
        let a = run(&f.ws, format, &ExportOptions::default()).0;
        let b = run(&f.ws, format, &ExportOptions::default()).0;
        assert_eq!(a, b, "{format}");
        assert!(!a.is_empty(), "{format}");
    }
}

#[test]
fn doccano_lines_carry_text_label_triples_and_meta() {
    let f = tricky();
    let (out, s) = run(&f.ws, Format::Doccano, &ExportOptions::default());
    let doc: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(keys(&doc), BTreeSet::from(["text", "label", "meta"]));
    let text = doc["text"].as_str().unwrap();
    let labels = doc["label"].as_array().unwrap();
    assert_eq!(labels.len(), s.annotations);
    let first = labels[0].as_array().unwrap();
    assert_eq!(first.len(), 3);
    assert_eq!(slice(text, 0, 5), "Rally");
    assert_eq!((first[0].as_u64(), first[1].as_u64()), (Some(0), Some(5)));
    assert_eq!(first[2], "claim");
    assert_eq!(doc["meta"]["id"], "tricky");
    assert_eq!(doc["meta"]["sha256"].as_str().unwrap().len(), 64);
    // Discontinuous spans lose their other ranges, and the summary says so.
    assert!(s.warnings.iter().any(|w| w.contains("discontinuous")));
}

#[test]
fn label_studio_tasks_and_config() {
    let f = tricky();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tasks.json");
    let s = dataset::export(
        &f.ws,
        Format::LabelStudio,
        &ExportOptions::default(),
        Output::Path(out.clone()),
        &mut |_, _| {},
    )
    .unwrap();
    let config_path = dir.path().join("tasks.label_config.xml");
    assert_eq!(s.files, vec![out.clone(), config_path.clone()]);
    let tasks: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let task = &tasks.as_array().unwrap()[0];
    let text = task["data"]["text"].as_str().unwrap();
    assert_eq!(task["data"]["doc_id"], "tricky");
    let all = task["annotations"][0]["result"].as_array().unwrap();
    // One region per range: a span's further ranges are regions joined to its first.
    let joins = all.iter().filter(|r| r["labels"][0] == "range-of").count();
    let results: Vec<&Value> = all.iter().filter(|r| r["type"] == "labels").collect();
    assert_eq!(results.len() - joins, s.annotations);
    assert_eq!(all.len(), results.len() + joins, "no links in this project");
    for r in &results {
        assert_eq!(r["from_name"], "label");
        assert_eq!(r["to_name"], "text");
        assert_eq!(r["type"], "labels");
        let v = &r["value"];
        assert_eq!(
            slice(
                text,
                v["start"].as_u64().unwrap(),
                v["end"].as_u64().unwrap()
            ),
            v["text"].as_str().unwrap()
        );
        assert_eq!(v["labels"].as_array().unwrap().len(), 1);
    }
    let note = results
        .iter()
        .find(|r| r["meta"]["text"].is_array())
        .unwrap();
    assert_eq!(
        note["meta"]["text"][0],
        "chanted, per Press TV;\nsecond line"
    );
    let config = std::fs::read_to_string(&config_path).unwrap();
    assert!(config.contains("<Labels name=\"label\" toName=\"text\">"));
    assert!(config.contains("<Label value=\"claim\" background=\"#e08a1e\"/>"));
    assert!(config.contains("<Label value=\"speaker name\""));
    assert!(config.contains("<Text name=\"text\" value=\"$text\"/>"));
    // --labels narrows the config too.
    let opts = ExportOptions {
        labels: Some(vec!["quote".into()]),
        ..ExportOptions::default()
    };
    let c = dataset::label_config(&f.ws, &opts);
    assert!(c.contains("\"quote\"") && !c.contains("\"claim\""));
}

#[test]
fn brat_folder_has_txt_ann_and_conf() {
    let f = tricky();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brat");
    dataset::export(
        &f.ws,
        Format::Brat,
        &ExportOptions::default(),
        Output::Path(out.clone()),
        &mut |_, _| {},
    )
    .unwrap();
    let txt = std::fs::read_to_string(out.join("tricky.txt")).unwrap();
    assert_eq!(txt, f.ws.text(&"tricky".into()).unwrap().as_str());
    let ann = std::fs::read_to_string(out.join("tricky.ann")).unwrap();
    let lines: Vec<&str> = ann.lines().collect();
    assert_eq!(lines[0], "T1\tclaim 0 5;12 22\tRally Baghdad 🇮🇶");
    assert!(lines.contains(&"T2\tfigure 6 8\t👍🏽"));
    // A value brat's one-token `A` line cannot hold travels exactly on a `#` line of its
    // own type, before the span's note.
    let speaker = lines
        .iter()
        .position(|l| *l == "#1\tSourcemarkAttribute T3\t{\"speaker\":\"Sayed Sadiq al-Hashemi\"}");
    let note = lines
        .iter()
        .position(|l| *l == "#2\tAnnotatorNotes T3\tchanted, per Press TV; second line");
    assert!(speaker.is_some() && speaker < note, "{ann}");
    assert!(lines.contains(&"A1\tcheck_worthy T4 yes"));
    assert!(lines.contains(&"A2\tvalue T7 2500000"));
    assert!(lines.contains(&"A4\tprecision T7 at-least"));
    assert!(lines.contains(&"#3\tSourcemarkAttribute T7\t{\"custom.source type\":\"wire copy\"}"));
    assert!(
        !lines
            .iter()
            .any(|l| l.starts_with('A') && l.rsplit(' ').next().is_some_and(|v| v.contains('_'))),
        "{ann}"
    );
    assert!(lines.iter().any(|l| l.starts_with("T5\tspeaker_name ")));
    // A span across a blank line shows its line breaks as spaces.
    assert!(lines.iter().any(|l| l.ends_with("\t👨‍👩‍👧 families.  More")));
    let t_count = lines.iter().filter(|l| l.starts_with('T')).count();
    assert_eq!(t_count, f.ws.project.annotations.len());
    let conf = std::fs::read_to_string(out.join("annotation.conf")).unwrap();
    let entities = conf
        .split("[entities]")
        .nth(1)
        .unwrap()
        .split("[relations]")
        .next()
        .unwrap();
    assert_eq!(
        entities.split_whitespace().collect::<Vec<_>>(),
        ["claim", "quote", "figure", "speaker_name"]
    );
    assert!(conf.contains("precision\tArg:<ENTITY>, Value:at-least\n"));
    assert!(conf.contains("[attributes]"));
    // Exporting again over the folder is fine; a stranger's .ann is kept and reported.
    std::fs::write(out.join("old.ann"), "T1\tclaim 0 1\tx\n").unwrap();
    let s = dataset::export(
        &f.ws,
        Format::Brat,
        &ExportOptions::default(),
        Output::Path(out.clone()),
        &mut |_, _| {},
    )
    .unwrap();
    assert!(out.join("old.ann").exists());
    assert!(
        s.warnings.iter().any(|w| w.contains("old.ann")),
        "{:?}",
        s.warnings
    );
}

#[test]
fn brat_needs_a_folder_and_w3c_refuses_utf16() {
    let f = tricky();
    let mut buf = Vec::new();
    let e = dataset::export(
        &f.ws,
        Format::Brat,
        &ExportOptions::default(),
        Output::Writer(&mut buf),
        &mut |_, _| {},
    )
    .unwrap_err();
    assert!(matches!(e, ExportError::NeedsFolder(Format::Brat)), "{e}");
    let opts = ExportOptions {
        offsets: OffsetUnit::Utf16,
        ..ExportOptions::default()
    };
    let e = dataset::export(
        &f.ws,
        Format::W3c,
        &opts,
        Output::Writer(&mut buf),
        &mut |_, _| {},
    )
    .unwrap_err();
    assert!(e.to_string().contains("code points"), "{e}");
}

#[test]
fn w3c_annotations_have_quote_and_position_selectors() {
    let mut f = tricky();
    f.ws.project.documents[0].url = "https://example.org/rally".into();
    let (out, s) = run(&f.ws, Format::W3c, &ExportOptions::default());
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(v["type"], "AnnotationCollection");
    let items = v["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), s.annotations);
    assert_eq!(v["total"], s.annotations);
    let text = f.ws.text(&"tricky".into()).unwrap().as_str().to_owned();
    for a in items {
        assert_eq!(a["type"], "Annotation");
        assert!(
            a["id"]
                .as_str()
                .unwrap()
                .starts_with("urn:sourcemark:annotation:")
        );
        // A discontinuous span targets a List of its ranges.
        let targets = match a["target"]["type"].as_str() {
            Some("List") => a["target"]["items"].as_array().unwrap().clone(),
            _ => vec![a["target"].clone()],
        };
        for t in &targets {
            assert_eq!(t["source"], "https://example.org/rally");
            let sel = t["selector"].as_array().unwrap();
            let quote = sel
                .iter()
                .find(|s| s["type"] == "TextQuoteSelector")
                .unwrap();
            let pos = sel
                .iter()
                .find(|s| s["type"] == "TextPositionSelector")
                .unwrap();
            let (st, en) = (pos["start"].as_u64().unwrap(), pos["end"].as_u64().unwrap());
            assert_eq!(slice(&text, st, en), quote["exact"].as_str().unwrap());
            let prefix = quote["prefix"].as_str().unwrap();
            assert!(slice(&text, 0, st).ends_with(prefix));
            let suffix = quote["suffix"].as_str().unwrap();
            assert!(slice(&text, en, text.chars().count() as u64).starts_with(suffix));
        }
        let body = a["body"].as_array().unwrap();
        assert!(body.iter().any(|b| b["purpose"] == "tagging"));
        assert_eq!(a["creator"]["name"], "tester");
    }
    let noted = items
        .iter()
        .find(|a| {
            a["body"]
                .as_array()
                .unwrap()
                .iter()
                .any(|b| b["purpose"] == "commenting")
        })
        .unwrap();
    assert!(
        noted["body"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["value"] == "speaker: Sayed Sadiq al-Hashemi")
    );
    // Without a URL the target is the article path.
    f.ws.project.documents[0].url.clear();
    let (out, _) = run(&f.ws, Format::W3c, &ExportOptions::default());
    assert!(out.contains("\"source\": \"articles/tricky.txt\""));
}

#[test]
fn csv_has_one_row_per_annotation_readable_by_the_csv_crate() {
    let f = tricky();
    let (out, s) = run(&f.ws, Format::Csv, &ExportOptions::default());
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    for h in [
        "doc_id",
        "doc_title",
        "outlet",
        "url",
        "label",
        "start",
        "end",
        "text",
        "note",
        "speaker",
        "value",
        "custom",
    ] {
        assert!(headers.iter().any(|x| x == h), "column {h} missing");
    }
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), s.annotations);
    let text = f.ws.text(&"tricky".into()).unwrap().as_str().to_owned();
    for row in &rows {
        let (st, en): (u64, u64) = (
            row[col("start")].parse().unwrap(),
            row[col("end")].parse().unwrap(),
        );
        let ranges: Vec<String> = row[col("ranges")]
            .split(';')
            .map(|r| {
                let (x, y) = r.split_once('-').unwrap();
                slice(&text, x.parse().unwrap(), y.parse().unwrap())
            })
            .collect();
        assert_eq!(ranges[0], slice(&text, st, en));
        assert_eq!(ranges.join(" "), &row[col("text")]);
        assert_eq!(&row[col("doc_id")], "tricky");
    }
    let quote = rows
        .iter()
        .find(|r| &r[col("speaker")] == "Sayed Sadiq al-Hashemi")
        .unwrap();
    assert_eq!(&quote[col("note")], "chanted, per Press TV;\nsecond line");
    let fig = rows.iter().find(|r| !r[col("value")].is_empty()).unwrap();
    assert_eq!(&fig[col("value")], "2500000");
    assert_eq!(&fig[col("precision")], "at-least");
    assert_eq!(&fig[col("custom")], r#"{"source type":"wire copy"}"#);
}

#[test]
fn conll_tags_bio_and_reports_dropped_overlaps() {
    let f = tricky();
    let (out, s) = run(&f.ws, Format::Conll, &ExportOptions::default());
    assert!(out.starts_with("-DOCSTART-\tO\n\n"));
    let lines: Vec<&str> = out.lines().collect();
    let at = |tok: &str| {
        *lines
            .iter()
            .find(|l| l.split('\t').next() == Some(tok))
            .unwrap_or_else(|| panic!("token {tok:?} missing"))
    };
    // "Café owners counted 2.5" (claim) starts first and keeps "2.5"; the figure
    // "2.5 million" overlaps it and is dropped.
    assert_eq!(at("Cafe\u{301}"), "Cafe\u{301}\tB-claim");
    assert_eq!(at("owners"), "owners\tI-claim");
    assert_eq!(at("2.5"), "2.5\tI-claim");
    assert_eq!(at("million"), "million\tO");
    assert_eq!(at("“"), "“\tB-quote");
    assert_eq!(at("occupier"), "occupier\tI-quote");
    assert_eq!(at("al-Ṣadr"), "al-Ṣadr\tB-speaker_name");
    assert_eq!(at("👍🏽"), "👍🏽\tB-figure");
    assert_eq!(at("5,200"), "5,200\tB-figure");
    assert_eq!(s.dropped_overlaps, 1);
    assert!(s.warnings.iter().any(|w| w.contains("1 overlapping span")));
    // Every non-blank line is TOKEN<TAB>TAG with a B/I/O tag, and an I follows its B.
    let mut prev = "O".to_owned();
    for l in lines.iter().filter(|l| !l.is_empty()) {
        let (tok, tag) = l.split_once('\t').unwrap();
        assert!(
            !tok.is_empty() && !tok.contains(char::is_whitespace),
            "{l:?}"
        );
        assert!(
            tag == "O" || tag.starts_with("B-") || tag.starts_with("I-"),
            "{l:?}"
        );
        if let Some(label) = tag.strip_prefix("I-") {
            assert!(prev.ends_with(label), "I-{label} after {prev}");
        }
        prev = tag.to_owned();
    }
    // With only figures, nothing overlaps and "2.5 million" is tagged.
    let opts = ExportOptions {
        labels: Some(vec!["figure".into()]),
        ..ExportOptions::default()
    };
    let (out, s) = run(&f.ws, Format::Conll, &opts);
    assert!(out.contains("2.5\tB-figure\nmillion\tI-figure\n"));
    assert_eq!(s.dropped_overlaps, 0);
    assert!(!out.contains("claim"));
}

#[test]
fn labels_and_status_filter_what_is_exported() {
    let mut f = tricky();
    let opts = ExportOptions {
        labels: Some(vec!["quote".into(), "speaker name".into()]),
        ..ExportOptions::default()
    };
    let (out, s) = run(&f.ws, Format::Jsonl, &opts);
    assert_eq!(s.annotations, 3);
    let doc: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let labels: BTreeSet<&str> = doc["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, BTreeSet::from(["quote", "speaker name"]));
    // A label the project lacks is an error naming the labels it has.
    let bad = ExportOptions {
        labels: Some(vec!["claims".into()]),
        ..ExportOptions::default()
    };
    let mut buf = Vec::new();
    let e = dataset::export(
        &f.ws,
        Format::Jsonl,
        &bad,
        Output::Writer(&mut buf),
        &mut |_, _| {},
    )
    .unwrap_err();
    assert!(e.to_string().contains("\"claims\"") && e.to_string().contains("claim, quote"));
    // Status: the article is "todo" until marked done.
    let done = ExportOptions {
        status: Some(DocStatus::Done),
        ..ExportOptions::default()
    };
    let (out, s) = run(&f.ws, Format::Jsonl, &done);
    assert_eq!((out.as_str(), s.documents), ("", 0));
    f.ws.project.documents[0].status = DocStatus::Done;
    let (out, s) = run(&f.ws, Format::Jsonl, &done);
    assert_eq!((out.lines().count(), s.documents), (1, 1));
}

#[test]
fn utf16_offsets_count_an_emoji_as_two() {
    let f = tricky();
    let opts = ExportOptions {
        offsets: OffsetUnit::Utf16,
        ..ExportOptions::default()
    };
    let (out, _) = run(&f.ws, Format::Jsonl, &opts);
    let doc: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let text = doc["text"].as_str().unwrap();
    let units: Vec<u16> = text.encode_utf16().collect();
    for sp in doc["spans"].as_array().unwrap() {
        let (a, b) = (
            sp["start"].as_u64().unwrap() as usize,
            sp["end"].as_u64().unwrap() as usize,
        );
        // As JavaScript would slice it; the ranges of a discontinuous span joined.
        let mut expected = String::from_utf16(&units[a..b]).unwrap();
        for m in sp["more"].as_array().into_iter().flatten() {
            let (x, y) = (
                m[0].as_u64().unwrap() as usize,
                m[1].as_u64().unwrap() as usize,
            );
            expected.push(' ');
            expected.push_str(&String::from_utf16(&units[x..y]).unwrap());
        }
        assert_eq!(expected, sp["text"].as_str().unwrap());
    }
    let thumbs = doc["spans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["text"] == "👍🏽")
        .unwrap();
    // "Rally " is 6 units; 👍 and 🏽 are 2 each.
    assert_eq!(
        (thumbs["start"].as_u64(), thumbs["end"].as_u64()),
        (Some(6), Some(10))
    );
    // In chars the same span is 6..8.
    let (out, _) = run(&f.ws, Format::Doccano, &ExportOptions::default());
    assert!(out.contains("[6,8,\"figure\"]"));
    let (out, _) = run(&f.ws, Format::Doccano, &opts);
    assert!(out.contains("[6,10,\"figure\"]"));
}

#[test]
fn missing_article_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::build(dir.path(), true);
    let victim = dir.path().join("articles/iran-news.txt");
    std::fs::remove_file(&victim).unwrap();
    let (ws, notices) = Workspace::open(&path).unwrap();
    assert_eq!(notices.len(), 1);
    let (out, s) = run(&ws, Format::Jsonl, &ExportOptions::default());
    assert_eq!(s.skipped_documents, vec!["iran-news".into()]);
    assert!(s.warnings.iter().any(|w| w.contains("iran-news")));
    assert_eq!(out.lines().count(), ws.project.documents.len() - 1);
    assert!(!out.contains("\"id\":\"iran-news\""));
}

#[test]
fn orphaned_annotations_are_left_out() {
    let mut f = tricky();
    let before = run(&f.ws, Format::Jsonl, &ExportOptions::default()).1;
    f.ws.project.annotations[0].orphaned = true;
    let (out, s) = run(&f.ws, Format::Jsonl, &ExportOptions::default());
    assert_eq!(s.annotations, before.annotations - 1);
    assert!(s.warnings.iter().any(|w| w.contains("no longer matches")));
    assert!(!out.contains(f.ws.project.annotations[0].id.as_str()));
}

#[test]
fn progress_runs_from_zero_to_total() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::build(dir.path(), true);
    let ws = common::open(&path);
    let n = ws.project.documents.len();
    for format in [Format::Jsonl, Format::Csv, Format::Conll, Format::W3c] {
        let mut calls = Vec::new();
        let mut buf = Vec::new();
        dataset::export(
            &ws,
            format,
            &ExportOptions::default(),
            Output::Writer(&mut buf),
            &mut |d, t| calls.push((d, t)),
        )
        .unwrap();
        assert_eq!(calls.first(), Some(&(0, n)), "{format}");
        assert_eq!(calls.last(), Some(&(n, n)), "{format}");
        assert!(calls.windows(2).all(|w| w[0].0 <= w[1].0));
    }
}

#[test]
fn export_to_a_file_replaces_it_whole() {
    let f = tricky();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("data.jsonl");
    std::fs::write(
        &out,
        "old contents that are much longer than nothing".repeat(1000),
    )
    .unwrap();
    let s = dataset::export(
        &f.ws,
        Format::Jsonl,
        &ExportOptions::default(),
        Output::Path(out.clone()),
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(s.files, vec![out.clone()]);
    let (expected, _) = run(&f.ws, Format::Jsonl, &ExportOptions::default());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), expected);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    // A missing folder is an error naming it, not a stray temporary file.
    let e = dataset::export(
        &f.ws,
        Format::Jsonl,
        &ExportOptions::default(),
        Output::Path(dir.path().join("nope/data.jsonl")),
        &mut |_, _| {},
    )
    .unwrap_err();
    assert!(e.to_string().contains("nope"), "{e}");
}

#[test]
fn doc_text_is_the_decoded_article() {
    // The CRLF article's text has one char per line break.
    let f = tricky();
    let t: &DocText = f.ws.text(&"tricky".into()).unwrap();
    assert_eq!(
        t.char_len(),
        common::TRICKY_CRLF.chars().count() - common::TRICKY_CRLF.matches("\r\n").count()
    );
}
