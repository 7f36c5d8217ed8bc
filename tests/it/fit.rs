//! `carescale fit` end to end on a small scenario: targets made by the
//! model at a known parameter value, a history match at small scale, the
//! known value non-implausible at the end; the posterior usable as a sweep
//! design; results independent of threads and shards, and a rerun resumes
//! without running anything. (The method's coverage over many trials is
//! checked on an analytic simulator in the library's unit tests, and on
//! the real model by `scripts/sbc.py`, whose cheap version runs here.)

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

/// The report's section of the fit in `dir`, links prefixed by `prefix`:
/// the seven items, the plots and the key numbers of the fit's own tables.
fn assert_fit_section(html: &str, dir: &Path, prefix: &str) {
    let read = |n: &str| std::fs::read_to_string(dir.join(n)).unwrap();
    assert!(html.contains("id=\"fit-1\""), "no fit section");
    assert!(html.contains(">History matching: small</h3>"), "fit name");
    for item in [
        "<h4>1. Parameters calibrated and their priors</h4>",
        "<h4>2. Calibration targets</h4>",
        "<h4>3. Goodness-of-fit measure</h4>",
        "<h4>4. Search method</h4>",
        "<h4>5. Acceptance criteria</h4>",
        "<h4>6. Stopping rule</h4>",
        "<h4>7. How the result is used</h4>",
    ] {
        assert!(html.contains(item), "{item} missing");
    }
    // Every wave's leave-one-out plot, the final wave's pairs plot and the
    // targets, inlined.
    let waves = read("waves.csv");
    let n_waves = waves.lines().count() - 1;
    assert!(n_waves >= 1);
    for w in 1..=n_waves {
        assert!(
            html.contains(&format!("<figure id=\"fit-1-loo-{w}\">\n<svg")),
            "LOO plot of wave {w}"
        );
        assert!(html.contains(&format!("Wave {w}: leave-one-out standardised errors")));
        assert!(html.contains(&format!("href=\"{prefix}wave-{w}/emulator_loo.csv\"")));
    }
    assert!(html.contains("<figure id=\"fit-1-pairs\">\n<svg"));
    assert!(html.contains(&format!("Wave {n_waves}: non-implausible space")));
    assert!(html.contains("<figure id=\"fit-1-targets\">\n<svg"));
    assert!(html.contains(&format!("href=\"{prefix}CALIBRATION_REPORT.md\"")));
    // The volume by wave, as the calibration report gives it.
    for line in waves.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let v: f64 = f[3].parse().unwrap();
        let cell = format!(
            "<td>{}</td><td>{}</td><td>{}</td><td>{:.4}%</td>",
            f[0],
            f[1],
            f[2],
            v * 100.0
        );
        assert!(html.contains(&cell), "{cell} missing");
    }
    // The fitted range beside the prior and the value before the fit, and
    // the posterior summary.
    let params = read("parameters.csv");
    let row: Vec<&str> = params.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(row[0], "routing.share_ae");
    let fmt = |s: &str| carescale::analysis::report::fmt(s.parse().unwrap());
    let summary = format!(
        "<tr><td class=\"t\">routing.share_ae</td>{}</tr>",
        [1, 2, 4, 5, 6, 7, 8, 9, 10]
            .iter()
            .map(|&i| format!("<td>{}</td>", fmt(row[i])))
            .collect::<String>()
    );
    assert!(
        html.contains(&summary),
        "posterior summary {summary} missing"
    );
    assert!(
        html.contains("<td><code>routing.share_ae</code></td><td>0.5 to 0.7</td>"),
        "parameter row of item 1"
    );
    let draws = read("posterior.csv").lines().count() - 1;
    assert!(html.contains(&format!(
        "{draws} draws in <a href=\"{prefix}posterior.csv\">"
    )));
    // Each target with its simulated interval.
    assert!(
        html.contains("<td>ae_attendances_per_1000</td>"),
        "target row"
    );
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

    // The HTML report of the fit's folder has its calibration section.
    let page = carescale::analysis::report::write_report(&out, None).unwrap();
    let html = std::fs::read_to_string(page).unwrap();
    assert_fit_section(&html, &out, "");
    assert!(html.contains("carescale fit report"), "page kind");
    assert!(
        !html.contains("id=\"headline\""),
        "a fit has no headline runs"
    );
    assert!(!out.join("plots").exists(), "a fit's plots are its own");
    crate::report_browser::render_check_if_available(&out.join("report.html"), d.path());
    std::fs::remove_file(out.join("report.html")).unwrap();

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

    // A folder holding the fit: its report has the fit's section, with
    // links into the fit's folder.
    let holder = d.path().join("holder");
    std::fs::create_dir(&holder).unwrap();
    carescale::files::write_atomic(
        &holder.join("calibration.csv"),
        b"id,target,pass\n1,x,true\n",
    )
    .unwrap();
    let inner = holder.join("small_fit");
    std::fs::rename(&one, &inner).unwrap();
    let page = carescale::analysis::report::write_report(&holder, None).unwrap();
    let html = std::fs::read_to_string(page).unwrap();
    assert_fit_section(&html, &inner, "small_fit/");
    assert!(
        html.contains("<td class=\"t\">x</td>"),
        "the calibrate table stays"
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

/// Every file below `dir` (relative path, bytes). Left out: the temporary
/// file of a write a kill cut short (a hidden `.NAME.tmp-…`, never read),
/// and, in the calibration report, how many runs this process did.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if p.is_dir() {
                stack.push(p);
            } else if !name.starts_with('.') {
                let rel = p.strip_prefix(dir).unwrap().display().to_string();
                let mut bytes = std::fs::read(&p).unwrap();
                if name == "CALIBRATION_REPORT.md" {
                    let text = String::from_utf8(bytes).unwrap();
                    let cut = text.find(" by this process").expect("runs line");
                    let start = text[..cut].rfind('(').unwrap();
                    bytes = format!("{}{}", &text[..start], &text[cut..]).into_bytes();
                }
                out.push((rel, bytes));
            }
        }
    }
    out.sort();
    out
}

