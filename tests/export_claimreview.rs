//! The `claimreview` export: schema.org ClaimReview JSON-LD, one review per claim that
//! has a verdict, as fact-checkers publish them. Read back as JSON (and, where pyld is
//! installed, expanded as JSON-LD), from the library, the command line and the window.

mod common;
mod ui_support;

use serde_json::Value;
use sourcemark::dataset::{self, ExportOptions, ExportSummary, Format, Output};
use sourcemark::model::{Annotation, DocStatus, LabelKind};
use sourcemark::workspace::Workspace;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/rally-coverage/project.ron")
}

fn export(ws: &Workspace, opts: &ExportOptions) -> (String, Vec<Value>, ExportSummary) {
    let mut buf = Vec::new();
    let s = dataset::export(
        ws,
        Format::Claimreview,
        opts,
        Output::Writer(&mut buf),
        &mut |_, _| {},
    )
    .unwrap();
    let out = String::from_utf8(buf).unwrap();
    let reviews: Vec<Value> = serde_json::from_str(&out)
        .unwrap_or_else(|e| panic!("the export is not valid JSON ({e}):\n{out}"));
    (out, reviews, s)
}

fn is_claim(ws: &Workspace, a: &Annotation) -> bool {
    ws.project.labels.get(&a.label).map(|l| l.kind) == Some(LabelKind::Claim)
}

fn verdict(a: &Annotation) -> Option<&str> {
    a.attrs.verdict.as_deref().filter(|v| !v.trim().is_empty())
}

/// Every `""` and every key that is not schema.org's (`sourcemark:…`), with its path.
fn empties_and_foreign_keys(v: &Value, at: &str, found: &mut Vec<String>) {
    match v {
        Value::String(s) if s.is_empty() => found.push(format!("{at} is empty")),
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                empties_and_foreign_keys(x, &format!("{at}[{i}]"), found);
            }
        }
        Value::Object(map) => {
            for (k, x) in map {
                if k.contains(':') {
                    found.push(format!("{at}.{k} is not a schema.org property"));
                }
                empties_and_foreign_keys(x, &format!("{at}.{k}"), found);
            }
        }
        _ => {}
    }
}

#[test]
fn the_samples_claims_with_a_verdict_become_reviews_with_every_field() {
    let (ws, notices) = Workspace::open(&sample_path()).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    let (_, reviews, s) = export(&ws, &ExportOptions::default());
    let p = &ws.project;
    // Export order: documents by id, spans by start.
    let mut expected: Vec<&Annotation> = Vec::new();
    let mut unreviewed = 0;
    for d in &p.documents {
        let mut claims: Vec<&Annotation> = p
            .annotations_of(&d.id)
            .iter()
            .filter(|a| is_claim(&ws, a))
            .collect();
        claims.sort_by_key(|a| (a.start, a.end, a.id.clone()));
        for a in claims {
            if verdict(a).is_some() {
                expected.push(a);
            } else {
                unreviewed += 1;
            }
        }
    }
    assert!(expected.len() >= 10, "the sample has reviewed claims");
    assert!(unreviewed > 0, "and claims not reviewed yet");
    let ids: Vec<&str> = reviews
        .iter()
        .map(|r| r["identifier"].as_str().unwrap())
        .collect();
    let want: Vec<&str> = expected.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, want);
    assert_eq!(s.annotations, expected.len());
    assert_eq!(s.unreviewed_claims, unreviewed);
    assert!(
        s.warnings
            .contains(&format!("{unreviewed} claim(s) without a verdict left out")),
        "{:?}",
        s.warnings
    );
    // The sample's links join quotes, figures and claims to sources: none is a review's
    // business, and none is reported as lost.
    assert_eq!((s.links, s.skipped_links), (0, 0));

    // Google's 1–5 example scale.
    let scale = BTreeMap::from([
        ("true", 5),
        ("mostly true", 4),
        ("partly true", 3),
        ("false", 1),
    ]);
    let mut seen = BTreeMap::new();
    for (r, a) in reviews.iter().zip(&expected) {
        let d = p.document(&a.doc).unwrap();
        let at = a.id.as_str();
        assert_eq!(r["@context"], "https://schema.org", "{at}");
        assert_eq!(r["@type"], "ClaimReview", "{at}");
        assert_eq!(r["claimReviewed"], a.text.as_str(), "{at}");
        let item = &r["itemReviewed"];
        assert_eq!(item["@type"], "Claim", "{at}");
        assert_eq!(item["author"]["@type"], "Organization", "{at}");
        assert_eq!(item["author"]["name"], d.outlet.as_str(), "{at}");
        let published = d.published.unwrap().to_string();
        assert_eq!(item["datePublished"], published.as_str(), "{at}");
        let appearance = item["appearance"].as_array().unwrap();
        assert_eq!(appearance.len(), 1, "{at}");
        let work = &appearance[0];
        assert_eq!(work["@type"], "CreativeWork", "{at}");
        assert_eq!(work["headline"], d.title.as_str(), "{at}");
        assert_eq!(work["datePublished"], published.as_str(), "{at}");
        if d.url.is_empty() {
            assert!(work.get("url").is_none(), "{at}: {work}");
        } else {
            assert_eq!(work["url"], d.url.as_str(), "{at}");
        }
        let rating = &r["reviewRating"];
        let v = verdict(a).unwrap();
        assert_eq!(rating["@type"], "Rating", "{at}");
        assert_eq!(rating["alternateName"], v, "{at}");
        if let Some(&value) = scale.get(v) {
            assert_eq!(rating["ratingValue"], value, "{at}: {v}");
            assert_eq!(rating["bestRating"], 5, "{at}");
            assert_eq!(rating["worstRating"], 1, "{at}");
            *seen.entry(v).or_insert(0) += 1;
        }
        assert_eq!(r["author"]["@type"], "Person", "{at}");
        assert_eq!(r["author"]["name"], a.annotator.as_str(), "{at}");
        let modified = a.modified.format("%Y-%m-%d").to_string();
        assert_eq!(r["datePublished"], modified.as_str(), "{at}");
        if a.note.is_empty() {
            assert!(r.get("reviewBody").is_none(), "{at}");
        } else {
            assert_eq!(r["reviewBody"], a.note.as_str(), "{at}");
        }
        assert!(
            r.get("url").is_none(),
            "{at}: no fact-check page to point to"
        );
        let mut found = Vec::new();
        empties_and_foreign_keys(r, at, &mut found);
        assert!(found.is_empty(), "{found:?}");
    }
    assert_eq!(
        seen.keys().copied().collect::<Vec<_>>(),
        ["false", "mostly true", "partly true", "true"],
        "every step of the scale the sample uses was checked"
    );
}

