//! Which zeros on the tape only underflowed: an exact result that is nonzero, rounded to 0.
//!
//! `exp(x)^500` at x = -3 is 0 in `f64`, and so is its derivative, yet neither is 0: a chart
//! must not call such a region dead (f' exactly 0, as ReLU's for x < 0). After the tape has run
//! over a block, this pass marks each step's value and derivative that is 0 though the exact
//! result is not, from its operands: a product or quotient of nonzero finite values, `exp` or
//! a power of a finite argument, an activation outside its dead zones (where its derivative
//! tends to 0, [`Activation::tails`]), and a sum of which a term is so marked. An operation
//! with an exact 0 (`0·u`, a comparison's derivative, `relu` for u < 0) is not marked. The pass
//! only reads what the tape computed (an activation's derivative is taken again where the
//! product came out 0), so a caller that does not ask pays nothing.
//!
//! [`Activation::tails`]: crate::Activation::tails

use super::eval::{Op, const_pow, pow_const};
use super::names::Math;
use crate::regions::Tails;

/// The value is 0 only by underflow.
pub(crate) const VALUE: u8 = 1;
/// The derivative is 0 only by underflow.
pub(crate) const SLOPE: u8 = 2;

const NO_TAILS: Tails = Tails {
    left: false,
    right: false,
};

/// One operand: its value and derivative as computed, and whether each underflowed.
#[derive(Clone, Copy)]
struct In {
    v: f64,
    d: f64,
    tiny_v: bool,
    tiny_d: bool,
}

impl In {
    /// The exact value is nonzero.
    fn v_nonzero(self) -> bool {
        self.v != 0.0 || self.tiny_v
    }

    fn d_nonzero(self) -> bool {
        self.d != 0.0 || self.tiny_d
    }
}

/// The two flags as bits.
fn bits(value: bool, slope: bool) -> u8 {
    (u8::from(value) * VALUE) | (u8::from(slope) * SLOPE)
}

/// Marks, for step k and point i, `flags[k·stride + i]` from the tape's `values` and
/// `slopes` over a block of `n` points (laid out as [`Tape::eval`] runs them).
///
/// [`Tape::eval`]: super::eval::Tape::eval
pub(crate) fn mark(
    ops: &[Op],
    values: &[f64],
    slopes: &[f64],
    stride: usize,
    n: usize,
    flags: &mut [u8],
) {
    for (k, op) in ops.iter().enumerate() {
        let at = |s: usize, i: usize, flags: &[u8]| In {
            v: values[s * stride + i],
            d: slopes[s * stride + i],
            tiny_v: flags[s * stride + i] & VALUE != 0,
            tiny_d: flags[s * stride + i] & SLOPE != 0,
        };
        // An activation's dead zones and tails, once per step.
        let (zones, tails) = match *op {
            Op::Activation(g, p, _) => (g.dead_zones(p), g.tails(p)),
            _ => (Vec::new(), NO_TAILS),
        };
        for i in 0..n {
            let out = (values[k * stride + i], slopes[k * stride + i]);
            let marked = match *op {
                Op::X | Op::Const(_) | Op::Compare(..) => 0,
                Op::Neg(a) => bits(at(a, i, flags).tiny_v, at(a, i, flags).tiny_d),
                Op::Add(a, b) | Op::Sub(a, b) => {
                    let (u, w) = (at(a, i, flags), at(b, i, flags));
                    bits(
                        out.0 == 0.0 && (u.tiny_v || w.tiny_v),
                        out.1 == 0.0 && (u.tiny_d || w.tiny_d),
                    )
                }
                Op::Mul(a, b) => multiply(at(a, i, flags), at(b, i, flags), out),
                Op::Div(a, b) => divide(at(a, i, flags), at(b, i, flags), out),
                Op::Pow(a, b) => raise(at(a, i, flags), at(b, i, flags), out),
                Op::AddConst(a, _) | Op::SubFromConst(_, a) => {
                    let u = at(a, i, flags);
                    bits(out.0 == 0.0 && u.tiny_v, u.tiny_d)
                }
                Op::MulConst(a, c) => multiply(at(a, i, flags), constant(c), out),
                Op::DivConst(a, c) => divide(at(a, i, flags), constant(c), out),
                Op::ConstDiv(c, a) => divide(constant(c), at(a, i, flags), out),
                Op::PowConst(a, c) => raise(at(a, i, flags), constant(c), out),
                Op::ConstPow(c, a) => raise(constant(c), at(a, i, flags), out),
                Op::Math(f, a) => math(f, at(a, i, flags), out),
                Op::Activation(g, p, a) => {
                    let u = at(a, i, flags);
                    let exact_zero = zones.iter().any(|&(lo, hi)| lo <= u.v && u.v <= hi);
                    let live = u.v.is_finite() && !exact_zero;
                    // g'(u) = 0 computed: underflow only in a tail that tends to 0.
                    let slope_nonzero = || {
                        g.derivative(u.v, p) != 0.0
                            || (u.v < 0.0 && tails.left)
                            || (u.v > 0.0 && tails.right)
                    };
                    bits(
                        out.0 == 0.0 && live && u.v_nonzero(),
                        out.1 == 0.0 && live && u.d_nonzero() && slope_nonzero(),
                    )
                }
                Op::Max(a, b) | Op::Min(a, b) => {
                    let (u, w) = (at(a, i, flags), at(b, i, flags));
                    let max = matches!(op, Op::Max(..));
                    if u.v.is_nan() || w.v.is_nan() {
                        0
                    } else if u.v == w.v {
                        bits(
                            out.0 == 0.0 && (u.tiny_v || w.tiny_v),
                            out.1 == 0.0 && (u.tiny_d || w.tiny_d),
                        )
                    } else {
                        let picked = if (u.v > w.v) == max { u } else { w };
                        bits(picked.tiny_v, picked.tiny_d)
                    }
                }
                Op::Where(c, a, b) => {
                    let condition = values[c * stride + i];
                    let picked = at(if condition == 0.0 { b } else { a }, i, flags);
                    if condition.is_nan() {
                        0
                    } else {
                        bits(picked.tiny_v, picked.tiny_d)
                    }
                }
            };
            flags[k * stride + i] = marked;
        }
    }
}

