//! Agreement between annotators over the documents they share: chance-corrected
//! coefficients over chars (Cohen's or Fleiss' κ, Krippendorff's α), Krippendorff's
//! unitizing α over spans, and exact and overlap F1, per label and overall. It works on
//! offsets and lengths only (a [`Study`]), so it needs no article text; [`shared`]
//! builds a study from project files.
//!
//! Definitions (the README's `agree` section says the same):
//! - char coding, per label: each char of the shared documents is 1 for an annotator
//!   when one of their spans of that label covers it (any of its ranges), else 0;
//!   overall: each char's value is the set of the chosen labels covering it ("none",
//!   "claim", "claim+quote", ...), a nominal coding of the whole annotation.
//! - `kappa`: Cohen's κ for two annotators, Fleiss' κ for three or more, over that
//!   coding; `alpha`: Krippendorff's α, nominal, over the same coding.
//! - `alpha_u`: Krippendorff's unitizing α, the documents laid end to end as one
//!   continuum; overall, D_o and D_e are averaged over the labels (as DKPro Statistics
//!   and INCEpTION do) before αu = 1 - D_o/D_e.
//! - `f1_exact` / `f1_overlap`: a span is matched when the other annotator has one of
//!   the same label and document with the same ranges / sharing at least one char;
//!   F1 = 2PR/(P+R), P and R the matched shares of each side, so it is symmetric. Three
//!   or more annotators: the mean over pairs. Overall: matches pooled over labels.
//! - `n_a`, `n_b`: the first and second annotator's spans; `n` lists every annotator's.
//!
//! Undefined figures (no variation at all, no spans) are `None`, never NaN.

pub mod coefficient;
pub mod f1;
pub mod shared;
pub mod unitizing;

use coefficient::{Category, Cohen, Fleiss, Krippendorff, tally};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// One span of one annotator, in a shared document.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// Index of the document in [`Study::doc_chars`].
    pub doc: usize,
    /// Label id.
    pub label: String,
    /// Its ranges in chars, end-exclusive, sorted and not overlapping.
    pub ranges: Vec<Range<usize>>,
}

/// What agreement is measured on: the shared documents' lengths and each annotator's
/// spans on them.
#[derive(Debug, Clone, Default)]
pub struct Study {
    /// Who the annotators are (file names or annotator names), for the report.
    pub annotators: Vec<String>,
    /// Length in chars of each shared document.
    pub doc_chars: Vec<usize>,
    /// Each annotator's spans, in the order of `annotators`.
    pub coders: Vec<Vec<Span>>,
}

/// The figures for one label, or overall.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Cohen's κ (two annotators) or Fleiss' κ (three or more), over chars.
    pub kappa: Option<f64>,
    /// Krippendorff's α, nominal, over chars.
    pub alpha: Option<f64>,
    /// Krippendorff's unitizing α over the spans.
    pub alpha_u: Option<f64>,
    /// F1 of spans with the same label and ranges.
    pub f1_exact: Option<f64>,
    /// F1 of spans with the same label sharing a char.
    pub f1_overlap: Option<f64>,
    /// The first annotator's spans.
    pub n_a: usize,
    /// The second annotator's spans.
    pub n_b: usize,
    /// Every annotator's spans, in order.
    pub n: Vec<usize>,
}

/// Agreement per label and overall.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// The annotators, in the order of `n`.
    pub annotators: Vec<String>,
    /// Per label id.
    pub labels: BTreeMap<String, Scores>,
    /// Over all the chosen labels (see the module's definitions).
    pub overall: Scores,
    /// Shared documents measured.
    pub documents: usize,
}

/// Measures agreement on `study` for `labels` (spans of other labels are ignored).
/// Needs two or more annotators; with fewer every figure is undefined.
pub fn measure(study: &Study, labels: &[String]) -> Report {
    let r = study.coders.len();
    let label_index: HashMap<&str, usize> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i))
        .collect();
    // spans[coder][label]
    let mut spans: Vec<Vec<Vec<&Span>>> = vec![vec![Vec::new(); labels.len()]; r];
    for (c, coder) in study.coders.iter().enumerate() {
        for s in coder {
            if let Some(&l) = label_index.get(s.label.as_str()) {
                spans[c][l].push(s);
            }
        }
    }
    let mut base = Vec::with_capacity(study.doc_chars.len());
    let mut len = 0;
    for &n in &study.doc_chars {
        base.push(len);
        len += n;
    }

    let chars = char_coding(study, &spans, labels.len());
    let mut report = Report {
        annotators: study.annotators.clone(),
        documents: study.doc_chars.len(),
        ..Report::default()
    };
    let pairs: Vec<(usize, usize)> = (0..r)
        .flat_map(|i| (i + 1..r).map(move |j| (i, j)))
        .collect();
    let mut pooled_u = (0.0, 0.0);
    let mut pooled_f1 = vec![(f1::Matches::default(), f1::Matches::default()); pairs.len()];
    let mut total_n = vec![0; r];
    for (l, label) in labels.iter().enumerate() {
        let units: Vec<unitizing::Units> = (0..r)
            .map(|c| {
                let ranges = spans[c][l]
                    .iter()
                    .flat_map(|s| {
                        let (b, n) = (base[s.doc], study.doc_chars[s.doc]);
                        s.ranges
                            .iter()
                            .map(move |x| (b + x.start.min(n))..(b + x.end.min(n)))
                    })
                    .collect();
                unitizing::units(ranges)
            })
            .collect();
        let d = unitizing::disagreement(&units, len);
        pooled_u.0 += d.observed;
        pooled_u.1 += d.expected;
        let mut exact = Vec::with_capacity(pairs.len());
        let mut overlap = Vec::with_capacity(pairs.len());
        for (p, &(i, j)) in pairs.iter().enumerate() {
            let (e, o) = f1::matches(&spans[i][l], &spans[j][l]);
            pooled_f1[p].0.add(e);
            pooled_f1[p].1.add(o);
            exact.push(e.f1());
            overlap.push(o.f1());
        }
        let n: Vec<usize> = (0..r).map(|c| spans[c][l].len()).collect();
        for (t, x) in total_n.iter_mut().zip(&n) {
            *t += x;
        }
        report.labels.insert(
            label.clone(),
            Scores {
                kappa: chars.labels[l].kappa(),
                alpha: chars.labels[l].alpha(),
                alpha_u: d.alpha(),
                f1_exact: mean(&exact),
                f1_overlap: mean(&overlap),
                n_a: n.first().copied().unwrap_or(0),
                n_b: n.get(1).copied().unwrap_or(0),
                n,
            },
        );
    }
    let exact: Vec<Option<f64>> = pooled_f1.iter().map(|m| m.0.f1()).collect();
    let overlap: Vec<Option<f64>> = pooled_f1.iter().map(|m| m.1.f1()).collect();
    report.overall = Scores {
        kappa: chars.overall.kappa(),
        alpha: chars.overall.alpha(),
        alpha_u: unitizing::alpha_of(pooled_u.0, pooled_u.1),
        f1_exact: mean(&exact),
        f1_overlap: mean(&overlap),
        n_a: total_n.first().copied().unwrap_or(0),
        n_b: total_n.get(1).copied().unwrap_or(0),
        n: total_n,
    };
    report
}

