//! The writers every subcommand shares: aligned tables, CSV, a label column.

use std::fmt::Write as _;
use std::io::Write;

use super::Error;
use crate::format::full_precision;

/// Writes `x,y,dy` rows at full precision, with a header; `label,x,y,dy` when there are labels.
pub(super) fn write_csv(
    out: &mut dyn Write,
    labels: Option<&[String]>,
    xs: &[f64],
    ys: &[f64],
    dys: &[f64],
) -> Result<(), Error> {
    writeln!(
        out,
        "{}x,y,dy",
        if labels.is_some() { "label," } else { "" }
    )?;
    for (i, ((&x, &y), &dy)) in xs.iter().zip(ys).zip(dys).enumerate() {
        writeln!(
            out,
            "{}{},{},{}",
            csv_label(labels, i),
            full_precision(x),
            full_precision(y),
            full_precision(dy)
        )?;
    }
    Ok(())
}

/// The CSV field of element `i`'s label and its comma, or nothing without labels.
pub(super) fn csv_label(labels: Option<&[String]>, i: usize) -> String {
    labels.map_or_else(String::new, |labels| format!("{},", csv_field(&labels[i])))
}

/// `text` as one CSV field (RFC 4180): in double quotes, a quote inside doubled, when it holds a
/// comma, a quote, a line break or surrounding spaces.
pub(super) fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) || text.trim() != text {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The table with a `label` column inserted at `at`, when there are labels.
pub(super) fn label_column<const N: usize>(
    header: [String; N],
    rows: Vec<[String; N]>,
    labels: Option<&[String]>,
    at: usize,
) -> (Vec<String>, Vec<Vec<String>>) {
    let insert = |row: [String; N], label: Option<String>| {
        let mut row = Vec::from(row);
        if let Some(label) = label {
            row.insert(at, label);
        }
        row
    };
    let header = insert(header, labels.map(|_| "label".to_string()));
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| insert(row, labels.map(|labels| labels[i].clone())))
        .collect();
    (header, rows)
}

/// Writes rows as left-aligned columns two spaces apart.
pub(super) fn write_table<H: AsRef<str>, R: AsRef<[String]>>(
    out: &mut dyn Write,
    header: &[H],
    rows: &[R],
) -> Result<(), Error> {
    // Columns as the terminal shows them: a CJK character or an emoji takes two.
    let shown = |text: &str| ratatui::text::Span::raw(text).width();
    let mut widths: Vec<usize> = header.iter().map(|h| shown(h.as_ref())).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row.as_ref()) {
            *width = (*width).max(shown(cell));
        }
    }
    let n = widths.len();
    let header: Vec<&str> = header.iter().map(AsRef::as_ref).collect();
    let lines = std::iter::once(header).chain(
        rows.iter()
            .map(|row| row.as_ref().iter().map(String::as_str).collect()),
    );
    for row in lines {
        let mut line = String::new();
        for (i, (cell, width)) in row.iter().zip(&widths).enumerate() {
            if i + 1 == n {
                line.push_str(cell);
            } else {
                let pad = width.saturating_sub(shown(cell));
                let _ = write!(line, "{cell}{:pad$}  ", "");
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_take_two_columns() {
        let mut out = Vec::new();
        let rows = [
            ["中文".to_string(), "1".to_string()],
            ["ab".to_string(), "2".to_string()],
        ];
        write_table(&mut out, &["label", "x"], &rows).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "label  x\n中文   1\nab     2\n"
        );
    }

    #[test]
    fn table_columns_line_up() {
        let mut out = Vec::new();
        let header = ["a".to_string(), "bb".to_string()];
        let rows = [["ccc".to_string(), "d".to_string()]];
        write_table(&mut out, &header, &rows).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "a    bb\nccc  d\n");
    }

    #[test]
    fn a_label_column_and_csv_fields() {
        let labels = ["cat".to_string(), "New York".to_string()];
        let header = ["i".to_string(), "x".to_string()];
        let rows = vec![
            ["0".to_string(), "1".to_string()],
            ["1".to_string(), "2".to_string()],
        ];
        let (header, rows) = label_column(header, rows, Some(&labels), 1);
        let mut out = Vec::new();
        write_table(&mut out, &header, &rows).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "i  label     x\n0  cat       1\n1  New York  2\n"
        );
        assert_eq!(csv_field("cat"), "cat");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
