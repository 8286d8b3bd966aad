//! Element-wise activation functions, their derivatives and what is known about them.
//!
//! Every function is written in a form that stays accurate over the whole `f64` range: the
//! exponentials only ever see `-|x|`, so nothing overflows, and differences that would cancel are
//! rewritten (`expm1`, `ln_1p`, `erfc`). NaN in gives NaN out; nothing turns NaN into a number.

use std::f64::consts::{FRAC_1_SQRT_2, FRAC_2_SQRT_PI};

use super::double_double::DoubleDouble;
use super::vector::{self, Kernel};

/// `1 / √(2π)`, the peak of the standard normal density.
const FRAC_1_SQRT_2PI: f64 = 0.398_942_280_401_432_7;
/// `√(2/π)`, the scale inside the tanh approximation of GELU.
const SQRT_2_OVER_PI: f64 = FRAC_2_SQRT_PI * FRAC_1_SQRT_2;
/// The cubic coefficient of the tanh approximation of GELU (Hendrycks & Gimpel).
const GELU_TANH_CUBIC: f64 = 0.044_715;

/// An element-wise activation function.
///
/// The parameter, for the three that have one, is passed to [`Activation::value`] and
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
    /// SiLU / Swish `x·σ(x)`.
    Silu,
    /// Mish `x·tanh(softplus(x))`.
    Mish,
    /// Softplus `ln(1 + e^(βx)) / β`.
    Softplus,
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
    meaning: "saturation value -α for x -> -inf",
    default: 1.0,
    min: 0.0,
    min_exclusive: false,
    max: f64::INFINITY,
    step: 0.1,
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
    pub const ALL: [Activation; 11] = [
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
    ];

    /// Canonical machine name, as used on the command line and in the reference tables.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Activation::Step => "step",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
            Activation::LeakyRelu => "leaky_relu",
            Activation::Elu => "elu",
            Activation::Gelu => "gelu",
            Activation::GeluTanh => "gelu_tanh",
            Activation::Silu => "silu",
            Activation::Mish => "mish",
            Activation::Softplus => "softplus",
        }
    }

    /// Human title, e.g. `Leaky ReLU`.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Activation::Step => "Step",
            Activation::Sigmoid => "Sigmoid",
            Activation::Tanh => "Tanh",
            Activation::Relu => "ReLU",
            Activation::LeakyRelu => "Leaky ReLU",
            Activation::Elu => "ELU",
            Activation::Gelu => "GELU",
            Activation::GeluTanh => "GELU (tanh approx.)",
            Activation::Silu => "SiLU",
            Activation::Mish => "Mish",
            Activation::Softplus => "Softplus",
        }
    }

    /// Other names accepted for this activation.
    #[must_use]
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Activation::Step => &["heaviside", "binary_step"],
            Activation::Sigmoid => &["logistic", "expit"],
            Activation::LeakyRelu => &["leaky", "leakyrelu", "lrelu"],
            Activation::Gelu => &["gelu_erf", "gelu_exact"],
            Activation::GeluTanh => &["gelu_approx", "approx_gelu"],
            Activation::Silu => &["swish"],
            Activation::Tanh
            | Activation::Relu
            | Activation::Elu
            | Activation::Mish
            | Activation::Softplus => &[],
        }
    }

    /// Looks an activation up by name or alias: case-insensitive, `-` and spaces read as `_`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Activation> {
        let wanted: String = name
            .trim()
            .chars()
            .map(|c| match c {
                '-' | ' ' => '_',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        Activation::ALL
            .into_iter()
            .find(|a| a.name() == wanted || a.aliases().contains(&wanted.as_str()))
    }

    /// The formula as text, with the parameter written symbolically.
    #[must_use]
    pub fn formula(self) -> &'static str {
        match self {
            Activation::Step => "H(x) = 1 if x > 0, else 0",
            Activation::Sigmoid => "σ(x) = 1 / (1 + e^-x)",
            Activation::Tanh => "tanh(x) = (e^x - e^-x) / (e^x + e^-x)",
            Activation::Relu => "relu(x) = max(x, 0)",
            Activation::LeakyRelu => "f(x) = x if x > 0, else α·x",
            Activation::Elu => "elu(x) = x if x > 0, else α·(e^x - 1)",
            Activation::Gelu => "gelu(x) = x·Φ(x) = ½x·erfc(-x/√2)",
            Activation::GeluTanh => "gelu(x) ≈ ½x·(1 + tanh(√(2/π)·(x + 0.044715x³)))",
            Activation::Silu => "silu(x) = x·σ(x) = x / (1 + e^-x)",
            Activation::Mish => "mish(x) = x·tanh(softplus(x))",
            Activation::Softplus => "softplus(x) = ln(1 + e^(βx)) / β",
        }
    }

    /// The output range as text; `α` and `β` stand for the parameter.
    #[must_use]
    pub fn range_text(self) -> &'static str {
        match self {
            Activation::Step => "{0, 1}",
            Activation::Sigmoid => "(0, 1)",
            Activation::Tanh => "(-1, 1)",
            Activation::Relu | Activation::Softplus => "[0, ∞)",
            Activation::LeakyRelu => "(-∞, ∞) for α > 0",
            Activation::Elu => "(-α, ∞)",
            Activation::Gelu | Activation::GeluTanh => "[≈-0.170, ∞)",
            Activation::Silu => "[≈-0.278, ∞)",
            Activation::Mish => "[≈-0.309, ∞)",
        }
    }

    /// The one thing worth knowing about this activation.
    #[must_use]
    pub fn fact(self) -> &'static str {
        match self {
            Activation::Step => "f' = 0 everywhere it exists: nothing to learn from by gradient",
            Activation::Sigmoid => "f' <= 0.25, so through N layers gradients shrink by 0.25^N",
            Activation::Tanh => "zero-centred; f' <= 1 but vanishes for |x| > 3",
            Activation::Relu => "zero gradient for x < 0: a unit stuck there is dead",
            Activation::LeakyRelu => "a small slope α for x < 0 keeps units from dying",
            Activation::Elu => "smooth, saturates at -α, pushes mean activations toward 0",
            Activation::Gelu => "weights x by P(X <= x); BERT and GPT use it",
            Activation::GeluTanh => "the tanh approximation GPT-2 used; within 5e-4 of exact",
            Activation::Silu => "non-monotone: dips to -0.278 at x ≈ -1.28",
            Activation::Mish => "non-monotone and smooth; dips to -0.309 at x ≈ -1.19",
            Activation::Softplus => "a smooth ReLU whose derivative is σ(βx)",
        }
    }

    /// `sup |f'(x)|` over all x: the most a gradient can be multiplied by per layer (sigmoid
    /// 0.25, so through N layers at most 0.25^N). `p` is the parameter.
    #[must_use]
    pub fn derivative_bound(self, p: f64) -> f64 {
        match self {
            Activation::Step => 0.0,
            Activation::Sigmoid => 0.25,
            Activation::Tanh | Activation::Relu | Activation::Softplus => 1.0,
            Activation::LeakyRelu | Activation::Elu => p.abs().max(1.0),
            // At x = √2, x ≈ 1.4185, 2.3994 and 1.4906 (mpmath).
            Activation::Gelu => 1.128_904_145_185_154_7,
            Activation::GeluTanh => 1.128_993_068_658_771_7,
            Activation::Silu => 1.099_839_320_128_867,
            Activation::Mish => 1.088_498_161_251_728,
        }
    }

    /// Where the defaults of PyTorch, Keras and JAX differ for this activation, if they do.
    #[must_use]
    pub fn framework_defaults(self) -> Option<&'static str> {
        match self {
            Activation::LeakyRelu => Some("defaults: PyTorch, JAX α = 0.01; Keras 0.3"),
            Activation::Gelu | Activation::GeluTanh => {
                Some("defaults: exact in PyTorch, Keras; tanh in JAX")
            }
            Activation::Softplus => Some("PyTorch: β = 1, x itself once βx > 20; Keras, JAX: no β"),
            Activation::Elu => Some("α = 1 in PyTorch, Keras and JAX"),
            Activation::Silu => Some("PyTorch SiLU = Keras, JAX swish / silu"),
            _ => None,
        }
    }

    /// The parameter this activation takes, if any.
    #[must_use]
    pub fn param(self) -> Option<ParamSpec> {
        match self {
            Activation::LeakyRelu => Some(ALPHA_LEAKY),
            Activation::Elu => Some(ALPHA_ELU),
            Activation::Softplus => Some(BETA_SOFTPLUS),
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
            Activation::Silu => silu(x),
            Activation::Mish => mish(x),
            Activation::Softplus => softplus(x, p),
        }
    }

    /// `f'(x)`. Where `f` has a kink the convention is: step' = 0, relu'(0) = 0,
    /// `leaky_relu'(0)` = α, `elu'(0)` = α.
    #[must_use]
    pub fn derivative(self, x: f64, p: f64) -> f64 {
        match self {
            Activation::Step => step_derivative(x),
            Activation::Sigmoid => sigmoid_derivative(x),
            Activation::Tanh => tanh_derivative(x),
            Activation::Relu => relu_derivative(x),
            Activation::LeakyRelu => leaky_relu_derivative(x, p),
            Activation::Elu => elu_derivative(x, p),
            Activation::Gelu => gelu_derivative(x),
            Activation::GeluTanh => gelu_tanh_derivative(x),
            Activation::Silu => silu_derivative(x),
            Activation::Mish => mish_derivative(x),
            Activation::Softplus => softplus_derivative(x, p),
        }
    }

    /// `out[i] = f(xs[i])`. Sigmoid, tanh and SiLU run vectorised where the CPU allows
    /// ([`vector::map`]); the others loop over the scalar form, each loop specialised.
    ///
    /// # Panics
    /// If `xs` and `out` differ in length.
    pub fn value_slice(self, xs: &[f64], p: f64, out: &mut [f64]) {
        assert_eq!(xs.len(), out.len(), "input and output lengths differ");
        match self {
            Activation::Step => map(xs, out, step),
            Activation::Sigmoid => vector::map(Kernel::Sigmoid, xs, out),
            Activation::Tanh => vector::map(Kernel::Tanh, xs, out),
            Activation::Relu => map(xs, out, relu),
            Activation::LeakyRelu => map(xs, out, |x| leaky_relu(x, p)),
            Activation::Elu => map(xs, out, |x| elu(x, p)),
            Activation::Gelu => map(xs, out, gelu),
            Activation::GeluTanh => map(xs, out, gelu_tanh),
            Activation::Silu => vector::map(Kernel::Silu, xs, out),
            Activation::Mish => map(xs, out, mish),
            Activation::Softplus => map(xs, out, |x| softplus(x, p)),
        }
    }

    /// `out[i] = f'(xs[i])`; vectorised (where the CPU allows) for sigmoid, tanh, SiLU and
    /// softplus.
    ///
    /// # Panics
    /// If `xs` and `out` differ in length.
    pub fn derivative_slice(self, xs: &[f64], p: f64, out: &mut [f64]) {
        assert_eq!(xs.len(), out.len(), "input and output lengths differ");
        match self {
            Activation::Step => map(xs, out, step_derivative),
            Activation::Sigmoid => vector::map(Kernel::SigmoidDerivative, xs, out),
            Activation::Tanh => vector::map(Kernel::TanhDerivative, xs, out),
            Activation::Relu => map(xs, out, relu_derivative),
            Activation::LeakyRelu => map(xs, out, |x| leaky_relu_derivative(x, p)),
            Activation::Elu => map(xs, out, |x| elu_derivative(x, p)),
            Activation::Gelu => map(xs, out, gelu_derivative),
            Activation::GeluTanh => map(xs, out, gelu_tanh_derivative),
            Activation::Silu => vector::map(Kernel::SiluDerivative, xs, out),
            Activation::Mish => map(xs, out, mish_derivative),
            Activation::Softplus => vector::map(Kernel::SoftplusDerivative(p), xs, out),
        }
    }
}

