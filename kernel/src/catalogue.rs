//! The display catalogue: what the explorer and the command line say about each activation —
//! names and aliases, formula, range, the fact worth knowing, framework defaults. Text only; the
//! math is in [`crate::activation`] and [`crate::scalar`].

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
            Activation::Silu => "silu(x) = x·σ(βx) = x / (1 + e^-βx)",
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
            Activation::Silu => "[≈-0.278/β, ∞)",
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
            Activation::Silu => "non-monotone: dips to -0.278/β at x ≈ -1.28/β",
            Activation::Mish => "non-monotone and smooth; dips to -0.309 at x ≈ -1.19",
            Activation::Softplus => "a smooth ReLU whose derivative is σ(βx)",
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
