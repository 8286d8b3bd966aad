//! Why the textbook softmax `exp(x_i/T) / Σ_j exp(x_j/T)` fails where it does.
//!
//! A term overflows (`inf/inf = NaN`), every term underflows (`0/0 = NaN`), or `T = 0` divides by
//! zero. The explorer names the cause with its word instead of a generic "overflow".

use crate::softmax::Temperature;

/// `ln(f64::MAX)`: `e^x` is infinite in f64 from about here (709.782712893384).
pub const EXP_OVERFLOW: f64 = 709.782_712_893_384;

/// How the naive softmax failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NaiveFailure {
    /// `e^(x_i/T)` overflowed to infinity for element `first` (the first such): the sum is
    /// infinite and `inf/inf` is NaN.
    Overflow {
        /// The first element whose exponential overflowed.
        first: usize,
    },
    /// Every `e^(x_j/T)` underflowed to 0: the sum is 0 and `0/0` is NaN.
    Underflow,
    /// `T = 0`: `x/T` divides by zero (`±inf`, or `0/0 = NaN` for `x = 0`).
    DivisionByZero,
}

impl NaiveFailure {
    /// Its word: `overflow`, `underflow`, `division by zero`.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            NaiveFailure::Overflow { .. } => "overflow",
            NaiveFailure::Underflow => "underflow",
            NaiveFailure::DivisionByZero => "division by zero",
        }
    }
}

/// Why the naive softmax of `xs` at `t` gives NaN, or `None` when it gives numbers. Decided from
/// the very operations it performs, in the order it performs them.
#[must_use]
pub fn naive_failure(xs: &[f64], t: Temperature) -> Option<NaiveFailure> {
    if xs.is_empty() {
        return None;
    }
    if t.is_argmax() {
        return Some(NaiveFailure::DivisionByZero);
    }
    let t = t.get();
    let mut sum = 0.0;
    for (i, &x) in xs.iter().enumerate() {
        let e = (x / t).exp();
        if e.is_infinite() {
            return Some(NaiveFailure::Overflow { first: i });
        }
        sum += e;
    }
    if sum == 0.0 {
        Some(NaiveFailure::Underflow)
    } else if sum.is_infinite() {
        // Finite terms whose sum overflows: inf in the denominator, every p reads 0.
        Some(NaiveFailure::Overflow { first: 0 })
    } else {
        None
    }
}

/// The `x` from which `e^(x/T)` overflows at this temperature: `709.78·T` (`None` at `T = 0`,
/// where the naive form divides by zero whatever `x` is).
#[must_use]
pub fn naive_overflow_above(t: Temperature) -> Option<f64> {
    (!t.is_argmax()).then(|| EXP_OVERFLOW * t.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(v: f64) -> Temperature {
        Temperature::new(v).unwrap()
    }

    #[test]
    fn each_cause_by_its_name() {
        assert_eq!(
            naive_failure(&[900.0, 1000.0, 1000.0], Temperature::ONE),
            Some(NaiveFailure::Overflow { first: 0 })
        );
        assert_eq!(
            naive_failure(&[-1000.0, -1001.0], Temperature::ONE),
            Some(NaiveFailure::Underflow)
        );
        assert_eq!(
            naive_failure(&[1.2, 0.9], Temperature::ARGMAX),
            Some(NaiveFailure::DivisionByZero)
        );
        assert_eq!(naive_failure(&[1.2, 0.9, 0.4], Temperature::ONE), None);
        // At T = 0.5, [400, 1] already fails: 400/0.5 = 800 > 709.78.
        assert_eq!(
            naive_failure(&[400.0, 1.0], t(0.5)),
            Some(NaiveFailure::Overflow { first: 0 })
        );
        assert_eq!(naive_failure(&[400.0, 1.0], Temperature::ONE), None);
        assert_eq!(NaiveFailure::Underflow.word(), "underflow");
    }

    #[test]
    fn the_threshold_follows_the_temperature() {
        assert_eq!(naive_overflow_above(Temperature::ONE), Some(EXP_OVERFLOW));
        assert_eq!(naive_overflow_above(t(0.5)), Some(EXP_OVERFLOW * 0.5));
        assert_eq!(naive_overflow_above(Temperature::ARGMAX), None);
        // The constant is where f64's exp overflows.
        assert!(EXP_OVERFLOW.next_down().exp().is_finite());
        assert!((f64::MAX.ln() - EXP_OVERFLOW).abs() < 1e-12);
    }
}
