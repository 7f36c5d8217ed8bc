//! The checks: ranges from the registry, cross-field rules, names, dates
//! and care models, each problem with its key path. A file that passes is
//! turned into the typed parts of a [`Scenario`](super::Scenario).

use crate::scenario::dates::Date;
use crate::scenario::params::*;
use crate::scenario::raw::{self, ScenarioFile};
use crate::scenario::{Adoption, CareModel, Phase, Rollout, Segment, Site, SitePlace};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One problem: (key path, message, hint).
pub(crate) type Problem = (String, String, String);

/// What the checks resolve, once a file has passed them.
pub(crate) struct Checked {
    /// `run.start_date`.
    pub start: Date,
    /// `demand.demand_reference_date`.
    pub demand_reference: Date,
    /// `[rollout]` with its dates and switches typed.
    pub rollout: Rollout,
    /// Every care model: built-in, then the scenario's own.
    pub models: BTreeMap<String, CareModel>,
    /// The sites, resolved.
    pub sites: Vec<Site>,
}

/// Check a resolved file against `models` (built-in models with the
/// scenario's own): the typed parts of the scenario, or every problem found
/// (care models and sites first, then the sections, in file order).
pub(crate) fn check(
    f: &ScenarioFile,
    models: &BTreeMap<String, raw::CareModel>,
) -> Result<Checked, Vec<Problem>> {
    let (planned, mut problems) = plan_sites(f, models);
    let (dates, more) = check_file(f);
    problems.extend(more);
    let Planned {
        sites,
        models,
        national_funding_end: Some(national_funding_end),
        conditional_funding_from: Some(conditional_funding_from),
    } = planned
    else {
        return Err(problems);
    };
    let (Some(start), Some(demand_reference)) = dates else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut sites = sites;
    if f.population.follow_ons_demography >= 0.5 {
        start_populations(f, start, &mut sites)?;
    }
    resolve_places(f, start, &mut sites);
    let ro = &f.rollout;
    let rollout = Rollout {
        enabled: ro.enabled >= 0.5,
        national_support: ro.national_support,
        national_funding_per_head_year_gbp: ro.national_funding_per_head_year_gbp,
        national_funding_end,
        local_funding_per_head_year_gbp: ro.local_funding_per_head_year_gbp,
        pace_multiplier: ro.pace_multiplier,
        support_team_speed_gain: ro.support_team_speed_gain,
        conditional_funding: ro.conditional_funding >= 0.5,
        conditional_funding_from,
        conditional_growth_advantage_pp: ro.conditional_growth_advantage_pp,
        params: ro.clone(),
    };
    Ok(Checked {
        start,
        demand_reference,
        rollout,
        models,
        sites,
    })
}

/// With ONS demography: check the run lies within the demography table and
/// grow each site's population from `population.site_population_year` to
/// the start date as England's grew.
fn start_populations(
    f: &ScenarioFile,
    start: Date,
    sites: &mut [Site],
) -> Result<(), Vec<Problem>> {
    use crate::model::demography;
    let months = f.run.warm_up_months + f.run.horizon_months;
    // The first day of the run's last month.
    let end_month = start.month - 1 + months.max(1) - 1;
    let end = Date {
        year: start.year + (end_month / 12) as i32,
        month: end_month % 12 + 1,
        day: 1,
    };
    let (first, last) = demography::span();
    if !demography::covers(start) || !demography::covers(end) {
        return Err(vec![(
            "run.start_date".into(),
            format!(
                "the run (from {start}, its last month starting {end}) leaves the England demography table, which covers {first}-07-01 to {}-06-30",
                last + 1
            ),
            "start and end the run within those dates, or set population.follow_ons_demography = 0 to use the constant demography parameters".into(),
        )]);
    }
    let base_year = f.population.site_population_year.round() as i32;
    let base = demography::row(base_year).total();
    let now: f64 = demography::population_on(start).iter().sum();
    for s in sites {
        // A site on places grows as its own age structure would with
        // England's change band by band; any other as England's total.
        let growth = match &s.place {
            Some(pl) => {
                let p = &pl.profile;
                p.population_on(base_year, start).iter().sum::<f64>() / p.total().max(1.0)
            }
            None => now / base,
        };
        s.population = ((s.population as f64 * growth).round() as u64).max(1);
    }
    Ok(())
}

