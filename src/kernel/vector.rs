//! Slice kernels at the hardware's pace: sigmoid and softmax over long slices, written so the
//! compiler vectorises them (AVX-512 or AVX2 with FMA, chosen at run time), within the same ulp
//! bounds as the scalar forms.
//!
//! The one thing that keeps a loop from vectorising is a call to libm's `exp`, so this module has
//! its own: [`exp_nonpositive`], for `x <= 0` only (every exponential here is `e^(-|x|)` or
//! `e^(x - max)`), branch-free, within about 0.6 ulp. Lanes it cannot serve (results below the
//! normal range, NaN) are redone by the scalar code afterwards.
//!
//! Without FMA (or off x86-64) the scalar code serves every slice.
//!
//! `unsafe` appears only to call a `#[target_feature]` function after the feature was detected.
#![allow(unsafe_code)]
// Every helper must be inlined into the #[target_feature] functions to be compiled for them.
#![allow(clippy::inline_always)]

use super::activation;

/// Below this, `e^x` is not a normal `f64`: such lanes are finished by the scalar code.
const EXP_NORMAL_LIMIT: f64 = -708.0;
/// `1.5·2^52`: adding it rounds to an integer held in the low mantissa bits.
const ROUNDING_SHIFTER: f64 = 6_755_399_441_055_744.0;
const LOG2_E: f64 = std::f64::consts::LOG2_E;
/// `ln 2 = LN2_HI + LN2_LO`, the high part exact in the FMA-based reduction.
const LN2_HI: f64 = std::f64::consts::LN_2;
const LN2_LO: f64 = 2.319_046_813_846_299_6e-17;
/// Lanes the accumulators run side by side (two AVX-512 registers: more independent work).
const LANES: usize = 16;

/// Which instructions the slice kernels use on this machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// No FMA: the scalar code.
    Scalar,
    /// AVX2 with FMA: 4 lanes.
    Avx2,
    /// AVX-512: 8 lanes.
    Avx512,
}

impl Level {
    /// Its name, as `actscope bench` reports it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Level::Scalar => "scalar",
            Level::Avx2 => "avx2+fma",
            Level::Avx512 => "avx512",
        }
    }
}

/// The level the slice kernels use: the best this CPU supports, or a lower one named by the
/// environment variable `ACTSCOPE_SIMD` (`scalar`, `avx2`, `avx512`), for comparing them.
/// Decided once per process.
#[must_use]
pub fn level() -> Level {
    static LEVEL: std::sync::OnceLock<Level> = std::sync::OnceLock::new();
    *LEVEL.get_or_init(|| {
        let best = supported();
        let asked = match std::env::var("ACTSCOPE_SIMD").as_deref() {
            Ok("scalar") => Level::Scalar,
            Ok("avx2") => Level::Avx2,
            _ => Level::Avx512,
        };
        best.min(asked)
    })
}

/// The best level this CPU supports (run-time detection).
fn supported() -> Level {
    #[cfg(target_arch = "x86_64")]
    {
        let avx2 = std::arch::is_x86_feature_detected!("avx2")
            && std::arch::is_x86_feature_detected!("fma");
        if avx2
            && std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512dq")
            && std::arch::is_x86_feature_detected!("avx512vl")
        {
            return Level::Avx512;
        }
        if avx2 {
            return Level::Avx2;
        }
    }
    Level::Scalar
}

/// Runs `$body` (an expression using only `#[inline(always)]` helpers) compiled for the best
/// available level.
macro_rules! dispatch {
    (fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty $body:block else $fallback:block) => {{
        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = "avx512f,avx512dq,avx512vl,avx2,fma")]
        fn avx512($($arg: $ty),*) -> $ret $body
        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = "avx2,fma")]
        fn avx2($($arg: $ty),*) -> $ret $body
        match level() {
            #[cfg(target_arch = "x86_64")]
            // SAFETY: level() detected avx512f, avx512dq, avx512vl, avx2 and fma on this CPU.
            Level::Avx512 => unsafe { avx512($($arg),*) },
            #[cfg(target_arch = "x86_64")]
            // SAFETY: level() detected avx2 and fma on this CPU.
            Level::Avx2 => unsafe { avx2($($arg),*) },
            _ => $fallback,
        }
    }};
}

