//! Arithmetic in one format: each operation rounded once, a chosen library's functions.
//!
//! Each operation's `f64` result is rounded once to the format; the transcendental functions are
//! a chosen library's; a note records what went wrong inside (an overflow, an underflow to 0, a
//! function saturating to ±1).
//!
//! For `+ − × ÷` of two values of the format, the `f64` result rounded to f32, f16 or bf16 is the
//! correctly rounded result (`f64` has more than twice their bits plus two, so the double
//! rounding is innocuous). Transcendentals are the [`Library`]'s: correctly rounded ones take
//! the `f64` function (within an ulp of `f64`) rounded to the format — correct but for values
//! within about 2⁻⁵⁰ of a midpoint — and NumPy's and SLEEF's float32 functions are emulated bit
//! for bit ([`super::numpy_simd`], [`super::svml`], [`super::sleef`]).

use std::cell::Cell;

use super::{Precision, numpy_simd, scipy, sleef, svml};

/// Whose `exp`, `expm1`, `log1p`, `log`, `tanh` and `x³` an arithmetic calls: float32 functions in
/// f32 (and, for NumPy, in f16: its half loops call SVML's float32 functions and round once);
/// bf16, f64 and everything else round the `f64` function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Library {
    /// Correctly rounded (from the `f64` function).
    Correct,
    /// NumPy 2.4 on AVX-512: for float32 its own `exp`, `log` and `tanh`, SVML's `log1p`,
    /// `expm1` and `pow` (`x**3`); for float16 SVML's `exp`, `log1p`, `expm1` and its `tanh`,
    /// rounded to f16.
    NumPy,
    /// SLEEF's 1-ulp functions, as ATen's `Vectorized<float>` calls them.
    Sleef,
}

/// The float32 implementations of one function: NumPy's on float32 arrays, the one NumPy's
/// float16 loops call (then rounding to f16), SLEEF's. `None`: correctly rounded.
#[derive(Clone, Copy, Default)]
struct Functions {
    numpy: Option<fn(f32) -> f32>,
    numpy_half: Option<fn(f32) -> f32>,
    sleef: Option<fn(f32) -> f32>,
}

/// What went wrong inside a computation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Events {
    /// An operation gave ±inf from finite operands.
    pub(super) overflowed: bool,
    /// An operation gave 0 where its exact result is not 0.
    pub(super) underflowed: bool,
    /// `tanh` or `erf` of a finite argument came out exactly ±1.
    pub(super) saturated: bool,
}

impl Events {
    /// What went wrong in either.
    pub(super) fn union(self, other: Events) -> Events {
        Events {
            overflowed: self.overflowed || other.overflowed,
            underflowed: self.underflowed || other.underflowed,
            saturated: self.saturated || other.saturated,
        }
    }
}

/// Operations rounded to `format`, remembering what went wrong.
#[derive(Debug)]
pub(super) struct Arithmetic {
    format: Precision,
    library: Library,
    events: Cell<Events>,
}

impl Arithmetic {
    /// Correctly rounded arithmetic in `format`.
    pub(super) fn new(format: Precision) -> Arithmetic {
        Arithmetic::with_library(format, Library::Correct)
    }

    /// Arithmetic in `format` whose float32 transcendentals are `library`'s.
    pub(super) fn with_library(format: Precision, library: Library) -> Arithmetic {
        Arithmetic {
            format,
            library,
            events: Cell::new(Events::default()),
        }
    }

    /// The format operations round to.
    pub(super) fn format(&self) -> Precision {
        self.format
    }

    /// What went wrong so far.
    pub(super) fn events(&self) -> Events {
        self.events.get()
    }

    /// Sets what went wrong so far (back to what [`Arithmetic::events`] said before).
    pub(super) fn set_events(&self, events: Events) {
        self.events.set(events);
    }

    /// Takes over what went wrong in `other` (a computation that continued in another format).
    pub(super) fn absorb(&self, other: &Arithmetic) {
        self.events.set(self.events.get().union(other.events.get()));
    }

    fn note(&self, change: impl FnOnce(&mut Events)) {
        let mut e = self.events.get();
        change(&mut e);
        self.events.set(e);
    }

    /// `rounded`, the format's value of an operation whose exact result is `exact` and whose
    /// operands were `operands_finite`, noted if it overflowed or underflowed.
    fn check(&self, rounded: f64, exact: f64, operands_finite: bool) -> f64 {
        if rounded.is_infinite() && operands_finite {
            self.note(|e| e.overflowed = true);
        }
        if rounded == 0.0 && exact != 0.0 && !exact.is_nan() {
            self.note(|e| e.underflowed = true);
        }
        rounded
    }

    /// `v` rounded to the format, noting an overflow to ±inf when `v` was finite (or an
    /// underflow to 0).
    pub(super) fn r(&self, v: f64) -> f64 {
        self.check(self.format.round(v), v, v.is_finite())
    }

