//! Scenarios from real places: a complete scenario file (every parameter at
//! its default, with units, range and source) whose sites stand on CCG
//! (2017) places of the bundle: named places or ICBs of July 2022 as their
//! CCGs (`carescale place NAME...`), all of England with the vanguard sites
//! on their CCG footprints (`carescale place --england`), or all of England
//! one site per ICB (`carescale place --england --by icb`).

use crate::error::{Error, InputError, Result};
use crate::model::place::{self, Ccg, Icb};
use crate::scenario::params::template_sections;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The vanguard footprints on CCG17 codes (`data/places/vanguard_footprints.csv`).
const VANGUARD_FOOTPRINTS: &str = include_str!("../../data/places/vanguard_footprints.csv");

/// One `[[sites]]` entry to write.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteEntry {
    /// Site name.
    pub name: String,
    /// CCG codes.
    pub codes: Vec<String>,
    /// Population, if not the places' whole mid-2017 population.
    pub population: Option<u64>,
    /// Reporting group.
    pub group: String,
    /// Extra reporting groups.
    pub tags: Vec<String>,
    /// A comment after the name (what the site is).
    pub comment: String,
}

/// What a list of queries names: the places, in query order without
/// repeats, and how to call them.
#[derive(Clone, Debug, PartialEq)]
pub struct Selection {
    /// The CCG17s.
    pub places: Vec<&'static Ccg>,
    /// The ICBs (July 2022) named, if every query named one; their places
    /// are their CCG17s.
    pub icbs: Vec<&'static Icb>,
}

impl Selection {
    /// A selection of CCG17s.
    pub fn of_places(places: &[&'static Ccg]) -> Selection {
        Selection {
            places: places.to_vec(),
            icbs: Vec::new(),
        }
    }

    /// A name for what is selected: the ICB's or place's short name, or
    /// the first and how many more.
    pub fn label(&self) -> String {
        let names: Vec<&str> = if self.icbs.is_empty() {
            self.places.iter().map(|c| c.short_name()).collect()
        } else {
            self.icbs.iter().map(|i| i.short_name()).collect()
        };
        match names.as_slice() {
            [one] => one.to_string(),
            [first, rest @ ..] => format!("{first} and {} more", rest.len()),
            [] => "no places".to_string(),
        }
    }

    /// What the places are, for the scenario's question.
    fn area(&self) -> String {
        match self.icbs.len() {
            0 => "CCG 2017 footprints".to_string(),
            1 => format!(
                "ICB of July 2022, as its {} CCGs of April 2017",
                self.places.len()
            ),
            n => format!(
                "{n} ICBs of July 2022, as their {} CCGs of April 2017",
                self.places.len()
            ),
        }
    }
}

/// The places each query names, in query order without repeats; every
/// query that names none, or names several ICBs, is an error with the
/// nearest names.
///
/// A query is a CCG17 code (ONS E38… or ODS), an ICB code (ONS E54… or ODS
/// Q…: the ICB's CCG17s), or a name. A name that is an ICB's whole name
/// (without "NHS" and "Integrated Care Board") is that ICB; otherwise every
/// CCG17 whose name contains it; if none, the one ICB whose name contains
/// it. With `icb_only` names are matched against ICBs only.
pub fn resolve(queries: &[String], icb_only: bool) -> Result<Selection> {
    let mut sel = Selection::of_places(&[]);
    let mut all_icbs = true;
    let mut errors = Vec::new();
    if queries.is_empty() {
        return Err(Error::input(
            "carescale place",
            None,
            "no place given",
            Some("give a CCG (2017) code (E38000208, or the ODS code 12F), an ICB (2022) code (E54000008 or QYG) or part of a name, e.g. `carescale place wirral`; or --england for all of England"),
        ));
    }
    let problem = |message: String, hint: String| InputError {
        origin: "carescale place".into(),
        position: None,
        key: None,
        message,
        hint: Some(hint),
    };
    for q in queries {
        let (ccgs, icbs) = match_query(q, icb_only);
        if icbs.len() > 1 {
            let names: Vec<String> = icbs
                .iter()
                .map(|i| format!("{} ({})", i.short_name(), i.code))
                .collect();
            errors.push(problem(
                format!(
                    "`{}` matches {} ICBs (2022)",
                    crate::error::short(q),
                    icbs.len()
                ),
                format!(
                    "give one by code or by more of its name: {}",
                    names.join(", ")
                ),
            ));
            continue;
        }
        if ccgs.is_empty() {
            let what = if icb_only {
                "ICB (2022)"
            } else {
                "CCG (2017) or ICB (2022)"
            };
            errors.push(problem(
                format!("no {what} matches `{}`", crate::error::short(q)),
                suggestion(q, icb_only),
            ));
            continue;
        }
        match icbs.first() {
            Some(i) => {
                if !sel.icbs.iter().any(|o| o.code == i.code) {
                    sel.icbs.push(i);
                }
            }
            None => all_icbs = false,
        }
        for c in ccgs {
            if !sel.places.iter().any(|o| o.code == c.code) {
                sel.places.push(c);
            }
        }
    }
    if !all_icbs {
        sel.icbs.clear();
    }
    if errors.is_empty() {
        Ok(sel)
    } else {
        Err(Error::Input(errors))
    }
}

/// The CCG17s one query names and the ICBs it named them by (see
/// [`resolve`]).
fn match_query(q: &str, icb_only: bool) -> (Vec<&'static Ccg>, Vec<&'static Icb>) {
    let by_icb = |icbs: Vec<&'static Icb>| {
        let ccgs = match icbs.as_slice() {
            [one] => one.places(),
            _ => Vec::new(),
        };
        (ccgs, icbs)
    };
    if !icb_only {
        if let Some(c) = place::find(q) {
            return (vec![c], Vec::new());
        }
    }
    if let Some(i) = place::find_icb(q) {
        return by_icb(vec![i]);
    }
    if icb_only {
        return by_icb(place::search_icbs(q));
    }
    if let Some(i) = place::icb_named(q) {
        return by_icb(vec![i]);
    }
    let ccgs = place::search(q);
    if !ccgs.is_empty() {
        return (ccgs, Vec::new());
    }
    by_icb(place::search_icbs(q))
}

