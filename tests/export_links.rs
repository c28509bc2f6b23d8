//! Links and discontinuous spans through every format (issue 14, items 4 and 6): round
//! trips through brat, Label Studio, doccano-rel and jsonl keep every link and range;
//! links whose end is not exported, or that a format cannot carry, are left out and
//! counted; a bad link, range or relation in an input is refused with its place and
//! nothing is written.

mod common;

use serde_json::Value;
use sourcemark::dataset::{
    self, ExportOptions, ExportSummary, Format, ImportOptions, ImportReport, OffsetUnit, Output,
};
use sourcemark::model::{Annotation, CharRange, Link, LinkKind};
use sourcemark::workspace::Workspace;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A span as another project sees it: document, label and every range.
type SpanKey = (String, String, Vec<(usize, usize)>);

fn span_key(a: &Annotation) -> SpanKey {
    let mut r = vec![(a.start, a.end)];
    r.extend(a.more.iter().map(|m| (m.start, m.end)));
    (a.doc.0.clone(), a.label.clone(), r)
}

fn spans(ws: &Workspace) -> BTreeSet<SpanKey> {
    ws.project.annotations.iter().map(span_key).collect()
}

/// Each link as (from span, to span, kind, note), the note only when `notes`.
fn links(ws: &Workspace, notes: bool) -> BTreeSet<(SpanKey, SpanKey, String, String)> {
    let by_id = |id: &sourcemark::model::AnnotationId| {
        span_key(
            ws.project
                .annotations
                .iter()
                .find(|a| &a.id == id)
                .unwrap_or_else(|| panic!("link end {id} is not in the project")),
        )
    };
    ws.project
        .links
        .iter()
        .map(|l| {
            (
                by_id(&l.from),
                by_id(&l.to),
                l.kind.name().to_owned(),
                if notes { l.note.clone() } else { String::new() },
            )
        })
        .collect()
}

fn export(ws: &Workspace, format: Format, opts: &ExportOptions, out: &Path) -> ExportSummary {
    dataset::export(
        ws,
        format,
        opts,
        Output::Path(out.to_owned()),
        &mut |_, _| {},
    )
    .unwrap()
}

