//! Scenario files: TOML parsed into raw serde structs (unknown keys
//! rejected), overridden by `--set key.path=value`, then checked once and
//! turned into a [`Scenario`] whose invariants hold from then on. Every
//! problem is reported with file, line, column and key path.

pub mod dates;
pub mod lever;
pub mod params;

use crate::error::{Error, InputError, Result};
use crate::scenario::dates::Date;
use crate::scenario::params::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// `[scenario]`: what the scenario is and the question it answers.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScenarioMeta {
    /// Short name (letters, digits, `_`, `-`); names the results folder.
    pub name: String,
    /// The question the scenario answers, in a sentence.
    pub question: String,
    /// Optional longer description.
    #[serde(default)]
    pub description: String,
}

/// `[[sites]]`: one place (a vanguard footprint, a CCG/ICS, or part of the
/// rest of England).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SiteSpec {
    /// Unique site name; also keys the site's random streams.
    pub name: String,
    /// Population simulated at the site (people).
    pub population: u64,
    /// Reporting group (e.g. `vanguard`, `comparison`); summaries are given
    /// for every site, every group and all sites together.
    #[serde(default = "default_group")]
    pub group: String,
    /// Relative need (deprivation) index: multiplies every crisis hazard.
    #[serde(default = "one")]
    pub need_index: f64,
    /// Site-specific age-band shares (overrides `population.age_band_share`).
    #[serde(default)]
    pub age_band_share: Option<[f64; 6]>,
    /// Coordination lever strengths (0..1) the site has from the start,
    /// outside any rollout.
    #[serde(default)]
    pub levers: LeverStrengths,
    /// Care models the site adopts, and when.
    #[serde(default)]
    pub adopts: Vec<Adoption>,
    /// Overrides of `[implementation]` for this site (any subset of its keys).
    #[serde(default)]
    pub implementation: Option<toml::Table>,
    /// Extra reporting groups the site belongs to (e.g. `vanguard`).
    #[serde(default)]
    pub tags: Vec<String>,
}

/// `adopts = [{ model = "pacs", from = "2015-04-01" }]`: a site takes up a care model.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Adoption {
    /// Name of a care model (`[care_models.<name>]`).
    pub model: String,
    /// Date the site starts (YYYY-MM-DD).
    pub from: String,
    /// True if the model is copied from elsewhere rather than grown locally
    /// (pays the context-fit penalty).
    #[serde(default)]
    pub imported: bool,
}

/// `[care_models.<name>]`: a named bundle of coordination levers.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CareModel {
    /// What the model is.
    #[serde(default)]
    pub description: String,
    /// Who case management and care coordination target: `frail_or_top_risk`,
    /// `frail`, `top_risk`, `older_65_plus`.
    #[serde(default = "default_segment")]
    pub segment: String,
    /// Strength of each lever at full fidelity (0..1).
    #[serde(default)]
    pub levers: LeverStrengths,
    /// Running cost per head of the site population per year, once fully adopted (GBP).
    #[serde(default)]
    pub running_cost_per_head_year_gbp: f64,
    /// One-off set-up cost per head of the site population, spent as units adopt (GBP).
    #[serde(default)]
    pub setup_cost_per_head_gbp: f64,
    /// Admission-growth advantage (percentage points) the model must show
    /// when funding is conditional; defaults to `rollout.conditional_growth_advantage_pp`.
    #[serde(default)]
    pub conditional_growth_advantage_pp: Option<f64>,
    /// How long the model takes to build and spread, relative to the usual
    /// (multiplies `build_months` and divides adoption times): below 1 for
    /// simple, targeted models.
    #[serde(default = "one")]
    pub complexity: f64,
    /// Mature effect sizes of this model's levers, overriding `[coordination]`
    /// (any subset of its keys, with the same ranges).
    #[serde(default)]
    pub effects: Option<toml::Table>,
}

fn default_segment() -> String {
    "frail_or_top_risk".to_string()
}

