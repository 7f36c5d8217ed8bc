//! Plots of a results folder, as SVG drawn with `plotters`, each with the
//! data behind it as a tidy CSV of the same name (users re-plot in ggplot2
//! or matplotlib). Everything is read back from the folder's files; a plot
//! whose data is absent is skipped, never an error.
//!
//! A run gets fan charts of the main metrics (median with 50% and 90%
//! bands over replicates), the same by reporting group (vanguard vs
//! comparison sites) when there are groups, and lever fidelity over time by
//! site when the run reports `fidelity_<lever>` metrics. A sweep gets fan
//! charts by scenario, scenario comparisons with confidence intervals, a
//! tornado chart for a one-at-a-time design, and, when it has more than one
//! strategy with costs, the cost-effectiveness plane and acceptability
//! curve.

use crate::analysis::economics::{Evaluation, Settings};
use crate::error::{Error, Result};
use crate::output::number::num;
use crate::output::read::{Kind, MonthlySummary, Results};
use crate::scenario::lever::Lever;
use plotters::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// Main metrics shown over time and compared: (metric, axis label).
pub const MAIN_METRICS: [(&str, &str); 8] = [
    ("emergency_admissions_per_1000", "Emergency admissions"),
    ("ae_attendances_per_1000", "A&E attendances"),
    ("acute_bed_days_per_1000", "Acute bed days"),
    ("delayed_beds_per_100k", "Delayed-transfer beds"),
    ("crises_missed_per_1000", "Crises missed"),
    ("readmission_30d_rate", "30-day readmission rate"),
    ("days_alive_at_home", "Days alive and at home"),
    ("cost_total_gbp", "NHS and social care cost"),
];

/// An axis label with the metric's unit: `Emergency admissions (per 1,000
/// person-years)`.
pub fn with_unit(label: &str, metric: &str) -> String {
    match unit_of(metric) {
        "" => label.to_string(),
        u => format!("{label} ({u})"),
    }
}

/// One format for every tick label of an axis over `lo..hi`: the same
/// number of decimals (and the same thousands or millions suffix) for all.
fn axis_fmt(lo: f64, hi: f64) -> impl Fn(&f64) -> String {
    let big = lo.abs().max(hi.abs());
    let (div, suffix) = if big >= 1e7 {
        (1e6, "m")
    } else if big >= 1e4 {
        (1e3, "k")
    } else {
        (1.0, "")
    };
    let step = ((hi - lo) / 8.0 / div).abs();
    let decimals = if step > 0.0 && step.is_finite() {
        (-step.log10().floor()).clamp(0.0, 4.0) as usize
    } else {
        0
    };
    move |v: &f64| {
        if *v == 0.0 {
            return "0".to_string();
        }
        format!("{:.*}{suffix}", decimals, v / div)
    }
}

/// The label of a tick on an axis in years from the first month: the
/// month's `YYYY-MM` at whole years, nothing between them.
fn month_label(periods: &[String], years: f64) -> String {
    let i = (years * 12.0).round();
    if (years - years.round()).abs() > 1e-6 || i < 0.0 {
        return String::new();
    }
    periods.get(i as usize).cloned().unwrap_or_default()
}

/// The unit of a metric, from the output dictionary (`""` when unknown).
pub fn unit_of(metric: &str) -> &'static str {
    crate::analysis::dictionary::unit_of(metric)
}

/// One plot written to `plots/`.
#[derive(Clone, Debug, PartialEq)]
pub struct Plot {
    /// File stem: `plots/<name>.svg` and `plots/<name>.csv`.
    pub name: String,
    /// Title.
    pub title: String,
    /// What it shows and how to read it.
    pub caption: String,
}

/// Okabe–Ito colours (distinguishable with colour-vision deficiency).
const COLOURS: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(120, 120, 120),
    RGBColor(0, 0, 0),
];

fn colour(i: usize) -> RGBColor {
    COLOURS[i % COLOURS.len()]
}

const SIZE: (u32, u32) = (760, 420);
const FONT: &str = "sans-serif";

/// The series legend every plot draws: upper left, on a pale box.
fn draw_legend<'a, DB, CT>(chart: &mut ChartContext<'a, DB, CT>) -> Result<()>
where
    DB: DrawingBackend + 'a,
    CT: CoordTranslate,
{
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(200, 200, 200))
        .label_font((FONT, 12))
        .draw()
        .map_err(draw_err)
}

fn draw_err<E: std::fmt::Debug>(e: E) -> Error {
    Error::Internal(format!("drawing a plot: {e:?}"))
}

/// Write every plot a results folder supports into `DIR/plots/`, with
/// economic settings read from the folder (see [`Settings::load`]).
pub fn write_run_plots(dir: &Path) -> Result<Vec<Plot>> {
    let settings = Settings::load(dir, None)?;
    write_plots(dir, &settings)
}

