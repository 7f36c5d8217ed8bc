//! `carescale reps`: choose the number of replicates by the CI
//! half-width wanted (a scenario, or every cell of a sweep) → write
//! results.

use crate::cli::common::{Common, FormatArg};
use crate::cli::sweep::{overrides, run_plan};
use carescale::error::{Error, Result};
use carescale::experiment::sweep::{Plan, Precision, Sweep};
use clap::Args;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Args)]
pub struct RepsArgs {
    /// A scenario file, or a sweep file (every cell gets its own number of replicates).
    file: PathBuf,
    /// Run-level metric to make precise (as named in runs.csv).
    #[arg(long, default_value = "emergency_admissions_per_1000")]
    metric: String,
    /// Reporting group: a site, a group label or `all`.
    #[arg(long, default_value = "all")]
    group: String,
    /// Target 95% CI half-width as a share of the mean (0.05 = 5%).
    #[arg(long, default_value_t = 0.05)]
    target: f64,
    /// Judge the paired difference from the baseline (sweep files only).
    #[arg(long)]
    paired: bool,
    /// Fewest replicates.
    #[arg(long, default_value_t = 5)]
    min: u32,
    /// Budget cap: most replicates per cell.
    #[arg(long, default_value_t = 100)]
    max: u32,
    /// Output folder (default results/<name>_reps/).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Keep the per-run files (runs/) in the results folder.
    #[arg(long)]
    keep_runs: bool,
    /// Formats of the long tables: csv; both (a Parquet file beside each); parquet (monthly series as Parquet only, run-level tables in both).
    #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
    format: FormatArg,
    #[command(flatten)]
    common: Common,
}

/// `carescale reps`.
pub fn reps(a: RepsArgs) -> Result<i32> {
    crate::cli::common::check_out("--out", a.out.as_deref())?;
    let t0 = Instant::now();
    if a.common.replicates.is_some() {
        return Err(Error::input(
            "--replicates",
            None,
            "`reps` chooses the number of replicates itself",
            Some("bound it with --min and --max"),
        ));
    }
    let p = Precision {
        metric: a.metric.clone(),
        group: a.group.clone(),
        half_width_share: a.target,
        paired: a.paired,
        min_replicates: a.min,
        max_replicates: a.max,
    };
    let text = carescale::files::read_text(
        &a.file,
        carescale::files::MAX_INPUT_BYTES,
        "scenario or sweep file",
    )?;
    let ov = overrides(&a.common, None, Some(p));
    let sw = if carescale::experiment::sweep::is_sweep_text(&text) {
        Sweep::from_file(&a.file, &ov)?
    } else {
        Sweep::of_scenario(&a.file, &ov)?
    };
    let plan = Plan::build(&sw)?;
    let out = a
        .out
        .unwrap_or_else(|| Path::new("results").join(format!("{}_reps", plan.sweep)));
    run_plan(&plan, None, Some(out), &a.common, a.keep_runs, a.format, t0)
}
