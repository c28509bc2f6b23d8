//! Saved web pages: `webpage::extract` (decode, parse, metadata, article text) on a
//! 2 MB news page: the sample page's furniture and article, grown to a long article
//! of 300 paragraphs inside 2 MB of what real pages carry around it (inline scripts
//! and styles, a comment thread, link lists, ad slots).
//!
//! Target (issue 18): under 200 ms. The setup checks the article came out whole.

use criterion::{Criterion, criterion_group, criterion_main};
use sourcemark::webpage;
use std::hint::black_box;

/// The app's allocator (see `main.rs`), so that these figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The sample page grown to `bytes`.
fn page(bytes: usize) -> String {
    let base = include_str!("../tests/data/webpages/ledger-news.html");
    let paragraph = |i: usize| {
        format!(
            "<p>Paragraph {i}: officials said the measure would be reviewed every week, and \
             residents in the district said the tankers had come twice since Monday, each \
             time with less water than the day before.</p>\n"
        )
    };
    let body: String = (0..300).map(paragraph).collect();
    let comment = "<li class=\"comment\"><a href=\"/u/1\">reader</a> <p>Same in our street, \
                   the water has been bad for months.</p><a href=\"/r\">Reply</a></li>\n";
    let links = "<li><a href=\"/news/x\">Another story from the region that readers also read this week</a></li>\n";
    let style = format!(
        "<style>{}</style>",
        ".c{color:#333;margin:0 auto}\n".repeat(4_000)
    );
    let script = format!("<script>var state = \"{}\";</script>", "a".repeat(400_000));
    let ad = "<div class=\"ad-slot\"><a href=\"https://ads.example/c\">Advertisement</a></div>\n";
    let mut page = base
        .replacen("</head>", &format!("{style}</head>"), 1)
        .replacen(
            "<p>Residents queued",
            &format!("{body}{}<p>Residents queued", ad.repeat(20)),
            1,
        );
    let mut extra = String::from("<section class=\"comments\"><ul>");
    let mut related = String::from("<ul class=\"more-links\">");
    while page.len() + extra.len() + related.len() + script.len() < bytes {
        extra.push_str(comment);
        related.push_str(links);
    }
    extra.push_str("</ul></section>");
    related.push_str("</ul>");
    page = page.replacen("</main>", &format!("{extra}{related}</main>{script}"), 1);
    page
}

fn bench(c: &mut Criterion) {
    let html = page(2_000_000);
    let p = webpage::extract(html.as_bytes()).expect("the bench page is an article");
    assert!(p.text.contains("Paragraph 299:") && p.text.contains("1,500 dinars"));
    assert!(!p.text.contains("Same in our street") && !p.text.contains("Advertisement"));
    eprintln!(
        "page of {:.2} MB, article of {} chars",
        html.len() as f64 / 1e6,
        p.text.chars().count()
    );
    let mut g = c.benchmark_group("webpage");
    g.sample_size(20);
    g.bench_function("extract a 2 MB page", |b| {
        b.iter(|| webpage::extract(black_box(html.as_bytes())))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
