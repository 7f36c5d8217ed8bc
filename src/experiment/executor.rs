//! The one executor: every command that simulates (`run`, `sweep`, `reps`,
//! `calibrate`, `bench`) hands its work here.
//!
//! The work is cells x replicates. Each replicate's rollout is planned once
//! for all its sites (the rollout couples sites through the learning
//! network), then its sites run in parallel with rayon, larger sites first so
//! every core stays busy to the end. A finished replicate, its sites in site
//! order, goes to a [`Sink`]: [`MemorySink`] keeps it (calibrate, bench,
//! tests); the run store's sinks write it to disk at once and drop it
//! (sweeps, and `run`, which keeps only each replicate's run-level values). Every site is seeded from the seed tree by its (replicate,
//! site) and the cell's scenario, never by thread, so results are the same
//! whatever the thread count, and a sink that orders by (cell, replicate)
//! gives them in plan order.

use crate::error::{Error, Result};
use crate::experiment::shard::Shard;
use crate::experiment::store::{RunCheck, RunStore, StoreSink};
use crate::experiment::sweep::Plan;
use crate::model::engine::{simulate_site, DayTables, SiteInput, SiteResult};
use crate::model::rollout::{self, SitePath};
use crate::scenario::dates::Timeline;
use crate::scenario::Scenario;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// One replicate of a scenario: a result per site, in site order.
#[derive(Clone, Debug)]
pub struct Replicate {
    /// Replicate number.
    pub replicate: u32,
    /// Per-site results.
    pub sites: Vec<SiteResult>,
}

/// The timeline of a scenario.
pub fn timeline(scn: &Scenario) -> Timeline {
    Timeline::new(scn.start, scn.run.warm_up_months, scn.run.horizon_months)
}

/// Threads allowed per core: more only adds switching and memory (and
/// thousands of threads can stall a machine for minutes).
pub const MAX_THREADS_PER_CORE: usize = 8;

/// The most worker threads a `--threads` value may give on this machine:
/// [`MAX_THREADS_PER_CORE`] per core.
pub fn max_threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.saturating_mul(MAX_THREADS_PER_CORE)
}

/// The worker threads a `--threads` value means: 0 is every core (or
/// `RAYON_NUM_THREADS` if set), anything else itself, reduced to
/// [`max_threads`] (see [`threads_note`] for the note the binary shows
/// then). The one place the thread count is resolved.
pub fn resolve_threads(requested: usize) -> usize {
    if requested == 0 {
        return rayon::current_num_threads();
    }
    requested.min(max_threads())
}

/// The note to show when `--threads requested` is reduced by
/// [`resolve_threads`]; `None` when it is used as given. The library
/// returns it and the binary prints it.
pub fn threads_note(requested: usize) -> Option<String> {
    let max = max_threads();
    (requested > max).then(|| {
        format!(
            "note: --threads {requested} is more than {MAX_THREADS_PER_CORE} per core; using {max} threads"
        )
    })
}

/// Simulate one site of one replicate, given the replicate's rollout and,
/// optionally, the scenario's per-day tables (computed here if `None`).
pub fn run_site_with(
    scn: &Scenario,
    tl: &Timeline,
    days: Option<&DayTables>,
    site: usize,
    replicate: u32,
    path: &SitePath,
    check_invariants: bool,
) -> SiteResult {
    simulate_site(SiteInput {
        scenario: scn,
        site,
        replicate,
        timeline: tl,
        levers: path.strength.clone(),
        fidelity: path.fidelity.clone(),
        programme_cost: path.programme_cost.clone(),
        check_invariants,
        days,
    })
}

/// Simulate one site of one replicate (plans the replicate's rollout first).
pub fn run_site(
    scn: &Scenario,
    tl: &Timeline,
    site: usize,
    replicate: u32,
    check_invariants: bool,
) -> SiteResult {
    let paths = rollout::plan(scn, tl, replicate);
    run_site_with(
        scn,
        tl,
        None,
        site,
        replicate,
        &paths[site],
        check_invariants,
    )
}

/// The simulation of one site: (timeline, per-day tables, site, replicate,
/// the site's rollout path) to its result. Callers such as `bench` give
/// their own to time its parts; the default is [`run_site_with`].
pub type SiteFn<'a> =
    dyn Fn(&Timeline, &DayTables, usize, u32, &SitePath) -> SiteResult + Sync + 'a;

/// Where finished replicates go.
pub trait Sink: Sync {
    /// Take a finished replicate of `cell` (whose scenario is `scn`). Called
    /// from worker threads, in no particular order.
    fn accept(&self, cell: usize, scn: &Scenario, rep: Replicate) -> Result<()>;
}

/// A sink that keeps every replicate in memory, in plan order.
#[derive(Default)]
pub struct MemorySink {
    done: Mutex<BTreeMap<(usize, u32), Replicate>>,
}

impl MemorySink {
    /// An empty sink.
    pub fn new() -> MemorySink {
        MemorySink::default()
    }

    /// The replicates of every cell, in (cell, replicate) order.
    pub fn into_replicates(self) -> Vec<Replicate> {
        self.done
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_values()
            .collect()
    }
}

