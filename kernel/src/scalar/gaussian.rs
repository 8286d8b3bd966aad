//! The Gaussian family: the normal CDF and density, exact GELU and its tanh approximation.

use std::f64::consts::{FRAC_1_SQRT_2, FRAC_2_SQRT_PI};

use super::logistic::{logistic_density, sigmoid};

/// `1 / √(2π)`, the peak of the standard normal density.
const FRAC_1_SQRT_2PI: f64 = 0.398_942_280_401_432_7;
/// `√(2/π)`, the scale inside the tanh approximation of GELU.
const SQRT_2_OVER_PI: f64 = FRAC_2_SQRT_PI * FRAC_1_SQRT_2;
/// The cubic coefficient of the tanh approximation of GELU (Hendrycks & Gimpel).
const GELU_TANH_CUBIC: f64 = 0.044_715;

/// Standard normal CDF `Φ(x) = ½·erfc(-x/√2)`, accurate in both tails.
#[must_use]
pub fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x * FRAC_1_SQRT_2)
}

/// Standard normal density `φ(x) = e^(-x²/2) / √(2π)`.
#[must_use]
pub fn normal_pdf(x: f64) -> f64 {
    FRAC_1_SQRT_2PI * (-0.5 * x * x).exp()
}

/// Exact GELU `x·Φ(x) = ½x·erfc(-x/√2)` (the `erf` form loses every digit for x < -5).
#[must_use]
pub fn gelu(x: f64) -> f64 {
    x * normal_cdf(x)
}

/// GELU' `Φ(x) + x·φ(x)`.
#[must_use]
pub fn gelu_derivative(x: f64) -> f64 {
    normal_cdf(x) + x * normal_pdf(x)
}

/// `2·√(2/π)·(x + 0.044715x³)`: twice the tanh argument of the GELU approximation.
fn gelu_tanh_inner(x: f64) -> f64 {
    2.0 * SQRT_2_OVER_PI * x * GELU_TANH_CUBIC.mul_add(x * x, 1.0)
}

/// Tanh-approximated GELU `½x·(1 + tanh(u))`, `u = √(2/π)(x + 0.044715x³)`,
/// computed as `x·σ(2u)` so the left tail keeps its digits.
#[must_use]
pub fn gelu_tanh(x: f64) -> f64 {
    x * sigmoid(gelu_tanh_inner(x))
}

/// Derivative of the tanh-approximated GELU: `σ(v) + x·σ(v)·σ(-v)·v'` with `v = 2u`,
/// `v' = 2√(2/π)(1 + 3·0.044715x²)`.
#[must_use]
pub fn gelu_tanh_derivative(x: f64) -> f64 {
    let v = gelu_tanh_inner(x);
    let dv = 2.0 * SQRT_2_OVER_PI * (3.0 * GELU_TANH_CUBIC).mul_add(x * x, 1.0);
    // σ(v)·σ(-v), which is 0 (not 0·inf) once v is beyond the exponent's range.
    let density = logistic_density((-v.abs()).exp());
    let tail = if density == 0.0 {
        0.0
    } else {
        x * density * dv
    };
    sigmoid(v) + tail
}
