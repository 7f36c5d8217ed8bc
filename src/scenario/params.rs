//! The parameter registry: every scenario parameter is declared once, here,
//! with its default, plausible range, units and source. The same declaration
//! produces the serde struct (unknown keys rejected), the defaults, the range
//! checks and the parameter dictionary (`docs/PARAMETERS.md`), so they
//! cannot drift apart.
//!
//! Source labels follow the project's evidence file: **\[P\]** published,
//! **\[D\]** derived by arithmetic from published figures, **\[R\]** commonly
//! cited but unverified, **\[E\]** estimate or modelling assumption, and
//! **\[C\]** calibrated: tuned within its plausible range to hit a published
//! target (the target is named).

use crate::scenario::lever::{Lever, Levers};
use serde::{Deserialize, Serialize};

/// One parameter's entry in the dictionary.
#[derive(Clone, Debug, Serialize)]
pub struct ParamSpec {
    /// Dotted key path in the scenario file (`[[sites]]` entries are `sites[].key`).
    pub path: String,
    /// Units (the name carries them too).
    pub units: &'static str,
    /// Default value as TOML.
    pub default: String,
    /// Smallest allowed value (NaN for text).
    pub min: f64,
    /// Largest allowed value (NaN for text).
    pub max: f64,
    /// Source, with its evidence label.
    pub source: &'static str,
    /// What it means.
    pub meaning: &'static str,
}

/// A value outside its allowed range, found by [`ParamValue::check`].
#[derive(Clone, Debug, PartialEq)]
pub struct RangeError {
    /// Dotted key path (with element index for arrays, e.g. `a.b[2]`).
    pub path: String,
    /// The value given.
    pub given: String,
    /// What is allowed.
    pub allowed: String,
}

/// Types a parameter can have.
pub trait ParamValue {
    /// The value as TOML text, for the dictionary.
    fn show(&self) -> String;
    /// Push a [`RangeError`] for every element outside `[min, max]`.
    fn check(&self, path: &str, min: f64, max: f64, out: &mut Vec<RangeError>);
}

fn push_range(path: String, v: f64, min: f64, max: f64, out: &mut Vec<RangeError>) {
    if !(v.is_finite() && v >= min && v <= max) {
        out.push(RangeError {
            path,
            given: format!("{v}"),
            allowed: format!("a number from {min} to {max}"),
        });
    }
}

impl ParamValue for f64 {
    fn show(&self) -> String {
        format!("{self:?}")
    }
    fn check(&self, path: &str, min: f64, max: f64, out: &mut Vec<RangeError>) {
        push_range(path.to_string(), *self, min, max, out);
    }
}

impl ParamValue for u32 {
    fn show(&self) -> String {
        self.to_string()
    }
    fn check(&self, path: &str, min: f64, max: f64, out: &mut Vec<RangeError>) {
        push_range(path.to_string(), *self as f64, min, max, out);
    }
}

impl ParamValue for u64 {
    fn show(&self) -> String {
        self.to_string()
    }
    fn check(&self, path: &str, min: f64, max: f64, out: &mut Vec<RangeError>) {
        push_range(path.to_string(), *self as f64, min, max, out);
    }
}

impl ParamValue for String {
    fn show(&self) -> String {
        format!("{self:?}")
    }
    fn check(&self, _: &str, _: f64, _: f64, _: &mut Vec<RangeError>) {}
}

impl<const N: usize> ParamValue for [f64; N] {
    fn show(&self) -> String {
        let items: Vec<String> = self.iter().map(|v| format!("{v:?}")).collect();
        format!("[{}]", items.join(", "))
    }
    fn check(&self, path: &str, min: f64, max: f64, out: &mut Vec<RangeError>) {
        for (i, v) in self.iter().enumerate() {
            push_range(format!("{path}[{i}]"), *v, min, max, out);
        }
    }
}

/// Declare a scenario section: fields with default, range, units, source and meaning.
macro_rules! param_section {
    ($(#[$doc:meta])* $name:ident, $section:literal, {
        $( $(#[$fattr:meta])* $field:ident : $ty:ty = $default:expr, [$min:expr, $max:expr], $units:literal, $source:literal, $meaning:literal; )*
    }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
        #[serde(deny_unknown_fields, default)]
        pub struct $name {
            $( #[doc = $meaning] $(#[$fattr])* pub $field: $ty, )*
        }
        impl Default for $name {
            fn default() -> Self {
                $name { $( $field: $default, )* }
            }
        }
        impl $name {
            /// The section's name in the scenario file.
            pub const SECTION: &'static str = $section;
            /// Dictionary entries of this section.
            pub fn specs() -> Vec<ParamSpec> {
                vec![ $( ParamSpec {
                    path: format!("{}.{}", $section, stringify!($field)),
                    units: $units,
                    default: ParamValue::show(&{ let v: $ty = $default; v }),
                    min: $min as f64,
                    max: $max as f64,
                    source: $source,
                    meaning: $meaning,
                }, )* ]
            }
            /// Check every field against its range; `prefix` is the key path of the section.
            pub fn check_ranges(&self, prefix: &str, out: &mut Vec<RangeError>) {
                $( ParamValue::check(&self.$field, &format!("{}.{}", prefix, stringify!($field)), $min as f64, $max as f64, out); )*
            }
        }
    };
}

/// Seeds (`run.seed`, `run.crn_key`, a sweep's seeds) cover the whole
/// `u64` range, 0 to 18446744073709551615. TOML integers stop at
/// 9223372036854775807 (2^63 - 1), so a seed is written as an integer or as
/// a quoted decimal string (`seed = "18446744073709551615"`); seeds of 2^63
/// and above are written back as strings, smaller ones as integers (as
/// before).
pub mod seed_serde {
    use serde::{de, Deserializer, Serializer};
    use std::fmt;

    /// What a seed may be, for messages.
    pub const ALLOWED: &str = "a whole number from 0 to 18446744073709551615 (above 9223372036854775807, write it in quotes: \"18446744073709551615\")";

    /// Write a seed: an integer below 2^63, a decimal string from there.
    pub fn serialize<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
        if *v <= i64::MAX as u64 {
            s.serialize_u64(*v)
        } else {
            s.serialize_str(&v.to_string())
        }
    }

    /// Parse a seed from its text (digits only, `_` allowed between them).
    pub fn parse(text: &str) -> Option<u64> {
        let t = text.trim();
        if t.is_empty() || t.starts_with('_') || t.ends_with('_') || t.starts_with('+') {
            return None;
        }
        t.replace('_', "").parse().ok()
    }

    struct V;
    impl de::Visitor<'_> for V {
        type Value = u64;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "{ALLOWED}")
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
            Ok(v)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
            u64::try_from(v)
                .map_err(|_| E::custom(format!("seed {v} is negative; allowed: {ALLOWED}")))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<u64, E> {
            parse(v).ok_or_else(|| {
                let shown: String = v.chars().take(40).collect();
                E::custom(format!("`{shown}` is not a seed; allowed: {ALLOWED}"))
            })
        }
    }

    /// Read a seed: an integer, or a decimal string.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        d.deserialize_any(V)
    }

    /// Read an optional seed (with `#[serde(default)]`).
    pub fn de_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        deserialize(d).map(Some)
    }
}

/// Age bands used throughout: 0–17, 18–49, 50–64, 65–74, 75–84, 85+.
pub const AGE_BANDS: [&str; 6] = ["0-17", "18-49", "50-64", "65-74", "75-84", "85+"];
/// Width of each age band in years (the last is open; ageing out of it is death only).
pub const AGE_BAND_WIDTH_YEARS: [f64; 6] = [18.0, 32.0, 15.0, 10.0, 10.0, f64::INFINITY];
/// Electronic frailty index categories.
pub const FRAILTY: [&str; 4] = ["fit", "mild", "moderate", "severe"];
/// First age band of "older people", 65 and over (band 65-74). A definition
/// tied to the age bands, not a parameter: it is the age of the published
/// figures the model is held to (274,000 care-home residents 65+ and 7.9% of
/// admissions of people 65+ from care homes, IAU 2019; ONS's "65 and over"),
/// and it names outputs (`care_home_residents_65_plus`,
/// `emergency_admissions_65_plus`). It also bounds who enters a care home
/// directly from home and the `older_65_plus` segment.
pub const OLDER_FIRST_BAND: usize = 3;
/// First age band in which eFI frailty is recorded, 50 and over (band
/// 50-64): the population of the frailty evidence (Walsh 2023: adults 50+;
/// the eFI of Clegg 2016 is of people 65+), so frailty shares, onset rates
/// and the frailty-prevalence outputs start here. People of the bands below
/// are fit throughout. Home-care need from home, whose rates are by eFI
/// category, starts here too.
pub const FRAILTY_FIRST_BAND: usize = 2;

