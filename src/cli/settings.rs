//! From what was typed to what runs: the explorer's starting [`Settings`] and the shared pieces.
//!
//! The pieces the subcommands share: an activation by name, a parameter checked against its range,
//! a sampler's settings and draws. Vectors are [`super::input`]'s.

use std::io::{self, Read};

use super::Error;
use super::args::{Cli, MAX_EXPLORER_DRAWS, SamplerArgs};
use super::input::{apply_labels, read_file};
use crate::app::{
    DEFAULT_DRAWS, DEFAULT_FORMULA, DEFAULT_VALUES, Draws, FORMULA_TAB, MAX_ELEMENTS, Panel,
    Settings, Sort, TABS, Tab,
};
use crate::format::grouped;
use crate::input::{self, InputError, Vector};
use crate::kernel::precision::Precision;
use crate::kernel::{Activation, Order, SamplerSettings, Temperature};
use crate::theme::MarkerKind;

/// A format by name, as `--precision` takes it: f64, f32, f16, bf16 (and their other names).
///
/// # Errors
/// [`Error::BadInput`] naming the valid formats.
pub(super) fn parse_precision(name: &str) -> Result<Precision, Error> {
    Precision::from_name(name).ok_or_else(|| {
        Error::BadInput(format!(
            "--precision: unknown format {name:?}; valid: f64, f32, f16, bf16"
        ))
    })
}

/// The largest top-k taken: every whole number up to it is exact in an `f64`.
const MAX_TOP_K: f64 = 9_007_199_254_740_992.0;

impl Cli {
    /// The explorer's starting state from the options; `--input-file -` reads the process's
    /// standard input.
    ///
    /// # Errors
    /// [`Error::BadInput`] for an unknown tab, panel or order, a bad vector, file, label list,
    /// parameter, temperature, filter or draw count.
    pub fn settings(&self) -> Result<Settings, Error> {
        self.settings_reading(&mut io::stdin().lock())
    }

    /// As [`Cli::settings`], with `--input-file -` reading `stdin`.
    ///
    /// # Errors
    /// As [`Cli::settings`].
    pub fn settings_reading(&self, stdin: &mut dyn Read) -> Result<Settings, Error> {
        let mut settings = Settings::default();
        if let Some(name) = &self.tab {
            let (tab, gelu_tanh) = Tab::from_name(name).ok_or_else(|| {
                let names: Vec<&str> = Activation::ALL.iter().map(|a| a.name()).collect();
                let hint = crate::app::nearest_tab(name)
                    .map_or(String::new(), |near| format!(" (did you mean {near}?)"));
                Error::BadInput(format!(
                    "--tab: unknown tab {name:?}{hint}; valid: {}, softmax, formula",
                    names.join(", ")
                ))
            })?;
            settings.tab = tab;
            settings.gelu_tanh = gelu_tanh;
        }
        let (vector, source) = self.starting_vector(stdin)?;
        settings.values = vector.values;
        settings.labels = vector.labels;
        settings.source = source;
        if let Some(text) = &self.formula {
            if settings.tab != FORMULA_TAB && self.tab.is_some() {
                return Err(Error::BadInput(format!(
                    "--formula opens the Formula tab; with --tab {} it would not show: drop \
                     --tab, or give --tab formula",
                    self.tab.as_deref().unwrap_or_default()
                )));
            }
            settings.tab = FORMULA_TAB;
            let params = joined(&self.param);
            settings.formula = Some(super::formula::parse(text, params.as_deref())?);
        }
        if let Some(text) = joined(&self.param) {
            match TABS[settings.tab] {
                Tab::Function(activation) => {
                    settings.param = resolve_param(activation, single(&self.param)?)?;
                }
                Tab::Softmax => {
                    return Err(Error::BadInput(
                        "--param: the softmax tab's parameter is --temperature".into(),
                    ));
                }
                Tab::Formula if self.formula.is_none() => {
                    settings.formula = Some(super::formula::parse(DEFAULT_FORMULA, Some(&text))?);
                }
                Tab::Formula => {}
            }
        }
        settings.sampler = sampler_settings(self.temperature.as_deref(), &self.sampler)?;
        if let Some(name) = &self.panel {
            settings.panel = Panel::from_name(name.trim()).ok_or_else(|| {
                let names: Vec<&str> = Panel::ALL.iter().map(|p| p.name()).collect();
                Error::BadInput(format!(
                    "--panel: unknown panel {name:?}; valid: {}",
                    names.join(", ")
                ))
            })?;
        }
        if let Some(name) = &self.sort {
            settings.sort = Some(Sort::from_name(name.trim()).ok_or_else(|| {
                Error::BadInput(format!(
                    "--sort: unknown order {name:?}; valid: input, probability"
                ))
            })?);
        }
        settings.draws = draws(
            self.draws.as_deref(),
            self.seed.as_deref(),
            MAX_EXPLORER_DRAWS,
        )?;
        if let Some(name) = &self.precision {
            settings.precision = parse_precision(name)?;
        }
        if self.ascii {
            settings.marker = MarkerKind::Ascii;
        }
        Ok(settings)
    }

