//! The PyTorch model: what `torch.nn.functional` and its autograd return for a CPU tensor.
//!
//! The value for a tensor of the format, and the gradient with `grad_output = 1`, on the
//! vectorised path (ATen's `cpu_kernel_vec` runs the `Vectorized` lambda on every whole block of
//! 2 vectors, 32 floats or 64 halves, and the scalar lambda on the remainder, so a one-element
//! tensor gets the scalar one; measured; the two differ in the last bit here and there).
//!
//! Every kernel in `aten/src/ATen/native/cpu/` converts f16 and bf16 to `float` ("opmath"),
//! evaluates its formula in f32 and rounds once to the format; for f32 tensors the formula is
//! simply in f32. So: `x` exactly in f32, each operation of the kernel rounded to f32 (`f`), the
//! result rounded once (`r`). `Vectorized<float>` (ATen/cpu/vec/vec512/vec512_float.h) calls
//! SLEEF for `exp`, `expm1`, `log1p` and `tanh` ([`super::sleef`], emulated bit for bit); GCC
//! contracts `a * b + c` in the kernels into one FMA (`fma` below, each one measured). Where the
//! vectorised path is not ATen's own:
//! - `torch.tanh` on float32 calls MKL's `vmsTanh` (ATen/cpu/vml.h), closed source: taken
//!   correctly rounded (MKL's differs from that on 0.0075 % of the float32 inputs in [-12, 12],
//!   by an ulp; scripts/measure_mkl_tanh.py);
//! - exact GELU on float32 and bfloat16 tensors is oneDNN's ([`super::onednn`]); on float16 it is
//!   ATen's `vectorized_gelu` (cpu/Gelu.h) with `Vectorized<float>::erf`, Abramowitz and
//!   Stegun's formula with SLEEF's exp.
//!
//! The exceptions to "formula in f32, rounded once", each measured on PyTorch 2.15:
//! - sigmoid and tanh backward take the *rounded* output y, not x;
//! - f16 sigmoid backward is computed in f16 arithmetic (`AT_DISPATCH_FLOATING_TYPES_AND(kHalf)`
//!   with `scalar_t` operations), every operation rounded to f16;
//! - softsign, squared ReLU and SiLU with β ≠ 1 are compositions of tensor operations (Python
//!   level), each operation rounding to the format, and autograd chains their backwards;
//! - softplus returns x where βx > 20 (the threshold), so it never overflows;
//! - hard sigmoid is `min(max(x + 3, 0), 6) / 6`, not `x/6 + 1/2`.

use std::f64::consts::{FRAC_1_SQRT_2, FRAC_2_SQRT_PI, SQRT_2};

use super::numpy::silu_beta;
use super::onednn;
use super::ops::{Arithmetic, Events, Library};
use super::{Formula, Precision};
use crate::Activation;
use crate::scalar::{SELU_ALPHA, SELU_SCALE};

/// A kernel's arithmetic: `f` in f32 inside, `r` rounding to the tensor's format.
pub(super) struct Kernel {
    pub(super) f: Arithmetic,
    pub(super) r: Arithmetic,
}

impl Kernel {
    pub(super) fn new(format: Precision) -> Kernel {
        Kernel {
            f: Arithmetic::with_library(Precision::F32, Library::Sleef),
            r: Arithmetic::new(format),
        }
    }

    /// What went wrong inside, in f32 or in the final rounding.
    pub(super) fn events(&self) -> Events {
        self.f.events().union(self.r.events())
    }

    /// The f32 result of a kernel rounded once to the format.
    fn out(&self, v: f64) -> f64 {
        self.r.r(v)
    }

    /// `1 / (1 + exp(-v))` in f32.
    fn sigmoid(&self, v: f64) -> f64 {
        let f = &self.f;
        f.div(1.0, f.add(1.0, f.exp(-v)))
    }
}

