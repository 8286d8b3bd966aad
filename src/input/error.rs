//! Why some input is not a usable vector, and where: one line for every refusal.

use std::fmt;

/// Tokens longer than this many characters are cut in messages, so a refusal stays one line.
const TOKEN_CHARS: usize = 40;

/// Why some input is not a usable vector or number.
///
/// Its `Display` is one line: the offending token (quoted when it is text the user wrote, as
/// written when it is JSON or from a `.npy` header), why it was refused, and where, e.g.
/// `"abc" is not a number (number 2, line 3, column 1)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputError {
    /// No numbers at all: `no numbers given`.
    Empty,
    /// More than one number where one was expected: `expected one number, got 2`.
    NotOne {
        /// How many numbers were found.
        count: usize,
    },
    /// Something at a known place that could not be used.
    Invalid {
        /// The offending text as written (cut after 40 characters); empty when the reason says
        /// it all.
        token: String,
        /// Why it was refused.
        reason: Reason,
        /// Where it stands.
        at: Place,
    },
}

/// Why a token, line, JSON element or `.npy` field was refused. Each `Display` reads after the
/// token: `"abc"` + ` is not a number`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// `is not a number`
    NotANumber,
    /// `is not a finite number` (`nan`, `inf` and their spellings; NaN or ±inf in a `.npy`).
    NotFinite,
    /// `is too large (beyond ±1.8e308)`, such as `1e999`.
    Overflow,
    /// `is below the smallest f64, 5e-324: it would read as 0`, such as `1e-400` (a number
    /// that rounds to a subnormal is kept: it is not 0).
    Underflow {
        /// The number is negative (it would read as `-0`).
        negative: bool,
    },
    /// `a nested array: give one vector (1-D)` (no token).
    Nested,
    /// `is never closed (expected "]" after the last number)`, as in `[1, 2`.
    Unclosed {
        /// The bracket that closes it.
        close: char,
    },
    /// `closes no bracket`, as in `1, 2]`.
    Unopened,
    /// `does not close "[" (expected "]")`, as in `[1, 2)`.
    Mismatched {
        /// The bracket open.
        open: char,
        /// The bracket that closes it.
        close: char,
    },
    /// `follows the closing bracket (expected the end: one vector, in one pair of brackets)`,
    /// as in `[1, 2], [3]`.
    AfterVector,
    /// `opens after the first number (one pair of brackets goes around the whole vector)`, as
    /// in `1 [2]`.
    LateBracket,
    /// `comes before the first number (an empty field)` or `follows another separator with no
    /// number between (an empty field)`: `,1` or `1,,2` (a trailing separator is fine).
    EmptyField {
        /// Before the first number of the vector (or of its brackets).
        leading: bool,
    },
    /// `is a number, not a label (a label is text)`, as in `1=2`.
    NumberAsLabel,
    /// `the label is empty` (no token), as in `=3`.
    EmptyLabel,
    /// `is already the label of element 1 (labels must be unique)`.
    DuplicateLabel {
        /// The 1-based element that has the label first.
        first: usize,
    },
    /// `has no value after "="`, as in `cat=`.
    MissingValue,
    /// `has more than one "=" (a label holds none)`, as in `a=b=1`.
    ManyEquals,
    /// `has no label, unlike the elements before it (label every element or none)`.
    Unlabelled,
    /// `has a label, unlike the elements before it (label every element or none)`.
    Labelled,
    /// `has 3 fields, expected "label value" or "label,value"` (a line of the lines form).
    Fields {
        /// How many fields the line has.
        count: usize,
    },
    /// `a quoted label is never closed` (no token).
    UnclosedQuote,
    /// `text after a quoted label (expected a comma)` (no token).
    TextAfterQuote,
    /// `is not a label (give a JSON string)`, as the first item of a JSON pair.
    NotALabel,
    /// `expected a [label, value] pair, found 3 items` (no token).
    NotAPair {
        /// How many items the JSON array has.
        count: usize,
    },
    /// `3 labels for 4 numbers (give one label per number)` (no token).
    LabelCount {
        /// How many labels were given.
        labels: usize,
        /// How many numbers there are.
        values: usize,
    },
    /// `not valid JSON: expected value` (no token): serde_json's description.
    Json(String),
    /// `neither a .npy file nor UTF-8 text` (no token).
    NotText,
    /// `UTF-16 text: save it as UTF-8` (no token).
    Utf16,
    /// `a .npz archive: give one .npy from it` (no token).
    Npz,
    /// `is not a .npy format version this reads (1.0, 2.0 or 3.0)`.
    NpyVersion,
    /// A header that is not the dict `np.save` writes (no token): the text says what is wrong.
    NpyHeader(&'static str),
    /// `is not a dtype this reads: little-endian float32 '<f4' or float64 '<f8'`.
    NpyDtype,
    /// `is big-endian: save little-endian, e.g. a.astype('<f8')`.
    NpyBigEndian,
    /// `has 2 dimensions: give one vector (1-D)`.
    NpyShape {
        /// How many dimensions the shape has.
        dimensions: usize,
    },
    /// `the data ends after 16 of 24 bytes (a truncated file)` (no token).
    Truncated {
        /// Bytes of data present.
        have: usize,
        /// Bytes the header's shape and dtype need.
        need: usize,
    },
    /// `5 bytes follow the data the header describes` (no token; `1 byte follows`).
    TrailingBytes {
        /// How many bytes are left over.
        extra: usize,
    },
}

