//! The public element-wise API: which activations there are, their parameters, `f` and `f'`.
//!
//! Each for one value ([`crate::scalar`]) or a slice (vectorised where a [`Level`] allows); and the
//! most a gradient can be multiplied by per layer.
//!
//! Every function is written in a form that stays accurate over the whole `f64` range: the
//! exponentials only ever see `-|x|`, so nothing overflows, and differences that would cancel are
//! rewritten (`expm1`, `ln_1p`, `erfc`). NaN in gives NaN out; nothing turns NaN into a number.

use crate::scalar::{
    SELU_SCALE_ALPHA, celu, celu_derivative, hard_sigmoid, hard_sigmoid_derivative, hard_swish,
    hard_swish_derivative, hard_tanh, hard_tanh_derivative, relu6, relu6_derivative, selu,
    selu_derivative, softsign, softsign_derivative, squared_relu, squared_relu_derivative,
};
use crate::scalar::{
    elu, elu_derivative, gelu, gelu_derivative, gelu_tanh, gelu_tanh_derivative, leaky_relu,
    leaky_relu_derivative, mish, mish_derivative, relu, sigmoid, sigmoid_derivative, silu,
    silu_derivative, softplus, softplus_derivative, step, step_derivative, tanh_derivative,
};
use crate::simd::{self, Kernel, Level};

/// An element-wise activation function.
///
/// The parameter, for those that have one, is passed to [`Activation::value`] and
/// [`Activation::derivative`]; [`Activation::param`] describes it (meaning, default, valid range).
/// Functions without a parameter ignore the value passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Activation {
    /// Heaviside step: `1` for `x > 0`, else `0`.
    Step,
    /// Logistic sigmoid `σ(x) = 1 / (1 + e^-x)`.
    Sigmoid,
    /// Hyperbolic tangent.
    Tanh,
    /// Rectified linear unit `max(x, 0)`.
    Relu,
    /// Leaky ReLU: `x` for `x > 0`, else `α·x`.
    LeakyRelu,
    /// Exponential linear unit: `x` for `x > 0`, else `α·(e^x - 1)`.
    Elu,
    /// Exact GELU `x·Φ(x)`, Φ the standard normal CDF.
    Gelu,
    /// The tanh approximation of GELU.
    GeluTanh,
    /// SiLU / Swish `x·σ(βx)` (β = 1 is SiLU; other β is Swish-β).
    Silu,
    /// Mish `x·tanh(softplus(x))`.
    Mish,
    /// Softplus `ln(1 + e^(βx)) / β`.
    Softplus,
    /// Scaled ELU: `λx` for `x > 0`, else `λα·(e^x - 1)`, λ ≈ 1.0507, α ≈ 1.6733.
    Selu,
    /// Continuously differentiable ELU: `x` for `x > 0`, else `α·(e^(x/α) - 1)`, `α > 0`.
    Celu,
    /// ReLU capped at 6: `min(max(x, 0), 6)`.
    Relu6,
    /// Hard tanh `min(max(x, -1), 1)`.
    HardTanh,
    /// Hard sigmoid `min(max(x/6 + ½, 0), 1)` (PyTorch's definition).
    HardSigmoid,
    /// Hard swish `x·min(max(x + 3, 0), 6) / 6 = x·hard_sigmoid(x)`.
    HardSwish,
    /// Softsign `x / (1 + |x|)`.
    Softsign,
    /// Squared ReLU `max(x, 0)²`.
    SquaredRelu,
}

/// The tunable parameter of an activation: what it means, its default and the values it accepts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParamSpec {
    /// Short symbol used in formulas and on screen, e.g. `α`.
    pub symbol: &'static str,
    /// ASCII name of the symbol, e.g. `alpha`.
    pub name: &'static str,
    /// One-line meaning.
    pub meaning: &'static str,
    /// The value used when none is given.
    pub default: f64,
    /// Smallest accepted value.
    pub min: f64,
    /// Whether `min` itself is refused (`β > 0` rather than `β >= 0`).
    pub min_exclusive: bool,
    /// Largest accepted value.
    pub max: f64,
    /// A sensible step for changing the value interactively.
    pub step: f64,
}

