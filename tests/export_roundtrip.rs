//! Round trips: export, import into a new project, export again: identical output.

mod common;

use sourcemark::dataset::{self, ExportOptions, Format, ImportOptions, OffsetUnit, Output};
use sourcemark::workspace::Workspace;
use std::path::Path;

fn export_bytes(ws: &Workspace, format: Format, opts: &ExportOptions, dir: &Path) -> Vec<u8> {
    if format.is_folder() {
        let out = dir.join(format!("out-{}", fastrand::u32(..)));
        dataset::export(ws, format, opts, Output::Path(out.clone()), &mut |_, _| {}).unwrap();
        let mut names: Vec<_> = std::fs::read_dir(&out)
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
    } else {
        let mut buf = Vec::new();
        dataset::export(ws, format, opts, Output::Writer(&mut buf), &mut |_, _| {}).unwrap();
        buf
    }
}

fn round_trip(format: Format, offsets: OffsetUnit, with_seeds: bool) {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    let path = common::build(&src, with_seeds);
    let ws = common::open(&path);
    let opts = ExportOptions {
        offsets,
        ..ExportOptions::default()
    };
    let first = export_bytes(&ws, format, &opts, dir.path());
    // The input file as the other tool would get it.
    let input = dir.path().join(format!("input.{}", format.extension()));
    if format.is_folder() {
        dataset::export(
            &ws,
            format,
            &opts,
            Output::Path(input.clone()),
            &mut |_, _| {},
        )
        .unwrap();
    } else {
        std::fs::write(&input, &first).unwrap();
    }
    let dst = dir.path().join("dst");
    std::fs::create_dir_all(&dst).unwrap();
    let mut ws2 = Workspace::create(&dst.join("project.ron"), "Rally coverage");
    ws2.project.labels.add("speaker name");
    let iopts = ImportOptions {
        offsets,
        ..ImportOptions::default()
    };
    let report = dataset::import(&mut ws2, format, &input, &iopts).unwrap();
    assert_eq!(report.new_documents.len(), ws.project.documents.len());
    ws2.save().unwrap();
    let ws2 = common::open(&dst.join("project.ron"));
    let second = export_bytes(&ws2, format, &opts, dir.path());
    assert!(
        first == second,
        "{format} round trip differs:\n--- first\n{}\n--- second\n{}",
        String::from_utf8_lossy(&first),
        String::from_utf8_lossy(&second)
    );
    // Importing the same input again adds nothing.
    let mut ws3 = common::open(&dst.join("project.ron"));
    let again = dataset::import(&mut ws3, format, &input, &iopts).unwrap();
    assert_eq!(again.annotations_added, 0);
    assert!(again.new_documents.is_empty());
    assert_eq!(again.duplicates_skipped, report.annotations_added);
}

#[test]
fn jsonl_round_trips() {
    round_trip(Format::Jsonl, OffsetUnit::Chars, true);
    round_trip(Format::Jsonl, OffsetUnit::Utf16, false);
}

#[test]
fn doccano_round_trips() {
    round_trip(Format::Doccano, OffsetUnit::Chars, true);
    round_trip(Format::Doccano, OffsetUnit::Utf16, false);
}

#[test]
fn label_studio_round_trips() {
    round_trip(Format::LabelStudio, OffsetUnit::Chars, true);
    round_trip(Format::LabelStudio, OffsetUnit::Utf16, false);
}

#[test]
fn brat_round_trips() {
    round_trip(Format::Brat, OffsetUnit::Chars, true);
    round_trip(Format::Brat, OffsetUnit::Utf16, false);
}
