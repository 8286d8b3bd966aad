//! Tests of user formulas as text: what parses to what, the errors with their columns, parameters.

use actscope_kernel::{Formula, FormulaError};
use proptest::prelude::*;

fn formula(text: &str) -> Formula {
    Formula::parse(text, &[]).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

fn value(text: &str, x: f64) -> f64 {
    formula(text).value_and_derivative(x).0
}

fn error(text: &str) -> String {
    match Formula::parse(text, &[]) {
        Ok(f) => panic!("{text:?} parsed as {}", f.text()),
        Err(e) => e.to_string(),
    }
}

fn outside(pairs: &[(&str, f64)]) -> Vec<(String, f64)> {
    pairs.iter().map(|(n, v)| ((*n).to_string(), *v)).collect()
}

#[test]
fn precedence_associativity_and_unary_minus() {
    // (text, x, f(x))
    let table = [
        ("1 + 2 * 3", 0.0, 7.0),
        ("(1 + 2) * 3", 0.0, 9.0),
        ("10 - 4 - 3", 0.0, 3.0),
        ("64 / 4 / 2", 0.0, 8.0),
        ("2^3^2", 0.0, 512.0),
        ("(2^3)^2", 0.0, 64.0),
        ("-x^2", 3.0, -9.0),
        ("(-x)^2", 3.0, 9.0),
        ("2^-x", 2.0, 0.25),
        ("2^-x^2", 1.0, 0.5),
        ("--x", 5.0, 5.0),
        ("+x", 5.0, 5.0),
        ("-2 * -x", 4.0, 8.0),
        ("x - -1", 1.0, 2.0),
        ("-x * 3 + 1", 2.0, -5.0),
        ("2 * x^2", 3.0, 18.0),
        ("x / 2 * 3", 4.0, 6.0),
        ("x ** 2", 3.0, 9.0),
        ("1 + (x > 2)", 3.0, 2.0),
        ("(x > 2) * x", 1.0, 0.0),
        ("x >= 1 + 1", 2.0, 1.0),
        ("x == 2", 2.0, 1.0),
        ("x != 2", 2.0, 0.0),
        ("x <= -1", -1.0, 1.0),
        ("x < -1", -1.0, 0.0),
    ];
    for (text, x, want) in table {
        assert_eq!(value(text, x), want, "{text} at {x}");
    }
}

#[test]
fn numbers_whitespace_constants_and_unicode() {
    let table = [
        ("1e-3 * x", 1000.0, 1.0),
        ("2.5E+2", 0.0, 250.0),
        (".5 + 2.", 0.0, 2.5),
        ("  x\t*\n2 ", 3.0, 6.0),
        ("pi", 0.0, std::f64::consts::PI),
        ("π", 0.0, std::f64::consts::PI),
        ("e", 0.0, std::f64::consts::E),
        ("e^x", 1.0, 1f64.exp()),
        ("e^x", 700.0, 700f64.exp()),
        ("−x", 2.0, -2.0),
        ("3 × x · 2 ÷ 4", 2.0, 3.0),
        ("where(x ≥ 1, 5, 6)", 1.0, 5.0),
        ("(x ≠ 1) + (x ≤ 0)", 0.0, 2.0),
        ("α = 0.5; α * x", 4.0, 2.0),
        ("x² + x³", 2.0, 12.0),
        ("-x²", 3.0, -9.0),
        ("max(0, x)²", 3.0, 9.0),
    ];
    for (text, x, want) in table {
        assert_eq!(value(text, x), want, "{text} at {x}");
    }
}

#[test]
fn functions_of_one_two_and_three_arguments() {
    let table = [
        ("exp(x)", 1.0, 1f64.exp()),
        ("ln(x)", 2.0, 2f64.ln()),
        ("log(x)", 2.0, 2f64.ln()),
        ("log1p(x)", 1e-20, 1e-20),
        ("expm1(x)", 1e-20, 1e-20),
        ("sqrt(x)", 2.0, 2f64.sqrt()),
        ("abs(x)", -3.0, 3.0),
        ("sin(x)", 1.0, 1f64.sin()),
        ("cos(x)", 1.0, 1f64.cos()),
        ("tanh(x)", 0.5, 0.5f64.tanh()),
        ("erf(x)", 0.5, libm::erf(0.5)),
        ("erfc(x)", 0.5, libm::erfc(0.5)),
        ("min(x, 2)", 3.0, 2.0),
        ("max(x, 2)", 3.0, 3.0),
        ("max(0, x)^2", -1.0, 0.0),
        ("where(x > 0, x, 0.01 * x)", -2.0, -0.02),
        ("where(x - 1, 10, 20)", 1.0, 20.0),
        ("EXP(x)", 0.0, 1.0),
        ("GELU(x)", 0.0, 0.0),
        ("swish(x)", 0.0, 0.0),
        ("leaky_relu(x)", -1.0, -0.01),
        ("leaky_relu(x, 0.2)", -1.0, -0.2),
        ("lrelu(x, 0.2)", -1.0, -0.2),
        ("silu(x, 1.702)", 0.0, 0.0),
        ("softplus(x, 2) * 2", 0.0, 2f64.ln()),
    ];
    for (text, x, want) in table {
        assert_eq!(value(text, x), want, "{text} at {x}");
    }
}

fn assert_errors(table: &[(&str, &str)]) {
    for (text, want) in table {
        assert_eq!(error(text), *want, "{text:?}");
    }
}

#[test]
fn syntax_errors_point_at_the_column_with_the_reason() {
    assert_errors(&[
        (
            "x * (sigmoid(x)",
            "column 16: expected \")\" to close \"(\" at column 5, found the end of the formula",
        ),
        (
            "sigmod(x)",
            "column 1: unknown name \"sigmod\" (did you mean sigmoid?)",
        ),
        (
            "x * sigmod(x)",
            "column 5: unknown name \"sigmod\" (did you mean sigmoid?)",
        ),
        (
            "x * 2 + where(x > 0, x)",
            "column 9: \"where\" takes 3 arguments, got 2",
        ),
        ("max(x)", "column 1: \"max\" takes 2 arguments, got 1"),
        ("exp(x, 2)", "column 1: \"exp\" takes 1 argument, got 2"),
        (
            "sigmoid(x, 2)",
            "column 1: \"sigmoid\" takes 1 argument (it has no parameter), got 2",
        ),
        (
            "elu(x, 1, 2)",
            "column 1: \"elu\" takes 1 or 2 arguments (x, or x and α), got 3",
        ),
        (
            "leaky_relu(x, x)",
            "column 15: the alpha of \"leaky_relu\" cannot depend on x",
        ),
        (
            "x * sigmoid(a * x)",
            "column 13: unknown name \"a\": declare it before the formula, e.g. \"a = 1; ...\"",
        ),
        (
            "alpah = 1; alpha * x",
            "column 12: unknown name \"alpha\" (did you mean alpah?)",
        ),
        ("X", "column 1: unknown name \"X\" (did you mean x?)"),
        (
            "",
            "column 1: the formula is empty: write an expression in x, e.g. x * sigmoid(x)",
        ),
        (
            "a = 1",
            "column 6: expected \";\" and then the formula after the declaration of \"a\"",
        ),
        (
            "a = 1;",
            "column 7: expected the formula in x after the declarations",
        ),
        (
            "2x",
            "column 2: expected an operator before \"x\" (write * to multiply)",
        ),
        (
            "x sigmoid(x)",
            "column 3: expected an operator before \"sigmoid\" (write * to multiply)",
        ),
        (
            "(x + 1)(x - 1)",
            "column 8: expected an operator before \"(\" (write * to multiply)",
        ),
        (
            "x +* 2",
            "column 4: expected a number, x, a name or \"(\", found \"*\"",
        ),
        (
            "x * ",
            "column 5: expected a number, x, a name or \"(\", found the end of the formula",
        ),
        (
            "max(x,)",
            "column 7: expected a number, x, a name or \"(\", found \")\"",
        ),
        ("x)", "column 2: \")\" closes nothing"),
        ("x, 1", "column 2: \",\" outside a function's parentheses"),
        (
            "max(x; 1)",
            "column 6: expected \",\" or \")\" to close \"(\" at column 4, found \";\"",
        ),
        (
            "x > 0 > 1",
            "column 7: comparisons do not chain: compare two things at a time",
        ),
        (
            "where(x = 0, 1, 2)",
            "column 9: \"=\" declares a parameter (a = 0.2; ...): write == to compare",
        ),
        ("x $ 2", "column 3: unexpected character \"$\""),
        (
            "x + 1e999",
            "column 5: 1e999 is too large for a number (the largest is about 1.8e308)",
        ),
    ]);
}

#[test]
fn name_and_declaration_errors_point_at_the_column_with_the_reason() {
    assert_errors(&[
        (
            "x = 1; x",
            "column 1: \"x\" is the variable; a parameter needs another name",
        ),
        (
            "e = 1; x",
            "column 1: \"e\" is a constant; a parameter needs another name",
        ),
        (
            "relu = 1; x",
            "column 1: \"relu\" is a function; a parameter needs another name",
        ),
        (
            "a = 1; a = 2; a",
            "column 8: \"a\" is declared twice (first at column 1)",
        ),
        (
            "a = x; a",
            "column 5: a parameter's value cannot depend on x",
        ),
        (
            "a = 1; b = a; b",
            "column 12: a parameter's value must be a number: it cannot use the parameter \"a\"",
        ),
        (
            "a = 1/0; x",
            "column 5: the value of \"a\" is inf, not a finite number",
        ),
        (
            "x; a = 1",
            "column 4: the formula must come last: declarations (a = 0.2;) go before it",
        ),
        (
            "sigmoid",
            "column 1: \"sigmoid\" is a function: write sigmoid(...)",
        ),
        (
            "x(2)",
            "column 1: \"x\" is the variable, not a function: write x * (...) to multiply",
        ),
        (
            "a = 2; a(x)",
            "column 8: \"a\" is a parameter, not a function: write a * (...) to multiply",
        ),
        (
            "softmax(x)",
            "column 1: softmax acts on a whole vector, not on one x: a formula is element-wise",
        ),
        (
            "banana(x)",
            "column 1: unknown name \"banana\": no function is called that",
        ),
        // Columns count characters, not bytes.
        (
            "α = 1; α * β",
            "column 12: unknown name \"β\": declare it before the formula, e.g. \"β = 1; ...\"",
        ),
    ]);
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    for text in [
        format!("{}x{}", "(".repeat(100_000), ")".repeat(100_000)),
        format!("{}x", "-".repeat(100_000)),
        format!("x{}", " + x".repeat(100_000)),
        format!("{}x{}", "exp(".repeat(100_000), ")".repeat(100_000)),
        format!("x{}", "^x".repeat(100_000)),
    ] {
        let e = Formula::parse(&text, &[]).expect_err("too deep");
        assert!(e.message.contains("nested too deeply"), "{e}");
    }
    // 150 levels are fine.
    let text = format!("{}x{}", "(".repeat(150), ")".repeat(150));
    assert_eq!(value(&text, 2.0), 2.0);
}

#[test]
fn declared_and_outside_parameters() {
    let f = formula("a = 0.2; b = -1e-3; x * sigmoid(a * x) + b");
    assert_eq!(
        f.params(),
        &[("a".to_string(), 0.2), ("b".to_string(), -1e-3)]
    );
    assert_eq!(f.text(), "a = 0.2; b = -0.001; x * sigmoid(a * x) + b");
    assert_eq!(f.to_string(), "x * sigmoid(a * x) + b");
    // Constant expressions as values.
    let f = formula("k = pi / 4; sqrt2 = sqrt(2); k * sqrt2 * x");
    assert_eq!(f.params()[0].1, std::f64::consts::FRAC_PI_4);
    assert_eq!(f.params()[1].1, 2f64.sqrt());

    // From outside: usable undeclared, and winning over the text.
    let f = Formula::parse("x * sigmoid(a * x)", &outside(&[("a", 0.5)])).expect("parses");
    assert_eq!(f.params(), &[("a".to_string(), 0.5)]);
    assert_eq!(f.text(), "a = 0.5; x * sigmoid(a * x)");
    let f =
        Formula::parse("a = 0.2; c = 1; a * x + 0 * c", &outside(&[("a", 3.0)])).expect("parses");
    assert_eq!(
        f.params(),
        &[("a".to_string(), 3.0), ("c".to_string(), 1.0)]
    );
    assert_eq!(f.value_and_derivative(2.0), (6.0, 3.0));
    // One the formula does not use is refused, as an undeclared name in the text is.
    for (text, pairs, want) in [
        (
            "x",
            outside(&[("zz", 2.0)]),
            "parameter \"zz\" is not in the formula, which has no parameters",
        ),
        (
            "a = 1; b = 2; a * x + b",
            outside(&[("a", 2.0), ("zz", 2.0)]),
            "parameter \"zz\" is not in the formula; its parameters: a, b",
        ),
        (
            "a = 1; b = 2; a * x",
            outside(&[("b", 3.0)]),
            "parameter \"b\" is declared but the formula does not use it",
        ),
    ] {
        let e = Formula::parse(text, &pairs).expect_err("refused");
        assert_eq!((e.column, e.to_string().as_str()), (0, want));
    }

    // Adjusting one.
    let g = f.with_param("a", -1.5).expect("a exists");
    assert_eq!(g.value_and_derivative(2.0), (-3.0, -1.5));
    assert_eq!(g.text(), "a = -1.5; c = 1; a * x + 0 * c");
    assert_eq!(
        f.value_and_derivative(2.0),
        (6.0, 3.0),
        "the original is unchanged"
    );
    let e = f.with_param("z", 1.0).expect_err("no z");
    assert_eq!(e.to_string(), "the formula has no parameter \"z\"");
    assert_eq!(e.column, 0);
    let e = f.with_param("a", f64::NAN).expect_err("NaN");
    assert_eq!(e.to_string(), "parameter \"a\" must be finite, got NaN");

    // Bad outside parameters.
    for (pairs, want) in [
        (
            outside(&[("1a", 1.0)]),
            "parameter \"1a\" is not a name (letters, digits and _, not starting with a digit)",
        ),
        (
            outside(&[("a b", 1.0)]),
            "parameter \"a b\" is not a name (letters, digits and _, not starting with a digit)",
        ),
        (
            outside(&[("x", 1.0)]),
            "parameter \"x\" is taken: x, pi, e and the function names are reserved",
        ),
        (
            outside(&[("gelu", 1.0)]),
            "parameter \"gelu\" is taken: x, pi, e and the function names are reserved",
        ),
        (
            outside(&[("a", 1.0), ("a", 2.0)]),
            "parameter \"a\" is given twice",
        ),
        (
            outside(&[("a", f64::INFINITY)]),
            "parameter \"a\" must be finite, got inf",
        ),
    ] {
        let e: FormulaError = Formula::parse("x", &pairs).expect_err("refused");
        assert_eq!((e.column, e.to_string().as_str()), (0, want));
    }
}

#[test]
fn canonical_text_has_the_fewest_parentheses_and_reads_back() {
    let table = [
        ("x*sigmoid(1.702*x)", "x * sigmoid(1.702 * x)"),
        ("((x))", "x"),
        ("(x + 1) * (x - 1)", "(x + 1) * (x - 1)"),
        ("x - (1 - x)", "x - (1 - x)"),
        ("(x - 1) - x", "x - 1 - x"),
        ("x / (2 * x)", "x / (2 * x)"),
        ("-(x^2)", "-x^2"),
        ("(-x)^2", "(-x)^2"),
        ("2^(3^x)", "2^3^x"),
        ("(2^3)^x", "(2^3)^x"),
        ("2^(-x)", "2^-x"),
        ("-(x * 2)", "-(x * 2)"),
        ("(x > 0) * x", "(x > 0) * x"),
        ("where((x>0),x,0.01*x)", "where(x > 0, x, 0.01 * x)"),
        ("x ** 2 · 3", "x^2 * 3"),
        ("x²", "x^2"),
        ("π", "pi"),
        ("1e-3 * x + 2.5e20 + 1e-10", "0.001 * x + 2.5e20 + 1e-10"),
        ("1e17", "1e17"),
        ("123456789012345.6 * x", "123456789012345.6 * x"),
        ("Swish(x)", "Swish(x)"),
    ];
    for (text, want) in table {
        let f = formula(text);
        assert_eq!(f.text(), want, "{text}");
        assert_eq!(formula(&f.text()), f, "{text} reads back");
    }
    assert_eq!(formula("x*2"), formula(" x * 2 "));
    assert_ne!(formula("x*2"), formula("2*x"));
}

#[test]
fn non_finite_results_are_values_not_errors() {
    let f = formula("ln(x)");
    assert!(f.value_and_derivative(-1.0).0.is_nan());
    assert!(f.value_and_derivative(-1.0).1.is_nan());
    assert_eq!(
        f.value_and_derivative(0.0),
        (f64::NEG_INFINITY, f64::INFINITY)
    );
    let f = formula("1 / x");
    assert_eq!(
        f.value_and_derivative(0.0),
        (f64::INFINITY, f64::NEG_INFINITY)
    );
    let f = formula("sqrt(x)");
    assert!(f.value_and_derivative(-4.0).1.is_nan());
    // NaN in, NaN out, through every kind of step.
    for text in [
        "x",
        "relu(x)",
        "max(x, 0)",
        "where(x > 0, 1, 2)",
        "x > 0",
        "abs(x)",
    ] {
        let (y, dy) = formula(text).value_and_derivative(f64::NAN);
        assert!(y.is_nan() && dy.is_nan(), "{text}: {y} {dy}");
    }
    // A constant formula.
    assert_eq!(
        formula("2 * pi").value_and_derivative(5.0),
        (std::f64::consts::TAU, 0.0)
    );
    assert!(!formula("2 * pi").uses_x());
    assert!(formula("where(x > 0, 1, 2)").uses_x());
}

/// Text made of what formulas are made of, so that many samples get deep into the parser.
fn formula_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "x",
        "a",
        "1",
        "0",
        "2.5",
        "1e-3",
        "1e400",
        ".",
        "e",
        "pi",
        "π",
        "+",
        "-",
        "−",
        "*",
        "/",
        "^",
        "**",
        "(",
        ")",
        ",",
        ";",
        "=",
        "==",
        ">",
        "<=",
        "!=",
        " ",
        "sigmoid",
        "gelu",
        "leaky_relu",
        "where",
        "max",
        "min",
        "abs",
        "ln",
        "sqrt",
        "exp",
        "a = 0.5;",
        "sigmod",
        "softmax",
        "$",
        "é",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|p| p.concat())
}

fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

proptest! {
    #[test]
    fn random_text_never_panics(text in any::<String>()) {
        if let Ok(f) = Formula::parse(&text, &[]) {
            let _ = f.value_and_derivative(0.5);
        }
    }

    #[test]
    fn formula_like_text_never_panics_and_reads_back(
        text in formula_like(),
        x in -10.0..10.0f64,
    ) {
        match Formula::parse(&text, &[]) {
            Ok(f) => {
                let again = Formula::parse(&f.text(), &[]).expect("canonical text parses");
                prop_assert_eq!(&again, &f);
                let (y, dy) = f.value_and_derivative(x);
                let (y2, dy2) = again.value_and_derivative(x);
                prop_assert!(same(y, y2) && same(dy, dy2));
                let _ = f.kinks();
            }
            Err(e) => {
                prop_assert!(e.column >= 1 && e.column <= text.chars().count() + 1);
                prop_assert!(!e.message.contains('\n'));
            }
        }
    }
}
