//! Whole-program throughput: `carescale bench` runs a scenario end to end
//! (population set-up, simulation, output) and reports simulated
//! patient-days and events per second, peak memory and bytes per person, the
//! time of each phase and the machine, as a table and as JSON.
//!
//! The run is the same as `carescale run`: the same plan, thread pool and
//! engine ([`executor::execute`]); only timing is added, around
//! [`SiteSim::new`] (set-up: population, services, first events) and
//! [`SiteSim::run`] (simulation) of every site. The rollout plan of each
//! replicate (cheap next to the patients) is made before the sites start and
//! counts in the parallel part's wall time only. Sites run in
//! parallel, so set-up and simulation overlap in wall time: each phase's
//! *thread seconds* are measured directly, and the wall time of the parallel
//! part is split between them in proportion. Output is the standard tables
//! and manifest, written to a temporary folder that is removed afterwards.
//!
//! Peak memory is the process high-water mark (`VmHWM` in
//! `/proc/self/status`, Linux only): the most the whole process ever held
//! resident at once, program and libraries included.

pub mod scaling;

use crate::error::{Error, Result};
use crate::experiment::executor::{self, Options};
use crate::model::engine::{DayTables, SiteInput, SiteSim};
use crate::model::metrics::b;
use crate::model::rollout::SitePath;
use crate::output::dir::OutputDir;
use crate::output::{csv, manifest};
use crate::scenario::dates::Timeline;
use crate::scenario::Scenario;
use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The England baseline (its 207 places as 206 sites, 55.6 million people): what
/// `carescale bench` measures when no scenario is given.
pub const ENGLAND_BASELINE: &str = include_str!("../../scenarios/england_baseline.toml");

/// The most people one site may hold (the scenario's own limit).
const MAX_SITE_POPULATION: u64 = 200_000_000;

/// What `carescale bench` measures: the scenario and how it is scaled,
/// replicated and run.
#[derive(Clone, Debug)]
pub struct BenchOptions {
    /// Scenario file (TOML); `None`: the embedded England baseline (55.6 million people).
    pub scenario: Option<PathBuf>,
    /// Total population, shared over the sites in proportion to their populations.
    pub population: Option<u64>,
    /// Reported years (run.horizon_months = 12 x YEARS); the scenario's warm-up is kept.
    pub years: Option<u32>,
    /// Replicates.
    pub replicates: u32,
    /// Worker threads, already resolved (at least 1; the caller turns "all
    /// cores" into a number).
    pub threads: usize,
    /// Parameter overrides, `section.key=value`.
    pub set: Vec<String>,
    /// Root seed (overrides run.seed).
    pub seed: Option<u64>,
    /// Scale every site's population by this factor (0 < F <= 1), as in `run`.
    pub scale: f64,
}

/// The machine a benchmark ran on.
#[derive(Clone, Debug, Serialize)]
pub struct Machine {
    /// CPU model (from `/proc/cpuinfo`).
    pub cpu: String,
    /// Cores available to the process.
    pub cores: usize,
    /// Physical memory (bytes; from `/proc/meminfo`, 0 if unknown).
    pub memory_bytes: u64,
    /// One-minute load average when the benchmark started (other work on
    /// the machine makes timings noisy).
    pub load_average_at_start: f64,
    /// Operating system.
    pub os: String,
    /// Architecture.
    pub arch: String,
}

/// Wall time of each phase (seconds).
#[derive(Clone, Debug, Serialize)]
pub struct Seconds {
    /// Reading and checking the scenario.
    pub load: f64,
    /// Population set-up: the parallel part's wall time apportioned by thread seconds.
    pub setup: f64,
    /// Simulation: the parallel part's wall time apportioned by thread seconds.
    pub simulation: f64,
    /// Writing the standard tables and manifest.
    pub output: f64,
    /// End to end.
    pub total: f64,
}

/// Busy time of the worker threads, summed over threads (seconds).
#[derive(Clone, Debug, Serialize)]
pub struct ThreadSeconds {
    /// In set-up (population, services, first events).
    pub setup: f64,
    /// In simulation.
    pub simulation: f64,
}

