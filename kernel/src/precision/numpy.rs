//! The NumPy model: the NumPy code a person writes for each activation, evaluated op by op.
//!
//! It runs in arrays of the format: every ufunc call, operator and constant rounded to it.
//!
//! NumPy ≥ 2 converts a Python-float constant to the array's dtype (NEP 50), so constants are
//! rounded to the format first (`0.044715` is `0.044708251953125` in f16). `a * b * c` is
//! `(a * b) * c`, as Python evaluates it; `x**2` is `np.square` and `x**3` `np.power(x, 3)`, one
//! rounding each. `np.where` returns the chosen branch's value; only that branch is computed
//! here, so an overflow in the unused branch (NumPy evaluates both, and may warn) is not flagged.
//!
//! The transcendental functions are NumPy's own, emulated bit for bit, as NumPy 2.4 runs them on
//! an AVX-512 machine: for float32 [`super::numpy_simd`] (`np.exp`, `np.log`, `np.tanh`) and
//! [`super::svml`] (`np.log1p`, `np.expm1`, and `np.power(x, 3)` on its main path); for float16
//! the SVML float32 functions its half loops call, rounded to f16. bf16 (`ml_dtypes`, which
//! calls the C library's float32 functions) rounds the `f64` function.
//!
//! GELU calls `scipy.special.erf`, whose loops are float32 and float64 only: a float16 array goes
//! to the float64 loop, and from there on NumPy promotes, so the float16 code's GELU (and its
//! derivative) comes back float64 — what [`result_format`] says. bf16 keeps the model's
//! convention (`ml_dtypes` promotes a bfloat16 array with a Python float to float32, so the
//! bfloat16 code is "every intermediate cast back to bfloat16", erf's result included).
//!
//! Measured against NumPy 2.4.6 (bf16: `ml_dtypes` arrays, every intermediate cast back) on the
//! grids of tests/data/frameworks/: see kernel/tests/frameworks.rs.

use std::f64::consts::{PI, SQRT_2};

use super::ops::Arithmetic;
use super::{Formula, Precision};
use crate::Activation;
use crate::scalar::{SELU_ALPHA, SELU_SCALE};

/// `f(x)` in the NumPy model; `x` is already in the format, `p` the activation's parameter.
pub(super) fn value(m: &Arithmetic, activation: Activation, x: f64, p: f64) -> f64 {
    match activation {
        // np.heaviside(x, 0)
        Activation::Step => step(x),
        // 1 / (1 + np.exp(-x))
        Activation::Sigmoid => logistic(m, x, 1.0),
        // np.tanh(x)
        Activation::Tanh => m.tanh(x),
        // np.maximum(x, 0)
        Activation::Relu => relu(x),
        // np.where(x > 0, x, a * x)
        Activation::LeakyRelu => positive_or(x, || m.mul(m.c(p), x)),
        // np.where(x > 0, x, a * np.expm1(x))
        Activation::Elu => positive_or(x, || m.mul(m.c(p), m.exp_m1(x))),
        // 0.5 * x * (1 + scipy.special.erf(x / math.sqrt(2))); float64 from erf on for f16
        Activation::Gelu => gelu(m, x),
        // 0.5 * x * (1 + np.tanh(sqrt(2/pi) * (x + 0.044715 * x**3)))
        Activation::GeluTanh => m.mul(m.mul(0.5, x), m.add(1.0, gelu_tanh_t(m, x))),
        // x / (1 + np.exp(-b * x)); b = 1 writes -x, the same number
        Activation::Silu => silu(m, x, silu_beta(p)),
        // x * np.tanh(np.log1p(np.exp(x)))
        Activation::Mish => m.mul(x, mish_t(m, x)),
        // np.log1p(np.exp(b * x)) / b: no threshold, inf once exp overflows
        Activation::Softplus => m.div(m.ln_1p(m.exp(m.mul(m.c(p), x))), m.c(p)),
        // SCALE * np.where(x > 0, x, ALPHA * np.expm1(x))
        Activation::Selu => m.mul(
            m.c(SELU_SCALE),
            positive_or(x, || m.mul(m.c(SELU_ALPHA), m.exp_m1(x))),
        ),
        // np.where(x > 0, x, a * np.expm1(x / a))
        Activation::Celu => positive_or(x, || m.mul(m.c(p), m.exp_m1(m.div(x, m.c(p))))),
        // np.minimum(np.maximum(x, 0), 6)
        Activation::Relu6 => relu(x).min(6.0),
        // np.clip(x, -1, 1)
        Activation::HardTanh => x.clamp(-1.0, 1.0),
        // np.clip(x / 6 + 0.5, 0, 1)
        Activation::HardSigmoid => hard_sigmoid(m, x),
        // x * np.clip(x / 6 + 0.5, 0, 1)
        Activation::HardSwish => m.mul(x, hard_sigmoid(m, x)),
        // x / (1 + np.abs(x))
        Activation::Softsign => m.div(x, m.add(1.0, x.abs())),
        // np.maximum(x, 0)**2
        Activation::SquaredRelu => m.mul(relu(x), relu(x)),
    }
}

