//! Economics checked against hand-computed fixtures (issue #6). The
//! expected numbers were computed by hand from the formulas in
//! docs/ECONOMICS.md (mid-month discounting, utilities by state), not by
//! the code under test.

use carescale::analysis::economics::{
    self, incremental, prob_cost_effective, Evaluation, Settings, Status,
};
use carescale::output::read::Results;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

/// A group series file: 2 replicates x 24 months of constant monthly values.
fn write_cell(dir: &Path, name: &str, values: &[(&str, f64)]) {
    let d = dir.join(name);
    std::fs::create_dir_all(&d).unwrap();
    let mut s = String::from("scenario,replicate,group,period,metric,value\n");
    for rep in 0..2 {
        for m in 0..24 {
            let period = format!("{}-{:02}", 2017 + (m + 3) / 12, (m + 3) % 12 + 1);
            for (metric, v) in values {
                let _ = writeln!(s, "demo,{rep},all,{period},{metric},{v}");
            }
        }
    }
    std::fs::write(d.join("timeseries_groups.csv"), s).unwrap();
}

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    write_cell(
        p,
        "base",
        &[
            ("cost_acute_gbp", 1000.0),
            ("person_days", 315.0),
            ("days_alive_at_home", 300.0),
            ("acute_bed_days", 10.0),
            ("intermediate_care_days", 5.0),
            ("unmet_need_days", 20.0),
        ],
    );
    write_cell(
        p,
        "new",
        &[
            ("cost_acute_gbp", 1000.0),
            ("cost_programme_gbp", 100.0),
            ("person_days", 315.0),
            ("days_alive_at_home", 305.0),
            ("acute_bed_days", 5.0),
            ("intermediate_care_days", 5.0),
            ("unmet_need_days", 20.0),
        ],
    );
    std::fs::write(
        p.join("scenarios.csv"),
        "cell,baseline\nbase,true\nnew,false\n",
    )
    .unwrap();
    std::fs::write(
        p.join("economics.toml"),
        "[economics]\ndiscount_rate_costs = 0.035\ndiscount_rate_health = 0.015\nutility_home = 0.8\nutility_hospital = 0.5\nutility_intermediate_care = 0.6\nutility_unmet_need_decrement = 0.1\n",
    )
    .unwrap();
    dir
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(1.0)
}

#[test]
fn discounted_costs_and_qalys_match_hand_computation() {
    let dir = fixture();
    let res = Results::open(dir.path()).unwrap();
    let s = Settings::load(dir.path(), None).unwrap();
    assert_eq!(s.discount_rate_health, 0.015);
    let ev = Evaluation::of(&res, &s).unwrap().unwrap();
    assert_eq!(ev.strategies, vec!["base", "new"]);
    // Both replicates of a strategy are alike: the mean is each one's value.
    let base = |m: &str| ev.summary(0, m).unwrap().mean;
    let new = |m: &str| ev.summary(1, m).unwrap().mean;
    assert_eq!(ev.summary(0, "cost_total_discounted").unwrap().n, 2);
    // sum over m = 0..23 of 1000 x 1.035^-((m + 0.5) / 12)
    let cost = "cost_total_discounted";
    assert!(
        close(base(cost), 23_192.971_876_990_03, 1e-12),
        "{}",
        base(cost)
    );
    assert!(
        close(new(cost), 25_512.269_064_689_04, 1e-12),
        "{}",
        new(cost)
    );
    assert_eq!(base("cost_total_undiscounted"), 24_000.0);
    // sum of 1.015^-((m + 0.5) / 12) x (0.8 x 300 + 0.5 x 10 + 0.6 x 5 - 0.1 x 20) / 365.25
    assert!(
        close(base("qalys"), 15.925_977_544_944_97, 1e-12),
        "{}",
        base("qalys")
    );
    assert!(
        close(new("qalys"), 16.023_087_164_121_46, 1e-12),
        "{}",
        new("qalys")
    );
    assert!(close(
        base("days_alive_at_home_discounted"),
        7_093.857_680_842_866,
        1e-12
    ));
    // programme 2,400 GBP over 24 x 315 / 365.25 person-years
    assert!(close(
        new("programme_cost_per_head_year"),
        2400.0 / (24.0 * 315.0 / 365.25),
        1e-12
    ));
    let inc = ev.incremental();
    assert_eq!(inc[1].strategy, "new");
    assert!(
        close(inc[1].icer, 23_883.289_908_528_78, 1e-9),
        "{}",
        inc[1].icer
    );
    let nmb = ev.nmb_rows();
    let at = |t: f64, k: &str| {
        nmb.iter()
            .find(|r| r.threshold == t && r.strategy == k)
            .unwrap()
            .clone()
    };
    assert!(close(
        at(20_000.0, "base").nmb,
        295_326.579_021_909_3,
        1e-12
    ));
    assert!(close(at(20_000.0, "new").nmb, 294_949.474_217_740_1, 1e-12));
    assert!(close(at(35_000.0, "new").nmb, 535_295.781_679_562_1, 1e-12));
    // The ICER lies between 20k and 25k: below it the baseline wins every draw, above it "new".
    assert_eq!(at(20_000.0, "new").prob_ce, 0.0);
    assert_eq!(at(25_000.0, "new").prob_ce, 1.0);
    assert_eq!(at(25_000.0, "base").prob_ce, 0.0);
}

