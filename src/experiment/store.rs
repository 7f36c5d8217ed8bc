//! Completed runs on disk. Each run (cell, replicate) is one small file,
//! `runs/<cell>/r<replicate>.csv`, written to a temporary name and renamed
//! into place, and ending with an `#end` line: a file that is there and
//! ends so is complete, whatever happened to the process. This is what
//! makes a sweep resumable after Ctrl-C or `kill -9` and keeps memory flat:
//! results go to disk as they finish, and the aggregate files are built by
//! reading the run files back in plan order.
//!
//! A run file holds the rows a run contributes to `timeseries.csv`,
//! `timeseries_groups.csv` and `runs.csv` (without the cell column), under
//! a header naming the scenario hash and replicate it belongs to; a file
//! whose header does not match the plan is not reused.
//!
//! The work folder of a sweep is hidden (`.<name>.sweep-work`) beside the
//! results folder and is renamed into place only when complete.

use crate::error::{Error, Result};
use crate::experiment::executor::{Replicate, Sink};
use crate::experiment::sweep::{Cell, Plan, FORMAT};
use crate::output;
use crate::scenario::Scenario;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

const END: &str = "#end\n";

/// Sections of a run file.
pub const SECTIONS: [&str; 3] = ["[timeseries]", "[timeseries_groups]", "[runs]"];

/// A folder of run files.
#[derive(Clone, Debug)]
pub struct RunStore {
    dir: PathBuf,
}

fn header(cell: &Cell, replicate: u32, timeseries: bool) -> String {
    format!(
        "#carescale-run format={FORMAT} version={} cell={} replicate={replicate} timeseries={} scenario_sha256={}\n",
        env!("CARGO_PKG_VERSION"),
        cell.id,
        u8::from(timeseries),
        cell.scenario_sha256
    )
}

fn io_hint() -> &'static str {
    "check free disk space and permissions of the output folder"
}

impl RunStore {
    /// Run files under `dir/runs/`.
    pub fn new(dir: &Path) -> RunStore {
        RunStore {
            dir: dir.join("runs"),
        }
    }

    /// Path of a run's file.
    pub fn path(&self, cell_id: &str, replicate: u32) -> PathBuf {
        self.dir.join(cell_id).join(format!("r{replicate:06}.csv"))
    }

    /// The folder holding the run files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Write one finished run, atomically.
    pub fn write(
        &self,
        cell: &Cell,
        scn: &Scenario,
        rep: &Replicate,
        timeseries: bool,
    ) -> Result<()> {
        let reps = std::slice::from_ref(rep);
        let mut s = header(cell, rep.replicate, timeseries);
        let body = |csv: String| {
            // Drop the header line `carescale run` writes.
            csv.split_once('\n')
                .map(|(_, b)| b.to_string())
                .unwrap_or_default()
        };
        if timeseries {
            s.push_str("[timeseries]\n");
            s.push_str(&body(output::csv::timeseries_csv(scn, reps)));
            s.push_str("[timeseries_groups]\n");
            s.push_str(&body(output::csv::timeseries_groups_csv(scn, reps)));
        }
        s.push_str("[runs]\n");
        let table = output::tables::run_table(scn, reps);
        s.push_str(&body(output::csv::runs_csv(scn, reps, &table)));
        s.push_str(END);
        let path = self.path(&cell.id, rep.replicate);
        let dir = path.parent().unwrap_or(&self.dir);
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e, io_hint()))?;
        let tmp = dir.join(format!(".r{:06}.tmp-{}", rep.replicate, std::process::id()));
        let mut f = std::fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e, io_hint()))?;
        f.write_all(s.as_bytes())
            .map_err(|e| Error::io(&tmp, e, io_hint()))?;
        drop(f);
        std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e, io_hint()))
    }

    /// Is the run's file there, complete, and from this cell's scenario?
    pub fn is_complete(&self, cell: &Cell, replicate: u32, timeseries: bool) -> bool {
        let Ok(mut f) = std::fs::File::open(self.path(&cell.id, replicate)) else {
            return false;
        };
        let want = header(cell, replicate, timeseries);
        let mut head = vec![0u8; want.len()];
        if f.read_exact(&mut head).is_err() || head != want.as_bytes() {
            return false;
        }
        let mut tail = [0u8; END.len()];
        f.seek(SeekFrom::End(-(END.len() as i64))).is_ok()
            && f.read_exact(&mut tail).is_ok()
            && tail == END.as_bytes()
    }

    /// Read a complete run file, checking it belongs to `cell`, replicate.
    pub fn read(&self, cell: &Cell, replicate: u32, timeseries: bool) -> Result<RunText> {
        read_run(&self.path(&cell.id, replicate), cell, replicate, timeseries)
    }

    /// Remove temporary files an interrupted process left, and the run
    /// folders of cells that are not in `plan`.
    pub fn tidy(&self, plan: &Plan) -> Result<()> {
        let Ok(rd) = std::fs::read_dir(&self.dir) else {
            return Ok(());
        };
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if !plan.cells.iter().any(|c| c.id == name) {
                let _ = std::fs::remove_dir_all(e.path());
                continue;
            }
            if let Ok(files) = std::fs::read_dir(e.path()) {
                for f in files.flatten() {
                    if f.file_name().to_string_lossy().contains(".tmp-") {
                        let _ = std::fs::remove_file(f.path());
                    }
                }
            }
        }
        Ok(())
    }
}

