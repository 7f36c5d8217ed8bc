use super::*;

/// Precomputed per-day rates and constants of a site.
pub(super) struct Rates {
    pub(super) crisis_community: [[f64; 4]; 6],
    pub(super) crisis_care_home: [[f64; 4]; 3],
    pub(super) mortality: [[f64; 4]; 6],
    pub(super) mortality_care_home: [f64; 3],
    pub(super) frailty_up: [[f64; 4]; 6],
    /// Recovery from each eFI category to the one below (0 from fit).
    pub(super) frailty_down: [[f64; 4]; 6],
    /// Bound of ageing out of each band (thinned by the day's rate).
    pub(super) ageing: [f64; 6],
    pub(super) ch_entry: [f64; 4],
    pub(super) package_need: [f64; 4],
    pub(super) package_end: f64,
    pub(super) unmet_resolve: f64,
    pub(super) risk_renewal: f64,
    /// Log-variance of the lognormal length of stay, `ln(1 + cv^2)`, and
    /// its square root (fixed for the run: computed once, not per stay).
    pub(super) los_s2: f64,
    pub(super) los_s2_sqrt: f64,
    /// The hazards at home that depend on the patient's state alone (see
    /// [`StateRates`]), by [`StateRates::index`]: computed once for the run
    /// by the same operations [`SiteSim::home_rates`] made on every call.
    pub(super) by_state: Box<[StateRates; StateRates::N]>,
}

/// The hazards at home of one state (age band, eFI category, residence,
/// open unmet need, a home-care package), in the order of [`HomeEvent`]:
/// death (community: its bound), frailty, ageing (its bound), care-home
/// entry, package need, package end and frailty recovering. One cache line.
#[derive(Clone, Copy, Debug, Default)]
#[repr(align(64))]
pub(super) struct StateRates {
    pub(super) death: f64,
    pub(super) frail: f64,
    pub(super) ageing: f64,
    pub(super) ch_entry: f64,
    pub(super) pkg_need: f64,
    pub(super) pkg_end: f64,
    pub(super) fitter: f64,
}

impl StateRates {
    /// Number of states.
    pub(super) const N: usize = 6 * 4 * 3 * 2 * 2;

    /// The index of a state (`age` < 6, `frailty` < 4, `residence` < 3).
    #[inline(always)]
    pub(super) fn index(age: u8, frailty: u8, residence: u8, unmet: bool, package: bool) -> usize {
        (((age as usize * 4 + frailty as usize) * 3 + residence as usize) * 2 + unmet as usize) * 2
            + package as usize
    }
}

