//! `carescale merge`: check the parts of a sharded sweep (same plan, every
//! run exactly once) → write the results of the whole sweep.

use crate::cli::common::{command_line, format_extra, FormatArg};
use crate::cli::progress::Progress;
use crate::cli::sweep::plot_sweep;
use carescale::error::{Error, InputError, Result};
use carescale::experiment::shard::Shard;
use carescale::experiment::store::{RunCheck, RunStore};
use carescale::experiment::sweep::Plan;
use carescale::output::aggregate;
use carescale::output::OutputDir;
use clap::Args;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Args)]
pub struct MergeArgs {
    /// Part folders written by `carescale sweep --shard K/N`.
    #[arg(required = true)]
    parts: Vec<PathBuf>,
    /// Output folder (default results/<sweep name>/).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replace existing results.
    #[arg(long)]
    force: bool,
    /// No progress output.
    #[arg(long, short)]
    quiet: bool,
    /// Formats of the long tables: csv; both (a Parquet file beside each); parquet (monthly series as Parquet only, run-level tables in both).
    #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
    format: FormatArg,
}

/// A part folder: its plan, shard and run files.
struct Part {
    dir: PathBuf,
    plan: Plan,
    shard: Option<Shard>,
    /// The run files `part.json` lists, with their checksums.
    run_files: Option<BTreeMap<String, String>>,
}

fn read_part(dir: &Path) -> Result<Part> {
    let plan_path = dir.join("plan.json");
    let text = carescale::files::read_text(
        &plan_path,
        carescale::files::MAX_INPUT_BYTES,
        "plan.json",
    )
    .map_err(|_| {
        let hint = if dir.exists() {
            "give folders written by `carescale sweep --shard K/N`"
        } else {
            "check the path; an unfinished shard leaves no part folder: run it again to finish it"
        };
        Error::io(dir, "not a sweep part (no plan.json)", hint)
    })?;
    let plan = Plan::from_json(&text, &plan_path)?;
    let part_path = dir.join("part.json");
    let part = if part_path.exists() {
        let t = carescale::files::read_text(
            &part_path,
            carescale::files::MAX_RESULT_BYTES,
            "part.json",
        )?;
        Some(serde_json::from_str::<serde_json::Value>(&t).map_err(|e| {
            Error::io(
                &part_path,
                format!("not valid JSON: {e}"),
                "run that shard again",
            )
        })?)
    } else {
        None
    };
    let shard = part
        .as_ref()
        .and_then(|v| v["shard"].as_str().and_then(|s| Shard::parse(s).ok()));
    let run_files = match &part {
        None => None,
        Some(v) => {
            let Some(m) = v["run_files"].as_object() else {
                return Err(Error::io(
                    &part_path,
                    "this part lists no run files with checksums (written by an older carescale)",
                    "run that shard again with this version of carescale",
                ));
            };
            Some(
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
                    .collect(),
            )
        }
    };
    Ok(Part {
        dir: dir.to_path_buf(),
        plan,
        shard,
        run_files,
    })
}

