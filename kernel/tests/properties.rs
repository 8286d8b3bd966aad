//! Tests: properties of the kernel that must hold for every input, checked on random ones.

use actscope_kernel::{self as kernel, Activation, Level, Temperature};
use proptest::prelude::*;

/// Any finite f64, of any magnitude and sign.
fn finite() -> impl Strategy<Value = f64> {
    prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO
}

/// A usable temperature: 0, tiny, ordinary or huge.
fn temperature() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(1.0),
        Just(1e-320),
        1e-300..1e-3f64,
        1e-3..1e3f64,
        1e3..1e300f64,
    ]
}

fn softmax(xs: &[f64], t: f64) -> Vec<f64> {
    let mut out = vec![0.0; xs.len()];
    kernel::softmax(
        Level::best(),
        xs,
        Temperature::new(t).expect("valid temperature"),
        &mut out,
    );
    out
}

proptest! {
    #[test]
    fn softmax_sums_to_one_and_is_never_nan(
        xs in prop::collection::vec(finite(), 1..40),
        t in temperature(),
    ) {
        let p = softmax(&xs, t);
        for &pi in &p {
            prop_assert!((0.0..=1.0).contains(&pi), "p = {pi} for {xs:?}, T = {t}");
        }
        let sum: f64 = p.iter().sum();
        prop_assert!((sum - 1.0).abs() <= 1e-12, "sum = {sum}");
    }

    #[test]
    fn softmax_ignores_a_common_shift(
        xs in prop::collection::vec(-1e3..1e3f64, 1..20),
        shift in -1e3..1e3f64,
        t in prop_oneof![Just(1.0), 0.05..20.0f64],
    ) {
        let shifted: Vec<f64> = xs.iter().map(|x| x + shift).collect();
        let (p, q) = (softmax(&xs, t), softmax(&shifted, t));
        for (a, b) in p.iter().zip(&q) {
            // x + shift is rounded: at most 1.2e-13 absolute, i.e. ~5e-12 relative at T = 0.05.
            prop_assert!((a - b).abs() <= 1e-11 * a.max(*b) + 1e-300, "{a} vs {b}");
        }
    }

    #[test]
    fn log_softmax_is_never_positive_and_matches_ln_softmax(
        xs in prop::collection::vec(finite(), 1..30),
        t in temperature(),
    ) {
        let mut lp = vec![0.0; xs.len()];
        kernel::log_softmax(Level::best(), &xs, Temperature::new(t).unwrap(), &mut lp);
        let p = softmax(&xs, t);
        for (&l, &pi) in lp.iter().zip(&p) {
            prop_assert!(l <= 0.0 && !l.is_nan(), "log p = {l}");
            prop_assert!(l.to_bits() != (-0.0f64).to_bits() && pi.to_bits() != (-0.0f64).to_bits());
            if pi > 1e-300 {
                prop_assert!((l.exp() - pi).abs() <= 1e-12 * pi.max(1e-300) + 1e-15, "{l} vs {pi}");
            }
        }
    }

    #[test]
    fn logsumexp_is_never_nan_for_finite_input(
        xs in prop::collection::vec(finite(), 1..30),
        t in temperature(),
    ) {
        let lse = kernel::logsumexp(Level::best(), &xs, Temperature::new(t).unwrap());
        prop_assert!(!lse.is_nan(), "logsumexp = NaN at T = {t}");
    }

    #[test]
    fn logsumexp_bounds_the_maximum(xs in prop::collection::vec(-1e300..1e300f64, 1..30)) {
        let m = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let lse = kernel::logsumexp(Level::best(), &xs, Temperature::ONE);
        // max <= lse <= max + ln n
        prop_assert!(lse >= m && lse <= m + (xs.len() as f64).ln() + 1e-12 * m.abs().max(1.0));
    }

    #[test]
    fn sigmoid_is_in_unit_interval_and_monotone(a in finite(), b in finite()) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let (s_lo, s_hi) = (Activation::Sigmoid.value(lo, 0.0), Activation::Sigmoid.value(hi, 0.0));
        prop_assert!((0.0..=1.0).contains(&s_lo) && (0.0..=1.0).contains(&s_hi));
        prop_assert!(s_lo <= s_hi, "σ({lo}) = {s_lo} > σ({hi}) = {s_hi}");
    }

    #[test]
    fn sigmoid_derivative_never_exceeds_a_quarter(x in finite()) {
        let d = Activation::Sigmoid.derivative(x, 0.0);
        prop_assert!((0.0..=0.25).contains(&d));
    }

    #[test]
    fn derivatives_agree_with_a_central_difference(
        index in 0..Activation::ALL.len(),
        x in -30.0..30.0f64,
        param_pick in 0..3usize,
    ) {
        let activation = Activation::ALL[index];
        let param = match (activation.param(), param_pick) {
            (None, _) => 0.0,
            (Some(spec), 0) => spec.default,
            (Some(_), 1) => 0.3,
            (Some(_), _) => 2.5,
        };
        // Away from the kinks (relu's 0, relu6's 0 and 6, hard sigmoid's ±3, ...).
        let h = 1e-5 * x.abs().max(1.0);
        prop_assume!(activation.kinks(param).iter().all(|k| (x - k).abs() > 100.0 * h));
        let f = |x: f64| activation.value(x, param);
        let numeric = (f(x + h) - f(x - h)) / (2.0 * h);
        let exact = activation.derivative(x, param);
        let scale = exact.abs().max(f(x).abs()).max(1.0);
        prop_assert!(
            (numeric - exact).abs() <= 1e-6 * scale,
            "{}'({x}; {param}) = {exact}, central difference {numeric}", activation.name()
        );
    }

    #[test]
    fn every_activation_is_finite_for_finite_input(index in 0..Activation::ALL.len(), x in finite()) {
        let activation = Activation::ALL[index];
        let p = activation.default_param();
        // x² (and then 2x) of squared ReLU is past f64::MAX there: inf is its correct rounding.
        prop_assume!(activation != Activation::SquaredRelu || x <= f64::MAX.sqrt());
        prop_assert!(activation.value(x, p).is_finite(), "{}({x})", activation.name());
        prop_assert!(activation.derivative(x, p).is_finite(), "{}'({x})", activation.name());
    }
}

