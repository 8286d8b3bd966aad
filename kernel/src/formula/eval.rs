//! Forward-mode differentiation: each operation on dual numbers `(f, f')`, and the tape run.
//!
//! Every operation maps `(u, u')` (and `(v, v')`) to its value and the chain rule's
//! derivative, in the conventions PyTorch's autograd uses where a function has a kink (see the
//! [module docs](super)). Constants never enter as `(c, 0)` where a product would form `0·∞`:
//! the compiler folds them into the operation (`c·u` is `(c·u, c·u')`), so `2·exp(x)` has the
//! derivative `∞`, not NaN, where `exp` overflows.
//!
//! The tape is run a block of points at a time, one operation over the whole block before the
//! next, so the dispatch is paid once per block and each loop is a plain map the compiler can
//! vectorise; an activation runs on the kernel's slices ([`Activation::value_slice`]) at the
//! caller's [`Level`]: at [`Level::SCALAR`] these are [`Activation::value`] and
//! [`Activation::derivative`] bit for bit, above it the vectorised forms (within the same ulp
//! bounds), 20 times faster for sigmoid.

use std::f64::consts::{E, FRAC_2_SQRT_PI};

use super::lex::Comparison;
use super::names::Math;
use super::underflow;
use crate::activation::Activation;
use crate::eft::two_product;
use crate::scalar::tail::{SUBNORMAL_EXPONENT, exp_with_low, mul_exp};
use crate::simd::Level;

/// A value and its derivative with respect to x.
pub(crate) type Dual = (f64, f64);

/// One step of the tape; slots are the indices of earlier steps, `f64`s are folded constants.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Op {
    X,
    Const(f64),
    Neg(usize),
    Add(usize, usize),
    Sub(usize, usize),
    Mul(usize, usize),
    Div(usize, usize),
    Pow(usize, usize),
    /// `u + c` (and `c + u`, `u - c` as `u + (-c)`: the same bits).
    AddConst(usize, f64),
    /// `c - u`.
    SubFromConst(f64, usize),
    MulConst(usize, f64),
    DivConst(usize, f64),
    /// `c / u`.
    ConstDiv(f64, usize),
    PowConst(usize, f64),
    /// `c ^ u`.
    ConstPow(f64, usize),
    Math(Math, usize),
    /// An activation with its parameter.
    Activation(Activation, f64, usize),
    Max(usize, usize),
    Min(usize, usize),
    Compare(Comparison, usize, usize),
    Where(usize, usize, usize),
}

/// `u^v` as the formula means it: `e^v` is `exp(v)` (the `f64` nearest e raised by `powf`
/// drifts from `exp` by up to `|v|·1e-16` relative), `u^2` the correctly rounded `u·u`, `u^1`
/// is `u` (what `powf` gives, without the call).
pub(crate) fn power(u: f64, v: f64) -> f64 {
    if u == E {
        v.exp()
    } else if v == 2.0 {
        u * u
    } else if v == 1.0 {
        u
    } else {
        u.powf(v)
    }
}

pub(crate) fn mul((u, du): Dual, (v, dv): Dual) -> Dual {
    (u * v, du * v + u * dv)
}

pub(crate) fn div((u, du): Dual, (v, dv): Dual) -> Dual {
    let q = u / v;
    (q, (du - q * dv) / v)
}

/// `d(u^c) = c·u^(c-1)·u'`, and 0 for `c = 0` (PyTorch's pow_backward: not `0·u^-1`).
pub(crate) fn pow_const((u, du): Dual, c: f64) -> Dual {
    let d = if c == 0.0 {
        0.0
    } else {
        c * power(u, c - 1.0) * du
    };
    (power(u, c), d)
}

/// `d(c^v) = c^v·ln c·v'`, and 0 for `c = 0, v >= 0` (PyTorch's pow_backward_exponent).
pub(crate) fn const_pow(c: f64, (v, dv): Dual) -> Dual {
    let y = power(c, v);
    let d = if c == E {
        y * dv
    } else if c == 0.0 && v >= 0.0 {
        0.0
    } else {
        y * c.ln() * dv
    };
    (y, d)
}

/// Both terms of `d(u^v)`, each with its PyTorch mask.
pub(crate) fn pow(u: Dual, v: Dual) -> Dual {
    let (from_base, from_exponent) = (pow_const(u, v.0).1, const_pow(u.0, v).1);
    (power(u.0, v.0), from_base + from_exponent)
}

/// `2/√π·e^(-u²)`, the derivative of erf, with `u²` carried exactly (its rounding would
/// otherwise be multiplied by the exponential: 11 ulp at u = 5).
fn erf_slope(u: f64) -> f64 {
    let (h, l) = two_product(u, u);
    if u.is_nan() {
        f64::NAN
    } else if h > 1500.0 {
        0.0
    } else if -h >= SUBNORMAL_EXPONENT {
        FRAC_2_SQRT_PI * exp_with_low(-h, -l)
    } else {
        mul_exp(FRAC_2_SQRT_PI, -h, -l)
    }
}

