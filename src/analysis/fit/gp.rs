//! A small Gaussian-process emulator: a linear mean (fitted by least
//! squares) plus a zero-mean GP on the residuals with a squared-exponential
//! kernel (one length-scale per input), a known nugget per training point
//! (the variance of the replicate mean there), and hyper-parameters (the
//! length-scales and the signal variance) chosen by maximising the
//! log marginal likelihood with Nelder–Mead from a fixed set of starts.
//!
//! Inputs are expected on the unit cube (the fit scales parameters to their
//! prior ranges); outputs are standardised inside. The predictive variance is
//! that of the emulated mean output (the nugget is not added); the
//! uncertainty of the linear mean's coefficients is not propagated (they are
//! plug-in estimates), a common simplification that the emulator diagnostics
//! (leave-one-out errors) check.

/// Hyper-parameters of the kernel, in the standardised output's units.
#[derive(Clone, Debug, PartialEq)]
pub struct Hyper {
    /// Length-scale of each input.
    pub lengths: Vec<f64>,
    /// Signal variance.
    pub sigma2: f64,
}

/// A fitted emulator.
#[derive(Clone, Debug)]
pub struct Gp {
    x: Vec<Vec<f64>>,
    y: Vec<f64>,
    noise: Vec<f64>,
    hyper: Hyper,
    /// Mean coefficients in standardised units: intercept, then one per
    /// input (empty: zero mean).
    coef: Vec<f64>,
    y_mu: f64,
    y_sd: f64,
    /// Lower Cholesky factor of K (row-major, n × n).
    chol: Vec<f64>,
    /// K⁻¹ (y_std − mean).
    alpha: Vec<f64>,
}

/// Leave-one-out prediction at a training point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Loo {
    /// Observed (training) value.
    pub observed: f64,
    /// Prediction from the other points.
    pub mean: f64,
    /// Its variance (including the point's nugget, since the observation
    /// carries it).
    pub var: f64,
}

impl Loo {
    /// (observed − predicted) / predictive SD.
    pub fn standardised(&self) -> f64 {
        (self.observed - self.mean) / self.var.sqrt()
    }
}

fn kernel(h: &Hyper, a: &[f64], b: &[f64]) -> f64 {
    let mut s = 0.0;
    for j in 0..a.len() {
        let d = (a[j] - b[j]) / h.lengths[j];
        s += d * d;
    }
    h.sigma2 * (-0.5 * s).exp()
}

/// Lower Cholesky factor of a symmetric positive-definite matrix (row-major);
/// `None` if it is not positive definite.
fn cholesky(a: &[f64], n: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let mut s = a[i * n + j];
            for k in 0..j {
                s -= l[i * n + k] * l[j * n + k];
            }
            if i == j {
                if s <= 0.0 || !s.is_finite() {
                    return None;
                }
                l[i * n + i] = s.sqrt();
            } else {
                l[i * n + j] = s / l[j * n + j];
            }
        }
    }
    Some(l)
}

/// Solve L v = b (forward substitution).
fn forward(l: &[f64], n: usize, b: &[f64]) -> Vec<f64> {
    let mut v = b.to_vec();
    for i in 0..n {
        let mut s = v[i];
        for k in 0..i {
            s -= l[i * n + k] * v[k];
        }
        v[i] = s / l[i * n + i];
    }
    v
}

/// Solve Lᵀ v = b (back substitution).
fn backward(l: &[f64], n: usize, b: &[f64]) -> Vec<f64> {
    let mut v = b.to_vec();
    for i in (0..n).rev() {
        let mut s = v[i];
        for k in i + 1..n {
            s -= l[k * n + i] * v[k];
        }
        v[i] = s / l[i * n + i];
    }
    v
}

fn basis(x: &[f64], coef_len: usize) -> Vec<f64> {
    if coef_len == 0 {
        return vec![];
    }
    let mut h = Vec::with_capacity(x.len() + 1);
    h.push(1.0);
    h.extend_from_slice(x);
    h
}

