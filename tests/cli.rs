//! Tests of the command line as a user meets it.
//!
//! The built binary, its output, exit statuses and errors.

mod common;

use actscope::kernel::{self, Activation, Level};
use common::{actscope, assert_refused, json, numbers, ok};

#[test]
fn eval_prints_a_table() {
    let run = actscope(&["eval", "sigmoid", "1.2", "0.9", "0.4"], "");
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "x    sigmoid(x)          sigmoid'(x)\n\
         1.2  0.7685247834990176  0.1778944406468057\n\
         0.9  0.710949502625004   0.20550030734226343\n\
         0.4  0.598687660112452   0.24026074574152914\n"
    );
}

#[test]
fn eval_json_has_the_documented_shape_at_full_precision() {
    let run = actscope(&["eval", "gelu", "--json", "-5", "0", "1e-8", "2.5"], "");
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let doc = json(&run.stdout);
    assert_eq!(doc["activation"], "gelu");
    assert!(doc["param"].is_null());
    let points = doc["points"].as_array().unwrap();
    assert_eq!(points.len(), 4);
    // eval prints the slice kernels' results (vectorised on this CPU's best level: within the
    // tables' bounds of the scalar forms, not always the same bits), in full.
    let xs: Vec<f64> = points.iter().map(|p| p["x"].as_f64().unwrap()).collect();
    let (mut ys, mut dys) = (vec![0.0; 4], vec![0.0; 4]);
    Activation::Gelu.value_slice(Level::best(), &xs, 0.0, &mut ys);
    Activation::Gelu.derivative_slice(Level::best(), &xs, 0.0, &mut dys);
    for (i, point) in points.iter().enumerate() {
        let x = xs[i];
        let y = point["y"].as_f64().unwrap();
        let dy = point["dy"].as_f64().unwrap();
        assert_eq!(y.to_bits(), ys[i].to_bits(), "x = {x}");
        assert_eq!(dy.to_bits(), dys[i].to_bits(), "x = {x}");
    }
}

#[test]
fn eval_uses_and_reports_the_parameter() {
    let doc = json(&actscope(&["eval", "leaky_relu", "--json", "-2"], "").stdout);
    assert_eq!(doc["param"].as_f64(), Some(0.01));
    assert_eq!(doc["points"][0]["y"].as_f64(), Some(-0.02));
    let doc = json(&actscope(&["eval", "elu", "--param", "0.5", "--json", "0"], "").stdout);
    assert_eq!(doc["param"].as_f64(), Some(0.5));
    assert_eq!(doc["points"][0]["dy"].as_f64(), Some(0.5));
    let doc = json(&actscope(&["eval", "softplus", "-p", "2", "--json", "0"], "").stdout);
    assert_eq!(
        doc["points"][0]["y"].as_f64(),
        Some(std::f64::consts::LN_2 / 2.0)
    );
    let doc = json(&actscope(&["eval", "Swish", "--json", "1"], "").stdout);
    assert_eq!(doc["activation"], "silu");
}

#[test]
fn softmax_prints_probabilities_percentages_and_logs() {
    let run = actscope(&["softmax", "1.2", "0.9", "0.4"], "");
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    for needle in [
        "45.66 %",
        "33.83 %",
        "20.52 %",
        "-0.7839687492408238",
        "argmax 0",
        "sum 1.000000000000",
    ] {
        assert!(
            run.stdout.contains(needle),
            "{needle:?} missing from\n{}",
            run.stdout
        );
    }
}

#[test]
fn negative_numbers_are_plain_arguments() {
    let run = actscope(&["softmax", "2.3", "-0.9", "3.6"], "");
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("77.90 %"), "{}", run.stdout);
    let doc = json(&actscope(&["eval", "relu", "-3", "--json", "-1e-3"], "").stdout);
    assert_eq!(doc["points"].as_array().unwrap().len(), 2);
}

