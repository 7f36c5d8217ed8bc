//! The standard-library Python snippet in docs/ANALYSIS.md parses real
//! outputs as documented (issue #6). The snippet is taken from the docs
//! verbatim, so the docs cannot drift from the files.

use std::path::Path;
use std::process::Command;

fn snippet() -> String {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ANALYSIS.md"))
            .expect("docs/ANALYSIS.md exists");
    let start = doc
        .find("<!-- check: python-stdlib -->")
        .expect("marker in docs/ANALYSIS.md");
    let rest = &doc[start..];
    let open = rest
        .find("```python\n")
        .expect("python block after the marker")
        + "```python\n".len();
    let close = rest[open..].find("```").expect("closed block");
    rest[open..open + close].to_string()
}

#[test]
fn documented_python_csv_snippet_parses_outputs() {
    if Command::new("python3").arg("--version").output().is_err() {
        if std::env::var_os("CI").is_some() {
            panic!("python3 is not installed but CI is set");
        }
        eprintln!("!!! SKIPPED python_csv: python3 not found !!!");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let run = tmp.path().join("demo");
    let out = Command::new(env!("CARGO_BIN_EXE_carescale"))
        .args([
            "run",
            "scenarios/demo.toml",
            "-q",
            "--replicates",
            "3",
            "--set",
            "run.horizon_months=12",
            "--out",
        ])
        .arg(&run)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A sweep's comparisons.csv in the documented layout.
    let sweep = tmp.path().join("sweep");
    std::fs::create_dir_all(&sweep).unwrap();
    std::fs::write(
        sweep.join("comparisons.csv"),
        "cell,group,metric,baseline_mean,mean_difference,difference_ci_lower,difference_ci_upper,ratio\n\
         care_homes,all,emergency_admissions_per_1000,116.3,-0.99,-1.09,-0.89,0.9915\n",
    )
    .unwrap();
    let script = tmp.path().join("check.py");
    std::fs::write(&script, snippet()).unwrap();
    let out = Command::new("python3")
        .arg(&script)
        .arg(&run)
        .arg(&sweep)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "snippet failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(
            "timeseries.csv ['scenario', 'replicate', 'site', 'period', 'metric', 'value']"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("summary.csv ['scenario', 'group', 'metric', 'n', 'mean', 'sd', 'ci_lower', 'ci_upper', 'p10', 'p50', 'p90']"), "{stdout}");
    assert!(stdout.contains("2017-04 "), "{stdout}");
    assert!(stdout.contains("care_homes -0.99 -1.09 -0.89"), "{stdout}");
}
