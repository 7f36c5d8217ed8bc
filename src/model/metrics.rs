//! The metrics: monthly accumulators the engine adds to, and the rates and
//! shares derived from them. Derived metrics are always recomputed from
//! summed accumulators, never averaged, so a rate over a year or a group of
//! sites is the true rate.

use crate::scenario::lever::Lever;

macro_rules! base_metrics {
    ($( $idx:literal $konst:ident $name:literal $unit:literal $meaning:literal; )*) => {
        /// Indices of the accumulators.
        pub mod b {
            $( #[doc = $meaning] pub const $konst: usize = $idx; )*
        }
        /// Names of the accumulators, by index.
        pub const BASE_NAMES: &[&str] = &[ $( $name, )* ];
        /// (name, unit, meaning) of each accumulator.
        pub const BASE_INFO: &[(&str, &str, &str)] = &[ $( ($name, $unit, $meaning), )* ];
    };
}

base_metrics! {
    0 CRISES "crises" "count" "Crises (urgent deteriorations) of any route.";
    1 CRISES_GP "crises_general_practice" "count" "Crises managed by general practice.";
    2 CRISES_UCR "crises_urgent_community_response" "count" "Crises managed by urgent community response / step-up.";
    3 AE "ae_attendances" "count" "A&E attendances (all types).";
    4 CRISES_DIRECT "crises_direct_admission" "count" "Crises admitted directly, not through A&E.";
    5 CRISES_MISSED "crises_missed" "count" "Crises nobody picked up (fell through the gap).";
    6 AE_MAJOR "ae_major_attendances" "count" "Attendances at major (type 1) A&E.";
    7 AE_MAJOR_ADMITTED "ae_major_admissions" "count" "Major A&E attendances ending in admission.";
    8 EA "emergency_admissions" "count" "Emergency admissions.";
    9 EA_ZERO "emergency_admissions_zero_day" "count" "Zero-day emergency admissions.";
    10 EA_OVERNIGHT "emergency_admissions_overnight" "count" "Overnight emergency admissions.";
    11 READMISSIONS "readmissions_30d" "count" "Emergency admissions within 30 days of a live discharge.";
    12 LIVE_DISCHARGES "live_discharges" "count" "Live discharges from emergency admissions.";
    13 OVERNIGHT_DISCHARGES "overnight_discharges" "count" "Live discharges from overnight stays.";
    14 OVERNIGHT_LOS "overnight_los_days" "days" "Total length of overnight stays ended by live discharge (delays included).";
    15 BED_DAYS "acute_bed_days" "days" "Acute bed days of emergency patients (delayed days included).";
    16 DELAY_NHS "delayed_days_nhs" "days" "Delayed-transfer days attributed to the NHS.";
    17 DELAY_SOCIAL "delayed_days_social_care" "days" "Delayed-transfer days attributed to social care.";
    18 DELAY_BOTH "delayed_days_both" "days" "Delayed-transfer days attributed to both.";
    19 DEATHS "deaths" "count" "Deaths.";
    20 DEATHS_HOSPITAL "deaths_in_hospital" "count" "Deaths in an acute bed.";
    21 CH_PLACEMENTS "new_care_home_placements" "count" "New care-home placements (from hospital or home).";
    22 IC_ADMISSIONS "intermediate_care_admissions" "count" "Admissions to intermediate care.";
    23 IC_DAYS "intermediate_care_days" "days" "Days in intermediate care.";
    24 PACKAGE_STARTS "home_care_package_starts" "count" "Home-care packages started.";
    25 PACKAGE_DAYS "home_care_package_days" "days" "Days of home-care packages in use.";
    26 UNMET_DAYS "unmet_need_days" "days" "Person-days with open unmet need.";
    27 PERSON_DAYS "person_days" "days" "Person-days alive.";
    28 DAYS_HOME "days_alive_at_home" "days" "Days alive and at the usual residence (not in an acute bed or intermediate care).";
    29 CH_RESIDENT_DAYS "care_home_resident_days" "days" "Days lived by care-home residents.";
    30 CH_EA "care_home_emergency_admissions" "count" "Emergency admissions of care-home residents.";
    31 CH_AE "care_home_ae_attendances" "count" "A&E attendances of care-home residents.";
    32 CM_ENROLLED_DAYS "case_management_enrolled_days" "days" "Patient-days enrolled in case management (segment size x strength).";
    33 COST_ACUTE "cost_acute_gbp" "GBP" "Acute hospital costs: spells, excess and delayed bed days.";
    34 COST_AE "cost_ae_gbp" "GBP" "A&E costs.";
    35 COST_PRIMARY "cost_primary_care_gbp" "GBP" "General practice: routine primary care and prescribing, and same-day consultations for crises.";
    36 COST_COMMUNITY "cost_community_gbp" "GBP" "Community health costs: urgent community response, intermediate care, case management.";
    37 COST_SOCIAL "cost_social_care_gbp" "GBP" "Social care costs: home-care packages and care homes.";
    38 COST_PROGRAMME "cost_programme_gbp" "GBP" "Programme (care model set-up and running) costs.";
    39 COST_DISCOUNTED "cost_total_discounted_gbp" "GBP" "All costs, discounted to the start of reporting.";
    40 DAYS_HOME_DISCOUNTED "days_alive_at_home_discounted" "days" "Days alive at home, discounted to the start of reporting.";
    41 EA_65 "emergency_admissions_65_plus" "count" "Emergency admissions of people aged 65 and over.";
    42 COST_PLANNED "cost_planned_care_gbp" "GBP" "Planned secondary care (outpatients, elective), modelled as a cost by age, frailty and personal risk.";
    43 CH_EA_RESIDENTIAL "care_home_ea_residential" "count" "Emergency admissions of residential-home residents.";
    44 CH_EA_NURSING "care_home_ea_nursing" "count" "Emergency admissions of nursing-home residents.";
    45 CH_AE_RESIDENTIAL "care_home_ae_residential" "count" "A&E attendances of residential-home residents.";
    46 CH_AE_NURSING "care_home_ae_nursing" "count" "A&E attendances of nursing-home residents.";
    47 CH_DAYS_RESIDENTIAL "care_home_residential_days" "days" "Days lived by residential-home residents.";
    48 CH_DAYS_NURSING "care_home_nursing_days" "days" "Days lived by nursing-home residents.";
    49 FID_0 "fidelity_shared_care_record_person_days" "person-days" "Implementation fidelity of shared care record times person-days (for population-weighted means).";
    50 FID_1 "fidelity_care_coordinator_person_days" "person-days" "Implementation fidelity of care coordinator times person-days (for population-weighted means).";
    51 FID_2 "fidelity_case_management_person_days" "person-days" "Implementation fidelity of case management times person-days (for population-weighted means).";
    52 FID_3 "fidelity_urgent_community_response_person_days" "person-days" "Implementation fidelity of urgent community response times person-days (for population-weighted means).";
    53 FID_4 "fidelity_discharge_to_assess_person_days" "person-days" "Implementation fidelity of discharge to assess times person-days (for population-weighted means).";
    54 FID_5 "fidelity_enhanced_care_home_support_person_days" "person-days" "Implementation fidelity of enhanced care home support times person-days (for population-weighted means).";
    55 FID_6 "fidelity_uec_triage_person_days" "person-days" "Implementation fidelity of uec triage times person-days (for population-weighted means).";
    56 FID_7 "fidelity_acute_collaboration_person_days" "person-days" "Implementation fidelity of acute collaboration times person-days (for population-weighted means).";
    57 EA_AVOIDABLE "emergency_admissions_potentially_avoidable" "count" "Emergency admissions for a potentially avoidable (ambulatory-care-sensitive) condition.";
    58 CH_EA_AVOIDABLE_RESIDENTIAL "care_home_ea_avoidable_residential" "count" "Potentially avoidable emergency admissions of residential-home residents.";
    59 CH_EA_AVOIDABLE_NURSING "care_home_ea_avoidable_nursing" "count" "Potentially avoidable emergency admissions of nursing-home residents.";
    60 DEATHS_BAND_0 "deaths_0_17" "count" "Deaths of people aged 0-17.";
    61 DEATHS_BAND_1 "deaths_18_49" "count" "Deaths of people aged 18-49.";
    62 DEATHS_BAND_2 "deaths_50_64" "count" "Deaths of people aged 50-64.";
    63 DEATHS_BAND_3 "deaths_65_74" "count" "Deaths of people aged 65-74.";
    64 DEATHS_BAND_4 "deaths_75_84" "count" "Deaths of people aged 75-84.";
    65 DEATHS_BAND_5 "deaths_85_plus" "count" "Deaths of people aged 85+.";
    66 PERSON_DAYS_CELL_0 "person_days_0_17_fit" "days" "Person-days alive aged 0-17 with eFI category fit.";
    67 PERSON_DAYS_CELL_1 "person_days_0_17_mild" "days" "Person-days alive aged 0-17 with eFI category mild.";
    68 PERSON_DAYS_CELL_2 "person_days_0_17_moderate" "days" "Person-days alive aged 0-17 with eFI category moderate.";
    69 PERSON_DAYS_CELL_3 "person_days_0_17_severe" "days" "Person-days alive aged 0-17 with eFI category severe.";
    70 PERSON_DAYS_CELL_4 "person_days_18_49_fit" "days" "Person-days alive aged 18-49 with eFI category fit.";
    71 PERSON_DAYS_CELL_5 "person_days_18_49_mild" "days" "Person-days alive aged 18-49 with eFI category mild.";
    72 PERSON_DAYS_CELL_6 "person_days_18_49_moderate" "days" "Person-days alive aged 18-49 with eFI category moderate.";
    73 PERSON_DAYS_CELL_7 "person_days_18_49_severe" "days" "Person-days alive aged 18-49 with eFI category severe.";
    74 PERSON_DAYS_CELL_8 "person_days_50_64_fit" "days" "Person-days alive aged 50-64 with eFI category fit.";
    75 PERSON_DAYS_CELL_9 "person_days_50_64_mild" "days" "Person-days alive aged 50-64 with eFI category mild.";
    76 PERSON_DAYS_CELL_10 "person_days_50_64_moderate" "days" "Person-days alive aged 50-64 with eFI category moderate.";
    77 PERSON_DAYS_CELL_11 "person_days_50_64_severe" "days" "Person-days alive aged 50-64 with eFI category severe.";
    78 PERSON_DAYS_CELL_12 "person_days_65_74_fit" "days" "Person-days alive aged 65-74 with eFI category fit.";
    79 PERSON_DAYS_CELL_13 "person_days_65_74_mild" "days" "Person-days alive aged 65-74 with eFI category mild.";
    80 PERSON_DAYS_CELL_14 "person_days_65_74_moderate" "days" "Person-days alive aged 65-74 with eFI category moderate.";
    81 PERSON_DAYS_CELL_15 "person_days_65_74_severe" "days" "Person-days alive aged 65-74 with eFI category severe.";
    82 PERSON_DAYS_CELL_16 "person_days_75_84_fit" "days" "Person-days alive aged 75-84 with eFI category fit.";
    83 PERSON_DAYS_CELL_17 "person_days_75_84_mild" "days" "Person-days alive aged 75-84 with eFI category mild.";
    84 PERSON_DAYS_CELL_18 "person_days_75_84_moderate" "days" "Person-days alive aged 75-84 with eFI category moderate.";
    85 PERSON_DAYS_CELL_19 "person_days_75_84_severe" "days" "Person-days alive aged 75-84 with eFI category severe.";
    86 PERSON_DAYS_CELL_20 "person_days_85_plus_fit" "days" "Person-days alive aged 85+ with eFI category fit.";
    87 PERSON_DAYS_CELL_21 "person_days_85_plus_mild" "days" "Person-days alive aged 85+ with eFI category mild.";
    88 PERSON_DAYS_CELL_22 "person_days_85_plus_moderate" "days" "Person-days alive aged 85+ with eFI category moderate.";
    89 PERSON_DAYS_CELL_23 "person_days_85_plus_severe" "days" "Person-days alive aged 85+ with eFI category severe.";
    90 EA_CELL_0 "emergency_admissions_0_17_fit" "count" "Emergency admissions of people aged 0-17 with eFI category fit (at admission).";
    91 EA_CELL_1 "emergency_admissions_0_17_mild" "count" "Emergency admissions of people aged 0-17 with eFI category mild (at admission).";
    92 EA_CELL_2 "emergency_admissions_0_17_moderate" "count" "Emergency admissions of people aged 0-17 with eFI category moderate (at admission).";
    93 EA_CELL_3 "emergency_admissions_0_17_severe" "count" "Emergency admissions of people aged 0-17 with eFI category severe (at admission).";
    94 EA_CELL_4 "emergency_admissions_18_49_fit" "count" "Emergency admissions of people aged 18-49 with eFI category fit (at admission).";
    95 EA_CELL_5 "emergency_admissions_18_49_mild" "count" "Emergency admissions of people aged 18-49 with eFI category mild (at admission).";
    96 EA_CELL_6 "emergency_admissions_18_49_moderate" "count" "Emergency admissions of people aged 18-49 with eFI category moderate (at admission).";
    97 EA_CELL_7 "emergency_admissions_18_49_severe" "count" "Emergency admissions of people aged 18-49 with eFI category severe (at admission).";
    98 EA_CELL_8 "emergency_admissions_50_64_fit" "count" "Emergency admissions of people aged 50-64 with eFI category fit (at admission).";
    99 EA_CELL_9 "emergency_admissions_50_64_mild" "count" "Emergency admissions of people aged 50-64 with eFI category mild (at admission).";
    100 EA_CELL_10 "emergency_admissions_50_64_moderate" "count" "Emergency admissions of people aged 50-64 with eFI category moderate (at admission).";
    101 EA_CELL_11 "emergency_admissions_50_64_severe" "count" "Emergency admissions of people aged 50-64 with eFI category severe (at admission).";
    102 EA_CELL_12 "emergency_admissions_65_74_fit" "count" "Emergency admissions of people aged 65-74 with eFI category fit (at admission).";
    103 EA_CELL_13 "emergency_admissions_65_74_mild" "count" "Emergency admissions of people aged 65-74 with eFI category mild (at admission).";
    104 EA_CELL_14 "emergency_admissions_65_74_moderate" "count" "Emergency admissions of people aged 65-74 with eFI category moderate (at admission).";
    105 EA_CELL_15 "emergency_admissions_65_74_severe" "count" "Emergency admissions of people aged 65-74 with eFI category severe (at admission).";
    106 EA_CELL_16 "emergency_admissions_75_84_fit" "count" "Emergency admissions of people aged 75-84 with eFI category fit (at admission).";
    107 EA_CELL_17 "emergency_admissions_75_84_mild" "count" "Emergency admissions of people aged 75-84 with eFI category mild (at admission).";
    108 EA_CELL_18 "emergency_admissions_75_84_moderate" "count" "Emergency admissions of people aged 75-84 with eFI category moderate (at admission).";
    109 EA_CELL_19 "emergency_admissions_75_84_severe" "count" "Emergency admissions of people aged 75-84 with eFI category severe (at admission).";
    110 EA_CELL_20 "emergency_admissions_85_plus_fit" "count" "Emergency admissions of people aged 85+ with eFI category fit (at admission).";
    111 EA_CELL_21 "emergency_admissions_85_plus_mild" "count" "Emergency admissions of people aged 85+ with eFI category mild (at admission).";
    112 EA_CELL_22 "emergency_admissions_85_plus_moderate" "count" "Emergency admissions of people aged 85+ with eFI category moderate (at admission).";
    113 EA_CELL_23 "emergency_admissions_85_plus_severe" "count" "Emergency admissions of people aged 85+ with eFI category severe (at admission).";
    114 CH_RESIDENT_DAYS_65 "care_home_resident_days_65_plus" "days" "Days lived by care-home residents aged 65 and over.";
}

/// Number of accumulators.
pub const N_BASE: usize = BASE_NAMES.len();

/// Monthly accumulators of one site.
pub type Month = [f64; N_BASE];

/// Derived metrics: (name, unit, meaning).
pub const DERIVED_INFO: &[(&str, &str, &str)] = &[
    ("population", "people", "Mean population alive."),
    (
        "emergency_admissions_per_1000",
        "per 1,000 person-years",
        "Emergency admissions per 1,000 population a year.",
    ),
    (
        "ae_attendances_per_1000",
        "per 1,000 person-years",
        "A&E attendances per 1,000 population a year.",
    ),
    (
        "acute_bed_days_per_1000",
        "per 1,000 person-years",
        "Acute bed days per 1,000 population a year.",
    ),
    (
        "crises_missed_per_1000",
        "per 1,000 person-years",
        "Crises missed per 1,000 population a year.",
    ),
    ("delayed_days", "days", "Delayed-transfer days, all causes."),
    (
        "delayed_beds_per_100k",
        "beds per 100,000 population",
        "Mean beds occupied by delayed transfers per 100,000 population.",
    ),
    (
        "delayed_social_care_share",
        "share",
        "Share of delayed days attributed to social care.",
    ),
    (
        "zero_day_share",
        "share",
        "Share of emergency admissions that are zero-day.",
    ),
    (
        "mean_los_overnight_days",
        "days",
        "Mean length of overnight stays (delays included).",
    ),
    (
        "readmission_30d_rate",
        "share",
        "30-day emergency readmissions per live discharge.",
    ),
    (
        "ae_major_conversion",
        "share",
        "Share of major A&E attendances admitted.",
    ),
    (
        "care_home_ea_per_resident_year",
        "per resident-year",
        "Emergency admissions per care-home resident-year.",
    ),
    (
        "care_home_ae_per_resident_year",
        "per resident-year",
        "A&E attendances per care-home resident-year.",
    ),
    (
        "care_home_share_of_65_plus_ea",
        "share",
        "Share of emergency admissions of people 65+ that are of care-home residents.",
    ),
    (
        "cost_nhs_gbp",
        "GBP",
        "NHS costs (acute, A&E, primary, community, planned, programme).",
    ),
    ("cost_total_gbp", "GBP", "NHS and social care costs."),
    (
        "deaths_per_1000",
        "per 1,000 person-years",
        "Deaths per 1,000 population a year (crude death rate).",
    ),
    (
        "deaths_per_1000_0_17",
        "per 1,000 person-years",
        "Deaths per 1,000 people aged 0-17 a year.",
    ),
    (
        "deaths_per_1000_18_49",
        "per 1,000 person-years",
        "Deaths per 1,000 people aged 18-49 a year.",
    ),
    (
        "deaths_per_1000_50_64",
        "per 1,000 person-years",
        "Deaths per 1,000 people aged 50-64 a year.",
    ),
    (
        "deaths_per_1000_65_74",
        "per 1,000 person-years",
        "Deaths per 1,000 people aged 65-74 a year.",
    ),
    (
        "deaths_per_1000_75_84",
        "per 1,000 person-years",
        "Deaths per 1,000 people aged 75-84 a year.",
    ),
    (
        "deaths_per_1000_85_plus",
        "per 1,000 person-years",
        "Deaths per 1,000 people aged 85+ a year.",
    ),
    ("population_0_17", "people", "Mean population aged 0-17."),
    ("population_18_49", "people", "Mean population aged 18-49."),
    ("population_50_64", "people", "Mean population aged 50-64."),
    ("population_65_74", "people", "Mean population aged 65-74."),
    ("population_75_84", "people", "Mean population aged 75-84."),
    ("population_85_plus", "people", "Mean population aged 85+."),
    (
        "frailty_prevalence_50_64",
        "share",
        "Share of people aged 50-64 with any eFI frailty (person-time weighted).",
    ),
    (
        "frailty_prevalence_65_74",
        "share",
        "Share of people aged 65-74 with any eFI frailty (person-time weighted).",
    ),
    (
        "frailty_prevalence_75_84",
        "share",
        "Share of people aged 75-84 with any eFI frailty (person-time weighted).",
    ),
    (
        "frailty_prevalence_85_plus",
        "share",
        "Share of people aged 85+ with any eFI frailty (person-time weighted).",
    ),
    (
        "care_home_residents_65_plus",
        "people",
        "Mean care-home residents aged 65 and over.",
    ),
    ("fidelity_shared_care_record", "share 0..1", "Implementation fidelity of shared care record (population-weighted mean over the sites of a group; 0 where not adopted)."),
    ("fidelity_care_coordinator", "share 0..1", "Implementation fidelity of care coordinator (population-weighted mean over the sites of a group; 0 where not adopted)."),
    ("fidelity_case_management", "share 0..1", "Implementation fidelity of case management (population-weighted mean over the sites of a group; 0 where not adopted)."),
    ("fidelity_urgent_community_response", "share 0..1", "Implementation fidelity of urgent community response (population-weighted mean over the sites of a group; 0 where not adopted)."),
    ("fidelity_discharge_to_assess", "share 0..1", "Implementation fidelity of discharge to assess (population-weighted mean over the sites of a group; 0 where not adopted)."),
    ("fidelity_enhanced_care_home_support", "share 0..1", "Implementation fidelity of enhanced care home support (population-weighted mean over the sites of a group; 0 where not adopted)."),
    ("fidelity_uec_triage", "share 0..1", "Implementation fidelity of uec triage (population-weighted mean over the sites of a group; 0 where not adopted)."),
    ("fidelity_acute_collaboration", "share 0..1", "Implementation fidelity of acute collaboration (population-weighted mean over the sites of a group; 0 where not adopted)."),
];

/// Number of derived metrics.
pub const N_DERIVED: usize = DERIVED_INFO.len();

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        f64::NAN
    }
}

