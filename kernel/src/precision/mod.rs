//! What an activation gives in lower precision, computed the way frameworks do (every operation
//! rounded to the format), and where it breaks: overflow, underflow, or saturating to exactly
//! ±1 (f32 sigmoid is exactly 1.0 past x ≈ 16.6; exp overflows past 88.7 in f32, 11.09 in f16).

pub mod round;

use half::{bf16, f16};

use super::Activation;
use crate::scalar::{SELU_ALPHA, SELU_SCALE, relu};

/// A floating-point format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    /// IEEE double, the kernel's own.
    F64,
    /// IEEE single.
    F32,
    /// IEEE half: 5 exponent bits, max 65504.
    F16,
    /// bfloat16: f32's range with 8 significant bits.
    Bf16,
}

impl Precision {
    /// The formats in the order a key cycles them.
    pub const ALL: [Precision; 4] = [
        Precision::F64,
        Precision::F32,
        Precision::F16,
        Precision::Bf16,
    ];

    /// Its usual name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Precision::F64 => "f64",
            Precision::F32 => "f32",
            Precision::F16 => "f16",
            Precision::Bf16 => "bf16",
        }
    }

    /// The next format (f64 after bf16).
    #[must_use]
    pub fn next(self) -> Precision {
        match self {
            Precision::F64 => Precision::F32,
            Precision::F32 => Precision::F16,
            Precision::F16 => Precision::Bf16,
            Precision::Bf16 => Precision::F64,
        }
    }

    /// `v` rounded to this format: to nearest, ties to even, overflow to ±inf (correctly, see
    /// [`round`]).
    #[must_use]
    pub fn round(self, v: f64) -> f64 {
        match self {
            Precision::F64 => v,
            Precision::F32 => f64::from(round::to_f32(v)),
            Precision::F16 => round::to_f16(v).to_f64(),
            Precision::Bf16 => round::to_bf16(v).to_f64(),
        }
    }

    /// The largest x whose `e^x` is finite in this format: `ln(max)`.
    #[must_use]
    pub fn exp_limit(self) -> f64 {
        let max = match self {
            Precision::F64 => f64::MAX,
            Precision::F32 => f64::from(f32::MAX),
            Precision::F16 => f16::MAX.to_f64(),
            Precision::Bf16 => bf16::MAX.to_f64(),
        };
        max.ln()
    }
}

/// How a low-precision result went wrong, if it did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    /// Within rounding of the exact value.
    Fine,
    /// Exactly ±1 (or its derivative exactly 0) where the exact value is not: saturated.
    Saturated,
    /// An exponential or the result overflowed to infinity (or became NaN).
    Overflow,
    /// The result is 0 where the exact value is not.
    Underflow,
}

impl Flag {
    /// A short word for a status line.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Flag::Fine => "",
            Flag::Saturated => "saturated",
            Flag::Overflow => "overflow",
            Flag::Underflow => "underflow",
        }
    }
}

/// A value computed in some precision, and what went wrong.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Evaluation {
    /// The result, as the format holds it.
    pub value: f64,
    /// Overflow, underflow, saturation, or fine.
    pub flag: Flag,
}

/// Computes with every operation rounded to the format.
struct Rounded(Precision);

impl Rounded {
    fn r(&self, v: f64) -> f64 {
        self.0.round(v)
    }

    fn exp(&self, v: f64) -> f64 {
        self.r(self.r(v).exp())
    }

    fn sigmoid(&self, x: f64) -> f64 {
        // 1 / (1 + exp(-x)), as frameworks write it.
        self.r(1.0 / self.r(1.0 + self.exp(-x)))
    }

    fn tanh(&self, x: f64) -> f64 {
        self.r(self.r(x).tanh())
    }

    fn softplus_naive(&self, x: f64, beta: f64) -> f64 {
        // log(1 + exp(βx)) / β: exp overflows first.
        self.r(self.r(self.r(1.0 + self.exp(self.r(beta * x))).ln()) / beta)
    }

    /// SELU's `λα`, as PyTorch forms it in the format (`alpha * scale`).
    fn selu_negative_coefficient(&self) -> f64 {
        self.r(self.r(SELU_ALPHA) * self.r(SELU_SCALE))
    }

    /// `min(max(x + 3, 0), 6)`, the clipped sum inside hard sigmoid and hard swish.
    fn relu6_of_x_plus_3(&self, x: f64) -> f64 {
        self.r(x + 3.0).clamp(0.0, 6.0)
    }
}

