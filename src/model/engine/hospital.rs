use super::*;

/// Whole days of an overnight stay from the log of a lognormal draw:
/// rounded, at least one night, at most `max_days` (rounded). A draw above
/// the maximum is capped, not drawn again, so an admission always uses the
/// same number of random draws.
pub(super) fn stay_days(log_days: f64, max_days: f64) -> f64 {
    log_days.exp().round().clamp(1.0, max_days.round().max(1.0))
}

/// What a crisis would be if it ended in an admission: its stay type and
/// its condition class. Both are pure functions of the patient's streams
/// at the crisis's stamp, so a lever can ask before routing without
/// moving any draw, and an admission finds the same answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct CrisisKind {
    /// A zero-day stay if admitted (the first draw of the stay stream).
    pub zero_day: bool,
    /// A potentially avoidable (ambulatory-care-sensitive) condition.
    pub avoidable: bool,
}

/// The kind of one crisis, drawn when first asked for: most crises (with no
/// lever at work, every one that is not admitted) never need it, and the
/// kind is a pure function of the patient's streams at the crisis's stamp,
/// so when it is drawn changes nothing.
pub(super) struct KindOf {
    stamp: u32,
    known: std::cell::Cell<Option<CrisisKind>>,
}

impl KindOf {
    /// The kind of the crisis at `stamp`, not yet drawn.
    pub(super) fn new(stamp: u32) -> KindOf {
        KindOf {
            stamp,
            known: std::cell::Cell::new(None),
        }
    }

    /// A kind given outright (tests).
    #[cfg(test)]
    pub(super) fn given(kind: CrisisKind) -> KindOf {
        KindOf {
            stamp: 0,
            known: std::cell::Cell::new(Some(kind)),
        }
    }
}

