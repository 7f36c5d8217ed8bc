//! Pure metric tables of a scenario's replicates: reporting groups, totals
//! over months and sites, and run-level values per group. No formatting and
//! no I/O: the writers ([`crate::output::csv`]) and the run store build on
//! these.

use crate::experiment::executor::Replicate;
use crate::model::metrics::{self, Month, N_BASE};
use crate::scenario::Scenario;

/// Reporting groups: every site, every distinct group label, and `all`.
pub fn groups(scn: &Scenario) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> = scn
        .sites
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.clone(), vec![i]))
        .collect();
    let mut labels: Vec<String> = scn.sites.iter().map(|s| s.group.clone()).collect();
    labels.sort();
    labels.dedup();
    for l in labels {
        if scn.sites.iter().any(|s| s.name == l) || l == "all" {
            continue;
        }
        out.push((
            l.clone(),
            scn.sites
                .iter()
                .enumerate()
                .filter(|(_, s)| s.group == l)
                .map(|(i, _)| i)
                .collect(),
        ));
    }
    out.push(("all".to_string(), (0..scn.sites.len()).collect()));
    out
}

/// Sum of accumulators over `months` and `sites` of one replicate.
pub fn totals(rep: &Replicate, sites: &[usize], months: std::ops::Range<usize>) -> Month {
    let mut m = [0.0; N_BASE];
    for &s in sites {
        for mo in months.clone() {
            metrics::add_into(&mut m, &rep.sites[s].months[mo]);
        }
    }
    m
}

/// Names of the run-level metrics: every metric plus `top5_cost_share`.
pub fn run_metric_names() -> Vec<&'static str> {
    let mut v = metrics::all_names();
    v.push("top5_cost_share");
    v
}

/// Run-level values of a group in one replicate over the reported months.
pub fn run_values(
    scn: &Scenario,
    rep: &Replicate,
    sites: &[usize],
    reported: std::ops::Range<usize>,
    days: f64,
) -> Vec<f64> {
    let t = totals(rep, sites, reported);
    let mut v = metrics::all_values(&t, days);
    // The top-5% share is a site statistic; a group gets the
    // population-weighted mean of its sites.
    let (mut w, mut s) = (0.0, 0.0);
    for &i in sites {
        let x = rep.sites[i].top5_cost_share;
        if x.is_finite() {
            let p = scn.sites[i].population as f64;
            w += p;
            s += p * x;
        }
    }
    v.push(if w > 0.0 { s / w } else { f64::NAN });
    v
}

/// Run-level values per replicate and group: `values[group][replicate][metric]`.
pub fn run_table(scn: &Scenario, reps: &[Replicate]) -> Vec<(String, Vec<Vec<f64>>)> {
    let tl = crate::experiment::executor::timeline(scn);
    let reported = tl.warm_up_months as usize..tl.n_months();
    let days: f64 = tl.days_in_period[reported.clone()]
        .iter()
        .map(|&d| d as f64)
        .sum();
    groups(scn)
        .into_iter()
        .map(|(g, sites)| {
            let vals = reps
                .iter()
                .map(|r| run_values(scn, r, &sites, reported.clone(), days))
                .collect();
            (g, vals)
        })
        .collect()
}
