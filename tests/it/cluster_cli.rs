//! The cluster and command-line path: shard index under Slurm resubmission,
//! completed parts left alone, dry-run estimates, `describe` of adopting
//! sites and at a scale, closed pipes, and messages for bad `--set` keys.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn carescale(args: &[&str], envs: &[(&str, &str)], dir: &Path) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_carescale"));
    c.args(args).current_dir(dir);
    for v in carescale::experiment::shard::INDEX_VARS {
        c.env_remove(v);
    }
    for (k, v) in envs {
        c.env(k, v);
    }
    c.output().expect("run carescale")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_string()
}

fn sweep_file() -> String {
    repo()
        .join("scenarios/sweeps/demo_sweep.toml")
        .display()
        .to_string()
}

#[test]
fn resubmitted_slurm_task_runs_its_own_shard() {
    let d = tempfile::tempdir().unwrap();
    let sw = sweep_file();
    let args = [
        "sweep",
        sw.as_str(),
        "--dry-run",
        "--scale",
        "0.002",
        "--shard-from-env",
        "--shards",
        "8",
    ];
    // `sbatch --array=2` of an array declared 0-7.
    let o = carescale(
        &args,
        &[
            ("SLURM_ARRAY_TASK_ID", "2"),
            ("SLURM_ARRAY_TASK_MIN", "2"),
            ("SLURM_ARRAY_TASK_COUNT", "1"),
        ],
        d.path(),
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("shard        2/8"), "{out}");
    assert!(
        out.contains("estimate") && out.contains("memory") && out.contains("disk"),
        "{out}"
    );
    // An array declared 1-8 without --shard-base is refused with the fix.
    let o = carescale(
        &args,
        &[
            ("SLURM_ARRAY_TASK_ID", "3"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_COUNT", "8"),
        ],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("--shard-base 1"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn a_complete_part_is_left_alone() {
    let d = tempfile::tempdir().unwrap();
    let sw = sweep_file();
    let args = [
        "sweep",
        sw.as_str(),
        "--scale",
        "0.002",
        "--replicates",
        "1",
        "--shard",
        "1/4",
        "--out",
        "part-1",
        "--threads",
        "1",
    ];
    let o = carescale(&args, &[], d.path());
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = carescale(&args, &[], d.path());
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("already complete"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn describe_lists_care_models_and_takes_the_scale() {
    let d = tempfile::tempdir().unwrap();
    let demo = repo().join("scenarios/demo.toml").display().to_string();
    let o = carescale(&["describe", &demo], &[], d.path());
    assert!(o.status.success());
    let out = text(&o.stdout);
    let north = out.lines().find(|l| l.starts_with("| north")).unwrap();
    assert!(!north.contains("none (fragmented)"), "{north}");
    assert!(north.contains("pacs"), "{north}");
    // 60,000 people in mid-2017, grown to the start date as England's.
    let scn =
        carescale::scenario::Scenario::from_file(&repo().join("scenarios/demo.toml"), &[]).unwrap();
    let start = scn
        .sites
        .iter()
        .find(|s| s.name == "north")
        .unwrap()
        .population;
    assert!(north.contains(&format!("| {start} |")), "{north}");
    let o = carescale(&["describe", &demo, "--scale", "0.01"], &[], d.path());
    let out = text(&o.stdout);
    let scaled = (600.0 * start as f64 / 60000.0).round();
    assert!(out.contains(&format!("| north | {scaled} |")), "{out}");
    // With a manifest of a scaled run, its scale is used.
    let m = d.path().join("manifest.json");
    std::fs::write(
        &m,
        r#"{"command": ["carescale", "run", "x.toml", "--scale", "0.01"]}"#,
    )
    .unwrap();
    let o = carescale(
        &["describe", &demo, "--manifest", m.to_str().unwrap()],
        &[],
        d.path(),
    );
    assert!(text(&o.stdout).contains(&format!("| north | {scaled} |")));
}

/// Run with standard output a pipe whose reader is already gone.
fn closed_pipe(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_carescale"))
        .args(args)
        .current_dir(repo())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    (o.status.code(), text(&o.stderr))
}

#[test]
fn a_closed_pipe_ends_quietly() {
    for args in [
        vec!["describe", "scenarios/demo.toml"],
        vec!["sweep", "scenarios/sweeps/demo_sweep.toml", "--dry-run"],
        vec!["template"],
    ] {
        let (code, err) = closed_pipe(&args);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        // Killed by SIGPIPE (no code) or a clean exit: never a panic's 101.
        assert!(
            code.is_none() || code == Some(0),
            "{args:?}: {code:?} {err}"
        );
    }
}

#[test]
fn bad_set_names_the_key_and_suggests() {
    let d = tempfile::tempdir().unwrap();
    let demo = repo().join("scenarios/demo.toml").display().to_string();
    let o = carescale(
        &[
            "describe",
            &demo,
            "--set",
            "implementation.design_quality=abc",
        ],
        &[],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    let e = text(&o.stderr);
    assert!(
        e.contains("key `implementation.design_quality`") && e.contains("`abc`"),
        "{e}"
    );
    let o = carescale(
        &[
            "describe",
            &demo,
            "--set",
            "implementation.desgn_quality=0.5",
        ],
        &[],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("did you mean `implementation.design_quality`?"),
        "{}",
        text(&o.stderr)
    );
    let f = d.path().join("s.toml");
    std::fs::write(
        &f,
        "[scenario]\nname = \"t\"\nquestion = \"q?\"\n[routing]\nshare_aee = 0.5\n[[sites]]\nname = \"a\"\npopulation = 100\n",
    )
    .unwrap();
    let o = carescale(&["validate", f.to_str().unwrap()], &[], d.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("did you mean `routing.share_ae`?"),
        "{}",
        text(&o.stderr)
    );
}
