//! The exponential-linear lanes: ELU, SELU, CELU and their derivatives, branch-free.
//!
//! The negative side goes through the vectorised `expm1` (a double-double) or `e^x`; a select
//! picks it or the line.
#![allow(clippy::inline_always)]

use super::exp::{EXP_NORMAL_LIMIT, exp_nonpositive, expm1_nonpositive};
use crate::scalar::exponential::{
    CELU_SMALL, SCALE, SCALE_ALPHA, celu_left, celu_small, times, times_sum,
};

/// Whether the exponential lanes serve `x` (every x but those where `e^x` is below the normal
/// range; NaN included: the selects pass it on).
#[inline(always)]
pub(crate) fn serves(x: f64) -> bool {
    x >= EXP_NORMAL_LIMIT || x.is_nan()
}

/// ELU `x if x > 0, else α·expm1(x)`, `expm1` as a double-double.
#[inline(always)]
pub(crate) fn elu(x: f64, alpha: f64) -> f64 {
    let (hi, lo) = expm1_nonpositive(x.min(0.0));
    let left = alpha.mul_add(hi, alpha * lo);
    if x > 0.0 || x.is_nan() { x } else { left }
}

/// ELU' `1 if x > 0, else α·e^x` (for `x >= EXP_NORMAL_LIMIT`).
#[inline(always)]
pub(crate) fn elu_derivative(x: f64, alpha: f64) -> f64 {
    let left = alpha * exp_nonpositive(x.min(0.0));
    if x > 0.0 {
        1.0
    } else if x.is_nan() {
        x
    } else {
        left
    }
}

/// SELU `λx if x > 0, else λα·expm1(x)`, `λα` and `expm1` as double-doubles.
#[inline(always)]
pub(crate) fn selu(x: f64) -> f64 {
    let (hi, lo) = expm1_nonpositive(x.min(0.0));
    // `+ 0.0`: expm1(-0) is -0, and selu(0) is 0.
    let left = times_sum(SCALE_ALPHA, hi, lo) + 0.0;
    if x > 0.0 || x.is_nan() {
        times(SCALE, x)
    } else {
        left
    }
}

/// SELU' `λ if x > 0, else λα·e^x` (for `x >= EXP_NORMAL_LIMIT`); at the kink `x = 0`,
/// PyTorch's `alpha * scale` as [`crate::scalar::selu_derivative`] gives it.
#[inline(always)]
pub(crate) fn selu_derivative(x: f64) -> f64 {
    let left = times(SCALE_ALPHA, exp_nonpositive(x.min(0.0)));
    let left = if x == 0.0 {
        crate::scalar::SELU_ALPHA * crate::scalar::SELU_SCALE
    } else {
        left
    };
    if x > 0.0 {
        SCALE.0
    } else if x.is_nan() {
        x
    } else {
        left
    }
}

/// `x/α` as `q + c` from the reciprocal (no division per element): `c` is the exact remainder
/// `x - q·α` over α.
#[inline(always)]
fn quotient(x: f64, alpha: f64) -> (f64, f64) {
    let inverse = 1.0 / alpha;
    let q = x * inverse;
    (q, (-q).mul_add(alpha, x) * inverse)
}

/// Whether the CELU lanes serve `x` at `alpha`: `α > 0` with a finite reciprocal, and `e^(x/α)`
/// normal (NaN passes through the selects).
#[inline(always)]
pub(crate) fn celu_serves(x: f64, alpha: f64) -> bool {
    alpha > 0.0 && (1.0 / alpha).is_finite() && serves(quotient(x, alpha).0)
}

/// CELU `x if x > 0, else α·expm1(x/α)`, the rounding of `x/α` carried:
/// `expm1(q + c) = expm1(q) + e^q·c` to first order.
#[inline(always)]
pub(crate) fn celu(x: f64, alpha: f64) -> f64 {
    let (q, c) = quotient(x, alpha);
    let (hi, lo) = expm1_nonpositive(q.min(0.0));
    let left = celu_left(alpha, hi, lo, c);
    let small = celu_small(x, q);
    if x > 0.0 || x.is_nan() {
        x
    } else if q.abs() < CELU_SMALL {
        small
    } else {
        left
    }
}

/// CELU' `1 if x > 0, else e^(x/α)`, the rounding of `x/α` carried.
#[inline(always)]
pub(crate) fn celu_derivative(x: f64, alpha: f64) -> f64 {
    let (q, c) = quotient(x, alpha);
    let e = exp_nonpositive(q.min(0.0));
    let left = e.mul_add(c, e);
    if x > 0.0 {
        1.0
    } else if x.is_nan() {
        x
    } else {
        left
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scalar;

    fn close(got: f64, want: f64) -> bool {
        got == want || (got - want).abs() <= 2.0 * (want.abs().next_up() - want.abs())
    }

    #[test]
    fn the_lanes_agree_with_the_scalar_forms_and_pass_nan_on() {
        let mut x = -708.0;
        while x < 5.0 {
            for alpha in [1.0, 0.3, 2.5] {
                assert!(
                    close(elu(x, alpha), scalar::elu(x, alpha)),
                    "elu({x}; {alpha})"
                );
                let (got, want) = (elu_derivative(x, alpha), scalar::elu_derivative(x, alpha));
                assert!(close(got, want), "elu'({x}; {alpha})");
                // (x/α below -708 is the scalar code's.)
                if celu_serves(x, alpha) {
                    assert!(
                        close(celu(x, alpha), scalar::celu(x, alpha)),
                        "celu({x}; {alpha})"
                    );
                    let (got, want) =
                        (celu_derivative(x, alpha), scalar::celu_derivative(x, alpha));
                    assert!(close(got, want), "celu'({x}; {alpha})");
                }
            }
            assert!(close(selu(x), scalar::selu(x)), "selu({x})");
            assert!(
                close(selu_derivative(x), scalar::selu_derivative(x)),
                "selu'({x})"
            );
            x += 0.0917;
        }
        assert!(serves(f64::NAN) && !serves(-709.0));
        for lane in [elu(f64::NAN, 1.0), selu(f64::NAN), celu(f64::NAN, 1.0)] {
            assert!(lane.is_nan());
        }
        // selu(-0) and celu(-0) are 0, not -0.
        assert_eq!(selu(-0.0).to_bits(), 0);
        assert_eq!(celu(-0.0, 1.0).to_bits(), 0);
        assert!(!celu_serves(-1.0, 0.0) && !celu_serves(-1.0, -2.0));
    }
}
