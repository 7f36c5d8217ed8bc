//! Experimental designs over scenario parameters: full factorial grids,
//! one-at-a-time ranges (for tornado plots), Latin hypercubes, probabilistic
//! sensitivity analysis (PSA) and design tables read from CSV. A design
//! turns into a list of cells, each a set of `key.path = value`
//! assignments.
//!
//! Sampled designs draw from their own branch of the seed tree:
//! `design seed → "design" → parameter path → sample`, one uniform per
//! parameter per sample, so the plan is the same on every machine and adding
//! a parameter never changes another parameter's values.

use crate::experiment::distribution::Dist;
use crate::model::rng::{child, name_label, SplitMix64};
use crate::output::number::num;

/// A sampled parameter: its distribution, optionally truncated.
#[derive(Clone, Debug, PartialEq)]
pub struct SampledParam {
    /// Dotted key path in the scenario.
    pub path: String,
    /// The distribution.
    pub dist: Dist,
    /// How it was given: `native`, `mean_se` or `interval`.
    pub specified_as: &'static str,
    /// Truncation bounds, if any.
    pub truncate: Option<(f64, f64)>,
}

impl SampledParam {
    /// The value at uniform `u` (truncation applied through the CDF).
    pub fn at(&self, u: f64) -> f64 {
        match self.truncate {
            None => self.dist.quantile(u),
            Some((lo, hi)) => {
                let (a, b) = (self.dist.cdf(lo), self.dist.cdf(hi));
                self.dist.quantile(a + u * (b - a)).clamp(lo, hi)
            }
        }
    }
}

/// One one-at-a-time parameter: its low and high values.
#[derive(Clone, Debug, PartialEq)]
pub struct OatParam {
    /// Dotted key path.
    pub path: String,
    /// Low value.
    pub low: toml::Value,
    /// High value.
    pub high: toml::Value,
}

/// A design, checked.
#[derive(Clone, Debug, PartialEq)]
pub enum Design {
    /// No cells besides the baseline.
    None,
    /// Full factorial: every combination of the listed values.
    Grid(Vec<(String, Vec<toml::Value>)>),
    /// A base cell, then each parameter at its low and its high value with
    /// the others at base.
    Oat(Vec<OatParam>),
    /// Sampled: Latin hypercube (`stratified`) or simple random (PSA).
    Sampled {
        /// `lhs` or `psa` (names the design in outputs).
        kind: &'static str,
        /// Number of samples (cells).
        samples: u32,
        /// Root of the design's seed branch.
        seed: u64,
        /// Latin hypercube stratification.
        stratified: bool,
        /// The parameters.
        params: Vec<SampledParam>,
    },
    /// Rows of a design table: optional cell id, then (path, value) pairs.
    Table {
        /// Paths in column order.
        paths: Vec<String>,
        /// Rows: optional id and one value per path.
        rows: Vec<(Option<String>, Vec<toml::Value>)>,
    },
}

/// One cell of a design.
#[derive(Clone, Debug, PartialEq)]
pub struct CellSpec {
    /// Cell id (`c0001`, ... unless a design table names it).
    pub id: String,
    /// Human-readable description.
    pub label: String,
    /// Assignments applied as overrides.
    pub assignments: Vec<(String, toml::Value)>,
    /// For one-at-a-time designs: (parameter, `base`/`low`/`high`).
    pub oat: Option<(String, String)>,
}