#[test]
fn incremental_table_flags_dominance_by_hand() {
    // A 10,000/5.0; B 14,000/5.1 (ICER vs A 40,000); C 15,000/5.05 costs more
    // than B for less: dominated; D 16,000/5.3 (ICER vs B 10,000 < 40,000),
    // so B is extendedly dominated and D's ICER is against A: 6,000/0.3 = 20,000.
    let s = |n: &str, c: f64, e: f64| (n.to_string(), c, e);
    let t = incremental(&[
        s("D", 16_000.0, 5.3),
        s("A", 10_000.0, 5.0),
        s("C", 15_000.0, 5.05),
        s("B", 14_000.0, 5.1),
    ]);
    let names: Vec<&str> = t.iter().map(|r| r.strategy.as_str()).collect();
    assert_eq!(names, ["A", "B", "C", "D"]);
    assert_eq!(t[0].status, Status::Frontier);
    assert!(t[0].icer.is_nan());
    assert_eq!(t[1].status, Status::ExtendedlyDominated);
    assert_eq!(t[2].status, Status::Dominated);
    assert_eq!(t[3].status, Status::Frontier);
    assert!((t[3].icer - 20_000.0).abs() < 1e-6, "{}", t[3].icer);
    assert!((t[3].inc_cost - 6_000.0).abs() < 1e-9);
}

#[test]
fn probability_cost_effective_by_hand() {
    // Two draws. At 20,000/QALY: draw 0 NMB X = 20,000 - 1,000 = 19,000,
    // Y = 22,000 - 4,000 = 18,000 -> X; draw 1 X = 19,000, Y = 26,000 - 4,000 = 22,000 -> Y.
    let x = vec![(1_000.0, 1.0), (1_000.0, 1.0)];
    let y = vec![(4_000.0, 1.1), (4_000.0, 1.3)];
    assert_eq!(
        prob_cost_effective(&[x.clone(), y.clone()], 20_000.0),
        vec![0.5, 0.5]
    );
    // At 0/QALY the cheaper always wins.
    assert_eq!(prob_cost_effective(&[x, y], 0.0), vec![1.0, 0.0]);
    assert_eq!(economics::nmb(1.5, 10_000.0, 20_000.0), 20_000.0);
}

