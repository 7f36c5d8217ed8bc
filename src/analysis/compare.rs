//! Paired comparisons of a cell with the baseline. Replicate *r* of a cell
//! and replicate *r* of the baseline share common random numbers, so the
//! comparison is made on the pairs.
//!
//! - **Difference**: the mean of the paired differences, with a t-based 95%
//!   CI from their standard deviation (n − 1 degrees of freedom).
//! - **Ratio**: the ratio of the two means, with a 95% CI by the delta
//!   method on the log scale using the paired covariance:
//!   `var(ln R) ≈ s²ₓ/(n x̄²) + s²ᵧ/(n ȳ²) − 2 sₓᵧ/(n x̄ ȳ)`, interval
//!   `exp(ln R ± t(n−1) · se)`. Chosen over the mean of per-replicate log
//!   ratios because it estimates the ratio of means (what a policy reader
//!   means by "15% fewer admissions") and copes with replicates at zero. It
//!   is `NA` unless both means are above zero.
//!
//! Pairs where either value is missing are dropped.

use crate::stats::t_quantile;

/// A paired comparison of one metric.
#[derive(Clone, Debug, PartialEq)]
pub struct Paired {
    /// Number of complete pairs.
    pub n: usize,
    /// Mean of the baseline.
    pub baseline_mean: f64,
    /// Mean of the cell.
    pub mean: f64,
    /// Mean difference (cell − baseline).
    pub diff_mean: f64,
    /// SD of the paired differences.
    pub diff_sd: f64,
    /// 95% CI of the mean difference.
    pub diff_ci_lower: f64,
    /// Upper bound.
    pub diff_ci_upper: f64,
    /// Ratio of means (cell / baseline).
    pub ratio: f64,
    /// 95% CI of the ratio (delta method, log scale).
    pub ratio_ci_lower: f64,
    /// Upper bound.
    pub ratio_ci_upper: f64,
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

/// Compare `cell` with `base`, pairing by position.
pub fn paired(cell: &[f64], base: &[f64]) -> Paired {
    let (x, y): (Vec<f64>, Vec<f64>) = cell
        .iter()
        .zip(base)
        .filter(|(a, b)| a.is_finite() && b.is_finite())
        .map(|(a, b)| (*a, *b))
        .unzip();
    let n = x.len();
    let nan = f64::NAN;
    if n == 0 {
        return Paired {
            n,
            baseline_mean: nan,
            mean: nan,
            diff_mean: nan,
            diff_sd: nan,
            diff_ci_lower: nan,
            diff_ci_upper: nan,
            ratio: nan,
            ratio_ci_lower: nan,
            ratio_ci_upper: nan,
        };
    }
    let (xm, ym) = (mean(&x), mean(&y));
    let d: Vec<f64> = x.iter().zip(&y).map(|(a, b)| a - b).collect();
    let dm = mean(&d);
    let nf = n as f64;
    let cov = |a: &[f64], am: f64, b: &[f64], bm: f64| {
        a.iter()
            .zip(b)
            .map(|(p, q)| (p - am) * (q - bm))
            .sum::<f64>()
            / (nf - 1.0)
    };
    let ratio = if ym != 0.0 { xm / ym } else { nan };
    if n < 2 {
        return Paired {
            n,
            baseline_mean: ym,
            mean: xm,
            diff_mean: dm,
            diff_sd: 0.0,
            diff_ci_lower: nan,
            diff_ci_upper: nan,
            ratio,
            ratio_ci_lower: nan,
            ratio_ci_upper: nan,
        };
    }
    let t = t_quantile(0.975, nf - 1.0);
    let dsd = cov(&d, dm, &d, dm).sqrt();
    let h = t * dsd / nf.sqrt();
    let (rl, ru) = if xm > 0.0 && ym > 0.0 {
        let v = cov(&x, xm, &x, xm) / (nf * xm * xm) + cov(&y, ym, &y, ym) / (nf * ym * ym)
            - 2.0 * cov(&x, xm, &y, ym) / (nf * xm * ym);
        let se = v.max(0.0).sqrt();
        let l = ratio.ln();
        ((l - t * se).exp(), (l + t * se).exp())
    } else {
        (nan, nan)
    };
    Paired {
        n,
        baseline_mean: ym,
        mean: xm,
        diff_mean: dm,
        diff_sd: dsd,
        diff_ci_lower: dm - h,
        diff_ci_upper: dm + h,
        ratio,
        ratio_ci_lower: rl,
        ratio_ci_upper: ru,
    }
}

/// Half-width of the 95% CI of a difference of means when the two samples
/// are treated as independent (Welch), for showing what pairing buys.
pub fn unpaired_half_width(cell: &[f64], base: &[f64]) -> f64 {
    let var = |v: &[f64]| {
        let m = mean(v);
        v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (v.len() as f64 - 1.0)
    };
    let (a, b) = (var(cell) / cell.len() as f64, var(base) / base.len() as f64);
    let df =
        (a + b).powi(2) / (a * a / (cell.len() as f64 - 1.0) + b * b / (base.len() as f64 - 1.0));
    t_quantile(0.975, df) * (a + b).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paired_by_hand() {
        // x = 10, 12, 11, 13; y = 9, 10, 10, 11. Differences 1, 2, 1, 2:
        // mean 1.5, sd sqrt(1/3) = 0.57735, t(3) = 3.182446, half-width
        // 0.918693. Ratio 11.5 / 10 = 1.15; s²x = 5/3, s²y = 2/3, sxy = 1:
        // var(ln R) = 0.000469435, CI exp(ln 1.15 ± 3.182446 x 0.0216665)
        // = 1.073377 to 1.232093.
        let p = paired(&[10.0, 12.0, 11.0, 13.0], &[9.0, 10.0, 10.0, 11.0]);
        assert_eq!(p.n, 4);
        assert!((p.diff_mean - 1.5).abs() < 1e-12);
        assert!((p.diff_sd - (1.0f64 / 3.0).sqrt()).abs() < 1e-12);
        assert!(
            (p.diff_ci_lower - 0.581_306_884_5).abs() < 1e-8,
            "{}",
            p.diff_ci_lower
        );
        assert!((p.diff_ci_upper - 2.418_693_115_5).abs() < 1e-8);
        assert!((p.ratio - 1.15).abs() < 1e-12);
        assert!(
            (p.ratio_ci_lower - 1.073_376_540).abs() < 1e-8,
            "{}",
            p.ratio_ci_lower
        );
        assert!(
            (p.ratio_ci_upper - 1.232_093_260).abs() < 1e-8,
            "{}",
            p.ratio_ci_upper
        );
    }

    #[test]
    fn missing_pairs_are_dropped_and_identical_inputs_give_zero_width() {
        let p = paired(&[1.0, f64::NAN, 3.0], &[1.0, 2.0, 3.0]);
        assert_eq!(p.n, 2);
        assert_eq!(p.diff_ci_lower, 0.0);
        assert_eq!(p.ratio_ci_upper, 1.0);
        let z = paired(&[0.0, 0.0], &[0.0, 0.0]);
        assert!(z.ratio.is_nan());
    }

    #[test]
    fn welch_by_hand() {
        // a = 1, 2, 3 (var 1), b = 2, 4, 6 (var 4): se² = 1/3 + 4/3 = 5/3,
        // df = (5/3)² / ((1/3)²/2 + (4/3)²/2) = 2.941176, t = 3.21875,
        // half-width 3.21875 x 1.290994 = 4.1554.
        let h = unpaired_half_width(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]);
        let want = t_quantile(0.975, 25.0 / 9.0 / (17.0 / 18.0)) * (5.0f64 / 3.0).sqrt();
        assert!((h - want).abs() < 1e-12);
        assert!((h - 4.1554).abs() < 1e-3, "{h}");
    }
}
