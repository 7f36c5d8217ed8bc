//! A results folder, written into a hidden partial folder that is renamed
//! into place only when every file is complete: a crash or interruption
//! leaves no folder that looks complete.
//!
//! Safety rules, shared by `run`, `calibrate`, `sweep` (and its parts),
//! `merge` and `bench`:
//!
//! - Every results folder carries a marker file, [`MARKER`], naming its kind
//!   and the carescale version. `--force` replaces only a folder with the
//!   marker, or an unmarked folder from an older carescale whose every entry
//!   is a known results file name ([`KNOWN_NAMES`]); anything else (`.`,
//!   `..`, `/`, the home folder, a folder holding the current directory, a
//!   folder with foreign files) is refused before anything is touched.
//! - A replaced folder is first renamed aside to a hidden name, the new one
//!   renamed into place, and only then is the old one deleted.
//! - Concurrent writers to one output are excluded by a lock file beside the
//!   target (`.<name>.lock`), taken by exclusive create and holding host,
//!   PID and process start time ([`Lock`]). Nothing another live process
//!   is writing is ever deleted.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Name of the marker file in every results folder carescale writes.
pub const MARKER: &str = ".carescale-results";

/// Entries an unmarked results folder from an older carescale may hold:
/// such a folder may still be replaced with `--force`.
pub const KNOWN_NAMES: &[&str] = &[
    MARKER,
    "timeseries.csv",
    "timeseries_groups.csv",
    "runs.csv",
    "summary.csv",
    "units.csv",
    "manifest.json",
    "plan.json",
    "part.json",
    "scenarios.csv",
    "psa_params.csv",
    "comparisons.csv",
    "replications.csv",
    "replications_trace.csv",
    "calibration.csv",
    "economics.csv",
    "report.html",
    "plots",
    "runs",
    "bench.json",
];

/// The marker file's content for a results folder of `kind` (`run`,
/// `calibrate`, `sweep` (merged or not: the files are the same), `part`,
/// `bench`).
pub fn marker_text(kind: &str) -> String {
    format!(
        "carescale results folder\nkind={kind}\nversion={}\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// Write the marker into a folder being filled.
pub fn write_marker(dir: &Path, kind: &str) -> Result<()> {
    crate::files::write_atomic(&dir.join(MARKER), marker_text(kind).as_bytes())
}

/// The parent folder and file name of an output folder, refusing paths
/// that name no folder of their own (`.`, `..`, `/`).
pub fn split_target(dir: &Path) -> Result<(PathBuf, String)> {
    let name = match dir.file_name() {
        Some(n) if !dir.ends_with("..") => n.to_string_lossy().into_owned(),
        _ => {
            return Err(Error::io(
                dir,
                "is not a folder name carescale can write results to",
                "give --out a new folder, e.g. --out results/my_run",
            ))
        }
    };
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    Ok((parent, name))
}

/// Check that an existing `dir` may be replaced with `--force`: it must be
/// a carescale results folder (see the module notes). Touches nothing.
pub fn check_replaceable(dir: &Path) -> Result<()> {
    let meta = match std::fs::symlink_metadata(dir) {
        Ok(m) => m,
        Err(_) => return Ok(()),
    };
    let refuse = |why: String| {
        Err(Error::io(
            dir,
            format!("--force refused: {why}; nothing was changed"),
            "give --out a new folder, or a results folder carescale wrote (it holds a .carescale-results file)",
        ))
    };
    if meta.file_type().is_symlink() {
        return refuse("it is a symbolic link".into());
    }
    if !meta.is_dir() {
        return refuse("it is a file, not a results folder".into());
    }
    let canon = std::fs::canonicalize(dir)
        .map_err(|e| Error::io(dir, e, "check the path of the output folder"))?;
    if canon.parent().is_none() {
        return refuse("it is the root folder".into());
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        if std::fs::canonicalize(&home).ok().as_deref() == Some(canon.as_path()) {
            return refuse("it is the home folder".into());
        }
    }
    if let Ok(cwd) = std::env::current_dir().and_then(std::fs::canonicalize) {
        if cwd.starts_with(&canon) {
            return refuse("it is, or holds, the current folder".into());
        }
    }
    if canon.join(MARKER).is_file() {
        return Ok(());
    }
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e, "check permissions"))?;
    let mut foreign = Vec::new();
    let mut entries = 0;
    for e in rd.flatten() {
        entries += 1;
        let n = e.file_name().to_string_lossy().into_owned();
        if !KNOWN_NAMES.contains(&n.as_str()) {
            foreign.push(n);
        }
    }
    if entries == 0 {
        return Ok(());
    }
    if !foreign.is_empty() {
        foreign.sort();
        let shown: Vec<String> = foreign.iter().take(5).map(|n| format!("`{n}`")).collect();
        return refuse(format!(
            "it is not a carescale results folder (no {MARKER} file, and it holds {}{})",
            shown.join(", "),
            if foreign.len() > 5 { ", ..." } else { "" }
        ));
    }
    Ok(())
}

