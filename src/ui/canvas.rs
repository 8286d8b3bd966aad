//! A lean x-y plot widget.
//!
//! A frame with a title and a readout, tick labels, axis lines, curves in braille, half blocks or
//! ASCII, and character marks on top.
//!
//! ratatui's Chart paints every dataset on its own full-size layer and styles every cell of its
//! area; at 200x60 that cost 0.55 ms a frame. This widget touches only the cells it draws on.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::format;
use crate::plot::{self, Band, BandKind};
use crate::theme::MarkerKind;
use crate::theme::{Role, Theme};

/// How a series is drawn: three patterns that tell curves apart without colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stroke {
    /// Consecutive points joined by lines.
    Solid,
    /// The points alone.
    Dotted,
    /// Joined in runs of four segments, four left out.
    Dashed,
}

/// Segments drawn and left out in turn by a dashed stroke.
const DASH: usize = 4;

/// One curve.
pub struct Series<'a> {
    /// Its points; non-finite ones are skipped.
    pub points: &'a [(f64, f64)],
    /// Its style (colour).
    pub style: Style,
    /// Solid or dotted.
    pub stroke: Stroke,
    /// The ASCII character for it.
    pub ascii: char,
}

/// A character at a data point, drawn over the curves.
pub struct Mark {
    /// Where.
    pub at: (f64, f64),
    /// What.
    pub symbol: char,
    /// How.
    pub style: Style,
}

/// The whole plot.
pub struct Plot<'a> {
    /// Title along the top border: pieces (name, legend entries) shown whole while they fit,
    /// the first always.
    pub title: Vec<Span<'a>>,
    /// Text along the bottom border.
    pub readout: Line<'a>,
    /// The x window.
    pub x: (f64, f64),
    /// The y window.
    pub y: (f64, f64),
    /// Curves, drawn in order (later ones win a shared cell's colour).
    pub series: Vec<Series<'a>>,
    /// Marks, drawn last.
    pub marks: Vec<Mark>,
    /// x ranges marked along the x axis, under the graph (saturated or dead regions).
    pub bands: Vec<Band>,
    /// The style of the bands.
    pub band_style: Style,
    /// Braille, half blocks or ASCII.
    pub marker: MarkerKind,
    /// The look.
    pub theme: &'a Theme,
}

/// Dots per cell across and down, for a marker.
fn resolution(marker: MarkerKind) -> (usize, usize) {
    match marker {
        MarkerKind::Braille => (2, 4),
        MarkerKind::HalfBlock => (1, 2),
        MarkerKind::Ascii => (1, 1),
    }
}

/// The braille bit of the dot at column `dx` (0-1), row `dy` (0-3) of a cell.
const BRAILLE_BITS: [[u8; 4]; 2] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]];

impl Widget for Plot<'_> {
    fn render(self, area: Rect, buffer: &mut Buffer) {
        let area = area.intersection(buffer.area);
        if area.width < 3 || area.height < 3 {
            return;
        }
        // What the terminal can show: no braille on the Linux console, ASCII without UTF-8.
        let markers = self.theme.markers();
        let marker = if markers.contains(&self.marker) {
            self.marker
        } else {
            markers.first().copied().unwrap_or(MarkerKind::Ascii)
        };
        draw_frame(&self, area, buffer);
        let inner = Rect::new(area.x + 1, area.y + 1, area.width - 2, area.height - 2);
        let y_ticks = if inner.height >= 8 { 3 } else { 2 };
        let y_labels = labels(self.y, y_ticks);
        let label_width = y_labels
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0) as u16;
        // Label column, axis line, then the graph; two rows for the x axis and its labels.
        if inner.width <= label_width + 2 || inner.height < 3 {
            return;
        }
        let graph = Rect::new(
            inner.x + label_width + 1,
            inner.y,
            inner.width - label_width - 1,
            inner.height - 2,
        );
        draw_axes(&self, inner, graph, &y_labels, label_width, buffer);
        draw_bands(&self, graph, buffer);
        draw_series(&self, graph, marker, buffer);
        for mark in &self.marks {
            // The cell of the mark's own dot, as the curve through it was drawn.
            if let Some((column, row)) = cell_of(mark.at, self.x, self.y, graph, marker) {
                buffer[(column, row)]
                    .set_char(if self.theme.unicode || mark.symbol.is_ascii() {
                        mark.symbol
                    } else {
                        '@'
                    })
                    .set_style(mark.style);
            }
        }
    }
}

