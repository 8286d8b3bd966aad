//! Softmax in each framework's model: the max-subtracted and naive forms and their logarithms.
//!
//! The naive form is `exp(x) / sum(exp(x))`, which overflows. Every operation is in the format,
//! sums in the order and accumulator the framework uses.

use super::Framework;
use super::Precision;
use super::ops::{Arithmetic, Library};
use super::pytorch::Kernel;
use crate::Level;
use crate::softmax::{self as exact, Temperature};

/// The softmax of `x / T` as a framework computes it in a format.
#[derive(Clone, Debug, PartialEq)]
pub struct SoftmaxForms {
    /// NumPy: `e = np.exp(x - np.max(x)); e / np.sum(e)`. PyTorch: `torch.softmax(x, 0)`.
    pub probabilities: Vec<f64>,
    /// NumPy: `(x - m) - np.log(np.sum(np.exp(x - m)))`. PyTorch: `torch.log_softmax(x, 0)`.
    pub log_probabilities: Vec<f64>,
    /// NumPy: `np.exp(x) / np.sum(np.exp(x))`. PyTorch: `torch.exp(x) / torch.exp(x).sum()`.
    /// NaN once an exponential overflows (f16: x > 11.09) or all of them underflow.
    pub naive: Vec<f64>,
    /// `np.log(naive)` / `torch.log(naive)`: `-inf` where a probability underflowed.
    pub naive_log: Vec<f64>,
}

/// The code of each form in a framework's model (`x` is `x / T`, computed in the format).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SoftmaxFormulas {
    /// For [`SoftmaxForms::probabilities`].
    pub probabilities: &'static str,
    /// For [`SoftmaxForms::log_probabilities`].
    pub log_probabilities: &'static str,
    /// For [`SoftmaxForms::naive`].
    pub naive: &'static str,
    /// For [`SoftmaxForms::naive_log`].
    pub naive_log: &'static str,
}

/// The code `framework` runs for each softmax form.
#[must_use]
pub fn softmax_formulas(framework: Framework) -> SoftmaxFormulas {
    match framework {
        Framework::NumPy => SoftmaxFormulas {
            probabilities: "e = np.exp(x - np.max(x)); e / np.sum(e)",
            log_probabilities: "(x - m) - np.log(np.sum(np.exp(x - m))), m = np.max(x)",
            naive: "np.exp(x) / np.sum(np.exp(x))",
            naive_log: "np.log(np.exp(x) / np.sum(np.exp(x)))",
        },
        Framework::PyTorch => SoftmaxFormulas {
            probabilities: "torch.softmax(x, 0) (f32 inside, rounded once)",
            log_probabilities: "torch.log_softmax(x, 0)",
            naive: "torch.exp(x) / torch.exp(x).sum()",
            naive_log: "torch.log(torch.exp(x) / torch.exp(x).sum())",
        },
    }
}

/// The four forms of the softmax of `xs / t` in `framework`'s model and `precision`; `x / T` is
/// itself computed in the format (`t` a Python float). f64 gives the kernel's own accurate values
/// for the stable forms and the plain `f64` naive form.
#[must_use]
pub fn softmax_forms(
    framework: Framework,
    precision: Precision,
    xs: &[f64],
    t: f64,
) -> SoftmaxForms {
    if precision == Precision::F64 {
        return kernel_forms(xs, t);
    }
    match framework {
        Framework::NumPy => numpy_forms(precision, xs, t),
        Framework::PyTorch => pytorch_forms(precision, xs, t),
    }
}

/// The max-subtracted softmax in the model: [`SoftmaxForms::probabilities`].
#[must_use]
pub fn stable_softmax(framework: Framework, precision: Precision, xs: &[f64], t: f64) -> Vec<f64> {
    softmax_forms(framework, precision, xs, t).probabilities
}

/// The naive `exp(x) / sum(exp(x))` in the model: [`SoftmaxForms::naive`].
#[must_use]
pub fn naive_softmax(framework: Framework, precision: Precision, xs: &[f64], t: f64) -> Vec<f64> {
    softmax_forms(framework, precision, xs, t).naive
}

