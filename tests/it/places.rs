//! Real places (issue 14): scenarios from places, their checks and messages,
//! and what a place changes in a run.

use crate::common;
use carescale::model::metrics::b;
use carescale::model::place;
use std::path::Path;
use std::process::{Command, Output};

fn carescale(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carescale"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run carescale")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_string()
}

#[test]
fn place_writes_a_scenario_that_validates_and_runs() {
    let d = tempfile::tempdir().unwrap();
    let o = carescale(&["place", "wirral"], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("place = \"E38000208\""), "{out}");
    assert!(out.contains("[places]") && out.contains("random_effect_sd"));
    // By code (ONS and ODS), several places, one combined site, to a file.
    let o = carescale(
        &["place", "leeds", "02N", "--combine", "--out", "p.toml"],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("wrote p.toml (1 sites"),
        "{}",
        text(&o.stderr)
    );
    let written = std::fs::read_to_string(d.path().join("p.toml")).unwrap();
    assert!(written.contains("E38000001"), "{written}");
    let o = carescale(&["validate", "p.toml"], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    // An existing file is kept without --force.
    let o = carescale(&["place", "wirral", "--out", "p.toml"], d.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--force"), "{}", text(&o.stderr));
    let o = carescale(&["place", "wirral", "--out", "p.toml", "--force"], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = carescale(
        &[
            "run",
            "p.toml",
            "--scale",
            "0.005",
            "--replicates",
            "1",
            "--set",
            "run.horizon_months=2",
            "--set",
            "run.warm_up_months=1",
            "-q",
        ],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
}

#[test]
fn place_names_nothing_found_with_suggestions() {
    let d = tempfile::tempdir().unwrap();
    let o = carescale(&["place", "Wiral", "qqqqqq"], d.path());
    let e = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(
        e.contains("no CCG (2017) or ICB (2022) matches `Wiral`"),
        "{e}"
    );
    assert!(e.contains("did you mean Wirral (E38000208)"), "{e}");
    assert!(
        e.contains("no CCG (2017) or ICB (2022) matches `qqqqqq`"),
        "{e}"
    );
    assert!(e.contains("(2 problems)"), "{e}");
    assert!(o.stdout.is_empty(), "nothing written on error");
    assert!(!e.contains("panicked"), "{e}");
    let o = carescale(&["place"], d.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("no place given"));
    // A name that is not a valid scenario name is reported as such.
    let o = carescale(&["place", "wirral", "--name", "a b"], d.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("scenario.name"),
        "{}",
        text(&o.stderr)
    );
}

/// An ICB (July 2022) by name or code: its CCGs as one site or a site each;
/// the scenario validates and runs at small scale.
#[test]
fn place_takes_an_icb_as_its_ccgs() {
    let d = tempfile::tempdir().unwrap();
    let o = carescale(
        &[
            "place",
            "Cheshire and Merseyside",
            "--combine",
            "--out",
            "icb.toml",
        ],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("wrote icb.toml (1 sites"),
        "{}",
        text(&o.stderr)
    );
    let written = std::fs::read_to_string(d.path().join("icb.toml")).unwrap();
    assert!(
        written.contains("name = \"cheshire_and_merseyside\""),
        "{written}"
    );
    // Wirral (E38000208) and Liverpool (E38000101) are among its twelve CCGs.
    let list = written
        .lines()
        .find(|l| l.starts_with("place = ["))
        .expect("a list of places");
    assert_eq!(list.matches("\"E38").count(), 12, "{list}");
    assert!(list.contains("\"E38000208\"") && list.contains("\"E38000101\""));
    let o = carescale(&["validate", "icb.toml"], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = carescale(
        &[
            "run",
            "icb.toml",
            "--scale",
            "0.002",
            "--replicates",
            "1",
            "--set",
            "run.horizon_months=2",
            "--set",
            "run.warm_up_months=1",
            "-q",
        ],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    // By ODS code, a site per CCG: Nottingham and Nottinghamshire has
    // Bassetlaw since July 2022.
    let o = carescale(&["place", "QT1"], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert_eq!(out.matches("[[sites]]").count(), 7, "{out}");
    assert!(out.contains("NHS Bassetlaw CCG"), "{out}");
    // England one site per ICB.
    let o = carescale(
        &["place", "--england", "--by", "icb", "--out", "e.toml"],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("wrote e.toml (42 sites"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn icb_names_that_are_ambiguous_or_unknown_are_errors() {
    let d = tempfile::tempdir().unwrap();
    let o = carescale(&["place", "--icb", "london"], d.path());
    let e = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(e.contains("`london` matches 5 ICBs (2022)"), "{e}");
    assert!(e.contains("North Central London (E54000028)"), "{e}");
    assert!(o.stdout.is_empty());
    let o = carescale(&["place", "Chesire and Mersyside"], d.path());
    let e = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(
        e.contains("did you mean Cheshire and Merseyside ICB (E54000008)"),
        "{e}"
    );
    let o = carescale(&["place", "--icb", "wirral"], d.path());
    let e = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(e.contains("no ICB (2022) matches `wirral`"), "{e}");
    // --by needs --england.
    let o = carescale(&["place", "wirral", "--by", "icb"], d.path());
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(!text(&o.stderr).contains("panicked"));
    // An ICB code in a file is pointed at its CCGs.
    let s = "[scenario]\nname = \"t\"\nquestion = \"q?\"\n[[sites]]\nname = \"a\"\nplace = \"E54000008\"\n";
    std::fs::write(d.path().join("s.toml"), s).unwrap();
    let o = carescale(&["validate", "s.toml"], d.path());
    let e = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(
        e.contains("is an ICB of July 2022 (Cheshire and Merseyside)"),
        "{e}"
    );
    assert!(e.contains("carescale place E54000008 --combine"), "{e}");
}

#[test]
fn bad_place_in_a_scenario_is_located_with_a_fix() {
    let d = tempfile::tempdir().unwrap();
    let s = "[scenario]\nname = \"t\"\nquestion = \"q?\"\n\n[[sites]]\nname = \"a\"\nplace = \"E38000999\"\n\n[[sites]]\nname = \"b\"\n";
    std::fs::write(d.path().join("s.toml"), s).unwrap();
    let o = carescale(&["validate", "s.toml"], d.path());
    let e = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(e.contains("s.toml:7:"), "{e}");
    assert!(e.contains("key `sites[0].place`"), "{e}");
    assert!(e.contains("`E38000999` is not a CCG (2017) code"), "{e}");
    assert!(e.contains("carescale place NAME"), "{e}");
    assert!(e.contains("key `sites[1].population`"), "{e}");
    assert!(e.contains("no population and no place"), "{e}");
    assert!(!e.contains("panicked"), "{e}");
}

/// A site on places takes their age structure and deprivation; without a
/// place nothing changes.
#[test]
fn places_set_structure_need_and_capacities() {
    let base = "[scenario]\nname = \"t\"\nquestion = \"q?\"\n[run]\nstart_date = \"2017-07-01\"\n";
    let scn = common::scenario(
        &format!("{base}[[sites]]\nname = \"a\"\npopulation = 1000\n[[sites]]\nname = \"w\"\nplace = \"E38000208\""),
        &[],
    );
    let (a, w) = (&scn.sites[0], &scn.sites[1]);
    assert!(a.place.is_none() && a.age_band_share.is_none() && a.need_index == 1.0);
    let wirral = place::find("E38000208").unwrap();
    // On its base date the place has its mid-2017 residents and shares.
    assert_eq!(w.population, wirral.total().round() as u64);
    let shares = w.age_band_share.unwrap();
    for (s, p) in shares.iter().zip(wirral.population) {
        assert!((s - p / wirral.total()).abs() < 1e-9);
    }
    let pl = w.place.as_ref().unwrap();
    assert_eq!(w.need_index, pl.deprivation_index);
    assert!(
        pl.deprivation_index > 1.0,
        "Wirral is more deprived than England"
    );
    assert!(pl.care_home_bed_ratio > 0.5 && pl.care_home_bed_ratio < 2.0);
}

#[test]
fn a_name_is_not_a_code_in_a_file() {
    let s = "[scenario]\nname = \"t\"\nquestion = \"q?\"\n[[sites]]\nname = \"bc\"\nplace = [\"Bradford City\"]\n";
    let e = carescale::scenario::Scenario::from_str(s, "t.toml", &[])
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("`Bradford City` is not a CCG (2017) code"),
        "{e}"
    );
    assert!(e.contains("did you mean E38000018 (Bradford City)"), "{e}");
}

/// Two sites with the same age structure and size, one on a deprived place
/// and one on an affluent one, without random effects: crises per person
/// differ by the ratio of their deprivation indices. 2 replicates of 20,000
/// people for a year: about 40,000 crises a site; with the heavy-tailed
/// personal risk (SD of the mean risk about 2.5% a site) the ratio's SD is
/// about 3.5%, so ±15% is over four SDs.
#[test]
fn deprivation_raises_crises_by_its_index() {
    let s = "[scenario]\nname = \"t\"\nquestion = \"q?\"\n[run]\nwarm_up_months = 0\nhorizon_months = 12\nreplicates = 2\n[places]\nrandom_effect_sd = 0.0\ncapacities_from_place = 0\n\
[[sites]]\nname = \"deprived\"\nplace = \"E38000018\"\npopulation = 20000\nage_band_share = [0.214, 0.42, 0.184, 0.099, 0.059, 0.024]\n\
[[sites]]\nname = \"affluent\"\nplace = \"E38000209\"\npopulation = 20000\nage_band_share = [0.214, 0.42, 0.184, 0.099, 0.059, 0.024]\n";
    let scn = common::scenario(s, &[]);
    let want = scn.sites[0].need_index / scn.sites[1].need_index;
    assert!(want > 1.5, "{want}");
    let reps = common::run(&scn, 2);
    let tl = carescale::experiment::executor::timeline(&scn);
    let per_person = |site: usize| -> f64 {
        reps.iter()
            .map(|r| {
                let t = carescale::output::totals(r, &[site], 0..tl.n_months());
                t[b::CRISES] / t[b::PERSON_DAYS]
            })
            .sum::<f64>()
    };
    let got = per_person(0) / per_person(1);
    assert!((got / want - 1.0).abs() < 0.15, "ratio {got} vs {want}");
}

/// The random effect: with it, replicates differ in need; it is shared by
/// sites on the same place; results do not depend on the thread count.
#[test]
fn place_effects_are_shared_by_a_place_and_independent_of_threads() {
    let s = "[scenario]\nname = \"t\"\nquestion = \"q?\"\n[run]\nwarm_up_months = 0\nhorizon_months = 3\nreplicates = 2\n[places]\nrandom_effect_sd = 0.5\n\
[[sites]]\nname = \"x1\"\nplace = \"E38000208\"\npopulation = 3000\n\
[[sites]]\nname = \"x2\"\nplace = \"E38000208\"\npopulation = 3000\n\
[[sites]]\nname = \"y\"\nplace = \"E38000001\"\npopulation = 3000\n";
    let scn = common::scenario(s, &[]);
    let one = common::run(&scn, 1);
    let two = common::run(&scn, 2);
    for (a, b) in one.iter().zip(&two) {
        for (sa, sb) in a.sites.iter().zip(&b.sites) {
            assert_eq!(sa.months, sb.months);
        }
    }
    let e = |code: &str, r| {
        place::random_effect(&[code.to_string()], 0.5, scn.run.seed, scn.run.crn_key, r)
    };
    assert_ne!(e("E38000208", 0), e("E38000208", 1));
    assert_ne!(e("E38000208", 0), e("E38000001", 0));
}

/// England as its places (the shipped baseline) grows band by band to England's population on
/// the start date.
#[test]
fn england_baseline_starts_with_england_s_population() {
    let scn = common::scenario(
        &carescale::scenario::places::england_scenario("england_baseline"),
        &[],
    );
    let want: f64 = carescale::model::demography::population_on(scn.start)
        .iter()
        .sum();
    let got = scn.total_population() as f64;
    assert!((got / want - 1.0).abs() < 0.005, "{got} vs {want}");
    // The shipped file is what the command writes.
    let shipped = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/england_baseline.toml"),
    )
    .unwrap();
    assert_eq!(
        shipped,
        carescale::scenario::places::england_scenario("england_baseline"),
        "scenarios/england_baseline.toml is out of date: carescale place --england --out scenarios/england_baseline.toml --force"
    );
}

#[test]
fn calibrate_compares_each_place_with_its_data() {
    let d = tempfile::tempdir().unwrap();
    let o = carescale(&["place", "leeds", "bradford", "--out", "p.toml"], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = carescale(
        &[
            "calibrate",
            "p.toml",
            "--scale",
            "0.02",
            "--replicates",
            "2",
            "--set",
            "run.horizon_months=12",
            "-q",
            "--out",
            "cal",
        ],
        d.path(),
    );
    let out = text(&o.stdout);
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{}",
        text(&o.stderr)
    );
    assert!(
        out.contains("Places: major A&E attendances per 1,000"),
        "{out}"
    );
    assert!(out.contains("cv_ae_type1_per_1000"), "{out}");
    let places = std::fs::read_to_string(d.path().join("cal/places.csv")).unwrap();
    let lines: Vec<&str> = places.lines().collect();
    assert!(lines[0].starts_with("place_codes,place_name,sites,population_2017,observed_year"));
    // "leeds" matches Leeds North, Leeds West, Leeds South and East;
    // "bradford" matches Bradford City and Bradford Districts.
    assert_eq!(lines.len(), 1 + 5, "{places}");
    assert!(places.contains("2017/18"), "{places}");
    let spread = std::fs::read_to_string(d.path().join("cal/places_spread.csv")).unwrap();
    assert!(
        spread.contains("correlation_simulated_observed"),
        "{spread}"
    );
    // The scatter of simulated vs observed beside them, and in the report
    // with the correlation and CVs of places_spread.csv.
    let svg = std::fs::read_to_string(d.path().join("cal/places_scatter.svg")).unwrap();
    assert!(svg.starts_with("<svg"), "{svg}");
    for label in [
        "simulated vs observed (5 places)",
        "observed type 1 attendances per 1,000 residents a year (2017/18)",
        "simulated major attendances per 1,000 person-years",
        "y = x",
        "correlation ",
    ] {
        assert!(svg.contains(label), "{label} missing from the scatter");
    }
    // One point per place.
    assert_eq!(
        svg.matches("<circle").count(),
        5 + 1,
        "5 places and the legend's"
    );
    let o = carescale(&["report", "cal"], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let html = std::fs::read_to_string(d.path().join("cal/report.html")).unwrap();
    assert!(
        html.contains("<figure id=\"places_scatter\">\n<svg"),
        "scatter missing"
    );
    let value = |measure: &str, col: usize| -> String {
        let line = spread
            .lines()
            .find(|l| l.starts_with(&format!("{measure},")))
            .unwrap();
        carescale::analysis::report::fmt(line.split(',').nth(col).unwrap().parse().unwrap())
    };
    let caption = format!(
        "Correlation between simulated and observed across places {} (95% CI {} to {}); coefficient of variation across places simulated {}, observed {}",
        value("correlation_simulated_observed", 1),
        value("correlation_simulated_observed", 2),
        value("correlation_simulated_observed", 3),
        value("cv_ae_type1_per_1000", 1),
        value("cv_ae_type1_per_1000", 4)
    );
    assert!(html.contains(&caption), "{caption} missing");
    assert!(!html.contains("History matching"), "no fit here");
    crate::report_browser::render_check_if_available(&d.path().join("cal/report.html"), d.path());
}
