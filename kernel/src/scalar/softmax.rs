//! The pieces softmax is built from, one element or one pass at a time.
//!
//! The tempered exponent `(x - m)/T` with its rounding error, `e^(q + c)`, a compensated sum, and
//! the shape of a slice seen from its maximum. The public API in
//! [`crate::softmax`](mod@crate::softmax) and the SIMD passes use them.

use crate::eft::two_sum;

/// `exp((x - max)/T) / total` for a term below the normal range, by the scalar route.
pub(crate) fn tiny_probability(x: f64, max: f64, t: f64, total: f64) -> f64 {
    let (q, c) = tempered_exponent(x, max, t);
    corrected_exp(q, c) / total
}

/// The tempered exponent `(x - m) / T` as a rounded value and its (small) correction.
///
/// When `x - m` overflows (`x = -1e308`, `m = 1e308`) while `(x - m)/T` need not (`T = 1e300`:
/// -2e8), the halves `x/2 - m/2` (exact: both are then large) are divided and the quotient
/// doubled.
pub(crate) fn tempered_exponent(x: f64, m: f64, t: f64) -> (f64, f64) {
    if !x.is_finite() || !m.is_finite() {
        return (x - m, 0.0);
    }
    let (d, err) = two_sum(x, -m);
    let (d, err, scale) = if d.is_finite() {
        (d, err, 1.0)
    } else {
        let (half, half_err) = two_sum(0.5 * x, -0.5 * m);
        (half, half_err, 2.0)
    };
    if t == 1.0 {
        return (scale * d, scale * err);
    }
    let q = d / t;
    if !q.is_finite() {
        return (q, 0.0);
    }
    let remainder = (-q).mul_add(t, d);
    (scale * q, scale * ((remainder + err) / t))
}

/// `exp(q + c)` for a small correction `c`, as `e^q·(1 + c)`.
pub(crate) fn corrected_exp(q: f64, c: f64) -> f64 {
    let e = q.exp();
    if e == 0.0 { 0.0 } else { e.mul_add(c, e) }
}

/// Neumaier's compensated sum.
#[derive(Default)]
pub(crate) struct CompensatedSum {
    sum: f64,
    compensation: f64,
}

impl CompensatedSum {
    pub(crate) fn add(&mut self, value: f64) {
        let t = self.sum + value;
        if self.sum.abs() >= value.abs() {
            self.compensation += (self.sum - t) + value;
        } else {
            self.compensation += (value - t) + self.sum;
        }
        self.sum = t;
    }

    pub(crate) fn total(&self) -> f64 {
        self.sum + self.compensation
    }
}

/// What the slice looks like from its maximum.
pub(crate) enum Shape {
    /// Empty input.
    Empty,
    /// Some element is NaN, or every element is `-inf`: the result is undefined.
    Undefined,
    /// `k` elements share the maximum and the result is the one-hot (argmax) limit: `T = 0` or
    /// the maximum is `+inf`.
    OneHot { max: f64, ties: usize },
    /// The general case: the maximum `max` is finite, first reached at `argmax`.
    Finite { max: f64, argmax: usize },
}

pub(crate) fn shape(xs: &[f64], t: f64) -> Shape {
    if xs.is_empty() {
        return Shape::Empty;
    }
    let mut max = f64::NEG_INFINITY;
    let mut argmax = 0;
    let mut ties = 0;
    for (i, &x) in xs.iter().enumerate() {
        if x.is_nan() {
            return Shape::Undefined;
        }
        if x > max {
            max = x;
            argmax = i;
            ties = 1;
        } else if x == max {
            ties += 1;
        }
    }
    if max == f64::NEG_INFINITY {
        Shape::Undefined
    } else if t == 0.0 || max == f64::INFINITY {
        Shape::OneHot { max, ties }
    } else {
        Shape::Finite { max, argmax }
    }
}

/// `Σ_{j != argmax} exp((x_j - m) / T)`: the sum of every term but the maximum's (which is 1).
pub(crate) fn sum_of_others(xs: &[f64], max: f64, argmax: usize, t: f64) -> f64 {
    let mut sum = CompensatedSum::default();
    for (j, &x) in xs.iter().enumerate() {
        if j != argmax {
            let (q, c) = tempered_exponent(x, max, t);
            sum.add(corrected_exp(q, c));
        }
    }
    sum.total()
}