    /// The starting vector (`--input`, `--input-file` or the default, labelled by `--labels`),
    /// and the file to name in the reopen command, if it came from one.
    fn starting_vector(&self, stdin: &mut dyn Read) -> Result<(Vector, Option<String>), Error> {
        let (vector, source) = match (&self.input, &self.input_file) {
            (Some(text), _) => (
                input::parse_text(text)
                    .map_err(|err| Error::BadInput(format!("--input: {err}")))?,
                None,
            ),
            (None, Some(path)) => {
                let vector = read_file(path, stdin)?;
                // The reopen command names the file from anywhere; labels given apart are not
                // in it, so then it lists the values instead.
                let source = (path != "-" && self.labels.is_none())
                    .then(|| std::fs::canonicalize(path).ok())
                    .flatten()
                    .and_then(|path| path.to_str().map(str::to_string));
                (vector, source)
            }
            (None, None) => (Vector::unlabelled(DEFAULT_VALUES.to_vec()), None),
        };
        let vector = apply_labels(vector, self.labels.as_deref())?;
        if vector.values.len() > MAX_ELEMENTS {
            let option = if self.input.is_some() {
                "--input"
            } else {
                "--input-file"
            };
            return Err(Error::BadInput(format!(
                "{option}: {} elements, the explorer takes at most {} (the subcommands take any \
                 number)",
                grouped(vector.values.len()),
                grouped(MAX_ELEMENTS)
            )));
        }
        Ok((vector, source))
    }
}

/// A sampler's settings from `--temperature` and the filter options; each bad value refused
/// naming its option.
pub(super) fn sampler_settings(
    temperature: Option<&str>,
    args: &SamplerArgs,
) -> Result<SamplerSettings, Error> {
    let mut settings = SamplerSettings::default();
    if let Some(text) = temperature {
        settings = settings.with_temperature(parse_temperature(text)?);
    }
    if let Some(text) = &args.top_k {
        let k = option_number("--top-k", text)?;
        if k.fract() != 0.0 || !(0.0..=MAX_TOP_K).contains(&k) {
            return Err(Error::BadInput(format!(
                "--top-k: expected a whole number >= 0 (0 = off), got {}",
                text.trim()
            )));
        }
        settings = settings.with_top_k(k as usize);
    }
    if let Some(text) = &args.top_p {
        settings = settings
            .with_top_p(option_number("--top-p", text)?)
            .map_err(|err| Error::BadInput(format!("--top-p: {err}")))?;
    }
    if let Some(text) = &args.min_p {
        settings = settings
            .with_min_p(option_number("--min-p", text)?)
            .map_err(|err| Error::BadInput(format!("--min-p: {err}")))?;
    }
    if let Some(name) = &args.order {
        let order: Order = name
            .trim()
            .parse()
            .map_err(|err| Error::BadInput(format!("--order: {err}")))?;
        settings = settings.with_order(order);
    }
    Ok(settings)
}

/// A temperature from `--temperature`.
pub(super) fn parse_temperature(text: &str) -> Result<Temperature, Error> {
    Temperature::new(option_number("--temperature", text)?)
        .map_err(|err| Error::BadInput(format!("--temperature: {err}")))
}

/// The draws `--draws N` and `--seed S` ask for: `None` without either; `--draws` alone uses
/// seed 0, `--seed` alone draws [`DEFAULT_DRAWS`] (as the explorer's n key does).
pub(super) fn draws(
    count: Option<&str>,
    seed: Option<&str>,
    max: usize,
) -> Result<Option<Draws>, Error> {
    if count.is_none() && seed.is_none() {
        return Ok(None);
    }
    let count = match count {
        None => DEFAULT_DRAWS,
        Some(text) => {
            let n = option_number("--draws", text)?;
            if n.fract() != 0.0 || !(1.0..=max as f64).contains(&n) {
                return Err(Error::BadInput(format!(
                    "--draws: expected a whole number from 1 to {max}, got {}",
                    text.trim()
                )));
            }
            n as usize
        }
    };
    let seed = match seed {
        None => 0,
        Some(text) => text.trim().parse::<u64>().or_else(|_| {
            // Exponent form too (`1e6`), where it is exact.
            option_number("--seed", text)
                .ok()
                .filter(|s| s.fract() == 0.0 && (0.0..=MAX_TOP_K).contains(s))
                .map(|s| s as u64)
                .ok_or_else(|| {
                    Error::BadInput(format!(
                        "--seed: expected a whole number from 0 to {}, got {:?}",
                        u64::MAX,
                        text.trim()
                    ))
                })
        })?,
    };
    Ok(Some(Draws { count, seed }))
}

/// Parses the value of an option such as `--param` that takes one number: refused naming the
/// option, and the place in the value only when it holds more than the token refused.
pub(super) fn option_number(option: &str, text: &str) -> Result<f64, Error> {
    input::parse_number(text).map_err(|err| {
        Error::BadInput(match &err {
            InputError::Invalid { token, reason, .. } if token == text.trim() => {
                format!("{option}: {token:?} {reason}")
            }
            _ => format!("{option}: {err}"),
        })
    })
}

