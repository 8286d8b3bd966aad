//! Numbers as text, the same rule everywhere: whole where there is room, exponent form where not.
//!
//! Whole is the shortest text that reads back to the same `f64`. Never cut, never rounded to a zero
//! that is not one. Non-finite values read `NaN`, `inf`, `-inf`.

use crate::kernel::Temperature;

/// From this magnitude on, whole numbers are written in exponent form (`2.5e6`).
const EXPONENT_FROM: f64 = 1e6;
/// Below this magnitude, numbers are written in exponent form (`5e-5`).
const EXPONENT_BELOW: f64 = 1e-4;
/// The fewest significant digits a fixed-point cell may show; fewer, and it switches to
/// exponent form (`0.0046` stays, `0.00046` becomes `4.600e-4`).
const MIN_SIGNIFICANT: i32 = 2;
/// The most significant digits a cell's exponent form shows.
const MAX_SIGNIFICANT: usize = 4;

/// A number as the shortest text that reads back to the same `f64`: plain between 1e-4 and 1e6,
/// exponent form outside (`1.860037988010418e-44`, `1.2345678e7`, not 44 zeros or 8 digits); `-0`
/// keeps its sign, as NumPy and PyTorch print it. The command line, the edit field and the reopen
/// command all write numbers this way.
#[must_use]
pub fn full_precision(v: f64) -> String {
    let magnitude = v.abs();
    if v == 0.0 || !v.is_finite() || (EXPONENT_BELOW..EXPONENT_FROM).contains(&magnitude) {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

/// A number in at most `width` characters, for a fixed-width cell: fixed point with up to
/// `decimals` decimals when that fits and shows at least two significant digits (`-1000.00`,
/// `0.7685`), else exponent form with as many significant digits (up to 4) as fit (`1.860e-44`,
/// `-1.80e308`). Never cut: any finite `f64` fits in 7 characters (`-5e-324`), and a narrower
/// cell gets the shortest exponent form even if it overflows the width. `-0` keeps its sign
/// (`-0.0000`), as NumPy and PyTorch print it.
#[must_use]
pub fn cell(v: f64, width: usize, decimals: usize) -> String {
    cell_as(v, width, decimals, Digits::Rounded)
}

/// What a cell's digits promise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Digits {
    /// Rounded to the cell, as [`cell`] writes any f64 the kernel computed (`1.0000` may be
    /// 0.99999999).
    Rounded,
    /// Exact told from rounded, for a lower precision's values, where 1 and 0.99998, or 0.5 and
    /// 0.50000006, are different answers: a whole number is written as one (`1`, `17`, `65504`,
    /// `-0`); any other value is written so that it reads back to itself (`0.5000` for 0.5) or
    /// cannot be taken for a shorter decimal it is not: never with zeros at the end standing
    /// for digits that are not zero (`1.0000`, `0.5000` for 0.50000006), but with the digits
    /// that show it is not (`0.99998`, `0.5000001`), or as the shorter decimal and how far it is
    /// (`1-6e-8`: 1 - 6e-8, `0.5+6e-8`), or cut rather than rounded (`9.9999` for 9.99995), or
    /// as a bound (`>0.5`); only where none fits, the rounded form.
    Exact,
}

/// [`cell`], with the digits' promise chosen: [`Digits::Exact`] for a lower precision's cells.
#[must_use]
pub fn cell_as(v: f64, width: usize, decimals: usize, digits: Digits) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    let rounded = rounded(v, width, decimals);
    if digits == Digits::Rounded {
        return rounded;
    }
    if v.fract() == 0.0 {
        // A whole number, exactly: its digits alone when they fit (`-0` too).
        let whole = format!("{v}");
        return if whole.chars().count() <= width {
            whole
        } else {
            rounded
        };
    }
    if !misleads(&rounded, v) {
        return rounded;
    }
    sharper(v, width, &rounded).unwrap_or(rounded)
}

/// A finite `v` rounded to the cell: fixed point, else exponent form with as many significant
/// digits as fit (see [`cell`]).
fn rounded(v: f64, width: usize, decimals: usize) -> String {
    if let Some(fixed) = fixed(v, width, decimals) {
        return fixed;
    }
    let mut best = exponent(v, 1);
    for significant in 2..=MAX_SIGNIFICANT {
        let text = exponent(v, significant);
        if text.chars().count() > width {
            break;
        }
        best = text;
    }
    best
}

