//! Results integrity: `--force` replaces only carescale's own results
//! folders, concurrent writers are excluded by a lock (stale locks are
//! recognised), run files carry checksums checked on resume and merge,
//! and a failed write (full disk) leaves nothing half-written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_carescale"))
}

fn carescale(args: &[&str], dir: &Path) -> Output {
    bin()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run carescale")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

const GOOD: &str = "[scenario]\nname = \"t\"\nquestion = \"q?\"\n\n[run]\nwarm_up_months = 1\nhorizon_months = 2\nreplicates = 2\n\n[[sites]]\nname = \"a\"\npopulation = 500\n";

fn setup() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("t.toml"), GOOD).unwrap();
    d
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn refused(o: &Output, want: &str) {
    let e = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(e.contains("--force refused"), "{e}");
    assert!(e.contains(want), "expected {want:?} in {e}");
    assert!(!e.contains("panicked"), "{e}");
}

#[test]
fn force_refuses_dot_parent_home_and_foreign_folders_touching_nothing() {
    let d = setup();
    let root = d.path();
    std::fs::write(root.join("keep.txt"), "mine").unwrap();
    let sub = root.join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("t.toml"), GOOD).unwrap();
    let before_root = names(root);
    let before_sub = names(&sub);
    for out in [".", "..", "./", "../sub"] {
        let o = carescale(&["run", "t.toml", "--out", out, "--force", "-q"], &sub);
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{out}: {e}");
        assert!(!e.contains("panicked"), "{e}");
        assert_eq!(names(root), before_root, "{out}: nothing touched");
        assert_eq!(names(&sub), before_sub, "{out}: nothing touched");
    }
    // A folder holding the current folder.
    let o = carescale(
        &[
            "run",
            "t.toml",
            "--out",
            root.to_str().unwrap(),
            "--force",
            "-q",
        ],
        &sub,
    );
    refused(&o, "holds, the current folder");
    // A folder with foreign files, for run, calibrate-like writers and sweep.
    let mine = root.join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("thesis.tex"), "years of work").unwrap();
    let o = carescale(&["run", "t.toml", "--out", "mine", "--force", "-q"], root);
    refused(&o, "`thesis.tex`");
    assert_eq!(names(&mine), ["thesis.tex"]);
    assert_eq!(
        names(root),
        before_root
            .iter()
            .cloned()
            .chain(["mine".to_string()])
            .collect::<Vec<_>>()
            .tap_sort()
    );
    let sweep = root.join("s.toml");
    std::fs::write(
        &sweep,
        "[sweep]\nname = \"s\"\nquestion = \"q?\"\nscenario = \"t.toml\"\nreplicates = 2\n\n[design]\nkind = \"grid\"\n\n[[parameters]]\npath = \"sites.0.population\"\nvalues = [400, 600]\n",
    )
    .unwrap();
    let o = carescale(&["sweep", "s.toml", "--out", "mine", "--force", "-q"], root);
    refused(&o, "`thesis.tex`");
    assert_eq!(names(&mine), ["thesis.tex"]);
    assert!(!root.join(".mine.sweep-work").exists());
    // The home folder, even when empty.
    let home = root.join("home");
    std::fs::create_dir(&home).unwrap();
    let o = bin()
        .args(["run", "t.toml", "--out", "home", "--force", "-q"])
        .current_dir(root)
        .env("HOME", &home)
        .output()
        .unwrap();
    refused(&o, "home folder");
    // The root folder.
    let o = carescale(&["run", "t.toml", "--out", "/", "--force", "-q"], root);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

trait TapSort {
    fn tap_sort(self) -> Self;
}
impl TapSort for Vec<String> {
    fn tap_sort(mut self) -> Self {
        self.sort();
        self
    }
}