/// The stable log-softmax in the model: [`SoftmaxForms::log_probabilities`].
#[must_use]
pub fn stable_log_softmax(
    framework: Framework,
    precision: Precision,
    xs: &[f64],
    t: f64,
) -> Vec<f64> {
    softmax_forms(framework, precision, xs, t).log_probabilities
}

/// The log of the naive softmax in the model: [`SoftmaxForms::naive_log`].
#[must_use]
pub fn naive_log_softmax(
    framework: Framework,
    precision: Precision,
    xs: &[f64],
    t: f64,
) -> Vec<f64> {
    softmax_forms(framework, precision, xs, t).naive_log
}

fn kernel_forms(xs: &[f64], t: f64) -> SoftmaxForms {
    let n = xs.len();
    let mut forms = SoftmaxForms {
        probabilities: vec![f64::NAN; n],
        log_probabilities: vec![f64::NAN; n],
        naive: vec![f64::NAN; n],
        naive_log: vec![f64::NAN; n],
    };
    if let Ok(temperature) = Temperature::new(t) {
        exact::softmax(Level::SCALAR, xs, temperature, &mut forms.probabilities);
        exact::log_softmax(Level::SCALAR, xs, temperature, &mut forms.log_probabilities);
        exact::naive_softmax(xs, temperature, &mut forms.naive);
        forms.naive_log = forms.naive.iter().map(|p| p.ln()).collect();
    }
    forms
}

/// The largest value (NaN if any is NaN, as `np.max` and `torch.max` give).
fn maximum(values: &[f64]) -> f64 {
    values.iter().fold(f64::NEG_INFINITY, |m, &v| {
        if v.is_nan() || m.is_nan() {
            f64::NAN
        } else {
            m.max(v)
        }
    })
}

fn numpy_forms(precision: Precision, xs: &[f64], t: f64) -> SoftmaxForms {
    let m = Arithmetic::with_library(precision, Library::NumPy);
    let x: Vec<f64> = xs.iter().map(|&v| m.div(m.r(v), m.c(t))).collect();
    let e: Vec<f64> = x.iter().map(|&v| m.exp(v)).collect();
    let sum = numpy_sum(&m, &e);
    let naive: Vec<f64> = e.iter().map(|&v| m.div(v, sum)).collect();
    let naive_log = naive.iter().map(|&p| m.ln(p)).collect();
    let max = maximum(&x);
    let shifted: Vec<f64> = x.iter().map(|&v| m.sub(v, max)).collect();
    let e: Vec<f64> = shifted.iter().map(|&v| m.exp(v)).collect();
    let sum = numpy_sum(&m, &e);
    let log_sum = m.ln(sum);
    SoftmaxForms {
        probabilities: e.iter().map(|&v| m.div(v, sum)).collect(),
        log_probabilities: shifted.iter().map(|&v| m.sub(v, log_sum)).collect(),
        naive,
        naive_log,
    }
}

/// `np.sum` as NumPy computes it: for f16, `a[0] + pairwise(a[1:])` accumulated in f32 (its
/// half loops) and rounded once; for f32 the pairwise sum of the whole array (measured: equal
/// to `np.sum` on 11,600 random float32 arrays of 2 to 59 values). `ml_dtypes` bf16 adds left
/// to right, every partial sum rounded to bf16.
fn numpy_sum(m: &Arithmetic, values: &[f64]) -> f64 {
    match m.format() {
        Precision::Bf16 => sequential_sum(m, values),
        Precision::F16 => m.r(numpy_pairwise(&Arithmetic::new(Precision::F32), values)),
        Precision::F32 | Precision::F64 => pairwise_block(m, values),
    }
}

fn sequential_sum(a: &Arithmetic, values: &[f64]) -> f64 {
    match values {
        [] => 0.0,
        [first, rest @ ..] => rest.iter().fold(*first, |acc, &v| a.add(acc, v)),
    }
}

fn numpy_pairwise(a: &Arithmetic, values: &[f64]) -> f64 {
    match values {
        [] => 0.0,
        [first, rest @ ..] => a.add(*first, pairwise_block(a, rest)),
    }
}

