//! The input-vector panel: one row per element with its outputs and softmax probability, the
//! selected element's numbers whole below, then the sums. On the Softmax tab: p, percentage,
//! log p and the naive result beside the stable one. Every number goes through
//! [`format::cell`], so none is cut.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

use super::summary;
use crate::analysis::{Analysis, Kind, SoftmaxExtras};
use crate::app::{App, Mode};
use crate::format;
use crate::kernel::precision::{Evaluation, Flag};
use crate::theme::{Role, Theme};

/// Rows the panel needs besides one per element: borders, the header, two summary lines.
pub(super) const CHROME_ROWS: u16 = 5;

/// Width of a number column: any f64 fits in 7 characters ([`format::cell`]).
const NUMBER: u16 = 8;

/// The panel's regions inside its borders: the table, the selected element's details, the
/// summary.
struct Areas {
    table: Rect,
    detail: Rect,
    summary: Rect,
}

fn areas(app: &App, inner: Rect) -> Areas {
    let rows = u16::try_from(app.vector().len()).unwrap_or(u16::MAX);
    // Two summary lines when the rows fit, one when the panel is tight.
    let summary_rows = if inner.height >= rows + CHROME_ROWS - 2 {
        2
    } else {
        1
    };
    let table_rows = (rows + 1).min(inner.height.saturating_sub(summary_rows).max(2));
    let [table, detail, summary] = Layout::vertical([
        Constraint::Length(table_rows),
        Constraint::Fill(1),
        Constraint::Length(summary_rows),
    ])
    .areas(inner);
    Areas {
        table,
        detail,
        summary,
    }
}

/// The element shown on screen row `y` of the panel, if any (the table scrolls, as ratatui's
/// does, just far enough to keep the selection in view).
pub(super) fn element_at(app: &App, area: Rect, y: u16) -> Option<usize> {
    let table = areas(app, Block::bordered().inner(area)).table;
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
    let areas = areas(app, inner);
    let mut header = headers(app, analysis);
    // The number columns that fit whole, in their order of importance (left to right); the
    // rest of the row goes to the bar, if the tab has one.
    let fitting = usize::from(inner.width.saturating_sub(NUMBER + 2 + 1) / (NUMBER + 1));
    header.truncate(1 + fitting);
    let widths: Vec<u16> = header
        .iter()
        .enumerate()
        .map(|(i, _)| if i == 0 { NUMBER + 2 } else { NUMBER })
        .collect();
    let mut constraints: Vec<Constraint> = widths.iter().map(|&w| Constraint::Length(w)).collect();
    constraints.push(Constraint::Fill(1));
    let fixed: u16 = widths.iter().sum::<u16>() + u16::try_from(widths.len()).unwrap_or(0);
    let bar_width = usize::from(inner.width.saturating_sub(fixed));

    let rows: Vec<Row> = (0..app.vector().len())
        .map(|i| row(app, analysis, theme, i, bar_width, header.len()))
        .collect();
    let header = Row::new(header.into_iter().enumerate().map(|(i, title)| {
        if i == 0 {
            Cell::from(title)
        } else {
            number(title)
        }
    }))
    .style(theme.style(Role::Dim));
    let table = Table::new(rows, constraints)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme.style(Role::Selected));
    let mut state = TableState::default().with_selected(Some(app.vector().selected()));
    frame.render_stateful_widget(table, areas.table, &mut state);

    let width = usize::from(inner.width);
    let detail = summary::detail(app, analysis, theme, width);
    let shown = usize::from(areas.detail.height);
    // The details only when they fit whole (a blank line first, to set them apart).
    if detail.len() < shown {
        let mut lines = vec![Line::default()];
        lines.extend(detail);
        frame.render_widget(Paragraph::new(lines), areas.detail);
    }
    frame.render_widget(
        Paragraph::new(summary::summary(app, analysis, theme, width)),
        areas.summary,
    );
}

