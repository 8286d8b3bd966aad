//! Scalar formulas, one family a file: each activation and derivative for one `f64`.
//!
//! Each in the form that keeps its digits over the whole range. The SIMD layer reuses the shared
//! pieces and falls back on these for the lanes it does not serve.

pub mod algebraic;
pub mod exponential;
pub mod gaussian;
pub mod hard;
pub mod logistic;
pub mod mish;
pub mod rectifier;
pub(crate) mod softmax;
pub(crate) mod tail;

pub use algebraic::{softsign, softsign_derivative};
pub use exponential::{
    SELU_ALPHA, SELU_SCALE, SELU_SCALE_ALPHA, celu, celu_derivative, elu, elu_derivative, selu,
    selu_derivative,
};
pub use gaussian::{
    gelu, gelu_derivative, gelu_tanh, gelu_tanh_derivative, normal_cdf, normal_pdf,
};
pub use hard::{
    hard_sigmoid, hard_sigmoid_derivative, hard_swish, hard_swish_derivative, hard_tanh,
    hard_tanh_derivative, relu6, relu6_derivative,
};
pub use logistic::{
    sigmoid, sigmoid_derivative, silu, silu_derivative, softplus, softplus_derivative,
    tanh_derivative,
};
pub use mish::{mish, mish_derivative};
pub use rectifier::{
    leaky_relu, leaky_relu_derivative, relu, squared_relu, squared_relu_derivative, step,
    step_derivative,
};