/// CPU time, which other work on the machine inflates far less than wall
/// time (seconds; `CLOCK_THREAD_CPUTIME_ID` and `CLOCK_PROCESS_CPUTIME_ID`,
/// NaN where unavailable).
#[derive(Clone, Debug, Serialize)]
pub struct CpuSeconds {
    /// Worker threads in set-up, summed.
    pub setup: f64,
    /// Worker threads in simulation, summed.
    pub simulation: f64,
    /// The whole process, end to end.
    pub process: f64,
    /// The busiest worker thread (set-up and simulation): the wall time of
    /// the parallel part on an otherwise idle machine.
    pub busiest_thread: f64,
}

/// What one benchmark run measured.
#[derive(Clone, Debug, Serialize)]
pub struct BenchReport {
    /// Tool name.
    pub tool: String,
    /// carescale version.
    pub version: String,
    /// Git commit carescale was built from.
    pub git_commit: String,
    /// Scenario name.
    pub scenario: String,
    /// Where the scenario came from.
    pub scenario_origin: String,
    /// SHA-256 of the scenario text and overrides.
    pub scenario_sha256: String,
    /// Number of sites.
    pub sites: usize,
    /// People at the start, summed over sites (one replicate).
    pub population: u64,
    /// People ever simulated, arrivals included, summed over sites and replicates.
    pub people_simulated: u64,
    /// Replicates.
    pub replicates: u32,
    /// Warm-up months (simulated, not reported).
    pub warm_up_months: u32,
    /// Reported months.
    pub horizon_months: u32,
    /// Simulated days, warm-up included.
    pub simulated_days: u32,
    /// Worker threads.
    pub threads: usize,
    /// The machine.
    pub machine: Machine,
    /// Patient-days simulated (person-days alive over every simulated day,
    /// warm-up included), summed over sites and replicates.
    pub patient_days: f64,
    /// Events processed.
    pub events: u64,
    /// Wall time by phase.
    pub seconds: Seconds,
    /// Thread time by phase.
    pub thread_seconds: ThreadSeconds,
    /// CPU time by phase.
    pub cpu_seconds: CpuSeconds,
    /// End-to-end wall time the run would take with the machine to itself:
    /// load + busiest worker thread's CPU time + output. An estimate for
    /// busy machines, where wall time also counts other work.
    pub idle_machine_seconds: f64,
    /// Patient-days per second of end-to-end wall time.
    pub patient_days_per_second: f64,
    /// Events per second of end-to-end wall time.
    pub events_per_second: f64,
    /// Patient-days per second of the parallel part (set-up and simulation).
    pub parallel_patient_days_per_second: f64,
    /// CPU nanoseconds of the worker threads (set-up and simulation) per
    /// patient-day: the cost that should stay flat as population, years and
    /// threads change.
    pub ns_per_patient_day: f64,
    /// CPU nanoseconds of simulation per event.
    pub ns_per_event: f64,
    /// Peak resident memory of the process (bytes; VmHWM, 0 if unknown).
    pub peak_memory_bytes: u64,
    /// Resident memory before the scenario was loaded (bytes; VmRSS).
    pub baseline_memory_bytes: u64,
    /// Peak memory per person at the start (bytes).
    pub bytes_per_person: f64,
    /// Bytes of result tables written.
    pub output_bytes: u64,
    /// How peak memory was measured.
    pub peak_memory_source: String,
}