/// `e^x` for `EXP_NORMAL_LIMIT <= x <= 0`, branch-free. Outside that range the result is
/// meaningless and the caller replaces it.
///
/// `x = k·ln2 + r` with `|r| <= ln2/2` (Cody-Waite with FMA), `e^r` by its Taylor series to
/// `r^13/13!` (truncation below 0.05 ulp), then `2^k` put in the exponent bits.
#[inline(always)]
fn exp_nonpositive(x: f64) -> f64 {
    exp_in_range(x.max(EXP_NORMAL_LIMIT - 1.0))
}

/// [`exp_nonpositive`] without the clamp, for callers that know `x >= EXP_NORMAL_LIMIT - 1`.
#[inline(always)]
fn exp_in_range(x: f64) -> f64 {
    let shifted = x.mul_add(LOG2_E, ROUNDING_SHIFTER);
    let k = shifted - ROUNDING_SHIFTER;
    let r = (-k).mul_add(LN2_HI, x);
    let r = (-k).mul_add(LN2_LO, r);
    // e^r = 1 + (r + r²·p): the small part first, so the last rounding is the only large one.
    let e_r = 1.0 + (r * r).mul_add(exp_series(r), r);
    // k is an integer in [-1023, 0]: its bits sit in the shifter's low mantissa bits.
    let k_bits = shifted.to_bits().wrapping_sub(ROUNDING_SHIFTER.to_bits());
    let scale = f64::from_bits(k_bits.wrapping_add(1023) << 52);
    e_r * scale
}

/// `p(r)` with `e^r = 1 + r + r²·p(r)` for `|r| <= ln2/2`: a degree-9 Chebyshev fit of
/// `(e^r - 1 - r)/r²` (mpmath `chebyfit`), within 0.15 ulp of `e^r` over the interval; two
/// multiply-adds fewer than the Taylor series to the same accuracy.
#[inline(always)]
fn exp_series(r: f64) -> f64 {
    let mut p: f64 = 2.510_037_583_256_123_4e-8;
    for c in [
        2.762_007_587_998_336_7e-7,
        2.755_726_848_031_002_4e-6,
        2.480_152_132_236_869_2e-5,
        1.984_126_986_304_054_5e-4,
        1.388_888_891_719_671_9e-3,
        8.333_333_333_330_065e-3,
        4.166_666_666_662_416_4e-2,
        1.666_666_666_666_666_9e-1,
        5.000_000_000_000_001e-1,
    ] {
        p = p.mul_add(r, c);
    }
    p
}

/// `e^z - 1` for `EXP_NORMAL_LIMIT <= z <= 0` as `hi + lo`, to about 0.1 ulp: with
/// `e^z = 2^k·(1 + s)`, it is `(2^k - 1) + 2^k·s`, the first part exact, the second exact but
/// for the rounding of `s = r + r²·p`, which is carried in `lo`.
#[inline(always)]
fn expm1_nonpositive(z: f64) -> (f64, f64) {
    let z = z.max(EXP_NORMAL_LIMIT - 1.0);
    let shifted = z.mul_add(LOG2_E, ROUNDING_SHIFTER);
    let k = shifted - ROUNDING_SHIFTER;
    let r = (-k).mul_add(LN2_HI, z);
    let r = (-k).mul_add(LN2_LO, r);
    let t = (r * r) * exp_series(r);
    let s = r + t;
    let s_low = (r - s) + t;
    let k_bits = shifted.to_bits().wrapping_sub(ROUNDING_SHIFTER.to_bits());
    let scale = f64::from_bits(k_bits.wrapping_add(1023) << 52);
    let a = scale - 1.0;
    let b = scale * s;
    let hi = a + b;
    let b_virtual = hi - a;
    let error = (a - (hi - b_virtual)) + (b - b_virtual);
    (hi, error + scale * s_low)
}

