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
//! Every run file ends with `#end sha256=<hex>`, the SHA-256 of everything
//! before that line: an edited, truncated or damaged file fails the check,
//! is redone on resume and refused by `merge`, naming it. A file this
//! process wrote itself is checked against a 64-bit hash of the bytes it
//! wrote, kept in memory, instead of hashing it again with SHA-256 (a fifth
//! of a small run's cost): the same bytes are the same verdict; any other
//! bytes get the full check.
//!
//! The work folder of a sweep is hidden (`.<name>.sweep-work`) beside the
//! results folder and is renamed into place only when complete. It is
//! guarded by the same lock as every output (`.<name>.lock` beside the
//! target, see [`crate::output::dir::Lock`]).

use crate::error::{Error, Result};
use crate::experiment::executor::{Replicate, Sink};
use crate::experiment::sweep::{Cell, Plan, FORMAT};
use crate::output;
use crate::output::dir::{self, Lock};
use crate::scenario::Scenario;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Start of a run file's last line, followed by the SHA-256 of what comes
/// before it.
const END: &str = "#end sha256=";

/// Version of the run-file layout (2: `#end` line with a checksum). A file
/// of another version is not reused.
pub const RUN_FILE_FORMAT: u32 = 2;

/// Sections of a run file.
pub const SECTIONS: [&str; 3] = ["[timeseries]", "[timeseries_groups]", "[runs]"];

/// A folder of run files.
#[derive(Clone, Debug)]
pub struct RunStore {
    dir: PathBuf,
    /// The run files this process wrote (shared by clones): a hash of
    /// each one's bytes, by path.
    written: Arc<Mutex<BTreeMap<PathBuf, u64>>>,
}

fn header(cell: &Cell, replicate: u32, timeseries: bool) -> String {
    header_of(&cell.id, &cell.scenario_sha256, replicate, timeseries)
}

fn header_of(id: &str, scenario_sha256: &str, replicate: u32, timeseries: bool) -> String {
    format!(
        "#carescale-run format={FORMAT} run_file={RUN_FILE_FORMAT} version={} cell={id} replicate={replicate} timeseries={} scenario_sha256={scenario_sha256}\n",
        env!("CARGO_PKG_VERSION"),
        u8::from(timeseries),
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
            written: Arc::default(),
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
        self.write_as(&cell.id, &cell.scenario_sha256, scn, rep, timeseries)
    }

    /// Write one finished run of the cell `id` whose scenario hash is
    /// `scenario_sha256`, atomically (`carescale run` uses `id` = `run`).
    pub fn write_as(
        &self,
        id: &str,
        scenario_sha256: &str,
        scn: &Scenario,
        rep: &Replicate,
        timeseries: bool,
    ) -> Result<()> {
        let reps = std::slice::from_ref(rep);
        let mut s = header_of(id, scenario_sha256, rep.replicate, timeseries).into_bytes();
        if timeseries {
            s.extend_from_slice(b"[timeseries]\n");
            output::csv::timeseries_rows(&mut s, scn, reps);
            s.extend_from_slice(b"[timeseries_groups]\n");
            output::csv::timeseries_groups_rows(&mut s, scn, reps);
        }
        s.extend_from_slice(b"[runs]\n");
        let table = output::tables::run_table(scn, reps);
        output::csv::runs_rows(&mut s, scn, reps, &table);
        let sum = sha256_hex(&s);
        s.extend_from_slice(END.as_bytes());
        s.extend_from_slice(sum.as_bytes());
        s.push(b'\n');
        let path = self.path(id, rep.replicate);
        let dir = path.parent().unwrap_or(&self.dir);
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e, io_hint()))?;
        // Not synced one by one (a sweep writes many): a file cut short by
        // a crash fails its checksum and is redone.
        crate::files::write_atomic_unsynced(&path, &s)?;
        let hash = quick_hash(&s);
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path, hash);
        Ok(())
    }

    /// Read and check the run file at `path` against `want_header` (see
    /// [`check_run`]), trusting a file with the bytes this process wrote
    /// there.
    fn check_file(&self, path: &Path, want_header: &str) -> Result<RunText> {
        let known = self
            .written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(path)
            .copied();
        check_run_known(path, want_header, known)
    }

    /// Is the run's file there, complete, intact and from this cell's
    /// scenario?
    pub fn is_complete(&self, cell: &Cell, replicate: u32, timeseries: bool) -> bool {
        matches!(self.check(cell, replicate, timeseries), RunCheck::Ok(_))
    }

    /// Check the run's file: missing, good (with its checksum) or bad (why).
    pub fn check(&self, cell: &Cell, replicate: u32, timeseries: bool) -> RunCheck {
        let path = self.path(&cell.id, replicate);
        if std::fs::symlink_metadata(&path).is_err() {
            return RunCheck::Missing;
        }
        match self.check_file(&path, &header(cell, replicate, timeseries)) {
            Ok(t) => RunCheck::Ok(t.sha256().to_string()),
            Err(e) => RunCheck::Bad(e.to_string()),
        }
    }

    /// Read a complete run file, checking it belongs to `cell`, replicate.
    pub fn read(&self, cell: &Cell, replicate: u32, timeseries: bool) -> Result<RunText> {
        self.check_file(
            &self.path(&cell.id, replicate),
            &header(cell, replicate, timeseries),
        )
    }

    /// Read a run file written by [`RunStore::write_as`], checking it.
    pub fn read_as(
        &self,
        id: &str,
        scenario_sha256: &str,
        replicate: u32,
        timeseries: bool,
    ) -> Result<RunText> {
        self.check_file(
            &self.path(id, replicate),
            &header_of(id, scenario_sha256, replicate, timeseries),
        )
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

/// The state of a run's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunCheck {
    /// No file.
    Missing,
    /// Complete and intact, with this checksum.
    Ok(String),
    /// There but unusable: why.
    Bad(String),
}

