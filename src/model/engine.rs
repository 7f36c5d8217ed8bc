//! The patient-flow engine: one site of one replicate, event by event.
//!
//! **Scheduling.** Every living patient has at most one pending event in a
//! calendar of day buckets (scheduling is O(1)). A calendar entry carries the
//! patient's stamp; any change of plan bumps the stamp, so stale entries are
//! skipped. Within a day, entries are processed in the order they were
//! scheduled, which is itself a pure function of the seed tree, so runs are
//! reproducible whatever the thread count.
//!
//! **Competing risks.** A patient at home has several hazards at once
//! (crisis, death, frailty progression, ageing, care-home entry, needing a
//! home-care package, a package ending, unmet need resolving). The time to
//! the next event is exponential in their sum and the event is chosen in
//! proportion to the rates. Rates change only through the patient's own
//! events, so the plan stays valid until then. Hazards that change with
//! calendar time (secular growth of demand, lever fidelity during rollout)
//! are handled by *thinning*: candidate crises are drawn at an upper bound
//! of the rate and accepted with probability rate(t)/bound. Deterministic
//! rate changes (the end of the post-discharge window) cap the next event
//! time with a review. Cost therefore scales with events, not patient-days.
//!
//! **Order within a day.** 1. service slots for the day reset; 2. new people
//! arrive; 3. due events are processed in calendar order (a place freed by
//! one patient goes at once to the head of that service's queue); 4.
//! occupancy (bed days, delays, unmet need, days at home, care-home days,
//! daily costs) is added to the month.
//!
//! The engine returns data; it never prints or writes files.

use crate::model::caremix::{cumulative, CareMix};
use crate::model::event_calendar::DayQueue;
use crate::model::metrics::{b, fidelity_days, Month, N_BASE};
use crate::model::patient::*;
use crate::model::population;
use crate::model::rng::{SiteKey, SiteStreams, SplitMix64, Stream};
use crate::scenario::dates::Timeline;
use crate::scenario::lever::{Lever, Levers};
use crate::scenario::params::CoordinationParams;
use crate::scenario::params::AGE_BAND_WIDTH_YEARS;
use crate::scenario::{Scenario, Segment};
use std::borrow::Cow;
use std::collections::VecDeque;

/// Effective lever strengths (strength x fidelity) of a site, per month.
pub type LeverPath = Vec<Levers<f64>>;

/// What the engine needs to simulate one site of one replicate.
pub struct SiteInput<'a> {
    /// The checked scenario.
    pub scenario: &'a Scenario,
    /// Site index in `scenario.sites`.
    pub site: usize,
    /// Replicate number.
    pub replicate: u32,
    /// The time line.
    pub timeline: &'a Timeline,
    /// Effective lever strengths by month (length = months of the timeline).
    pub levers: LeverPath,
    /// Fidelity of each lever by month (reported, not used by the flow).
    pub fidelity: LeverPath,
    /// Programme cost of the site by month (GBP).
    pub programme_cost: Vec<f64>,
    /// Check bookkeeping invariants at the end of every day (slow; tests).
    pub check_invariants: bool,
    /// The scenario's per-day tables, shared by its sites and replicates;
    /// `None` computes them for this site alone (same values).
    pub days: Option<&'a DayTables>,
}

/// Per-day tables that depend only on the scenario and its timeline, so
/// every site and replicate of a run can share one copy instead of
/// recomputing a few thousand powers and exponentials each.
#[derive(Clone, Debug)]
pub struct DayTables {
    /// Growth multiplier of crisis hazards per day (one more than the days).
    growth: Vec<f64>,
    /// Largest value of `growth`.
    growth_bound: f64,
    /// Discount factors (costs, health) of every day.
    discount: Vec<[f64; 2]>,
    /// Cumulative discount factors of costs: entry `d` sums days before `d`.
    cum_discount_costs: Vec<f64>,
    /// First reported day (after warm-up).
    report_start_day: u32,
}

impl DayTables {
    /// The tables of `scn` over timeline `tl`.
    pub fn new(scn: &Scenario, tl: &Timeline) -> DayTables {
        let ln_g = (1.0 + scn.demand.demand_growth_per_year).ln();
        let growth: Vec<f64> = (0..=tl.n_days)
            .map(|d| (ln_g * tl.years_from(d, scn.demand_reference)).exp())
            .collect();
        let growth_bound = growth.iter().cloned().fold(0.0, f64::max);
        let report_start_day: u32 = tl
            .days_in_period
            .iter()
            .take(tl.warm_up_months as usize)
            .sum();
        let c = &scn.costs;
        let discount: Vec<[f64; 2]> = (0..tl.n_days)
            .map(|day| {
                [
                    discount_factor(day, report_start_day, c.discount_rate_costs),
                    discount_factor(day, report_start_day, c.discount_rate_health),
                ]
            })
            .collect();
        let cum_discount_costs = cumulative(discount.iter().map(|d| d[0]));
        DayTables {
            growth,
            growth_bound,
            discount,
            cum_discount_costs,
            report_start_day,
        }
    }
}

/// What one site of one replicate produced.
#[derive(Clone, Debug)]
pub struct SiteResult {
    /// Accumulators by month (warm-up included).
    pub months: Vec<Month>,
    /// Share of NHS cost carried by the costliest 5% of patients over the
    /// first reported year (NaN if fewer than 12 reported months).
    pub top5_cost_share: f64,
    /// Events processed.
    pub events: u64,
    /// Patient records at the end (people ever simulated).
    pub people: usize,
    /// Invariant violations found (only with `check_invariants`).
    pub violations: Vec<String>,
}

/// A capacity-limited service with a FIFO queue of patients waiting in hospital.
#[derive(Clone, Debug, Default)]
struct Service {
    capacity: u32,
    in_use: u32,
    queue: VecDeque<(u32, u32)>,
}

impl Service {
    fn free(&self) -> bool {
        self.in_use < self.capacity
    }
}

/// Precomputed per-day rates and constants of a site.
struct Rates {
    crisis_community: [[f64; 4]; 6],
    crisis_care_home: [[f64; 4]; 3],
    mortality: [[f64; 4]; 6],
    mortality_care_home: [f64; 3],
    frailty_up: [[f64; 4]; 6],
    ageing: [f64; 6],
    ch_entry: [f64; 4],
    package_need: [f64; 4],
    package_end: f64,
    unmet_resolve: f64,
    risk_renewal: f64,
}

/// Head counts of a site summed over the days of a month so far (all are
/// whole numbers, so the sums are exact).
#[derive(Clone, Copy, Debug, Default)]
struct DaySums {
    /// By location (the dead included).
    locations: [u64; N_LOCATIONS],
    /// Everyone ever in the site's population (alive = this less the dead).
    people: u64,
    delayed_by_cause: [u64; DelayCause::COUNT],
    residents: [u64; 3],
    packages: u64,
    unmet: u64,
}

/// What can happen next to a patient at home: the competing risks. The
/// order is that of the hazards in [`SiteSim::home_rates`] and so of the draw
/// that picks one (part of the random-number contract: do not reorder).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HomeEvent {
    /// A crisis (a candidate, accepted by thinning).
    Crisis,
    /// Death.
    Death,
    /// Frailty progresses one category.
    Frailer,
    /// The next age band.
    Older,
    /// Moves into a care home from home.
    CareHomeEntry,
    /// Needs a home-care package.
    PackageNeed,
    /// A home-care package ends.
    PackageEnds,
    /// Unmet need resolves (a candidate, accepted by thinning).
    UnmetResolves,
    /// The personal risk multiplier is drawn afresh.
    RiskRenewed,
}

impl HomeEvent {
    const COUNT: usize = 9;
    const ALL: [HomeEvent; HomeEvent::COUNT] = [
        HomeEvent::Crisis,
        HomeEvent::Death,
        HomeEvent::Frailer,
        HomeEvent::Older,
        HomeEvent::CareHomeEntry,
        HomeEvent::PackageNeed,
        HomeEvent::PackageEnds,
        HomeEvent::UnmetResolves,
        HomeEvent::RiskRenewed,
    ];
}

/// Where a crisis goes. The order is that of the shares in
/// [`RouteShares`] and so of the draw that picks a route (part of the
/// random-number contract: do not reorder).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Route {
    /// Same-day general practice.
    GeneralPractice,
    /// Urgent community response.
    UrgentCommunityResponse,
    /// A&E.
    AE,
    /// Admitted directly, not through A&E.
    DirectAdmission,
    /// Nobody picks it up.
    Missed,
}