/// `tanh(x)` for `|x| <= 354` as `-m / (2 + m)`, `m = expm1(-2|x|)` to about 0.1 ulp, the
/// roundings of `m` and of `2 + m` carried into one Newton-corrected division.
#[inline(always)]
fn tanh_lane(x: f64) -> f64 {
    let (m, m_low) = expm1_nonpositive(-2.0 * x.abs());
    let (n, n_low) = (-m, -m_low);
    let d = 2.0 + m;
    let d_low = ((2.0 - d) + m) + m_low;
    let inverse = 1.0 / d;
    let q0 = n * inverse;
    let residual = (-q0).mul_add(d, n) + n_low;
    let q = (-q0).mul_add(d_low, residual).mul_add(inverse, q0);
    q.copysign(x)
}

/// An element-wise kernel built on [`exp_nonpositive`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kernel {
    /// `σ(x)`.
    Sigmoid,
    /// `σ'(x) = e/(1+e)²`, `e = e^-|x|`.
    SigmoidDerivative,
    /// `tanh(x)`.
    Tanh,
    /// `tanh'(x) = 4e/(1+e)²`, `e = e^-2|x|`.
    TanhDerivative,
    /// `x·σ(x)`.
    Silu,
    /// `σ(x)·(1 + x·σ(-x))`.
    SiluDerivative,
    /// `σ(βx)`, the rounding of `βx` carried.
    SoftplusDerivative(f64),
}

impl Kernel {
    /// The scalar form, for lanes the vector form does not serve and for CPUs without FMA.
    fn scalar(self, x: f64) -> f64 {
        match self {
            Kernel::Sigmoid => activation::sigmoid(x),
            Kernel::SigmoidDerivative => activation::sigmoid_derivative(x),
            Kernel::Tanh => x.tanh(),
            Kernel::TanhDerivative => activation::tanh_derivative(x),
            Kernel::Silu => activation::silu(x),
            Kernel::SiluDerivative => activation::silu_derivative(x),
            Kernel::SoftplusDerivative(beta) => activation::softplus_derivative(x, beta),
        }
    }

    /// Whether the vector form serves `x` (false for NaN and where `e^-|x|` is not normal).
    #[inline(always)]
    fn serves(self, x: f64) -> bool {
        let reach = match self {
            Kernel::TanhDerivative | Kernel::Tanh => -EXP_NORMAL_LIMIT / 2.0,
            Kernel::SoftplusDerivative(beta) => -EXP_NORMAL_LIMIT / beta.abs(),
            _ => -EXP_NORMAL_LIMIT,
        };
        x.abs() <= reach
    }

    #[inline(always)]
    fn lane(self, x: f64) -> f64 {
        match self {
            Kernel::Sigmoid => logistic(x, 0.0).0,
            Kernel::SigmoidDerivative => density(exp_nonpositive(-x.abs())),
            Kernel::Tanh => tanh_lane(x),
            Kernel::TanhDerivative => 4.0 * density(exp_nonpositive(-2.0 * x.abs())),
            Kernel::Silu => x * logistic(x, 0.0).0,
            Kernel::SiluDerivative => {
                let (s, s_minus) = logistic(x, 0.0);
                s * x.mul_add(s_minus, 1.0)
            }
            Kernel::SoftplusDerivative(beta) => {
                let z = beta * x;
                logistic(z, beta.mul_add(x, -z)).0
            }
        }
    }
}