/// SHA-256 of `bytes`, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(bytes);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
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
    path: PathBuf,
    /// Where each of [`SECTIONS`] is in `text` (found once, on reading).
    sections: [std::ops::Range<usize>; 3],
}

impl RunText {
    /// The file it was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The `[runs]` rows as (line in the file, group, metric, value), each
    /// checked: a row without five fields or a value that is neither a
    /// number nor `NA` is an error naming the file, line and field (the
    /// checksum guards against damage; this guards against a writer bug
    /// ever being read as a missing value).
    pub fn runs(&self) -> Result<Vec<(u64, &str, &str, f64)>> {
        let first = self.first_runs_line();
        Ok(self
            .rows()?
            .into_iter()
            .enumerate()
            .map(|(k, (g, m, v))| (first + k as u64, g, m, v))
            .collect())
    }

    /// The `[runs]` rows as (group, metric, value), checked as
    /// [`RunText::runs`] checks them (without counting lines unless one is
    /// damaged).
    pub fn rows(&self) -> Result<Vec<(&str, &str, f64)>> {
        let section = self.section("[runs]");
        let mut out = Vec::with_capacity(section.len() / 32);
        for (k, l) in section.lines().enumerate() {
            let line = || self.first_runs_line() + k as u64;
            let mut f = [""; 5];
            let mut n = 0;
            for x in l.split(',') {
                if let Some(slot) = f.get_mut(n) {
                    *slot = x;
                }
                n += 1;
            }
            if n != 5 {
                return Err(crate::output::read::damaged(
                    &self.path,
                    line(),
                    0,
                    "",
                    format!("a [runs] row has {n} fields, not 5"),
                ));
            }
            let number = |line| crate::output::read::number(&self.path, line, 4, "value", f[4]);
            let v = match whole_number(f[4]) {
                Some(v) => v,
                // The line is counted only for the error.
                None => number(0).or_else(|_| number(line()))?,
            };
            out.push((f[2], f[3], v));
        }
        Ok(out)
    }

