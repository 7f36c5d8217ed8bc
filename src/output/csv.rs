//! The CSV writer of a run's results: `timeseries.csv`,
//! `timeseries_groups.csv`, `runs.csv` and `summary.csv`, from the tables
//! of [`crate::output::tables`]; numbers are written by [`push_num`].
//!
//! The rows are written as bytes, each exactly as the `csv` crate's writer
//! would write it (the tests compare them): names are quoted once per table
//! and the fields before the metric once per site or group, period and
//! replicate, not once per row.

use crate::error::Result;
use crate::experiment::executor::{self, Replicate};
use crate::model::metrics;
use crate::output::dir::OutputDir;
use crate::output::number::{push_num, push_whole};
use crate::output::tables::{groups, run_metric_names, run_table, totals};
use crate::scenario::dates::Timeline;
use crate::scenario::Scenario;
use crate::stats;

/// A CSV table built in memory with the `csv` crate's writer (fields are
/// quoted only where needed, rows end in `\n`): the headers.
struct Table(::csv::Writer<Vec<u8>>);

impl Table {
    fn new(header: &[&str]) -> Table {
        let mut t = Table(::csv::WriterBuilder::new().from_writer(Vec::new()));
        t.row(header);
        t
    }

    fn row<I, T>(&mut self, fields: I)
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        // Writing into memory cannot fail.
        let _ = self.0.write_record(fields);
    }

    fn into_bytes(self) -> Vec<u8> {
        self.0.into_inner().unwrap_or_default()
    }
}

/// Text of a table built as bytes from `&str` pieces and ASCII (valid
/// UTF-8 by construction).
fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_default()
}

/// Header of `timeseries.csv`.
const TIMESERIES_HEADER: [&str; 6] = ["scenario", "replicate", "site", "period", "metric", "value"];
/// Header of `timeseries_groups.csv`.
const TIMESERIES_GROUPS_HEADER: [&str; 6] = [
    "scenario",
    "replicate",
    "group",
    "period",
    "metric",
    "value",
];
/// Header of `runs.csv`.
const RUNS_HEADER: [&str; 5] = ["scenario", "replicate", "group", "metric", "value"];
/// Header of `summary.csv`.
const SUMMARY_HEADER: [&str; 11] = [
    "scenario", "group", "metric", "n", "mean", "sd", "ci_lower", "ci_upper", "p10", "p50", "p90",
];

/// Does the `csv` crate's writer quote `f` in a record of several fields?
/// Only if it holds a comma, a quote or a line break.
fn needs_quotes(f: &str) -> bool {
    f.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
}

/// Append a CSV field as the `csv` crate's writer writes it in a record of
/// several fields: quoted, inner quotes doubled, only if [`needs_quotes`].
fn push_field(s: &mut Vec<u8>, f: &str) {
    if needs_quotes(f) {
        s.push(b'"');
        for &b in f.as_bytes() {
            if b == b'"' {
                s.push(b'"');
            }
            s.push(b);
        }
        s.push(b'"');
    } else {
        s.extend_from_slice(f.as_bytes());
    }
}

/// Names as written in a row, each quoted once (if it needs it) and
/// followed by a comma.
fn field_table(names: &[&str]) -> Vec<Vec<u8>> {
    names
        .iter()
        .map(|n| {
            let mut f = Vec::with_capacity(n.len() + 1);
            push_field(&mut f, n);
            f.push(b',');
            f
        })
        .collect()
}

/// Append rows `prefix,name,value` for each metric name and value: the
/// rows of one site or group, period and replicate. `prefix` ends in a
/// comma, each name (from [`field_table`]) too.
fn push_metric_rows(s: &mut Vec<u8>, prefix: &[u8], names: &[Vec<u8>], vals: &[f64]) {
    // Room for the rows with values of up to 16 characters: one
    // reservation instead of a check that may grow the table in each row.
    let names_len: usize = names.iter().map(Vec::len).sum();
    s.reserve(names_len + names.len() * (prefix.len() + 17));
    for (n, v) in names.iter().zip(vals) {
        s.extend_from_slice(prefix);
        s.extend_from_slice(n);
        push_num(s, *v);
        s.push(b'\n');
    }
}

/// The fields before the metric of a row, each followed by a comma.
fn row_prefix(prefix: &mut Vec<u8>, fields: &[&str]) {
    prefix.clear();
    for f in fields {
        push_field(prefix, f);
        prefix.push(b',');
    }
}

/// The reported periods as written (`periods[mo - first reported month]`).
fn reported_periods(tl: &Timeline) -> Vec<String> {
    (tl.warm_up_months as usize..tl.n_months())
        .map(|mo| tl.periods[mo].to_string())
        .collect()
}

