//! The chart: f(x) and f'(x) with the input elements on the curve, or, on the Softmax tab, every
//! probability as the selected logit sweeps the window, or the Jacobian. Draws what
//! [`Analysis::chart`](crate::analysis::Analysis) holds.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::canvas::{Mark, Plot, Series, Stroke};

use crate::analysis::{Analysis, Chart};
use crate::app::App;
use crate::plot::{Curve, Sweep};
use crate::theme::{MarkerKind, Role, Theme};

pub(super) fn render(app: &App, analysis: &Analysis, theme: &Theme, frame: &mut Frame, area: Rect) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    let marker = app.view().marker;
    match &analysis.chart {
        // The status line reads the selected element out; the chart does not repeat it.
        Chart::Curve(curve) => draw_curve(curve, marker, "", theme, area, frame.buffer_mut()),
        Chart::Jacobian(jacobian) => {
            super::jacobian::render(analysis, jacobian, theme, frame, area);
        }
        Chart::Sweep(sweep) => draw_sweep(sweep, marker, theme, area, frame.buffer_mut()),
    }
}

/// Curve samples for a chart `width` columns wide: two per column (a braille cell holds two
/// dots across).
#[must_use]
pub fn samples(width: u16) -> usize {
    usize::from(width) * 2 + 1
}

/// A legend sample of a solid and of a dotted curve.
fn swatches(theme: &Theme) -> (&'static str, &'static str) {
    if theme.unicode {
        ("⣀⣀", "⠂⠂")
    } else {
        ("**", "..")
    }
}

/// Draws `curve` into `area` of `buffer` with `marker`, `readout` along the bottom border.
pub fn draw_curve(
    curve: &Curve,
    marker: MarkerKind,
    readout: &str,
    theme: &Theme,
    area: Rect,
    buffer: &mut Buffer,
) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    let mut series = Vec::new();
    if let Some((_, points)) = &curve.compare {
        series.push(Series {
            points,
            style: theme.style(Role::Compare),
            stroke: Stroke::Dotted,
            ascii: ':',
        });
    }
    if let Some(points) = &curve.df {
        series.push(Series {
            points,
            style: theme.style(Role::Derivative),
            stroke: Stroke::Dotted,
            ascii: '.',
        });
    }
    series.push(Series {
        points: &curve.f,
        style: theme.style(Role::Curve),
        stroke: Stroke::Solid,
        ascii: '*',
    });
    let mut marks: Vec<Mark> = curve
        .points
        .iter()
        .map(|&at| Mark {
            at,
            symbol: theme.point_symbol(false),
            style: theme.style(Role::Point),
        })
        .collect();
    marks.extend(curve.chosen.map(|at| Mark {
        at,
        symbol: theme.point_symbol(true),
        style: theme.style(Role::PointSelected),
    }));
    Plot {
        title: curve_title(curve, theme),
        readout: Line::styled(readout.to_string(), theme.style(Role::Info)),
        x: curve.window,
        y: curve.y,
        series,
        marks,
        bands: curve.bands.clone(),
        band_style: theme.style(Role::Band),
        marker,
        theme,
    }
    .render(area, buffer);
}

/// The title: the activation's name and a legend entry for each curve and for the bands.
fn curve_title<'a>(curve: &Curve, theme: &Theme) -> Line<'a> {
    let (solid, dots) = swatches(theme);
    let mut title = vec![
        Span::styled(
            format!(" {} ", curve.activation.title()),
            theme.style(Role::Info),
        ),
        Span::styled(format!(" {solid} f(x) "), theme.style(Role::Curve)),
    ];
    if curve.df.is_some() {
        title.push(Span::styled(
            format!(" {dots} f'(x) "),
            theme.style(Role::Derivative),
        ));
    }
    if let Some((a, _)) = curve.compare {
        title.push(Span::styled(
            format!(" {dots} {} ", a.name()),
            theme.style(Role::Compare),
        ));
    }
    if !curve.bands.is_empty() {
        let band = if theme.unicode { "▁▁" } else { "__" };
        let what = if curve.dead { "dead" } else { "saturated" };
        title.push(Span::styled(
            format!(" {band} {what} "),
            theme.style(Role::Band),
        ));
    }
    Line::from(title)
}

fn draw_sweep(sweep: &Sweep, marker: MarkerKind, theme: &Theme, area: Rect, buffer: &mut Buffer) {
    let selected = sweep.selected;
    // The selected element's curve last, so it is drawn on top.
    let mut order: Vec<usize> = (0..sweep.curves.len()).filter(|&j| j != selected).collect();
    order.push(selected);
    let series: Vec<Series> = order
        .into_iter()
        .map(|j| Series {
            points: &sweep.curves[j],
            style: theme.series(j),
            stroke: if j == selected {
                Stroke::Solid
            } else {
                Stroke::Dotted
            },
            ascii: if j == selected { '*' } else { '.' },
        })
        .collect();
    let marks: Vec<Mark> = sweep
        .now
        .iter()
        .enumerate()
        .map(|(j, &at)| Mark {
            at,
            symbol: theme.point_symbol(j == selected),
            style: if j == selected {
                theme.style(Role::PointSelected)
            } else {
                theme.series(j)
            },
        })
        .collect();
    let (solid, dots) = swatches(theme);
    let mut title = vec![Span::styled(
        format!(" p as x{selected} sweeps: "),
        theme.style(Role::Info),
    )];
    for j in 0..sweep.curves.len() {
        let swatch = if j == selected { solid } else { dots };
        title.push(Span::styled(format!(" {swatch} p{j}"), theme.series(j)));
    }
    title.push(Span::raw(" "));
    Plot {
        title: Line::from(title),
        readout: Line::default(),
        x: sweep.window,
        y: (-0.1, 1.1),
        series,
        marks,
        bands: Vec::new(),
        band_style: theme.style(Role::Band),
        marker,
        theme,
    }
    .render(area, buffer);
}
