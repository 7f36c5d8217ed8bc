//! `carescale describe`: a scenario described following the ODD protocol
//! or the STRESS-ABS checklist (markdown).

use carescale::analysis::describe::{describe as describe_scenario, Standard};
use carescale::error::{Error, Result};
use carescale::experiment::options::{load_scenario, Shared};
use carescale::scenario::Scenario;
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct DescribeArgs {
    /// Scenario file (TOML).
    scenario: PathBuf,
    /// Reporting standard: odd or stress-abs.
    #[arg(long, default_value = "odd")]
    standard: String,
    /// manifest.json of a run, to fill the implementation items.
    #[arg(long)]
    manifest: Option<PathBuf>,
    /// Multiply every site's population by this factor, as `run --scale` does (default: the scale the --manifest's run used, else 1).
    #[arg(long, value_name = "FACTOR")]
    scale: Option<f64>,
    /// Override a parameter: --set section.key=value (repeatable), as for `run`.
    #[arg(long, value_name = "KEY=VALUE")]
    set: Vec<String>,
    /// Write to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Write the description to `--out` or standard output.
pub fn describe(a: DescribeArgs) -> Result<i32> {
    let standard = Standard::parse(&a.standard)?;
    let m = match &a.manifest {
        Some(p) => {
            let text = carescale::files::read_text(
                p,
                carescale::files::MAX_INPUT_BYTES,
                "manifest.json of a run",
            )?;
            Some(
                serde_json::from_str::<serde_json::Value>(&text).map_err(|e| {
                    Error::io(p, e, "give the manifest.json a run wrote, unchanged")
                })?,
            )
        }
        None => None,
    };
    let scale = match (a.scale, &m) {
        (Some(s), _) => s,
        (None, Some(m)) => manifest_scale(m),
        (None, None) => 1.0,
    };
    let scn: Scenario = load_scenario(
        &a.scenario,
        &Shared {
            sets: a.set.clone(),
            replicates: None,
            seed: None,
            scale,
        },
        &[],
    )?;
    let text = describe_scenario(&scn, standard, m.as_ref());
    match &a.out {
        Some(o) => carescale::files::write_atomic(o, text.as_bytes())?,
        None => print!("{text}"),
    }
    Ok(0)
}

/// The population scale a run's manifest records: `population_scale` (a
/// sweep's), else `--scale` in its command line, else 1.
fn manifest_scale(m: &serde_json::Value) -> f64 {
    if let Some(s) = m
        .get("population_scale")
        .or_else(|| m.pointer("/run/population_scale"))
        .and_then(|v| v.as_f64())
    {
        return s;
    }
    let args: Vec<&str> = m
        .get("command")
        .and_then(|c| c.as_array())
        .map(|a| a.iter().filter_map(|x| x.as_str()).collect())
        .unwrap_or_default();
    for (i, a) in args.iter().enumerate() {
        let v = match a.strip_prefix("--scale") {
            Some("") => args.get(i + 1).copied(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        if let Some(x) = v.and_then(|v| v.parse::<f64>().ok()) {
            return x;
        }
    }
    1.0
}
