//! `actscope list`: every activation with its formula, range, parameter and framework defaults.

use std::fmt::Write as _;
use std::io::Write;

use serde_json::{Value, json};

use super::Error;
use crate::format::full_precision;
use crate::kernel::Activation;
use crate::kernel::catalogue::softmax::{
    FORMULA as SOFTMAX_FORMULA, RANGE as SOFTMAX_RANGE, TEMPERATURE_MEANING as SOFTMAX_T_MEANING,
};

pub(super) fn run(json: bool, unicode: bool, out: &mut dyn Write) -> Result<(), Error> {
    if json {
        let mut entries: Vec<Value> = Activation::ALL
            .iter()
            .map(|a| {
                let param = a.param().map(|p| {
                    json!({
                        "name": p.name,
                        "meaning": p.meaning,
                        "default": p.default,
                        "valid": p.range_text(),
                    })
                });
                json!({
                    "name": a.name(),
                    "aliases": a.aliases(),
                    "formula": a.formula(),
                    "range": a.range_text(),
                    "max_derivative": a.derivative_bound(a.default_param()),
                    "framework_defaults": a.framework_defaults(),
                    "param": param,
                })
            })
            .collect();
        entries.push(json!({
            "name": "softmax",
            "aliases": [],
            "formula": SOFTMAX_FORMULA,
            "range": SOFTMAX_RANGE,
            "param": {"name": "temperature", "meaning": SOFTMAX_T_MEANING, "default": 1.0,
                      "valid": "temperature >= 0"},
        }));
        serde_json::to_writer_pretty(&mut *out, &entries)?;
        writeln!(out)?;
        return Ok(());
    }
    // The text, spelled out in ASCII where the locale is not UTF-8 (σ as sigma, ∞ as inf).
    let mut text = Vec::new();
    write_text(&mut text)?;
    let text = String::from_utf8_lossy(&text);
    if unicode {
        out.write_all(text.as_bytes())?;
    } else {
        out.write_all(crate::ui::asciify(&text).as_bytes())?;
    }
    Ok(())
}

/// The text listing, in Unicode.
fn write_text(out: &mut dyn Write) -> Result<(), Error> {
    let width = Activation::ALL
        .iter()
        .map(|a| a.name().len())
        .max()
        .unwrap_or(0)
        + 3;
    let indent = " ".repeat(width);
    for a in Activation::ALL {
        writeln!(out, "{:<width$}{}", a.name(), a.formula())?;
        // The supremum, not always reached (softplus' and tanh' only tend to 1), and for a
        // parameter at its default (leaky ReLU's and ELU's grow with |α| > 1).
        let bound = a.derivative_bound(a.default_param());
        let mut details = if bound == 0.0 {
            format!("range {}; f' = 0 wherever it exists", a.range_text())
        } else if bound.is_finite() {
            format!(
                "range {}; |f'| <= {}",
                a.range_text(),
                full_precision(bound)
            )
        } else {
            format!("range {}; f' unbounded", a.range_text())
        };
        if a.param().is_some() {
            details.push_str(" at the default");
        }
        if let Some(p) = a.param() {
            let _ = write!(
                details,
                "; {} {} = {} by default ({}), {}",
                p.name,
                p.symbol,
                p.default,
                p.meaning,
                p.range_text()
            );
        }
        if !a.aliases().is_empty() {
            let _ = write!(details, "; also {}", a.aliases().join(", "));
        }
        writeln!(out, "{indent}{details}")?;
        if let Some(defaults) = a.framework_defaults() {
            writeln!(out, "{indent}{defaults}")?;
        }
    }
    writeln!(out, "{:<width$}{SOFTMAX_FORMULA}", "softmax")?;
    writeln!(
        out,
        "{indent}range {SOFTMAX_RANGE}; temperature T = 1 by default ({SOFTMAX_T_MEANING}), T >= 0; \
         `actscope softmax`"
    )?;
    Ok(())
}
