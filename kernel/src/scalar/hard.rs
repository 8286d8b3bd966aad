//! The hard (clipped) family: ReLU6, hard tanh, hard sigmoid and hard swish.
//!
//! Each a line or a parabola between two clip points, no exponential, and a kink at each clip
//! point.
//!
//! NaN in gives NaN out: `f64::clamp` keeps NaN (unlike `f64::max`/`f64::min`, which would turn
//! it into the bound). `+ 0.0` turns a `-0` where the function is 0 into `0`.
//!
//! The derivatives at the clip points follow PyTorch's autograd; each cites its kernel.
#![allow(clippy::inline_always)]

use crate::eft::{fast_two_sum, two_product, two_sum};

/// `(a + b) / 6` for `a + b` given exactly as `high + low`: the quotient of the rounded sum,
/// corrected by the division's exact remainder and `low`, so the result is (nearly) the
/// correctly rounded value of the exact one.
#[inline(always)]
fn sixth(high: f64, low: f64) -> f64 {
    // A product by 1/6 instead of a division: the exact remainder corrects its rounding.
    const SIXTH: f64 = 1.0 / 6.0;
    let q = high * SIXTH;
    let remainder = (-q).mul_add(6.0, high) + low;
    remainder.mul_add(SIXTH, q)
}

/// `1` on the open interval `(lo, hi)`, `0` outside it and at its ends, NaN for NaN.
#[inline(always)]
fn inside(x: f64, lo: f64, hi: f64) -> f64 {
    if x > lo && x < hi {
        1.0
    } else if x.is_nan() {
        x
    } else {
        0.0
    }
}

/// ReLU6 `min(max(x, 0), 6)`.
#[inline(always)]
#[must_use]
pub fn relu6(x: f64) -> f64 {
    x.clamp(0.0, 6.0) + 0.0
}

/// ReLU6' `1 if 0 < x < 6, else 0`: 0 at both kinks, as PyTorch's autograd gives. PyTorch's
/// `relu6` is `hardtanh(x, 0, 6)` (`aten/src/ATen/native/Activation.cpp`), whose backward
/// (`hardtanh_backward_kernel`, `aten/src/ATen/native/cpu/Activation.cpp`) is 0 for
/// `x <= min || x >= max`.
#[inline(always)]
#[must_use]
pub fn relu6_derivative(x: f64) -> f64 {
    inside(x, 0.0, 6.0)
}

/// Hard tanh `min(max(x, -1), 1)`.
#[inline(always)]
#[must_use]
pub fn hard_tanh(x: f64) -> f64 {
    x.clamp(-1.0, 1.0) + 0.0
}

/// Hard tanh' `1 if -1 < x < 1, else 0`: 0 at both kinks, as PyTorch's
/// `hardtanh_backward_kernel` gives (`aten/src/ATen/native/cpu/Activation.cpp`:
/// `self <= min_val || self >= max_val ? 0 : grad`; `tools/autograd/derivatives.yaml` maps
/// `hardtanh` to it).
#[inline(always)]
#[must_use]
pub fn hard_tanh_derivative(x: f64) -> f64 {
    inside(x, -1.0, 1.0)
}

/// Hard sigmoid `min(max(x/6 + ½, 0), 1)` (PyTorch's, and Keras 3's), computed as `(x + 3)/6`
/// with the rounding of `x + 3` and of the division carried, so it stays within an ulp near
/// `x = -3` (where `x/6 + ½` cancels).
#[inline(always)]
#[must_use]
pub fn hard_sigmoid(x: f64) -> f64 {
    let t = x.clamp(-3.0, 3.0);
    let (s, e) = fast_two_sum(3.0, t); // |t| <= 3: Fast2Sum is exact
    sixth(s, e)
}

/// Hard sigmoid' `1/6 if -3 < x < 3, else 0`: 0 at both kinks, as PyTorch's
/// `hardsigmoid_backward_kernel` gives (`aten/src/ATen/native/cpu/Activation.cpp` and
/// `aten/src/ATen/native/cuda/ActivationHardsigmoidKernel.cu`:
/// `self > -3 && self < 3 ? grad / 6 : 0`).
#[inline(always)]
#[must_use]
pub fn hard_sigmoid_derivative(x: f64) -> f64 {
    inside(x, -3.0, 3.0) * (1.0 / 6.0)
}

/// Hard swish `x·hard_sigmoid(x) = x·min(max(x + 3, 0), 6) / 6` (MobileNetV3's h-swish):
/// `0` for `x <= -3`, `x` for `x >= 3`, and between them `x·(x + 3)/6` from the exact product
/// (a double-double) divided once. Its minimum is `-0.375` at `x = -1.5`.
#[inline(always)]
#[must_use]
pub fn hard_swish(x: f64) -> f64 {
    let t = x.clamp(-3.0, 3.0);
    let (s, e) = fast_two_sum(3.0, t); // |t| <= 3: Fast2Sum is exact
    let (p, p_error) = two_product(t, s);
    let middle = sixth(p, t.mul_add(e, p_error)) + 0.0;
    if x >= 3.0 {
        x
    } else if x <= -3.0 {
        0.0
    } else {
        middle
    }
}

/// Hard swish' `0 if x <= -3, (2x + 3)/6 = x/3 + ½ if -3 < x < 3, 1 if x >= 3`: at each kink
/// the value of the outer piece, as PyTorch's autograd gives since pytorch/pytorch#148049
/// (fixing #147801; `hardswish_backward_kernel` in `aten/src/ATen/native/cpu/Activation.cpp`
/// and `aten/src/ATen/native/cuda/ActivationHardswishKernel.cu`: `self <= -3 ? 0 : self < 3 ?
/// grad·(self/3 + ½) : grad`). Releases before it (2.6 and older) gave -½ at -3 and 3/2 at 3.
/// `sup |f'| = 3/2`, approached as `x -> 3-` and not reached.
#[inline(always)]
#[must_use]
pub fn hard_swish_derivative(x: f64) -> f64 {
    let t = x.clamp(-3.0, 3.0);
    let (s, e) = two_sum(2.0 * t, 3.0);
    let middle = sixth(s, e);
    if x >= 3.0 {
        1.0
    } else if x <= -3.0 {
        0.0
    } else {
        middle
    }
}