/// Where a refused token stands. Lines, columns (in characters), numbers and elements count from
/// 1; a `.npy` index counts from 0, as NumPy does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A plain number in text: `number 2, line 3, column 1` (the line only when past the first).
    Number {
        /// 1-based index among the numbers.
        number: usize,
        /// 1-based line.
        line: usize,
        /// 1-based column where the token starts.
        column: usize,
    },
    /// A `label=value` token in text: `element 2, column 9`.
    Element {
        /// 1-based index among the elements.
        element: usize,
        /// 1-based line.
        line: usize,
        /// 1-based column where the token (or its value) starts.
        column: usize,
    },
    /// A spot in text that is no element, such as a bracket: `line 2, column 5`
    /// (`column 5` on the first line).
    Text {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// A field of a `label value` line: `line 3, column 5`.
    Line {
        /// 1-based line.
        line: usize,
        /// 1-based column where the field starts.
        column: usize,
    },
    /// An element of a JSON array: `element 3`.
    JsonElement {
        /// 1-based index in the array.
        element: usize,
    },
    /// A member of a JSON object: `key "cat", element 2`.
    JsonKey {
        /// The key as written (cut after 40 characters).
        key: String,
        /// 1-based index among the members.
        element: usize,
    },
    /// A field of a `.npy` header: `.npy header, shape` (`.npy header` for the whole).
    NpyHeader {
        /// `version`, `descr`, `fortran_order` or `shape`; `None` for the header as a whole.
        field: Option<&'static str>,
    },
    /// The data of a `.npy` file: `.npy data, index 17` (`.npy data` for the whole).
    NpyData {
        /// 0-based index of the element, as NumPy counts.
        index: Option<usize>,
    },
    /// One label of a list given apart (see [`super::with_labels`]): `label 3`.
    Label {
        /// 1-based index in the list.
        label: usize,
    },
    /// The input as a whole: no place is shown.
    Whole,
}

impl InputError {
    /// An [`InputError::Invalid`], with the token cut to one line's worth.
    pub(crate) fn invalid(token: &str, reason: Reason, at: Place) -> InputError {
        InputError::Invalid {
            token: shorten(token),
            reason,
            at,
        }
    }

    /// The message without its place, for a field that shows one number being typed:
    /// `"abc" is not a number`.
    #[must_use]
    pub fn what(&self) -> String {
        struct What<'a>(&'a InputError);
        impl fmt::Display for What<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.write_what(f)
            }
        }
        What(self).to_string()
    }

    fn write_what(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Empty => f.write_str("no numbers given"),
            InputError::NotOne { count } => write!(f, "expected one number, got {count}"),
            InputError::Invalid { token, reason, at } => {
                if !token.is_empty() {
                    if at.shows_tokens_as_written() {
                        // As written, but on one line.
                        for c in token.chars() {
                            if c.is_control() {
                                write!(f, "{}", c.escape_default())?;
                            } else {
                                write!(f, "{c}")?;
                            }
                        }
                        f.write_str(" ")?;
                    } else {
                        write!(f, "{token:?} ")?;
                    }
                }
                write!(f, "{reason}")
            }
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_what(f)?;
        match self {
            InputError::Invalid { at, .. } if *at != Place::Whole => write!(f, " ({at})"),
            _ => Ok(()),
        }
    }
}

