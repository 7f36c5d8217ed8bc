//! `carescale calibrate`: run a scenario (and, for a programme, its
//! counterfactual without adoptions) → compare with the published targets
//! → print the table, write calibration.csv (and, for sites on real places,
//! places.csv, places_spread.csv and the scatter places_scatter.svg: each
//! place against its own data); exit 1 if a target fails.

use crate::cli::common::{command_line, say_raw, Common};
use crate::cli::progress::Progress;
use carescale::analysis::{calibrate, place_fit};
use carescale::error::Result;
use carescale::experiment::executor::{self, Options};
use carescale::output::{self, OutputDir};
use clap::Args;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Args)]
pub struct CalibrateArgs {
    /// Scenario file (TOML), normally scenarios/england_baseline.toml.
    scenario: PathBuf,
    /// Output folder (default results/<scenario name>_calibration/).
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
}

/// Calibrate a scenario; exit code 0 if every target passes, 1 otherwise.
pub fn calibrate(a: CalibrateArgs) -> Result<i32> {
    crate::cli::common::check_out("--out", a.out.as_deref())?;
    let c = &a.common;
    let scn = c.load(&a.scenario, &[])?;
    let threads = c.threads();
    let dir = a
        .out
        .unwrap_or_else(|| Path::new("results").join(format!("{}_calibration", scn.scenario.name)));
    let od = OutputDir::prepare(&dir, "calibrate", c.force)?;
    crate::cli::common::show_notes(&od.notes());
    let t0 = Instant::now();
    let progress = Progress::new(
        scn.run.replicates as u64 * scn.sites.len() as u64,
        "site-runs",
        c.quiet,
    );
    let tick = || progress.tick();
    let opts = Options {
        on_site: &tick,
        ..Options::threads(threads)
    };
    let reps = executor::run_replicates(&scn, 0, scn.run.replicates, &opts)?;
    progress.finish();
    // A programme is judged against a paired run without any adoption.
    let base = if calibrate::needs_counterfactual(&scn) {
        let cf = c.load(&a.scenario, &calibrate::counterfactual_overrides(&scn))?;
        Some(calibrate::run_counterfactual(&cf, threads)?)
    } else {
        None
    };
    let rows = calibrate::evaluate(&scn, &reps, base.as_deref(), &calibrate::targets_for(&scn));
    say_raw(&calibrate::to_table(&rows));
    od.write("calibration.csv", calibrate::to_csv(&scn, &rows).as_bytes())?;
    // Sites on real places: each place against its own data.
    let places = place_fit::evaluate(&scn, &reps);
    if !places.is_empty() {
        let spread = place_fit::spread(&places);
        say_raw(&place_fit::to_table(&scn, &places, &spread));
        od.write("places.csv", place_fit::to_csv(&scn, &places).as_bytes())?;
        od.write(
            "places_spread.csv",
            place_fit::spread_csv(&spread).as_bytes(),
        )?;
        if let Some(svg) = place_fit::scatter_svg(&scn, &places, &spread)? {
            od.write("places_scatter.svg", svg.as_bytes())?;
        }
    }
    let extra = serde_json::json!({ "population_scale": c.scale.unwrap_or(1.0), "counterfactual": base.is_some() });
    od.write(
        "manifest.json",
        output::manifest(
            &scn,
            scn.run.replicates,
            threads,
            t0.elapsed().as_secs_f64(),
            &command_line(),
            extra,
        )
        .as_bytes(),
    )?;
    let dir = od.commit()?;
    eprintln!(
        "calibration table in {}",
        dir.join("calibration.csv").display()
    );
    Ok(if calibrate::all_pass(&rows) { 0 } else { 1 })
}
