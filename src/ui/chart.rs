//! The chart: f(x) and f'(x), each probability's sweep on the Softmax tab, or the Jacobian.
//!
//! The input elements are drawn on the curve; on the Softmax tab every probability is drawn as the
//! selected logit sweeps the window. Draws what [`Analysis::chart`](crate::analysis::Analysis)
//! holds.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::canvas::{Mark, Plot, Series, Stroke};

use super::canvas::{band_symbol, in_window};
use crate::analysis::{Analysis, Chart};
use crate::app::{App, Mode, Origin};
use crate::format::grouped;
use crate::plot::{BandKind, Curve, Sweep};
use crate::theme::{MarkerKind, Role, Theme};

pub(super) fn render(app: &App, analysis: &Analysis, theme: &Theme, frame: &mut Frame, area: Rect) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    let marker = app.view().marker;
    match &analysis.chart {
        // The status line reads the selected element out; the chart does not repeat it.
        Chart::Curve(curve) => {
            // While a formula is typed, the bottom border names the one drawn (the last that
            // parsed); else, where f is not finite, it says where the curve has gaps.
            let editing =
                matches!(app.mode(), Mode::Editing(edit) if edit.origin == Origin::Formula);
            let readout = if editing {
                format!(" drawn: f(x) = {} ", app.formula())
            } else {
                // whole or not at all (the status line says it too): never a number cut by
                // the border
                undefined_text(curve)
                    .map(|text| format!(" {text} "))
                    .filter(|text| text.chars().count() + 4 <= usize::from(area.width))
                    .unwrap_or_default()
            };
            draw_curve(curve, marker, &readout, theme, area, frame.buffer_mut());
        }
        Chart::Jacobian(block) => super::jacobian::render(app, block, theme, frame, area),
        Chart::Sweep(sweep) => draw_sweep(app, sweep, marker, theme, area, frame.buffer_mut()),
    }
}

/// Curve samples for a chart `width` columns wide: two per column (a braille cell holds two
/// dots across).
#[must_use]
pub fn samples(width: u16) -> usize {
    usize::from(width) * 2 + 1
}

/// The marker actually drawn: the one asked for if the terminal can show it, else its best.
fn effective(marker: MarkerKind, theme: &Theme) -> MarkerKind {
    let markers = theme.markers();
    if markers.contains(&marker) {
        marker
    } else {
        markers.first().copied().unwrap_or(MarkerKind::Ascii)
    }
}