/// `out[i] = f(xs[i])`, one loop per `f` so each can be vectorised on its own.
#[inline]
fn map(xs: &[f64], out: &mut [f64], f: impl Fn(f64) -> f64) {
    for (o, &x) in out.iter_mut().zip(xs) {
        *o = f(x);
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

/// Heaviside step `H(x) = 1 if x > 0, else 0` (NaN stays NaN).
#[must_use]
pub fn step(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x.is_nan() {
        x
    } else {
        0.0
    }
}

/// `H'(x) = 0` (NaN stays NaN).
#[must_use]
pub fn step_derivative(x: f64) -> f64 {
    if x.is_nan() { x } else { 0.0 }
}

/// `1 + e` for `0 <= e <= 1` as an unevaluated sum `hi + lo` (exact: Fast2Sum).
fn one_plus(e: f64) -> (f64, f64) {
    let hi = 1.0 + e;
    (hi, (1.0 - hi) + e)
}

/// `σ(z + c)` for a small correction `c`: `e = e^-|z|·(1 ∓ c)`, then `1/(1+e)` or `e/(1+e)` with
/// the rounding of `1 + e` folded back into the quotient.
fn sigmoid_of_sum(z: f64, c: f64) -> f64 {
    let e = (-z.abs()).exp();
    let e = if z >= 0.0 { e - e * c } else { e + e * c };
    let (d, d_low) = one_plus(e);
    let q = if z >= 0.0 { 1.0 / d } else { e / d };
    if q.is_nan() { z } else { q - q * (d_low / d) }
}

/// `e / (1 + e)²` for `0 <= e <= 1`, with the rounding of `1 + e` and of the square carried.
fn logistic_density(e: f64) -> f64 {
    let (d, d_low) = one_plus(e);
    let square = d * d;
    let square_low = d.mul_add(d, -square) + 2.0 * d * d_low;
    let q = e / square;
    q - q * (square_low / square)
}

/// `σ(x) = 1 / (1 + e^-x)`, computed with `e = exp(-|x|)` as `1/(1+e)` or `e/(1+e)`.
#[must_use]
pub fn sigmoid(x: f64) -> f64 {
    sigmoid_of_sum(x, 0.0)
}

/// `σ'(x) = σ(x)·(1 - σ(x)) = e / (1 + e)²` with `e = exp(-|x|)`.
#[must_use]
pub fn sigmoid_derivative(x: f64) -> f64 {
    logistic_density((-x.abs()).exp())
}

/// `tanh'(x) = 1 - tanh²(x) = 4e / (1 + e)²` with `e = exp(-2|x|)`.
#[must_use]
pub fn tanh_derivative(x: f64) -> f64 {
    4.0 * logistic_density((-2.0 * x.abs()).exp())
}

/// `relu(x) = max(x, 0)`, keeping NaN (unlike `f64::max`).
#[must_use]
pub fn relu(x: f64) -> f64 {
    if x > 0.0 || x.is_nan() { x } else { 0.0 }
}

/// `relu'(x) = 1 if x > 0, else 0`.
#[must_use]
pub fn relu_derivative(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x.is_nan() {
        x
    } else {
        0.0
    }
}

/// Leaky ReLU `x if x > 0, else α·x`.
#[must_use]
pub fn leaky_relu(x: f64, alpha: f64) -> f64 {
    if x > 0.0 || x.is_nan() {
        x
    } else {
        // `+ 0.0` turns the -0 of a negative slope times 0 into 0.
        alpha * x + 0.0
    }
}

/// Leaky ReLU' `1 if x > 0, else α`.
#[must_use]
pub fn leaky_relu_derivative(x: f64, alpha: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x.is_nan() {
        x
    } else {
        alpha
    }
}

/// ELU `x if x > 0, else α·expm1(x)`.
#[must_use]
pub fn elu(x: f64, alpha: f64) -> f64 {
    if x > 0.0 || x.is_nan() {
        x
    } else {
        alpha * x.exp_m1()
    }
}

/// ELU' `1 if x > 0, else α·e^x`.
#[must_use]
pub fn elu_derivative(x: f64, alpha: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x.is_nan() {
        x
    } else {
        alpha * x.exp()
    }
}

/// Standard normal CDF `Φ(x) = ½·erfc(-x/√2)`, accurate in both tails.
#[must_use]
pub fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x * FRAC_1_SQRT_2)
}