/// Derived metrics from summed accumulators over `days` calendar days.
pub fn derive(m: &[f64], days: f64) -> [f64; N_DERIVED] {
    let py = m[b::PERSON_DAYS] / 365.25;
    let per1000 = |x: f64| ratio(x * 1000.0, py);
    let delayed = m[b::DELAY_NHS] + m[b::DELAY_SOCIAL] + m[b::DELAY_BOTH];
    let nhs = m[b::COST_ACUTE]
        + m[b::COST_AE]
        + m[b::COST_PRIMARY]
        + m[b::COST_COMMUNITY]
        + m[b::COST_PLANNED]
        + m[b::COST_PROGRAMME];
    let plain: [f64; N_PLAIN_DERIVED] = [
        ratio(m[b::PERSON_DAYS], days),
        per1000(m[b::EA]),
        per1000(m[b::AE]),
        per1000(m[b::BED_DAYS]),
        per1000(m[b::CRISES_MISSED]),
        delayed,
        ratio(delayed * 100_000.0, m[b::PERSON_DAYS]),
        ratio(m[b::DELAY_SOCIAL], delayed),
        ratio(m[b::EA_ZERO], m[b::EA]),
        ratio(m[b::OVERNIGHT_LOS], m[b::OVERNIGHT_DISCHARGES]),
        ratio(m[b::READMISSIONS], m[b::LIVE_DISCHARGES]),
        ratio(m[b::AE_MAJOR_ADMITTED], m[b::AE_MAJOR]),
        ratio(m[b::CH_EA] * 365.25, m[b::CH_RESIDENT_DAYS]),
        ratio(m[b::CH_AE] * 365.25, m[b::CH_RESIDENT_DAYS]),
        ratio(m[b::CH_EA], m[b::EA_65]),
        nhs,
        nhs + m[b::COST_SOCIAL],
        per1000(m[b::DEATHS]),
        band_rate(m, 0),
        band_rate(m, 1),
        band_rate(m, 2),
        band_rate(m, 3),
        band_rate(m, 4),
        band_rate(m, 5),
        ratio(band_days(m, 0), days),
        ratio(band_days(m, 1), days),
        ratio(band_days(m, 2), days),
        ratio(band_days(m, 3), days),
        ratio(band_days(m, 4), days),
        ratio(band_days(m, 5), days),
        frailty_prevalence(m, 2),
        frailty_prevalence(m, 3),
        frailty_prevalence(m, 4),
        frailty_prevalence(m, 5),
        ratio(m[b::CH_RESIDENT_DAYS_65], days),
    ];
    let fid = |l: Lever| ratio(m[fidelity_days(l)], m[b::PERSON_DAYS]);
    std::array::from_fn(|k| {
        if k < N_PLAIN_DERIVED {
            plain[k]
        } else {
            fid(Lever::ALL[k - N_PLAIN_DERIVED])
        }
    })
}

