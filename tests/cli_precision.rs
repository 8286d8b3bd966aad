//! Tests: `eval` and `softmax` with `--precision` say what they compute, in every output form.
//!
//! Negative zero kept from the input to the output (text, CSV, JSON), the rounded x in CSV, the
//! stable softmax's NaN explained, the help true to the output, the rounded x in softmax's
//! output, and the commands without a precision mode (and the explorer's `--like`) saying so.

mod common;

use common::{assert_refused, bits, json, numbers, ok};

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
    // every flag eval can print is named (precision::Flag::word)
    for word in [
        "overflow,",
        "harmless overflow",
        "input overflows",
        "underflow",
        "saturated",
        "cancelled to 0",
    ] {
        assert!(help.contains(word), "{word}: {help}");
    }
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

#[test]
fn softmax_in_a_format_shows_x_in_it() {
    // bf16 holds 70000 as 70144: the log-probabilities -70144 follow from it.
    let text = ok(&["softmax", "--precision", "bf16", "--", "70000", "1"], "");
    assert!(text.contains("i  x      x in bf16  probability"), "{text}");
    let rows = data_rows(&text);
    assert_eq!(rows[0][..3], ["0", "70000", "70144"], "{text}");
    assert_eq!(rows[1][..3], ["1", "1", "1"], "{text}");
    assert_eq!(rows[1][6], "-70144", "{text}"); // after "0 %"
    // f16: 70000 is inf; -0 stays -0; labels keep their column.
    let text = ok(
        &["softmax", "--precision", "f16", "--", "cat=70000", "dog=-0"],
        "",
    );
    let rows = data_rows(&text);
    assert_eq!(rows[0][..4], ["0", "cat", "70000", "inf"], "{text}");
    assert_eq!(rows[1][..4], ["1", "dog", "-0", "-0"], "{text}");
    let doc = json(&ok(
        &[
            "softmax",
            "--precision",
            "f16",
            "--json",
            "--",
            "70000",
            "0.1",
            "-0",
        ],
        "",
    ));
    let rounded = numbers(&doc["x_rounded"]);
    assert_eq!(
        rounded[0], None,
        "inf is null, as every non-finite value: {doc}"
    );
    assert_eq!(rounded[1], Some(0.099_975_585_937_5), "{doc}");
    assert_eq!(bits(&rounded[2..]), [MINUS_ZERO], "{doc}");
    // In f64 there is nothing to round.
    let doc = json(&ok(&["softmax", "--json", "1", "2"], ""));
    assert!(doc.get("x_rounded").is_none(), "{doc}");
}

#[test]
fn precision_f64_does_what_its_help_says() {
    // The help: as leaving the option out, and said so.
    for command in ["eval", "softmax"] {
        let help = ok(&[command, "--help"], "");
        let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("as leaving the option out does, and says so (a first line;"),
            "{help}"
        );
    }
    let plain = ok(&["eval", "sigmoid", "1"], "");
    let f64 = ok(&["eval", "sigmoid", "--precision", "f64", "1"], "");
    let (first, rest) = f64.split_once('\n').unwrap();
    assert!(first.starts_with("sigmoid in f64:"), "{f64}");
    assert_eq!(rest, plain);
    let plain = ok(&["softmax", "1", "2"], "");
    let f64 = ok(&["softmax", "--precision", "f64", "1", "2"], "");
    assert_eq!(f64.split_once('\n').unwrap().1, plain);
}

#[test]
fn what_has_no_precision_mode_says_why_truthfully() {
    assert_refused(
        &["list", "--precision", "f16"],
        "",
        "`actscope list` has no precision mode: it lists the activations and computes nothing",
    );
    assert_refused(
        &["bench", "--like", "numpy"],
        "",
        "`actscope bench` has no precision mode: it times the kernels, which compute in f64",
    );
    assert_refused(
        &["sample", "--precision", "f16", "1"],
        "",
        "`actscope sample` has no precision mode: it computes in f64",
    );
    // The explorer has --precision, and shows both models: --like has nothing to choose.
    assert_refused(
        &["--like", "pytorch"],
        "",
        "--like: the explorer shows NumPy's and PyTorch's models side by side",
    );
    assert_refused(&["--like=numpy", "--precision", "f16"], "", "press p");
}
