use super::*;
use crate::scenario::dates::Date;

/// Per-day tables that depend only on the scenario and its timeline, so
/// every site and replicate of a run can share one copy instead of
/// recomputing a few thousand powers and exponentials each.
#[derive(Clone, Debug)]
pub struct DayTables {
    /// Growth multiplier of crisis hazards per day (one more than the days).
    pub(super) growth: Vec<f64>,
    /// Largest value of `growth`.
    pub(super) growth_bound: f64,
    /// Multiplier of care-home entry rates per day (one more than the days):
    /// `(1 + population.care_home_entry_change_per_year)^years` from the
    /// demand reference date.
    pub(super) ch_entry: Vec<f64>,
    /// Largest value of `ch_entry`.
    pub(super) ch_entry_bound: f64,
    /// Discount factors of every day: column [`COSTS`] at the costs rate,
    /// column [`HEALTH`] at the health rate.
    pub(super) discount: Vec<[f64; 2]>,
    /// Cumulative discount factors of costs: entry `d` sums days before `d`.
    pub(super) cum_discount_costs: Vec<f64>,
    /// First reported day (after warm-up).
    pub(super) report_start_day: u32,
    /// Demographic rates of each demographic year the run touches.
    pub(super) demo: Vec<DemoRates>,
    /// Index into `demo` of each day.
    pub(super) demo_of_day: Vec<u16>,
    /// Largest rate of ageing out of each band (per day) over the run.
    pub(super) ageing_bound: [f64; 6],
    /// Largest death-rate multiplier of each band over the run.
    pub(super) mortality_bound: [f64; 6],
}

/// Demographic rates in force during one demographic year (1 July to 30
/// June), per person per day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct DemoRates {
    /// Ageing out of each band.
    pub(super) ageing: [f64; 6],
    /// Death-rate multiplier of each band, relative to the demographic year
    /// of the demand reference date.
    pub(super) mortality: [f64; 6],
    /// Births, per person of the whole population.
    pub(super) births: f64,
    /// Migrants arriving in each band, per person of the whole population.
    pub(super) migrants: [f64; 6],
}

impl DemoRates {
    /// The constant rates of `population.follow_ons_demography = 0`.
    fn constant(scn: &Scenario) -> DemoRates {
        let p = &scn.population;
        let mut migrants = [0.0; 6];
        migrants[1] = per_day(p.net_migration_per_1000py.max(0.0));
        DemoRates {
            ageing: std::array::from_fn(|a| 1.0 / (AGE_BAND_WIDTH_YEARS[a] * 365.25)),
            mortality: [1.0; 6],
            births: per_day(p.births_per_1000py),
            migrants,
        }
    }

    /// England's rates in demographic year `year`; death rates relative to
    /// those of `reference`.
    fn england(year: i32, reference: i32) -> DemoRates {
        use crate::model::demography;
        let r = demography::row(year);
        let base = demography::row(reference).death_rate();
        let now = r.death_rate();
        DemoRates {
            ageing: r.ageing_rate().map(|x| x / 365.25),
            mortality: std::array::from_fn(|a| if base[a] > 0.0 { now[a] / base[a] } else { 1.0 }),
            births: r.birth_rate() / 365.25,
            migrants: r.migrant_rate().map(|x| x / 365.25),
        }
    }
}

/// Column of [`DayTables::discount`] at the costs rate.
pub(super) const COSTS: usize = 0;
/// Column of [`DayTables::discount`] at the health rate.
pub(super) const HEALTH: usize = 1;

