//! The experiment commands, each a pipeline read top to bottom:
//! `sweep` (load a sweep → plan → run this shard's pending runs → write
//! results or a part), `merge` (check parts → write results) and `reps`
//! (choose replicates by precision → write results).

use crate::cli::progress::Progress;
use crate::{command_line, Common};
use carescale::error::{Error, InputError, Result};
use carescale::experiment::executor;
use carescale::experiment::precision;
use carescale::experiment::shard::Shard;
use carescale::experiment::store::{self, RunStore, WorkDir};
use carescale::experiment::sweep::{Overrides, Plan, Precision, Sweep};
use carescale::output::aggregate;
use carescale::output::{num, OutputDir};
use clap::Args;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Args)]
pub struct SweepArgs {
    /// Sweep file (TOML), e.g. scenarios/sweeps/demo_levers_grid.toml.
    sweep: PathBuf,
    /// Output folder (default results/<sweep name>/, or results/<sweep name>.part-K-of-N/ for a shard).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replace the design with a CSV table: one column per parameter path, optionally a `cell` column.
    #[arg(long, value_name = "CSV")]
    design_table: Option<PathBuf>,
    /// Run only shard K of N (K from 0) and write a part for `carescale merge`.
    #[arg(long, value_name = "K/N", conflicts_with = "shard_from_env")]
    shard: Option<String>,
    /// Take the shard index from SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX.
    #[arg(long)]
    shard_from_env: bool,
    /// Number of shards with --shard-from-env (Slurm: defaults to SLURM_ARRAY_TASK_COUNT).
    #[arg(long, value_name = "N", requires = "shard_from_env")]
    shards: Option<u32>,
    /// Keep the per-run files (runs/) in the results folder.
    #[arg(long)]
    keep_runs: bool,
    /// Check the sweep and print its plan (cells, runs, plan hash) without running.
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    common: Common,
}