#[test]
fn force_replaces_a_marked_folder_and_a_legacy_results_folder() {
    let d = setup();
    let root = d.path();
    let o = carescale(&["run", "t.toml", "--out", "out", "-q"], root);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let marker = std::fs::read_to_string(root.join("out/.carescale-results")).unwrap();
    assert!(marker.contains("kind=run"), "{marker}");
    std::fs::write(root.join("out/summary.csv"), "old").unwrap();
    let o = carescale(&["run", "t.toml", "--out", "out", "-q"], root);
    assert_eq!(o.status.code(), Some(2), "no --force: refused");
    let o = carescale(&["run", "t.toml", "--out", "out", "--force", "-q"], root);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_ne!(std::fs::read(root.join("out/summary.csv")).unwrap(), b"old");
    // Nothing hidden left beside it: no lock, partial or old folder.
    assert_eq!(names(root), ["out", "t.toml"]);
    // An unmarked folder of known results files (an older carescale).
    std::fs::create_dir(root.join("legacy")).unwrap();
    std::fs::write(root.join("legacy/summary.csv"), "old").unwrap();
    std::fs::create_dir(root.join("legacy/plots")).unwrap();
    let o = carescale(&["run", "t.toml", "--out", "legacy", "--force", "-q"], root);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(root.join("legacy/.carescale-results").exists());
}

/// A scenario that takes a few seconds to run.
const SLOW: &str = "[scenario]\nname = \"slow\"\nquestion = \"q?\"\n\n[run]\nwarm_up_months = 1\nhorizon_months = 36\nreplicates = 24\n\n[[sites]]\nname = \"a\"\npopulation = 40000\n";