/// The functions added in the second edition (issue 13).
const ADDED: [Activation; 8] = [
    Activation::Selu,
    Activation::Celu,
    Activation::Relu6,
    Activation::HardTanh,
    Activation::HardSigmoid,
    Activation::HardSwish,
    Activation::Softsign,
    Activation::SquaredRelu,
];

/// Any f64 but NaN: finite, ±0, ±inf.
fn any_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        finite(),
        Just(0.0),
        Just(-0.0),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        -8.0..8.0f64,
    ]
}

/// `6·y - a·(b + 3)` for `b + 3` exact (`two_sum`) and the products exact (`fma`), so that a
/// result `y` of `a·(b + 3)/6` can be checked to within a fraction of an ulp without a reference.
fn six_times_minus(y: f64, a: f64, b: f64) -> f64 {
    let (s, s_low) = two_sum(b, 3.0);
    let (p, p_low) = (a * s, a.mul_add(s, -(a * s)));
    let (q, q_low) = (6.0 * y, 6.0f64.mul_add(y, -(6.0 * y)));
    (q - p) + (q_low - p_low - a * s_low)
}

fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let b_virtual = s - a;
    (s, (a - (s - b_virtual)) + (b - b_virtual))
}

fn ulp(v: f64) -> f64 {
    v.abs().next_up() - v.abs()
}

proptest! {
    #[test]
    fn added_activations_give_no_negative_zero(index in 0..ADDED.len(), x in any_number()) {
        let activation = ADDED[index];
        for p in [activation.default_param(), 0.3, 2.5] {
            let (y, dy) = (activation.value(x, p), activation.derivative(x, p));
            prop_assert!(y != 0.0 || y.is_sign_positive(), "{}({x}) = -0", activation.name());
            prop_assert!(dy != 0.0 || dy.is_sign_positive(), "{}'({x}) = -0", activation.name());
        }
    }

    #[test]
    fn added_activations_slices_are_the_scalar_forms(
        index in 0..ADDED.len(),
        xs in prop::collection::vec(any_number(), 0..40),
    ) {
        let activation = ADDED[index];
        let p = activation.default_param();
        let (mut ys, mut dys) = (vec![0.0; xs.len()], vec![0.0; xs.len()]);
        for level in Level::available() {
            activation.value_slice(level, &xs, p, &mut ys);
            activation.derivative_slice(level, &xs, p, &mut dys);
            // SELU and CELU lanes have their own exp and expm1: within 2 ulp of the scalar forms
            // (each within about an ulp of exact; the oracle holds both to the tables' bounds);
            // the rest are the same code, to the bit.
            let exponential = matches!(activation, Activation::Selu | Activation::Celu);
            for (i, &x) in xs.iter().enumerate() {
                for (got, want) in [(ys[i], activation.value(x, p)), (dys[i], activation.derivative(x, p))] {
                    if exponential && got != want {
                        prop_assert!((got - want).abs() <= 2.0 * ulp(want), "{}({x}): {got} vs {want}", activation.name());
                    } else {
                        prop_assert_eq!(got.to_bits(), want.to_bits());
                    }
                }
            }
        }
    }

    #[test]
    fn hard_sigmoid_and_hard_swish_are_within_an_ulp(
        x in prop_oneof![-3.0..3.0f64, -3.0..-2.999f64, -1.6..-1.4f64, 2.999..3.0f64],
    ) {
        // (x + 3)/6 near x = -3 is where x/6 + 1/2 would cancel.
        let y = Activation::HardSigmoid.value(x, 0.0);
        prop_assert!(six_times_minus(y, 1.0, x).abs() <= 6.0 * ulp(y), "hard_sigmoid({x}) = {y}");
        // Hard swish x·(x + 3)/6, and its derivative 1·(2x + 3)/6.
        let y = Activation::HardSwish.value(x, 0.0);
        prop_assert!(six_times_minus(y, x, x).abs() <= 6.0 * ulp(y), "hard_swish({x}) = {y}");
        let dy = Activation::HardSwish.derivative(x, 0.0);
        prop_assert!(
            six_times_minus(dy, 1.0, 2.0 * x).abs() <= 6.0 * ulp(dy),
            "hard_swish'({x}) = {dy}"
        );
    }
}
