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
}
