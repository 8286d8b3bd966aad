//! The NumPy model: the NumPy code a person writes for each activation, evaluated op by op.
//!
//! It runs on arrays of the format, each intermediate in the dtype NumPy gives it
//! ([`super::dtype`]): every ufunc call, operator and constant rounded to that dtype.
//!
//! NumPy ≥ 2 converts a Python-float constant to the array's dtype (NEP 50), so constants are
//! rounded to the format first (`0.044715` is `0.044708251953125` in f16) — except for bfloat16
//! (`ml_dtypes` 0.6.0), which a Python float makes float32: `0.5 * x`, `x / 6 + 0.5`,
//! `a * np.expm1(x)` are float32, and so is everything computed from them (a Python int keeps
//! bfloat16: `1 + np.exp(-x)`, `x / 6`, `x**3`). `a * b * c` is
//! `(a * b) * c`, as Python evaluates it; `x**2` is `np.square` and `x**3` `np.power(x, 3)`, one
//! rounding each. `np.where` returns the chosen branch's value; both branches are computed, as
//! NumPy computes them (the result's dtype depends on both), but what goes wrong in the unused
//! one (an overflow NumPy may warn of) is not flagged.
//!
//! The transcendental functions are NumPy's own, emulated bit for bit, as NumPy 2.4 runs them on
//! an AVX-512 machine: for float32 [`super::numpy_simd`] (`np.exp`, `np.log`, `np.tanh`) and
//! [`super::svml`] (`np.log1p`, `np.expm1`, and `np.power(x, 3)` on its main path); for float16
//! the SVML float32 functions its half loops call, rounded to f16. bf16 (`ml_dtypes`, which
//! calls the C library's float32 functions and rounds) rounds the `f64` function: the same on
//! all 65,280 finite bfloat16 inputs of `exp`, `tanh`, `log1p`, `expm1` and `log` (measured).
//!
//! Not bit for bit: float32 `x**3` for negative x, SVML's scalar callout, taken correctly rounded,
//! which NumPy's is not on about 0.1 % of negative x; through `1 + tanh` cancelling, that changes
//! f32 GELU (tanh) on 2 of 199,119 random x in [-10, 0), y by 16 and 840 units
//! (scripts/measure_numpy_gelu_tanh.py). On the grids of tests/data/frameworks/ every point of
//! every function is identical.
//!
//! GELU calls `scipy.special.erf`, whose loops are float32 and float64 only: a float16 array goes
//! to the float64 loop, and from there on NumPy promotes, so the float16 code's GELU (and its
//! derivative) comes back float64 — what [`result_formats`] says (bf16's erf gets float32 from
//! `x / math.sqrt(2)`). `np.where` with two Python scalars (int64 or float64 in NumPy) is
//! written with `.astype(x.dtype)`, so the derivative comes back in the input's dtype.
//!
//! Measured against NumPy 2.4.6 (bf16: `ml_dtypes` 0.6.0 arrays) on the grids of
//! tests/data/frameworks/: see kernel/tests/frameworks.rs.

use std::f64::consts::{PI, SQRT_2};

use super::dtype::{Array, Np, Operand, float, int};
use super::{Formula, Precision};
use crate::Activation;
use crate::scalar::{SELU_ALPHA, SELU_SCALE};

/// `f(x)` in the NumPy model, in the dtype the code returns; `x` is already an input array's.
pub(super) fn value(np: &Np, activation: Activation, x: Array, p: f64) -> Array {
    match activation {
        // np.heaviside(x, 0)
        Activation::Step => np.same(step(x.v)),
        // 1 / (1 + np.exp(-x))
        Activation::Sigmoid => logistic(np, x, 1.0),
        // np.tanh(x)
        Activation::Tanh => np.tanh(x),
        // np.maximum(x, 0)
        Activation::Relu => np.maximum(x, int(0)),
        // np.where(x > 0, x, a * x)
        Activation::LeakyRelu => positive_or(np, x, || np.mul(float(p), x)),
        // np.where(x > 0, x, a * np.expm1(x))
        Activation::Elu => positive_or(np, x, || np.mul(float(p), np.expm1(x))),
        // 0.5 * x * (1 + scipy.special.erf(x / math.sqrt(2)))
        Activation::Gelu => {
            let half_x = np.mul(float(0.5), x);
            np.mul(half_x, np.add(int(1), np.erf(np.div(x, float(SQRT_2)))))
        }
        // 0.5 * x * (1 + np.tanh(sqrt(2/pi) * (x + 0.044715 * x**3)))
        Activation::GeluTanh => np.mul(np.mul(float(0.5), x), np.add(int(1), gelu_tanh_t(np, x))),
        // x / (1 + np.exp(-x)), or -b * x
        Activation::Silu => silu(np, x, silu_beta(p)),
        // x * np.tanh(np.log1p(np.exp(x)))
        Activation::Mish => np.mul(x, mish_t(np, x)),
        // np.log1p(np.exp(x)), or np.log1p(np.exp(b * x)) / b: no threshold, inf once exp
        // overflows
        Activation::Softplus if p == 1.0 => np.log1p(np.exp(x)),
        Activation::Softplus => np.div(np.log1p(np.exp(np.mul(float(p), x))), float(p)),
        // SCALE * np.where(x > 0, x, ALPHA * np.expm1(x))
        Activation::Selu => np.mul(
            float(SELU_SCALE),
            positive_or(np, x, || np.mul(float(SELU_ALPHA), np.expm1(x))),
        ),
        // np.where(x > 0, x, a * np.expm1(x / a))
        Activation::Celu => positive_or(np, x, || np.mul(float(p), np.expm1(np.div(x, float(p))))),
        // np.minimum(np.maximum(x, 0), 6)
        Activation::Relu6 => np.minimum(np.maximum(x, int(0)), int(6)),
        // np.clip(x, -1, 1)
        Activation::HardTanh => np.clip(x, -1, 1),
        // np.clip(x / 6 + 0.5, 0, 1)
        Activation::HardSigmoid => hard_sigmoid(np, x),
        // x * np.clip(x / 6 + 0.5, 0, 1)
        Activation::HardSwish => np.mul(x, hard_sigmoid(np, x)),
        // x / (1 + np.abs(x))
        Activation::Softsign => np.div(x, np.add(int(1), np.abs(x))),
        // np.maximum(x, 0)**2
        Activation::SquaredRelu => np.square(np.maximum(x, int(0))),
    }
}

