//! The Gaussian family: the normal CDF and density, exact GELU and its tanh approximation.
//!
//! In the left tail each is an exponential of a large argument (`x²/2`, `x/√2` squared, the
//! cubic of the tanh form), and the rounding of that argument, about `ulp(x²)`, would be
//! multiplied by the exponential into an error growing like `x²` (over 1,000 ulp at x = -37).
//! So the argument is carried as a double-double (its low part from an FMA) and folded in to
//! first order: `erfc(z + dz) = erfc(z) - 2/√π·e^(-z²)·dz`, `e^(h + l) = e^h·(1 + l)`.
#![allow(clippy::inline_always)]

use std::f64::consts::FRAC_2_SQRT_PI;

use super::logistic::{logistic, logistic_density};
use super::tail::{SUBNORMAL_EXPONENT, exp_with_low, mul_exp};
use crate::eft::{two_product, two_sum};

/// `1/√2 = FRAC_1_SQRT_2_HI + FRAC_1_SQRT_2_LO` (mpmath).
pub(crate) const FRAC_1_SQRT_2_HI: f64 = std::f64::consts::FRAC_1_SQRT_2;
pub(crate) const FRAC_1_SQRT_2_LO: f64 = -4.833_646_656_726_457e-17;
/// `1/√(2π)`, the peak of the standard normal density, as a double-double.
pub(crate) const FRAC_1_SQRT_2PI_HI: f64 = 0.398_942_280_401_432_7;
pub(crate) const FRAC_1_SQRT_2PI_LO: f64 = -2.492_327_202_277_73e-17;
/// `√(2/π)`, the scale inside the tanh approximation of GELU, as a double-double.
pub(crate) const SQRT_2_OVER_PI_HI: f64 = 0.797_884_560_802_865_4;
const SQRT_2_OVER_PI_LO: f64 = -4.984_654_404_555_46e-17;
/// The cubic coefficient of the tanh approximation of GELU (Hendrycks & Gimpel), the decimal
/// 0.044715 exactly as a double-double, and three times it.
const GELU_TANH_CUBIC_HI: f64 = 0.044_715;
const GELU_TANH_CUBIC_LO: f64 = 2.196_021_142_708_559_5e-18;
pub(crate) const GELU_TANH_CUBIC_3: f64 = 0.134_145;
/// Below this, GELU and its derivative are the asymptotic series of the Mills ratio times the
/// density: `erfc` itself would be subnormal before the product is (x < -37.5).
const GELU_ASYMPTOTIC_BELOW: f64 = -30.0;
/// Beyond this the tanh form's argument `|v| > 1900`: `σ(v)` is exactly 0 or 1 in f64.
const GELU_TANH_SATURATED: f64 = 30.0;

/// `-x/√2` as `(z, dz)`, exact to about 2^-106 relative.
fn scaled_by_minus_frac_1_sqrt_2(x: f64) -> (f64, f64) {
    let (z, error) = two_product(-x, FRAC_1_SQRT_2_HI);
    (z, (-x).mul_add(FRAC_1_SQRT_2_LO, error))
}

/// `erfc(z + dz)` for a small `dz`, to first order: `erfc(z) - 2/√π·e^(-z²)·dz`, the
/// correction's own error about `z·dz` relative, far below an ulp.
fn erfc_of_sum(z: f64, dz: f64) -> f64 {
    let slope = FRAC_2_SQRT_PI * (-z * z).exp();
    (-slope).mul_add(dz, libm::erfc(z))
}

/// `x²/2` as `(h, l)`, exact (but where `x²` is not finite or not normal).
#[inline(always)]
pub(crate) fn half_square(x: f64) -> (f64, f64) {
    let (square, error) = two_product(x, x);
    (
        0.5 * square,
        if square.is_finite() { 0.5 * error } else { 0.0 },
    )
}

/// `a·φ(x) = a·e^(-x²/2)/√(2π)` with `x²/2` carried exactly and the constant as a
/// double-double, scaled where `e^(-x²/2)` alone would be subnormal (`a` finite).
fn times_density(a: f64, x: f64) -> f64 {
    let (h, l) = half_square(x);
    if h > 1500.0 {
        // Below e^-1500·f64::MAX: 0, of a's sign (h may be infinite).
        return 0.0 * a;
    }
    let scale = a.mul_add(FRAC_1_SQRT_2PI_HI, a * FRAC_1_SQRT_2PI_LO);
    if -h >= SUBNORMAL_EXPONENT {
        scale * exp_with_low(-h, -l)
    } else {
        mul_exp(scale, -h, -l)
    }
}

