//! Softmax, log-softmax and logsumexp over slices, with a temperature.
//!
//! `softmax(x, T)_i = exp((x_i - m) / T) / Σ_j exp((x_j - m) / T)` with `m = max x`. Subtracting the
//! maximum keeps every exponent `<= 0`, so nothing overflows; the rounding error of `x_i - m` (and
//! of the division by `T`) is carried into the exponential, and the sum is compensated, so each
//! probability is within a few ulp of exact. `T = 0` is the limit `T -> 0+`: one-hot on the maximum,
//! ties split evenly. The textbook [`naive_softmax`] is kept on purpose: it overflows.

use std::fmt;

use crate::double_double::DoubleDouble;
use crate::scalar::logistic::sigmoid_of_sum;
use crate::scalar::softmax::{
    CompensatedSum, Shape, corrected_exp, shape, sum_of_others, tempered_exponent,
};
use crate::simd::{self, Level};

/// A temperature that is negative, infinite or NaN.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TemperatureError(pub f64);

impl fmt::Display for TemperatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "temperature must be a finite number >= 0 (0 means argmax), got {}",
            self.0
        )
    }
}

impl std::error::Error for TemperatureError {}

/// A softmax temperature: finite and `>= 0`, valid by construction (`0` is the argmax limit).
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Temperature(f64);

impl Temperature {
    /// `T = 1`: the plain softmax.
    pub const ONE: Temperature = Temperature(1.0);
    /// `T = 0`: the limit `T -> 0+`, one-hot on the maximum.
    pub const ARGMAX: Temperature = Temperature(0.0);

    /// `t` as a temperature (`-0` reads as `0`).
    ///
    /// # Errors
    /// [`TemperatureError`] when `t` is negative, infinite or NaN.
    pub fn new(t: f64) -> Result<Temperature, TemperatureError> {
        if t.is_finite() && t >= 0.0 {
            Ok(Temperature(t + 0.0))
        } else {
            Err(TemperatureError(t))
        }
    }

    /// Its value.
    #[must_use]
    pub fn get(self) -> f64 {
        self.0
    }

    /// Whether it is the argmax limit `T = 0`.
    #[must_use]
    pub fn is_argmax(self) -> bool {
        self.0 == 0.0
    }
}

impl Default for Temperature {
    fn default() -> Temperature {
        Temperature::ONE
    }
}

/// From this length on, the vector kernels take over (below it, detection and setup cost more
/// than they save).
const VECTOR_MIN_LEN: usize = 16;

/// Softmax with temperature: `out_i = exp((x_i - m)/T) / Σ_j exp((x_j - m)/T)`, `m = max x`.
///
/// `T = 0` gives the one-hot limit (ties split evenly). A NaN anywhere, or every element `-inf`,
/// makes every output NaN.
///
/// Long slices run on the SIMD `level`.
///
/// # Panics
/// If `xs` and `out` differ in length.
pub fn softmax(level: Level, xs: &[f64], t: Temperature, out: &mut [f64]) {
    assert_eq!(xs.len(), out.len(), "input and output lengths differ");
    let t = t.get();
    if xs.len() >= VECTOR_MIN_LEN && simd::softmax(level, xs, t, out) {
        return;
    }
    match shape(xs, t) {
        Shape::Empty => {}
        Shape::Undefined => out.fill(f64::NAN),
        Shape::OneHot { max, ties } => {
            let share = 1.0 / ties as f64;
            for (o, &x) in out.iter_mut().zip(xs) {
                *o = if x == max { share } else { 0.0 };
            }
        }
        Shape::Finite { max, argmax } => {
            let others = sum_of_others(xs, max, argmax, t);
            let total = 1.0 + others;
            // The rounding error of 1 + others, folded back into the division.
            let total_error = (1.0 - total) + others;
            for (o, &x) in out.iter_mut().zip(xs) {
                let (q, c) = tempered_exponent(x, max, t);
                let p = corrected_exp(q, c) / total;
                *o = p - p * (total_error / total);
            }
        }
    }
}