/// Everything an export wrote, one byte string (a folder's files by name).
fn written(out: &Path) -> Vec<u8> {
    if !out.is_dir() {
        return std::fs::read(out).unwrap();
    }
    let mut names: Vec<PathBuf> = std::fs::read_dir(out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    let mut all = Vec::new();
    for n in names {
        all.extend_from_slice(n.file_name().unwrap().as_encoded_bytes());
        all.push(0);
        all.extend(std::fs::read(&n).unwrap());
        all.push(0);
    }
    all
}

fn fresh(dir: &Path) -> Workspace {
    std::fs::create_dir_all(dir).unwrap();
    let mut ws = Workspace::create(&dir.join("project.ron"), "Rally coverage");
    // As the source project: brat's `speaker_name` maps back to it.
    ws.project.labels.add("speaker name");
    ws
}

fn import(ws: &mut Workspace, format: Format, input: &Path, offsets: OffsetUnit) -> ImportReport {
    let opts = ImportOptions {
        offsets,
        ..ImportOptions::default()
    };
    dataset::import(ws, format, input, &opts).unwrap_or_else(|e| panic!("{format}: {e}"))
}

fn input_name(format: Format) -> String {
    match format {
        Format::Brat => "brat".to_owned(),
        f => format!("input.{}", f.extension()),
    }
}

/// Export, import into a new project, compare spans and links, export again (same
/// bytes), import again (nothing added).
fn round_trip(format: Format, offsets: OffsetUnit, with_seeds: bool) {
    let dir = tempfile::tempdir().unwrap();
    let ws = common::open(&common::build_linked(&dir.path().join("src"), with_seeds));
    assert!(ws.project.annotations.iter().any(|a| a.more.len() == 2));
    let opts = ExportOptions {
        offsets,
        ..ExportOptions::default()
    };
    let input = dir.path().join(input_name(format));
    let summary = export(&ws, format, &opts, &input);
    let carries_across = format == Format::Jsonl;
    let across = usize::from(with_seeds && !carries_across);
    assert_eq!(summary.links, ws.project.links.len() - across, "{format}");
    assert_eq!(summary.skipped_links, across, "{format}: {summary:?}");
    assert_eq!(summary.cut_spans, 0, "{format}");
    let notes_lost = summary
        .warnings
        .iter()
        .any(|w| w.starts_with("1 link note(s) not written"));
    assert_eq!(
        notes_lost,
        !matches!(format, Format::Jsonl | Format::Brat),
        "{format}"
    );
    if across > 0 {
        assert!(
            summary
                .warnings
                .iter()
                .any(|w| w.contains("1 link(s) across documents left out")),
            "{format}: {:?}",
            summary.warnings
        );
    }

    let dst = dir.path().join("dst");
    let mut ws2 = fresh(&dst);
    let report = import(&mut ws2, format, &input, offsets);
    assert_eq!(report.links_added, summary.links, "{format}");
    ws2.save().unwrap();
    let ws2 = common::open(&dst.join("project.ron"));
    assert_eq!(
        spans(&ws2),
        spans(&ws),
        "{format}: the spans and their ranges"
    );
    // Notes travel in jsonl and brat; Label Studio and doccano relations have none.
    let notes = matches!(format, Format::Jsonl | Format::Brat);
    let mut expected = links(&ws, notes);
    if across > 0 {
        let doc = |k: &SpanKey| k.0.clone();
        expected.retain(|(f, t, _, _)| doc(f) == doc(t));
    }
    assert_eq!(links(&ws2, notes), expected, "{format}: the links");
    if format == Format::Jsonl {
        let ids = |w: &Workspace| -> BTreeSet<String> {
            w.project.links.iter().map(|l| l.id.0.clone()).collect()
        };
        assert_eq!(ids(&ws2), ids(&ws), "jsonl keeps link ids");
    }

    let again = dir.path().join(format!("again-{}", input_name(format)));
    export(&ws2, format, &opts, &again);
    let (first, second) = (written(&input), written(&again));
    assert!(
        first == second,
        "{format} round trip differs:\n--- first\n{}\n--- second\n{}",
        String::from_utf8_lossy(&first),
        String::from_utf8_lossy(&second)
    );

    let mut ws3 = common::open(&dst.join("project.ron"));
    let twice = import(&mut ws3, format, &input, offsets);
    assert_eq!(
        (twice.annotations_added, twice.links_added),
        (0, 0),
        "{format}"
    );
    assert_eq!(
        twice.link_duplicates_skipped, report.links_added,
        "{format}"
    );
}

#[test]
fn jsonl_keeps_every_link_and_range() {
    round_trip(Format::Jsonl, OffsetUnit::Chars, true);
    round_trip(Format::Jsonl, OffsetUnit::Utf16, false);
}

#[test]
fn brat_keeps_every_link_and_range() {
    round_trip(Format::Brat, OffsetUnit::Chars, true);
    round_trip(Format::Brat, OffsetUnit::Utf16, false);
}

#[test]
fn label_studio_keeps_every_link_and_range() {
    round_trip(Format::LabelStudio, OffsetUnit::Chars, true);
    round_trip(Format::LabelStudio, OffsetUnit::Utf16, false);
}

#[test]
fn doccano_rel_keeps_every_link_and_range() {
    round_trip(Format::DoccanoRel, OffsetUnit::Chars, true);
    round_trip(Format::DoccanoRel, OffsetUnit::Utf16, false);
}

/// The linked project with the seeds, in `dir/src`.
fn linked(dir: &Path) -> Workspace {
    common::open(&common::build_linked(&dir.join("src"), true))
}

fn export_string(ws: &Workspace, format: Format, opts: &ExportOptions) -> (String, ExportSummary) {
    let mut buf = Vec::new();
    let s = dataset::export(ws, format, opts, Output::Writer(&mut buf), &mut |_, _| {}).unwrap();
    (String::from_utf8(buf).unwrap(), s)
}

fn link(ws: &Workspace, kind: &LinkKind) -> Link {
    ws.project
        .links
        .iter()
        .find(|l| &l.kind == kind)
        .unwrap()
        .clone()
}

fn doc_of(ws: &Workspace, id: &sourcemark::model::AnnotationId) -> String {
    ws.project
        .annotations
        .iter()
        .find(|a| &a.id == id)
        .unwrap()
        .doc
        .0
        .clone()
}

#[test]
fn jsonl_names_a_link_across_documents_in_both_records() {
    let dir = tempfile::tempdir().unwrap();
    let ws = linked(dir.path());
    let (out, s) = export_string(&ws, Format::Jsonl, &ExportOptions::default());
    assert_eq!((s.links, s.skipped_links), (5, 0));
    let same = link(&ws, &LinkKind::SameAs);
    let other = doc_of(&ws, &same.to);
    let mut seen_in = Vec::new();
    for line in out.lines() {
        let rec: Value = serde_json::from_str(line).unwrap();
        let ls = rec["links"].as_array().expect("every record has links");
        for l in ls {
            for key in ["id", "from", "to", "kind", "note"] {
                assert!(l.get(key).is_some(), "{key} missing in {l}");
            }
            if l["id"] == same.id.as_str() {
                seen_in.push(rec["id"].as_str().unwrap().to_owned());
                assert_eq!(l["kind"], "SameAs");
                assert_eq!(l["from"], same.from.as_str());
            }
        }
        if rec["id"] == "tricky" {
            let kinds: BTreeSet<&str> = ls.iter().map(|l| l["kind"].as_str().unwrap()).collect();
            assert_eq!(
                kinds,
                BTreeSet::from(["SaidBy", "SameAs", "Supports", "echoes of"])
            );
            let noted = ls.iter().find(|l| l["note"] == "per the caption").unwrap();
            assert_eq!(noted["kind"], "SaidBy");
            // The three-range quote states its ranges' texts joined by a space.
            let spans = rec["spans"].as_array().unwrap();
            let q = spans.iter().find(|s| s["note"] == "three ranges").unwrap();
            assert_eq!(q["text"], "Get out occupier! said al-Ṣadr");
            assert_eq!(q["more"].as_array().unwrap().len(), 2);
        }
    }
    seen_in.sort();
    let mut both = vec!["tricky".to_owned(), other];
    both.sort();
    assert_eq!(seen_in, both, "the SameAs is in both documents' records");
}

#[test]
fn links_whose_end_is_not_exported_are_left_out_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = linked(dir.path());
    // Without `speaker name`, both SaidBy links lose their `to` end.
    let opts = ExportOptions {
        labels: Some(vec!["quote".into(), "claim".into(), "figure".into()]),
        ..ExportOptions::default()
    };
    for format in [Format::Jsonl, Format::Brat, Format::W3c, Format::Csv] {
        let out = dir.path().join(format!("out-{format}"));
        let s = export(&ws, format, &opts, &out);
        let across = usize::from(format == Format::Brat);
        assert_eq!(s.skipped_links, 2 + across, "{format}: {s:?}");
        assert_eq!(s.links, 3 - across, "{format}");
        assert!(
            s.warnings
                .iter()
                .any(|w| w.starts_with("2 link(s) left out: one end is not in this export")),
            "{format}: {:?}",
            s.warnings
        );
        let text = String::from_utf8_lossy(&written(&out)).into_owned();
        assert!(
            !text.contains("SaidBy"),
            "{format} names a link it left out"
        );
    }
    // An orphaned span's links go too, and never as a reference to nothing.
    let supports = link(&ws, &LinkKind::Supports);
    let i = ws
        .project
        .annotations
        .iter()
        .position(|a| a.id == supports.from)
        .unwrap();
    ws.project.annotations[i].orphaned = true;
    let (out, s) = export_string(&ws, Format::Jsonl, &ExportOptions::default());
    assert_eq!((s.links, s.skipped_links), (4, 1));
    assert!(!out.contains(supports.id.as_str()));
    assert!(!out.contains(&format!("\"{}\"", supports.from)));
    // Only links with an end in the export count: with only the speakers, the two
    // SaidBy links to them count, the others (neither end exported) do not.
    let opts = ExportOptions {
        labels: Some(vec!["speaker name".into()]),
        ..ExportOptions::default()
    };
    let (_, s) = export_string(&ws, Format::Jsonl, &opts);
    assert_eq!((s.links, s.skipped_links), (0, 2));
}

