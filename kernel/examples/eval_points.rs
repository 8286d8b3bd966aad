//! Evaluates one activation and its derivative at the points read from standard input, for
//! `scripts/accuracy.py` to compare with mpmath.
//!
//! ```text
//! cargo run --release -p actscope-kernel --example eval_points -- FUNCTION PARAM LEVEL < xs
//! ```
//!
//! `PARAM` is a number or `-` for the default; `LEVEL` is `scalar` (the one-value functions,
//! [`Activation::value`] and [`Activation::derivative`]), or a SIMD level for the slice
//! functions: `best`, `avx512`, `avx2`, `slice-scalar`. Each input line is an `f64` as 16 hex
//! digits of its bits (exact) or as a decimal; each output line is `x y dy`, as bits in hex.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use actscope_kernel::{Activation, Level};

fn parse_x(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.len() == 16 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return u64::from_str_radix(text, 16).ok().map(f64::from_bits);
    }
    text.parse().ok()
}

fn run(args: &[String]) -> Result<(), String> {
    let [name, param, level] = args else {
        return Err("usage: eval_points FUNCTION PARAM LEVEL < xs".to_string());
    };
    let activation =
        Activation::from_name(name).ok_or_else(|| format!("unknown activation {name:?}"))?;
    let p = if param == "-" {
        activation.default_param()
    } else {
        param
            .parse()
            .map_err(|_| format!("bad parameter {param:?}"))?
    };
    let mut xs = Vec::new();
    for line in io::stdin().lock().lines() {
        let line = line.map_err(|e| e.to_string())?;
        if line.trim().is_empty() {
            continue;
        }
        xs.push(parse_x(&line).ok_or_else(|| format!("bad x {line:?}"))?);
    }
    let mut ys = vec![0.0; xs.len()];
    let mut dys = vec![0.0; xs.len()];
    if level == "scalar" {
        for ((y, dy), &x) in ys.iter_mut().zip(&mut dys).zip(&xs) {
            *y = activation.value(x, p);
            *dy = activation.derivative(x, p);
        }
    } else {
        let level = match level.as_str() {
            "best" => Level::best(),
            "slice-scalar" => Level::SCALAR,
            other => Level::named(other).ok_or_else(|| format!("unknown level {other:?}"))?,
        };
        activation.value_slice(level, &xs, p, &mut ys);
        activation.derivative_slice(level, &xs, p, &mut dys);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    for ((x, y), dy) in xs.iter().zip(&ys).zip(&dys) {
        writeln!(
            out,
            "{:016x} {:016x} {:016x}",
            x.to_bits(),
            y.to_bits(),
            dy.to_bits()
        )
        .map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("eval_points: {message}");
            ExitCode::from(2)
        }
    }
}
