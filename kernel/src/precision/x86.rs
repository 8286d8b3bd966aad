//! The AVX-512 instructions the emulated float32 libraries share, one lane at a time.
//!
//! `vscalefps`, `vgetexpps`, `vgetmantps` (to [0.5, 1)) and the polynomial every library
//! evaluates by Horner's scheme with `vfmadd`: NumPy's own functions ([`super::numpy_simd`]),
//! SVML's ([`super::svml`]), SLEEF's ([`super::sleef`]) and oneDNN's ([`super::onednn`]) call
//! these, so each is written once.

use super::fma;

/// `vscalefps`: `v · 2^floor(q)`, rounded once (to a subnormal if need be); NaN if either is
/// NaN, ±0 (the sign of `v`) for `q = −inf`.
pub(super) fn scalef(v: f32, q: f32) -> f32 {
    if q.is_nan() || v.is_nan() {
        return f32::NAN;
    }
    if q == f32::NEG_INFINITY {
        return 0.0_f32.copysign(v);
    }
    // v · 2^e is exact in f64 for every f32 v and |e| ≤ 400 (past that the f32 result is 0 or
    // inf either way); `as f32` then rounds once.
    let e = q.floor().clamp(-400.0, 400.0) as i32;
    (f64::from(v) * 2f64.powi(e)) as f32
}

/// `vgetexpps`: `floor(log2 |v|)` (subnormals included), −inf at 0, +inf at ±inf, NaN at NaN.
pub(super) fn getexp(v: f32) -> f32 {
    if v.is_nan() {
        return v;
    }
    let a = v.abs();
    if a == 0.0 {
        return f32::NEG_INFINITY;
    }
    if a.is_infinite() {
        return f32::INFINITY;
    }
    let bits = a.to_bits();
    let exponent = (bits >> 23) as i32;
    if exponent == 0 {
        // Subnormal: the leading bit of the significand sets the exponent.
        (-127 - (bits.leading_zeros() as i32 - 9)) as f32
    } else {
        (exponent - 127) as f32
    }
}

/// `vgetmantps` with the interval [0.5, 1) (`_MM_MANT_NORM_p5_1`): the significand of a positive
/// finite `v` (subnormals included) scaled into [0.5, 1), so `v = getmant(v) · 2^(getexp(v) + 1)`.
/// Every caller passes a positive `v`, where the instruction's sign control makes no difference.
pub(super) fn getmant(v: f32) -> f32 {
    let bits = v.to_bits() & 0x7fff_ffff;
    let significand = if bits >> 23 == 0 {
        // Subnormal: normalise by the leading bit, which the mask then drops.
        (bits << (bits.leading_zeros() - 8)) & 0x007f_ffff
    } else {
        bits & 0x007f_ffff
    };
    f32::from_bits(significand | 0x3f00_0000)
}

/// The polynomial with `coefficients` (highest degree first) at `x` by Horner's scheme, one
/// fused multiply-add per coefficient after the first: `fma(fma(c₀, x, c₁), x, c₂) …`.
pub(super) fn horner(x: f32, coefficients: &[f32]) -> f32 {
    let (&first, rest) = coefficients
        .split_first()
        .expect("a polynomial has a coefficient");
    rest.iter().fold(first, |p, &c| fma(p, x, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exponent_and_significand() {
        for v in [
            1.0_f32,
            0.75,
            3.0,
            1e-3,
            f32::MAX,
            f32::MIN_POSITIVE,
            f32::from_bits(1),
        ] {
            let (m, e) = (getmant(v), getexp(v));
            assert!((0.5..1.0).contains(&m), "{v}");
            assert_eq!(f64::from(m) * 2f64.powi(e as i32 + 1), f64::from(v), "{v}");
        }
        assert_eq!(getexp(f32::from_bits(1)), -149.0);
        assert_eq!(getexp(-8.0), 3.0);
        assert_eq!(getexp(0.0), f32::NEG_INFINITY);
        assert_eq!(getexp(f32::NEG_INFINITY), f32::INFINITY);
        assert!(getexp(f32::NAN).is_nan());
    }

    #[test]
    fn scalef_rounds_once_and_floors() {
        assert_eq!(scalef(1.5, 2.0), 6.0);
        assert_eq!(scalef(1.5, 2.9), 6.0);
        assert_eq!(scalef(1.5, -0.5), 0.75);
        // 1.5 · 2^-149 is a midpoint between the two smallest subnormals: to even
        assert_eq!(scalef(1.5, -149.0), f32::from_bits(2));
        assert_eq!(scalef(1.0, 128.0), f32::INFINITY);
        assert_eq!(
            scalef(-3.0, f32::NEG_INFINITY).to_bits(),
            (-0.0_f32).to_bits()
        );
        assert!(scalef(1.0, f32::NAN).is_nan());
    }

    #[test]
    fn horner_fuses_each_step() {
        // 2x² + 3x + 4 at x = 10
        assert_eq!(horner(10.0, &[2.0, 3.0, 4.0]), 234.0);
        assert_eq!(horner(10.0, &[7.0]), 7.0);
        // one rounding per step: (1 + 2^-23)·(1 − 2^-23) − 1 = −2^-46, lost without the fusion
        let e = f32::EPSILON;
        assert_eq!(horner(1.0 - e, &[1.0 + e, -1.0]), -e * e);
    }
}