#[test]
fn spans_only_formats_say_what_they_did_not_carry() {
    let dir = tempfile::tempdir().unwrap();
    let ws = linked(dir.path());
    for format in [Format::Conll, Format::Doccano] {
        let (_, s) = export_string(&ws, format, &ExportOptions::default());
        assert_eq!(
            (s.links, s.skipped_links, s.cut_spans),
            (0, 5, 2),
            "{format}"
        );
        let all = s.warnings.join("\n");
        assert!(
            all.contains(&format!(
                "{format} carries spans only: 5 link(s) not written"
            )),
            "{all}"
        );
        assert!(all.contains("2 discontinuous span(s) exported with their first range only"));
        assert!(
            all.contains("doccano-rel"),
            "the warning names who carries them: {all}"
        );
    }
}

#[test]
fn brat_writes_relations_discontinuous_spans_and_declares_the_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let ws = linked(dir.path());
    let out = dir.path().join("brat");
    export(&ws, Format::Brat, &ExportOptions::default(), &out);
    let ann = std::fs::read_to_string(out.join("tricky.ann")).unwrap();
    let t_of = |text: &str| {
        ann.lines()
            .find(|l| l.starts_with('T') && l.ends_with(&format!("\t{text}")))
            .unwrap_or_else(|| panic!("no T line for {text:?}:\n{ann}"))
            .split('\t')
            .next()
            .unwrap()
            .to_owned()
    };
    let sadr = t_of("al-Ṣadr");
    let quote = t_of("«اخرج يا محتل»");
    let three = ann
        .lines()
        .find(|l| l.ends_with("\tGet out occupier! said al-Ṣadr"))
        .unwrap();
    assert_eq!(three.split('\t').nth(1).unwrap().matches(';').count(), 2);
    let r = ann
        .lines()
        .find(|l| l.contains(&format!("SaidBy Arg1:{quote} Arg2:{sadr}")))
        .unwrap_or_else(|| panic!("no SaidBy R line:\n{ann}"));
    let rid = r.split('\t').next().unwrap();
    assert!(rid.starts_with('R'));
    assert!(ann.contains(&format!("\tAnnotatorNotes {rid}\tper the caption")));
    let echoes = ann
        .lines()
        .find(|l| l.contains("\techoes_of Arg1:"))
        .unwrap();
    let eid = echoes.split('\t').next().unwrap();
    assert!(
        ann.contains(&format!(
            "\tSourcemarkAttribute {eid}\t{{\"kind\":\"echoes of\"}}"
        )),
        "{ann}"
    );
    let conf = std::fs::read_to_string(out.join("annotation.conf")).unwrap();
    let relations = conf
        .split("[relations]\n")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap();
    assert_eq!(
        relations,
        "SaidBy\tArg1:<ENTITY>, Arg2:<ENTITY>\nSupports\tArg1:<ENTITY>, Arg2:<ENTITY>\n\
         echoes_of\tArg1:<ENTITY>, Arg2:<ENTITY>"
    );
}

