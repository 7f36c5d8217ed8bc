//! The real model as a [`Simulator`]: each design point is the fit's
//! scenario with the point's values as overrides (then the population
//! scale), run by the one executor with the same root seed at every point
//! (common random numbers: replicate *r* shares its streams across points),
//! and, for programme targets, beside its counterfactual without adoptions.
//! Every (point, replicate) run leaves one small file of target values,
//! written atomically, so a fit killed at any moment resumes where it
//! stopped; runs are split between shards by their index, as a sweep's
//! are, and a wave goes on only when every shard's runs are there.

use crate::analysis::calibrate::{self, Target};
use crate::analysis::fit::config::FitFile;
use crate::analysis::fit::history::{Outputs, Simulator, TargetSpec};
use crate::error::{Error, Result};
use crate::experiment::executor::{self, CellWork, Options, Replicate, Sink};
use crate::experiment::options;
use crate::experiment::shard::Shard;
use crate::scenario::Scenario;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The fit's model runs.
pub struct ModelSim<'a> {
    /// The calibration file.
    pub fit: &'a FitFile,
    /// The fit's output folder.
    pub dir: PathBuf,
    /// Population scale.
    pub scale: f64,
    /// This process's shard.
    pub shard: Shard,
    /// Worker threads.
    pub threads: usize,
    /// Called after each site of each run.
    pub on_site: &'a (dyn Fn() + Sync),
    /// Called before a batch of runs with their number.
    pub on_batch: &'a (dyn Fn(&str, usize) + Sync),
    /// Runs executed by this process.
    pub runs_done: usize,
    /// Runs in every wave so far (all shards).
    pub runs_total: usize,
    /// Median tolerance half-width of each target over the first wave's
    /// runs (for published nulls, whose tolerance depends on the run).
    tol_half: Vec<f64>,
    /// Missing runs (other shards') of the wave that stopped.
    pub missing: usize,
}

struct Collect(Mutex<BTreeMap<(usize, u32), Replicate>>);

impl Sink for Collect {
    fn accept(&self, cell: usize, _: &Scenario, rep: Replicate) -> Result<()> {
        self.0
            .lock()
            .map_err(|_| Error::Internal("a run panicked".into()))?
            .insert((cell, rep.replicate), rep);
        Ok(())
    }
}

/// Every run of a set of points: `[point][replicate][target]` (value,
/// tolerance half-width).
pub type RunValues = Vec<Vec<Vec<(f64, f64)>>>;

/// A value as written in run files and design tables (round-trips).
pub fn exact(x: f64) -> String {
    format!("{x:?}")
}

