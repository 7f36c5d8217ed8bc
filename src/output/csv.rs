//! The CSV writer of a run's results: `timeseries.csv`,
//! `timeseries_groups.csv`, `runs.csv` and `summary.csv`, built with the
//! `csv` crate's writer from the tables of [`crate::output::tables`];
//! numbers are written by [`num`].

use crate::error::Result;
use crate::experiment::executor::{self, Replicate};
use crate::model::metrics;
use crate::output::dir::OutputDir;
use crate::output::number::{num, push_num};
use crate::output::tables::{groups, run_metric_names, run_table, totals};
use crate::scenario::Scenario;
use crate::stats;

/// A CSV table built in memory with the `csv` crate's writer (fields are
/// quoted only where needed, rows end in `\n`).
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

    fn finish(self) -> String {
        self.0
            .into_inner()
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default()
    }
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

/// Append a CSV field as the `csv` crate's writer writes it in a record of
/// several fields: quoted, inner quotes doubled, only if it holds a comma,
/// a quote or a line break.
fn push_field(s: &mut String, f: &str) {
    if f.contains([',', '"', '\n', '\r']) {
        s.push('"');
        s.push_str(&f.replace('"', "\"\""));
        s.push('"');
    } else {
        s.push_str(f);
    }
}

/// Append rows `prefix,name,value` for each metric name and value: the
/// rows of one site or group, period and replicate. `prefix` ends in a
/// comma.
fn push_metric_rows(s: &mut String, prefix: &str, names: &[&str], vals: &[f64]) {
    for (n, v) in names.iter().zip(vals) {
        s.push_str(prefix);
        push_field(s, n);
        s.push(',');
        push_num(s, *v);
        s.push('\n');
    }
}

/// The fields before the metric of a row, each followed by a comma.
fn row_prefix(prefix: &mut String, fields: &[&str]) {
    prefix.clear();
    for f in fields {
        push_field(prefix, f);
        prefix.push(',');
    }
}

/// `timeseries.csv`: one row per replicate x site x reported month x metric.
pub fn timeseries_csv(scn: &Scenario, reps: &[Replicate]) -> String {
    let mut s = Table::new(&TIMESERIES_HEADER).finish();
    timeseries_rows(&mut s, scn, reps);
    s
}

/// The rows of [`timeseries_csv`] (without its header), appended to `s`.
pub fn timeseries_rows(s: &mut String, scn: &Scenario, reps: &[Replicate]) {
    let tl = executor::timeline(scn);
    let names = metrics::all_names();
    let mut prefix = String::new();
    for rep in reps {
        let r = rep.replicate.to_string();
        for (si, site) in scn.sites.iter().enumerate() {
            for mo in tl.warm_up_months as usize..tl.n_months() {
                let vals =
                    metrics::all_values(&rep.sites[si].months[mo], tl.days_in_period[mo] as f64);
                let period = tl.periods[mo].to_string();
                row_prefix(
                    &mut prefix,
                    &[scn.scenario.name.as_str(), &r, &site.name, &period],
                );
                push_metric_rows(s, &prefix, &names, &vals);
            }
        }
    }
}

/// `timeseries_groups.csv`: the same by reporting group (sums over sites).
pub fn timeseries_groups_csv(scn: &Scenario, reps: &[Replicate]) -> String {
    let mut s = Table::new(&TIMESERIES_GROUPS_HEADER).finish();
    timeseries_groups_rows(&mut s, scn, reps);
    s
}

/// The rows of [`timeseries_groups_csv`] (without its header), appended to
/// `s`.
pub fn timeseries_groups_rows(s: &mut String, scn: &Scenario, reps: &[Replicate]) {
    let tl = executor::timeline(scn);
    let names = metrics::all_names();
    let gs = groups(scn);
    let mut prefix = String::new();
    for rep in reps {
        let r = rep.replicate.to_string();
        for (g, sites) in gs
            .iter()
            .filter(|(_, sites)| sites.len() > 1 || scn.sites.len() == 1)
        {
            for mo in tl.warm_up_months as usize..tl.n_months() {
                let tot = totals(rep, sites, mo..mo + 1);
                let vals = metrics::all_values(&tot, tl.days_in_period[mo] as f64);
                let period = tl.periods[mo].to_string();
                row_prefix(&mut prefix, &[scn.scenario.name.as_str(), &r, g, &period]);
                push_metric_rows(s, &prefix, &names, &vals);
            }
        }
    }
}

/// `runs.csv`: run-level rows (reported period totals and rates).
pub fn runs_csv(scn: &Scenario, reps: &[Replicate], table: &[(String, Vec<Vec<f64>>)]) -> String {
    let mut s = Table::new(&RUNS_HEADER).finish();
    runs_rows(&mut s, scn, reps, table);
    s
}

/// The rows of [`runs_csv`] (without its header), appended to `s`.
pub fn runs_rows(
    s: &mut String,
    scn: &Scenario,
    reps: &[Replicate],
    table: &[(String, Vec<Vec<f64>>)],
) {
    let names = run_metric_names();
    let mut prefix = String::new();
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
    summary_csv_from(scn, &groups, &summaries)
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
    let names = run_metric_names();
    let mut t = Table::new(&[
        "scenario", "group", "metric", "n", "mean", "sd", "ci_lower", "ci_upper", "p10", "p50",
        "p90",
    ]);
    let mut it = summaries.iter();
    for g in groups {
        for n in &names {
            let Some(su) = it.next() else {
                return t.finish();
            };
            t.row([
                scn.scenario.name.as_str(),
                g,
                n,
                &su.n.to_string(),
                &num(su.mean),
                &num(su.sd),
                &num(su.ci_lower),
                &num(su.ci_upper),
                &num(su.p10),
                &num(su.p50),
                &num(su.p90),
            ]);
        }
    }
    t.finish()
}

/// Write the standard result tables of a run (`timeseries.csv`,
/// `timeseries_groups.csv`, `runs.csv`, `summary.csv`) into `od`; returns
/// the bytes written. The manifest is left to the caller.
pub fn write_tables(od: &OutputDir, scn: &Scenario, results: &[Replicate]) -> Result<u64> {
    // One table at a time, so only one is held in memory.
    let mut bytes = 0u64;
    let mut put = |name: &str, content: String| -> Result<()> {
        od.write(name, content.as_bytes())?;
        bytes += content.len() as u64;
        Ok(())
    };
    put("timeseries.csv", timeseries_csv(scn, results))?;
    put("timeseries_groups.csv", timeseries_groups_csv(scn, results))?;
    let table = run_table(scn, results);
    put("runs.csv", runs_csv(scn, results, &table))?;
    put("summary.csv", summary_csv(scn, &table))?;
    put("units.csv", crate::analysis::dictionary::units_csv())?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table written record by record by the `csv` crate: what the rows
    /// above are written as.
    fn by_csv_crate(header: &[&str], rows: &[Vec<String>]) -> String {
        let mut t = Table::new(header);
        for r in rows {
            t.row(r);
        }
        t.finish()
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
            let mut s = String::new();
            push_field(&mut s, f);
            s.push_str(",x\n");
            let want = by_csv_crate(&["a", "b"], &[vec![f.to_string(), "x".into()]]);
            assert_eq!(format!("a,b\n{s}"), want, "{f:?}");
        }
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
    }
}
