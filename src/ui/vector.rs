//! The input-vector panel: a row per element, then the selected element's numbers and the summary.
//!
//! A row holds the element's label, its value, the numbers the tab and panel show, and a bar; the
//! selected element's numbers are shown whole below the rows, then the summary lines. Long vectors
//! scroll: only the rows on screen are built, the selected one kept in view, and a line under them
//! says how many are hidden and how much probability they hold. Every number goes through
//! [`format::cell`] or [`format::percent`], so none is cut.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

use super::columns::{self, Bars, NUMBER};
use super::text::shown;
use super::{detail, summary};
use crate::analysis::Analysis;
use crate::app::{App, Mode, Origin, Sort, Tab};
use crate::format::{self, grouped};
use crate::kernel::precision::Precision;
use crate::theme::{Role, Theme};

/// Rows the panel needs besides one per element: borders, the header, two summary lines.
const CHROME_ROWS: u16 = 5;

/// Rows the panel needs besides one per element: [`CHROME_ROWS`], a second header row over
/// the Softmax tab's models, and in a lower precision two more summary lines for what broke.
pub(super) fn chrome_rows(app: &App) -> u16 {
    CHROME_ROWS + header_rows(app) - 1 + if low_precision(app) { 2 } else { 0 }
}

/// Whether the panel shows a lower precision's models (every tab but the formula's).
fn low_precision(app: &App) -> bool {
    app.view().precision != Precision::F64 && app.tab() != Tab::Formula
}

/// The table's header rows: two where each framework model's name stands over its forms (the
/// Softmax tab in a lower precision, at T > 0), else one.
fn header_rows(app: &App) -> u16 {
    let models = app.shape().is_none()
        && app.view().precision != Precision::F64
        && !app.params().temperature().is_argmax();
    if models { 2 } else { 1 }
}

/// The narrowest a bar gets where there is one.
const BAR_MIN: u16 = 12;

/// The panel's regions inside its borders: the table, the selected element's details, the
/// summary.
struct Areas {
    table: Rect,
    detail: Rect,
    summary: Rect,
}

/// The areas for a summary of `summary_lines`: as many as fit below every row, at least two;
/// one when the panel is tight. In a lower precision, what broke (every line but the first) is
/// read whole: the table scrolls to make room for it, keeping its header, a row and the line
/// that counts the hidden ones.
fn areas(app: &App, inner: Rect, summary_lines: u16) -> Areas {
    let rows = u16::try_from(app.vector().len()).unwrap_or(u16::MAX);
    let header = header_rows(app);
    let full = rows.saturating_add(header);
    let spare = inner.height.saturating_sub(full);
    let summary_rows = if low_precision(app) {
        let must = summary_lines.saturating_sub(1);
        let most = inner.height.saturating_sub(header + 2);
        summary_lines.min(spare.max(must)).min(most).max(1)
    } else if spare >= 2 {
        summary_lines.clamp(2, spare)
    } else {
        1
    };
    let table_rows = full.min(inner.height.saturating_sub(summary_rows).max(header + 1));
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

/// The rows the summary's lines may take: two (one when the rows leave no more), and below the
/// rows those the selected element's `detail` lines (and the blank before them) leave free,
/// or all of them when the details do not fit anyway.
fn summary_room(app: &App, inner: Rect, detail: usize) -> usize {
    let full = u16::try_from(app.vector().len())
        .unwrap_or(u16::MAX)
        .saturating_add(header_rows(app));
    let mut spare = usize::from(inner.height.saturating_sub(full));
    if low_precision(app) {
        // No more than [`areas`] gives the summary: the table keeps its header, a row and the
        // line that counts the hidden ones.
        spare = spare.min(usize::from(
            inner.height.saturating_sub(header_rows(app) + 2),
        ));
    }
    if spare < 2 {
        return 1;
    }
    let beside_detail = spare.saturating_sub(detail + 1);
    if beside_detail >= 2 {
        beside_detail
    } else {
        spare
    }
}

/// The rows the table shows: from row `offset`, `shown` of them, and whether a line under them
/// tells of the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Window {
    offset: usize,
    shown: usize,
    more: bool,
}

/// The window of rows for a table area: every row when they fit; else all but one line, the
/// selected row kept near the middle.
fn window(app: &App, table: Rect) -> Window {
    let n = app.vector().len();
    let visible = usize::from(table.height.saturating_sub(header_rows(app)));
    if n <= visible {
        return Window {
            offset: 0,
            shown: n,
            more: false,
        };
    }
    let more = visible >= 2;
    let shown = if more { visible - 1 } else { visible };
    let row = app.row_of(app.vector().selected());
    let offset = row.saturating_sub(shown / 2).min(n - shown);
    Window {
        offset,
        shown,
        more,
    }
}

