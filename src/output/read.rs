//! A results folder read back from disk. Plots, reports and economics work
//! from the files a run or a sweep wrote, never from memory, so they can be
//! redrawn later and work with folders written by older or newer versions:
//! a missing file or metric means "skip that part", never an error. What is
//! there is read strictly: a number field holds a number or `NA`, a
//! replicate a whole number, a row as many fields as its header; anything
//! else is an error naming the file, line, column and field (exit code 2),
//! never a missing value or replicate 0.
//!
//! Two layouts are understood:
//!
//! * a **run** folder: `timeseries.csv`, `timeseries_groups.csv`,
//!   `runs.csv`, `summary.csv`, `manifest.json` (and `calibration.csv`
//!   after `calibrate`);
//! * a **sweep** folder: `scenarios.csv` (one row per cell, its id in a
//!   column `cell`, `id` or `scenario`), optionally `psa_params.csv` and
//!   `comparisons.csv`, and per-cell run outputs either in sub-folders named
//!   after the cell (`DIR/<cell>/` or `DIR/cells/<cell>/`) or combined at
//!   the top with the cell id in the `scenario` column.
//!
//! A one-at-a-time sweep marks its design in `scenarios.csv`: a column
//! `design` equal to `oat`, with `parameter`, `value` and `level` (`low` or
//! `high`) on each varied cell; the baseline cell has an empty `parameter`
//! (or `level` = `base`, or `baseline` = `true`).

use crate::error::{Error, Result};
use crate::output::spool::{last_per_slot, Sizes, Transpose};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A CSV file as text cells with a header.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// Column names.
    pub header: Vec<String>,
    /// Rows of cells (same length as the header).
    pub rows: Vec<Vec<String>>,
    /// The file read.
    pub path: PathBuf,
    /// The line of each row in the file (1-based; the header is line 1).
    pub lines: Vec<u64>,
}

/// Open a CSV written by carescale and read its header (names trimmed).
fn open_csv(path: &Path) -> Result<(csv::Reader<std::fs::File>, Vec<String>)> {
    let bad =
        |e: csv::Error| Error::io(path, e, "check that the file is a CSV written by carescale");
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(Error::io(
            path,
            "is not a regular file",
            "give a results folder written by carescale",
        ));
    }
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(bad)?;
    let header: Vec<String> = rdr
        .headers()
        .map_err(bad)?
        .iter()
        .map(|s| s.trim().to_string())
        .collect();
    Ok((rdr, header))
}

impl Table {
    /// Read a CSV file; `Ok(None)` when it does not exist.
    pub fn read(path: &Path) -> Result<Option<Table>> {
        Table::read_where(path, &|_, _| true)
    }

    /// Read only the rows `keep` accepts (given the header and the row),
    /// so a large file costs memory only for what is kept; `Ok(None)` when
    /// the file does not exist.
    pub fn read_where(
        path: &Path,
        keep: &dyn Fn(&[String], &csv::StringRecord) -> bool,
    ) -> Result<Option<Table>> {
        if !path.is_file() {
            return Ok(None);
        }
        let (mut rdr, header) = open_csv(path)?;
        let mut rows = Vec::new();
        let mut lines = Vec::new();
        let mut rec = csv::StringRecord::new();
        loop {
            match rdr.read_record(&mut rec) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    return Err(Error::io(
                        path,
                        e,
                        "the file is damaged; run the scenario again",
                    ))
                }
            }
            if !keep(&header, &rec) {
                continue;
            }
            let mut row: Vec<String> = rec.iter().map(str::to_string).collect();
            row.resize(header.len(), String::new());
            rows.push(row);
            lines.push(line_of(&rec));
        }
        Ok(Some(Table {
            header,
            rows,
            path: path.to_path_buf(),
            lines,
        }))
    }

    /// The number in row `row` (an index into `rows`), column `col`: a
    /// number, or `NA` (missing, written for a value that could not be
    /// computed). Anything else is refused, naming the file, line and
    /// column: a damaged value is never read as missing.
    pub fn num(&self, row: usize, col: usize) -> Result<f64> {
        number(
            &self.path,
            self.lines.get(row).copied().unwrap_or(0),
            col,
            self.header.get(col).map(String::as_str).unwrap_or(""),
            self.rows[row].get(col).map(String::as_str).unwrap_or(""),
        )
    }

    /// Index of a column.
    pub fn col(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// Index of the first of several possible column names.
    pub fn col_any(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.col(n))
    }
}

/// The field of `rec` under column `name` ("" if there is none).
fn field_of<'r>(header: &[String], rec: &'r csv::StringRecord, name: &str) -> &'r str {
    header
        .iter()
        .position(|h| h == name)
        .and_then(|i| rec.get(i))
        .unwrap_or("")
}

/// The line of a record in its file (1-based).
/// Read the next record of a long table into `rec`: false at the end; a
/// damaged file is an error naming it.
fn next_record(
    rdr: &mut csv::Reader<std::fs::File>,
    rec: &mut csv::StringRecord,
    path: &Path,
) -> Result<bool> {
    rdr.read_record(rec)
        .map_err(|e| Error::io(path, e, DAMAGED_HINT))
}

fn line_of(rec: &csv::StringRecord) -> u64 {
    rec.position().map_or(0, |p| p.line())
}

/// How to fix a results file with a value carescale would not write.
pub const DAMAGED_HINT: &str = "the file was edited or damaged: restore it from a copy, or write it again (run the scenario or sweep again, or `carescale merge` its parts)";

/// A value carescale would not have written: an error naming the file, its
/// line, column and field (exit code 2).
pub fn damaged(path: &Path, line: u64, col: usize, field: &str, message: String) -> Error {
    Error::Input(vec![crate::error::InputError {
        origin: path.display().to_string(),
        position: Some((line as usize, col + 1)),
        key: (!field.is_empty()).then(|| field.to_string()),
        message,
        hint: Some(DAMAGED_HINT.to_string()),
    }])
}

/// A number field of a results file at `line`, column index `col` (named
/// `field`): a finite number, or `NA` for a value that could not be
/// computed (read as NaN). Anything else (empty, text, `NaN`, `inf`) is
/// refused with [`damaged`].
pub fn number(path: &Path, line: u64, col: usize, field: &str, s: &str) -> Result<f64> {
    if s == "NA" {
        return Ok(f64::NAN);
    }
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(damaged(
            path,
            line,
            col,
            field,
            format!(
                "`{}` is not a number (carescale writes a number or NA here)",
                crate::error::short(s)
            ),
        )),
    }
}