/// `f'(x)` in the NumPy model: the NumPy code a person writes for the derivative.
pub(super) fn derivative(m: &Arithmetic, activation: Activation, x: f64, p: f64) -> f64 {
    match activation {
        // np.zeros_like(x)
        Activation::Step => 0.0,
        // s * (1 - s), s = 1 / (1 + np.exp(-x))
        Activation::Sigmoid => {
            let s = logistic(m, x, 1.0);
            m.mul(s, m.sub(1.0, s))
        }
        // 1 - np.tanh(x)**2
        Activation::Tanh => {
            let t = m.tanh(x);
            m.sub(1.0, m.mul(t, t))
        }
        // np.where(x > 0, 1, 0)
        Activation::Relu => step(x),
        // np.where(x > 0, 1, a)
        Activation::LeakyRelu => {
            if x > 0.0 {
                1.0
            } else {
                m.c(p)
            }
        }
        // np.where(x > 0, 1, a * np.exp(x))
        Activation::Elu => {
            if x > 0.0 {
                1.0
            } else {
                m.mul(m.c(p), m.exp(x))
            }
        }
        // 0.5 * (1 + erf(x / sqrt(2))) + x * (np.exp(-x * x / 2) / sqrt(2 * pi))
        Activation::Gelu => gelu_derivative(m, x),
        // 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * (sqrt(2/pi) * (1 + 0.134145 * x**2))
        Activation::GeluTanh => {
            let t = gelu_tanh_t(m, x);
            let slope = m.mul(
                m.c((2.0 / PI).sqrt()),
                m.add(1.0, m.mul(m.c(0.134_145), m.mul(x, x))),
            );
            let right = m.mul(m.mul(m.mul(0.5, x), m.sub(1.0, m.mul(t, t))), slope);
            m.add(m.mul(0.5, m.add(1.0, t)), right)
        }
        // s * (1 + b * x * (1 - s)), s = 1 / (1 + np.exp(-b * x))
        Activation::Silu => silu_derivative(m, x, silu_beta(p)),
        // t + x * (1 - t * t) * s, t = np.tanh(np.log1p(np.exp(x))), s = 1 / (1 + np.exp(-x))
        Activation::Mish => {
            let t = mish_t(m, x);
            let s = logistic(m, x, 1.0);
            m.add(t, m.mul(m.mul(x, m.sub(1.0, m.mul(t, t))), s))
        }
        // 1 / (1 + np.exp(-b * x))
        Activation::Softplus => logistic(m, x, p),
        // SCALE * np.where(x > 0, 1, ALPHA * np.exp(x))
        Activation::Selu => m.mul(
            m.c(SELU_SCALE),
            if x > 0.0 {
                1.0
            } else {
                m.mul(m.c(SELU_ALPHA), m.exp(x))
            },
        ),
        // np.where(x > 0, 1, np.exp(x / a))
        Activation::Celu => {
            if x > 0.0 {
                1.0
            } else {
                m.exp(m.div(x, m.c(p)))
            }
        }
        // np.where((x > 0) & (x < 6), 1, 0)
        Activation::Relu6 => inside(x, 0.0, 6.0, 1.0),
        // np.where((x > -1) & (x < 1), 1, 0)
        Activation::HardTanh => inside(x, -1.0, 1.0, 1.0),
        // np.where((x > -3) & (x < 3), 1 / 6, 0)
        Activation::HardSigmoid => inside(x, -3.0, 3.0, m.c(1.0 / 6.0)),
        // np.where(x <= -3, 0, np.where(x < 3, x / 3 + 0.5, 1))
        Activation::HardSwish => {
            if x <= -3.0 {
                0.0
            } else if x < 3.0 {
                m.add(m.div(x, 3.0), 0.5)
            } else {
                1.0
            }
        }
        // 1 / (1 + np.abs(x))**2
        Activation::Softsign => {
            let d = m.add(1.0, x.abs());
            m.div(1.0, m.mul(d, d))
        }
        // 2 * np.maximum(x, 0)
        Activation::SquaredRelu => m.mul(2.0, relu(x)),
    }
}

