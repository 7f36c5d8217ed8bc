//! Health economics from a results folder: NHS and personal social services
//! costs by category, discounted; days alive and at home; QALYs when
//! utility weights are given; programme costs per head; net monetary
//! benefit at NICE's thresholds; the incremental cost-effectiveness table
//! with dominated and extendedly dominated strategies flagged; and the
//! probability that each strategy is cost-effective (CEAC) over replicates,
//! paired by replicate number. A PSA sweep's draws are pooled into one
//! comparison, programme against baseline ([`PsaPool`]): the draws are
//! samples of its uncertainty, not strategies.
//!
//! Everything is computed from the monthly group series of each strategy
//! (`timeseries_groups.csv`, group `all`), discounted month by month at the
//! middle of each month from the start of reporting with
//! [`crate::stats::discount_factor`], the convention the engine uses for its
//! discounted outputs, and at the scenario's `[costs]` discount rates, so
//! the discounted totals here equal the run's. The other settings come,
//! first found first used, from a file given on the command line,
//! `economics.toml` in the results folder and the `[economics]` table of the
//! manifest's parameters; discount rates given there must equal the
//! scenario's (re-run with `--set costs.discount_rate_costs=...` to discount
//! at another rate); see `docs/ECONOMICS.md`.

use crate::error::{Error, InputError, Result};
use crate::output::read::{ByReplicate, Kind, Results};
use crate::output::spool::Transpose;
use crate::stats;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Cost categories (metric names) that add up to NHS + PSS costs.
pub const COST_CATEGORIES: [&str; 7] = [
    "cost_acute_gbp",
    "cost_ae_gbp",
    "cost_primary_care_gbp",
    "cost_community_gbp",
    "cost_planned_care_gbp",
    "cost_social_care_gbp",
    "cost_programme_gbp",
];

/// State-day metrics that, with the costs, feed the economics.
pub const STATE_METRICS: [&str; 5] = [
    "person_days",
    "days_alive_at_home",
    "acute_bed_days",
    "intermediate_care_days",
    "unmet_need_days",
];

/// NICE's thresholds (GBP per QALY): £20k–£30k, and £25k–£35k since 2026.
pub const DEFAULT_THRESHOLDS: [f64; 4] = [20_000.0, 25_000.0, 30_000.0, 35_000.0];

/// Utility weights for QALYs, by where a person-day is spent.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Utility {
    /// Utility of a day alive at the usual residence (home or care home).
    pub home: f64,
    /// Utility of a day in an acute bed (delayed days included).
    pub hospital: f64,
    /// Utility of a day in intermediate care.
    pub intermediate_care: f64,
    /// Decrement per person-day with open unmet need.
    #[serde(default)]
    pub unmet_need_decrement: f64,
}

/// Keys of the `[economics]` table.
const ECONOMICS_KEYS: [&str; 7] = [
    "discount_rate_costs",
    "discount_rate_health",
    "thresholds_gbp_per_qaly",
    "utility_home",
    "utility_hospital",
    "utility_intermediate_care",
    "utility_unmet_need_decrement",
];

/// The `economics.toml` file as written.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct EconomicsFile {
    #[serde(default)]
    economics: EconomicsTable,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct EconomicsTable {
    discount_rate_costs: Option<f64>,
    discount_rate_health: Option<f64>,
    thresholds_gbp_per_qaly: Option<Vec<f64>>,
    utility_home: Option<f64>,
    utility_hospital: Option<f64>,
    utility_intermediate_care: Option<f64>,
    utility_unmet_need_decrement: Option<f64>,
}

/// Checked economic settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Annual discount rate for costs.
    pub discount_rate_costs: f64,
    /// Annual discount rate for health effects.
    pub discount_rate_health: f64,
    /// Thresholds for net monetary benefit (GBP per QALY).
    pub thresholds: Vec<f64>,
    /// Utility weights (QALYs only when given).
    pub utility: Option<Utility>,
    /// Currency of costs.
    pub currency: String,
    /// Price year of costs.
    pub price_year: String,
    /// Where the settings came from, for the report.
    pub origin: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            discount_rate_costs: 0.035,
            discount_rate_health: 0.035,
            thresholds: DEFAULT_THRESHOLDS.to_vec(),
            utility: None,
            currency: "GBP".into(),
            price_year: "not stated".into(),
            origin: "defaults (NICE reference case)".into(),
        }
    }
}

/// Discount rates in an `[economics]` table must be the run's own (one
/// convention, one set of rates: the engine's discounted outputs and the
/// economics agree). `run` is `None` when the manifest does not say.
fn check_rates(t: &EconomicsTable, run: Option<(f64, f64)>, origin: &str) -> Result<()> {
    let Some((costs, health)) = run else {
        return Ok(());
    };
    let mut errs = Vec::new();
    for (key, given, used) in [
        ("discount_rate_costs", t.discount_rate_costs, costs),
        ("discount_rate_health", t.discount_rate_health, health),
    ] {
        if let Some(v) = given {
            if (v - used).abs() > 1e-12 {
                errs.push(InputError {
                    origin: origin.to_string(),
                    position: None,
                    key: Some(format!("economics.{key}")),
                    message: format!(
                        "{v} differs from the rate the run discounted at (costs.{key} = {used})"
                    ),
                    hint: Some(format!(
                        "remove it (the scenario's rate is used), or re-run with --set costs.{key}={v}"
                    )),
                });
            }
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(errs))
    }
}

