//! History matching in waves (Andrianakis et al. 2015; Vernon et al. 2022),
//! independent of what is simulated: a [`Simulator`] runs design points
//! (parameters on the unit cube scaled to their priors) with replicates and
//! returns every replicate's outputs; this module designs each wave, fits
//! one [`Gp`] emulator per target, measures implausibility, finds the
//! non-implausible space by rejection sampling, decides when to stop, and
//! draws the posterior.
//!
//! Implausibility of target *t* at *x*:
//! `I_t(x) = |z_t − E[f_t(x)]| / sqrt(Var_emul + Var_obs + Var_disc + Var_stoch)`,
//! where `Var_stoch` is the variance of the replicate mean (common to every
//! point under common random numbers) plus the pooled variance of one run
//! between replicates times a factor (the fit's population scale for the real model: a rate's
//! variance goes as one over the population, and the observed world is one
//! run at full scale). A point is non-implausible when the largest (or
//! second-largest) `I_t` is at most the cut-off, under the emulators of
//! every wave so far (refocusing).
//!
//! Every random choice comes from the seed tree (`fit` branch, named by
//! purpose and wave), and the work is split by index, so results do not
//! depend on the thread count.

use crate::analysis::fit::gp::{Gp, Loo};
use crate::error::{Error, Result};
use crate::model::rng::{child, name_label, SplitMix64};
use rayon::prelude::*;

/// What a history match needs to know of one target.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetSpec {
    /// Name (for outputs).
    pub name: String,
    /// Observed value z.
    pub value: f64,
    /// Observation variance.
    pub obs_var: f64,
    /// Model-discrepancy variance.
    pub disc_var: f64,
}

/// Settings of a history match.
#[derive(Clone, Debug)]
pub struct Spec {
    /// Number of parameters.
    pub dims: usize,
    /// Design points per wave.
    pub points: usize,
    /// Implausibility cut-off.
    pub cutoff: f64,
    /// Use the second-largest implausibility.
    pub second_max: bool,
    /// Most waves.
    pub max_waves: u32,
    /// Stop when a wave shrinks the volume by less than this share.
    pub stop_reduction: f64,
    /// Candidates drawn per wave to find the non-implausible space.
    pub candidates: usize,
    /// Posterior draws.
    pub posterior_draws: usize,
    /// Root of the fit's seed branch.
    pub seed: u64,
    /// Factor on the pooled run variance in the implausibility.
    pub stochastic_factor: f64,
}

/// Replicate outputs of one wave: `[point][replicate][target]`.
pub type Outputs = Vec<Vec<Vec<f64>>>;

/// Runs design points.
pub trait Simulator {
    /// Run the wave's points (each a vector on the unit cube) and return
    /// every replicate's target values, or `None` if not all runs are
    /// available yet (another shard is still running its part).
    fn run(&mut self, wave: u32, points: &[Vec<f64>]) -> Result<Option<Outputs>>;

    /// Observation variances, once the first wave's outputs are known (they
    /// may depend on the runs, e.g. for a published null).
    fn targets(&self) -> Vec<TargetSpec>;
}

/// One wave, done.
#[derive(Clone, Debug)]
pub struct Wave {
    /// Wave number (from 1).
    pub wave: u32,
    /// Design points (unit cube).
    pub design: Vec<Vec<f64>>,
    /// Replicate means `[point][target]`.
    pub means: Vec<Vec<f64>>,
    /// Pooled variance of one run, per target.
    pub run_var: Vec<f64>,
    /// Emulator per target (`None` if it could not be fitted).
    pub emulators: Vec<Option<Gp>>,
    /// Leave-one-out predictions per target.
    pub loo: Vec<Vec<Loo>>,
    /// Non-implausible samples after this wave (unit cube).
    pub samples: Vec<Vec<f64>>,
    /// Estimated share of the prior's volume still non-implausible.
    pub volume: f64,
    /// Largest emulator variance over the samples, per target.
    pub max_emulator_var: Vec<f64>,
    /// The other variances (obs + disc + stochastic), per target.
    pub other_var: Vec<f64>,
}