/// Applies `kernel` to every element, vectorised where the CPU allows; lanes the vector form
/// does not serve (NaN, far tails) are redone by the scalar form.
///
/// # Panics
/// If `xs` and `out` differ in length.
pub fn map(kernel: Kernel, xs: &[f64], out: &mut [f64]) {
    assert_eq!(xs.len(), out.len(), "input and output lengths differ");
    dispatch!(fn run(kernel: Kernel, xs: &[f64], out: &mut [f64]) -> () {
        // One loop per kernel, so each is vectorised on its own.
        match kernel {
            Kernel::Sigmoid => map_lanes(Kernel::Sigmoid, xs, out),
            Kernel::SigmoidDerivative => map_lanes(Kernel::SigmoidDerivative, xs, out),
            Kernel::Tanh => map_lanes(Kernel::Tanh, xs, out),
            Kernel::TanhDerivative => map_lanes(Kernel::TanhDerivative, xs, out),
            Kernel::Silu => map_lanes(Kernel::Silu, xs, out),
            Kernel::SiluDerivative => map_lanes(Kernel::SiluDerivative, xs, out),
            Kernel::SoftplusDerivative(beta) => {
                map_lanes(Kernel::SoftplusDerivative(beta), xs, out);
            }
        }
    } else {
        for (o, &x) in out.iter_mut().zip(xs) {
            *o = kernel.scalar(x);
        }
    });
}

#[inline(always)]
fn map_lanes(kernel: Kernel, xs: &[f64], out: &mut [f64]) {
    let mut unusual = false;
    for (o, &x) in out.iter_mut().zip(xs) {
        *o = kernel.lane(x);
        unusual |= !kernel.serves(x);
    }
    // Only then: a fix-up loop left to the vectoriser would call libm for every lane.
    if unusual {
        finish(kernel, xs, out);
    }
}

#[inline(never)]
fn finish(kernel: Kernel, xs: &[f64], out: &mut [f64]) {
    for (o, &x) in out.iter_mut().zip(xs) {
        if !kernel.serves(x) {
            *o = kernel.scalar(x);
        }
    }
}

/// `(σ(z + c), σ(-(z + c)))` for a small correction `c`, from one exponential and one division:
/// `e = e^-|z|·(1 ∓ c)`, `d = 1 + e` (its rounding kept in `d_low`), then `1/d` and `e/d` by the
/// reciprocal and one Newton step that also folds in `d_low`.
#[inline(always)]
fn logistic(z: f64, c: f64) -> (f64, f64) {
    let e = exp_nonpositive(-z.abs());
    let positive = z >= 0.0;
    let e = if positive {
        (-e).mul_add(c, e)
    } else {
        e.mul_add(c, e)
    };
    let d = 1.0 + e;
    let d_low = (1.0 - d) + e;
    let inverse = 1.0 / d;
    let quotient = |numerator: f64| {
        let q0 = numerator * inverse;
        let residual = (-q0).mul_add(d, numerator);
        (-q0).mul_add(d_low, residual).mul_add(inverse, q0)
    };
    let (large, small) = (quotient(1.0), quotient(e));
    if positive {
        (large, small)
    } else {
        (small, large)
    }
}

/// `e/(1+e)²` for `0 <= e <= 1`, the roundings of `1 + e` and of the square carried, one
/// division.
#[inline(always)]
fn density(e: f64) -> f64 {
    let d = 1.0 + e;
    let d_low = (1.0 - d) + e;
    let square = d * d;
    let square_low = d.mul_add(d, -square) + 2.0 * d * d_low;
    let inverse = 1.0 / square;
    let q0 = e * inverse;
    let residual = (-q0).mul_add(square, e);
    (-q0).mul_add(square_low, residual).mul_add(inverse, q0)
}

/// `σ(x)` for every element: [`map`] with [`Kernel::Sigmoid`].
///
/// # Panics
/// If `xs` and `out` differ in length.
pub fn sigmoid(xs: &[f64], out: &mut [f64]) {
    map(Kernel::Sigmoid, xs, out);
}

