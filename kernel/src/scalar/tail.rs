//! The far left tails, where an activation is a small normal number but its exponential is not.
//!
//! `a·e^(hi + lo)` is evaluated so that `e^hi` is never rounded as a subnormal first (SiLU at x =
//! -714 is `x·e^x = -5.85e-308`, a normal number, while `e^x` alone is subnormal and keeps 44 bits:
//! `x * x.exp()` is 26 ulp off there).

use crate::double_double::LN2;
use crate::eft::{two_product, two_sum};

/// Below this exponent `e^hi` may be subnormal, or nearly: the tails switch to [`mul_exp`]'s
/// scaled form (every caller's other factors are then exactly 1 to f64 precision).
pub(crate) const SUBNORMAL_EXPONENT: f64 = -700.0;

/// `e^(hi + lo)` for a small `lo` (the rounding error of the argument): `e^hi·(1 + lo)`.
pub(crate) fn exp_with_low(hi: f64, lo: f64) -> f64 {
    let e = hi.exp();
    e.mul_add(lo, e)
}

/// `a·e^(hi + lo)` for a small `lo`, within about 2 ulp wherever the result is normal: with
/// `a = m·2^k`, it is `m·e^(hi + k·ln 2 + lo)`, the exponent carried in double-double, so the
/// only exponential taken is of the result's own size. Subnormal results are rounded more than
/// once (they carry few bits anyway); `a` must be finite.
pub(crate) fn mul_exp(a: f64, hi: f64, lo: f64) -> f64 {
    let (m, k) = libm::frexp(a);
    let k = f64::from(k);
    let (shift, shift_low) = two_product(k, LN2.hi);
    let (s, s_low) = two_sum(hi, shift);
    let low = lo + s_low + k.mul_add(LN2.lo, shift_low);
    m * exp_with_low(s, low)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scaled_product_keeps_the_bits_a_subnormal_would_drop() {
        // -714·e^-714 = -5.853803403946551e-308 (mpmath, 50 digits); e^-714 alone is
        // subnormal, and x * x.exp() gives -5.853803403946526e-308, 26 ulp off.
        let want = -5.853_803_403_946_551e-308;
        let got = mul_exp(-714.0, -714.0, 0.0);
        assert!(
            (got - want).abs() <= 2.0 * (want.abs().next_up() - want.abs()),
            "{got:e}"
        );
        // Results below the normal range still come out, rounded; beyond it, 0.
        assert!(mul_exp(1.0, -740.0, 0.0) > 0.0);
        assert_eq!(mul_exp(-3.0, -800.0, 0.0), 0.0);
        assert_eq!(mul_exp(0.0, -710.0, 0.0), 0.0);
    }
}
