//! Export and import speed: 1,000 documents, 100,000 annotations.
//!
//! Targets (issue 4): jsonl export under 0.3 s, import back under 0.5 s. Issue 11: the
//! w3c export in about the time of the jsonl one. Issue 14: a project without links
//! exports and imports as fast as before links travelled; one with 20,000 links is
//! measured too.

mod support;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use sourcemark::dataset::{self, ExportOptions, Format, ImportOptions, Output};
use sourcemark::model::{Annotation, DocStatus, Document, LabelScheme};
use sourcemark::text::DocText;
use sourcemark::workspace::{Article, Workspace};
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use support::said_by_links;

/// The app's allocator (see `main.rs`), so that these figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const DOCS: usize = 1_000;
const SPANS_PER_DOC: usize = 100;

/// About 6,000 chars of news-like text with curly quotes, no-break spaces and an emoji.
fn article(n: usize) -> String {
    let mut s = format!("Rally report {n}\n\n");
    let mut k = 0;
    while s.len() < 6_000 {
        s.push_str(&format!(
            "Sayed Sadiq al-Hashemi said more than {k}.5\u{a0}million took part on Friday, \
             chanting “Get out, get out occupier!” 👍 in the Jadiriyah district. "
        ));
        if k % 4 == 3 {
            s.push_str("\n\n");
        }
        k += 1;
    }
    s
}

/// A workspace in `dir` with the documents loaded and annotations on each.
fn workspace(dir: &Path, with_spans: bool) -> Workspace {
    let mut ws = Workspace::create(&dir.join("bench.ron"), "Bench");
    let labels = ["claim", "quote", "figure"];
    ws.project.labels = LabelScheme::default();
    for n in 0..DOCS {
        let text = DocText::new(article(n));
        let id = format!("doc-{n:04}");
        ws.project.documents.push(Document {
            title: format!("Rally report {n}"),
            outlet: "Bench Press".into(),
            url: format!("https://example.org/{n}"),
            language: "en".into(),
            status: DocStatus::Done,
            ..Document::new(id.as_str().into(), format!("articles/{id}.txt"), &text)
        });
        if with_spans {
            let step = text.char_len() / (SPANS_PER_DOC + 1);
            for k in 0..SPANS_PER_DOC {
                let start = k * step;
                let a = Annotation::new(
                    id.as_str().into(),
                    &text,
                    start,
                    start + 5 + k % 40,
                    labels[k % 3],
                    "bench",
                )
                .unwrap();
                ws.project.annotations.push(a);
            }
        }
        ws.articles
            .insert(id.as_str().into(), Article::Loaded(Arc::new(text)));
    }
    ws.project.normalize();
    ws
}

/// 20 links per document (20,000 in all): each of its first 20 spans `SaidBy` the next.
fn with_links(mut ws: Workspace) -> Workspace {
    ws.project.links = said_by_links(&ws.project.annotations, SPANS_PER_DOC);
    ws.project.normalize();
    ws
}

fn export_jsonl(ws: &Workspace) -> Vec<u8> {
    export_as(ws, Format::Jsonl)
}

fn export_as(ws: &Workspace, format: Format) -> Vec<u8> {
    let mut buf = Vec::new();
    dataset::export(
        ws,
        format,
        &ExportOptions::default(),
        Output::Writer(&mut buf),
        &mut |_, _| {},
    )
    .unwrap();
    buf
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path(), true);
    assert_eq!(ws.project.annotations.len(), DOCS * SPANS_PER_DOC);
    c.bench_function("export jsonl, 1k docs, 100k annotations", |b| {
        b.iter(|| black_box(export_jsonl(&ws)))
    });
    // Written as they go (issue 11): w3c in about the time of jsonl.
    c.bench_function("export w3c, 1k docs, 100k annotations", |b| {
        b.iter(|| black_box(export_as(&ws, Format::W3c)))
    });
    c.bench_function("export conll, 1k docs, 100k annotations", |b| {
        b.iter(|| black_box(export_as(&ws, Format::Conll)))
    });
    let data = export_jsonl(&ws);
    let input = dir.path().join("data.jsonl");
    std::fs::write(&input, &data).unwrap();

    let linked = with_links(ws.clone());
    assert_eq!(linked.project.links.len(), DOCS * 20);
    c.bench_function("export jsonl, 100k annotations, 20k links", |b| {
        b.iter(|| black_box(export_jsonl(&linked)))
    });
    c.bench_function("export label-studio, 100k annotations, 20k links", |b| {
        b.iter(|| black_box(export_as(&linked, Format::LabelStudio)))
    });
    let linked_input = dir.path().join("linked.jsonl");
    std::fs::write(&linked_input, export_jsonl(&linked)).unwrap();

    // Back into a project that has the articles but no annotations: every record
    // attaches to its document by hash.
    let bare = workspace(dir.path(), false);
    c.bench_function("import jsonl, 100k annotations onto known documents", |b| {
        b.iter_batched(
            || bare.clone(),
            |mut w| {
                let r = dataset::import(&mut w, Format::Jsonl, &input, &ImportOptions::default())
                    .unwrap();
                assert_eq!(r.annotations_added, DOCS * SPANS_PER_DOC);
                w
            },
            BatchSize::LargeInput,
        )
    });

    c.bench_function(
        "import jsonl, 100k annotations, 20k links, known documents",
        |b| {
            b.iter_batched(
                || bare.clone(),
                |mut w| {
                    let r = dataset::import(
                        &mut w,
                        Format::Jsonl,
                        &linked_input,
                        &ImportOptions::default(),
                    )
                    .unwrap();
                    assert_eq!(r.links_added, DOCS * 20);
                    w
                },
                BatchSize::LargeInput,
            )
        },
    );

    // Into an empty project: 1,000 new article files are written too.
    c.bench_function("import jsonl, 100k annotations, 1k new articles", |b| {
        b.iter_batched(
            || {
                let d = tempfile::tempdir().unwrap();
                let w = Workspace::create(&d.path().join("p.ron"), "Empty");
                (d, w)
            },
            |(d, mut w)| {
                let r = dataset::import(&mut w, Format::Jsonl, &input, &ImportOptions::default())
                    .unwrap();
                assert_eq!(r.new_documents.len(), DOCS);
                (d, w)
            },
            BatchSize::PerIteration,
        )
    });
}

criterion_group! {
    name = export_benches;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(export_benches);
