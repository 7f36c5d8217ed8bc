//! Growth of a rate between two periods, per group, with intervals over
//! replicates: `carescale growth RESULTS --from 2015-04..2016-03 --to 2016-04..2017-03`.

use crate::error::{Error, Result};
use crate::scenario::dates::Period;
use crate::stats;
use std::collections::BTreeMap;
use std::path::Path;

/// An inclusive range of months, `YYYY-MM..YYYY-MM`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    /// First month.
    pub from: Period,
    /// Last month (inclusive).
    pub to: Period,
}

impl Window {
    /// Parse `YYYY-MM..YYYY-MM`.
    pub fn parse(s: &str) -> Option<Window> {
        let (a, b) = s.split_once("..")?;
        let (from, to) = (Period::parse(a)?, Period::parse(b)?);
        (from <= to).then_some(Window { from, to })
    }
    /// Does the window hold this month?
    pub fn contains(&self, p: Period) -> bool {
        self.from <= p && p <= self.to
    }
}

impl std::fmt::Display for Window {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}..{}", self.from, self.to)
    }
}

/// Growth of `numerator / person_days` from one window to another, one value
/// per replicate, for one group's monthly rows `(replicate, period, numerator, person_days)`.
pub fn growth_by_replicate(rows: &[(u32, Period, f64, f64)], from: Window, to: Window) -> Vec<f64> {
    let mut acc: BTreeMap<u32, [f64; 4]> = BTreeMap::new();
    for &(r, p, num, pd) in rows {
        let e = acc.entry(r).or_insert([0.0; 4]);
        if from.contains(p) {
            e[0] += num;
            e[1] += pd;
        }
        if to.contains(p) {
            e[2] += num;
            e[3] += pd;
        }
    }
    acc.values()
        .filter(|v| v[1] > 0.0 && v[3] > 0.0 && v[0] > 0.0)
        .map(|v| (v[2] / v[3]) / (v[0] / v[1]) - 1.0)
        .collect()
}

/// One line of `carescale growth`.
#[derive(Clone, Debug)]
pub struct GrowthRow {
    /// Site or group.
    pub group: String,
    /// Summary of the growth over replicates (a share: 0.03 = +3%).
    pub summary: stats::Summary,
}

/// One row of a results folder's monthly series.
struct SeriesRow<'a> {
    /// Site or group.
    key: &'a str,
    replicate: u32,
    period: Period,
    metric: &'a str,
    value: f64,
}

