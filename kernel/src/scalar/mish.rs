//! Mish `x·tanh(softplus(x))`, through `n = e^x(e^x + 2)` so nothing overflows.

use super::tail::{SUBNORMAL_EXPONENT, mul_exp};

/// `tanh(softplus(x))` and `sech²(softplus(x))·σ(x)` without overflow.
///
/// With `n = e^x(e^x + 2)`, `tanh(softplus(x)) = n / (n + 2)`; for `x > 0` both are rewritten with
/// `e = e^-x`: `(1 + 2e) / (1 + 2e + 2e²)` and `4e²(1 + e) / (1 + 2e + 2e²)²`.
fn mish_parts(x: f64) -> (f64, f64) {
    if x > 0.0 {
        let e = (-x).exp();
        let num = 2.0f64.mul_add(e, 1.0);
        let den = (2.0 * e).mul_add(e, num);
        (num / den, 4.0 * e * e * (1.0 + e) / (den * den))
    } else {
        let e = x.exp();
        let n = e * (e + 2.0);
        let den = n + 2.0;
        (n / den, 4.0 * e * (1.0 + e) / (den * den))
    }
}

/// Mish `x·tanh(softplus(x))`, within 4 ulp for every finite x: below x = -700, where
/// `tanh(softplus(x)) = e^x` to f64 precision but may be subnormal, it is `x·e^x` formed
/// without that subnormal intermediate.
#[must_use]
pub fn mish(x: f64) -> f64 {
    if x < SUBNORMAL_EXPONENT {
        return if x.is_finite() {
            mul_exp(x, x, 0.0)
        } else {
            -0.0
        };
    }
    x * mish_parts(x).0
}

/// Mish' `tanh(sp(x)) + x·sech²(sp(x))·σ(x)`, `sp` = softplus; below x = -700 it is
/// `e^x·(1 + x)`.
#[must_use]
pub fn mish_derivative(x: f64) -> f64 {
    if x < SUBNORMAL_EXPONENT {
        return if x.is_finite() {
            mul_exp(1.0 + x, x, 0.0)
        } else {
            0.0
        };
    }
    if x == f64::INFINITY {
        return 1.0;
    }
    let (t, dt) = mish_parts(x);
    x.mul_add(dt, t)
}
