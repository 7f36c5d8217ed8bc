//! The event calendar of one site: a bucket of `(patient, stamp)` entries
//! per simulated day, filled in the order events are scheduled and emptied
//! in that same order.
//!
//! Events are scheduled months or years ahead, so a plain bucket per day
//! means writing at the ends of some two thousand buckets at once: each
//! write misses the cache and the TLB. Here, an entry for a day beyond the
//! current and next blocks of [`BLOCK_DAYS`] days waits in its block's
//! staging list and is moved into its day's bucket, in the order it was
//! scheduled, when the block before it begins. Entries scheduled after that
//! go straight to the bucket, behind the moved ones. So every day's bucket
//! holds the same entries in the same order as a plain bucket per day would
//! (results are unchanged), while only a few dozen lists are written to at
//! any time.
//!
//! A day's bucket, once its entries are processed, is handed back with
//! [`DayQueue::recycle`] and reused for a later day, so the calendar does
//! not allocate, grow and free a list for every simulated day.

/// Days per block (a power of two).
pub const BLOCK_DAYS: usize = 32;

/// Day buckets with staging for the far future.
#[derive(Debug, Default)]
pub struct DayQueue {
    days: Vec<Vec<(u32, u32)>>,
    /// Per block: (day, patient, stamp), in scheduling order.
    staged: Vec<Vec<(u32, u32, u32)>>,
    /// The block of the day last taken.
    current: usize,
    /// Emptied buckets kept for reuse (with their capacity).
    spare: Vec<Vec<(u32, u32)>>,
}

impl DayQueue {
    /// An empty calendar of `n_days` days.
    pub fn new(n_days: usize) -> DayQueue {
        DayQueue {
            days: vec![Vec::new(); n_days],
            staged: vec![Vec::new(); n_days.div_ceil(BLOCK_DAYS) + 1],
            current: 0,
            spare: Vec::new(),
        }
    }

    /// Schedule `(patient, stamp)` on `day` (which must be before `n_days`
    /// and not before the day last taken).
    #[inline]
    pub fn push(&mut self, day: u32, patient: u32, stamp: u32) {
        let block = day as usize / BLOCK_DAYS;
        if block <= self.current + 1 {
            let bucket = &mut self.days[day as usize];
            if bucket.capacity() == 0 {
                if let Some(v) = self.spare.pop() {
                    *bucket = v;
                }
            }
            bucket.push((patient, stamp));
        } else {
            self.staged[block].push((day, patient, stamp));
        }
    }

    /// Take the entries of `day` scheduled so far, in scheduling order.
    /// Days are taken in increasing order.
    pub fn take(&mut self, day: u32) -> Vec<(u32, u32)> {
        let block = day as usize / BLOCK_DAYS;
        while self.current < block {
            self.current += 1;
            self.unstage(self.current + 1);
        }
        std::mem::take(&mut self.days[day as usize])
    }

    /// Hand back a bucket returned by [`DayQueue::take`] once its entries
    /// have been processed, so a later day can reuse its memory.
    #[inline]
    pub fn recycle(&mut self, mut bucket: Vec<(u32, u32)>) {
        if bucket.capacity() > 0 {
            bucket.clear();
            self.spare.push(bucket);
        }
    }

    /// Move a block's staged entries into their day buckets, in order.
    fn unstage(&mut self, block: usize) {
        let Some(list) = self.staged.get_mut(block) else {
            return;
        };
        let list = std::mem::take(list);
        if list.is_empty() {
            return;
        }
        let first = block * BLOCK_DAYS;
        let mut count = [0usize; BLOCK_DAYS];
        for &(d, _, _) in &list {
            count[d as usize - first] += 1;
        }
        for (k, &c) in count.iter().enumerate() {
            if c > 0 {
                let bucket = &mut self.days[first + k];
                if bucket.capacity() == 0 {
                    if let Some(v) = self.spare.pop() {
                        *bucket = v;
                    }
                }
                bucket.reserve(c);
            }
        }
        for (d, patient, stamp) in list {
            self.days[d as usize].push((patient, stamp));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plain bucket per day: what `DayQueue` must reproduce exactly.
    struct Plain(Vec<Vec<(u32, u32)>>);

    #[test]
    fn same_entries_in_the_same_order_as_plain_buckets() {
        let n_days = 700usize;
        let mut q = DayQueue::new(n_days);
        let mut plain = Plain(vec![Vec::new(); n_days]);
        let mut g = crate::model::rng::SplitMix64::new(11);
        let mut id = 0u32;
        let mut schedule = |q: &mut DayQueue,
                            plain: &mut Plain,
                            from: u32,
                            g: &mut crate::model::rng::SplitMix64| {
            // Mostly near, sometimes far, sometimes the same day.
            let ahead = match g.next_bits() % 4 {
                0 => 0,
                1 => g.next_bits() % 10,
                _ => g.next_bits() % 400,
            } as u32;
            let day = from + ahead;
            if (day as usize) < n_days {
                q.push(day, id, id ^ 0xABCD);
                plain.0[day as usize].push((id, id ^ 0xABCD));
            }
            id += 1;
        };
        for _ in 0..5_000 {
            schedule(&mut q, &mut plain, 0, &mut g);
        }
        for day in 0..n_days as u32 {
            // Entries added during the day (same day included) are taken too.
            let mut got = Vec::new();
            loop {
                let b = q.take(day);
                if b.is_empty() {
                    break;
                }
                for _ in 0..b.len().min(50) {
                    schedule(&mut q, &mut plain, day, &mut g);
                }
                got.extend(b);
            }
            let want = std::mem::take(&mut plain.0[day as usize]);
            assert_eq!(got, want, "day {day}");
        }
    }
}