impl ParamSpec {
    /// Whether `value` is finite and inside the accepted range.
    #[must_use]
    pub fn accepts(&self, value: f64) -> bool {
        value.is_finite()
            && value <= self.max
            && if self.min_exclusive {
                value > self.min
            } else {
                value >= self.min
            }
    }

    /// The accepted range as text, e.g. `β > 0` or `0 <= α <= 1`.
    #[must_use]
    pub fn range_text(&self) -> String {
        let lower = if self.min_exclusive { ">" } else { ">=" };
        match (self.min.is_finite(), self.max.is_finite()) {
            (true, true) => format!("{} <= {} <= {}", self.min, self.name, self.max),
            (true, false) => format!("{} {lower} {}", self.name, self.min),
            (false, true) => format!("{} <= {}", self.name, self.max),
            (false, false) => "any finite value".to_string(),
        }
    }
}

const ALPHA_LEAKY: ParamSpec = ParamSpec {
    symbol: "α",
    name: "alpha",
    meaning: "slope for x < 0",
    default: 0.01,
    min: f64::NEG_INFINITY,
    min_exclusive: false,
    max: f64::INFINITY,
    step: 0.01,
};

const ALPHA_ELU: ParamSpec = ParamSpec {
    symbol: "α",
    name: "alpha",
    // elu(x) = α·(e^x - 1) -> -α as x -> -inf, for every α; a lower bound only for α > 0.
    meaning: "f -> -α as x -> -inf; the lower bound when α > 0",
    default: 1.0,
    min: 0.0,
    min_exclusive: false,
    max: f64::INFINITY,
    step: 0.1,
};

const ALPHA_CELU: ParamSpec = ParamSpec {
    symbol: "α",
    name: "alpha",
    meaning: "f -> -α as x -> -inf, and the scale of x inside the exponential",
    default: 1.0,
    // PyTorch refuses α = 0 ("ZeroDivisionError: alpha cannot be 0 for CELU",
    // aten/src/ATen/native/Activation.cpp); the formula divides by α and is defined for α > 0.
    min: 0.0,
    min_exclusive: true,
    max: f64::INFINITY,
    step: 0.1,
};

/// Swish's β (Ramachandran, Zoph and Le, 2017): β = 1 is SiLU, β -> inf approaches ReLU,
/// β = 1.702 approximates GELU. The formula is defined for any β; the spec takes β > 0, the
/// range Swish uses.
const BETA_SILU: ParamSpec = ParamSpec {
    symbol: "β",
    name: "beta",
    meaning: "sharpness; 1 is SiLU, large β approaches ReLU",
    default: 1.0,
    min: 0.0,
    min_exclusive: true,
    max: f64::INFINITY,
    step: 0.25,
};

const BETA_SOFTPLUS: ParamSpec = ParamSpec {
    symbol: "β",
    name: "beta",
    meaning: "sharpness; large β approaches ReLU",
    default: 1.0,
    min: 0.0,
    min_exclusive: true,
    max: f64::INFINITY,
    step: 0.25,
};

impl Activation {
    /// Every activation, in the order the explorer shows them.
    pub const ALL: [Activation; 19] = [
        Activation::Step,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::LeakyRelu,
        Activation::Elu,
        Activation::Gelu,
        Activation::GeluTanh,
        Activation::Silu,
        Activation::Mish,
        Activation::Softplus,
        Activation::Selu,
        Activation::Celu,
        Activation::Relu6,
        Activation::HardTanh,
        Activation::HardSigmoid,
        Activation::HardSwish,
        Activation::Softsign,
        Activation::SquaredRelu,
    ];

