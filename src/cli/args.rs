//! The command line's shape: the options and subcommands, as clap reads them.

use clap::{Args, Parser, Subcommand};

const EXAMPLES: &str = "\
Examples:
  actscope list
  actscope eval sigmoid 1.2 0.9 0.4
  actscope eval leaky_relu --param 0.2 -3 0 3
  actscope eval gelu --json -5 0 5
  actscope eval sigmoid --precision f16 -20 0 17
  actscope eval tanh --precision bf16 --like pytorch 0.5 3
  actscope softmax 2.3 -0.9 3.6
  actscope softmax --temperature 0.5 '[1, 2, 3]'
  actscope softmax --precision f16 --like pytorch 12 1
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
    /// Print CSV (x,y,dy; with --precision also flag,dy_flag) instead of text.
    #[arg(long)]
    pub csv: bool,
    #[command(flatten)]
    pub model: ModelArgs,
    /// The inputs: numbers separated by spaces or commas, brackets allowed; `-` reads standard input.
    #[arg(value_name = "X")]
    pub xs: Vec<String>,
}

/// `--precision` and `--like`, shared by `eval` and `softmax`.
#[derive(Debug, Args)]
pub struct ModelArgs {
    /// Compute in this format the way a framework does: f32, f16 or bf16 (x rounded to it first;
    /// each value flagged overflow, underflow or saturated). f64 is the kernel's own accurate
    /// value, the same as leaving the option out.
    #[arg(long, value_name = "FORMAT")]
    pub precision: Option<String>,
    /// Whose arithmetic --precision copies. numpy (the default, as the explorer's p key): the
    /// NumPy code a person writes, e.g. 1 / (1 + np.exp(-x)), every operation rounded to the
    /// format. pytorch: torch.nn.functional on a CPU tensor, f32 inside and rounded once, and its
    /// autograd for f'. Needs --precision f32, f16 or bf16.
    #[arg(long, value_name = "FRAMEWORK")]
    pub like: Option<String>,
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
    #[command(flatten)]
    pub model: ModelArgs,
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
