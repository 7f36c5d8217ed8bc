//! `carescale bench`: measure throughput (or, with `--scaling`, the scaling
//! study) → print the table → write the JSON if asked.

use crate::cli::common::threads;
use carescale::bench::{self, scaling, BenchOptions};
use carescale::error::{Error, Result};
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args, Clone, Debug)]
pub struct BenchArgs {
    /// Scenario file (TOML); default: the embedded England baseline (55.6 million people).
    pub scenario: Option<PathBuf>,
    /// Total population, shared over the sites in proportion to their populations.
    #[arg(long)]
    pub population: Option<u64>,
    /// Reported years (run.horizon_months = 12 x YEARS); the scenario's warm-up is kept.
    #[arg(long)]
    pub years: Option<u32>,
    /// Replicates.
    #[arg(long, default_value_t = 1)]
    pub replicates: u32,
    /// Worker threads (0 = all cores).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Override a parameter: --set section.key=value (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Root seed (overrides run.seed).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Scale every site's population by this factor (0 < F <= 1), as in `run`.
    #[arg(long, default_value_t = 1.0, conflicts_with_all = ["population", "scaling"])]
    pub scale: f64,
    /// Also write the report as JSON to this file (`-`: standard output, and the table goes to standard error).
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Scaling study instead of one run: cost per patient-day from 10,000 to
    /// 10 million people and over 1, 5 and 20 years, and 1 thread against
    /// all cores, each measured ROUNDS times, interleaved; medians against
    /// the targets (flat within 20%, at least 1.8 times faster on 2 threads).
    #[arg(long, conflicts_with_all = ["population", "years", "replicates"])]
    pub scaling: bool,
    /// Rounds of the scaling study (each point measured once a round).
    #[arg(long, default_value_t = 3, requires = "scaling")]
    pub rounds: u32,
}

/// Measure, print the table, write the JSON if asked.
pub fn bench(a: BenchArgs) -> Result<i32> {
    let opts = BenchOptions {
        scenario: a.scenario.clone(),
        population: a.population,
        years: a.years,
        replicates: a.replicates,
        threads: threads(a.threads),
        set: a.set.clone(),
        seed: a.seed,
        scale: a.scale,
    };
    let (table, json) = if a.scaling {
        let study = scaling::run(&opts, a.rounds, &mut std::io::stderr())?;
        (
            scaling::to_table(&study),
            serde_json::to_string_pretty(&study),
        )
    } else {
        let report = bench::measure(&opts)?;
        (
            bench::to_table(&report),
            serde_json::to_string_pretty(&report),
        )
    };
    let json = json.map_err(|e| Error::Internal(format!("bench report as JSON: {e}")))? + "\n";
    match a.json.as_deref() {
        Some(p) if p == Path::new("-") => {
            eprint!("{table}");
            print!("{json}");
        }
        Some(p) => {
            print!("{table}");
            carescale::files::write_atomic(p, json.as_bytes())?;
        }
        None => print!("{table}"),
    }
    Ok(0)
}
