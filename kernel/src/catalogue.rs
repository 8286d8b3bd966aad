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

    /// The output range as text; `α` and `β` stand for the parameter.
    #[must_use]
    pub fn range_text(self) -> &'static str {
        match self {
            Activation::Step => "{0, 1}",
            Activation::Sigmoid => "(0, 1)",
            Activation::Tanh | Activation::Softsign => "(-1, 1)",
            Activation::Relu | Activation::Softplus | Activation::SquaredRelu => "[0, ∞)",
            Activation::LeakyRelu => "(-∞, ∞) for α > 0",
            Activation::Elu | Activation::Celu => "(-α, ∞)",
            Activation::Gelu | Activation::GeluTanh => "[≈-0.170, ∞)",
            Activation::Silu => "[≈-0.278/β, ∞)",
            Activation::Mish => "[≈-0.309, ∞)",
            Activation::Selu => "(-λα, ∞) ≈ (-1.758, ∞)",
            Activation::Relu6 => "[0, 6]",
            Activation::HardTanh => "[-1, 1]",
            Activation::HardSigmoid => "[0, 1]",
            // The minimum, at x = -1.5: -1.5·1.5/6.
            Activation::HardSwish => "[-0.375, ∞)",
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
            // Klambauer et al. 2017, "Self-Normalizing Neural Networks", arXiv:1706.02515
            // (abstract: activations "will converge towards zero mean and unit variance").
            Activation::Selu => {
                "self-normalising: layer after layer, activations tend to mean 0, variance 1"
            }
            // Barron 2017, "Continuously Differentiable Exponential Linear Units",
            // arXiv:1704.07483 (abstract: ELU "is not continuously differentiable ... when the
            // shape parameter alpha is not equal to 1"; CELU "is C1 continuous for all values").
            Activation::Celu => "ELU with x/α inside: smooth at 0 for every α, ELU only for α = 1",
            // Sandler et al. 2018, "MobileNetV2", arXiv:1801.04381: "We use ReLU6 as the
            // non-linearity because of its robustness when used with low-precision computation"
            // (quoted in https://maxim.bonnaerens.com/mlrf/mobilenetv2).
            Activation::Relu6 => "capped at 6 for low-precision inference; MobileNetV2 uses it",
            Activation::HardTanh => {
                "f' = 1 inside (-1, 1), exactly 0 outside: clipped units stop learning"
            }
            Activation::HardSigmoid => {
                "σ without the exponential: exactly 0 below -3 and 1 above 3, where f' = 0"
            }
            // Howard et al. 2019, "Searching for MobileNetV3", arXiv:1905.02244, which the
            // torch 2.15.0 torch/nn/functional.py:2474-2490 hardswish docstring cites.
            Activation::HardSwish => "swish without the exponential: MobileNetV3's h-swish (2019)",
            Activation::Softsign => {
                "like tanh, but nears ±1 only as 1 - 1/|x|: it saturates slowly"
            }
            // So et al. 2021, "Primer", arXiv:2109.08668 (abstract: "squaring ReLU activations"
            // is one of the two modifications its improvements are "mostly attributed to").
            Activation::SquaredRelu => {
                "Primer (So et al. 2021): squaring ReLU improves Transformer LMs"
            }
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
            // torch 2.15.0 torch/nn/modules/activation.py:687-688 (SELU docstring); jax 0.10.2
            // jax/_src/nn/functions.py:431-433; keras-team/keras@020b8b2665f7
            // keras/src/backend/numpy/nn.py `def selu(x, alpha=1.6732632423543772848170429916717,
            // scale=1.0507009873554804934193349852946)` (its docstring rounds them to 8 digits).
            Activation::Selu => Some("λ, α fixed to 32 digits in PyTorch, Keras 3 and JAX"),
            // torch 2.15.0 torch/nn/modules/activation.py:662 (CELU `alpha: float = 1.0`); keras
            // 3.15.1 keras/src/activations/activations.py:361 `def celu(x, alpha=1.0)`; jax 0.10.2
            // jax/_src/nn/functions.py:379 `def celu(x, alpha = 1.0)`; pytorch/pytorch
            // aten/src/ATen/native/Activation.cpp `celu`: "ZeroDivisionError: alpha cannot be 0
            // for CELU".
            Activation::Celu => Some("α = 1 in PyTorch, Keras 3 and JAX; PyTorch refuses α = 0"),
            // torch 2.15.0 torch/nn/functional.py:2360-2368 ("x / 6 + 1 / 2"); keras 3.15.1
            // keras/src/activations/activations.py:518-525 ("(x/6) + 0.5"); jax 0.10.2
            // jax/_src/nn/functions.py:814-831 `relu6(x + 3.) / 6.`; tf-keras 2.21.0
            // tf_keras/src/backend.py:5926-5944 ("0.2 * x + 0.5"); TF 2.16.1 release notes
            // (https://github.com/tensorflow/tensorflow/releases/tag/v2.16.1): "Keras 3.0 will be
            // the default Keras version".
            Activation::HardSigmoid => {
                Some("x/6 + ½ in PyTorch, Keras 3, JAX; 0.2x + ½ in Keras 2 (TF <= 2.15)")
            }
            // torch 2.15.0 torch/nn/functional.py:2474-2490 (hardswish); keras 3.15.1
            // keras/src/activations/activations.py:574-575 (`keras.activations.hard_silu`,
            // `hard_swish`); jax 0.10.2 jax/_src/nn/functions.py:834-857 (`hard_swish =
            // hard_silu`).
            Activation::HardSwish => {
                Some("PyTorch hardswish = Keras 3, JAX hard_silu / hard_swish")
            }
            // pytorch/pytorch aten/src/ATen/native/cpu/Activation.cpp hardtanh_backward_kernel
            // (0 at the ends); jax 0.10.2 jax/_src/nn/functions.py:376 `jnp.where(x_arr > 1, 1,
            // jnp.where(x_arr < -1, -1, x_arr))`, whose gradient at ±1 is that of x: 1 (both
            // measured with autograd / jax.grad).
            Activation::HardTanh => Some("f'(±1) = 0 in PyTorch, 1 in JAX"),
            // torch 2.15.0: no squared ReLU in torch.nn or torch.nn.functional; transformers
            // 5.24.0 transformers/activations.py:206-214, 340 `"relu2": ReLUSquaredActivation`.
            Activation::SquaredRelu => Some("not in PyTorch itself; Hugging Face calls it relu2"),
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
