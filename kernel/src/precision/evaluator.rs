//! One activation in one framework and format, element by element, each result flagged.
//!
//! An [`Evaluator`] holds what every element shares: the exact function's limits at ±inf, and
//! the model's own value where it saturates toward each (found once, when an element first
//! comes near it). Each element then costs one run of the model and its flags.

use std::cell::OnceCell;

use super::ops::Events;
use super::{Evaluation, Flag, Framework, Precision, dtype, numpy, pytorch};
use crate::Activation;

/// `(f, f')` of one activation as one framework computes them in one format (see
/// [`super::evaluate`]), for element after element.
#[derive(Debug)]
pub struct Evaluator {
    framework: Framework,
    precision: Precision,
    activation: Activation,
    /// The activation's parameter.
    p: f64,
    /// For `f` (index 0) and `f'` (1), at −inf (0) and +inf (1): the exact limit, where it is
    /// finite and nonzero and the function only approaches it (sigmoid's 1, ELU's −α, SiLU′'s
    /// 1), not where it reaches it (hard tanh's ±1, ELU′ = 1 for x > 0).
    limits: [[Option<f64>; 2]; 2],
    /// Where the model saturates toward each of `limits`, found when first needed.
    saturated: [[OnceCell<Option<Plateau>>; 2]; 2],
}

/// Where a model saturates toward a limit of the activation.
#[derive(Clone, Copy, Debug)]
struct Plateau {
    /// The model's value there, as its arithmetic gives it.
    value: f64,
    /// An |x| where the model is still short of `value`: it saturates farther out (a
    /// derivative that crosses its limit on the way, as GELU′ crosses 1 at x = 0.75, is not
    /// saturated there).
    past: f64,
}

impl Evaluator {
    /// `activation` with parameter `p`, as `framework` computes it in `precision`.
    #[must_use]
    pub fn new(
        framework: Framework,
        precision: Precision,
        activation: Activation,
        p: f64,
    ) -> Evaluator {
        let limits = [false, true].map(|derivative| {
            [f64::NEG_INFINITY, f64::INFINITY].map(|end| {
                let limit = exact(activation, end, p, derivative);
                (limit.is_finite() && limit != 0.0 && smooth_toward(activation, end))
                    .then_some(limit)
            })
        });
        Evaluator {
            framework,
            precision,
            activation,
            p,
            limits,
            saturated: Default::default(),
        }
    }

    /// `(f(x), f'(x))`: `x` first rounded to the format, then the model's formula; each
    /// flagged against the exact value. f64 gives the kernel's values, flagged fine.
    #[must_use]
    pub fn at(&self, x: f64) -> (Evaluation, Evaluation) {
        let (activation, p) = (self.activation, self.p);
        let exact = (activation.value(x, p), activation.derivative(x, p));
        if self.precision == Precision::F64 {
            let fine = |value| Evaluation {
                value,
                format: Precision::F64,
                flag: Flag::Fine,
            };
            return (fine(exact.0), fine(exact.1));
        }
        // The input is rounded to the format first (an input past its range overflows, one
        // below its smallest value underflows, as in the frameworks' tensors).
        let (value, value_events) = self.model(x, false);
        let (derivative, derivative_events) = self.model(x, true);
        let tail = Tail {
            evaluator: self,
            x,
            input_overflows: self.precision.round(x).is_infinite(),
        };
        let value_flag = tail.flag(value, exact.0, value_events, None);
        (
            Evaluation {
                value: value.v,
                format: value.dtype,
                flag: value_flag,
            },
            Evaluation {
                value: derivative.v,
                format: derivative.dtype,
                flag: tail.flag(derivative, exact.1, derivative_events, Some(value_flag)),
            },
        )
    }

    /// The model's `f(x)`, or `f'(x)` when `derivative` (`x` rounded to the format first), and
    /// what went wrong inside it.
    fn model(&self, x: f64, derivative: bool) -> (dtype::Array, Events) {
        let (precision, activation, p) = (self.precision, self.activation, self.p);
        match self.framework {
            Framework::NumPy => {
                let np = dtype::Np::new(precision);
                let x = np.input(x);
                let result = if derivative {
                    numpy::derivative(&np, activation, x, p)
                } else {
                    numpy::value(&np, activation, x, p)
                };
                (result, np.events())
            }
            Framework::PyTorch => {
                let k = pytorch::Kernel::new(precision);
                let x = k.r.r(x);
                let v = if derivative {
                    pytorch::derivative(&k, activation, x, p)
                } else {
                    pytorch::value(&k, activation, x, p)
                };
                (
                    dtype::Array {
                        v,
                        dtype: precision,
                    },
                    k.events(),
                )
            }
        }
    }

    /// Where the model (of `f'` when `derivative`) saturates toward the limit at −inf (`end`
    /// 0) or +inf (1), if the function has one there; computed once.
    fn saturated(&self, derivative: bool, end: usize) -> Option<Plateau> {
        let limit = self.limits[usize::from(derivative)][end]?;
        *self.saturated[usize::from(derivative)][end]
            .get_or_init(|| self.plateau(derivative, [-1.0, 1.0][end], limit))
    }

    /// Where the model stops changing toward `limit` on the side `side` (±1): the first of
    /// |x| = 2, 4, 8 … (up to the format's largest value) where it gives the same value at x
    /// and x/2, within a unit of the limit (so another at x/4, or the scan would have stopped
    /// there). Not the model at ±inf, nor at the largest value: there formulas like
    /// `s·(1 + x·(1 − s))` (SiLU′) or `x·(1 − t²)·(1 + 3κx²)` (GELU-tanh′) give inf·0 = NaN;
    /// and not the first repeat alone: a bump can round alike on both sides of its top
    /// (PyTorch's GELU′(1) and GELU′(2) are both 1.0859375 in bf16).
    fn plateau(&self, derivative: bool, side: f64, limit: f64) -> Option<Plateau> {
        let at = |x: f64| self.model(side * x, derivative).0;
        let mut x = 1.0;
        let mut previous = at(x);
        while 2.0 * x <= self.precision.max() {
            x *= 2.0;
            let next = at(x);
            if next.v == previous.v && within_a_unit(next.dtype, next.v, limit) {
                return Some(Plateau {
                    value: next.v,
                    past: x / 4.0,
                });
            }
            previous = next;
        }
        None
    }
}