impl std::error::Error for InputError {}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::NotANumber => f.write_str("is not a number"),
            Reason::NotFinite => f.write_str("is not a finite number"),
            Reason::Overflow => f.write_str("is too large (beyond ±1.8e308)"),
            Reason::Underflow { negative: false } => {
                f.write_str("is below the smallest f64, 5e-324: it would read as 0")
            }
            Reason::Underflow { negative: true } => {
                f.write_str("is above the largest negative f64, -5e-324: it would read as -0")
            }
            Reason::Nested => f.write_str("a nested array: give one vector (1-D)"),
            Reason::Unclosed { close } => {
                write!(
                    f,
                    "is never closed (expected \"{close}\" after the last number)"
                )
            }
            Reason::Unopened => f.write_str("closes no bracket"),
            Reason::Mismatched { open, close } => {
                write!(f, "does not close \"{open}\" (expected \"{close}\")")
            }
            Reason::AfterVector => f.write_str(
                "follows the closing bracket (expected the end: one vector, in one pair of \
                 brackets)",
            ),
            Reason::LateBracket => f.write_str(
                "opens after the first number (one pair of brackets goes around the whole vector)",
            ),
            Reason::EmptyField { leading: true } => {
                f.write_str("comes before the first number (an empty field)")
            }
            Reason::EmptyField { leading: false } => {
                f.write_str("follows another separator with no number between (an empty field)")
            }
            Reason::NumberAsLabel => f.write_str("is a number, not a label (a label is text)"),
            Reason::EmptyLabel => f.write_str("the label is empty"),
            Reason::DuplicateLabel { first } => write!(
                f,
                "is already the label of element {first} (labels must be unique)"
            ),
            Reason::MissingValue => f.write_str("has no value after \"=\""),
            Reason::ManyEquals => f.write_str("has more than one \"=\" (a label holds none)"),
            Reason::Unlabelled => f.write_str(
                "has no label, unlike the elements before it (label every element or none)",
            ),
            Reason::Labelled => f.write_str(
                "has a label, unlike the elements before it (label every element or none)",
            ),
            Reason::Fields { count } => write!(
                f,
                "has {count} field{}, expected \"label value\" or \"label,value\"",
                plural(*count)
            ),
            Reason::UnclosedQuote => f.write_str("a quoted label is never closed"),
            Reason::TextAfterQuote => f.write_str("text after a quoted label (expected a comma)"),
            Reason::NotALabel => f.write_str("is not a label (give a JSON string)"),
            Reason::NotAPair { count } => write!(
                f,
                "expected a [label, value] pair, found {count} item{}",
                plural(*count)
            ),
            Reason::LabelCount { labels, values } => write!(
                f,
                "{labels} label{} for {values} number{} (give one label per number)",
                plural(*labels),
                plural(*values)
            ),
            Reason::Json(message) => write!(f, "not valid JSON: {message}"),
            Reason::NotText => f.write_str("neither a .npy file nor UTF-8 text"),
            Reason::Utf16 => f.write_str("UTF-16 text: save it as UTF-8"),
            Reason::Npz => f.write_str("a .npz archive: give one .npy from it"),
            Reason::NpyVersion => {
                f.write_str("is not a .npy format version this reads (1.0, 2.0 or 3.0)")
            }
            Reason::NpyHeader(what) => f.write_str(what),
            Reason::NpyDtype => f.write_str(
                "is not a dtype this reads: little-endian float32 '<f4' or float64 '<f8'",
            ),
            Reason::NpyBigEndian => {
                f.write_str("is big-endian: save little-endian, e.g. a.astype('<f8')")
            }
            Reason::NpyShape { dimensions } => {
                write!(f, "has {dimensions} dimensions: give one vector (1-D)")
            }
            Reason::Truncated { have, need } => write!(
                f,
                "the data ends after {have} of {need} bytes (a truncated file)"
            ),
            Reason::TrailingBytes { extra: 1 } => {
                f.write_str("1 byte follows the data the header describes")
            }
            Reason::TrailingBytes { extra } => {
                write!(f, "{extra} bytes follow the data the header describes")
            }
        }
    }
}

impl Place {
    /// JSON and `.npy` tokens are shown as written (`null`, `"abc"`, `'<i8'`); text is quoted.
    fn shows_tokens_as_written(&self) -> bool {
        matches!(
            self,
            Place::JsonElement { .. }
                | Place::JsonKey { .. }
                | Place::NpyHeader { .. }
                | Place::NpyData { .. }
        )
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Number {
                number,
                line,
                column,
            } => {
                write!(f, "number {number}, ")?;
                write_line_column(f, *line, *column)
            }
            Place::Element {
                element,
                line,
                column,
            } => {
                write!(f, "element {element}, ")?;
                write_line_column(f, *line, *column)
            }
            Place::Text { line, column } => write_line_column(f, *line, *column),
            Place::Line { line, column } => write!(f, "line {line}, column {column}"),
            Place::JsonElement { element } => write!(f, "element {element}"),
            Place::JsonKey { key, element } => write!(f, "key {key:?}, element {element}"),
            Place::NpyHeader { field: None } => f.write_str(".npy header"),
            Place::NpyHeader { field: Some(field) } => write!(f, ".npy header, {field}"),
            Place::NpyData { index: None } => f.write_str(".npy data"),
            Place::NpyData { index: Some(index) } => write!(f, ".npy data, index {index}"),
            Place::Label { label } => write!(f, "label {label}"),
            Place::Whole => Ok(()),
        }
    }
}

/// `line 3, column 1`, or `column 1` on the first line (one-line input rarely needs a line).
fn write_line_column(f: &mut fmt::Formatter<'_>, line: usize, column: usize) -> fmt::Result {
    if line > 1 {
        write!(f, "line {line}, ")?;
    }
    write!(f, "column {column}")
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// The text, or its first 40 characters and `…`.
pub(crate) fn shorten(text: &str) -> String {
    match text.char_indices().nth(TOKEN_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}