    /// The line (from 1) of the first `[runs]` row, 0 if there is no such
    /// section.
    fn first_runs_line(&self) -> u64 {
        match self.text.find("\n[runs]\n") {
            Some(i) => self.text[..i].matches('\n').count() as u64 + 3,
            None => 0,
        }
    }

    /// The checksum recorded in (and verified against) the file.
    pub fn sha256(&self) -> &str {
        let body = self.text.trim_end_matches('\n');
        body.rsplit_once(END).map(|(_, h)| h).unwrap_or("")
    }

    /// The lines of a section (`[timeseries]`, `[timeseries_groups]`,
    /// `[runs]`), each ending in a newline.
    pub fn section(&self, name: &str) -> &str {
        match SECTIONS.iter().position(|s| *s == name) {
            Some(k) => &self.text[self.sections[k].clone()],
            None => &self.text[section_range(&self.text, name)],
        }
    }
}

/// Where the lines of section `name` are in a run file's text (empty if it
/// has none): from the line after `name` to the next line starting with
/// `[`, or else to the `#end` line.
fn section_range(text: &str, name: &str) -> std::ops::Range<usize> {
    let Some(start) = text
        .find(&format!("\n{name}\n"))
        .map(|i| i + name.len() + 2)
    else {
        return 0..0;
    };
    let rest = &text[start..];
    let end = rest
        .find("\n[")
        .map(|i| i + 1)
        .or_else(|| rest.find(END))
        .unwrap_or(rest.len());
    start..start + end.min(rest.len())
}

/// Where each of [`SECTIONS`] is in a run file's text, as
/// [`section_range`] finds it, with one pass over the text: a section's
/// header and the line after its end both start a line with `[`.
fn find_sections(text: &str) -> [std::ops::Range<usize>; 3] {
    // Every `\n[`, found by its `[` (rare in a run file, and a single byte
    // is found faster than a pair).
    let marks: Vec<usize> = text
        .match_indices('[')
        .filter(|&(i, _)| i > 0 && text.as_bytes()[i - 1] == b'\n')
        .map(|(i, _)| i - 1)
        .collect();
    SECTIONS.map(|name| {
        let Some(start) = marks
            .iter()
            .find(|&&i| {
                text[i + 1..].starts_with(name)
                    && text.as_bytes().get(i + 1 + name.len()) == Some(&b'\n')
            })
            .map(|&i| i + name.len() + 2)
        else {
            return 0..0;
        };
        let end = match marks.iter().find(|&&q| q >= start) {
            Some(&q) => q + 1,
            // The first `#end` after the start, found by its `#`.
            None => text[start..]
                .match_indices('#')
                .find(|&(i, _)| text[start + i..].starts_with(END))
                .map_or(text.len(), |(e, _)| start + e),
        };
        start..end
    })
}

/// A field of at most 15 decimal digits, optionally after `-`, as a
/// number: what `str::parse::<f64>` gives for it (every such whole number
/// is a float exactly, and `-0` is negative zero), without its general
/// parser. `None` for anything else.
fn whole_number(s: &str) -> Option<f64> {
    let (neg, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s),
    };
    if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = digits
        .bytes()
        .fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
    let v = n as f64;
    Some(if neg { -v } else { v })
}

/// Read and check a run file at `path`.
pub fn read_run(path: &Path, cell: &Cell, replicate: u32, timeseries: bool) -> Result<RunText> {
    check_run(path, &header(cell, replicate, timeseries))
}

fn check_run(path: &Path, want_header: &str) -> Result<RunText> {
    check_run_known(path, want_header, None)
}

/// A 64-bit hash of a run file's bytes, to recognise a file this process
/// wrote (not stored anywhere; std's SipHash with fixed keys).
fn quick_hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

