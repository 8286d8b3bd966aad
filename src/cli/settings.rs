//! From what was typed to what runs: the explorer's starting [`Settings`], and the pieces every
//! subcommand shares (numbers from arguments or standard input, an activation by name, a
//! parameter checked against its range).

use std::io::{self, Read};

use super::Error;
use super::args::Cli;
use crate::app::{MAX_ELEMENTS, Settings, TABS, Tab};
use crate::input::{self, InputError};
use crate::kernel::{Activation, Temperature};
use crate::theme::MarkerKind;

impl Cli {
    /// The explorer's starting state from the options.
    ///
    /// # Errors
    /// [`Error::BadInput`] for an unknown tab, a bad vector, parameter or temperature.
    pub fn settings(&self) -> Result<Settings, Error> {
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
            let activation = match TABS[settings.tab] {
                Tab::Function(a) => a,
                Tab::Softmax => {
                    return Err(Error::BadInput(
                        "--param: the softmax tab's parameter is --temperature".into(),
                    ));
                }
                Tab::Formula => {
                    return Err(Error::BadInput(
                        "--param: declare the formula's parameters in it: --formula 'a = 0.2; \
                         x * sigmoid(a * x)'"
                            .into(),
                    ));
                }
            };
            settings.param = resolve_param(activation, Some(text))?;
        }
        if let Some(text) = &self.temperature {
            let t = option_number("--temperature", text)?;
            settings.sampler = settings.sampler.with_temperature(
                Temperature::new(t).map_err(|err| Error::BadInput(err.to_string()))?,
            );
        }
        if self.ascii {
            settings.marker = MarkerKind::Ascii;
        }
        Ok(settings)
    }
}

/// Reads the numbers given as arguments, or from `stdin` when the only argument is `-`.
pub(super) fn read_numbers(xs: &[String], stdin: &mut dyn Read) -> Result<Vec<f64>, Error> {
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
pub(super) fn option_number(option: &str, text: &str) -> Result<f64, Error> {
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
pub(super) fn resolve_param(
    activation: Activation,
    given: Option<&str>,
) -> Result<Option<f64>, Error> {
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
