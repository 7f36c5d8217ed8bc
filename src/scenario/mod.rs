//! Scenario files: TOML parsed into raw serde structs (unknown keys
//! rejected), overridden by `--set key.path=value`, then checked once and
//! turned into a [`Scenario`] whose invariants hold from then on. Every
//! problem is reported with file, line, column and key path.
//!
//! The steps, one submodule each: `raw` (the serde structs of the file as
//! written, private to this module), `overrides` (`--set`), `locate`
//! (positions in the TOML text), `check` (validation into the typed parts
//! below), [`params`] (the parameter registry) and [`dates`].

mod check;
pub mod dates;
pub mod lever;
mod locate;
mod overrides;
pub mod params;
pub mod places;
mod raw;

pub use locate::{line_col, locate, toml_input_error};
pub use overrides::apply_override;

use crate::error::{Error, Result};
use crate::scenario::dates::Date;
use crate::scenario::params::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// `[scenario]`: what the scenario is and the question it answers.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScenarioMeta {
    /// Short name (letters, digits, `_`, `-`); names the results folder.
    pub name: String,
    /// The question the scenario answers, in a sentence.
    pub question: String,
    /// Optional longer description.
    #[serde(default)]
    pub description: String,
}

/// Who case management and care coordination target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Moderate or severe frailty, or personal risk above the threshold.
    FrailOrTopRisk,
    /// Moderate or severe frailty.
    Frail,
    /// Personal risk above the threshold.
    TopRisk,
    /// Everyone aged 65 and over.
    Older,
}

impl Segment {
    fn parse(s: &str) -> Option<Segment> {
        match s {
            "frail_or_top_risk" => Some(Segment::FrailOrTopRisk),
            "frail" => Some(Segment::Frail),
            "top_risk" => Some(Segment::TopRisk),
            "older_65_plus" => Some(Segment::Older),
            _ => None,
        }
    }
}

/// The built-in care models as TOML, by name (`[care_models.<name>]` of
/// `scenarios/care_models.toml`).
pub(crate) fn built_in_care_models_table() -> toml::Table {
    toml::from_str::<toml::Table>(BUILT_IN_CARE_MODELS)
        .ok()
        .and_then(|mut t| t.remove("care_models"))
        .and_then(|v| match v {
            toml::Value::Table(t) => Some(t),
            _ => None,
        })
        .unwrap_or_default()
}

/// A named bundle of coordination levers (`[care_models.<name>]`), checked.
/// Its effect sizes open a [`Phase`] at each adopting site from the
/// adoption's date.
#[derive(Clone, Debug, PartialEq)]
pub struct CareModel {
    /// What the model is.
    pub description: String,
    /// Who case management and care coordination target.
    pub segment: Segment,
    /// Strength of each lever at full fidelity (0..1).
    pub levers: LeverStrengths,
    /// Running cost per head of the site population per year, once fully adopted (GBP).
    pub running_cost_per_head_year_gbp: f64,
    /// One-off set-up cost per head of the site population, spent as units adopt (GBP).
    pub setup_cost_per_head_gbp: f64,
    /// Admission-growth advantage (percentage points) the model must show
    /// when funding is conditional; `None` for `rollout.conditional_growth_advantage_pp`.
    pub conditional_growth_advantage_pp: Option<f64>,
    /// How long the model takes to build and spread, relative to the usual
    /// (multiplies `build_months` and divides adoption times).
    pub complexity: f64,
}

/// A site takes up a care model.
#[derive(Clone, Debug, PartialEq)]
pub struct Adoption {
    /// Name of a care model (a key of [`Scenario::models`]).
    pub model: String,
    /// Date the site starts.
    pub from: Date,
    /// True if the model is copied from elsewhere rather than grown locally
    /// (pays the context-fit penalty).
    pub imported: bool,
}

