//! Sweep files: a base scenario, a baseline to compare against, replicates
//! and a design over parameter paths. The TOML is parsed into raw serde
//! structs (unknown keys rejected), checked once into a [`Sweep`], and
//! expanded into a [`Plan`]: cells x replicates, each cell a scenario built
//! and checked up front, the whole plan named by a SHA-256 so that parts of
//! one sweep run on several machines can be recognised as such.
//!
//! The baseline is a cell like the others (id `baseline`, always first) and
//! every cell runs with the same root seed, so replicate *r* of every cell
//! shares common random numbers with replicate *r* of the baseline.

use crate::error::{Error, InputError, Result};
use crate::experiment::design::{self, CellSpec, Design, OatParam, SampledParam};
use crate::experiment::distribution::Dist;
use crate::experiment::options;
use crate::output::number::num;
use crate::output::tables;
use crate::scenario::params;
use crate::scenario::{locate, Scenario};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Version of the plan and run-file formats.
pub const FORMAT: u32 = 1;

/// The most cells a plan may have.
pub const MAX_CELLS: u64 = 1_000_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    sweep: RawSweep,
    #[serde(default)]
    baseline: Option<RawBaseline>,
    #[serde(default)]
    design: Option<RawDesign>,
    #[serde(default)]
    parameters: Vec<RawParam>,
    #[serde(default)]
    precision: Option<RawPrecision>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSweep {
    name: String,
    question: String,
    scenario: String,
    #[serde(default = "ten")]
    replicates: u32,
    #[serde(
        default,
        deserialize_with = "crate::scenario::params::seed_serde::de_opt"
    )]
    seed: Option<u64>,
    #[serde(default)]
    set: Vec<String>,
    #[serde(default = "yes")]
    timeseries: bool,
    /// Every cell's site populations times this factor (`--scale` overrides it).
    #[serde(default)]
    scale: Option<f64>,
}

fn ten() -> u32 {
    10
}
fn yes() -> bool {
    true
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawBaseline {
    #[serde(default)]
    scenario: Option<String>,
    #[serde(default)]
    set: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDesign {
    kind: String,
    #[serde(default)]
    samples: Option<u32>,
    #[serde(
        default,
        deserialize_with = "crate::scenario::params::seed_serde::de_opt"
    )]
    seed: Option<u64>,
    #[serde(default)]
    sampling: Option<String>,
    #[serde(default)]
    file: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawParam {
    path: String,
    values: Option<Vec<toml::Value>>,
    low: Option<toml::Value>,
    high: Option<toml::Value>,
    dist: Option<String>,
    value: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
    mode: Option<f64>,
    lambda: Option<f64>,
    mean: Option<f64>,
    sd: Option<f64>,
    se: Option<f64>,
    meanlog: Option<f64>,
    sdlog: Option<f64>,
    alpha: Option<f64>,
    beta: Option<f64>,
    shape: Option<f64>,
    scale: Option<f64>,
    rate: Option<f64>,
    interval: Option<[f64; 2]>,
    truncate: Option<[f64; 2]>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrecision {
    metric: String,
    #[serde(default = "all")]
    group: String,
    #[serde(default = "five_percent")]
    half_width_share: f64,
    #[serde(default)]
    paired: bool,
    #[serde(default = "five")]
    min_replicates: u32,
    #[serde(default = "hundred")]
    max_replicates: u32,
}

fn all() -> String {
    "all".into()
}
fn five_percent() -> f64 {
    0.05
}
fn five() -> u32 {
    5
}
fn hundred() -> u32 {
    100
}

/// Replications by precision: add replicates until the 95% CI half-width of
/// `metric` in `group` (or of its paired difference from the baseline) is at
/// most `half_width_share` of the mean (of the mean difference), between
/// `min_replicates` and `max_replicates`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Precision {
    /// Run-level metric (see `runs.csv`).
    pub metric: String,
    /// Reporting group (a site, a group label, or `all`).
    pub group: String,
    /// Target half-width as a share of the absolute mean.
    pub half_width_share: f64,
    /// Judge the paired difference from the baseline instead of the level.
    pub paired: bool,
    /// Fewest replicates.
    pub min_replicates: u32,
    /// Budget cap.
    pub max_replicates: u32,
}

/// A scenario file and the overrides applied to it.
#[derive(Clone, Debug)]
pub struct Source {
    /// Path as given (resolved against the sweep file's folder).
    pub path: PathBuf,
    /// File text.
    pub text: String,
    /// Overrides, in order.
    pub sets: Vec<String>,
    /// The scenario with these overrides (checked).
    pub scenario: Scenario,
}

/// Command-line additions to a sweep file.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// `--set` overrides applied to every cell, baseline included.
    pub sets: Vec<String>,
    /// `--replicates`.
    pub replicates: Option<u32>,
    /// `--seed`.
    pub seed: Option<u64>,
    /// `--scale`: every cell's site populations times this factor, as
    /// `carescale run --scale` does (`None` = as written).
    pub scale: Option<f64>,
    /// `--design-table`: replaces the file's design.
    pub design_table: Option<PathBuf>,
    /// Replications by precision (replaces the file's `[precision]`).
    pub precision: Option<Precision>,
}

/// A checked sweep.
#[derive(Clone, Debug)]
pub struct Sweep {
    /// Sweep name (names the results folder).
    pub name: String,
    /// The question it answers.
    pub question: String,
    /// Where it came from.
    pub origin: String,
    /// The sweep file's text (for locating errors found later).
    pub text: String,
    /// Base scenario of the design cells.
    pub base: Source,
    /// Baseline scenario.
    pub baseline: Source,
    /// Replicates per cell.
    pub replicates: u32,
    /// Root seed of every cell.
    pub seed: u64,
    /// Population scale of every cell (1 = as written).
    pub scale: f64,
    /// Write monthly time series.
    pub timeseries: bool,
    /// The design.
    pub design: Design,
    /// Replications by precision, if asked for.
    pub precision: Option<Precision>,
}

fn input(origin: &str, text: &str, key: &str, message: String, hint: &str) -> InputError {
    InputError {
        origin: origin.to_string(),
        position: locate(text, key),
        key: Some(key.to_string()),
        message,
        hint: Some(hint.to_string()),
    }
}

