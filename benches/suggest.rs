//! Suggestions (issue 17): the rules and a few patterns over a 10 KB article must take
//! under 5 ms, over a 10 MB one under 1 s, on a worker thread (one core).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sourcemark::model::{DocId, LabelScheme};
use sourcemark::suggest::{Input, PatternSet, suggest};
use sourcemark::text::DocText;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

/// The app's allocator (see `main.rs`), so that these figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// About `bytes` of the sample's five articles, one after another, as one article.
fn article(bytes: usize) -> DocText {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/rally-coverage/articles");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the sample articles")
        .map(|e| e.expect("an entry").path())
        .collect();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .map(|f| sourcemark::text::read_article(f).expect("a sample article"))
        .collect();
    let mut s = String::with_capacity(bytes + 8192);
    'fill: loop {
        for t in &texts {
            if s.len() >= bytes {
                break 'fill;
            }
            s.push_str(t);
            s.push_str("\n\n");
        }
    }
    DocText::new(s)
}

/// Patterns a user brings: names (phrases) and a token pattern.
fn patterns() -> PatternSet {
    let lines = r#"{"label": "source", "pattern": "Muqtada al-Sadr"}
{"label": "source", "pattern": "Qais al-Khazali"}
{"label": "source", "pattern": "Ali Shamkhani"}
{"label": "source", "pattern": "Hadi al-Ameri"}
{"label": "source", "pattern": "Reuters"}
{"label": "figure", "pattern": [{"LIKE_NUM": true}, {"LOWER": "us", "OP": "?"}, {"LOWER": {"IN": ["troops", "soldiers"]}}]}"#;
    let mut p = PatternSet::new();
    p.add_text(lines, Path::new("bench.jsonl"), "bench.jsonl")
        .expect("the bench's patterns");
    p.build().expect("the bench's patterns compile");
    p
}

fn bench(c: &mut Criterion) {
    let labels = LabelScheme::default();
    let doc = DocId::from("bench");
    let pats = patterns();
    let mut g = c.benchmark_group("suggest");
    for (name, bytes, secs) in [
        ("10 KB article", 10_000, 5),
        ("10 MB article", 10_000_000, 20),
    ] {
        let text = article(bytes);
        let input = Input {
            doc: &doc,
            text: &text,
            labels: &labels,
            existing: &[],
            rejected: &[],
            patterns: &pats,
        };
        eprintln!("{name}: {} suggestions", suggest(&input).len());
        g.throughput(Throughput::Bytes(text.as_str().len() as u64));
        g.sample_size(10)
            .measurement_time(Duration::from_secs(secs));
        g.bench_function(name, |b| b.iter(|| black_box(suggest(black_box(&input)))));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