/// One place (a vanguard footprint, a CCG/ICS, or part of the rest of
/// England), checked and resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Site {
    /// Unique site name; also keys the site's random streams.
    pub name: String,
    /// Population simulated at the site at the start (people): the
    /// population given, grown to the start date as England's with
    /// `population.follow_ons_demography`.
    pub population: u64,
    /// Population as given in the file (for `population.site_population_year`).
    pub declared_population: u64,
    /// Reporting group (e.g. `vanguard`, `comparison`); summaries are given
    /// for every site, every group and all sites together.
    pub group: String,
    /// Relative need (deprivation) index: multiplies every crisis hazard.
    pub need_index: f64,
    /// Site-specific age-band shares (overrides `population.age_band_share`).
    pub age_band_share: Option<[f64; 6]>,
    /// Coordination lever strengths (0..1) the site has from the start,
    /// outside any rollout.
    pub levers: LeverStrengths,
    /// Extra reporting groups the site belongs to (e.g. `vanguard`).
    pub tags: Vec<String>,
    /// Care models the site adopts, in the order written.
    pub adoptions: Vec<Adoption>,
    /// Implementation conditions (scenario defaults with the site's overrides).
    pub implementation: ImplementationParams,
    /// The real places the site stands on (`place`), with what they set;
    /// `None` for a site with England's structure.
    pub place: Option<SitePlace>,
    /// Effect phases, in date order: phase 0 holds the scenario's effect
    /// sizes and the default segment; each adoption opens a phase from its
    /// date with its model's effect sizes laid over the previous phase's.
    /// The engine uses, each month, the last phase that has begun (phase 0
    /// throughout when the rollout is disabled).
    pub phases: Vec<Phase>,
}

/// What a site's real places set (docs/MODEL.md 7.13). The site's
/// `age_band_share` and `need_index` already include them; these are kept
/// for the capacities, the random effect and reports.
#[derive(Clone, Debug, PartialEq)]
pub struct SitePlace {
    /// CCG (2017) codes, ONS form.
    pub codes: Vec<String>,
    /// The places' data summed.
    pub profile: crate::model::place::Profile,
    /// Need from deprivation relative to England (in `need_index`).
    pub deprivation_index: f64,
    /// Expected need relative to England (age structure x deprivation): scales
    /// capacities other than care homes (1 without `places.capacities_from_place`).
    pub capacity_need_index: f64,
    /// Care-home beds per resident relative to England's (1 without
    /// `places.capacities_from_place`).
    pub care_home_bed_ratio: f64,
}

/// Effect sizes and targeting in force at a site from a date on.
#[derive(Clone, Debug, PartialEq)]
pub struct Phase {
    /// First day of the phase (`None`: from the start of the run).
    pub from: Option<Date>,
    /// Coordination effect sizes.
    pub coordination: CoordinationParams,
    /// Who case management and care coordination target.
    pub segment: Segment,
}

/// `[rollout]` checked: the national programme around the sites' own
/// efforts, with its dates parsed and its switches as booleans.
#[derive(Clone, Debug, PartialEq)]
pub struct Rollout {
    /// False ignores every adoption (the fragmented counterfactual of the same scenario).
    pub enabled: bool,
    /// National support: 1 = funding, support team and learning community as in 2015-2018; 0 = none.
    pub national_support: f64,
    /// Transformation funding from the national programme, per head of an adopting site (GBP a year).
    pub national_funding_per_head_year_gbp: f64,
    /// Last day of national funding and support.
    pub national_funding_end: Date,
    /// Transformation funding a site finds itself, per head (GBP a year).
    pub local_funding_per_head_year_gbp: f64,
    /// Speed of every implementation process (readiness, adoption, building).
    pub pace_multiplier: f64,
    /// Extra speed of building levers with a national support team.
    pub support_team_speed_gain: f64,
    /// National funding continues only for sites whose measured admission
    /// growth meets the condition.
    pub conditional_funding: bool,
    /// From when funding is conditional.
    pub conditional_funding_from: Date,
    /// Required reduction of admission growth (percentage points), unless the care model sets its own.
    pub conditional_growth_advantage_pp: f64,
    /// The section as resolved: the fixed factors of the rollout mechanisms
    /// (readiness seed, speed gains, fidelity floors, evaluation) are read from it.
    pub params: crate::scenario::params::RolloutParams,
}

/// The care models every scenario has unless it redefines them.
pub const BUILT_IN_CARE_MODELS: &str = include_str!("../../scenarios/care_models.toml");

