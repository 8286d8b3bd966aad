//! One number as written: a finite `f64`, or the reason it is not one.

use super::Reason;

/// Parses one token: a finite `f64`, with `−` (U+2212) read as `-` and `-0` as `0`.
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
        Ok(finite(value))
    }
}

/// `-0` as `0`; every other value unchanged (`-0 + 0 = +0`).
pub(super) fn finite(value: f64) -> f64 {
    value + 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minus_zero_is_zero() {
        assert_eq!(parse_token("-0").map(f64::to_bits), Ok(0));
        assert_eq!(finite(-0.0).to_bits(), 0);
    }
}
