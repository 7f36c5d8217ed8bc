//! Model-integrity tests of the engine: categorical draws never see zero or
//! NaN mass, stays are capped, the top-5% cost record charges per-day costs
//! for the days a person was in each state, multimorbidity keeps its share by
//! age band.

use super::crisis::{Route, RouteShares};
use super::home::acquire_multimorbidity;
use super::hospital::CrisisKind;
use super::*;

/// Any crisis kind: no lever is at work in these tests, so the kind is unused.
const ANY_KIND: CrisisKind = CrisisKind {
    zero_day: false,
    avoidable: false,
};
use crate::model::rollout;

/// The shares of a [`RouteShares`] in route order.
fn shares(w: &RouteShares) -> [f64; 5] {
    [
        Route::GeneralPractice,
        Route::UrgentCommunityResponse,
        Route::AE,
        Route::DirectAdmission,
        Route::Missed,
    ]
    .map(|r| w[r])
}

fn scenario(run: &str, population: u64, sets: &[&str]) -> Scenario {
    let text = format!(
        "[scenario]\nname = \"t\"\nquestion = \"?\"\n[run]\nseed = 4242\n{run}\n[[sites]]\nname = \"a\"\npopulation = {population}\n"
    );
    let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
    Scenario::from_str(&text, "t.toml", &sets).unwrap_or_else(|e| panic!("{e}"))
}

fn site<'a>(scn: &'a Scenario, tl: &'a Timeline) -> SiteSim<'a> {
    let path = rollout::plan(scn, tl, 0).swap_remove(0);
    SiteSim::new(SiteInput {
        scenario: scn,
        site: 0,
        replicate: 0,
        timeline: tl,
        levers: path.strength,
        fidelity: path.fidelity,
        programme_cost: path.programme_cost,
        check_invariants: false,
        days: None,
    })
}

/// The day loop of [`SiteSim::run`], keeping the simulation for inspection.
fn run_days(sim: &mut SiteSim) {
    sim.run_days();
}

/// The NHS costs on the records of the cost window's population.
fn window_records(sim: &SiteSim) -> f64 {
    sim.patients
        .iter()
        .filter(|p| p.has(IN_WINDOW))
        .map(|p| p.window_cost as f64)
        .sum()
}

/// A month's NHS costs: what the window's records must add up to.
fn nhs_cost(m: &Month) -> f64 {
    m[b::COST_PRIMARY]
        + m[b::COST_PLANNED]
        + m[b::COST_ACUTE]
        + m[b::COST_AE]
        + m[b::COST_COMMUNITY]
}

