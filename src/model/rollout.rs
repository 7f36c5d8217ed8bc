//! Rollout: how sites build the ability to change, month by month, and what
//! that does to each lever's fidelity. Every mechanism is traceable to one of
//! the ten lessons of the new care models programme (Starling 2018):
//!
//! | lesson | mechanism here |
//! |---|---|
//! | 1 start with a specific population | care models target segments (`segment`, lever definitions) |
//! | 2 involve primary care from the start | primary-care engagement multiplies the fidelity of primary-care levers |
//! | 3 go where the energy is | units adopt in Bass diffusion weighted by enthusiasm; enthusiasts implement better |
//! | 4 shared understanding | a readiness stock, seeded by prior relationships, must pass a threshold before adoption starts |
//! | 5 test assumptions | design quality: the chance a site's version of a lever works; otherwise it has `poor_design_effect_share` of the effect |
//! | 6 learn from others | sites speed up by learning from peers ahead with the same model; imported models pay a context-fit penalty |
//! | 7 an engine room | funding buys workstreams; levers are built a few at a time |
//! | 8 distribute decision-making | faster plan-do-study-act: building speeds up |
//! | 9 workforce development | capability stock: raised by training, eroded by turnover |
//! | 10 evaluate | a site finds a lever that does not work (after a year) and redesigns it; conditional funding |
//!
//! Setbacks: leadership changes cost readiness and pause building; national
//! funding ends on a date. The whole programme is computed for all sites
//! together before patients are simulated (the learning network couples
//! sites), on the `rollout` random stream. A site's evaluation sees a
//! *measured* effect (the lever's true effect plus sampling noise that shrinks
//! with population), not the simulated counts, so sites can then be
//! simulated independently and in parallel.

use crate::model::engine::LeverPath;
use crate::model::rng::{SiteKey, SplitMix64, Stream};
use crate::scenario::dates::{Date, Timeline};
use crate::scenario::lever::{Lever, Levers};
use crate::scenario::Scenario;

/// Whether a lever's delivery depends on general practice (lesson 2).
fn primary_care(l: Lever) -> bool {
    match l {
        Lever::SharedCareRecord
        | Lever::CareCoordinator
        | Lever::CaseManagement
        | Lever::EnhancedCareHomeSupport => true,
        Lever::UrgentCommunityResponse
        | Lever::DischargeToAssess
        | Lever::UecTriage
        | Lever::AcuteCollaboration => false,
    }
}

/// One site's rollout, month by month.
#[derive(Clone, Debug, Default)]
pub struct SitePath {
    /// Effective lever strengths by month (what the engine uses).
    pub strength: LeverPath,
    /// Fidelity of each lever by month (0..1; 0 where the site does not adopt it).
    pub fidelity: LeverPath,
    /// Programme cost by month (GBP): transformation funding spent, set-up and running costs.
    pub programme_cost: Vec<f64>,
}

struct State {
    readiness: f64,
    engagement: f64,
    capability: f64,
    started: bool,
    enthusiasm: Vec<f64>,
    adopted: Vec<bool>,
    adopted_share: f64,
    build: Levers<f64>,
    build_start_month: Levers<Option<usize>>,
    works: Levers<bool>,
    pause_until: usize,
    funded: bool,
    fidelity: Levers<f64>,
    /// Measured-effect signal by month (percentage points of admissions avoided).
    signals: Vec<f64>,
    evaluated: bool,
}

fn first_of_month(tl: &Timeline, m: usize) -> Date {
    let p = tl.periods[m];
    Date {
        year: p.year,
        month: p.month,
        day: 1,
    }
}