/// `f(x)` of `activation` with parameter `p` in `precision`, the input first rounded to it, each
/// operation rounded as a framework computing in that format would; flagged against the exact
/// value.
#[must_use]
pub fn evaluate(precision: Precision, activation: Activation, x: f64, p: f64) -> Evaluation {
    let exact = activation.value(x, p);
    let m = Rounded(precision);
    let x = m.r(x);
    let p = m.r(p);
    let value = match activation {
        Activation::Sigmoid => m.sigmoid(x),
        Activation::Tanh => m.tanh(x),
        Activation::Silu => m.r(x * m.sigmoid(x)),
        Activation::Elu if x <= 0.0 => m.r(p * m.r(m.exp(x) - 1.0)),
        Activation::Gelu => {
            let erf = m.r(libm::erf(m.r(x * std::f64::consts::FRAC_1_SQRT_2)));
            m.r(m.r(0.5 * x) * m.r(1.0 + erf))
        }
        Activation::GeluTanh => {
            let inner = m.r(0.797_884_560_802_865_4 * m.r(x + m.r(0.044_715 * m.r(x * x * x))));
            m.r(m.r(0.5 * x) * m.r(1.0 + m.tanh(inner)))
        }
        Activation::Mish => m.r(x * m.tanh(m.softplus_naive(x, 1.0))),
        Activation::Softplus => m.softplus_naive(x, p),
        // As PyTorch's kernels write them (aten/src/ATen/native/cpu/Activation.cpp): elu with
        // the coefficients rounded to the format, `(exp(x·(1/α)) - 1)·α·λ` below 0.
        Activation::Selu if x > 0.0 => m.r(x * m.r(SELU_SCALE)),
        Activation::Selu => m.r(m.r(m.exp(x) - 1.0) * m.selu_negative_coefficient()),
        Activation::Celu if x > 0.0 => x,
        Activation::Celu => m.r(m.r(m.exp(m.r(x * m.r(1.0 / p))) - 1.0) * p),
        // Clamps: exact in every format, NaN kept, -0 made 0.
        Activation::Relu6 => x.clamp(0.0, 6.0) + 0.0,
        Activation::HardTanh => x.clamp(-1.0, 1.0) + 0.0,
        Activation::HardSigmoid => m.r(m.relu6_of_x_plus_3(x) / 6.0),
        Activation::HardSwish => m.r(m.r(x * m.relu6_of_x_plus_3(x)) / 6.0) + 0.0,
        // torch.nn.functional.softsign: `input / (input.abs() + 1)`.
        Activation::Softsign => m.r(x / m.r(x.abs() + 1.0)) + 0.0,
        Activation::SquaredRelu => {
            let r = relu(x);
            m.r(r * r)
        }
        // One operation or none: relu, step, leaky relu's α·x, elu's x for x > 0.
        Activation::Step | Activation::Relu | Activation::LeakyRelu | Activation::Elu => {
            m.r(activation.value(x, p))
        }
    };
    Evaluation {
        value,
        flag: flag(value, exact, precision, x),
    }
}

/// `f'(x)` in `precision`: sigmoid' as `s(1 - s)` and tanh' as `1 - t²` from the rounded
/// values (so they vanish exactly once `s` or `t` saturates), the others rounded.
#[must_use]
pub fn evaluate_derivative(
    precision: Precision,
    activation: Activation,
    x: f64,
    p: f64,
) -> Evaluation {
    let exact = activation.derivative(x, p);
    let m = Rounded(precision);
    let x = m.r(x);
    let value = match activation {
        Activation::Sigmoid => {
            let s = m.sigmoid(x);
            m.r(s * m.r(1.0 - s))
        }
        Activation::Tanh => {
            let t = m.tanh(x);
            m.r(1.0 - m.r(t * t))
        }
        // elu_backward_kernel with the coefficients in the format.
        Activation::Selu if x > 0.0 => m.r(SELU_SCALE),
        Activation::Selu => m.r(m.selu_negative_coefficient() * m.exp(x)),
        Activation::Celu if x > 0.0 => 1.0,
        Activation::Celu => {
            let p = m.r(p);
            let inverse = m.r(1.0 / p);
            m.r(m.r(inverse * p) * m.exp(m.r(x * inverse)))
        }
        Activation::HardSwish if x > -3.0 && x < 3.0 => m.r(m.r(x / 3.0) + 0.5),
        // Autograd through `x / (|x| + 1)`: `1/d - sgn(x)·(x/d)/d` (DivBackward's
        // `-grad * ((self / other) / other)`, torch/csrc/autograd/FunctionsManual.cpp
        // div_tensor_other_backward), which cancels for large |x|.
        Activation::Softsign => {
            let d = m.r(x.abs() + 1.0);
            m.r(m.r(1.0 / d) - m.r(m.r(x / d) / d) * x.signum())
        }
        Activation::SquaredRelu => m.r(2.0 * relu(x)),
        // Constants (0, 1, 1/6, α), and for the smooth ones the f64 derivative rounded once.
        Activation::Step
        | Activation::Relu
        | Activation::LeakyRelu
        | Activation::Elu
        | Activation::Gelu
        | Activation::GeluTanh
        | Activation::Silu
        | Activation::Mish
        | Activation::Softplus
        | Activation::Relu6
        | Activation::HardTanh
        | Activation::HardSigmoid
        | Activation::HardSwish => m.r(activation.derivative(x, m.r(p))),
    };
    let flag = if value == 0.0 && exact != 0.0 {
        Flag::Saturated
    } else {
        flag(value, exact, precision, x)
    };
    Evaluation { value, flag }
}