/// `timeseries.csv`: one row per replicate x site x reported month x metric.
pub fn timeseries_csv(scn: &Scenario, reps: &[Replicate]) -> String {
    text(timeseries_bytes(scn, reps))
}

/// [`timeseries_csv`] as bytes.
fn timeseries_bytes(scn: &Scenario, reps: &[Replicate]) -> Vec<u8> {
    let mut s = Table::new(&TIMESERIES_HEADER).into_bytes();
    timeseries_rows(&mut s, scn, reps);
    s
}

/// The rows of [`timeseries_csv`] (without its header), appended to `s`.
pub fn timeseries_rows(s: &mut Vec<u8>, scn: &Scenario, reps: &[Replicate]) {
    let tl = executor::timeline(scn);
    let names = field_table(&metrics::all_names());
    let first = tl.warm_up_months as usize;
    let periods = reported_periods(&tl);
    let mut prefix = Vec::new();
    for rep in reps {
        let r = rep.replicate.to_string();
        for (si, site) in scn.sites.iter().enumerate() {
            for mo in first..tl.n_months() {
                let vals =
                    metrics::all_values(&rep.sites[si].months[mo], tl.days_in_period[mo] as f64);
                row_prefix(
                    &mut prefix,
                    &[
                        scn.scenario.name.as_str(),
                        &r,
                        &site.name,
                        &periods[mo - first],
                    ],
                );
                push_metric_rows(s, &prefix, &names, &vals);
            }
        }
    }
}

/// `timeseries_groups.csv`: the same by reporting group (sums over sites).
pub fn timeseries_groups_csv(scn: &Scenario, reps: &[Replicate]) -> String {
    text(timeseries_groups_bytes(scn, reps))
}

/// [`timeseries_groups_csv`] as bytes.
fn timeseries_groups_bytes(scn: &Scenario, reps: &[Replicate]) -> Vec<u8> {
    let mut s = Table::new(&TIMESERIES_GROUPS_HEADER).into_bytes();
    timeseries_groups_rows(&mut s, scn, reps);
    s
}

/// The rows of [`timeseries_groups_csv`] (without its header), appended to
/// `s`.
pub fn timeseries_groups_rows(s: &mut Vec<u8>, scn: &Scenario, reps: &[Replicate]) {
    let tl = executor::timeline(scn);
    let names = field_table(&metrics::all_names());
    let gs = groups(scn);
    let first = tl.warm_up_months as usize;
    let periods = reported_periods(&tl);
    let mut prefix = Vec::new();
    for rep in reps {
        let r = rep.replicate.to_string();
        for (g, sites) in gs
            .iter()
            .filter(|(_, sites)| sites.len() > 1 || scn.sites.len() == 1)
        {
            for mo in first..tl.n_months() {
                let tot = totals(rep, sites, mo..mo + 1);
                let vals = metrics::all_values(&tot, tl.days_in_period[mo] as f64);
                row_prefix(
                    &mut prefix,
                    &[scn.scenario.name.as_str(), &r, g, &periods[mo - first]],
                );
                push_metric_rows(s, &prefix, &names, &vals);
            }
        }
    }
}

/// `runs.csv`: run-level rows (reported period totals and rates).
pub fn runs_csv(scn: &Scenario, reps: &[Replicate], table: &[(String, Vec<Vec<f64>>)]) -> String {
    text(runs_bytes(scn, reps, table))
}

/// [`runs_csv`] as bytes.
fn runs_bytes(scn: &Scenario, reps: &[Replicate], table: &[(String, Vec<Vec<f64>>)]) -> Vec<u8> {
    let mut s = Table::new(&RUNS_HEADER).into_bytes();
    runs_rows(&mut s, scn, reps, table);
    s
}

/// The rows of [`runs_csv`] (without its header), appended to `s`.
pub fn runs_rows(
    s: &mut Vec<u8>,
    scn: &Scenario,
    reps: &[Replicate],
    table: &[(String, Vec<Vec<f64>>)],
) {
    let names = field_table(&run_metric_names());
    let mut prefix = Vec::new();
    for (ri, rep) in reps.iter().enumerate() {
        let r = rep.replicate.to_string();
        for (g, vals) in table {
            row_prefix(&mut prefix, &[scn.scenario.name.as_str(), &r, g]);
            push_metric_rows(s, &prefix, &names, &vals[ri]);
        }
    }
}

/// `summary.csv`: over replicates, per group and metric.
pub fn summary_csv(scn: &Scenario, table: &[(String, Vec<Vec<f64>>)]) -> String {
    text(summary_bytes(scn, table))
}

