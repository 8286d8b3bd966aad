//! The softmax Jacobian `∂p_i/∂x_j = p_i(δ_ij - p_j)/T` as a table, in place of the chart.
//!
//! The rows and columns of the elements the panel lists first, as many as fit.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Row, Table};

use super::text::{fit_words, shown};
use crate::analysis::JacobianBlock;
use crate::app::App;
use crate::format;
use crate::theme::{Role, Theme};

/// Width of one column of the table: every number fits whole ([`format::cell`]).
const COLUMN: u16 = 9;
/// Width of the row labels.
const LABEL: u16 = 6;

pub(super) fn render(
    app: &App,
    block_of: &JacobianBlock,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let n = app.vector().len();
    let k = block_of.elements.len();
    let fits = usize::from(area.width.saturating_sub(2 + LABEL + 1) / (COLUMN + 1)).max(1);
    let columns = k.min(fits);
    let rows_fit = usize::from(area.height.saturating_sub(3));
    let rows_shown = k.min(rows_fit);
    let formula = if theme.unicode {
        "∂p_i/∂x_j = p_i(δij - p_j)/T"
    } else {
        "dp_i/dx_j = p_i(d_ij - p_j)/T"
    };
    let extent = if columns < n || rows_shown < n {
        format!(", {rows_shown} x {columns} of {n} x {n}")
    } else {
        ", rows sum to 0".to_string()
    };
    let room = usize::from(area.width.saturating_sub(4));
    let title =
        fit_words(&format!("Jacobian {formula}{extent}"), room, theme.unicode).unwrap_or_default();
    let block = Block::bordered()
        .border_set(theme.border())
        .border_style(theme.style(Role::Border))
        .title(Span::styled(format!(" {title} "), theme.style(Role::Info)));
    let name = |i: usize| {
        let name = shown(theme, &app.vector().name(i));
        let width = usize::from(LABEL);
        if name.chars().count() > width {
            let cut: String = name.chars().take(width - 1).collect();
            format!("{cut}{}", if theme.unicode { '…' } else { '~' })
        } else {
            name
        }
    };
    let header = Row::new(
        std::iter::once(Cell::from("")).chain(
            block_of.elements[..columns]
                .iter()
                .map(|&j| Cell::from(Line::from(name(j)).right_aligned())),
        ),
    )
    .style(theme.style(Role::Dim));
    let rows: Vec<Row> = (0..rows_shown)
        .map(|a| {
            let i = block_of.elements[a];
            let label = Cell::from(Span::styled(name(i), theme.style(Role::Dim)));
            let values = (0..columns).map(|b| {
                let value = block_of.values[a * k + b];
                let style = if a == b {
                    theme.style(Role::Formula)
                } else {
                    theme.style(Role::Info)
                };
                let text = format::cell(value, usize::from(COLUMN), 4);
                Cell::from(Line::styled(text, style).right_aligned())
            });
            Row::new(std::iter::once(label).chain(values))
        })
        .collect();
    let mut widths = vec![Constraint::Length(LABEL)];
    widths.extend(std::iter::repeat_n(Constraint::Length(COLUMN), columns));
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(block)
            .column_spacing(1),
        area,
    );
}