impl Route {
    const COUNT: usize = 5;
    const ALL: [Route; Route::COUNT] = [
        Route::GeneralPractice,
        Route::UrgentCommunityResponse,
        Route::AE,
        Route::DirectAdmission,
        Route::Missed,
    ];
}

/// Shares of a crisis by [`Route`].
struct RouteShares([f64; Route::COUNT]);

impl std::ops::Index<Route> for RouteShares {
    type Output = f64;
    #[inline(always)]
    fn index(&self, r: Route) -> &f64 {
        &self.0[r as usize]
    }
}

impl std::ops::IndexMut<Route> for RouteShares {
    #[inline(always)]
    fn index_mut(&mut self, r: Route) -> &mut f64 {
        &mut self.0[r as usize]
    }
}

/// Segments a lever's crisis effect is keyed by.
const SEG_COMMUNITY: usize = 0;
const SEG_CASE_MGMT: usize = 1;
const SEG_RESIDENTIAL: usize = 2;
const SEG_NURSING: usize = 3;

/// The simulation state of one site.
pub struct SiteSim<'a> {
    scn: &'a Scenario,
    co: &'a CoordinationParams,
    seg_rule: Segment,
    fidelity: LeverPath,
    tl: &'a Timeline,
    key: SiteStreams,
    levers: LeverPath,
    programme_cost: Vec<f64>,
    rates: Rates,
    /// Per-day growth and discount tables (shared or this site's own).
    days: Cow<'a, DayTables>,
    /// Crisis multiplier of each segment by month, and its suffix maximum.
    seg_factor: Vec<[f64; 4]>,
    seg_bound: [f64; 4],
    resolve_bound: f64,
    growth_bound: f64,
    patients: Vec<Patient>,
    calendar: DayQueue,
    months: Vec<Month>,
    // Services.
    ic: Service,
    packages: Service,
    care_homes: Service,
    /// Capacities at the start (intermediate care, packages, care homes).
    base_capacity: [f64; 3],
    gp_slots: u32,
    ucr_slots: u32,
    gp_carry: f64,
    ucr_carry: f64,
    // Counters kept in step with every change.
    loc_count: [u64; N_LOCATIONS],
    delayed_by_cause: [u64; DelayCause::COUNT],
    unmet_alive: u64,
    residents: [u64; 3],
    cm_segment: u64,
    /// Daily head counts summed since the month began.
    day_sums: DaySums,
    /// Whether any lever has fidelity above zero, by month.
    any_fidelity: Vec<bool>,
    /// Alive people by age band and eFI category, with their integrals
    /// over days (for routine primary and planned secondary care costs).
    mix: CareMix,
    events: u64,
    day: u32,
    month: usize,
    report_start_day: u32,
    window: Option<(u32, u32)>,
    check: bool,
    violations: Vec<String>,
}

#[inline(always)]
fn per_day(per_1000py: f64) -> f64 {
    per_1000py / 1000.0 / 365.25
}