/// The Mills-ratio series `S(u) = Σ (-1)^n (2n-1)!! u^n` with `u = 1/x²`: `Φ(x) = φ(x)·S/|x|`
/// for `x -> -inf`. Ten terms; at `x <= -30` the first term left out is below 2e-21.
fn mills_series(u: f64) -> f64 {
    let mut sum = 0.0;
    for n in (1..=9).rev() {
        // (2n-1)·u·(1 - (2n+1)·u·(...)), innermost first.
        sum = f64::from(2 * n - 1) * u * (1.0 - sum);
    }
    1.0 - sum
}

/// Standard normal CDF `Φ(x) = ½·erfc(-x/√2)`, accurate in both tails (`-x/√2` carried).
#[must_use]
pub fn normal_cdf(x: f64) -> f64 {
    if x.is_infinite() {
        return if x > 0.0 { 1.0 } else { 0.0 };
    }
    let (z, dz) = scaled_by_minus_frac_1_sqrt_2(x);
    0.5 * erfc_of_sum(z, dz)
}

/// Standard normal density `φ(x) = e^(-x²/2) / √(2π)` (`x²/2` carried).
#[must_use]
pub fn normal_pdf(x: f64) -> f64 {
    if x.is_infinite() {
        return 0.0;
    }
    times_density(1.0, x)
}

/// Exact GELU `x·Φ(x) = ½x·erfc(-x/√2)`, within 4 ulp for every finite x. The `erf` form
/// `½x·(1 + erf(x/√2))` cancels as x falls: about 10 digits are left at x = -5 and none below
/// -8.3; the `erfc` form keeps them, with `-x/√2` carried so its rounding does not grow
/// through the exponential, and below x = -30 it is `-φ(x)·S(1/x²)` (the Mills ratio).
#[must_use]
pub fn gelu(x: f64) -> f64 {
    if x.is_infinite() {
        return if x > 0.0 { x } else { -0.0 };
    }
    if x < GELU_ASYMPTOTIC_BELOW {
        gelu_asymptotic(x)
    } else {
        gelu_by_erfc(x)
    }
}

/// `-φ(x)·S(1/x²)`, for `x <= -30`.
fn gelu_asymptotic(x: f64) -> f64 {
    -times_density(mills_series(1.0 / (x * x)), x)
}

/// `½x·erfc(-x/√2)` with `-x/√2` carried, for `x > -37.5` (where erfc is normal).
fn gelu_by_erfc(x: f64) -> f64 {
    let (z, dz) = scaled_by_minus_frac_1_sqrt_2(x);
    let slope = FRAC_2_SQRT_PI * (-z * z).exp();
    let half = 0.5 * x;
    // ½x·erfc(z) - ½x·slope·dz, rounded once.
    half.mul_add(libm::erfc(z), -(half * slope) * dz)
}

/// GELU' `Φ(x) + x·φ(x)`; below x = -30, `-|x|·φ(x)·(1 - S(1/x²)/x²)`.
#[must_use]
pub fn gelu_derivative(x: f64) -> f64 {
    if x.is_infinite() {
        return if x > 0.0 { 1.0 } else { 0.0 };
    }
    if x < GELU_ASYMPTOTIC_BELOW {
        gelu_derivative_asymptotic(x)
    } else {
        normal_cdf(x) + times_density(x, x)
    }
}

/// `-|x|·φ(x)·(1 - S(1/x²)/x²)`, for `x <= -30`.
fn gelu_derivative_asymptotic(x: f64) -> f64 {
    let u = 1.0 / (x * x);
    times_density(x * (-u).mul_add(mills_series(u), 1.0), x)
}

/// `v = 2·√(2/π)·(x + 0.044715x³)`, twice the tanh argument of the GELU approximation, as a
/// double-double `(v, dv)` (for `|x| <= 30`).
#[inline(always)]
pub(crate) fn gelu_tanh_argument(x: f64) -> (f64, f64) {
    let (square, square_low) = two_product(x, x);
    let (cube, cube_low) = two_product(x, square);
    let cube_low = x.mul_add(square_low, cube_low);
    let (term, term_low) = two_product(GELU_TANH_CUBIC_HI, cube);
    let term_low = GELU_TANH_CUBIC_HI.mul_add(cube_low, GELU_TANH_CUBIC_LO.mul_add(cube, term_low));
    let (inner, inner_low) = two_sum(x, term);
    let inner_low = inner_low + term_low;
    let (v, v_low) = two_product(SQRT_2_OVER_PI_HI, inner);
    let v_low = SQRT_2_OVER_PI_HI.mul_add(inner_low, SQRT_2_OVER_PI_LO.mul_add(inner, v_low));
    (2.0 * v, 2.0 * v_low)
}

