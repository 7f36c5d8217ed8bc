use super::*;

/// Where a crisis goes. The order is that of the shares in
/// [`RouteShares`] and so of the draw that picks a route (part of the
/// random-number contract: do not reorder).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Route {
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
pub(super) struct RouteShares([f64; Route::COUNT]);

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

/// The shares of a care-home resident's crisis: `ae` to A&E and the rest,
/// `1 - ae`, split over the other routes in proportion to the scenario's
/// shares `w`. Rule for zero remaining mass: if the scenario sends every
/// crisis to A&E (the other shares are all zero), the part of a care-home
/// crisis that does not go to A&E goes to general practice (the home's own
/// GP), so no weight is ever 0/0.
pub(super) fn care_home_shares(w: &RouteShares, ae: f64) -> RouteShares {
    use Route::*;
    let rest = w[GeneralPractice] + w[UrgentCommunityResponse] + w[DirectAdmission] + w[Missed];
    if rest > 0.0 {
        RouteShares([
            w[GeneralPractice] / rest * (1.0 - ae),
            w[UrgentCommunityResponse] / rest * (1.0 - ae),
            ae,
            w[DirectAdmission] / rest * (1.0 - ae),
            w[Missed] / rest * (1.0 - ae),
        ])
    } else {
        RouteShares([1.0 - ae, 0.0, ae, 0.0, 0.0])
    }
}

impl SiteSim<'_> {
    /// A crisis: route it, then act on the route.
    pub(super) fn crisis(&mut self, i: usize, stamp: u32, kind: &KindOf) {
        let mut g = self.draws(Stream::Routing, i, stamp);
        self.add(b::CRISES, 1.0);
        let w = self.route_shares(i, kind);
        let chosen = Route::ALL[g.choose(&w.0)];
        let route = self.take_slot(chosen, &mut g);
        match route {
            Route::GeneralPractice => {
                self.add(b::CRISES_GP, 1.0);
                self.cost(
                    b::COST_PRIMARY,
                    self.ctx.scn.costs.gp_consultation_gbp,
                    Some(i),
                );
                self.set_unmet(i, false);
            }
            Route::UrgentCommunityResponse => {
                self.add(b::CRISES_UCR, 1.0);
                self.cost(
                    b::COST_COMMUNITY,
                    self.ctx.scn.costs.ucr_contact_gbp,
                    Some(i),
                );
                self.set_unmet(i, false);
            }
            Route::AE => self.ae_attendance(i, stamp, kind, &mut g),
            Route::DirectAdmission => {
                self.add(b::CRISES_DIRECT, 1.0);
                self.admit(i, stamp, kind);
            }
            Route::Missed => {
                self.add(b::CRISES_MISSED, 1.0);
                self.set_unmet(i, true);
            }
        }
    }

    /// The shares of a patient's crisis of `kind` by route: the scenario's
    /// routing, reshaped for care-home residents and by the levers at work
    /// now, each lever weighted by its reach over the crisis's kind.
    pub(super) fn route_shares(&self, i: usize, kind: &KindOf) -> RouteShares {
        let r = &self.ctx.scn.routing;
        let co = self.co();
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
            let ehch = self.lv(Lever::EnhancedCareHomeSupport);
            let ae = (r.care_home_ae_share
                * (1.0
                    + (co.ehch_ae_share_rr - 1.0)
                        * ehch
                        * self.reach_of_reduction(
                            i,
                            kind,
                            Lever::EnhancedCareHomeSupport,
                            co.ehch_ae_share_rr,
                            ehch,
                        )))
            .clamp(0.0, 1.0);
            w = care_home_shares(&w, ae);
        }
        // UCR lever: more crises to UCR, taken from A&E.
        let ucr = self.lv(Lever::UrgentCommunityResponse);
        let extra_ucr = if ucr > 0.0 {
            (w[UrgentCommunityResponse]
                * co.ucr_routing_multiplier
                * ucr
                * self.reach(i, kind, Lever::UrgentCommunityResponse))
            .min(w[AE])
        } else {
            0.0
        };
        w[UrgentCommunityResponse] += extra_ucr;
        w[AE] -= extra_ucr;
        // UEC triage diverts A&E-bound crises to general practice and UCR.
        let uec = self.lv(Lever::UecTriage);
        let div = if uec > 0.0 {
            (w[AE] * co.uec_ae_diversion * uec * self.reach(i, kind, Lever::UecTriage)).min(w[AE])
        } else {
            0.0
        };
        w[AE] -= div;
        let to_gp = co.uec_diversion_general_practice_share;
        w[GeneralPractice] += div * to_gp;
        w[UrgentCommunityResponse] += div * (1.0 - to_gp);
        // Case management: enrolled patients are sent to A&E more (found need).
        if !care_home && self.in_cm_segment(i) {
            let extra = (w[AE] * (co.case_management_ae_rr - 1.0) * self.lv(Lever::CaseManagement))
                .clamp(-w[AE], w[GeneralPractice]);
            w[AE] += extra;
            w[GeneralPractice] -= extra;
        }
        // A coordinator owns the whole person: fewer crises missed.
        let owner = self.ctx.scn.fragmentation.missed_crisis_owner_reduction
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

    /// The reach of a lever acting through a rate ratio `rr` at strength
    /// `strength`: its [`reach`](SiteSim::reach) over the crisis's kind when
    /// it reduces (`rr < 1`); a lever that raises a rate raises it for every
    /// kind alike (1), and a lever not at work needs no draw (0).
    pub(super) fn reach_of_reduction(
        &self,
        i: usize,
        kind: &KindOf,
        lever: Lever,
        rr: f64,
        strength: f64,
    ) -> f64 {
        if strength <= 0.0 || rr == 1.0 {
            0.0
        } else if rr > 1.0 {
            1.0
        } else {
            self.reach(i, kind, lever)
        }
    }

    /// Take today's slot of a capacity-limited route; services that are
    /// full send crises on: some to A&E, some lost.
    pub(super) fn take_slot(&mut self, route: Route, g: &mut SplitMix64) -> Route {
        let slots = match route {
            Route::GeneralPractice => &mut self.services.gp_slots,
            Route::UrgentCommunityResponse => &mut self.services.ucr_slots,
            Route::AE | Route::DirectAdmission | Route::Missed => return route,
        };
        if *slots > 0 {
            *slots -= 1;
            route
        } else if g.bernoulli(self.ctx.scn.routing.fallback_when_full_missed_share) {
            Route::Missed
        } else {
            Route::AE
        }
    }

    /// An A&E attendance; at a major A&E, it may end in admission.
    pub(super) fn ae_attendance(
        &mut self,
        i: usize,
        stamp: u32,
        kind: &KindOf,
        g: &mut SplitMix64,
    ) {
        let r = &self.ctx.scn.routing;
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
        self.cost(b::COST_AE, self.ctx.scn.costs.ae_attendance_gbp, Some(i));
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
                .min(r.ae_conversion_cap);
            let (rr, uec) = (self.co().uec_conversion_rr, self.lv(Lever::UecTriage));
            let conv = (conv
                * (1.0
                    + (rr - 1.0)
                        * uec
                        * self.reach_of_reduction(i, kind, Lever::UecTriage, rr, uec)))
            .clamp(0.0, 1.0);
            if g.bernoulli(conv) {
                self.add(b::AE_MAJOR_ADMITTED, 1.0);
                self.admit(i, stamp, kind);
            }
        }
    }
}