/// Every `--param` given, joined by commas (a formula's NAME=VALUE pairs), or `None`.
pub(super) fn joined(params: &[String]) -> Option<String> {
    (!params.is_empty()).then(|| params.join(","))
}

/// The one `--param` an activation takes, if given.
///
/// # Errors
/// [`Error::BadInput`] when it is given more than once.
pub(super) fn single(params: &[String]) -> Result<Option<&str>, Error> {
    match params {
        [] => Ok(None),
        [one] => Ok(Some(one)),
        _ => Err(Error::BadInput(
            "--param: an activation takes one parameter; several NAME=VALUE pairs are for \
             --formula"
                .into(),
        )),
    }
}

/// Finds an activation by name, or says which names exist.
///
/// # Errors
/// [`Error::BadInput`] naming the valid activations.
pub fn find_activation(name: &str) -> Result<Activation, Error> {
    Activation::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Activation::ALL.iter().map(|a| a.name()).collect();
        let hint = if name.trim().eq_ignore_ascii_case("softmax") {
            " (softmax is `actscope softmax`)".to_string()
        } else {
            crate::app::nearest_tab(name)
                .filter(|near| Activation::from_name(near).is_some())
                .map_or(String::new(), |near| format!(" (did you mean {near}?)"))
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
        (None, Some(_)) => {
            let takers: Vec<&str> = Activation::ALL
                .iter()
                .filter(|a| a.param().is_some())
                .map(|a| a.name())
                .collect();
            let tanh = if activation == Activation::Gelu {
                "; its tanh form is the activation gelu_tanh"
            } else {
                ""
            };
            Err(Error::BadInput(format!(
                "--param: {} takes no parameter (only {} do){tanh}",
                activation.name(),
                and_list(&takers)
            )))
        }
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

/// `a, b and c`.
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sampler(args: [Option<&str>; 4]) -> Result<SamplerSettings, String> {
        let [top_k, top_p, min_p, order] = args.map(|a| a.map(str::to_string));
        let args = SamplerArgs {
            top_k,
            top_p,
            min_p,
            order,
        };
        sampler_settings(None, &args).map_err(|err| err.to_string())
    }

    #[test]
    fn sampler_options_are_checked_and_named() {
        let s = sampler([Some("40"), Some("0.95"), Some("0.05"), Some("llama.cpp")]).unwrap();
        assert_eq!((s.top_k(), s.top_p(), s.min_p()), (40, 0.95, 0.05));
        assert_eq!(s.order(), Order::LlamaCpp);
        assert_eq!(
            sampler([Some("1e3"), None, None, None]).unwrap().top_k(),
            1000
        );
        for (args, want) in [
            (
                [Some("1.5"), None, None, None],
                "--top-k: expected a whole number >= 0 (0 = off), got 1.5",
            ),
            (
                [Some("-1"), None, None, None],
                "--top-k: expected a whole number >= 0 (0 = off), got -1",
            ),
            (
                [Some("nan"), None, None, None],
                "--top-k: \"nan\" is not a finite number",
            ),
            (
                [None, Some("0"), None, None],
                "--top-p: top-p must be a number in (0, 1] (1 = off), got 0",
            ),
            (
                [None, None, Some("1.5"), None],
                "--min-p: min-p must be a number in [0, 1] (0 = off), got 1.5",
            ),
            (
                [None, None, None, Some("foo")],
                "--order: unknown sampler order \"foo\": expected one of hf, llama.cpp, vllm",
            ),
        ] {
            assert_eq!(sampler(args).unwrap_err(), want);
        }
    }

    #[test]
    fn draws_and_seeds() {
        assert_eq!(draws(None, None, 10).unwrap(), None);
        assert_eq!(
            draws(Some("1e3"), None, 10_000).unwrap(),
            Some(Draws {
                count: 1000,
                seed: 0
            })
        );
        assert_eq!(
            draws(None, Some("18446744073709551615"), 10).unwrap(),
            Some(Draws {
                count: DEFAULT_DRAWS,
                seed: u64::MAX
            })
        );
        for (count, seed, want) in [
            (
                Some("0"),
                None,
                "--draws: expected a whole number from 1 to 10, got 0",
            ),
            (
                Some("11"),
                None,
                "--draws: expected a whole number from 1 to 10, got 11",
            ),
            (Some("2.5"), None, "--draws: expected a whole number"),
            (
                Some("5"),
                Some("-1"),
                "--seed: expected a whole number from 0 to 18446744073709551615, got \"-1\"",
            ),
            (Some("5"), Some("x"), "--seed: expected a whole number"),
        ] {
            let got = draws(count, seed, 10).unwrap_err().to_string();
            assert!(got.starts_with(want), "{got}");
        }
    }

    #[test]
    fn a_parameter_where_none_is_taken_names_the_ones_that_take_one() {
        let err = resolve_param(Activation::Sigmoid, Some("2")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--param: sigmoid takes no parameter (only leaky_relu, elu, silu, softplus and celu \
             do)"
        );
    }
}