param_section!(
    /// `[run]`: time line, replicates and the root of the seed tree.
    RunParams, "run", {
    start_date: String = "2016-04-01".to_string(), [0, 0], "ISO date, 1990-01-01 to 2100-12-31", "[E] start of 2016/17; with 12 months of warm-up the first reported year is 2017/18, the calibration year", "First simulated day (YYYY-MM-DD).";
    warm_up_months: u32 = 12, [0, 240], "months", "[E] long enough for queues, care-home occupancy and unmet need to settle from the initial state", "Months simulated before reporting starts; excluded from every statistic.";
    horizon_months: u32 = 60, [1, 600], "months", "[E] five reported years", "Months reported after the warm-up.";
    replicates: u32 = 10, [1, 100000], "runs", "[E] enough for CIs of about 1% on national rates", "Independent replicates (common random numbers across scenarios).";
    #[serde(with = "seed_serde")]
    seed: u64 = 20150310, [0, 1.8446744073709552e19], "integer, quoted above 9223372036854775807", "[E] the date wave 1 was announced", "Root of the seed tree.";
    #[serde(with = "seed_serde")]
    crn_key: u64 = 0, [0, 1.8446744073709552e19], "integer, quoted above 9223372036854775807", "[E] keep equal across scenarios you compare", "Scenario level of the seed tree: scenarios with the same crn_key share common random numbers; give a scenario another value to draw independent streams.";
});

param_section!(
    /// `[population]`: case mix, frailty, residence, risk and demography.
    PopulationParams, "population", {
    age_band_share: [f64; 6] = [0.214, 0.420, 0.184, 0.099, 0.059, 0.024], [0, 1], "share by age band (0-17, 18-49, 50-64, 65-74, 75-84, 85+)", "[E] approximates ONS mid-2017 England; 65+ = 0.182 [P] ONS mid-2017", "Share of the site population in each age band; must sum to 1.";
    frailty_share_mild_by_band: [f64; 6] = [0.0, 0.0, 0.16, 0.31, 0.40, 0.43], [0, 1], "share by age band", "[E] chosen so 65+ is about 0.50/0.35/0.12/0.03 fit/mild/moderate/severe, [R] Clegg 2016", "Share with mild eFI frailty in each age band.";
    frailty_share_moderate_by_band: [f64; 6] = [0.0, 0.0, 0.035, 0.075, 0.16, 0.26], [0, 1], "share by age band", "[E] as above", "Share with moderate eFI frailty in each age band.";
    frailty_share_severe_by_band: [f64; 6] = [0.0, 0.0, 0.005, 0.015, 0.04, 0.09], [0, 1], "share by age band", "[E] as above", "Share with severe eFI frailty in each age band.";
    multimorbidity_prevalence_by_band: [f64; 6] = [0.03, 0.10, 0.40, 0.55, 0.70, 0.80], [0, 1], "share by age band", "[P] adults 2+ conditions 0.272 (Cassell 2018); age gradient [E]", "Share with two or more long-term conditions.";
    care_home_share_by_band: [f64; 6] = [0.0, 0.0, 0.0, 0.005, 0.025, 0.12], [0, 1], "share by age band", "[P] 274,000 residents 65+, 2.8% of older people (IAU 2019); age gradient [E]; the model's care homes are those for older people: younger adults' care homes (18% of residents in 2021, ONS) are a separate sector with their own beds, not modelled", "Share living in a care home at the start (bands under 65 only if a scenario sets them: nobody under 65 enters one during a run).";
    care_home_residential_share: f64 = 0.49, [0, 1], "share", "[P] 135k of 274k residents in residential homes (IAU 2019)", "Share of care-home residents in residential (not nursing) homes.";
    care_home_frailty_tilt: [f64; 4] = [0.4, 1.0, 1.8, 2.6], [0.01, 20], "relative weight (fit, mild, moderate, severe)", "[E] care-home residents are frailer than people of their age at home; the weights are normalised over each band's frailty mix, so the band's care-home share is kept", "Relative chance of living in a care home at the start, by eFI category, within an age band.";
    personal_risk_sigma: f64 = 1.6, [0, 3], "log-scale SD", "[C] top 5% of patients carry 0.50 of NHS costs (Dreyer 2019); plausible 1.0-2.0 [E]", "SD of the log of the personal risk multiplier (lognormal, mean 1).";
    personal_risk_renewal_per_year: f64 = 0.25, [0, 5], "per year", "[E] high use regresses to the mean: most of the top 5% in one year are not in it the next, so personal risk is persistent but not lifelong", "Rate at which a person's risk multiplier is drawn afresh.";
    frailty_onset_per_1000py_by_band: [f64; 6] = [0.0, 0.0, 48.0, 130.0, 214.0, 380.0], [0, 2000], "per 1,000 person-years", "[P] Walsh 2023 fit-to-frail transitions", "Rate of fit to mild frailty.";
    frailty_mild_to_moderate_per_1000py_by_band: [f64; 6] = [0.0, 0.0, 60.0, 80.0, 110.0, 160.0], [0, 2000], "per 1,000 person-years", "[E] slower than onset, rising with age", "Rate of mild to moderate frailty.";
    frailty_moderate_to_severe_per_1000py_by_band: [f64; 6] = [0.0, 0.0, 80.0, 100.0, 130.0, 180.0], [0, 2000], "per 1,000 person-years", "[E] as above", "Rate of moderate to severe frailty.";
    mortality_fit_per_1000py_by_band: [f64; 6] = [0.121, 0.785, 2.09, 5.96, 16.25, 56.5], [0, 1000], "per 1,000 person-years", "[C] with the frailty HRs, care-home and in-hospital deaths, gives ONS England death rates by band in 2017/18: 0.40, 1.18, 4.30, 15.2, 44.5, 149 per 1,000 (data/england/demography.csv); community 65+ about 3.3% a year [P] Shah 2013", "Death rate of a fit person living in the community, in the demographic year of the demand reference date (with follow_ons_demography it changes by year as ONS death rates by band do).";
    frailty_hr_mortality: [f64; 4] = [1.0, 1.92, 3.10, 4.52], [0.1, 20], "hazard ratio (fit, mild, moderate, severe)", "[P] Clegg 2016 adjusted 1-year HRs", "Mortality hazard ratio by eFI category.";
    care_home_mortality_residential_per_1000py: f64 = 250.0, [50, 800], "per 1,000 person-years", "[P] 26.2% of residents die within a year (Shah 2013); SMR residential 284 vs nursing 419", "Death rate of residential-home residents.";
    care_home_mortality_nursing_per_1000py: f64 = 360.0, [50, 800], "per 1,000 person-years", "[P] as above", "Death rate of nursing-home residents.";
    care_home_entry_per_1000py_by_frailty: [f64; 4] = [0.7, 5.75, 23.0, 81.0], [0, 500], "per 1,000 person-years (65+ in the community)", "[C] with entries from hospital and intermediate care, balances care-home deaths at about 274,000 residents 65+ [P] IAU 2019 in 2017/18 on England's 207 places, whose CQC beds do not match their older people (where beds are short, people wait at home; 1.15 times the rates that balanced a uniform England of regions); relative to each other [E]", "Rate at which older people at home move into a care home directly, at the demand reference date (it changes by care_home_entry_change_per_year).";
    care_home_entry_change_per_year: f64 = -0.02, [-0.05, 0.02], "per year (compound)", "[D] ONS censuses, England and Wales: care-home residents 65+ about 290,600 in 2011 and 278,946 in 2021 (-4.0%) while the population 65+ grew from 9.2m to 11.1m (3.2% to 2.5% of it in care homes); residents 65+ flat 2001-2011 (+0.3%) while the population 65+ grew 11% (ONS 2014, 2023). By age: 85+ about 13.8% (172k of 1.25m) in 2011 and 11% (157k of about 1.43m) in 2021, -2.2% a year; 65-84 1.49% and 1.26%, -1.7% a year; 85+ 2001-2011 about -1.6% a year. Range -5% to +2% [E]; Census 2021 fell in the pandemic", "Secular change of the rate of entering a care home at a given age and frailty (from home, and the chance that a discharge from hospital or intermediate care ends in a placement), relative to demand.demand_reference_date.";
    births_per_1000py: f64 = 11.4, [0, 30], "per 1,000 person-years", "[P] ONS births England 2017 (about 680,000)", "New people entering age band 0-17.";
    net_migration_per_1000py: f64 = 4.5, [-10, 20], "per 1,000 person-years", "[D] ONS growth 0.64% a year less natural change", "Net new people entering age band 18-49 (negative values are ignored). Used only when follow_ons_demography is 0.";
    follow_ons_demography: f64 = 1.0, [0, 1], "switch 0/1", "[P] ONS mid-year estimates and deaths, England 2010-2019, with a projection after [E] (data/england/demography.csv, data/README.md)", "1 = each site starts with England's age structure on the start date (unless it gives its own) and its population grown with England's from site_population_year, and births, ageing between bands, net migration by band and the change of death rates by band follow England's demographic year by year; 0 = age_band_share, births_per_1000py, net_migration_per_1000py, ageing at one over the band width and death rates constant in time.";
    site_population_year: f64 = 2017.0, [2010, 2044], "mid-year", "[P] the shipped scenarios give ONS mid-2017 populations", "Mid-year (30 June) the sites' population counts refer to; with follow_ons_demography each site starts at its count times England's growth from then to the start date.";
    frailty_steady_state: f64 = 1.0, [0, 1], "switch 0/1", "[D] recovery where the evidence shows it (TILDA: 19% pre-frail to robust and 21% frail to pre-frail over follow-up; Gill 2006: up to 23% to a less frail state in 18 months); its rates are solved from the balance of the starting prevalence, onset, death and ageing rates (docs/MODEL.md 7.11)", "1 = frailty also recovers one category at a time (mild to fit, moderate to mild, severe to moderate) at rates solved at set-up so that the starting prevalence by band is a steady state; 0 = frailty only progresses.";
});