#[test]
fn bad_settings_are_user_errors() {
    let dir = fixture();
    std::fs::write(
        dir.path().join("economics.toml"),
        "[economics]\nutility_home = 0.8\n",
    )
    .unwrap();
    let e = Settings::load(dir.path(), None).unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert!(e.to_string().contains("incomplete"), "{e}");
    std::fs::write(
        dir.path().join("economics.toml"),
        "[economics]\ndiscount_rate_cost = 0.03\n",
    )
    .unwrap();
    let e = Settings::load(dir.path(), None).unwrap_err();
    assert!(e.to_string().contains("economics.toml:2"), "{e}");
}

#[test]
fn report_command_writes_the_tables() {
    let dir = fixture();
    let out = Command::new(env!("CARGO_BIN_EXE_carescale"))
        .args(["report"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let inc = std::fs::read_to_string(dir.path().join("incremental.csv")).unwrap();
    assert!(inc.starts_with(
        "strategy,label,cost_discounted,qalys,incremental_cost,incremental_qalys,icer,status\n"
    ));
    assert!(inc.contains("new,new,25512.26906468904"), "{inc}");
    let nmb = std::fs::read_to_string(dir.path().join("nmb.csv")).unwrap();
    assert!(nmb.lines().count() == 1 + 4 * 2, "{nmb}");
    assert!(dir.path().join("plots/ce_plane.svg").is_file());
    assert!(dir.path().join("plots/ceac.csv").is_file());
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.contains("Incremental analysis"));
}

#[test]
fn report_on_a_missing_folder_exits_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_carescale"))
        .args(["report", "no/such/results"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no such results folder") && err.contains("help:"),
        "{err}"
    );
}

/// One discounting convention: for the same run, the engine's discounted
/// totals (`cost_total_discounted_gbp`, `days_alive_at_home_discounted`)
/// equal what economics computes from the undiscounted monthly series at
/// the scenario's rates.
#[test]
fn engine_and_economics_discount_alike() {
    use crate::common::{run, scenario, SMALL};
    use carescale::model::metrics;
    let scn = scenario(
        SMALL,
        &[
            "run.replicates=2",
            "costs.discount_rate_costs=0.06",
            "costs.discount_rate_health=0.015",
        ],
    );
    let tl = carescale::experiment::executor::timeline(&scn);
    let reps = run(&scn, 2);
    let names = metrics::all_names();
    let at = |name: &str| names.iter().position(|n| *n == name).unwrap();
    let settings = Settings {
        discount_rate_costs: scn.costs.discount_rate_costs,
        discount_rate_health: scn.costs.discount_rate_health,
        ..Settings::default()
    };
    let sites: Vec<usize> = (0..scn.sites.len()).collect();
    let w = tl.warm_up_months as usize;
    for rep in &reps {
        let months: Vec<Vec<f64>> = (w..tl.n_months())
            .map(|m| {
                let t = carescale::output::totals(rep, &sites, m..m + 1);
                metrics::all_values(&t, tl.days_in_period[m] as f64)
            })
            .collect();
        let get = |name: &str| Some(months.iter().map(|v| v[at(name)]).collect::<Vec<f64>>());
        let o = economics::outcome_from_months(&settings, &get);
        let engine_cost: f64 = months
            .iter()
            .map(|v| v[at("cost_total_discounted_gbp")])
            .sum();
        let engine_home: f64 = months
            .iter()
            .map(|v| v[at("days_alive_at_home_discounted")])
            .sum();
        assert!(o.cost < o.cost_undiscounted * 0.97, "{o:?}");
        assert!(
            (o.cost - engine_cost).abs() < 1e-9 * engine_cost,
            "economics {} vs engine {engine_cost}",
            o.cost
        );
        assert!(
            (o.days_home_discounted - engine_home).abs() < 1e-9 * engine_home,
            "economics {} vs engine {engine_home}",
            o.days_home_discounted
        );
    }
}

/// Discount rates in an economics file must be the run's own.
#[test]
fn economics_rates_must_match_the_run() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("manifest.json"),
        r#"{"parameters":{"costs":{"discount_rate_costs":0.035,"discount_rate_health":0.035}}}"#,
    )
    .unwrap();
    std::fs::write(
        d.path().join("economics.toml"),
        "[economics]\ndiscount_rate_health = 0.015\n",
    )
    .unwrap();
    let e = Settings::load(d.path(), None).unwrap_err().to_string();
    assert!(e.contains("economics.discount_rate_health"), "{e}");
    std::fs::write(
        d.path().join("economics.toml"),
        "[economics]\ndiscount_rate_costs = 0.035\n",
    )
    .unwrap();
    let s = Settings::load(d.path(), None).unwrap();
    assert_eq!(s.discount_rate_health, 0.035);
}