/// A legend sample of a curve drawn with `stroke` and `marker` (`ascii` is its ASCII character),
/// so the legend shows what the chart draws.
fn swatch(marker: MarkerKind, stroke: Stroke, ascii: char) -> String {
    match (marker, stroke) {
        (MarkerKind::Braille, Stroke::Solid) => "⣀⣀⣀".to_string(),
        (MarkerKind::Braille, Stroke::Dotted) => "⠂⠂⠂".to_string(),
        (MarkerKind::Braille, Stroke::Dashed) => "⠒⠒ ".to_string(),
        (MarkerKind::HalfBlock, Stroke::Solid) => "▄▄▄".to_string(),
        (MarkerKind::HalfBlock, Stroke::Dotted) => "▄ ▄".to_string(),
        (MarkerKind::HalfBlock, Stroke::Dashed) => "▄▄ ".to_string(),
        (MarkerKind::Ascii, _) => std::iter::repeat_n(ascii, 3).collect(),
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
            stroke: Stroke::Dashed,
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
    // Where f' does not exist, the derivative drawn is a convention: marked (under the
    // elements' points, which are drawn after).
    let mut marks: Vec<Mark> = if curve.df.is_some() {
        curve
            .kinks
            .iter()
            .map(|&at| Mark {
                at,
                symbol: kink_symbol(theme),
                style: theme.style(Role::Derivative),
            })
            .collect()
    } else {
        Vec::new()
    };
    marks.extend(curve.points.iter().map(|&at| Mark {
        at,
        symbol: theme.point_symbol(false),
        style: theme.style(Role::Point),
    }));
    marks.extend(curve.chosen.map(|at| Mark {
        at,
        symbol: theme.point_symbol(true),
        style: theme.style(Role::PointSelected),
    }));
    Plot {
        title: curve_title(curve, effective(marker, theme), theme),
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

/// The mark of a kink on the derivative: `×`, or `x` in ASCII.
fn kink_symbol(theme: &Theme) -> char {
    if theme.unicode { '×' } else { 'x' }
}

/// The title: the activation's name and a legend entry for each curve and for each kind of band,
/// each sample drawn as the chart draws it.
fn curve_title<'a>(curve: &Curve, marker: MarkerKind, theme: &Theme) -> Vec<Span<'a>> {
    let mut title = vec![
        Span::styled(format!(" {} ", curve.title), theme.style(Role::Info)),
        Span::styled(
            format!(" {} f(x) ", swatch(marker, Stroke::Solid, '*')),
            theme.style(Role::Curve),
        ),
    ];
    if curve.df.is_some() {
        title.push(Span::styled(
            format!(" {} f'(x) ", swatch(marker, Stroke::Dotted, '.')),
            theme.style(Role::Derivative),
        ));
    }
    if let Some((a, _)) = curve.compare {
        title.push(Span::styled(
            format!(" {} {} ", swatch(marker, Stroke::Dashed, ':'), a.name()),
            theme.style(Role::Compare),
        ));
    }
    for (kind, word) in [(BandKind::Saturated, "saturated"), (BandKind::Dead, "dead")] {
        // Only a band in the window gets a mark, and so an entry.
        if curve
            .bands
            .iter()
            .any(|b| b.kind == kind && in_window(b, curve.window))
        {
            let symbol = band_symbol(kind, theme.unicode);
            title.push(Span::styled(
                format!(" {symbol}{symbol} {word} "),
                theme.style(Role::Band),
            ));
        }
    }
    if curve.df.is_some() && !curve.kinks.is_empty() {
        title.push(Span::styled(
            format!(" {} kink: f' by convention ", kink_symbol(theme)),
            theme.style(Role::Derivative),
        ));
    }
    title
}

/// The character that labels curve `k` on a chart without colour: its place in the legend.
fn label(k: usize) -> char {
    char::from_digit((k % 36) as u32, 36).unwrap_or('?')
}

fn draw_sweep(
    app: &App,
    sweep: &Sweep,
    marker: MarkerKind,
    theme: &Theme,
    area: Rect,
    buffer: &mut Buffer,
) {
    let marker_drawn = effective(marker, theme);
    let vector = app.vector();
    let style = |element: Option<usize>| match element {
        Some(j) => theme.series(j),
        None => theme.style(Role::Dim),
    };
    // The selected element's curve (the first) last, so it is drawn on top.
    let series: Vec<Series> = sweep
        .curves
        .iter()
        .enumerate()
        .skip(1)
        .chain(sweep.curves.iter().enumerate().take(1))
        .map(|(k, curve)| Series {
            points: &curve.points,
            style: style(curve.element),
            stroke: if k == 0 {
                Stroke::Solid
            } else {
                Stroke::Dotted
            },
            ascii: if k == 0 { '*' } else { '.' },
        })
        .collect();
    let mut marks: Vec<Mark> = Vec::new();
    if !theme.color {
        // Without colour the dotted curves are told apart by their labels along them.
        for (k, curve) in sweep.curves.iter().enumerate().skip(1) {
            let points = &curve.points;
            if points.is_empty() {
                continue;
            }
            for at in [points.len() / 6, points.len() / 2, points.len() * 5 / 6] {
                marks.push(Mark {
                    at: points[at.min(points.len() - 1)],
                    symbol: label(k),
                    style: style(curve.element),
                });
            }
        }
    }
    marks.extend(sweep.curves.iter().enumerate().map(|(k, curve)| Mark {
        at: curve.now,
        symbol: theme.point_symbol(k == 0),
        style: if k == 0 {
            theme.style(Role::PointSelected)
        } else {
            style(curve.element)
        },
    }));
    let mut title = vec![Span::styled(
        format!(" p as {} sweeps: ", vector.name(sweep.selected)),
        theme.style(Role::Info),
    )];
    for (k, curve) in sweep.curves.iter().enumerate() {
        let sample = if k == 0 {
            swatch(marker_drawn, Stroke::Solid, '*')
        } else if theme.color {
            swatch(marker_drawn, Stroke::Dotted, '.')
        } else {
            format!(
                "{}{}",
                swatch(marker_drawn, Stroke::Dotted, '.')
                    .chars()
                    .next()
                    .unwrap_or('.'),
                label(k)
            )
        };
        let name = match curve.element {
            Some(j) if vector.labels().is_some() => vector.name(j),
            Some(j) => format!("p{j}"),
            None => format!("{} others", grouped(sweep.rest)),
        };
        title.push(Span::styled(
            format!(" {sample} {name} "),
            style(curve.element),
        ));
    }
    Plot {
        title,
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

/// Where the chart's `f` is not finite, if anywhere ([`Curve::gaps_text`]).
pub(super) fn undefined_text(curve: &Curve) -> Option<String> {
    curve.gaps_text()
}
