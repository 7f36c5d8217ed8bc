//! Which admissions a lever avoids: bed days follow from the mechanism.

use crate::common::*;
use carescale::model::metrics::b;

/// Mean over replicates of the total of `metric`.
fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

/// UEC triage at full strength at every site, reaching crises as given.
fn with_triage(overnight: &str, unavoidable: &str) -> Vec<String> {
    let mut sets: Vec<String> = (0..3)
        .map(|i| format!("sites.{i}.levers.uec_triage=1"))
        .collect();
    sets.push(format!("coordination.uec_overnight_reach={overnight}"));
    sets.push(format!("coordination.uec_unavoidable_reach={unavoidable}"));
    sets.extend(ample());
    sets
}

/// Same-day services with room for every diverted crisis (so diversion
/// never spills over to other patients), and enough replicates.
fn ample() -> Vec<String> {
    vec![
        "services.gp_crisis_slots_per_100k_per_day=10000".into(),
        "services.ucr_slots_per_100k_per_day=10000".into(),
        "coordination.uec_ae_diversion=0.3".into(),
        "run.replicates=6".into(),
    ]
}

fn totals_of(sets: &[String]) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let refs: Vec<&str> = sets.iter().map(String::as_str).collect();
    let scn = scenario(SMALL, &refs);
    let reps = run(&scn, 0);
    (
        totals(&scn, &reps, b::EA),
        totals(&scn, &reps, b::EA_OVERNIGHT),
        totals(&scn, &reps, b::BED_DAYS),
    )
}

/// A lever that reaches only would-be zero-day stays avoids admissions but
/// leaves overnight admissions and bed days as they were, but for the few
/// readmissions that the avoided stays would have led to (under a tenth of
/// the relative change in admissions); the same lever reaching every crisis
/// alike cuts bed days about in proportion.
#[test]
fn a_lever_that_avoids_only_zero_day_stays_leaves_bed_days_unchanged() {
    let (ea0, on0, bd0) = totals_of(&ample());
    let (ea1, on1, bd1) = totals_of(&with_triage("0", "1"));
    let (ea2, _, bd2) = totals_of(&with_triage("1", "1"));
    let rel = |a: &[f64], b: &[f64]| mean(b) / mean(a) - 1.0;
    let (d_ea1, d_on1, d_bd1) = (rel(&ea0, &ea1), rel(&on0, &on1), rel(&bd0, &bd1));
    let (d_ea2, d_bd2) = (rel(&ea0, &ea2), rel(&bd0, &bd2));
    eprintln!("zero-day only: EA {d_ea1:+.4} overnight {d_on1:+.4} bed days {d_bd1:+.4}; all alike: EA {d_ea2:+.4} bed days {d_bd2:+.4}");
    assert!(d_ea1 < -0.04, "admissions fall: {d_ea1}");
    assert!(
        d_bd1.abs() < 0.1 * d_ea1.abs(),
        "bed days unchanged: {d_bd1}"
    );
    assert!(
        d_on1.abs() < 0.1 * d_ea1.abs(),
        "overnight admissions: {d_on1}"
    );
    assert!(
        d_bd2 < 0.5 * d_ea2,
        "reaching every crisis, bed days fall: {d_bd2}"
    );
}