/// Check an output target before any work: it must not exist unless
/// `force`, and with `force` it must be replaceable.
pub fn check_target(dir: &Path, force: bool) -> Result<()> {
    split_target(dir)?;
    if std::fs::symlink_metadata(dir).is_ok() {
        if !force {
            return Err(Error::io(
                dir,
                "results already exist here",
                "pass --force to replace them, or --out DIR to write elsewhere",
            ));
        }
        check_replaceable(dir)?;
    }
    Ok(())
}

/// A results folder being written.
pub struct OutputDir {
    final_dir: PathBuf,
    partial: PathBuf,
    force: bool,
    committed: bool,
    _lock: Lock,
}

impl OutputDir {
    /// Check that `dir` can be written (and does not exist unless `force`,
    /// and is a carescale results folder if it does), take its lock, and
    /// create the hidden partial folder beside it, marked as a results
    /// folder of `kind`.
    pub fn prepare(dir: &Path, kind: &str, force: bool) -> Result<OutputDir> {
        check_target(dir, force)?;
        let (parent, name) = split_target(dir)?;
        std::fs::create_dir_all(&parent).map_err(|e| {
            Error::io(
                &parent,
                e,
                "choose an output folder you can write to with --out DIR",
            )
        })?;
        let lock = Lock::acquire(&parent.join(format!(".{name}.lock")))?;
        // With the lock held, partial folders of this target belong to
        // processes that are gone (their lock was stale): clear them.
        if let Ok(rd) = std::fs::read_dir(&parent) {
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
        let od = OutputDir {
            final_dir: dir.to_path_buf(),
            partial,
            force,
            committed: false,
            _lock: lock,
        };
        write_marker(&od.partial, kind)?;
        Ok(od)
    }

    /// Notes for the user about preparing the folder (a stale lock taken
    /// over), for the binary to show.
    pub fn notes(&self) -> Vec<String> {
        self._lock.note().map(str::to_string).into_iter().collect()
    }

    /// Path of a file inside the partial folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.partial.join(name)
    }

    /// Write a whole file, atomically.
    pub fn write(&self, name: &str, content: &[u8]) -> Result<()> {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io(parent, e, "check free disk space and permissions"))?;
        }
        crate::files::write_atomic(&p, content)
    }

    /// Move the finished folder into place.
    pub fn commit(mut self) -> Result<PathBuf> {
        move_into_place(&self.partial, &self.final_dir, self.force)?;
        self.committed = true;
        Ok(self.final_dir.clone())
    }
}

/// Rename a finished folder to its final name, replacing an existing one only
/// with `force` and only if it is a carescale results folder: the old folder
/// is renamed aside to a hidden name, the new one renamed into place, then
/// the old one deleted. The one step that makes results visible.
pub fn move_into_place(from: &Path, to: &Path, force: bool) -> Result<()> {
    if std::fs::symlink_metadata(to).is_ok() {
        if !force {
            return Err(Error::io(
                to,
                "results appeared here during the run",
                "pass --force to replace them",
            ));
        }
        check_replaceable(to)?;
        let (parent, name) = split_target(to)?;
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&old);
        std::fs::rename(to, &old).map_err(|e| {
            Error::io(
                to,
                e,
                "check permissions of the output folder; nothing was replaced",
            )
        })?;
        if let Err(e) = std::fs::rename(from, to) {
            let _ = std::fs::rename(&old, to);
            return Err(Error::io(
                to,
                e,
                "check permissions of the output folder; the old results were kept",
            ));
        }
        let _ = std::fs::remove_dir_all(&old);
        return Ok(());
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

/// Who holds a lock: host, PID and the process's start time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    /// Host name.
    pub host: String,
    /// Process id.
    pub pid: u32,
    /// Start time of the process (Linux: clock ticks since boot, field 22
    /// of `/proc/<pid>/stat`; 0 where unknown).
    pub start: u64,
    /// When the lock was taken (seconds since 1970).
    pub since: u64,
}

impl Holder {
    /// This process.
    // The time a lock was taken is shown to users; it never reaches results.
    #[allow(clippy::disallowed_methods)]
    pub fn me() -> Holder {
        let pid = std::process::id();
        Holder {
            host: hostname(),
            pid,
            start: start_time(pid).unwrap_or(0),
            since: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0),
        }
    }

    /// The lock file's text.
    pub fn to_text(&self) -> String {
        format!(
            "carescale lock\nhost={}\npid={}\nstart={}\nsince={}\n",
            self.host, self.pid, self.start, self.since
        )
    }

    /// Parse a lock file's text.
    pub fn parse(text: &str) -> Option<Holder> {
        let get = |k: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(k).and_then(|r| r.strip_prefix('=')))
        };
        Some(Holder {
            host: get("host")?.to_string(),
            pid: get("pid")?.parse().ok()?,
            start: get("start")?.parse().ok()?,
            since: get("since")?.parse().ok()?,
        })
    }

    fn describe(&self) -> String {
        format!(
            "host {}, pid {}, since {}",
            self.host,
            self.pid,
            utc_time(self.since)
        )
    }
}

/// The host name (Linux: `/proc/sys/kernel/hostname`).
pub fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_else(|| "unknown-host".into())
}