/// The stable softplus a person writes in NumPy:
/// `np.maximum(x, 0) + np.log1p(np.exp(-np.abs(b * x))) / b`.
pub(super) fn stable_softplus(m: &Arithmetic, x: f64, beta: f64) -> f64 {
    let b = m.c(beta);
    let z = m.mul(b, x);
    m.add(relu(x), m.div(m.ln_1p(m.exp(-z.abs())), b))
}

/// The code of each formula (`precision` matters for GELU: float64 results from float16).
pub(super) fn formula(activation: Activation, precision: Precision, p: f64) -> Formula {
    let (value, derivative) = match activation {
        Activation::Step => ("np.heaviside(x, 0)", "np.zeros_like(x)"),
        Activation::Sigmoid => (
            "1 / (1 + np.exp(-x))",
            "s * (1 - s), s = 1 / (1 + np.exp(-x))",
        ),
        Activation::Tanh => ("np.tanh(x)", "1 - np.tanh(x)**2"),
        Activation::Relu => ("np.maximum(x, 0)", "np.where(x > 0, 1, 0)"),
        Activation::LeakyRelu => ("np.where(x > 0, x, a * x)", "np.where(x > 0, 1, a)"),
        Activation::Elu => (
            "np.where(x > 0, x, a * np.expm1(x))",
            "np.where(x > 0, 1, a * np.exp(x))",
        ),
        Activation::Gelu if precision == Precision::F16 => (
            "0.5 * x * (1 + scipy.special.erf(x / math.sqrt(2))), float64 from erf on (SciPy's erf has no float16 loop)",
            "0.5 * (1 + erf(x / math.sqrt(2))) + x * (np.exp(-x * x / 2) / math.sqrt(2 * math.pi)), float64 (erf's)",
        ),
        Activation::Gelu => (
            "0.5 * x * (1 + scipy.special.erf(x / math.sqrt(2)))",
            "0.5 * (1 + erf(x / math.sqrt(2))) + x * (np.exp(-x * x / 2) / math.sqrt(2 * math.pi))",
        ),
        Activation::GeluTanh => (
            "0.5 * x * (1 + np.tanh(k * (x + 0.044715 * x**3))), k = math.sqrt(2 / math.pi)",
            "0.5 * (1 + t) + 0.5 * x * (1 - t * t) * (k * (1 + 0.134145 * x**2)), t = np.tanh(k * (x + 0.044715 * x**3))",
        ),
        Activation::Silu if silu_beta(p) == 1.0 => (
            "x / (1 + np.exp(-x))",
            "s * (1 + x * (1 - s)), s = 1 / (1 + np.exp(-x))",
        ),
        Activation::Silu => (
            "x / (1 + np.exp(-b * x))",
            "s * (1 + b * x * (1 - s)), s = 1 / (1 + np.exp(-b * x))",
        ),
        Activation::Mish => (
            "x * np.tanh(np.log1p(np.exp(x)))",
            "t + x * (1 - t * t) * s, t = np.tanh(np.log1p(np.exp(x))), s = 1 / (1 + np.exp(-x))",
        ),
        Activation::Softplus if p == 1.0 => ("np.log1p(np.exp(x))", "1 / (1 + np.exp(-x))"),
        Activation::Softplus => ("np.log1p(np.exp(b * x)) / b", "1 / (1 + np.exp(-b * x))"),
        Activation::Selu => (
            "SCALE * np.where(x > 0, x, ALPHA * np.expm1(x))",
            "SCALE * np.where(x > 0, 1, ALPHA * np.exp(x))",
        ),
        Activation::Celu => (
            "np.where(x > 0, x, a * np.expm1(x / a))",
            "np.where(x > 0, 1, np.exp(x / a))",
        ),
        Activation::Relu6 => (
            "np.minimum(np.maximum(x, 0), 6)",
            "np.where((x > 0) & (x < 6), 1, 0)",
        ),
        Activation::HardTanh => ("np.clip(x, -1, 1)", "np.where((x > -1) & (x < 1), 1, 0)"),
        Activation::HardSigmoid => (
            "np.clip(x / 6 + 0.5, 0, 1)",
            "np.where((x > -3) & (x < 3), 1 / 6, 0)",
        ),
        Activation::HardSwish => (
            "x * np.clip(x / 6 + 0.5, 0, 1)",
            "np.where(x <= -3, 0, np.where(x < 3, x / 3 + 0.5, 1))",
        ),
        Activation::Softsign => ("x / (1 + np.abs(x))", "1 / (1 + np.abs(x))**2"),
        Activation::SquaredRelu => ("np.maximum(x, 0)**2", "2 * np.maximum(x, 0)"),
    };
    Formula { value, derivative }
}

