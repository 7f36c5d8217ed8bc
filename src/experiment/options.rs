//! The options every simulating command shares (`--scale`, `--set`,
//! `--seed`, `--replicates`), applied to a scenario in one way whatever the
//! command: `run` and `calibrate` through [`load_scenario`], sweeps and
//! `reps` through [`scale_sets`] on each cell's scenario. The thread count
//! is resolved by [`crate::experiment::executor::resolve_threads`].

use crate::error::{Error, Result};
use crate::scenario::Scenario;
use std::path::Path;

/// The shared options of a command, as given on its command line.
#[derive(Clone, Debug, PartialEq)]
pub struct Shared {
    /// `--set` overrides, in order.
    pub sets: Vec<String>,
    /// `--replicates` (overrides `run.replicates`).
    pub replicates: Option<u32>,
    /// `--seed` (overrides `run.seed`).
    pub seed: Option<u64>,
    /// `--scale`: every site's population times this factor (1 = as written).
    pub scale: f64,
}

/// Check a `--scale` factor: above 0 and at most 1.
pub fn check_scale(scale: f64) -> Result<()> {
    if scale.is_finite() && scale > 0.0 && scale <= 1.0 {
        Ok(())
    } else {
        Err(Error::input(
            "--scale",
            None,
            format!("{scale} is out of range"),
            Some("give a factor above 0 and at most 1, e.g. --scale 0.01"),
        ))
    }
}

/// Check a `--replicates` value: at least 1.
pub fn check_replicates(replicates: Option<u32>) -> Result<()> {
    if replicates == Some(0) {
        return Err(Error::input(
            "--replicates",
            None,
            "0 replicates",
            Some("give at least 1"),
        ));
    }
    Ok(())
}

/// The overrides that scale every site's population of `scn` by `scale`
/// (rounded, at least one person a site); none for a scale of 1. Appended
/// after every other override, they make the scaled scenario.
pub fn scale_sets(scn: &Scenario, scale: f64) -> Result<Vec<String>> {
    if scale == 1.0 {
        return Ok(vec![]);
    }
    check_scale(scale)?;
    Ok(scn
        .sites
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                "sites.{i}.population={}",
                ((s.declared_population as f64 * scale).round() as u64).max(1)
            )
        })
        .collect())
}

/// Load a scenario file with the shared options, then `extra` overrides,
/// then the population scale.
pub fn load_scenario(path: &Path, o: &Shared, extra: &[String]) -> Result<Scenario> {
    check_replicates(o.replicates)?;
    let mut sets = o.sets.clone();
    if let Some(r) = o.replicates {
        sets.push(format!("run.replicates={r}"));
    }
    if let Some(s) = o.seed {
        sets.push(format!("run.seed={s}"));
    }
    sets.extend(extra.iter().cloned());
    let scn = Scenario::from_file(path, &sets)?;
    if o.scale == 1.0 {
        return Ok(scn);
    }
    sets.extend(scale_sets(&scn, o.scale)?);
    Scenario::from_file(path, &sets)
}
