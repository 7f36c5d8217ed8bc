//! Command-line tests: every class of bad input gets a located message and
//! exit code 2; good input works; nothing half-written is left behind.

use std::path::Path;
use std::process::{Command, Output};

fn carescale(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carescale"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run carescale")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

const GOOD: &str = "[scenario]\nname = \"t\"\nquestion = \"q?\"\n\n[run]\nwarm_up_months = 1\nhorizon_months = 2\nreplicates = 2\n\n[[sites]]\nname = \"a\"\npopulation = 500\n";

fn write(dir: &Path, name: &str, text: &str) -> String {
    std::fs::write(dir.join(name), text).unwrap();
    name.to_string()
}

fn expect_input_error(text: &str, must_contain: &[&str]) {
    let d = tempfile::tempdir().unwrap();
    let f = write(d.path(), "s.toml", text);
    for cmd in [vec!["validate", f.as_str()], vec!["run", f.as_str(), "-q"]] {
        let o = carescale(&cmd, d.path());
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{cmd:?}: {e}");
        for m in must_contain {
            assert!(e.contains(m), "{cmd:?}: expected {m:?} in:\n{e}");
        }
        assert!(!e.contains("panicked"), "{e}");
    }
    assert!(
        !d.path().join("results").join("t").exists(),
        "no results for bad input"
    );
}

#[test]
fn syntax_error_names_file_line_and_column() {
    expect_input_error(
        &GOOD.replace("replicates = 2", "replicates = = 2"),
        &["s.toml:8:", "help:"],
    );
}

#[test]
fn unknown_key_names_the_key() {
    expect_input_error(
        &GOOD.replace("replicates = 2", "replicates = 2\nreplicatez = 3"),
        &["s.toml:9:1", "replicatez", "docs/PARAMETERS.md"],
    );
}

#[test]
fn wrong_type_is_reported() {
    expect_input_error(
        &GOOD.replace("population = 500", "population = \"many\""),
        &["s.toml:12:14", "sites[0].population", "invalid type"],
    );
}

#[test]
fn probability_above_one_is_out_of_range() {
    expect_input_error(
        &format!("{GOOD}\n[routing]\nae_major_share = 1.2\n"),
        &[
            "s.toml:15:18",
            "routing.ae_major_share",
            "1.2",
            "allowed: a number from 0 to 1",
        ],
    );
}

#[test]
fn negative_rate_is_out_of_range() {
    expect_input_error(
        &format!("{GOOD}\n[demand]\nunmet_need_resolution_per_year = -2\n"),
        &["demand.unmet_need_resolution_per_year", "-2", "allowed"],
    );
}

#[test]
fn zero_population_is_rejected() {
    expect_input_error(
        &GOOD.replace("population = 500", "population = 0"),
        &["s.toml:12:14", "sites[0].population", "from 1"],
    );
}

#[test]
fn shares_that_do_not_sum_to_one_are_rejected() {
    expect_input_error(
        &format!("{GOOD}\n[routing]\nshare_ae = 0.9\n"),
        &["routing.share_ae", "sum to"],
    );
}

#[test]
fn several_problems_are_all_listed() {
    expect_input_error(
        &format!("{GOOD}\n[routing]\nae_major_share = 1.2\n[hospital]\nlos_cv = -1\n"),
        &["ae_major_share", "hospital.los_cv", "(2 problems)"],
    );
}

#[test]
fn missing_file_is_a_clear_error() {
    let d = tempfile::tempdir().unwrap();
    let o = carescale(&["run", "nope.toml"], d.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("nope.toml") && stderr(&o).contains("help:"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn bad_override_is_a_clear_error() {
    let d = tempfile::tempdir().unwrap();
    let f = write(d.path(), "s.toml", GOOD);
    let o = carescale(&["run", &f, "--set", "routing.share_missed"], d.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--set") && stderr(&o).contains("missing `=`"),
        "{}",
        stderr(&o)
    );
    let o = carescale(&["run", &f, "--set", "routing.ae_major_share=3"], d.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--set: key `routing.ae_major_share`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn unwritable_output_folder_is_a_clear_error() {
    let d = tempfile::tempdir().unwrap();
    let f = write(d.path(), "s.toml", GOOD);
    write(d.path(), "afile", "x");
    let o = carescale(&["run", &f, "-q", "--out", "afile/results"], d.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("afile") && stderr(&o).contains("--out"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn run_writes_complete_results_and_refuses_to_overwrite() {
    let d = tempfile::tempdir().unwrap();
    let f = write(d.path(), "s.toml", GOOD);
    let o = carescale(&["run", &f, "-q"], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = d.path().join("results/t");
    for name in [
        "timeseries.csv",
        "timeseries_groups.csv",
        "runs.csv",
        "summary.csv",
        "manifest.json",
    ] {
        assert!(out.join(name).exists(), "{name} missing");
    }
    let ts = std::fs::read_to_string(out.join("timeseries.csv")).unwrap();
    assert!(ts.starts_with("scenario,replicate,site,period,metric,value\n"));
    assert!(
        ts.contains(",2016-05,") && !ts.contains(",2016-04,"),
        "warm-up month reported"
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(
        manifest["rng"].as_str().unwrap().split(',').next(),
        Some("SplitMix64")
    );
    assert_eq!(manifest["replicates"], 2);
    // No hidden partial folder is left.
    let leftovers: Vec<_> = std::fs::read_dir(d.path().join("results"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("partial"))
        .collect();
    assert!(leftovers.is_empty());
    // Again without --force: refused, old results intact.
    let o = carescale(&["run", &f, "-q"], d.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert!(out.join("summary.csv").exists());
    let o = carescale(&["run", &f, "-q", "--force"], d.path());
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn same_seed_same_bytes_any_threads() {
    let d = tempfile::tempdir().unwrap();
    let f = write(d.path(), "s.toml", GOOD);
    let a = carescale(&["run", &f, "-q", "--threads", "1", "--out", "a"], d.path());
    let b = carescale(&["run", &f, "-q", "--threads", "2", "--out", "b"], d.path());
    assert!(a.status.success() && b.status.success());
    for name in [
        "timeseries.csv",
        "timeseries_groups.csv",
        "runs.csv",
        "summary.csv",
    ] {
        assert_eq!(
            std::fs::read(d.path().join("a").join(name)).unwrap(),
            std::fs::read(d.path().join("b").join(name)).unwrap(),
            "{name}"
        );
    }
    let c = carescale(&["run", &f, "-q", "--seed", "8", "--out", "c"], d.path());
    assert!(c.status.success());
    assert_ne!(
        std::fs::read(d.path().join("a/summary.csv")).unwrap(),
        std::fs::read(d.path().join("c/summary.csv")).unwrap()
    );
}

#[test]
fn validate_accepts_the_shipped_scenarios() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files: Vec<String> = std::fs::read_dir(root.join("scenarios"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| p.display().to_string())
        .collect();
    assert!(!files.is_empty());
    let mut args = vec!["validate"];
    args.extend(files.iter().map(String::as_str));
    let o = carescale(&args, root);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
