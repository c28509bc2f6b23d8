//! The speed budget of issue 2 on a generated project of 1,000 documents (a few KB of
//! text each) and 100,000 annotations: load < 0.5 s, save < 0.3 s, check < 1 s.

mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use sourcemark::model::{Annotation, DocId, Document, Project};
use sourcemark::text::DocText;
use sourcemark::{check, store, workspace::Workspace};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;
use support::article;

/// The app's allocator (see `main.rs`), so that these figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const DOCUMENTS: usize = 1_000;
const ANNOTATIONS: usize = 100_000;

/// Writes the articles and the project file into `dir`; returns the project path.
fn generate(dir: &Path) -> (PathBuf, Project) {
    let mut rng = fastrand::Rng::with_seed(7);
    let mut p = Project::new("bench");
    let labels = ["claim", "quote", "figure"];
    let per_doc = ANNOTATIONS / DOCUMENTS;
    for n in 0..DOCUMENTS {
        let text = article(n, &mut rng);
        let name = format!("article-{n:04}.txt");
        std::fs::write(dir.join(&name), &text).expect("write article");
        let t = DocText::new(text);
        let id = DocId(format!("article-{n:04}"));
        for _ in 0..per_doc {
            let start = rng.usize(..t.char_len() - 60);
            let end = start + rng.usize(5..60);
            let mut a =
                Annotation::new(id.clone(), &t, start, end, labels[rng.usize(..3)], "bench")
                    .expect("span in range");
            a.id = sourcemark::model::AnnotationId(format!("{:012x}", rng.u64(..1 << 48)));
            p.annotations.push(a);
        }
        p.documents.push(Document {
            title: format!("Article {n}"),
            outlet: "Outlet".into(),
            language: "en".into(),
            ..Document::new(id, name, &t)
        });
    }
    p.normalize();
    let path = dir.join("project.ron");
    store::save(&path, &p).expect("save project");
    (path, p)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (path, project) = generate(dir.path());
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "project file: {:.1} MB, {} documents, {} annotations",
        size as f64 / 1e6,
        project.documents.len(),
        project.annotations.len()
    );
    assert!(check::check(&path).expect("check").is_clean());

    let mut g = c.benchmark_group("store");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("load (store::load)", |b| {
        b.iter(|| black_box(store::load(&path).expect("load")))
    });
    // The same on one thread: the ratio says what the parallel reader gains here.
    let text = std::fs::read_to_string(&path).expect("read project");
    g.bench_function("from_ron, one thread", |b| {
        b.iter(|| black_box(store::from_ron_on(&path, &text, 1, 0).expect("parse")))
    });
    g.bench_function("from_ron, all cores", |b| {
        b.iter(|| black_box(store::from_ron(&path, &text).expect("parse")))
    });
    g.bench_function("open (Workspace::open)", |b| {
        b.iter(|| black_box(Workspace::open(&path).expect("open")))
    });
    g.bench_function("to_ron", |b| {
        b.iter(|| black_box(store::to_ron(&project).expect("to_ron")))
    });
    // Figures and quotes carry attributes, and their lines go through ron rather than
    // the fast annotation writer: the worst case for the store's string escaping.
    let mut with_attrs = project.clone();
    for (i, a) in with_attrs.annotations.iter_mut().enumerate() {
        a.attrs.speaker = Some(format!("Sayed Sadiq al-Hashemi {i}"));
        a.attrs.counted = Some("participants in the “million-man” march".into());
        a.attrs.value = Some(2_500_000.0 + i as f64);
    }
    g.bench_function("to_ron, every annotation with attributes", |b| {
        b.iter(|| black_box(store::to_ron(&with_attrs).expect("to_ron")))
    });
    g.bench_function("to_ron, one thread", |b| {
        b.iter(|| black_box(store::to_ron_on(&project, 1, 0).expect("to_ron")))
    });
    // What the fast paths gain: the same bytes from ron alone.
    g.bench_function("to_ron by ron alone", |b| {
        b.iter(|| black_box(store::to_ron_by_ron_alone(&project).expect("ron")))
    });
    let out = dir.path().join("saved.ron");
    g.bench_function("save (store::save)", |b| {
        b.iter(|| store::save(&out, &project).expect("save"))
    });
    // The window's save: the lock, the look at the file it replaces and the hash of
    // what it wrote, on top of the save above.
    let mut identity = store::FileIdentity::of(&out).expect("identity");
    g.bench_function("save_checked (the window's save)", |b| {
        b.iter(|| {
            let lock = store::ProjectLock::acquire(&out).expect("lock");
            identity = store::save_checked(&lock, &project, Some(&identity)).expect("save");
        })
    });
    g.bench_function("lock and unlock", |b| {
        b.iter(|| drop(store::ProjectLock::acquire(&out).expect("lock")))
    });
    g.bench_function("check (load + articles + spans)", |b| {
        b.iter(|| black_box(check::check(&path).expect("check")))
    });
    g.bench_function("check_project (articles + spans)", |b| {
        b.iter(|| black_box(check::check_project(&path, &project)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