impl SiteSim<'_> {
    /// The kind of patient `i`'s crisis (drawn on the first call).
    pub(super) fn kind(&self, i: usize, k: &KindOf) -> CrisisKind {
        if let Some(kind) = k.known.get() {
            return kind;
        }
        let kind = self.crisis_kind(i, k.stamp);
        k.known.set(Some(kind));
        kind
    }

    /// Whether patient `i`'s crisis is of a potentially avoidable condition
    /// (the condition stream alone, if the kind is not drawn yet).
    fn avoidable(&self, i: usize, k: &KindOf) -> bool {
        match k.known.get() {
            Some(kind) => kind.avoidable,
            None => self
                .draws(Stream::Condition, i, k.stamp)
                .bernoulli(self.avoidable_share(i)),
        }
    }

    /// The kind of patient `i`'s crisis at `stamp` (see [`CrisisKind`]).
    pub(super) fn crisis_kind(&self, i: usize, stamp: u32) -> CrisisKind {
        let p = &self.patients[i];
        let scn = self.ctx.scn;
        let zero_day = self
            .draws(Stream::Stay, i, stamp)
            .bernoulli(scn.hospital.zero_day_share_by_frailty[p.frailty as usize]);
        let avoidable = self
            .draws(Stream::Condition, i, stamp)
            .bernoulli(self.avoidable_share(i));
        CrisisKind {
            zero_day,
            avoidable,
        }
    }

    fn avoidable_share(&self, i: usize) -> f64 {
        let d = &self.ctx.scn.demand;
        if self.patients[i].residence != 0 {
            d.care_home_potentially_avoidable_share
        } else {
            d.potentially_avoidable_share
        }
    }

    /// How strongly `lever` acts on this crisis relative to its average
    /// effect on patient `i`: a lever declares its reach over would-be
    /// overnight stays (relative to zero-day ones) and over conditions not
    /// potentially avoidable (relative to avoidable ones); the weight of a
    /// kind is divided by the patient's mean weight over kinds, so the
    /// lever's average effect on the patient's crises is kept while the
    /// crises it avoids are mostly those it reaches. Levers without a
    /// declared reach act on every crisis alike (1).
    pub(super) fn reach(&self, i: usize, kind: &KindOf, lever: Lever) -> f64 {
        let co = self.co();
        let (overnight, unavoidable) = match lever {
            Lever::CaseManagement => (
                co.case_management_overnight_reach,
                co.case_management_unavoidable_reach,
            ),
            Lever::EnhancedCareHomeSupport => (co.ehch_overnight_reach, co.ehch_unavoidable_reach),
            Lever::UrgentCommunityResponse => (co.ucr_overnight_reach, co.ucr_unavoidable_reach),
            Lever::UecTriage => (co.uec_overnight_reach, co.uec_unavoidable_reach),
            _ => return 1.0,
        };
        let z = self.ctx.scn.hospital.zero_day_share_by_frailty[self.patients[i].frailty as usize];
        let a = self.avoidable_share(i);
        let mean = (z + (1.0 - z) * overnight) * (a + (1.0 - a) * unavoidable);
        if mean <= 0.0 {
            return 0.0;
        }
        let kind = self.kind(i, kind);
        let w = if kind.zero_day { 1.0 } else { overnight }
            * if kind.avoidable { 1.0 } else { unavoidable };
        w / mean
    }

    /// An emergency admission of a crisis of `kind`.
    pub(super) fn admit(&mut self, i: usize, stamp: u32, kind: &KindOf) {
        let scn = self.ctx.scn;
        let h = &scn.hospital;
        let mut g = self.draws(Stream::Stay, i, stamp);
        let p = self.patients[i];
        let f = p.frailty as usize;
        self.add(b::EA, 1.0);
        self.add(b::EA_CELL_0 + 4 * p.age as usize + f, 1.0);
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
        if p.age as usize >= OLDER_FIRST_BAND {
            self.add(b::EA_65, 1.0);
        }
        if self.avoidable(i, kind) {
            self.add(b::EA_AVOIDABLE, 1.0);
            match p.residence {
                1 => self.add(b::CH_EA_AVOIDABLE_RESIDENTIAL, 1.0),
                2 => self.add(b::CH_EA_AVOIDABLE_NURSING, 1.0),
                _ => {}
            }
        }
        // A readmission: at most `readmission_window_days` after the last
        // live discharge (a reporting definition, separate from the hazard
        // window `post_discharge_window_days`).
        if p.discharged != NO_DAY
            && (self.day - p.discharged as u32) as f64 <= h.readmission_window_days
        {
            self.add(b::READMISSIONS, 1.0);
        }
        self.set_unmet(i, false);
        let zero_day = g.bernoulli(h.zero_day_share_by_frailty[f]);
        debug_assert_eq!(
            zero_day,
            self.kind(i, kind).zero_day,
            "the stay type a lever saw"
        );
        if zero_day {
            self.add(b::EA_ZERO, 1.0);
            self.cost(b::COST_ACUTE, scn.costs.zero_day_admission_gbp, Some(i));
            self.live_discharge(i, &mut g, false);
            return;
        }
        self.add(b::EA_OVERNIGHT, 1.0);
        let mut mean = self.los_trend()
            * h.mean_los_fit_days_by_frailty[f]
            * (1.0
                + (self.co().acute_collaboration_los_rr - 1.0)
                    * self.lv(Lever::AcuteCollaboration));
        if p.has(MULTIMORBID) {
            mean *= h.los_multimorbidity_multiplier;
        }
        // Lognormal length of stay with the given mean and CV, at least a
        // night, capped at `max_los_days` (one draw whatever the outcome).
        let (s2, s2_sqrt) = (self.ctx.rates.los_s2, self.ctx.rates.los_s2_sqrt);
        let los = stay_days(mean.ln() - 0.5 * s2 + s2_sqrt * g.normal(), h.max_los_days);
        let c = &scn.costs;
        self.cost(
            b::COST_ACUTE,
            c.nonelective_spell_gbp
                + (los - c.excess_bed_day_trim_days).max(0.0) * c.excess_bed_day_gbp,
            Some(i),
        );
        let mut fatality = h.in_hospital_death_by_frailty[f];
        if h.case_fatality_follows_mortality >= 0.5 {
            let a = self.patients[i].age as usize;
            fatality *= self.demo().mortality[a] / self.ctx.days.growth[self.day as usize];
        }
        if g.bernoulli(fatality.min(1.0)) {
            self.patients[i].flags |= DIES_IN_STAY;
        }
        self.patients[i].since = self.day as u16;
        self.set_location(i, Location::Acute);
        self.push(i, self.day + los as u32);
    }

    /// Today's trend factor of the mean length of stay, computed once a day.
    fn los_trend(&mut self) -> f64 {
        if self.los_trend.0 != self.day {
            let scn = self.ctx.scn;
            let trend = (1.0 + scn.hospital.los_change_per_year)
                .powf(self.ctx.tl.years_from(self.day, scn.demand_reference));
            self.los_trend = (self.day, trend);
        }
        self.los_trend.1
    }

    /// A discharge alive: to home (or back to the care home), or onward.
    /// Starts the post-discharge window; follow-up may be lost at the hand-off.
    pub(super) fn live_discharge(&mut self, i: usize, g: &mut SplitMix64, overnight: bool) {
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
                    self.co().coordinator_missed_reduction * self.lv(Lever::CareCoordinator)
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

    pub(super) fn info_loss_prob(&self) -> f64 {
        self.ctx.scn.fragmentation.handoff_information_loss_prob
            * (1.0
                - self.co().shared_record_information_loss_reduction
                    * self.lv(Lever::SharedCareRecord))
    }

    /// End of the medical part of an overnight stay: death (decided at
    /// admission), or discharge.
    pub(super) fn medically_fit(&mut self, i: usize, stamp: u32) {
        let mut g = self.draws(Stream::Discharge, i, stamp);
        if self.patients[i].has(DIES_IN_STAY) {
            self.patients[i].flags &= !DIES_IN_STAY;
            self.die(i);
            return;
        }
        self.discharge(i, &mut g);
    }
}