/// Start time of process `pid` (clock ticks since boot, field 22 of
/// `/proc/<pid>/stat`), or `None` if there is no such process or no
/// `/proc`.
pub fn start_time(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces: count after its ')'.
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(19)?.parse().ok()
}

/// Is the holder (on this host) still running? `None` if it cannot be told.
fn alive(h: &Holder) -> Option<bool> {
    if !Path::new("/proc/self/stat").exists() {
        return None;
    }
    Some(match start_time(h.pid) {
        None => false,
        Some(s) => h.start == 0 || s == h.start,
    })
}

/// A lock on an output: a file created exclusively beside the target,
/// removed when dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    me: Holder,
    note: Option<String>,
}

impl Lock {
    /// What the caller should tell the user about taking the lock (a stale
    /// lock taken over), if anything: the library never prints it.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// Take the lock at `path`. A lock left by a process of this host that
    /// is gone (or whose PID now belongs to a process started at another
    /// time) is stale: it is explained and taken over. A live lock, a lock
    /// from another host (never judged by the local process table) or an
    /// unreadable one is refused, naming its holder.
    pub fn acquire(path: &Path) -> Result<Lock> {
        let me = Holder::me();
        let mut note = None;
        for _ in 0..3 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
            {
                Ok(mut f) => {
                    f.write_all(me.to_text().as_bytes())
                        .and_then(|_| f.sync_all())
                        .map_err(|e| {
                            let _ = std::fs::remove_file(path);
                            Error::io(path, e, "check free disk space and permissions")
                        })?;
                    return Ok(Lock {
                        path: path.to_path_buf(),
                        me,
                        note,
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => {
                    return Err(Error::io(
                        path,
                        e,
                        "choose an output folder you can write to with --out DIR",
                    ))
                }
            }
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let remove = format!(
                "if you are sure no carescale process is writing this output, delete {} and try again",
                path.display()
            );
            let Some(h) = Holder::parse(&text) else {
                return Err(Error::io(
                    path,
                    "another carescale process is starting to write this output (its lock file is being written or is unreadable)",
                    format!("wait for it to finish; {remove}"),
                ));
            };
            if h.host != me.host {
                return Err(Error::io(
                    path,
                    format!(
                        "another carescale process holds this output's lock ({}); it runs on another host, so it cannot be checked from here",
                        h.describe()
                    ),
                    format!("wait for it to finish (each shard needs its own --out folder); {remove}"),
                ));
            }
            match alive(&h) {
                Some(false) => {
                    note = Some(format!(
                        "note: taking over a stale lock {} ({}): that process is no longer running{}",
                        path.display(),
                        h.describe(),
                        if start_time(h.pid).is_some() {
                            " (its PID now belongs to a process started at another time)"
                        } else {
                            ""
                        }
                    ));
                    // Rename before removing, so two processes taking over
                    // the same stale lock cannot both succeed.
                    let aside = crate::files::temp_beside(path);
                    if std::fs::rename(path, &aside).is_ok() {
                        let _ = std::fs::remove_file(&aside);
                    }
                }
                alive => {
                    return Err(Error::io(
                        path,
                        format!(
                            "another carescale process is writing this output ({}{})",
                            h.describe(),
                            if alive.is_none() { "; its state cannot be checked here" } else { "" }
                        ),
                        format!("wait for it to finish, or stop it (each shard needs its own --out folder); {remove}"),
                    ));
                }
            }
        }
        Err(Error::io(
            path,
            "could not take this output's lock: other processes keep taking it",
            "run one carescale process per output folder",
        ))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Remove the lock only if it is still ours.
        if std::fs::read_to_string(&self.path).ok().as_deref() == Some(self.me.to_text().as_str()) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// `YYYY-MM-DD HH:MM:SS UTC` of seconds since 1970.
pub fn utc_time(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let t = secs % 86_400;
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        t / 3600,
        t / 60 % 60,
        t % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_times() {
        assert_eq!(utc_time(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc_time(951_782_400 + 3661), "2000-02-29 01:01:01 UTC");
    }

    #[test]
    fn lock_parses_and_excludes() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join(".x.lock");
        let l = Lock::acquire(&p).unwrap();
        assert_eq!(
            Holder::parse(&std::fs::read_to_string(&p).unwrap()),
            Some(Holder::me()).map(|mut h| {
                h.since = l.me.since;
                h
            })
        );
        let e = Lock::acquire(&p).unwrap_err().to_string();
        assert!(e.contains("another carescale process is writing"), "{e}");
        drop(l);
        assert!(!p.exists());
    }

    #[test]
    fn refuses_dot_and_foreign() {
        assert!(split_target(Path::new(".")).is_err());
        assert!(split_target(Path::new("..")).is_err());
        assert!(split_target(Path::new("a/..")).is_err());
        assert!(split_target(Path::new("/")).is_err());
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("thesis.tex"), "x").unwrap();
        assert!(check_replaceable(d.path()).is_err());
        std::fs::write(d.path().join(MARKER), "x").unwrap();
        assert!(check_replaceable(d.path()).is_ok());
    }
}
