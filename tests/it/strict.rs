//! Results readers are strict: a results file with a value carescale would
//! not write (text for a number, a bad replicate, a short row) is refused
//! with its file, line, column and field and exit code 2, never read as a
//! missing value or replicate 0. Also: deeply nested scenario files are
//! located, and design tables are held to the limits of names.

use std::path::Path;
use std::process::{Command, Output};

fn carescale(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carescale"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run carescale")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// Exit code 2, no panic, and every one of `want` in the message.
fn refused(o: &Output, want: &[&str]) {
    let e = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(!e.contains("panicked"), "{e}");
    for w in want {
        assert!(e.contains(w), "expected {w:?} in {e}");
    }
}

const GOOD: &str = "[scenario]\nname = \"t\"\nquestion = \"q?\"\n\n[run]\nwarm_up_months = 1\nhorizon_months = 3\nreplicates = 3\n\n[[sites]]\nname = \"a\"\npopulation = 500\ngroup = \"vanguard\"\n\n[[sites]]\nname = \"b\"\npopulation = 400\ngroup = \"comparison\"\n";

/// Replace field `col` (0-based) of the first data row of `file` matching
/// `pick`; returns that row's line number (1-based).
fn damage(file: &Path, pick: &dyn Fn(&[&str]) -> bool, col: usize, to: &str) -> usize {
    let text = std::fs::read_to_string(file).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let i = (1..lines.len())
        .find(|&i| pick(&lines[i].split(',').collect::<Vec<_>>()))
        .expect("a row to damage");
    let mut f: Vec<String> = lines[i].split(',').map(String::from).collect();
    f[col] = to.to_string();
    lines[i] = f.join(",");
    std::fs::write(file, lines.join("\n") + "\n").unwrap();
    i + 1
}

fn run_folder(root: &Path) {
    std::fs::write(root.join("t.toml"), GOOD).unwrap();
    let o = carescale(&["run", "t.toml", "--out", "r", "-q"], root);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = carescale(&["report", "r"], root);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_damaged_time_series_is_refused_by_report_and_growth() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    run_folder(root);
    let file = root.join("r/timeseries_groups.csv");
    let clean = std::fs::read_to_string(&file).unwrap();
    // scenario,replicate,group,period,metric,value
    let line = damage(
        &file,
        &|f| f[2] == "all" && f[4] == "emergency_admissions_per_1000",
        5,
        "12x",
    );
    let at = format!("timeseries_groups.csv:{line}:6: key `value`: `12x` is not a number");
    refused(
        &carescale(&["report", "r"], root),
        &[&at, "help:", "damaged"],
    );
    // A value that is not a number is never read as missing, nor a
    // replicate that is not a number as replicate 0.
    std::fs::write(&file, &clean).unwrap();
    let line = damage(
        &file,
        &|f| f[2] == "all" && f[4] == "emergency_admissions",
        1,
        "one",
    );
    let at = format!("timeseries_groups.csv:{line}:2: key `replicate`");
    refused(
        &carescale(
            &[
                "growth",
                "r",
                "--metric",
                "emergency_admissions",
                "--from",
                "2016-05..2016-05",
                "--to",
                "2016-06..2016-07",
            ],
            root,
        ),
        &[&at, "not a replicate number"],
    );
    // An empty cost is refused where it is; a missing monthly cost of a
    // replicate is not a cost of zero.
    std::fs::write(&file, &clean).unwrap();
    let line = damage(&file, &|f| f[2] == "all" && f[4] == "cost_acute_gbp", 5, "");
    let at = format!("timeseries_groups.csv:{line}:6");
    refused(&carescale(&["report", "r"], root), &[&at]);
    let kept: Vec<&str> = clean
        .lines()
        .filter(|l| !l.starts_with("t,1,all,2016-06,cost_acute_gbp,"))
        .collect();
    assert_eq!(kept.len() + 1, clean.lines().count());
    std::fs::write(&file, kept.join("\n") + "\n").unwrap();
    refused(
        &carescale(&["report", "r"], root),
        &[
            "timeseries_groups.csv: cost_acute_gbp of group all has no value in 2016-06 for replicate 1",
        ],
    );
}

