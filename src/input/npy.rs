//! NumPy `.npy` files: a 1-D little-endian float32 or float64 array, as `np.save` writes it.
//!
//! The format (numpy.lib.format): the magic `\x93NUMPY`, a major and a minor version byte, the
//! header's length (2 bytes little-endian in version 1.0, 4 in 2.0 and 3.0), then the header, a
//! Python dict literal such as `{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }`
//! padded with spaces and a newline, then the data.

use super::{InputError, Place, Reason, Vector};

/// The first bytes of every `.npy` file.
pub(super) const MAGIC: &[u8] = b"\x93NUMPY";

/// Nesting deeper than this in a header is refused (`np.save` writes one level of tuple).
const MAX_DEPTH: usize = 8;

/// The element types read.
#[derive(Clone, Copy)]
enum Dtype {
    F32,
    F64,
}

impl Dtype {
    fn size(self) -> usize {
        match self {
            Dtype::F32 => 4,
            Dtype::F64 => 8,
        }
    }
}

/// Parses a `.npy` file's bytes (which start with [`MAGIC`]).
///
/// # Errors
/// [`InputError::Empty`] for a shape of `(0,)`; [`InputError::Invalid`] for a version, dtype or
/// shape this does not read (naming the header field), a header that is not `np.save`'s dict,
/// data shorter or longer than the header says, and a NaN or infinity (naming its index).
pub(super) fn parse(bytes: &[u8]) -> Result<Vector, InputError> {
    let (header, data) = split(bytes)?;
    let dict = Parser::new(header)
        .dict()
        .map_err(|what| header_error(what, None))?;
    let get = |key: &'static str| {
        dict.iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map(|(_, value)| value)
            .ok_or_else(|| header_error(missing(key), None))
    };
    let dtype = dtype(get("descr")?)?;
    match get("fortran_order")?.value {
        // One dimension is laid out the same either way.
        Py::Bool(_) => {}
        _ => {
            return Err(header_error(
                "'fortran_order' is not True or False",
                Some("fortran_order"),
            ));
        }
    }
    let count = count(get("shape")?)?;
    let need = count.saturating_mul(dtype.size());
    let at_data = Place::NpyData { index: None };
    if data.len() < need {
        let have = data.len();
        return Err(InputError::invalid(
            "",
            Reason::Truncated { have, need },
            at_data,
        ));
    }
    if data.len() > need {
        let extra = data.len() - need;
        return Err(InputError::invalid(
            "",
            Reason::TrailingBytes { extra },
            at_data,
        ));
    }
    if count == 0 {
        return Err(InputError::Empty);
    }
    let values = decode(data, dtype)?;
    Ok(Vector::unlabelled(values))
}

/// The header text and the data after it.
fn split(bytes: &[u8]) -> Result<(&str, &[u8]), InputError> {
    let cut = || header_error("the file ends inside its header", None);
    let (&major, &minor) = bytes.get(6).zip(bytes.get(7)).ok_or_else(cut)?;
    let (length, start): (Option<usize>, usize) = match (major, minor) {
        (1, 0) => (
            bytes
                .get(8..10)
                .map(|b| usize::from(u16::from_le_bytes([b[0], b[1]]))),
            10,
        ),
        (2 | 3, 0) => (
            bytes
                .get(8..12)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize),
            12,
        ),
        _ => {
            let at = Place::NpyHeader {
                field: Some("version"),
            };
            return Err(InputError::invalid(
                &format!("{major}.{minor}"),
                Reason::NpyVersion,
                at,
            ));
        }
    };
    let end = length
        .and_then(|length| start.checked_add(length))
        .ok_or_else(cut)?;
    let header = bytes.get(start..end).ok_or_else(cut)?;
    let header =
        std::str::from_utf8(header).map_err(|_| header_error("the header is not text", None))?;
    Ok((header, &bytes[end..]))
}

fn header_error(what: &'static str, field: Option<&'static str>) -> InputError {
    InputError::invalid("", Reason::NpyHeader(what), Place::NpyHeader { field })
}

fn missing(key: &str) -> &'static str {
    match key {
        "descr" => "the header has no 'descr'",
        "fortran_order" => "the header has no 'fortran_order'",
        _ => "the header has no 'shape'",
    }
}

fn dtype(descr: &Parsed<'_>) -> Result<Dtype, InputError> {
    let at = Place::NpyHeader {
        field: Some("descr"),
    };
    match descr.value {
        Py::Str("<f4") => Ok(Dtype::F32),
        Py::Str("<f8") => Ok(Dtype::F64),
        Py::Str(">f4" | ">f8") => Err(InputError::invalid(descr.raw, Reason::NpyBigEndian, at)),
        _ => Err(InputError::invalid(descr.raw, Reason::NpyDtype, at)),
    }
}

