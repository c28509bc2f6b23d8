//! Figures read from their words (issue 15): parsing 100,000 figure phrases must take
//! under 50 ms; `find_all` over 1 MB of news-like prose is measured too.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sourcemark::figure;
use std::hint::black_box;

/// The app's allocator (see `main.rs`), so that these figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Figure spans as annotators tag them; `{}` takes a number that changes per phrase.
const TEMPLATES: &[&str] = &[
    "more than {}.5 million",
    "around {},200 US troops",
    "millions of Iraqis",
    "a million-strong",
    "million-man rally",
    "{} million",
    "Hundreds of Iraqis",
    "at least {}",
    "seven vehicles",
    "an estimated {} million people",
    "between {} and {}0 million",
    "{}-{}0 million",
    "$4.{}bn",
    "£{}.2m",
    "US${} billion",
    "{}%",
    "{}0 per cent of voters",
    "tens of thousands of protesters",
    "two and a half million",
    "eleven thousand",
    "one hundred and {}",
    "half a million",
    "three-quarters of a million",
    "up to {},000 people",
    "fewer than {}00",
    "nearly {},000",
    "{},000-strong",
    "some {}0,000 demonstrators",
    "dozens of people",
    "twenty-one",
    "from {},000 to {}5,000",
    "in excess of {}00,000",
    "{}.{} trillion",
    "no more than {}0",
    "as many as {} million",
    "about {}.{}k",
    "several",
    "the rally",
];

fn phrases(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let t = TEMPLATES[i % TEMPLATES.len()];
            let k = (i / TEMPLATES.len()) % 9 + 1;
            t.replace("{}", &k.to_string())
        })
        .collect()
}

/// About `bytes` of prose in the register of the sample articles: figures, dates,
/// times, codes and years among ordinary sentences, with curly quotes and no-break
/// spaces.
fn prose(bytes: usize) -> String {
    let sentences = [
        "Sayed Sadiq al-Hashemi, head of the Iraqi Center for Studies, said more than {}.5\u{a0}million took part in the demonstrations on Friday. ",
        "On January 2{}, 2020, at 10:30 GMT, thousands of protesters gathered near the G20 venue. ",
        "The caretaker government said the strike violated the mandate for around 5,{}00 US troops in the country. ",
        "“Get out, get out occupier!” chanted the crowd, which organisers put at between {} and 3 million. ",
        "Page {} of 12. News Code 1823{}7. Updated 3 p.m. ",
        "The parliament voted {}70 to 0 in 2020 on a non-binding resolution, according to Resolution 2{}34. ",
        "Officials said the $4.{}bn package would help up to {},000 families and 25% of the displaced. ",
        "Witnesses described a million-strong march, although police estimated some {}0,000 people attended. ",
        "It was the 21st rally since the COVID-19 lockdown, and the largest of the 1990s or since. ",
        "Residents said the convoy of seven vehicles passed at about {} o’clock in the evening. ",
    ];
    let mut s = String::with_capacity(bytes + 200);
    let mut i = 0;
    while s.len() < bytes {
        let k = (i / sentences.len()) % 9 + 1;
        s.push_str(&sentences[i % sentences.len()].replace("{}", &k.to_string()));
        if i % 5 == 4 {
            s.push_str("\n\n");
        }
        i += 1;
    }
    s
}

fn bench(c: &mut Criterion) {
    let list = phrases(100_000);
    let read = list.iter().filter(|p| figure::parse(p).is_some()).count();
    assert!(read > 90_000, "{read} of 100,000 phrases read");
    c.bench_function("parse 100k figure phrases", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for p in &list {
                n += usize::from(figure::parse(black_box(p)).is_some());
            }
            n
        })
    });

    let text = prose(1 << 20);
    let found = figure::find_all(&text).len();
    assert!(found > 10_000, "{found} figures in 1 MB");
    let mut g = c.benchmark_group("find_all");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("find_all over 1 MB of news prose", |b| {
        b.iter(|| figure::find_all(black_box(&text)).len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
