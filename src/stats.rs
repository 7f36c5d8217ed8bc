//! Summary statistics over replicates: mean, standard deviation, t-based
//! confidence intervals of the mean, and percentiles of the spread.

/// Discount factor of reported month `reported_month` at `rate` a year:
/// the one discounting convention of carescale. Month 0 is the first
/// reported month; every cost and day of a month is discounted at the
/// middle of that month, `(1 + rate)^-((m + 0.5) / 12)`. Warm-up months
/// (negative `m`) are not reported and not discounted (factor 1). The
/// engine applies it day by day (every day of a month has its month's
/// factor) and economics to the monthly series, so both give the same
/// discounted totals for the same rates.
pub fn discount_factor(rate: f64, reported_month: i64) -> f64 {
    if reported_month < 0 {
        1.0
    } else {
        (1.0 + rate).powf(-((reported_month as f64 + 0.5) / 12.0))
    }
}

/// Summary of one metric over replicates. `ci_*` is the confidence interval
/// of the *mean* (t-distribution); `p10/p50/p90` describe the *spread* of
/// single runs. The two are never the same thing.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Number of replicates.
    pub n: usize,
    /// Mean.
    pub mean: f64,
    /// Sample standard deviation (n − 1); 0 when n = 1.
    pub sd: f64,
    /// Lower bound of the 95% CI of the mean (NaN when n < 2).
    pub ci_lower: f64,
    /// Upper bound of the 95% CI of the mean (NaN when n < 2).
    pub ci_upper: f64,
    /// 10th percentile of the replicates.
    pub p10: f64,
    /// Median of the replicates.
    pub p50: f64,
    /// 90th percentile of the replicates.
    pub p90: f64,
}

impl Summary {
    /// The statistics after the count, in the column order of the summary
    /// tables: mean, sd, ci_lower, ci_upper, p10, p50, p90.
    pub fn columns(&self) -> [f64; 7] {
        [
            self.mean,
            self.sd,
            self.ci_lower,
            self.ci_upper,
            self.p10,
            self.p50,
            self.p90,
        ]
    }
}

/// Summarise values with a 95% CI.
pub fn summarise(values: &[f64]) -> Summary {
    summarise_level(values, 0.95)
}

/// Summarise values with a CI at `level` (e.g. 0.95).
pub fn summarise_level(values: &[f64], level: f64) -> Summary {
    let n = values.len();
    if n == 0 {
        return Summary {
            n,
            mean: f64::NAN,
            sd: f64::NAN,
            ci_lower: f64::NAN,
            ci_upper: f64::NAN,
            p10: f64::NAN,
            p50: f64::NAN,
            p90: f64::NAN,
        };
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    let sd = if n > 1 {
        (values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1) as f64).sqrt()
    } else {
        0.0
    };
    let (ci_lower, ci_upper) = if n > 1 {
        let h = t_quantile(0.5 + level / 2.0, (n - 1) as f64) * sd / (n as f64).sqrt();
        (mean - h, mean + h)
    } else {
        (f64::NAN, f64::NAN)
    };
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| a.total_cmp(b));
    Summary {
        n,
        mean,
        sd,
        ci_lower,
        ci_upper,
        p10: percentile(&sorted, 0.10),
        p50: percentile(&sorted, 0.5),
        p90: percentile(&sorted, 0.9),
    }
}

/// Percentile of sorted values by linear interpolation between closest ranks
/// (R's type 7, numpy's default).
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Natural log of the gamma function (Lanczos, g = 7, n = 9).
pub fn ln_gamma(x: f64) -> f64 {
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        std::f64::consts::PI.ln() - (std::f64::consts::PI * x).sin().ln() - ln_gamma(1.0 - x)
    } else {
        let x = x - 1.0;
        let mut a = C[0];
        let t = x + 7.5;
        for (i, c) in C.iter().enumerate().skip(1) {
            a += c / (x + i as f64);
        }
        0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
    }
}