#[test]
fn status_and_label_filters_choose_the_reviews() {
    let (ws, _) = Workspace::open(&sample_path()).unwrap();
    let done = ExportOptions {
        status: Some(DocStatus::Done),
        ..Default::default()
    };
    let (_, all, _) = export(&ws, &ExportOptions::default());
    let (_, reviews, s) = export(&ws, &done);
    let done_docs: Vec<&str> = ws
        .project
        .documents
        .iter()
        .filter(|d| d.status == DocStatus::Done)
        .map(|d| d.id.as_str())
        .collect();
    let of_done: Vec<&Value> = all
        .iter()
        .filter(|r| {
            let id = r["identifier"].as_str().unwrap();
            let a = ws.project.annotations.iter().find(|a| a.id.as_str() == id);
            done_docs.contains(&a.unwrap().doc.as_str())
        })
        .collect();
    assert!(!of_done.is_empty() && of_done.len() < all.len());
    assert_eq!(reviews.iter().collect::<Vec<_>>(), of_done);
    assert_eq!(s.documents, done_docs.len());

    // Only quotes: no claim, so nothing to review and nothing left out.
    let quotes = ExportOptions {
        labels: Some(vec!["quote".into()]),
        ..Default::default()
    };
    let (out, reviews, s) = export(&ws, &quotes);
    assert_eq!(out, "[]\n");
    assert!(reviews.is_empty());
    assert_eq!((s.annotations, s.unreviewed_claims), (0, 0));
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
}

/// The tricky article (emoji, Arabic, combining marks) with no metadata, its claims
/// given verdicts, one in Arabic; a quote with a verdict, which is no claim.
fn tricky_reviewed(dir: &Path) -> Workspace {
    let path = common::build(dir, false);
    let mut ws = common::open(&path);
    let t = ws.text(&"tricky".into()).unwrap().clone();
    let (s, e) = common::find(&t, "مليونية في بغداد");
    let mut arabic = Annotation::new("tricky".into(), &t, s, e, "claim", "مدقق 🕵️").unwrap();
    arabic.attrs.verdict = Some("مضلل".into());
    arabic.note = "لا دليل على «مليونية» 📷".into();
    ws.project.annotations.push(arabic);
    for a in &mut ws.project.annotations {
        let text = t.slice(a.range()).to_owned();
        match (a.label.as_str(), text.as_str()) {
            ("claim", "Cafe\u{301} owners counted 2.5") => {
                a.attrs.verdict = Some("Mostly-False".into());
                a.annotator = String::new();
            }
            ("claim", "Rally") => a.attrs.verdict = Some("pants on fire".into()),
            ("claim", t) if t.starts_with("👨‍👩‍👧") => {
                a.attrs.verdict = Some("unproven".into());
                a.note = "needs a source 🙏".into();
            }
            ("claim", "tab\there") => a.attrs.verdict = Some("  ".into()),
            ("quote", "«اخرج يا محتل»") => a.attrs.verdict = Some("false".into()),
            _ => {}
        }
    }
    let d = &mut ws.project.documents[0];
    (d.title, d.outlet, d.url, d.published) = (String::new(), String::new(), String::new(), None);
    ws.project.normalize();
    ws
}

