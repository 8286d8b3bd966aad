//! A ratatui backend that writes as few bytes as it can, for slow links.
//!
//! It differs from ratatui's crossterm backend in what it writes, not in what it shows: the 16
//! named colours as classic SGR 30-37/90-97 (crossterm writes `38;5;n`, which needs a
//! 256-colour terminal and costs twice the bytes), one SGR sequence per style change, the
//! shortest cursor move (`ESC[nC` along a row, `ESC[r;cH` elsewhere), no style reset after a frame
//! that ends in the default style, and no cursor hide when it is already hidden. It never asks
//! the terminal anything (no cursor-position query: over SSH each is a round trip).

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

/// The backend; `W` is where the bytes go (a buffered stdout, or a counter in a benchmark).
pub struct AnsiBackend<W: Write> {
    writer: W,
    cursor_hidden: Option<bool>,
}

impl<W: Write> AnsiBackend<W> {
    /// A backend writing to `writer`, assuming nothing about the cursor's visibility.
    pub fn new(writer: W) -> AnsiBackend<W> {
        AnsiBackend {
            writer,
            cursor_hidden: None,
        }
    }

    /// The writer, for sequences the backend does not know (OSC 52).
    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.writer
    }

    /// Records that something else (a suspend, a restore) changed the cursor's visibility.
    pub fn forget_cursor(&mut self) {
        self.cursor_hidden = None;
    }
}

/// A terminal's style state: colours and modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pen {
    /// Foreground colour (`Reset` is the terminal's default).
    pub fg: Color,
    /// Background colour.
    pub bg: Color,
    /// Bold, reverse and the rest.
    pub modifier: Modifier,
}

impl Default for Pen {
    fn default() -> Pen {
        DEFAULT_PEN
    }
}

const DEFAULT_PEN: Pen = Pen {
    fg: Color::Reset,
    bg: Color::Reset,
    modifier: Modifier::empty(),
};

/// The modifiers this backend renders, with their SGR codes.
const MODIFIERS: [(Modifier, &str); 6] = [
    (Modifier::BOLD, "1"),
    (Modifier::DIM, "2"),
    (Modifier::ITALIC, "3"),
    (Modifier::UNDERLINED, "4"),
    (Modifier::REVERSED, "7"),
    (Modifier::CROSSED_OUT, "9"),
];

/// The SGR sequence that takes the terminal from `from` to `to` (empty when they are equal).
#[must_use]
pub fn sgr(from: Pen, to: Pen) -> String {
    if from == to {
        return String::new();
    }
    format!("\x1b[{}m", sgr_codes(from, to).join(";"))
}

/// The SGR parameters that take the terminal from `from` to `to`.
fn sgr_codes(from: Pen, to: Pen) -> Vec<String> {
    let mut codes = Vec::new();
    let mut from = from;
    // Switching a modifier off one by one has no portable code for bold and dim: start over.
    if !to.modifier.contains(from.modifier) {
        codes.push("0".to_string());
        from = DEFAULT_PEN;
    }
    for (modifier, code) in MODIFIERS {
        if to.modifier.contains(modifier) && !from.modifier.contains(modifier) {
            codes.push(code.to_string());
        }
    }
    if to.fg != from.fg {
        codes.push(color_code(to.fg, false));
    }
    if to.bg != from.bg {
        codes.push(color_code(to.bg, true));
    }
    codes
}

/// The SGR parameter for a colour: 30-37 and 90-97 (40-47, 100-107 for the background) for the
/// named ones.
fn color_code(color: Color, background: bool) -> String {
    let base = if background { 40 } else { 30 };
    let named =
        |index: u8, bright: bool| (if bright { base + 60 } else { base } + index).to_string();
    match color {
        Color::Reset => (base + 9).to_string(),
        Color::Black => named(0, false),
        Color::Red => named(1, false),
        Color::Green => named(2, false),
        Color::Yellow => named(3, false),
        Color::Blue => named(4, false),
        Color::Magenta => named(5, false),
        Color::Cyan => named(6, false),
        Color::Gray => named(7, false),
        Color::DarkGray => named(0, true),
        Color::LightRed => named(1, true),
        Color::LightGreen => named(2, true),
        Color::LightYellow => named(3, true),
        Color::LightBlue => named(4, true),
        Color::LightMagenta => named(5, true),
        Color::LightCyan => named(6, true),
        Color::White => named(7, true),
        Color::Indexed(i) => format!("{};5;{i}", base + 8),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
    }
}

