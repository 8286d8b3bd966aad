//! `actscope`: parse the command line, run a subcommand, map failures to exit statuses.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use actscope::cli::{self, Cli};
use actscope::term;
use actscope::theme::Theme;

/// Exit status for unusable input or arguments.
const BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    let cli = match cli::parse(std::env::args_os()) {
        cli::Parsed::Run(cli) => cli,
        cli::Parsed::Printed(text) => {
            print!("{text}");
            return ExitCode::SUCCESS;
        }
        cli::Parsed::Refused(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(BAD_INPUT);
        }
    };
    let Some(command) = &cli.command else {
        return explorer(&cli);
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let environment = environment(&cli);
    let result = cli::run(command, &environment, &mut io::stdin().lock(), &mut out)
        .and_then(|()| out.flush().map_err(cli::Error::Io));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`actscope eval ... | head`) is the reader's choice, not an error.
        Err(cli::Error::Io(err)) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err @ cli::Error::BadInput(_)) => {
            eprintln!("error: {err}");
            ExitCode::from(BAD_INPUT)
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Where the output goes: a terminal (its size), colour, the locale's character set.
fn environment(cli: &Cli) -> cli::Environment {
    let terminal = io::stdout().is_terminal();
    let theme = Theme::from_env(cli.no_color, cli.ascii, |name| std::env::var(name).ok());
    cli::Environment {
        terminal,
        size: if terminal {
            crossterm::terminal::size().ok()
        } else {
            None
        },
        color: terminal && theme.color,
        unicode: theme.unicode,
        level: simd_level(),
    }
}

/// The instruction set the kernels run on: the best this CPU has, or a lower one that
/// `ACTSCOPE_SIMD=scalar|avx2|avx512` asks for.
fn simd_level() -> actscope::kernel::Level {
    std::env::var("ACTSCOPE_SIMD")
        .ok()
        .and_then(|name| actscope::kernel::Level::named(&name))
        .unwrap_or_else(actscope::kernel::Level::best)
}

/// Opens the explorer, or says why not.
fn explorer(cli: &Cli) -> ExitCode {
    let settings = match cli.settings() {
        // The kernels run on the level ACTSCOPE_SIMD asks for, as the subcommands' do.
        Ok(settings) => actscope::app::Settings {
            level: simd_level(),
            ..settings
        },
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(BAD_INPUT);
        }
    };
    if !io::stdout().is_terminal() {
        eprintln!(
            "error: the explorer needs a terminal, and standard output is not one; \
             for text, JSON or a chart use `actscope eval`, `actscope softmax`, \
             `actscope sample` or `actscope plot`"
        );
        return ExitCode::from(BAD_INPUT);
    }
    let theme = Theme::from_env(cli.no_color, cli.ascii, |name| std::env::var(name).ok());
    match term::run(&term::Options {
        settings,
        theme,
        mouse: cli.mouse,
    }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
