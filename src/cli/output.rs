//! The writers every subcommand shares: aligned tables, CSV.

use std::fmt::Write as _;
use std::io::Write;

use super::Error;
use crate::format::full_precision;

/// Writes `x,y,dy` rows at full precision, with a header.
pub(super) fn write_csv(
    out: &mut dyn Write,
    xs: &[f64],
    ys: &[f64],
    dys: &[f64],
) -> Result<(), Error> {
    writeln!(out, "x,y,dy")?;
    for ((&x, &y), &dy) in xs.iter().zip(ys).zip(dys) {
        writeln!(
            out,
            "{},{},{}",
            full_precision(x),
            full_precision(y),
            full_precision(dy)
        )?;
    }
    Ok(())
}

/// Writes rows as left-aligned columns two spaces apart.
pub(super) fn write_table<const N: usize>(
    out: &mut dyn Write,
    header: &[String; N],
    rows: &[[String; N]],
) -> Result<(), Error> {
    let mut widths = header.each_ref().map(|h| h.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    for row in std::iter::once(header).chain(rows) {
        let mut line = String::new();
        for (i, (cell, width)) in row.iter().zip(widths).enumerate() {
            if i + 1 == N {
                line.push_str(cell);
            } else {
                let _ = write!(line, "{cell:<width$}  ");
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
    fn table_columns_line_up() {
        let mut out = Vec::new();
        let header = ["a".to_string(), "bb".to_string()];
        let rows = [["ccc".to_string(), "d".to_string()]];
        write_table(&mut out, &header, &rows).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "a    bb\nccc  d\n");
    }
}