#[test]
fn label_studio_writes_relations_and_one_region_per_range() {
    let dir = tempfile::tempdir().unwrap();
    let ws = linked(dir.path());
    let out = dir.path().join("tasks.json");
    let s = export(&ws, Format::LabelStudio, &ExportOptions::default(), &out);
    let tasks: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let task = tasks
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["data"]["doc_id"] == "tricky")
        .unwrap();
    let text: Vec<char> = task["data"]["text"].as_str().unwrap().chars().collect();
    let results = task["annotations"][0]["result"].as_array().unwrap();
    let regions: Vec<&Value> = results.iter().filter(|r| r["type"] == "labels").collect();
    let relations: Vec<&Value> = results.iter().filter(|r| r["type"] == "relation").collect();
    let ids: BTreeSet<&str> = regions.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), regions.len(), "region ids are unique");
    for r in &regions {
        let v = &r["value"];
        let (a, b) = (v["start"].as_u64().unwrap(), v["end"].as_u64().unwrap());
        let got: String = text[a as usize..b as usize].iter().collect();
        assert_eq!(got, v["text"].as_str().unwrap());
    }
    for rel in &relations {
        assert_eq!(rel["direction"], "right");
        assert!(ids.contains(rel["from_id"].as_str().unwrap()), "{rel}");
        assert!(ids.contains(rel["to_id"].as_str().unwrap()), "{rel}");
        assert_eq!(rel["labels"].as_array().unwrap().len(), 1);
    }
    // Two spans in 2 and 3 ranges: three further regions, each joined to its first.
    let joins: Vec<&&Value> = relations
        .iter()
        .filter(|r| r["labels"][0] == "range-of")
        .collect();
    assert_eq!(joins.len(), 3);
    let tricky_spans = ws
        .project
        .annotations
        .iter()
        .filter(|a| a.doc.as_str() == "tricky")
        .count();
    assert_eq!(regions.len(), tricky_spans + 3);
    // Links within the document (the SameAs goes across and is left out).
    assert_eq!(relations.len() - joins.len(), 4);
    assert_eq!(s.skipped_links, 1);
    let config = std::fs::read_to_string(dir.path().join("tasks.label_config.xml")).unwrap();
    for kind in ["SaidBy", "Supports", "SameAs", "echoes of", "range-of"] {
        assert!(
            config.contains(&format!("<Relation value=\"{kind}\"/>")),
            "{kind}: {config}"
        );
    }
    assert!(config.contains("<Relations>") && config.contains("</Relations>"));
}

