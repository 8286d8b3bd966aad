//! The panel's text below the table: the selected element's numbers whole, and the summary lines.
//!
//! The summary lines: sums, temperature, argmax; the vanishing-gradient readout, entropy, the naive
//! form's verdict, or what a lower precision broke. Every line fitted to the width by whole pieces
//! and words.

use ratatui::style::Style;
use ratatui::text::Line;

use super::text::{fit_pieces, shown, wrap_words};
use crate::analysis::{
    Analysis, FunctionNumbers, Kind, LowFunction, SamplerNumbers, SoftmaxExtras, SoftmaxNumbers,
    SparseNumbers,
};
use crate::app::{App, Panel};
use crate::format::{self, grouped};
use crate::kernel::precision::{Evaluation, Flag};
use crate::kernel::{Activation, Sampled, Step};
use crate::plot::Shape;
use crate::theme::{Role, Theme};

/// One fitted line of `pieces`, each `(text, role)`, indented by one space.
fn line<'a>(theme: &Theme, width: usize, pieces: &[(String, Role)]) -> Line<'a> {
    let styled: Vec<(String, Style)> = pieces
        .iter()
        .map(|(text, role)| (shown(theme, text), theme.style(*role)))
        .collect();
    let mut line = fit_pieces(&styled, "   ", width.saturating_sub(1), theme.unicode);
    line.spans.insert(0, " ".into());
    line
}

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
            lines.push(Line::styled(
                format!("   {label:<10}{part}"),
                theme.style(Role::Info),
            ));
        }
    }
    lines
}

