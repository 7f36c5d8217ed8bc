//! `manifest.json`: what produced a results folder (tool, commit, command,
//! scenario and its hash, seeds, machine, timing).

use crate::scenario::Scenario;

/// Facts about the machine and build for manifests.
pub fn machine() -> serde_json::Value {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    serde_json::json!({
        "os": std::env::consts::OS,
        "arch": std::env::consts::ARCH,
        "cpu": cpu,
        "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
    })
}

/// The git commit carescale was built from.
pub fn git_commit() -> &'static str {
    option_env!("CARESCALE_GIT_COMMIT").unwrap_or("unknown")
}

/// `manifest.json` for a run.
pub fn manifest(
    scn: &Scenario,
    replicates: u32,
    threads: usize,
    wall_seconds: f64,
    command: &[String],
    extra: serde_json::Value,
) -> String {
    let v = serde_json::json!({
        "tool": "carescale",
        "version": env!("CARGO_PKG_VERSION"),
        "git_commit": git_commit(),
        "command": command,
        "scenario": scn.scenario.name,
        "scenario_origin": scn.origin,
        "scenario_sha256": scn.hash,
        "rng": crate::model::rng::RNG_NAME,
        "root_seed": scn.run.seed,
        "crn_key": scn.run.crn_key,
        "replicates": replicates,
        "start_date": scn.run.start_date,
        "warm_up_months": scn.run.warm_up_months,
        "horizon_months": scn.run.horizon_months,
        "threads": threads,
        "machine": machine(),
        "wall_seconds": wall_seconds,
        "currency": scn.costs.currency,
        "price_year": scn.costs.price_year,
        "run": extra,
        "parameters": scn.parameters_json(),
    });
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}
