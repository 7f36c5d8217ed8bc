//! carescale's command line as a pipeline: parse the arguments, dispatch to
//! the command (one module each under `cli/`), exit with its code.

use carescale::error::Result;
use clap::{Parser, Subcommand};

mod cli;
use cli::*;

#[derive(Parser)]
#[command(name = "carescale", version, about = "Simulate scaling up joined-up care (NHS new care models) for people with complex needs.", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario: all replicates, in parallel; write timeseries, runs, summary and manifest.
    Run(run::RunArgs),
    /// Check scenario files without running them.
    Validate(validate::ValidateArgs),
    /// Run a scenario and compare it with the published calibration targets.
    Calibrate(calibrate::CalibrateArgs),
    /// Calibrate by history matching with emulators: waves of runs, the non-implausible space, a posterior and a report.
    Fit(fit::FitArgs),
    /// Print a complete scenario file: every parameter at its default, with units, range and source.
    Template,
    /// Write a scenario on real places (CCGs of April 2017) found by code or name, or all of England (--england).
    Place(place::PlaceArgs),
    /// Growth of a rate per 1,000 population between two periods, per site and group, with 95% CIs.
    Growth(growth::GrowthArgs),
    /// Run a sweep: cells x replicates of a design, compared with a baseline (resumable, shardable).
    Sweep(sweep::SweepArgs),
    /// Combine the parts of a sharded sweep into the results of the whole sweep.
    Merge(merge::MergeArgs),
    /// Choose the number of replicates by the CI half-width wanted.
    Reps(reps::RepsArgs),
    /// Write plots, economics tables and one self-contained report.html for a results folder.
    Report(report::ReportArgs),
    /// Describe a scenario following the ODD protocol or the STRESS-ABS checklist (markdown).
    Describe(describe::DescribeArgs),
    /// Write the parameter and output dictionaries (docs/PARAMETERS.md, docs/OUTPUTS.md).
    Dictionary(dictionary::DictionaryArgs),
    /// Measure throughput end to end: patient-days and events per second, memory, time by phase.
    ///
    /// --out and --force do not apply: the outputs it times go to a temporary folder, removed afterwards.
    Bench(bench::BenchArgs),
}

fn main() {
    restore_sigpipe();
    let cli = Cli::parse();
    let code = match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            e.exit_code()
        }
    };
    std::process::exit(code);
}

/// Let a closed pipe end the program quietly, as it ends `cat` or `grep`:
/// `carescale describe x.toml | head` stops when `head` has read enough,
/// with the shell's conventional status for SIGPIPE (141), instead of a
/// panic from `print!` on a broken pipe. Rust ignores SIGPIPE by default;
/// this puts back the default action.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: `signal` with SIG_DFL installs no handler code; it is called
    // once at start-up, before any other thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Run the command asked for; its exit code.
fn dispatch(cli: Cli) -> Result<i32> {
    match cli.command {
        None => demo::run(),
        Some(Command::Run(a)) => run::run(a),
        Some(Command::Validate(a)) => validate::validate(a),
        Some(Command::Calibrate(a)) => calibrate::calibrate(a),
        Some(Command::Fit(a)) => fit::fit(a),
        Some(Command::Template) => template::template(),
        Some(Command::Place(a)) => place::place(a),
        Some(Command::Growth(a)) => growth::growth(a),
        Some(Command::Sweep(a)) => sweep::sweep(a),
        Some(Command::Merge(a)) => merge::merge(a),
        Some(Command::Reps(a)) => reps::reps(a),
        Some(Command::Report(a)) => report::report(a),
        Some(Command::Describe(a)) => describe::describe(a),
        Some(Command::Dictionary(a)) => dictionary::dictionary(a),
        Some(Command::Bench(a)) => bench::bench(a),
    }
}