/// Share `total` people over sites in proportion to `populations`
/// (largest remainders, so the shares add up to `total` exactly; every site
/// keeps at least one person).
pub fn scale_populations(populations: &[u64], total: u64) -> Result<Vec<u64>> {
    let n = populations.len() as u64;
    if total < n.max(1) {
        return Err(Error::input(
            "--population",
            None,
            format!("{total} is too small for {n} sites"),
            Some(&format!("give at least {} (one person per site)", n.max(1))),
        ));
    }
    let sum: u128 = populations.iter().map(|&p| p as u128).sum();
    let mut out: Vec<u64> = Vec::with_capacity(populations.len());
    let mut rem: Vec<(u128, usize)> = Vec::with_capacity(populations.len());
    for (i, &p) in populations.iter().enumerate() {
        let q = total as u128 * p as u128;
        out.push((q / sum) as u64);
        rem.push((q % sum, i));
    }
    let left = total - out.iter().sum::<u64>();
    rem.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in rem.iter().take(left as usize) {
        out[i] += 1;
    }
    // Every site needs a person: take them from the largest sites.
    while let Some(z) = out.iter().position(|&p| p == 0) {
        let big = (0..out.len())
            .max_by_key(|&i| (out[i], std::cmp::Reverse(i)))
            .unwrap_or(0);
        out[big] -= 1;
        out[z] += 1;
    }
    if let Some((i, &p)) = out
        .iter()
        .enumerate()
        .find(|(_, &p)| p > MAX_SITE_POPULATION)
    {
        return Err(Error::input(
            "--population",
            None,
            format!("{total} people would put {p} at site {i}, above the limit of {MAX_SITE_POPULATION} a site"),
            Some("give a smaller total, or a scenario with more sites"),
        ));
    }
    Ok(out)
}

/// The overrides that turn `scn` into the benchmarked scenario.
fn overrides(scn: &Scenario, a: &BenchOptions) -> Result<Vec<String>> {
    let mut sets = a.set.clone();
    if let Some(total) = a.population {
        // Sites are given at `population.site_population_year` and grow to
        // the start date: ask for the people that grow to the total.
        let pops: Vec<u64> = scn.sites.iter().map(|s| s.population).collect();
        let growth = if scn.population.follow_ons_demography >= 0.5 {
            let given: u64 = scn.sites.iter().map(|s| s.declared_population).sum();
            scn.total_population() as f64 / given.max(1) as f64
        } else {
            1.0
        };
        for (i, p) in scale_populations(&pops, total)?.into_iter().enumerate() {
            let declared = ((p as f64 / growth).round() as u64).max(1);
            sets.push(format!("sites.{i}.population={declared}"));
        }
    }
    if let Some(y) = a.years {
        if !(1..=50).contains(&y) {
            return Err(Error::input(
                "--years",
                None,
                format!("{y} is out of range"),
                Some("give 1 to 50 reported years"),
            ));
        }
        sets.push(format!("run.horizon_months={}", y * 12));
    }
    if !(1..=100_000).contains(&a.replicates) {
        return Err(Error::input(
            "--replicates",
            None,
            format!("{} is out of range", a.replicates),
            Some("give 1 to 100000 replicates"),
        ));
    }
    sets.push(format!("run.replicates={}", a.replicates));
    if let Some(seed) = a.seed {
        sets.push(format!("run.seed={seed}"));
    }
    Ok(sets)
}

/// Load the scenario to benchmark: the file (or the embedded England
/// baseline) with the population, years and replicates asked for.
pub fn load(a: &BenchOptions) -> Result<Scenario> {
    let (text, origin) = match &a.scenario {
        Some(p) => (
            crate::files::read_text(p, crate::files::MAX_INPUT_BYTES, "scenario file")?,
            p.display().to_string(),
        ),
        None => (
            ENGLAND_BASELINE.to_string(),
            "<embedded England baseline>".to_string(),
        ),
    };
    let plain = Scenario::from_str(&text, &origin, &a.set)?;
    let mut sets = overrides(&plain, a)?;
    let scn = Scenario::from_str(&text, &origin, &sets)?;
    if a.scale == 1.0 {
        return Ok(scn);
    }
    sets.extend(crate::experiment::options::scale_sets(&scn, a.scale)?);
    Scenario::from_str(&text, &origin, &sets)
}

/// Run the benchmark described by `a`.
pub fn measure(a: &BenchOptions) -> Result<BenchReport> {
    measure_phases(a, true)
}

