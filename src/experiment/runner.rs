//! Runs a scenario: every replicate x site is one work item, run in parallel
//! with rayon and collected in plan order, so results never depend on the
//! number of threads.

use crate::error::{Error, Result};
use crate::model::engine::{simulate_site, DayTables, SiteInput, SiteResult};
use crate::model::rollout::{self, SitePath};
use crate::scenario::dates::Timeline;
use crate::scenario::Scenario;
use rayon::prelude::*;

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

/// Run replicates `first..first + n` of only the sites in `only` (others
/// get empty results). Valid where the skipped sites cannot affect the
/// chosen ones, e.g. a scenario without adoptions.
pub fn run_replicates_subset(
    scn: &Scenario,
    first: u32,
    n: u32,
    threads: usize,
    only: &[usize],
    tick: &(dyn Fn() + Sync),
) -> Result<Vec<Replicate>> {
    run_items(
        scn,
        first,
        n,
        threads,
        Some(only),
        tick,
        &|tl, days, s, r, path| run_site_with(scn, tl, Some(days), s, r, path, false),
    )
}

/// Run replicates `first..first + n` of a scenario on `threads` threads
/// (0 = all cores). `tick` is called after each site finishes.
pub fn run_replicates(
    scn: &Scenario,
    first: u32,
    n: u32,
    threads: usize,
    tick: &(dyn Fn() + Sync),
) -> Result<Vec<Replicate>> {
    run_items(
        scn,
        first,
        n,
        threads,
        None,
        tick,
        &|tl, days, s, r, path| run_site_with(scn, tl, Some(days), s, r, path, false),
    )
}

/// [`run_replicates`] with the simulation of one site (timeline, per-day
/// tables, site, replicate, its rollout path) given by `site_run`, so callers such as
/// `bench` can time its parts. The plan, its order and the thread pool are
/// the same.
pub fn run_replicates_with(
    scn: &Scenario,
    first: u32,
    n: u32,
    threads: usize,
    tick: &(dyn Fn() + Sync),
    site_run: &(dyn Fn(&Timeline, &DayTables, usize, u32, &SitePath) -> SiteResult + Sync),
) -> Result<Vec<Replicate>> {
    run_items(scn, first, n, threads, None, tick, site_run)
}

fn run_items(
    scn: &Scenario,
    first: u32,
    n: u32,
    threads: usize,
    only: Option<&[usize]>,
    tick: &(dyn Fn() + Sync),
    site_run: &(dyn Fn(&Timeline, &DayTables, usize, u32, &SitePath) -> SiteResult + Sync),
) -> Result<Vec<Replicate>> {
    let tl = timeline(scn);
    let days = DayTables::new(scn, &tl);
    let n_sites = scn.sites.len();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Internal(format!("thread pool: {e}")))?;
    let chosen = |s: usize| only.is_none_or(|o| o.contains(&s));
    // Larger sites first keeps both cores busy to the end.
    let mut items: Vec<(u32, usize)> = (first..first + n)
        .flat_map(|r| (0..n_sites).map(move |s| (r, s)))
        .filter(|&(_, s)| chosen(s))
        .collect();
    items.sort_by_key(|&(r, s)| (std::cmp::Reverse(scn.sites[s].population), r, s));
    // The rollout couples sites (learning network), so it is planned for
    // all sites of a replicate first; it is cheap next to the patients.
    let plans: Vec<Vec<SitePath>> = pool.install(|| {
        (first..first + n)
            .into_par_iter()
            .map(|r| rollout::plan(scn, &tl, r))
            .collect()
    });
    let done: Vec<((u32, usize), SiteResult)> = pool.install(|| {
        items
            .par_iter()
            .map(|&(r, s)| {
                let res = site_run(&tl, &days, s, r, &plans[(r - first) as usize][s]);
                tick();
                ((r, s), res)
            })
            .collect()
    });
    let empty = SiteResult {
        months: vec![[0.0; crate::model::metrics::N_BASE]; tl.n_months()],
        top5_cost_share: f64::NAN,
        events: 0,
        people: 0,
        violations: Vec::new(),
    };
    let mut out: Vec<Replicate> = (first..first + n)
        .map(|r| Replicate {
            replicate: r,
            sites: vec![empty.clone(); n_sites],
        })
        .collect();
    for ((r, s), res) in done {
        out[(r - first) as usize].sites[s] = res;
    }
    Ok(out)
}
