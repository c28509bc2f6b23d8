//! Exports are read back by Python, as their consumers would: `text[start:end]` must be
//! the span text for every span (and every range of a discontinuous one) of the jsonl,
//! doccano, doccano-rel and Label Studio exports, the brat `.ann` files must agree with
//! their `.txt`, and every link must join spans of its file. Needs `python3` (standard
//! library only).

mod common;

use sourcemark::dataset::{self, ExportOptions, Format, Output};
use std::process::Command;

#[test]
fn python_reads_every_span_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::build_linked(&dir.path().join("project"), true);
    let ws = common::open(&path);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let opts = ExportOptions::default();
    let mut total = 0;
    let mut links = Vec::new();
    for (format, name) in [
        (Format::Jsonl, "data.jsonl"),
        (Format::Doccano, "doccano.jsonl"),
        (Format::LabelStudio, "tasks.json"),
        (Format::Brat, "brat"),
        (Format::DoccanoRel, "doccano-rel.jsonl"),
    ] {
        let s = dataset::export(
            &ws,
            format,
            &opts,
            Output::Path(out.join(name)),
            &mut |_, _| {},
        )
        .unwrap();
        assert!(s.annotations > 10, "{format}: {s:?}");
        total = s.annotations;
        if format != Format::Doccano {
            links.push(format!("{format} {}", s.links));
        }
    }
    // The cross-document SameAs is in jsonl only.
    assert_eq!(
        links,
        ["jsonl 5", "label-studio 4", "brat 4", "doccano-rel 4"]
    );
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/python/check_exports.py");
    let run = Command::new("python3")
        .arg(script)
        .arg("--jsonl")
        .arg(out.join("data.jsonl"))
        .arg("--doccano")
        .arg(out.join("doccano.jsonl"))
        .arg("--label-studio")
        .arg(out.join("tasks.json"))
        .arg("--brat")
        .arg(out.join("brat"))
        .arg("--doccano-rel")
        .arg(out.join("doccano-rel.jsonl"))
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run python3 ({e}); this test needs python3 on PATH (standard library only)"
            )
        });
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "python check failed:\n{stdout}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // Every format reported the same number of spans.
    let expected = format!(
        "ok: jsonl {total}, doccano {total}, label-studio {total}, brat {total}, \
         doccano-rel {total} spans checked; links: {}",
        links.join(", ")
    );
    assert_eq!(stdout.trim(), expected);
}

#[test]
fn python_check_catches_a_wrong_offset() {
    // The checker itself must be able to fail: shift one span by a char.
    let dir = tempfile::tempdir().unwrap();
    let path = common::build(&dir.path().join("project"), false);
    let ws = common::open(&path);
    let mut buf = Vec::new();
    dataset::export(
        &ws,
        Format::Jsonl,
        &ExportOptions::default(),
        Output::Writer(&mut buf),
        &mut |_, _| {},
    )
    .unwrap();
    let good = String::from_utf8(buf).unwrap();
    let bad = good.replacen("\"start\":6,", "\"start\":7,", 1);
    assert_ne!(good, bad);
    let file = dir.path().join("bad.jsonl");
    std::fs::write(&file, bad).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/python/check_exports.py");
    let run = Command::new("python3")
        .arg(script)
        .arg("--jsonl")
        .arg(&file)
        .output()
        .expect("python3 is needed for this test");
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("text[7:"));
}

#[test]
fn python_check_catches_a_wrong_range_and_a_link_to_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::build_linked(&dir.path().join("project"), false);
    let ws = common::open(&path);
    let mut buf = Vec::new();
    dataset::export(
        &ws,
        Format::Jsonl,
        &ExportOptions::default(),
        Output::Writer(&mut buf),
        &mut |_, _| {},
    )
    .unwrap();
    let good = String::from_utf8(buf).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/python/check_exports.py");
    let check = |body: &str| {
        let file = dir.path().join("x.jsonl");
        std::fs::write(&file, body).unwrap();
        let run = Command::new("python3")
            .arg(script)
            .arg("--jsonl")
            .arg(&file)
            .output()
            .expect("python3 is needed for this test");
        (
            run.status.success(),
            String::from_utf8_lossy(&run.stderr).into_owned(),
        )
    };
    assert!(check(&good).0);
    // The second range of "Rally … Baghdad 🇮🇶" one char late.
    let doc: serde_json::Value = serde_json::from_str(good.lines().next().unwrap()).unwrap();
    let split = doc["spans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["text"] == "Rally Baghdad 🇮🇶")
        .unwrap();
    let (a, b) = (
        split["more"][0][0].as_u64().unwrap(),
        split["more"][0][1].as_u64().unwrap(),
    );
    let bad = good.replacen(
        &format!("[[{a},{b}]]"),
        &format!("[[{},{}]]", a + 1, b + 1),
        1,
    );
    assert_ne!(bad, good);
    let (ok, err) = check(&bad);
    assert!(
        !ok && err.contains(&format!("text[{}:{}]", a + 1, b + 1)),
        "{err}"
    );
    // A link whose end is no span of the file.
    let to = ws.project.links[0].to.as_str();
    let bad = good.replacen(&format!("\"to\":\"{to}\""), "\"to\":\"nowhere\"", 1);
    assert_ne!(bad, good);
    let (ok, err) = check(&bad);
    assert!(
        !ok && err.contains("to 'nowhere' is no span of the file"),
        "{err}"
    );
}