/// Read `timeseries.csv` (sites) and then `timeseries_groups.csv` (groups)
/// of a results folder strictly, giving `each` the file's index (0 or 1)
/// and every row whose metric `keep` accepts.
fn read_series(
    dir: &Path,
    keep: impl Fn(&str) -> bool,
    mut each: impl FnMut(usize, SeriesRow<'_>),
) -> Result<()> {
    for (i, (file, col)) in [
        ("timeseries.csv", "site"),
        ("timeseries_groups.csv", "group"),
    ]
    .into_iter()
    .enumerate()
    {
        let path = dir.join(file);
        let text = crate::files::read_text(
            &path,
            crate::files::MAX_RESULT_BYTES,
            "results table of a folder written by `carescale run`",
        )?;
        let mut lines = text.lines();
        let header = lines.next().unwrap_or_default();
        let expect = format!("scenario,replicate,{col},period,metric,value");
        if header != expect {
            return Err(Error::io(
                &path,
                format!("unexpected header `{header}`"),
                format!("expected `{expect}`: was this written by carescale?"),
            ));
        }
        for (n, line) in lines.enumerate() {
            let f: Vec<&str> = line.split(',').collect();
            let at = n as u64 + 2;
            if f.len() != 6 {
                return Err(crate::output::read::damaged(
                    &path,
                    at,
                    0,
                    "",
                    format!("the row has {} fields, not 6", f.len()),
                ));
            }
            if !keep(f[4]) {
                continue;
            }
            let replicate = crate::output::read::replicate(&path, at, 1, f[1])?;
            let period = Period::parse(f[3]).ok_or_else(|| {
                crate::output::read::damaged(
                    &path,
                    at,
                    3,
                    "period",
                    format!("`{}` is not a month (YYYY-MM)", crate::error::short(f[3])),
                )
            })?;
            let value = crate::output::read::number(&path, at, 5, "value", f[5])?;
            each(
                i,
                SeriesRow {
                    key: f[2],
                    replicate,
                    period,
                    metric: f[4],
                    value,
                },
            );
        }
    }
    Ok(())
}

/// Growth per 1,000 population of `metric` (an accumulator such as
/// `emergency_admissions`) for every site and group of a results folder.
pub fn from_results(dir: &Path, metric: &str, from: Window, to: Window) -> Result<Vec<GrowthRow>> {
    let mut rows: BTreeMap<String, Vec<(u32, Period, f64, f64)>> = BTreeMap::new();
    let mut found_metric = false;
    // (file, site or group, replicate, month) -> [metric, person-days]; a
    // file's cells before the next file's, as each file is read.
    let mut cells: BTreeMap<(usize, String, u32, Period), [f64; 2]> = BTreeMap::new();
    read_series(
        dir,
        |m| m == metric || m == "person_days",
        |file, row| {
            let e = cells
                .entry((file, row.key.to_string(), row.replicate, row.period))
                .or_insert([0.0; 2]);
            if row.metric == metric {
                e[0] = row.value;
                found_metric = true;
            } else {
                e[1] = row.value;
            }
        },
    )?;
    for ((_, g, r, p), v) in cells {
        rows.entry(g).or_default().push((r, p, v[0], v[1]));
    }
    if !found_metric {
        return Err(Error::input("--metric", None, format!("no metric `{metric}` in the results"), Some("use an accumulator such as emergency_admissions or ae_attendances (docs/OUTPUTS.md)")));
    }
    Ok(rows
        .into_iter()
        .map(|(group, r)| {
            let g = growth_by_replicate(&r, from, to);
            GrowthRow {
                group,
                summary: stats::summarise(&g),
            }
        })
        .collect())
}

/// One line of `carescale growth --drivers`: the growth a year of
/// emergency admissions and each driver's part of it (see
/// [`crate::analysis::drivers`]), over replicates.
#[derive(Clone, Debug)]
pub struct DriverRow {
    /// Site or group.
    pub group: String,
    /// Summaries in [`crate::analysis::drivers::DRIVERS`] order.
    pub drivers: Vec<stats::Summary>,
}

/// Drivers of admission growth from window `from` to window `to` for every
/// site and group of a results folder.
pub fn drivers_from_results(dir: &Path, from: Window, to: Window) -> Result<Vec<DriverRow>> {
    use crate::analysis::drivers::{self, Cells, CELLS};
    use crate::model::metrics::{self, b};
    let names = metrics::BASE_NAMES;
    let wanted: BTreeMap<&str, usize> = (0..CELLS)
        .flat_map(|c| [b::EA_CELL_0 + c, b::PERSON_DAYS_CELL_0 + c])
        .map(|k| (names[k], k))
        .collect();
    // (group, replicate) -> accumulators of the two windows.
    let mut acc: BTreeMap<(String, u32), [Vec<f64>; 2]> = BTreeMap::new();
    let mut found = false;
    read_series(
        dir,
        |m| wanted.contains_key(m),
        |_, row| {
            let k = wanted[row.metric];
            let e = acc
                .entry((row.key.to_string(), row.replicate))
                .or_insert_with(|| [vec![0.0; metrics::N_BASE], vec![0.0; metrics::N_BASE]]);
            if from.contains(row.period) {
                e[0][k] += row.value;
            }
            if to.contains(row.period) {
                e[1][k] += row.value;
            }
            found = true;
        },
    )?;
    if !found {
        return Err(Error::input(
            "--drivers",
            None,
            "the results have no admissions and person-days by age band and frailty".to_string(),
            Some("use results written by this version of `carescale run`"),
        ));
    }
    let months = |w: Window| (w.to.index() - w.from.index() + 1) as f64;
    let years = ((to.from.index() as f64 + months(to) / 2.0)
        - (from.from.index() as f64 + months(from) / 2.0))
        / 12.0;
    let mut by_group: BTreeMap<String, Vec<[f64; 5]>> = BTreeMap::new();
    for ((g, _), w) in acc {
        let d = drivers::decompose(&Cells::of(&w[0]), &Cells::of(&w[1]), years);
        by_group.entry(g).or_default().push(d);
    }
    Ok(by_group
        .into_iter()
        .map(|(group, v)| DriverRow {
            group,
            drivers: (0..5)
                .map(|k| {
                    let x: Vec<f64> = v.iter().map(|d| d[k]).filter(|x| x.is_finite()).collect();
                    stats::summarise(&x)
                })
                .collect(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_by_hand() {
        let p = |s: &str| Period::parse(s).unwrap();
        // Replicate 0: 100 per 1,000 days, then 103 per 1,000 days: +3%.
        let rows = vec![
            (0, p("2015-04"), 50.0, 500.0),
            (0, p("2015-05"), 50.0, 500.0),
            (0, p("2016-04"), 103.0, 1000.0),
            (1, p("2015-04"), 10.0, 100.0),
            (1, p("2016-04"), 12.0, 100.0),
        ];
        let g = growth_by_replicate(
            &rows,
            Window::parse("2015-04..2016-03").unwrap(),
            Window::parse("2016-04..2017-03").unwrap(),
        );
        assert_eq!(g.len(), 2);
        assert!((g[0] - 0.03).abs() < 1e-12);
        assert!((g[1] - 0.2).abs() < 1e-12);
        assert!(Window::parse("2016-04..2015-03").is_none());
    }
}