fn name_ok(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= crate::error::MAX_NAME
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A dotted key path as `--set` takes it: parts of letters, digits, `_`
/// and `-`, separated by `.`, at most [`crate::error::MAX_KEY_PATH`] bytes.
fn key_path_ok(s: &str) -> bool {
    s.len() <= crate::error::MAX_KEY_PATH
        && s.split('.').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
}

/// Does this TOML text look like a sweep file (has a `[sweep]` table)?
pub fn is_sweep_text(text: &str) -> bool {
    toml::from_str::<toml::Table>(text)
        .map(|t| t.contains_key("sweep"))
        .unwrap_or(false)
}

fn load_source(path: &Path, sets: Vec<String>) -> Result<Source> {
    let text = crate::files::read_text(path, crate::files::MAX_INPUT_BYTES, "scenario file").map_err(|e| match e {
        Error::Io { path, message, .. } => Error::Io {
            path,
            message,
            hint: "check the scenario path in the sweep file (relative paths start at the sweep file's folder)".into(),
        },
        other => other,
    })?;
    let scenario = Scenario::from_str(&text, &path.display().to_string(), &sets)?;
    Ok(Source {
        path: path.to_path_buf(),
        text,
        sets,
        scenario,
    })
}

impl Sweep {
    /// Read and check a sweep file with command-line overrides.
    pub fn from_file(path: &Path, ov: &Overrides) -> Result<Sweep> {
        let text = crate::files::read_text(path, crate::files::MAX_INPUT_BYTES, "sweep file")?;
        Sweep::from_str(&text, path, ov)
    }

    /// Check sweep text; `path` names it and anchors relative paths.
    pub fn from_str(text: &str, path: &Path, ov: &Overrides) -> Result<Sweep> {
        let origin = path.display().to_string();
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let raw: RawFile =
            toml::from_str(text).map_err(|e| Error::Input(vec![toml_error(&e, text, &origin)]))?;
        let mut errs = Vec::new();
        let err = |key: &str, msg: String, hint: &str| input(&origin, text, key, msg, hint);
        if !name_ok(&raw.sweep.name) {
            errs.push(err(
                "sweep.name",
                format!("`{}` is not a valid name", crate::error::short(&raw.sweep.name)),
                "use letters, digits, `_` and `-` only, at most 64 of them (it names the results folder)",
            ));
        }
        if raw.sweep.question.trim().is_empty() {
            errs.push(err(
                "sweep.question",
                "the question is empty".into(),
                "state the question the sweep answers in a sentence",
            ));
        }
        let replicates = ov.replicates.unwrap_or(raw.sweep.replicates);
        if let (None, Some(f)) = (ov.scale, raw.sweep.scale) {
            if !(f > 0.0 && f <= 1.0) {
                errs.push(err(
                    "sweep.scale",
                    format!("value {f} is out of range"),
                    "allowed: a factor above 0 and at most 1 (0.05 runs every site at 5% of its people)",
                ));
            }
        }
        if !(1..=100_000).contains(&replicates) {
            errs.push(err(
                "sweep.replicates",
                format!("value {replicates} is out of range"),
                "allowed: a whole number from 1 to 100000",
            ));
        }
        let precision = match (&ov.precision, &raw.precision) {
            (Some(p), _) => Some(p.clone()),
            (None, Some(p)) => Some(Precision {
                metric: p.metric.clone(),
                group: p.group.clone(),
                half_width_share: p.half_width_share,
                paired: p.paired,
                min_replicates: p.min_replicates,
                max_replicates: p.max_replicates,
            }),
            (None, None) => None,
        };
        if let Some(p) = &precision {
            errs.extend(check_precision(p, &origin, text));
        }
        let design = match (&ov.design_table, &raw.design) {
            (Some(csv), _) => read_table(csv).map_err(|e| match e {
                Error::Input(v) => {
                    errs.extend(v);
                }
                other => errs.push(InputError {
                    origin: "--design-table".into(),
                    position: None,
                    key: None,
                    message: other.to_string(),
                    hint: None,
                }),
            }),
            (None, None) => {
                if !raw.parameters.is_empty() {
                    errs.push(err(
                        "parameters",
                        "parameters are listed but there is no [design]".into(),
                        "add [design] with kind = \"grid\", \"oat\", \"lhs\" or \"psa\"",
                    ));
                }
                Ok(Design::None)
            }
            (None, Some(d)) => build_design(d, &raw.parameters, dir, &origin, text)
                .map_err(|mut v| errs.append(&mut v)),
        };
        if !errs.is_empty() {
            return Err(Error::Input(errs));
        }
        let design = design.unwrap_or(Design::None);
        if design.n_cells() > MAX_CELLS {
            return Err(Error::Input(vec![err(
                "design",
                format!("the design has {} cells", design.n_cells()),
                "allowed: at most 1000000 cells; use fewer values or a Latin hypercube",
            )]));
        }
        let mut sets = raw.sweep.set.clone();
        sets.extend(ov.sets.iter().cloned());
        let base_path = dir.join(&raw.sweep.scenario);
        let own_sets: Vec<(String, &String)> = raw
            .sweep
            .set
            .iter()
            .enumerate()
            .map(|(j, s)| (format!("sweep.set[{j}]"), s))
            .chain(
                raw.baseline
                    .iter()
                    .flat_map(|b| b.set.iter().enumerate())
                    .map(|(j, s)| (format!("baseline.set[{j}]"), s)),
            )
            .collect();
        let in_sweep = |e: Error| from_sweep_sets(e, &own_sets, &origin, text);
        let base = load_source(&base_path, sets.clone())
            .map_err(|e| in_sweep(located(e, &err, "sweep.scenario")))?;
        let seed = ov.seed.or(raw.sweep.seed).unwrap_or(base.scenario.run.seed);
        let rb = raw
            .baseline
            .as_ref()
            .map(|b| RawBaseline {
                scenario: b.scenario.clone(),
                set: b.set.clone(),
            })
            .unwrap_or_default();
        let baseline_path = rb
            .scenario
            .as_ref()
            .map(|s| dir.join(s))
            .unwrap_or_else(|| base_path.clone());
        let mut bsets = sets;
        bsets.extend(rb.set.iter().cloned());
        let baseline = load_source(&baseline_path, bsets)
            .map_err(|e| in_sweep(located(e, &err, "baseline.scenario")))?;
        // Without its own seed, a sampled design follows the run seed.
        let design_seed = raw.design.as_ref().and_then(|d| d.seed).unwrap_or(seed);
        let design = match design {
            Design::Sampled {
                kind,
                samples,
                stratified,
                params,
                ..
            } => Design::Sampled {
                kind,
                samples,
                seed: design_seed,
                stratified,
                params,
            },
            d => d,
        };
        Ok(Sweep {
            name: raw.sweep.name,
            question: raw.sweep.question,
            origin,
            text: text.to_string(),
            base,
            baseline,
            replicates,
            seed,
            scale: ov.scale.or(raw.sweep.scale).unwrap_or(1.0),
            timeseries: raw.sweep.timeseries,
            design,
            precision,
        })
    }

    /// A sweep of one scenario alone (for `carescale reps scenario.toml`).
    pub fn of_scenario(path: &Path, ov: &Overrides) -> Result<Sweep> {
        if let Some(p) = &ov.precision {
            let errs = check_precision(p, "carescale reps", "");
            if !errs.is_empty() {
                return Err(Error::Input(errs));
            }
        }
        let base = load_source(path, ov.sets.clone())?;
        let seed = ov.seed.unwrap_or(base.scenario.run.seed);
        Ok(Sweep {
            name: base.scenario.scenario.name.clone(),
            question: base.scenario.scenario.question.clone(),
            origin: path.display().to_string(),
            text: String::new(),
            baseline: base.clone(),
            base,
            replicates: ov.replicates.unwrap_or(10),
            seed,
            scale: ov.scale.unwrap_or(1.0),
            timeseries: true,
            design: Design::None,
            precision: ov.precision.clone(),
        })
    }
}

/// Problems the sweep file's own `set` entries cause, reported in the sweep
/// file (line, column and key of the entry) rather than against `--set`.
fn from_sweep_sets(e: Error, sets: &[(String, &String)], origin: &str, text: &str) -> Error {
    let Error::Input(errs) = e else {
        return e;
    };
    Error::Input(
        errs.into_iter()
            .map(|mut ie| {
                if ie.origin != "--set" {
                    return ie;
                }
                let found = sets.iter().rev().find(|(_, s)| {
                    ie.message
                        .contains(&format!("`{}`", crate::error::short(s)))
                        || ie
                            .message
                            .contains(&format!("--set {})", crate::error::short(s)))
                });
                if let Some((key, _)) = found {
                    ie.origin = origin.to_string();
                    ie.position = locate(text, key);
                    if let Some(k) = ie.key.take() {
                        ie.message = format!("{}: {}", k, ie.message);
                    }
                    ie.key = Some(key.clone());
                    ie.message = ie.message.replace(" (after --set ", " (after ");
                }
                ie
            })
            .collect(),
    )
}

/// An I/O problem with a scenario named in the sweep file, located there.
fn located(e: Error, err: &dyn Fn(&str, String, &str) -> InputError, key: &str) -> Error {
    match e {
        Error::Io {
            path,
            message,
            hint,
        } => Error::Input(vec![err(
            key,
            format!("cannot read {}: {message}", path.display()),
            &hint,
        )]),
        other => other,
    }
}

fn check_precision(p: &Precision, origin: &str, text: &str) -> Vec<InputError> {
    let mut out = Vec::new();
    let err = |key: &str, msg: String, hint: &str| input(origin, text, key, msg, hint);
    if !tables::run_metric_names().contains(&p.metric.as_str()) {
        out.push(err(
            "precision.metric",
            format!("`{}` is not a run-level metric", p.metric),
            "use a metric named in runs.csv, e.g. emergency_admissions_per_1000",
        ));
    }
    if !(p.half_width_share.is_finite() && p.half_width_share > 0.0 && p.half_width_share < 1.0) {
        out.push(err(
            "precision.half_width_share",
            format!("value {} is out of range", p.half_width_share),
            "allowed: a share above 0 and below 1, e.g. 0.05 for 5% of the mean",
        ));
    }
    if p.min_replicates < 2 || p.min_replicates > p.max_replicates || p.max_replicates > 100_000 {
        out.push(err(
            "precision.max_replicates",
            format!(
                "min_replicates {} and max_replicates {} do not fit",
                p.min_replicates, p.max_replicates
            ),
            "allowed: 2 <= min_replicates <= max_replicates <= 100000",
        ));
    }
    out
}

/// Normalise `sites.0.levers.x` to the dictionary's `sites[].levers.x`.
fn spec_path(path: &str) -> String {
    path.split('.')
        .map(|p| {
            if p.chars().all(|c| c.is_ascii_digit()) {
                "[]"
            } else {
                p
            }
        })
        .collect::<Vec<_>>()
        .join(".")
        .replace(".[]", "[]")
}

/// The declared range of a parameter, if the dictionary has it as a number.
fn declared_range(path: &str) -> Option<(f64, f64)> {
    let sp = spec_path(path);
    params::all_specs()
        .into_iter()
        .find(|s| s.path == sp && s.min.is_finite() && s.max.is_finite() && s.min < s.max)
        .map(|s| (s.min, s.max))
}

fn as_f64(v: &toml::Value) -> Option<f64> {
    match v {
        toml::Value::Float(x) => Some(*x),
        toml::Value::Integer(i) => Some(*i as f64),
        _ => None,
    }
}

const DIST_NAMES: &str = "beta, gamma, lognormal, normal, pert, triangular, uniform or fixed";

fn build_design(
    d: &RawDesign,
    params: &[RawParam],
    dir: &Path,
    origin: &str,
    text: &str,
) -> std::result::Result<Design, Vec<InputError>> {
    let mut errs = Vec::new();
    let err = |key: &str, msg: String, hint: &str| input(origin, text, key, msg, hint);
    // A posterior from `carescale fit` (posterior.csv) is a design table
    // whose rows are draws.
    let kind = match d.kind.as_str() {
        "posterior" => "table",
        k => k,
    };
    if !["grid", "oat", "lhs", "psa", "table", "none"].contains(&kind) {
        return Err(vec![err(
            "design.kind",
            format!("`{kind}` is not a design"),
            "allowed: grid, oat, lhs, psa, table, posterior or none",
        )]);
    }
    let sampled = kind == "lhs" || kind == "psa";
    if d.samples.is_some() && !sampled {
        errs.push(err(
            "design.samples",
            format!("`samples` is not used by a {kind} design"),
            "remove it (only lhs and psa designs draw samples)",
        ));
    }
    if d.seed.is_some() && !sampled {
        errs.push(err(
            "design.seed",
            format!("`seed` is not used by a {kind} design"),
            "remove it (only lhs and psa designs draw samples)",
        ));
    }
    if d.sampling.is_some() && kind != "psa" {
        errs.push(err(
            "design.sampling",
            format!("`sampling` is not used by a {kind} design"),
            "remove it (psa designs choose random or lhs sampling)",
        ));
    }
    if d.file.is_some() != (kind == "table") {
        errs.push(err(
            "design.file",
            if kind == "table" {
                "a table design needs `file`".into()
            } else {
                format!("`file` is not used by a {kind} design")
            },
            "give file = \"design.csv\" with kind = \"table\" (a CSV with one column per parameter path)",
        ));
    }
    if kind == "table" || kind == "none" {
        if !params.is_empty() {
            errs.push(err(
                "parameters",
                format!("a {kind} design takes no [[parameters]]"),
                "remove the [[parameters]] tables",
            ));
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        if kind == "none" {
            return Ok(Design::None);
        }
        let file = dir.join(d.file.as_deref().unwrap_or_default());
        return read_table(&file).map_err(|e| match e {
            Error::Input(v) => v,
            other => vec![err(
                "design.file",
                other.to_string(),
                "check the path (relative to the sweep file)",
            )],
        });
    }
    if params.is_empty() {
        errs.push(err(
            "design",
            format!("a {kind} design needs [[parameters]]"),
            "add [[parameters]] tables, each with a `path` and its values or distribution",
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut grid = Vec::new();
    let mut oat = Vec::new();
    let mut sampled_params = Vec::new();
    for (i, p) in params.iter().enumerate() {
        let key = |k: &str| format!("parameters[{i}].{k}");
        if p.path.len() > crate::error::MAX_KEY_PATH {
            errs.push(err(
                &key("path"),
                format!(
                    "the key path is {} bytes long; key paths have at most {}",
                    p.path.len(),
                    crate::error::MAX_KEY_PATH
                ),
                "write a dotted path as in --set, e.g. coordination.case_management_crisis_rr",
            ));
            continue;
        }
        if p.path.trim().is_empty() || p.path.contains('=') || p.path.contains(' ') {
            errs.push(err(
                &key("path"),
                format!("`{}` is not a key path", crate::error::short(&p.path)),
                "write a dotted path as in --set, e.g. coordination.case_management_crisis_rr or sites.0.levers.case_management",
            ));
            continue;
        }
        if !seen.insert(p.path.clone()) {
            errs.push(err(
                &key("path"),
                format!("`{}` is listed twice", p.path),
                "list each parameter once",
            ));
        }
        let range = declared_range(&p.path);
        let check_value = |k: &str, v: &toml::Value, errs: &mut Vec<InputError>| {
            if let (Some((lo, hi)), Some(x)) = (range, as_f64(v)) {
                if !(x >= lo && x <= hi) {
                    errs.push(err(
                        &key(k),
                        format!(
                            "value {} is out of range for {}",
                            design::show_value(v),
                            p.path
                        ),
                        &format!("allowed: a number from {lo} to {hi}"),
                    ));
                }
            }
            if matches!(v, toml::Value::Float(x) if !x.is_finite()) {
                errs.push(err(
                    &key(k),
                    "the value is not finite".into(),
                    "give a finite number",
                ));
            }
        };
        let used: Vec<&str> = [
            ("values", p.values.is_some()),
            ("low", p.low.is_some()),
            ("high", p.high.is_some()),
            ("dist", p.dist.is_some()),
        ]
        .iter()
        .filter(|(_, s)| *s)
        .map(|(n, _)| *n)
        .collect();
        let dist_fields = dist_fields_given(p);
        match kind {
            "grid" => {
                for f in used
                    .iter()
                    .filter(|f| **f != "values")
                    .chain(dist_fields.iter())
                {
                    errs.push(err(
                        &key(f),
                        format!("`{f}` is not used by a grid design"),
                        "a grid parameter takes `path` and `values = [...]`",
                    ));
                }
                match &p.values {
                    Some(v) if !v.is_empty() => {
                        for x in v {
                            if matches!(x, toml::Value::Table(_) | toml::Value::Array(_)) {
                                errs.push(err(
                                    &key("values"),
                                    "values must be numbers, text or true/false".into(),
                                    "list plain values, e.g. values = [0.5, 1.0, 2.0]",
                                ));
                            }
                            check_value("values", x, &mut errs);
                        }
                        grid.push((p.path.clone(), v.clone()));
                    }
                    _ => errs.push(err(
                        &key("values"),
                        "a grid parameter needs a non-empty `values` list".into(),
                        "add values = [...], e.g. values = [0.5, 1.0, 2.0]",
                    )),
                }
            }
            "oat" => {
                for f in used
                    .iter()
                    .filter(|f| **f != "low" && **f != "high")
                    .chain(dist_fields.iter())
                {
                    errs.push(err(
                        &key(f),
                        format!("`{f}` is not used by a one-at-a-time design"),
                        "an oat parameter takes `path`, `low` and `high` (the base value comes from the scenario)",
                    ));
                }
                match (&p.low, &p.high) {
                    (Some(lo), Some(hi)) => {
                        check_value("low", lo, &mut errs);
                        check_value("high", hi, &mut errs);
                        oat.push(OatParam {
                            path: p.path.clone(),
                            low: lo.clone(),
                            high: hi.clone(),
                        });
                    }
                    _ => errs.push(err(
                        &key("path"),
                        "an oat parameter needs both `low` and `high`".into(),
                        "add low = ... and high = ...",
                    )),
                }
            }
            _ => {
                for f in used.iter().filter(|f| **f != "dist") {
                    errs.push(err(
                        &key(f),
                        format!("`{f}` is not used by a {kind} design"),
                        "a sampled parameter takes `dist` and its parameters (or min and max for a uniform)",
                    ));
                }
                let dist_name = match (&p.dist, kind) {
                    (Some(d), _) => d.clone(),
                    (None, "lhs") => "uniform".to_string(),
                    (None, _) => {
                        errs.push(err(
                            &key("path"),
                            "a psa parameter needs `dist`".into(),
                            &format!("add dist = one of {DIST_NAMES}"),
                        ));
                        continue;
                    }
                };
                match resolve_dist(&dist_name, p) {
                    Ok((dist, how)) => {
                        let truncate = p.truncate.map(|[a, b]| (a, b));
                        if let Some((a, b)) = truncate {
                            if !(a < b && dist.cdf(b) - dist.cdf(a) > 1e-9) {
                                errs.push(err(
                                    &key("truncate"),
                                    format!("truncate = [{a}, {b}] leaves no probability"),
                                    "give [lower, upper] with lower < upper inside the distribution's range",
                                ));
                            }
                        }
                        if let Some((lo, hi)) = range {
                            let (a, b) = truncate.unwrap_or_else(|| support(&dist));
                            if a < lo || b > hi {
                                errs.push(err(
                                    &key(if truncate.is_some() { "truncate" } else { "dist" }),
                                    format!(
                                        "this {} can give values from {} to {}, outside the allowed range of {}",
                                        dist.name(),
                                        num(a),
                                        num(b),
                                        p.path
                                    ),
                                    &format!("allowed: {lo} to {hi}; add truncate = [{lo}, {hi}] or choose a bounded distribution"),
                                ));
                            }
                        }
                        sampled_params.push(SampledParam {
                            path: p.path.clone(),
                            dist,
                            specified_as: how,
                            truncate,
                        });
                    }
                    Err((k, msg)) => errs.push(err(
                        &key(&k),
                        msg,
                        "give the distribution's native parameters, mean and se, or interval = [lower, upper] (95%); see docs/SWEEPS.md",
                    )),
                }
            }
        }
    }
    let samples = d.samples.unwrap_or(0);
    if sampled && !(1..=MAX_CELLS as u32).contains(&samples) {
        errs.push(err(
            "design.samples",
            format!("a {kind} design needs samples from 1 to 1000000 (given {samples})"),
            "add samples = N, e.g. samples = 500",
        ));
    }
    let stratified = match (kind, d.sampling.as_deref()) {
        ("lhs", _) => true,
        (_, None | Some("random")) => false,
        (_, Some("lhs")) => true,
        (_, Some(other)) => {
            errs.push(err(
                "design.sampling",
                format!("`{other}` is not a sampling method"),
                "allowed: random or lhs",
            ));
            false
        }
    };
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(match kind {
        "grid" => Design::Grid(grid),
        "oat" => Design::Oat(oat),
        _ => Design::Sampled {
            kind: if kind == "lhs" { "lhs" } else { "psa" },
            samples,
            seed: d.seed.unwrap_or(0),
            stratified,
            params: sampled_params,
        },
    })
}

fn support(d: &Dist) -> (f64, f64) {
    match *d {
        Dist::Fixed(v) => (v, v),
        Dist::Uniform { min, max } => (min, max),
        Dist::Triangular { min, max, .. } | Dist::Pert { min, max, .. } => (min, max),
        Dist::Beta { .. } => (0.0, 1.0),
        Dist::Gamma { .. } | Dist::LogNormal { .. } => (0.0, f64::INFINITY),
        Dist::Normal { .. } => (f64::NEG_INFINITY, f64::INFINITY),
    }
}

fn dist_fields_given(p: &RawParam) -> Vec<&'static str> {
    let f = [
        ("value", p.value.is_some()),
        ("min", p.min.is_some()),
        ("max", p.max.is_some()),
        ("mode", p.mode.is_some()),
        ("lambda", p.lambda.is_some()),
        ("mean", p.mean.is_some()),
        ("sd", p.sd.is_some()),
        ("se", p.se.is_some()),
        ("meanlog", p.meanlog.is_some()),
        ("sdlog", p.sdlog.is_some()),
        ("alpha", p.alpha.is_some()),
        ("beta", p.beta.is_some()),
        ("shape", p.shape.is_some()),
        ("scale", p.scale.is_some()),
        ("rate", p.rate.is_some()),
        ("interval", p.interval.is_some()),
        ("truncate", p.truncate.is_some()),
    ];
    f.iter().filter(|(_, s)| *s).map(|(n, _)| *n).collect()
}

/// Resolve a distribution from the fields given; on error, the key to point
/// at and the message.
fn resolve_dist(
    name: &str,
    p: &RawParam,
) -> std::result::Result<(Dist, &'static str), (String, String)> {
    let given: Vec<&str> = dist_fields_given(p)
        .into_iter()
        .filter(|f| *f != "truncate")
        .collect();
    let exactly = |want: &[&str]| {
        let mut g = given.clone();
        g.sort();
        let mut w = want.to_vec();
        w.sort();
        g == w
    };
    let bad = |msg: String| Err(("dist".to_string(), msg));
    let how_given = format!(
        "given: {}",
        if given.is_empty() {
            "nothing".to_string()
        } else {
            given.join(", ")
        }
    );
    let f = |v: Option<f64>| v.unwrap_or(f64::NAN);
    let native: std::result::Result<Dist, String> = match name {
        "fixed" if exactly(&["value"]) => Dist::Fixed(f(p.value)).checked(),
        "uniform" if exactly(&["min", "max"]) => Dist::Uniform {
            min: f(p.min),
            max: f(p.max),
        }
        .checked(),
        "normal" if exactly(&["mean", "sd"]) => Dist::Normal {
            mean: f(p.mean),
            sd: f(p.sd),
        }
        .checked(),
        "lognormal" if exactly(&["meanlog", "sdlog"]) => Dist::LogNormal {
            meanlog: f(p.meanlog),
            sdlog: f(p.sdlog),
        }
        .checked(),
        "beta" if exactly(&["alpha", "beta"]) => Dist::Beta {
            alpha: f(p.alpha),
            beta: f(p.beta),
        }
        .checked(),
        "gamma" if exactly(&["shape", "scale"]) => Dist::Gamma {
            shape: f(p.shape),
            scale: f(p.scale),
        }
        .checked(),
        "gamma" if exactly(&["shape", "rate"]) => Dist::Gamma {
            shape: f(p.shape),
            scale: 1.0 / f(p.rate),
        }
        .checked(),
        "triangular" if exactly(&["min", "mode", "max"]) => Dist::Triangular {
            min: f(p.min),
            mode: f(p.mode),
            max: f(p.max),
        }
        .checked(),
        "pert"
            if exactly(&["min", "mode", "max"]) || exactly(&["min", "mode", "max", "lambda"]) =>
        {
            Dist::Pert {
                min: f(p.min),
                mode: f(p.mode),
                max: f(p.max),
                lambda: p.lambda.unwrap_or(4.0),
            }
            .checked()
        }
        _ => {
            if exactly(&["mean", "se"]) {
                return Dist::from_mean_se(name, f(p.mean), f(p.se))
                    .map(|d| (d, "mean_se"))
                    .map_err(|m| ("se".to_string(), m));
            }
            if exactly(&["interval"]) {
                let [lo, hi] = p.interval.unwrap_or([f64::NAN; 2]);
                return Dist::from_interval(name, lo, hi)
                    .map(|d| (d, "interval"))
                    .map_err(|m| ("interval".to_string(), m));
            }
            let natives = match name {
                "fixed" => "value",
                "uniform" => "min, max",
                "normal" => "mean, sd",
                "lognormal" => "meanlog, sdlog",
                "beta" => "alpha, beta",
                "gamma" => "shape and scale (or rate)",
                "triangular" => "min, mode, max",
                "pert" => "min, mode, max (and optionally lambda)",
                other => {
                    return bad(format!(
                        "`{other}` is not a distribution (allowed: {DIST_NAMES})"
                    ))
                }
            };
            let alt = if matches!(name, "fixed" | "triangular" | "pert") {
                String::new()
            } else {
                "; or mean and se; or interval = [lower, upper]".to_string()
            };
            return bad(format!("a {name} needs {natives}{alt} ({how_given})"));
        }
    };
    native
        .map(|d| (d, "native"))
        .map_err(|m| ("dist".to_string(), format!("{name}: {m}")))
}

/// Read a design table: a CSV with one column per parameter path and
/// optionally a `cell` column naming each row.
pub fn read_table(path: &Path) -> Result<Design> {
    let origin = path.display().to_string();
    let text = crate::files::read_text(path, crate::files::MAX_INPUT_BYTES, "design table")?;
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| Error::io(path, e, "the first line must name the columns"))?
        .iter()
        .map(str::to_string)
        .collect();
    let bad = |line: usize, col: usize, key: Option<&str>, msg: String, hint: &str| InputError {
        origin: origin.clone(),
        position: Some((line, col)),
        key: key.map(str::to_string),
        message: msg,
        hint: Some(hint.to_string()),
    };
    let mut errs = Vec::new();
    let id_col = headers.iter().position(|h| h == "cell");
    let paths: Vec<(usize, String)> = headers
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != id_col)
        .map(|(i, h)| (i, h.clone()))
        .collect();
    if paths.is_empty() {
        errs.push(bad(
            1,
            1,
            None,
            "no parameter columns".into(),
            "name one column per parameter path, e.g. coordination.case_management_crisis_rr",
        ));
    }
    for (i, h) in &paths {
        if h.len() > crate::error::MAX_KEY_PATH {
            errs.push(bad(
                1,
                i + 1,
                None,
                format!(
                    "column name `{}` is {} bytes long; key paths have at most {}",
                    crate::error::short(h),
                    h.len(),
                    crate::error::MAX_KEY_PATH
                ),
                "name columns by dotted key path, as in --set",
            ));
        } else if !key_path_ok(h) {
            errs.push(bad(
                1,
                i + 1,
                None,
                format!("`{}` is not a key path", crate::error::short(h)),
                "name columns by dotted key path, as in --set: letters, digits, `_`, `-` and `.` between parts",
            ));
        }
    }
    let mut rows = Vec::new();
    let mut ids = std::collections::BTreeSet::new();
    for (r, rec) in rdr.records().enumerate() {
        let line = r + 2;
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                errs.push(bad(
                    line,
                    1,
                    None,
                    e.to_string(),
                    "every row needs one value per column",
                ));
                continue;
            }
        };
        let id = id_col.map(|c| rec.get(c).unwrap_or("").to_string());
        if let Some(id) = &id {
            if !name_ok(id) || id == "baseline" {
                errs.push(bad(
                    line,
                    id_col.unwrap_or(0) + 1,
                    Some("cell"),
                    format!("`{}` is not a valid cell id", crate::error::short(id)),
                    "use letters, digits, `_` and `-`, at most 64 of them (and not `baseline`)",
                ));
            } else if !ids.insert(id.clone()) {
                errs.push(bad(
                    line,
                    id_col.unwrap_or(0) + 1,
                    Some("cell"),
                    format!("cell id `{id}` is used twice"),
                    "give every row its own id",
                ));
            }
        }
        let mut vals = Vec::new();
        for (c, h) in &paths {
            let raw = rec.get(*c).unwrap_or("");
            if raw.is_empty() {
                errs.push(bad(
                    line,
                    c + 1,
                    Some(h),
                    "empty value".into(),
                    "give a value in every column",
                ));
                continue;
            }
            if raw.chars().count() > crate::error::MAX_VALUE || raw.chars().any(char::is_control) {
                errs.push(bad(
                    line,
                    c + 1,
                    Some(h),
                    format!(
                        "value `{}` is too long or holds control characters",
                        crate::error::short(raw)
                    ),
                    "give a value of at most 256 characters on one line (it becomes part of the cell's label)",
                ));
                continue;
            }
            let v = toml::from_str::<toml::Table>(&format!("v = {raw}"))
                .ok()
                .and_then(|mut t| t.remove("v"))
                .unwrap_or_else(|| toml::Value::String(raw.to_string()));
            vals.push(v);
        }
        rows.push((id, vals));
    }
    if rows.is_empty() {
        errs.push(bad(
            1,
            1,
            None,
            "the table has no rows".into(),
            "add one row per cell",
        ));
    }
    if !errs.is_empty() {
        return Err(Error::Input(errs));
    }
    Ok(Design::Table {
        paths: paths.into_iter().map(|(_, h)| h).collect(),
        rows,
    })
}