/// The sink of a sweep: each finished run goes to its file in the store at
/// once and is dropped, then `tick` is called.
pub struct StoreSink<'a> {
    /// The plan the runs belong to.
    pub plan: &'a Plan,
    /// Where they go.
    pub store: &'a RunStore,
    /// Called after each run is on disk.
    pub tick: &'a (dyn Fn() + Sync),
}

impl Sink for StoreSink<'_> {
    fn accept(&self, cell: usize, scn: &Scenario, rep: Replicate) -> Result<()> {
        self.store
            .write(&self.plan.cells[cell], scn, &rep, self.plan.timeseries)?;
        (self.tick)();
        Ok(())
    }
}

/// A run file's contents, by section.
#[derive(Debug)]
pub struct RunText {
    text: String,
}

impl RunText {
    /// The lines of a section (`[timeseries]`, `[timeseries_groups]`,
    /// `[runs]`), each ending in a newline.
    pub fn section(&self, name: &str) -> &str {
        let start = match self.text.find(&format!("\n{name}\n")) {
            Some(i) => i + name.len() + 2,
            None => return "",
        };
        let rest = &self.text[start..];
        let end = rest
            .find("\n[")
            .map(|i| i + 1)
            .or_else(|| rest.find(END))
            .unwrap_or(rest.len());
        &rest[..end.min(rest.len())]
    }
}

/// Read and check a run file at `path`.
pub fn read_run(path: &Path, cell: &Cell, replicate: u32, timeseries: bool) -> Result<RunText> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::io(
            path,
            e,
            "the run is missing: run the sweep (or the shard) again to redo it",
        )
    })?;
    if !text.starts_with(&header(cell, replicate, timeseries)) || !text.ends_with(END) {
        return Err(Error::io(
            path,
            "this run file is incomplete or belongs to another plan",
            "delete it and run the sweep (or the shard) again to redo it",
        ));
    }
    Ok(RunText { text })
}

/// One value of `runs.csv` rows (`scenario,replicate,group,metric,value`).
pub fn run_value(runs_section: &str, group: &str, metric: &str) -> Option<f64> {
    runs_section.lines().find_map(|l| {
        let mut f = l.split(',');
        let (_, _, g, m, v) = (f.next()?, f.next()?, f.next()?, f.next()?, f.next()?);
        (g == group && m == metric).then(|| v.parse().unwrap_or(f64::NAN))
    })
}

/// A sweep's hidden work folder, renamed into place when complete.
pub struct WorkDir {
    /// Where the results go.
    pub final_dir: PathBuf,
    /// The hidden folder being filled.
    pub work: PathBuf,
    force: bool,
}

impl WorkDir {
    /// Open (or resume) the work folder for `final_dir`. Refuses if results
    /// are already there, unless `force`. Returns the folder and whether an
    /// unfinished sweep of another plan was found there.
    pub fn open(final_dir: &Path, force: bool, plan: &Plan) -> Result<(WorkDir, bool)> {
        if final_dir.exists() && !force {
            return Err(Error::io(
                final_dir,
                "results already exist here",
                "pass --force to replace them, or --out DIR to write elsewhere",
            ));
        }
        let parent = final_dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = final_dir
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "results".into());
        let work = parent.join(format!(".{name}.sweep-work"));
        std::fs::create_dir_all(work.join("runs")).map_err(|e| {
            Error::io(
                &work,
                e,
                "choose an output folder you can write to with --out DIR",
            )
        })?;
        lock(&work)?;
        let plan_path = work.join("plan.json");
        let other = match std::fs::read_to_string(&plan_path) {
            Ok(t) => !t.contains(&plan.plan_sha256),
            Err(_) => false,
        };
        write_atomic(&plan_path, plan.to_json().as_bytes())?;
        RunStore::new(&work).tidy(plan)?;
        Ok((
            WorkDir {
                final_dir: final_dir.to_path_buf(),
                work,
                force,
            },
            other,
        ))
    }

    /// Move the finished folder into place.
    pub fn commit(self) -> Result<PathBuf> {
        let _ = std::fs::remove_file(self.work.join("lock"));
        crate::output::dir::move_into_place(&self.work, &self.final_dir, self.force)?;
        Ok(self.final_dir.clone())
    }
}

impl Drop for WorkDir {
    /// An unfinished folder stays for a resume; only the lock goes.
    fn drop(&mut self) {
        let _ = std::fs::remove_file(self.work.join("lock"));
    }
}

/// Take the work folder's lock, unless a live process holds it.
fn lock(work: &Path) -> Result<()> {
    let path = work.join("lock");
    if let Ok(pid) = std::fs::read_to_string(&path) {
        let pid = pid.trim();
        let alive = Path::new("/proc").join(pid).exists();
        if alive && pid != std::process::id().to_string() {
            return Err(Error::io(
                work,
                format!("another carescale process (pid {pid}) is writing this sweep"),
                "wait for it to finish, or stop it; each shard needs its own --out folder",
            ));
        }
    }
    write_atomic(&path, std::process::id().to_string().as_bytes())
}

/// Write a file by temporary name and rename.
pub fn write_atomic(path: &Path, content: &[u8]) -> Result<()> {
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    std::fs::write(&tmp, content).map_err(|e| Error::io(&tmp, e, io_hint()))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e, io_hint()))
}
