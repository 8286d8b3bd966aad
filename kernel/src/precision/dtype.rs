//! NumPy's dtypes in the NumPy model: each value carries the dtype NumPy gives it.
//!
//! An operation's dtype follows NumPy 2's promotion (NEP 50) and, for bfloat16, `ml_dtypes`
//! 0.6.0's, as measured with NumPy 2.4.6: two arrays promote (float16 or bfloat16 with float32 is
//! float32, anything with float64 float64, float16 with bfloat16 float32); a Python int is weak
//! (the array's dtype); a Python float is weak for float16, float32 and float64, but makes a
//! bfloat16 array float32 (`x * 0.5`, `0.5 * x`, `x / 6.0`; `x * 2`, `x / 6` stay bfloat16). The
//! operands are converted to the result's dtype (a Python constant rounded to it) and the
//! operation is computed there, with that dtype's functions: NumPy's float32 and float16 ones
//! ([`super::ops::Library::NumPy`]), `ml_dtypes`' for bfloat16 (the C library's float32 function
//! rounded to bfloat16: on every finite bfloat16 input the same as the correctly rounded value).
//!
//! Measured exceptions, each a dtype NumPy picks: `scipy.special.erf` has float32 and float64
//! loops only, so float16 and bfloat16 arrays come back float64; `np.clip` of a bfloat16 array
//! is float32; `np.where` with a bfloat16 array and a Python float is float64. `np.where` with
//! two Python scalars (NumPy: int64 or float64) is the model's one convention: cast back to the
//! input's dtype, so a derivative like `np.where(x > 0, 1, a)` stays in the format.

use super::Precision;
use super::ops::{Arithmetic, Events, Library};

/// An element of a NumPy array (or a NumPy scalar): its value and its dtype.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Array {
    /// The value, exactly as the dtype holds it.
    pub(super) v: f64,
    /// Its dtype.
    pub(super) dtype: Precision,
}

/// An operand as the code writes it: an array, or a Python float or int constant.
#[derive(Clone, Copy, Debug)]
pub(super) enum Operand {
    Array(Array),
    Float(f64),
    Int(f64),
}

impl From<Array> for Operand {
    fn from(a: Array) -> Operand {
        Operand::Array(a)
    }
}

/// A Python float constant of the code (`0.5`, `a`, `math.sqrt(2)`).
pub(super) fn float(c: f64) -> Operand {
    Operand::Float(c)
}

/// A Python int constant of the code (`1`, `6`).
pub(super) fn int(c: i32) -> Operand {
    Operand::Int(f64::from(c))
}

/// The dtype of two arrays combined.
fn promote(a: Precision, b: Precision) -> Precision {
    match (a, b) {
        (Precision::F64, _) | (_, Precision::F64) => Precision::F64,
        (a, b) if a == b => a,
        _ => Precision::F32,
    }
}

/// The dtype of an array of `dtype` combined with a Python float.
fn with_float(dtype: Precision) -> Precision {
    if dtype == Precision::Bf16 {
        Precision::F32
    } else {
        dtype
    }
}

/// NumPy code evaluated on arrays of one dtype, each intermediate in the dtype NumPy gives it.
pub(super) struct Np {
    dtype: Precision,
    f64: Arithmetic,
    f32: Arithmetic,
    f16: Arithmetic,
    bf16: Arithmetic,
}

impl Np {
    /// For arrays of `dtype`.
    pub(super) fn new(dtype: Precision) -> Np {
        Np {
            dtype,
            f64: Arithmetic::new(Precision::F64),
            f32: Arithmetic::with_library(Precision::F32, Library::NumPy),
            f16: Arithmetic::with_library(Precision::F16, Library::NumPy),
            bf16: Arithmetic::with_library(Precision::Bf16, Library::NumPy),
        }
    }

