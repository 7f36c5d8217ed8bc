//! What carescale accepts as input: any path (non-UTF-8 included), seeds
//! over the whole u64 range, a capped thread count, bounded reads from
//! regular files only, limited names and key paths, dates with a range, and
//! errors located where the problem is.

use crate::common::SMALL;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The binary's exit code, stdout and stderr; fails the test if it runs
/// longer than `secs` (a hang) and never lets it linger.
fn run_for(args: &[&OsStr], cwd: &Path, secs: u64) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_carescale"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if t0.elapsed() > Duration::from_secs(secs) {
            child.kill().unwrap();
            let _ = child.wait();
            panic!("carescale {args:?} ran longer than {secs}s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn cs(args: &[&str], cwd: &Path) -> (i32, String, String) {
    let a: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    run_for(&a, cwd, 120)
}

/// A path whose name is not UTF-8: `caf\xff` and a suffix.
fn odd(dir: &Path, suffix: &str) -> PathBuf {
    let mut name = b"caf\xff".to_vec();
    name.extend_from_slice(suffix.as_bytes());
    dir.join(OsStr::from_bytes(&name))
}

/// SMALL with one replicate and a short horizon: quick to run.
fn tiny() -> String {
    SMALL
        .replace("replicates = 3", "replicates = 1")
        .replace("horizon_months = 24", "horizon_months = 12")
}

fn sweep_text(extra: &str) -> String {
    format!(
        "[sweep]\nname = \"s\"\nquestion = \"Does it run?\"\nscenario = \"small.toml\"\nreplicates = 1\n{extra}\n[design]\nkind = \"grid\"\n\n[[parameters]]\npath = \"rollout.pace_multiplier\"\nvalues = [0.5, 1.0]\n"
    )
}

#[test]
fn non_utf8_paths_never_panic() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let scn = odd(dir, ".toml");
    std::fs::write(&scn, tiny()).unwrap();
    std::fs::write(dir.join("small.toml"), tiny()).unwrap();
    for cmd in ["validate", "describe"] {
        let (code, _, err) = run_for(&[OsStr::new(cmd), scn.as_os_str()], dir, 60);
        assert_eq!(code, 0, "{cmd}: {err}");
    }
    // `run` of a non-UTF-8 scenario path into a UTF-8 folder works.
    let out = dir.join("out_run");
    let (code, _, err) = run_for(
        &[
            OsStr::new("run"),
            scn.as_os_str(),
            OsStr::new("-q"),
            OsStr::new("--out"),
            out.as_os_str(),
        ],
        dir,
        120,
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.join("timeseries.csv").is_file());
    // A non-UTF-8 --out is refused before anything runs, and nothing is made.
    for cmd in ["run", "sweep", "calibrate", "reps"] {
        let input = if cmd == "sweep" {
            let sw = odd(dir, "_sweep.toml");
            std::fs::write(&sw, sweep_text("")).unwrap();
            sw
        } else {
            scn.clone()
        };
        let bad_out = odd(dir, &format!("_{cmd}_out"));
        let (code, _, err) = run_for(
            &[
                OsStr::new(cmd),
                input.as_os_str(),
                OsStr::new("-q"),
                OsStr::new("--out"),
                bad_out.as_os_str(),
            ],
            dir,
            60,
        );
        assert_eq!(code, 2, "{cmd}: {err}");
        assert!(
            err.contains("--out") && err.contains("UTF-8"),
            "{cmd}: {err}"
        );
        assert!(!bad_out.exists(), "{cmd} made its output");
    }
    let bad_out = odd(dir, "_merge_out");
    let (code, _, err) = run_for(
        &[
            OsStr::new("merge"),
            out.as_os_str(),
            OsStr::new("--out"),
            bad_out.as_os_str(),
        ],
        dir,
        60,
    );
    assert_eq!(code, 2, "{err}");
    // A non-UTF-8 sweep file and part folder: no panic.
    let sw = odd(dir, "_sweep.toml");
    let part = odd(dir, "_part");
    let (code, _, err) = run_for(
        &[OsStr::new("sweep"), sw.as_os_str(), OsStr::new("--dry-run")],
        dir,
        60,
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run_for(&[OsStr::new("merge"), part.as_os_str()], dir, 60);
    assert_eq!(code, 2, "{err}");
    // `report` of a results folder under a non-UTF-8 name.
    let moved = odd(dir, "_results");
    std::fs::rename(&out, &moved).unwrap();
    let (code, _, err) = run_for(&[OsStr::new("report"), moved.as_os_str()], dir, 120);
    assert_eq!(code, 0, "{err}");
    assert!(moved.join("report.html").is_file());
}

