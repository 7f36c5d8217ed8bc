//! A fit's results: tables (CSV), plots (SVG: emulator leave-one-out
//! errors and the non-implausible space of each wave as pairs plots; the
//! targets with their simulated intervals) and `CALIBRATION_REPORT.md`,
//! which answers the seven calibration-reporting items of Vanni et al.
//! (2011) from what the fit did.

use crate::analysis::fit::config::FitFile;
use crate::analysis::fit::history::{self, Outcome, Stop, Wave};
use crate::analysis::fit::model::exact;
use crate::analysis::fit::Summary;
use crate::error::{Error, Result};
use crate::files::write_atomic;
use crate::output::number::num;
use plotters::prelude::*;
use std::fmt::Write as _;
use std::path::Path;

const FONT: &str = "sans-serif";

fn draw_err<E: std::fmt::Debug>(e: E) -> Error {
    Error::Internal(format!("drawing a plot: {e:?}"))
}

/// The `q` quantile of `v` (sorted copy; NaN if empty).
pub fn quantile(v: &[f64], q: f64) -> f64 {
    let mut s: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
    if s.is_empty() {
        return f64::NAN;
    }
    s.sort_by(f64::total_cmp);
    let pos = q * (s.len() - 1) as f64;
    let (i, f) = (pos.floor() as usize, pos.fract());
    if i + 1 < s.len() {
        s[i] * (1.0 - f) + s[i + 1] * f
    } else {
        s[i]
    }
}

fn to_units(fit: &FitFile, u: &[f64]) -> Vec<f64> {
    fit.params
        .iter()
        .zip(u)
        .map(|(p, x)| p.from_unit(*x))
        .collect()
}

/// Leave-one-out table of a wave.
fn loo_csv(w: &Wave, o: &Outcome) -> String {
    let mut s =
        String::from("wave,target,point,observed,predicted,predictive_sd,standardised_error\n");
    for (t, loo) in w.loo.iter().enumerate() {
        for (i, l) in loo.iter().enumerate() {
            let _ = writeln!(
                s,
                "{},{},{},{},{},{},{}",
                w.wave,
                o.targets[t].name,
                i + 1,
                num(l.observed),
                num(l.mean),
                num(l.var.sqrt()),
                num(l.standardised())
            );
        }
    }
    s
}

/// Standardised leave-one-out errors by target, with ±2 and ±3 lines.
fn loo_svg(w: &Wave, o: &Outcome) -> Result<String> {
    let nt = o.targets.len();
    let h = 160 + 26 * nt as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (760, h)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let mut lim = 4.0f64;
        for l in w.loo.iter().flatten() {
            let z = l.standardised();
            if z.is_finite() {
                lim = lim.max(z.abs() * 1.05);
            }
        }
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!("Wave {}: leave-one-out standardised errors", w.wave),
                (FONT, 17),
            )
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(260)
            .build_cartesian_2d(-lim..lim, -0.5f64..(nt as f64 - 0.5))
            .map_err(draw_err)?;
        let names: Vec<String> = o.targets.iter().map(|t| t.name.clone()).collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(nt.max(1))
            .y_label_formatter(&|y| {
                let i = y.round();
                if (y - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < names.len() {
                    names[i as usize].clone()
                } else {
                    String::new()
                }
            })
            .x_desc("(observed − predicted) / predictive SD")
            .label_style((FONT, 11))
            .draw()
            .map_err(draw_err)?;
        for (v, c) in [(2.0, RGBColor(200, 200, 200)), (3.0, RGBColor(220, 80, 80))] {
            for s in [-v, v] {
                chart
                    .draw_series(LineSeries::new(
                        vec![(s, -0.5), (s, nt as f64 - 0.5)],
                        c.stroke_width(1),
                    ))
                    .map_err(draw_err)?;
            }
        }
        for (t, loo) in w.loo.iter().enumerate() {
            let n = loo.len().max(1) as f64;
            chart
                .draw_series(loo.iter().enumerate().filter_map(|(i, l)| {
                    let z = l.standardised();
                    z.is_finite().then(|| {
                        let y = t as f64 + 0.6 * (i as f64 / n - 0.5);
                        Circle::new((z, y), 3, RGBColor(31, 119, 180).filled())
                    })
                }))
                .map_err(draw_err)?;
        }
        root.present().map_err(draw_err)?;
    }
    Ok(svg)
}