/// A folded constant as an operand: exact, its derivative 0.
fn constant(c: f64) -> In {
    In {
        v: c,
        d: 0.0,
        tiny_v: false,
        tiny_d: false,
    }
}

/// `a·b = 0` though neither factor is exactly 0 (both finite, so not `∞·0`).
fn product_underflows(result: f64, a: bool, b: bool) -> bool {
    result == 0.0 && a && b
}

/// `(u·v, u'·v + u·v')`.
fn multiply(u: In, w: In, (y, d): (f64, f64)) -> u8 {
    let first = product_underflows(u.d * w.v, u.d_nonzero(), w.v_nonzero());
    let second = product_underflows(u.v * w.d, u.v_nonzero(), w.d_nonzero());
    bits(
        product_underflows(y, u.v_nonzero(), w.v_nonzero()),
        d == 0.0 && (first || second),
    )
}

/// `(q, (u' - q·v')/v)` with `q = u/v`: a nonzero over a finite divisor.
fn divide(u: In, w: In, (q, d): (f64, f64)) -> u8 {
    let tiny_q = q == 0.0 && u.v_nonzero() && w.v.is_finite();
    let t = q * w.d;
    let tiny_t = product_underflows(t, q != 0.0 || tiny_q, w.d_nonzero());
    let s = u.d - t;
    let tiny_s = s == 0.0 && (u.tiny_d || tiny_t);
    bits(tiny_q, d == 0.0 && (s != 0.0 || tiny_s) && w.v.is_finite())
}

/// `u^v` and both terms of its derivative, each recomputed as [`super::eval::pow`] does.
fn raise(u: In, w: In, (y, d): (f64, f64)) -> u8 {
    let finite = u.v.is_finite() && w.v.is_finite();
    let tiny_y = y == 0.0 && u.v_nonzero() && finite;
    // c·u^(c-1)·u', exactly 0 for c = 0.
    let from_base = pow_const((u.v, u.d), w.v).1;
    let tiny_base = from_base == 0.0 && w.v != 0.0 && finite && u.v_nonzero() && u.d_nonzero();
    // u^v·ln u·v', exactly 0 for u = 1 (and for u = 0, v >= 0 by convention).
    let from_exponent = const_pow(u.v, (w.v, w.d)).1;
    let tiny_exponent =
        from_exponent == 0.0 && u.v_nonzero() && u.v != 1.0 && finite && w.d_nonzero();
    bits(tiny_y, d == 0.0 && (tiny_base || tiny_exponent))
}