/// Turn a toml error into an [`InputError`] with line, column and key path.
fn toml_error(e: &toml::de::Error, text: &str, origin: &str) -> InputError {
    crate::scenario::toml_input_error(
        e,
        text,
        origin,
        "remove or rename the key; the sweep file format is in docs/SWEEPS.md",
        "add the missing key; see scenarios/sweeps/ for complete examples",
    )
}

/// One cell of a plan: an id, what it varies, and the scenario it runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// `baseline`, or the design's id (`c0001`, ...).
    pub id: String,
    /// Human-readable description.
    pub label: String,
    /// Scenario name.
    pub scenario: String,
    /// Scenario file.
    pub scenario_origin: String,
    /// SHA-256 of the scenario text and every override: identifies the
    /// cell's runs.
    pub scenario_sha256: String,
    /// Every override, in order: `carescale run <scenario_origin> --set ...`
    /// reproduces the cell.
    pub sets: Vec<String>,
    /// Resolved value of every varied path (`NA` if the scenario has none).
    pub values: Vec<String>,
    /// Resolved value of every path the baseline sets itself (such as
    /// `rollout.enabled`), so `scenarios.csv` shows what sets it apart.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub baseline_values: Vec<String>,
    /// One-at-a-time designs: the parameter varied (`base` for the base cell).
    pub oat_parameter: Option<String>,
    /// One-at-a-time designs: `base`, `low` or `high`.
    pub oat_level: Option<String>,
    /// Reporting groups of the scenario.
    pub groups: Vec<String>,
}