#[test]
fn doccano_rel_writes_entities_and_relations_with_ids_through_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let ws = linked(dir.path());
    let (out, _) = export_string(&ws, Format::DoccanoRel, &ExportOptions::default());
    let mut entity_ids = BTreeSet::new();
    let mut relation_ids = BTreeSet::new();
    for line in out.lines() {
        let rec: Value = serde_json::from_str(line).unwrap();
        let text: Vec<char> = rec["text"].as_str().unwrap().chars().collect();
        let mine: BTreeSet<u64> = rec["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let (a, b) = (
                    e["start_offset"].as_u64().unwrap(),
                    e["end_offset"].as_u64().unwrap(),
                );
                assert!(a < b && b as usize <= text.len());
                assert!(e["label"].is_string());
                e["id"].as_u64().unwrap()
            })
            .collect();
        for r in rec["relations"].as_array().unwrap() {
            assert!(mine.contains(&r["from_id"].as_u64().unwrap()), "{r}");
            assert!(mine.contains(&r["to_id"].as_u64().unwrap()), "{r}");
            assert!(relation_ids.insert(r["id"].as_u64().unwrap()));
        }
        for id in mine {
            assert!(
                entity_ids.insert(id),
                "entity id {id} used twice in the file"
            );
        }
        assert!(rec["meta"]["id"].is_string());
    }
    assert_eq!(
        relation_ids.len(),
        4 + 3,
        "4 links in tricky, 3 range joins"
    );
}

#[test]
fn w3c_writes_a_linking_annotation_per_link_and_a_list_target_per_split_span() {
    let dir = tempfile::tempdir().unwrap();
    let ws = linked(dir.path());
    let (out, s) = export_string(&ws, Format::W3c, &ExportOptions::default());
    assert_eq!((s.links, s.skipped_links), (5, 0));
    let c: Value = serde_json::from_str(&out).unwrap();
    let items = c["first"]["items"].as_array().unwrap();
    assert_eq!(c["total"].as_u64().unwrap() as usize, items.len());
    let iris: BTreeSet<&str> = items
        .iter()
        .filter(|i| i["motivation"] == "tagging")
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    let linking: Vec<&Value> = items
        .iter()
        .filter(|i| i["motivation"] == "linking")
        .collect();
    assert_eq!(linking.len(), 5);
    for l in &linking {
        assert_eq!(l["type"], "Annotation");
        assert!(iris.contains(l["target"].as_str().unwrap()), "{l}");
        let body = l["body"].as_array().unwrap();
        assert!(iris.contains(body[0].as_str().unwrap()), "{l}");
        assert_eq!(body[1]["purpose"], "tagging");
        assert_eq!(body[1]["type"], "TextualBody");
    }
    let same = link(&ws, &LinkKind::SameAs);
    let l = linking
        .iter()
        .find(|l| l["id"] == format!("urn:sourcemark:link:{}", same.id))
        .unwrap();
    assert_eq!(l["body"][1]["value"], "SameAs");
    assert_eq!(
        l["body"][0],
        format!("urn:sourcemark:annotation:{}", same.to)
    );
    let noted = linking
        .iter()
        .find(|l| l["body"].as_array().unwrap().len() == 3)
        .unwrap();
    assert_eq!(noted["body"][2]["purpose"], "commenting");
    assert_eq!(noted["body"][2]["value"], "per the caption");
    // The three-range quote: a List of three specific resources, in text order.
    let three = items
        .iter()
        .find(|i| {
            i["target"]["type"] == "List" && i["target"]["items"].as_array().unwrap().len() == 3
        })
        .unwrap();
    let parts = three["target"]["items"].as_array().unwrap();
    let exact: Vec<&str> = parts
        .iter()
        .map(|p| p["selector"][0]["exact"].as_str().unwrap())
        .collect();
    assert_eq!(exact, ["Get out", "occupier!", "said al-Ṣadr"]);
    let starts: Vec<u64> = parts
        .iter()
        .map(|p| p["selector"][1]["start"].as_u64().unwrap())
        .collect();
    assert!(starts.is_sorted());
    assert_eq!(parts[0]["source"], "articles/tricky.txt");
}