/// Standard normal density `φ(x) = e^(-x²/2) / √(2π)`.
#[must_use]
pub fn normal_pdf(x: f64) -> f64 {
    FRAC_1_SQRT_2PI * (-0.5 * x * x).exp()
}

/// Exact GELU `x·Φ(x) = ½x·erfc(-x/√2)` (the `erf` form loses every digit for x < -5).
#[must_use]
pub fn gelu(x: f64) -> f64 {
    x * normal_cdf(x)
}

/// GELU' `Φ(x) + x·φ(x)`.
#[must_use]
pub fn gelu_derivative(x: f64) -> f64 {
    normal_cdf(x) + x * normal_pdf(x)
}

/// `2·√(2/π)·(x + 0.044715x³)`: twice the tanh argument of the GELU approximation.
fn gelu_tanh_inner(x: f64) -> f64 {
    2.0 * SQRT_2_OVER_PI * x * GELU_TANH_CUBIC.mul_add(x * x, 1.0)
}

/// Tanh-approximated GELU `½x·(1 + tanh(u))`, `u = √(2/π)(x + 0.044715x³)`,
/// computed as `x·σ(2u)` so the left tail keeps its digits.
#[must_use]
pub fn gelu_tanh(x: f64) -> f64 {
    x * sigmoid(gelu_tanh_inner(x))
}