/// The element shown on screen row `y` of the panel, if any.
pub(super) fn element_at(app: &App, area: Rect, y: u16) -> Option<usize> {
    // Where the rows start does not depend on the summary's length.
    let table = areas(app, Block::bordered().inner(area), 2).table;
    let window = window(app, table);
    let first_row = table.y + header_rows(app);
    let row = usize::from(y.checked_sub(first_row)?);
    (row < window.shown).then(|| app.element_at_row(window.offset + row))
}

/// The widths of the leading columns: the first (pointer, mark, and the label or the value) and,
/// with labels, the value's.
fn lead_widths(app: &App, theme: &Theme, width: u16) -> (u16, Option<(u16, u16)>) {
    let Some(longest) = longest_name(app, theme) else {
        return (NUMBER + 2, None);
    };
    let cap = usize::from((width / 6).max(6));
    // At least as wide as the title, "label" or "element".
    let label = u16::try_from(longest.clamp(7, cap.max(7))).unwrap_or(7);
    let longest = u16::try_from(longest.max(7)).unwrap_or(u16::MAX);
    (label + 2, Some((NUMBER, longest + 2)))
}

/// The widest name the rows show, when they show names: the labels, or (listed by probability,
/// where a row's place no longer tells its index) `x0`, `x1`, ...
fn longest_name(app: &App, theme: &Theme) -> Option<usize> {
    let vector = app.vector();
    match vector.labels() {
        Some(labels) => labels
            .iter()
            .map(|label| Span::raw(shown(theme, label)).width())
            .max(),
        None if app.sort() == Sort::Probability => Some(vector.name(vector.len() - 1).len()),
        None => None,
    }
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
    let width = usize::from(inner.width);
    let detail = detail::detail(app, analysis, theme, width);
    let rows = summary_room(app, inner, detail.len());
    let mut summary = summary::summary(app, analysis, theme, width, rows);
    let areas = areas(app, inner, u16::try_from(summary.len()).unwrap_or(u16::MAX));
    // Short of rows in a lower precision, what broke matters more than the sums above it.
    if summary.len() > usize::from(areas.summary.height) && app.view().precision != Precision::F64 {
        summary.remove(0);
    }
    render_table(app, analysis, theme, frame, areas.table);

    // The details only when they fit whole (a blank line first, to set them apart).
    if detail.len() < usize::from(areas.detail.height) {
        let mut lines = vec![Line::default()];
        lines.extend(detail);
        frame.render_widget(Paragraph::new(lines), areas.detail);
    }
    frame.render_widget(Paragraph::new(summary), areas.summary);
}

fn render_table(app: &App, analysis: &Analysis, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (mut first, names) = lead_widths(app, theme, area.width);
    let value = names.map(|(value, _)| value);
    let mut columns = columns::columns(app, analysis, theme);
    let bars = columns::bars(app, analysis);
    // The number columns that fit whole, in their order of importance, beside a bar of at
    // least BAR_MIN (or three tenths of the room); the bar takes the rest.
    let lead = first + value.map_or(0, |w| w + 1);
    let room = area.width.saturating_sub(lead);
    let bar_reserve = if bars.is_some() {
        BAR_MIN.max(room * 3 / 10) + 1
    } else {
        0
    };
    let mut used = 0;
    let widths: Vec<u16> = columns
        .iter()
        .map(|column| {
            let longest = column.title.lines().map(|l| l.chars().count()).max();
            column
                .width
                .max(u16::try_from(longest.unwrap_or(0)).unwrap_or(NUMBER))
        })
        .take_while(|&w| {
            used += w + 1;
            used + bar_reserve <= room
        })
        .collect();
    columns.truncate(widths.len());
    // Room the number columns leave beside the bar's share goes to long names.
    if let Some((_, wanted)) = names {
        let spare = room.saturating_sub(widths.iter().map(|w| w + 1).sum::<u16>() + bar_reserve);
        first += spare.min(wanted.saturating_sub(first));
    }
    let fixed = first + value.map_or(0, |w| w + 1) + widths.iter().map(|w| w + 1).sum::<u16>();
    let bar_width = usize::from(area.width.saturating_sub(fixed + 1));
    let bars = titled_bars(analysis, &columns, bars, bar_width);
    let mut constraints = vec![Constraint::Length(first)];
    constraints.extend(value.map(Constraint::Length));
    constraints.extend(widths.iter().map(|&w| Constraint::Length(w)));
    // The bar's column only where there is a bar: an empty one's spacing would squeeze the
    // columns that fill the width (the x column lost its last character, `-1.23e-`).
    if bars.is_some() {
        constraints.push(Constraint::Fill(1));
    }

    let window = window(app, area);
    let selected = app.vector().selected();
    let rows: Vec<Row> = (window.offset..window.offset + window.shown)
        .map(|row| {
            let i = app.element_at_row(row);
            let mark = columns::removed_mark(analysis, app, i);
            let mut cells = lead_cells(app, theme, (i, names.is_some()), first, mark);
            cells.extend(columns.iter().map(|column| (column.cell)(i)));
            if let Some(bars) = &bars {
                cells.push(bar_cell(bars, theme, i, bar_width));
            }
            let row = Row::new(cells);
            if mark.is_some() && i != selected {
                row.style(theme.style(Role::Dim))
            } else {
                row
            }
        })
        .collect();
    let header = header_row(
        app,
        theme,
        (value.is_some(), &columns),
        bars.as_ref(),
        bar_width,
    );
    let header_height = header_rows(app);
    let table = Table::new(rows, constraints)
        .header(header.height(header_height).style(theme.style(Role::Dim)))
        .column_spacing(1)
        .row_highlight_style(theme.style(Role::Selected));
    let selected_row = app.row_of(selected).checked_sub(window.offset);
    let mut state = TableState::default().with_selected(selected_row);
    let height = u16::try_from(window.shown).map_or(area.height, |n| n + header_height);
    let table_area = Rect {
        height: height.min(area.height),
        ..area
    };
    frame.render_stateful_widget(table, table_area, &mut state);
    if window.more {
        let line = more_line(app, analysis, window);
        let y = table_area.bottom();
        if y < area.bottom() {
            let text = shown(theme, &line);
            frame.render_widget(
                Paragraph::new(Line::styled(format!("  {text}"), theme.style(Role::Dim))),
                Rect::new(area.x, y, area.width, 1),
            );
        }
    }
}