#[test]
fn softmax_json_has_the_documented_shape() {
    let run = actscope(&["softmax", "--json", "900", "1000", "1000"], "");
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let doc = json(&run.stdout);
    assert_eq!(
        numbers(&doc["input"]),
        [Some(900.0), Some(1000.0), Some(1000.0)]
    );
    assert_eq!(doc["temperature"].as_f64(), Some(1.0));
    let p = numbers(&doc["probabilities"]);
    assert_eq!(p[1..], [Some(0.5), Some(0.5)]);
    assert_eq!(p[0], Some(1.860_037_988_010_418e-44));
    assert_eq!(numbers(&doc["percentages"])[1], Some(50.0));
    assert_eq!(
        numbers(&doc["log_probabilities"])[1],
        Some(-std::f64::consts::LN_2)
    );
    assert_eq!(doc["logsumexp"].as_f64(), Some(1_000.693_147_180_559_9));
    // The naive form overflows: inf/inf, shown as null.
    assert_eq!(numbers(&doc["naive"]), [None, None, None]);
}

#[test]
fn softmax_temperature_zero_is_argmax_and_non_finite_is_null() {
    let doc = json(&actscope(&["softmax", "--json", "-t", "0", "1", "3", "3"], "").stdout);
    assert_eq!(
        numbers(&doc["probabilities"]),
        [Some(0.0), Some(0.5), Some(0.5)]
    );
    let lp = numbers(&doc["log_probabilities"]);
    assert_eq!(lp[0], None);
    assert_eq!(lp[1], Some(-std::f64::consts::LN_2));
    assert!(doc["logsumexp"].is_null());
    let doc = json(
        &actscope(
            &["softmax", "--json", "--temperature", "0.5", "1", "2", "3"],
            "",
        )
        .stdout,
    );
    let mut want = [0.0; 3];
    kernel::softmax(
        kernel::Level::best(),
        &[1.0, 2.0, 3.0],
        kernel::Temperature::new(0.5).unwrap(),
        &mut want,
    );
    assert_eq!(numbers(&doc["probabilities"]), want.map(Some));
}

#[test]
fn numbers_come_from_standard_input_at_any_size() {
    let values: Vec<String> = (0..200_000)
        .map(|i| format!("{}", f64::from(i) * 1e-4 - 10.0))
        .collect();
    let text = values.join("\n");
    let run = actscope(&["eval", "tanh", "--json", "-"], &text);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let doc = json(&run.stdout);
    assert_eq!(doc["points"].as_array().unwrap().len(), 200_000);
    let run = actscope(&["softmax", "-"], "[900, 1000,\n 1000]\n");
    assert!(run.stdout.contains("50.00 %"), "{}", run.stdout);
    assert!(run.stdout.contains("naive"), "{}", run.stdout);
}

#[test]
fn list_names_every_activation_with_formula_and_range() {
    let run = actscope(&["list"], "");
    assert_eq!(run.status, Some(0));
    for a in Activation::ALL {
        assert!(run.stdout.contains(a.name()), "{}", a.name());
        assert!(run.stdout.contains(a.formula()), "{}", a.formula());
    }
    assert!(run.stdout.contains("softmax"));
    assert!(run.stdout.contains("alpha α = 0.01 by default"));
    assert!(run.stdout.contains("|f'| <= 0.25"));
    assert!(run.stdout.contains("0.3 Keras LeakyReLU()"));
    let doc = json(&actscope(&["list", "--json"], "").stdout);
    assert_eq!(doc.as_array().unwrap().len(), Activation::ALL.len() + 1);
    assert_eq!(doc[9]["name"], "mish");
    assert_eq!(doc[1]["max_derivative"].as_f64(), Some(0.25));
}

