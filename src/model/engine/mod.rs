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
//!
//! **Where things are.** This module holds the inputs and outputs and the
//! run loop (the day's order above is written once, in [`SiteSim::run`]).
//! The pathway submodels each add methods to [`SiteSim`]: `setup` (building
//! a site in named steps), `home` (hazards at home, competing risks, home
//! events, arrivals, death), `crisis` (routing a crisis), `hospital`
//! (admission, length of stay, in-hospital death, live discharge), `discharge`
//! (onward care, assessments, delays and their causes), `services` (places
//! with FIFO queues, same-day slots) and `ledger` (monthly accumulators,
//! costs, discounting); `checks` verifies the bookkeeping in tests.

use crate::model::caremix::{cumulative, CareMix};
use crate::model::event_calendar::DayQueue;
use crate::model::metrics::{b, fidelity_days, Month, N_BASE};
use crate::model::patient::*;
use crate::model::population;
use crate::model::rng::{SiteKey, SiteStreams, SplitMix64, Stream};
use crate::scenario::dates::Timeline;
use crate::scenario::lever::{Lever, Levers};
use crate::scenario::params::CoordinationParams;
use crate::scenario::params::{AGE_BAND_WIDTH_YEARS, FRAILTY_FIRST_BAND, OLDER_FIRST_BAND};
use crate::scenario::{Phase, Scenario, Segment};
use std::borrow::Cow;
use std::collections::VecDeque;

mod checks;
mod crisis;
mod discharge;
mod home;
mod hospital;
#[cfg(test)]
mod integrity_tests;
mod ledger;
mod services;
mod setup;

use home::*;
use hospital::KindOf;
use ledger::*;
use services::*;
pub use setup::DayTables;
use setup::DemoRates;

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

/// The simulation state of one site: its fixed context, the levers and
/// thinning bounds over time, the patients and their calendar, the services,
/// the head counts kept in step with every change, and the ledger of outputs.
pub struct SiteSim<'a> {
    ctx: Context<'a>,
    levers: LeverPlan,
    thinning: Thinning,
    patients: Vec<Patient>,
    calendar: DayQueue,
    services: Services,
    counts: Counts,
    ledger: Ledger,
    /// Today, and its month (index into the timeline's months).
    day: u32,
    month: usize,
    /// The site's effect phase in force today (index into `ctx.phases`).
    phase: usize,
    /// What that phase sets, read by every event (kept in step with `phase`).
    now: PhaseNow<'a>,
    /// The effective lever strengths of today's month (`levers.strength[month]`).
    lv_now: Levers<f64>,
    /// Random-stream keys of the people who arrived during the run, in
    /// record order (records `n_initial..`); see [`SiteSim::pid`].
    arrival_keys: Vec<u32>,
    /// Size of the initial population (its records key their streams by index).
    n_initial: usize,
    /// Every arrival's record as it arrived (tests of pairing).
    #[cfg(test)]
    arrived: Vec<Patient>,
    /// The trend factor of the mean length of stay
    /// (`(1 + los_change_per_year)^years`) and the day it was computed for
    /// (`u32::MAX`: not yet): computed at the first admission of a day.
    los_trend: (u32, f64),
    /// Events processed.
    events: u64,
    /// Check invariants at the end of every day, and what they found.
    check: bool,
    violations: Vec<String>,
}

/// What stays fixed for the whole run of a site.
struct Context<'a> {
    scn: &'a Scenario,
    /// The site's effect phases (effect sizes and targeting from a date on).
    phases: &'a [Phase],
    /// The phase in force in each month (always 0 with the rollout disabled).
    phase_of_month: Vec<usize>,
    /// For each month, the first day of the next change of phase that can
    /// change rates at home (or the end of the run): pending events at home
    /// are reviewed then.
    next_review_day: Vec<u32>,
    tl: &'a Timeline,
    key: SiteStreams,
    /// Hazards per day at home.
    rates: Rates,
    /// Per-day growth and discount tables (shared or this site's own).
    days: Cow<'a, DayTables>,
}

/// The effect phase in force today: its effect sizes and targeting, and
/// the thinning bounds over its months (copies of `thinning.seg_bound` and
/// `thinning.resolve_bound` at the phase).
struct PhaseNow<'a> {
    co: &'a CoordinationParams,
    segment: Segment,
    seg_bound: [f64; 4],
    resolve_bound: f64,
}