/// The naive softmax `exp(x_i) / Σ exp(x_j)` with every operation in `precision` (NaN once an
/// exponential overflows, which in f16 is past x = 11.09).
#[must_use]
pub fn naive_softmax(precision: Precision, xs: &[f64], t: f64) -> Vec<f64> {
    let m = Rounded(precision);
    let exps: Vec<f64> = xs.iter().map(|&x| m.exp(m.r(m.r(x) / t))).collect();
    let sum = exps.iter().fold(0.0, |acc, &e| m.r(acc + e));
    exps.iter().map(|&e| m.r(e / sum)).collect()
}

/// The naive log-softmax `ln(exp(x_i) / Σ exp(x_j))` in `precision`: `-inf` where the
/// probability underflows, NaN where an exponential overflows. The stable
/// `(x_i - m) - ln Σ e^(x_j - m)` stays finite for finite input in every format.
#[must_use]
pub fn naive_log_softmax(precision: Precision, xs: &[f64], t: f64) -> Vec<f64> {
    let m = Rounded(precision);
    naive_softmax(precision, xs, t)
        .into_iter()
        .map(|p| m.r(p.ln()))
        .collect()
}

/// Softplus `max(x, 0) + ln(1 + e^-|βx|) / β` in `precision`: finite where the naive form
/// overflows.
#[must_use]
pub fn stable_softplus(precision: Precision, x: f64, beta: f64) -> f64 {
    let m = Rounded(precision);
    let x = m.r(x);
    let z = m.r(beta * x);
    let tail = m.r(m.r(m.exp(-z.abs()).ln_1p()) / beta);
    m.r(x.max(0.0) + tail)
}

