//! `carescale describe`: a scenario described following the ODD protocol
//! or the STRESS-ABS checklist (markdown).

use carescale::analysis::describe::{describe as describe_scenario, Standard};
use carescale::error::{Error, Result};
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
    /// Write to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Write the description to `--out` or standard output.
pub fn describe(a: DescribeArgs) -> Result<i32> {
    let standard = Standard::parse(&a.standard)?;
    let scn = Scenario::from_file(&a.scenario, &[])?;
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
    let text = describe_scenario(&scn, standard, m.as_ref());
    match &a.out {
        Some(o) => carescale::files::write_atomic(o, text.as_bytes())?,
        None => print!("{text}"),
    }
    Ok(0)
}