impl Rates {
    /// The hazards of a site whose need index is `need_index`. Ageing and
    /// community death rates are the bounds over the run (`days`); each
    /// candidate is accepted at the day's rate over the bound.
    pub(super) fn new(scn: &Scenario, need_index: f64, days: &DayTables) -> Rates {
        let pop = &scn.population;
        let dem = &scn.demand;
        let recovery = population::frailty_recovery_per_year(scn);
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
            frailty_down: recovery.map(|r| r.map(|x| x / 365.25)),
            ageing: days.ageing_bound,
            ch_entry: [0.0; 4],
            package_need: [0.0; 4],
            package_end: 1.0 / scn.discharge.home_care_package_mean_duration_days,
            unmet_resolve: dem.unmet_need_resolution_per_year / 365.25,
            risk_renewal: pop.personal_risk_renewal_per_year / 365.25,
            los_s2: 0.0,
            los_s2_sqrt: 0.0,
            by_state: Box::new([StateRates::default(); StateRates::N]),
        };
        let cv = scn.hospital.los_cv;
        rates.los_s2 = (1.0 + cv * cv).ln();
        rates.los_s2_sqrt = rates.los_s2.sqrt();
        for a in 0..6 {
            for f in 0..4 {
                rates.crisis_community[a][f] = per_day(dem.crisis_fit_per_1000py_by_band[a])
                    * dem.frailty_hr_crisis[f]
                    * need_index;
                rates.mortality[a][f] = per_day(pop.mortality_fit_per_1000py_by_band[a])
                    * pop.frailty_hr_mortality[f]
                    * days.mortality_bound[a];
            }
            rates.frailty_up[a] = [
                per_day(pop.frailty_onset_per_1000py_by_band[a]),
                per_day(pop.frailty_mild_to_moderate_per_1000py_by_band[a]),
                per_day(pop.frailty_moderate_to_severe_per_1000py_by_band[a]),
                0.0,
            ];
        }
        for f in 0..4 {
            rates.crisis_care_home[1][f] = per_day(dem.crisis_care_home_residential_per_1000py)
                * dem.care_home_frailty_hr_crisis[f]
                * need_index;
            rates.crisis_care_home[2][f] = per_day(dem.crisis_care_home_nursing_per_1000py)
                * dem.care_home_frailty_hr_crisis[f]
                * need_index;
            // Drawn at the run's largest entry multiplier, thinned by the day's.
            rates.ch_entry[f] =
                per_day(pop.care_home_entry_per_1000py_by_frailty[f]) * days.ch_entry_bound;
            rates.package_need[f] = per_day(scn.discharge.home_care_need_per_1000py_by_frailty[f]);
        }
        for a in 0..6u8 {
            for f in 0..4u8 {
                for res in 0..3u8 {
                    for unmet in [false, true] {
                        for package in [false, true] {
                            let k = StateRates::index(a, f, res, unmet, package);
                            rates.by_state[k] = rates.state_rates(
                                dem.unmet_need_hr_mortality,
                                (a as usize, f as usize, res as usize),
                                unmet,
                                package,
                            );
                        }
                    }
                }
            }
        }
        rates
    }

    /// The hazards of one state (age band, eFI category, residence),
    /// with or without open unmet need and a home-care package.
    fn state_rates(
        &self,
        unmet_need_hr_mortality: f64,
        (a, f, res): (usize, usize, usize),
        unmet: bool,
        package: bool,
    ) -> StateRates {
        let mut death = if res == 0 {
            self.mortality[a][f]
        } else {
            self.mortality_care_home[res]
        };
        if unmet {
            death *= unmet_need_hr_mortality;
        }
        StateRates {
            death,
            frail: self.frailty_up[a][f],
            ageing: self.ageing[a],
            ch_entry: if res == 0 && a >= OLDER_FIRST_BAND {
                self.ch_entry[f]
            } else {
                0.0
            },
            pkg_need: if res == 0 && !package && a >= FRAILTY_FIRST_BAND {
                self.package_need[f]
            } else {
                0.0
            },
            pkg_end: if package { self.package_end } else { 0.0 },
            fitter: self.frailty_down[a][f],
        }
    }
}

/// Upper bounds of hazards that change with calendar time, and the factors
/// thinning accepts candidates by.
pub(super) struct Thinning {
    /// Crisis multiplier of each segment by month.
    pub(super) seg_factor: Vec<[f64; 4]>,
    /// Its largest value over the months of each effect phase, by segment.
    pub(super) seg_bound: Vec<[f64; 4]>,
    /// Largest multiplier of unmet-need resolution (case management) over
    /// the months of each effect phase.
    pub(super) resolve_bound: Vec<f64>,
    /// Largest growth multiplier of crisis hazards.
    pub(super) growth_bound: f64,
}