/// Run the benchmark described by `a`, writing the standard outputs only
/// if `write_output` (the scaling study times set-up and simulation only).
pub fn measure_phases(a: &BenchOptions, write_output: bool) -> Result<BenchReport> {
    if a.threads > 1024 {
        return Err(Error::input(
            "--threads",
            None,
            format!("{} is out of range", a.threads),
            Some("give 0 (all cores) to 1024 threads"),
        ));
    }
    let baseline_memory_bytes = proc_status_kib("VmRSS").unwrap_or(0) * 1024;
    let load_average_at_start = load_average();
    let t0 = Instant::now();
    let scn = load(a)?;
    let t_load = t0.elapsed();
    let threads = a.threads.max(1);

    let cpu0 = cpu_time(CpuClock::Process);
    // (wall, CPU) of each phase, summed over sites.
    let setup_time = Mutex::new((Duration::ZERO, Duration::ZERO));
    let sim_time = Mutex::new((Duration::ZERO, Duration::ZERO));
    // CPU time of each worker thread (set-up and simulation).
    let per_thread = Mutex::new(vec![Duration::ZERO; threads]);
    let t1 = Instant::now();
    let site_fn =
        |tl: &Timeline, days: &DayTables, site: usize, replicate: u32, path: &SitePath| {
            let s0 = Instant::now();
            let c0 = cpu_time(CpuClock::Thread);
            let sim = SiteSim::new(SiteInput {
                scenario: &scn,
                site,
                replicate,
                timeline: tl,
                levers: path.strength.clone(),
                fidelity: path.fidelity.clone(),
                programme_cost: path.programme_cost.clone(),
                check_invariants: false,
                days: Some(days),
            });
            let s1 = Instant::now();
            let c1 = cpu_time(CpuClock::Thread);
            let res = sim.run();
            let s2 = Instant::now();
            let c2 = cpu_time(CpuClock::Thread);
            let mut st = setup_time.lock().unwrap_or_else(|e| e.into_inner());
            st.0 += s1 - s0;
            st.1 += c1.saturating_sub(c0);
            drop(st);
            let mut sm = sim_time.lock().unwrap_or_else(|e| e.into_inner());
            sm.0 += s2 - s1;
            sm.1 += c2.saturating_sub(c1);
            drop(sm);
            if let Some(t) = rayon::current_thread_index() {
                let mut pt = per_thread.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(slot) = pt.get_mut(t) {
                    *slot += c2.saturating_sub(c0);
                }
            }
            res
        };
    let opts = Options {
        site_fn: Some(&site_fn),
        ..Options::threads(threads)
    };
    let results = executor::run_replicates(&scn, 0, scn.run.replicates, &opts)?;
    let t_parallel = t1.elapsed();

    let t2 = Instant::now();
    let dir = std::env::temp_dir().join(format!("carescale-bench-{}", std::process::id()));
    let output_bytes = if write_output {
        write_outputs(&dir, &scn, &results, threads)?
    } else {
        0
    };
    let t_output = t2.elapsed();
    let t_total = t0.elapsed();
    let process_cpu = cpu_time(CpuClock::Process).saturating_sub(cpu0);
    let _ = std::fs::remove_dir_all(&dir);

    let peak_memory_bytes = proc_status_kib("VmHWM").unwrap_or(0) * 1024;
    let (setup_wall_sum, setup_cpu) = setup_time.into_inner().unwrap_or_else(|e| e.into_inner());
    let (sim_wall_sum, sim_cpu) = sim_time.into_inner().unwrap_or_else(|e| e.into_inner());
    let (setup_ts, sim_ts) = (setup_wall_sum.as_secs_f64(), sim_wall_sum.as_secs_f64());
    let have_cpu = cpu_clock_works();
    let secs = |d: Duration| if have_cpu { d.as_secs_f64() } else { f64::NAN };
    let (setup_cpu, sim_cpu, process_cpu) = (secs(setup_cpu), secs(sim_cpu), secs(process_cpu));
    let busiest_thread = secs(
        per_thread
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .max()
            .unwrap_or_default(),
    );
    let par = t_parallel.as_secs_f64();
    let busy = setup_ts + sim_ts;
    let (setup_wall, sim_wall) = if busy > 0.0 {
        (par * setup_ts / busy, par * sim_ts / busy)
    } else {
        (0.0, par)
    };
    let events: u64 = results
        .iter()
        .flat_map(|r| r.sites.iter().map(|s| s.events))
        .sum();
    let patient_days: f64 = results
        .iter()
        .flat_map(|r| r.sites.iter())
        .flat_map(|s| s.months.iter().map(|m| m[b::PERSON_DAYS]))
        .sum();
    let people_simulated: u64 = results
        .iter()
        .flat_map(|r| r.sites.iter().map(|s| s.people as u64))
        .sum();
    let population = scn.total_population();
    let total = t_total.as_secs_f64();
    let tl = executor::timeline(&scn);
    Ok(BenchReport {
        tool: "carescale".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        git_commit: manifest::git_commit().into(),
        scenario: scn.scenario.name.clone(),
        scenario_origin: scn.origin.clone(),
        scenario_sha256: scn.hash.clone(),
        sites: scn.sites.len(),
        population,
        people_simulated,
        replicates: scn.run.replicates,
        warm_up_months: scn.run.warm_up_months,
        horizon_months: scn.run.horizon_months,
        simulated_days: tl.n_days,
        threads,
        machine: machine(load_average_at_start),
        patient_days,
        events,
        seconds: Seconds {
            load: t_load.as_secs_f64(),
            setup: setup_wall,
            simulation: sim_wall,
            output: t_output.as_secs_f64(),
            total,
        },
        thread_seconds: ThreadSeconds {
            setup: setup_ts,
            simulation: sim_ts,
        },
        cpu_seconds: CpuSeconds {
            setup: setup_cpu,
            simulation: sim_cpu,
            process: process_cpu,
            busiest_thread,
        },
        idle_machine_seconds: t_load.as_secs_f64() + busiest_thread + t_output.as_secs_f64(),
        patient_days_per_second: patient_days / total,
        events_per_second: events as f64 / total,
        parallel_patient_days_per_second: patient_days / par,
        ns_per_patient_day: (setup_cpu + sim_cpu) * 1e9 / patient_days,
        ns_per_event: sim_cpu * 1e9 / events.max(1) as f64,
        peak_memory_bytes,
        baseline_memory_bytes,
        bytes_per_person: peak_memory_bytes as f64 / population as f64,
        output_bytes,
        peak_memory_source: "VmHWM of /proc/self/status: the process high-water mark of resident memory (program included)".into(),
    })
}