/// The rollout of every site of one replicate.
pub fn plan(scn: &Scenario, tl: &Timeline, replicate: u32) -> Vec<SitePath> {
    let n_months = tl.n_months();
    let ro = &scn.rollout;
    let nat_end = ro.national_funding_end;
    let cond_from = ro.conditional_funding_from;
    let n_sites = scn.sites.len();
    let mut rngs: Vec<SplitMix64> = scn
        .sites
        .iter()
        .map(|s| {
            SiteKey::new(scn.run.seed, scn.run.crn_key, replicate, &s.name)
                .site_stream(Stream::Rollout, 0)
        })
        .collect();
    let mut states: Vec<State> = (0..n_sites)
        .map(|i| {
            let im = &scn.sites[i].implementation;
            let n_units = im.units_per_site.round().max(1.0) as usize;
            let g = &mut rngs[i];
            let mut enthusiasm: Vec<f64> = (0..n_units).map(|_| g.uniform()).collect();
            enthusiasm.sort_by(|a, b| b.total_cmp(a));
            State {
                readiness: ro.params.readiness_seed_share * im.prior_relationships,
                engagement: im.primary_care_engagement,
                capability: im.capability_initial,
                started: false,
                adopted: vec![false; n_units],
                enthusiasm,
                adopted_share: 0.0,
                build: Levers::splat(0.0),
                build_start_month: Levers::splat(None),
                works: Levers::splat(true),
                pause_until: 0,
                funded: true,
                fidelity: Levers::splat(0.0),
                signals: Vec::new(),
                evaluated: false,
            }
        })
        .collect();
    let mut paths: Vec<SitePath> = (0..n_sites)
        .map(|_| SitePath {
            strength: Vec::with_capacity(n_months),
            fidelity: Vec::with_capacity(n_months),
            programme_cost: Vec::with_capacity(n_months),
        })
        .collect();
    for m in 0..n_months {
        let date = first_of_month(tl, m);
        // Peers' fidelity last month, per care model (learning network).
        let peer_mean = |model: &str, me: usize, states: &[State]| -> f64 {
            let (mut s, mut n) = (0.0, 0.0);
            for (j, st) in states.iter().enumerate() {
                if j != me
                    && scn.sites[j]
                        .adoptions
                        .iter()
                        .any(|a| a.model == model && a.from <= date)
                {
                    s += st.fidelity.iter().cloned().fold(0.0, f64::max);
                    n += 1.0;
                }
            }
            if n > 0.0 {
                s / n
            } else {
                0.0
            }
        };
        let peer: Vec<f64> = (0..n_sites)
            .map(|i| {
                let own = states[i].fidelity.iter().cloned().fold(0.0, f64::max);
                scn.sites[i]
                    .adoptions
                    .iter()
                    .filter(|a| a.from <= date)
                    .map(|a| (peer_mean(&a.model, i, &states) - own).max(0.0))
                    .fold(0.0, f64::max)
            })
            .collect();
        for i in 0..n_sites {
            let site = &scn.sites[i];
            let im = &site.implementation;
            let st = &mut states[i];
            let g = &mut rngs[i];
            let statics = site.levers.to_levers();
            // Target strengths of the models adopted by now.
            let mut target = Levers::splat(0.0f64);
            let mut running = 0.0;
            let mut setup = 0.0;
            let mut imported = false;
            let mut complexity = f64::INFINITY;
            let mut advantage_needed = ro.conditional_growth_advantage_pp;
            let active: Vec<_> = site
                .adoptions
                .iter()
                .filter(|a| ro.enabled && a.from <= date)
                .collect();
            for a in &active {
                let model = &scn.models[&a.model];
                let l = model.levers.to_levers();
                for k in Lever::ALL {
                    target[k] = target[k].max(l[k]);
                }
                running += model.running_cost_per_head_year_gbp;
                setup += model.setup_cost_per_head_gbp;
                imported |= a.imported;
                complexity = complexity.min(model.complexity);
                if let Some(pp) = model.conditional_growth_advantage_pp {
                    advantage_needed = pp;
                }
            }
            let pop = site.population as f64;
            if active.is_empty() {
                paths[i].strength.push(statics);
                paths[i].fidelity.push(Levers::splat(0.0));
                paths[i].programme_cost.push(0.0);
                continue;
            }
            let pace = ro.pace_multiplier;
            let national_on = date <= nat_end && st.funded;
            let support = if date <= nat_end {
                ro.national_support
            } else {
                0.0
            };
            // Lesson 4: readiness builds; setbacks knock it back.
            st.readiness += im.readiness_build_per_year / 12.0 * pace * (1.0 - st.readiness);
            if g.bernoulli(1.0 - (-im.leadership_turnover_per_year / 12.0).exp()) {
                st.readiness *= 1.0 - im.setback_readiness_loss;
                st.pause_until = m + im.setback_pause_months.round() as usize;
            }
            if st.readiness >= im.readiness_threshold {
                st.started = true;
            }
            // Lesson 2: primary care engages over time, faster with national support.
            st.engagement += im.primary_care_engagement_growth_per_year / 12.0
                * pace
                * (1.0 + ro.params.engagement_support_gain * support)
                * (1.0 - st.engagement);
            // Lesson 9: capability: training raises it, turnover erodes it.
            st.capability += im.workforce_training / 12.0 * (1.0 - st.capability)
                - im.staff_turnover_per_year / 12.0 * st.capability;
            st.capability = st.capability.clamp(0.0, 1.0);
            // Lesson 3: units adopt, the enthusiastic first; adoption spreads.
            let before = st.adopted_share;
            if st.started {
                let n = st.adopted.len() as f64;
                let share = st.adopted.iter().filter(|a| **a).count() as f64 / n;
                for u in 0..st.adopted.len() {
                    if !st.adopted[u] {
                        let h = (im.adoption_innovation_per_year
                            + im.adoption_imitation_per_year * share)
                            / 12.0
                            * pace
                            * (ro.params.adoption_enthusiasm_offset + st.enthusiasm[u])
                            / complexity;
                        if g.bernoulli(1.0 - (-h).exp()) {
                            st.adopted[u] = true;
                        }
                    }
                }
            }
            let n = st.adopted.len() as f64;
            let fit = if imported {
                1.0 - im.context_fit_penalty
            } else {
                1.0
            };
            let quality: f64 = st
                .adopted
                .iter()
                .zip(&st.enthusiasm)
                .filter(|(a, _)| **a)
                .map(|(_, e)| 1.0 - im.enthusiast_quality_gain * (1.0 - e))
                .sum::<f64>()
                / n
                * fit;
            st.adopted_share = st.adopted.iter().filter(|a| **a).count() as f64 / n;
            // Lesson 7: funding buys workstreams; lessons 6 and 8 speed them up.
            let national = if national_on {
                ro.national_funding_per_head_year_gbp * ro.national_support
            } else {
                0.0
            };
            let funding = national + ro.local_funding_per_head_year_gbp;
            let workstreams = funding / im.workstream_cost_per_head_year_gbp;
            let speed = pace
                * (1.0 + ro.params.leadership_speed_gain * im.distributed_leadership)
                * (1.0 + ro.support_team_speed_gain * support)
                * (1.0
                    + im.learning_network_strength
                        * (ro.params.learning_without_support_share
                            + (1.0 - ro.params.learning_without_support_share) * support)
                        * peer[i]);
            let mut order: Vec<Lever> = Lever::ALL
                .into_iter()
                .filter(|&k| target[k] > 0.0)
                .collect();
            order.sort_by(|&a, &b| target[b].total_cmp(&target[a]).then(a.cmp(&b)));
            let mut building = false;
            if st.started && m >= st.pause_until {
                let mut slot = 0.0;
                for &k in &order {
                    if st.build[k] >= 1.0 {
                        continue;
                    }
                    let share = (workstreams - slot).clamp(0.0, 1.0);
                    slot += 1.0;
                    if share <= 0.0 {
                        break;
                    }
                    if st.build_start_month[k].is_none() {
                        st.build_start_month[k] = Some(m);
                        // Lesson 5: does this site's version work?
                        st.works[k] = g.bernoulli(im.design_quality);
                    }
                    st.build[k] =
                        (st.build[k] + speed * share / (im.build_months * complexity)).min(1.0);
                    building = true;
                }
            }
            // Lesson 10: evaluation finds a version that does not work and redesigns it.
            for k in Lever::ALL {
                if let Some(s0) = st.build_start_month[k] {
                    if !st.works[k]
                        && (m - s0) as f64 >= ro.params.evaluation_after_months
                        && g.bernoulli(1.0 - (-im.evaluation_strength / 12.0).exp())
                    {
                        st.build[k] *= ro.params.redesign_progress_kept;
                        st.build_start_month[k] = Some(m);
                        st.works[k] = g.bernoulli(im.design_quality);
                    }
                }
            }
            // Fidelity and effective strength.
            let mut fidelity = Levers::splat(0.0);
            let mut strength = statics;
            for k in Lever::ALL {
                if target[k] <= 0.0 {
                    continue;
                }
                let pc = if primary_care(k) {
                    let floor = ro.params.primary_care_fidelity_floor;
                    floor + (1.0 - floor) * st.engagement
                } else {
                    1.0
                };
                let cap_floor = ro.params.capability_fidelity_floor;
                let cap = cap_floor + (1.0 - cap_floor) * st.capability;
                fidelity[k] = (quality * st.build[k] * cap * pc).clamp(0.0, 1.0);
                let works = if st.works[k] {
                    1.0
                } else {
                    im.poor_design_effect_share
                };
                let s = target[k] * fidelity[k] * works;
                strength[k] = if s >= 0.0 { strength[k].max(s) } else { s };
            }
            st.fidelity = fidelity;
            // Conditional funding (lesson 10 as national policy): from the date,
            // a site keeps national money only if its measured admission growth
            // advantage over a year meets the model's condition.
            let signal: f64 = Lever::ALL
                .into_iter()
                .map(|k| ro.params.evaluation_signal_by_lever[k.index()] * strength[k])
                .sum::<f64>()
                * 100.0;
            st.signals.push(signal);
            if ro.conditional_funding && date >= cond_from && !st.evaluated {
                st.evaluated = true;
                let year_ago = st.signals.len().saturating_sub(13);
                // Sampling noise of a year's admission growth at this population
                // (evaluation_noise_pp_at_100k points at 100,000 people).
                let measured = signal - st.signals[year_ago]
                    + g.normal() * ro.params.evaluation_noise_pp_at_100k * (100_000.0 / pop).sqrt();
                if measured < advantage_needed {
                    st.funded = false;
                }
            }
            let spend = if building { funding } else { 0.0 };
            let cost = pop
                * ((spend + running * st.adopted_share) / 12.0
                    + setup * (st.adopted_share - before).max(0.0));
            paths[i].strength.push(strength);
            paths[i].fidelity.push(fidelity);
            paths[i].programme_cost.push(cost);
        }
    }
    paths
}

