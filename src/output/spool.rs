//! Values over replicates kept on disk instead of in memory, read back one
//! output (or one month of one series) at a time.
//!
//! Exact percentiles need every replicate's value of an output, so nothing
//! that grows with the replicates is held for all outputs at once:
//!
//! * [`Spool`]: a run's run-level values, spooled to a file in its partial
//!   folder: one record of `width` little-endian `f64`s per replicate, at
//!   the replicate's place (replicates finish in any order). `summary.csv`
//!   then reads the file back a block of outputs at a time, each pass
//!   holding at most [`BLOCK_BYTES`] of values (or one output's values, if
//!   larger), so memory does not grow with the number of outputs and grows
//!   by only 8 bytes per replicate for the one output being summarised.
//! * [`Transpose`]: entries `(row, slot, value)` that arrive in any order
//!   (a long results file read line by line), read back row by row: a
//!   blocked transpose on disk. Plots use it with a row per (series,
//!   metric, month) and the replicate as slot, to take exact monthly
//!   percentiles; economics with a row per replicate, to total its months.
//!   Memory holds one block of entries, a small read buffer per sorted run
//!   on disk (at most [`Sizes::fan_in`] of them) and one row's entries.

use crate::error::{Error, Result};
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
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

/// How much a [`Transpose`] holds in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sizes {
    /// Entries held before they are sorted and written out as a run.
    pub block: usize,
    /// Entries read at a time from each run while merging.
    pub read: usize,
    /// Runs merged at once; more runs are merged in rounds first.
    pub fan_in: usize,
}

impl Default for Sizes {
    /// About 1.5 MB of entries a block, 24 KB a run while merging, 32 runs
    /// merged at once: under 3 MB in all, whatever the number of entries.
    fn default() -> Sizes {
        Sizes {
            block: 1 << 16,
            read: 1 << 10,
            fan_in: 32,
        }
    }
}

/// One entry: a row, a slot in the row, a value.
#[derive(Clone, Copy, Debug)]
struct Entry {
    row: u64,
    slot: u32,
    value: f64,
}

/// Bytes of an entry on disk: row, slot and value, little-endian.
const ENTRY_BYTES: usize = 20;

impl Entry {
    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.row.to_le_bytes());
        out.extend_from_slice(&self.slot.to_le_bytes());
        out.extend_from_slice(&self.value.to_le_bytes());
    }
    fn decode(b: &[u8]) -> Entry {
        let mut r = [0u8; 8];
        let mut s = [0u8; 4];
        let mut v = [0u8; 8];
        r.copy_from_slice(&b[0..8]);
        s.copy_from_slice(&b[8..12]);
        v.copy_from_slice(&b[12..20]);
        Entry {
            row: u64::from_le_bytes(r),
            slot: u32::from_le_bytes(s),
            value: f64::from_le_bytes(v),
        }
    }
}

/// A temporary file, removed when dropped.
struct Temp {
    file: File,
    path: PathBuf,
}

impl Temp {
    fn create(beside: &Path) -> Result<Temp> {
        let path = crate::files::temp_beside(beside);
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e, "check free disk space and permissions"))?;
        Ok(Temp { file, path })
    }
    fn err(&self, e: std::io::Error) -> Error {
        Error::io(&self.path, e, "check free disk space")
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// A sorted run of entries on disk: where it starts (bytes) and its entries.
#[derive(Clone, Copy, Debug)]
struct Run {
    start: u64,
    len: u64,
}

/// Reads one run in small pieces.
struct Cursor {
    next: u64,
    left: u64,
    buf: Vec<Entry>,
    pos: usize,
}

impl Cursor {
    fn new(run: Run) -> Cursor {
        Cursor {
            next: run.start,
            left: run.len,
            buf: Vec::new(),
            pos: 0,
        }
    }
    /// The entry under the cursor, reading the next piece when needed.
    fn head(&mut self, t: &Temp, read: usize, bytes: &mut Vec<u8>) -> Result<Option<Entry>> {
        if self.pos < self.buf.len() {
            return Ok(Some(self.buf[self.pos]));
        }
        if self.left == 0 {
            self.buf = Vec::new();
            return Ok(None);
        }
        let n = (read.max(1) as u64).min(self.left) as usize;
        bytes.resize(n * ENTRY_BYTES, 0);
        let mut f = &t.file;
        f.seek(SeekFrom::Start(self.next))
            .and_then(|_| f.read_exact(bytes))
            .map_err(|e| t.err(e))?;
        self.buf.clear();
        self.buf
            .extend(bytes.chunks_exact(ENTRY_BYTES).map(Entry::decode));
        self.pos = 0;
        self.next += bytes.len() as u64;
        self.left -= n as u64;
        Ok(Some(self.buf[0]))
    }
}

/// Merge sorted runs in order: rows ascending; within a row, entries of
/// earlier runs first, each run's in its own order (a stable merge).
struct Merge<'a> {
    temp: &'a Temp,
    cursors: Vec<Cursor>,
    read: usize,
    bytes: Vec<u8>,
}