/// `x / (1 + np.exp(-b * x))`.
pub(super) fn silu(m: &Arithmetic, x: f64, beta: f64) -> f64 {
    m.div(x, m.add(1.0, m.exp(m.mul(m.c(-beta), x))))
}

/// `s * (1 + b * x * (1 - s))`, `s = 1 / (1 + np.exp(-b * x))`.
pub(super) fn silu_derivative(m: &Arithmetic, x: f64, beta: f64) -> f64 {
    let s = logistic(m, x, beta);
    m.mul(s, m.add(1.0, m.mul(m.mul(m.c(beta), x), m.sub(1.0, s))))
}

/// SiLU's β: the parameter when SiLU has one, else 1.
pub(super) fn silu_beta(p: f64) -> f64 {
    if Activation::Silu.param().is_some() {
        p
    } else {
        1.0
    }
}

fn step(x: f64) -> f64 {
    if x > 0.0 { 1.0 } else { 0.0 }
}

/// `np.maximum(x, 0)`: x where `x >= 0` (so -0 stays -0) or NaN, else 0.
fn relu(x: f64) -> f64 {
    if x >= 0.0 || x.is_nan() { x } else { 0.0 }
}

/// `np.where(x > 0, x, otherwise)`, computing only the branch taken.
fn positive_or(x: f64, otherwise: impl FnOnce() -> f64) -> f64 {
    if x > 0.0 { x } else { otherwise() }
}

/// `np.where((x > low) & (x < high), inside, 0)`.
fn inside(x: f64, low: f64, high: f64, value: f64) -> f64 {
    if x > low && x < high { value } else { 0.0 }
}

/// `1 / (1 + np.exp(-b * x))`.
fn logistic(m: &Arithmetic, x: f64, beta: f64) -> f64 {
    m.div(1.0, m.add(1.0, m.exp(m.mul(m.c(-beta), x))))
}

/// The format the NumPy code's result comes back in: float64 for GELU on float16 (SciPy's erf
/// has no float16 loop), else the format itself.
pub(super) fn result_format(activation: Activation, precision: Precision) -> Precision {
    if activation == Activation::Gelu && precision == Precision::F16 {
        Precision::F64
    } else {
        precision
    }
}

/// `scipy.special.erf(x / math.sqrt(2))` and `0.5 * x`, in the format.
fn gelu_parts(m: &Arithmetic, x: f64) -> (f64, f64) {
    (m.div(x, m.c(SQRT_2)), m.mul(0.5, x))
}

/// `0.5 * x * (1 + scipy.special.erf(x / math.sqrt(2)))`. For f16, erf takes SciPy's float64
/// loop (`'d->d'`) and `1 + erf`, `(0.5 * x) * (...)` are then float64 operations.
fn gelu(m: &Arithmetic, x: f64) -> f64 {
    let (z, half_x) = gelu_parts(m, x);
    if m.format() == Precision::F16 {
        let w = Arithmetic::new(Precision::F64);
        let value = w.mul(half_x, w.add(1.0, w.erf(z)));
        m.absorb(&w);
        value
    } else {
        m.mul(half_x, m.add(1.0, m.erf(z)))
    }
}

/// `0.5 * (1 + erf(x / math.sqrt(2))) + x * (np.exp(-x * x / 2) / math.sqrt(2 * math.pi))`;
/// for f16 the left term and the sum are float64 (the right term stays float16).
fn gelu_derivative(m: &Arithmetic, x: f64) -> f64 {
    let (z, _) = gelu_parts(m, x);
    let pdf = m.div(m.exp(m.div(m.mul(-x, x), 2.0)), m.c((2.0 * PI).sqrt()));
    let right = m.mul(x, pdf);
    if m.format() == Precision::F16 {
        let w = Arithmetic::new(Precision::F64);
        let value = w.add(w.mul(0.5, w.add(1.0, w.erf(z))), right);
        m.absorb(&w);
        value
    } else {
        m.add(m.mul(0.5, m.add(1.0, m.erf(z))), right)
    }
}

/// `np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3))`.
fn gelu_tanh_t(m: &Arithmetic, x: f64) -> f64 {
    let inner = m.add(x, m.mul(m.c(0.044_715), m.cube(x)));
    m.tanh(m.mul(m.c((2.0 / PI).sqrt()), inner))
}

/// `np.tanh(np.log1p(np.exp(x)))`.
fn mish_t(m: &Arithmetic, x: f64) -> f64 {
    m.tanh(m.ln_1p(m.exp(x)))
}

/// `np.clip(x / 6 + 0.5, 0, 1)`.
fn hard_sigmoid(m: &Arithmetic, x: f64) -> f64 {
    m.add(m.div(x, 6.0), 0.5).clamp(0.0, 1.0)
}