fn flag(value: f64, exact: f64, precision: Precision, x: f64) -> Flag {
    if !value.is_finite() && exact.is_finite() {
        Flag::Overflow
    } else if value == 0.0 && exact != 0.0 && x != 0.0 {
        Flag::Underflow
    } else if value.abs() == 1.0 && exact.abs() != 1.0 {
        Flag::Saturated
    } else if precision != Precision::F64 && x.abs() > precision.exp_limit() && exact.is_finite() {
        // An exponential inside overflowed even if the result came out finite (softplus, mish).
        match value {
            v if (v - exact).abs() > 1e-2 * exact.abs().max(1.0) => Flag::Overflow,
            _ => Flag::Fine,
        }
    } else {
        Flag::Fine
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f32_sigmoid_is_exactly_one_past_16_6() {
        let at = |x: f64| evaluate(Precision::F32, Activation::Sigmoid, x, 0.0);
        assert!(at(16.0).value < 1.0);
        assert_eq!(at(17.0).value, 1.0);
        assert_eq!(at(17.0).flag, Flag::Saturated);
        assert_eq!(at(0.5).flag, Flag::Fine);
        // and its gradient s(1 - s) is then exactly 0
        let d = evaluate_derivative(Precision::F32, Activation::Sigmoid, 17.0, 0.0);
        assert_eq!((d.value, d.flag), (0.0, Flag::Saturated));
        // f64 holds on until about 36.7
        assert!(evaluate(Precision::F64, Activation::Sigmoid, 30.0, 0.0).value < 1.0);
    }

    #[test]
    fn exp_overflows_at_the_formats_limits() {
        assert!((Precision::F32.exp_limit() - 88.72).abs() < 0.01);
        assert!((Precision::F16.exp_limit() - 11.09).abs() < 0.01);
        assert!((Precision::F64.exp_limit() - 709.78).abs() < 0.01);
        let f16 = evaluate(Precision::F16, Activation::Softplus, 12.0, 1.0);
        assert_eq!(f16.flag, Flag::Overflow);
        assert_eq!(
            evaluate(Precision::F32, Activation::Softplus, 12.0, 1.0).flag,
            Flag::Fine
        );
        let naive = naive_softmax(Precision::F16, &[12.0, 1.0], 1.0);
        assert!(naive[0].is_nan());
        assert!(naive_softmax(Precision::F32, &[12.0, 1.0], 1.0)[0] > 0.99);
    }

    #[test]
    fn naive_forms_break_where_stable_ones_do_not() {
        let naive = naive_log_softmax(Precision::F32, &[0.0, -120.0], 1.0);
        assert_eq!(naive[1], f64::NEG_INFINITY, "e^-120 underflows in f32");
        let naive = evaluate(Precision::F32, Activation::Softplus, 100.0, 1.0);
        assert_eq!(naive.flag, Flag::Overflow);
        assert_eq!(stable_softplus(Precision::F32, 100.0, 1.0), 100.0);
    }

    #[test]
    fn rounding_and_underflow() {
        assert_eq!(Precision::Bf16.round(1.0 + 1.0 / 256.0), 1.0);
        assert_eq!(Precision::F16.round(1e5), f64::INFINITY);
        let tiny = evaluate(Precision::F16, Activation::Sigmoid, -20.0, 0.0);
        assert_eq!((tiny.value, tiny.flag), (0.0, Flag::Underflow));
        let names: Vec<&str> = Precision::ALL.iter().map(|p| p.name()).collect();
        assert_eq!(names, ["f64", "f32", "f16", "bf16"]);
        assert_eq!(Precision::Bf16.next(), Precision::F64);
    }

    #[test]
    fn added_activations_are_computed_in_the_format() {
        let added = [
            Activation::Selu,
            Activation::Celu,
            Activation::Relu6,
            Activation::HardTanh,
            Activation::HardSigmoid,
            Activation::HardSwish,
            Activation::Softsign,
            Activation::SquaredRelu,
        ];
        for precision in [Precision::F32, Precision::F16, Precision::Bf16] {
            // An ulp of 1 in the format.
            let eps = match precision {
                Precision::F16 => 1.0 / 1024.0,
                Precision::Bf16 => 1.0 / 128.0,
                _ => f64::from(f32::EPSILON),
            };
            for a in added {
                let p = a.default_param();
                for i in -40..=40 {
                    let x = f64::from(i) / 8.0 + 1.0 / 64.0;
                    for (got, exact) in [
                        (
                            evaluate(precision, a, x, p).value,
                            a.value(precision.round(x), p),
                        ),
                        (
                            evaluate_derivative(precision, a, x, p).value,
                            a.derivative(precision.round(x), p),
                        ),
                    ] {
                        assert_eq!(precision.round(got), got, "{} not in the format", a.name());
                        assert!(
                            (got - exact).abs() <= 4.0 * eps * exact.abs().max(1.0),
                            "{} {}({x}) = {got}, exact {exact}",
                            precision.name(),
                            a.name()
                        );
                    }
                }
            }
        }
        // x² overflows f16 (max 65504) past x = 256.
        let squared = evaluate(Precision::F16, Activation::SquaredRelu, 300.0, 0.0);
        assert_eq!(
            (squared.value, squared.flag),
            (f64::INFINITY, Flag::Overflow)
        );
        // softsign' as autograd computes it, 1/d - (|x|/d)/d, cancels: in bf16 at x = 300 it is
        // 0 where the exact value is 1.1e-5 (f16 keeps it).
        let d = evaluate_derivative(Precision::Bf16, Activation::Softsign, 300.0, 0.0);
        assert_eq!((d.value, d.flag), (0.0, Flag::Saturated));
        // No -0 where the function is 0.
        let zero = evaluate(Precision::F16, Activation::HardSwish, -0.0, 0.0).value;
        assert!(zero == 0.0 && zero.is_sign_positive());
    }
}
