//! The living population of a site by age band and eFI frailty category
//! (head count and summed personal risk), with its integrals over days,
//! which price routine primary care and planned secondary care.
//!
//! Those costs accrue every day in proportion to the mix. Summing the 24
//! cells every simulated day costs as much as the events of a small site,
//! so the integrals are kept lazily instead: a cell's running sums are
//! brought up to date only when the cell changes, and all cells at the end
//! of each month. Head counts integrate exactly (integers); risk sums and
//! discounted sums are the same sums in a different order, so they agree
//! with day-by-day summation to rounding.

/// Age bands and frailty categories.
const BANDS: usize = 6;
const FRAILTY: usize = 4;

/// A cell's running sums since the last month end.
#[derive(Clone, Copy, Debug, Default)]
struct Sums {
    /// Person-days.
    count_days: u64,
    /// Person-days weighted by the discount factor of each day.
    count_days_discounted: f64,
    /// Risk-days.
    risk_days: f64,
    /// Risk-days weighted by the discount factor of each day.
    risk_days_discounted: f64,
}

/// Integrals of one month, per cell: see [`CareMix::close_month`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MonthMix {
    /// Person-days by age band and frailty.
    pub count_days: [[f64; FRAILTY]; BANDS],
    /// The same, discounted.
    pub count_days_discounted: [[f64; FRAILTY]; BANDS],
    /// Risk-days by age band and frailty.
    pub risk_days: [[f64; FRAILTY]; BANDS],
    /// The same, discounted.
    pub risk_days_discounted: [[f64; FRAILTY]; BANDS],
}

/// The mix and its lazily kept integrals. Days are counted as the engine
/// counts them: a state holds for day `d` if it is the state at the end of
/// day `d`, so a change made during day `d` counts from day `d` on.
#[derive(Clone, Debug, Default)]
pub struct CareMix {
    count: [[u64; FRAILTY]; BANDS],
    risk: [[f64; FRAILTY]; BANDS],
    /// First day not yet integrated, per cell.
    since: [[u32; FRAILTY]; BANDS],
    sums: [[Sums; FRAILTY]; BANDS],
}

impl CareMix {
    /// An empty mix whose integrals start on day `day`.
    pub fn starting(day: u32) -> CareMix {
        CareMix {
            since: [[day; FRAILTY]; BANDS],
            ..Default::default()
        }
    }

    /// People in a cell now.
    pub fn count(&self, age: usize, frailty: usize) -> u64 {
        self.count[age][frailty]
    }

    /// Summed personal risk of a cell now.
    pub fn risk(&self, age: usize, frailty: usize) -> f64 {
        self.risk[age][frailty]
    }

    /// Integrate a cell up to (not including) `day`. `cum` holds the
    /// cumulative discount factors: `cum[d]` is the sum over days before `d`.
    #[inline]
    fn catch_up(&mut self, a: usize, f: usize, day: u32, cum: &[f64]) {
        let s = self.since[a][f];
        if day > s {
            let days = (day - s) as u64;
            let w = cum[day as usize] - cum[s as usize];
            let (n, r) = (self.count[a][f], self.risk[a][f]);
            let sums = &mut self.sums[a][f];
            sums.count_days += n * days;
            sums.count_days_discounted += n as f64 * w;
            sums.risk_days += r * days as f64;
            sums.risk_days_discounted += r * w;
            self.since[a][f] = day;
        }
    }

    /// A person of risk `risk` joins cell (`age`, `frailty`) on `day`.
    #[inline]
    pub fn enter(&mut self, age: usize, frailty: usize, risk: f64, day: u32, cum: &[f64]) {
        self.catch_up(age, frailty, day, cum);
        self.count[age][frailty] += 1;
        self.risk[age][frailty] += risk;
    }

    /// A person of risk `risk` leaves cell (`age`, `frailty`) on `day`.
    #[inline]
    pub fn leave(&mut self, age: usize, frailty: usize, risk: f64, day: u32, cum: &[f64]) {
        self.catch_up(age, frailty, day, cum);
        self.count[age][frailty] -= 1;
        self.risk[age][frailty] -= risk;
    }

