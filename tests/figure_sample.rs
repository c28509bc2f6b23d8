//! The figure parser against the sample project: every figure an annotator tagged in
//! `projects/rally-coverage` reads as the value and precision they typed, and
//! `find_all` over each article finds it again.

use sourcemark::figure;
use sourcemark::model::LabelKind;
use sourcemark::workspace::Workspace;
use std::path::PathBuf;

fn open() -> Workspace {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("projects/rally-coverage/project.ron");
    Workspace::open(&path).unwrap().0
}

#[test]
fn every_sample_figure_parses_as_the_annotator_read_it() {
    let ws = open();
    let labels = &ws.project.labels;
    let mut figures = 0;
    let mut differ = Vec::new();
    for a in &ws.project.annotations {
        if labels.get(&a.label).map(|l| l.kind) != Some(LabelKind::Figure) {
            continue;
        }
        figures += 1;
        let r = figure::parse(&a.text);
        let got = r.as_ref().map(|r| (r.value, Some(r.precision)));
        if got != Some((a.attrs.value, a.attrs.precision)) {
            differ.push(format!(
                "{:?}: typed {:?} {:?}, parsed {r:?}",
                a.text, a.attrs.value, a.attrs.precision
            ));
        }
    }
    assert!(figures >= 15, "only {figures} figures in the sample");
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[test]
fn find_all_finds_every_sample_figure_in_its_article() {
    let ws = open();
    let labels = &ws.project.labels;
    let mut missed = Vec::new();
    for a in &ws.project.annotations {
        if labels.get(&a.label).map(|l| l.kind) != Some(LabelKind::Figure) {
            continue;
        }
        let text = ws.text(&a.doc).expect("sample article is loaded");
        let found = figure::find_all(text.as_str());
        let hit = found.iter().any(|f| {
            f.chars.start < a.end && a.start < f.chars.end && f.reading.value == a.attrs.value
        });
        if !hit {
            missed.push(format!(
                "{:?} at {}..{} in {}",
                a.text, a.start, a.end, a.doc
            ));
        }
    }
    assert!(missed.is_empty(), "not found:\n{}", missed.join("\n"));
}