#[test]
fn bad_input_is_one_line_and_exit_status_2() {
    assert_refused(
        &["eval", "sigmoid", "1", "nan"],
        "",
        "\"nan\" is not a finite number (argument 2)",
    );
    assert_refused(&["eval", "sigmoid", "1e999"], "", "\"1e999\" is too large");
    assert_refused(&["softmax", "inf"], "", "\"inf\" is not a finite number");
    assert_refused(
        &["softmax", "1", "-inf"],
        "",
        "\"-inf\" is not a finite number",
    );
    assert_refused(
        &["softmax", "1", "abc"],
        "",
        "\"abc\" is not a number (argument 2)",
    );
    assert_refused(
        &["softmax", "1, 2, x"],
        "",
        "argument 1: \"x\" is not a number (number 3, column 7)",
    );
    // The explorer's words for an empty vector.
    assert_refused(&["softmax", ""], "", "argument 1: no numbers given");
    assert_refused(
        &["eval", "sigmoid", "--", "[]"],
        "",
        "argument 1: no numbers given",
    );
    assert_refused(&["softmax"], "", "no numbers given");
    assert_refused(&["softmax", "-"], "", "standard input: no numbers given");
    assert_refused(
        &["softmax", "-"],
        "1\n2\nfoo\n",
        "standard input: \"foo\" is not a number (number 3, line 3, column 1)",
    );
    assert_refused(
        &["softmax", "1", "-"],
        "",
        "must be the only number argument",
    );
    assert_refused(
        &["softmax", "-t", "-1", "1"],
        "",
        "temperature must be a finite number >= 0",
    );
    assert_refused(
        &["softmax", "-t", "nan", "1"],
        "",
        "--temperature: \"nan\" is not a finite number",
    );
    assert_refused(
        &["eval", "sigmod", "1"],
        "",
        "unknown activation \"sigmod\" (did you mean sigmoid?); valid: step, sigmoid, tanh",
    );
    assert_refused(
        &["eval", "softmax", "1"],
        "",
        "softmax is `actscope softmax`",
    );
    assert_refused(
        &["eval", "sigmoid", "--param", "2", "1"],
        "",
        "sigmoid takes no parameter",
    );
    assert_refused(
        &["eval", "softplus", "--param", "0", "1"],
        "",
        "beta must satisfy beta > 0, got 0",
    );
    assert_refused(
        &["eval", "elu", "--param", "x", "1"],
        "",
        "--param: \"x\" is not a number",
    );
    assert_refused(
        &["eval", "sigmoid", "--jsn", "1"],
        "",
        "similar argument exists: '--json'",
    );
    assert_refused(&["eval"], "", "<NAME>");
    assert_refused(&["frobnicate"], "", "unrecognized subcommand");
}

#[test]
fn standard_input_that_is_not_text_is_refused() {
    let run = actscope(&["softmax", "-"], "1 2 \u{fffd}");
    assert_eq!(run.status, Some(2));
}

#[test]
fn the_explorer_refuses_when_stdout_is_not_a_terminal() {
    let run = actscope(&[], "");
    assert_eq!(run.status, Some(2));
    assert_eq!(run.stdout, "", "no escape codes into a pipe");
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    for needle in ["needs a terminal", "actscope eval", "actscope softmax"] {
        assert!(run.stderr.contains(needle), "{needle}: {}", run.stderr);
    }
    // Bad explorer options are reported before that.
    assert_refused(&["--tab", "nope"], "", "--tab: unknown tab \"nope\"");
    assert_refused(
        &["--input", "1 nan"],
        "",
        "--input: \"nan\" is not a finite number",
    );
    assert_refused(&["--tab", "softmax", "--param", "2"], "", "--temperature");
    assert_refused(
        &["--tab", "elu", "--param", "-1"],
        "",
        "alpha must satisfy alpha >= 0",
    );
    assert_refused(
        &["--temperature", "-2"],
        "",
        "temperature must be a finite number >= 0",
    );
}

#[test]
fn help_and_version() {
    let run = actscope(&["--help"], "");
    assert_eq!(run.status, Some(0));
    for needle in [
        "Usage: actscope",
        "list",
        "eval",
        "softmax",
        "--tab",
        "--input",
        "Examples:",
    ] {
        assert!(run.stdout.contains(needle), "{needle}");
    }
    let run = actscope(&["--version"], "");
    assert_eq!(run.status, Some(0));
    assert!(run.stdout.starts_with("actscope "));
}

#[test]
fn plot_draws_the_chart_at_the_size_asked() {
    let run = actscope(
        &[
            "plot",
            "sigmoid",
            "--width",
            "60",
            "--height",
            "20",
            "--derivative",
        ],
        "",
    );
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 20);
    assert!(lines.iter().all(|l| l.chars().count() <= 60));
    assert!(run.stdout.contains("Sigmoid") && run.stdout.contains("f'(x)"));
    assert!(
        run.stdout.contains("-0.1") && run.stdout.contains("1.1"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .chars()
            .any(|c| ('\u{2800}'..='\u{28ff}').contains(&c))
    );
    assert!(!run.stdout.contains('\x1b'), "escape codes into a pipe");
}