/// The economics read one replicate at a time (through a transpose on
/// disk) equal the same formulas applied to the whole series held in
/// memory: every measure's summary over replicates and every paired
/// (cost, effect), bit for bit, for a sweep's combined file with its rows
/// in random order, a replicate missing from one cell and one present in
/// only one metric.
#[test]
fn streamed_economics_equal_the_in_memory_computation() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    let mut seed = 5u64;
    let mut rnd = |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let metrics = [
        "cost_acute_gbp",
        "cost_social_care_gbp",
        "cost_programme_gbp",
        "person_days",
        "days_alive_at_home",
        "acute_bed_days",
        "intermediate_care_days",
        "unmet_need_days",
    ];
    let cells = ["base", "c1", "c2"];
    let mut rows = Vec::new();
    for (k, cell) in cells.iter().enumerate() {
        for rep in 0..23u32 {
            if k == 2 && rep == 4 {
                continue; // not paired
            }
            for m in 0..15 {
                let period = format!("{}-{:02}", 2020 + m / 12, m % 12 + 1);
                for metric in metrics {
                    let v = rnd(100_000) as f64 / 3.0;
                    rows.push(format!("{cell},demo,{rep},all,{period},{metric},{v}"));
                    rows.push(format!("{cell},demo,{rep},north,{period},{metric},{v}"));
                }
            }
        }
        // A replicate with only a state metric other than person_days: not
        // one of the strategy's replicates.
        rows.push(format!("{cell},demo,99,all,2020-01,acute_bed_days,1"));
    }
    for i in (1..rows.len()).rev() {
        let j = rnd(i as u64 + 1) as usize;
        rows.swap(i, j);
    }
    std::fs::write(
        p.join("timeseries_groups.csv"),
        String::from("cell,scenario,replicate,group,period,metric,value\n")
            + &rows.join("\n")
            + "\n",
    )
    .unwrap();
    std::fs::write(
        p.join("scenarios.csv"),
        "cell,label,scenario,replicates\nbase,base,demo,23\nc1,c1,demo,23\nc2,c2,demo,22\n",
    )
    .unwrap();
    std::fs::write(
        p.join("economics.toml"),
        "[economics]\nutility_home = 0.8\nutility_hospital = 0.5\nutility_intermediate_care = 0.6\nutility_unmet_need_decrement = 0.1\n",
    )
    .unwrap();
    let res = Results::open(p).unwrap();
    let s = Settings::load(p, None).unwrap();
    let ev = Evaluation::of(&res, &s).unwrap().unwrap();
    assert_eq!(ev.strategies, cells);
    // In memory: every replicate's outcome from the whole series.
    let series = res.group_series(&economics::wanted).unwrap();
    let key = |m: &str| ("all".to_string(), m.to_string());
    let mut by_cell = Vec::new();
    for cell in cells {
        let set = &series[cell];
        let reps: Vec<u32> = set[&key("person_days")]
            .values()
            .flat_map(|r| r.keys().copied())
            .collect::<std::collections::BTreeSet<u32>>()
            .into_iter()
            .collect();
        let outs: Vec<(u32, economics::Outcome)> = reps
            .iter()
            .map(|&r| {
                let get = |m: &str| {
                    set.get(&key(m)).map(|mo| {
                        mo.values()
                            .map(|b| b.get(&r).copied().unwrap_or(f64::NAN))
                            .collect()
                    })
                };
                (r, economics::outcome_from_months(&s, &get))
            })
            .collect();
        by_cell.push(outs);
    }
    type Pick = fn(&economics::Outcome) -> f64;
    let pick: [(&str, Pick); 5] = [
        ("cost_total_discounted", |o| o.cost),
        ("cost_social_care_gbp_discounted", |o| o.cost_by_category[5]),
        ("qalys", |o| o.qalys),
        ("programme_cost_per_head_year", |o| {
            o.programme_per_head_year
        }),
        ("person_years", |o| o.person_years),
    ];
    for (k, outs) in by_cell.iter().enumerate() {
        for (name, f) in pick {
            let xs: Vec<f64> = outs
                .iter()
                .map(|(_, o)| f(o))
                .filter(|x| x.is_finite())
                .collect();
            let want = carescale::stats::summarise(&xs);
            let got = ev.summary(k, name).unwrap();
            assert_eq!(got.n, want.n, "{name}");
            assert_eq!(got.mean.to_bits(), want.mean.to_bits(), "{k} {name}");
            assert_eq!(
                got.ci_lower.to_bits(),
                want.ci_lower.to_bits(),
                "{k} {name}"
            );
            assert_eq!(
                got.ci_upper.to_bits(),
                want.ci_upper.to_bits(),
                "{k} {name}"
            );
        }
    }
    let paired: Vec<u32> = (0..23).filter(|r| *r != 4).collect();
    assert_eq!(ev.paired, paired);
    for (k, outs) in by_cell.iter().enumerate() {
        let want: Vec<(f64, f64)> = outs
            .iter()
            .filter(|(r, _)| paired.contains(r))
            .map(|(_, o)| (o.cost, o.qalys))
            .collect();
        assert_eq!(ev.samples()[k], want, "{k}");
    }
}

