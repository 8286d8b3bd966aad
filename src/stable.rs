//! Why a framework's max-subtracted softmax gives NaN or an infinity in a lower precision.
//!
//! In f64, `e^(x_i - max)` never overflows. In f16 an input past 65504 is already inf before the
//! max is taken (and `inf - inf` is NaN), an input below -65504 is -inf (its log p too), and
//! `x_i - max` itself can fall past the format's range. [`stable_failure`] names the element and
//! what happened to it, as the explorer's Softmax tab and `actscope softmax --precision` say it.

use crate::format::full_precision;
use crate::kernel::precision::{Framework, Precision, SoftmaxForms};

/// `x / T` as the framework's model holds it: x rounded to the format, divided by T (NumPy: T
/// rounded to the format too; PyTorch: T as a float), the quotient rounded to the format. The
/// division is in f32, which rounds f16 and bf16 quotients correctly.
#[must_use]
pub fn scaled(framework: Framework, precision: Precision, x: f64, t: f64) -> f64 {
    if precision == Precision::F64 {
        return x / t;
    }
    let t = match framework {
        Framework::NumPy => precision.round(t),
        Framework::PyTorch => t,
    };
    let quotient = precision.round(x) as f32 / t as f32;
    precision.round(f64::from(quotient))
}

/// What broke the stable form in `forms` (the model's softmax of `xs / t`), in one clause
/// naming the element (`name(i)`): `x2 = 70000 is inf in f16, so x - max is inf - inf = NaN`.
/// `None` when every stable probability and log-probability is finite.
#[must_use]
pub fn stable_failure(
    (framework, precision): (Framework, Precision),
    xs: &[f64],
    t: f64,
    forms: &SoftmaxForms,
    name: &dyn Fn(usize) -> String,
) -> Option<String> {
    let finite = |values: &[f64]| values.iter().all(|v| v.is_finite());
    if finite(&forms.probabilities) && finite(&forms.log_probabilities) {
        return None;
    }
    let format = precision.name();
    let scaled: Vec<f64> = xs
        .iter()
        .map(|&x| scaled(framework, precision, x, t))
        .collect();
    let input = |i: usize| {
        if t == 1.0 {
            format!("{} = {}", name(i), full_precision(xs[i]))
        } else {
            format!(
                "{}/T = {}/{}",
                name(i),
                full_precision(xs[i]),
                full_precision(t)
            )
        }
    };
    let more = |count: usize| match count {
        0 | 1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    let where_equal = |target: f64| -> Vec<usize> {
        (0..scaled.len()).filter(|&i| scaled[i] == target).collect()
    };
    let above = where_equal(f64::INFINITY);
    if let Some(&i) = above.first() {
        return Some(format!(
            "{} is inf in {format}, so x - max is inf - inf = NaN{}",
            input(i),
            more(above.len())
        ));
    }
    let below = where_equal(f64::NEG_INFINITY);
    if below.len() == scaled.len() {
        return Some(format!(
            "every x is -inf in {format}, so x - max is -inf - (-inf) = NaN"
        ));
    }
    if let Some(&i) = below.first() {
        return Some(format!(
            "{} is -inf in {format}, so its log p is -inf{}",
            input(i),
            more(below.len())
        ));
    }
    // Every x/T finite: x - max (or log p) fell past the format's range.
    let max = scaled.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let past: Vec<usize> = (0..scaled.len())
        .filter(|&i| forms.log_probabilities[i] == f64::NEG_INFINITY)
        .collect();
    if let Some(&i) = past.first() {
        return Some(format!(
            "{} - max = {} is past -{}, so log p is -inf in {format}{}",
            name(i),
            full_precision(scaled[i] - max),
            full_precision(precision.max()),
            more(past.len())
        ));
    }
    let broken = forms
        .probabilities
        .iter()
        .chain(&forms.log_probabilities)
        .filter(|v| !v.is_finite())
        .count();
    Some(format!(
        "{broken} values of the stable form are not finite in {format}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::precision::softmax_forms;

    fn note(framework: Framework, precision: Precision, xs: &[f64], t: f64) -> Option<String> {
        let forms = softmax_forms(framework, precision, xs, t);
        stable_failure((framework, precision), xs, t, &forms, &|i| format!("x{i}"))
    }

    #[test]
    fn an_input_past_the_format_is_inf_and_inf_minus_inf_is_nan() {
        let xs = [-20.0, 17.0, 70000.0, -0.0, 1e-8, -100.0];
        for framework in Framework::ALL {
            assert_eq!(
                note(framework, Precision::F16, &xs, 1.0).as_deref(),
                Some("x2 = 70000 is inf in f16, so x - max is inf - inf = NaN"),
                "{framework:?}"
            );
            assert_eq!(note(framework, Precision::F32, &xs, 1.0), None);
            assert_eq!(note(framework, Precision::Bf16, &xs, 1.0), None);
        }
        // Two of them, and x / T past the range at a small temperature.
        assert_eq!(
            note(Framework::NumPy, Precision::F16, &[1e5, 2e5, 1.0], 1.0).as_deref(),
            Some("x0 = 100000 is inf in f16, so x - max is inf - inf = NaN (and 1 more)")
        );
        assert_eq!(
            note(Framework::PyTorch, Precision::F16, &[1000.0, 1.0], 0.01).as_deref(),
            Some("x0/T = 1000/0.01 is inf in f16, so x - max is inf - inf = NaN")
        );
    }

    #[test]
    fn minus_inf_inputs_and_a_difference_past_the_range() {
        assert_eq!(
            note(Framework::NumPy, Precision::F16, &[-70000.0, 1.0], 1.0).as_deref(),
            Some("x0 = -70000 is -inf in f16, so its log p is -inf")
        );
        assert_eq!(
            note(Framework::NumPy, Precision::F16, &[-70000.0, -1e6], 1.0).as_deref(),
            Some("every x is -inf in f16, so x - max is -inf - (-inf) = NaN")
        );
        assert_eq!(
            note(Framework::NumPy, Precision::F16, &[-40000.0, 40000.0], 1.0).as_deref(),
            Some("x0 - max = -80000 is past -65504, so log p is -inf in f16")
        );
        assert_eq!(
            note(Framework::NumPy, Precision::F16, &[12.0, 1.0, -3.0], 1.0),
            None
        );
    }
}