impl Thinning {
    /// Step 2: bounds over each effect phase. Bounds fixed within a phase
    /// keep every patient's rates constant between their own events (a
    /// patient's plan is reviewed when a phase begins), which is what makes
    /// the competing-risks plan exact. Bounds per phase, not over the whole
    /// run, keep the draws before a site's first adoption the same with and
    /// without the programme.
    pub(super) fn new(
        phases: &[Phase],
        phase_of_month: &[usize],
        levers: &LeverPath,
        growth_bound: f64,
    ) -> Thinning {
        let seg_factor: Vec<[f64; 4]> = levers
            .iter()
            .zip(phase_of_month)
            .map(|(l, &ph)| {
                let co = &phases[ph].coordination;
                [
                    1.0,
                    1.0 + (co.case_management_crisis_rr - 1.0) * l[Lever::CaseManagement],
                    1.0 + (co.ehch_residential_crisis_rr - 1.0) * l[Lever::EnhancedCareHomeSupport],
                    1.0 + (co.ehch_nursing_crisis_rr - 1.0) * l[Lever::EnhancedCareHomeSupport],
                ]
            })
            .collect();
        let mut seg_bound = vec![[1.0f64; 4]; phases.len()];
        let mut resolve_bound = vec![1.0f64; phases.len()];
        for ((f, l), &ph) in seg_factor.iter().zip(levers).zip(phase_of_month) {
            for s in 0..4 {
                seg_bound[ph][s] = seg_bound[ph][s].max(f[s]);
            }
            let co = &phases[ph].coordination;
            resolve_bound[ph] = resolve_bound[ph].max(
                1.0 + (co.case_management_unmet_resolution_multiplier - 1.0)
                    * l[Lever::CaseManagement],
            );
        }
        Thinning {
            seg_factor,
            seg_bound,
            resolve_bound,
            growth_bound,
        }
    }
}

/// What can happen next to a patient at home: the competing risks. The
/// order is that of the hazards in [`SiteSim::home_rates`] and so of the draw
/// that picks one (part of the random-number contract: do not reorder).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum HomeEvent {
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
    /// Frailty recovers one category.
    Fitter,
}

impl HomeEvent {
    pub(super) const COUNT: usize = 10;
    pub(super) const ALL: [HomeEvent; HomeEvent::COUNT] = [
        HomeEvent::Crisis,
        HomeEvent::Death,
        HomeEvent::Frailer,
        HomeEvent::Older,
        HomeEvent::CareHomeEntry,
        HomeEvent::PackageNeed,
        HomeEvent::PackageEnds,
        HomeEvent::UnmetResolves,
        HomeEvent::RiskRenewed,
        HomeEvent::Fitter,
    ];
}

// `SiteSim::home_rates` lists the hazards by position, in this order.
const _: () = assert!(
    HomeEvent::Crisis as usize == 0
        && HomeEvent::Death as usize == 1
        && HomeEvent::Frailer as usize == 2
        && HomeEvent::Older as usize == 3
        && HomeEvent::CareHomeEntry as usize == 4
        && HomeEvent::PackageNeed as usize == 5
        && HomeEvent::PackageEnds as usize == 6
        && HomeEvent::UnmetResolves as usize == 7
        && HomeEvent::RiskRenewed as usize == 8
        && HomeEvent::Fitter as usize == 9
);

/// The fields of a patient's record that [`SiteSim::home_rates`] reads
/// (with the day and the effect phase, which do not change within an
/// event): equal before and after an event, the hazards are unchanged.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct RateState {
    risk: u32,
    discharged: u16,
    age: u8,
    frailty: u8,
    residence: u8,
    location: u8,
    flags: u8,
}

impl RateState {
    /// The state of `p`. Flags that no hazard reads (a pending review, the
    /// cost window) are left out.
    #[inline(always)]
    pub(super) fn of(p: &Patient) -> RateState {
        RateState {
            risk: p.risk.to_bits(),
            discharged: p.discharged,
            age: p.age,
            frailty: p.frailty,
            residence: p.residence,
            location: p.location,
            flags: p.flags & !(REVIEW | IN_WINDOW),
        }
    }
}

/// Segments a lever's crisis effect is keyed by.
pub(super) const SEG_COMMUNITY: usize = 0;

pub(super) const SEG_CASE_MGMT: usize = 1;

pub(super) const SEG_RESIDENTIAL: usize = 2;

pub(super) const SEG_NURSING: usize = 3;