/// The bars as the width allows them: a function tab's bars named when their number column did
/// not fit; a pair whose titles do not fit over its halves made one bar of the after (titled, if
/// that fits), as two bars no one can tell apart teach nothing.
fn titled_bars<'a>(
    analysis: &Analysis,
    columns: &[columns::Column],
    bars: Option<Bars<'a>>,
    bar_width: usize,
) -> Option<Bars<'a>> {
    let mut bars = bars.filter(|_| bar_width > 0)?;
    if matches!(analysis.kind, crate::analysis::Kind::Function(_))
        && !columns.iter().any(|c| c.title == "softmax")
    {
        bars.single = Some("softmax".to_string());
    }
    let half = bar_width.saturating_sub(1) / 2;
    if let Some((before, after)) = &bars.title
        && before.chars().count().max(after.chars().count()) + 1 > half
    {
        bars.single = (after.chars().count() < bar_width).then(|| after.clone());
        bars.before = None;
        bars.title = None;
    }
    Some(bars)
}

/// The titles: the names' (label, or element when listed by probability) or the value's, the
/// value's, each number column's, and the bars'.
fn header_row(
    app: &App,
    theme: &Theme,
    (named, columns): (bool, &[columns::Column]),
    bars: Option<&Bars>,
    bar_width: usize,
) -> Row<'static> {
    // Over two rows (a model's name over its forms), the first titles stand on the second.
    let lead = if columns.iter().any(|c| c.title.contains('\n')) {
        "\n"
    } else {
        ""
    };
    let mut header = vec![Cell::from(match (named, app.vector().labels()) {
        (false, _) => format!("{lead}  x"),
        (true, Some(_)) => format!("{lead}  label"),
        (true, None) => format!("{lead}  element"),
    })];
    if named {
        header.push(title(&format!("{lead}x")));
    }
    header.extend(columns.iter().map(|column| title(&column.title)));
    if let Some(title) = bars.and_then(|b| b.title.as_ref()) {
        header.push(pair_title(title, bar_width, theme));
    } else if let Some(title) = bars.and_then(|b| b.single.as_ref()) {
        let edge = if theme.unicode { '▏' } else { '|' };
        header.push(Cell::from(format!("{edge}{title}")));
    }
    Row::new(header)
}

/// A number column's title, each of its lines right-aligned.
fn title(text: &str) -> Cell<'static> {
    let lines: Vec<Line<'static>> = text
        .split('\n')
        .map(|line| Line::from(line.to_string()).right_aligned())
        .collect();
    Cell::from(ratatui::text::Text::from(lines))
}

