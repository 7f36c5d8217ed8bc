//! Parameter distributions for probabilistic sensitivity analysis (PSA) and
//! Latin hypercube designs: beta, gamma, lognormal, normal, PERT,
//! triangular, uniform and fixed, each given by its native parameters, by a
//! mean and standard error, or by a 95% interval.
//!
//! Every distribution is sampled by its quantile function from one uniform
//! draw. That keeps one draw per parameter per sample (adding a parameter
//! never shifts another's values), lets a Latin hypercube stratify any
//! distribution, and makes truncation exact: a truncated draw is the
//! quantile of a uniform squeezed between the CDF at the two bounds.

use crate::stats::{inc_beta, ln_gamma};

/// A distribution with checked parameters (built only by the constructors
/// below, which refuse impossible parameters).
#[derive(Clone, Debug, PartialEq)]
pub enum Dist {
    /// Always the same value.
    Fixed(f64),
    /// Uniform on `[min, max]`.
    Uniform {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
    /// Normal.
    Normal {
        /// Mean.
        mean: f64,
        /// Standard deviation.
        sd: f64,
    },
    /// Lognormal: the log is normal with `meanlog`, `sdlog`.
    LogNormal {
        /// Mean of the log.
        meanlog: f64,
        /// SD of the log.
        sdlog: f64,
    },
    /// Beta on `[0, 1]`.
    Beta {
        /// First shape.
        alpha: f64,
        /// Second shape.
        beta: f64,
    },
    /// Gamma with shape and scale (mean = shape x scale).
    Gamma {
        /// Shape.
        shape: f64,
        /// Scale.
        scale: f64,
    },
    /// Triangular on `[min, max]` with mode.
    Triangular {
        /// Lower bound.
        min: f64,
        /// Most likely value.
        mode: f64,
        /// Upper bound.
        max: f64,
    },
    /// PERT: a beta on `[min, max]` with mode and weight `lambda` (4 is the
    /// classic PERT).
    Pert {
        /// Lower bound.
        min: f64,
        /// Most likely value.
        mode: f64,
        /// Upper bound.
        max: f64,
        /// Weight of the mode.
        lambda: f64,
    },
}

/// z such that P(Z < z) = 0.975.
pub const Z975: f64 = 1.959_963_984_540_054;

fn finite(vals: &[f64]) -> bool {
    vals.iter().all(|v| v.is_finite())
}

impl Dist {
    /// The distribution's name as written in sweep files.
    pub fn name(&self) -> &'static str {
        match self {
            Dist::Fixed(_) => "fixed",
            Dist::Uniform { .. } => "uniform",
            Dist::Normal { .. } => "normal",
            Dist::LogNormal { .. } => "lognormal",
            Dist::Beta { .. } => "beta",
            Dist::Gamma { .. } => "gamma",
            Dist::Triangular { .. } => "triangular",
            Dist::Pert { .. } => "pert",
        }
    }

    /// Check native parameters.
    pub fn checked(self) -> Result<Dist, String> {
        let ok = match &self {
            Dist::Fixed(v) => finite(&[*v]),
            Dist::Uniform { min, max } => finite(&[*min, *max]) && min < max,
            Dist::Normal { mean, sd } => finite(&[*mean, *sd]) && *sd > 0.0,
            Dist::LogNormal { meanlog, sdlog } => finite(&[*meanlog, *sdlog]) && *sdlog > 0.0,
            Dist::Beta { alpha, beta } => finite(&[*alpha, *beta]) && *alpha > 0.0 && *beta > 0.0,
            Dist::Gamma { shape, scale } => {
                finite(&[*shape, *scale]) && *shape > 0.0 && *scale > 0.0
            }
            Dist::Triangular { min, mode, max } => {
                finite(&[*min, *mode, *max]) && min < max && min <= mode && mode <= max
            }
            Dist::Pert {
                min,
                mode,
                max,
                lambda,
            } => {
                finite(&[*min, *mode, *max, *lambda])
                    && min < max
                    && min <= mode
                    && mode <= max
                    && *lambda > 0.0
            }
        };
        if ok {
            Ok(self)
        } else {
            Err(match self {
                Dist::Fixed(_) => "the value must be a finite number",
                Dist::Uniform { .. } => "min must be below max",
                Dist::Normal { .. } => "sd must be above 0",
                Dist::LogNormal { .. } => "sdlog must be above 0",
                Dist::Beta { .. } => "alpha and beta must both be above 0",
                Dist::Gamma { .. } => "shape and scale must both be above 0",
                Dist::Triangular { .. } => "need min <= mode <= max and min < max",
                Dist::Pert { .. } => "need min <= mode <= max, min < max and lambda above 0",
            }
            .to_string())
        }
    }