#[cfg(test)]
mod tests {
    //! Each lesson's mechanism moves fidelity (or effective strength) in the
    //! direction the lesson says. Comparisons use common random numbers (same
    //! seeds) and average over 12 sites and 4 replicates.
    use super::*;
    use crate::scenario::Scenario;

    fn scenario(sets: &[String]) -> Scenario {
        let mut text = String::from("[scenario]\nname = \"r\"\nquestion = \"?\"\n[run]\nstart_date = \"2015-04-01\"\nwarm_up_months = 0\nhorizon_months = 96\n");
        for i in 0..12 {
            text.push_str(&format!("\n[[sites]]\nname = \"s{i}\"\npopulation = 200000\nadopts = [{{ model = \"pacs\", from = \"2015-04-01\" }}]\n"));
        }
        Scenario::from_str(&text, "t.toml", sets).unwrap()
    }

    /// Mean fidelity (or strength) of adopted levers at `month`.
    fn mean_at(sets: &[&str], month: usize, strength: bool) -> f64 {
        let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
        let scn = scenario(&sets);
        let tl = crate::experiment::executor::timeline(&scn);
        let mut total = 0.0;
        let mut n = 0.0;
        for r in 0..4 {
            for p in plan(&scn, &tl, r) {
                let v = if strength {
                    &p.strength[month]
                } else {
                    &p.fidelity[month]
                };
                total += v.iter().sum::<f64>() / 7.0;
                n += 1.0;
            }
        }
        total / n
    }

