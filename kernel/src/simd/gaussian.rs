//! The Gaussian family's lanes: GELU and GELU' on a branch-free `erfc`, the tanh form on `exp`.
//!
//! `erfc(t) = e^(-t²)·G(y)/(t + K)` for `t >= 0`, with `y = (t - K)/(t + K)`, `K = 4` and
//! `G(y) = (t + K)·e^(t²)·erfc(t)` smooth on `[-1, 1]` (its Chebyshev series is Shepherd and
//! Laframboise's, 1981): one polynomial of degree 26 for every `t`, no branch, no table. `e^(-t²)`
//! is taken of `x²/2` held exactly, so the rounding of `x/√2` never reaches the exponential, and
//! `G`'s leading steps, `1/(t + K)` and the products are carried as double-doubles: GELU within
//! about 1.3 ulp (measured against mpmath on 2,100 points). Lanes below x = -37 (where `e^(-x²/2)` leaves the normal range) are the scalar
//! code's.
#![allow(clippy::inline_always)]

use super::exp::{exp_double_double, exp_nonpositive};
use crate::eft::{fast_two_sum, two_product, two_sum};
use crate::scalar::gaussian::{
    FRAC_1_SQRT_2_HI, FRAC_1_SQRT_2_LO, FRAC_1_SQRT_2PI_HI, FRAC_1_SQRT_2PI_LO, gelu_tanh_argument,
    gelu_tanh_derivative_from, half_square,
};
use crate::scalar::logistic::logistic;

/// The lowest x the GELU lanes serve: `e^(-x²/2)` is normal above it.
pub(crate) const GELU_LOWEST: f64 = -37.0;
/// The highest: beyond it `x²` could overflow (and GELU is x, GELU' 1, to f64 precision).
pub(crate) const GELU_HIGHEST: f64 = 1e150;
/// The tanh form's lanes serve `-21 <= x <= 30`: below, `σ(v)` is not normal (`v < -700`); above,
/// it is exactly 1.
pub(crate) const GELU_TANH_LOWEST: f64 = -21.0;
pub(crate) const GELU_TANH_HIGHEST: f64 = 30.0;

/// `K` in `y = (t - K)/(t + K)`.
const K: f64 = 4.0;
/// `G(y) = Σ a_j y^j`: the first two as double-doubles `(hi, lo)`, for the compensated steps.
const G_HEAD: [(f64, f64); 2] = [
    (1.095_995_661_000_491, 5.765_879_601_918_454e-17),
    (-0.976_548_729_080_882, -1.523_129_242_022_198e-17),
];
/// `a_2 .. a_26`: the power form of the Chebyshev fit (mpmath at 60 digits, 100 nodes; the
/// terms left out are below 5e-20).
const G_TAIL: [f64; 25] = [
    0.773_208_702_265_237_1,
    -0.540_853_831_313_236_4,
    0.330_851_587_878_006_7,
    -0.174_010_937_239_876_54,
    0.076_381_514_909_534_78,
    -0.026_370_053_341_497_116,
    0.006_112_055_651_599_44,
    -0.000_280_958_852_773_182_57,
    -0.000_455_052_644_141_727_86,
    0.000_176_812_736_400_447_9,
    -3.635_405_535_311_273e-6,
    -1.886_055_368_733_194_4e-5,
    4.695_301_799_921_326e-6,
    1.423_323_408_990_458_7e-6,
    -8.484_166_815_728_03e-7,
    -7.407_726_447_194_413e-8,
    1.277_394_812_509_523e-7,
    -5.946_736_991_122_364e-10,
    -1.898_231_681_573_344_8e-8,
    9.056_195_982_610_775e-10,
    2.811_230_190_348_755e-9,
    -1.493_042_170_491_665_2e-10,
    -3.631_317_985_658_554e-10,
    1.164_400_536_567_635_9e-11,
    2.830_484_974_537_501_8e-11,
];

/// `G(y + dy)` as a double-double: Estrin's scheme for the smaller high-order terms, then the two
/// leading steps compensated (each product's and sum's rounding, and `dy`, kept in a running correction).
#[inline(always)]
fn g(y: f64, dy: f64) -> (f64, f64) {
    // The tail by Estrin's scheme (pairs in y, then Horner in y²): a chain of 14 multiply-adds
    // instead of 24, the same work.
    let square = y * y;
    let mut p = G_TAIL[G_TAIL.len() - 1];
    for pair in G_TAIL[..G_TAIL.len() - 1].rchunks_exact(2) {
        p = p.mul_add(square, pair[1].mul_add(y, pair[0]));
    }
    let mut correction: f64 = 0.0;
    for &(a, a_low) in G_HEAD.iter().rev() {
        let (product, product_error) = two_product(p, y);
        let (sum, sum_error) = two_sum(product, a);
        correction = correction.mul_add(y, p.mul_add(dy, product_error + sum_error + a_low));
        p = sum;
    }
    fast_two_sum(p, correction)
}

