//! England's demography by mid-year and age band, from ONS (2010-2019) and
//! a projection after (`data/england/demography.csv`, rebuilt from the raw
//! ONS files by `data/build_demography.py`; sources in `data/README.md`).
//!
//! A demographic year runs from 1 July of its year to 30 June of the next,
//! as ONS mid-year estimates do. For each year and band the table gives the
//! population at its start, the people at the band's last single year of
//! age (who move up within the year), deaths, births (band 0-17) and net
//! migration (the residual of the components of change). The model turns
//! them into per-person rates: ageing out of a band, births and migrants
//! per person of the whole population, and the change of each band's death
//! rate relative to a reference year.

use crate::scenario::dates::Date;
use std::sync::OnceLock;

/// The table as shipped.
const TABLE: &str = include_str!("../../data/england/demography.csv");

/// Age bands of the table (the model's).
pub const BANDS: usize = 6;

/// One demographic year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Year {
    /// The year it starts in (1 July).
    pub year: i32,
    /// Population at 30 June of `year`, by band.
    pub population: [f64; BANDS],
    /// People at the band's last single year of age at 30 June.
    pub at_top_age: [f64; BANDS],
    /// Deaths in the year, by band.
    pub deaths: [f64; BANDS],
    /// Births in the year.
    pub births: f64,
    /// Net migration in the year, by band.
    pub net_migration: [f64; BANDS],
    /// Whether the population is an ONS estimate (else projected).
    pub observed: bool,
}

impl Year {
    /// Total population.
    pub fn total(&self) -> f64 {
        self.population.iter().sum()
    }

    /// Rate per person-year of ageing out of each band (0 for 85+).
    pub fn ageing_rate(&self) -> [f64; BANDS] {
        std::array::from_fn(|b| ratio(self.at_top_age[b], self.population[b]))
    }

    /// Death rate per person-year of each band.
    pub fn death_rate(&self) -> [f64; BANDS] {
        std::array::from_fn(|b| ratio(self.deaths[b], self.population[b]))
    }

    /// Births per person-year of the whole population.
    pub fn birth_rate(&self) -> f64 {
        ratio(self.births, self.total())
    }

    /// Migrants arriving per person-year of the whole population, by band
    /// (a band's net outflow is not simulated: 0 there).
    pub fn migrant_rate(&self) -> [f64; BANDS] {
        let t = self.total();
        std::array::from_fn(|b| ratio(self.net_migration[b].max(0.0), t))
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

/// The parsed table, in year order.
pub fn years() -> &'static [Year] {
    static YEARS: OnceLock<Vec<Year>> = OnceLock::new();
    YEARS.get_or_init(|| parse(TABLE).unwrap_or_default())
}

/// Parse the table: one row per year and band, bands in order.
fn parse(text: &str) -> Result<Vec<Year>, String> {
    let mut out: Vec<Year> = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() != 8 {
            return Err(format!("line {}: {} fields, expected 8", n + 1, f.len()));
        }
        let num = |i: usize| -> Result<f64, String> {
            f[i].parse::<f64>()
                .map_err(|_| format!("line {}: '{}' is not a number", n + 1, f[i]))
        };
        let year = num(0)? as i32;
        let band = crate::scenario::params::AGE_BANDS
            .iter()
            .position(|b| *b == f[1])
            .ok_or_else(|| format!("line {}: unknown band '{}'", n + 1, f[1]))?;
        if band == 0 {
            out.push(Year {
                year,
                population: [0.0; BANDS],
                at_top_age: [0.0; BANDS],
                deaths: [0.0; BANDS],
                births: 0.0,
                net_migration: [0.0; BANDS],
                observed: f[2] == "ons",
            });
        }
        let y = out
            .last_mut()
            .filter(|y| y.year == year)
            .ok_or_else(|| format!("line {}: band out of order", n + 1))?;
        y.population[band] = num(3)?;
        y.at_top_age[band] = num(4)?;
        y.deaths[band] = num(5)?;
        y.births += num(6)?;
        y.net_migration[band] = num(7)?;
    }
    Ok(out)
}

/// First and last demographic years the table covers.
pub fn span() -> (i32, i32) {
    let y = years();
    (
        y.first().map_or(0, |y| y.year),
        y.last().map_or(0, |y| y.year),
    )
}

/// The demographic year a date falls in (the year of the 1 July before it).
pub fn year_of(date: Date) -> i32 {
    if date.month >= 7 {
        date.year
    } else {
        date.year - 1
    }
}

/// The row of demographic year `year`, clamped to the table's span.
pub fn row(year: i32) -> &'static Year {
    let ys = years();
    let (first, _) = span();
    let i = (year - first).clamp(0, ys.len() as i32 - 1) as usize;
    &ys[i]
}

/// Population by band on `date`, interpolated linearly between the
/// mid-year estimates around it.
pub fn population_on(date: Date) -> [f64; BANDS] {
    let y = year_of(date);
    let start = Date {
        year: y,
        month: 7,
        day: 1,
    }
    .to_days();
    let w = ((date.to_days() - start) as f64 / 365.25).clamp(0.0, 1.0);
    let (a, b) = (row(y), row(y + 1));
    std::array::from_fn(|k| a.population[k] * (1.0 - w) + b.population[k] * w)
}

/// Whether `date` lies within the table (from its first mid-year to one
/// year after its last).
pub fn covers(date: Date) -> bool {
    let (first, last) = span();
    let y = year_of(date);
    y >= first && y <= last
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_and_matches_ons_totals() {
        let ys = years();
        assert!(ys.len() >= 30, "{} years", ys.len());
        assert_eq!(row(2012).total().round(), 53_493_729.0);
        assert_eq!(row(2017).total().round(), 55_619_430.0);
        assert_eq!(row(2019).total().round(), 56_286_961.0);
        assert!(row(2019).observed && !row(2020).observed);
        for y in ys {
            assert!(y.population.iter().all(|&p| p > 0.0), "{}", y.year);
            assert!(y.deaths.iter().all(|&d| d >= 0.0), "{}", y.year);
            assert!(y.births > 500_000.0 && y.births < 800_000.0, "{}", y.year);
            assert_eq!(y.at_top_age[5], 0.0);
        }
    }

    #[test]
    fn components_of_change_add_up() {
        // Each band's change over a year is births or ageing in, less
        // ageing out and deaths, plus net migration (to rounding).
        let ys = years();
        for w in ys.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            for k in 0..BANDS {
                let inflow = if k == 0 {
                    a.births
                } else {
                    a.at_top_age[k - 1]
                };
                let next =
                    a.population[k] + inflow - a.at_top_age[k] - a.deaths[k] + a.net_migration[k];
                assert!((next - b.population[k]).abs() < 5.0, "{} band {k}", a.year);
            }
        }
    }

    #[test]
    fn crude_death_rate_is_about_nine_per_thousand() {
        for y in 2012..=2019 {
            let r = row(y);
            let cdr = 1000.0 * r.deaths.iter().sum::<f64>() / r.total();
            assert!((8.5..9.3).contains(&cdr), "{y}: {cdr}");
        }
    }

    #[test]
    fn interpolates_between_mid_years() {
        let d = |y, m, dd| Date {
            year: y,
            month: m,
            day: dd,
        };
        let mid = population_on(d(2017, 7, 1));
        assert_eq!(mid, row(2017).population);
        let jan: f64 = population_on(d(2018, 1, 1)).iter().sum();
        assert!(jan > row(2017).total() && jan < row(2018).total());
        assert!(covers(d(2012, 4, 1)) && !covers(d(2009, 4, 1)));
    }
}