impl<'a> SiteSim<'a> {
    /// Set up a site: population, services, rates. `input.levers` must
    /// cover every month of the timeline.
    pub fn new(input: SiteInput<'a>) -> SiteSim<'a> {
        let scn = input.scenario;
        let tl = input.timeline;
        let spec = &scn.sites[input.site];
        let key = SiteStreams::new(SiteKey::new(
            scn.run.seed,
            scn.run.crn_key,
            input.replicate,
            &spec.name,
        ));
        let pop = &scn.population;
        let dem = &scn.demand;
        let mut rates = Rates {
            crisis_community: [[0.0; 4]; 6],
            crisis_care_home: [[0.0; 4]; 3],
            mortality: [[0.0; 4]; 6],
            mortality_care_home: [
                0.0,
                per_day(pop.care_home_mortality_residential_per_1000py),
                per_day(pop.care_home_mortality_nursing_per_1000py),
            ],
            frailty_up: [[0.0; 4]; 6],
            ageing: [0.0; 6],
            ch_entry: [0.0; 4],
            package_need: [0.0; 4],
            package_end: 1.0 / scn.discharge.home_care_package_mean_duration_days,
            unmet_resolve: dem.unmet_need_resolution_per_year / 365.25,
            risk_renewal: pop.personal_risk_renewal_per_year / 365.25,
        };
        for a in 0..6 {
            for f in 0..4 {
                rates.crisis_community[a][f] = per_day(dem.crisis_fit_per_1000py_by_band[a])
                    * dem.frailty_hr_crisis[f]
                    * spec.need_index;
                rates.mortality[a][f] =
                    per_day(pop.mortality_fit_per_1000py_by_band[a]) * pop.frailty_hr_mortality[f];
            }
            rates.frailty_up[a] = [
                per_day(pop.frailty_onset_per_1000py_by_band[a]),
                per_day(pop.frailty_mild_to_moderate_per_1000py_by_band[a]),
                per_day(pop.frailty_moderate_to_severe_per_1000py_by_band[a]),
                0.0,
            ];
            rates.ageing[a] = 1.0 / (AGE_BAND_WIDTH_YEARS[a] * 365.25);
        }
        for f in 0..4 {
            rates.crisis_care_home[1][f] = per_day(dem.crisis_care_home_residential_per_1000py)
                * dem.care_home_frailty_hr_crisis[f]
                * spec.need_index;
            rates.crisis_care_home[2][f] = per_day(dem.crisis_care_home_nursing_per_1000py)
                * dem.care_home_frailty_hr_crisis[f]
                * spec.need_index;
            rates.ch_entry[f] = per_day(pop.care_home_entry_per_1000py_by_frailty[f]);
            rates.package_need[f] = per_day(scn.discharge.home_care_need_per_1000py_by_frailty[f]);
        }
        let days = match input.days {
            Some(d) => Cow::Borrowed(d),
            None => Cow::Owned(DayTables::new(scn, tl)),
        };
        let growth_bound = days.growth_bound;
        let report_start_day = days.report_start_day;
        let co = &scn.site_plans[input.site].coordination;
        let seg_factor: Vec<[f64; 4]> = input
            .levers
            .iter()
            .map(|l| {
                [
                    1.0,
                    1.0 + (co.case_management_crisis_rr - 1.0) * l[Lever::CaseManagement],
                    1.0 + (co.ehch_residential_crisis_rr - 1.0) * l[Lever::EnhancedCareHomeSupport],
                    1.0 + (co.ehch_nursing_crisis_rr - 1.0) * l[Lever::EnhancedCareHomeSupport],
                ]
            })
            .collect();
        // Run-wide bounds keep every patient's rates constant between their
        // own events, which is what makes the competing-risks plan exact.
        let mut seg_bound = [1.0f64; 4];
        for f in &seg_factor {
            for s in 0..4 {
                seg_bound[s] = seg_bound[s].max(f[s]);
            }
        }
        let cm_max = input
            .levers
            .iter()
            .map(|l| l[Lever::CaseManagement])
            .fold(0.0, f64::max);
        let resolve_bound = 1.0 + (co.case_management_unmet_resolution_multiplier - 1.0) * cm_max;
        let patients = population::initial_population(scn, input.site, key);
        let per100k = spec.population as f64 / 100_000.0;
        let sv = &scn.services;
        let n_res = patients.iter().filter(|p| p.residence != 0).count() as u32;
        let any_fidelity = input
            .fidelity
            .iter()
            .map(|f| f.iter().any(|&x| x != 0.0))
            .collect();
        let mut sim = SiteSim {
            scn,
            co,
            seg_rule: scn.site_plans[input.site].segment,
            fidelity: input.fidelity,
            tl,
            key,
            levers: input.levers,
            programme_cost: input.programme_cost,
            rates,
            days,
            seg_factor,
            seg_bound,
            resolve_bound,
            growth_bound,
            calendar: DayQueue::new(tl.n_days as usize + 1),
            months: vec![[0.0; N_BASE]; tl.n_months()],
            ic: Service {
                capacity: (sv.intermediate_care_places_per_100k * per100k).round() as u32,
                ..Default::default()
            },
            packages: Service {
                capacity: (sv.home_care_packages_per_100k * per100k).round() as u32,
                ..Default::default()
            },
            care_homes: Service {
                capacity: ((sv.care_home_beds_per_100k * per100k).round() as u32).max(n_res),
                ..Default::default()
            },
            base_capacity: [
                sv.intermediate_care_places_per_100k * per100k,
                sv.home_care_packages_per_100k * per100k,
                (sv.care_home_beds_per_100k * per100k).max(n_res as f64),
            ],
            gp_slots: 0,
            ucr_slots: 0,
            gp_carry: 0.0,
            ucr_carry: 0.0,
            loc_count: [0; N_LOCATIONS],
            delayed_by_cause: [0; DelayCause::COUNT],
            unmet_alive: 0,
            residents: [0; 3],
            cm_segment: 0,
            mix: CareMix::starting(0),
            day_sums: DaySums::default(),
            any_fidelity,
            events: 0,
            day: 0,
            month: 0,
            report_start_day,
            window: None,
            check: input.check_invariants,
            violations: Vec::new(),
            patients,
        };
        if tl.n_months() >= tl.warm_up_months as usize + 12 {
            let s = sim.report_start_day;
            let e = s + tl.days_in_period
                [tl.warm_up_months as usize..tl.warm_up_months as usize + 12]
                .iter()
                .sum::<u32>();
            sim.window = Some((s, e));
        }
        sim.initialise();
        sim
    }

    /// Initial packages, care-home occupancy, counters and first events.
    fn initialise(&mut self) {
        let target =
            (self.packages.capacity as f64 * self.scn.services.initial_occupancy_home_care) as u32;
        // Packages go to the frailest community patients first, by a fixed
        // draw, until the initial occupancy is reached.
        let weights = [0.0, 0.02, 0.15, 0.35];
        let expected: f64 = self
            .patients
            .iter()
            .filter(|p| p.residence == 0)
            .map(|p| weights[p.frailty as usize])
            .sum();
        let scale = if expected > 0.0 {
            target as f64 / expected
        } else {
            0.0
        };
        for i in 0..self.patients.len() {
            let mut g = self.key.patient(Stream::Population, i as u32, 1);
            let p = &mut self.patients[i];
            let cum = &self.days.cum_discount_costs;
            self.mix
                .enter(p.age as usize, p.frailty as usize, p.risk as f64, 0, cum);
            if p.residence == 0
                && self.packages.in_use < target
                && g.bernoulli(weights[p.frailty as usize] * scale)
            {
                p.flags |= PACKAGE;
                self.packages.in_use += 1;
            }
            if p.residence != 0 {
                self.care_homes.in_use += 1;
                self.residents[p.residence as usize] += 1;
            } else {
                self.residents[0] += 1;
            }
            self.loc_count[Location::Home as usize] += 1;
            if self.in_cm_segment(i) {
                self.cm_segment += 1;
            }
        }
        for i in 0..self.patients.len() {
            let mut g = self.key.patient(Stream::Events, i as u32, u32::MAX);
            self.schedule_home(i, 0, &mut g);
        }
    }

    /// Run to the end of the timeline.
    pub fn run(mut self) -> SiteResult {
        let n_days = self.tl.n_days;
        for day in 0..n_days {
            self.day = day;
            self.month = self.tl.month_of_day[day as usize] as usize;
            self.start_of_day();
            if let Some((s, _)) = self.window {
                if day == s {
                    for p in self
                        .patients
                        .iter_mut()
                        .filter(|p| p.location != Location::Dead as u8)
                    {
                        p.flags |= IN_WINDOW;
                    }
                }
            }
            loop {
                let bucket = self.calendar.take(day);
                if bucket.is_empty() {
                    self.calendar.recycle(bucket);
                    break;
                }
                for (k, &(id, stamp)) in bucket.iter().enumerate() {
                    if let Some(&(ahead, _)) = bucket.get(k + PREFETCH_AHEAD) {
                        if let Some(q) = self.patients.get(ahead as usize) {
                            prefetch(q);
                        }
                    }
                    let p = &self.patients[id as usize];
                    if p.stamp != stamp || p.location == Location::Dead as u8 {
                        continue;
                    }
                    self.events += 1;
                    self.process(id as usize);
                }
                self.calendar.recycle(bucket);
            }
            self.end_of_day();
            if self.check {
                self.check_invariants();
            }
        }
        let top5 = self.top5_share();
        SiteResult {
            months: self.months,
            top5_cost_share: top5,
            events: self.events,
            people: self.patients.len(),
            violations: self.violations,
        }
    }

    // ----- helpers -------------------------------------------------------

    #[inline(always)]
    fn lv(&self, l: Lever) -> f64 {
        self.levers[self.month][l]
    }

    #[inline(always)]
    fn add(&mut self, metric: usize, v: f64) {
        self.months[self.month][metric] += v;
    }

    /// Discount factor for a cost or health effect today.
    fn discount(&self, rate: f64) -> f64 {
        let c = &self.scn.costs;
        match self.days.discount.get(self.day as usize) {
            Some(d) if rate == c.discount_rate_costs => d[0],
            Some(d) if rate == c.discount_rate_health => d[1],
            _ => discount_factor(self.day, self.report_start_day, rate),
        }
    }

    fn cost(&mut self, metric: usize, gbp: f64, patient: Option<usize>) {
        self.add(metric, gbp);
        let d = self.discount(self.scn.costs.discount_rate_costs);
        self.add(b::COST_DISCOUNTED, gbp * d);
        if let Some(i) = patient {
            if metric != b::COST_SOCIAL {
                self.add_window_cost(i, gbp);
            }
        }
    }

    /// Add NHS cost to a patient's record if today is in the cost-concentration window.
    fn add_window_cost(&mut self, i: usize, gbp: f64) {
        if let Some((s, e)) = self.window {
            if self.day >= s && self.day < e {
                self.patients[i].window_cost += gbp as f32;
            }
        }
    }

    /// The segment the site's care model targets (lesson 1).
    fn targeted(&self, i: usize) -> bool {
        let p = &self.patients[i];
        let top = p.risk as f64 >= self.co.case_management_risk_threshold;
        match self.seg_rule {
            Segment::FrailOrTopRisk => p.frailty >= 2 || top,
            Segment::Frail => p.frailty >= 2,
            Segment::TopRisk => top,
            Segment::Older => p.age >= 3,
        }
    }

    fn in_cm_segment(&self, i: usize) -> bool {
        let p = &self.patients[i];
        p.residence == 0 && p.location != Location::Dead as u8 && self.targeted(i)
    }

    fn in_coordinator_segment(&self, i: usize) -> bool {
        self.patients[i].residence != 0 || self.targeted(i)
    }

    fn segment(&self, i: usize) -> usize {
        match self.patients[i].res() {
            Residence::Residential => SEG_RESIDENTIAL,
            Residence::Nursing => SEG_NURSING,
            Residence::Community => {
                if self.in_cm_segment(i) {
                    SEG_CASE_MGMT
                } else {
                    SEG_COMMUNITY
                }
            }
        }
    }

    fn set_location(&mut self, i: usize, to: Location) {
        let p = &mut self.patients[i];
        let from = p.location as usize;
        self.loc_count[from] -= 1;
        self.loc_count[to as usize] += 1;
        p.location = to as u8;
    }

    fn set_unmet(&mut self, i: usize, on: bool) {
        let p = &mut self.patients[i];
        if on && !p.has(UNMET) {
            p.flags |= UNMET;
            self.unmet_alive += 1;
        } else if !on && p.has(UNMET) {
            p.flags &= !UNMET;
            self.unmet_alive -= 1;
        }
    }

    fn push(&mut self, i: usize, day: u32) {
        if day < self.tl.n_days {
            let stamp = self.patients[i].stamp;
            self.calendar.push(day, i as u32, stamp);
        }
    }

    /// Crisis hazard per day of a patient now, without the time multiplier.
    fn crisis_rate_static(&self, i: usize) -> f64 {
        let p = &self.patients[i];
        let dem = &self.scn.demand;
        let base = if p.residence == 0 {
            let r = self.rates.crisis_community[p.age as usize][p.frailty as usize];
            if p.has(MULTIMORBID) {
                r * dem.multimorbidity_hr_crisis
            } else {
                r
            }
        } else {
            self.rates.crisis_care_home[p.residence as usize][p.frailty as usize]
        };
        let mut r = base * p.risk as f64;
        if p.has(UNMET) {
            r *= dem.unmet_need_hr_crisis;
        }
        if self.in_post_discharge_window(i) {
            r *= dem.post_discharge_hr_crisis;
            if p.has(MISSED_FOLLOW_UP) {
                r *= dem.missed_follow_up_hr_crisis;
            }
        }
        r
    }

    fn in_post_discharge_window(&self, i: usize) -> bool {
        let d = self.patients[i].discharged;
        d != NO_DAY && ((self.day - d as u32) as f64) < self.scn.demand.post_discharge_window_days
    }

    /// The competing hazards of a patient at home, per day:
    /// crisis bound, death, frailty, ageing, care-home entry, package need,
    /// package end, unmet need resolving, personal risk renewed.
    fn home_rates(&self, i: usize) -> [f64; HomeEvent::COUNT] {
        let p = &self.patients[i];
        let a = p.age as usize;
        let f = p.frailty as usize;
        let seg = self.segment(i);
        let crisis = self.crisis_rate_static(i) * self.growth_bound * self.seg_bound[seg];
        let mut death = if p.residence == 0 {
            self.rates.mortality[a][f]
        } else {
            self.rates.mortality_care_home[p.residence as usize]
        };
        if p.has(UNMET) {
            death *= self.scn.demand.unmet_need_hr_mortality;
        }
        let frail = self.rates.frailty_up[a][f];
        let ageing = self.rates.ageing[a];
        let community_old = p.residence == 0 && a >= 3;
        let ch_entry = if community_old {
            self.rates.ch_entry[f]
        } else {
            0.0
        };
        let pkg_need = if p.residence == 0 && !p.has(PACKAGE) && a >= 2 {
            self.rates.package_need[f]
        } else {
            0.0
        };
        let pkg_end = if p.has(PACKAGE) {
            self.rates.package_end
        } else {
            0.0
        };
        let resolve = if p.has(UNMET) {
            self.rates.unmet_resolve
                * if seg == SEG_CASE_MGMT {
                    self.resolve_bound
                } else {
                    1.0
                }
        } else {
            0.0
        };
        HomeEvent::ALL.map(|e| match e {
            HomeEvent::Crisis => crisis,
            HomeEvent::Death => death,
            HomeEvent::Frailer => frail,
            HomeEvent::Older => ageing,
            HomeEvent::CareHomeEntry => ch_entry,
            HomeEvent::PackageNeed => pkg_need,
            HomeEvent::PackageEnds => pkg_end,
            HomeEvent::UnmetResolves => resolve,
            HomeEvent::RiskRenewed => self.rates.risk_renewal,
        })
    }

    /// Plan the next event of a patient at home.
    fn schedule_home(&mut self, i: usize, from_day: u32, g: &mut SplitMix64) {
        let rates = self.home_rates(i);
        let total: f64 = rates.iter().sum();
        let dt = if total > 0.0 {
            g.exp1() / total
        } else {
            f64::INFINITY
        };
        let mut next = from_day as f64 + whole_days_at_least_one(dt);
        self.patients[i].flags &= !REVIEW;
        // The post-discharge window ends: review the rates then.
        let d = self.patients[i].discharged;
        if d != NO_DAY {
            let end = d as f64 + self.scn.demand.post_discharge_window_days;
            if end > from_day as f64 && end < next {
                next = end.ceil();
                self.patients[i].flags |= REVIEW;
            }
        }
        if next < self.tl.n_days as f64 {
            self.push(i, next as u32);
        }
    }

    // ----- the day -------------------------------------------------------

    fn start_of_day(&mut self) {
        let scn = self.scn;
        if self.day == 0 || self.tl.month_of_day[self.day as usize - 1] as usize != self.month {
            let g = (1.0 + scn.services.capacity_growth_per_year).powf(self.day as f64 / 365.25);
            self.ic.capacity = (self.base_capacity[0] * g).round() as u32;
            self.packages.capacity = (self.base_capacity[1] * g).round() as u32;
            self.care_homes.capacity = ((self.base_capacity[2] * g).round() as u32)
                .max(self.care_homes.in_use.min(self.care_homes.capacity));
            for which in [Onward::IntermediateCare, Onward::Package, Onward::CareHome] {
                self.release(which);
            }
        }
        let alive = self.alive() as f64;
        self.gp_carry += scn.services.gp_crisis_slots_per_100k_per_day * alive / 100_000.0;
        self.gp_slots = self.gp_carry as u32; // floor: the carry is >= 0
        self.gp_carry -= self.gp_slots as f64;
        let ucr_mult = (1.0
            + self.co.ucr_capacity_multiplier * self.lv(Lever::UrgentCommunityResponse))
        .max(0.0);
        self.ucr_carry += scn.services.ucr_slots_per_100k_per_day * ucr_mult * alive / 100_000.0;
        self.ucr_slots = self.ucr_carry as u32; // floor: the carry is >= 0
        self.ucr_carry -= self.ucr_slots as f64;
        self.arrivals();
    }

    fn alive(&self) -> u64 {
        self.patients.len() as u64 - self.loc_count[Location::Dead as usize]
    }

    /// Births and net migration: Poisson numbers of new people today.
    fn arrivals(&mut self) {
        let pop = &self.scn.population;
        let alive = self.alive() as f64;
        let mut g = self.key.site_stream(Stream::Arrivals, self.day as u64);
        for (age, rate) in [
            (0u8, pop.births_per_1000py),
            (1u8, pop.net_migration_per_1000py.max(0.0)),
        ] {
            let n = poisson(&mut g, per_day(rate) * alive);
            for _ in 0..n {
                let id = self.patients.len();
                let mut gp = self.key.patient(Stream::Arrivals, id as u32, 0);
                let mut p = population::new_person(&mut gp, self.scn, age);
                if let Some((s, e)) = self.window {
                    if self.day >= s && self.day < e {
                        p.flags |= IN_WINDOW;
                    }
                }
                let cum = &self.days.cum_discount_costs;
                self.mix
                    .enter(age as usize, 0, p.risk as f64, self.day, cum);
                self.patients.push(p);
                self.loc_count[Location::Home as usize] += 1;
                self.residents[0] += 1;
                self.schedule_home(id, self.day, &mut gp);
            }
        }
    }

    fn end_of_day(&mut self) {
        let scn = self.scn;
        let c = &scn.costs;
        let alive = self.alive() as f64;
        let acute = self.loc_count[Location::Acute as usize] as f64;
        let delayed = (self.loc_count[Location::DelayedAssessment as usize]
            + self.loc_count[Location::DelayedWaiting as usize]) as f64;
        let ic = self.loc_count[Location::IntermediateCare as usize] as f64;
        let at_home = alive - acute - delayed - ic;
        // Head counts are summed as integers and turned into person-days at
        // the month's end: the same (exact) sums, without a conversion to
        // floating point for each of them every day.
        let d = &mut self.day_sums;
        for (sum, &n) in d.locations.iter_mut().zip(&self.loc_count) {
            *sum += n;
        }
        for k in 0..3 {
            d.delayed_by_cause[k] += self.delayed_by_cause[k];
            d.residents[k] += self.residents[k];
        }
        d.people += self.patients.len() as u64;
        d.packages += self.packages.in_use as u64;
        d.unmet += self.unmet_alive;
        if self.any_fidelity[self.month] {
            let m = &mut self.months[self.month];
            for (l, &f) in self.fidelity[self.month].each() {
                // Adding +0.0 to a non-negative sum changes nothing: skipped.
                if f != 0.0 {
                    m[fidelity_days(l)] += alive * f;
                }
            }
        }
        let m = &mut self.months[self.month];
        let cm_days = self.cm_segment as f64 * self.levers[self.month][Lever::CaseManagement];
        m[b::CM_ENROLLED_DAYS] += cm_days;
        let dh = self.discount(c.discount_rate_health);
        self.months[self.month][b::DAYS_HOME_DISCOUNTED] += at_home * dh;
        // Daily costs: delayed beds, intermediate care, case management,
        // packages and care homes.
        self.daily_cost(b::COST_ACUTE, delayed * c.excess_bed_day_gbp);
        self.daily_cost(
            b::COST_COMMUNITY,
            ic * c.intermediate_care_day_gbp
                + cm_days * c.case_management_per_patient_year_gbp / 365.25,
        );
        let social =
            self.packages.in_use as f64 * c.home_care_hours_per_week * c.home_care_hour_gbp / 7.0
                + self.residents[1] as f64 * c.care_home_residential_week_gbp / 7.0
                + self.residents[2] as f64 * c.care_home_nursing_week_gbp / 7.0;
        self.daily_cost(b::COST_SOCIAL, social);
        let tomorrow = self.day as usize + 1;
        if self.tl.month_of_day.get(tomorrow).map(|&m| m as usize) != Some(self.month) {
            self.close_month_mix(tomorrow as u32);
            self.close_month_days();
        }
        let days_in_month = self.tl.days_in_period[self.month] as f64;
        let prog = self.programme_cost.get(self.month).copied().unwrap_or(0.0) / days_in_month;
        if prog > 0.0 {
            self.cost(b::COST_PROGRAMME, prog, None);
        }
    }

    /// Person-days of the month from the summed daily head counts.
    fn close_month_days(&mut self) {
        let d = std::mem::take(&mut self.day_sums);
        let loc = |l: Location| d.locations[l as usize];
        let alive = d.people - loc(Location::Dead);
        let acute = loc(Location::Acute);
        let delayed = loc(Location::DelayedAssessment) + loc(Location::DelayedWaiting);
        let ic = loc(Location::IntermediateCare);
        let m = &mut self.months[self.month];
        m[b::PERSON_DAYS] += alive as f64;
        m[b::BED_DAYS] += (acute + delayed) as f64;
        for cause in DelayCause::ALL {
            let metric = match cause {
                DelayCause::Nhs => b::DELAY_NHS,
                DelayCause::SocialCare => b::DELAY_SOCIAL,
                DelayCause::Both => b::DELAY_BOTH,
            };
            m[metric] += d.delayed_by_cause[cause as usize] as f64;
        }
        m[b::IC_DAYS] += ic as f64;
        m[b::PACKAGE_DAYS] += d.packages as f64;
        m[b::UNMET_DAYS] += d.unmet as f64;
        m[b::DAYS_HOME] += (alive - acute - delayed - ic) as f64;
        m[b::CH_RESIDENT_DAYS] += (d.residents[1] + d.residents[2]) as f64;
        m[b::CH_DAYS_RESIDENTIAL] += d.residents[1] as f64;
        m[b::CH_DAYS_NURSING] += d.residents[2] as f64;
    }

    /// Routine primary care and planned secondary care of the month that
    /// ends before day `end`: the mix's person-days and risk-days priced by
    /// age band and frailty (costs are per person-year).
    fn close_month_mix(&mut self, end: u32) {
        let c = &self.scn.costs;
        let mm = self.mix.close_month(end, &self.days.cum_discount_costs);
        let (mut routine, mut routine_d, mut planned, mut planned_d) = (0.0, 0.0, 0.0, 0.0);
        for a in 0..6 {
            for f in 0..4 {
                let wr = c.routine_primary_care_per_person_year_gbp_by_band[a]
                    * c.routine_care_frailty_multiplier[f];
                let wp = c.planned_secondary_care_per_person_year_gbp_by_band[a]
                    * c.routine_care_frailty_multiplier[f];
                routine += mm.count_days[a][f] * wr;
                routine_d += mm.count_days_discounted[a][f] * wr;
                planned += mm.risk_days[a][f] * wp;
                planned_d += mm.risk_days_discounted[a][f] * wp;
            }
        }
        let m = &mut self.months[self.month];
        m[b::COST_PRIMARY] += routine / 365.25;
        m[b::COST_PLANNED] += planned / 365.25;
        m[b::COST_DISCOUNTED] += (routine_d + planned_d) / 365.25;
    }

    /// A cost of the whole site today. A zero cost is skipped: adding zero
    /// to a non-negative sum changes nothing.
    #[inline]
    fn daily_cost(&mut self, metric: usize, gbp: f64) {
        if gbp != 0.0 {
            self.cost(metric, gbp, None);
        }
    }

    // ----- events --------------------------------------------------------

    fn process(&mut self, i: usize) {
        let stamp = self.patients[i].stamp;
        self.patients[i].stamp = stamp.wrapping_add(1);
        let mut g = self.key.patient(Stream::Events, i as u32, stamp);
        match self.patients[i].loc() {
            Location::Home => self.home_event(i, stamp, &mut g),
            Location::Acute => self.medically_fit(i, stamp),
            Location::DelayedAssessment => self.assessed(i, stamp),
            Location::IntermediateCare => self.leave_intermediate_care(i, stamp),
            Location::DelayedWaiting | Location::Dead => {}
        }
    }

    fn home_event(&mut self, i: usize, stamp: u32, g: &mut SplitMix64) {
        if self.patients[i].has(REVIEW) {
            self.schedule_home(i, self.day, g);
            return;
        }
        let rates = self.home_rates(i);
        match HomeEvent::ALL[g.choose(&rates)] {
            HomeEvent::Crisis => {
                // Thinning: accept the candidate crisis at rate(t)/bound.
                let seg = self.segment(i);
                let accept = self.days.growth[self.day as usize] * self.seg_factor[self.month][seg]
                    / (self.growth_bound * self.seg_bound[seg]);
                if g.uniform() < accept {
                    self.crisis(i, stamp);
                    if self.patients[i].loc() != Location::Home {
                        return;
                    }
                }
            }
            HomeEvent::Death => {
                self.die(i);
                return;
            }
            HomeEvent::Frailer => {
                let was = self.in_cm_segment(i);
                let p = &mut self.patients[i];
                let (a, f) = (p.age as usize, p.frailty as usize);
                p.frailty = (p.frailty + 1).min(3);
                let (to, r) = (p.frailty as usize, p.risk as f64);
                let cum = &self.days.cum_discount_costs;
                self.mix.leave(a, f, r, self.day, cum);
                self.mix.enter(a, to, r, self.day, cum);
                self.update_cm(i, was);
            }
            HomeEvent::Older => {
                let p = &mut self.patients[i];
                let (a, f) = (p.age as usize, p.frailty as usize);
                p.age = (p.age + 1).min(5);
                let (to, r) = (p.age as usize, p.risk as f64);
                let cum = &self.days.cum_discount_costs;
                self.mix.leave(a, f, r, self.day, cum);
                self.mix.enter(to, f, r, self.day, cum);
            }
            HomeEvent::CareHomeEntry => self.enter_care_home_from_home(i, g),
            HomeEvent::PackageNeed => {
                if self.packages.free() {
                    self.packages.in_use += 1;
                    self.patients[i].flags |= PACKAGE;
                    self.add(b::PACKAGE_STARTS, 1.0);
                } else {
                    self.set_unmet(i, true);
                }
            }
            HomeEvent::PackageEnds => {
                self.patients[i].flags &= !PACKAGE;
                self.packages.in_use -= 1;
                self.release(Onward::Package);
            }
            HomeEvent::RiskRenewed => {
                let was = self.in_cm_segment(i);
                let (a, f) = (
                    self.patients[i].age as usize,
                    self.patients[i].frailty as usize,
                );
                let old = self.patients[i].risk as f64;
                let new = population::draw_risk(g, self.scn.population.personal_risk_sigma);
                self.patients[i].risk = new;
                let cum = &self.days.cum_discount_costs;
                self.mix.change_risk(a, f, new as f64 - old, self.day, cum);
                self.update_cm(i, was);
            }
            HomeEvent::UnmetResolves => {
                // Thinning: case management speeds resolution by its strength now.
                let accept = if self.segment(i) == SEG_CASE_MGMT {
                    self.resolve_factor() / self.resolve_bound
                } else {
                    1.0
                };
                if g.uniform() < accept {
                    self.set_unmet(i, false);
                }
            }
        }
        self.schedule_home(i, self.day, g);
    }

    fn resolve_factor(&self) -> f64 {
        1.0 + (self.co.case_management_unmet_resolution_multiplier - 1.0)
            * self.lv(Lever::CaseManagement)
    }

    fn update_cm(&mut self, i: usize, was: bool) {
        let now = self.in_cm_segment(i);
        if was && !now {
            self.cm_segment -= 1;
        } else if now && !was {
            self.cm_segment += 1;
        }
    }

    fn enter_care_home_from_home(&mut self, i: usize, g: &mut SplitMix64) {
        if self.care_homes.free() && self.care_homes.queue.is_empty() {
            let res = nursing_or_residential(self.patients[i].frailty, g);
            self.move_into_care_home(i, res);
        } else {
            self.set_unmet(i, true);
        }
    }

    fn move_into_care_home(&mut self, i: usize, res: Residence) {
        let was = self.in_cm_segment(i);
        self.care_homes.in_use += 1;
        let had_package = self.patients[i].has(PACKAGE);
        if had_package {
            self.patients[i].flags &= !PACKAGE;
            self.packages.in_use -= 1;
        }
        self.residents[0] -= 1;
        self.residents[res as usize] += 1;
        self.patients[i].residence = res as u8;
        self.add(b::CH_PLACEMENTS, 1.0);
        self.update_cm(i, was);
        if had_package {
            self.release(Onward::Package);
        }
    }

    fn die(&mut self, i: usize) {
        let was = self.in_cm_segment(i);
        self.set_unmet(i, false);
        let p = self.patients[i];
        self.residents[p.residence as usize] -= 1;
        if p.loc() == Location::Acute {
            self.add(b::DEATHS_HOSPITAL, 1.0);
        }
        self.set_location(i, Location::Dead);
        let cum = &self.days.cum_discount_costs;
        self.mix.leave(
            p.age as usize,
            p.frailty as usize,
            p.risk as f64,
            self.day,
            cum,
        );
        if was {
            self.cm_segment -= 1;
        }
        self.add(b::DEATHS, 1.0);
        if p.has(PACKAGE) {
            self.patients[i].flags &= !PACKAGE;
            self.packages.in_use -= 1;
            self.release(Onward::Package);
        }
        if p.residence != 0 {
            self.care_homes.in_use -= 1;
            self.release(Onward::CareHome);
        }
    }

    /// A crisis: route it, then act on the route.
    fn crisis(&mut self, i: usize, stamp: u32) {
        let mut g = self.key.patient(Stream::Routing, i as u32, stamp);
        self.add(b::CRISES, 1.0);
        let w = self.route_shares(i);
        let chosen = Route::ALL[g.choose(&w.0)];
        let route = self.take_slot(chosen, &mut g);
        match route {
            Route::GeneralPractice => {
                self.add(b::CRISES_GP, 1.0);
                self.cost(b::COST_PRIMARY, self.scn.costs.gp_consultation_gbp, Some(i));
                self.set_unmet(i, false);
            }
            Route::UrgentCommunityResponse => {
                self.add(b::CRISES_UCR, 1.0);
                self.cost(b::COST_COMMUNITY, self.scn.costs.ucr_contact_gbp, Some(i));
                self.set_unmet(i, false);
            }
            Route::AE => self.ae_attendance(i, stamp, &mut g),
            Route::DirectAdmission => {
                self.add(b::CRISES_DIRECT, 1.0);
                self.admit(i, stamp);
            }
            Route::Missed => {
                self.add(b::CRISES_MISSED, 1.0);
                self.set_unmet(i, true);
            }
        }
    }

    /// The shares of a patient's crisis by route: the scenario's routing,
    /// reshaped for care-home residents and by the levers at work now.
    fn route_shares(&self, i: usize) -> RouteShares {
        let r = &self.scn.routing;
        let co = self.co;
        let care_home = self.patients[i].residence != 0;
        let mut w = RouteShares([
            r.share_general_practice,
            r.share_urgent_community_response,
            r.share_ae,
            r.share_direct_admission,
            r.share_missed,
        ]);
        use Route::*;
        if care_home {
            let ae = (r.care_home_ae_share
                * (1.0 + (co.ehch_ae_share_rr - 1.0) * self.lv(Lever::EnhancedCareHomeSupport)))
            .min(1.0);
            let rest =
                w[GeneralPractice] + w[UrgentCommunityResponse] + w[DirectAdmission] + w[Missed];
            w = RouteShares([
                w[GeneralPractice] / rest * (1.0 - ae),
                w[UrgentCommunityResponse] / rest * (1.0 - ae),
                ae,
                w[DirectAdmission] / rest * (1.0 - ae),
                w[Missed] / rest * (1.0 - ae),
            ]);
        }
        // UCR lever: more crises to UCR, taken from A&E.
        let extra_ucr = (w[UrgentCommunityResponse]
            * co.ucr_routing_multiplier
            * self.lv(Lever::UrgentCommunityResponse))
        .min(w[AE]);
        w[UrgentCommunityResponse] += extra_ucr;
        w[AE] -= extra_ucr;
        // UEC triage diverts A&E-bound crises to general practice and UCR.
        let div = w[AE] * co.uec_ae_diversion * self.lv(Lever::UecTriage);
        w[AE] -= div;
        w[GeneralPractice] += div * 0.7;
        w[UrgentCommunityResponse] += div * 0.3;
        // Case management: enrolled patients are sent to A&E more (found need).
        if !care_home && self.in_cm_segment(i) {
            let extra = (w[AE] * (co.case_management_ae_rr - 1.0) * self.lv(Lever::CaseManagement))
                .clamp(-w[AE], w[GeneralPractice]);
            w[AE] += extra;
            w[GeneralPractice] -= extra;
        }
        // A coordinator owns the whole person: fewer crises missed.
        let owner = self.scn.fragmentation.missed_crisis_owner_reduction
            + if self.in_coordinator_segment(i) {
                co.coordinator_missed_reduction * self.lv(Lever::CareCoordinator)
            } else {
                0.0
            };
        let saved = w[Missed] * owner.min(1.0);
        w[Missed] -= saved;
        w[GeneralPractice] += saved;
        for x in w.0.iter_mut() {
            *x = x.max(0.0);
        }
        w
    }

    /// Take today's slot of a capacity-limited route; services that are
    /// full send crises on: some to A&E, some lost.
    fn take_slot(&mut self, route: Route, g: &mut SplitMix64) -> Route {
        let slots = match route {
            Route::GeneralPractice => &mut self.gp_slots,
            Route::UrgentCommunityResponse => &mut self.ucr_slots,
            Route::AE | Route::DirectAdmission | Route::Missed => return route,
        };
        if *slots > 0 {
            *slots -= 1;
            route
        } else if g.bernoulli(self.scn.routing.fallback_when_full_missed_share) {
            Route::Missed
        } else {
            Route::AE
        }
    }

    /// An A&E attendance; at a major A&E, it may end in admission.
    fn ae_attendance(&mut self, i: usize, stamp: u32, g: &mut SplitMix64) {
        let r = &self.scn.routing;
        let p = self.patients[i];
        let care_home = p.residence != 0;
        self.add(b::AE, 1.0);
        if care_home {
            self.add(b::CH_AE, 1.0);
            self.add(
                if p.residence == 1 {
                    b::CH_AE_RESIDENTIAL
                } else {
                    b::CH_AE_NURSING
                },
                1.0,
            );
        }
        self.cost(b::COST_AE, self.scn.costs.ae_attendance_gbp, Some(i));
        if g.bernoulli(if care_home {
            r.care_home_ae_major_share
        } else {
            r.ae_major_share
        }) {
            self.add(b::AE_MAJOR, 1.0);
            let ch = if care_home {
                r.care_home_conversion_multiplier
            } else {
                1.0
            };
            let conv = (r.ae_major_conversion_by_band[p.age as usize]
                * r.ae_major_conversion_frailty_hr[p.frailty as usize]
                * ch)
                .min(0.95);
            let conv = conv * (1.0 + (self.co.uec_conversion_rr - 1.0) * self.lv(Lever::UecTriage));
            if g.bernoulli(conv) {
                self.add(b::AE_MAJOR_ADMITTED, 1.0);
                self.admit(i, stamp);
            }
        }
    }

    /// An emergency admission.
    fn admit(&mut self, i: usize, stamp: u32) {
        let scn = self.scn;
        let h = &scn.hospital;
        let mut g = self.key.patient(Stream::Stay, i as u32, stamp);
        let p = self.patients[i];
        let f = p.frailty as usize;
        self.add(b::EA, 1.0);
        if p.residence != 0 {
            self.add(b::CH_EA, 1.0);
            self.add(
                if p.residence == 1 {
                    b::CH_EA_RESIDENTIAL
                } else {
                    b::CH_EA_NURSING
                },
                1.0,
            );
        }
        if p.age >= 3 {
            self.add(b::EA_65, 1.0);
        }
        if p.discharged != NO_DAY && self.day - (p.discharged as u32) <= 30 {
            self.add(b::READMISSIONS, 1.0);
        }
        self.set_unmet(i, false);
        if g.bernoulli(h.zero_day_share_by_frailty[f]) {
            self.add(b::EA_ZERO, 1.0);
            self.cost(b::COST_ACUTE, scn.costs.zero_day_admission_gbp, Some(i));
            self.live_discharge(i, &mut g, false);
            return;
        }
        self.add(b::EA_OVERNIGHT, 1.0);
        let trend =
            (1.0 + h.los_change_per_year).powf(self.tl.years_from(self.day, scn.demand_reference));
        let mut mean = trend
            * h.mean_los_fit_days_by_frailty[f]
            * (1.0
                + (self.co.acute_collaboration_los_rr - 1.0) * self.lv(Lever::AcuteCollaboration));
        if p.has(MULTIMORBID) {
            mean *= h.los_multimorbidity_multiplier;
        }
        // Lognormal length of stay with the given mean and CV, at least a night.
        let s2 = (1.0 + h.los_cv * h.los_cv).ln();
        let los = (mean.ln() - 0.5 * s2 + s2.sqrt() * g.normal())
            .exp()
            .round()
            .max(1.0);
        let c = &scn.costs;
        self.cost(
            b::COST_ACUTE,
            c.nonelective_spell_gbp
                + (los - c.excess_bed_day_trim_days).max(0.0) * c.excess_bed_day_gbp,
            Some(i),
        );
        if g.bernoulli(h.in_hospital_death_by_frailty[f]) {
            self.patients[i].flags |= DIES_IN_STAY;
        }
        self.patients[i].since = self.day as u16;
        self.set_location(i, Location::Acute);
        self.push(i, self.day + los as u32);
    }

    /// A discharge alive: to home (or back to the care home), or onward.
    /// Starts the post-discharge window; follow-up may be lost at the hand-off.
    fn live_discharge(&mut self, i: usize, g: &mut SplitMix64, overnight: bool) {
        self.add(b::LIVE_DISCHARGES, 1.0);
        if overnight {
            let los = self.day - self.patients[i].since as u32;
            self.add(b::OVERNIGHT_DISCHARGES, 1.0);
            self.add(b::OVERNIGHT_LOS, los as f64);
        }
        let loss = self.info_loss_prob();
        let missed_fu = g.bernoulli(
            loss * (1.0
                - if self.in_coordinator_segment(i) {
                    self.co.coordinator_missed_reduction * self.lv(Lever::CareCoordinator)
                } else {
                    0.0
                }),
        );
        let p = &mut self.patients[i];
        p.discharged = self.day as u16;
        if missed_fu {
            p.flags |= MISSED_FOLLOW_UP;
        } else {
            p.flags &= !MISSED_FOLLOW_UP;
        }
    }

    fn info_loss_prob(&self) -> f64 {
        self.scn.fragmentation.handoff_information_loss_prob
            * (1.0
                - self.co.shared_record_information_loss_reduction
                    * self.lv(Lever::SharedCareRecord))
    }

    /// End of the medical part of an overnight stay.
    fn medically_fit(&mut self, i: usize, stamp: u32) {
        let scn = self.scn;
        let mut g = self.key.patient(Stream::Discharge, i as u32, stamp);
        if self.patients[i].has(DIES_IN_STAY) {
            self.patients[i].flags &= !DIES_IN_STAY;
            self.die(i);
            return;
        }
        let p = self.patients[i];
        let f = p.frailty as usize;
        let d = &scn.discharge;
        let onward = if p.residence != 0 {
            Onward::Home
        } else {
            let pk = if p.has(PACKAGE) {
                0.0
            } else {
                d.share_home_care_package_by_frailty[f]
            };
            let w = [
                1.0 - pk
                    - d.share_intermediate_care_by_frailty[f]
                    - d.share_care_home_by_frailty[f],
                pk,
                d.share_intermediate_care_by_frailty[f],
                d.share_care_home_by_frailty[f],
            ];
            Onward::from_u8(g.choose(&w) as u8)
        };
        if onward == Onward::Home {
            self.go_home(i, &mut g, stamp);
            return;
        }
        self.patients[i].onward = onward;
        let mean = match onward {
            Onward::Package => d.assessment_days_home_care_package,
            Onward::IntermediateCare => d.assessment_days_intermediate_care,
            _ => d.assessment_days_care_home,
        } * (1.0 - self.co.d2a_assessment_reduction * self.lv(Lever::DischargeToAssess));
        let mut days = mean * g.exp1();
        if g.bernoulli(self.info_loss_prob()) {
            days += scn.fragmentation.repeat_assessment_days * g.exp1();
        }
        let days = days.round() as u32;
        if days == 0 {
            self.place(i, &mut g, stamp);
        } else {
            self.set_delayed(
                i,
                Location::DelayedAssessment,
                DelayCause::of_assessment(onward),
            );
            self.push(i, self.day + days);
        }
    }

    fn set_delayed(&mut self, i: usize, to: Location, cause: DelayCause) {
        self.clear_delay(i);
        self.patients[i].delay = Some(cause);
        self.delayed_by_cause[cause as usize] += 1;
        self.set_location(i, to);
    }

    fn clear_delay(&mut self, i: usize) {
        if let Some(c) = self.patients[i].delay.take() {
            self.delayed_by_cause[c as usize] -= 1;
        }
    }

    fn assessed(&mut self, i: usize, stamp: u32) {
        let mut g = self.key.patient(Stream::Discharge, i as u32, stamp);
        self.place(i, &mut g, stamp);
    }

    /// Take a place in the onward service, or wait in hospital for one.
    fn place(&mut self, i: usize, g: &mut SplitMix64, stamp: u32) {
        let onward = self.patients[i].onward;
        let svc = match onward {
            Onward::Package => &mut self.packages,
            Onward::IntermediateCare => &mut self.ic,
            _ => &mut self.care_homes,
        };
        if svc.free() && svc.queue.is_empty() {
            self.transfer(i, onward, g, stamp);
        } else {
            let st = self.patients[i].stamp;
            match onward {
                Onward::Package => self.packages.queue.push_back((i as u32, st)),
                Onward::IntermediateCare => self.ic.queue.push_back((i as u32, st)),
                _ => self.care_homes.queue.push_back((i as u32, st)),
            }
            self.set_delayed(i, Location::DelayedWaiting, DelayCause::of_waiting(onward));
        }
    }

    /// Leave hospital into the onward service (a place is free).
    fn transfer(&mut self, i: usize, onward: Onward, g: &mut SplitMix64, _stamp: u32) {
        self.clear_delay(i);
        self.set_location(i, Location::Home);
        self.live_discharge(i, g, true);
        match onward {
            Onward::Package => {
                self.packages.in_use += 1;
                self.patients[i].flags |= PACKAGE;
                self.add(b::PACKAGE_STARTS, 1.0);
                self.after_home(i, g);
            }
            Onward::IntermediateCare => {
                self.ic.in_use += 1;
                self.add(b::IC_ADMISSIONS, 1.0);
                self.set_location(i, Location::IntermediateCare);
                self.patients[i].since = self.day as u16;
                let stay = (self.scn.discharge.intermediate_care_mean_stay_days * g.exp1())
                    .round()
                    .max(1.0) as u32;
                self.push(i, self.day + stay);
            }
            Onward::CareHome | Onward::Home => {
                let res = nursing_or_residential(self.patients[i].frailty, g);
                self.move_into_care_home(i, res);
                self.after_home(i, g);
            }
        }
    }

    fn after_home(&mut self, i: usize, g: &mut SplitMix64) {
        self.patients[i].onward = Onward::Home;
        self.schedule_home(i, self.day, g);
    }

    fn go_home(&mut self, i: usize, g: &mut SplitMix64, _stamp: u32) {
        self.clear_delay(i);
        self.set_location(i, Location::Home);
        self.live_discharge(i, g, true);
        self.after_home(i, g);
    }

    fn leave_intermediate_care(&mut self, i: usize, stamp: u32) {
        let d = &self.scn.discharge;
        let mut g = self.key.patient(Stream::Discharge, i as u32, stamp);
        self.ic.in_use -= 1;
        self.set_location(i, Location::Home);
        let w = [
            1.0 - d.intermediate_care_to_home_care_package - d.intermediate_care_to_care_home,
            d.intermediate_care_to_home_care_package,
            d.intermediate_care_to_care_home,
        ];
        match g.choose(&w) {
            1 if !self.patients[i].has(PACKAGE) => {
                if self.packages.free() && self.packages.queue.is_empty() {
                    self.packages.in_use += 1;
                    self.patients[i].flags |= PACKAGE;
                    self.add(b::PACKAGE_STARTS, 1.0);
                } else {
                    self.set_unmet(i, true);
                }
            }
            2 => {
                if self.care_homes.free() && self.care_homes.queue.is_empty() {
                    let res = nursing_or_residential(self.patients[i].frailty, &mut g);
                    self.move_into_care_home(i, res);
                } else {
                    self.set_unmet(i, true);
                }
            }
            _ => {}
        }
        // Intermediate-care days are costed daily for the site; the patient's
        // own cost record gets the stay when it ends.
        let stay_cost = (self.day - self.patients[i].since as u32) as f64
            * self.scn.costs.intermediate_care_day_gbp;
        self.add_window_cost(i, stay_cost);
        self.after_home(i, &mut g);
        self.release(Onward::IntermediateCare);
    }

    /// A place in a service has freed: give it to the head of its queue.
    fn release(&mut self, which: Onward) {
        loop {
            let svc = match which {
                Onward::Package => &mut self.packages,
                Onward::IntermediateCare => &mut self.ic,
                _ => &mut self.care_homes,
            };
            if !svc.free() {
                return;
            }
            let Some((id, st)) = svc.queue.pop_front() else {
                return;
            };
            let i = id as usize;
            let p = self.patients[i];
            if p.stamp != st || p.loc() != Location::DelayedWaiting {
                continue;
            }
            self.events += 1;
            self.patients[i].stamp = st.wrapping_add(1);
            let mut g = self.key.patient(Stream::Discharge, id, st);
            self.transfer(i, which, &mut g, st);
        }
    }

    // ----- results -------------------------------------------------------

    fn top5_share(&self) -> f64 {
        if self.window.is_none() {
            return f64::NAN;
        }
        // Routine primary care for the year is added to every person's record.
        let c = &self.scn.costs;
        let mut costs: Vec<f32> = self
            .patients
            .iter()
            .filter(|p| p.has(IN_WINDOW))
            .map(|p| {
                let (a, f) = (p.age as usize, p.frailty as usize);
                let yearly = (c.routine_primary_care_per_person_year_gbp_by_band[a]
                    + p.risk as f64 * c.planned_secondary_care_per_person_year_gbp_by_band[a])
                    * c.routine_care_frailty_multiplier[f];
                p.window_cost + yearly as f32
            })
            .collect();
        if costs.len() < 20 {
            return f64::NAN;
        }
        let k = costs.len() / 20;
        let total: f64 = costs.iter().map(|&c| c as f64).sum();
        costs.select_nth_unstable_by(k, |a, b| b.total_cmp(a));
        let top: f64 = costs[..k].iter().map(|&c| c as f64).sum();
        if total > 0.0 {
            top / total
        } else {
            f64::NAN
        }
    }

    fn check_invariants(&mut self) {
        let mut count = [0u64; N_LOCATIONS];
        let mut pkg = 0u32;
        let mut res = 0u32;
        let mut unmet = 0u64;
        for p in &self.patients {
            count[p.location as usize] += 1;
            if p.location != Location::Dead as u8 {
                if p.has(PACKAGE) {
                    pkg += 1;
                }
                if p.residence != 0 {
                    res += 1;
                }
                if p.has(UNMET) {
                    unmet += 1;
                }
            }
        }
        let day = self.day;
        let mut v = |ok: bool, what: String| {
            if !ok && self.violations.len() < 20 {
                self.violations.push(format!("day {day}: {what}"));
            }
        };
        v(
            count == self.loc_count,
            format!("location counts {count:?} != kept {:?}", self.loc_count),
        );
        v(
            count.iter().sum::<u64>() == self.patients.len() as u64,
            "a patient is in no location".into(),
        );
        v(
            pkg == self.packages.in_use,
            format!("packages {pkg} != in use {}", self.packages.in_use),
        );
        v(
            res == self.care_homes.in_use,
            format!(
                "care-home residents {res} != beds in use {}",
                self.care_homes.in_use
            ),
        );
        v(
            unmet == self.unmet_alive,
            format!("unmet {unmet} != kept {}", self.unmet_alive),
        );
        v(
            self.packages.in_use <= self.packages.capacity,
            "packages over capacity".into(),
        );
        v(
            self.ic.in_use <= self.ic.capacity,
            "intermediate care over capacity".into(),
        );
        v(
            self.care_homes.in_use <= self.care_homes.capacity,
            "care homes over capacity".into(),
        );
        let delayed = self.loc_count[Location::DelayedAssessment as usize]
            + self.loc_count[Location::DelayedWaiting as usize];
        v(
            self.delayed_by_cause.iter().sum::<u64>() == delayed,
            "delay causes do not add up".into(),
        );
    }
}

/// Nursing or residential home for a new placement: frailer people more often need nursing care.
fn nursing_or_residential(frailty: u8, g: &mut SplitMix64) -> Residence {
    const NURSING: [f64; 4] = [0.2, 0.35, 0.55, 0.75];
    if g.bernoulli(NURSING[frailty as usize]) {
        Residence::Nursing
    } else {
        Residence::Residential
    }
}

/// `dt.round().max(1.0)` for a non-negative `dt` (or infinity), without a
/// call to the C library's `round` (x86-64 has no rounding instruction in
/// its baseline): below 2^52, `floor(dt + 0.5)` is `round(dt)` for every
/// `dt >= 0.5` (a sum that crosses a power of two lands on it), and both
/// give 1 after `max` below that; the cast truncates, which is `floor` for
/// non-negative numbers.
#[inline(always)]
fn whole_days_at_least_one(dt: f64) -> f64 {
    if dt < 4.0e15 {
        ((dt + 0.5) as u64).max(1) as f64
    } else {
        dt.round().max(1.0)
    }
}

/// Poisson draw (inversion for small means, normal approximation above 500).
pub fn poisson(g: &mut SplitMix64, mean: f64) -> u64 {
    if mean <= 0.0 {
        return 0;
    }
    if mean > 500.0 {
        return (mean + mean.sqrt() * g.normal()).round().max(0.0) as u64;
    }
    let mut p = g.uniform();
    // exp(-mean) >= 1 - mean, so a first draw at or below 1 - mean (less a
    // few units of rounding, which cover the error of `exp`) already ends
    // the loop below with no events: return without the exponential. Same
    // result; the usual case for a small site's daily births.
    if p <= (1.0 - mean) * (1.0 - 4.0 * f64::EPSILON) {
        return 0;
    }
    let l = (-mean).exp();
    let mut k = 0u64;
    while p > l {
        k += 1;
        p *= g.uniform();
    }
    k
}

/// Discount factor on `day` at `rate` a year, from the start of reporting.
fn discount_factor(day: u32, report_start_day: u32, rate: f64) -> f64 {
    let years = (day as f64 - report_start_day as f64).max(0.0) / 365.25;
    (1.0 + rate).powf(-years)
}

/// How many calendar entries ahead the run loop prefetches patient records.
const PREFETCH_AHEAD: usize = 8;

/// Ask the CPU to start loading a patient record before it is needed. A
/// day's calendar entries point at patients scattered over the whole
/// population, so without this nearly every event waits on main memory.
/// A prefetch is only a hint: it changes no state and no result.
#[inline(always)]
fn prefetch(p: &Patient) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        let first = (p as *const Patient).cast::<i8>();
        // A 24-byte record can straddle two cache lines: fetch both ends.
        let last = first.wrapping_add(std::mem::size_of::<Patient>() - 1);
        // SAFETY: prefetch instructions never fault, whatever the address,
        // and here the address is that of a live reference.
        unsafe {
            _mm_prefetch::<_MM_HINT_T0>(first);
            _mm_prefetch::<_MM_HINT_T0>(last);
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// Simulate one site of one replicate.
pub fn simulate_site(input: SiteInput) -> SiteResult {
    SiteSim::new(input).run()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The textbook inversion `poisson` shortcuts: the shortcut must never
    /// change a draw.
    fn plain_poisson(g: &mut SplitMix64, mean: f64) -> u64 {
        let l = (-mean).exp();
        let mut k = 0u64;
        let mut p = g.uniform();
        while p > l {
            k += 1;
            p *= g.uniform();
        }
        k
    }

    #[test]
    fn whole_days_is_round_then_at_least_one() {
        let mut g = SplitMix64::new(5);
        let mut cases = vec![
            0.0,
            1e-300,
            0.49999999999999994,
            0.5,
            1.5,
            2.5,
            1.4999999999999998,
            3.4999999999999996,
            4503599627370495.5,
            3.9e15,
            4.1e15,
            1e300,
            f64::INFINITY,
        ];
        for k in 0..60 {
            let p = 2f64.powi(k);
            cases.extend([p, p - 0.5, p + 0.5, p.next_down(), (p - 0.5).next_down()]);
        }
        for _ in 0..1_000_000 {
            cases.push(g.exp1() / g.uniform().powi(3) * 10.0);
        }
        for dt in cases {
            let want = dt.round().max(1.0);
            assert_eq!(
                whole_days_at_least_one(dt).to_bits(),
                want.to_bits(),
                "{dt}"
            );
        }
    }

    #[test]
    fn poisson_shortcut_changes_no_draw() {
        let means = [1e-12, 1e-8, 1e-4, 0.01, 0.04, 0.3, 1.0, 2.5, 40.0, 499.0];
        for (k, &mean) in means.iter().enumerate() {
            for seed in 0..20_000u64 {
                let s = seed * 31 + k as u64;
                let (mut a, mut b) = (SplitMix64::new(s), SplitMix64::new(s));
                assert_eq!(
                    poisson(&mut a, mean),
                    plain_poisson(&mut b, mean),
                    "{mean} {s}"
                );
                // The generators moved on alike, too.
                assert_eq!(a.next_bits(), b.next_bits());
            }
        }
    }
}
