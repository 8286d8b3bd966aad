//! The command line: argument definitions and the non-interactive subcommands.
//!
//! Every subcommand reads from a `Read` and writes to a `Write` handed in by `main`, so it runs the
//! same in tests as in a shell. Bad input is a [`Error::BadInput`] (exit status 2).

use std::fmt::{self, Write as _};
use std::io::{self, Read, Write};

use clap::{Args, Parser, Subcommand};
use serde_json::{Value, json};

use crate::format::full_precision;
use crate::input::{self, InputError};
use crate::kernel::{self, Activation, Level, Temperature};

const EXAMPLES: &str = "\
Examples:
  actscope list
  actscope eval sigmoid 1.2 0.9 0.4
  actscope eval leaky_relu --param 0.2 -3 0 3
  actscope eval gelu --json -5 0 5
  actscope softmax 2.3 -0.9 3.6
  actscope softmax --temperature 0.5 '[1, 2, 3]'
  seq -5 5 | actscope eval tanh -
  echo '[900, 1000, 1000]' | actscope softmax --json -";

/// actscope: explore neural-network activation functions.
///
/// Without a subcommand, opens the explorer: one tab per activation with its curve and derivative,
/// and an input vector whose outputs and softmax probabilities follow every keystroke (? lists the
/// keys). The subcommands print the same numbers for scripts.
#[derive(Debug, Parser)]
#[command(name = "actscope", version, after_help = EXAMPLES)]
pub struct Cli {
    /// What to do; without one, the explorer opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The tab to open on: an activation name or `softmax`.
    #[arg(long, value_name = "NAME")]
    pub tab: Option<String>,
    /// The starting vector, 1 to 16 numbers: "1.2 0.9 0.4" or "[1.2, 0.9, 0.4]".
    #[arg(long, short, value_name = "NUMBERS")]
    pub input: Option<String>,
    /// The starting tab's parameter (leaky_relu and elu alpha, softplus beta).
    #[arg(long, short, value_name = "P")]
    pub param: Option<String>,
    /// The softmax temperature (>= 0; 0 is argmax).
    #[arg(long, short, visible_alias = "temp", value_name = "T")]
    pub temperature: Option<String>,
    /// Draw with ASCII only (no braille, box drawing or arrows).
    #[arg(long)]
    pub ascii: bool,
    /// No colours (as NO_COLOR does).
    #[arg(long)]
    pub no_color: bool,
    /// Use the mouse: click a tab or an element to select it, the wheel to nudge.
    #[arg(long)]
    pub mouse: bool,
}

impl Cli {
    /// The explorer's starting state from the options.
    ///
    /// # Errors
    /// [`Error::BadInput`] for an unknown tab, a bad vector, parameter or temperature.
    pub fn settings(&self) -> Result<crate::app::Settings, Error> {
        use crate::app::{MAX_ELEMENTS, MarkerKind, Settings, Tab};
        let mut settings = Settings::default();
        if let Some(name) = &self.tab {
            let (tab, gelu_tanh) = Tab::from_name(name).ok_or_else(|| {
                let names: Vec<&str> = Activation::ALL.iter().map(|a| a.name()).collect();
                Error::BadInput(format!(
                    "--tab: unknown tab {name:?}; valid: {}, softmax",
                    names.join(", ")
                ))
            })?;
            settings.tab = tab;
            settings.gelu_tanh = gelu_tanh;
        }
        if let Some(text) = &self.input {
            let values = input::parse_vector(text)
                .map_err(|err| Error::BadInput(format!("--input: {err}")))?;
            if values.len() > MAX_ELEMENTS {
                return Err(Error::BadInput(format!(
                    "--input: {} numbers, the explorer takes at most {MAX_ELEMENTS}",
                    values.len()
                )));
            }
            settings.values = values;
        }
        if let Some(text) = &self.param {
            let activation = match crate::app::TABS[settings.tab] {
                Tab::Function(a) => a,
                Tab::Softmax => {
                    return Err(Error::BadInput(
                        "--param: the softmax tab's parameter is --temperature".into(),
                    ));
                }
            };
            settings.param = resolve_param(activation, Some(text))?;
        }
        if let Some(text) = &self.temperature {
            let t = option_number("--temperature", text)?;
            Temperature::new(t).map_err(|err| Error::BadInput(err.to_string()))?;
            settings.temperature = t;
        }
        if self.ascii {
            settings.marker = MarkerKind::Ascii;
        }
        Ok(settings)
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every activation with its formula, output range and parameter.
    List {
        /// Print one JSON document instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Evaluate an activation and its derivative at each x.
    #[command(
        after_help = "Names: step, sigmoid, tanh, relu, leaky_relu, elu, gelu, gelu_tanh, \
                            silu (swish), mish, softplus. Numbers may be negative: \
                            `actscope eval relu -1 0 1`."
    )]
    Eval(EvalArgs),
    /// Softmax probabilities, percentages and log-probabilities of a vector.
    Softmax(SoftmaxArgs),
    /// Draw an activation (and its derivative) as a chart on stdout.
    Plot(PlotArgs),
    /// Nanoseconds per element of every kernel on this machine (medians of repeated runs).
    Bench {
        /// Elements per slice.
        #[arg(long, short, default_value_t = 1_000_000, value_name = "N")]
        size: usize,
        /// Print one JSON document instead of text.
        #[arg(long)]
        json: bool,
        /// Only these kernels, comma-separated (e.g. `sigmoid,relu,softmax`).
        #[arg(long, value_name = "NAMES", value_delimiter = ',')]
        kernels: Option<Vec<String>>,
    },
}

