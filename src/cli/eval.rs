//! `actscope eval`: x, f(x), f'(x) per input, as a table, CSV or JSON.
//!
//! Each with its label, if the input had labels. With `--precision` (and `--like`), as NumPy or
//! PyTorch compute them in f32, f16 or bf16, each value flagged.

use std::io::{Read, Write};

use serde_json::{Value, json};

use super::args::ModelArgs;
use super::input::read_vector;
use super::output::{csv_label, label_column, write_csv, write_table};
use super::settings::{find_activation, parse_precision, resolve_param, single};
use super::{Error, EvalArgs};
use crate::format::full_precision;
use crate::kernel::precision::{self, Evaluation, Evaluator, Flag, Framework, Precision};
use crate::kernel::{Activation, Level};

/// What `--precision` and `--like` asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Model {
    /// Neither option: the kernel's f64.
    Kernel,
    /// `--precision f64`: the kernel's f64, said so in the output.
    F64,
    /// A framework's arithmetic in f32, f16 or bf16.
    Framework(Framework, Precision),
}

impl Model {
    /// Reads the options: `--like` needs a precision below f64; `numpy` is its default.
    pub(super) fn from_args(args: &ModelArgs) -> Result<Model, Error> {
        let framework = match &args.like {
            None => None,
            Some(name) => Some(Framework::from_name(name).ok_or_else(|| {
                Error::BadInput(format!(
                    "--like: unknown framework {name:?}; valid: numpy, pytorch"
                ))
            })?),
        };
        let Some(name) = &args.precision else {
            return match framework {
                None => Ok(Model::Kernel),
                Some(_) => Err(Error::BadInput(
                    "--like needs --precision f32, f16 or bf16 (without it, values are the \
                     kernel's f64)"
                        .into(),
                )),
            };
        };
        match (parse_precision(name)?, framework) {
            (Precision::F64, None) => Ok(Model::F64),
            (Precision::F64, Some(_)) => Err(Error::BadInput(
                "--like: f64 is the kernel's own accurate value, not a framework's; use \
                 --precision f32, f16 or bf16, or drop --like"
                    .into(),
            )),
            (precision, framework) => Ok(Model::Framework(
                framework.unwrap_or(Framework::NumPy),
                precision,
            )),
        }
    }

    /// The format's name and the framework's, as the options spell them.
    pub(super) fn names(self) -> Option<(&'static str, Option<&'static str>)> {
        match self {
            Model::Kernel => None,
            Model::F64 => Some(("f64", None)),
            Model::Framework(framework, precision) => {
                Some((precision.name(), Some(option_name(framework))))
            }
        }
    }
}

/// A framework as `--like` spells it.
pub(super) fn option_name(framework: Framework) -> &'static str {
    match framework {
        Framework::NumPy => "numpy",
        Framework::PyTorch => "pytorch",
    }
}

/// One input and what it gave.
struct Point {
    x: f64,
    /// `x` as the format holds it.
    rounded: f64,
    y: Evaluation,
    dy: Evaluation,
}