param_section!(
    /// `[demand]`: crisis hazards and what raises them.
    DemandParams, "demand", {
    crisis_fit_per_1000py_by_band: [f64; 6] = [413.0, 491.0, 461.0, 506.0, 552.0, 656.0], [0, 10000], "per 1,000 person-years", "[C] A&E 428 and emergency admissions 108 per 1,000 a year in 2017/18 (V13); 65+ about 42% of admissions (2.43m of 5.8m, IAU 2019 / NAO [D])", "Crisis (urgent deterioration) rate of a fit person at home with no multimorbidity and personal risk 1, at the reference date.";
    crisis_care_home_residential_per_1000py: f64 = 1317.0, [0, 10000], "per 1,000 person-years", "[C] 0.70 emergency admissions and 0.98 A&E attendances per resident-year [P] IAU 2019 (V14)", "Crisis rate of a residential-home resident (frailty and personal risk apply on top).";
    crisis_care_home_nursing_per_1000py: f64 = 1317.0, [0, 10000], "per 1,000 person-years", "[C] as above", "Crisis rate of a nursing-home resident.";
    frailty_hr_crisis: [f64; 4] = [1.0, 1.93, 3.04, 4.73], [0.1, 20], "hazard ratio (fit, mild, moderate, severe)", "[P] Clegg 2016 hospitalisation HRs", "Crisis hazard ratio by eFI category (community only).";
    care_home_frailty_hr_crisis: [f64; 4] = [1.0, 1.2, 1.4, 1.6], [0.1, 20], "hazard ratio", "[E] a flatter gradient within care homes", "Crisis hazard ratio by eFI category for care-home residents.";
    multimorbidity_hr_crisis: f64 = 1.8, [1, 5], "hazard ratio", "[E] 2+ conditions: 27% of adults, 56% of admissions (Cassell 2018), confounded with age", "Crisis hazard ratio for two or more long-term conditions.";
    demand_growth_per_year: f64 = 0.025, [0, 0.05], "per year", "[P/D] HF 3.2%/yr 2006-18; NAO +2.1% 2016/17; non-vanguard +3.0%; EVIDENCE default 0.025 (range 0.02-0.032)", "Secular growth of crisis hazards (compound).";
    demand_reference_date: String = "2017-10-01".to_string(), [0, 0], "ISO date, 1990-01-01 to 2100-12-31", "[E] the middle of 2017/18, the year the crisis rates are calibrated to", "Date at which the crisis rates apply unchanged by growth.";
    unmet_need_hr_crisis: f64 = 1.6, [1, 5], "hazard ratio", "[E] unmet need raises later crises", "Crisis hazard ratio while a patient has unmet need.";
    unmet_need_hr_mortality: f64 = 1.3, [1, 5], "hazard ratio", "[E]", "Mortality hazard ratio while a patient has unmet need.";
    unmet_need_resolution_per_year: f64 = 6.0, [0.5, 50], "per year", "[E] unmet need lasts about two months on average", "Rate at which unmet need resolves by itself.";
    post_discharge_hr_crisis: f64 = 1.2, [1, 10], "hazard ratio", "[C] 30-day emergency readmissions 13.8% (NHS Digital 2017/18)", "Crisis hazard ratio in the window after a discharge, when follow-up happened.";
    missed_follow_up_hr_crisis: f64 = 1.4, [1, 5], "hazard ratio", "[E] about 30% of readmissions potentially preventable (Blunt); [C] with post_discharge_hr_crisis", "Extra crisis hazard ratio in the window when follow-up after discharge was lost.";
    potentially_avoidable_share: f64 = 0.24, [0.15, 0.35], "share of crises", "[P] NAO 2018: 24% of emergency admissions avoidable (range 0.20-0.30)", "Share of crises of people at home that are of a potentially avoidable (ambulatory-care-sensitive) condition, drawn per crisis independently of stay type.";
    care_home_potentially_avoidable_share: f64 = 0.41, [0.35, 0.45], "share of crises", "[P] IAU 2019: 41% of care-home residents' emergency admissions for potentially avoidable conditions", "Share of care-home residents' crises that are of a potentially avoidable condition.";
    post_discharge_window_days: f64 = 30.0, [1, 120], "days", "[P] the 30-day readmission definition", "Length of the post-discharge window.";
});

