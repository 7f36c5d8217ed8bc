//! `carescale run`: load a scenario → run all replicates → write the
//! tables, manifest and plots.

use crate::cli::common::{command_line, Common};
use crate::cli::progress::Progress;
use carescale::error::Result;
use carescale::experiment::executor::{self, Options};
use carescale::output::{self, OutputDir};
use clap::Args;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Args)]
pub struct RunArgs {
    /// Scenario file (TOML).
    scenario: PathBuf,
    /// Output folder (default results/<scenario name>/).
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
}

/// Run a scenario and write its results.
pub fn run(a: RunArgs) -> Result<i32> {
    crate::cli::common::check_out("--out", a.out.as_deref())?;
    let c = &a.common;
    let scn = c.load(&a.scenario, &[])?;
    let threads = c.threads();
    let dir = a
        .out
        .unwrap_or_else(|| Path::new("results").join(&scn.scenario.name));
    let od = OutputDir::prepare(&dir, c.force)?;
    let t0 = Instant::now();
    let reps = scn.run.replicates;
    let progress = Progress::new(reps as u64 * scn.sites.len() as u64, "site-runs", c.quiet);
    let tick = || progress.tick();
    let opts = Options {
        on_site: &tick,
        ..Options::threads(threads)
    };
    let results = executor::run_replicates(&scn, 0, reps, &opts)?;
    progress.finish();
    let table = output::run_table(&scn, &results);
    od.write(
        "timeseries.csv",
        output::timeseries_csv(&scn, &results).as_bytes(),
    )?;
    od.write(
        "timeseries_groups.csv",
        output::timeseries_groups_csv(&scn, &results).as_bytes(),
    )?;
    od.write(
        "runs.csv",
        output::runs_csv(&scn, &results, &table).as_bytes(),
    )?;
    od.write("summary.csv", output::summary_csv(&scn, &table).as_bytes())?;
    let events: u64 = results
        .iter()
        .flat_map(|r| r.sites.iter().map(|s| s.events))
        .sum();
    let extra =
        serde_json::json!({ "events": events, "site_runs": results.len() * scn.sites.len() });
    od.write(
        "manifest.json",
        output::manifest(
            &scn,
            reps,
            threads,
            t0.elapsed().as_secs_f64(),
            &command_line(),
            extra,
        )
        .as_bytes(),
    )?;
    if let Err(e) = carescale::analysis::plot::write_run_plots(&od.path("")) {
        eprintln!("warning: plots not written ({e}); redraw them with `carescale report`");
    }
    let dir = od.commit()?;
    if !c.quiet {
        eprintln!(
            "{} replicates x {} sites in {:.1}s -> {}",
            reps,
            scn.sites.len(),
            t0.elapsed().as_secs_f64(),
            dir.display()
        );
    }
    Ok(0)
}