/// [`check_run`]; when `known` is the [`quick_hash`] of the bytes this
/// process wrote to `path` and the file still has them, their SHA-256 is
/// known to match and is not computed again.
fn check_run_known(path: &Path, want_header: &str, known: Option<u64>) -> Result<RunText> {
    let bytes = crate::files::read_bytes(path, crate::files::MAX_RESULT_BYTES, "run file")
        .map_err(|e| {
            let why = match &e {
                Error::Io { message, .. } => message.clone(),
                other => other.to_string(),
            };
            Error::io(
                path,
                format!("the run file is missing or unreadable ({why})"),
                "run the sweep (or the shard) again to redo it",
            )
        })?;
    let redo =
        "run the sweep (or the shard) again to redo it (a resumed sweep redoes it by itself)";
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::io(path, "this run file is damaged (not UTF-8 text)", redo))?;
    if !text.starts_with(want_header) {
        return Err(Error::io(
            path,
            "this run file belongs to another plan or carescale version",
            redo,
        ));
    }
    let Some(cut) = text.rfind(END).filter(|_| text.ends_with('\n')) else {
        return Err(Error::io(
            path,
            "this run file is incomplete (no #end line)",
            redo,
        ));
    };
    let want = &text[cut + END.len()..text.len() - 1];
    let ours = known.is_some_and(|h| h == quick_hash(text.as_bytes()));
    if !ours && sha256_hex(&text.as_bytes()[..cut]) != want {
        return Err(Error::io(
            path,
            "this run file fails its checksum: it was edited or damaged",
            redo,
        ));
    }
    let sections = find_sections(&text);
    Ok(RunText {
        text,
        path: path.to_path_buf(),
        sections,
    })
}

/// One value of a run file's `[runs]` rows
/// (`scenario,replicate,group,metric,value`): `None` if the run has no such
/// row, an error if the rows are damaged (see [`RunText::runs`]).
pub fn run_value(run: &RunText, group: &str, metric: &str) -> Result<Option<f64>> {
    Ok(run
        .rows()?
        .into_iter()
        .find(|(g, m, _)| *g == group && *m == metric)
        .map(|(_, _, v)| v))
}

/// A sweep's hidden work folder, renamed into place when complete.
pub struct WorkDir {
    /// Where the results go.
    pub final_dir: PathBuf,
    /// The hidden folder being filled.
    pub work: PathBuf,
    force: bool,
    _lock: Lock,
}

impl WorkDir {
    /// Open (or resume) the work folder for `final_dir`. Refuses if results
    /// are already there, unless `force`. Returns the folder and whether an
    /// unfinished sweep of another plan was found there.
    /// `kind` is the marker's kind (`sweep` or `part`).
    pub fn open(final_dir: &Path, force: bool, plan: &Plan, kind: &str) -> Result<(WorkDir, bool)> {
        dir::check_target(final_dir, force)?;
        let (parent, name) = dir::split_target(final_dir)?;
        std::fs::create_dir_all(&parent).map_err(|e| {
            Error::io(
                &parent,
                e,
                "choose an output folder you can write to with --out DIR",
            )
        })?;
        let lock = Lock::acquire(&parent.join(format!(".{name}.lock")))?;
        let work = parent.join(format!(".{name}.sweep-work"));
        std::fs::create_dir_all(work.join("runs")).map_err(|e| {
            Error::io(
                &work,
                e,
                "choose an output folder you can write to with --out DIR",
            )
        })?;
        // The lock file of older versions, inside the work folder.
        let _ = std::fs::remove_file(work.join("lock"));
        dir::write_marker(&work, kind)?;
        let plan_path = work.join("plan.json");
        // The plan of an unfinished sweep found here (absent: none; one
        // that cannot be read, as text of bounded size, is not this plan).
        let other = std::fs::symlink_metadata(&plan_path).is_ok()
            && crate::files::read_text(&plan_path, crate::files::MAX_INPUT_BYTES, "plan file")
                .map_or(true, |t| !t.contains(&plan.plan_sha256));
        write_atomic(&plan_path, plan.to_json().as_bytes())?;
        RunStore::new(&work).tidy(plan)?;
        Ok((
            WorkDir {
                final_dir: final_dir.to_path_buf(),
                work,
                force,
                _lock: lock,
            },
            other,
        ))
    }

    /// Notes for the user about opening the folder (a stale lock taken
    /// over), for the binary to show.
    pub fn notes(&self) -> Vec<String> {
        self._lock.note().map(str::to_string).into_iter().collect()
    }

