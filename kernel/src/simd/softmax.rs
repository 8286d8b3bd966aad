//! Softmax, log-softmax and the sum of exponentials over long slices, pass by pass.
//!
//! A pass for the extremes, a pass for the terms (the rounding of `x - max` carried) and their
//! compensated sum over [`LANES`] lanes, then a scaling pass.
#![allow(clippy::inline_always)]

use super::exp::{EXP_NORMAL_LIMIT, LANES, exp_in_range, exp_nonpositive};
use super::{Level, dispatch};
use crate::eft::{fast_two_sum, two_sum};
use crate::scalar::softmax::tiny_probability;

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
        let (total, error) = fast_two_sum(sums[lane], term);
        compensations[lane] += error;
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
    fast_two_sum(total.0, total.1)
}

/// `(hi, lo) + value`, keeping what rounding drops in `lo`.
#[inline(always)]
fn two_sum_add((hi, lo): (f64, f64), value: f64) -> (f64, f64) {
    let (sum, error) = two_sum(hi, value);
    (sum, lo + error)
}

/// `(x - max)/T` as a rounded value and its correction.
#[inline(always)]
fn exponent<const UNIT: bool>(x: f64, max: f64, t: f64, inverse_t: f64) -> (f64, f64) {
    let (d, error) = two_sum(x, -max);
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

/// The largest and smallest element, or `None` when some element is not finite (or there is
/// none), in one vectorised pass: `LANES` running maxima and minima, and `x·0` summed per lane,
/// which is NaN exactly when some `x` is infinite or NaN.
#[inline(always)]
fn extremes_lanes(xs: &[f64]) -> Option<(f64, f64)> {
    let mut max = [f64::NEG_INFINITY; LANES];
    let mut min = [f64::INFINITY; LANES];
    let mut check = [0.0; LANES];
    let chunks = xs.chunks_exact(LANES);
    let rest = chunks.remainder();
    for chunk in chunks {
        for lane in 0..LANES {
            let x = chunk[lane];
            max[lane] = if x > max[lane] { x } else { max[lane] };
            min[lane] = if x < min[lane] { x } else { min[lane] };
            check[lane] = x.mul_add(0.0, check[lane]);
        }
    }
    for (lane, &x) in rest.iter().enumerate() {
        max[lane] = if x > max[lane] { x } else { max[lane] };
        min[lane] = if x < min[lane] { x } else { min[lane] };
        check[lane] = x.mul_add(0.0, check[lane]);
    }
    let max = max.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let min = min.iter().copied().fold(f64::INFINITY, f64::min);
    let finite = check.iter().all(|c| *c == 0.0);
    (finite && !xs.is_empty()).then_some((max, min))
}

/// Whether the fast path applies, and then `(max, min, 1/T)`: finite input whose spread
/// `max - min` is finite, and a temperature whose reciprocal is finite.
fn fast_inputs(level: Level, xs: &[f64], t: f64) -> Option<(f64, f64, f64)> {
    if level == Level::SCALAR || t.is_nan() || t <= 0.0 {
        return None;
    }
    let (max, min) = dispatch!(level, fn run(xs: &[f64]) -> Option<(f64, f64)> {
        extremes_lanes(xs)
    } else {
        unreachable!("the scalar level was refused above")
    })?;
    let inverse_t = 1.0 / t;
    ((min - max).is_finite() && inverse_t.is_finite()).then_some((max, min, inverse_t))
}

/// Softmax over `xs` at temperature `t > 0` into `out`; `false` (nothing written) when the input
/// needs the scalar path (no FMA, a non-finite element or spread, `T = 0`).
///
/// # Panics
/// If `xs` and `out` differ in length.
pub fn softmax(level: Level, xs: &[f64], t: f64, out: &mut [f64]) -> bool {
    assert_eq!(xs.len(), out.len(), "input and output lengths differ");
    let Some((max, min, inverse_t)) = fast_inputs(level, xs, t) else {
        return false;
    };
    // Whether some term falls below the normal range, as exp_term decides it.
    let tiny = (min - max) * inverse_t < EXP_NORMAL_LIMIT;
    dispatch!(level, fn run(xs: &[f64], max: f64, t: f64, inverse_t: f64, tiny: bool, out: &mut [f64]) -> () {
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
            *o = tiny_probability(x, max, t, total);
        }
    }
}

/// `(max, hi, lo)`: the maximum and `Σ_j e^((x_j - max)/T)` as `hi + lo` (the maximum's own
/// term, exactly 1, included), or `None` when the input needs the scalar path.
#[must_use]
pub fn exp_sum(level: Level, xs: &[f64], t: f64) -> Option<(f64, f64, f64)> {
    let (max, min, inverse_t) = fast_inputs(level, xs, t)?;
    let tiny = (min - max) * inverse_t < EXP_NORMAL_LIMIT;
    let (hi, lo) = dispatch!(level, fn run(xs: &[f64], max: f64, t: f64, inverse_t: f64, tiny: bool) -> (f64, f64) {
        exp_terms_for(xs, max, t, inverse_t, tiny, None)
    } else {
        unreachable!("fast_inputs refuses the scalar level")
    });
    Some((max, hi, lo))
}

/// Log-softmax over `xs` at temperature `t > 0` into `out`: `(x_i - max)/T - ln(Σ)`, with `Σ`
/// summed here and the logarithm taken as `ln_1p(Σ - 1)`; `false` when the scalar path is needed.
///
/// # Panics
/// If `xs` and `out` differ in length.
pub fn log_softmax(level: Level, xs: &[f64], t: f64, out: &mut [f64]) -> bool {
    assert_eq!(xs.len(), out.len(), "input and output lengths differ");
    let Some((max, min, inverse_t)) = fast_inputs(level, xs, t) else {
        return false;
    };
    let tiny = (min - max) * inverse_t < EXP_NORMAL_LIMIT;
    dispatch!(level, fn run(xs: &[f64], max: f64, t: f64, inverse_t: f64, tiny: bool, out: &mut [f64]) -> () {
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

/// The textbook softmax `e^(x_i/T) / Σ_j e^(x_j/T)` over `xs` into `out`, vectorised: `false`
/// (nothing meaningful written) when the scalar code must do it — the scalar level, or some
/// `|x/T| > 708`, where its overflow (`inf/inf = NaN`) or underflow is the point. The sum runs
/// over `LANES` accumulators, so it may differ from the scalar one in its last bits.
///
/// # Panics
/// If `xs` and `out` differ in length.
pub fn naive_softmax(level: Level, xs: &[f64], t: f64, out: &mut [f64]) -> bool {
    assert_eq!(xs.len(), out.len(), "input and output lengths differ");
    if level == Level::SCALAR {
        return false;
    }
    dispatch!(level, fn run(xs: &[f64], t: f64, out: &mut [f64]) -> bool {
        let mut sums = [0.0; LANES];
        let mut unusual = false;
        let chunks = xs.len() / LANES * LANES;
        for (o, x) in out[..chunks].chunks_exact_mut(LANES).zip(xs[..chunks].chunks_exact(LANES)) {
            for lane in 0..LANES {
                let q = x[lane] / t;
                let e = exp_in_range(q.clamp(EXP_NORMAL_LIMIT, -EXP_NORMAL_LIMIT));
                let inside = q.abs() <= -EXP_NORMAL_LIMIT;
                unusual |= !inside;
                sums[lane] += e;
                o[lane] = e;
            }
        }
        for (lane, (o, &x)) in out[chunks..].iter_mut().zip(&xs[chunks..]).enumerate() {
            let q = x / t;
            let e = exp_in_range(q.clamp(EXP_NORMAL_LIMIT, -EXP_NORMAL_LIMIT));
            let inside = q.abs() <= -EXP_NORMAL_LIMIT;
            unusual |= !inside;
            sums[lane] += e;
            *o = e;
        }
        if unusual {
            return false;
        }
        let sum: f64 = sums.iter().sum();
        for o in out.iter_mut() {
            *o /= sum;
        }
        true
    } else {
        unreachable!("the scalar level was refused above")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::softmax::Temperature;

    #[test]
    fn the_vector_naive_softmax_leaves_overflow_to_the_scalar_code() {
        let mut xs: Vec<f64> = (0..40).map(|i| f64::from(i) * 0.25 - 5.0).collect();
        let sum: f64 = xs.iter().map(|x| x.exp()).sum();
        let mut out = vec![0.0; xs.len()];
        for level in Level::available() {
            let done = naive_softmax(level, &xs, 1.0, &mut out);
            assert_eq!(done, level != Level::SCALAR, "{}", level.name());
            if done {
                for (&p, &x) in out.iter().zip(&xs) {
                    let want = x.exp() / sum;
                    assert!(
                        (p - want).abs() <= 4.0 * f64::EPSILON * want,
                        "{p} vs {want}"
                    );
                }
            }
        }
        // e^1000 overflows: the textbook's NaN, from the scalar code.
        xs[7] = 1000.0;
        for level in Level::available() {
            assert!(!naive_softmax(level, &xs, 1.0, &mut out));
        }
        crate::softmax::naive_softmax(&xs, Temperature::ONE, &mut out);
        assert!(out[7].is_nan());
    }
}