/// Why the waves stopped.
#[derive(Clone, Debug, PartialEq)]
pub enum Stop {
    /// The volume shrank by less than the threshold.
    Volume(f64),
    /// Every emulator's variance fell below the other uncertainties.
    EmulatorsPrecise,
    /// The last wave allowed was run.
    MaxWaves,
    /// No candidate was non-implausible: the model cannot match the targets
    /// with these priors (or the targets' uncertainties are too small).
    Empty,
}

impl Stop {
    /// In words.
    pub fn describe(&self, spec: &Spec) -> String {
        match self {
            Stop::Volume(r) => format!(
                "the last wave shrank the non-implausible volume by {:.1}%, less than the {:.0}% threshold",
                r * 100.0,
                spec.stop_reduction * 100.0
            ),
            Stop::EmulatorsPrecise => "every emulator's variance over the non-implausible space fell below the other uncertainties (observation, discrepancy and stochastic)".into(),
            Stop::MaxWaves => format!("the maximum of {} waves was reached", spec.max_waves),
            Stop::Empty => "no candidate point was non-implausible: with these priors and uncertainties the model cannot match the targets".into(),
        }
    }
}

/// The history match, finished.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The waves in order.
    pub waves: Vec<Wave>,
    /// Why it stopped.
    pub stop: Stop,
    /// The targets (with their variances).
    pub targets: Vec<TargetSpec>,
    /// Posterior draws (unit cube).
    pub posterior: Vec<Vec<f64>>,
    /// Effective sample size of the importance weights.
    pub ess: f64,
}

/// The largest, or second-largest, of `i`.
pub fn max_implausibility(i: &[f64], second: bool) -> f64 {
    let mut v: Vec<f64> = i.iter().copied().filter(|x| !x.is_nan()).collect();
    v.sort_by(|a, b| b.total_cmp(a));
    match (second, v.len()) {
        (_, 0) => 0.0,
        (true, n) if n >= 2 => v[1],
        _ => v[0],
    }
}

/// Implausibility of every target of one wave at `x`.
pub fn implausibilities(w: &Wave, targets: &[TargetSpec], x: &[f64]) -> Vec<f64> {
    w.emulators
        .iter()
        .zip(targets)
        .zip(&w.other_var)
        .map(|((e, t), other)| match e {
            Some(g) => {
                let (m, v) = g.predict(x);
                (t.value - m).abs() / (v + other).sqrt()
            }
            None => f64::NAN,
        })
        .collect()
}

/// Is `x` non-implausible under every wave?
pub fn non_implausible(waves: &[Wave], targets: &[TargetSpec], spec: &Spec, x: &[f64]) -> bool {
    waves.iter().all(|w| {
        max_implausibility(&implausibilities(w, targets, x), spec.second_max) <= spec.cutoff
    })
}

fn stream(spec: &Spec, purpose: &str, wave: u32, i: u64) -> SplitMix64 {
    SplitMix64::new(child(
        child(
            child(child(spec.seed, name_label("fit")), name_label(purpose)),
            wave as u64,
        ),
        i,
    ))
}

fn min_distance(points: &[Vec<f64>]) -> f64 {
    let mut best = f64::INFINITY;
    for i in 0..points.len() {
        for j in 0..i {
            best = best.min(dist2(&points[i], &points[j]));
        }
    }
    best
}

