//! The selected element's numbers, whole, below the panel's table.
//!
//! Its value and label, then f and f' (or p, log p and the naive form, or the sampler's
//! numbers, or sparsemax and entmax, or each framework model's values in a lower precision),
//! each wrapped under its label, never cut.

use ratatui::text::Line;

use super::text::{shown, wrap_words};
use crate::analysis::{
    Analysis, FunctionNumbers, Kind, LowFunction, LowSoftmax, SamplerNumbers, SoftmaxExtras,
    SoftmaxNumbers,
};
use crate::app::{App, Panel};
use crate::format::{self, grouped};
use crate::kernel::precision::{Evaluation, Flag};
use crate::kernel::{Activation, Sampled};
use crate::plot::Shape;
use crate::theme::{Role, Theme};

/// The selected element's numbers, whole.
pub(super) fn detail<'a>(
    app: &App,
    analysis: &Analysis,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'a>> {
    let vector = app.vector();
    let i = vector.selected();
    let x = format::full_precision(vector.values()[i]);
    let head = match vector.labels() {
        Some(labels) => format!("{} = {x}   (x{i})", labels[i]),
        None => format!("x{i} = {x}"),
    };
    let mut lines: Vec<Line<'a>> =
        wrap_words(&shown(theme, &head), width.saturating_sub(1), theme.unicode)
            .into_iter()
            .map(|part| Line::styled(format!(" {part}"), theme.style(Role::Key)))
            .collect();
    // Each label, then its value wrapped under itself.
    let indent = 13;
    for (label, value) in detail_rows(app, analysis, i) {
        let value = shown(theme, &value);
        for (k, part) in wrap_words(&value, width.saturating_sub(indent + 1), theme.unicode)
            .into_iter()
            .enumerate()
        {
            let label = if k == 0 { label } else { "" };
            // A label and its number were joined by a space no line breaks at.
            let part = part.replace(NBSP, " ");
            lines.push(Line::styled(
                format!("   {label:<10}{part}"),
                theme.style(Role::Info),
            ));
        }
    }
    lines
}

/// A space that keeps a label with its number (`f 0.7685`) on one line; a plain space on screen.
const NBSP: char = '\u{a0}';

/// `label value` that no line breaks apart.
fn labelled(label: &str, value: &str) -> String {
    format!("{label}{NBSP}{value}")
}

/// The detail's rows for element `i`: a label (empty to continue the one above) and its value.
fn detail_rows(app: &App, analysis: &Analysis, i: usize) -> Vec<(&'static str, String)> {
    let softmax = &analysis.softmax;
    let whole = format::full_precision;
    let with_percent = |p: f64| format!("{} ({})", whole(p), format::percent(p));
    match &analysis.kind {
        Kind::Function(
            numbers @ FunctionNumbers {
                low: Some(low),
                outputs,
                derivatives,
                ..
            },
        ) => {
            let mut rows = vec![
                ("f64", labelled("f", &whole(outputs[i]))),
                ("", labelled("f'", &whole(derivatives[i]))),
            ];
            let name = match numbers.shape {
                Shape::Activation(activation, _) => activation.name(),
                Shape::Formula(_) => "the formula",
            };
            rows.extend(low_function_rows(low, app.vector().values()[i], i, name));
            rows
        }
        Kind::Function(numbers) => {
            let others = softmax.probabilities.len() > 1 && !app.params().temperature().is_argmax();
            let mut rows = vec![
                ("f(x)", whole(numbers.outputs[i])),
                ("f'(x)", whole(numbers.derivatives[i])),
            ];
            if numbers.on_kink[i] {
                let note = if matches!(numbers.shape, Shape::Activation(Activation::Step, _)) {
                    "* a jump: f' does not exist here; 0 is f' everywhere else (PyTorch defines \
                     no derivative for heaviside)"
                } else {
                    "* a kink: f' does not exist here; this is the value PyTorch's autograd gives"
                };
                rows.push(("", note.to_string()));
            }
            rows.push((
                "p",
                format!(
                    "{} ({})",
                    whole(softmax.probabilities[i]),
                    softmax.percent(i, others)
                ),
            ));
            rows
        }
        Kind::Softmax(SoftmaxExtras { low: Some(low), .. }) => {
            let x = app.vector().values()[i];
            // f64's, said so beside the models' values.
            let mut rows = vec![("f64", labelled("p", &whole(softmax.probabilities[i])))];
            rows.extend(low_softmax_rows(low, x, i));
            rows
        }
        Kind::Softmax(extras) => match (app.view().panel, &extras.sampler, &extras.sparse) {
            (Panel::Sampler, Some(sampler), _) => sampler_rows(app, sampler, softmax, i),
            (Panel::Sparse, _, Some(sparse)) => vec![
                ("softmax", with_percent(softmax.probabilities[i])),
                ("sparsemax", with_percent(sparse.sparsemax[i])),
                ("entmax", with_percent(sparse.entmax[i])),
            ],
            _ => {
                let naive = softmax.naive[i];
                let naive = match softmax.naive_failure {
                    Some(failure) if !naive.is_finite() => {
                        format!("{} ({})", whole(naive), failure.word())
                    }
                    _ => whole(naive),
                };
                let p = softmax.probabilities[i];
                let log_p = softmax.log_probabilities[i];
                let others =
                    softmax.probabilities.len() > 1 && !app.params().temperature().is_argmax();
                let p = if p == 0.0 && others {
                    "0 in f64: p is below the smallest f64 (5e-324), not 0".to_string()
                } else {
                    format!("{} ({})", whole(p), softmax.percent(i, others))
                };
                let log_p = if log_p == f64::NEG_INFINITY && others {
                    "-inf in f64: (x - max)/T overflows, the true value is finite".to_string()
                } else {
                    whole(log_p)
                };
                let mut rows = vec![("p", p), ("log p", log_p), ("naive", naive)];
                if let Some(untempered) = &extras.untempered {
                    rows.insert(1, ("at T = 1", with_percent(untempered[i])));
                }
                rows
            }
        },
    }
}