param_section!(
    /// `[routing]`: where a crisis goes in a fragmented system.
    RoutingParams, "routing", {
    share_general_practice: f64 = 0.25, [0, 1], "share of crises", "[C] with share_ae: A&E 428 per 1,000 (V13); NHS 111 sends 62% of triaged calls to primary care [P] Dec 2017", "Crises managed by general practice (same-day), if it has a slot.";
    share_urgent_community_response: f64 = 0.045, [0, 1], "share of crises", "[E] UCR was patchy before 2019", "Crises picked up by urgent community response / step-up, if it has a slot.";
    share_ae: f64 = 0.61, [0, 1], "share of crises", "[C] A&E 428 per 1,000 a year [D]", "Crises that go to A&E (via 111 or ambulance).";
    share_direct_admission: f64 = 0.04, [0, 1], "share of crises", "[C] emergency admissions not via A&E (GP and bed-bureau referrals) so that admissions reach 108 per 1,000", "Crises admitted directly (not through A&E).";
    share_missed: f64 = 0.055, [0, 1], "share of crises", "[E] crises nobody picks up; no direct national figure", "Crises missed: nobody picks them up, leaving unmet need.";
    care_home_ae_share: f64 = 0.38, [0, 1], "share of care-home crises", "[C] 0.98 A&E attendances per resident-year [P] IAU 2019 (V14)", "Share of care-home crises that go to A&E (the rest split as above, without A&E).";
    ae_major_share: f64 = 0.65, [0, 1], "share of attendances", "[E] type 1 departments see about two thirds of attendances (NHS Digital HAEA)", "Share of A&E attendances at major (type 1) departments.";
    care_home_ae_major_share: f64 = 0.95, [0, 1], "share of attendances", "[D] care-home residents arrive by ambulance at type 1 A&E: 192,000 EAs from 269,000 attendances (IAU 2019) implies most are admitted", "Share of care-home residents' A&E attendances at major departments.";
    ae_major_conversion_by_band: [f64; 6] = [0.17, 0.225, 0.29, 0.34, 0.385, 0.43], [0, 1], "probability", "[C] 29% of major-A&E attenders admitted [P] HF 2018; gradient keeps 65+ near 42% of admissions", "Probability a major A&E attendance ends in admission, by age band (minor units do not admit).";
    care_home_conversion_multiplier: f64 = 1.45, [0.5, 2], "multiplier", "[C] 0.70 EAs per resident-year from 0.98 A&E attendances (IAU 2019): most attendances end in admission", "Multiplier on the A&E conversion of care-home residents (capped at ae_conversion_cap).";
    ae_major_conversion_frailty_hr: [f64; 4] = [1.0, 1.05, 1.1, 1.15], [0.5, 3], "multiplier", "[E]", "Multiplier on the A&E conversion by eFI category (capped at ae_conversion_cap).";
    ae_conversion_cap: f64 = 0.95, [0.5, 1], "probability", "[E] some attenders are always sent home (or die in the department); keeps the product of multipliers a probability", "Largest probability that a major A&E attendance ends in admission, after the band, frailty and care-home multipliers (before the UEC triage ratio).";
    fallback_when_full_missed_share: f64 = 0.3, [0, 1], "share", "[E] fragmentation: when a service is full, some crises are lost rather than redirected", "When general practice or UCR is full, the share of those crises missed (the rest go to A&E).";
});

param_section!(
    /// `[hospital]`: admissions, length of stay and deaths.
    HospitalParams, "hospital", {
    zero_day_share_by_frailty: [f64; 4] = [0.35, 0.28, 0.22, 0.18], [0, 1], "probability", "[C] 31% of emergency admissions are zero-day [D] Strategy Unit HES 2017/18", "Probability an emergency admission is a zero-day stay, by eFI category.";
    mean_los_fit_days_by_frailty: [f64; 4] = [4.6, 6.2, 8.1, 9.7], [1, 60], "days", "[C] mean overnight LOS 7.1 days [D] Strategy Unit HES 2017/18 (delays add on top)", "Mean length of an overnight stay until medically fit, by eFI category.";
    los_multimorbidity_multiplier: f64 = 1.3, [1, 3], "multiplier", "[P] 5+ conditions: 10.8 nights (HF 2018)", "Length-of-stay multiplier for multimorbidity.";
    los_change_per_year: f64 = -0.022, [-0.1, 0.05], "per year (compound)", "[P] 5+ conditions: 15.8 nights (2006/07) to 10.8 (2015/16), -4.1%/yr (HF 2018); [C] emergency bed days +0.3%/yr while admissions grow (V13), with frailty steady by age and ONS ageing", "Secular change of length of stay, relative to the demand reference date.";
    los_cv: f64 = 0.9, [0.1, 3], "coefficient of variation", "[E] skewed stays", "Coefficient of variation of the (lognormal) length of stay.";
    max_los_days: f64 = 365.0, [30, 3650], "days", "[E] no published national maximum: NHS England's long-stay measure starts at 21 days ('super-stranded', 2018) and stays of a year or more are exceptional; a year cuts only the far tail of the lognormal (fewer than two in a million even for the longest mean stay, a severely frail person with multimorbidity)", "Longest stay until medically fit: a lognormal draw above it is capped at it (the stay is costed and occupies a bed for this many days).";
    readmission_window_days: f64 = 30.0, [1, 365], "days", "[P] NHS Digital emergency readmissions within 30 days of discharge (the 13.8% calibration target)", "An emergency admission at most this many days after the last live discharge is counted as a readmission (a reporting definition; the hazard window is demand.post_discharge_window_days).";
    in_hospital_death_by_frailty: [f64; 4] = [0.008, 0.025, 0.05, 0.09], [0, 1], "probability per overnight stay", "[E] about 4% of overnight emergency stays end in death", "Probability an overnight stay ends in death.";
    case_fatality_follows_mortality: f64 = 1.0, [0, 1], "switch 0/1", "[E] deaths in hospital in England stayed about flat through the 2010s while emergency admissions grew about 3% a year: the extra admissions of a growing demand are not more deadly", "1 = the probability that an overnight stay ends in death changes with the band's death-rate multiplier (ONS, by demographic year) and falls with the secular growth of crises (demand.demand_growth_per_year), so deaths in hospital follow population mortality rather than admissions; 0 = in_hospital_death_by_frailty throughout.";
    acute_beds_per_100k: f64 = 180.0, [1, 2000], "beds per 100,000 population", "[R] about 100,000 G&A beds in England", "Acute beds (reported occupancy; admissions are not refused).";
});

param_section!(
    /// `[discharge]`: onward care, assessments and hand-offs.
    DischargeParams, "discharge", {
    share_home_care_package_by_frailty: [f64; 4] = [0.015, 0.05, 0.10, 0.15], [0, 1], "probability", "[E] awaiting a care package is the commonest social-care delay (ADASS 2017)", "Probability an overnight stay ends needing a home-care package.";
    share_intermediate_care_by_frailty: [f64; 4] = [0.015, 0.05, 0.09, 0.12], [0, 1], "probability", "[E] NAIC 2015", "Probability an overnight stay ends needing intermediate care (step-down).";
    share_care_home_by_frailty: [f64; 4] = [0.002, 0.008, 0.03, 0.07], [0, 1], "probability", "[E] keeps care-home occupancy in balance with deaths", "Probability an overnight stay of a person 65+ ends with a new care-home placement, at the demand reference date (times the entry trend population.care_home_entry_change_per_year, and divided by the growth of crises if care_home_placement_follows_need); nobody under 65 is placed.";
    assessment_days_home_care_package: f64 = 3.5, [0, 60], "days (mean)", "[C] as above; awaiting a package is the commonest social-care delay (ADASS 2017)", "Mean assessment time beyond medical fitness for a home-care package.";
    assessment_days_intermediate_care: f64 = 6.5, [0, 60], "days (mean)", "[C] about 5,000 delayed beds a day in 2017/18, 60% NHS (V15)", "Mean assessment time for intermediate care.";
    assessment_days_care_home: f64 = 7.0, [0, 60], "days (mean)", "[C] as above", "Mean assessment time for a care-home placement (health and social care jointly).";
    intermediate_care_mean_stay_days: f64 = 21.0, [1, 120], "days", "[P] NAIC: typical episode about 3 weeks", "Mean stay in intermediate care.";
    intermediate_care_to_home_care_package: f64 = 0.2, [0, 1], "probability", "[E] NAIC 2015", "Probability intermediate care ends needing a home-care package.";
    intermediate_care_to_care_home: f64 = 0.07, [0, 1], "probability", "[E] NAIC 2015", "Probability intermediate care of a person 65+ ends in a care home (adjusted as share_care_home_by_frailty; nobody under 65 is placed).";
    home_care_package_mean_duration_days: f64 = 540.0, [7, 3650], "days", "[E] long-term packages", "Mean time a home-care package lasts (ends by review, if not by death or care home).";
    home_care_need_per_1000py_by_frailty: [f64; 4] = [0.5, 8.0, 30.0, 70.0], [0, 1000], "per 1,000 person-years (community)", "[E] about 500,000 people get home care in England", "Rate at which people at home come to need a home-care package (not from hospital).";
    care_home_placement_follows_need: f64 = 1.0, [0, 1], "switch 0/1", "[D] care-home residents 65+ stayed flat (ONS censuses 2001, 2011, 2021) while emergency admissions grew about 3% a year (HF 2018): the extra admissions of a growing demand did not bring more placements", "1 = the chance that a discharge from hospital or intermediate care ends in a new care-home placement is divided by the secular growth of crises (demand.demand_growth_per_year), so placements follow the need of people of a given age and frailty rather than the number of admissions; 0 = share_care_home_by_frailty and intermediate_care_to_care_home as given (times the entry trend).";
    new_placement_nursing_share_by_frailty: [f64; 4] = [0.2, 0.35, 0.55, 0.75], [0, 1], "probability (fit, mild, moderate, severe)", "[E] frailer people more often need nursing care; about half of residents live in nursing homes [P] (IAU 2019: 135k of 274k in residential homes)", "Probability a new care-home placement (from home, hospital or intermediate care) is in a nursing home, by eFI category.";
});