/// Person-days of age band `band` (all eFI categories).
pub fn band_days(m: &[f64], band: usize) -> f64 {
    let c = b::PERSON_DAYS_CELL_0 + 4 * band;
    m[c..c + 4].iter().sum()
}

/// Share of age band `band`'s person-days with any eFI frailty.
pub fn frailty_prevalence(m: &[f64], band: usize) -> f64 {
    let c = b::PERSON_DAYS_CELL_0 + 4 * band;
    ratio(m[c + 1..c + 4].iter().sum(), band_days(m, band))
}

/// Deaths per 1,000 person-years of age band `band`.
fn band_rate(m: &[f64], band: usize) -> f64 {
    ratio(
        m[b::DEATHS_BAND_0 + band] * 1000.0 * 365.25,
        band_days(m, band),
    )
}

/// Derived metrics before the fidelities (one per lever, in lever order).
const N_PLAIN_DERIVED: usize = N_DERIVED - Lever::COUNT;

/// The accumulator of lever `l`'s fidelity times person-days.
#[inline(always)]
pub fn fidelity_days(l: Lever) -> usize {
    b::FID_0 + l.index()
}

/// All metric names in output order: accumulators, then derived.
pub fn all_names() -> Vec<&'static str> {
    BASE_NAMES
        .iter()
        .copied()
        .chain(DERIVED_INFO.iter().map(|d| d.0))
        .collect()
}