    fn raises(key: &str, low: &str, high: &str, month: usize) {
        let (a, b) = (
            mean_at(&[&format!("{key}={low}")], month, false),
            mean_at(&[&format!("{key}={high}")], month, false),
        );
        assert!(b > a, "{key}: {low} -> {a:.4}, {high} -> {b:.4}");
    }

    #[test]
    fn lesson_2_primary_care_engagement_raises_fidelity() {
        raises("implementation.primary_care_engagement", "0.1", "0.9", 24);
    }

    #[test]
    fn lesson_3_adoption_spreads_faster_with_more_enthusiasm() {
        raises(
            "implementation.adoption_imitation_per_year",
            "0.2",
            "2.0",
            24,
        );
        // Enthusiasts implement better: a larger quality gap lowers fidelity.
        let (a, b) = (
            mean_at(&["implementation.enthusiast_quality_gain=0.0"], 60, false),
            mean_at(&["implementation.enthusiast_quality_gain=0.8"], 60, false),
        );
        assert!(a > b, "{a} {b}");
    }

    #[test]
    fn lesson_4_relationships_bring_change_forward() {
        raises("implementation.prior_relationships", "0.0", "1.0", 18);
        let (a, b) = (
            mean_at(&["implementation.readiness_threshold=0.3"], 18, false),
            mean_at(&["implementation.readiness_threshold=0.95"], 18, false),
        );
        assert!(a > b, "{a} {b}");
    }

