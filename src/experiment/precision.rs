//! Replications by precision (the "confidence interval method"): keep
//! adding replicates to a cell until the 95% CI half-width of the chosen
//! metric (or of its paired difference from the baseline) is at most a
//! target share of its mean, or the budget cap is reached.
//!
//! The number chosen for a cell is the smallest n from `min_replicates`
//! whose first n replicates meet the target. Replicates are run in batches
//! for speed, but the choice only ever looks at the first n, and replicate
//! r is the same whoever runs it, so the answer does not depend on the
//! batch size or the number of threads.

use crate::error::Result;
use crate::experiment::store::{run_value, RunStore};
use crate::experiment::sweep::{Plan, Precision};
use crate::output::number::num;
use crate::stats;
use std::fmt::Write as _;

/// The precision reached with the first n replicates.
#[derive(Clone, Debug, PartialEq)]
pub struct Judged {
    /// Cell index.
    pub cell: usize,
    /// Replicates used.
    pub replicates: u32,
    /// Mean of the metric (of the paired difference, if paired).
    pub mean: f64,
    /// 95% CI half-width of that mean.
    pub half_width: f64,
    /// Half-width / |mean|.
    pub share: f64,
    /// Target met.
    pub met: bool,
}

/// Judge the first `n` values (paired with `base` if given).
pub fn judge(cell: usize, values: &[f64], base: Option<&[f64]>, n: usize, target: f64) -> Judged {
    let xs: Vec<f64> = match base {
        Some(b) => values[..n]
            .iter()
            .zip(&b[..n])
            .map(|(x, y)| x - y)
            .filter(|d| d.is_finite())
            .collect(),
        None => values[..n]
            .iter()
            .copied()
            .filter(|x| x.is_finite())
            .collect(),
    };
    let s = stats::summarise(&xs);
    let half_width = (s.ci_upper - s.ci_lower) / 2.0;
    let share = half_width / s.mean.abs();
    Judged {
        cell,
        replicates: n as u32,
        mean: s.mean,
        half_width,
        share,
        // A zero half-width (e.g. a cell identical to the baseline) is as
        // precise as it gets, even when the mean is zero.
        met: half_width == 0.0 || (share.is_finite() && share <= target),
    }
}

/// The outcome: replicates per cell, the choice for each judged cell, and
/// every n checked.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// Replicates used per cell (plan order).
    pub replicates: Vec<u32>,
    /// The choice for each judged cell.
    pub chosen: Vec<Judged>,
    /// Every n checked, in order.
    pub trace: Vec<Judged>,
}

/// Runs a batch of (cell, replicate) pairs, returning when their files are
/// on disk.
pub type RunBatch<'a> = dyn FnMut(&[(usize, u32)]) -> Result<()> + 'a;

/// Choose replicates for every cell, running batches with `run`.
pub fn choose(
    plan: &Plan,
    p: &Precision,
    store: &RunStore,
    batch: u32,
    run: &mut RunBatch,
) -> Result<Outcome> {
    let n = plan.cells.len();
    let judged: Vec<usize> = if p.paired {
        (1..n).collect()
    } else {
        (0..n).collect()
    };
    let mut target = vec![0u32; n];
    let mut checked = vec![p.min_replicates.saturating_sub(1); n];
    let mut chosen: Vec<Option<Judged>> = vec![None; n];
    let mut values: Vec<Vec<f64>> = vec![Vec::new(); n];
    let mut trace = Vec::new();
    for &c in &judged {
        target[c] = p.min_replicates;
    }
    loop {
        if p.paired {
            target[0] = judged.iter().map(|&c| target[c]).max().unwrap_or(0);
        }
        let todo: Vec<(usize, u32)> = (0..n)
            .flat_map(|c| (values[c].len() as u32..target[c]).map(move |r| (c, r)))
            .filter(|&(c, r)| !store.is_complete(&plan.cells[c], r, plan.timeseries))
            .collect();
        if !todo.is_empty() {
            run(&todo)?;
        }
        for c in 0..n {
            while (values[c].len() as u32) < target[c] {
                let r = values[c].len() as u32;
                let t = store.read(&plan.cells[c], r, plan.timeseries)?;
                values[c].push(run_value(&t, &p.group, &p.metric)?.unwrap_or(f64::NAN));
            }
        }
        let mut open = 0;
        for &c in &judged {
            if chosen[c].is_some() {
                continue;
            }
            for k in checked[c] + 1..=target[c] {
                let j = judge(
                    c,
                    &values[c],
                    p.paired.then(|| values[0].as_slice()),
                    k as usize,
                    p.half_width_share,
                );
                trace.push(j.clone());
                if j.met || k >= p.max_replicates {
                    chosen[c] = Some(j);
                    break;
                }
            }
            checked[c] = target[c];
            if chosen[c].is_none() {
                target[c] = (target[c] + batch.max(1)).min(p.max_replicates);
                open += 1;
            }
        }
        if open == 0 {
            break;
        }
    }
    let chosen: Vec<Judged> = chosen.into_iter().flatten().collect();
    let mut replicates: Vec<u32> = vec![0; n];
    for j in &chosen {
        replicates[j.cell] = j.replicates;
    }
    if p.paired {
        replicates[0] = chosen.iter().map(|j| j.replicates).max().unwrap_or(0);
    }
    Ok(Outcome {
        replicates,
        chosen,
        trace,
    })
}

/// `replications.csv` (one row per judged cell) and
/// `replications_trace.csv` (every n checked).
pub fn csvs(plan: &Plan, p: &Precision, o: &Outcome) -> (String, String) {
    let mut a = String::from("cell,group,metric,paired,target_half_width_share,max_replicates,replicates,mean,half_width,half_width_share,met\n");
    for j in &o.chosen {
        let _ = writeln!(
            a,
            "{},{},{},{},{},{},{},{},{},{},{}",
            plan.cells[j.cell].id,
            p.group,
            p.metric,
            p.paired,
            num(p.half_width_share),
            p.max_replicates,
            j.replicates,
            num(j.mean),
            num(j.half_width),
            num(j.share),
            j.met
        );
    }
    let mut b = String::from("cell,replicates,mean,half_width,half_width_share,met\n");
    for j in &o.trace {
        let _ = writeln!(
            b,
            "{},{},{},{},{},{}",
            plan.cells[j.cell].id,
            j.replicates,
            num(j.mean),
            num(j.half_width),
            num(j.share),
            j.met
        );
    }
    (a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judge_by_hand() {
        // 1..=5: mean 3, half-width 1.963243 (see stats), share 0.654414.
        let v = [1.0, 2.0, 3.0, 4.0, 5.0, 100.0];
        let j = judge(0, &v, None, 5, 0.7);
        assert!((j.half_width - 1.963_243).abs() < 1e-5);
        assert!((j.share - 0.654_414).abs() < 1e-5);
        assert!(j.met);
        assert!(!judge(0, &v, None, 5, 0.6).met);
        // Paired: differences 1, 1, 1, 1 have zero width.
        let j = judge(
            1,
            &[2.0, 3.0, 4.0, 5.0],
            Some(&[1.0, 2.0, 3.0, 4.0]),
            4,
            0.01,
        );
        assert_eq!(j.half_width, 0.0);
        assert!(j.met);
        // Identical to the baseline: mean and width zero, met.
        let j = judge(1, &[2.0, 3.0], Some(&[2.0, 3.0]), 2, 0.01);
        assert!(j.share.is_nan() && j.met);
        // Too few values for an interval: not met.
        assert!(!judge(0, &[2.0], None, 1, 0.5).met);
    }
}
