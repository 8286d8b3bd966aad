//! What an activation and softmax return in f32, f16 and bf16, and where that breaks.
//!
//! Computed in the two ways people compute them: NumPy code written op by op, and PyTorch's
//! kernels. A break is an overflow, an underflow, or saturating to exactly ±1 (or a derivative to
//! exactly 0).
//!
//! - [`Framework::NumPy`]: the NumPy code a person writes, e.g.
//!   `1 / (1 + np.exp(-x))` and `s * (1 - s)`, every operation rounded to the format, constants
//!   too; NumPy's own SIMD `exp`, `log`, `tanh` and SVML's `log1p`, `expm1`, `pow` (float32, and
//!   inside float16), emulated bit for bit (NumPy 2.4 on AVX-512). Each intermediate has the
//!   dtype NumPy gives it: SciPy's `erf` has no float16 loop, so GELU's float16 code returns
//!   float64; bfloat16 (`ml_dtypes`) meeting a Python float is float32 from there on
//!   ([`result_precision`], [`Evaluation::format`]).
//! - [`Framework::PyTorch`]: what `torch.nn.functional` and its autograd return for a CPU tensor
//!   of many elements (the vectorised kernels): each kernel's formula in f32 with SLEEF's
//!   functions (and oneDNN's GELU for f32 and bf16), the FMAs GCC forms, rounded once to the
//!   format, with the exceptions PyTorch 2.15 has (sigmoid/tanh backward from the rounded output,
//!   f16 sigmoid backward in f16 arithmetic, compositions rounding each operation, softplus's
//!   threshold 20).
//! - [`Precision::F64`] is the kernel itself, accurate to a few ulps, with every flag
//!   [`Flag::Fine`] — no framework model.
//!
//! Rounding is correct (to nearest, ties to even) from any `f64` ([`round`]). [`jax_agreement`]
//! records where JAX 0.10 was measured to give the same numbers as a model.

mod dtype;
mod evaluator;
mod jax;
mod numpy;
mod numpy_simd;
mod onednn;
mod ops;
mod pytorch;
pub mod round;
mod scipy;
mod sleef;
mod softmax;
mod svml;
mod x86;

pub use evaluator::Evaluator;
pub use jax::{JaxAgreement, jax_agreement};
pub use softmax::{
    SoftmaxForms, SoftmaxFormulas, StableFailure, naive_log_softmax, naive_softmax, softmax_forms,
    softmax_formulas, stable_failure, stable_log_softmax, stable_softmax,
};

use half::{bf16, f16};

use crate::Activation;

/// A fused multiply-add in f32 (`vfmadd`): `a·b + c` rounded once, the step every emulated
/// library's polynomial takes.
fn fma(a: f32, b: f32, c: f32) -> f32 {
    a.mul_add(b, c)
}

/// A floating-point format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Precision {
    /// IEEE double, the kernel's own.
    F64,
    /// IEEE single.
    F32,
    /// IEEE half: 5 exponent bits, max 65504.
    F16,
    /// bfloat16: f32's range with 8 significant bits.
    Bf16,
}

impl Precision {
    /// The formats in the order a key cycles them.
    pub const ALL: [Precision; 4] = [
        Precision::F64,
        Precision::F32,
        Precision::F16,
        Precision::Bf16,
    ];

