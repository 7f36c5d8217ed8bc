//! Shared by the criterion benches: fixed-seed scenarios and their workload

// Each bench file uses only part of this module.
#![allow(dead_code)]
//! sizes, so every bench measures the same work each time it runs.

use carescale::experiment::executor;
use carescale::model::engine::{simulate_site, SiteInput, SiteSim};
use carescale::model::metrics::b;
use carescale::model::rollout;
use carescale::scenario::Scenario;

/// Root seed of every bench scenario.
pub const SEED: u64 = 20_150_310;

/// A one-site scenario of `population` people over `months` (no warm-up)
/// with `replicates` replicates and a fixed seed.
pub fn one_site(population: u64, months: u32, replicates: u32) -> Scenario {
    let text = format!(
        "[scenario]\nname = \"bench\"\nquestion = \"How fast?\"\n\n\
         [run]\nwarm_up_months = 0\nhorizon_months = {months}\nreplicates = {replicates}\nseed = {SEED}\n\n\
         [[sites]]\nname = \"site\"\npopulation = {population}\n"
    );
    Scenario::from_str(&text, "<bench>", &[]).expect("the bench scenario is valid")
}

/// The inputs of site 0, replicate 0.
pub fn input<'a>(scn: &'a Scenario, tl: &'a carescale::scenario::dates::Timeline) -> SiteInput<'a> {
    let path = rollout::plan(scn, tl, 0).swap_remove(0);
    SiteInput {
        scenario: scn,
        site: 0,
        replicate: 0,
        timeline: tl,
        levers: path.strength,
        fidelity: path.fidelity,
        programme_cost: path.programme_cost,
        check_invariants: false,
        days: None,
    }
}

/// Patient-days and events of site 0, replicate 0 (one untimed run: the
/// workload is a pure function of the seed, so this is what every timed
/// run does).
pub fn workload(scn: &Scenario) -> (u64, u64) {
    let tl = executor::timeline(scn);
    let r = simulate_site(input(scn, &tl));
    let days: f64 = r.months.iter().map(|m| m[b::PERSON_DAYS]).sum();
    (days.round() as u64, r.events)
}

/// Set up site 0, replicate 0.
pub fn set_up<'a>(scn: &'a Scenario, tl: &'a carescale::scenario::dates::Timeline) -> SiteSim<'a> {
    SiteSim::new(input(scn, tl))
}