impl Design {
    /// The design's kind as written in sweep files.
    pub fn kind(&self) -> &'static str {
        match self {
            Design::None => "none",
            Design::Grid(_) => "grid",
            Design::Oat(_) => "oat",
            Design::Sampled { kind, .. } => kind,
            Design::Table { .. } => "table",
        }
    }

    /// Every varied path, in design order.
    pub fn paths(&self) -> Vec<String> {
        match self {
            Design::None => vec![],
            Design::Grid(g) => g.iter().map(|(p, _)| p.clone()).collect(),
            Design::Oat(o) => o.iter().map(|p| p.path.clone()).collect(),
            Design::Sampled { params, .. } => params.iter().map(|p| p.path.clone()).collect(),
            Design::Table { paths, .. } => paths.clone(),
        }
    }

    /// Number of cells (without building them).
    pub fn n_cells(&self) -> u64 {
        match self {
            Design::None => 0,
            Design::Grid(g) => g.iter().map(|(_, v)| v.len() as u64).product(),
            Design::Oat(o) => 1 + 2 * o.len() as u64,
            Design::Sampled { samples, .. } => *samples as u64,
            Design::Table { rows, .. } => rows.len() as u64,
        }
    }

    /// The cells, in plan order.
    pub fn cells(&self) -> Vec<CellSpec> {
        let n = self.n_cells();
        let width = (n.max(1).ilog10() as usize + 1).max(4);
        let id = |i: u64| format!("c{:0width$}", i + 1);
        match self {
            Design::None => vec![],
            Design::Grid(g) => {
                let mut out = Vec::with_capacity(n as usize);
                for i in 0..n {
                    // The last parameter varies fastest.
                    let mut rest = i;
                    let mut idx = vec![0usize; g.len()];
                    for (k, (_, vals)) in g.iter().enumerate().rev() {
                        idx[k] = (rest % vals.len() as u64) as usize;
                        rest /= vals.len() as u64;
                    }
                    let assignments: Vec<(String, toml::Value)> = g
                        .iter()
                        .zip(&idx)
                        .map(|((p, vals), &j)| (p.clone(), vals[j].clone()))
                        .collect();
                    out.push(CellSpec {
                        id: id(i),
                        label: label_of(&assignments),
                        assignments,
                        oat: None,
                    });
                }
                out
            }
            Design::Oat(params) => {
                let mut out = vec![CellSpec {
                    id: id(0),
                    label: "base".into(),
                    assignments: vec![],
                    oat: Some(("base".into(), "base".into())),
                }];
                for p in params {
                    for (level, v) in [("low", &p.low), ("high", &p.high)] {
                        let a = vec![(p.path.clone(), v.clone())];
                        out.push(CellSpec {
                            id: id(out.len() as u64),
                            label: format!("{} {level}: {}", p.path, show_value(v)),
                            assignments: a,
                            oat: Some((p.path.clone(), level.into())),
                        });
                    }
                }
                out
            }
            Design::Sampled {
                kind,
                samples,
                seed,
                stratified,
                params,
            } => {
                let cols: Vec<Vec<f64>> = params
                    .iter()
                    .map(|p| {
                        uniforms(*seed, &p.path, *samples, *stratified)
                            .into_iter()
                            .map(|u| p.at(u))
                            .collect()
                    })
                    .collect();
                (0..*samples as usize)
                    .map(|i| {
                        let assignments = params
                            .iter()
                            .zip(&cols)
                            .map(|(p, c)| (p.path.clone(), toml::Value::Float(c[i])))
                            .collect();
                        CellSpec {
                            id: id(i as u64),
                            label: format!("{kind} sample {}", i + 1),
                            assignments,
                            oat: None,
                        }
                    })
                    .collect()
            }
            Design::Table { paths, rows } => rows
                .iter()
                .enumerate()
                .map(|(i, (name, vals))| {
                    let assignments: Vec<(String, toml::Value)> =
                        paths.iter().cloned().zip(vals.iter().cloned()).collect();
                    CellSpec {
                        id: name.clone().unwrap_or_else(|| id(i as u64)),
                        label: label_of(&assignments),
                        assignments,
                        oat: None,
                    }
                })
                .collect(),
        }
    }
}