    /// From a mean and standard error (method of moments).
    pub fn from_mean_se(name: &str, mean: f64, se: f64) -> Result<Dist, String> {
        if !(mean.is_finite() && se.is_finite() && se > 0.0) {
            return Err("mean must be finite and se above 0".into());
        }
        match name {
            "normal" => Dist::Normal { mean, sd: se }.checked(),
            "lognormal" => {
                if mean <= 0.0 {
                    return Err("a lognormal needs a mean above 0".into());
                }
                let s2 = (1.0 + (se / mean).powi(2)).ln();
                Dist::LogNormal {
                    meanlog: mean.ln() - s2 / 2.0,
                    sdlog: s2.sqrt(),
                }
                .checked()
            }
            "beta" => {
                if !(mean > 0.0 && mean < 1.0) || se * se >= mean * (1.0 - mean) {
                    return Err(format!(
                        "a beta needs 0 < mean < 1 and se below sqrt(mean x (1 - mean)) = {:.4}",
                        (mean * (1.0 - mean)).max(0.0).sqrt()
                    ));
                }
                let k = mean * (1.0 - mean) / (se * se) - 1.0;
                Dist::Beta {
                    alpha: mean * k,
                    beta: (1.0 - mean) * k,
                }
                .checked()
            }
            "gamma" => {
                if mean <= 0.0 {
                    return Err("a gamma needs a mean above 0".into());
                }
                Dist::Gamma {
                    shape: (mean / se).powi(2),
                    scale: se * se / mean,
                }
                .checked()
            }
            "uniform" => Dist::Uniform {
                min: mean - 3f64.sqrt() * se,
                max: mean + 3f64.sqrt() * se,
            }
            .checked(),
            other => Err(format!(
                "a {other} cannot be given by mean and se; use beta, gamma, lognormal, normal or uniform"
            )),
        }
    }

    /// From a central 95% interval: the 2.5% and 97.5% quantiles are `lo`
    /// and `hi`. Exact for normal, lognormal and uniform; fitted for gamma
    /// (bisection on the shape) and beta (Nelder–Mead on the log shapes),
    /// refused if the fit misses by more than 1e-6 in probability.
    pub fn from_interval(name: &str, lo: f64, hi: f64) -> Result<Dist, String> {
        if !(lo.is_finite() && hi.is_finite() && lo < hi) {
            return Err("the interval must be [lower, upper] with lower < upper".into());
        }
        let d = match name {
            "normal" => Dist::Normal {
                mean: (lo + hi) / 2.0,
                sd: (hi - lo) / (2.0 * Z975),
            }
            .checked()?,
            "lognormal" => {
                if lo <= 0.0 {
                    return Err("a lognormal interval must be above 0".into());
                }
                Dist::LogNormal {
                    meanlog: (lo.ln() + hi.ln()) / 2.0,
                    sdlog: (hi.ln() - lo.ln()) / (2.0 * Z975),
                }
                .checked()?
            }
            "uniform" => {
                let w = (hi - lo) / 0.95;
                Dist::Uniform {
                    min: lo - 0.025 * w,
                    max: hi + 0.025 * w,
                }
                .checked()?
            }
            "gamma" => fit_gamma(lo, hi)?,
            "beta" => fit_beta(lo, hi)?,
            other => {
                return Err(format!(
                    "a {other} cannot be given by an interval; use beta, gamma, lognormal, normal or uniform"
                ))
            }
        };
        let miss = (d.cdf(lo) - 0.025).abs().max((d.cdf(hi) - 0.975).abs());
        if miss > 1e-6 {
            return Err(format!(
                "no {name} has this 95% interval (best fit misses by {miss:.2e} in probability)"
            ));
        }
        Ok(d)
    }