fn labels(window: (f64, f64), count: usize) -> Vec<String> {
    format::ticks(&plot::ticks(window.0, window.1, count))
}

fn draw_frame(plot: &Plot, area: Rect, buffer: &mut Buffer) {
    let border = plot.theme.border();
    let style = plot.theme.style(Role::Border);
    let (left, right) = (area.left(), area.right() - 1);
    let (top, bottom) = (area.top(), area.bottom() - 1);
    for x in left + 1..right {
        buffer[(x, top)]
            .set_symbol(border.horizontal_top)
            .set_style(style);
        buffer[(x, bottom)]
            .set_symbol(border.horizontal_bottom)
            .set_style(style);
    }
    for y in top + 1..bottom {
        buffer[(left, y)]
            .set_symbol(border.vertical_left)
            .set_style(style);
        buffer[(right, y)]
            .set_symbol(border.vertical_right)
            .set_style(style);
    }
    buffer[(left, top)]
        .set_symbol(border.top_left)
        .set_style(style);
    buffer[(right, top)]
        .set_symbol(border.top_right)
        .set_style(style);
    buffer[(left, bottom)]
        .set_symbol(border.bottom_left)
        .set_style(style);
    buffer[(right, bottom)]
        .set_symbol(border.bottom_right)
        .set_style(style);
    let room = area.width.saturating_sub(2);
    // The title's pieces whole while they fit (the first always, shortened only if alone).
    let mut used = 0;
    let mut spans = Vec::new();
    for (i, span) in plot.title.iter().enumerate() {
        let width = span.width();
        if used + width > usize::from(room) {
            if i == 0 {
                let fitted =
                    super::text::fit_words(&span.content, usize::from(room), plot.theme.unicode);
                spans.extend(fitted.map(|text| Span::styled(text, span.style)));
            }
            break;
        }
        used += width;
        spans.push(span.clone());
    }
    buffer.set_line(left + 1, top, &Line::from(spans), room);
    buffer.set_line(left + 1, bottom, &plot.readout, room);
}

fn draw_axes(
    plot: &Plot,
    inner: Rect,
    graph: Rect,
    y_labels: &[String],
    label_width: u16,
    buffer: &mut Buffer,
) {
    let style = plot.theme.style(Role::Dim);
    let (vertical, horizontal, corner) = if plot.theme.unicode {
        ("│", "─", "└")
    } else {
        ("|", "-", "+")
    };
    let axis_x = graph.x - 1;
    let axis_y = graph.bottom();
    for y in graph.top()..graph.bottom() {
        buffer[(axis_x, y)].set_symbol(vertical).set_style(style);
    }
    for x in graph.left()..graph.right() {
        buffer[(x, axis_y)].set_symbol(horizontal).set_style(style);
    }
    buffer[(axis_x, axis_y)].set_symbol(corner).set_style(style);
    // y labels: the top one on the first row, the bottom one on the last, the middle between.
    let rows = graph.height.saturating_sub(1);
    let last = y_labels.len().saturating_sub(1).max(1);
    for (i, label) in y_labels.iter().enumerate() {
        let offset = (u32::from(rows) * (last - i) as u32 / last as u32) as u16;
        let row = graph.top() + offset;
        let x = inner.x + label_width - label.chars().count() as u16;
        buffer.set_string(x, row, label, style);
    }
    // x labels under the axis: the first left-aligned, the last right-aligned, the rest centred,
    // each only where it does not overlap the previous one.
    let x_labels = labels(plot.x, 5);
    let row = axis_y + 1;
    let columns = graph.width.saturating_sub(1);
    let mut free_from = inner.x;
    for (i, label) in x_labels.iter().enumerate() {
        let width = label.chars().count() as u16;
        let anchor = graph.x + (u32::from(columns) * i as u32 / 4) as u16;
        let start = match i {
            0 => anchor.saturating_sub(width.saturating_sub(1).min(label_width)),
            4 => (anchor + 1).saturating_sub(width),
            _ => anchor.saturating_sub(width / 2),
        };
        if start >= free_from && start + width <= inner.right() {
            buffer.set_string(start, row, label, style);
            free_from = start + width + 1;
        }
    }
}

