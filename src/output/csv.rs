//! The CSV writer of a run's results: `timeseries.csv`,
//! `timeseries_groups.csv`, `runs.csv` and `summary.csv`, built with the
//! `csv` crate's writer from the tables of [`crate::output::tables`];
//! numbers are written by [`num`].

use crate::error::Result;
use crate::experiment::executor::{self, Replicate};
use crate::model::metrics;
use crate::output::dir::OutputDir;
use crate::output::number::num;
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

/// `timeseries.csv`: one row per replicate x site x reported month x metric.
pub fn timeseries_csv(scn: &Scenario, reps: &[Replicate]) -> String {
    let tl = executor::timeline(scn);
    let names = metrics::all_names();
    let mut t = Table::new(&["scenario", "replicate", "site", "period", "metric", "value"]);
    for rep in reps {
        let r = rep.replicate.to_string();
        for (si, site) in scn.sites.iter().enumerate() {
            for mo in tl.warm_up_months as usize..tl.n_months() {
                let vals =
                    metrics::all_values(&rep.sites[si].months[mo], tl.days_in_period[mo] as f64);
                let period = tl.periods[mo].to_string();
                for (n, v) in names.iter().zip(vals) {
                    t.row([
                        scn.scenario.name.as_str(),
                        &r,
                        &site.name,
                        &period,
                        n,
                        &num(v),
                    ]);
                }
            }
        }
    }
    t.finish()
}

/// `timeseries_groups.csv`: the same by reporting group (sums over sites).
pub fn timeseries_groups_csv(scn: &Scenario, reps: &[Replicate]) -> String {
    let tl = executor::timeline(scn);
    let names = metrics::all_names();
    let mut t = Table::new(&[
        "scenario",
        "replicate",
        "group",
        "period",
        "metric",
        "value",
    ]);
    let gs = groups(scn);
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
                for (n, v) in names.iter().zip(vals) {
                    t.row([scn.scenario.name.as_str(), &r, g, &period, n, &num(v)]);
                }
            }
        }
    }
    t.finish()
}

/// `runs.csv`: run-level rows (reported period totals and rates).
pub fn runs_csv(scn: &Scenario, reps: &[Replicate], table: &[(String, Vec<Vec<f64>>)]) -> String {
    let names = run_metric_names();
    let mut t = Table::new(&["scenario", "replicate", "group", "metric", "value"]);
    for (ri, rep) in reps.iter().enumerate() {
        let r = rep.replicate.to_string();
        for (g, vals) in table {
            for (n, v) in names.iter().zip(&vals[ri]) {
                t.row([scn.scenario.name.as_str(), &r, g, n, &num(*v)]);
            }
        }
    }
    t.finish()
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