/// A checked scenario: every value is in range, shares sum to one, names are
/// unique, dates parse. Built only by [`Scenario::from_file`] / [`Scenario::from_str`].
///
/// The sections without dates or switches are the registry's structs as
/// resolved (file + overrides); `run` and `demand` keep their dates as
/// written, for display, and the parsed dates are [`Scenario::start`] and
/// [`Scenario::demand_reference`].
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// `[scenario]`
    pub scenario: ScenarioMeta,
    /// `[run]`
    pub run: RunParams,
    /// `[population]`
    pub population: PopulationParams,
    /// `[demand]`
    pub demand: DemandParams,
    /// `[routing]`
    pub routing: RoutingParams,
    /// `[hospital]`
    pub hospital: HospitalParams,
    /// `[discharge]`
    pub discharge: DischargeParams,
    /// `[services]`
    pub services: ServiceParams,
    /// `[places]`
    pub places: PlaceParams,
    /// `[fragmentation]`
    pub fragmentation: FragmentationParams,
    /// `[coordination]`
    pub coordination: CoordinationParams,
    /// `[costs]`
    pub costs: CostParams,
    /// `[rollout]`, typed.
    pub rollout: Rollout,
    /// `[implementation]` (scenario defaults; each site's own are in [`Site::implementation`]).
    pub implementation: ImplementationParams,
    /// `[[sites]]`, resolved.
    pub sites: Vec<Site>,
    /// Every care model: built-in, then the scenario's own.
    pub models: BTreeMap<String, CareModel>,
    /// Parsed `run.start_date`.
    pub start: Date,
    /// Parsed `demand.demand_reference_date`.
    pub demand_reference: Date,
    /// SHA-256 of the source text followed by the overrides.
    pub hash: String,
    /// Where it came from (path or `<embedded>`).
    pub origin: String,
    /// The file as resolved, for [`Scenario::resolved_toml`] and friends.
    file: raw::ScenarioFile,
}

/// The embedded default scenario: what `carescale` runs with no arguments.
pub const EMBEDDED_DEFAULT: &str = include_str!("../../scenarios/demo.toml");

impl Scenario {
    /// Read and check a scenario file, applying `overrides` (`key.path=value`).
    pub fn from_file(path: &Path, overrides: &[String]) -> Result<Scenario> {
        let text = crate::files::read_text(path, crate::files::MAX_INPUT_BYTES, "scenario file")?;
        Scenario::from_str(&text, &path.display().to_string(), overrides)
    }

    /// Check scenario text; `origin` names it in messages.
    pub fn from_str(text: &str, origin: &str, overrides: &[String]) -> Result<Scenario> {
        // 1. Syntax, unknown keys and wrong types, located in the file
        //    itself; 2. overrides, applied to the table and deserialised again.
        let file = overrides::resolve(text, origin, overrides)?;
        // 3. Ranges and cross-field rules, each located where possible.
        let mut models: BTreeMap<String, raw::CareModel> =
            toml::from_str::<raw::CareModelsFile>(BUILT_IN_CARE_MODELS)
                .map_err(|e| Error::Internal(format!("built-in care models: {e}")))?
                .care_models;
        for (k, v) in &file.care_models {
            models.insert(k.clone(), v.clone());
        }
        let checked = check::check(&file, &models).map_err(|problems| {
            Error::Input(overrides::located(problems, text, origin, overrides))
        })?;
        let mut h = Sha256::new();
        h.update(text.as_bytes());
        for o in overrides {
            h.update(b"\n--set ");
            h.update(o.as_bytes());
        }
        let hash = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        Ok(Scenario {
            scenario: file.scenario.clone(),
            run: file.run.clone(),
            population: file.population.clone(),
            demand: file.demand.clone(),
            routing: file.routing.clone(),
            hospital: file.hospital.clone(),
            discharge: file.discharge.clone(),
            services: file.services.clone(),
            places: file.places.clone(),
            fragmentation: file.fragmentation.clone(),
            coordination: file.coordination.clone(),
            costs: file.costs.clone(),
            rollout: checked.rollout,
            implementation: file.implementation.clone(),
            sites: checked.sites,
            models: checked.models,
            start: checked.start,
            demand_reference: checked.demand_reference,
            hash,
            origin: origin.to_string(),
            file,
        })
    }

    /// The resolved parameters as TOML (for manifests and `describe`).
    pub fn resolved_toml(&self) -> String {
        toml::to_string(&self.file).unwrap_or_default()
    }

