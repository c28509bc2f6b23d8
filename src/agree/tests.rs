//! [`measure`] pinned to figures computed once by established implementations: nltk
//! 3.10.4 (`AnnotationTask.kappa()`, Cohen's κ for two coders; `.pi()`, multi-π, which
//! is Fleiss' κ, for three) and Python `krippendorff` 0.9.0 (`alpha(...,
//! level_of_measurement="nominal")`), fed the same char codings (the overall coding as
//! the "+"-joined set of labels of each char); and to Krippendorff's (1995) example A.

use super::*;

fn span(doc: usize, label: &str, ranges: &[Range<usize>]) -> Span {
    Span {
        doc,
        label: label.into(),
        ranges: ranges.to_vec(),
    }
}

fn study(doc_chars: &[usize], coders: Vec<Vec<Span>>) -> Study {
    Study {
        annotators: (0..coders.len()).map(|i| format!("c{i}")).collect(),
        doc_chars: doc_chars.to_vec(),
        coders,
    }
}

fn labels(ls: &[&str]) -> Vec<String> {
    ls.iter().map(|s| s.to_string()).collect()
}

fn close(got: Option<f64>, want: f64) {
    let g = got.expect("defined");
    assert!((g - want).abs() < 1e-9, "{g} != {want}");
}

/// Krippendorff (1995, "On the reliability of unitizing contiguous data"), example A,
/// Bertha against Bill over 24 units, digitized (as DKPro Statistics'
/// `Krippendorff1995Test` does): Cohen's κ 0.385, α 0.329 published; nltk and
/// `krippendorff` give 0.3846153846153845 and 0.3285714285714285.
#[test]
fn krippendorff_1995_example_a() {
    let s = study(
        &[24],
        vec![
            vec![span(0, "x", &[2..10]), span(0, "x", &[14..20])],
            vec![span(0, "x", &[4..8]), span(0, "x", &[15..17])],
        ],
    );
    let r = measure(&s, &labels(&["x"]));
    close(r.labels["x"].kappa, 0.3846153846153845);
    close(r.labels["x"].alpha, 0.3285714285714285);
    close(r.overall.kappa, 0.3846153846153845);
    assert_eq!(r.documents, 1);
}

/// Two annotators, two labels, two documents, a discontinuous quote.
#[test]
fn two_annotators_pinned() {
    let a = vec![
        span(0, "claim", &[0..10]),
        span(0, "claim", &[15..25]),
        span(1, "quote", &[5..8]),
        span(0, "quote", &[3..6, 8..12]),
    ];
    let b = vec![
        span(0, "claim", &[2..10]),
        span(0, "quote", &[20..28]),
        span(1, "quote", &[5..8]),
        span(1, "claim", &[0..4]),
        span(0, "quote", &[3..6]),
    ];
    let r = measure(&study(&[30, 20], vec![a, b]), &labels(&["claim", "quote"]));
    let claim = &r.labels["claim"];
    close(claim.kappa, 0.2857142857142859);
    close(claim.alpha, 0.2720588235294118);
    let quote = &r.labels["quote"];
    close(quote.kappa, 0.34782608695652173);
    close(quote.alpha, 0.3486842105263158);
    close(r.overall.kappa, 0.2901234567901235);
    close(r.overall.alpha, 0.2884375);
    // Spans: claim A 2, B 2, none exact, one overlapping each way (0..10 / 2..10).
    assert_eq!((claim.n_a, claim.n_b), (2, 2));
    close(claim.f1_exact, 0.0);
    close(claim.f1_overlap, 0.5);
    // quote: A 2, B 3; exact: doc 1's 5..8 both ways; overlap: A's 3..6+8..12 meets
    // B's 3..6, and B's 20..28 meets nothing: P = 2/3, R = 1.
    assert_eq!((quote.n_a, quote.n_b), (2, 3));
    close(quote.f1_exact, 2.0 * 0.5 * (1.0 / 3.0) / (0.5 + 1.0 / 3.0));
    close(quote.f1_overlap, 2.0 * (2.0 / 3.0) / (2.0 / 3.0 + 1.0));
    // Overall pools the matches: exact P = 1/5, R = 1/4; overlap P = 3/5, R = 3/4.
    close(r.overall.f1_exact, 2.0 * 0.2 * 0.25 / 0.45);
    close(r.overall.f1_overlap, 2.0 * 0.6 * 0.75 / 1.35);
    assert_eq!((r.overall.n_a, r.overall.n_b), (4, 5));
    assert_eq!(r.overall.n, vec![4, 5]);
    assert!(r.overall.alpha_u.is_some_and(|a| a < 1.0));
}