/// Whether `text` could be taken for an exact decimal that `v` is not: it does not read back to
/// `v`, and ends in zeros after the point (`1.0000`, `0.5000`, `1.000e-5`) or has no point (`3`).
fn misleads(text: &str, v: f64) -> bool {
    if text.parse::<f64>() == Ok(v) {
        return false;
    }
    let mantissa = text.split_once('e').map_or(text, |(m, _)| m);
    !mantissa.contains('.') || mantissa.ends_with('0')
}

/// A value `rounded` would misrepresent ([`misleads`]), in at most `width` characters, in a form
/// that does not: more digits than `rounded` shows; the shorter decimal `rounded` stands for and
/// the distance to it (`1-6e-8`, `0.5+6e-8`); its digits cut where the width ends; more
/// significant digits in exponent form; a bound (`>0.5`, `<1`). `None` when none fits.
fn sharper(v: f64, width: usize, rounded: &str) -> Option<String> {
    let fits = |text: &String| text.chars().count() <= width && !misleads(text, v);
    let (mantissa, power) = rounded.split_once('e').unwrap_or((rounded, ""));
    let shown = mantissa.split_once('.').map_or(0, |(_, d)| d.len());
    if power.is_empty() {
        let more_decimals = (shown + 1..width).map(|decimals| format!("{v:.decimals$}"));
        if let Some(text) = more_decimals
            .take_while(|t| t.chars().count() <= width)
            .find(fits)
        {
            return Some(text);
        }
    }
    // The shorter decimal the rounded text stands for (`0.5` for `0.5000`, `1` for `1.0000`).
    let short = trim_zeros(mantissa);
    let nearest = if power.is_empty() {
        short
    } else {
        format!("{short}e{power}")
    };
    let nearest_value: f64 = nearest.parse().ok()?;
    if power.is_empty() && nearest_value != 0.0 {
        let off = v - nearest_value;
        let sign = if off < 0.0 { '-' } else { '+' };
        let distance = (1..=MAX_SIGNIFICANT)
            .map(|significant| format!("{nearest}{sign}{}", exponent(off.abs(), significant)))
            .take_while(|t| t.chars().count() <= width)
            .last();
        if let Some(text) = distance {
            return Some(text);
        }
    }
    // Cut rather than rounded (`9.9999` for 9.99995): every digit shown is the value's.
    let expansion = format!("{v:.40}");
    let cut: String = expansion.chars().take(width).collect();
    if cut.contains('.') && !cut.ends_with('.') && !is_zero_text(&cut) && fits(&cut) {
        return Some(cut);
    }
    let significant = mantissa.chars().filter(char::is_ascii_digit).count();
    if let Some(text) = (significant + 1..width)
        .map(|significant| exponent(v, significant))
        .find(fits)
    {
        return Some(text);
    }
    // Only a bound fits: the shorter decimal and which side of it the value lies.
    let side = if v > nearest_value { '>' } else { '<' };
    let bound = format!("{side}{nearest}");
    (bound.chars().count() <= width).then_some(bound)
}

/// `v` in fixed point with as many of `decimals` decimals as fit `width`, if that shows at least
/// [`MIN_SIGNIFICANT`] significant digits (exact zero always fits).
fn fixed(v: f64, width: usize, decimals: usize) -> Option<String> {
    let magnitude = v.abs();
    let sign = usize::from(v.is_sign_negative());
    // Digits before the point (at least the 0 of 0.xxx).
    let integer_digits = if magnitude >= 1.0 {
        magnitude.log10().floor() as usize + 1
    } else {
        1
    };
    if integer_digits + sign > width || magnitude >= 1e16 {
        return None;
    }
    let room = width - integer_digits - sign;
    // A point needs a digit after it to be worth writing.
    let decimals = if room >= 2 { decimals.min(room - 1) } else { 0 };
    let text = format!("{v:.decimals$}");
    // Rounding can carry into a new digit (9.99995 -> 10.0000): check the width again.
    if text.chars().count() > width {
        return fixed_with(v, width, decimals.saturating_sub(1));
    }
    if v != 0.0 {
        // Significant digits shown: the exponent of the leading digit against the last decimal.
        let leading = magnitude.log10().floor() as i32;
        let shown = leading + 1 + decimals as i32;
        if shown < MIN_SIGNIFICANT || is_zero_text(&text) {
            return None;
        }
    }
    Some(text)
}