/// A missing or NA value of the economics is reported as before: the first
/// in the order metric, month, replicate, naming the cell's file.
#[test]
fn the_first_missing_economics_value_is_named() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    let mut s = String::from("scenario,replicate,group,period,metric,value\n");
    for rep in 0..3 {
        for period in ["2020-01", "2020-02"] {
            for metric in ["cost_acute_gbp", "person_days"] {
                let v = match (rep, period, metric) {
                    (2, "2020-01", "person_days") => "NA",
                    (1, "2020-02", "cost_acute_gbp") => continue,
                    _ => "5",
                };
                let _ = writeln!(s, "x,{rep},all,{period},{metric},{v}");
            }
        }
    }
    std::fs::write(p.join("timeseries_groups.csv"), &s).unwrap();
    std::fs::write(
        p.join("runs.csv"),
        "scenario,replicate,group,metric,value\n",
    )
    .unwrap();
    let res = Results::open(p).unwrap();
    let e = Evaluation::of(&res, &Settings::default())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("cost_acute_gbp of group all has no value in 2020-02 for replicate 1"),
        "{e}"
    );
    // A later replicate's earlier month comes first.
    let s =
        s.replace(
            "x,2,all,2020-01,person_days,NA",
            "x,2,all,2020-01,person_days,5",
        )
        .replace(
            "x,2,all,2020-01,cost_acute_gbp,5",
            "x,2,all,2020-01,cost_acute_gbp,NA",
        ) + "x,1,all,2020-02,cost_acute_gbp,NA\n";
    std::fs::write(p.join("timeseries_groups.csv"), &s).unwrap();
    let e = Evaluation::of(&res, &Settings::default())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("cost_acute_gbp of group all is NA in 2020-01, replicate 2"),
        "{e}"
    );
}

