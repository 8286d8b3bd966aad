//! The command line's shape: the options and subcommands, as clap reads them.

use std::ffi::OsString;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand};

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
    /// The starting vector, 1 to 16 numbers: "1.2 0.9 0.4", "-1, 2, 3" or "[1.2, 0.9, 0.4]".
    #[arg(long, short, value_name = "NUMBERS", allow_hyphen_values = true)]
    pub input: Option<String>,
    /// The starting tab's parameter (leaky_relu and elu alpha, softplus beta).
    #[arg(long, short, value_name = "P", allow_hyphen_values = true)]
    pub param: Option<String>,
    /// The softmax temperature (>= 0; 0 is argmax).
    #[arg(
        long,
        short,
        visible_alias = "temp",
        value_name = "T",
        allow_hyphen_values = true
    )]
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
        /// Elements per slice: 1 to 100000000, as an integer or in exponent form (`1e6`).
        #[arg(long, short, default_value = "1e6", value_name = "N", value_parser = element_count)]
        size: usize,
        /// Print one JSON document instead of text.
        #[arg(long)]
        json: bool,
        /// Only these kernels, comma-separated (e.g. `sigmoid,relu,softmax`).
        #[arg(long, value_name = "NAMES", value_delimiter = ',')]
        kernels: Option<Vec<String>>,
        /// Also time NumPy/SciPy and PyTorch (one thread) on the same input, in alternating
        /// rounds, when `--python` can import them; the ratios are from this run only.
        #[arg(long)]
        compare: bool,
        /// Alternating rounds with `--compare` (each side's figure is the median of its rounds).
        #[arg(long, default_value_t = 3, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=99))]
        rounds: u16,
        /// The Python that `--compare` runs (one with numpy, scipy and torch).
        #[arg(long, default_value = "python3", value_name = "PATH")]
        python: String,
    },
}

/// `actscope eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The activation (see `actscope list`).
    pub name: String,
    /// The activation's parameter: leaky_relu and elu alpha, softplus beta.
    #[arg(long, short, value_name = "P", allow_hyphen_values = true)]
    pub param: Option<String>,
    /// Print one JSON document instead of text.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV (x,y,dy) instead of text.
    #[arg(long)]
    pub csv: bool,
    /// The inputs: numbers separated by spaces or commas (`-1, 2, 3`), brackets allowed; `-`
    /// reads standard input.
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
    #[arg(
        long,
        value_name = "A",
        default_value = "-5",
        allow_hyphen_values = true
    )]
    pub from: String,
    /// Right end of the x window.
    #[arg(
        long,
        value_name = "B",
        default_value = "5",
        allow_hyphen_values = true
    )]
    pub to: String,
    /// Width in columns, 20 to 1000 (default: the terminal's, else 80).
    #[arg(
        long,
        value_name = "W",
        allow_hyphen_values = true,
        value_parser = clap::value_parser!(u16).range(20..=1000)
    )]
    pub width: Option<u16>,
    /// Height in rows, 6 to 500 (default: the terminal's less one, else 24).
    #[arg(
        long,
        value_name = "H",
        allow_hyphen_values = true,
        value_parser = clap::value_parser!(u16).range(6..=500)
    )]
    pub height: Option<u16>,
    /// Draw f'(x) too, dotted.
    #[arg(long, short)]
    pub derivative: bool,
    /// The activation's parameter: leaky_relu and elu alpha, softplus beta.
    #[arg(long, short, value_name = "P", allow_hyphen_values = true)]
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
    /// The logits: numbers separated by spaces or commas (`-1, 2, 3`), brackets allowed; `-`
    /// reads standard input.
    #[arg(value_name = "X")]
    pub xs: Vec<String>,
}

/// An element count: an integer from 1 to 100000000, written plainly or in exponent form
/// (`1e6`, `2.5e5`).
fn element_count(text: &str) -> Result<usize, String> {
    let value: f64 = text
        .trim()
        .replace('_', "")
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))?;
    if value.fract() != 0.0 || !(1.0..=1e8).contains(&value) {
        return Err(format!(
            "{text:?}: choose a whole number from 1 to 100000000"
        ));
    }
    Ok(value as usize)
}

/// What reading the command line came to.
#[derive(Debug)]
pub enum Parsed {
    /// Arguments to run with.
    Run(Cli),
    /// Help or the version, to print on stdout as clap wrote it.
    Printed(String),
    /// Unusable arguments: one line saying why and where to look.
    Refused(String),
}

/// Reads the command line (`args` with the program name first).
///
/// Negative numbers stay numbers wherever a vector is expected (`actscope softmax -1, 2, 3`,
/// `actscope eval relu -1,2 --json`): an argument that starts like a negative number and is not
/// the value of an option is handed to clap with a leading space, which clap does not read as a
/// flag and the number parser ignores. Option values (`--width -5`, `--input '-1.5 2'`) are
/// left as typed: those options take a leading hyphen themselves.
#[must_use]
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Parsed {
    let args: Vec<OsString> = args.into_iter().collect();
    let (shielded, subcommand) = shield_negative_numbers(&args);
    match Cli::try_parse_from(shielded) {
        Ok(cli) => Parsed::Run(cli),
        Err(err)
            if matches!(
                err.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
            ) =>
        {
            Parsed::Printed(err.render().to_string())
        }
        Err(err) => Parsed::Refused(one_line(&err, subcommand.as_deref())),
    }
}

