//! The one fact worth knowing about each activation and where the frameworks' defaults differ,
//! each with its source in a comment beside it.

use crate::activation::Activation;

impl Activation {
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
