//! The shared options (`--scale`, `--set`, `--seed`, `--threads`,
//! `--replicates`, `--out`, `--force`) mean the same thing in `run`,
//! `sweep`, `calibrate`, `reps` and `bench`: one test per option and
//! command shows it takes effect, on a one-site scenario of 500 people over
//! three months.
//!
//! Where an option does not apply, the test says so and checks the command
//! refuses it:
//! - `reps --replicates`: `reps` chooses the number of replicates itself
//!   (bounded by `--min` and `--max`), so it is refused.
//! - `bench --out`, `bench --force`: bench writes the outputs it times to a
//!   temporary folder and removes it (its report goes where `--json` says),
//!   so they are not options of bench.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TINY: &str = "[scenario]\nname = \"tiny\"\nquestion = \"q?\"\n\n[run]\nwarm_up_months = 1\nhorizon_months = 2\nreplicates = 2\n\n[[sites]]\nname = \"a\"\npopulation = 500\n";

/// A folder with the tiny scenario (`tiny.toml`) and a two-cell sweep of it
/// (`sweep.toml`).
fn setup() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("tiny.toml"), TINY).unwrap();
    std::fs::write(
        d.path().join("sweep.toml"),
        "[sweep]\nname = \"tiny_sweep\"\nquestion = \"q?\"\nscenario = \"tiny.toml\"\nreplicates = 2\n\n[design]\nkind = \"grid\"\n\n[[parameters]]\npath = \"sites.0.levers.case_management\"\nvalues = [0.0, 1.0]\n",
    )
    .unwrap();
    d
}

fn carescale(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carescale"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run carescale")
}