impl Settings {
    /// Settings for a results folder: `explicit` file, else
    /// `DIR/economics.toml`, else the manifest's `[economics]` and
    /// `[costs]` parameters, else the defaults.
    pub fn load(dir: &Path, explicit: Option<&Path>) -> Result<Settings> {
        let mut s = Settings::default();
        // The rates the run discounted at, if the manifest has them.
        let mut run_rates: Option<(f64, f64)> = None;
        let manifest = crate::output::read::read_manifest(dir)
            .or_else(|| Results::open(dir).ok().and_then(|r| r.manifest()));
        if let Some(m) = &manifest {
            if let Some(c) = m.get("currency").and_then(|v| v.as_str()) {
                s.currency = c.to_string();
            }
            if let Some(p) = m.get("price_year").and_then(|v| v.as_str()) {
                s.price_year = p.to_string();
            }
            let costs = m.pointer("/parameters/costs");
            if let Some(r) = costs
                .and_then(|c| c.get("discount_rate_costs"))
                .and_then(|v| v.as_f64())
            {
                s.discount_rate_costs = r;
            }
            if let Some(r) = costs
                .and_then(|c| c.get("discount_rate_health"))
                .and_then(|v| v.as_f64())
            {
                s.discount_rate_health = r;
            }
            if costs.is_some() {
                s.origin = "the scenario's [costs] discount rates".into();
                run_rates = Some((s.discount_rate_costs, s.discount_rate_health));
            }
            if let Some(e) = m.pointer("/parameters/economics") {
                // Only the keys read here; a scenario's [economics] table may
                // hold others.
                let known: serde_json::Map<String, serde_json::Value> = e
                    .as_object()
                    .map(|o| {
                        o.iter()
                            .filter(|(k, v)| ECONOMICS_KEYS.contains(&k.as_str()) && !v.is_null())
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect()
                    })
                    .unwrap_or_default();
                let t: EconomicsTable = serde_json::from_value(serde_json::Value::Object(known))
                    .map_err(|e| {
                        Error::input(
                            "manifest.json",
                            Some("parameters.economics"),
                            e.to_string(),
                            Some("see docs/ECONOMICS.md for the keys of [economics]"),
                        )
                    })?;
                check_rates(&t, run_rates, "manifest.json")?;
                s.apply(&t, "manifest.json")?;
                s.origin = "the scenario's [economics] table".into();
            }
        }
        let beside = dir.join("economics.toml");
        let file = explicit
            .map(|p| (p.to_path_buf(), p.display().to_string()))
            .or_else(|| {
                beside
                    .is_file()
                    .then(|| (beside, "economics.toml in the results folder".to_string()))
            });
        if let Some((f, label)) = file {
            let text = crate::files::read_text(
                &f,
                crate::files::MAX_INPUT_BYTES,
                "economics settings file (see docs/ECONOMICS.md)",
            )?;
            let origin = f.display().to_string();
            let parsed: EconomicsFile = toml::from_str(&text).map_err(|e| {
                Error::Input(vec![InputError {
                    origin: origin.clone(),
                    position: e
                        .span()
                        .map(|sp| crate::scenario::line_col(&text, sp.start)),
                    key: None,
                    message: e.message().trim().to_string(),
                    hint: Some(
                        "allowed keys under [economics]: discount_rate_costs, discount_rate_health, thresholds_gbp_per_qaly, utility_home, utility_hospital, utility_intermediate_care, utility_unmet_need_decrement".into(),
                    ),
                }])
            })?;
            check_rates(&parsed.economics, run_rates, &origin)?;
            s.apply(&parsed.economics, &origin)?;
            s.origin = label;
        }
        Ok(s)
    }

    fn apply(&mut self, t: &EconomicsTable, origin: &str) -> Result<()> {
        // (Rates were checked against the run's by `check_rates`.)
        let mut errs = Vec::new();
        let mut check = |key: &str, v: f64, lo: f64, hi: f64| {
            if !(v.is_finite() && v >= lo && v <= hi) {
                errs.push(InputError {
                    origin: origin.to_string(),
                    position: None,
                    key: Some(format!("economics.{key}")),
                    message: format!("value {v} is out of range"),
                    hint: Some(format!("allowed: a number from {lo} to {hi}")),
                });
            }
            v
        };
        if let Some(r) = t.discount_rate_costs {
            self.discount_rate_costs = check("discount_rate_costs", r, 0.0, 0.2);
        }
        if let Some(r) = t.discount_rate_health {
            self.discount_rate_health = check("discount_rate_health", r, 0.0, 0.2);
        }
        if let Some(th) = &t.thresholds_gbp_per_qaly {
            for &x in th {
                check("thresholds_gbp_per_qaly", x, 0.0, 1e7);
            }
            self.thresholds = th.clone();
        }
        let us = [
            t.utility_home,
            t.utility_hospital,
            t.utility_intermediate_care,
        ];
        if us.iter().any(Option::is_some) {
            if us.iter().any(Option::is_none) {
                errs.push(InputError {
                    origin: origin.to_string(),
                    position: None,
                    key: Some("economics.utility_home".into()),
                    message: "utility weights are incomplete".into(),
                    hint: Some("give all of utility_home, utility_hospital and utility_intermediate_care (utility_unmet_need_decrement is optional)".into()),
                });
            } else {
                self.utility = Some(Utility {
                    home: check("utility_home", us[0].unwrap_or(0.0), -0.6, 1.0),
                    hospital: check("utility_hospital", us[1].unwrap_or(0.0), -0.6, 1.0),
                    intermediate_care: check(
                        "utility_intermediate_care",
                        us[2].unwrap_or(0.0),
                        -0.6,
                        1.0,
                    ),
                    unmet_need_decrement: check(
                        "utility_unmet_need_decrement",
                        t.utility_unmet_need_decrement.unwrap_or(0.0),
                        0.0,
                        1.0,
                    ),
                });
            }
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(Error::Input(errs))
        }
    }

    /// The health effect used for incremental analysis.
    pub fn effect_name(&self) -> &'static str {
        if self.utility.is_some() {
            "qalys"
        } else {
            "days_alive_at_home_discounted"
        }
    }
}

/// Discount factor at the middle of reported month `m` (0 = the first):
/// [`crate::stats::discount_factor`], the engine's convention.
pub fn month_discount(rate: f64, m: usize) -> f64 {
    crate::stats::discount_factor(rate, m as i64)
}

/// Economic outcomes of one replicate of one strategy (group `all`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// Discounted costs by category, in the order of [`COST_CATEGORIES`].
    pub cost_by_category: Vec<f64>,
    /// Discounted NHS + PSS costs.
    pub cost: f64,
    /// Undiscounted NHS + PSS costs.
    pub cost_undiscounted: f64,
    /// Days alive and at home (undiscounted).
    pub days_home: f64,
    /// Days alive and at home, discounted at the health rate.
    pub days_home_discounted: f64,
    /// Discounted QALYs (NaN without utility weights).
    pub qalys: f64,
    /// Person-years alive.
    pub person_years: f64,
    /// Programme cost per head per year (undiscounted).
    pub programme_per_head_year: f64,
}

impl Outcome {
    /// The effect named by [`Settings::effect_name`].
    pub fn effect(&self, s: &Settings) -> f64 {
        if s.utility.is_some() {
            self.qalys
        } else {
            self.days_home_discounted
        }
    }
}

