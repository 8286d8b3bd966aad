//! actscope's pure math kernel: activation functions, their derivatives, softmax and its relatives.
//!
//! Each within a few ulp of the exact value over the whole `f64` range, checked against the mpmath
//! tables in `tests/data/`:
//!
//! - values: within 4 ulp of the exact value, every activation, every finite x (the far tails
//!   of GELU, its tanh form, SiLU and Mish included);
//! - derivatives: within a bound scaled by their own cancellation only, `ceil(b·κ)` ulp with
//!   `κ = (|a| + |c|)/|a + c|` for a derivative that is a sum `a + c` (b = 6 for SiLU', 8 for
//!   GELU', the tanh form's and Mish'; κ = 1 where nothing cancels);
//! - an exact value below the smallest normal `f64` (2.2250738585072014e-308) is met by any
//!   result of the same sign, or zero, also below it: a subnormal carries few bits.
//!
//! No I/O, no terminal, no environment, no allocation beyond what a caller asks for. In layers,
//! each using only those below it:
//!
//! 1. [`eft`]: error-free transformations (TwoSum, Fast2Sum, TwoProduct) and `double_double`.
//! 2. [`scalar`]: the formulas for one `f64`, one family a file.
//! 3. [`simd`]: the same over slices, vectorised for the [`Level`] the caller passes.
//! 4. The public APIs: [`activation`] (with its display [`catalogue`]), [`softmax`](mod@softmax),
//!    [`precision`] (what NumPy and PyTorch give in f32, f16 and bf16).

pub mod activation;
pub mod catalogue;
mod double_double;
pub mod eft;
pub mod formula;
pub mod naive;
pub mod precision;
mod ranking;
pub mod regions;
pub mod sampling;
pub mod scalar;
pub mod simd;
pub mod softmax;
pub mod sparse;

pub use activation::{Activation, ParamSpec, through_layers, through_layers_decimal};
pub use formula::{Formula, FormulaError};
pub use sampling::{
    Filter, Order, Sampled, SamplerError, SamplerSettings, Stage, Step, draw, orders_disagree,
    sample_distribution, sample_distribution_ranked, survivors,
};
pub use simd::Level;
pub use softmax::{
    Temperature, TemperatureError, argmax, compensated_sum, cross_entropy, cross_entropy_gradient,
    entropy, log_softmax, logsumexp, naive_softmax, naive_softmax_on, softmax, softmax_jacobian,
    softmax_jacobian_block, two_way_softmax,
};
pub use sparse::{entmax15, sparsemax};