/// The sum of `e^((x - max)/T)`, each term with the rounding of `x - max` and of `/T` carried,
/// over `LANES` compensated accumulators; terms below the normal range count as 0 (they cannot
/// move a sum that holds the maximum's 1). Stores the terms in `out` when given, and says whether
/// any term was below the normal range.
#[inline(always)]
fn exp_terms<const UNIT: bool, const TINY: bool>(
    xs: &[f64],
    max: f64,
    t: f64,
    inverse_t: f64,
    out: Option<&mut [f64]>,
) -> (f64, f64) {
    // Each lane starts at 1, so its sum is never smaller than a term (every term is <= 1) and
    // Fast2Sum captures each addition's rounding exactly; the 1s come off at the end.
    let mut sums = [1.0; LANES];
    let mut compensations = [0.0; LANES];
    let mut add = |lane: usize, x: f64| -> f64 {
        let term = exp_term::<UNIT, TINY>(x, max, t, inverse_t);
        let s = sums[lane];
        let total = s + term;
        compensations[lane] += (s - total) + term;
        sums[lane] = total;
        term
    };
    let chunks = xs.len() / LANES * LANES;
    if let Some(out) = out {
        for (o, x) in out[..chunks]
            .chunks_exact_mut(LANES)
            .zip(xs[..chunks].chunks_exact(LANES))
        {
            for (lane, (o, &v)) in o.iter_mut().zip(x).enumerate() {
                *o = add(lane, v);
            }
        }
        for (lane, (o, &x)) in out[chunks..].iter_mut().zip(&xs[chunks..]).enumerate() {
            *o = add(lane, x);
        }
    } else {
        for x in xs[..chunks].chunks_exact(LANES) {
            for (lane, &v) in x.iter().enumerate() {
                add(lane, v);
            }
        }
        for (lane, &x) in xs[chunks..].iter().enumerate() {
            add(lane, x);
        }
    }
    let mut total = (0.0, 0.0);
    for lane in 0..LANES {
        total = two_sum_add(total, sums[lane]);
        total = two_sum_add(total, -1.0);
        total.1 += compensations[lane];
    }
    let hi = total.0 + total.1;
    (hi, (total.0 - hi) + total.1)
}

/// `(hi, lo) + value`, keeping what rounding drops in `lo`.
#[inline(always)]
fn two_sum_add((hi, lo): (f64, f64), value: f64) -> (f64, f64) {
    let sum = hi + value;
    let virtual_value = sum - hi;
    let error = (hi - (sum - virtual_value)) + (value - virtual_value);
    (sum, lo + error)
}

/// `(x - max)/T` as a rounded value and its correction.
#[inline(always)]
fn exponent<const UNIT: bool>(x: f64, max: f64, t: f64, inverse_t: f64) -> (f64, f64) {
    let d = x - max;
    let b_virtual = x - d;
    let a_virtual = d + b_virtual;
    let error = (x - a_virtual) + (b_virtual - max);
    if UNIT {
        (d, error)
    } else {
        let q = d * inverse_t;
        let remainder = (-q).mul_add(t, d);
        let correction = (remainder + error) * inverse_t;
        // A tiny T can send q to -inf; its correction is then meaningless (inf - inf).
        (q, if q.is_finite() { correction } else { 0.0 })
    }
}

/// One term. With `TINY` (some exponent may fall below the normal range) such terms read 0;
/// without, the clamp and the test are left out.
#[inline(always)]
fn exp_term<const UNIT: bool, const TINY: bool>(x: f64, max: f64, t: f64, inverse_t: f64) -> f64 {
    let (q, c) = exponent::<UNIT>(x, max, t, inverse_t);
    if TINY {
        let e = exp_nonpositive(q);
        let corrected = e.mul_add(c, e);
        if q >= EXP_NORMAL_LIMIT {
            corrected
        } else {
            0.0
        }
    } else {
        let e = exp_in_range(q);
        e.mul_add(c, e)
    }
}

/// [`exp_terms`] instantiated for `T = 1` or not, and terms below the normal range or not.
#[inline(always)]
fn exp_terms_for(
    xs: &[f64],
    max: f64,
    t: f64,
    inverse_t: f64,
    tiny: bool,
    out: Option<&mut [f64]>,
) -> (f64, f64) {
    match (t == 1.0, tiny) {
        (true, false) => exp_terms::<true, false>(xs, max, t, inverse_t, out),
        (true, true) => exp_terms::<true, true>(xs, max, t, inverse_t, out),
        (false, false) => exp_terms::<false, false>(xs, max, t, inverse_t, out),
        (false, true) => exp_terms::<false, true>(xs, max, t, inverse_t, out),
    }
}