    #[test]
    fn lesson_5_design_quality_raises_effective_strength() {
        let (a, b) = (
            mean_at(&["implementation.design_quality=0.2"], 48, true),
            mean_at(&["implementation.design_quality=1.0"], 48, true),
        );
        assert!(b > a, "{a} {b}");
    }

    #[test]
    fn lesson_6_learning_helps_and_imports_pay_a_penalty() {
        raises("implementation.learning_network_strength", "0.0", "1.0", 30);
        let (a, b) = (
            mean_at(&["implementation.context_fit_penalty=0.5"], 48, false),
            mean_at(
                &[
                    "implementation.context_fit_penalty=0.5",
                    "sites.0.adopts.0.imported=true",
                    "sites.1.adopts.0.imported=true",
                    "sites.2.adopts.0.imported=true",
                ],
                48,
                false,
            ),
        );
        assert!(a > b, "{a} {b}");
    }

    #[test]
    fn lesson_7_an_engine_room_speeds_building() {
        raises("rollout.local_funding_per_head_year_gbp", "0", "30", 30);
        let (a, b) = (
            mean_at(
                &["implementation.workstream_cost_per_head_year_gbp=30"],
                30,
                false,
            ),
            mean_at(
                &["implementation.workstream_cost_per_head_year_gbp=5"],
                30,
                false,
            ),
        );
        assert!(b > a, "{a} {b}");
    }

    #[test]
    fn lesson_8_distributed_leadership_speeds_building() {
        raises("implementation.distributed_leadership", "0.0", "1.0", 30);
    }

    #[test]
    fn lesson_9_training_raises_and_turnover_erodes_capability() {
        raises("implementation.workforce_training", "0.0", "1.0", 48);
        let (a, b) = (
            mean_at(&["implementation.staff_turnover_per_year=0.02"], 48, false),
            mean_at(&["implementation.staff_turnover_per_year=0.5"], 48, false),
        );
        assert!(a > b, "{a} {b}");
    }

    #[test]
    fn lesson_10_evaluation_finds_what_does_not_work() {
        let (a, b) = (
            mean_at(
                &[
                    "implementation.design_quality=0.3",
                    "implementation.evaluation_strength=0.0",
                ],
                72,
                true,
            ),
            mean_at(
                &[
                    "implementation.design_quality=0.3",
                    "implementation.evaluation_strength=3.0",
                ],
                72,
                true,
            ),
        );
        assert!(b > a, "{a} {b}");
    }

    #[test]
    fn setbacks_national_support_and_funding_end() {
        let (a, b) = (
            mean_at(
                &["implementation.leadership_turnover_per_year=0.0"],
                36,
                false,
            ),
            mean_at(
                &["implementation.leadership_turnover_per_year=1.5"],
                36,
                false,
            ),
        );
        assert!(a > b, "{a} {b}");
        raises("rollout.national_support", "0.0", "1.0", 30);
        let (a, b) = (
            mean_at(
                &["rollout.national_funding_end_date=\"2025-03-31\""],
                60,
                false,
            ),
            mean_at(
                &["rollout.national_funding_end_date=\"2016-03-31\""],
                60,
                false,
            ),
        );
        assert!(a > b, "{a} {b}");
    }

    #[test]
    fn conditional_funding_withdraws_money_from_sites_that_miss() {
        let (a, b) = (
            mean_at(&["rollout.conditional_growth_advantage_pp=3"], 60, false),
            mean_at(
                &[
                    "rollout.conditional_funding=1",
                    "rollout.conditional_funding_from_date=\"2016-04-01\"",
                    "rollout.conditional_growth_advantage_pp=3",
                    "care_models.pacs.conditional_growth_advantage_pp=50",
                ],
                60,
                false,
            ),
        );
        assert!(a > b, "{a} {b}");
    }

    #[test]
    fn ramp_matches_the_evidence() {
        // Little effect in years 1-2, detectable in year 3, about full by year 5
        // (IAU 2021; Morciano 2020). Fidelity at the end of each year:
        let at = |y: usize| mean_at(&[], 12 * y - 1, false);
        let (y1, y2, y3, y5, y8) = (at(1), at(2), at(3), at(5), at(8));
        assert!(y1 < 0.1, "year 1 {y1}");
        assert!(y2 < 0.3, "year 2 {y2}");
        assert!(y3 > 0.25 && y3 < 0.6, "year 3 {y3}");
        assert!(y5 > 0.75 * y8, "year 5 {y5} vs year 8 {y8}");
    }
}
