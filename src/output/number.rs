//! How every number is written in carescale's files (a leaf: it depends on
//! nothing, so analysis and experiment code can format numbers without
//! depending on the writers).

/// Text a number can be appended to: a `String`, or the bytes of a file
/// being built (`Vec<u8>`, kept valid UTF-8 by appending only `&str`).
pub trait NumOut {
    /// Append `s`.
    fn put(&mut self, s: &str);
    /// Append `v` as `{}` writes it.
    fn put_display(&mut self, v: f64);
}

impl NumOut for String {
    #[inline]
    fn put(&mut self, s: &str) {
        self.push_str(s);
    }

    fn put_display(&mut self, v: f64) {
        use std::fmt::Write as _;
        let _ = write!(self, "{v}");
    }
}

impl NumOut for Vec<u8> {
    #[inline]
    fn put(&mut self, s: &str) {
        self.extend_from_slice(s.as_bytes());
    }

    fn put_display(&mut self, v: f64) {
        use std::io::Write as _;
        // Writing into memory cannot fail.
        let _ = write!(self, "{v}");
    }
}

/// A number as written in every CSV: shortest round-trip form, `NA` for
/// missing.
pub fn num(v: f64) -> String {
    let mut s = String::new();
    push_num(&mut s, v);
    s
}

/// Append [`num`]`(v)` to `s`, without a string of its own.
///
/// The same characters as `format!("{v}")`, found more cheaply:
/// - whole numbers below 2^53 in size are written as integers: each is the
///   only number within half a unit in the last place of itself, so its
///   shortest round-trip form is its own digits (`-0` keeps its sign);
/// - other normal numbers below 2^53 take the shortest round-trip digits
///   from Ryū and are laid out as `{}` lays them out (no exponent). Both Ryū
///   and the standard library give the shortest digits that read back as
///   the number, and of those the closest to it; they differ only when two
///   are equally close, which `is_tie` detects exactly: then, and for
///   everything else, the standard library writes it.
#[inline]
pub fn push_num<S: NumOut>(s: &mut S, v: f64) {
    let a = v.abs();
    // Below 2^53 in size, `v` is whole exactly when it survives the round
    // trip through an integer (a conversion, where `trunc` is a call).
    // NaN and the infinities fail the first test.
    if a < EXACT && (a as i64) as f64 == a {
        if v.is_sign_negative() {
            s.put("-");
        }
        push_whole(s, a as i64 as u64);
    } else {
        push_not_whole(s, v);
    }
}

/// 2^53: above it not every whole number is a float.
const EXACT: f64 = 9_007_199_254_740_992.0;

/// [`push_num`] of anything but a whole number below 2^53 in size: out of
/// line, so that the common whole numbers take a short path.
#[inline(never)]
fn push_not_whole<S: NumOut>(s: &mut S, v: f64) {
    if !v.is_finite() {
        s.put("NA");
    } else if !(v.is_normal() && v.abs() < EXACT && push_shortest(s, v)) {
        s.put_display(v);
    }
}

/// Append a whole number's decimal digits (as `{}` writes a `u64`).
#[inline]
pub fn push_whole<S: NumOut>(s: &mut S, n: u64) {
    s.put(itoa::Buffer::new().format(n));
}

