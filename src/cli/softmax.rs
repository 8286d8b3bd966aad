//! `actscope softmax`: probabilities, log-probabilities, and where the naive form fails.
//!
//! Percentages too, and sparsemax and 1.5-entmax beside them (in JSON, and as columns with
//! `--sparse`); as a table, bars or JSON, with the input's labels. With `--precision` (and
//! `--like`): as NumPy or PyTorch compute them in f32, f16 or bf16.

use std::io::{Read, Write};

use serde_json::json;

use super::eval::{Model, option_name};
use super::input::read_vector;
use super::output::{label_column, write_table};
use super::settings::parse_temperature;
use super::{Environment, Error, SoftmaxArgs};
use ratatui::text::{Line, Span};

use crate::format::{self, full_precision};
use crate::kernel::naive::{NaiveFailure, naive_failure};
use crate::kernel::precision::{self, Framework, Precision};
use crate::kernel::{self, Temperature};
use crate::stable::stable_note;
use crate::theme::{Role, Theme};
use crate::ui;

pub(super) fn run(
    args: &SoftmaxArgs,
    environment: &Environment,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let checked = match &args.temperature {
        Some(text) => parse_temperature(text)?,
        None => Temperature::ONE,
    };
    let temperature = checked.get();
    let model = Model::from_args(&args.model)?;
    if let (Model::Framework(..), true) = (model, args.sparse) {
        return Err(Error::BadInput(
            "--sparse: sparsemax and 1.5-entmax are the kernel's f64 values, not a framework's; \
             drop --precision (or give f64)"
                .into(),
        ));
    }
    if let (Model::Framework(..), true) = (model, checked.is_argmax()) {
        return Err(Error::BadInput(
            "--precision: temperature 0 is the argmax, the same in every format; the framework \
             models need T > 0"
                .into(),
        ));
    }
    let level = environment.level;
    let vector = read_vector(&args.xs, &args.source, stdin)?;
    let (xs, labels) = (&vector.values, vector.labels.as_deref());
    if let Model::Framework(framework, precision) = model {
        return run_model(
            args,
            environment,
            (xs, labels),
            temperature,
            (framework, precision),
            out,
        );
    }
    let n = xs.len();
    let mut probabilities = vec![0.0; n];
    let mut log_probabilities = vec![0.0; n];
    let mut naive = vec![0.0; n];
    kernel::softmax(level, xs, checked, &mut probabilities);
    kernel::log_softmax(level, xs, checked, &mut log_probabilities);
    let logsumexp = kernel::logsumexp(level, xs, checked);
    kernel::naive_softmax(xs, checked, &mut naive);
    let percentages: Vec<f64> = probabilities.iter().map(|p| p * 100.0).collect();
    let sparse = (args.json || args.sparse).then(|| {
        let mut sparsemax = vec![0.0; n];
        let mut entmax15 = vec![0.0; n];
        kernel::sparsemax(xs, checked, &mut sparsemax);
        kernel::entmax15(xs, checked, &mut entmax15);
        [sparsemax, entmax15]
    });

    if args.json {
        let mut document = json!({
            "input": xs,
            "temperature": temperature,
            "probabilities": probabilities,
            "percentages": percentages,
            "log_probabilities": log_probabilities,
            "logsumexp": logsumexp,
            "naive": naive,
        });
        if let Some(labels) = labels {
            document["labels"] = json!(labels);
        }
        if let Some([sparsemax, entmax15]) = &sparse {
            document["sparsemax"] = json!(sparsemax);
            document["entmax15"] = json!(entmax15);
        }
        if model == Model::F64 {
            document["precision"] = json!("f64");
            document["like"] = json!(null);
        }
        serde_json::to_writer(&mut *out, &document)?;
        writeln!(out)?;
        return Ok(());
    }

    if args.plot {
        let others = xs.len() > 1 && !checked.is_argmax();
        return softmax_bars(
            (xs, labels),
            (&probabilities, Some(others)),
            environment,
            out,
        );
    }
    if model == Model::F64 {
        writeln!(out, "in f64: the kernel's own values, within a few ulps")?;
    }
    let numbers = Numbers {
        xs,
        labels,
        probabilities: &probabilities,
        log_probabilities: &log_probabilities,
        logsumexp,
        temperature: checked,
        sparse: sparse.as_ref(),
    };
    write_text(&numbers, out)
}

/// The f64 softmax of one vector, ready to print.
struct Numbers<'a> {
    xs: &'a [f64],
    labels: Option<&'a [String]>,
    probabilities: &'a [f64],
    log_probabilities: &'a [f64],
    logsumexp: f64,
    temperature: Temperature,
    /// Sparsemax and 1.5-entmax, when asked for.
    sparse: Option<&'a [Vec<f64>; 2]>,
}