/// Least squares coefficients of `y` on [1, x] (a tiny ridge keeps it
/// solvable for collinear designs).
fn least_squares(x: &[Vec<f64>], y: &[f64]) -> Vec<f64> {
    let p = x[0].len() + 1;
    let mut a = vec![0.0; p * p];
    let mut b = vec![0.0; p];
    for (xi, &yi) in x.iter().zip(y) {
        let h = basis(xi, p);
        for r in 0..p {
            b[r] += h[r] * yi;
            for c in 0..p {
                a[r * p + c] += h[r] * h[c];
            }
        }
    }
    for r in 0..p {
        a[r * p + r] += 1e-8 * (1.0 + a[r * p + r]);
    }
    match cholesky(&a, p) {
        Some(l) => backward(&l, p, &forward(&l, p, &b)),
        None => {
            let mut c = vec![0.0; p];
            c[0] = y.iter().sum::<f64>() / y.len() as f64;
            c
        }
    }
}

/// Nelder–Mead minimisation of `f` from `x0` with initial step `step`.
pub fn nelder_mead(f: &dyn Fn(&[f64]) -> f64, x0: &[f64], step: f64, iters: usize) -> Vec<f64> {
    let n = x0.len();
    let mut simplex: Vec<(Vec<f64>, f64)> = Vec::with_capacity(n + 1);
    simplex.push((x0.to_vec(), f(x0)));
    for i in 0..n {
        let mut x = x0.to_vec();
        x[i] += step;
        let v = f(&x);
        simplex.push((x, v));
    }
    let key = |v: f64| if v.is_nan() { f64::INFINITY } else { v };
    for _ in 0..iters {
        simplex.sort_by(|a, b| key(a.1).total_cmp(&key(b.1)));
        let spread = key(simplex[n].1) - key(simplex[0].1);
        if spread.abs() < 1e-9 {
            break;
        }
        let mut c = vec![0.0; n];
        for (x, _) in &simplex[..n] {
            for j in 0..n {
                c[j] += x[j] / n as f64;
            }
        }
        let at = |t: f64| -> Vec<f64> {
            (0..n)
                .map(|j| c[j] + t * (simplex[n].0[j] - c[j]))
                .collect()
        };
        let xr = at(-1.0);
        let fr = key(f(&xr));
        if fr < key(simplex[0].1) {
            let xe = at(-2.0);
            let fe = key(f(&xe));
            simplex[n] = if fe < fr { (xe, fe) } else { (xr, fr) };
        } else if fr < key(simplex[n - 1].1) {
            simplex[n] = (xr, fr);
        } else {
            let xc = if fr < key(simplex[n].1) {
                at(-0.5)
            } else {
                at(0.5)
            };
            let fc = key(f(&xc));
            if fc < key(simplex[n].1).min(fr) {
                simplex[n] = (xc, fc);
            } else {
                let best = simplex[0].0.clone();
                for s in simplex.iter_mut().skip(1) {
                    let x: Vec<f64> = (0..n).map(|j| best[j] + 0.5 * (s.0[j] - best[j])).collect();
                    let v = key(f(&x));
                    *s = (x, v);
                }
            }
        }
    }
    simplex.sort_by(|a, b| key(a.1).total_cmp(&key(b.1)));
    simplex.swap_remove(0).0
}

impl Gp {
    /// A GP with the hyper-parameters given, zero mean and no
    /// standardisation: the textbook model, for checks.
    pub fn exact(x: Vec<Vec<f64>>, y: Vec<f64>, noise: Vec<f64>, hyper: Hyper) -> Option<Gp> {
        Gp::build(x, y, noise, hyper, vec![], 0.0, 1.0)
    }