/// Same as [`write_run_plots`], for a sweep folder.
pub fn write_sweep_plots(dir: &Path) -> Result<Vec<Plot>> {
    write_run_plots(dir)
}

/// Write every plot the folder supports, with the given economic settings.
pub fn write_plots(dir: &Path, settings: &Settings) -> Result<Vec<Plot>> {
    let res = Results::open(dir)?;
    let mut plots = Vec::new();
    // A fit's plots are its own (written by `carescale fit`).
    if res.kind == Kind::Fit {
        return Ok(plots);
    }
    let out = dir.join("plots");
    std::fs::create_dir_all(&out)
        .map_err(|e| Error::io(&out, e, "check free disk space and permissions"))?;
    if res.kind == Kind::Calibration {
        return Ok(plots);
    }
    fans_by_scenario(&res, &out, &mut plots)?;
    if res.kind == Kind::Run {
        fans_by_group(&res, &out, &mut plots)?;
        fidelity(&res, &out, &mut plots)?;
    } else {
        comparisons(&res, &out, &mut plots)?;
        tornado(&res, &out, &mut plots)?;
    }
    // The cost-effectiveness plots compare strategies: a single run has one
    // and its monthly costs are not read.
    let ev = if res.cells.len() > 1 {
        Evaluation::of(&res, settings)?
    } else {
        None
    };
    if let Some(ev) = ev {
        if ev.strategies.len() > 1 {
            ce_plane(&ev, &out, &mut plots)?;
            ceac(&ev, &out, &mut plots)?;
        }
    }
    Ok(plots)
}

fn save(out: &Path, name: &str, svg: &str, csv: &str) -> Result<()> {
    for (ext, text) in [("svg", svg), ("csv", csv)] {
        let p = out.join(format!("{name}.{ext}"));
        crate::files::write_atomic(&p, text.as_bytes())?;
    }
    Ok(())
}

/// Quantiles over replicates of one month (5%, 25%, 50%, 75%, 95%) of the
/// finite values, one per replicate; `None` when there are none.
pub fn quantiles(values: &[f64]) -> Option<[f64; 5]> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let q = |p| crate::stats::percentile(&v, p);
    Some([q(0.05), q(0.25), q(0.5), q(0.75), q(0.95)])
}

/// Each month's quantiles over replicates (see [`quantiles`]), read from a
/// results file through a transpose on disk: memory holds the quantiles,
/// not the replicates.
type Quantiled = MonthlySummary<Option<[f64; 5]>>;

/// A fan: label and, per period index, the five quantiles.
struct Fan {
    label: String,
    points: Vec<(usize, [f64; 5])>,
}

fn fans_from(labelled: &[(String, &Quantiled)], periods: &[String]) -> Vec<Fan> {
    labelled
        .iter()
        .map(|(label, m)| Fan {
            label: label.clone(),
            points: m
                .iter()
                .filter_map(|(p, q)| {
                    let i = periods.iter().position(|x| x == p)?;
                    q.map(|q| (i, q))
                })
                .collect(),
        })
        .filter(|f| !f.points.is_empty())
        .collect()
}

fn fan_csv(key: &str, metric: &str, fans: &[Fan], periods: &[String]) -> String {
    let mut s = format!("{key},period,metric,p05,p25,p50,p75,p95\n");
    for f in fans {
        for (i, q) in &f.points {
            let _ = writeln!(
                s,
                "{},{},{},{},{},{},{},{}",
                f.label,
                periods[*i],
                metric,
                num(q[0]),
                num(q[1]),
                num(q[2]),
                num(q[3]),
                num(q[4])
            );
        }
    }
    s
}

fn y_range(vals: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in vals.filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    let pad = ((hi - lo) * 0.08).max(hi.abs() * 0.01).max(1e-9);
    let lo = if lo >= 0.0 && lo - pad < 0.0 {
        0.0
    } else {
        lo - pad
    };
    (lo, hi + pad)
}