/// Outcomes of one replicate from monthly series: `get(metric)` gives
/// the metric's values by month in reporting order.
pub fn outcome_from_months(s: &Settings, get: &dyn Fn(&str) -> Option<Vec<f64>>) -> Outcome {
    let mut o = Outcome {
        cost_by_category: vec![0.0; COST_CATEGORIES.len()],
        ..Outcome::default()
    };
    let zero = |v: f64| if v.is_finite() { v } else { 0.0 };
    for (k, c) in COST_CATEGORIES.iter().enumerate() {
        if let Some(xs) = get(c) {
            for (m, x) in xs.iter().enumerate() {
                let x = zero(*x);
                o.cost_by_category[k] += x * month_discount(s.discount_rate_costs, m);
                o.cost_undiscounted += x;
            }
        }
    }
    o.cost = o.cost_by_category.iter().sum();
    let series = |n: &str| get(n).unwrap_or_default();
    let (pd, home, bed, ic, unmet) = (
        series("person_days"),
        series("days_alive_at_home"),
        series("acute_bed_days"),
        series("intermediate_care_days"),
        series("unmet_need_days"),
    );
    o.person_years = pd.iter().map(|x| zero(*x)).sum::<f64>() / 365.25;
    let mut q = 0.0;
    for (m, h) in home.iter().enumerate() {
        let d = month_discount(s.discount_rate_health, m);
        o.days_home += zero(*h);
        o.days_home_discounted += zero(*h) * d;
        if let Some(u) = &s.utility {
            let at = |v: &[f64]| zero(v.get(m).copied().unwrap_or(0.0));
            q += d
                * (u.home * zero(*h) + u.hospital * at(&bed) + u.intermediate_care * at(&ic)
                    - u.unmet_need_decrement * at(&unmet))
                / 365.25;
        }
    }
    o.qalys = if s.utility.is_some() { q } else { f64::NAN };
    let prog = get("cost_programme_gbp")
        .map(|v| v.iter().map(|x| zero(*x)).sum::<f64>())
        .unwrap_or(0.0);
    o.programme_per_head_year = if o.person_years > 0.0 {
        prog / o.person_years
    } else {
        f64::NAN
    };
    o
}

/// The metrics that feed the economics, in the order their values are
/// checked: [`COST_CATEGORIES`], then [`STATE_METRICS`].
fn econ_metrics() -> impl Iterator<Item = &'static str> {
    COST_CATEGORIES.iter().chain(STATE_METRICS.iter()).copied()
}

/// What one strategy's replicates come to: each measure (in
/// [`measure_fns`] order) summarised over them, and, when strategies are
/// compared, each replicate's cost and effect.
#[derive(Clone, Debug, Default)]
struct StrategyOutcomes {
    /// Replicates with outcomes.
    n: usize,
    summaries: Vec<stats::Summary>,
    samples: BTreeMap<u32, (f64, f64)>,
}

/// The first value of the economics that is missing or `NA`, in the order
/// (metric, period, replicate).
#[derive(Clone, Debug)]
struct Missing {
    metric: usize,
    period: String,
    replicate: u32,
    na: bool,
}

impl Missing {
    fn message(&self, group: &str) -> String {
        let m = econ_metrics().nth(self.metric).unwrap_or("");
        let (p, r) = (&self.period, self.replicate);
        if self.na {
            format!("{m} of group {group} is NA in {p}, replicate {r}: a cost or state of the economics must be a number")
        } else {
            format!("{m} of group {group} has no value in {p} for replicate {r}")
        }
    }
}

/// Outcomes of each cell of one group-series file, read one replicate at a
/// time (see [`crate::output::read::for_each_replicate`]): the replicates
/// of a cell are those with `person_days` (or `cost_acute_gbp`), each
/// must have a number in every month of every cost and state metric the
/// cell has (otherwise the first missing value, in the order metric,
/// month, replicate, is the cell's error), and each replicate's measures
/// go to a transpose on disk, summarised when the cell is done.
struct Collect<'a> {
    settings: &'a Settings,
    group: &'a str,
    keep_samples: bool,
    beside: PathBuf,
    fns: Vec<MeasureFn>,
    // The cell being read.
    name: String,
    /// Per metric of [`econ_metrics`]: its slots in month order (`None`
    /// when the cell does not have it), with the month.
    months: Vec<Option<Vec<(u32, String)>>>,
    /// Slots of the metric whose replicates count.
    reference: Vec<u32>,
    first_missing: Option<Missing>,
    values: Vec<Option<f64>>,
    measures: Option<Transpose>,
    n: usize,
    samples: BTreeMap<u32, (f64, f64)>,
    out: BTreeMap<String, std::result::Result<StrategyOutcomes, String>>,
}

impl ByReplicate for Collect<'_> {
    fn begin(&mut self, split: &str, slots: &[[String; 3]], present: &[bool]) -> Result<()> {
        self.name = split.to_string();
        self.months = econ_metrics()
            .map(|m| {
                let mut v: Vec<(u32, String)> = slots
                    .iter()
                    .enumerate()
                    .filter(|(i, s)| present[*i] && s[0] == self.group && s[1] == m)
                    .map(|(i, s)| (i as u32, s[2].clone()))
                    .collect();
                v.sort_by(|a, b| a.1.cmp(&b.1));
                (!v.is_empty()).then_some(v)
            })
            .collect();
        let at = |m: &str| econ_metrics().position(|x| x == m);
        let of = |m: &str| at(m).and_then(|i| self.months[i].as_ref());
        self.reference = of("person_days")
            .or_else(|| of("cost_acute_gbp"))
            .map(|v| v.iter().map(|(s, _)| *s).collect())
            .unwrap_or_default();
        self.values = vec![None; slots.len()];
        self.first_missing = None;
        self.measures = Some(Transpose::new(&self.beside));
        self.n = 0;
        self.samples = BTreeMap::new();
        Ok(())
    }

    fn replicate(&mut self, replicate: u32, values: &[(u32, f64)]) -> Result<()> {
        self.values.iter_mut().for_each(|v| *v = None);
        for &(slot, v) in values {
            if let Some(x) = self.values.get_mut(slot as usize) {
                *x = Some(v);
            }
        }
        if !self
            .reference
            .iter()
            .any(|s| self.values[*s as usize].is_some())
        {
            return Ok(());
        }
        // Its first missing value; a later replicate's counts only if it
        // comes earlier in (metric, month).
        'check: for (k, months) in self.months.iter().enumerate() {
            let Some(months) = months else { continue };
            for (slot, period) in months {
                let na = match self.values[*slot as usize] {
                    Some(v) if v.is_finite() => continue,
                    Some(_) => true,
                    None => false,
                };
                let m = Missing {
                    metric: k,
                    period: period.clone(),
                    replicate,
                    na,
                };
                if self
                    .first_missing
                    .as_ref()
                    .is_none_or(|f| (m.metric, &m.period) < (f.metric, &f.period))
                {
                    self.first_missing = Some(m);
                }
                break 'check;
            }
        }
        if self.first_missing.is_some() {
            return Ok(());
        }
        let get = |m: &str| -> Option<Vec<f64>> {
            let k = econ_metrics().position(|x| x == m)?;
            self.months[k].as_ref().map(|months| {
                months
                    .iter()
                    .map(|(slot, _)| self.values[*slot as usize].unwrap_or(f64::NAN))
                    .collect()
            })
        };
        let o = outcome_from_months(self.settings, &get);
        let seq = u32::try_from(self.n)
            .map_err(|_| Error::Internal("more than 2^32 replicates in one cell".into()))?;
        if let Some(t) = self.measures.as_mut() {
            for (i, f) in self.fns.iter().enumerate() {
                t.put(i as u64, seq, f(&o))?;
            }
        }
        self.n += 1;
        if self.keep_samples {
            self.samples
                .insert(replicate, (o.cost, o.effect(self.settings)));
        }
        Ok(())
    }

    fn end(&mut self) -> Result<()> {
        let name = std::mem::take(&mut self.name);
        let measures = self.measures.take();
        if let Some(m) = self.first_missing.take() {
            self.out.insert(name, Err(m.message(self.group)));
            return Ok(());
        }
        let mut summaries = vec![stats::summarise(&[]); self.fns.len()];
        if let Some(t) = measures {
            t.for_each_row(&mut |row, entries| {
                // In replicate order, as put.
                let xs: Vec<f64> = entries
                    .iter()
                    .map(|e| e.1)
                    .filter(|x| x.is_finite())
                    .collect();
                if let Some(s) = summaries.get_mut(row as usize) {
                    *s = stats::summarise(&xs);
                }
                Ok(())
            })?;
        }
        self.out.insert(
            name,
            Ok(StrategyOutcomes {
                n: self.n,
                summaries,
                samples: std::mem::take(&mut self.samples),
            }),
        );
        Ok(())
    }
}

