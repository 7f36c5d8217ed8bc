//! A sweep's results, built from its run files in plan order: the same
//! files `carescale run` writes, with a `cell` column in front, plus
//! `scenarios.csv` (what each cell varies), `psa_params.csv` (the PSA's
//! distributions) and `comparisons.csv` (paired differences and ratios
//! against the baseline).
//!
//! Everything here is a function of the plan and the run files alone, read
//! in plan order, so a sweep run on one machine and one merged from shards
//! give the same bytes. Memory holds one cell's run-level values and the
//! baseline's, never the whole sweep.

use crate::analysis::compare;
use crate::error::{Error, Result};
use crate::experiment::store::RunText;
use crate::experiment::sweep::Plan;
use crate::output::number::num;
use crate::stats;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// Quote a CSV field if it needs it.
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Run-level values of one cell: `values[(group, metric)][replicate]`,
/// keys in the order the run files give them.
#[derive(Default, Debug)]
pub struct RunValues {
    keys: Vec<(String, String)>,
    index: BTreeMap<(String, String), usize>,
    values: Vec<Vec<f64>>,
}

impl RunValues {
    /// Add the `[runs]` rows of one replicate (an error if they are
    /// damaged: see [`RunText::runs`]).
    pub fn add(&mut self, run: &RunText) -> Result<()> {
        for (_, g, m, v) in run.runs()? {
            let key = (g.to_string(), m.to_string());
            let i = match self.index.get(&key) {
                Some(&i) => i,
                None => {
                    self.keys.push(key.clone());
                    self.values.push(Vec::new());
                    self.index.insert(key, self.keys.len() - 1);
                    self.keys.len() - 1
                }
            };
            self.values[i].push(v);
        }
        Ok(())
    }

    /// Values of a group and metric, by replicate.
    pub fn get(&self, group: &str, metric: &str) -> Option<&[f64]> {
        self.index
            .get(&(group.to_string(), metric.to_string()))
            .map(|&i| self.values[i].as_slice())
    }
}

/// A streamed output file: written under a temporary name, renamed to its
/// own only when complete (and removed on failure).
struct Out {
    w: BufWriter<File>,
    path: std::path::PathBuf,
    tmp: std::path::PathBuf,
    done: bool,
}

impl Out {
    fn create(dir: &Path, name: &str, header: &str) -> Result<Out> {
        let path = dir.join(name);
        let tmp = crate::files::temp_beside(&path);
        let f = File::create(&tmp).map_err(|e| Error::io(&path, e, "check free disk space"))?;
        let mut o = Out {
            w: BufWriter::with_capacity(1 << 20, f),
            path,
            tmp,
            done: false,
        };
        o.put(header)?;
        Ok(o)
    }
    fn put(&mut self, s: &str) -> Result<()> {
        crate::files::write_checked(&mut self.w, s.as_bytes())
            .map_err(|e| Error::io(&self.path, e, "check free disk space"))
    }
    fn prefixed(&mut self, cell: &str, lines: &str) -> Result<()> {
        let mut s = String::with_capacity(lines.len() + lines.len() / 8);
        for l in lines.lines() {
            s.push_str(cell);
            s.push(',');
            s.push_str(l);
            s.push('\n');
        }
        self.put(&s)
    }
    fn finish(mut self) -> Result<()> {
        let res = self
            .w
            .flush()
            .and_then(|_| self.w.get_ref().sync_all())
            .and_then(|_| std::fs::rename(&self.tmp, &self.path));
        res.map_err(|e| Error::io(&self.path, e, "check free disk space"))?;
        self.done = true;
        Ok(())
    }
}

/// `scenarios.csv`: each cell's id, label, scenario, replicates and every
/// varied value.
pub fn scenarios_csv(plan: &Plan, reps: &[u32]) -> String {
    let oat = plan.design == "oat";
    let mut s = String::from("cell,label,scenario,replicates");
    for p in plan.paths.iter().chain(&plan.baseline_paths) {
        s.push(',');
        s.push_str(&field(p));
    }
    if oat {
        s.push_str(",oat_parameter,oat_level");
    }
    s.push('\n');
    for (c, n) in plan.cells.iter().zip(reps) {
        let _ = write!(s, "{},{},{},{n}", c.id, field(&c.label), c.scenario);
        for v in &c.values {
            s.push(',');
            s.push_str(&field(v));
        }
        for k in 0..plan.baseline_paths.len() {
            s.push(',');
            s.push_str(&field(
                c.baseline_values.get(k).map(String::as_str).unwrap_or("NA"),
            ));
        }
        if oat {
            let _ = write!(
                s,
                ",{},{}",
                field(c.oat_parameter.as_deref().unwrap_or("NA")),
                c.oat_level.as_deref().unwrap_or("NA")
            );
        }
        s.push('\n');
    }
    s
}