    /// The arithmetic of `dtype`.
    pub(super) fn arith(&self, dtype: Precision) -> &Arithmetic {
        match dtype {
            Precision::F64 => &self.f64,
            Precision::F32 => &self.f32,
            Precision::F16 => &self.f16,
            Precision::Bf16 => &self.bf16,
        }
    }

    fn all(&self) -> [&Arithmetic; 4] {
        [&self.f64, &self.f32, &self.f16, &self.bf16]
    }

    /// What went wrong so far, in any dtype.
    pub(super) fn events(&self) -> Events {
        self.all()
            .map(Arithmetic::events)
            .into_iter()
            .fold(Events::default(), Events::union)
    }

    /// `f()` without noting what goes wrong in it (a branch `np.where` does not return).
    fn quietly<T>(&self, f: impl FnOnce() -> T) -> T {
        let saved = self.all().map(Arithmetic::events);
        let result = f();
        for (a, e) in self.all().into_iter().zip(saved) {
            a.set_events(e);
        }
        result
    }

    /// An input: `x` rounded to the arrays' dtype.
    pub(super) fn input(&self, x: f64) -> Array {
        let a = self.arith(self.dtype);
        Array {
            v: a.r(x),
            dtype: self.dtype,
        }
    }

    /// A value of the arrays' dtype (`np.zeros_like`, `np.heaviside`).
    pub(super) fn same(&self, v: f64) -> Array {
        Array {
            v,
            dtype: self.dtype,
        }
    }

    /// The dtype of a binary operation's result.
    fn result_dtype(a: Operand, b: Operand) -> Precision {
        match (a, b) {
            (Operand::Array(a), Operand::Array(b)) => promote(a.dtype, b.dtype),
            (Operand::Array(a), Operand::Float(_)) | (Operand::Float(_), Operand::Array(a)) => {
                with_float(a.dtype)
            }
            (Operand::Array(a), Operand::Int(_)) | (Operand::Int(_), Operand::Array(a)) => a.dtype,
            _ => Precision::F64,
        }
    }

    /// `o` converted to `dtype` (exact for an array, which only widens).
    fn value(o: Operand, dtype: Precision) -> f64 {
        match o {
            Operand::Array(a) => a.v,
            Operand::Float(c) | Operand::Int(c) => dtype.round(c),
        }
    }

    fn binary(
        &self,
        a: impl Into<Operand>,
        b: impl Into<Operand>,
        op: fn(&Arithmetic, f64, f64) -> f64,
    ) -> Array {
        let (a, b) = (a.into(), b.into());
        let dtype = Np::result_dtype(a, b);
        let v = op(self.arith(dtype), Np::value(a, dtype), Np::value(b, dtype));
        Array { v, dtype }
    }

    pub(super) fn add(&self, a: impl Into<Operand>, b: impl Into<Operand>) -> Array {
        self.binary(a, b, Arithmetic::add)
    }

    pub(super) fn sub(&self, a: impl Into<Operand>, b: impl Into<Operand>) -> Array {
        self.binary(a, b, Arithmetic::sub)
    }

    pub(super) fn mul(&self, a: impl Into<Operand>, b: impl Into<Operand>) -> Array {
        self.binary(a, b, Arithmetic::mul)
    }

    pub(super) fn div(&self, a: impl Into<Operand>, b: impl Into<Operand>) -> Array {
        self.binary(a, b, Arithmetic::div)
    }

    /// `np.maximum`: the larger, NaN if either is. Between equal values (`-0` and `0`) float32
    /// and bfloat16 return the second (the SIMD `max` NumPy and `ml_dtypes` use:
    /// `np.maximum(np.float32(-0.0), 0)` is `0`), float16 the first (its loop compares `a >= b`:
    /// `-0`) — measured with NumPy 2.4.6 and ml_dtypes 0.6.0.
    pub(super) fn maximum(&self, a: impl Into<Operand>, b: impl Into<Operand>) -> Array {
        self.binary(a, b, |m, a, b| {
            if a.is_nan() || a > b || (a == b && m.format() == Precision::F16) {
                a
            } else {
                b
            }
        })
    }

