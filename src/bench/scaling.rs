//! The scaling study of `carescale bench --scaling`: does the cost of a
//! simulated patient-day stay flat as the population grows from 10,000 to
//! 10 million people and the run from 1 to 20 years, and do two threads
//! finish the same work at least 1.8 times faster than one?
//!
//! Each point is the benchmarked scenario (the England baseline unless a
//! file is given) shared over its sites at a total population, run by
//! [`crate::bench::measure_phases`] without writing outputs. Cost is CPU
//! time of the worker threads (set-up and simulation) per patient-day.
//! Points below a million people run as many replicates as it takes to
//! simulate about as many patient-days as a million people do, so every
//! timing is long enough to trust; a replicate is a whole run of that
//! population, so this changes no cost per patient-day, only its noise.
//!
//! Timings on shared machines wander from run to run by 10% or more, so the
//! points are measured in rounds, one of each point a round, interleaved,
//! and each point's median over the rounds is what is compared.

use crate::bench::{self, BenchOptions, BenchReport, Machine};
use crate::error::{Error, Result};
use serde::Serialize;
use std::fmt::Write as _;

/// Populations of the population series (5 reported years each).
pub const POPULATIONS: [u64; 4] = [10_000, 100_000, 1_000_000, 10_000_000];
/// Reported years of the length series (1 million people each).
pub const YEARS: [u32; 3] = [1, 5, 20];
/// Population of the length series.
pub const YEARS_POPULATION: u64 = 1_000_000;
/// Population of the thread comparison.
pub const THREADS_POPULATION: u64 = 10_000_000;
/// Largest spread allowed between the cheapest and the dearest point of a
/// series (dearest / cheapest - 1).
pub const FLAT_WITHIN: f64 = 0.20;
/// Smallest speed-up of all cores over one thread.
pub const MIN_SPEEDUP: f64 = 1.8;

/// One point of the study.
#[derive(Clone, Debug, Serialize)]
pub struct Point {
    /// Series: "population", "years" or "threads".
    pub series: String,
    /// Total population.
    pub population: u64,
    /// Reported years.
    pub years: u32,
    /// Worker threads.
    pub threads: usize,
    /// Replicates per measurement.
    pub replicates: u32,
    /// Every round's measurement.
    pub runs: Vec<Measurement>,
    /// Medians over the rounds.
    pub median: Measurement,
}

/// What one measurement of a point gave.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Measurement {
    /// CPU ns of set-up and simulation per patient-day.
    pub ns_per_patient_day: f64,
    /// CPU ns of simulation alone per patient-day.
    pub simulation_ns_per_patient_day: f64,
    /// CPU ns of set-up per person at the start.
    pub setup_ns_per_person: f64,
    /// CPU ns of simulation per event.
    pub ns_per_event: f64,
    /// Wall seconds of the parallel part (set-up and simulation).
    pub parallel_wall_seconds: f64,
    /// CPU seconds of the busiest worker thread.
    pub busiest_thread_cpu_seconds: f64,
    /// Events per patient-day (a property of the model, not the machine).
    pub events_per_patient_day: f64,
}

/// A target of the study and whether the medians meet it.
#[derive(Clone, Debug, Serialize)]
pub struct Check {
    /// What is checked.
    pub name: String,
    /// Measured value.
    pub value: f64,
    /// Target.
    pub target: String,
    /// Met?
    pub met: bool,
}

/// The whole study.
#[derive(Clone, Debug, Serialize)]
pub struct Study {
    /// Tool name.
    pub tool: String,
    /// carescale version.
    pub version: String,
    /// Git commit carescale was built from.
    pub git_commit: String,
    /// Scenario name.
    pub scenario: String,
    /// The machine (load average at the start of the study).
    pub machine: Machine,
    /// Rounds.
    pub rounds: u32,
    /// Points, in series order.
    pub points: Vec<Point>,
    /// Targets.
    pub checks: Vec<Check>,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => v[n / 2],
        _ => 0.5 * (v[n / 2 - 1] + v[n / 2]),
    }
}

fn measurement(r: &BenchReport) -> Measurement {
    let pd = r.patient_days.max(1.0);
    Measurement {
        ns_per_patient_day: r.ns_per_patient_day,
        simulation_ns_per_patient_day: r.cpu_seconds.simulation * 1e9 / pd,
        setup_ns_per_person: r.cpu_seconds.setup * 1e9
            / (r.population as f64 * r.replicates as f64).max(1.0),
        ns_per_event: r.ns_per_event,
        parallel_wall_seconds: r.seconds.setup + r.seconds.simulation,
        busiest_thread_cpu_seconds: r.cpu_seconds.busiest_thread,
        events_per_patient_day: r.events as f64 / pd,
    }
}

