//! A vectorisable `e^x` for `x <= 0` and `e^x - 1` as a double-double.
//!
//! Both are branch-free, so a loop that calls them vectorises. Every exponential the kernels need
//! is `e^(-|x|)` or `e^(x - max)`. Lanes they cannot serve (results below the normal range, NaN)
//! are redone by the scalar code afterwards.
#![allow(clippy::inline_always)]

use crate::double_double::LN2;
use crate::eft::fast_two_sum;

/// Below this, `e^x` is not a normal `f64`: such lanes are finished by the scalar code.
pub(crate) const EXP_NORMAL_LIMIT: f64 = -708.0;
/// `1.5·2^52`: adding it rounds to an integer held in the low mantissa bits.
const ROUNDING_SHIFTER: f64 = 6_755_399_441_055_744.0;
const LOG2_E: f64 = std::f64::consts::LOG2_E;
/// `ln 2 = LN2_HI + LN2_LO`, the high part exact in the FMA-based reduction.
const LN2_HI: f64 = LN2.hi;
const LN2_LO: f64 = LN2.lo;
/// Lanes the accumulators run side by side (two AVX-512 registers: more independent work).
pub(crate) const LANES: usize = 16;

/// `e^x` for `EXP_NORMAL_LIMIT <= x <= 0`, branch-free. Outside that range the result is
/// meaningless and the caller replaces it.
///
/// `x = k·ln2 + r` with `|r| <= ln2/2` (Cody-Waite with FMA), `e^r` by its Taylor series to
/// `r^13/13!` (truncation below 0.05 ulp), then `2^k` put in the exponent bits.
#[inline(always)]
pub(crate) fn exp_nonpositive(x: f64) -> f64 {
    exp_in_range(x.max(EXP_NORMAL_LIMIT - 1.0))
}

/// [`exp_nonpositive`] without the clamp, for callers that know `x >= EXP_NORMAL_LIMIT - 1`; it
/// also holds up to `x = -EXP_NORMAL_LIMIT` (`2^k` stays normal for `k <= 1022`).
#[inline(always)]
pub(crate) fn exp_in_range(x: f64) -> f64 {
    let shifted = x.mul_add(LOG2_E, ROUNDING_SHIFTER);
    let k = shifted - ROUNDING_SHIFTER;
    let r = (-k).mul_add(LN2_HI, x);
    let r = (-k).mul_add(LN2_LO, r);
    // e^r = 1 + (r + r²·p): the small part first, so the last rounding is the only large one.
    let e_r = 1.0 + (r * r).mul_add(exp_series(r), r);
    // k is an integer in [-1023, 0]: its bits sit in the shifter's low mantissa bits.
    let k_bits = shifted.to_bits().wrapping_sub(ROUNDING_SHIFTER.to_bits());
    let scale = f64::from_bits(k_bits.wrapping_add(1023) << 52);
    e_r * scale
}

/// `p(r)` with `e^r = 1 + r + r²·p(r)` for `|r| <= ln2/2`: a degree-9 Chebyshev fit of
/// `(e^r - 1 - r)/r²` (mpmath `chebyfit`), within 0.15 ulp of `e^r` over the interval; two
/// multiply-adds fewer than the Taylor series to the same accuracy.
#[inline(always)]
fn exp_series(r: f64) -> f64 {
    let mut p: f64 = 2.510_037_583_256_123_4e-8;
    for c in [
        2.762_007_587_998_336_7e-7,
        2.755_726_848_031_002_4e-6,
        2.480_152_132_236_869_2e-5,
        1.984_126_986_304_054_5e-4,
        1.388_888_891_719_671_9e-3,
        8.333_333_333_330_065e-3,
        4.166_666_666_662_416_4e-2,
        1.666_666_666_666_666_9e-1,
        5.000_000_000_000_001e-1,
    ] {
        p = p.mul_add(r, c);
    }
    p
}

