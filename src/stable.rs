//! Why a framework's max-subtracted softmax gives NaN or an infinity in a low precision, in words.
//!
//! In f64, `e^(x_i - max)` never overflows. In f16 an input past 65504 is already inf before the
//! max is taken (and `inf - inf` is NaN), an input below -65504 is -inf (its log p too), and
//! `x_i - max` itself can fall past the format's range. The kernel decides which
//! ([`precision::stable_failure`], from the model's own `x / T`); [`stable_note`] words it, naming
//! the element, in the format the model's code returns, as the explorer's Softmax tab and
//! `actscope softmax --precision` say it.

use crate::format::full_precision;
use crate::kernel::precision::{self, SoftmaxForms, StableFailure};

/// What broke the stable form in `forms` (the model's softmax of `xs / t`), in one clause
/// naming the element (`name(i)`): `x2 = 70000 is inf in f16, so x - max is inf - inf = NaN`.
/// `None` when every stable probability and log-probability is finite.
#[must_use]
pub fn stable_note(
    xs: &[f64],
    t: f64,
    forms: &SoftmaxForms,
    name: &dyn Fn(usize) -> String,
) -> Option<String> {
    let format = forms.format.name();
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
    Some(match precision::stable_failure(forms)? {
        StableFailure::InputInf { first, count } => format!(
            "{} is inf in {format}, so x - max is inf - inf = NaN{}",
            input(first),
            more(count)
        ),
        StableFailure::AllMinusInf => {
            format!("every x is -inf in {format}, so x - max is -inf - (-inf) = NaN")
        }
        StableFailure::InputMinusInf { first, count } => format!(
            "{} is -inf in {format}, so its log p is -inf{}",
            input(first),
            more(count)
        ),
        StableFailure::DifferencePast {
            first,
            count,
            difference,
        } => format!(
            "{} - max = {} is past -{}, so log p is -inf in {format}{}",
            name(first),
            full_precision(difference),
            full_precision(forms.format.max()),
            more(count)
        ),
        StableFailure::Other { count } => {
            format!("{count} values of the stable form are not finite in {format}")
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::precision::{Framework, Precision, softmax_forms};

    fn note(framework: Framework, precision: Precision, xs: &[f64], t: f64) -> Option<String> {
        let forms = softmax_forms(framework, precision, xs, t);
        stable_note(xs, t, &forms, &|i| format!("x{i}"))
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

    #[test]
    fn numpy_bf16_over_a_python_float_is_worded_in_f32() {
        // x / T is float32 in NumPy's code: ±3.4009e38 is finite there (inf in bf16, which
        // this note once said), and only the difference passes f32's range.
        assert_eq!(
            note(
                Framework::NumPy,
                Precision::Bf16,
                &[1.017e38, -1.017e38],
                0.299
            )
            .as_deref(),
            Some(
                "x1 - max = -6.801735267254417e38 is past -3.4028234663852886e38, so log p is \
                 -inf in f32"
            )
        );
        // PyTorch keeps bf16.
        assert_eq!(
            note(
                Framework::PyTorch,
                Precision::Bf16,
                &[1.017e38, -1.017e38],
                0.299
            )
            .as_deref(),
            Some("x0/T = 1.017e38/0.299 is inf in bf16, so x - max is inf - inf = NaN")
        );
    }
}