/// [`summary_csv`] as bytes.
fn summary_bytes(scn: &Scenario, table: &[(String, Vec<Vec<f64>>)]) -> Vec<u8> {
    let groups: Vec<String> = table.iter().map(|(g, _)| g.clone()).collect();
    let k_max = run_metric_names().len();
    let summaries: Vec<stats::Summary> = table
        .iter()
        .flat_map(|(_, vals)| {
            (0..k_max).map(move |k| {
                let xs: Vec<f64> = vals.iter().map(|v| v[k]).collect();
                summarise_finite(xs)
            })
        })
        .collect();
    summary_bytes_from(scn, &groups, &summaries)
}

/// The summary of the finite values of one output over replicates (in
/// replicate order), as `summary.csv` gives it.
pub fn summarise_finite(mut xs: Vec<f64>) -> stats::Summary {
    xs.retain(|x| x.is_finite());
    stats::summarise(&xs)
}

/// `summary.csv` from summaries already made, one per group and run metric
/// (groups outer, metrics in [`run_metric_names`] order inner): a run can
/// summarise one output at a time instead of holding every value.
pub fn summary_csv_from(scn: &Scenario, groups: &[String], summaries: &[stats::Summary]) -> String {
    text(summary_bytes_from(scn, groups, summaries))
}

/// [`summary_csv_from`] as bytes.
fn summary_bytes_from(scn: &Scenario, groups: &[String], summaries: &[stats::Summary]) -> Vec<u8> {
    let names = field_table(&run_metric_names());
    let mut s = Table::new(&SUMMARY_HEADER).into_bytes();
    let mut prefix = Vec::new();
    let mut it = summaries.iter();
    for g in groups {
        row_prefix(&mut prefix, &[scn.scenario.name.as_str(), g]);
        for n in &names {
            let Some(su) = it.next() else {
                return s;
            };
            s.extend_from_slice(&prefix);
            s.extend_from_slice(n);
            push_whole(&mut s, su.n as u64);
            for x in su.columns() {
                s.push(b',');
                push_num(&mut s, x);
            }
            s.push(b'\n');
        }
    }
    s
}

