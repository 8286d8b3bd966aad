//! `actscope plot`: the explorer's chart, printed (or its points as CSV).

use std::io::Write;

use super::output::write_csv;
use super::settings::{find_activation, joined, option_number, resolve_param, single};
use super::{Environment, Error, PlotArgs};
use crate::format::full_precision;
use crate::plot::{self, CurveSpec, Shape};
use crate::theme::{MarkerKind, Theme};
use crate::ui;

/// `actscope plot`: the TUI's chart, printed.
pub(super) fn run(
    args: &PlotArgs,
    environment: &Environment,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let level = environment.level;
    let (shape, param_text) = match (&args.formula, &args.name) {
        (Some(text), _) => {
            let formula = super::formula::parse(text, joined(&args.param).as_deref())?;
            let heading = super::formula::heading(&formula);
            (Shape::Formula(formula), heading)
        }
        (None, name) => {
            let activation = find_activation(name.as_deref().unwrap_or_default())?;
            let param = resolve_param(activation, single(&args.param)?)?;
            let text = match param {
                Some(value) => format!(
                    "{} = {}",
                    activation.param().map_or("p", |spec| spec.name),
                    full_precision(value)
                ),
                None => String::new(),
            };
            (Shape::Activation(activation, param.unwrap_or(0.0)), text)
        }
    };
    let from = option_number("--from", &args.from)?;
    let to = option_number("--to", &args.to)?;
    if from >= to {
        return Err(Error::BadInput(format!(
            "--from {} --to {}: the window needs from < to",
            full_precision(from),
            full_precision(to)
        )));
    }
    if args.csv {
        if !(2..=10_000_000).contains(&args.samples) {
            return Err(Error::BadInput(format!(
                "--samples {}: choose 2 to 10000000",
                args.samples
            )));
        }
        let xs = plot::grid((from, to), args.samples);
        let mut ys = vec![0.0; xs.len()];
        let mut dys = vec![0.0; xs.len()];
        shape.eval_slice(level, &xs, &mut ys, &mut dys);
        return write_csv(out, None, &xs, &ys, &dys);
    }
    let (terminal_width, terminal_height) = environment
        .size
        .map_or((80, 24), |(w, h)| (w, h.saturating_sub(1)));
    // The terminal's size is a default, held to what a chart needs; a size asked for is checked.
    let width = args
        .width
        .unwrap_or_else(|| terminal_width.clamp(PLOT_MIN.0, PLOT_MAX.0));
    let height = args
        .height
        .unwrap_or_else(|| terminal_height.clamp(PLOT_MIN.1, PLOT_MAX.1));
    if !(PLOT_MIN.0..=PLOT_MAX.0).contains(&width) || !(PLOT_MIN.1..=PLOT_MAX.1).contains(&height) {
        return Err(Error::BadInput(format!(
            "--width {width} --height {height}: choose {}..{} columns and {}..{} rows",
            PLOT_MIN.0, PLOT_MAX.0, PLOT_MIN.1, PLOT_MAX.1
        )));
    }
    let theme = Theme::new(
        environment.color && !args.no_color,
        environment.unicode && !args.ascii,
    );
    let marker = theme
        .markers()
        .first()
        .copied()
        .unwrap_or(MarkerKind::Ascii);
    let window = format!("x in [{}, {}]", full_precision(from), full_precision(to));
    let readout = if param_text.is_empty() {
        format!(" {window} ")
    } else {
        format!(" {param_text}   {window} ")
    };
    let spec = CurveSpec {
        shape,
        window: (from, to),
        derivative: args.derivative,
        compare: None,
        saturation: args.derivative,
    };
    let curve = plot::curve(&spec, level, ui::samples(width), Vec::new(), None);
    let buffer = ui::plot_buffer(&curve, marker, &readout, &theme, width, height);
    out.write_all(ui::buffer_to_text(&buffer, theme.color).as_bytes())?;
    Ok(())
}

/// The smallest and largest plot, in columns and rows.
const PLOT_MIN: (u16, u16) = (20, 6);
const PLOT_MAX: (u16, u16) = (1000, 500);
