//! How every number is written in carescale's files (a leaf: it depends on
//! nothing, so analysis and experiment code can format numbers without
//! depending on the writers).

use std::fmt::Write as _;

/// A number as written in every CSV: shortest round-trip form, `NA` for
/// missing.
pub fn num(v: f64) -> String {
    let mut s = String::new();
    push_num(&mut s, v);
    s
}

/// Append [`num`]`(v)` to `s`, without a string of its own.
///
/// Whole numbers below 2^53 in size are written as integers: each is the
/// only number within half a unit in the last place of itself, so its
/// shortest round-trip form is its own digits, which is what `{}` gives,
/// at a fraction of the cost. `-0` keeps its sign, as `{}` writes it.
pub fn push_num(s: &mut String, v: f64) {
    /// 2^53: above it not every whole number is a float.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if !v.is_finite() {
        s.push_str("NA");
    } else if v.trunc() == v && v.abs() < EXACT {
        if v == 0.0 && v.is_sign_negative() {
            s.push('-');
        }
        let _ = write!(s, "{}", v as i64);
    } else {
        let _ = write!(s, "{v}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn std_form(v: f64) -> String {
        if v.is_finite() {
            format!("{v}")
        } else {
            "NA".to_string()
        }
    }

    #[test]
    fn same_as_the_standard_form() {
        let mut cases = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            14.0,
            0.5,
            -2.5,
            1e15,
            9_007_199_254_740_991.0,
            9_007_199_254_740_992.0,
            -9_007_199_254_740_992.0,
            9_007_199_254_740_994.0,
            1e16,
            1e22,
            1.5e300,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            0.1 + 0.2,
            1.0 / 3.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        // Whole numbers around every power of two and ten, and a spread of
        // bit patterns.
        for e in 0..64 {
            let p = 2f64.powi(e);
            cases.extend([p - 1.0, p, p + 1.0, -p]);
        }
        for e in 0..25 {
            let p = 10f64.powi(e);
            cases.extend([p - 1.0, p, p + 1.0, -p]);
        }
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            cases.push(f64::from_bits(x));
            cases.push((x % 10_000_000) as f64);
            cases.push((x % 1_000_000) as f64 / 8.0);
        }
        for v in cases {
            assert_eq!(num(v), std_form(v), "bits {:#x}", v.to_bits());
        }
    }
}
