//! Calibration by history matching with emulators, and a posterior
//! (`carescale fit`). A calibration file ([`config`]) names the parameters
//! with their priors, the targets with their uncertainties and the wave
//! settings; the model runs each wave's design ([`model`], resumable and
//! sharded); [`history`] fits a Gaussian-process emulator ([`gp`]) per
//! target, rules out implausible parameter space wave by wave and draws the
//! posterior; [`report`] writes the tables, plots and the calibration report.
//!
//! The output folder:
//! `fit.json` (what the folder holds: changing the file, scenario or scale
//! refuses to reuse it), `wave-K/` (design, run files, emulator
//! diagnostics, non-implausible samples, pairs plot), `waves.csv`,
//! `posterior.csv` (draws; a sweep design of kind `posterior`),
//! `confirm/` (model runs at posterior draws), `parameters.csv`,
//! `targets.csv` and `targets.svg`, `CALIBRATION_REPORT.md`.

pub mod config;
pub mod gp;
pub mod history;
pub mod model;
pub mod report;

use crate::error::{Error, Result};
use crate::experiment::shard::Shard;
use config::FitFile;
use history::{Outcome, Spec};
use model::ModelSim;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// How to run a fit.
pub struct RunOptions<'a> {
    /// Output folder.
    pub out: PathBuf,
    /// Population scale.
    pub scale: f64,
    /// This process's shard.
    pub shard: Shard,
    /// Worker threads.
    pub threads: usize,
    /// Start again: remove what the folder holds.
    pub force: bool,
    /// Called after each site of each run.
    pub on_site: &'a (dyn Fn() + Sync),
    /// Called before a batch of runs: the folder and the number of runs.
    pub on_batch: &'a (dyn Fn(&str, usize) + Sync),
}

/// How a fit ended.
pub enum Finished {
    /// Waiting for other shards' runs of a wave.
    Waiting {
        /// The folder (wave) waiting.
        stage: String,
        /// Runs missing.
        missing: usize,
        /// Runs this process did.
        runs_done: usize,
    },
    /// Done.
    Done(Box<Summary>),
}

/// A finished fit.
pub struct Summary {
    /// The history match.
    pub outcome: Outcome,
    /// The settings it ran with.
    pub spec: Spec,
    /// Runs this process did.
    pub runs_done: usize,
    /// Model runs of the whole fit (all shards).
    pub runs_total: usize,
    /// Confirmation runs at posterior draws: `[draw][replicate][target]`.
    pub confirm: Vec<Vec<Vec<f64>>>,
    /// Where the results are.
    pub dir: PathBuf,
}

/// What makes the folder's runs valid: the calibration file, the scenario,
/// the overrides, the scale and the version.
fn identity(fit: &FitFile, scale: f64) -> String {
    let mut h = Sha256::new();
    for part in [
        fit.text.as_str(),
        fit.scenario_text.as_str(),
        &fit.sets.join("\n"),
        &format!("{scale:?}"),
        env!("CARGO_PKG_VERSION"),
    ] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    format!("{:x}", h.finalize())
}

/// Check (or claim) the output folder for this fit.
fn prepare(fit: &FitFile, o: &RunOptions) -> Result<()> {
    let id = identity(fit, o.scale);
    let marker = o.out.join("fit.json");
    if o.force && o.out.join("fit.json").exists() {
        std::fs::remove_dir_all(&o.out)
            .map_err(|e| Error::io(&o.out, e, "remove the folder by hand"))?;
    }
    if marker.exists() {
        let text = crate::files::read_text(&marker, crate::files::MAX_RESULT_BYTES, "fit.json")?;
        let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        if v["fit_sha256"].as_str() != Some(id.as_str()) {
            return Err(Error::input(
                o.out.display().to_string(),
                None,
                "the folder holds a fit of another calibration file, scenario, scale or version",
                Some("give another --out, or --force to start this fit again there"),
            ));
        }
        return Ok(());
    }
    if o.out.exists()
        && std::fs::read_dir(&o.out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false)
    {
        return Err(Error::input(
            o.out.display().to_string(),
            None,
            "the folder exists and is not a fit's folder",
            Some("give another --out"),
        ));
    }
    std::fs::create_dir_all(&o.out)
        .map_err(|e| Error::io(&o.out, e, "check the output folder is writable"))?;
    let meta = serde_json::json!({
        "fit": fit.name,
        "fit_sha256": id,
        "calibration_file": fit.origin,
        "scenario": fit.scenario_path.display().to_string(),
        "population_scale": o.scale,
        "seed": fit.seed.to_string(),
        "carescale_version": env!("CARGO_PKG_VERSION"),
    });
    crate::files::write_atomic(
        &marker,
        (serde_json::to_string_pretty(&meta).unwrap_or_default() + "\n").as_bytes(),
    )
}

/// The history-match settings of a calibration file at a scale.
pub fn spec_of(fit: &FitFile, scale: f64) -> Spec {
    let w = &fit.waves;
    Spec {
        dims: fit.params.len(),
        points: w.points as usize,
        cutoff: w.cutoff,
        second_max: w.second_max,
        max_waves: w.max_waves,
        stop_reduction: w.stop_reduction,
        candidates: w.candidates as usize,
        posterior_draws: w.posterior_draws as usize,
        seed: fit.seed,
        stochastic_factor: fit.stochastic_factor.unwrap_or(scale),
    }
}

/// Run a fit (this shard's share of it) and, once every run is in, write
/// its results.
pub fn run(fit: &FitFile, o: &RunOptions) -> Result<Finished> {
    crate::experiment::options::check_scale(o.scale)?;
    prepare(fit, o)?;
    let spec = spec_of(fit, o.scale);
    let mut sim = ModelSim::new(
        fit, &o.out, o.scale, o.shard, o.threads, o.on_site, o.on_batch,
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(crate::experiment::executor::resolve_threads(o.threads))
        .build()
        .map_err(|e| Error::Internal(format!("thread pool: {e}")))?;
    let outcome = pool.install(|| history::run(&spec, &mut sim))?;
    let Some(outcome) = outcome else {
        return Ok(Finished::Waiting {
            stage: format!("wave-{}", count_waves(&o.out)),
            missing: sim.missing,
            runs_done: sim.runs_done,
        });
    };
    // Confirm the posterior with model runs at its first draws.
    let n_confirm = (fit.waves.confirm_draws as usize).min(outcome.posterior.len());
    let draws: Vec<Vec<f64>> = outcome.posterior[..n_confirm]
        .iter()
        .map(|u| {
            fit.params
                .iter()
                .zip(u)
                .map(|(p, x)| p.from_unit(*x))
                .collect()
        })
        .collect();
    let confirm = if draws.is_empty() {
        vec![]
    } else {
        match sim.run_points("confirm", &draws)? {
            Some(c) => c
                .into_iter()
                .map(|p| {
                    p.into_iter()
                        .map(|run| run.into_iter().map(|(v, _)| v).collect())
                        .collect()
                })
                .collect(),
            None => {
                return Ok(Finished::Waiting {
                    stage: "confirm".into(),
                    missing: sim.missing,
                    runs_done: sim.runs_done,
                })
            }
        }
    };
    let summary = Summary {
        outcome,
        spec,
        runs_done: sim.runs_done,
        runs_total: sim.runs_total,
        confirm,
        dir: o.out.clone(),
    };
    report::write_all(fit, o.scale, &summary)?;
    Ok(Finished::Done(Box::new(summary)))
}

fn count_waves(dir: &Path) -> usize {
    (1..100)
        .take_while(|k| dir.join(format!("wave-{k}")).exists())
        .count()
}
