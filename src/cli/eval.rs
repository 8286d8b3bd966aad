//! `actscope eval`: x, f(x), f'(x) per input, as a table, CSV or JSON.

use std::io::{Read, Write};

use serde_json::{Value, json};

use super::output::{write_csv, write_table};
use super::settings::{find_activation, read_numbers, resolve_param};
use super::{Error, EvalArgs};
use crate::format::full_precision;
use crate::kernel::Level;

pub(super) fn run(
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