/// Outcomes of the cells of the group-series file `path` (split by cell
/// when `split` is given), group `all`, by cell name (`""` when not split).
fn file_outcomes(
    path: &Path,
    split: Option<&str>,
    settings: &Settings,
    keep_samples: bool,
) -> Result<BTreeMap<String, std::result::Result<StrategyOutcomes, String>>> {
    let group = "all";
    let mut c = Collect {
        settings,
        group,
        keep_samples,
        beside: path.to_path_buf(),
        fns: measure_fns(settings),
        name: String::new(),
        months: Vec::new(),
        reference: Vec::new(),
        first_missing: None,
        values: Vec::new(),
        measures: None,
        n: 0,
        samples: BTreeMap::new(),
        out: BTreeMap::new(),
    };
    crate::output::read::for_each_replicate(
        path,
        "group",
        &wanted,
        &|_| true,
        &|g| g == group,
        split,
        &mut c,
    )?;
    Ok(c.out)
}

/// How a measure is taken from an outcome.
type MeasureFn = Box<dyn Fn(&Outcome) -> f64>;

/// The measures of the economics: (name, unit, how to take it from an
/// outcome), QALYs only with utility weights.
fn measures_of(s: &Settings) -> Vec<(String, String, MeasureFn)> {
    let cur = &s.currency;
    let mut v: Vec<(String, String, MeasureFn)> = Vec::new();
    for (k, c) in COST_CATEGORIES.iter().enumerate() {
        v.push((
            format!("{}_discounted", c),
            cur.clone(),
            Box::new(move |o: &Outcome| o.cost_by_category[k]),
        ));
    }
    v.push((
        "cost_total_discounted".into(),
        cur.clone(),
        Box::new(|o: &Outcome| o.cost),
    ));
    v.push((
        "cost_total_undiscounted".into(),
        cur.clone(),
        Box::new(|o: &Outcome| o.cost_undiscounted),
    ));
    v.push((
        "programme_cost_per_head_year".into(),
        format!("{cur} per person-year"),
        Box::new(|o: &Outcome| o.programme_per_head_year),
    ));
    v.push((
        "days_alive_at_home".into(),
        "days".into(),
        Box::new(|o: &Outcome| o.days_home),
    ));
    v.push((
        "days_alive_at_home_discounted".into(),
        "days".into(),
        Box::new(|o: &Outcome| o.days_home_discounted),
    ));
    v.push((
        "person_years".into(),
        "person-years".into(),
        Box::new(|o: &Outcome| o.person_years),
    ));
    if s.utility.is_some() {
        v.push((
            "qalys".into(),
            "QALYs (discounted)".into(),
            Box::new(|o: &Outcome| o.qalys),
        ));
    }
    v
}

fn measure_fns(s: &Settings) -> Vec<MeasureFn> {
    measures_of(s).into_iter().map(|(_, _, f)| f).collect()
}

/// Does a metric feed the economics?
pub fn wanted(metric: &str) -> bool {
    COST_CATEGORIES.contains(&metric) || STATE_METRICS.contains(&metric)
}

/// Status of a strategy in the incremental table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// On the efficient frontier.
    Frontier,
    /// Costs more and gains no more than another strategy.
    Dominated,
    /// A mix of two other strategies would gain more for the same cost.
    ExtendedlyDominated,
}

impl Status {
    /// Label for tables.
    pub fn label(self) -> &'static str {
        match self {
            Status::Frontier => "",
            Status::Dominated => "dominated",
            Status::ExtendedlyDominated => "extendedly dominated",
        }
    }
}

/// One row of the incremental cost-effectiveness table.
#[derive(Clone, Debug, PartialEq)]
pub struct IncRow {
    /// Strategy.
    pub strategy: String,
    /// Mean cost.
    pub cost: f64,
    /// Mean effect.
    pub effect: f64,
    /// Cost minus the cost of the previous frontier strategy (NaN if none or dominated).
    pub inc_cost: f64,
    /// Effect minus the effect of the previous frontier strategy.
    pub inc_effect: f64,
    /// Incremental cost-effectiveness ratio (NaN if not on the frontier or first).
    pub icer: f64,
    /// Frontier, dominated or extendedly dominated.
    pub status: Status,
}

/// The incremental table: strategies by increasing cost; strongly
/// dominated ones removed first, then extendedly dominated ones (an ICER
/// higher than that of the next more effective strategy) until ICERs rise
/// along the frontier.
pub fn incremental(strategies: &[(String, f64, f64)]) -> Vec<IncRow> {
    let mut order: Vec<usize> = (0..strategies.len()).collect();
    order.sort_by(|&a, &b| {
        strategies[a]
            .1
            .total_cmp(&strategies[b].1)
            .then(strategies[b].2.total_cmp(&strategies[a].2))
    });
    let mut status = vec![Status::Frontier; strategies.len()];
    for &i in &order {
        let (_, ci, ei) = &strategies[i];
        let dominated = order.iter().any(|&j| {
            let (_, cj, ej) = &strategies[j];
            j != i && cj <= ci && ej >= ei && (cj < ci || ej > ei)
        });
        if dominated {
            status[i] = Status::Dominated;
        }
    }
    loop {
        let front: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| status[i] == Status::Frontier)
            .collect();
        let icer = |a: usize, b: usize| {
            (strategies[b].1 - strategies[a].1) / (strategies[b].2 - strategies[a].2)
        };
        let mut changed = false;
        for w in front.windows(3) {
            if icer(w[0], w[1]) > icer(w[1], w[2]) {
                status[w[1]] = Status::ExtendedlyDominated;
                changed = true;
                break;
            }
        }
        if !changed {
            break;
        }
    }
    let mut prev: Option<usize> = None;
    order
        .iter()
        .map(|&i| {
            let (name, c, e) = &strategies[i];
            let (mut inc_cost, mut inc_effect, mut icer) = (f64::NAN, f64::NAN, f64::NAN);
            if status[i] == Status::Frontier {
                if let Some(p) = prev {
                    inc_cost = c - strategies[p].1;
                    inc_effect = e - strategies[p].2;
                    icer = inc_cost / inc_effect;
                }
                prev = Some(i);
            }
            IncRow {
                strategy: name.clone(),
                cost: *c,
                effect: *e,
                inc_cost,
                inc_effect,
                icer,
                status: status[i],
            }
        })
        .collect()
}