#[test]
fn seeds_cover_the_whole_u64_range() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    std::fs::write(dir.join("small.toml"), tiny()).unwrap();
    let max = u64::MAX.to_string();
    let seed_flag = format!("run.seed={max}");
    for (i, extra) in [
        vec!["--seed", max.as_str()],
        vec!["--set", seed_flag.as_str()],
    ]
    .into_iter()
    .enumerate()
    {
        let out = format!("o{i}");
        let mut args = vec!["run", "small.toml", "-q", "--out", &out];
        args.extend(extra);
        let (code, _, err) = cs(&args, dir);
        assert_eq!(code, 0, "{err}");
    }
    // Same seed both ways: the same results.
    let a = std::fs::read(dir.join("o0/timeseries.csv")).unwrap();
    let b = std::fs::read(dir.join("o1/timeseries.csv")).unwrap();
    assert_eq!(a, b);
    // In the file, as a quoted decimal; then with an override too.
    let text = tiny().replace("seed = 12345", &format!("seed = \"{max}\""));
    std::fs::write(dir.join("big.toml"), text).unwrap();
    let (code, _, err) = cs(&["validate", "big.toml"], dir);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = cs(
        &[
            "run",
            "big.toml",
            "-q",
            "--out",
            "o2",
            "--set",
            "run.replicates=1",
        ],
        dir,
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(a, std::fs::read(dir.join("o2/timeseries.csv")).unwrap());
    // A sweep with the largest seed.
    std::fs::write(dir.join("s.toml"), sweep_text("")).unwrap();
    let (code, _, err) = cs(&["sweep", "s.toml", "--dry-run", "--seed", &max], dir);
    assert_eq!(code, 0, "{err}");
    let sw = sweep_text(&format!("seed = \"{max}\""));
    std::fs::write(dir.join("s2.toml"), sw).unwrap();
    let (code, _, err) = cs(&["sweep", "s2.toml", "--dry-run"], dir);
    assert_eq!(code, 0, "{err}");
    // Bad seeds are blamed where they are.
    let text = tiny().replace("seed = 12345", "seed = -3");
    std::fs::write(dir.join("neg.toml"), text).unwrap();
    let (code, _, err) = cs(&["validate", "neg.toml"], dir);
    assert_eq!(code, 2);
    assert!(err.contains("neg.toml:10:"), "{err}");
    let (code, _, err) = cs(&["validate", "small.toml"], dir);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = cs(
        &[
            "run",
            "small.toml",
            "--set",
            "run.seed=18446744073709551616",
        ],
        dir,
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("--set") && err.contains("run.seed=18446744073709551616"),
        "{err}"
    );
    let (code, _, err) = cs(
        &["run", "small.toml", "--seed", "18446744073709551616"],
        dir,
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--seed"), "{err}");
}

#[test]
fn threads_are_capped_with_a_note() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    std::fs::write(dir.join("small.toml"), tiny()).unwrap();
    let a: Vec<&OsStr> = [
        "run",
        "small.toml",
        "-q",
        "--out",
        "o",
        "--threads",
        "100000",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let (code, _, err) = run_for(&a, dir, 60);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("per core; using"), "{err}");
    let (_, help, _) = cs(&["run", "--help"], dir);
    assert!(help.contains("at most 8 per core"), "{help}");
}

#[test]
fn inputs_are_read_only_from_bounded_regular_files() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let fifo = dir.join("fifo.toml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    let mut inputs: Vec<PathBuf> = vec!["/dev/zero".into(), "/dev/urandom".into()];
    if made.is_ok_and(|s| s.success()) {
        inputs.push(fifo);
    }
    let big = dir.join("big.toml");
    std::fs::write(&big, vec![b'#'; 9 << 20]).unwrap();
    inputs.push(big);
    for p in &inputs {
        for cmd in ["validate", "run", "sweep", "describe", "reps"] {
            let (code, _, err) = run_for(&[OsStr::new(cmd), p.as_os_str()], dir, 20);
            assert_eq!(code, 2, "{cmd} {p:?}: {err}");
            assert!(
                err.contains("not a regular file") || err.contains("more than the"),
                "{cmd} {p:?}: {err}"
            );
        }
    }
    // Economics settings and a design table are inputs too.
    std::fs::write(dir.join("small.toml"), tiny()).unwrap();
    let (code, _, err) = cs(&["run", "small.toml", "-q", "--out", "r"], dir);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = cs(&["report", "r", "--economics", "/dev/zero"], dir);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a regular file"), "{err}");
    std::fs::write(dir.join("s.toml"), sweep_text("")).unwrap();
    let (code, _, err) = cs(
        &[
            "sweep",
            "s.toml",
            "--dry-run",
            "--design-table",
            "/dev/zero",
        ],
        dir,
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a regular file"), "{err}");
}

#[test]
fn huge_key_paths_and_names_are_refused_briefly() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    std::fs::write(dir.join("small.toml"), tiny()).unwrap();
    let long = "x".repeat(1 << 20);
    let sw = format!(
        "[sweep]\nname = \"s\"\nquestion = \"q?\"\nscenario = \"small.toml\"\n\n[design]\nkind = \"psa\"\nsamples = 4\n\n[[parameters]]\npath = \"coordination.{long}\"\ndist = \"uniform\"\nmin = 0.1\nmax = 0.2\n"
    );
    std::fs::write(dir.join("s.toml"), sw).unwrap();
    let t0 = Instant::now();
    let (code, _, err) = cs(&["sweep", "s.toml", "--dry-run"], dir);
    assert_eq!(code, 2, "{}", &err[..err.len().min(500)]);
    assert!(err.len() < 2000, "{} bytes of error", err.len());
    assert!(
        err.contains("s.toml:") && err.contains("at most 256"),
        "{err}"
    );
    assert!(t0.elapsed() < Duration::from_secs(10));
    // One argument may hold at most 128 KiB.
    let set = format!("routing.{}=1", "x".repeat(100_000));
    let (code, _, err) = cs(&["validate", "small.toml"], dir);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = cs(&["run", "small.toml", "--set", &set], dir);
    assert_eq!(code, 2);
    assert!(err.len() < 2000 && err.contains("at most 256"), "{err}");
    // A million-character name fails validation, briefly (ten million
    // is over the size limit of a scenario file).
    let name = "n".repeat(1_000_000);
    let text = tiny().replace("name = \"small\"", &format!("name = \"{name}\""));
    std::fs::write(dir.join("long.toml"), text).unwrap();
    let (code, _, err) = cs(&["validate", "long.toml"], dir);
    assert_eq!(code, 2);
    assert!(err.len() < 2000 && err.contains("scenario.name"), "{err}");
    let text = tiny().replace(
        "name = \"alpha\"",
        &format!("name = \"{}\"", "a".repeat(65)),
    );
    std::fs::write(dir.join("site.toml"), text).unwrap();
    let (code, _, err) = cs(&["validate", "site.toml"], dir);
    assert_eq!(code, 2);
    assert!(
        err.contains("sites[0].name") && err.contains("at most 64"),
        "{err}"
    );
}

