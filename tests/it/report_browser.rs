//! The HTML report in a real browser (issue #6): a small run, `carescale
//! report`, then headless Chromium loads the page from disk with the network
//! stack idle and the page's own check records whether every plot has a
//! visible size and whether any script error happened. Without Chromium the
//! test is skipped loudly, unless `CI=true`, where that is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_carescale")
}

fn run_ok(args: &[&str], dir: &Path) {
    let out = Command::new(bin()).args(args).arg(dir).output().unwrap();
    assert!(
        out.status.success(),
        "{:?} failed: {}",
        args,
        String::from_utf8_lossy(&out.stderr)
    );
}

fn browser(chrome: &Path, profile: &Path, extra: &[String], url: &str) -> std::process::Output {
    Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--hide-scrollbars",
            "--virtual-time-budget=10000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("chromium starts")
}

/// Load a report in the browser: its own check must say every one of its
/// `n_svg` plots has a visible size and no script failed.
fn render_check(chrome: &Path, page: &Path, profile: &Path, n_svg: usize) {
    let url = format!("file://{}", page.display());
    let dom = browser(chrome, profile, &["--dump-dom".to_string()], &url);
    let dom_text = String::from_utf8_lossy(&dom.stdout);
    let body = dom_text
        .find("<body")
        .map(|i| {
            &dom_text[i..dom_text[i..]
                .find('>')
                .map(|j| i + j + 1)
                .unwrap_or(dom_text.len())]
        })
        .unwrap_or("");
    assert!(
        body.contains("data-render-check=\"ok\""),
        "render check failed; body tag: {body}\nstderr: {}",
        String::from_utf8_lossy(&dom.stderr)
    );
    assert!(body.contains(&format!("data-plots=\"{n_svg}\"")), "{body}");
    assert!(body.contains("data-errors=\"0\""), "{body}");
}

/// [`render_check`] of a report written by another test, when Chromium is
/// installed (its absence is reported by this module's own test).
pub fn render_check_if_available(page: &Path, tmp: &Path) {
    let Some(chrome) = chromium() else {
        return;
    };
    let html = std::fs::read_to_string(page).unwrap();
    let n_svg = html.matches("<svg").count();
    render_check(&chrome, page, &tmp.join("browser-profile"), n_svg);
}

#[test]
fn report_loads_without_errors_and_every_plot_is_visible() {
    let Some(chrome) = chromium() else {
        crate::common::tool_missing(
            "report_browser::report_loads_without_errors_and_every_plot_is_visible",
            "chromium",
            "apt-get install -y chromium",
        );
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("demo");
    let out = Command::new(bin())
        .args([
            "run",
            "scenarios/demo.toml",
            "-q",
            "--replicates",
            "3",
            "--set",
            "run.horizon_months=24",
            "--set",
            "sites.0.group=vanguard",
            "--set",
            "sites.1.group=comparison",
            "--set",
            "sites.2.group=comparison",
            "--out",
        ])
        .arg(&dir)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    run_ok(&["report"], &dir);
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    for external in ["src=\"http", "href=\"http", "url(http", "@import", "<link"] {
        assert!(
            !html.contains(external),
            "the report must not load anything from the network: {external}"
        );
    }
    let n_svg = html.matches("<svg").count();
    assert!(n_svg >= 8, "expected fan and group plots, found {n_svg}");

    assert!(!html.contains("History matching"), "no fit, no fit section");
    let url = format!("file://{}", dir.join("report.html").display());
    let profile = tmp.path().join("profile");
    render_check(&chrome, &dir.join("report.html"), &profile, n_svg);

    let shot = tmp.path().join("report.png");
    let s = browser(
        &chrome,
        &profile,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1100,1600".to_string(),
        ],
        &url,
    );
    let png = std::fs::read(&shot)
        .unwrap_or_else(|_| panic!("no screenshot: {}", String::from_utf8_lossy(&s.stderr)));
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "screenshot looks empty ({} bytes)",
        png.len()
    );
}
