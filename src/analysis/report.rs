//! `carescale report DIR`: one self-contained `report.html` for a run or a
//! sweep — the question and scenario, a headline table, every plot (SVG
//! inlined), the economics, the calibration table when present and the
//! manifest. CSS and the small render check are inline; the page loads no
//! external resource, so it opens offline and can be mailed as one file.

use crate::analysis::economics::{Evaluation, Settings, Status, COST_CATEGORIES};
use crate::analysis::plot::{self, Plot, MAIN_METRICS};
use crate::error::Result;
use crate::output::read::{Kind, Results, Table};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Escape text for HTML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Format a number for a table: 4 significant digits, thousands grouped.
pub fn fmt(v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let a = v.abs();
    let s = if a >= 1000.0 {
        let r = format!("{:.0}", v.abs());
        let mut out = String::new();
        for (i, c) in r.chars().enumerate() {
            if i > 0 && (r.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if v < 0.0 {
            format!("-{out}")
        } else {
            out
        }
    } else if a >= 100.0 {
        format!("{v:.1}")
    } else if a >= 1.0 {
        format!("{v:.2}")
    } else if a == 0.0 {
        "0".into()
    } else {
        format!("{v:.4}")
    };
    s
}

/// A rate as a percentage without float noise (0.035 -> "3.5").
fn pct(r: f64) -> String {
    let s = format!("{:.4}", r * 100.0);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

const CSS: &str = r#"
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;color:#1d2330;background:#f5f6f8;line-height:1.45}
main{max-width:1040px;margin:0 auto;padding:24px 28px 64px;background:#fff}
header{border-bottom:3px solid #005eb8;margin-bottom:18px}
h1{font-size:1.7em;margin:0.2em 0 0.1em}
h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #d8dde6;padding-bottom:4px}
h3{font-size:1.05em;margin-top:1.4em}
.question{font-size:1.1em;background:#eef4fb;border-left:4px solid #005eb8;padding:10px 14px}
.facts{color:#4c5566;font-size:0.92em}
table{border-collapse:collapse;margin:10px 0;font-size:0.9em;width:100%}
th,td{border-bottom:1px solid #e3e6ec;padding:4px 8px;text-align:right;vertical-align:top}
th{background:#f0f2f5}
th:first-child,td:first-child,td.t,th.t{text-align:left}
tr.fail td{background:#fff1f0}
.flag{color:#a33;font-weight:600}
figure{margin:18px 0 26px;padding:0}
figure svg{max-width:100%;height:auto;display:block;border:1px solid #e3e6ec}
figcaption{font-size:0.88em;color:#4c5566;margin-top:4px}
nav ul{columns:2;font-size:0.92em}
pre{background:#f5f6f8;padding:10px;overflow-x:auto;font-size:0.8em}
.note{font-size:0.88em;color:#4c5566}
"#;

/// Records script errors and whether every plot has a visible size, as
/// attributes on `<body>` (read by the browser test; harmless otherwise).
const CHECK_JS: &str = r#"
window.__errors=[];
window.addEventListener('error',function(e){window.__errors.push(String(e.message||e));});
window.addEventListener('load',function(){
  var svgs=document.querySelectorAll('figure svg');var shown=0;
  for(var i=0;svgs.length>i;i++){var r=svgs[i].getBoundingClientRect();if(r.width>0&&r.height>0){shown++;}}
  document.body.setAttribute('data-plots',String(svgs.length));
  document.body.setAttribute('data-plots-visible',String(shown));
  document.body.setAttribute('data-errors',String(window.__errors.length));
  document.body.setAttribute('data-render-check',(shown===svgs.length&&window.__errors.length===0)?'ok':'fail');
});
"#;

/// Write plots, economics tables and `report.html` into a results folder;
/// `economics` optionally names an economics settings file.
pub fn write_report(dir: &Path, economics: Option<&Path>) -> Result<PathBuf> {
    let res = Results::open(dir)?;
    let settings = Settings::load(dir, economics)?;
    let plots = plot::write_plots(dir, &settings)?;
    // A fit's folder has no runs of its own to cost.
    let ev = if res.kind == Kind::Fit {
        None
    } else {
        Evaluation::of(&res, &settings)?
    };
    if let Some(ev) = &ev {
        ev.write(dir)?;
    }
    let html = render(&res, &plots, ev.as_ref())?;
    let p = dir.join("report.html");
    crate::files::write_atomic(&p, html.as_bytes())?;
    Ok(p)
}

/// The whole page.
pub fn render(res: &Results, plots: &[Plot], ev: Option<&Evaluation>) -> Result<String> {
    let manifest = res.manifest();
    let m = manifest.as_ref();
    let get = |k: &str| {
        m.and_then(|m| m.pointer(k))
            .and_then(|v| v.as_str())
            .unwrap_or("")
    };
    let fits = crate::output::read::fit_folders(&res.dir);
    let name = if res.kind == Kind::Fit && fits.first() == Some(&res.dir) {
        fit_name(&res.dir)
    } else if res.kind == Kind::Sweep {
        res.dir
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default()
    } else {
        res.cells.first().map(|c| c.id.clone()).unwrap_or_default()
    };
    // A sweep's own question first, then its scenario's.
    let question = match get("/question") {
        q if !q.trim().is_empty() => q,
        _ => get("/parameters/scenario/question"),
    };
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>carescale report: {}</title>\n<style>{CSS}</style>\n<script>{CHECK_JS}</script>\n</head>\n<body>\n<main>\n",
        esc(&name)
    );
    let _ = writeln!(
        h,
        "<header><p class=\"facts\">carescale {} report</p><h1>{}</h1></header>",
        match res.kind {
            Kind::Sweep => "sweep",
            Kind::Fit => "fit",
            _ => "run",
        },
        esc(&name)
    );
    if !question.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"question\"><strong>Question.</strong> {}</p>",
            esc(question.trim())
        );
    }
    let desc = get("/parameters/scenario/description");
    if !desc.trim().is_empty() {
        let _ = writeln!(h, "<p>{}</p>", esc(desc.trim()));
    }
    if let Some(m) = m {
        let n = |k: &str| {
            m.get(k)
                .map(|v| v.to_string())
                .unwrap_or_else(|| "?".into())
        };
        let sites = m
            .pointer("/parameters/sites")
            .and_then(|s| s.as_array())
            .map(|a| a.len())
            .unwrap_or(0);
        let replicates = match m.get("replicates_per_cell").and_then(|v| v.as_array()) {
            Some(a) => {
                let ns: Vec<u64> = a.iter().filter_map(|v| v.as_u64()).collect();
                let (lo, hi) = (
                    ns.iter().min().copied().unwrap_or(0),
                    ns.iter().max().copied().unwrap_or(0),
                );
                if lo == hi {
                    format!("{lo} replicates per cell")
                } else {
                    format!("{lo} to {hi} replicates per cell")
                }
            }
            None => format!("{} replicates", n("replicates")),
        };
        let _ = writeln!(
            h,
            "<p class=\"facts\">{} site(s); {}; start {}; warm-up {} months, then {} reported months; root seed {}; costs in {} at {} prices; carescale {} (commit {}).</p>",
            sites,
            replicates,
            esc(get("/start_date")),
            n("warm_up_months"),
            n("horizon_months"),
            n("root_seed"),
            esc(get("/currency")),
            esc(get("/price_year")),
            esc(get("/version")),
            esc(get("/git_commit"))
        );
    }
    if res.kind == Kind::Sweep {
        let _ = writeln!(
            h,
            "<p class=\"facts\">{} scenarios (cells); baseline <code>{}</code>.</p>",
            res.cells.len(),
            esc(&res.baseline().map(|c| c.short_label()).unwrap_or_default())
        );
        cells_table(res, &mut h);
    }
    // Contents.
    h.push_str("<nav><h2>Contents</h2><ul>");
    if res.kind != Kind::Fit {
        h.push_str("<li><a href=\"#headline\">Headline results</a></li>");
    }
    for p in plots {
        let _ = write!(
            h,
            "<li><a href=\"#{}\">{}</a></li>",
            esc(&p.name),
            esc(&p.title)
        );
    }
    if ev.is_some() {
        h.push_str("<li><a href=\"#economics\">Economics</a></li>");
    }
    h.push_str("<li><a href=\"#calibration\">Calibration</a></li>");
    for (k, f) in fits.iter().enumerate() {
        let _ = write!(
            h,
            "<li><a href=\"#fit-{}\">History matching: {}</a></li>",
            k + 1,
            esc(&fit_name(f))
        );
    }
    h.push_str("<li><a href=\"#manifest\">Manifest</a></li></ul></nav>\n");
    if res.kind != Kind::Fit {
        headline(res, &mut h)?;
    }
    if !plots.is_empty() {
        h.push_str("<h2 id=\"plots\">Plots</h2>\n<p class=\"note\">Each plot's data is in <code>plots/&lt;name&gt;.csv</code> beside this report.</p>\n");
    }
    for p in plots {
        let svg_path = res.dir.join("plots").join(format!("{}.svg", p.name));
        let svg = crate::files::read_text(&svg_path, crate::files::MAX_PLOT_BYTES, "plot")?;
        let _ = write!(
            h,
            "<figure id=\"{}\">\n{}\n<figcaption><strong>{}.</strong> {} Data: <a href=\"plots/{}.csv\">plots/{}.csv</a>.</figcaption>\n</figure>\n",
            esc(&p.name),
            svg.trim(),
            esc(&p.title),
            esc(&p.caption),
            esc(&p.name),
            esc(&p.name)
        );
    }
    if let Some(ev) = ev {
        economics(ev, &mut h);
    }
    calibration(res, &fits, &mut h)?;
    h.push_str("<h2 id=\"manifest\">Manifest</h2>\n");
    match &manifest {
        Some(m) => {
            let _ = writeln!(
                h,
                "<details><summary>manifest.json (tool, commit, generator, seeds, plan, machine, parameters)</summary><pre>{}</pre></details>",
                esc(&serde_json::to_string_pretty(m).unwrap_or_default())
            );
        }
        // A fit's folder: what it holds and how it was made.
        None => match fits.first().filter(|f| **f == res.dir).map(|f| {
            crate::files::read_text(
                &f.join("fit.json"),
                crate::files::MAX_RESULT_BYTES,
                "fit.json",
            )
        }) {
            Some(text) => {
                let _ = writeln!(
                    h,
                    "<details><summary>fit.json (calibration file, scenario, scale, seed, version)</summary><pre>{}</pre></details>",
                    esc(text?.trim())
                );
            }
            None => h.push_str("<p>No manifest found.</p>\n"),
        },
    }
    h.push_str("</main>\n</body>\n</html>\n");
    Ok(h)
}

/// The display name of a cell (its short label; the id when unknown).
fn cell_name(res: &Results, id: &str) -> String {
    res.cells
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.short_label())
        .unwrap_or_else(|| id.to_string())
}

/// A sweep's cells by name with their settings, from `scenarios.csv`.
fn cells_table(res: &Results, h: &mut String) {
    const FIXED: [&str; 4] = ["cell", "label", "scenario", "replicates"];
    let Some(first) = res.cells.first() else {
        return;
    };
    let cols: Vec<&String> = first
        .design
        .keys()
        .filter(|k| !FIXED.contains(&k.as_str()))
        .collect();
    // A PSA's hundreds of draws are summarised by psa_params.csv instead.
    if res.cells.len() > 60 {
        let _ = writeln!(
            h,
            "<p class=\"note\">The settings of each of the {} cells are in <code>scenarios.csv</code>.</p>",
            res.cells.len()
        );
        return;
    }
    h.push_str("<h3 id=\"cells\">Scenarios compared</h3>\n<table><tr><th class=\"t\">cell</th><th class=\"t\">settings</th><th>replicates</th>");
    for c in &cols {
        let _ = write!(h, "<th>{}</th>", esc(c));
    }
    h.push_str("</tr>\n");
    for c in &res.cells {
        let d = |k: &str| c.design.get(k).map(|s| s.as_str()).unwrap_or("");
        let _ = write!(
            h,
            "<tr><td class=\"t\">{}</td><td class=\"t\">{}</td><td>{}</td>",
            esc(&c.id),
            esc(d("label")),
            esc(d("replicates"))
        );
        for k in &cols {
            let _ = write!(h, "<td>{}</td>", esc(d(k)));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table>\n");
}

/// Relative change in percent, or a dash.
fn rel(diff: f64, base: f64) -> String {
    if base != 0.0 && base.is_finite() && diff.is_finite() {
        format!("{:+.1}%", 100.0 * diff / base)
    } else {
        "–".into()
    }
}

/// The reporting groups of a run's scenario (site `group` values), in
/// order of first appearance, from its manifest.
fn scenario_groups(res: &Results) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(sites) = res
        .manifest()
        .and_then(|m| m.pointer("/parameters/sites").cloned())
        .and_then(|s| s.as_array().cloned())
    {
        for s in sites {
            if let Some(g) = s.get("group").and_then(|g| g.as_str()) {
                if !g.is_empty() && !out.iter().any(|x| x == g) {
                    out.push(g.to_string());
                }
            }
        }
    }
    out
}

fn headline(res: &Results, h: &mut String) -> Result<()> {
    h.push_str("<h2 id=\"headline\">Headline results</h2>\n");
    let metrics: Vec<&str> = MAIN_METRICS.iter().map(|m| m.0).collect();
    if res.kind == Kind::Sweep {
        let comps = res.comparisons("all", &metrics)?;
        if comps.is_empty() {
            h.push_str("<p>No paired comparisons available.</p>\n");
            return Ok(());
        }
        let base = res.baseline().map(|c| c.short_label()).unwrap_or_default();
        let _ = writeln!(h, "<p>Paired differences from the baseline <code>{}</code>, all sites, over the reported period: baseline level, mean difference with its 95% confidence interval (replicates paired by common random numbers), relative change and the ratio of means. Units of every output are in <code>units.csv</code>.</p>", esc(&base));
        h.push_str("<table><tr><th class=\"t\">scenario</th><th class=\"t\">metric</th><th class=\"t\">unit</th><th>baseline mean</th><th>difference</th><th>95% CI</th><th>relative change</th><th>ratio</th></tr>\n");
        for c in &comps {
            let _ = writeln!(
                h,
                "<tr><td class=\"t\">{}</td><td class=\"t\">{}</td><td class=\"t\">{}</td><td>{}</td><td>{}</td><td>{} to {}</td><td>{}</td><td>{}</td></tr>",
                esc(&cell_name(res, &c.cell)),
                esc(&c.metric),
                esc(crate::analysis::dictionary::unit_of(&c.metric)),
                fmt(c.baseline_mean),
                fmt(c.diff),
                fmt(c.diff_ci.0),
                fmt(c.diff_ci.1),
                rel(c.diff, c.baseline_mean),
                fmt(c.ratio)
            );
        }
        h.push_str("</table>\n");
        return Ok(());
    }
    let Some(t) = Table::read(&res.dir.join("summary.csv"))? else {
        h.push_str("<p>No summary.csv in this folder.</p>\n");
        return Ok(());
    };
    let (Some(gi), Some(mi), Some(mean), Some(lo), Some(hi), Some(p10), Some(p90)) = (
        t.col("group"),
        t.col("metric"),
        t.col("mean"),
        t.col("ci_lower"),
        t.col("ci_upper"),
        t.col("p10"),
        t.col("p90"),
    ) else {
        h.push_str("<p>summary.csv lacks the expected columns.</p>\n");
        return Ok(());
    };
    let mut groups: Vec<String> = vec!["all".into()];
    for g in scenario_groups(res) {
        if t.rows.iter().any(|r| r[gi] == g) {
            groups.push(g);
        }
    }
    h.push_str("<p>Means over replicates for the reported period with the 95% confidence interval of the mean, and the 10th–90th percentile spread of single runs. A single run has no baseline: compare scenarios with a sweep for paired differences.</p>\n");
    h.push_str("<table><tr><th class=\"t\">metric</th><th class=\"t\">unit</th><th class=\"t\">group</th><th>mean</th><th>95% CI of the mean</th><th>p10–p90 of runs</th></tr>\n");
    for m in &metrics {
        for g in &groups {
            if let Some(k) = t.rows.iter().position(|r| &r[mi] == m && &r[gi] == g) {
                let n = |i: usize| t.num(k, i).map(fmt);
                let (mean, lo, hi, p10, p90) = (n(mean)?, n(lo)?, n(hi)?, n(p10)?, n(p90)?);
                let _ = writeln!(
                    h,
                    "<tr><td class=\"t\">{}</td><td class=\"t\">{}</td><td class=\"t\">{}</td><td>{}</td><td>{} to {}</td><td>{} to {}</td></tr>",
                    esc(m),
                    esc(crate::analysis::dictionary::unit_of(m)),
                    esc(g),
                    mean,
                    lo,
                    hi,
                    p10,
                    p90
                );
            }
        }
    }
    h.push_str("</table>\n");
    Ok(())
}

fn economics(ev: &Evaluation, h: &mut String) {
    let s = &ev.settings;
    h.push_str("<h2 id=\"economics\">Economics</h2>\n");
    let _ = writeln!(
        h,
        "<p>NHS and personal social services perspective, all sites; costs in {} at {} prices, discounted at {}% a year; health effects discounted at {}% a year (settings from {}). {}</p>",
        esc(&s.currency),
        esc(&s.price_year),
        pct(s.discount_rate_costs),
        pct(s.discount_rate_health),
        esc(&s.origin),
        if ev.from_run_totals {
            if ev.utility_unused {
                "This folder has no monthly series (a sweep with <code>timeseries = false</code>), so the economics come from each run's totals in <code>runs.csv</code>: the discounted total cost and discounted days alive and at home (the effect), not costs by category. The utility weights given are not used: QALYs need each month's days in hospital, in intermediate care and with unmet need to discount them, so there is no net monetary benefit or acceptability curve. Run the sweep with <code>timeseries = true</code> for them."
            } else {
                "This folder has no monthly series (a sweep with <code>timeseries = false</code>), so the economics come from each run's totals in <code>runs.csv</code>: the discounted total cost and discounted days alive and at home (the effect), not costs by category; QALYs would need the monthly series (run the sweep with <code>timeseries = true</code> and give utility weights; see docs/ECONOMICS.md)."
            }
        } else if s.utility.is_some() {
            "QALYs from the utility weights given."
        } else {
            "No utility weights were given, so no QALYs or net monetary benefit: the effect is discounted days alive and at home (give weights in economics.toml; see docs/ECONOMICS.md)."
        }
    );
    h.push_str("<h3>Costs and outcomes per strategy</h3>\n<table><tr><th class=\"t\">measure</th>");
    for n in &ev.strategies {
        let _ = write!(h, "<th>{}</th>", esc(&ev.short_label(n)));
    }
    h.push_str("</tr>\n");
    for (i, (measure, unit)) in ev.measures().iter().enumerate() {
        // From run totals, costs by category are not available.
        if ev.from_run_totals
            && ev
                .summaries
                .iter()
                .all(|s| s.get(i).is_none_or(|s| s.n == 0))
        {
            continue;
        }
        let _ = write!(
            h,
            "<tr><td class=\"t\">{} <span class=\"note\">({})</span></td>",
            esc(measure),
            esc(unit)
        );
        for su in ev.summaries.iter().filter_map(|s| s.get(i)) {
            let _ = write!(
                h,
                "<td>{}<br><span class=\"note\">{} to {}</span></td>",
                fmt(su.mean),
                fmt(su.ci_lower),
                fmt(su.ci_upper)
            );
        }
        h.push_str("</tr>\n");
    }
    if let Some(p) = &ev.psa {
        let _ = write!(
            h,
            "</table>\n<p class=\"note\">A probabilistic sensitivity analysis: the {} draws are samples of the uncertainty about one comparison, the programme against the baseline, not strategies of their own. The programme's column is the mean over the draws of each draw's mean over its replicates, with the 95% CI of that mean; the baseline's is the mean over its replicates. Each draw's costs and effects are in <code>psa_draws.csv</code>. Cost categories: ",
            p.draws.len()
        );
    } else {
        h.push_str("</table>\n<p class=\"note\">Mean over replicates with the 95% CI of the mean. Cost categories: ");
    }
    h.push_str(&COST_CATEGORIES.join(", "));
    h.push_str(".</p>\n");
    if ev.strategies.len() < 2 {
        return;
    }
    let effect = if s.utility.is_some() {
        "QALYs"
    } else {
        "days at home (disc.)"
    };
    let _ = write!(h, "<h3>Incremental analysis</h3>\n<table><tr><th>strategy</th><th>cost</th><th>{effect}</th><th>incremental cost</th><th>incremental effect</th><th>ICER</th><th class=\"t\">status</th></tr>\n");
    for r in ev.incremental() {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"t{}\">{}</td></tr>",
            esc(&ev.short_label(&r.strategy)),
            fmt(r.cost),
            fmt(r.effect),
            fmt(r.inc_cost),
            fmt(r.inc_effect),
            fmt(r.icer),
            if r.status == Status::Frontier { "" } else { " flag" },
            r.status.label()
        );
    }
    if ev.psa.is_some() {
        h.push_str("</table>\n<p class=\"note\">One comparison, the programme against the baseline: mean cost and effect over the PSA draws, the mean incremental cost and effect, and the ICER of those means (not a mean of ratios). Dominated: costs more and gains no more than the other.</p>\n");
    } else {
        h.push_str("</table>\n<p class=\"note\">Strategies by increasing cost; ICERs against the previous strategy on the efficient frontier. Dominated: costs more and gains no more than another strategy. Extendedly dominated: a mix of its neighbours on the frontier would do better.</p>\n");
    }
    let rows = ev.nmb_rows();
    if !rows.is_empty() {
        h.push_str("<h3>Net monetary benefit</h3>\n<table><tr><th>threshold (per QALY)</th><th>strategy</th><th>NMB</th><th>incremental NMB vs baseline</th><th>95% CI</th><th>probability cost-effective</th></tr>\n");
        for r in rows {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} to {}</td><td>{}</td></tr>",
                fmt(r.threshold),
                esc(&ev.short_label(&r.strategy)),
                fmt(r.nmb),
                fmt(r.inc_nmb),
                fmt(r.inc_ci.0),
                fmt(r.inc_ci.1),
                fmt(r.prob_ce)
            );
        }
        match &ev.psa {
            Some(p) => {
                let _ = writeln!(h, "</table>\n<p class=\"note\">Expected NMB: the mean over the {} PSA draws. Incremental NMB: its mean paired difference from the baseline, with the 95% CI of that mean over the draws. Probability cost-effective: share of the draws in which the strategy has the highest NMB.</p>", p.draws.len());
            }
            None => {
                let _ = writeln!(h, "</table>\n<p class=\"note\">Probability cost-effective: share of {} paired replicates in which the strategy has the highest NMB.</p>", ev.paired.len());
            }
        }
    }
}

fn calibration(res: &Results, fits: &[PathBuf], h: &mut String) -> Result<()> {
    h.push_str("<h2 id=\"calibration\">Calibration</h2>\n");
    let dirs = std::iter::once(res.dir.clone()).chain(res.baseline().map(|c| c.dir.clone()));
    let mut table = None;
    for d in dirs {
        if let Some(t) = Table::read(&d.join("calibration.csv"))? {
            table = Some((t, d));
            break;
        }
    }
    let Some((t, cal_dir)) = table else {
        if fits.is_empty() {
            h.push_str("<p>No calibration table in this folder (run <code>carescale calibrate</code> to make one).</p>\n");
        }
        for (k, f) in fits.iter().enumerate() {
            fit_section(&res.dir, f, k + 1, h)?;
        }
        return Ok(());
    };
    let pass = t.col("pass");
    h.push_str("<table><tr>");
    for c in &t.header {
        let _ = write!(h, "<th>{}</th>", esc(c));
    }
    h.push_str("</tr>\n");
    for r in &t.rows {
        let failed = pass.map(|p| r[p].trim() == "false").unwrap_or(false);
        let _ = write!(h, "<tr{}>", if failed { " class=\"fail\"" } else { "" });
        for (i, c) in r.iter().enumerate() {
            // Display only: numeric cells are formatted, text shown as is.
            let x = c.trim().parse::<f64>().unwrap_or(f64::NAN);
            let cell = if x.is_finite() && t.header[i] != "id" {
                fmt(x)
            } else {
                esc(c)
            };
            let _ = write!(
                h,
                "<td{}>{}</td>",
                if x.is_finite() { "" } else { " class=\"t\"" },
                cell
            );
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table>\n");
    places_scatter(&res.dir, &cal_dir, h)?;
    for (k, f) in fits.iter().enumerate() {
        fit_section(&res.dir, f, k + 1, h)?;
    }
    Ok(())
}

/// `carescale calibrate`'s scatter of places, simulated vs observed, when
/// it wrote one, with the correlation and CVs from `places_spread.csv`.
fn places_scatter(report_dir: &Path, dir: &Path, h: &mut String) -> Result<()> {
    let svg_path = dir.join("places_scatter.svg");
    if !svg_path.is_file() {
        return Ok(());
    }
    let prefix = match dir.strip_prefix(report_dir) {
        Ok(p) if p.as_os_str().is_empty() => String::new(),
        Ok(p) => format!("{}/", p.to_string_lossy().replace('\\', "/")),
        Err(_) => format!("{}/", dir.display()),
    };
    let mut figures = String::new();
    if let Some(t) = Table::read(&dir.join("places_spread.csv"))? {
        let value = |m: &str, col: &str| -> Option<f64> {
            let (mi, ci) = (t.col("measure")?, t.col(col)?);
            t.rows
                .iter()
                .find(|r| r[mi] == m)
                .and_then(|r| r[ci].trim().parse().ok())
        };
        let r = "correlation_simulated_observed";
        let cv = "cv_ae_type1_per_1000";
        if let (Some(rm), Some(rl), Some(ru), Some(cs), Some(co)) = (
            value(r, "simulated"),
            value(r, "ci_lower"),
            value(r, "ci_upper"),
            value(cv, "simulated"),
            value(cv, "observed"),
        ) {
            figures = format!(
                " Correlation between simulated and observed across places {} (95% CI {} to {}); coefficient of variation across places simulated {}, observed {} (each measured within a replicate and averaged over replicates: <code>{}places_spread.csv</code>).",
                fmt(rm),
                fmt(rl),
                fmt(ru),
                fmt(cs),
                fmt(co),
                esc(&prefix)
            );
        }
    }
    let svg = crate::files::read_text(&svg_path, crate::files::MAX_PLOT_BYTES, "plot")?;
    let _ = write!(
        h,
        "<figure id=\"places_scatter\">\n{}\n<figcaption><strong>Places: simulated vs observed A&amp;E attendances per 1,000.</strong> Each point a place: observed type 1 attendances per 1,000 residents (x) against simulated major attendances per 1,000 person-years in the first reported year (y, mean over replicates with its 95% CI); the grey line is y = x.{} Data: <a href=\"{p}places.csv\">{p}places.csv</a>.</figcaption>\n</figure>\n",
        svg.trim(),
        figures,
        p = esc(&prefix)
    );
    Ok(())
}

/// A fit's name, from its `fit.json` (the folder's name when unreadable).
fn fit_name(dir: &Path) -> String {
    crate::files::read_text(
        &dir.join("fit.json"),
        crate::files::MAX_RESULT_BYTES,
        "fit.json",
    )
    .ok()
    .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
    .and_then(|v| v.get("fit").and_then(|n| n.as_str()).map(String::from))
    .unwrap_or_else(|| {
        dir.file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default()
    })
}

/// Inline Markdown of the calibration report (code spans, bold, italics)
/// as HTML.
fn md_inline(s: &str) -> String {
    let mut out = String::new();
    for (i, part) in s.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", esc(part));
            continue;
        }
        for (j, bold) in esc(part).split("**").enumerate() {
            let inner: String = bold
                .split('*')
                .enumerate()
                .map(|(k, x)| {
                    if k % 2 == 1 {
                        format!("<em>{x}</em>")
                    } else {
                        x.to_string()
                    }
                })
                .collect();
            if j % 2 == 1 {
                let _ = write!(out, "<strong>{inner}</strong>");
            } else {
                out.push_str(&inner);
            }
        }
    }
    out
}

/// Markdown blocks of the calibration report (paragraphs and tables) as
/// HTML.
fn md_blocks(lines: &[&str], h: &mut String) {
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if line.is_empty() {
            i += 1;
            continue;
        }
        if line.starts_with('|') {
            h.push_str("<table>");
            let mut row = 0;
            while i < lines.len() && lines[i].trim().starts_with('|') {
                let cells: Vec<&str> = lines[i]
                    .trim()
                    .trim_start_matches('|')
                    .trim_end_matches('|')
                    .split('|')
                    .map(str::trim)
                    .collect();
                i += 1;
                if cells
                    .iter()
                    .all(|c| !c.is_empty() && c.trim_matches(['-', ':']).is_empty())
                {
                    continue;
                }
                let tag = if row == 0 { "th" } else { "td" };
                h.push_str("<tr>");
                for c in cells {
                    let _ = write!(h, "<{tag}>{}</{tag}>", md_inline(c));
                }
                h.push_str("</tr>\n");
                row += 1;
            }
            h.push_str("</table>\n");
            continue;
        }
        let mut para = Vec::new();
        while i < lines.len() && !lines[i].trim().is_empty() && !lines[i].trim().starts_with('|') {
            para.push(lines[i].trim());
            i += 1;
        }
        let _ = writeln!(h, "<p>{}</p>", md_inline(&para.join(" ")));
    }
}

/// An SVG a fit wrote, inlined as a figure (nothing when it is absent).
fn fit_figure(
    h: &mut String,
    svg_path: &Path,
    id: &str,
    title: &str,
    caption: &str,
    data: &str,
) -> Result<()> {
    if !svg_path.is_file() {
        return Ok(());
    }
    let svg = crate::files::read_text(svg_path, crate::files::MAX_PLOT_BYTES, "plot")?;
    let _ = write!(
        h,
        "<figure id=\"{}\">\n{}\n<figcaption><strong>{}.</strong> {} Data: <a href=\"{}\">{}</a>.</figcaption>\n</figure>\n",
        esc(id),
        svg.trim(),
        esc(title),
        esc(caption),
        esc(data),
        esc(data)
    );
    Ok(())
}

/// The waves a fit folder holds (`wave-1`, `wave-2`, ...).
fn fit_waves(dir: &Path) -> Vec<usize> {
    (1..1000)
        .take_while(|k| dir.join(format!("wave-{k}")).is_dir())
        .collect()
}

/// The history match of one fit folder: its calibration report's seven
/// items (Vanni et al. 2011), with the fit's own plots beside them and the
/// posterior's summary.
fn fit_section(report_dir: &Path, dir: &Path, k: usize, h: &mut String) -> Result<()> {
    let id = format!("fit-{k}");
    // Links are relative to the report.
    let prefix = match dir.strip_prefix(report_dir) {
        Ok(p) if p.as_os_str().is_empty() => String::new(),
        Ok(p) => format!("{}/", p.to_string_lossy().replace('\\', "/")),
        Err(_) => format!("{}/", dir.display()),
    };
    let _ = writeln!(
        h,
        "<h3 id=\"{id}\">History matching: {}</h3>",
        esc(&fit_name(dir))
    );
    let md_path = crate::analysis::fit::report::report_path(dir);
    if !md_path.is_file() {
        let _ = writeln!(
            h,
            "<p>The fit in <code>{}</code> has not finished (no CALIBRATION_REPORT.md): run the same <code>carescale fit</code> command again, on every shard, to finish it.</p>",
            esc(if prefix.is_empty() { "." } else { &prefix })
        );
        return Ok(());
    }
    let md = crate::files::read_text(
        &md_path,
        crate::files::MAX_RESULT_BYTES,
        "calibration report",
    )?;
    let _ = writeln!(
        h,
        "<p class=\"note\">From <a href=\"{p}CALIBRATION_REPORT.md\">{p}CALIBRATION_REPORT.md</a> (written by <code>carescale fit</code>), with the fit's plots; the tables behind them are <code>{p}parameters.csv</code>, <code>{p}targets.csv</code>, <code>{p}waves.csv</code> and <code>{p}posterior.csv</code>.</p>",
        p = esc(&prefix)
    );
    // Sections of the report: (heading, lines); the title is left out.
    let mut sections: Vec<(String, Vec<&str>)> = vec![(String::new(), Vec::new())];
    for line in md.lines() {
        if let Some(head) = line.strip_prefix("## ") {
            sections.push((head.trim().to_string(), Vec::new()));
        } else if !line.starts_with("# ") {
            if let Some(last) = sections.last_mut() {
                last.1.push(line);
            }
        }
    }
    let waves = fit_waves(dir);
    for (head, lines) in &sections {
        if !head.is_empty() {
            let _ = writeln!(h, "<h4>{}</h4>", md_inline(head));
        }
        md_blocks(lines, h);
        if head.starts_with("2.") {
            fit_figure(
                h,
                &dir.join("targets.svg"),
                &format!("{id}-targets"),
                "Targets and their simulated intervals",
                "Each target's difference from its value: black, the target ± 2 observation SD; grey, the emulators' 90% interval over the posterior; blue, the model runs' 90% interval at the confirmed posterior draws.",
                &format!("{prefix}targets.csv"),
            )?;
        }
        if head.starts_with("4.") {
            for w in &waves {
                fit_figure(
                    h,
                    &dir.join(format!("wave-{w}/emulator_loo.svg")),
                    &format!("{id}-loo-{w}"),
                    &format!("Wave {w}: emulator leave-one-out diagnostics"),
                    "Standardised errors of each emulator predicting a design point left out: most within ±2 (grey), few beyond ±3 (red) if the emulators are adequate.",
                    &format!("{prefix}wave-{w}/emulator_loo.csv"),
                )?;
            }
            if let Some(w) = waves.last() {
                fit_figure(
                    h,
                    &dir.join(format!("wave-{w}/pairs.svg")),
                    &format!("{id}-pairs"),
                    &format!("Wave {w} (final): the non-implausible space"),
                    "Pairs of parameters over their prior ranges: grey, non-implausible samples; blue, the wave's design points; red, the values before the fit.",
                    &format!("{prefix}wave-{w}/non_implausible.csv"),
                )?;
            }
        }
        if head.starts_with("7.") {
            posterior_summary(dir, &prefix, h)?;
        }
    }
    Ok(())
}

/// The posterior by parameter, from the fit's `parameters.csv`, and the
/// number of draws in `posterior.csv`.
fn posterior_summary(dir: &Path, prefix: &str, h: &mut String) -> Result<()> {
    let Some(t) = Table::read(&dir.join("parameters.csv"))? else {
        return Ok(());
    };
    let draws = Table::read(&dir.join("posterior.csv"))?
        .map(|p| p.rows.len())
        .unwrap_or(0);
    let cols = [
        ("parameter", "parameter"),
        ("prior_min", "prior min"),
        ("prior_max", "prior max"),
        ("current", "before the fit"),
        ("non_implausible_min", "non-implausible min"),
        ("non_implausible_max", "non-implausible max"),
        ("posterior_mean", "posterior mean"),
        ("posterior_p05", "5%"),
        ("posterior_p50", "median"),
        ("posterior_p95", "95%"),
    ];
    let idx: Vec<Option<usize>> = cols.iter().map(|(c, _)| t.col(c)).collect();
    let _ = writeln!(
        h,
        "<p><strong>Posterior summary.</strong> {draws} draws in <a href=\"{p}posterior.csv\">{p}posterior.csv</a>; by parameter (from <code>{p}parameters.csv</code>):</p>",
        p = esc(prefix)
    );
    h.push_str("<table><tr>");
    for (_, label) in &cols {
        let _ = write!(h, "<th>{}</th>", esc(label));
    }
    h.push_str("</tr>\n");
    for r in &t.rows {
        h.push_str("<tr>");
        for (j, i) in idx.iter().enumerate() {
            let v = i.and_then(|i| r.get(i)).map(|s| s.trim()).unwrap_or("");
            let cell = match v.parse::<f64>() {
                Ok(x) if j > 0 => fmt(x),
                _ => esc(v),
            };
            let _ = write!(
                h,
                "<td{}>{}</td>",
                if j == 0 { " class=\"t\"" } else { "" },
                cell
            );
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table>\n");
    Ok(())
}