/// The largest and smallest element, or `None` when some element is not finite.
fn extremes(xs: &[f64]) -> Option<(f64, f64)> {
    let mut max = [f64::NEG_INFINITY; LANES];
    let mut min = [f64::INFINITY; LANES];
    let mut finite = true;
    for (i, &x) in xs.iter().enumerate() {
        let lane = i % LANES;
        max[lane] = if x > max[lane] { x } else { max[lane] };
        min[lane] = if x < min[lane] { x } else { min[lane] };
        finite &= x.is_finite();
    }
    let max = max.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let min = min.iter().copied().fold(f64::INFINITY, f64::min);
    (finite && !xs.is_empty()).then_some((max, min))
}

/// Whether the fast path applies, and then `(max, min, 1/T)`: finite input whose spread
/// `max - min` is finite, and a temperature whose reciprocal is finite.
fn fast_inputs(xs: &[f64], t: f64) -> Option<(f64, f64, f64)> {
    if level() == Level::Scalar || t.is_nan() || t <= 0.0 {
        return None;
    }
    let (max, min) = extremes(xs)?;
    let inverse_t = 1.0 / t;
    ((min - max).is_finite() && inverse_t.is_finite()).then_some((max, min, inverse_t))
}

/// Softmax over `xs` at temperature `t > 0` into `out`; `false` (nothing written) when the input
/// needs the scalar path (no FMA, a non-finite element or spread, `T = 0`).
///
/// # Panics
/// If `xs` and `out` differ in length.
pub fn softmax(xs: &[f64], t: f64, out: &mut [f64]) -> bool {
    assert_eq!(xs.len(), out.len(), "input and output lengths differ");
    let Some((max, min, inverse_t)) = fast_inputs(xs, t) else {
        return false;
    };
    // Whether some term falls below the normal range, as exp_term decides it.
    let tiny = (min - max) * inverse_t < EXP_NORMAL_LIMIT;
    dispatch!(fn run(xs: &[f64], max: f64, t: f64, inverse_t: f64, tiny: bool, out: &mut [f64]) -> () {
        let (total, total_low) = exp_terms_for(xs, max, t, inverse_t, tiny, Some(out));
        normalise(out, total, total_low);
        if tiny {
            finish_softmax(xs, max, t, inverse_t, out, total);
        }
    } else {
        unreachable!("fast_inputs refuses the scalar level")
    });
    true
}

/// `out_i /= total + total_low` by one reciprocal, its rounding and `total_low` folded back.
#[inline(always)]
fn normalise(out: &mut [f64], total: f64, total_low: f64) {
    let inverse = 1.0 / total;
    let residual = (-total).mul_add(inverse, 1.0);
    let correction = residual - total_low * inverse;
    for o in out.iter_mut() {
        let p = *o * inverse;
        *o = p.mul_add(correction, p);
    }
}

/// Terms that fell below the normal range were stored as 0; the scalar code gives them their
/// (subnormal) value.
#[inline(never)]
fn finish_softmax(xs: &[f64], max: f64, t: f64, inverse_t: f64, out: &mut [f64], total: f64) {
    for (o, &x) in out.iter_mut().zip(xs) {
        // As exp_term decides (for T = 1, inverse_t is exactly 1).
        if (x - max) * inverse_t < EXP_NORMAL_LIMIT {
            *o = super::softmax::tiny_probability(x, max, t, total);
        }
    }
}

/// `Σ_j e^((x_j - max)/T)` as `hi + lo` (the maximum's own term, exactly 1, included), or
/// `None` when the input needs the scalar path.
pub(crate) fn exp_sum(xs: &[f64], t: f64) -> Option<(f64, f64)> {
    let (max, min, inverse_t) = fast_inputs(xs, t)?;
    let tiny = (min - max) * inverse_t < EXP_NORMAL_LIMIT;
    Some(
        dispatch!(fn run(xs: &[f64], max: f64, t: f64, inverse_t: f64, tiny: bool) -> (f64, f64) {
            exp_terms_for(xs, max, t, inverse_t, tiny, None)
        } else {
            unreachable!("fast_inputs refuses the scalar level")
        }),
    )
}

