//! Calibration: simulated vs published targets, side by side.
//!
//! A fragmented scenario (no care model adopted anywhere) is checked against
//! the national baseline targets; a programme scenario against the programme
//! targets its sites match: growth of admissions by care model type (V1), and
//! care-home effects in sites tagged as the evaluated sites (V6-V8), as rate
//! ratios against a paired counterfactual run without any adoption (same
//! seeds, so common random numbers). A target the run does not cover (its
//! window, group or tag is absent) is left out of the table.

use crate::analysis::growth::Window;
use crate::error::Result;
use crate::experiment::executor::{self, Options, Replicate};
use crate::model::metrics::{self, b};
use crate::output::number::num;
use crate::output::tables;
use crate::scenario::Scenario;
use crate::stats;
use std::borrow::Cow;
use std::fmt::Write as _;

/// How close is close enough.
#[derive(Clone, Copy, Debug)]
pub enum Tolerance {
    /// Within this share of the target (0.05 = ±5%).
    Relative(f64),
    /// Within this absolute distance (0.01 = ±1 percentage point for a rate).
    Absolute(f64),
    /// Inside the published 95% interval.
    Interval(f64, f64),
    /// Not significant at 5% for a study of this many residents followed for
    /// this many years (a published null).
    NotSignificant {
        /// Residents per arm.
        residents: f64,
        /// Mean follow-up (years).
        follow_up_years: f64,
    },
}

/// Which care-home outcome a rate ratio is of.
#[derive(Clone, Copy, Debug)]
pub enum Outcome {
    /// Emergency admissions.
    Admissions,
    /// A&E attendances.
    Attendances,
    /// Emergency admissions for potentially avoidable conditions.
    AvoidableAdmissions,
}

