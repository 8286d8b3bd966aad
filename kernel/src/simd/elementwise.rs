//! Element-wise slice kernels: every activation and derivative, one vectorised loop each.
//!
//! Each lane is the scalar family's own formula (or its branch-free form in this layer) fed the
//! vectorised exponential, logarithm or `erfc`; lanes a vector form does not serve (NaN, far
//! tails) are redone by the scalar code.
#![allow(clippy::inline_always)]

use super::exp::{EXP_NORMAL_LIMIT, exp_in_range, exp_nonpositive, tanh_lane};
use super::gaussian::{GELU_HIGHEST, GELU_LOWEST, GELU_TANH_HIGHEST, GELU_TANH_LOWEST};
use super::{Level, dispatch, exponential, gaussian, logarithm};
use crate::eft::two_product;
use crate::scalar;
use crate::scalar::logistic::{self as logistic_family, logistic_density, logistic_pair};
use crate::scalar::mish::{mish_derivative_from, mish_from};
use crate::scalar::tail::SUBNORMAL_EXPONENT;

/// An element-wise kernel: an activation's value or derivative, with its parameter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kernel {
    /// `H(x) = 1 if x > 0, else 0` (also ReLU').
    Step,
    /// `H'(x) = 0`.
    StepDerivative,
    /// `σ(x)`.
    Sigmoid,
    /// `σ'(x) = e/(1+e)²`, `e = e^-|x|`.
    SigmoidDerivative,
    /// `tanh(x)`.
    Tanh,
    /// `tanh'(x) = 4e/(1+e)²`, `e = e^-2|x|`.
    TanhDerivative,
    /// `max(x, 0)`.
    Relu,
    /// `x if x > 0, else α·x`.
    LeakyRelu(f64),
    /// `1 if x > 0, else α`.
    LeakyReluDerivative(f64),
    /// `x if x > 0, else α·expm1(x)`.
    Elu(f64),
    /// `1 if x > 0, else α·e^x`.
    EluDerivative(f64),
    /// `x·Φ(x) = ½x·erfc(-x/√2)`.
    Gelu,
    /// `Φ(x) + x·φ(x)`.
    GeluDerivative,
    /// `x·σ(2√(2/π)(x + 0.044715x³))`.
    GeluTanh,
    /// `σ(v) + x·σ(v)·σ(-v)·v'`, `v = 2√(2/π)(x + 0.044715x³)`.
    GeluTanhDerivative,
    /// `x·σ(βx)`, the rounding of `βx` carried.
    Silu(f64),
    /// `σ(βx)·(1 + βx·σ(-βx))`, the rounding of `βx` carried.
    SiluDerivative(f64),
    /// `x·tanh(softplus(x))`.
    Mish,
    /// `tanh(sp(x)) + x·sech²(sp(x))·σ(x)`.
    MishDerivative,
    /// `ln(1 + e^(βx))/β`.
    Softplus(f64),
    /// `σ(βx)`, the rounding of `βx` carried.
    SoftplusDerivative(f64),
    /// `λx if x > 0, else λα·expm1(x)`.
    Selu,
    /// `λ if x > 0, else λα·e^x`.
    SeluDerivative,
    /// `x if x > 0, else α·expm1(x/α)`.
    Celu(f64),
    /// `1 if x > 0, else e^(x/α)`.
    CeluDerivative(f64),
    /// `min(max(x, 0), 6)`.
    Relu6,
    /// `1 if 0 < x < 6, else 0`.
    Relu6Derivative,
    /// `min(max(x, -1), 1)`.
    HardTanh,
    /// `1 if -1 < x < 1, else 0`.
    HardTanhDerivative,
    /// `min(max(x/6 + ½, 0), 1)`.
    HardSigmoid,
    /// `1/6 if -3 < x < 3, else 0`.
    HardSigmoidDerivative,
    /// `x·min(max(x + 3, 0), 6)/6`.
    HardSwish,
    /// `0 if x <= -3, x/3 + ½ if x < 3, else 1`.
    HardSwishDerivative,
    /// `x/(1 + |x|)`.
    Softsign,
    /// `1/(1 + |x|)²`.
    SoftsignDerivative,
    /// `max(x, 0)²`.
    SquaredRelu,
    /// `2·max(x, 0)`.
    SquaredReluDerivative,
}

