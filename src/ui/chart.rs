//! The chart: f(x) and f'(x) with the input elements on the curve, or, on the Softmax tab, every
//! probability as the selected logit sweeps the window.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::canvas::{Mark, Plot, Series, Stroke};

use crate::app::{Analysis, App, MarkerKind};
use crate::kernel::Activation;
use crate::plot::{self, Points};
use crate::theme::{Role, Theme};

/// Every how many samples a dotted curve keeps a point.
const DOT_SPACING: usize = 3;

pub(super) fn render(app: &App, analysis: &Analysis, theme: &Theme, frame: &mut Frame, area: Rect) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    match app.activation() {
        Some(_) => function_chart(app, analysis, theme, frame, area),
        None if app.show_jacobian() => super::jacobian::render(app, analysis, theme, frame, area),
        None => softmax_chart(app, analysis, theme, frame, area),
    }
}

/// Curve samples for a chart `area` wide: two per column (a braille cell holds two dots across).
fn samples(area: Rect) -> usize {
    usize::from(area.width) * 2 + 1
}

fn dotted(points: &Points) -> Points {
    points.iter().step_by(DOT_SPACING).copied().collect()
}

/// A legend sample of a solid and of a dotted curve.
fn swatches(theme: &Theme) -> (&'static str, &'static str) {
    if theme.unicode {
        ("⣀⣀", "⠂⠂")
    } else {
        ("**", "..")
    }
}

/// Everything a curve chart shows: the TUI builds one from the app, `actscope plot` from its
/// arguments.
#[derive(Clone, Debug, PartialEq)]
pub struct CurvePlot {
    /// The function drawn.
    pub activation: Activation,
    /// Its parameter.
    pub param: f64,
    /// The x window.
    pub window: (f64, f64),
    /// Draw f'(x) too.
    pub derivative: bool,
    /// Marker for the curves.
    pub marker: MarkerKind,
    /// Points marked on the curve: `(x, f(x))`.
    pub points: Vec<(f64, f64)>,
    /// The highlighted point, if any.
    pub chosen: Option<(f64, f64)>,
    /// Text along the bottom border.
    pub readout: String,
    /// Another activation (and its parameter) drawn faintly for comparison.
    pub compare: Option<(Activation, f64)>,
    /// Underline where |f'| is under 1 % of its bound (saturated; dead where it is 0).
    pub saturation: bool,
}

/// Fraction of `sup |f'|` under which a region counts as saturated.
const SATURATED: f64 = 0.01;

/// The x ranges of `df` where `|f'|` is under `SATURATED` of `bound`, and whether f' is exactly
/// 0 all through them (a dead zone, as ReLU's).
fn saturated_bands(df: &[(f64, f64)], bound: f64) -> (Vec<(f64, f64)>, bool) {
    let mut bands: Vec<(f64, f64)> = Vec::new();
    let mut dead = true;
    let mut open: Option<f64> = None;
    let mut last = None;
    for &(x, d) in df {
        let low = d.abs() < SATURATED * bound;
        match (low, open) {
            (true, None) => open = Some(x),
            (false, Some(from)) => {
                bands.push((from, last.unwrap_or(from)));
                open = None;
            }
            _ => {}
        }
        if low {
            dead &= d == 0.0;
        }
        last = Some(x);
    }
    if let (Some(from), Some(to)) = (open, last) {
        bands.push((from, to));
    }
    let dead = dead && !bands.is_empty();
    (bands, dead)
}

/// Draws `plot` into `area` of `buffer`.
pub fn draw_curve(plot: &CurvePlot, theme: &Theme, area: Rect, buffer: &mut Buffer) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    let (f, df) = plot::sample(plot.activation, plot.param, plot.window, samples(area));
    let df_dots = dotted(&df);
    let y = if plot.derivative {
        plot::fit_y(&[&f, &df])
    } else {
        plot::fit_y(&[&f])
    };
    let compared = plot
        .compare
        .map(|(a, p)| plot::sample(a, p, plot.window, samples(area)).0)
        .unwrap_or_default();
    let y = if compared.is_empty() {
        y
    } else {
        let (lo, hi) = plot::fit_y(&[&compared]);
        (y.0.min(lo), y.1.max(hi))
    };
    let bound = plot.activation.derivative_bound(plot.param);
    let (bands, dead) = if plot.saturation && bound > 0.0 {
        saturated_bands(&df, bound)
    } else {
        (Vec::new(), false)
    };
    let mut series = Vec::new();
    if !compared.is_empty() {
        series.push(Series {
            points: &compared,
            style: theme.style(Role::Compare),
            stroke: Stroke::Dotted,
            ascii: ':',
        });
    }
    if plot.derivative {
        series.push(Series {
            points: &df_dots,
            style: theme.style(Role::Derivative),
            stroke: Stroke::Dotted,
            ascii: '.',
        });
    }
    series.push(Series {
        points: &f,
        style: theme.style(Role::Curve),
        stroke: Stroke::Solid,
        ascii: '*',
    });
    let mut marks: Vec<Mark> = plot
        .points
        .iter()
        .map(|&at| Mark {
            at,
            symbol: theme.point_symbol(false),
            style: theme.style(Role::Point),
        })
        .collect();
    marks.extend(plot.chosen.map(|at| Mark {
        at,
        symbol: theme.point_symbol(true),
        style: theme.style(Role::PointSelected),
    }));
    let title = curve_title(plot, theme, !bands.is_empty(), dead);
    Plot {
        title,
        readout: Line::styled(plot.readout.clone(), theme.style(Role::Info)),
        x: plot.window,
        y,
        series,
        marks,
        bands,
        band_style: theme.style(Role::Band),
        marker: plot.marker,
        theme,
    }
    .render(area, buffer);
}