/// Pairs plot of a wave's non-implausible samples (grey) and its design
/// points (blue), in the parameters' own units over their prior ranges.
fn pairs_svg(fit: &FitFile, w: &Wave) -> Result<String> {
    let d = fit.params.len();
    let cell = if d <= 3 {
        240
    } else {
        (900 / d as u32).max(110)
    };
    let side = cell * d as u32 + 40;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (side, side + 30)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let (title, body) = root.split_vertically(30);
        title
            .titled(
                &format!(
                    "Wave {}: non-implausible space ({:.3}% of the prior volume)",
                    w.wave,
                    w.volume * 100.0
                ),
                (FONT, 15),
            )
            .map_err(draw_err)?;
        let areas = body.margin(4, 4, 36, 4).split_evenly((d, d));
        let step = (w.samples.len() / 800).max(1);
        for (k, area) in areas.iter().enumerate() {
            let (i, j) = (k / d, k % d);
            let (pi, pj) = (&fit.params[i], &fit.params[j]);
            if i == j {
                let short = pi.path.rsplit('.').next().unwrap_or(&pi.path);
                area.draw(&Text::new(
                    short.to_string(),
                    (6, (cell / 2) as i32 - 6),
                    (FONT, 11),
                ))
                .map_err(draw_err)?;
                continue;
            }
            let mut chart = ChartBuilder::on(area)
                .margin(3)
                .x_label_area_size(if i == d - 1 { 18 } else { 0 })
                .y_label_area_size(if j == 0 { 30 } else { 0 })
                .build_cartesian_2d(pj.min..pj.max, pi.min..pi.max)
                .map_err(draw_err)?;
            chart
                .configure_mesh()
                .disable_mesh()
                .x_labels(3)
                .y_labels(3)
                .label_style((FONT, 9))
                .draw()
                .map_err(draw_err)?;
            chart
                .draw_series(w.samples.iter().step_by(step).map(|u| {
                    Circle::new(
                        (pj.from_unit(u[j]), pi.from_unit(u[i])),
                        1,
                        RGBColor(150, 150, 150).filled(),
                    )
                }))
                .map_err(draw_err)?;
            chart
                .draw_series(w.design.iter().map(|u| {
                    Circle::new(
                        (pj.from_unit(u[j]), pi.from_unit(u[i])),
                        2,
                        RGBColor(31, 119, 180).filled(),
                    )
                }))
                .map_err(draw_err)?;
            chart
                .draw_series(std::iter::once(TriangleMarker::new(
                    (pj.current, pi.current),
                    5,
                    RGBColor(214, 39, 40).filled(),
                )))
                .map_err(draw_err)?;
        }
        root.present().map_err(draw_err)?;
    }
    Ok(svg)
}

/// One row of `targets.csv`.
struct TargetRow {
    name: String,
    value: f64,
    obs_sd: f64,
    disc_sd: f64,
    run_sd: f64,
    emulated: [f64; 3],
    confirmed: [f64; 3],
}

fn target_rows(s: &Summary) -> Vec<TargetRow> {
    let o = &s.outcome;
    let last = o.waves.last();
    o.targets
        .iter()
        .enumerate()
        .map(|(t, spec)| {
            let em = o.waves.iter().rev().find_map(|w| w.emulators[t].as_ref());
            let pred: Vec<f64> = match em {
                Some(g) => o.posterior.iter().map(|x| g.predict(x).0).collect(),
                None => vec![],
            };
            let runs: Vec<f64> = s.confirm.iter().flatten().map(|r| r[t]).collect();
            TargetRow {
                name: spec.name.clone(),
                value: spec.value,
                obs_sd: spec.obs_var.sqrt(),
                disc_sd: spec.disc_var.sqrt(),
                run_sd: last.map(|w| w.run_var[t].sqrt()).unwrap_or(f64::NAN),
                emulated: [
                    quantile(&pred, 0.05),
                    quantile(&pred, 0.5),
                    quantile(&pred, 0.95),
                ],
                confirmed: [
                    quantile(&runs, 0.05),
                    quantile(&runs, 0.5),
                    quantile(&runs, 0.95),
                ],
            }
        })
        .collect()
}

