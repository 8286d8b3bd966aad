//! Two lines under the tabs: the formula and its range, then the fact worth knowing.
//!
//! The first holds the formula with the current parameter and the output range; the second the one
//! fact worth knowing and where frameworks differ. Each line is fitted to the width by whole pieces
//! and whole words, never cut.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{fit_pieces, shown};
use crate::analysis::{Analysis, Kind, LowSoftmax, SoftmaxExtras};
use crate::app::{App, Control, Edit, Mode, Origin, Panel, Tab};
use crate::format;
use crate::kernel::{Activation, Filter, Order, Temperature};
use crate::theme::{Role, Theme};

/// Where `f'` does not exist, as a header piece: `kinks at x = -3, 3 (f' there by
/// convention)`, or `jump at x = 0` where `f` itself jumps (the step).
fn kinks_piece(kinks: &[f64], jump: bool) -> Option<String> {
    if kinks.is_empty() {
        return None;
    }
    let at: Vec<String> = kinks.iter().map(|&x| format::full_precision(x)).collect();
    let word = match (jump, kinks.len()) {
        (true, 1) => "jump",
        (true, _) => "jumps",
        (false, 1) => "kink",
        (false, _) => "kinks",
    };
    Some(format!(
        "{word} at x = {} (f' there by convention)",
        at.join(", ")
    ))
}

/// The Formula tab's pieces: the formula, its parameters (the one `[ ]` adjust in brackets when
/// there are several) and kinks; then what the tab does.
fn formula_pieces(app: &App, analysis: &Analysis) -> [Vec<String>; 2] {
    let formula = app.formula();
    let mut first = vec![format!("f(x) = {formula}")];
    let params = formula.params();
    let focus = app.formula_focus().map(|(name, _)| name.as_str());
    for (name, value) in params {
        let text = format!("{name} = {}", format::full_precision(*value));
        first.push(if params.len() > 1 && Some(name.as_str()) == focus {
            format!("[{text}]")
        } else {
            text
        });
    }
    if let Some(numbers) = analysis.function() {
        first.extend(kinks_piece(&numbers.kinks, false));
    }
    let second = vec![
        "your own f: F edits it; f' is exact (dual numbers, no differences)".to_string(),
        "names: every activation, exp ln log1p expm1 sqrt abs min max sin cos tanh erf erfc \
         where pi e"
            .to_string(),
    ];
    [first, second]
}

/// The header's pieces: (formula, details), (fact, framework defaults).
fn pieces(app: &App, analysis: &Analysis) -> [Vec<String>; 2] {
    if app.tab() == Tab::Formula {
        return formula_pieces(app, analysis);
    }
    if let Some(a) = app.activation() {
        let mut details = Vec::new();
        if matches!(a, Activation::Gelu | Activation::GeluTanh) {
            details.push(
                if a == Activation::Gelu {
                    "exact"
                } else {
                    "tanh approx."
                }
                .to_string(),
            );
        }
        if let Some(spec) = a.param() {
            details.push(format!(
                "{} = {}",
                spec.symbol,
                format::full_precision(app.params().get(a))
            ));
        }
        details.push(format!("range {}", a.range_text()));
        if let Some(numbers) = analysis.function() {
            details.extend(kinks_piece(&numbers.kinks, a == Activation::Step));
        }
        let mut first = vec![a.formula().to_string()];
        first.extend(details);
        let mut second = vec![a.fact().to_string()];
        second.extend(a.framework_defaults().map(str::to_string));
        return [first, second];
    }
    let t = app.params().temperature();
    let (fact, low) = match (&analysis.kind, analysis.softmax.pair) {
        (Kind::Softmax(SoftmaxExtras { low: Some(low), .. }), _) => (low_fact(low, t.get()), true),
        _ => (f64_fact(analysis, t), false),
    };
    let panel = app.view().panel;
    let second = match panel {
        // A lower precision's columns replace the panel's: its fact with them.
        _ if low => fact,
        Panel::Softmax => fact,
        Panel::Sampler => order_text(app.sampler().order()).to_string(),
        Panel::Sparse => "sparse = sparsemax, max(x/T - τ, 0): the point of the simplex nearest \
                          x/T, so exact zeros; entmax = 1.5-entmax"
            .to_string(),
    };
    let mut first = vec!["softmax(x)_i = e^(x_i/T) / Σ_j e^(x_j/T)".to_string()];
    first.extend(settings(app, low));
    if panel == Panel::Softmax {
        first.push("range (0, 1) for T > 0 and 2+ elements, Σ = 1".to_string());
    }
    [first, vec![second]]
}

