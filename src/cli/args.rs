//! The command line's shape: the options and subcommands, as clap reads them.
//!
//! What the values mean is [`super::settings`]'s and [`super::input`]'s business;
//! [`super::parse`](mod@super::parse) reads them.

use clap::{Args, Parser, Subcommand};

use crate::kernel::{Activation, Order, Step};

const EXAMPLES: &str = "\
Examples:
  actscope --tab softmax --input 'cat=1.2 dog=0.9 bird=0.4' --top-p 0.9
  actscope --tab softmax --input-file logits.npy --panel sampler
  printf '1 2 3' | actscope --input-file -
  actscope list
  actscope eval sigmoid 1.2 0.9 0.4
  actscope eval leaky_relu --param 0.2 -3 0 3
  actscope eval gelu --json -5 0 5
  actscope eval sigmoid --precision f16 -20 0 17
  actscope eval tanh --precision bf16 --like pytorch 0.5 3
  actscope softmax 2.3 -0.9 3.6
  actscope softmax cat=1.2 dog=0.9 bird=0.4
  actscope softmax --temperature 0.5 --sparse '[1, 2, 3]'
  actscope softmax --precision f16 --like pytorch 12 1
  actscope sample --top-p 0.9 --order llama.cpp -- cat=1.2 dog=0.9 bird=0.4
  actscope sample --top-k 40 --draws 1000 --seed 3 --input-file logits.npy
  seq -5 5 | actscope eval tanh -
  echo '[900, 1000, 1000]' | actscope softmax --json -

Vectors (--input, --input-file, arguments, standard input): numbers separated by spaces, commas
or newlines, brackets allowed (`1.2 0.9 0.4`, `[1.2, 0.9, 0.4]`); label=value tokens (`cat=1.2
dog=0.9`); `label value` or CSV `label,value` lines (a header line is skipped); JSON: an array
of numbers, of [label, value] pairs, or a {\"label\": value} object; NumPy .npy (1-D float32 or
float64, as np.save writes it; files and standard input only). A label is text, never a number,
and each label appears once.";

const EXAMPLES_SAMPLE: &str = "\
Examples:
  actscope sample --top-p 0.9 -- cat=1.2 dog=0.9 bird=0.4
  actscope sample --temperature 0.5 --top-k 2 --order llama.cpp 1.2 0.9 0.4
  actscope sample --min-p 0.1 --draws 1000 --seed 3 --input-file logits.npy
  actscope sample --json --top-p 0.9 --labels cat,dog,bird 1.2 0.9 0.4
  python -c 'print(*[1.2, 0.9, 0.4])' | actscope sample --top-k 2 -

Each filter sees what the steps before it left, renormalised; the final probabilities are the
softmax of the survivors at the temperature (0 for every filtered entry). Off values: top-k 0,
top-p 1, min-p 0.";

/// `softmax --precision`: what it prints (its output has no per-value flags, unlike `eval`'s).
const SOFTMAX_PRECISION: &str = "Compute in this format the way a framework does: f32, f16 or \
bf16 (x / T rounded to it first): the max-subtracted softmax and its log, and the naive \
exp(x) / sum(exp(x)) and its log, each the format's value; a note says where either form gives \
NaN or inf, and why; a column gives x in the format (x_rounded in JSON). f64 gives the \
kernel's own accurate values, as leaving the option out does, and says so (a first line; \
\"precision\": \"f64\" in JSON)";

/// `softmax --like`: the code each framework runs.
const SOFTMAX_LIKE: &str = "Whose arithmetic --precision copies. numpy (the default, as the \
explorer's p key): e = np.exp(x - np.max(x)); e / np.sum(e), every operation rounded to the \
format, np.sum as NumPy adds. pytorch: torch.softmax and torch.log_softmax on a CPU tensor, f32 \
inside and rounded once. Needs --precision f32, f16 or bf16";

