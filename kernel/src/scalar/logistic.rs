//! The logistic family: sigmoid, tanh's derivative, SiLU, softplus.
//!
//! Every exponential sees `-|x|` only; the rounding of `1 + e` (and of `βx` in softplus) is carried
//! into the quotient.
//!
//! `logistic_pair` and `logistic_density` are shared with the SIMD layer, which feeds them its
//! own vectorised exponential; they are `#[inline(always)]` so they compile into its loops.
#![allow(clippy::inline_always)]

use super::tail::{SUBNORMAL_EXPONENT, mul_exp};
use crate::double_double::DoubleDouble;
use crate::eft::{fast_two_sum, two_product};

/// `(σ(z + c), σ(-(z + c)))` from `e = e^-|z|` and a small correction `c`: `e` is scaled by
/// `1 ∓ c`, then `1/(1+e)` and `e/(1+e)` come from one reciprocal and a Newton step that also
/// folds in the rounding of `1 + e`.
#[inline(always)]
#[must_use]
pub(crate) fn logistic_pair(e: f64, z_nonnegative: bool, c: f64) -> (f64, f64) {
    let e = if z_nonnegative {
        (-e).mul_add(c, e)
    } else {
        e.mul_add(c, e)
    };
    logistic_pair_exact(e, z_nonnegative)
}

/// [`logistic_pair`] with no correction to carry (`c = 0`).
#[inline(always)]
#[must_use]
pub(crate) fn logistic_pair_exact(e: f64, z_nonnegative: bool) -> (f64, f64) {
    let (d, d_low) = fast_two_sum(1.0, e);
    let inverse = 1.0 / d;
    let quotient = |numerator: f64| {
        let q0 = numerator * inverse;
        let residual = (-q0).mul_add(d, numerator);
        (-q0).mul_add(d_low, residual).mul_add(inverse, q0)
    };
    let (large, small) = (quotient(1.0), quotient(e));
    if z_nonnegative {
        (large, small)
    } else {
        (small, large)
    }
}

/// `σ(z + c)` alone, as [`logistic_pair`] gives it but with one quotient: the numerator (1 or
/// `e`) is chosen before the division, not after.
#[inline(always)]
#[must_use]
pub(crate) fn logistic(e: f64, z_nonnegative: bool, c: f64) -> f64 {
    let e = if z_nonnegative {
        (-e).mul_add(c, e)
    } else {
        e.mul_add(c, e)
    };
    logistic_exact(e, z_nonnegative)
}

/// `σ(z)` from `e = e^-|z|` (no correction to carry): `1/(1+e)` or `e/(1+e)`, one division and
/// a Newton step that folds in the rounding of `1 + e`.
#[inline(always)]
#[must_use]
pub(crate) fn logistic_exact(e: f64, z_nonnegative: bool) -> f64 {
    let (d, d_low) = fast_two_sum(1.0, e);
    let numerator = if z_nonnegative { 1.0 } else { e };
    let inverse = 1.0 / d;
    let q0 = numerator * inverse;
    let residual = (-q0).mul_add(d, numerator);
    (-q0).mul_add(d_low, residual).mul_add(inverse, q0)
}

/// `e / (1 + e)²` for `0 <= e <= 1`, the roundings of `1 + e` and of the square carried into one
/// Newton-corrected division.
#[inline(always)]
#[must_use]
pub(crate) fn logistic_density(e: f64) -> f64 {
    let (d, d_low) = fast_two_sum(1.0, e);
    let (square, square_error) = two_product(d, d);
    let square_low = square_error + 2.0 * d * d_low;
    let inverse = 1.0 / square;
    let q0 = e * inverse;
    let residual = (-q0).mul_add(square, e);
    (-q0).mul_add(square_low, residual).mul_add(inverse, q0)
}

/// `σ(z + c)` for a small correction `c` (NaN stays NaN).
#[must_use]
pub(crate) fn sigmoid_of_sum(z: f64, c: f64) -> f64 {
    if z.is_nan() {
        return z;
    }
    logistic((-z.abs()).exp(), z >= 0.0, c)
}

/// `σ(x) = 1 / (1 + e^-x)`, computed with `e = exp(-|x|)` as `1/(1+e)` or `e/(1+e)`.
#[must_use]
pub fn sigmoid(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    logistic_exact((-x.abs()).exp(), x >= 0.0)
}

/// `σ'(x) = σ(x)·(1 - σ(x)) = e / (1 + e)²` with `e = exp(-|x|)`.
#[must_use]
pub fn sigmoid_derivative(x: f64) -> f64 {
    logistic_density((-x.abs()).exp())
}

/// `tanh'(x) = 1 - tanh²(x) = 4e / (1 + e)²` with `e = exp(-2|x|)`.
#[must_use]
pub fn tanh_derivative(x: f64) -> f64 {
    4.0 * logistic_density((-2.0 * x.abs()).exp())
}