/// Log-softmax with temperature: `out_i = (x_i - m)/T - ln(1 + Σ_{j != argmax} exp((x_j - m)/T))`.
///
/// Written with `ln_1p` of the other terms so the entry nearest zero keeps its digits
/// (`log_softmax([30, -10])_0 = -4.25e-18`, where `x - m - ln(Σ)` gives 0). `T = 0` gives `-ln k`
/// on the `k` maxima and `-inf` elsewhere.
///
/// Long slices run on the SIMD `level`.
///
/// # Panics
/// If `xs` and `out` differ in length.
pub fn log_softmax(level: Level, xs: &[f64], t: Temperature, out: &mut [f64]) {
    assert_eq!(xs.len(), out.len(), "input and output lengths differ");
    let t = t.get();
    if xs.len() >= VECTOR_MIN_LEN && simd::log_softmax(level, xs, t, out) {
        return;
    }
    match shape(xs, t) {
        Shape::Empty => {}
        Shape::Undefined => out.fill(f64::NAN),
        Shape::OneHot { max, ties } => {
            // `+ 0.0`: one maximum gives log 1 = +0, not -0.
            let log_share = -(ties as f64).ln() + 0.0;
            for (o, &x) in out.iter_mut().zip(xs) {
                *o = if x == max {
                    log_share
                } else {
                    f64::NEG_INFINITY
                };
            }
        }
        Shape::Finite { max, argmax } => {
            let log_total = sum_of_others(xs, max, argmax, t).ln_1p();
            for (o, &x) in out.iter_mut().zip(xs) {
                let (q, c) = tempered_exponent(x, max, t);
                *o = (q - log_total) + c;
            }
        }
    }
}

/// `ln Σ exp(x_i / T) = m/T + ln(1 + Σ_{j != argmax} exp((x_j - m)/T))`: the log-normaliser of
/// the tempered logits, so that `log_softmax = x/T - logsumexp`. At `T = 0` it is the limit
/// `T -> 0+` of `m/T + ln k` (`k` tied maxima): `+inf` for `m > 0`, `-inf` for `m < 0`, `ln k`
/// for `m = 0`; where `m/T` overflows (a tiny `T`) it is that infinity.
///
/// The two parts can cancel (`logsumexp([-0.5442, -0.8774]) = -0.0038387658431514406`, from
/// parts -0.5442 and 0.5403612341568486): when they do (and at `T != 1`) they are computed in
/// double-double arithmetic and rounded once, so the result is within about 1 ulp everywhere;
/// otherwise the `f64` sum, vectorised for long slices, is exact enough.
///
/// Empty input gives `-inf`, NaN anywhere gives NaN. Long slices run on the SIMD `level`.
#[must_use]
pub fn logsumexp(level: Level, xs: &[f64], t: Temperature) -> f64 {
    let t = t.get();
    // At T = 1 a long finite slice goes straight to the vector sum (which finds the maximum
    // itself): exact enough unless the two parts cancel (the result is then smaller than half
    // the maximum), and that is rare.
    if t == 1.0
        && xs.len() >= VECTOR_MIN_LEN
        && let Some((max, total, total_low)) = simd::exp_sum(level, xs, t)
    {
        let result = max + ((total - 1.0) + total_low).ln_1p();
        if result.abs() >= 0.5 * max.abs() {
            return result;
        }
    }
    match shape(xs, t) {
        Shape::Empty => f64::NEG_INFINITY,
        Shape::Undefined => f64::NAN,
        Shape::OneHot { max, ties } => {
            if max == 0.0 {
                (ties as f64).ln()
            } else if t == 0.0 {
                max.signum() * f64::INFINITY
            } else {
                // max = +inf.
                max
            }
        }
        Shape::Finite { max, argmax } => {
            // At T = 1, in f64 first (short slices, or the scalar level).
            if t == 1.0 {
                let others = sum_of_others(xs, max, argmax, t);
                let result = max + others.ln_1p();
                if result.abs() >= 0.5 * max.abs() {
                    return result;
                }
            }
            let mut others = DoubleDouble::from_f64(0.0);
            for (j, &x) in xs.iter().enumerate() {
                if j != argmax {
                    let (q, c) = tempered_exponent(x, max, t);
                    if q.is_finite() {
                        others = others.add(
                            DoubleDouble::from_f64(q)
                                .add(DoubleDouble::from_f64(c))
                                .exp(),
                        );
                    }
                }
            }
            if !(max / t).is_finite() {
                // m/T overflows (a tiny T); ln(1 + others) <= ln n cannot bring it back.
                return max / t;
            }
            let scaled_max = DoubleDouble::from_f64(max).div(t);
            scaled_max.add(others.ln_1p()).to_f64()
        }
    }
}

