use super::*;

/// Head counts of a site summed over the days of a month so far (all are
/// whole numbers, so the sums are exact).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct DaySums {
    /// By location (the dead included).
    pub(super) locations: [u64; N_LOCATIONS],
    /// Everyone ever in the site's population (alive = this less the dead).
    pub(super) people: u64,
    pub(super) delayed_by_cause: [u64; DelayCause::COUNT],
    pub(super) residents: [u64; 3],
    pub(super) packages: u64,
    pub(super) unmet: u64,
    /// Care-home residents aged 65 and over.
    pub(super) ch_65: u64,
}

/// Where the site's outputs accumulate: monthly accumulators, the day's
/// head counts summed over the month, the care mix for routine costs, and
/// the cost-concentration window.
pub(super) struct Ledger {
    /// Accumulators by month (warm-up included).
    pub(super) months: Vec<Month>,
    /// Daily head counts summed since the month began.
    pub(super) day_sums: DaySums,
    /// Alive people by age band and eFI category, with their integrals
    /// over days (for routine primary and planned secondary care costs).
    pub(super) mix: CareMix,
    /// The first reported year `[start, end)` in days, if the run has one.
    pub(super) window: Option<(u32, u32)>,
    /// Patient records already seen by [`SiteSim::open_cost_window`].
    pub(super) seen: usize,
    /// Programme cost of the site by month (GBP).
    pub(super) programme_cost: Vec<f64>,
}

impl Ledger {
    /// Step 3: an empty ledger over the timeline.
    pub(super) fn new(tl: &Timeline, report_start_day: u32, programme_cost: Vec<f64>) -> Ledger {
        let w = tl.warm_up_months as usize;
        let window = (tl.n_months() >= w + 12).then(|| {
            let s = report_start_day;
            (s, s + tl.days_in_period[w..w + 12].iter().sum::<u32>())
        });
        Ledger {
            months: vec![[0.0; N_BASE]; tl.n_months()],
            day_sums: DaySums::default(),
            mix: CareMix::starting(0),
            window,
            seen: 0,
            programme_cost,
        }
    }
}

