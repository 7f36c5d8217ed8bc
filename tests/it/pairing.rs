//! Pairing: a scenario with and without the programme gives every site the
//! same results until the site's first adoption, and a person who exists
//! in both runs sees the same draws until their histories differ.

use carescale::experiment::executor::{self, Replicate};
use carescale::experiment::options::scale_sets;
use carescale::scenario::dates::Date;
use carescale::scenario::Scenario;
use std::path::Path;

fn historical(extra: &[String]) -> Scenario {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/vanguard_2015_2018.toml"
    ));
    let full = Scenario::from_file(path, &[]).unwrap();
    let mut sets = scale_sets(&full, 0.002).unwrap();
    sets.push("run.replicates=1".into());
    sets.extend(extra.iter().cloned());
    Scenario::from_file(path, &sets).unwrap()
}

fn run(scn: &Scenario) -> Replicate {
    executor::run_replicates(scn, 0, 1, &executor::Options::threads(0))
        .unwrap()
        .remove(0)
}

/// The index of the first month that starts on or after `date` (as the
/// rollout counts an adoption).
fn first_month_on_or_after(scn: &Scenario, date: Date) -> usize {
    let tl = executor::timeline(scn);
    (0..tl.n_months())
        .find(|&m| {
            let p = tl.periods[m];
            let first = Date {
                year: p.year,
                month: p.month,
                day: 1,
            };
            first >= date
        })
        .unwrap_or(tl.n_months())
}

/// Every site of the historical scenario: the months before its first
/// adoption are byte-identical with the programme, with the rollout switched
/// off, and in the calibration's counterfactual (no site adopts anything).
#[test]
fn every_site_is_identical_before_its_first_adoption() {
    let with = historical(&[]);
    let off = historical(&["rollout.enabled=0".into()]);
    let no_adopts: Vec<String> = (0..with.sites.len())
        .map(|i| format!("sites.{i}.adopts=[]"))
        .collect();
    let none = historical(&no_adopts);
    let (a, b, c) = (run(&with), run(&off), run(&none));
    let n_months = executor::timeline(&with).n_months();
    let mut compared = 0;
    let mut differing_after = 0;
    for (s, site) in with.sites.iter().enumerate() {
        let first = site
            .adoptions
            .iter()
            .map(|x| first_month_on_or_after(&with, x.from))
            .min()
            .unwrap_or(n_months);
        for m in 0..first {
            for (name, other) in [("rollout off", &b), ("no adoptions", &c)] {
                let (x, y) = (&a.sites[s].months[m], &other.sites[s].months[m]);
                let same = x
                    .iter()
                    .zip(y.iter())
                    .all(|(p, q)| p.to_bits() == q.to_bits());
                assert!(
                    same,
                    "site {} month {m} (first adoption month {first}) differs from the run with {name}",
                    site.name
                );
            }
            compared += 1;
        }
        if first < n_months && a.sites[s].months[first..] != b.sites[s].months[first..] {
            differing_after += 1;
        }
    }
    // The test compares something, and the programme does change results
    // after adoption (so identity before it is not trivial).
    assert!(compared > 2_000, "{compared} site-months compared");
    assert!(
        differing_after > 40,
        "{differing_after} sites differ after adoption"
    );
}
