//! Place by place against data: for a scenario whose sites stand on real
//! places, simulated major (type 1) A&E attendances per 1,000 in each place
//! against the bundle's observed type 1 attendances per 1,000 of the
//! place's residents (trust activity spread by catchment, an estimate:
//! data/README.md), and the spread across places simulated vs observed.
//!
//! Sites on the same places (a vanguard site and the rest of its CCG) are
//! one place here. The observed year is the financial year of the first
//! reported month, within the bundle's 2016/17-2018/19; growth is over two
//! years: the first to the third reported year simulated, 2016/17 to
//! 2018/19 observed. The spread is measured within each replicate (each
//! draws its own place effects) and averaged over replicates.

use crate::experiment::executor::Replicate;
use crate::model::metrics::b;
use crate::model::place;
use crate::output::number::num;
use crate::output::tables;
use crate::scenario::Scenario;
use crate::stats;
use std::fmt::Write as _;

/// One place: simulated vs observed.
#[derive(Clone, Debug)]
pub struct PlaceRow {
    /// CCG codes, joined by `+`.
    pub codes: String,
    /// Places' short names, joined by ` + `.
    pub name: String,
    /// The sites on it.
    pub sites: Vec<usize>,
    /// Residents, mid-2017.
    pub population_2017: f64,
    /// Observed type 1 attendances per 1,000 (mid-2017 residents).
    pub observed: f64,
    /// Simulated major attendances per 1,000 person-years: one per replicate.
    pub simulated: Vec<f64>,
    /// Observed two-year growth of type 1 attendances.
    pub observed_growth: f64,
    /// Simulated two-year growth of the rate, one per replicate (empty if
    /// the run reports fewer than three years).
    pub simulated_growth: Vec<f64>,
}

/// The spread across places, simulated (mean over replicates, with its 95%
/// CI) vs observed.
#[derive(Clone, Debug)]
pub struct Spread {
    /// What is measured.
    pub measure: &'static str,
    /// Simulated.
    pub simulated: stats::Summary,
    /// Observed.
    pub observed: f64,
}

/// The financial year observed: that of the first reported month, clamped
/// to the bundle's years.
pub fn observed_year(scn: &Scenario) -> i32 {
    let tl = crate::experiment::executor::timeline(scn);
    let p = tl.periods[(tl.warm_up_months as usize).min(tl.periods.len() - 1)];
    let fy = if p.month >= 4 { p.year } else { p.year - 1 };
    fy.clamp(2016, 2018)
}

/// Per-place rows, or none if no site stands on a place.
pub fn evaluate(scn: &Scenario, reps: &[Replicate]) -> Vec<PlaceRow> {
    let tl = crate::experiment::executor::timeline(scn);
    let w = tl.warm_up_months as usize;
    let years = (tl.n_months() - w) / 12;
    let fy = observed_year(scn);
    let mut rows: Vec<PlaceRow> = Vec::new();
    for (i, s) in scn.sites.iter().enumerate() {
        let Some(pl) = &s.place else { continue };
        let key = pl.codes.join("+");
        match rows.iter_mut().find(|r| r.codes == key) {
            Some(r) => r.sites.push(i),
            None => {
                let ccgs: Vec<&place::Ccg> =
                    pl.codes.iter().filter_map(|c| place::find(c)).collect();
                let pop: f64 = ccgs.iter().map(|c| c.total()).sum();
                let att = |y: i32| -> f64 {
                    ccgs.iter()
                        .flat_map(|c| c.ae.iter())
                        .filter(|a| a.fy_start == y)
                        .map(|a| a.attendances_type1)
                        .sum()
                };
                rows.push(PlaceRow {
                    codes: key,
                    name: ccgs
                        .iter()
                        .map(|c| c.short_name())
                        .collect::<Vec<_>>()
                        .join(" + "),
                    sites: vec![i],
                    population_2017: pop,
                    observed: 1000.0 * att(fy) / pop.max(1.0),
                    simulated: Vec::new(),
                    observed_growth: att(2018) / att(2016) - 1.0,
                    simulated_growth: Vec::new(),
                });
            }
        }
    }
    if years == 0 {
        return rows;
    }
    let rate = |r: &Replicate, sites: &[usize], k: usize| {
        let t = tables::totals(r, sites, w + 12 * k..w + 12 * (k + 1));
        1000.0 * 365.25 * t[b::AE_MAJOR] / t[b::PERSON_DAYS].max(1.0)
    };
    for row in &mut rows {
        for r in reps {
            let first = rate(r, &row.sites, 0);
            row.simulated.push(first);
            if years >= 3 {
                row.simulated_growth
                    .push(rate(r, &row.sites, 2) / first - 1.0);
            }
        }
    }
    rows
}