impl Sink for MemorySink {
    fn accept(&self, cell: usize, _scn: &Scenario, rep: Replicate) -> Result<()> {
        self.done
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert((cell, rep.replicate), rep);
        Ok(())
    }
}

/// The work of one cell: its scenario and the replicates to run.
pub struct CellWork {
    /// Cell index (as the sink knows it; 0 for a plain run).
    pub cell: usize,
    /// Replicate numbers to run.
    pub replicates: Vec<u32>,
}

/// How to run the work.
pub struct Options<'a> {
    /// Worker threads (0 = all cores; see [`resolve_threads`]).
    pub threads: usize,
    /// Called after each site finishes.
    pub on_site: &'a (dyn Fn() + Sync),
    /// Run only these sites; the others get empty results. Valid where the
    /// skipped sites cannot affect the chosen ones, e.g. a scenario without
    /// adoptions.
    pub only: Option<&'a [usize]>,
    /// Start at most this many replicates, then stop with
    /// [`Error::Interrupted`] (used to test resuming).
    pub limit: Option<usize>,
    /// The simulation of one site (default [`run_site_with`]).
    pub site_fn: Option<&'a SiteFn<'a>>,
}

impl<'a> Options<'a> {
    /// Every site, no limit, the standard simulation, no progress.
    pub fn threads(threads: usize) -> Options<'a> {
        Options {
            threads,
            on_site: &|| (),
            only: None,
            limit: None,
            site_fn: None,
        }
    }
}

/// Run `work`: cells in parallel, each with `scenario(cell)`, its
/// replicates in parallel, each replicate's sites in parallel (larger sites
/// first), every finished replicate handed to `sink`.
pub fn execute(
    work: &[CellWork],
    scenario: &(dyn Fn(usize) -> Result<Scenario> + Sync),
    opts: &Options,
    sink: &dyn Sink,
) -> Result<()> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(resolve_threads(opts.threads))
        .build()
        .map_err(|e| Error::Internal(format!("thread pool: {e}")))?;
    let started = AtomicUsize::new(0);
    pool.install(|| {
        work.par_iter().try_for_each(|w| {
            let scn = scenario(w.cell)?;
            let tl = timeline(&scn);
            let days = DayTables::new(&scn, &tl);
            let chosen = |s: usize| opts.only.is_none_or(|o| o.contains(&s));
            // Larger sites first keeps every core busy to the end.
            let mut order: Vec<usize> = (0..scn.sites.len()).filter(|&s| chosen(s)).collect();
            order.sort_by_key(|&s| (std::cmp::Reverse(scn.sites[s].population), s));
            w.replicates.par_iter().try_for_each(|&r| {
                if let Some(l) = opts.limit {
                    if started.fetch_add(1, Ordering::SeqCst) >= l {
                        return Err(Error::Interrupted);
                    }
                }
                // The rollout couples sites, so it is planned once for all
                // sites of the replicate.
                let paths = rollout::plan(&scn, &tl, r);
                let done: Vec<(usize, SiteResult)> = order
                    .par_iter()
                    .map(|&s| {
                        let res = match opts.site_fn {
                            Some(f) => f(&tl, &days, s, r, &paths[s]),
                            None => run_site_with(&scn, &tl, Some(&days), s, r, &paths[s], false),
                        };
                        (opts.on_site)();
                        (s, res)
                    })
                    .collect();
                let mut sites = vec![None; scn.sites.len()];
                for (s, res) in done {
                    sites[s] = Some(res);
                }
                let sites = sites
                    .into_iter()
                    .map(|s| s.unwrap_or_else(|| empty(&tl)))
                    .collect();
                sink.accept(
                    w.cell,
                    &scn,
                    Replicate {
                        replicate: r,
                        sites,
                    },
                )
            })
        })
    })
}

/// The result of a site that was not run.
fn empty(tl: &Timeline) -> SiteResult {
    SiteResult {
        months: vec![[0.0; crate::model::metrics::N_BASE]; tl.n_months()],
        top5_cost_share: f64::NAN,
        events: 0,
        people: 0,
        violations: Vec::new(),
    }
}

/// Run replicates `first..first + n` of one scenario (a one-cell plan) into
/// memory; results in replicate order.
pub fn run_replicates(
    scn: &Scenario,
    first: u32,
    n: u32,
    opts: &Options,
) -> Result<Vec<Replicate>> {
    let sink = MemorySink::new();
    let work = [CellWork {
        cell: 0,
        replicates: (first..first + n).collect(),
    }];
    execute(&work, &|_| Ok(scn.clone()), opts, &sink)?;
    Ok(sink.into_replicates())
}

/// Runs of `runs` that have no complete file in `store` yet, in the order
/// given.
pub fn pending(
    plan: &Plan,
    store: &RunStore,
    runs: impl Iterator<Item = (usize, u32)>,
) -> Vec<(usize, u32)> {
    pending_checked(plan, store, runs).0
}

