//! Malformed vectors, refused alike wherever they come from.
//!
//! Each is one line naming where it goes wrong and what was expected, exit status 2, the same as
//! an argument, on standard input, in a file, in the explorer's `--input` and pasted into it.

mod common;

use actscope::action::Action;
use actscope::app::App;
use common::{actscope, assert_refused, ok};

/// Malformed text and the words of its refusal.
const MALFORMED: [(&str, &str); 14] = [
    (
        "[1,2",
        "\"[\" is never closed (expected \"]\" after the last number) (column 1)",
    ),
    (
        "(1, 2\n 3",
        "\"(\" is never closed (expected \")\" after the last number) (column 1)",
    ),
    (
        "[1, 2], [3]",
        "\", [3]\" follows the closing bracket (expected the end: one vector, in one pair of \
         brackets) (column 7)",
    ),
    (
        "[1 2]\n[3]",
        "\"[3]\" follows the closing bracket (expected the end: one vector, in one pair of \
         brackets) (line 2, column 1)",
    ),
    (
        "1 [2]",
        "\"[\" opens after the first number (one pair of brackets goes around the whole vector) \
         (column 3)",
    ),
    ("1, 2]", "\"]\" closes no bracket (column 5)"),
    (
        "(1, 2]",
        "\"]\" does not close \"(\" (expected \")\") (column 6)",
    ),
    (
        "1,,2",
        "\",\" follows another separator with no number between (an empty field) (column 3)",
    ),
    (
        "1, ;2",
        "\";\" follows another separator with no number between (an empty field) (column 4)",
    ),
    (
        ",1,2",
        "\",\" comes before the first number (an empty field) (column 1)",
    ),
    (
        "[, 1]",
        "\",\" comes before the first number (an empty field) (column 2)",
    ),
    (
        "cat=1,,dog=2",
        "\",\" follows another separator with no number between (an empty field) (column 7)",
    ),
    (
        "1 1e-400",
        "\"1e-400\" is below the smallest f64, 5e-324: it would read as 0 (number 2, column 3)",
    ),
    (
        "{\"a\": 1, \"b\": -2E-999}",
        "\"-2E-999\" is above the largest negative f64, -5e-324: it would read as -0 (column 15)",
    ),
];

#[test]
fn malformed_arguments_standard_input_and_files_are_refused() {
    let dir = std::env::temp_dir().join(format!("actscope-cli-input-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (i, (text, why)) in MALFORMED.into_iter().enumerate() {
        assert_refused(&["eval", "sigmoid", "--", text], "", why);
        assert_refused(&["softmax", "-"], text, &format!("standard input: {why}"));
        assert_refused(
            &["sample", "--input-file", "-"],
            text,
            &format!("--input-file - (standard input): {why}"),
        );
        let path = dir.join(format!("{i}.txt"));
        std::fs::write(&path, text).unwrap();
        let path = path.to_str().unwrap();
        assert_refused(
            &["softmax", "--input-file", path],
            "",
            &format!("--input-file {path}: {why}"),
        );
        assert_refused(&["--input", text], "", &format!("--input: {why}"));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn malformed_pastes_are_refused_and_keep_the_vector() {
    for (text, why) in MALFORMED {
        let mut app = App::default();
        let before = app.vector().values().to_vec();
        app.update(Action::Paste(text.into()));
        let status = &app.status().expect("a status").text;
        assert_eq!(
            *status,
            format!("paste refused: {why}; vector unchanged"),
            "{text:?}"
        );
        assert_eq!(app.vector().values(), before, "{text:?}");
    }
}

#[test]
fn trailing_separators_subnormals_and_split_lists_are_read() {
    for text in ["1,2,", "[1, 2,]", "(1; 2;)", "1,\n2,\n", "cat=1, dog=2,"] {
        let out = ok(&["softmax", "--", text], "");
        assert_eq!(out.lines().count(), 4, "{text:?}: {out}");
    }
    assert!(ok(&["eval", "relu", "1e-320", "3e-324", "0e-999"], "").contains("5e-324"));
    // `[1.2, 0.9, 0.4]` unquoted, as the shell splits it.
    let split = ok(&["softmax", "[1.2,", "0.9,", "0.4]"], "");
    assert_eq!(split, ok(&["softmax", "[1.2, 0.9, 0.4]"], ""));
    assert_refused(
        &["softmax", "[1,", "2"],
        "",
        "arguments 1 to 2 (one list, joined by spaces): \"[\" is never closed",
    );
    assert_refused(
        &["softmax", "[1,", "2],", "[3]"],
        "",
        "arguments 1 to 3 (one list, joined by spaces): \", [3]\" follows the closing bracket",
    );
    // brackets around part of the vector, unquoted, are refused as they are quoted
    for args in [
        &["eval", "sigmoid", "[1]", "[2]"][..],
        &["eval", "sigmoid", "[1,", "2]", "[3]"],
        &["eval", "sigmoid", "1", "[2", "3]"],
        &["eval", "sigmoid", "[1", "2]", "3"],
        &["sample", "--", "[1]", "[2]"],
    ] {
        let run = actscope(args, "");
        assert_eq!(run.status, Some(2), "{args:?}: {}", run.stdout);
        assert!(
            run.stderr.contains("(one list, joined by spaces)"),
            "{args:?}: {}",
            run.stderr
        );
    }
    // a separator typed as its own argument is a separator
    assert_eq!(
        ok(&["softmax", "1", ",", "2"], ""),
        ok(&["softmax", "1", "2"], "")
    );
}

#[test]
fn a_whole_argument_refused_is_named() {
    let run = actscope(&["eval", "sigmoid", "1e-400"], "");
    assert_eq!(
        run.stderr,
        "error: \"1e-400\" is below the smallest f64, 5e-324: it would read as 0 (argument 1)\n"
    );
}
