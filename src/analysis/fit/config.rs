//! Calibration files: the scenario to fit, the parameters with their
//! priors, the targets with their observation uncertainty and model
//! discrepancy, and the settings of the waves. Parsed from TOML into raw
//! structs (unknown keys refused), then checked once into a [`FitFile`];
//! every problem names the file, line, column and key. The format is in
//! `docs/CALIBRATION.md`.

use crate::analysis::calibrate::{self, Target, Tolerance};
use crate::error::{Error, InputError, Result};
use crate::scenario::{locate, params, Scenario};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    fit: RawFit,
    #[serde(default)]
    waves: RawWaves,
    parameters: Vec<RawParam>,
    targets: Vec<RawTarget>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFit {
    name: String,
    question: String,
    scenario: String,
    #[serde(default)]
    set: Vec<String>,
    #[serde(
        default,
        deserialize_with = "crate::scenario::params::seed_serde::de_opt"
    )]
    seed: Option<u64>,
    #[serde(default = "two_percent")]
    discrepancy_share: f64,
    #[serde(default)]
    stochastic_factor: Option<f64>,
}

fn two_percent() -> f64 {
    0.02
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawWaves {
    points: u32,
    replicates: u32,
    cutoff: f64,
    second_max: bool,
    max_waves: u32,
    stop_reduction: f64,
    candidates: u32,
    posterior_draws: u32,
    confirm_draws: u32,
}

impl Default for RawWaves {
    fn default() -> Self {
        RawWaves {
            points: 30,
            replicates: 2,
            cutoff: 3.0,
            second_max: false,
            max_waves: 4,
            stop_reduction: 0.10,
            candidates: 20_000,
            posterior_draws: 200,
            confirm_draws: 10,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParam {
    path: String,
    #[serde(default)]
    min: Option<f64>,
    #[serde(default)]
    max: Option<f64>,
    #[serde(default)]
    prior: Option<String>,
    #[serde(default)]
    balance: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    name: String,
    #[serde(default)]
    value: Option<f64>,
    #[serde(default)]
    sd: Option<f64>,
    #[serde(default)]
    discrepancy_sd: Option<f64>,
}

/// A parameter to fit, with its uniform prior.
#[derive(Clone, Debug, PartialEq)]
pub struct FitParam {
    /// Dotted key path in the scenario.
    pub path: String,
    /// Lower end of the prior.
    pub min: f64,
    /// Upper end.
    pub max: f64,
    /// Where the range came from (`file` or `registry`).
    pub range_from: &'static str,
    /// The scenario's value (today's hand-tuned value).
    pub current: f64,
    /// A parameter that takes up the change, so that a sum rule holds
    /// (e.g. routing shares summing to 1): its path and its value in the
    /// scenario.
    pub balance: Option<(String, f64)>,
}

impl FitParam {
    /// From the unit interval to the parameter's scale.
    pub fn from_unit(&self, u: f64) -> f64 {
        self.min + u * (self.max - self.min)
    }

    /// From the parameter's scale to the unit interval.
    pub fn to_unit(&self, x: f64) -> f64 {
        (x - self.min) / (self.max - self.min)
    }
}

/// A target of the fit.
#[derive(Clone, Debug)]
pub struct FitTarget {
    /// The target as `calibrate` defines it (value replaced if the file
    /// gives one).
    pub target: Target,
    /// Observation SD given in the file (`None`: from the tolerance).
    pub sd: Option<f64>,
    /// Model-discrepancy SD.
    pub discrepancy_sd: f64,
}

impl FitTarget {
    /// Observation SD from the tolerance, read as a 95% interval (±2 SD);
    /// for a published null (not significant) the half-width depends on the
    /// simulated rate, so it is taken from the runs (`from_runs`).
    pub fn observation_sd(&self, from_runs: f64) -> f64 {
        if let Some(sd) = self.sd {
            return sd;
        }
        let t = &self.target;
        match t.tolerance {
            Tolerance::Relative(r) => r * t.value.abs() / 2.0,
            Tolerance::Absolute(a) => a / 2.0,
            Tolerance::Interval(lo, hi) => (hi - lo) / 4.0,
            Tolerance::NotSignificant { .. } => from_runs / 2.0,
        }
    }
}

/// Settings of the waves.
#[derive(Clone, Debug, PartialEq)]
pub struct Waves {
    /// Design points per wave.
    pub points: u32,
    /// Replicates per point.
    pub replicates: u32,
    /// Implausibility cut-off.
    pub cutoff: f64,
    /// Use the second-largest implausibility over targets.
    pub second_max: bool,
    /// Most waves.
    pub max_waves: u32,
    /// Stop when a wave shrinks the non-implausible volume by less than this
    /// share.
    pub stop_reduction: f64,
    /// Candidate points drawn to find the non-implausible space.
    pub candidates: u32,
    /// Posterior draws.
    pub posterior_draws: u32,
    /// Posterior draws confirmed with model runs.
    pub confirm_draws: u32,
}

/// A checked calibration file.
#[derive(Clone, Debug)]
pub struct FitFile {
    /// Fit name.
    pub name: String,
    /// The question.
    pub question: String,
    /// The file it came from.
    pub origin: String,
    /// Its text.
    pub text: String,
    /// Scenario file (resolved against the calibration file's folder).
    pub scenario_path: PathBuf,
    /// Scenario text.
    pub scenario_text: String,
    /// Overrides applied to every run.
    pub sets: Vec<String>,
    /// The scenario with those overrides.
    pub scenario: Scenario,
    /// Root seed of the design (and of every run).
    pub seed: u64,
    /// Parameters.
    pub params: Vec<FitParam>,
    /// Targets.
    pub targets: Vec<FitTarget>,
    /// Wave settings.
    pub waves: Waves,
    /// Factor on the variance of one run in the implausibility (`None`:
    /// the population scale).
    pub stochastic_factor: Option<f64>,
}

fn name_ok(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= crate::error::MAX_NAME
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The value at a dotted path of a resolved scenario, as a number.
fn number_at(file: &toml::Value, path: &str) -> Option<f64> {
    let mut cur = file;
    for part in path.split('.') {
        cur = match cur {
            toml::Value::Table(t) => t.get(part)?,
            toml::Value::Array(a) => a.get(part.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    match cur {
        toml::Value::Float(x) => Some(*x),
        toml::Value::Integer(i) => Some(*i as f64),
        _ => None,
    }
}

fn registry_range(path: &str) -> Option<(f64, f64)> {
    let spec: String = path
        .split('.')
        .map(|p| {
            if p.chars().all(|c| c.is_ascii_digit()) {
                "[]"
            } else {
                p
            }
        })
        .collect::<Vec<_>>()
        .join(".")
        .replace(".[]", "[]");
    params::all_specs()
        .into_iter()
        .find(|s| s.path == spec && s.min.is_finite() && s.max.is_finite() && s.min < s.max)
        .map(|s| (s.min, s.max))
}

impl FitFile {
    /// Read and check a calibration file; `extra_sets` (`--set`) apply to
    /// every run after the file's own.
    pub fn from_file(path: &Path, extra_sets: &[String]) -> Result<FitFile> {
        let text =
            crate::files::read_text(path, crate::files::MAX_INPUT_BYTES, "calibration file")?;
        FitFile::from_str(&text, path, extra_sets)
    }

    /// Check calibration text; `path` names it and anchors relative paths.
    pub fn from_str(text: &str, path: &Path, extra_sets: &[String]) -> Result<FitFile> {
        let origin = path.display().to_string();
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            Error::Input(vec![crate::scenario::toml_input_error(
                &e,
                text,
                &origin,
                "remove or rename the key; the calibration file format is in docs/CALIBRATION.md",
                "add the missing key; see calibration/ for complete examples",
            )])
        })?;
        let err = |key: &str, message: String, hint: &str| InputError {
            origin: origin.clone(),
            position: locate(text, key),
            key: Some(key.to_string()),
            message,
            hint: Some(hint.to_string()),
        };
        let mut errs = Vec::new();
        if !name_ok(&raw.fit.name) {
            errs.push(err(
                "fit.name",
                format!("`{}` is not a valid name", crate::error::short(&raw.fit.name)),
                "use letters, digits, `_` and `-` only, at most 64 of them (it names the results folder)",
            ));
        }
        if raw.fit.question.trim().is_empty() {
            errs.push(err(
                "fit.question",
                "the question is empty".into(),
                "state what the fit is for in a sentence",
            ));
        }
        if !(raw.fit.discrepancy_share.is_finite()
            && (0.0..1.0).contains(&raw.fit.discrepancy_share))
        {
            errs.push(err(
                "fit.discrepancy_share",
                format!("value {} is out of range", raw.fit.discrepancy_share),
                "allowed: a share from 0 to below 1, e.g. 0.02 for a discrepancy SD of 2% of the target",
            ));
        }
        if let Some(f) = raw.fit.stochastic_factor {
            if !(f.is_finite() && f >= 0.0) {
                errs.push(err(
                    "fit.stochastic_factor",
                    format!("value {f} is out of range"),
                    "allowed: a number from 0 up (1 when the targets are themselves one run at the fit's scale)",
                ));
            }
        }
        let w = &raw.waves;
        let mut range = |key: &str, ok: bool, v: String, allowed: &str| {
            if !ok {
                errs.push(err(
                    &format!("waves.{key}"),
                    format!("value {v} is out of range"),
                    &format!("allowed: {allowed}"),
                ));
            }
        };
        range(
            "points",
            (4..=10_000).contains(&w.points),
            w.points.to_string(),
            "a whole number from 4 to 10000",
        );
        range(
            "replicates",
            (2..=1000).contains(&w.replicates),
            w.replicates.to_string(),
            "a whole number from 2 to 1000 (replicates give the stochastic variance)",
        );
        range(
            "cutoff",
            w.cutoff.is_finite() && w.cutoff > 0.0,
            w.cutoff.to_string(),
            "a number above 0; 3 is usual (Pukelsheim's three-sigma rule)",
        );
        range(
            "max_waves",
            (1..=20).contains(&w.max_waves),
            w.max_waves.to_string(),
            "a whole number from 1 to 20",
        );
        range(
            "stop_reduction",
            w.stop_reduction.is_finite() && (0.0..1.0).contains(&w.stop_reduction),
            w.stop_reduction.to_string(),
            "a share from 0 to below 1, e.g. 0.1",
        );
        range(
            "candidates",
            (100..=10_000_000).contains(&w.candidates),
            w.candidates.to_string(),
            "a whole number from 100 to 10000000",
        );
        range(
            "posterior_draws",
            (1..=1_000_000).contains(&w.posterior_draws),
            w.posterior_draws.to_string(),
            "a whole number from 1 to 1000000",
        );
        range(
            "confirm_draws",
            w.confirm_draws <= w.posterior_draws && w.confirm_draws <= 10_000,
            w.confirm_draws.to_string(),
            "a whole number from 0 to posterior_draws (at most 10000)",
        );
        if raw.parameters.is_empty() {
            errs.push(err(
                "parameters",
                "no parameters to fit".into(),
                "add [[parameters]] tables with a `path` each",
            ));
        }
        if raw.targets.is_empty() {
            errs.push(err(
                "targets",
                "no targets".into(),
                "add [[targets]] tables with a `name` each, as in `carescale calibrate`'s table",
            ));
        }
        if !errs.is_empty() {
            return Err(Error::Input(errs));
        }
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let scenario_path = dir.join(&raw.fit.scenario);
        let scenario_text = crate::files::read_text(
            &scenario_path,
            crate::files::MAX_INPUT_BYTES,
            "scenario file",
        )
        .map_err(|e| {
            Error::Input(vec![err(
                "fit.scenario",
                e.to_string(),
                "give the scenario path relative to the calibration file's folder",
            )])
        })?;
        let mut sets = raw.fit.set.clone();
        sets.extend(extra_sets.iter().cloned());
        let scenario =
            Scenario::from_str(&scenario_text, &scenario_path.display().to_string(), &sets)?;
        let seed = raw.fit.seed.unwrap_or(scenario.run.seed);
        let resolved = scenario
            .resolved_value_with_care_models()
            .unwrap_or(toml::Value::Boolean(false));
        let mut params = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for (i, p) in raw.parameters.iter().enumerate() {
            let key = |k: &str| format!("parameters[{i}].{k}");
            if !seen.insert(p.path.clone()) {
                errs.push(err(
                    &key("path"),
                    format!("`{}` is listed twice", p.path),
                    "list each parameter once",
                ));
                continue;
            }
            let Some(current) = number_at(&resolved, &p.path) else {
                let hint = match params::suggest_key(&p.path) {
                    Some(s) => format!(
                        "did you mean `{s}`? A fitted parameter is a number in the scenario"
                    ),
                    None => {
                        "give the dotted path of a number in the scenario, e.g. routing.share_ae"
                            .to_string()
                    }
                };
                errs.push(err(
                    &key("path"),
                    format!(
                        "`{}` is not a number in the scenario",
                        crate::error::short(&p.path)
                    ),
                    &hint,
                ));
                continue;
            };
            if let Some(prior) = &p.prior {
                if prior != "uniform" {
                    errs.push(err(
                        &key("prior"),
                        format!(
                            "`{}` is not a prior this version knows",
                            crate::error::short(prior)
                        ),
                        "allowed: uniform (over min..max)",
                    ));
                }
            }
            let reg = registry_range(&p.path);
            let (min, max, from) = match (p.min, p.max, reg) {
                (Some(a), Some(b), _) => (a, b, "file"),
                (a, b, Some((lo, hi))) => (
                    a.unwrap_or(lo),
                    b.unwrap_or(hi),
                    if a.is_some() || b.is_some() {
                        "file"
                    } else {
                        "registry"
                    },
                ),
                (_, _, None) => {
                    errs.push(err(
                        &key("min"),
                        format!("{} has no declared range", p.path),
                        "give min and max",
                    ));
                    continue;
                }
            };
            if !(min.is_finite() && max.is_finite() && min < max) {
                errs.push(err(
                    &key("max"),
                    format!("the prior range {min} to {max} is empty"),
                    "give min < max",
                ));
                continue;
            }
            if let Some((lo, hi)) = reg {
                if min < lo || max > hi {
                    errs.push(err(
                        &key(if min < lo { "min" } else { "max" }),
                        format!(
                            "the prior range {min} to {max} leaves the allowed range of {}",
                            p.path
                        ),
                        &format!("allowed: {lo} to {hi}"),
                    ));
                    continue;
                }
            }
            let balance = match &p.balance {
                None => None,
                Some(b) => match number_at(&resolved, b) {
                    Some(v) => Some((b.clone(), v)),
                    None => {
                        errs.push(err(&key("balance"), format!("`{}` is not a number in the scenario", crate::error::short(b)), "give the dotted path of the parameter that takes up the change, e.g. routing.share_general_practice"));
                        continue;
                    }
                },
            };
            params.push(FitParam {
                path: p.path.clone(),
                min,
                max,
                range_from: from,
                current,
                balance,
            });
        }
        let known: Vec<Target> = calibrate::targets_for(&scenario);
        let mut targets = Vec::new();
        let mut seen_t = std::collections::BTreeSet::new();
        for (i, t) in raw.targets.iter().enumerate() {
            let key = |k: &str| format!("targets[{i}].{k}");
            if !seen_t.insert(t.name.clone()) {
                errs.push(err(
                    &key("name"),
                    format!("`{}` is listed twice", t.name),
                    "list each target once",
                ));
                continue;
            }
            let Some(found) = known.iter().find(|k| k.name == t.name) else {
                let names: Vec<&str> = known.iter().map(|k| k.name.as_ref()).collect();
                errs.push(err(
                    &key("name"),
                    format!(
                        "`{}` is not a target of this scenario",
                        crate::error::short(&t.name)
                    ),
                    &format!("allowed: {}", names.join(", ")),
                ));
                continue;
            };
            let mut target = found.clone();
            if let Some(v) = t.value {
                if !v.is_finite() {
                    errs.push(err(
                        &key("value"),
                        "the value is not finite".into(),
                        "give a finite number",
                    ));
                    continue;
                }
                target.value = v;
                target.source = format!(
                    "value set in the calibration file (published: {}; {})",
                    found.value, found.source
                )
                .into();
            }
            for (k, v) in [("sd", t.sd), ("discrepancy_sd", t.discrepancy_sd)] {
                if let Some(v) = v {
                    if !(v.is_finite() && v >= 0.0) || (k == "sd" && v == 0.0) {
                        errs.push(err(
                            &key(k),
                            format!("value {v} is out of range"),
                            "allowed: a number above 0 (at least 0 for discrepancy_sd)",
                        ));
                    }
                }
            }
            let discrepancy_sd = t
                .discrepancy_sd
                .unwrap_or(raw.fit.discrepancy_share * target.value.abs());
            targets.push(FitTarget {
                target,
                sd: t.sd,
                discrepancy_sd,
            });
        }
        if !errs.is_empty() {
            return Err(Error::Input(errs));
        }
        Ok(FitFile {
            name: raw.fit.name,
            question: raw.fit.question,
            origin,
            text: text.to_string(),
            scenario_path,
            scenario_text,
            sets,
            scenario,
            seed,
            params,
            targets,
            stochastic_factor: raw.fit.stochastic_factor,
            waves: Waves {
                points: w.points,
                replicates: w.replicates,
                cutoff: w.cutoff,
                second_max: w.second_max,
                max_waves: w.max_waves,
                stop_reduction: w.stop_reduction,
                candidates: w.candidates,
                posterior_draws: w.posterior_draws,
                confirm_draws: w.confirm_draws,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("calibration")
    }

    fn parse(text: &str) -> Result<FitFile> {
        FitFile::from_str(text, &scenario_dir().join("test.toml"), &[])
    }

    const GOOD: &str = r#"
[fit]
name = "t"
question = "q"
scenario = "../scenarios/england_baseline.toml"

[waves]
points = 10

[[parameters]]
path = "routing.share_ae"
min = 0.5
max = 0.7

[[targets]]
name = "ae_attendances_per_1000"
"#;

    #[test]
    fn a_good_file_parses_with_defaults() {
        let f = parse(GOOD).unwrap();
        assert_eq!(f.params[0].path, "routing.share_ae");
        assert_eq!(f.params[0].current, 0.61);
        assert_eq!(f.waves.replicates, 2);
        assert_eq!(f.waves.cutoff, 3.0);
        let t = &f.targets[0];
        assert_eq!(t.target.value, 428.0);
        // ±5% read as ±2 SD.
        assert!((t.observation_sd(0.0) - 428.0 * 0.05 / 2.0).abs() < 1e-9);
        assert!((t.discrepancy_sd - 0.02 * 428.0).abs() < 1e-9);
    }

    #[test]
    fn bad_files_say_where() {
        let e = parse(&GOOD.replace("routing.share_ae", "routing.share_aex"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("test.toml:") && e.contains("parameters[0].path"),
            "{e}"
        );
        let e = parse(&GOOD.replace("max = 0.7", "max = 1.7"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("allowed: 0 to 1"), "{e}");
        let e = parse(&GOOD.replace("ae_attendances_per_1000", "nope"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("targets[0].name") && e.contains("allowed:"),
            "{e}"
        );
        let e = parse(&GOOD.replace("points = 10", "points = 1"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("waves.points"), "{e}");
        let e = parse(&GOOD.replace("points = 10", "pointz = 10"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("pointz"), "{e}");
    }
}