/// Who case management and care coordination target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Moderate or severe frailty, or personal risk above the threshold.
    FrailOrTopRisk,
    /// Moderate or severe frailty.
    Frail,
    /// Personal risk above the threshold.
    TopRisk,
    /// Everyone aged 65 and over.
    Older,
}

impl Segment {
    fn parse(s: &str) -> Option<Segment> {
        match s {
            "frail_or_top_risk" => Some(Segment::FrailOrTopRisk),
            "frail" => Some(Segment::Frail),
            "top_risk" => Some(Segment::TopRisk),
            "older_65_plus" => Some(Segment::Older),
            _ => None,
        }
    }
}

/// What the checks resolve for each site.
#[derive(Clone, Debug, PartialEq)]
pub struct SitePlan {
    /// Implementation conditions (scenario defaults with the site's overrides).
    pub implementation: ImplementationParams,
    /// Effect sizes (scenario's, with the adopted models' overrides in adoption order).
    pub coordination: CoordinationParams,
    /// Targeting of case management and coordination.
    pub segment: Segment,
    /// Adoptions: (model name, start date, imported).
    pub adoptions: Vec<(String, Date, bool)>,
}

/// The care models every scenario has unless it redefines them.
pub const BUILT_IN_CARE_MODELS: &str = include_str!("../../scenarios/care_models.toml");

#[derive(Deserialize)]
struct CareModelsFile {
    #[serde(default)]
    care_models: BTreeMap<String, CareModel>,
}

fn default_group() -> String {
    "all_sites".to_string()
}
fn one() -> f64 {
    1.0
}

/// The whole scenario file as written.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    /// `[scenario]`
    pub scenario: ScenarioMeta,
    /// `[run]`
    #[serde(default)]
    pub run: RunParams,
    /// `[population]`
    #[serde(default)]
    pub population: PopulationParams,
    /// `[demand]`
    #[serde(default)]
    pub demand: DemandParams,
    /// `[routing]`
    #[serde(default)]
    pub routing: RoutingParams,
    /// `[hospital]`
    #[serde(default)]
    pub hospital: HospitalParams,
    /// `[discharge]`
    #[serde(default)]
    pub discharge: DischargeParams,
    /// `[services]`
    #[serde(default)]
    pub services: ServiceParams,
    /// `[fragmentation]`
    #[serde(default)]
    pub fragmentation: FragmentationParams,
    /// `[coordination]`
    #[serde(default)]
    pub coordination: CoordinationParams,
    /// `[costs]`
    #[serde(default)]
    pub costs: CostParams,
    /// `[rollout]`
    #[serde(default)]
    pub rollout: RolloutParams,
    /// `[implementation]`
    #[serde(default)]
    pub implementation: ImplementationParams,
    /// `[care_models.<name>]`: bundles defined or redefined by this scenario
    /// (the built-in `mcp`, `pacs`, `ehch`, `uec`, `acc` are always there).
    #[serde(default)]
    pub care_models: BTreeMap<String, CareModel>,
    /// `[[sites]]`
    pub sites: Vec<SiteSpec>,
}

/// A checked scenario: every value is in range, shares sum to one, names are
/// unique, dates parse. Built only by [`Scenario::from_file`] / [`Scenario::from_str`].
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// The parameters as resolved (file + overrides).
    pub file: ScenarioFile,
    /// Parsed `run.start_date`.
    pub start: Date,
    /// Parsed `demand.demand_reference_date`.
    pub demand_reference: Date,
    /// SHA-256 of the source text followed by the overrides.
    pub hash: String,
    /// Where it came from (path or `<embedded>`).
    pub origin: String,
    /// Every care model: built-in, then the scenario's own.
    pub models: BTreeMap<String, CareModel>,
    /// Per-site resolved implementation, effects and adoptions.
    pub site_plans: Vec<SitePlan>,
}

