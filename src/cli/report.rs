//! `carescale report`: plots, economics tables and report.html for a
//! results folder.

use carescale::error::Result;
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct ReportArgs {
    /// Results folder of a run, a sweep or `calibrate`, or a fit's folder (or one holding fits).
    dir: PathBuf,
    /// Economic settings (TOML with an [economics] table; default DIR/economics.toml).
    #[arg(long)]
    economics: Option<PathBuf>,
}

/// Write the report; say where it is.
pub fn report(a: ReportArgs) -> Result<i32> {
    let p = carescale::analysis::report::write_report(&a.dir, a.economics.as_deref())?;
    eprintln!("report in {}", p.display());
    Ok(0)
}
