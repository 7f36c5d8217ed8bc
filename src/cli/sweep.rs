//! `carescale sweep`: load a sweep → plan → run this shard's pending runs
//! → write results (or a part for `carescale merge`).

use crate::cli::common::{command_line, format_extra, Common, FormatArg};
use crate::cli::progress::Progress;
use carescale::error::{Error, Result};
use carescale::experiment::executor;
use carescale::experiment::precision;
use carescale::experiment::shard::Shard;
use carescale::experiment::store::{self, RunStore, WorkDir};
use carescale::experiment::sweep::{Overrides, Plan, Precision, Sweep};
use carescale::output::aggregate;
use carescale::output::num;
use clap::Args;
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
    /// Take the shard index from SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX, minus --shard-base.
    #[arg(long)]
    shard_from_env: bool,
    /// Number of shards with --shard-from-env: the tasks of the whole array. Give it always with Slurm, so that a resubmitted task (sbatch --array=2) finds its shard.
    #[arg(long, value_name = "N", requires = "shard_from_env")]
    shards: Option<u32>,
    /// First index of the array as declared in the job script (#SBATCH --array=1-8: 1); shard = index - base.
    #[arg(
        long,
        value_name = "BASE",
        default_value_t = 0,
        requires = "shard_from_env"
    )]
    shard_base: u32,
    /// Keep the per-run files (runs/) in the results folder.
    #[arg(long)]
    keep_runs: bool,
    /// Check the sweep and print its plan (cells, runs, plan hash) without running.
    #[arg(long)]
    dry_run: bool,
    /// Formats of the long tables: csv; both (a Parquet file beside each); parquet (monthly series as Parquet only, run-level tables in both).
    #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
    pub format: FormatArg,
    #[command(flatten)]
    common: Common,
}

pub fn overrides(
    c: &Common,
    design_table: Option<PathBuf>,
    precision: Option<Precision>,
) -> Overrides {
    Overrides {
        sets: c.set.clone(),
        replicates: c.replicates,
        seed: c.seed,
        scale: c.scale,
        design_table,
        precision,
    }
}

/// `carescale sweep`.
pub fn sweep(a: SweepArgs) -> Result<i32> {
    crate::cli::common::check_out("--out", a.out.as_deref())?;
    let t0 = Instant::now();
    let shard = match (&a.shard, a.shard_from_env) {
        (Some(s), _) => Some(Shard::parse(s)?),
        (None, true) => Some(Shard::from_env(a.shards, a.shard_base, |k| {
            std::env::var(k).ok()
        })?),
        (None, false) => None,
    };
    let sw = Sweep::from_file(
        &a.sweep,
        &overrides(&a.common, a.design_table.clone(), None),
    )?;
    let plan = Plan::build(&sw)?;
    if a.dry_run {
        print_plan(&plan, shard, a.common.threads());
        return Ok(0);
    }
    if let (Some(s), Some(out), false) = (shard, &a.out, a.common.force) {
        // A part already complete for this plan: nothing to do, so that a
        // script rerun after a partial failure resumes instead of stopping.
        if part_is_complete(out, &plan) {
            if !a.common.quiet {
                eprintln!(
                    "part {s} of {} is already complete in {}; nothing to do (--force redoes it)",
                    plan.sweep,
                    out.display()
                );
            }
            return Ok(0);
        }
    }
    run_plan(&plan, shard, a.out, &a.common, a.keep_runs, a.format, t0)
}

/// Is `dir` a finished part of this very plan?
fn part_is_complete(dir: &Path, plan: &Plan) -> bool {
    let read = |name: &str| {
        carescale::files::read_text(&dir.join(name), carescale::files::MAX_RESULT_BYTES, name).ok()
    };
    match (read("plan.json"), read("part.json")) {
        (Some(p), Some(part)) => {
            p.contains(&plan.plan_sha256)
                && serde_json::from_str::<serde_json::Value>(&part)
                    .map(|v| v["plan_sha256"].as_str() == Some(plan.plan_sha256.as_str()))
                    .unwrap_or(false)
        }
        _ => false,
    }
}