/// The element count of a shape of no or one dimension.
fn count(shape: &Parsed<'_>) -> Result<usize, InputError> {
    let Py::Tuple(dimensions) = &shape.value else {
        return Err(header_error(
            "'shape' is not a tuple of integers",
            Some("shape"),
        ));
    };
    let mut sizes = Vec::with_capacity(dimensions.len());
    for dimension in dimensions {
        match dimension {
            Py::Int(size) => sizes.push(*size),
            _ => {
                return Err(header_error(
                    "'shape' is not a tuple of integers",
                    Some("shape"),
                ));
            }
        }
    }
    match sizes.as_slice() {
        [] => Ok(1),
        [size] => Ok(*size),
        _ => Err(InputError::invalid(
            shape.raw,
            Reason::NpyShape {
                dimensions: sizes.len(),
            },
            Place::NpyHeader {
                field: Some("shape"),
            },
        )),
    }
}

/// The values, refusing the first NaN or infinity by its index.
fn decode(data: &[u8], dtype: Dtype) -> Result<Vec<f64>, InputError> {
    match dtype {
        Dtype::F32 => finite_values(
            data.as_chunks::<4>()
                .0
                .iter()
                .map(|bytes| f64::from(f32::from_le_bytes(*bytes))),
        ),
        Dtype::F64 => finite_values(
            data.as_chunks::<8>()
                .0
                .iter()
                .map(|b| f64::from_le_bytes(*b)),
        ),
    }
}

fn finite_values(values: impl ExactSizeIterator<Item = f64>) -> Result<Vec<f64>, InputError> {
    let mut finite_values = Vec::with_capacity(values.len());
    for (index, value) in values.enumerate() {
        if !value.is_finite() {
            let token = if value.is_nan() {
                "NaN"
            } else if value > 0.0 {
                "inf"
            } else {
                "-inf"
            };
            let at = Place::NpyData { index: Some(index) };
            return Err(InputError::invalid(token, Reason::NotFinite, at));
        }
        finite_values.push(value);
    }
    Ok(finite_values)
}

/// A Python literal, as far as `.npy` headers use them.
#[derive(Debug, PartialEq)]
enum Py<'a> {
    /// A string's text between its quotes (escapes left as written).
    Str(&'a str),
    Bool(bool),
    Int(usize),
    /// A tuple or a list.
    Tuple(Vec<Py<'a>>),
    /// `None`, a float, a dict inside the dict: nothing a field of ours may be.
    Other,
}

/// A value and its text as written, for messages.
struct Parsed<'a> {
    value: Py<'a>,
    raw: &'a str,
}

/// Reads the header's dict literal.
struct Parser<'a> {
    text: &'a str,
    at: usize,
    depth: usize,
}

