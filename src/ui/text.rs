//! A drawn buffer as plain text, or text with SGR colour sequences, for printing to stdout.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

/// The buffer's rows as lines. Without colour: the symbols only, trailing spaces trimmed. With
/// colour: SGR sequences for the 16 named colours, bold and reverse, reset at the end of each row.
#[must_use]
pub fn buffer_to_text(buffer: &Buffer, color: bool) -> String {
    let area = buffer.area;
    let mut text = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut current = Style::default();
        for x in area.left()..area.right() {
            let cell = &buffer[(x, y)];
            if color {
                let style = visible(cell.style());
                if style != current {
                    line.push_str(&sgr(style));
                    current = style;
                }
            }
            line.push_str(cell.symbol());
        }
        if color {
            if current != Style::default() {
                line.push_str("\x1b[0m");
            }
            text.push_str(&line);
        } else {
            text.push_str(line.trim_end());
        }
        text.push('\n');
    }
    text
}

/// What of a style shows: its colours (`Reset` counts as none), bold and reverse.
fn visible(style: Style) -> Style {
    let colour = |c: Option<Color>| c.filter(|&c| c != Color::Reset);
    Style {
        fg: colour(style.fg),
        bg: colour(style.bg),
        add_modifier: style.add_modifier & (Modifier::BOLD | Modifier::REVERSED),
        ..Style::default()
    }
}

/// The SGR sequence that sets `style` from scratch.
fn sgr(style: Style) -> String {
    let mut codes = vec!["0".to_string()];
    if style.add_modifier.contains(Modifier::BOLD) {
        codes.push("1".into());
    }
    if style.add_modifier.contains(Modifier::REVERSED) {
        codes.push("7".into());
    }
    if let Some(code) = style.fg.and_then(|c| color_code(c, 30)) {
        codes.push(code.to_string());
    }
    if let Some(code) = style.bg.and_then(|c| color_code(c, 40)) {
        codes.push(code.to_string());
    }
    let mut out = String::from("\x1b[");
    let _ = write!(out, "{}m", codes.join(";"));
    out
}

/// The SGR number of a named colour (`base` 30 for foreground, 40 for background).
fn color_code(color: Color, base: u8) -> Option<u8> {
    let (index, bright) = match color {
        Color::Black => (0, false),
        Color::Red => (1, false),
        Color::Green => (2, false),
        Color::Yellow => (3, false),
        Color::Blue => (4, false),
        Color::Magenta => (5, false),
        Color::Cyan => (6, false),
        Color::Gray => (7, false),
        Color::DarkGray => (0, true),
        Color::LightRed => (1, true),
        Color::LightGreen => (2, true),
        Color::LightYellow => (3, true),
        Color::LightBlue => (4, true),
        Color::LightMagenta => (5, true),
        Color::LightCyan => (6, true),
        Color::White => (7, true),
        _ => return None,
    };
    Some(if bright {
        base + 60 + index
    } else {
        base + index
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn plain_and_coloured() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 4, 2));
        buffer.set_string(0, 0, "ab", Style::default().fg(Color::Cyan));
        buffer.set_string(0, 1, "c", Style::default());
        assert_eq!(buffer_to_text(&buffer, false), "ab\nc\n");
        let coloured = buffer_to_text(&buffer, true);
        assert_eq!(coloured, "\x1b[0;36mab\x1b[0m  \nc   \n");
        assert_eq!(color_code(Color::LightRed, 30), Some(91));
    }
}