#[test]
fn plot_defaults_to_80x24_off_a_terminal_and_honours_ascii_and_locale() {
    let run = actscope(&["plot", "tanh"], "");
    assert_eq!(run.stdout.lines().count(), 24);
    for (args, env) in [
        (&["plot", "gelu", "--ascii"][..], &[][..]),
        (&["plot", "gelu"][..], &[("LANG", "C"), ("LC_ALL", "")][..]),
    ] {
        let run = common::actscope_with_env(args, "", env);
        assert_eq!(run.status, Some(0), "{}", run.stderr);
        assert!(run.stdout.is_ascii(), "{args:?} {env:?}:\n{}", run.stdout);
        assert!(run.stdout.contains('*'));
    }
}

#[test]
fn plot_windows_parameters_and_refusals() {
    let run = actscope(
        &[
            "plot",
            "leaky_relu",
            "-p",
            "0.2",
            "--from",
            "-2",
            "--to",
            "2",
        ],
        "",
    );
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("alpha = 0.2") && run.stdout.contains("x in [-2, 2]"));
    assert_refused(
        &["plot", "relu", "--from", "3", "--to", "1"],
        "",
        "needs from < to",
    );
    assert_refused(
        &["plot", "relu", "--width", "5"],
        "",
        "5 is not in 20..=1000",
    );
    // A negative width is a value, named as typed, and the hint names plot once.
    let run = actscope(&["plot", "sigmoid", "--width", "-5"], "");
    assert_eq!(run.status, Some(2));
    assert!(
        run.stderr.contains("'-5'") && !run.stderr.contains("' -5'"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("--help").count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("`actscope plot --help`"),
        "{}",
        run.stderr
    );
    assert_refused(
        &["plot", "relu", "--from", "nan"],
        "",
        "--from: \"nan\" is not a finite number",
    );
    assert_refused(&["plot", "nope"], "", "unknown activation");
}

#[test]
fn softmax_plot_labels_bars() {
    let run = actscope(&["softmax", "--plot", "1.2", "0.9", "0.4"], "");
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with("x0 = 1.2") && lines[0].contains("45.66 %"));
    assert!(lines[0].matches('█').count() > lines[2].matches('█').count());
    assert!(!run.stdout.contains('\x1b'));
}

#[test]
fn csv_exports_from_eval_and_plot() {
    let run = actscope(&["eval", "sigmoid", "--csv", "-1", "0", "1.2"], "");
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "x,y,dy");
    assert_eq!(lines[2], "0,0.5,0.25");
    assert_eq!(lines[3], "1.2,0.7685247834990176,0.1778944406468057");
    let run = actscope(
        &[
            "plot",
            "relu",
            "--csv",
            "--samples",
            "5",
            "--from",
            "-2",
            "--to",
            "2",
        ],
        "",
    );
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, "x,y,dy\n-2,0,0\n-1,0,0\n0,0,0\n1,1,1\n2,2,1\n");
    assert_refused(
        &["eval", "relu", "--csv", "--json", "1"],
        "",
        "cannot be used with",
    );
    assert_refused(
        &["plot", "relu", "--csv", "--samples", "1"],
        "",
        "--samples 1: choose 2",
    );
}