/// Tanh-approximated GELU `½x·(1 + tanh(u))`, `u = √(2/π)(x + 0.044715x³)`, within 4 ulp
/// for every finite x: computed as `x·σ(2u)`, so the left tail keeps its digits, with `2u`
/// carried as a double-double into the exponential.
#[must_use]
pub fn gelu_tanh(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x.abs() > GELU_TANH_SATURATED {
        return if x > 0.0 { x } else { -0.0 };
    }
    let (v, dv) = gelu_tanh_argument(x);
    if v < SUBNORMAL_EXPONENT {
        // σ(v) = e^v·(1 - e^v + …) and e^v < 1e-304.
        return mul_exp(x, v, dv);
    }
    x * logistic((-v.abs()).exp(), v >= 0.0, dv)
}

/// Derivative of the tanh-approximated GELU: `σ(v) + x·σ(v)·σ(-v)·v'` with `v = 2u`,
/// `v' = 2√(2/π)(1 + 3·0.044715x²)`, `v` carried as a double-double.
#[must_use]
pub fn gelu_tanh_derivative(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x.abs() > GELU_TANH_SATURATED {
        return if x > 0.0 { 1.0 } else { -0.0 };
    }
    let (v, dv) = gelu_tanh_argument(x);
    let slope = 2.0 * SQRT_2_OVER_PI_HI * GELU_TANH_CUBIC_3.mul_add(x * x, 1.0);
    if v < SUBNORMAL_EXPONENT {
        // σ(v) and σ(v)·σ(-v) are both e^v to f64 precision.
        return mul_exp(x.mul_add(slope, 1.0), v, dv);
    }
    gelu_tanh_derivative_from(x, v, dv, (-v.abs()).exp())
}