/// The table, its summary line, and a note when the naive form fails.
fn write_text(numbers: &Numbers<'_>, out: &mut dyn Write) -> Result<(), Error> {
    let Numbers {
        xs,
        labels,
        probabilities,
        log_probabilities,
        logsumexp,
        temperature: checked,
        sparse,
    } = *numbers;
    let temperature = checked.get();
    let header = [
        "i".to_string(),
        "x".to_string(),
        "probability".to_string(),
        "percent".to_string(),
        "log-probability".to_string(),
    ];
    let rows: Vec<[String; 5]> = (0..xs.len())
        .map(|i| {
            [
                i.to_string(),
                full_precision(xs[i]),
                full_precision(probabilities[i]),
                format!(
                    "{:>8}",
                    format::softmax_percent(probabilities[i], xs.len() > 1 && !checked.is_argmax())
                ),
                full_precision(log_probabilities[i]),
            ]
        })
        .collect();
    let (mut header, mut rows) = label_column(header, rows, labels, 1);
    if let Some([sparsemax, entmax15]) = sparse {
        header.extend(["sparsemax".to_string(), "1.5-entmax".to_string()]);
        for (i, row) in rows.iter_mut().enumerate() {
            row.extend([full_precision(sparsemax[i]), full_precision(entmax15[i])]);
        }
    }
    write_table(out, &header, &rows)?;
    let sum = kernel::compensated_sum(probabilities);
    // Of the logits: the probabilities can tie by rounding where the logits do not (T = 1e300).
    let argmax = kernel::argmax(xs);
    let entropy = kernel::entropy(probabilities, log_probabilities);
    writeln!(
        out,
        "sum {sum:.12}   argmax {argmax}   entropy {} nats   temperature {}   logsumexp {}",
        full_precision(entropy),
        full_precision(temperature),
        full_precision(logsumexp),
    )?;
    if let Some(failure) = naive_failure(xs, checked) {
        let why = match failure {
            NaiveFailure::Overflow { first } => {
                format!("exp(x{first}/T) overflows, and inf/inf is NaN")
            }
            NaiveFailure::Underflow => "every exp(x/T) underflows to 0, and 0/0 is NaN".to_string(),
            NaiveFailure::DivisionByZero => "at T = 0, x/T divides by zero".to_string(),
        };
        writeln!(
            out,
            "note: the naive exp(x/T)/sum(exp(x/T)) gives NaN here ({}: {why}); subtracting \
             max x first, as above, does not",
            failure.word()
        )?;
    }
    // At T > 0 every log p of finite logits is finite in exact arithmetic: -inf is an overflow.
    let overflowed: Vec<String> = log_probabilities
        .iter()
        .enumerate()
        .filter(|&(_, &l)| l == f64::NEG_INFINITY && !checked.is_argmax())
        .map(|(i, _)| format!("x{i}"))
        .collect();
    if !overflowed.is_empty() {
        writeln!(
            out,
            "note: log p is -inf for {}: (x - max)/T overflows f64 there, the true value is \
             finite but below -1.8e308",
            overflowed.join(", ")
        )?;
    }
    Ok(())
}

/// The model's softmax as one JSON document: the forms, their code, the dtype returned.
fn write_model_json(
    (xs, labels): (&[f64], Option<&[String]>),
    temperature: f64,
    (framework, precision): (Framework, Precision),
    forms: &precision::SoftmaxForms,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let formulas = precision::softmax_formulas(framework);
    let percentages: Vec<f64> = forms.probabilities.iter().map(|p| p * 100.0).collect();
    let mut document = json!({
        "input": xs,
        "temperature": temperature,
        "precision": precision.name(),
        "like": option_name(framework),
        "returns": forms.format.name(),
        "formula": {
            "probabilities": formulas.probabilities,
            "log_probabilities": formulas.log_probabilities,
            "naive": formulas.naive,
            "naive_log_probabilities": formulas.naive_log,
        },
        "x_rounded": xs.iter().map(|&x| precision.round(x)).collect::<Vec<_>>(),
        "probabilities": forms.probabilities,
        "percentages": percentages,
        "log_probabilities": forms.log_probabilities,
        "naive": forms.naive,
        "naive_log_probabilities": forms.naive_log,
    });
    if let Some(labels) = labels {
        document["labels"] = json!(labels);
    }
    serde_json::to_writer(&mut *out, &document)?;
    writeln!(out)?;
    Ok(())
}

