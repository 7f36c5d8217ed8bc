//! England's places: the 207 clinical commissioning groups of April 2017
//! (CCG17) from the open-data bundle in `data/places/` (rebuilt from the raw
//! files by `data/build_places.py`; sources in `data/README.md`), embedded
//! in the binary so a scenario needs only `place = "E38000001"`.
//!
//! A place carries its own population by age band (mid-2017), deprivation
//! (IMD 2015 quintile shares), care-home beds (CQC) and observed A&E use
//! (by financial year, for calibration). A site on a list of places sums
//! them (population-weighted for shares). How they enter the model:
//! [`Profile::age_shares_on`] (age structure moved to a date by England's
//! band-by-band change), [`Profile::deprivation_index`] (need relative to
//! England from a relative-risk gradient by IMD quintile),
//! [`age_need_index`] (the crisis hazard its age structure gives,
//! relative to England's) and [`Profile::care_home_bed_ratio`]. See
//! docs/MODEL.md 7.13.
//!
//! Each CCG17 also belongs to one integrated care board of July 2022 (ICB22,
//! `data/places/ccg17_icb22.csv`): the ICB holding most of its mid-2017
//! residents. An ICB is a list of CCG17s ([`Icb::places`]); four CCGs
//! straddle two ICBs and count wholly in the larger part (an estimate, see
//! data/README.md).

use crate::model::demography;
use crate::scenario::dates::Date;
use std::sync::OnceLock;

const POPULATION: &str = include_str!("../../data/places/ccg17_population.csv");
const IMD: &str = include_str!("../../data/places/ccg17_imd.csv");
const CARE_HOME_BEDS: &str = include_str!("../../data/places/ccg17_care_home_beds.csv");
const AE_YEARLY: &str = include_str!("../../data/places/ccg17_ae_yearly.csv");
const ICB_LOOKUP: &str = include_str!("../../data/places/ccg17_icb22.csv");

/// Observed A&E use of a place in one financial year (from the bundle;
/// trust activity spread to places by catchment, an estimate).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AeYear {
    /// Financial year: April `fy_start` to March `fy_start + 1`.
    pub fy_start: i32,
    /// Type 1 (major) A&E attendances of the place's residents.
    pub attendances_type1: f64,
    /// Attendances of all types that could be placed.
    pub attendances_total: f64,
    /// Emergency admissions via A&E.
    pub admissions_total: f64,
}

/// One CCG (2017 boundaries).
#[derive(Clone, Debug, PartialEq)]
pub struct Ccg {
    /// ONS code (E38…).
    pub code: String,
    /// NHS ODS code (e.g. 02N).
    pub ods_code: String,
    /// Name as published (e.g. "NHS Wirral CCG").
    pub name: String,
    /// Sustainability and transformation partnership (2017) name.
    pub stp_name: String,
    /// Residents by age band, mid-2017.
    pub population: [f64; 6],
    /// IMD 2015 score, population-weighted (higher = more deprived).
    pub imd2015_score: f64,
    /// Share of residents in each national IMD 2015 quintile (q1 = most deprived).
    pub imd_quintile_share: [f64; 5],
    /// Care-home beds (CQC rates by district x 2017 population aged 65+).
    pub care_home_beds: f64,
    /// A&E by financial year.
    pub ae: Vec<AeYear>,
}

impl Ccg {
    /// Residents, mid-2017.
    pub fn total(&self) -> f64 {
        self.population.iter().sum()
    }

    /// The name without "NHS " and " CCG" (e.g. "Wirral").
    pub fn short_name(&self) -> &str {
        let n = self.name.strip_prefix("NHS ").unwrap_or(&self.name);
        n.strip_suffix(" CCG").unwrap_or(n)
    }

    /// A site name from the short name: lower case, words joined by `_`.
    pub fn site_name(&self) -> String {
        site_name(self.short_name())
    }
}

/// Lower case, letters and digits kept, everything else one `_`; at most 64
/// characters.
pub fn site_name(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    let mut out = out.trim_end_matches('_').to_string();
    out.truncate(64);
    out.trim_end_matches('_').to_string()
}

/// Every CCG, ordered by code.
pub fn all() -> &'static [Ccg] {
    static ALL: OnceLock<Vec<Ccg>> = OnceLock::new();
    ALL.get_or_init(|| parse().unwrap_or_default())
}