fn by_text<'a>(reviews: &'a [Value], text: &str) -> &'a Value {
    reviews
        .iter()
        .find(|r| r["claimReviewed"] == text)
        .unwrap_or_else(|| panic!("no review of {text:?} in {reviews:#?}"))
}

#[test]
fn empty_metadata_leaves_its_fields_out_and_other_kinds_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = tricky_reviewed(dir.path());
    let claims = ws
        .project
        .annotations
        .iter()
        .filter(|a| is_claim(&ws, a))
        .count();
    let (_, reviews, s) = export(&ws, &ExportOptions::default());
    // Four claims with a verdict; a blank verdict is none; the quote's is not a claim's.
    assert_eq!(reviews.len(), 4, "{reviews:#?}");
    assert_eq!(s.annotations, 4);
    assert_eq!(s.unreviewed_claims, claims - 4);
    assert!(
        !reviews
            .iter()
            .any(|r| r["claimReviewed"] == "«اخرج يا محتل»")
    );
    for r in &reviews {
        // No url, title, date or outlet: the claim is only its type.
        assert_eq!(
            r["itemReviewed"],
            serde_json::json!({"@type": "Claim"}),
            "{r}"
        );
        let mut found = Vec::new();
        empties_and_foreign_keys(r, "review", &mut found);
        assert!(found.is_empty(), "{found:?}");
    }
    let cafe = by_text(&reviews, "Cafe\u{301} owners counted 2.5");
    assert!(
        cafe.get("author").is_none(),
        "no annotator, no author: {cafe}"
    );
    assert!(cafe.get("reviewBody").is_none());
    assert_eq!(
        cafe["reviewRating"],
        serde_json::json!({"@type": "Rating", "alternateName": "Mostly-False",
            "ratingValue": 2, "bestRating": 5, "worstRating": 1})
    );
    // A verdict off the scale keeps its words only.
    let families = by_text(&reviews, "👨‍👩‍👧 families.\n\nMore");
    assert_eq!(
        families["reviewRating"],
        serde_json::json!({"@type": "Rating", "alternateName": "unproven"})
    );
    assert_eq!(families["reviewBody"], "needs a source 🙏");
    // A claim over two ranges is reviewed as their texts joined by a space.
    let rally = by_text(&reviews, "Rally Baghdad 🇮🇶");
    assert_eq!(rally["reviewRating"]["ratingValue"], 1);

    // With a title only, the appearance is the headline alone; with the rest, all of it.
    ws.project.documents[0].title = "عنوان 🇮🇶".into();
    let (_, reviews, _) = export(&ws, &ExportOptions::default());
    assert_eq!(
        reviews[0]["itemReviewed"],
        serde_json::json!({"@type": "Claim", "appearance": [
            {"@type": "CreativeWork", "headline": "عنوان 🇮🇶"}]})
    );
    let d = &mut ws.project.documents[0];
    d.outlet = "Radio Habana Cuba".into();
    d.url = "https://example.org/a?x=1&y=é".into();
    d.published = chrono::NaiveDate::from_ymd_opt(2020, 1, 24);
    let (_, reviews, _) = export(&ws, &ExportOptions::default());
    assert_eq!(
        reviews[0]["itemReviewed"],
        serde_json::json!({"@type": "Claim",
            "appearance": [{"@type": "CreativeWork", "url": "https://example.org/a?x=1&y=é",
                "headline": "عنوان 🇮🇶", "datePublished": "2020-01-24"}],
            "author": {"@type": "Organization", "name": "Radio Habana Cuba"},
            "datePublished": "2020-01-24"})
    );
}

#[test]
fn arabic_and_emoji_survive_unescaped() {
    let dir = tempfile::tempdir().unwrap();
    let ws = tricky_reviewed(dir.path());
    let (out, reviews, _) = export(&ws, &ExportOptions::default());
    let arabic = by_text(&reviews, "مليونية في بغداد");
    assert_eq!(arabic["reviewRating"]["alternateName"], "مضلل");
    assert!(arabic["reviewRating"].get("ratingValue").is_none());
    assert_eq!(arabic["author"]["name"], "مدقق 🕵️");
    assert_eq!(arabic["reviewBody"], "لا دليل على «مليونية» 📷");
    // Written as UTF-8, as a page's script tag holds it, not as \u escapes.
    for s in ["مليونية في بغداد", "مدقق 🕵️", "👨‍👩‍👧", "Cafe\u{301}", "🇮🇶"]
    {
        assert!(out.contains(s), "{s:?} not in the output as written");
    }
    assert!(!out.contains("\\u"), "escaped: {out}");
}

