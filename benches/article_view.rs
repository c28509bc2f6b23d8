//! Per-frame CPU cost of the article view, headless (egui `Context::run_ui` plus
//! tessellation), on articles of 10 KB, 1 MB and 10 MB with one annotation per 100 chars
//! and on a 2 MB article without a single line break. Scenarios: an idle frame, a scroll
//! jump back and forth between two places, a jump to a place not seen before, a window
//! resize, a zoom step and an edit (a different annotation slice). Also the first frame
//! of a 10 MB article, and the 10 MB article with 20,000 links and a selected annotation
//! whose links are drawn (a connector on screen, markers for the ends above and below),
//! with the cost of indexing the 20,000 links; and the 10 MB article with 2,000 shared
//! passages (a bar and two markers each, a few on screen); and a 10 MB Arabic article
//! (right to left, laid out char by char and reordered, see the view's `bidi`).
//!
//! A jump takes two frames: the one that asks for it (it lays out the target's block to
//! find where it is, and about half of the new screen's blocks not laid out yet) and the
//! one that shows the new place (and lays out the rest). Both run; the time reported for
//! a jump is the slower of the two, so every figure here is the cost of one frame.
//!
//! `cargo bench --bench article_view -- --sample-size 20`

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use eframe::egui::{self, Pos2, RawInput, Rect, vec2};
use sourcemark::links::LinkIndex;
use sourcemark::model::{Annotation, AnnotationId, DocId, LabelScheme, Link, LinkId, LinkKind};
use sourcemark::selection::Selection;
use sourcemark::text::DocText;
use sourcemark::ui::article::{ArticleContext, ArticleView};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// The app's allocator (see `main.rs`), so that these figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const WORDS: &[&str] = &[
    "the",
    "crowd",
    "Baghdad",
    "million",
    "“Get",
    "out,”",
    "protesters",
    "2.5",
    "said",
    "al-Sadr",
    "Iraq’s",
    "troops",
    "5,200",
    "rally",
    "demanded",
    "withdrawal",
    "of",
    "US",
    "forces",
    "and",
    "in",
    "a",
    "statement",
    "cleric",
    "sovereignty",
    "peaceful",
    "march",
];

/// Words of Arabic news, with the digits, Latin names and punctuation it mixes in.
const ARABIC: &[&str] = &[
    "قال",
    "المتحدث",
    "إن",
    "عدد",
    "المتظاهرين",
    "في",
    "بغداد",
    "تجاوز",
    "٢٫٥",
    "مليون",
    "شخص،",
    "فيما",
    "قدّرت",
    "الشرطة",
    "العدد",
    "بنحو",
    "300",
    "ألف",
    "(يناير)",
    "وكالة",
    "Reuters",
    "«الحرية»",
    "الجمعة",
    "العراقية",
    "القوات",
    "الأمريكية",
    "لا",
    "البرلمان",
];

/// Deterministic article text of about `bytes` bytes: paragraphs of 300–900 chars
/// separated by blank lines, or one single line when `breaks` is false.
fn article(bytes: usize, breaks: bool) -> String {
    article_of(WORDS, bytes, breaks)
}

/// [`article`] of other words.
fn article_of(words: &[&str], bytes: usize, breaks: bool) -> String {
    let mut s = String::with_capacity(bytes + 64);
    let mut rng = fastrand::Rng::with_seed(7);
    let mut para = 0;
    let mut para_len = 600;
    while s.len() < bytes {
        let w = words[rng.usize(..words.len())];
        s.push_str(w);
        para += w.len() + 1;
        if breaks && para > para_len {
            s.push_str(".\n\n");
            para = 0;
            para_len = rng.usize(300..900);
        } else {
            s.push(' ');
        }
    }
    s
}

/// One annotation per 100 chars, 10–60 chars long, some nested in the one before.
fn annotations(doc: &DocId, text: &DocText) -> Vec<Annotation> {
    let labels = ["claim", "quote", "figure"];
    let n = text.char_len();
    let mut rng = fastrand::Rng::with_seed(11);
    let mut out = Vec::with_capacity(n / 100);
    let mut c = 0;
    while c + 100 < n {
        let s = c + rng.usize(0..40);
        let e = s + rng.usize(10..60);
        if let Ok(a) = Annotation::new(doc.clone(), text, s, e, labels[(c / 100) % 3], "bench") {
            out.push(a);
        }
        c += 100;
    }
    out.sort_by_key(|a| (a.start, a.end));
    out
}

struct Fixture {
    ctx: egui::Context,
    view: ArticleView,
    doc: DocId,
    text: DocText,
    anns: Vec<Annotation>,
    /// The same annotations less one: swapping slices is an edit.
    edited: Vec<Annotation>,
    labels: LabelScheme,
    width: f32,
    font_size: f32,
    links: Vec<Link>,
    link_index: LinkIndex,
    selection: Selection,
}