/// Each target with its simulated intervals, relative to the target.
fn targets_svg(rows: &[TargetRow]) -> Result<String> {
    let n = rows.len();
    let h = 150 + 28 * n as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (760, h)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let rel = |x: f64, z: f64| {
            if z != 0.0 {
                (x - z) / z.abs() * 100.0
            } else {
                x * 100.0
            }
        };
        let mut lim = 5.0f64;
        for r in rows {
            for x in r.confirmed.iter().chain(&r.emulated) {
                let v = rel(*x, r.value);
                if v.is_finite() {
                    lim = lim.max(v.abs() * 1.1);
                }
            }
            lim = lim.max(rel(r.value + 2.0 * r.obs_sd, r.value).abs() * 1.1);
        }
        let mut chart = ChartBuilder::on(&root)
            .caption(
                "Targets: posterior model runs (blue, 5-95%) and emulator (grey)",
                (FONT, 15),
            )
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(260)
            .build_cartesian_2d(-lim..lim, -0.5f64..(n as f64 - 0.5))
            .map_err(draw_err)?;
        let names: Vec<String> = rows.iter().map(|r| r.name.clone()).collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(n.max(1))
            .y_label_formatter(&|y| {
                let i = y.round();
                if (y - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < names.len() {
                    names[i as usize].clone()
                } else {
                    String::new()
                }
            })
            .x_desc("% difference from the target (black: target ± 2 observation SD)")
            .label_style((FONT, 11))
            .draw()
            .map_err(draw_err)?;
        for (i, r) in rows.iter().enumerate() {
            let y = i as f64;
            let band = rel(r.value + 2.0 * r.obs_sd, r.value);
            let lines = [
                (-band, band, y, BLACK, 1),
                (
                    rel(r.emulated[0], r.value),
                    rel(r.emulated[2], r.value),
                    y - 0.15,
                    RGBColor(150, 150, 150),
                    4,
                ),
                (
                    rel(r.confirmed[0], r.value),
                    rel(r.confirmed[2], r.value),
                    y + 0.15,
                    RGBColor(31, 119, 180),
                    4,
                ),
            ];
            for (a, b, yy, c, wdt) in lines {
                if a.is_finite() && b.is_finite() {
                    chart
                        .draw_series(LineSeries::new(vec![(a, yy), (b, yy)], c.stroke_width(wdt)))
                        .map_err(draw_err)?;
                }
            }
            chart
                .draw_series(std::iter::once(Circle::new((0.0, y), 3, BLACK.filled())))
                .map_err(draw_err)?;
        }
        root.present().map_err(draw_err)?;
    }
    Ok(svg)
}

