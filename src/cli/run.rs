//! `carescale run`: load a scenario → run all replicates → write the
//! tables, manifest and plots.

use crate::cli::common::{command_line, format_extra, Common, FormatArg};
use crate::cli::progress::Progress;
use carescale::error::{Error, Result};
use carescale::experiment::executor::{self, CellWork, Options, Replicate, Sink};
use carescale::experiment::store::RunStore;
use carescale::files::AtomicFile;
use carescale::output::spool::Spool;
use carescale::output::{self, OutputDir};
use carescale::scenario::Scenario;
use clap::Args;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// The run files' cell id for `carescale run`.
const CELL: &str = "run";

/// Where `carescale run` sends finished replicates: to their run files.
struct RunSink<'a> {
    store: &'a RunStore,
    /// Run-level values of each replicate, all groups in one record (for
    /// summary.csv), spooled to a file rather than kept in memory.
    values: Spool,
    events: AtomicU64,
}

impl Sink for RunSink<'_> {
    fn accept(&self, _cell: usize, scn: &Scenario, rep: Replicate) -> Result<()> {
        self.store.write_as(CELL, &scn.hash, scn, &rep, true)?;
        let table = output::run_table(scn, std::slice::from_ref(&rep));
        let vals: Vec<f64> = table
            .into_iter()
            .flat_map(|(_, mut v)| v.swap_remove(0))
            .collect();
        let events: u64 = rep.sites.iter().map(|s| s.events).sum();
        self.events.fetch_add(events, Ordering::Relaxed);
        self.values.put(rep.replicate, &vals)
    }
}

/// Build timeseries.csv, timeseries_groups.csv and runs.csv by reading the
/// run files back in replicate order: the same bytes as from memory.
fn write_tables(od: &OutputDir, scn: &Scenario, store: &RunStore, reps: u32) -> Result<()> {
    let head = |csv: String| csv.lines().next().unwrap_or_default().to_string() + "\n";
    let mut ts = AtomicFile::create(&od.path("timeseries.csv"))?;
    ts.put(&head(output::timeseries_csv(scn, &[])))?;
    let mut tg = AtomicFile::create(&od.path("timeseries_groups.csv"))?;
    tg.put(&head(output::timeseries_groups_csv(scn, &[])))?;
    let mut runs = AtomicFile::create(&od.path("runs.csv"))?;
    runs.put(&head(output::runs_csv(scn, &[], &[])))?;
    for r in 0..reps {
        let t = store.read_as(CELL, &scn.hash, r, true)?;
        ts.put(t.section("[timeseries]"))?;
        tg.put(t.section("[timeseries_groups]"))?;
        runs.put(t.section("[runs]"))?;
    }
    ts.finish()?;
    tg.finish()?;
    runs.finish()
}

#[derive(Args)]
pub struct RunArgs {
    /// Scenario file (TOML).
    scenario: PathBuf,
    /// Output folder (default results/<scenario name>/).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Formats of the long tables: csv; both (a Parquet file beside each); parquet (monthly series as Parquet only, run-level tables in both).
    #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
    format: FormatArg,
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
    let od = OutputDir::prepare(&dir, "run", c.force)?;
    crate::cli::common::show_notes(&od.notes());
    let t0 = Instant::now();
    let reps = scn.run.replicates;
    let progress = Progress::new(reps as u64 * scn.sites.len() as u64, "site-runs", c.quiet);
    let tick = || progress.tick();
    let opts = Options {
        on_site: &tick,
        ..Options::threads(threads)
    };
    // Each finished replicate goes to its run file at once and is dropped
    // (its run-level values go to a spool file, for summary.csv), so memory
    // does not grow with the number of replicates.
    let store = RunStore::new(&od.path(""));
    let groups: Vec<String> = output::groups(&scn).into_iter().map(|(g, _)| g).collect();
    let metrics = output::run_metric_names().len();
    let sink = RunSink {
        store: &store,
        values: Spool::create(&od.path(".run-values"), groups.len() * metrics, reps)?,
        events: AtomicU64::new(0),
    };
    let work = [CellWork {
        cell: 0,
        replicates: (0..reps).collect(),
    }];
    executor::execute(&work, &|_| Ok(scn.clone()), &opts, &sink)?;
    progress.finish();
    write_tables(&od, &scn, &store, reps)?;
    // summary.csv one output at a time, read back from the spool.
    let mut summaries = Vec::with_capacity(groups.len() * metrics);
    sink.values.for_each_output(&mut |_, v| {
        summaries.push(output::summarise_finite(v));
        Ok(())
    })?;
    od.write(
        "summary.csv",
        output::summary_csv_from(&scn, &groups, &summaries).as_bytes(),
    )?;
    od.write(
        "units.csv",
        carescale::analysis::dictionary::units_csv().as_bytes(),
    )?;
    let events = sink.events.load(Ordering::Relaxed);
    std::fs::remove_dir_all(store.dir())
        .map_err(|e| Error::io(store.dir(), e, "check permissions of the output folder"))?;
    let mut extra =
        serde_json::json!({ "events": events, "site_runs": reps as usize * scn.sites.len() });
    format_extra(&mut extra, a.format);
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
    carescale::output::parquet::write_tables(&od.path(""), a.format.format())?;
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