/// numpy/_core/src/umath/loops_utils.h.src `pairwise_sum`: sequential below 8 values, eight
/// accumulators up to 128 (combined `((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))`, then the rest in
/// order), halves (a multiple of 8 on the left) above.
fn pairwise_block(a: &Arithmetic, values: &[f64]) -> f64 {
    let n = values.len();
    if n < 8 {
        values.iter().fold(-0.0, |acc, &v| a.add(acc, v))
    } else if n <= 128 {
        let mut r = [0.0; 8];
        r.copy_from_slice(&values[..8]);
        let whole = n - n % 8;
        for chunk in values[8..whole].chunks_exact(8) {
            for (acc, &v) in r.iter_mut().zip(chunk) {
                *acc = a.add(*acc, v);
            }
        }
        let left = a.add(a.add(r[0], r[1]), a.add(r[2], r[3]));
        let right = a.add(a.add(r[4], r[5]), a.add(r[6], r[7]));
        values[whole..]
            .iter()
            .fold(a.add(left, right), |acc, &v| a.add(acc, v))
    } else {
        let half = n / 2;
        let half = half - half % 8;
        a.add(
            pairwise_block(a, &values[..half]),
            pairwise_block(a, &values[half..]),
        )
    }
}

fn pytorch_forms(precision: Precision, xs: &[f64], t: f64) -> SoftmaxForms {
    let k = Kernel::new(precision);
    let f = &k.f;
    let r = &k.r;
    // x / T: a tensor divided by a Python scalar, in float, rounded to the format.
    let x: Vec<f64> = xs.iter().map(|&v| r.r(f.div(r.r(v), f.c(t)))).collect();
    // cpu/SoftmaxKernel.cpp softmax_lastdim: max, e = exp(x - max), sum, e * (1 / sum).
    let max = maximum(&x);
    let shifted: Vec<f64> = x.iter().map(|&v| f.sub(v, max)).collect();
    let e: Vec<f64> = shifted.iter().map(|&v| f.exp(v)).collect();
    let sum = lane_sum(f, &e);
    let inverse = f.div(1.0, sum);
    // cpu/LogSoftmaxKernelImpl.h: x - max - log(sum), with the sum and its log kept in
    // scalar_t buffers (rounded to f16/bf16).
    let log_sum = r.r(f.ln(r.r(sum)));
    // The naive form: three tensor operations, each rounding; the sum accumulates in float.
    let naive_e: Vec<f64> = x.iter().map(|&v| r.r(f.exp(v))).collect();
    let naive_sum = r.r(sequential_sum(f, &naive_e));
    let naive: Vec<f64> = naive_e.iter().map(|&v| r.r(f.div(v, naive_sum))).collect();
    SoftmaxForms {
        probabilities: e.iter().map(|&v| r.r(f.mul(v, inverse))).collect(),
        log_probabilities: shifted.iter().map(|&v| r.r(f.sub(v, log_sum))).collect(),
        naive_log: naive.iter().map(|&p| r.r(f.ln(p))).collect(),
        naive,
    }
}

/// ATen's `vec::reduce_all` with `+` on AVX-512 (functional_base.h): fewer than 16 values left
/// to right; else 16 lane accumulators over whole vectors, the partial last vector added lane by
/// lane, then lanes combined i ↔ i^8, ^4, ^2, ^1.
fn lane_sum(f: &Arithmetic, values: &[f64]) -> f64 {
    const LANES: usize = 16;
    if values.len() < LANES {
        return sequential_sum(f, values);
    }
    let mut acc = [0.0; LANES];
    acc.copy_from_slice(&values[..LANES]);
    for chunk in values[LANES..].chunks(LANES) {
        for (lane, &v) in acc.iter_mut().zip(chunk) {
            *lane = f.add(*lane, v);
        }
    }
    for shift in [8, 4, 2, 1] {
        let before = acc;
        for (i, lane) in acc.iter_mut().enumerate() {
            *lane = f.add(before[i], before[i ^ shift]);
        }
    }
    acc[0]
}
