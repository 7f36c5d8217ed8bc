//! Results on disk: `timeseries.csv`, `runs.csv`, `summary.csv` and
//! `manifest.json`, written into a hidden partial folder that is renamed
//! into place only when every file is complete. A crash or interruption
//! leaves no folder that looks complete.

pub mod aggregate;
pub mod read;

use crate::error::{Error, Result};
use crate::experiment::executor::Replicate;
use crate::model::metrics::{self, Month, N_BASE};
use crate::scenario::Scenario;
use crate::stats;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A results folder being written.
pub struct OutputDir {
    final_dir: PathBuf,
    partial: PathBuf,
    force: bool,
    committed: bool,
}

impl OutputDir {
    /// Check that `dir` can be written (and does not exist unless `force`),
    /// and create the hidden partial folder beside it.
    pub fn prepare(dir: &Path, force: bool) -> Result<OutputDir> {
        if dir.exists() && !force {
            return Err(Error::io(
                dir,
                "results already exist here",
                "pass --force to replace them, or --out DIR to write elsewhere",
            ));
        }
        let parent = dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| {
            Error::io(
                parent,
                e,
                "choose an output folder you can write to with --out DIR",
            )
        })?;
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "results".into());
        // Clear partial folders an interrupted run of the same target left.
        if let Ok(rd) = std::fs::read_dir(parent) {
            for e in rd.flatten() {
                let n = e.file_name().to_string_lossy().to_string();
                if n.starts_with(&format!(".{name}.partial-")) {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        let partial = parent.join(format!(".{name}.partial-{}", std::process::id()));
        std::fs::create_dir_all(&partial).map_err(|e| {
            Error::io(
                &partial,
                e,
                "choose an output folder you can write to with --out DIR",
            )
        })?;
        Ok(OutputDir {
            final_dir: dir.to_path_buf(),
            partial,
            force,
            committed: false,
        })
    }

    /// Path of a file inside the partial folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.partial.join(name)
    }

    /// Write a whole file.
    pub fn write(&self, name: &str, content: &[u8]) -> Result<()> {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io(parent, e, "check free disk space and permissions"))?;
        }
        std::fs::write(&p, content)
            .map_err(|e| Error::io(&p, e, "check free disk space and permissions"))
    }

    /// Move the finished folder into place.
    pub fn commit(mut self) -> Result<PathBuf> {
        move_into_place(&self.partial, &self.final_dir, self.force)?;
        self.committed = true;
        Ok(self.final_dir.clone())
    }
}

/// Rename a finished folder to its final name, replacing an existing one only
/// with `force`: the one step that makes results visible.
pub fn move_into_place(from: &Path, to: &Path, force: bool) -> Result<()> {
    if to.exists() {
        if !force {
            return Err(Error::io(
                to,
                "results appeared here during the run",
                "pass --force to replace them",
            ));
        }
        std::fs::remove_dir_all(to).map_err(|e| Error::io(to, e, "remove the folder by hand"))?;
    }
    std::fs::rename(from, to)
        .map_err(|e| Error::io(to, e, "check permissions of the output folder"))
}

impl Drop for OutputDir {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.partial);
        }
    }
}

/// A number as written in every CSV: shortest round-trip form, `NA` for
/// missing.
pub fn num(v: f64) -> String {
    if v.is_finite() {
        format!("{v}")
    } else {
        "NA".to_string()
    }
}

/// Reporting groups: every site, every distinct group label, and `all`.
pub fn groups(scn: &Scenario) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> = scn
        .sites
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.clone(), vec![i]))
        .collect();
    let mut labels: Vec<String> = scn.sites.iter().map(|s| s.group.clone()).collect();
    labels.sort();
    labels.dedup();
    for l in labels {
        if scn.sites.iter().any(|s| s.name == l) || l == "all" {
            continue;
        }
        out.push((
            l.clone(),
            scn.sites
                .iter()
                .enumerate()
                .filter(|(_, s)| s.group == l)
                .map(|(i, _)| i)
                .collect(),
        ));
    }
    out.push(("all".to_string(), (0..scn.sites.len()).collect()));
    out
}

/// Sum of accumulators over `months` and `sites` of one replicate.
pub fn totals(rep: &Replicate, sites: &[usize], months: std::ops::Range<usize>) -> Month {
    let mut m = [0.0; N_BASE];
    for &s in sites {
        for mo in months.clone() {
            metrics::add_into(&mut m, &rep.sites[s].months[mo]);
        }
    }
    m
}

/// Names of the run-level metrics: every metric plus `top5_cost_share`.
pub fn run_metric_names() -> Vec<&'static str> {
    let mut v = metrics::all_names();
    v.push("top5_cost_share");
    v
}

/// Run-level values of a group in one replicate over the reported months.
pub fn run_values(
    scn: &Scenario,
    rep: &Replicate,
    sites: &[usize],
    reported: std::ops::Range<usize>,
    days: f64,
) -> Vec<f64> {
    let t = totals(rep, sites, reported);
    let mut v = metrics::all_values(&t, days);
    // The top-5% share is a site statistic; a group gets the
    // population-weighted mean of its sites.
    let (mut w, mut s) = (0.0, 0.0);
    for &i in sites {
        let x = rep.sites[i].top5_cost_share;
        if x.is_finite() {
            let p = scn.sites[i].population as f64;
            w += p;
            s += p * x;
        }
    }
    v.push(if w > 0.0 { s / w } else { f64::NAN });
    v
}