/// Uniforms on (0, 1) for one parameter: independent draws, or a Latin
/// hypercube column (one draw in each of `n` equal strata, in an order
/// shuffled by the parameter's own stream).
pub fn uniforms(seed: u64, path: &str, n: u32, stratified: bool) -> Vec<f64> {
    let key = child(child(seed, name_label("design")), name_label(path));
    let draw = |i: u64| SplitMix64::new(child(key, i)).uniform();
    if !stratified {
        return (0..n as u64).map(draw).collect();
    }
    let mut perm: Vec<u64> = (0..n as u64).collect();
    let mut g = SplitMix64::new(child(key, name_label("lhs-permutation")));
    for i in (1..perm.len()).rev() {
        let j = (g.uniform() * (i + 1) as f64) as usize;
        perm.swap(i, j.min(i));
    }
    perm.iter()
        .enumerate()
        .map(|(i, &s)| (s as f64 + draw(i as u64)) / n as f64)
        .collect()
}

/// A value as written in CSV cells and labels.
pub fn show_value(v: &toml::Value) -> String {
    match v {
        toml::Value::Float(x) => num(*x),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::String(s) => s.clone(),
        toml::Value::Boolean(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// A value as written after `=` in an override (TOML syntax).
pub fn override_value(v: &toml::Value) -> String {
    match v {
        toml::Value::Float(x) => format!("{x:?}"),
        other => other.to_string(),
    }
}

fn label_of(a: &[(String, toml::Value)]) -> String {
    a.iter()
        .map(|(p, v)| format!("{p}={}", show_value(v)))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_is_full_factorial_last_fastest() {
        let d = Design::Grid(vec![
            ("a".into(), vec![1.into(), 2.into()]),
            (
                "b".into(),
                vec![
                    toml::Value::Float(0.5),
                    toml::Value::Float(1.0),
                    toml::Value::Float(2.0),
                ],
            ),
        ]);
        let c = d.cells();
        assert_eq!(c.len(), 6);
        assert_eq!(c[0].label, "a=1; b=0.5");
        assert_eq!(c[1].label, "a=1; b=1");
        assert_eq!(c[5].label, "a=2; b=2");
        assert_eq!(c[5].id, "c0006");
    }

    #[test]
    fn oat_has_base_then_low_high() {
        let d = Design::Oat(vec![OatParam {
            path: "x".into(),
            low: toml::Value::Float(0.1),
            high: toml::Value::Float(0.9),
        }]);
        let c = d.cells();
        assert_eq!(c.len(), 3);
        assert!(c[0].assignments.is_empty());
        assert_eq!(c[2].oat, Some(("x".into(), "high".into())));
    }

    #[test]
    fn lhs_puts_one_point_in_each_stratum() {
        let n = 50;
        let u = uniforms(7, "coordination.x", n, true);
        let mut strata: Vec<usize> = u.iter().map(|x| (x * n as f64) as usize).collect();
        strata.sort();
        assert_eq!(strata, (0..n as usize).collect::<Vec<_>>());
        // Deterministic, and another parameter gets another column.
        assert_eq!(u, uniforms(7, "coordination.x", n, true));
        assert_ne!(u, uniforms(7, "coordination.y", n, true));
    }

    #[test]
    fn truncation_stays_inside() {
        let p = SampledParam {
            path: "x".into(),
            dist: Dist::from_interval("lognormal", 0.42, 0.86).unwrap(),
            specified_as: "interval",
            truncate: Some((0.42, 1.0)),
        };
        for u in uniforms(1, "x", 1000, false) {
            let v = p.at(u);
            assert!((0.42..=1.0).contains(&v), "{v}");
        }
    }

    #[test]
    fn override_values_are_toml() {
        assert_eq!(override_value(&toml::Value::Float(1.0)), "1.0");
        assert_eq!(override_value(&toml::Value::Float(1e20)), "1e20");
        assert_eq!(
            override_value(&toml::Value::String("a b".into())),
            "\"a b\""
        );
        assert_eq!(show_value(&toml::Value::Float(0.1)), "0.1");
    }
}