#[test]
fn eval_precision_gives_the_frameworks_numbers_with_flags() {
    let run = actscope(
        &[
            "eval",
            "sigmoid",
            "--precision",
            "f16",
            "--json",
            "-20",
            "0.1",
            "17",
        ],
        "",
    );
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let doc = json(&run.stdout);
    assert_eq!(doc["precision"], "f16");
    assert_eq!(doc["like"], "numpy", "NumPy is the default");
    assert_eq!(doc["formula"], "1 / (1 + np.exp(-x))");
    assert_eq!(doc["jax_matches"]["derivative"], true);
    let points = doc["points"].as_array().unwrap();
    // np.exp(20) overflows f16: 1 / (1 + inf) = 0, the 0 that f16 holds for the exact 2.1e-9
    // (its smallest number is 6e-8): flagged as the underflow the result is.
    assert_eq!(points[0]["y"].as_f64(), Some(0.0));
    assert_eq!(points[0]["flag"], "underflow");
    // 0.1 is 0.0999755859375 in f16; the values are f16 numbers written exactly.
    assert_eq!(points[1]["x"].as_f64(), Some(0.1));
    assert_eq!(points[1]["x_rounded"].as_f64(), Some(0.099_975_585_937_5));
    assert_eq!(points[1]["y"].as_f64(), Some(0.524_902_343_75));
    assert!(points[1]["flag"].is_null() && points[1]["dy_flag"].is_null());
    assert_eq!(points[2]["y"].as_f64(), Some(1.0));
    assert_eq!(points[2]["flag"], "saturated");
    assert_eq!(points[2]["dy_flag"], "saturated");

    // PyTorch computes in f32 and rounds once: e^20 is fine, 2e-9 underflows f16.
    let doc = json(
        &actscope(
            &[
                "eval",
                "sigmoid",
                "--precision",
                "f16",
                "--like",
                "pytorch",
                "--json",
                "-20",
            ],
            "",
        )
        .stdout,
    );
    assert_eq!(doc["like"], "pytorch");
    assert_eq!(doc["points"][0]["flag"], "underflow");
    assert!(
        doc["formula"]
            .as_str()
            .unwrap()
            .starts_with("torch.sigmoid")
    );
}

#[test]
fn eval_precision_text_and_csv_show_the_flags() {
    let run = actscope(
        &["eval", "softplus", "--precision", "f16", "--", "12", "-1"],
        "",
    );
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "softplus with beta = 1");
    assert_eq!(lines[1], "softplus in f16, like NumPy");
    assert_eq!(lines[2], "  f  = np.log1p(np.exp(x))");
    assert!(
        lines[4].starts_with("x   x in f16  softplus(x)"),
        "{}",
        run.stdout
    );
    // np.exp(12) = 162755 overflows f16; 1 / (1 + np.exp(-12)) rounds to exactly 1.
    let row: Vec<&str> = lines[5].split_whitespace().collect();
    assert_eq!(
        row,
        ["12", "12", "inf", "1", "overflow;", "f'", "saturated"]
    );
    let run = actscope(
        &[
            "eval",
            "softplus",
            "--precision",
            "f16",
            "--like",
            "PyTorch",
            "--csv",
            "12",
        ],
        "",
    );
    // PyTorch's threshold keeps f = x; f' = z / (z + 1) rounds to exactly 1 in f16.
    assert_eq!(
        run.stdout,
        "x,x_rounded,y,dy,flag,dy_flag\n12,12,12,1,,saturated\n"
    );
}

#[test]
fn eval_precision_f64_is_the_kernel() {
    let doc = json(&actscope(&["eval", "tanh", "--precision", "f64", "--json", "20"], "").stdout);
    assert_eq!(doc["precision"], "f64");
    assert!(doc["like"].is_null());
    assert_eq!(
        doc["points"][0]["y"].as_f64(),
        Some(Activation::Tanh.value(20.0, 0.0))
    );
    assert!(doc["points"][0]["flag"].is_null());
}

#[test]
fn softmax_precision_in_each_model() {
    let doc = json(
        &actscope(
            &[
                "softmax",
                "--precision",
                "f16",
                "--json",
                "1.2",
                "0.9",
                "0.4",
            ],
            "",
        )
        .stdout,
    );
    assert_eq!(doc["like"], "numpy");
    assert_eq!(
        numbers(&doc["probabilities"]),
        [
            Some(0.456_787_109_375),
            Some(0.338_378_906_25),
            Some(0.205_200_195_312_5)
        ]
    );
    let doc = json(
        &actscope(
            &[
                "softmax",
                "--precision",
                "f16",
                "--like",
                "pytorch",
                "--json",
                "1.2",
                "0.9",
                "0.4",
            ],
            "",
        )
        .stdout,
    );
    assert_eq!(
        numbers(&doc["probabilities"]),
        [
            Some(0.456_542_968_75),
            Some(0.338_134_765_625),
            Some(0.205_078_125)
        ]
    );
    assert_eq!(doc["formula"]["naive"], "e = torch.exp(x); e / e.sum()");
    // exp(12) overflows f16: the naive form is NaN (null), the stable one is fine.
    let doc = json(&actscope(&["softmax", "--precision", "f16", "--json", "12", "1"], "").stdout);
    assert_eq!(numbers(&doc["naive"]), [None, Some(0.0)]);
    assert_eq!(numbers(&doc["naive_log_probabilities"]), [None, None]);
    assert_eq!(numbers(&doc["probabilities"])[0], Some(1.0));
    let run = actscope(&["softmax", "--precision", "bf16", "12", "1"], "");
    assert!(
        run.stdout.starts_with("softmax in bf16, like NumPy"),
        "{}",
        run.stdout
    );
}

