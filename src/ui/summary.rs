//! The panel's two summary lines, under the table and the selected element's details.
//!
//! Sums, temperature, argmax; then the vanishing-gradient readout, the entropy and the naive
//! form's verdict, what a lower precision broke, the sampler's kept mass and entropies, or the
//! sparse maps' supports. Each line is made of phrases (a label with its number), shown whole or
//! left out by rank, never cut, and wrapped onto the rows the panel has free; what a lower
//! precision broke wraps onto more lines instead, as none of it may be left out.

use ratatui::style::Style;
use ratatui::text::Line;

use super::columns::flag_mark;
use super::phrases::{self, Phrase};
use super::text::{shown, wrap_pieces};
use crate::analysis::{
    Analysis, FunctionNumbers, Kind, LowFunction, SamplerNumbers, SoftmaxExtras, SparseNumbers,
};
use crate::app::{App, Panel, Tab};
use crate::format::{self, grouped};
use crate::kernel::Step;
use crate::kernel::precision::{Evaluation, Flag, Precision};
use crate::theme::{Role, Theme};

/// One summary line's phrases, each `(text, role, rank)`: rank 0 the most important.
type Group = Vec<(String, Role, u8)>;

/// `groups` of phrases, each on its own lines, indented by one space, in `rows` lines: a line
/// each, and the rows left over to the first groups that need more to show every phrase.
fn lay_out<'a>(theme: &Theme, width: usize, rows: usize, groups: &[Group]) -> Vec<Line<'a>> {
    const GAP: &str = "   ";
    let width = width.saturating_sub(1);
    let styled: Vec<Vec<Phrase>> = groups
        .iter()
        .map(|group| {
            group
                .iter()
                .map(|(text, role, rank)| Phrase {
                    text: shown(theme, text),
                    style: theme.style(*role),
                    rank: *rank,
                })
                .collect()
        })
        .collect();
    let mut spare = rows.saturating_sub(groups.len());
    let mut lines = Vec::new();
    for group in &styled {
        let more = phrases::lines_needed(group, GAP, width)
            .saturating_sub(1)
            .min(spare);
        spare -= more;
        let laid = phrases::lay_out(group, GAP, width, 1 + more);
        if laid.is_empty() {
            // Nothing fits: the group keeps its line, blank.
            lines.push(Line::default());
        }
        lines.extend(laid.into_iter().map(|mut line| {
            line.spans.insert(0, " ".into());
            line
        }));
    }
    lines
}

/// `pieces` on as many lines as they need, each indented by one space; an operator stays with
/// its operands (`x - max`, `x2 = 70000`).
fn wrapped<'a>(theme: &Theme, width: usize, pieces: &[(String, Role)]) -> Vec<Line<'a>> {
    const NBSP: &str = "\u{a0}";
    let styled: Vec<(String, Style)> = pieces
        .iter()
        .map(|(text, role)| {
            let kept = text
                .replace(" - ", &format!("{NBSP}-{NBSP}"))
                .replace(" = ", &format!("{NBSP}={NBSP}"));
            (shown(theme, &kept), theme.style(*role))
        })
        .collect();
    wrap_pieces(&styled, "   ", width.saturating_sub(1), theme.unicode)
        .into_iter()
        .map(|mut line| {
            for span in &mut line.spans {
                if span.content.contains(NBSP) {
                    span.content = span.content.replace(NBSP, " ").into();
                }
            }
            line.spans.insert(0, " ".into());
            line
        })
        .collect()
}

/// What each model says, the models that say the same named together (`NumPy and PyTorch:
/// fine`), in the order the models come.
fn by_text(said: &[(&str, String, Role)]) -> Vec<(String, Role)> {
    let mut groups: Vec<(Vec<&str>, &str, Role)> = Vec::new();
    for (model, text, role) in said {
        match groups.iter_mut().find(|(_, t, _)| *t == text.as_str()) {
            Some(group) => group.0.push(model),
            None => groups.push((vec![model], text, *role)),
        }
    }
    groups
        .into_iter()
        .map(|(models, text, role)| {
            // "NumPy and PyTorch" on one line (wrapped makes the spaces plain again).
            (format!("{}: {text}", models.join("\u{a0}and\u{a0}")), role)
        })
        .collect()
}

