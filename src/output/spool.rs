//! Run-level values of every replicate, kept on disk instead of in memory
//! until `summary.csv` is written.
//!
//! Exact percentiles need every replicate's value of an output, so a run's
//! run-level values are spooled to a file in its partial folder: one record
//! of `width` little-endian `f64`s per replicate, at the replicate's place
//! (replicates finish in any order). `summary.csv` then reads the file back
//! a block of outputs at a time, each pass holding at most
//! [`BLOCK_BYTES`] of values (or one output's values, if larger), so memory
//! does not grow with the number of outputs and grows by only 8 bytes per
//! replicate for the one output being summarised.

use crate::error::{Error, Result};
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Values held in memory at once while reading the spool back.
pub const BLOCK_BYTES: usize = 2 << 20;

/// A file of `replicates` records of `width` values each.
pub struct Spool {
    path: PathBuf,
    file: Mutex<(File, Vec<bool>)>,
    width: usize,
    replicates: u32,
}

impl Spool {
    /// Create the spool file at `path` (replaced if present).
    pub fn create(path: &Path, width: usize, replicates: u32) -> Result<Spool> {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(path)
            .map_err(|e| Error::io(path, e, "check free disk space and permissions"))?;
        Ok(Spool {
            path: path.to_path_buf(),
            file: Mutex::new((file, vec![false; replicates as usize])),
            width,
            replicates,
        })
    }

    /// Store the values of replicate `r` (exactly `width` of them).
    pub fn put(&self, r: u32, values: &[f64]) -> Result<()> {
        if values.len() != self.width || r >= self.replicates {
            return Err(Error::Internal(format!(
                "spool record of replicate {r} has {} values, expected {} (replicates {})",
                values.len(),
                self.width,
                self.replicates
            )));
        }
        let mut bytes = Vec::with_capacity(values.len() * 8);
        for v in values {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        let mut g = self.file.lock().unwrap_or_else(|e| e.into_inner());
        let (f, seen) = &mut *g;
        let at = r as u64 * self.width as u64 * 8;
        f.seek(SeekFrom::Start(at))
            .and_then(|_| crate::files::write_checked(f, &bytes))
            .map_err(|e| Error::io(&self.path, e, "check free disk space"))?;
        seen[r as usize] = true;
        Ok(())
    }

    /// Read the values back, `block` outputs at a time: `each(j, values)`
    /// is called for every output `j` in order with its values over
    /// replicates in replicate order. Refuses a spool with a replicate
    /// missing or a file of the wrong length.
    pub fn for_each_output(
        self,
        each: &mut dyn FnMut(usize, Vec<f64>) -> Result<()>,
    ) -> Result<()> {
        let (mut f, seen) = self.file.into_inner().unwrap_or_else(|e| e.into_inner());
        let damaged = |what: String| {
            Error::io(
                &self.path,
                what,
                "run the scenario again (the file of run-level values was changed while the run wrote it)",
            )
        };
        if let Some(r) = seen.iter().position(|s| !s) {
            return Err(damaged(format!("replicate {r} has no run-level values")));
        }
        let len = f
            .seek(SeekFrom::End(0))
            .map_err(|e| Error::io(&self.path, e, "check the disk"))?;
        let want = self.replicates as u64 * self.width as u64 * 8;
        if len != want {
            return Err(damaged(format!("{len} bytes, expected {want}")));
        }
        let reps = self.replicates as usize;
        let per_pass = (BLOCK_BYTES / 8 / reps.max(1)).max(1);
        let mut record = vec![0u8; self.width * 8];
        let mut start = 0;
        while start < self.width {
            let end = (start + per_pass).min(self.width);
            let mut cols: Vec<Vec<f64>> = (start..end).map(|_| Vec::with_capacity(reps)).collect();
            f.seek(SeekFrom::Start(0))
                .map_err(|e| Error::io(&self.path, e, "check the disk"))?;
            let mut rd = BufReader::with_capacity(1 << 16, &mut f);
            for _ in 0..reps {
                rd.read_exact(&mut record)
                    .map_err(|e| Error::io(&self.path, e, "check the disk"))?;
                for (c, col) in cols.iter_mut().enumerate() {
                    let i = (start + c) * 8;
                    let mut b = [0u8; 8];
                    b.copy_from_slice(&record[i..i + 8]);
                    col.push(f64::from_le_bytes(b));
                }
            }
            drop(rd);
            for (c, col) in cols.into_iter().enumerate() {
                each(start + c, col)?;
            }
            start = end;
        }
        let _ = f.flush();
        drop(f);
        std::fs::remove_file(&self.path)
            .map_err(|e| Error::io(&self.path, e, "check permissions of the output folder"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_come_back_by_output_in_replicate_order() {
        let d = tempfile::tempdir().unwrap();
        let reps = 300_000u32; // more than one block per output pass
        let s = Spool::create(&d.path().join("v"), 3, reps).unwrap();
        for r in (0..reps).rev() {
            let x = r as f64;
            s.put(r, &[x, -x, f64::NAN]).unwrap();
        }
        let mut seen = Vec::new();
        s.for_each_output(&mut |j, v| {
            assert_eq!(v.len(), reps as usize);
            match j {
                0 => assert!(v.iter().enumerate().all(|(i, x)| *x == i as f64)),
                1 => assert!(v.iter().enumerate().all(|(i, x)| *x == -(i as f64))),
                _ => assert!(v.iter().all(|x| x.is_nan())),
            }
            seen.push(j);
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, [0, 1, 2]);
        assert!(!d.path().join("v").exists());
    }

    #[test]
    fn a_missing_replicate_is_refused() {
        let d = tempfile::tempdir().unwrap();
        let s = Spool::create(&d.path().join("v"), 2, 3).unwrap();
        s.put(0, &[1.0, 2.0]).unwrap();
        s.put(2, &[1.0, 2.0]).unwrap();
        let e = s.for_each_output(&mut |_, _| Ok(())).unwrap_err();
        assert!(e.to_string().contains("replicate 1"), "{e}");
    }
}