/// A PSA folder by hand: a baseline and three draws, two replicates each,
/// one reported month, no discounting and a utility of 1 at home only, so
/// QALYs are days at home / 365.25.
fn psa_fixture(design: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    // (cell, [(cost, QALYs) of replicate 0, of replicate 1])
    let cells: [(&str, [(f64, f64); 2]); 4] = [
        ("baseline", [(1000.0, 10.0), (1200.0, 10.0)]),
        ("c0001", [(2000.0, 11.0), (2200.0, 11.0)]),
        ("c0002", [(4000.0, 10.5), (4200.0, 10.5)]),
        ("c0003", [(900.0, 9.75), (1100.0, 9.75)]),
    ];
    let mut scenarios = String::from("cell,label,scenario,replicates,x\n");
    for (cell, reps) in cells {
        let d = p.join(cell);
        std::fs::create_dir_all(&d).unwrap();
        let mut s = String::from("scenario,replicate,group,period,metric,value\n");
        for (r, (cost, q)) in reps.iter().enumerate() {
            let home = q * 365.25;
            for (m, v) in [
                ("cost_acute_gbp", *cost),
                ("person_days", home),
                ("days_alive_at_home", home),
                ("acute_bed_days", 0.0),
                ("intermediate_care_days", 0.0),
                ("unmet_need_days", 0.0),
            ] {
                let _ = writeln!(s, "demo,{r},all,2017-04,{m},{v}");
            }
        }
        std::fs::write(d.join("timeseries_groups.csv"), s).unwrap();
        let label = if cell == "baseline" {
            "baseline: rollout.enabled=0".to_string()
        } else {
            format!("psa sample {}", &cell[1..].trim_start_matches('0'))
        };
        let _ = writeln!(scenarios, "{cell},{label},demo,2,1");
    }
    std::fs::write(p.join("scenarios.csv"), scenarios).unwrap();
    std::fs::write(
        p.join("manifest.json"),
        format!("{{\"sweep\": \"psa_by_hand\", \"design\": \"{design}\"}}\n"),
    )
    .unwrap();
    std::fs::write(
        p.join("economics.toml"),
        "[economics]\ndiscount_rate_costs = 0\ndiscount_rate_health = 0\nthresholds_gbp_per_qaly = [0, 20000]\nutility_home = 1\nutility_hospital = 0\nutility_intermediate_care = 0\n",
    )
    .unwrap();
    dir
}

