//! The help overlay: every key, centred over the screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::keymap;
use crate::theme::{Role, Theme};

pub(super) fn render(theme: &Theme, frame: &mut Frame, area: Rect) {
    let help = keymap::help_lines();
    let key_width = help
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let lines: Vec<Line> = help
        .iter()
        .map(|(keys, what)| {
            let (keys, what) = if theme.unicode {
                ((*keys).to_string(), (*what).to_string())
            } else {
                (
                    keys.replace('←', "left")
                        .replace('→', "right")
                        .replace('↑', "up")
                        .replace('↓', "down"),
                    super::header::asciify(what),
                )
            };
            Line::from(vec![
                Span::styled(format!(" {keys:<key_width$}  "), theme.style(Role::Key)),
                Span::raw(what),
            ])
        })
        .collect();
    // Too tall for the screen: as many as fit, and a line saying what is missing.
    let room = usize::from(area.height.saturating_sub(2));
    let mut lines = lines;
    if lines.len() > room && room > 0 {
        let hidden = lines.len() - room + 1;
        lines.truncate(room - 1);
        lines.push(Line::styled(
            format!(" ... {hidden} more: a taller terminal shows them all"),
            theme.style(Role::Dim),
        ));
    }
    let width = lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 3;
    let height = lines.len() as u16 + 2;
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
            if theme.unicode {
                " keys — Esc or ? closes "
            } else {
                " keys - Esc or ? closes "
            },
            theme.style(Role::Formula),
        ));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