/// A replicate number field (see [`number`]).
pub fn replicate(path: &Path, line: u64, col: usize, s: &str) -> Result<u32> {
    s.parse::<u32>().map_err(|_| {
        damaged(
            path,
            line,
            col,
            "replicate",
            format!(
                "`{}` is not a replicate number (a whole number from 0)",
                crate::error::short(s)
            ),
        )
    })
}

/// One record of a long results file, its fields checked: the text of
/// column `i`, or an error if the record is too short.
fn get<'r>(
    path: &Path,
    rec: &'r csv::StringRecord,
    header: &[String],
    i: usize,
) -> Result<&'r str> {
    rec.get(i).ok_or_else(|| {
        damaged(
            path,
            line_of(rec),
            i,
            header.get(i).map(String::as_str).unwrap_or(""),
            format!(
                "the row has {} fields, the header {}",
                rec.len(),
                header.len()
            ),
        )
    })
}

/// Monthly values of one series (a site or group) and metric:
/// `period -> replicate -> value`.
pub type Monthly = BTreeMap<String, BTreeMap<u32, f64>>;

/// Long monthly series keyed by (site or group, metric).
pub type SeriesSet = BTreeMap<(String, String), Monthly>;

/// Read a long time-series file (`timeseries.csv` or
/// `timeseries_groups.csv`), keeping only metrics accepted by `keep`.
/// `key` is the column naming the series (`site` or `group`). Every
/// replicate's value is held in memory: to summarise each month over
/// replicates, [`summarise_series_of`] holds only the summaries.
pub fn read_series(path: &Path, key: &str, keep: &dyn Fn(&str) -> bool) -> Result<SeriesSet> {
    read_series_of(path, key, &|_| true, keep)
}

/// [`read_series`], keeping only the series (sites or groups) `keep_key`
/// accepts: a plot reads only what it draws.
pub fn read_series_of(
    path: &Path,
    key: &str,
    keep_key: &dyn Fn(&str) -> bool,
    keep: &dyn Fn(&str) -> bool,
) -> Result<SeriesSet> {
    Ok(read_series_split(path, key, keep, keep_key, None)?
        .remove("")
        .unwrap_or_default())
}

/// One summary over replicates per month of one series and metric:
/// `period -> summary`.
pub type MonthlySummary<T> = BTreeMap<String, T>;

/// Monthly summaries keyed by (site or group, metric).
pub type SummarySet<T> = BTreeMap<(String, String), MonthlySummary<T>>;

/// [`read_series_of`], with each month's values over replicates given to
/// `f` (in replicate order, one per replicate: the last row of a replicate
/// counts, as in [`Monthly`]) and only its summary kept: the values go
/// through a [`Transpose`] on disk beside the file, so memory does not grow
/// with the number of replicates. Reads and refuses exactly what
/// [`read_series_of`] does.
pub fn summarise_series_of<T>(
    path: &Path,
    key: &str,
    keep_key: &dyn Fn(&str) -> bool,
    keep: &dyn Fn(&str) -> bool,
    f: &dyn Fn(&[f64]) -> T,
) -> Result<SummarySet<T>> {
    Ok(
        summarise_series_split(path, key, keep, keep_key, None, Sizes::default(), f)?
            .remove("")
            .unwrap_or_default(),
    )
}

/// Run-level values: `(group, metric) -> replicate -> value` from `runs.csv`.
pub type RunValues = BTreeMap<(String, String), BTreeMap<u32, f64>>;

/// Read the metrics `keep` accepts from `runs.csv` (absent file: empty).
/// A replicate or value carescale would not write is an error naming the
/// file, line and field.
pub fn read_runs_of(path: &Path, keep: &dyn Fn(&str) -> bool) -> Result<RunValues> {
    Ok(read_runs_split(path, keep, None)?
        .remove("")
        .unwrap_or_default())
}

/// Read `runs.csv` in one pass, keeping the metrics `keep` accepts, split
/// by the values of column `split` (all under `""` when `split` is `None`
/// or the file has no such column).
fn read_runs_split(
    path: &Path,
    keep: &dyn Fn(&str) -> bool,
    split: Option<&str>,
) -> Result<BTreeMap<String, RunValues>> {
    let mut out: BTreeMap<String, RunValues> = BTreeMap::new();
    if !path.is_file() {
        return Ok(out);
    }
    let (mut rdr, header) = open_csv(path)?;
    let idx = |n: &str| header.iter().position(|h| h == n);
    let si = split_column(&header, split);
    let (Some(ri), Some(gi), Some(mi), Some(vi)) =
        (idx("replicate"), idx("group"), idx("metric"), idx("value"))
    else {
        return Ok(out);
    };
    let mut rec = csv::StringRecord::new();
    loop {
        if !next_record(&mut rdr, &mut rec, path)? {
            break;
        }
        let line = line_of(&rec);
        let metric = get(path, &rec, &header, mi)?;
        if !keep(metric) {
            continue;
        }
        let scenario = match si {
            Some(i) => get(path, &rec, &header, i)?,
            None => "",
        };
        let rep = replicate(path, line, ri, get(path, &rec, &header, ri)?)?;
        let v = number(path, line, vi, "value", get(path, &rec, &header, vi)?)?;
        let group = get(path, &rec, &header, gi)?;
        let slot = out
            .entry(scenario.to_string())
            .or_default()
            .entry((group.to_string(), metric.to_string()))
            .or_default();
        // A sweep's combined file repeats replicates under one scenario
        // name; a single run's file never does.
        if slot.insert(rep, v).is_some() && split.is_none() {
            return Err(damaged(
                path,
                line,
                ri,
                "replicate",
                format!("replicate {rep} of {group} {metric} appears twice"),
            ));
        }
    }
    Ok(out)
}

/// The column a combined file is split by: a sweep's files name each
/// cell in `cell` (their `scenario` column is the base scenario's name,
/// the same for every cell); files without `cell` are split by `split`.
fn split_column(header: &[String], split: Option<&str>) -> Option<usize> {
    let idx = |n: &str| header.iter().position(|h| h == n);
    let split = split?;
    if split == "scenario" {
        idx("cell").or_else(|| idx(split))
    } else {
        idx(split)
    }
}