/// What a target measures.
#[derive(Clone, Copy, Debug)]
pub enum Measure {
    /// A metric of all sites together over a window of months.
    Level(&'static str, &'static str),
    /// Annual compound growth of an accumulator between the first and last
    /// reported years, all sites together.
    GrowthPerYear(usize),
    /// Growth of emergency admissions per 1,000 of a group between two windows.
    GroupGrowth(&'static str, &'static str, &'static str),
    /// Care-home rate ratio vs the counterfactual, in sites with a tag, over a
    /// window, with the study's residential share (None: the sites' own mix).
    CareHomeRatio(&'static str, &'static str, Outcome, Option<f64>),
    /// A metric of all sites together over reported year `k` (0 = the first
    /// twelve months after the warm-up).
    ReportedYear(&'static str, usize),
}

/// A published calibration target.
#[derive(Clone, Debug)]
pub struct Target {
    /// Target id in the evidence file (V1, V13, ...).
    pub id: &'static str,
    /// Short name.
    pub name: Cow<'static, str>,
    /// What is measured.
    pub measure: Measure,
    /// Published value.
    pub value: f64,
    /// Tolerance.
    pub tolerance: Tolerance,
    /// Source.
    pub source: Cow<'static, str>,
}

const FY1718: &str = "2017-04..2018-03";

/// The national baseline targets (EVIDENCE "Calibration targets").
pub fn baseline_targets() -> Vec<Target> {
    use Measure::*;
    use Tolerance::*;
    let t = |id, name: &'static str, measure, value, tolerance, source: &'static str| Target {
        id,
        name: name.into(),
        measure,
        value,
        tolerance,
        source: source.into(),
    };
    vec![
        t("V13", "emergency_admissions_per_1000", Level("emergency_admissions_per_1000", FY1718), 108.3, Relative(0.05), "6.02m in 2017/18 (HF 2018) / 55.6m"),
        t("V13", "ae_attendances_per_1000", Level("ae_attendances_per_1000", FY1718), 428.0, Relative(0.05), "23.8m in 2017/18 (NHS Digital HAEA) / 55.6m"),
        t("V13", "zero_day_share", Level("zero_day_share", FY1718), 0.31, Relative(0.10), "30.7% (Strategy Unit HES 2017/18); 'around a third' (HF 2018)"),
        t("V13", "emergency_admissions_growth_per_year", GrowthPerYear(b::EA), 0.032, Absolute(0.01), "4.25m (2006/07) to 6.02m (2017/18), 3.2%/yr (HF 2018)"),
        t("V13", "acute_bed_days_growth_per_year", GrowthPerYear(b::BED_DAYS), 0.003, Absolute(0.01), "emergency bed days about flat, +0.3%/yr (HF 2018)"),
        t("V14", "care_home_ea_per_resident_year", Level("care_home_ea_per_resident_year", FY1718), 0.70, Relative(0.10), "IAU 2019"),
        t("V14", "care_home_ae_per_resident_year", Level("care_home_ae_per_resident_year", FY1718), 0.98, Relative(0.10), "IAU 2019"),
        t("V14", "care_home_share_of_65_plus_ea", Level("care_home_share_of_65_plus_ea", FY1718), 0.079, Relative(0.10), "192,000 care-home EAs = 7.9% of 65+ EAs (IAU 2019)"),
        t("V15", "delayed_beds_per_100k", Level("delayed_beds_per_100k", FY1718), 8.99, Relative(0.10), "about 5,000 delayed beds a day in 2017/18 (NHS England DToC; 6,200 in 2016/17, 4,500 by mid-2018) / 55.6m"),
        t("V15", "delayed_social_care_share", Level("delayed_social_care_share", FY1718), 0.325, Relative(0.10), "32.5% social care, Jan 2018 (NHS England DToC)"),
        t("LOS", "mean_los_overnight_days", Level("mean_los_overnight_days", FY1718), 7.1, Relative(0.10), "38.81m bed days / 5.45m overnight spells 2017/18 (Strategy Unit HES)"),
        t("READM", "readmission_30d_rate", Level("readmission_30d_rate", FY1718), 0.138, Relative(0.10), "13.8% in 2017/18 (NHS Digital 2019)"),
        t("CONV", "ae_major_conversion", Level("ae_major_conversion", FY1718), 0.29, Relative(0.10), "29% of major-A&E attenders admitted (HF 2018)"),
        t("TOP5", "top5_cost_share", Level("top5_cost_share", FY1718), 0.50, Relative(0.10), "top 5% of patients = 50% of costs (Dreyer 2019)"),
    ]
}

/// The programme targets: V1 by care model type, V6-V8 in the sites tagged
/// as the evaluated care-home vanguards.
pub fn programme_targets() -> Vec<Target> {
    use Measure::*;
    use Outcome::*;
    use Tolerance::*;
    let t = |id, name: &'static str, measure, value, tolerance, source: &'static str| Target {
        id,
        name: name.into(),
        measure,
        value,
        tolerance,
        source: source.into(),
    };
    let (base, year) = ("2015-04..2016-03", "2016-04..2017-03");
    vec![
        t("V1", "mcp_ea_per_1000_growth", GroupGrowth("mcp", base, year), 0.025, Absolute(0.01), "MCP +2.5%, 2016/17 vs 2015 (NHS England letter, July 2017, via HSJ)"),
        t("V1", "pacs_ea_per_1000_growth", GroupGrowth("pacs", base, year), 0.008, Absolute(0.01), "PACS +0.8%, as above"),
        t("V1", "comparison_ea_per_1000_growth", GroupGrowth("comparison", base, year), 0.030, Absolute(0.01), "rest of England +3.0%, as above"),
        t("V6", "rushcliffe_care_home_ea_rr", CareHomeRatio("iau_rushcliffe", "2014-04..2016-03", Admissions, Some(0.49)), 0.77, Interval(0.61, 0.97), "Rushcliffe new residents: emergency admissions -23% (3-39%) (IAU 2017)"),
        t("V6", "rushcliffe_care_home_ae_rr", CareHomeRatio("iau_rushcliffe", "2014-04..2016-03", Attendances, Some(0.49)), 0.71, Interval(0.57, 0.89), "Rushcliffe: A&E -29% (11-43%) (IAU 2017)"),
        t("V7", "rushcliffe_residential_ea_rr", CareHomeRatio("iau_rushcliffe", "2014-04..2016-03", Admissions, Some(1.0)), 0.60, Interval(0.42, 0.86), "residential homes RR 0.60 (0.42-0.86) (Lloyd 2019)"),
        t("V7", "rushcliffe_residential_avoidable_ea_rr", CareHomeRatio("iau_rushcliffe", "2014-04..2016-03", AvoidableAdmissions, Some(1.0)), 0.50, Interval(0.30, 0.82), "residential homes: potentially avoidable admissions RR 0.50 (0.30-0.82) (Lloyd 2019)"),
        t("V7", "rushcliffe_nursing_ea_rr", CareHomeRatio("iau_rushcliffe", "2014-04..2016-03", Admissions, Some(0.0)), 1.0, NotSignificant { residents: 290.0, follow_up_years: 1.0 }, "nursing homes n.s. (Lloyd 2019; about 290 nursing residents)"),
        t("V8", "wakefield_care_home_ea_rr", CareHomeRatio("iau_wakefield", "2016-02..2017-03", Admissions, Some(0.16)), 1.0, NotSignificant { residents: 526.0, follow_up_years: 0.5 }, "Wakefield: no conclusive effect on admissions (526 residents, 84% nursing, 6 months; IAU 2018)"),
        t("V8", "wakefield_care_home_avoidable_ea_rr", CareHomeRatio("iau_wakefield", "2016-02..2017-03", AvoidableAdmissions, Some(0.16)), 0.73, Interval(0.55, 0.98), "Wakefield: potentially avoidable admissions -27% (-45% to -2%) (IAU 2018)"),
        t("V8", "wakefield_care_home_ae_rr", CareHomeRatio("iau_wakefield", "2016-02..2017-03", Attendances, Some(0.16)), 1.0, NotSignificant { residents: 526.0, follow_up_years: 0.5 }, "Wakefield: no conclusive effect on A&E (IAU 2018)"),
        t("V8", "sutton_care_home_ea_rr", CareHomeRatio("iau_sutton", "2016-01..2017-04", Admissions, None), 1.0, NotSignificant { residents: 400.0, follow_up_years: 0.45 }, "Sutton: no strong evidence of any difference (28 homes, mean follow-up 166 days; IAU 2019)"),
    ]
}

/// Care-home residents aged 65 and over in England at any time (IAU 2019).
const CARE_HOME_RESIDENTS_65: f64 = 274_000.0;

/// The demographic targets of each reported year (issue: a baseline that
/// holds steady): population, crude death rate and care-home residents 65+
/// against ONS England (estimates to 2019, the projection after) and the
/// evidence, for a scenario that follows ONS demography. Population and
/// residents are for the scenario's sites: England's figure times the
/// sites' share of England's population in `population.site_population_year`
/// (so a scaled run is held against its scaled figure).
pub fn demographic_targets(scn: &Scenario) -> Vec<Target> {
    use crate::model::demography;
    use Tolerance::*;
    if scn.population.follow_ons_demography < 0.5 {
        return vec![];
    }
    let tl = crate::experiment::executor::timeline(scn);
    let w = tl.warm_up_months as usize;
    let years = (tl.n_months().saturating_sub(w)) / 12;
    let base_year = scn.population.site_population_year.round() as i32;
    let share = scn
        .sites
        .iter()
        .map(|s| s.declared_population as f64)
        .sum::<f64>()
        / demography::row(base_year).total();
    let mut out = Vec::new();
    for k in 0..years {
        let first = tl.periods[w + 12 * k];
        let last = tl.periods[w + 12 * k + 11];
        let label = format!(
            "{}-{:02}..{}-{:02}",
            first.year, first.month, last.year, last.month
        );
        // The year's middle, and the share of its months in each
        // demographic year (1 July to 30 June).
        let mid = crate::scenario::dates::Date {
            year: first.year,
            month: first.month,
            day: 1,
        }
        .add_months(6);
        let pop: f64 = demography::population_on(mid).iter().sum();
        let mut cdr = 0.0;
        for m in 0..12 {
            let p = tl.periods[w + 12 * k + m];
            let y = demography::year_of(crate::scenario::dates::Date {
                year: p.year,
                month: p.month,
                day: 1,
            });
            let r = demography::row(y);
            cdr += 1000.0 * r.deaths.iter().sum::<f64>() / r.total() / 12.0;
        }
        let observed = demography::row(demography::year_of(mid)).observed;
        let src = if observed {
            "ONS mid-year estimates and deaths, England (data/england/demography.csv)"
        } else {
            "ONS-based projection [E] (data/england/demography.csv)"
        };
        out.push(Target {
            id: "D1",
            name: format!("population_{label}").into(),
            measure: Measure::ReportedYear("population", k),
            value: pop * share,
            tolerance: Relative(0.01),
            source: format!("{src}; England {:.0} people", pop).into(),
        });
        out.push(Target {
            id: "D2",
            name: format!("deaths_per_1000_{label}").into(),
            measure: Measure::ReportedYear("deaths_per_1000", k),
            value: cdr,
            tolerance: Relative(0.05),
            source: src.into(),
        });
        out.push(Target {
            id: "D3",
            name: format!("care_home_residents_65_plus_{label}").into(),
            measure: Measure::ReportedYear("care_home_residents_65_plus", k),
            value: CARE_HOME_RESIDENTS_65 * share,
            tolerance: Relative(0.05),
            source: "about 274,000 residents 65+ at any time, no trend (IAU 2019), times the sites' share of England".into(),
        });
    }
    out
}

/// The targets that apply to a scenario: programme targets if any site adopts
/// a care model, the national baseline otherwise; and the demographic
/// targets of each reported year.
pub fn targets_for(scn: &Scenario) -> Vec<Target> {
    let mut t = if needs_counterfactual(scn) {
        programme_targets()
    } else {
        baseline_targets()
    };
    t.extend(demographic_targets(scn));
    t
}

/// Does the scenario roll out care models (so programme targets apply)?
pub fn needs_counterfactual(scn: &Scenario) -> bool {
    scn.sites.iter().any(|s| !s.adoptions.is_empty())
}

/// The overrides that turn `scn` into its counterfactual: the same
/// scenario (same seeds, so common random numbers) with no site adopting
/// any care model.
pub fn counterfactual_overrides(scn: &Scenario) -> Vec<String> {
    (0..scn.sites.len())
        .map(|i| format!("sites.{i}.adopts=[]"))
        .collect()
}

/// The sites a care-home target is measured in (tagged `iau_*`).
pub fn target_sites(scn: &Scenario) -> Vec<usize> {
    scn.sites
        .iter()
        .enumerate()
        .filter(|(_, s)| s.tags.iter().any(|t| t.starts_with("iau_")))
        .map(|(i, _)| i)
        .collect()
}

/// Run the counterfactual `cf` (loaded with [`counterfactual_overrides`])
/// on `threads` threads. Only the [`target_sites`] are needed; without
/// adoptions the sites do not interact, so the others are skipped.
pub fn run_counterfactual(cf: &Scenario, threads: usize) -> Result<Vec<Replicate>> {
    let only = target_sites(cf);
    let opts = Options {
        only: Some(&only),
        ..Options::threads(threads)
    };
    executor::run_replicates(cf, 0, cf.run.replicates, &opts)
}

/// Did every target pass?
pub fn all_pass(rows: &[Row]) -> bool {
    rows.iter().all(|r| r.pass)
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
    /// Half-width of that CI (infinite with fewer than two replicates).
    pub half_width: f64,
    /// The target's tolerance as a half-width around it (for intervals,
    /// half their width; for "not significant", the distance from 1 to the
    /// ratio the published study could just have detected).
    pub tolerance_half_width: f64,
    /// Is the simulated value known well enough to judge: CI half-width
    /// smaller than the tolerance's?
    pub precise: bool,
    /// Replicates a precise judgement needs, from the spread seen
    /// (the replicates run, if already precise).
    pub replicates_needed: u64,
    /// Inside the tolerance, and precise.
    pub pass: bool,
}

/// The status of a row, in words.
pub fn status(r: &Row) -> &'static str {
    match (r.precise, r.pass) {
        (true, true) => "pass",
        (true, false) => "FAIL",
        (false, _) => "imprecise",
    }
}

fn month_range(scn: &Scenario, w: &str) -> Option<std::ops::Range<usize>> {
    let tl = crate::experiment::executor::timeline(scn);
    let w = Window::parse(w)?;
    let idx: Vec<usize> = (tl.warm_up_months as usize..tl.n_months())
        .filter(|&m| w.contains(tl.periods[m]))
        .collect();
    let expected = (w.to.index() - w.from.index() + 1) as usize;
    (idx.len() == expected).then(|| idx[0]..idx[idx.len() - 1] + 1)
}

fn sites_with(scn: &Scenario, group_or_tag: &str) -> Vec<usize> {
    scn.sites
        .iter()
        .enumerate()
        .filter(|(_, s)| s.group == group_or_tag || s.tags.iter().any(|t| t == group_or_tag))
        .map(|(i, _)| i)
        .collect()
}

fn care_home_rate(t: &metrics::Month, outcome: Outcome, residential_share: Option<f64>) -> f64 {
    let (res, nur) = match outcome {
        Outcome::Admissions => (t[b::CH_EA_RESIDENTIAL], t[b::CH_EA_NURSING]),
        Outcome::Attendances => (t[b::CH_AE_RESIDENTIAL], t[b::CH_AE_NURSING]),
        Outcome::AvoidableAdmissions => (
            t[b::CH_EA_AVOIDABLE_RESIDENTIAL],
            t[b::CH_EA_AVOIDABLE_NURSING],
        ),
    };
    match residential_share {
        Some(s) => {
            let r = if t[b::CH_DAYS_RESIDENTIAL] > 0.0 {
                res / t[b::CH_DAYS_RESIDENTIAL]
            } else {
                0.0
            };
            let n = if t[b::CH_DAYS_NURSING] > 0.0 {
                nur / t[b::CH_DAYS_NURSING]
            } else {
                0.0
            };
            (s * r + (1.0 - s) * n) * 365.25
        }
        None => (res + nur) / t[b::CH_RESIDENT_DAYS] * 365.25,
    }
}

/// Per-replicate values of a target, or `None` if the run does not cover it.
/// `base` is the paired counterfactual (needed for care-home ratios); the
/// second value is the counterfactual's mean rate per resident-year.
fn measure(
    scn: &Scenario,
    reps: &[Replicate],
    base: Option<&[Replicate]>,
    m: Measure,
) -> Option<(Vec<f64>, f64)> {
    let tl = crate::experiment::executor::timeline(scn);
    let all: Vec<usize> = (0..scn.sites.len()).collect();
    let names = tables::run_metric_names();
    match m {
        Measure::Level(metric, w) => {
            let range = month_range(scn, w)?;
            let days: f64 = tl.days_in_period[range.clone()]
                .iter()
                .map(|&d| d as f64)
                .sum();
            let k = names.iter().position(|n| *n == metric)?;
            Some((
                reps.iter()
                    .map(|r| tables::run_values(scn, r, &all, range.clone(), days)[k])
                    .collect(),
                f64::NAN,
            ))
        }
        Measure::ReportedYear(metric, k) => {
            let w = tl.warm_up_months as usize;
            let range = w + 12 * k..w + 12 * (k + 1);
            if range.end > tl.n_months() {
                return None;
            }
            let days: f64 = tl.days_in_period[range.clone()]
                .iter()
                .map(|&d| d as f64)
                .sum();
            let k = names.iter().position(|n| *n == metric)?;
            Some((
                reps.iter()
                    .map(|r| tables::run_values(scn, r, &all, range.clone(), days)[k])
                    .collect(),
                f64::NAN,
            ))
        }
        Measure::GrowthPerYear(acc) => {
            let w = tl.warm_up_months as usize;
            let years = (tl.n_months() - w) / 12;
            if years < 2 {
                return None;
            }
            let v = reps
                .iter()
                .map(|r| {
                    let a = tables::totals(r, &all, w..w + 12)[acc];
                    let z = tables::totals(r, &all, w + 12 * (years - 1)..w + 12 * years)[acc];
                    (z / a).powf(1.0 / (years - 1) as f64) - 1.0
                })
                .collect();
            Some((v, f64::NAN))
        }
        Measure::GroupGrowth(group, from, to) => {
            let sites = sites_with(scn, group);
            let (a, z) = (month_range(scn, from)?, month_range(scn, to)?);
            if sites.is_empty() {
                return None;
            }
            let v = reps
                .iter()
                .map(|r| {
                    let x = tables::totals(r, &sites, a.clone());
                    let y = tables::totals(r, &sites, z.clone());
                    (y[b::EA] / y[b::PERSON_DAYS]) / (x[b::EA] / x[b::PERSON_DAYS]) - 1.0
                })
                .collect();
            Some((v, f64::NAN))
        }
        Measure::CareHomeRatio(tag, w, outcome, share) => {
            let sites = sites_with(scn, tag);
            let range = month_range(scn, w)?;
            let base = base?;
            if sites.is_empty() {
                return None;
            }
            let mut base_rate = 0.0;
            let v = reps
                .iter()
                .zip(base)
                .map(|(r, c)| {
                    let with =
                        care_home_rate(&tables::totals(r, &sites, range.clone()), outcome, share);
                    let without =
                        care_home_rate(&tables::totals(c, &sites, range.clone()), outcome, share);
                    base_rate += without / reps.len() as f64;
                    with / without
                })
                .collect();
            Some((v, base_rate))
        }
    }
}

/// Evaluate targets; those the run does not cover are left out.
pub fn evaluate(
    scn: &Scenario,
    reps: &[Replicate],
    base: Option<&[Replicate]>,
    targets: &[Target],
) -> Vec<Row> {
    targets
        .iter()
        .filter_map(|t| {
            let (per_rep, base_rate) = measure(scn, reps, base, t.measure)?;
            let s = stats::summarise(&per_rep);
            let (inside, tol) = match t.tolerance {
                Tolerance::Relative(r) => (
                    (s.mean - t.value).abs() <= r * t.value.abs(),
                    r * t.value.abs(),
                ),
                Tolerance::Absolute(a) => ((s.mean - t.value).abs() <= a, a),
                Tolerance::Interval(lo, hi) => (s.mean >= lo && s.mean <= hi, (hi - lo) / 2.0),
                Tolerance::NotSignificant {
                    residents,
                    follow_up_years,
                } => {
                    // Expected events per arm in a study of that size; the
                    // log rate ratio's SE from Poisson counts.
                    let e0 = residents * follow_up_years * base_rate;
                    let se = (1.0 / e0 + 1.0 / (e0 * s.mean)).sqrt();
                    ((s.mean.ln() / se).abs() < 1.96, (1.96 * se).exp() - 1.0)
                }
            };
            let half_width = if s.n > 1 {
                (s.ci_upper - s.ci_lower) / 2.0
            } else {
                f64::INFINITY
            };
            let precise = s.mean.is_finite() && half_width < tol;
            let replicates_needed = if precise {
                s.n as u64
            } else if s.n > 1 && s.sd.is_finite() && tol > 0.0 {
                replicates_for(s.sd, tol, s.n as u64)
            } else {
                0
            };
            Some(Row {
                target: t.clone(),
                simulated: s.mean,
                ci: (s.ci_lower, s.ci_upper),
                half_width,
                tolerance_half_width: tol,
                precise,
                replicates_needed,
                pass: precise && inside && s.mean.is_finite(),
            })
        })
        .collect()
}

/// The smallest number of replicates (more than `now`) whose 95% CI
/// half-width, `t(n-1) sd / sqrt(n)` with the spread `sd` seen, is below
/// `tol` (capped at a million).
fn replicates_for(sd: f64, tol: f64, now: u64) -> u64 {
    let half = |n: u64| stats::t_quantile(0.975, (n - 1) as f64) * sd / (n as f64).sqrt();
    let mut n = now.max(2) + 1;
    while n < 1_000_000 && half(n) >= tol {
        // Grow geometrically while far off, then step.
        n = if half(n) > 2.0 * tol { n * 2 } else { n + 1 };
    }
    n.min(1_000_000)
}

fn tol_text(t: Tolerance) -> String {
    match t {
        Tolerance::Relative(r) => format!("±{}%", r * 100.0),
        Tolerance::Absolute(a) => format!("±{a}"),
        Tolerance::Interval(lo, hi) => format!("{lo}-{hi}"),
        Tolerance::NotSignificant { residents, .. } => format!("n.s. n={residents}"),
    }
}

/// The table as CSV.
pub fn to_csv(scn: &Scenario, rows: &[Row]) -> String {
    let mut s = String::from(
        "scenario,id,target,simulated,ci_lower,ci_upper,half_width,published,tolerance,tolerance_half_width,status,replicates_needed,pass,source\n",
    );
    for r in rows {
        let _ = writeln!(
            s,
            "{},{},{},{},{},{},{},{},{},{},{},{},{},\"{}\"",
            scn.scenario.name,
            r.target.id,
            r.target.name,
            num(r.simulated),
            num(r.ci.0),
            num(r.ci.1),
            num(r.half_width),
            num(r.target.value),
            tol_text(r.target.tolerance),
            num(r.tolerance_half_width),
            status(r),
            r.replicates_needed,
            r.pass,
            r.target.source.replace('"', "'")
        );
    }
    s
}

/// The table for a terminal.
pub fn to_table(rows: &[Row]) -> String {
    let mut s = format!(
        "{:<6} {:<38} {:>10} {:>10} {:>10} {:>14} {:>10} {:>9}\n",
        "id", "target", "simulated", "±95% CI", "published", "tolerance", "±tol", "status"
    );
    for r in rows {
        let _ = writeln!(
            s,
            "{:<6} {:<38} {:>10} {:>10} {:>10} {:>14} {:>10} {:>9}",
            r.target.id,
            r.target.name,
            format!("{:.4}", r.simulated),
            format!("{:.4}", r.half_width),
            format!("{:.4}", r.target.value),
            tol_text(r.target.tolerance),
            format!("{:.4}", r.tolerance_half_width),
            status(r)
        );
    }
    let passed = rows.iter().filter(|r| r.pass).count();
    let imprecise: Vec<&Row> = rows.iter().filter(|r| !r.precise).collect();
    let _ = writeln!(
        s,
        "{passed} of {} targets pass (a pass needs the CI half-width below the tolerance)",
        rows.len()
    );
    if let Some(n) = imprecise.iter().map(|r| r.replicates_needed).max() {
        let _ = writeln!(
            s,
            "{} target(s) imprecise: about {n} replicates would make every one precise",
            imprecise.len()
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_metrics_exist() {
        let names = tables::run_metric_names();
        for t in baseline_targets().iter().chain(programme_targets().iter()) {
            if let Measure::Level(m, w) = t.measure {
                assert!(names.contains(&m), "{m}");
                assert!(Window::parse(w).is_some());
            }
        }
        for m in [
            "population",
            "deaths_per_1000",
            "care_home_residents_65_plus",
        ] {
            assert!(names.contains(&m), "{m}");
        }
    }
}