param_section!(
    /// `[services]`: capacities where capacity binds.
    ServiceParams, "services", {
    gp_crisis_slots_per_100k_per_day: f64 = 80.0, [0, 10000], "slots per 100,000 population per day", "[E] same-day GP capacity for urgent problems; GP consultations 5.16 per person-year [P] Hobbs 2016", "Same-day general-practice slots for crises.";
    ucr_slots_per_100k_per_day: f64 = 12.0, [0, 10000], "slots per 100,000 population per day", "[E]", "Urgent community response / step-up contacts per day.";
    intermediate_care_places_per_100k: f64 = 45.0, [0, 10000], "places per 100,000 population", "[E] NAIC: demand outstrips capacity, provision needs to about double; [C] NHS share of delays (V15)", "Intermediate-care places (bed- and home-based).";
    home_care_packages_per_100k: f64 = 900.0, [0, 10000], "packages per 100,000 population", "[E] about 500,000 people get home care in England", "Home-care packages that can run at once.";
    care_home_beds_per_100k: f64 = 540.0, [0, 10000], "beds per 100,000 population", "[P] 274,000 residents 65+ at about 90% occupancy (IAU 2019)", "Beds of care homes for older people (their residents are 65+; younger adults' care homes are a separate sector, not modelled).";
    capacity_growth_per_year: f64 = 0.025, [0, 0.1], "per year (compound)", "[E] home care and intermediate care grew slowly; keeps delays near the 2017/18 level rather than letting them compound with demand", "Growth of intermediate-care and home-care capacity from the start date.";
    care_home_capacity_growth_per_year: f64 = 0.0, [-0.05, 0.1], "per year (compound)", "[E] no growth: about 274,000 residents 65+ at any time (IAU 2019) with no trend in the evidence; residents 65+ about flat from 2001 to 2021 (ONS censuses)", "Growth of care-home beds from the start date.";
    initial_occupancy_home_care: f64 = 0.85, [0, 1], "share", "[E] a warm start; the warm-up settles it", "Share of home-care packages in use at the start.";
    initial_home_care_weight_by_frailty: [f64; 4] = [0.0, 0.02, 0.15, 0.35], [0, 1], "relative weight (fit, mild, moderate, severe)", "[E] packages go mostly to the frail; a warm start that the warm-up settles", "Relative chance that a community patient holds one of the packages in use at the start, by eFI category (scaled so the expected number in use is initial_occupancy_home_care x packages).";
});

param_section!(
    /// `[places]`: how a site on real places (`sites[].place`) differs from
    /// England: need from deprivation, a place-level random effect, and
    /// capacities. Sites without a place are not affected.
    PlaceParams, "places", {
    deprivation_rr_by_imd_quintile: [f64; 5] = [1.65, 1.45, 1.275, 1.175, 1.05], [0.5, 3], "rate ratio by national IMD quintile (most to least deprived)", "[D] from [P] ONS 2023, Inequalities in A&E department attendance, England, March 2021 to March 2022: odds of attending vs the least deprived decile, adjusted for age, sex and ethnicity, 1.7 (decile 1), 1.3 (decile 5), 1.1 (decile 9); deciles between interpolated [E] and paired into quintiles; range: no gradient (1) to the crude gradient of NHS Digital HAEA 2019/20 (most vs least deprived tenth 3.1 m vs 1.6 m attendances, about 1.9); the bundle's A&E by CCG gives a fitted slope of 0.96-1.08 on this index (docs/MODEL.md 7.13)", "Crisis hazard of people in each national IMD 2015 quintile relative to the others (age already in the band hazards); a place's need index from deprivation is its population's mean over its quintile mix divided by England's, so England's is 1.";
    random_effect_sd: f64 = 0.2, [0, 1], "log-scale SD", "[D] SD across the 207 CCGs of log(observed / expected) type 1 A&E attendances per 1,000, expected from the place's age structure (the model's crisis hazards by band) and its deprivation index: 0.201, 0.206, 0.192 in 2016/17-2018/19 (robust SD 0.196; residuals correlate 0.95-0.97 between years, so a place effect, not noise); an upper bound, since the catchment method adds error (data/README.md); range [E]", "Spread of the place-level random effect: each place draws a mean-one lognormal multiplier of its crisis hazards per replicate (keyed in the seed tree by place code), the between-place variation that age and deprivation do not explain; 0 = none.";
    capacities_from_place: f64 = 1.0, [0, 1], "switch 0/1", "[E] care-home beds [P] CQC directory June 2021 by district (data/README.md); other capacities planned on need", "1 = a site on places gets care-home beds in proportion to its places' CQC beds per resident (England's mean = services.care_home_beds_per_100k) and the other capacities (intermediate care, home-care packages, same-day GP and urgent community response slots) at the national rates times its expected need (age structure and deprivation, not the random effect); 0 = national rates per head.";
});

param_section!(
    /// `[fragmentation]`: what is lost at each hand-off between organisations.
    FragmentationParams, "fragmentation", {
    handoff_information_loss_prob: f64 = 0.30, [0, 1], "probability per hand-off", "[E] repeat assessments and missed follow-up are the signature of fragmented care", "Probability a hand-off between organisations loses information (repeat assessment on discharge; missed follow-up).";
    repeat_assessment_days: f64 = 2.5, [0, 30], "days (mean)", "[E]", "Extra assessment time when the hand-off lost information.";
    missed_crisis_owner_reduction: f64 = 0.0, [0, 1], "share", "[E] nobody owns the whole person in a fragmented system", "Share of missed crises avoided at baseline (0 in a fragmented system).";
});