impl Kernel {
    /// The scalar form, for lanes the vector form does not serve and for CPUs without FMA.
    fn scalar(self, x: f64) -> f64 {
        match self {
            Kernel::Sigmoid => scalar::sigmoid(x),
            Kernel::SigmoidDerivative => scalar::sigmoid_derivative(x),
            Kernel::Tanh => x.tanh(),
            Kernel::TanhDerivative => scalar::tanh_derivative(x),
            Kernel::Elu(alpha) => scalar::elu(x, alpha),
            Kernel::EluDerivative(alpha) => scalar::elu_derivative(x, alpha),
            Kernel::Gelu => scalar::gelu(x),
            Kernel::GeluDerivative => scalar::gelu_derivative(x),
            Kernel::GeluTanh => scalar::gelu_tanh(x),
            Kernel::GeluTanhDerivative => scalar::gelu_tanh_derivative(x),
            Kernel::Silu(beta) => scalar::silu(x, beta),
            Kernel::SiluDerivative(beta) => scalar::silu_derivative(x, beta),
            Kernel::Mish => scalar::mish(x),
            Kernel::MishDerivative => scalar::mish_derivative(x),
            Kernel::Softplus(beta) => scalar::softplus(x, beta),
            Kernel::SoftplusDerivative(beta) => scalar::softplus_derivative(x, beta),
            Kernel::Selu => scalar::selu(x),
            Kernel::SeluDerivative => scalar::selu_derivative(x),
            Kernel::Celu(alpha) => scalar::celu(x, alpha),
            Kernel::CeluDerivative(alpha) => scalar::celu_derivative(x, alpha),
            // The rest have no other form: their scalar functions are branch-free lanes.
            _ => self.lane(x),
        }
    }

    /// Whether the vector form serves `x` (false where it would leave the range its
    /// exponential, logarithm or erfc is written for; NaN only where no select passes it on).
    #[inline(always)]
    fn serves(self, x: f64) -> bool {
        let reach = match self {
            Kernel::TanhDerivative | Kernel::Tanh => -EXP_NORMAL_LIMIT / 2.0,
            // A tiny β makes the reach infinite: the infinities still go to the scalar form.
            Kernel::SoftplusDerivative(beta)
            | Kernel::Silu(beta)
            | Kernel::SiluDerivative(beta) => (-EXP_NORMAL_LIMIT / beta.abs()).min(f64::MAX),
            Kernel::Sigmoid | Kernel::SigmoidDerivative => -EXP_NORMAL_LIMIT,
            Kernel::Mish | Kernel::MishDerivative => -SUBNORMAL_EXPONENT,
            Kernel::Gelu | Kernel::GeluDerivative => {
                return (GELU_LOWEST..=GELU_HIGHEST).contains(&x);
            }
            Kernel::GeluTanh | Kernel::GeluTanhDerivative => {
                return (GELU_TANH_LOWEST..=GELU_TANH_HIGHEST).contains(&x);
            }
            Kernel::Softplus(beta) => return logarithm::softplus_serves(x, beta),
            Kernel::Elu(_) | Kernel::EluDerivative(_) | Kernel::Selu | Kernel::SeluDerivative => {
                return exponential::serves(x);
            }
            Kernel::Celu(alpha) | Kernel::CeluDerivative(alpha) => {
                return exponential::celu_serves(x, alpha);
            }
            _ => return true,
        };
        x.abs() <= reach
    }

