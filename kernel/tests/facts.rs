//! Tests: every number the catalogue prints, pinned to what the kernel computes.
//!
//! Numbers in a fact, a range, a formula, a framework default, the softmax texts of `actscope
//! list`, and the README's factual sentences, so that no text can drift from the value it quotes.
//!
//! Each number in a text must be accounted for: ranges are parsed and checked against the
//! function's values over a sweep and its limits at ±inf, for every parameter the spec accepts;
//! formulas are evaluated as written and compared with the kernel; every other number has a
//! [`Quote`] saying where it comes from — a kernel value (the printed digits must be its
//! rounding), a claim about the kernel's functions it takes part in, or a framework's or paper's
//! constant with its source (no kernel value exists for those). A number in a text without one,
//! or a quote whose number is not in its text, fails the test.

use actscope_kernel::catalogue::softmax as softmax_texts;
use actscope_kernel::precision::{Evaluator, Framework, Precision};
use actscope_kernel::scalar::{SELU_ALPHA, SELU_SCALE, SELU_SCALE_ALPHA, normal_cdf};
use actscope_kernel::{Activation, Level, Temperature, entropy, log_softmax, softmax};

// ---------------------------------------------------------------------------------------------
// Reading numbers out of text
// ---------------------------------------------------------------------------------------------

/// The numbers in `text` as printed (`-0.278`, `4.73e-4`, `±2.70`), leaving out digits that are
/// part of a name (`GPT-2`, `relu2`, `MobileNetV3`, `f32`).
fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let in_name = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let before_prev = i.checked_sub(2).map(|j| chars[j]);
        let signed = (c == '-' || c == '±')
            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
            && !prev.is_some_and(char::is_alphanumeric);
        let hyphenated = prev == Some('-') && before_prev.is_some_and(char::is_alphanumeric);
        let starts = signed || (c.is_ascii_digit() && !prev.is_some_and(in_name) && !hyphenated);
        if !starts {
            // Skip a whole name, digits and all.
            i += 1;
            while c.is_alphanumeric() && i < chars.len() && chars[i].is_alphanumeric() {
                i += 1;
            }
            continue;
        }
        let start = i;
        if signed {
            i += 1;
        }
        let digits = |i: &mut usize| {
            while *i < chars.len() && chars[*i].is_ascii_digit() {
                *i += 1;
            }
        };
        digits(&mut i);
        if chars.get(i) == Some(&'.') && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            i += 1;
            digits(&mut i);
        }
        if chars.get(i) == Some(&'e') {
            let sign = usize::from(matches!(chars.get(i + 1), Some('-' | '+')));
            if chars.get(i + 1 + sign).is_some_and(char::is_ascii_digit) {
                i += 1 + sign;
                digits(&mut i);
            }
        }
        found.push(chars[start..i].iter().collect());
    }
    found
}

/// Whether `value` rounds to `printed` at the digits printed (`4.73e-4` in scientific notation,
/// `-0.278` in fixed; a leading `±` compares `|value|`).
fn rounds_to(printed: &str, value: f64) -> bool {
    let (printed, value) = match printed.strip_prefix('±') {
        Some(rest) => (rest, value.abs()),
        None => (printed, value),
    };
    if let Some((mantissa, _)) = printed.split_once('e') {
        let decimals = mantissa.split_once('.').map_or(0, |(_, d)| d.len());
        format!("{value:.decimals$e}") == printed
    } else {
        let decimals = printed.split_once('.').map_or(0, |(_, d)| d.len());
        format!("{value:.decimals$}") == printed
    }
}

/// Whether two printed numbers are the same number (`20` and `20.0`).
fn same_number(a: &str, b: &str) -> bool {
    let value = |s: &str| s.trim_start_matches('±').parse::<f64>().ok();
    value(a).is_some() && value(a) == value(b)
}

#[test]
fn numbers_are_read_as_printed() {
    assert_eq!(
        numbers("the form GPT-2 used; at most 4.73e-4 from exact GELU, at x ≈ ±2.70"),
        ["4.73e-4", "±2.70"]
    );
    assert_eq!(
        numbers("x/6 + ½ in PyTorch, Keras 3, JAX; 0.2x + ½ in Keras 2 (TF <= 2.15)"),
        ["6", "3", "0.2", "2", "2.15"]
    );
    assert_eq!(
        numbers("[≈-0.278/β, ∞), relu2, f32, MobileNetV3's"),
        ["-0.278"]
    );
    assert_eq!(numbers("f'(±1) = 0, (-1, 1)"), ["±1", "0", "-1", "1"]);
    assert!(rounds_to("-0.278", -0.278_464_542_761_074));
    assert!(!rounds_to("-0.279", -0.278_464_542_761_074));
    assert!(rounds_to("4.73e-4", 4.732_355_2e-4));
    assert!(!rounds_to("4.74e-4", 4.732_355_2e-4));
    assert!(rounds_to("±2.70", -2.698_941));
}

// ---------------------------------------------------------------------------------------------
// What the kernel computes
// ---------------------------------------------------------------------------------------------

/// `x` from -15 to 15 in steps of 1/1000 (exact multiples: -1.5 is on it). Far enough for every
/// extremum, near enough that no finite value has saturated to its limit in f64.
fn sweep() -> impl Iterator<Item = f64> {
    (-15_000..=15_000).map(|i| f64::from(i) / 1000.0)
}

/// The minimum of `f` near `x0`, refined by golden-section search on `[x0 - h, x0 + h]`.
fn refine_minimum(f: &dyn Fn(f64) -> f64, x0: f64, h: f64) -> (f64, f64) {
    let ratio = (5f64.sqrt() - 1.0) / 2.0;
    let (mut a, mut b) = (x0 - h, x0 + h);
    for _ in 0..200 {
        let c = b - ratio * (b - a);
        let d = a + ratio * (b - a);
        if f(c) <= f(d) {
            b = d;
        } else {
            a = c;
        }
    }
    let x = f64::midpoint(a, b);
    (x, f(x))
}