    /// `np.minimum`: the smaller, NaN if either is; between equal values as `np.maximum`.
    pub(super) fn minimum(&self, a: impl Into<Operand>, b: impl Into<Operand>) -> Array {
        self.binary(a, b, |m, a, b| {
            if a.is_nan() || a < b || (a == b && m.format() == Precision::F16) {
                a
            } else {
                b
            }
        })
    }

    /// `x**2` (`np.square`, or `np.power(x, 2)` for bfloat16: the same number).
    pub(super) fn square(&self, a: Array) -> Array {
        self.mul(a, a)
    }

    /// `x**3` (`np.power(x, 3)`).
    pub(super) fn cube(&self, a: Array) -> Array {
        self.unary(a, Arithmetic::cube)
    }

    fn unary(&self, a: Array, f: fn(&Arithmetic, f64) -> f64) -> Array {
        Array {
            v: f(self.arith(a.dtype), a.v),
            dtype: a.dtype,
        }
    }

    /// `-x` (a method, as every operation of the code is, though it needs nothing of `self`).
    #[allow(clippy::unused_self)]
    pub(super) fn neg(&self, a: Array) -> Array {
        Array { v: -a.v, ..a }
    }

    /// `np.abs(x)`.
    #[allow(clippy::unused_self)]
    pub(super) fn abs(&self, a: Array) -> Array {
        Array { v: a.v.abs(), ..a }
    }

    pub(super) fn exp(&self, a: Array) -> Array {
        self.unary(a, Arithmetic::exp)
    }

    pub(super) fn expm1(&self, a: Array) -> Array {
        self.unary(a, Arithmetic::exp_m1)
    }

    pub(super) fn log1p(&self, a: Array) -> Array {
        self.unary(a, Arithmetic::ln_1p)
    }

    pub(super) fn log(&self, a: Array) -> Array {
        self.unary(a, Arithmetic::ln)
    }

    pub(super) fn tanh(&self, a: Array) -> Array {
        self.unary(a, Arithmetic::tanh)
    }

    /// `scipy.special.erf`: float32 for float32, else SciPy's float64 loop.
    pub(super) fn erf(&self, a: Array) -> Array {
        let dtype = if a.dtype == Precision::F32 {
            Precision::F32
        } else {
            Precision::F64
        };
        Array {
            v: self.arith(dtype).erf(a.v),
            dtype,
        }
    }

    /// `np.clip(a, low, high)` with int bounds (float32 for bfloat16).
    #[allow(clippy::unused_self)]
    pub(super) fn clip(&self, a: Array, low: i32, high: i32) -> Array {
        let dtype = with_float(a.dtype);
        Array {
            v: a.v.clamp(f64::from(low), f64::from(high)),
            dtype,
        }
    }

    /// `np.where(condition, a, b)`: the value of the branch taken, in the dtype of both; the
    /// other branch is computed for its dtype only (what goes wrong in it is not noted).
    pub(super) fn where_(
        &self,
        condition: bool,
        a: impl FnOnce() -> Operand,
        b: impl FnOnce() -> Operand,
    ) -> Array {
        let (a, b) = if condition {
            (a(), self.quietly(b))
        } else {
            (self.quietly(a), b())
        };
        let dtype = match (a, b) {
            (Operand::Array(a), Operand::Array(b)) => promote(a.dtype, b.dtype),
            (Operand::Array(a), Operand::Float(_)) | (Operand::Float(_), Operand::Array(a))
                if a.dtype == Precision::Bf16 =>
            {
                Precision::F64
            }
            (Operand::Array(a), _) | (_, Operand::Array(a)) => a.dtype,
            // two Python scalars: the model's convention, cast back to the input's dtype
            _ => self.dtype,
        };
        let chosen = if condition { a } else { b };
        Array {
            v: Np::value(chosen, dtype),
            dtype,
        }
    }
}
