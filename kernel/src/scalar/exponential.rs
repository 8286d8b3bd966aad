//! The exponential-linear family: ELU, through `expm1` so the negative side keeps its digits.

/// ELU `x if x > 0, else α·expm1(x)`.
#[must_use]
pub fn elu(x: f64, alpha: f64) -> f64 {
    if x > 0.0 || x.is_nan() {
        x
    } else {
        alpha * x.exp_m1()
    }
}

/// ELU' `1 if x > 0, else α·e^x`.
#[must_use]
pub fn elu_derivative(x: f64, alpha: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x.is_nan() {
        x
    } else {
        alpha * x.exp()
    }
}