/// `head` and `pieces`, the head kept on the line of the first piece (one piece with it, in
/// its role).
fn headed(head: &str, mut pieces: Vec<(String, Role)>) -> Vec<(String, Role)> {
    let head = head.replace(' ', "\u{a0}");
    match pieces.first_mut() {
        Some((text, _)) => *text = format!("{head}\u{a0}\u{a0}\u{a0}{text}"),
        None => pieces.push((head, Role::Info)),
    }
    pieces
}

/// The sums, the temperature and the argmax; beside a lower precision's columns, said to be
/// f64's.
fn sums(app: &App, analysis: &Analysis, theme: &Theme) -> Group {
    let softmax = &analysis.softmax;
    let sigma = if theme.unicode { "Σ" } else { "sum" };
    let f64_label = if app.view().precision != Precision::F64 && app.tab() != Tab::Formula {
        "f64: "
    } else {
        ""
    };
    vec![
        (
            format!("{f64_label}{sigma} p = {:.4}", softmax.sum),
            Role::Info,
            0,
        ),
        (
            format::temperature(app.params().temperature()),
            Role::Info,
            2,
        ),
        (
            format!("argmax {}", app.vector().name(softmax.argmax)),
            Role::Info,
            1,
        ),
    ]
}

/// The summary lines, in `rows` rows where they need more than two: the sums, then the tab's
/// line (or, in a lower precision, the sums on one line, the depth readout where a row is free,
/// and as many lines as what broke needs).
pub(super) fn summary<'a>(
    app: &App,
    analysis: &Analysis,
    theme: &Theme,
    width: usize,
    rows: usize,
) -> Vec<Line<'a>> {
    let sums = sums(app, analysis, theme);
    let second = match &analysis.kind {
        Kind::Softmax(SoftmaxExtras { low: Some(low), .. }) => {
            let format = low.precision.name();
            let stable: Vec<(&str, String, Role)> = low
                .models
                .iter()
                .zip(&low.stable_notes)
                .map(|((framework, ..), note)| match note {
                    Some(note) => (framework.name(), note.clone(), Role::Warn),
                    None => (framework.name(), "finite".to_string(), Role::Dim),
                })
                .collect();
            let mut naive = Vec::new();
            for (framework, forms, _) in &low.models {
                let nan = forms.naive.iter().filter(|p| p.is_nan()).count();
                let minus_infinity = forms
                    .naive_log
                    .iter()
                    .filter(|&&l| l == f64::NEG_INFINITY)
                    .count();
                naive.push(if nan + minus_infinity == 0 {
                    (
                        framework.name(),
                        "no\u{a0}NaN,\u{a0}no\u{a0}-inf".to_string(),
                        Role::Dim,
                    )
                } else {
                    (
                        framework.name(),
                        // Each count with what it counts, on one line.
                        format!(
                            "{nan}\u{a0}p\u{a0}NaN, {minus_infinity}\u{a0}log\u{a0}p\u{a0}-inf"
                        ),
                        Role::Warn,
                    )
                });
            }
            // One flow, so a long reason shares its last line with the naive form's verdict;
            // each form's name stays on the line of what follows it.
            let mut pieces = headed(&format!("stable in {format}:"), by_text(&stable));
            pieces.extend(headed(&format!("naive in {format}:"), by_text(&naive)));
            let mut lines = lay_out(theme, width, 1, &[sums]);
            lines.extend(wrapped(theme, width, &pieces));
            return lines;
        }
        Kind::Softmax(extras) => match (app.view().panel, &extras.sampler, &extras.sparse) {
            (Panel::Sampler, Some(sampler), _) => {
                return lay_out(theme, width, rows, &sampler_groups(app, sampler, theme));
            }
            (Panel::Sparse, _, Some(sparse)) => sparse_group(app, analysis, sparse),
            _ => softmax_group(analysis),
        },
        Kind::Function(numbers @ FunctionNumbers { low: Some(low), .. }) => {
            let mut lines = lay_out(theme, width, 1, &[sums]);
            let note = precision_note(low, theme, width);
            // The depth readout (f64's f', said so) on a row of its own where one is free,
            // else left out whole: what broke comes first.
            if rows > lines.len() + note.len() {
                let mut depth = depth_group(app, numbers);
                depth[0].0 = format!("f64: {}", depth[0].0);
                let depth = lay_out(theme, width, 1, &[depth]);
                lines.extend(depth.into_iter().filter(|line| line.width() > 0));
            }
            lines.extend(note);
            return lines;
        }
        Kind::Function(numbers) => depth_group(app, numbers),
    };
    lay_out(theme, width, rows, &[sums, second])
}