/// The Python that has pyld: `$SOURCEMARK_PYTHON` (set by `.ci/run`, and then it must
/// have pyld), else `python3` if it has it; `None` (and a message) when there is none.
fn python_with_pyld() -> Option<String> {
    let (python, required) = match std::env::var("SOURCEMARK_PYTHON") {
        Ok(p) if !p.is_empty() => (p, true),
        _ => ("python3".to_owned(), false),
    };
    let ok = Command::new(&python)
        .args(["-c", "import pyld"])
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        return Some(python);
    }
    assert!(
        !required,
        "SOURCEMARK_PYTHON={python} cannot import pyld (pip install pyld)"
    );
    eprintln!(
        "skipped: the JSON-LD check needs python3 with pyld (pip install pyld), and \
         {python} has none; set SOURCEMARK_PYTHON to a Python that has it"
    );
    None
}

#[test]
fn pyld_expands_the_export_into_schema_org_claim_reviews() {
    let Some(python) = python_with_pyld() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/python/check_claimreview.py"
    );
    let (ws, _) = Workspace::open(&sample_path()).unwrap();
    let tricky = tricky_reviewed(&dir.path().join("tricky"));
    for (name, ws) in [("sample", &ws), ("tricky", &tricky)] {
        let file = dir.path().join(format!("{name}.jsonld"));
        let s = dataset::export(
            ws,
            Format::Claimreview,
            &ExportOptions::default(),
            Output::Path(file.clone()),
            &mut |_, _| {},
        )
        .unwrap();
        let run = Command::new(&python)
            .arg(script)
            .arg(&file)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&run.stdout);
        assert!(
            run.status.success(),
            "{name}: pyld check failed:\n{stdout}{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert_eq!(
            stdout.trim(),
            format!("ok: {} ClaimReview(s) expanded", s.annotations),
            "{name}"
        );
    }
}

#[test]
fn the_command_line_exports_claimreview() {
    let sample = sample_path();
    let out = assert_cmd::Command::cargo_bin("sourcemark")
        .unwrap()
        .args([
            "export",
            sample.to_str().unwrap(),
            "--format",
            "claimreview",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let reviews: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let (ws, _) = Workspace::open(&sample).unwrap();
    let (_, lib, s) = export(&ws, &ExportOptions::default());
    assert_eq!(reviews, lib);
    assert!(
        stderr.contains(&format!(
            "warning: {} claim(s) without a verdict left out",
            s.unreviewed_claims
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "exported 5 document(s), {} annotation(s) as claimreview to stdout",
            reviews.len()
        )),
        "{stderr}"
    );
    // An unknown format names it among the choices.
    let bad = assert_cmd::Command::cargo_bin("sourcemark")
        .unwrap()
        .args([
            "export",
            sample.to_str().unwrap(),
            "--format",
            "claim-review",
        ])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("conll, claimreview"));
}

#[test]
fn the_export_dialog_offers_claimreview_and_writes_it() {
    use egui_kittest::kittest::Queryable;
    let (p, mut h) = ui_support::open_sample();
    h.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::E);
    h.run();
    assert!(h.state().export.is_open());
    h.get_by_label("Format").click();
    h.run();
    h.get_by_label("ClaimReview (schema.org JSON-LD)").click();
    h.run();
    assert_eq!(h.state().export.format(), Format::Claimreview);
    // The default file follows the format.
    let target = h
        .get_by(|n| n.data().placeholder() == Some("where to write"))
        .value()
        .unwrap_or_default();
    assert!(target.ends_with("project.jsonld"), "{target}");
    h.get_by(|n| {
        n.role() == eframe::egui::accesskit::Role::Button && n.label().as_deref() == Some("Export")
    })
    .click();
    for _ in 0..500 {
        h.step();
        if !h.state().export.is_running() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run();
    let written = std::fs::read_to_string(p.path.with_extension("jsonld")).unwrap();
    let reviews: Vec<Value> = serde_json::from_str(&written).unwrap();
    assert!(!reviews.is_empty());
    h.get_by_label(&format!(
        "Exported 5 document(s) and {} annotation(s).",
        reviews.len()
    ));
    h.get_by_label_contains("claim(s) without a verdict left out");
}
