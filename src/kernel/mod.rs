//! The pure math kernel: activation functions, their derivatives, and softmax.
//!
//! No I/O, no terminal, no allocation beyond what a caller asks for. Every routine is accurate to
//! a few ulp over the whole `f64` range (checked against the mpmath tables in `tests/data/`).

pub mod activation;
mod double_double;
pub mod precision;
pub mod softmax;
pub mod vector;

pub use activation::{Activation, ParamSpec, through_layers};
pub use softmax::{
    TemperatureError, argmax, check_temperature, compensated_sum, cross_entropy,
    cross_entropy_gradient, entropy, log_softmax, logsumexp, logsumexp_with_temperature,
    naive_softmax, softmax, softmax_jacobian, two_way_softmax,
};
