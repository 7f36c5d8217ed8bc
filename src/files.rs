//! Reading what users give and writing what carescale makes, safely.
//!
//! Inputs are read only from regular files, up to a stated size, so a FIFO,
//! a device (`/dev/zero`, `/dev/urandom`) or a runaway file gives a clear
//! error at once instead of blocking or exhausting memory. Outputs are
//! written atomically: to a temporary file beside the target, flushed, then
//! renamed over it, so a crash, a full disk or an interruption never leaves
//! a half-written file under the real name.

use crate::error::{Error, Result};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The largest scenario, sweep, calibration or economics file read (8 MiB):
/// the biggest shipped file is a few kilobytes.
pub const MAX_INPUT_BYTES: u64 = 8 << 20;

/// The largest plot embedded in a report (64 MiB): a chart is usually a
/// few hundred kilobytes.
pub const MAX_PLOT_BYTES: u64 = 64 << 20;

/// The largest results file read back (1 GiB): run files, tables and parts.
pub const MAX_RESULT_BYTES: u64 = 1 << 30;

/// Read a text input of at most `limit` bytes from a regular file. `what`
/// names the kind of file in messages (e.g. "scenario file").
pub fn read_text(path: &Path, limit: u64, what: &str) -> Result<String> {
    let bytes = read_bytes(path, limit, what)?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..valid];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        Error::io(
            path,
            format!("not UTF-8 text: invalid byte at line {line}, column {col} (byte {valid})"),
            format!("save the {what} as UTF-8 text"),
        )
    })
}

/// Read at most `limit` bytes from a regular file (see [`read_text`]).
pub fn read_bytes(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e, format!("check the path of the {what}")))?;
    if !meta.is_file() {
        let kind = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file (a pipe, socket or device)"
        };
        return Err(Error::io(
            path,
            format!("is {kind}"),
            format!("give the path of the {what} itself; carescale reads inputs only from regular files"),
        ));
    }
    if meta.len() > limit {
        return Err(too_big(path, meta.len(), limit, what));
    }
    let file = std::fs::File::open(path)
        .map_err(|e| Error::io(path, e, format!("check the {what} can be read")))?;
    let mut buf = Vec::with_capacity(meta.len() as usize);
    // The file may grow while it is read: never take more than the limit.
    file.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Error::io(path, e, format!("check the {what} can be read")))?;
    if buf.len() as u64 > limit {
        return Err(too_big(path, buf.len() as u64, limit, what));
    }
    Ok(buf)
}

fn too_big(path: &Path, size: u64, limit: u64, what: &str) -> Error {
    Error::io(
        path,
        format!("is {size} bytes, more than the {limit} bytes a {what} may have"),
        format!("check this is the {what} you meant"),
    )
}

/// Write `content` to `path` atomically: a temporary file in the same folder,
/// synced, then renamed over `path`. On any failure the temporary file is
/// removed and `path` is untouched.
pub fn write_atomic(path: &Path, content: &[u8]) -> Result<()> {
    write_atomic_with(path, content, true)
}

/// [`write_atomic`] without syncing the file to disk first: for many small
/// files that carry their own checksum (run files), where a file cut short
/// by a system crash is detected and redone.
pub fn write_atomic_unsynced(path: &Path, content: &[u8]) -> Result<()> {
    write_atomic_with(path, content, false)
}

fn write_atomic_with(path: &Path, content: &[u8], sync: bool) -> Result<()> {
    let tmp = temp_beside(path);
    let res = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        write_checked(&mut f, content)?;
        if sync {
            f.sync_all()?;
        }
        std::fs::rename(&tmp, path)
    })();
    res.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(
            path,
            e,
            "check the folder is writable and the disk has room",
        )
    })
}

/// The environment variable that makes the Nth write of this process fail
/// as on a full disk (testing only): `CARESCALE_TEST_FAIL_WRITE=N`.
pub const FAIL_WRITE_VAR: &str = "CARESCALE_TEST_FAIL_WRITE";

