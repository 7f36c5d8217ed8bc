//! `carescale growth`: growth of a rate per 1,000 population between two
//! periods of a run's results, per site and group, as CSV on stdout.

use carescale::analysis::growth::{self, Window};
use carescale::error::{Error, Result};
use carescale::output;
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct GrowthArgs {
    /// A results folder written by `carescale run`.
    results: PathBuf,
    /// Base period, YYYY-MM..YYYY-MM (inclusive).
    #[arg(long)]
    from: String,
    /// Comparison period, YYYY-MM..YYYY-MM (inclusive).
    #[arg(long)]
    to: String,
    /// The count whose rate per 1,000 grows (an accumulator in docs/OUTPUTS.md).
    #[arg(long, default_value = "emergency_admissions")]
    metric: String,
    /// Split the growth a year of emergency admissions (counts, not per
    /// 1,000) into its drivers: population size, age structure, frailty at
    /// a given age, and rates within age and frailty (docs/MODEL.md 7.12).
    #[arg(long, conflicts_with = "metric")]
    drivers: bool,
}

/// Print the growth table.
pub fn growth(a: GrowthArgs) -> Result<i32> {
    let window = |flag: &str, s: &str| {
        Window::parse(s).ok_or_else(|| {
            Error::input(
                flag,
                None,
                format!("`{s}` is not a period"),
                Some("write YYYY-MM..YYYY-MM, e.g. 2015-04..2016-03"),
            )
        })
    };
    let (from, to) = (window("--from", &a.from)?, window("--to", &a.to)?);
    if a.drivers {
        let rows = growth::drivers_from_results(&a.results, from, to)?;
        say!("group,driver,from,to,n,mean_growth_per_year,ci_lower,ci_upper");
        for r in rows {
            for (name, s) in carescale::analysis::drivers::DRIVERS.iter().zip(&r.drivers) {
                say!(
                    "{},{name},{from},{to},{},{},{},{}",
                    r.group,
                    s.n,
                    output::num(s.mean),
                    output::num(s.ci_lower),
                    output::num(s.ci_upper)
                );
            }
        }
        return Ok(0);
    }
    let rows = growth::from_results(&a.results, &a.metric, from, to)?;
    say!("group,metric,from,to,n,mean_growth,ci_lower,ci_upper");
    for r in rows {
        let s = r.summary;
        say!(
            "{},{}_per_1000,{from},{to},{},{},{},{}",
            r.group,
            a.metric,
            s.n,
            output::num(s.mean),
            output::num(s.ci_lower),
            output::num(s.ci_upper)
        );
    }
    Ok(0)
}
