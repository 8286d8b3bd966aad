//! The panel's text below the table: the selected element's numbers whole, and the summary lines
//! (sums, temperature, argmax; the vanishing-gradient readout, entropy, the naive form's verdict,
//! or what a lower precision broke). Every line fitted to the width by whole pieces and words.

use ratatui::style::Style;
use ratatui::text::Line;

use super::text::{fit_pieces, shown};
use crate::analysis::{Analysis, FunctionNumbers, Kind, LowFunction, SoftmaxExtras};
use crate::app::App;
use crate::format;
use crate::kernel::precision::Flag;
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
    let i = app.vector().selected();
    let x = format::full_precision(app.vector().values()[i]);
    let softmax = &analysis.softmax;
    let whole = format::full_precision;
    let mut lines = vec![line(theme, width, &[(format!("x{i} = {x}"), Role::Key)])];
    let mut row = |label: &str, value: String| {
        lines.push(line(
            theme,
            width,
            &[(format!("  {label:<6} {value}"), Role::Info)],
        ));
    };
    match &analysis.kind {
        Kind::Function(numbers) => {
            row("f(x)", whole(numbers.outputs[i]));
            row("f'(x)", whole(numbers.derivatives[i]));
            row(
                "p",
                format!(
                    "{} ({})",
                    whole(softmax.probabilities[i]),
                    format::percent(softmax.probabilities[i])
                ),
            );
        }
        Kind::Softmax(_) => {
            row(
                "p",
                format!(
                    "{} ({})",
                    whole(softmax.probabilities[i]),
                    format::percent(softmax.probabilities[i])
                ),
            );
            row("log p", whole(softmax.log_probabilities[i]));
            let naive = softmax.naive[i];
            row(
                "naive",
                match softmax.naive_failure {
                    Some(failure) if !naive.is_finite() => {
                        format!("{} ({})", whole(naive), failure.word())
                    }
                    _ => whole(naive),
                },
            );
        }
    }
    lines
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
            (format::temperature(app.params().temperature), Role::Info),
            (format!("argmax x{}", softmax.argmax), Role::Info),
        ],
    );
    let second = match &analysis.kind {
        Kind::Softmax(SoftmaxExtras { low: Some(low) }) => {
            let overflowed = low.naive.iter().filter(|p| p.is_nan()).count();
            let minus_infinity = low
                .naive_log
                .iter()
                .filter(|&&l| l == f64::NEG_INFINITY)
                .count();
            let role = if overflowed + minus_infinity > 0 {
                Role::Warn
            } else {
                Role::Dim
            };
            line(
                theme,
                width,
                &[
                    (format!("{} naive:", low.precision.name()), Role::Info),
                    (
                        format!("{overflowed} NaN p, {minus_infinity} -inf ln p"),
                        role,
                    ),
                    ("(stable: finite)".to_string(), Role::Info),
                ],
            )
        }
        Kind::Softmax(SoftmaxExtras { low: None }) => {
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
        Kind::Function(FunctionNumbers { low: Some(low), .. }) => precision_note(low, theme, width),
        Kind::Function(numbers) => {
            // Vanishing gradients: what the selected element's gradient keeps through N layers.
            let n = app.view().depth;
            let selected = app.vector().selected();
            let kept = numbers.through_depth[selected];
            let role = if kept < 1e-6 { Role::Warn } else { Role::Info };
            let bound = if numbers.depth_bound.is_finite() {
                format!("(max {})", format::short(numbers.depth_bound, 2))
            } else {
                "(no max: f' is unbounded)".to_string()
            };
            line(
                theme,
                width,
                &[
                    (
                        format!("N = {n}: |f'(x{selected})|^N = {}", format::short(kept, 2)),
                        role,
                    ),
                    (bound, Role::Dim),
                ],
            )
        }
    };
    vec![first, second]
}

/// Which elements broke in the chosen precision, and how.
fn precision_note<'a>(low: &LowFunction, theme: &Theme, width: usize) -> Line<'a> {
    let name = low.precision.name();
    let flagged: Vec<String> = low
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
    if flagged.is_empty() {
        return line(
            theme,
            width,
            &[(
                format!(
                    "{name}: as f64 here (e^x overflows past {:.2})",
                    low.precision.exp_limit()
                ),
                Role::Dim,
            )],
        );
    }
    let mut pieces = vec![
        (format!("{name}:"), Role::Info),
        (flagged.join(", "), Role::Warn),
    ];
    if let Some(stable) = &low.stable_softplus {
        pieces.push((
            format!(
                "stable form: {}",
                stable
                    .iter()
                    .map(|&v| format::short(v, 2))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            Role::Info,
        ));
    }
    line(theme, width, &pieces)
}