/// [`pending`], with the reason for each run file that is there but fails
/// its check (edited, damaged, another plan): those runs are redone.
pub fn pending_checked(
    plan: &Plan,
    store: &RunStore,
    runs: impl Iterator<Item = (usize, u32)>,
) -> (Vec<(usize, u32)>, Vec<String>) {
    let runs: Vec<(usize, u32)> = runs.collect();
    let checks: Vec<RunCheck> = runs
        .par_iter()
        .map(|&(c, r)| store.check(&plan.cells[c], r, plan.timeseries))
        .collect();
    let mut todo = Vec::new();
    let mut bad = Vec::new();
    for (x, c) in runs.into_iter().zip(checks) {
        match c {
            RunCheck::Ok(_) => {}
            RunCheck::Missing => todo.push(x),
            RunCheck::Bad(why) => {
                bad.push(why);
                todo.push(x);
            }
        }
    }
    (todo, bad)
}

/// The runs of a plan that belong to `shard`.
pub fn shard_runs(plan: &Plan, shard: Shard) -> impl Iterator<Item = (usize, u32)> + '_ {
    plan.runs()
        .enumerate()
        .filter(move |(i, _)| shard.owns(*i as u64))
        .map(|(_, x)| x)
}

/// A rough estimate of what some runs of a plan need, for `--dry-run` and
/// a batch system's resource requests.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// Runs counted.
    pub runs: u64,
    /// CPU time over all threads (s).
    pub cpu_seconds: f64,
    /// Wall time on the threads given (s).
    pub wall_seconds: f64,
    /// Peak memory (bytes).
    pub memory_bytes: u64,
    /// Disk for the run files while running (bytes).
    pub disk_bytes: u64,
}

/// CPU time per simulated patient-day (s), measured by `carescale bench`
/// on one 2 GHz core (about 1.4 ns), rounded up.
const CPU_PER_PATIENT_DAY: f64 = 2.0e-9;
/// CPU time per row of a run file: writing it, reading it back and
/// aggregating it (s), measured on the demo sweep.
const CPU_PER_ROW: f64 = 5.0e-6;
/// Bytes per row of a run file (`demo,0,north,2017-04,crises,14`).
const BYTES_PER_ROW: u64 = 52;
/// Bytes per simulated person (about 80 measured, rounded up).
const BYTES_PER_PERSON: u64 = 128;
/// Memory of the process besides the people it simulates.
const BASE_MEMORY: u64 = 64 << 20;

/// Estimate the time, memory and disk of `shard`'s runs of `plan` on
/// `threads` threads, from each cell's population and months.
pub fn estimate(plan: &Plan, shard: Shard, threads: usize) -> Result<Estimate> {
    let threads = threads.max(1);
    let mut per_cell: BTreeMap<usize, (f64, u64, u64)> = BTreeMap::new();
    let mut e = Estimate {
        runs: 0,
        cpu_seconds: 0.0,
        wall_seconds: 0.0,
        memory_bytes: BASE_MEMORY,
        disk_bytes: 0,
    };
    let mut largest_site = 0u64;
    let mut rows_max = 0u64;
    for (cell, _) in shard_runs(plan, shard) {
        if let std::collections::btree_map::Entry::Vacant(v) = per_cell.entry(cell) {
            let scn = plan.scenario(cell)?;
            let months = (scn.run.warm_up_months + scn.run.horizon_months) as u64;
            let days = months as f64 * 30.44;
            let people = scn.total_population() as f64;
            let rows = scn.sites.len() as u64
                * if plan.timeseries { months } else { 1 }
                * crate::model::metrics::N_BASE as u64;
            largest_site =
                largest_site.max(scn.sites.iter().map(|s| s.population).max().unwrap_or(0));
            rows_max = rows_max.max(rows);
            v.insert((
                people * days * CPU_PER_PATIENT_DAY + rows as f64 * CPU_PER_ROW,
                rows * BYTES_PER_ROW,
                rows,
            ));
        }
        let (cpu, disk, _) = per_cell[&cell];
        e.runs += 1;
        e.cpu_seconds += cpu;
        e.disk_bytes += disk;
    }
    let busy = (threads as u64).min(e.runs.max(1)) as f64;
    e.wall_seconds = e.cpu_seconds / busy;
    e.memory_bytes += threads as u64 * (largest_site * BYTES_PER_PERSON + rows_max * 64);
    Ok(e)
}

/// Run the runs `todo` of a plan into its run store, calling `tick` after
/// each run is on disk. Each finished run is written at once and dropped,
/// so memory does not grow with the number of runs.
pub fn run_plan(
    plan: &Plan,
    store: &RunStore,
    todo: &[(usize, u32)],
    opts: &Options,
    tick: &(dyn Fn() + Sync),
) -> Result<()> {
    let mut by_cell: BTreeMap<usize, Vec<u32>> = BTreeMap::new();
    for &(c, r) in todo {
        by_cell.entry(c).or_default().push(r);
    }
    let work: Vec<CellWork> = by_cell
        .into_iter()
        .map(|(cell, replicates)| CellWork { cell, replicates })
        .collect();
    let sink = StoreSink { plan, store, tick };
    execute(&work, &|c| plan.scenario(c), opts, &sink)
}
