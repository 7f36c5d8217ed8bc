//! `--format both|parquet`: the Parquet copies of the long tables hold the
//! CSV's values exactly (read back with the parquet crate's reader, and
//! with pyarrow/pandas where installed: CI installs them), a merge of
//! shards writes the same Parquet bytes as one machine, and a folder with
//! the monthly series in Parquet only still gets its report.

use crate::common::{tool_missing, under_ci};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use std::path::Path;
use std::process::Command;

fn carescale(args: &[&str]) {
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
}

/// A short run of the demo: 3 replicates, 12 reported months, 1% scale.
fn run(out: &Path, format: &str) {
    carescale(&[
        "run",
        "scenarios/demo.toml",
        "-q",
        "--replicates",
        "3",
        "--scale",
        "0.01",
        "--set",
        "run.horizon_months=12",
        "--format",
        format,
        "--out",
        out.to_str().unwrap(),
    ]);
}

/// The demo sweep, small; `extra` adds e.g. a shard.
fn sweep(out: &Path, extra: &[&str]) {
    let mut args = vec![
        "sweep",
        "scenarios/sweeps/demo_sweep.toml",
        "-q",
        "--scale",
        "0.002",
        "--replicates",
        "2",
        "--set",
        "run.horizon_months=12",
    ];
    args.extend(extra);
    args.extend(["--out", out.to_str().unwrap()]);
    carescale(&args);
}

/// Every row of a Parquet file, each field as the CSV would write it
/// (`NA` for null), and the file's column names.
fn parquet_rows(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let reader = SerializedFileReader::new(std::fs::File::open(path).unwrap()).unwrap();
    let names: Vec<String> = reader
        .metadata()
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    let mut rows = Vec::new();
    for row in reader.get_row_iter(None).unwrap() {
        let row = row.unwrap();
        rows.push(
            row.get_column_iter()
                .map(|(_, f)| match f {
                    Field::Null => "NA".to_string(),
                    Field::Str(s) => s.clone(),
                    Field::Long(n) => n.to_string(),
                    // Rust's shortest round-trip text, as carescale's CSV writes.
                    Field::Double(x) => carescale::output::num(*x),
                    other => panic!("{path:?}: unexpected field {other:?}"),
                })
                .collect(),
        );
    }
    (names, rows)
}

/// The Parquet copy of `dir/NAME.csv` holds the same header and rows,
/// value for value; returns the number of rows.
fn same_as_csv(dir: &Path, name: &str) -> usize {
    let csv = dir.join(format!("{name}.csv"));
    let mut r = csv::Reader::from_path(&csv).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let want: Vec<Vec<String>> = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    let (names, got) = parquet_rows(&dir.join(format!("{name}.parquet")));
    assert_eq!(names, header, "{name}");
    assert_eq!(got.len(), want.len(), "{name}: rows");
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g, w, "{name}: row {}", i + 1);
    }
    want.len()
}

#[test]
fn parquet_tables_hold_the_csv_values() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("demo");
    run(&dir, "both");
    for name in ["timeseries", "timeseries_groups", "runs", "summary"] {
        assert!(same_as_csv(&dir, name) > 0, "{name} is empty");
    }
    let manifest = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
    assert!(manifest.contains("\"format\": \"both\""), "{manifest}");

    // A sweep (cell column, comparisons) with a value that is NA.
    let sw = tmp.path().join("sweep");
    sweep(&sw, &["--format", "both"]);
    for name in [
        "timeseries",
        "timeseries_groups",
        "runs",
        "summary",
        "comparisons",
    ] {
        same_as_csv(&sw, name);
    }
    // More rows than one row group: the groups follow one another in order.
    let reader =
        SerializedFileReader::new(std::fs::File::open(sw.join("timeseries.parquet")).unwrap())
            .unwrap();
    assert!(reader.num_row_groups() > 1);

    // pandas reads each Parquet file to the frame it reads from the CSV.
    let script = r#"
import sys
import pandas as pd
for name in ["timeseries", "timeseries_groups", "runs", "summary", "comparisons"]:
    for d in sys.argv[1:]:
        try:
            c = pd.read_csv(f"{d}/{name}.csv")
        except FileNotFoundError:
            continue
        p = pd.read_parquet(f"{d}/{name}.parquet")
        assert list(p.columns) == list(c.columns), (d, name)
        pd.testing.assert_frame_equal(p, c, check_dtype=False, check_exact=True)
        print("same", d, name, len(p))
"#;
    let has = Command::new("python3")
        .args(["-c", "import pandas, pyarrow"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !has {
        tool_missing(
            "parquet_output::parquet_tables_hold_the_csv_values (pandas part)",
            "pandas and pyarrow",
            "python3 -m pip install pandas pyarrow",
        );
        assert!(!under_ci());
        return;
    }
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(&dir)
        .arg(&sw)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout.matches("same ").count(), 9, "{stdout}");
}

/// A merge of shards writes the same Parquet bytes as the sweep on one
/// machine, and a shard has no format of its own.
#[test]
fn merged_parquet_equals_one_machine() {
    let tmp = tempfile::tempdir().unwrap();
    let one = tmp.path().join("one");
    sweep(&one, &["--format", "both"]);
    let mut parts = Vec::new();
    for k in 0..2 {
        let p = tmp.path().join(format!("part{k}"));
        sweep(&p, &["--shard", &format!("{k}/2")]);
        parts.push(p.to_str().unwrap().to_string());
    }
    let merged = tmp.path().join("merged");
    let mut args = vec!["merge", "-q", "--format", "both"];
    args.extend(parts.iter().map(String::as_str));
    args.extend(["--out", merged.to_str().unwrap()]);
    carescale(&args);
    for name in [
        "timeseries",
        "timeseries_groups",
        "runs",
        "summary",
        "comparisons",
    ] {
        let f = format!("{name}.parquet");
        assert!(
            std::fs::read(one.join(&f)).unwrap() == std::fs::read(merged.join(&f)).unwrap(),
            "{f} differs"
        );
    }
    let out = Command::new(env!("CARGO_BIN_EXE_carescale"))
        .args([
            "sweep",
            "scenarios/sweeps/demo_sweep.toml",
            "--shard",
            "0/2",
        ])
        .args(["--format", "parquet", "--out"])
        .arg(tmp.path().join("refused"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("carescale merge"), "{err}");
    assert!(!tmp.path().join("refused").exists());
}

/// `--format parquet`: the monthly series in Parquet only, the run-level
/// tables in both formats, plots drawn, and `report` still works.
#[test]
fn parquet_only_keeps_run_level_csv_and_the_report() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("demo");
    run(&dir, "parquet");
    for name in ["timeseries", "timeseries_groups"] {
        assert!(!dir.join(format!("{name}.csv")).exists(), "{name}.csv");
        assert!(dir.join(format!("{name}.parquet")).is_file(), "{name}");
    }
    for name in ["runs", "summary"] {
        same_as_csv(&dir, name);
    }
    assert!(dir
        .join("plots/fan_emergency_admissions_per_1000.svg")
        .is_file());
    carescale(&["report", dir.to_str().unwrap()]);
    assert!(dir.join("report.html").is_file());
}