/// `e^z = scale·(1 + s + s_low)` for `EXP_NORMAL_LIMIT - 1 <= z <= 0`: `scale = 2^k` exactly,
/// `s = r + r²·p(r)` rounded and `s_low` its rounding error.
#[inline(always)]
fn exp_parts(z: f64) -> (f64, f64, f64) {
    let shifted = z.mul_add(LOG2_E, ROUNDING_SHIFTER);
    let k = shifted - ROUNDING_SHIFTER;
    let r = (-k).mul_add(LN2_HI, z);
    let r = (-k).mul_add(LN2_LO, r);
    let t = (r * r) * exp_series(r);
    let s = r + t;
    let s_low = (r - s) + t;
    let k_bits = shifted.to_bits().wrapping_sub(ROUNDING_SHIFTER.to_bits());
    let scale = f64::from_bits(k_bits.wrapping_add(1023) << 52);
    (scale, s, s_low)
}

/// `e^z - 1` for `EXP_NORMAL_LIMIT <= z <= 0` as `hi + lo`, to about 0.1 ulp: with
/// `e^z = 2^k·(1 + s)`, it is `(2^k - 1) + 2^k·s`, the first part exact, the second exact but
/// for the rounding of `s = r + r²·p`, which is carried in `lo`.
#[inline(always)]
pub(crate) fn expm1_nonpositive(z: f64) -> (f64, f64) {
    let (scale, s, s_low) = exp_parts(z.max(EXP_NORMAL_LIMIT - 1.0));
    // Fast2Sum holds: 2^k - 1 is 0 (k = 0) or at least ½ in size, and |2^k·s| <= 2^k·0.42.
    let (hi, error) = fast_two_sum(scale - 1.0, scale * s);
    (hi, error + scale * s_low)
}

/// `e^z` for `EXP_NORMAL_LIMIT <= z <= 0` as a double-double `hi + lo`, to about 0.15 ulp of
/// `e^z` (the polynomial's error; `lo` carries the roundings): `2^k + 2^k·s` summed exactly.
#[inline(always)]
pub(crate) fn exp_double_double(z: f64) -> (f64, f64) {
    let (scale, s, s_low) = exp_parts(z.max(EXP_NORMAL_LIMIT - 1.0));
    let (hi, error) = fast_two_sum(scale, scale * s);
    (hi, scale.mul_add(s_low, error))
}

/// `tanh(x)` for `|x| <= 354` as `-m / (2 + m)`, `m = expm1(-2|x|)` to about 0.1 ulp, the
/// roundings of `m` and of `2 + m` carried into one Newton-corrected division.
#[inline(always)]
pub(crate) fn tanh_lane(x: f64) -> f64 {
    let (m, m_low) = expm1_nonpositive(-2.0 * x.abs());
    let d = 2.0 + m;
    let d_low = ((2.0 - d) + m) + m_low;
    // -(m + m_low)/(d + d_low): the quotient of the high parts, and the lows to first order.
    let q0 = -m / d;
    let q = (-q0).mul_add(d_low, -m_low) / d + q0;
    q.copysign(x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simd::{Level, dispatch};

    /// Distance in ulp of the reference.
    fn ulps(got: f64, want: f64) -> f64 {
        (got - want).abs() / (want.abs().next_up() - want.abs())
    }

    #[test]
    fn exp_is_within_an_ulp_of_libm_at_every_level() {
        for level in Level::available() {
            let worst = dispatch!(level, fn run() -> f64 {
                let mut worst: f64 = 0.0;
                let mut x = 0.0;
                while x > EXP_NORMAL_LIMIT {
                    worst = worst.max(ulps(exp_nonpositive(x), x.exp()));
                    x -= 0.001_234_567;
                }
                worst
            } else {
                let mut worst: f64 = 0.0;
                let mut x = 0.0;
                while x > EXP_NORMAL_LIMIT {
                    worst = worst.max(ulps(exp_nonpositive(x), x.exp()));
                    x -= 0.001_234_567;
                }
                worst
            });
            // Both are within ~0.5 ulp of exact, so within ~1 of each other.
            assert!(worst <= 1.0, "{}: worst {worst} ulp", level.name());
        }
    }
}