impl DayTables {
    /// The tables of `scn` over timeline `tl`.
    pub fn new(scn: &Scenario, tl: &Timeline) -> DayTables {
        let ln_g = (1.0 + scn.demand.demand_growth_per_year).ln();
        let growth: Vec<f64> = (0..=tl.n_days)
            .map(|d| (ln_g * tl.years_from(d, scn.demand_reference)).exp())
            .collect();
        let growth_bound = growth.iter().cloned().fold(0.0, f64::max);
        let ln_ch = (1.0 + scn.population.care_home_entry_change_per_year).ln();
        let ch_entry: Vec<f64> = (0..=tl.n_days)
            .map(|d| (ln_ch * tl.years_from(d, scn.demand_reference)).exp())
            .collect();
        let ch_entry_bound = ch_entry.iter().cloned().fold(0.0, f64::max);
        let report_start_day: u32 = tl
            .days_in_period
            .iter()
            .take(tl.warm_up_months as usize)
            .sum();
        let c = &scn.costs;
        // One convention with economics: a day has its month's factor
        // (`stats::discount_factor`, mid-month from the first reported month).
        let discount: Vec<[f64; 2]> = (0..tl.n_days)
            .map(|day| {
                let m = tl.month_of_day[day as usize] as i64 - tl.warm_up_months as i64;
                [
                    crate::stats::discount_factor(c.discount_rate_costs, m),
                    crate::stats::discount_factor(c.discount_rate_health, m),
                ]
            })
            .collect();
        let cum_discount_costs = cumulative(discount.iter().map(|d| d[COSTS]));
        let (demo, demo_of_day) = if scn.population.follow_ons_demography >= 0.5 {
            use crate::model::demography::year_of;
            let first = year_of(tl.start);
            let reference = year_of(scn.demand_reference);
            // Demographic years change on 1 July, a month's first day.
            let of_day: Vec<u16> = (0..=tl.n_days)
                .map(|d| {
                    let m = tl.month_of_day[(d as usize).min(tl.month_of_day.len() - 1)];
                    let p = tl.periods[m as usize];
                    let date = Date {
                        year: p.year,
                        month: p.month,
                        day: 1,
                    };
                    (year_of(date) - first) as u16
                })
                .collect();
            let n = of_day.iter().copied().max().unwrap_or(0) as i32 + 1;
            let demo = (0..n)
                .map(|k| DemoRates::england(first + k, reference))
                .collect();
            (demo, of_day)
        } else {
            (
                vec![DemoRates::constant(scn)],
                vec![0; tl.n_days as usize + 1],
            )
        };
        let mut ageing_bound = [0.0f64; 6];
        let mut mortality_bound = [0.0f64; 6];
        for r in &demo {
            for a in 0..6 {
                ageing_bound[a] = ageing_bound[a].max(r.ageing[a]);
                mortality_bound[a] = mortality_bound[a].max(r.mortality[a]);
            }
        }
        DayTables {
            growth,
            growth_bound,
            ch_entry,
            ch_entry_bound,
            discount,
            cum_discount_costs,
            report_start_day,
            demo,
            demo_of_day,
            ageing_bound,
            mortality_bound,
        }
    }
}

impl<'a> SiteSim<'a> {
    /// Set up a site: population, services, rates. `input.levers` must
    /// cover every month of the timeline. The steps: 1. the site's context
    /// (streams, rates, day tables); 2. the levers over time and the bounds
    /// thinning needs; 3. the population, the services sized for it and the
    /// ledger; 4. initial occupancy, head counts and everyone's first event.
    pub fn new(input: SiteInput<'a>) -> SiteSim<'a> {
        let ctx = Context::new(&input);
        let thinning = Thinning::new(
            ctx.phases,
            &ctx.phase_of_month,
            &input.levers,
            ctx.days.growth_bound,
        );
        let mut ctx = ctx;
        ctx.next_review_day = thinning.review_days(&ctx);
        let levers = LeverPlan::new(input.levers, input.fidelity);
        let patients = population::initial_population(ctx.scn, input.site, ctx.key);
        let services = Services::new(ctx.scn, &ctx.scn.sites[input.site], &patients);
        let mut ledger = Ledger::new(ctx.tl, ctx.days.report_start_day, input.programme_cost);
        ledger.set_case_management_costs(
            ctx.tl,
            &levers.strength,
            ctx.scn.costs.case_management_per_patient_year_gbp,
        );
        let n_initial = patients.len();
        let phase = ctx.phase_of_month.first().copied().unwrap_or(0);
        let mut sim = SiteSim {
            calendar: DayQueue::new(ctx.tl.n_days as usize + 1),
            phase,
            now: PhaseNow::new(ctx.phases, &thinning, phase),
            lv_now: levers.strength.first().copied().unwrap_or_default(),
            arrival_keys: Vec::new(),
            n_initial,
            #[cfg(test)]
            arrived: Vec::new(),
            ctx,
            levers,
            thinning,
            patients,
            services,
            counts: Counts::default(),
            ledger,
            day: 0,
            month: 0,
            los_trend: (u32::MAX, 0.0),
            events: 0,
            check: input.check_invariants,
            violations: Vec::new(),
        };
        sim.initialise();
        sim
    }

    /// Step 4: initial packages, care-home occupancy, counters and first events.
    pub(super) fn initialise(&mut self) {
        let target = (self.services.packages.capacity as f64
            * self.ctx.scn.services.initial_occupancy_home_care) as u32;
        // Packages go to the frailest community patients first, by a fixed
        // draw, until the initial occupancy is reached.
        let weights = self.ctx.scn.services.initial_home_care_weight_by_frailty;
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
            let mut g = self.draws(Stream::Population, i, 1);
            let p = &mut self.patients[i];
            let cum = &self.ctx.days.cum_discount_costs;
            self.ledger
                .mix
                .enter(p.age as usize, p.frailty as usize, p.risk as f64, 0, cum);
            if p.residence == 0
                && self.services.packages.in_use < target
                && g.bernoulli(weights[p.frailty as usize] * scale)
            {
                p.flags |= PACKAGE;
                self.services.packages.in_use += 1;
            }
            if p.residence != 0 {
                self.services.care_homes.in_use += 1;
                self.counts.residents[p.residence as usize] += 1;
                if p.age as usize >= OLDER_FIRST_BAND {
                    self.counts.ch_65 += 1;
                }
            } else {
                self.counts.residents[0] += 1;
            }
            self.counts.loc_count[Location::Home as usize] += 1;
            if self.in_cm_segment(i) {
                self.counts.cm_segment += 1;
            }
        }
        for i in 0..self.patients.len() {
            let mut g = self.draws(Stream::Events, i, u32::MAX);
            self.schedule_home(i, 0, &mut g);
        }
    }
}