/// Draw fans over a monthly axis.
fn fan_svg(title: &str, y_label: &str, fans: &[Fan], periods: &[String]) -> Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let (lo, hi) = y_range(
            fans.iter()
                .flat_map(|f| f.points.iter().flat_map(|p| [p.1[0], p.1[4]])),
        );
        let n = periods.len().max(2);
        // The x axis is in years from the first month, so the axis's round
        // steps fall on whole years; labels name the month.
        let years = (n - 1) as f64 / 12.0;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, (FONT, 18))
            .margin(12)
            .margin_right(40)
            .x_label_area_size(44)
            .y_label_area_size(72)
            .build_cartesian_2d(0f64..years, lo..hi)
            .map_err(draw_err)?;
        chart
            .configure_mesh()
            .light_line_style(RGBColor(246, 246, 246))
            .x_labels((years.ceil() as usize + 1).clamp(2, 12))
            .y_labels(8)
            .x_label_formatter(&|x| month_label(periods, *x))
            .y_label_formatter(&axis_fmt(lo, hi))
            .x_desc("month (calendar)")
            .y_desc(y_label)
            .label_style((FONT, 12))
            .axis_desc_style((FONT, 13))
            .draw()
            .map_err(draw_err)?;
        for (k, f) in fans.iter().enumerate() {
            let c = colour(k);
            for (lo_i, hi_i, alpha) in [(0, 4, 0.15), (1, 3, 0.30)] {
                let mut poly: Vec<(f64, f64)> = f
                    .points
                    .iter()
                    .map(|(i, q)| (*i as f64 / 12.0, q[lo_i]))
                    .collect();
                poly.extend(
                    f.points
                        .iter()
                        .rev()
                        .map(|(i, q)| (*i as f64 / 12.0, q[hi_i])),
                );
                chart
                    .draw_series(std::iter::once(Polygon::new(poly, c.mix(alpha).filled())))
                    .map_err(draw_err)?;
            }
            chart
                .draw_series(LineSeries::new(
                    f.points.iter().map(|(i, q)| (*i as f64 / 12.0, q[2])),
                    c.stroke_width(2),
                ))
                .map_err(draw_err)?
                .label(f.label.clone())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], c.stroke_width(3))
                });
        }
        if fans.len() > 1 || !fans.is_empty() {
            draw_legend(&mut chart)?;
        }
        root.present().map_err(draw_err)?;
    }
    Ok(svg)
}

fn all_periods<'a>(ms: impl Iterator<Item = &'a Quantiled>) -> Vec<String> {
    let set: BTreeSet<String> = ms.flat_map(|m| m.keys().cloned()).collect();
    set.into_iter().collect()
}

fn fans_by_scenario(res: &Results, out: &Path, plots: &mut Vec<Plot>) -> Result<()> {
    let keep = |m: &str| MAIN_METRICS.iter().any(|(n, _)| *n == m);
    // Only group `all` is drawn here.
    let series = res.group_summaries_of(&|g| g == "all", &keep, &quantiles)?;
    // At most eight scenarios on one chart stay readable.
    let cells: Vec<(&String, String)> = res
        .cells
        .iter()
        .filter(|c| series.contains_key(&c.id))
        .map(|c| (&c.id, c.short_label()))
        .take(8)
        .collect();
    for (metric, label) in MAIN_METRICS {
        let labelled: Vec<(String, &Quantiled)> = cells
            .iter()
            .filter_map(|(id, name)| {
                series[*id]
                    .get(&("all".to_string(), metric.to_string()))
                    .map(|m| (name.clone(), m))
            })
            .collect();
        if labelled.is_empty() {
            continue;
        }
        let periods = all_periods(labelled.iter().map(|(_, m)| *m));
        let fans = fans_from(&labelled, &periods);
        if fans.is_empty() {
            continue;
        }
        let name = format!("fan_{metric}");
        let title = format!("{label}, all sites");
        save(
            out,
            &name,
            &fan_svg(&title, &with_unit(label, metric), &fans, &periods)?,
            &fan_csv("scenario", metric, &fans, &periods),
        )?;
        plots.push(Plot {
            name,
            title,
            caption: format!(
                "Monthly {metric} for all sites by scenario: line the median over replicates, dark band the middle 50% and light band the middle 90% of replicates."
            ),
        });
    }
    Ok(())
}

