//! Shared helpers for the integration tests.

use carescale::experiment::executor::{self, Replicate};
use carescale::scenario::Scenario;

/// A small scenario: three sites, a 6-month warm-up and 24 reported months.
pub const SMALL: &str = r#"
[scenario]
name = "small"
question = "Test scenario: does the engine behave?"

[run]
warm_up_months = 6
horizon_months = 24
replicates = 3
seed = 12345

[[sites]]
name = "alpha"
population = 6000
group = "north"

[[sites]]
name = "beta"
population = 4000
group = "north"
need_index = 1.1

[[sites]]
name = "gamma"
population = 5000
group = "south"
"#;

/// Parse scenario text with overrides; panics on error (tests only).
pub fn scenario(text: &str, sets: &[&str]) -> Scenario {
    let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
    Scenario::from_str(text, "test.toml", &sets).unwrap_or_else(|e| panic!("{e}"))
}

/// Run all replicates on `threads` threads.
pub fn run(scn: &Scenario, threads: usize) -> Vec<Replicate> {
    executor::run_replicates(
        scn,
        0,
        scn.run.replicates,
        &executor::Options::threads(threads),
    )
    .unwrap()
}

/// Total of an accumulator over the reported months and all sites, per replicate.
pub fn totals(scn: &Scenario, reps: &[Replicate], metric: usize) -> Vec<f64> {
    let tl = executor::timeline(scn);
    let all: Vec<usize> = (0..scn.sites.len()).collect();
    reps.iter()
        .map(|r| {
            carescale::output::totals(r, &all, tl.warm_up_months as usize..tl.n_months())[metric]
        })
        .collect()
}

/// Is the run under continuous integration (`CI=true`, as CI services set
/// it)?
pub fn under_ci() -> bool {
    std::env::var("CI")
        .map(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "true" | "1" | "yes"))
        .unwrap_or(false)
}

/// A test that needs an external tool which is missing: under `CI=true`
/// that is a failure; elsewhere a visible "skipped" line, written to the
/// process's stderr directly so the test harness does not swallow it.
pub fn tool_missing(test: &str, tool: &str, install: &str) {
    if under_ci() {
        panic!("{test}: {tool} is not installed but CI=true: {install}");
    }
    use std::io::Write as _;
    let _ = writeln!(
        std::io::stderr(),
        "test {test} ... SKIPPED: {tool} not found ({install}); not run, not passed"
    );
}

/// (file, line, code) of every fenced code block in language `lang`
/// (```` ```python ````, ```` ```r ````) in the README and docs/*.md, in
/// file order.
pub fn doc_snippets(lang: &str) -> Vec<(String, usize, String)> {
    use std::path::{Path, PathBuf};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    let fence = format!("```{lang}");
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let name = f.strip_prefix(root).unwrap().display().to_string();
        let mut block: Option<(usize, String)> = None;
        for (i, line) in text.lines().enumerate() {
            match &mut block {
                None if line.trim_end() == fence => block = Some((i + 2, String::new())),
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
        assert!(block.is_none(), "{name}: an unclosed {fence} block");
    }
    out
}