impl std::ops::Deref for Scenario {
    type Target = ScenarioFile;
    fn deref(&self) -> &ScenarioFile {
        &self.file
    }
}

/// The embedded default scenario: what `carescale` runs with no arguments.
pub const EMBEDDED_DEFAULT: &str = include_str!("../../scenarios/demo.toml");

impl Scenario {
    /// Read and check a scenario file, applying `overrides` (`key.path=value`).
    pub fn from_file(path: &Path, overrides: &[String]) -> Result<Scenario> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::io(path, e, "check the path; scenario files live in scenarios/ (e.g. scenarios/england_baseline.toml)")
        })?;
        Scenario::from_str(&text, &path.display().to_string(), overrides)
    }

    /// Check scenario text; `origin` names it in messages.
    pub fn from_str(text: &str, origin: &str, overrides: &[String]) -> Result<Scenario> {
        // 1. Syntax, unknown keys and wrong types, located in the file itself.
        let parsed: ScenarioFile =
            toml::from_str(text).map_err(|e| Error::Input(vec![toml_error(&e, text, origin)]))?;
        // 2. Overrides, applied to the table and deserialised again.
        let file = if overrides.is_empty() {
            parsed
        } else {
            let mut table: toml::Table = toml::from_str(text)
                .map_err(|e| Error::Input(vec![toml_error(&e, text, origin)]))?;
            for o in overrides {
                apply_override(&mut table, o)?;
            }
            toml::Value::Table(table)
                .try_into::<ScenarioFile>()
                .map_err(|e| {
                    Error::input(
                        "--set",
                        None,
                        format!(
                            "the overrides do not fit the scenario: {}",
                            e.message().trim()
                        ),
                        Some("check the key path and the value's type against docs/PARAMETERS.md"),
                    )
                })?
        };
        // 3. Ranges and cross-field rules, each located where possible.
        let mut models: BTreeMap<String, CareModel> =
            toml::from_str::<CareModelsFile>(BUILT_IN_CARE_MODELS)
                .map_err(|e| Error::Internal(format!("built-in care models: {e}")))?
                .care_models;
        for (k, v) in &file.care_models {
            models.insert(k.clone(), v.clone());
        }
        let (site_plans, mut problems) = plan_sites(&file, &models);
        problems.extend(check(&file));
        if !problems.is_empty() {
            let errs = problems
                .into_iter()
                .map(|(path, message, hint)| {
                    let overridden = overrides.iter().any(|o| {
                        o.split('=').next().map(str::trim) == Some(strip_index(&path).as_str())
                            || o.split('=').next().map(str::trim) == Some(path.as_str())
                    });
                    InputError {
                        origin: if overridden {
                            "--set".to_string()
                        } else {
                            origin.to_string()
                        },
                        position: if overridden {
                            None
                        } else {
                            locate(text, &path)
                        },
                        key: Some(path),
                        message,
                        hint: Some(hint),
                    }
                })
                .collect();
            return Err(Error::Input(errs));
        }
        let start = Date::parse(&file.run.start_date).expect("checked");
        let demand_reference = Date::parse(&file.demand.demand_reference_date).expect("checked");
        let mut h = Sha256::new();
        h.update(text.as_bytes());
        for o in overrides {
            h.update(b"\n--set ");
            h.update(o.as_bytes());
        }
        let hash = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        Ok(Scenario {
            file,
            start,
            demand_reference,
            hash,
            origin: origin.to_string(),
            models,
            site_plans,
        })
    }

    /// The resolved parameters as TOML (for manifests and `describe`).
    pub fn resolved_toml(&self) -> String {
        toml::to_string(&self.file).unwrap_or_default()
    }

    /// Total population over sites.
    pub fn total_population(&self) -> u64 {
        self.sites.iter().map(|s| s.population).sum()
    }
}

fn strip_index(path: &str) -> String {
    // `sites[2].levers.x` is overridden as `sites.2.levers.x`.
    path.replace('[', ".").replace(']', "")
}