    fn build(
        x: Vec<Vec<f64>>,
        y: Vec<f64>,
        noise: Vec<f64>,
        hyper: Hyper,
        coef: Vec<f64>,
        y_mu: f64,
        y_sd: f64,
    ) -> Option<Gp> {
        let n = x.len();
        let mut k = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..=i {
                let v = kernel(&hyper, &x[i], &x[j]);
                k[i * n + j] = v;
                k[j * n + i] = v;
            }
            k[i * n + i] += noise[i] + 1e-10 * hyper.sigma2;
        }
        let chol = cholesky(&k, n)?;
        let resid: Vec<f64> = x
            .iter()
            .zip(&y)
            .map(|(xi, &yi)| {
                let ys = (yi - y_mu) / y_sd;
                let m: f64 = basis(xi, coef.len())
                    .iter()
                    .zip(&coef)
                    .map(|(a, b)| a * b)
                    .sum();
                ys - m
            })
            .collect();
        let alpha = backward(&chol, n, &forward(&chol, n, &resid));
        Some(Gp {
            x,
            y,
            noise,
            hyper,
            coef,
            y_mu,
            y_sd,
            chol,
            alpha,
        })
    }

    /// Log marginal likelihood of the residuals (standardised units).
    fn log_likelihood(&self) -> f64 {
        let n = self.x.len();
        let resid: Vec<f64> = (0..n)
            .map(|i| {
                let ys = (self.y[i] - self.y_mu) / self.y_sd;
                ys - self.mean_std(&self.x[i])
            })
            .collect();
        let quad: f64 = resid.iter().zip(&self.alpha).map(|(a, b)| a * b).sum();
        let logdet: f64 = (0..n).map(|i| self.chol[i * n + i].ln()).sum();
        -0.5 * quad - logdet - 0.5 * n as f64 * (2.0 * std::f64::consts::PI).ln()
    }

    fn mean_std(&self, x: &[f64]) -> f64 {
        basis(x, self.coef.len())
            .iter()
            .zip(&self.coef)
            .map(|(a, b)| a * b)
            .sum()
    }

    /// Fit an emulator to outputs `y` at inputs `x` (on the unit cube) whose
    /// values carry noise of variance `noise` (the replicate mean's
    /// variance); `None` if there are too few points or it cannot be fitted.
    pub fn fit(x: Vec<Vec<f64>>, y: Vec<f64>, noise: Vec<f64>) -> Option<Gp> {
        let n = x.len();
        if n < 3 || y.iter().any(|v| !v.is_finite()) {
            return None;
        }
        let d = x[0].len();
        let y_mu = y.iter().sum::<f64>() / n as f64;
        let var = y.iter().map(|v| (v - y_mu).powi(2)).sum::<f64>() / (n - 1) as f64;
        let y_sd = if var > 0.0 && var.is_finite() {
            var.sqrt()
        } else {
            1.0
        };
        let ys: Vec<f64> = y.iter().map(|v| (v - y_mu) / y_sd).collect();
        let noise_std: Vec<f64> = noise.iter().map(|v| (v / (y_sd * y_sd)).max(0.0)).collect();
        // A linear mean needs more points than coefficients to leave
        // something for the GP.
        let coef = if n > d + 2 {
            least_squares(&x, &ys)
        } else {
            vec![]
        };
        // θ = (log ℓ_1..ℓ_d, log σ²); ℓ kept in [0.03, 10], σ² in [1e-4, 100].
        let make = |t: &[f64]| -> Option<Gp> {
            let lengths = t[..d].iter().map(|v| v.exp().clamp(0.03, 10.0)).collect();
            let sigma2 = t[d].exp().clamp(1e-4, 100.0);
            Gp::build(
                x.clone(),
                y.clone(),
                noise_std.clone(),
                Hyper { lengths, sigma2 },
                coef.clone(),
                y_mu,
                y_sd,
            )
        };
        let objective = |t: &[f64]| -> f64 {
            let out_of_box = t[..d]
                .iter()
                .map(|v| (v - v.clamp(0.03f64.ln(), 10f64.ln())).abs())
                .sum::<f64>()
                + (t[d] - t[d].clamp(1e-4f64.ln(), 100f64.ln())).abs();
            match make(t) {
                Some(g) => -g.log_likelihood() + 10.0 * out_of_box,
                None => f64::INFINITY,
            }
        };
        let mut best: Option<(f64, Vec<f64>)> = None;
        for (l0, s0) in [(0.3f64, 1.0f64), (1.0, 0.5), (0.1, 1.0)] {
            let mut t0 = vec![l0.ln(); d];
            t0.push(s0.ln());
            let t = nelder_mead(&objective, &t0, 0.7, 150 * (d + 1));
            let v = objective(&t);
            if v.is_finite() && best.as_ref().is_none_or(|(b, _)| v < *b) {
                best = Some((v, t));
            }
        }
        make(&best?.1)
    }

    /// The hyper-parameters.
    pub fn hyper(&self) -> &Hyper {
        &self.hyper
    }

    /// Number of training points.
    pub fn len(&self) -> usize {
        self.x.len()
    }

    /// No training points (never, for a fitted emulator).
    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    /// Emulator mean and variance of the output at `x`.
    pub fn predict(&self, x: &[f64]) -> (f64, f64) {
        let n = self.x.len();
        let k: Vec<f64> = self.x.iter().map(|xi| kernel(&self.hyper, x, xi)).collect();
        let m = self.mean_std(x) + k.iter().zip(&self.alpha).map(|(a, b)| a * b).sum::<f64>();
        let v = forward(&self.chol, n, &k);
        let var = (self.hyper.sigma2 - v.iter().map(|a| a * a).sum::<f64>()).max(0.0);
        (self.y_mu + self.y_sd * m, self.y_sd * self.y_sd * var)
    }

    /// Leave-one-out predictions at every training point, by the closed
    /// form (Rasmussen and Williams 2006, eq. 5.12) with the hyper-parameters
    /// and mean held fixed.
    pub fn loo(&self) -> Vec<Loo> {
        let n = self.x.len();
        // Diagonal of K⁻¹ from the Cholesky factor: column i of L⁻¹.
        let mut kinv_diag = vec![0.0; n];
        for i in 0..n {
            let mut e = vec![0.0; n];
            e[i] = 1.0;
            // [K⁻¹]ᵢᵢ = ‖L⁻¹ eᵢ‖².
            kinv_diag[i] = forward(&self.chol, n, &e).iter().map(|v| v * v).sum();
        }
        (0..n)
            .map(|i| {
                let ys = (self.y[i] - self.y_mu) / self.y_sd;
                let mu = ys - self.alpha[i] / kinv_diag[i];
                let var = 1.0 / kinv_diag[i];
                Loo {
                    observed: self.y[i],
                    mean: self.y_mu + self.y_sd * mu,
                    var: self.y_sd * self.y_sd * var,
                }
            })
            .collect()
    }

    /// The same emulator without training point `i` (hyper-parameters and
    /// mean kept): the brute-force leave-one-out, for checks.
    pub fn without(&self, i: usize) -> Option<Gp> {
        let mut x = self.x.clone();
        let mut y = self.y.clone();
        let mut noise = self.noise.clone();
        x.remove(i);
        y.remove(i);
        noise.remove(i);
        Gp::build(
            x,
            y,
            noise,
            self.hyper.clone(),
            self.coef.clone(),
            self.y_mu,
            self.y_sd,
        )
    }

    /// The nugget (noise variance) at training point `i`, in output units.
    pub fn noise_at(&self, i: usize) -> f64 {
        self.noise[i] * self.y_sd * self.y_sd
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h1() -> Hyper {
        Hyper {
            lengths: vec![1.0],
            sigma2: 1.0,
        }
    }

    #[test]
    fn interpolates_training_points_without_nugget() {
        let x: Vec<Vec<f64>> = (0..6).map(|i| vec![i as f64 / 5.0]).collect();
        let y: Vec<f64> = x.iter().map(|v| (3.0 * v[0]).sin()).collect();
        let g = Gp::exact(
            x.clone(),
            y.clone(),
            vec![0.0; 6],
            Hyper {
                lengths: vec![0.3],
                sigma2: 1.0,
            },
        )
        .unwrap();
        for (xi, yi) in x.iter().zip(&y) {
            let (m, v) = g.predict(xi);
            assert!((m - yi).abs() < 1e-5, "{m} vs {yi}");
            assert!(v < 1e-6, "{v}");
        }
        // The fitted emulator (linear mean, optimised hyper-parameters)
        // interpolates too.
        let f = Gp::fit(x.clone(), y.clone(), vec![0.0; 6]).unwrap();
        for (xi, yi) in x.iter().zip(&y) {
            assert!((f.predict(xi).0 - yi).abs() < 1e-3);
        }
    }

    #[test]
    fn one_point_posterior_is_the_textbook_one() {
        // One observation y = 1 at x = 0 with noise τ²: the posterior mean
        // at t is k/(1+τ²) and the variance 1 − k²/(1+τ²), k = exp(−t²/2).
        for tau2 in [0.0, 0.25] {
            let g = Gp::exact(vec![vec![0.0]], vec![1.0], vec![tau2], h1()).unwrap();
            for t in [0.0, 0.5, 1.0, 2.5] {
                let k = (-0.5f64 * t * t).exp();
                let (m, v) = g.predict(&[t]);
                assert!((m - k / (1.0 + tau2)).abs() < 1e-8);
                assert!((v - (1.0 - k * k / (1.0 + tau2))).abs() < 1e-8);
            }
        }
    }

    #[test]
    fn two_point_posterior_matches_hand_computation() {
        // Noise-free observations at 0 and 1 with σ² = 1, ℓ = 1: the
        // posterior at 0.5 by the 2×2 formulas.
        let g = Gp::exact(
            vec![vec![0.0], vec![1.0]],
            vec![1.0, -1.0],
            vec![0.0; 2],
            h1(),
        )
        .unwrap();
        let r = (-0.5f64).exp();
        let k = (-0.125f64).exp();
        // K⁻¹ = [[1, −r], [−r, 1]] / (1 − r²); k* = (k, k).
        // m = k*ᵀ K⁻¹ y with y = (1, −1): (k − k r − k + k r) / (1 − r²) = 0.
        let m = (k - k * r - k + k * r) / (1.0 - r * r);
        let v = 1.0 - 2.0 * k * k * (1.0 - r) / (1.0 - r * r);
        let (pm, pv) = g.predict(&[0.5]);
        assert!((pm - m).abs() < 1e-8 && m.abs() < 1e-12);
        assert!((pv - v).abs() < 1e-8);
    }

    #[test]
    fn loo_formula_equals_brute_force() {
        let x: Vec<Vec<f64>> = (0..12)
            .map(|i| {
                let a = i as f64 / 11.0;
                vec![a, (a * 7.3).fract()]
            })
            .collect();
        let y: Vec<f64> = x.iter().map(|v| v[0] * 2.0 + (4.0 * v[1]).cos()).collect();
        let noise: Vec<f64> = (0..12).map(|i| 0.001 * (1 + i % 3) as f64).collect();
        let g = Gp::fit(x.clone(), y, noise).unwrap();
        for (i, l) in g.loo().iter().enumerate() {
            let h = g.without(i).unwrap();
            let (m, v) = h.predict(&x[i]);
            let v = v + g.noise_at(i);
            assert!(
                (l.mean - m).abs() < 1e-6 * (1.0 + m.abs()),
                "{i}: {} vs {m}",
                l.mean
            );
            assert!(
                (l.var - v).abs() < 1e-6 * (1.0 + v),
                "{i}: {} vs {v}",
                l.var
            );
        }
    }

    #[test]
    fn fitted_emulator_predicts_a_smooth_function() {
        let x: Vec<Vec<f64>> = (0..20).map(|i| vec![(i as f64 + 0.5) / 20.0]).collect();
        let y: Vec<f64> = x.iter().map(|v| (5.0 * v[0]).sin() + v[0]).collect();
        let g = Gp::fit(x, y, vec![1e-6; 20]).unwrap();
        for t in [0.1, 0.33, 0.61, 0.9] {
            let (m, v) = g.predict(&[t]);
            let truth = (5.0f64 * t).sin() + t;
            assert!((m - truth).abs() < 0.02, "{t}: {m} vs {truth}");
            // The truth lies within 3 predictive SDs (with a small floor).
            assert!((m - truth).abs() <= 3.0 * v.sqrt() + 1e-3);
        }
    }

    #[test]
    fn nelder_mead_finds_a_quadratic_minimum() {
        let f = |x: &[f64]| (x[0] - 1.0).powi(2) + 3.0 * (x[1] + 2.0).powi(2);
        let x = nelder_mead(&f, &[0.0, 0.0], 0.5, 500);
        assert!((x[0] - 1.0).abs() < 1e-3 && (x[1] + 2.0).abs() < 1e-3);
    }
}