    /// `sup |f'(x)|` over every x where `f'` exists: the largest factor this activation's
    /// derivative can put on a gradient in one layer (sigmoid 0.25, so the sigmoid factors of N
    /// layers multiply to at most 0.25^N; the weights multiply in as well). `p` is the
    /// parameter. `f64::INFINITY` where `f'` is unbounded (squared ReLU, `f' = 2x`): check
    /// `is_finite` before scaling by it.
    #[must_use]
    pub fn derivative_bound(self, p: f64) -> f64 {
        match self {
            Activation::Step => 0.0,
            Activation::Sigmoid => 0.25,
            // CELU: e^(x/α) <= 1 on the left, 1 on the right, for every α > 0.
            Activation::Tanh
            | Activation::Relu
            | Activation::Softplus
            | Activation::Celu
            | Activation::Relu6
            | Activation::HardTanh
            | Activation::Softsign => 1.0,
            Activation::LeakyRelu | Activation::Elu => p.abs().max(1.0),
            // At x = √2, x ≈ 1.4185, 2.3994 and 1.4906 (mpmath).
            Activation::Gelu => 1.128_904_145_185_154_7,
            Activation::GeluTanh => 1.128_993_068_658_771_7,
            // f'(x; β) = g(βx), g the β = 1 derivative: the same supremum for every β != 0
            // (reached at βx ≈ 2.3994); β = 0 makes f = x/2.
            Activation::Silu if p == 0.0 => 0.5,
            Activation::Silu => 1.099_839_320_128_867,
            Activation::Mish => 1.088_498_161_251_728,
            // λα at x = 0 (PyTorch's selu'(0); λ ≈ 1.0507 on the right).
            Activation::Selu => SELU_SCALE_ALPHA,
            Activation::HardSigmoid => 1.0 / 6.0,
            // x/3 + ½ as x -> 3- (not reached: hard swish'(3) = 1).
            Activation::HardSwish => 1.5,
            Activation::SquaredRelu => f64::INFINITY,
        }
    }