/// The textbook `exp(x_i/T) / Σ_j exp(x_j/T)`, kept on purpose to show how it fails: any
/// `x/T > 709.78` overflows `exp` to `inf` and the quotient becomes `inf/inf = NaN`, and very
/// negative inputs underflow to `0/0 = NaN`.
///
/// # Panics
/// If `xs` and `out` differ in length.
pub fn naive_softmax(xs: &[f64], t: Temperature, out: &mut [f64]) {
    naive_softmax_on(Level::best(), xs, t, out);
}

/// The textbook `exp(x_i/T) / Σ_j exp(x_j/T)` ([`naive_softmax`]) on the SIMD `level`: long
/// slices whose every `x/T` is within ±708 (no overflow or underflow to show) run vectorised, over
/// 16 partial sums.
///
/// # Panics
/// If `xs` and `out` differ in length.
pub fn naive_softmax_on(level: Level, xs: &[f64], t: Temperature, out: &mut [f64]) {
    assert_eq!(xs.len(), out.len(), "input and output lengths differ");
    let t = t.get();
    if xs.len() >= VECTOR_MIN_LEN && simd::naive_softmax(level, xs, t, out) {
        return;
    }
    let mut sum = 0.0;
    for (o, &x) in out.iter_mut().zip(xs) {
        *o = (x / t).exp();
        sum += *o;
    }
    for o in out.iter_mut() {
        *o /= sum;
    }
}

/// The softmax Jacobian `J_ij = ∂p_i/∂x_j = p_i(δ_ij - p_j)` (row-major, `n × n`), from the
/// probabilities; divide by `T` for a tempered softmax.
#[must_use]
pub fn softmax_jacobian(probabilities: &[f64]) -> Vec<f64> {
    let n = probabilities.len();
    let mut jacobian = Vec::with_capacity(n * n);
    for (i, &pi) in probabilities.iter().enumerate() {
        for (j, &pj) in probabilities.iter().enumerate() {
            // p_i(1 - p_j) on the diagonal, computed as p_i·(sum of the others) would need them
            // all; 1 - p_j loses nothing while p_j <= 1/2 and little above.
            jacobian.push(if i == j { pi * (1.0 - pj) } else { -pi * pj });
        }
    }
    jacobian
}

/// The block of the softmax Jacobian for the elements `indices` (row-major, `k × k` for `k`
/// indices): `J[a][b] = p_i(δ_ij - p_j)` with `i = indices[a]`, `j = indices[b]`. A long vector's
/// Jacobian has `n²` entries; this computes only the ones shown.
#[must_use]
pub fn softmax_jacobian_block(probabilities: &[f64], indices: &[usize]) -> Vec<f64> {
    let mut block = Vec::with_capacity(indices.len() * indices.len());
    for &i in indices {
        let pi = probabilities[i];
        for &j in indices {
            let pj = probabilities[j];
            block.push(if i == j { pi * (1.0 - pj) } else { -pi * pj });
        }
    }
    block
}

/// Index of the first largest value, NaN never winning (0 for an empty or all-NaN slice).
#[must_use]
pub fn argmax(values: &[f64]) -> usize {
    let mut best: Option<(usize, f64)> = None;
    for (i, &v) in values.iter().enumerate() {
        if !v.is_nan() && best.is_none_or(|(_, b)| v > b) {
            best = Some((i, v));
        }
    }
    best.map_or(0, |(i, _)| i)
}

/// The gradient of the cross-entropy against the one-hot `target` with respect to the tempered
/// logits `x/T`: `p_i - y_i` (divide by `T` for the gradient in `x`).
#[must_use]
pub fn cross_entropy_gradient(probabilities: &[f64], target: usize) -> Vec<f64> {
    probabilities
        .iter()
        .enumerate()
        .map(|(i, &p)| if i == target { p - 1.0 } else { p })
        .collect()
}

