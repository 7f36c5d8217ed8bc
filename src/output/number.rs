//! How every number is written in carescale's files (a leaf: it depends on
//! nothing, so analysis and experiment code can format numbers without
//! depending on the writers).

/// A number as written in every CSV: shortest round-trip form, `NA` for
/// missing.
pub fn num(v: f64) -> String {
    if v.is_finite() {
        format!("{v}")
    } else {
        "NA".to_string()
    }
}
