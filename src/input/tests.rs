//! The input module from outside: every form, the sample files, and random input.

use super::*;

#[test]
fn accepted_inputs() {
    let table: &[(&str, &[f64])] = &[
        ("1.2 0.9 0.4", &[1.2, 0.9, 0.4]),
        ("1.2, 0.9, 0.4", &[1.2, 0.9, 0.4]),
        ("[1.2, 0.9, 0.4]", &[1.2, 0.9, 0.4]),
        ("[1.2 0.9 0.4]", &[1.2, 0.9, 0.4]),
        ("1.2\n0.9\n0.4\n", &[1.2, 0.9, 0.4]),
        ("  1.2,0.9 ,\t0.4  ", &[1.2, 0.9, 0.4]),
        ("1.2\r\n0.9", &[1.2, 0.9]),
        ("(2.3, -0.9, 3.6)", &[2.3, -0.9, 3.6]),
        ("1;2", &[1.0, 2.0]),
        ("-5e-3 +7 .5 5. 1E2", &[-0.005, 7.0, 0.5, 5.0, 100.0]),
        ("\u{2212}1.5", &[-1.5]),
        ("1e-400", &[0.0]),
        ("1.7976931348623157e308", &[f64::MAX]),
        ("900, 1000, 1000", &[900.0, 1000.0, 1000.0]),
    ];
    for (text, want) in table {
        assert_eq!(parse_vector(text).as_deref(), Ok(*want), "{text:?}");
    }
}

#[test]
fn minus_zero_becomes_zero() {
    let v = parse_vector("-0 -0.0 0").unwrap();
    assert!(v.iter().all(|x| x.to_bits() == 0));
}

#[test]
fn refused_inputs_name_the_token_and_place() {
    let table: &[(&str, &str)] = &[
        ("", "no numbers given"),
        ("  , [ ] \n", "no numbers given"),
        ("1 abc 3", "\"abc\" is not a number (number 2, column 3)"),
        ("nan", "\"nan\" is not a finite number (number 1, column 1)"),
        (
            "1, inf",
            "\"inf\" is not a finite number (number 2, column 4)",
        ),
        (
            "-Infinity",
            "\"-Infinity\" is not a finite number (number 1, column 1)",
        ),
        (
            "1e999",
            "\"1e999\" is too large (beyond ±1.8e308) (number 1, column 1)",
        ),
        (
            "1\n2\n 3x",
            "\"3x\" is not a number (number 3, line 3, column 2)",
        ),
        ("1.2.3", "\"1.2.3\" is not a number (number 1, column 1)"),
        ("0x10", "\"0x10\" is not a number (number 1, column 1)"),
        ("1_000", "\"1_000\" is not a number (number 1, column 1)"),
        ("é 1", "\"é\" is not a number (number 1, column 1)"),
        ("1 é", "\"é\" is not a number (number 2, column 3)"),
        (
            "[[1, 2], [3]]",
            "a nested array: give one vector (1-D) (column 2)",
        ),
        ("# 1", "\"#\" is not a number (number 1, column 1)"),
        ("cat=1", "\"cat=1\" is not a number (number 1, column 1)"),
    ];
    for (text, want) in table {
        let got = parse_vector(text).map_err(|e| e.to_string());
        assert_eq!(got, Err((*want).to_string()), "{text:?}");
    }
}

#[test]
fn long_tokens_are_cut_in_messages() {
    let text = format!("1 {}", "x".repeat(1000));
    let message = parse_vector(&text).unwrap_err().to_string();
    assert_eq!(
        message,
        format!(
            "\"{}…\" is not a number (number 2, column 3)",
            "x".repeat(40)
        )
    );
}

#[test]
fn one_number() {
    assert_eq!(parse_number(" 2.5 "), Ok(2.5));
    assert_eq!(parse_number("[-1]"), Ok(-1.0));
    assert_eq!(parse_number("1 2"), Err(InputError::NotOne { count: 2 }));
    assert_eq!(parse_number(""), Err(InputError::Empty));
    assert!(parse_number("nan").is_err());
    assert_eq!(
        parse_number("1x").map_err(|e| e.what()),
        Err("\"1x\" is not a number".to_string())
    );
    assert_eq!(
        parse_number("1 2").map_err(|e| e.what()),
        Err("expected one number, got 2".to_string())
    );
}