/// "did you mean" for a query that names nothing: the nearest CCG17 and
/// ICB names (ICBs only with `icb_only`).
fn suggestion(q: &str, icb_only: bool) -> String {
    let mut near: Vec<(usize, String)> = place::suggest_icbs_scored(q)
        .into_iter()
        .map(|(d, i)| (d, format!("{} ICB ({})", i.short_name(), i.code)))
        .collect();
    if !icb_only {
        near.extend(
            place::suggest_scored(q)
                .into_iter()
                .map(|(d, c)| (d, format!("{} ({})", c.short_name(), c.code))),
        );
    }
    // Stable: at equal distance CCGs come after ICBs as listed above.
    near.sort_by_key(|(d, _)| *d);
    near.truncate(5);
    if near.is_empty() {
        if icb_only {
            "give an ICB (2022) code (E54... or its ODS code Q..) or part of an ICB name; names are matched without \"NHS\" and \"Integrated Care Board\", ignoring case".to_string()
        } else {
            "give a CCG (2017) code (E38... or its ODS code), an ICB (2022) code (E54... or Q..) or part of a name; names are matched without \"NHS\", \"CCG\" and \"Integrated Care Board\", ignoring case".to_string()
        }
    } else {
        let names: Vec<String> = near.into_iter().map(|(_, n)| n).collect();
        format!("did you mean {}?", names.join(", "))
    }
}