/// SiLU / Swish-β `x·σ(βx)` (β = 1 is SiLU), within 4 ulp for every finite x: `βx` is carried
/// as a double-double into the exponential, and where `σ(βx)` would be subnormal (βx < -700)
/// the product is `x·e^(βx)` formed without that subnormal intermediate. Any β is accepted
/// (β = 0 gives x/2).
#[must_use]
pub fn silu(x: f64, beta: f64) -> f64 {
    let (z, c) = scaled(x, beta);
    if z.is_nan() {
        // x or β is NaN, or β = 0 with an infinite x.
        return if beta == 0.0 { 0.5 * x } else { z };
    }
    if z == f64::INFINITY {
        return x;
    }
    if z < SUBNORMAL_EXPONENT {
        // σ(z) = e^z·(1 - e^z + …) and e^z < 1e-304; x·e^z is 0 (of x's sign) once z = -inf.
        return if x.is_finite() {
            mul_exp(x, z, c)
        } else {
            0.0 * x.signum()
        };
    }
    x * sigmoid_of_sum(z, c)
}

/// SiLU' `d/dx x·σ(βx) = σ(βx)·(1 + βx·σ(-βx))`, `βx` carried as in [`silu`]. It is `g(βx)`
/// with `g` the derivative at β = 1, so its largest value does not depend on β.
#[must_use]
pub fn silu_derivative(x: f64, beta: f64) -> f64 {
    let (z, c) = scaled(x, beta);
    if z.is_nan() {
        return if beta == 0.0 { 0.5 } else { z };
    }
    if z.is_infinite() {
        return if z > 0.0 { 1.0 } else { 0.0 };
    }
    if z < SUBNORMAL_EXPONENT {
        // σ(z) = e^z and σ(-z) = 1 to f64 precision.
        return mul_exp((1.0 + z) + c, z, c);
    }
    let (s, s_minus) = logistic_pair((-z.abs()).exp(), z >= 0.0, c);
    s * c.mul_add(s_minus, z.mul_add(s_minus, 1.0))
}

/// `βx` as a rounded product and its exact error (0 once the product is not finite).
pub(crate) fn scaled(x: f64, beta: f64) -> (f64, f64) {
    let (z, error) = two_product(beta, x);
    (z, if z.is_finite() { error } else { 0.0 })
}

/// Softplus `ln(1 + e^(βx)) / β`, computed as `(βx > 0 ? x : 0) + ln_1p(e^(-|βx|)) / β` with
/// the rounding of `βx` carried into the exponential. When `β` is not a power of two the
/// division by `β` would add its own rounding, so the tail is then computed in double-double and
/// rounded once. Any nonzero β: a negative β gives the mirrored, negative curve
/// `softplus(x, β) = -softplus(-x, -β)`, e.g. `softplus(1, -1) = -ln(1 + e^-1) = -0.3133`;
/// β = 0 is the pole `±inf`, and so is a β so small that `ln 2/β` overflows.
#[must_use]
pub fn softplus(x: f64, beta: f64) -> f64 {
    let (z, c) = scaled(x, beta);
    if z.is_nan() {
        return z;
    }
    // ln(1 + e^z)/β = max(z, 0)/β + ln_1p(e^-|z|)/β, and max(z, 0)/β is x where z > 0.
    let head = if z > 0.0 { x } else { 0.0 };
    if !(1.0 / beta).is_finite() {
        // A subnormal β: ln_1p(e^-|z|)/β is beyond f64 (and the double-double division fails).
        return head + (-z.abs()).exp().ln_1p() / beta;
    }
    if !is_power_of_two(beta.abs()) && z.is_finite() {
        let sign = if z >= 0.0 { 1.0 } else { -1.0 };
        let exponent = DoubleDouble::from_f64(-z.abs()).add(DoubleDouble::from_f64(-sign * c));
        let tail = exponent.exp().ln_1p().div(beta);
        return DoubleDouble::from_f64(head).add(tail).to_f64();
    }
    let e = (-z.abs()).exp();
    let e = if z >= 0.0 { e - e * c } else { e + e * c };
    let tail = e.ln_1p() / beta;
    if z > 0.0 { x + tail } else { tail }
}

/// Whether `v` is `2^k` (then multiplying or dividing by it is exact).
fn is_power_of_two(v: f64) -> bool {
    v.is_normal() && v.to_bits() & ((1u64 << 52) - 1) == 0
}

/// Softplus' `σ(βx)`.
#[must_use]
pub fn softplus_derivative(x: f64, beta: f64) -> f64 {
    let (z, c) = scaled(x, beta);
    sigmoid_of_sum(z, c)
}
