//! Where an activation's gradient is gone, as the mathematics says (not as sampled values suggest).
//!
//! *Dead* where `f'` is exactly 0 over an interval (ReLU for `x < 0`), *saturated* where `|f'|`
//! tends to 0 as `|x|` grows (sigmoid's tails). A stationary point, where `f'` is 0 at one `x` and
//! not around it (SiLU's minimum), is neither; nor is an `f'` that underflows to 0 in f64 far out
//! in a tail (sigmoid at `x = 1e308` is saturated, not dead).

use crate::activation::Activation;

/// How `|f'|` behaves in each direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tails {
    /// `|f'(x)| → 0` as `x → -∞` (and `f'` is not identically 0 there).
    pub left: bool,
    /// `|f'(x)| → 0` as `x → +∞`.
    pub right: bool,
}

impl Activation {
    /// The open intervals where `f'` is exactly 0 for parameter `p`: the dead zones.
    #[must_use]
    pub fn dead_zones(self, p: f64) -> Vec<(f64, f64)> {
        const ALL: (f64, f64) = (f64::NEG_INFINITY, f64::INFINITY);
        let below = |x: f64| (f64::NEG_INFINITY, x);
        let above = |x: f64| (x, f64::INFINITY);
        match self {
            Activation::Step => vec![below(0.0), above(0.0)],
            Activation::Relu | Activation::SquaredRelu => vec![below(0.0)],
            Activation::LeakyRelu | Activation::Elu if p == 0.0 => vec![below(0.0)],
            Activation::Relu6 => vec![below(0.0), above(6.0)],
            Activation::HardSigmoid => vec![below(-3.0), above(3.0)],
            Activation::HardSwish => vec![below(-3.0)],
            Activation::HardTanh => vec![below(-1.0), above(1.0)],
            Activation::Celu if p == 0.0 => vec![ALL],
            _ => Vec::new(),
        }
    }

    /// Whether `|f'|` tends to 0 in each direction for parameter `p` (saturation), outside the
    /// dead zones.
    #[must_use]
    pub fn tails(self, p: f64) -> Tails {
        let both = Tails {
            left: true,
            right: true,
        };
        let left = Tails {
            left: true,
            right: false,
        };
        let none = Tails {
            left: false,
            right: false,
        };
        match self {
            Activation::Sigmoid | Activation::Tanh | Activation::Softsign => both,
            Activation::Gelu
            | Activation::GeluTanh
            | Activation::Mish
            | Activation::Selu
            | Activation::Celu => left,
            // x·σ(βx) and σ(βx) (softplus' f'): on the left for β > 0; α·e^x for ELU, α > 0.
            Activation::Silu | Activation::Softplus | Activation::Elu if p > 0.0 => left,
            // σ(βx) with β < 0 saturates on the right.
            Activation::Softplus if p < 0.0 => Tails {
                left: false,
                right: true,
            },
            _ => none,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dead_zones_have_a_zero_derivative_and_nothing_else_does() {
        for a in Activation::ALL {
            let p = a.default_param();
            let zones = a.dead_zones(p);
            for i in -400..=400 {
                let x = f64::from(i) * 0.05 + 0.012_345;
                let dead = zones.iter().any(|&(lo, hi)| lo < x && x < hi);
                let d = a.derivative(x, p);
                if dead {
                    assert_eq!(d, 0.0, "{}'({x}) in a dead zone", a.name());
                }
            }
        }
    }

    #[test]
    fn saturating_tails_tend_to_zero_and_others_do_not() {
        for a in Activation::ALL {
            let p = a.default_param();
            let tails = a.tails(p);
            let zones = a.dead_zones(p);
            let bound = a.derivative_bound(p);
            let scale = if bound.is_finite() { bound } else { 1.0 };
            for (side, saturates) in [(-1.0, tails.left), (1.0, tails.right)] {
                let far = side * 40.0;
                if zones.iter().any(|&(lo, hi)| lo < far && far < hi) {
                    assert!(!saturates, "{} is dead there, not saturated", a.name());
                    continue;
                }
                let (near, far) = (
                    a.derivative(side * 5.0, p).abs(),
                    a.derivative(far, p).abs(),
                );
                if saturates {
                    assert!(far < 1e-3 * scale && far < near, "{} side {side}", a.name());
                } else {
                    assert!(far >= 1e-3 * scale, "{} side {side}: {far}", a.name());
                }
            }
        }
        assert!(
            !Activation::Relu.tails(0.0).left,
            "ReLU's left is dead, not saturated"
        );
        assert!(!Activation::Silu.tails(1.0).right);
    }
}
