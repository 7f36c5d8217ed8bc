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
use crate::output::number::{num, push_num, push_whole};
use crate::stats;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::Arc;

/// Quote a CSV field if it needs it.
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The (group, metric) keys of a cell's run-level values, in order.
type Keys = Arc<Vec<(String, String)>>;

/// Run-level values of one cell: `values[(group, metric)][replicate]`,
/// keys in the order the run files give them.
#[derive(Default, Debug)]
pub struct RunValues {
    /// Shared with the other cells of a sweep when their runs give the
    /// same keys (see [`RunValues::expecting`]).
    keys: Keys,
    /// The keys runs are expected to give, in order (what the run-file
    /// writer writes for the cell's groups), if known.
    expected: Option<Keys>,
    /// Replicates expected (room for each key's values).
    replicates: usize,
    /// Position of each key in `keys`; built when first needed (runs of a
    /// cell almost always give the same keys in the same order, which
    /// [`RunValues::add`] checks without it).
    index: BTreeMap<(String, String), usize>,
    values: Vec<Vec<f64>>,
}

impl RunValues {
    /// Empty, expecting runs whose rows give `keys` in this order: the
    /// first such run takes them without copying a string (any other run
    /// is added as ever).
    fn expecting(keys: Keys, replicates: usize) -> RunValues {
        RunValues {
            expected: Some(keys),
            replicates,
            ..RunValues::default()
        }
    }

    /// Add the `[runs]` rows of one replicate (an error if they are
    /// damaged: see [`RunText::runs`]).
    pub fn add(&mut self, run: &RunText) -> Result<()> {
        let rows = run.rows()?;
        let same = |keys: &[(String, String)]| {
            rows.len() == keys.len()
                && rows
                    .iter()
                    .zip(keys)
                    .all(|((g, m, _), (kg, km))| g == kg && m == km)
        };
        if self.keys.is_empty() {
            if let Some(e) = self.expected.as_ref().filter(|e| same(e)) {
                self.keys = Arc::clone(e);
                self.values = rows
                    .iter()
                    .map(|&(_, _, v)| {
                        let mut vs = Vec::with_capacity(self.replicates.max(1));
                        vs.push(v);
                        vs
                    })
                    .collect();
                return Ok(());
            }
        }
        if same(&self.keys) {
            // Each key once, in the order already known: row i is key i.
            for ((_, _, v), vs) in rows.iter().zip(&mut self.values) {
                vs.push(*v);
            }
            return Ok(());
        }
        for (g, m, v) in rows {
            let i = self.slot(g, m);
            self.values[i].push(v);
        }
        Ok(())
    }

    /// The position of a key, added at the end if new.
    fn slot(&mut self, group: &str, metric: &str) -> usize {
        if self.index.len() != self.keys.len() {
            self.index = self
                .keys
                .iter()
                .enumerate()
                .map(|(i, k)| (k.clone(), i))
                .collect();
        }
        let key = (group.to_string(), metric.to_string());
        match self.index.get(&key) {
            Some(&i) => i,
            None => {
                Arc::make_mut(&mut self.keys).push(key.clone());
                self.values.push(Vec::new());
                self.index.insert(key, self.keys.len() - 1);
                self.keys.len() - 1
            }
        }
    }

    /// Append the values of later replicates of the same cell (as if their
    /// runs had been added here one by one after this one's).
    fn append(&mut self, later: RunValues) {
        if self.keys.is_empty() {
            *self = later;
            return;
        }
        if Arc::ptr_eq(&later.keys, &self.keys) || later.keys == self.keys {
            for (vs, more) in self.values.iter_mut().zip(later.values) {
                vs.extend(more);
            }
            return;
        }
        for ((g, m), more) in later.keys.iter().zip(later.values) {
            let i = self.slot(g, m);
            self.values[i].extend(more);
        }
    }

    /// Values of a group and metric, by replicate.
    pub fn get(&self, group: &str, metric: &str) -> Option<&[f64]> {
        self.get_near(usize::MAX, group, metric)
    }