/// Vanishing gradients: what the selected element's gradient keeps through N layers, and the
/// most any input keeps.
fn depth_group(app: &App, numbers: &FunctionNumbers) -> Group {
    let n = app.view().depth;
    let selected = app.vector().selected();
    let kept = numbers.through_depth[selected];
    let role = if kept < 1e-6 { Role::Warn } else { Role::Info };
    // Past f64's range the product is 0 or inf, but not the gradient: its magnitude.
    let kept = match numbers.selected_depth {
        Some((mantissa, exponent)) if !kept.is_normal() => {
            let magnitude = format::decimal(mantissa, exponent);
            if kept == 0.0 {
                format!("{magnitude} (below f64)")
            } else if kept.is_infinite() {
                format!("{magnitude} (above f64)")
            } else {
                magnitude
            }
        }
        _ => format::short(kept, 2),
    };
    let bound = match numbers.depth_bound {
        Some(bound) if bound.is_finite() => format!("(max {})", format::short(bound, 2)),
        Some(_) => "(f' unbounded)".to_string(),
        None => "(max |f'| unknown)".to_string(),
    };
    vec![
        (
            format!("N = {n}: |f'({})|^N = {kept}", app.vector().name(selected)),
            role,
            0,
        ),
        (bound, Role::Dim, 1),
    ]
}

/// How many elements each map gives a positive probability.
fn sparse_group(app: &App, analysis: &Analysis, sparse: &SparseNumbers) -> Group {
    let n = app.vector().len();
    let positive = analysis
        .softmax
        .probabilities
        .iter()
        .filter(|&&p| p > 0.0)
        .count();
    vec![
        ("p > 0 for".to_string(), Role::Info, 0),
        (
            format!(
                "sparsemax {} of {}",
                grouped(sparse.sparsemax_support),
                grouped(n)
            ),
            Role::Info,
            0,
        ),
        (
            format!("1.5-entmax {}", grouped(sparse.entmax_support)),
            Role::Info,
            1,
        ),
        (format!("softmax {}", grouped(positive)), Role::Info, 2),
    ]
}

/// The softmax panel's second line: the entropy, the cross-entropy, the naive form's verdict.
fn softmax_group(analysis: &Analysis) -> Group {
    let softmax = &analysis.softmax;
    let mut pieces = vec![(
        format!("H = {} nats", format::short(softmax.entropy, 4)),
        Role::Info,
        0,
    )];
    if let Some(target) = &softmax.target {
        pieces.push((
            format!(
                "CE = -log p{} = {}",
                target.class,
                format::short(target.cross_entropy, 4)
            ),
            Role::Formula,
            1,
        ));
    }
    pieces.push(match softmax.naive_failure {
        Some(failure) => (
            format!("naive form: NaN ({})", failure.word()),
            Role::Warn,
            1,
        ),
        None => ("naive form agrees here".to_string(), Role::Dim, 2),
    });
    pieces
}

