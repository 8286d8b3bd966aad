//! The algebraic sigmoids: softsign `x / (1 + |x|)`, an S-curve from a rational function.
//!
//! Not from an exponential: it is smooth (C¹) and approaches ±1 like `1/|x|` rather than like
//! `e^-|x|`. The rounding of `1 + |x|` is carried into the quotient.
#![allow(clippy::inline_always)]

use crate::eft::{two_product, two_sum};

/// `|x|` beyond which `softsign(x)` rounds to ±1 (`1/|x| < 2^-60`, far below half an ulp of 1)
/// and `1 + |x|` to `|x|`: clamping to it keeps `1 + |x|` finite, so `±inf` need no special case.
const SOFTSIGN_FLAT: f64 = 1_152_921_504_606_846_976.0; // 2^60

/// `1/(1 + a)` for finite `a >= 0` as a double-double `(high, low)`.
#[inline(always)]
fn reciprocal_of_one_plus(a: f64) -> (f64, f64) {
    let (d, d_low) = two_sum(1.0, a);
    let high = 1.0 / d;
    let residual = (-high).mul_add(d, 1.0);
    // The correction is tiny: its own relative error does not matter, so no second division.
    let low = (-high).mul_add(d_low, residual) * high;
    (high, low)
}

/// Softsign `x / (1 + |x|)`. `softsign(±inf) = ±1`, `softsign(-0) = 0`.
#[inline(always)]
#[must_use]
pub fn softsign(x: f64) -> f64 {
    let t = x.clamp(-SOFTSIGN_FLAT, SOFTSIGN_FLAT);
    let (high, low) = reciprocal_of_one_plus(t.abs());
    t.mul_add(high, t * low) + 0.0
}

/// Softsign' `1 / (1 + |x|)²`: 1 at `x = 0` from both sides (no kink), `0` at `±inf`. The
/// reciprocal is a double-double, squared exactly and rounded once (`|x|` is held to
/// `f64::MAX`, whose result already rounds to 0).
#[inline(always)]
#[must_use]
pub fn softsign_derivative(x: f64) -> f64 {
    let (high, low) = reciprocal_of_one_plus(x.abs().clamp(0.0, f64::MAX));
    let (square, square_error) = two_product(high, high);
    square + (2.0 * high).mul_add(low, square_error)
}
