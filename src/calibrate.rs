//! Calibration: simulated vs published targets, side by side. Levels are
//! measured over the first reported year (2017/18 in the shipped baseline),
//! growth over the whole reported horizon, always for all sites together.

use crate::metrics::{self, b};
use crate::output::{self, num};
use crate::runner::Replicate;
use crate::scenario::Scenario;
use crate::stats;
use std::fmt::Write as _;

/// How close is close enough.
#[derive(Clone, Copy, Debug)]
pub enum Tolerance {
    /// Within this share of the target (0.05 = ±5%).
    Relative(f64),
    /// Within this absolute distance (0.01 = ±1 percentage point for a rate).
    Absolute(f64),
}

/// What a target measures.
#[derive(Clone, Copy, Debug)]
pub enum Measure {
    /// A metric (see the output dictionary) over the first reported year.
    FirstYear(&'static str),
    /// Annual compound growth of an accumulator between the first and last
    /// reported years.
    GrowthPerYear(usize),
}

/// A published calibration target.
#[derive(Clone, Debug)]
pub struct Target {
    /// Target id in the evidence file (V13, V14, ...).
    pub id: &'static str,
    /// Short name.
    pub name: &'static str,
    /// What is measured.
    pub measure: Measure,
    /// Published value.
    pub value: f64,
    /// Tolerance.
    pub tolerance: Tolerance,
    /// Source.
    pub source: &'static str,
}

/// The baseline targets of the evidence file ("Calibration targets").
pub fn baseline_targets() -> Vec<Target> {
    use Measure::*;
    use Tolerance::*;
    vec![
        Target { id: "V13", name: "emergency_admissions_per_1000", measure: FirstYear("emergency_admissions_per_1000"), value: 108.3, tolerance: Relative(0.05), source: "6.02m in 2017/18 (HF 2018) / 55.6m" },
        Target { id: "V13", name: "ae_attendances_per_1000", measure: FirstYear("ae_attendances_per_1000"), value: 428.0, tolerance: Relative(0.05), source: "23.8m in 2017/18 (NHS Digital HAEA) / 55.6m" },
        Target { id: "V13", name: "zero_day_share", measure: FirstYear("zero_day_share"), value: 0.31, tolerance: Relative(0.10), source: "30.7% (Strategy Unit HES 2017/18); 'around a third' (HF 2018)" },
        Target { id: "V13", name: "emergency_admissions_growth_per_year", measure: GrowthPerYear(b::EA), value: 0.032, tolerance: Absolute(0.01), source: "4.25m (2006/07) to 6.02m (2017/18), 3.2%/yr (HF 2018)" },
        Target { id: "V13", name: "acute_bed_days_growth_per_year", measure: GrowthPerYear(b::BED_DAYS), value: 0.003, tolerance: Absolute(0.01), source: "emergency bed days about flat, +0.3%/yr (HF 2018)" },
        Target { id: "V14", name: "care_home_ea_per_resident_year", measure: FirstYear("care_home_ea_per_resident_year"), value: 0.70, tolerance: Relative(0.10), source: "IAU 2019" },
        Target { id: "V14", name: "care_home_ae_per_resident_year", measure: FirstYear("care_home_ae_per_resident_year"), value: 0.98, tolerance: Relative(0.10), source: "IAU 2019" },
        Target { id: "V14", name: "care_home_share_of_65_plus_ea", measure: FirstYear("care_home_share_of_65_plus_ea"), value: 0.079, tolerance: Relative(0.10), source: "192,000 care-home EAs = 7.9% of 65+ EAs (IAU 2019)" },
        Target { id: "V15", name: "delayed_beds_per_100k", measure: FirstYear("delayed_beds_per_100k"), value: 8.99, tolerance: Relative(0.10), source: "about 5,000 delayed beds a day in 2017/18 (NHS England DToC; 6,200 in 2016/17, 4,500 by mid-2018) / 55.6m" },
        Target { id: "V15", name: "delayed_social_care_share", measure: FirstYear("delayed_social_care_share"), value: 0.325, tolerance: Relative(0.10), source: "32.5% social care, Jan 2018 (NHS England DToC)" },
        Target { id: "LOS", name: "mean_los_overnight_days", measure: FirstYear("mean_los_overnight_days"), value: 7.1, tolerance: Relative(0.10), source: "38.81m bed days / 5.45m overnight spells 2017/18 (Strategy Unit HES)" },
        Target { id: "READM", name: "readmission_30d_rate", measure: FirstYear("readmission_30d_rate"), value: 0.138, tolerance: Relative(0.10), source: "13.8% in 2017/18 (NHS Digital 2019)" },
        Target { id: "CONV", name: "ae_major_conversion", measure: FirstYear("ae_major_conversion"), value: 0.29, tolerance: Relative(0.10), source: "29% of major-A&E attenders admitted (HF 2018)" },
        Target { id: "TOP5", name: "top5_cost_share", measure: FirstYear("top5_cost_share"), value: 0.50, tolerance: Relative(0.10), source: "top 5% of patients = 50% of costs (Dreyer 2019)" },
    ]
}

/// One line of the calibration table.
#[derive(Clone, Debug)]
pub struct Row {
    /// The target.
    pub target: Target,
    /// Simulated mean over replicates.
    pub simulated: f64,
    /// 95% CI of the simulated mean.
    pub ci: (f64, f64),
    /// Inside the tolerance?
    pub pass: bool,
}

/// Evaluate targets against replicates of a scenario.
pub fn evaluate(scn: &Scenario, reps: &[Replicate], targets: &[Target]) -> Vec<Row> {
    let tl = crate::runner::timeline(scn);
    let w = tl.warm_up_months as usize;
    let n = tl.n_months();
    let all: Vec<usize> = (0..scn.sites.len()).collect();
    let first = w..(w + 12).min(n);
    let days: f64 = tl.days_in_period[first.clone()]
        .iter()
        .map(|&d| d as f64)
        .sum();
    let names = output::run_metric_names();
    targets
        .iter()
        .map(|t| {
            let per_rep: Vec<f64> = reps
                .iter()
                .map(|r| match t.measure {
                    Measure::FirstYear(metric) => {
                        let vals = output::run_values(scn, r, &all, first.clone(), days);
                        names
                            .iter()
                            .position(|n| *n == metric)
                            .map(|k| vals[k])
                            .unwrap_or(f64::NAN)
                    }
                    Measure::GrowthPerYear(acc) => {
                        let years = (n - w) / 12;
                        if years < 2 {
                            return f64::NAN;
                        }
                        let a = output::totals(r, &all, w..w + 12)[acc];
                        let z = output::totals(r, &all, w + 12 * (years - 1)..w + 12 * years)[acc];
                        (z / a).powf(1.0 / (years - 1) as f64) - 1.0
                    }
                })
                .collect();
            let s = stats::summarise(&per_rep);
            let pass = s.mean.is_finite()
                && match t.tolerance {
                    Tolerance::Relative(r) => (s.mean - t.value).abs() <= r * t.value.abs(),
                    Tolerance::Absolute(a) => (s.mean - t.value).abs() <= a,
                };
            Row {
                target: t.clone(),
                simulated: s.mean,
                ci: (s.ci_lower, s.ci_upper),
                pass,
            }
        })
        .collect()
}

fn tol_text(t: Tolerance) -> String {
    match t {
        Tolerance::Relative(r) => format!("±{}%", r * 100.0),
        Tolerance::Absolute(a) => format!("±{}", a),
    }
}

/// The table as CSV.
pub fn to_csv(scn: &Scenario, rows: &[Row]) -> String {
    let mut s = String::from(
        "scenario,id,target,simulated,ci_lower,ci_upper,published,tolerance,pass,source\n",
    );
    for r in rows {
        let _ = writeln!(
            s,
            "{},{},{},{},{},{},{},{},{},\"{}\"",
            scn.scenario.name,
            r.target.id,
            r.target.name,
            num(r.simulated),
            num(r.ci.0),
            num(r.ci.1),
            num(r.target.value),
            tol_text(r.target.tolerance),
            r.pass,
            r.target.source.replace('"', "'")
        );
    }
    s
}

/// The table for a terminal.
pub fn to_table(rows: &[Row]) -> String {
    let mut s = format!(
        "{:<6} {:<38} {:>12} {:>12} {:>9} {:>5}\n",
        "id", "target", "simulated", "published", "tolerance", "pass"
    );
    for r in rows {
        let _ = writeln!(
            s,
            "{:<6} {:<38} {:>12} {:>12} {:>9} {:>5}",
            r.target.id,
            r.target.name,
            format!("{:.4}", r.simulated),
            format!("{:.4}", r.target.value),
            tol_text(r.target.tolerance),
            if r.pass { "yes" } else { "NO" }
        );
    }
    let passed = rows.iter().filter(|r| r.pass).count();
    let _ = writeln!(s, "{passed} of {} targets pass", rows.len());
    s
}

/// Every metric name a target may use exists.
pub fn check_names() -> bool {
    let names = output::run_metric_names();
    baseline_targets().iter().all(|t| match t.measure {
        Measure::FirstYear(m) => names.contains(&m),
        Measure::GrowthPerYear(k) => k < metrics::N_BASE,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn target_metrics_exist() {
        assert!(super::check_names());
    }
}