/// Turn a toml error into an [`InputError`] with line, column and key path.
fn toml_error(e: &toml::de::Error, text: &str, origin: &str) -> InputError {
    toml_input_error(
        e,
        text,
        origin,
        "remove or rename the key; every allowed key is listed in docs/PARAMETERS.md",
        "add the missing key; see scenarios/england_baseline.toml for a complete example",
    )
}

/// A toml error as an [`InputError`] with line, column and key path; the
/// hints for an unknown key and a missing key name the file format's docs.
pub fn toml_input_error(
    e: &toml::de::Error,
    text: &str,
    origin: &str,
    unknown_hint: &str,
    missing_hint: &str,
) -> InputError {
    let span = e.span();
    let position = span.as_ref().map(|s| line_col(text, s.start));
    let key = span.as_ref().and_then(|s| key_at(text, s.start));
    let msg = e.message().trim().to_string();
    let hint = if msg.contains("unknown field") {
        unknown_hint
    } else if msg.contains("invalid type") {
        "give a value of the type shown (numbers without quotes, text in quotes)"
    } else if msg.contains("missing field") {
        missing_hint
    } else {
        "fix the TOML syntax at this position"
    };
    InputError {
        origin: origin.to_string(),
        position,
        key,
        message: msg,
        hint: Some(hint.to_string()),
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line, before[line_start..].chars().count() + 1)
}

/// The key path whose key or value span contains `offset`.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let root = toml::de::DeTable::parse(text).ok()?;
    let mut best: Option<String> = None;
    walk_table(root.get_ref(), "", &mut |path, key_span, value_span| {
        if key_span.contains(&offset) || value_span.contains(&offset) || key_span.start == offset {
            best = Some(path.to_string());
        }
    });
    best
}

type Visit<'a> = dyn FnMut(&str, std::ops::Range<usize>, std::ops::Range<usize>) + 'a;

fn walk_table(t: &toml::de::DeTable, prefix: &str, f: &mut Visit) {
    for (k, v) in t.iter() {
        let path = if prefix.is_empty() {
            k.get_ref().to_string()
        } else {
            format!("{prefix}.{}", k.get_ref())
        };
        f(&path, k.span(), v.span());
        walk_value(v.get_ref(), &path, f);
    }
}

fn walk_value(v: &toml::de::DeValue, path: &str, f: &mut Visit) {
    match v {
        toml::de::DeValue::Table(t) => walk_table(t, path, f),
        toml::de::DeValue::Array(a) => {
            for (i, item) in a.iter().enumerate() {
                let p = format!("{path}[{i}]");
                f(&p, item.span(), item.span());
                walk_value(item.get_ref(), &p, f);
            }
        }
        _ => {}
    }
}

/// Line and column of the value at `path` in `text`, if the file has it.
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let root = toml::de::DeTable::parse(text).ok()?;
    let mut found = None;
    let mut section = None;
    // The exact key, or failing that its section (a missing key defaults).
    let parent = path.rsplit_once('.').map(|(p, _)| p.to_string());
    walk_table(root.get_ref(), "", &mut |p, _k, v| {
        if p == path {
            found = Some(v.start);
        } else if Some(p) == parent.as_deref() && section.is_none() {
            section = Some(v.start);
        }
    });
    found.or(section).map(|o| line_col(text, o))
}