/// The first cells of element `i`'s row: the pointer (or the filter mark), then the label and
/// the value (or the value alone, or the edit field).
fn lead_cells(
    app: &App,
    theme: &Theme,
    (i, named): (usize, bool),
    first: u16,
    mark: Option<char>,
) -> Vec<Cell<'static>> {
    let selected = i == app.vector().selected();
    // The pointer on the selected row; on another, the letter of the filter that removed it.
    let lead = if selected {
        format!("{} ", theme.pointer())
    } else {
        format!("{} ", mark.unwrap_or(' '))
    };
    let value = x_cell(app, theme, i, selected);
    if named {
        let name = app.vector().name(i);
        let label = fit_label(&shown(theme, &name), usize::from(first - 2), theme);
        vec![Cell::from(format!("{lead}{label}")), value]
    } else {
        let mut line = Line::from(lead);
        line.spans.extend(value_spans(app, theme, i, selected));
        vec![Cell::from(line)]
    }
}

/// The value cell of a labelled row.
fn x_cell(app: &App, theme: &Theme, i: usize, selected: bool) -> Cell<'static> {
    let spans = value_spans(app, theme, i, selected);
    Cell::from(Line::from(spans).right_aligned())
}

/// The value as typed where it fits, or the edit field scrolled to its cursor.
fn value_spans(app: &App, theme: &Theme, i: usize, selected: bool) -> Vec<Span<'static>> {
    match (app.mode(), selected) {
        (Mode::Editing(edit), true) if edit.origin != Origin::Formula => {
            let role = if edit.error.is_some() {
                Role::Error
            } else {
                Role::Key
            };
            let (shown, cursor) = edit.window(usize::from(NUMBER));
            if edit.fresh {
                // Pre-filled and not yet touched: shown selected, as the first key replaces it.
                return vec![
                    Span::styled(shown, theme.style(Role::Cursor)),
                    Span::raw(" "),
                ];
            }
            let before: String = shown.chars().take(cursor).collect();
            let under: String = shown.chars().nth(cursor).map_or(" ".into(), String::from);
            let after: String = shown.chars().skip(cursor + 1).collect();
            vec![
                Span::styled(before, theme.style(role)),
                Span::styled(under, theme.style(Role::Cursor)),
                Span::styled(after, theme.style(role)),
            ]
        }
        _ => vec![Span::raw(format::input_value(
            app.vector().values()[i],
            usize::from(NUMBER),
        ))],
    }
}

/// `label` in at most `width` columns: whole, or cut with `…` (`~` in ASCII) where it is
/// longer. The detail below the table shows it whole.
fn fit_label(label: &str, width: usize, theme: &Theme) -> String {
    if Span::raw(label).width() <= width {
        return label.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    let mut buffer = [0; 4];
    for c in label.chars() {
        let w = Span::raw(&*c.encode_utf8(&mut buffer)).width();
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push(if theme.unicode { '…' } else { '~' });
    out
}

/// The bar of element `i`, or its before and after pair (before dim, on the left).
fn bar_cell(bars: &Bars, theme: &Theme, i: usize, width: usize) -> Cell<'static> {
    match bars.before {
        None => Cell::from(Span::styled(
            theme.bar(bars.after[i], width),
            theme.style(Role::Bar),
        )),
        Some(before) => {
            let half = width.saturating_sub(1) / 2;
            Cell::from(Line::from(vec![
                Span::styled(
                    format!("{:<half$}", theme.bar(before[i], half)),
                    theme.style(Role::Dim),
                ),
                Span::raw(" "),
                Span::styled(theme.bar(bars.after[i], half), theme.style(Role::Bar)),
            ]))
        }
    }
}

/// The titles of a pair of bars over their halves, when they fit, each led by a bar's edge so
/// they do not read as the number columns' titles (`▏T=1   ▏final`).
fn pair_title(title: &(String, String), width: usize, theme: &Theme) -> Cell<'static> {
    let half = width.saturating_sub(1) / 2;
    let edge = if theme.unicode { '▏' } else { '|' };
    let (before, after) = (format!("{edge}{}", title.0), format!("{edge}{}", title.1));
    if before.chars().count() > half || after.chars().count() > half {
        return Cell::from("");
    }
    Cell::from(format!("{before:<half$} {after}"))
}

/// How many rows are hidden above and below the window, and the probability they hold.
fn more_line(app: &App, analysis: &Analysis, window: Window) -> String {
    let n = app.vector().len();
    let mass = |rows: std::ops::Range<usize>| format::percent(analysis.rows_mass(app, rows));
    let end = window.offset + window.shown;
    let above = (window.offset > 0).then(|| {
        format!(
            "{} above: {}",
            grouped(window.offset),
            mass(0..window.offset)
        )
    });
    let below = (end < n).then(|| {
        let word = if above.is_some() { "below" } else { "more" };
        format!("{} {word}: {}", grouped(n - end), mass(end..n))
    });
    let line = [above, below]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("   ");
    // Beside a lower precision's columns, the mass is still f64's softmax: said so.
    if low_precision(app) {
        format!("{line} in f64")
    } else {
        line
    }
}