/// The parts of `Φ` at `x` (finite, `GELU_LOWEST <= x`): `(e_hi, e_lo, r_hi, r_lo)` with
/// `e = e^(-x²/2)` and `r = G/(t + K)`, so that `erfc(|x|/√2) = e·r`.
#[inline(always)]
fn normal_tail_parts(x: f64) -> (f64, f64, f64, f64) {
    let a = x.abs();
    // t = |x|/√2 as t + dt.
    let (t, t_error) = two_product(a, FRAC_1_SQRT_2_HI);
    let dt = a.mul_add(FRAC_1_SQRT_2_LO, t_error);
    // w = 1/(t + K) as w + w_low, then y = 1 - 2K·w as y + dy.
    let (s, s_error) = two_sum(t, K);
    let s_low = s_error + dt;
    let w = 1.0 / s;
    let w_low = ((-w).mul_add(s, 1.0) - w * s_low) * w;
    let (y, y_error) = two_sum(1.0, -2.0 * K * w);
    let dy = (-2.0 * K).mul_add(w_low, y_error);
    let (g_hi, g_lo) = g(y, dy);
    let (r, r_error) = two_product(g_hi, w);
    let r_lo = g_hi.mul_add(w_low, g_lo.mul_add(w, r_error));
    // e^-(h + l) = e^-h·(1 - l), x²/2 = h + l exactly.
    let (h, l) = half_square(x);
    let (e, e_lo) = exp_double_double(-h);
    (e, e.mul_add(-l, e_lo), r, r_lo)
}

/// GELU `x·Φ(x)`: `½x·erfc(|x|/√2)` for `x <= 0`, `x - ½x·erfc(|x|/√2)` above.
#[inline(always)]
pub(crate) fn gelu(x: f64) -> f64 {
    let (e, e_lo, r, r_lo) = normal_tail_parts(x);
    // ½x·e·r with one rounding at the end.
    let half = 0.5 * x;
    let (p, p_error) = two_product(half, e);
    let p_lo = half.mul_add(e_lo, p_error);
    let tail = p.mul_add(r, p.mul_add(r_lo, p_lo * r));
    if x > 0.0 { x - tail } else { tail }
}

/// GELU' `Φ(x) + x·φ(x)`: `e·(x/√(2π) ∓ r/2)` plus 1 for `x > 0`, with `e·r = erfc(|x|/√2)`.
#[inline(always)]
pub(crate) fn gelu_derivative(x: f64) -> f64 {
    let (e, e_lo, r, r_lo) = normal_tail_parts(x);
    let (half_r, half_r_lo) = if x > 0.0 {
        (-0.5 * r, -0.5 * r_lo)
    } else {
        (0.5 * r, 0.5 * r_lo)
    };
    let (density, density_error) = two_product(x, FRAC_1_SQRT_2PI_HI);
    let (inner, inner_error) = two_sum(density, half_r);
    let inner_lo = inner_error + x.mul_add(FRAC_1_SQRT_2PI_LO, density_error + half_r_lo);
    let product = e.mul_add(inner, e.mul_add(inner_lo, e_lo * inner));
    if x > 0.0 { 1.0 + product } else { product }
}

/// Tanh-approximated GELU `x·σ(v)`, `v = 2√(2/π)(x + 0.044715x³)` carried as `v + dv`.
#[inline(always)]
pub(crate) fn gelu_tanh(x: f64) -> f64 {
    let (v, dv) = gelu_tanh_argument(x);
    x * logistic(exp_nonpositive(-v.abs()), v >= 0.0, dv)
}

/// Its derivative `σ(v) + x·σ(v)·σ(-v)·v'`.
#[inline(always)]
pub(crate) fn gelu_tanh_derivative(x: f64) -> f64 {
    let (v, dv) = gelu_tanh_argument(x);
    gelu_tanh_derivative_from(x, v, dv, exp_nonpositive(-v.abs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance in ulp of the reference.
    fn ulps(got: f64, want: f64) -> f64 {
        (got - want).abs() / (want.abs().next_up() - want.abs())
    }

    #[test]
    fn the_fitted_erfc_matches_reference_values() {
        // (x, erfc(|x|/√2)): mpmath at 50 digits, rounded once.
        for (x, want) in [
            (0.0, 1.0),
            (-0.5, 0.617_075_077_451_973_8),
            (-1.0, 0.317_310_507_862_914_1),
            (-3.0, 0.002_699_796_063_260_189),
            (-7.5, 6.381_783_345_821_793e-14),
            (-20.0, 5.507_248_237_212_467_5e-89),
            (-36.0, 8.365_248_131_594_566e-284),
        ] {
            let (e, e_lo, r, r_lo) = normal_tail_parts(x);
            let got = e.mul_add(r, e.mul_add(r_lo, e_lo * r));
            assert!(ulps(got, want) <= 1.0, "erfc at {x}: {got:e} vs {want:e}");
        }
    }

    #[test]
    fn gelu_agrees_with_the_scalar_form_where_both_hold() {
        let mut x = GELU_LOWEST;
        while x < 12.0 {
            let (vector, scalar) = (gelu(x), crate::scalar::gelu(x));
            // Both within about 2 ulp of exact.
            assert!(
                ulps(vector, scalar) <= 3.0,
                "gelu({x}): {vector:e} vs {scalar:e}"
            );
            x += 0.003_141_592_653_589_793;
        }
    }
}