/// The Softmax tab's fact in f64: the two-element sigmoid, or where the naive form overflows.
fn f64_fact(analysis: &Analysis, t: Temperature) -> String {
    match (analysis.softmax.pair, analysis.softmax.naive_overflow_above) {
        (Some(p0), _) => format!(
            "two elements: p0 = σ((x0 - x1)/T) = {}, softmax is a sigmoid of the difference",
            format::short(p0, 4)
        ),
        (None, Some(limit)) if t.get() == 1.0 => format!(
            "e^(x_i - max) never overflows; the naive e^x does past x = {}",
            format::short(limit, 2)
        ),
        (None, Some(limit)) => format!(
            "e^((x_i - max)/T) never overflows; the naive e^(x/T) does past x = {} at this T",
            format::short(limit, 2)
        ),
        (None, None) => {
            "T = 0 is the limit T -> 0+: one-hot on the maximum (ties split evenly); the naive e^(x/T) divides by zero"
                .to_string()
        }
    }
}

/// The Softmax tab's fact in a lower precision: why the stable form broke, in the model's words;
/// else what holds in the format (never that nothing overflows: an x past the format is inf).
fn low_fact(low: &LowSoftmax, t: f64) -> String {
    let format = low.precision.name();
    let notes: Vec<(&str, &String)> = low
        .models
        .iter()
        .zip(&low.stable_notes)
        .filter_map(|((framework, ..), note)| note.as_ref().map(|n| (framework.name(), n)))
        .collect();
    match notes.as_slice() {
        [(_, a), (_, b)] if a == b => format!("NumPy and PyTorch: {a}"),
        // the models broke differently: each said, none hidden
        [_, ..] => notes
            .iter()
            .map(|(model, note)| format!("{model}: {note}"))
            .collect::<Vec<_>>()
            .join("; "),
        [] => {
            let (shifted, x, naive) = if t == 1.0 {
                ("x_i - max", "x", "e^x")
            } else {
                ("(x_i - max)/T", "x/T", "e^(x/T)")
            };
            format!(
                "in {format} e^({shifted}) <= 1 for |{x}| <= {}; naive {naive} overflows past {}",
                format::short(low.precision.max(), 0),
                format::short(low.precision.exp_limit(), 2)
            )
        }
    }
}

/// The Softmax tab's settings as the header lists them: the temperature, and on the sampler
/// panel (or while a filter is on, or `[ ]` adjust one) the filters and the order. What `[ ]`
/// adjust is in brackets. Beside a lower precision's columns (`low`), which are the plain
/// softmax at T, the sampler is said to be f64's only.
fn settings(app: &App, low: bool) -> Vec<String> {
    let params = app.params();
    let focused = |control: Control, text: String| {
        if params.focus == control && control != Control::Temperature {
            format!("[{text}]")
        } else {
            text
        }
    };
    let mut pieces = vec![format::temperature(params.temperature())];
    let sampler_shown = app.view().panel == Panel::Sampler
        || params.filtering()
        || params.focus != Control::Temperature;
    if sampler_shown {
        if params.focus == Control::Temperature {
            pieces[0] = format!("[{}]", pieces[0]);
        }
        if low {
            pieces.push("sampler: f64 only".to_string());
        }
        for filter in [Filter::TopK, Filter::TopP, Filter::MinP] {
            pieces.push(focused(Control::Filter(filter), params.filter_text(filter)));
        }
        pieces.push(format!("order {}", app.sampler().order().name()));
    }
    pieces
}

/// What an order does, with its source named (the code cites each line).
fn order_text(order: Order) -> &'static str {
    match order {
        Order::Hf => "hf (transformers): T first, then top-k, top-p, min-p, each on what is left",
        Order::LlamaCpp => {
            "llama.cpp: top-k, top-p, min-p on the raw logits, T last (its default chain)"
        }
        Order::Vllm => "vllm: T first, then min-p, then top-k and top-p",
    }
}