fn fixed_with(v: f64, width: usize, decimals: usize) -> Option<String> {
    let text = format!("{v:.decimals$}");
    (text.chars().count() <= width && !is_zero_text(&text)).then_some(text)
}

/// Whether a fixed-point text shows only zeros (`0.0000`, `-0.00`).
fn is_zero_text(text: &str) -> bool {
    text.chars().all(|c| matches!(c, '0' | '.' | '-'))
}

/// `v` in exponent form with `significant` significant digits and a plain exponent (`1.860e-44`,
/// `-2e308`).
fn exponent(v: f64, significant: usize) -> String {
    let decimals = significant.saturating_sub(1);
    format!("{v:.decimals$e}")
}

/// A number with `decimals` decimals where there is no width to respect (a summary line):
/// fixed point when that shows two significant digits, exponent form (4 significant digits)
/// otherwise or from 1e6 on (`0.6931`, `1.860e-44`, `3.200e12`). `-0.0000` reads `0.0000`.
#[must_use]
pub fn short(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    // An exact zero is 0, not a rounded 0.00.
    if v == 0.0 {
        return "0".to_string();
    }
    if v.abs() >= EXPONENT_FROM {
        return exponent(v, MAX_SIGNIFICANT);
    }
    cell(v, usize::MAX, decimals)
}

/// A number given as a decimal mantissa and exponent (`m·10^e`, `1 <= m < 10`), in
/// [`short`]'s exponent form, for a magnitude past f64's range (`6.857e-537`).
#[must_use]
pub fn decimal(mantissa: f64, exponent: i64) -> String {
    let decimals = MAX_SIGNIFICANT - 1;
    let digits = format!("{mantissa:.decimals$}");
    // 9.99996 rounds to 10.000: one more in the exponent.
    if digits.starts_with("10") {
        return format!("{:.decimals$}e{}", mantissa / 10.0, exponent + 1);
    }
    format!("{digits}e{exponent}")
}