/// `actscope eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The activation (see `actscope list`).
    pub name: String,
    /// The activation's parameter: leaky_relu and elu alpha, softplus beta.
    #[arg(long, short, value_name = "P")]
    pub param: Option<String>,
    /// Print one JSON document instead of text.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV (x,y,dy) instead of text.
    #[arg(long)]
    pub csv: bool,
    /// The inputs: numbers separated by spaces or commas, brackets allowed; `-` reads standard input.
    #[arg(value_name = "X")]
    pub xs: Vec<String>,
}

/// `actscope plot`.
#[derive(Debug, Args)]
#[allow(clippy::struct_excessive_bools)] // command-line flags
pub struct PlotArgs {
    /// The activation (see `actscope list`).
    pub name: String,
    /// Left end of the x window.
    #[arg(long, value_name = "A", default_value = "-5")]
    pub from: String,
    /// Right end of the x window.
    #[arg(long, value_name = "B", default_value = "5")]
    pub to: String,
    /// Width in columns (default: the terminal's, else 80).
    #[arg(long, value_name = "W")]
    pub width: Option<u16>,
    /// Height in rows (default: the terminal's less one, else 24).
    #[arg(long, value_name = "H")]
    pub height: Option<u16>,
    /// Draw f'(x) too, dotted.
    #[arg(long, short)]
    pub derivative: bool,
    /// The activation's parameter: leaky_relu and elu alpha, softplus beta.
    #[arg(long, short, value_name = "P")]
    pub param: Option<String>,
    /// ASCII only (also when the locale is not UTF-8).
    #[arg(long)]
    pub ascii: bool,
    /// No colour (also with NO_COLOR, or when stdout is not a terminal).
    #[arg(long)]
    pub no_color: bool,
    /// Print the curve as CSV (x,y,dy) instead of a chart.
    #[arg(long)]
    pub csv: bool,
    /// Points in the CSV, ends included.
    #[arg(long, value_name = "N", default_value_t = 201, requires = "csv")]
    pub samples: usize,
}

/// `actscope softmax`.
#[derive(Debug, Args)]
pub struct SoftmaxArgs {
    /// Divide the logits by T first: T > 1 flattens, T < 1 sharpens, 0 is argmax.
    #[arg(
        long,
        short,
        visible_alias = "temp",
        allow_hyphen_values = true,
        value_name = "T"
    )]
    pub temperature: Option<String>,
    /// Print one JSON document instead of text.
    #[arg(long)]
    pub json: bool,
    /// Show the probabilities as labelled bars.
    #[arg(long, conflicts_with = "json")]
    pub plot: bool,
    /// The logits: numbers separated by spaces or commas, brackets allowed; `-` reads standard input.
    #[arg(value_name = "X")]
    pub xs: Vec<String>,
}

