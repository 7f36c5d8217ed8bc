//! Progress for long runs: a bar with ETA and rate on a terminal, a plain
//! line every few seconds otherwise, nothing with `--quiet`.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A progress reporter shared across threads.
pub struct Progress {
    bar: Option<ProgressBar>,
    plain: bool,
    total: u64,
    done: AtomicU64,
    start: Instant,
    last: Mutex<Instant>,
    label: String,
}

impl Progress {
    /// A reporter for `total` units of work (`unit` names them, e.g. "site-runs").
    pub fn new(total: u64, label: &str, quiet: bool) -> Progress {
        let term = std::io::stderr().is_terminal();
        let bar = (!quiet && term).then(|| {
            let b = ProgressBar::new(total);
            b.set_style(
                ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {per_sec} ETA {eta}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
            b.set_message(label.to_string());
            b
        });
        Progress {
            bar,
            plain: !quiet && !term,
            total,
            done: AtomicU64::new(0),
            start: Instant::now(),
            last: Mutex::new(Instant::now()),
            label: label.to_string(),
        }
    }

    /// One unit done.
    pub fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(b) = &self.bar {
            b.inc(1);
        } else if self.plain {
            let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
            if last.elapsed() >= Duration::from_secs(5) || done == self.total {
                *last = Instant::now();
                let el = self.start.elapsed().as_secs_f64();
                let rate = done as f64 / el.max(1e-9);
                let eta = (self.total - done) as f64 / rate.max(1e-9);
                eprintln!(
                    "{}: {done}/{} ({:.1}/s, {:.0}s elapsed, ETA {:.0}s)",
                    self.label, self.total, rate, el, eta
                );
            }
        }
    }

    /// Finish and clear the bar.
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
