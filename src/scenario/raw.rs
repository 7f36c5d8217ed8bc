//! The scenario file as written: serde structs that mirror the TOML (unknown
//! keys rejected, defaults filled in). Private to the scenario module; the
//! checks in [`super::check`] turn them into the typed [`super::Scenario`].
//!
//! The struct names appear in serde's error messages ("expected struct
//! Adoption"), so they are part of the file format's messages.

use crate::scenario::params::*;
use crate::scenario::ScenarioMeta;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `[[sites]]`: one place (a vanguard footprint, a CCG/ICS, or part of the
/// rest of England).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct SiteSpec {
    /// Unique site name; also keys the site's random streams.
    pub name: String,
    /// Population simulated at the site (people); with `place`, the
    /// places' mid-2017 residents if left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
    /// Real places the site stands on: a CCG (2017) code, or a list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<PlaceCodes>,
    /// Reporting group (e.g. `vanguard`, `comparison`).
    #[serde(default = "default_group")]
    pub group: String,
    /// Relative need (deprivation) index: multiplies every crisis hazard.
    #[serde(default = "one")]
    pub need_index: f64,
    /// Site-specific age-band shares (overrides `population.age_band_share`).
    #[serde(default)]
    pub age_band_share: Option<[f64; 6]>,
    /// Coordination lever strengths (0..1) the site has from the start,
    /// outside any rollout.
    #[serde(default)]
    pub levers: LeverStrengths,
    /// Care models the site adopts, and when.
    #[serde(default)]
    pub adopts: Vec<Adoption>,
    /// Overrides of `[implementation]` for this site (any subset of its keys).
    #[serde(default)]
    pub implementation: Option<toml::Table>,
    /// Extra reporting groups the site belongs to (e.g. `vanguard`).
    #[serde(default)]
    pub tags: Vec<String>,
}

/// `place = "E38000208"` or `place = ["E38000001", "E38000018"]`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub(crate) enum PlaceCodes {
    /// One place.
    One(String),
    /// Several places.
    Many(Vec<String>),
}

impl PlaceCodes {
    /// The codes as a list.
    pub fn codes(&self) -> Vec<String> {
        match self {
            PlaceCodes::One(c) => vec![c.clone()],
            PlaceCodes::Many(v) => v.clone(),
        }
    }
}

/// `adopts = [{ model = "pacs", from = "2015-04-01" }]`: a site takes up a care model.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct Adoption {
    /// Name of a care model (`[care_models.<name>]`).
    pub model: String,
    /// Date the site starts (YYYY-MM-DD), as written.
    pub from: String,
    /// True if the model is copied from elsewhere rather than grown locally.
    #[serde(default)]
    pub imported: bool,
}

/// `[care_models.<name>]`: a named bundle of coordination levers.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct CareModel {
    /// What the model is.
    #[serde(default)]
    pub description: String,
    /// Who case management and care coordination target, as written.
    #[serde(default = "default_segment")]
    pub segment: String,
    /// Strength of each lever at full fidelity (0..1).
    #[serde(default)]
    pub levers: LeverStrengths,
    /// Running cost per head of the site population per year (GBP).
    #[serde(default)]
    pub running_cost_per_head_year_gbp: f64,
    /// One-off set-up cost per head of the site population (GBP).
    #[serde(default)]
    pub setup_cost_per_head_gbp: f64,
    /// Admission-growth advantage (percentage points) under conditional funding.
    #[serde(default)]
    pub conditional_growth_advantage_pp: Option<f64>,
    /// How long the model takes to build and spread, relative to the usual.
    #[serde(default = "one")]
    pub complexity: f64,
    /// Mature effect sizes of this model's levers, overriding `[coordination]`.
    #[serde(default)]
    pub effects: Option<toml::Table>,
}

/// A file of care models only (the built-in bundles).
#[derive(Deserialize)]
pub(crate) struct CareModelsFile {
    #[serde(default)]
    pub care_models: BTreeMap<String, CareModel>,
}

fn default_segment() -> String {
    "frail_or_top_risk".to_string()
}

fn default_group() -> String {
    "all_sites".to_string()
}

fn one() -> f64 {
    1.0
}

/// The whole scenario file as written.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct ScenarioFile {
    /// `[scenario]`
    pub scenario: ScenarioMeta,
    /// `[run]`
    #[serde(default)]
    pub run: RunParams,
    /// `[population]`
    #[serde(default)]
    pub population: PopulationParams,
    /// `[demand]`
    #[serde(default)]
    pub demand: DemandParams,
    /// `[routing]`
    #[serde(default)]
    pub routing: RoutingParams,
    /// `[hospital]`
    #[serde(default)]
    pub hospital: HospitalParams,
    /// `[discharge]`
    #[serde(default)]
    pub discharge: DischargeParams,
    /// `[services]`
    #[serde(default)]
    pub services: ServiceParams,
    /// `[places]`
    #[serde(default)]
    pub places: PlaceParams,
    /// `[fragmentation]`
    #[serde(default)]
    pub fragmentation: FragmentationParams,
    /// `[coordination]`
    #[serde(default)]
    pub coordination: CoordinationParams,
    /// `[costs]`
    #[serde(default)]
    pub costs: CostParams,
    /// `[rollout]`
    #[serde(default)]
    pub rollout: RolloutParams,
    /// `[implementation]`
    #[serde(default)]
    pub implementation: ImplementationParams,
    /// `[care_models.<name>]`: bundles defined or redefined by this scenario.
    #[serde(default)]
    pub care_models: BTreeMap<String, CareModel>,
    /// `[[sites]]`
    pub sites: Vec<SiteSpec>,
}