impl<W: Write> Backend for AnsiBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut pen = DEFAULT_PEN;
        let mut next: Option<Position> = None;
        let mut out = Vec::with_capacity(1024);
        for (x, y, cell) in content {
            move_cursor(&mut out, next, x, y);
            let wanted = Pen {
                fg: cell.fg,
                bg: cell.bg,
                modifier: cell.modifier,
            };
            if wanted != pen {
                out.extend_from_slice(sgr(pen, wanted).as_bytes());
                pen = wanted;
            }
            out.extend_from_slice(cell.symbol().as_bytes());
            // Where the terminal's cursor is now is only certain after a narrow symbol; after
            // anything else the next cell gets an explicit move.
            next = is_narrow(cell.symbol()).then(|| Position::new(x.saturating_add(1), y));
        }
        if pen != DEFAULT_PEN {
            out.extend_from_slice(b"\x1b[0m");
        }
        self.writer.write_all(&out)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_hidden != Some(true) {
            self.writer.write_all(b"\x1b[?25l")?;
            self.cursor_hidden = Some(true);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_hidden != Some(false) {
            self.writer.write_all(b"\x1b[?25h")?;
            self.cursor_hidden = Some(false);
        }
        Ok(())
    }

    /// Never asks the terminal: the explorer does not need the answer, and over SSH a query is
    /// a round trip (in a bare pty, one that never comes back).
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(Position::ORIGIN)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        write!(self.writer, "\x1b[{};{}H", p.y + 1, p.x + 1)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.writer.write_all(match clear_type {
            ClearType::All => b"\x1b[2J",
            ClearType::AfterCursor => b"\x1b[J",
            ClearType::BeforeCursor => b"\x1b[1J",
            ClearType::CurrentLine => b"\x1b[2K",
            ClearType::UntilNewLine => b"\x1b[K",
        })
    }

    fn size(&self) -> io::Result<Size> {
        let (width, height) = crossterm::terminal::size()?;
        Ok(Size::new(width, height))
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let size = crossterm::terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size::new(size.columns, size.rows),
            pixels: Size::new(size.width, size.height),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// Writes the shortest move from `from` (where the cursor is, if known) to `(x, y)`: nothing,
/// `ESC[nC` along the row, `ESC[nA`/`ESC[nB` up or down plus `ESC[nG` to the column, or the
/// absolute `ESC[r;cH`. Rows are only ever moved relatively and columns absolutely, which stays
/// right even after a write to the last column (where the terminal holds the cursor back).
fn move_cursor(out: &mut Vec<u8>, from: Option<Position>, x: u16, y: u16) {
    let count = |n: u16| if n == 1 { String::new() } else { n.to_string() };
    let absolute = format!("\x1b[{};{}H", y + 1, x + 1);
    let relative = match from {
        Some(p) if p.x == x && p.y == y => Some(String::new()),
        Some(p) if p.y == y && x > p.x => Some(format!("\x1b[{}C", count(x - p.x))),
        Some(p) if p.y != y => {
            let vertical = if y > p.y {
                format!("\x1b[{}B", count(y - p.y))
            } else {
                format!("\x1b[{}A", count(p.y - y))
            };
            let column = if x == p.x {
                String::new()
            } else {
                format!("\x1b[{}G", x + 1)
            };
            Some(vertical + &column)
        }
        _ => None,
    };
    let chosen = match relative {
        Some(relative) if relative.len() < absolute.len() => relative,
        _ => absolute,
    };
    out.extend_from_slice(chosen.as_bytes());
}

/// Whether a symbol certainly takes one column: ASCII, Latin and Greek letters, and the
/// punctuation, arrows, maths, box drawing, blocks, shapes and braille the explorer draws.
fn is_narrow(symbol: &str) -> bool {
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    matches!(u32::from(c),
        0x20..=0x7E | 0xA0..=0x24F | 0x370..=0x3FF | 0x2000..=0x206F | 0x2190..=0x22FF
        | 0x2500..=0x25FF | 0x2800..=0x28FF)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    fn drawn(cells: &[(u16, u16, &str, Style)]) -> String {
        let owned: Vec<(u16, u16, Cell)> = cells
            .iter()
            .map(|&(x, y, s, style)| {
                let mut cell = Cell::default();
                cell.set_symbol(s).set_style(style);
                (x, y, cell)
            })
            .collect();
        let mut backend = AnsiBackend::new(Vec::new());
        backend
            .draw(owned.iter().map(|(x, y, c)| (*x, *y, c)))
            .unwrap();
        String::from_utf8(backend.writer).unwrap()
    }

    #[test]
    fn named_colours_are_classic_sgr() {
        let green = Style::default().fg(Color::Green);
        assert_eq!(drawn(&[(0, 0, "a", green)]), "\x1b[1;1H\x1b[32ma\x1b[0m");
        let grey_on_red = Style::default().fg(Color::DarkGray).bg(Color::Red);
        assert_eq!(
            drawn(&[(2, 1, "b", grey_on_red)]),
            "\x1b[2;3H\x1b[90;41mb\x1b[0m"
        );
        assert_eq!(color_code(Color::Indexed(200), false), "38;5;200");
    }

    #[test]
    fn moves_are_short_and_plain_frames_end_without_a_reset() {
        let plain = Style::default();
        assert_eq!(
            drawn(&[
                (0, 0, "a", plain),
                (1, 0, "b", plain),
                (5, 0, "c", plain),
                (0, 2, "d", plain)
            ]),
            "\x1b[1;1Hab\x1b[3Cc\x1b[3;1Hd"
        );
    }

    #[test]
    fn dropping_a_modifier_starts_the_pen_over() {
        let bold = Style::default()
            .add_modifier(Modifier::BOLD)
            .fg(Color::Cyan);
        let cyan = Style::default().fg(Color::Cyan);
        assert_eq!(
            drawn(&[(0, 0, "a", bold), (1, 0, "b", cyan)]),
            "\x1b[1;1H\x1b[1;36ma\x1b[0;36mb\x1b[0m"
        );
    }

    #[test]
    fn moves_down_a_row_diagonally_cost_three_bytes() {
        let plain = Style::default();
        // After x = 4 the cursor is at 5: the next row's 5 is one ESC[B away; further, the
        // absolute move is shorter; far to the right, a row and a column beat it.
        assert_eq!(
            drawn(&[(4, 0, "a", plain), (5, 1, "b", plain), (5, 3, "c", plain)]),
            "\x1b[1;5Ha\x1b[Bb\x1b[4;6Hc"
        );
        assert_eq!(
            drawn(&[(120, 140, "a", plain), (130, 141, "b", plain)]),
            "\x1b[141;121Ha\x1b[B\x1b[131Gb"
        );
    }

    #[test]
    fn after_a_wide_symbol_the_next_cell_is_placed_explicitly() {
        let plain = Style::default();
        assert_eq!(
            drawn(&[(0, 0, "漢", plain), (2, 0, "a", plain)]),
            "\x1b[1;1H漢\x1b[1;3Ha"
        );
    }

    #[test]
    fn the_cursor_is_hidden_once_and_never_queried() {
        let mut backend = AnsiBackend::new(Vec::new());
        backend.hide_cursor().unwrap();
        backend.hide_cursor().unwrap();
        assert_eq!(backend.get_cursor_position().unwrap(), Position::ORIGIN);
        backend.show_cursor().unwrap();
        assert_eq!(backend.writer, b"\x1b[?25l\x1b[?25h");
    }
}