impl Fixture {
    fn new(text: String) -> Self {
        let doc = DocId::from("bench");
        let text = DocText::new(text);
        let anns = annotations(&doc, &text);
        let mut edited = anns.clone();
        if !edited.is_empty() {
            edited.remove(edited.len() / 2);
        }
        let mut f = Self {
            ctx: egui::Context::default(),
            view: ArticleView::new(),
            doc,
            text,
            anns,
            edited,
            labels: LabelScheme::default(),
            width: 1200.0,
            font_size: 16.0,
            links: Vec::new(),
            link_index: LinkIndex::default(),
            selection: Selection::Nothing,
        };
        // The app's fonts, so that Arabic is drawn as the window draws it.
        sourcemark::ui::fonts::install(&f.ctx);
        for _ in 0..3 {
            f.frame(false);
        }
        f
    }

    /// `n` links between the annotations, most between neighbours, some across the
    /// article; the annotation at 40 % is selected, with a link to its neighbour (a
    /// connector on screen), one far above and one far below (markers).
    fn with_links(text: String, n: usize) -> Self {
        let mut f = Self::new(text);
        let m = f.anns.len();
        let mut rng = fastrand::Rng::with_seed(5);
        let link = |i: usize, from: &AnnotationId, to: &AnnotationId, kind| Link {
            id: LinkId::from(format!("l{i:06}").as_str()),
            from: from.clone(),
            to: to.clone(),
            kind,
            note: String::new(),
        };
        let mut links = Vec::with_capacity(n);
        while links.len() + 3 < n {
            let a = rng.usize(..m);
            let b = if rng.u8(..10) < 8 {
                (a + rng.usize(1..20)).min(m - 1)
            } else {
                rng.usize(..m)
            };
            if a != b {
                let kind = [LinkKind::SaidBy, LinkKind::Supports, LinkKind::SameAs][a % 3].clone();
                links.push(link(links.len(), &f.anns[a].id, &f.anns[b].id, kind));
            }
        }
        let sel = m * 4 / 10;
        for other in [sel + 2, m / 10, m * 9 / 10] {
            let i = links.len();
            links.push(link(
                i,
                &f.anns[sel].id,
                &f.anns[other].id,
                LinkKind::SaidBy,
            ));
        }
        links.sort_by(|a, b| a.id.cmp(&b.id));
        f.link_index = LinkIndex::build(&links);
        f.links = links;
        f.selection = Selection::one(f.anns[sel].id.clone());
        let at = f.anns[sel].start;
        f.view.scroll_to(at..at + 1);
        for _ in 0..3 {
            f.frame(false);
        }
        f
    }

    /// One shared passage of 300 chars every 5,000 chars (2,000 in 10 MB), each with
    /// two other documents, so that a screen shows a few bars and markers.
    fn with_passages(text: String) -> Self {
        use sourcemark::reuse::carry::Which;
        use sourcemark::reuse::{Passage, Side};
        use sourcemark::ui::passages::{DocPassages, Other, Region};
        let mut f = Self::new(text);
        let n = f.text.char_len();
        let regions = (0..n.saturating_sub(300) / 5_000)
            .map(|k| {
                let range = k * 5_000 + 1_000..k * 5_000 + 1_300;
                let others = ["Outlet A", "Outlet B"]
                    .iter()
                    .map(|name| {
                        let other = DocId::from(name.to_lowercase().replace(' ', "-").as_str());
                        let passage = Passage {
                            a: Side {
                                doc: f.doc.clone(),
                                start: range.start,
                                end: range.end,
                            },
                            b: Side {
                                doc: other.clone(),
                                start: 0,
                                end: 300,
                            },
                            words: 50,
                        };
                        Other {
                            doc: other,
                            name: (*name).to_owned(),
                            show: 0..300,
                            passages: vec![(passage, Which::A)],
                        }
                    })
                    .collect();
                Region { range, others }
            })
            .collect();
        f.view.set_passages(Some(std::sync::Arc::new(DocPassages {
            doc: f.doc.clone(),
            regions,
        })));
        f.view.scroll_to(n / 2..n / 2 + 1);
        for _ in 0..3 {
            f.frame(false);
        }
        f
    }