impl<'a> ModelSim<'a> {
    /// A runner writing into `dir`.
    pub fn new(
        fit: &'a FitFile,
        dir: &Path,
        scale: f64,
        shard: Shard,
        threads: usize,
        on_site: &'a (dyn Fn() + Sync),
        on_batch: &'a (dyn Fn(&str, usize) + Sync),
    ) -> ModelSim<'a> {
        ModelSim {
            fit,
            dir: dir.to_path_buf(),
            scale,
            shard,
            threads,
            on_site,
            on_batch,
            runs_done: 0,
            runs_total: 0,
            tol_half: vec![],
            missing: 0,
        }
    }

    fn targets_raw(&self) -> Vec<Target> {
        self.fit.targets.iter().map(|t| t.target.clone()).collect()
    }

    /// The scenario of a point (parameter values in their own units).
    pub fn scenario(&self, values: &[f64], counterfactual: bool) -> Result<Scenario> {
        let f = self.fit;
        let origin = f.scenario_path.display().to_string();
        let mut sets = f.sets.clone();
        sets.extend(
            f.params
                .iter()
                .zip(values)
                .map(|(p, v)| format!("{}={}", p.path, exact(*v))),
        );
        // Balancing parameters take up the changes (in file order).
        let mut balance: Vec<(&str, f64)> = Vec::new();
        for (p, v) in f.params.iter().zip(values) {
            if let Some((path, base)) = &p.balance {
                match balance.iter_mut().find(|(b, _)| b == path) {
                    Some((_, x)) => *x -= v - p.current,
                    None => balance.push((path, base - (v - p.current))),
                }
            }
        }
        sets.extend(
            balance
                .iter()
                .map(|(path, v)| format!("{path}={}", exact(*v))),
        );
        sets.push(format!("run.seed={}", f.seed));
        let scn = Scenario::from_str(&f.scenario_text, &origin, &sets)?;
        if counterfactual {
            sets.extend(calibrate::counterfactual_overrides(&scn));
        }
        sets.extend(options::scale_sets(&scn, self.scale)?);
        Scenario::from_str(&f.scenario_text, &origin, &sets)
    }

    fn run_path(dir: &Path, point: usize, r: u32) -> PathBuf {
        dir.join("runs")
            .join(format!("p{:04}-r{r:03}.csv", point + 1))
    }

    /// Target values and tolerance half-widths of one run file, if it is
    /// complete and names every target in order.
    fn read_run(&self, path: &Path) -> Option<Vec<(f64, f64)>> {
        let text = std::fs::read_to_string(path).ok()?;
        let mut lines = text.lines();
        if lines.next()? != "target,value,tolerance_half_width" {
            return None;
        }
        let mut out = Vec::new();
        for (t, line) in self.fit.targets.iter().zip(lines.by_ref()) {
            let mut f = line.split(',');
            if f.next()? != t.target.name {
                return None;
            }
            let v: f64 = f.next()?.parse().ok()?;
            let h: f64 = f.next()?.parse().ok()?;
            out.push((v, h));
        }
        (out.len() == self.fit.targets.len() && lines.next() == Some("end")).then_some(out)
    }

    /// Run `points` (parameter units) in folder `label` of the fit.
    pub fn run_points(&mut self, label: &str, points: &[Vec<f64>]) -> Result<Option<RunValues>> {
        let dir = self.dir.join(label);
        std::fs::create_dir_all(dir.join("runs"))
            .map_err(|e| Error::io(dir.join("runs"), e, "check the output folder is writable"))?;
        let mut design = String::from("cell");
        for p in &self.fit.params {
            design.push(',');
            design.push_str(&p.path);
        }
        design.push('\n');
        for (i, x) in points.iter().enumerate() {
            design.push_str(&format!("p{:04}", i + 1));
            for v in x {
                design.push(',');
                design.push_str(&exact(*v));
            }
            design.push('\n');
        }
        crate::files::write_atomic(&dir.join("design.csv"), design.as_bytes())?;
        let reps = self.fit.waves.replicates;
        let cf = calibrate::needs_counterfactual(&self.fit.scenario);
        self.runs_total += points.len() * reps as usize;
        // This shard's runs still to do, by point.
        let mut todo: BTreeMap<usize, Vec<u32>> = BTreeMap::new();
        for i in 0..points.len() {
            for r in 0..reps {
                let index = i as u64 * reps as u64 + r as u64;
                if self.shard.owns(index) && self.read_run(&Self::run_path(&dir, i, r)).is_none() {
                    todo.entry(i).or_default().push(r);
                }
            }
        }
        let n_todo: usize = todo.values().map(Vec::len).sum();
        if n_todo > 0 {
            (self.on_batch)(label, n_todo);
        }
        let batch = (2 * crate::experiment::executor::resolve_threads(self.threads)).max(4);
        let todo: Vec<(usize, Vec<u32>)> = todo.into_iter().collect();
        let targets = self.targets_raw();
        for chunk in todo.chunks(batch) {
            let mut scns = Vec::new();
            let mut work = Vec::new();
            for (i, rs) in chunk {
                scns.push(self.scenario(&points[*i], false)?);
                work.push(CellWork {
                    cell: scns.len() - 1,
                    replicates: rs.clone(),
                });
                if cf {
                    scns.push(self.scenario(&points[*i], true)?);
                    work.push(CellWork {
                        cell: scns.len() - 1,
                        replicates: rs.clone(),
                    });
                }
            }
            let sink = Collect(Mutex::new(BTreeMap::new()));
            let opts = Options {
                on_site: self.on_site,
                ..Options::threads(self.threads)
            };
            executor::execute(&work, &|c| Ok(scns[c].clone()), &opts, &sink)?;
            let got = sink
                .0
                .into_inner()
                .map_err(|_| Error::Internal("a run panicked".into()))?;
            let step = if cf { 2 } else { 1 };
            for (j, (i, rs)) in chunk.iter().enumerate() {
                let scn = &scns[j * step];
                for &r in rs {
                    let rep = got
                        .get(&(j * step, r))
                        .ok_or_else(|| Error::Internal("a run went missing".into()))?;
                    let base = if cf {
                        got.get(&(j * step + 1, r))
                    } else {
                        None
                    };
                    let rows = calibrate::evaluate(
                        scn,
                        std::slice::from_ref(rep),
                        base.map(std::slice::from_ref),
                        &targets,
                    );
                    let mut text = String::from("target,value,tolerance_half_width\n");
                    for t in &targets {
                        let Some(row) = rows.iter().find(|row| row.target.name == t.name) else {
                            return Err(Error::input(
                                &self.fit.origin,
                                Some("targets"),
                                format!("target `{}` is not covered by the scenario's runs (its window, group or tagged sites are missing)", t.name),
                                Some("fit only targets that `carescale calibrate` reports for this scenario"),
                            ));
                        };
                        text.push_str(&format!(
                            "{},{},{}\n",
                            t.name,
                            exact(row.simulated),
                            exact(row.tolerance_half_width)
                        ));
                    }
                    text.push_str("end\n");
                    crate::files::write_atomic_unsynced(
                        &Self::run_path(&dir, *i, r),
                        text.as_bytes(),
                    )?;
                    self.runs_done += 1;
                }
            }
        }
        // Every shard's runs of this wave.
        let mut out = Vec::with_capacity(points.len());
        let mut missing = 0;
        for i in 0..points.len() {
            let mut per = Vec::with_capacity(reps as usize);
            for r in 0..reps {
                match self.read_run(&Self::run_path(&dir, i, r)) {
                    Some(v) => per.push(v),
                    None => missing += 1,
                }
            }
            out.push(per);
        }
        if missing > 0 {
            self.missing = missing;
            return Ok(None);
        }
        Ok(Some(out))
    }
}

