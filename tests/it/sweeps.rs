//! Issue #4 (experiments at scale): sweeps end to end through the command
//! line and the library. Small populations and short horizons keep each
//! test to seconds.

use carescale::analysis::compare;
use carescale::error::Error;
use carescale::experiment::executor;
use carescale::experiment::store::{RunStore, WorkDir};
use carescale::experiment::sweep::{Overrides, Plan, Sweep};
use carescale::output;
use carescale::scenario::Scenario;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_carescale"))
}

fn demo() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/demo.toml")
        .display()
        .to_string()
}

const SMALL: &str = r#"set = [
  "sites.0.population=2000",
  "sites.1.population=2000",
  "sites.2.population=2000",
  "run.warm_up_months=0",
  "run.horizon_months=12",
]"#;

/// A 2 x 2 grid on the demo scenario with small sites: 5 cells x 4
/// replicates = 20 runs.
fn grid_sweep(dir: &Path) -> PathBuf {
    let text = format!(
        r#"# Question: a test grid.
[sweep]
name = "grid"
question = "Does the grid machinery work?"
scenario = "{}"
replicates = 4
{SMALL}

[design]
kind = "grid"

[[parameters]]
path = "sites.0.levers.case_management"
values = [0.0, 1.0]

[[parameters]]
path = "coordination.ehch_residential_crisis_rr"
values = [0.5, 0.9]
"#,
        demo()
    );
    let p = dir.join("grid.toml");
    std::fs::write(&p, text).unwrap();
    p
}

fn run_ok(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{:?} failed: {}",
        cmd,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Every file below `dir` (relative path, bytes), manifest.json left out:
/// it records wall time, threads and how the folder was produced.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().unwrap() != "manifest.json" {
                let rel = p.strip_prefix(dir).unwrap().display().to_string();
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn assert_same(a: &Path, b: &Path) {
    let (fa, fb) = (files(a), files(b));
    let names = |f: &[(String, Vec<u8>)]| f.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&fa), names(&fb), "different files");
    for ((n, x), (_, y)) in fa.iter().zip(&fb) {
        assert!(
            x == y,
            "{n} differs between {} and {}",
            a.display(),
            b.display()
        );
    }
    assert!(fa.iter().any(|f| f.0 == "comparisons.csv"));
}