/// The heading of the options that give the vector.
const INPUT: &str = "Input";
/// The heading of a sampler's options (the explorer's Softmax tab, `actscope sample`).
const SAMPLER: &str = "Sampler";
/// The heading of the explorer's other Softmax-tab options.
const SOFTMAX_TAB: &str = "Softmax tab";
/// The help heading of the Formula tab's option.
const FORMULA_TAB: &str = "Formula tab";

/// The most samples the explorer draws: it counts them again on every redraw (about 25 ms for a
/// million over 50,000 logits, in a release build).
pub const MAX_EXPLORER_DRAWS: usize = 1_000_000;
/// The most samples `actscope sample` draws: a few seconds at most.
pub const MAX_SAMPLE_DRAWS: usize = 100_000_000;

/// actscope: explore neural-network activation functions.
///
/// Without a subcommand, opens the explorer: one tab per activation with its curve and derivative,
/// and an input vector whose outputs and softmax probabilities follow every keystroke (? lists the
/// keys). Its Softmax tab is a probability lab: labelled logits of any length, a sampler's
/// temperature, top-k, top-p and min-p in an engine's order, and sparsemax beside softmax. The
/// subcommands print the same numbers for scripts.
#[derive(Debug, Parser)]
#[command(name = "actscope", version, after_help = EXAMPLES)]
pub struct Cli {
    /// What to do; without one, the explorer opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The tab to open on: an activation name, `softmax` or `formula`.
    #[arg(long, value_name = "NAME")]
    pub tab: Option<String>,
    /// The starting tab's parameter.
    #[arg(long, short, value_name = "P", allow_hyphen_values = true, action = clap::ArgAction::Append, help = param_help("The starting tab's parameter"))]
    pub param: Vec<String>,
    /// The starting vector, up to 1,000,000 elements: numbers ("1.2 0.9 0.4", "-1, 2, 3",
    /// "[1.2, 0.9, 0.4]") or label=value tokens ("cat=1.2 dog=0.9 bird=0.4").
    #[arg(long, short, value_name = "TEXT", allow_hyphen_values = true, help_heading = INPUT)]
    pub input: Option<String>,
    /// Read the starting vector from a file, `-` for standard input (the keys still come from the
    /// terminal); any format below, .npy included; up to 1,000,000 elements.
    #[arg(long, value_name = "PATH", conflicts_with = "input", help_heading = INPUT)]
    pub input_file: Option<String>,
    /// A label for each number of a vector given without labels: CSV (`cat,dog,bird`,
    /// `"New York",Paris`), or words when there is no comma (`cat dog bird`).
    #[arg(long, value_name = "LIST", allow_hyphen_values = true, help_heading = INPUT)]
    pub labels: Option<String>,
    /// The softmax temperature (>= 0; 0 is argmax).
    #[arg(
        long,
        short,
        visible_alias = "temp",
        value_name = "T",
        allow_hyphen_values = true,
        help_heading = SAMPLER
    )]
    pub temperature: Option<String>,
    #[command(flatten)]
    pub sampler: SamplerArgs,
    /// What the Softmax tab's panel shows: softmax (the default), sampler (what each filter
    /// keeps, and the final distribution) or sparse (sparsemax and 1.5-entmax).
    #[arg(long, value_name = "PANEL", help_heading = SOFTMAX_TAB)]
    pub panel: Option<String>,
    /// The order of the panel's rows: input, or probability (the most probable first); by
    /// default input up to 16 elements, probability beyond.
    #[arg(long, value_name = "ORDER", help_heading = SOFTMAX_TAB)]
    pub sort: Option<String>,
    /// Draw N samples from the sampler's final distribution at the start and show the counts
    /// (the sampler panel): 1 to 1000000, 1e6 works too (the explorer counts them again on
    /// every redraw). The n key draws with the next seed.
    #[arg(long, value_name = "N", allow_hyphen_values = true, help_heading = SAMPLER)]
    pub draws: Option<String>,
    /// The draws' seed, 0 to 18446744073709551615 (default 0); alone, it draws 1000 samples.
    #[arg(long, value_name = "S", allow_hyphen_values = true, help_heading = SAMPLER)]
    pub seed: Option<String>,
    /// Open the Formula tab on this f(x): `x * sigmoid(1.702 * x)`,
    /// `a = 0.2; where(x > 0, x, a * x)`; every activation's name, + - * / ^, exp ln log1p
    /// expm1 sqrt abs min max sin cos tanh erf erfc where, pi, e. --param NAME=VALUE sets a
    /// parameter.
    #[arg(long, value_name = "EXPR", allow_hyphen_values = true, help_heading = FORMULA_TAB)]
    pub formula: Option<String>,
    /// Open in this format: f64 (the default: the kernel's own values), f32, f16 or bf16, each
    /// computed as NumPy and as PyTorch do, side by side (the p key cycles them).
    #[arg(long, value_name = "FORMAT")]
    pub precision: Option<String>,
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
    #[command(after_help = eval_names())]
    Eval(EvalArgs),
    /// Softmax probabilities, percentages and log-probabilities of a vector; sparsemax and
    /// 1.5-entmax beside them.
    #[command(
        mut_arg("precision", |arg| arg.help(SOFTMAX_PRECISION)),
        mut_arg("like", |arg| arg.help(SOFTMAX_LIKE))
    )]
    Softmax(SoftmaxArgs),
    /// What a sampler keeps of a vector of logits: temperature, top-k, top-p and min-p in an
    /// engine's order, the final probabilities, and seeded draws from them.
    #[command(after_help = EXAMPLES_SAMPLE)]
    Sample(SampleArgs),
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