/// A distribution of a PSA, for `psa_params.csv`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PsaInfo {
    /// Key path.
    pub parameter: String,
    /// Distribution name.
    pub distribution: String,
    /// `native`, `mean_se` or `interval`.
    pub specified_as: String,
    /// Native parameters.
    pub native: Vec<(String, f64)>,
    /// Mean and SD of the distribution (before truncation).
    pub mean: f64,
    /// SD (before truncation).
    pub sd: f64,
    /// 2.5% and 97.5% quantiles (after truncation).
    pub q025: f64,
    /// 97.5% quantile.
    pub q975: f64,
    /// Truncation bounds.
    pub truncate: Option<(f64, f64)>,
}

/// The plan of a sweep: cells x replicates, named by its hash.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Plan {
    /// Plan format.
    pub format: u32,
    /// carescale version (runs from another version are not reused).
    pub carescale_version: String,
    /// Sweep name.
    pub sweep: String,
    /// The question.
    pub question: String,
    /// Sweep file.
    pub sweep_origin: String,
    /// Design kind.
    pub design: String,
    /// Varied paths.
    pub paths: Vec<String>,
    /// Replicates per cell (the budget cap with replications by precision).
    pub replicates: u32,
    /// Root seed of every cell.
    pub seed: u64,
    /// Population scale of every cell (`--scale`; 1 = as written, and then
    /// not in the plan file, so unscaled plans keep their hash).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub population_scale: f64,
    /// Monthly time series written.
    pub timeseries: bool,
    /// Every cell shares the baseline's crn_key (comparisons use common
    /// random numbers).
    pub crn_shared: bool,
    /// Replications by precision.
    pub precision: Option<Precision>,
    /// Cells in plan order, the baseline first.
    pub cells: Vec<Cell>,
    /// PSA distributions.
    pub psa: Vec<PsaInfo>,
    /// Paths the baseline sets itself (beyond the base scenario's
    /// overrides) that the design does not vary, e.g. `rollout.enabled`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub baseline_paths: Vec<String>,
    /// SHA-256 of everything above.
    pub plan_sha256: String,
    /// Scenario texts by origin (not part of the plan file).
    #[serde(skip)]
    pub texts: Vec<(String, String)>,
    /// Facts of the baseline scenario for reports (name, question,
    /// dates, currency, sites); derived from the scenario texts, so not part
    /// of the plan's hash. Empty in plan files written before it existed.
    #[serde(default)]
    pub facts: serde_json::Value,
}