/// Prepares the raw arguments for clap so that negative numbers stay numbers: any argument that is
/// `-` followed by something `f64` parses (`-0.9`, `-1e-3`, `-inf`) gets a leading space, which
/// clap does not read as a flag and the number parser ignores. `-` alone (standard input) and
/// flags are left as they are.
pub fn shield_negative_numbers(
    args: impl IntoIterator<Item = std::ffi::OsString>,
) -> Vec<std::ffi::OsString> {
    args.into_iter()
        .map(|arg| match arg.to_str() {
            Some(text)
                if text
                    .strip_prefix('-')
                    .is_some_and(|rest| rest.parse::<f64>().is_ok()) =>
            {
                format!(" {text}").into()
            }
            _ => arg,
        })
        .collect()
}

/// Why a subcommand failed.
#[derive(Debug)]
pub enum Error {
    /// The user's input was unusable: one line saying why; exit status 2.
    BadInput(String),
    /// Reading or writing failed.
    Io(io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::BadInput(message) => f.write_str(message),
            Error::Io(err) => write!(f, "{err}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(err: io::Error) -> Self {
        Error::Io(err)
    }
}

impl From<serde_json::Error> for Error {
    fn from(err: serde_json::Error) -> Self {
        Error::Io(err.into())
    }
}

/// What the subcommands need to know about where their output goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Environment {
    /// Standard output is a terminal.
    pub terminal: bool,
    /// Its size, when it is one.
    pub size: Option<(u16, u16)>,
    /// Colour is welcome (stdout is a terminal and NO_COLOR is not set).
    pub color: bool,
    /// The locale is UTF-8.
    pub unicode: bool,
    /// The SIMD level the kernels run on.
    pub level: Level,
}

impl Default for Environment {
    /// A pipe: no terminal, no colour, UTF-8.
    fn default() -> Environment {
        Environment {
            terminal: false,
            size: None,
            color: false,
            unicode: true,
            level: Level::best(),
        }
    }
}

/// Runs one subcommand.
///
/// # Errors
/// [`Error::BadInput`] for unusable arguments or input, [`Error::Io`] when reading or writing fails.
pub fn run(
    command: &Command,
    environment: &Environment,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
) -> Result<(), Error> {
    match command {
        Command::List { json } => list(*json, out),
        Command::Eval(args) => eval(args, environment.level, stdin, out),
        Command::Softmax(args) => softmax(args, environment, stdin, out),
        Command::Plot(args) => plot(args, environment, out),
        Command::Bench {
            size,
            json,
            kernels,
        } => bench(environment.level, *size, *json, kernels.as_deref(), out),
    }
}

/// Reads the numbers given as arguments, or from `stdin` when the only argument is `-`.
fn read_numbers(xs: &[String], stdin: &mut dyn Read) -> Result<Vec<f64>, Error> {
    match xs {
        [] => Err(Error::BadInput(
            "no numbers given: pass them as arguments, or `-` to read standard input".into(),
        )),
        [dash] if dash == "-" => {
            let mut text = String::new();
            stdin.read_to_string(&mut text).map_err(|err| {
                if err.kind() == io::ErrorKind::InvalidData {
                    Error::BadInput("standard input is not UTF-8 text".into())
                } else {
                    Error::Io(err)
                }
            })?;
            input::parse_vector(&text)
                .map_err(|err| Error::BadInput(format!("standard input: {err}")))
        }
        _ => {
            let mut values = Vec::with_capacity(xs.len());
            for (index, arg) in xs.iter().enumerate() {
                if arg == "-" {
                    return Err(Error::BadInput(
                        "`-` (read standard input) must be the only number argument".into(),
                    ));
                }
                values.extend(parse_argument(arg, index + 1)?);
            }
            Ok(values)
        }
    }
}

