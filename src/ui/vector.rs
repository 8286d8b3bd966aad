//! The input-vector panel: one row per element with its outputs and softmax probability, then the
//! sums. On the Softmax tab: p, percentage, log p and the naive result beside the stable one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

use crate::analysis::{Analysis, Kind, LowFunction, SoftmaxExtras};
use crate::app::{App, Mode};
use crate::format;
use crate::kernel::precision::{Evaluation, Flag, Precision};
use crate::theme::{Role, Theme};

/// Rows the panel needs besides one per element: borders, the header, two summary lines.
pub(super) const CHROME_ROWS: u16 = 5;

/// Width of a number column.
const NUMBER: u16 = 8;

/// The table's area and the summary's inside the panel's borders.
fn inner_areas(app: &App, inner: Rect) -> (Rect, Rect) {
    // Two summary lines when the rows fit, one when the panel is tight.
    let needed = u16::try_from(app.vector().len()).unwrap_or(u16::MAX) + CHROME_ROWS - 2;
    let summary_rows = if inner.height >= needed { 2 } else { 1 };
    let [table, summary] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(summary_rows)]).areas(inner);
    (table, summary)
}

/// The element shown on screen row `y` of the panel, if any (the table scrolls, as ratatui's
/// does, just far enough to keep the selection in view).
pub(super) fn element_at(app: &App, area: Rect, y: u16) -> Option<usize> {
    let (table, _) = inner_areas(app, Block::bordered().inner(area));
    let first_row = table.y + 1;
    let visible = usize::from(table.height.saturating_sub(1));
    if y < first_row || y >= table.bottom() || visible == 0 {
        return None;
    }
    let offset = (app.vector().selected() + 1).saturating_sub(visible);
    let index = offset + usize::from(y - first_row);
    (index < app.vector().len()).then_some(index)
}

pub(super) fn render(app: &App, analysis: &Analysis, theme: &Theme, frame: &mut Frame, area: Rect) {
    let block = Block::bordered()
        .border_set(theme.border())
        .border_style(theme.style(Role::Border))
        .title(Span::styled(" input vector ", theme.style(Role::Info)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let (table_area, summary_area) = inner_areas(app, inner);
    let softmax_tab = app.activation().is_none();
    let naive_header = format!("naive {}", app.view().precision.name());
    let last = if app.view().target.is_some() {
        "p - y"
    } else if app.view().precision == Precision::F64 {
        "naive"
    } else {
        naive_header.as_str()
    };
    let low = app.view().precision != Precision::F64;
    let (f_header, df_header) = if low {
        (
            format!("f {}", app.view().precision.name()),
            format!("f' {}", app.view().precision.name()),
        )
    } else {
        ("f(x)".to_string(), "f'(x)".to_string())
    };
    let (header, widths) = if softmax_tab {
        (
            vec!["  x", "p", "percent", "log p", last],
            vec![NUMBER + 2, NUMBER, NUMBER, NUMBER, NUMBER + 1],
        )
    } else {
        (
            vec!["  x", f_header.as_str(), df_header.as_str(), "softmax"],
            vec![NUMBER + 2, NUMBER, NUMBER, NUMBER],
        )
    };
    let mut constraints: Vec<Constraint> = widths.iter().map(|&w| Constraint::Length(w)).collect();
    constraints.push(Constraint::Fill(1));
    let fixed: u16 = widths.iter().sum::<u16>() + u16::try_from(widths.len()).unwrap_or(0);
    let bar_width = usize::from(inner.width.saturating_sub(fixed));

    let rows: Vec<Row> = (0..app.vector().len())
        .map(|i| row(app, analysis, theme, i, softmax_tab, bar_width))
        .collect();
    let header = Row::new(header.into_iter().enumerate().map(|(i, title)| {
        if i == 0 {
            Cell::from(title)
        } else {
            number(title.to_string())
        }
    }))
    .style(theme.style(Role::Dim));
    let table = Table::new(rows, constraints)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme.style(Role::Selected));
    let mut state = TableState::default().with_selected(Some(app.vector().selected()));
    frame.render_stateful_widget(table, table_area, &mut state);

    frame.render_widget(Paragraph::new(summary(app, analysis, theme)), summary_area);
}

fn row<'a>(
    app: &App,
    analysis: &Analysis,
    theme: &Theme,
    i: usize,
    softmax_tab: bool,
    bar_width: usize,
) -> Row<'a> {
    let selected = i == app.vector().selected();
    let pointer = if selected { theme.pointer() } else { " " };
    let x_cell = match (app.mode(), selected) {
        (Mode::Editing(edit), true) => {
            let cursor = if theme.unicode { "▏" } else { "_" };
            let role = if edit.error.is_some() {
                Role::Error
            } else {
                Role::Key
            };
            Cell::from(Line::from(vec![
                Span::raw(format!("{pointer} ")),
                Span::styled(format!("{}{cursor}", edit.buffer), theme.style(role)),
            ]))
        }
        _ => Cell::from(format!(
            "{pointer} {}",
            format::input_value(app.vector().values()[i], usize::from(NUMBER))
        )),
    };
    let p = analysis.softmax.probabilities[i];
    let bar = Cell::from(Span::styled(
        theme.bar(p, bar_width),
        theme.style(Role::Bar),
    ));
    let cells = if softmax_tab {
        let low = match &analysis.kind {
            Kind::Softmax(extras) => extras.low.as_ref(),
            Kind::Function(_) => None,
        };
        let naive = low.map_or(analysis.softmax.naive[i], |low| low.naive[i]);
        let gradient = analysis.softmax.target.as_ref().map(|t| t.gradient[i]);
        let naive_cell = if let Some(g) = gradient {
            number(format::short(g, 4))
        } else if naive.is_finite() {
            number(format::short(naive, 4))
        } else {
            Cell::from(
                Line::from(Span::styled(
                    format::short(naive, 4),
                    theme.style(Role::Warn),
                ))
                .right_aligned(),
            )
        };
        vec![
            x_cell,
            number(format::short(p, 4)),
            number(format::percent(p)),
            number(format::short(analysis.softmax.log_probabilities[i], 3)),
            naive_cell,
            bar,
        ]
    } else {
        let Some(numbers) = analysis.function() else {
            return Row::new(vec![x_cell]);
        };
        let (f, df) = match numbers.low.as_ref().map(|low| &low.evaluations[i]) {
            Some((f, df)) => (evaluated(f, theme), evaluated(df, theme)),
            None => (
                number(format::short(numbers.outputs[i], 4)),
                number(format::short(numbers.derivatives[i], 4)),
            ),
        };
        vec![x_cell, f, df, number(format::percent(p)), bar]
    };
    Row::new(cells)
}