/// What a report says about the scenario of a sweep's baseline, in the
/// shape a run's manifest has: name, dates, currency and the scenario's
/// question, description and sites.
fn scenario_facts(scn: &Scenario) -> serde_json::Value {
    let params = scn.parameters_json();
    serde_json::json!({
        "scenario": scn.scenario.name,
        "start_date": scn.run.start_date,
        "warm_up_months": scn.run.warm_up_months,
        "horizon_months": scn.run.horizon_months,
        "currency": scn.costs.currency,
        "price_year": scn.costs.price_year,
        "parameters": {
            "scenario": params.get("scenario").cloned().unwrap_or_default(),
            "sites": params.get("sites").cloned().unwrap_or_default(),
        },
    })
}

fn one() -> f64 {
    1.0
}

fn is_one(x: &f64) -> bool {
    *x == 1.0
}

/// Resolved value at a dotted path of a scenario.
fn value_at(file: &toml::Value, path: &str) -> Option<toml::Value> {
    let mut cur = file;
    for part in path.split('.') {
        cur = match cur {
            toml::Value::Table(t) => t.get(part)?,
            toml::Value::Array(a) => a.get(part.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(cur.clone())
}

impl Plan {
    /// Expand a sweep into its plan, building and checking every cell's
    /// scenario (in parallel). Problems name the cell and point at the
    /// parameter in the sweep file.
    pub fn build(sw: &Sweep) -> Result<Plan> {
        options::check_scale(sw.scale)?;
        let paths = sw.design.paths();
        let seed_set = format!("run.seed={}", sw.seed);
        // What the baseline sets beyond the base scenario's overrides.
        let own: Vec<&String> = sw
            .baseline
            .sets
            .iter()
            .filter(|s| !sw.base.sets.contains(s))
            .collect();
        let baseline_paths: Vec<String> = own
            .iter()
            .filter_map(|s| s.split_once('=').map(|(p, _)| p.trim().to_string()))
            .filter(|p| !paths.contains(p))
            .collect();
        let baseline_label = if own.is_empty() {
            "baseline".to_string()
        } else {
            format!(
                "baseline: {}",
                own.iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        };
        let mut specs = vec![(
            CellSpec {
                id: "baseline".into(),
                label: baseline_label,
                assignments: vec![],
                oat: None,
            },
            &sw.baseline,
        )];
        let cells = sw.design.cells();
        let mut ids = std::collections::BTreeSet::new();
        ids.insert("baseline".to_string());
        for c in cells {
            if !ids.insert(c.id.clone()) {
                return Err(Error::input(
                    &sw.origin,
                    Some("design"),
                    format!("cell id `{}` is used twice", c.id),
                    Some("give every row of the design table its own id"),
                ));
            }
            specs.push((c, &sw.base));
        }
        let built: Vec<std::result::Result<Cell, (String, Vec<InputError>)>> = specs
            .par_iter()
            .map(|(c, src)| {
                let mut sets = src.sets.clone();
                sets.extend(
                    c.assignments
                        .iter()
                        .map(|(p, v)| format!("{p}={}", design::override_value(v))),
                );
                sets.push(seed_set.clone());
                let origin = src.path.display().to_string();
                let mut scn = Scenario::from_str(&src.text, &origin, &sets)
                    .map_err(|e| cell_errors(e, c, sw))?;
                // `--scale` scales each cell's scenario as `carescale run`
                // does: after every other override.
                if sw.scale != 1.0 {
                    sets.extend(
                        options::scale_sets(&scn, sw.scale).map_err(|e| cell_errors(e, c, sw))?,
                    );
                    scn = Scenario::from_str(&src.text, &origin, &sets)
                        .map_err(|e| cell_errors(e, c, sw))?;
                }
                let file = scn.resolved_value().unwrap_or(toml::Value::Boolean(false));
                let values = paths
                    .iter()
                    .map(|p| {
                        value_at(&file, p)
                            .map(|v| design::show_value(&v))
                            .unwrap_or_else(|| "NA".into())
                    })
                    .collect();
                let baseline_values = baseline_paths
                    .iter()
                    .map(|p| {
                        value_at(&file, p)
                            .map(|v| design::show_value(&v))
                            .unwrap_or_else(|| "NA".into())
                    })
                    .collect();
                Ok(Cell {
                    baseline_values,
                    id: c.id.clone(),
                    label: c.label.clone(),
                    scenario: scn.scenario.name.clone(),
                    scenario_origin: origin,
                    scenario_sha256: scn.hash.clone(),
                    sets,
                    values,
                    oat_parameter: c.oat.as_ref().map(|o| o.0.clone()),
                    oat_level: c.oat.as_ref().map(|o| o.1.clone()),
                    groups: tables::groups(&scn).into_iter().map(|g| g.0).collect(),
                })
            })
            .collect();
        let mut cells = Vec::with_capacity(built.len());
        // The same problem in many cells is reported once, naming them.
        let mut problems: Vec<(InputError, Vec<String>)> = Vec::new();
        for b in built {
            match b {
                Ok(c) => cells.push(c),
                Err((cell, es)) => {
                    for e in es {
                        match problems.iter_mut().find(|(p, _)| *p == e) {
                            Some((_, cs)) => cs.push(cell.clone()),
                            None => problems.push((e, vec![cell.clone()])),
                        }
                    }
                }
            }
        }
        let errs: Vec<InputError> = problems
            .into_iter()
            .map(|(e, cs)| {
                let who = match cs.len() {
                    1 => format!("cell {}", cs[0]),
                    n if n <= 3 => format!("cells {}", cs.join(", ")),
                    n => format!("cells {} and {} more", cs[..3].join(", "), n - 3),
                };
                InputError {
                    message: format!("{who}: {}", e.message),
                    ..e
                }
            })
            .collect();
        if !errs.is_empty() {
            return Err(Error::Input(errs));
        }
        if let Some(p) = &sw.precision {
            if let Some(c) = cells.iter().find(|c| !c.groups.contains(&p.group)) {
                return Err(Error::Input(vec![input(
                    &sw.origin,
                    &sw.text,
                    "precision.group",
                    format!("cell `{}` has no group `{}`", c.id, p.group),
                    &format!("allowed: {}", c.groups.join(", ")),
                )]));
            }
            if p.paired && cells.len() < 2 {
                return Err(Error::input(
                    &sw.origin,
                    Some("precision.paired"),
                    "a paired precision target needs cells besides the baseline",
                    Some("drop --paired, or give a sweep file with a design"),
                ));
            }
        }
        let crn = |s: &Source| s.scenario.run.crn_key;
        let crn_shared = crn(&sw.base) == crn(&sw.baseline);
        let psa = match &sw.design {
            Design::Sampled {
                kind: "psa",
                params,
                ..
            } => params.iter().map(psa_info).collect(),
            _ => vec![],
        };
        let mut texts = vec![(
            sw.baseline.path.display().to_string(),
            sw.baseline.text.clone(),
        )];
        if sw.base.path != sw.baseline.path {
            texts.push((sw.base.path.display().to_string(), sw.base.text.clone()));
        }
        let mut plan = Plan {
            format: FORMAT,
            carescale_version: env!("CARGO_PKG_VERSION").into(),
            sweep: sw.name.clone(),
            question: sw.question.clone(),
            sweep_origin: sw.origin.clone(),
            design: sw.design.kind().into(),
            paths,
            replicates: sw
                .precision
                .as_ref()
                .map(|p| p.max_replicates)
                .unwrap_or(sw.replicates),
            seed: sw.seed,
            population_scale: sw.scale,
            timeseries: sw.timeseries,
            crn_shared,
            precision: sw.precision.clone(),
            cells,
            psa,
            baseline_paths,
            plan_sha256: String::new(),
            texts,
            facts: scenario_facts(&sw.baseline.scenario),
        };
        plan.plan_sha256 = plan.compute_hash();
        Ok(plan)
    }

    /// SHA-256 of the plan's content (everything but the hash itself).
    pub fn compute_hash(&self) -> String {
        let mut copy = self.clone();
        // Where the files were found is not part of the plan: shards
        // started from other folders still belong together.
        copy.plan_sha256 = String::new();
        copy.sweep_origin = String::new();
        copy.facts = serde_json::Value::Null;
        for c in &mut copy.cells {
            c.scenario_origin = String::new();
        }
        let bytes = serde_json::to_vec(&copy).unwrap_or_default();
        Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// `plan.json`.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Read a `plan.json`, checking its hash.
    pub fn from_json(text: &str, origin: &Path) -> Result<Plan> {
        let plan: Plan = serde_json::from_str(text).map_err(|e| {
            Error::io(
                origin,
                format!("not a sweep plan: {e}"),
                "give the folders written by `carescale sweep --shard`",
            )
        })?;
        if plan.compute_hash() != plan.plan_sha256 {
            return Err(Error::io(
                origin,
                "the plan file was changed after it was written (hash mismatch)",
                "run the shard again",
            ));
        }
        Ok(plan)
    }

    /// Every run of the plan in order: (cell index, replicate), cell-major.
    pub fn runs(&self) -> impl Iterator<Item = (usize, u32)> + '_ {
        (0..self.cells.len()).flat_map(move |c| (0..self.replicates).map(move |r| (c, r)))
    }

    /// Number of runs.
    pub fn n_runs(&self) -> u64 {
        self.cells.len() as u64 * self.replicates as u64
    }

    /// Build the scenario of a cell.
    pub fn scenario(&self, cell: usize) -> Result<Scenario> {
        let c = &self.cells[cell];
        let text = self
            .texts
            .iter()
            .find(|(o, _)| *o == c.scenario_origin)
            .map(|(_, t)| t)
            .ok_or_else(|| Error::Internal(format!("no scenario text for cell {}", c.id)))?;
        let scn = Scenario::from_str(text, &c.scenario_origin, &c.sets)?;
        if scn.hash != c.scenario_sha256 {
            return Err(Error::Internal(format!(
                "cell {} changed since planning",
                c.id
            )));
        }
        Ok(scn)
    }
}

fn psa_info(p: &SampledParam) -> PsaInfo {
    PsaInfo {
        parameter: p.path.clone(),
        distribution: p.dist.name().into(),
        specified_as: p.specified_as.into(),
        native: p
            .dist
            .native()
            .into_iter()
            .map(|(n, v)| (n.to_string(), v))
            .collect(),
        mean: p.dist.mean(),
        sd: p.dist.sd(),
        q025: p.at(0.025),
        q975: p.at(0.975),
        truncate: p.truncate,
    }
}

/// Errors building a cell's scenario, named by cell and pointed at the
/// parameter in the sweep file where one is to blame.
fn cell_errors(e: Error, c: &CellSpec, sw: &Sweep) -> (String, Vec<InputError>) {
    let errs = match e {
        Error::Input(v) => v,
        other => vec![InputError {
            origin: sw.origin.clone(),
            position: None,
            key: None,
            message: other.to_string(),
            hint: None,
        }],
    };
    let located = errs
        .into_iter()
        .map(|e| {
            let key = e
                .key
                .clone()
                .unwrap_or_default()
                .replace('[', ".")
                .replace(']', "");
            // The parameter whose path is the key at fault, or holds the
            // unknown field a `--set` complained of.
            let unknown = e
                .message
                .split_once("unknown field `")
                .and_then(|(_, r)| r.split_once('`'))
                .map(|(f, _)| f.to_string());
            let paths = sw.design.paths();
            let blamed = paths.iter().position(|p| *p == key).or_else(|| {
                let f = unknown.as_deref()?;
                paths.iter().position(|p| p.split('.').any(|seg| seg == f))
            });
            match (blamed, matches!(sw.design, Design::Table { .. })) {
                (Some(i), false) => InputError {
                    origin: sw.origin.clone(),
                    position: locate(&sw.text, &format!("parameters[{i}].path")),
                    key: Some(format!("parameters[{i}]")),
                    message: e.message,
                    hint: e.hint,
                },
                _ => e,
            }
        })
        .collect();
    (format!("{} ({})", c.id, c.label), located)
}
