//! `label value` and `label,value` lines.
//!
//! As CSV and TSV files and `print(label, value)` loops write them.

use std::borrow::Cow;

use super::labels::Labels;
use super::number::{parse_token, reads_as_number};
use super::{InputError, Place, Reason, Vector};

/// A field of a line and the byte offset where it starts.
pub(super) struct Field<'a> {
    pub(super) text: Cow<'a, str>,
    pub(super) offset: usize,
}

/// Whether a line holds nothing to read: blank, or a `#` comment.
pub(super) fn is_skipped(line: &str) -> bool {
    let line = line.trim_start();
    line.is_empty() || line.starts_with('#')
}

/// A line of a text: its 1-based number, the byte offset where it starts, and its text without
/// the line end (`\n` or `\r\n`).
pub(super) struct Line<'a> {
    pub(super) number: usize,
    pub(super) offset: usize,
    pub(super) text: &'a str,
}

/// The lines of a text.
pub(super) fn numbered(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut offset = 0;
    text.split('\n').enumerate().map(move |(index, raw)| {
        let line = Line {
            number: index + 1,
            offset,
            text: raw.strip_suffix('\r').unwrap_or(raw),
        };
        offset += raw.len() + 1;
        line
    })
}

/// How the fields of a line are separated; the first line read decides for all.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Split {
    /// At commas, CSV: `"a, b"` is one field and `""` inside quotes is a quote.
    Comma,
    /// At tabs (TSV): a label may hold spaces.
    Tab,
    /// At runs of whitespace, as `print(label, value)` writes: a label may hold commas.
    Whitespace,
}

impl Split {
    /// At commas when the line holds one or starts with a quote; else at tabs when it holds one;
    /// else at whitespace.
    pub(super) fn of(line: &str) -> Split {
        if line.contains(',') || line.trim_start().starts_with('"') {
            Split::Comma
        } else if line.contains('\t') {
            Split::Tab
        } else {
            Split::Whitespace
        }
    }
}

/// Cuts a line into trimmed fields.
///
/// # Errors
/// With [`Split::Comma`], an unclosed quote, or text after a closing quote other than a comma;
/// with the byte offset of the quoted field.
pub(super) fn fields(line: &str, split: Split) -> Result<Vec<Field<'_>>, (Reason, usize)> {
    let mut fields = Vec::with_capacity(2);
    let field = |from: usize, to: usize| {
        let text = &line[from..to];
        let trimmed = text.trim_start();
        Field {
            text: Cow::Borrowed(trimmed.trim_end()),
            offset: from + text.len() - trimmed.len(),
        }
    };
    match split {
        Split::Whitespace => {
            let mut rest = line;
            while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
                let after = &rest[start..];
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                let from = line.len() - after.len();
                fields.push(field(from, from + end));
                rest = &after[end..];
            }
            return Ok(fields);
        }
        Split::Tab => {
            if !line.trim().is_empty() {
                let mut from = 0;
                for part in line.split('\t') {
                    fields.push(field(from, from + part.len()));
                    from += part.len() + 1;
                }
            }
            return Ok(fields);
        }
        Split::Comma => {}
    }
    let mut at = 0;
    loop {
        let rest = &line[at..];
        let start = at + (rest.len() - rest.trim_start().len());
        let (field, next) = if line[start..].starts_with('"') {
            quoted(line, start)?
        } else {
            let end = line[start..].find(',').map_or(line.len(), |i| start + i);
            (Cow::Borrowed(line[start..end].trim_end()), end)
        };
        fields.push(Field {
            text: field,
            offset: start,
        });
        if next >= line.len() {
            return Ok(fields);
        }
        at = next + 1;
    }
}

/// A quoted CSV field starting at `start`: its text and the offset of the comma after it (or the
/// line's end).
fn quoted(line: &str, start: usize) -> Result<(Cow<'_, str>, usize), (Reason, usize)> {
    let body = start + 1;
    let mut text = String::new();
    let mut from = body;
    loop {
        let Some(quote) = line[from..].find('"').map(|i| from + i) else {
            return Err((Reason::UnclosedQuote, start));
        };
        text.push_str(&line[from..quote]);
        if line[quote + 1..].starts_with('"') {
            text.push('"');
            from = quote + 2;
            continue;
        }
        let after = quote + 1;
        let rest = line[after..].trim_start();
        let next = line.len() - rest.len();
        if !rest.is_empty() && !rest.starts_with(',') {
            return Err((Reason::TextAfterQuote, start));
        }
        return Ok((Cow::Owned(text), next));
    }
}

/// The 1-based column (in characters) of a byte offset in a line.
fn column(line: &str, offset: usize) -> usize {
    line[..offset].chars().count() + 1
}

