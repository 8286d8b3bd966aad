//! Tests of user formulas' derivatives.
//!
//! Bit for bit the kernel's for a built-in, exact for compounds, PyTorch's conventions at kinks,
//! and the same over a slice as at one point.

use actscope_kernel::{Activation, Formula, Level};
use proptest::prelude::*;

fn formula(text: &str) -> Formula {
    Formula::parse(text, &[]).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

fn ulp(v: f64) -> f64 {
    let a = v.abs();
    a.next_up() - a
}

fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

/// Points over the whole range: a grid, the tails, zeros of both signs, subnormals, infinities.
fn points() -> Vec<f64> {
    let mut xs: Vec<f64> = (-400..=400).map(|i| f64::from(i) * 0.0625).collect();
    xs.extend((-200..=200).map(|i| f64::from(i) * 0.377 + 0.001));
    xs.extend([
        0.0,
        -0.0,
        1e-300,
        -1e-300,
        5e-324,
        -5e-324,
        -1.0,
        1.0,
        -3.0,
        3.0,
        6.0,
        -37.5,
        -709.0,
        -745.0,
        710.0,
        1e300,
        -1e300,
        f64::MAX,
        f64::MIN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
    ]);
    xs
}

#[test]
fn every_builtin_is_bit_for_bit_the_kernel() {
    for a in Activation::ALL {
        let names = std::iter::once(a.name()).chain(a.aliases().iter().copied());
        for name in names {
            let f = formula(&format!("{name}(x)"));
            let p = a.default_param();
            for x in points() {
                let (y, dy) = f.value_and_derivative(x);
                let (want, want_d) = (a.value(x, p), a.derivative(x, p));
                assert!(same(y, want), "{name}({x}) = {y}, kernel {want}");
                // Where the value is NaN the formula's derivative is NaN too.
                let want_d = if want.is_nan() { f64::NAN } else { want_d };
                assert!(same(dy, want_d), "{name}'({x}) = {dy}, kernel {want_d}");
            }
        }
        // With a parameter passed: one that is not the default.
        if a.param().is_some() {
            for p in [0.3, 2.5, -0.5] {
                let f = formula(&format!("{}(x, {p})", a.name()));
                for x in points() {
                    let (y, dy) = f.value_and_derivative(x);
                    let (want, want_d) = (a.value(x, p), a.derivative(x, p));
                    let want_d = if want.is_nan() { f64::NAN } else { want_d };
                    assert!(same(y, want) && same(dy, want_d), "{}({x}, {p})", a.name());
                }
            }
        }
    }
}

#[test]
fn x_times_sigmoid_is_silu_within_a_few_ulp() {
    let f = formula("x * sigmoid(x)");
    let mut worst: (f64, f64) = (0.0, 0.0);
    for i in -140_000..=140_000 {
        // Down to -700: below, σ(x) is subnormal and x·σ(x) keeps its few bits (the kernel's
        // SiLU scales it: see scalar/tail.rs).
        let x = f64::from(i) * 0.005 + 1e-4;
        let (y, dy) = f.value_and_derivative(x);
        let (want, want_d) = (
            Activation::Silu.value(x, 1.0),
            Activation::Silu.derivative(x, 1.0),
        );
        let off = (y - want).abs() / ulp(want);
        assert!(off <= 4.0, "silu({x}): {y} vs {want}, {off} ulp");
        // σ + x·σ' cancels near its root (x ≈ -1.28); the bound scales with that cancellation,
        // κ = (|σ| + |x·σ'|)/|σ + x·σ'|, as the kernel's own SiLU' bound does.
        let s = Activation::Sigmoid.value(x, 0.0);
        let kappa = (s.abs() + (x * Activation::Sigmoid.derivative(x, 0.0)).abs()) / want_d.abs();
        let off_d = (dy - want_d).abs() / ulp(want_d);
        assert!(
            off_d <= 8.0 * kappa.max(1.0),
            "silu'({x}): {dy} vs {want_d}, {off_d} ulp"
        );
        worst = (worst.0.max(off), worst.1.max(off_d / kappa.max(1.0)));
    }
    assert!(worst.0 <= 4.0 && worst.1 <= 8.0, "{worst:?}");
}

#[test]
fn compounds_match_their_closed_forms() {
    // (formula, f, f') over x in (0.05, 6) and its negative, where each is defined.
    type Closed = fn(f64) -> f64;
    let table: [(&str, Closed, Closed); 11] = [
        ("x^3", |x| x.powf(3.0), |x| 3.0 * x * x),
        (
            "sin(x) * exp(x)",
            |x| x.sin() * x.exp(),
            |x| x.exp() * (x.sin() + x.cos()),
        ),
        (
            "ln(1 + x^2)",
            |x| (1.0 + x * x).ln(),
            |x| 2.0 * x / (1.0 + x * x),
        ),
        (
            "sqrt(x^2 + 1)",
            |x| (x * x + 1.0).sqrt(),
            |x| x / (x * x + 1.0).sqrt(),
        ),
        (
            "x / (1 + abs(x))",
            |x| x / (1.0 + x.abs()),
            |x| 1.0 / ((1.0 + x.abs()) * (1.0 + x.abs())),
        ),
        (
            "2^x",
            |x| 2f64.powf(x),
            |x| 2f64.powf(x) * std::f64::consts::LN_2,
        ),
        (
            "1 / (1 + exp(-x))",
            |x| 1.0 / (1.0 + (-x).exp()),
            |x| (-x).exp() / (1.0 + (-x).exp()).powi(2),
        ),
        ("cos(x)^2 + sin(x)^2", |_| 1.0, |_| 0.0),
        (
            "expm1(x) / x",
            |x| x.exp_m1() / x,
            |x| (x * x.exp() - x.exp_m1()) / (x * x),
        ),
        (
            "log1p(x^2) - 2 * ln(abs(x))",
            |x| (x * x).ln_1p() - 2.0 * x.abs().ln(),
            |x| 2.0 * x / (1.0 + x * x) - 2.0 / x,
        ),
        (
            "erf(x / sqrt(2))",
            |x| libm::erf(x / 2f64.sqrt()),
            |x| (2.0 / std::f64::consts::PI).sqrt() * (-x * x / 2.0).exp(),
        ),
    ];
    for (text, f, df) in table {
        let formula = formula(text);
        for i in 1..=120 {
            let x = f64::from(i) * 0.05 + 0.003;
            for x in [x, -x] {
                let (y, dy) = formula.value_and_derivative(x);
                let close = |a: f64, b: f64| (a - b).abs() <= 1e-14 * b.abs().max(1.0);
                assert!(close(y, f(x)), "{text} at {x}: {y} vs {}", f(x));
                assert!(close(dy, df(x)), "{text}' at {x}: {dy} vs {}", df(x));
            }
        }
    }
    // x^x for x > 0: x^x·(ln x + 1).
    let f = formula("x^x");
    for x in [0.1, 0.5, 1.0, 2.0, 3.7] {
        let (y, dy) = f.value_and_derivative(x);
        assert!(
            (dy - y * (x.ln() + 1.0)).abs() <= 1e-14 * dy.abs().max(1.0),
            "{x}"
        );
    }
    // Mish from its parts.
    let f = formula("x * tanh(softplus(x))");
    for i in -200..=200 {
        let x = f64::from(i) * 0.05;
        let (y, dy) = f.value_and_derivative(x);
        assert!((y - Activation::Mish.value(x, 0.0)).abs() <= 1e-15 * y.abs().max(1.0));
        let want = Activation::Mish.derivative(x, 0.0);
        assert!((dy - want).abs() <= 1e-14, "mish'({x}): {dy} vs {want}");
    }
    // The erf slope keeps its digits far out: e^(-u²) with u² carried (2/√π·e^(-u²) at the
    // f64 nearest u, mpmath with 50 digits).
    let f = formula("erf(x)");
    for (u, want) in [
        (5.0, 1.567_086_653_101_733_5e-11),
        (5.1, 5.707_627_016_928_692e-12),
        (26.3, 4.521_732_554_161_152_5e-301),
    ] {
        let (_, dy) = f.value_and_derivative(u);
        assert!((dy - want).abs() <= 2.0 * ulp(want), "erf'({u}) = {dy:e}");
        let (_, dy) = formula("erfc(x)").value_and_derivative(-u);
        assert!((dy + want).abs() <= 2.0 * ulp(want), "erfc'({u}) = {dy:e}");
    }
}

#[test]
fn kinks_follow_pytorch() {
    let at = |text: &str, x: f64| formula(text).value_and_derivative(x);
    // torch.maximum / torch.minimum: a tie shares the gradient.
    assert_eq!(at("max(0, x)", 0.0), (0.0, 0.5));
    assert_eq!(at("max(x, 0)", 0.0), (0.0, 0.5));
    assert_eq!(at("min(x, 1)", 1.0), (1.0, 0.5));
    assert_eq!(at("max(x, 2 * x)", 0.0), (0.0, 1.5));
    assert_eq!(at("max(0, x)", -1.0), (0.0, 0.0));
    assert_eq!(at("max(0, x)", 2.0), (2.0, 1.0));
    // torch.relu: relu'(0) = 0.
    assert_eq!(at("relu(x)", 0.0), (0.0, 0.0));
    // abs'(0) = sgn(0) = 0.
    assert_eq!(at("abs(x)", 0.0), (0.0, 0.0));
    assert_eq!(at("abs(x)", -2.0), (2.0, -1.0));
    // torch.where: the branch taken.
    assert_eq!(at("where(x > 0, x, 0.01 * x)", 0.0), (0.0, 0.01));
    assert_eq!(at("where(x >= 0, x, 0.01 * x)", 0.0), (0.0, 1.0));
    assert_eq!(at("where(x > 0, x^2, 0)", 3.0), (9.0, 6.0));
    assert_eq!(at("(x > 0) * x", 2.0), (2.0, 1.0));
    // pow: d(u^0) = 0 and d(0^v) = 0 for v >= 0 (not 0·∞ = NaN).
    assert_eq!(at("x^0", 0.0), (1.0, 0.0));
    assert_eq!(at("max(0, x)^2", 0.0), (0.0, 0.0));
    assert_eq!(at("0^x", 2.0), (0.0, 0.0));
    assert_eq!(at("x^0.5", 0.0), (0.0, f64::INFINITY));
    // A constant factor does not turn an overflow into NaN.
    assert_eq!(at("2 * exp(x)", 800.0), (f64::INFINITY, f64::INFINITY));
    assert_eq!(at("exp(x) / 2", 800.0), (f64::INFINITY, f64::INFINITY));
}

#[test]
fn slices_match_points_across_block_edges() {
    let f =
        formula("a = 0.3; where(x > 1, x * sigmoid(1.702 * x), leaky_relu(x, a) + max(0, x)^2)");
    for n in [0, 1, 2, 127, 128, 129, 1000] {
        let xs: Vec<f64> = (0..n).map(|i| f64::from(i) * 0.013 - 5.0).collect();
        let (mut ys, mut dys) = (vec![0.0; n as usize], vec![0.0; n as usize]);
        f.eval_slice(Level::SCALAR, &xs, &mut ys, &mut dys);
        for (i, &x) in xs.iter().enumerate() {
            let (y, dy) = f.value_and_derivative(x);
            assert!(same(ys[i], y) && same(dys[i], dy), "n = {n}, x = {x}");
        }
    }
}

#[test]
fn on_every_level_a_builtin_is_the_kernel_slice() {
    let xs = points();
    let n = xs.len();
    for level in Level::available() {
        for a in Activation::ALL {
            let p = a.default_param();
            let f = formula(&format!("{}(x)", a.name()));
            let (mut ys, mut dys) = (vec![0.0; n], vec![0.0; n]);
            f.eval_slice(level, &xs, &mut ys, &mut dys);
            let (mut want, mut want_d) = (vec![0.0; n], vec![0.0; n]);
            a.value_slice(level, &xs, p, &mut want);
            a.derivative_slice(level, &xs, p, &mut want_d);
            for i in 0..n {
                let want_d = if want[i].is_nan() {
                    f64::NAN
                } else {
                    want_d[i]
                };
                assert!(same(ys[i], want[i]), "{}({}) on {level:?}", a.name(), xs[i]);
                assert!(
                    same(dys[i], want_d),
                    "{}'({}) on {level:?}",
                    a.name(),
                    xs[i]
                );
            }
        }
    }
}

#[test]
fn any_parameter_is_passed_through_and_never_panics() {
    // Outside a spec's range (softplus β = 0, CELU α = 0, ...) the kernel's formula still
    // gives a value, perhaps NaN or infinite: the chart shows a gap, nothing fails.
    for a in Activation::ALL.into_iter().filter(|a| a.param().is_some()) {
        for p in [0.0, -1.0, 1e-310, -1e-310, 1e308, -1e308] {
            let f = Formula::parse(&format!("{}(x, p)", a.name()), &[("p".to_string(), p)])
                .expect("parses");
            for level in Level::available() {
                let xs = points();
                let (mut ys, mut dys) = (vec![0.0; xs.len()], vec![0.0; xs.len()]);
                f.eval_slice(level, &xs, &mut ys, &mut dys);
            }
            for x in points() {
                let (y, _) = f.value_and_derivative(x);
                assert!(same(y, a.value(x, p)), "{}({x}, {p})", a.name());
            }
        }
    }
}

#[test]
#[should_panic(expected = "lengths differ")]
fn slices_of_different_lengths_are_a_bug() {
    formula("x").eval_slice(Level::SCALAR, &[1.0, 2.0], &mut [0.0; 2], &mut [0.0; 1]);
}

#[test]
fn kinks_where_an_affine_argument_switches() {
    let kinks = |text: &str| formula(text).kinks();
    assert_eq!(kinks("max(0, x)^2"), [0.0]);
    assert_eq!(kinks("max(0, 2 * x - 1)"), [0.5]);
    assert_eq!(kinks("where(x > 1, x, 0.01 * x)"), [1.0]);
    assert_eq!(kinks("abs(x + 3) + relu6(x / 2)"), [-3.0, 0.0, 12.0]);
    assert_eq!(kinks("leaky_relu(x, 1)"), Vec::<f64>::new());
    assert_eq!(kinks("a = 2; hard_tanh(a * x)"), [-0.5, 0.5]);
    assert_eq!(kinks("x * sigmoid(x)"), Vec::<f64>::new());
    // A curved argument is left to sampling.
    assert_eq!(kinks("abs(sin(x))"), Vec::<f64>::new());
    assert_eq!(kinks("min(x, x)"), Vec::<f64>::new());
}

/// Smooth compounds for the central-difference property.
const SMOOTH: [&str; 8] = [
    "x * sigmoid(1.702 * x)",
    "x * tanh(softplus(x))",
    "a = 0.7; gelu(a * x) * cos(x) + x^3 / 10",
    "softplus(x, 2) - ln(1 + exp(2 * x)) / 2 + sigmoid(x)^2",
    "exp(-x^2 / 2) * erf(x) + sqrt(x^2 + 1)",
    "selu(sin(x)) * celu(x, 0.5) + elu(x^2)",
    "mish(x) / (1 + x^2) + softsign(3 * x)",
    "gelu_tanh(x) * silu(x, 2) - squared_relu(x - 10)",
];

proptest! {
    #[test]
    fn derivatives_match_a_central_difference(
        which in 0..SMOOTH.len(),
        x in -8.0..8.0f64,
    ) {
        let f = formula(SMOOTH[which]);
        let h = 1e-5;
        let (_, dy) = f.value_and_derivative(x);
        let (up, _) = f.value_and_derivative(x + h);
        let (down, _) = f.value_and_derivative(x - h);
        let estimate = (up - down) / (2.0 * h);
        prop_assert!(
            (dy - estimate).abs() <= 1e-6 * dy.abs().max(1.0),
            "{}: f'({x}) = {dy}, difference {estimate}", SMOOTH[which]
        );
    }
}