/// One cell of a sweep (or the single scenario of a run).
#[derive(Clone, Debug)]
pub struct Cell {
    /// Cell id (the scenario name for a run).
    pub id: String,
    /// Folder holding its run outputs.
    pub dir: PathBuf,
    /// The cell's row of `scenarios.csv` (column -> value); empty for a run.
    pub design: BTreeMap<String, String>,
    /// Is this the baseline the others are compared with?
    pub baseline: bool,
}

impl Cell {
    /// A short readable name for plots and tables: the cell's settings
    /// (last part of each path, `=` value) with its id, e.g.
    /// `pace_multiplier=0.5, national_support=0 (c0001)`; the id alone
    /// when the cell has no label.
    pub fn short_label(&self) -> String {
        let label = self
            .design
            .get("label")
            .map(|s| s.trim())
            .unwrap_or_default();
        if label.is_empty() || label == self.id {
            return self.id.clone();
        }
        let (head, body) = match label.split_once(": ") {
            Some((h, b)) if b.contains('=') => (Some(h), b),
            _ => (None, label),
        };
        let parts: Vec<String> = body
            .split("; ")
            .map(|a| match a.split_once('=') {
                Some((p, v)) => {
                    let p = p.trim();
                    let last = p.rsplit('.').next().unwrap_or(p);
                    format!("{last}={}", v.trim())
                }
                None => a.trim().to_string(),
            })
            .collect();
        let mut text = parts.join(", ");
        if text.chars().count() > 48 {
            text = text.chars().take(45).collect::<String>() + "…";
        }
        match head {
            // The baseline's own settings keep their full paths.
            Some(h) if h == self.id => format!("{h}: {}", body.replace("; ", ", ")),
            Some(h) => format!("{h}: {text} ({})", self.id),
            None => format!("{text} ({})", self.id),
        }
    }

    /// OAT parameter and level (`low`/`high`) of a one-at-a-time cell.
    pub fn oat(&self) -> Option<(&str, &str, &str)> {
        // Sweeps write `oat_parameter`/`oat_level`; hand-made tables may say
        // `design = oat` with `parameter`/`level`/`value`.
        let get = |a: &str, b: &str| {
            self.design
                .get(a)
                .or_else(|| self.design.get(b))
                .map(|s| s.trim())
        };
        let is_oat = self.design.get("design").map(|s| s.trim()) == Some("oat")
            || self.design.contains_key("oat_parameter");
        if !is_oat {
            return None;
        }
        let p = get("oat_parameter", "parameter")?;
        let l = get("oat_level", "level")?;
        if p.is_empty() || p == "NA" || !(l == "low" || l == "high") {
            return None;
        }
        let v = self
            .design
            .get("value")
            .or_else(|| self.design.get(p))
            .map(|s| s.trim())
            .unwrap_or("");
        Some((p, l, v))
    }
}

/// What kind of folder this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One scenario's run outputs.
    Run,
    /// A sweep: `scenarios.csv` and per-cell outputs.
    Sweep,
    /// Only calibration outputs.
    Calibration,
    /// A fit's folder (`carescale fit`), or a folder holding fits.
    Fit,
}

/// The fits a folder holds: the folder itself when it has a `fit.json`,
/// otherwise its immediate subfolders that have one, by name.
pub fn fit_folders(dir: &Path) -> Vec<PathBuf> {
    if dir.join("fit.json").is_file() {
        return vec![dir.to_path_buf()];
    }
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.join("fit.json").is_file())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// A results folder.
#[derive(Clone, Debug)]
pub struct Results {
    /// The folder.
    pub dir: PathBuf,
    /// Run or sweep.
    pub kind: Kind,
    /// Cells (one for a run), baseline first.
    pub cells: Vec<Cell>,
}

fn truthy(s: &str) -> bool {
    matches!(
        s.trim().to_ascii_lowercase().as_str(),
        "true" | "1" | "yes" | "base" | "baseline"
    )
}

impl Results {
    /// Open a results folder; a missing folder or one with none of the
    /// known files is a user error (exit code 2) saying what to do.
    pub fn open(dir: &Path) -> Result<Results> {
        if !dir.is_dir() {
            return Err(Error::io(
                dir,
                "no such results folder",
                "give the folder a run or sweep wrote, e.g. results/demo (run `carescale run scenarios/demo.toml` first)",
            ));
        }
        let has = |n: &str| dir.join(n).is_file();
        if let Some(t) = Table::read(&dir.join("scenarios.csv"))? {
            return Ok(Results {
                dir: dir.to_path_buf(),
                kind: Kind::Sweep,
                cells: sweep_cells(dir, &t),
            });
        }
        let kind = if has("runs.csv") || has("timeseries.csv") || has("summary.csv") {
            Kind::Run
        } else if has("calibration.csv") {
            Kind::Calibration
        } else if !fit_folders(dir).is_empty() {
            Kind::Fit
        } else {
            return Err(Error::io(
                dir,
                "this folder holds no carescale results (no runs.csv, timeseries.csv, summary.csv, calibration.csv, scenarios.csv or fit.json)",
                "give the folder a run or sweep wrote, e.g. results/demo",
            ));
        };
        let id = read_manifest(dir)
            .and_then(|m| m.get("scenario").and_then(|s| s.as_str()).map(String::from))
            .unwrap_or_else(|| {
                dir.file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_else(|| "results".into())
            });
        Ok(Results {
            dir: dir.to_path_buf(),
            kind,
            cells: vec![Cell {
                id,
                dir: dir.to_path_buf(),
                design: BTreeMap::new(),
                baseline: true,
            }],
        })
    }

    /// The baseline cell.
    pub fn baseline(&self) -> Option<&Cell> {
        self.cells.iter().find(|c| c.baseline)
    }

    /// The manifest of the folder (or of the baseline cell), if any.
    pub fn manifest(&self) -> Option<serde_json::Value> {
        read_manifest(&self.dir).or_else(|| self.baseline().and_then(|c| read_manifest(&c.dir)))
    }

    /// Is this a probabilistic sensitivity analysis (a sweep whose design
    /// kind is `psa`)? Its manifest says so (`"design": "psa"`, written by
    /// `sweep` and `merge`); a folder without a manifest is a PSA when it
    /// has `psa_params.csv`, which only PSA sweeps write.
    pub fn is_psa(&self) -> bool {
        if self.kind != Kind::Sweep {
            return false;
        }
        match read_manifest(&self.dir)
            .as_ref()
            .and_then(|m| m.get("design"))
            .and_then(|d| d.as_str())
        {
            Some(d) => d == "psa",
            None => self.dir.join("psa_params.csv").is_file(),
        }
    }