    /// One frame: run the UI and tessellate, as eframe would.
    fn frame(&mut self, edited: bool) {
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(self.width, 800.0))),
            ..Default::default()
        };
        let Self {
            ctx,
            view,
            doc,
            text,
            anns,
            edited: other,
            labels,
            font_size,
            links,
            link_index,
            selection,
            ..
        } = self;
        let anns = if edited { other } else { anns };
        let cx = ArticleContext {
            doc,
            text,
            annotations: anns,
            labels,
            selection,
            revision: u64::from(edited),
            find_matches: &[],
            current_match: None,
            font_size: *font_size,
            keyboard: true,
            links,
            link_index,
            all_annotations: anns,
        };
        let out = ctx.run_ui(input, |ui| {
            black_box(view.ui(ui, &cx));
        });
        black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
    }

    /// Jumps to char `at`: runs the frame that asks for it and the frame that shows it,
    /// and returns the time of the slower one.
    fn jump(&mut self, at: usize) -> Duration {
        self.view.scroll_to(at..at + 1);
        let t = Instant::now();
        self.frame(false);
        let ask = t.elapsed();
        let t = Instant::now();
        self.frame(false);
        ask.max(t.elapsed())
    }
}

fn bench_sizes(c: &mut Criterion) {
    let cases = [
        ("10KB", article(10_000, true), 0),
        ("1MB", article(1_000_000, true), 0),
        ("10MB", article(10_000_000, true), 0),
        ("2MB-one-line", article(2_000_000, false), 0),
        ("10MB-20k-links", article(10_000_000, true), 20_000),
        ("10MB-2k-passages", article(10_000_000, true), 0),
        ("10MB-arabic", article_of(ARABIC, 10_000_000, true), 0),
    ];
    for (name, text, links) in cases {
        let mut f = if links > 0 {
            Fixture::with_links(text, links)
        } else if name.ends_with("passages") {
            Fixture::with_passages(text)
        } else {
            Fixture::new(text)
        };
        let n = f.text.char_len();
        let mut g = c.benchmark_group(name);
        g.warm_up_time(Duration::from_millis(500));
        g.measurement_time(Duration::from_secs(2));
        g.bench_function("idle", |b| b.iter(|| f.frame(false)));
        // Alternate between 40 % and 60 % of the article.
        let mut k = 0usize;
        g.bench_function("scroll_jump", |b| {
            b.iter_custom(|iters| {
                (0..iters)
                    .map(|_| {
                        k += 1;
                        f.jump(n * (4 + 2 * (k % 2)) / 10)
                    })
                    .sum()
            })
        });
        // The view keeps recently laid-out blocks, so the jumps above are served from
        // that cache after the first two. This one goes somewhere new each time: steps of
        // the golden ratio through the article never come back near a recent place, and
        // it shapes a fresh screen, about half in each of its two frames (except on
        // 10 KB, which fits in the cache whole).
        let mut j = 0usize;
        g.bench_function("scroll_jump_new", |b| {
            b.iter_custom(|iters| {
                (0..iters)
                    .map(|_| {
                        j += 1;
                        let at = (j as f64 * 0.618_033_988_749_895).fract() * n as f64;
                        f.jump(at as usize)
                    })
                    .sum()
            })
        });
        g.bench_function("resize", |b| {
            b.iter(|| {
                f.width = if f.width == 700.0 { 660.0 } else { 700.0 };
                f.frame(false);
            })
        });
        f.width = 1200.0;
        // Zoom (Ctrl+plus / Ctrl+minus): every block on screen is shaped anew at the new
        // size, in one frame, so this is also what a whole never-seen screen costs on
        // any article, 10 KB included (a jump splits that work over its two frames).
        g.bench_function("zoom", |b| {
            b.iter(|| {
                f.font_size = if f.font_size == 16.0 { 17.0 } else { 16.0 };
                f.frame(false);
            })
        });
        f.font_size = 16.0;
        let mut edited = false;
        g.bench_function("edit", |b| {
            b.iter(|| {
                edited = !edited;
                f.frame(edited);
            })
        });
        g.finish();
    }
}

fn bench_first_frame(c: &mut Criterion) {
    // Opening a 10 MB article in a running window: index the text (DocText), then the
    // view's first frame (cutting into blocks, estimating heights, laying out the
    // screen). Annotations and the egui context exist already.
    let mut f = Fixture::new(article(10_000_000, true));
    let raw = f.text.as_str().to_owned();
    let mut g = c.benchmark_group("10MB");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(100));
    g.measurement_time(Duration::from_secs(4));
    g.bench_function("open_first_frame", |b| {
        b.iter_batched(
            || raw.clone(),
            |raw| {
                f.text = DocText::new(raw);
                f.view = ArticleView::new();
                f.frame(false);
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

fn bench_link_index(c: &mut Criterion) {
    // What a change to the links costs once (the index is kept for every other frame).
    let f = Fixture::with_links(article(10_000_000, true), 20_000);
    let mut g = c.benchmark_group("10MB-20k-links");
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(2));
    g.bench_function("index_links", |b| {
        b.iter(|| black_box(LinkIndex::build(&f.links)))
    });
    g.finish();
}

criterion_group!(benches, bench_sizes, bench_first_frame, bench_link_index);
criterion_main!(benches);
