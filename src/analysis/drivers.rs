//! Growth of emergency admissions split into named drivers: the size of the
//! population, its age structure, frailty at a given age, and the rates
//! within each age band and frailty category (the secular trend of demand
//! and everything else: length-of-stay-free routing, capacity, levers).
//!
//! Admissions are the sum over cells c = (age band, eFI category) of
//! `A_c = N · s_a · q_(f|a) · r_c`, with N the person-days of all cells,
//! `s_a` the share of person-days in band a, `q_(f|a)` the share of band a's
//! person-days in category f, and `r_c` admissions per person-day of the
//! cell. Between a base window 0 and a later window 1 the change splits
//! exactly (log-mean Divisia index, additive form):
//! `A1 - A0 = Σ_c L(A1_c, A0_c) · [ln(N1/N0) + ln(s1/s0) + ln(q1/q0) + ln(r1/r0)]`,
//! `L(x, y) = (x - y) / (ln x - ln y)` (`L(x, x) = x`). A cell with no
//! admissions or no people in either window puts its whole change in the
//! rates. Each driver is reported as its share of the change times the
//! annual compound growth of admissions between the windows, so the drivers
//! add up to the total growth a year.

use crate::model::metrics::b;

/// Age bands × eFI categories.
pub const CELLS: usize = 24;

/// The drivers, in output order.
pub const DRIVERS: [&str; 5] = [
    "total",
    "population_size",
    "age_structure",
    "frailty_at_age",
    "rates_within_age_and_frailty",
];

/// Admissions and person-days by cell of one window.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Cells {
    /// Emergency admissions by cell (band × 4 + category).
    pub admissions: [f64; CELLS],
    /// Person-days by cell.
    pub person_days: [f64; CELLS],
}

impl Cells {
    /// The cells of summed accumulators.
    pub fn of(m: &[f64]) -> Cells {
        Cells {
            admissions: std::array::from_fn(|c| m[b::EA_CELL_0 + c]),
            person_days: std::array::from_fn(|c| m[b::PERSON_DAYS_CELL_0 + c]),
        }
    }
}

fn log_mean(x: f64, y: f64) -> f64 {
    if (x - y).abs() <= 1e-12 * x.abs().max(y.abs()) {
        x
    } else {
        (x - y) / (x.ln() - y.ln())
    }
}

/// Growth a year of admissions from `w0` to `w1`, `years` apart, and the
/// part of it due to each driver (in [`DRIVERS`] order, total first). NaN
/// if either window has no admissions.
pub fn decompose(w0: &Cells, w1: &Cells, years: f64) -> [f64; 5] {
    let a0: f64 = w0.admissions.iter().sum();
    let a1: f64 = w1.admissions.iter().sum();
    let (n0, n1): (f64, f64) = (w0.person_days.iter().sum(), w1.person_days.iter().sum());
    if a0 <= 0.0 || a1 <= 0.0 || n0 <= 0.0 || n1 <= 0.0 || years <= 0.0 {
        return [f64::NAN; 5];
    }
    let band = |w: &Cells, a: usize| -> f64 { w.person_days[4 * a..4 * a + 4].iter().sum() };
    let mut parts = [0.0f64; 4];
    for c in 0..CELLS {
        let (x0, x1) = (w0.admissions[c], w1.admissions[c]);
        let (p0, p1) = (w0.person_days[c], w1.person_days[c]);
        let a = c / 4;
        let (b0, b1) = (band(w0, a), band(w1, a));
        if x0 <= 0.0 || x1 <= 0.0 || p0 <= 0.0 || p1 <= 0.0 {
            parts[3] += x1 - x0;
            continue;
        }
        let l = log_mean(x1, x0);
        parts[0] += l * (n1 / n0).ln();
        parts[1] += l * ((b1 / n1) / (b0 / n0)).ln();
        parts[2] += l * ((p1 / b1) / (p0 / b0)).ln();
        parts[3] += l * ((x1 / p1) / (x0 / p0)).ln();
    }
    let total = (a1 / a0).powf(1.0 / years) - 1.0;
    let change = a1 - a0;
    let share = |x: f64| {
        if change != 0.0 {
            x / change * total
        } else {
            0.0
        }
    };
    [
        total,
        share(parts[0]),
        share(parts[1]),
        share(parts[2]),
        share(parts[3]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(adm: impl Fn(usize) -> f64, pd: impl Fn(usize) -> f64) -> Cells {
        Cells {
            admissions: std::array::from_fn(adm),
            person_days: std::array::from_fn(pd),
        }
    }

    #[test]
    fn drivers_add_up_to_the_total() {
        let w0 = cells(|c| 10.0 + c as f64, |c| 1000.0 + 37.0 * c as f64);
        let w1 = cells(|c| 12.0 + 1.1 * c as f64, |c| 1100.0 + 41.0 * c as f64);
        let d = decompose(&w0, &w1, 3.0);
        let sum: f64 = d[1..].iter().sum();
        assert!((sum - d[0]).abs() < 1e-12, "{d:?}");
    }

    #[test]
    fn each_driver_alone() {
        let base = cells(
            |c| 10.0 * (1.0 + (c % 4) as f64),
            |c| 1000.0 + 10.0 * c as f64,
        );
        // Population ×1.1 with the same structure and rates: all size.
        let grown = cells(|c| base.admissions[c] * 1.1, |c| base.person_days[c] * 1.1);
        let d = decompose(&base, &grown, 1.0);
        assert!(
            (d[0] - 0.1).abs() < 1e-12 && (d[1] - 0.1).abs() < 1e-12,
            "{d:?}"
        );
        assert!(d[2].abs() < 1e-12 && d[3].abs() < 1e-12 && d[4].abs() < 1e-12);
        // Rates ×1.05 everywhere: all rates.
        let rates = cells(|c| base.admissions[c] * 1.05, |c| base.person_days[c]);
        let d = decompose(&base, &rates, 1.0);
        assert!((d[4] - 0.05).abs() < 1e-12 && d[1].abs() < 1e-12, "{d:?}");
        // People move from fit to frail within each band (same band sizes,
        // same rates by cell): all frailty.
        let shift = |c: usize| {
            let p = base.person_days[c];
            if c.is_multiple_of(4) {
                p * 0.9
            } else if c % 4 == 3 {
                p + base.person_days[c - 3] * 0.1
            } else {
                p
            }
        };
        let frail = cells(
            |c| base.admissions[c] / base.person_days[c] * shift(c),
            shift,
        );
        let d = decompose(&base, &frail, 1.0);
        assert!(
            d[3] > 0.0 && d[1].abs() < 1e-12 && d[2].abs() < 1e-12,
            "{d:?}"
        );
        assert!(d[4].abs() < 1e-12, "{d:?}");
    }

    #[test]
    fn no_admissions_is_nan() {
        let z = Cells::default();
        assert!(decompose(&z, &z, 1.0)[0].is_nan());
    }
}
