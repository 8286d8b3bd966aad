//! Correct rounding of an `f64` to f32, f16 and bf16: to nearest, ties to even, overflow to ±inf.
//!
//! `half`'s own `f16::from_f64` and `bf16::from_f64` are not correctly rounded: on x86 with F16C
//! the first converts through `f32` (a double rounding: a value just above a tie between two f16
//! values becomes the tie in f32, then goes to the even one), and the second drops the low 32
//! bits of the f64 before its round/sticky test. Both are wrong only on values within 2⁻²⁴ of
//! the midpoint of two neighbours, but a framework model must be exact there too.
//!
//! The fix: round to f32 *to odd* (exact values stay; otherwise take the neighbour whose last
//! significand bit is 1), then to nearest-even with `from_f32`. Rounding to odd with at least two
//! more bits than the target and then to nearest is the same as rounding to nearest once (Boldo
//! and Melquiond, "Emulation of FMA and correctly rounded sums: proved algorithms using rounding
//! to odd", IEEE Trans. Computers 57(4), 2008). f32 keeps 24 bits against f16's 11 and bf16's 8,
//! and 13 more bits than f16 or bf16 in their subnormal ranges, so the condition holds throughout.

use half::{bf16, f16};

/// `v` rounded to f32, to nearest with ties to even (Rust's `as` is exactly that).
#[must_use]
pub fn to_f32(v: f64) -> f32 {
    v as f32
}

/// `v` rounded to f32 *to odd*: `v` itself when f32 holds it, else whichever of its two f32
/// neighbours has an odd last bit (past `f32::MAX`, `±f32::MAX`). NaN stays NaN.
#[must_use]
pub fn to_f32_odd(v: f64) -> f32 {
    let nearest = v as f32;
    if nearest.is_nan() || f64::from(nearest) == v {
        return nearest;
    }
    if nearest.is_infinite() {
        return f32::MAX.copysign(nearest);
    }
    let bits = nearest.to_bits();
    if bits & 1 == 1 {
        return nearest;
    }
    // Even: step one value towards v. The sign bit is the top bit, so ±1 moves the magnitude.
    if v.abs() > f64::from(nearest).abs() {
        f32::from_bits(bits + 1)
    } else {
        f32::from_bits(bits - 1)
    }
}

/// `v` rounded to IEEE half, correctly (to nearest, ties to even; overflow past 65504 to ±inf).
#[must_use]
pub fn to_f16(v: f64) -> f16 {
    f16::from_f32(to_f32_odd(v))
}