fn print_plan(plan: &Plan, shard: Option<Shard>, threads: usize) {
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
    match executor::estimate(plan, shard.unwrap_or(Shard::ALL), threads) {
        Ok(e) => {
            let what = if shard.is_some() {
                "this shard"
            } else {
                "the sweep"
            };
            println!(
                "estimate     {what} on {threads} thread(s): about {} of wall time ({} CPU), {} memory, {} disk while running",
                duration(e.wall_seconds),
                duration(e.cpu_seconds),
                bytes(e.memory_bytes),
                bytes(e.disk_bytes)
            );
            println!(
                "             (rough: measured rates on one 2 GHz core; ask a batch system for about twice this time and memory)"
            );
        }
        Err(e) => println!("estimate     not available: {e}"),
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

/// Run a plan (or one shard of it) and write results (or a part); used
/// by `sweep` and `reps`.
pub fn run_plan(
    plan: &Plan,
    shard: Option<Shard>,
    out: Option<PathBuf>,
    c: &Common,
    keep_runs: bool,
    format: FormatArg,
    t0: Instant,
) -> Result<i32> {
    if shard.is_some() && format != FormatArg::Csv {
        return Err(Error::input(
            "--format",
            None,
            "a shard writes run files, not tables, so it has no format to choose",
            Some("give --format to `carescale merge`, which writes the tables"),
        ));
    }
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
    let kind = if shard.is_some() { "part" } else { "sweep" };
    let (wd, other) = WorkDir::open(&out, c.force, plan, kind)?;
    crate::cli::common::show_notes(&wd.notes());
    let store = RunStore::new(&wd.work);
    let n_threads = c.threads();
    if other && !c.quiet {
        eprintln!("note: found an unfinished sweep of another plan for this folder; runs that still match are reused, the rest redone");
    }
    let mut run_batch = |todo: &[(usize, u32)]| -> Result<()> {
        let progress = Progress::new(todo.len() as u64, "runs", c.quiet);
        let opts = executor::Options::threads(n_threads);
        let r = executor::run_plan(plan, &store, todo, &opts, &|| progress.tick());
        progress.finish();
        r
    };
    let reps: Vec<u32> = match &plan.precision {
        None => {
            let s = shard.unwrap_or(Shard::ALL);
            let mine: Vec<(usize, u32)> = executor::shard_runs(plan, s).collect();
            let (todo, bad) = executor::pending_checked(plan, &store, mine.iter().copied());
            for why in bad.iter().take(10) {
                eprintln!("note: {why}; redoing that run");
            }
            if bad.len() > 10 {
                eprintln!(
                    "note: {} more run files failed their check; redoing them",
                    bad.len() - 10
                );
            }
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
        // Every run file of the part with its checksum, so that merge
        // catches a missing, edited or foreign file.
        let mut run_files = serde_json::Map::new();
        for (cell, r) in executor::shard_runs(plan, s) {
            let cl = &plan.cells[cell];
            match store.check(cl, r, plan.timeseries) {
                store::RunCheck::Ok(sum) => {
                    run_files.insert(format!("{}/r{r:06}.csv", cl.id), sum.into());
                }
                store::RunCheck::Missing => {
                    return Err(Error::io(
                        store.path(&cl.id, r),
                        "a run of this shard is missing",
                        "run the shard again to redo it",
                    ))
                }
                store::RunCheck::Bad(why) => {
                    return Err(Error::io(
                        store.path(&cl.id, r),
                        why,
                        "run the shard again to redo it",
                    ))
                }
            }
        }
        let part = serde_json::json!({
            "plan_sha256": plan.plan_sha256,
            "shard": s.to_string(),
            "runs": executor::shard_runs(plan, s).count(),
            "run_file_format": store::RUN_FILE_FORMAT,
            "run_files": run_files,
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
    let mut extra = serde_json::json!({
        "command": command_line(),
        "threads": n_threads,
        "wall_seconds": t0.elapsed().as_secs_f64(),
        "shards_merged": 1,
        "population_scale": plan.population_scale,
    });
    format_extra(&mut extra, format);
    store::write_atomic(
        &wd.work.join("manifest.json"),
        aggregate::manifest(plan, &reps, extra).as_bytes(),
    )?;
    if let Err(e) = plot_sweep(&wd.work) {
        eprintln!("warning: plots not written: {e}");
    }
    carescale::output::parquet::write_tables(&wd.work, format.format())?;
    if !keep_runs {
        std::fs::remove_dir_all(store.dir())
            .map_err(|e| Error::io(store.dir(), e, "remove the runs/ folder by hand"))?;
    }
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

/// Plots of a finished sweep folder (before it is committed).
pub fn plot_sweep(dir: &Path) -> Result<()> {
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
        shard_base: 0,
        keep_runs: false,
        dry_run: false,
        format: FormatArg::Csv,
        common,
    })
}

/// A duration for people: seconds, minutes or hours.
fn duration(s: f64) -> String {
    if s < 60.0 {
        format!("{:.0} s", s.max(1.0))
    } else if s < 3600.0 {
        format!("{:.0} min", s / 60.0)
    } else {
        format!("{:.1} h", s / 3600.0)
    }
}

/// A size for people: KiB, MiB or GiB.
fn bytes(b: u64) -> String {
    let b = b as f64;
    if b < 1024.0 * 1024.0 {
        format!("{:.0} KiB", (b / 1024.0).max(1.0))
    } else if b < 1024.0 * 1024.0 * 1024.0 {
        format!("{:.0} MiB", b / 1024.0 / 1024.0)
    } else {
        format!("{:.1} GiB", b / 1024.0 / 1024.0 / 1024.0)
    }
}