/// `carescale merge`.
pub fn merge(a: MergeArgs) -> Result<i32> {
    crate::cli::common::check_out("--out", a.out.as_deref())?;
    let t0 = Instant::now();
    let parts: Vec<Part> = a
        .parts
        .iter()
        .map(|p| read_part(p))
        .collect::<Result<_>>()?;
    let plan = parts[0].plan.clone();
    let mut errs = Vec::new();
    let problem = |origin: &Path, message: String, hint: &str| InputError {
        origin: origin.display().to_string(),
        position: None,
        key: None,
        message,
        hint: Some(hint.to_string()),
    };
    for p in &parts[1..] {
        if p.plan.plan_sha256 != plan.plan_sha256 {
            errs.push(problem(
                &p.dir,
                format!(
                    "this part is from a different plan (plan sha256 {}..., but {} has {}...)",
                    &p.plan.plan_sha256[..12],
                    parts[0].dir.display(),
                    &plan.plan_sha256[..12]
                ),
                "merge only parts of the same sweep file, options and carescale version",
            ));
        }
    }
    if !errs.is_empty() {
        return Err(Error::Input(errs));
    }
    if plan.precision.is_some() {
        return Err(Error::input(
            parts[0].dir.display().to_string(),
            None,
            "a sweep with replications by precision is not made of parts",
            Some("run it on one machine"),
        ));
    }
    // Which part holds each run.
    let cell_index: BTreeMap<&str, usize> = plan
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut found: BTreeMap<(usize, u32), Vec<usize>> = BTreeMap::new();
    for (pi, p) in parts.iter().enumerate() {
        let store = RunStore::new(&p.dir);
        let mut listed = p.run_files.clone();
        let Ok(rd) = std::fs::read_dir(store.dir()) else {
            if let Some(l) = listed.filter(|l| !l.is_empty()) {
                errs.push(problem(
                    store.dir(),
                    format!("the {} run files part.json lists are missing", l.len()),
                    "run that shard again",
                ));
            }
            continue;
        };
        for e in rd.flatten() {
            let id = e.file_name().to_string_lossy().to_string();
            let Some(&ci) = cell_index.get(id.as_str()) else {
                errs.push(problem(
                    &e.path(),
                    "a run folder of a cell not in the plan".into(),
                    "remove it",
                ));
                continue;
            };
            let Ok(files) = std::fs::read_dir(e.path()) else {
                continue;
            };
            for f in files.flatten() {
                let name = f.file_name().to_string_lossy().to_string();
                let Some(r) = name
                    .strip_prefix('r')
                    .and_then(|s| s.strip_suffix(".csv"))
                    .and_then(|s| s.parse::<u32>().ok())
                else {
                    continue;
                };
                if r >= plan.replicates {
                    errs.push(problem(
                        &f.path(),
                        "not a run of this plan (replicate out of range)".into(),
                        "remove it, or run that shard again",
                    ));
                    continue;
                }
                let sum = match store.check(&plan.cells[ci], r, plan.timeseries) {
                    RunCheck::Ok(sum) => sum,
                    RunCheck::Bad(why) => {
                        errs.push(problem(&f.path(), why, "run that shard again"));
                        continue;
                    }
                    RunCheck::Missing => continue,
                };
                if let Some(l) = listed.as_mut() {
                    match l.remove(&format!("{id}/{name}")) {
                        None => {
                            errs.push(problem(
                                &f.path(),
                                "a run file this part's part.json does not list (a foreign file)"
                                    .into(),
                                "remove it, or run that shard again",
                            ));
                            continue;
                        }
                        Some(want) if want != sum => {
                            errs.push(problem(
                                &f.path(),
                                "this run file does not match the checksum in part.json: it was replaced".into(),
                                "run that shard again",
                            ));
                            continue;
                        }
                        Some(_) => {}
                    }
                }
                found.entry((ci, r)).or_default().push(pi);
            }
        }
        if let Some(l) = listed.filter(|l| !l.is_empty()) {
            let names: Vec<&str> = l.keys().take(5).map(|k| k.as_str()).collect();
            errs.push(problem(
                store.dir(),
                format!(
                    "{} run file(s) that part.json lists are missing: {}{}",
                    l.len(),
                    names.join(", "),
                    if l.len() > 5 { ", ..." } else { "" }
                ),
                "run that shard again",
            ));
        }
    }
    let dups: Vec<String> = found
        .iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|((c, r), v)| {
            format!(
                "{} r{} (in {})",
                plan.cells[*c].id,
                r,
                v.iter()
                    .map(|&i| parts[i].dir.display().to_string())
                    .collect::<Vec<_>>()
                    .join(" and ")
            )
        })
        .collect();
    if !dups.is_empty() {
        errs.push(problem(
            &parts[0].dir,
            format!("{} duplicated run(s): {}{}", dups.len(), dups.iter().take(10).cloned().collect::<Vec<_>>().join(", "), if dups.len() > 10 { ", ..." } else { "" }),
            "each run must come from exactly one part: was a part given twice, or parts of different shard counts mixed?",
        ));
    }
    let counts: Vec<u32> = parts
        .iter()
        .filter_map(|p| p.shard.map(|s| s.count))
        .collect();
    let same_n = counts.len() == parts.len() && counts.windows(2).all(|w| w[0] == w[1]);
    let mut missing = Vec::new();
    let mut missing_shards = std::collections::BTreeSet::new();
    for (i, (c, r)) in plan.runs().enumerate() {
        if !found.contains_key(&(c, r)) {
            missing.push(format!("{} r{}", plan.cells[c].id, r));
            if same_n {
                missing_shards.insert(Shard::owner(i as u64, counts[0]));
            }
        }
    }
    if !missing.is_empty() {
        let hint = if same_n {
            format!(
                "run the missing shard(s) {} of {} and merge again",
                missing_shards
                    .iter()
                    .map(|k| k.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                counts[0]
            )
        } else {
            "run the shards that hold them and merge again".to_string()
        };
        errs.push(problem(
            &parts[0].dir,
            format!(
                "{} of {} runs are missing: {}{}",
                missing.len(),
                plan.n_runs(),
                missing
                    .iter()
                    .take(10)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
                if missing.len() > 10 { ", ..." } else { "" }
            ),
            &hint,
        ));
    }
    if !errs.is_empty() {
        return Err(Error::Input(errs));
    }
    let out = a
        .out
        .unwrap_or_else(|| Path::new("results").join(&plan.sweep));
    let od = OutputDir::prepare(&out, "sweep", a.force)?;
    crate::cli::common::show_notes(&od.notes());
    let dest = od.path("");
    let reps = vec![plan.replicates; plan.cells.len()];
    let stores: Vec<RunStore> = parts.iter().map(|p| RunStore::new(&p.dir)).collect();
    let progress = Progress::new(plan.cells.len() as u64, "cells merged", a.quiet);
    aggregate::write_outputs(
        &plan,
        &reps,
        &|c, r| {
            let pi = found[&(c, r)][0];
            if r + 1 == reps[c] {
                progress.tick();
            }
            stores[pi].read(&plan.cells[c], r, plan.timeseries)
        },
        &dest,
    )?;
    progress.finish();
    if let Err(e) = plot_sweep(&od.path("")) {
        eprintln!("warning: plots not written: {e}");
    }
    let mut extra = serde_json::json!({
        "command": command_line(),
        "wall_seconds": t0.elapsed().as_secs_f64(),
        "shards_merged": parts.len(),
        "parts": parts.iter().map(|p| p.dir.display().to_string()).collect::<Vec<_>>(),
    });
    format_extra(&mut extra, a.format);
    od.write(
        "manifest.json",
        aggregate::manifest(&plan, &reps, extra).as_bytes(),
    )?;
    carescale::output::parquet::write_tables(&od.path(""), a.format.format())?;
    let dir = od.commit()?;
    if !a.quiet {
        eprintln!(
            "merged {} parts ({} runs) in {:.1}s -> {}",
            parts.len(),
            plan.n_runs(),
            t0.elapsed().as_secs_f64(),
            dir.display()
        );
    }
    Ok(0)
}
