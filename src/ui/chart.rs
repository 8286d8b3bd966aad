//! The chart: f(x) and f'(x) with the input elements on the curve, or, on the Softmax tab, every
//! probability as the selected logit sweeps the window.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType};

use crate::app::{Analysis, App};
use crate::format;
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
        Some(_) => function_chart(app, analysis, theme, frame, area, samples),
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

fn function_chart(
    app: &App,
    analysis: &Analysis,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    samples: usize,
) {
    let Some(activation) = app.activation() else {
        return;
    };
    let param = app.param(activation);
    let (f, df) = plot::sample(activation, param, app.window(), samples);
    let df_dots = dotted(&df);
    let y = if app.show_derivative() {
        plot::fit_y(&[&f, &df])
    } else {
        plot::fit_y(&[&f])
    };
    let selected = app.selected();
    let elements: Vec<(f64, f64, usize)> = app
        .values()
        .iter()
        .zip(&analysis.outputs)
        .enumerate()
        .map(|(i, (&x, &y))| (x, y, i))
        .collect();
    let others = plot::finite(
        elements
            .iter()
            .filter(|p| p.2 != selected)
            .map(|p| (p.0, p.1)),
    );
    let chosen = plot::finite(
        elements
            .iter()
            .filter(|p| p.2 == selected)
            .map(|p| (p.0, p.1)),
    );

    let mut datasets = vec![
        Dataset::default()
            .marker(theme.line_marker(app.marker()))
            .graph_type(GraphType::Line)
            .style(theme.style(Role::Curve))
            .data(&f),
    ];
    if app.show_derivative() {
        datasets.push(
            Dataset::default()
                .marker(theme.derivative_marker(app.marker()))
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
    let x = app.selected_value();
    let readout = format!(
        " x{selected} = {}  f = {}  f' = {} ",
        format::input_value(x, 10),
        format::short(analysis.outputs[selected], 4),
        format::short(analysis.derivatives[selected], 4)
    );
    let (solid, dots) = swatches(theme);
    let mut title = vec![
        Span::styled(format!(" {} ", activation.title()), theme.style(Role::Info)),
        Span::styled(format!(" {solid} f(x) "), theme.style(Role::Curve)),
    ];
    if app.show_derivative() {
        title.push(Span::styled(
            format!(" {dots} f'(x) "),
            theme.style(Role::Derivative),
        ));
    }
    let block = block(Line::from(title), readout, theme);
    let widget = chart(datasets, block, axes(theme, area, app.window(), y));
    frame.render_widget(widget, area);
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