/// The global minimum of `f` over [`sweep`], refined: `(x, f(x))`.
fn minimum(f: &dyn Fn(f64) -> f64) -> (f64, f64) {
    let (x0, _) = sweep()
        .map(|x| (x, f(x)))
        .fold(
            (0.0, f64::INFINITY),
            |best, (x, y)| {
                if y < best.1 { (x, y) } else { best }
            },
        );
    let refined = refine_minimum(f, x0, 2e-3);
    let at_grid = (x0, f(x0));
    if refined.1 <= at_grid.1 {
        refined
    } else {
        at_grid
    }
}

/// `(x, f(x))` at the minimum of `activation` with parameter `p`.
fn minimum_of(activation: Activation, p: f64) -> (f64, f64) {
    minimum(&|x| activation.value(x, p))
}

/// The largest `|f'|` of `activation` over [`sweep`].
fn largest_derivative(activation: Activation, p: f64) -> f64 {
    sweep()
        .map(|x| activation.derivative(x, p).abs())
        .fold(0.0, f64::max)
}

/// `(x, |gelu_tanh(x) - gelu(x)|)` where the tanh form is furthest from the exact GELU.
fn gelu_tanh_furthest() -> (f64, f64) {
    let gap = |x: f64| -(Activation::GeluTanh.value(x, 0.0) - Activation::Gelu.value(x, 0.0)).abs();
    let (x, g) = minimum(&gap);
    (x, -g)
}

/// The smallest f32 `x` from which f32 sigmoid, as NumPy and PyTorch compute it (every
/// operation rounded to f32), is exactly 1: the same x in both.
fn f32_sigmoid_saturates_from() -> f64 {
    let from = |framework: Framework| {
        let sigmoid = Evaluator::new(framework, Precision::F32, Activation::Sigmoid, 0.0);
        let mut x = 16.0_f32;
        while sigmoid.at(f64::from(x)).0.value < 1.0 {
            x = f32::from_bits(x.to_bits() + 1);
        }
        f64::from(x)
    };
    let numpy = from(Framework::NumPy);
    assert_eq!(
        numpy,
        from(Framework::PyTorch),
        "the frameworks saturate at one x"
    );
    numpy
}

/// The softmax of `xs` at `t`.
fn probabilities(xs: &[f64], t: f64) -> Vec<f64> {
    let mut out = vec![0.0; xs.len()];
    let t = Temperature::new(t).expect("a valid temperature");
    softmax(Level::best(), xs, t, &mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// Claims: statements about the kernel's functions that a text's numbers take part in
// ---------------------------------------------------------------------------------------------

/// Step: f' = 0 wherever it exists (every x but 0).
fn step_is_flat() -> bool {
    sweep()
        .filter(|&x| x != 0.0)
        .all(|x| Activation::Step.derivative(x, 0.0) == 0.0)
}

/// Tanh: f' under 0.01 for every |x| > 3 (it falls below 0.01 at |x| = 2.9932).
fn tanh_derivative_small_beyond_3() -> bool {
    let d = |x: f64| Activation::Tanh.derivative(x, 0.0);
    sweep()
        .filter(|x| x.abs() > 3.0)
        .chain([3.0_f64.next_up(), 40.0])
        .all(|x| d(x) < 0.01 && d(-x) < 0.01)
        && d(2.99) > 0.01
}

/// ReLU: f' = 0 for every x < 0.
fn relu_flat_below_0() -> bool {
    sweep()
        .filter(|&x| x < 0.0)
        .all(|x| Activation::Relu.derivative(x, 0.0) == 0.0)
}

/// Leaky ReLU: f' = α for x < 0, so 0 only when α = 0.
fn leaky_slope_is_alpha() -> bool {
    [0.01, 0.2, -0.5, 0.0].into_iter().all(|alpha| {
        sweep()
            .filter(|&x| x < 0.0)
            .all(|x| Activation::LeakyRelu.derivative(x, alpha) == alpha)
    })
}

/// The jump of `f'` across 0, `|f'(0+) - f'(0-)|`.
fn derivative_jump_at_0(activation: Activation, p: f64) -> f64 {
    let h = 1e-9;
    (activation.derivative(h, p) - activation.derivative(-h, p)).abs()
}

/// ELU: f' continuous at 0 only for α = 1.
fn elu_c1_only_at_1() -> bool {
    derivative_jump_at_0(Activation::Elu, 1.0) < 1e-8
        && [0.0, 0.3, 0.5, 2.0, 4.0]
            .into_iter()
            .all(|alpha| derivative_jump_at_0(Activation::Elu, alpha) > 0.1)
}

/// CELU: f' continuous at 0 for every α > 0.
fn celu_c1_everywhere() -> bool {
    [0.1, 0.5, 1.0, 2.0, 10.0]
        .into_iter()
        .all(|alpha| derivative_jump_at_0(Activation::Celu, alpha) < 1e-8)
}

/// GELU: `x·P(X <= x)` for `X ~ N(0, 1)`: Φ(0) = 1/2, Φ(1) = 0.8413447460685429 and Φ(-1)
/// (mpmath), and `gelu(x) = x·Φ(x)`.
fn gelu_is_x_times_standard_normal_cdf() -> bool {
    let close = |a: f64, b: f64| (a - b).abs() <= 4.0 * f64::EPSILON * b.abs();
    normal_cdf(0.0) == 0.5
        && close(normal_cdf(1.0), 0.841_344_746_068_542_9)
        && close(normal_cdf(-1.0), 0.158_655_253_931_457_05)
        && [-3.0, -1.0, 0.5, 1.0, 2.0]
            .into_iter()
            .all(|x| close(Activation::Gelu.value(x, 0.0), x * normal_cdf(x)))
}

/// The 32-digit SELU constants PyTorch, JAX and Keras write have 32 significant digits and
/// round to the kernel's.
fn selu_constants_have_32_digits() -> bool {
    // torch 2.15.0 torch/nn/modules/activation.py:687-688.
    let alpha = "1.6732632423543772848170429916717";
    let scale = "1.0507009873554804934193349852946";
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).count();
    digits(alpha) == 32
        && digits(scale) == 32
        && alpha.parse::<f64>() == Ok(SELU_ALPHA)
        && scale.parse::<f64>() == Ok(SELU_SCALE)
}

/// CELU: the kernel's spec refuses α = 0, as PyTorch does.
fn celu_refuses_alpha_0() -> bool {
    Activation::Celu
        .param()
        .is_some_and(|spec| !spec.accepts(0.0) && spec.accepts(1.0))
}

/// Hard tanh: f' = 1 inside (-1, 1) and 0 outside, the ends ±1 included (PyTorch's convention).
fn hard_tanh_passes_inside_only() -> bool {
    let d = |x: f64| Activation::HardTanh.derivative(x, 0.0);
    d(1.0) == 0.0
        && d(-1.0) == 0.0
        && sweep().all(|x| d(x) == if x.abs() < 1.0 { 1.0 } else { 0.0 })
}

/// Hard tanh: f'(±1) = 0, PyTorch's value, is the kernel's.
fn hard_tanh_ends_are_0() -> bool {
    Activation::HardTanh.derivative(1.0, 0.0) == 0.0
        && Activation::HardTanh.derivative(-1.0, 0.0) == 0.0
}

/// Hard sigmoid: 0 at and below -3, 1 at and above 3, f' = 0 there.
fn hard_sigmoid_clips_at_3() -> bool {
    let a = Activation::HardSigmoid;
    sweep().all(|x| {
        let (y, d) = (a.value(x, 0.0), a.derivative(x, 0.0));
        if x <= -3.0 {
            y == 0.0 && d == 0.0
        } else if x >= 3.0 {
            y == 1.0 && d == 0.0
        } else {
            y > 0.0 && y < 1.0 && d > 0.0
        }
    })
}

/// Hard sigmoid: `x/6 + ½` between the clips.
fn hard_sigmoid_is_x_over_6() -> bool {
    sweep()
        .filter(|x| x.abs() < 3.0)
        .all(|x| (Activation::HardSigmoid.value(x, 0.0) - (x / 6.0 + 0.5)).abs() <= 1e-15)
}

/// Softsign: `|f| = 1 - 1/(1 + |x|)`, nearing ±1 only as `1/(1 + |x|)` shrinks.
fn softsign_nears_1_slowly() -> bool {
    sweep().chain([1e3, -1e6]).all(|x| {
        let want = 1.0 - 1.0 / (1.0 + x.abs());
        (Activation::Softsign.value(x, 0.0).abs() - want).abs() <= 2.0 * f64::EPSILON
    }) && Activation::Softsign.value(f64::INFINITY, 0.0) == 1.0
}

// ---------------------------------------------------------------------------------------------
// The quotes
// ---------------------------------------------------------------------------------------------

/// Which of an activation's texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Fact,
    Defaults,
    Range,
    Formula,
}