/// Which elements broke in the chosen precision, and how.
fn precision_note<'a>(low: &LowFunction, theme: &Theme) -> Line<'a> {
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
    if let (Some(stable), false) = (&low.stable_softplus, flagged.is_empty()) {
        return Line::from(vec![
            Span::raw(format!(" {name}: ")),
            Span::styled(flagged.join(", "), theme.style(Role::Warn)),
            Span::raw(format!(
                "; stable form: {}",
                stable
                    .iter()
                    .map(|&v| format::short(v, 2))
                    .collect::<Vec<_>>()
                    .join(" ")
            )),
        ]);
    }
    if flagged.is_empty() {
        Line::styled(
            format!(
                " {name}: as f64 here (e^x overflows past {:.2})",
                low.precision.exp_limit()
            ),
            theme.style(Role::Dim),
        )
    } else {
        Line::from(vec![
            Span::raw(format!(" {name}: ")),
            Span::styled(flagged.join(", "), theme.style(Role::Warn)),
        ])
    }
}

/// A low-precision value, styled as a warning when it overflowed, underflowed or saturated.
fn evaluated<'a>(evaluation: &Evaluation, theme: &Theme) -> Cell<'a> {
    let text = format::short(evaluation.value, 4);
    if evaluation.flag == Flag::Fine {
        number(text)
    } else {
        Cell::from(Line::from(Span::styled(text, theme.style(Role::Warn))).right_aligned())
    }
}

/// A right-aligned number cell.
fn number<'a>(text: String) -> Cell<'a> {
    Cell::from(Line::from(text).right_aligned())
}

fn summary<'a>(app: &App, analysis: &Analysis, theme: &Theme) -> Vec<Line<'a>> {
    let softmax = &analysis.softmax;
    let temperature = format::temperature(app.params().temperature);
    let sigma = if theme.unicode { "Σ" } else { "sum" };
    let first = Line::from(format!(
        " {sigma} p = {:.4}   {temperature}   argmax x{}",
        softmax.sum, softmax.argmax
    ));
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
            Line::from(vec![
                Span::raw(format!(" {} naive: ", low.precision.name())),
                Span::styled(
                    format!("{overflowed} NaN p, {minus_infinity} -inf ln p"),
                    theme.style(role),
                ),
                Span::raw(" (stable: finite)"),
            ])
        }
        Kind::Softmax(SoftmaxExtras { low: None }) => {
            let mut spans = vec![Span::raw(format!(
                " H = {} nats   ",
                format::short(softmax.entropy, 4)
            ))];
            if let Some(target) = &softmax.target {
                spans.push(Span::styled(
                    format!(
                        "CE = -log p{} = {}   ",
                        target.class,
                        format::short(target.cross_entropy, 4)
                    ),
                    theme.style(Role::Formula),
                ));
            }
            if softmax.naive_failed() {
                spans.push(Span::styled(
                    " naive form: NaN (overflow) ",
                    theme.style(Role::Warn),
                ));
            } else {
                spans.push(Span::styled(
                    "naive form agrees here",
                    theme.style(Role::Dim),
                ));
            }
            Line::from(spans)
        }
        Kind::Function(numbers) => {
            if let Some(low) = &numbers.low {
                return vec![first, precision_note(low, theme)];
            }
            // Vanishing gradients: what the selected element's gradient keeps through N layers.
            let n = app.view().depth;
            let selected = app.vector().selected();
            let kept = numbers.through_depth[selected];
            let role = if kept < 1e-6 { Role::Warn } else { Role::Info };
            Line::from(vec![
                Span::raw(format!(" N = {n}: |f'(x{selected})|^N = ")),
                Span::styled(format::short(kept, 2), theme.style(role)),
                Span::styled(
                    format!(" (bound {})", format::short(numbers.depth_bound, 2)),
                    theme.style(Role::Dim),
                ),
            ])
        }
    };
    vec![first, second]
}
