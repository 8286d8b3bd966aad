//! Text to numbers, for vectors typed, pasted or piped.
//!
//! Accepted: numbers separated by spaces, commas, semicolons or newlines, with optional brackets,
//! as Python, NumPy and PyTorch print them: `1.2 0.9 0.4`, `1.2, 0.9, 0.4`, `[1.2, 0.9, 0.4]`,
//! `[1.2 0.9 0.4]`. A Unicode minus (`−`, as copied from papers) reads as `-`, and `-0` as `0`.
//! Refused, with the token and where it stands: empty input, anything that is not a number,
//! non-finite values (`nan`, `inf`, `1e999`), and a bracket opened inside another (`[[1, 2],
//! [3]]` is a matrix, not a vector).

mod error;
mod number;
mod text;

pub use error::{InputError, Place, Reason};

/// Parses a vector of finite numbers. Never returns an empty vector.
///
/// # Errors
/// [`InputError::Empty`] for text without numbers, [`InputError::Invalid`] for the first token
/// that is not a finite number, or a nested bracket ([`Reason::Nested`]).
pub fn parse_vector(text: &str) -> Result<Vec<f64>, InputError> {
    let options = text::Options {
        comments: false,
        first_line: 1,
    };
    text::plain(text, options, false)
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
mod tests;