/// The sign as PyTorch's `sgn`: 0 at 0 (so `abs'(0) = 0`), NaN at NaN.
fn sign(u: f64) -> f64 {
    if u > 0.0 {
        1.0
    } else if u < 0.0 {
        -1.0
    } else {
        u * 0.0
    }
}

pub(crate) fn math(function: Math, (u, du): Dual) -> Dual {
    match function {
        Math::Exp => {
            let y = u.exp();
            (y, y * du)
        }
        Math::Ln => (u.ln(), du / u),
        Math::Log1p => (u.ln_1p(), du / (1.0 + u)),
        Math::Expm1 => (u.exp_m1(), u.exp() * du),
        Math::Sqrt => {
            let y = u.sqrt();
            (y, du / (2.0 * y))
        }
        Math::Abs => (u.abs(), sign(u) * du),
        Math::Sin => (u.sin(), u.cos() * du),
        Math::Cos => (u.cos(), -u.sin() * du),
        Math::Erf => (libm::erf(u), erf_slope(u) * du),
        Math::Erfc => (libm::erfc(u), -erf_slope(u) * du),
    }
}

/// `max(u, v)` as `torch.maximum`: NaN if either is; at a tie the derivative is the mean
/// `(u' + v')/2`. Selects, not branches (see [`compare`]).
pub(crate) fn max(u: Dual, v: Dual) -> Dual {
    let larger = if u.0 > v.0 { u } else { v };
    // At a tie, max(-0, 0) = 0.
    let tie = (
        if u.0.is_sign_negative() { v.0 } else { u.0 },
        0.5 * (u.1 + v.1),
    );
    let picked = if u.0 == v.0 { tie } else { larger };
    if u.0.is_nan() | v.0.is_nan() {
        (f64::NAN, f64::NAN)
    } else {
        picked
    }
}

/// `min(u, v)` as `torch.minimum`, the mirror of [`max`].
pub(crate) fn min(u: Dual, v: Dual) -> Dual {
    let (y, d) = max((-u.0, -u.1), (-v.0, -v.1));
    (-y, -d)
}

/// 1 where `u OP v` holds, else 0; NaN if either side is NaN. The derivative is 0.
/// Written without branches (`|`, selects), so a condition that flips at random points
/// costs no mispredictions.
pub(crate) fn compare(op: Comparison, u: Dual, v: Dual) -> Dual {
    let nan = u.0.is_nan() | v.0.is_nan();
    let y = f64::from(u8::from(op.holds(u.0, v.0)));
    if nan { (f64::NAN, f64::NAN) } else { (y, 0.0) }
}

/// The branch the condition picks, value and derivative (`torch.where`); NaN for a NaN
/// condition.
pub(crate) fn select(condition: f64, then: Dual, otherwise: Dual) -> Dual {
    let picked = if condition == 0.0 { otherwise } else { then };
    if condition.is_nan() {
        (f64::NAN, f64::NAN)
    } else {
        picked
    }
}

/// How many points the tape runs at once.
const BLOCK: usize = 128;

/// The compiled formula: a straight-line program whose last step is the result.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Tape {
    pub(crate) ops: Vec<Op>,
}

impl Tape {
    /// `f(x)` alone.
    pub(crate) fn value(&self, x: f64) -> f64 {
        let mut y = [f64::NAN];
        self.eval(Level::SCALAR, &[x], &mut y, &mut [0.0], None);
        y[0]
    }

    /// `ys[i], dys[i] = f(xs[i]), f'(xs[i])`; the derivative is NaN wherever the value is.
    /// With `underflowed`, also whether each `dys[i]` is a 0 that only underflowed (the exact
    /// derivative is not 0; see [`underflow`]), a second pass over each block.
    pub(crate) fn eval(
        &self,
        level: Level,
        xs: &[f64],
        ys: &mut [f64],
        dys: &mut [f64],
        mut underflowed: Option<&mut [bool]>,
    ) {
        let stride = xs.len().min(BLOCK);
        if stride == 0 || self.ops.is_empty() {
            return;
        }
        let mut values = vec![0.0; self.ops.len() * stride];
        let mut slopes = vec![0.0; self.ops.len() * stride];
        let mut flags = vec![0; underflowed.as_ref().map_or(0, |_| self.ops.len() * stride)];
        let last = (self.ops.len() - 1) * stride;
        let blocks = xs.chunks(stride).zip(ys.chunks_mut(stride));
        for (b, ((x, y), dy)) in blocks.zip(dys.chunks_mut(stride)).enumerate() {
            self.run(level, x, stride, &mut values, &mut slopes);
            let results = values[last..].iter().zip(&slopes[last..]);
            for ((y, dy), (&v, &d)) in y.iter_mut().zip(dy).zip(results) {
                *y = v;
                *dy = if v.is_nan() { v } else { d };
            }
            if let Some(out) = underflowed.as_deref_mut() {
                underflow::mark(&self.ops, &values, &slopes, stride, x.len(), &mut flags);
                let out = &mut out[b * stride..b * stride + x.len()];
                for ((o, &f), &v) in out.iter_mut().zip(&flags[last..]).zip(&values[last..]) {
                    *o = f & underflow::SLOPE != 0 && !v.is_nan();
                }
            }
        }
    }

