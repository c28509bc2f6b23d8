//! brat attributes survive export and import byte for byte: the sample project's, and a
//! generated set of awkward values (commas, underscores, quotes, tabs, line breaks,
//! non-ASCII, empty, very long); notes still round-trip next to them; files written by
//! earlier versions (`_` for a space) import as before.

use sourcemark::dataset::{self, ExportOptions, Format, ImportOptions, Output};
use sourcemark::model::{Annotation, Attributes};
use sourcemark::workspace::{AddOutcome, Workspace};
use std::path::{Path, PathBuf};

/// What a span carries that brat must keep: where, which label, attributes, note.
type Carried = (String, usize, usize, String, Attributes, String);

fn carried(ws: &Workspace) -> Vec<Carried> {
    let mut v: Vec<Carried> = ws
        .project
        .annotations
        .iter()
        .map(|a| {
            (
                a.doc.as_str().to_owned(),
                a.start,
                a.end,
                a.label.clone(),
                a.attrs.clone(),
                a.note.clone(),
            )
        })
        .collect();
    v.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    v
}

/// Exports `ws` as brat into `dir/brat` and imports that folder into a new project.
fn through_brat(ws: &Workspace, dir: &Path) -> (PathBuf, Workspace) {
    let out = dir.join("brat");
    dataset::export(
        ws,
        Format::Brat,
        &ExportOptions::default(),
        Output::Path(out.clone()),
        &mut |_, _| {},
    )
    .unwrap();
    let dst = dir.join("dst");
    std::fs::create_dir_all(&dst).unwrap();
    let mut ws2 = Workspace::create(&dst.join("project.ron"), "Imported");
    let report = dataset::import(&mut ws2, Format::Brat, &out, &ImportOptions::default()).unwrap();
    assert_eq!(report.annotations_added, ws.project.annotations.len());
    (out, ws2)
}

fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("projects/rally-coverage/project.ron")
}

#[test]
fn every_sample_attribute_survives_brat() {
    let (ws, _) = Workspace::open(&sample_path()).unwrap();
    let with_attrs = ws
        .project
        .annotations
        .iter()
        .filter(|a| !a.attrs.is_empty())
        .count();
    assert!(
        with_attrs > 50,
        "the sample has {with_attrs} spans with attributes"
    );
    let dir = tempfile::tempdir().unwrap();
    let (out, ws2) = through_brat(&ws, dir.path());
    let (before, after) = (carried(&ws), carried(&ws2));
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b, a);
    }
    assert_eq!(before.len(), after.len());
    // The value of the bug report, comma and all, and brat still shows safe values as
    // attributes.
    let all: String = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "ann"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(all.contains("\tSourcemarkAttribute T"));
    assert!(all.contains(
        "{\"counted\":\"participants in the Baghdad demonstrations on Friday, per Sayed Sadiq al-Hashemi\"}"
    ));
    assert!(
        all.lines()
            .any(|l| l.starts_with('A') && l.ends_with(" at-least"))
    );
    assert!(
        all.lines()
            .any(|l| l.starts_with('A') && l.ends_with(" people"))
    );
}