/// The x cell: the value as typed where it fits, or the edit field scrolled to its cursor.
fn x_cell<'a>(app: &App, theme: &Theme, i: usize) -> Cell<'a> {
    let selected = i == app.vector().selected();
    let pointer = if selected { theme.pointer() } else { " " };
    match (app.mode(), selected) {
        (Mode::Editing(edit), true) => {
            let role = if edit.error.is_some() {
                Role::Error
            } else {
                Role::Key
            };
            let (shown, cursor) = edit.window(usize::from(NUMBER));
            let before: String = shown.chars().take(cursor).collect();
            let under: String = shown.chars().nth(cursor).map_or(" ".into(), String::from);
            let after: String = shown.chars().skip(cursor + 1).collect();
            Cell::from(Line::from(vec![
                Span::raw(format!("{pointer} ")),
                Span::styled(before, theme.style(role)),
                Span::styled(under, theme.style(Role::Cursor)),
                Span::styled(after, theme.style(role)),
            ]))
        }
        _ => Cell::from(format!(
            "{pointer} {}",
            format::input_value(app.vector().values()[i], usize::from(NUMBER))
        )),
    }
}

/// The column titles: x, then what the tab and the precision show.
fn headers(app: &App, analysis: &Analysis) -> Vec<String> {
    let titles: &[&str] = match &analysis.kind {
        Kind::Softmax(SoftmaxExtras { low: Some(_) }) => &["NumPy", "naive", "PyTorch", "naive"],
        Kind::Softmax(_) if app.view().target.is_some() => &["p", "percent", "log p", "p - y"],
        Kind::Softmax(_) => &["p", "percent", "log p", "naive"],
        Kind::Function(numbers) if numbers.low.is_some() => {
            &["f NumPy", "f torch", "f' NumPy", "f' torch"]
        }
        Kind::Function(_) => &["f(x)", "f'(x)", "softmax"],
    };
    std::iter::once("  x")
        .chain(titles.iter().copied())
        .map(str::to_string)
        .collect()
}

/// Row `i`: its first `columns` cells, then the bar when there is one.
fn row<'a>(
    app: &App,
    analysis: &Analysis,
    theme: &Theme,
    i: usize,
    bar_width: usize,
    columns: usize,
) -> Row<'a> {
    let p = analysis.softmax.probabilities[i];
    let bar = || {
        Cell::from(Span::styled(
            theme.bar(p, bar_width),
            theme.style(Role::Bar),
        ))
    };
    let cell = |v: f64| format::cell(v, usize::from(NUMBER), 4);
    // A value that failed (NaN or infinite) stands out.
    let checked = |v: f64| {
        if v.is_finite() {
            number(cell(v))
        } else {
            Cell::from(Line::from(Span::styled(cell(v), theme.style(Role::Warn))).right_aligned())
        }
    };
    let mut cells = vec![x_cell(app, theme, i)];
    match &analysis.kind {
        Kind::Softmax(SoftmaxExtras { low: Some(low) }) => {
            for (_, forms, _) in &low.models {
                cells.push(checked(forms.probabilities[i]));
                cells.push(checked(forms.naive[i]));
            }
        }
        Kind::Softmax(_) => {
            let last = match &analysis.softmax.target {
                Some(target) => number(cell(target.gradient[i])),
                None => checked(analysis.softmax.naive[i]),
            };
            cells.extend([
                number(cell(p)),
                number(format::percent(p)),
                number(format::cell(
                    analysis.softmax.log_probabilities[i],
                    usize::from(NUMBER),
                    3,
                )),
                last,
            ]);
            cells.truncate(columns);
            cells.push(bar());
        }
        Kind::Function(numbers) => {
            if let Some(low) = &numbers.low {
                let [numpy, torch] = [&low.models[0], &low.models[1]];
                cells.extend([
                    evaluated(&numpy.evaluations[i].0, theme),
                    evaluated(&torch.evaluations[i].0, theme),
                    evaluated(&numpy.evaluations[i].1, theme),
                    evaluated(&torch.evaluations[i].1, theme),
                ]);
            } else {
                cells.extend([
                    number(cell(numbers.outputs[i])),
                    number(cell(numbers.derivatives[i])),
                    number(format::percent(p)),
                ]);
                cells.truncate(columns);
                cells.push(bar());
            }
        }
    }
    cells.truncate(columns + 1);
    Row::new(cells)
}

/// A low-precision value, styled as a warning when it overflowed, underflowed or saturated.
fn evaluated<'a>(evaluation: &Evaluation, theme: &Theme) -> Cell<'a> {
    let text = format::cell(evaluation.value, usize::from(NUMBER), 4);
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