    /// Its usual name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Precision::F64 => "f64",
            Precision::F32 => "f32",
            Precision::F16 => "f16",
            Precision::Bf16 => "bf16",
        }
    }

    /// The format called `name` (`f64`, `f32`, `f16`, `bf16`; `float16`, `half`, `bfloat16`…).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Precision> {
        match name.trim().to_ascii_lowercase().as_str() {
            "f64" | "float64" | "double" => Some(Precision::F64),
            "f32" | "float32" | "single" | "float" => Some(Precision::F32),
            "f16" | "float16" | "half" | "fp16" => Some(Precision::F16),
            "bf16" | "bfloat16" => Some(Precision::Bf16),
            _ => None,
        }
    }

    /// The next format (f64 after bf16).
    #[must_use]
    pub fn next(self) -> Precision {
        match self {
            Precision::F64 => Precision::F32,
            Precision::F32 => Precision::F16,
            Precision::F16 => Precision::Bf16,
            Precision::Bf16 => Precision::F64,
        }
    }

    /// `v` rounded to this format: to nearest, ties to even, overflow to ±inf (correctly, see
    /// [`round`]).
    #[must_use]
    pub fn round(self, v: f64) -> f64 {
        match self {
            Precision::F64 => v,
            Precision::F32 => f64::from(round::to_f32(v)),
            Precision::F16 => round::to_f16(v).to_f64(),
            Precision::Bf16 => round::to_bf16(v).to_f64(),
        }
    }

    /// The largest finite value.
    #[must_use]
    pub fn max(self) -> f64 {
        match self {
            Precision::F64 => f64::MAX,
            Precision::F32 => f64::from(f32::MAX),
            Precision::F16 => f16::MAX.to_f64(),
            Precision::Bf16 => bf16::MAX.to_f64(),
        }
    }

    /// The largest x whose `e^x` is finite in this format: `ln(max)`.
    #[must_use]
    pub fn exp_limit(self) -> f64 {
        self.max().ln()
    }
}

/// Whose arithmetic a low-precision evaluation copies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Framework {
    /// The NumPy code a person writes, every operation in the format.
    NumPy,
    /// `torch.nn.functional` on a CPU tensor and its autograd.
    PyTorch,
}

impl Framework {
    /// Both, NumPy first.
    pub const ALL: [Framework; 2] = [Framework::NumPy, Framework::PyTorch];

    /// Its name as written: `NumPy`, `PyTorch`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Framework::NumPy => "NumPy",
            Framework::PyTorch => "PyTorch",
        }
    }

    /// The framework called `name`, in any case: `numpy`, `pytorch` (or `torch`).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Framework> {
        match name.trim().to_ascii_lowercase().as_str() {
            "numpy" | "np" => Some(Framework::NumPy),
            "pytorch" | "torch" => Some(Framework::PyTorch),
            _ => None,
        }
    }
}

/// How a low-precision result went wrong, if it did. Each is about the model's own numbers,
/// judged against the exact value; a result that is merely inaccurate (a cancellation that
/// keeps few digits) is not flagged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    /// Nothing overflowed, underflowed or saturated.
    Fine,
    /// Saturated: a value exactly at the function's asymptote (1 for sigmoid and for SiLU′ or
    /// GELU′, ±1 for tanh and softsign, −α for ELU …) where the exact value is not; or exactly 0
    /// because a function inside reached ±1 and cancelled (`1 + erf(z)` with `erf(z) = −1`,
    /// `1 + tanh(u)`); or a derivative exactly 0 where the exact one is representable, because
    /// the value saturated (`s(1 − s)` with `s = 1`). A derivative that rounds to its maximum (tanh'(1e-8) = 1) is
    /// not saturated: it is close; nor one that crosses its limit on the way (GELU′(0.75) = 1).
    Saturated,
    /// The result, or an operation inside it (an `exp`, a square), overflowed to ±inf, and the
    /// result is wrong for it (±inf, or `1 / (1 + inf) = 0` where the exact value is not 0 in the
    /// format).
    Overflow,
    /// An operation inside overflowed (NumPy warns), yet the result is within a unit of the
    /// exact value: `x · tanh(log1p(exp(x)))` at x = 89 in f32 is `89 · tanh(inf) = 89`.
    OverflowInside,
    /// The input itself is past the format's range: x rounds to ±inf (70000 in f16).
    InputOverflow,
    /// The result is exactly 0 where the exact value is a number of the format, because rounded
    /// terms cancelled with nothing overflowing, underflowing or saturating inside.
    Cancelled,
    /// The result is 0 where the exact value is not, because it, or an operation inside it
    /// (an `exp` of a large negative number), fell below the smallest value of its format.
    Underflow,
}

impl Flag {
    /// A short word for a status line (empty when fine).
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Flag::Fine => "",
            Flag::Saturated => "saturated",
            Flag::Overflow => "overflow",
            Flag::OverflowInside => "harmless overflow",
            Flag::InputOverflow => "input overflows",
            Flag::Underflow => "underflow",
            Flag::Cancelled => "cancelled to 0",
        }
    }
}