impl Simulator for ModelSim<'_> {
    fn run(&mut self, wave: u32, points: &[Vec<f64>]) -> Result<Option<Outputs>> {
        let values: Vec<Vec<f64>> = points
            .iter()
            .map(|u| {
                self.fit
                    .params
                    .iter()
                    .zip(u)
                    .map(|(p, x)| p.from_unit(*x))
                    .collect()
            })
            .collect();
        let Some(out) = self.run_points(&format!("wave-{wave}"), &values)? else {
            return Ok(None);
        };
        if wave == 1 {
            self.tol_half = (0..self.fit.targets.len())
                .map(|t| {
                    let mut v: Vec<f64> = out
                        .iter()
                        .flatten()
                        .map(|run| run[t].1)
                        .filter(|h| h.is_finite())
                        .collect();
                    v.sort_by(f64::total_cmp);
                    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
                })
                .collect();
        }
        Ok(Some(
            out.into_iter()
                .map(|p| {
                    p.into_iter()
                        .map(|run| run.into_iter().map(|(v, _)| v).collect())
                        .collect()
                })
                .collect(),
        ))
    }

    fn targets(&self) -> Vec<TargetSpec> {
        self.fit
            .targets
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let sd = t.observation_sd(self.tol_half.get(i).copied().unwrap_or(f64::NAN));
                TargetSpec {
                    name: t.target.name.to_string(),
                    value: t.target.value,
                    obs_var: sd * sd,
                    disc_var: t.discrepancy_sd * t.discrepancy_sd,
                }
            })
            .collect()
    }
}
