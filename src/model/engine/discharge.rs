use super::*;

impl SiteSim<'_> {
    pub(super) fn set_delayed(&mut self, i: usize, to: Location, cause: DelayCause) {
        self.clear_delay(i);
        self.patients[i].delay = Some(cause);
        self.counts.delayed_by_cause[cause as usize] += 1;
        self.set_location(i, to);
    }

    pub(super) fn clear_delay(&mut self, i: usize) {
        if let Some(c) = self.patients[i].delay.take() {
            self.counts.delayed_by_cause[c as usize] -= 1;
        }
    }

    pub(super) fn assessed(&mut self, i: usize, stamp: u32) {
        let mut g = self.ctx.key.patient(Stream::Discharge, i as u32, stamp);
        self.place(i, &mut g, stamp);
    }

    /// Take a place in the onward service, or wait in hospital for one.
    pub(super) fn place(&mut self, i: usize, g: &mut SplitMix64, stamp: u32) {
        let onward = self.patients[i].onward;
        let svc = match onward {
            Onward::Package => &mut self.services.packages,
            Onward::IntermediateCare => &mut self.services.ic,
            _ => &mut self.services.care_homes,
        };
        if svc.free() && svc.queue.is_empty() {
            self.transfer(i, onward, g, stamp);
        } else {
            let st = self.patients[i].stamp;
            match onward {
                Onward::Package => self.services.packages.queue.push_back((i as u32, st)),
                Onward::IntermediateCare => self.services.ic.queue.push_back((i as u32, st)),
                _ => self.services.care_homes.queue.push_back((i as u32, st)),
            }
            self.set_delayed(i, Location::DelayedWaiting, DelayCause::of_waiting(onward));
        }
    }

    /// Leave hospital into the onward service (a place is free).
    pub(super) fn transfer(&mut self, i: usize, onward: Onward, g: &mut SplitMix64, _stamp: u32) {
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
                let stay = (self.ctx.scn.discharge.intermediate_care_mean_stay_days * g.exp1())
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

    pub(super) fn after_home(&mut self, i: usize, g: &mut SplitMix64) {
        self.patients[i].onward = Onward::Home;
        self.schedule_home(i, self.day, g);
    }

    pub(super) fn go_home(&mut self, i: usize, g: &mut SplitMix64, _stamp: u32) {
        self.clear_delay(i);
        self.set_location(i, Location::Home);
        self.live_discharge(i, g, true);
        self.after_home(i, g);
    }

    pub(super) fn leave_intermediate_care(&mut self, i: usize, stamp: u32) {
        let d = &self.ctx.scn.discharge;
        let mut g = self.ctx.key.patient(Stream::Discharge, i as u32, stamp);
        self.services.ic.in_use -= 1;
        self.set_location(i, Location::Home);
        let w = [
            1.0 - d.intermediate_care_to_home_care_package - d.intermediate_care_to_care_home,
            d.intermediate_care_to_home_care_package,
            d.intermediate_care_to_care_home,
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
            * self.ctx.scn.costs.intermediate_care_day_gbp;
        self.add_window_cost(i, stay_cost);
        self.after_home(i, &mut g);
        self.release(Onward::IntermediateCare);
    }
}
