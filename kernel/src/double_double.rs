//! Just enough double-double arithmetic for the few places where f64 would lose digits.
//!
//! A value is an unevaluated sum `hi + lo`, about 106 bits. The places: `logsumexp` when its two
//! parts cancel (`logsumexp([-0.5442, -0.8774]) = -0.5442 + 0.54036… = -0.0038387658431514406`),
//! and softplus at a β that is not a power of two. Built on the error-free transformations in
//! [`crate::eft`].

use crate::eft::{fast_two_sum, two_product, two_sum};

/// `hi + lo` with `|lo| <= ulp(hi) / 2`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct DoubleDouble {
    pub hi: f64,
    pub lo: f64,
}

/// `ln 2` as a double-double (the high part is `std::f64::consts::LN_2`).
pub(crate) const LN2: DoubleDouble = DoubleDouble {
    hi: std::f64::consts::LN_2,
    lo: 2.319_046_813_846_299_6e-17,
};

impl DoubleDouble {
    pub const ONE: DoubleDouble = DoubleDouble { hi: 1.0, lo: 0.0 };

    pub fn from_f64(value: f64) -> DoubleDouble {
        DoubleDouble { hi: value, lo: 0.0 }
    }

    /// `hi + lo` renormalised so that `|lo| <= ulp(hi) / 2` (needs `|hi| >= |lo|`).
    fn normalised(hi: f64, lo: f64) -> DoubleDouble {
        let (hi, lo) = fast_two_sum(hi, lo);
        DoubleDouble { hi, lo }
    }

    pub fn add(self, other: DoubleDouble) -> DoubleDouble {
        let (s, s_low) = two_sum(self.hi, other.hi);
        let (t, t_low) = two_sum(self.lo, other.lo);
        let s = DoubleDouble::normalised(s, s_low + t);
        DoubleDouble::normalised(s.hi, s.lo + t_low)
    }

    pub fn neg(self) -> DoubleDouble {
        DoubleDouble {
            hi: -self.hi,
            lo: -self.lo,
        }
    }

    pub fn mul(self, other: DoubleDouble) -> DoubleDouble {
        let (hi, error) = two_product(self.hi, other.hi);
        DoubleDouble::normalised(hi, error + (self.hi * other.lo + self.lo * other.hi))
    }

    fn mul_f64(self, factor: f64) -> DoubleDouble {
        self.mul(DoubleDouble::from_f64(factor))
    }

    pub fn div(self, divisor: f64) -> DoubleDouble {
        let q1 = self.hi / divisor;
        let remainder = self.add(DoubleDouble::from_f64(divisor).mul_f64(q1).neg());
        let q2 = remainder.hi / divisor;
        DoubleDouble::normalised(q1, q2)
    }

    /// `e^self` for `self <= 0` (or moderately positive), to about 100 bits. Underflows to 0.
    pub fn exp(self) -> DoubleDouble {
        if self.hi < -746.0 {
            return DoubleDouble::from_f64(0.0);
        }
        // self = k·ln2 + r with |r| <= ln2/2, then r is scaled by 2^-8 and the series result
        // squared 8 times.
        let k = (self.hi / LN2.hi).round();
        let r = self.add(LN2.mul_f64(k).neg());
        let r = DoubleDouble {
            hi: r.hi / 256.0,
            lo: r.lo / 256.0,
        };
        // Taylor series to r^11/11!: |r| < 0.0014, so the next term is below 1e-40.
        let mut term = DoubleDouble::ONE;
        let mut sum = DoubleDouble::ONE;
        for n in 1..=11 {
            term = term.mul(r).div(f64::from(n));
            sum = sum.add(term);
        }
        for _ in 0..8 {
            sum = sum.mul(sum);
        }
        // Multiply by 2^k in two steps so that neither factor overflows or underflows early.
        let half = (k / 2.0).trunc();
        let scale_a = 2f64.powf(half);
        let scale_b = 2f64.powf(k - half);
        DoubleDouble {
            hi: sum.hi * scale_a * scale_b,
            lo: sum.lo * scale_a * scale_b,
        }
    }

    /// `ln(1 + self)` for `self >= 0`, by one Newton step from the `f64` result.
    pub fn ln_1p(self) -> DoubleDouble {
        if self.hi.abs() < 1e-10 {
            // 1 + self would drop self's low bits: the series x - x²/2 + x³/3 instead (the next
            // term is below 1e-30 of the result).
            let square = self.mul(self);
            let cube = square.mul(self);
            return self.add(square.mul_f64(-0.5)).add(cube.div(3.0));
        }
        let guess = self.hi.ln_1p();
        if !guess.is_finite() {
            return DoubleDouble::from_f64(guess);
        }
        // ln(y) = g + ln(y·e^-g) = g + (y·e^-g - 1) - …; the error left is the square of g's.
        let y = DoubleDouble::ONE.add(self);
        let residual = y
            .mul(DoubleDouble::from_f64(-guess).exp())
            .add(DoubleDouble::ONE.neg());
        DoubleDouble::from_f64(guess).add(residual)
    }

    pub fn to_f64(self) -> f64 {
        self.hi + self.lo
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_matches_known_values() {
        let e = DoubleDouble::ONE.exp();
        assert_eq!(e.hi, std::f64::consts::E);
        // e = 2.718281828459045 + 1.4456468917292502e-16
        assert!((e.lo - 1.445_646_891_729_250_2e-16).abs() < 1e-29);
        assert_eq!(DoubleDouble::from_f64(0.0).exp(), DoubleDouble::ONE);
        assert_eq!(DoubleDouble::from_f64(-800.0).exp().to_f64(), 0.0);
        let tiny = DoubleDouble::from_f64(-700.0).exp().to_f64();
        assert!((tiny / (-700f64).exp() - 1.0).abs() < 1e-15);
    }

    #[test]
    fn ln_1p_keeps_the_digits_of_tiny_arguments() {
        // ln(1 + e^-79) = e^-79 to 1e-35 relative: both parts must survive.
        let e = DoubleDouble::from_f64(-79.0)
            .add(DoubleDouble::from_f64(-3.552_713_678_800_501e-15))
            .exp();
        let l = e.ln_1p();
        assert_eq!(l.hi, e.hi);
        assert!((l.lo - e.lo).abs() < 1e-60, "{l:?} {e:?}");
    }

    #[test]
    fn ln_1p_inverts_exp() {
        for x in [1e-300, 1e-20, 0.3, 1.0, 7.5, 1e10] {
            let y = DoubleDouble::from_f64(x);
            let back = y.ln_1p().exp().add(DoubleDouble::ONE.neg());
            assert!(((back.to_f64() - x) / x).abs() < 1e-28, "{x}");
        }
        // ln(2) to double-double precision.
        let ln2 = DoubleDouble::ONE.ln_1p();
        assert_eq!(ln2.hi, LN2.hi);
        assert!((ln2.lo - LN2.lo).abs() < 1e-29);
    }
}
