//! Tests of the activations' kinks, their limits, and how large their derivatives get.
//!
//! Kinks are where they are not differentiable ([`Activation::kinks`]); limits are what they give
//! at ±inf and NaN. Checked on sweeps.

use actscope_kernel::{Activation, Level};

/// The parameters each activation is checked with: its default and a few others.
fn params(activation: Activation) -> Vec<f64> {
    match activation.param() {
        None => vec![activation.default_param()],
        Some(spec) => vec![spec.default, 0.3, 1.0, 2.5],
    }
}

/// `f'` just left and right of `x`, and the jump of `f` across it.
fn sides(activation: Activation, x: f64, p: f64) -> (f64, f64, f64) {
    let delta = 1e-7 * x.abs().max(1.0);
    let (left, right) = (x - delta, x + delta);
    (
        activation.derivative(left, p),
        activation.derivative(right, p),
        (activation.value(right, p) - activation.value(left, p)).abs(),
    )
}

#[test]
fn kinks_are_where_the_derivative_jumps_and_nowhere_else() {
    for activation in Activation::ALL {
        for p in params(activation) {
            let kinks = activation.kinks(p);
            let name = activation.name();
            assert!(kinks.windows(2).all(|w| w[0] < w[1]), "{name}: {kinks:?}");
            for &k in kinks {
                let (left, right, jump) = sides(activation, k, p);
                // The step's f' is 0 on both sides; f itself jumps.
                assert!(
                    (left - right).abs() > 1e-3 || jump > 1e-3,
                    "{name}({p}) at {k}: f' {left} | {right}, jump {jump}"
                );
            }
            // A sweep that passes through 0, ±1, ±3 and 6 (0.01·i is exact there).
            for i in -1_000..=1_000 {
                let x = f64::from(i) / 100.0;
                if kinks.iter().any(|k| (x - k).abs() < 1e-3) {
                    continue;
                }
                let (left, right, _) = sides(activation, x, p);
                assert!(
                    (left - right).abs() < 1e-4 * left.abs().max(1.0),
                    "{name}({p}) has an unlisted kink at {x}: f' {left} | {right}"
                );
            }
        }
    }
}

#[test]
fn the_conventions_at_the_kinks_are_pytorchs() {
    let at = |a: Activation, x: f64| a.derivative(x, a.default_param());
    assert_eq!(at(Activation::Relu6, 0.0), 0.0);
    assert_eq!(at(Activation::Relu6, 6.0), 0.0);
    assert_eq!(at(Activation::HardTanh, -1.0), 0.0);
    assert_eq!(at(Activation::HardTanh, 1.0), 0.0);
    assert_eq!(at(Activation::HardSigmoid, -3.0), 0.0);
    assert_eq!(at(Activation::HardSigmoid, 3.0), 0.0);
    assert_eq!(at(Activation::HardSwish, -3.0), 0.0);
    assert_eq!(at(Activation::HardSwish, 3.0), 1.0);
    // PyTorch's negcoef, alpha * scale in f64 (torch 2.15, float64 autograd of selu at 0),
    // an ulp under λα correctly rounded, which is the bound.
    assert_eq!(at(Activation::Selu, 0.0), 1.758_099_340_847_376_6);
    assert_eq!(
        Activation::Selu.derivative_bound(0.0),
        1.758_099_340_847_376_8
    );
    assert_eq!(at(Activation::Celu, 0.0), 1.0);
    assert_eq!(at(Activation::Softsign, 0.0), 1.0);
    assert_eq!(at(Activation::SquaredRelu, 0.0), 0.0);
    // Just inside the clip points.
    assert_eq!(at(Activation::HardSigmoid, 2.5), 1.0 / 6.0);
    assert_eq!(at(Activation::HardSwish, -1.5), 0.0);
    assert_eq!(at(Activation::HardSwish, 1.5), 1.0);
}