    /// Is this a one-at-a-time sweep?
    pub fn is_oat(&self) -> bool {
        self.cells.iter().any(|c| c.oat().is_some())
    }

    /// Run-level values of the metrics `keep` accepts, of every cell, by
    /// cell id (only those metrics are held in memory).
    pub fn runs_of(&self, keep: &dyn Fn(&str) -> bool) -> Result<BTreeMap<String, RunValues>> {
        let mut out = BTreeMap::new();
        let top = if self.kind == Kind::Sweep {
            read_runs_by_scenario(&self.dir.join("runs.csv"), keep)?
        } else {
            BTreeMap::new()
        };
        for c in &self.cells {
            let own = if c.dir != self.dir || self.kind == Kind::Run {
                read_runs_of(&c.dir.join("runs.csv"), keep)?
            } else {
                RunValues::new()
            };
            let v = if own.is_empty() {
                top.get(&c.id).cloned().unwrap_or_default()
            } else {
                own
            };
            if !v.is_empty() {
                out.insert(c.id.clone(), v);
            }
        }
        Ok(out)
    }

    /// Group time series of every cell (metrics accepted by `keep`).
    pub fn group_series(&self, keep: &dyn Fn(&str) -> bool) -> Result<BTreeMap<String, SeriesSet>> {
        self.group_series_of(&|_| true, keep)
    }

    /// Time series of the groups `keep_group` accepts of every cell
    /// (metrics accepted by `keep`): only those are held in memory.
    pub fn group_series_of(
        &self,
        keep_group: &dyn Fn(&str) -> bool,
        keep: &dyn Fn(&str) -> bool,
    ) -> Result<BTreeMap<String, SeriesSet>> {
        let mut out = BTreeMap::new();
        // A sweep's combined file is read once, not once per cell.
        let mut combined: Option<BTreeMap<String, SeriesSet>> = None;
        for c in &self.cells {
            let p = c.dir.join("timeseries_groups.csv");
            let s = if c.dir != self.dir || self.kind == Kind::Run {
                read_series_of(&p, "group", keep_group, keep)?
            } else {
                if combined.is_none() {
                    combined = Some(read_series_by_scenario(&p, "group", keep_group, keep)?);
                }
                let m = combined.as_mut().map(std::mem::take).unwrap_or_default();
                let (s, rest) = take_scenario(m, &c.id);
                combined = Some(rest);
                s
            };
            if !s.is_empty() {
                out.insert(c.id.clone(), s);
            }
        }
        Ok(out)
    }
}

impl Results {
    /// [`Results::group_series_of`], with each month's values over
    /// replicates summarised by `f` (see [`summarise_series_of`]): memory
    /// holds the summaries, not the replicates.
    pub fn group_summaries_of<T: Clone>(
        &self,
        keep_group: &dyn Fn(&str) -> bool,
        keep: &dyn Fn(&str) -> bool,
        f: &dyn Fn(&[f64]) -> T,
    ) -> Result<BTreeMap<String, SummarySet<T>>> {
        let mut out = BTreeMap::new();
        // A sweep's combined file is read once, not once per cell.
        let mut combined: Option<BTreeMap<String, SummarySet<T>>> = None;
        for c in &self.cells {
            let p = c.dir.join("timeseries_groups.csv");
            let s = if c.dir != self.dir || self.kind == Kind::Run {
                summarise_series_of(&p, "group", keep_group, keep, f)?
            } else {
                if combined.is_none() {
                    combined = Some(summarise_series_split(
                        &p,
                        "group",
                        keep,
                        keep_group,
                        Some("scenario"),
                        Sizes::default(),
                        f,
                    )?);
                }
                let m = combined.as_mut().map(std::mem::take).unwrap_or_default();
                let (s, rest) = take_scenario(m, &c.id);
                combined = Some(rest);
                s
            };
            if !s.is_empty() {
                out.insert(c.id.clone(), s);
            }
        }
        Ok(out)
    }
}

/// A paired comparison of one cell with the baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Cell compared with the baseline.
    pub cell: String,
    /// Reporting group.
    pub group: String,
    /// Metric.
    pub metric: String,
    /// Baseline mean.
    pub baseline_mean: f64,
    /// Mean paired difference (cell minus baseline).
    pub diff: f64,
    /// 95% CI of the mean difference.
    pub diff_ci: (f64, f64),
    /// Ratio of means (cell / baseline).
    pub ratio: f64,
}