/// Where a subcommand's vector comes from when not from its arguments, and labels for it.
#[derive(Debug, Args)]
pub struct SourceArgs {
    /// Read the vector from a file instead of the arguments, `-` for standard input: numbers,
    /// label=value tokens, `label value` or CSV lines, JSON (an array of numbers or of
    /// [label, value] pairs, or an object) or NumPy .npy (1-D float32 or float64).
    #[arg(long, value_name = "PATH", conflicts_with = "xs", help_heading = INPUT)]
    pub input_file: Option<String>,
    /// A label for each number of a vector given without labels: CSV (`cat,dog,bird`,
    /// `"New York",Paris`), or words when there is no comma (`cat dog bird`).
    #[arg(long, value_name = "LIST", allow_hyphen_values = true, help_heading = INPUT)]
    pub labels: Option<String>,
}

/// A sampler's filters and their order, for the explorer and `actscope sample`.
#[derive(Debug, Args)]
pub struct SamplerArgs {
    /// Keep the K most probable entries (0 = off, the default).
    #[arg(long, value_name = "K", allow_hyphen_values = true, help_heading = SAMPLER)]
    pub top_k: Option<String>,
    /// Keep the fewest most probable entries whose probabilities add up to P, in (0, 1]
    /// (1 = off, the default).
    #[arg(long, value_name = "P", allow_hyphen_values = true, help_heading = SAMPLER)]
    pub top_p: Option<String>,
    /// Keep the entries at least M times as probable as the most probable one, in [0, 1]
    /// (0 = off, the default).
    #[arg(long, value_name = "M", allow_hyphen_values = true, help_heading = SAMPLER)]
    pub min_p: Option<String>,
    /// The order the steps run in.
    #[arg(long, value_name = "ORDER", help = order_help(), help_heading = SAMPLER)]
    pub order: Option<String>,
}