/// Append a normal number that is not whole, below 2^53 in size, as `{}`
/// writes it, from Ryū's digits; `false` (and nothing appended) if Ryū's
/// choice could differ from the standard library's.
fn push_shortest<S: NumOut>(s: &mut S, v: f64) -> bool {
    let mut buf = ryu::Buffer::new();
    let r = buf.format_finite(v);
    // Ryu writes `int.frac` (`12.34`, `0.001234`), or `d.ddde-N` below
    // 10^-5 (a number that is not whole and below 2^53 has nothing else).
    let (sign, body) = match r.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", r),
    };
    // One pass: the digits as a number, how many follow the point, where
    // the exponent starts.
    let mut digits: u64 = 0;
    let (mut count, mut after_point, mut point) = (0, 0i32, None);
    let mut mantissa_end = body.len();
    for (i, b) in body.bytes().enumerate() {
        match b {
            b'0'..=b'9' => {
                digits = digits.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
                count += 1;
                after_point += i32::from(point.is_some());
            }
            b'.' if point.is_none() => point = Some(i),
            b'e' => {
                mantissa_end = i;
                break;
            }
            _ => return false,
        }
    }
    let exp = if mantissa_end == body.len() {
        0
    } else {
        let Some(e) = body[mantissa_end + 1..].strip_prefix('-') else {
            return false;
        };
        if e.is_empty() || e.len() > 3 || !e.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        -e.bytes().fold(0i32, |n, b| n * 10 + i32::from(b - b'0'))
    };
    if count > 19 {
        return false;
    }
    // v = digits x 10^k
    let k = exp - after_point;
    if digits == 0 || is_tie(v, digits, k) {
        return false;
    }
    s.put(sign);
    let mantissa = &body[..mantissa_end];
    if exp == 0 {
        // Already as `{}` writes it.
        s.put(mantissa);
    } else {
        // d.ddd x 10^exp with exp <= -5: `0.` and -exp - 1 zeros first,
        // then the digits without their point.
        s.put("0.");
        let mut zeros = (-exp - 1) as usize;
        while zeros > 0 {
            let k = zeros.min(16);
            s.put(&"0000000000000000"[..k]);
            zeros -= k;
        }
        match point {
            Some(p) => {
                s.put(&mantissa[..p]);
                s.put(&mantissa[p + 1..]);
            }
            None => s.put(mantissa),
        }
    }
    true
}

/// Is `|v|` exactly halfway between `digits x 10^k` and one of its two
/// neighbours at that precision (`(2 digits +- 1) x 10^k / 2`)? Only then
/// can two shortest forms be equally close. Exact: both sides as an odd
/// integer times a power of two. `true` too where it does not decide
/// (`k >= 0`), so the caller falls back.
fn is_tie(v: f64, digits: u64, k: i32) -> bool {
    if k >= 0 {
        return true;
    }
    let bits = v.abs().to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let mut m = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let mut e = biased - 1075;
    let tz = m.trailing_zeros();
    m >>= tz;
    e += tz as i32;
    // (2 digits +- 1) x 10^k / 2 = ((2 digits +- 1) / 5^j) x 2^(k - 1),
    // j = -k: a float only if 5^j divides the odd numerator.
    let j = (-k) as u32;
    let Some(p) = 5u64.checked_pow(j) else {
        return false;
    };
    [2 * digits + 1, 2 * digits - 1]
        .into_iter()
        .any(|q| q % p == 0 && q / p == m && e == k - 1)
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
        // Typical results: means, ratios, shares, small rates, and large
        // sums with quarter fractions (where two shortest forms can tie).
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let u = (x >> 11) as f64 / (1u64 << 53) as f64;
            cases.extend([
                u,
                u * 1000.0,
                -u * 7.5e6,
                (x % 100_000) as f64 / ((x >> 40) % 997 + 1) as f64,
                u * 1e-8,
                u.sqrt() * 148.0,
                ((x % 1_000_000_000) as f64 + 0.25) * 4e6,
            ]);
        }
        let mut bytes = Vec::new();
        for v in cases {
            let want = std_form(v);
            assert_eq!(num(v), want, "bits {:#x}", v.to_bits());
            bytes.clear();
            push_num(&mut bytes, v);
            assert_eq!(bytes, want.as_bytes(), "bits {:#x}", v.to_bits());
        }
    }

    #[test]
    fn whole_numbers_as_the_standard_form() {
        for n in [
            0,
            1,
            9,
            10,
            99,
            100,
            12_345,
            1 << 53,
            u64::MAX - 1,
            u64::MAX,
        ] {
            let mut s = String::new();
            push_whole(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }

    #[test]
    fn ties_are_left_to_the_standard_library() {
        // Exactly halfway between two shortest forms: Ryu rounds to even
        // (...44.2), the standard library up (...44.3).
        for bits in [0x4317_ba8e_0eac_8921u64, 0xc318_b0e1_d2d6_b5b1] {
            let v = f64::from_bits(bits);
            let mut s = String::new();
            assert!(!push_shortest(&mut s, v), "{v}");
            assert!(s.is_empty());
            assert_eq!(num(v), std_form(v));
        }
        let v = f64::from_bits(0x4317_ba8e_0eac_8921);
        assert!(is_tie(v, 16_697_609_396_639_442, -1));
        assert!(!is_tie(0.1, 1, -1));
    }
}