    /// The points where `f` is not differentiable — where `f'` jumps (or, for the step, `f`
    /// itself does) — for parameter `p`, in increasing order; empty where `f` is C¹.
    ///
    /// [`Activation::derivative`] gives a value there all the same, the one PyTorch's autograd
    /// gives: relu'(0) = 0, `leaky_relu'(0)` = α, `elu'(0)` = α, selu'(0) = λα, 0 at the clip
    /// points of relu6, hard tanh and hard sigmoid, hard swish' 0 at -3 and 1 at 3.
    /// CELU (for every α), softsign and squared ReLU are C¹: no kinks; nor are ELU at α = 1
    /// and leaky ReLU at α = 1 (the identity).
    #[must_use]
    pub fn kinks(self, p: f64) -> &'static [f64] {
        match self {
            Activation::Step | Activation::Relu | Activation::Selu => &[0.0],
            Activation::LeakyRelu | Activation::Elu => {
                if p == 1.0 {
                    &[]
                } else {
                    &[0.0]
                }
            }
            Activation::Relu6 => &[0.0, 6.0],
            Activation::HardTanh => &[-1.0, 1.0],
            Activation::HardSigmoid | Activation::HardSwish => &[-3.0, 3.0],
            Activation::Sigmoid
            | Activation::Tanh
            | Activation::Gelu
            | Activation::GeluTanh
            | Activation::Silu
            | Activation::Mish
            | Activation::Softplus
            | Activation::Celu
            | Activation::Softsign
            | Activation::SquaredRelu => &[],
        }
    }

    /// The parameter this activation takes, if any.
    #[must_use]
    pub fn param(self) -> Option<ParamSpec> {
        match self {
            Activation::LeakyRelu => Some(ALPHA_LEAKY),
            Activation::Elu => Some(ALPHA_ELU),
            Activation::Softplus => Some(BETA_SOFTPLUS),
            Activation::Celu => Some(ALPHA_CELU),
            Activation::Silu => Some(BETA_SILU),
            _ => None,
        }
    }

    /// The parameter's default, or `0` for an activation without one.
    #[must_use]
    pub fn default_param(self) -> f64 {
        self.param().map_or(0.0, |p| p.default)
    }

    /// `f(x)`. `p` is the parameter (ignored where there is none).
    #[must_use]
    pub fn value(self, x: f64, p: f64) -> f64 {
        match self {
            Activation::Step => step(x),
            Activation::Sigmoid => sigmoid(x),
            Activation::Tanh => x.tanh(),
            Activation::Relu => relu(x),
            Activation::LeakyRelu => leaky_relu(x, p),
            Activation::Elu => elu(x, p),
            Activation::Gelu => gelu(x),
            Activation::GeluTanh => gelu_tanh(x),
            Activation::Silu => silu(x, p),
            Activation::Mish => mish(x),
            Activation::Softplus => softplus(x, p),
            Activation::Selu => selu(x),
            Activation::Celu => celu(x, p),
            Activation::Relu6 => relu6(x),
            Activation::HardTanh => hard_tanh(x),
            Activation::HardSigmoid => hard_sigmoid(x),
            Activation::HardSwish => hard_swish(x),
            Activation::Softsign => softsign(x),
            Activation::SquaredRelu => squared_relu(x),
        }
    }

    /// `f'(x)`. Where `f` has a kink ([`Activation::kinks`]) the convention is PyTorch's:
    /// step' = 0, relu'(0) = 0, `leaky_relu'(0)` = α, `elu'(0)` = α, selu'(0) = λα,
    /// relu6' = 0 at 0 and 6, hard tanh' = 0 at ±1, hard sigmoid' = 0 at ±3, hard swish' = 0
    /// at -3 and 1 at 3 (each cited beside its formula in [`crate::scalar`]).
    #[must_use]
    pub fn derivative(self, x: f64, p: f64) -> f64 {
        match self {
            Activation::Step => step_derivative(x),
            Activation::Sigmoid => sigmoid_derivative(x),
            Activation::Tanh => tanh_derivative(x),
            // ReLU's derivative (with relu'(0) = 0) is the step function.
            Activation::Relu => step(x),
            Activation::LeakyRelu => leaky_relu_derivative(x, p),
            Activation::Elu => elu_derivative(x, p),
            Activation::Gelu => gelu_derivative(x),
            Activation::GeluTanh => gelu_tanh_derivative(x),
            Activation::Silu => silu_derivative(x, p),
            Activation::Mish => mish_derivative(x),
            Activation::Softplus => softplus_derivative(x, p),
            Activation::Selu => selu_derivative(x),
            Activation::Celu => celu_derivative(x, p),
            Activation::Relu6 => relu6_derivative(x),
            Activation::HardTanh => hard_tanh_derivative(x),
            Activation::HardSigmoid => hard_sigmoid_derivative(x),
            Activation::HardSwish => hard_swish_derivative(x),
            Activation::Softsign => softsign_derivative(x),
            Activation::SquaredRelu => squared_relu_derivative(x),
        }
    }

    /// `out[i] = f(xs[i])`, vectorised on `level` ([`simd::map`]): every activation has a
    /// lane form; lanes it does not serve (NaN, far tails) are redone by the scalar form.
    ///
    /// # Panics
    /// If `xs` and `out` differ in length.
    pub fn value_slice(self, level: Level, xs: &[f64], p: f64, out: &mut [f64]) {
        simd::map(level, self.value_kernel(p), xs, out);
    }

    /// `out[i] = f'(xs[i])`, vectorised on `level` as [`Activation::value_slice`] is.
    ///
    /// # Panics
    /// If `xs` and `out` differ in length.
    pub fn derivative_slice(self, level: Level, xs: &[f64], p: f64, out: &mut [f64]) {
        simd::map(level, self.derivative_kernel(p), xs, out);
    }

    /// The slice kernel of `f` at parameter `p`.
    fn value_kernel(self, p: f64) -> Kernel {
        match self {
            Activation::Step => Kernel::Step,
            Activation::Sigmoid => Kernel::Sigmoid,
            Activation::Tanh => Kernel::Tanh,
            Activation::Relu => Kernel::Relu,
            Activation::LeakyRelu => Kernel::LeakyRelu(p),
            Activation::Elu => Kernel::Elu(p),
            Activation::Gelu => Kernel::Gelu,
            Activation::GeluTanh => Kernel::GeluTanh,
            Activation::Silu => Kernel::Silu(p),
            Activation::Mish => Kernel::Mish,
            Activation::Softplus => Kernel::Softplus(p),
            Activation::Selu => Kernel::Selu,
            Activation::Celu => Kernel::Celu(p),
            Activation::Relu6 => Kernel::Relu6,
            Activation::HardTanh => Kernel::HardTanh,
            Activation::HardSigmoid => Kernel::HardSigmoid,
            Activation::HardSwish => Kernel::HardSwish,
            Activation::Softsign => Kernel::Softsign,
            Activation::SquaredRelu => Kernel::SquaredRelu,
        }
    }

    /// The slice kernel of `f'` at parameter `p`.
    fn derivative_kernel(self, p: f64) -> Kernel {
        match self {
            Activation::Step => Kernel::StepDerivative,
            Activation::Sigmoid => Kernel::SigmoidDerivative,
            Activation::Tanh => Kernel::TanhDerivative,
            // ReLU's derivative (with relu'(0) = 0) is the step function.
            Activation::Relu => Kernel::Step,
            Activation::LeakyRelu => Kernel::LeakyReluDerivative(p),
            Activation::Elu => Kernel::EluDerivative(p),
            Activation::Gelu => Kernel::GeluDerivative,
            Activation::GeluTanh => Kernel::GeluTanhDerivative,
            Activation::Silu => Kernel::SiluDerivative(p),
            Activation::Mish => Kernel::MishDerivative,
            Activation::Softplus => Kernel::SoftplusDerivative(p),
            Activation::Selu => Kernel::SeluDerivative,
            Activation::Celu => Kernel::CeluDerivative(p),
            Activation::Relu6 => Kernel::Relu6Derivative,
            Activation::HardTanh => Kernel::HardTanhDerivative,
            Activation::HardSigmoid => Kernel::HardSigmoidDerivative,
            Activation::HardSwish => Kernel::HardSwishDerivative,
            Activation::Softsign => Kernel::SoftsignDerivative,
            Activation::SquaredRelu => Kernel::SquaredReluDerivative,
        }
    }
}