#[test]
fn a_second_writer_is_refused_while_the_first_holds_the_lock() {
    let d = setup();
    let root = d.path();
    std::fs::write(root.join("slow.toml"), SLOW).unwrap();
    let mut first = bin()
        .args(["run", "slow.toml", "--out", "out", "--threads", "1", "-q"])
        .current_dir(root)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let lock = root.join(".out.lock");
    let t0 = std::time::Instant::now();
    while !lock.exists() {
        assert!(
            t0.elapsed().as_secs() < 30,
            "the first run never took its lock"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    for force in [false, true] {
        let mut args = vec!["run", "t.toml", "--out", "out", "-q"];
        if force {
            args.push("--force");
        }
        let o = carescale(&args, root);
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{e}");
        assert!(
            e.contains("another carescale process is writing this output"),
            "{e}"
        );
        assert!(e.contains(&format!("pid {}", first.id())), "{e}");
    }
    assert!(
        first.try_wait().unwrap().is_none(),
        "the first run finished too soon for this test to mean anything"
    );
    let out = first.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in [
        "timeseries.csv",
        "timeseries_groups.csv",
        "runs.csv",
        "summary.csv",
        "manifest.json",
    ] {
        assert!(root.join("out").join(f).is_file(), "{f} missing");
    }
    assert!(!lock.exists(), "the lock is released");
}

fn my_host() -> String {
    carescale::output::dir::hostname()
}

#[test]
fn stale_locks_are_recognised_and_foreign_host_locks_refused() {
    let d = setup();
    let root = d.path();
    let lock = root.join(".out.lock");
    let partial = root.join(".out.partial-99999999");
    // This test process's PID, but another start time: a reused PID.
    for (pid, start) in [(std::process::id(), 1u64), (u32::MAX - 1, 5)] {
        std::fs::write(
            &lock,
            format!(
                "carescale lock\nhost={}\npid={pid}\nstart={start}\nsince=1700000000\n",
                my_host()
            ),
        )
        .unwrap();
        std::fs::create_dir_all(&partial).unwrap();
        std::fs::write(partial.join("runs.csv"), "half").unwrap();
        let o = carescale(&["run", "t.toml", "--out", "out", "--force", "-q"], root);
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(0), "{e}");
        assert!(e.contains("stale lock"), "{e}");
        assert!(e.contains(&format!("pid {pid}")), "{e}");
        assert!(e.contains("no longer running"), "{e}");
        assert!(!lock.exists() && !partial.exists(), "{:?}", names(root));
        assert!(root.join("out/summary.csv").exists());
    }
    // A lock from another host is never judged by the local process table.
    std::fs::write(
        &lock,
        "carescale lock\nhost=node-17.cluster\npid=1\nstart=5\nsince=1700000000\n",
    )
    .unwrap();
    std::fs::create_dir_all(&partial).unwrap();
    let o = carescale(&["run", "t.toml", "--out", "out", "--force", "-q"], root);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    for want in [
        "node-17.cluster",
        "pid 1",
        "2023-11-14 22:13:20 UTC",
        "delete",
        ".out.lock",
    ] {
        assert!(e.contains(want), "expected {want:?} in {e}");
    }
    assert!(partial.exists(), "another host's work is not deleted");
    // The same for a sweep's work folder.
    std::fs::write(
        root.join("s.toml"),
        "[sweep]\nname = \"s\"\nquestion = \"q?\"\nscenario = \"t.toml\"\nreplicates = 2\n\n[design]\nkind = \"grid\"\n\n[[parameters]]\npath = \"sites.0.population\"\nvalues = [400, 600]\n",
    )
    .unwrap();
    std::fs::write(
        root.join(".sw.lock"),
        format!(
            "carescale lock\nhost={}\npid={}\nstart=1\nsince=1700000000\n",
            my_host(),
            std::process::id()
        ),
    )
    .unwrap();
    let o = carescale(&["sweep", "s.toml", "--out", "sw", "-q"], root);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    assert!(e.contains("stale lock"), "{e}");
    std::fs::write(
        root.join(".sw2.lock"),
        "carescale lock\nhost=node-3\npid=42\nstart=5\nsince=1700000000\n",
    )
    .unwrap();
    let o = carescale(&["sweep", "s.toml", "--out", "sw2", "-q"], root);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(e.contains("node-3") && e.contains("pid 42"), "{e}");
}

const SWEEP: &str = "[sweep]\nname = \"s\"\nquestion = \"q?\"\nscenario = \"t.toml\"\nreplicates = 3\n\n[design]\nkind = \"grid\"\n\n[[parameters]]\npath = \"sites.0.population\"\nvalues = [400, 600]\n";

fn run_files(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for c in std::fs::read_dir(dir.join("runs")).unwrap() {
        for f in std::fs::read_dir(c.unwrap().path()).unwrap() {
            v.push(f.unwrap().path());
        }
    }
    v.sort();
    v
}

/// Change one value in a run file's `[runs]` section, keeping its length.
fn tamper(path: &Path) {
    let t = std::fs::read_to_string(path).unwrap();
    let i = t.find("\n[runs]\n").unwrap() + 8;
    let line_end = i + t[i..].find('\n').unwrap();
    let line = &t[i..line_end];
    let last = line.rfind(|c: char| c.is_ascii_digit()).unwrap();
    let d = line.as_bytes()[last];
    let new = if d == b'9' { '8' } else { (d + 1) as char };
    let mut s = t.clone();
    s.replace_range(i + last..i + last + 1, &new.to_string());
    assert_ne!(s, t);
    std::fs::write(path, s).unwrap();
}

#[test]
fn merge_refuses_tampered_missing_and_foreign_run_files() {
    let d = setup();
    let root = d.path();
    std::fs::write(root.join("s.toml"), SWEEP).unwrap();
    for k in 0..2 {
        let o = carescale(
            &[
                "sweep",
                "s.toml",
                "--shard",
                &format!("{k}/2"),
                "--out",
                &format!("p{k}"),
                "-q",
            ],
            root,
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let o = carescale(&["merge", "p0", "p1", "--out", "m", "-q"], root);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let part = std::fs::read_to_string(root.join("p0/part.json")).unwrap();
    assert!(part.contains("\"run_files\""), "{part}");

    let files = run_files(&root.join("p0"));
    let victim = files[0].clone();
    let good = std::fs::read(&victim).unwrap();
    tamper(&victim);
    let o = carescale(&["merge", "p0", "p1", "--out", "m2", "-q"], root);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(e.contains("fails its checksum"), "{e}");
    let rel = victim.strip_prefix(root).unwrap().display().to_string();
    assert!(e.contains(&rel), "names {rel}: {e}");
    assert!(!root.join("m2").exists());

    // A run file replaced by another valid one (checksum recomputed): the
    // part's list catches it.
    std::fs::write(&victim, &good).unwrap();
    let other = run_files(&root.join("p1"))[0].clone();
    let foreign = root
        .join("p0/runs")
        .join(other.strip_prefix(root.join("p1/runs")).unwrap());
    std::fs::create_dir_all(foreign.parent().unwrap()).unwrap();
    std::fs::copy(&other, &foreign).unwrap();
    let o = carescale(&["merge", "p0", "p1", "--out", "m2", "-q"], root);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(e.contains("foreign file"), "{e}");
    std::fs::remove_file(&foreign).unwrap();

    // A missing run file is named.
    std::fs::remove_file(&victim).unwrap();
    let o = carescale(&["merge", "p0", "p1", "--out", "m2", "-q"], root);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(e.contains("part.json lists are missing"), "{e}");
}

fn fail_at(args: &[&str], dir: &Path, n: u64) -> Output {
    bin()
        .args(args)
        .current_dir(dir)
        .env(carescale::files::FAIL_WRITE_VAR, n.to_string())
        .output()
        .unwrap()
}

/// No temporary file, partial folder or half-written file anywhere below.
fn no_debris(dir: &Path) {
    for e in walk(dir) {
        let n = e.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            !n.contains(".tmp-") && !n.contains(".partial-") && !n.contains(".old-"),
            "left {e:?}"
        );
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            v.extend(walk(&p));
        }
        v.push(p);
    }
    v
}

#[test]
fn resume_redoes_a_tampered_run_file() {
    let d = setup();
    let root = d.path();
    std::fs::write(root.join("s.toml"), SWEEP).unwrap();
    let o = carescale(&["sweep", "s.toml", "--out", "clean", "-q"], root);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A full disk after the runs: the sweep fails, the work folder stays.
    let mut n = 1;
    let work = root.join(".out.sweep-work");
    loop {
        let o = fail_at(&["sweep", "s.toml", "--out", "out", "-q"], root, n);
        if o.status.code() != Some(0) && work.join("runs").exists() && run_files(&work).len() == 9 {
            assert!(
                stderr(&o).contains("No space left on device"),
                "{}",
                stderr(&o)
            );
            break;
        }
        let _ = std::fs::remove_dir_all(&work);
        let _ = std::fs::remove_dir_all(root.join("out"));
        n += 1;
        assert!(n < 40, "never failed after the runs");
    }
    assert!(!root.join("out").exists());
    let files = run_files(&work);
    tamper(&files[4]);
    let o = carescale(&["sweep", "s.toml", "--out", "out"], root);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    assert!(
        e.contains("fails its checksum") && e.contains("redoing that run"),
        "{e}"
    );
    assert!(e.contains("8 already done, 1 to run"), "{e}");
    for f in [
        "runs.csv",
        "summary.csv",
        "comparisons.csv",
        "timeseries.csv",
    ] {
        assert_eq!(
            std::fs::read(root.join("clean").join(f)).unwrap(),
            std::fs::read(root.join("out").join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn a_full_disk_leaves_no_half_written_file_and_fails() {
    let d = setup();
    let root = d.path();
    let o = carescale(&["run", "t.toml", "--out", "ref", "-q"], root);
    assert_eq!(o.status.code(), Some(0));
    let mut failures = 0;
    for n in 1..=40 {
        let o = fail_at(&["run", "t.toml", "--out", "out", "-q"], root, n);
        let out = root.join("out");
        if o.status.code() == Some(0) {
            // The failure hit a plot (a warning) or came after the last write.
            for f in ["timeseries.csv", "runs.csv", "summary.csv"] {
                assert_eq!(
                    std::fs::read(out.join(f)).unwrap(),
                    std::fs::read(root.join("ref").join(f)).unwrap()
                );
            }
            std::fs::remove_dir_all(&out).unwrap();
        } else {
            failures += 1;
            let e = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{e}");
            assert!(e.contains("No space left on device"), "{e}");
            assert!(!out.exists(), "no results folder after a failed write");
        }
        no_debris(root);
        assert_eq!(names(root), ["ref", "t.toml"]);
    }
    assert!(failures >= 5, "{failures}");
    // report: every failed write fails the command and leaves no
    // report.html (the last write is report.html itself).
    let mut n = 1;
    loop {
        let o = fail_at(&["report", "ref"], root, n);
        no_debris(root);
        if o.status.code() == Some(0) {
            break;
        }
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(!root.join("ref/report.html").exists(), "write {n}");
        n += 1;
        assert!(n < 200);
    }
    assert!(n > 2, "{n}");
    assert!(root.join("ref/report.html").exists());
}