#[derive(Args)]
pub struct MergeArgs {
    /// Part folders written by `carescale sweep --shard K/N`.
    #[arg(required = true)]
    parts: Vec<PathBuf>,
    /// Output folder (default results/<sweep name>/).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replace existing results.
    #[arg(long)]
    force: bool,
    /// No progress output.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args)]
pub struct RepsArgs {
    /// A scenario file, or a sweep file (every cell gets its own number of replicates).
    file: PathBuf,
    /// Run-level metric to make precise (as named in runs.csv).
    #[arg(long, default_value = "emergency_admissions_per_1000")]
    metric: String,
    /// Reporting group: a site, a group label or `all`.
    #[arg(long, default_value = "all")]
    group: String,
    /// Target 95% CI half-width as a share of the mean (0.05 = 5%).
    #[arg(long, default_value_t = 0.05)]
    target: f64,
    /// Judge the paired difference from the baseline (sweep files only).
    #[arg(long)]
    paired: bool,
    /// Fewest replicates.
    #[arg(long, default_value_t = 5)]
    min: u32,
    /// Budget cap: most replicates per cell.
    #[arg(long, default_value_t = 100)]
    max: u32,
    /// Output folder (default results/<name>_reps/).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Keep the per-run files (runs/) in the results folder.
    #[arg(long)]
    keep_runs: bool,
    #[command(flatten)]
    common: Common,
}

fn overrides(c: &Common, design_table: Option<PathBuf>, precision: Option<Precision>) -> Overrides {
    Overrides {
        sets: c.set.clone(),
        replicates: c.replicates,
        seed: c.seed,
        scale: Some(c.scale),
        design_table,
        precision,
    }
}

/// `carescale sweep`.
pub fn sweep(a: SweepArgs) -> Result<i32> {
    let t0 = Instant::now();
    let shard = match (&a.shard, a.shard_from_env) {
        (Some(s), _) => Some(Shard::parse(s)?),
        (None, true) => Some(Shard::from_env(a.shards, |k| std::env::var(k).ok())?),
        (None, false) => None,
    };
    let sw = Sweep::from_file(
        &a.sweep,
        &overrides(&a.common, a.design_table.clone(), None),
    )?;
    let plan = Plan::build(&sw)?;
    if a.dry_run {
        print_plan(&plan, shard);
        return Ok(0);
    }
    run_plan(&plan, shard, a.out, &a.common, a.keep_runs, t0)
}

/// `carescale reps`.
pub fn reps(a: RepsArgs) -> Result<i32> {
    let t0 = Instant::now();
    if a.common.replicates.is_some() {
        return Err(Error::input(
            "--replicates",
            None,
            "`reps` chooses the number of replicates itself",
            Some("bound it with --min and --max"),
        ));
    }
    let p = Precision {
        metric: a.metric.clone(),
        group: a.group.clone(),
        half_width_share: a.target,
        paired: a.paired,
        min_replicates: a.min,
        max_replicates: a.max,
    };
    let text = std::fs::read_to_string(&a.file)
        .map_err(|e| Error::io(&a.file, e, "check the path of the scenario or sweep file"))?;
    let ov = overrides(&a.common, None, Some(p));
    let sw = if carescale::experiment::sweep::is_sweep_text(&text) {
        Sweep::from_file(&a.file, &ov)?
    } else {
        Sweep::of_scenario(&a.file, &ov)?
    };
    let plan = Plan::build(&sw)?;
    let out = a
        .out
        .unwrap_or_else(|| Path::new("results").join(format!("{}_reps", plan.sweep)));
    run_plan(&plan, None, Some(out), &a.common, a.keep_runs, t0)
}

fn print_plan(plan: &Plan, shard: Option<Shard>) {
    println!("sweep        {}", plan.sweep);
    println!("question     {}", plan.question.trim());
    println!(
        "design       {} over {} parameter(s)",
        plan.design,
        plan.paths.len()
    );
    println!(
        "cells        {} (baseline + {})",
        plan.cells.len(),
        plan.cells.len() - 1
    );
    println!("replicates   {} per cell", plan.replicates);
    println!("runs         {}", plan.n_runs());
    if let Some(s) = shard {
        let mine = executor::shard_runs(plan, s).count();
        println!("shard        {s}: {mine} runs");
    }
    println!(
        "crn          {}",
        if plan.crn_shared {
            "shared with the baseline (paired comparisons)"
        } else {
            "NOT shared: the baseline has another crn_key"
        }
    );
    println!("plan sha256  {}", plan.plan_sha256);
    for c in plan.cells.iter().take(12) {
        println!("  {:<10} {}", c.id, c.label);
    }
    if plan.cells.len() > 12 {
        println!("  ... {} more cells", plan.cells.len() - 12);
    }
}

/// Run a plan (or one shard of it) and write results (or a part).
fn run_plan(
    plan: &Plan,
    shard: Option<Shard>,
    out: Option<PathBuf>,
    c: &Common,
    keep_runs: bool,
    t0: Instant,
) -> Result<i32> {
    if shard.is_some() && plan.precision.is_some() {
        return Err(Error::input(
            "--shard",
            None,
            "replications by precision decide the number of runs as they go, so they cannot be sharded",
            Some("run it on one machine, or fix the replicates it chose (replications.csv) and shard that sweep"),
        ));
    }
    let out = out.unwrap_or_else(|| {
        let name = match shard {
            Some(s) => format!("{}.part-{}-of-{}", plan.sweep, s.index, s.count),
            None => plan.sweep.clone(),
        };
        Path::new("results").join(name)
    });
    let (wd, other) = WorkDir::open(&out, c.force, plan)?;
    let store = RunStore::new(&wd.work);
    let n_threads = executor::resolve_threads(c.threads);
    if other && !c.quiet {
        eprintln!("note: found an unfinished sweep of another plan for this folder; runs that still match are reused, the rest redone");
    }
    let mut run_batch = |todo: &[(usize, u32)]| -> Result<()> {
        let progress = Progress::new(todo.len() as u64, "runs", c.quiet);
        let opts = executor::Options::threads(c.threads);
        let r = executor::run_plan(plan, &store, todo, &opts, &|| progress.tick());
        progress.finish();
        r
    };
    let reps: Vec<u32> = match &plan.precision {
        None => {
            let s = shard.unwrap_or(Shard::ALL);
            let mine: Vec<(usize, u32)> = executor::shard_runs(plan, s).collect();
            let todo = executor::pending(plan, &store, mine.iter().copied());
            if !c.quiet {
                eprintln!(
                    "{}: {} cells x {} replicates = {} runs{}; {} already done, {} to run on {} threads",
                    plan.sweep,
                    plan.cells.len(),
                    plan.replicates,
                    plan.n_runs(),
                    shard
                        .map(|s| format!(", {} in shard {s}", mine.len()))
                        .unwrap_or_default(),
                    mine.len() - todo.len(),
                    todo.len(),
                    n_threads
                );
            }
            if !todo.is_empty() {
                run_batch(&todo)?;
            }
            vec![plan.replicates; plan.cells.len()]
        }
        Some(p) => {
            let batch = (n_threads as u32).max(2);
            let o = precision::choose(plan, p, &store, batch, &mut run_batch)?;
            let (chosen, trace) = precision::csvs(plan, p, &o);
            store::write_atomic(&wd.work.join("replications.csv"), chosen.as_bytes())?;
            store::write_atomic(&wd.work.join("replications_trace.csv"), trace.as_bytes())?;
            print_replications(plan, p, &o);
            o.replicates
        }
    };
    if let Some(s) = shard {
        let part = serde_json::json!({
            "plan_sha256": plan.plan_sha256,
            "shard": s.to_string(),
            "runs": executor::shard_runs(plan, s).count(),
            "threads": n_threads,
            "wall_seconds": t0.elapsed().as_secs_f64(),
            "command": command_line(),
        });
        store::write_atomic(
            &wd.work.join("part.json"),
            (serde_json::to_string_pretty(&part).unwrap_or_default() + "\n").as_bytes(),
        )?;
        let dir = wd.commit()?;
        if !c.quiet {
            eprintln!(
                "part {s} complete in {:.1}s -> {}\n  combine all parts with: carescale merge PART... --out DIR",
                t0.elapsed().as_secs_f64(),
                dir.display()
            );
        }
        return Ok(0);
    }
    aggregate::write_outputs(
        plan,
        &reps,
        &|cell, r| store.read(&plan.cells[cell], r, plan.timeseries),
        &wd.work,
    )?;
    let extra = serde_json::json!({
        "command": command_line(),
        "threads": n_threads,
        "wall_seconds": t0.elapsed().as_secs_f64(),
        "shards_merged": 1,
        "population_scale": plan.population_scale,
    });
    store::write_atomic(
        &wd.work.join("manifest.json"),
        aggregate::manifest(plan, &reps, extra).as_bytes(),
    )?;
    if let Err(e) = crate_plot_sweep(&wd.work) {
        eprintln!("warning: plots not written: {e}");
    }
    if !keep_runs {
        std::fs::remove_dir_all(store.dir())
            .map_err(|e| Error::io(store.dir(), e, "remove the runs/ folder by hand"))?;
    }
    let _ = std::fs::remove_file(wd.work.join("lock"));
    let dir = wd.commit()?;
    if !c.quiet {
        eprintln!(
            "{} runs in {:.1}s -> {}",
            reps.iter().map(|&r| r as u64).sum::<u64>(),
            t0.elapsed().as_secs_f64(),
            dir.display()
        );
    }
    Ok(0)
}

fn print_replications(plan: &Plan, p: &Precision, o: &precision::Outcome) {
    println!(
        "replicates for a 95% CI half-width of at most {}% of the mean of {} ({}{})",
        num(p.half_width_share * 100.0),
        p.metric,
        p.group,
        if p.paired {
            ", paired difference from the baseline"
        } else {
            ""
        }
    );
    println!(
        "{:<12} {:>10} {:>16} {:>14} {:>8}  met",
        "cell", "replicates", "mean", "half-width", "share"
    );
    for j in &o.chosen {
        println!(
            "{:<12} {:>10} {:>16.4} {:>14.4} {:>8}  {}",
            plan.cells[j.cell].id,
            j.replicates,
            j.mean,
            j.half_width,
            if j.share.is_finite() {
                format!("{:.2}%", j.share * 100.0)
            } else {
                "NA".to_string()
            },
            if j.met { "yes" } else { "no (budget cap)" }
        );
    }
}

/// A part folder: its plan, shard and run files.
struct Part {
    dir: PathBuf,
    plan: Plan,
    shard: Option<Shard>,
}

fn read_part(dir: &Path) -> Result<Part> {
    let plan_path = dir.join("plan.json");
    let text = std::fs::read_to_string(&plan_path).map_err(|_| {
        let hint = if dir.exists() {
            "give folders written by `carescale sweep --shard K/N`"
        } else {
            "check the path; an unfinished shard leaves no part folder: run it again to finish it"
        };
        Error::io(dir, "not a sweep part (no plan.json)", hint)
    })?;
    let plan = Plan::from_json(&text, &plan_path)?;
    let shard = std::fs::read_to_string(dir.join("part.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v["shard"].as_str().and_then(|s| Shard::parse(s).ok()));
    Ok(Part {
        dir: dir.to_path_buf(),
        plan,
        shard,
    })
}

/// `carescale merge`.
pub fn merge(a: MergeArgs) -> Result<i32> {
    let t0 = Instant::now();
    let parts: Vec<Part> = a
        .parts
        .iter()
        .map(|p| read_part(p))
        .collect::<Result<_>>()?;
    let plan = parts[0].plan.clone();
    let mut errs = Vec::new();
    let problem = |origin: &Path, message: String, hint: &str| InputError {
        origin: origin.display().to_string(),
        position: None,
        key: None,
        message,
        hint: Some(hint.to_string()),
    };
    for p in &parts[1..] {
        if p.plan.plan_sha256 != plan.plan_sha256 {
            errs.push(problem(
                &p.dir,
                format!(
                    "this part is from a different plan (plan sha256 {}..., but {} has {}...)",
                    &p.plan.plan_sha256[..12],
                    parts[0].dir.display(),
                    &plan.plan_sha256[..12]
                ),
                "merge only parts of the same sweep file, options and carescale version",
            ));
        }
    }
    if !errs.is_empty() {
        return Err(Error::Input(errs));
    }
    if plan.precision.is_some() {
        return Err(Error::input(
            parts[0].dir.display().to_string(),
            None,
            "a sweep with replications by precision is not made of parts",
            Some("run it on one machine"),
        ));
    }
    // Which part holds each run.
    let cell_index: BTreeMap<&str, usize> = plan
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut found: BTreeMap<(usize, u32), Vec<usize>> = BTreeMap::new();
    for (pi, p) in parts.iter().enumerate() {
        let store = RunStore::new(&p.dir);
        let Ok(rd) = std::fs::read_dir(store.dir()) else {
            continue;
        };
        for e in rd.flatten() {
            let id = e.file_name().to_string_lossy().to_string();
            let Some(&ci) = cell_index.get(id.as_str()) else {
                errs.push(problem(
                    &e.path(),
                    "a run folder of a cell not in the plan".into(),
                    "remove it",
                ));
                continue;
            };
            let Ok(files) = std::fs::read_dir(e.path()) else {
                continue;
            };
            for f in files.flatten() {
                let name = f.file_name().to_string_lossy().to_string();
                let Some(r) = name
                    .strip_prefix('r')
                    .and_then(|s| s.strip_suffix(".csv"))
                    .and_then(|s| s.parse::<u32>().ok())
                else {
                    continue;
                };
                if r >= plan.replicates || !store.is_complete(&plan.cells[ci], r, plan.timeseries) {
                    errs.push(problem(
                        &f.path(),
                        "not a complete run of this plan".into(),
                        "run that shard again",
                    ));
                    continue;
                }
                found.entry((ci, r)).or_default().push(pi);
            }
        }
    }
    let dups: Vec<String> = found
        .iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|((c, r), v)| {
            format!(
                "{} r{} (in {})",
                plan.cells[*c].id,
                r,
                v.iter()
                    .map(|&i| parts[i].dir.display().to_string())
                    .collect::<Vec<_>>()
                    .join(" and ")
            )
        })
        .collect();
    if !dups.is_empty() {
        errs.push(problem(
            &parts[0].dir,
            format!("{} duplicated run(s): {}{}", dups.len(), dups.iter().take(10).cloned().collect::<Vec<_>>().join(", "), if dups.len() > 10 { ", ..." } else { "" }),
            "each run must come from exactly one part: was a part given twice, or parts of different shard counts mixed?",
        ));
    }
    let counts: Vec<u32> = parts
        .iter()
        .filter_map(|p| p.shard.map(|s| s.count))
        .collect();
    let same_n = counts.len() == parts.len() && counts.windows(2).all(|w| w[0] == w[1]);
    let mut missing = Vec::new();
    let mut missing_shards = std::collections::BTreeSet::new();
    for (i, (c, r)) in plan.runs().enumerate() {
        if !found.contains_key(&(c, r)) {
            missing.push(format!("{} r{}", plan.cells[c].id, r));
            if same_n {
                missing_shards.insert(Shard::owner(i as u64, counts[0]));
            }
        }
    }
    if !missing.is_empty() {
        let hint = if same_n {
            format!(
                "run the missing shard(s) {} of {} and merge again",
                missing_shards
                    .iter()
                    .map(|k| k.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                counts[0]
            )
        } else {
            "run the shards that hold them and merge again".to_string()
        };
        errs.push(problem(
            &parts[0].dir,
            format!(
                "{} of {} runs are missing: {}{}",
                missing.len(),
                plan.n_runs(),
                missing
                    .iter()
                    .take(10)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
                if missing.len() > 10 { ", ..." } else { "" }
            ),
            &hint,
        ));
    }
    if !errs.is_empty() {
        return Err(Error::Input(errs));
    }
    let out = a
        .out
        .unwrap_or_else(|| Path::new("results").join(&plan.sweep));
    let od = OutputDir::prepare(&out, a.force)?;
    let dest = od.path("");
    let reps = vec![plan.replicates; plan.cells.len()];
    let stores: Vec<RunStore> = parts.iter().map(|p| RunStore::new(&p.dir)).collect();
    let progress = Progress::new(plan.cells.len() as u64, "cells merged", a.quiet);
    aggregate::write_outputs(
        &plan,
        &reps,
        &|c, r| {
            let pi = found[&(c, r)][0];
            if r + 1 == reps[c] {
                progress.tick();
            }
            stores[pi].read(&plan.cells[c], r, plan.timeseries)
        },
        &dest,
    )?;
    progress.finish();
    if let Err(e) = crate_plot_sweep(&od.path("")) {
        eprintln!("warning: plots not written: {e}");
    }
    let extra = serde_json::json!({
        "command": command_line(),
        "wall_seconds": t0.elapsed().as_secs_f64(),
        "shards_merged": parts.len(),
        "parts": parts.iter().map(|p| p.dir.display().to_string()).collect::<Vec<_>>(),
    });
    od.write(
        "manifest.json",
        aggregate::manifest(&plan, &reps, extra).as_bytes(),
    )?;
    let dir = od.commit()?;
    if !a.quiet {
        eprintln!(
            "merged {} parts ({} runs) in {:.1}s -> {}",
            parts.len(),
            plan.n_runs(),
            t0.elapsed().as_secs_f64(),
            dir.display()
        );
    }
    Ok(0)
}

/// Plots of a finished sweep folder (before it is committed).
fn crate_plot_sweep(dir: &std::path::Path) -> Result<()> {
    carescale::analysis::plot::write_sweep_plots(dir).map(|_| ())
}

/// Run a sweep file into `out` (used for the embedded default sweep).
pub fn run_embedded(file: PathBuf, out: PathBuf, common: Common) -> Result<i32> {
    sweep(SweepArgs {
        sweep: file,
        out: Some(out),
        design_table: None,
        shard: None,
        shard_from_env: false,
        shards: None,
        keep_runs: false,
        dry_run: false,
        common,
    })
}