/// `actscope eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The activation (see `actscope list`); not with --formula.
    #[arg(required_unless_present = "formula")]
    pub name: Option<String>,
    /// Evaluate this formula instead of an activation (its f' is exact, by dual numbers):
    /// `x * tanh(softplus(x))`, `a = 0.2; max(a * x, x)`; --param NAME=VALUE sets a parameter.
    #[arg(long, value_name = "EXPR", allow_hyphen_values = true)]
    pub formula: Option<String>,
    /// The activation's parameter.
    #[arg(long, short, value_name = "P", allow_hyphen_values = true, action = clap::ArgAction::Append, help = param_help("The activation's parameter"))]
    pub param: Vec<String>,
    /// Print one JSON document instead of text.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV (x,y,dy; with --precision x,x_rounded,y,dy,flag,dy_flag, x_rounded being x in
    /// the format; with labels a label column first) instead of text.
    #[arg(long)]
    pub csv: bool,
    #[command(flatten)]
    pub model: ModelArgs,
    #[command(flatten)]
    pub source: SourceArgs,
    /// The inputs: numbers separated by spaces or commas (`-1, 2, 3`), brackets allowed, or
    /// label=value tokens (`cat=1.2 dog=0.9`); `-` reads standard input.
    #[arg(value_name = "X")]
    pub xs: Vec<String>,
}

/// `--precision` and `--like`, shared by `eval` and `softmax`.
#[derive(Debug, Args)]
pub struct ModelArgs {
    /// Compute in this format the way a framework does: f32, f16 or bf16 (x rounded to it first;
    /// each value flagged with what happened to it: overflow, harmless overflow, input
    /// overflows, underflow, saturated or cancelled to 0). f64 gives the kernel's own accurate
    /// values, as leaving the option out does, and says so (a first line; "precision": "f64" and
    /// the flags, all null, in JSON).
    #[arg(long, value_name = "FORMAT")]
    pub precision: Option<String>,
    /// Whose arithmetic --precision copies. numpy (the default, as the explorer's p key): the
    /// NumPy code a person writes, e.g. 1 / (1 + np.exp(-x)), every operation rounded to the
    /// format (float32 with NumPy's own exp, log, tanh, log1p, expm1 on AVX-512; GELU on f16
    /// returns float64, as SciPy's erf does; bf16 is ml_dtypes.bfloat16 arrays, which a Python
    /// float such as 0.5 makes float32 from there on, and the output says what the code
    /// returns). pytorch: torch.nn.functional on a CPU tensor, f32
    /// inside and rounded once, and its autograd for f'; its vectorised path (what elements in
    /// whole blocks of 32 (f32) or 64 (f16, bf16) get), not its scalar path (a tensor's last
    /// few elements, a one-element tensor), which differs in the last bit for gelu, mish, silu,
    /// sigmoid in places. Needs --precision f32, f16 or bf16.
    #[arg(long, value_name = "FRAMEWORK")]
    pub like: Option<String>,
}

/// `actscope plot`.
#[derive(Debug, Args)]
#[allow(clippy::struct_excessive_bools)] // command-line flags
pub struct PlotArgs {
    /// The activation (see `actscope list`); not with --formula.
    #[arg(required_unless_present = "formula")]
    pub name: Option<String>,
    /// Draw this formula instead of an activation; --param NAME=VALUE sets a parameter.
    #[arg(
        long,
        value_name = "EXPR",
        allow_hyphen_values = true,
        conflicts_with = "name"
    )]
    pub formula: Option<String>,
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
    /// The activation's parameter.
    #[arg(long, short, value_name = "P", allow_hyphen_values = true, action = clap::ArgAction::Append, help = param_help("The activation's parameter"))]
    pub param: Vec<String>,
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
    /// Print one JSON document instead of text (with `sparsemax` and `entmax15` arrays, exact
    /// zeros as 0.0, unless --precision names a framework's format).
    #[arg(long)]
    pub json: bool,
    /// Show the probabilities as labelled bars.
    #[arg(long, conflicts_with = "json")]
    pub plot: bool,
    /// Add sparsemax and 1.5-entmax columns (of x / T; exact zeros print as 0).
    #[arg(long, conflicts_with_all = ["json", "plot"])]
    pub sparse: bool,
    #[command(flatten)]
    pub model: ModelArgs,
    #[command(flatten)]
    pub source: SourceArgs,
    /// The logits: numbers separated by spaces or commas (`-1, 2, 3`), brackets allowed, or
    /// label=value tokens (`cat=1.2 dog=0.9`); `-` reads standard input.
    #[arg(value_name = "X")]
    pub xs: Vec<String>,
}