param_section!(
    /// `[coordination]`: what each lever does at full strength and fidelity.
    CoordinationParams, "coordination", {
    shared_record_information_loss_reduction: f64 = 0.6, [0, 1], "share", "[E]", "Shared care record: reduction of hand-off information loss.";
    coordinator_missed_reduction: f64 = 0.5, [0, 1], "share", "[E] Stokes 2015: case management helps most where primary care is weak", "Named care coordinator: reduction of missed crises and missed follow-up in the target segment.";
    case_management_crisis_rr: f64 = 1.0, [0.5, 1.5], "rate ratio", "[P] mdt_case_mgmt_ea_rr 1.00 (0.90-1.35): Stokes 2015 n.s.; Evercare +16.5% n.s.", "Case management: crisis rate ratio for enrolled patients.";
    case_management_ae_rr: f64 = 1.10, [0.5, 2], "rate ratio", "[P] mdt_case_mgmt_ae_rr 1.10 (0.95-1.54): NEHF +33%", "Case management: rate ratio of A&E routing for enrolled patients (found unmet need).";
    case_management_unmet_resolution_multiplier: f64 = 2.0, [1, 10], "multiplier", "[E] case managers find and resolve unmet need", "Case management: faster resolution of unmet need.";
    case_management_risk_threshold: f64 = 2.5, [0, 100], "personal risk multiplier", "[E] about the top 5% by risk", "Case management enrols people with moderate or severe frailty or personal risk at least this.";
    ucr_capacity_multiplier: f64 = 2.0, [0, 20], "multiplier at full strength", "[E] NAIC: provision needs to about double", "Urgent community response: extra capacity (1 + m x strength).";
    ucr_routing_multiplier: f64 = 2.5, [0, 20], "multiplier at full strength", "[E]", "Urgent community response: more crises routed to UCR (taken from A&E).";
    d2a_assessment_reduction: f64 = 0.6, [0, 1], "share", "[E] discharge to assess moves assessment out of hospital", "Discharge to assess / trusted assessor: reduction of assessment time.";
    ehch_residential_crisis_rr: f64 = 0.58, [0.42, 1.0], "rate ratio", "[P] ehch_residential_ea_rr 0.65 (0.42-0.86): Rushcliffe 0.60, Nottingham -34%; posterior median of the programme fit on places, 90% CrI 0.44-0.86 (results/calibration/vanguard_programme_fit)", "Enhanced care-home support: crisis rate ratio in residential homes.";
    ehch_nursing_crisis_rr: f64 = 0.95, [0.8, 1.15], "rate ratio", "[P] ehch_nursing_ea_rr 0.95 (0.8-1.15): nursing n.s.", "Enhanced care-home support: crisis rate ratio in nursing homes.";
    ehch_ae_share_rr: f64 = 0.67, [0.5, 1.2], "rate ratio", "[C] in-reach handles some crises without A&E (Rushcliffe A&E 0.71, 0.57-0.89); posterior median of the programme fit on the regions; the fit on places leaves it uninformed (90% CrI 0.54-1.16) and a full-scale grid keeps 0.67 (results/calibration/ehch_ae_share_check)", "Enhanced care-home support: ratio on the share of care-home crises going to A&E.";
    uec_ae_diversion: f64 = 0.12, [0, 0.5], "share of A&E crises", "[E] clinical triage behind 111", "UEC triage: share of A&E-bound crises redirected to general practice or UCR.";
    uec_diversion_general_practice_share: f64 = 0.7, [0, 1], "share of diverted crises", "[E] clinical triage behind 111 sends most callers to primary care (NHS 111 sent 62% of triaged calls to primary care [P] Dec 2017); the rest go to UCR", "UEC triage: share of diverted A&E-bound crises sent to general practice (the rest go to urgent community response).";
    uec_conversion_rr: f64 = 0.95, [0.7, 1.1], "rate ratio", "[E]", "UEC triage: ratio on A&E conversion (ambulatory emergency care).";
    acute_collaboration_los_rr: f64 = 0.95, [0.8, 1.0], "rate ratio", "[E]", "Acute care collaboration: ratio on length of stay.";
    case_management_overnight_reach: f64 = 0.5, [0, 1], "relative effect", "[E] bed days generally do not fall significantly where admissions do (EVIDENCE 3c; Evercare all 65+: admissions +2.5%, bed days -4.9%, both n.s.)", "Which crises case management avoids: its effect on a crisis that would be an overnight stay, relative to one that would be a zero-day stay (the lever's average effect is kept).";
    case_management_unavoidable_reach: f64 = 0.5, [0, 1], "relative effect", "[E] as for enhanced care-home support", "Which crises case management avoids: its effect on a crisis of a condition not potentially avoidable, relative to a potentially avoidable one.";
    ehch_overnight_reach: f64 = 0.5, [0, 1], "relative effect", "[E] Rushcliffe: emergency admissions of residents -40% in residential homes but bed days n.s. (Lloyd 2019)", "Which crises enhanced care-home support avoids: effect on a would-be overnight stay relative to a would-be zero-day stay.";
    ehch_unavoidable_reach: f64 = 0.5, [0, 1], "relative effect", "[D] from potentially avoidable vs all admissions with 41% avoidable (IAU 2019): Rushcliffe residential 0.50 vs 0.60 gives 0.66, Nottingham -27% vs -18% gives 0.44", "Which crises enhanced care-home support avoids: effect on a crisis of a condition not potentially avoidable, relative to a potentially avoidable one.";
    ucr_overnight_reach: f64 = 0.5, [0, 1], "relative effect", "[E] step-up care takes the crises that need a short stay at most", "Which crises urgent community response takes from A&E: effect on a would-be overnight stay relative to a would-be zero-day stay.";
    ucr_unavoidable_reach: f64 = 0.5, [0, 1], "relative effect", "[E] as for enhanced care-home support", "Which crises urgent community response takes from A&E: effect on a condition not potentially avoidable relative to a potentially avoidable one.";
    uec_overnight_reach: f64 = 0.5, [0, 1], "relative effect", "[E] triage and ambulatory emergency care divert the crises that would be short stays", "Which crises UEC triage diverts (and how its conversion ratio applies): effect on a would-be overnight stay relative to a would-be zero-day stay.";
    uec_unavoidable_reach: f64 = 0.5, [0, 1], "relative effect", "[E] as for enhanced care-home support", "Which crises UEC triage diverts: effect on a condition not potentially avoidable relative to a potentially avoidable one.";
});

param_section!(
    /// `[costs]`: unit costs, NHS and personal social services perspective.
    CostParams, "costs", {
    currency: String = "GBP".to_string(), [0, 0], "ISO 4217", "[P] NHS reference costs", "Currency of every cost.";
    price_year: String = "2016/17".to_string(), [0, 0], "financial year", "[P] reference costs 2016/17", "Price year of every cost.";
    nonelective_spell_gbp: f64 = 1590.0, [1500, 3100], "GBP per overnight spell", "[P] Reference costs 2016/17", "Non-elective inpatient spell (excluding excess bed days).";
    zero_day_admission_gbp: f64 = 620.0, [300, 1590], "GBP per zero-day admission", "[E] short-stay non-elective tariff", "Zero-day emergency admission.";
    excess_bed_day_gbp: f64 = 313.0, [290, 330], "GBP per day", "[P] Reference costs 2016/17", "Bed day beyond the trim point, and each delayed day.";
    excess_bed_day_trim_days: f64 = 7.0, [0, 60], "days", "[E]", "Days of an overnight stay included in the spell cost.";
    ae_attendance_gbp: f64 = 148.0, [130, 180], "GBP per attendance", "[P] Reference costs 2016/17", "A&E attendance.";
    gp_consultation_gbp: f64 = 38.0, [31, 45], "GBP per consultation", "[P] PSSRU 2015 range 33-44", "Same-day GP consultation for a crisis.";
    ucr_contact_gbp: f64 = 160.0, [80, 300], "GBP per episode", "[E] about four district-nurse visits at 40", "Urgent community response episode.";
    intermediate_care_day_gbp: f64 = 150.0, [60, 250], "GBP per day", "[E] mix of bed-based and home-based", "Intermediate care, per day.";
    home_care_hour_gbp: f64 = 16.12, [16, 18.93], "GBP per hour", "[P] UKHCA 2018", "Home care, per hour.";
    home_care_hours_per_week: f64 = 10.0, [2, 40], "hours per week", "[E]", "Hours of a home-care package.";
    care_home_residential_week_gbp: f64 = 600.0, [510, 740], "GBP per week", "[P] LaingBuisson 2016/17 regional range", "Residential care home, per week.";
    care_home_nursing_week_gbp: f64 = 800.0, [660, 1040], "GBP per week", "[P] LaingBuisson 2016/17 regional range", "Nursing care home, per week.";
    routine_primary_care_per_person_year_gbp_by_band: [f64; 6] = [120.0, 160.0, 300.0, 450.0, 600.0, 700.0], [0, 5000], "GBP per person-year", "[E] GP consultations 5.16 a person-year at 38 GBP (Hobbs 2016; PSSRU 2015) plus prescribing; Dreyer 2019 mean 487 GBP outside the top 5%", "Routine primary care and prescribing (not crisis-driven), by age band.";
    planned_secondary_care_per_person_year_gbp_by_band: [f64; 6] = [200.0, 450.0, 1000.0, 1600.0, 2000.0, 2000.0], [0, 10000], "GBP per person-year (personal risk 1)", "[E] outpatients (120 GBP) and elective spells (3,684 / 738 GBP), Reference costs 2016/17, times personal risk; [C] top-5% share of cost 0.50 (Dreyer 2019)", "Planned secondary care (outpatients, elective), by age band, times the personal risk multiplier.";
    routine_care_frailty_multiplier: [f64; 4] = [1.0, 1.6, 2.3, 3.0], [0.1, 10], "multiplier", "[E] frailer people use more primary care", "Multiplier on routine primary care and planned secondary care by eFI category.";
    case_management_per_patient_year_gbp: f64 = 1000.0, [500, 2000], "GBP per enrolled patient-year", "[E]", "Case management, per enrolled patient.";
    discount_rate_costs: f64 = 0.035, [0, 0.1], "per year", "[P] NICE reference case", "Discount rate for costs.";
    discount_rate_health: f64 = 0.035, [0, 0.1], "per year", "[P] NICE reference case (1.5% optional)", "Discount rate for health effects.";
});