/// `F.fn(x)` in the PyTorch model; `x` is already in the format.
pub(super) fn value(k: &Kernel, activation: Activation, x: f64, p: f64) -> f64 {
    let f = &k.f;
    match activation {
        // torch.heaviside(x, 0): exact
        Activation::Step => step(x),
        // UnaryOpsKernel.cpp sigmoid_kernel: 1 / (1 + std::exp(-a0))
        Activation::Sigmoid => k.out(k.sigmoid(x)),
        // UnaryOpsKernel.cpp tanh (f32: MKL vmsTanh, ATen/cpu/vml.h; f16/bf16: Vectorized tanh)
        Activation::Tanh => k.out(torch_tanh(k, x)),
        // Activation.cpp relu -> clamp_min(x, 0): exact
        Activation::Relu => relu(x),
        // cpu/Activation.cpp leaky_relu_kernel: a > 0 ? a : a * negval
        Activation::LeakyRelu => positive_or(x, || k.out(f.mul(x, f.c(p)))),
        // cpu/Elu.h elu_kernel; elu(a) = elu(a, scale 1, input_scale 1)
        Activation::Elu => elu(k, x, Elu::new(f, p, 1.0, 1.0)),
        // selu = elu(ALPHA, SCALE, 1) (Activation.cpp selu)
        Activation::Selu => elu(k, x, Elu::new(f, SELU_ALPHA, SELU_SCALE, 1.0)),
        // celu(a) = elu(a, 1, 1/a), 1/a in double (Activation.cpp celu)
        Activation::Celu => elu(k, x, Elu::new(f, p, 1.0, 1.0 / p)),
        // f32, bf16: oneDNN's eltwise_gelu_erf; f16: cpu/Gelu.h vectorized_gelu,
        // x * 0.5 * (1 + erf(x * kAlpha)), kAlpha = float(M_SQRT1_2)
        Activation::Gelu => {
            if k.r.format() == Precision::F16 {
                k.out(f.mul(f.mul(x, 0.5), f.add(1.0, gelu_erf(f, x))))
            } else {
                let erf = f64::from(onednn::erf_of_x_over_sqrt2(x as f32));
                f.saturates_at(x, erf);
                k.out(f64::from(onednn::gelu(x as f32)))
            }
        }
        // cpu/Gelu.h vectorized_gelu_approximated_with_tanh:
        // 0.5 * x * (1 + tanh(kBeta * (x + kKappa * x_cube)))
        Activation::GeluTanh => {
            let t = f.tanh(gelu_tanh_inner(f, x));
            k.out(f.mul(f.mul(0.5, x), f.add(1.0, t)))
        }
        Activation::Silu => silu(k, x, silu_beta(p)),
        // cpu/Activation.cpp mish_kernel: x * tanh(log1p(exp(x)))
        Activation::Mish => k.out(f.mul(x, mish_t(f, x))),
        // cpu/Activation.cpp softplus_kernel:
        // (x * beta) > threshold ? x : log1p(exp(x * beta)) / beta, threshold 20
        Activation::Softplus => {
            let beta = f.c(p);
            let z = f.mul(x, beta);
            if z > 20.0 {
                x
            } else {
                k.out(f.div(f.ln_1p(f.exp(z)), beta))
            }
        }
        // hardtanh(x, 0, 6) = clamp: exact
        Activation::Relu6 => x.clamp(0.0, 6.0),
        Activation::HardTanh => x.clamp(-1.0, 1.0),
        // cpu/Activation.cpp hardsigmoid_kernel: std::min(std::max(x + three, zero), six) / six
        Activation::HardSigmoid => k.out(f.div(relu6_of_x_plus_3(f, x), 6.0)),
        // cpu/Activation.cpp hardswish_kernel: x * std::min(std::max(x + three, zero), six) / six
        Activation::HardSwish => k.out(f.div(f.mul(x, relu6_of_x_plus_3(f, x)), 6.0)),
        // torch/nn/functional.py softsign: input / (input.abs() + 1), two operations
        Activation::Softsign => k.out(f.div(x, k.out(f.add(x.abs(), 1.0)))),
        // F.relu(x) ** 2: relu exact, pow rounds
        Activation::SquaredRelu => k.out(f.mul(relu(x), relu(x))),
    }
}