/// `v` rounded to bfloat16, correctly (to nearest, ties to even; overflow to ±inf).
#[must_use]
pub fn to_bf16(v: f64) -> bf16 {
    bf16::from_f32(to_f32_odd(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Round to `bits` significant bits, smallest exponent `min_exponent`, largest finite `max`,
    /// by scaling to an integer and `round_ties_even`: a second, independent way to round.
    fn by_scaling(v: f64, bits: i32, min_exponent: i32, max: f64) -> f64 {
        if v == 0.0 || !v.is_finite() {
            return v;
        }
        let exponent = (v.abs().log2().floor() as i32).max(min_exponent);
        let scale = 2f64.powi(bits - 1 - exponent);
        // Both scalings are by powers of two: exact.
        let r = (v * scale).round_ties_even() / scale;
        if r.abs() > max {
            f64::INFINITY.copysign(r)
        } else {
            r
        }
    }

    fn reference_f16(v: f64) -> f64 {
        by_scaling(v, 11, -14, 65504.0)
    }

    fn reference_bf16(v: f64) -> f64 {
        by_scaling(v, 8, -126, bf16::MAX.to_f64())
    }

    /// Every finite value >= 0 of a 16-bit format, ascending: bit patterns 0 up to `infinity`.
    fn ladder(infinity: u16, from_bits: fn(u16) -> f64) -> Vec<f64> {
        (0..infinity).map(from_bits).collect()
    }

    /// The hard cases between each pair of neighbours a < b: the midpoint, one f64 either side
    /// of it, and 2⁻³⁰ (relative) either side, which sits inside f32's last bit.
    fn hard_cases(values: &[f64]) -> Vec<f64> {
        let mut cases = Vec::new();
        for pair in values.windows(2) {
            let mid = f64::midpoint(pair[0], pair[1]);
            let nudge = mid * 2f64.powi(-30);
            for v in [
                mid,
                mid.next_up(),
                mid.next_down(),
                mid + nudge,
                mid - nudge,
                pair[0],
                pair[1],
            ] {
                cases.extend([v, -v]);
            }
        }
        cases
    }

    #[test]
    fn f16_is_correctly_rounded_at_every_midpoint() {
        let values = ladder(0x7c00, |b| f16::from_bits(b).to_f64());
        assert_eq!(values.len(), 0x7c00);
        for v in hard_cases(&values) {
            let got = to_f16(v).to_f64();
            assert_eq!(got.to_bits(), reference_f16(v).to_bits(), "{v:e}");
        }
    }

    #[test]
    fn bf16_is_correctly_rounded_at_every_midpoint() {
        let values = ladder(0x7f80, |b| bf16::from_bits(b).to_f64());
        assert_eq!(values.len(), 0x7f80);
        for v in hard_cases(&values) {
            let got = to_bf16(v).to_f64();
            assert_eq!(got.to_bits(), reference_bf16(v).to_bits(), "{v:e}");
        }
    }

    #[test]
    fn ties_go_to_even_and_a_hair_above_goes_up() {
        // 1 + 2^-11 is the tie between 1 and 1 + 2^-10 in f16: even is 1.
        let tie = 1.0 + 2f64.powi(-11);
        assert_eq!(to_f16(tie).to_f64(), 1.0);
        // 2^-40 above the tie: f32 would round it to the tie (double rounding gives 1);
        // correctly it is 1 + 2^-10.
        let above = tie + 2f64.powi(-40);
        assert_eq!(to_f16(above).to_f64(), 1.0 + 2f64.powi(-10));
        assert_eq!(to_f16(tie - 2f64.powi(-40)).to_f64(), 1.0);
        // bf16: the tie between 1 and 1 + 2^-7, and 2^-45 above it (only in the low 32 bits).
        let tie = 1.0 + 2f64.powi(-8);
        assert_eq!(to_bf16(tie).to_f64(), 1.0);
        assert_eq!(to_bf16(tie + 2f64.powi(-45)).to_f64(), 1.0 + 2f64.powi(-7));
        // f32 itself: ties to even.
        assert_eq!(to_f32(1.0 + 2f64.powi(-24)), 1.0);
    }

    #[test]
    fn subnormals_and_overflow() {
        let tiny = 2f64.powi(-24); // the smallest f16 subnormal
        assert_eq!(to_f16(tiny / 2.0).to_f64(), 0.0, "tie with 0 goes to 0");
        assert_eq!(to_f16((tiny / 2.0).next_up()).to_f64(), tiny);
        assert_eq!(to_f16(1.5 * tiny).to_f64(), 2.0 * tiny, "tie goes to even");
        assert!(to_f16(-1e-30).to_f64().is_sign_negative());
        // 65520 is the tie between 65504 and 2^16: to even, which is past the range.
        assert_eq!(to_f16(65519.999).to_f64(), 65504.0);
        assert_eq!(to_f16(65520.0).to_f64(), f64::INFINITY);
        assert_eq!(to_f16(-1e300).to_f64(), f64::NEG_INFINITY);
        let bf16_max = bf16::MAX.to_f64();
        assert_eq!(to_bf16(bf16_max).to_f64(), bf16_max);
        assert_eq!(to_bf16(f64::from(f32::MAX)).to_f64(), f64::INFINITY);
        assert_eq!(to_bf16(1e300).to_f64(), f64::INFINITY);
        let bf16_tiny = 2f64.powi(-133);
        assert_eq!(to_bf16(bf16_tiny * 0.75).to_f64(), bf16_tiny);
        assert_eq!(to_bf16(bf16_tiny * 0.5).to_f64(), 0.0);
        assert_eq!(
            to_f32_odd(1e-300).to_bits(),
            1,
            "below f32's range: the odd neighbour"
        );
        assert_eq!(to_f32_odd(1e300), f32::MAX);
        assert!(to_f16(f64::NAN).is_nan() && to_bf16(f64::NAN).is_nan());
        assert_eq!(to_f16(f64::INFINITY).to_f64(), f64::INFINITY);
    }

    #[test]
    fn half_alone_is_not_correctly_rounded() {
        // The reason this module exists: a value just above a tie that half rounds down.
        let above = 1.0 + 2f64.powi(-8) + 2f64.powi(-45);
        assert_eq!(bf16::from_f64(above).to_f64(), 1.0);
        assert_eq!(to_bf16(above).to_f64(), 1.0 + 2f64.powi(-7));
    }
}