    /// The resolved parameters as a TOML value, to look keys up by path;
    /// `None` if they cannot be represented in TOML.
    pub fn resolved_value(&self) -> Option<toml::Value> {
        toml::Value::try_from(&self.file).ok()
    }

    /// [`Scenario::resolved_value`] with the built-in care models the file
    /// does not redefine filled in under `care_models`: every number a
    /// `--set` or a fitted parameter can change.
    pub fn resolved_value_with_care_models(&self) -> Option<toml::Value> {
        let mut v = self.resolved_value()?;
        let models = built_in_care_models_table();
        if let toml::Value::Table(t) = &mut v {
            let own = t
                .entry("care_models")
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            if let toml::Value::Table(own) = own {
                for (k, m) in models {
                    own.entry(k).or_insert(m);
                }
            }
        }
        Some(v)
    }

    /// The resolved parameters as JSON, with every key of the file format.
    pub fn parameters_json(&self) -> serde_json::Value {
        serde_json::to_value(&self.file).unwrap_or(serde_json::Value::Null)
    }

    /// Number of care models the scenario defines or redefines itself.
    pub fn own_care_models(&self) -> usize {
        self.file.care_models.len()
    }

    /// Total population over sites.
    pub fn total_population(&self) -> u64 {
        self.sites.iter().map(|s| s.population).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: &str = "[scenario]\nname = \"t\"\nquestion = \"q?\"\n\n[[sites]]\nname = \"a\"\npopulation = 100\n";

    #[test]
    fn minimal_file_takes_defaults() {
        let s = Scenario::from_str(MIN, "t.toml", &[]).unwrap();
        assert_eq!(s.run.replicates, 10);
        assert_eq!(s.sites[0].group, "all_sites");
    }

    #[test]
    fn out_of_range_is_located() {
        let text = format!("{MIN}\n[routing]\nshare_ae = 1.2\n");
        let Err(Error::Input(errs)) = Scenario::from_str(&text, "t.toml", &[]) else {
            panic!()
        };
        let e = errs
            .iter()
            .find(|e| e.key.as_deref() == Some("routing.share_ae"))
            .unwrap();
        assert_eq!(e.position, Some((10, 12)));
        assert!(e.to_string().contains("1.2"), "{e}");
    }

    #[test]
    fn unknown_key_names_line() {
        let text = format!("{MIN}\n[routing]\nshare_aee = 0.2\n");
        let Err(Error::Input(errs)) = Scenario::from_str(&text, "t.toml", &[]) else {
            panic!()
        };
        assert_eq!(errs[0].position.unwrap().0, 10);
        assert!(errs[0].message.contains("unknown field"), "{}", errs[0]);
    }

    #[test]
    fn an_override_inside_a_built_in_care_model_changes_only_that_key() {
        let plain = Scenario::from_str(MIN, "t.toml", &[]).unwrap();
        let set = Scenario::from_str(
            MIN,
            "t.toml",
            &["care_models.pacs.effects.uec_conversion_rr=0.9".into()],
        )
        .unwrap();
        // The model keeps its segment, levers and costs from the built-in
        // definition: the override changes one effect size, not the model.
        let (a, b) = (&plain.models["pacs"], &set.models["pacs"]);
        assert_eq!(a.levers, b.levers);
        assert_eq!(a.segment, b.segment);
        assert_eq!(
            a.running_cost_per_head_year_gbp,
            b.running_cost_per_head_year_gbp
        );
        assert!(b.levers.case_management > 0.0);
        let v = set.resolved_value_with_care_models().unwrap();
        let x = v["care_models"]["pacs"]["effects"]["uec_conversion_rr"].as_float();
        assert_eq!(x, Some(0.9));
        // Models the file does not touch are listed with their built-in values.
        let built_in: toml::Table = toml::from_str(BUILT_IN_CARE_MODELS).unwrap();
        let v = plain.resolved_value_with_care_models().unwrap();
        assert_eq!(
            v["care_models"]["pacs"]["effects"]["uec_conversion_rr"].as_float(),
            built_in["care_models"]["pacs"]["effects"]["uec_conversion_rr"].as_float()
        );
        assert_ne!(
            built_in["care_models"]["pacs"]["effects"]["uec_conversion_rr"].as_float(),
            Some(0.9)
        );
    }

    #[test]
    fn overrides_apply_and_are_checked() {
        let s = Scenario::from_str(
            MIN,
            "t.toml",
            &[
                "run.replicates=3".into(),
                "sites.0.levers.case_management=1".into(),
            ],
        )
        .unwrap();
        assert_eq!(s.run.replicates, 3);
        assert_eq!(s.sites[0].levers.case_management, 1.0);
        let Err(Error::Input(errs)) =
            Scenario::from_str(MIN, "t.toml", &["sites.0.levers.case_management=2".into()])
        else {
            panic!()
        };
        assert_eq!(errs[0].origin, "--set");
    }

    #[test]
    fn dates_and_switches_are_typed() {
        let text = format!(
            "{MIN}adopts = [{{ model = \"pacs\", from = \"2016-04-01\", imported = true }}]\n[rollout]\nenabled = 0.3\nconditional_funding = 1\n"
        );
        let s = Scenario::from_str(&text, "t.toml", &[]).unwrap();
        assert!(!s.rollout.enabled);
        assert!(s.rollout.conditional_funding);
        assert_eq!(
            s.rollout.national_funding_end,
            Date::parse("2018-03-31").unwrap()
        );
        assert_eq!(s.start, Date::parse("2016-04-01").unwrap());
        let a = &s.sites[0].adoptions[0];
        assert_eq!((a.model.as_str(), a.imported), ("pacs", true));
        assert_eq!(a.from, Date::parse("2016-04-01").unwrap());
        assert_eq!(s.own_care_models(), 0);
        assert!(s.resolved_toml().contains("[[sites]]"));
    }

    #[test]
    fn line_col_counts_chars() {
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("ab", 0), (1, 1));
    }
}