/// What autograd returns for `F.fn(x)` with `grad_output = 1`.
pub(super) fn derivative(k: &Kernel, activation: Activation, x: f64, p: f64) -> f64 {
    let f = &k.f;
    match activation {
        // heaviside has no derivative in autograd: 0 shown
        Activation::Step => 0.0,
        // BinaryOpsKernel.cpp sigmoid_backward_kernel: a * (1 - b) * b, b = the rounded output
        Activation::Sigmoid => sigmoid_backward(k, 1.0, k.out(k.sigmoid(x))),
        // BinaryOpsKernel.cpp tanh_backward_kernel: a * (1 - b * b), b = the rounded output;
        // 1 - b * b contracted to an FMA
        Activation::Tanh => {
            let y = k.out(torch_tanh(k, x));
            k.out(f.fma(-y, y, 1.0))
        }
        // threshold_backward(grad, result, 0): 0 where the output is <= 0
        Activation::Relu => step(x),
        // cpu/Activation.cpp leaky_relu_backward_kernel: a > 0 ? grad : grad * negval
        Activation::LeakyRelu => {
            if x > 0.0 {
                1.0
            } else {
                k.out(f.c(p))
            }
        }
        Activation::Elu => elu_backward(k, x, Elu::new(f, p, 1.0, 1.0)),
        Activation::Selu => elu_backward(k, x, Elu::new(f, SELU_ALPHA, SELU_SCALE, 1.0)),
        Activation::Celu => elu_backward(k, x, Elu::new(f, p, 1.0, 1.0 / p)),
        // f32, bf16: oneDNN's gelu_erf backward; f16: cpu/Activation.cpp GeluBackwardKernelImpl,
        // cdf + x * pdf, cdf = 0.5 * (1 + erf(x * kAlpha)), pdf = kBeta * exp(x * x * -0.5)
        Activation::Gelu => {
            if k.r.format() == Precision::F16 {
                let cdf = f.mul(0.5, f.add(1.0, gelu_erf(f, x)));
                let pdf = f.mul(
                    gelu_pdf_beta(f, k.r.format()),
                    f.exp(f.mul(f.mul(x, x), -0.5)),
                );
                k.out(f.add(cdf, f.mul(x, pdf)))
            } else {
                k.out(f64::from(onednn::gelu_derivative(x as f32)))
            }
        }
        // GeluBackwardKernelImpl (tanh): left_d + left * tanh_d * inner_d, with left = 0.5x,
        // left_d = 0.5(1 + t), tanh_d = 1 - t*t and inner_d = kBeta(1 + 3 kKappa x²) as FMAs
        Activation::GeluTanh => {
            let x_sq = f.mul(x, x);
            let t = f.tanh(gelu_tanh_inner(f, x));
            let left_d = f.mul(0.5, f.add(1.0, t));
            let tanh_d = f.fma(-t, t, 1.0);
            let kappa3 = f.mul(3.0, f.c(0.044_715));
            let inner_d = f.mul(gelu_tanh_beta(f), f.fma(kappa3, x_sq, 1.0));
            // The last sum is not fused (measured on f32: fused, 98.0 % / 97.7 % of the points match
            // the vectorised / one-element results; not fused, 100 % / 99.6 %).
            k.out(f.add(left_d, f.mul(f.mul(f.mul(0.5, x), tanh_d), inner_d)))
        }
        Activation::Silu => silu_derivative(k, x, silu_beta(p)),
        // cpu/Activation.cpp mish_backward_kernel: dy * (t + x * s * (1 - t*t)), two FMAs
        Activation::Mish => {
            let t = mish_t(f, x);
            let s = k.sigmoid(x);
            k.out(f.fma(f.mul(x, s), f.fma(-t, t, 1.0), t))
        }
        // cpu/Activation.cpp softplus_backward_kernel:
        // z = exp(x * beta); (x * beta) > threshold ? grad : grad * z / (z + 1)
        Activation::Softplus => {
            let z = f.mul(x, f.c(p));
            if z > 20.0 {
                1.0
            } else {
                let e = f.exp(z);
                k.out(f.div(e, f.add(e, 1.0)))
            }
        }
        // cpu/Activation.cpp hardtanh_backward_kernel: (x <= min || x >= max) ? 0 : grad
        Activation::Relu6 => inside(x, 0.0, 6.0, 1.0),
        Activation::HardTanh => inside(x, -1.0, 1.0, 1.0),
        // cpu/Activation.cpp hardsigmoid_backward_kernel: (x > -3 && x < 3) ? grad * one_sixth : 0
        Activation::HardSigmoid => inside(x, -3.0, 3.0, k.out(f.div(1.0, 6.0))),
        // cpu/Activation.cpp hardswish_backward_kernel (2.15, measured):
        // x <= -3 -> 0; x < 3 -> grad * (x / 3 + 0.5); else grad
        Activation::HardSwish => {
            if x <= -3.0 {
                0.0
            } else if x < 3.0 {
                k.out(f.add(f.div(x, 3.0), 0.5))
            } else {
                1.0
            }
        }
        // autograd of x / (x.abs() + 1) (tools/autograd/derivatives.yaml): div gives
        // grad / d and -grad * ((x / d) / d), abs gives grad * sgn(x); each a rounding kernel
        Activation::Softsign => {
            let d = k.out(f.add(x.abs(), 1.0));
            let through_numerator = k.out(f.div(1.0, d));
            let through_denominator = -k.out(f.div(k.out(f.div(x, d)), d));
            let through_abs = k.out(f.mul(through_denominator, sign(x)));
            k.out(f.add(through_numerator, through_abs))
        }
        // pow backward grad * (2 * r.pow(1)), then relu's threshold_backward
        Activation::SquaredRelu => {
            let r = relu(x);
            if r <= 0.0 { 0.0 } else { k.out(f.mul(2.0, r)) }
        }
    }
}

