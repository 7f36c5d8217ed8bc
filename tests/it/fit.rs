//! `carescale fit` end to end on a small scenario: targets made by the
//! model at a known parameter value, a history match at small scale, the
//! known value non-implausible at the end; the posterior usable as a sweep
//! design; results independent of threads and shards, and a rerun resumes
//! without running anything. (The method's coverage over many trials is
//! checked on an analytic simulator in the library's unit tests.)

use carescale::analysis::calibrate;
use carescale::analysis::fit::{self, config::FitFile, Finished, RunOptions};
use carescale::experiment::executor::{self, Options};
use carescale::experiment::shard::Shard;
use carescale::experiment::sweep::{Overrides, Plan, Sweep};
use carescale::scenario::Scenario;
use std::path::Path;
use std::process::Command;

const SCENARIO: &str = r#"
[scenario]
name = "fit_small"
question = "Can a fit recover a known value?"

[run]
start_date = "2016-04-01"
warm_up_months = 12
horizon_months = 12
replicates = 2
seed = 4242

[population]
personal_risk_sigma = 0.5

[[sites]]
name = "alpha"
population = 20000
"#;

const TRUTH: f64 = 0.6;

/// The target made by the model at the known value, in a replicate the fit
/// does not run (an independent realisation, as the world is).
fn observed() -> f64 {
    // share_general_practice takes up the change (the shares sum to 1).
    let sets = vec![
        format!("routing.share_ae={TRUTH}"),
        format!("routing.share_general_practice={:?}", 0.25 - (TRUTH - 0.61)),
    ];
    let scn = Scenario::from_str(SCENARIO, "s.toml", &sets).unwrap();
    let reps = executor::run_replicates(&scn, 9, 1, &Options::threads(1)).unwrap();
    let t: Vec<_> = calibrate::baseline_targets()
        .into_iter()
        .filter(|t| t.name == "ae_attendances_per_1000")
        .collect();
    calibrate::evaluate(&scn, &reps, None, &t)[0].simulated
}

fn setup(dir: &Path, value: f64) -> FitFile {
    std::fs::write(dir.join("s.toml"), SCENARIO).unwrap();
    let text = format!(
        r#"
[fit]
name = "small"
question = "Recover routing.share_ae."
scenario = "s.toml"
discrepancy_share = 0.0
stochastic_factor = 1.0

[waves]
points = 8
replicates = 4
max_waves = 2
candidates = 2000
posterior_draws = 50
confirm_draws = 2

[[parameters]]
path = "routing.share_ae"
min = 0.5
max = 0.7
balance = "routing.share_general_practice"

[[targets]]
name = "ae_attendances_per_1000"
value = {value:?}
sd = {sd:?}
"#,
        sd = 0.02 * value
    );
    std::fs::write(dir.join("fit.toml"), text).unwrap();
    FitFile::from_file(&dir.join("fit.toml"), &[]).unwrap()
}

fn go(f: &FitFile, out: &Path, threads: usize, shard: Shard) -> Finished {
    fit::run(
        f,
        &RunOptions {
            out: out.to_path_buf(),
            scale: 1.0,
            shard,
            threads,
            force: false,
            on_site: &|| (),
            on_batch: &|_, _| (),
        },
    )
    .unwrap()
}

fn done(f: Finished) -> Box<fit::Summary> {
    match f {
        Finished::Done(s) => s,
        Finished::Waiting { .. } => panic!("the fit is waiting"),
    }
}

#[test]
fn fit_recovers_a_known_value_and_resumes() {
    let d = tempfile::tempdir().unwrap();
    let f = setup(d.path(), observed());
    let out = d.path().join("out");
    let s = done(go(&f, &out, 2, Shard::ALL));
    let o = &s.outcome;
    assert!(!o.posterior.is_empty());
    let truth = f.params[0].to_unit(TRUTH);
    assert!(
        fit::history::non_implausible(&o.waves, &o.targets, &s.spec, &[truth]),
        "the known value was ruled out"
    );
    // The space shrank from the prior.
    assert!(o.waves.last().unwrap().volume < 0.8);
    for name in [
        "CALIBRATION_REPORT.md",
        "posterior.csv",
        "parameters.csv",
        "targets.csv",
        "targets.svg",
        "waves.csv",
        "wave-1/emulator_loo.csv",
        "wave-1/emulator_loo.svg",
        "wave-1/pairs.svg",
        "wave-1/non_implausible.csv",
        "confirm/design.csv",
    ] {
        assert!(out.join(name).exists(), "{name} missing");
    }
    let report = std::fs::read_to_string(out.join("CALIBRATION_REPORT.md")).unwrap();
    for item in [
        "## 1. Parameters",
        "## 2. Calibration targets",
        "## 3. Goodness-of-fit",
        "## 4. Search method",
        "## 5. Acceptance",
        "## 6. Stopping rule",
        "## 7. How the result is used",
    ] {
        assert!(report.contains(item), "{item}");
    }
    let posterior = std::fs::read(out.join("posterior.csv")).unwrap();

    // A rerun resumes: nothing to run, the same results.
    let again = done(go(&f, &out, 1, Shard::ALL));
    assert_eq!(again.runs_done, 0);
    assert_eq!(std::fs::read(out.join("posterior.csv")).unwrap(), posterior);

    // Another thread count, and two shards taking turns, give the same bytes.
    let one = d.path().join("one");
    done(go(&f, &one, 1, Shard::ALL));
    assert_eq!(std::fs::read(one.join("posterior.csv")).unwrap(), posterior);
    let sharded = d.path().join("sharded");
    let mut finished = false;
    for _ in 0..10 {
        let a = go(&f, &sharded, 1, Shard::new(0, 2, "test").unwrap());
        let b = go(&f, &sharded, 1, Shard::new(1, 2, "test").unwrap());
        if matches!(a, Finished::Done(_)) || matches!(b, Finished::Done(_)) {
            finished = true;
            break;
        }
    }
    assert!(finished);
    assert_eq!(
        std::fs::read(sharded.join("posterior.csv")).unwrap(),
        posterior
    );

    // The posterior is a sweep design.
    let sweep = format!(
        "[sweep]\nname = \"with_posterior\"\nquestion = \"q\"\nscenario = \"s.toml\"\nreplicates = 1\n\n[design]\nkind = \"posterior\"\nfile = \"{}\"\n",
        out.join("posterior.csv").display()
    );
    std::fs::write(d.path().join("sweep.toml"), sweep).unwrap();
    let sw = Sweep::from_file(&d.path().join("sweep.toml"), &Overrides::default()).unwrap();
    let plan = Plan::build(&sw).unwrap();
    assert_eq!(plan.cells.len(), 1 + o.posterior.len());
    assert_eq!(
        plan.paths,
        vec![
            "routing.share_ae".to_string(),
            "routing.share_general_practice".to_string()
        ]
    );
}

#[test]
fn a_bad_calibration_file_is_located() {
    let d = tempfile::tempdir().unwrap();
    setup(d.path(), 400.0);
    let text = std::fs::read_to_string(d.path().join("fit.toml"))
        .unwrap()
        .replace("routing.share_ae", "routing.share_aee");
    std::fs::write(d.path().join("fit.toml"), text).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_carescale"))
        .args(["fit", "fit.toml", "-q"])
        .current_dir(d.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(
        e.contains("fit.toml:") && e.contains("parameters[0].path"),
        "{e}"
    );
    assert!(!d.path().join("results").exists());
}
