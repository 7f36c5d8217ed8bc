//! carescale's command line: load a scenario, plan the runs, run them in
//! parallel, write the results. Each command is one function below.

use crate::cli::progress::Progress;
use carescale::analysis::calibrate;
use carescale::error::{Error, Result};
use carescale::experiment::executor::{self, Options};
use carescale::output::{self, OutputDir};
use carescale::scenario::{Scenario, EMBEDDED_DEFAULT};
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::time::Instant;

mod cli;
use cli::sweep as cli_sweep;

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
    /// Growth of a rate per 1,000 population between two periods, per site and group, with 95% CIs.
    Growth(GrowthArgs),
    /// Run a sweep: cells x replicates of a design, compared with a baseline (resumable, shardable).
    Sweep(cli_sweep::SweepArgs),
    /// Combine the parts of a sharded sweep into the results of the whole sweep.
    Merge(cli_sweep::MergeArgs),
    /// Choose the number of replicates by the CI half-width wanted.
    Reps(cli_sweep::RepsArgs),
    /// Write plots, economics tables and one self-contained report.html for a results folder.
    Report {
        /// Results folder of a run or a sweep.
        dir: PathBuf,
        /// Economic settings (TOML with an [economics] table; default DIR/economics.toml).
        #[arg(long)]
        economics: Option<PathBuf>,
    },
    /// Describe a scenario following the ODD protocol or the STRESS-ABS checklist (markdown).
    Describe {
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
    },
    /// Write the parameter and output dictionaries (docs/PARAMETERS.md, docs/OUTPUTS.md).
    Dictionary {
        /// Folder to write into.
        #[arg(long, default_value = "docs")]
        out: PathBuf,
        /// Write nothing; exit 1 if the files are stale.
        #[arg(long)]
        check: bool,
    },
    /// Measure throughput end to end: patient-days and events per second, memory, time by phase.
    ///
    /// --out and --force do not apply: the outputs it times go to a temporary folder, removed afterwards.
    Bench(carescale::bench::BenchArgs),
}

#[derive(Args, Clone)]
struct Common {
    /// Replicates (overrides run.replicates; not for `reps`, which chooses them between --min and --max).
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
    /// Scale every site's population by this factor (0 < F <= 1), e.g. 0.01 for a quick look.
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
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
struct GrowthArgs {
    /// A results folder written by `carescale run`.
    results: PathBuf,
    /// Base period, YYYY-MM..YYYY-MM (inclusive).
    #[arg(long)]
    from: String,
    /// Comparison period, YYYY-MM..YYYY-MM (inclusive).
    #[arg(long)]
    to: String,
    /// The count whose rate per 1,000 grows (an accumulator in docs/OUTPUTS.md).
    #[arg(long, default_value = "emergency_admissions")]
    metric: String,
}

#[derive(Args)]
struct CalibrateArgs {
    /// Scenario file (TOML), normally scenarios/england_baseline.toml.
    scenario: PathBuf,
    /// Output folder (default results/<scenario name>_calibration/).
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
}

/// Print a line to stdout; a closed pipe (e.g. `| head`) is not an error.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

/// Print text to stdout as it is; a closed pipe is not an error.
fn say_raw(s: &str) {
    use std::io::Write as _;
    let _ = std::io::stdout().write_all(s.as_bytes());
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
        Some(Command::Growth(a)) => growth_cmd(a),
        Some(Command::Template) => {
            say_raw(&template());
            Ok(0)
        }
        Some(Command::Sweep(a)) => cli_sweep::sweep(a),
        Some(Command::Merge(a)) => cli_sweep::merge(a),
        Some(Command::Reps(a)) => cli_sweep::reps(a),
        Some(Command::Report { dir, economics }) => report_cmd(&dir, economics.as_deref()),
        Some(Command::Describe {
            scenario,
            standard,
            manifest,
            out,
        }) => describe_cmd(&scenario, &standard, manifest.as_deref(), out.as_deref()),
        Some(Command::Dictionary { out, check }) => dictionary_cmd(&out, check),
        Some(Command::Bench(a)) => carescale::bench::command(&a),
    }
}

fn command_line() -> Vec<String> {
    std::env::args().collect()
}

/// Load a scenario file with the common overrides.
fn load(path: &Path, c: &Common) -> Result<Scenario> {
    load_with(path, c, &[])
}

/// Load with the common overrides plus `extra` ones; `--scale` multiplies
/// every site's population (at least one person each).
fn load_with(path: &Path, c: &Common, extra: &[String]) -> Result<Scenario> {
    let shared = carescale::experiment::options::Shared {
        sets: c.set.clone(),
        replicates: c.replicates,
        seed: c.seed,
        scale: c.scale,
    };
    carescale::experiment::options::load_scenario(path, &shared, extra)
}