/// A scenario on the selected places: one site a place, or one site of
/// them all with `combine`. `name` names the scenario (default: from the
/// selection).
pub fn places_scenario(sel: &Selection, combine: bool, name: Option<&str>) -> String {
    let places = &sel.places;
    let label = sel.label();
    let name = name
        .map(str::to_string)
        .unwrap_or_else(|| place::site_name(&label));
    let sites: Vec<SiteEntry> = if combine {
        let ccgs = places
            .iter()
            .map(|c| c.short_name())
            .collect::<Vec<_>>()
            .join(", ");
        let comment = match sel.icbs.as_slice() {
            [] => ccgs,
            icbs => format!(
                "{}: {ccgs}",
                icbs.iter()
                    .map(|i| format!("{} ({}, {})", i.name, i.code, i.ods_code))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        };
        vec![SiteEntry {
            name: name.clone(),
            codes: places.iter().map(|c| c.code.clone()).collect(),
            population: None,
            group: "places".into(),
            tags: vec![],
            comment,
        }]
    } else {
        places
            .iter()
            .map(|c| SiteEntry {
                name: c.site_name(),
                codes: vec![c.code.clone()],
                population: None,
                group: "places".into(),
                tags: vec![],
                comment: match place::icb_of(&c.code) {
                    Some(i) => format!(
                        "{}; STP {}; ICB (2022) {}",
                        c.name,
                        c.stp_name,
                        i.short_name()
                    ),
                    None => format!("{}; STP {}", c.name, c.stp_name),
                },
            })
            .collect()
    };
    let question = format!(
        "What happens to emergency admissions, A&E, bed days, delays and cost in {label} ({}) as they are, with no new care models?",
        sel.area()
    );
    let description = format!(
        "{label}: {} place(s) from the open-data bundle, each with its own age structure, deprivation, care-home beds and a place-level random effect ([places]); adopt care models per site with `adopts`.",
        places.len()
    );
    let header = if sel.icbs.is_empty() {
        "# Made by `carescale place`: the sites are CCGs of April 2017 from the open-data\n# bundle (data/README.md). Edit the question, the sites' `adopts` and any\n# parameter below.\n"
    } else {
        "# Made by `carescale place`: the sites are CCGs of April 2017 from the open-data\n# bundle (data/README.md), taken by the ICB of July 2022 that holds most of each\n# CCG's people. Edit the question, the sites' `adopts` and any parameter below.\n"
    };
    scenario_text(&name, &question, &description, header, &sites)
}

/// One site per ICB of July 2022, each on its CCG17s, grouped by NHS
/// England region; no vanguard sites.
pub fn england_icb_sites() -> Vec<SiteEntry> {
    place::icbs()
        .iter()
        .map(|i| SiteEntry {
            name: i.site_name(),
            codes: i.ccgs.clone(),
            population: None,
            group: place::site_name(&i.region),
            tags: vec![],
            comment: format!(
                "{} ({}, {}), {}; {} CCGs of April 2017",
                i.name,
                i.code,
                i.ods_code,
                i.region,
                i.ccgs.len()
            ),
        })
        .collect()
}

/// A scenario of England as its 42 ICBs of July 2022 (see
/// [`england_icb_sites`]).
pub fn england_icb_scenario(name: &str) -> String {
    let sites = england_icb_sites();
    let question = "How do England's 42 integrated care boards (July 2022), each on its CCGs of April 2017 with their own age structure, deprivation, care-home beds and unexplained variation, differ in emergency admissions, A&E, bed days, delays and cost, with no new care models?";
    let description = format!(
        "All of England (55.6 million people, ONS mid-2017) as {} sites, one per ICB of July 2022 on the CCGs of April 2017 that lie wholly or mostly in it, grouped by NHS England region; no vanguard sites and no new care models.",
        sites.len()
    );
    scenario_text(
        name,
        question,
        &description,
        "# Made by `carescale place --england --by icb` from the open-data bundle\n# (data/places/, data/README.md): one site per ICB of July 2022 on its CCGs of\n# April 2017 (a CCG split between ICBs counts wholly in the one with most of\n# its people). Use 5% scale or more (docs/MODEL.md 7.13).\n",
        &sites,
    )
}

/// Every CCG of England as a site, the vanguard sites of the population-based
/// types (PACS, MCP, EHCH) on their CCG footprints (`vanguard_footprints.csv`):
/// a vanguard site stands on its CCGs; where it covers part of a CCG it takes
/// its share of the CCG's population and the rest of the CCG is a site of its
/// own; where two sites claim one CCG, a site on part of it takes its share
/// first and a site on the whole takes the rest. CCGs in an urgent and
/// emergency care network are tagged `uec_network`.
pub fn england_sites() -> Vec<SiteEntry> {
    let rows = footprint_rows();
    // Claims on each CCG by population-based sites: (site, share, people).
    let mut claims: BTreeMap<String, Vec<(String, f64, u64)>> = BTreeMap::new();
    let mut uec: Vec<String> = Vec::new();
    let mut site_order: Vec<(String, String)> = Vec::new();
    for r in &rows {
        if r.site_type == "uec" {
            uec.push(r.code.clone());
            continue;
        }
        if !matches!(r.site_type.as_str(), "pacs" | "mcp" | "ehch") {
            continue;
        }
        if !site_order.iter().any(|(n, _)| *n == r.site_name) {
            site_order.push((r.site_name.clone(), r.site_type.clone()));
        }
        claims.entry(r.code.clone()).or_default().push((
            r.site_name.clone(),
            r.share,
            r.population,
        ));
    }
    // People of each site in each CCG.
    let mut parts: BTreeMap<String, Vec<(String, u64)>> = BTreeMap::new();
    let mut rest: BTreeMap<String, u64> = BTreeMap::new();
    for c in place::all() {
        let total = c.total().round() as u64;
        let mut left = total;
        let list = claims.get(&c.code).cloned().unwrap_or_default();
        for (site, share, people) in list.iter().filter(|x| x.1 < 1.0) {
            let _ = share;
            let take = (*people).min(left);
            left -= take;
            parts
                .entry(site.clone())
                .or_default()
                .push((c.code.clone(), take));
        }
        if let Some((site, _, _)) = list.iter().find(|x| x.1 >= 1.0) {
            parts
                .entry(site.clone())
                .or_default()
                .push((c.code.clone(), left));
            left = 0;
        }
        if left > 0 {
            rest.insert(c.code.clone(), left);
        }
    }
    let mut sites = Vec::new();
    for (site, kind) in &site_order {
        let Some(p) = parts.get(site) else { continue };
        let codes: Vec<String> = p.iter().map(|(c, _)| c.clone()).collect();
        let people: u64 = p.iter().map(|(_, n)| n).sum();
        let whole: u64 = codes
            .iter()
            .filter_map(|c| place::find(c))
            .map(|c| c.total().round() as u64)
            .sum();
        let mut tags = vec!["vanguard".to_string()];
        if codes.iter().any(|c| uec.contains(c)) {
            tags.push("uec_network".into());
        }
        sites.push(SiteEntry {
            name: place::site_name(site),
            codes,
            population: (people != whole).then_some(people),
            group: kind.clone(),
            tags,
            comment: format!("{site} ({kind} vanguard)"),
        });
    }
    for c in place::all() {
        let Some(&left) = rest.get(&c.code) else {
            continue;
        };
        let whole = c.total().round() as u64;
        let partial = left != whole;
        let mut tags = Vec::new();
        if uec.contains(&c.code) {
            tags.push("uec_network".to_string());
        }
        let mut name = c.site_name();
        if partial {
            name = place::site_name(&format!("{}_rest", c.short_name()));
        }
        sites.push(SiteEntry {
            name,
            codes: vec![c.code.clone()],
            population: partial.then_some(left),
            group: "comparison".into(),
            tags,
            comment: if partial {
                format!("{}, outside its vanguard site", c.name)
            } else {
                c.name.clone()
            },
        });
    }
    sites
}

/// The header of `scenarios/england_baseline.toml`: what it is for, how it
/// is rebuilt and how its defaults were calibrated.
const ENGLAND_HEADER: &str = "\
# Question: does a fragmented England of 2017/18, as its 207 real places (CCGs
# of April 2017), with no new care models and every service and mechanism on,
# reproduce the published national rates, and do its places differ as the
# real ones do?
#
# This is the calibration scenario: `carescale calibrate
# scenarios/england_baseline.toml --scale 0.05` prints simulated vs published
# targets (EVIDENCE \"Calibration targets\": V13 levels and growth, V14, V15,
# zero-day share, length of stay, readmissions, A&E conversion, top-5% share
# of cost, and the demographic targets of every reported year) and, place by
# place, major A&E attendances per 1,000 against the bundle. Use 5% scale or
# more: at 1% a site has about 2,700 people and its integer capacities and
# daily slots overflow more often than a real place's (docs/MODEL.md 7.13).
#
# Made by `carescale place --england` from the open-data bundle (data/places/,
# data/README.md); rebuild with
#   carescale place --england --out scenarios/england_baseline.toml --force
# Each place has its own age structure, deprivation, care-home beds and a
# random effect for what the data cannot explain; the 29 population-based
# vanguard sites (PACS, MCP, EHCH) stand on their CCG footprints, with no care
# model adopted here (scenarios/vanguard_2015_2018.toml adopts them).
#
# How it was calibrated (labels: [P] published, [D] derived, [E] estimate,
# [C] tuned within its plausible range to hit the named target):
#   crisis rates by age band and the routing shares    -> A&E 428 and admissions 108 per 1,000 (V13)
#   A&E conversion by age band                          -> 29% of major attenders admitted; 65+ ~42% of admissions
#   care-home crisis rate, A&E share and conversion     -> 0.70 admissions, 0.98 attendances per resident-year (V14)
#   assessment times and intermediate-care places       -> ~5,000 delayed beds a day, ~1/3 social care (V15)
#   post-discharge hazard ratios                        -> 30-day readmissions 13.8%
#   personal-risk spread and planned-care cost          -> top 5% carry half of NHS cost (Dreyer 2019)
#   length-of-stay trend (-4%/yr, HF 2018)              -> bed days about flat while admissions grow 3.2%/yr
#   fit mortality by age band                           -> ONS 2017/18 death rates by band (all deaths)
#   care-home entry rates from home                     -> about 274,000 residents 65+ in 2017/18 (IAU 2019)
# The [C] values are checked by history matching in
# results/calibration/england_baseline_fit/ (docs/CALIBRATION.md). Every value
# below is the shipped default; the file lists them all so that each
# parameter's units, range and source can be read where it is set.
";

/// A scenario of England as its real places (see [`england_sites`]): the
/// shipped `scenarios/england_baseline.toml`.
pub fn england_scenario(name: &str) -> String {
    let sites = england_sites();
    let n_vanguard = sites.iter().filter(|s| s.group != "comparison").count();
    let question = "Does a fragmented England of 2017/18, as its 207 real places (CCGs of April 2017) with their own age structure, deprivation, care-home beds and unexplained variation, reproduce the published national rates, and how far do places differ as the real ones do?";
    let description = format!(
        "All of England (55.6 million people, ONS mid-2017) as {} sites on its 207 CCGs of April 2017: {n_vanguard} population-based vanguard sites (PACS, MCP, EHCH) on their CCG footprints and the rest of England's places; no new care models. Reported from April 2017 after a year of warm-up.",
        sites.len()
    );
    scenario_text(name, question, &description, ENGLAND_HEADER, &sites)
}

/// A whole scenario file: header, `[scenario]`, every section at its
/// defaults, the sites.
pub fn scenario_text(
    name: &str,
    question: &str,
    description: &str,
    header: &str,
    sites: &[SiteEntry],
) -> String {
    let q = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut out = String::new();
    out.push_str(header);
    let _ = write!(
        out,
        "\n[scenario]\nname = {}\nquestion = {}\ndescription = {}\n",
        q(name),
        q(question),
        q(description)
    );
    out.push_str(&template_sections());
    for s in sites {
        let _ = write!(
            out,
            "\n[[sites]]\nname = {}   # {}\n",
            q(&s.name),
            s.comment
        );
        if let [one] = s.codes.as_slice() {
            let _ = writeln!(out, "place = {}", q(one));
        } else {
            let list: Vec<String> = s.codes.iter().map(|c| q(c)).collect();
            let _ = writeln!(out, "place = [{}]", list.join(", "));
        }
        if let Some(n) = s.population {
            let _ = writeln!(out, "population = {n}");
        }
        let _ = writeln!(out, "group = {}", q(&s.group));
        if !s.tags.is_empty() {
            let list: Vec<String> = s.tags.iter().map(|t| q(t)).collect();
            let _ = writeln!(out, "tags = [{}]", list.join(", "));
        }
    }
    out
}

struct Footprint {
    site_name: String,
    site_type: String,
    code: String,
    share: f64,
    population: u64,
}

fn footprint_rows() -> Vec<Footprint> {
    let mut rdr = csv::Reader::from_reader(VANGUARD_FOOTPRINTS.as_bytes());
    rdr.records()
        .filter_map(|r| r.ok())
        .filter_map(|r| {
            Some(Footprint {
                site_name: r.get(0)?.to_string(),
                site_type: r.get(1)?.to_string(),
                code: r.get(3)?.to_string(),
                share: r.get(6)?.parse().ok()?,
                population: r.get(7)?.parse().ok()?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    #[test]
    fn england_is_every_place_once_with_its_people() {
        let sites = england_sites();
        // Every CCG appears; people add up to England's mid-2017 population.
        let mut people = 0u64;
        let mut codes = std::collections::BTreeSet::new();
        for s in &sites {
            codes.extend(s.codes.iter().cloned());
            people += s.population.unwrap_or_else(|| {
                s.codes
                    .iter()
                    .map(|c| place::find(c).unwrap().total().round() as u64)
                    .sum()
            });
        }
        assert_eq!(codes.len(), 207);
        assert_eq!(people, 55_619_430);
        let vanguards = sites.iter().filter(|s| s.group != "comparison").count();
        assert_eq!(vanguards, 29);
        let text = england_scenario("england_baseline");
        let scn = Scenario::from_str(&text, "england_baseline.toml", &[]).unwrap();
        assert_eq!(scn.sites.len(), sites.len());
        // Partial CCGs: South Somerset is a vanguard site and the rest of Somerset a site.
        assert!(scn
            .sites
            .iter()
            .any(|s| s.name == "south_somerset_symphony_programme"));
        assert!(scn.sites.iter().any(|s| s.name == "somerset_rest"));
    }

    #[test]
    fn every_place_builds_a_scenario_that_validates() {
        let all: Vec<&Ccg> = place::all().iter().collect();
        let text = places_scenario(&Selection::of_places(&all), false, Some("all_places"));
        let scn = Scenario::from_str(&text, "all.toml", &[]).unwrap();
        assert_eq!(scn.sites.len(), 207);
        for s in &scn.sites {
            let p = s.place.as_ref().unwrap();
            assert!(
                p.deprivation_index > 0.6 && p.deprivation_index < 1.5,
                "{}",
                s.name
            );
            let shares = s.age_band_share.unwrap();
            assert!((shares.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        }
        let one = places_scenario(&resolve(&["wirral".into()], false).unwrap(), true, None);
        let scn = Scenario::from_str(&one, "w.toml", &[]).unwrap();
        assert_eq!(scn.scenario.name, "wirral");
    }

    #[test]
    fn unknown_places_are_errors_with_suggestions() {
        let e = resolve(&["wirral".into(), "Wiral".into(), "qqqqqq".into()], false).unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains("no CCG (2017) or ICB (2022) matches `Wiral`"),
            "{text}"
        );
        assert!(text.contains("did you mean Wirral (E38000208)"), "{text}");
        assert!(
            text.contains("no CCG (2017) or ICB (2022) matches `qqqqqq`"),
            "{text}"
        );
        assert!(!text.contains("matches `wirral`"), "{text}");
        assert_eq!(e.exit_code(), 2);
        // An ICB name with a typo, and a name of several ICBs.
        let e = resolve(&["Chesire and Mersyside".into()], false).unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains("did you mean Cheshire and Merseyside ICB (E54000008)"),
            "{text}"
        );
        let e = resolve(&["london".into()], true).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("`london` matches 5 ICBs (2022)"), "{text}");
        assert!(text.contains("North West London (E54000027)"), "{text}");
        assert_eq!(e.exit_code(), 2);
    }

    /// Members as in the source lookup (LSOA 2011 to sub-ICB location to
    /// ICB, July 2022): Cheshire and Merseyside is the twelve CCG17s of the
    /// Cheshire and Merseyside STP; Nottingham and Nottinghamshire gained
    /// Bassetlaw in July 2022.
    #[test]
    fn an_icb_is_its_ccgs() {
        let cm = resolve(&["Cheshire and Merseyside".into()], false).unwrap();
        let mut ods: Vec<&str> = cm.places.iter().map(|c| c.ods_code.as_str()).collect();
        ods.sort_unstable();
        assert_eq!(
            ods,
            ["01C", "01F", "01J", "01R", "01T", "01V", "01X", "02D", "02E", "02F", "12F", "99A"]
        );
        assert_eq!(cm.label(), "Cheshire and Merseyside");
        for q in ["E54000008", "QYG", "qyg", "NHS Cheshire and Merseyside ICB"] {
            assert_eq!(resolve(&[q.into()], false).unwrap(), cm, "{q}");
        }
        let nn = resolve(&["QT1".into()], false).unwrap();
        let names: Vec<&str> = nn.places.iter().map(|c| c.short_name()).collect();
        assert_eq!(nn.places.len(), 7, "{names:?}");
        assert!(names.contains(&"Bassetlaw"), "{names:?}");
        assert!(names.contains(&"Nottingham City"), "{names:?}");
        let sy = resolve(&["South Yorkshire".into()], false).unwrap();
        let names: Vec<&str> = sy.places.iter().map(|c| c.short_name()).collect();
        assert_eq!(names, ["Barnsley", "Doncaster", "Rotherham", "Sheffield"]);
        // A CCG name keeps its meaning; an ICB's whole name is the ICB.
        let w = resolve(&["wirral".into()], false).unwrap();
        assert!(w.icbs.is_empty() && w.places.len() == 1);
        assert_eq!(resolve(&["Sussex".into()], false).unwrap().places.len(), 7);
        assert_eq!(
            resolve(&["coastal west sussex".into()], false)
                .unwrap()
                .places
                .len(),
            1
        );
        // Combined: one site on the ICB's CCGs, named after the ICB.
        let text = places_scenario(&cm, true, None);
        let one = Scenario::from_str(&text, "cm.toml", &[]).unwrap();
        assert_eq!(one.scenario.name, "cheshire_and_merseyside");
        assert_eq!(one.sites.len(), 1);
        assert_eq!(one.sites[0].place.as_ref().unwrap().codes.len(), 12);
        let text = places_scenario(&cm, false, None);
        let each = Scenario::from_str(&text, "cm.toml", &[]).unwrap();
        assert_eq!(each.sites.len(), 12);
        // The same people either way (to rounding, a person a site).
        assert!(one.total_population().abs_diff(each.total_population()) <= 12);
    }

    #[test]
    fn england_by_icb_is_every_place_once() {
        let sites = england_icb_sites();
        assert_eq!(sites.len(), 42);
        let mut codes = std::collections::BTreeSet::new();
        for s in &sites {
            for c in &s.codes {
                assert!(codes.insert(c.clone()), "{c} twice");
            }
        }
        assert_eq!(codes.len(), 207);
        let text = england_icb_scenario("england_icbs");
        let scn = Scenario::from_str(&text, "england_icbs.toml", &[]).unwrap();
        assert_eq!(scn.sites.len(), 42);
        // England's people on the start date (its places moved band by band).
        let want: f64 = crate::model::demography::population_on(scn.start)
            .iter()
            .sum();
        let got = scn.total_population() as f64;
        assert!((got / want - 1.0).abs() < 0.005, "{got} vs {want}");
        let groups: std::collections::BTreeSet<&str> =
            scn.sites.iter().map(|s| s.group.as_str()).collect();
        assert_eq!(groups.len(), 7, "{groups:?}");
    }
}