/// An input value as typed where the width allows: the shortest round-trip text if it fits in
/// `width`, else [`cell`].
#[must_use]
pub fn input_value(v: f64, width: usize) -> String {
    let full = full_precision(v);
    if full.chars().count() <= width {
        full
    } else {
        cell(v, width, 4)
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

/// A probability as a percentage with two decimals (`45.66 %`), never rounded to a value it is
/// not: an exact 0 reads `0 %`, a positive probability under 0.005 % reads `<0.01 %`, and one
/// short of 1 by less than that reads `>99.99 %`.
#[must_use]
pub fn percent(p: f64) -> String {
    if !p.is_finite() {
        return format!("{p}");
    }
    let percent = p * 100.0;
    if p == 0.0 {
        "0 %".to_string()
    } else if percent.abs() < 0.005 {
        if p > 0.0 { "<0.01 %" } else { ">-0.01 %" }.to_string()
    } else if p < 1.0 && percent >= 99.995 {
        ">99.99 %".to_string()
    } else {
        format!("{percent:.2} %")
    }
}

/// A softmax probability as a percentage ([`percent`]), truthful where f64 is not. With
/// `others` (other elements, at a temperature above 0, from finite logits) every probability
/// is strictly between 0 and 1, so an f64 0 is an underflow and reads `<0.01 %`, and an f64 1
/// reads `>99.99 %`.
#[must_use]
pub fn softmax_percent(p: f64, others: bool) -> String {
    if p == 0.0 && others {
        "<0.01 %".to_string()
    } else if p == 1.0 && others {
        ">99.99 %".to_string()
    } else {
        percent(p)
    }
}

/// A count with thousands grouped by commas: `49,990`, `1,000,000`.
#[must_use]
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Labels for axis ticks at `values`: as few digits as tell every label from its neighbours
/// (`-5`, `-2.5`, `0.3`, not `0.30000000000000004`), exponent form from 1e5 on or below 1e-3
/// (`-1e308`, `1.0000001e300`), and exactly `0` for a tick within a millionth of the spacing of
/// zero.
#[must_use]
pub fn ticks(values: &[f64]) -> Vec<String> {
    let spacing = values
        .windows(2)
        .map(|w| (w[1] - w[0]).abs())
        .filter(|s| *s > 0.0 && s.is_finite())
        .fold(f64::INFINITY, f64::min);
    let spacing = if spacing.is_finite() { spacing } else { 1.0 };
    let cleaned: Vec<f64> = values
        .iter()
        .map(|&v| if v.abs() <= spacing * 1e-6 { 0.0 } else { v })
        .collect();
    let largest = cleaned
        .iter()
        .filter(|v| v.is_finite())
        .fold(0.0f64, |m, v| m.max(v.abs()));
    let exponential = largest >= 1e5 || spacing < 1e-3;
    // The fewest digits that keep neighbouring labels apart, say each value to within a tenth
    // of the spacing, and never show a value that is not zero as 0 (or -0).
    for digits in 1..=17 {
        let labels: Vec<String> = cleaned
            .iter()
            .map(|&v| tick_label(v, digits, exponential))
            .collect();
        let distinct = labels.windows(2).all(|w| w[0] != w[1]);
        let precise = cleaned.iter().zip(&labels).all(|(&v, label)| {
            label
                .parse::<f64>()
                .is_ok_and(|read| (read - v).abs() <= spacing * 0.1 && (read == 0.0) == (v == 0.0))
        });
        if distinct && precise {
            return labels;
        }
    }
    cleaned
        .iter()
        .map(|&v| tick_label(v, 17, exponential))
        .collect()
}

/// One tick label with `digits` digits: significant digits in exponent form, decimals otherwise;
/// trailing zeros dropped.
fn tick_label(v: f64, digits: usize, exponential: bool) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    if v == 0.0 {
        return "0".to_string();
    }
    if exponential {
        let text = format!("{v:.prec$e}", prec = digits - 1);
        let (mantissa, power) = text.split_once('e').unwrap_or((&text, "0"));
        format!("{}e{power}", trim_zeros(mantissa))
    } else {
        trim_zeros(&format!("{v:.prec$}", prec = digits - 1))
    }
}

/// `2.50` -> `2.5`, `3.00` -> `3`; integers unchanged.
fn trim_zeros(text: &str) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decimal_past_f64_reads_as_short_does() {
        assert_eq!(decimal(6.857_321, -537), "6.857e-537");
        assert_eq!(decimal(1.0, 400), "1.000e400");
        assert_eq!(decimal(9.999_96, -9), "1.000e-8");
        assert_eq!(decimal(1.86, -44), short(1.86e-44, 2));
    }

    /// Whether a cell's text reads as a whole number: no digit after the point but zeros, in
    /// fixed point or in an exponent form's mantissa (`17.000`, `1.0000`, `1.000e-5`, `3`).
    fn reads_whole(text: &str) -> bool {
        let mantissa = text.split_once('e').map_or(text, |(m, _)| m);
        mantissa
            .split_once('.')
            .is_none_or(|(_, decimals)| decimals.chars().all(|c| c == '0'))
    }

    /// Every magnitude from the smallest subnormal to the largest finite, both signs.
    fn magnitudes() -> Vec<f64> {
        let mut values = vec![0.0, 5e-324, f64::MIN_POSITIVE, f64::MAX, 1.0, 0.1, 9.99995];
        let mut v = 5e-324;
        while v < 1.7e308 {
            values.push(v);
            values.push(v * 1.234_567_89);
            values.push(v * 9.999_999);
            v *= 10.0;
        }
        values
            .iter()
            .filter(|v| v.is_finite())
            .flat_map(|&v| [v, -v])
            .collect()
    }

    #[test]
    fn full_precision_round_trips_and_switches_form_at_1e6_and_1e_4() {
        for v in magnitudes() {
            let text = full_precision(v);
            assert_eq!(text.parse::<f64>().unwrap(), v, "{text}");
            assert!(text.len() <= 24, "{text}");
        }
        assert_eq!(
            full_precision(1.860_037_988_010_418e-44),
            "1.860037988010418e-44"
        );
        assert_eq!(full_precision(0.25), "0.25");
        assert_eq!(full_precision(999_999.5), "999999.5");
        assert_eq!(full_precision(1e6), "1e6");
        assert_eq!(full_precision(1.234_567_8e7), "1.2345678e7");
        assert_eq!(full_precision(0.0001), "0.0001");
        assert_eq!(full_precision(0.000_099), "9.9e-5");
        assert_eq!(full_precision(-0.0), "-0");
        assert_eq!(full_precision(0.0), "0");
        assert_eq!(full_precision(-1e308), "-1e308");
    }

    #[test]
    fn a_cell_never_cuts_a_number_at_any_width_the_layout_gives() {
        for width in 7..=24 {
            for v in magnitudes() {
                let text = cell(v, width, 4);
                assert!(text.chars().count() <= width, "{v} at {width}: {text:?}");
                // What the cell says is the value to its own last digit: sign, magnitude and
                // (for non-zero values) at least one significant digit survive. Read as decimal
                // mantissa and exponent, so `1.8e308` (f64::MAX, rounded) reads as what it says.
                let (mantissa, power) = text.split_once('e').unwrap_or((&text, "0"));
                let mantissa: f64 = mantissa.parse().expect("a mantissa");
                let power: f64 = power.parse().expect("an exponent");
                assert_eq!(mantissa.signum(), v.signum(), "{v} at {width}: {text}");
                if v != 0.0 {
                    let said = mantissa.abs().log10() + power;
                    let off = (said - v.abs().log10()).abs();
                    assert!(off < 0.2, "{v} at {width}: {text} is off by 10^{off}");
                }
            }
        }
    }

    #[test]
    fn cells_prefer_fixed_point_then_exponent_form() {
        assert_eq!(cell(0.768_524_783_499_017_5, 8, 4), "0.7685");
        assert_eq!(cell(-1000.0, 8, 4), "-1000.00");
        assert_eq!(cell(-1000.0, 7, 4), "-1000.0");
        assert_eq!(cell(123_456.7, 8, 4), "123456.7");
        assert_eq!(cell(-150.0, 8, 4), "-150.000");
        assert_eq!(cell(1e16, 8, 4), "1.000e16");
        assert_eq!(cell(-1.79e308, 8, 4), "-1.8e308");
        assert_eq!(cell(-1.79e308, 9, 4), "-1.79e308");
        assert_eq!(cell(1.860_037_988_010_418e-44, 8, 4), "1.86e-44");
        assert_eq!(cell(5e-324, 7, 4), "5e-324");
        assert_eq!(cell(0.0046, 8, 4), "0.0046");
        assert_eq!(cell(0.00046, 8, 4), "4.600e-4");
        assert_eq!(cell(0.0, 8, 4), "0.0000");
        assert_eq!(cell(-0.0, 8, 4), "-0.0000");
        assert_eq!(cell(-1e-20, 8, 4), "-1.0e-20");
        assert_eq!(cell(9.999_95, 6, 4), "10.000");
        assert_eq!(cell(f64::NAN, 8, 4), "NaN");
        assert_eq!(cell(f64::NEG_INFINITY, 8, 4), "-inf");
    }

    /// What an exact-mode cell says, as its sign and the log10 of its magnitude: plain,
    /// exponent form (read apart, so `1.8e308` is not inf), or `n±d`.
    fn read_exact(text: &str) -> (f64, f64) {
        let text = text.trim_start_matches(['<', '>']);
        let split = text
            .char_indices()
            .skip(1)
            .find(|&(i, c)| matches!(c, '+' | '-') && !text[..i].ends_with('e'));
        if let Some((i, _)) = split {
            let v = text[..i].parse::<f64>().unwrap() + text[i..].parse::<f64>().unwrap();
            return (v.signum(), v.abs().log10());
        }
        let (mantissa, power) = text.split_once('e').unwrap_or((text, "0"));
        let mantissa: f64 = mantissa.parse().unwrap();
        let power: f64 = power.parse().unwrap();
        (mantissa.signum(), mantissa.abs().log10() + power)
    }

    #[test]
    fn exact_cells_tell_whole_numbers_from_values_near_them() {
        let exact = |v: f64, width| cell_as(v, width, 4, Digits::Exact);
        // Exactly whole: the digits alone.
        assert_eq!(exact(1.0, 8), "1");
        assert_eq!(exact(17.0, 6), "17");
        assert_eq!(exact(65504.0, 7), "65504");
        assert_eq!(exact(-1.0, 7), "-1");
        assert_eq!(exact(0.0, 7), "0");
        assert_eq!(exact(-0.0, 7), "-0");
        assert_eq!(exact(3.402_823_466_385_288_6e38, 9), "3.403e38");
        // Near a whole number: never read as one.
        assert_eq!(exact(f64::from(0.99998_f32), 7), "0.99998");
        assert_eq!(exact(f64::from(1.0_f32 - f32::EPSILON / 2.0), 7), "1-6e-8");
        assert_eq!(
            exact(f64::from(1.0_f32 - f32::EPSILON / 2.0), 9),
            "0.9999999"
        );
        assert_eq!(
            exact(f64::from(17.0_f32 + 16.0 * f32::EPSILON), 9),
            "17.000002"
        );
        assert_eq!(
            exact(f64::from(17.0_f32 + 16.0 * f32::EPSILON), 7),
            "17+2e-6"
        );
        assert_eq!(exact(f64::from(-1.0_f32 + f32::EPSILON), 7), "-1+1e-7");
        // Otherwise as a rounded cell.
        assert_eq!(exact(0.768_524_783_499_017_5, 9), "0.7685");
        assert_eq!(exact(1.860_037_988_010_418e-44, 8), "1.86e-44");
        assert_eq!(exact(0.5, 7), "0.5000");
        assert_eq!(exact(f64::NAN, 7), "NaN");
        for width in 7..=24 {
            for v in magnitudes() {
                let text = exact(v, width);
                assert!(text.chars().count() <= width, "{v} at {width}: {text:?}");
                let (sign, said) = read_exact(&text);
                if v == 0.0 {
                    assert_eq!(text, if v.is_sign_negative() { "-0" } else { "0" });
                } else {
                    let off = (said - v.abs().log10()).abs();
                    assert!(off < 0.2, "{v} at {width}: {text} is off by 10^{off}");
                    assert_eq!(sign, v.signum(), "{v} at {width}: {text}");
                }
                // Plain numbers short of a million never read whole unless they are.
                // (A bound, `>-49407`, says which side of it the value lies.)
                if v.abs() < 1e5 && v.abs() >= 1e-3 && v.fract() != 0.0 && !text.starts_with('>') {
                    assert!(!reads_whole(&text), "{v} at {width}: {text}");
                }
            }
        }
    }

    /// Whether an exact-mode cell is honest about `v`: it reads back to `v`, or it is a bound
    /// on the right side, a decimal and its distance, or digits that do not end in zeros.
    fn honest(text: &str, v: f64) -> bool {
        if let Some(rest) = text.strip_prefix('>') {
            return rest.parse::<f64>().is_ok_and(|b| v > b);
        }
        if let Some(rest) = text.strip_prefix('<') {
            return rest.parse::<f64>().is_ok_and(|b| v < b);
        }
        if text.parse::<f64>() == Ok(v) {
            return true;
        }
        let split = text
            .char_indices()
            .skip(1)
            .find(|&(i, c)| matches!(c, '+' | '-') && !text[..i].ends_with('e'));
        if let Some((i, _)) = split {
            let near: f64 = text[..i].parse().unwrap();
            let off: f64 = text[i..].parse().unwrap();
            return near != v && ((near + off - v) / off).abs() < 0.5;
        }
        let mantissa = text.split_once('e').map_or(text, |(m, _)| m);
        mantissa.contains('.') && !mantissa.ends_with('0')
    }

    #[test]
    fn exact_cells_never_pass_for_a_shorter_decimal_they_are_not() {
        let exact = |v: f64, width| cell_as(v, width, 4, Digits::Exact);
        // f32 sigmoid at 2e-7, -2e-7 and 1e-5.
        assert_eq!(exact(0.500_000_059_604_644_8, 9), "0.5000001");
        assert_eq!(exact(0.499_999_940_395_355_2, 9), "0.4999999");
        assert_eq!(exact(f64::from(0.500_002_5_f32), 9), "0.500003");
        assert_eq!(exact(0.500_000_059_604_644_8, 8), "0.5+6e-8");
        assert_eq!(exact(0.499_999_940_395_355_2, 7), "0.49999");
        assert_eq!(exact(0.500_000_059_604_644_8, 7), ">0.5");
        assert_eq!(exact(f64::from(0.1_f32), 9), "0.1+1e-9");
        assert_eq!(exact(0.099_975_585_937_5, 9), "0.09998"); // f16 0.1
        assert_eq!(exact(f64::from(0.769_96_f32), 9), "0.76996");
        // Values that read back exactly keep the rounded form.
        assert_eq!(exact(0.25, 9), "0.2500");
        assert_eq!(exact(-0.5, 9), "-0.5000");
        // Near short decimals at every magnitude, f32's neighbours and f16-like ones.
        for decimal in [0.5, 0.25, 0.1, 0.2, 0.75, 0.3, 1.5, 2.5, 0.125, 0.01, 0.05] {
            for scale in [1e-6, 1e-4, 1e-3, 1e-2, 0.1, 1.0, 10.0, 100.0, 1e3, 1e4] {
                let d = decimal * scale;
                let f = d as f32;
                let near = [
                    f64::from(f),
                    f64::from(f32::from_bits(f.to_bits() + 1)),
                    f64::from(f32::from_bits(f.to_bits() - 1)),
                    f64::from(f32::from_bits(f.to_bits() + 40)),
                    d * (1.0 + 2f64.powi(-11)),
                    d * (1.0 - 2f64.powi(-11)),
                ];
                for v in near.iter().flat_map(|&v| [v, -v]) {
                    for width in 7..=12 {
                        let text = exact(v, width);
                        assert!(text.chars().count() <= width, "{v} at {width}: {text}");
                        assert!(honest(&text, v), "{v} at {width}: {text}");
                    }
                }
            }
        }
    }

    #[test]
    fn short_forms() {
        assert_eq!(short(0.768_524_783_499_017_5, 4), "0.7685");
        assert_eq!(short(1.860_037_988_010_418e-44, 4), "1.860e-44");
        assert_eq!(short(-0.000_01, 4), "-1.000e-5");
        assert_eq!(short(-0.0, 4), "0");
        assert_eq!(short(0.0, 2), "0", "an exact zero is not a rounded 0.00");
        assert_eq!(short(3.2e12, 4), "3.200e12");
        assert_eq!(short(-1000.0, 3), "-1000.000");
        assert_eq!(short(f64::NAN, 4), "NaN");
        assert_eq!(temperature(Temperature::ARGMAX), "T = 0 (argmax)");
        assert_eq!(temperature(Temperature::new(0.5).unwrap()), "T = 0.5");
        assert_eq!(input_value(1.2, 8), "1.2");
        assert_eq!(input_value(0.123_456_789_123, 8), "0.1235");
    }

    #[test]
    fn percentages_never_round_to_what_they_are_not() {
        assert_eq!(percent(0.456_590_318_194_437_8), "45.66 %");
        assert_eq!(percent(0.0), "0 %");
        assert_eq!(percent(1.86e-44), "<0.01 %");
        assert_eq!(percent(0.999_999_9), ">99.99 %");
        assert_eq!(percent(1.0), "100.00 %");
        assert_eq!(percent(0.000_05), "0.01 %");
    }

    #[test]
    fn ticks_use_the_digits_that_tell_them_apart() {
        assert_eq!(
            ticks(&[-5.0, -2.5, 0.0, 2.5, 5.0]),
            ["-5", "-2.5", "0", "2.5", "5"]
        );
        assert_eq!(ticks(&[-0.1, 0.5, 1.1]), ["-0.1", "0.5", "1.1"]);
        // Two ticks far apart still never read -0 or 0 for a value that is not zero.
        assert_eq!(ticks(&[-0.1, 1.1]), ["-0.1", "1.1"]);
        assert_eq!(ticks(&[0.0, 50.0, 100.0]), ["0", "50", "100"]);
        assert_eq!(ticks(&[0.1 + 0.2, 0.6]), ["0.3", "0.6"]);
        assert_eq!(ticks(&[-1e-9, 1.0, 2.0]), ["0", "1", "2"]);
        // Huge and close together: as many digits as it takes to tell them apart.
        let near = [1e300, 1e300 + 2e294, 1e300 + 4e294];
        let labels = ticks(&near);
        assert_eq!(labels, ["1e300", "1.000002e300", "1.000004e300"]);
        let wide = ticks(&[-1e308, -5e307, 0.0, 5e307, 1e308]);
        assert_eq!(wide, ["-1e308", "-5e307", "0", "5e307", "1e308"]);
        let tiny = ticks(&[0.0, 2.5e-4, 5e-4]);
        assert_eq!(tiny, ["0", "2.5e-4", "5e-4"]);
    }

    #[test]
    fn softmax_percentages_say_what_f64_cannot() {
        assert_eq!(softmax_percent(0.0, true), "<0.01 %");
        assert_eq!(softmax_percent(0.0, false), "0 %");
        assert_eq!(softmax_percent(1.0, true), ">99.99 %");
        assert_eq!(softmax_percent(1.0, false), "100.00 %");
        assert_eq!(softmax_percent(0.4565, true), "45.65 %");
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(49_990), "49,990");
        assert_eq!(grouped(1_000_000), "1,000,000");
    }
}