    /// The result of an operation whose operands were `operands_finite`.
    fn result(&self, exact: f64, operands_finite: bool) -> f64 {
        self.check(self.format.round(exact), exact, operands_finite)
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
                let fused = super::fma(a as f32, b as f32, c as f32);
                self.check(f64::from(fused), a.mul_add(b, c), finite)
            }
            _ => self.result(a.mul_add(b, c), finite),
        }
    }

    /// A function of the library: NumPy's float32 one (`numpy`), the float32 one NumPy's half
    /// loops call before rounding to f16 (`numpy_half`), or SLEEF's (`sleef`) where the library
    /// and format have one; else `correct` rounded to the format.
    fn function(&self, a: f64, correct: fn(f64) -> f64, functions: Functions) -> f64 {
        let float32 = match (self.format, self.library) {
            (Precision::F32, Library::NumPy) => functions.numpy,
            (Precision::F16, Library::NumPy) => functions.numpy_half,
            (Precision::F32, Library::Sleef) => functions.sleef,
            _ => None,
        };
        match float32 {
            Some(f) => self.check(
                self.format.round(f64::from(f(a as f32))),
                correct(a),
                a.is_finite(),
            ),
            None => self.result(correct(a), a.is_finite()),
        }
    }

    /// Notes a saturation if `value`, a function bounded by ±1 (tanh, erf) of `a`, reached ±1
    /// at a finite `a`.
    pub(super) fn saturates_at(&self, a: f64, value: f64) {
        if value.abs() == 1.0 && a.is_finite() {
            self.note(|e| e.saturated = true);
        }
    }

    pub(super) fn exp(&self, a: f64) -> f64 {
        let functions = Functions {
            numpy: Some(numpy_simd::exp),
            numpy_half: Some(svml::exp),
            sleef: Some(sleef::expf),
        };
        self.function(a, f64::exp, functions)
    }

    pub(super) fn exp_m1(&self, a: f64) -> f64 {
        let functions = Functions {
            numpy: Some(svml::expm1),
            numpy_half: Some(svml::expm1),
            sleef: Some(sleef::expm1f),
        };
        self.function(a, f64::exp_m1, functions)
    }

    pub(super) fn ln_1p(&self, a: f64) -> f64 {
        let functions = Functions {
            numpy: Some(svml::log1p),
            numpy_half: Some(svml::log1p),
            sleef: Some(sleef::log1pf),
        };
        self.function(a, f64::ln_1p, functions)
    }

    /// `ln a` (`ln 0 = -inf` is not an overflow).
    pub(super) fn ln(&self, a: f64) -> f64 {
        if a == 0.0 {
            return f64::NEG_INFINITY;
        }
        let functions = Functions {
            numpy: Some(numpy_simd::log),
            ..Functions::default()
        };
        self.function(a, f64::ln, functions)
    }

    pub(super) fn tanh(&self, a: f64) -> f64 {
        let functions = Functions {
            numpy: Some(numpy_simd::tanh),
            numpy_half: Some(numpy_simd::tanh),
            sleef: Some(sleef::tanhf),
        };
        let t = self.function(a, f64::tanh, functions);
        self.saturates_at(a, t);
        t
    }

    /// SciPy's `erf` (Cephes, in f64) rounded to the format.
    pub(super) fn erf(&self, a: f64) -> f64 {
        let e = self.result(scipy::erf(a), a.is_finite());
        self.saturates_at(a, e);
        e
    }

    /// `a³` as one operation (`np.power(x, 3)`: SVML's `pow` for NumPy's float32).
    pub(super) fn cube(&self, a: f64) -> f64 {
        let functions = Functions {
            numpy: Some(svml::cube),
            ..Functions::default()
        };
        self.function(a, |v| v * v * v, functions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_noted_where_they_happen() {
        let h = Arithmetic::new(Precision::F16);
        assert_eq!(h.exp(12.0), f64::INFINITY);
        assert!(h.events().overflowed && !h.events().underflowed);
        let h = Arithmetic::new(Precision::F16);
        assert_eq!(h.exp(-20.0), 0.0);
        assert!(h.events().underflowed);
        let f = Arithmetic::new(Precision::F32);
        assert_eq!(f.tanh(10.0), 1.0);
        assert!(f.events().saturated);
        // ln 0 = -inf is the exact answer, not an overflow
        let f = Arithmetic::new(Precision::F32);
        assert_eq!(f.ln(0.0), f64::NEG_INFINITY);
        assert_eq!(f.events(), Events::default());
        let w = Arithmetic::new(Precision::F64);
        assert_eq!(w.erf(-7.0), -1.0);
        f.absorb(&w);
        assert!(f.events().saturated);
    }

    #[test]
    fn the_library_chooses_the_float32_functions() {
        let numpy = Arithmetic::with_library(Precision::F32, Library::NumPy);
        let sleef = Arithmetic::with_library(Precision::F32, Library::Sleef);
        let correct = Arithmetic::new(Precision::F32);
        // np.tanh stops at 1 - 2^-24 below 10; SLEEF and the correctly rounded value reach 1.
        assert_eq!(numpy.tanh(9.5), 1.0 - 2f64.powi(-24));
        assert_eq!(sleef.tanh(9.5), 1.0);
        assert_eq!(correct.tanh(9.5), 1.0);
        // f16 rounds the float32 function NumPy's half loops call (SVML's exp), here the same
        // as the correctly rounded value; bf16 rounds the f64 function
        let h = Arithmetic::with_library(Precision::F16, Library::NumPy);
        assert_eq!(h.exp(1.0), Precision::F16.round(1f64.exp()));
        let b = Arithmetic::with_library(Precision::Bf16, Library::NumPy);
        assert_eq!(b.exp(1.0), Precision::Bf16.round(1f64.exp()));
    }
}