/// `actscope sample`.
#[derive(Debug, Args)]
pub struct SampleArgs {
    /// Divide the logits by T (>= 0; 0 is the argmax limit) where the order puts it.
    #[arg(
        long,
        short,
        visible_alias = "temp",
        allow_hyphen_values = true,
        value_name = "T",
        help_heading = SAMPLER
    )]
    pub temperature: Option<String>,
    #[command(flatten)]
    pub sampler: SamplerArgs,
    /// Draw N samples from the final distribution and show each count beside the expected N·p:
    /// 1 to 100000000 (1e6 works too).
    #[arg(long, value_name = "N", allow_hyphen_values = true, help_heading = SAMPLER)]
    pub draws: Option<String>,
    /// The draws' seed, 0 to 18446744073709551615 (default 0); alone, it draws 1000 samples.
    /// The same seed draws the same counts as the explorer's.
    #[arg(long, value_name = "S", allow_hyphen_values = true, help_heading = SAMPLER)]
    pub seed: Option<String>,
    /// Print one JSON document instead of text.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub source: SourceArgs,
    /// The logits: numbers separated by spaces or commas (`-1, 2, 3`), brackets allowed, or
    /// label=value tokens (`cat=1.2 dog=0.9`); `-` reads standard input.
    #[arg(value_name = "X")]
    pub xs: Vec<String>,
}

/// The help of `--param`: `what`, then each activation that takes one and the parameter's name.
fn param_help(what: &str) -> String {
    let takers: Vec<String> = Activation::ALL
        .iter()
        .filter_map(|a| a.param().map(|spec| format!("{} {}", a.name(), spec.name)))
        .collect();
    format!(
        "{what}: {}; with --formula, NAME=VALUE (repeat it, or a=1,b=2)",
        takers.join(", ")
    )
}

/// The help of `--order`: each order's name and steps.
fn order_help() -> String {
    let orders: Vec<String> = Order::ALL
        .iter()
        .map(|order| {
            let steps: Vec<&str> = order.steps().iter().map(|&step| step_name(step)).collect();
            let default = if *order == Order::Hf {
                "; the default"
            } else {
                ""
            };
            format!("{} ({}{default})", order.name(), steps.join(", "))
        })
        .collect();
    format!(
        "The order the steps run in, as an engine runs them: {}",
        orders.join(", ")
    )
}

/// A sampler step's name: `temperature`, `top-k`, `top-p`, `min-p`.
#[must_use]
pub fn step_name(step: Step) -> &'static str {
    match step {
        Step::Temperature => "temperature",
        Step::Filter(filter) => filter.name(),
    }
}

/// `eval`'s list of names, from the catalogue.
fn eval_names() -> String {
    let names: Vec<String> = Activation::ALL
        .iter()
        .map(|a| match a.aliases() {
            [] => a.name().to_string(),
            aliases => format!("{} ({})", a.name(), aliases.join(", ")),
        })
        .collect();
    format!(
        "Names (aliases in brackets; `actscope list` shows formulas and ranges): {}.\n\n\
         Numbers may be negative: `actscope eval relu -1 0 1`. Labels travel with them: \
         `actscope eval sigmoid cat=1.2 dog=-0.9`.",
        names.join(", ")
    )
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn generated_help_names_every_activation_and_order() {
        let names = eval_names();
        for a in Activation::ALL {
            assert!(names.contains(a.name()), "{}", a.name());
        }
        assert!(names.contains("silu (swish)"), "{names}");
        let params = param_help("P");
        for name in [
            "leaky_relu alpha",
            "elu alpha",
            "softplus beta",
            "silu beta",
        ] {
            assert!(params.contains(name), "{params}");
        }
        let orders = order_help();
        assert!(
            orders.contains("llama.cpp (top-k, top-p, min-p, temperature)"),
            "{orders}"
        );
        assert!(
            orders.contains("hf (temperature, top-k, top-p, min-p; the default)"),
            "{orders}"
        );
    }
}
