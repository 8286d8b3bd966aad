//! Text and files to vectors, with or without labels: typed, pasted, piped, JSON, CSV, `.npy`.
//!
//! The caller reads the file or standard input; this module only looks at the bytes it is
//! given, so it tests without I/O. [`parse_vector`] and [`parse_number`] read plain numbers;
//! [`parse_text`] reads every text form below and tells them apart by their first line;
//! [`parse_bytes`] reads a `.npy` file too, or UTF-8 text.
//!
//! # Plain numbers
//! Separated by spaces, commas, semicolons or newlines, with optional brackets, as Python, NumPy
//! and PyTorch print them: `1.2 0.9 0.4`, `1.2, 0.9, 0.4`, `[1.2, 0.9, 0.4]`, `[1.2 0.9 0.4]`.
//! A Unicode minus (`−`, as copied from papers) reads as `-`; `-0` stays `-0` (the explorer's
//! vector makes it `0`). At most one pair of brackets, `[]` or `()`, around the whole vector;
//! a comma or semicolon after the last number is fine (`[1, 2,]`, as Python allows). Refused,
//! with the token and where it stands: empty input, anything that is not a number, non-finite
//! values (`nan`, `inf`, `1e999`), a number nearer 0 than the smallest `f64` (`1e-400` would
//! read as 0; `1e-320`, a subnormal, is kept), a bracket opened inside another (`[[1, 2], [3]]`
//! is a matrix, not a vector), after the first number (`1 [2]`) or never closed (`[1, 2`), a
//! closing bracket that matches none (`1, 2]`, `(1, 2]`), anything after the closing bracket
//! (`[1, 2], [3]`), and an empty field: a comma or semicolon before the first number (`,1`) or
//! right after another (`1,,2`).
//!
//! # Labels
//! A label is text: trimmed, not empty, and never something that reads as a number (`1`, `-2.5`,
//! `1e3`, `nan`, `inf`), so `1=2` is refused rather than guessed at. Labels are unique (case
//! matters): a vocabulary has each token once, so a second `cat` is refused, naming the element
//! that had it first. Either every element has a label or none has.
//!
//! # Text forms ([`parse_text`])
//! Lines that are blank or start with `#` are skipped (a `#` later in a line is not a comment).
//! A UTF-8 byte order mark is ignored. The first other line decides the form:
//! - its first token (as plain numbers are cut, so `[1.2` gives `1.2`) reads as a number:
//!   **plain numbers**.
//! - its first token holds `=`: **labelled tokens**, `cat=1.2 dog=0.9 bird=0.4`, separated as
//!   plain numbers are. Such a label holds no whitespace, `=`, `,`, `;` or bracket (give
//!   `[CLS]` in the lines form).
//! - it is two fields, the first not a number: **`label value` lines**, one element a line.
//!   That first line also decides how every line is split: at commas when it holds one
//!   (`cat,1.2`; CSV, where `"a, b",1.5` quotes a label holding a comma and `""` inside quotes
//!   is a quote), else at tabs when it holds one (TSV: `New York<TAB>1.2`), else at whitespace
//!   (`cat 1.2`, as `print(token, logit)` writes: there a label may be `,`).
//! - it is one or two fields, none a number and the first not starting like one (a digit, sign
//!   or `.`), and more lines follow: a **header**, skipped. After two fields (`token,logit`)
//!   come `label value` lines, so `index,logit` over `0,1.2` is refused (a label is not a
//!   number) rather than read as the numbers 0, 1.2; after one (`logit`) come plain numbers.
//!   Alone, such a line is read as plain numbers, so `tensor([1.2, 0.9])` is refused at
//!   `tensor`.
//! - otherwise: **plain numbers**.
//!
//! # JSON ([`parse_text`])
//! Text that opens an object, or an array whose first element is a string, an object, or an
//! array opening with anything but a number, is JSON: an array of `[label, value]` pairs,
//! `[["cat", 1.2], ["dog", 0.9]]`, or an object `{"cat": 1.2, "dog": 0.9}`, read in the file's
//! order. Any string is a label (by the rules above). An array of numbers, `[1.2, 0.9, 0.4]`, is
//! read as plain numbers, which gives the same vector. Refused, naming the element (1-based) or
//! key: `null`, strings, booleans, objects where a number belongs; a nested array of numbers;
//! a pair of other than two items; a syntax error (with its line and column), a trailing comma
//! among them (JSON has none; an array of numbers is read as plain numbers, which allow one).
//! JSON has no `NaN` or `Infinity`; `1e999` is refused as out of range, and `1e-400` as it is
//! for plain numbers (with its line and column).
//!
//! # NumPy `.npy` ([`parse_bytes`])
//! What `np.save` writes for a 1-D array of little-endian float32 (`<f4`) or float64 (`<f8`),
//! format version 1.0, 2.0 or 3.0 (`np.save('logits.npy', logits)`; a 0-D array is one value).
//! Refused, naming the header field or the data's index (0-based, as NumPy counts): another
//! dtype (`'<i8'`, `'>f8'` big-endian, `'<f2'`), more than one dimension (the shape is shown),
//! NaN or an infinity, data shorter or longer than the shape says. `fortran_order` is ignored:
//! one dimension is laid out the same either way.

mod error;
mod json;
mod labels;
mod lines;
mod npy;
mod number;
mod text;

pub use error::{InputError, Place, Reason};
pub use labels::with_labels;

/// A vector read from input: finite values, and a label for each if the input had them.
#[derive(Clone, Debug, PartialEq)]
pub struct Vector {
    /// The values, finite, never empty; `-0` is `0`.
    pub values: Vec<f64>,
    /// One label per value, trimmed, unique, never empty and never a number; `None` when the
    /// input had no labels.
    pub labels: Option<Vec<String>>,
}