/// SiLU: `F.silu` for β = 1 (cpu/Activation.cpp silu_kernel: `x / (1 + exp(-x))`), else
/// `x * torch.sigmoid(b * x)`, three tensor operations, each rounding.
pub(super) fn silu(k: &Kernel, x: f64, beta: f64) -> f64 {
    let f = &k.f;
    if beta == 1.0 {
        k.out(f.div(x, f.add(1.0, f.exp(-x))))
    } else {
        let s = k.out(k.sigmoid(k.out(f.mul(x, f.c(beta)))));
        k.out(f.mul(x, s))
    }
}

/// SiLU's gradient: cpu/Activation.cpp silu_backward_kernel `dy * s * (1 + x * (1 - s))` (the
/// sum an FMA) for β = 1; else autograd of `x * torch.sigmoid(b * x)`:
/// `s + sigmoid_backward(x, s) * b`.
pub(super) fn silu_derivative(k: &Kernel, x: f64, beta: f64) -> f64 {
    let f = &k.f;
    if beta == 1.0 {
        let s = k.sigmoid(x);
        k.out(f.mul(s, f.fma(x, f.sub(1.0, s), 1.0)))
    } else {
        let s = k.out(k.sigmoid(k.out(f.mul(x, f.c(beta)))));
        let through_sigmoid = k.out(f.mul(sigmoid_backward(k, x, s), f.c(beta)));
        k.out(f.add(s, through_sigmoid))
    }
}

/// BinaryOpsKernel.cpp `sigmoid_backward_kernel`: `grad * (1 - y) * y` from the rounded `y`; in
/// f32 for f32 and bf16, in f16 arithmetic for f16 (every operation rounded to f16).
fn sigmoid_backward(k: &Kernel, grad: f64, y: f64) -> f64 {
    let a = if k.r.format() == Precision::F16 {
        &k.r
    } else {
        &k.f
    };
    k.out(a.mul(a.mul(grad, a.sub(1.0, y)), y))
}

/// The three coefficients of ELU in the format of Elu.h: `negcoef = float(alpha) * float(scale)`,
/// `poscoef = float(scale)`, `negiptcoef = float(input_scale)`.
#[derive(Clone, Copy)]
struct Elu {
    negative: f64,
    positive: f64,
    input: f64,
}

impl Elu {
    fn new(f: &Arithmetic, alpha: f64, scale: f64, input_scale: f64) -> Elu {
        Elu {
            negative: f.mul(f.c(alpha), f.c(scale)),
            positive: f.c(scale),
            input: f.c(input_scale),
        }
    }
}

/// cpu/Elu.h: `a < 0 ? expm1(a * negiptcoef) * negcoef : a * poscoef`.
fn elu(k: &Kernel, x: f64, c: Elu) -> f64 {
    let f = &k.f;
    if x < 0.0 {
        k.out(f.mul(f.exp_m1(f.mul(x, c.input)), c.negative))
    } else {
        k.out(f.mul(x, c.positive))
    }
}

/// cpu/Activation.cpp `elu_backward_kernel` (`is_result` false):
/// `x <= 0 ? grad * negiptcoef * negcoef * exp(x * negiptcoef) : grad * poscoef`.
fn elu_backward(k: &Kernel, x: f64, c: Elu) -> f64 {
    let f = &k.f;
    if x <= 0.0 {
        k.out(f.mul(f.mul(c.input, c.negative), f.exp(f.mul(x, c.input))))
    } else {
        k.out(c.positive)
    }
}

