//! Reading the command line: negative numbers kept as numbers, clap's errors made one line.

use std::ffi::OsString;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};

use super::args::Cli;
#[cfg(test)]
use super::args::Command;

/// What reading the command line came to.
#[derive(Debug)]
pub enum Parsed {
    /// Arguments to run with.
    Run(Box<Cli>),
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
        Ok(cli) => Parsed::Run(Box::new(cli)),
        Err(err)
            if matches!(
                err.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
            ) =>
        {
            Parsed::Printed(err.render().to_string())
        }
        Err(err) => Parsed::Refused(
            no_precision_mode(&err, subcommand.as_deref())
                .unwrap_or_else(|| one_line(&err, subcommand.as_deref())),
        ),
    }
}

/// For `--precision` or `--like` given to a command that has no precision mode: that plainly,
/// and what has one (clap would suggest `-- --precision`, or a similar flag); for the
/// explorer's `--like`, that it shows both models.
fn no_precision_mode(err: &clap::Error, subcommand: Option<&str>) -> Option<String> {
    use clap::error::{ContextKind, ContextValue};
    if err.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(arg)) = err.get(ContextKind::InvalidArg) else {
        return None;
    };
    let option = ["--precision", "--like"]
        .into_iter()
        .find(|option| arg == option || arg.starts_with(&format!("{option}=")))?;
    let Some(command) = subcommand else {
        // The explorer has --precision, and no --like: it shows both models.
        return (option == "--like").then(|| {
            "--like: the explorer shows NumPy's and PyTorch's models side by side: open them \
             with --precision f32|f16|bf16, or press p (see `actscope --help`)"
                .to_string()
        });
    };
    let why = match command {
        "list" => "it lists the activations and computes nothing",
        "bench" => "it times the kernels, which compute in f64",
        _ => "it computes in f64",
    };
    let instead = match command {
        "sample" => {
            "for a framework's softmax in f32, f16 or bf16 use `actscope softmax --precision \
             FORMAT --like numpy|pytorch`"
        }
        "plot" => {
            "for a framework's values in f32, f16 or bf16 use `actscope eval NAME --precision \
             FORMAT --like numpy|pytorch`, or the explorer's p key"
        }
        _ => "`eval`, `softmax` and the explorer have one",
    };
    Some(format!(
        "{option}: `actscope {command}` has no precision mode: {why}; {instead} (see \
         `actscope {command} --help`)"
    ))
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
    fn commands_without_a_precision_mode_say_so() {
        for (line, instead) in [
            (
                &["sample", "--precision", "f16", "1", "2"][..],
                "actscope softmax --precision",
            ),
            (
                &["sample", "--like=numpy", "1"],
                "actscope softmax --precision",
            ),
            (
                &["plot", "sigmoid", "--precision", "f16"],
                "actscope eval NAME --precision",
            ),
            (
                &["list", "--precision", "f16"],
                "`eval`, `softmax` and the explorer",
            ),
        ] {
            let Parsed::Refused(message) = run(line) else {
                panic!("{line:?} accepted")
            };
            let command = line[0];
            assert!(
                message.contains(&format!("`actscope {command}` has no precision mode")),
                "{message}"
            );
            assert!(message.contains(instead), "{message}");
            assert!(!message.contains("-- --"), "{message}");
            assert!(!message.contains('\n'), "{message}");
        }
        // The explorer has one.
        assert!(matches!(run(&["--precision", "f16"]), Parsed::Run(_)));
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