impl Vector {
    /// A vector without labels.
    #[must_use]
    pub fn unlabelled(values: Vec<f64>) -> Vector {
        Vector {
            values,
            labels: None,
        }
    }
}

/// Parses a vector of plain finite numbers (no labels, no `#` comments: text typed or given as
/// an argument). Never returns an empty vector.
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

/// Parses a vector in any text form (see the module's documentation). Never returns an empty
/// vector.
///
/// # Errors
/// [`InputError::Empty`] without values; else [`InputError::Invalid`] for the first thing
/// refused, naming where it stands.
pub fn parse_text(text: &str) -> Result<Vector, InputError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = |first_line| text::Options {
        comments: true,
        first_line,
    };
    if is_json(text) {
        return json::parse(text);
    }
    match text_form(text) {
        TextForm::Plain { offset, line } => {
            text::plain(&text[offset..], options(line), true).map(Vector::unlabelled)
        }
        TextForm::Labelled => text::labelled(text, options(1)),
        TextForm::Lines { header } => lines::parse(text, header),
    }
}

/// Parses a vector from a file's or standard input's bytes: a NumPy `.npy` file (by its magic
/// `\x93NUMPY`), else UTF-8 text in any form [`parse_text`] reads.
///
/// # Errors
/// As [`parse_text`] and for `.npy` files (see the module's documentation); bytes that are
/// neither are refused at the first byte that is not UTF-8, and UTF-16 text and `.npz`
/// archives with a hint.
pub fn parse_bytes(bytes: &[u8]) -> Result<Vector, InputError> {
    if bytes.starts_with(npy::MAGIC) {
        return npy::parse(bytes);
    }
    let whole = |reason| Err(InputError::invalid("", reason, Place::Whole));
    if bytes.starts_with(b"PK\x03\x04") {
        return whole(Reason::Npz);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return whole(Reason::Utf16);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_text(text),
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            let last_line = valid.rsplit(|&b| b == b'\n').next().unwrap_or_default();
            let at = Place::Text {
                line: valid.split(|&b| b == b'\n').count(),
                // Characters start at every byte that is not a UTF-8 continuation byte.
                column: 1 + last_line.iter().filter(|&&b| b & 0xC0 != 0x80).count(),
            };
            Err(InputError::invalid("", Reason::NotText, at))
        }
    }
}

/// Whether text is JSON rather than plain numbers: it opens an object, or an array whose first
/// element is a string, an object, or an array that opens with anything but a number (a
/// `[label, value]` pair). An array of numbers, `[1.2, 0.9]`, is read as plain numbers, which
/// gives the same vector (and reads NumPy's `[1.2 0.9]` too); `[[1, 2]]` and NumPy's
/// `[[1 2] [3 4]]` are refused as nested there.
fn is_json(text: &str) -> bool {
    let mut chars = text.chars().filter(|c| !c.is_whitespace());
    match chars.next() {
        Some('{') => true,
        Some('[') => match chars.next() {
            Some('"' | '{') => true,
            Some('[') => chars
                .next()
                .is_some_and(|c| !c.is_ascii_digit() && !"]-+.\u{2212}".contains(c)),
            _ => false,
        },
        _ => false,
    }
}

/// Which text form a text is in.
#[derive(Debug, PartialEq)]
enum TextForm {
    /// Plain numbers from a byte offset, which starts a line with this 1-based number.
    Plain { offset: usize, line: usize },
    /// `label=value` tokens.
    Labelled,
    /// `label value` lines, maybe after a header line with this number.
    Lines { header: Option<usize> },
}

/// How the first lines look, for [`text_form`].
#[derive(PartialEq)]
enum LineShape {
    /// `label value`, or a line that could only be meant as one (a CSV quote).
    Pair,
    /// Words that name columns: `token,logit`, `label value`, `logit`.
    Header {
        /// Two fields: `label value` lines follow; one field: plain numbers follow.
        pair: bool,
    },
    /// Anything else: numbers.
    Other,
}

fn line_shape(line: &str) -> LineShape {
    let Ok(fields) = lines::fields(line, lines::Split::of(line)) else {
        return LineShape::Pair;
    };
    let is_word = |text: &str| !number::reads_as_number(text);
    let header_like = |text: &str| {
        is_word(text)
            && !text
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit() || "+-\u{2212}.".contains(c))
    };
    match fields.as_slice() {
        [label, value] if is_word(&label.text) && !is_word(&value.text) => LineShape::Pair,
        [label, value] if header_like(&label.text) => LineShape::Header { pair: true },
        [label, _] if is_word(&label.text) => LineShape::Pair,
        [name] if header_like(&name.text) => LineShape::Header { pair: false },
        _ => LineShape::Other,
    }
}

fn text_form(text: &str) -> TextForm {
    let mut content = lines::numbered(text).filter(|line| !lines::is_skipped(line.text));
    let from_start = TextForm::Plain { offset: 0, line: 1 };
    let Some(first) = content.next() else {
        return from_start;
    };
    let token = text::first_token(first.text);
    if token.contains('=') {
        return TextForm::Labelled;
    }
    if number::reads_as_number(token) {
        return from_start;
    }
    match line_shape(first.text) {
        LineShape::Pair => TextForm::Lines { header: None },
        LineShape::Other => from_start,
        LineShape::Header { pair: true } => match content.next() {
            Some(_) => TextForm::Lines {
                header: Some(first.number),
            },
            // One line of words, such as `tensor([1.2, 0.9])`: refused as plain numbers, at
            // its first word.
            None => from_start,
        },
        LineShape::Header { pair: false } => {
            content.next().map_or(from_start, |second| TextForm::Plain {
                offset: second.offset,
                line: second.number,
            })
        }
    }
}

#[cfg(test)]
mod tests;