/// Write every table, plot and the report of a finished fit.
pub fn write_all(fit: &FitFile, scale: f64, s: &Summary) -> Result<()> {
    let o = &s.outcome;
    let dir = &s.dir;
    let mut waves = String::from("wave,points,runs,non_implausible_volume,reduction,samples\n");
    let mut prev = 1.0;
    for w in &o.waves {
        let wd = dir.join(format!("wave-{}", w.wave));
        write_atomic(&wd.join("emulator_loo.csv"), loo_csv(w, o).as_bytes())?;
        write_atomic(&wd.join("emulator_loo.svg"), loo_svg(w, o)?.as_bytes())?;
        let mut ni = String::from("sample");
        for p in &fit.params {
            ni.push(',');
            ni.push_str(&p.path);
        }
        ni.push('\n');
        for (i, u) in w.samples.iter().take(5000).enumerate() {
            ni.push_str(&format!("s{:05}", i + 1));
            for v in to_units(fit, u) {
                ni.push(',');
                ni.push_str(&exact(v));
            }
            ni.push('\n');
        }
        write_atomic(&wd.join("non_implausible.csv"), ni.as_bytes())?;
        write_atomic(&wd.join("pairs.svg"), pairs_svg(fit, w)?.as_bytes())?;
        let _ = writeln!(
            waves,
            "{},{},{},{},{},{}",
            w.wave,
            w.design.len(),
            w.design.len() * fit.waves.replicates as usize,
            num(w.volume),
            num(if prev > 0.0 {
                1.0 - w.volume / prev
            } else {
                0.0
            }),
            w.samples.len()
        );
        prev = w.volume;
    }
    write_atomic(&dir.join("waves.csv"), waves.as_bytes())?;
    // The posterior as a design table (kind = "posterior" in a sweep),
    // with the balancing parameters' values so that sum rules hold.
    let mut balances: Vec<(&str, f64)> = Vec::new();
    for p in &fit.params {
        if let Some((path, base)) = &p.balance {
            if !balances.iter().any(|(b, _)| b == path) {
                balances.push((path, *base));
            }
        }
    }
    let mut post = String::from("cell");
    for p in &fit.params {
        post.push(',');
        post.push_str(&p.path);
    }
    for (b, _) in &balances {
        post.push(',');
        post.push_str(b);
    }
    post.push('\n');
    for (i, u) in o.posterior.iter().enumerate() {
        post.push_str(&format!("d{:04}", i + 1));
        let values = to_units(fit, u);
        for v in &values {
            post.push(',');
            post.push_str(&exact(*v));
        }
        for (b, base) in &balances {
            let mut x = *base;
            for (p, v) in fit.params.iter().zip(&values) {
                if p.balance.as_ref().is_some_and(|(path, _)| path == b) {
                    x -= v - p.current;
                }
            }
            post.push(',');
            post.push_str(&exact(x));
        }
        post.push('\n');
    }
    write_atomic(&dir.join("posterior.csv"), post.as_bytes())?;
    let last = o.waves.last();
    let current: Vec<f64> = fit.params.iter().map(|p| p.to_unit(p.current)).collect();
    let current_ok = history::non_implausible(&o.waves, &o.targets, &s.spec, &current);
    let mut params = String::from("parameter,prior_min,prior_max,prior_from,current,non_implausible_min,non_implausible_max,posterior_mean,posterior_p05,posterior_p50,posterior_p95\n");
    let mut ptable = Vec::new();
    for (j, p) in fit.params.iter().enumerate() {
        let ni: Vec<f64> = last
            .map(|w| w.samples.iter().map(|u| p.from_unit(u[j])).collect())
            .unwrap_or_default();
        let dr: Vec<f64> = o.posterior.iter().map(|u| p.from_unit(u[j])).collect();
        let mean = if dr.is_empty() {
            f64::NAN
        } else {
            dr.iter().sum::<f64>() / dr.len() as f64
        };
        let row = [
            ni.iter().copied().fold(f64::INFINITY, f64::min),
            ni.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            mean,
            quantile(&dr, 0.05),
            quantile(&dr, 0.5),
            quantile(&dr, 0.95),
        ];
        let _ = writeln!(
            params,
            "{},{},{},{},{},{}",
            p.path,
            num(p.min),
            num(p.max),
            p.range_from,
            num(p.current),
            row.iter().map(|v| num(*v)).collect::<Vec<_>>().join(",")
        );
        ptable.push((p, row));
    }
    write_atomic(&dir.join("parameters.csv"), params.as_bytes())?;
    let rows = target_rows(s);
    let mut tcsv = String::from("target,value,observation_sd,discrepancy_sd,run_sd,emulated_p05,emulated_p50,emulated_p95,runs_p05,runs_p50,runs_p95\n");
    for r in &rows {
        let _ = writeln!(
            tcsv,
            "{},{},{},{},{},{},{}",
            r.name,
            num(r.value),
            num(r.obs_sd),
            num(r.disc_sd),
            num(r.run_sd),
            r.emulated
                .iter()
                .map(|v| num(*v))
                .collect::<Vec<_>>()
                .join(","),
            r.confirmed
                .iter()
                .map(|v| num(*v))
                .collect::<Vec<_>>()
                .join(",")
        );
    }
    write_atomic(&dir.join("targets.csv"), tcsv.as_bytes())?;
    write_atomic(&dir.join("targets.svg"), targets_svg(&rows)?.as_bytes())?;
    let md = markdown(fit, scale, s, &ptable, &rows, current_ok);
    write_atomic(&dir.join("CALIBRATION_REPORT.md"), md.as_bytes())
}