    /// Runs every step over the block `xs`, step k's results at `[k·stride, k·stride + n)`.
    fn run(&self, level: Level, xs: &[f64], stride: usize, values: &mut [f64], slopes: &mut [f64]) {
        let n = xs.len();
        for (k, op) in self.ops.iter().enumerate() {
            let (done, rest) = values.split_at_mut(k * stride);
            let (done_slopes, rest_slopes) = slopes.split_at_mut(k * stride);
            let out = (&mut rest[..n], &mut rest_slopes[..n]);
            let get = |s: usize| {
                let range = s * stride..s * stride + n;
                (&done[range.clone()], &done_slopes[range])
            };
            match *op {
                Op::X => {
                    out.0.copy_from_slice(xs);
                    out.1.fill(1.0);
                }
                Op::Const(c) => {
                    out.0.fill(c);
                    out.1.fill(0.0);
                }
                Op::Neg(a) => map(get(a), out, |(u, du)| (-u, -du)),
                Op::Add(a, b) => map2(get(a), get(b), out, |u, v| (u.0 + v.0, u.1 + v.1)),
                Op::Sub(a, b) => map2(get(a), get(b), out, |u, v| (u.0 - v.0, u.1 - v.1)),
                Op::Mul(a, b) => map2(get(a), get(b), out, mul),
                Op::Div(a, b) => map2(get(a), get(b), out, div),
                Op::Pow(a, b) => map2(get(a), get(b), out, pow),
                Op::AddConst(a, c) => map(get(a), out, |(u, du)| (u + c, du)),
                Op::SubFromConst(c, a) => map(get(a), out, |(u, du)| (c - u, -du)),
                Op::MulConst(a, c) => map(get(a), out, |(u, du)| (u * c, du * c)),
                Op::DivConst(a, c) => map(get(a), out, |(u, du)| (u / c, du / c)),
                Op::ConstDiv(c, a) => map(get(a), out, |u| div((c, 0.0), u)),
                Op::PowConst(a, c) => map(get(a), out, |u| pow_const(u, c)),
                Op::ConstPow(c, a) => map(get(a), out, |u| const_pow(c, u)),
                Op::Math(f, a) => map(get(a), out, |u| math(f, u)),
                Op::Activation(g, p, a) => {
                    // (g(u), g'(u)·u') from the kernel's accurate forms.
                    let (u, du) = get(a);
                    g.value_slice(level, u, p, out.0);
                    g.derivative_slice(level, u, p, out.1);
                    for (d, &du) in out.1.iter_mut().zip(du) {
                        *d *= du;
                    }
                }
                Op::Max(a, b) => map2(get(a), get(b), out, max),
                Op::Min(a, b) => map2(get(a), get(b), out, min),
                Op::Compare(op, a, b) => map2(get(a), get(b), out, |u, v| compare(op, u, v)),
                Op::Where(c, a, b) => {
                    let (conditions, _) = get(c);
                    let ((u, du), (v, dv)) = (get(a), get(b));
                    for (i, &condition) in conditions.iter().enumerate() {
                        (out.0[i], out.1[i]) = select(condition, (u[i], du[i]), (v[i], dv[i]));
                    }
                }
            }
        }
    }
}

type Block<'a> = (&'a [f64], &'a [f64]);
type BlockMut<'a> = (&'a mut [f64], &'a mut [f64]);

#[inline]
fn map(a: Block<'_>, (ys, dys): BlockMut<'_>, f: impl Fn(Dual) -> Dual) {
    let inputs = a.0.iter().zip(a.1);
    for ((y, dy), (&u, &du)) in ys.iter_mut().zip(dys.iter_mut()).zip(inputs) {
        (*y, *dy) = f((u, du));
    }
}

#[inline]
fn map2(a: Block<'_>, b: Block<'_>, (ys, dys): BlockMut<'_>, f: impl Fn(Dual, Dual) -> Dual) {
    let inputs = a.0.iter().zip(a.1).zip(b.0.iter().zip(b.1));
    for ((y, dy), ((&u, &du), (&v, &dv))) in ys.iter_mut().zip(dys.iter_mut()).zip(inputs) {
        (*y, *dy) = f((u, du), (v, dv));
    }
}
