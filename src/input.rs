//! Text to numbers, for vectors typed, pasted or piped.
//!
//! Accepted: numbers separated by spaces, commas, semicolons or newlines, with optional brackets,
//! as Python, NumPy and PyTorch print them: `1.2 0.9 0.4`, `1.2, 0.9, 0.4`, `[1.2, 0.9, 0.4]`,
//! `[1.2 0.9 0.4]`. A Unicode minus (`−`, as copied from papers) reads as `-`, and `-0` as `0`.
//! Refused, with the token and where it stands: empty input, anything that is not a number, and
//! non-finite values (`nan`, `inf`, `1e999`).

use std::fmt;

/// Why some text is not a usable vector or number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputError {
    /// No numbers at all.
    Empty,
    /// More than one number where one was expected.
    NotOne {
        /// How many numbers were found.
        count: usize,
    },
    /// A token that could not be used.
    Invalid {
        /// The token as written.
        token: String,
        /// Why it was refused.
        reason: Reason,
        /// 1-based index of the token among the numbers.
        element: usize,
        /// 1-based line of the token.
        line: usize,
        /// 1-based column (in characters) where the token starts.
        column: usize,
    },
}

/// Why a token was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Not a number at all.
    NotANumber,
    /// `nan`, `inf` and their spellings.
    NotFinite,
    /// A number too large for `f64`, such as `1e999`.
    Overflow,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Empty => f.write_str("no numbers given"),
            InputError::NotOne { count } => write!(f, "expected one number, got {count}"),
            InputError::Invalid {
                token,
                reason,
                element,
                line,
                column,
            } => {
                write!(f, "{token:?} {reason} (number {element}, ")?;
                if *line > 1 {
                    write!(f, "line {line}, ")?;
                }
                write!(f, "column {column})")
            }
        }
    }
}

impl std::error::Error for InputError {}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Reason::NotANumber => "is not a number",
            Reason::NotFinite => "is not a finite number",
            Reason::Overflow => "is too large (beyond ±1.8e308)",
        })
    }
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | ';' | '[' | ']' | '(' | ')')
}

/// A token of the input and where it starts.
struct Token<'a> {
    text: &'a str,
    line: usize,
    column: usize,
}

fn tokens(text: &str) -> impl Iterator<Item = Token<'_>> {
    let mut line = 1;
    let mut column = 0;
    let mut start: Option<(usize, usize)> = None;
    let mut chars = text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')));
    std::iter::from_fn(move || {
        for (at, c) in chars.by_ref() {
            column += 1;
            let token = if is_separator(c) {
                start.take().map(|(from, from_column)| Token {
                    text: &text[from..at],
                    line,
                    column: from_column,
                })
            } else {
                if start.is_none() {
                    start = Some((at, column));
                }
                None
            };
            if c == '\n' {
                line += 1;
                column = 0;
            }
            if let Some(token) = token {
                return Some(token);
            }
        }
        None
    })
}

/// Parses one token: a finite `f64`, with `−` read as `-` and `-0` as `0`.
fn parse_token(text: &str) -> Result<f64, Reason> {
    let cleaned;
    let text = if text.contains('\u{2212}') {
        cleaned = text.replace('\u{2212}', "-");
        cleaned.as_str()
    } else {
        text
    };
    let value: f64 = text.parse().map_err(|_| Reason::NotANumber)?;
    if value.is_nan() || (value.is_infinite() && text.to_ascii_lowercase().contains("inf")) {
        Err(Reason::NotFinite)
    } else if value.is_infinite() {
        Err(Reason::Overflow)
    } else {
        // -0 + 0 = +0; every other value is unchanged.
        Ok(value + 0.0)
    }
}

/// Parses a vector of finite numbers. Never returns an empty vector.
///
/// # Errors
/// [`InputError::Empty`] for text without numbers, [`InputError::Invalid`] for the first token
/// that is not a finite number.
pub fn parse_vector(text: &str) -> Result<Vec<f64>, InputError> {
    let mut values = Vec::new();
    for (index, token) in tokens(text).enumerate() {
        match parse_token(token.text) {
            Ok(value) => values.push(value),
            Err(reason) => {
                return Err(InputError::Invalid {
                    token: token.text.to_string(),
                    reason,
                    element: index + 1,
                    line: token.line,
                    column: token.column,
                });
            }
        }
    }
    if values.is_empty() {
        Err(InputError::Empty)
    } else {
        Ok(values)
    }
}

/// Parses exactly one finite number (surrounding spaces and brackets allowed).
///
/// # Errors
/// As [`parse_vector`], and [`InputError::NotOne`] when the text holds several numbers.
pub fn parse_number(text: &str) -> Result<f64, InputError> {
    let values = parse_vector(text)?;
    match values.as_slice() {
        [value] => Ok(*value),
        _ => Err(InputError::NotOne {
            count: values.len(),
        }),
    }
}

#[cfg(test)]
mod tests {
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
            ("[[1, 2], [3]]", &[1.0, 2.0, 3.0]),
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
        ];
        for (text, want) in table {
            let got = parse_vector(text).map_err(|e| e.to_string());
            assert_eq!(got, Err((*want).to_string()), "{text:?}");
        }
    }

    #[test]
    fn one_number() {
        assert_eq!(parse_number(" 2.5 "), Ok(2.5));
        assert_eq!(parse_number("[-1]"), Ok(-1.0));
        assert_eq!(parse_number("1 2"), Err(InputError::NotOne { count: 2 }));
        assert_eq!(parse_number(""), Err(InputError::Empty));
        assert!(parse_number("nan").is_err());
    }
}
