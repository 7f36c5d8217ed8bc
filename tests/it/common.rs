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