#[cfg(test)]
mod input_tests {
    use super::*;

    const MIN: &str = "[scenario]\nname = \"t\"\nquestion = \"q?\"\n\n[[sites]]\nname = \"a\"\npopulation = 100\n";

    fn errs(text: &str, sets: &[&str]) -> Vec<crate::error::InputError> {
        let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
        match Scenario::from_str(text, "t.toml", &sets) {
            Err(Error::Input(e)) => e,
            other => panic!("expected input errors, got {:?}", other.map(|s| s.run.seed)),
        }
    }

    #[test]
    fn seeds_cover_the_whole_u64_range() {
        let max = u64::MAX.to_string();
        for (file_seed, set) in [
            ("seed = \"18446744073709551615\"", None),
            ("seed = 9223372036854775807", None),
            ("seed = 1", Some(format!("run.seed={max}"))),
            (
                "seed = \"9223372036854775808\"",
                Some("run.replicates=2".to_string()),
            ),
        ] {
            let text = format!("{MIN}[run]\n{file_seed}\n");
            let sets: Vec<String> = set.into_iter().collect();
            let s = Scenario::from_str(&text, "t.toml", &sets).unwrap();
            assert!(s.run.seed >= 1, "{file_seed}");
            // Written back so that it reads again, as the same seed.
            let again = Scenario::from_str(&s.resolved_toml(), "r.toml", &[]).unwrap();
            assert_eq!(again.run.seed, s.run.seed);
        }
        let s = Scenario::from_str(MIN, "t.toml", &[format!("run.seed={max}")]).unwrap();
        assert_eq!(s.run.seed, u64::MAX);
        assert!(s
            .resolved_toml()
            .contains("seed = \"18446744073709551615\""));
        // Below 2^63 a seed is still written as an integer.
        let s = Scenario::from_str(MIN, "t.toml", &["run.seed=42".into()]).unwrap();
        assert!(s.resolved_toml().contains("seed = 42\n"));
        assert_eq!(s.run.crn_key, 0);
    }