    /// Move the finished folder into place.
    pub fn commit(self) -> Result<PathBuf> {
        crate::output::dir::move_into_place(&self.work, &self.final_dir, self.force)?;
        Ok(self.final_dir.clone())
    }
}

/// Write a file by temporary name and rename (see
/// [`crate::files::write_atomic`]).
pub fn write_atomic(path: &Path, content: &[u8]) -> Result<()> {
    crate::files::write_atomic(path, content)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run file's text with a correct `#end` line.
    fn run_file(header: &str, rows: &str) -> String {
        let body = format!("{header}[runs]\n{rows}");
        format!("{body}{END}{}\n", sha256_hex(body.as_bytes()))
    }

    #[test]
    fn a_file_this_process_wrote_is_checked_by_its_bytes() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("r000000.csv");
        let header = "#carescale-run test\n";
        let text = run_file(header, "s,0,all,crises,3\n");
        std::fs::write(&path, &text).expect("written");
        let known = Some(quick_hash(text.as_bytes()));
        for k in [known, None] {
            let t = check_run_known(&path, header, k).expect("intact");
            assert_eq!(t.rows().expect("rows"), vec![("all", "crises", 3.0)]);
        }
        // Edited after writing: the remembered hash no longer matches, and
        // the full check refuses it, as without the memory.
        std::fs::write(&path, text.replace(",3\n", ",4\n")).expect("edited");
        for k in [known, None] {
            let e = check_run_known(&path, header, k).expect_err("edited");
            assert!(e.to_string().contains("fails its checksum"), "{e}");
        }
        // Rewritten whole and correct by someone else: accepted, as before.
        let other = run_file(header, "s,0,all,crises,5\n");
        std::fs::write(&path, &other).expect("rewritten");
        let t = check_run_known(&path, header, known).expect("intact");
        assert_eq!(t.rows().expect("rows"), vec![("all", "crises", 5.0)]);
    }

    #[test]
    fn sections_are_found_as_one_at_a_time() {
        let texts = [
            "#h\n[runs]\na\nb\n#end sha256=x\n",
            "#h\n[timeseries]\nt\n[timeseries_groups]\ng\n[runs]\nr\n#end sha256=x\n",
            "#h\n[timeseries]\n[timeseries_groups]\n[runs]\n#end sha256=x\n",
            "#h\n[runs]\n[x]\n[runs]\nr\n",
            "#h\n[runs]x\n[runs]\n\n[q\n",
            "[runs]\nno newline before\n",
            "#h\n[runs]",
            "",
        ];
        for t in texts {
            let want = SECTIONS.map(|name| section_range(t, name));
            assert_eq!(find_sections(t), want, "{t:?}");
        }
    }

    #[test]
    fn whole_numbers_read_as_the_general_parser_reads_them() {
        let mut cases: Vec<String> = [
            "0",
            "-0",
            "7",
            "007",
            "-12",
            "999999999999999",
            "-999999999999999",
            "1000000000000000",
            "",
            "-",
            "+5",
            "1.5",
            "1e3",
            "NA",
            "inf",
            "- 1",
            "12a",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..10_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            cases.push((x % 1_000_000_000_000_000).to_string());
            cases.push(format!("-{}", x % 100_000));
        }
        for c in &cases {
            if let Some(v) = whole_number(c) {
                let want = c.parse::<f64>().map(f64::to_bits);
                assert_eq!(Ok(v.to_bits()), want, "{c:?}");
            }
        }
        // Up to 15 digits are read here; the rest goes to the general parser.
        for c in ["0", "-0", "007", "-12", "999999999999999"] {
            assert!(whole_number(c).is_some(), "{c:?}");
        }
        for c in [
            "1000000000000000",
            "",
            "-",
            "+5",
            "1.5",
            "1e3",
            "NA",
            "inf",
            "12a",
        ] {
            assert!(whole_number(c).is_none(), "{c:?}");
        }
    }
}
