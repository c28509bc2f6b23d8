//! Shared passages: `reuse::find` on 1,000 generated articles of 10 KB with 300
//! passages planted in pairs of them (exact, a changed word, "U.S." for "US", a
//! dropped word), 20 repeated inside one article, and a footer in every article.
//!
//! Target (issue 15): under 1 s, with every planted passage found and nothing else.
//! The setup checks that before timing.

#[path = "../tests/reuse_corpus/mod.rs"]
mod reuse_corpus;

use criterion::{Criterion, criterion_group, criterion_main};
use reuse_corpus::{Spec, Variant, check, corpus};
use sourcemark::reuse::{Params, find};
use std::hint::black_box;

/// The app's allocator (see `main.rs`), so that these figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SPEC: Spec = Spec {
    docs: 1_000,
    bytes: 10_000,
    planted: 300,
    repeated: 20,
    footer: true,
    seed: 15,
};

fn bench(c: &mut Criterion) {
    let corpus = corpus(SPEC);
    let input = corpus.input();
    let params = Params::default();
    let found = find(&input, &params);
    if let Err(e) = check(&corpus, &found) {
        panic!("the finder is wrong on the bench corpus: {e}");
    }
    let mb = corpus.docs.iter().map(|(_, t)| t.len()).sum::<usize>() as f64 / 1e6;
    let of = |v: Variant| corpus.planted.iter().filter(|p| p.variant == v).count();
    eprintln!(
        "{} articles, {mb:.1} MB, {} planted passages ({} exact, {} with a changed word, \
         {} with U.S./US and other quotes, {} with a dropped word): all found, nothing else",
        corpus.docs.len(),
        corpus.planted.len(),
        of(Variant::Exact),
        of(Variant::ChangedWord),
        of(Variant::Spelling),
        of(Variant::DroppedWord),
    );
    let mut g = c.benchmark_group("reuse");
    g.sample_size(10);
    g.bench_function("find_1000_articles_of_10kb", |b| {
        b.iter(|| black_box(find(black_box(&input), &params)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