fn cv(v: &[f64]) -> f64 {
    let s = stats::summarise(v);
    s.sd / s.mean
}

fn sd(v: &[f64]) -> f64 {
    stats::summarise(v).sd
}

/// Pearson correlation.
pub fn correlation(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx).powi(2);
        syy += (b - my).powi(2);
    }
    sxy / (sxx * syy).sqrt()
}

/// The spread across places (at least three places with data).
pub fn spread(rows: &[PlaceRow]) -> Vec<Spread> {
    let rows: Vec<&PlaceRow> = rows
        .iter()
        .filter(|r| r.observed > 0.0 && !r.simulated.is_empty())
        .collect();
    if rows.len() < 3 {
        return Vec::new();
    }
    let n_rep = rows[0].simulated.len();
    let obs: Vec<f64> = rows.iter().map(|r| r.observed).collect();
    let per_rep = |f: &dyn Fn(&[f64]) -> f64| -> Vec<f64> {
        (0..n_rep)
            .map(|k| {
                let sim: Vec<f64> = rows.iter().map(|r| r.simulated[k]).collect();
                f(&sim)
            })
            .collect()
    };
    let mut out = vec![
        Spread {
            measure: "mean_ae_type1_per_1000",
            simulated: stats::summarise(&per_rep(&|s| s.iter().sum::<f64>() / s.len() as f64)),
            observed: obs.iter().sum::<f64>() / obs.len() as f64,
        },
        Spread {
            measure: "sd_ae_type1_per_1000",
            simulated: stats::summarise(&per_rep(&sd)),
            observed: sd(&obs),
        },
        Spread {
            measure: "cv_ae_type1_per_1000",
            simulated: stats::summarise(&per_rep(&cv)),
            observed: cv(&obs),
        },
        Spread {
            measure: "correlation_simulated_observed",
            simulated: stats::summarise(&per_rep(&|s| correlation(s, &obs))),
            observed: 1.0,
        },
    ];
    if rows.iter().all(|r| r.simulated_growth.len() == n_rep) {
        let g: Vec<f64> = rows.iter().map(|r| r.observed_growth).collect();
        let sims: Vec<f64> = (0..n_rep)
            .map(|k| {
                sd(&rows
                    .iter()
                    .map(|r| r.simulated_growth[k])
                    .collect::<Vec<_>>())
            })
            .collect();
        out.push(Spread {
            measure: "sd_two_year_growth",
            simulated: stats::summarise(&sims),
            observed: sd(&g),
        });
    }
    out
}

/// `places.csv`: one row per place.
pub fn to_csv(scn: &Scenario, rows: &[PlaceRow]) -> String {
    let fy = observed_year(scn);
    let mut out = String::from("place_codes,place_name,sites,population_2017,observed_year,observed_ae_type1_per_1000,simulated_ae_major_per_1000,simulated_ci_lower,simulated_ci_upper,simulated_over_observed,observed_two_year_growth,simulated_two_year_growth\n");
    let field = |s: &str| {
        if s.contains([',', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    for r in rows {
        let s = stats::summarise(&r.simulated);
        let g = if r.simulated_growth.is_empty() {
            f64::NAN
        } else {
            stats::summarise(&r.simulated_growth).mean
        };
        let sites: Vec<&str> = r
            .sites
            .iter()
            .map(|&i| scn.sites[i].name.as_str())
            .collect();
        let _ = writeln!(
            out,
            "{},{},{},{},{}/{:02},{},{},{},{},{},{},{}",
            field(&r.codes),
            field(&r.name),
            field(&sites.join(" ")),
            num(r.population_2017),
            fy,
            (fy + 1) % 100,
            num(r.observed),
            num(s.mean),
            num(s.ci_lower),
            num(s.ci_upper),
            num(s.mean / r.observed),
            num(r.observed_growth),
            num(g)
        );
    }
    out
}

/// `places_spread.csv`: the spread across places.
pub fn spread_csv(spread: &[Spread]) -> String {
    let mut out =
        String::from("measure,simulated,ci_lower,ci_upper,observed,simulated_over_observed\n");
    for s in spread {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{}",
            s.measure,
            num(s.simulated.mean),
            num(s.simulated.ci_lower),
            num(s.simulated.ci_upper),
            num(s.observed),
            num(s.simulated.mean / s.observed)
        );
    }
    out
}

/// The spread measure `name`, if measured.
fn measure<'a>(spread: &'a [Spread], name: &str) -> Option<&'a Spread> {
    spread.iter().find(|s| s.measure == name)
}

