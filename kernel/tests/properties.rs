//! Properties of the kernel that must hold for every input, checked on random ones.

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
        // Step, ReLU, Leaky ReLU and ELU (alpha != 1) have a kink at 0.
        prop_assume!(x.abs() > 1e-3);
        let h = 1e-5 * x.abs().max(1.0);
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
        prop_assert!(activation.value(x, p).is_finite(), "{}({x})", activation.name());
        prop_assert!(activation.derivative(x, p).is_finite(), "{}'({x})", activation.name());
    }
}
