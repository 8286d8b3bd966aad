//! A formula on the command line, read once for the explorer, `eval` and `plot`.
//!
//! `--formula EXPR` with `--param NAME=VALUE`; and `eval --formula`'s output.

use std::io::{Read, Write};

use serde_json::{Map, Value, json};

use super::input::read_vector;
use super::output::{label_column, write_csv, write_table};
use super::{Error, EvalArgs};
use crate::format::full_precision;
use crate::input;
use crate::kernel::{Formula, Level};

/// The formula `text` with the parameters `params` gives (`a=0.2`, `a=0.2,b=3` or `a=0.2 b=3`)
/// in place of the values it declares.
///
/// # Errors
/// [`Error::BadInput`] naming `--formula` and the column, or `--param` and the pair.
pub(super) fn parse(text: &str, params: Option<&str>) -> Result<Formula, Error> {
    let outside = match params {
        Some(list) => param_list(list)?,
        None => Vec::new(),
    };
    Formula::parse(text, &outside).map_err(|err| {
        let named = if err.column == 0 {
            err.message.clone()
        } else {
            err.to_string()
        };
        // An error about a --param pair is the option's, not the text's.
        if err.column == 0 && params.is_some() {
            Error::BadInput(format!("--param: {named}"))
        } else {
            Error::BadInput(format!("--formula: {named}"))
        }
    })
}

/// `NAME=VALUE` pairs, separated by commas or spaces.
fn param_list(list: &str) -> Result<Vec<(String, f64)>, Error> {
    let mut pairs = Vec::new();
    for pair in list.split([',', ' ']).filter(|p| !p.trim().is_empty()) {
        let Some((name, value)) = pair.split_once('=') else {
            return Err(Error::BadInput(format!(
                "--param: {pair:?}: with --formula, give NAME=VALUE (a=0.2), several separated \
                 by commas"
            )));
        };
        let value = input::parse_number(value)
            .map_err(|err| Error::BadInput(format!("--param: {name}: {err}")))?;
        pairs.push((name.trim().to_string(), value));
    }
    Ok(pairs)
}

/// `actscope eval --formula`: x, f(x), f'(x) for each input, as a table, CSV or JSON.
pub(super) fn eval(
    args: &EvalArgs,
    text: &str,
    level: Level,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
) -> Result<(), Error> {
    if args.model.precision.is_some() || args.model.like.is_some() {
        return Err(Error::BadInput(
            "--precision and --like model the built-in activations, not a formula".into(),
        ));
    }
    let formula = parse(text, super::settings::joined(&args.param).as_deref())?;
    // With --formula there is no activation name: a first argument is an input.
    let mut xs = args.name.iter().cloned().collect::<Vec<_>>();
    xs.extend(args.xs.iter().cloned());
    let vector = read_vector(&xs, &args.source, stdin)?;
    let (xs, labels) = (&vector.values, vector.labels.as_deref());
    let mut ys = vec![0.0; xs.len()];
    let mut dys = vec![0.0; xs.len()];
    formula.eval_slice(level, xs, &mut ys, &mut dys);
    if args.json {
        let params: Map<String, Value> = formula
            .params()
            .iter()
            .map(|(name, value)| (name.clone(), json!(value)))
            .collect();
        let points: Vec<Value> = xs
            .iter()
            .zip(ys.iter().zip(&dys))
            .map(
                |(&x, (&y, &dy))| json!({"x": x, "y": finite_or_null(y), "dy": finite_or_null(dy)}),
            )
            .collect();
        let mut document = json!({
            "formula": formula.text(),
            "params": params,
            "points": points,
        });
        if let Some(labels) = labels {
            document["labels"] = json!(labels);
        }
        serde_json::to_writer(&mut *out, &document)?;
        writeln!(out)?;
        return Ok(());
    }
    if args.csv {
        return write_csv(out, labels, xs, &ys, &dys);
    }
    writeln!(out, "{}", heading(&formula))?;
    let rows: Vec<[String; 3]> = xs
        .iter()
        .zip(ys.iter().zip(&dys))
        .map(|(&x, (&y, &dy))| [x, y, dy].map(full_precision))
        .collect();
    let header = ["x", "f(x)", "f'(x)"].map(str::to_string);
    let (header, rows) = label_column(header, rows, labels, 0);
    write_table(out, &header, &rows)?;
    let undefined: Vec<String> = xs
        .iter()
        .zip(&ys)
        .filter(|(_, y)| !y.is_finite())
        .map(|(&x, _)| full_precision(x))
        .collect();
    if !undefined.is_empty() {
        writeln!(
            out,
            "note: f(x) is not finite (NaN or ±inf) at x = {}",
            undefined.join(", ")
        )?;
    }
    Ok(())
}

/// `f(x) = x * sigmoid(a * x), with a = 1.702`: the formula, then its parameters.
pub(super) fn heading(formula: &Formula) -> String {
    let params: Vec<String> = formula
        .params()
        .iter()
        .map(|(name, value)| format!("{name} = {}", full_precision(*value)))
        .collect();
    if params.is_empty() {
        format!("f(x) = {formula}")
    } else {
        format!("f(x) = {formula}, with {}", params.join(", "))
    }
}

/// A value for JSON, which has no NaN or infinity: `null` where the formula is not finite.
fn finite_or_null(v: f64) -> Value {
    if v.is_finite() { json!(v) } else { Value::Null }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_are_pairs_and_errors_name_their_option() {
        let f = parse("a = 1; a * x", Some("a=0.5")).unwrap();
        assert_eq!(f.params(), [("a".to_string(), 0.5)]);
        let f = parse("a * x + b", Some("a=2, b=-1")).unwrap();
        assert_eq!(f.value_and_derivative(3.0), (5.0, 2.0));
        let Err(Error::BadInput(message)) = parse("x * (x", None) else {
            panic!("refused")
        };
        assert!(message.starts_with("--formula: column 7:"), "{message}");
        let Err(Error::BadInput(message)) = parse("x", Some("a")) else {
            panic!("refused")
        };
        assert!(message.starts_with("--param: \"a\""), "{message}");
        let Err(Error::BadInput(message)) = parse("a * x", Some("a=nan")) else {
            panic!("refused")
        };
        assert!(message.starts_with("--param: a:"), "{message}");
    }
}
