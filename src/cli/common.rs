//! What the commands share: the common options (`--replicates`, `--seed`,
//! `--threads`, `--set`, `--quiet`, `--force`, `--scale`), loading a
//! scenario with them, the thread count and the command line.

use carescale::error::Result;
use carescale::scenario::Scenario;
use clap::Args;
use std::path::Path;

#[derive(Args, Clone)]
pub struct Common {
    /// Replicates (overrides run.replicates; not for `reps`, which chooses them between --min and --max).
    #[arg(long)]
    pub replicates: Option<u32>,
    /// Root seed (overrides run.seed).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Worker threads (0 = all cores; at most 8 per core: more is reduced to that, with a note on stderr).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Override a parameter: --set section.key=value (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// No progress output.
    #[arg(long, short)]
    pub quiet: bool,
    /// Replace existing results.
    #[arg(long)]
    pub force: bool,
    /// Scale every site's population by this factor (0 < F <= 1), e.g. 0.01 for a quick look
    /// (default 1, or a sweep file's `scale`).
    #[arg(long)]
    pub scale: Option<f64>,
}

/// `--format`: the formats of the long tables.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FormatArg {
    /// CSV only.
    #[default]
    Csv,
    /// CSV, and a Parquet file of the same name beside each long table.
    Both,
    /// The monthly series as Parquet only; the run-level tables in both formats.
    Parquet,
}

impl FormatArg {
    /// The library's format.
    pub fn format(self) -> carescale::output::parquet::Format {
        use carescale::output::parquet::Format;
        match self {
            FormatArg::Csv => Format::Csv,
            FormatArg::Both => Format::Both,
            FormatArg::Parquet => Format::Parquet,
        }
    }
}

/// The manifest's record of a format other than CSV (nothing for CSV, so
/// that a default run's manifest is as before).
pub fn format_extra(extra: &mut serde_json::Value, f: FormatArg) {
    if f != FormatArg::Csv {
        if let Some(m) = extra.as_object_mut() {
            m.insert("format".into(), f.format().name().into());
        }
    }
}

/// Worker threads for `--threads N`: N, or all cores for 0. Every command
/// resolves its thread count here.
pub fn threads(requested: usize) -> usize {
    if let Some(note) = carescale::experiment::executor::threads_note(requested) {
        // Once per process, however many times the count is resolved.
        static NOTE: std::sync::Once = std::sync::Once::new();
        NOTE.call_once(|| eprintln!("{note}"));
    }
    carescale::experiment::executor::resolve_threads(requested)
}

/// Show the notes the library returned (on stderr, even with --quiet:
/// they explain something done on the user's behalf).
pub fn show_notes(notes: &[String]) {
    for n in notes {
        eprintln!("{n}");
    }
}

/// The command line, as the manifests record it.
/// Arguments that are not UTF-8 (a path made of other bytes) are recorded
/// with the bad bytes replaced: the manifest is text.
pub fn command_line() -> Vec<String> {
    std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

/// Refuse an output folder whose path is not UTF-8 text, before anything
/// runs: results folder names appear in manifests, reports and messages,
/// which are text. Input paths may be any bytes.
pub fn check_out(flag: &str, out: Option<&Path>) -> Result<()> {
    match out {
        Some(p) if p.to_str().is_none() => Err(carescale::error::Error::input(
            flag,
            None,
            format!("`{}` is not UTF-8 text", p.to_string_lossy()),
            Some(
                "choose an output folder whose name is UTF-8 text (letters, digits, `_`, `-`, `.`)",
            ),
        )),
        _ => Ok(()),
    }
}

/// Print text to stdout as it is; a closed pipe is not an error.
pub fn say_raw(s: &str) {
    use std::io::Write as _;
    let _ = std::io::stdout().write_all(s.as_bytes());
}

impl Common {
    /// The worker threads asked for (see [`threads`]).
    pub fn threads(&self) -> usize {
        threads(self.threads)
    }

    /// Load a scenario file with the common overrides plus `extra` ones;
    /// `--scale` multiplies every site's population (at least one person
    /// each).
    pub fn load(&self, path: &Path, extra: &[String]) -> Result<Scenario> {
        carescale::experiment::options::load_scenario(path, &self.shared(), extra)
    }

    /// The options the library shares between commands.
    pub fn shared(&self) -> carescale::experiment::options::Shared {
        carescale::experiment::options::Shared {
            sets: self.set.clone(),
            replicates: self.replicates,
            seed: self.seed,
            scale: self.scale.unwrap_or(1.0),
        }
    }
}