/// Net monetary benefit: `threshold x effect - cost`.
pub fn nmb(effect: f64, cost: f64, threshold: f64) -> f64 {
    threshold * effect - cost
}

/// Probability each strategy is cost-effective at `threshold`: the share
/// of paired samples (replicates present for every strategy, or a pooled
/// PSA's draws)
/// in which it has the highest net monetary benefit. Ties share the win.
pub fn prob_cost_effective(samples: &[Vec<(f64, f64)>], threshold: f64) -> Vec<f64> {
    let k = samples.len();
    let n = samples.iter().map(Vec::len).min().unwrap_or(0);
    let mut wins = vec![0.0; k];
    if n == 0 {
        return vec![f64::NAN; k];
    }
    for d in 0..n {
        let v: Vec<f64> = samples
            .iter()
            .map(|s| nmb(s[d].1, s[d].0, threshold))
            .collect();
        let best = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let ties = v.iter().filter(|x| **x == best).count() as f64;
        for (w, x) in wins.iter_mut().zip(&v) {
            if *x == best {
                *w += 1.0 / ties;
            }
        }
    }
    wins.iter().map(|w| w / n as f64).collect()
}

/// The whole economic evaluation of a results folder.
#[derive(Clone, Debug)]
pub struct Evaluation {
    /// Settings used.
    pub settings: Settings,
    /// Strategies (cells) in folder order, baseline first.
    pub strategies: Vec<String>,
    /// Per strategy, each measure of [`Evaluation::measures`] summarised
    /// over all its replicates (in replicate order).
    pub summaries: Vec<Vec<stats::Summary>>,
    /// Replicates present for every strategy (the pairing) when there are
    /// two or more strategies to compare; empty for one (a run), whose
    /// replicates are then not held in memory.
    pub paired: Vec<u32>,
    /// Paired (cost, effect) per strategy over `paired`.
    samples: Vec<Vec<(f64, f64)>>,
    /// Display names of the strategies (the cells' short labels), for
    /// legends and tables; `strategies` keeps the ids for the CSV files.
    pub labels: Vec<String>,
    /// Each strategy's label as `scenarios.csv` gives it (its settings,
    /// e.g. `rollout.pace_multiplier=0.5; rollout.national_support=0`);
    /// its id when it has none (a run). The `label` column of the
    /// economics files.
    pub full_labels: Vec<String>,
    /// Computed from each run's totals in `runs.csv` because the folder
    /// has no monthly series (a sweep with `timeseries = false`): discounted
    /// costs in total only, and no QALYs (see [`Evaluation::of`]).
    pub from_run_totals: bool,
    /// Utility weights were given but could not be used (QALYs need the
    /// monthly series).
    pub utility_unused: bool,
    /// A PSA sweep, pooled: its draws are samples of the uncertainty about
    /// one comparison, not competing strategies (see [`PsaPool`]).
    pub psa: Option<PsaPool>,
}

/// How the draws of a PSA sweep were pooled into one strategy.
///
/// The cells of a PSA (design kind `psa`) are joint draws of uncertain
/// parameters of one programme, so the evaluation has two strategies, the
/// baseline and the programme (id [`PSA_STRATEGY`]). Each draw's cost and
/// effect is its mean over the replicates paired with the baseline
/// (common random numbers); the programme's measures are means over the
/// draws, the samples of the comparison (CE plane, probability
/// cost-effective, net monetary benefit) are one per draw, and the baseline's
/// sample for every draw is its mean over the same replicates.
#[derive(Clone, Debug, PartialEq)]
pub struct PsaPool {
    /// The draws (cell ids), in folder order, one per sample.
    pub draws: Vec<String>,
    /// Their labels as `scenarios.csv` gives them.
    pub draw_labels: Vec<String>,
    /// Replicates per draw the samples average (those every cell has).
    pub replicates: usize,
}

/// The strategy id of a PSA's pooled draws.
pub const PSA_STRATEGY: &str = "programme";

/// The label of a cell as `scenarios.csv` gives it; its id when it has
/// none.
fn full_label(c: &crate::output::read::Cell) -> String {
    match c.design.get("label").map(|s| s.trim()) {
        Some(l) if !l.is_empty() => l.to_string(),
        _ => c.id.clone(),
    }
}

/// Run-level metrics the economics use when a folder has no monthly
/// series, in the order their values are checked.
const RUN_TOTALS: [&str; 11] = [
    "cost_total_discounted_gbp",
    "cost_acute_gbp",
    "cost_ae_gbp",
    "cost_primary_care_gbp",
    "cost_community_gbp",
    "cost_planned_care_gbp",
    "cost_social_care_gbp",
    "cost_programme_gbp",
    "person_days",
    "days_alive_at_home",
    "days_alive_at_home_discounted",
];

/// Outcomes of one replicate from its run-level totals (`get(metric)`):
/// the engine's discounted total cost and discounted days at home (equal
/// to what the monthly series give, by the one discounting convention),
/// undiscounted costs, person-years and programme cost per head. Costs by
/// category are not discounted in `runs.csv`, so they are `NaN` here, as
/// are QALYs, which need each month's days by state.
pub fn outcome_from_totals(get: &dyn Fn(&str) -> Option<f64>) -> Outcome {
    let zero = |v: Option<f64>| v.filter(|x| x.is_finite()).unwrap_or(0.0);
    let person_years = zero(get("person_days")) / 365.25;
    let prog = zero(get("cost_programme_gbp"));
    Outcome {
        cost_by_category: vec![f64::NAN; COST_CATEGORIES.len()],
        cost: zero(get("cost_total_discounted_gbp")),
        cost_undiscounted: COST_CATEGORIES.iter().map(|c| zero(get(c))).sum(),
        days_home: zero(get("days_alive_at_home")),
        days_home_discounted: zero(get("days_alive_at_home_discounted")),
        qalys: f64::NAN,
        person_years,
        programme_per_head_year: if person_years > 0.0 {
            prog / person_years
        } else {
            f64::NAN
        },
    }
}

