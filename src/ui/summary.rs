//! The panel's two summary lines, under the table and the selected element's details.
//!
//! Sums, temperature, argmax; then the vanishing-gradient readout, the entropy and the naive
//! form's verdict, what a lower precision broke, the sampler's kept mass and entropies, or the
//! sparse maps' supports. Every line fitted to the width by whole pieces and words.

use ratatui::style::Style;
use ratatui::text::Line;

use super::text::{fit_pieces, shown};
use crate::analysis::{
    Analysis, FunctionNumbers, Kind, LowFunction, SamplerNumbers, SoftmaxExtras, SparseNumbers,
};
use crate::app::{App, Panel};
use crate::format::{self, grouped};
use crate::kernel::Step;
use crate::kernel::precision::Flag;
use crate::theme::{Role, Theme};

/// One fitted line of `pieces`, each `(text, role)`, indented by one space.
pub(super) fn line<'a>(theme: &Theme, width: usize, pieces: &[(String, Role)]) -> Line<'a> {
    let styled: Vec<(String, Style)> = pieces
        .iter()
        .map(|(text, role)| (shown(theme, text), theme.style(*role)))
        .collect();
    let mut line = fit_pieces(&styled, "   ", width.saturating_sub(1), theme.unicode);
    line.spans.insert(0, " ".into());
    line
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
