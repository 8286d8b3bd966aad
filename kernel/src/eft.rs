//! Error-free transformations: a sum or a product as its rounded value and its exact error.
//!
//! The error is exactly what rounding dropped. The bottom layer of the kernel; everything that
//! carries a rounding error (double-double, the compensated sums, the corrected exponents) is built
//! on these.
//!
//! Each is `#[inline(always)]` so that the SIMD code, compiled per instruction set, inlines it.
#![allow(clippy::inline_always)]

/// `a + b` as `(s, e)` with `s = fl(a + b)` and `s + e = a + b` exactly (Knuth's TwoSum; any
/// magnitudes).
#[inline(always)]
#[must_use]
pub fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let b_virtual = s - a;
    let a_virtual = s - b_virtual;
    (s, (a - a_virtual) + (b - b_virtual))
}

/// `a + b` as `(s, e)` for `|a| >= |b|` (or `a = 0`), exactly (Dekker's Fast2Sum: three
/// operations instead of six).
#[inline(always)]
#[must_use]
pub fn fast_two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    (s, b - (s - a))
}

/// `a · b` as `(p, e)` with `p = fl(a·b)` and `p + e = a·b` exactly (one fused multiply-add;
/// exact unless the product underflows).
#[inline(always)]
#[must_use]
pub fn two_product(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    (p, a.mul_add(b, -p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_and_products_are_exact() {
        let (s, e) = two_sum(1.0, 1e-20);
        assert_eq!((s, e), (1.0, 1e-20));
        let (s, e) = two_sum(1e-20, 1.0);
        assert_eq!((s, e), (1.0, 1e-20));
        let (s, e) = fast_two_sum(1.0, 2f64.powi(-60));
        assert_eq!((s, e), (1.0, 2f64.powi(-60)));
        let x = 1.0 + 2f64.powi(-30);
        let (p, e) = two_product(x, x);
        assert_eq!(p, 1.0 + 2f64.powi(-29));
        assert_eq!(e, 2f64.powi(-60));
    }
}