/// The cell holding the dot a data point falls on at `marker`'s resolution, if inside the
/// window: the same cell a curve through the point lights.
fn cell_of(
    at: (f64, f64),
    x: (f64, f64),
    y: (f64, f64),
    graph: Rect,
    marker: MarkerKind,
) -> Option<(u16, u16)> {
    let (per_x, per_y) = resolution(marker);
    let dots = (
        usize::from(graph.width) * per_x,
        usize::from(graph.height) * per_y,
    );
    let (column, row) = dot_of(at, x, y, dots)?;
    Some((
        graph.x + (column / per_x) as u16,
        graph.y + (row / per_y) as u16,
    ))
}

/// The dot a data point falls on, in a grid of `size` dots (row 0 at the top).
fn dot_of(
    at: (f64, f64),
    x: (f64, f64),
    y: (f64, f64),
    size: (usize, usize),
) -> Option<(usize, usize)> {
    let (px, py) = at;
    if !(px.is_finite() && py.is_finite()) || px < x.0 || px > x.1 || py < y.0 || py > y.1 {
        return None;
    }
    let fx = plot::unlerp(x, px);
    let fy = plot::unlerp(y, py);
    let column = ((fx * (size.0 - 1) as f64).round() as usize).min(size.0 - 1);
    let row = (((1.0 - fy) * (size.1 - 1) as f64).round() as usize).min(size.1 - 1);
    Some((column, row))
}

/// The glyph that marks a band of `kind` (two shapes, so they differ without colour).
#[must_use]
pub fn band_symbol(kind: BandKind, unicode: bool) -> &'static str {
    match (kind, unicode) {
        (BandKind::Saturated, true) => "▁",
        (BandKind::Saturated, false) => "_",
        (BandKind::Dead, true) => "▃",
        (BandKind::Dead, false) => "=",
    }
}

/// Whether `band` reaches into the x `window` (and so gets a mark).
#[must_use]
pub fn in_window(band: &Band, window: (f64, f64)) -> bool {
    band.from <= window.1 && band.to >= window.0
}

/// Marks the bands' columns on the x axis, under the graph, where no curve can hide them: every
/// column whose x lies in a band, and the nearest column to a band narrower than one.
fn draw_bands(plot: &Plot, graph: Rect, buffer: &mut Buffer) {
    if plot.bands.is_empty() || graph.width == 0 || graph.height == 0 {
        return;
    }
    let row = graph.bottom();
    let last = f64::from(graph.width - 1);
    // The fractional column of x.
    let column = |x: f64| plot::unlerp(plot.x, x) * last;
    for band in plot.bands.iter().filter(|b| in_window(b, plot.x)) {
        let (from, to) = (band.from.max(plot.x.0), band.to.min(plot.x.1));
        let (mut first, mut end) = (column(from).ceil(), column(to).floor());
        if first > end {
            let middle = column(from / 2.0 + to / 2.0).round();
            (first, end) = (middle, middle);
        }
        let first = first.clamp(0.0, last) as u16;
        let end = end.clamp(0.0, last) as u16;
        for c in first..=end {
            buffer[(graph.x + c, row)]
                .set_symbol(band_symbol(band.kind, plot.theme.unicode))
                .set_style(plot.band_style);
        }
    }
}