/// `psa_params.csv`: each PSA parameter's distribution, its native
/// parameters, and the mean, SD and 2.5%/97.5% points of the values drawn.
pub fn psa_params_csv(plan: &Plan) -> String {
    let mut s = String::from("parameter,distribution,specified_as,param_1_name,param_1,param_2_name,param_2,param_3_name,param_3,param_4_name,param_4,truncate_lower,truncate_upper,dist_mean,dist_sd,q2_5,q97_5,sample_n,sample_mean,sample_sd\n");
    for p in &plan.psa {
        let _ = write!(s, "{},{},{}", p.parameter, p.distribution, p.specified_as);
        for i in 0..4 {
            match p.native.get(i) {
                Some((n, v)) => {
                    let _ = write!(s, ",{n},{}", num(*v));
                }
                None => s.push_str(",NA,NA"),
            }
        }
        let (tl, tu) = p.truncate.unwrap_or((f64::NAN, f64::NAN));
        let col = plan.paths.iter().position(|x| *x == p.parameter);
        let drawn: Vec<f64> = plan
            .cells
            .iter()
            .skip(1)
            .filter_map(|c| col.and_then(|i| c.values[i].parse().ok()))
            .collect();
        let su = stats::summarise(&drawn);
        let _ = writeln!(
            s,
            ",{},{},{},{},{},{},{},{},{}",
            num(tl),
            num(tu),
            num(p.mean),
            num(p.sd),
            num(p.q025),
            num(p.q975),
            su.n,
            num(su.mean),
            num(su.sd)
        );
    }
    s
}

fn summary_rows(s: &mut String, cell: &str, scenario: &str, v: &RunValues) {
    for (k, (g, m)) in v.keys.iter().enumerate() {
        let xs: Vec<f64> = v.values[k]
            .iter()
            .copied()
            .filter(|x| x.is_finite())
            .collect();
        let su = stats::summarise(&xs);
        let _ = writeln!(
            s,
            "{cell},{scenario},{g},{m},{},{},{},{},{},{},{},{}",
            su.n,
            num(su.mean),
            num(su.sd),
            num(su.ci_lower),
            num(su.ci_upper),
            num(su.p10),
            num(su.p50),
            num(su.p90)
        );
    }
}

fn comparison_rows(s: &mut String, cell: &str, v: &RunValues, base: &RunValues) {
    for (k, (g, m)) in v.keys.iter().enumerate() {
        let Some(b) = base.get(g, m) else { continue };
        let p = compare::paired(&v.values[k], b);
        let _ = writeln!(
            s,
            "{cell},{g},{m},{},{},{},{},{},{},{},{},{},{}",
            p.n,
            num(p.baseline_mean),
            num(p.mean),
            num(p.diff_mean),
            num(p.diff_sd),
            num(p.diff_ci_lower),
            num(p.diff_ci_upper),
            num(p.ratio),
            num(p.ratio_ci_lower),
            num(p.ratio_ci_upper)
        );
    }
}

/// Header of `tornado.csv`.
pub const TORNADO_HEADER: &str = "parameter,base_value,low_value,high_value,group,metric,n,base_mean,low_mean,high_mean,low_diff,low_diff_ci_lower,low_diff_ci_upper,high_diff,high_diff_ci_lower,high_diff_ci_upper\n";

/// Rows of `tornado.csv` for one parameter of a one-at-a-time design: its
/// low and high cells, each compared with the base cell pair by pair.
fn tornado_rows(s: &mut String, plan: &Plan, cells: [usize; 3], vals: [&RunValues; 3]) {
    let [base, lo, hi] = cells;
    let param = plan.cells[lo].oat_parameter.clone().unwrap_or_default();
    let col = plan.paths.iter().position(|p| *p == param);
    let value = |c: usize| {
        col.map(|i| plan.cells[c].values[i].clone())
            .unwrap_or_else(|| "NA".into())
    };
    for (k, (g, m)) in vals[1].keys.iter().enumerate() {
        let (Some(b), Some(h)) = (vals[0].get(g, m), vals[2].get(g, m)) else {
            continue;
        };
        let pl = compare::paired(&vals[1].values[k], b);
        let ph = compare::paired(h, b);
        let _ = writeln!(
            s,
            "{},{},{},{},{g},{m},{},{},{},{},{},{},{},{},{},{}",
            field(&param),
            field(&value(base)),
            field(&value(lo)),
            field(&value(hi)),
            pl.n,
            num(pl.baseline_mean),
            num(pl.mean),
            num(ph.mean),
            num(pl.diff_mean),
            num(pl.diff_ci_lower),
            num(pl.diff_ci_upper),
            num(ph.diff_mean),
            num(ph.diff_ci_lower),
            num(ph.diff_ci_upper)
        );
    }
}