/// The outcomes of one strategy from its run-level values (group
/// `group`): its replicates are those with `cost_total_discounted_gbp`;
/// each must have a number for every metric of [`RUN_TOTALS`] the
/// strategy has (otherwise the first missing value, in the order metric,
/// replicate, is the error).
fn totals_outcomes(
    s: &Settings,
    v: &crate::output::read::RunValues,
    group: &str,
    keep_samples: bool,
) -> std::result::Result<StrategyOutcomes, String> {
    let find = |m: &str| v.get(&(group.to_string(), m.to_string()));
    let reps: Vec<u32> = find("cost_total_discounted_gbp")
        .map(|b| b.keys().copied().collect())
        .unwrap_or_default();
    for m in RUN_TOTALS {
        let Some(byrep) = find(m) else { continue };
        for r in &reps {
            match byrep.get(r) {
                Some(x) if x.is_finite() => {}
                Some(_) => {
                    return Err(format!(
                        "{m} of group {group} is NA in replicate {r}: a cost or state of the economics must be a number"
                    ))
                }
                None => return Err(format!("{m} of group {group} has no value for replicate {r}")),
            }
        }
    }
    let outs: Vec<(u32, Outcome)> = reps
        .iter()
        .map(|&r| {
            let get = |m: &str| find(m).and_then(|b| b.get(&r).copied());
            (r, outcome_from_totals(&get))
        })
        .collect();
    let fns = measure_fns(s);
    let summaries = fns
        .iter()
        .map(|f| {
            let xs: Vec<f64> = outs
                .iter()
                .map(|(_, o)| f(o))
                .filter(|x| x.is_finite())
                .collect();
            stats::summarise(&xs)
        })
        .collect();
    Ok(StrategyOutcomes {
        n: outs.len(),
        summaries,
        samples: if keep_samples {
            outs.iter()
                .map(|(r, o)| (*r, (o.cost, o.effect(s))))
                .collect()
        } else {
            BTreeMap::new()
        },
    })
}

impl Evaluation {
    /// Evaluate a results folder (group `all` of each cell). `None` when
    /// no cell has the monthly cost series. Each file is read one
    /// replicate at a time through a transpose on disk, so memory holds
    /// summaries (and, to compare strategies, a cost and an effect per
    /// replicate), not the monthly series.
    ///
    /// A folder without monthly series (a sweep with `timeseries =
    /// false`) is evaluated from each run's totals in `runs.csv` instead:
    /// discounted total cost and discounted days alive at home (the
    /// effect), undiscounted costs, person-years and programme cost per
    /// head, but no costs by category discounted and no QALYs (they need
    /// each month's days by state), so utility weights given are not used
    /// and there is no net monetary benefit or acceptability curve
    /// ([`Evaluation::from_run_totals`], [`Evaluation::utility_unused`]).
    ///
    /// A PSA sweep ([`Results::is_psa`]) is pooled into one comparison,
    /// programme versus baseline ([`PsaPool`]).
    pub fn of(res: &Results, settings: &Settings) -> Result<Option<Evaluation>> {
        let ev = match Evaluation::of_months(res, settings)? {
            Some(ev) => Some(ev),
            None => Evaluation::of_run_totals(res, settings)?,
        };
        Ok(match ev {
            Some(ev) if res.is_psa() => Some(ev.pooled_psa(res)),
            ev => ev,
        })
    }