fn fans_by_group(res: &Results, out: &Path, plots: &mut Vec<Plot>) -> Result<()> {
    let Some(cell) = res.cells.first() else {
        return Ok(());
    };
    let keep = |m: &str| MAIN_METRICS[..5].iter().any(|(n, _)| *n == m);
    // Every group but `all` is drawn here.
    let mut series = crate::output::read::summarise_series_of(
        &cell.dir.join("timeseries_groups.csv"),
        "group",
        &|g| g != "all",
        &keep,
        &quantiles,
    )?;
    // A group of one site is not repeated in timeseries_groups.csv: take
    // its series from the site's own rows.
    let single = single_site_groups(&cell.dir);
    if single
        .iter()
        .any(|(g, _)| !series.keys().any(|(k, _)| k == g))
    {
        let wanted: BTreeSet<&str> = single.iter().map(|(_, s)| s.as_str()).collect();
        let sites = crate::output::read::summarise_series_of(
            &cell.dir.join("timeseries.csv"),
            "site",
            &|s| wanted.contains(s),
            &keep,
            &quantiles,
        )?;
        for (g, site) in &single {
            if series.keys().any(|(k, _)| k == g) {
                continue;
            }
            for ((s, m), v) in &sites {
                if s == site {
                    series.insert((g.clone(), m.clone()), v.clone());
                }
            }
        }
    }
    let groups: BTreeSet<&String> = series
        .keys()
        .map(|(g, _)| g)
        .filter(|g| *g != "all")
        .collect();
    if groups.len() < 2 {
        return Ok(());
    }
    // Vanguard first, comparison second, others after.
    let mut groups: Vec<&String> = groups.into_iter().collect();
    groups.sort_by_key(|g| match g.as_str() {
        "vanguard" => 0,
        "comparison" => 1,
        _ => 2,
    });
    for (metric, label) in &MAIN_METRICS[..5] {
        let labelled: Vec<(String, &Quantiled)> = groups
            .iter()
            .filter_map(|g| {
                series
                    .get(&((*g).clone(), metric.to_string()))
                    .map(|m| ((*g).clone(), m))
            })
            .collect();
        if labelled.len() < 2 {
            continue;
        }
        let periods = all_periods(labelled.iter().map(|(_, m)| *m));
        let fans = fans_from(&labelled, &periods);
        let name = format!("groups_{metric}");
        let title = format!("{label}, by group");
        save(
            out,
            &name,
            &fan_svg(&title, &with_unit(label, metric), &fans, &periods)?,
            &fan_csv("group", metric, &fans, &periods),
        )?;
        plots.push(Plot {
            name,
            title,
            caption: format!(
                "Monthly {metric} by reporting group (e.g. vanguard vs comparison sites): median and 50%/90% bands over replicates."
            ),
        });
    }
    Ok(())
}

/// Reporting groups with exactly one site, from the manifest: (group, site).
fn single_site_groups(dir: &Path) -> Vec<(String, String)> {
    let Some(m) = crate::output::read::read_manifest(dir) else {
        return Vec::new();
    };
    let Some(sites) = m.pointer("/parameters/sites").and_then(|s| s.as_array()) else {
        return Vec::new();
    };
    let mut by: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for s in sites {
        if let (Some(n), Some(g)) = (
            s.get("name").and_then(|v| v.as_str()),
            s.get("group").and_then(|v| v.as_str()),
        ) {
            by.entry(g.to_string()).or_default().push(n.to_string());
        }
    }
    // A group named like a site is that site; only sites.len() > 1 sets
    // write their own rows, and "all" is always written.
    by.into_iter()
        .filter(|(g, v)| v.len() == 1 && g != "all" && sites.len() > 1 && v[0] != *g)
        .map(|(g, mut v)| (g, v.remove(0)))
        .collect()
}

/// Draw lines (x numeric) with an optional period axis.
#[allow(clippy::too_many_arguments)]
fn lines_svg(
    title: &str,
    x_label: &str,
    y_label: &str,
    lines: &[(String, Vec<(f64, f64)>)],
    x_range: (f64, f64),
    x_labels: usize,
    y_range: (f64, f64),
    x_fmt: &dyn Fn(&f64) -> String,
    legend: bool,
) -> Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, (FONT, 18))
            .margin(12)
            .margin_right(40)
            .x_label_area_size(44)
            .y_label_area_size(72)
            .build_cartesian_2d(x_range.0..x_range.1, y_range.0..y_range.1)
            .map_err(draw_err)?;
        chart
            .configure_mesh()
            .light_line_style(RGBColor(246, 246, 246))
            .x_labels(x_labels)
            .y_labels(8)
            .x_label_formatter(x_fmt)
            .y_label_formatter(&axis_fmt(y_range.0, y_range.1))
            .x_desc(x_label)
            .y_desc(y_label)
            .label_style((FONT, 12))
            .axis_desc_style((FONT, 13))
            .draw()
            .map_err(draw_err)?;
        for (k, (label, pts)) in lines.iter().enumerate() {
            let c = colour(k);
            let s = chart
                .draw_series(LineSeries::new(pts.iter().copied(), c.stroke_width(2)))
                .map_err(draw_err)?;
            if legend {
                s.label(label.clone()).legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], c.stroke_width(3))
                });
            }
        }
        if legend {
            draw_legend(&mut chart)?;
        }
        root.present().map_err(draw_err)?;
    }
    Ok(svg)
}

