//! Tests: every row of the mpmath reference tables, each within the error bound the row gives.
//!
//! The tables are in tests/data/, copied from the design's reference set. Checked: the scalar
//! forms, and the slice forms on every SIMD level this CPU has.

mod common;

use std::collections::BTreeMap;

use actscope_kernel::{self as kernel, Activation, Level, Temperature};
use common::reference::{number, rows, ulps_off, within};

/// A table from the repository's tests/data/.
macro_rules! table {
    ($name:literal) => {
        include_str!(concat!("../../tests/data/", $name))
    };
}

/// The worst error per function and level: `(worst f ulp, its bound, worst f' ulp, its bound)`.
type Worst = BTreeMap<(String, &'static str), [f64; 4]>;

/// Records `got`'s error in ulp (a normal reference only: below it the tables ask for the sign).
fn note(
    worst: &mut Worst,
    key: (String, &'static str),
    slot: usize,
    got: f64,
    want: f64,
    bound: f64,
) {
    if want.is_finite() && want.abs() >= f64::MIN_POSITIVE && got.is_finite() {
        let entry = worst.entry(key).or_insert([0.0; 4]);
        let error = ulps_off(got, want);
        if error > entry[slot] {
            entry[slot] = error;
            entry[slot + 1] = bound;
        }
    }
}

/// Prints the worst errors (`cargo test --test oracle -- --nocapture` shows them).
fn print_worst(worst: &Worst) {
    println!("{:<14} {:<9} {:>16} {:>18}", "function", "level", "f", "f'");
    for ((name, level), [y, bound_y, dy, bound_dy]) in worst {
        println!("{name:<14} {level:<9} {y:>9.2} [{bound_y:>4}] {dy:>10.2} [{bound_dy:>5}]");
    }
}

/// Records a failure when `got` is not within `bound` ulp of `want`.
fn check(failures: &mut Vec<String>, what: &str, got: f64, want: f64, bound: f64) {
    if !within(got, want, bound) {
        failures.push(format!(
            "{what} = {got:e}, want {want:e} ({:.1} ulp > {bound})",
            ulps_off(got, want)
        ));
    }
}

fn assert_none(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn activations_match_the_reference_table() {
    let rows = rows(table!("activations.tsv"), 7);
    assert!(rows.len() >= 1200, "only {} rows read", rows.len());
    let mut failures = Vec::new();
    let mut worst = Worst::new();
    // Grouped by function and parameter, for the slice forms.
    let mut groups: BTreeMap<(&str, &str), Vec<&Vec<&str>>> = BTreeMap::new();
    for cols in &rows {
        groups.entry((cols[0], cols[1])).or_default().push(cols);
    }
    // Every activation the kernel has is checked: a new one needs its rows.
    for a in Activation::ALL {
        assert!(
            groups.keys().any(|(name, _)| *name == a.name()),
            "{} has no rows in activations.tsv",
            a.name()
        );
    }
    for ((name, param_text), group) in &groups {
        let activation =
            Activation::from_name(name).unwrap_or_else(|| panic!("unknown activation {name:?}"));
        let param = if *param_text == "-" {
            activation.default_param()
        } else {
            number(param_text)
        };
        let xs: Vec<f64> = group.iter().map(|c| number(c[2])).collect();
        for (cols, &x) in group.iter().zip(&xs) {
            let (y, dy) = (number(cols[3]), number(cols[4]));
            let (bound_y, bound_dy) = (number(cols[5]), number(cols[6]));
            let label = format!("{name}({x}; {param})");
            check(
                &mut failures,
                &label,
                activation.value(x, param),
                y,
                bound_y,
            );
            let label = format!("{name}'({x}; {param})");
            check(
                &mut failures,
                &label,
                activation.derivative(x, param),
                dy,
                bound_dy,
            );
        }
        for level in Level::available() {
            let mut ys = vec![0.0; xs.len()];
            let mut dys = vec![0.0; xs.len()];
            activation.value_slice(level, &xs, param, &mut ys);
            activation.derivative_slice(level, &xs, param, &mut dys);
            for (i, cols) in group.iter().enumerate() {
                let x = xs[i];
                let level = level.name();
                let key = || ((*name).to_string(), level);
                note(
                    &mut worst,
                    key(),
                    0,
                    ys[i],
                    number(cols[3]),
                    number(cols[5]),
                );
                note(
                    &mut worst,
                    key(),
                    2,
                    dys[i],
                    number(cols[4]),
                    number(cols[6]),
                );
                let label = format!("{level} slice {name}({x}; {param})");
                check(
                    &mut failures,
                    &label,
                    ys[i],
                    number(cols[3]),
                    number(cols[5]),
                );
                let label = format!("{level} slice {name}'({x}; {param})");
                check(
                    &mut failures,
                    &label,
                    dys[i],
                    number(cols[4]),
                    number(cols[6]),
                );
            }
        }
    }
    println!("worst error on activations.tsv, in ulp (the row's bound in brackets)");
    print_worst(&worst);
    assert_none(&failures);
}

fn vector(text: &str) -> Vec<f64> {
    text.split(',').map(number).collect()
}

#[test]
fn softmax_matches_the_reference_table() {
    let rows = rows(table!("softmax.tsv"), 6);
    assert!(rows.len() >= 28, "only {} rows read", rows.len());
    let mut failures = Vec::new();
    let mut worst = Worst::new();
    for (row, cols) in rows.iter().enumerate() {
        let xs = vector(cols[0]);
        let t = Temperature::new(number(cols[1])).expect("a valid temperature");
        let bound = number(cols[5]);
        let n = xs.len();
        for level in Level::available() {
            let label = format!(
                "{} row {} (n = {n}, T = {})",
                level.name(),
                row + 2,
                t.get()
            );
            let mut p = vec![0.0; n];
            kernel::softmax(level, &xs, t, &mut p);
            for (i, (&got, want)) in p.iter().zip(vector(cols[2])).enumerate() {
                note(
                    &mut worst,
                    ("softmax".into(), level.name()),
                    0,
                    got,
                    want,
                    bound,
                );
                check(
                    &mut failures,
                    &format!("{label} softmax[{i}]"),
                    got,
                    want,
                    bound,
                );
            }
            let mut lp = vec![0.0; n];
            kernel::log_softmax(level, &xs, t, &mut lp);
            for (i, (&got, want)) in lp.iter().zip(vector(cols[3])).enumerate() {
                note(
                    &mut worst,
                    ("log_softmax".into(), level.name()),
                    0,
                    got,
                    want,
                    bound,
                );
                check(
                    &mut failures,
                    &format!("{label} log_softmax[{i}]"),
                    got,
                    want,
                    bound,
                );
            }
            // The vector kernels directly, wherever they apply, at any length.
            if kernel::simd::softmax(level, &xs, t.get(), &mut p) {
                for (i, (&got, want)) in p.iter().zip(vector(cols[2])).enumerate() {
                    let what = format!("{label} vector softmax[{i}]");
                    check(&mut failures, &what, got, want, bound);
                }
            }
            if kernel::simd::log_softmax(level, &xs, t.get(), &mut lp) {
                for (i, (&got, want)) in lp.iter().zip(vector(cols[3])).enumerate() {
                    let what = format!("{label} vector log_softmax[{i}]");
                    check(&mut failures, &what, got, want, bound);
                }
            }
            if cols[4] != "-" {
                let got = kernel::logsumexp(level, &xs, t);
                let want = number(cols[4]);
                note(
                    &mut worst,
                    ("logsumexp".into(), level.name()),
                    0,
                    got,
                    want,
                    bound,
                );
                check(
                    &mut failures,
                    &format!("{label} logsumexp"),
                    got,
                    number(cols[4]),
                    bound,
                );
            }
        }
    }
    println!("\nworst error on softmax.tsv, in ulp (f column; the row's bound in brackets)");
    print_worst(&worst);
    assert_none(&failures);
}