    /// The evaluation of a PSA sweep's cells, pooled: the baseline and one
    /// strategy, [`PSA_STRATEGY`], whose samples are the draws (see
    /// [`PsaPool`]).
    fn pooled_psa(self, res: &Results) -> Evaluation {
        let base_id = res.baseline().map(|c| c.id.as_str());
        let b = self
            .strategies
            .iter()
            .position(|s| Some(s.as_str()) == base_id);
        let draws: Vec<usize> = (0..self.strategies.len())
            .filter(|&k| Some(k) != b)
            .collect();
        let mean_of = |k: usize| -> (f64, f64) {
            let v = self.samples.get(k).map(Vec::as_slice).unwrap_or_default();
            let n = v.len() as f64;
            (
                v.iter().map(|x| x.0).sum::<f64>() / n,
                v.iter().map(|x| x.1).sum::<f64>() / n,
            )
        };
        // One sample per draw, when the cells share replicates to pair.
        let mut base_samples: Vec<(f64, f64)> = Vec::new();
        let mut draw_samples: Vec<(f64, f64)> = Vec::new();
        if let (Some(b), false) = (b, self.paired.is_empty()) {
            for &k in &draws {
                base_samples.push(mean_of(b));
                draw_samples.push(mean_of(k));
            }
        }
        // The programme's measures: means over the draws of each draw's mean.
        let n_measures = self.summaries.first().map_or(0, Vec::len);
        let programme: Vec<stats::Summary> = (0..n_measures)
            .map(|i| {
                let xs: Vec<f64> = draws
                    .iter()
                    .filter_map(|&k| self.summaries[k].get(i))
                    .filter(|s| s.n > 0)
                    .map(|s| s.mean)
                    .filter(|x| x.is_finite())
                    .collect();
                stats::summarise(&xs)
            })
            .collect();
        let scenario = draws
            .first()
            .and_then(|&k| res.cells.iter().find(|c| c.id == self.strategies[k]))
            .and_then(|c| c.design.get("scenario"))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| PSA_STRATEGY.to_string());
        let label = format!("{scenario} over {} PSA draws", draws.len());
        let full = match (draws.first(), draws.last()) {
            (Some(&f), Some(&l)) if draws.len() > 1 => {
                format!("{label} ({} to {})", self.strategies[f], self.strategies[l])
            }
            _ => label.clone(),
        };
        let pool = PsaPool {
            draws: draws.iter().map(|&k| self.strategies[k].clone()).collect(),
            draw_labels: draws.iter().map(|&k| self.full_labels[k].clone()).collect(),
            replicates: self.paired.len(),
        };
        let mut strategies = Vec::new();
        let mut labels = Vec::new();
        let mut full_labels = Vec::new();
        let mut summaries = Vec::new();
        let mut samples = Vec::new();
        if let Some(b) = b {
            strategies.push(self.strategies[b].clone());
            labels.push(self.labels[b].clone());
            full_labels.push(self.full_labels[b].clone());
            summaries.push(self.summaries[b].clone());
            samples.push(base_samples);
        }
        if !draws.is_empty() {
            strategies.push(PSA_STRATEGY.to_string());
            labels.push(label);
            full_labels.push(full);
            summaries.push(programme);
            samples.push(draw_samples);
        }
        Evaluation {
            settings: self.settings,
            strategies,
            summaries,
            paired: self.paired,
            samples,
            labels,
            full_labels,
            from_run_totals: self.from_run_totals,
            utility_unused: self.utility_unused,
            psa: Some(pool),
        }
    }

    /// The short label of strategy `id` (its id if unknown).
    pub fn short_label(&self, id: &str) -> String {
        self.strategies
            .iter()
            .position(|s| s == id)
            .and_then(|k| self.labels.get(k))
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// `psa_draws.csv` (a pooled PSA only): each draw's mean cost and
    /// effect over its paired replicates and its difference from the
    /// baseline's mean over the same replicates: the points of the CE
    /// plane.
    pub fn psa_draws_csv(&self) -> Option<String> {
        let p = self.psa.as_ref()?;
        let e = self.settings.effect_name();
        let mut s =
            format!("cell,label,replicates,cost_discounted,{e},incremental_cost,incremental_{e}\n");
        let (Some(base), Some(draws)) = (self.samples.first(), self.samples.get(1)) else {
            return Some(s);
        };
        let n = crate::output::number::num;
        for (k, ((c, e), (c0, e0))) in draws.iter().zip(base).enumerate() {
            let _ = writeln!(
                s,
                "{},{},{},{},{},{},{}",
                p.draws[k],
                crate::output::aggregate::field(&p.draw_labels[k]),
                p.replicates,
                n(*c),
                n(*e),
                n(c - c0),
                n(e - e0)
            );
        }
        Some(s)
    }

    fn of_run_totals(res: &Results, settings: &Settings) -> Result<Option<Evaluation>> {
        let keep_samples = res.cells.len() > 1;
        let runs = res.runs_of(&|m| RUN_TOTALS.contains(&m))?;
        let mut s = settings.clone();
        let utility_unused = s.utility.take().is_some();
        let mut picked = Vec::new();
        for c in &res.cells {
            let Some(v) = runs.get(&c.id) else { continue };
            let o = totals_outcomes(&s, v, "all", keep_samples).map_err(|e| {
                Error::io(c.dir.join("runs.csv"), e, crate::output::read::DAMAGED_HINT)
            })?;
            if o.n > 0 {
                picked.push((c, o));
            }
        }
        let mut ev = Evaluation::assemble(s, picked);
        if let Some(e) = ev.as_mut() {
            e.from_run_totals = true;
            e.utility_unused = utility_unused;
        }
        Ok(ev)
    }

    /// The evaluation of the strategies picked (cell, outcomes), in order.
    fn assemble(
        settings: Settings,
        picked: Vec<(&crate::output::read::Cell, StrategyOutcomes)>,
    ) -> Option<Evaluation> {
        if picked.is_empty() {
            return None;
        }
        let paired: Vec<u32> = picked[0]
            .1
            .samples
            .keys()
            .copied()
            .filter(|r| picked.iter().all(|(_, o)| o.samples.contains_key(r)))
            .collect();
        let samples = picked
            .iter()
            .map(|(_, o)| paired.iter().map(|r| o.samples[r]).collect())
            .collect();
        Some(Evaluation {
            settings,
            strategies: picked.iter().map(|(c, _)| c.id.clone()).collect(),
            labels: picked.iter().map(|(c, _)| c.short_label()).collect(),
            full_labels: picked.iter().map(|(c, _)| full_label(c)).collect(),
            summaries: picked.into_iter().map(|(_, o)| o.summaries).collect(),
            paired,
            samples,
            from_run_totals: false,
            utility_unused: false,
            psa: None,
        })
    }

    fn of_months(res: &Results, settings: &Settings) -> Result<Option<Evaluation>> {
        let keep_samples = res.cells.len() > 1;
        // Every file is read (a damaged one stops here) before any cell's
        // missing values are reported, cell by cell.
        let mut per_cell = Vec::with_capacity(res.cells.len());
        let mut combined: Option<BTreeMap<String, std::result::Result<StrategyOutcomes, String>>> =
            None;
        for c in &res.cells {
            let p = c.dir.join("timeseries_groups.csv");
            let o = if c.dir != res.dir || res.kind == Kind::Run {
                file_outcomes(&p, None, settings, keep_samples)?.remove("")
            } else {
                if combined.is_none() {
                    combined = Some(file_outcomes(&p, Some("scenario"), settings, keep_samples)?);
                }
                // As the series are split: a cell's own, else the whole
                // file's when it names no cells.
                let m = combined.as_mut();
                m.and_then(|m| m.remove(&c.id).or_else(|| m.get("").cloned()))
            };
            per_cell.push(o);
        }
        let mut picked = Vec::new();
        for (c, o) in res.cells.iter().zip(per_cell) {
            match o {
                None => {}
                Some(Err(e)) => {
                    return Err(Error::io(
                        c.dir.join("timeseries_groups.csv"),
                        e,
                        crate::output::read::DAMAGED_HINT,
                    ))
                }
                Some(Ok(o)) if o.n == 0 => {}
                Some(Ok(o)) => picked.push((c, o)),
            }
        }
        Ok(Evaluation::assemble(settings.clone(), picked))
    }

    /// The `label` of strategy `id` (see [`Evaluation::full_labels`]),
    /// quoted for a CSV file.
    pub fn label_field(&self, id: &str) -> String {
        let l = self
            .strategies
            .iter()
            .position(|s| s == id)
            .and_then(|k| self.full_labels.get(k))
            .map(String::as_str)
            .unwrap_or(id);
        crate::output::aggregate::field(l)
    }

    /// Paired (cost, effect) samples per strategy (empty with one
    /// strategy).
    pub fn samples(&self) -> &[Vec<(f64, f64)>] {
        &self.samples
    }

    /// The summary of measure `name` for strategy `k` (see
    /// [`Evaluation::measures`]).
    pub fn summary(&self, k: usize, name: &str) -> Option<&stats::Summary> {
        let i = self.measures().iter().position(|(m, _)| m == name)?;
        self.summaries.get(k)?.get(i)
    }

    fn summary_of(&self, k: usize, name: &str) -> stats::Summary {
        self.summary(k, name)
            .cloned()
            .unwrap_or_else(|| stats::summarise(&[]))
    }

    /// `economics.csv`: strategy x measure, mean and 95% CI over replicates.
    pub fn strategies_csv(&self) -> String {
        let mut s = String::from("strategy,label,measure,unit,n,mean,ci_lower,ci_upper\n");
        let measures = self.measures();
        for (k, name) in self.strategies.iter().enumerate() {
            let label = self.label_field(name);
            for ((measure, unit), su) in measures.iter().zip(&self.summaries[k]) {
                if su.n == 0 {
                    continue;
                }
                let _ = writeln!(
                    s,
                    "{name},{label},{measure},{unit},{},{},{},{}",
                    su.n,
                    crate::output::number::num(su.mean),
                    crate::output::number::num(su.ci_lower),
                    crate::output::number::num(su.ci_upper)
                );
            }
        }
        s
    }

    /// The measures summarised: (name, unit), in the order of
    /// [`Evaluation::summaries`].
    pub fn measures(&self) -> Vec<(String, String)> {
        measures_of(&self.settings)
            .into_iter()
            .map(|(m, u, _)| (m, u))
            .collect()
    }

    /// Incremental table of mean costs and effects.
    pub fn incremental(&self) -> Vec<IncRow> {
        let s = &self.settings;
        let rows: Vec<(String, f64, f64)> = self
            .strategies
            .iter()
            .enumerate()
            .map(|(k, n)| {
                let c = self.summary_of(k, "cost_total_discounted").mean;
                let e = self
                    .summary_of(
                        k,
                        if s.utility.is_some() {
                            "qalys"
                        } else {
                            "days_alive_at_home_discounted"
                        },
                    )
                    .mean;
                (n.clone(), c, e)
            })
            .collect();
        incremental(&rows)
    }

    /// `incremental.csv`.
    pub fn incremental_csv(&self) -> String {
        let e = self.settings.effect_name();
        let mut s = format!(
            "strategy,label,cost_discounted,{e},incremental_cost,incremental_{e},icer,status\n"
        );
        for r in self.incremental() {
            let n = crate::output::number::num;
            let _ = writeln!(
                s,
                "{},{},{},{},{},{},{},{}",
                r.strategy,
                self.label_field(&r.strategy),
                n(r.cost),
                n(r.effect),
                n(r.inc_cost),
                n(r.inc_effect),
                n(r.icer),
                if r.status == Status::Frontier {
                    "frontier"
                } else {
                    r.status.label()
                }
            );
        }
        s
    }

    /// Net monetary benefit per strategy and threshold, with the paired
    /// difference from the baseline (first strategy) and its 95% CI, and
    /// the probability of being cost-effective. Empty without QALYs.
    pub fn nmb_rows(&self) -> Vec<NmbRow> {
        if self.settings.utility.is_none() {
            return Vec::new();
        }
        let samples = self.samples();
        let mut out = Vec::new();
        for &t in &self.settings.thresholds {
            let p = prob_cost_effective(samples, t);
            for (k, name) in self.strategies.iter().enumerate() {
                let v: Vec<f64> = samples[k].iter().map(|(c, e)| nmb(*e, *c, t)).collect();
                let d: Vec<f64> = samples[k]
                    .iter()
                    .zip(&samples[0])
                    .map(|((c, e), (c0, e0))| nmb(*e, *c, t) - nmb(*e0, *c0, t))
                    .collect();
                let sv = stats::summarise(&v);
                let sd = stats::summarise(&d);
                out.push(NmbRow {
                    threshold: t,
                    strategy: name.clone(),
                    nmb: sv.mean,
                    inc_nmb: sd.mean,
                    inc_ci: (sd.ci_lower, sd.ci_upper),
                    prob_ce: p[k],
                });
            }
        }
        out
    }

    /// `nmb.csv`.
    pub fn nmb_csv(&self) -> String {
        let mut s = String::from(
            "threshold_gbp_per_qaly,strategy,label,nmb,incremental_nmb,incremental_nmb_ci_lower,incremental_nmb_ci_upper,prob_cost_effective\n",
        );
        let n = crate::output::number::num;
        for r in self.nmb_rows() {
            let _ = writeln!(
                s,
                "{},{},{},{},{},{},{},{}",
                n(r.threshold),
                r.strategy,
                self.label_field(&r.strategy),
                n(r.nmb),
                n(r.inc_nmb),
                n(r.inc_ci.0),
                n(r.inc_ci.1),
                n(r.prob_ce)
            );
        }
        s
    }

    /// Acceptability curve: (threshold, probability per strategy) on a
    /// grid from 0 to 50,000 GBP per QALY plus the chosen thresholds.
    pub fn ceac(&self) -> Vec<(f64, Vec<f64>)> {
        if self.settings.utility.is_none() || self.paired.is_empty() {
            return Vec::new();
        }
        let samples = self.samples();
        let mut grid: Vec<f64> = (0..=50).map(|i| i as f64 * 1000.0).collect();
        grid.extend(self.settings.thresholds.iter().copied());
        grid.sort_by(f64::total_cmp);
        grid.dedup();
        grid.into_iter()
            .map(|t| (t, prob_cost_effective(samples, t)))
            .collect()
    }

    /// Write `economics.csv`, `incremental.csv`, `nmb.csv` into `dir`.
    pub fn write(&self, dir: &Path) -> Result<()> {
        let w =
            |name: &str, text: String| crate::files::write_atomic(&dir.join(name), text.as_bytes());
        w("economics.csv", self.strategies_csv())?;
        if let Some(t) = self.psa_draws_csv() {
            w("psa_draws.csv", t)?;
        }
        if self.strategies.len() > 1 {
            w("incremental.csv", self.incremental_csv())?;
            if self.settings.utility.is_some() {
                w("nmb.csv", self.nmb_csv())?;
            }
        }
        Ok(())
    }
}