fn fidelity(res: &Results, out: &Path, plots: &mut Vec<Plot>) -> Result<()> {
    let Some(cell) = res.cells.first() else {
        return Ok(());
    };
    let keep = |m: &str| m.starts_with("fidelity_");
    let series = crate::output::read::summarise_series_of(
        &cell.dir.join("timeseries.csv"),
        "site",
        &|_| true,
        &keep,
        &quantiles,
    )?;
    if series.is_empty() {
        return Ok(());
    }
    let periods = all_periods(series.values());
    for lever in Lever::ALL.map(Lever::key) {
        let metric = format!("fidelity_{lever}");
        let mut lines = Vec::new();
        let mut csv = String::from("site,period,metric,p05,p25,p50,p75,p95\n");
        for ((site, m), monthly) in series.iter().filter(|((_, m), _)| *m == metric) {
            let mut pts = Vec::new();
            for (p, q) in monthly {
                if let (Some(i), Some(q)) = (periods.iter().position(|x| x == p), q) {
                    pts.push((i as f64 / 12.0, q[2]));
                    let _ = writeln!(
                        csv,
                        "{site},{p},{m},{},{},{},{},{}",
                        num(q[0]),
                        num(q[1]),
                        num(q[2]),
                        num(q[3]),
                        num(q[4])
                    );
                }
            }
            lines.push((site.clone(), pts));
        }
        if lines.is_empty() || lines.iter().all(|(_, p)| p.iter().all(|(_, y)| *y == 0.0)) {
            continue;
        }
        let n = periods.len().max(2);
        let fmt = |x: &f64| month_label(&periods, *x);
        let name = format!("fidelity_{lever}");
        let title = format!("Fidelity of {} by site", lever.replace('_', " "));
        let legend = lines.len() <= 10;
        let svg = lines_svg(
            &title,
            "month (calendar)",
            "fidelity (share 0..1)",
            &lines,
            (0.0, (n - 1) as f64 / 12.0),
            ((n - 1) / 12 + 1).clamp(2, 12),
            (0.0, 1.05),
            &fmt,
            legend,
        )?;
        save(out, &name, &svg, &csv)?;
        plots.push(Plot {
            name,
            title,
            caption: format!(
                "Implementation fidelity of the {} lever at each site over time (median over replicates; the CSV has the 5-95% spread).",
                lever.replace('_', " ")
            ),
        });
    }
    Ok(())
}

/// A scatter of simulated against observed values on equal axes, with the
/// line y = x: points (observed, simulated, simulated lower, simulated
/// upper), the interval drawn as a vertical bar when finite (cut at the
/// axes, which span the points). `subtitle` goes under the title (the
/// fit's summary figures).
pub fn scatter_svg(
    title: &str,
    subtitle: &str,
    x_label: &str,
    y_label: &str,
    pts: &[(f64, f64, f64, f64)],
) -> Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (SIZE.0, 560)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let (top, body) = root.split_vertically(56);
        top.draw(&Text::new(title.to_string(), (14, 8), (FONT, 18)))
            .map_err(draw_err)?;
        top.draw(&Text::new(
            subtitle.to_string(),
            (14, 32),
            (FONT, 13).into_font().color(&RGBColor(76, 85, 102)),
        ))
        .map_err(draw_err)?;
        let (lo, hi) = y_range(pts.iter().flat_map(|p| [p.0, p.1]));
        let mut chart = ChartBuilder::on(&body)
            .margin(12)
            .margin_right(40)
            .x_label_area_size(44)
            .y_label_area_size(72)
            .build_cartesian_2d(lo..hi, lo..hi)
            .map_err(draw_err)?;
        chart
            .configure_mesh()
            .light_line_style(RGBColor(246, 246, 246))
            .x_label_formatter(&axis_fmt(lo, hi))
            .y_label_formatter(&axis_fmt(lo, hi))
            .x_desc(x_label)
            .y_desc(y_label)
            .label_style((FONT, 12))
            .axis_desc_style((FONT, 13))
            .draw()
            .map_err(draw_err)?;
        let grey = RGBColor(120, 120, 120);
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(lo, lo), (hi, hi)],
                grey.stroke_width(1),
            )))
            .map_err(draw_err)?
            .label("y = x (simulated equals observed)")
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], grey.stroke_width(1))
            });
        let c = colour(0);
        chart
            .draw_series(
                pts.iter()
                    .filter(|p| p.2.is_finite() && p.3.is_finite())
                    .map(|p| {
                        let (a, b) = (p.2.clamp(lo, hi), p.3.clamp(lo, hi));
                        PathElement::new(vec![(p.0, a), (p.0, b)], c.mix(0.6).stroke_width(1))
                    }),
            )
            .map_err(draw_err)?;
        chart
            .draw_series(
                pts.iter()
                    .filter(|p| p.0.is_finite() && p.1.is_finite())
                    .map(|p| Circle::new((p.0, p.1), 4, c.mix(0.8).filled())),
            )
            .map_err(draw_err)?
            .label("place (bar: 95% CI over replicates)")
            .legend(move |(x, y)| Circle::new((x + 9, y), 4, c.filled()));
        draw_legend(&mut chart)?;
        root.present().map_err(draw_err)?;
    }
    Ok(svg)
}