/// Apply one `key.path=value` override to a TOML table. The value is parsed
/// as TOML (so `0.5`, `"text"`, `[1, 2]` all work); bare words are taken as
/// text. Lists are indexed by number: `sites.0.adopts.1.from=2016-04-01`.
pub fn apply_override(table: &mut toml::Table, spec: &str) -> Result<()> {
    let bad = |msg: &str| {
        Error::input(
            "--set",
            None,
            format!("`{spec}`: {msg}"),
            Some("write --set section.key=value, e.g. --set routing.share_ae=0.5 or --set sites.0.levers.case_management=1"),
        )
    };
    let (path, value) = spec.split_once('=').ok_or_else(|| bad("missing `=`"))?;
    let path = path.trim();
    if path.is_empty() || path.split('.').any(str::is_empty) {
        return Err(bad("empty key path"));
    }
    let value: toml::Value = match toml::from_str::<toml::Table>(&format!("v = {}", value.trim())) {
        Ok(mut t) => t.remove("v").expect("parsed"),
        Err(_) => toml::Value::String(value.trim().to_string()),
    };
    let parts: Vec<&str> = path.split('.').collect();
    let mut root = toml::Value::Table(std::mem::take(table));
    let res = set_path(&mut root, &parts, value, &bad);
    if let toml::Value::Table(t) = root {
        *table = t;
    }
    res
}

fn set_path(
    cur: &mut toml::Value,
    parts: &[&str],
    value: toml::Value,
    bad: &dyn Fn(&str) -> Error,
) -> Result<()> {
    let (head, rest) = (parts[0], &parts[1..]);
    let slot: &mut toml::Value = match cur {
        toml::Value::Table(t) => {
            if rest.is_empty() {
                t.insert(head.to_string(), value);
                return Ok(());
            }
            let next_is_index = rest[0].parse::<usize>().is_ok();
            t.entry(head.to_string()).or_insert_with(|| {
                if next_is_index {
                    toml::Value::Array(Vec::new())
                } else {
                    toml::Value::Table(toml::Table::new())
                }
            })
        }
        toml::Value::Array(arr) => {
            let len = arr.len();
            let idx: usize = head
                .parse()
                .map_err(|_| bad(&format!("`{head}` is not an index into a list")))?;
            let item = arr.get_mut(idx).ok_or_else(|| {
                bad(&format!(
                    "the list has {len} entries; index {idx} is out of range"
                ))
            })?;
            if rest.is_empty() {
                *item = value;
                return Ok(());
            }
            item
        }
        _ => {
            return Err(bad(&format!(
                "`{head}` is inside a value that is neither a table nor a list"
            )))
        }
    };
    set_path(slot, rest, value, bad)
}

type Problem = (String, String, String);

/// Overlay a partial table on a full section and deserialise it again.
fn overlay<T: Serialize + for<'de> Deserialize<'de>>(
    base: &T,
    over: &toml::Table,
    path: &str,
    out: &mut Vec<Problem>,
) -> Option<T> {
    let mut t = match toml::Value::try_from(base) {
        Ok(toml::Value::Table(t)) => t,
        _ => return None,
    };
    for (k, v) in over {
        t.insert(k.clone(), v.clone());
    }
    match toml::Value::Table(t).try_into::<T>() {
        Ok(v) => Some(v),
        Err(e) => {
            out.push((
                path.to_string(),
                e.message().trim().to_string(),
                "use keys of that section (see docs/PARAMETERS.md) with values of the right type"
                    .into(),
            ));
            None
        }
    }
}

fn push_ranges(ranges: Vec<RangeError>, out: &mut Vec<Problem>) {
    for r in ranges {
        out.push((
            r.path,
            format!("value {} is out of range", r.given),
            format!("allowed: {}", r.allowed),
        ));
    }
}