impl Drop for Out {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Header of `comparisons.csv`.
pub const COMPARISONS_HEADER: &str = "cell,group,metric,n,baseline_mean,mean,diff_mean,diff_sd,diff_ci_lower,diff_ci_upper,ratio,ratio_ci_lower,ratio_ci_upper\n";

/// Write every aggregate file into `dest`, reading run (cell, replicate)
/// through `read`; `reps[c]` replicates of cell `c`.
pub fn write_outputs(
    plan: &Plan,
    reps: &[u32],
    read: &(dyn Fn(usize, u32) -> Result<RunText> + Sync),
    dest: &Path,
) -> Result<()> {
    let put = |name: &str, s: &str| crate::files::write_atomic(&dest.join(name), s.as_bytes());
    put("plan.json", &plan.to_json())?;
    put("scenarios.csv", &scenarios_csv(plan, reps))?;
    put("units.csv", &crate::analysis::dictionary::units_csv())?;
    if !plan.psa.is_empty() {
        put("psa_params.csv", &psa_params_csv(plan))?;
    }
    let mut ts = if plan.timeseries {
        Some((
            Out::create(
                dest,
                "timeseries.csv",
                "cell,scenario,replicate,site,period,metric,value\n",
            )?,
            Out::create(
                dest,
                "timeseries_groups.csv",
                "cell,scenario,replicate,group,period,metric,value\n",
            )?,
        ))
    } else {
        None
    };
    let mut runs = Out::create(
        dest,
        "runs.csv",
        "cell,scenario,replicate,group,metric,value\n",
    )?;
    let mut summary = Out::create(
        dest,
        "summary.csv",
        "cell,scenario,group,metric,n,mean,sd,ci_lower,ci_upper,p10,p50,p90\n",
    )?;
    let mut comparisons = Out::create(dest, "comparisons.csv", COMPARISONS_HEADER)?;
    let mut tornado = if plan.design == "oat" {
        Some(Out::create(dest, "tornado.csv", TORNADO_HEADER)?)
    } else {
        None
    };
    // One-at-a-time designs: the base cell and a parameter's low cell wait
    // for its high cell.
    let mut oat_base: Option<(usize, RunValues)> = None;
    let mut oat_low: Option<(usize, RunValues)> = None;
    let mut baseline = RunValues::default();
    for (c, cell) in plan.cells.iter().enumerate() {
        let mut vals = RunValues::default();
        let all: Vec<u32> = (0..reps[c]).collect();
        // Read a few files at a time in parallel, write them in order.
        for chunk in all.chunks(32) {
            let texts: Vec<Result<RunText>> = chunk.par_iter().map(|&r| read(c, r)).collect();
            for t in texts {
                let t = t?;
                if let Some((a, b)) = ts.as_mut() {
                    a.prefixed(&cell.id, t.section("[timeseries]"))?;
                    b.prefixed(&cell.id, t.section("[timeseries_groups]"))?;
                }
                vals.add(&t)?;
                runs.prefixed(&cell.id, t.section("[runs]"))?;
            }
        }
        let mut s = String::new();
        summary_rows(&mut s, &cell.id, &cell.scenario, &vals);
        summary.put(&s)?;
        if c == 0 {
            baseline = vals;
            continue;
        }
        let mut s = String::new();
        comparison_rows(&mut s, &cell.id, &vals, &baseline);
        comparisons.put(&s)?;
        if let Some(t) = tornado.as_mut() {
            match cell.oat_level.as_deref() {
                Some("base") => oat_base = Some((c, vals)),
                Some("low") => oat_low = Some((c, vals)),
                Some("high") => {
                    if let (Some((b, bv)), Some((l, lv))) = (&oat_base, oat_low.take()) {
                        let mut s = String::new();
                        tornado_rows(&mut s, plan, [*b, l, c], [bv, &lv, &vals]);
                        t.put(&s)?;
                    }
                }
                _ => {}
            }
        }
    }
    if let Some(t) = tornado {
        t.finish()?;
    }
    if let Some((a, b)) = ts {
        a.finish()?;
        b.finish()?;
    }
    runs.finish()?;
    summary.finish()?;
    comparisons.finish()
}

/// `manifest.json` of a sweep or merge: the plan's identity and how this
/// folder was produced.
pub fn manifest(plan: &Plan, reps: &[u32], extra: serde_json::Value) -> String {
    let mut v = serde_json::json!({
        "tool": "carescale",
        "version": env!("CARGO_PKG_VERSION"),
        "git_commit": crate::output::manifest::git_commit(),
        "sweep": plan.sweep,
        "question": plan.question,
        "sweep_origin": plan.sweep_origin,
        "plan_sha256": plan.plan_sha256,
        "design": plan.design,
        "cells": plan.cells.len(),
        "replicates_per_cell": reps,
        "runs": reps.iter().map(|&r| r as u64).sum::<u64>(),
        "rng": crate::model::rng::RNG_NAME,
        "root_seed": plan.seed,
        "common_random_numbers": plan.crn_shared,
        "machine": crate::output::manifest::machine(),
        "run": extra,
    });
    // The baseline scenario's facts (dates, currency, sites), as a run's
    // manifest gives them, for reports.
    if let (Some(obj), Some(facts)) = (v.as_object_mut(), plan.facts.as_object()) {
        for (k, x) in facts {
            obj.entry(k.clone()).or_insert_with(|| x.clone());
        }
    }
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}