/// Derivative of the tanh-approximated GELU: `σ(v) + x·σ(v)·σ(-v)·v'` with `v = 2u`,
/// `v' = 2√(2/π)(1 + 3·0.044715x²)`.
#[must_use]
pub fn gelu_tanh_derivative(x: f64) -> f64 {
    let v = gelu_tanh_inner(x);
    let dv = 2.0 * SQRT_2_OVER_PI * (3.0 * GELU_TANH_CUBIC).mul_add(x * x, 1.0);
    // σ(v)·σ(-v), which is 0 (not 0·inf) once v is beyond the exponent's range.
    let density = logistic_density((-v.abs()).exp());
    let tail = if density == 0.0 {
        0.0
    } else {
        x * density * dv
    };
    sigmoid(v) + tail
}

/// SiLU / Swish `x·σ(x)`.
#[must_use]
pub fn silu(x: f64) -> f64 {
    x * sigmoid(x)
}

/// SiLU' `σ(x)·(1 + x·σ(-x))`.
#[must_use]
pub fn silu_derivative(x: f64) -> f64 {
    sigmoid(x) * x.mul_add(sigmoid(-x), 1.0)
}

/// `tanh(softplus(x))` and `sech²(softplus(x))·σ(x)` without overflow.
///
/// With `n = e^x(e^x + 2)`, `tanh(softplus(x)) = n / (n + 2)`; for `x > 0` both are rewritten with
/// `e = e^-x`: `(1 + 2e) / (1 + 2e + 2e²)` and `4e²(1 + e) / (1 + 2e + 2e²)²`.
fn mish_parts(x: f64) -> (f64, f64) {
    if x > 0.0 {
        let e = (-x).exp();
        let num = 2.0f64.mul_add(e, 1.0);
        let den = (2.0 * e).mul_add(e, num);
        (num / den, 4.0 * e * e * (1.0 + e) / (den * den))
    } else {
        let e = x.exp();
        let n = e * (e + 2.0);
        let den = n + 2.0;
        (n / den, 4.0 * e * (1.0 + e) / (den * den))
    }
}

