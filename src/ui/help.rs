//! The help overlay: every key from the one key table, over the whole screen.
//!
//! Scrolled to the app's offset, with where it stands in the list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::text::{fit_words, shown};
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
    // The whole screen: every key line fitted to its width by whole words.
    let room = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line> = help
        .iter()
        .map(|(keys, what)| {
            if keys.is_empty() {
                // A heading.
                let heading = fit_words(&shown(theme, what), room.saturating_sub(1), theme.unicode);
                return Line::styled(
                    format!(" {}", heading.unwrap_or_default()),
                    theme.style(Role::Dim),
                );
            }
            let what = shown(theme, what);
            let what_room = room.saturating_sub(key_width + 3);
            Line::from(vec![
                Span::styled(
                    format!(" {:<key_width$}  ", shown(theme, keys)),
                    theme.style(Role::Key),
                ),
                Span::raw(fit_words(&what, what_room, theme.unicode).unwrap_or_default()),
            ])
        })
        .collect();
    let page = help_page(area.height).min(lines.len());
    let last = lines.len().saturating_sub(page);
    let offset = view.offset.min(last);
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
    let position = fit_words(&shown(theme, &position), room, theme.unicode).unwrap_or_default();
    shown_lines.push(Line::styled(position, theme.style(Role::Dim)));
    let popup = area;
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .border_set(theme.border())
        .title(Span::styled(
            shown(theme, " keys — Esc or ? closes "),
            theme.style(Role::Formula),
        ));
    frame.render_widget(Paragraph::new(shown_lines).block(block), popup);
}
