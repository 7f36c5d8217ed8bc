//! Lever strengths over time at a site. In a scenario without a rollout,
//! each lever keeps the strength the site declares for the whole run.

use crate::calendar::Timeline;
use crate::engine::LeverPath;
use crate::scenario::Scenario;

/// Effective lever strengths by month and programme cost by month (GBP) of
/// one site in one replicate.
pub fn lever_paths(
    scn: &Scenario,
    site: usize,
    tl: &Timeline,
    _replicate: u32,
) -> (LeverPath, Vec<f64>) {
    let strengths = scn.sites[site].levers.to_array();
    (vec![strengths; tl.n_months()], vec![0.0; tl.n_months()])
}
