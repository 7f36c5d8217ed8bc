//! Property test over the registry's declared ranges: scenarios drawn from
//! every parameter's range (its ends included) run with the daily
//! bookkeeping invariants checked, and give finite, non-negative outputs.
//! No valid scenario may give NaN, infinity or a broken invariant.

use carescale::experiment::executor;
use carescale::model::metrics::b;
use carescale::scenario::params::{all_specs, ParamSpec};
use carescale::scenario::Scenario;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// Two small sites, one adopting a care model early, one with every lever
/// at half strength, so that every mechanism runs.
const BASE: &str = r#"
[scenario]
name = "ranges"
question = "Does every scenario within the declared ranges run cleanly?"

[run]
start_date = "2015-01-01"
warm_up_months = 3
horizon_months = 12
replicates = 1
seed = 99

[[sites]]
name = "adopting"
population = 1500
adopts = [{ model = "pacs", from = "2015-02-01" }, { model = "ehch", from = "2015-06-01" }]

[[sites]]
name = "levers"
population = 1500
levers = { shared_care_record = 0.5, care_coordinator = 0.5, case_management = 0.5, urgent_community_response = 0.5, discharge_to_assess = 0.5, enhanced_care_home_support = 0.5, uec_triage = 0.5, acute_collaboration = 0.5 }
"#;

/// The parameters a case may set: numbers of the scenario-wide sections
/// (the run's own settings and dates excluded: they shape the test, not the
/// model).
fn settable() -> Vec<ParamSpec> {
    all_specs()
        .into_iter()
        .filter(|s| {
            s.min.is_finite()
                && s.max.is_finite()
                && s.max > s.min
                && !s.path.starts_with("run.")
                && !s.path.contains("[]")
        })
        .collect()
}

/// `--set` text for `spec` at position `t` of its range (0 = min, 1 = max),
/// repeated over an array's entries, whole for whole-number parameters.
fn setting(spec: &ParamSpec, t: f64) -> String {
    let v = spec.min + t * (spec.max - spec.min);
    let whole = !spec.default.contains('.') && !spec.default.contains('e');
    let one = if whole {
        format!("{}", v.round())
    } else {
        format!("{v:?}")
    };
    let d = spec.default.trim();
    if d.starts_with('[') {
        let n = d.matches(',').count() + 1;
        format!("{}=[{}]", spec.path, vec![one; n].join(", "))
    } else {
        format!("{}={one}", spec.path)
    }
}

/// A case: up to 12 parameters, each at its minimum, its maximum or a
/// uniform point of its range.
fn case(n_params: usize) -> impl Strategy<Value = Vec<(usize, f64)>> {
    prop::collection::vec(
        (0..n_params, prop_oneof![Just(0.0), Just(1.0), 0.0..1.0f64]),
        1..12,
    )
}

#[test]
fn scenarios_from_the_declared_ranges_run_cleanly() {
    let specs = settable();
    assert!(specs.len() > 100, "{} settable parameters", specs.len());
    let mut runner = TestRunner::new_with_rng(
        Config {
            cases: 128,
            failure_persistence: None,
            ..Config::default()
        },
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    let ran = std::cell::Cell::new(0u32);
    let result = runner.run(&case(specs.len()), |picks| {
        let sets: Vec<String> = picks.iter().map(|&(k, t)| setting(&specs[k], t)).collect();
        // A draw may break a cross-field rule (shares that must sum to 1,
        // say): such a scenario is invalid, and refused with an error.
        let Ok(scn) = Scenario::from_str(BASE, "ranges.toml", &sets) else {
            return Ok(());
        };
        ran.set(ran.get() + 1);
        let tl = executor::timeline(&scn);
        for site in 0..scn.sites.len() {
            let res = executor::run_site(&scn, &tl, site, 0, true);
            prop_assert!(
                res.violations.is_empty(),
                "{sets:?} site {site}: {:?}",
                res.violations
            );
            for (m, month) in res.months.iter().enumerate() {
                for (k, v) in month.iter().enumerate() {
                    prop_assert!(
                        v.is_finite() && *v >= 0.0,
                        "{sets:?} site {site} month {m} accumulator {k} = {v}"
                    );
                }
                prop_assert!(month[b::DAYS_HOME] <= month[b::PERSON_DAYS] + 1e-9);
            }
            prop_assert!(
                res.top5_cost_share.is_finite() && (0.0..=1.0).contains(&res.top5_cost_share),
                "{sets:?} site {site}: top-5% share {}",
                res.top5_cost_share
            );
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // Most draws are valid scenarios, so the property is tested, not skipped.
    let ran = ran.get();
    assert!(ran >= 64, "only {ran} of 128 drawn scenarios were valid");
}