/// `(x * kAlpha).erf()`, kAlpha = `float(M_SQRT1_2)`, with `Vectorized<float>::erf`
/// (vec512_float.h): Abramowitz and Stegun 7.1.26, `t = 1 / (p·|v| + 1)`, a degree-5
/// polynomial in t by FMAs, SLEEF's `exp(−v²)`, `sign(v) · (1 − r·t·e^(−v²))`.
fn gelu_erf(f: &Arithmetic, x: f64) -> f64 {
    let v = f.mul(x, f.c(FRAC_1_SQRT_2));
    let a = v.abs();
    let t = f.div(1.0, f.fma(f.c(0.327_591_1), a, 1.0));
    let mut r = f.fma(f.c(1.061_405_429), t, f.c(-1.453_152_027));
    for c in [1.421_413_741, -0.284_496_736, 0.254_829_592] {
        r = f.fma(r, t, f.c(c));
    }
    let e = f.exp(-f.mul(v, v));
    let erf = f.fma(f.mul(-e, t), r, 1.0);
    let erf = if v.is_sign_negative() { -erf } else { erf };
    f.saturates_at(v, erf);
    erf
}

/// Where MKL's float32 tanh reaches ±1: |x| ≥ 9.01084 (bits 0x4110_2c67), 77 floats before the
/// correctly rounded tanh does (measured on every float32 in [0, 12]).
const MKL_TANH_ONE: f32 = f32::from_bits(0x4110_2c67);

/// `torch.tanh`: MKL's `vmsTanh` for f32 — closed source, so taken correctly rounded (which it
/// is on all but 0.0075 % of float32 inputs in [-12, 12], there an ulp away), with its measured
/// saturation point; `Vectorized<float>::tanh` (SLEEF) inside f16 and bf16.
fn torch_tanh(k: &Kernel, x: f64) -> f64 {
    if k.r.format() == Precision::F32 {
        let mkl = Arithmetic::new(Precision::F32);
        let t = if (x as f32).abs() >= MKL_TANH_ONE {
            1.0_f64.copysign(x)
        } else {
            mkl.tanh(x)
        };
        mkl.saturates_at(x, t);
        k.f.absorb(&mkl);
        t
    } else {
        k.f.tanh(x)
    }
}

/// GELU backward's `kBeta`: for f32 `float(M_2_SQRTPI * M_SQRT1_2 * 0.5)` (the product in
/// double), for f16 and bf16 `float(M_2_SQRTPI) * float(M_SQRT1_2) * float(0.5)` (in float).
fn gelu_pdf_beta(f: &Arithmetic, format: Precision) -> f64 {
    if format == Precision::F32 {
        f.c(FRAC_2_SQRT_PI * FRAC_1_SQRT_2 * 0.5)
    } else {
        f.mul(f.mul(f.c(FRAC_2_SQRT_PI), f.c(FRAC_1_SQRT_2)), 0.5)
    }
}

/// Gelu.h `kBeta = float(M_SQRT2 * M_2_SQRTPI * 0.5)`, √(2/π) in f32.
fn gelu_tanh_beta(f: &Arithmetic) -> f64 {
    f.c(SQRT_2 * FRAC_2_SQRT_PI * 0.5)
}

/// `kBeta * (x + kKappa * x_cube)`, `x_cube = x * x * x`, the sum an FMA.
fn gelu_tanh_inner(f: &Arithmetic, x: f64) -> f64 {
    let x_cube = f.mul(f.mul(x, x), x);
    f.mul(gelu_tanh_beta(f), f.fma(f.c(0.044_715), x_cube, x))
}

/// `tanh(log1p(exp(x)))` in f32.
fn mish_t(f: &Arithmetic, x: f64) -> f64 {
    f.tanh(f.ln_1p(f.exp(x)))
}

/// `std::min(std::max(x + 3, 0), 6)` in f32.
fn relu6_of_x_plus_3(f: &Arithmetic, x: f64) -> f64 {
    f.add(x, 3.0).clamp(0.0, 6.0)
}

fn step(x: f64) -> f64 {
    if x > 0.0 { 1.0 } else { 0.0 }
}

/// `clamp_min(x, 0)`: x itself where it is not below 0 (so -0 stays -0), NaN stays NaN.
fn relu(x: f64) -> f64 {
    if x >= 0.0 || x.is_nan() { x } else { 0.0 }
}

/// `torch.sgn`: -1, 0 or 1.
fn sign(x: f64) -> f64 {
    if x == 0.0 { 0.0 } else { x.signum() }
}

fn positive_or(x: f64, otherwise: impl FnOnce() -> f64) -> f64 {
    if x > 0.0 { x } else { otherwise() }
}

/// `(x <= low || x >= high) ? 0 : value`.
fn inside(x: f64, low: f64, high: f64, value: f64) -> f64 {
    if x > low && x < high { value } else { 0.0 }
}