fn text_of(activation: Activation, place: Place) -> &'static str {
    match place {
        Place::Fact => activation.fact(),
        Place::Defaults => activation.framework_defaults().unwrap_or(""),
        Place::Range => activation.range_text(),
        Place::Formula => activation.formula(),
    }
}

/// Where a printed number comes from.
enum Source {
    /// The kernel's value: the printed digits must be its rounding.
    Value(fn() -> f64),
    /// A statement about the kernel's functions that the number takes part in.
    Claim(fn() -> bool),
    /// A framework's or a paper's constant, with the reference; no kernel value exists.
    Cited(&'static str),
}

/// A number as a text prints it, and where it comes from.
struct Quote {
    activation: Activation,
    place: Place,
    number: &'static str,
    source: Source,
}

const fn quote(
    activation: Activation,
    place: Place,
    number: &'static str,
    source: Source,
) -> Quote {
    Quote {
        activation,
        place,
        number,
        source,
    }
}

use Activation as A;
use Place::{Defaults, Fact, Formula, Range};
use Source::{Cited, Claim, Value};

const KERAS_3: &str = "Keras 3, the current major version (keras 3.15.1, checked back to 3.0.0)";

/// Every number in the facts, the framework defaults, the ranges' free text and the rounded
/// constants of the formulas.
const QUOTES: &[Quote] = &[
    quote(A::Step, Fact, "0", Claim(step_is_flat)),
    quote(
        A::Sigmoid,
        Fact,
        "0.25",
        Value(|| largest_derivative(A::Sigmoid, 0.0)),
    ),
    quote(
        A::Tanh,
        Fact,
        "1",
        Value(|| largest_derivative(A::Tanh, 0.0)),
    ),
    quote(A::Tanh, Fact, "0.01", Claim(tanh_derivative_small_beyond_3)),
    quote(A::Tanh, Fact, "3", Claim(tanh_derivative_small_beyond_3)),
    quote(A::Relu, Fact, "0", Claim(relu_flat_below_0)),
    quote(A::LeakyRelu, Fact, "0", Claim(leaky_slope_is_alpha)),
    // The kernel's default is PyTorch's and JAX's.
    quote(
        A::LeakyRelu,
        Defaults,
        "0.01",
        Value(|| A::LeakyRelu.default_param()),
    ),
    quote(
        A::LeakyRelu,
        Defaults,
        "0.2",
        Cited(
            "keras 3.15.1 keras/src/activations/activations.py:112 `def leaky_relu(x, negative_slope=0.2)`",
        ),
    ),
    quote(
        A::LeakyRelu,
        Defaults,
        "0.3",
        Cited("keras 3.15.1 keras/src/layers/activations/leaky_relu.py:38 `negative_slope=0.3`"),
    ),
    quote(
        A::Elu,
        Fact,
        "0",
        Cited(
            "Clevert et al. 2015, arXiv:1511.07289: push mean unit activations closer to zero (0)",
        ),
    ),
    quote(A::Elu, Fact, "1", Claim(elu_c1_only_at_1)),
    quote(A::Elu, Defaults, "1", Value(|| A::Elu.default_param())),
    quote(
        A::Gelu,
        Fact,
        "0",
        Claim(gelu_is_x_times_standard_normal_cdf),
    ),
    quote(
        A::Gelu,
        Fact,
        "1",
        Claim(gelu_is_x_times_standard_normal_cdf),
    ),
    quote(
        A::GeluTanh,
        Fact,
        "4.73e-4",
        Value(|| gelu_tanh_furthest().1),
    ),
    quote(A::GeluTanh, Fact, "±2.70", Value(|| gelu_tanh_furthest().0)),
    // At β = 0.5, scaled by β: the "/β" of the text.
    quote(
        A::Silu,
        Fact,
        "-0.278",
        Value(|| 0.5 * minimum_of(A::Silu, 0.5).1),
    ),
    quote(
        A::Silu,
        Fact,
        "-1.28",
        Value(|| 0.5 * minimum_of(A::Silu, 0.5).0),
    ),
    quote(A::Silu, Defaults, "3", Cited(KERAS_3)),
    quote(
        A::Mish,
        Fact,
        "-0.309",
        Value(|| minimum_of(A::Mish, 0.0).1),
    ),
    quote(A::Mish, Fact, "-1.19", Value(|| minimum_of(A::Mish, 0.0).0)),
    quote(
        A::Softplus,
        Defaults,
        "1",
        Value(|| A::Softplus.default_param()),
    ),
    quote(
        A::Softplus,
        Defaults,
        "20",
        Cited("torch 2.15.0 torch/nn/modules/activation.py:992 `threshold: float = 20.0`"),
    ),
    quote(
        A::Selu,
        Fact,
        "0",
        Cited(
            "Klambauer et al. 2017, arXiv:1706.02515: converge towards zero mean (0) and unit variance (1)",
        ),
    ),
    quote(
        A::Selu,
        Fact,
        "1",
        Cited(
            "Klambauer et al. 2017, arXiv:1706.02515: converge towards zero mean (0) and unit variance (1)",
        ),
    ),
    quote(
        A::Selu,
        Range,
        "1.7581",
        Value(|| -A::Selu.value(f64::NEG_INFINITY, 0.0)),
    ),
    quote(
        A::Selu,
        Defaults,
        "32",
        Claim(selu_constants_have_32_digits),
    ),
    quote(A::Selu, Defaults, "3", Cited(KERAS_3)),
    quote(
        A::Selu,
        Formula,
        "1.0507",
        Value(|| A::Selu.value(1.0, 0.0)),
    ),
    quote(
        A::Selu,
        Formula,
        "1.6733",
        Value(|| -A::Selu.value(f64::NEG_INFINITY, 0.0) / A::Selu.value(1.0, 0.0)),
    ),
    quote(
        A::GeluTanh,
        Formula,
        "0.044715",
        Cited("openai/gpt-2@122c55a53a50 src/model.py:25-26 `0.044715*tf.pow(x, 3)`"),
    ),
    quote(A::Celu, Fact, "0", Claim(celu_c1_everywhere)),
    quote(A::Celu, Defaults, "1", Value(|| A::Celu.default_param())),
    quote(A::Celu, Defaults, "3", Cited(KERAS_3)),
    quote(A::Celu, Defaults, "0", Claim(celu_refuses_alpha_0)),
    quote(
        A::Relu6,
        Fact,
        "6",
        Value(|| A::Relu6.value(f64::INFINITY, 0.0)),
    ),
    quote(A::HardTanh, Fact, "1", Claim(hard_tanh_passes_inside_only)),
    quote(A::HardTanh, Fact, "-1", Claim(hard_tanh_passes_inside_only)),
    quote(A::HardTanh, Fact, "0", Claim(hard_tanh_passes_inside_only)),
    quote(A::HardTanh, Defaults, "±1", Claim(hard_tanh_ends_are_0)),
    quote(A::HardTanh, Defaults, "0", Claim(hard_tanh_ends_are_0)),
    quote(
        A::HardTanh,
        Defaults,
        "1",
        Cited(
            "jax 0.10.2 jax/_src/nn/functions.py:376 `jnp.where(x_arr > 1, 1, ...)`: slope 1 at ±1",
        ),
    ),
    quote(A::HardSigmoid, Fact, "0", Claim(hard_sigmoid_clips_at_3)),
    quote(A::HardSigmoid, Fact, "-3", Claim(hard_sigmoid_clips_at_3)),
    quote(A::HardSigmoid, Fact, "1", Claim(hard_sigmoid_clips_at_3)),
    quote(A::HardSigmoid, Fact, "3", Claim(hard_sigmoid_clips_at_3)),
    quote(
        A::HardSigmoid,
        Defaults,
        "6",
        Claim(hard_sigmoid_is_x_over_6),
    ),
    quote(A::HardSigmoid, Defaults, "3", Cited(KERAS_3)),
    quote(
        A::HardSigmoid,
        Defaults,
        "0.2",
        Cited("tf-keras 2.21.0 tf_keras/src/backend.py:5926-5944 `0.2 * x + 0.5`"),
    ),
    quote(
        A::HardSigmoid,
        Defaults,
        "2",
        Cited("Keras 2, as tf-keras 2.21.0 and tf.keras in TF <= 2.15"),
    ),
    quote(
        A::HardSigmoid,
        Defaults,
        "2.15",
        Cited("TF 2.16.1 release notes: Keras 3 the default from TF 2.16, so Keras 2 through 2.15"),
    ),
    quote(
        A::HardSwish,
        Fact,
        "2019",
        Cited("Howard et al. 2019, Searching for MobileNetV3, arXiv:1905.02244"),
    ),
    quote(A::HardSwish, Defaults, "3", Cited(KERAS_3)),
    quote(A::Softsign, Fact, "1", Claim(softsign_nears_1_slowly)),
    quote(A::Softsign, Fact, "±1", Claim(softsign_nears_1_slowly)),
    quote(
        A::SquaredRelu,
        Fact,
        "2021",
        Cited("So et al. 2021, Primer, arXiv:2109.08668"),
    ),
];

#[test]
fn every_quote_holds() {
    for q in QUOTES {
        let name = q.activation.name();
        let text = text_of(q.activation, q.place);
        assert!(
            numbers(text).iter().any(|n| n == q.number),
            "{name} {:?}: {:?} is not in {text:?}",
            q.place,
            q.number
        );
        match q.source {
            Value(value) => {
                let v = value();
                assert!(
                    rounds_to(q.number, v),
                    "{name} {:?}: {text:?} prints {}, the kernel gives {v}",
                    q.place,
                    q.number
                );
            }
            Claim(claim) => assert!(claim(), "{name} {:?}: {text:?}: {}", q.place, q.number),
            // A cited number must be in the citation: changing one means changing both.
            Cited(source) => assert!(
                numbers(source).iter().any(|n| same_number(n, q.number)),
                "{name} {:?}: {} is not in its source {source:?}",
                q.place,
                q.number
            ),
        }
    }
}

#[test]
fn every_number_in_a_fact_or_default_is_quoted() {
    for a in Activation::ALL {
        for place in [Fact, Defaults] {
            let text = text_of(a, place);
            for n in numbers(text) {
                assert!(
                    QUOTES
                        .iter()
                        .any(|q| q.activation == a && q.place == place && q.number == n),
                    "{} {place:?}: {n} in {text:?} has no quote saying where it comes from",
                    a.name()
                );
            }
        }
    }
}

#[test]
fn facts_fit_the_header() {
    for a in Activation::ALL {
        let fact = a.fact().chars().count();
        assert!(fact <= 70, "{}: the fact has {fact} characters", a.name());
        if let Some(defaults) = a.framework_defaults() {
            let n = defaults.chars().count();
            assert!(n <= 70, "{}: the defaults have {n} characters", a.name());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Ranges
// ---------------------------------------------------------------------------------------------

/// What an interval's end is: a number, `α`, `λα` or `∞`, with a sign, maybe over `β`.
#[derive(Debug)]
enum Base {
    Number(f64),
    Alpha,
    LambdaAlpha,
    Infinity,
}

#[derive(Debug)]
struct End {
    /// As printed, for numbers (`-0.278`).
    printed: String,
    /// Marked `≈`: the printed digits are the rounding of the true value.
    approximate: bool,
    negative: bool,
    base: Base,
    over_beta: bool,
}

impl End {
    fn parse(text: &str) -> End {
        let text = text.trim();
        let (approximate, text) = match text.strip_prefix('≈') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (over_beta, body) = match text.strip_suffix("/β") {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (negative, unsigned) = match body.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, body),
        };
        let base = match unsigned {
            "∞" => Base::Infinity,
            "α" => Base::Alpha,
            "λα" => Base::LambdaAlpha,
            number => Base::Number(
                number
                    .parse()
                    .unwrap_or_else(|_| panic!("an interval end: {text:?}")),
            ),
        };
        End {
            printed: body.to_string(),
            approximate,
            negative,
            base,
            over_beta,
        }
    }

    /// The end's value for parameter `p`.
    fn value(&self, p: f64) -> f64 {
        let magnitude = match self.base {
            Base::Number(n) => n,
            Base::Alpha => p,
            Base::LambdaAlpha => SELU_SCALE_ALPHA,
            Base::Infinity => f64::INFINITY,
        };
        let signed = if self.negative { -magnitude } else { magnitude };
        if self.over_beta { signed / p } else { signed }
    }

    /// Whether `found`, the function's extreme value, is this end: at the printed digits where
    /// the end is approximate, else within a few ulp.
    fn is(&self, found: f64, p: f64) -> bool {
        if self.approximate {
            let scaled = if self.over_beta { found * p } else { found };
            rounds_to(&self.printed, scaled)
        } else {
            let want = self.value(p);
            (found - want).abs() <= 4.0 * f64::EPSILON * want.abs().max(1.0)
        }
    }
}

#[derive(Debug)]
enum Interval {
    /// `{a, b}`: exactly these values.
    Set(Vec<End>),
    /// `(a, b]` and the like.
    Span {
        low: End,
        low_closed: bool,
        high: End,
        high_closed: bool,
    },
}

/// `for α > 0` and the like.
#[derive(Debug)]
struct Condition {
    op: String,
    bound: f64,
}

impl Condition {
    fn holds(&self, p: f64) -> bool {
        match self.op.as_str() {
            ">" => p > self.bound,
            ">=" => p >= self.bound,
            "<" => p < self.bound,
            "<=" => p <= self.bound,
            "=" => p == self.bound,
            op => panic!("a condition's operator: {op}"),
        }
    }
}

/// A range text, `INTERVAL [for CONDITION][; INTERVAL [for CONDITION]]...`, each interval maybe
/// followed by free text (`, λα ≈ 1.7581`); also the numbers the parse accounted for.
fn parse_range(text: &str) -> (Vec<(Interval, Option<Condition>)>, Vec<String>) {
    let mut segments = Vec::new();
    let mut consumed = Vec::new();
    for segment in text.split("; ") {
        let open = segment
            .find(['(', '[', '{'])
            .unwrap_or_else(|| panic!("no interval in {segment:?}"));
        let close = open
            + segment[open..]
                .find([')', ']', '}'])
                .unwrap_or_else(|| panic!("an open interval in {segment:?}"));
        let inside = &segment[open + 1..close];
        consumed.extend(numbers(inside));
        let ends: Vec<End> = inside.split(", ").map(End::parse).collect();
        let first = segment[open..].chars().next();
        let last = segment[close..].chars().next();
        let interval = if first == Some('{') {
            Interval::Set(ends)
        } else {
            let [low, high]: [End; 2] = ends
                .try_into()
                .unwrap_or_else(|_| panic!("two ends in {segment:?}"));
            Interval::Span {
                low,
                low_closed: first == Some('['),
                high,
                high_closed: last == Some(']'),
            }
        };
        let rest = &segment[close + last.map_or(1, char::len_utf8)..];
        let condition = rest.strip_prefix(" for ").map(|c| {
            let words: Vec<&str> = c.split(' ').collect();
            let [_, op, bound] = words[..] else {
                panic!("a condition: {c:?}");
            };
            consumed.push(bound.to_string());
            Condition {
                op: op.to_string(),
                bound: bound.parse().expect("a number"),
            }
        });
        segments.push((interval, condition));
    }
    (segments, consumed)
}

/// The parameters a range is checked at: every one of these the spec accepts.
fn accepted_params(activation: Activation) -> Vec<f64> {
    match activation.param() {
        None => vec![0.0],
        Some(spec) => [-2.0, -0.5, 0.0, 0.5, 1.0, 2.0, spec.default]
            .into_iter()
            .filter(|&p| spec.accepts(p))
            .collect(),
    }
}

/// Checks one interval against `activation` at `p`: closed ends are reached (at the printed
/// digits where approximate), open ends are limits that no finite x reaches, nothing is outside.
fn check_interval(activation: Activation, p: f64, interval: &Interval, text: &str) {
    let name = activation.name();
    let f = |x: f64| activation.value(x, p);
    let ys: Vec<f64> = sweep().map(f).collect();
    let limits = [f(f64::NEG_INFINITY), f(f64::INFINITY)];
    let context = format!("{name} at p = {p}: {text:?}");
    match interval {
        Interval::Set(ends) => {
            let values: Vec<f64> = ends.iter().map(|e| e.value(p)).collect();
            for y in ys.iter().chain(&limits) {
                assert!(values.contains(y), "{context}: {y} is not in it");
            }
            for v in &values {
                assert!(ys.contains(v), "{context}: {v} is never reached");
            }
        }
        Interval::Span {
            low,
            low_closed,
            high,
            high_closed,
        } => {
            let (_, lowest) = minimum(&f);
            let (_, highest) = minimum(&|x| -f(x));
            let highest = -highest;
            check_end(low, *low_closed, lowest, &ys, &limits, p, false, &context);
            check_end(high, *high_closed, highest, &ys, &limits, p, true, &context);
        }
    }
}

/// One end of a span: `extreme` is the sweep's refined minimum (maximum for `upper`).
#[allow(clippy::too_many_arguments)]
fn check_end(
    end: &End,
    closed: bool,
    extreme: f64,
    ys: &[f64],
    limits: &[f64; 2],
    p: f64,
    upper: bool,
    context: &str,
) {
    let side = if upper { "upper" } else { "lower" };
    let beyond = |y: f64, v: f64| if upper { y > v } else { y < v };
    if matches!(end.base, Base::Infinity) {
        let want = end.value(p);
        assert!(!closed, "{context}: a closed infinite end");
        assert!(limits.contains(&want), "{context}: {want} is not a limit");
        return;
    }
    if closed {
        assert!(
            end.is(extreme, p),
            "{context}: the {side} end is {extreme} (scaled by β where /β), not {}",
            end.printed
        );
        for y in limits {
            assert!(
                !beyond(*y, extreme),
                "{context}: the limit {y} is beyond the {side} end"
            );
        }
    } else {
        assert!(!end.approximate, "{context}: an approximate open end");
        let v = end.value(p);
        for y in ys {
            assert!(
                if upper { *y < v } else { *y > v },
                "{context}: {y} reaches or passes the open {side} end {v}"
            );
        }
        assert!(
            limits.contains(&v),
            "{context}: the open end {v} is no limit"
        );
    }
}

#[test]
fn every_range_holds_for_every_accepted_parameter() {
    for a in Activation::ALL {
        let text = a.range_text();
        let (segments, consumed) = parse_range(text);
        for p in accepted_params(a) {
            let applicable: Vec<_> = segments
                .iter()
                .filter(|(_, c)| c.as_ref().is_none_or(|c| c.holds(p)))
                .collect();
            assert!(
                !applicable.is_empty(),
                "{}: {text:?} says nothing for p = {p}",
                a.name()
            );
            for (interval, _) in applicable {
                check_interval(a, p, interval, text);
            }
        }
        // Numbers outside the intervals and conditions need a quote.
        let mut left = numbers(text);
        for n in consumed {
            if let Some(i) = left.iter().position(|m| *m == n) {
                left.remove(i);
            }
        }
        for n in left {
            assert!(
                QUOTES
                    .iter()
                    .any(|q| q.activation == a && q.place == Range && q.number == n),
                "{}: {n} in {text:?} has no quote",
                a.name()
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Formulas
// ---------------------------------------------------------------------------------------------

/// `f(x, p)`.
type Evaluated = fn(f64, f64) -> f64;

/// The formula as printed, evaluated naively, and the numbers it prints (small integers of the
/// formula itself, and its rounded constants, which also have a [`Quote`]).
fn formula_as_written(activation: Activation) -> (Evaluated, &'static [&'static str]) {
    use std::f64::consts::{PI, SQRT_2};
    fn softplus(x: f64, b: f64) -> f64 {
        (1.0 + (b * x).exp()).ln() / b
    }
    match activation {
        A::Step => (|x, _| if x > 0.0 { 1.0 } else { 0.0 }, &["1", "0", "0"]),
        A::Sigmoid => (|x, _| 1.0 / (1.0 + (-x).exp()), &["1", "1"]),
        A::Tanh => (|x, _| (x.exp() - (-x).exp()) / (x.exp() + (-x).exp()), &[]),
        A::Relu => (|x, _| x.max(0.0), &["0"]),
        A::LeakyRelu => (|x, a| if x > 0.0 { x } else { a * x }, &["0"]),
        A::Elu => (
            |x, a| if x > 0.0 { x } else { a * (x.exp() - 1.0) },
            &["0", "1"],
        ),
        A::Gelu => (|x, _| 0.5 * x * libm::erfc(-x / SQRT_2), &["2"]),
        A::GeluTanh => (
            |x, _| 0.5 * x * (1.0 + ((2.0 / PI).sqrt() * (x + 0.044_715 * x.powi(3))).tanh()),
            &["1", "2", "0.044715"],
        ),
        A::Silu => (|x, b| x / (1.0 + (-b * x).exp()), &["1"]),
        A::Mish => (|x, _| x * softplus(x, 1.0).tanh(), &[]),
        A::Softplus => (|x, b| softplus(x, b), &["1"]),
        A::Selu => (
            |x, _| {
                let (lambda, alpha) = (1.0507, 1.6733);
                if x > 0.0 {
                    lambda * x
                } else {
                    lambda * alpha * (x.exp() - 1.0)
                }
            },
            &["0", "1", "1.0507", "1.6733"],
        ),
        A::Celu => (
            |x, a| {
                if x > 0.0 {
                    x
                } else {
                    a * ((x / a).exp() - 1.0)
                }
            },
            &["0", "1"],
        ),
        A::Relu6 => (|x, _| x.clamp(0.0, 6.0), &["0", "6"]),
        A::HardTanh => (|x, _| x.clamp(-1.0, 1.0), &["-1", "1"]),
        A::HardSigmoid => (|x, _| (x / 6.0 + 0.5).clamp(0.0, 1.0), &["6", "0", "1"]),
        A::HardSwish => (
            |x, _| x * (x + 3.0).clamp(0.0, 6.0) / 6.0,
            &["3", "0", "6", "6"],
        ),
        A::Softsign => (|x, _| x / (1.0 + x.abs()), &["1"]),
        A::SquaredRelu => (|x, _| x.max(0.0).powi(2), &["0"]),
    }
}

#[test]
fn every_formula_is_what_the_kernel_computes() {
    for a in Activation::ALL {
        let (formula, printed) = formula_as_written(a);
        let text = a.formula();
        assert_eq!(numbers(text), printed, "{}: {text:?}", a.name());
        // The rounded SELU constants agree to their 5 digits; the rest to rounding.
        let tolerance = if a == A::Selu { 1e-4 } else { 1e-12 };
        for p in accepted_params(a) {
            for i in -300..=300 {
                let x = f64::from(i) / 50.0;
                let (want, got) = (formula(x, p), a.value(x, p));
                // The naive forms cancel in the far left tail; compare where they are sound.
                let scale = want.abs().max(got.abs()).max(1e-3);
                assert!(
                    (want - got).abs() <= tolerance * scale,
                    "{} at x = {x}, p = {p}: {text:?} gives {want}, the kernel {got}",
                    a.name()
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Parameter meanings
// ---------------------------------------------------------------------------------------------

#[test]
fn parameter_meanings_hold() {
    // ELU and CELU: "f -> -α as x -> -inf" for every accepted α; a lower bound when α > 0.
    for a in [A::Elu, A::Celu] {
        let spec = a.param().expect("α");
        assert!(
            spec.meaning.starts_with("f -> -α as x -> -inf"),
            "{}",
            spec.meaning
        );
        for alpha in accepted_params(a) {
            assert_eq!(a.value(f64::NEG_INFINITY, alpha), -alpha, "{}", a.name());
            if alpha > 0.0 {
                assert!(sweep().all(|x| a.value(x, alpha) > -alpha));
            }
        }
    }
    // Leaky ReLU: "slope for x < 0".
    assert_eq!(
        A::LeakyRelu.param().map(|s| s.meaning),
        Some("slope for x < 0")
    );
    for alpha in [0.01, 0.3, -0.5] {
        assert_eq!(A::LeakyRelu.value(-2.0, alpha), -2.0 * alpha);
    }
    // SiLU: "1 is SiLU, large β approaches ReLU"; softplus: "large β approaches ReLU".
    assert_eq!(
        A::Silu.param().map(|s| s.meaning),
        Some("sharpness; 1 is SiLU, large β approaches ReLU")
    );
    for x in [-3.0, -0.5, 0.5, 2.0] {
        let silu = x / (1.0 + f64::exp(-x));
        assert!((A::Silu.value(x, 1.0) - silu).abs() <= 1e-15);
        assert!((A::Silu.value(x, 1e4) - A::Relu.value(x, 0.0)).abs() <= 1e-12);
        assert!((A::Softplus.value(x, 1e4) - A::Relu.value(x, 0.0)).abs() <= 1e-12);
    }
    assert_eq!(
        A::Softplus.param().map(|s| s.meaning),
        Some("sharpness; large β approaches ReLU")
    );
}

// ---------------------------------------------------------------------------------------------
// Softmax texts (`actscope list`)
// ---------------------------------------------------------------------------------------------

#[test]
fn softmax_texts_hold() {
    // "softmax(x)_i = e^(x_i/T) / Σ_j e^(x_j/T)".
    let xs: [f64; 3] = [1.2, 0.9, 0.4];
    for t in [0.5, 1.0, 3.0] {
        let sum: f64 = xs.iter().map(|x| (x / t).exp()).sum();
        for (p, x) in probabilities(&xs, t).iter().zip(xs) {
            assert!((p - (x / t).exp() / sum).abs() <= 1e-15);
        }
    }
    assert!(numbers(softmax_texts::FORMULA).is_empty());
    // "(0, 1) for T > 0 and 2+ elements, summing to 1".
    assert_eq!(numbers(softmax_texts::RANGE), ["0", "1", "0", "2", "1"]);
    for t in [0.25, 1.0, 4.0] {
        for xs in [&[1.2, 0.9][..], &[3.0, -2.0, 0.0, 7.5], &[-1.0, -1.0, -1.0]] {
            let ps = probabilities(xs, t);
            assert!(ps.iter().all(|&p| p > 0.0 && p < 1.0), "{xs:?} at {t}");
            assert!((ps.iter().sum::<f64>() - 1.0).abs() <= 4.0 * f64::EPSILON);
        }
    }
    assert_eq!(probabilities(&[0.7], 1.0), [1.0]);
    // "T > 1 flattens, T < 1 sharpens, 0 is the argmax, ties split evenly".
    assert_eq!(numbers(softmax_texts::TEMPERATURE_MEANING), ["1", "1", "0"]);
    let h = |t: f64| {
        let mut logs = [0.0; 3];
        let t = Temperature::new(t).expect("a valid temperature");
        log_softmax(Level::best(), &xs, t, &mut logs);
        entropy(&probabilities(&xs, t.get()), &logs)
    };
    assert!(h(2.0) > h(1.0) && h(1.0) > h(0.5));
    assert_eq!(probabilities(&xs, 0.0), [1.0, 0.0, 0.0]);
    assert_eq!(probabilities(&[2.0, 5.0, 5.0], 0.0), [0.0, 0.5, 0.5]);
}

// ---------------------------------------------------------------------------------------------
// The README's factual sentences
// ---------------------------------------------------------------------------------------------

const README: &str = include_str!("../../README.md");

/// Whether the README says `phrase`, however its lines are wrapped.
fn readme_says(phrase: &str) -> bool {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    words(README).contains(&words(phrase))
}

/// A README phrase, the number in it, and the kernel's value it must round to.
type ReadmeQuote = (&'static str, &'static str, fn() -> f64);

const README_QUOTES: &[ReadmeQuote] = &[
    ("(sigmoid: 0.25^10 = 9.5e-7)", "9.5e-7", || {
        A::Sigmoid.derivative_bound(0.0).powi(10)
    }),
    ("e^x past 88.72 in f32", "88.72", || {
        Precision::F32.exp_limit()
    }),
    ("11.09 in f16", "11.09", || Precision::F16.exp_limit()),
    (
        "f32 sigmoid from x ≈ 16.6",
        "16.6",
        f32_sigmoid_saturates_from,
    ),
    ("stable form gives `[1.9e-44, 0.5, 0.5]`", "1.9e-44", || {
        probabilities(&[900.0, 1000.0, 1000.0], 1.0)[0]
    }),
    ("(45.66 % / 33.83 % / 20.52 %)", "45.66", || {
        100.0 * probabilities(&[1.2, 0.9, 0.4], 1.0)[0]
    }),
    ("(45.66 % / 33.83 % / 20.52 %)", "33.83", || {
        100.0 * probabilities(&[1.2, 0.9, 0.4], 1.0)[1]
    }),
    ("(45.66 % / 33.83 % / 20.52 %)", "20.52", || {
        100.0 * probabilities(&[1.2, 0.9, 0.4], 1.0)[2]
    }),
    (
        "`log_softmax([30, -10])[0] = -4.25e-18`",
        "-4.25e-18",
        || {
            let mut out = [0.0; 2];
            log_softmax(Level::best(), &[30.0, -10.0], Temperature::ONE, &mut out);
            out[0]
        },
    ),
    ("(0.01 in PyTorch and JAX;", "0.01", || {
        A::LeakyRelu.default_param()
    }),
];

/// Decimal digits of `approximate` that agree with `exact`.
fn digits_kept(approximate: f64, exact: f64) -> f64 {
    let relative = ((approximate - exact) / exact).abs();
    if relative == 0.0 {
        17.0
    } else {
        -relative.log10()
    }
}

#[test]
fn readme_numbers_are_the_kernels() {
    for &(phrase, number, value) in README_QUOTES {
        assert!(readme_says(phrase), "README.md no longer says {phrase:?}");
        assert!(phrase.contains(number));
        let v = value();
        assert!(
            rounds_to(number, v),
            "README.md: {phrase:?}, the kernel gives {v}"
        );
    }
    // The f32 sigmoid saturates at 24·ln 2 = 16.6355323, where e^-x falls to half an ulp of 1.
    let saturation = f32_sigmoid_saturates_from();
    assert!(
        (saturation - 24.0 * std::f64::consts::LN_2).abs() < 2e-6,
        "{saturation}"
    );
    // Past the f32 and f16 limits e^x is infinite in the format; just below, finite.
    for precision in [Precision::F32, Precision::F16] {
        let limit = precision.exp_limit();
        assert!(precision.round((limit + 1e-3).exp()).is_infinite());
        assert!(precision.round((limit - 1e-3).exp()).is_finite());
    }
    // The sigmoid fact in the README's screen is the catalogue's.
    assert!(readme_says(A::Sigmoid.fact()));
}

#[test]
fn readme_erf_sentence_holds() {
    // "the `erf` form keeps about 10 digits at x = -5 and none below x ≈ -8.4"
    assert!(readme_says(
        "the `erf` form keeps about 10 digits at x = -5 and none below x ≈ -8.4"
    ));
    let erf_form = |x: f64| 0.5 * x * (1.0 + libm::erf(x / std::f64::consts::SQRT_2));
    let kept = digits_kept(erf_form(-5.0), A::Gelu.value(-5.0, 0.0));
    assert!((9.0..11.0).contains(&kept), "{kept} digits at -5");
    for x in [-8.4, -8.5, -9.0, -12.0, -30.0] {
        let kept = digits_kept(erf_form(x), A::Gelu.value(x, 0.0));
        assert!(kept < 0.5, "{kept} digits at {x}");
    }
}