/// `f'(x)` in the NumPy model: the NumPy code a person writes for the derivative.
pub(super) fn derivative(np: &Np, activation: Activation, x: Array, p: f64) -> Array {
    match activation {
        // np.zeros_like(x)
        Activation::Step => np.same(0.0),
        // s * (1 - s), s = 1 / (1 + np.exp(-x))
        Activation::Sigmoid => {
            let s = logistic(np, x, 1.0);
            np.mul(s, np.sub(int(1), s))
        }
        // 1 - np.tanh(x)**2
        Activation::Tanh => np.sub(int(1), np.square(np.tanh(x))),
        // np.where(x > 0, 1, 0)
        Activation::Relu => np.where_(x.v > 0.0, || int(1), || int(0)),
        // np.where(x > 0, 1, a)
        Activation::LeakyRelu => np.where_(x.v > 0.0, || int(1), || float(p)),
        // np.where(x > 0, 1, a * np.exp(x))
        Activation::Elu => np.where_(x.v > 0.0, || int(1), || np.mul(float(p), np.exp(x)).into()),
        // 0.5 * (1 + erf(x / sqrt(2))) + x * (np.exp(-x * x / 2) / sqrt(2 * pi))
        Activation::Gelu => {
            let left = np.mul(float(0.5), np.add(int(1), np.erf(np.div(x, float(SQRT_2)))));
            let pdf = np.div(
                np.exp(np.div(np.mul(np.neg(x), x), int(2))),
                float((2.0 * PI).sqrt()),
            );
            np.add(left, np.mul(x, pdf))
        }
        // 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * (sqrt(2/pi) * (1 + 0.134145 * x**2))
        Activation::GeluTanh => {
            let t = gelu_tanh_t(np, x);
            let slope = np.mul(
                float((2.0 / PI).sqrt()),
                np.add(int(1), np.mul(float(0.134_145), np.square(x))),
            );
            let left = np.mul(float(0.5), x);
            let right = np.mul(np.mul(left, np.sub(int(1), np.mul(t, t))), slope);
            np.add(np.mul(float(0.5), np.add(int(1), t)), right)
        }
        // s * (1 + x * (1 - s)), or b * x, s = 1 / (1 + np.exp(-b * x))
        Activation::Silu => silu_derivative(np, x, silu_beta(p)),
        // t + x * (1 - t * t) * s, t = np.tanh(np.log1p(np.exp(x))), s = 1 / (1 + np.exp(-x))
        Activation::Mish => {
            let t = mish_t(np, x);
            let s = logistic(np, x, 1.0);
            np.add(t, np.mul(np.mul(x, np.sub(int(1), np.mul(t, t))), s))
        }
        // 1 / (1 + np.exp(-b * x))
        Activation::Softplus => logistic(np, x, p),
        // SCALE * np.where(x > 0, 1, ALPHA * np.exp(x))
        Activation::Selu => {
            let w = np.where_(
                x.v > 0.0,
                || int(1),
                || np.mul(float(SELU_ALPHA), np.exp(x)).into(),
            );
            np.mul(float(SELU_SCALE), w)
        }
        // np.where(x > 0, 1, np.exp(x / a))
        Activation::Celu => np.where_(x.v > 0.0, || int(1), || np.exp(np.div(x, float(p))).into()),
        // np.where((x > 0) & (x < 6), 1, 0)
        Activation::Relu6 => inside(np, x, (0.0, 6.0), int(1)),
        // np.where((x > -1) & (x < 1), 1, 0)
        Activation::HardTanh => inside(np, x, (-1.0, 1.0), int(1)),
        // np.where((x > -3) & (x < 3), 1 / 6, 0)
        Activation::HardSigmoid => inside(np, x, (-3.0, 3.0), float(1.0 / 6.0)),
        // np.where(x <= -3, 0, np.where(x < 3, x / 3 + 0.5, 1))
        Activation::HardSwish => np.where_(
            x.v <= -3.0,
            || int(0),
            || {
                np.where_(
                    x.v < 3.0,
                    || np.add(np.div(x, int(3)), float(0.5)).into(),
                    || int(1),
                )
                .into()
            },
        ),
        // 1 / (1 + np.abs(x))**2
        Activation::Softsign => np.div(int(1), np.square(np.add(int(1), np.abs(x)))),
        // 2 * np.maximum(x, 0)
        Activation::SquaredRelu => np.mul(int(2), np.maximum(x, int(0))),
    }
}