fn records(text: &str) -> Result<Vec<csv::StringRecord>, String> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())
}

fn num(r: &csv::StringRecord, i: usize) -> Result<f64, String> {
    r.get(i)
        .and_then(|s| s.parse::<f64>().ok())
        .ok_or_else(|| format!("field {i} of {:?} is not a number", r.get(0)))
}

/// Parse the embedded tables (all ordered by code, one row per CCG; the A&E
/// table one row per CCG and year).
fn parse() -> Result<Vec<Ccg>, String> {
    let mut out = Vec::new();
    for r in records(POPULATION)? {
        out.push(Ccg {
            code: r[0].to_string(),
            ods_code: r[1].to_string(),
            name: r[2].to_string(),
            stp_name: r[4].to_string(),
            population: [
                num(&r, 5)?,
                num(&r, 6)?,
                num(&r, 7)?,
                num(&r, 8)?,
                num(&r, 9)?,
                num(&r, 10)?,
            ],
            imd2015_score: 0.0,
            imd_quintile_share: [0.0; 5],
            care_home_beds: 0.0,
            ae: Vec::new(),
        });
    }
    let at = |out: &mut Vec<Ccg>, code: &str| -> Result<usize, String> {
        out.binary_search_by(|c| c.code.as_str().cmp(code))
            .map_err(|_| format!("unknown CCG {code}"))
    };
    for r in records(IMD)? {
        let i = at(&mut out, &r[0])?;
        out[i].imd2015_score = num(&r, 1)?;
        out[i].imd_quintile_share = [
            num(&r, 3)?,
            num(&r, 4)?,
            num(&r, 5)?,
            num(&r, 6)?,
            num(&r, 7)?,
        ];
    }
    for r in records(CARE_HOME_BEDS)? {
        let i = at(&mut out, &r[0])?;
        out[i].care_home_beds = num(&r, 2)?;
    }
    for r in records(AE_YEARLY)? {
        let i = at(&mut out, &r[0])?;
        out[i].ae.push(AeYear {
            fy_start: num(&r, 1)? as i32,
            attendances_type1: num(&r, 2)?,
            attendances_total: num(&r, 5)?,
            admissions_total: num(&r, 9)?,
        });
    }
    Ok(out)
}

/// The CCG with this ONS (E38…) or ODS code, case-insensitive.
pub fn find(code: &str) -> Option<&'static Ccg> {
    let c = code.trim();
    all()
        .iter()
        .find(|p| p.code.eq_ignore_ascii_case(c) || p.ods_code.eq_ignore_ascii_case(c))
}

/// CCGs a query names: the one with that code, else every CCG whose name
/// contains the query (case-insensitive, ignoring "NHS" and "CCG"), in code
/// order.
pub fn search(query: &str) -> Vec<&'static Ccg> {
    if let Some(c) = find(query) {
        return vec![c];
    }
    let q = normalise(query);
    if q.is_empty() {
        return Vec::new();
    }
    all()
        .iter()
        .filter(|c| normalise(c.short_name()).contains(&q))
        .collect()
}

/// Up to `n` CCGs whose names are nearest the query, for "did you mean".
pub fn suggest(query: &str, n: usize) -> Vec<&'static Ccg> {
    suggest_scored(query)
        .into_iter()
        .take(n)
        .map(|(_, c)| c)
        .collect()
}

/// CCGs near the query with their distances (see `name_distance`), nearest
/// first, only those within half the query's length (at least 2).
pub fn suggest_scored(query: &str) -> Vec<(usize, &'static Ccg)> {
    let q = normalise(query);
    let mut scored: Vec<(usize, &Ccg)> = all()
        .iter()
        .map(|c| (name_distance(&q, &normalise(c.short_name())), c))
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.code.cmp(&b.1.code)));
    let limit = suggest_limit(&q);
    scored.retain(|(d, _)| *d <= limit);
    scored
}

fn suggest_limit(q: &str) -> usize {
    (q.chars().count() / 2).max(2)
}

/// The best match of a normalised query against any word-aligned stretch
/// of a normalised name, or the whole name (edit distance).
fn name_distance(q: &str, name: &str) -> usize {
    let words: Vec<&str> = name.split(' ').collect();
    let mut best = crate::scenario::params::edit_distance(q, name);
    for i in 0..words.len() {
        for j in i + 1..=words.len() {
            let part = words[i..j].join(" ");
            best = best.min(crate::scenario::params::edit_distance(q, &part));
        }
    }
    best
}