/// Write the standard result tables of a run (`timeseries.csv`,
/// `timeseries_groups.csv`, `runs.csv`, `summary.csv`) into `od`; returns
/// the bytes written. The manifest is left to the caller.
pub fn write_tables(od: &OutputDir, scn: &Scenario, results: &[Replicate]) -> Result<u64> {
    // One table at a time, so only one is held in memory.
    let mut bytes = 0u64;
    let mut put = |name: &str, content: &[u8]| -> Result<()> {
        od.write(name, content)?;
        bytes += content.len() as u64;
        Ok(())
    };
    put("timeseries.csv", &timeseries_bytes(scn, results))?;
    put(
        "timeseries_groups.csv",
        &timeseries_groups_bytes(scn, results),
    )?;
    let table = run_table(scn, results);
    put("runs.csv", &runs_bytes(scn, results, &table))?;
    put("summary.csv", &summary_bytes(scn, &table))?;
    put(
        "units.csv",
        crate::analysis::dictionary::units_csv().as_bytes(),
    )?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::number::num;

    /// A table written record by record by the `csv` crate: what the rows
    /// above are written as.
    fn by_csv_crate(header: &[&str], rows: &[Vec<String>]) -> String {
        let mut t = Table::new(header);
        for r in rows {
            t.row(r);
        }
        text(t.into_bytes())
    }

    #[test]
    fn fields_are_quoted_as_the_csv_crate_quotes_them() {
        let odd = [
            "",
            "plain",
            "a,b",
            "say \"hi\"",
            "line\nbreak",
            "cr\rhere",
            "\"",
            ",",
            " x ",
            "#c",
        ];
        for f in odd {
            let mut b = Vec::new();
            push_field(&mut b, f);
            b.extend_from_slice(b",x\n");
            let s = text(b);
            let want = by_csv_crate(&["a", "b"], &[vec![f.to_string(), "x".into()]]);
            assert_eq!(format!("a,b\n{s}"), want, "{f:?}");
        }
    }

    #[test]
    fn metric_rows_are_the_csv_crate_rows_for_odd_names_and_values() {
        let names = [
            "plain",
            "a,b",
            "say \"hi\"",
            "line\nbreak",
            "cr\rhere",
            "",
            "\u{e9}t\u{e9}",
        ];
        let vals = [
            -0.0,
            0.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            5e-324,
            1.5e-7,
            -2.5e-5,
            1e-5,
            0.1 + 0.2,
            -1.0 / 3.0,
            9_007_199_254_740_991.0,
            9_007_199_254_740_992.0,
            -9_007_199_254_740_993.0,
            1e21,
            123_456_789.0,
            -42.0,
            f64::from_bits(0x4317_ba8e_0eac_8921),
        ];
        let fields = ["scn, \"x\"", "0", "site\nA", "2017-04"];
        let mut prefix = Vec::new();
        row_prefix(&mut prefix, &fields);
        let mut got = Table::new(&TIMESERIES_HEADER).into_bytes();
        let mut want = Vec::new();
        for n in names {
            let table = field_table(&[n]);
            for v in vals {
                push_metric_rows(&mut got, &prefix, &table, &[v]);
                let value = if v.is_finite() {
                    format!("{v}")
                } else {
                    "NA".to_string()
                };
                assert_eq!(num(v), value);
                let mut row: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
                row.extend([n.to_string(), value]);
                want.push(row);
            }
        }
        assert_eq!(text(got), by_csv_crate(&TIMESERIES_HEADER, &want));
    }

    #[test]
    fn tables_are_the_csv_crate_tables() {
        let text = "[scenario]\nname = \"t\"\nquestion = \"q?\"\n\n[run]\nwarm_up_months = 2\nhorizon_months = 4\nreplicates = 2\n\n[[sites]]\nname = \"a\"\npopulation = 300\ngroup = \"g\"\n\n[[sites]]\nname = \"b\"\npopulation = 200\ngroup = \"g\"\n";
        let scn = Scenario::from_str(text, "t.toml", &[]).expect("the scenario reads");
        let reps = executor::run_replicates(&scn, 0, 2, &executor::Options::threads(1))
            .expect("the scenario runs");
        let tl = executor::timeline(&scn);
        let names = metrics::all_names();
        let mut ts = Vec::new();
        let mut tg = Vec::new();
        let mut runs = Vec::new();
        let table = run_table(&scn, &reps);
        for (ri, rep) in reps.iter().enumerate() {
            let r = rep.replicate.to_string();
            for (si, site) in scn.sites.iter().enumerate() {
                for mo in tl.warm_up_months as usize..tl.n_months() {
                    let vals = metrics::all_values(
                        &rep.sites[si].months[mo],
                        tl.days_in_period[mo] as f64,
                    );
                    for (n, v) in names.iter().zip(vals) {
                        let p = tl.periods[mo].to_string();
                        ts.push(vec![
                            "t".into(),
                            r.clone(),
                            site.name.clone(),
                            p,
                            n.to_string(),
                            num(v),
                        ]);
                    }
                }
            }
            for (g, sites) in groups(&scn).iter().filter(|(_, s)| s.len() > 1) {
                for mo in tl.warm_up_months as usize..tl.n_months() {
                    let tot = totals(rep, sites, mo..mo + 1);
                    let vals = metrics::all_values(&tot, tl.days_in_period[mo] as f64);
                    for (n, v) in names.iter().zip(vals) {
                        let p = tl.periods[mo].to_string();
                        tg.push(vec![
                            "t".into(),
                            r.clone(),
                            g.clone(),
                            p,
                            n.to_string(),
                            num(v),
                        ]);
                    }
                }
            }
            for (g, vals) in &table {
                for (n, v) in run_metric_names().iter().zip(&vals[ri]) {
                    runs.push(vec![
                        "t".into(),
                        r.clone(),
                        g.clone(),
                        n.to_string(),
                        num(*v),
                    ]);
                }
            }
        }
        assert_eq!(
            timeseries_csv(&scn, &reps),
            by_csv_crate(&TIMESERIES_HEADER, &ts)
        );
        assert_eq!(
            timeseries_groups_csv(&scn, &reps),
            by_csv_crate(&TIMESERIES_GROUPS_HEADER, &tg)
        );
        assert_eq!(
            runs_csv(&scn, &reps, &table),
            by_csv_crate(&RUNS_HEADER, &runs)
        );
        let mut summary = Vec::new();
        for (g, vals) in &table {
            for (k, n) in run_metric_names().iter().enumerate() {
                let su = summarise_finite(vals.iter().map(|v| v[k]).collect());
                summary.push(vec![
                    "t".into(),
                    g.clone(),
                    n.to_string(),
                    su.n.to_string(),
                    num(su.mean),
                    num(su.sd),
                    num(su.ci_lower),
                    num(su.ci_upper),
                    num(su.p10),
                    num(su.p50),
                    num(su.p90),
                ]);
            }
        }
        assert_eq!(
            summary_csv(&scn, &table),
            by_csv_crate(&SUMMARY_HEADER, &summary)
        );
    }
}