/// The mean of the defined values, `None` when none is.
fn mean(xs: &[Option<f64>]) -> Option<f64> {
    let d: Vec<f64> = xs.iter().flatten().copied().collect();
    (!d.is_empty()).then(|| d.iter().sum::<f64>() / d.len() as f64)
}

/// κ (Cohen's for two, Fleiss' for more) and α accumulated over one coding.
#[derive(Debug, Default, Clone)]
struct Coefficients {
    cohen: Option<Cohen>,
    fleiss: Fleiss,
    alpha: Krippendorff,
}

impl Coefficients {
    fn new(coders: usize) -> Self {
        Self {
            cohen: (coders == 2).then(Cohen::default),
            ..Self::default()
        }
    }

    fn add(&mut self, values: &[Category], w: f64) {
        let t = tally(values);
        match &mut self.cohen {
            Some(c) => c.add(values[0], values[1], w),
            None => self.fleiss.add(&t, w),
        }
        self.alpha.add(&t, w);
    }

    fn kappa(&self) -> Option<f64> {
        match &self.cohen {
            Some(c) => c.kappa(),
            None => self.fleiss.kappa(),
        }
    }

    fn alpha(&self) -> Option<f64> {
        self.alpha.alpha()
    }
}

/// The char coding's coefficients, per label and overall.
struct CharCoding {
    labels: Vec<Coefficients>,
    overall: Coefficients,
}

/// Sweeps each document once over the boundaries of every span, so each stretch
/// between two boundaries is one unit weighted by its length.
fn char_coding(study: &Study, spans: &[Vec<Vec<&Span>>], n_labels: usize) -> CharCoding {
    let r = spans.len();
    let mut out = CharCoding {
        labels: vec![Coefficients::new(r); n_labels],
        overall: Coefficients::new(r),
    };
    if r < 2 {
        return out;
    }
    // Events per document: (position, coder, label, +1 or -1).
    let mut events: Vec<Vec<(usize, usize, usize, i32)>> = vec![Vec::new(); study.doc_chars.len()];
    for (c, per_label) in spans.iter().enumerate() {
        for (l, list) in per_label.iter().enumerate() {
            for s in list {
                let n = study.doc_chars[s.doc];
                for x in &s.ranges {
                    let (a, b) = (x.start.min(n), x.end.min(n));
                    if a < b {
                        events[s.doc].push((a, c, l, 1));
                        events[s.doc].push((b, c, l, -1));
                    }
                }
            }
        }
    }
    let mut sets: HashMap<Vec<bool>, Category> = HashMap::new();
    let mut depth = vec![vec![0i32; n_labels]; r];
    let mut values = vec![0; r];
    for (doc, ev) in events.iter_mut().enumerate() {
        ev.sort_unstable();
        let n = study.doc_chars[doc];
        let mut pos = 0;
        let mut k = 0;
        while pos < n {
            while k < ev.len() && ev[k].0 <= pos {
                let (_, c, l, d) = ev[k];
                depth[c][l] += d;
                k += 1;
            }
            let next = ev.get(k).map_or(n, |e| e.0.min(n));
            let w = (next - pos) as f64;
            for (l, coef) in out.labels.iter_mut().enumerate() {
                for (v, d) in values.iter_mut().zip(&depth) {
                    *v = usize::from(d[l] > 0);
                }
                coef.add(&values, w);
            }
            for (v, d) in values.iter_mut().zip(&depth) {
                let key: Vec<bool> = d.iter().map(|&x| x > 0).collect();
                let next_id = sets.len();
                *v = *sets.entry(key).or_insert(next_id);
            }
            out.overall.add(&values, w);
            pos = next;
        }
        for d in depth.iter_mut() {
            d.iter_mut().for_each(|x| *x = 0);
        }
    }
    out
}

#[cfg(test)]
// Lists of one range are what a span with one range is, not a mistaken range of values.
#[allow(clippy::single_range_in_vec_init)]
mod tests;