fn draw_series(plot: &Plot, graph: Rect, marker: MarkerKind, buffer: &mut Buffer) {
    let (cell_w, cell_h) = (usize::from(graph.width), usize::from(graph.height));
    if cell_w == 0 || cell_h == 0 {
        return;
    }
    let (per_x, per_y) = resolution(marker);
    let dots = (cell_w * per_x, cell_h * per_y);
    // Per cell: the braille / half-block bits, and the series that last drew there (+1).
    let mut bits = vec![0u8; cell_w * cell_h];
    let mut owner = vec![0u8; cell_w * cell_h];
    for (index, series) in plot.series.iter().enumerate() {
        let id = (index + 1).min(255) as u8;
        let mut set = |(column, row): (usize, usize)| {
            let cell = (row / per_y) * cell_w + column / per_x;
            bits[cell] |= match marker {
                MarkerKind::Braille => BRAILLE_BITS[column % 2][row % 4],
                MarkerKind::HalfBlock => 1 << (row % 2),
                MarkerKind::Ascii => 1,
            };
            owner[cell] = id;
        };
        let mut previous: Option<(usize, usize)> = None;
        for (k, &point) in series.points.iter().enumerate() {
            let dot = dot_of(point, plot.x, plot.y, dots);
            let joined = match series.stroke {
                Stroke::Solid => true,
                Stroke::Dotted => false,
                Stroke::Dashed => (k / DASH).is_multiple_of(2),
            };
            match (joined, previous, dot) {
                (true, Some(from), Some(to)) => line(from, to, &mut set),
                (true, None, Some(to)) => set(to),
                (false, _, Some(to)) if series.stroke == Stroke::Dotted => set(to),
                _ => {}
            }
            previous = dot;
        }
    }
    for row in 0..cell_h {
        for column in 0..cell_w {
            let cell = row * cell_w + column;
            if bits[cell] == 0 {
                continue;
            }
            let series = &plot.series[usize::from(owner[cell]) - 1];
            let symbol = match marker {
                MarkerKind::Braille => {
                    char::from_u32(0x2800 + u32::from(bits[cell])).unwrap_or('⣿')
                }
                MarkerKind::HalfBlock => match bits[cell] {
                    1 => '▀',
                    2 => '▄',
                    _ => '█',
                },
                MarkerKind::Ascii => series.ascii,
            };
            buffer[(graph.x + column as u16, graph.y + row as u16)]
                .set_char(symbol)
                .set_style(series.style);
        }
    }
}

/// Every dot on the segment from `from` to `to` (Bresenham).
fn line(from: (usize, usize), to: (usize, usize), set: &mut impl FnMut((usize, usize))) {
    let (x0, y0) = (from.0 as i64, from.1 as i64);
    let (x1, y1) = (to.0 as i64, to.1 as i64);
    let (dx, dy) = ((x1 - x0).abs(), -(y1 - y0).abs());
    let (sx, sy) = (if x0 < x1 { 1 } else { -1 }, if y0 < y1 { 1 } else { -1 });
    let (mut x, mut y, mut error) = (x0, y0, dx + dy);
    loop {
        set((x as usize, y as usize));
        if x == x1 && y == y1 {
            break;
        }
        let doubled = 2 * error;
        if doubled >= dy {
            error += dy;
            x += sx;
        }
        if doubled <= dx {
            error += dx;
            y += sy;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_map_to_the_corners() {
        let graph = Rect::new(10, 5, 20, 10);
        let window = ((0.0, 1.0), (0.0, 1.0));
        for marker in [
            MarkerKind::Braille,
            MarkerKind::HalfBlock,
            MarkerKind::Ascii,
        ] {
            let cell = |at| cell_of(at, window.0, window.1, graph, marker);
            assert_eq!(cell((0.0, 0.0)), Some((10, 14)));
            assert_eq!(cell((1.0, 1.0)), Some((29, 5)));
            assert_eq!(cell((1.5, 1.0)), None);
            assert_eq!(cell((f64::NAN, 1.0)), None);
        }
    }

    #[test]
    fn a_mark_sits_in_the_cell_its_curve_lights() {
        // p = 1 at the top of a [-0.1, 1.1] window: with braille (4 dots a row) the dot is in the
        // first row's lower part; the mark must be in that row, not one below.
        let graph = Rect::new(0, 0, 40, 20);
        let (x, y) = ((-5.0, 5.0), (-0.1, 1.1));
        for marker in [MarkerKind::Braille, MarkerKind::HalfBlock] {
            let (per_x, per_y) = resolution(marker);
            for &p in &[1.0, 0.999, 0.5, 0.0, 0.0012] {
                let dots = (40 * per_x, 20 * per_y);
                let (dx, dy) = dot_of((2.0, p), x, y, dots).unwrap();
                let (cx, cy) = cell_of((2.0, p), x, y, graph, marker).unwrap();
                assert_eq!((usize::from(cx), usize::from(cy)), (dx / per_x, dy / per_y));
            }
        }
    }

    #[test]
    fn lines_are_connected() {
        let mut dots = Vec::new();
        line((0, 0), (3, 7), &mut |d| dots.push(d));
        assert_eq!(dots.first(), Some(&(0, 0)));
        assert_eq!(dots.last(), Some(&(3, 7)));
        assert_eq!(dots.len(), 8);
    }
}