/// Horizontal intervals: (label, estimate, lower, upper), with a zero line.
fn forest_svg(title: &str, x_label: &str, rows: &[(String, f64, f64, f64)]) -> Result<String> {
    let mut svg = String::new();
    let h = (90 + 34 * rows.len() as u32).max(200);
    {
        let root = SVGBackend::with_string(&mut svg, (SIZE.0, h)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let (lo, hi) = y_range(rows.iter().flat_map(|r| [r.1, r.2, r.3, 0.0]));
        let n = rows.len();
        let labels: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
        let mut chart = ChartBuilder::on(&root)
            .caption(title, (FONT, 18))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(170)
            .build_cartesian_2d(lo..hi, -0.5f64..(n as f64 - 0.5))
            .map_err(draw_err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(RGBColor(246, 246, 246))
            .y_labels(n.max(1))
            .y_label_formatter(&|y| {
                let i = y.round();
                if (y - i).abs() < 1e-6 && i >= 0.0 {
                    labels.get(n - 1 - i as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .x_label_formatter(&axis_fmt(lo, hi))
            .x_desc(x_label)
            .label_style((FONT, 12))
            .axis_desc_style((FONT, 13))
            .draw()
            .map_err(draw_err)?;
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(0.0, -0.5), (0.0, n as f64 - 0.5)],
                RGBColor(120, 120, 120).stroke_width(1),
            )))
            .map_err(draw_err)?;
        for (k, (_, est, l, u)) in rows.iter().enumerate() {
            let y = (n - 1 - k) as f64;
            let c = colour(0);
            if l.is_finite() && u.is_finite() {
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        vec![(*l, y), (*u, y)],
                        c.stroke_width(2),
                    )))
                    .map_err(draw_err)?;
            }
            chart
                .draw_series(std::iter::once(Circle::new((*est, y), 5, c.filled())))
                .map_err(draw_err)?;
        }
        root.present().map_err(draw_err)?;
    }
    Ok(svg)
}

fn comparisons(res: &Results, out: &Path, plots: &mut Vec<Plot>) -> Result<()> {
    let metrics: Vec<&str> = MAIN_METRICS.iter().map(|m| m.0).collect();
    let comps = res.comparisons("all", &metrics)?;
    let base = res.baseline().map(|c| c.id.clone()).unwrap_or_default();
    let label_of = |id: &str| {
        res.cells
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.short_label())
            .unwrap_or_else(|| id.to_string())
    };
    for (metric, label) in MAIN_METRICS {
        let chosen: Vec<&crate::output::read::Comparison> = comps
            .iter()
            .filter(|c| c.metric == metric)
            .take(40)
            .collect();
        let rows: Vec<(String, f64, f64, f64)> = chosen
            .iter()
            .map(|c| (label_of(&c.cell), c.diff, c.diff_ci.0, c.diff_ci.1))
            .collect();
        if rows.is_empty() {
            continue;
        }
        let mut csv = String::from(
            "cell,label,baseline,group,metric,unit,diff_mean,diff_ci_lower,diff_ci_upper\n",
        );
        for (c, r) in chosen.iter().zip(&rows) {
            let _ = writeln!(
                csv,
                "{},{},{base},all,{metric},{},{},{},{}",
                c.cell,
                crate::output::aggregate::field(&r.0),
                crate::output::aggregate::field(unit_of(metric)),
                num(r.1),
                num(r.2),
                num(r.3)
            );
        }
        let name = format!("comparison_{metric}");
        let title = format!("Difference from {base}: {label}");
        save(
            out,
            &name,
            &forest_svg(
                &title,
                &format!("difference, scenario minus baseline ({})", unit_of(metric)),
                &rows,
            )?,
            &csv,
        )?;
        plots.push(Plot {
            name,
            title,
            caption: format!(
                "Mean paired difference in {metric} (all sites, reported period) of each scenario from the baseline `{base}`, with its 95% confidence interval (common random numbers)."
            ),
        });
    }
    Ok(())
}