    #[inline(always)]
    fn lane(self, x: f64) -> f64 {
        match self {
            Kernel::Step => scalar::step(x),
            Kernel::StepDerivative => scalar::step_derivative(x),
            Kernel::Sigmoid => Unit::Sigmoid.at(x),
            // (Unclamped exponentials: the lanes served keep their arguments >= -708.)
            Kernel::SigmoidDerivative => logistic_density(exp_in_range(-x.abs())),
            Kernel::Tanh => tanh_lane(x),
            Kernel::TanhDerivative => tanh_derivative_lane(exp_in_range(-2.0 * x.abs())),
            Kernel::Relu => scalar::relu(x),
            Kernel::LeakyRelu(alpha) => scalar::leaky_relu(x, alpha),
            Kernel::LeakyReluDerivative(alpha) => scalar::leaky_relu_derivative(x, alpha),
            Kernel::Elu(alpha) => exponential::elu(x, alpha),
            Kernel::EluDerivative(alpha) => exponential::elu_derivative(x, alpha),
            Kernel::Gelu => gaussian::gelu(x),
            Kernel::GeluDerivative => gaussian::gelu_derivative(x),
            Kernel::GeluTanh => gaussian::gelu_tanh(x),
            Kernel::GeluTanhDerivative => gaussian::gelu_tanh_derivative(x),
            Kernel::Silu(beta) => {
                let (z, c) = two_product(beta, x);
                x * sigmoid(z, c)
            }
            Kernel::SiluDerivative(beta) => {
                let (z, c) = two_product(beta, x);
                let (s, s_minus) = logistic(z, c);
                s * c.mul_add(s_minus, z.mul_add(s_minus, 1.0))
            }
            Kernel::Mish => mish_from(x, exp_nonpositive(-x.abs())),
            Kernel::MishDerivative => mish_derivative_from(x, exp_nonpositive(-x.abs())),
            Kernel::Softplus(beta) => logarithm::softplus(x, beta),
            Kernel::SoftplusDerivative(beta) => {
                let (z, c) = two_product(beta, x);
                sigmoid(z, c)
            }
            Kernel::Selu => exponential::selu(x),
            Kernel::SeluDerivative => exponential::selu_derivative(x),
            Kernel::Celu(alpha) => exponential::celu(x, alpha),
            Kernel::CeluDerivative(alpha) => exponential::celu_derivative(x, alpha),
            Kernel::Relu6 => scalar::relu6(x),
            Kernel::Relu6Derivative => scalar::relu6_derivative(x),
            Kernel::HardTanh => scalar::hard_tanh(x),
            Kernel::HardTanhDerivative => scalar::hard_tanh_derivative(x),
            Kernel::HardSigmoid => scalar::hard_sigmoid(x),
            Kernel::HardSigmoidDerivative => scalar::hard_sigmoid_derivative(x),
            Kernel::HardSwish => scalar::hard_swish(x),
            Kernel::HardSwishDerivative => scalar::hard_swish_derivative(x),
            Kernel::Softsign => scalar::softsign(x),
            Kernel::SoftsignDerivative => scalar::softsign_derivative(x),
            Kernel::SquaredRelu => scalar::squared_relu(x),
            Kernel::SquaredReluDerivative => scalar::squared_relu_derivative(x),
        }
    }
}

/// tanh' `4e/(1 + e)²` with `e = e^(-2|x|)`, one plain quotient: within 2 ulp (the tables
/// allow 4), half the operations of the corrected [`logistic_density`], which is the scalar
/// form's.
#[inline(always)]
fn tanh_derivative_lane(e: f64) -> f64 {
    let d = 1.0 + e;
    4.0 * e / (d * d)
}

/// `σ(z + c)` with the vectorised exponential.
#[inline(always)]
fn sigmoid(z: f64, c: f64) -> f64 {
    logistic_family::logistic(exp_nonpositive(-z.abs()), z >= 0.0, c)
}

