//! Every Python snippet in the README and docs/*.md that reads results is
//! run here against real outputs: a run in `results/demo` and a sweep in
//! `results/my_sweep`, written by the real binary. The snippets are taken
//! from the markdown files themselves, so the docs cannot drift from the
//! files. Snippets that import pandas or matplotlib need them (and pyarrow,
//! for the Parquet snippet) installed; without them (or without python3)
//! the test is skipped loudly, and fails under `CI=true`.

use crate::common::tool_missing;
use std::path::Path;
use std::process::Command;

const TEST: &str = "python_csv::documented_python_snippets_run_on_real_outputs";

/// (file, line, code) of every fenced ```python block in the README and
/// docs/*.md.
fn snippets() -> Vec<(String, usize, String)> {
    crate::common::doc_snippets("python")
}

/// Run the real binary: `carescale ARGS DIR`.
pub(crate) fn carescale(args: &[&str], dir: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_carescale"))
        .args(args)
        .arg(dir)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The outputs the docs' snippets read: a run of the demo in
/// `ROOT/results/demo` and the demo sweep in `ROOT/results/my_sweep`, both
/// short (3 replicates, 12 reported months).
pub(crate) fn documented_results(root: &Path) {
    let results = root.join("results");
    carescale(
        &[
            "run",
            "scenarios/demo.toml",
            "-q",
            "--replicates",
            "3",
            "--set",
            "run.horizon_months=12",
            "--format",
            "both",
            "--out",
        ],
        &results.join("demo"),
    );
    carescale(
        &[
            "sweep",
            "scenarios/sweeps/demo_sweep.toml",
            "-q",
            "--scale",
            "0.002",
            "--replicates",
            "3",
            "--set",
            "run.horizon_months=12",
            "--out",
        ],
        &results.join("my_sweep"),
    );
}

fn python_has(modules: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {modules}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

#[test]
fn documented_python_snippets_run_on_real_outputs() {
    if !python_has("csv") {
        tool_missing(TEST, "python3", "apt-get install -y python3");
        return;
    }
    let snippets = snippets();
    assert!(
        snippets.len() >= 3,
        "the docs' Python snippets: {snippets:?}"
    );
    let needs_packages = snippets
        .iter()
        .any(|s| s.2.contains("import pandas") || s.2.contains("import matplotlib"));
    // pyarrow too: a snippet reads the Parquet tables with pandas.
    let have_packages = python_has("pandas, matplotlib, pyarrow");
    if needs_packages && !have_packages {
        tool_missing(
            TEST,
            "pandas, matplotlib and pyarrow",
            "python3 -m pip install pandas matplotlib pyarrow",
        );
        if crate::common::under_ci() {
            return;
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    documented_results(tmp.path());
    let mut ran = 0;
    for (file, line, code) in &snippets {
        let pandas = code.contains("import pandas") || code.contains("import matplotlib");
        if pandas && !have_packages {
            continue;
        }
        let script = tmp.path().join(format!("snippet_{ran}.py"));
        std::fs::write(&script, code).unwrap();
        let out = Command::new("python3")
            .arg(&script)
            .arg("results/demo")
            .arg("results/my_sweep")
            .current_dir(tmp.path())
            .env("MPLBACKEND", "Agg")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "the Python snippet at {file}:{line} failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        if code.contains("import csv") {
            assert!(
                stdout.contains(
                    "timeseries.csv ['scenario', 'replicate', 'site', 'period', 'metric', 'value']"
                ),
                "{stdout}"
            );
            assert!(stdout.contains("summary.csv ['scenario', 'group', 'metric', 'n', 'mean', 'sd', 'ci_lower', 'ci_upper', 'p10', 'p50', 'p90']"), "{stdout}");
            assert!(stdout.contains("2017-04 "), "{stdout}");
            // The sweep's differences, each cell by its settings, with the unit.
            assert!(
                stdout.contains("rollout.pace_multiplier=0.5; rollout.national_support=0 per 1,000 person-years "),
                "{stdout}"
            );
        }
        ran += 1;
    }
    assert!(ran >= 1);
    if have_packages {
        assert_eq!(ran, snippets.len());
        assert!(tmp.path().join("fan.png").is_file());
        assert!(tmp.path().join("comparison.png").is_file());
    }
}