    /// Native parameters, by name, for reports.
    pub fn native(&self) -> Vec<(&'static str, f64)> {
        match *self {
            Dist::Fixed(v) => vec![("value", v)],
            Dist::Uniform { min, max } => vec![("min", min), ("max", max)],
            Dist::Normal { mean, sd } => vec![("mean", mean), ("sd", sd)],
            Dist::LogNormal { meanlog, sdlog } => vec![("meanlog", meanlog), ("sdlog", sdlog)],
            Dist::Beta { alpha, beta } => vec![("alpha", alpha), ("beta", beta)],
            Dist::Gamma { shape, scale } => vec![("shape", shape), ("scale", scale)],
            Dist::Triangular { min, mode, max } => vec![("min", min), ("mode", mode), ("max", max)],
            Dist::Pert {
                min,
                mode,
                max,
                lambda,
            } => vec![
                ("min", min),
                ("mode", mode),
                ("max", max),
                ("lambda", lambda),
            ],
        }
    }

    fn pert_shapes(min: f64, mode: f64, max: f64, lambda: f64) -> (f64, f64) {
        let r = max - min;
        (
            1.0 + lambda * (mode - min) / r,
            1.0 + lambda * (max - mode) / r,
        )
    }

    /// Mean.
    pub fn mean(&self) -> f64 {
        match *self {
            Dist::Fixed(v) => v,
            Dist::Uniform { min, max } => (min + max) / 2.0,
            Dist::Normal { mean, .. } => mean,
            Dist::LogNormal { meanlog, sdlog } => (meanlog + sdlog * sdlog / 2.0).exp(),
            Dist::Beta { alpha, beta } => alpha / (alpha + beta),
            Dist::Gamma { shape, scale } => shape * scale,
            Dist::Triangular { min, mode, max } => (min + mode + max) / 3.0,
            Dist::Pert {
                min,
                mode,
                max,
                lambda,
            } => (min + lambda * mode + max) / (lambda + 2.0),
        }
    }