#[test]
fn csv_lists_ranges_and_links() {
    let dir = tempfile::tempdir().unwrap();
    let ws = linked(dir.path());
    let (out, _) = export_string(&ws, Format::Csv, &ExportOptions::default());
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let head = r.headers().unwrap().clone();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let (id, text, ranges, links) = (col("id"), col("text"), col("ranges"), col("links"));
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let row = |aid: &str| rows.iter().find(|r| &r[id] == aid).unwrap();
    let same = link(&ws, &LinkKind::SameAs);
    assert_eq!(
        &row(same.from.as_str())[links],
        format!("SameAs:{}", same.to)
    );
    assert_eq!(
        &row(same.to.as_str())[links],
        format!("SameAs:{}", same.from)
    );
    let said = link(&ws, &LinkKind::Other("echoes of".into()));
    assert_eq!(
        &row(said.from.as_str())[links],
        format!("echoes of:{}", said.to)
    );
    let split = row(said.to.as_str());
    assert_eq!(split[ranges].split(';').count(), 2);
    assert_eq!(&split[text], "Rally Baghdad 🇮🇶");
    let plain = rows.iter().find(|r| !r[ranges].contains(';')).unwrap();
    assert_eq!(
        plain[ranges],
        format!("{}-{}", &plain[col("start")], &plain[col("end")])
    );
}

#[test]
fn a_joined_span_text_exports_as_the_first_ranges_text_does() {
    // A discontinuous span's text may be its first range's or all its ranges' joined by
    // a space (as the window writes it): both export the same, and neither is skipped.
    let dir = tempfile::tempdir().unwrap();
    let ws = linked(dir.path());
    let mut joined = ws.clone();
    for a in &mut joined.project.annotations {
        if !a.more.is_empty() {
            let t = ws.text(&a.doc).unwrap();
            let mut parts = vec![t.slice(a.range()).to_owned()];
            parts.extend(a.more.iter().map(|r| t.slice(r.range()).to_owned()));
            a.text = parts.join(" ");
        }
    }
    for format in Format::ALL.iter().copied().filter(|f| !f.is_folder()) {
        let (a, sa) = export_string(&ws, format, &ExportOptions::default());
        let (b, sb) = export_string(&joined, format, &ExportOptions::default());
        assert_eq!(sa.annotations, sb.annotations, "{format}");
        assert!(
            !sb.warnings.iter().any(|w| w.contains("skipped")),
            "{format}"
        );
        assert!(a == b, "{format} differs");
    }
}

#[test]
fn a_span_whose_ranges_are_out_of_order_is_not_exported() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = linked(dir.path());
    let i = ws
        .project
        .annotations
        .iter()
        .position(|a| a.more.len() == 2)
        .unwrap();
    ws.project.annotations[i].more.reverse();
    let (out, s) = export_string(&ws, Format::Jsonl, &ExportOptions::default());
    assert!(
        s.warnings
            .iter()
            .any(|w| w.contains("its ranges are empty, overlap or are out of order")),
        "{:?}",
        s.warnings
    );
    assert!(!out.contains(ws.project.annotations[i].id.as_str()));
    // Its link goes with it.
    assert_eq!(s.skipped_links, 1);
}

// Bad inputs: each is refused with its file and place, and nothing is written.

/// A project in `dir` with one article; imports `name` (written with `body`, or a folder
/// when `body` is `None`) in `format` and returns the error, after checking that the
/// project and its `articles/` folder are as they were.
fn refused(dir: &Path, format: Format, name: &str, files: &[(&str, &str)]) -> String {
    let project = dir.join("p");
    let mut ws = fresh(&project);
    ws.save().unwrap();
    let before = std::fs::read(project.join("project.ron")).unwrap();
    let input = dir.join(name);
    if format.is_folder() {
        std::fs::create_dir_all(&input).unwrap();
        for (f, body) in files {
            std::fs::write(input.join(f), body).unwrap();
        }
    } else {
        std::fs::write(&input, files[0].1).unwrap();
    }
    let e = dataset::import(&mut ws, format, &input, &ImportOptions::default())
        .expect_err("a bad input is refused")
        .to_string();
    assert!(ws.project.annotations.is_empty() && ws.project.links.is_empty());
    assert!(
        !project.join("articles").exists()
            || std::fs::read_dir(project.join("articles"))
                .unwrap()
                .next()
                .is_none(),
        "an article was written"
    );
    assert_eq!(std::fs::read(project.join("project.ron")).unwrap(), before);
    e
}

const TEXT: &str = "Sadr said: “We will not be silenced,” and added, “never.”";

fn jsonl_line(spans: &str, links: &str) -> String {
    format!("{{\"id\":\"d\",\"text\":\"{TEXT}\",\"spans\":[{spans}],\"links\":[{links}]}}\n")
}

const TWO_SPANS: &str = "{\"id\":\"a\",\"start\":0,\"end\":4,\"label\":\"source\"},\
                         {\"id\":\"b\",\"start\":11,\"end\":37,\"label\":\"quote\"}";