impl<'a> Merge<'a> {
    fn new(temp: &'a Temp, runs: &[Run], read: usize) -> Merge<'a> {
        Merge {
            temp,
            cursors: runs.iter().map(|r| Cursor::new(*r)).collect(),
            read,
            bytes: Vec::new(),
        }
    }
    /// The next row and its entries (`out` is cleared first); `None` at
    /// the end.
    fn next_row(&mut self, out: &mut Vec<Entry>) -> Result<Option<u64>> {
        out.clear();
        let mut row: Option<u64> = None;
        for c in &mut self.cursors {
            if let Some(e) = c.head(self.temp, self.read, &mut self.bytes)? {
                row = Some(row.map_or(e.row, |r| r.min(e.row)));
            }
        }
        let Some(row) = row else { return Ok(None) };
        for c in &mut self.cursors {
            while let Some(e) = c.head(self.temp, self.read, &mut self.bytes)? {
                if e.row != row {
                    break;
                }
                out.push(e);
                c.pos += 1;
            }
        }
        Ok(Some(row))
    }
}

/// What [`Transpose::for_each_row`] calls with each row and its
/// `(slot, value)` entries.
pub type RowFn<'a> = dyn FnMut(u64, &[(u32, f64)]) -> Result<()> + 'a;

/// Entries `(row, slot, value)` put in any order, read back row by row in
/// increasing row order, each row's entries in the order they were put: a
/// transpose done on disk in sorted runs merged back, so memory does not
/// grow with the number of entries (see [`Sizes`]). Temporary files sit
/// beside a path given at creation and are removed when done or dropped.
pub struct Transpose {
    beside: PathBuf,
    sizes: Sizes,
    buf: Vec<Entry>,
    temp: Option<Temp>,
    runs: Vec<Run>,
    bytes: Vec<u8>,
}

impl Transpose {
    /// An empty transpose whose temporary files go beside `beside` (e.g.
    /// the results file being read), with the default [`Sizes`].
    pub fn new(beside: &Path) -> Transpose {
        Transpose::with_sizes(beside, Sizes::default())
    }

    /// [`Transpose::new`] with the given sizes (each at least 1; a fan-in
    /// at least 2).
    pub fn with_sizes(beside: &Path, sizes: Sizes) -> Transpose {
        Transpose {
            beside: beside.to_path_buf(),
            sizes: Sizes {
                block: sizes.block.max(1),
                read: sizes.read.max(1),
                fan_in: sizes.fan_in.max(2),
            },
            buf: Vec::new(),
            temp: None,
            runs: Vec::new(),
            bytes: Vec::new(),
        }
    }

    /// Add an entry.
    pub fn put(&mut self, row: u64, slot: u32, value: f64) -> Result<()> {
        self.buf.push(Entry { row, slot, value });
        if self.buf.len() >= self.sizes.block {
            self.spill()?;
        }
        Ok(())
    }

    /// Sort the block by row (stably) and write it out as a run.
    fn spill(&mut self) -> Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        self.buf.sort_by_key(|e| e.row);
        if self.temp.is_none() {
            self.temp = Some(Temp::create(&self.beside)?);
        }
        let Some(t) = self.temp.as_mut() else {
            return Err(Error::Internal("transpose file missing".into()));
        };
        let start = t.file.seek(SeekFrom::End(0)).map_err(|e| t.err(e))?;
        self.bytes.clear();
        for e in &self.buf {
            e.encode(&mut self.bytes);
        }
        crate::files::write_checked(&mut t.file, &self.bytes).map_err(|e| t.err(e))?;
        self.runs.push(Run {
            start,
            len: self.buf.len() as u64,
        });
        self.buf.clear();
        Ok(())
    }

    /// Merge runs `fan_in` at a time into a new file until at most
    /// `fan_in` are left.
    fn reduce(&mut self) -> Result<()> {
        while self.runs.len() > self.sizes.fan_in {
            let Some(old) = self.temp.take() else {
                return Err(Error::Internal("transpose file missing".into()));
            };
            let new = Temp::create(&self.beside)?;
            let mut runs = Vec::new();
            {
                let mut w = BufWriter::with_capacity(1 << 16, &new.file);
                let mut at = 0u64;
                let mut row = Vec::new();
                let mut bytes = Vec::new();
                for group in self.runs.chunks(self.sizes.fan_in) {
                    let mut m = Merge::new(&old, group, self.sizes.read);
                    let mut len = 0u64;
                    while m.next_row(&mut row)?.is_some() {
                        bytes.clear();
                        for e in &row {
                            e.encode(&mut bytes);
                        }
                        crate::files::write_checked(&mut w, &bytes).map_err(|e| new.err(e))?;
                        len += row.len() as u64;
                    }
                    runs.push(Run { start: at, len });
                    at += len * ENTRY_BYTES as u64;
                }
                w.flush().map_err(|e| new.err(e))?;
            }
            drop(old);
            self.temp = Some(new);
            self.runs = runs;
        }
        Ok(())
    }