/// The sampler's numbers for element `i`: before and after, what removed it, what the other
/// orders leave, and the draws.
fn sampler_rows(
    app: &App,
    sampler: &SamplerNumbers,
    softmax: &SoftmaxNumbers,
    i: usize,
) -> Vec<(&'static str, String)> {
    let whole = format::full_precision;
    let with_percent = |p: f64| format!("{} ({})", whole(p), format::percent(p));
    let fate = |sampled: &Sampled| match sampled.removed_by[i] {
        Some(filter) => format!("removed by {filter}"),
        None if sampled.stages.is_empty() => "no filter is on".to_string(),
        None => "kept by every filter".to_string(),
    };
    let sampled = &sampler.sampled;
    let mut rows = vec![
        ("p", with_percent(softmax.probabilities[i])),
        ("final", with_percent(sampled.probabilities[i])),
        (sampled.order.name(), fate(sampled)),
    ];
    for other in &sampler.disagreeing {
        rows.push((
            other.order.name(),
            format!(
                "{} ({})",
                format::percent(other.probabilities[i]),
                fate(other)
            ),
        ));
    }
    if let (Some(counts), Some(draws)) = (&sampler.counts, app.draws()) {
        rows.push((
            "drawn",
            format!(
                "{} of {} (expected {}; seed {})",
                grouped(usize::try_from(counts[i]).unwrap_or(usize::MAX)),
                grouped(draws.count),
                format::short(sampler.expected(i).unwrap_or(f64::NAN), 2),
                draws.seed
            ),
        ));
    }
    rows
}

/// What each framework model's softmax gives element `i` in the lower precision, and why its
/// stable form broke, if it did.
fn low_softmax_rows(low: &LowSoftmax, x: f64, i: usize) -> Vec<(&'static str, String)> {
    let whole = format::full_precision;
    let mut rows = vec![(
        "x in",
        labelled(low.precision.name(), &whole(low.precision.round(x))),
    )];
    for ((framework, forms, formulas), note) in low.models.iter().zip(&low.stable_notes) {
        rows.push((framework.name(), format!("p = {}", formulas.probabilities)));
        rows.push(("", whole(forms.probabilities[i])));
        if let Some(note) = note {
            rows.push(("", format!("({note})")));
        }
        rows.push(("", format!("naive = {}", formulas.naive)));
        rows.push(("", whole(forms.naive[i])));
    }
    rows
}

/// What each framework model computes for element `i` in the lower precision.
fn low_function_rows(
    low: &LowFunction,
    x: f64,
    i: usize,
    name: &str,
) -> Vec<(&'static str, String)> {
    let whole = format::full_precision;
    // What the format holds of x: what the frameworks evaluate at.
    let format = low.precision.name();
    let mut rows = vec![("x in", labelled(format, &whole(low.precision.round(x))))];
    for model in &low.models {
        let (f, df) = model.evaluations[i];
        // The value, its dtype where the code returns another than the format, its flag.
        let said = |e: Evaluation| {
            let mut notes = Vec::new();
            if e.format != low.precision {
                notes.push(e.format.name());
            }
            if e.flag != Flag::Fine {
                notes.push(e.flag.word());
            }
            if notes.is_empty() {
                whole(e.value)
            } else {
                format!("{} ({})", whole(e.value), notes.join(", "))
            }
        };
        rows.push((model.framework.name(), model.formula.value.to_string()));
        rows.push((
            "",
            format!(
                "{}   {}",
                labelled("f", &said(f)),
                labelled("f'", &said(df))
            ),
        ));
    }
    let jax: Vec<&str> = low
        .models
        .iter()
        .filter(|m| m.jax.value && m.jax.derivative)
        .map(|m| m.framework.name())
        .collect();
    if let [framework] = jax.as_slice() {
        rows.push((
            "JAX 0.10",
            format!(
                "returns {framework}'s f and f' for {name} in {format} at every point measured"
            ),
        ));
    }
    if let Some(stable) = &low.stable_softplus {
        rows.push((
            "stable",
            format!("max(x, 0) + log1p(exp(-|x|)): {}", whole(stable[i])),
        ));
    }
    rows
}