fn dist2(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

/// A maximin Latin hypercube on the unit cube: the best of 25 random ones
/// by their smallest distance between points.
pub fn maximin_lhs(spec: &Spec, n: usize) -> Vec<Vec<f64>> {
    let mut best: Option<(f64, Vec<Vec<f64>>)> = None;
    for k in 0..25u64 {
        let mut g = stream(spec, "lhs", 1, k);
        let mut cols: Vec<Vec<f64>> = Vec::with_capacity(spec.dims);
        for _ in 0..spec.dims {
            let mut perm: Vec<usize> = (0..n).collect();
            for i in (1..n).rev() {
                let j = ((g.uniform() * (i + 1) as f64) as usize).min(i);
                perm.swap(i, j);
            }
            cols.push(
                perm.iter()
                    .map(|&s| (s as f64 + g.uniform()) / n as f64)
                    .collect(),
            );
        }
        let pts: Vec<Vec<f64>> = (0..n)
            .map(|i| cols.iter().map(|c| c[i]).collect())
            .collect();
        let d = min_distance(&pts);
        if best.as_ref().is_none_or(|(b, _)| d > *b) {
            best = Some((d, pts));
        }
    }
    best.map(|b| b.1).unwrap_or_default()
}

/// A maximin subset of `n` of the `candidates`: greedy farthest-point
/// selection from the candidate nearest their centre.
pub fn maximin_subset(candidates: &[Vec<f64>], n: usize) -> Vec<Vec<f64>> {
    if candidates.len() <= n {
        return candidates.to_vec();
    }
    let d = candidates[0].len();
    let centre: Vec<f64> = (0..d)
        .map(|j| candidates.iter().map(|c| c[j]).sum::<f64>() / candidates.len() as f64)
        .collect();
    let first = (0..candidates.len())
        .min_by(|&a, &b| dist2(&candidates[a], &centre).total_cmp(&dist2(&candidates[b], &centre)))
        .unwrap_or(0);
    let mut chosen = vec![first];
    let mut nearest: Vec<f64> = candidates
        .iter()
        .map(|c| dist2(c, &candidates[first]))
        .collect();
    while chosen.len() < n {
        let next = (0..candidates.len())
            .max_by(|&a, &b| nearest[a].total_cmp(&nearest[b]).then(b.cmp(&a)))
            .unwrap_or(0);
        chosen.push(next);
        for (i, c) in candidates.iter().enumerate() {
            nearest[i] = nearest[i].min(dist2(c, &candidates[next]));
        }
    }
    chosen.into_iter().map(|i| candidates[i].clone()).collect()
}

/// Mean of each target over replicates, and the pooled variance of one run.
fn summarise(out: &Outputs, n_targets: usize) -> (Vec<Vec<f64>>, Vec<f64>) {
    let means: Vec<Vec<f64>> = out
        .iter()
        .map(|reps| {
            (0..n_targets)
                .map(|t| reps.iter().map(|r| r[t]).sum::<f64>() / reps.len() as f64)
                .collect()
        })
        .collect();
    let run_var = (0..n_targets)
        .map(|t| {
            let (mut ss, mut df) = (0.0, 0usize);
            for (reps, m) in out.iter().zip(&means) {
                if reps.len() < 2 || !m[t].is_finite() {
                    continue;
                }
                ss += reps.iter().map(|r| (r[t] - m[t]).powi(2)).sum::<f64>();
                df += reps.len() - 1;
            }
            if df > 0 {
                ss / df as f64
            } else {
                0.0
            }
        })
        .collect();
    (means, run_var)
}

/// Run the history match to its end (`None`: a wave is waiting for other
/// shards' runs).
pub fn run(spec: &Spec, sim: &mut dyn Simulator) -> Result<Option<Outcome>> {
    if spec.dims == 0 || spec.points < 2 {
        return Err(Error::Internal(
            "a history match needs parameters and points".into(),
        ));
    }
    let mut waves: Vec<Wave> = Vec::new();
    let mut design = maximin_lhs(spec, spec.points);
    let mut lo = vec![0.0; spec.dims];
    let mut hi = vec![1.0; spec.dims];
    let mut targets: Vec<TargetSpec>;
    let stop;
    let mut k = 1u32;
    loop {
        let Some(out) = sim.run(k, &design)? else {
            return Ok(None);
        };
        targets = sim.targets();
        let nt = targets.len();
        let (means, run_var) = summarise(&out, nt);
        let reps = out.iter().map(|r| r.len()).min().unwrap_or(1).max(1) as f64;
        let emulators: Vec<Option<Gp>> = (0..nt)
            .into_par_iter()
            .map(|t| {
                let (x, y): (Vec<Vec<f64>>, Vec<f64>) = design
                    .iter()
                    .zip(&means)
                    .filter(|(_, m)| m[t].is_finite())
                    .map(|(x, m)| (x.clone(), m[t]))
                    .unzip();
                let n = x.len();
                Gp::fit(x, y, vec![run_var[t] / reps; n])
            })
            .collect();
        let loo = emulators
            .iter()
            .map(|e| e.as_ref().map(|g| g.loo()).unwrap_or_default())
            .collect();
        let other_var: Vec<f64> = targets
            .iter()
            .zip(&run_var)
            // The replicate means share their streams across points
            // (common random numbers), so their error is common to every
            // point and the emulator cannot average it away: it is added
            // as its own term.
            .map(|(t, v)| t.obs_var + t.disc_var + spec.stochastic_factor * v + v / reps)
            .collect();
        let mut wave = Wave {
            wave: k,
            design: design.clone(),
            means,
            run_var,
            emulators,
            loo,
            samples: vec![],
            volume: 0.0,
            max_emulator_var: vec![0.0; nt],
            other_var,
        };
        // Candidates in the box around the last non-implausible samples.
        let box_volume: f64 = lo.iter().zip(&hi).map(|(a, b)| b - a).product();
        let cands: Vec<Vec<f64>> = (0..spec.candidates as u64)
            .map(|i| {
                let mut g = stream(spec, "candidates", k, i);
                (0..spec.dims)
                    .map(|j| lo[j] + g.uniform() * (hi[j] - lo[j]))
                    .collect()
            })
            .collect();
        let all: Vec<&Wave> = waves.iter().chain(std::iter::once(&wave)).collect();
        let keep: Vec<bool> = cands
            .par_iter()
            .map(|x| {
                all.iter().all(|w| {
                    max_implausibility(&implausibilities(w, &targets, x), spec.second_max)
                        <= spec.cutoff
                })
            })
            .collect();
        let samples: Vec<Vec<f64>> = cands
            .into_iter()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|(c, _)| c)
            .collect();
        wave.volume = box_volume * samples.len() as f64 / spec.candidates as f64;
        wave.max_emulator_var = (0..nt)
            .map(|t| match &wave.emulators[t] {
                Some(g) => samples
                    .iter()
                    .take(2000)
                    .map(|x| g.predict(x).1)
                    .fold(0.0, f64::max),
                None => f64::INFINITY,
            })
            .collect();
        wave.samples = samples;
        let prev = waves.last().map(|w| w.volume).unwrap_or(1.0);
        let reduction = if prev > 0.0 {
            1.0 - wave.volume / prev
        } else {
            0.0
        };
        let precise = wave
            .max_emulator_var
            .iter()
            .zip(&wave.other_var)
            .all(|(e, o)| e < o);
        let empty = wave.samples.is_empty();
        waves.push(wave);
        if empty {
            stop = Stop::Empty;
            break;
        }
        if k >= 2 && reduction < spec.stop_reduction {
            stop = Stop::Volume(reduction);
            break;
        }
        if precise {
            stop = Stop::EmulatorsPrecise;
            break;
        }
        if k >= spec.max_waves {
            stop = Stop::MaxWaves;
            break;
        }
        // The next wave: a maximin subset of the non-implausible samples,
        // and candidates in their bounding box widened by a tenth of the
        // prior range on each side.
        let last = waves.last().map(|w| &w.samples[..]).unwrap_or(&[]);
        design = maximin_subset(&last[..last.len().min(4000)], spec.points);
        for j in 0..spec.dims {
            let a = last.iter().map(|x| x[j]).fold(f64::INFINITY, f64::min);
            let b = last.iter().map(|x| x[j]).fold(f64::NEG_INFINITY, f64::max);
            lo[j] = (a - 0.1).max(0.0);
            hi[j] = (b + 0.1).min(1.0);
        }
        k += 1;
    }
    let (posterior, ess) = posterior(spec, &waves, &targets);
    Ok(Some(Outcome {
        waves,
        stop,
        targets,
        posterior,
        ess,
    }))
}