/// Write the standard tables and manifest, as `carescale run` does, into
/// `dir` (replaced if present); returns the bytes of tables written.
fn write_outputs(
    dir: &Path,
    scn: &Scenario,
    results: &[executor::Replicate],
    threads: usize,
) -> Result<u64> {
    // A private temporary folder, deleted after timing: a stale lock of an
    // earlier bench with the same PID is taken over without a note.
    let od = OutputDir::prepare(dir, "bench", true)?;
    let bytes = csv::write_tables(&od, scn, results)?;
    let events: u64 = results
        .iter()
        .flat_map(|r| r.sites.iter().map(|s| s.events))
        .sum();
    let extra =
        serde_json::json!({ "events": events, "site_runs": results.len() * scn.sites.len() });
    let command: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    od.write(
        "manifest.json",
        manifest::manifest(scn, scn.run.replicates, threads, 0.0, &command, extra).as_bytes(),
    )?;
    od.commit()?;
    Ok(bytes)
}

/// The report as a plain-text table.
pub fn to_table(r: &BenchReport) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "carescale bench: {} ({} sites, {} people, {} replicate{}, {} + {} months = {} days)",
        r.scenario,
        r.sites,
        thousands(r.population),
        r.replicates,
        if r.replicates == 1 { "" } else { "s" },
        r.warm_up_months,
        r.horizon_months,
        r.simulated_days
    );
    let _ = writeln!(
        s,
        "machine: {}, {} cores, {:.1} GiB, {} threads, load {:.2} at start; commit {}",
        r.machine.cpu,
        r.machine.cores,
        r.machine.memory_bytes as f64 / (1u64 << 30) as f64,
        r.threads,
        r.machine.load_average_at_start,
        r.git_commit
    );
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{:<12} {:>10} {:>14} {:>14}",
        "phase", "wall s", "thread s", "CPU s"
    );
    let _ = writeln!(s, "{:<12} {:>10.3}", "load", r.seconds.load);
    let _ = writeln!(
        s,
        "{:<12} {:>10.3} {:>14.3} {:>14.3}",
        "set-up", r.seconds.setup, r.thread_seconds.setup, r.cpu_seconds.setup
    );
    let _ = writeln!(
        s,
        "{:<12} {:>10.3} {:>14.3} {:>14.3}",
        "simulation", r.seconds.simulation, r.thread_seconds.simulation, r.cpu_seconds.simulation
    );
    let _ = writeln!(s, "{:<12} {:>10.3}", "output", r.seconds.output);
    let _ = writeln!(
        s,
        "{:<12} {:>10.3} {:>14} {:>14.3}",
        "total", r.seconds.total, "", r.cpu_seconds.process
    );
    let _ = writeln!(
        s,
        "busiest thread {:.3} CPU s; end to end on an idle machine about {:.3} s ({:.4e} patient-days/s)",
        r.cpu_seconds.busiest_thread,
        r.idle_machine_seconds,
        r.patient_days / r.idle_machine_seconds
    );
    let _ = writeln!(s);
    let _ = writeln!(s, "{:<22} {:>16} {:>18}", "measure", "count", "per second");
    let _ = writeln!(
        s,
        "{:<22} {:>16.4e} {:>18.4e}",
        "patient-days", r.patient_days, r.patient_days_per_second
    );
    let _ = writeln!(
        s,
        "{:<22} {:>16.4e} {:>18.4e}",
        "events", r.events as f64, r.events_per_second
    );
    let _ = writeln!(
        s,
        "{:<22} {:>16.2} ns per patient-day (CPU time)",
        "cost", r.ns_per_patient_day
    );
    let _ = writeln!(
        s,
        "{:<22} {:>16.1} ns per event (CPU time)",
        "", r.ns_per_event
    );
    let _ = writeln!(
        s,
        "{:<22} {:>16} {:>10.1} bytes per person (VmHWM, whole process)",
        "peak memory",
        format!(
            "{:.1} MiB",
            r.peak_memory_bytes as f64 / (1u64 << 20) as f64
        ),
        r.bytes_per_person
    );
    s
}