pub(super) fn render(app: &App, analysis: &Analysis, theme: &Theme, frame: &mut Frame, area: Rect) {
    if let Mode::Editing(edit) = app.mode()
        && edit.origin == Origin::Formula
    {
        render_formula_edit(edit, theme, frame, area);
        return;
    }
    let [first, second] = pieces(app, analysis);
    let styles = |lead: Role, rest: Role| -> Box<dyn Fn(usize) -> Style> {
        let (lead, rest) = (theme.style(lead), theme.style(rest));
        Box::new(move |i| if i == 0 { lead } else { rest })
    };
    let width = usize::from(area.width.saturating_sub(1));
    let line = |texts: Vec<String>, style: &dyn Fn(usize) -> Style| {
        let styled: Vec<(String, Style)> = texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| (shown(theme, &text), style(i)))
            .collect();
        let mut line = fit_pieces(&styled, "   ", width, theme.unicode);
        line.spans.insert(0, " ".into());
        line
    };
    let lines = vec![
        line(first, &*styles(Role::Formula, Role::Info)),
        line(second, &*styles(Role::Dim, Role::Formula)),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

/// The formula being typed, scrolled to its cursor; under it, a caret at the column an error
/// points at and the reason, or how to leave.
fn render_formula_edit(edit: &Edit, theme: &Theme, frame: &mut Frame, area: Rect) {
    const LEAD: &str = " formula: ";
    let width = usize::from(area.width).saturating_sub(LEAD.len() + 1);
    let (visible, cursor) = edit.window(width);
    let first_shown = edit.cursor - cursor;
    let role = if edit.error.is_some() {
        Role::Error
    } else {
        Role::Key
    };
    let before: String = visible.chars().take(cursor).collect();
    let under: String = visible.chars().nth(cursor).map_or(" ".into(), String::from);
    let after: String = visible.chars().skip(cursor + 1).collect();
    let field = Line::from(vec![
        Span::styled(LEAD, theme.style(Role::Formula)),
        Span::styled(shown(theme, &before), theme.style(role)),
        Span::styled(shown(theme, &under), theme.style(Role::Cursor)),
        Span::styled(shown(theme, &after), theme.style(role)),
    ]);
    let room = usize::from(area.width.saturating_sub(1));
    let second = match (&edit.error, edit.error_column) {
        (Some(reason), Some(column)) if column > 0 => {
            // The caret under the character the column counts (1-based), when it is in view.
            let at = (column - 1)
                .checked_sub(first_shown)
                .filter(|&at| at <= width);
            let text = match at {
                Some(at) => format!("{}^ column {column}: {reason}", " ".repeat(LEAD.len() + at)),
                None => format!(" column {column}: {reason}"),
            };
            Line::styled(fit_text(theme, &text, room), theme.style(Role::Error))
        }
        (Some(reason), _) => Line::styled(
            fit_text(theme, &format!(" {reason}"), room),
            theme.style(Role::Error),
        ),
        (None, _) => Line::styled(
            " Enter applies it, Esc keeps the formula as it was",
            theme.style(Role::Dim),
        ),
    };
    let lines = if area.height >= 2 {
        vec![field, second]
    } else {
        vec![field]
    };
    frame.render_widget(Paragraph::new(lines), area);
}

/// `text` shortened by whole words to `width` columns.
fn fit_text(theme: &Theme, text: &str, width: usize) -> String {
    let text = shown(theme, text);
    super::text::fit_words(&text, width, theme.unicode).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use actscope_kernel::precision::{self, Framework, Precision};

    use super::*;

    /// The header's lower-precision fact with these stable-form notes, NumPy's then PyTorch's.
    fn fact_with(notes: [Option<&str>; 2]) -> String {
        let xs = [1.0, 2.0];
        let models = [Framework::NumPy, Framework::PyTorch]
            .map(|framework| {
                (
                    framework,
                    precision::softmax_forms(framework, Precision::F16, &xs, 1.0),
                    precision::softmax_formulas(framework),
                )
            })
            .to_vec();
        let low = LowSoftmax {
            precision: Precision::F16,
            models,
            stable_notes: notes.map(|n| n.map(String::from)).to_vec(),
        };
        low_fact(&low, 1.0)
    }

    #[test]
    fn each_model_that_broke_is_named_with_its_reason() {
        assert_eq!(fact_with([Some("a"), Some("a")]), "NumPy and PyTorch: a");
        assert_eq!(fact_with([None, Some("b")]), "PyTorch: b");
        // two different reasons: both said, PyTorch's no longer dropped
        assert_eq!(fact_with([Some("a"), Some("b")]), "NumPy: a; PyTorch: b");
    }
}