fn medians(runs: &[Measurement]) -> Measurement {
    let m = |f: fn(&Measurement) -> f64| median(runs.iter().map(f).collect());
    Measurement {
        ns_per_patient_day: m(|r| r.ns_per_patient_day),
        simulation_ns_per_patient_day: m(|r| r.simulation_ns_per_patient_day),
        setup_ns_per_person: m(|r| r.setup_ns_per_person),
        ns_per_event: m(|r| r.ns_per_event),
        parallel_wall_seconds: m(|r| r.parallel_wall_seconds),
        busiest_thread_cpu_seconds: m(|r| r.busiest_thread_cpu_seconds),
        events_per_patient_day: m(|r| r.events_per_patient_day),
    }
}

/// Replicates that bring a point up to about a million people's worth of
/// patient-days.
fn replicates_for(population: u64) -> u32 {
    (YEARS_POPULATION / population.max(1)).clamp(1, 1000) as u32
}

/// The points of the study: (series, population, years, threads,
/// replicates). Sites and replicates are what run in parallel, so with
/// fewer sites than threads the thread comparison runs one replicate per
/// thread (the same work on 1 thread and on all).
fn plan(all_threads: usize, sites: usize) -> Vec<(&'static str, u64, u32, usize, u32)> {
    let mut p: Vec<(&'static str, u64, u32, usize, u32)> = POPULATIONS
        .iter()
        .map(|&n| ("population", n, 5, all_threads, replicates_for(n)))
        .collect();
    p.extend(YEARS.iter().map(|&y| {
        let n = YEARS_POPULATION;
        ("years", n, y, all_threads, replicates_for(n))
    }));
    let reps = if sites < all_threads {
        all_threads as u32
    } else {
        1
    };
    p.push(("threads", THREADS_POPULATION, 5, 1, reps));
    p.push(("threads", THREADS_POPULATION, 5, all_threads, reps));
    p
}

/// Run the study for the scenario and options of `a`, measuring each point
/// `rounds` times; a line saying which point runs goes to `progress`
/// before each measurement.
pub fn run(a: &BenchOptions, rounds: u32, progress: &mut dyn std::io::Write) -> Result<Study> {
    if !(1..=100).contains(&rounds) {
        return Err(Error::input(
            "--rounds",
            None,
            format!("{rounds} is out of range"),
            Some("give 1 to 100 rounds (3 or 5 is usual)"),
        ));
    }
    let all_threads = a.threads.max(1);
    let machine = bench::machine(bench::load_average());
    let sites = bench::load(a)?.sites.len();
    let plan = plan(all_threads, sites);
    let mut runs: Vec<Vec<Measurement>> = vec![Vec::new(); plan.len()];
    let mut name = String::new();
    for round in 0..rounds {
        for (k, &(series, population, years, threads, replicates)) in plan.iter().enumerate() {
            let args = BenchOptions {
                population: Some(population),
                years: Some(years),
                replicates,
                threads,
                ..a.clone()
            };
            let _ = writeln!(
                progress,
                "round {}/{}: {series} point, {population} people, {years} years, {threads} thread{}",
                round + 1,
                rounds,
                if threads == 1 { "" } else { "s" }
            );
            let r = bench::measure_phases(&args, false)?;
            name = r.scenario.clone();
            runs[k].push(measurement(&r));
        }
    }
    let points: Vec<Point> = plan
        .iter()
        .zip(runs)
        .map(
            |(&(series, population, years, threads, replicates), runs)| Point {
                series: series.into(),
                population,
                years,
                threads,
                replicates,
                median: medians(&runs),
                runs,
            },
        )
        .collect();
    let checks = checks(&points, all_threads);
    Ok(Study {
        tool: "carescale".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        git_commit: crate::output::manifest::git_commit().into(),
        scenario: name,
        machine,
        rounds,
        points,
        checks,
    })
}

/// Spread of a series: dearest median cost over cheapest, less one.
fn spread(points: &[Point], series: &str, cost: fn(&Measurement) -> f64) -> f64 {
    let v: Vec<f64> = points
        .iter()
        .filter(|p| p.series == series)
        .map(|p| cost(&p.median))
        .collect();
    let lo = v.iter().cloned().fold(f64::INFINITY, f64::min);
    let hi = v.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    hi / lo - 1.0
}

fn checks(points: &[Point], all_threads: usize) -> Vec<Check> {
    let flat = |name: &str, value: f64| Check {
        name: name.into(),
        value,
        target: format!("at most {:.0}%", FLAT_WITHIN * 100.0),
        met: value <= FLAT_WITHIN + 1e-12,
    };
    let mut out = vec![
        flat(
            "population: spread of cost per patient-day (set-up and simulation)",
            spread(points, "population", |m| m.ns_per_patient_day),
        ),
        flat(
            "years: spread of cost per patient-day (set-up and simulation)",
            spread(points, "years", |m| m.ns_per_patient_day),
        ),
        // The model itself makes more events per patient-day in some
        // points (demand grows over 20 years; tiny sites queue more for
        // their few places), so the engine's own cost is also shown per
        // event.
        flat(
            "population: spread of simulation cost per event",
            spread(points, "population", |m| m.ns_per_event),
        ),
        flat(
            "years: spread of simulation cost per event",
            spread(points, "years", |m| m.ns_per_event),
        ),
    ];
    let threads: Vec<&Point> = points.iter().filter(|p| p.series == "threads").collect();
    if let [one, all] = threads[..] {
        if all_threads > 1 {
            let speedup = one.median.parallel_wall_seconds / all.median.parallel_wall_seconds;
            out.push(Check {
                name: format!("threads: {all_threads} threads against 1, wall time of the run"),
                value: speedup,
                target: format!("at least {MIN_SPEEDUP}x"),
                met: speedup >= MIN_SPEEDUP,
            });
        }
    }
    out
}

/// The study as a plain-text table.
pub fn to_table(s: &Study) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "carescale bench --scaling: {} ({} rounds, medians); commit {}",
        s.scenario, s.rounds, s.git_commit
    );
    let _ = writeln!(
        t,
        "machine: {}, {} cores, load {:.2} at start",
        s.machine.cpu, s.machine.cores, s.machine.load_average_at_start
    );
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "{:<10} {:>11} {:>5} {:>7} {:>5} {:>11} {:>11} {:>12} {:>9} {:>10} {:>9}",
        "series",
        "people",
        "years",
        "threads",
        "reps",
        "ns/pt-day",
        "sim ns/pd",
        "set-up ns/p",
        "ns/event",
        "events/pd",
        "wall s"
    );
    for p in &s.points {
        let m = &p.median;
        let _ = writeln!(
            t,
            "{:<10} {:>11} {:>5} {:>7} {:>5} {:>11.3} {:>11.3} {:>12.0} {:>9.1} {:>10.5} {:>9.2}",
            p.series,
            p.population,
            p.years,
            p.threads,
            p.replicates,
            m.ns_per_patient_day,
            m.simulation_ns_per_patient_day,
            m.setup_ns_per_person,
            m.ns_per_event,
            m.events_per_patient_day,
            m.parallel_wall_seconds
        );
    }
    let _ = writeln!(t);
    for c in &s.checks {
        let value = if c.name.starts_with("threads") {
            format!("{:.2}x", c.value)
        } else {
            format!("{:.1}%", c.value * 100.0)
        };
        let _ = writeln!(
            t,
            "{} {}: {} (target {})",
            if c.met { "MET   " } else { "MISSED" },
            c.name,
            value,
            c.target
        );
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), 2.5);
        assert!(median(vec![]).is_nan());
    }

    #[test]
    fn small_points_get_replicates_up_to_a_million_people() {
        assert_eq!(replicates_for(10_000), 100);
        assert_eq!(replicates_for(100_000), 10);
        assert_eq!(replicates_for(1_000_000), 1);
        assert_eq!(replicates_for(55_600_000), 1);
    }

    #[test]
    fn thread_points_have_parallel_work_even_for_one_site() {
        let one = plan(2, 1);
        let threads: Vec<_> = one.iter().filter(|p| p.0 == "threads").collect();
        assert_eq!(threads.len(), 2);
        assert!(threads.iter().all(|p| p.4 == 2));
        assert_eq!((threads[0].3, threads[1].3), (1, 2));
        let seven = plan(2, 7);
        assert!(seven.iter().filter(|p| p.0 == "threads").all(|p| p.4 == 1));
        assert_eq!(seven.len(), 9);
    }

    fn point(series: &str, ns: f64, wall: f64) -> Point {
        let m = Measurement {
            ns_per_patient_day: ns,
            ns_per_event: 100.0 * ns,
            parallel_wall_seconds: wall,
            ..Default::default()
        };
        Point {
            series: series.into(),
            population: 1,
            years: 1,
            threads: 1,
            replicates: 1,
            runs: vec![m],
            median: m,
        }
    }

    #[test]
    fn checks_compare_spreads_and_speedup_with_the_targets() {
        let pts = vec![
            point("population", 1.0, 0.0),
            point("population", 1.25, 0.0),
            point("years", 1.0, 0.0),
            point("years", 1.1, 0.0),
            point("threads", 1.0, 10.0),
            point("threads", 1.0, 5.0),
        ];
        let c = checks(&pts, 2);
        assert_eq!(c.len(), 5);
        assert!((c[0].value - 0.25).abs() < 1e-12 && !c[0].met);
        assert!((c[1].value - 0.10).abs() < 1e-12 && c[1].met);
        assert!((c[4].value - 2.0).abs() < 1e-12 && c[4].met);
        // One core: no speed-up to check.
        assert_eq!(checks(&pts, 1).len(), 4);
    }
}
