//! Plots from results files (issue #6): lever fidelity curves when a run
//! reports `fidelity_<lever>`, and the tornado chart of a one-at-a-time
//! sweep, checked against hand-computed differences.

use carescale::analysis::plot::write_run_plots;
use std::fmt::Write as _;

#[test]
fn fidelity_curves_by_site_when_reported() {
    let d = tempfile::tempdir().unwrap();
    let mut s = String::from("scenario,replicate,site,period,metric,value\n");
    for rep in 0..2 {
        for site in ["north", "south"] {
            for m in 0..12 {
                let v = (m as f64 / 11.0) * if site == "north" { 1.0 } else { 0.5 };
                let _ = writeln!(
                    s,
                    "x,{rep},{site},2017-{:02},fidelity_case_management,{v}",
                    m + 1
                );
                let _ = writeln!(s, "x,{rep},{site},2017-{:02},fidelity_uec_triage,0", m + 1);
            }
        }
    }
    std::fs::write(d.path().join("timeseries.csv"), s).unwrap();
    let plots = write_run_plots(d.path()).unwrap();
    let names: Vec<&str> = plots.iter().map(|p| p.name.as_str()).collect();
    // A lever that never moves from zero is not drawn.
    assert_eq!(names, ["fidelity_case_management"]);
    let csv = std::fs::read_to_string(d.path().join("plots/fidelity_case_management.csv")).unwrap();
    assert!(csv.starts_with("site,period,metric,p05,p25,p50,p75,p95\n"));
    assert!(
        csv.contains("south,2017-12,fidelity_case_management,0.5,0.5,0.5,0.5,0.5"),
        "{csv}"
    );
    let svg = std::fs::read_to_string(d.path().join("plots/fidelity_case_management.svg")).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("north") && svg.contains("south"));
}

#[test]
fn tornado_for_a_one_at_a_time_sweep() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("scenarios.csv"),
        "cell,design,parameter,value,level\nbase,oat,,,\na_lo,oat,costs.a,1,low\na_hi,oat,costs.a,3,high\nb_lo,oat,routing.b,0.1,low\nb_hi,oat,routing.b,0.3,high\n",
    )
    .unwrap();
    // Emergency admissions per replicate; differences from base by hand:
    // a_lo -1, a_hi +2 (range 3); b_lo -5, b_hi +5 (range 10): b first.
    for (cell, shift) in [
        ("base", 0.0),
        ("a_lo", -1.0),
        ("a_hi", 2.0),
        ("b_lo", -5.0),
        ("b_hi", 5.0),
    ] {
        let dir = d.path().join(cell);
        std::fs::create_dir_all(&dir).unwrap();
        let mut s = String::from("scenario,replicate,group,metric,value\n");
        for (rep, base) in [100.0, 104.0, 96.0].iter().enumerate() {
            let _ = writeln!(
                s,
                "{cell},{rep},all,emergency_admissions_per_1000,{}",
                base + shift
            );
        }
        std::fs::write(dir.join("runs.csv"), s).unwrap();
    }
    let plots = carescale::analysis::plot::write_sweep_plots(d.path()).unwrap();
    assert!(plots
        .iter()
        .any(|p| p.name == "tornado_emergency_admissions_per_1000"));
    assert!(plots
        .iter()
        .any(|p| p.name == "comparison_emergency_admissions_per_1000"));
    let csv = std::fs::read_to_string(
        d.path()
            .join("plots/tornado_emergency_admissions_per_1000.csv"),
    )
    .unwrap();
    assert_eq!(
        csv,
        "parameter,metric,low_value,high_value,difference_at_low,difference_at_high\n\
         routing.b,emergency_admissions_per_1000,0.1,0.3,-5,5\n\
         costs.a,emergency_admissions_per_1000,1,3,-1,2\n"
    );
}