impl<'a> PhaseNow<'a> {
    fn new(phases: &'a [Phase], thinning: &Thinning, phase: usize) -> PhaseNow<'a> {
        PhaseNow {
            co: &phases[phase].coordination,
            segment: phases[phase].segment,
            seg_bound: thinning.seg_bound[phase],
            resolve_bound: thinning.resolve_bound[phase],
        }
    }
}

/// The levers at work, month by month.
struct LeverPlan {
    /// Effective strengths (what the flow uses).
    strength: LeverPath,
    /// Fidelity (reported).
    fidelity: LeverPath,
    /// Whether any lever has fidelity above zero, by month.
    any_fidelity: Vec<bool>,
}

/// Head counts kept in step with every change of a patient.
#[derive(Clone, Debug, Default)]
struct Counts {
    /// By location (the dead included).
    loc_count: [u64; N_LOCATIONS],
    /// Delayed patients by cause.
    delayed_by_cause: [u64; DelayCause::COUNT],
    /// Alive people with open unmet need.
    unmet_alive: u64,
    /// Alive people by residence.
    residents: [u64; 3],
    /// Alive people in the case-management segment.
    cm_segment: u64,
    /// Alive care-home residents aged 65 and over.
    ch_65: u64,
}

impl<'a> SiteSim<'a> {
    /// Run to the end of the timeline.
    pub fn run(mut self) -> SiteResult {
        self.run_days();
        self.finish()
    }

    /// Simulate every day of the timeline.
    fn run_days(&mut self) {
        let n_days = self.ctx.tl.n_days;
        for day in 0..n_days {
            self.begin_day(day);
            // 0. A care model's effects begin with its adoption.
            if self.ctx.phase_of_month[self.month] != self.phase {
                self.enter_phase(self.ctx.phase_of_month[self.month]);
            }
            // 1. Service capacity (monthly) and today's crisis slots.
            self.open_services_for_day();
            // 2. New people arrive.
            self.arrivals();
            self.open_cost_window();
            // 3. Due events, in calendar order.
            self.process_due_events(day);
            // 4. Occupancy and daily costs are added to the month.
            self.close_day();
            if self.check {
                self.check_invariants();
            }
        }
    }

    /// Today is `day`: its month, and the month's lever strengths.
    fn begin_day(&mut self, day: u32) {
        self.day = day;
        self.month = self.ctx.tl.month_of_day[day as usize] as usize;
        self.lv_now = self.levers.strength[self.month];
    }

    /// The results, once every day is simulated.
    fn finish(self) -> SiteResult {
        let top5 = self.top5_share();
        SiteResult {
            months: self.ledger.months,
            top5_cost_share: top5,
            events: self.events,
            people: self.patients.len(),
            violations: self.violations,
        }
    }

    /// Process today's calendar entries in order (entries added for today
    /// while processing are processed too).
    fn process_due_events(&mut self, day: u32) {
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
    }

    fn process(&mut self, i: usize) {
        let stamp = self.patients[i].stamp;
        self.patients[i].stamp = stamp.wrapping_add(1);
        let mut g = self.draws(Stream::Events, i, stamp);
        match self.patients[i].loc() {
            Location::Home => self.home_event(i, stamp, &mut g),
            Location::Acute => self.medically_fit(i, stamp),
            Location::DelayedAssessment => self.assessed(i, stamp),
            Location::IntermediateCare => self.leave_intermediate_care(i, stamp),
            Location::DelayedWaiting | Location::Dead => {}
        }
    }

    /// The coordination effect sizes in force today.
    #[inline(always)]
    fn co(&self) -> &'a CoordinationParams {
        self.now.co
    }

    /// The segment case management and care coordination target today.
    #[inline(always)]
    fn seg_rule(&self) -> Segment {
        self.now.segment
    }

    /// A new phase begins today: recount the case-management segment under
    /// its targeting (patients at home are reviewed today by their own
    /// calendar entries, see [`SiteSim::schedule_home`]).
    /// A patient in the cost window who joins or leaves the segment by the
    /// change of targeting is charged or refunded case management from today.
    fn enter_phase(&mut self, phase: usize) {
        let window_open =
            self.ledger.window.is_some_and(|(_, e)| self.day < e) && !self.ledger.cm_cum.is_empty();
        let before: Vec<bool> = if window_open {
            (0..self.patients.len())
                .map(|i| self.in_cm_segment(i))
                .collect()
        } else {
            Vec::new()
        };
        self.phase = phase;
        self.now = PhaseNow::new(self.ctx.phases, &self.thinning, phase);
        self.counts.cm_segment = (0..self.patients.len())
            .filter(|&i| self.in_cm_segment(i))
            .count() as u64;
        for (i, &was) in before.iter().enumerate() {
            let now = self.in_cm_segment(i);
            if was != now {
                self.charge_case_management(i, if now { 1.0 } else { -1.0 });
            }
        }
    }

    /// The key of patient record `i`'s random streams: the record's index
    /// for the initial population; for a person who arrived during the run,
    /// a key made of the day, the kind of arrival and its slot that day
    /// (see [`arrival_key`]), so two scenarios give the same draws to the
    /// same arrival whatever happened to others before.
    #[inline(always)]
    fn pid(&self, i: usize) -> u32 {
        if i < self.n_initial {
            i as u32
        } else {
            self.arrival_keys[i - self.n_initial]
        }
    }

    /// The generator of patient `i`'s `event`-th draw on `stream`.
    #[inline(always)]
    fn draws(&self, stream: Stream, i: usize, event: u32) -> SplitMix64 {
        self.ctx.key.patient(stream, self.pid(i), event)
    }