impl Results {
    /// Paired comparisons of every non-baseline cell with the baseline for
    /// `metrics` in group `group`: read from `comparisons.csv` when the
    /// sweep wrote one, otherwise computed from the cells' `runs.csv`,
    /// pairing replicates by number (common random numbers).
    pub fn comparisons(&self, group: &str, metrics: &[&str]) -> Result<Vec<Comparison>> {
        // Only the rows asked for are kept: a large sweep's file can be far
        // bigger than memory should be.
        let wanted = |h: &[String], r: &csv::StringRecord| {
            field_of(h, r, "group") == group && metrics.contains(&field_of(h, r, "metric"))
        };
        if let Some(t) = Table::read_where(&self.dir.join("comparisons.csv"), &wanted)? {
            let cols = (
                t.col_any(&["cell", "scenario", "comparison", "id"]),
                t.col("group"),
                t.col("metric"),
                t.col_any(&[
                    "mean_difference",
                    "difference",
                    "diff_mean",
                    "mean_diff",
                    "diff",
                ]),
                t.col_any(&["difference_ci_lower", "diff_ci_lower", "ci_lower"]),
                t.col_any(&["difference_ci_upper", "diff_ci_upper", "ci_upper"]),
            );
            if let (Some(ci), Some(gi), Some(mi), Some(di), Some(li), Some(ui)) = cols {
                let bi = t.col_any(&["baseline_mean", "mean_baseline"]);
                let ri = t.col_any(&["ratio", "mean_ratio", "ratio_mean"]);
                let mut rows: Vec<Comparison> = Vec::new();
                for (k, r) in t.rows.iter().enumerate() {
                    if !(r[gi] == group && metrics.contains(&r[mi].as_str())) {
                        continue;
                    }
                    let opt = |i: Option<usize>| i.map_or(Ok(f64::NAN), |i| t.num(k, i));
                    rows.push(Comparison {
                        cell: r[ci].clone(),
                        group: r[gi].clone(),
                        metric: r[mi].clone(),
                        baseline_mean: opt(bi)?,
                        diff: t.num(k, di)?,
                        diff_ci: (t.num(k, li)?, t.num(k, ui)?),
                        ratio: opt(ri)?,
                    });
                }
                if !rows.is_empty() {
                    return Ok(rows);
                }
            }
        }
        let runs = self.runs_of(&|m| metrics.contains(&m))?;
        let Some(base) = self.baseline() else {
            return Ok(Vec::new());
        };
        let Some(b) = runs.get(&base.id) else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for c in self.cells.iter().filter(|c| !c.baseline) {
            let Some(v) = runs.get(&c.id) else { continue };
            for m in metrics {
                let key = (group.to_string(), m.to_string());
                let (Some(bv), Some(cv)) = (b.get(&key), v.get(&key)) else {
                    continue;
                };
                let pairs: Vec<(f64, f64)> = cv
                    .iter()
                    .filter_map(|(r, x)| bv.get(r).map(|y| (*x, *y)))
                    .filter(|(x, y)| x.is_finite() && y.is_finite())
                    .collect();
                if pairs.is_empty() {
                    continue;
                }
                let d: Vec<f64> = pairs.iter().map(|(x, y)| x - y).collect();
                let s = crate::stats::summarise(&d);
                let mb = pairs.iter().map(|p| p.1).sum::<f64>() / pairs.len() as f64;
                let mc = pairs.iter().map(|p| p.0).sum::<f64>() / pairs.len() as f64;
                out.push(Comparison {
                    cell: c.id.clone(),
                    group: group.to_string(),
                    metric: m.to_string(),
                    baseline_mean: mb,
                    diff: s.mean,
                    diff_ci: (s.ci_lower, s.ci_upper),
                    ratio: if mb != 0.0 { mc / mb } else { f64::NAN },
                });
            }
        }
        Ok(out)
    }
}

/// One line of a sweep's headline: a cell's paired difference from the
/// baseline in one metric, as `comparisons.csv` holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct Headline {
    /// The cell's label (from `scenarios.csv`; its id if it has none).
    pub label: String,
    /// Metric.
    pub metric: String,
    /// Mean paired difference (cell minus baseline).
    pub diff: f64,
    /// 95% CI of the mean difference.
    pub diff_ci: (f64, f64),
    /// Baseline mean (`NaN` when the file has no `baseline_mean`).
    pub baseline_mean: f64,
}

impl Headline {
    /// Difference relative to the baseline mean, in percent (`NaN` when
    /// the baseline mean is zero or unknown).
    pub fn relative_percent(&self) -> f64 {
        if self.baseline_mean != 0.0 && self.baseline_mean.is_finite() {
            100.0 * self.diff / self.baseline_mean
        } else {
            f64::NAN
        }
    }
}

/// The headline of a sweep folder: the rows of `comparisons.csv` for group
/// `group` and one of `metrics`, in file order, each cell named by its
/// label. `None` when the folder has no `comparisons.csv` with the columns
/// `cell`, `group`, `metric`, `diff_mean`, `diff_ci_lower` and
/// `diff_ci_upper`; an error when it cannot be read or holds a value
/// carescale would not write.
pub fn headline(dir: &Path, group: &str, metrics: &[&str]) -> Result<Option<Vec<Headline>>> {
    let wanted = |h: &[String], r: &csv::StringRecord| {
        field_of(h, r, "group") == group && metrics.contains(&field_of(h, r, "metric"))
    };
    let Some(t) = Table::read_where(&dir.join("comparisons.csv"), &wanted)? else {
        return Ok(None);
    };
    let (Some(c), Some(m), Some(d), Some(lo), Some(hi)) = (
        t.col("cell"),
        t.col("metric"),
        t.col("diff_mean"),
        t.col("diff_ci_lower"),
        t.col("diff_ci_upper"),
    ) else {
        return Ok(None);
    };
    if t.col("group").is_none() {
        return Ok(None);
    }
    let labels: BTreeMap<String, String> = Table::read(&dir.join("scenarios.csv"))
        .ok()
        .flatten()
        .map(|s| {
            s.rows
                .into_iter()
                .filter_map(|r| Some((r.first()?.clone(), r.get(1)?.clone())))
                .collect()
        })
        .unwrap_or_default();
    let bm = t.col("baseline_mean");
    let mut out = Vec::with_capacity(t.rows.len());
    for (k, r) in t.rows.iter().enumerate() {
        out.push(Headline {
            label: labels.get(&r[c]).unwrap_or(&r[c]).clone(),
            metric: r[m].clone(),
            diff: t.num(k, d)?,
            diff_ci: (t.num(k, lo)?, t.num(k, hi)?),
            baseline_mean: bm.map_or(Ok(f64::NAN), |i| t.num(k, i))?,
        });
    }
    Ok(Some(out))
}

/// Read `manifest.json` of a folder.
pub fn read_manifest(dir: &Path) -> Option<serde_json::Value> {
    let text = crate::files::read_text(
        &dir.join("manifest.json"),
        crate::files::MAX_INPUT_BYTES,
        "manifest",
    )
    .ok()?;
    serde_json::from_str(&text).ok()
}

