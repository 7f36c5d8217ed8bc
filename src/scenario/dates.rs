//! Calendar dates: day numbers, months and the `YYYY-MM` periods of the outputs.
//! Proleptic Gregorian, no time zones: the simulation counts whole days.

use std::fmt;

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year, e.g. 2017.
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
    /// Day of month 1–31.
    pub day: u32,
}

impl Date {
    /// Parse `YYYY-MM-DD`; `None` if malformed or not a real date.
    pub fn parse(s: &str) -> Option<Date> {
        let mut it = s.trim().split('-');
        let year: i32 = it.next()?.parse().ok()?;
        let month: u32 = it.next()?.parse().ok()?;
        let day: u32 = it.next()?.parse().ok()?;
        if it.next().is_some() || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The earliest date a scenario may give (1990-01-01).
    pub const MIN: Date = Date {
        year: 1990,
        month: 1,
        day: 1,
    };
    /// The latest date a scenario may give (2100-12-31).
    pub const MAX: Date = Date {
        year: 2100,
        month: 12,
        day: 31,
    };

    /// Parse a date a scenario gives: `YYYY-MM-DD` from [`Date::MIN`] to
    /// [`Date::MAX`]; `None` otherwise.
    pub fn parse_input(s: &str) -> Option<Date> {
        Date::parse(s).filter(|d| (Date::MIN..=Date::MAX).contains(d))
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn to_days(self) -> i64 {
        let y = self.year as i64 - if self.month <= 2 { 1 } else { 0 };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// The first day of the month `months` after this date's month.
    pub fn add_months(self, months: i32) -> Date {
        let idx = self.year * 12 + (self.month as i32 - 1) + months;
        Date {
            year: idx.div_euclid(12),
            month: idx.rem_euclid(12) as u32 + 1,
            day: 1,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Number of days in a month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 {
                29
            } else {
                28
            }
        }
    }
}

/// A calendar month, printed `YYYY-MM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    /// Year.
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
}

impl Period {
    /// Parse `YYYY-MM`.
    pub fn parse(s: &str) -> Option<Period> {
        let (y, m) = s.trim().split_once('-')?;
        let year: i32 = y.parse().ok()?;
        let month: u32 = m.parse().ok()?;
        (y.len() == 4 && (1..=12).contains(&month)).then_some(Period { year, month })
    }
    /// Months since year 0, for ordering and arithmetic.
    pub fn index(self) -> i32 {
        self.year * 12 + self.month as i32 - 1
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The simulated time line: day 0 is the start date; months are calendar
/// months; the first `warm_up_months` are simulated but not reported.
#[derive(Clone, Debug)]
pub struct Timeline {
    /// First simulated day.
    pub start: Date,
    /// Number of simulated days (warm-up included).
    pub n_days: u32,
    /// Month index (0-based from the start month) of each simulated day.
    pub month_of_day: Vec<u16>,
    /// The calendar month of each month index.
    pub periods: Vec<Period>,
    /// Number of simulated days that fall in each month index.
    pub days_in_period: Vec<u32>,
    /// Months of warm-up (not reported).
    pub warm_up_months: u32,
}

impl Timeline {
    /// Build a timeline of `warm_up_months + horizon_months` calendar months
    /// starting at `start` (the first month may be partial).
    pub fn new(start: Date, warm_up_months: u32, horizon_months: u32) -> Timeline {
        let total = warm_up_months + horizon_months;
        let end = start.add_months(total as i32);
        let n_days = (end.to_days() - start.to_days()) as u32;
        let mut month_of_day = Vec::with_capacity(n_days as usize);
        let mut periods = Vec::with_capacity(total as usize);
        let mut days_in_period = Vec::with_capacity(total as usize);
        for m in 0..total {
            let first = if m == 0 {
                start
            } else {
                start.add_months(m as i32)
            };
            let next = start.add_months(m as i32 + 1);
            let nd = (next.to_days() - first.to_days()) as u32;
            periods.push(Period {
                year: first.year,
                month: first.month,
            });
            days_in_period.push(nd);
            month_of_day.extend(std::iter::repeat_n(m as u16, nd as usize));
        }
        Timeline {
            start,
            n_days,
            month_of_day,
            periods,
            days_in_period,
            warm_up_months,
        }
    }

    /// Number of months (warm-up included).
    pub fn n_months(&self) -> usize {
        self.periods.len()
    }

    /// Date of simulated day `d`.
    pub fn years_from(&self, day: u32, reference: Date) -> f64 {
        (self.start.to_days() + day as i64 - reference.to_days()) as f64 / 365.25
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_known_values() {
        assert_eq!(Date::parse("1970-01-01").unwrap().to_days(), 0);
        assert_eq!(Date::parse("2000-03-01").unwrap().to_days(), 11017);
        assert_eq!(Date::parse("2017-04-01").unwrap().to_days(), 17257);
        assert!(Date::parse("2017-02-29").is_none());
        assert!(Date::parse("2016-02-29").is_some());
        assert!(Date::parse("2017-13-01").is_none());
    }

    #[test]
    fn timeline_counts_days_per_month() {
        let t = Timeline::new(Date::parse("2016-04-01").unwrap(), 12, 12);
        assert_eq!(t.n_months(), 24);
        assert_eq!(t.n_days, 365 + 365); // Apr 2016–Mar 2018 (Feb 2017 has 28 days)
        assert_eq!(t.periods[12].to_string(), "2017-04");
        assert_eq!(t.days_in_period.iter().sum::<u32>(), t.n_days);
        assert_eq!(t.month_of_day[30], 1);
    }
}