/// `σ(v) + x·σ(v)·σ(-v)·v'` from `e = e^-|v|` (the argument's rounding `dv` carried into both),
/// shared with the SIMD layer, which passes its own exponential.
#[inline(always)]
pub(crate) fn gelu_tanh_derivative_from(x: f64, v: f64, dv: f64, e: f64) -> f64 {
    let slope = 2.0 * SQRT_2_OVER_PI_HI * GELU_TANH_CUBIC_3.mul_add(x * x, 1.0);
    let s = logistic(e, v >= 0.0, dv);
    // e^-|v - dv|: the density carries the argument's rounding too.
    let e = if v >= 0.0 {
        (-e).mul_add(dv, e)
    } else {
        e.mul_add(dv, e)
    };
    let density = logistic_density(e);
    (x * density).mul_add(slope, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance in ulp of the reference.
    fn ulps(got: f64, want: f64) -> f64 {
        (got - want).abs() / (want.abs().next_up() - want.abs())
    }

    /// `(z, erfc(z))` for z from 5 to 26.54, z the f64 nearest the decimal written, erfc by mpmath
    /// at 60 digits as a double-double `hi + lo` (scripts/erfc_tail.py prints them).
    const ERFC_TAIL: [(f64, f64, f64); 43] = [
        (5.0, 1.537_459_794_428_035e-12, -8.569_418_222_079_096e-29),
        (5.3, 6.613_081_850_340_811e-14, -2.439_884_295_430_063_7e-30),
        (
            5.75,
            4.232_136_617_425_738e-16,
            -1.859_966_041_781_556_4e-32,
        ),
        (
            6.5,
            3.842_148_327_120_647_5e-20,
            -2.445_581_682_573_610_4e-37,
        ),
        (7.25, 1.146_690_081_481_501_2e-24, 6.561_909_265_128_689e-42),
        (7.77, 4.343_717_238_924_727e-28, 4.373_285_692_899_707e-44),
        (8.0, 1.122_429_717_298_292_6e-29, 6.498_454_021_773_158e-46),
        (
            8.75,
            3.597_115_728_647_072e-35,
            -1.408_736_846_952_425_2e-51,
        ),
        (
            9.5,
            3.769_214_485_654_879_7e-41,
            2.277_311_974_578_130_5e-57,
        ),
        (
            10.25,
            1.290_013_890_504_290_4e-47,
            -3.427_915_463_131_642e-64,
        ),
        (
            11.0,
            1.440_866_137_943_694_8e-54,
            -1.007_028_929_726_877_8e-70,
        ),
        (11.11, 1.253_398_903_196_039e-55, 8.380_264_860_807_107e-72),
        (
            11.75,
            5.248_636_097_008_541e-62,
            3.510_759_857_872_773_7e-78,
        ),
        (
            12.5,
            6.231_942_781_979_911e-70,
            -2.909_629_670_266_527_4e-86,
        ),
        (
            13.25,
            2.410_771_372_637_134_4e-78,
            2.106_085_067_006_561_6e-94,
        ),
        (
            13.7,
            1.261_315_833_740_874_9e-83,
            -4.410_632_982_352_051_6e-100,
        ),
        (
            14.0,
            3.037_229_847_750_311_5e-87,
            1.500_901_917_811_211_5e-103,
        ),
        (
            14.75,
            1.245_797_352_185_758_5e-96,
            9.580_506_317_330_944e-113,
        ),
        (
            15.5,
            1.663_201_640_048_872_3e-106,
            5.140_639_414_562_648e-123,
        ),
        (
            16.25,
            7.225_478_196_226_945e-117,
            -2.810_612_666_305_091_3e-133,
        ),
        (
            17.0,
            1.021_228_015_094_260_8e-127,
            8.273_473_264_767_516e-144,
        ),
        (
            17.25,
            1.923_789_189_586_878_8e-131,
            1.266_481_934_687_958_6e-148,
        ),
        (
            17.75,
            4.694_993_499_922_695e-139,
            -4.614_716_450_740_794_5e-156,
        ),
        (18.5, 7.019_961_574_985_679e-151, 4.754_026_303_709_23e-167),
        (
            19.25,
            3.413_196_955_966_576e-163,
            1.968_893_893_071_714_4e-179,
        ),
        (
            19.9,
            2.931_349_428_151_941_6e-174,
            3.956_338_002_823_224e-191,
        ),
        (
            20.0,
            5.395_865_611_607_901e-176,
            -2.498_097_548_434_827_8e-192,
        ),
        (
            20.75,
            2.773_232_110_564_736_4e-189,
            -1.129_362_958_186_935e-205,
        ),
        (
            21.5,
            4.633_336_539_658_446e-203,
            -1.868_381_868_191_991_4e-219,
        ),
        (
            22.25,
            2.516_202_428_760_511e-217,
            -9.510_964_477_689_17e-234,
        ),
        (
            23.0,
            4.441_265_948_088_057e-232,
            2.709_668_131_168_372_6e-248,
        ),
        (
            23.75,
            2.547_687_348_154_478e-247,
            1.481_206_248_907_742_5e-263,
        ),
        (
            23.94,
            2.934_309_556_806_346_5e-251,
            -1.611_910_678_459_515e-267,
        ),
        (
            24.5,
            4.749_361_264_067_379e-263,
            1.888_168_245_143_592_5e-279,
        ),
        (
            24.7,
            2.509_877_040_383_667e-267,
            -1.921_681_154_099_947e-283,
        ),
        (
            25.25,
            2.877_054_827_329_395e-279,
            1.028_231_413_684_369_4e-295,
        ),
        (
            25.3,
            2.293_036_860_845_902e-280,
            -1.028_208_584_129_422_8e-296,
        ),
        (25.999, 5.965_692_654_745_549e-296, -3.982_764_413_56e-312),
        (26.0, 5.663_192_408_856_143e-296, -3.454_309_640_217e-312),
        (26.2, 1.643_250_792_438_946e-300, 7.590_007_4e-317),
        (26.45, 3.127_406_090_446_522e-306, -1.73e-322),
        (26.5, 2.210_907_664_263_734_3e-307, 5e-324),
        (26.54, 2.645_558_174_468_510_4e-308, 0.0),
    ];

    #[test]
    fn the_two_forms_of_the_left_tail_agree_where_both_hold() {
        // erfc is normal down to x = -37.5; the Mills series is exact to 2e-21 from -30 on (and
        // to 4e-20 from -26): around the switch and below it, the two agree.
        let mut x: f64 = -26.0;
        while x > -37.5 {
            let (by_erfc, asymptotic) = (gelu_by_erfc(x), gelu_asymptotic(x));
            assert!(
                ulps(by_erfc, asymptotic) <= 4.0,
                "gelu({x}): {by_erfc:e} {asymptotic:e}"
            );
            let derivative = normal_cdf(x) + times_density(x, x);
            let series = gelu_derivative_asymptotic(x);
            assert!(
                ulps(derivative, series) <= 4.0,
                "gelu'({x}): {derivative:e} {series:e}"
            );
            x -= 0.012_345;
        }
    }

    #[test]
    fn libm_erfc_is_within_two_and_a_half_ulp_in_the_tail() {
        // musl's erfc (the libm crate), measured against mpmath on 20,000 random z in
        // [5, 26.5]: at most 2.22 ulp from exact (at z = 18.03); SciPy's is 386 ulp off at
        // z = 23.94. GELU's value and CDF rest on it.
        for (z, hi, lo) in ERFC_TAIL {
            let got = libm::erfc(z);
            let error = ((got - hi) - lo).abs() / (hi.next_up() - hi);
            assert!(error <= 2.5, "erfc({z}) = {got:e}, {error} ulp from {hi:e}");
        }
    }
}