    #[inline(always)]
    fn lv(&self, l: Lever) -> f64 {
        self.lv_now[l]
    }

    fn alive(&self) -> u64 {
        self.patients.len() as u64 - self.counts.loc_count[Location::Dead as usize]
    }

    fn set_location(&mut self, i: usize, to: Location) {
        let p = &mut self.patients[i];
        let from = p.location as usize;
        self.counts.loc_count[from] -= 1;
        self.counts.loc_count[to as usize] += 1;
        p.location = to as u8;
    }

    fn set_unmet(&mut self, i: usize, on: bool) {
        let p = &mut self.patients[i];
        if on && !p.has(UNMET) {
            p.flags |= UNMET;
            self.counts.unmet_alive += 1;
        } else if !on && p.has(UNMET) {
            p.flags &= !UNMET;
            self.counts.unmet_alive -= 1;
        }
    }

    fn push(&mut self, i: usize, day: u32) {
        if day < self.ctx.tl.n_days {
            let stamp = self.patients[i].stamp;
            self.calendar.push(day, i as u32, stamp);
        }
    }
}

/// Most arrivals of one kind on one day that get a key of their own (see
/// [`arrival_key`]); more (a site of several hundred million people) share
/// the last slot's key.
pub const MAX_ARRIVAL_SLOTS: u32 = 1 << 15;

/// The random-stream key of the `slot`-th arrival of `kind` (0 births, 1
/// migration) on `day`: top bit set (initial records are numbered below
/// 2^31), then 15 bits of day, 1 of kind and 15 of slot.
#[inline]
pub fn arrival_key(day: u32, kind: u32, slot: u32) -> u32 {
    debug_assert!(day < 1 << 15 && kind < 2);
    (1 << 31) | ((day & 0x7FFF) << 16) | (kind << 15) | slot.min(MAX_ARRIVAL_SLOTS - 1)
}

/// `dt.round().max(1.0)` for a non-negative `dt` (or infinity), without a
/// call to the C library's `round` (x86-64 has no rounding instruction in
/// its baseline): below 2^52, `floor(dt + 0.5)` is `round(dt)` for every
/// `dt >= 0.5` (a sum that crosses a power of two lands on it), and both
/// give 1 after `max` below that; the cast truncates, which is `floor` for
/// non-negative numbers. The conversions are signed (single instructions
/// on x86-64, unlike unsigned 64-bit ones): below 2^52 they give the same
/// values, and a negative sum gives 1 after `max` either way.
#[inline(always)]
fn whole_days_at_least_one(dt: f64) -> f64 {
    if dt < 4.0e15 {
        ((dt + 0.5) as i64).max(1) as f64
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

    /// Two runs of one site that differ in mortality: deaths (and so the
    /// number of people, and arrivals) soon differ, yet a person who
    /// arrives in both runs (same day, kind and slot) is drawn the same.
    #[test]
    fn arrivals_share_draws_across_scenarios() {
        let text = "[scenario]\nname = \"p\"\nquestion = \"?\"\n[run]\nwarm_up_months = 0\nhorizon_months = 36\n[[sites]]\nname = \"a\"\npopulation = 20000\n";
        let sim = |sets: &[String]| {
            let scn = Scenario::from_str(text, "t.toml", sets).unwrap();
            let tl = crate::experiment::executor::timeline(&scn);
            let path = crate::model::rollout::plan(&scn, &tl, 0).remove(0);
            let mut s = SiteSim::new(SiteInput {
                scenario: &scn,
                site: 0,
                replicate: 0,
                timeline: &tl,
                levers: path.strength,
                fidelity: path.fidelity,
                programme_cost: path.programme_cost,
                check_invariants: false,
                days: None,
            });
            s.run_days();
            let n0 = s.n_initial;
            let arrivals: std::collections::BTreeMap<u32, (usize, Patient)> = s
                .arrival_keys
                .iter()
                .enumerate()
                .map(|(k, &key)| (key, (n0 + k, s.arrived[k])))
                .collect();
            arrivals
        };
        let a = sim(&[]);
        let b = sim(&[
            "population.mortality_fit_per_1000py_by_band=[0.4, 2.0, 6.0, 14.0, 36.0, 96.0]".into(),
        ]);
        let (mut shared, mut moved) = (0, 0);
        for (key, (ia, pa)) in &a {
            let Some((ib, pb)) = b.get(key) else { continue };
            shared += 1;
            moved += usize::from(ia != ib);
            // Drawn on arrival from the person's own stream: the same person.
            assert_eq!(pa.risk.to_bits(), pb.risk.to_bits(), "arrival {key:#x}");
            assert_eq!(pa.age, pb.age);
            assert_eq!(pa.flags, pb.flags);
            assert_eq!(pa.frailty, pb.frailty);
        }
        // Most arrivals are in both runs, and most sit at a different record
        // index (so keying by index would have given them other draws).
        assert!(shared > 500, "{shared} shared arrivals");
        assert!(moved * 2 > shared, "{moved} of {shared} moved");
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
