//! A branch-free `ln(1 + e)` for `0 <= e <= 1` as a double-double, and softplus on it.
//!
//! `softplus(x; β) = (βx > 0 ? x : 0) + ln_1p(e^-|βx|)/β`, the exponential a double-double too.
#![allow(clippy::inline_always)]

use super::exp::{EXP_NORMAL_LIMIT, exp_double_double};
use crate::double_double::LN2;
use crate::eft::{fast_two_sum, two_product, two_sum};

/// `ln(1 + e + e_lo)` for `0 <= e <= 1` as `(hi, lo)`, within 2^-57 relative.
///
/// `1 + e = d + d_lo` exactly; `d` in `[1, 2]` is halved above `√2` (`k = 1`), so
/// `m = d·2^-k` lies in `[1/√2, √2]` and `f = m - 1` is exact; then
/// `ln(1 + f) = 2·atanh(s) = 2s + 2s³(1/3 + s²/5 + …)` with `s = f/(2 + f)`, `|s| <= 0.1716`,
/// its rounding (and `d_lo`) carried. One division.
#[inline(always)]
pub(crate) fn ln_1p_unit(e: f64, e_lo: f64) -> (f64, f64) {
    let (d, d_error) = fast_two_sum(1.0, e);
    let d_lo = d_error + e_lo;
    let high = d > std::f64::consts::SQRT_2;
    let (m, m_lo, k) = if high {
        (0.5 * d, 0.5 * d_lo, 1.0)
    } else {
        (d, d_lo, 0.0)
    };
    // s = (f + m_lo)/(2 + f + m_lo).
    let f = m - 1.0;
    // Fast2Sum where the order of magnitudes is known: |f| <= 0.42, |m_lo| below f's ulp.
    let (u, u_error) = fast_two_sum(2.0, f);
    let u_lo = u_error + m_lo;
    // The numerator summed first: for a tiny e, f alone is coarse and m_lo as large as it.
    let (numerator, numerator_lo) = fast_two_sum(f, m_lo);
    let inverse = 1.0 / u;
    let s = numerator * inverse;
    let s_lo = ((-s).mul_add(u, numerator) + numerator_lo - s * u_lo) * inverse;
    let w = s * s;
    let mut series: f64 = 1.0 / 21.0;
    for c in [19.0, 17.0, 15.0, 13.0, 11.0, 9.0, 7.0, 5.0, 3.0] {
        series = series.mul_add(w, 1.0 / c);
    }
    let tail = (2.0 * s * w) * series;
    let (sum, sum_error) = fast_two_sum(k * LN2.hi, 2.0 * s);
    let low = k.mul_add(LN2.lo, sum_error) + (2.0f64.mul_add(s_lo, tail));
    fast_two_sum(sum, low)
}

/// Whether the softplus lane serves `x` at `beta`: `βx` finite and `e^-|βx|` normal or
/// negligible, `1/β` finite (NaN goes to the scalar code).
#[inline(always)]
pub(crate) fn softplus_serves(x: f64, beta: f64) -> bool {
    let z = beta * x;
    (EXP_NORMAL_LIMIT..=f64::MAX).contains(&z) && (1.0 / beta).is_finite()
}

/// Softplus `ln(1 + e^(βx))/β` with the rounding of `βx` carried into the exponential and
/// `ln_1p(…)/β` held as a double-double until the last addition.
#[inline(always)]
pub(crate) fn softplus(x: f64, beta: f64) -> f64 {
    let (z, c) = two_product(beta, x);
    let (e, e_lo) = exp_double_double(-z.abs());
    // e^-|z + c| = e^-|z|·(1 ∓ c).
    let c = if z >= 0.0 { -c } else { c };
    let (l, l_lo) = ln_1p_unit(e, e.mul_add(c, e_lo));
    let inverse = 1.0 / beta;
    let q = l * inverse;
    let q_lo = ((-q).mul_add(beta, l) + l_lo) * inverse;
    let head = if z > 0.0 { x } else { 0.0 };
    let (sum, sum_error) = two_sum(head, q);
    sum + (sum_error + q_lo)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::double_double::DoubleDouble;

    #[test]
    fn ln_1p_unit_is_double_double_accurate() {
        let mut e: f64 = 1.0;
        while e > 1e-300 {
            let (hi, lo) = ln_1p_unit(e, 0.0);
            let want = DoubleDouble::from_f64(e).ln_1p();
            let error = ((hi - want.hi) + (lo - want.lo)).abs() / want.hi;
            assert!(error < 2f64.powi(-57), "ln_1p({e:e}): {error:e} relative");
            e *= 0.912_345;
        }
    }

    #[test]
    fn softplus_is_within_an_ulp_of_the_scalar_form() {
        let mut x: f64 = -700.0;
        while x < 700.0 {
            for beta in [1.0, 0.5, 2.5] {
                if softplus_serves(x, beta) {
                    let (got, want) = (softplus(x, beta), crate::scalar::softplus(x, beta));
                    let ulp = want.abs().next_up() - want.abs();
                    assert!(
                        (got - want).abs() <= ulp,
                        "softplus({x}; {beta}): {got} vs {want}"
                    );
                }
            }
            x += 0.0137;
        }
    }
}