/// `(σ(z + c), σ(-(z + c)))` with the vectorised exponential.
#[inline(always)]
fn logistic(z: f64, c: f64) -> (f64, f64) {
    logistic_pair(exp_nonpositive(-z.abs()), z >= 0.0, c)
}

/// Applies `kernel` to every element, vectorised where the CPU allows; lanes the vector form
/// does not serve (NaN, far tails) are redone by the scalar form.
///
/// # Panics
/// If `xs` and `out` differ in length.
pub fn map(level: Level, kernel: Kernel, xs: &[f64], out: &mut [f64]) {
    assert_eq!(xs.len(), out.len(), "input and output lengths differ");
    dispatch!(level, fn run(kernel: Kernel, xs: &[f64], out: &mut [f64]) -> () {
        // One loop per kernel (the variant rebuilt, so it is a constant in it), each vectorised
        // on its own.
        macro_rules! each {
            ($($plain:ident),* ; $($with:ident),*) => {
                match kernel {
                    $(Kernel::$plain => map_lanes(Kernel::$plain, xs, out),)*
                    $(Kernel::$with(p) => map_lanes(Kernel::$with(p), xs, out),)*
                }
            };
        }
        // β = 1 (the default) makes βx exact: the forms with nothing to carry are cheaper.
        match kernel {
            Kernel::Silu(1.0) => return map_with(Kernel::Silu(1.0), xs, out, Unit::Silu),
            Kernel::SiluDerivative(1.0) => {
                return map_with(Kernel::SiluDerivative(1.0), xs, out, Unit::SiluDerivative);
            }
            Kernel::SoftplusDerivative(1.0) => {
                return map_with(Kernel::SoftplusDerivative(1.0), xs, out, Unit::Sigmoid);
            }
            _ => {}
        }
        each!(
            Step, StepDerivative, Sigmoid, SigmoidDerivative, Tanh, TanhDerivative, Relu, Gelu,
            GeluDerivative, GeluTanh, GeluTanhDerivative, Mish, MishDerivative, Selu,
            SeluDerivative, Relu6, Relu6Derivative, HardTanh, HardTanhDerivative, HardSigmoid,
            HardSigmoidDerivative, HardSwish, HardSwishDerivative, Softsign, SoftsignDerivative,
            SquaredRelu, SquaredReluDerivative;
            LeakyRelu, LeakyReluDerivative, Elu, EluDerivative, Silu, SiluDerivative, Softplus,
            SoftplusDerivative, Celu, CeluDerivative
        );
    } else {
        for (o, &x) in out.iter_mut().zip(xs) {
            *o = kernel.scalar(x);
        }
    });
}

#[inline(always)]
fn map_lanes(kernel: Kernel, xs: &[f64], out: &mut [f64]) {
    map_with(kernel, xs, out, kernel);
}

/// A lane form (a closure would not be inlined into the `#[target_feature]` loop).
trait Lane: Copy {
    fn at(self, x: f64) -> f64;
}

impl Lane for Kernel {
    #[inline(always)]
    fn at(self, x: f64) -> f64 {
        self.lane(x)
    }
}

/// The β = 1 forms of SiLU, SiLU' and softplus' (`βx` exact: nothing to carry).
#[derive(Clone, Copy)]
enum Unit {
    /// `x·σ(x)`.
    Silu,
    /// `σ(x)·(1 + x·σ(-x))`.
    SiluDerivative,
    /// `σ(x)`.
    Sigmoid,
}

