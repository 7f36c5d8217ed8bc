//! The synthetic population of a site: age, frailty, multimorbidity,
//! residence and a heavy-tailed personal risk, drawn from the scenario's case
//! mix on the `population` stream (and `arrivals` for people who enter later).

use crate::model::demography;
use crate::model::patient::*;
use crate::model::rng::{SiteStreams, SplitMix64, Stream};
use crate::scenario::params::AGE_BAND_WIDTH_YEARS;
use crate::scenario::Scenario;

/// Draw a personal risk multiplier: lognormal with mean 1.
#[inline]
pub fn draw_risk(g: &mut SplitMix64, sigma: f64) -> f32 {
    (sigma * g.normal() - 0.5 * sigma * sigma).exp() as f32
}

/// A new person in age band `age`, fit, living at home.
pub fn new_person(g: &mut SplitMix64, scn: &Scenario, age: u8) -> Patient {
    let p = &scn.population;
    let mm = g.bernoulli(p.multimorbidity_prevalence_by_band[age as usize]);
    Patient {
        risk: draw_risk(g, p.personal_risk_sigma),
        stamp: 0,
        window_cost: 0.0,
        since: NO_DAY,
        discharged: NO_DAY,
        age,
        frailty: 0,
        residence: Residence::Community as u8,
        location: Location::Home as u8,
        flags: if mm { MULTIMORBID } else { 0 },
        onward: Onward::Home,
        delay: None,
    }
}

/// Age-band shares at the start of the run: the site's own if it gives
/// them; else England's on the start date (ONS) with
/// `population.follow_ons_demography`, or `population.age_band_share`.
pub fn start_age_shares(scn: &Scenario, site: usize) -> [f64; 6] {
    let p = &scn.population;
    if let Some(s) = scn.sites[site].age_band_share {
        return s;
    }
    if p.follow_ons_demography >= 0.5 {
        let pop = demography::population_on(scn.start);
        let total: f64 = pop.iter().sum();
        return pop.map(|x| x / total);
    }
    p.age_band_share
}

/// Arrivals per person a year, for sizing the patient vector.
fn arrivals_per_person_year(scn: &Scenario) -> f64 {
    let p = &scn.population;
    if p.follow_ons_demography >= 0.5 {
        demography::years()
            .iter()
            .map(|y| y.birth_rate() + y.migrant_rate().iter().sum::<f64>())
            .fold(0.0, f64::max)
    } else {
        (p.births_per_1000py + p.net_migration_per_1000py.max(0.0)) / 1000.0
    }
}

/// Yearly rates of frailty recovery, by band and eFI category (from each
/// category to the one below; 0 from fit), that make the starting
/// prevalence of each band a steady state (`population.frailty_steady_state`;
/// all 0 without it). See docs/MODEL.md 7.11.
///
/// A band's mix keeps its shares `pi` if, for each category `f`, what flows
/// in equals what flows out. Per person of the band and per year: people
/// enter at rate `r` with the mix of the band below, and deaths remove `mu_f`
/// against the band's mean `mu`; ageing out removes all categories alike and
/// cancels. So the net upward flow across the boundary above `f`,
/// `J_f = u_f pi_f - d_(f+1) pi_(f+1)`, is the running sum of
/// `r (pi_in_k - pi_k) - (mu_k - mu) pi_k` over `k <= f`, and each recovery
/// rate `d_(f+1)` follows. A negative solution (onset too slow for the
/// prevalence) is set to 0.
pub fn frailty_recovery_per_year(scn: &Scenario) -> [[f64; 4]; 6] {
    let p = &scn.population;
    let mut out = [[0.0; 4]; 6];
    if p.frailty_steady_state < 0.5 {
        return out;
    }
    // Ageing into each band, per person of the band and per year.
    let inflow: [f64; 6] = if p.follow_ons_demography >= 0.5 {
        let r = demography::row(demography::year_of(scn.demand_reference));
        std::array::from_fn(|a| {
            if a == 0 || r.population[a] <= 0.0 {
                0.0
            } else {
                r.at_top_age[a - 1] / r.population[a]
            }
        })
    } else {
        let s = p.age_band_share;
        std::array::from_fn(|a| {
            if a == 0 || s[a] <= 0.0 {
                0.0
            } else {
                s[a - 1] / AGE_BAND_WIDTH_YEARS[a - 1] / s[a]
            }
        })
    };
    let mix = |a: usize| -> [f64; 4] {
        let (m, o, s) = (
            p.frailty_share_mild_by_band[a],
            p.frailty_share_moderate_by_band[a],
            p.frailty_share_severe_by_band[a],
        );
        [1.0 - m - o - s, m, o, s]
    };
    for a in 0..6 {
        let pi = mix(a);
        let pi_in = if a == 0 { pi } else { mix(a - 1) };
        let up = [
            p.frailty_onset_per_1000py_by_band[a] / 1000.0,
            p.frailty_mild_to_moderate_per_1000py_by_band[a] / 1000.0,
            p.frailty_moderate_to_severe_per_1000py_by_band[a] / 1000.0,
        ];
        let mu: [f64; 4] = std::array::from_fn(|f| {
            p.mortality_fit_per_1000py_by_band[a] / 1000.0 * p.frailty_hr_mortality[f]
        });
        let mean_mu: f64 = (0..4).map(|f| mu[f] * pi[f]).sum();
        let mut net_up = 0.0;
        for f in 0..3 {
            net_up += inflow[a] * (pi_in[f] - pi[f]) - (mu[f] - mean_mu) * pi[f];
            if pi[f + 1] > 0.0 {
                out[a][f + 1] = ((up[f] * pi[f] - net_up) / pi[f + 1]).max(0.0);
            }
        }
    }
    out
}