    /// A person of cell (`age`, `frailty`) has a new personal risk on `day`.
    #[inline]
    pub fn change_risk(&mut self, age: usize, frailty: usize, delta: f64, day: u32, cum: &[f64]) {
        self.catch_up(age, frailty, day, cum);
        self.risk[age][frailty] += delta;
    }

    /// Close the integrals at the start of day `end` (the day after a
    /// month's last day): return the month's sums and start the next.
    pub fn close_month(&mut self, end: u32, cum: &[f64]) -> MonthMix {
        let mut out = MonthMix::default();
        for a in 0..BANDS {
            for f in 0..FRAILTY {
                self.catch_up(a, f, end, cum);
                let s = std::mem::take(&mut self.sums[a][f]);
                out.count_days[a][f] = s.count_days as f64;
                out.count_days_discounted[a][f] = s.count_days_discounted;
                out.risk_days[a][f] = s.risk_days;
                out.risk_days_discounted[a][f] = s.risk_days_discounted;
            }
        }
        out
    }
}

/// Cumulative sums of daily factors: `out[d]` is the sum of `factor[..d]`
/// (one more entry than days).
pub fn cumulative(factor: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut out = vec![0.0];
    let mut s = 0.0;
    for x in factor {
        s += x;
        out.push(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::rng::SplitMix64;

    /// Random entries, exits, moves and risk changes over 400 days, with a
    /// month every 30 days: the lazy integrals equal plain daily sums of the
    /// end-of-day state (exactly for head counts, to rounding otherwise).
    #[test]
    fn lazy_integrals_equal_daily_sums() {
        let days = 400u32;
        let disc: Vec<f64> = (0..days).map(|d| 0.97f64.powf(d as f64 / 365.25)).collect();
        let cum = cumulative(disc.iter().copied());
        let mut g = SplitMix64::new(7);
        let mut mix = CareMix::starting(0);
        // Plain state and plain daily sums, month by month.
        let mut people: Vec<(usize, usize, f64)> = Vec::new();
        let mut plain = MonthMix::default();
        for day in 0..days {
            for _ in 0..(g.next_bits() % 6) {
                match g.next_bits() % 4 {
                    0 | 1 => {
                        let p = (
                            (g.next_bits() % 6) as usize,
                            (g.next_bits() % 4) as usize,
                            g.uniform() * 3.0,
                        );
                        mix.enter(p.0, p.1, p.2, day, &cum);
                        people.push(p);
                    }
                    2 if !people.is_empty() => {
                        let k = (g.next_bits() % people.len() as u64) as usize;
                        let p = people.swap_remove(k);
                        mix.leave(p.0, p.1, p.2, day, &cum);
                    }
                    _ if !people.is_empty() => {
                        let k = (g.next_bits() % people.len() as u64) as usize;
                        let new = g.uniform() * 3.0;
                        let p = &mut people[k];
                        mix.change_risk(p.0, p.1, new - p.2, day, &cum);
                        p.2 = new;
                    }
                    _ => {}
                }
            }
            for &(a, f, r) in &people {
                plain.count_days[a][f] += 1.0;
                plain.count_days_discounted[a][f] += disc[day as usize];
                plain.risk_days[a][f] += r;
                plain.risk_days_discounted[a][f] += r * disc[day as usize];
            }
            if (day + 1) % 30 == 0 || day + 1 == days {
                let lazy = mix.close_month(day + 1, &cum);
                for a in 0..6 {
                    for f in 0..4 {
                        assert_eq!(lazy.count_days[a][f], plain.count_days[a][f]);
                        let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * y.abs().max(1.0);
                        assert!(close(
                            lazy.count_days_discounted[a][f],
                            plain.count_days_discounted[a][f]
                        ));
                        assert!(close(lazy.risk_days[a][f], plain.risk_days[a][f]));
                        assert!(close(
                            lazy.risk_days_discounted[a][f],
                            plain.risk_days_discounted[a][f]
                        ));
                    }
                }
                plain = MonthMix::default();
            }
        }
        // Someone was in the mix for most of the run.
        assert!(people.len() > 50, "{}", people.len());
    }
}