/// The embedded default sweep and the scenario it runs on.
const EMBEDDED_SWEEP: &str = include_str!("../scenarios/sweeps/demo_sweep.toml");

/// With no arguments: the embedded demo sweep (pace x national support at the
/// demo places, paired with the same places staying fragmented).
fn run_default() -> Result<i32> {
    let scn = Scenario::from_str(EMBEDDED_DEFAULT, "<embedded demo scenario>", &[])?;
    eprintln!(
        "carescale {}: running the embedded demo sweep on scenario `{}`",
        env!("CARGO_PKG_VERSION"),
        scn.scenario.name
    );
    eprintln!("question: {}", scn.scenario.question.trim());
    // The sweep file names its scenario by relative path: lay both out in a
    // private temporary folder.
    let tmp = std::env::temp_dir().join(format!("carescale-demo-{}", std::process::id()));
    let sweeps = tmp.join("sweeps");
    std::fs::create_dir_all(&sweeps)
        .map_err(|e| Error::io(&sweeps, e, "check that the temporary folder is writable"))?;
    std::fs::write(tmp.join("demo.toml"), EMBEDDED_DEFAULT)
        .map_err(|e| Error::io(&tmp, e, "check that the temporary folder is writable"))?;
    std::fs::write(sweeps.join("demo_sweep.toml"), EMBEDDED_SWEEP)
        .map_err(|e| Error::io(&tmp, e, "check that the temporary folder is writable"))?;
    let common = Common {
        replicates: None,
        seed: None,
        threads: 0,
        set: vec![],
        quiet: false,
        force: true,
        scale: 1.0,
    };
    let out = Path::new("results").join("demo_sweep");
    let res = cli_sweep::run_embedded(sweeps.join("demo_sweep.toml"), out.clone(), common);
    let _ = std::fs::remove_dir_all(&tmp);
    res?;
    print_comparisons(&out);
    eprintln!(
        "results in {}/ (README.md says what each file holds; report: carescale report {})",
        out.display(),
        out.display()
    );
    Ok(0)
}