#[inline(always)]
pub(super) fn per_day(per_1000py: f64) -> f64 {
    per_1000py / 1000.0 / 365.25
}

/// Probability that someone without multimorbidity acquires it on moving
/// from a band of prevalence `p_old` to one of prevalence `p_new`, so that
/// the share by band is kept: (p_new - p_old) / (1 - p_old), or 0 when the
/// prevalence does not rise (nobody loses multimorbidity).
pub(super) fn acquire_multimorbidity(p_old: f64, p_new: f64) -> f64 {
    if p_new <= p_old || p_old >= 1.0 {
        0.0
    } else {
        (p_new - p_old) / (1.0 - p_old)
    }
}

/// Nursing or residential home for a new placement: frailer people more
/// often need nursing care (`nursing_share` by eFI category,
/// `discharge.new_placement_nursing_share_by_frailty`).
pub(super) fn nursing_or_residential(
    nursing_share: &[f64; 4],
    frailty: u8,
    g: &mut SplitMix64,
) -> Residence {
    if g.bernoulli(nursing_share[frailty as usize]) {
        Residence::Nursing
    } else {
        Residence::Residential
    }
}

impl SiteSim<'_> {
    /// The type of home of patient `i`'s new care-home placement (from
    /// home, hospital or intermediate care).
    pub(super) fn placement_type(&self, i: usize, g: &mut SplitMix64) -> Residence {
        nursing_or_residential(
            &self
                .ctx
                .scn
                .discharge
                .new_placement_nursing_share_by_frailty,
            self.patients[i].frailty,
            g,
        )
    }

    /// The segment the site's care model targets (lesson 1).
    pub(super) fn targeted(&self, i: usize) -> bool {
        self.targets(&self.patients[i])
    }

    /// Whether the targeting in force today takes in a patient whose record is `p`.
    #[inline(always)]
    fn targets(&self, p: &Patient) -> bool {
        let top = p.risk as f64 >= self.co().case_management_risk_threshold;
        match self.seg_rule() {
            Segment::FrailOrTopRisk => p.frailty >= 2 || top,
            Segment::Frail => p.frailty >= 2,
            Segment::TopRisk => top,
            Segment::Older => p.age as usize >= OLDER_FIRST_BAND,
        }
    }

    pub(super) fn in_cm_segment(&self, i: usize) -> bool {
        self.cm_segment_of(&self.patients[i])
    }

    /// [`SiteSim::in_cm_segment`] of a patient whose record is `p`.
    #[inline(always)]
    fn cm_segment_of(&self, p: &Patient) -> bool {
        p.residence == 0 && p.location != Location::Dead as u8 && self.targets(p)
    }

    pub(super) fn in_coordinator_segment(&self, i: usize) -> bool {
        self.patients[i].residence != 0 || self.targeted(i)
    }

    pub(super) fn segment(&self, i: usize) -> usize {
        self.segment_of(&self.patients[i])
    }

    /// [`SiteSim::segment`] of a patient whose record is `p`.
    #[inline(always)]
    fn segment_of(&self, p: &Patient) -> usize {
        match p.res() {
            Residence::Residential => SEG_RESIDENTIAL,
            Residence::Nursing => SEG_NURSING,
            Residence::Community => {
                if self.cm_segment_of(p) {
                    SEG_CASE_MGMT
                } else {
                    SEG_COMMUNITY
                }
            }
        }
    }

    /// Crisis hazard per day now of a patient whose record is `p`, without
    /// the time multiplier.
    #[inline(always)]
    fn crisis_rate_of(&self, p: &Patient) -> f64 {
        let dem = &self.ctx.scn.demand;
        let base = if p.residence == 0 {
            let r = self.ctx.rates.crisis_community[p.age as usize][p.frailty as usize];
            if p.has(MULTIMORBID) {
                r * dem.multimorbidity_hr_crisis
            } else {
                r
            }
        } else {
            self.ctx.rates.crisis_care_home[p.residence as usize][p.frailty as usize]
        };
        let mut r = base * p.risk as f64;
        if p.has(UNMET) {
            r *= dem.unmet_need_hr_crisis;
        }
        if self.post_discharge(p) {
            r *= dem.post_discharge_hr_crisis;
            if p.has(MISSED_FOLLOW_UP) {
                r *= dem.missed_follow_up_hr_crisis;
            }
        }
        r
    }

    /// Whether a patient whose record is `p` is in the window after a
    /// discharge in which crises are more likely.
    #[inline(always)]
    fn post_discharge(&self, p: &Patient) -> bool {
        let d = p.discharged;
        d != NO_DAY
            && ((self.day - d as u32) as f64) < self.ctx.scn.demand.post_discharge_window_days
    }

    /// The competing hazards of a patient at home, per day:
    /// crisis bound, death (community: its bound), frailty, ageing (its
    /// bound), care-home entry, package need, package end, unmet need
    /// resolving, personal risk renewed, frailty recovering.
    pub(super) fn home_rates(&self, i: usize) -> [f64; HomeEvent::COUNT] {
        // One read of the record: the helpers below take it, not the index.
        let p = &self.patients[i];
        let seg = self.segment_of(p);
        let crisis = self.crisis_rate_of(p) * self.thinning.growth_bound * self.now.seg_bound[seg];
        let unmet = p.has(UNMET);
        // The rest depend on the state alone (precomputed for the run),
        // but for unmet need resolving, which case management speeds.
        let st = &self.ctx.rates.by_state
            [StateRates::index(p.age, p.frailty, p.residence, unmet, p.has(PACKAGE))];
        let resolve = if unmet {
            self.ctx.rates.unmet_resolve
                * if seg == SEG_CASE_MGMT {
                    self.now.resolve_bound
                } else {
                    1.0
                }
        } else {
            0.0
        };
        // In the order of `HomeEvent`.
        [
            crisis,
            st.death,
            st.frail,
            st.ageing,
            st.ch_entry,
            st.pkg_need,
            st.pkg_end,
            resolve,
            self.ctx.rates.risk_renewal,
            st.fitter,
        ]
    }

    /// Plan the next event of a patient at home.
    pub(super) fn schedule_home(&mut self, i: usize, from_day: u32, g: &mut SplitMix64) {
        let rates = self.home_rates(i);
        let total: f64 = rates.iter().sum();
        self.schedule_home_at(i, from_day, g, total);
    }

    /// Plan the next event of a patient at home whose hazards now sum to
    /// `total` (the sum, in order, of those [`SiteSim::home_rates`] gives).
    fn schedule_home_at(&mut self, i: usize, from_day: u32, g: &mut SplitMix64, total: f64) {
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
            let end = d as f64 + self.ctx.scn.demand.post_discharge_window_days;
            if end > from_day as f64 && end < next {
                next = end.ceil();
                self.patients[i].flags |= REVIEW;
            }
        }
        // A new effect phase begins: review the rates then.
        let change = self.ctx.next_review_day[self.month] as f64;
        if change < next {
            next = change;
            self.patients[i].flags |= REVIEW;
        }
        if next < self.ctx.tl.n_days as f64 {
            self.push(i, next as u32);
        }
    }

    /// The demographic rates in force today.
    #[inline]
    pub(super) fn demo(&self) -> &DemoRates {
        &self.ctx.days.demo[self.ctx.days.demo_of_day[self.day as usize] as usize]
    }

    /// Births and net migration: Poisson numbers of new people today.
    /// Births enter band 0-17; each migrant's band is drawn from the day's
    /// migrant rates by band, on the migrant's own stream.
    pub(super) fn arrivals(&mut self) {
        let alive = self.alive() as f64;
        let demo = *self.demo();
        let migrants: f64 = demo.migrants.iter().sum();
        let mut g = self.ctx.key.site_stream(Stream::Arrivals, self.day as u64);
        for (kind, rate) in [demo.births, migrants].into_iter().enumerate() {
            let n = poisson(&mut g, rate * alive);
            for slot in 0..n {
                let id = self.patients.len();
                let key = arrival_key(self.day, kind as u32, slot.min(u32::MAX as u64) as u32);
                self.arrival_keys.push(key);
                let mut gp = self.ctx.key.patient(Stream::Arrivals, key, 0);
                let age = if kind == 0 {
                    0
                } else {
                    gp.choose(&demo.migrants) as u8
                };
                let mut p = population::new_person(&mut gp, self.ctx.scn, age);
                if let Some((s, e)) = self.ledger.window {
                    if self.day >= s && self.day < e {
                        p.flags |= IN_WINDOW;
                    }
                }
                let cum = &self.ctx.days.cum_discount_costs;
                self.ledger
                    .mix
                    .enter(age as usize, 0, p.risk as f64, self.day, cum);
                #[cfg(test)]
                self.arrived.push(p);
                self.patients.push(p);
                self.counts.loc_count[Location::Home as usize] += 1;
                self.counts.residents[0] += 1;
                // A newcomer at top personal risk is in the segment at once
                // (their cost-window charge is made when they join the
                // window, by `open_cost_window`).
                if self.in_cm_segment(id) {
                    self.counts.cm_segment += 1;
                }
                self.schedule_home(id, self.day, &mut gp);
            }
        }
    }

    pub(super) fn home_event(&mut self, i: usize, stamp: u32, g: &mut SplitMix64) {
        if self.patients[i].has(REVIEW) {
            self.schedule_home(i, self.day, g);
            return;
        }
        let rates = self.home_rates(i);
        // What the hazards depend on, before the event: if the event leaves
        // it as it was, the hazards are those just computed (same day, same
        // phase), and planning the next event reuses them.
        let before = RateState::of(&self.patients[i]);
        let total: f64 = rates.iter().sum();
        let e = HomeEvent::ALL[g.choose_summed(&rates, total)];
        match e {
            HomeEvent::Crisis => {
                // Thinning: accept the candidate crisis at rate(t)/bound.
                let seg = self.segment(i);
                let kind = KindOf::new(stamp);
                let mut factor = self.thinning.seg_factor[self.month][seg];
                if factor < 1.0 {
                    // A lever that cuts crises cuts those it reaches most.
                    let lever = if seg == SEG_CASE_MGMT {
                        Lever::CaseManagement
                    } else {
                        Lever::EnhancedCareHomeSupport
                    };
                    factor = (1.0 - (1.0 - factor) * self.reach(i, &kind, lever)).max(0.0);
                }
                let accept = self.ctx.days.growth[self.day as usize] * factor
                    / (self.thinning.growth_bound * self.now.seg_bound[seg]);
                if g.uniform() < accept {
                    self.crisis(i, stamp, &kind);
                    if self.patients[i].loc() != Location::Home {
                        return;
                    }
                }
            }
            HomeEvent::Death => {
                // Thinning: community death rates change by demographic
                // year (care-home rates do not).
                let p = &self.patients[i];
                let accept = if p.residence == 0 {
                    let a = p.age as usize;
                    self.demo().mortality[a] / self.ctx.days.mortality_bound[a]
                } else {
                    1.0
                };
                if p.residence != 0 || g.uniform() < accept {
                    self.die(i);
                    return;
                }
            }
            HomeEvent::Frailer | HomeEvent::Fitter => {
                let was = self.in_cm_segment(i);
                let before = self.routine_day_gbp(i);
                let p = &mut self.patients[i];
                let (a, f) = (p.age as usize, p.frailty as usize);
                p.frailty = if e == HomeEvent::Frailer {
                    (p.frailty + 1).min(3)
                } else {
                    p.frailty.saturating_sub(1)
                };
                let (to, r) = (p.frailty as usize, p.risk as f64);
                let cum = &self.ctx.days.cum_discount_costs;
                self.ledger.mix.leave(a, f, r, self.day, cum);
                self.ledger.mix.enter(a, to, r, self.day, cum);
                self.restate_window(i, before);
                self.update_cm(i, was);
            }
            HomeEvent::Older => {
                // Thinning: the rate of ageing out of a band changes by
                // demographic year (the cohorts at its top differ in size).
                // Multimorbidity keeps its share by band: someone without it
                // acquires it with probability (p_new - p_old) / (1 - p_old).
                // Both uniforms are drawn on every candidate, needed or not,
                // so the patient's later draws never shift.
                let a = self.patients[i].age as usize;
                let accept = self.demo().ageing[a] / self.ctx.days.ageing_bound[a];
                let moves = g.uniform() < accept;
                let u = g.uniform();
                if !moves {
                    self.schedule_home_at(i, self.day, g, total);
                    return;
                }
                let was = self.in_cm_segment(i);
                let before = self.routine_day_gbp(i);
                let prevalence = &self.ctx.scn.population.multimorbidity_prevalence_by_band;
                let p = &mut self.patients[i];
                let (a, f) = (p.age as usize, p.frailty as usize);
                p.age = (p.age + 1).min(5);
                let (to, r) = (p.age as usize, p.risk as f64);
                if !p.has(MULTIMORBID) && u < acquire_multimorbidity(prevalence[a], prevalence[to])
                {
                    p.flags |= MULTIMORBID;
                }
                let now_65 = to == OLDER_FIRST_BAND && p.residence != 0;
                let cum = &self.ctx.days.cum_discount_costs;
                self.ledger.mix.leave(a, f, r, self.day, cum);
                self.ledger.mix.enter(to, f, r, self.day, cum);
                if now_65 {
                    self.counts.ch_65 += 1;
                }
                self.restate_window(i, before);
                // The `older_65_plus` segment gains people as they turn 65.
                self.update_cm(i, was);
            }
            HomeEvent::CareHomeEntry => {
                // Thinning: entry rates change by year at a given age and
                // frailty (`care_home_entry_change_per_year`); with a trend
                // a uniform is drawn on every candidate, without one every
                // candidate enters and nothing is drawn.
                let day = self.day as usize;
                let accept = self.ctx.days.ch_entry[day] / self.ctx.days.ch_entry_bound;
                let trend = self.ctx.scn.population.care_home_entry_change_per_year != 0.0;
                if !trend || g.uniform() < accept {
                    self.enter_care_home_from_home(i, g);
                }
            }
            HomeEvent::PackageNeed => {
                if self.services.packages.free() {
                    self.services.packages.in_use += 1;
                    self.patients[i].flags |= PACKAGE;
                    self.add(b::PACKAGE_STARTS, 1.0);
                } else {
                    self.set_unmet(i, true);
                }
            }
            HomeEvent::PackageEnds => {
                self.patients[i].flags &= !PACKAGE;
                self.services.packages.in_use -= 1;
                self.release(Onward::Package);
            }
            HomeEvent::RiskRenewed => {
                let was = self.in_cm_segment(i);
                let (a, f) = (
                    self.patients[i].age as usize,
                    self.patients[i].frailty as usize,
                );
                let old = self.patients[i].risk as f64;
                let before = self.routine_day_gbp(i);
                let new = population::draw_risk(g, self.ctx.scn.population.personal_risk_sigma);
                self.patients[i].risk = new;
                let cum = &self.ctx.days.cum_discount_costs;
                self.ledger
                    .mix
                    .change_risk(a, f, new as f64 - old, self.day, cum);
                self.restate_window(i, before);
                self.update_cm(i, was);
            }
            HomeEvent::UnmetResolves => {
                // Thinning: case management speeds resolution by its strength now.
                let accept = if self.segment(i) == SEG_CASE_MGMT {
                    self.resolve_factor() / self.now.resolve_bound
                } else {
                    1.0
                };
                if g.uniform() < accept {
                    self.set_unmet(i, false);
                }
            }
        }
        if RateState::of(&self.patients[i]) == before {
            self.schedule_home_at(i, self.day, g, total);
        } else {
            self.schedule_home(i, self.day, g);
        }
    }

    pub(super) fn resolve_factor(&self) -> f64 {
        1.0 + (self.co().case_management_unmet_resolution_multiplier - 1.0)
            * self.lv(Lever::CaseManagement)
    }

    /// Keep the case-management segment's head count, and the patient's
    /// case-management cost in the cost window, in step with a change of
    /// patient `i` (who was in the segment before it if `was`).
    pub(super) fn update_cm(&mut self, i: usize, was: bool) {
        let now = self.in_cm_segment(i);
        if was && !now {
            self.counts.cm_segment -= 1;
            self.charge_case_management(i, -1.0);
        } else if now && !was {
            self.counts.cm_segment += 1;
            self.charge_case_management(i, 1.0);
        }
    }

    /// Today's multiplier of the chance that a discharge from hospital or
    /// intermediate care ends in a new care-home placement: the entry trend
    /// (`care_home_entry_change_per_year`), divided by the secular growth of
    /// crises if `care_home_placement_follows_need`.
    pub(super) fn placement_factor(&self) -> f64 {
        let day = self.day as usize;
        let f = self.ctx.days.ch_entry[day];
        if self.ctx.scn.discharge.care_home_placement_follows_need >= 0.5 {
            f / self.ctx.days.growth[day]
        } else {
            f
        }
    }

    pub(super) fn enter_care_home_from_home(&mut self, i: usize, g: &mut SplitMix64) {
        if self.services.care_homes.free() && self.services.care_homes.queue.is_empty() {
            let res = self.placement_type(i, g);
            self.move_into_care_home(i, res);
        } else {
            self.set_unmet(i, true);
        }
    }

    pub(super) fn move_into_care_home(&mut self, i: usize, res: Residence) {
        let was = self.in_cm_segment(i);
        self.services.care_homes.in_use += 1;
        let had_package = self.patients[i].has(PACKAGE);
        if had_package {
            self.patients[i].flags &= !PACKAGE;
            self.services.packages.in_use -= 1;
        }
        self.counts.residents[0] -= 1;
        self.counts.residents[res as usize] += 1;
        if self.patients[i].age as usize >= OLDER_FIRST_BAND {
            self.counts.ch_65 += 1;
        }
        self.patients[i].residence = res as u8;
        self.add(b::CH_PLACEMENTS, 1.0);
        self.update_cm(i, was);
        if had_package {
            self.release(Onward::Package);
        }
    }

    pub(super) fn die(&mut self, i: usize) {
        let was = self.in_cm_segment(i);
        // Routine care stops: take back what was charged past today.
        let rate = self.routine_day_gbp(i);
        self.charge_to_window_end(i, -rate);
        self.set_unmet(i, false);
        let p = self.patients[i];
        self.counts.residents[p.residence as usize] -= 1;
        if p.loc() == Location::Acute {
            self.add(b::DEATHS_HOSPITAL, 1.0);
        }
        self.set_location(i, Location::Dead);
        let cum = &self.ctx.days.cum_discount_costs;
        self.ledger.mix.leave(
            p.age as usize,
            p.frailty as usize,
            p.risk as f64,
            self.day,
            cum,
        );
        if was {
            self.counts.cm_segment -= 1;
            self.charge_case_management(i, -1.0);
        }
        self.add(b::DEATHS, 1.0);
        self.add(b::DEATHS_BAND_0 + p.age as usize, 1.0);
        if p.residence != 0 && p.age as usize >= OLDER_FIRST_BAND {
            self.counts.ch_65 -= 1;
        }
        if p.has(PACKAGE) {
            self.patients[i].flags &= !PACKAGE;
            self.services.packages.in_use -= 1;
            self.release(Onward::Package);
        }
        if p.residence != 0 {
            self.services.care_homes.in_use -= 1;
            self.release(Onward::CareHome);
        }
    }
}