/// The functions of one argument.
fn math(f: Math, u: In, (y, d): (f64, f64)) -> u8 {
    let finite = u.v.is_finite();
    let tiny_y = y == 0.0
        && match f {
            Math::Exp | Math::Erfc => finite,
            Math::Sin | Math::Log1p | Math::Expm1 | Math::Sqrt | Math::Abs | Math::Erf => {
                u.v_nonzero()
            }
            Math::Ln | Math::Cos => false,
        };
    // Each derivative is u' times a factor; is that factor exactly nonzero?
    let factor = match f {
        Math::Exp => y != 0.0 || tiny_y,
        Math::Sqrt => y.is_finite(),
        Math::Abs | Math::Cos => u.v_nonzero() && finite,
        Math::Ln | Math::Log1p | Math::Expm1 | Math::Sin | Math::Erf | Math::Erfc => finite,
    };
    bits(tiny_y, d == 0.0 && factor && u.d_nonzero())
}

#[cfg(test)]
mod tests {
    use super::super::Formula;
    use crate::simd::Level;

    /// Whether f'(x) is 0 only by underflow, at the scalar level and the best one.
    fn underflows(text: &str, x: f64) -> bool {
        let formula = Formula::parse(text, &[]).unwrap();
        let answers = [Level::SCALAR, Level::best()].map(|level| {
            let (mut y, mut dy, mut tiny) = ([0.0], [0.0], [false]);
            formula.eval_slice_underflow(level, &[x], &mut y, &mut dy, &mut tiny);
            assert!(
                !tiny[0] || dy[0] == 0.0,
                "{text} at {x}: marked but {}",
                dy[0]
            );
            tiny[0]
        });
        assert_eq!(answers[0], answers[1], "{text} at {x}: the levels disagree");
        answers[0]
    }

    #[test]
    fn an_underflowed_derivative_is_marked() {
        assert!(underflows("exp(x)^500", -3.0));
        assert!(underflows("exp(-x^2)", 30.0));
        assert!(underflows("exp(-x^2)", -30.0));
        assert!(underflows("exp(x)", -800.0));
        assert!(underflows("2 * exp(x) + 1", -800.0));
        assert!(underflows("x * exp(x)", -800.0));
        assert!(underflows("exp(x) / (1 + x^2)", -800.0));
        assert!(underflows("sigmoid(x)", -800.0));
        assert!(underflows("x * sigmoid(x)", -800.0));
        assert!(underflows("gelu(x)", -50.0));
        assert!(underflows("softplus(x)^3", -800.0));
        assert!(underflows("sin(exp(x))", -800.0));
        assert!(underflows("where(x > 0, x, exp(x))", -800.0));
        assert!(underflows("max(exp(x), 0)", -800.0));
        assert!(underflows("2^x", -1100.0));
        assert!(underflows("exp(-x)^x", 30.0));
    }

    #[test]
    fn an_exact_zero_is_not() {
        assert!(!underflows("relu(x)", -3.0));
        assert!(!underflows("relu(exp(x) - 1)", -800.0));
        assert!(!underflows("max(0, x)", -3.0));
        assert!(!underflows("where(x > 0, x, 0)", -3.0));
        assert!(!underflows("where(x > 0, x, 0 * exp(x))", -800.0));
        assert!(!underflows("(x > 0) * x", -3.0));
        assert!(!underflows("hardswish(x)", -1.5));
        assert!(!underflows("hardsigmoid(x)", -800.0));
        assert!(!underflows("x^2", 0.0));
        assert!(!underflows("1^x", 3.0));
        assert!(!underflows("exp(x) - exp(x)", 0.0));
        assert!(!underflows("sin(x)", 0.0));
        // Not 0 at all.
        assert!(!underflows("exp(x)", -700.0));
        assert!(!underflows("exp(-x^2)", 20.0));
    }
}