/// Parses one command-line argument, which may hold one number or a whole vector.
fn parse_argument(arg: &str, position: usize) -> Result<Vec<f64>, Error> {
    input::parse_vector(arg).map_err(|err| {
        Error::BadInput(match &err {
            InputError::Invalid { token, reason, .. } if token == arg.trim() => {
                format!("{token:?} {reason} (argument {position})")
            }
            InputError::Empty => format!("argument {position} is empty"),
            _ => format!("argument {position}: {err}"),
        })
    })
}

/// Parses the value of an option such as `--param` that takes one number.
fn option_number(option: &str, text: &str) -> Result<f64, Error> {
    input::parse_number(text).map_err(|err| Error::BadInput(format!("{option}: {err}")))
}

/// Finds an activation by name, or says which names exist.
///
/// # Errors
/// [`Error::BadInput`] naming the valid activations.
pub fn find_activation(name: &str) -> Result<Activation, Error> {
    Activation::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Activation::ALL.iter().map(|a| a.name()).collect();
        let hint = if name.trim().eq_ignore_ascii_case("softmax") {
            " (softmax is `actscope softmax`)"
        } else {
            ""
        };
        Error::BadInput(format!(
            "unknown activation {name:?}{hint}; valid: {}",
            names.join(", ")
        ))
    })
}

/// The parameter to use: the one given, checked against the activation's range, or its default.
fn resolve_param(activation: Activation, given: Option<&str>) -> Result<Option<f64>, Error> {
    let spec = activation.param();
    match (spec, given) {
        (None, None) => Ok(None),
        (None, Some(_)) => Err(Error::BadInput(format!(
            "{} takes no parameter (only leaky_relu, elu and softplus do)",
            activation.name()
        ))),
        (Some(spec), None) => Ok(Some(spec.default)),
        (Some(spec), Some(text)) => {
            let value = option_number("--param", text)?;
            if spec.accepts(value) {
                Ok(Some(value))
            } else {
                Err(Error::BadInput(format!(
                    "--param: {} {} must satisfy {}, got {}",
                    activation.name(),
                    spec.name,
                    spec.range_text(),
                    value
                )))
            }
        }
    }
}

fn eval(
    args: &EvalArgs,
    level: Level,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let activation = find_activation(&args.name)?;
    let param = resolve_param(activation, args.param.as_deref())?;
    let xs = read_numbers(&args.xs, stdin)?;
    let p = param.unwrap_or(0.0);
    let mut ys = vec![0.0; xs.len()];
    let mut dys = vec![0.0; xs.len()];
    activation.value_slice(level, &xs, p, &mut ys);
    activation.derivative_slice(level, &xs, p, &mut dys);

    if args.json {
        let points: Vec<Value> = xs
            .iter()
            .zip(&ys)
            .zip(&dys)
            .map(|((x, y), dy)| json!({"x": x, "y": y, "dy": dy}))
            .collect();
        let document = json!({
            "activation": activation.name(),
            "param": param,
            "points": points,
        });
        serde_json::to_writer(&mut *out, &document)?;
        writeln!(out)?;
        return Ok(());
    }

    if args.csv {
        return write_csv(out, &xs, &ys, &dys);
    }
    let name = activation.name();
    if let (Some(spec), Some(value)) = (activation.param(), param) {
        writeln!(out, "{name} with {} = {}", spec.name, full_precision(value))?;
    }
    let rows: Vec<[String; 3]> = xs
        .iter()
        .zip(&ys)
        .zip(&dys)
        .map(|((&x, &y), &dy)| [full_precision(x), full_precision(y), full_precision(dy)])
        .collect();
    let header = ["x".to_string(), format!("{name}(x)"), format!("{name}'(x)")];
    write_table(out, &header, &rows)
}

/// Writes `x,y,dy` rows at full precision, with a header.
fn write_csv(out: &mut dyn Write, xs: &[f64], ys: &[f64], dys: &[f64]) -> Result<(), Error> {
    writeln!(out, "x,y,dy")?;
    for ((&x, &y), &dy) in xs.iter().zip(ys).zip(dys) {
        writeln!(
            out,
            "{},{},{}",
            full_precision(x),
            full_precision(y),
            full_precision(dy)
        )?;
    }
    Ok(())
}

