//! Comparing sources (issue 15): building the comparison of a cluster of 1,000
//! annotations, one per document, in a project of 1,000 documents, 100,000 annotations
//! and 20,000 links, must take under 5 ms; the candidates for that cluster; and a
//! frame of the window's comparison view showing it (under 2 ms), headless: egui's
//! `Context::run_ui` and tessellation, as eframe would.

mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use sourcemark::compare::{Filter, rows};
use sourcemark::model::{Annotation, Cluster, DocStatus, Document, LabelScheme};
use sourcemark::text::DocText;
use sourcemark::workspace::{Article, Workspace};
use std::hint::black_box;
use std::sync::Arc;
use support::said_by_links;

/// The app's allocator (see `main.rs`), so that these figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const DOCS: usize = 1_000;
const SPANS_PER_DOC: usize = 100;

fn article(n: usize) -> String {
    let mut s = format!("Rally report {n}\n\n");
    let mut k = 0;
    while s.len() < 6_000 {
        s.push_str(&format!(
            "Sayed Sadiq al-Hashemi said more than {k}.5 million took part on Friday. \
             Police said about {k}00,000 came. "
        ));
        k += 1;
    }
    s
}

/// The project, and the cluster of each document's first figure.
fn workspace() -> (Workspace, Cluster) {
    let dir = std::env::temp_dir();
    let mut ws = Workspace::create(&dir.join("compare-bench.ron"), "Bench");
    ws.project.labels = LabelScheme::default();
    let crowd = Cluster::new("Crowd size");
    for n in 0..DOCS {
        let text = DocText::new(article(n));
        let id = format!("doc-{n:04}");
        ws.project.documents.push(Document {
            outlet: format!("Outlet {}", n % 40),
            published: chrono::NaiveDate::from_ymd_opt(2020, 1, 1 + (n % 28) as u32),
            status: DocStatus::Done,
            ..Document::new(id.as_str().into(), format!("articles/{id}.txt"), &text)
        });
        let t = text.as_str();
        let mut spans: Vec<Annotation> = Vec::new();
        let mut from = 0;
        while spans.len() < SPANS_PER_DOC {
            let Some(at) = t[from..].find("more than ") else {
                from = 0;
                continue;
            };
            let b = from + at;
            let end = b + t[b..].find(" took").unwrap();
            let (s, e) = (text.char_of(b), text.char_of(end));
            let label = ["figure", "claim", "quote", "source"][spans.len() % 4];
            let mut a = Annotation::new(id.as_str().into(), &text, s, e, label, "bench").unwrap();
            if spans.is_empty() {
                a.join_cluster(&crowd.id);
            }
            spans.push(a);
            from = end;
        }
        ws.project.annotations.extend(spans);
        ws.articles
            .insert(id.as_str().into(), Article::Loaded(Arc::new(text)));
    }
    ws.project.clusters.push(crowd.clone());
    ws.project.normalize();
    ws.project.links = said_by_links(&ws.project.annotations, SPANS_PER_DOC);
    ws.project.normalize();
    (ws, crowd)
}

fn bench(c: &mut Criterion) {
    let (ws, crowd) = workspace();
    let filter = Filter {
        cluster: Some(crowd.id.clone()),
        label: None,
    };
    assert_eq!(rows(&ws, &filter).len(), DOCS, "one member per document");
    let mut g = c.benchmark_group("compare");
    g.bench_function("cluster_of_1000_rows", |b| {
        b.iter(|| black_box(rows(&ws, black_box(&filter))))
    });
    g.bench_function("cluster_of_1000_candidates", |b| {
        b.iter(|| black_box(sourcemark::cluster::candidates(&ws.project, &crowd.id, 12)))
    });
    // The view: the first frame builds the rows; the next are what a person waits for.
    let session = sourcemark::ui::session::Session::from_workspace(ws, &[]);
    let ctx = eframe::egui::Context::default();
    let mut view = sourcemark::ui::compare_view::CompareView::default();
    view.show_cluster(crowd.id.clone());
    let mut frame = || {
        let input = eframe::egui::RawInput {
            screen_rect: Some(eframe::egui::Rect::from_min_size(
                eframe::egui::Pos2::ZERO,
                eframe::egui::vec2(1400.0, 320.0),
            )),
            ..Default::default()
        };
        let mut out = Vec::new();
        let full = ctx.run_ui(input, |ui| {
            eframe::egui::CentralPanel::default().show(ui, |ui| {
                view.compare_ui(ui, &session, &mut out);
            });
        });
        black_box(ctx.tessellate(full.shapes, full.pixels_per_point));
    };
    for _ in 0..3 {
        frame();
    }
    g.bench_function("view_frame_1000_rows", |b| b.iter(&mut frame));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
