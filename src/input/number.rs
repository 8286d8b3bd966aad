//! One number as written: a finite `f64`, or the reason it is not one.

use super::Reason;

/// Parses one token: a finite `f64`, with `−` (U+2212) read as `-`; `-0` stays `-0`, as NumPy and
/// PyTorch keep it.
pub(super) fn parse_token(text: &str) -> Result<f64, Reason> {
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
        Ok(value)
    }
}

/// Whether the text reads as a number of any kind, finite or not (`1`, `-2.5`, `1e999`, `nan`,
/// `inf`): such text is never a label.
pub(super) fn reads_as_number(text: &str) -> bool {
    parse_token(text.trim()) != Err(Reason::NotANumber)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_of_any_kind_are_never_labels() {
        for text in [
            "1",
            " -2.5 ",
            "1e999",
            "nan",
            "-Infinity",
            "\u{2212}3",
            ".5",
            "+7",
        ] {
            assert!(reads_as_number(text), "{text:?}");
        }
        for text in ["cat", "1.2.3", "0x10", "1_000", "", "e5", "n", "▁the"] {
            assert!(!reads_as_number(text), "{text:?}");
        }
    }

    #[test]
    fn minus_zero_is_kept() {
        let minus_zero = (-0.0_f64).to_bits();
        assert_eq!(parse_token("-0").map(f64::to_bits), Ok(minus_zero));
        assert_eq!(parse_token("\u{2212}0.0").map(f64::to_bits), Ok(minus_zero));
    }
}
