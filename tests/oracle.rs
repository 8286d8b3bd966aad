//! Every row of the mpmath reference tables (tests/data/, copied from the design's reference set),
//! each within the error bound the row gives.

mod common;

use actscope::kernel::{self, Activation};
use common::reference::{number, ulps_off, within};

#[test]
fn activations_match_the_reference_table() {
    let table = include_str!("data/activations.tsv");
    let mut failures = Vec::new();
    let mut rows = 0;
    for line in table.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 7, "malformed row: {line}");
        let activation = Activation::from_name(cols[0])
            .unwrap_or_else(|| panic!("unknown activation {:?}", cols[0]));
        let param = if cols[1] == "-" {
            activation.default_param()
        } else {
            number(cols[1])
        };
        let x = number(cols[2]);
        let (y, dy) = (number(cols[3]), number(cols[4]));
        let (bound_y, bound_dy) = (number(cols[5]), number(cols[6]));
        let got_y = activation.value(x, param);
        let got_dy = activation.derivative(x, param);
        if !within(got_y, y, bound_y) {
            failures.push(format!(
                "{}({x}; {param}) = {got_y:e}, want {y:e} ({:.1} ulp > {bound_y})",
                cols[0],
                ulps_off(got_y, y)
            ));
        }
        if !within(got_dy, dy, bound_dy) {
            failures.push(format!(
                "{}'({x}; {param}) = {got_dy:e}, want {dy:e} ({:.1} ulp > {bound_dy})",
                cols[0],
                ulps_off(got_dy, dy)
            ));
        }
        rows += 1;
    }
    assert!(rows >= 1200, "only {rows} rows read");
    // The slice forms (vectorised where the CPU allows) on every function's rows at once.
    let mut groups: std::collections::BTreeMap<(String, String), Vec<Vec<&str>>> =
        std::collections::BTreeMap::default();
    for line in table.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        groups
            .entry((cols[0].to_string(), cols[1].to_string()))
            .or_default()
            .push(cols);
    }
    for ((name, param), rows) in &groups {
        let activation = Activation::from_name(name).unwrap();
        let param = if param == "-" {
            activation.default_param()
        } else {
            number(param)
        };
        let xs: Vec<f64> = rows.iter().map(|c| number(c[2])).collect();
        let mut ys = vec![0.0; xs.len()];
        let mut dys = vec![0.0; xs.len()];
        activation.value_slice(&xs, param, &mut ys);
        activation.derivative_slice(&xs, param, &mut dys);
        for (i, cols) in rows.iter().enumerate() {
            let (y, dy) = (number(cols[3]), number(cols[4]));
            if !within(ys[i], y, number(cols[5])) {
                failures.push(format!(
                    "slice {name}({}) = {:e}, want {y:e} ({:.1} ulp)",
                    xs[i],
                    ys[i],
                    ulps_off(ys[i], y)
                ));
            }
            if !within(dys[i], dy, number(cols[6])) {
                failures.push(format!(
                    "slice {name}'({}) = {:e}, want {dy:e}",
                    xs[i], dys[i]
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn vector(text: &str) -> Vec<f64> {
    text.split(',').map(number).collect()
}

#[test]
fn softmax_matches_the_reference_table() {
    let table = include_str!("data/softmax.tsv");
    let mut failures = Vec::new();
    let mut rows = 0;
    for line in table.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 6, "malformed row: {line}");
        let xs = vector(cols[0]);
        let t = number(cols[1]);
        let bound = number(cols[5]);
        let n = xs.len();
        let label = format!("row {} (n = {n}, T = {t})", rows + 2);

        let mut p = vec![0.0; n];
        kernel::softmax(&xs, t, &mut p).unwrap();
        for (i, (&got, want)) in p.iter().zip(vector(cols[2])).enumerate() {
            if !within(got, want, bound) {
                failures.push(format!(
                    "{label} softmax[{i}] = {got:e}, want {want:e} ({:.1} ulp)",
                    ulps_off(got, want)
                ));
            }
        }
        let mut lp = vec![0.0; n];
        kernel::log_softmax(&xs, t, &mut lp).unwrap();
        for (i, (&got, want)) in lp.iter().zip(vector(cols[3])).enumerate() {
            if !within(got, want, bound) {
                failures.push(format!(
                    "{label} log_softmax[{i}] = {got:e}, want {want:e} ({:.1} ulp)",
                    ulps_off(got, want)
                ));
            }
        }
        // The vector kernels, wherever they apply (this CPU permitting), at any length.
        if kernel::vector::softmax(&xs, t, &mut p) {
            for (i, (&got, want)) in p.iter().zip(vector(cols[2])).enumerate() {
                if !within(got, want, bound) {
                    failures.push(format!(
                        "{label} vector softmax[{i}] = {got:e}, want {want:e} ({:.1} ulp)",
                        ulps_off(got, want)
                    ));
                }
            }
        }
        if kernel::vector::log_softmax(&xs, t, &mut lp) {
            for (i, (&got, want)) in lp.iter().zip(vector(cols[3])).enumerate() {
                if !within(got, want, bound) {
                    failures.push(format!(
                        "{label} vector log_softmax[{i}] = {got:e}, want {want:e} ({:.1} ulp)",
                        ulps_off(got, want)
                    ));
                }
            }
        }
        if cols[4] != "-" {
            let want = number(cols[4]);
            let got = kernel::logsumexp_with_temperature(&xs, t).unwrap();
            if !within(got, want, bound) {
                failures.push(format!(
                    "{label} logsumexp = {got:e}, want {want:e} ({:.1} ulp)",
                    ulps_off(got, want)
                ));
            }
            if t == 1.0 {
                assert_eq!(kernel::logsumexp(&xs).to_bits(), got.to_bits());
            }
        }
        rows += 1;
    }
    assert!(rows >= 28, "only {rows} rows read");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