fn tornado(res: &Results, out: &Path, plots: &mut Vec<Plot>) -> Result<()> {
    if !res.is_oat() {
        return Ok(());
    }
    let metrics: Vec<&str> = MAIN_METRICS.iter().map(|m| m.0).collect();
    let comps = res.comparisons("all", &metrics)?;
    for (metric, label) in [MAIN_METRICS[0], MAIN_METRICS[7]] {
        // parameter -> (low delta, high delta, low value, high value)
        let mut bars: BTreeMap<String, (f64, f64, String, String)> = BTreeMap::new();
        for c in &res.cells {
            let Some((p, level, value)) = c.oat() else {
                continue;
            };
            let Some(d) = comps.iter().find(|x| x.cell == c.id && x.metric == metric) else {
                continue;
            };
            let e = bars
                .entry(p.to_string())
                .or_insert((0.0, 0.0, String::new(), String::new()));
            if level == "low" {
                e.0 = d.diff;
                e.2 = value.to_string();
            } else {
                e.1 = d.diff;
                e.3 = value.to_string();
            }
        }
        if bars.is_empty() {
            continue;
        }
        let mut rows: Vec<(String, f64, f64, String, String)> = bars
            .into_iter()
            .map(|(p, (l, h, lv, hv))| (p, l, h, lv, hv))
            .collect();
        rows.sort_by(|a, b| (b.2 - b.1).abs().total_cmp(&(a.2 - a.1).abs()));
        let mut csv = String::from(
            "parameter,metric,low_value,high_value,difference_at_low,difference_at_high\n",
        );
        for r in &rows {
            let _ = writeln!(
                csv,
                "{},{metric},{},{},{},{}",
                r.0,
                r.3,
                r.4,
                num(r.1),
                num(r.2)
            );
        }
        let name = format!("tornado_{metric}");
        let title = format!("One-at-a-time sensitivity: {label}");
        let x_label = format!("difference from baseline ({})", unit_of(metric));
        save(out, &name, &tornado_svg(&title, &x_label, &rows)?, &csv)?;
        plots.push(Plot {
            name,
            title,
            caption: format!(
                "Change in mean {metric} (all sites) from the baseline when each parameter is set to its low (blue) or high (orange) value, widest first."
            ),
        });
    }
    Ok(())
}

fn tornado_svg(
    title: &str,
    x_label: &str,
    rows: &[(String, f64, f64, String, String)],
) -> Result<String> {
    let mut svg = String::new();
    let h = (90 + 30 * rows.len() as u32).max(200);
    {
        let root = SVGBackend::with_string(&mut svg, (SIZE.0, h)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let (lo, hi) = y_range(rows.iter().flat_map(|r| [r.1, r.2, 0.0]));
        let n = rows.len();
        let labels: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
        let mut chart = ChartBuilder::on(&root)
            .caption(title, (FONT, 18))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(230)
            .build_cartesian_2d(lo..hi, -0.5f64..(n as f64 - 0.5))
            .map_err(draw_err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(RGBColor(246, 246, 246))
            .y_labels(n.max(1))
            .y_label_formatter(&|y| {
                let i = y.round();
                if (y - i).abs() < 1e-6 && i >= 0.0 {
                    labels.get(n - 1 - i as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .x_label_formatter(&axis_fmt(lo, hi))
            .x_desc(x_label)
            .label_style((FONT, 12))
            .axis_desc_style((FONT, 13))
            .draw()
            .map_err(draw_err)?;
        for (k, r) in rows.iter().enumerate() {
            let y = (n - 1 - k) as f64;
            for (v, c) in [(r.1, colour(0)), (r.2, colour(1))] {
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(0.0, y - 0.35), (v, y + 0.35)],
                        c.mix(0.85).filled(),
                    )))
                    .map_err(draw_err)?;
            }
        }
        root.present().map_err(draw_err)?;
    }
    Ok(svg)
}

fn ce_plane(ev: &Evaluation, out: &Path, plots: &mut Vec<Plot>) -> Result<()> {
    let s = &ev.settings;
    let samples = ev.samples();
    if samples.iter().all(Vec::is_empty) {
        return Ok(());
    }
    let effect = if s.utility.is_some() {
        "QALYs"
    } else {
        "discounted days alive at home"
    };
    // A pooled PSA has one point per draw (its cell), otherwise one per
    // paired replicate.
    let (unit, ids): (&str, Vec<String>) = match &ev.psa {
        Some(p) => ("draw", p.draws.clone()),
        None => (
            "replicate",
            ev.paired.iter().map(|r| r.to_string()).collect(),
        ),
    };
    let mut csv = format!(
        "strategy,label,comparator,{unit},incremental_cost_{},incremental_effect\n",
        s.currency.to_lowercase()
    );
    let mut pts: Vec<(String, Vec<(f64, f64)>)> = Vec::new();
    for (k, name) in ev.strategies.iter().enumerate().skip(1) {
        let v: Vec<(f64, f64)> = samples[k]
            .iter()
            .zip(&samples[0])
            .map(|((c, e), (c0, e0))| (e - e0, c - c0))
            .collect();
        let label = ev.label_field(name);
        for (r, (de, dc)) in ids.iter().zip(&v) {
            let _ = writeln!(
                csv,
                "{name},{label},{},{r},{},{}",
                ev.strategies[0],
                num(*dc),
                num(*de)
            );
        }
        pts.push((name.clone(), v));
    }
    let (xlo, xhi) = y_range(
        pts.iter()
            .flat_map(|p| p.1.iter().map(|q| q.0))
            .chain([0.0]),
    );
    let (ylo, yhi) = y_range(
        pts.iter()
            .flat_map(|p| p.1.iter().map(|q| q.1))
            .chain([0.0]),
    );
    let (xm, ym) = (xlo.abs().max(xhi.abs()), ylo.abs().max(yhi.abs()));
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!("Cost-effectiveness plane vs {}", ev.strategies[0]),
                (FONT, 18),
            )
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(70)
            .build_cartesian_2d(-xm..xm, -ym..ym)
            .map_err(draw_err)?;
        chart
            .configure_mesh()
            .light_line_style(RGBColor(246, 246, 246))
            .x_label_formatter(&axis_fmt(-xm, xm))
            .y_label_formatter(&axis_fmt(-ym, ym))
            .x_desc(format!("incremental {effect}"))
            .y_desc(format!("incremental cost ({})", s.currency))
            .label_style((FONT, 12))
            .axis_desc_style((FONT, 13))
            .draw()
            .map_err(draw_err)?;
        let grey = RGBColor(120, 120, 120);
        chart
            .draw_series([
                PathElement::new(vec![(-xm, 0.0), (xm, 0.0)], grey.stroke_width(1)),
                PathElement::new(vec![(0.0, -ym), (0.0, ym)], grey.stroke_width(1)),
            ])
            .map_err(draw_err)?;
        if s.utility.is_some() {
            for (i, t) in s.thresholds.iter().enumerate() {
                let c = RGBColor(150, 150, 150);
                let s = chart
                    .draw_series(std::iter::once(PathElement::new(
                        vec![(-xm, -xm * t), (xm, xm * t)],
                        c.stroke_width(1),
                    )))
                    .map_err(draw_err)?;
                if i == 0 {
                    s.label("thresholds (GBP per QALY)").legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 18, y)], c.stroke_width(1))
                    });
                }
            }
        }
        for (k, (name, v)) in pts.iter().enumerate() {
            let c = colour(k + 1);
            let shown = ev
                .strategies
                .iter()
                .position(|s| s == name)
                .and_then(|i| ev.labels.get(i))
                .unwrap_or(name);
            chart
                .draw_series(v.iter().map(|p| Circle::new(*p, 3, c.mix(0.7).filled())))
                .map_err(draw_err)?
                .label(shown.clone())
                .legend(move |(x, y)| Circle::new((x + 9, y), 4, c.filled()));
        }
        draw_legend(&mut chart)?;
        root.present().map_err(draw_err)?;
    }
    save(out, "ce_plane", &svg, &csv)?;
    plots.push(Plot {
        name: "ce_plane".into(),
        title: format!("Cost-effectiveness plane vs {}", ev.strategies[0]),
        caption: match &ev.psa {
            Some(p) => format!(
                "Incremental discounted cost against incremental {effect} of the programme vs {}: one point per PSA draw ({} draws, each the mean of {} paired replicates), the uncertainty about one comparison; grey lines are the thresholds.",
                ev.strategies[0],
                p.draws.len(),
                p.replicates
            ),
            None => format!(
                "Incremental discounted cost against incremental {effect} of each strategy vs {}, one point per paired replicate; grey lines are the thresholds.",
                ev.strategies[0]
            ),
        },
    });
    Ok(())
}

