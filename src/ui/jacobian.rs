//! The softmax Jacobian `∂p_i/∂x_j = p_i(δ_ij - p_j)/T` as a table, in place of the chart.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Row, Table};

use crate::analysis::Analysis;
use crate::format;
use crate::theme::{Role, Theme};

/// Width of one column of the table.
const COLUMN: u16 = 9;

pub(super) fn render(
    analysis: &Analysis,
    jacobian: &[f64],
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let n = analysis.softmax.probabilities.len();
    let fits = usize::from(area.width.saturating_sub(2 + 5) / (COLUMN + 1)).max(1);
    let shown = n.min(fits);
    let formula = if theme.unicode {
        "∂p_i/∂x_j = p_i(δij - p_j)/T"
    } else {
        "dp_i/dx_j = p_i(d_ij - p_j)/T"
    };
    let title = if shown < n {
        format!(" Jacobian {formula}, first {shown} of {n} columns ")
    } else {
        format!(" Jacobian {formula}, rows sum to 0 ")
    };
    let block = Block::bordered()
        .border_set(theme.border())
        .border_style(theme.style(Role::Border))
        .title(Span::styled(title, theme.style(Role::Info)));
    let header = Row::new(
        std::iter::once(Cell::from(""))
            .chain((0..shown).map(|j| Cell::from(Line::from(format!("x{j}")).right_aligned()))),
    )
    .style(theme.style(Role::Dim));
    let rows: Vec<Row> = (0..n)
        .map(|i| {
            let label = Cell::from(Span::styled(format!("p{i}"), theme.style(Role::Dim)));
            let values = (0..shown).map(|j| {
                let value = jacobian[i * n + j];
                let style = if i == j {
                    theme.style(Role::Formula)
                } else {
                    theme.style(Role::Info)
                };
                Cell::from(Line::styled(format::short(value, 4), style).right_aligned())
            });
            Row::new(std::iter::once(label).chain(values))
        })
        .collect();
    let mut widths = vec![Constraint::Length(4)];
    widths.extend(std::iter::repeat_n(Constraint::Length(COLUMN), shown));
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(block)
            .column_spacing(1),
        area,
    );
}
