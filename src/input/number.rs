//! One number as written: a finite `f64`, or the reason it is not one.

use super::Reason;

/// Parses one token: a finite `f64`, with `−` (U+2212) read as `-`; `-0` stays `-0`, as NumPy and
/// PyTorch keep it. A number nearer 0 than the smallest subnormal (`1e-400`) is refused rather
/// than read as 0; one that rounds to a subnormal (`1e-320`) is kept.
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
    } else if value == 0.0 && has_nonzero_digit(text) {
        Err(Reason::Underflow {
            negative: value.is_sign_negative(),
        })
    } else {
        Ok(value)
    }
}

/// Whether a number's significand (before any exponent) has a digit other than 0: then it is
/// not 0, whatever `f64` it rounds to.
pub(super) fn has_nonzero_digit(number: &str) -> bool {
    number
        .split(['e', 'E'])
        .next()
        .is_some_and(|significand| significand.bytes().any(|b| matches!(b, b'1'..=b'9')))
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
    fn numbers_that_would_read_as_0_are_refused() {
        for text in ["1e-400", "0.0000001e-320", "2e-324", "1E-999"] {
            assert_eq!(
                parse_token(text),
                Err(Reason::Underflow { negative: false })
            );
        }
        assert_eq!(
            parse_token("\u{2212}1e-400"),
            Err(Reason::Underflow { negative: true })
        );
        for (text, value) in [("3e-324", 5e-324), ("1e-320", 1e-320), ("0e-400", 0.0)] {
            assert_eq!(parse_token(text), Ok(value), "{text}");
        }
        assert_eq!(
            parse_token("-0.0e-999").map(f64::to_bits),
            Ok((-0.0_f64).to_bits())
        );
        assert!(reads_as_number("1e-400"));
    }

    #[test]
    fn minus_zero_is_kept() {
        let minus_zero = (-0.0_f64).to_bits();
        assert_eq!(parse_token("-0").map(f64::to_bits), Ok(minus_zero));
        assert_eq!(parse_token("\u{2212}0.0").map(f64::to_bits), Ok(minus_zero));
    }
}
