//! The reference tables: their rows, and their rules for comparing a result with its exact value.
// Each test binary uses only some of these.
#![allow(dead_code)]

/// The spacing of `f64` values at `reference`: one unit in the last place.
pub fn ulp(reference: f64) -> f64 {
    let a = reference.abs();
    a.next_up() - a
}

/// Whether `got` meets `reference` within `bound` ulp, by the tables' rules: a reference below the
/// smallest normal `f64` (2.2250738585072014e-308; the first edition said 1e-300) is met by any
/// result of the same sign (or zero) also below it, a subnormal carrying few bits; infinities
/// must match exactly.
pub fn within(got: f64, reference: f64, bound: f64) -> bool {
    const TINY: f64 = f64::MIN_POSITIVE;
    if reference.is_infinite() || reference.is_nan() {
        return got.to_bits() == reference.to_bits() || (got.is_nan() && reference.is_nan());
    }
    if reference.abs() < TINY {
        return got.abs() < TINY
            && (got == 0.0 || got.signum() == reference.signum() || reference == 0.0);
    }
    (got - reference).abs() <= bound * ulp(reference)
}

/// How many ulp of `reference` separate it from `got`.
pub fn ulps_off(got: f64, reference: f64) -> f64 {
    (got - reference).abs() / ulp(reference)
}

/// A number from a table.
pub fn number(text: &str) -> f64 {
    text.parse()
        .unwrap_or_else(|_| panic!("bad number {text:?} in a reference table"))
}

/// The rows of a table, split into columns, header and blank lines skipped.
pub fn rows(table: &str, columns: usize) -> Vec<Vec<&str>> {
    table
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), columns, "malformed row: {line}");
            cols
        })
        .collect()
}
