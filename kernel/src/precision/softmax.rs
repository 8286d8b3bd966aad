//! Softmax in each framework's model: the max-subtracted and naive forms and their logarithms.
//!
//! The naive form is `exp(x) / sum(exp(x))`, which overflows. Every operation is in the format,
//! sums in the order and accumulator the framework uses.

use super::Framework;
use super::Precision;
use super::dtype::{Array, Np, float};
use super::ops::Arithmetic;
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
    /// NumPy: `np.exp(x) / np.sum(np.exp(x))`. PyTorch: `e = torch.exp(x); e / e.sum()`.
    /// NaN once an exponential overflows (f16: x > 11.09) or all of them underflow.
    pub naive: Vec<f64>,
    /// `np.log(naive)` / `torch.log(naive)`: `-inf` where a probability underflowed.
    pub naive_log: Vec<f64>,
    /// `x / T` as the model holds it before the softmax, in `format` (NumPy: divided by T, a
    /// Python float; PyTorch: by T as a float, rounded to the format; f64: `x / t`).
    pub scaled: Vec<f64>,
    /// The format of all four: the dtype the code returns (NumPy's bfloat16 code is float32
    /// once `x / T` divides by a Python float, T ≠ 1).
    pub format: Precision,
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
            naive: "e = torch.exp(x); e / e.sum()",
            naive_log: "torch.log(e / e.sum()), e = torch.exp(x)",
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

/// Why the max-subtracted forms in a model are not finite ([`stable_failure`]), decided from the
/// model's own `x / T` ([`SoftmaxForms::scaled`]) and results, in [`SoftmaxForms::format`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum StableFailure {
    /// Some `x / T` is `+inf` in the format (an input past its range, or the quotient), so
    /// `x - max` is `inf - inf` = NaN.
    InputInf {
        /// The first such element.
        first: usize,
        /// How many.
        count: usize,
    },
    /// Every `x / T` is `-inf`, so `x - max` is `-inf - (-inf)` = NaN.
    AllMinusInf,
    /// Some (not all) `x / T` are `-inf`: their log p is `-inf`.
    InputMinusInf {
        /// The first such element.
        first: usize,
        /// How many.
        count: usize,
    },
    /// Every `x / T` finite, but `x - max` (or log p) fell past the format's range: log p is
    /// `-inf` there.
    DifferencePast {
        /// The first element whose log p is `-inf`.
        first: usize,
        /// How many.
        count: usize,
        /// Its `x / T - max`, in f64 (where the model's, in the format, overflowed).
        difference: f64,
    },
    /// None of those: `count` values of p and log p are not finite.
    Other {
        /// How many values (p and log p together) are not finite.
        count: usize,
    },
}

/// Why the stable softmax and log-softmax in `forms` are not all finite, or `None` when they are.
#[must_use]
pub fn stable_failure(forms: &SoftmaxForms) -> Option<StableFailure> {
    let finite = |values: &[f64]| values.iter().all(|v| v.is_finite());
    if finite(&forms.probabilities) && finite(&forms.log_probabilities) {
        return None;
    }
    let where_true = |test: &dyn Fn(usize) -> bool| -> Vec<usize> {
        (0..forms.scaled.len()).filter(|&i| test(i)).collect()
    };
    let above = where_true(&|i| forms.scaled[i] == f64::INFINITY);
    if let Some(&first) = above.first() {
        let count = above.len();
        return Some(StableFailure::InputInf { first, count });
    }
    let below = where_true(&|i| forms.scaled[i] == f64::NEG_INFINITY);
    if below.len() == forms.scaled.len() {
        return Some(StableFailure::AllMinusInf);
    }
    if let Some(&first) = below.first() {
        let count = below.len();
        return Some(StableFailure::InputMinusInf { first, count });
    }
    let past = where_true(&|i| forms.log_probabilities[i] == f64::NEG_INFINITY);
    if let Some(&first) = past.first() {
        let max = maximum(&forms.scaled);
        return Some(StableFailure::DifferencePast {
            first,
            count: past.len(),
            difference: forms.scaled[first] - max,
        });
    }
    let count = forms
        .probabilities
        .iter()
        .chain(&forms.log_probabilities)
        .filter(|v| !v.is_finite())
        .count();
    Some(StableFailure::Other { count })
}