    /// [`RunValues::get`], looking first at position `k` (where a cell of
    /// the same sweep has it).
    fn get_near(&self, k: usize, group: &str, metric: &str) -> Option<&[f64]> {
        let at = |i: usize| {
            self.keys
                .get(i)
                .is_some_and(|(g, m)| g == group && m == metric)
        };
        let i = if at(k) {
            Some(k)
        } else {
            self.keys
                .iter()
                .position(|(g, m)| g == group && m == metric)
        };
        i.map(|i| self.values[i].as_slice())
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

/// Append fields as they are (the caller's names need no quoting), each
/// followed by a comma.
fn push_fields(s: &mut String, fields: &[&str]) {
    for f in fields {
        s.push_str(f);
        s.push(',');
    }
}

/// Append a count as `{}` writes it.
fn push_count(s: &mut String, n: usize) {
    push_whole(s, n as u64);
}

fn summary_rows(s: &mut String, cell: &str, scenario: &str, v: &RunValues) {
    let mut xs = Vec::new();
    for (k, (g, m)) in v.keys.iter().enumerate() {
        xs.clear();
        xs.extend(v.values[k].iter().copied().filter(|x| x.is_finite()));
        let su = stats::summarise(&xs);
        push_fields(s, &[cell, scenario, g, m]);
        push_count(s, su.n);
        for x in su.columns() {
            s.push(',');
            push_num(s, x);
        }
        s.push('\n');
    }
}

fn comparison_rows(s: &mut String, cell: &str, v: &RunValues, base: &RunValues) {
    for (k, (g, m)) in v.keys.iter().enumerate() {
        let Some(b) = base.get_near(k, g, m) else {
            continue;
        };
        let p = compare::paired(&v.values[k], b);
        push_fields(s, &[cell, g, m]);
        push_count(s, p.n);
        for x in [
            p.baseline_mean,
            p.mean,
            p.diff_mean,
            p.diff_sd,
            p.diff_ci_lower,
            p.diff_ci_upper,
            p.ratio,
            p.ratio_ci_lower,
            p.ratio_ci_upper,
        ] {
            s.push(',');
            push_num(s, x);
        }
        s.push('\n');
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
        let (Some(b), Some(h)) = (vals[0].get_near(k, g, m), vals[2].get_near(k, g, m)) else {
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

/// Runs read and turned into rows at once (in parallel) before they are
/// written in order: what memory holds of the run files at a time.
const RUNS_AT_ONCE: usize = 32;

/// Replicates of one cell read by one task: few, so that a cell of many
/// replicates still spreads over the threads.
const REPS_PER_PIECE: u32 = 4;

/// Some consecutive replicates of one cell.
struct Piece {
    cell: usize,
    reps: std::ops::Range<u32>,
    /// The keys the cell's run files give (shared by cells with the same
    /// groups).
    keys: Keys,
    /// The cell's last piece (a cell without replicates has one, empty).
    last: bool,
}

/// Every cell's replicates in plan order, in pieces.
fn pieces(plan: &Plan, reps: &[u32]) -> Vec<Piece> {
    let names = crate::output::tables::run_metric_names();
    let mut out = Vec::new();
    let mut keys: Option<(&[String], Keys)> = None;
    for (cell, &n) in reps.iter().enumerate() {
        // What the run-file writer gives: every metric of every group.
        let groups = plan.cells[cell].groups.as_slice();
        let cell_keys = match &keys {
            Some((g, k)) if *g == groups => Arc::clone(k),
            _ => {
                let k: Keys = Arc::new(
                    groups
                        .iter()
                        .flat_map(|g| names.iter().map(move |m| (g.clone(), m.to_string())))
                        .collect(),
                );
                keys = Some((groups, Arc::clone(&k)));
                k
            }
        };
        let mut first = 0;
        loop {
            let end = n.min(first + REPS_PER_PIECE);
            out.push(Piece {
                cell,
                reps: first..end,
                keys: Arc::clone(&cell_keys),
                last: end == n,
            });
            if end == n {
                break;
            }
            first = end;
        }
    }
    out
}

/// What a piece's run files give the aggregate files: their rows with the
/// cell column in front, and their run-level values.
struct PieceText {
    timeseries: String,
    timeseries_groups: String,
    runs: String,
    values: RunValues,
}

/// Read a piece's run files in replicate order (the first that cannot be
/// read or is damaged is the error).
fn read_piece(
    plan: &Plan,
    p: &Piece,
    timeseries: bool,
    read: &(dyn Fn(usize, u32) -> Result<RunText> + Sync),
) -> Result<PieceText> {
    let id = &plan.cells[p.cell].id;
    let mut out = PieceText {
        timeseries: String::new(),
        timeseries_groups: String::new(),
        runs: String::new(),
        values: RunValues::expecting(Arc::clone(&p.keys), p.reps.len()),
    };
    for r in p.reps.clone() {
        let t = read(p.cell, r)?;
        if timeseries {
            prefixed(&mut out.timeseries, id, t.section("[timeseries]"));
            prefixed(
                &mut out.timeseries_groups,
                id,
                t.section("[timeseries_groups]"),
            );
        }
        out.values.add(&t)?;
        prefixed(&mut out.runs, id, t.section("[runs]"));
    }
    Ok(out)
}

/// Append `lines` to `s`, each with the cell column in front.
fn prefixed(s: &mut String, cell: &str, lines: &str) {
    s.reserve(lines.len() + lines.len() / 8);
    for l in lines.lines() {
        s.push_str(cell);
        s.push(',');
        s.push_str(l);
        s.push('\n');
    }
}

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
    // The runs, a few cells' worth at a time: read, checked and turned into
    // rows in parallel, then written in plan order; then the summaries and
    // comparisons of the cells completed, in parallel, written in order.
    let pieces = pieces(plan, reps);
    let with_ts = ts.is_some();
    let mut current = RunValues::default();
    let mut batch_start = 0;
    while batch_start < pieces.len() {
        let mut batch_end = batch_start;
        let mut batch_runs = 0;
        while batch_end < pieces.len() && (batch_end == batch_start || batch_runs < RUNS_AT_ONCE) {
            batch_runs += pieces[batch_end].reps.len();
            batch_end += 1;
        }
        let texts: Vec<Result<PieceText>> = pieces[batch_start..batch_end]
            .par_iter()
            .map(|p| read_piece(plan, p, with_ts, read))
            .collect();
        let mut done: Vec<(usize, RunValues)> = Vec::new();
        for (p, text) in pieces[batch_start..batch_end].iter().zip(texts) {
            let text = text?;
            if let Some((a, b)) = ts.as_mut() {
                a.put(&text.timeseries)?;
                b.put(&text.timeseries_groups)?;
            }
            runs.put(&text.runs)?;
            current.append(text.values);
            if p.last {
                done.push((p.cell, std::mem::take(&mut current)));
            }
        }
        batch_start = batch_end;
        if done.first().is_some_and(|(c, _)| *c == 0) {
            let (_, vals) = done.remove(0);
            let cell = &plan.cells[0];
            let mut s = String::new();
            summary_rows(&mut s, &cell.id, &cell.scenario, &vals);
            summary.put(&s)?;
            baseline = vals;
        }
        let rows: Vec<(String, String)> = done
            .par_iter()
            .map(|(c, vals)| {
                let cell = &plan.cells[*c];
                let (mut s, mut k) = (String::new(), String::new());
                summary_rows(&mut s, &cell.id, &cell.scenario, vals);
                comparison_rows(&mut k, &cell.id, vals, &baseline);
                (s, k)
            })
            .collect();
        for ((c, vals), (s, k)) in done.into_iter().zip(rows) {
            summary.put(&s)?;
            comparisons.put(&k)?;
            if let Some(t) = tornado.as_mut() {
                match plan.cells[c].oat_level.as_deref() {
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
