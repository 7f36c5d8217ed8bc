//! `carescale bench` on the command line (issue #5): bad sizes get a clear
//! message and exit code 2, never a panic; a small run prints the table and
//! writes the JSON report.

use std::process::{Command, Output};

fn bench(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carescale"))
        .arg("bench")
        .args(args)
        .output()
        .expect("run carescale")
}

fn expect_input_error(args: &[&str], must_contain: &str) {
    let o = bench(args);
    let e = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {e}");
    assert!(
        e.contains(must_contain),
        "{args:?}: expected {must_contain:?} in:\n{e}"
    );
    assert!(!e.contains("panicked"), "{e}");
}

#[test]
fn issue_5_bad_sizes_are_input_errors() {
    expect_input_error(&["--population", "0"], "--population");
    expect_input_error(&["--population", "3"], "at least 206");
    expect_input_error(&["--population", "-5"], "-5");
    expect_input_error(&["--population", "lots"], "--population");
    expect_input_error(&["--population", "99999999999"], "limit");
    expect_input_error(&["--population", "7000", "--years", "0"], "--years");
    expect_input_error(&["--population", "7000", "--years", "51"], "1 to 50");
    expect_input_error(
        &["--population", "7000", "--replicates", "0"],
        "--replicates",
    );
    expect_input_error(&["no/such/scenario.toml"], "no/such/scenario.toml");
    expect_input_error(&["--population", "7000", "--set", "run.seed=x"], "--set");
}

#[test]
fn issue_5_small_bench_prints_table_and_writes_json() {
    let d = tempfile::tempdir().unwrap();
    let json = d.path().join("bench.json");
    let o = bench(&[
        "--population",
        "7000",
        "--years",
        "1",
        "--threads",
        "2",
        "--json",
        json.to_str().unwrap(),
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for m in [
        "patient-days",
        "events",
        "set-up",
        "simulation",
        "output",
        "bytes per person",
    ] {
        assert!(out.contains(m), "expected {m:?} in:\n{out}");
    }
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    // The total is shared over England's 206 sites and each site's share is
    // grown from mid-2017 to the start and rounded once: within a person a
    // site of the total asked for.
    let people = v["population"].as_i64().unwrap();
    assert!((people - 7000).abs() <= 206, "{people}");
    assert_eq!(v["horizon_months"], 12);
    assert_eq!(v["threads"], 2);
    assert!(v["events"].as_u64().unwrap() > 0);
    assert!(v["patient_days_per_second"].as_f64().unwrap() > 0.0);
    assert!(v["peak_memory_bytes"].as_u64().is_some());
    assert!(v["machine"]["cpu"].is_string());
}