#[test]
fn shards_run_as_processes_merge_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let sweep = grid_sweep(tmp.path());
    let single = tmp.path().join("single");
    run_ok(
        bin()
            .arg("sweep")
            .arg(&sweep)
            .arg("--out")
            .arg(&single)
            .arg("-q"),
    );
    for n in [1u32, 2, 3, 7] {
        let parts: Vec<PathBuf> = (0..n)
            .map(|k| tmp.path().join(format!("n{n}-part{k}")))
            .collect();
        // The shards run at the same time, as separate processes.
        let children: Vec<_> = parts
            .iter()
            .enumerate()
            .map(|(k, p)| {
                bin()
                    .arg("sweep")
                    .arg(&sweep)
                    .arg("--shard")
                    .arg(format!("{k}/{n}"))
                    .args(["--threads", "1", "-q", "--out"])
                    .arg(p)
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut c in children {
            assert!(c.wait().unwrap().success());
        }
        let merged = tmp.path().join(format!("merged{n}"));
        run_ok(
            bin()
                .arg("merge")
                .args(&parts)
                .arg("--out")
                .arg(&merged)
                .arg("-q"),
        );
        assert_same(&single, &merged);
    }
}

#[test]
fn merge_refuses_other_plans_and_names_missing_and_duplicated_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let sweep = grid_sweep(tmp.path());
    let part = |k: u32, n: u32, extra: &[&str]| {
        let p = tmp.path().join(format!("p{k}of{n}{}", extra.len()));
        run_ok(
            bin()
                .arg("sweep")
                .arg(&sweep)
                .arg("--shard")
                .arg(format!("{k}/{n}"))
                .args(extra)
                .arg("-q")
                .arg("--out")
                .arg(&p),
        );
        p
    };
    let (a, b) = (part(0, 2, &[]), part(1, 2, &[]));
    let other = part(1, 2, &["--replicates", "3"]);
    let out = bin()
        .arg("merge")
        .arg(&a)
        .arg(&other)
        .arg("--out")
        .arg(tmp.path().join("m"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("different plan"), "{err}");

    let out = bin()
        .arg("merge")
        .arg(&a)
        .arg("--out")
        .arg(tmp.path().join("m"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("10 of 20 runs are missing"), "{err}");
    assert!(err.contains("baseline r1"), "{err}");
    assert!(err.contains("shard(s) 1 of 2"), "{err}");

    let out = bin()
        .arg("merge")
        .arg(&a)
        .arg(&b)
        .arg(&b)
        .arg("--out")
        .arg(tmp.path().join("m"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("duplicated run"), "{err}");

    run_ok(
        bin()
            .arg("merge")
            .arg(&a)
            .arg(&b)
            .arg("--out")
            .arg(tmp.path().join("m"))
            .arg("-q"),
    );
    // Existing results are not overwritten without --force.
    let out = bin()
        .arg("merge")
        .arg(&a)
        .arg(&b)
        .arg("--out")
        .arg(tmp.path().join("m"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    run_ok(
        bin()
            .arg("merge")
            .arg(&a)
            .arg(&b)
            .arg("--out")
            .arg(tmp.path().join("m"))
            .args(["-q", "--force"]),
    );
}

#[test]
fn resume_after_interruption_gives_identical_output() {
    let tmp = tempfile::tempdir().unwrap();
    let sweep_path = grid_sweep(tmp.path());
    let single = tmp.path().join("single");
    run_ok(
        bin()
            .arg("sweep")
            .arg(&sweep_path)
            .arg("--out")
            .arg(&single)
            .arg("-q"),
    );

    // Interrupt after 7 of 20 runs, as a kill would leave it ...
    let resumed = tmp.path().join("resumed");
    let sw = Sweep::from_file(&sweep_path, &Overrides::default()).unwrap();
    let plan = Plan::build(&sw).unwrap();
    {
        let (wd, _) = WorkDir::open(&resumed, false, &plan, "sweep").unwrap();
        let store = RunStore::new(&wd.work);
        let todo: Vec<_> = plan.runs().collect();
        let r = executor::run_plan(
            &plan,
            &store,
            &todo,
            &executor::Options {
                limit: Some(7),
                ..executor::Options::threads(2)
            },
            &|| {},
        );
        assert!(matches!(r, Err(Error::Interrupted)));
        // ... plus a temporary file cut off mid-write and a run file
        // without its end line (as a crash inside the file system might).
        let runs = wd.work.join("runs");
        std::fs::write(
            runs.join("baseline/.r000003.tmp-99999"),
            "#carescale-run half",
        )
        .unwrap();
        std::fs::create_dir_all(runs.join("c0004")).unwrap();
        let good = std::fs::read_to_string(runs.join("baseline/r000000.csv")).unwrap();
        std::fs::write(runs.join("c0004/r000003.csv"), &good[..good.len() / 2]).unwrap();
        assert_eq!(
            executor::pending(&plan, &store, plan.runs()).len(),
            13,
            "7 of 20 runs should count as complete"
        );
    }
    assert!(
        !resumed.exists(),
        "an unfinished sweep must not look complete"
    );
    let out = run_ok(
        bin()
            .arg("sweep")
            .arg(&sweep_path)
            .arg("--out")
            .arg(&resumed),
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("7 already done, 13 to run"));
    assert_same(&single, &resumed);

    // A real kill -9 once a few runs are on disk, then a restart.
    let reps = ["--replicates", "12"];
    let single12 = tmp.path().join("single12");
    run_ok(
        bin()
            .arg("sweep")
            .arg(&sweep_path)
            .args(reps)
            .arg("-q")
            .arg("--out")
            .arg(&single12),
    );
    let killed = tmp.path().join("killed");
    let work = tmp.path().join(".killed.sweep-work/runs");
    let mut child = bin()
        .arg("sweep")
        .arg(&sweep_path)
        .args(reps)
        .args(["-q", "--threads", "1", "--out"])
        .arg(&killed)
        .spawn()
        .unwrap();
    let count = || {
        std::fs::read_dir(&work)
            .map(|d| {
                d.flatten()
                    .map(|c| std::fs::read_dir(c.path()).map(|f| f.count()).unwrap_or(0))
                    .sum::<usize>()
            })
            .unwrap_or(0)
    };
    let t0 = std::time::Instant::now();
    while count() < 3 && t0.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    let _ = child.wait();
    assert!(
        !killed.exists(),
        "killed before the end: nothing may look complete"
    );
    let out = run_ok(
        bin()
            .arg("sweep")
            .arg(&sweep_path)
            .args(reps)
            .arg("--out")
            .arg(&killed),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains(" 0 already done"), "{err}");
    assert_same(&single12, &killed);
}

#[test]
fn pairing_shrinks_the_interval_of_a_difference() {
    // Case management at full strength at one site, compared with the
    // baseline replicate by replicate: once with common random numbers
    // (same crn_key), once with independent streams (another crn_key).
    let small = [
        "sites.0.population=2000",
        "sites.1.population=2000",
        "sites.2.population=2000",
        "run.warm_up_months=0",
        "run.horizon_months=12",
    ];
    let scn = |extra: &[&str]| {
        let mut s: Vec<String> = small.iter().map(|x| x.to_string()).collect();
        s.extend(extra.iter().map(|x| x.to_string()));
        Scenario::from_str(carescale::scenario::EMBEDDED_DEFAULT, "demo", &s).unwrap()
    };
    let values = |s: &Scenario| {
        let reps = executor::run_replicates(s, 0, 20, &executor::Options::threads(0)).unwrap();
        let table = output::run_table(s, &reps);
        let k = output::run_metric_names()
            .iter()
            .position(|m| *m == "emergency_admissions_per_1000")
            .unwrap();
        let all = table.iter().find(|(g, _)| g == "all").unwrap();
        all.1.iter().map(|v| v[k]).collect::<Vec<f64>>()
    };
    let cell = values(&scn(&["sites.0.levers.case_management=1"]));
    let base_crn = values(&scn(&[]));
    let base_indep = values(&scn(&["run.crn_key=1"]));
    let paired = compare::paired(&cell, &base_crn);
    let indep = compare::paired(&cell, &base_indep);
    let hw = |p: &compare::Paired| (p.diff_ci_upper - p.diff_ci_lower) / 2.0;
    let shrink = hw(&indep) / hw(&paired);
    eprintln!(
        "difference in emergency admissions per 1000, 20 replicates: paired half-width {:.4}, independent {:.4}, shrink x{shrink:.1}",
        hw(&paired),
        hw(&indep)
    );
    // Both estimate the same difference; pairing makes it many times tighter.
    assert!(
        shrink > 4.0,
        "pairing shrank the interval only x{shrink:.2}"
    );
    assert!(hw(&paired) < compare::unpaired_half_width(&cell, &base_crn) / 4.0);
}

#[test]
fn plans_are_deterministic() {
    let tmp = tempfile::tempdir().unwrap();
    let text = format!(
        r#"[sweep]
name = "psa"
question = "q?"
scenario = "{}"
replicates = 2
{SMALL}

[design]
kind = "psa"
samples = 40
sampling = "lhs"

[[parameters]]
path = "coordination.ehch_residential_crisis_rr"
dist = "lognormal"
interval = [0.42, 0.86]
truncate = [0.42, 1.0]

[[parameters]]
path = "coordination.uec_ae_diversion"
dist = "beta"
mean = 0.12
se = 0.04
truncate = [0.0, 0.5]
"#,
        demo()
    );
    let p = tmp.path().join("psa.toml");
    std::fs::write(&p, &text).unwrap();
    let a = Plan::build(&Sweep::from_file(&p, &Overrides::default()).unwrap()).unwrap();
    let b = Plan::build(&Sweep::from_file(&p, &Overrides::default()).unwrap()).unwrap();
    assert_eq!(a.plan_sha256, b.plan_sha256);
    assert_eq!(a.cells, b.cells);
    assert_eq!(a.cells.len(), 41);
    assert_eq!(a.n_runs(), 82);
    let c = Plan::build(
        &Sweep::from_file(
            &p,
            &Overrides {
                seed: Some(7),
                ..Overrides::default()
            },
        )
        .unwrap(),
    )
    .unwrap();
    assert_ne!(a.plan_sha256, c.plan_sha256);
    assert_ne!(a.cells[1].values, c.cells[1].values);
    // Every value drawn is inside its truncation.
    for cell in &a.cells[1..] {
        let v: f64 = cell.values[0].parse().unwrap();
        assert!((0.42..=1.0).contains(&v), "{v}");
    }
    // Every run of the real plan is in exactly one shard, whatever N.
    let all: Vec<(usize, u32)> = a.runs().collect();
    for n in 1..=9u32 {
        let mut got: Vec<(usize, u32)> = (0..n)
            .flat_map(|k| {
                executor::shard_runs(
                    &a,
                    carescale::experiment::shard::Shard { index: k, count: n },
                )
            })
            .collect();
        got.sort();
        assert_eq!(got, all, "{n} shards");
    }
    // The plan file reads back with the same hash.
    let back = Plan::from_json(&a.to_json(), Path::new("plan.json")).unwrap();
    assert_eq!(back.plan_sha256, a.plan_sha256);
}

#[test]
fn psa_and_oat_sweeps_write_their_tables() {
    let tmp = tempfile::tempdir().unwrap();
    let text = format!(
        r#"[sweep]
name = "oat"
question = "q?"
scenario = "{}"
replicates = 2
timeseries = false
{SMALL}

[design]
kind = "oat"

[[parameters]]
path = "coordination.ehch_residential_crisis_rr"
low = 0.42
high = 0.86

[[parameters]]
path = "sites.0.levers.enhanced_care_home_support"
low = 0
high = 1
"#,
        demo()
    )
    // Enhanced care-home support on at the north site, so its effect size matters.
    .replace(
        "\"run.horizon_months=12\",",
        "\"run.horizon_months=12\",\n  \"sites.0.levers.enhanced_care_home_support=1\",",
    );
    let p = tmp.path().join("oat.toml");
    std::fs::write(&p, &text).unwrap();
    let out = tmp.path().join("oat");
    run_ok(bin().arg("sweep").arg(&p).arg("-q").arg("--out").arg(&out));
    let sc = std::fs::read_to_string(out.join("scenarios.csv")).unwrap();
    assert!(sc.starts_with("cell,label,scenario,replicates,coordination.ehch_residential_crisis_rr,sites.0.levers.enhanced_care_home_support,oat_parameter,oat_level\n"), "{sc}");
    assert!(
        sc.contains("\nbaseline,baseline,demo,2,0.58,1,NA,NA\n"),
        "{sc}"
    );
    assert!(sc.contains("\nc0002,coordination.ehch_residential_crisis_rr low: 0.42,demo,2,0.42,1,coordination.ehch_residential_crisis_rr,low\n"), "{sc}");
    assert!(!out.join("timeseries.csv").exists());
    let t = std::fs::read_to_string(out.join("tornado.csv")).unwrap();
    let row = t
        .lines()
        .find(|l| {
            l.starts_with("coordination.ehch_residential_crisis_rr,0.58,0.42,0.86,north,crises,2,")
        })
        .unwrap_or_else(|| panic!("{t}"));
    // Fewer care-home crises at the low rate ratio than at the high one.
    let f: Vec<f64> = row.split(',').skip(7).map(|x| x.parse().unwrap()).collect();
    assert!(f[1] < f[2], "{row}");
    assert_eq!(
        t.lines()
            .filter(|l| l.starts_with("sites.0.levers.enhanced_care_home_support,1,0,1,"))
            .count(),
        t.lines().count() / 2
    );
    assert!(
        !out.join("runs").exists(),
        "run files are removed unless --keep-runs"
    );

    let psa = text
        .replace("name = \"oat\"", "name = \"psa\"")
        .replace("kind = \"oat\"", "kind = \"psa\"\nsamples = 3")
        .replace(
            "low = 0.42\nhigh = 0.86",
            "dist = \"pert\"\nmin = 0.42\nmode = 0.65\nmax = 0.86",
        )
        .replace(
            "low = 0\nhigh = 1",
            "dist = \"beta\"\ninterval = [0.3, 0.9]",
        );
    let p = tmp.path().join("psa.toml");
    std::fs::write(&p, psa).unwrap();
    let out = tmp.path().join("psa");
    run_ok(bin().arg("sweep").arg(&p).arg("-q").arg("--out").arg(&out));
    let pp = std::fs::read_to_string(out.join("psa_params.csv")).unwrap();
    assert!(pp.contains("\ncoordination.ehch_residential_crisis_rr,pert,native,min,0.42,mode,0.65,max,0.86,lambda,4,NA,NA,"), "{pp}");
    assert!(
        pp.contains("\nsites.0.levers.enhanced_care_home_support,beta,interval,alpha,"),
        "{pp}"
    );
    let cmp = std::fs::read_to_string(out.join("comparisons.csv")).unwrap();
    assert!(cmp
        .lines()
        .any(|l| l.starts_with("c0003,all,emergency_admissions_per_1000,2,")));
}

#[test]
fn design_table_from_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let sweep = grid_sweep(tmp.path());
    let table = tmp.path().join("design.csv");
    std::fs::write(
        &table,
        "cell,sites.0.levers.case_management,run.horizon_months\nlow,0.25,12\nhigh,1,6\n",
    )
    .unwrap();
    let out = tmp.path().join("t");
    run_ok(
        bin()
            .arg("sweep")
            .arg(&sweep)
            .arg("--design-table")
            .arg(&table)
            .args(["-q", "--replicates", "2", "--out"])
            .arg(&out),
    );
    let sc = std::fs::read_to_string(out.join("scenarios.csv")).unwrap();
    assert_eq!(sc, "cell,label,scenario,replicates,sites.0.levers.case_management,run.horizon_months\nbaseline,baseline,demo,2,0,12\nlow,sites.0.levers.case_management=0.25; run.horizon_months=12,demo,2,0.25,12\nhigh,sites.0.levers.case_management=1; run.horizon_months=6,demo,2,1,6\n");
    let bad = tmp.path().join("bad.csv");
    std::fs::write(&bad, "sites.0.levers.case_management\n0.5\n\n7\n").unwrap();
    let out = bin()
        .arg("sweep")
        .arg(&sweep)
        .arg("--design-table")
        .arg(&bad)
        .arg("--dry-run")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cell c0002") && err.contains("out of range"),
        "{err}"
    );
}

#[test]
fn bad_sweep_files_are_located() {
    let tmp = tempfile::tempdir().unwrap();
    let sweep = grid_sweep(tmp.path());
    let text = std::fs::read_to_string(&sweep).unwrap();
    let check = |name: &str, t: String, want: &[&str]| {
        let p = tmp.path().join(name);
        std::fs::write(&p, t).unwrap();
        let out = bin()
            .arg("sweep")
            .arg(&p)
            .arg("--dry-run")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        for w in want {
            assert!(err.contains(w), "{name}: `{w}` not in\n{err}");
        }
    };
    check(
        "range.toml",
        text.replace("values = [0.5, 0.9]", "values = [0.5, 1.9]"),
        &[
            "range.toml:24:",
            "parameters[1].values",
            "1.9",
            "allowed: a number from 0.42 to 1",
        ],
    );
    check(
        "unknown.toml",
        text.replace("values = [0.0, 1.0]", "valus = [0.0, 1.0]"),
        &["unknown.toml:20:", "unknown field `valus`"],
    );
    check(
        "kind.toml",
        text.replace("kind = \"grid\"", "kind = \"tornado\""),
        &[
            "kind.toml:16:",
            "design.kind",
            "allowed: grid, oat, lhs, psa, table, posterior or none",
        ],
    );
    check(
        "dist.toml",
        text.replace("kind = \"grid\"", "kind = \"psa\"\nsamples = 5")
            .replace(
                "values = [0.0, 1.0]",
                "dist = \"normal\"\nmean = 0.5\nsd = 0.2",
            )
            .replace("values = [0.5, 0.9]", "dist = \"beta\"\nmean = 0.5"),
        &[
            "parameters[0].dist",
            "add truncate = [0, 1]",
            "parameters[1].dist",
            "a beta needs alpha, beta; or mean and se",
        ],
    );
    check(
        "path.toml",
        text.replace(
            "coordination.ehch_residential_crisis_rr",
            "coordination.no_such_key",
        ),
        &[
            "path.toml:23:",
            "key `parameters[1]`",
            "c0001",
            "c0003",
            "unknown field `no_such_key`",
        ],
    );
}

#[test]
fn replications_by_precision_do_not_depend_on_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |threads: &str, out: &str| {
        let out = tmp.path().join(out);
        let o = run_ok(
            bin()
                .arg("reps")
                .arg(demo())
                .args([
                    "--metric",
                    "emergency_admissions_per_1000",
                    "--target",
                    "0.02",
                    "--min",
                    "3",
                    "--max",
                    "12",
                ])
                .args([
                    "--set",
                    "sites.0.population=2000",
                    "--set",
                    "sites.1.population=2000",
                    "--set",
                    "sites.2.population=2000",
                ])
                .args([
                    "--set",
                    "run.warm_up_months=0",
                    "--set",
                    "run.horizon_months=12",
                ])
                .args(["-q", "--threads", threads, "--out"])
                .arg(&out),
        );
        (
            std::fs::read_to_string(out.join("replications.csv")).unwrap(),
            String::from_utf8_lossy(&o.stdout).to_string(),
        )
    };
    let (a, table) = run("1", "a");
    let (b, _) = run("2", "b");
    assert_eq!(a, b);
    let row: Vec<&str> = a.lines().nth(1).unwrap().split(',').collect();
    let n: u32 = row[6].parse().unwrap();
    assert!((3..=12).contains(&n), "{a}");
    let share: f64 = row[9].parse().unwrap();
    assert!(share <= 0.02 || n == 12, "{a}");
    assert!(table.contains("baseline"), "{table}");
}

/// `sweep --scale` scales every cell's site populations as `run --scale`
/// does, records it in the plan, and changes the results.
#[test]
fn sweep_scale_scales_every_cell() {
    let tmp = tempfile::tempdir().unwrap();
    let sweep = grid_sweep(tmp.path());
    // In the library: every cell's scenario has half the people.
    let ov = Overrides {
        replicates: Some(1),
        scale: Some(0.5),
        ..Overrides::default()
    };
    let plain = Plan::build(&Sweep::from_file(&sweep, &Overrides::default()).unwrap()).unwrap();
    let scaled = Plan::build(&Sweep::from_file(&sweep, &ov).unwrap()).unwrap();
    assert_eq!(scaled.population_scale, 0.5);
    assert_ne!(plain.plan_sha256, scaled.plan_sha256);
    for c in 0..scaled.cells.len() {
        let pops = |p: &Plan| -> Vec<u64> {
            p.scenario(c)
                .unwrap()
                .sites
                .iter()
                .map(|s| s.declared_population)
                .collect()
        };
        assert_eq!(pops(&scaled), vec![1000, 1000, 1000], "cell {c}");
        assert_eq!(pops(&plain), vec![2000, 2000, 2000], "cell {c}");
    }
    // On the command line: the scaled sweep's results differ.
    let run = |name: &str, extra: &[&str]| {
        let out = tmp.path().join(name);
        run_ok(
            bin()
                .arg("sweep")
                .arg(&sweep)
                .args(["--replicates", "1", "-q", "--out"])
                .arg(&out)
                .args(extra),
        );
        out
    };
    let a = run("plain", &[]);
    let b = run("scaled", &["--scale", "0.5"]);
    let read = |d: &Path, f: &str| std::fs::read_to_string(d.join(f)).unwrap();
    assert_ne!(read(&a, "runs.csv"), read(&b, "runs.csv"));
    assert!(read(&b, "plan.json").contains("sites.0.population=1000"));
    assert!(read(&b, "manifest.json").contains("\"population_scale\": 0.5"));
    // A bad factor is an input error, as in `run`.
    let o = bin()
        .arg("sweep")
        .arg(&sweep)
        .args(["--scale", "2", "-q", "--out"])
        .arg(tmp.path().join("bad"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--scale"));
}

/// A sweep file's `scale` scales every cell as `--scale` does; `--scale`
/// on the command line overrides it; a factor out of range is an input
/// error located at the key.
#[test]
fn a_sweep_file_s_scale_is_used_and_overridden() {
    let tmp = tempfile::tempdir().unwrap();
    let sweep = grid_sweep(tmp.path());
    let text = std::fs::read_to_string(&sweep).unwrap();
    let with = |line: &str| {
        let t = text.replacen("[sweep]\n", &format!("[sweep]\n{line}\n"), 1);
        assert_ne!(t, text, "the grid sweep has a [sweep] header");
        let p = tmp.path().join(format!("s{}.toml", line.len()));
        std::fs::write(&p, t).unwrap();
        p
    };
    let half = with("scale = 0.5");
    let plan = Plan::build(&Sweep::from_file(&half, &Overrides::default()).unwrap()).unwrap();
    assert_eq!(plan.population_scale, 0.5);
    let pops: Vec<u64> = plan
        .scenario(0)
        .unwrap()
        .sites
        .iter()
        .map(|s| s.declared_population)
        .collect();
    assert_eq!(pops, vec![1000, 1000, 1000]);
    let ov = Overrides {
        scale: Some(1.0),
        ..Overrides::default()
    };
    let full = Plan::build(&Sweep::from_file(&half, &ov).unwrap()).unwrap();
    assert_eq!(full.population_scale, 1.0);
    let bad = with("scale = 1.5");
    let o = bin()
        .arg("sweep")
        .arg(&bad)
        .args(["--dry-run"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("sweep.scale") && err.contains("out of range"),
        "{err}"
    );
}