fn sweep_cells(dir: &Path, t: &Table) -> Vec<Cell> {
    let id_col = t.col_any(&["cell", "id", "cell_id", "scenario"]);
    let mut cells: Vec<Cell> = t
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let id = id_col
                .map(|c| r[c].trim().to_string())
                .unwrap_or_else(|| format!("cell_{i}"));
            let design: BTreeMap<String, String> =
                t.header.iter().cloned().zip(r.iter().cloned()).collect();
            let cdir = [
                dir.join(&id),
                dir.join("cells").join(&id),
                dir.join("runs").join(&id),
            ]
            .into_iter()
            // A cell's own folder counts only when it holds results (a
            // sweep's run store `runs/<cell>/` does not).
            .find(|p| {
                ["timeseries_groups.csv", "runs.csv", "summary.csv"]
                    .iter()
                    .any(|f| p.join(f).is_file())
            })
            .unwrap_or_else(|| dir.to_path_buf());
            Cell {
                id,
                dir: cdir,
                design,
                baseline: false,
            }
        })
        .collect();
    let marked = cells.iter().position(|c| {
        c.design.get("baseline").map(|s| truthy(s)).unwrap_or(false)
            || c.design
                .get("level")
                .map(|s| s.trim() == "base")
                .unwrap_or(false)
    });
    let oat_base = || {
        if cells.iter().any(|c| c.oat().is_some()) {
            cells.iter().position(|c| {
                c.design
                    .get("oat_parameter")
                    .or_else(|| c.design.get("parameter"))
                    .map(|p| p.trim().is_empty() || p.trim() == "NA")
                    .unwrap_or(false)
            })
        } else {
            None
        }
    };
    let named = || {
        cells
            .iter()
            .position(|c| c.id == "baseline" || c.id == "base")
    };
    let b = marked.or_else(oat_base).or_else(named).unwrap_or(0);
    if let Some(c) = cells.get_mut(b) {
        c.baseline = true;
    }
    // Baseline first; the rest in file order.
    cells.sort_by_key(|c| !c.baseline);
    cells
}

fn read_runs_by_scenario(
    path: &Path,
    keep: &dyn Fn(&str) -> bool,
) -> Result<BTreeMap<String, RunValues>> {
    read_runs_split(path, keep, Some("scenario"))
}

/// The series of `scenario` out of a split combined file (or the whole
/// file's, when it had no scenario column), and what is left.
fn take_scenario<T: Clone + Default>(
    mut m: BTreeMap<String, T>,
    scenario: &str,
) -> (T, BTreeMap<String, T>) {
    let s = match m.remove(scenario) {
        Some(s) => s,
        None => m.get("").cloned().unwrap_or_default(),
    };
    (s, m)
}

/// Series of a combined file (a sweep's `timeseries_groups.csv`), read
/// once and split by its `scenario` column; a file without that column is
/// returned whole under `""`.
fn read_series_by_scenario(
    path: &Path,
    key: &str,
    keep_key: &dyn Fn(&str) -> bool,
    keep: &dyn Fn(&str) -> bool,
) -> Result<BTreeMap<String, SeriesSet>> {
    read_series_split(path, key, keep, keep_key, Some("scenario"))
}

/// Read a long time-series file in one pass, keeping the metrics `keep`
/// accepts, split by the values of column `split` (all under `""` when
/// `split` is `None` or the file has no such column).
fn read_series_split(
    path: &Path,
    key: &str,
    keep: &dyn Fn(&str) -> bool,
    keep_key: &dyn Fn(&str) -> bool,
    split: Option<&str>,
) -> Result<BTreeMap<String, SeriesSet>> {
    let mut out: BTreeMap<String, SeriesSet> = BTreeMap::new();
    if !path.is_file() {
        return Ok(out);
    }
    let (mut rdr, header) = open_csv(path)?;
    let idx = |n: &str| header.iter().position(|h| h == n);
    let si = split_column(&header, split);
    let (Some(ki), Some(ri), Some(pi), Some(mi), Some(vi)) = (
        idx(key),
        idx("replicate"),
        idx("period"),
        idx("metric"),
        idx("value"),
    ) else {
        return Ok(out);
    };
    let mut rec = csv::StringRecord::new();
    loop {
        if !next_record(&mut rdr, &mut rec, path)? {
            break;
        }
        let line = line_of(&rec);
        let metric = get(path, &rec, &header, mi)?;
        if !keep(metric) {
            continue;
        }
        let series = get(path, &rec, &header, ki)?;
        if !keep_key(series) {
            continue;
        }
        let scenario = match si {
            Some(i) => get(path, &rec, &header, i)?,
            None => "",
        };
        let rep = replicate(path, line, ri, get(path, &rec, &header, ri)?)?;
        let v = number(path, line, vi, "value", get(path, &rec, &header, vi)?)?;
        out.entry(scenario.to_string())
            .or_default()
            .entry((series.to_string(), metric.to_string()))
            .or_default()
            .entry(get(path, &rec, &header, pi)?.to_string())
            .or_default()
            .insert(rep, v);
    }
    Ok(out)
}

/// Append `s` to a key so that no two lists of fields give the same key.
fn key_field(k: &mut String, s: &str) {
    use std::fmt::Write as _;
    let _ = write!(k, "{}:{s}", s.len());
}

/// [`read_series_split`], with each month's values over replicates
/// summarised by `f` (see [`summarise_series_of`]). The rows are read and
/// checked in the same order, so a damaged file gives the same error.
fn summarise_series_split<T>(
    path: &Path,
    key: &str,
    keep: &dyn Fn(&str) -> bool,
    keep_key: &dyn Fn(&str) -> bool,
    split: Option<&str>,
    sizes: Sizes,
    f: &dyn Fn(&[f64]) -> T,
) -> Result<BTreeMap<String, SummarySet<T>>> {
    let mut out: BTreeMap<String, SummarySet<T>> = BTreeMap::new();
    if !path.is_file() {
        return Ok(out);
    }
    let (mut rdr, header) = open_csv(path)?;
    let idx = |n: &str| header.iter().position(|h| h == n);
    let si = split_column(&header, split);
    let (Some(ki), Some(ri), Some(pi), Some(mi), Some(vi)) = (
        idx(key),
        idx("replicate"),
        idx("period"),
        idx("metric"),
        idx("value"),
    ) else {
        return Ok(out);
    };
    // One row of the transpose per (scenario, series, metric, period); the
    // replicate is the slot.
    let mut rows: BTreeMap<String, u64> = BTreeMap::new();
    let mut names: Vec<[String; 4]> = Vec::new();
    let mut t = Transpose::with_sizes(path, sizes);
    let mut k = String::new();
    let mut rec = csv::StringRecord::new();
    loop {
        if !next_record(&mut rdr, &mut rec, path)? {
            break;
        }
        let line = line_of(&rec);
        let metric = get(path, &rec, &header, mi)?;
        if !keep(metric) {
            continue;
        }
        let series = get(path, &rec, &header, ki)?;
        if !keep_key(series) {
            continue;
        }
        let scenario = match si {
            Some(i) => get(path, &rec, &header, i)?,
            None => "",
        };
        let rep = replicate(path, line, ri, get(path, &rec, &header, ri)?)?;
        let v = number(path, line, vi, "value", get(path, &rec, &header, vi)?)?;
        let period = get(path, &rec, &header, pi)?;
        k.clear();
        for x in [scenario, series, metric, period] {
            key_field(&mut k, x);
        }
        let row = match rows.get(k.as_str()) {
            Some(&r) => r,
            None => {
                let r = names.len() as u64;
                rows.insert(k.clone(), r);
                names.push([scenario, series, metric, period].map(str::to_string));
                r
            }
        };
        t.put(row, rep, v)?;
    }
    drop(rows);
    let mut values: Vec<f64> = Vec::new();
    t.for_each_row(&mut |row, entries| {
        let Some([scenario, series, metric, period]) = names.get(row as usize) else {
            return Err(Error::Internal(format!("series row {row} unknown")));
        };
        values.clear();
        values.extend(last_per_slot(entries).into_iter().map(|e| e.1));
        out.entry(scenario.clone())
            .or_default()
            .entry((series.clone(), metric.clone()))
            .or_default()
            .insert(period.clone(), f(&values));
        Ok(())
    })?;
    Ok(out)
}