/// Log-softmax over `xs` at temperature `t > 0` into `out`: `(x_i - max)/T - ln(Σ)`, with `Σ`
/// summed here and the logarithm taken as `ln_1p(Σ - 1)`; `false` when the scalar path is needed.
///
/// # Panics
/// If `xs` and `out` differ in length.
pub fn log_softmax(xs: &[f64], t: f64, out: &mut [f64]) -> bool {
    assert_eq!(xs.len(), out.len(), "input and output lengths differ");
    let Some((max, min, inverse_t)) = fast_inputs(xs, t) else {
        return false;
    };
    let tiny = (min - max) * inverse_t < EXP_NORMAL_LIMIT;
    dispatch!(fn run(xs: &[f64], max: f64, t: f64, inverse_t: f64, tiny: bool, out: &mut [f64]) -> () {
        let (total, total_low) = exp_terms_for(xs, max, t, inverse_t, tiny, None);
        // The maximum's own term is exactly 1; the rest is what ln_1p needs.
        let log_total = ((total - 1.0) + total_low).ln_1p();
        if t == 1.0 {
            log_terms::<true>(xs, max, t, inverse_t, log_total, out);
        } else {
            log_terms::<false>(xs, max, t, inverse_t, log_total, out);
        }
    } else {
        unreachable!("fast_inputs refuses the scalar level")
    });
    true
}

#[inline(always)]
fn log_terms<const UNIT: bool>(
    xs: &[f64],
    max: f64,
    t: f64,
    inverse_t: f64,
    log_total: f64,
    out: &mut [f64],
) {
    for (o, &x) in out.iter_mut().zip(xs) {
        let (q, c) = exponent::<UNIT>(x, max, t, inverse_t);
        *o = (q - log_total) + c;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance in ulp of the reference.
    fn ulps(got: f64, want: f64) -> f64 {
        (got - want).abs() / (want.abs().next_up() - want.abs())
    }

    #[test]
    fn exp_is_within_an_ulp_of_libm() {
        if level() == Level::Scalar {
            return;
        }
        let worst = dispatch!(fn run() -> f64 {
            let mut worst: f64 = 0.0;
            let mut x = 0.0;
            while x > EXP_NORMAL_LIMIT {
                worst = worst.max(ulps(exp_nonpositive(x), x.exp()));
                x -= 0.001_234_567;
            }
            worst
        } else { 0.0 });
        // Both are within ~0.5 ulp of exact, so within ~1 of each other.
        assert!(worst <= 1.0, "worst {worst} ulp");
    }

    #[test]
    fn sigmoid_matches_the_scalar_form_closely() {
        let xs: Vec<f64> = (-20_000..20_000).map(|i| f64::from(i) * 0.0371).collect();
        let mut fast = vec![0.0; xs.len()];
        sigmoid(&xs, &mut fast);
        for (&x, &y) in xs.iter().zip(&fast) {
            let want = activation::sigmoid(x);
            assert!(ulps(y, want) <= 2.0, "σ({x}) = {y}, scalar {want}");
        }
        for kernel in [
            Kernel::Tanh,
            Kernel::SigmoidDerivative,
            Kernel::TanhDerivative,
            Kernel::Silu,
            Kernel::SoftplusDerivative(2.5),
        ] {
            map(kernel, &xs, &mut fast);
            for (&x, &y) in xs.iter().zip(&fast) {
                let want = kernel.scalar(x);
                assert!(
                    ulps(y, want) <= 3.0 || want.abs() < 1e-300,
                    "{kernel:?}({x}) = {y}, scalar {want}"
                );
            }
        }
        let edge = [
            f64::NAN,
            710.0,
            -710.0,
            -745.5,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -0.0,
        ];
        let mut out = [0.0; 7];
        sigmoid(&edge, &mut out);
        assert!(out[0].is_nan());
        assert_eq!(
            &out[1..],
            &[1.0, activation::sigmoid(-710.0), 0.0, 1.0, 0.0, 0.5]
        );
    }
}
