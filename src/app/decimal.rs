//! Adding a step to a value the way a person reads it, exactly in decimal.
//!
//! The value as shown (its shortest round-trip decimal) plus the step, exactly in decimal, rounded
//! once to the nearest `f64`. So `0.1234567890123456 + 0.1` is `0.2234567890123456`, and `1.2 +
//! 0.1` is `1.3`, with no digit invented or dropped on the way.

use crate::format::full_precision;

/// A finite decimal: `digits × 10^exponent`, sign apart.
struct Decimal {
    negative: bool,
    digits: Vec<u8>,
    exponent: i32,
}

impl Decimal {
    /// The shortest decimal that reads back to `v` (finite).
    fn of(v: f64) -> Decimal {
        let text = full_precision(v);
        let (negative, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.as_str()),
        };
        let (mantissa, power) = match unsigned.split_once('e') {
            Some((m, p)) => (m, p.parse::<i32>().unwrap_or(0)),
            None => (unsigned, 0),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits: Vec<u8> = whole
            .bytes()
            .chain(fraction.bytes())
            .map(|b| b - b'0')
            .collect();
        Decimal {
            negative,
            digits,
            exponent: power - i32::try_from(fraction.len()).unwrap_or(0),
        }
    }

    /// The digits as a big integer scaled to `exponent` (which must be <= this one's).
    fn scaled_to(&self, exponent: i32) -> Vec<u8> {
        let extra = usize::try_from(self.exponent - exponent).unwrap_or(0);
        let mut digits = self.digits.clone();
        digits.extend(std::iter::repeat_n(0, extra));
        digits
    }
}

/// `a + b` for the decimals `a` and `b` are shown as, rounded once to the nearest `f64` (an
/// infinite result when it passes the largest).
#[must_use]
pub fn add(a: f64, b: f64) -> f64 {
    if !a.is_finite() || !b.is_finite() {
        return a + b;
    }
    let (x, y) = (Decimal::of(a), Decimal::of(b));
    let exponent = x.exponent.min(y.exponent);
    let (dx, dy) = (x.scaled_to(exponent), y.scaled_to(exponent));
    let (negative, digits) = if x.negative == y.negative {
        (x.negative, add_digits(&dx, &dy))
    } else if compare(&dx, &dy).is_ge() {
        (x.negative, subtract_digits(&dx, &dy))
    } else {
        (y.negative, subtract_digits(&dy, &dx))
    };
    let text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
    let sign = if negative { "-" } else { "" };
    // Rust's parser rounds any decimal text correctly, however long.
    format!("{sign}{text}e{exponent}")
        .parse::<f64>()
        .map_or(f64::NAN, |v| v + 0.0)
}

/// The digits with leading zeros dropped (at least one kept).
fn trimmed(digits: &[u8]) -> &[u8] {
    let first = digits
        .iter()
        .position(|&d| d != 0)
        .unwrap_or(digits.len().saturating_sub(1));
    &digits[first..]
}

fn compare(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    let (a, b) = (trimmed(a), trimmed(b));
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

fn add_digits(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(a.len().max(b.len()) + 1);
    let mut carry = 0;
    let (mut i, mut j) = (a.len(), b.len());
    while i > 0 || j > 0 || carry > 0 {
        let mut sum = carry;
        if i > 0 {
            i -= 1;
            sum += a[i];
        }
        if j > 0 {
            j -= 1;
            sum += b[j];
        }
        out.push(sum % 10);
        carry = sum / 10;
    }
    out.reverse();
    out
}

/// `a - b` for `a >= b`.
fn subtract_digits(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(a.len());
    let mut borrow = 0i8;
    let mut j = b.len();
    for i in (0..a.len()).rev() {
        let mut digit = a[i] as i8 - borrow;
        if j > 0 {
            j -= 1;
            digit -= b[j] as i8;
        }
        borrow = i8::from(digit < 0);
        out.push(if digit < 0 { digit + 10 } else { digit } as u8);
    }
    out.reverse();
    if out.is_empty() {
        out.push(0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_add_in_decimal() {
        assert_eq!(add(1.2, 0.1), 1.3);
        assert_eq!(add(1.3, -1.0), 0.3);
        assert_eq!(add(0.123_456_789_012_345_6, 0.1), 0.223_456_789_012_345_6);
        assert_eq!(add(-0.7, 1.0), 0.3);
        assert_eq!(add(0.1, -0.1).to_bits(), 0);
        assert_eq!(add(1e-300, 0.1), 0.1);
        assert_eq!(add(5e-324, -5e-324).to_bits(), 0);
        assert_eq!(
            add(1e16, 1.0),
            1e16,
            "1e16 + 1 rounds back to 1e16 (ties to even)"
        );
        assert_eq!(add(1e16 + 2.0, 1.0), 1e16 + 4.0);
        assert_eq!(add(f64::MAX, f64::MAX), f64::INFINITY);
        assert_eq!(add(1.797_693_134_862_315_7e308, 1.0), f64::MAX);
        assert_eq!(add(-2.5, 2.5).to_bits(), 0);
        assert_eq!(add(999_999.9, 0.1), 1e6);
        assert_eq!(add(123_456_789.0, 0.1), 123_456_789.1);
    }

    #[test]
    fn where_the_binary_sum_is_exact_the_decimal_sum_is_the_same_number() {
        // dec(a) is within half an ulp of a; for a > 0 and a step b > 0 whose binary sum is exact,
        // ulp(a + b) >= ulp(a), so dec(a) + b rounds to a + b.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut checked = 0;
        for _ in 0..20_000 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let a = (state >> 11) as f64 / (1u64 << 53) as f64 * 1e3;
            let b = [1.0, 0.5, 0.25, 2.0][(state >> 3) as usize % 4];
            let (sum, error) = crate::kernel::eft::two_sum(a, b);
            if error == 0.0 {
                assert_eq!(add(a, b), sum, "{a} + {b}");
                checked += 1;
            }
        }
        assert!(checked > 100, "only {checked} exact sums");
    }
}