fn thousands(n: u64) -> String {
    let d = n.to_string();
    let mut out = String::new();
    for (i, c) in d.chars().enumerate() {
        if i > 0 && (d.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A `kB` field of `/proc/self/status` (Linux), in KiB.
pub fn proc_status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_status_kib(&status, field)
}

fn parse_status_kib(status: &str, field: &str) -> Option<u64> {
    status.lines().find_map(|l| {
        let rest = l.strip_prefix(field)?.strip_prefix(':')?;
        rest.split_whitespace().next()?.parse().ok()
    })
}

#[derive(Clone, Copy)]
enum CpuClock {
    Thread,
    Process,
}

/// CPU time consumed so far by the calling thread or the whole process
/// (zero where the clock is unavailable).
fn cpu_time(which: CpuClock) -> Duration {
    #[cfg(unix)]
    {
        let id = match which {
            CpuClock::Thread => libc::CLOCK_THREAD_CPUTIME_ID,
            CpuClock::Process => libc::CLOCK_PROCESS_CPUTIME_ID,
        };
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `ts` is a valid, writable timespec for the call's duration.
        if unsafe { libc::clock_gettime(id, &mut ts) } == 0 {
            return Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32);
        }
        Duration::ZERO
    }
    #[cfg(not(unix))]
    {
        let _ = which;
        Duration::ZERO
    }
}

fn cpu_clock_works() -> bool {
    cpu_time(CpuClock::Process) > Duration::ZERO
}

pub(crate) fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(f64::NAN)
}