/// One integrated care board of July 2022 as the CCGs of April 2017 that
/// lie wholly or mostly in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Icb {
    /// ONS code (E54…).
    pub code: String,
    /// NHS ODS code (Q…).
    pub ods_code: String,
    /// Name as published (e.g. "NHS Cheshire and Merseyside Integrated Care Board").
    pub name: String,
    /// NHS England region.
    pub region: String,
    /// Its CCG17s (ONS codes), in code order.
    pub ccgs: Vec<String>,
}

impl Icb {
    /// The name without "NHS " and " Integrated Care Board" (e.g.
    /// "Cheshire and Merseyside").
    pub fn short_name(&self) -> &str {
        let n = self.name.strip_prefix("NHS ").unwrap_or(&self.name);
        n.strip_suffix(" Integrated Care Board").unwrap_or(n)
    }

    /// A site name from the short name: lower case, words joined by `_`.
    pub fn site_name(&self) -> String {
        site_name(self.short_name())
    }

    /// Its CCG17s, in code order.
    pub fn places(&self) -> Vec<&'static Ccg> {
        self.ccgs.iter().filter_map(|c| find(c)).collect()
    }

    /// Residents of its CCG17s, mid-2017.
    pub fn total(&self) -> f64 {
        self.places().iter().map(|c| c.total()).sum()
    }
}

/// Every ICB (July 2022), ordered by code.
pub fn icbs() -> &'static [Icb] {
    static ICBS: OnceLock<Vec<Icb>> = OnceLock::new();
    ICBS.get_or_init(|| parse_icbs().unwrap_or_default())
}

/// The ICB lookup: one row per CCG17 with its ICB (columns as in
/// data/README.md).
fn parse_icbs() -> Result<Vec<Icb>, String> {
    let mut out: Vec<Icb> = Vec::new();
    for r in records(ICB_LOOKUP)? {
        let field = |i: usize| {
            r.get(i)
                .map(str::to_string)
                .ok_or_else(|| format!("ccg17_icb22.csv: short row {:?}", r.get(0)))
        };
        let (ccg, code) = (field(0)?, field(3)?);
        match out.iter_mut().find(|i| i.code == code) {
            Some(icb) => icb.ccgs.push(ccg),
            None => out.push(Icb {
                code,
                ods_code: field(4)?,
                name: field(5)?,
                region: field(7)?,
                ccgs: vec![ccg],
            }),
        }
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    for i in &mut out {
        i.ccgs.sort();
    }
    Ok(out)
}

/// The ICB with this ONS (E54…) or ODS (Q…) code, case-insensitive.
pub fn find_icb(code: &str) -> Option<&'static Icb> {
    let c = code.trim();
    icbs()
        .iter()
        .find(|i| i.code.eq_ignore_ascii_case(c) || i.ods_code.eq_ignore_ascii_case(c))
}

/// The ICB a CCG17 (ONS code) belongs to.
pub fn icb_of(ccg_code: &str) -> Option<&'static Icb> {
    icbs().iter().find(|i| i.ccgs.iter().any(|c| c == ccg_code))
}

/// ICBs a query names: the one with that code, else every ICB whose name
/// contains the query (case-insensitive, ignoring "NHS", "Integrated Care
/// Board" and "ICB"), in code order.
pub fn search_icbs(query: &str) -> Vec<&'static Icb> {
    if let Some(i) = find_icb(query) {
        return vec![i];
    }
    let q = normalise_icb(query);
    if q.is_empty() {
        return Vec::new();
    }
    icbs()
        .iter()
        .filter(|i| normalise_icb(i.short_name()).contains(&q))
        .collect()
}

/// The ICB whose whole name (without "NHS" and "Integrated Care Board") is
/// the query, ignoring case and punctuation.
pub fn icb_named(query: &str) -> Option<&'static Icb> {
    let q = normalise_icb(query);
    icbs()
        .iter()
        .find(|i| !q.is_empty() && normalise_icb(i.short_name()) == q)
}

/// ICBs near the query with their distances, nearest first (as
/// [`suggest_scored`]).
pub fn suggest_icbs_scored(query: &str) -> Vec<(usize, &'static Icb)> {
    let q = normalise_icb(query);
    let mut scored: Vec<(usize, &Icb)> = icbs()
        .iter()
        .map(|i| (name_distance(&q, &normalise_icb(i.short_name())), i))
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.code.cmp(&b.1.code)));
    let limit = suggest_limit(&q);
    scored.retain(|(d, _)| *d <= limit);
    scored
}