/// The softmax as `framework` computes it in `precision`: the max-subtracted form and its log,
/// the naive form and its log, each the format's values.
fn run_model(
    args: &SoftmaxArgs,
    environment: &Environment,
    (xs, labels): (&[f64], Option<&[String]>),
    temperature: f64,
    (framework, precision): (Framework, Precision),
    out: &mut dyn Write,
) -> Result<(), Error> {
    let forms = precision::softmax_forms(framework, precision, xs, temperature);
    let formulas = precision::softmax_formulas(framework);
    if args.json {
        return write_model_json(
            (xs, labels),
            temperature,
            (framework, precision),
            &forms,
            out,
        );
    }
    let heading = format!(
        "softmax in {}, like {} (x means x / T)",
        precision.name(),
        framework.name()
    );
    let stable = stable_note(xs, temperature, &forms, &|i| format!("x{i}"));
    if args.plot {
        // The format's own values: a 0 there is the framework's 0.
        writeln!(out, "{heading}: p = {}", formulas.probabilities)?;
        softmax_bars((xs, labels), (&forms.probabilities, None), environment, out)?;
        if let Some(why) = stable.filter(|_| forms.probabilities.iter().any(|p| !p.is_finite())) {
            writeln!(out, "note: p is NaN here: {why}")?;
        }
        return Ok(());
    }
    writeln!(out, "{heading}")?;
    writeln!(out, "  p     = {}", formulas.probabilities)?;
    writeln!(out, "  log p = {}", formulas.log_probabilities)?;
    writeln!(out, "  naive = {}", formulas.naive)?;
    if forms.format != precision {
        writeln!(
            out,
            "  the code returns {} (NumPy promotes: x / T with a Python float T)",
            forms.format.name()
        )?;
    }
    let x_in = format!("x in {}", precision.name());
    let header = [
        "i",
        "x",
        &x_in,
        "probability",
        "percent",
        "log-probability",
        "naive",
        "naive log",
    ]
    .map(String::from);
    let rows: Vec<[String; 8]> = (0..xs.len())
        .map(|i| {
            [
                i.to_string(),
                full_precision(xs[i]),
                // What the framework holds: x rounded to the format (70000 is inf in f16).
                full_precision(precision.round(xs[i])),
                full_precision(forms.probabilities[i]),
                // The format's own value (its 0 and 1 are the framework's), never 0.00 % for a
                // value that is not 0.
                format!("{:>8}", format::percent(forms.probabilities[i])),
                full_precision(forms.log_probabilities[i]),
                full_precision(forms.naive[i]),
                full_precision(forms.naive_log[i]),
            ]
        })
        .collect();
    let (header, rows) = label_column(header, rows, labels, 1);
    write_table(out, &header, &rows)?;
    writeln!(
        out,
        "sum {:.12}   temperature {}",
        kernel::compensated_sum(&forms.probabilities),
        full_precision(temperature)
    )?;
    if let Some(why) = &stable {
        writeln!(
            out,
            "note: the max-subtracted form gives NaN or inf here: {why}"
        )?;
    }
    if forms.naive.iter().any(|v| !v.is_finite()) {
        let contrast = if stable.is_some() {
            ""
        } else {
            "; subtracting max x first does not"
        };
        writeln!(
            out,
            "note: the naive form gives NaN here in {} (an exp overflows, or all of them \
             underflow){contrast}",
            precision.name()
        )?;
    }
    Ok(())
}

/// The probabilities as labelled bars, as wide as the terminal (or 80 columns).
fn softmax_bars(
    (xs, names): (&[f64], Option<&[String]>),
    (probabilities, exact): (&[f64], Option<bool>),
    environment: &Environment,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let theme = Theme::new(environment.color, environment.unicode);
    let width = environment.size.map_or(80, |(w, _)| w);
    let labels: Vec<String> = xs
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            let name = names.map_or_else(|| format!("x{i}"), |names| names[i].clone());
            format!("{name} = {}", format::input_value(x, 12))
        })
        .collect();
    // Widths as the terminal shows them: a CJK character takes two columns.
    let shown = |text: &str| Span::raw(text).width();
    let label_width = labels.iter().map(|l| shown(l)).max().unwrap_or(0);
    let bar_width = usize::from(width).saturating_sub(label_width + 12).max(10);
    // In f64, a p that f64 cannot hold reads as what it is (`<0.01 %`, `>99.99 %`).
    let shown_percent = |p: f64| match exact {
        Some(others) => format::softmax_percent(p, others),
        None => format::percent(p),
    };
    let lines: Vec<Line> = labels
        .iter()
        .zip(probabilities)
        .map(|(label, &p)| {
            let pad = label_width - shown(label);
            Line::from(vec![
                Span::raw(format!("{label}{:pad$}  {:>8}  ", "", shown_percent(p))),
                Span::styled(theme.bar(p, bar_width), theme.style(Role::Bar)),
            ])
        })
        .collect();
    let width = u16::try_from(label_width + 12 + bar_width).unwrap_or(u16::MAX);
    out.write_all(ui::lines_to_text(&lines, width, theme.color).as_bytes())?;
    Ok(())
}