#[test]
fn a_jsonl_link_to_a_missing_annotation_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let body = format!(
        "{}{}",
        jsonl_line(TWO_SPANS, ""),
        jsonl_line(
            TWO_SPANS,
            "{\"id\":\"l1\",\"from\":\"b\",\"to\":\"a\",\"kind\":\"SaidBy\"},\
             {\"id\":\"l2\",\"from\":\"b\",\"to\":\"zz\",\"kind\":\"SaidBy\"}"
        )
    );
    let e = refused(dir.path(), Format::Jsonl, "in.jsonl", &[("", &body)]);
    assert!(
        e.contains(
            "in.jsonl: line 2, link 2: link's to end, annotation zz, is not a span of the input"
        ),
        "{e}"
    );
}

#[test]
fn a_link_from_an_annotation_to_itself_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let body = jsonl_line(
        TWO_SPANS,
        "{\"id\":\"l1\",\"from\":\"b\",\"to\":\"b\",\"kind\":\"SaidBy\"}",
    );
    let e = refused(dir.path(), Format::Jsonl, "in.jsonl", &[("", &body)]);
    assert!(
        e.contains("in.jsonl: line 1, link 1: link from annotation b to itself"),
        "{e}"
    );
    // brat: an R line with the same T at both ends.
    let e = refused(
        &dir.path().join("brat"),
        Format::Brat,
        "b",
        &[
            ("d.txt", TEXT),
            (
                "d.ann",
                "T1\tquote 11 37\t“We will not be silenced,”\nR1\tSaidBy Arg1:T1 Arg2:T1\n",
            ),
        ],
    );
    assert!(e.contains("d.ann: line 2: link from annotation"), "{e}");
}

#[test]
fn overlapping_or_unsorted_ranges_are_refused_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    for (k, (more, expected)) in [
        (
            "[[30,40]]",
            "extra range 30..40 overlaps or precedes the range before it",
        ),
        (
            "[[50,55],[40,45]]",
            "extra range 40..45 overlaps or precedes the range before it",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let spans =
            format!("{{\"id\":\"b\",\"start\":11,\"end\":37,\"label\":\"quote\",\"more\":{more}}}");
        let e = refused(
            &dir.path().join(k.to_string()),
            Format::Jsonl,
            "in.jsonl",
            &[("", &jsonl_line(&spans, ""))],
        );
        assert!(e.contains("in.jsonl: line 1, span 1: "), "{e}");
        assert!(e.contains(expected), "{e}");
    }
    // Label Studio regions joined as one span must not overlap either.
    let tasks = format!(
        "[{{\"data\":{{\"text\":\"{TEXT}\"}},\"annotations\":[{{\"result\":[\
         {{\"id\":\"q\",\"type\":\"labels\",\"value\":{{\"start\":11,\"end\":37,\"labels\":[\"quote\"]}}}},\
         {{\"id\":\"q2\",\"type\":\"labels\",\"value\":{{\"start\":30,\"end\":40,\"labels\":[\"quote\"]}}}},\
         {{\"type\":\"relation\",\"from_id\":\"q2\",\"to_id\":\"q\",\"direction\":\"right\",\"labels\":[\"range-of\"]}}\
         ]}}]}}]"
    );
    let e = refused(
        &dir.path().join("ls"),
        Format::LabelStudio,
        "t.json",
        &[("", &tasks)],
    );
    assert!(
        e.contains("t.json: task 1, annotation 1, result 1: extra range 30..40 overlaps"),
        "{e}"
    );
}

#[test]
fn a_brat_relation_naming_an_unknown_t_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let e = refused(
        dir.path(),
        Format::Brat,
        "brat",
        &[
            ("d.txt", TEXT),
            (
                "d.ann",
                "T1\tsource 0 4\tSadr\nT2\tquote 11 37\t“We will not be silenced,”\n\
                 R1\tSaidBy Arg1:T2 Arg2:T9\n",
            ),
        ],
    );
    assert!(
        e.contains("d.ann: line 3: relation \"SaidBy\"'s Arg2 names \"T9\", which is not a T line of this file"),
        "{e}"
    );
}

#[test]
fn a_label_studio_relation_to_a_missing_region_is_refused_with_its_task() {
    let dir = tempfile::tempdir().unwrap();
    let tasks = format!(
        "[{{\"data\":{{\"text\":\"{TEXT}\"}},\"annotations\":[{{\"result\":[\
         {{\"id\":\"s\",\"type\":\"labels\",\"value\":{{\"start\":0,\"end\":4,\"labels\":[\"source\"]}}}},\
         {{\"type\":\"relation\",\"from_id\":\"q\",\"to_id\":\"s\",\"direction\":\"right\",\"labels\":[\"SaidBy\"]}}\
         ]}}]}}]"
    );
    let e = refused(dir.path(), Format::LabelStudio, "t.json", &[("", &tasks)]);
    assert!(
        e.contains("t.json: task 1, annotation 1, result 2: relation's from region \"q\" is not a region of this annotation"),
        "{e}"
    );
}