/// The title: the activation's name and a legend entry for each curve and for the bands.
fn curve_title<'a>(plot: &CurvePlot, theme: &Theme, banded: bool, dead: bool) -> Line<'a> {
    let (solid, dots) = swatches(theme);
    let mut title = vec![
        Span::styled(
            format!(" {} ", plot.activation.title()),
            theme.style(Role::Info),
        ),
        Span::styled(format!(" {solid} f(x) "), theme.style(Role::Curve)),
    ];
    if plot.derivative {
        title.push(Span::styled(
            format!(" {dots} f'(x) "),
            theme.style(Role::Derivative),
        ));
    }
    if let Some((a, _)) = plot.compare {
        title.push(Span::styled(
            format!(" {dots} {} ", a.name()),
            theme.style(Role::Compare),
        ));
    }
    if banded {
        let band = if theme.unicode { "▁▁" } else { "__" };
        let what = if dead { "dead" } else { "saturated" };
        title.push(Span::styled(
            format!(" {band} {what} "),
            theme.style(Role::Band),
        ));
    }
    Line::from(title)
}

fn function_chart(app: &App, analysis: &Analysis, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(activation) = app.activation() else {
        return;
    };
    let selected = app.selected();
    let on_curve = |i: usize| (app.values()[i], analysis.outputs[i]);
    let plot = CurvePlot {
        activation,
        param: app.param(activation),
        window: app.window(),
        derivative: app.show_derivative(),
        marker: app.marker(),
        points: (0..app.values().len())
            .filter(|&i| i != selected)
            .map(on_curve)
            .collect(),
        chosen: Some(on_curve(selected)),
        // The status line reads the selected element out; the chart does not repeat it.
        readout: String::new(),
        compare: app.compare().map(|a| (a, app.param(a))),
        saturation: true,
    };
    draw_curve(&plot, theme, area, frame.buffer_mut());
}

fn softmax_chart(app: &App, analysis: &Analysis, theme: &Theme, frame: &mut Frame, area: Rect) {
    let selected = app.selected();
    let t = app.temperature();
    let curves = plot::softmax_sweep(app.values(), selected, t, app.window(), samples(area));
    let x = app.selected_value();
    let drawn: Vec<Points> = curves
        .iter()
        .enumerate()
        .map(|(j, c)| if j == selected { c.clone() } else { dotted(c) })
        .collect();
    let now: Vec<Points> = analysis
        .probabilities
        .iter()
        .map(|&p| plot::finite([(x, p)]))
        .collect();
    // The selected element's curve last, so it is drawn on top.
    let mut order: Vec<usize> = (0..drawn.len()).filter(|&j| j != selected).collect();
    order.push(selected);
    let series: Vec<Series> = order
        .into_iter()
        .map(|j| (j, &drawn[j]))
        .map(|(j, points)| Series {
            points,
            style: theme.series(j),
            stroke: if j == selected {
                Stroke::Solid
            } else {
                Stroke::Dotted
            },
            ascii: if j == selected { '*' } else { '.' },
        })
        .collect();
    let marks: Vec<Mark> = now
        .iter()
        .enumerate()
        .flat_map(|(j, points)| {
            points.iter().map(move |&at| Mark {
                at,
                symbol: theme.point_symbol(j == selected),
                style: if j == selected {
                    theme.style(Role::PointSelected)
                } else {
                    theme.series(j)
                },
            })
        })
        .collect();
    let (solid, dots) = swatches(theme);
    let mut title = vec![Span::styled(
        format!(" p as x{selected} sweeps: "),
        theme.style(Role::Info),
    )];
    for j in 0..curves.len() {
        let swatch = if j == selected { solid } else { dots };
        title.push(Span::styled(format!(" {swatch} p{j}"), theme.series(j)));
    }
    title.push(Span::raw(" "));
    Plot {
        title: Line::from(title),
        readout: Line::default(),
        x: app.window(),
        y: (-0.1, 1.1),
        series,
        marks,
        bands: Vec::new(),
        band_style: theme.style(Role::Band),
        marker: app.marker(),
        theme,
    }
    .render(area, frame.buffer_mut());
}