/// Mish `x·tanh(softplus(x))`.
#[must_use]
pub fn mish(x: f64) -> f64 {
    x * mish_parts(x).0
}

/// Mish' `tanh(sp(x)) + x·sech²(sp(x))·σ(x)`, `sp` = softplus.
#[must_use]
pub fn mish_derivative(x: f64) -> f64 {
    let (t, dt) = mish_parts(x);
    x.mul_add(dt, t)
}

/// `βx` as a rounded product and its exact error.
fn scaled(x: f64, beta: f64) -> (f64, f64) {
    let z = beta * x;
    (
        z,
        if z.is_finite() {
            beta.mul_add(x, -z)
        } else {
            0.0
        },
    )
}

/// Softplus `ln(1 + e^(βx)) / β`, computed as `max(x, 0) + ln_1p(e^(-|βx|)) / β` with the
/// rounding of `βx` carried into the exponential. When `β` is not a power of two the division
/// by `β` would add its own rounding, so the tail is then computed in double-double and rounded
/// once.
#[must_use]
pub fn softplus(x: f64, beta: f64) -> f64 {
    let (z, c) = scaled(x, beta);
    if z.is_nan() {
        return z;
    }
    if !is_power_of_two(beta.abs()) && z.is_finite() {
        let sign = if z >= 0.0 { 1.0 } else { -1.0 };
        let exponent = DoubleDouble::from_f64(-z.abs()).add(DoubleDouble::from_f64(-sign * c));
        let tail = exponent.exp().ln_1p().div(beta);
        let head = DoubleDouble::from_f64(if x > 0.0 { x } else { 0.0 });
        return head.add(tail).to_f64();
    }
    let e = (-z.abs()).exp();
    let e = if z >= 0.0 { e - e * c } else { e + e * c };
    let tail = e.ln_1p() / beta;
    if x > 0.0 { x + tail } else { tail }
}