/// Writes rows as left-aligned columns two spaces apart.
fn write_table<const N: usize>(
    out: &mut dyn Write,
    header: &[String; N],
    rows: &[[String; N]],
) -> Result<(), Error> {
    let mut widths = header.each_ref().map(|h| h.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    for row in std::iter::once(header).chain(rows) {
        let mut line = String::new();
        for (i, (cell, width)) in row.iter().zip(widths).enumerate() {
            if i + 1 == N {
                line.push_str(cell);
            } else {
                let _ = write!(line, "{cell:<width$}  ");
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn softmax(
    args: &SoftmaxArgs,
    environment: &Environment,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let temperature = match &args.temperature {
        Some(text) => option_number("--temperature", text)?,
        None => 1.0,
    };
    let checked = Temperature::new(temperature).map_err(|err| Error::BadInput(err.to_string()))?;
    let level = environment.level;
    let xs = read_numbers(&args.xs, stdin)?;
    let n = xs.len();
    let mut probabilities = vec![0.0; n];
    let mut log_probabilities = vec![0.0; n];
    let mut naive = vec![0.0; n];
    kernel::softmax(level, &xs, checked, &mut probabilities);
    kernel::log_softmax(level, &xs, checked, &mut log_probabilities);
    let logsumexp = kernel::logsumexp(level, &xs, checked);
    kernel::naive_softmax(&xs, checked, &mut naive);
    let percentages: Vec<f64> = probabilities.iter().map(|p| p * 100.0).collect();

    if args.json {
        let document = json!({
            "input": xs,
            "temperature": temperature,
            "probabilities": probabilities,
            "percentages": percentages,
            "log_probabilities": log_probabilities,
            "logsumexp": logsumexp,
            "naive": naive,
        });
        serde_json::to_writer(&mut *out, &document)?;
        writeln!(out)?;
        return Ok(());
    }

    if args.plot {
        return softmax_bars(&xs, &probabilities, environment, out);
    }
    let header = [
        "i".to_string(),
        "x".to_string(),
        "probability".to_string(),
        "percent".to_string(),
        "log-probability".to_string(),
    ];
    let rows: Vec<[String; 5]> = (0..n)
        .map(|i| {
            [
                i.to_string(),
                full_precision(xs[i]),
                full_precision(probabilities[i]),
                format!("{:6.2} %", percentages[i]),
                full_precision(log_probabilities[i]),
            ]
        })
        .collect();
    write_table(out, &header, &rows)?;
    let sum = kernel::compensated_sum(&probabilities);
    let argmax = kernel::argmax(&probabilities);
    let entropy = kernel::entropy(&probabilities, &log_probabilities);
    writeln!(
        out,
        "sum {sum:.12}   argmax {argmax}   entropy {} nats   temperature {}   logsumexp {}",
        full_precision(entropy),
        full_precision(temperature),
        full_precision(logsumexp),
    )?;
    if naive.iter().any(|v| !v.is_finite()) {
        writeln!(
            out,
            "note: the naive exp(x)/sum(exp(x)) gives NaN here (exp overflows or underflows); \
             subtracting max x first, as above, does not"
        )?;
    }
    Ok(())
}

/// The probabilities as labelled bars, as wide as the terminal (or 80 columns).
fn softmax_bars(
    xs: &[f64],
    probabilities: &[f64],
    environment: &Environment,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let theme = crate::theme::Theme {
        color: environment.color,
        unicode: environment.unicode,
    };
    let width = usize::from(environment.size.map_or(80, |(w, _)| w));
    let labels: Vec<String> = xs
        .iter()
        .enumerate()
        .map(|(i, &x)| format!("x{i} = {}", crate::format::input_value(x, 12)))
        .collect();
    let label_width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let bar_width = width.saturating_sub(label_width + 12).max(10);
    let (bar_start, bar_end) = if theme.color {
        ("\x1b[32m", "\x1b[0m")
    } else {
        ("", "")
    };
    for (label, &p) in labels.iter().zip(probabilities) {
        writeln!(
            out,
            "{label:<label_width$}  {:>8}  {bar_start}{}{bar_end}",
            crate::format::percent(p),
            theme.bar(p, bar_width)
        )?;
    }
    Ok(())
}

/// `actscope plot`: the TUI's chart, printed.
fn plot(args: &PlotArgs, environment: &Environment, out: &mut dyn Write) -> Result<(), Error> {
    let activation = find_activation(&args.name)?;
    let param = resolve_param(activation, args.param.as_deref())?;
    let from = option_number("--from", &args.from)?;
    let to = option_number("--to", &args.to)?;
    if from >= to || !(to - from).is_finite() {
        return Err(Error::BadInput(format!(
            "--from {from} --to {to}: the window needs from < to (and a finite width)"
        )));
    }
    if args.csv {
        if !(2..=10_000_000).contains(&args.samples) {
            return Err(Error::BadInput(format!(
                "--samples {}: choose 2 to 10000000",
                args.samples
            )));
        }
        let xs = crate::plot::grid((from, to), args.samples);
        let p = param.unwrap_or(0.0);
        let mut ys = vec![0.0; xs.len()];
        let mut dys = vec![0.0; xs.len()];
        activation.value_slice(environment.level, &xs, p, &mut ys);
        activation.derivative_slice(environment.level, &xs, p, &mut dys);
        return write_csv(out, &xs, &ys, &dys);
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
    let theme = crate::theme::Theme {
        color: environment.color && !args.no_color,
        unicode: environment.unicode && !args.ascii,
    };
    let marker = if theme.unicode {
        crate::app::MarkerKind::Braille
    } else {
        crate::app::MarkerKind::Ascii
    };
    let p = param.unwrap_or(0.0);
    let readout = match param {
        Some(value) => format!(
            " {} = {}   x in [{}, {}] ",
            activation.param().map_or("p", |spec| spec.name),
            full_precision(value),
            full_precision(from),
            full_precision(to)
        ),
        None => format!(" x in [{}, {}] ", full_precision(from), full_precision(to)),
    };
    let chart = crate::ui::CurvePlot {
        activation,
        param: p,
        window: (from, to),
        derivative: args.derivative,
        marker,
        points: Vec::new(),
        chosen: None,
        readout,
        compare: None,
        saturation: args.derivative,
    };
    let buffer = crate::ui::plot_buffer(&chart, &theme, width, height);
    out.write_all(crate::ui::buffer_to_text(&buffer, theme.color).as_bytes())?;
    Ok(())
}

/// The smallest and largest plot, in columns and rows.
const PLOT_MIN: (u16, u16) = (20, 6);
const PLOT_MAX: (u16, u16) = (1000, 500);

fn list(json: bool, out: &mut dyn Write) -> Result<(), Error> {
    if json {
        let mut entries: Vec<Value> = Activation::ALL
            .iter()
            .map(|a| {
                let param = a.param().map(|p| {
                    json!({
                        "name": p.name,
                        "meaning": p.meaning,
                        "default": p.default,
                        "valid": p.range_text(),
                    })
                });
                json!({
                    "name": a.name(),
                    "aliases": a.aliases(),
                    "formula": a.formula(),
                    "range": a.range_text(),
                    "max_derivative": a.derivative_bound(a.default_param()),
                    "framework_defaults": a.framework_defaults(),
                    "param": param,
                })
            })
            .collect();
        entries.push(json!({
            "name": "softmax",
            "aliases": [],
            "formula": SOFTMAX_FORMULA,
            "range": SOFTMAX_RANGE,
            "param": {"name": "temperature", "meaning": SOFTMAX_T_MEANING, "default": 1.0,
                      "valid": "temperature >= 0"},
        }));
        serde_json::to_writer_pretty(&mut *out, &entries)?;
        writeln!(out)?;
        return Ok(());
    }
    let width = Activation::ALL
        .iter()
        .map(|a| a.name().len())
        .max()
        .unwrap_or(0)
        + 3;
    let indent = " ".repeat(width);
    for a in Activation::ALL {
        writeln!(out, "{:<width$}{}", a.name(), a.formula())?;
        let mut details = format!(
            "range {}; max |f'| = {}",
            a.range_text(),
            full_precision(a.derivative_bound(a.default_param()))
        );
        if let Some(p) = a.param() {
            let _ = write!(
                details,
                "; {} {} = {} by default ({}), {}",
                p.name,
                p.symbol,
                p.default,
                p.meaning,
                p.range_text()
            );
        }
        if !a.aliases().is_empty() {
            let _ = write!(details, "; also {}", a.aliases().join(", "));
        }
        writeln!(out, "{indent}{details}")?;
        if let Some(defaults) = a.framework_defaults() {
            writeln!(out, "{indent}{defaults}")?;
        }
    }
    writeln!(out, "{:<width$}{SOFTMAX_FORMULA}", "softmax")?;
    writeln!(
        out,
        "{indent}range {SOFTMAX_RANGE}; temperature T = 1 by default ({SOFTMAX_T_MEANING}), T >= 0; \
         `actscope softmax`"
    )?;
    Ok(())
}

/// Time per kernel run the bench spends, at most.
const BENCH_BUDGET: std::time::Duration = std::time::Duration::from_millis(300);

fn bench(
    level: Level,
    size: usize,
    json: bool,
    kernels: Option<&[String]>,
    out: &mut dyn Write,
) -> Result<(), Error> {
    if !(1..=100_000_000).contains(&size) {
        return Err(Error::BadInput(format!(
            "--size: {size} elements; choose 1 to 100000000"
        )));
    }
    let known = crate::bench::kernel_names();
    if let Some(unknown) = kernels
        .unwrap_or_default()
        .iter()
        .find(|k| !known.contains(&k.as_str()))
    {
        return Err(Error::BadInput(format!(
            "--kernels: unknown kernel {unknown:?}; valid: {}",
            known.join(", ")
        )));
    }
    let report = crate::bench::run(level, size, BENCH_BUDGET, kernels);
    let entry = |t: &crate::bench::Timing| json!({"name": t.name, "ns_per_element": t.ns_per_element, "runs": t.runs});
    if json {
        let document = json!({
            "size": report.size,
            "level": report.level,
            "values": report.values.iter().map(entry).collect::<Vec<_>>(),
            "derivatives": report.derivatives.iter().map(entry).collect::<Vec<_>>(),
            "softmax": report.softmax.iter().map(entry).collect::<Vec<_>>(),
        });
        serde_json::to_writer(&mut *out, &document)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(
        out,
        "{} elements, {} kernels, median ns per element",
        report.size, report.level
    )?;
    let relu = report
        .values
        .iter()
        .find(|t| t.name == "relu")
        .map_or(1.0, |t| t.ns_per_element);
    let header = ["kernel", "f(x)", "f'(x)", "f(x) vs relu"].map(String::from);
    let mut rows: Vec<[String; 4]> = report
        .values
        .iter()
        .zip(&report.derivatives)
        .map(|(v, d)| {
            [
                v.name.clone(),
                format!("{:.2}", v.ns_per_element),
                format!("{:.2}", d.ns_per_element),
                format!("{:.1}x", v.ns_per_element / relu),
            ]
        })
        .collect();
    for t in &report.softmax {
        rows.push([
            t.name.clone(),
            format!("{:.2}", t.ns_per_element),
            "-".into(),
            format!("{:.1}x", t.ns_per_element / relu),
        ]);
    }
    write_table(out, &header, &rows)
}

const SOFTMAX_FORMULA: &str = "softmax(x)_i = e^(x_i/T) / Σ_j e^(x_j/T)";
const SOFTMAX_RANGE: &str = "(0, 1), summing to 1";
const SOFTMAX_T_MEANING: &str = "T > 1 flattens, T < 1 sharpens, 0 is argmax";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_columns_line_up() {
        let mut out = Vec::new();
        let header = ["a".to_string(), "bb".to_string()];
        let rows = [["ccc".to_string(), "d".to_string()]];
        write_table(&mut out, &header, &rows).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "a    bb\nccc  d\n");
    }
}
