//! One activation in one framework and format, element by element, each result flagged.
//!
//! An [`Evaluator`] holds what every element shares: the model's own values at ±inf, where it
//! saturates. Each element then costs one run of the model and its flags.

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
    /// For `f` (index 0) and `f'` (1), at −inf and +inf: the model's own value, where it is
    /// finite and nonzero and the activation only approaches it (sigmoid's 1, ELU's −α), not
    /// where it reaches it (hard tanh's ±1, ELU′ = 1 for x > 0).
    saturated: [[Option<f64>; 2]; 2],
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
        let mut evaluator = Evaluator {
            framework,
            precision,
            activation,
            p,
            saturated: [[None; 2]; 2],
        };
        if precision != Precision::F64 {
            let at_ends = [f64::NEG_INFINITY, f64::INFINITY].map(|end| {
                let (value, _, derivative, _) = evaluator.model(end);
                (end, [value.v, derivative.v])
            });
            evaluator.saturated = [0, 1].map(|d| {
                at_ends.map(|(end, limits)| {
                    let limit = limits[d];
                    // every piecewise activation has reached its limit by |x| = 8, no smooth
                    // one has
                    let derivative = d == 1;
                    let approached = exact(activation, end.signum() * 8.0, p, derivative)
                        != exact(activation, end, p, derivative);
                    (limit.is_finite() && limit != 0.0 && approached).then_some(limit)
                })
            });
        }
        evaluator
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
        let (value, value_events, derivative, derivative_events) = self.model(x);
        let tail = Tail {
            evaluator: self,
            x,
            input_overflows: self.precision.round(x).is_infinite(),
        };
        (
            Evaluation {
                value: value.v,
                format: value.dtype,
                flag: tail.flag(value, exact.0, value_events, false),
            },
            Evaluation {
                value: derivative.v,
                format: derivative.dtype,
                flag: tail.flag(derivative, exact.1, derivative_events, true),
            },
        )
    }

    /// The model's `(f, events of f, f', events of f')` at `x` (rounded to the format first).
    fn model(&self, x: f64) -> (dtype::Array, Events, dtype::Array, Events) {
        let (precision, activation, p) = (self.precision, self.activation, self.p);
        match self.framework {
            Framework::NumPy => {
                let (m, d) = (dtype::Np::new(precision), dtype::Np::new(precision));
                let value = numpy::value(&m, activation, m.input(x), p);
                let derivative = numpy::derivative(&d, activation, d.input(x), p);
                (value, m.events(), derivative, d.events())
            }
            Framework::PyTorch => {
                let (k, g) = (
                    pytorch::Kernel::new(precision),
                    pytorch::Kernel::new(precision),
                );
                let value = pytorch::value(&k, activation, k.r.r(x), p);
                let derivative = pytorch::derivative(&g, activation, g.r.r(x), p);
                let tensor = |v| dtype::Array {
                    v,
                    dtype: precision,
                };
                (tensor(value), k.events(), tensor(derivative), g.events())
            }
        }
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

/// Whether `activation` is smooth out toward `x`'s side.
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

    /// Whether `result` is where the model saturates (of the derivative when `derivative`): its
    /// own finite, nonzero value at −inf or +inf (sigmoid's 1, ELU's −α, softplus' 1, each as
    /// the model's arithmetic gives it), for a limit the activation only approaches, and never a
    /// maximum (tanh'(0) = 1).
    fn at_asymptote(&self, result: dtype::Array, derivative: bool) -> bool {
        self.evaluator.saturated[usize::from(derivative)].contains(&Some(result.v))
    }

    /// The flag of `result` (a derivative when `derivative`) against the f64 `exact`, given
    /// what went wrong inside the computation.
    fn flag(&self, result: dtype::Array, exact: f64, events: Events, derivative: bool) -> Flag {
        let value = result.v;
        let representable = result.dtype.round(exact) != 0.0;
        if self.input_overflows {
            Flag::InputOverflow
        } else if !value.is_finite() && exact.is_finite() {
            Flag::Overflow
        } else if value == 0.0 && !representable && !self.exactly(exact, 0.0) {
            // the result is below the format, whatever happened inside (1 / (1 + inf) in f16
            // gives the 0 that rounding e^-20 to f16 gives)
            Flag::Underflow
        } else if events.overflowed {
            if within_a_unit(result.dtype, value, exact) {
                Flag::OverflowInside
            } else {
                Flag::Overflow
            }
        } else if value == 0.0 && !self.exactly(exact, 0.0) {
            if events.saturated || (derivative && representable) {
                // erf or tanh reached ±1 and 1 + erf cancelled; or s = 1 made s(1 - s) = 0
                Flag::Saturated
            } else if events.underflowed {
                Flag::Underflow
            } else {
                // a cancellation of rounded terms, nothing overflowed, underflowed or saturated
                Flag::Fine
            }
        } else if self.at_asymptote(result, derivative) && !self.exactly(exact, value) {
            Flag::Saturated
        } else {
            Flag::Fine
        }
    }
}