/// Part A: every crisis to A&E in the community (a valid scenario) used to
/// give care-home residents 0/0 weights, and every care-home crisis was
/// "missed". The rest of a care-home crisis now goes to general practice.
#[test]
fn all_to_ae_routing_gives_care_homes_finite_shares() {
    let scn = scenario(
        "warm_up_months = 0\nhorizon_months = 12",
        2000,
        &[
            "routing.share_ae=1",
            "routing.share_general_practice=0",
            "routing.share_urgent_community_response=0",
            "routing.share_direct_admission=0",
            "routing.share_missed=0",
            "routing.fallback_when_full_missed_share=0",
        ],
    );
    let tl = crate::experiment::executor::timeline(&scn);
    let mut sim = site(&scn, &tl);
    sim.patients[0].residence = Residence::Residential as u8;
    let w = sim.route_shares(0, &KindOf::given(ANY_KIND));
    let v = shares(&w);
    assert!(v.iter().all(|x| x.is_finite() && *x >= 0.0), "{v:?}");
    assert!((v.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    assert_eq!(w[Route::AE], scn.routing.care_home_ae_share);
    assert!((w[Route::GeneralPractice] - (1.0 - scn.routing.care_home_ae_share)).abs() < 1e-12);
    assert_eq!(w[Route::Missed], 0.0);
    // Community residents: all to A&E, as the scenario says.
    sim.patients[1].residence = Residence::Community as u8;
    assert_eq!(
        sim.route_shares(1, &KindOf::given(ANY_KIND))[Route::AE],
        1.0
    );
    // A whole run: no crisis is missed.
    run_days(&mut sim);
    let missed: f64 = sim.ledger.months.iter().map(|m| m[b::CRISES_MISSED]).sum();
    let crises: f64 = sim.ledger.months.iter().map(|m| m[b::CRISES]).sum();
    assert!(crises > 100.0, "{crises}");
    assert_eq!(missed, 0.0);
}

/// Part B: stays are rounded, at least a night and at most the maximum.
#[test]
fn stays_are_capped_at_the_maximum() {
    assert_eq!(hospital::stay_days(f64::ln(0.2), 365.0), 1.0);
    assert_eq!(hospital::stay_days(f64::ln(7.4), 365.0), 7.0);
    assert_eq!(hospital::stay_days(f64::ln(364.6), 365.0), 365.0);
    assert_eq!(hospital::stay_days(f64::ln(5000.0), 365.0), 365.0);
    assert_eq!(hospital::stay_days(50.0, 365.0), 365.0);
    assert_eq!(hospital::stay_days(50.0, 30.0), 30.0);
    // A whole run with a short maximum and very skewed stays: no overnight
    // stay is longer (each discharge adds its stay to the month).
    let scn = scenario(
        "warm_up_months = 0\nhorizon_months = 24",
        5000,
        &["hospital.max_los_days=30", "hospital.los_cv=3"],
    );
    let tl = crate::experiment::executor::timeline(&scn);
    let mut sim = site(&scn, &tl);
    let mut longest = 0u32;
    for day in 0..tl.n_days {
        sim.begin_day(day);
        sim.open_services_for_day();
        sim.arrivals();
        sim.open_cost_window();
        sim.process_due_events(day);
        for p in sim.patients.iter().filter(|p| p.loc() == Location::Acute) {
            longest = longest.max(day - p.since as u32);
        }
        sim.close_day();
    }
    assert!((20..=30).contains(&longest), "{longest}");
}

/// Part C, by hand: with no events that change anyone's state but ageing,
/// personal risk exactly 1 and no care homes, a person of the 0-17 band
/// (nobody enters it) is charged routine and planned care for every day of
/// the window, at their band and frailty; someone who moved up a band in
/// the window less than a full year at their band now.
#[test]
fn window_cost_is_routine_care_for_the_days_in_each_state() {
    let scn = scenario(
        "warm_up_months = 3\nhorizon_months = 12",
        3000,
        &[
            "demand.crisis_fit_per_1000py_by_band=[0,0,0,0,0,0]",
            "population.mortality_fit_per_1000py_by_band=[0,0,0,0,0,0]",
            "population.care_home_share_by_band=[0,0,0,0,0,0]",
            "population.care_home_entry_per_1000py_by_frailty=[0,0,0,0]",
            "population.frailty_onset_per_1000py_by_band=[0,0,0,0,0,0]",
            "population.frailty_mild_to_moderate_per_1000py_by_band=[0,0,0,0,0,0]",
            "population.frailty_moderate_to_severe_per_1000py_by_band=[0,0,0,0,0,0]",
            "population.follow_ons_demography=0",
            "population.frailty_steady_state=0",
            "population.births_per_1000py=0",
            "population.net_migration_per_1000py=0",
            "population.personal_risk_sigma=0",
            "population.personal_risk_renewal_per_year=0",
            "discharge.home_care_need_per_1000py_by_frailty=[0,0,0,0]",
        ],
    );
    let tl = crate::experiment::executor::timeline(&scn);
    let mut sim = site(&scn, &tl);
    run_days(&mut sim);
    let (s, e) = sim.ledger.window.unwrap();
    let days = (e - s) as f64;
    let c = &scn.costs;
    let yearly = |a: usize, f: usize| {
        (c.routine_primary_care_per_person_year_gbp_by_band[a]
            + c.planned_secondary_care_per_person_year_gbp_by_band[a])
            * c.routine_care_frailty_multiplier[f]
    };
    let (mut young, mut aged) = (0, 0);
    for p in &sim.patients {
        assert!(p.has(IN_WINDOW));
        let (a, f) = (p.age as usize, p.frailty as usize);
        let want = yearly(a, f) / 365.25 * days;
        let have = p.window_cost as f64;
        if a == 0 {
            // Nobody enters 0-17 (no births): a full window at one rate.
            young += 1;
            assert!((have - want).abs() < 1e-4 * want, "{have} vs {want}");
        } else {
            // Costs rise with age band at the defaults: someone who aged in
            // the window was charged less than a full year at their band now.
            let lo = yearly(0, f) / 365.25 * days;
            assert!(have >= lo * (1.0 - 1e-4) && have <= want * (1.0 + 1e-4));
            if have < want * (1.0 - 1e-3) {
                aged += 1;
            }
        }
    }
    assert!(young > 300 && aged > 5, "{young} {aged}");
}

/// Part C, all together: every NHS cost of the window is on a patient's
/// record (events, routine care, delayed days, intermediate care and case
/// management): the records sum to the window's NHS costs. Deaths,
/// arrivals, ageing, frailty, risk renewal, care-home entries and delays
/// all happen here, and people join and leave the case-management segment.
#[test]
fn window_records_add_up_to_the_windows_nhs_costs() {
    let scn = scenario(
        "warm_up_months = 6\nhorizon_months = 14",
        8000,
        &[
            "services.intermediate_care_places_per_100k=10",
            "services.home_care_packages_per_100k=300",
            "sites.0.levers.case_management=0.8",
        ],
    );
    let tl = crate::experiment::executor::timeline(&scn);
    let mut sim = site(&scn, &tl);
    run_days(&mut sim);
    let records = window_records(&sim);
    let w = tl.warm_up_months as usize;
    let c = &scn.costs;
    let mut ledger = 0.0;
    let mut delayed = 0.0;
    let mut case_management = 0.0;
    for m in &sim.ledger.months[w..w + 12] {
        ledger += nhs_cost(m);
        delayed += m[b::DELAY_NHS] + m[b::DELAY_SOCIAL] + m[b::DELAY_BOTH];
        case_management += m[b::CM_ENROLLED_DAYS] * c.case_management_per_patient_year_gbp / 365.25;
    }
    assert!(delayed > 100.0, "{delayed}");
    assert!(
        case_management > 0.02 * ledger,
        "{case_management} of {ledger}"
    );
    assert!(
        (records - ledger).abs() < 1e-4 * ledger,
        "records {records} vs ledger {ledger}"
    );
    // The window's population: everyone alive at some point of it.
    let dead_before = sim.patients.iter().filter(|p| !p.has(IN_WINDOW)).count();
    assert!(dead_before > 0 && dead_before < sim.patients.len() / 10);
}

/// Part C, with targeting that changes inside the window: a site takes up
/// a care model that case-manages people at top risk a year before the
/// window and, five months into it, a second that case-manages everyone
/// aged 65 and over. The day the second begins, people join the segment
/// and are charged case management from that day; the records still add up
/// to the window's NHS costs.
#[test]
fn window_records_add_up_when_targeting_changes_inside_the_window() {
    let text = "[scenario]\nname = \"t\"\nquestion = \"?\"\n\
        [run]\nseed = 4242\nstart_date = \"2015-04-01\"\nwarm_up_months = 18\nhorizon_months = 30\n\
        [rollout]\nnational_support = 1.0\n\
        [care_models.risk_first]\nsegment = \"top_risk\"\nlevers = { case_management = 0.8 }\n\
        [care_models.older_people]\nsegment = \"older_65_plus\"\nlevers = { case_management = 0.8 }\n\
        [[sites]]\nname = \"a\"\npopulation = 8000\n\
        adopts = [{ model = \"risk_first\", from = \"2015-10-01\" }, { model = \"older_people\", from = \"2017-03-01\" }]\n";
    let scn = Scenario::from_str(text, "t.toml", &[]).unwrap_or_else(|e| panic!("{e}"));
    let tl = crate::experiment::executor::timeline(&scn);
    let mut sim = site(&scn, &tl);
    run_days(&mut sim);
    let w = tl.warm_up_months as usize;
    // The window is October 2016 to September 2017; the second model's
    // phase begins in its sixth month (March 2017).
    let phases: Vec<usize> = sim.ctx.phase_of_month[w..w + 12].to_vec();
    assert_eq!(phases, [1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2], "{phases:?}");
    let records = window_records(&sim);
    let c = &scn.costs;
    let mut ledger = 0.0;
    let mut cm_by_month = Vec::new();
    for m in &sim.ledger.months[w..w + 12] {
        ledger += nhs_cost(m);
        cm_by_month.push(m[b::CM_ENROLLED_DAYS] * c.case_management_per_patient_year_gbp / 365.25);
    }
    // Case management is paid in both phases, and the wider segment costs
    // several times more a month than the narrow one.
    let (before, after) = (cm_by_month[4], cm_by_month[5]);
    assert!(before > 0.0 && after > 2.0 * before, "{cm_by_month:?}");
    assert!(
        (records - ledger).abs() < 1e-4 * ledger,
        "records {records} vs ledger {ledger}"
    );
}

/// Part D: over a long run, the share with multimorbidity in each age band
/// stays at its parameter. Selective survival is switched off (no deaths in
/// hospital, no extra crises with multimorbidity), so only ageing, births
/// and migration move the shares. Threshold: 5 binomial SEs per band.
#[test]
fn multimorbidity_keeps_its_share_by_band() {
    let scn = scenario(
        "warm_up_months = 0\nhorizon_months = 480",
        30000,
        &[
            "hospital.in_hospital_death_by_frailty=[0,0,0,0]",
            "demand.multimorbidity_hr_crisis=1",
            // Forty years: beyond the ONS table; the constant demography.
            "population.follow_ons_demography=0",
        ],
    );
    let tl = crate::experiment::executor::timeline(&scn);
    let mut sim = site(&scn, &tl);
    run_days(&mut sim);
    let prevalence = scn.population.multimorbidity_prevalence_by_band;
    for (a, &p) in prevalence.iter().enumerate() {
        let band: Vec<&Patient> = sim
            .patients
            .iter()
            .filter(|q| q.loc() != Location::Dead && q.age as usize == a)
            .collect();
        let n = band.len() as f64;
        let share = band.iter().filter(|q| q.has(MULTIMORBID)).count() as f64 / n;
        let se = (p * (1.0 - p) / n).sqrt();
        assert!(n > 200.0, "band {a}: {n}");
        assert!(
            (share - p).abs() < 5.0 * se,
            "band {a}: share {share:.4} vs {p} (n {n}, 5 SE {:.4})",
            5.0 * se
        );
    }
    assert!((acquire_multimorbidity(0.4, 0.55) - 0.25).abs() < 1e-15);
    assert_eq!(acquire_multimorbidity(0.5, 0.4), 0.0);
}

/// Part F: the engine's daily discount factors are the month's factor of
/// the shared convention, and warm-up days are not discounted.
#[test]
fn engine_discounting_is_the_shared_monthly_convention() {
    let scn = scenario("warm_up_months = 2\nhorizon_months = 14", 100, &[]);
    let tl = crate::experiment::executor::timeline(&scn);
    let days = DayTables::new(&scn, &tl);
    for d in 0..tl.n_days as usize {
        let m = tl.month_of_day[d] as i64 - 2;
        let want = crate::stats::discount_factor(scn.costs.discount_rate_costs, m);
        assert_eq!(days.discount[d][setup::COSTS], want);
        if m < 0 {
            assert_eq!(want, 1.0);
        }
    }
}