/// What a gradient keeps through `depth` layers whose derivative is `derivative` each:
/// `|f'|^N` (at most `derivative_bound^N`: the vanishing-gradient product).
#[must_use]
pub fn through_layers(derivative: f64, depth: u32) -> f64 {
    derivative
        .abs()
        .powi(i32::try_from(depth).unwrap_or(i32::MAX))
}

/// [`through_layers`] as a decimal mantissa and exponent, `(m, e)` with `|f'|^N = m·10^e` and
/// `1 <= m < 10`, computed in log10 so that a product past f64's range keeps its magnitude
/// (`(2.42e-54)^10` is `(6.9, -537)`, where f64 gives 0). `None` when the product is 0, infinite
/// or NaN as a real number (`f' = 0`, an infinite or NaN `f'`); `(1, 0)` for `N = 0`.
#[must_use]
pub fn through_layers_decimal(derivative: f64, depth: u32) -> Option<(f64, i64)> {
    if depth == 0 && !derivative.is_nan() {
        return Some((1.0, 0));
    }
    let magnitude = derivative.abs();
    if magnitude == 0.0 || !magnitude.is_finite() {
        return None;
    }
    // In range, the product itself is exact to the last bit; its decimal form from it.
    let direct = through_layers(derivative, depth);
    let log = if direct.is_normal() {
        direct.log10()
    } else {
        magnitude.log10() * f64::from(depth)
    };
    let exponent = log.floor();
    let mut mantissa = 10f64.powf(log - exponent);
    let mut exponent = exponent as i64;
    // `log - floor(log)` just under 1 can round the mantissa up to 10.
    if mantissa >= 10.0 {
        mantissa /= 10.0;
        exponent += 1;
    }
    Some((mantissa, exponent))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scalar::logistic::sigmoid;
    use crate::scalar::{elu, mish, relu, softplus, softplus_derivative};

    #[test]
    fn a_product_past_f64_keeps_its_decimal_magnitude() {
        let close = |(m, e): (f64, i64), (want_m, want_e): (f64, i64)| {
            e == want_e && (m - want_m).abs() <= 1e-9 * want_m
        };
        // In range: the product's own digits.
        let (m, e) = through_layers_decimal(0.5, 10).unwrap();
        assert!(close((m, e), (9.765_625, -4)), "{m}e{e}");
        assert_eq!(through_layers_decimal(-10.0, 3), Some((1.0, 3)));
        // Below f64's range, where the f64 product is 0: 10^(-53.61..·10).
        let d = Activation::Sigmoid.derivative(-123.456_789_012_345_6, 0.0);
        assert_eq!(through_layers(d, 10), 0.0);
        let (m, e) = through_layers_decimal(d, 10).unwrap();
        let log = d.log10() * 10.0;
        assert_eq!(e, -537);
        assert!(close((m, e), (10f64.powf(log + 537.0), -537)), "{m}e{e}");
        assert!((6.8..7.0).contains(&m), "{m}");
        // Above it: 1e200^2.
        assert_eq!(through_layers(1e200, 2), f64::INFINITY);
        let (m, e) = through_layers_decimal(1e200, 2).unwrap();
        assert!(close((m, e), (1.0, 400)), "{m}e{e}");
        // A subnormal f' too.
        let (m, e) = through_layers_decimal(5e-324, 2).unwrap();
        assert_eq!(e, -647);
        assert!((2.4..2.5).contains(&m), "{m}");
        // Only a real 0 (or inf, NaN) has no decimal form; N = 0 keeps all.
        assert_eq!(through_layers_decimal(0.0, 10), None);
        assert_eq!(through_layers_decimal(-0.0, 1), None);
        assert_eq!(through_layers_decimal(f64::INFINITY, 2), None);
        assert_eq!(through_layers_decimal(f64::NAN, 2), None);
        assert_eq!(through_layers_decimal(0.0, 0), Some((1.0, 0)));
    }

    #[test]
    fn nan_propagates_everywhere() {
        for a in Activation::ALL {
            let p = a.default_param();
            assert!(a.value(f64::NAN, p).is_nan(), "{}", a.name());
            assert!(a.derivative(f64::NAN, p).is_nan(), "{}'", a.name());
        }
    }

    #[test]
    fn every_value_and_derivative_has_its_limit_at_the_infinities() {
        // (f(-inf), f(inf), f'(-inf), f'(inf)) at the default parameter.
        let limits = [
            (Activation::Step, [0.0, 1.0, 0.0, 0.0]),
            (Activation::Sigmoid, [0.0, 1.0, 0.0, 0.0]),
            (Activation::Tanh, [-1.0, 1.0, 0.0, 0.0]),
            (Activation::Relu, [0.0, f64::INFINITY, 0.0, 1.0]),
            (
                Activation::LeakyRelu,
                [f64::NEG_INFINITY, f64::INFINITY, 0.01, 1.0],
            ),
            (Activation::Elu, [-1.0, f64::INFINITY, 0.0, 1.0]),
            (Activation::Gelu, [0.0, f64::INFINITY, 0.0, 1.0]),
            (Activation::GeluTanh, [0.0, f64::INFINITY, 0.0, 1.0]),
            (Activation::Silu, [0.0, f64::INFINITY, 0.0, 1.0]),
            (Activation::Mish, [0.0, f64::INFINITY, 0.0, 1.0]),
            (Activation::Softplus, [0.0, f64::INFINITY, 0.0, 1.0]),
        ];
        let xs = [f64::NEG_INFINITY, f64::INFINITY, f64::NAN];
        for (a, [low, high, d_low, d_high]) in limits {
            let p = a.default_param();
            let name = a.name();
            assert_eq!(a.value(f64::NEG_INFINITY, p), low, "{name}(-inf)");
            assert_eq!(a.value(f64::INFINITY, p), high, "{name}(inf)");
            assert_eq!(a.derivative(f64::NEG_INFINITY, p), d_low, "{name}'(-inf)");
            assert_eq!(a.derivative(f64::INFINITY, p), d_high, "{name}'(inf)");
            for level in Level::available() {
                let (mut ys, mut ds) = ([0.0; 3], [0.0; 3]);
                a.value_slice(level, &xs, p, &mut ys);
                a.derivative_slice(level, &xs, p, &mut ds);
                assert_eq!(&ys[..2], &[low, high], "{name} slice");
                assert_eq!(&ds[..2], &[d_low, d_high], "{name}' slice");
                assert!(ys[2].is_nan() && ds[2].is_nan(), "{name} slice at NaN");
            }
        }
        // Every activation, those above and any added later: a limit, never NaN.
        for a in Activation::ALL {
            let p = a.default_param();
            for x in [f64::NEG_INFINITY, f64::INFINITY] {
                assert!(!a.value(x, p).is_nan(), "{}({x})", a.name());
                assert!(!a.derivative(x, p).is_nan(), "{}'({x})", a.name());
            }
        }
    }

    #[test]
    fn silu_takes_beta_and_its_derivative_bound_does_not_depend_on_it() {
        let spec = Activation::Silu.param().expect("SiLU has β");
        assert_eq!(
            (spec.default, spec.range_text().as_str()),
            (1.0, "beta > 0")
        );
        assert!(!spec.accepts(0.0) && !spec.accepts(-1.0) && spec.accepts(1.702));
        // silu(2; 0.5) = 2·σ(1) = 1.4621171572600098 (mpmath).
        assert_eq!(Activation::Silu.value(2.0, 0.5), 1.462_117_157_260_009_8);
        // f'(x; β) = g(βx): the supremum is the β = 1 one, reached at x = 2.3994/β.
        let bound = Activation::Silu.derivative_bound(1.0);
        for beta in [0.01, 0.5, 1.0, 1.702, 40.0] {
            assert_eq!(Activation::Silu.derivative_bound(beta), bound);
            let mut highest: f64 = 0.0;
            for i in -40_000..=40_000 {
                let x = f64::from(i) * 2.5e-4 / beta;
                highest = highest.max(Activation::Silu.derivative(x, beta).abs());
            }
            assert!(highest <= bound * (1.0 + 1e-15), "β = {beta}: {highest}");
            assert!(highest >= bound * (1.0 - 1e-9), "β = {beta}: {highest}");
        }
        // β = 0 is x/2 (the spec refuses it; the formula is defined).
        assert_eq!(Activation::Silu.value(3.0, 0.0), 1.5);
        assert_eq!(Activation::Silu.derivative(f64::INFINITY, 0.0), 0.5);
        assert_eq!(Activation::Silu.derivative_bound(0.0), 0.5);
    }

    #[test]
    fn softplus_mirrors_for_a_negative_beta() {
        // ln(1 + e^(βx))/β at β = -1, x = 1: -ln(1 + e^-1) = -0.31326168751822286 (mpmath).
        let want = -0.313_261_687_518_222_86;
        assert!(
            (softplus(1.0, -1.0) - want).abs() <= 1e-16,
            "{}",
            softplus(1.0, -1.0)
        );
        // β = -2.5 (not a power of two): softplus(x, β) = -softplus(-x, -β).
        for x in [-30.0, -2.0, -0.1, 0.0, 0.7, 3.0, 40.0] {
            let mirrored = -softplus(-x, 2.5);
            let got = softplus(x, -2.5);
            assert!(
                (got - mirrored).abs() <= 2e-16 * mirrored.abs(),
                "{x}: {got} vs {mirrored}"
            );
        }
        // A β so small that ln 2/β overflows: the pole, not NaN.
        assert_eq!(softplus(1.0, 1e-310), f64::INFINITY);
        assert_eq!(softplus(1.0, -1e-310), f64::NEG_INFINITY);
        // The derivative σ(βx) needed no change.
        assert!((softplus_derivative(1.0, -1.0) - 0.268_941_421_369_995_1).abs() < 1e-16);
    }

    #[test]
    fn infinities_give_the_limits() {
        assert_eq!(sigmoid(f64::INFINITY), 1.0);
        assert_eq!(sigmoid(f64::NEG_INFINITY), 0.0);
        assert_eq!(softplus(f64::NEG_INFINITY, 1.0), 0.0);
        assert_eq!(softplus(f64::INFINITY, 1.0), f64::INFINITY);
        assert_eq!(elu(f64::NEG_INFINITY, 1.0), -1.0);
        assert_eq!(mish(f64::INFINITY), f64::INFINITY);
        assert_eq!(relu(f64::NEG_INFINITY), 0.0);
        assert_eq!(tanh_derivative(f64::INFINITY), 0.0);
    }

    #[test]
    fn derivative_bounds_hold_and_are_reached() {
        for a in Activation::ALL {
            let p = a.default_param();
            let bound = a.derivative_bound(p);
            let mut highest: f64 = 0.0;
            for i in -20_000..=20_000 {
                let x = f64::from(i) * 5e-4;
                let d = a.derivative(x, p).abs();
                assert!(
                    d <= bound * (1.0 + 1e-12),
                    "{}'({x}) = {d} > {bound}",
                    a.name()
                );
                highest = highest.max(d);
            }
            // Reached on [-10, 10] (softplus' and tanh' tend to 1 only from below); an
            // unbounded f' passes every bound further out.
            let reached = if bound.is_finite() {
                highest >= bound * 0.98
            } else {
                a.derivative(1e300, p).abs() >= 1e300
            };
            assert!(reached || a == Activation::Step, "{}", a.name());
        }
    }

    #[test]
    fn param_specs_accept_their_defaults() {
        for a in Activation::ALL {
            if let Some(spec) = a.param() {
                assert!(spec.accepts(spec.default), "{}", a.name());
                assert!(!spec.accepts(f64::NAN));
                assert!(!spec.accepts(f64::INFINITY));
            }
        }
        assert!(!BETA_SOFTPLUS.accepts(0.0));
        assert!(ALPHA_ELU.accepts(0.0));
        assert!(!ALPHA_ELU.accepts(-0.5));
        assert_eq!(BETA_SOFTPLUS.range_text(), "beta > 0");
    }

    #[test]
    fn slices_match_scalars() {
        // The vectorised slices may differ from the scalar forms in the last bits (both are
        // within the reference bounds, which tests/oracle.rs checks); the rest are the same code.
        let xs = [-3.0, -0.5, 0.0, 0.25, 7.0];
        let mut ys = [0.0; 5];
        let mut ds = [0.0; 5];
        let close = |a: f64, b: f64| (a - b).abs() <= 4.0 * (b.abs().next_up() - b.abs());
        for level in Level::available() {
            for a in Activation::ALL {
                let p = a.default_param();
                a.value_slice(level, &xs, p, &mut ys);
                a.derivative_slice(level, &xs, p, &mut ds);
                for (i, &x) in xs.iter().enumerate() {
                    assert!(close(ys[i], a.value(x, p)), "{}({x})", a.name());
                    assert!(close(ds[i], a.derivative(x, p)), "{}'({x})", a.name());
                }
            }
        }
    }
}
