//! Calibration on a scaled-down England (its 207 places at 5% of their
//! people: at 1% a place's integer capacities are too coarse, docs/MODEL.md
//! 7.13): every baseline target, and the demographic targets of every
//! reported year, pass with the shipped defaults, each with a 95% CI
//! half-width below its tolerance.

use carescale::analysis::calibrate;
use carescale::experiment::executor;
use carescale::scenario::Scenario;

#[test]
fn england_baseline_passes_every_target_at_five_percent_scale() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/england_baseline.toml"
    );
    let full = Scenario::from_file(std::path::Path::new(path), &[]).unwrap();
    let mut sets = carescale::experiment::options::scale_sets(&full, 0.05).unwrap();
    sets.push("run.replicates=8".to_string());
    let scn = Scenario::from_file(std::path::Path::new(path), &sets).unwrap();
    let reps = executor::run_replicates(&scn, 0, 8, &executor::Options::threads(0)).unwrap();
    let rows = calibrate::evaluate(&scn, &reps, None, &calibrate::targets_for(&scn));
    let table = calibrate::to_table(&rows);
    assert!(rows.iter().all(|r| r.pass), "calibration failed:\n{table}");
    assert!(rows
        .iter()
        .all(|r| r.precise && r.half_width < r.tolerance_half_width));
    // 14 national targets and, for each of 5 years, population, deaths
    // per 1,000, care-home residents 65+ and deaths per 1,000 in four
    // broad age bands.
    assert_eq!(rows.len(), 14 + 7 * 5);
}