fn kernel_forms(xs: &[f64], t: f64) -> SoftmaxForms {
    let n = xs.len();
    let mut forms = SoftmaxForms {
        probabilities: vec![f64::NAN; n],
        log_probabilities: vec![f64::NAN; n],
        naive: vec![f64::NAN; n],
        naive_log: vec![f64::NAN; n],
        scaled: xs.iter().map(|&x| x / t).collect(),
        format: Precision::F64,
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
    let np = Np::new(precision);
    // `x = x / T` when T ≠ 1: a Python float, so bfloat16 becomes float32 from here on.
    let scaled = |v: f64| {
        let x = np.input(v);
        if t == 1.0 { x } else { np.div(x, float(t)) }
    };
    let format = scaled(1.0).dtype;
    let x: Vec<Array> = xs.iter().map(|&v| scaled(v)).collect();
    let e: Vec<Array> = x.iter().map(|&v| np.exp(v)).collect();
    let sum = numpy_sum(&np, format, &e);
    let naive: Vec<Array> = e.iter().map(|&v| np.div(v, sum)).collect();
    let naive_log = naive.iter().map(|&p| np.log(p).v).collect();
    let max = Array {
        v: maximum(&x.iter().map(|a| a.v).collect::<Vec<_>>()),
        dtype: format,
    };
    let shifted: Vec<Array> = x.iter().map(|&v| np.sub(v, max)).collect();
    let e: Vec<Array> = shifted.iter().map(|&v| np.exp(v)).collect();
    let sum = numpy_sum(&np, format, &e);
    let log_sum = np.log(sum);
    SoftmaxForms {
        probabilities: e.iter().map(|&v| np.div(v, sum).v).collect(),
        log_probabilities: shifted.iter().map(|&v| np.sub(v, log_sum).v).collect(),
        naive: naive.iter().map(|a| a.v).collect(),
        naive_log,
        scaled: x.iter().map(|a| a.v).collect(),
        format,
    }
}

/// `np.sum` of an array of `dtype`, as NumPy computes it: for f16, `a[0] + pairwise(a[1:])`
/// accumulated in f32 (its half loops) and rounded once; for f32 the pairwise sum of the whole
/// array (measured: equal to `np.sum` on 11,600 random float32 arrays of 2 to 59 values).
/// `ml_dtypes` bf16 adds left to right, every partial sum rounded to bf16. The softmax rows of
/// tests/data/frameworks/ (2 to 50 values, and 129, 300, 777: past 128, where the pairwise sum
/// halves) hold all three to NumPy's bits; f16's f32 accumulation shows there (adding left to right in
/// f16 does not match), its `a[0] +` split does not (its pairwise sum of the whole array, rounded
/// once, matches too): that is read from NumPy's source, not measured.
fn numpy_sum(np: &Np, dtype: Precision, values: &[Array]) -> Array {
    let values: Vec<f64> = values.iter().map(|a| a.v).collect();
    let m = np.arith(dtype);
    let v = match dtype {
        Precision::Bf16 => sequential_sum(m, &values),
        Precision::F16 => m.r(numpy_pairwise(&Arithmetic::new(Precision::F32), &values)),
        Precision::F32 | Precision::F64 => pairwise_block(m, &values),
    };
    Array { v, dtype }
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
    // The naive form, `e = torch.exp(x); e / e.sum()`: each tensor operation rounds to the
    // format. torch.exp on float32 is MKL's vmsExp (ATen/cpu/vml.h), closed source: taken
    // correctly rounded (it differs from that on about 1 % of inputs, by an ulp; SLEEF's expf on
    // 9.5 %); on f16/bf16 it is Vectorized's, SLEEF's expf rounded once. The sum is ATen's
    // cascade sum in float; torch.log is MKL's vmsLn on float32 (taken correctly rounded).
    let mkl = Arithmetic::new(Precision::F32);
    let naive_e: Vec<f64> = x
        .iter()
        .map(|&v| {
            r.r(if precision == Precision::F32 {
                mkl.exp(v)
            } else {
                f.exp(v)
            })
        })
        .collect();
    f.absorb(&mkl);
    let naive_sum = r.r(cascade_sum(f, &naive_e, precision != Precision::F32));
    let naive: Vec<f64> = naive_e.iter().map(|&v| r.r(f.div(v, naive_sum))).collect();
    SoftmaxForms {
        probabilities: e.iter().map(|&v| r.r(f.mul(v, inverse))).collect(),
        log_probabilities: shifted.iter().map(|&v| r.r(f.sub(v, log_sum))).collect(),
        naive_log: naive.iter().map(|&p| r.r(f.ln(p))).collect(),
        naive,
        scaled: x,
        format: precision,
    }
}

/// `tensor.sum()` of a 1-d CPU tensor: ATen's `cascade_sum` (cpu/SumKernel.cpp) in float, as it
/// runs here (measured: equal to torch.sum on 921 float32 vectors of 1 to 17,000 values; the
/// kernel runs at AVX2 width, 8 float lanes). Fewer values than a vector: `row_sum` of the
/// scalars. Else `row_sum` of whole vectors (8 floats; for f16/bf16, `half` = true, 16 values
/// loaded as two halves of 8 added in float), then the leftover scalars in order from 0, then
/// the 8 lanes in order.
fn cascade_sum(f: &Arithmetic, values: &[f64], half: bool) -> f64 {
    const LANES: usize = 8;
    let width = if half { 2 * LANES } else { LANES };
    if values.len() < width {
        let scalars: Vec<[f64; 1]> = values.iter().map(|&v| [v]).collect();
        return row_sum(f, &scalars)[0];
    }
    let whole = values.len() / width;
    let vectors: Vec<[f64; LANES]> = values[..whole * width]
        .chunks_exact(width)
        .map(|chunk| {
            let mut lanes = [0.0; LANES];
            lanes.copy_from_slice(&chunk[..LANES]);
            if half {
                for (lane, &v) in lanes.iter_mut().zip(&chunk[LANES..]) {
                    *lane = f.add(*lane, v);
                }
            }
            lanes
        })
        .collect();
    let lanes = row_sum(f, &vectors);
    let tail = values[whole * width..]
        .iter()
        .fold(0.0, |acc, &v| f.add(acc, v));
    lanes.iter().fold(tail, |acc, &v| f.add(acc, v))
}

/// ATen's `row_sum` of `items` (scalars or vectors, added lane by lane): four interleaved
/// `multi_row_sum` accumulators over groups of four, the leftover items into the first, then
/// the other three added to it.
fn row_sum<const N: usize>(f: &Arithmetic, items: &[[f64; N]]) -> [f64; N] {
    let add = |a: [f64; N], b: [f64; N]| std::array::from_fn(|k| f.add(a[k], b[k]));
    let groups = items.len() / 4;
    let mut partial = multi_row_sum(&items[..groups * 4], add);
    for &item in &items[groups * 4..] {
        partial[0] = add(partial[0], item);
    }
    let [first, rest @ ..] = partial;
    rest.into_iter().fold(first, add)
}

/// ATen's `multi_row_sum` with 4 rows: each row's items (every 4th) summed in chunks of
/// `2^max(4, ⌈log2 n⌉ / 4)`, the chunk sums cascading through 4 levels, the levels added last.
fn multi_row_sum<const N: usize>(
    items: &[[f64; N]],
    add: impl Fn([f64; N], [f64; N]) -> [f64; N],
) -> [[f64; N]; 4] {
    const LEVELS: usize = 4;
    let size = items.len() / 4;
    let ceil_log2 = if size <= 1 {
        0
    } else {
        usize::BITS - (size - 1).leading_zeros()
    };
    let power = (ceil_log2 as usize / LEVELS).max(4);
    let (step, mask) = (1 << power, (1 << power) - 1);
    let zero = [[0.0; N]; 4];
    let mut acc = [zero; LEVELS];
    let mut i = 0;
    let load = |acc: &mut [[[f64; N]; 4]; LEVELS], i: usize| {
        for k in 0..4 {
            acc[0][k] = add(acc[0][k], items[4 * i + k]);
        }
    };
    while i + step <= size {
        for _ in 0..step {
            load(&mut acc, i);
            i += 1;
        }
        for j in 1..LEVELS {
            let lower = acc[j - 1];
            acc[j] = std::array::from_fn(|k| add(acc[j][k], lower[k]));
            acc[j - 1] = zero;
            if i & (mask << (j * power)) != 0 {
                break;
            }
        }
    }
    while i < size {
        load(&mut acc, i);
        i += 1;
    }
    for j in 1..LEVELS {
        let level = acc[j];
        acc[0] = std::array::from_fn(|k| add(acc[0][k], level[k]));
    }
    acc[0]
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

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(
        framework: Framework,
        precision: Precision,
        xs: &[f64],
        t: f64,
    ) -> Option<StableFailure> {
        stable_failure(&softmax_forms(framework, precision, xs, t))
    }

    #[test]
    fn an_input_inf_in_the_format_makes_inf_minus_inf() {
        let xs = [-20.0, 17.0, 70000.0, -0.0, 1e-8, -100.0];
        for framework in Framework::ALL {
            let one = StableFailure::InputInf { first: 2, count: 1 };
            assert_eq!(failure(framework, Precision::F16, &xs, 1.0), Some(one));
            assert_eq!(failure(framework, Precision::F32, &xs, 1.0), None);
            assert_eq!(failure(framework, Precision::Bf16, &xs, 1.0), None);
        }
        let two = StableFailure::InputInf { first: 0, count: 2 };
        let f16 = (Framework::NumPy, Precision::F16);
        assert_eq!(failure(f16.0, f16.1, &[1e5, 2e5, 1.0], 1.0), Some(two));
        // x / T past the range at a small temperature.
        let forms = softmax_forms(Framework::PyTorch, Precision::F16, &[1000.0, 1.0], 0.01);
        assert_eq!(forms.scaled[0], f64::INFINITY);
        let one = StableFailure::InputInf { first: 0, count: 1 };
        assert_eq!(stable_failure(&forms), Some(one));
    }

    #[test]
    fn minus_inf_inputs() {
        let f16 = |xs: &[f64]| failure(Framework::NumPy, Precision::F16, xs, 1.0);
        let one = StableFailure::InputMinusInf { first: 0, count: 1 };
        assert_eq!(f16(&[-70000.0, 1.0]), Some(one));
        assert_eq!(f16(&[-70000.0, -1e6]), Some(StableFailure::AllMinusInf));
        assert_eq!(f16(&[12.0, 1.0, -3.0]), None);
    }

    #[test]
    fn a_difference_past_the_range() {
        for framework in Framework::ALL {
            let past = StableFailure::DifferencePast {
                first: 0,
                count: 1,
                difference: -80000.0,
            };
            let xs = [-40000.0, 40000.0];
            assert_eq!(failure(framework, Precision::F16, &xs, 1.0), Some(past));
        }
    }

    #[test]
    fn numpy_bf16_divided_by_a_python_float_is_judged_in_f32() {
        // x / T with T = 0.299 is float32: ±3.4009e38, finite there (inf in bf16), and only the
        // difference, -6.8e38, passes f32's range: p is [1, 0], log p [0, -inf].
        let xs = [1.017e38, -1.017e38];
        let forms = softmax_forms(Framework::NumPy, Precision::Bf16, &xs, 0.299);
        assert_eq!(forms.format, Precision::F32);
        assert!(forms.scaled.iter().all(|v| v.is_finite()));
        assert!(Precision::Bf16.round(forms.scaled[0]).is_infinite());
        assert_eq!(forms.probabilities, [1.0, 0.0]);
        let difference = forms.scaled[1] - forms.scaled[0];
        assert!(difference < -Precision::F32.max());
        let past = StableFailure::DifferencePast {
            first: 1,
            count: 1,
            difference,
        };
        assert_eq!(stable_failure(&forms), Some(past));
        // At T = 0.5 too: ±1.99e38, the difference -3.99e38 past f32's -3.40e38.
        let forms = softmax_forms(Framework::NumPy, Precision::Bf16, &[1e38, -1e38], 0.5);
        assert_eq!(forms.format, Precision::F32);
        let difference = -2.0 * forms.scaled[0];
        assert_eq!(difference, 2.0 * -Precision::Bf16.round(1e38) / 0.5);
        let past = StableFailure::DifferencePast {
            first: 1,
            count: 1,
            difference,
        };
        assert_eq!(stable_failure(&forms), Some(past));
        // Past f32's range itself, x / T is inf in f32.
        let forms = softmax_forms(Framework::NumPy, Precision::Bf16, &[3e38, 1.0], 0.5);
        assert_eq!(forms.format, Precision::F32);
        let one = StableFailure::InputInf { first: 0, count: 1 };
        assert_eq!(stable_failure(&forms), Some(one));
        // At T = 1 the code stays bfloat16.
        let forms = softmax_forms(Framework::NumPy, Precision::Bf16, &xs, 1.0);
        assert_eq!(forms.format, Precision::Bf16);
    }

    #[test]
    fn anything_else_is_counted() {
        let forms = softmax_forms(Framework::NumPy, Precision::F32, &[f64::NAN, 1.0], 1.0);
        assert_eq!(
            stable_failure(&forms),
            Some(StableFailure::Other { count: 4 })
        );
    }

    #[test]
    fn the_scaled_values_are_the_models() {
        let xs = [1.0, 2.0, 3.0];
        let forms = softmax_forms(Framework::PyTorch, Precision::F16, &xs, 3.0);
        let third = Precision::F16.round(1.0 / 3.0);
        assert_eq!(forms.scaled, [third, Precision::F16.round(2.0 / 3.0), 1.0]);
        assert_eq!(
            softmax_forms(Framework::NumPy, Precision::F64, &xs, 2.0).scaled,
            [0.5, 1.0, 1.5]
        );
    }
}