impl Lane for Unit {
    #[inline(always)]
    fn at(self, x: f64) -> f64 {
        // No clamp: the lanes served have |x| <= 708, and the others are redone by the scalar code.
        let e = exp_in_range(-x.abs());
        match self {
            // One plain quotient each: within 3 ulp of x·σ(x) (the tables allow 4) and of SiLU'
            // (allowed 6 ulp times its cancellation), at PyTorch's pace; sigmoid keeps the
            // corrected quotient, which is already faster than PyTorch's.
            Unit::Silu => {
                let d = 1.0 + e;
                if x >= 0.0 { x / d } else { x * e / d }
            }
            Unit::Sigmoid => logistic_family::logistic_exact(e, x >= 0.0),
            Unit::SiluDerivative => {
                let inverse = 1.0 / (1.0 + e);
                let (s, s_minus) = if x >= 0.0 {
                    (inverse, e * inverse)
                } else {
                    (e * inverse, inverse)
                };
                s * x.mul_add(s_minus, 1.0)
            }
        }
    }
}

/// `out[i] = lane(xs[i])`, then the lanes `kernel` does not serve by its scalar form.
#[inline(always)]
fn map_with(kernel: Kernel, xs: &[f64], out: &mut [f64], lane: impl Lane) {
    let mut unusual = false;
    for (o, &x) in out.iter_mut().zip(xs) {
        *o = lane.at(x);
        unusual |= !kernel.serves(x);
    }
    // Only then: a fix-up loop left to the vectoriser would call libm for every lane.
    if unusual {
        finish(kernel, xs, out);
    }
}

#[inline(never)]
fn finish(kernel: Kernel, xs: &[f64], out: &mut [f64]) {
    for (o, &x) in out.iter_mut().zip(xs) {
        if !kernel.serves(x) {
            *o = kernel.scalar(x);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance in ulp of the reference.
    fn ulps(got: f64, want: f64) -> f64 {
        (got - want).abs() / (want.abs().next_up() - want.abs())
    }

    #[test]
    fn every_kernel_matches_its_scalar_form_closely_at_every_level() {
        let xs: Vec<f64> = (-20_000..20_000).map(|i| f64::from(i) * 0.0371).collect();
        let mut fast = vec![0.0; xs.len()];
        for level in Level::available() {
            for kernel in [
                Kernel::Sigmoid,
                Kernel::Tanh,
                Kernel::SigmoidDerivative,
                Kernel::TanhDerivative,
                Kernel::Silu(1.0),
                Kernel::Silu(0.5),
                Kernel::Silu(1.702),
                // (SiLU' cancels near its zero at x = -1.28; the oracle checks it with the
                // tables' conditioning-scaled bounds.)
                Kernel::SoftplusDerivative(2.5),
                Kernel::Elu(1.0),
                Kernel::EluDerivative(0.3),
                Kernel::Selu,
                Kernel::SeluDerivative,
                Kernel::Celu(1.0),
                Kernel::Celu(0.4),
                Kernel::CeluDerivative(2.5),
                Kernel::Gelu,
                Kernel::GeluTanh,
                Kernel::Mish,
                Kernel::Softplus(1.0),
                Kernel::Softplus(0.3),
                Kernel::LeakyReluDerivative(0.01),
                Kernel::HardSigmoid,
                Kernel::HardSwish,
                Kernel::Softsign,
                Kernel::SoftsignDerivative,
            ] {
                map(level, kernel, &xs, &mut fast);
                for (&x, &y) in xs.iter().zip(&fast) {
                    let want = kernel.scalar(x);
                    assert!(
                        ulps(y, want) <= 3.0 || want.abs() < 1e-300,
                        "{} {kernel:?}({x}) = {y}, scalar {want}",
                        level.name()
                    );
                }
            }
        }
    }

    #[test]
    fn edges_go_to_the_scalar_form() {
        let edge = [
            f64::NAN,
            710.0,
            -710.0,
            -745.5,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -0.0,
        ];
        let mut out = [0.0; 7];
        for level in Level::available() {
            map(level, Kernel::Sigmoid, &edge, &mut out);
            assert!(out[0].is_nan());
            assert_eq!(
                &out[1..],
                &[1.0, scalar::sigmoid(-710.0), 0.0, 1.0, 0.0, 0.5]
            );
        }
    }
}