const NOT_A_DICT: &str = "the header is not the dict np.save writes";

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Parser<'a> {
        Parser {
            text,
            at: 0,
            depth: 0,
        }
    }

    fn skip_space(&mut self) {
        let rest = &self.text[self.at..];
        self.at += rest.len() - rest.trim_start().len();
    }

    /// Skips spaces, then takes `c` if it comes next.
    fn eat(&mut self, c: char) -> bool {
        self.skip_space();
        if self.text[self.at..].starts_with(c) {
            self.at += c.len_utf8();
            true
        } else {
            false
        }
    }

    /// The whole header: `{key: value, ...}` and nothing after but spaces.
    fn dict(&mut self) -> Result<Vec<(&'a str, Parsed<'a>)>, &'static str> {
        if !self.eat('{') {
            return Err(NOT_A_DICT);
        }
        let mut entries = Vec::new();
        while !self.eat('}') {
            let Py::Str(key) = self.value()?.value else {
                return Err(NOT_A_DICT);
            };
            if !self.eat(':') {
                return Err(NOT_A_DICT);
            }
            entries.push((key, self.value()?));
            if !self.eat(',') && !self.text[self.at..].starts_with('}') {
                return Err(NOT_A_DICT);
            }
        }
        self.skip_space();
        if self.at == self.text.len() {
            Ok(entries)
        } else {
            Err(NOT_A_DICT)
        }
    }

    fn value(&mut self) -> Result<Parsed<'a>, &'static str> {
        self.skip_space();
        let start = self.at;
        let rest = &self.text[start..];
        let value = match rest.chars().next() {
            Some(quote @ ('\'' | '"')) => {
                let body = &rest[1..];
                let mut escaped = false;
                let end = body
                    .char_indices()
                    .find(|&(_, c)| {
                        let closes = c == quote && !escaped;
                        escaped = c == '\\' && !escaped;
                        closes
                    })
                    .map(|(i, _)| i)
                    .ok_or(NOT_A_DICT)?;
                self.at += 1 + end + 1;
                Py::Str(&body[..end])
            }
            Some(open @ ('(' | '[')) => self.sequence(if open == '(' { ')' } else { ']' })?,
            Some(c) if c.is_ascii_digit() => {
                let digits = rest
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(rest.len());
                self.at += digits;
                // Python 2 wrote longs as 3L.
                if self.text[self.at..].starts_with('L') {
                    self.at += 1;
                }
                rest[..digits].parse().map_or(Py::Other, Py::Int)
            }
            Some(_) => {
                let word = rest
                    .find(|c: char| !(c.is_alphanumeric() || "._-+".contains(c)))
                    .unwrap_or(rest.len());
                if word == 0 {
                    return Err(NOT_A_DICT);
                }
                self.at += word;
                match &rest[..word] {
                    "True" => Py::Bool(true),
                    "False" => Py::Bool(false),
                    _ => Py::Other,
                }
            }
            None => return Err(NOT_A_DICT),
        };
        Ok(Parsed {
            value,
            raw: &self.text[start..self.at],
        })
    }

    /// A tuple or list, after its opening bracket.
    fn sequence(&mut self, close: char) -> Result<Py<'a>, &'static str> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("the header nests too deep");
        }
        self.at += 1;
        let mut items = Vec::new();
        while !self.eat(close) {
            items.push(self.value()?.value);
            if !self.eat(',') && !self.text[self.at..].starts_with(close) {
                return Err(NOT_A_DICT);
            }
        }
        self.depth -= 1;
        Ok(Py::Tuple(items))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `.npy` file of the given format version (1, 2 or 3), header and data.
    fn npy(major: u8, header: &str, data: &[u8]) -> Vec<u8> {
        let mut bytes = MAGIC.to_vec();
        bytes.extend([major, 0]);
        if major == 1 {
            bytes.extend((header.len() as u16).to_le_bytes());
        } else {
            bytes.extend((header.len() as u32).to_le_bytes());
        }
        bytes.extend(header.as_bytes());
        bytes.extend(data);
        bytes
    }

    fn f64_header(shape: &str) -> String {
        format!("{{'descr': '<f8', 'fortran_order': False, 'shape': {shape}, }}    \n")
    }

    fn f64_data(values: &[f64]) -> Vec<u8> {
        values.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    fn refusal(bytes: &[u8]) -> String {
        parse(bytes).map_or_else(|e| e.to_string(), |v| format!("accepted {v:?}"))
    }

    #[test]
    fn float32_and_float64_in_every_version() {
        let data = f64_data(&[1.5, -0.0, 3e-300]);
        for major in [1, 2, 3] {
            let v = parse(&npy(major, &f64_header("(3,)"), &data)).unwrap();
            assert_eq!(v.values, [1.5, 0.0, 3e-300]);
            assert_eq!(v.values[1].to_bits(), (-0.0_f64).to_bits(), "-0 is kept");
            assert_eq!(v.labels, None);
        }
        let data: Vec<u8> = [0.1_f32, -2.0]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let header = "{'descr':'<f4','fortran_order':True,'shape':(2L,)}";
        let v = parse(&npy(1, header, &data)).unwrap();
        assert_eq!(v.values, [f64::from(0.1_f32), -2.0]);
        let v = parse(&npy(1, &f64_header("()"), &f64_data(&[2.5]))).unwrap();
        assert_eq!(v.values, [2.5]);
        let reordered = "{\"shape\": (1,), \"descr\": \"<f8\", \"fortran_order\": False}";
        assert!(parse(&npy(1, reordered, &f64_data(&[1.0]))).is_ok());
    }

    #[test]
    fn header_refused_with_its_field() {
        let header = |descr: &str, shape: &str| {
            format!("{{'descr': {descr}, 'fortran_order': False, 'shape': {shape}, }}")
        };
        let table = [
            (npy(1, &f64_header("(0,)"), &[]), "no numbers given"),
            (
                npy(4, &f64_header("(1,)"), &[0; 8]),
                "4.0 is not a .npy format version this reads (1.0, 2.0 or 3.0) \
                 (.npy header, version)",
            ),
            (
                npy(1, &header("'<i8'", "(3,)"), &[0; 24]),
                "'<i8' is not a dtype this reads: little-endian float32 '<f4' or float64 '<f8' \
                 (.npy header, descr)",
            ),
            (
                npy(1, &header("[('x',\n '<f8')]", "(3,)"), &[0; 24]),
                "[('x',\\n '<f8')] is not a dtype this reads: little-endian float32 '<f4' or \
                 float64 '<f8' (.npy header, descr)",
            ),
            (
                npy(1, &header("'<f2'", "(3,)"), &[0; 6]),
                "'<f2' is not a dtype this reads: little-endian float32 '<f4' or float64 '<f8' \
                 (.npy header, descr)",
            ),
            (
                npy(1, &header("[('x', '<f8')]", "(3,)"), &[0; 24]),
                "[('x', '<f8')] is not a dtype this reads: little-endian float32 '<f4' or \
                 float64 '<f8' (.npy header, descr)",
            ),
            (
                npy(1, &header("'>f8'", "(3,)"), &[0; 24]),
                "'>f8' is big-endian: save little-endian, e.g. a.astype('<f8') \
                 (.npy header, descr)",
            ),
            (
                npy(1, &f64_header("(2, 3)"), &[0; 48]),
                "(2, 3) has 2 dimensions: give one vector (1-D) (.npy header, shape)",
            ),
            (
                npy(1, &f64_header("(1, 3, 1)"), &[0; 24]),
                "(1, 3, 1) has 3 dimensions: give one vector (1-D) (.npy header, shape)",
            ),
            (
                npy(1, &f64_header("'3'"), &[0; 24]),
                "'shape' is not a tuple of integers (.npy header, shape)",
            ),
            (
                npy(1, &f64_header("(-3,)"), &[0; 24]),
                "'shape' is not a tuple of integers (.npy header, shape)",
            ),
            (
                npy(1, &f64_header("(((((((((((1,),),),),),),),),),)"), &[0; 8]),
                "the header nests too deep (.npy header)",
            ),
            (
                npy(
                    1,
                    "{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}",
                    &[0; 8],
                ),
                "'fortran_order' is not True or False (.npy header, fortran_order)",
            ),
            (
                npy(1, "{'descr': '<f8', 'shape': (1,)}", &[0; 8]),
                "the header has no 'fortran_order' (.npy header)",
            ),
            (
                npy(1, "{'descr': '<f8', 'fortran_order': False}", &[0; 8]),
                "the header has no 'shape' (.npy header)",
            ),
            (
                npy(1, "{'descr': '<f8', ", &[]),
                "the header is not the dict np.save writes (.npy header)",
            ),
            (
                npy(1, "{'descr': '<f8'} x", &[]),
                "the header is not the dict np.save writes (.npy header)",
            ),
        ];
        for (bytes, want) in table {
            assert_eq!(refusal(&bytes), want, "{bytes:?}");
        }
        let mut not_text = npy(1, &f64_header("(1,)"), &[0; 8]);
        not_text[12] = 0xFF;
        assert_eq!(refusal(&not_text), "the header is not text (.npy header)");
    }

    #[test]
    fn data_refused_with_its_index() {
        let nan = f64_data(&[1.0, 2.0, f64::NAN]);
        let table = [
            (
                npy(1, &f64_header("(3,)"), &[0; 16]),
                "the data ends after 16 of 24 bytes (a truncated file) (.npy data)",
            ),
            (
                npy(1, &f64_header("(3,)"), &[0; 29]),
                "5 bytes follow the data the header describes (.npy data)",
            ),
            (
                npy(1, &f64_header("(3,)"), &[0; 25]),
                "1 byte follows the data the header describes (.npy data)",
            ),
            (
                npy(1, &f64_header("(99999999999999999999,)"), &[0; 8]),
                "'shape' is not a tuple of integers (.npy header, shape)",
            ),
            (
                npy(1, &f64_header("(9999999999999999999,)"), &[0; 8]),
                "the data ends after 8 of 18446744073709551615 bytes (a truncated file) \
                 (.npy data)",
            ),
            (
                npy(1, &f64_header("(3,)"), &nan),
                "NaN is not a finite number (.npy data, index 2)",
            ),
            (
                npy(1, &f64_header("(1,)"), &f64_data(&[f64::NEG_INFINITY])),
                "-inf is not a finite number (.npy data, index 0)",
            ),
            (
                MAGIC.to_vec(),
                "the file ends inside its header (.npy header)",
            ),
            (
                npy(1, "{'descr'", &[])[..12].to_vec(),
                "the file ends inside its header (.npy header)",
            ),
        ];
        for (bytes, want) in table {
            assert_eq!(refusal(&bytes), want, "{bytes:?}");
        }
    }
}