/// Run and require success (calibrate exits 1 when a target is missed,
/// which a tiny scenario may well do).
fn ok(dir: &Path, args: &[&str]) -> Output {
    let o = carescale(dir, args);
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// The commands that write a results folder, each with its input file.
const WRITERS: [(&str, &str); 4] = [
    ("run", "tiny.toml"),
    ("sweep", "sweep.toml"),
    ("calibrate", "tiny.toml"),
    ("reps", "tiny.toml"),
];

/// Run `cmd` on its file into `out` with `extra` options; returns the
/// folder. `reps` gets a loose target so it stops at its minimum.
fn write(dir: &Path, cmd: &str, out: &str, extra: &[&str]) -> PathBuf {
    let file = WRITERS.iter().find(|w| w.0 == cmd).unwrap().1;
    let mut args = vec![cmd, file, "-q", "--out", out];
    if cmd == "reps" {
        args.extend(["--min", "2", "--max", "2", "--target", "0.9"]);
    }
    args.extend(extra);
    ok(dir, &args);
    dir.join(out)
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// What a command records about its runs: the manifest, and the plan of a
/// plan-based command.
fn record(dir: &Path) -> String {
    let mut s = read(dir, "manifest.json");
    if let Ok(p) = std::fs::read_to_string(dir.join("plan.json")) {
        s.push_str(&p);
    }
    s
}

/// JSON report of `carescale bench tiny.toml` with `extra` options.
fn bench(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["bench", "tiny.toml", "--json", "-"];
    args.extend(extra);
    let o = carescale(dir, &args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

/// The results a command wrote (`runs.csv`, or `calibration.csv`).
fn results(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("runs.csv"))
        .or_else(|_| std::fs::read_to_string(dir.join("calibration.csv")))
        .unwrap()
}

// ---- --scale: every site's population times the factor.

fn scale_takes_effect(cmd: &str) {
    let d = setup();
    let a = write(d.path(), cmd, "a", &[]);
    let b = write(d.path(), cmd, "b", &["--scale", "0.5"]);
    let pop = |r: &str| r.contains("\"population\": 250") || r.contains("population=250");
    assert!(!pop(&record(&a)), "{cmd}: unscaled run has 250 people");
    assert!(
        pop(&record(&b)),
        "{cmd}: --scale 0.5 did not give 250 people"
    );
}

#[test]
fn scale_run() {
    scale_takes_effect("run");
}

#[test]
fn scale_sweep() {
    scale_takes_effect("sweep");
}

#[test]
fn scale_calibrate() {
    scale_takes_effect("calibrate");
}

#[test]
fn scale_reps() {
    scale_takes_effect("reps");
}

#[test]
fn scale_bench() {
    let d = setup();
    // The scenario gives 500 people in mid-2017; the run starts with them
    // grown back to its start date as England's population was.
    let full = bench(d.path(), &[])["population"].as_u64().unwrap();
    let half = bench(d.path(), &["--scale", "0.5"])["population"]
        .as_u64()
        .unwrap();
    assert!((490..=500).contains(&full), "{full}");
    assert!(half.abs_diff(full / 2) <= 1, "{half} vs {full}");
}

// ---- --set: a parameter override.

fn set_takes_effect(cmd: &str) {
    let d = setup();
    let b = write(d.path(), cmd, "b", &["--set", "run.horizon_months=3"]);
    let r = record(&b);
    assert!(
        r.contains("\"horizon_months\": 3") || r.contains("run.horizon_months=3"),
        "{cmd}: --set not applied"
    );
}

#[test]
fn set_run() {
    set_takes_effect("run");
}

#[test]
fn set_sweep() {
    set_takes_effect("sweep");
}

#[test]
fn set_calibrate() {
    set_takes_effect("calibrate");
}

#[test]
fn set_reps() {
    set_takes_effect("reps");
}

#[test]
fn set_bench() {
    let d = setup();
    let r = bench(d.path(), &["--set", "run.horizon_months=3"]);
    assert_eq!(r["horizon_months"], 3);
}

// ---- --seed: the root seed.

fn seed_takes_effect(cmd: &str) {
    let d = setup();
    let a = write(d.path(), cmd, "a", &[]);
    let b = write(d.path(), cmd, "b", &["--seed", "987654"]);
    assert!(record(&b).contains("987654"), "{cmd}: seed not recorded");
    assert_ne!(results(&a), results(&b), "{cmd}: same results");
}

#[test]
fn seed_run() {
    seed_takes_effect("run");
}

#[test]
fn seed_sweep() {
    seed_takes_effect("sweep");
}

#[test]
fn seed_calibrate() {
    let d = setup();
    let b = write(d.path(), "calibrate", "b", &["--seed", "987654"]);
    assert!(record(&b).contains("\"root_seed\": 987654"));
}

#[test]
fn seed_reps() {
    seed_takes_effect("reps");
}

#[test]
fn seed_bench() {
    let d = setup();
    let a = bench(d.path(), &[]);
    let b = bench(d.path(), &["--seed", "987654"]);
    assert_ne!(a["events"], b["events"]);
}

// ---- --threads: the worker threads (results never depend on them).

fn threads_takes_effect(cmd: &str) {
    let d = setup();
    let a = write(d.path(), cmd, "a", &["--threads", "1"]);
    let b = write(d.path(), cmd, "b", &["--threads", "2"]);
    assert!(record(&a).contains("\"threads\": 1"), "{cmd}");
    assert!(record(&b).contains("\"threads\": 2"), "{cmd}");
    assert_eq!(results(&a), results(&b), "{cmd}: threads changed results");
}

#[test]
fn threads_run() {
    threads_takes_effect("run");
}

#[test]
fn threads_sweep() {
    threads_takes_effect("sweep");
}

#[test]
fn threads_calibrate() {
    threads_takes_effect("calibrate");
}

#[test]
fn threads_reps() {
    threads_takes_effect("reps");
}

#[test]
fn threads_bench() {
    let d = setup();
    assert_eq!(bench(d.path(), &["--threads", "1"])["threads"], 1);
    assert_eq!(bench(d.path(), &["--threads", "2"])["threads"], 2);
}

// ---- --replicates: replicates per scenario (per cell in a sweep).

fn replicates_takes_effect(cmd: &str) {
    let d = setup();
    let b = write(d.path(), cmd, "b", &["--replicates", "3"]);
    let r = record(&b);
    assert!(
        r.contains("\"replicates\": 3") || r.contains("\"replicates_per_cell\": [\n    3"),
        "{cmd}: --replicates not applied"
    );
}

#[test]
fn replicates_run() {
    replicates_takes_effect("run");
    let d = setup();
    let b = write(d.path(), "run", "b", &["--replicates", "3"]);
    assert!(read(&b, "runs.csv").contains("tiny,2,"));
}

#[test]
fn replicates_sweep() {
    replicates_takes_effect("sweep");
}

#[test]
fn replicates_calibrate() {
    replicates_takes_effect("calibrate");
}

/// Does not apply: `reps` chooses the number of replicates.
#[test]
fn replicates_reps_is_refused() {
    let d = setup();
    let o = carescale(d.path(), &["reps", "tiny.toml", "--replicates", "3"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--min"));
}

#[test]
fn replicates_bench() {
    let d = setup();
    assert_eq!(bench(d.path(), &["--replicates", "2"])["replicates"], 2);
}

// ---- --out and --force: where results go, and replacing them.

fn out_and_force_take_effect(cmd: &str) {
    let d = setup();
    let a = write(d.path(), cmd, "nested/here", &[]);
    assert!(a.join("manifest.json").exists(), "{cmd}: --out not used");
    let file = WRITERS.iter().find(|w| w.0 == cmd).unwrap().1;
    let mut again = vec![cmd, file, "-q", "--out", "nested/here"];
    if cmd == "reps" {
        again.extend(["--min", "2", "--max", "2", "--target", "0.9"]);
    }
    let o = carescale(d.path(), &again);
    assert_eq!(o.status.code(), Some(2), "{cmd}: overwrote without --force");
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    std::fs::write(a.join("stale.txt"), "x").unwrap();
    again.push("--force");
    ok(d.path(), &again);
    assert!(
        !a.join("stale.txt").exists(),
        "{cmd}: --force did not replace"
    );
}

#[test]
fn out_and_force_run() {
    out_and_force_take_effect("run");
}

#[test]
fn out_and_force_sweep() {
    out_and_force_take_effect("sweep");
}

#[test]
fn out_and_force_calibrate() {
    out_and_force_take_effect("calibrate");
}

#[test]
fn out_and_force_reps() {
    out_and_force_take_effect("reps");
}

/// Does not apply: bench writes to a temporary folder of its own.
#[test]
fn out_and_force_bench_are_not_options() {
    let d = setup();
    for opt in ["--out", "--force"] {
        let mut args = vec!["bench", "tiny.toml", opt];
        if opt == "--out" {
            args.push("x");
        }
        let o = carescale(d.path(), &args);
        assert_eq!(o.status.code(), Some(2), "bench {opt}");
    }
}