impl SiteSim<'_> {
    /// The cost-concentration window's population: everyone alive at any
    /// point of the window. On its first day everyone alive joins it (and
    /// is charged their per-day costs to the window's end: routine care at
    /// their state now, a delayed bed or intermediate care if they are in
    /// one); later, each person who arrived today joins it. Every change of
    /// state afterwards corrects the charge from that day on (see
    /// [`SiteSim::charge_to_window_end`]), so each person's record holds the
    /// per-day costs of the days they actually spent in each state.
    pub(super) fn open_cost_window(&mut self) {
        let Some((s, e)) = self.ledger.window else {
            return;
        };
        let first = if self.day == s { 0 } else { self.ledger.seen };
        self.ledger.seen = self.patients.len();
        if self.day < s || self.day >= e {
            return;
        }
        let c = &self.ctx.scn.costs;
        let (delayed_day, ic_day) = (c.excess_bed_day_gbp, c.intermediate_care_day_gbp);
        for i in first..self.patients.len() {
            let loc = self.patients[i].loc();
            if loc == Location::Dead {
                continue;
            }
            self.patients[i].flags |= IN_WINDOW;
            let mut per_day = self.routine_day_gbp(i);
            match loc {
                Location::DelayedAssessment | Location::DelayedWaiting => per_day += delayed_day,
                Location::IntermediateCare => per_day += ic_day,
                _ => {}
            }
            self.charge_to_window_end(i, per_day);
        }
    }

    /// Routine primary and planned secondary care of patient `i` per day,
    /// at their age band, frailty and personal risk now (GBP).
    pub(super) fn routine_day_gbp(&self, i: usize) -> f64 {
        let c = &self.ctx.scn.costs;
        let p = &self.patients[i];
        let (a, f) = (p.age as usize, p.frailty as usize);
        (c.routine_primary_care_per_person_year_gbp_by_band[a]
            + p.risk as f64 * c.planned_secondary_care_per_person_year_gbp_by_band[a])
            * c.routine_care_frailty_multiplier[f]
            / 365.25
    }

    /// Charge `gbp_per_day` to a patient's window record for every day from
    /// today (or the window's start) to the window's end; a negative amount
    /// takes days back when a state ends. Patients outside the window's
    /// population, and days after it, are not charged.
    pub(super) fn charge_to_window_end(&mut self, i: usize, gbp_per_day: f64) {
        if let Some((s, e)) = self.ledger.window {
            let p = &mut self.patients[i];
            if p.has(IN_WINDOW) && self.day < e {
                let days = (e - self.day.max(s)) as f64;
                p.window_cost += (gbp_per_day * days) as f32;
            }
        }
    }

    /// Patient `i`'s routine care changed rate (it was `before` per day):
    /// correct the window charge from today on.
    pub(super) fn restate_window(&mut self, i: usize, before: f64) {
        if self.patients[i].has(IN_WINDOW) {
            let now = self.routine_day_gbp(i);
            self.charge_to_window_end(i, now - before);
        }
    }

    #[inline(always)]
    pub(super) fn add(&mut self, metric: usize, v: f64) {
        self.ledger.months[self.month][metric] += v;
    }

    /// Today's discount factor at the scenario's rate for costs or for
    /// health (`COSTS` or `HEALTH`; see [`crate::stats::discount_factor`]).
    pub(super) fn discount(&self, column: usize) -> f64 {
        self.ctx.days.discount[self.day as usize][column]
    }

    pub(super) fn cost(&mut self, metric: usize, gbp: f64, patient: Option<usize>) {
        self.add(metric, gbp);
        let d = self.discount(super::setup::COSTS);
        self.add(b::COST_DISCOUNTED, gbp * d);
        if let Some(i) = patient {
            if metric != b::COST_SOCIAL {
                self.add_window_cost(i, gbp);
            }
        }
    }

    /// Add NHS cost to a patient's record if today is in the cost-concentration window.
    pub(super) fn add_window_cost(&mut self, i: usize, gbp: f64) {
        if let Some((s, e)) = self.ledger.window {
            if self.day >= s && self.day < e {
                self.patients[i].window_cost += gbp as f32;
            }
        }
    }

    /// A cost of the whole site today. A zero cost is skipped: adding zero
    /// to a non-negative sum changes nothing.
    #[inline]
    pub(super) fn daily_cost(&mut self, metric: usize, gbp: f64) {
        if gbp != 0.0 {
            self.cost(metric, gbp, None);
        }
    }

    /// The day's occupancy and daily costs into the month; closes the month
    /// on its last day.
    pub(super) fn close_day(&mut self) {
        let scn = self.ctx.scn;
        let c = &scn.costs;
        let alive = self.alive() as f64;
        let acute = self.counts.loc_count[Location::Acute as usize] as f64;
        let delayed = (self.counts.loc_count[Location::DelayedAssessment as usize]
            + self.counts.loc_count[Location::DelayedWaiting as usize])
            as f64;
        let ic = self.counts.loc_count[Location::IntermediateCare as usize] as f64;
        let at_home = alive - acute - delayed - ic;
        // Head counts are summed as integers and turned into person-days at
        // the month's end: the same (exact) sums, without a conversion to
        // floating point for each of them every day.
        let d = &mut self.ledger.day_sums;
        for (sum, &n) in d.locations.iter_mut().zip(&self.counts.loc_count) {
            *sum += n;
        }
        for k in 0..3 {
            d.delayed_by_cause[k] += self.counts.delayed_by_cause[k];
            d.residents[k] += self.counts.residents[k];
        }
        d.people += self.patients.len() as u64;
        d.packages += self.services.packages.in_use as u64;
        d.unmet += self.counts.unmet_alive;
        d.ch_65 += self.counts.ch_65;
        if self.levers.any_fidelity[self.month] {
            let m = &mut self.ledger.months[self.month];
            for (l, &f) in self.levers.fidelity[self.month].each() {
                // Adding +0.0 to a non-negative sum changes nothing: skipped.
                if f != 0.0 {
                    m[fidelity_days(l)] += alive * f;
                }
            }
        }
        let m = &mut self.ledger.months[self.month];
        // A lever that harms (negative strength, lesson 5) enrols nobody.
        let cm_days = self.counts.cm_segment as f64
            * self.levers.strength[self.month][Lever::CaseManagement].max(0.0);
        m[b::CM_ENROLLED_DAYS] += cm_days;
        let dh = self.discount(super::setup::HEALTH);
        self.ledger.months[self.month][b::DAYS_HOME_DISCOUNTED] += at_home * dh;
        // Daily costs: delayed beds, intermediate care, case management,
        // packages and care homes.
        self.daily_cost(b::COST_ACUTE, delayed * c.excess_bed_day_gbp);
        self.daily_cost(
            b::COST_COMMUNITY,
            ic * c.intermediate_care_day_gbp
                + cm_days * c.case_management_per_patient_year_gbp / 365.25,
        );
        let social = self.services.packages.in_use as f64
            * c.home_care_hours_per_week
            * c.home_care_hour_gbp
            / 7.0
            + self.counts.residents[1] as f64 * c.care_home_residential_week_gbp / 7.0
            + self.counts.residents[2] as f64 * c.care_home_nursing_week_gbp / 7.0;
        self.daily_cost(b::COST_SOCIAL, social);
        let tomorrow = self.day as usize + 1;
        if self.ctx.tl.month_of_day.get(tomorrow).map(|&m| m as usize) != Some(self.month) {
            self.close_month_mix(tomorrow as u32);
            self.close_month_days();
        }
        let days_in_month = self.ctx.tl.days_in_period[self.month] as f64;
        let prog = self
            .ledger
            .programme_cost
            .get(self.month)
            .copied()
            .unwrap_or(0.0)
            / days_in_month;
        if prog > 0.0 {
            self.cost(b::COST_PROGRAMME, prog, None);
        }
    }

    /// Person-days of the month from the summed daily head counts.
    pub(super) fn close_month_days(&mut self) {
        let d = std::mem::take(&mut self.ledger.day_sums);
        let loc = |l: Location| d.locations[l as usize];
        let alive = d.people - loc(Location::Dead);
        let acute = loc(Location::Acute);
        let delayed = loc(Location::DelayedAssessment) + loc(Location::DelayedWaiting);
        let ic = loc(Location::IntermediateCare);
        let m = &mut self.ledger.months[self.month];
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
        m[b::CH_RESIDENT_DAYS_65] += d.ch_65 as f64;
    }

    /// Routine primary care and planned secondary care of the month that
    /// ends before day `end`: the mix's person-days and risk-days priced by
    /// age band and frailty (costs are per person-year).
    pub(super) fn close_month_mix(&mut self, end: u32) {
        let c = &self.ctx.scn.costs;
        let mm = self
            .ledger
            .mix
            .close_month(end, &self.ctx.days.cum_discount_costs);
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
        let m = &mut self.ledger.months[self.month];
        for a in 0..6 {
            for f in 0..4 {
                m[b::PERSON_DAYS_CELL_0 + 4 * a + f] += mm.count_days[a][f];
            }
        }
        m[b::COST_PRIMARY] += routine / 365.25;
        m[b::COST_PLANNED] += planned / 365.25;
        m[b::COST_DISCOUNTED] += (routine_d + planned_d) / 365.25;
    }

    pub(super) fn top5_share(&self) -> f64 {
        if self.ledger.window.is_none() {
            return f64::NAN;
        }
        // Each record holds the person's NHS costs of the window: events,
        // and routine care, delayed days and intermediate care for the days
        // they spent in each state (see `open_cost_window`).
        let mut costs: Vec<f32> = self
            .patients
            .iter()
            .filter(|p| p.has(IN_WINDOW))
            .map(|p| p.window_cost.max(0.0))
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
}