/// Resolve each site's implementation conditions, effect sizes, segment and adoptions.
fn plan_sites(
    f: &ScenarioFile,
    models: &BTreeMap<String, CareModel>,
) -> (Vec<SitePlan>, Vec<Problem>) {
    let mut out = Vec::new();
    let mut plans = Vec::new();
    for (name, m) in models {
        let p = format!("care_models.{name}");
        let mut ranges = Vec::new();
        m.levers.check_ranges(&format!("{p}.levers"), &mut ranges);
        if let Some(e) = &m.effects {
            if let Some(c) = overlay(&f.coordination, e, &format!("{p}.effects"), &mut out) {
                c.check_ranges(&format!("{p}.effects"), &mut ranges);
            }
        }
        push_ranges(ranges, &mut out);
        if Segment::parse(&m.segment).is_none() {
            out.push((
                format!("{p}.segment"),
                format!("`{}` is not a segment", m.segment),
                "use frail_or_top_risk, frail, top_risk or older_65_plus".into(),
            ));
        }
        for (k, v) in [
            (
                "running_cost_per_head_year_gbp",
                m.running_cost_per_head_year_gbp,
            ),
            ("setup_cost_per_head_gbp", m.setup_cost_per_head_gbp),
        ] {
            if !(v.is_finite() && (0.0..=10_000.0).contains(&v)) {
                out.push((
                    format!("{p}.{k}"),
                    format!("value {v} is out of range"),
                    "allowed: a number from 0 to 10000".into(),
                ));
            }
        }
    }
    for (i, s) in f.sites.iter().enumerate() {
        let implementation = match &s.implementation {
            Some(t) => overlay(
                &f.implementation,
                t,
                &format!("sites[{i}].implementation"),
                &mut out,
            )
            .unwrap_or_else(|| f.implementation.clone()),
            None => f.implementation.clone(),
        };
        let mut ranges = Vec::new();
        if s.implementation.is_some() {
            implementation.check_ranges(&format!("sites[{i}].implementation"), &mut ranges);
        }
        push_ranges(ranges, &mut out);
        let mut coordination = f.coordination.clone();
        let mut segment = Segment::FrailOrTopRisk;
        let mut adoptions = Vec::new();
        for (j, a) in s.adopts.iter().enumerate() {
            let p = format!("sites[{i}].adopts[{j}]");
            let Some(m) = models.get(&a.model) else {
                let known: Vec<&str> = models.keys().map(String::as_str).collect();
                out.push((
                    format!("{p}.model"),
                    format!("no care model `{}`", a.model),
                    format!(
                        "use one of {} or define [care_models.{}]",
                        known.join(", "),
                        a.model
                    ),
                ));
                continue;
            };
            let Some(d) = Date::parse(&a.from) else {
                out.push((
                    format!("{p}.from"),
                    format!("`{}` is not a date", a.from),
                    "write YYYY-MM-DD".into(),
                ));
                continue;
            };
            if let Some(e) = &m.effects {
                if let Some(c) = overlay(
                    &coordination,
                    e,
                    &format!("care_models.{}.effects", a.model),
                    &mut Vec::new(),
                ) {
                    coordination = c;
                }
            }
            if m.levers.case_management > 0.0 || m.levers.care_coordinator > 0.0 {
                segment = Segment::parse(&m.segment).unwrap_or(segment);
            }
            adoptions.push((a.model.clone(), d, a.imported));
        }
        plans.push(SitePlan {
            implementation,
            coordination,
            segment,
            adoptions,
        });
    }
    for (k, v) in [
        (
            "rollout.national_funding_end_date",
            &f.rollout.national_funding_end_date,
        ),
        (
            "rollout.conditional_funding_from_date",
            &f.rollout.conditional_funding_from_date,
        ),
    ] {
        if Date::parse(v).is_none() {
            out.push((
                k.to_string(),
                format!("`{v}` is not a date"),
                "write YYYY-MM-DD".into(),
            ));
        }
    }
    (plans, out)
}