/// The stable softplus a person writes in NumPy:
/// `np.maximum(x, 0) + np.log1p(np.exp(-np.abs(b * x))) / b`.
pub(super) fn stable_softplus(np: &Np, x: Array, beta: f64) -> Array {
    let z = np.mul(float(beta), x);
    let tail = np.div(np.log1p(np.exp(np.neg(np.abs(z)))), float(beta));
    np.add(np.maximum(x, int(0)), tail)
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
        Activation::Relu => ("np.maximum(x, 0)", "np.where(x > 0, 1, 0).astype(x.dtype)"),
        Activation::LeakyRelu => (
            "np.where(x > 0, x, a * x)",
            "np.where(x > 0, 1, a).astype(x.dtype)",
        ),
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
            "np.where((x > 0) & (x < 6), 1, 0).astype(x.dtype)",
        ),
        Activation::HardTanh => (
            "np.clip(x, -1, 1)",
            "np.where((x > -1) & (x < 1), 1, 0).astype(x.dtype)",
        ),
        Activation::HardSigmoid => (
            "np.clip(x / 6 + 0.5, 0, 1)",
            "np.where((x > -3) & (x < 3), 1 / 6, 0).astype(x.dtype)",
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

/// `x / (1 + np.exp(-x))` (`-b * x` for b ≠ 1).
pub(super) fn silu(np: &Np, x: Array, beta: f64) -> Array {
    np.div(x, np.add(int(1), np.exp(minus_b_x(np, x, beta))))
}

/// `s * (1 + x * (1 - s))` (`b * x` for b ≠ 1), `s = 1 / (1 + np.exp(-b * x))`.
pub(super) fn silu_derivative(np: &Np, x: Array, beta: f64) -> Array {
    let s = logistic(np, x, beta);
    let bx = if beta == 1.0 {
        x
    } else {
        np.mul(float(beta), x)
    };
    np.mul(s, np.add(int(1), np.mul(bx, np.sub(int(1), s))))
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

/// `-x`, or `-b * x` (a Python float `-b`) for b ≠ 1.
fn minus_b_x(np: &Np, x: Array, beta: f64) -> Array {
    if beta == 1.0 {
        np.neg(x)
    } else {
        np.mul(float(-beta), x)
    }
}

/// `np.where(x > 0, x, otherwise)`: only the branch taken counts for what goes wrong.
fn positive_or(np: &Np, x: Array, otherwise: impl FnOnce() -> Array) -> Array {
    np.where_(x.v > 0.0, || x.into(), || otherwise().into())
}

/// `np.where((x > low) & (x < high), value, 0)`.
fn inside(np: &Np, x: Array, (low, high): (f64, f64), value: Operand) -> Array {
    np.where_(x.v > low && x.v < high, || value, || int(0))
}

/// `1 / (1 + np.exp(-x))` (`-b * x` for b ≠ 1).
fn logistic(np: &Np, x: Array, beta: f64) -> Array {
    np.div(int(1), np.add(int(1), np.exp(minus_b_x(np, x, beta))))
}

/// The dtypes the NumPy code returns `f` and `f'` in for arrays of `precision`: the format,
/// except where NumPy promotes (float64 from SciPy's erf on float16; float32 wherever a bfloat16
/// array meets a Python float). Dtypes do not depend on x (`np.where` promotes both branches).
pub(super) fn result_formats(
    activation: Activation,
    precision: Precision,
    p: f64,
) -> (Precision, Precision) {
    let np = Np::new(precision);
    let x = np.input(1.0);
    (
        value(&np, activation, x, p).dtype,
        derivative(&np, activation, x, p).dtype,
    )
}

/// `np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3))`.
fn gelu_tanh_t(np: &Np, x: Array) -> Array {
    let inner = np.add(x, np.mul(float(0.044_715), np.cube(x)));
    np.tanh(np.mul(float((2.0 / PI).sqrt()), inner))
}

/// `np.tanh(np.log1p(np.exp(x)))`.
fn mish_t(np: &Np, x: Array) -> Array {
    np.tanh(np.log1p(np.exp(x)))
}

/// `np.clip(x / 6 + 0.5, 0, 1)`.
fn hard_sigmoid(np: &Np, x: Array) -> Array {
    np.clip(np.add(np.div(x, int(6)), float(0.5)), 0, 1)
}
