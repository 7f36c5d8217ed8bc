//! `carescale` with no arguments: the embedded demo sweep (pace x national
//! support at the demo places, paired with the same places staying
//! fragmented), then its headline.

use crate::cli::common::Common;
use crate::cli::sweep;
use carescale::analysis::dictionary;
use carescale::error::{Error, Result};
use carescale::output::read;
use carescale::scenario::{Scenario, EMBEDDED_DEFAULT};
use std::path::Path;

/// The embedded default sweep (it runs on [`EMBEDDED_DEFAULT`]).
const EMBEDDED_SWEEP: &str = include_str!("../../scenarios/sweeps/demo_sweep.toml");

/// The metrics of the headline.
const HEADLINE: [&str; 4] = [
    "emergency_admissions_per_1000",
    "ae_attendances_per_1000",
    "delayed_beds_per_100k",
    "crises_missed_per_1000",
];

/// Run the demo sweep into results/demo_sweep and print its headline.
pub fn run() -> Result<i32> {
    let scn = Scenario::from_str(EMBEDDED_DEFAULT, "<embedded demo scenario>", &[])?;
    eprintln!(
        "carescale {}: running the embedded demo sweep on scenario `{}`",
        env!("CARGO_PKG_VERSION"),
        scn.scenario.name
    );
    eprintln!("question: {}", scn.scenario.question.trim());
    // The sweep file names its scenario by relative path: lay both out in a
    // private temporary folder.
    let tmp = std::env::temp_dir().join(format!("carescale-demo-{}", std::process::id()));
    let sweeps = tmp.join("sweeps");
    std::fs::create_dir_all(&sweeps)
        .map_err(|e| Error::io(&sweeps, e, "check that the temporary folder is writable"))?;
    std::fs::write(tmp.join("demo.toml"), EMBEDDED_DEFAULT)
        .map_err(|e| Error::io(&tmp, e, "check that the temporary folder is writable"))?;
    std::fs::write(sweeps.join("demo_sweep.toml"), EMBEDDED_SWEEP)
        .map_err(|e| Error::io(&tmp, e, "check that the temporary folder is writable"))?;
    let common = Common {
        replicates: None,
        seed: None,
        threads: 0,
        set: vec![],
        quiet: false,
        force: true,
        scale: None,
    };
    let out = Path::new("results").join("demo_sweep");
    let res = sweep::run_embedded(sweeps.join("demo_sweep.toml"), out.clone(), common);
    let _ = std::fs::remove_dir_all(&tmp);
    res?;
    print_headline(&out)?;
    eprintln!(
        "results in {}/ (README.md says what each file holds; report: carescale report {})",
        out.display(),
        out.display()
    );
    Ok(0)
}

/// The headline of a sweep: paired differences from the baseline, all
/// sites, each with its unit, the baseline level and the relative change.
fn print_headline(dir: &Path) -> Result<()> {
    let Some(rows) = read::headline(dir, "all", &HEADLINE)? else {
        return Ok(());
    };
    say!("Paired difference from staying fragmented, all places, over the reported period:");
    say!(
        "{:<56} {:<30} {:<27} {:>9} {:>10} {:>8} {:>22}",
        "cell",
        "metric",
        "unit",
        "baseline",
        "difference",
        "change",
        "95% CI of difference"
    );
    for r in rows {
        let rel = r.relative_percent();
        let rel = if rel.is_finite() {
            format!("{rel:+.1}%")
        } else {
            "NA".into()
        };
        say!(
            "{:<56} {:<30} {:<27} {:>9.2} {:>+10.2} {:>8} {:>10.2} to {:<9.2}",
            r.label,
            r.metric,
            dictionary::unit_of(&r.metric),
            r.baseline_mean,
            r.diff,
            rel,
            r.diff_ci.0,
            r.diff_ci.1
        );
    }
    say!("Units of every output: units.csv in the results folder.");
    Ok(())
}
