//! `carescale place`: write a scenario on real places (CCGs of April 2017)
//! found by code or name, or by the ICB of July 2022 they lie in, or all of
//! England as its places or its ICBs.

use carescale::error::{Error, Result};
use carescale::scenario::places;
use carescale::scenario::Scenario;
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct PlaceArgs {
    /// CCG (2017) codes (E38000208 or the ODS code 12F), ICB (July 2022)
    /// codes (E54000008 or the ODS code QYG: the ICB's CCGs) or parts of
    /// names (case-insensitive; "leeds" matches every Leeds CCG; an ICB's
    /// whole name, e.g. "Cheshire and Merseyside", is the ICB).
    queries: Vec<String>,
    /// Match names against ICBs (July 2022) only: each name must name one ICB.
    #[arg(long, conflicts_with = "england")]
    icb: bool,
    /// One site of all the places together, instead of a site a place.
    #[arg(long)]
    combine: bool,
    /// All of England: its 207 places, the vanguard sites on their CCG
    /// footprints (or one site per ICB with --by icb).
    #[arg(long, conflicts_with_all = ["queries", "combine"])]
    england: bool,
    /// With --england: one site per CCG (2017; the default, with the
    /// vanguard sites) or per ICB (July 2022, on its CCGs).
    #[arg(long, value_enum, requires = "england")]
    by: Option<By>,
    /// Scenario name (default: from the places; `england_baseline` with --england, `england_icbs` with --by icb).
    #[arg(long)]
    name: Option<String>,
    /// Write the scenario to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replace --out if it exists.
    #[arg(long)]
    force: bool,
}

/// What a site of England stands on.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    /// One site per CCG of April 2017, the vanguard sites on their footprints.
    Ccg,
    /// One site per ICB of July 2022, on its CCGs of April 2017.
    Icb,
}

/// Write the scenario; it is checked before it is written.
pub fn place(a: PlaceArgs) -> Result<i32> {
    if a.by.is_some() && !a.england {
        return Err(Error::input(
            "--by",
            None,
            "--by needs --england",
            Some("add --england to write all of England one site per CCG or ICB; for one ICB give its code or name, e.g. `carescale place \"Cheshire and Merseyside\"`"),
        ));
    }
    let text = match (a.england, a.by.unwrap_or(By::Ccg)) {
        (true, By::Ccg) => {
            places::england_scenario(a.name.as_deref().unwrap_or("england_baseline"))
        }
        (true, By::Icb) => {
            places::england_icb_scenario(a.name.as_deref().unwrap_or("england_icbs"))
        }
        (false, _) => {
            let found = places::resolve(&a.queries, a.icb)?;
            places::places_scenario(&found, a.combine, a.name.as_deref())
        }
    };
    // The file is checked as a user's file would be, so a bad --name is
    // reported as such.
    let scn = Scenario::from_str(&text, "the scenario written", &[])?;
    match &a.out {
        None => crate::cli::common::say_raw(&text),
        Some(path) => {
            if path.exists() && !a.force {
                return Err(Error::input(
                    "--out",
                    None,
                    format!("`{}` exists", path.display()),
                    Some("choose another file, or add --force to replace it"),
                ));
            }
            carescale::files::write_atomic(path, text.as_bytes())?;
            eprintln!(
                "wrote {} ({} sites, {} people at the start)",
                path.display(),
                scn.sites.len(),
                scn.total_population()
            );
        }
    }
    Ok(0)
}