/// The headline of a sweep: paired differences from the baseline, all sites.
fn print_comparisons(dir: &Path) {
    let text = std::fs::read_to_string(dir.join("comparisons.csv")).unwrap_or_default();
    let labels: std::collections::BTreeMap<String, String> =
        std::fs::read_to_string(dir.join("scenarios.csv"))
            .unwrap_or_default()
            .lines()
            .skip(1)
            .filter_map(|l| {
                let f: Vec<&str> = l.splitn(3, ',').collect();
                (f.len() >= 2).then(|| (f[0].to_string(), f[1].to_string()))
            })
            .collect();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
    let (Some(c), Some(g), Some(m), Some(d), Some(lo), Some(hi)) = (
        col("cell"),
        col("group"),
        col("metric"),
        col("diff_mean"),
        col("diff_ci_lower"),
        col("diff_ci_upper"),
    ) else {
        return;
    };
    let keep = [
        "emergency_admissions_per_1000",
        "ae_attendances_per_1000",
        "delayed_beds_per_100k",
        "crises_missed_per_1000",
    ];
    say!("Paired difference from staying fragmented, all places (95% CI):");
    say!(
        "{:<58} {:<32} {:>10} {:>24}",
        "cell",
        "metric",
        "difference",
        "95% CI"
    );
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() > hi && f[g] == "all" && keep.contains(&f[m]) {
            let n = |s: &str| s.parse::<f64>().unwrap_or(f64::NAN);
            let label = labels.get(f[c]).map(String::as_str).unwrap_or(f[c]);
            say!(
                "{:<58} {:<32} {:>10.2} {:>11.2} to {:<10.2}",
                label,
                f[m],
                n(f[d]),
                n(f[lo]),
                n(f[hi])
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
    let tick = || progress.tick();
    let opts = Options {
        on_site: &tick,
        ..Options::threads(c.threads)
    };
    let results = executor::run_replicates(scn, 0, reps, &opts)?;
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
    let threads = executor::resolve_threads(c.threads);
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
    Ok(dir)
}

fn template() -> String {
    format!(
        "[scenario]\nname = \"my_scenario\"\nquestion = \"What question does this scenario answer?\"\n{}\n[[sites]]\nname = \"site_a\"\npopulation = 100000\n",
        carescale::scenario::params::template_sections()
    )
}

fn validate(files: &[PathBuf]) -> Result<i32> {
    let mut errs = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f).map_err(|e| Error::io(f, e, "check the path"))?;
        // A file of care models only is checked as bundles: a minimal scenario
        // is appended so line numbers stay those of the file.
        let bundles_only = !text.contains("[scenario]") && text.contains("[care_models.");
        let checked = if bundles_only {
            let probe = format!("{text}\n[scenario]\nname = \"bundles\"\nquestion = \"?\"\n[[sites]]\nname = \"probe\"\npopulation = 1\n");
            Scenario::from_str(&probe, &f.display().to_string(), &[])
                .map(|s| format!("ok ({} care models)", s.file.care_models.len()))
        } else {
            Scenario::from_str(&text, &f.display().to_string(), &[]).map(|s| {
                format!(
                    "ok ({} sites, {} people, {} replicates)",
                    s.sites.len(),
                    s.total_population(),
                    s.run.replicates
                )
            })
        };
        match checked {
            Ok(msg) => say!("{}: {msg}", f.display()),
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

fn growth_cmd(a: GrowthArgs) -> Result<i32> {
    let window = |flag: &str, s: &str| {
        carescale::analysis::growth::Window::parse(s).ok_or_else(|| {
            Error::input(
                flag,
                None,
                format!("`{s}` is not a period"),
                Some("write YYYY-MM..YYYY-MM, e.g. 2015-04..2016-03"),
            )
        })
    };
    let (from, to) = (window("--from", &a.from)?, window("--to", &a.to)?);
    let rows = carescale::analysis::growth::from_results(&a.results, &a.metric, from, to)?;
    say!("group,metric,from,to,n,mean_growth,ci_lower,ci_upper");
    for r in rows {
        let s = r.summary;
        say!(
            "{},{}_per_1000,{from},{to},{},{},{},{}",
            r.group,
            a.metric,
            s.n,
            output::num(s.mean),
            output::num(s.ci_lower),
            output::num(s.ci_upper)
        );
    }
    Ok(0)
}

fn calibrate_cmd(a: CalibrateArgs) -> Result<i32> {
    let scn = load(&a.scenario, &a.common)?;
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
    let tick = || progress.tick();
    let opts = Options {
        on_site: &tick,
        ..Options::threads(a.common.threads)
    };
    let reps = executor::run_replicates(&scn, 0, scn.run.replicates, &opts)?;
    progress.finish();
    // A programme is judged against a paired run without any adoption.
    let base = if calibrate::needs_counterfactual(&scn) {
        let none: Vec<String> = (0..scn.sites.len())
            .map(|i| format!("sites.{i}.adopts=[]"))
            .collect();
        let cf = load_with(&a.scenario, &a.common, &none)?;
        // Only the sites a care-home target is measured in are needed; without
        // adoptions the sites do not interact, so the others can be skipped.
        let tagged: Vec<usize> = cf
            .sites
            .iter()
            .enumerate()
            .filter(|(_, s)| s.tags.iter().any(|t| t.starts_with("iau_")))
            .map(|(i, _)| i)
            .collect();
        let opts = Options {
            only: Some(&tagged),
            ..Options::threads(a.common.threads)
        };
        Some(executor::run_replicates(&cf, 0, cf.run.replicates, &opts)?)
    } else {
        None
    };
    let rows = calibrate::evaluate(&scn, &reps, base.as_deref(), &calibrate::targets_for(&scn));
    say_raw(&calibrate::to_table(&rows));
    od.write("calibration.csv", calibrate::to_csv(&scn, &rows).as_bytes())?;
    let threads = executor::resolve_threads(a.common.threads);
    let extra =
        serde_json::json!({ "population_scale": a.common.scale, "counterfactual": base.is_some() });
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

fn report_cmd(dir: &Path, economics: Option<&Path>) -> Result<i32> {
    let p = carescale::analysis::report::write_report(dir, economics)?;
    eprintln!("report in {}", p.display());
    Ok(0)
}

fn describe_cmd(
    scenario: &Path,
    standard: &str,
    manifest: Option<&Path>,
    out: Option<&Path>,
) -> Result<i32> {
    use carescale::analysis::describe::{describe, Standard};
    let standard = Standard::parse(standard)?;
    let scn = Scenario::from_file(scenario, &[])?;
    let m = match manifest {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| Error::io(p, e, "give the manifest.json of a run"))?;
            Some(
                serde_json::from_str::<serde_json::Value>(&text).map_err(|e| {
                    Error::io(p, e, "give the manifest.json a run wrote, unchanged")
                })?,
            )
        }
        None => None,
    };
    let text = describe(&scn, standard, m.as_ref());
    match out {
        Some(o) => std::fs::write(o, text)
            .map_err(|e| Error::io(o, e, "choose a file you can write to with --out"))?,
        None => print!("{text}"),
    }
    Ok(0)
}

fn dictionary_cmd(out: &Path, check: bool) -> Result<i32> {
    let stale = carescale::analysis::dictionary::write(out, check)?;
    for s in &stale {
        eprintln!("{} {s}", if check { "stale:" } else { "wrote" });
    }
    if check && !stale.is_empty() {
        eprintln!("run `carescale dictionary` to update them");
        return Ok(1);
    }
    Ok(0)
}
