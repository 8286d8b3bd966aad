//! Where JAX returns exactly what a model returns: a measurement, not a model.
//!
//! Measured once, on the machine that made tests/data/frameworks/ (same x grids: f32 4031
//! points, f16 3739, bf16 1263), with JAX 0.10.2 on CPU: `jax.nn.sigmoid`, `jnp.tanh`,
//! `jax.nn.relu`, `leaky_relu(x, 0.01)`, `elu(x, 1)`, `gelu(x, approximate=False/True)`, `silu`,
//! `mish`, `softplus`, `selu`, `celu(x, 1)`, `relu6`, `hard_sigmoid`, `hard_swish`, `hard_tanh`,
//! `soft_sign` and `relu(x)**2`, each under `jax.jit`, gradients by `jax.vmap(jax.grad(f))`,
//! compared bit for bit (±0 equal) with NumPy 2.4.6 and PyTorch 2.15 (the analysis script beside
//! the data generator, its section D). An entry is true only where JAX differed on no point (for
//! PyTorch: from both its vectorised and its one-element results). Everything else differed
//! somewhere (JAX's kinks, its own formulas) or was not measured: step, parameters other than
//! the defaults, f64. Why JAX matches where it does was not investigated, so nothing here is
//! extrapolated. The NumPy bf16 entries were measured against the earlier bf16 convention
//! (every intermediate cast back to bfloat16); since the model follows what NumPy returns
//! (float32 wherever a Python float meets the array), an entry stays true only where the new
//! NumPy bf16 column equals the old one on every point (elu's, hard_tanh's), and leaky_relu's,
//! selu's and celu's values, which changed, are false.

use super::{Framework, Precision};
use crate::Activation;

/// Whether JAX's value and derivative equal a model's on every measured point.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JaxAgreement {
    /// `jax.nn.fn(x)` equals the model's `f(x)`.
    pub value: bool,
    /// `jax.grad` equals the model's `f'(x)`.
    pub derivative: bool,
}

/// What JAX 0.10.2 was measured to share with `framework`'s model of `activation` in
/// `precision` at parameter `p` (only the default parameter was measured; f64 never).
#[must_use]
pub fn jax_agreement(
    framework: Framework,
    precision: Precision,
    activation: Activation,
    p: f64,
) -> JaxAgreement {
    if activation.param().is_some() && p != activation.default_param() {
        return JaxAgreement::default();
    }
    let table: &[(Activation, [bool; 4])] = match precision {
        Precision::F64 => &[],
        Precision::F32 => &F32,
        Precision::F16 => &F16,
        Precision::Bf16 => &BF16,
    };
    table.iter().find(|(a, _)| *a == activation).map_or_else(
        JaxAgreement::default,
        |(_, [nv, nd, tv, td])| {
            let (value, derivative) = match framework {
                Framework::NumPy => (*nv, *nd),
                Framework::PyTorch => (*tv, *td),
            };
            JaxAgreement { value, derivative }
        },
    )
}

// Per activation: [NumPy value, NumPy derivative, PyTorch value, PyTorch derivative]; absent
// activations matched nowhere.
const F32: [(Activation, [bool; 4]); 7] = [
    (Activation::Relu, [true, true, true, true]),
    (Activation::LeakyRelu, [true, false, true, false]),
    (Activation::Relu6, [true, true, true, true]),
    (Activation::HardSigmoid, [false, true, false, true]),
    (Activation::HardTanh, [true, false, true, false]),
    (Activation::Softsign, [true, false, true, false]),
    (Activation::SquaredRelu, [true, true, true, true]),
];

const F16: [(Activation, [bool; 4]); 10] = [
    (Activation::Sigmoid, [true, true, false, false]),
    (Activation::Tanh, [true, false, true, false]),
    (Activation::Relu, [true, true, true, true]),
    (Activation::LeakyRelu, [true, false, false, false]),
    (Activation::GeluTanh, [true, false, false, false]),
    (Activation::Relu6, [true, true, true, true]),
    (Activation::HardSigmoid, [false, true, false, true]),
    (Activation::HardTanh, [true, false, true, false]),
    (Activation::Softsign, [true, false, true, false]),
    (Activation::SquaredRelu, [true, true, true, true]),
];

const BF16: [(Activation, [bool; 4]); 8] = [
    (Activation::Tanh, [true, false, true, false]),
    (Activation::Relu, [true, true, true, true]),
    (Activation::Elu, [true, false, true, false]),
    (Activation::Celu, [false, false, true, false]),
    (Activation::Relu6, [true, true, true, true]),
    (Activation::HardTanh, [true, false, true, false]),
    (Activation::Softsign, [true, false, true, false]),
    (Activation::SquaredRelu, [true, true, true, true]),
];