/// The initial population of site `site`: `population` people with the case
/// mix of the scenario (see [`start_age_shares`]).
pub fn initial_population(scn: &Scenario, site: usize, key: SiteStreams) -> Vec<Patient> {
    let spec = &scn.sites[site];
    let p = &scn.population;
    let shares = start_age_shares(scn, site);
    let n = spec.population as usize;
    // Room for everyone who arrives during the run (with a margin), so the
    // vector is never moved out of its huge pages.
    let years = (scn.run.warm_up_months + scn.run.horizon_months) as f64 / 12.0;
    let arrivals_per_person = arrivals_per_person_year(scn) * years;
    let mut out = Vec::with_capacity(n + (n as f64 * arrivals_per_person * 1.1) as usize + 1024);
    advise_huge_pages(&out);
    for i in 0..n {
        let mut g = key.patient(Stream::Population, i as u32, 0);
        let age = g.choose(&shares) as u8;
        let mut person = new_person(&mut g, scn, age);
        let a = age as usize;
        let u = g.uniform();
        let (mild, moderate, severe) = (
            p.frailty_share_mild_by_band[a],
            p.frailty_share_moderate_by_band[a],
            p.frailty_share_severe_by_band[a],
        );
        person.frailty = if u < severe {
            3
        } else if u < severe + moderate {
            2
        } else if u < severe + moderate + mild {
            1
        } else {
            0
        };
        // Care-home residents are drawn more often from the frailer: the
        // band share is kept, tilted by frailty (weights sum to 1 over the
        // band's mix, so the band's share is unchanged in expectation).
        let tilt = p.care_home_frailty_tilt;
        let mix = (1.0 - mild - moderate - severe) * tilt[0]
            + mild * tilt[1]
            + moderate * tilt[2]
            + severe * tilt[3];
        let p_ch =
            (p.care_home_share_by_band[a] * tilt[person.frailty as usize] / mix.max(1e-9)).min(1.0);
        if g.bernoulli(p_ch) {
            person.residence = if g.bernoulli(p.care_home_residential_share) {
                Residence::Residential as u8
            } else {
                Residence::Nursing as u8
            };
        }
        out.push(person);
    }
    out
}

/// Ask the kernel to back a large, not yet touched vector with huge pages
/// (Linux `madvise(MADV_HUGEPAGE)`; elsewhere nothing). Events visit
/// patients in random order, so with 4 KiB pages a large site misses the
/// TLB on almost every event. The hint never changes contents or results.
fn advise_huge_pages<T>(v: &Vec<T>) {
    #[cfg(target_os = "linux")]
    {
        const PAGE: usize = 4096;
        let bytes = v.capacity() * std::mem::size_of::<T>();
        if bytes < (4 << 20) {
            return;
        }
        let start = v.as_ptr() as usize;
        let aligned = start.next_multiple_of(PAGE);
        let len = (start + bytes).saturating_sub(aligned) / PAGE * PAGE;
        // SAFETY: the range lies inside the vector's own allocation, and
        // MADV_HUGEPAGE is advisory: it changes no data and no mapping rights.
        unsafe {
            libc::madvise(aligned as *mut libc::c_void, len, libc::MADV_HUGEPAGE);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = v;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_risk_has_mean_one_and_heavy_tail() {
        // 400k draws, sigma 1.05: SD of the lognormal is sqrt(e^1.1025 - 1)
        // = 1.44, so the SE of the mean is 0.0023; 6 SE = 0.014.
        let mut g = SplitMix64::new(3);
        let n = 400_000;
        let mut v: Vec<f64> = (0..n).map(|_| draw_risk(&mut g, 1.05) as f64).collect();
        let mean = v.iter().sum::<f64>() / n as f64;
        assert!((mean - 1.0).abs() < 0.014, "{mean}");
        v.sort_by(|a, b| b.total_cmp(a));
        let top5: f64 = v[..n / 20].iter().sum::<f64>() / v.iter().sum::<f64>();
        assert!(top5 > 0.2 && top5 < 0.4, "{top5}");
    }
}
