//! A sweep's report is as complete as a run's, on folders written by the
//! real `sweep` and `merge` commands: the question and the scenario's
//! facts, the cells by their settings, fan charts and comparisons by cell,
//! and the economics (CE plane, CEAC, net monetary benefit, incremental
//! table) for grid and PSA designs.

use std::path::Path;
use std::process::Command;

fn carescale(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_carescale"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const ECONOMICS: &str = "[economics]\n\
    thresholds_gbp_per_qaly = [20000, 30000]\n\
    utility_home = 0.80\n\
    utility_hospital = 0.55\n\
    utility_intermediate_care = 0.65\n";

const SMALL: [&str; 8] = [
    "-q",
    "--scale",
    "0.002",
    "--replicates",
    "3",
    "--set",
    "run.horizon_months=12",
    "--out",
];

fn report(dir: &Path) -> String {
    let econ = dir.join("econ.toml");
    std::fs::write(&econ, ECONOMICS).unwrap();
    carescale(&[
        "report",
        dir.to_str().unwrap(),
        "--economics",
        econ.to_str().unwrap(),
    ]);
    std::fs::read_to_string(dir.join("report.html")).unwrap()
}

fn assert_complete(html: &str, question: &str, label: &str) {
    assert!(html.contains(question), "question missing");
    assert!(!html.contains("0 site(s)"), "sites missing");
    assert!(!html.contains("? replicates"), "replicates missing");
    assert!(html.contains("start 2016-04-01"), "start date missing");
    assert!(html.contains("costs in GBP at"), "currency missing");
    for id in [
        "id=\"fan_emergency_admissions_per_1000\"",
        "id=\"comparison_emergency_admissions_per_1000\"",
        "id=\"ce_plane\"",
        "id=\"ceac\"",
        "id=\"economics\"",
        "Incremental analysis",
        "Net monetary benefit",
        "relative change",
        "per 1,000 person-years",
    ] {
        assert!(html.contains(id), "{id} missing from the report");
    }
    assert!(html.contains(label), "cell label {label} missing");
    assert!(
        !html.contains("History matching") && !html.contains("id=\"fit-"),
        "a folder without a fit has no fit section"
    );
}

#[test]
fn grid_sweep_and_its_merge_report_everything() {
    let tmp = tempfile::tempdir().unwrap();
    let whole = tmp.path().join("whole");
    let sweep = "scenarios/sweeps/demo_sweep.toml";
    let mut args = vec!["sweep", sweep];
    args.extend(SMALL);
    let w = whole.to_str().unwrap().to_string();
    args.push(&w);
    carescale(&args);
    let question = "How much do implementation pace and national support change";
    let html = report(&whole);
    assert_complete(
        &html,
        question,
        "pace_multiplier=0.5, national_support=0 (c0001)",
    );
    assert!(html.contains("Scenarios compared"));
    assert!(html.contains("baseline: rollout.enabled=0"));
    // scenarios.csv shows what sets the baseline apart.
    let scn = std::fs::read_to_string(whole.join("scenarios.csv")).unwrap();
    let mut lines = scn.lines();
    assert!(lines.next().unwrap().ends_with(",rollout.enabled"), "{scn}");
    assert!(lines.next().unwrap().ends_with(",0"), "{scn}");
    assert!(lines.next().unwrap().ends_with(",1"), "{scn}");
    assert!(whole.join("units.csv").is_file());
    // The same sweep in two shards, merged.
    let mut parts = Vec::new();
    for k in 0..2 {
        let part = tmp.path().join(format!("part{k}"));
        let shard = format!("{k}/2");
        let p = part.to_str().unwrap().to_string();
        let mut args = vec!["sweep", sweep, "--shard", &shard];
        args.extend(SMALL);
        args.push(&p);
        carescale(&args);
        parts.push(p);
    }
    let merged = tmp.path().join("merged");
    let m = merged.to_str().unwrap().to_string();
    let mut args = vec!["merge", "-q", "--out", &m];
    args.extend(parts.iter().map(|s| s.as_str()));
    carescale(&args);
    assert!(merged.join("units.csv").is_file());
    let html = report(&merged);
    assert_complete(
        &html,
        question,
        "pace_multiplier=2, national_support=1 (c0006)",
    );
}

#[test]
fn psa_sweep_report_has_the_economics() {
    let tmp = tempfile::tempdir().unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/demo.toml");
    let file = tmp.path().join("psa.toml");
    std::fs::write(
        &file,
        format!(
            "[sweep]\nname = \"tiny_psa\"\nquestion = \"How sure are we of the effect of urgent response?\"\n\
             scenario = {:?}\nreplicates = 3\n\n[baseline]\nset = [\"rollout.enabled=0\"]\n\n\
             [design]\nkind = \"psa\"\nsamples = 3\nsampling = \"lhs\"\n\n\
             [[parameters]]\npath = \"coordination.ehch_residential_crisis_rr\"\n\
             dist = \"pert\"\nmin = 0.42\nmode = 0.65\nmax = 0.86\n",
            demo.display().to_string()
        ),
    )
    .unwrap();
    let out = tmp.path().join("psa");
    let o = out.to_str().unwrap().to_string();
    let f = file.to_str().unwrap().to_string();
    let mut args = vec!["sweep", f.as_str()];
    args.extend(SMALL);
    args.push(&o);
    carescale(&args);
    let html = report(&out);
    assert_complete(
        &html,
        "How sure are we of the effect of urgent response?",
        "psa sample 1",
    );
    assert!(html.contains("samples of the uncertainty about one comparison"));
    // One comparison, programme against baseline, not four strategies.
    let read = |d: &Path, f: &str| std::fs::read_to_string(d.join(f)).unwrap();
    let inc = read(&out, "incremental.csv");
    let strategies: Vec<&str> = inc
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(strategies.len(), 2, "{inc}");
    assert!(strategies.contains(&"baseline") && strategies.contains(&"programme"));
    let nmb = read(&out, "nmb.csv");
    assert_eq!(nmb.lines().count(), 1 + 2 * 2, "{nmb}");
    assert!(
        nmb.lines()
            .skip(1)
            .all(|l| [",baseline,", ",programme,"].iter().any(|s| l.contains(s))),
        "{nmb}"
    );
    let plane = read(&out, "plots/ce_plane.csv");
    assert!(
        plane.starts_with("strategy,label,comparator,draw,"),
        "{plane}"
    );
    let points: Vec<&str> = plane
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(3).unwrap())
        .collect();
    assert_eq!(points, ["c0001", "c0002", "c0003"], "{plane}");
    // The ICER's increments are the means of the draws' increments.
    let mut draws = csv::Reader::from_path(out.join("psa_draws.csv")).unwrap();
    let rows: Vec<Vec<f64>> = draws
        .records()
        .map(|r| {
            r.unwrap()
                .iter()
                .skip(2)
                .map(|x| x.parse().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 3);
    assert!(
        rows.iter().all(|r| r[0] == 3.0),
        "replicates per draw: {rows:?}"
    );
    let mean = |i: usize| rows.iter().map(|r| r[i]).sum::<f64>() / 3.0;
    // incremental.csv: strategy, label, cost, effect, incremental cost and
    // effect, ICER (NA when not on the frontier after another), status.
    let row = |name: &str| -> Vec<f64> {
        let mut r = csv::Reader::from_path(out.join("incremental.csv")).unwrap();
        let rec = r
            .records()
            .map(|x| x.unwrap())
            .find(|x| &x[0] == name)
            .unwrap();
        (2..7).map(|i| rec[i].parse().unwrap_or(f64::NAN)).collect()
    };
    let (prog, base) = (row("programme"), row("baseline"));
    let close = |have: f64, want: f64| (have - want).abs() <= 1e-9 * want.abs().max(1.0);
    assert!(close(prog[0] - base[0], mean(3)), "{inc}");
    assert!(close(prog[1] - base[1], mean(4)), "{inc}");
    assert!(close(prog[0], mean(1)) && close(prog[1], mean(2)), "{inc}");
    if prog[4].is_finite() {
        assert!(close(prog[2], mean(3)) && close(prog[3], mean(4)), "{inc}");
        assert!(close(prog[4], mean(3) / mean(4)), "{inc}");
    } else {
        // Programme first by cost, or dominated: the baseline's row says so.
        assert!(inc.contains("dominated") || base[4].is_finite(), "{inc}");
    }
    // The same PSA in two shards, merged: the same economics, byte for byte.
    let mut parts = Vec::new();
    for k in 0..2 {
        let part = tmp.path().join(format!("part{k}"));
        let shard = format!("{k}/2");
        let p = part.to_str().unwrap().to_string();
        let mut args = vec!["sweep", f.as_str(), "--shard", &shard];
        args.extend(SMALL);
        args.push(&p);
        carescale(&args);
        parts.push(p);
    }
    let merged = tmp.path().join("merged");
    let m = merged.to_str().unwrap().to_string();
    let mut args = vec!["merge", "-q", "--out", &m];
    args.extend(parts.iter().map(|s| s.as_str()));
    carescale(&args);
    let html = report(&merged);
    assert!(html.contains("samples of the uncertainty about one comparison"));
    for f in [
        "economics.csv",
        "incremental.csv",
        "nmb.csv",
        "psa_draws.csv",
        "plots/ce_plane.csv",
        "plots/ceac.csv",
    ] {
        assert_eq!(
            read(&out, f),
            read(&merged, f),
            "{f} differs after the merge"
        );
    }
}

/// A tiny PSA sweep file in `dir`, with or without monthly series.
fn psa_file(dir: &Path, timeseries: bool) -> std::path::PathBuf {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/demo.toml");
    let file = dir.join(format!("psa_{timeseries}.toml"));
    std::fs::write(
        &file,
        format!(
            "[sweep]\nname = \"tiny_psa\"\nquestion = \"How sure are we?\"\n\
             scenario = {:?}\nreplicates = 3\ntimeseries = {timeseries}\n\n\
             [baseline]\nset = [\"rollout.enabled=0\"]\n\n\
             [design]\nkind = \"psa\"\nsamples = 3\nsampling = \"lhs\"\n\n\
             [[parameters]]\npath = \"coordination.ehch_residential_crisis_rr\"\n\
             dist = \"pert\"\nmin = 0.42\nmode = 0.65\nmax = 0.86\n",
            demo.display().to_string()
        ),
    )
    .unwrap();
    file
}

/// `economics.csv` as (strategy, measure) -> (label, mean).
fn economics_means(dir: &Path) -> std::collections::BTreeMap<(String, String), (String, f64)> {
    let mut r = csv::Reader::from_path(dir.join("economics.csv")).unwrap();
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        ["strategy", "label", "measure", "unit", "n", "mean", "ci_lower", "ci_upper"]
    );
    r.records()
        .map(|x| {
            let x = x.unwrap();
            (
                (x[0].to_string(), x[2].to_string()),
                (x[1].to_string(), x[5].parse().unwrap()),
            )
        })
        .collect()
}

/// A PSA sweep with `timeseries = false` has its economics from each run's
/// totals: the same discounted cost and days at home as the same sweep
/// with monthly series, the incremental table and the CE plane, and a
/// report that says why there are no QALYs; every economics file names
/// each strategy by its label as `scenarios.csv` does.
#[test]
fn psa_without_monthly_series_has_economics_from_run_totals() {
    let tmp = tempfile::tempdir().unwrap();
    let mut dirs = Vec::new();
    for ts in [true, false] {
        let file = psa_file(tmp.path(), ts);
        let out = tmp.path().join(format!("psa_{ts}"));
        let (f, o) = (file.to_str().unwrap(), out.to_str().unwrap());
        let mut args = vec!["sweep", f];
        args.extend(SMALL);
        args.push(o);
        carescale(&args);
        dirs.push(out);
    }
    assert!(!dirs[1].join("timeseries_groups.csv").exists());
    let html = report(&dirs[1]);
    for want in [
        "id=\"economics\"",
        "id=\"ce_plane\"",
        "Incremental analysis",
        "no monthly series",
        "utility weights given are not used",
    ] {
        assert!(html.contains(want), "{want} missing from the report");
    }
    assert!(!html.contains("id=\"ceac\""));
    assert!(!dirs[1].join("nmb.csv").exists());
    report(&dirs[0]);
    let (monthly, totals) = (economics_means(&dirs[0]), economics_means(&dirs[1]));
    let mut compared = 0;
    for ((strategy, measure), (label, mean)) in &totals {
        let (l, m) = &monthly[&(strategy.clone(), measure.clone())];
        assert_eq!(label, l);
        assert!(
            (mean - m).abs() <= 1e-9 * m.abs().max(1.0),
            "{strategy} {measure}: {mean} from totals, {m} from months"
        );
        compared += 1;
    }
    // Six measures (total cost discounted and not, programme cost per head,
    // days at home discounted and not, person-years) for the baseline and
    // the programme (the three draws pooled).
    assert_eq!(compared, 6 * 2, "{totals:?}");
    assert!(!totals.keys().any(|(_, m)| m == "cost_acute_gbp_discounted"));
    // Labels as scenarios.csv gives them.
    assert_eq!(
        totals[&("baseline".into(), "person_years".into())].0,
        "baseline: rollout.enabled=0"
    );
    let prog = totals[&("programme".into(), "person_years".into())]
        .0
        .clone();
    assert!(
        prog.ends_with("over 3 PSA draws (c0001 to c0003)"),
        "{prog}"
    );
    let scn = std::fs::read_to_string(dirs[1].join("scenarios.csv")).unwrap();
    let draws = std::fs::read_to_string(dirs[1].join("psa_draws.csv")).unwrap();
    let c1 = draws.lines().nth(1).unwrap().split(',').nth(1).unwrap();
    assert!(scn.contains(&format!("c0001,{c1},")), "{c1} not in {scn}");
    for f in ["incremental.csv", "plots/ce_plane.csv"] {
        let t = std::fs::read_to_string(dirs[1].join(f)).unwrap();
        assert!(t.starts_with("strategy,label,"), "{f}: {t}");
        assert!(t.contains(&format!("programme,{prog},")), "{f}: {t}");
    }
    let nmb = std::fs::read_to_string(dirs[0].join("nmb.csv")).unwrap();
    assert!(
        nmb.starts_with("threshold_gbp_per_qaly,strategy,label,"),
        "{nmb}"
    );
    let ceac = std::fs::read_to_string(dirs[0].join("plots/ceac.csv")).unwrap();
    assert!(
        ceac.starts_with("threshold_gbp_per_qaly,strategy,label,"),
        "{ceac}"
    );
}