#[test]
fn infinities_give_the_limits() {
    let lambda_alpha = Activation::Selu.derivative_bound(0.0);
    let cases: [(Activation, f64, [f64; 4]); 9] = [
        // activation, parameter, [f(-inf), f(inf), f'(-inf), f'(inf)]
        (
            Activation::Selu,
            0.0,
            [-lambda_alpha, f64::INFINITY, 0.0, 1.050_700_987_355_480_5],
        ),
        (Activation::Celu, 1.0, [-1.0, f64::INFINITY, 0.0, 1.0]),
        (Activation::Celu, 0.5, [-0.5, f64::INFINITY, 0.0, 1.0]),
        (Activation::Relu6, 0.0, [0.0, 6.0, 0.0, 0.0]),
        (Activation::HardTanh, 0.0, [-1.0, 1.0, 0.0, 0.0]),
        (Activation::HardSigmoid, 0.0, [0.0, 1.0, 0.0, 0.0]),
        (Activation::HardSwish, 0.0, [0.0, f64::INFINITY, 0.0, 1.0]),
        (Activation::Softsign, 0.0, [-1.0, 1.0, 0.0, 0.0]),
        (
            Activation::SquaredRelu,
            0.0,
            [0.0, f64::INFINITY, 0.0, f64::INFINITY],
        ),
    ];
    let xs = [f64::NEG_INFINITY, f64::INFINITY];
    for (activation, p, [at_minus, at_plus, d_minus, d_plus]) in cases {
        let name = activation.name();
        assert_eq!(
            activation.value(f64::NEG_INFINITY, p),
            at_minus,
            "{name}(-inf)"
        );
        assert_eq!(activation.value(f64::INFINITY, p), at_plus, "{name}(inf)");
        assert_eq!(
            activation.derivative(f64::NEG_INFINITY, p),
            d_minus,
            "{name}'(-inf)"
        );
        assert_eq!(
            activation.derivative(f64::INFINITY, p),
            d_plus,
            "{name}'(inf)"
        );
        for level in Level::available() {
            let (mut ys, mut dys) = ([0.0; 2], [0.0; 2]);
            activation.value_slice(level, &xs, p, &mut ys);
            activation.derivative_slice(level, &xs, p, &mut dys);
            assert_eq!(ys, [at_minus, at_plus], "{name} slice");
            assert_eq!(dys, [d_minus, d_plus], "{name}' slice");
        }
    }
}

#[test]
fn nan_propagates_through_the_slices_too() {
    let xs = [
        f64::NAN,
        1.0,
        f64::NAN,
        -1.0,
        0.0,
        f64::NAN,
        7.0,
        -4.0,
        f64::NAN,
    ];
    for level in Level::available() {
        for activation in Activation::ALL {
            for p in params(activation) {
                let (mut ys, mut dys) = ([0.0; 9], [0.0; 9]);
                activation.value_slice(level, &xs, p, &mut ys);
                activation.derivative_slice(level, &xs, p, &mut dys);
                for i in [0, 2, 5, 8] {
                    assert!(ys[i].is_nan(), "{}", activation.name());
                    assert!(dys[i].is_nan(), "{}'", activation.name());
                }
            }
        }
    }
}

#[test]
fn derivative_bounds_hold_for_every_parameter_and_are_reached() {
    for activation in Activation::ALL {
        for p in params(activation) {
            let bound = activation.derivative_bound(p);
            let name = activation.name();
            let mut highest: f64 = 0.0;
            let far = [-1e6, -1e3, 1e3, 1e6];
            for x in (-40_000..=40_000).map(|i| f64::from(i) * 2.5e-4).chain(far) {
                let d = activation.derivative(x, p).abs();
                assert!(
                    d <= bound * (1.0 + 1e-12),
                    "{name}'({x}; {p}) = {d} > {bound}"
                );
                highest = highest.max(d);
            }
            if bound.is_finite() {
                // Reached up to 2% (tanh', softplus' only tend to 1; hard swish' to 3/2 as
                // x -> 3-); the step's 0 is reached everywhere.
                assert!(highest >= bound * 0.98, "{name}({p}): {highest} < {bound}");
            } else {
                // Unbounded: past any bound further out.
                assert!(activation.derivative(1e300, p).abs() >= 1e300, "{name}");
            }
        }
    }
    // The exact suprema, where they are constants.
    assert_eq!(
        Activation::Selu.derivative_bound(0.0),
        1.758_099_340_847_376_8
    );
    assert_eq!(Activation::HardSigmoid.derivative_bound(0.0), 1.0 / 6.0);
    assert_eq!(Activation::HardSwish.derivative_bound(0.0), 1.5);
    assert_eq!(Activation::SquaredRelu.derivative_bound(0.0), f64::INFINITY);
    for p in [0.3, 1.0, 2.5] {
        assert_eq!(Activation::Celu.derivative_bound(p), 1.0);
    }
}

/// The slices give the conventions at the kinks too, on every level.
#[test]
fn the_slices_keep_the_conventions() {
    for level in actscope_kernel::Level::available() {
        for a in Activation::ALL {
            let p = a.default_param();
            // Long enough for the vector lanes, not only the scalar remainder.
            let kinks: Vec<f64> = a.kinks(p).iter().copied().cycle().take(64).collect();
            let mut out = vec![0.0; kinks.len()];
            a.derivative_slice(level, &kinks, p, &mut out);
            for (x, d) in kinks.iter().zip(&out) {
                assert_eq!(
                    d.to_bits(),
                    a.derivative(*x, p).to_bits(),
                    "{}'({x}) at {level:?}",
                    a.name()
                );
            }
        }
    }
}