/// The sampler's two lines: what it keeps and the entropy before and after; then whether the
/// orders agree (or the order's steps).
fn sampler_groups(app: &App, sampler: &SamplerNumbers, theme: &Theme) -> [Group; 2] {
    let sampled = &sampler.sampled;
    let n = app.vector().len();
    let kept = sampled.removed_by.iter().filter(|r| r.is_none()).count();
    let arrow = if theme.unicode { "→" } else { "->" };
    let first = vec![
        (
            format!(
                "filters keep {} of {}: {} of p",
                grouped(kept),
                grouped(n),
                format::percent(sampled.kept_mass)
            ),
            Role::Info,
            0,
        ),
        (
            format!(
                "H {} {arrow} {} nats",
                format::short(sampled.entropy_before, 3),
                format::short(sampled.entropy_after, 3)
            ),
            Role::Info,
            1,
        ),
        (
            format!(
                "exp(H) {} {arrow} {}",
                format::short(sampled.effective_choices_before(), 3),
                format::short(sampled.effective_choices_after(), 3)
            ),
            Role::Info,
            2,
        ),
    ];
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
        vec![
            (
                format!("order {}: {}", sampled.order.name(), steps.join(", ")),
                Role::Dim,
                1,
            ),
            (agree.to_string(), Role::Dim, 0),
        ]
    } else {
        let mut pieces = vec![(
            format!(
                "orders disagree: {} keeps {}",
                sampled.order.name(),
                grouped(kept)
            ),
            Role::Warn,
            0,
        )];
        for other in &sampler.disagreeing {
            let kept = other.removed_by.iter().filter(|r| r.is_none()).count();
            pieces.push((
                format!("{} keeps {}", other.order.name(), grouped(kept)),
                Role::Warn,
                1,
            ));
        }
        pieces
    };
    [first, second]
}

/// Which elements broke in the chosen precision, and how, model by model, with the letters
/// that mark the flagged cells; counted instead when the list takes more than two lines.
fn precision_note<'a>(low: &LowFunction, theme: &Theme, width: usize) -> Vec<Line<'a>> {
    let head = (format!("{}:", low.precision.name()), Role::Info);
    let flag_of = |(f, df): &(Evaluation, Evaluation)| {
        if f.flag == Flag::Fine {
            df.flag
        } else {
            f.flag
        }
    };
    let mut seen: Vec<Flag> = Vec::new();
    let listed: Vec<(&str, String, Role)> = low
        .models
        .iter()
        .map(|model| {
            let flagged: Vec<String> = model
                .evaluations
                .iter()
                .enumerate()
                .filter_map(|(i, evaluation)| {
                    let flag = flag_of(evaluation);
                    for f in [evaluation.0.flag, evaluation.1.flag] {
                        if f != Flag::Fine && !seen.contains(&f) {
                            seen.push(f);
                        }
                    }
                    (flag != Flag::Fine).then(|| format!("x{i}\u{a0}{}", kept(flag.word())))
                })
                .collect();
            if flagged.is_empty() {
                (model.framework.name(), "fine".to_string(), Role::Dim)
            } else {
                (model.framework.name(), flagged.join(", "), Role::Warn)
            }
        })
        .collect();
    seen.sort_by_key(|flag| flag_mark(*flag));
    let legend = (!seen.is_empty()).then(|| {
        let marks: Vec<String> = seen
            .iter()
            .map(|&flag| {
                let mark = flag_mark(flag).unwrap_or(' ');
                format!("{mark}\u{a0}{}", kept(flag.word()))
            })
            .collect();
        (format!("marks:\u{a0}{}", marks.join(", ")), Role::Dim)
    });
    let mut pieces = vec![head.clone()];
    pieces.extend(by_text(&listed));
    pieces.extend(legend.clone());
    let lines = wrapped(theme, width, &pieces);
    if lines.len() <= 2 {
        return lines;
    }
    // Too long to say element by element: how many each model flags (the marks show which).
    let counts: Vec<(String, Role)> = low
        .models
        .iter()
        .map(|model| {
            let flagged = model
                .evaluations
                .iter()
                .filter(|e| flag_of(e) != Flag::Fine)
                .count();
            let role = if flagged > 0 { Role::Warn } else { Role::Dim };
            let name = model.framework.name();
            (format!("{name}\u{a0}flags\u{a0}{flagged}"), role)
        })
        .collect();
    let mut pieces = vec![head];
    pieces.extend(counts);
    pieces.extend(legend);
    wrapped(theme, width, &pieces)
}

/// `words` that no line breaks apart (`harmless overflow`).
fn kept(words: &str) -> String {
    words.replace(' ', "\u{a0}")
}