/// Sites on places: their age structure on the start date (unless they give
/// their own), need from deprivation (times the need index written) and the
/// capacity factors. See docs/MODEL.md 7.13.
fn resolve_places(f: &ScenarioFile, start: Date, sites: &mut [Site]) {
    use crate::model::{demography, place};
    let pop = &f.population;
    let ons = pop.follow_ons_demography >= 0.5;
    let base_year = pop.site_population_year.round() as i32;
    let england = if ons {
        place::shares(demography::population_on(start))
    } else {
        pop.age_band_share
    };
    let hazard = band_crisis_hazard(f);
    let rr = &f.places.deprivation_rr_by_imd_quintile;
    let from_place = f.places.capacities_from_place >= 0.5;
    for s in sites {
        let Some(pl) = &mut s.place else { continue };
        let shares = match s.age_band_share {
            Some(a) => a,
            None if ons => pl.profile.age_shares_on(base_year, start),
            None => place::shares(pl.profile.population),
        };
        s.age_band_share = Some(shares);
        pl.deprivation_index = pl.profile.deprivation_index(rr);
        s.need_index *= pl.deprivation_index;
        if from_place {
            pl.capacity_need_index =
                place::age_need_index(&shares, &england, &hazard) * pl.deprivation_index;
            pl.care_home_bed_ratio = pl.profile.care_home_bed_ratio();
        }
    }
}

/// The mean crisis hazard of a person at home in each age band, relative
/// (per 1,000 person-years at the reference date): the fit rate times the
/// band's mean frailty and multimorbidity hazard ratios.
fn band_crisis_hazard(f: &ScenarioFile) -> [f64; 6] {
    let (p, d) = (&f.population, &f.demand);
    std::array::from_fn(|a| {
        let (m, o, s) = (
            p.frailty_share_mild_by_band[a],
            p.frailty_share_moderate_by_band[a],
            p.frailty_share_severe_by_band[a],
        );
        let frail = (1.0 - m - o - s) * d.frailty_hr_crisis[0]
            + m * d.frailty_hr_crisis[1]
            + o * d.frailty_hr_crisis[2]
            + s * d.frailty_hr_crisis[3];
        let mm = 1.0 + p.multimorbidity_prevalence_by_band[a] * (d.multimorbidity_hr_crisis - 1.0);
        d.crisis_fit_per_1000py_by_band[a] * frail * mm
    })
}

/// The typed results of [`plan_sites`]; complete only if it found no problem.
struct Planned {
    sites: Vec<Site>,
    models: BTreeMap<String, CareModel>,
    national_funding_end: Option<Date>,
    conditional_funding_from: Option<Date>,
}

/// Overlay a partial table on a full section and deserialise it again.
fn overlay<T: Serialize + for<'de> Deserialize<'de>>(
    base: &T,
    over: &toml::Table,
    path: &str,
    out: &mut Vec<Problem>,
) -> Option<T> {
    let mut t = match toml::Value::try_from(base) {
        Ok(toml::Value::Table(t)) => t,
        _ => return None,
    };
    for (k, v) in over {
        t.insert(k.clone(), v.clone());
    }
    match toml::Value::Table(t).try_into::<T>() {
        Ok(v) => Some(v),
        Err(e) => {
            out.push((
                path.to_string(),
                e.message().trim().to_string(),
                "use keys of that section (see docs/PARAMETERS.md) with values of the right type"
                    .into(),
            ));
            None
        }
    }
}

fn push_ranges(ranges: Vec<RangeError>, out: &mut Vec<Problem>) {
    for r in ranges {
        out.push((
            r.path,
            format!("value {} is out of range", r.given),
            format!("allowed: {}", r.allowed),
        ));
    }
}