/// Whether `v` is `2^k` (then multiplying or dividing by it is exact).
fn is_power_of_two(v: f64) -> bool {
    v.is_normal() && v.to_bits() & ((1u64 << 52) - 1) == 0
}

/// Softplus' `σ(βx)`.
#[must_use]
pub fn softplus_derivative(x: f64, beta: f64) -> f64 {
    let (z, c) = scaled(x, beta);
    sigmoid_of_sum(z, c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases_resolve() {
        for a in Activation::ALL {
            assert_eq!(Activation::from_name(a.name()), Some(a));
            for alias in a.aliases() {
                assert_eq!(Activation::from_name(alias), Some(a), "{alias}");
            }
        }
        assert_eq!(
            Activation::from_name("Leaky-ReLU"),
            Some(Activation::LeakyRelu)
        );
        assert_eq!(Activation::from_name("SWISH"), Some(Activation::Silu));
        assert_eq!(Activation::from_name("softmax"), None);
        assert_eq!(Activation::from_name(""), None);
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
            // Reached on [-10, 10] (softplus' and tanh' tend to 1 only from below).
            assert!(
                highest >= bound * 0.98 || a == Activation::Step,
                "{}",
                a.name()
            );
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
        for a in Activation::ALL {
            let p = a.default_param();
            a.value_slice(&xs, p, &mut ys);
            a.derivative_slice(&xs, p, &mut ds);
            for (i, &x) in xs.iter().enumerate() {
                assert!(close(ys[i], a.value(x, p)), "{}({x})", a.name());
                assert!(close(ds[i], a.derivative(x, p)), "{}'({x})", a.name());
            }
        }
    }
}