/// Values no brat token can hold.
fn awkward() -> Vec<String> {
    let mut v: Vec<String> = [
        "participants in the Baghdad demonstrations on Friday, per Sayed Sadiq al-Hashemi",
        "a,b",
        ",",
        "snake_case_value",
        "_",
        "__ _",
        "_leading and trailing_",
        "spaces  doubled",
        " ",
        "  padded  ",
        "",
        "\"double\" and 'single' quotes",
        "\"",
        "back\\slash \\n not a newline",
        "tab\there",
        "\t",
        "line\nbreak",
        "crlf\r\nline",
        "\r",
        "trailing newline\n",
        "مليونية في بغداد",
        "Café, naïve, e\u{301}\u{302}",
        "👍🏽 🇮🇶 👨‍👩‍👧",
        "no\u{a0}break",
        "{\"counted\":\"not me\"}",
        "A1\tspeaker T1 injected",
        "#1\tAnnotatorNotes T1\tnot a note",
        "pipe|and:colon",
        "[section]",
        "<macro>",
        "!abstract",
        "yes",
        "\u{1}\u{1f}control",
        "\u{2028}separator\u{2029}",
        "\u{85}next line\u{b}vertical tab\u{c}form feed\u{1c}",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    v.push("long, ".repeat(5_000));
    v.push("é_".repeat(3_000));
    v
}

#[test]
fn awkward_values_survive_brat_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir_all(src.join("articles")).unwrap();
    let article = src.join("articles/rally.txt");
    std::fs::write(&article, "Rally in Baghdad on Friday, a million marched.\n").unwrap();
    let mut ws = Workspace::create(&src.join("project.ron"), "Awkward");
    assert!(matches!(
        ws.add_article(&article).unwrap(),
        AddOutcome::Added(_)
    ));
    let doc = ws.project.documents[0].id.clone();
    let t = ws.text(&doc).unwrap().clone();
    let values = awkward();
    for (i, v) in values.iter().enumerate() {
        // Spans must differ to be distinct annotations: a different range for each.
        let (start, end) = (i % 20, 21 + i / 20);
        let mut a = Annotation::new(doc.clone(), &t, start, end, "figure", "tester").unwrap();
        a.attrs.unit = Some(v.clone());
        a.attrs.counted = Some(format!("{v}, counted"));
        a.attrs.speaker = Some(v.clone());
        a.attrs.verdict = Some(v.clone());
        a.attrs.value = Some([-0.5, 1e300, 2_500_000.0, 1e-7][i % 4]);
        a.attrs.check_worthy = Some(i % 2 == 0);
        a.attrs.custom.insert("plain".into(), v.clone());
        a.attrs.custom.insert("source type".into(), v.clone());
        a.attrs.custom.insert("snake_key".into(), "safe".into());
        a.attrs.custom.insert("ключ, «quoted»".into(), v.clone());
        if i % 3 == 0 {
            a.note = format!("note {i}: chanted, per Press TV; see p. 2");
        }
        ws.project.annotations.push(a);
    }
    ws.project.normalize();
    let (out, ws2) = through_brat(&ws, dir.path());
    let (before, after) = (carried(&ws), carried(&ws2));
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b, a);
    }
    // Each span's note is still its AnnotatorNotes line, after its carriers.
    let ann = std::fs::read_to_string(out.join(format!("{}.ann", doc.as_str()))).unwrap();
    let notes = ann
        .lines()
        .filter(|l| l.contains("\tAnnotatorNotes T"))
        .count();
    assert_eq!(notes, values.len().div_ceil(3));
    assert!(!ann.contains("\tAnnotatorNotes T1\t{"));
    // One line per annotation even as brat's server splits lines (Python's splitlines).
    assert!(
        !ann.contains([
            '\r', '\u{b}', '\u{c}', '\u{1c}', '\u{85}', '\u{2028}', '\u{2029}'
        ]),
        "a line break brat would see inside a line"
    );
}

#[test]
fn files_of_earlier_versions_import_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let brat = dir.path().join("brat");
    std::fs::create_dir(&brat).unwrap();
    std::fs::write(brat.join("a.txt"), "Rally in Baghdad").unwrap();
    std::fs::write(
        brat.join("a.ann"),
        "T1\tquote 0 5\tRally\n\
         A1\tspeaker T1 Sayed_Sadiq_al-Hashemi\n\
         A2\tcustom.source_type T1 wire_copy\n\
         A3\tcheck_worthy T1 yes\n\
         A4\tprecision T1 at-least\n\
         #1\tAnnotatorNotes T1\tchanted, per Press TV\n",
    )
    .unwrap();
    let dst = dir.path().join("dst");
    std::fs::create_dir_all(&dst).unwrap();
    let mut ws = Workspace::create(&dst.join("project.ron"), "Old");
    dataset::import(&mut ws, Format::Brat, &brat, &ImportOptions::default()).unwrap();
    let a = &ws.project.annotations[0];
    assert_eq!(a.attrs.speaker.as_deref(), Some("Sayed Sadiq al-Hashemi"));
    assert_eq!(
        a.attrs.custom.get("source type").map(String::as_str),
        Some("wire copy")
    );
    assert_eq!(a.attrs.check_worthy, Some(true));
    assert_eq!(a.note, "chanted, per Press TV");
}

#[test]
fn a_bad_carrier_line_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let brat = dir.path().join("brat");
    std::fs::create_dir(&brat).unwrap();
    std::fs::write(brat.join("a.txt"), "Rally in Baghdad").unwrap();
    std::fs::write(
        brat.join("a.ann"),
        "T1\tquote 0 5\tRally\n#1\tSourcemarkAttribute T1\tcounted, per x\n",
    )
    .unwrap();
    let dst = dir.path().join("dst");
    std::fs::create_dir_all(&dst).unwrap();
    let mut ws = Workspace::create(&dst.join("project.ron"), "Bad");
    let e = dataset::import(&mut ws, Format::Brat, &brat, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("a.ann: line 2") && e.contains("JSON object"),
        "{e}"
    );
    assert!(ws.project.annotations.is_empty());
}
