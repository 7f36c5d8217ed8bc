//! Runs the pending runs of a plan in parallel: rayon over cells x
//! replicates x sites, each finished run written to its own file at once
//! and dropped, so memory does not grow with the number of runs. Every run
//! is seeded from the seed tree by its (cell, replicate, site), never by
//! thread, so the files are the same whatever the thread count or the
//! process that writes them.

use crate::error::{Error, Result};
use crate::experiment::runner::{self, Replicate};
use crate::experiment::shard::Shard;
use crate::experiment::store::RunStore;
use crate::experiment::sweep::Plan;
use crate::model::engine::DayTables;
use crate::model::rollout;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs of `runs` that have no complete file yet, in the order given.
pub fn pending(
    plan: &Plan,
    store: &RunStore,
    runs: impl Iterator<Item = (usize, u32)>,
) -> Vec<(usize, u32)> {
    let runs: Vec<(usize, u32)> = runs.collect();
    let done: Vec<bool> = runs
        .par_iter()
        .map(|&(c, r)| store.is_complete(&plan.cells[c], r, plan.timeseries))
        .collect();
    runs.into_iter()
        .zip(done)
        .filter(|(_, d)| !d)
        .map(|(x, _)| x)
        .collect()
}

/// The runs of a plan that belong to `shard`.
pub fn shard_runs(plan: &Plan, shard: Shard) -> impl Iterator<Item = (usize, u32)> + '_ {
    plan.runs()
        .enumerate()
        .filter(move |(i, _)| shard.owns(*i as u64))
        .map(|(_, x)| x)
}

/// Run `todo` on `threads` threads (0 = all cores), calling `tick` after
/// each run is on disk. With `limit`, start at most that many runs and then
/// stop with [`Error::Interrupted`] (used to test resuming).
pub fn execute(
    plan: &Plan,
    store: &RunStore,
    todo: &[(usize, u32)],
    threads: usize,
    tick: &(dyn Fn() + Sync),
    limit: Option<usize>,
) -> Result<()> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Internal(format!("thread pool: {e}")))?;
    let mut by_cell: BTreeMap<usize, Vec<u32>> = BTreeMap::new();
    for &(c, r) in todo {
        by_cell.entry(c).or_default().push(r);
    }
    let by_cell: Vec<(usize, Vec<u32>)> = by_cell.into_iter().collect();
    let started = AtomicUsize::new(0);
    pool.install(|| {
        by_cell.par_iter().try_for_each(|(c, reps)| {
            let cell = &plan.cells[*c];
            let scn = plan.scenario(*c)?;
            let tl = runner::timeline(&scn);
            let days = DayTables::new(&scn, &tl);
            reps.par_iter().try_for_each(|&r| {
                if let Some(l) = limit {
                    if started.fetch_add(1, Ordering::SeqCst) >= l {
                        return Err(Error::Interrupted);
                    }
                }
                // The rollout couples sites, so it is planned once for all
                // sites of the replicate.
                let paths = rollout::plan(&scn, &tl, r);
                let sites = (0..scn.sites.len())
                    .into_par_iter()
                    .map(|s| runner::run_site_with(&scn, &tl, Some(&days), s, r, &paths[s], false))
                    .collect();
                let rep = Replicate {
                    replicate: r,
                    sites,
                };
                store.write(cell, &scn, &rep, plan.timeseries)?;
                tick();
                Ok(())
            })
        })
    })
}
