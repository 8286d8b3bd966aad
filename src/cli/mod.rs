//! The command line: its arguments, what they mean, where vectors come from, the subcommands.
//!
//! Argument definitions (`args`) and how they are read ([`parse`](parse())), what they mean
//! (`settings`), where vectors come from (`input`), one file per subcommand, and the writers
//! they share (`output`).
//!
//! Every subcommand reads from a `Read` and writes to a `Write` handed in by `main`, so it runs the
//! same in tests as in a shell. Bad input is an [`Error::BadInput`] (exit status 2).

mod args;
mod bench;
mod eval;
mod formula;
mod input;
mod list;
mod output;
mod parse;
mod plot;
mod sample;
mod settings;
mod softmax;

use std::fmt;
use std::io::{self, Read, Write};

pub use args::{
    Cli, Command, EvalArgs, MAX_EXPLORER_DRAWS, MAX_SAMPLE_DRAWS, PlotArgs, SampleArgs,
    SamplerArgs, SoftmaxArgs, SourceArgs,
};
pub use parse::{Parsed, parse};
pub use settings::find_activation;

use crate::kernel::Level;

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
        Command::List { json } => list::run(*json, environment.unicode, out),
        Command::Eval(args) => eval::run(args, environment.level, stdin, out),
        Command::Softmax(args) => softmax::run(args, environment, stdin, out),
        Command::Sample(args) => sample::run(args, environment.level, stdin, out),
        Command::Plot(args) => plot::run(args, environment, out),
        Command::Bench {
            size,
            json,
            kernels,
            compare,
            rounds,
            python,
        } => {
            let peers = compare.then(|| bench::PeerOptions {
                python: python.as_str(),
                rounds: usize::from(*rounds),
            });
            bench::run(
                environment.level,
                *size,
                *json,
                kernels.as_deref(),
                peers,
                out,
            )
        }
    }
}