/// The caption of the scatter: the correlation between simulated and
/// observed across places and the coefficients of variation (means over
/// replicates, as in `places_spread.csv`, which has their 95% CIs), or
/// `None` without a spread.
pub fn scatter_caption(spread: &[Spread]) -> Option<String> {
    let r = measure(spread, "correlation_simulated_observed")?;
    let cv = measure(spread, "cv_ae_type1_per_1000")?;
    Some(format!(
        "correlation {:.2}; CV across places {:.3} simulated, {:.3} observed (means over replicates)",
        r.simulated.mean, cv.simulated.mean, cv.observed
    ))
}

/// `places_scatter.svg`: each place's simulated A&E attendances per 1,000
/// (mean over replicates, with its 95% CI) against its observed rate, with
/// the line y = x; the correlation and CVs in the caption. `None` when the
/// spread is not measured (fewer than three places with data).
pub fn scatter_svg(
    scn: &Scenario,
    rows: &[PlaceRow],
    spread: &[Spread],
) -> crate::error::Result<Option<String>> {
    let Some(caption) = scatter_caption(spread) else {
        return Ok(None);
    };
    let fy = observed_year(scn);
    let pts: Vec<(f64, f64, f64, f64)> = rows
        .iter()
        .filter(|r| r.observed > 0.0 && !r.simulated.is_empty())
        .map(|r| {
            let s = stats::summarise(&r.simulated);
            (r.observed, s.mean, s.ci_lower, s.ci_upper)
        })
        .collect();
    crate::analysis::plot::scatter_svg(
        &format!(
            "A&E attendances per 1,000 by place: simulated vs observed ({} places)",
            pts.len()
        ),
        &caption,
        &format!(
            "observed type 1 attendances per 1,000 residents a year ({fy}/{:02})",
            (fy + 1) % 100
        ),
        "simulated major attendances per 1,000 person-years",
        &pts,
    )
    .map(Some)
}

/// The table printed by `calibrate`: the spread, and the places furthest
/// from their data.
pub fn to_table(scn: &Scenario, rows: &[PlaceRow], spread: &[Spread]) -> String {
    let fy = observed_year(scn);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nPlaces: major A&E attendances per 1,000, simulated (first reported year) vs observed type 1 ({fy}/{:02}, data/places/ccg17_ae_yearly.csv), {} places",
        (fy + 1) % 100,
        rows.len()
    );
    let _ = writeln!(
        out,
        "{:<34} {:>12} {:>22} {:>10}",
        "spread across places", "simulated", "95% CI", "observed"
    );
    for s in spread {
        let _ = writeln!(
            out,
            "{:<34} {:>12.3} {:>22} {:>10.3}",
            s.measure,
            s.simulated.mean,
            format!("{:.3} to {:.3}", s.simulated.ci_lower, s.simulated.ci_upper),
            s.observed
        );
    }
    let mut by_gap: Vec<(&PlaceRow, f64)> = rows
        .iter()
        .filter(|r| r.observed > 0.0 && !r.simulated.is_empty())
        .map(|r| (r, stats::summarise(&r.simulated).mean))
        .collect();
    by_gap.sort_by(|a, b| {
        let g = |x: &(&PlaceRow, f64)| (x.1 / x.0.observed).ln().abs();
        g(b).total_cmp(&g(a))
            .then_with(|| a.0.codes.cmp(&b.0.codes))
    });
    if !by_gap.is_empty() {
        let _ = writeln!(
            out,
            "furthest from their data (all places in places.csv):\n{:<44} {:>10} {:>10}",
            "place", "simulated", "observed"
        );
        for (r, m) in by_gap.iter().take(8) {
            let name: String = r.name.chars().take(44).collect();
            let _ = writeln!(out, "{name:<44} {m:>10.1} {:>10.1}", r.observed);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn correlation_of_a_line_is_one() {
        let x = [1.0, 2.0, 3.0, 4.0];
        assert!((correlation(&x, &[2.0, 4.0, 6.0, 8.0]) - 1.0).abs() < 1e-12);
        assert!((correlation(&x, &[8.0, 6.0, 4.0, 2.0]) + 1.0).abs() < 1e-12);
        assert!((cv(&[1.0, 1.0, 1.0])).abs() < 1e-12);
    }
}