fn normalise_icb(s: &str) -> String {
    let n = normalise(s);
    let n = n.strip_suffix("integrated care board").unwrap_or(&n);
    let n = n.strip_suffix("icb").unwrap_or(n);
    n.trim_end().to_string()
}

fn normalise(s: &str) -> String {
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "nhs" && *w != "ccg")
        .collect();
    words.join(" ")
}

/// What a site on one or more places is made of: the places' sums.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    /// The places' codes, as resolved (ONS codes).
    pub codes: Vec<String>,
    /// Residents by age band, mid-2017.
    pub population: [f64; 6],
    /// Share of residents in each national IMD 2015 quintile (population-weighted).
    pub imd_quintile_share: [f64; 5],
    /// Care-home beds.
    pub care_home_beds: f64,
}

impl Profile {
    /// The profile of these places (codes ONS or ODS); an error names the
    /// first code that is not a CCG17.
    pub fn of(codes: &[String]) -> Result<Profile, String> {
        let mut ccgs = Vec::new();
        for c in codes {
            ccgs.push(find(c).ok_or_else(|| c.clone())?);
        }
        Ok(Profile::sum(&ccgs))
    }

    /// All of England.
    pub fn england() -> &'static Profile {
        static ENGLAND: OnceLock<Profile> = OnceLock::new();
        ENGLAND.get_or_init(|| {
            let all: Vec<&Ccg> = all().iter().collect();
            Profile::sum(&all)
        })
    }

    fn sum(ccgs: &[&Ccg]) -> Profile {
        let mut p = Profile {
            codes: ccgs.iter().map(|c| c.code.clone()).collect(),
            population: [0.0; 6],
            imd_quintile_share: [0.0; 5],
            care_home_beds: 0.0,
        };
        let total: f64 = ccgs.iter().map(|c| c.total()).sum();
        for c in ccgs {
            for b in 0..6 {
                p.population[b] += c.population[b];
            }
            for q in 0..5 {
                p.imd_quintile_share[q] += c.imd_quintile_share[q] * c.total() / total.max(1.0);
            }
            p.care_home_beds += c.care_home_beds;
        }
        p
    }

    /// Residents, mid-2017.
    pub fn total(&self) -> f64 {
        self.population.iter().sum()
    }

    /// Residents by band on `date`: each band's mid-2017 count times
    /// England's change in that band from mid-`base_year` (the year the
    /// counts are taken to describe) to `date`.
    pub fn population_on(&self, base_year: i32, date: Date) -> [f64; 6] {
        let base = demography::row(base_year).population;
        let now = demography::population_on(date);
        std::array::from_fn(|b| {
            if base[b] > 0.0 {
                self.population[b] * now[b] / base[b]
            } else {
                self.population[b]
            }
        })
    }

    /// Age-band shares on `date` (see [`Profile::population_on`]).
    pub fn age_shares_on(&self, base_year: i32, date: Date) -> [f64; 6] {
        shares(self.population_on(base_year, date))
    }

    /// Need from deprivation relative to England: the place's mean relative
    /// risk over its IMD quintile mix, over England's (`rr` by quintile,
    /// q1 = most deprived).
    pub fn deprivation_index(&self, rr: &[f64; 5]) -> f64 {
        let mean = |s: &[f64; 5]| (0..5).map(|q| s[q] * rr[q]).sum::<f64>();
        let e = mean(&Profile::england().imd_quintile_share);
        if e > 0.0 {
            mean(&self.imd_quintile_share) / e
        } else {
            1.0
        }
    }

    /// Care-home beds per resident relative to England's.
    pub fn care_home_bed_ratio(&self) -> f64 {
        let e = Profile::england();
        let england = e.care_home_beds / e.total();
        let here = self.care_home_beds / self.total().max(1.0);
        if england > 0.0 {
            here / england
        } else {
            1.0
        }
    }
}

