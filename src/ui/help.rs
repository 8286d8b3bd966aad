//! The help overlay: every key from the one key table, centred over the screen, scrolled to the
//! app's offset, with where it stands in the list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::text::shown;
use crate::app::{HelpView, help_page};
use crate::bindings;
use crate::theme::{Role, Theme};

pub(super) fn render(view: HelpView, theme: &Theme, frame: &mut Frame, area: Rect) {
    let help = bindings::help_lines();
    let key_width = help
        .iter()
        .map(|(k, _)| shown(theme, k).chars().count())
        .max()
        .unwrap_or(0);
    let lines: Vec<Line> = help
        .iter()
        .map(|(keys, what)| {
            if keys.is_empty() {
                // A heading.
                return Line::styled(format!(" {}", shown(theme, what)), theme.style(Role::Dim));
            }
            Line::from(vec![
                Span::styled(
                    format!(" {:<key_width$}  ", shown(theme, keys)),
                    theme.style(Role::Key),
                ),
                Span::raw(shown(theme, what)),
            ])
        })
        .collect();
    let page = help_page(area.height).min(lines.len());
    let last = lines.len().saturating_sub(page);
    let offset = view.offset.min(last);
    let width = lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 3;
    let mut shown_lines: Vec<Line> = lines.into_iter().skip(offset).take(page).collect();
    // Where the page stands, and how to move it, when it does not show everything.
    let position = if last == 0 {
        format!(" all {} lines", help.len())
    } else {
        format!(
            " lines {}-{} of {}: ↑↓ PgUp PgDn Home End",
            offset + 1,
            offset + page,
            help.len()
        )
    };
    shown_lines.push(Line::styled(
        shown(theme, &position),
        theme.style(Role::Dim),
    ));
    let height = shown_lines.len() as u16 + 2;
    let popup = Rect {
        x: area.x + area.width.saturating_sub(width) / 2,
        y: area.y + area.height.saturating_sub(height) / 2,
        width: width.min(area.width),
        height: height.min(area.height),
    };
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .border_set(theme.border())
        .title(Span::styled(
            shown(theme, " keys — Esc or ? closes "),
            theme.style(Role::Formula),
        ));
    frame.render_widget(Paragraph::new(shown_lines).block(block), popup);
}
