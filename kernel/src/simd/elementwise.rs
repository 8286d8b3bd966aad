//! Element-wise slice kernels: sigmoid, tanh, SiLU and their derivatives, softplus' — each lane
//! the scalar family's own formula fed the vectorised exponential.
#![allow(clippy::inline_always)]

use super::exp::{EXP_NORMAL_LIMIT, exp_nonpositive, tanh_lane};
use super::{Level, dispatch};
use crate::eft::two_product;
use crate::scalar;
use crate::scalar::logistic::{logistic_density, logistic_pair};

/// An element-wise kernel built on [`exp_nonpositive`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kernel {
    /// `σ(x)`.
    Sigmoid,
    /// `σ'(x) = e/(1+e)²`, `e = e^-|x|`.
    SigmoidDerivative,
    /// `tanh(x)`.
    Tanh,
    /// `tanh'(x) = 4e/(1+e)²`, `e = e^-2|x|`.
    TanhDerivative,
    /// `x·σ(βx)`, the rounding of `βx` carried.
    Silu(f64),
    /// `σ(βx)·(1 + βx·σ(-βx))`, the rounding of `βx` carried.
    SiluDerivative(f64),
    /// `σ(βx)`, the rounding of `βx` carried.
    SoftplusDerivative(f64),
}

impl Kernel {
    /// The scalar form, for lanes the vector form does not serve and for CPUs without FMA.
    fn scalar(self, x: f64) -> f64 {
        match self {
            Kernel::Sigmoid => scalar::sigmoid(x),
            Kernel::SigmoidDerivative => scalar::sigmoid_derivative(x),
            Kernel::Tanh => x.tanh(),
            Kernel::TanhDerivative => scalar::tanh_derivative(x),
            Kernel::Silu(beta) => scalar::silu(x, beta),
            Kernel::SiluDerivative(beta) => scalar::silu_derivative(x, beta),
            Kernel::SoftplusDerivative(beta) => scalar::softplus_derivative(x, beta),
        }
    }

    /// Whether the vector form serves `x` (false for NaN and infinities, and where the
    /// exponential `e^-|x|` (`e^-|βx|`) is not normal).
    #[inline(always)]
    fn serves(self, x: f64) -> bool {
        let reach = match self {
            Kernel::TanhDerivative | Kernel::Tanh => -EXP_NORMAL_LIMIT / 2.0,
            // A tiny β makes the reach infinite: the infinities still go to the scalar form.
            Kernel::SoftplusDerivative(beta)
            | Kernel::Silu(beta)
            | Kernel::SiluDerivative(beta) => (-EXP_NORMAL_LIMIT / beta.abs()).min(f64::MAX),
            _ => -EXP_NORMAL_LIMIT,
        };
        x.abs() <= reach
    }

    #[inline(always)]
    fn lane(self, x: f64) -> f64 {
        match self {
            Kernel::Sigmoid => logistic(x, 0.0).0,
            Kernel::SigmoidDerivative => logistic_density(exp_nonpositive(-x.abs())),
            Kernel::Tanh => tanh_lane(x),
            Kernel::TanhDerivative => 4.0 * logistic_density(exp_nonpositive(-2.0 * x.abs())),
            Kernel::Silu(beta) => {
                let (z, c) = two_product(beta, x);
                x * logistic(z, c).0
            }
            Kernel::SiluDerivative(beta) => {
                let (z, c) = two_product(beta, x);
                let (s, s_minus) = logistic(z, c);
                s * c.mul_add(s_minus, z.mul_add(s_minus, 1.0))
            }
            Kernel::SoftplusDerivative(beta) => {
                let (z, c) = two_product(beta, x);
                logistic(z, c).0
            }
        }
    }
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
        // One loop per kernel, so each is vectorised on its own.
        match kernel {
            Kernel::Sigmoid => map_lanes(Kernel::Sigmoid, xs, out),
            Kernel::SigmoidDerivative => map_lanes(Kernel::SigmoidDerivative, xs, out),
            Kernel::Tanh => map_lanes(Kernel::Tanh, xs, out),
            Kernel::TanhDerivative => map_lanes(Kernel::TanhDerivative, xs, out),
            Kernel::Silu(beta) => map_lanes(Kernel::Silu(beta), xs, out),
            Kernel::SiluDerivative(beta) => map_lanes(Kernel::SiluDerivative(beta), xs, out),
            Kernel::SoftplusDerivative(beta) => {
                map_lanes(Kernel::SoftplusDerivative(beta), xs, out);
            }
        }
    } else {
        for (o, &x) in out.iter_mut().zip(xs) {
            *o = kernel.scalar(x);
        }
    });
}

#[inline(always)]
fn map_lanes(kernel: Kernel, xs: &[f64], out: &mut [f64]) {
    let mut unusual = false;
    for (o, &x) in out.iter_mut().zip(xs) {
        *o = kernel.lane(x);
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
