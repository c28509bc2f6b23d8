//! Chance-corrected agreement coefficients over weighted units: Cohen's κ, Fleiss' κ and
//! Krippendorff's α (nominal). A unit is a stretch of chars on which every annotator's
//! value is constant, weighted by its length, so a long article costs one unit per
//! change of value rather than one per char; the figures are those of the char coding.

/// A value an annotator gives a unit: a small index (0/1 for one label, an interned set
/// of labels for the overall figure).
pub type Category = usize;

fn add_at(v: &mut Vec<f64>, i: Category, w: f64) {
    if v.len() <= i {
        v.resize(i + 1, 0.0);
    }
    v[i] += w;
}

/// `1 - num/den` style results are only meaningful when the expected disagreement is not
/// zero; everything returned goes through this, so no NaN or infinity leaves the module.
fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// Cohen's κ (1960) for two annotators: `(p_o - p_e) / (1 - p_e)`, `p_e` from each
/// annotator's own marginals.
#[derive(Debug, Default, Clone)]
pub struct Cohen {
    total: f64,
    agreed: f64,
    a: Vec<f64>,
    b: Vec<f64>,
}

impl Cohen {
    /// A unit of weight `w` coded `a` by the first annotator and `b` by the second.
    pub fn add(&mut self, a: Category, b: Category, w: f64) {
        self.total += w;
        if a == b {
            self.agreed += w;
        }
        add_at(&mut self.a, a, w);
        add_at(&mut self.b, b, w);
    }

    /// κ, or `None` when it is undefined (no units, or both annotators always gave the
    /// same single value, so chance agreement is 1).
    pub fn kappa(&self) -> Option<f64> {
        if self.total <= 0.0 {
            return None;
        }
        let n = self.total;
        let po = self.agreed / n;
        let pe: f64 = self
            .a
            .iter()
            .zip(&self.b)
            .map(|(x, y)| (x / n) * (y / n))
            .sum();
        if (1.0 - pe).abs() < 1e-12 {
            return None;
        }
        finite((po - pe) / (1.0 - pe))
    }
}

/// Fleiss' κ (1971) for a fixed number of annotators per unit: the mean pairwise
/// agreement per unit against the agreement expected from the pooled proportions.
#[derive(Debug, Default, Clone)]
pub struct Fleiss {
    units: f64,
    agreement: f64,
    raters: Option<f64>,
    totals: Vec<f64>,
}

impl Fleiss {
    /// A unit of weight `w` on which `counts[c]` annotators gave category `c`. Every unit
    /// must have the same number of annotators (at least two); units with another
    /// number are ignored.
    pub fn add(&mut self, counts: &[(Category, usize)], w: f64) {
        let m: usize = counts.iter().map(|&(_, n)| n).sum();
        if m < 2 {
            return;
        }
        let mf = m as f64;
        match self.raters {
            None => self.raters = Some(mf),
            Some(r) if r != mf => return,
            Some(_) => {}
        }
        let sq: f64 = counts.iter().map(|&(_, n)| (n * n) as f64).sum();
        self.agreement += w * (sq - mf) / (mf * (mf - 1.0));
        self.units += w;
        for &(c, n) in counts {
            add_at(&mut self.totals, c, w * n as f64);
        }
    }

    /// κ, or `None` when undefined (no units, or a single category throughout).
    pub fn kappa(&self) -> Option<f64> {
        let m = self.raters?;
        if self.units <= 0.0 {
            return None;
        }
        let p_bar = self.agreement / self.units;
        let pe: f64 = self
            .totals
            .iter()
            .map(|t| {
                let p = t / (self.units * m);
                p * p
            })
            .sum();
        if (1.0 - pe).abs() < 1e-12 {
            return None;
        }
        finite((p_bar - pe) / (1.0 - pe))
    }
}

/// Krippendorff's α with the nominal distance, from the coincidence matrix; units may
/// have any number of values (missing ones are simply absent), and units with fewer
/// than two values are not pairable and left out, as Krippendorff prescribes.
#[derive(Debug, Default, Clone)]
pub struct Krippendorff {
    /// Sum of the coincidence matrix's diagonal.
    agreed: f64,
    /// `n_c`: the pairable values of each category.
    values: Vec<f64>,
}

impl Krippendorff {
    /// A unit of weight `w` on which `counts[c]` annotators gave category `c`.
    pub fn add(&mut self, counts: &[(Category, usize)], w: f64) {
        let m: usize = counts.iter().map(|&(_, n)| n).sum();
        if m < 2 {
            return;
        }
        let mf = m as f64;
        for &(c, n) in counts {
            let nf = n as f64;
            self.agreed += w * nf * (nf - 1.0) / (mf - 1.0);
            add_at(&mut self.values, c, w * nf);
        }
    }

