//! Every Python snippet in the README and docs/*.md that reads results is
//! run here against real outputs: a run in `results/demo` and a sweep in
//! `results/my_sweep`, written by the real binary. The snippets are taken
//! from the markdown files themselves, so the docs cannot drift from the
//! files. Snippets that import pandas or matplotlib need them installed;
//! without them (or without python3) the test is skipped loudly, and fails
//! under `CI=true`.

use crate::common::tool_missing;
use std::path::{Path, PathBuf};
use std::process::Command;

const TEST: &str = "python_csv::documented_python_snippets_run_on_real_outputs";

/// (file, line, code) of every fenced ```python block in the README and
/// docs/*.md.
fn snippets() -> Vec<(String, usize, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let name = f.strip_prefix(root).unwrap().display().to_string();
        let mut block: Option<(usize, String)> = None;
        for (i, line) in text.lines().enumerate() {
            match &mut block {
                None if line.trim_end() == "```python" => block = Some((i + 2, String::new())),
                Some((start, code)) if line.trim_end() == "```" => {
                    out.push((name.clone(), *start, std::mem::take(code)));
                    block = None;
                }
                Some((_, code)) => {
                    code.push_str(line);
                    code.push('\n');
                }
                None => {}
            }
        }
        assert!(block.is_none(), "{name}: an unclosed ```python block");
    }
    out
}

fn carescale(args: &[&str], dir: &Path) {
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
    let have_packages = python_has("pandas, matplotlib");
    if needs_packages && !have_packages {
        tool_missing(
            TEST,
            "pandas and matplotlib",
            "python3 -m pip install pandas matplotlib",
        );
        if crate::common::under_ci() {
            return;
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let results = tmp.path().join("results");
    let run = results.join("demo");
    let sweep = results.join("my_sweep");
    carescale(
        &[
            "run",
            "scenarios/demo.toml",
            "-q",
            "--replicates",
            "3",
            "--set",
            "run.horizon_months=12",
            "--out",
        ],
        &run,
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
        &sweep,
    );
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