/// A clap error as one line: its messages without clap's tips, then where to look.
fn one_line(err: &clap::Error, subcommand: Option<&str>) -> String {
    let rendered = err.render().to_string();
    let mut message = String::new();
    for part in rendered
        .lines()
        .map(str::trim)
        .take_while(|line| !line.starts_with("Usage:"))
        .filter(|line| !line.is_empty() && !line.starts_with("For more information"))
    {
        let part = part.strip_prefix("error: ").unwrap_or(part);
        if !message.is_empty() {
            message.push_str(if message.ends_with(':') { " " } else { "; " });
        }
        message.push_str(part);
    }
    let command = subcommand.map_or_else(|| "actscope".to_string(), |s| format!("actscope {s}"));
    format!("{message} (see `{command} --help`)")
}

/// Whether `text` starts like a negative number (`-1`, `-.5`, `-1, 2`, `-inf`), not a flag.
fn looks_negative(text: &str) -> bool {
    let Some(rest) = text
        .strip_prefix('-')
        .or_else(|| text.strip_prefix('\u{2212}'))
    else {
        return false;
    };
    rest.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        || rest.get(..3).is_some_and(|word| {
            word.eq_ignore_ascii_case("inf") || word.eq_ignore_ascii_case("nan")
        })
}

/// The arguments with negative-number positionals shielded, and the subcommand named, if any.
fn shield_negative_numbers(args: &[OsString]) -> (Vec<OsString>, Option<String>) {
    let root = Cli::command();
    // Options of the root and of every subcommand that take a value.
    let takes_value = |command: &clap::Command, arg: &str| {
        command.get_arguments().any(|a| {
            a.get_action().takes_values()
                && !a.is_positional()
                && (a.get_long().is_some_and(|l| arg == format!("--{l}"))
                    || a.get_short().is_some_and(|c| arg == format!("-{c}"))
                    || a.get_all_aliases()
                        .into_iter()
                        .flatten()
                        .any(|l| arg == format!("--{l}")))
        })
    };
    let mut subcommand: Option<&clap::Command> = None;
    let mut out = Vec::with_capacity(args.len());
    let mut value_next = false;
    let mut after_dashes = false;
    for (i, arg) in args.iter().enumerate() {
        let Some(text) = arg.to_str() else {
            out.push(arg.clone());
            continue;
        };
        if i == 0 || value_next || after_dashes {
            value_next = false;
            out.push(if after_dashes && looks_negative(text) {
                format!(" {text}").into()
            } else {
                arg.clone()
            });
            continue;
        }
        if text == "--" {
            after_dashes = true;
            out.push(arg.clone());
            continue;
        }
        let command = subcommand.unwrap_or(&root);
        if looks_negative(text) {
            out.push(format!(" {text}").into());
            continue;
        }
        if text.starts_with('-') {
            value_next = !text.contains('=') && takes_value(command, text);
        } else if subcommand.is_none() {
            subcommand = root.get_subcommands().find(|c| c.get_name() == text);
        }
        out.push(arg.clone());
    }
    (out, subcommand.map(|c| c.get_name().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(line: &[&str]) -> Parsed {
        parse(
            std::iter::once("actscope")
                .chain(line.iter().copied())
                .map(OsString::from),
        )
    }

    #[test]
    fn negative_numbers_are_numbers_and_flags_are_flags() {
        let Parsed::Run(cli) = run(&["eval", "relu", "-1", "0", "1", "--json"]) else {
            panic!("refused")
        };
        let Some(Command::Eval(args)) = cli.command else {
            panic!("not eval")
        };
        assert!(args.json);
        assert_eq!(
            args.xs.iter().map(|x| x.trim()).collect::<Vec<_>>(),
            ["-1", "0", "1"]
        );
        let Parsed::Run(cli) = run(&["softmax", "-1,", "2,", "3", "-t", "-0.5"]) else {
            panic!("refused")
        };
        let Some(Command::Softmax(args)) = cli.command else {
            panic!("not softmax")
        };
        assert_eq!(args.temperature.as_deref(), Some("-0.5"));
        let Parsed::Run(cli) = run(&["--input", "-1.5 2", "--tab", "sigmoid"]) else {
            panic!("refused")
        };
        assert_eq!(cli.input.as_deref(), Some("-1.5 2"));
    }

    #[test]
    fn errors_are_one_line_about_the_right_command() {
        let Parsed::Refused(message) = run(&["plot", "sigmoid", "--width", "-5"]) else {
            panic!("accepted")
        };
        assert!(message.contains("'-5'"), "{message}");
        assert!(!message.contains("' -5'"), "{message}");
        assert!(
            message.ends_with("(see `actscope plot --help`)"),
            "{message}"
        );
        assert_eq!(message.matches("--help").count(), 1, "{message}");
        assert!(!message.contains('\n'));
        let Parsed::Run(cli) = run(&["bench", "--size", "1e6"]) else {
            panic!("refused 1e6")
        };
        assert!(matches!(
            cli.command,
            Some(Command::Bench {
                size: 1_000_000,
                ..
            })
        ));
    }
}