/// Posterior draws by importance sampling: the final wave's
/// non-implausible samples (uniform draws from the prior restricted to the
/// non-implausible space, where essentially all the likelihood lies) are
/// weighted by the Gaussian likelihood of the targets given each target's
/// latest emulator, with every variance term, and resampled systematically.
/// Returns the draws and the effective sample size of the weights.
pub fn posterior(spec: &Spec, waves: &[Wave], targets: &[TargetSpec]) -> (Vec<Vec<f64>>, f64) {
    let Some(last) = waves.last() else {
        return (vec![], 0.0);
    };
    let pool = &last.samples;
    if pool.is_empty() {
        return (vec![], 0.0);
    }
    // The latest emulator of each target, with its other variances.
    let latest: Vec<Option<(&Gp, f64)>> = (0..targets.len())
        .map(|t| {
            waves
                .iter()
                .rev()
                .find_map(|w| w.emulators[t].as_ref().map(|g| (g, w.other_var[t])))
        })
        .collect();
    let logw: Vec<f64> = pool
        .par_iter()
        .map(|x| {
            latest
                .iter()
                .zip(targets)
                .map(|(e, t)| match e {
                    Some((g, other)) => {
                        let (m, v) = g.predict(x);
                        let s2 = v + other;
                        -0.5 * (t.value - m).powi(2) / s2 - 0.5 * s2.ln()
                    }
                    None => 0.0,
                })
                .sum()
        })
        .collect();
    let top = logw.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let w: Vec<f64> = logw.iter().map(|l| (l - top).exp()).collect();
    let total: f64 = w.iter().sum();
    let ess = total * total / w.iter().map(|v| v * v).sum::<f64>();
    let n = spec.posterior_draws;
    let u0 = stream(spec, "posterior", last.wave, 0).uniform();
    let mut out = Vec::with_capacity(n);
    let mut cum = 0.0;
    let mut i = 0;
    for k in 0..n {
        let u = (k as f64 + u0) / n as f64 * total;
        while i + 1 < w.len() && cum + w[i] < u {
            cum += w[i];
            i += 1;
        }
        out.push(pool[i].clone());
    }
    (out, ess)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cheap stochastic simulator: two outputs of two parameters with
    /// normal noise from the seed tree (common random numbers: replicate
    /// r uses the same draws at every point).
    struct Toy {
        noise: f64,
        targets: Vec<TargetSpec>,
        runs: usize,
    }

    fn toy_model(x: &[f64]) -> [f64; 3] {
        [
            2.0 * x[0] + x[1],
            (x[0] - x[1]) + 0.5 * x[0] * x[0],
            (3.0 * x[1]).sin(),
        ]
    }

    impl Simulator for Toy {
        fn run(&mut self, _wave: u32, points: &[Vec<f64>]) -> Result<Option<Outputs>> {
            self.runs += points.len() * 3;
            Ok(Some(
                points
                    .iter()
                    .map(|x| {
                        (0..3u64)
                            .map(|r| {
                                let f = toy_model(x);
                                let mut g = SplitMix64::new(child(99, r));
                                f.iter().map(|v| v + self.noise * g.normal()).collect()
                            })
                            .collect()
                    })
                    .collect(),
            ))
        }
        fn targets(&self) -> Vec<TargetSpec> {
            self.targets.clone()
        }
    }

    fn spec(seed: u64) -> Spec {
        Spec {
            dims: 2,
            points: 20,
            cutoff: 3.0,
            second_max: false,
            max_waves: 4,
            stop_reduction: 0.1,
            candidates: 4000,
            posterior_draws: 200,
            seed,
            stochastic_factor: 1.0,
        }
    }

    #[test]
    fn implausibility_takes_max_or_second_max() {
        assert_eq!(max_implausibility(&[1.0, 4.0, 2.0], false), 4.0);
        assert_eq!(max_implausibility(&[1.0, 4.0, 2.0], true), 2.0);
        assert_eq!(max_implausibility(&[5.0], true), 5.0);
    }

    #[test]
    fn maximin_designs_spread_out() {
        let s = spec(3);
        let d = maximin_lhs(&s, 10);
        assert_eq!(d.len(), 10);
        let mut strata: Vec<usize> = d.iter().map(|p| (p[0] * 10.0) as usize).collect();
        strata.sort();
        assert_eq!(strata, (0..10).collect::<Vec<_>>());
        let cands: Vec<Vec<f64>> = (0..500u64)
            .map(|i| {
                let mut g = SplitMix64::new(i);
                vec![g.uniform(), g.uniform()]
            })
            .collect();
        let sub = maximin_subset(&cands, 10);
        assert_eq!(sub.len(), 10);
        // Farther apart than the first ten candidates.
        assert!(min_distance(&sub) > min_distance(&cands[..10]));
    }

    /// The simulation-based check on the analytic model: targets made by
    /// the model at known values (one noisy run each), the history match
    /// run, and the known values non-implausible at the end in at least
    /// 9 of 10 trials. Seeds are fixed, so the count is exact; the check
    /// is that a correct method keeps the truth, which fails only by
    /// chance, rarely, at a cut-off of 3.
    #[test]
    fn known_values_stay_non_implausible() {
        let mut kept = 0;
        let mut in_credible = 0;
        let mut shrank = 0;
        for trial in 0..10u64 {
            let mut g = SplitMix64::new(child(2024, trial));
            let truth = vec![0.1 + 0.8 * g.uniform(), 0.1 + 0.8 * g.uniform()];
            let noise = 0.02;
            let f = toy_model(&truth);
            let targets: Vec<TargetSpec> = f
                .iter()
                .enumerate()
                .map(|(i, v)| TargetSpec {
                    name: format!("y{i}"),
                    value: v + noise * g.normal(),
                    obs_var: 0.03f64.powi(2),
                    disc_var: 0.0,
                })
                .collect();
            let mut toy = Toy {
                noise,
                targets,
                runs: 0,
            };
            let s = spec(trial);
            let out = run(&s, &mut toy).unwrap().unwrap();
            if non_implausible(&out.waves, &out.targets, &s, &truth) {
                kept += 1;
            }
            if out.waves.last().unwrap().volume < 0.05 {
                shrank += 1;
            }
            // The truth inside the 90% credible interval of every parameter.
            let inside = (0..2).all(|j| {
                let mut v: Vec<f64> = out.posterior.iter().map(|p| p[j]).collect();
                v.sort_by(f64::total_cmp);
                let (a, b) = (v[v.len() / 20], v[v.len() - 1 - v.len() / 20]);
                truth[j] >= a && truth[j] <= b
            });
            if inside {
                in_credible += 1;
            }
        }
        assert!(kept >= 9, "truth kept in {kept} of 10 trials");
        assert!(shrank >= 9, "the space shrank below 5% in {shrank} of 10");
        assert!(
            in_credible >= 8,
            "truth in the 90% CrI in {in_credible} of 10"
        );
    }

    #[test]
    fn same_seed_same_outcome() {
        let mk = || Toy {
            noise: 0.02,
            targets: vec![
                TargetSpec {
                    name: "a".into(),
                    value: 1.2,
                    obs_var: 0.001,
                    disc_var: 0.0,
                },
                TargetSpec {
                    name: "b".into(),
                    value: 0.1,
                    obs_var: 0.001,
                    disc_var: 0.0,
                },
                TargetSpec {
                    name: "c".into(),
                    value: 0.5,
                    obs_var: 0.001,
                    disc_var: 0.0,
                },
            ],
            runs: 0,
        };
        let a = run(&spec(5), &mut mk()).unwrap().unwrap();
        let b = run(&spec(5), &mut mk()).unwrap().unwrap();
        assert_eq!(a.posterior, b.posterior);
        assert_eq!(a.waves.len(), b.waves.len());
    }
}
