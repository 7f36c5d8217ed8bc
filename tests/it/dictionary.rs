//! The checked-in dictionaries match the code (issue #6). When this fails,
//! run `cargo run --release -- dictionary` and commit docs/.

use std::path::Path;

fn check(name: &str, want: &str) {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join(name);
    let have = std::fs::read_to_string(&p).unwrap_or_default();
    assert!(
        have == want,
        "docs/{name} is stale: run `cargo run --release -- dictionary` and commit docs/"
    );
}

#[test]
fn parameter_dictionary_is_current() {
    check(
        "PARAMETERS.md",
        &carescale::analysis::dictionary::parameters_md(),
    );
}

#[test]
fn output_dictionary_is_current() {
    check("OUTPUTS.md", &carescale::analysis::dictionary::outputs_md());
}

#[test]
fn dictionary_check_flag_reports_stale_files() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_carescale"))
            .arg("dictionary")
            .arg("--out")
            .arg(tmp.path())
            .args(extra)
            .output()
            .unwrap()
    };
    assert_eq!(run(&["--check"]).status.code(), Some(1));
    assert!(run(&[]).status.success());
    assert!(run(&["--check"]).status.success());
}