    /// Standard deviation.
    pub fn sd(&self) -> f64 {
        let var = match *self {
            Dist::Fixed(_) => 0.0,
            Dist::Uniform { min, max } => (max - min).powi(2) / 12.0,
            Dist::Normal { sd, .. } => sd * sd,
            Dist::LogNormal { meanlog, sdlog } => {
                ((sdlog * sdlog).exp() - 1.0) * (2.0 * meanlog + sdlog * sdlog).exp()
            }
            Dist::Beta { alpha, beta } => {
                alpha * beta / ((alpha + beta).powi(2) * (alpha + beta + 1.0))
            }
            Dist::Gamma { shape, scale } => shape * scale * scale,
            Dist::Triangular { min, mode, max } => {
                (min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18.0
            }
            Dist::Pert {
                min,
                mode,
                max,
                lambda,
            } => {
                let (a, b) = Dist::pert_shapes(min, mode, max, lambda);
                (max - min).powi(2) * a * b / ((a + b).powi(2) * (a + b + 1.0))
            }
        };
        var.sqrt()
    }

    /// Cumulative distribution function.
    pub fn cdf(&self, x: f64) -> f64 {
        match *self {
            Dist::Fixed(v) => {
                if x < v {
                    0.0
                } else {
                    1.0
                }
            }
            Dist::Uniform { min, max } => ((x - min) / (max - min)).clamp(0.0, 1.0),
            Dist::Normal { mean, sd } => normal_cdf((x - mean) / sd),
            Dist::LogNormal { meanlog, sdlog } => {
                if x <= 0.0 {
                    0.0
                } else {
                    normal_cdf((x.ln() - meanlog) / sdlog)
                }
            }
            Dist::Beta { alpha, beta } => inc_beta(alpha, beta, x),
            Dist::Gamma { shape, scale } => inc_gamma(shape, x / scale),
            Dist::Triangular { min, mode, max } => {
                if x <= min {
                    0.0
                } else if x >= max {
                    1.0
                } else if x <= mode {
                    (x - min).powi(2) / ((max - min) * (mode - min))
                } else {
                    1.0 - (max - x).powi(2) / ((max - min) * (max - mode))
                }
            }
            Dist::Pert {
                min,
                mode,
                max,
                lambda,
            } => {
                let (a, b) = Dist::pert_shapes(min, mode, max, lambda);
                inc_beta(a, b, (x - min) / (max - min))
            }
        }
    }

    /// Quantile function (inverse CDF) for `p` in (0, 1).
    pub fn quantile(&self, p: f64) -> f64 {
        match *self {
            Dist::Fixed(v) => v,
            Dist::Uniform { min, max } => min + p * (max - min),
            Dist::Normal { mean, sd } => mean + sd * normal_quantile(p),
            Dist::LogNormal { meanlog, sdlog } => (meanlog + sdlog * normal_quantile(p)).exp(),
            Dist::Beta { alpha, beta } => bisect(|x| inc_beta(alpha, beta, x), p, 0.0, 1.0),
            Dist::Gamma { shape, scale } => scale * gamma_quantile(shape, p),
            Dist::Triangular { min, mode, max } => {
                let f = (mode - min) / (max - min);
                if p < f {
                    min + (p * (max - min) * (mode - min)).sqrt()
                } else {
                    max - ((1.0 - p) * (max - min) * (max - mode)).sqrt()
                }
            }
            Dist::Pert {
                min,
                mode,
                max,
                lambda,
            } => {
                let (a, b) = Dist::pert_shapes(min, mode, max, lambda);
                min + (max - min) * bisect(|x| inc_beta(a, b, x), p, 0.0, 1.0)
            }
        }
    }
}

/// Bisection for the `x` in `[lo, hi]` where the increasing `f` reaches `p`.
fn bisect(f: impl Fn(f64) -> f64, p: f64, mut lo: f64, mut hi: f64) -> f64 {
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if f(mid) < p {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo <= 1e-15 * hi.abs().max(1e-300) {
            break;
        }
    }
    0.5 * (lo + hi)
}

fn gamma_quantile(shape: f64, p: f64) -> f64 {
    let mut hi = shape.max(1.0);
    while inc_gamma(shape, hi) < p && hi < 1e300 {
        hi *= 2.0;
    }
    bisect(|x| inc_gamma(shape, x), p, 0.0, hi)
}

/// Regularised lower incomplete gamma P(a, x): series below a + 1,
/// continued fraction above (Numerical Recipes 6.2).
pub fn inc_gamma(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    let gln = ln_gamma(a);
    if x < a + 1.0 {
        let (mut ap, mut sum) = (a, 1.0 / a);
        let mut del = sum;
        for _ in 0..10_000 {
            ap += 1.0;
            del *= x / ap;
            sum += del;
            if del.abs() < sum.abs() * 1e-16 {
                break;
            }
        }
        (sum.ln() - x + a * x.ln() - gln).exp().min(1.0)
    } else {
        let tiny = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / tiny;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..10_000 {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < tiny {
                d = tiny;
            }
            c = b + an / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            let del = d * c;
            h *= del;
            if (del - 1.0).abs() < 1e-16 {
                break;
            }
        }
        (1.0 - (-x + a * x.ln() - gln).exp() * h).max(0.0)
    }
}

/// Standard normal CDF, through P(1/2, z²/2).
pub fn normal_cdf(z: f64) -> f64 {
    let half = 0.5 * inc_gamma(0.5, z * z / 2.0);
    if z >= 0.0 {
        0.5 + half
    } else {
        0.5 - half
    }
}

/// Standard normal quantile: Acklam's rational approximation polished by
/// two Newton steps on [`normal_cdf`].
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let pl = 0.02425;
    let mut x = if p < pl {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - pl {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = (-2.0 * (1.0 - p).ln()).sqrt();
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    for _ in 0..2 {
        let pdf = (-x * x / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt();
        if pdf > 1e-300 {
            x -= (normal_cdf(x) - p) / pdf;
        }
    }
    x
}

/// Gamma with the given 2.5% and 97.5% quantiles: the ratio hi/lo depends on
/// the shape alone and falls as the shape grows, so bisect on log shape.
fn fit_gamma(lo: f64, hi: f64) -> Result<Dist, String> {
    if lo <= 0.0 {
        return Err("a gamma interval must be above 0".into());
    }
    let target = (hi / lo).ln();
    let ratio = |k: f64| (gamma_quantile(k, 0.975) / gamma_quantile(k, 0.025)).ln();
    let (mut a, mut b) = (-6.0f64, 14.0f64); // log shape from 0.0025 to 1.2e6
    if ratio(b.exp()) > target || ratio(a.exp()) < target {
        return Err("the interval is too narrow or too wide for a gamma".into());
    }
    for _ in 0..100 {
        let m = 0.5 * (a + b);
        if ratio(m.exp()) > target {
            a = m;
        } else {
            b = m;
        }
    }
    let shape = (0.5 * (a + b)).exp();
    Dist::Gamma {
        shape,
        scale: lo / gamma_quantile(shape, 0.025),
    }
    .checked()
}

/// Beta with the given 2.5% and 97.5% quantiles, by Nelder–Mead on
/// (ln alpha, ln beta) from the moment estimate.
fn fit_beta(lo: f64, hi: f64) -> Result<Dist, String> {
    if !(lo > 0.0 && hi < 1.0) {
        return Err("a beta interval must lie inside (0, 1)".into());
    }
    let loss = |v: &[f64; 2]| {
        let (a, b) = (v[0].exp(), v[1].exp());
        (inc_beta(a, b, lo) - 0.025).powi(2) + (inc_beta(a, b, hi) - 0.975).powi(2)
    };
    let m = (lo + hi) / 2.0;
    let se = (hi - lo) / (2.0 * Z975);
    let start = match Dist::from_mean_se("beta", m, se) {
        Ok(Dist::Beta { alpha, beta }) => [alpha.ln(), beta.ln()],
        _ => [0.0, 0.0],
    };
    let best = nelder_mead(loss, start);
    Dist::Beta {
        alpha: best[0].exp(),
        beta: best[1].exp(),
    }
    .checked()
}

fn nelder_mead(f: impl Fn(&[f64; 2]) -> f64, start: [f64; 2]) -> [f64; 2] {
    let mut s = [
        start,
        [start[0] + 0.5, start[1]],
        [start[0], start[1] + 0.5],
    ];
    let mut fs = s.map(|p| f(&p));
    for _ in 0..2000 {
        let mut idx = [0usize, 1, 2];
        idx.sort_by(|&i, &j| fs[i].total_cmp(&fs[j]));
        s = idx.map(|i| s[i]);
        fs = idx.map(|i| fs[i]);
        if fs[2] - fs[0] < 1e-30 {
            break;
        }
        let c = [(s[0][0] + s[1][0]) / 2.0, (s[0][1] + s[1][1]) / 2.0];
        let at = |t: f64| [c[0] + t * (s[2][0] - c[0]), c[1] + t * (s[2][1] - c[1])];
        let r = at(-1.0);
        let fr = f(&r);
        if fr < fs[0] {
            let e = at(-2.0);
            let fe = f(&e);
            if fe < fr {
                (s[2], fs[2]) = (e, fe);
            } else {
                (s[2], fs[2]) = (r, fr);
            }
        } else if fr < fs[1] {
            (s[2], fs[2]) = (r, fr);
        } else {
            let k = at(0.5);
            let fk = f(&k);
            if fk < fs[2] {
                (s[2], fs[2]) = (k, fk);
            } else {
                for i in 1..3 {
                    s[i] = [(s[0][0] + s[i][0]) / 2.0, (s[0][1] + s[i][1]) / 2.0];
                    fs[i] = f(&s[i]);
                }
            }
        }
    }
    let i = (0..3).min_by(|&i, &j| fs[i].total_cmp(&fs[j])).unwrap_or(0);
    s[i]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_quantile_matches_tables() {
        assert!((normal_quantile(0.975) - Z975).abs() < 1e-12);
        assert!((normal_quantile(0.5)).abs() < 1e-14);
        assert!((normal_quantile(0.001) + 3.090_232_306_167_813_5).abs() < 1e-10);
        assert!((normal_cdf(1.0) - 0.841_344_746_068_542_9).abs() < 1e-14);
    }

    #[test]
    fn quantile_inverts_cdf_for_every_family() {
        let ds = [
            Dist::Uniform { min: 1.0, max: 3.0 },
            Dist::Normal { mean: 2.0, sd: 0.5 },
            Dist::LogNormal {
                meanlog: -0.4,
                sdlog: 0.3,
            },
            Dist::Beta {
                alpha: 2.0,
                beta: 7.5,
            },
            Dist::Gamma {
                shape: 0.7,
                scale: 3.0,
            },
            Dist::Gamma {
                shape: 40.0,
                scale: 0.1,
            },
            Dist::Triangular {
                min: 0.0,
                mode: 0.2,
                max: 1.0,
            },
            Dist::Pert {
                min: 0.8,
                mode: 0.95,
                max: 1.0,
                lambda: 4.0,
            },
        ];
        for d in ds {
            for p in [0.001, 0.025, 0.3, 0.5, 0.9, 0.975, 0.999] {
                let x = d.quantile(p);
                assert!(
                    (d.cdf(x) - p).abs() < 1e-9,
                    "{d:?} p {p}: F(Q(p)) = {}",
                    d.cdf(x)
                );
            }
        }
    }

    #[test]
    fn mean_and_se_give_the_moments() {
        for name in ["normal", "lognormal", "beta", "gamma", "uniform"] {
            let d = Dist::from_mean_se(name, 0.3, 0.05).unwrap();
            assert!((d.mean() - 0.3).abs() < 1e-12, "{name} {}", d.mean());
            assert!((d.sd() - 0.05).abs() < 1e-12, "{name} {}", d.sd());
        }
        // By hand: beta mean 0.3, se 0.05: k = 0.21 / 0.0025 - 1 = 83,
        // alpha = 24.9, beta = 58.1.
        let Dist::Beta { alpha, beta } = Dist::from_mean_se("beta", 0.3, 0.05).unwrap() else {
            panic!()
        };
        assert!((alpha - 24.9).abs() < 1e-9 && (beta - 58.1).abs() < 1e-9);
        assert!(Dist::from_mean_se("beta", 0.5, 0.6).is_err());
        assert!(Dist::from_mean_se("pert", 0.5, 0.1).is_err());
    }

    #[test]
    fn intervals_are_hit() {
        for name in ["normal", "lognormal", "uniform", "gamma", "beta"] {
            let d = Dist::from_interval(name, 0.42, 0.86).unwrap();
            assert!((d.cdf(0.42) - 0.025).abs() < 1e-6, "{name}");
            assert!((d.cdf(0.86) - 0.975).abs() < 1e-6, "{name}");
        }
        // Lognormal by hand: meanlog = (ln 0.42 + ln 0.86) / 2 = -0.50916,
        // sdlog = (ln 0.86 - ln 0.42) / 3.919928 = 0.182829.
        let Dist::LogNormal { meanlog, sdlog } =
            Dist::from_interval("lognormal", 0.42, 0.86).unwrap()
        else {
            panic!()
        };
        assert!((meanlog + 0.509_16).abs() < 1e-5, "{meanlog}");
        assert!((sdlog - 0.182_829).abs() < 1e-5, "{sdlog}");
        assert!(Dist::from_interval("beta", 0.2, 1.3).is_err());
    }

    #[test]
    fn sample_means_agree_with_rand_distr() {
        // The same distribution drawn by rand_distr and by our quantile
        // function: means agree within 6 standard errors (far in the tail).
        use crate::model::rng::SplitMix64;
        use rand_distr::Distribution;
        let n = 100_000;
        let mut g = SplitMix64::new(11);
        let rd = rand_distr::Beta::new(2.0, 5.0).unwrap();
        let a: f64 = (0..n).map(|_| rd.sample(&mut g)).sum::<f64>() / n as f64;
        let d = Dist::Beta {
            alpha: 2.0,
            beta: 5.0,
        };
        let b: f64 = (0..n).map(|_| d.quantile(g.uniform())).sum::<f64>() / n as f64;
        let se = d.sd() / (n as f64).sqrt();
        assert!((a - b).abs() < 6.0 * se * 2f64.sqrt(), "{a} vs {b}");
        assert!((b - d.mean()).abs() < 6.0 * se);
    }
}