/// Every problem in a parsed file: (key path, message, hint).
fn check(f: &ScenarioFile) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = Vec::new();
    let mut ranges = Vec::new();
    f.run.check_ranges("run", &mut ranges);
    f.population.check_ranges("population", &mut ranges);
    f.demand.check_ranges("demand", &mut ranges);
    f.routing.check_ranges("routing", &mut ranges);
    f.hospital.check_ranges("hospital", &mut ranges);
    f.discharge.check_ranges("discharge", &mut ranges);
    f.services.check_ranges("services", &mut ranges);
    f.fragmentation.check_ranges("fragmentation", &mut ranges);
    f.coordination.check_ranges("coordination", &mut ranges);
    f.costs.check_ranges("costs", &mut ranges);
    f.rollout.check_ranges("rollout", &mut ranges);
    f.implementation.check_ranges("implementation", &mut ranges);
    for (i, s) in f.sites.iter().enumerate() {
        s.levers
            .check_ranges(&format!("sites[{i}].levers"), &mut ranges);
    }
    for r in ranges {
        out.push((
            r.path,
            format!("value {} is out of range", r.given),
            format!("allowed: {}", r.allowed),
        ));
    }
    let mut push = |p: &str, m: String, h: &str| out.push((p.to_string(), m, h.to_string()));
    let name_ok = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    if !name_ok(&f.scenario.name) {
        push(
            "scenario.name",
            format!("`{}` is not a valid name", f.scenario.name),
            "use letters, digits, `_` and `-` only (it names the results folder)",
        );
    }
    if f.scenario.question.trim().is_empty() {
        push(
            "scenario.question",
            "the question is empty".into(),
            "state the question the scenario answers in a sentence",
        );
    }
    if Date::parse(&f.run.start_date).is_none() {
        push(
            "run.start_date",
            format!("`{}` is not a date", f.run.start_date),
            "write YYYY-MM-DD, e.g. 2016-04-01",
        );
    }
    if Date::parse(&f.demand.demand_reference_date).is_none() {
        push(
            "demand.demand_reference_date",
            format!("`{}` is not a date", f.demand.demand_reference_date),
            "write YYYY-MM-DD, e.g. 2017-10-01",
        );
    }
    if (f.run.warm_up_months + f.run.horizon_months) as u64 * 31 > u16::MAX as u64 - 400 {
        push(
            "run.horizon_months",
            "warm-up plus horizon is longer than 170 years".into(),
            "shorten the run",
        );
    }
    let sum_check = |v: &[f64]| (v.iter().sum::<f64>() - 1.0).abs() < 1e-6;
    if !sum_check(&f.population.age_band_share) {
        push(
            "population.age_band_share",
            format!(
                "shares sum to {:.6}, not 1",
                f.population.age_band_share.iter().sum::<f64>()
            ),
            "make the six shares add up to 1",
        );
    }
    for b in 0..6 {
        let s = f.population.frailty_share_mild_by_band[b]
            + f.population.frailty_share_moderate_by_band[b]
            + f.population.frailty_share_severe_by_band[b];
        if s > 1.0 + 1e-9 {
            push(
                "population.frailty_share_mild_by_band",
                format!(
                    "mild + moderate + severe is {s:.4} in age band {} (more than 1)",
                    AGE_BANDS[b]
                ),
                "lower the frailty shares of that band",
            );
        }
    }
    let r = &f.routing;
    let rs = r.share_general_practice
        + r.share_urgent_community_response
        + r.share_ae
        + r.share_direct_admission
        + r.share_missed;
    if (rs - 1.0).abs() > 1e-6 {
        push("routing.share_ae", format!("the five routing shares sum to {rs:.6}, not 1"), "make share_general_practice + share_urgent_community_response + share_ae + share_direct_admission + share_missed = 1");
    }
    let d = &f.discharge;
    for k in 0..4 {
        let s = d.share_home_care_package_by_frailty[k]
            + d.share_intermediate_care_by_frailty[k]
            + d.share_care_home_by_frailty[k];
        if s > 1.0 {
            push(
                "discharge.share_home_care_package_by_frailty",
                format!(
                    "onward-care shares sum to {s:.4} for {} frailty (more than 1)",
                    FRAILTY[k]
                ),
                "lower the shares so the rest can go home",
            );
        }
    }
    if d.intermediate_care_to_home_care_package + d.intermediate_care_to_care_home > 1.0 {
        push(
            "discharge.intermediate_care_to_care_home",
            "intermediate-care exits sum to more than 1".into(),
            "lower one of them",
        );
    }
    if f.sites.is_empty() {
        push(
            "sites",
            "no sites".into(),
            "add at least one [[sites]] table with a name and a population",
        );
    }
    let mut names = std::collections::BTreeSet::new();
    for (i, s) in f.sites.iter().enumerate() {
        let p = |k: &str| format!("sites[{i}].{k}");
        if !name_ok(&s.name) {
            out.push((
                p("name"),
                format!("`{}` is not a valid site name", s.name),
                "use letters, digits, `_` and `-` only".into(),
            ));
        }
        if !names.insert(s.name.clone()) {
            out.push((
                p("name"),
                format!("site name `{}` is used twice", s.name),
                "give every site a unique name".into(),
            ));
        }
        if s.population == 0 || s.population > 200_000_000 {
            out.push((
                p("population"),
                format!("value {} is out of range", s.population),
                "allowed: a whole number of people from 1 to 200000000".into(),
            ));
        }
        if !(s.need_index.is_finite() && s.need_index > 0.0 && s.need_index <= 10.0) {
            out.push((
                p("need_index"),
                format!("value {} is out of range", s.need_index),
                "allowed: a number above 0 and at most 10".into(),
            ));
        }
        if let Some(a) = &s.age_band_share {
            if !sum_check(a) || a.iter().any(|v| !(0.0..=1.0).contains(v)) {
                out.push((
                    p("age_band_share"),
                    "shares must each be in 0..1 and sum to 1".into(),
                    "fix the six shares".into(),
                ));
            }
        }
        for t in &s.tags {
            if !name_ok(t) {
                out.push((
                    p("tags"),
                    format!("`{t}` is not a valid tag"),
                    "use letters, digits, `_` and `-` only".into(),
                ));
            }
        }
        if !name_ok(&s.group) {
            out.push((
                p("group"),
                format!("`{}` is not a valid group name", s.group),
                "use letters, digits, `_` and `-` only".into(),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: &str = "[scenario]\nname = \"t\"\nquestion = \"q?\"\n\n[[sites]]\nname = \"a\"\npopulation = 100\n";

    #[test]
    fn minimal_file_takes_defaults() {
        let s = Scenario::from_str(MIN, "t.toml", &[]).unwrap();
        assert_eq!(s.run.replicates, 10);
        assert_eq!(s.sites[0].group, "all_sites");
    }

    #[test]
    fn out_of_range_is_located() {
        let text = format!("{MIN}\n[routing]\nshare_ae = 1.2\n");
        let Err(Error::Input(errs)) = Scenario::from_str(&text, "t.toml", &[]) else {
            panic!()
        };
        let e = errs
            .iter()
            .find(|e| e.key.as_deref() == Some("routing.share_ae"))
            .unwrap();
        assert_eq!(e.position, Some((10, 12)));
        assert!(e.to_string().contains("1.2"), "{e}");
    }

    #[test]
    fn unknown_key_names_line() {
        let text = format!("{MIN}\n[routing]\nshare_aee = 0.2\n");
        let Err(Error::Input(errs)) = Scenario::from_str(&text, "t.toml", &[]) else {
            panic!()
        };
        assert_eq!(errs[0].position.unwrap().0, 10);
        assert!(errs[0].message.contains("unknown field"), "{}", errs[0]);
    }

    #[test]
    fn overrides_apply_and_are_checked() {
        let s = Scenario::from_str(
            MIN,
            "t.toml",
            &[
                "run.replicates=3".into(),
                "sites.0.levers.case_management=1".into(),
            ],
        )
        .unwrap();
        assert_eq!(s.run.replicates, 3);
        assert_eq!(s.sites[0].levers.case_management, 1.0);
        let Err(Error::Input(errs)) =
            Scenario::from_str(MIN, "t.toml", &["sites.0.levers.case_management=2".into()])
        else {
            panic!()
        };
        assert_eq!(errs[0].origin, "--set");
    }

    #[test]
    fn line_col_counts_chars() {
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("ab", 0), (1, 1));
    }
}