/// All metric values in output order for summed accumulators over `days`.
pub fn all_values(m: &[f64], days: f64) -> Vec<f64> {
    let mut v = m.to_vec();
    v.extend_from_slice(&derive(m, days));
    v
}

/// Add `src` into `dst`.
pub fn add_into(dst: &mut [f64], src: &[f64]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d += s;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_by_hand() {
        let mut m = [0.0; N_BASE];
        m[b::PERSON_DAYS] = 365.25 * 1000.0; // 1,000 person-years
        m[b::EA] = 108.0;
        m[b::EA_ZERO] = 36.0;
        m[b::DELAY_NHS] = 6.0;
        m[b::DELAY_SOCIAL] = 3.0;
        m[b::DELAY_BOTH] = 1.0;
        let d = derive(&m, 365.25);
        assert!((d[0] - 1000.0).abs() < 1e-9);
        assert!((d[1] - 108.0).abs() < 1e-9);
        assert!((d[5] - 10.0).abs() < 1e-12);
        assert!((d[7] - 0.3).abs() < 1e-12);
        assert!((d[8] - 1.0 / 3.0).abs() < 1e-12);
        assert!(d[9].is_nan());
    }

    #[test]
    fn fidelity_metrics_follow_the_lever_table() {
        for l in Lever::ALL {
            assert_eq!(
                BASE_NAMES[fidelity_days(l)],
                format!("fidelity_{}_person_days", l.key())
            );
            assert_eq!(
                DERIVED_INFO[N_PLAIN_DERIVED + l.index()].0,
                format!("fidelity_{}", l.key())
            );
        }
        assert_eq!(b::FID_0 + Lever::COUNT, b::EA_AVOIDABLE);
        assert_eq!(N_BASE, b::CH_RESIDENT_DAYS_65 + 1);
        assert_eq!(N_DERIVED, N_PLAIN_DERIVED + Lever::COUNT);
    }

    #[test]
    fn names_are_unique_snake_case() {
        let names = all_names();
        let set: std::collections::BTreeSet<_> = names.iter().collect();
        assert_eq!(set.len(), names.len());
        assert!(names.iter().all(|n| n
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')));
    }
}