/// `timeseries.csv`: one row per replicate x site x reported month x metric.
pub fn timeseries_csv(scn: &Scenario, reps: &[Replicate]) -> String {
    let tl = crate::experiment::executor::timeline(scn);
    let names = metrics::all_names();
    let mut s = String::from("scenario,replicate,site,period,metric,value\n");
    for rep in reps {
        for (si, site) in scn.sites.iter().enumerate() {
            for mo in tl.warm_up_months as usize..tl.n_months() {
                let vals =
                    metrics::all_values(&rep.sites[si].months[mo], tl.days_in_period[mo] as f64);
                let period = tl.periods[mo];
                for (n, v) in names.iter().zip(vals) {
                    let _ = writeln!(
                        s,
                        "{},{},{},{},{},{}",
                        scn.scenario.name,
                        rep.replicate,
                        site.name,
                        period,
                        n,
                        num(v)
                    );
                }
            }
        }
    }
    s
}

/// `timeseries_groups.csv`: the same by reporting group (sums over sites).
pub fn timeseries_groups_csv(scn: &Scenario, reps: &[Replicate]) -> String {
    let tl = crate::experiment::executor::timeline(scn);
    let names = metrics::all_names();
    let mut s = String::from("scenario,replicate,group,period,metric,value\n");
    let gs = groups(scn);
    for rep in reps {
        for (g, sites) in gs
            .iter()
            .filter(|(_, sites)| sites.len() > 1 || scn.sites.len() == 1)
        {
            for mo in tl.warm_up_months as usize..tl.n_months() {
                let t = totals(rep, sites, mo..mo + 1);
                let vals = metrics::all_values(&t, tl.days_in_period[mo] as f64);
                for (n, v) in names.iter().zip(vals) {
                    let _ = writeln!(
                        s,
                        "{},{},{},{},{},{}",
                        scn.scenario.name,
                        rep.replicate,
                        g,
                        tl.periods[mo],
                        n,
                        num(v)
                    );
                }
            }
        }
    }
    s
}

/// Run-level values per replicate and group: `values[group][replicate][metric]`.
pub fn run_table(scn: &Scenario, reps: &[Replicate]) -> Vec<(String, Vec<Vec<f64>>)> {
    let tl = crate::experiment::executor::timeline(scn);
    let reported = tl.warm_up_months as usize..tl.n_months();
    let days: f64 = tl.days_in_period[reported.clone()]
        .iter()
        .map(|&d| d as f64)
        .sum();
    groups(scn)
        .into_iter()
        .map(|(g, sites)| {
            let vals = reps
                .iter()
                .map(|r| run_values(scn, r, &sites, reported.clone(), days))
                .collect();
            (g, vals)
        })
        .collect()
}

/// `runs.csv`: run-level rows (reported period totals and rates).
pub fn runs_csv(scn: &Scenario, reps: &[Replicate], table: &[(String, Vec<Vec<f64>>)]) -> String {
    let names = run_metric_names();
    let mut s = String::from("scenario,replicate,group,metric,value\n");
    for (ri, rep) in reps.iter().enumerate() {
        for (g, vals) in table {
            for (n, v) in names.iter().zip(&vals[ri]) {
                let _ = writeln!(
                    s,
                    "{},{},{},{},{}",
                    scn.scenario.name,
                    rep.replicate,
                    g,
                    n,
                    num(*v)
                );
            }
        }
    }
    s
}

/// `summary.csv`: over replicates, per group and metric.
pub fn summary_csv(scn: &Scenario, table: &[(String, Vec<Vec<f64>>)]) -> String {
    let names = run_metric_names();
    let mut s = String::from("scenario,group,metric,n,mean,sd,ci_lower,ci_upper,p10,p50,p90\n");
    for (g, vals) in table {
        for (k, n) in names.iter().enumerate() {
            let xs: Vec<f64> = vals
                .iter()
                .map(|v| v[k])
                .filter(|x| x.is_finite())
                .collect();
            let su = stats::summarise(&xs);
            let _ = writeln!(
                s,
                "{},{},{},{},{},{},{},{},{},{},{}",
                scn.scenario.name,
                g,
                n,
                su.n,
                num(su.mean),
                num(su.sd),
                num(su.ci_lower),
                num(su.ci_upper),
                num(su.p10),
                num(su.p50),
                num(su.p90)
            );
        }
    }
    s
}

/// Facts about the machine and build for manifests.
pub fn machine() -> serde_json::Value {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    serde_json::json!({
        "os": std::env::consts::OS,
        "arch": std::env::consts::ARCH,
        "cpu": cpu,
        "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
    })
}

/// The git commit carescale was built from.
pub fn git_commit() -> &'static str {
    option_env!("CARESCALE_GIT_COMMIT").unwrap_or("unknown")
}

/// `manifest.json` for a run.
pub fn manifest(
    scn: &Scenario,
    replicates: u32,
    threads: usize,
    wall_seconds: f64,
    command: &[String],
    extra: serde_json::Value,
) -> String {
    let v = serde_json::json!({
        "tool": "carescale",
        "version": env!("CARGO_PKG_VERSION"),
        "git_commit": git_commit(),
        "command": command,
        "scenario": scn.scenario.name,
        "scenario_origin": scn.origin,
        "scenario_sha256": scn.hash,
        "rng": crate::model::rng::RNG_NAME,
        "root_seed": scn.run.seed,
        "crn_key": scn.run.crn_key,
        "replicates": replicates,
        "start_date": scn.run.start_date,
        "warm_up_months": scn.run.warm_up_months,
        "horizon_months": scn.run.horizon_months,
        "threads": threads,
        "machine": machine(),
        "wall_seconds": wall_seconds,
        "currency": scn.costs.currency,
        "price_year": scn.costs.price_year,
        "run": extra,
        "parameters": serde_json::to_value(&scn.file).unwrap_or(serde_json::Value::Null),
    });
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
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
    Ok(bytes)
}