/// What [`for_each_replicate`] reads, given to it one cell (scenario) at a
/// time, and within it one replicate at a time.
pub trait ByReplicate {
    /// A cell of the file begins: its name (`""` when the file is not
    /// split) and, for every slot (`[series, metric, period]`, numbered in
    /// the file's order), whether the cell has it.
    fn begin(&mut self, split: &str, slots: &[[String; 3]], present: &[bool]) -> Result<()>;
    /// One replicate of the cell (replicates in increasing order): its
    /// values by slot, in slot order, one per slot (the last row wins).
    fn replicate(&mut self, replicate: u32, values: &[(u32, f64)]) -> Result<()>;
    /// The cell is done.
    fn end(&mut self) -> Result<()>;
}

/// Read a long time-series file one replicate at a time: the rows whose
/// metric `keep` accepts are read and checked as `read_series_split`
/// does (the series `keep_key` accepts), those whose series `store`
/// accepts go through a [`Transpose`] on disk by (cell, replicate), and
/// `v` gets each cell's replicates in order. Memory holds one replicate's
/// values, not the file. A cell whose rows are all left out by `store` is
/// still given, with no replicate.
pub fn for_each_replicate(
    path: &Path,
    key: &str,
    keep: &dyn Fn(&str) -> bool,
    keep_key: &dyn Fn(&str) -> bool,
    store: &dyn Fn(&str) -> bool,
    split: Option<&str>,
    v: &mut dyn ByReplicate,
) -> Result<()> {
    if !path.is_file() {
        return Ok(());
    }
    let (mut rdr, header) = open_csv(path)?;
    let idx = |n: &str| header.iter().position(|h| h == n);
    let si = split_column(&header, split);
    let (Some(ki), Some(ri), Some(pi), Some(mi), Some(vi)) = (
        idx(key),
        idx("replicate"),
        idx("period"),
        idx("metric"),
        idx("value"),
    ) else {
        return Ok(());
    };
    let mut splits: BTreeMap<String, u32> = BTreeMap::new();
    let mut split_names: Vec<String> = Vec::new();
    // Per cell, the slots it has (a bit per slot).
    let mut present: Vec<Vec<u64>> = Vec::new();
    let mut slot_ids: BTreeMap<String, u32> = BTreeMap::new();
    let mut slots: Vec<[String; 3]> = Vec::new();
    let mut t = Transpose::new(path);
    let mut k = String::new();
    let mut rec = csv::StringRecord::new();
    loop {
        if !next_record(&mut rdr, &mut rec, path)? {
            break;
        }
        let line = line_of(&rec);
        let metric = get(path, &rec, &header, mi)?;
        if !keep(metric) {
            continue;
        }
        let series = get(path, &rec, &header, ki)?;
        if !keep_key(series) {
            continue;
        }
        let scenario = match si {
            Some(i) => get(path, &rec, &header, i)?,
            None => "",
        };
        let rep = replicate(path, line, ri, get(path, &rec, &header, ri)?)?;
        let value = number(path, line, vi, "value", get(path, &rec, &header, vi)?)?;
        let period = get(path, &rec, &header, pi)?;
        let sp = match splits.get(scenario) {
            Some(&i) => i,
            None => {
                let i = u32::try_from(split_names.len()).map_err(|_| {
                    damaged(
                        path,
                        line,
                        si.unwrap_or(0),
                        "scenario",
                        "too many cells".into(),
                    )
                })?;
                splits.insert(scenario.to_string(), i);
                split_names.push(scenario.to_string());
                present.push(Vec::new());
                i
            }
        };
        if !store(series) {
            continue;
        }
        k.clear();
        for x in [series, metric, period] {
            key_field(&mut k, x);
        }
        let slot = match slot_ids.get(k.as_str()) {
            Some(&i) => i,
            None => {
                let i = u32::try_from(slots.len())
                    .map_err(|_| damaged(path, line, mi, "metric", "too many series".into()))?;
                slot_ids.insert(k.clone(), i);
                slots.push([series, metric, period].map(str::to_string));
                i
            }
        };
        let bits = &mut present[sp as usize];
        let w = slot as usize / 64;
        if bits.len() <= w {
            bits.resize(w + 1, 0);
        }
        bits[w] |= 1 << (slot % 64);
        t.put(((sp as u64) << 32) | rep as u64, slot, value)?;
    }
    drop(slot_ids);
    drop(splits);
    let has = |sp: usize| -> Vec<bool> {
        (0..slots.len())
            .map(|i| {
                present[sp]
                    .get(i / 64)
                    .is_some_and(|w| w & (1 << (i % 64)) != 0)
            })
            .collect()
    };
    let mut given = vec![false; split_names.len()];
    let mut current: Option<usize> = None;
    t.for_each_row(&mut |row, entries| {
        let sp = (row >> 32) as usize;
        if current != Some(sp) {
            if current.is_some() {
                v.end()?;
            }
            v.begin(&split_names[sp], &slots, &has(sp))?;
            given[sp] = true;
            current = Some(sp);
        }
        v.replicate(row as u32, &last_per_slot(entries))
    })?;
    if current.is_some() {
        v.end()?;
    }
    for (sp, name) in split_names.iter().enumerate() {
        if !given[sp] {
            v.begin(name, &slots, &has(sp))?;
            v.end()?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The blocked percentile reader (monthly values over replicates
    /// through a transpose on disk) gives exactly what the in-memory
    /// reader gives: the same values of each month, one per replicate in
    /// replicate order (the last row of a replicate counting), so the same
    /// percentiles, for blocks of one entry, blocks that do not divide the
    /// rows and many runs merged in rounds; rows in random order, repeated
    /// replicates, NA values and a combined file split by cell included.
    #[test]
    fn blocked_percentiles_equal_the_in_memory_ones() {
        let d = tempfile::tempdir().unwrap();
        let mut seed = 11u64;
        let mut rnd = |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        let mut rows = Vec::new();
        for cell in ["c0", "c1"] {
            for rep in 0..57u32 {
                for site in ["north", "south", "east"] {
                    for m in ["a", "b", "c"] {
                        for p in 0..14 {
                            let v = match rnd(20) {
                                0 => "NA".to_string(),
                                _ => format!("{}", rnd(1000) as f64 / 7.0),
                            };
                            rows.push(format!("{cell},x,{rep},{site},P{p:02},{m},{v}"));
                            if rnd(30) == 0 {
                                // The same replicate again: the last row counts.
                                rows.push(format!("{cell},x,{rep},{site},P{p:02},{m},{}", rnd(50)));
                            }
                        }
                    }
                }
            }
        }
        // Rows in random order: whichever row of a repeated replicate comes
        // last in the file counts, for both readers.
        for i in (1..rows.len()).rev() {
            let j = rnd(i as u64 + 1) as usize;
            rows.swap(i, j);
        }
        let path = d.path().join("timeseries.csv");
        let text = String::from("cell,scenario,replicate,site,period,metric,value\n")
            + &rows.join("\n")
            + "\n";
        std::fs::write(&path, text).unwrap();
        let keep = |m: &str| m != "c";
        let keep_key = |s: &str| s != "east";
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<u64>>();
        let pct = |v: &[f64]| {
            let mut f: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
            f.sort_by(f64::total_cmp);
            [0.05, 0.25, 0.5, 0.75, 0.95].map(|p| crate::stats::percentile(&f, p).to_bits())
        };
        for split in [None, Some("scenario")] {
            let mem = read_series_split(&path, "site", &keep, &keep_key, split).unwrap();
            let want_bits: BTreeMap<String, SummarySet<Vec<u64>>> = mem
                .iter()
                .map(|(c, set)| {
                    let s = set
                        .iter()
                        .map(|(k, m)| {
                            let m = m
                                .iter()
                                .map(|(p, byrep)| {
                                    let v: Vec<f64> = byrep.values().copied().collect();
                                    (p.clone(), bits(&v))
                                })
                                .collect();
                            (k.clone(), m)
                        })
                        .collect();
                    (c.clone(), s)
                })
                .collect();
            assert_eq!(want_bits.len(), if split.is_some() { 2 } else { 1 });
            for (block, read, fan_in) in [
                (1, 1, 2),
                (5, 3, 3),
                (17, 2, 2),
                (1000, 7, 32),
                (1 << 16, 1 << 10, 32),
            ] {
                let sizes = Sizes {
                    block,
                    read,
                    fan_in,
                };
                let got =
                    summarise_series_split(&path, "site", &keep, &keep_key, split, sizes, &bits)
                        .unwrap();
                assert_eq!(got, want_bits, "{split:?} {sizes:?}");
                let got =
                    summarise_series_split(&path, "site", &keep, &keep_key, split, sizes, &pct)
                        .unwrap();
                for (c, set) in &mem {
                    for (k, m) in set {
                        for (p, byrep) in m {
                            let v: Vec<f64> = byrep.values().copied().collect();
                            assert_eq!(got[c][k][p], pct(&v), "{c} {k:?} {p} {sizes:?}");
                        }
                    }
                }
                // Nothing left beside the file.
                assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
            }
        }
    }

    #[test]
    fn missing_folder_is_a_user_error() {
        let e = Results::open(Path::new("no/such/folder")).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("no such results folder"));
    }

    #[test]
    fn oat_cells_and_baseline() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(
            d.path().join("scenarios.csv"),
            "cell,design,parameter,value,level\nc1,oat,costs.x,1,low\nbase,oat,,,\nc2,oat,costs.x,3,high\n",
        )
        .unwrap();
        let r = Results::open(d.path()).unwrap();
        assert_eq!(r.kind, Kind::Sweep);
        assert_eq!(r.cells[0].id, "base");
        assert!(r.cells[0].baseline);
        assert!(r.is_oat());
        assert_eq!(r.cells[1].oat(), Some(("costs.x", "low", "1")));
    }

    #[test]
    fn sweep_readers_keep_only_what_is_asked_for() {
        let d = tempfile::tempdir().unwrap();
        let w = |n: &str, t: &str| std::fs::write(d.path().join(n), t).unwrap();
        w("scenarios.csv", "cell,baseline\nbase,true\nc1,false\n");
        w(
            "timeseries_groups.csv",
            "cell,scenario,replicate,group,period,metric,value\n\
             base,base,0,all,2017-04,a,1\nbase,base,0,all,2017-04,b,2\n\
             c1,c1,0,all,2017-04,a,3\nc1,c1,1,all,2017-04,a,4\n",
        );
        w(
            "comparisons.csv",
            "cell,group,metric,baseline_mean,mean_difference,difference_ci_lower,difference_ci_upper,ratio\n\
             c1,all,a,1,2,1,3,3\nc1,all,b,2,0,0,0,1\nc1,north,a,1,1,0,2,2\n",
        );
        let r = Results::open(d.path()).unwrap();
        // One pass over the combined series, split by cell; metric b dropped.
        let s = r.group_series(&|m| m == "a").unwrap();
        let key = ("all".to_string(), "a".to_string());
        assert_eq!(s["base"][&key]["2017-04"][&0], 1.0);
        assert_eq!(s["c1"][&key]["2017-04"].len(), 2);
        assert!(s["base"].keys().all(|(_, m)| m == "a"));
        // Comparisons: only the group and metrics asked for.
        let c = r.comparisons("all", &["a"]).unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(
            (c[0].cell.as_str(), c[0].diff, c[0].ratio),
            ("c1", 2.0, 3.0)
        );
        // read_where keeps matching rows only.
        let t = Table::read_where(&d.path().join("comparisons.csv"), &|h, rec| {
            field_of(h, rec, "group") == "north"
        })
        .unwrap()
        .unwrap();
        assert_eq!(t.rows.len(), 1);
    }
}