#[test]
fn precision_options_are_refused_when_they_make_no_sense() {
    assert_refused(
        &["eval", "sigmoid", "--like", "numpy", "1"],
        "",
        "--like needs --precision f32, f16 or bf16",
    );
    assert_refused(
        &[
            "eval",
            "sigmoid",
            "--precision",
            "f64",
            "--like",
            "pytorch",
            "1",
        ],
        "",
        "--like: f64 is the kernel's own accurate value",
    );
    assert_refused(
        &["eval", "sigmoid", "--precision", "f8", "1"],
        "",
        "--precision: unknown format \"f8\"; valid: f64, f32, f16, bf16",
    );
    assert_refused(
        &["softmax", "--precision", "f16", "--like", "jax", "1"],
        "",
        "--like: unknown framework \"jax\"; valid: numpy, pytorch",
    );
    assert_refused(
        &["softmax", "--precision", "f16", "-t", "0", "1", "2"],
        "",
        "the framework models need T > 0",
    );
}

#[test]
fn bf16_like_numpy_is_what_numpy_with_ml_dtypes_returns() {
    // NumPy 2.4.6 + ml_dtypes 0.6.0: a Python float makes a bfloat16 array float32.
    let run = |args: &[&str]| json(&ok(args, ""));
    let doc = run(&[
        "eval",
        "gelu_tanh",
        "--precision",
        "bf16",
        "--json",
        "--",
        "-3",
    ]);
    let point = &doc["points"][0];
    assert_eq!(point["y"].as_f64(), Some(-0.003_637_343_645_095_825));
    assert_eq!(point["dy"].as_f64(), Some(-0.011_583_957_821_130_753));
    assert_eq!(doc["returns"]["value"], "f32");
    let doc = run(&[
        "eval",
        "hard_swish",
        "--precision",
        "bf16",
        "--json",
        "--",
        "-1",
    ]);
    assert_eq!(doc["points"][0]["y"].as_f64(), Some(-0.333_007_812_5));
    let doc = run(&[
        "softmax",
        "--precision",
        "bf16",
        "-t",
        "0.5",
        "--json",
        "1.2",
        "0.9",
        "0.4",
    ]);
    assert_eq!(
        numbers(&doc["probabilities"])[0],
        Some(0.573_234_736_919_403_1)
    );
    assert_eq!(doc["returns"], "f32");
    // T = 1: no division, bfloat16 throughout
    let doc = run(&[
        "softmax",
        "--precision",
        "bf16",
        "--json",
        "1.2",
        "0.9",
        "0.4",
    ]);
    assert_eq!(doc["returns"], "bf16");
}

#[test]
fn pytorch_naive_softmax_is_torchs() {
    // e = torch.exp(x); e / e.sum() with PyTorch 2.15 on float32
    let run = |args: &[&str]| json(&ok(args, ""));
    let doc = run(&[
        "softmax",
        "--precision",
        "f32",
        "--like",
        "pytorch",
        "--json",
        "1.2",
        "0.9",
        "0.4",
    ]);
    assert_eq!(numbers(&doc["naive"])[2], Some(0.205_159_261_822_700_5));
    assert_eq!(
        numbers(&doc["naive_log_probabilities"])[2],
        Some(-1.583_968_758_583_068_8)
    );
    let doc = run(&[
        "softmax",
        "--precision",
        "f32",
        "--like",
        "pytorch",
        "-t",
        "0.5",
        "--json",
        "0.1",
        "0.1",
        "0.1",
        "0.1",
        "0.1",
        "3.3",
    ]);
    let naive = numbers(&doc["naive"]);
    assert_eq!(naive[0], Some(0.001_647_867_495_194_077_5));
    assert_eq!(naive[5], Some(0.991_760_790_348_053));
}