pub(super) fn run(
    args: &EvalArgs,
    level: Level,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
) -> Result<(), Error> {
    if let Some(text) = &args.formula {
        return super::formula::eval(args, text, level, stdin, out);
    }
    let name = args.name.as_deref().ok_or_else(|| {
        Error::BadInput("name an activation (see `actscope list`) or give --formula".into())
    })?;
    let activation = find_activation(name)?;
    let param = resolve_param(activation, single(&args.param)?)?;
    let model = Model::from_args(&args.model)?;
    let vector = read_vector(&args.xs, &args.source, stdin)?;
    let (xs, labels) = (&vector.values, vector.labels.as_deref());
    let p = param.unwrap_or(0.0);
    let points = match model {
        Model::Kernel | Model::F64 => kernel_points(activation, level, xs, p),
        Model::Framework(framework, precision) => {
            let evaluator = Evaluator::new(framework, precision, activation, p);
            xs.iter()
                .map(|&x| {
                    let (y, dy) = evaluator.at(x);
                    Point {
                        x,
                        rounded: precision.round(x),
                        y,
                        dy,
                    }
                })
                .collect()
        }
    };
    if args.json {
        return write_json(out, activation, (param, model), labels, &points);
    }
    let name = activation.name();
    if let Model::Framework(..) = model {
        if args.csv {
            return write_flagged_csv(out, labels, &points);
        }
        write_heading(out, activation, param, model)?;
        return write_flagged_table(out, name, model, labels, &points);
    }
    let (ys, dys): (Vec<f64>, Vec<f64>) = points.iter().map(|q| (q.y.value, q.dy.value)).unzip();
    if args.csv {
        return write_csv(out, labels, xs, &ys, &dys);
    }
    write_heading(out, activation, param, model)?;
    let rows: Vec<[String; 3]> = points
        .iter()
        .map(|q| [q.x, q.y.value, q.dy.value].map(full_precision))
        .collect();
    let header = ["x".to_string(), format!("{name}(x)"), format!("{name}'(x)")];
    let (header, rows) = label_column(header, rows, labels, 0);
    write_table(out, &header, &rows)
}

/// The kernel's values, from its slice forms at `level`, flagged fine.
fn kernel_points(activation: Activation, level: Level, xs: &[f64], p: f64) -> Vec<Point> {
    let mut ys = vec![0.0; xs.len()];
    let mut dys = vec![0.0; xs.len()];
    activation.value_slice(level, xs, p, &mut ys);
    activation.derivative_slice(level, xs, p, &mut dys);
    let fine = |value| Evaluation {
        value,
        format: Precision::F64,
        flag: Flag::Fine,
    };
    xs.iter()
        .zip(ys.iter().zip(&dys))
        .map(|(&x, (&y, &dy))| Point {
            x,
            rounded: x,
            y: fine(y),
            dy: fine(dy),
        })
        .collect()
}

/// A flag for JSON: `null` when fine, else its word.
fn flag_value(flag: Flag) -> Value {
    match flag {
        Flag::Fine => Value::Null,
        flag => Value::from(flag.word()),
    }
}

fn write_json(
    out: &mut dyn Write,
    activation: Activation,
    (param, model): (Option<f64>, Model),
    labels: Option<&[String]>,
    points: &[Point],
) -> Result<(), Error> {
    let mut document = json!({
        "activation": activation.name(),
        "param": param,
    });
    if let Some(labels) = labels {
        document["labels"] = json!(labels);
    }
    let with_flags = model != Model::Kernel;
    if let Some((precision, like)) = model.names() {
        document["precision"] = json!(precision);
        document["like"] = json!(like);
        let (formula, derivative, jax) = match model {
            Model::Framework(framework, precision) => {
                let p = param.unwrap_or(0.0);
                let formula = precision::formula(framework, precision, activation, p);
                let jax = precision::jax_agreement(framework, precision, activation, p);
                let returns = precision::result_precision(framework, precision, activation, p);
                document["returns"] = json!({
                    "value": returns.value.name(),
                    "derivative": returns.derivative.name(),
                });
                (
                    formula.value,
                    formula.derivative,
                    json!({"value": jax.value, "derivative": jax.derivative}),
                )
            }
            _ => (activation.formula(), "its exact derivative", Value::Null),
        };
        document["formula"] = json!(formula);
        document["derivative_formula"] = json!(derivative);
        document["jax_matches"] = jax;
    }
    let rows: Vec<Value> = points
        .iter()
        .map(|q| {
            let mut point = json!({"x": q.x, "y": q.y.value, "dy": q.dy.value});
            if with_flags {
                point["x_rounded"] = json!(q.rounded);
                point["flag"] = flag_value(q.y.flag);
                point["dy_flag"] = flag_value(q.dy.flag);
            }
            point
        })
        .collect();
    document["points"] = Value::Array(rows);
    serde_json::to_writer(&mut *out, &document)?;
    writeln!(out)?;
    Ok(())
}

