//! The chart: f(x) and f'(x) with the input elements on the curve, or, on the Softmax tab, every
//! probability as the selected logit sweeps the window.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Widget};

use crate::app::{Analysis, App, MarkerKind};
use crate::format;
use crate::kernel::Activation;
use crate::plot::{self, Points};
use crate::theme::{Role, Theme};

/// Every how many samples a dotted curve keeps a point.
const DOT_SPACING: usize = 3;

pub(super) fn render(app: &App, analysis: &Analysis, theme: &Theme, frame: &mut Frame, area: Rect) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    let samples = usize::from(area.width) * 2 + 1;
    match app.activation() {
        Some(_) => function_chart(app, analysis, theme, frame, area),
        None => softmax_chart(app, analysis, theme, frame, area, samples),
    }
}

fn dotted(points: &Points) -> Points {
    points.iter().step_by(DOT_SPACING).copied().collect()
}

/// The chart's frame; the title carries the legend, so it never covers the curves.
fn block<'a>(title: Line<'a>, readout: String, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_set(theme.border())
        .border_style(theme.style(Role::Border))
        .title(title)
        .title_bottom(Span::styled(readout, theme.style(Role::Info)))
}

/// A legend sample of a solid and of a dotted curve.
fn swatches(theme: &Theme) -> (&'static str, &'static str) {
    if theme.unicode {
        ("⣀⣀", "⠂⠂")
    } else {
        ("**", "..")
    }
}

/// The axes with their tick labels; a middle y label only where there are rows for it.
fn axes<'a>(theme: &Theme, area: Rect, x: (f64, f64), y: (f64, f64)) -> (Axis<'a>, Axis<'a>) {
    let y_ticks = if area.height >= 10 { 3 } else { 2 };
    let labels = |lo: f64, hi: f64, count: usize| -> Vec<Line<'a>> {
        let spacing = (hi - lo) / (count - 1) as f64;
        plot::ticks(lo, hi, count)
            .into_iter()
            .map(|t| Line::from(format::tick(t, spacing)))
            .collect()
    };
    let style = theme.style(Role::Dim);
    (
        Axis::default()
            .bounds([x.0, x.1])
            .labels(labels(x.0, x.1, 5))
            .style(style),
        Axis::default()
            .bounds([y.0, y.1])
            .labels(labels(y.0, y.1, y_ticks))
            .style(style),
    )
}

fn chart<'a>(
    datasets: Vec<Dataset<'a>>,
    block: Block<'a>,
    axes: (Axis<'a>, Axis<'a>),
) -> Chart<'a> {
    Chart::new(datasets)
        .block(block)
        .x_axis(axes.0)
        .y_axis(axes.1)
        .legend_position(None)
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
}

/// Draws `plot` into `area` of `buffer`.
pub fn draw_curve(plot: &CurvePlot, theme: &Theme, area: Rect, buffer: &mut Buffer) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    let samples = usize::from(area.width) * 2 + 1;
    let (f, df) = plot::sample(plot.activation, plot.param, plot.window, samples);
    let df_dots = dotted(&df);
    let y = if plot.derivative {
        plot::fit_y(&[&f, &df])
    } else {
        plot::fit_y(&[&f])
    };
    let others = plot::finite(plot.points.iter().copied());
    let chosen = plot::finite(plot.chosen);

    let mut datasets = vec![
        Dataset::default()
            .marker(theme.line_marker(plot.marker))
            .graph_type(GraphType::Line)
            .style(theme.style(Role::Curve))
            .data(&f),
    ];
    if plot.derivative {
        datasets.push(
            Dataset::default()
                .marker(theme.derivative_marker(plot.marker))
                .graph_type(GraphType::Scatter)
                .style(theme.style(Role::Derivative))
                .data(&df_dots),
        );
    }
    datasets.push(
        Dataset::default()
            .marker(theme.point_marker(false))
            .graph_type(GraphType::Scatter)
            .style(theme.style(Role::Point))
            .data(&others),
    );
    datasets.push(
        Dataset::default()
            .marker(theme.point_marker(true))
            .graph_type(GraphType::Scatter)
            .style(theme.style(Role::PointSelected))
            .data(&chosen),
    );
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
    let block = block(Line::from(title), plot.readout.clone(), theme);
    chart(datasets, block, axes(theme, area, plot.window, y)).render(area, buffer);
}

fn function_chart(app: &App, analysis: &Analysis, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(activation) = app.activation() else {
        return;
    };
    let selected = app.selected();
    let on_curve = |i: usize| (app.values()[i], analysis.outputs[i]);
    let x = app.selected_value();
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
        readout: format!(
            " x{selected} = {}  f = {}  f' = {} ",
            format::input_value(x, 10),
            format::short(analysis.outputs[selected], 4),
            format::short(analysis.derivatives[selected], 4)
        ),
    };
    draw_curve(&plot, theme, area, frame.buffer_mut());
}

fn softmax_chart(
    app: &App,
    analysis: &Analysis,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    samples: usize,
) {
    let selected = app.selected();
    let t = app.temperature();
    let curves = plot::softmax_sweep(app.values(), selected, t, app.window(), samples);
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
    let mut datasets = Vec::new();
    for (j, data) in drawn.iter().enumerate() {
        let style: Style = theme.series(j);
        datasets.push(
            Dataset::default()
                .marker(if j == selected {
                    theme.line_marker(app.marker())
                } else {
                    theme.derivative_marker(app.marker())
                })
                .graph_type(if j == selected {
                    GraphType::Line
                } else {
                    GraphType::Scatter
                })
                .style(style)
                .data(data),
        );
    }
    for (j, data) in now.iter().enumerate() {
        datasets.push(
            Dataset::default()
                .marker(theme.point_marker(j == selected))
                .graph_type(GraphType::Scatter)
                .style(if j == selected {
                    theme.style(Role::PointSelected)
                } else {
                    theme.series(j)
                })
                .data(data),
        );
    }
    let readout = format!(
        " x{selected} = {}  p{selected} = {} ",
        format::input_value(x, 10),
        format::percent(analysis.probabilities[selected])
    );
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
    let block = block(Line::from(title), readout, theme);
    let widget = chart(
        datasets,
        block,
        axes(theme, area, app.window(), (-0.1, 1.1)),
    );
    frame.render_widget(widget, area);
}
