//! The one fact worth knowing about each activation and what the frameworks do by default.
//!
//! Each with its source in a comment beside it. Every number in these texts is recomputed with the
//! kernel, or checked against its source's constant, by `kernel/tests/facts.rs`.
//!
//! Sources named by version and path are the installed packages' files (`site-packages`):
//! torch 2.15.0, jax 0.10.2, keras 3.15.1, tensorflow 2.21.0, tf-keras 2.21.0, transformers
//! 5.24.0. Papers by arXiv number; the quoted sentence is from the abstract unless said otherwise.

use crate::activation::Activation;

impl Activation {
    /// The one thing worth knowing about this activation (at most about 70 characters, for the
    /// explorer's header).
    #[must_use]
    pub fn fact(self) -> &'static str {
        match self {
            // f' = 0 for x != 0; at 0, f jumps and has no derivative.
            Activation::Step => "f' = 0 everywhere it exists: nothing to learn from by gradient",
            // σ' = σ(1 - σ) <= 1/4, equal only at x = 0; along a path through N sigmoid layers the
            // N factors σ'(x_k) multiply to at most 0.25^N (the weights multiply in as well).
            Activation::Sigmoid => {
                "f' <= 0.25: through N layers its factors multiply to at most 0.25^N"
            }
            // tanh is odd; tanh' = 1 - tanh² is 1 at 0 and under 0.01 once |x| > 2.9932.
            Activation::Tanh => "odd, so zero-centred; f' <= 1, but under 0.01 for |x| > 3",
            // f' = 0 for x < 0 (and at 0, PyTorch's relu'(0)). Maas, Hannun, Ng 2013, "Rectifier
            // Nonlinearities Improve Neural Network Acoustic Models" (ICML workshop): a unit that
            // is not active gets no gradient, so its weights are never adjusted (as summarised in
            // https://swag1ong.github.io/2021/07/05/LReLU).
            Activation::Relu => "zero gradient for x < 0: a unit stuck there is dead",
            // Maas, Hannun, Ng 2013 (above): the leaky ReLU "allows for a small, non-zero gradient
            // when the unit is saturated and not active" (same summary).
            Activation::LeakyRelu => {
                "f' = α, not 0, for x < 0: an inactive unit still learns unless α = 0"
            }
            // Clevert, Unterthiner, Hochreiter 2015, arXiv:1511.07289: "ELUs have negative values
            // which allows them to push mean unit activations closer to zero". f'(0-) = α and
            // f'(0+) = 1, so f' is continuous only at α = 1 (and f'' never: α on the left, 0 on
            // the right).
            Activation::Elu => {
                "negatives pull mean activations toward 0; f' continuous only if α = 1"
            }
            // Hendrycks, Gimpel 2016, arXiv:1606.08415: "The GELU activation function is xΦ(x),
            // where Φ(x) the standard Gaussian cumulative distribution function. The GELU
            // nonlinearity weights inputs by their value, rather than gates inputs by their sign
            // as in ReLUs".
            Activation::Gelu => {
                "weights x by P(X <= x), X ~ N(0, 1), where ReLU gates x by its sign"
            }
            // openai/gpt-2@122c55a53a50 src/model.py:25-26 `def gelu(x): return
            // 0.5*x*(1+tf.tanh(np.sqrt(2/np.pi)*(x+0.044715*tf.pow(x, 3))))`. The largest
            // |gelu_tanh - gelu| is 4.7324e-4 at x = ±2.6989 (mpmath; pinned by the facts test).
            Activation::GeluTanh => {
                "the form GPT-2 used; at most 4.73e-4 from exact GELU, at x ≈ ±2.70"
            }
            // The minimum of x·σ(βx) is -0.27846/β at x = -1.27846/β (mpmath; the facts test).
            Activation::Silu => "non-monotone: dips to -0.278/β at x ≈ -1.28/β",
            // Misra 2019, arXiv:1908.08681: "a novel self-regularized non-monotonic activation
            // function ... f(x) = x tanh(softplus(x))", analytic, so smooth. Minimum -0.30884 at
            // x = -1.19243 (mpmath; the facts test).
            Activation::Mish => "non-monotone and smooth; dips to -0.309 at x ≈ -1.19",
            // d/dx ln(1 + e^(βx))/β = e^(βx)/(1 + e^(βx)) = σ(βx).
            Activation::Softplus => "a smooth ReLU whose derivative is σ(βx)",
            // Klambauer et al. 2017, arXiv:1706.02515: "we prove that activations close to zero
            // mean and unit variance that are propagated through many network layers will
            // converge towards zero mean and unit variance".
            Activation::Selu => {
                "self-normalising: near mean 0, variance 1, activations converge there"
            }
            // Barron 2017, "Continuously Differentiable Exponential Linear Units",
            // arXiv:1704.07483: ELU "is not continuously differentiable ... when the shape
            // parameter alpha is not equal to 1"; CELU "is C1 continuous for all values".
            Activation::Celu => "ELU with x/α inside: f' is continuous at 0 for every α > 0",
            // Sandler et al. 2018, "MobileNetV2", arXiv:1801.04381, §3: "We use ReLU6 as the
            // non-linearity because of its robustness when used with low-precision computation"
            // (as quoted in https://maxim.bonnaerens.com/mlrf/mobilenetv2).
            Activation::Relu6 => "capped at 6; MobileNetV2 uses it for robustness in low precision",
            // torch 2.15.0 (aten/src/ATen/native/cpu/Activation.cpp hardtanh_backward: 0 where
            // x <= min_val or x >= max_val), as the kernel.
            Activation::HardTanh => {
                "f' = 1 inside (-1, 1), exactly 0 outside: clipped units stop learning"
            }
            // torch 2.15.0 torch/nn/functional.py:2360-2368: "0 if x ≤ −3, 1 if x ≥ +3, x / 6 +
            // 1 / 2 otherwise"; hardsigmoid_backward is 0 outside (-3, 3).
            Activation::HardSigmoid => {
                "σ without exp: exactly 0 below -3, 1 above 3, and f' = 0 there"
            }
            // Howard et al. 2019, "Searching for MobileNetV3", arXiv:1905.02244, which the
            // torch 2.15.0 torch/nn/functional.py:2474-2490 hardswish docstring cites.
            Activation::HardSwish => "swish without the exponential: MobileNetV3's h-swish (2019)",
            // x/(1 + |x|) = sign(x)·(1 - 1/(1 + |x|)): 1 - |f| falls like 1/|x|, tanh's like
            // 2e^(-2|x|).
            Activation::Softsign => "like tanh, but |f| = 1 - 1/(1 + |x|): it nears ±1 only slowly",
            // So et al. 2021, "Primer", arXiv:2109.08668: "Primer's improvements can be mostly
            // attributed to two simple modifications: squaring ReLU activations and adding a
            // depthwise convolution layer after each Q, K, and V projection in self-attention".
            Activation::SquaredRelu => {
                "one of the two changes behind Primer's LM gains (So et al. 2021)"
            }
        }
    }

    /// What PyTorch, Keras and JAX (and TensorFlow, where it differs) do by default for this
    /// activation, where that is worth knowing (at most about 60 characters).
    #[must_use]
    pub fn framework_defaults(self) -> Option<&'static str> {
        match self {
            // torch 2.15.0 torch/nn/modules/activation.py:914 `negative_slope: float = 1e-2`,
            // torch/nn/functional.py:1957 `negative_slope: float = 0.01`; jax 0.10.2
            // jax/_src/nn/functions.py:330 `negative_slope: ArrayLike = 1e-2`; keras 3.15.1
            // keras/src/activations/activations.py:112 `def leaky_relu(x, negative_slope=0.2)`
            // (also what `activation="leaky_relu"` resolves to, keras/src/activations/
            // __init__.py:70, 123), keras/src/ops/nn.py:433 `def leaky_relu(x,
            // negative_slope=0.2)`, keras/src/layers/activations/leaky_relu.py:38 `def
            // __init__(self, negative_slope=0.3, ...)`; tensorflow 2.21.0
            // tensorflow/python/ops/nn_ops.py:3670 `def leaky_relu(features, alpha=0.2, ...)`;
            // tf-keras 2.21.0 `LeakyReLU(alpha=0.3)`.
            Activation::LeakyRelu => {
                Some("α: 0.01 PyTorch, JAX; 0.2 Keras, tf.nn; 0.3 Keras LeakyReLU()")
            }
            // torch 2.15.0 torch/nn/modules/activation.py:809 `approximate: str = "none"`
            // (exact); keras 3.15.1 keras/src/activations/activations.py:338 `def gelu(x,
            // approximate=False)`, keras/src/ops/nn.py:635 `def gelu(x, approximate=True)`; jax
            // 0.10.2 jax/_src/nn/functions.py:437 `approximate: bool = True`; tensorflow 2.21.0
            // tensorflow/python/ops/nn_ops.py:3705 `def gelu(features, approximate=False, ...)`.
            Activation::Gelu | Activation::GeluTanh => {
                Some("exact in PyTorch, keras.activations; tanh in JAX, keras.ops")
            }
            // torch 2.15.0 torch/nn/modules/activation.py:992 `beta: float = 1.0, threshold:
            // float = 20.0`, :968-969 "reverts to the linear function when input × β >
            // threshold"; jax 0.10.2 jax/_src/nn/functions.py:128-139 `jnp.logaddexp(x, 0)`;
            // keras 3.15.1 keras/src/activations/activations.py:238 `def softplus(x)`.
            Activation::Softplus => Some("PyTorch: β = 1, x itself once βx > 20; Keras, JAX: no β"),
            // torch 2.15.0 torch/nn/modules/activation.py:611 `alpha: float = 1.0`; keras 3.15.1
            // keras/src/activations/activations.py:169 `def elu(x, alpha=1.0)`; jax 0.10.2
            // jax/_src/nn/functions.py:303 `alpha: ArrayLike = 1.0`.
            Activation::Elu => Some("α = 1 in PyTorch, Keras and JAX"),
            // torch 2.15.0 torch/nn/modules/activation.py:439 (`SiLU(inplace=False)`, no β);
            // keras 3.15.1 keras/src/activations/activations.py:296-297 `def silu(x)`,
            // keras/src/ops/nn.py `def silu(x)`; jax 0.10.2 jax/_src/nn/functions.py:235
            // `def silu(x)`, :257 `swish = silu`; tensorflow 2.21.0
            // tensorflow/python/ops/nn_impl.py:431-436 `@tf_export("nn.silu", "nn.swish")` `def
            // swish(features, beta=1.0)`: "x * sigmoid(beta * x)".
            Activation::Silu => Some("no β in PyTorch, Keras 3 or JAX; tf.nn.silu takes one"),
            // torch 2.15.0 torch/nn/modules/activation.py:687-688 (SELU docstring); jax 0.10.2
            // jax/_src/nn/functions.py:431-433; keras-team/keras@020b8b2665f7
            // keras/src/backend/numpy/nn.py `def selu(x, alpha=1.6732632423543772848170429916717,
            // scale=1.0507009873554804934193349852946)` (its docstring rounds them to 8 digits).
            Activation::Selu => Some("λ, α fixed to 32 digits in PyTorch, Keras 3 and JAX"),
            // torch 2.15.0 torch/nn/modules/activation.py:662 (CELU `alpha: float = 1.0`); keras
            // 3.15.1 keras/src/activations/activations.py:361 `def celu(x, alpha=1.0)`; jax 0.10.2
            // jax/_src/nn/functions.py:379 `def celu(x, alpha = 1.0)`; pytorch/pytorch
            // aten/src/ATen/native/Activation.cpp `celu`: `TORCH_CHECK(alpha.to<double>() != 0,
            // "ZeroDivisionError: alpha cannot be 0 for CELU")`.
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