/// The draws of a PSA are samples of one comparison, programme against
/// baseline, not strategies: the incremental table has the baseline and
/// the pooled programme, with the mean incremental cost and QALYs over the
/// draws and the ICER of those means; the probability cost-effective and
/// the expected NMB come from the draws. The same folder marked as a grid
/// compares four strategies.
#[test]
fn psa_draws_pool_into_one_comparison_by_hand() {
    let dir = psa_fixture("psa");
    let res = Results::open(dir.path()).unwrap();
    assert!(res.is_psa());
    let s = Settings::load(dir.path(), None).unwrap();
    let ev = Evaluation::of(&res, &s).unwrap().unwrap();
    assert_eq!(ev.strategies, ["baseline", "programme"]);
    let pool = ev.psa.as_ref().unwrap();
    assert_eq!(pool.draws, ["c0001", "c0002", "c0003"]);
    assert_eq!(pool.replicates, 2);
    // Draw means: cost 2100, 4100, 1000; QALYs 11, 10.5, 9.75. Baseline:
    // 1100 and 10. Programme: 7200 / 3 = 2400 and 31.25 / 3.
    let prog = |m: &str| ev.summary(1, m).unwrap().clone();
    assert_eq!(prog("cost_total_discounted").n, 3);
    assert!(close(prog("cost_total_discounted").mean, 2400.0, 1e-12));
    assert!(close(prog("qalys").mean, 31.25 / 3.0, 1e-12));
    assert!(close(
        ev.summary(0, "cost_total_discounted").unwrap().mean,
        1100.0,
        1e-12
    ));
    let inc = ev.incremental();
    assert_eq!(inc.len(), 2);
    assert_eq!(inc[1].strategy, "programme");
    assert_eq!(inc[1].status, Status::Frontier);
    // Increments per draw: cost 1000, 3000, -100 (mean 1300); QALYs 1,
    // 0.5, -0.25 (mean 1.25 / 3). ICER of the means: 1300 / (1.25 / 3).
    assert!(close(inc[1].inc_cost, 1300.0, 1e-12), "{}", inc[1].inc_cost);
    assert!(close(inc[1].inc_effect, 1.25 / 3.0, 1e-12));
    assert!(close(inc[1].icer, 3120.0, 1e-9), "{}", inc[1].icer);
    let nmb = ev.nmb_rows();
    assert_eq!(nmb.len(), 2 * 2);
    let at = |t: f64, k: &str| {
        nmb.iter()
            .find(|r| r.threshold == t && r.strategy == k)
            .unwrap()
            .clone()
    };
    // At 20,000: incremental NMB per draw 19,000, 7,000, -4,900: two of
    // three positive; expected 21,100 / 3. At 0: only the cheaper draw c0003.
    let p20 = at(20_000.0, "programme");
    assert!(close(p20.prob_ce, 2.0 / 3.0, 1e-12), "{}", p20.prob_ce);
    assert!(close(at(20_000.0, "baseline").prob_ce, 1.0 / 3.0, 1e-12));
    assert!(close(p20.inc_nmb, 21_100.0 / 3.0, 1e-9), "{}", p20.inc_nmb);
    assert!(close(p20.nmb, 20_000.0 * 31.25 / 3.0 - 2400.0, 1e-12));
    assert!(close(at(0.0, "programme").prob_ce, 1.0 / 3.0, 1e-12));
    let ceac = ev.ceac();
    let at_5k = ceac.iter().find(|(t, _)| *t == 5_000.0).unwrap();
    // At 5,000: 4,000, -500, -1,150: one of three.
    assert!(close(at_5k.1[1], 1.0 / 3.0, 1e-12));
    assert!(close(at_5k.1[0], 2.0 / 3.0, 1e-12));
    // The files: two strategies, three draws.
    let out = Command::new(env!("CARGO_BIN_EXE_carescale"))
        .arg("report")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |f: &str| std::fs::read_to_string(dir.path().join(f)).unwrap();
    let inc = read("incremental.csv");
    assert_eq!(inc.lines().count(), 3, "{inc}");
    assert!(
        inc.contains("programme,demo over 3 PSA draws (c0001 to c0003),2400,"),
        "{inc}"
    );
    assert_eq!(
        read("psa_draws.csv"),
        "cell,label,replicates,cost_discounted,qalys,incremental_cost,incremental_qalys\n\
         c0001,psa sample 1,2,2100,11,1000,1\n\
         c0002,psa sample 2,2,4100,10.5,3000,0.5\n\
         c0003,psa sample 3,2,1000,9.75,-100,-0.25\n"
    );
    let plane = read("plots/ce_plane.csv");
    assert!(
        plane.starts_with("strategy,label,comparator,draw,"),
        "{plane}"
    );
    assert_eq!(plane.lines().count(), 4, "{plane}");
    assert_eq!(
        read("economics.csv")
            .lines()
            .filter(|l| l.starts_with("c0"))
            .count(),
        0
    );
    let html = read("report.html");
    assert!(html.contains("samples of the uncertainty about one comparison"));
    // The same cells as a grid: four strategies, each draw on its own.
    let grid = psa_fixture("grid");
    let res = Results::open(grid.path()).unwrap();
    assert!(!res.is_psa());
    let ev = Evaluation::of(&res, &Settings::load(grid.path(), None).unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(ev.strategies.len(), 4);
    assert!(ev.psa.is_none());
}