/// Check the care models and resolve each site's implementation conditions,
/// effect sizes, segment and adoptions.
fn plan_sites(
    f: &ScenarioFile,
    models: &BTreeMap<String, raw::CareModel>,
) -> (Planned, Vec<Problem>) {
    let mut out = Vec::new();
    let mut sites = Vec::new();
    let mut typed_models = BTreeMap::new();
    for (name, m) in models {
        let p = format!("care_models.{name}");
        let mut ranges = Vec::new();
        m.levers.check_ranges(&format!("{p}.levers"), &mut ranges);
        if let Some(e) = &m.effects {
            if let Some(c) = overlay(&f.coordination, e, &format!("{p}.effects"), &mut out) {
                c.check_ranges(&format!("{p}.effects"), &mut ranges);
            }
        }
        push_ranges(ranges, &mut out);
        match Segment::parse(&m.segment) {
            Some(segment) => {
                typed_models.insert(
                    name.clone(),
                    CareModel {
                        description: m.description.clone(),
                        segment,
                        levers: m.levers.clone(),
                        running_cost_per_head_year_gbp: m.running_cost_per_head_year_gbp,
                        setup_cost_per_head_gbp: m.setup_cost_per_head_gbp,
                        conditional_growth_advantage_pp: m.conditional_growth_advantage_pp,
                        complexity: m.complexity,
                    },
                );
            }
            None => out.push((
                format!("{p}.segment"),
                format!("`{}` is not a segment", m.segment),
                "use frail_or_top_risk, frail, top_risk or older_65_plus".into(),
            )),
        }
        for (k, v) in [
            (
                "running_cost_per_head_year_gbp",
                m.running_cost_per_head_year_gbp,
            ),
            ("setup_cost_per_head_gbp", m.setup_cost_per_head_gbp),
        ] {
            if !(v.is_finite() && (0.0..=10_000.0).contains(&v)) {
                out.push((
                    format!("{p}.{k}"),
                    format!("value {v} is out of range"),
                    "allowed: a number from 0 to 10000".into(),
                ));
            }
        }
    }
    for (i, s) in f.sites.iter().enumerate() {
        let implementation = match &s.implementation {
            Some(t) => overlay(
                &f.implementation,
                t,
                &format!("sites[{i}].implementation"),
                &mut out,
            )
            .unwrap_or_else(|| f.implementation.clone()),
            None => f.implementation.clone(),
        };
        let mut ranges = Vec::new();
        if s.implementation.is_some() {
            implementation.check_ranges(&format!("sites[{i}].implementation"), &mut ranges);
        }
        push_ranges(ranges, &mut out);
        let mut adoptions = Vec::new();
        // (adoption date, written order, model) of every adoption that resolves.
        let mut dated: Vec<(Date, usize, &raw::CareModel)> = Vec::new();
        for (j, a) in s.adopts.iter().enumerate() {
            let p = format!("sites[{i}].adopts[{j}]");
            let Some(m) = models.get(&a.model) else {
                let known: Vec<&str> = models.keys().map(String::as_str).collect();
                out.push((
                    format!("{p}.model"),
                    format!("no care model `{}`", a.model),
                    format!(
                        "use one of {} or define [care_models.{}]",
                        known.join(", "),
                        a.model
                    ),
                ));
                continue;
            };
            let Some(d) = Date::parse_input(&a.from) else {
                out.push((
                    format!("{p}.from"),
                    format!("`{}` is not a date from 1990-01-01 to 2100-12-31", a.from),
                    "write YYYY-MM-DD".into(),
                ));
                continue;
            };
            dated.push((d, j, m));
            adoptions.push(Adoption {
                model: a.model.clone(),
                from: d,
                imported: a.imported,
            });
        }
        // Effect phases: the scenario's effect sizes and default segment
        // until the first adoption; from each adoption's date on, that
        // model's effect sizes are laid over the previous phase's (adoptions
        // in date order, ties in written order).
        dated.sort_by_key(|&(d, j, _)| (d, j));
        let mut phases = vec![Phase {
            from: None,
            coordination: f.coordination.clone(),
            segment: Segment::FrailOrTopRisk,
        }];
        for (d, _, m) in dated {
            let last = phases.last().expect("phase 0 exists");
            let mut coordination = last.coordination.clone();
            let mut segment = last.segment;
            if let Some(e) = &m.effects {
                if let Some(c) = overlay(&coordination, e, "", &mut Vec::new()) {
                    coordination = c;
                }
            }
            if m.levers.case_management > 0.0 || m.levers.care_coordinator > 0.0 {
                segment = Segment::parse(&m.segment).unwrap_or(segment);
            }
            phases.push(Phase {
                from: Some(d),
                coordination,
                segment,
            });
        }
        let profile = s
            .place
            .as_ref()
            .and_then(|c| crate::model::place::Profile::of(&c.codes()).ok());
        let population = s
            .population
            .or_else(|| profile.as_ref().map(|p| p.total().round() as u64))
            .unwrap_or(0);
        sites.push(Site {
            name: s.name.clone(),
            population,
            declared_population: population,
            group: s.group.clone(),
            need_index: s.need_index,
            age_band_share: s.age_band_share,
            levers: s.levers.clone(),
            tags: s.tags.clone(),
            adoptions,
            implementation,
            phases,
            place: profile.map(|p| SitePlace {
                codes: p.codes.clone(),
                profile: p,
                deprivation_index: 1.0,
                capacity_need_index: 1.0,
                care_home_bed_ratio: 1.0,
            }),
        });
    }
    let mut dates = [None, None];
    for (slot, (k, v)) in dates.iter_mut().zip([
        (
            "rollout.national_funding_end_date",
            &f.rollout.national_funding_end_date,
        ),
        (
            "rollout.conditional_funding_from_date",
            &f.rollout.conditional_funding_from_date,
        ),
    ]) {
        *slot = Date::parse_input(v);
        if slot.is_none() {
            out.push((
                k.to_string(),
                format!("`{v}` is not a date from 1990-01-01 to 2100-12-31"),
                "write YYYY-MM-DD".into(),
            ));
        }
    }
    let [national_funding_end, conditional_funding_from] = dates;
    let planned = Planned {
        sites,
        models: typed_models,
        national_funding_end,
        conditional_funding_from,
    };
    (planned, out)
}

