//! The speed budgets of issue 16, on generated projects of 1,000 documents and 100,000
//! annotations each: `agree` on two such projects under 1 s, and git's merge driver
//! (`merge::merge_files`: three files read, merged and the result written) under 1 s.
//!
//! Measured on 2 cores shared with other builds (load average about 2): agree on two
//! files 0.60 s (0.20 s of it in memory, the rest the two loads), the merge driver
//! 0.93 s (0.17 s of it the merge; the rest three loads and a save). Most of a load is
//! the kernel zeroing fresh pages for 100,000 annotations' strings.

mod support;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use sourcemark::agree::{self, shared};
use sourcemark::model::{Annotation, AnnotationId, DocId, DocStatus, Document, Project};
use sourcemark::text::DocText;
use sourcemark::{merge, store};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;
use support::article;

/// The app's allocator (see `main.rs`), so that these figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const DOCUMENTS: usize = 1_000;
const ANNOTATIONS: usize = 100_000;
const LABELS: [&str; 3] = ["claim", "quote", "figure"];

fn random_id(rng: &mut fastrand::Rng) -> AnnotationId {
    AnnotationId(format!("{:012x}", rng.u64(..1 << 48)))
}

/// The project of annotator "a", and the texts its offsets count in.
fn generate() -> (Project, Vec<DocText>) {
    let mut rng = fastrand::Rng::with_seed(16);
    let mut p = Project::new("bench");
    let mut texts = Vec::with_capacity(DOCUMENTS);
    for n in 0..DOCUMENTS {
        let t = DocText::new(article(n, &mut rng));
        let id = DocId(format!("article-{n:04}"));
        for _ in 0..ANNOTATIONS / DOCUMENTS {
            let start = rng.usize(..t.char_len() - 60);
            let end = start + rng.usize(5..60);
            let label = LABELS[rng.usize(..3)];
            let mut a = Annotation::new(id.clone(), &t, start, end, label, "a").expect("span");
            a.id = random_id(&mut rng);
            p.annotations.push(a);
        }
        p.documents.push(Document {
            title: format!("Article {n}"),
            ..Document::new(id, format!("article-{n:04}.txt"), &t)
        });
        texts.push(t);
    }
    p.normalize();
    (p, texts)
}

/// A second annotator's project on the same documents: most spans the same, some moved,
/// relabelled, dropped or new, all under their own ids.
fn second_annotator(a: &Project, texts: &[DocText]) -> Project {
    let mut rng = fastrand::Rng::with_seed(61);
    let mut b = a.clone();
    b.annotations.clear();
    for x in &a.annotations {
        let t = &texts[a.document_index(&x.doc).expect("document")];
        let roll = rng.usize(..10);
        if roll == 0 {
            continue;
        }
        let (mut start, mut end, mut label) = (x.start, x.end, x.label.as_str());
        if roll == 1 {
            start = start.saturating_sub(rng.usize(..4));
            end = (end + rng.usize(..4)).min(t.char_len());
        }
        if roll == 2 {
            label = LABELS[rng.usize(..3)];
        }
        let mut y = Annotation::new(x.doc.clone(), t, start, end, label, "b").expect("span");
        y.id = random_id(&mut rng);
        b.annotations.push(y);
    }
    b.normalize();
    b
}

/// Two branches of `base`: each adds 1,000 spans and changes 1,000 of the others, and
/// one marks documents done and deletes some spans; disjoint, so the merge is clean.
fn branches(base: &Project, texts: &[DocText]) -> (Project, Project) {
    let mut rng = fastrand::Rng::with_seed(3);
    let mut ours = base.clone();
    let mut theirs = base.clone();
    for (i, side) in [&mut ours, &mut theirs].into_iter().enumerate() {
        for k in 0..1_000 {
            let d = rng.usize(..DOCUMENTS);
            let t = &texts[d];
            let start = rng.usize(..t.char_len() - 60);
            let mut a = Annotation::new(
                base.documents[d].id.clone(),
                t,
                start,
                start + 20,
                "claim",
                if i == 0 { "ours" } else { "theirs" },
            )
            .expect("span");
            a.id = random_id(&mut rng);
            side.annotations.push(a);
            // Ours notes the even spans, theirs the odd ones.
            side.annotations[2 * k * 40 + i].note = format!("checked by {i}");
        }
    }
    for d in theirs.documents.iter_mut().step_by(7) {
        d.status = DocStatus::Done;
    }
    // Theirs deletes spans neither side noted.
    let gone: std::collections::HashSet<AnnotationId> = (40..ANNOTATIONS)
        .step_by(80)
        .map(|i| base.annotations[i].id.clone())
        .collect();
    theirs.annotations.retain(|a| !gone.contains(&a.id));
    ours.normalize();
    theirs.normalize();
    (ours, theirs)
}

fn write(dir: &Path, name: &str, p: &Project) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, store::to_ron(p).expect("written")).expect("saved");
    path
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, texts) = generate();
    let b = second_annotator(&a, &texts);
    let (pa, pb) = (
        write(dir.path(), "a.ron", &a),
        write(dir.path(), "b.ron", &b),
    );
    eprintln!(
        "projects: {} documents, {} and {} annotations, {:.1} MB each",
        a.documents.len(),
        a.annotations.len(),
        b.annotations.len(),
        std::fs::metadata(&pa).map(|m| m.len()).unwrap_or(0) as f64 / 1e6
    );
    let labels: Vec<String> = LABELS.iter().map(|l| l.to_string()).collect();

    let mut g = c.benchmark_group("team");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    // What `sourcemark agree a.ron b.ron` does: both files read, the study built,
    // every figure measured.
    g.bench_function("agree, two files (load + study + measure)", |bench| {
        bench.iter(|| {
            let (x, y) = std::thread::scope(|s| {
                let y = s.spawn(|| store::load(&pb).expect("load"));
                (store::load(&pa).expect("load"), y.join().expect("loaded"))
            });
            let s = shared::from_projects(&[("a".into(), &x), ("b".into(), &y)]);
            black_box(agree::measure(&s.study, &labels))
        })
    });
    g.bench_function("agree, in memory (study + measure)", |bench| {
        bench.iter(|| {
            let s = shared::from_projects(&[("a".into(), &a), ("b".into(), &b)]);
            black_box(agree::measure(&s.study, &labels))
        })
    });

    let (ours, theirs) = branches(&a, &texts);
    let base = pa.clone();
    let their_file = write(dir.path(), "theirs.ron", &theirs);
    let our_text = store::to_ron(&ours).expect("written");
    let our_file = dir.path().join("ours.ron");
    std::fs::write(&our_file, &our_text).expect("saved");
    let m = merge::merge_files(&base, &our_file, &their_file).expect("merged");
    assert!(m.is_clean(), "{:?}", m.conflicts.first());
    g.bench_function(
        "merge driver (merge_files: read 3, merge, write)",
        |bench| {
            bench.iter_batched(
                || std::fs::write(&our_file, &our_text).expect("ours restored"),
                |()| black_box(merge::merge_files(&base, &our_file, &their_file).expect("merged")),
                BatchSize::PerIteration,
            )
        },
    );
    g.bench_function("merge alone (in memory)", |bench| {
        bench.iter(|| black_box(merge::merge(&a, &ours, &theirs).expect("merged")))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