    /// Call `each(row, entries)` for every row in increasing order, with
    /// its `(slot, value)` entries in the order they were put. Removes the
    /// temporary files.
    pub fn for_each_row(mut self, each: &mut RowFn<'_>) -> Result<()> {
        let mut pairs: Vec<(u32, f64)> = Vec::new();
        if self.runs.is_empty() {
            // Everything fitted in one block: no file.
            let mut buf = std::mem::take(&mut self.buf);
            buf.sort_by_key(|e| e.row);
            for group in buf.chunk_by(|a, b| a.row == b.row) {
                pairs.clear();
                pairs.extend(group.iter().map(|e| (e.slot, e.value)));
                each(group[0].row, &pairs)?;
            }
            return Ok(());
        }
        self.spill()?;
        self.buf = Vec::new();
        self.reduce()?;
        let Some(t) = self.temp.as_ref() else {
            return Err(Error::Internal("transpose file missing".into()));
        };
        let mut m = Merge::new(t, &self.runs, self.sizes.read);
        let mut row = Vec::new();
        while let Some(r) = m.next_row(&mut row)? {
            pairs.clear();
            pairs.extend(row.iter().map(|e| (e.slot, e.value)));
            each(r, &pairs)?;
        }
        Ok(())
    }
}

/// The values of a row's entries, one per slot in increasing slot order,
/// the last one put winning when a slot was put twice (as a map from slot
/// to value filled in the same order would hold them).
pub fn last_per_slot(entries: &[(u32, f64)]) -> Vec<(u32, f64)> {
    if entries.windows(2).all(|w| w[0].0 < w[1].0) {
        return entries.to_vec();
    }
    let mut v = entries.to_vec();
    // Stable: entries of one slot stay in the order they were put.
    v.sort_by_key(|e| e.0);
    let mut out: Vec<(u32, f64)> = Vec::with_capacity(v.len());
    for e in v {
        match out.last_mut() {
            Some(l) if l.0 == e.0 => *l = e,
            _ => out.push(e),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

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

    /// A small deterministic generator (tests only).
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0 >> 33
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n.max(1)
        }
    }

    /// Rows come back in order with their entries as put, and nothing is
    /// left on disk, whatever the sizes: one entry a block, blocks that do
    /// not divide the entries, many runs merged in rounds.
    #[test]
    fn transpose_gives_rows_in_order_with_entries_as_put() {
        let d = tempfile::tempdir().unwrap();
        let mut g = Lcg(7);
        let entries: Vec<(u64, u32, f64)> = (0..5_000)
            .map(|i| (g.below(97) * 1_000_003, g.below(40) as u32, i as f64))
            .collect();
        let mut want: BTreeMap<u64, Vec<(u32, f64)>> = BTreeMap::new();
        for &(r, s, v) in &entries {
            want.entry(r).or_default().push((s, v));
        }
        for (block, read, fan_in) in [
            (1, 1, 2),
            (3, 2, 3),
            (7, 5, 2),
            (64, 1000, 32),
            (1000, 13, 4),
            (1 << 16, 1 << 10, 32),
        ] {
            let sizes = Sizes {
                block,
                read,
                fan_in,
            };
            let mut t = Transpose::with_sizes(&d.path().join("x"), sizes);
            for &(r, s, v) in &entries {
                t.put(r, s, v).unwrap();
            }
            let mut got: BTreeMap<u64, Vec<(u32, f64)>> = BTreeMap::new();
            let mut last = None;
            t.for_each_row(&mut |r, e| {
                assert!(last < Some(r), "rows in increasing order");
                last = Some(r);
                got.insert(r, e.to_vec());
                Ok(())
            })
            .unwrap();
            assert_eq!(got, want, "{sizes:?}");
            assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 0, "{sizes:?}");
        }
    }

    #[test]
    fn last_per_slot_keeps_the_last_value_put() {
        let e = [(3, 1.0), (1, 2.0), (3, 3.0), (2, 4.0), (1, 5.0)];
        assert_eq!(last_per_slot(&e), vec![(1, 5.0), (2, 4.0), (3, 3.0)]);
        assert_eq!(
            last_per_slot(&[(0, 1.0), (5, 2.0)]),
            vec![(0, 1.0), (5, 2.0)]
        );
        assert!(last_per_slot(&[]).is_empty());
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