/// Write all of `content` to `w`: every results file goes through here (or
/// [`write_atomic`]), so a test can make the Nth write fail half-way, as on
/// a full disk (see [`FAIL_WRITE_VAR`]).
pub fn write_checked(w: &mut impl Write, content: &[u8]) -> std::io::Result<()> {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::OnceLock;
    static FAIL_AT: OnceLock<Option<u64>> = OnceLock::new();
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let fail_at = *FAIL_AT.get_or_init(|| {
        std::env::var(FAIL_WRITE_VAR)
            .ok()
            .and_then(|v| v.trim().parse().ok())
    });
    if let Some(n) = fail_at {
        if COUNT.fetch_add(1, Ordering::SeqCst) + 1 == n {
            w.write_all(&content[..content.len() / 2])?;
            return Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "No space left on device (injected by CARESCALE_TEST_FAIL_WRITE)",
            ));
        }
    }
    w.write_all(content)
}

/// A file written as a stream, atomically: under a temporary name beside
/// `path`, renamed over it by [`AtomicFile::finish`]; dropped unfinished,
/// the temporary file is removed and `path` is untouched.
pub struct AtomicFile {
    w: std::io::BufWriter<std::fs::File>,
    path: PathBuf,
    tmp: PathBuf,
    done: bool,
}

impl AtomicFile {
    /// Start writing `path`.
    pub fn create(path: &Path) -> Result<AtomicFile> {
        let tmp = temp_beside(path);
        let f = std::fs::File::create(&tmp).map_err(|e| Error::io(path, e, HINT))?;
        Ok(AtomicFile {
            w: std::io::BufWriter::with_capacity(1 << 20, f),
            path: path.to_path_buf(),
            tmp,
            done: false,
        })
    }

    /// Append `s`.
    pub fn put(&mut self, s: &str) -> Result<()> {
        write_checked(&mut self.w, s.as_bytes()).map_err(|e| Error::io(&self.path, e, HINT))
    }

    /// Flush, sync and rename into place.
    pub fn finish(mut self) -> Result<()> {
        let res = self
            .w
            .flush()
            .and_then(|_| self.w.get_ref().sync_all())
            .and_then(|_| std::fs::rename(&self.tmp, &self.path));
        res.map_err(|e| Error::io(&self.path, e, HINT))?;
        self.done = true;
        Ok(())
    }
}

/// Bytes written through [`write_checked`], like [`AtomicFile::put`], for
/// writers that take any [`Write`] (the Parquet writer).
impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        write_checked(&mut self.w, buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

const HINT: &str = "check the folder is writable and the disk has room";

/// A temporary name beside `path`, unique to this process and call.
pub fn temp_beside(path: &Path) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp-{}-{n}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_folders_devices_and_oversized_files() {
        let d = tempfile::tempdir().unwrap();
        let e = read_text(d.path(), 100, "scenario file")
            .unwrap_err()
            .to_string();
        assert!(e.contains("is a folder"), "{e}");
        #[cfg(unix)]
        {
            let e = read_text(Path::new("/dev/zero"), 100, "scenario file")
                .unwrap_err()
                .to_string();
            assert!(e.contains("not a regular file"), "{e}");
        }
        let big = d.path().join("big.toml");
        std::fs::write(&big, vec![b'a'; 101]).unwrap();
        let e = read_text(&big, 100, "scenario file")
            .unwrap_err()
            .to_string();
        assert!(e.contains("more than the 100 bytes"), "{e}");
        std::fs::write(&big, b"ok\n\xff").unwrap();
        let e = read_text(&big, 100, "scenario file")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2, column 1"), "{e}");
    }

    #[test]
    fn atomic_write_replaces_whole_or_not_at_all() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.csv");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        // Into a missing folder: an error, and nothing left behind.
        let q = d.path().join("missing").join("b.csv");
        assert!(write_atomic(&q, b"x").is_err());
        let left: Vec<_> = std::fs::read_dir(d.path()).unwrap().collect();
        assert_eq!(left.len(), 1);
    }
}