/// The place-level random effect of a site in one replicate: the
/// population-weighted mean, over the site's places, of each place's
/// mean-one lognormal multiplier `exp(sd z - sd^2 / 2)`, `z` standard normal
/// from the place's own stream ([`rng::place_stream`]). 1 with `sd` = 0.
///
/// [`rng::place_stream`]: crate::model::rng::place_stream
pub fn random_effect(
    profile_codes: &[String],
    sd: f64,
    seed: u64,
    crn_key: u64,
    replicate: u32,
) -> f64 {
    if sd <= 0.0 || profile_codes.is_empty() {
        return 1.0;
    }
    let (mut sum, mut weight) = (0.0, 0.0);
    for code in profile_codes {
        let w = find(code).map_or(1.0, Ccg::total);
        let z = crate::model::rng::place_stream(seed, crn_key, replicate, code).normal();
        sum += w * (sd * z - 0.5 * sd * sd).exp();
        weight += w;
    }
    sum / weight
}

/// Shares of a vector (all 0 if it sums to 0).
pub fn shares(v: [f64; 6]) -> [f64; 6] {
    let t: f64 = v.iter().sum();
    v.map(|x| if t > 0.0 { x / t } else { 0.0 })
}

/// The mean crisis hazard per person of an age structure relative to
/// another's, from the hazard of each band (`band_hazard`): the need the age
/// structure alone gives.
pub fn age_need_index(shares: &[f64; 6], reference: &[f64; 6], band_hazard: &[f64; 6]) -> f64 {
    let mean = |s: &[f64; 6]| (0..6).map(|b| s[b] * band_hazard[b]).sum::<f64>();
    let r = mean(reference);
    if r > 0.0 {
        mean(shares) / r
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundle_has_england_s_207_places() {
        let all = all();
        assert_eq!(all.len(), 207);
        let e = Profile::england();
        assert_eq!(e.total().round(), 55_619_430.0);
        // Quintiles are national fifths of small areas: each near 0.2.
        for q in e.imd_quintile_share {
            assert!((q - 0.2).abs() < 0.02, "{q}");
        }
        for c in all {
            assert_eq!(c.ae.len(), 3, "{}", c.code);
            let s: f64 = c.imd_quintile_share.iter().sum();
            assert!((s - 1.0).abs() < 1e-3, "{} {s}", c.code);
            assert!(c.care_home_beds > 0.0, "{}", c.code);
        }
    }

    #[test]
    fn codes_and_names_are_found() {
        assert_eq!(find("E38000208").unwrap().short_name(), "Wirral");
        assert_eq!(find("e38000208").unwrap().code, "E38000208");
        assert_eq!(find("02N").unwrap().code, "E38000001");
        let leeds = search("leeds");
        assert!(leeds.len() >= 3, "{leeds:?}");
        assert!(search("NHS Wirral CCG")
            .iter()
            .any(|c| c.code == "E38000208"));
        assert!(search("zzzz").is_empty());
        assert!(suggest("Wiral", 3).iter().any(|c| c.code == "E38000208"));
        assert_eq!(find("E38000208").unwrap().site_name(), "wirral");
    }

    #[test]
    fn every_ccg_is_in_one_of_42_icbs() {
        let icbs = icbs();
        assert_eq!(icbs.len(), 42);
        let mut seen = std::collections::BTreeMap::new();
        for i in icbs {
            assert!(i.code.starts_with("E54") && i.ods_code.starts_with('Q'));
            assert!(!i.ccgs.is_empty(), "{}", i.code);
            for c in &i.ccgs {
                assert!(
                    seen.insert(c.clone(), i.code.clone()).is_none(),
                    "{c} twice"
                );
                assert_eq!(icb_of(c).unwrap().code, i.code);
            }
        }
        assert_eq!(seen.len(), 207);
        assert!(all().iter().all(|c| seen.contains_key(&c.code)));
        let total: f64 = icbs.iter().map(Icb::total).sum();
        assert_eq!(total.round(), 55_619_430.0);
        let (small, large) = icbs.iter().fold((f64::MAX, 0.0f64), |(s, l), i| {
            (s.min(i.total()), l.max(i.total()))
        });
        assert!(small > 450_000.0 && large < 3_100_000.0, "{small} {large}");
    }

    #[test]
    fn icbs_are_found_by_code_and_name() {
        let cm = find_icb("E54000008").unwrap();
        assert_eq!(cm.ods_code, "QYG");
        assert_eq!(find_icb("qyg").unwrap().code, "E54000008");
        assert_eq!(cm.short_name(), "Cheshire and Merseyside");
        assert_eq!(cm.site_name(), "cheshire_and_merseyside");
        assert_eq!(cm.region, "North West");
        assert_eq!(
            icb_named("cheshire and merseyside").unwrap().code,
            "E54000008"
        );
        assert_eq!(
            icb_named("NHS Cheshire and Merseyside Integrated Care Board")
                .unwrap()
                .code,
            "E54000008"
        );
        assert_eq!(icb_named("Stoke on Trent"), None);
        assert_eq!(search_icbs("stoke on trent")[0].code, "E54000010");
        assert_eq!(search_icbs("London").len(), 5);
        assert!(search_icbs("zzzz").is_empty());
        assert_eq!(
            suggest_icbs_scored("Chesire and Mersyside")[0].1.code,
            "E54000008"
        );
        // The July 2022 moves: Bassetlaw to Nottingham and Nottinghamshire.
        assert_eq!(icb_of(&find("02Q").unwrap().code).unwrap().ods_code, "QT1");
    }

    #[test]
    fn england_indices_are_one_and_places_differ() {
        let rr = [1.65, 1.45, 1.275, 1.175, 1.05];
        let e = Profile::england();
        assert!((e.deprivation_index(&rr) - 1.0).abs() < 1e-12);
        assert!((e.care_home_bed_ratio() - 1.0).abs() < 1e-12);
        // Bradford City is among the most deprived, Wokingham the least.
        let d = |q: &str| Profile::of(&[search(q)[0].code.clone()]).unwrap();
        assert!(d("Bradford City").deprivation_index(&rr) > 1.2);
        assert!(d("Wokingham").deprivation_index(&rr) < 0.85);
        // The population-weighted mean of the index over places is 1.
        let mean: f64 = all()
            .iter()
            .map(|c| {
                Profile::of(std::slice::from_ref(&c.code))
                    .unwrap()
                    .deprivation_index(&rr)
                    * c.total()
            })
            .sum::<f64>()
            / e.total();
        assert!((mean - 1.0).abs() < 1e-9, "{mean}");
        assert!(Profile::of(&["E99999999".to_string()]).is_err());
    }

    #[test]
    fn random_effect_is_keyed_by_place_and_has_mean_one() {
        let codes: Vec<String> = all().iter().map(|c| c.code.clone()).collect();
        let one = |c: &str, r| random_effect(&[c.to_string()], 0.2, 7, 0, r);
        // Same key, same draw; another replicate or place, another draw.
        assert_eq!(one("E38000208", 0), one("E38000208", 0));
        assert_ne!(one("E38000208", 0), one("E38000208", 1));
        assert_ne!(one("E38000208", 0), one("E38000001", 0));
        assert_eq!(random_effect(&codes[..1], 0.0, 7, 0, 0), 1.0);
        // Over 207 places x 40 replicates (8,280 draws) the log effect has
        // SD 0.2 and the effect mean 1; the bounds are about 6 standard
        // errors wide, so a correct generator fails them about once in 10^8.
        let mut logs = Vec::new();
        let mut sum = 0.0;
        for r in 0..40 {
            for c in &codes {
                let e = one(c, r);
                sum += e;
                logs.push(e.ln());
            }
        }
        let n = logs.len() as f64;
        let m = logs.iter().sum::<f64>() / n;
        let sd = (logs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / n).sqrt();
        assert!((sd - 0.2).abs() < 0.01, "{sd}");
        assert!((sum / n - 1.0).abs() < 0.013, "{}", sum / n);
    }

    #[test]
    fn age_structure_moves_with_england_band_by_band() {
        let d = Date {
            year: 2017,
            month: 7,
            day: 1,
        };
        let e = Profile::england();
        // At the base date the counts are the mid-2017 ones.
        assert_eq!(e.population_on(2017, d), e.population);
        let later = Date {
            year: 2020,
            month: 7,
            day: 1,
        };
        // England's places, moved, sum to England on the date (to the
        // difference between the bundle's single years of age and the
        // demography table's split of the 15-19 group, under 2%).
        let want = demography::population_on(later);
        let got = e.population_on(2017, later);
        for b in 0..6 {
            assert!((got[b] / want[b] - 1.0).abs() < 0.02, "{b}");
        }
        let h = [1.0, 1.0, 2.0, 3.0, 4.0, 6.0];
        assert!(
            (age_need_index(&shares(e.population), &shares(e.population), &h) - 1.0).abs() < 1e-12
        );
    }
}
