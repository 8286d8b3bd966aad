//! Drawing: `render(&App, &Theme, &mut Frame)`, one file per region.
//!
//! Reads the app, asks the kernel (through [`Analysis::new`](crate::analysis::Analysis::new) and
//! [`crate::plot`]) for numbers, computes none itself.

mod canvas;
mod chart;
mod columns;
mod detail;
mod header;
mod help;
mod jacobian;
mod phrases;
mod picker;
mod status;
mod summary;
mod tabs;
mod text;
mod vector;

pub use chart::{draw_curve, samples};
pub use text::{asciify, buffer_to_text, lines_to_text};

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::analysis::Analysis;
use crate::app::{App, Mode};
use crate::keymap::Hit;
use crate::plot::Curve;
use crate::theme::{MarkerKind, Role, Theme};

/// The smallest screen the explorer draws on; below it, a notice says so.
pub const MIN_SIZE: (u16, u16) = (40, 15);
/// From this height on, the header's second line and the key hints are shown.
const ROOMY_HEIGHT: u16 = 22;
/// The fewest rows the chart keeps when the panel is stacked under it.
const MIN_CHART_ROWS: u16 = 7;
/// From this width on, the chart and the vector panel stand side by side.
const SIDE_BY_SIDE_WIDTH: u16 = 96;
/// The vector panel's width when side by side: at least this, or two fifths of a wider screen.
const PANEL_WIDTH: u16 = 52;

/// Where each region of the screen is, for a given app and screen size.
struct Regions {
    tab_bar: Rect,
    header: Rect,
    chart: Rect,
    panel: Rect,
    status: Rect,
    /// The key hints; empty on a short screen.
    hints: Rect,
}

/// The layout, or `None` when the screen is below [`MIN_SIZE`].
fn regions(app: &App, theme: &Theme, area: Rect) -> Option<Regions> {
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        return None;
    }
    // On a short screen the fact line and the key hints give their rows to the chart and panel.
    let roomy = area.height >= ROOMY_HEIGHT;
    // A long message (the reopen command after y) takes up to three rows, on a roomy screen.
    let status_rows = if roomy {
        status::rows(app, theme, area.width)
    } else {
        1
    };
    let [tab_bar, header, main, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(if roomy { 2 } else { 1 }),
        Constraint::Fill(1),
        Constraint::Length(status_rows),
        Constraint::Length(u16::from(roomy)),
    ])
    .areas(area);
    let (chart, panel) = split_main(app, main);
    Some(Regions {
        tab_bar,
        header,
        chart,
        panel,
        status,
        hints,
    })
}

/// Draws the whole screen.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let Some(regions) = regions(app, theme, area) else {
        too_small(theme, frame, area);
        return;
    };
    let analysis = Analysis::new(app, chart::samples(regions.chart.width));
    tabs::render(app, theme, frame, regions.tab_bar);
    header::render(app, &analysis, theme, frame, regions.header);
    chart::render(app, &analysis, theme, frame, regions.chart);
    vector::render(app, &analysis, theme, frame, regions.panel);
    status::render(app, &analysis, theme, frame, regions.status);
    if regions.hints.height > 0 {
        status::render_hints(app, theme, frame, regions.hints);
    }
    match app.mode() {
        Mode::Help(view) => help::render(*view, theme, frame, area),
        Mode::Picker(picker) => picker::render(picker, theme, frame, area),
        Mode::Normal | Mode::Editing(_) => {}
    }
    if !theme.unicode {
        ascii_only(frame.buffer_mut());
    }
}

/// The screen as plain text, drawn for `width` x `height`: what `y` copies.
#[must_use]
pub fn screen_text(app: &App, theme: &Theme, width: u16, height: u16) -> String {
    let area = Rect::new(0, 0, width, height);
    let Ok(mut terminal) = ratatui::Terminal::with_options(
        ratatui::backend::TestBackend::new(width, height),
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(area),
        },
    );
    let Ok(_) = terminal.draw(|frame| render(app, theme, frame));
    buffer_to_text(terminal.backend().buffer(), false)
}

/// `curve` drawn on a `width` x `height` canvas with `marker`, as `actscope plot` prints it.
#[must_use]
pub fn plot_buffer(
    curve: &Curve,
    marker: MarkerKind,
    readout: &str,
    theme: &Theme,
    width: u16,
    height: u16,
) -> Buffer {
    let area = Rect::new(0, 0, width, height);
    let mut buffer = Buffer::empty(area);
    draw_curve(curve, marker, readout, theme, area, &mut buffer);
    if !theme.unicode {
        ascii_only(&mut buffer);
    }
    buffer
}

/// What is at `(column, row)` of a screen of `area`, if a click can pick it.
#[must_use]
pub fn hit_test(app: &App, theme: &Theme, area: Rect, column: u16, row: u16) -> Option<Hit> {
    let regions = regions(app, theme, area)?;
    let at = Position::new(column, row);
    if regions.tab_bar.contains(at) {
        tabs::tab_at(app, regions.tab_bar, column, theme.unicode).map(Hit::Tab)
    } else if regions.panel.contains(at) {
        vector::element_at(app, regions.panel, row).map(Hit::Element)
    } else {
        None
    }
}

/// Chart and panel side by side on a wide screen, stacked on a narrow one.
fn split_main(app: &App, main: Rect) -> (Rect, Rect) {
    if main.width >= SIDE_BY_SIDE_WIDTH {
        let width = PANEL_WIDTH.max(main.width / 5 * 2);
        let [chart, panel] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(width)]).areas(main);
        (chart, panel)
    } else {
        // The panel wants its rows (table + header + borders + summary lines), the chart the rest;
        // the chart keeps at least MIN_CHART_ROWS and half of what is left over.
        let wanted =
            u16::try_from(app.vector().len()).unwrap_or(u16::MAX) + vector::chrome_rows(app);
        let panel_rows = wanted
            .min(main.height.saturating_sub(MIN_CHART_ROWS))
            .max(main.height / 2)
            .min(wanted);
        let [chart, panel] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(panel_rows)]).areas(main);
        (chart, panel)
    }
}

/// Rewrites whatever a widget drew outside ASCII (the chart's axis lines, a stray symbol) so an
/// ASCII terminal shows no mojibake: box drawing to `|`, `-`, `+`, anything else to `?`.
fn ascii_only(buffer: &mut Buffer) {
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buffer[(x, y)];
            if cell.symbol().is_ascii() {
                continue;
            }
            let replacement = match cell.symbol() {
                "│" | "┃" | "║" => "|",
                "─" | "━" | "═" => "-",
                "└" | "┘" | "┌" | "┐" | "├" | "┤" | "┬" | "┴" | "┼" => "+",
                _ => "?",
            };
            cell.set_symbol(replacement);
        }
    }
}

fn too_small(theme: &Theme, frame: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = format!(
        "terminal too small (need {}x{}, have {}x{})",
        MIN_SIZE.0, MIN_SIZE.1, area.width, area.height
    );
    let rows = (text.chars().count().div_ceil(usize::from(area.width)) as u16).min(area.height);
    let paragraph = Paragraph::new(Line::styled(text, theme.style(Role::Error)))
        .wrap(Wrap { trim: true })
        .centered();
    let top = area.y + (area.height - rows) / 2;
    frame.render_widget(paragraph, Rect::new(area.x, top, area.width, rows));
}