/// Parses `label value` lines, skipping blank and `#` lines and the header line if any. The
/// first line read (the header if any) decides how fields are split ([`Split::of`]).
///
/// # Errors
/// [`InputError::Empty`] without a value; else the first line that is not `label value`, whose
/// value is not a finite number or whose label is refused.
pub(super) fn parse(text: &str, header: Option<usize>) -> Result<Vector, InputError> {
    let mut values = Vec::new();
    let mut labels = Labels::new();
    let mut split = None;
    for Line {
        number, text: line, ..
    } in numbered(text)
    {
        if is_skipped(line) {
            continue;
        }
        let split = *split.get_or_insert_with(|| Split::of(line));
        if Some(number) == header {
            continue;
        }
        let at = |offset| Place::Line {
            line: number,
            column: column(line, offset),
        };
        let fields = fields(line, split)
            .map_err(|(reason, offset)| InputError::invalid("", reason, at(offset)))?;
        match fields.as_slice() {
            [label, value] => {
                labels.push(label.text.clone()).map_err(|(shown, reason)| {
                    InputError::invalid(&shown, reason, at(label.offset))
                })?;
                let number = parse_token(&value.text)
                    .map_err(|reason| InputError::invalid(&value.text, reason, at(value.offset)))?;
                values.push(number);
            }
            [only] if reads_as_number(&only.text) => {
                return Err(InputError::invalid(
                    &only.text,
                    Reason::Unlabelled,
                    at(only.offset),
                ));
            }
            _ => {
                let count = fields.len();
                let offset = line.len() - line.trim_start().len();
                return Err(InputError::invalid(
                    line.trim(),
                    Reason::Fields { count },
                    at(offset),
                ));
            }
        }
    }
    debug_assert_eq!(values.len(), labels.len());
    if values.is_empty() {
        return Err(InputError::Empty);
    }
    Ok(Vector {
        values,
        labels: Some(labels.into_vec()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<String> {
        fields(line, Split::of(line))
            .unwrap()
            .into_iter()
            .map(|f| f.text.into_owned())
            .collect()
    }

    #[test]
    fn fields_at_whitespace_or_commas() {
        assert_eq!(texts("cat 1.2"), ["cat", "1.2"]);
        assert_eq!(texts(" cat\t 1.2 "), ["cat", "1.2"]);
        assert_eq!(texts("cat,1.2"), ["cat", "1.2"]);
        assert_eq!(texts("New York , 1.2"), ["New York", "1.2"]);
        assert_eq!(texts("\"a, b\",1.5"), ["a, b", "1.5"]);
        assert_eq!(texts(" \"say \"\"hi\"\"\" , 2"), ["say \"hi\"", "2"]);
        assert_eq!(texts("\"x\""), ["x"]);
        assert_eq!(texts("a,"), ["a", ""]);
        assert_eq!(texts("5\"screen,1"), ["5\"screen", "1"]);
        assert_eq!(texts("New York\t 1.5 "), ["New York", "1.5"]);
        assert_eq!(texts("a\t\tb"), ["a", "", "b"]);
        assert_eq!(texts("  "), [""; 0]);
        let whitespace = fields(", 0.4", Split::Whitespace).unwrap();
        assert_eq!(whitespace[0].text, ",");
        let offsets: Vec<usize> = fields(" x\t y", Split::Tab)
            .unwrap()
            .iter()
            .map(|f| f.offset)
            .collect();
        assert_eq!(offsets, [1, 4]);
        assert_eq!(
            fields("\"a,1", Split::Comma).err(),
            Some((Reason::UnclosedQuote, 0))
        );
        assert_eq!(
            fields("\"a\" 1", Split::Comma).err(),
            Some((Reason::TextAfterQuote, 0))
        );
        assert_eq!(
            fields("x,\"a\"b", Split::Comma).err(),
            Some((Reason::TextAfterQuote, 2))
        );
        let offsets: Vec<usize> = fields("é 1", Split::Whitespace)
            .unwrap()
            .iter()
            .map(|f| f.offset)
            .collect();
        assert_eq!(offsets, [0, 3]);
    }

    #[test]
    fn label_value_lines() {
        let text = "cat,1.2\r\n\n# a comment\ndog, 0.9\n\"bird, small\",\u{2212}0.4\n";
        let v = parse(text, None).unwrap();
        assert_eq!(v.values, [1.2, 0.9, -0.4]);
        assert_eq!(v.labels.unwrap(), ["cat", "dog", "bird, small"]);
        let v = parse("cat 1.2\n, 0.9\n\"a\" 1", None).unwrap();
        assert_eq!(v.labels.unwrap(), ["cat", ",", "\"a\""]);
        let v = parse("New York\t1.2\nParis\t0.9", None).unwrap();
        assert_eq!(v.labels.unwrap(), ["New York", "Paris"]);
        let v = parse("token,logit\ncat,1\n", Some(1)).unwrap();
        assert_eq!(v.labels.unwrap(), ["cat"]);
    }

    #[test]
    fn label_value_lines_refused() {
        let table = [
            (
                "cat 1\ndog abc",
                "\"abc\" is not a number (line 2, column 5)",
            ),
            (
                "cat 1\ndog",
                "\"dog\" has 1 field, expected \"label value\" or \"label,value\" (line 2, column 1)",
            ),
            (
                "cat 1\n a b c",
                "\"a b c\" has 3 fields, expected \"label value\" or \"label,value\" (line 2, column 2)",
            ),
            (
                "cat,1\na, b,2",
                "\"a, b,2\" has 3 fields, expected \"label value\" or \"label,value\" (line 2, column 1)",
            ),
            (
                "cat 1\n0.9",
                "\"0.9\" has no label, unlike the elements before it (label every element or none) (line 2, column 1)",
            ),
            (
                "cat 1\n2 3",
                "\"2\" is a number, not a label (a label is text) (line 2, column 1)",
            ),
            ("cat,1\n,3", "the label is empty (line 2, column 1)"),
            (
                "cat 1\ncat 3",
                "\"cat\" is already the label of element 1 (labels must be unique) (line 2, column 1)",
            ),
            (
                "cat 1\ndog inf",
                "\"inf\" is not a finite number (line 2, column 5)",
            ),
            (
                "cat,1\n\"dog,2",
                "a quoted label is never closed (line 2, column 1)",
            ),
            (
                "cat,1\nx, \"dog\" 2",
                "text after a quoted label (expected a comma) (line 2, column 4)",
            ),
            ("# nothing\n\n", "no numbers given"),
        ];
        for (text, want) in table {
            let got = parse(text, None).map_err(|e| e.to_string());
            assert_eq!(got, Err(want.to_string()), "{text:?}");
        }
    }
}