#[test]
fn a_damaged_summary_is_refused_by_report() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    run_folder(root);
    // scenario,group,metric,n,mean,...
    let line = damage(
        &root.join("r/summary.csv"),
        &|f| f[1] == "all" && f[2] == "emergency_admissions_per_1000",
        4,
        "NaN",
    );
    let at = format!("summary.csv:{line}:5: key `mean`: `NaN` is not a number");
    refused(&carescale(&["report", "r"], root), &[&at]);
}

#[test]
fn a_damaged_runs_csv_of_a_sweep_is_refused_by_report() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    std::fs::write(root.join("t.toml"), GOOD).unwrap();
    std::fs::write(
        root.join("s.toml"),
        "[sweep]\nname = \"s\"\nquestion = \"q?\"\nscenario = \"t.toml\"\nreplicates = 2\n\n[design]\nkind = \"grid\"\n\n[[parameters]]\npath = \"sites.0.levers.case_management\"\nvalues = [0.5, 1]\n",
    )
    .unwrap();
    let o = carescale(&["sweep", "s.toml", "--out", "sw", "-q"], root);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Without comparisons.csv, report pairs the cells from runs.csv.
    std::fs::remove_file(root.join("sw/comparisons.csv")).unwrap();
    let o = carescale(&["report", "sw"], root);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // cell,scenario,replicate,group,metric,value
    let line = damage(
        &root.join("sw/runs.csv"),
        &|f| f[3] == "all" && f[4] == "emergency_admissions_per_1000",
        5,
        "",
    );
    let at = format!("runs.csv:{line}:6: key `value`: `` is not a number");
    refused(&carescale(&["report", "sw"], root), &[&at, "help:"]);
}

#[test]
fn deeply_nested_keys_are_located_by_validate_and_run() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    let key = vec!["x"; 120].join(".");
    std::fs::write(root.join("deep.toml"), format!("{GOOD}\n{key} = 1\n")).unwrap();
    let line = GOOD.lines().count() + 2;
    let at = format!("deep.toml:{line}:1: ");
    for cmd in ["validate", "run"] {
        let o = carescale(
            &[cmd, "deep.toml", "--out", "o", "-q"][..if cmd == "run" { 5 } else { 2 }],
            root,
        );
        refused(&o, &[&at, "less deeply"]);
        assert!(!root.join("o").exists());
    }
    let lists = format!(
        "{GOOD}\n[population]\nx = {}1{}\n",
        "[".repeat(300),
        "]".repeat(300)
    );
    std::fs::write(root.join("deep.toml"), lists).unwrap();
    let at = format!("deep.toml:{}:", GOOD.lines().count() + 3);
    refused(&carescale(&["validate", "deep.toml"], root), &[&at]);
}

#[test]
fn design_tables_are_held_to_the_limits_of_names() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    std::fs::write(root.join("t.toml"), GOOD).unwrap();
    std::fs::write(
        root.join("s.toml"),
        "[sweep]\nname = \"s\"\nquestion = \"q?\"\nscenario = \"t.toml\"\nreplicates = 2\n\n[design]\nkind = \"grid\"\n\n[[parameters]]\npath = \"sites.0.levers.case_management\"\nvalues = [0.5, 1]\n",
    )
    .unwrap();
    let long = "c".repeat(100_000);
    let cases = [
        (
            format!("cell,sites.0.levers.case_management\n{long},1\n"),
            "design.csv:2:1: key `cell`",
        ),
        (
            format!("cell,sites.0.levers.{long}\nc1,1\n"),
            "design.csv:1:2: column name",
        ),
        (
            "cell,sites.0.levers.case_management;rm\nc1,1\n".to_string(),
            "design.csv:1:2: `sites.0.levers.case_management;rm` is not a key path",
        ),
        (
            format!("cell,scenario.name\nc1,{long}\n"),
            "design.csv:2:2: key `scenario.name`: value",
        ),
        (
            "cell,scenario.name\nc1,\"a\u{1b}[2Jb\"\n".to_string(),
            "control characters",
        ),
    ];
    for (table, want) in cases {
        std::fs::write(root.join("design.csv"), table).unwrap();
        let o = carescale(
            &[
                "sweep",
                "s.toml",
                "--design-table",
                "design.csv",
                "--dry-run",
            ],
            root,
        );
        refused(&o, &[want]);
        let e = stderr(&o);
        assert!(e.len() < 2_000, "{} bytes", e.len());
        assert!(!e.contains('\u{1b}'), "{e}");
    }
}