fn ceac(ev: &Evaluation, out: &Path, plots: &mut Vec<Plot>) -> Result<()> {
    let curve = ev.ceac();
    if curve.is_empty() {
        return Ok(());
    }
    let mut csv = String::from("threshold_gbp_per_qaly,strategy,label,prob_cost_effective\n");
    for (t, ps) in &curve {
        for (name, p) in ev.strategies.iter().zip(ps) {
            let _ = writeln!(
                csv,
                "{},{name},{},{}",
                num(*t),
                ev.label_field(name),
                num(*p)
            );
        }
    }
    let lines: Vec<(String, Vec<(f64, f64)>)> = ev
        .strategies
        .iter()
        .enumerate()
        .map(|(k, n)| {
            (
                ev.labels.get(k).unwrap_or(n).clone(),
                curve.iter().map(|(t, ps)| (*t, ps[k])).collect(),
            )
        })
        .collect();
    let xmax = curve.last().map(|c| c.0).unwrap_or(50_000.0);
    let svg = lines_svg(
        "Cost-effectiveness acceptability curve",
        "threshold (GBP per QALY)",
        "probability cost-effective (share 0..1)",
        &lines,
        (0.0, xmax),
        6,
        (0.0, 1.05),
        &axis_fmt(0.0, xmax),
        true,
    )?;
    save(out, "ceac", &svg, &csv)?;
    plots.push(Plot {
        name: "ceac".into(),
        title: "Cost-effectiveness acceptability curve".into(),
        caption: if ev.psa.is_some() {
            "Share of PSA draws in which each strategy has the highest net monetary benefit, by threshold: the probability the programme is cost-effective given the uncertainty in its parameters.".into()
        } else {
            "Share of paired replicates in which each strategy has the highest net monetary benefit, by threshold.".into()
        },
    });
    Ok(())
}
