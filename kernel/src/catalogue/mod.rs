//! The display catalogue: what the explorer and the command line say about each activation.
//!
//! Names and aliases, formula, range, the fact worth knowing, framework defaults. Text only; the
//! math is in [`crate::activation`] and [`crate::scalar`]. The facts and framework defaults, each
//! with its source, are in `facts`.

mod facts;

use crate::activation::Activation;

impl Activation {
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
            Activation::Selu => "selu",
            Activation::Celu => "celu",
            Activation::Relu6 => "relu6",
            Activation::HardTanh => "hard_tanh",
            Activation::HardSigmoid => "hard_sigmoid",
            Activation::HardSwish => "hard_swish",
            Activation::Softsign => "softsign",
            Activation::SquaredRelu => "squared_relu",
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
            Activation::Selu => "SELU",
            Activation::Celu => "CELU",
            Activation::Relu6 => "ReLU6",
            Activation::HardTanh => "Hard tanh",
            Activation::HardSigmoid => "Hard sigmoid",
            Activation::HardSwish => "Hard swish",
            Activation::Softsign => "Softsign",
            Activation::SquaredRelu => "Squared ReLU",
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
            Activation::Relu6 => &["relu_6"],
            Activation::HardTanh => &["hardtanh"],
            // MobileNetV3 (arXiv:1905.02244) writes h-swish; Keras 3 and JAX say hard_silu.
            Activation::HardSigmoid => &["hardsigmoid"],
            Activation::HardSwish => &["hardswish", "h_swish", "hard_silu", "hardsilu"],
            // Hugging Face transformers calls it "relu2" (transformers 5.24.0
            // transformers/activations.py:340).
            Activation::SquaredRelu => &["squaredrelu", "relu_squared", "relusquared", "relu2"],
            Activation::Tanh
            | Activation::Relu
            | Activation::Elu
            | Activation::Mish
            | Activation::Softplus
            | Activation::Selu
            | Activation::Celu
            | Activation::Softsign => &[],
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
            Activation::Silu => "silu(x) = x·σ(βx) = x / (1 + e^-βx)",
            Activation::Mish => "mish(x) = x·tanh(softplus(x))",
            Activation::Softplus => "softplus(x) = ln(1 + e^(βx)) / β",
            Activation::Selu => "selu(x) = λx if x > 0, else λα·(e^x - 1); λ ≈ 1.0507, α ≈ 1.6733",
            Activation::Celu => "celu(x) = x if x > 0, else α·(e^(x/α) - 1)",
            Activation::Relu6 => "relu6(x) = min(max(x, 0), 6)",
            Activation::HardTanh => "hard_tanh(x) = min(max(x, -1), 1)",
            Activation::HardSigmoid => "hard_sigmoid(x) = min(max(x/6 + ½, 0), 1)",
            Activation::HardSwish => "hard_swish(x) = x·min(max(x + 3, 0), 6) / 6",
            Activation::Softsign => "softsign(x) = x / (1 + |x|)",
            Activation::SquaredRelu => "squared_relu(x) = max(x, 0)²",
        }
    }

    /// The output range as text, true for every parameter [`Activation::param`] accepts: `α` and
    /// `β` stand for the parameter, `≈` marks a value rounded to the digits shown, and
    /// `; ... for <condition>` gives the range for other parameters. `kernel/tests/facts.rs`
    /// checks each against the kernel's values.
    #[must_use]
    pub fn range_text(self) -> &'static str {
        match self {
            Activation::Step => "{0, 1}",
            Activation::Sigmoid => "(0, 1)",
            Activation::Tanh | Activation::Softsign => "(-1, 1)",
            // softplus > 0 for every finite x; 0 only as the limit at -∞.
            Activation::Softplus => "(0, ∞)",
            Activation::Relu | Activation::SquaredRelu => "[0, ∞)",
            // α < 0 mirrors the negative half upwards: f >= 0 everywhere.
            Activation::LeakyRelu => "(-∞, ∞) for α > 0; [0, ∞) for α <= 0",
            // α = 0 is ReLU; the spec refuses α < 0.
            Activation::Elu => "(-α, ∞) for α > 0; [0, ∞) for α = 0",
            // The spec refuses α <= 0.
            Activation::Celu => "(-α, ∞)",
            // Minimum -0.1699712 at x = -0.7517915 (exact) and -0.1700408 at x = -0.7524614
            // (tanh form), both from mpmath.
            Activation::Gelu => "[≈-0.16997, ∞)",
            Activation::GeluTanh => "[≈-0.17004, ∞)",
            // Minimum -0.2784645/β at x = -1.2784645/β (mpmath).
            Activation::Silu => "[≈-0.278/β, ∞)",
            // Minimum -0.3088434 at x = -1.1924312 (mpmath).
            Activation::Mish => "[≈-0.309, ∞)",
            // λα = 1.0507009873554804934193349852946 × 1.6732632423543772848170429916717
            // = 1.7580993408473768599…
            Activation::Selu => "(-λα, ∞), λα ≈ 1.7581",
            Activation::Relu6 => "[0, 6]",
            Activation::HardTanh => "[-1, 1]",
            Activation::HardSigmoid => "[0, 1]",
            // The minimum, at x = -1.5: -1.5·1.5/6.
            Activation::HardSwish => "[-0.375, ∞)",
        }
    }
}

/// What `actscope list` says about softmax, which is not an element-wise [`Activation`].
pub mod softmax {
    /// The formula, with the temperature `T`.
    pub const FORMULA: &str = "softmax(x)_i = e^(x_i/T) / Σ_j e^(x_j/T)";
    /// The output range: each `e^(x_i/T) > 0`, so every probability is in (0, 1) once there are
    /// two elements; one element gets exactly 1, and `T = 0` gives the one-hot limit.
    pub const RANGE: &str = "(0, 1) for T > 0 and 2+ elements, summing to 1";
    /// What the temperature does ([`crate::softmax::softmax`]: `T = 0` splits ties evenly).
    pub const TEMPERATURE_MEANING: &str =
        "T > 1 flattens, T < 1 sharpens, 0 is the argmax, ties split evenly";
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
}