    #[test]
    fn bad_seeds_are_blamed_where_they_are() {
        let text = format!("{MIN}[run]\nseed = -1\n");
        let e = errs(&text, &[]);
        assert_eq!(e[0].origin, "t.toml");
        assert_eq!(e[0].position.map(|p| p.0), Some(9), "{}", e[0]);
        assert!(e[0].message.contains("negative"), "{}", e[0]);
        let text = format!("{MIN}[run]\nseed = \"18446744073709551616\"\n");
        let e = errs(&text, &[]);
        assert_eq!(e[0].position.map(|p| p.0), Some(9), "{}", e[0]);
        let e = errs(MIN, &["run.seed=18446744073709551616"]);
        assert_eq!(e[0].origin, "--set");
        assert!(
            e[0].message.contains("run.seed=18446744073709551616"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn dates_have_a_range() {
        for d in ["9999-12-01", "1989-12-31", "2101-01-01"] {
            let text = format!("{MIN}[run]\nstart_date = \"{d}\"\n");
            let e = errs(&text, &[]);
            assert_eq!(e[0].key.as_deref(), Some("run.start_date"));
            assert!(
                e[0].message.contains("1990-01-01 to 2100-12-31"),
                "{}",
                e[0]
            );
        }
        // The latest date is valid; ONS demography does not reach it, so
        // the constant demography is asked for (and without it, the error
        // says so).
        let text = format!("{MIN}[run]\nstart_date = \"2100-12-31\"\n");
        let e = errs(&text, &[]);
        assert_eq!(e[0].key.as_deref(), Some("run.start_date"));
        assert!(e[0].message.contains("demography table"), "{}", e[0]);
        let ok = format!("{text}[population]\nfollow_ons_demography = 0\n");
        assert!(Scenario::from_str(&ok, "t.toml", &[]).is_ok());
    }

    #[test]
    fn a_set_that_breaks_a_sum_rule_is_blamed_on_the_set() {
        let e = errs(MIN, &["population.age_band_share.0=0.9"]);
        assert_eq!(e[0].origin, "--set", "{}", e[0]);
        assert!(
            e[0].message.contains("population.age_band_share.0=0.9"),
            "{}",
            e[0]
        );
        // The list is the default one: six entries, not none.
        let e = errs(MIN, &["population.age_band_share.9=0.1"]);
        assert!(e[0].message.contains("has 6 entries"), "{}", e[0]);
    }

    #[test]
    fn a_set_on_one_site_is_not_blamed_for_another() {
        // sites[1] is wrong in the file; the --set touches sites[0] only.
        let text = format!("{MIN}\n[[sites]]\nname = \"b\"\npopulation = 0\n");
        let e = errs(&text, &["sites.0.population=500"]);
        let e = e
            .iter()
            .find(|e| e.key.as_deref() == Some("sites[1].population"))
            .unwrap();
        assert_eq!(e.origin, "t.toml", "{e}");
        assert_eq!(e.position, Some((11, 14)), "{e}");
        assert!(!e.message.contains("--set"), "{e}");
        // The same rule broken by a --set of that site is blamed on it.
        let e = errs(MIN, &["sites.0.population=0"]);
        assert_eq!(e[0].origin, "--set", "{}", e[0]);
    }

    #[test]
    fn overrides_of_defaulted_keys_give_the_same_scenario() {
        let a = Scenario::from_str(MIN, "t.toml", &["run.warm_up_months=6".into()]).unwrap();
        let text = format!("{MIN}[run]\nwarm_up_months = 6\n");
        let b = Scenario::from_str(&text, "t.toml", &[]).unwrap();
        assert_eq!(a.resolved_toml(), b.resolved_toml());
    }

    #[test]
    fn long_names_and_key_paths_are_refused_briefly() {
        let name = "n".repeat(100_000);
        let text = MIN.replace("name = \"t\"", &format!("name = \"{name}\""));
        let e = errs(&text, &[]);
        assert_eq!(e[0].key.as_deref(), Some("scenario.name"));
        assert!(e[0].to_string().len() < 400, "{}", e[0].to_string().len());
        let text = MIN.replace("name = \"a\"", &format!("name = \"{name}\""));
        let e = errs(&text, &[]);
        assert!(e.iter().all(|e| e.to_string().len() < 400));
        let path = format!("routing.{}=1", "x".repeat(1_000_000));
        let e = errs(MIN, &[path.as_str()]);
        assert!(e[0].to_string().len() < 400, "{}", e[0]);
        assert!(e[0].message.contains("at most 256"), "{}", e[0]);
    }

    #[test]
    fn deep_nesting_promises_no_position_it_lacks() {
        let deep = format!(
            "{MIN}[run]\nx = {}{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let e = errs(&deep, &[]);
        if e[0].position.is_none() {
            assert!(!e[0].to_string().contains("at this position"), "{}", e[0]);
        }
    }
}