#[test]
fn a_doccano_relation_to_a_missing_entity_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let line = format!(
        "{{\"text\":\"{TEXT}\",\"entities\":[{{\"id\":1,\"label\":\"source\",\"start_offset\":0,\"end_offset\":4}}],\
         \"relations\":[{{\"id\":1,\"from_id\":7,\"to_id\":1,\"type\":\"SaidBy\"}}]}}\n"
    );
    let e = refused(dir.path(), Format::DoccanoRel, "d.jsonl", &[("", &line)]);
    assert!(
        e.contains("d.jsonl: line 1, relation 1: relation's from_id entity \"7\" is not an entity of this line"),
        "{e}"
    );
}

#[test]
fn a_link_kind_no_format_can_carry_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (k, (kind, expected)) in [
        ("\"\"", "link has an empty kind"),
        (
            "\"bad\\u0007kind\"",
            "link kind \"bad\\u{7}kind\" is not valid",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let body = jsonl_line(
            TWO_SPANS,
            &format!("{{\"id\":\"l1\",\"from\":\"b\",\"to\":\"a\",\"kind\":{kind}}}"),
        );
        let e = refused(
            &dir.path().join(k.to_string()),
            Format::Jsonl,
            "in.jsonl",
            &[("", &body)],
        );
        assert!(e.contains("in.jsonl: line 1, link 1: "), "{e}");
        assert!(e.contains(expected), "{e}");
    }
}

#[test]
fn label_studio_relations_from_the_tool_read_as_links() {
    // As Label Studio itself exports them: a relation drawn right to left, one without
    // a label, and regions whose ids are Label Studio's own.
    let dir = tempfile::tempdir().unwrap();
    let mut ws = fresh(&dir.path().join("p"));
    let tasks = format!(
        "[{{\"id\":7,\"data\":{{\"text\":\"{TEXT}\"}},\"annotations\":[{{\"result\":[\
         {{\"id\":\"Ab3x\",\"type\":\"labels\",\"from_name\":\"label\",\"to_name\":\"text\",\"value\":{{\"start\":0,\"end\":4,\"text\":\"Sadr\",\"labels\":[\"source\"]}}}},\
         {{\"id\":\"Zq9\",\"type\":\"labels\",\"from_name\":\"label\",\"to_name\":\"text\",\"value\":{{\"start\":11,\"end\":37,\"text\":\"“We will not be silenced,”\",\"labels\":[\"quote\"]}}}},\
         {{\"id\":\"Zq10\",\"type\":\"labels\",\"from_name\":\"label\",\"to_name\":\"text\",\"value\":{{\"start\":49,\"end\":57,\"text\":\"“never.”\",\"labels\":[\"quote\"]}}}},\
         {{\"type\":\"relation\",\"from_id\":\"Zq10\",\"to_id\":\"Zq9\",\"direction\":\"right\",\"labels\":[\"range-of\"]}},\
         {{\"type\":\"relation\",\"from_id\":\"Ab3x\",\"to_id\":\"Zq9\",\"direction\":\"left\",\"labels\":[\"SaidBy\"]}},\
         {{\"type\":\"relation\",\"from_id\":\"Zq9\",\"to_id\":\"Ab3x\",\"direction\":\"right\",\"labels\":[]}}\
         ]}}]}}]"
    );
    let input = dir.path().join("t.json");
    std::fs::write(&input, tasks).unwrap();
    let r = import(&mut ws, Format::LabelStudio, &input, OffsetUnit::Chars);
    assert_eq!((r.annotations_added, r.links_added), (2, 2));
    let quote = ws
        .project
        .annotations
        .iter()
        .find(|a| a.label == "quote")
        .unwrap();
    assert_eq!(quote.more, vec![CharRange { start: 49, end: 57 }]);
    assert_eq!(quote.id.as_str(), "Zq9");
    let kinds: BTreeSet<(String, String, String)> = ws
        .project
        .links
        .iter()
        .map(|l| (l.from.0.clone(), l.to.0.clone(), l.kind.name().to_owned()))
        .collect();
    assert_eq!(
        kinds,
        BTreeSet::from([
            ("Zq9".into(), "Ab3x".into(), "SaidBy".into()),
            ("Zq9".into(), "Ab3x".into(), "related".into()),
        ])
    );
}
