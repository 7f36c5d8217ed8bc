//! Records the git commit carescale is built from, for manifests.
use std::process::Command;

fn main() {
    let commit = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".to_string());
    let dirty = Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=no"])
        .output()
        .ok()
        .map(|o| !o.stdout.is_empty())
        .unwrap_or(false);
    println!(
        "cargo:rustc-env=CARESCALE_GIT_COMMIT={}{}",
        commit,
        if dirty { "-dirty" } else { "" }
    );
    // The dirty flag must follow the files the binary is built from: an
    // edit after the last commit or checkout would otherwise keep the
    // "clean" label of the build before it. (A folder is scanned whole.)
    for f in [
        "src",
        "scenarios",
        "data",
        "Cargo.toml",
        "Cargo.lock",
        "build.rs",
    ] {
        if std::path::Path::new(f).exists() {
            println!("cargo:rerun-if-changed={f}");
        }
    }
    // Where git keeps them: `.git/HEAD` in a clone, elsewhere in a
    // worktree (where `.git` is a file). A path that does not exist would
    // make cargo rerun this script, and rebuild the crate, on every build.
    for f in ["HEAD", "index"] {
        let path = Command::new("git")
            .args(["rev-parse", "--git-path", f])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| format!(".git/{f}"));
        println!("cargo:rerun-if-changed={path}");
    }
}