/// With two logits softmax is a sigmoid of their difference: `p0 = σ((x0 - x1)/T)`, the
/// difference tempered as [`softmax`] does it (its rounding carried, no overflow of `x0 - x1`
/// where the quotient is finite). Like [`softmax`], `T = 0` is the one-hot limit and equal
/// logits (infinite ones too) split evenly: 0.5.
#[must_use]
pub fn two_way_softmax(x0: f64, x1: f64, t: Temperature) -> f64 {
    let t = t.get();
    if x0 == x1 {
        return 0.5;
    }
    if t == 0.0 {
        return if x0 > x1 {
            1.0
        } else if x0 < x1 {
            0.0
        } else {
            f64::NAN
        };
    }
    let (q, c) = tempered_exponent(x0, x1, t);
    sigmoid_of_sum(q, c)
}

/// Cross-entropy of the probabilities against the one-hot target `t`: `-log p_t`, from the
/// log-probabilities (exact where `p_t` underflows).
#[must_use]
pub fn cross_entropy(log_probabilities: &[f64], target: usize) -> f64 {
    -log_probabilities[target]
}

/// `Σ values` with Neumaier's compensation: the exact sum, rounded about once.
#[must_use]
pub fn compensated_sum(values: &[f64]) -> f64 {
    let mut sum = CompensatedSum::default();
    for &v in values {
        sum.add(v);
    }
    sum.total()
}

