use super::*;

impl SiteSim<'_> {
    /// A medically fit patient leaves: home at once, or onward care once
    /// assessed (a delay while the assessment is awaited).
    pub(super) fn discharge(&mut self, i: usize, g: &mut SplitMix64) {
        let onward = self.onward_need(i, g);
        if onward == Onward::Home {
            self.go_home(i, g);
            return;
        }
        self.patients[i].onward = onward;
        let scn = self.ctx.scn;
        let d = &scn.discharge;
        let mean = match onward {
            Onward::Package => d.assessment_days_home_care_package,
            Onward::IntermediateCare => d.assessment_days_intermediate_care,
            Onward::CareHome | Onward::Home => d.assessment_days_care_home,
        } * (1.0
            - self.co().d2a_assessment_reduction * self.lv(Lever::DischargeToAssess));
        let mut days = mean * g.exp1();
        if g.bernoulli(self.info_loss_prob()) {
            days += scn.fragmentation.repeat_assessment_days * g.exp1();
        }
        let days = days.round() as u32;
        if days == 0 {
            self.place(i, g);
        } else {
            self.set_delayed(
                i,
                Location::DelayedAssessment,
                DelayCause::of_assessment(onward),
            );
            self.push(i, self.day + days);
        }
    }

    /// The onward care a discharge needs: care-home residents go back home;
    /// others by shares that depend on frailty. The care homes are those for
    /// older people (their beds are sized for the residents 65+): a new
    /// placement is for someone 65 or over, as entries from home are.
    fn onward_need(&self, i: usize, g: &mut SplitMix64) -> Onward {
        let p = self.patients[i];
        if p.residence != 0 {
            return Onward::Home;
        }
        let f = p.frailty as usize;
        let d = &self.ctx.scn.discharge;
        let pk = if p.has(PACKAGE) {
            0.0
        } else {
            d.share_home_care_package_by_frailty[f]
        };
        let ch = if p.age as usize >= OLDER_FIRST_BAND {
            (d.share_care_home_by_frailty[f] * self.placement_factor()).min(1.0)
        } else {
            0.0
        };
        let w = [
            (1.0 - pk - d.share_intermediate_care_by_frailty[f] - ch).max(0.0),
            pk,
            d.share_intermediate_care_by_frailty[f],
            ch,
        ];
        Onward::from_u8(g.choose(&w) as u8)
    }

    pub(super) fn set_delayed(&mut self, i: usize, to: Location, cause: DelayCause) {
        self.clear_delay(i);
        // Each delayed day is an excess bed day on the patient's record.
        self.charge_to_window_end(i, self.ctx.scn.costs.excess_bed_day_gbp);
        self.patients[i].delay = Some(cause);
        self.counts.delayed_by_cause[cause as usize] += 1;
        self.set_location(i, to);
    }

    pub(super) fn clear_delay(&mut self, i: usize) {
        if let Some(c) = self.patients[i].delay.take() {
            self.counts.delayed_by_cause[c as usize] -= 1;
            self.charge_to_window_end(i, -self.ctx.scn.costs.excess_bed_day_gbp);
        }
    }

    pub(super) fn assessed(&mut self, i: usize, stamp: u32) {
        let mut g = self.draws(Stream::Discharge, i, stamp);
        self.place(i, &mut g);
    }

    /// Take a place in the onward service, or wait in hospital for one.
    pub(super) fn place(&mut self, i: usize, g: &mut SplitMix64) {
        let onward = self.patients[i].onward;
        let svc = self.services.place_for(onward);
        if svc.free() && svc.queue.is_empty() {
            self.transfer(i, onward, g);
        } else {
            svc.queue.push_back((i as u32, self.patients[i].stamp));
            self.set_delayed(i, Location::DelayedWaiting, DelayCause::of_waiting(onward));
        }
    }

    /// Leave hospital into the onward service (a place is free).
    pub(super) fn transfer(&mut self, i: usize, onward: Onward, g: &mut SplitMix64) {
        self.clear_delay(i);
        self.set_location(i, Location::Home);
        self.live_discharge(i, g, true);
        match onward {
            Onward::Package => {
                self.services.packages.in_use += 1;
                self.patients[i].flags |= PACKAGE;
                self.add(b::PACKAGE_STARTS, 1.0);
                self.after_home(i, g);
            }
            Onward::IntermediateCare => {
                self.services.ic.in_use += 1;
                self.add(b::IC_ADMISSIONS, 1.0);
                self.set_location(i, Location::IntermediateCare);
                self.patients[i].since = self.day as u16;
                self.charge_to_window_end(i, self.ctx.scn.costs.intermediate_care_day_gbp);
                let stay = (self.ctx.scn.discharge.intermediate_care_mean_stay_days * g.exp1())
                    .round()
                    .max(1.0) as u32;
                self.push(i, self.day + stay);
            }
            Onward::CareHome | Onward::Home => {
                let res = self.placement_type(i, g);
                self.move_into_care_home(i, res);
                self.after_home(i, g);
            }
        }
    }

    pub(super) fn after_home(&mut self, i: usize, g: &mut SplitMix64) {
        self.patients[i].onward = Onward::Home;
        self.schedule_home(i, self.day, g);
    }

    pub(super) fn go_home(&mut self, i: usize, g: &mut SplitMix64) {
        self.clear_delay(i);
        self.set_location(i, Location::Home);
        self.live_discharge(i, g, true);
        self.after_home(i, g);
    }

    pub(super) fn leave_intermediate_care(&mut self, i: usize, stamp: u32) {
        let d = &self.ctx.scn.discharge;
        let mut g = self.draws(Stream::Discharge, i, stamp);
        self.services.ic.in_use -= 1;
        self.set_location(i, Location::Home);
        // Care homes for older people take people 65+ (as `onward_need`).
        let ch = if self.patients[i].age as usize >= OLDER_FIRST_BAND {
            (d.intermediate_care_to_care_home * self.placement_factor()).min(1.0)
        } else {
            0.0
        };
        let w = [
            (1.0 - d.intermediate_care_to_home_care_package - ch).max(0.0),
            d.intermediate_care_to_home_care_package,
            ch,
        ];
        match g.choose(&w) {
            1 if !self.patients[i].has(PACKAGE) => {
                if self.services.packages.free() && self.services.packages.queue.is_empty() {
                    self.services.packages.in_use += 1;
                    self.patients[i].flags |= PACKAGE;
                    self.add(b::PACKAGE_STARTS, 1.0);
                } else {
                    self.set_unmet(i, true);
                }
            }
            2 => {
                if self.services.care_homes.free() && self.services.care_homes.queue.is_empty() {
                    let res = self.placement_type(i, &mut g);
                    self.move_into_care_home(i, res);
                } else {
                    self.set_unmet(i, true);
                }
            }
            _ => {}
        }
        // Intermediate-care days are charged to the patient's record from
        // the day the stay began: take back the days past today.
        self.charge_to_window_end(i, -self.ctx.scn.costs.intermediate_care_day_gbp);
        self.after_home(i, &mut g);
        self.release(Onward::IntermediateCare);
    }
}