    /// α = 1 - (n - 1)·(n - Σ o_cc) / (n² - Σ n_c²), or `None` when undefined (fewer
    /// than two pairable values, or a single category throughout).
    pub fn alpha(&self) -> Option<f64> {
        let n: f64 = self.values.iter().sum();
        if n < 2.0 {
            return None;
        }
        let expected = n * n - self.values.iter().map(|v| v * v).sum::<f64>();
        if expected.abs() < 1e-9 {
            return None;
        }
        finite(1.0 - (n - 1.0) * (n - self.agreed) / expected)
    }
}

/// Counts the categories in a unit's values: `[1, 0, 1]` becomes `[(0, 1), (1, 2)]`.
pub fn tally(values: &[Category]) -> Vec<(Category, usize)> {
    let mut out: Vec<(Category, usize)> = Vec::with_capacity(values.len());
    for &v in values {
        match out.iter_mut().find(|(c, _)| *c == v) {
            Some((_, n)) => *n += 1,
            None => out.push((v, 1)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64, tol: f64) {
        let a = a.expect("defined");
        assert!((a - b).abs() < tol, "{a} != {b}");
    }

    fn units(rows: &[&[Option<usize>]]) -> Krippendorff {
        // rows: one per coder; columns: units.
        let mut k = Krippendorff::default();
        for u in 0..rows[0].len() {
            let vals: Vec<usize> = rows.iter().filter_map(|r| r[u]).collect();
            k.add(&tally(&vals), 1.0);
        }
        k
    }

    /// Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the 4 coders x
    /// 12 units example with missing values: α nominal = 0.743 (hand-worked there);
    /// Python `krippendorff` 0.9.0 gives 0.743421052631579.
    #[test]
    fn krippendorff_reliability_data_with_missing_values() {
        let n = None;
        let s = Some;
        let a = [
            s(1),
            s(2),
            s(3),
            s(3),
            s(2),
            s(1),
            s(4),
            s(1),
            s(2),
            n,
            n,
            n,
        ];
        let b = [
            s(1),
            s(2),
            s(3),
            s(3),
            s(2),
            s(2),
            s(4),
            s(1),
            s(2),
            s(5),
            n,
            s(3),
        ];
        let c = [
            n,
            s(3),
            s(3),
            s(3),
            s(2),
            s(3),
            s(4),
            s(2),
            s(2),
            s(5),
            s(1),
            n,
        ];
        let d = [
            s(1),
            s(2),
            s(3),
            s(3),
            s(2),
            s(4),
            s(4),
            s(1),
            s(2),
            s(5),
            s(1),
            n,
        ];
        close(units(&[&a, &b, &c, &d]).alpha(), 0.743421052631579, 1e-12);
    }

    /// Fleiss' κ, the worked example of 10 subjects rated by 14 raters into 5 categories
    /// (Wikipedia, "Fleiss' kappa", after Fleiss 1971): κ = 0.210; nltk 3.10.4
    /// `AnnotationTask.pi()` (multi-π, which is Fleiss' κ) gives 0.20993070442195522.
    #[test]
    fn fleiss_worked_example() {
        let table: [[usize; 5]; 10] = [
            [0, 0, 0, 0, 14],
            [0, 2, 6, 4, 2],
            [0, 0, 3, 5, 6],
            [0, 3, 9, 2, 0],
            [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0],
            [3, 2, 6, 3, 0],
            [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0],
            [0, 2, 2, 3, 7],
        ];
        let mut f = Fleiss::default();
        for row in table {
            let counts: Vec<(usize, usize)> = row
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(c, n)| (c, *n))
                .collect();
            f.add(&counts, 1.0);
        }
        close(f.kappa(), 0.20993070442195522, 1e-12);
    }

    /// Weights are multiplicities: a unit of weight 3 is three equal units.
    #[test]
    fn a_weight_counts_as_that_many_units() {
        let mut one = Cohen::default();
        let mut three = Cohen::default();
        for (a, b, w) in [(0, 0, 3.0), (1, 1, 2.0), (0, 1, 1.0)] {
            one.add(a, b, w);
            for _ in 0..(w as usize) {
                three.add(a, b, 1.0);
            }
        }
        assert_eq!(one.kappa(), three.kappa());
        // p_o = 5/6, p_e = (4/6)(3/6) + (2/6)(3/6) = 1/2: κ = 2/3.
        close(one.kappa(), 2.0 / 3.0, 1e-12);
    }

    #[test]
    fn no_variation_is_undefined_not_nan() {
        let mut c = Cohen::default();
        c.add(0, 0, 10.0);
        assert_eq!(c.kappa(), None);
        assert_eq!(Cohen::default().kappa(), None);
        let mut f = Fleiss::default();
        f.add(&[(0, 3)], 10.0);
        assert_eq!(f.kappa(), None);
        let mut k = Krippendorff::default();
        k.add(&[(1, 2)], 10.0);
        assert_eq!(k.alpha(), None);
        assert_eq!(Krippendorff::default().alpha(), None);
    }
}