impl<'a> Context<'a> {
    /// Step 1: the site's random streams, hazards and day tables.
    fn new(input: &SiteInput<'a>) -> Context<'a> {
        let scn = input.scenario;
        let tl = input.timeline;
        let spec = &scn.sites[input.site];
        let key = SiteStreams::new(SiteKey::new(
            scn.run.seed,
            scn.run.crn_key,
            input.replicate,
            &spec.name,
        ));
        let days = match input.days {
            Some(d) => Cow::Borrowed(d),
            None => Cow::Owned(DayTables::new(scn, tl)),
        };
        let phases = &spec.phases;
        // A phase is in force from the first month that starts on or after
        // its date (as the rollout counts an adoption), if the rollout is on.
        let phase_of_month: Vec<usize> = (0..tl.n_months())
            .map(|m| {
                let p = tl.periods[m];
                let first = Date {
                    year: p.year,
                    month: p.month,
                    day: 1,
                };
                if !scn.rollout.enabled {
                    return 0;
                }
                phases
                    .iter()
                    .rposition(|ph| ph.from.is_none_or(|d| d <= first))
                    .unwrap_or(0)
            })
            .collect();
        Context {
            scn,
            phases,
            phase_of_month,
            next_review_day: Vec::new(),
            tl,
            key,
            rates: Rates::new(
                scn,
                spec.need_index * place_effect(scn, spec, input.replicate),
                &days,
            ),
            days,
        }
    }
}

/// The site's place-level random effect in this replicate (1 for a site
/// without a place).
fn place_effect(scn: &Scenario, spec: &crate::scenario::Site, replicate: u32) -> f64 {
    spec.place.as_ref().map_or(1.0, |pl| {
        crate::model::place::random_effect(
            &pl.codes,
            scn.places.random_effect_sd,
            scn.run.seed,
            scn.run.crn_key,
            replicate,
        )
    })
}

impl Thinning {
    /// For each month, the first day of the next change of phase that can
    /// change someone's rates at home (or the end of the run). A change
    /// that leaves every bound as it was, and so every rate, needs no review
    /// (a care model adopted on paper whose levers never start changes no
    /// draw).
    fn review_days(&self, ctx: &Context) -> Vec<u32> {
        let tl = ctx.tl;
        let changes_rates = |a: usize, b: usize| {
            let (pa, pb) = (&ctx.phases[a], &ctx.phases[b]);
            let targeting_matters = |p: usize| {
                self.seg_bound[p][SEG_CASE_MGMT] != self.seg_bound[p][SEG_COMMUNITY]
                    || self.resolve_bound[p] != 1.0
            };
            self.seg_bound[a] != self.seg_bound[b]
                || self.resolve_bound[a] != self.resolve_bound[b]
                || ((pa.segment != pb.segment
                    || pa.coordination.case_management_risk_threshold
                        != pb.coordination.case_management_risk_threshold)
                    && (targeting_matters(a) || targeting_matters(b)))
        };
        let ph = &ctx.phase_of_month;
        let mut next = vec![tl.n_days; tl.n_months()];
        let mut start = tl.n_days;
        for m in (0..tl.n_months()).rev() {
            next[m] = start;
            if m > 0 && ph[m] != ph[m - 1] && changes_rates(ph[m - 1], ph[m]) {
                start = tl.days_in_period[..m].iter().sum();
            }
        }
        next
    }
}

impl LeverPlan {
    /// Step 2: the levers by month, and in which months any has fidelity.
    fn new(strength: LeverPath, fidelity: LeverPath) -> LeverPlan {
        let any_fidelity = fidelity
            .iter()
            .map(|f| f.iter().any(|&x| x != 0.0))
            .collect();
        LeverPlan {
            strength,
            fidelity,
            any_fidelity,
        }
    }
}
