//! Every R snippet in the README and docs/*.md is run here against real
//! outputs (a run in `results/demo` and a sweep in `results/my_sweep`,
//! written by the real binary), taken from the markdown files themselves so
//! the docs cannot drift from the files. A page's R snippets run in order
//! as one R session, as a reader would run them down the page (a later
//! snippet may use the packages and objects of an earlier one). Without
//! `Rscript` or the packages the snippets load (readr, dplyr, ggplot2) the
//! test is skipped loudly, and fails under `CI=true`.

use crate::common::{doc_snippets, tool_missing};
use crate::python_csv::documented_results;
use std::collections::BTreeMap;
use std::process::Command;

const TEST: &str = "r_snippets::documented_r_snippets_run_on_real_outputs";

/// Does `Rscript -e CODE` succeed?
fn r_runs(code: &str) -> bool {
    Command::new("Rscript")
        .args(["-e", code])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

#[test]
fn documented_r_snippets_run_on_real_outputs() {
    let snippets = doc_snippets("r");
    assert!(snippets.len() >= 2, "the docs' R snippets: {snippets:?}");
    if !r_runs("invisible(0)") {
        tool_missing(TEST, "R (Rscript)", "apt-get install -y r-base-core");
        return;
    }
    if !r_runs("suppressPackageStartupMessages({library(readr); library(dplyr); library(ggplot2)})")
    {
        tool_missing(
            TEST,
            "the R packages readr, dplyr and ggplot2",
            "apt-get install -y r-cran-readr r-cran-dplyr r-cran-ggplot2",
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    documented_results(tmp.path());
    // One script per page, its snippets in order, each marked by its line
    // so that a failure names the snippet.
    let mut pages: BTreeMap<&str, Vec<(usize, &str)>> = BTreeMap::new();
    for (file, line, code) in &snippets {
        pages
            .entry(file.as_str())
            .or_default()
            .push((*line, code.as_str()));
    }
    for (n, (file, blocks)) in pages.iter().enumerate() {
        let mut script = String::new();
        for (line, code) in blocks {
            script.push_str(&format!("message(\"snippet at {file}:{line}\")\n"));
            script.push_str(code);
            script.push('\n');
        }
        script.push_str("cat(\"all snippets ran\\n\")\n");
        let path = tmp.path().join(format!("page_{n}.R"));
        std::fs::write(&path, &script).unwrap();
        let out = Command::new("Rscript")
            .arg(&path)
            .current_dir(tmp.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let last = stderr
            .lines()
            .rfind(|l| l.starts_with("snippet at "))
            .unwrap_or("before the first snippet");
        assert!(
            out.status.success() && stdout.contains("all snippets ran"),
            "the R snippets of {file} failed ({last}):\n{stdout}\n{stderr}"
        );
    }
    // The plots were drawn (Rscript prints a ggplot to its default PDF device).
    assert!(tmp.path().join("Rplots.pdf").is_file());
}
