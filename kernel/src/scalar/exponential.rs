//! The exponential-linear family: ELU, SELU and CELU.
//!
//! Through `expm1`, so the negative side keeps its digits.
#![allow(clippy::inline_always)]

use crate::eft::two_product;

/// ELU `x if x > 0, else α·expm1(x)`.
#[must_use]
pub fn elu(x: f64, alpha: f64) -> f64 {
    if x > 0.0 || x.is_nan() {
        x
    } else {
        alpha * x.exp_m1()
    }
}

/// ELU' `1 if x > 0, else α·e^x`.
#[must_use]
pub fn elu_derivative(x: f64, alpha: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x.is_nan() {
        x
    } else {
        alpha * x.exp()
    }
}

/// SELU's α, as PyTorch writes it (`SELU_ALPHA` in `aten/src/ATen/native/Activation.cpp`):
/// the value that makes the fixed point mean 0, variance 1 (Klambauer et al. 2017).
pub const SELU_ALPHA: f64 = 1.673_263_242_354_377_2;

/// SELU's scale λ, as PyTorch writes it (`SELU_SCALE`, same file).
pub const SELU_SCALE: f64 = 1.050_700_987_355_480_5;

/// λ = 1.0507009873554804934193349852946 as a double-double `(high, low)`.
pub(crate) const SCALE: (f64, f64) = (1.050_700_987_355_480_5, 3.987_484_766_715_414_4e-17);

/// λ·α = 1.758099340847376859940217520812… (the product of the two 32-digit constants),
/// rounded once: SELU's largest slope, `selu'(0)` and its left-hand limit.
pub const SELU_SCALE_ALPHA: f64 = 1.758_099_340_847_376_8;

/// λ·α as a double-double `(high, low)`: one rounding less than multiplying by λ and then by α.
pub(crate) const SCALE_ALPHA: (f64, f64) = (SELU_SCALE_ALPHA, 1.415_351_938_008_45e-17);

/// `c·v` for a double-double constant `c = (high, low)`, rounded once.
#[inline(always)]
pub(crate) fn times(c: (f64, f64), v: f64) -> f64 {
    times_sum(c, v, 0.0)
}

/// `c·(hi + lo)` for a double-double constant `c` and a double-double `hi + lo`, rounded once
/// (with `lo = 0` it is [`times`], to the bit).
#[inline(always)]
pub(crate) fn times_sum(c: (f64, f64), hi: f64, lo: f64) -> f64 {
    c.0.mul_add(hi, c.0.mul_add(lo, c.1 * hi))
}

/// SELU `λx if x > 0, else λα·(e^x - 1)` with λ ≈ 1.0507, α ≈ 1.6733 ([`SELU_SCALE`],
/// [`SELU_ALPHA`]); `expm1` keeps the digits near 0, and λα is carried as a double-double.
/// `selu(-0) = 0`, `selu(-inf) = -λα`.
#[must_use]
pub fn selu(x: f64) -> f64 {
    if x > 0.0 || x.is_nan() {
        times(SCALE, x)
    } else {
        // `+ 0.0`: expm1(-0) is -0, and selu(0) is 0.
        times(SCALE_ALPHA, x.exp_m1()) + 0.0
    }
}

/// SELU' `λ if x > 0, else λα·e^x`.
///
/// At the kink `x = 0` this is the left-hand value λα ≈ 1.7581 as PyTorch's autograd gives it,
/// to the bit: selu is `elu(x, α, λ)` (`aten/src/ATen/native/Activation.cpp`), whose backward
/// takes the `x <= 0` branch at 0 (`elu_backward_kernel`, `aten/src/ATen/native/cpu/
/// Activation.cpp`) with `negcoef = alpha * scale`, the product of the two f64 constants
/// (1.7580993408473766, an ulp under λα correctly rounded).
#[must_use]
pub fn selu_derivative(x: f64) -> f64 {
    if x > 0.0 {
        SCALE.0
    } else if x == 0.0 {
        SELU_ALPHA * SELU_SCALE
    } else if x.is_nan() {
        x
    } else {
        times(SCALE_ALPHA, x.exp())
    }
}

/// `x/α` as a rounded quotient and a small correction `c` with `q + c ≈ x/α` to twice the
/// precision (`c = 0` once `q` is not finite).
fn quotient(x: f64, alpha: f64) -> (f64, f64) {
    let q = x / alpha;
    if q.is_finite() {
        (q, (-q).mul_add(alpha, x) / alpha)
    } else {
        (q, 0.0)
    }
}

/// `|x/α|` below which `e^(x/α) - 1 = (x/α)(1 + x/(2α))` to well under an ulp.
pub(crate) const CELU_SMALL: f64 = 1.0 / 134_217_728.0; // 2^-27

/// CELU `x if x > 0, else α·(e^(x/α) - 1)` for `α > 0` (Barron 2017): ELU with the input
/// scaled by `1/α`, so it is continuously differentiable for every α. The rounding of `x/α` is
/// carried into `expm1`. `celu(-inf) = -α`; `α = 0` is undefined (PyTorch refuses it) and gives
/// NaN.
#[must_use]
pub fn celu(x: f64, alpha: f64) -> f64 {
    if alpha == 0.0 {
        return f64::NAN;
    }
    if x > 0.0 || x.is_nan() {
        return x;
    }
    let (q, c) = quotient(x, alpha);
    if q.abs() < CELU_SMALL {
        return celu_small(x, q);
    }
    celu_left(alpha, q.exp_m1(), 0.0, c)
}

/// `α·expm1(x/α) = x + x²/(2α) + …` for a tiny `q = x/α` (also where `q` is too small to hold
/// its digits), shared with the SIMD layer.
#[inline(always)]
pub(crate) fn celu_small(x: f64, q: f64) -> f64 {
    x.mul_add(0.5 * q, x) + 0.0
}

/// `α·expm1(q + c)` from `m + m_low = expm1(q)`, shared with the SIMD layer (whose `expm1` is a
/// double-double): `expm1(q + c) = expm1(q) + e^q·c` to first order, `e^q = 1 + expm1(q)`, and
/// `α·m` exactly as a product and its error, so that only `expm1` and the last addition round.
#[inline(always)]
pub(crate) fn celu_left(alpha: f64, m: f64, m_low: f64, c: f64) -> f64 {
    let (product, product_error) = two_product(alpha, m);
    product + (alpha * (m + 1.0)).mul_add(c, alpha.mul_add(m_low, product_error)) + 0.0
}

/// CELU' `1 if x > 0, else e^(x/α)` (the rounding of `x/α` carried). Both sides give 1 at
/// `x = 0`, so CELU has no kink; PyTorch's autograd (celu is `elu(x, α, 1, 1/α)`, backward
/// `elu_backward_kernel` in `aten/src/ATen/native/cpu/Activation.cpp`) gives the same 1 there.
#[must_use]
pub fn celu_derivative(x: f64, alpha: f64) -> f64 {
    if alpha == 0.0 {
        return f64::NAN;
    }
    if x > 0.0 {
        1.0
    } else if x.is_nan() {
        x
    } else {
        let (q, c) = quotient(x, alpha);
        let e = q.exp();
        e.mul_add(c, e)
    }
}
