use super::*;
use crate::scenario::Site;

/// A capacity-limited service with a FIFO queue of patients waiting in hospital.
#[derive(Clone, Debug, Default)]
pub(super) struct Service {
    pub(super) capacity: u32,
    pub(super) in_use: u32,
    pub(super) queue: VecDeque<(u32, u32)>,
}

impl Service {
    pub(super) fn free(&self) -> bool {
        self.in_use < self.capacity
    }
}

/// The capacity-limited services of a site: places with queues, and
/// same-day crisis slots.
pub(super) struct Services {
    /// Intermediate care.
    pub(super) ic: Service,
    /// Home-care packages.
    pub(super) packages: Service,
    /// Care-home beds.
    pub(super) care_homes: Service,
    /// Capacities on the reference date (intermediate care, packages, care
    /// homes): the per-100,000 rates times the site's declared population.
    pub(super) base_capacity: [f64; 3],
    /// Days from the start to the reference date, 30 June of
    /// `population.site_population_year` (negative if the run starts after it).
    pub(super) reference_day: f64,
    /// Expected need relative to England: multiplies the same-day slots.
    pub(super) need: f64,
    /// Same-day general-practice and UCR slots left today.
    pub(super) gp_slots: u32,
    pub(super) ucr_slots: u32,
    /// Fractions of a slot carried to tomorrow.
    pub(super) gp_carry: f64,
    pub(super) ucr_carry: f64,
}

impl Services {
    /// The service that gives places for `onward` care (care homes for a
    /// care-home placement, and for the unused `Home`).
    #[inline(always)]
    pub(super) fn place_for(&mut self, onward: Onward) -> &mut Service {
        match onward {
            Onward::Package => &mut self.packages,
            Onward::IntermediateCare => &mut self.ic,
            Onward::CareHome | Onward::Home => &mut self.care_homes,
        }
    }

    /// Step 3: services sized for the site's population (care homes at
    /// least for their initial residents). A site on places scales care-home
    /// beds by its places' CQC beds per resident and the other capacities by
    /// its expected need (both 1 otherwise; docs/MODEL.md 7.13).
    ///
    /// The per-100,000 rates are stocks of the reference year, the mid-year
    /// the sites' populations are declared for (`population.site_population_year`):
    /// the base capacities are those rates times the declared population, and
    /// capacities grow (or shrink, before it) from that date, so the capacity
    /// of a given month does not depend on when a run starts.
    pub(super) fn new(scn: &Scenario, site: &Site, patients: &[Patient]) -> Services {
        let per100k = site.declared_population as f64 / 100_000.0;
        let reference = crate::scenario::dates::Date {
            year: scn.population.site_population_year.round() as i32,
            month: 6,
            day: 30,
        };
        let reference_day = (reference.to_days() - scn.start.to_days()) as f64;
        let (need, beds) = site.place.as_ref().map_or((1.0, 1.0), |p| {
            (p.capacity_need_index, p.care_home_bed_ratio)
        });
        let sv = &scn.services;
        let n_res = patients.iter().filter(|p| p.residence != 0).count() as u32;
        let base_capacity = [
            sv.intermediate_care_places_per_100k * per100k * need,
            sv.home_care_packages_per_100k * per100k * need,
            (sv.care_home_beds_per_100k * per100k * beds).max(n_res as f64),
        ];
        // The first day's capacities, as `open_services_for_day` sets them
        // (the initial packages are a share of the first day's capacity).
        let years = -reference_day / 365.25;
        let g = (1.0 + sv.capacity_growth_per_year).powf(years);
        let gc = (1.0 + sv.care_home_capacity_growth_per_year).powf(years);
        Services {
            ic: Service {
                capacity: (base_capacity[0] * g).round() as u32,
                ..Default::default()
            },
            packages: Service {
                capacity: (base_capacity[1] * g).round() as u32,
                ..Default::default()
            },
            care_homes: Service {
                capacity: ((base_capacity[2] * gc).round() as u32).max(n_res),
                ..Default::default()
            },
            base_capacity,
            reference_day,
            need,
            gp_slots: 0,
            ucr_slots: 0,
            gp_carry: 0.0,
            ucr_carry: 0.0,
        }
    }
}

impl SiteSim<'_> {
    /// Service capacities follow growth at each month's start (a place
    /// freed goes to the head of its queue); today's crisis slots are set.
    pub(super) fn open_services_for_day(&mut self) {
        let scn = self.ctx.scn;
        if self.day == 0 || self.ctx.tl.month_of_day[self.day as usize - 1] as usize != self.month {
            let years = (self.day as f64 - self.services.reference_day) / 365.25;
            let g = (1.0 + scn.services.capacity_growth_per_year).powf(years);
            self.services.ic.capacity = (self.services.base_capacity[0] * g).round() as u32;
            self.services.packages.capacity = (self.services.base_capacity[1] * g).round() as u32;
            let gc = (1.0 + scn.services.care_home_capacity_growth_per_year).powf(years);
            self.services.care_homes.capacity =
                ((self.services.base_capacity[2] * gc).round() as u32).max(
                    self.services
                        .care_homes
                        .in_use
                        .min(self.services.care_homes.capacity),
                );
            for which in [Onward::IntermediateCare, Onward::Package, Onward::CareHome] {
                self.release(which);
            }
        }
        let alive = self.alive() as f64;
        let alive = alive * self.services.need;
        self.services.gp_carry += scn.services.gp_crisis_slots_per_100k_per_day * alive / 100_000.0;
        self.services.gp_slots = self.services.gp_carry as u32; // floor: the carry is >= 0
        self.services.gp_carry -= self.services.gp_slots as f64;
        let ucr_mult = (1.0
            + self.co().ucr_capacity_multiplier * self.lv(Lever::UrgentCommunityResponse))
        .max(0.0);
        self.services.ucr_carry +=
            scn.services.ucr_slots_per_100k_per_day * ucr_mult * alive / 100_000.0;
        self.services.ucr_slots = self.services.ucr_carry as u32; // floor: the carry is >= 0
        self.services.ucr_carry -= self.services.ucr_slots as f64;
    }

    /// A place in a service has freed: give it to the head of its queue.
    pub(super) fn release(&mut self, which: Onward) {
        loop {
            let svc = self.services.place_for(which);
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
            let mut g = self.draws(Stream::Discharge, i, st);
            self.transfer(i, which, &mut g);
        }
    }
}