/// Shannon entropy `H(p) = -Σ p_i·ln p_i` in nats, from probabilities and their logarithms
/// (`0·ln 0 = 0`).
#[must_use]
pub fn entropy(probabilities: &[f64], log_probabilities: &[f64]) -> f64 {
    let mut sum = CompensatedSum::default();
    for (&p, &lp) in probabilities.iter().zip(log_probabilities) {
        if p > 0.0 {
            sum.add(-p * lp);
        }
    }
    sum.total()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temperature(t: f64) -> Temperature {
        Temperature::new(t).unwrap()
    }

    fn softmax_vec(xs: &[f64], t: f64) -> Vec<f64> {
        let mut out = vec![0.0; xs.len()];
        softmax(Level::best(), xs, temperature(t), &mut out);
        out
    }

    fn log_softmax_vec(xs: &[f64], t: f64) -> Vec<f64> {
        let mut out = vec![0.0; xs.len()];
        log_softmax(Level::best(), xs, temperature(t), &mut out);
        out
    }

    #[test]
    fn the_design_example() {
        let p = softmax_vec(&[1.2, 0.9, 0.4], 1.0);
        let percent: Vec<String> = p.iter().map(|p| format!("{:.2}", p * 100.0)).collect();
        assert_eq!(percent, ["45.66", "33.83", "20.52"]);
    }

    #[test]
    fn large_logits_do_not_overflow_but_naive_does() {
        let xs = [900.0, 1000.0, 1000.0];
        let p = softmax_vec(&xs, 1.0);
        assert_eq!(&p[1..], &[0.5, 0.5]);
        assert!(p[0] > 1.8e-44 && p[0] < 1.9e-44);
        let mut naive = [0.0; 3];
        naive_softmax(&xs, Temperature::ONE, &mut naive);
        assert!(naive.iter().all(|v| v.is_nan()));
    }

    #[test]
    fn zero_temperature_is_argmax_with_ties_split() {
        assert_eq!(softmax_vec(&[1.0, 3.0, 3.0], 0.0), [0.0, 0.5, 0.5]);
        let lp = log_softmax_vec(&[1.0, 3.0, 2.0], 0.0);
        assert_eq!(lp, [f64::NEG_INFINITY, 0.0, f64::NEG_INFINITY]);
    }

    #[test]
    fn bad_temperatures_are_refused() {
        for t in [-1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(Temperature::new(t).is_err());
        }
        assert_eq!(Temperature::new(-0.0).unwrap().get().to_bits(), 0);
        assert!(Temperature::new(0.0).unwrap().is_argmax());
        assert!(
            TemperatureError(-1.0)
                .to_string()
                .contains("finite number >= 0")
        );
    }

    #[test]
    fn log_softmax_keeps_the_digits_near_zero() {
        let lp = log_softmax_vec(&[30.0, -10.0], 1.0);
        // -ln(1 + e^-40) = -e^-40 (to 1e-35 relative)
        assert_eq!(lp[0], -(-40.0f64).exp());
        assert_eq!(lp[1], -40.0 - (-40.0f64).exp());
    }

    #[test]
    fn undefined_and_infinite_inputs() {
        assert!(
            softmax_vec(&[1.0, f64::NAN], 1.0)
                .iter()
                .all(|p| p.is_nan())
        );
        assert!(
            softmax_vec(&[f64::NEG_INFINITY; 2], 1.0)
                .iter()
                .all(|p| p.is_nan())
        );
        assert_eq!(softmax_vec(&[f64::INFINITY, 1.0], 1.0), [1.0, 0.0]);
        assert_eq!(softmax_vec(&[f64::NEG_INFINITY, 1.0], 1.0), [0.0, 1.0]);
        assert!(softmax_vec(&[], 1.0).is_empty());
        assert_eq!(
            logsumexp(Level::best(), &[], Temperature::ONE),
            f64::NEG_INFINITY
        );
    }

    #[test]
    fn a_jacobian_block_is_the_whole_jacobian_s_entries() {
        let p = [0.1, 0.2, 0.3, 0.4];
        let whole = softmax_jacobian(&p);
        let block = softmax_jacobian_block(&p, &[3, 1]);
        assert_eq!(block, [whole[15], whole[13], whole[7], whole[5]]);
    }

    #[test]
    fn jacobian_rows_sum_to_zero_and_cross_entropy_reads_log_p() {
        let p = softmax_vec(&[1.2, 0.9, 0.4], 1.0);
        let j = softmax_jacobian(&p);
        for row in j.chunks(3) {
            assert!(row.iter().sum::<f64>().abs() < 1e-16);
        }
        assert_eq!(j[0], p[0] * (1.0 - p[0]));
        assert_eq!(j[1], -p[0] * p[1]);
        assert_eq!(cross_entropy(&[-0.5, -1.0], 1), 1.0);
        assert_eq!(cross_entropy_gradient(&[0.25, 0.75], 1), [0.25, -0.25]);
        assert_eq!(argmax(&[1.0, 3.0, 3.0, f64::NAN]), 1);
        assert!(
            (two_way_softmax(0.5, 0.2, Temperature::ONE) - softmax_vec(&[0.5, 0.2], 1.0)[0]).abs()
                < 1e-16
        );
    }

    fn logsumexp_at(xs: &[f64], t: f64) -> f64 {
        logsumexp(Level::best(), xs, temperature(t))
    }

    #[test]
    fn logsumexp_at_zero_temperature_is_the_limit_of_m_over_t_plus_ln_k() {
        assert_eq!(logsumexp_at(&[0.0, 0.0, -1.0], 0.0), 2f64.ln());
        assert_eq!(logsumexp_at(&[-1.0, 0.0], 0.0), 0.0);
        assert_eq!(logsumexp_at(&[1.0, 2.0], 0.0), f64::INFINITY);
        assert_eq!(logsumexp_at(&[-3.0, -2.0], 0.0), f64::NEG_INFINITY);
        assert_eq!(logsumexp_at(&[f64::INFINITY, 1.0], 0.0), f64::INFINITY);
    }

    #[test]
    fn a_tiny_temperature_gives_the_infinite_limit_not_nan() {
        // m/T = 2e320 overflows: +inf (and -inf for a negative maximum); nothing NaN.
        assert_eq!(logsumexp_at(&[1.0, 2.0], 1e-320), f64::INFINITY);
        assert_eq!(logsumexp_at(&[-1.0, -2.0], 1e-320), f64::NEG_INFINITY);
        assert_eq!(logsumexp_at(&[0.0, -2.0], 1e-320), 0.0);
        assert_eq!(softmax_vec(&[1.0, 2.0], 1e-320), [0.0, 1.0]);
        assert_eq!(
            log_softmax_vec(&[1.0, 2.0], 1e-320),
            [f64::NEG_INFINITY, 0.0]
        );
        let long: Vec<f64> = (0..20).map(f64::from).collect();
        for t in [1e-320, 5e-324, 1e-300] {
            assert!(!logsumexp_at(&long, t).is_nan(), "T = {t}");
            assert!(softmax_vec(&long, t).iter().all(|p| !p.is_nan()), "T = {t}");
            assert!(
                log_softmax_vec(&long, t).iter().all(|l| !l.is_nan()),
                "T = {t}"
            );
        }
    }

    #[test]
    fn an_overflowing_difference_divided_by_a_large_temperature_stays_finite() {
        // (x - m)/T with x - m = -2e308 (beyond f64) and T = 1e300: -2e8 (mpmath).
        let xs = [1e308, -1e308, 0.0];
        assert_eq!(log_softmax_vec(&xs, 1e300), [0.0, -2e8, -1e8]);
        assert_eq!(softmax_vec(&xs, 1e300), [1.0, 0.0, 0.0]);
        assert_eq!(logsumexp_at(&xs, 1e300), 1e8);
        // A long slice too (the vector kernels hand a non-finite spread to the scalar path).
        let mut long = vec![0.0; 20];
        long[3] = 1e308;
        long[7] = -1e308;
        let lp = log_softmax_vec(&long, 1e300);
        assert_eq!((lp[3], lp[7], lp[0]), (0.0, -2e8, -1e8));
        // At T = 1 the true value, -2e308, is beyond f64: -inf is its rounding.
        assert_eq!(log_softmax_vec(&xs, 1.0)[1], f64::NEG_INFINITY);
    }

    #[test]
    fn no_output_is_a_negative_zero() {
        for t in [0.0, 1.0, 0.5] {
            for xs in [&[3.0, 1.0][..], &[2.0, 2.0, -1.0], &[0.0], &[-0.0, -5.0]] {
                for v in softmax_vec(xs, t).into_iter().chain(log_softmax_vec(xs, t)) {
                    assert_ne!(v.to_bits(), (-0.0f64).to_bits(), "{xs:?} at T = {t}");
                }
            }
        }
    }

    #[test]
    fn two_way_softmax_has_the_limits_softmax_has() {
        let at = |x0, x1, t| two_way_softmax(x0, x1, temperature(t));
        assert_eq!(at(1.0, 1.0, 0.0), 0.5);
        assert_eq!((at(2.0, 1.0, 0.0), at(1.0, 2.0, 0.0)), (1.0, 0.0));
        assert_eq!(at(1.0, 2.0, 1e-320), 0.0);
        assert_eq!(at(f64::INFINITY, f64::INFINITY, 1.0), 0.5);
        assert_eq!(at(1.0, f64::INFINITY, 1.0), 0.0);
        assert!(at(f64::NAN, 1.0, 1.0).is_nan());
        // (x0 - x1)/T = -2e8 although x0 - x1 overflows: σ(-2e8) = 0, σ(2e8) = 1.
        assert_eq!(at(-1e308, 1e308, 1e300), 0.0);
        assert_eq!(at(1e308, -1e308, 1e300), 1.0);
        // Where both are finite it is the two-element softmax.
        assert!((at(0.5, 0.2, 0.3) - softmax_vec(&[0.5, 0.2], 0.3)[0]).abs() <= 1e-16);
    }

    #[test]
    fn argmax_never_picks_nan() {
        assert_eq!(argmax(&[f64::NAN, 1.0]), 1);
        assert_eq!(argmax(&[1.0, f64::NAN, 3.0, 3.0]), 2);
        assert_eq!(argmax(&[f64::NAN, f64::NAN]), 0);
        assert_eq!(argmax(&[f64::NEG_INFINITY, f64::NAN]), 0);
        assert_eq!(argmax(&[]), 0);
    }

    #[test]
    fn entropy_of_uniform_is_ln_n() {
        let xs = [0.5; 4];
        let p = softmax_vec(&xs, 1.0);
        let lp = log_softmax_vec(&xs, 1.0);
        assert!((entropy(&p, &lp) - 4.0f64.ln()).abs() < 1e-15);
        assert_eq!(entropy(&[1.0, 0.0], &[0.0, f64::NEG_INFINITY]), 0.0);
    }
}