/// A value computed in some precision, and what went wrong.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Evaluation {
    /// The result, as the code's result type holds it: the format's value, except where the
    /// code itself promotes (NumPy's GELU on float16 returns float64, bfloat16 code float32
    /// wherever a Python float meets the array; see [`result_precision`]).
    pub value: f64,
    /// The format of `value`: the dtype the code returns.
    pub format: Precision,
    /// Overflow, underflow, saturation, or fine.
    pub flag: Flag,
}

/// The formats a model's code returns `f` and `f'` in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResultPrecision {
    /// The format of `f(x)`.
    pub value: Precision,
    /// The format of `f'(x)`.
    pub derivative: Precision,
}

/// The code a model evaluates for `f` and `f'`, as its framework's users write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Formula {
    /// For `f(x)`, e.g. `1 / (1 + np.exp(-x))`.
    pub value: &'static str,
    /// For `f'(x)`, e.g. `s * (1 - s), s = 1 / (1 + np.exp(-x))`.
    pub derivative: &'static str,
}

/// `(f(x), f'(x))` of `activation` with parameter `p` as `framework` computes them in
/// `precision`: `x` first rounded to the format, then the model's formula (see the module
/// docs); each flagged against the exact value. f64 gives the kernel's values, flagged fine.
/// For many elements, make one [`Evaluator`] and call [`Evaluator::at`] for each.
#[must_use]
pub fn evaluate(
    framework: Framework,
    precision: Precision,
    activation: Activation,
    x: f64,
    p: f64,
) -> (Evaluation, Evaluation) {
    Evaluator::new(framework, precision, activation, p).at(x)
}

/// The formats `framework`'s code returns `activation` (parameter `p`) in when it computes in
/// `precision`: the format itself, except where NumPy promotes — float64 for GELU on float16
/// (SciPy's `erf` has no float16 loop, so its float64 result promotes the rest of the
/// expression), float32 for bfloat16 code wherever a Python float meets the array (`ml_dtypes`).
#[must_use]
pub fn result_precision(
    framework: Framework,
    precision: Precision,
    activation: Activation,
    p: f64,
) -> ResultPrecision {
    let (value, derivative) = match framework {
        Framework::NumPy if precision != Precision::F64 => {
            numpy::result_formats(activation, precision, p)
        }
        _ => (precision, precision),
    };
    ResultPrecision { value, derivative }
}

/// The code `framework` runs for `activation` (with parameter `p`) in `precision`.
#[must_use]
pub fn formula(
    framework: Framework,
    precision: Precision,
    activation: Activation,
    p: f64,
) -> Formula {
    match framework {
        Framework::NumPy => numpy::formula(activation, precision, p),
        Framework::PyTorch => pytorch::formula(activation, precision, p),
    }
}

/// The stable softplus `np.maximum(x, 0) + np.log1p(np.exp(-np.abs(b * x))) / b` in the NumPy
/// model: finite where `np.log1p(np.exp(b * x)) / b` overflows.
#[must_use]
pub fn stable_softplus(precision: Precision, x: f64, beta: f64) -> f64 {
    if precision == Precision::F64 {
        return Activation::Softplus.value(x, beta);
    }
    let np = dtype::Np::new(precision);
    numpy::stable_softplus(&np, np.input(x), beta).v
}

#[cfg(test)]
mod tests;

/// The float32 inputs the emulated functions' tests pin their results at, and the bits there.
#[cfg(test)]
mod pinned {
    /// The inputs: both signs, tiny to large, past `tanh`'s saturation.
    pub(super) const X: [f32; 8] = [-3.0, -0.5, 0.1, 1.0, 2.5, 9.5, 50.0, -1e-3];

    /// `f` at each of `xs`, as bits.
    pub(super) fn bits(f: fn(f32) -> f32, xs: [f32; 8]) -> [u32; 8] {
        xs.map(|x| f(x).to_bits())
    }
}
