//! Tests: `eval` and `softmax` with `--precision` say what they compute, in every output form.
//!
//! Negative zero kept from the input to the output (text, CSV, JSON), the rounded x in CSV, the
//! stable softmax's NaN explained, the help true to the output, and the commands without a
//! precision mode saying so.

mod common;

use common::{bits, json, numbers, ok};

const MINUS_ZERO: u64 = 0x8000_0000_0000_0000;

/// The value cells of a text table's data rows (the header and notes left out): the fields of
/// each line that starts with a number.
fn data_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|line| {
            line.split_whitespace()
                .next()
                .is_some_and(|first| first.parse::<f64>().is_ok())
        })
        .map(|line| line.split_whitespace().map(str::to_string).collect())
        .collect()
}

#[test]
fn minus_zero_in_is_minus_zero_out_where_the_frameworks_keep_it() {
    // NumPy and PyTorch keep the sign of zero through these: f(-0.0) is -0.0.
    for (name, like) in [
        ("tanh", "numpy"),
        ("tanh", "pytorch"),
        ("gelu", "numpy"),
        ("silu", "pytorch"),
        ("softsign", "numpy"),
        ("elu", "pytorch"),
        ("hard_swish", "pytorch"),
    ] {
        for precision in ["f32", "f16", "bf16"] {
            let args = [
                "eval",
                name,
                "--precision",
                precision,
                "--like",
                like,
                "--json",
                "--",
                "-0.0",
            ];
            let doc = json(&ok(&args, ""));
            let point = &doc["points"][0];
            assert_eq!(
                point["x"].as_f64().map(f64::to_bits),
                Some(MINUS_ZERO),
                "{args:?}"
            );
            assert_eq!(
                point["y"].as_f64().map(f64::to_bits),
                Some(MINUS_ZERO),
                "{args:?}: {point}"
            );
        }
    }
    // The kernel's own f64 keeps it too, read from standard input and from JSON.
    let doc = json(&ok(&["eval", "tanh", "--json", "-"], "[-0.0, 0]"));
    let ys: Vec<Option<f64>> = doc["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["y"].as_f64())
        .collect();
    assert_eq!(bits(&ys), [MINUS_ZERO, 0]);
}

#[test]
fn minus_zero_is_written_as_minus_zero_in_text_and_csv() {
    // f16 rounds -1e-8 to -0: the table and the CSV say -0, as the JSON does.
    let text = ok(&["eval", "tanh", "--precision", "f16", "--", "-1e-8"], "");
    let row = &data_rows(&text)[0];
    assert_eq!(row[..3], ["-1e-8", "-0", "-0"], "{text}");
    let csv = ok(
        &["eval", "tanh", "--precision", "f16", "--csv", "--", "-1e-8"],
        "",
    );
    assert_eq!(
        csv,
        "x,x_rounded,y,dy,flag,dy_flag\n-1e-8,-0,-0,1,underflow,\n"
    );
    // The rounded x, as the JSON's x_rounded: 0.1 in f16 is 0.0999755859375.
    let csv = ok(&["eval", "relu", "--precision", "f16", "--csv", "0.1"], "");
    assert_eq!(
        csv.lines().nth(1),
        Some("0.1,0.0999755859375,0.0999755859375,1,,")
    );
    let csv = ok(&["eval", "tanh", "--csv", "--", "-0"], "");
    assert_eq!(csv.lines().nth(1), Some("-0,-0,1"), "{csv}");
    // softmax shows the input as typed.
    let text = ok(&["softmax", "--", "-0", "0"], "");
    assert_eq!(data_rows(&text)[0][1], "-0", "{text}");
    let doc = json(&ok(&["softmax", "--json", "--", "-0", "0"], ""));
    assert_eq!(bits(&numbers(&doc["input"])), [MINUS_ZERO, 0]);
}

#[test]
fn the_argmax_log_probability_is_zero_not_minus_zero() {
    for input in [&["1", "3", "3"][..], &["-0", "0"], &["5"], &["-2", "-0"]] {
        let mut args = vec!["softmax", "-t", "0", "--"];
        args.extend_from_slice(input);
        let text = ok(&args, "");
        for row in data_rows(&text) {
            let log_p = row.last().unwrap();
            assert_ne!(log_p, "-0", "{args:?}:\n{text}");
        }
        args.insert(1, "--json");
        let doc = json(&ok(&args, ""));
        for v in numbers(&doc["log_probabilities"]).into_iter().flatten() {
            assert!(v != 0.0 || v.is_sign_positive(), "{args:?}: {doc}");
        }
    }
}

#[test]
fn softmax_says_why_the_stable_form_is_nan_in_the_format() {
    for like in ["numpy", "pytorch"] {
        let args = [
            "softmax",
            "--precision",
            "f16",
            "--like",
            like,
            "--",
            "-20",
            "17",
            "70000",
        ];
        let text = ok(&args, "");
        assert!(
            text.contains(
                "note: the max-subtracted form gives NaN or inf here: x2 = 70000 is inf in f16, \
                 so x - max is inf - inf = NaN"
            ),
            "{args:?}:\n{text}"
        );
        // No claim that subtracting the max saves it.
        assert!(!text.contains("first does not"), "{text}");
    }
    // A temperature that takes x / T past the range, and bf16's range, which holds 70000.
    let text = ok(
        &[
            "softmax",
            "--precision",
            "f16",
            "-t",
            "0.001",
            "--",
            "100",
            "1",
        ],
        "",
    );
    assert!(text.contains("x0/T = 100/0.001 is inf in f16"), "{text}");
    let text = ok(
        &["softmax", "--precision", "bf16", "--", "-20", "17", "70000"],
        "",
    );
    assert!(!text.contains("max-subtracted"), "{text}");
    assert!(text.contains("subtracting max x first does not"), "{text}");
}

#[test]
fn softmax_help_promises_what_it_prints() {
    let help = ok(&["softmax", "--help"], "");
    assert!(!help.contains("flagged"), "{help}");
    assert!(!help.contains("saturated"), "{help}");
    assert!(
        help.contains("a note says where either form gives NaN or inf"),
        "{help}"
    );
    assert!(help.contains("torch.softmax"), "{help}");
    // eval's flags are in its table, CSV and JSON: its help keeps them.
    let help = ok(&["eval", "--help"], "");
    assert!(
        help.contains("flagged overflow, underflow or saturated"),
        "{help}"
    );
    let csv = ok(
        &["eval", "sigmoid", "--precision", "f16", "--csv", "20"],
        "",
    );
    assert!(csv.contains(",saturated"), "{csv}");
}

#[test]
fn softmax_plot_in_a_format_says_so() {
    let plot = ok(
        &[
            "softmax",
            "--precision",
            "f16",
            "--like",
            "pytorch",
            "--plot",
            "12",
            "1",
        ],
        "",
    );
    let first = plot.lines().next().unwrap();
    assert!(first.starts_with("softmax in f16, like PyTorch"), "{plot}");
    assert!(
        plot.lines().nth(1).unwrap().starts_with("x0 = 12"),
        "{plot}"
    );
    let plot = ok(
        &[
            "softmax",
            "--precision",
            "f16",
            "--plot",
            "--",
            "70000",
            "1",
        ],
        "",
    );
    assert!(
        plot.contains("note: p is NaN here: x0 = 70000 is inf in f16"),
        "{plot}"
    );
    // In f64, as before: the bars alone.
    let plot = ok(&["softmax", "--plot", "12", "1"], "");
    assert!(plot.starts_with("x0 = 12"), "{plot}");
}