/// The exact `f(x)`, or `f'(x)` when `derivative`.
fn exact(activation: Activation, x: f64, p: f64, derivative: bool) -> f64 {
    if derivative {
        activation.derivative(x, p)
    } else {
        activation.value(x, p)
    }
}

/// Whether `activation` is smooth out toward `x`'s side, so that it only approaches its limit
/// there (every piecewise one reaches its own at a finite x).
fn smooth_toward(activation: Activation, x: f64) -> bool {
    match activation {
        Activation::Sigmoid
        | Activation::Tanh
        | Activation::Gelu
        | Activation::GeluTanh
        | Activation::Silu
        | Activation::Mish
        | Activation::Softplus
        | Activation::Softsign => true,
        Activation::Elu | Activation::Selu | Activation::Celu => x < 0.0,
        _ => false,
    }
}

/// Whether `value` is within one unit of `format` of `exact` (both finite).
fn within_a_unit(format: Precision, value: f64, exact: f64) -> bool {
    let exact = format.round(exact);
    if !(value.is_finite() && exact.is_finite()) {
        return false;
    }
    let (bits, min_exponent) = match format {
        Precision::F64 => (53, -1022),
        Precision::F32 => (24, -126),
        Precision::F16 => (11, -14),
        Precision::Bf16 => (8, -126),
    };
    let largest = value.abs().max(exact.abs());
    let exponent = if largest == 0.0 {
        min_exponent
    } else {
        (largest.log2().floor() as i32).max(min_exponent)
    };
    (value - exact).abs() <= 2f64.powi(exponent - (bits - 1))
}

/// One element's flags. Where an exact `f64` value of 0 or ±1 is itself a rounding: in the
/// tails of the smooth functions (|x| > 2), f64 saturates too (tanh(20) is 1.0 in f64), but
/// the exact value is not.
struct Tail<'a> {
    evaluator: &'a Evaluator,
    x: f64,
    /// Whether `x` itself rounds to ±inf in the computation's format.
    input_overflows: bool,
}

impl Tail<'_> {
    /// Whether the exact value is truly `target` (0 or ±1), given its f64 value `exact`.
    fn exactly(&self, exact: f64, target: f64) -> bool {
        exact == target && !(smooth_toward(self.evaluator.activation, self.x) && self.x.abs() > 2.0)
    }

    /// Whether `result` is where the model saturates (of the derivative when `derivative`):
    /// its own value toward a finite, nonzero limit at −inf or +inf that the activation only
    /// approaches (sigmoid's 1, ELU's −α, SiLU′'s 1, each as the model's arithmetic gives it),
    /// out in that tail; never a maximum (tanh'(0) = 1) nor a crossing (GELU′(0.75) = 1).
    fn at_asymptote(&self, result: dtype::Array, derivative: bool) -> bool {
        let limits = self.evaluator.limits[usize::from(derivative)];
        (0..2).any(|end| {
            limits[end].is_some_and(|limit| {
                // the model's saturated value is within a unit of the limit: only a result that
                // is too needs it found
                within_a_unit(result.dtype, result.v, limit)
                    && self
                        .evaluator
                        .saturated(derivative, end)
                        .is_some_and(|plateau| {
                            result.v == plateau.value && [-1.0, 1.0][end] * self.x > plateau.past
                        })
            })
        })
    }

    /// The flag of `result` against the f64 `exact`, given what went wrong inside the
    /// computation; for a derivative, `value_flag` is the value's flag at the same x.
    fn flag(
        &self,
        result: dtype::Array,
        exact: f64,
        events: Events,
        value_flag: Option<Flag>,
    ) -> Flag {
        let value = result.v;
        let derivative = value_flag.is_some();
        let representable = result.dtype.round(exact) != 0.0;
        if self.input_overflows {
            Flag::InputOverflow
        } else if !value.is_finite() && exact.is_finite() {
            Flag::Overflow
        } else if value == 0.0 && !self.exactly(exact, 0.0) {
            if !representable {
                // the result is below the format, whatever happened inside (1 / (1 + inf) in
                // f16 gives the 0 that rounding e^-20 to f16 gives)
                Flag::Underflow
            } else if events.overflowed {
                // an overflow inside made a representable result 0: 1 / (1 + inf)
                Flag::Overflow
            } else if events.underflowed {
                // a term fell below the format (np.exp(-50) in f16 inside GELU'), whatever else
                // saturated on the way
                Flag::Underflow
            } else if events.saturated {
                // erf or tanh reached ±1 and 1 + erf cancelled
                Flag::Saturated
            } else if value_flag == Some(Flag::Saturated) {
                // the value reached its asymptote and the gradient's terms cancelled: s(1 - s)
                Flag::Saturated
            } else {
                // rounded terms cancelled to exactly 0, nothing overflowed, underflowed or
                // saturated
                Flag::Cancelled
            }
        } else if events.overflowed {
            if within_a_unit(result.dtype, value, exact) {
                Flag::OverflowInside
            } else {
                Flag::Overflow
            }
        } else if self.at_asymptote(result, derivative) && !self.exactly(exact, value) {
            Flag::Saturated
        } else {
            Flag::Fine
        }
    }
}
