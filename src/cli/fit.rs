//! `carescale fit`: read a calibration file → history-match the scenario's
//! parameters against its targets in waves (this shard's runs, resumable) →
//! write emulator diagnostics, the non-implausible space, the posterior and
//! the calibration report.

use carescale::analysis::fit::{self, config::FitFile, Finished, RunOptions};
use carescale::error::Result;
use carescale::experiment::shard::Shard;
use clap::Args;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Args)]
pub struct FitArgs {
    /// Calibration file (TOML), e.g. calibration/england_baseline_fit.toml.
    file: PathBuf,
    /// Output folder (default results/calibration/<fit name>/); a rerun resumes there.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Scale every site's population by this factor (0 < F <= 1), e.g. 0.005.
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// Run only shard K of N (K from 0) of each wave's runs, into a folder every shard shares.
    #[arg(long, value_name = "K/N")]
    shard: Option<String>,
    /// Worker threads (0 = all cores).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Override a parameter of the scenario for every run: --set section.key=value (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<String>,
    /// Start again: remove the fit's earlier results in the output folder.
    #[arg(long)]
    force: bool,
    /// No progress output.
    #[arg(long, short)]
    quiet: bool,
}

/// `carescale fit`.
pub fn fit(a: FitArgs) -> Result<i32> {
    crate::cli::common::check_out("--out", a.out.as_deref())?;
    let t0 = Instant::now();
    let shard = match &a.shard {
        Some(s) => Shard::parse(s)?,
        None => Shard::ALL,
    };
    let file = FitFile::from_file(&a.file, &a.set)?;
    let out = a
        .out
        .unwrap_or_else(|| Path::new("results").join("calibration").join(&file.name));
    let quiet = a.quiet;
    let on_batch = |stage: &str, n: usize| {
        if !quiet {
            eprintln!(
                "{stage}: {n} runs to do ({:.0}s so far)",
                t0.elapsed().as_secs_f64()
            );
        }
    };
    let opts = RunOptions {
        out: out.clone(),
        scale: a.scale,
        shard,
        threads: crate::cli::common::threads(a.threads),
        force: a.force,
        on_site: &|| (),
        on_batch: &on_batch,
    };
    match fit::run(&file, &opts)? {
        Finished::Waiting {
            stage,
            missing,
            runs_done,
        } => {
            if !quiet {
                eprintln!(
                    "shard {shard}: {runs_done} runs done; {stage} waits for {missing} runs of other shards. Run the same command again (every shard) when they are done."
                );
            }
            Ok(0)
        }
        Finished::Done(s) => {
            let o = &s.outcome;
            if !quiet {
                eprintln!(
                    "{} wave(s), {} model runs ({} here) in {:.1}s; stopped: {}",
                    o.waves.len(),
                    s.runs_total,
                    s.runs_done,
                    t0.elapsed().as_secs_f64(),
                    o.stop.describe(&s.spec)
                );
                eprintln!("report in {}", fit::report::report_path(&s.dir).display());
            }
            Ok(if o.posterior.is_empty() { 1 } else { 0 })
        }
    }
}