/// The code of each formula in the PyTorch model.
pub(super) fn formula(activation: Activation, precision: Precision, p: f64) -> Formula {
    let (value, derivative) = match activation {
        Activation::Step => ("torch.heaviside(x, 0)", "none in autograd (0 shown)"),
        Activation::Sigmoid if precision == Precision::F16 => (
            "torch.sigmoid (f32 inside, rounded once)",
            "sigmoid_backward: (1 - y) * y from the rounded y, in f16 arithmetic",
        ),
        Activation::Sigmoid => (
            "torch.sigmoid (f32 inside, rounded once)",
            "sigmoid_backward: (1 - y) * y from the rounded y (f32 inside)",
        ),
        Activation::Tanh if precision == Precision::F32 => (
            "torch.tanh (MKL's vmsTanh: taken correctly rounded, 1 from |x| = 9.01084)",
            "tanh_backward: 1 - y * y from the rounded y (one FMA in f32)",
        ),
        Activation::Tanh => (
            "torch.tanh (f32 inside, SLEEF's tanh, rounded once)",
            "tanh_backward: 1 - y * y from the rounded y (one FMA in f32)",
        ),
        Activation::Relu => ("F.relu", "threshold_backward: 0 where y <= 0"),
        Activation::LeakyRelu => ("F.leaky_relu", "leaky_relu_backward"),
        Activation::Elu => (
            "F.elu: expm1(x) for x < 0 (f32 inside, SLEEF's expm1, rounded once)",
            "elu_backward: exp(x) for x <= 0 (SLEEF's exp)",
        ),
        Activation::Gelu if precision == Precision::F16 => (
            "F.gelu: x * 0.5 * (1 + erf(x / sqrt 2)), erf by Abramowitz-Stegun with SLEEF's exp (f32 inside, rounded once)",
            "gelu_backward: cdf + x * pdf (f32 inside, the same erf)",
        ),
        Activation::Gelu => (
            "F.gelu: oneDNN's gelu_erf, a piecewise minimax erf (f32 inside, rounded once)",
            "oneDNN's gelu_erf backward, Abramowitz-Stegun erf with oneDNN's exp",
        ),
        Activation::GeluTanh => (
            "F.gelu(approximate='tanh') (f32 inside, FMAs, SLEEF's tanh, rounded once)",
            "gelu_backward (tanh; f32 inside, FMAs)",
        ),
        Activation::Silu if silu_beta(p) == 1.0 => (
            "F.silu: x / (1 + exp(-x)) (f32 inside, SLEEF's exp, rounded once)",
            "silu_backward: s * (1 + x * (1 - s)) (f32 inside, one FMA)",
        ),
        Activation::Silu => (
            "x * torch.sigmoid(b * x) (each op rounded)",
            "autograd: s + sigmoid_backward(x, s) * b",
        ),
        Activation::Mish => (
            "F.mish: x * tanh(log1p(exp(x))) (f32 inside, SLEEF's functions, rounded once)",
            "mish_backward: t + x * s * (1 - t * t) (f32 inside, FMAs)",
        ),
        Activation::Softplus => (
            "F.softplus(x, beta, threshold=20): log1p(exp(b * x)) / b (f32 inside, SLEEF's functions, rounded once)",
            "softplus_backward: z / (z + 1), z = exp(b * x); 1 past the threshold",
        ),
        Activation::Selu => (
            "F.selu (f32 inside, SLEEF's expm1, rounded once)",
            "elu_backward (SLEEF's exp)",
        ),
        Activation::Celu => (
            "F.celu (f32 inside, SLEEF's expm1, rounded once)",
            "elu_backward (SLEEF's exp)",
        ),
        Activation::Relu6 => ("F.relu6", "hardtanh_backward"),
        Activation::HardTanh => ("F.hardtanh", "hardtanh_backward"),
        Activation::HardSigmoid => (
            "F.hardsigmoid: min(max(x + 3, 0), 6) / 6 (f32 inside, rounded once)",
            "hardsigmoid_backward: 1/6 on (-3, 3)",
        ),
        Activation::HardSwish => (
            "F.hardswish: x * min(max(x + 3, 0), 6) / 6 (f32 inside, rounded once)",
            "hardswish_backward: x / 3 + 0.5 on (-3, 3)",
        ),
        Activation::Softsign => (
            "F.softsign: x / (x.abs() + 1) (each op rounded)",
            "autograd through div and abs (each op rounded)",
        ),
        Activation::SquaredRelu => (
            "F.relu(x) ** 2 (each op rounded)",
            "autograd: 2 * F.relu(x)",
        ),
    };
    Formula { value, derivative }
}