/// Three annotators: Fleiss' κ and α.
#[test]
fn three_annotators_pinned() {
    let c1 = vec![span(0, "claim", &[0..12]), span(0, "quote", &[20..30])];
    let c2 = vec![
        span(0, "claim", &[2..12]),
        span(0, "quote", &[22..30]),
        span(0, "claim", &[35..38]),
    ];
    let c3 = vec![span(0, "claim", &[0..10]), span(0, "quote", &[10..25])];
    let r = measure(
        &study(&[40], vec![c1, c2, c3]),
        &labels(&["claim", "quote"]),
    );
    close(r.labels["claim"].kappa, 0.7176470588235293);
    close(r.labels["claim"].alpha, 0.72);
    close(r.labels["quote"].kappa, 0.2894461859979102);
    close(r.labels["quote"].alpha, 0.2953674677812609);
    close(r.overall.kappa, 0.43722020891068003);
    close(r.overall.alpha, 0.44191004050309113);
    assert_eq!(r.labels["claim"].n, vec![1, 2, 1]);
    // f1_overlap for claim: pairs (1,2): P 1/2 R 1 -> 2/3; (1,3): 1; (2,3): P 1 R 1/2.
    close(
        r.labels["claim"].f1_overlap,
        (2.0 / 3.0 + 1.0 + 2.0 / 3.0) / 3.0,
    );
}

/// The unitizing α of the Krippendorff (2004) example through [`measure`]: one
/// document of 300 chars, labels c and k; overall 0.8591 published.
#[test]
fn unitizing_alpha_through_measure() {
    let at = |s: usize, n: usize| (s - 150)..(s - 150 + n);
    let a = vec![
        span(0, "c", &[at(225, 70)]),
        span(0, "c", &[at(370, 30)]),
        span(0, "k", &[at(180, 60)]),
        span(0, "k", &[at(300, 50)]),
    ];
    let b = vec![
        span(0, "c", &[at(220, 80)]),
        span(0, "c", &[at(355, 20)]),
        span(0, "c", &[at(400, 20)]),
        span(0, "k", &[at(180, 60)]),
        span(0, "k", &[at(300, 50)]),
    ];
    let r = measure(&study(&[300], vec![a, b]), &labels(&["c", "k"]));
    assert!((r.labels["c"].alpha_u.unwrap() - 0.7286).abs() < 1e-4);
    assert_eq!(r.labels["k"].alpha_u, Some(1.0));
    assert!((r.overall.alpha_u.unwrap() - 0.8591).abs() < 5e-4);
    close(r.labels["k"].f1_exact, 1.0);
}

/// Identical annotations agree perfectly; a label nobody used is undefined everywhere
/// and serializes as null, never NaN.
#[test]
fn identical_and_unused_labels() {
    let a = vec![span(0, "claim", &[3..9]), span(1, "claim", &[0..2, 4..6])];
    let r = measure(
        &study(&[20, 10], vec![a.clone(), a]),
        &labels(&["claim", "figure"]),
    );
    let claim = &r.labels["claim"];
    for x in [
        claim.kappa,
        claim.alpha,
        claim.alpha_u,
        claim.f1_exact,
        claim.f1_overlap,
    ] {
        assert_eq!(x, Some(1.0));
    }
    let fig = &r.labels["figure"];
    assert_eq!(
        (fig.kappa, fig.alpha, fig.alpha_u, fig.f1_exact),
        (None, None, None, None)
    );
    let json = serde_json::to_string(&r).unwrap();
    assert!(json.contains("\"kappa\":null"), "{json}");
    assert!(!json.contains("NaN"));
}

/// Spans past the end of a document (a project `check` would flag) are clipped, not a
/// panic; one annotator is not enough for any figure.
#[test]
fn bad_offsets_and_one_annotator() {
    let a = vec![span(0, "claim", &[5..50])];
    let b = vec![span(0, "claim", &[5..10])];
    let r = measure(&study(&[10], vec![a.clone(), b]), &labels(&["claim"]));
    close(r.labels["claim"].kappa, 1.0);
    let one = measure(&study(&[10], vec![a]), &labels(&["claim"]));
    assert_eq!(one.labels["claim"].kappa, None);
    assert_eq!(one.labels["claim"].alpha_u, None);
    assert_eq!(one.labels["claim"].f1_exact, None);
}
