//! carescale's command line: load a scenario, plan the runs, run them in
//! parallel, write the results. Each command is one function below.

use carescale::calibrate;
use carescale::error::{Error, Result};
use carescale::output::{self, OutputDir};
use carescale::progress::Progress;
use carescale::runner;
use carescale::scenario::{Scenario, EMBEDDED_DEFAULT};
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Parser)]
#[command(name = "carescale", version, about = "Simulate scaling up joined-up care (NHS new care models) for people with complex needs.", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario: all replicates, in parallel; write timeseries, runs, summary and manifest.
    Run(RunArgs),
    /// Check scenario files without running them.
    Validate {
        /// Scenario files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Run a scenario and compare it with the published calibration targets.
    Calibrate(CalibrateArgs),
    /// Print a complete scenario file: every parameter at its default, with units, range and source.
    Template,
    /// Measure throughput end to end: patient-days and events per second, memory, time by phase.
    Bench(carescale::bench::BenchArgs),
}

#[derive(Args, Clone)]
struct Common {
    /// Replicates (overrides run.replicates).
    #[arg(long)]
    replicates: Option<u32>,
    /// Root seed (overrides run.seed).
    #[arg(long)]
    seed: Option<u64>,
    /// Worker threads (0 = all cores).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Override a parameter: --set section.key=value (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<String>,
    /// No progress output.
    #[arg(long, short)]
    quiet: bool,
    /// Replace existing results.
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
struct RunArgs {
    /// Scenario file (TOML).
    scenario: PathBuf,
    /// Output folder (default results/<scenario name>/).
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
}

#[derive(Args)]
struct CalibrateArgs {
    /// Scenario file (TOML), normally scenarios/england_baseline.toml.
    scenario: PathBuf,
    /// Scale every site's population by this factor (e.g. 0.01 for a quick check).
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// Output folder (default results/<scenario name>_calibration/).
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
}

fn main() {
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

fn dispatch(cli: Cli) -> Result<i32> {
    match cli.command {
        None => run_default(),
        Some(Command::Run(a)) => {
            let scn = load(&a.scenario, &a.common)?;
            run(&scn, a.out, &a.common).map(|_| 0)
        }
        Some(Command::Validate { files }) => validate(&files),
        Some(Command::Calibrate(a)) => calibrate_cmd(a),
        Some(Command::Template) => {
            print!("{}", template());
            Ok(0)
        }
        Some(Command::Bench(a)) => carescale::bench::command(&a),
    }
}

fn command_line() -> Vec<String> {
    std::env::args().collect()
}

/// Load a scenario file with the common overrides.
fn load(path: &Path, c: &Common) -> Result<Scenario> {
    let mut sets = c.set.clone();
    if let Some(r) = c.replicates {
        if r == 0 {
            return Err(Error::input(
                "--replicates",
                None,
                "0 replicates",
                Some("give at least 1"),
            ));
        }
        sets.push(format!("run.replicates={r}"));
    }
    if let Some(s) = c.seed {
        sets.push(format!("run.seed={s}"));
    }
    Scenario::from_file(path, &sets)
}

/// With no arguments: run the embedded demonstration scenario.
fn run_default() -> Result<i32> {
    let scn = Scenario::from_str(EMBEDDED_DEFAULT, "<embedded demo scenario>", &[])?;
    eprintln!(
        "carescale {}: running the embedded demo scenario `{}`",
        env!("CARGO_PKG_VERSION"),
        scn.scenario.name
    );
    eprintln!("question: {}", scn.scenario.question.trim());
    let common = Common {
        replicates: None,
        seed: None,
        threads: 0,
        set: vec![],
        quiet: false,
        force: true,
    };
    let dir = run(&scn, None, &common)?;
    let summary = std::fs::read_to_string(dir.join("summary.csv")).unwrap_or_default();
    print_headline(&summary);
    eprintln!(
        "results in {}/ (see README.md for what each file holds)",
        dir.display()
    );
    Ok(0)
}

fn print_headline(summary: &str) {
    let keep = [
        "emergency_admissions_per_1000",
        "ae_attendances_per_1000",
        "delayed_beds_per_100k",
        "crises_missed_per_1000",
        "readmission_30d_rate",
        "cost_total_gbp",
    ];
    println!(
        "{:<12} {:<32} {:>14} {:>26}",
        "group", "metric", "mean", "95% CI of the mean"
    );
    for line in summary.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() == 11 && keep.contains(&f[2]) {
            let n = |s: &str| s.parse::<f64>().unwrap_or(f64::NAN);
            println!(
                "{:<12} {:<32} {:>14.3} {:>12.3} – {:<12.3}",
                f[1],
                f[2],
                n(f[4]),
                n(f[6]),
                n(f[7])
            );
        }
    }
}

/// Run a scenario and write its results; returns the results folder.
fn run(scn: &Scenario, out: Option<PathBuf>, c: &Common) -> Result<PathBuf> {
    let dir = out.unwrap_or_else(|| Path::new("results").join(&scn.scenario.name));
    let od = OutputDir::prepare(&dir, c.force)?;
    let t0 = Instant::now();
    let reps = scn.run.replicates;
    let progress = Progress::new(reps as u64 * scn.sites.len() as u64, "site-runs", c.quiet);
    let results = runner::run_replicates(scn, 0, reps, c.threads, &|| progress.tick())?;
    progress.finish();
    let table = output::run_table(scn, &results);
    od.write(
        "timeseries.csv",
        output::timeseries_csv(scn, &results).as_bytes(),
    )?;
    od.write(
        "timeseries_groups.csv",
        output::timeseries_groups_csv(scn, &results).as_bytes(),
    )?;
    od.write(
        "runs.csv",
        output::runs_csv(scn, &results, &table).as_bytes(),
    )?;
    od.write("summary.csv", output::summary_csv(scn, &table).as_bytes())?;
    let events: u64 = results
        .iter()
        .flat_map(|r| r.sites.iter().map(|s| s.events))
        .sum();
    let threads = if c.threads == 0 {
        rayon::current_num_threads()
    } else {
        c.threads
    };
    let extra =
        serde_json::json!({ "events": events, "site_runs": results.len() * scn.sites.len() });
    od.write(
        "manifest.json",
        output::manifest(
            scn,
            reps,
            threads,
            t0.elapsed().as_secs_f64(),
            &command_line(),
            extra,
        )
        .as_bytes(),
    )?;
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
    Ok(dir)
}

fn template() -> String {
    format!(
        "[scenario]\nname = \"my_scenario\"\nquestion = \"What question does this scenario answer?\"\n{}\n[[sites]]\nname = \"site_a\"\npopulation = 100000\n",
        carescale::params::template_sections()
    )
}

fn validate(files: &[PathBuf]) -> Result<i32> {
    let mut errs = Vec::new();
    for f in files {
        match Scenario::from_file(f, &[]) {
            Ok(s) => println!(
                "{}: ok ({} sites, {} people, {} replicates)",
                f.display(),
                s.sites.len(),
                s.total_population(),
                s.run.replicates
            ),
            Err(Error::Input(mut e)) => errs.append(&mut e),
            Err(e) => return Err(e),
        }
    }
    if errs.is_empty() {
        Ok(0)
    } else {
        Err(Error::Input(errs))
    }
}

fn calibrate_cmd(a: CalibrateArgs) -> Result<i32> {
    if !(a.scale.is_finite() && a.scale > 0.0 && a.scale <= 1.0) {
        return Err(Error::input(
            "--scale",
            None,
            format!("{} is out of range", a.scale),
            Some("give a factor above 0 and at most 1, e.g. --scale 0.01"),
        ));
    }
    let mut scn = load(&a.scenario, &a.common)?;
    if a.scale < 1.0 {
        let mut sets = a.common.set.clone();
        for (i, s) in scn.sites.iter().enumerate() {
            sets.push(format!(
                "sites.{i}.population={}",
                ((s.population as f64 * a.scale).round() as u64).max(1)
            ));
        }
        if let Some(r) = a.common.replicates {
            sets.push(format!("run.replicates={r}"));
        }
        if let Some(s) = a.common.seed {
            sets.push(format!("run.seed={s}"));
        }
        scn = Scenario::from_file(&a.scenario, &sets)?;
    }
    let dir = a
        .out
        .unwrap_or_else(|| Path::new("results").join(format!("{}_calibration", scn.scenario.name)));
    let od = OutputDir::prepare(&dir, a.common.force)?;
    let t0 = Instant::now();
    let progress = Progress::new(
        scn.run.replicates as u64 * scn.sites.len() as u64,
        "site-runs",
        a.common.quiet,
    );
    let reps = runner::run_replicates(&scn, 0, scn.run.replicates, a.common.threads, &|| {
        progress.tick()
    })?;
    progress.finish();
    let rows = calibrate::evaluate(&scn, &reps, &calibrate::baseline_targets());
    print!("{}", calibrate::to_table(&rows));
    od.write("calibration.csv", calibrate::to_csv(&scn, &rows).as_bytes())?;
    let threads = if a.common.threads == 0 {
        rayon::current_num_threads()
    } else {
        a.common.threads
    };
    let extra = serde_json::json!({ "population_scale": a.scale });
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
    Ok(if rows.iter().all(|r| r.pass) { 0 } else { 1 })
}