/// Continued fraction for the regularised incomplete beta (Lentz's method).
fn beta_cf(a: f64, b: f64, x: f64) -> f64 {
    let tiny = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < tiny {
        d = tiny;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..300 {
        let m = m as f64;
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if d.abs() < tiny {
            d = tiny;
        }
        c = 1.0 + aa / c;
        if c.abs() < tiny {
            c = tiny;
        }
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if d.abs() < tiny {
            d = tiny;
        }
        c = 1.0 + aa / c;
        if c.abs() < tiny {
            c = tiny;
        }
        d = 1.0 / d;
        let del = d * c;
        h *= del;
        if (del - 1.0).abs() < 1e-15 {
            break;
        }
    }
    h
}

/// Regularised incomplete beta function I_x(a, b).
pub fn inc_beta(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_bt = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln();
    if x < (a + 1.0) / (a + b + 2.0) {
        ln_bt.exp() * beta_cf(a, b, x) / a
    } else {
        1.0 - ln_bt.exp() * beta_cf(b, a, 1.0 - x) / b
    }
}

/// CDF of Student's t with `df` degrees of freedom.
pub fn t_cdf(t: f64, df: f64) -> f64 {
    let x = df / (df + t * t);
    let tail = 0.5 * inc_beta(df / 2.0, 0.5, x);
    if t > 0.0 {
        1.0 - tail
    } else {
        tail
    }
}

/// Quantile of Student's t with `df` degrees of freedom (bisection on the
/// CDF to 1e-12: exact enough for any interval we print).
///
/// Each bisection step evaluates the incomplete beta function, so one
/// quantile costs about 10^5 instructions, and a sweep's summaries ask for
/// the same few (the 97.5% point at n - 1 degrees of freedom) hundreds of
/// thousands of times. Results are remembered per thread by the exact bits
/// of `(p, df)`: the same arguments give the same bits as computing afresh.
pub fn t_quantile(p: f64, df: f64) -> f64 {
    use std::cell::RefCell;
    use std::collections::BTreeMap;
    /// Distinct arguments remembered per thread before the memory is
    /// cleared (Welch's degrees of freedom are not whole numbers).
    const MAX_REMEMBERED: usize = 4096;
    thread_local! {
        static KNOWN: RefCell<BTreeMap<(u64, u64), f64>> = const { RefCell::new(BTreeMap::new()) };
    }
    let key = (p.to_bits(), df.to_bits());
    if let Some(q) = KNOWN.with(|k| k.borrow().get(&key).copied()) {
        return q;
    }
    let q = t_quantile_bisect(p, df);
    KNOWN.with(|k| {
        let mut k = k.borrow_mut();
        if k.len() >= MAX_REMEMBERED {
            k.clear();
        }
        k.insert(key, q);
    });
    q
}

/// [`t_quantile`] computed afresh.
fn t_quantile_bisect(p: f64, df: f64) -> f64 {
    if p == 0.5 {
        return 0.0;
    }
    let (mut lo, mut hi) = (-1e4, 1e4);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if t_cdf(mid, df) < p {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-12 {
            break;
        }
    }
    0.5 * (lo + hi)
}

/// Quantile of the standard normal (via a t with very many df is slow; use
/// Acklam's rational approximation refined by one Newton step).
pub fn normal_quantile(p: f64) -> f64 {
    t_quantile(p, 1e7)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantiles_match_tables() {
        // Values from standard t tables (two-sided 95%).
        let cases = [
            (1.0, 12.706_204_736),
            (2.0, 4.302_652_730),
            (4.0, 2.776_445_105),
            (9.0, 2.262_157_163),
            (29.0, 2.045_229_642),
            (999.0, 1.962_341_461),
        ];
        for (df, want) in cases {
            let got = t_quantile(0.975, df);
            assert!((got - want).abs() < 1e-6, "df {df}: {got} vs {want}");
        }
        assert!((normal_quantile(0.975) - 1.959_963_985).abs() < 1e-5);
    }

    #[test]
    fn remembered_t_quantiles_are_the_computed_ones() {
        // Twice each, so the second comes from memory; NaN arguments too.
        for _ in 0..2 {
            for df in [1.0, 2.0, 3.5, 9.0, 29.0, 1e7, f64::NAN] {
                for p in [0.5, 0.9, 0.975, 0.995, f64::NAN] {
                    let (a, b) = (t_quantile(p, df), t_quantile_bisect(p, df));
                    assert_eq!(a.to_bits(), b.to_bits(), "p {p}, df {df}");
                }
            }
        }
    }

    #[test]
    fn summary_by_hand() {
        // values 1..=5: mean 3, sd sqrt(2.5) = 1.5811, half-width
        // 2.776445 * 1.5811 / sqrt(5) = 1.963243.
        let s = summarise(&[1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(s.n, 5);
        assert!((s.mean - 3.0).abs() < 1e-12);
        assert!((s.sd - 2.5f64.sqrt()).abs() < 1e-12);
        assert!((s.ci_upper - 4.963_243).abs() < 1e-5, "{}", s.ci_upper);
        assert!((s.ci_lower - 1.036_757).abs() < 1e-5);
        assert!((s.p10 - 1.4).abs() < 1e-12);
        assert!((s.p50 - 3.0).abs() < 1e-12);
        assert!((s.p90 - 4.6).abs() < 1e-12);
    }

    #[test]
    fn single_value_has_no_interval() {
        let s = summarise(&[7.0]);
        assert_eq!(s.sd, 0.0);
        assert!(s.ci_lower.is_nan());
    }
}
