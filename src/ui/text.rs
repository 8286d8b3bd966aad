//! A drawn buffer as text for stdout: the symbols alone, or with the backend's SGR sequences for
//! their colours (one writer of escape sequences: [`crate::backend`]).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::backend::{Pen, sgr};

/// The buffer's rows as lines, trailing blanks trimmed. With colour: the 16 named colours, bold
/// and reverse as SGR sequences, reset at the end of each row that set any.
#[must_use]
pub fn buffer_to_text(buffer: &Buffer, color: bool) -> String {
    let area = buffer.area;
    let mut text = String::new();
    for y in area.top()..area.bottom() {
        // The row up to its last cell that shows something.
        let end = (area.left()..area.right())
            .rev()
            .find(|&x| {
                let cell = &buffer[(x, y)];
                cell.symbol() != " " || (color && visible(cell.style()) != Pen::default())
            })
            .map_or(area.left(), |x| x + 1);
        let mut pen = Pen::default();
        for x in area.left()..end {
            let cell = &buffer[(x, y)];
            if color {
                let wanted = visible(cell.style());
                if wanted != pen {
                    text.push_str(&sgr(pen, wanted));
                    pen = wanted;
                }
            }
            text.push_str(cell.symbol());
        }
        if pen != Pen::default() {
            text.push_str(&sgr(pen, Pen::default()));
        }
        text.push('\n');
    }
    text
}

/// `lines` laid out `width` columns wide, as [`buffer_to_text`] prints them.
#[must_use]
pub fn lines_to_text(lines: &[Line], width: u16, color: bool) -> String {
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let mut buffer = Buffer::empty(Rect::new(0, 0, width, height));
    for (row, line) in lines.iter().enumerate() {
        let row = u16::try_from(row).unwrap_or(u16::MAX);
        line.clone()
            .render(Rect::new(0, row, width, 1), &mut buffer);
    }
    buffer_to_text(&buffer, color)
}

/// What of a style shows on stdout: its colours (`Reset` counts as none), bold and reverse.
fn visible(style: Style) -> Pen {
    let colour = |c: Option<Color>| c.unwrap_or(Color::Reset);
    Pen {
        fg: colour(style.fg),
        bg: colour(style.bg),
        modifier: style.add_modifier & (Modifier::BOLD | Modifier::REVERSED),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Span;

    #[test]
    fn plain_and_coloured() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 4, 2));
        buffer.set_string(0, 0, "ab", Style::default().fg(Color::Cyan));
        buffer.set_string(0, 1, "c", Style::default());
        assert_eq!(buffer_to_text(&buffer, false), "ab\nc\n");
        assert_eq!(buffer_to_text(&buffer, true), "\x1b[36mab\x1b[39m\nc\n");
        let bold = Style::default()
            .add_modifier(Modifier::BOLD)
            .fg(Color::LightRed);
        buffer.set_string(0, 1, "c", bold);
        assert_eq!(
            buffer_to_text(&buffer, true),
            "\x1b[36mab\x1b[39m\n\x1b[1;91mc\x1b[0m\n"
        );
    }

    #[test]
    fn lines_lay_out_and_trim() {
        let lines = [
            Line::from(vec![
                Span::raw("x0  "),
                Span::styled("██", Style::default().fg(Color::Green)),
            ]),
            Line::from("x1"),
        ];
        assert_eq!(lines_to_text(&lines, 10, false), "x0  ██\nx1\n");
        assert_eq!(
            lines_to_text(&lines, 10, true),
            "x0  \x1b[32m██\x1b[39m\nx1\n"
        );
    }
}