/// The machine: CPU model, cores, memory, load.
pub fn machine(load_average_at_start: f64) -> Machine {
    let m = manifest::machine();
    let field = |k: &str| {
        m.get(k)
            .and_then(|v| v.as_str())
            .unwrap_or("unknown")
            .to_string()
    };
    let memory_bytes = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| parse_status_kib(&s, "MemTotal"))
        .unwrap_or(0)
        * 1024;
    Machine {
        cpu: field("cpu"),
        cores: std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
        memory_bytes,
        load_average_at_start,
        os: field("os"),
        arch: field("arch"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn populations_scale_to_the_exact_total() {
        let england = [
            8_100_000, 7_300_000, 10_700_000, 6_200_000, 8_900_000, 8_700_000, 5_700_000,
        ];
        for total in [7, 10, 10_000, 100_001, 1_000_000, 55_600_000, 123_456_789] {
            let s = scale_populations(&england, total).unwrap();
            assert_eq!(s.iter().sum::<u64>(), total, "total {total}");
            assert!(s.iter().all(|&p| p >= 1));
        }
        assert_eq!(
            scale_populations(&england, 55_600_000).unwrap(),
            england.to_vec()
        );
        // Proportional within one person.
        let s = scale_populations(&england, 1_000_000).unwrap();
        for (a, b) in s.iter().zip(england) {
            let exact = 1_000_000.0 * b as f64 / 55_600_000.0;
            assert!((*a as f64 - exact).abs() < 1.0, "{a} vs {exact}");
        }
    }

    #[test]
    fn too_few_or_too_many_people_is_an_input_error() {
        let e = scale_populations(&[10, 20, 30], 2).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("at least 3"), "{e}");
        let e = scale_populations(&[1], 300_000_000).unwrap_err();
        assert_eq!(e.exit_code(), 2);
    }

    #[test]
    fn status_fields_parse() {
        let s = "Name:\tcarescale\nVmHWM:\t  123456 kB\nVmRSS:\t    2048 kB\n";
        assert_eq!(parse_status_kib(s, "VmHWM"), Some(123_456));
        assert_eq!(parse_status_kib(s, "VmRSS"), Some(2048));
        assert_eq!(parse_status_kib(s, "VmPeak"), None);
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(55_600_000), "55,600,000");
    }

    #[test]
    fn embedded_england_baseline_is_valid_and_full_size() {
        let scn = Scenario::from_str(ENGLAND_BASELINE, "<embedded>", &[]).unwrap();
        // England's 207 places: 55.6 million in mid-2017 (ONS), grown back
        // to the start (April 2016) as England's population was.
        let declared: u64 = scn.sites.iter().map(|s| s.declared_population).sum();
        assert_eq!(declared, 55_619_430);
        assert_eq!(scn.sites.len(), 206);
        let start = scn.total_population() as f64;
        assert!((start / 55_149_474.0 - 1.0).abs() < 1e-6, "{start}");
        assert_eq!(scn.run.horizon_months, 60);
    }

    #[test]
    fn a_small_bench_measures_every_phase() {
        let a = BenchOptions {
            scenario: None,
            population: Some(7_000),
            years: Some(1),
            replicates: 1,
            threads: 1,
            set: vec![],
            seed: None,
            scale: 1.0,
        };
        let r = measure(&a).unwrap();
        // Within rounding of one person a site.
        assert!(r.population.abs_diff(7_000) <= 7, "{}", r.population);
        assert_eq!(r.horizon_months, 12);
        assert!(r.events > 0 && r.patient_days > 7_000.0 * 365.0);
        assert!(r.seconds.total >= r.seconds.output);
        assert!(r.output_bytes > 0);
        assert!(to_table(&r).contains("patient-days"));
    }
}