/// Every problem in the sections and sites of a parsed file, with the run's
/// start date and the demand reference date where they parse.
fn check_file(f: &ScenarioFile) -> ((Option<Date>, Option<Date>), Vec<Problem>) {
    let mut out: Vec<(String, String, String)> = Vec::new();
    let mut ranges = Vec::new();
    f.run.check_ranges("run", &mut ranges);
    f.population.check_ranges("population", &mut ranges);
    f.demand.check_ranges("demand", &mut ranges);
    f.routing.check_ranges("routing", &mut ranges);
    f.hospital.check_ranges("hospital", &mut ranges);
    f.discharge.check_ranges("discharge", &mut ranges);
    f.services.check_ranges("services", &mut ranges);
    f.places.check_ranges("places", &mut ranges);
    f.fragmentation.check_ranges("fragmentation", &mut ranges);
    f.coordination.check_ranges("coordination", &mut ranges);
    f.costs.check_ranges("costs", &mut ranges);
    f.rollout.check_ranges("rollout", &mut ranges);
    f.implementation.check_ranges("implementation", &mut ranges);
    for (i, s) in f.sites.iter().enumerate() {
        s.levers
            .check_ranges(&format!("sites[{i}].levers"), &mut ranges);
    }
    for r in ranges {
        out.push((
            r.path,
            format!("value {} is out of range", r.given),
            format!("allowed: {}", r.allowed),
        ));
    }
    let mut push = |p: &str, m: String, h: &str| out.push((p.to_string(), m, h.to_string()));
    let name_ok = |s: &str| {
        !s.is_empty()
            && s.chars().count() <= crate::error::MAX_NAME
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    if !name_ok(&f.scenario.name) {
        push(
            "scenario.name",
            format!("`{}` is not a valid name", crate::error::short(&f.scenario.name)),
            "use letters, digits, `_` and `-` only, at most 64 of them (it names the results folder)",
        );
    }
    if f.scenario.question.trim().is_empty() {
        push(
            "scenario.question",
            "the question is empty".into(),
            "state the question the scenario answers in a sentence",
        );
    }
    let start = Date::parse_input(&f.run.start_date);
    if start.is_none() {
        push(
            "run.start_date",
            format!(
                "`{}` is not a date from 1990-01-01 to 2100-12-31",
                f.run.start_date
            ),
            "write YYYY-MM-DD, e.g. 2016-04-01",
        );
    }
    let demand_reference = Date::parse_input(&f.demand.demand_reference_date);
    if demand_reference.is_none() {
        push(
            "demand.demand_reference_date",
            format!(
                "`{}` is not a date from 1990-01-01 to 2100-12-31",
                f.demand.demand_reference_date
            ),
            "write YYYY-MM-DD, e.g. 2017-10-01",
        );
    }
    if (f.run.warm_up_months + f.run.horizon_months) as u64 * 31 > u16::MAX as u64 - 400 {
        push(
            "run.horizon_months",
            "warm-up plus horizon is longer than 170 years".into(),
            "shorten the run",
        );
    }
    let sum_check = |v: &[f64]| (v.iter().sum::<f64>() - 1.0).abs() < 1e-6;
    if !sum_check(&f.population.age_band_share) {
        push(
            "population.age_band_share",
            format!(
                "shares sum to {:.6}, not 1",
                f.population.age_band_share.iter().sum::<f64>()
            ),
            "make the six shares add up to 1",
        );
    }
    for b in 0..6 {
        let s = f.population.frailty_share_mild_by_band[b]
            + f.population.frailty_share_moderate_by_band[b]
            + f.population.frailty_share_severe_by_band[b];
        if s > 1.0 + 1e-9 {
            push(
                "population.frailty_share_mild_by_band",
                format!(
                    "mild + moderate + severe is {s:.4} in age band {} (more than 1)",
                    AGE_BANDS[b]
                ),
                "lower the frailty shares of that band",
            );
        }
    }
    let r = &f.routing;
    let rs = r.share_general_practice
        + r.share_urgent_community_response
        + r.share_ae
        + r.share_direct_admission
        + r.share_missed;
    if (rs - 1.0).abs() > 1e-6 {
        push("routing.share_ae", format!("the five routing shares sum to {rs:.6}, not 1"), "make share_general_practice + share_urgent_community_response + share_ae + share_direct_admission + share_missed = 1");
    }
    let d = &f.discharge;
    for k in 0..4 {
        let s = d.share_home_care_package_by_frailty[k]
            + d.share_intermediate_care_by_frailty[k]
            + d.share_care_home_by_frailty[k];
        if s > 1.0 {
            push(
                "discharge.share_home_care_package_by_frailty",
                format!(
                    "onward-care shares sum to {s:.4} for {} frailty (more than 1)",
                    FRAILTY[k]
                ),
                "lower the shares so the rest can go home",
            );
        }
    }
    if d.intermediate_care_to_home_care_package + d.intermediate_care_to_care_home > 1.0 {
        push(
            "discharge.intermediate_care_to_care_home",
            "intermediate-care exits sum to more than 1".into(),
            "lower one of them",
        );
    }
    if f.services.initial_occupancy_home_care > 0.0
        && f.services
            .initial_home_care_weight_by_frailty
            .iter()
            .all(|&w| w <= 0.0)
    {
        push(
            "services.initial_home_care_weight_by_frailty",
            "every weight is 0, so no package could be in use at the start".into(),
            "give at least one eFI category a weight above 0, or set initial_occupancy_home_care = 0",
        );
    }
    if f.sites.is_empty() {
        push(
            "sites",
            "no sites".into(),
            "add at least one [[sites]] table with a name and a population",
        );
    }
    let mut names = std::collections::BTreeSet::new();
    for (i, s) in f.sites.iter().enumerate() {
        let p = |k: &str| format!("sites[{i}].{k}");
        if !name_ok(&s.name) {
            out.push((
                p("name"),
                format!(
                    "`{}` is not a valid site name",
                    crate::error::short(&s.name)
                ),
                "use letters, digits, `_` and `-` only, at most 64 of them".into(),
            ));
        }
        if !names.insert(s.name.clone()) {
            out.push((
                p("name"),
                format!("site name `{}` is used twice", crate::error::short(&s.name)),
                "give every site a unique name".into(),
            ));
        }
        match s.population {
            Some(n) if n == 0 || n > 200_000_000 => out.push((
                p("population"),
                format!("value {n} is out of range"),
                "allowed: a whole number of people from 1 to 200000000".into(),
            )),
            None if s.place.is_none() => out.push((
                p("population"),
                "the site has no population and no place".into(),
                "give population = <people>, or place = \"<CCG code>\" to take the place's mid-2017 residents (`carescale place NAME` finds codes)".into(),
            )),
            _ => {}
        }
        if let Some(pc) = &s.place {
            let codes = pc.codes();
            if codes.is_empty() {
                out.push((
                    p("place"),
                    "the list of places is empty".into(),
                    "give at least one CCG (2017) code, e.g. place = \"E38000208\"".into(),
                ));
            }
            for c in &codes {
                if crate::model::place::find(c).is_none() {
                    out.push((
                        p("place"),
                        format!("`{}` is not a CCG (2017) code", crate::error::short(c)),
                        place_hint(c),
                    ));
                }
            }
        }
        if !(s.need_index.is_finite() && s.need_index > 0.0 && s.need_index <= 10.0) {
            out.push((
                p("need_index"),
                format!("value {} is out of range", s.need_index),
                "allowed: a number above 0 and at most 10".into(),
            ));
        }
        if let Some(a) = &s.age_band_share {
            if !sum_check(a) || a.iter().any(|v| !(0.0..=1.0).contains(v)) {
                out.push((
                    p("age_band_share"),
                    "shares must each be in 0..1 and sum to 1".into(),
                    "fix the six shares".into(),
                ));
            }
        }
        for t in &s.tags {
            if !name_ok(t) {
                out.push((
                    p("tags"),
                    format!("`{}` is not a valid tag", crate::error::short(t)),
                    "use letters, digits, `_` and `-` only, at most 64 of them".into(),
                ));
            }
        }
        if !name_ok(&s.group) {
            out.push((
                p("group"),
                format!(
                    "`{}` is not a valid group name",
                    crate::error::short(&s.group)
                ),
                "use letters, digits, `_` and `-` only, at most 64 of them".into(),
            ));
        }
    }
    ((start, demand_reference), out)
}

/// How to fix an unknown place code: near names, or how to find codes.
fn place_hint(code: &str) -> String {
    use crate::model::place;
    let near: Vec<String> = place::search(code)
        .into_iter()
        .chain(place::suggest(code, 3))
        .take(3)
        .map(|c| format!("{} ({})", c.code, c.short_name()))
        .collect();
    if let Some(icb) = place::find_icb(code) {
        return format!(
            "`{}` is an ICB of July 2022 ({}); a site takes its CCGs of April 2017 as a list: `carescale place {} --combine` writes it",
            crate::error::short(code),
            icb.short_name(),
            icb.code
        );
    }
    let find = "use an ONS code (E38...) or ODS code of a CCG of April 2017; `carescale place NAME` finds them";
    if near.is_empty() {
        find.to_string()
    } else {
        format!("{find}; did you mean {}?", near.join(", "))
    }
}
