//! Scalar formulas, one family a file: each activation and derivative for one `f64`, in the form
//! that keeps its digits over the whole range. The SIMD layer reuses the shared pieces and falls
//! back on these for the lanes it does not serve.

pub mod exponential;
pub mod gaussian;
pub mod logistic;
pub mod mish;
pub mod rectifier;
pub(crate) mod softmax;
pub(crate) mod tail;

pub use exponential::{elu, elu_derivative};
pub use gaussian::{
    gelu, gelu_derivative, gelu_tanh, gelu_tanh_derivative, normal_cdf, normal_pdf,
};
pub use logistic::{
    sigmoid, sigmoid_derivative, silu, silu_derivative, softplus, softplus_derivative,
    tanh_derivative,
};
pub use mish::{mish, mish_derivative};
pub use rectifier::{leaky_relu, leaky_relu_derivative, relu, step, step_derivative};