param_section!(
    /// `[rollout]`: the national programme around the sites' own efforts.
    RolloutParams, "rollout", {
    enabled: f64 = 1.0, [0, 1], "switch 0/1", "[E] scenario choice", "0 = ignore every adoption (the fragmented counterfactual of the same scenario).";
    national_support: f64 = 1.0, [0, 1], "strength 0..1", "[P] the programme gave funding, a national support team and a learning community (Starling 2018; NAO 2018)", "National support: 1 = funding, support team and learning community as in 2015-2018; 0 = none.";
    national_funding_per_head_year_gbp: f64 = 22.0, [0, 200], "GBP per head per year", "[D] 329m over three years / 5m people (NAO 2018); range 10-40", "Transformation funding from the national programme, per head of an adopting site.";
    national_funding_end_date: String = "2018-03-31".to_string(), [0, 0], "ISO date, 1990-01-01 to 2100-12-31", "[P] the programme ended March 2018 (Starling 2018)", "Last day of national funding and support.";
    local_funding_per_head_year_gbp: f64 = 6.0, [0, 200], "GBP per head per year", "[E] local transformation money; the NAO found much diverted to deficits", "Transformation funding a site finds itself (continues after national funding ends).";
    pace_multiplier: f64 = 1.0, [0.25, 4], "multiplier", "[E] scenario choice: fast vs slow scale-up", "Speed of every implementation process (readiness, adoption, building).";
    support_team_speed_gain: f64 = 0.3, [0, 2], "share", "[E] national bodies acted as catalysts (King's Fund 2018)", "Extra speed of building levers with a national support team.";
    conditional_funding: f64 = 0.0, [0, 1], "switch 0/1", "[P] July 2017 letter: PACS must beat the rest of England's admission growth by 3 points and MCPs by 1 point to unlock Q3-Q4 2017/18 funding", "1 = national funding continues only for sites whose measured admission growth meets the condition.";
    conditional_funding_from_date: String = "2017-10-01".to_string(), [0, 0], "ISO date, 1990-01-01 to 2100-12-31", "[P] Q3 2017/18 (HSJ 2017)", "From when funding is conditional.";
    adoption_enthusiasm_offset: f64 = 0.5, [0, 10], "multiplier", "[E] lesson 3 (go where the energy is): at 0.5 the most enthusiastic unit adopts three times as fast as the least (1.5 against 0.5) and the average unit at the Bass rates", "A unit's monthly adoption hazard is the Bass rate times (offset + the unit's enthusiasm), enthusiasm uniform on 0..1: the larger the offset, the less enthusiasm matters.";
    conditional_growth_advantage_pp: f64 = 1.0, [0, 10], "percentage points", "[P] MCP 1 point (PACS 3 points, set per care model)", "Required reduction of admission growth, unless the care model sets its own.";
    readiness_seed_share: f64 = 0.7, [0, 1], "share", "[E] lesson 4: relationships built before the programme give a head start, short of full readiness", "Readiness at the start, as a share of implementation.prior_relationships.";
    engagement_support_gain: f64 = 0.5, [0, 5], "share", "[E] lesson 2: national support helped engage general practice", "Extra speed of primary-care engagement with full national support (growth x (1 + gain x support)).";
    leadership_speed_gain: f64 = 0.6, [0, 2], "share", "[E] lesson 8: faster plan-do-study-act cycles", "Extra building speed at full distributed leadership (speed x (1 + gain x implementation.distributed_leadership)).";
    learning_without_support_share: f64 = 0.5, [0, 1], "share", "[E] lesson 6: the national learning community made peer learning easier", "Share of the learning-network speed-up a site keeps without national support (factor share + (1 - share) x support).";
    primary_care_fidelity_floor: f64 = 0.4, [0, 1], "share", "[E] lesson 2: primary-care levers partly work without practices' engagement", "Fidelity factor of a primary-care lever at zero engagement (factor floor + (1 - floor) x engagement).";
    capability_fidelity_floor: f64 = 0.7, [0, 1], "share", "[E] lesson 9", "Fidelity factor at zero workforce capability (factor floor + (1 - floor) x capability).";
    evaluation_after_months: f64 = 12.0, [0, 60], "months", "[E] lesson 10: a lever needs about a year of running before an evaluation can tell", "Months a lever has been building before a site's evaluation can find that it does not work.";
    redesign_progress_kept: f64 = 0.5, [0, 1], "share", "[E] lesson 10", "Share of a lever's build progress kept when it is redesigned.";
    evaluation_signal_by_lever: [f64; 8] = [0.005, 0.01, 0.0, 0.12, 0.0, 0.02, 0.06, 0.0], [0, 1], "share of emergency admissions avoided at full strength, by lever (in the order of sites[].levers)", "[E] rough effects on admissions as a site would measure them: UCR and UEC triage largest, case management none (Stokes 2015)", "Admissions avoided per lever at full strength in the signal a site measures under conditional funding (not used by the patient flow).";
    evaluation_noise_pp_at_100k: f64 = 1.0, [0, 10], "percentage points (SD)", "[E] sampling noise of a year's admission growth at 100,000 people; scales with 1/sqrt(population)", "SD of the noise on a site's measured admission-growth advantage at 100,000 people.";
});

param_section!(
    /// `[implementation]`: how sites build the ability to change (the ten
    /// lessons, Starling 2018). A site may override any of these in
    /// `[sites.implementation]`.
    ImplementationParams, "implementation", {
    prior_relationships: f64 = 0.5, [0, 1], "score 0..1", "[E] lesson 4: sites were 'often building on years of work before the programme'", "Strength of relationships before the programme: seeds the readiness stock.";
    readiness_build_per_year: f64 = 1.2, [0, 10], "per year", "[E] lesson 4: 'go slow to go fast'", "Rate at which shared understanding (readiness) builds towards 1.";
    readiness_threshold: f64 = 0.6, [0, 1], "score 0..1", "[E] lesson 4: change starts once trust is built", "Readiness needed before units start adopting.";
    primary_care_engagement: f64 = 0.5, [0, 1], "score 0..1", "[E] lesson 2: involve primary care from the start", "Initial engagement of general practice.";
    primary_care_engagement_growth_per_year: f64 = 0.3, [0, 5], "per year", "[E] lesson 2", "Rate at which primary-care engagement grows towards 1.";
    units_per_site: f64 = 20.0, [1, 500], "units (practices, homes)", "[E] lesson 3: adoption unit by unit", "Units that adopt one by one.";
    adoption_innovation_per_year: f64 = 0.15, [0, 10], "per year", "[E] lesson 3: Bass diffusion, innovators", "Rate at which a unit adopts on its own initiative (scaled by its enthusiasm).";
    adoption_imitation_per_year: f64 = 0.8, [0, 20], "per year", "[E] lesson 3: adoption spreads from unit to unit", "Rate of adoption by imitation, times the share already adopted.";
    enthusiast_quality_gain: f64 = 0.3, [0, 1], "share", "[E] lesson 3: go where the energy is", "How much better the most enthusiastic units implement than the least (quality 1 - gain x (1 - enthusiasm)).";
    build_months: f64 = 48.0, [3, 120], "months", "[C] ramp: little effect in years 1-2, detectable in year 3, full after about 5 years (IAU 2021, Morciano 2020); inside the programme fit's 90% CrI 16-77 (median 42; results/calibration/vanguard_programme_fit)", "Months to build one lever fully at base speed with one workstream.";
    workstream_cost_per_head_year_gbp: f64 = 7.0, [1, 100], "GBP per head per year", "[E] lesson 7: an engine room limits how many workstreams run at once", "Funding one workstream needs; workstreams = funding / this.";
    distributed_leadership: f64 = 0.5, [0, 1], "score 0..1", "[E] lesson 8: faster plan-do-study-act cycles", "Distributed decision-making: building speeds up by rollout.leadership_speed_gain (60% by default) at 1.";
    workforce_training: f64 = 0.5, [0, 1], "score 0..1", "[E] lesson 9: invest in workforce development", "Training investment: capability grows at up to 1 a year towards 1.";
    staff_turnover_per_year: f64 = 0.12, [0, 1], "per year", "[P] NHS community staff turnover about 10-15% a year (NHS Digital) [R]", "Share of capability lost to turnover each year.";
    capability_initial: f64 = 0.5, [0, 1], "score 0..1", "[E] lesson 9", "Workforce capability at the start.";
    design_quality: f64 = 0.7, [0, 1], "probability", "[E] lesson 5: test assumptions; NEHF case management raised A&E use", "Chance that the version of a lever a site builds works as the evidence says.";
    poor_design_effect_share: f64 = 0.0, [-1, 1], "share of the evidence effect", "[E] lesson 5: a poorly designed lever does nothing (0) or harm (below 0)", "Effect a poorly designed lever has, as a share of the working effect.";
    evaluation_strength: f64 = 0.5, [0, 5], "per year", "[E] lesson 10: evaluate to learn what works", "Rate at which a site that has run a lever a year finds it does not work and redesigns it.";
    learning_network_strength: f64 = 0.5, [0, 1], "score 0..1", "[E] lesson 6: learn from others; the learning community (King's Fund 2018)", "How much a site speeds up by learning from peers further ahead with the same care model.";
    context_fit_penalty: f64 = 0.2, [0, 1], "share", "[E] lesson 6: assess suitability, adapt rather than copy", "Quality lost when a model is imported from elsewhere rather than grown locally.";
    leadership_turnover_per_year: f64 = 0.15, [0, 2], "per year", "[E] setbacks: leadership churn", "Rate of leadership changes; each costs readiness and pauses building.";
    setback_readiness_loss: f64 = 0.3, [0, 1], "share", "[E]", "Share of readiness lost at a leadership change.";
    setback_pause_months: f64 = 6.0, [0, 36], "months", "[E]", "Months building pauses after a leadership change.";
});

