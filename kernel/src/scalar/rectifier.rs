//! The rectifiers: step, ReLU, leaky ReLU (piecewise linear) and squared ReLU.
//!
//! Each is 0 (or a line) for x <= 0. NaN in gives NaN out (`f64::max` would turn NaN into 0).
#![allow(clippy::inline_always)]

/// Heaviside step `H(x) = 1 if x > 0, else 0` (NaN stays NaN). It is also ReLU's derivative
/// (with the convention `relu'(0) = 0`).
#[inline(always)]
#[must_use]
pub fn step(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x.is_nan() {
        x
    } else {
        0.0
    }
}

/// `H'(x) = 0` (NaN stays NaN).
#[inline(always)]
#[must_use]
pub fn step_derivative(x: f64) -> f64 {
    if x.is_nan() { x } else { 0.0 }
}

/// `relu(x) = max(x, 0)`, keeping NaN (unlike `f64::max`).
#[inline(always)]
#[must_use]
pub fn relu(x: f64) -> f64 {
    if x > 0.0 || x.is_nan() { x } else { 0.0 }
}

/// Leaky ReLU `x if x > 0, else α·x`.
#[inline(always)]
#[must_use]
pub fn leaky_relu(x: f64, alpha: f64) -> f64 {
    if x > 0.0 || x.is_nan() {
        x
    } else {
        // `+ 0.0` turns the -0 of a negative slope times 0 into 0.
        alpha * x + 0.0
    }
}

/// Leaky ReLU' `1 if x > 0, else α`.
#[inline(always)]
#[must_use]
pub fn leaky_relu_derivative(x: f64, alpha: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x.is_nan() {
        x
    } else {
        alpha
    }
}

/// Squared ReLU `max(x, 0)²` (So et al. 2021, "Primer"): 0 for `x <= 0`, `x²` above (`+inf`
/// once `x²` overflows, as the exact value rounds).
#[inline(always)]
#[must_use]
pub fn squared_relu(x: f64) -> f64 {
    let r = relu(x);
    r * r
}

/// Squared ReLU' `2·max(x, 0)`: continuous (0 from both sides at `x = 0`), so no kink, but
/// unbounded.
#[inline(always)]
#[must_use]
pub fn squared_relu_derivative(x: f64) -> f64 {
    2.0 * relu(x)
}