/// A number for people: four significant figures.
fn sig(x: f64) -> String {
    if !x.is_finite() {
        return num(x);
    }
    if x == 0.0 {
        return "0".into();
    }
    let decimals = (3 - x.abs().log10().floor() as i32).max(0) as usize;
    let s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

fn markdown(
    fit: &FitFile,
    scale: f64,
    s: &Summary,
    ptable: &[(&crate::analysis::fit::config::FitParam, [f64; 6])],
    rows: &[TargetRow],
    current_ok: bool,
) -> String {
    let o = &s.outcome;
    let spec = &s.spec;
    let w = &fit.waves;
    let mut m = String::new();
    let _ = writeln!(m, "# Calibration report: {}\n", fit.name);
    let _ = writeln!(m, "{}\n", fit.question.trim());
    let _ = writeln!(
        m,
        "Scenario `{}` at population scale {}, seed {}; calibration file `{}`. \
         Written by `carescale fit`; the items follow Vanni et al. (2011), \
         *Calibrating models in economic evaluation*, PharmacoEconomics 29(1).\n",
        fit.scenario.scenario.name,
        sig(scale),
        fit.seed,
        fit.origin
    );
    let _ = writeln!(m, "## 1. Parameters calibrated and their priors\n");
    let _ = writeln!(m, "| parameter | prior (uniform) | range from | value before the fit | non-implausible range | posterior median (90% CrI) |");
    let _ = writeln!(m, "|---|---|---|---|---|---|");
    for (p, r) in ptable {
        let _ = writeln!(
            m,
            "| `{}` | {} to {} | {} | {} | {} to {} | {} ({} to {}) |",
            p.path,
            sig(p.min),
            sig(p.max),
            p.range_from,
            sig(p.current),
            sig(r[0]),
            sig(r[1]),
            sig(r[4]),
            sig(r[3]),
            sig(r[5])
        );
    }
    let _ = writeln!(
        m,
        "\nThe values before the fit {} non-implausible.\n",
        if current_ok { "are" } else { "are NOT" }
    );
    let _ = writeln!(m, "## 2. Calibration targets\n");
    let _ = writeln!(m, "| target | value | observation SD | discrepancy SD | SD of one run | emulator 90% | model runs 90% |");
    let _ = writeln!(m, "|---|---|---|---|---|---|---|");
    for r in rows {
        let _ = writeln!(
            m,
            "| {} | {} | {} | {} | {} | {} to {} | {} to {} |",
            r.name,
            sig(r.value),
            sig(r.obs_sd),
            sig(r.disc_sd),
            sig(r.run_sd),
            sig(r.emulated[0]),
            sig(r.emulated[2]),
            sig(r.confirmed[0]),
            sig(r.confirmed[2])
        );
    }
    let _ = writeln!(m, "\nSources: the evidence file's calibration targets (`carescale calibrate`); the observation SD is the target's tolerance read as ±2 SD unless the file gives one. See `targets.csv` and `targets.svg`.\n");
    let _ = writeln!(m, "## 3. Goodness-of-fit measure\n");
    let _ = writeln!(
        m,
        "Implausibility per target, I = |z − E[f(x)]| / sqrt(Var_emulator + Var_observation + Var_discrepancy + Var_stochastic), \
         with Var_stochastic the variance of the replicate mean (common to every point under common random numbers) plus the pooled variance of one run between replicates times {} ({}). \
         A point's measure is the {} implausibility over the targets. \
         The posterior weighs points by the Gaussian likelihood with the same variances.\n",
        sig(spec.stochastic_factor),
        if fit.stochastic_factor.is_some() { "set in the file" } else { "the population scale: a rate's variance goes as one over the population, and the observed world is one run at full scale" },
        if spec.second_max { "second-largest" } else { "largest" }
    );
    let _ = writeln!(m, "## 4. Search method\n");
    let _ = writeln!(
        m,
        "History matching in waves. Wave 1: a maximin Latin hypercube of {} points over the priors; later waves: a maximin subset of the non-implausible samples. \
         Each point ran {} replicates with common random numbers (the same seed tree at every point). \
         One Gaussian-process emulator per target (linear mean, squared-exponential kernel, one length-scale per parameter, \
         hyper-parameters by maximum marginal likelihood with Nelder–Mead, nugget = pooled replicate variance / replicates). \
         The non-implausible space was found by rejection sampling {} candidates per wave. \
         Emulator diagnostics: leave-one-out standardised errors, `wave-K/emulator_loo.csv` and `.svg`.\n",
        w.points, w.replicates, w.candidates
    );
    let _ = writeln!(
        m,
        "| wave | points | model runs | non-implausible volume | LOO errors within ±3 |"
    );
    let _ = writeln!(m, "|---|---|---|---|---|");
    for wv in &o.waves {
        let all: Vec<f64> = wv.loo.iter().flatten().map(|l| l.standardised()).collect();
        let inside = all.iter().filter(|z| z.abs() <= 3.0).count();
        let _ = writeln!(
            m,
            "| {} | {} | {} | {:.4}% | {} of {} |",
            wv.wave,
            wv.design.len(),
            wv.design.len() * w.replicates as usize,
            wv.volume * 100.0,
            inside,
            all.len()
        );
    }
    let _ = writeln!(m, "\nPairs plots of the non-implausible space: `wave-K/pairs.svg` (grey: samples; blue: the wave's design; red: the values before the fit).\n");
    let _ = writeln!(m, "## 5. Acceptance criteria\n");
    let _ = writeln!(
        m,
        "A parameter set is accepted (non-implausible) when its {} implausibility is at most {} under the emulators of every wave.\n",
        if spec.second_max { "second-largest" } else { "largest" },
        sig(spec.cutoff)
    );
    let _ = writeln!(m, "## 6. Stopping rule\n");
    let _ = writeln!(
        m,
        "Stop when a wave shrinks the non-implausible volume by less than {:.0}%, when every emulator's variance over the non-implausible space is below the other uncertainties, or after {} waves. \
         This fit stopped after {} wave(s): {}.\n",
        spec.stop_reduction * 100.0,
        spec.max_waves,
        o.waves.len(),
        o.stop.describe(spec)
    );
    if o.stop == Stop::Empty {
        let _ = writeln!(m, "**No parameter set matched the targets; the posterior is empty.** Widen the priors, revisit the discrepancy, or the model structure.\n");
    }
    let _ = writeln!(m, "## 7. How the result is used\n");
    let _ = writeln!(
        m,
        "`posterior.csv` holds {} posterior draws (importance sampling: the final non-implausible samples weighted by the likelihood of the targets under the emulators and resampled systematically; effective sample size {:.0}). \
         Importance sampling is used because the non-implausible space already holds essentially all the posterior mass, so uniform samples from it are an efficient proposal, and weighting by the emulators costs no model runs. \
         {} of the draws were confirmed with {} model runs each (`confirm/`, the \"model runs\" column above). \
         Use the draws as a sweep design (`kind = \"posterior\"`, `file = \"posterior.csv\"`) so that scenario and PSA results carry calibration uncertainty.\n",
        o.posterior.len(),
        o.ess,
        s.confirm.len(),
        w.replicates
    );
    let _ = writeln!(
        m,
        "## Runs\n\n{} model runs in all ({} by this process).",
        s.runs_total, s.runs_done
    );
    m
}

/// The path of the report in a fit's folder.
pub fn report_path(dir: &Path) -> std::path::PathBuf {
    dir.join("CALIBRATION_REPORT.md")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_for_people_have_four_significant_figures() {
        assert_eq!(sig(428.0), "428");
        assert_eq!(sig(0.034999999999999996), "0.035");
        assert_eq!(sig(1.254523716812305), "1.255");
        assert_eq!(sig(-0.020156114847092378), "-0.02016");
        assert_eq!(sig(20150.4), "20150");
        assert_eq!(quantile(&[3.0, 1.0, 2.0], 0.5), 2.0);
    }
}