param_section!(
    /// `[sites.levers]`: coordination lever strengths at a site, each 0..1.
    LeverStrengths, "sites[].levers", {
    shared_care_record: f64 = 0.0, [0, 1], "strength 0..1", "[E] scenario choice", "Shared care record across organisations.";
    care_coordinator: f64 = 0.0, [0, 1], "strength 0..1", "[E] scenario choice", "Named care coordinator for the target segment.";
    case_management: f64 = 0.0, [0, 1], "strength 0..1", "[E] scenario choice", "Risk stratification and MDT case management.";
    urgent_community_response: f64 = 0.0, [0, 1], "strength 0..1", "[E] scenario choice", "Urgent community response and step-up capacity.";
    discharge_to_assess: f64 = 0.0, [0, 1], "strength 0..1", "[E] scenario choice", "Discharge to assess / trusted assessor.";
    enhanced_care_home_support: f64 = 0.0, [0, 1], "strength 0..1", "[E] scenario choice", "Enhanced health in care homes.";
    uec_triage: f64 = 0.0, [0, 1], "strength 0..1", "[E] scenario choice", "UEC clinical triage behind NHS 111.";
    acute_collaboration: f64 = 0.0, [0, 1], "strength 0..1", "[E] scenario choice", "Acute care collaboration (shared standards).";
});

impl LeverStrengths {
    /// The strengths as an array indexed by [`Lever`], matched by name.
    pub fn to_levers(&self) -> Levers<f64> {
        Levers::from_fn(|l| match l {
            Lever::SharedCareRecord => self.shared_care_record,
            Lever::CareCoordinator => self.care_coordinator,
            Lever::CaseManagement => self.case_management,
            Lever::UrgentCommunityResponse => self.urgent_community_response,
            Lever::DischargeToAssess => self.discharge_to_assess,
            Lever::EnhancedCareHomeSupport => self.enhanced_care_home_support,
            Lever::UecTriage => self.uec_triage,
            Lever::AcuteCollaboration => self.acute_collaboration,
        })
    }
}

/// Every scenario parameter of every section, in file order.
pub fn all_specs() -> Vec<ParamSpec> {
    let mut v = RunParams::specs();
    v.extend(PopulationParams::specs());
    v.extend(DemandParams::specs());
    v.extend(RoutingParams::specs());
    v.extend(HospitalParams::specs());
    v.extend(DischargeParams::specs());
    v.extend(ServiceParams::specs());
    v.extend(PlaceParams::specs());
    v.extend(FragmentationParams::specs());
    v.extend(CoordinationParams::specs());
    v.extend(CostParams::specs());
    v.extend(RolloutParams::specs());
    v.extend(ImplementationParams::specs());
    v.extend(LeverStrengths::specs());
    v
}

/// A complete scenario body: every section with every parameter at its
/// default, each preceded by its meaning, units, range and source. Sites are
/// not included (they are the scenario's own).
pub fn template_sections() -> String {
    let mut out = String::new();
    let mut section = String::new();
    for s in all_specs() {
        let (sec, key) = s.path.rsplit_once('.').unwrap_or(("", &s.path));
        if sec.starts_with("sites") {
            continue;
        }
        if sec != section {
            out.push_str(&format!("\n[{sec}]\n"));
            section = sec.to_string();
        }
        let range = if s.min.is_nan() || (s.min == 0.0 && s.max == 0.0) {
            String::new()
        } else {
            format!("; range {} to {}", s.min, s.max)
        };
        out.push_str(&format!(
            "# {} [{}{}]\n# source: {}\n{} = {}\n",
            s.meaning, s.units, range, s.source, key, s.default
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `[sites.levers]` declares one key per [`Lever`], in lever order (so the
    /// dictionary lists them in that order too).
    #[test]
    fn lever_strengths_follow_the_lever_table() {
        let keys: Vec<String> = LeverStrengths::specs()
            .into_iter()
            .map(|s| s.path.rsplit('.').next().unwrap().to_string())
            .collect();
        let want: Vec<&str> = Lever::ALL.iter().map(|l| l.key()).collect();
        assert_eq!(keys, want);
        let ls = LeverStrengths {
            uec_triage: 0.5,
            ..Default::default()
        };
        assert_eq!(ls.to_levers()[Lever::UecTriage], 0.5);
        assert_eq!(ls.to_levers().iter().sum::<f64>(), 0.5);
    }
}

/// The registry's key path nearest to `path` (a key that is not known), for
/// a "did you mean" hint: the edit distance between whole paths, with list
/// indices written either way (`sites.0.levers.x` or `sites[].levers.x`),
/// at most 3 and at most a third of the path. The suggestion keeps the
/// index as written.
pub fn suggest_key(path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split('.').collect();
    let mut norm = Vec::new();
    let mut index = None;
    for p in &parts {
        if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) {
            if let Some(last) = norm.pop() {
                index = Some(format!("{last}.{p}"));
                norm.push(format!("{last}[]"));
            }
        } else {
            norm.push(p.to_string());
        }
    }
    let norm = norm.join(".");
    let limit = (norm.chars().count() / 3).clamp(1, 3);
    let best = all_specs()
        .into_iter()
        .map(|s| (edit_distance(&norm, &s.path), s.path))
        .filter(|(d, p)| *d > 0 && *d <= limit && p != &norm)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)))?;
    let (_, mut p) = best;
    if let Some(ix) = index {
        if let Some((list, _)) = ix.split_once('.') {
            p = p.replacen(&format!("{list}[]"), &ix, 1);
        }
    }
    Some(p)
}

/// Levenshtein distance (insertions, deletions, substitutions) by chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod suggest_tests {
    use super::*;

    #[test]
    fn near_keys_are_suggested() {
        assert_eq!(
            suggest_key("implementation.desgn_quality").as_deref(),
            Some("implementation.design_quality")
        );
        assert_eq!(
            suggest_key("sites.0.levers.case_managment").as_deref(),
            Some("sites.0.levers.case_management")
        );
        assert_eq!(suggest_key("routing.share_ae"), None);
        assert_eq!(suggest_key("zzzz.qqqq"), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
