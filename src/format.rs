//! Numbers as text, the same way everywhere: full precision for the command line and the edit
//! field, short forms for the panels. Non-finite values read `NaN`, `inf`, `-inf`.

use crate::kernel::Temperature;

/// A number as the shortest text that reads back to the same `f64`, in exponent form when it is
/// very large or very small (`1.860037988010418e-44`, not 44 zeros).
#[must_use]
pub fn full_precision(v: f64) -> String {
    let magnitude = v.abs();
    if v == 0.0 || !v.is_finite() || (1e-5..1e16).contains(&magnitude) {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

/// A number with `decimals` decimals, switching to 2-significant-digit exponent form when that
/// would show only zeros or be too wide (`1.9e-44`, `3.2e+12`). `-0.0000` is printed as `0.0000`.
#[must_use]
pub fn short(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    let magnitude = v.abs();
    let smallest = 0.5 * 10f64.powi(-(decimals as i32));
    if v != 0.0 && (magnitude < smallest || magnitude >= 1e6) {
        return exponent(v);
    }
    let text = format!("{v:.decimals$}");
    if text.starts_with('-') && text[1..].chars().all(|c| c == '0' || c == '.') {
        text[1..].to_string()
    } else {
        text
    }
}

/// `1.9e-44`: two significant digits and a short exponent.
fn exponent(v: f64) -> String {
    format!("{v:.1e}")
}

/// An input value as typed: the shortest round-trip text if it fits in `width`, else [`short`].
#[must_use]
pub fn input_value(v: f64, width: usize) -> String {
    let full = full_precision(v);
    if full.chars().count() <= width {
        full
    } else {
        short(v, 4.min(width.saturating_sub(3)))
    }
}

/// A softmax temperature as the panels show it: `T = 0.5`, or `T = 0 (argmax)`.
#[must_use]
pub fn temperature(t: Temperature) -> String {
    if t.is_argmax() {
        "T = 0 (argmax)".to_string()
    } else {
        format!("T = {}", full_precision(t.get()))
    }
}

/// A probability as a percentage with two decimals: `45.66 %`.
#[must_use]
pub fn percent(p: f64) -> String {
    if p.is_finite() {
        format!("{:.2} %", p * 100.0)
    } else {
        format!("{p}")
    }
}

/// An axis tick: as few decimals as the value itself needs at the ticks' `spacing` (`-5`, `-2.5`,
/// `0.3`, not `0.30000000000000004`), exponent form when very large or small.
#[must_use]
pub fn tick(v: f64, spacing: f64) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    let magnitude = v.abs().max(spacing.abs());
    if magnitude >= 1e5 || (magnitude > 0.0 && magnitude < 1e-3) {
        return exponent(v);
    }
    let tolerance = spacing.abs() * 1e-6;
    let v = if v.abs() <= tolerance { 0.0 } else { v };
    let decimals = (0..=6)
        .find(|&d| {
            let scale = 10f64.powi(d);
            ((v * scale).round() / scale - v).abs() <= tolerance
        })
        .unwrap_or(6);
    short(v, decimals as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_precision_round_trips_and_stays_short() {
        for v in [
            0.0,
            1.2,
            -0.9,
            1.860_037_988_010_418e-44,
            1e308,
            123_456.789,
            5e-324,
        ] {
            let text = full_precision(v);
            assert_eq!(
                text.parse::<f64>().unwrap().to_bits(),
                v.to_bits(),
                "{text}"
            );
            assert!(text.len() <= 24, "{text}");
        }
        assert_eq!(
            full_precision(1.860_037_988_010_418e-44),
            "1.860037988010418e-44"
        );
        assert_eq!(full_precision(0.25), "0.25");
    }

    #[test]
    fn short_forms() {
        assert_eq!(short(0.768_524_783_499_017_5, 4), "0.7685");
        assert_eq!(short(1.860_037_988_010_418e-44, 4), "1.9e-44");
        assert_eq!(short(-0.000_01, 4), "-1.0e-5");
        assert_eq!(short(-0.000_04, 4), "-4.0e-5");
        assert_eq!(short(-0.0, 4), "0.0000");
        assert_eq!(short(3.2e12, 4), "3.2e12");
        assert_eq!(short(f64::NAN, 4), "NaN");
        assert_eq!(short(f64::NEG_INFINITY, 4), "-inf");
        assert_eq!(percent(0.456_590_318_194_437_8), "45.66 %");
        assert_eq!(temperature(Temperature::ARGMAX), "T = 0 (argmax)");
        assert_eq!(temperature(Temperature::new(0.5).unwrap()), "T = 0.5");
        assert_eq!(input_value(1.2, 8), "1.2");
        assert_eq!(input_value(0.123_456_789_123, 8), "0.1235");
    }

    #[test]
    fn ticks_use_the_decimals_their_spacing_needs() {
        assert_eq!(tick(-5.0, 2.5), "-5");
        assert_eq!(tick(0.0, 2.5), "0");
        assert_eq!(tick(2.5, 2.5), "2.5");
        assert_eq!(tick(0.5, 0.6), "0.5");
        assert_eq!(tick(-0.1, 0.6), "-0.1");
        assert_eq!(tick(1.1, 0.6), "1.1");
        assert_eq!(tick(100.0, 50.0), "100");
        assert_eq!(tick(0.25, 0.25), "0.25");
        assert_eq!(tick(-0.5, 3.0), "-0.5");
        assert_eq!(tick(5.5, 3.0), "5.5");
        assert_eq!(tick(0.1 + 0.2, 0.6), "0.3");
        assert_eq!(tick(1e-9, 2.5), "0");
    }
}