/// The detail's rows for element `i`: a label (empty to continue the one above) and its value.
fn detail_rows(app: &App, analysis: &Analysis, i: usize) -> Vec<(&'static str, String)> {
    let softmax = &analysis.softmax;
    let whole = format::full_precision;
    let with_percent = |p: f64| format!("{} ({})", whole(p), format::percent(p));
    match &analysis.kind {
        Kind::Function(FunctionNumbers {
            low: Some(low),
            outputs,
            derivatives,
            ..
        }) => {
            let mut rows = vec![
                ("exact", format!("f {}", whole(outputs[i]))),
                ("", format!("f' {}", whole(derivatives[i]))),
            ];
            rows.extend(low_function_rows(low, app.vector().values()[i], i));
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
            let mut rows = vec![
                ("p", whole(softmax.probabilities[i])),
                (
                    "x in",
                    format!("{} {}", low.precision.name(), whole(low.precision.round(x))),
                ),
            ];
            for (framework, forms, formulas) in &low.models {
                rows.push((framework.name(), format!("p = {}", formulas.probabilities)));
                rows.push(("", whole(forms.probabilities[i])));
                rows.push(("", format!("naive = {}", formulas.naive)));
                rows.push(("", whole(forms.naive[i])));
            }
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

/// What each framework model computes for element `i` in the lower precision.
fn low_function_rows(low: &LowFunction, x: f64, i: usize) -> Vec<(&'static str, String)> {
    let whole = format::full_precision;
    // What the format holds of x: what the frameworks evaluate at.
    let mut rows = vec![(
        "x in",
        format!("{} {}", low.precision.name(), whole(low.precision.round(x))),
    )];
    for model in &low.models {
        let (f, df) = model.evaluations[i];
        let said = |e: Evaluation| match e.flag {
            Flag::Fine => whole(e.value),
            flag => format!("{} ({})", whole(e.value), flag.word()),
        };
        rows.push((model.framework.name(), model.formula.value.to_string()));
        rows.push(("", format!("f {}   f' {}", said(f), said(df))));
    }
    let jax: Vec<&str> = low
        .models
        .iter()
        .filter(|m| m.jax.value && m.jax.derivative)
        .map(|m| m.framework.name())
        .collect();
    if let [framework] = jax.as_slice() {
        rows.push((
            "JAX",
            format!("0.10 returns {framework}'s f and f' here (measured)"),
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

/// The two summary lines (or the first alone when `lines` is 1).
pub(super) fn summary<'a>(
    app: &App,
    analysis: &Analysis,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'a>> {
    let softmax = &analysis.softmax;
    let sigma = if theme.unicode { "Σ" } else { "sum" };
    let first = line(
        theme,
        width,
        &[
            (format!("{sigma} p = {:.4}", softmax.sum), Role::Info),
            (format::temperature(app.params().temperature()), Role::Info),
            (
                format!("argmax {}", app.vector().name(softmax.argmax)),
                Role::Info,
            ),
        ],
    );
    let second = match &analysis.kind {
        Kind::Softmax(SoftmaxExtras { low: Some(low), .. }) => {
            let mut pieces = vec![(
                format!("the naive form in {}:", low.precision.name()),
                Role::Info,
            )];
            for (framework, forms, _) in &low.models {
                let nan = forms.naive.iter().filter(|p| p.is_nan()).count();
                let minus_infinity = forms
                    .naive_log
                    .iter()
                    .filter(|&&l| l == f64::NEG_INFINITY)
                    .count();
                let (text, role) = if nan + minus_infinity == 0 {
                    (format!("{} no NaN, no -inf", framework.name()), Role::Dim)
                } else {
                    (
                        format!(
                            "{} {nan} p NaN, {minus_infinity} log p -inf",
                            framework.name()
                        ),
                        Role::Warn,
                    )
                };
                pieces.push((text, role));
            }
            line(theme, width, &pieces)
        }
        Kind::Softmax(extras) => match (app.view().panel, &extras.sampler, &extras.sparse) {
            (Panel::Sampler, Some(sampler), _) => {
                return sampler_summary(app, sampler, theme, width);
            }
            (Panel::Sparse, _, Some(sparse)) => sparse_line(app, analysis, sparse, theme, width),
            _ => softmax_line(analysis, theme, width),
        },
        Kind::Function(FunctionNumbers { low: Some(low), .. }) => precision_note(low, theme, width),
        Kind::Function(numbers) => {
            // Vanishing gradients: what the selected element's gradient keeps through N layers.
            let n = app.view().depth;
            let selected = app.vector().selected();
            let kept = numbers.through_depth[selected];
            let role = if kept < 1e-6 { Role::Warn } else { Role::Info };
            let bound = match numbers.depth_bound {
                Some(bound) if bound.is_finite() => format!("(max {})", format::short(bound, 2)),
                Some(_) => "(f' unbounded)".to_string(),
                None => "(max |f'| unknown)".to_string(),
            };
            line(
                theme,
                width,
                &[
                    (
                        format!(
                            "N = {n}: |f'({})|^N = {}",
                            app.vector().name(selected),
                            format::short(kept, 2)
                        ),
                        role,
                    ),
                    (bound, Role::Dim),
                ],
            )
        }
    };
    vec![first, second]
}

/// How many elements each map gives a positive probability.
fn sparse_line<'a>(
    app: &App,
    analysis: &Analysis,
    sparse: &SparseNumbers,
    theme: &Theme,
    width: usize,
) -> Line<'a> {
    let n = app.vector().len();
    let positive = analysis
        .softmax
        .probabilities
        .iter()
        .filter(|&&p| p > 0.0)
        .count();
    line(
        theme,
        width,
        &[
            ("p > 0 for".to_string(), Role::Info),
            (
                format!(
                    "sparsemax {} of {}",
                    grouped(sparse.sparsemax_support),
                    grouped(n)
                ),
                Role::Info,
            ),
            (
                format!("1.5-entmax {}", grouped(sparse.entmax_support)),
                Role::Info,
            ),
            (format!("softmax {}", grouped(positive)), Role::Info),
        ],
    )
}

/// The softmax panel's second line: the entropy, the cross-entropy, the naive form's verdict.
fn softmax_line<'a>(analysis: &Analysis, theme: &Theme, width: usize) -> Line<'a> {
    let softmax = &analysis.softmax;
    let mut pieces = vec![(
        format!("H = {} nats", format::short(softmax.entropy, 4)),
        Role::Info,
    )];
    if let Some(target) = &softmax.target {
        pieces.push((
            format!(
                "CE = -log p{} = {}",
                target.class,
                format::short(target.cross_entropy, 4)
            ),
            Role::Formula,
        ));
    }
    pieces.push(match softmax.naive_failure {
        Some(failure) => (format!("naive form: NaN ({})", failure.word()), Role::Warn),
        None => ("naive form agrees here".to_string(), Role::Dim),
    });
    line(theme, width, &pieces)
}

/// The sampler's two lines: what it keeps and the entropy before and after; then whether the
/// orders agree (or the order's steps).
fn sampler_summary<'a>(
    app: &App,
    sampler: &SamplerNumbers,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'a>> {
    let sampled = &sampler.sampled;
    let n = app.vector().len();
    let kept = sampled.removed_by.iter().filter(|r| r.is_none()).count();
    let arrow = if theme.unicode { "→" } else { "->" };
    let first = line(
        theme,
        width,
        &[
            (
                format!(
                    "filters keep {} of {}: {} of p",
                    grouped(kept),
                    grouped(n),
                    format::percent(sampled.kept_mass)
                ),
                Role::Info,
            ),
            (
                format!(
                    "H {} {arrow} {} nats",
                    format::short(sampled.entropy_before, 3),
                    format::short(sampled.entropy_after, 3)
                ),
                Role::Info,
            ),
            (
                format!(
                    "exp(H) {} {arrow} {}",
                    format::short(sampled.effective_choices_before(), 3),
                    format::short(sampled.effective_choices_after(), 3)
                ),
                Role::Info,
            ),
        ],
    );
    let second = if sampler.disagreeing.is_empty() {
        let steps: Vec<String> = sampled
            .order
            .steps()
            .iter()
            .map(|step| match step {
                Step::Temperature => "T".to_string(),
                Step::Filter(filter) => filter.name().to_string(),
            })
            .collect();
        let agree = if app.params().filtering() {
            "every order keeps the same"
        } else {
            "no filter is on"
        };
        line(
            theme,
            width,
            &[
                (
                    format!("order {}: {}", sampled.order.name(), steps.join(", ")),
                    Role::Dim,
                ),
                (agree.to_string(), Role::Dim),
            ],
        )
    } else {
        let mut pieces = vec![(
            format!(
                "orders disagree: {} keeps {}",
                sampled.order.name(),
                grouped(kept)
            ),
            Role::Warn,
        )];
        for other in &sampler.disagreeing {
            let kept = other.removed_by.iter().filter(|r| r.is_none()).count();
            pieces.push((
                format!("{} keeps {}", other.order.name(), grouped(kept)),
                Role::Warn,
            ));
        }
        line(theme, width, &pieces)
    };
    vec![first, second]
}

/// Which elements broke in the chosen precision, and how, model by model.
fn precision_note<'a>(low: &LowFunction, theme: &Theme, width: usize) -> Line<'a> {
    let mut pieces = vec![(format!("{}:", low.precision.name()), Role::Info)];
    for model in &low.models {
        let flagged: Vec<String> = model
            .evaluations
            .iter()
            .enumerate()
            .filter_map(|(i, (f, df))| {
                let flag = if f.flag == Flag::Fine {
                    df.flag
                } else {
                    f.flag
                };
                (flag != Flag::Fine).then(|| format!("x{i} {}", flag.word()))
            })
            .collect();
        let (text, role) = if flagged.is_empty() {
            ("fine".to_string(), Role::Dim)
        } else {
            (flagged.join(", "), Role::Warn)
        };
        pieces.push((format!("{} {text}", model.framework.name()), role));
    }
    let long: usize = pieces.iter().map(|(t, _)| t.chars().count() + 3).sum();
    if long > width.saturating_sub(1) {
        // Too long to say element by element: how many each model flags (the cells show which).
        let counts: Vec<(String, Role)> = low
            .models
            .iter()
            .map(|model| {
                let flagged = model
                    .evaluations
                    .iter()
                    .filter(|(f, df)| f.flag != Flag::Fine || df.flag != Flag::Fine)
                    .count();
                let role = if flagged > 0 { Role::Warn } else { Role::Dim };
                (format!("{} flags {flagged}", model.framework.name()), role)
            })
            .collect();
        pieces.truncate(1);
        pieces.extend(counts);
        pieces.push(("(highlighted)".to_string(), Role::Dim));
    }
    line(theme, width, &pieces)
}
