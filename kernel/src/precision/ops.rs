//! Arithmetic in one format: each operation's `f64` result rounded once to the format.
//!
//! A note records whether any of them overflowed.
//!
//! For `+ − × ÷` of two values of the format, the `f64` result rounded to f32, f16 or bf16 is the
//! correctly rounded result (`f64` has more than twice their bits plus two, so the double
//! rounding is innocuous). Transcendentals take the `f64` function (within an ulp of `f64`)
//! rounded to the format: correctly rounded but for values within about 2⁻⁵⁰ of a midpoint.

use std::cell::Cell;

use super::Precision;

/// Operations rounded to `format`, remembering whether one of them overflowed.
#[derive(Debug)]
pub(super) struct Arithmetic {
    format: Precision,
    overflowed: Cell<bool>,
}

impl Arithmetic {
    pub(super) fn new(format: Precision) -> Arithmetic {
        Arithmetic {
            format,
            overflowed: Cell::new(false),
        }
    }

    /// The format operations round to.
    pub(super) fn format(&self) -> Precision {
        self.format
    }

    /// Whether some operation (or a conversion into the format) gave ±inf from finite operands.
    pub(super) fn overflowed(&self) -> bool {
        self.overflowed.get()
    }

    /// `v` rounded to the format, noting an overflow to ±inf when `v` was finite.
    pub(super) fn r(&self, v: f64) -> f64 {
        let rounded = self.format.round(v);
        if rounded.is_infinite() && v.is_finite() {
            self.overflowed.set(true);
        }
        rounded
    }

    /// The result of an operation whose operands were `operands_finite`.
    fn result(&self, exact: f64, operands_finite: bool) -> f64 {
        let rounded = self.format.round(exact);
        if rounded.is_infinite() && operands_finite {
            self.overflowed.set(true);
        }
        rounded
    }

    /// A constant of a formula (a Python float in NumPy ≥ 2, a C++ `float`) in the format.
    pub(super) fn c(&self, v: f64) -> f64 {
        self.format.round(v)
    }

    pub(super) fn add(&self, a: f64, b: f64) -> f64 {
        self.result(a + b, a.is_finite() && b.is_finite())
    }

    pub(super) fn sub(&self, a: f64, b: f64) -> f64 {
        self.result(a - b, a.is_finite() && b.is_finite())
    }

    pub(super) fn mul(&self, a: f64, b: f64) -> f64 {
        self.result(a * b, a.is_finite() && b.is_finite())
    }

    /// `a / b`; a division by zero is not counted as an overflow.
    pub(super) fn div(&self, a: f64, b: f64) -> f64 {
        self.result(a / b, a.is_finite() && b.is_finite() && b != 0.0)
    }

    /// `a·b + c` with one rounding (a fused multiply-add).
    pub(super) fn fma(&self, a: f64, b: f64, c: f64) -> f64 {
        let finite = a.is_finite() && b.is_finite() && c.is_finite();
        match self.format {
            // f32's own FMA: a·b + c of three f32 values, rounded once.
            Precision::F32 => {
                let fused = (a as f32).mul_add(b as f32, c as f32);
                self.result(f64::from(fused), finite)
            }
            _ => self.result(a.mul_add(b, c), finite),
        }
    }

    fn unary(&self, a: f64, f: fn(f64) -> f64) -> f64 {
        self.result(f(a), a.is_finite())
    }

    pub(super) fn exp(&self, a: f64) -> f64 {
        self.unary(a, f64::exp)
    }

    pub(super) fn exp_m1(&self, a: f64) -> f64 {
        self.unary(a, f64::exp_m1)
    }

    pub(super) fn ln_1p(&self, a: f64) -> f64 {
        self.unary(a, f64::ln_1p)
    }

    /// `ln a` (`ln 0 = -inf` is not an overflow).
    pub(super) fn ln(&self, a: f64) -> f64 {
        self.format.round(a.ln())
    }

    pub(super) fn tanh(&self, a: f64) -> f64 {
        self.unary(a, f64::tanh)
    }

    pub(super) fn erf(&self, a: f64) -> f64 {
        self.unary(a, libm::erf)
    }

    /// `a³` as one operation (`np.power(x, 3)`).
    pub(super) fn cube(&self, a: f64) -> f64 {
        self.unary(a, |v| v * v * v)
    }
}
