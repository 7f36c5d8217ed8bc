//! `carescale place`: write a scenario on real places (CCGs of April 2017)
//! found by code or name, or all of England as its places.

use carescale::error::{Error, Result};
use carescale::scenario::places;
use carescale::scenario::Scenario;
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct PlaceArgs {
    /// CCG (2017) codes (E38000208 or the ODS code 12F) or parts of names
    /// (case-insensitive; "leeds" matches every Leeds CCG).
    queries: Vec<String>,
    /// One site of all the places together, instead of a site a place.
    #[arg(long)]
    combine: bool,
    /// All of England: its 207 places, the vanguard sites on their CCG footprints.
    #[arg(long, conflicts_with_all = ["queries", "combine"])]
    england: bool,
    /// Scenario name (default: from the places; `england_places` with --england).
    #[arg(long)]
    name: Option<String>,
    /// Write the scenario to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replace --out if it exists.
    #[arg(long)]
    force: bool,
}

/// Write the scenario; it is checked before it is written.
pub fn place(a: PlaceArgs) -> Result<i32> {
    let text = if a.england {
        places::england_scenario(a.name.as_deref().unwrap_or("england_places"))
    } else {
        let found = places::resolve(&a.queries)?;
        places::places_scenario(&found, a.combine, a.name.as_deref())
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