/// A run file of a wave: `p0001-r000.csv`.
fn run_files(dir: &Path) -> Vec<(String, std::time::SystemTime, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    (name.starts_with('p') && name.ends_with(".csv")).then(|| {
                        let p = e.path();
                        let mtime = std::fs::metadata(&p).unwrap().modified().unwrap();
                        (name, mtime, std::fs::read(&p).unwrap())
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// The number before `after` in `text`: `32 model runs (` gives 32.
fn number_before(text: &str, after: &str) -> usize {
    let i = text
        .find(after)
        .unwrap_or_else(|| panic!("`{after}` not in {text}"));
    let digits: String = text[..i]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().unwrap()
}

/// `carescale fit` killed (SIGKILL) in the middle of its first wave, then
/// run again: it finishes, runs only what the first process had not
/// finished (its finished run files are left as they were), and writes
/// the same bytes as a fit never interrupted.
#[test]
fn a_fit_killed_mid_wave_resumes_without_redoing_runs() {
    use std::time::{Duration, Instant};
    let d = tempfile::tempdir().unwrap();
    setup(d.path(), observed());
    // Four batches in wave 1, so that the kill lands inside it even on a
    // fast machine.
    let text = std::fs::read_to_string(d.path().join("fit.toml"))
        .unwrap()
        .replace("points = 8", "points = 16");
    std::fs::write(d.path().join("fit.toml"), text).unwrap();
    let f = FitFile::from_file(&d.path().join("fit.toml"), &[]).unwrap();
    let per_wave = (f.waves.points * f.waves.replicates) as usize;
    assert_eq!(per_wave, 64);
    let fit_cmd = |out: &str, threads: &str| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_carescale"));
        c.args(["fit", "fit.toml", "--out", out, "--threads", threads])
            .current_dir(d.path());
        c
    };
    let whole = fit_cmd("whole", "0").arg("-q").output().unwrap();
    assert_eq!(
        whole.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&whole.stderr)
    );

    // One thread runs the wave in batches of 4 points: the first batch's
    // run files appear while the other three run.
    let runs = d.path().join("killed/wave-1/runs");
    let mut child = fit_cmd("killed", "1").arg("-q").spawn().unwrap();
    let t0 = Instant::now();
    while run_files(&runs).is_empty() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the fit ended ({status}) before it was killed");
        }
        assert!(
            t0.elapsed() < Duration::from_secs(3600),
            "no run file of wave 1 after an hour"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let before = run_files(&runs);
    let k = before.len();
    assert!(
        k > 0 && k < per_wave && !d.path().join("killed/wave-2").exists(),
        "not killed in the middle of wave 1: {k} of {per_wave} runs there (give the test a bigger wave if the machine got faster)"
    );
    assert!(!d.path().join("killed/CALIBRATION_REPORT.md").exists());

    let again = fit_cmd("killed", "1").output().unwrap();
    let err = String::from_utf8_lossy(&again.stderr);
    assert_eq!(again.status.code(), Some(0), "{err}");
    // It ran only wave 1's missing runs, then the rest of the fit.
    assert_eq!(number_before(&err, " runs to do"), per_wave - k, "{err}");
    assert!(err.contains("wave-1: "), "{err}");
    let total = number_before(&err, " model runs (");
    let here = number_before(&err, " here)");
    assert_eq!(here, total - k, "{err}");
    // The finished runs were not run again: same files, untouched.
    let after = run_files(&runs);
    for b in &before {
        assert!(after.contains(b), "{} was rewritten", b.0);
    }
    assert_eq!(after.len(), per_wave);

    let (a, b) = (
        files(&d.path().join("whole")),
        files(&d.path().join("killed")),
    );
    let names = |f: &[(String, Vec<u8>)]| f.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b), "different files");
    for ((n, x), (_, y)) in a.iter().zip(&b) {
        assert!(
            x == y,
            "{n} differs between the whole fit and the resumed one"
        );
    }
    assert!(a.iter().any(|x| x.0 == "posterior.csv"));
}

/// The simulation-based check on the real model (`scripts/sbc.py`) in its
/// cheap version: 2 trials with fixed seeds, 3 parameters drawn from their
/// priors, targets made by one run of a 20,000-person site, fitted; every
/// known value must lie in its non-implausible range and its 90% credible
/// interval, and the intervals must be informative (mean under 60% of the
/// prior range). The committed 20-trial run is in `results/calibration/sbc/`.
#[test]
fn simulation_based_check_recovers_known_values() {
    const TEST: &str = "fit::simulation_based_check_recovers_known_values";
    let python = Command::new("python3").arg("--version").output();
    if !python.map(|o| o.status.success()).unwrap_or(false) {
        crate::common::tool_missing(TEST, "python3", "apt-get install -y python3");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/sbc.py"))
        .args(["--trials", "2", "--population", "20000", "--points", "10"])
        .args(["--carescale", env!("CARGO_BIN_EXE_carescale")])
        .arg("--out")
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "sbc.py failed: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("inside the non-implausible range: 6 of 6"),
        "{stdout}"
    );
    assert!(
        stdout.contains("inside the 90% credible interval: 6 of 6"),
        "{stdout}"
    );
    let table = std::fs::read_to_string(dir.path().join("sbc.csv")).unwrap();
    assert_eq!(table.lines().count(), 1 + 6, "{table}");
}