/// The lines above the table: the parameter, and the model with its code.
fn write_heading(
    out: &mut dyn Write,
    activation: Activation,
    param: Option<f64>,
    model: Model,
) -> Result<(), Error> {
    let name = activation.name();
    if let (Some(spec), Some(value)) = (activation.param(), param) {
        writeln!(out, "{name} with {} = {}", spec.name, full_precision(value))?;
    }
    match model {
        Model::Kernel => {}
        Model::F64 => writeln!(
            out,
            "{name} in f64: the kernel's own value, within a few ulps"
        )?,
        Model::Framework(framework, precision) => {
            let p = param.unwrap_or(0.0);
            let formula = precision::formula(framework, precision, activation, p);
            writeln!(
                out,
                "{name} in {}, like {}",
                precision.name(),
                framework.name()
            )?;
            writeln!(out, "  f  = {}", formula.value)?;
            writeln!(out, "  f' = {}", formula.derivative)?;
            let returns = precision::result_precision(framework, precision, activation, p);
            if (returns.value, returns.derivative) != (precision, precision) {
                writeln!(
                    out,
                    "  the code returns f in {} and f' in {} (NumPy promotes)",
                    returns.value.name(),
                    returns.derivative.name()
                )?;
            }
            let jax = precision::jax_agreement(framework, precision, activation, p);
            let same = match (jax.value, jax.derivative) {
                (true, true) => Some("f and f'"),
                (true, false) => Some("f"),
                (false, true) => Some("f'"),
                (false, false) => None,
            };
            if let Some(what) = same {
                writeln!(out, "  JAX 0.10 returns the same {what} here (measured)")?;
            }
        }
    }
    Ok(())
}

/// A point's flags as text: `overflow`, `f' saturated`, `underflow; f' saturated`, or empty.
fn flag_text(point: &Point) -> String {
    let mut words = Vec::new();
    if point.y.flag != Flag::Fine {
        words.push(point.y.flag.word().to_string());
    }
    // an input past the format's range is one fact about both
    if point.dy.flag != Flag::Fine && point.dy.flag != Flag::InputOverflow {
        words.push(format!("f' {}", point.dy.flag.word()));
    }
    words.join("; ")
}

fn write_flagged_table(
    out: &mut dyn Write,
    name: &str,
    model: Model,
    labels: Option<&[String]>,
    points: &[Point],
) -> Result<(), Error> {
    let format = model.names().map_or("f64", |(precision, _)| precision);
    let header = [
        "x".to_string(),
        format!("x in {format}"),
        format!("{name}(x)"),
        format!("{name}'(x)"),
        "flag".to_string(),
    ];
    let rows: Vec<[String; 5]> = points
        .iter()
        .map(|q| {
            [
                full_precision(q.x),
                full_precision(q.rounded),
                full_precision(q.y.value),
                full_precision(q.dy.value),
                flag_text(q),
            ]
        })
        .collect();
    let (header, rows) = label_column(header, rows, labels, 0);
    write_table(out, &header, &rows)
}

/// `x,x_rounded,y,dy,flag,dy_flag` rows (`x_rounded` is x in the format, what the framework
/// evaluates; flags empty when fine), `label,` first with labels.
fn write_flagged_csv(
    out: &mut dyn Write,
    labels: Option<&[String]>,
    points: &[Point],
) -> Result<(), Error> {
    let label = if labels.is_some() { "label," } else { "" };
    writeln!(out, "{label}x,x_rounded,y,dy,flag,dy_flag")?;
    for (i, q) in points.iter().enumerate() {
        writeln!(
            out,
            "{}{},{},{},{},{},{}",
            csv_label(labels, i),
            full_precision(q.x),
            full_precision(q.rounded),
            full_precision(q.y.value),
            full_precision(q.dy.value),
            q.y.flag.word(),
            q.dy.flag.word()
        )?;
    }
    Ok(())
}