/// Net monetary benefit of one strategy at one threshold.
#[derive(Clone, Debug, PartialEq)]
pub struct NmbRow {
    /// Threshold (GBP per QALY).
    pub threshold: f64,
    /// Strategy.
    pub strategy: String,
    /// Mean NMB.
    pub nmb: f64,
    /// Mean paired difference in NMB from the baseline.
    pub inc_nmb: f64,
    /// 95% CI of that difference.
    pub inc_ci: (f64, f64),
    /// Probability cost-effective among all strategies.
    pub prob_ce: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discount_factor_by_hand() {
        // Month 11 (the 12th): mid-point 11.5/12 years; 1.035^-0.958333.
        let d = month_discount(0.035, 11);
        assert!((d - 1.035f64.powf(-11.5 / 12.0)).abs() < 1e-15);
        assert_eq!(month_discount(0.0, 30), 1.0);
    }

    #[test]
    fn manifest_economics_table_is_read_and_extra_keys_ignored() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(
            d.path().join("manifest.json"),
            r#"{"currency":"GBP","price_year":"2016/17","parameters":{"costs":{"discount_rate_costs":0.035,"discount_rate_health":0.015},"economics":{"utility_home":0.8,"utility_hospital":0.5,"utility_intermediate_care":0.6,"perspective":"nhs_pss"}}}"#,
        )
        .unwrap();
        std::fs::write(
            d.path().join("runs.csv"),
            "scenario,replicate,group,metric,value\n",
        )
        .unwrap();
        let s = Settings::load(d.path(), None).unwrap();
        assert_eq!(s.discount_rate_health, 0.015);
        assert_eq!(s.price_year, "2016/17");
        assert_eq!(s.utility.unwrap().hospital, 0.5);
    }

    #[test]
    fn ties_share_the_win() {
        let s = vec![vec![(0.0, 1.0)], vec![(0.0, 1.0)]];
        assert_eq!(prob_cost_effective(&s, 20_000.0), vec![0.5, 0.5]);
    }
}
