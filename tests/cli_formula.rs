//! Tests of `--formula` on the command line.
//!
//! `eval --formula` against the kernel's engine, `plot --formula`, the explorer's `--formula` and
//! `--param NAME=VALUE`, and each refusal naming its option and column.

mod common;

use actscope::kernel::{Activation, Formula};
use common::{actscope, assert_refused, json};

#[test]
fn eval_evaluates_a_formula_and_its_exact_derivative() {
    let run = actscope(
        &[
            "eval",
            "--formula",
            "x * sigmoid(1.702 * x)",
            "--json",
            "--",
            "-1",
            "0",
            "1",
        ],
        "",
    );
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let document = json(&run.stdout);
    assert_eq!(document["formula"], "x * sigmoid(1.702 * x)");
    let formula = Formula::parse("x * sigmoid(1.702 * x)", &[]).unwrap();
    for (point, x) in document["points"]
        .as_array()
        .unwrap()
        .iter()
        .zip([-1.0, 0.0, 1.0])
    {
        let (y, dy) = formula.value_and_derivative(x);
        assert_eq!(point["x"].as_f64(), Some(x));
        assert_eq!(point["y"].as_f64(), Some(y));
        assert_eq!(point["dy"].as_f64(), Some(dy));
    }
    // x σ(x) is SiLU: the built-in's value, and its derivative within 2 ulp (the product rule
    // on dual numbers rounds in other places than SiLU's own f').
    let run = actscope(&["eval", "--formula", "x * sigmoid(x)", "--csv", "0.5"], "");
    let row: Vec<f64> = run
        .stdout
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .map(|v| v.parse().unwrap())
        .collect();
    let silu = Activation::Silu;
    assert_eq!(row[1], silu.value(0.5, 1.0));
    let exact = silu.derivative(0.5, 1.0);
    assert!(
        (row[2] - exact).abs() <= 2.0 * (exact.next_up() - exact),
        "{row:?}"
    );
}

#[test]
fn parameters_come_from_the_text_or_from_param() {
    let run = actscope(
        &[
            "eval",
            "--formula",
            "a = 0.2; where(x > 0, x, a * x)",
            "--param",
            "a=0.5",
            "-2",
        ],
        "",
    );
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("with a = 0.5"), "{}", run.stdout);
    assert!(
        run.stdout.contains("-1 "),
        "f(-2) = 0.5 * -2:\n{}",
        run.stdout
    );
    let labelled = actscope(&["eval", "--formula", "x^2", "cat=3"], "");
    assert!(labelled.stdout.contains("cat"), "{}", labelled.stdout);
    assert!(labelled.stdout.contains('9'), "{}", labelled.stdout);
}

#[test]
fn undefined_values_are_null_in_json_and_nan_in_text() {
    let run = actscope(
        &["eval", "--formula", "ln(x)", "--json", "--", "-1", "1"],
        "",
    );
    let document = json(&run.stdout);
    assert!(document["points"][0]["y"].is_null(), "{}", run.stdout);
    assert_eq!(document["points"][1]["y"].as_f64(), Some(0.0));
    let text = actscope(&["eval", "--formula", "ln(x)", "--", "-1"], "");
    assert!(text.stdout.contains("NaN"), "{}", text.stdout);
    assert!(
        text.stdout
            .contains("note: f(x) is not finite (NaN or ±inf) at x = -1"),
        "{}",
        text.stdout
    );
}

#[test]
fn plot_draws_a_formula() {
    let run = actscope(
        &[
            "plot",
            "--formula",
            "a = 2; max(0, x)^a",
            "--width",
            "60",
            "--height",
            "12",
            "-d",
        ],
        "",
    );
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("f(x) = max(0, x)^a"), "{}", run.stdout);
    assert!(run.stdout.contains("a = 2"), "{}", run.stdout);
}

#[test]
fn errors_name_the_option_and_the_column() {
    assert_refused(
        &["eval", "--formula", "x * (sigmoid(x)", "1"],
        "",
        "--formula: column 16: expected \")\"",
    );
    assert_refused(
        &["eval", "--formula", "sigmod(x)", "1"],
        "",
        "did you mean sigmoid",
    );
    assert_refused(
        &["eval", "--formula", "x", "--param", "a", "1"],
        "",
        "--param",
    );
    assert_refused(
        &["eval", "--formula", "x", "--precision", "f16", "1"],
        "",
        "built-in activations",
    );
    assert_refused(&["--formula", "x *"], "", "--formula: column");
    // A parameter the formula does not use, named with the ones it has.
    assert_refused(
        &["eval", "--formula", "x", "--param", "zz=2", "1"],
        "",
        "--param: parameter \"zz\" is not in the formula, which has no parameters",
    );
    assert_refused(
        &["--formula", "x", "--param", "zz=3"],
        "",
        "--param: parameter \"zz\" is not in the formula, which has no parameters",
    );
    assert_refused(
        &["--tab", "formula", "--param", "zz=3"],
        "",
        "--param: parameter \"zz\" is not in the formula; its parameters: a",
    );
    assert_refused(
        &["plot", "--formula", "b = 1; 2 * x", "--param", "b=2"],
        "",
        "--param: parameter \"b\" is declared but the formula does not use it",
    );
    assert_refused(&["eval", "1", "2"], "", "unknown activation");
}

#[test]
fn the_explorer_opens_the_formula_tab() {
    use actscope::app::{App, FORMULA_TAB};
    use actscope::cli::{self, Parsed};
    let parse = |args: &[&str]| {
        let line = std::iter::once("actscope").chain(args.iter().copied());
        let Parsed::Run(cli) = cli::parse(line.map(Into::into)) else {
            panic!("{args:?}")
        };
        App::new(cli.settings_reading(&mut std::io::empty()).unwrap())
    };
    let app = parse(&["--formula", "b = 3; b * x"]);
    assert_eq!(app.tab_index(), FORMULA_TAB);
    assert_eq!(app.formula().params(), [("b".to_string(), 3.0)]);
    let app = parse(&["--tab", "formula", "--param", "a=0.5"]);
    assert_eq!(app.formula().text(), "a = 0.5; x * sigmoid(a * x)");
    assert_eq!(
        app.command_line(),
        "actscope --tab formula --input '1.2 0.9 0.4' --formula 'a = 0.5; x * sigmoid(a * x)'"
    );
}