#[test]
fn errors_are_located_where_the_problem_is() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    std::fs::write(dir.join("small.toml"), tiny()).unwrap();
    // Dates have a range.
    let text = tiny().replace("[run]\n", "[run]\nstart_date = \"9999-12-01\"\n");
    std::fs::write(dir.join("date.toml"), text).unwrap();
    let (code, _, err) = cs(&["validate", "date.toml"], dir);
    assert_eq!(code, 2);
    assert!(
        err.contains("date.toml:7:14") && err.contains("1990-01-01 to 2100-12-31"),
        "{err}"
    );
    // Invalid UTF-8 in a file: line and column.
    let mut bytes = tiny().into_bytes();
    let line = bytes.iter().filter(|&&b| b == b'\n').count() + 2;
    bytes.extend_from_slice(b"\n# caf\xff\n");
    std::fs::write(dir.join("bytes.toml"), bytes).unwrap();
    let (code, _, err) = cs(&["validate", "bytes.toml"], dir);
    assert_eq!(code, 2);
    assert!(err.contains(&format!("line {line}, column 6")), "{err}");
    // Control characters in a quoted key never reach the terminal.
    let text = format!("{}\n[routing]\n\"a\u{1b}[2Jb\" = 1\n", tiny());
    std::fs::write(dir.join("esc.toml"), text).unwrap();
    let (code, _, err) = cs(&["validate", "esc.toml"], dir);
    assert_eq!(code, 2);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    // A --set that breaks a sum rule is blamed on that --set.
    let (code, _, err) = cs(&["validate", "small.toml"], dir);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = cs(
        &[
            "run",
            "small.toml",
            "--set",
            "population.age_band_share.0=0.9",
        ],
        dir,
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("--set") && err.contains("population.age_band_share.0=0.9"),
        "{err}"
    );
    assert!(!err.contains("small.toml:"), "{err}");
    // An index past the end of a default list names its real length.
    let (code, _, err) = cs(
        &[
            "run",
            "small.toml",
            "--set",
            "population.age_band_share.7=0.1",
        ],
        dir,
    );
    assert_eq!(code, 2);
    assert!(err.contains("has 6 entries"), "{err}");
    // A bad `set` inside a sweep file is reported in the sweep file.
    let sw = sweep_text("set = [\"routing.share_ae=7\"]");
    std::fs::write(dir.join("s.toml"), sw).unwrap();
    let (code, _, err) = cs(&["sweep", "s.toml", "--dry-run"], dir);
    assert_eq!(code, 2);
    assert!(
        err.contains("s.toml:6:") && err.contains("sweep.set[0]"),
        "{err}"
    );
    let sw = sweep_text("set = [\"routing.share_ae=\\\"x\\\"\"]");
    std::fs::write(dir.join("s2.toml"), sw).unwrap();
    let (code, _, err) = cs(&["sweep", "s2.toml", "--dry-run"], dir);
    assert_eq!(code, 2);
    assert!(
        err.contains("s2.toml:6:") && err.contains("sweep.set[0]"),
        "{err}"
    );
}
