//! The piecewise-linear activations: step, ReLU, leaky ReLU. NaN in gives NaN out (`f64::max`
//! would turn NaN into 0).

/// Heaviside step `H(x) = 1 if x > 0, else 0` (NaN stays NaN). It is also ReLU's derivative
/// (with the convention `relu'(0) = 0`).
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
#[must_use]
pub fn step_derivative(x: f64) -> f64 {
    if x.is_nan() { x } else { 0.0 }
}

/// `relu(x) = max(x, 0)`, keeping NaN (unlike `f64::max`).
#[must_use]
pub fn relu(x: f64) -> f64 {
    if x > 0.0 || x.is_nan() { x } else { 0.0 }
}

/// Leaky ReLU `x if x > 0, else α·x`.
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
