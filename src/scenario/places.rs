//! Scenarios from real places: a complete scenario file (every parameter at
//! its default, with units, range and source) whose sites stand on CCG
//! (2017) places of the bundle: named places (`carescale place NAME...`),
//! or all of England with the vanguard sites on their CCG footprints
//! (`carescale place --england`).

use crate::error::{Error, InputError, Result};
use crate::model::place::{self, Ccg};
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

/// The places each query names, in query order without repeats; every
/// query that names none is an error with the nearest names.
pub fn resolve(queries: &[String]) -> Result<Vec<&'static Ccg>> {
    let mut out: Vec<&Ccg> = Vec::new();
    let mut errors = Vec::new();
    if queries.is_empty() {
        return Err(Error::input(
            "carescale place",
            None,
            "no place given",
            Some("give a CCG (2017) code (E38000208, or the ODS code 12F) or part of a name, e.g. `carescale place wirral`; or --england for all of England"),
        ));
    }
    for q in queries {
        let found = place::search(q);
        if found.is_empty() {
            let near: Vec<String> = place::suggest(q, 5)
                .into_iter()
                .map(|c| format!("{} ({})", c.short_name(), c.code))
                .collect();
            let hint = if near.is_empty() {
                "give a CCG (2017) code (E38... or its ODS code) or part of a CCG name; names are matched without \"NHS\" and \"CCG\", ignoring case".to_string()
            } else {
                format!("did you mean {}?", near.join(", "))
            };
            errors.push(InputError {
                origin: "carescale place".into(),
                position: None,
                key: None,
                message: format!("no CCG (2017) matches `{}`", crate::error::short(q)),
                hint: Some(hint),
            });
        }
        for c in found {
            if !out.iter().any(|o| o.code == c.code) {
                out.push(c);
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Error::Input(errors))
    }
}

/// A scenario on `places`: one site a place, or one site of them all with
/// `combine`. `name` names the scenario (default: from the places).
pub fn places_scenario(places: &[&Ccg], combine: bool, name: Option<&str>) -> String {
    let label = match places {
        [one] => one.short_name().to_string(),
        [first, rest @ ..] => format!("{} and {} more", first.short_name(), rest.len()),
        [] => "no places".to_string(),
    };
    let name = name
        .map(str::to_string)
        .unwrap_or_else(|| place::site_name(&label));
    let sites: Vec<SiteEntry> = if combine {
        vec![SiteEntry {
            name: name.clone(),
            codes: places.iter().map(|c| c.code.clone()).collect(),
            population: None,
            group: "places".into(),
            tags: vec![],
            comment: places
                .iter()
                .map(|c| c.short_name())
                .collect::<Vec<_>>()
                .join(", "),
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
                comment: format!("{}; STP {}", c.name, c.stp_name),
            })
            .collect()
    };
    let question = format!(
        "What happens to emergency admissions, A&E, bed days, delays and cost in {label} (CCG 2017 footprints) as they are, with no new care models?"
    );
    let description = format!(
        "{label}: {} place(s) from the open-data bundle, each with its own age structure, deprivation, care-home beds and a place-level random effect ([places]); adopt care models per site with `adopts`.",
        places.len()
    );
    scenario_text(
        &name,
        &question,
        &description,
        "# Made by `carescale place`: the sites are CCGs of April 2017 from the open-data\n# bundle (data/README.md). Edit the question, the sites' `adopts` and any\n# parameter below.\n",
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

/// A scenario of England as its real places (see [`england_sites`]).
pub fn england_scenario(name: &str) -> String {
    let sites = england_sites();
    let n_vanguard = sites.iter().filter(|s| s.group != "comparison").count();
    let question = "Does a fragmented England of 2017/18, as its 207 real places (CCGs of April 2017) with their own age structure, deprivation, care-home beds and unexplained variation, reproduce the published national rates, and how far do places differ as the real ones do?";
    let description = format!(
        "All of England (55.6 million people, ONS mid-2017) as {} sites on its 207 CCGs of April 2017: {n_vanguard} population-based vanguard sites (PACS, MCP, EHCH) on their CCG footprints and the rest of England's places; no new care models. Reported from April 2017 after a year of warm-up.",
        sites.len()
    );
    scenario_text(
        name,
        question,
        &description,
        "# Made by `carescale place --england` from the open-data bundle\n# (data/places/, data/README.md); rebuild with\n#   carescale place --england --out scenarios/england_places.toml --force\n# Calibrate with `carescale calibrate scenarios/england_places.toml --scale 0.05`:\n# the national targets, and A&E per 1,000 place by place against the bundle.\n# Use 5% scale or more: at 1% a site has about 2,700 people and its integer\n# capacities and daily slots overflow more often than a real place's\n# (docs/MODEL.md 7.13).\n",
        &sites,
    )
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
        let text = england_scenario("england_places");
        let scn = Scenario::from_str(&text, "england_places.toml", &[]).unwrap();
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
        let text = places_scenario(&all, false, Some("all_places"));
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
        let one = places_scenario(&resolve(&["wirral".into()]).unwrap(), true, None);
        let scn = Scenario::from_str(&one, "w.toml", &[]).unwrap();
        assert_eq!(scn.scenario.name, "wirral");
    }

    #[test]
    fn unknown_places_are_errors_with_suggestions() {
        let e = resolve(&["wirral".into(), "Wiral".into(), "qqqqqq".into()]).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("no CCG (2017) matches `Wiral`"), "{text}");
        assert!(text.contains("did you mean Wirral (E38000208)"), "{text}");
        assert!(text.contains("no CCG (2017) matches `qqqqqq`"), "{text}");
        assert!(!text.contains("matches `wirral`"), "{text}");
        assert_eq!(e.exit_code(), 2);
    }
}
