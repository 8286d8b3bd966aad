//! Every row of the mpmath tables for the sparse maps and the samplers (tests/data/, copied from
//! the design's reference set): each non-zero entry within the row's ulp bound, each zero exactly
//! `0.0`. Prints the worst error seen per table (run with `--nocapture` to read it).

// The shared helpers; `within` (the tables' rule for tiny values) is not needed here, where a
// zero must be exactly zero.
#[allow(dead_code)]
mod common;

use actscope_kernel::{self as kernel, Temperature};
use common::reference::{number, ulps_off};

const SPARSEMAX: &str = include_str!("../../tests/data/sparsemax.tsv");

/// The rows of a table, split into columns, header and blank lines skipped.
fn rows(table: &str, columns: usize) -> Vec<Vec<&str>> {
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

fn vector(text: &str) -> Vec<f64> {
    text.split(',').map(number).collect()
}

/// Compares a computed vector with a row's, recording failures and the worst error in ulp.
struct Check {
    failures: Vec<String>,
    worst: f64,
}

impl Check {
    fn new() -> Check {
        Check {
            failures: Vec::new(),
            worst: 0.0,
        }
    }

    fn vector(&mut self, what: &str, got: &[f64], want: &[f64], bound: f64) {
        assert_eq!(got.len(), want.len(), "{what}: lengths differ");
        for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
            if w == 0.0 {
                if g.to_bits() != 0 {
                    self.failures
                        .push(format!("{what}[{i}] = {g:e}, want exactly 0"));
                }
                continue;
            }
            let off = ulps_off(g, w);
            if off.is_nan() || off > bound {
                self.failures.push(format!(
                    "{what}[{i}] = {g:e}, want {w:e} ({off:.1} ulp > {bound})"
                ));
            }
            if off > self.worst {
                self.worst = off;
            }
        }
    }

    fn finish(self, table: &str) {
        println!("{table}: worst error {:.2} ulp", self.worst);
        assert!(
            self.failures.is_empty(),
            "{} failures:\n{}",
            self.failures.len(),
            self.failures.join("\n")
        );
    }
}

#[test]
fn sparse_maps_match_the_reference_table() {
    let rows = rows(SPARSEMAX, 5);
    assert!(rows.len() >= 21, "only {} rows read", rows.len());
    let mut check = Check::new();
    for (row, cols) in rows.iter().enumerate() {
        let xs = vector(cols[0]);
        let t = Temperature::new(number(cols[1])).expect("a valid temperature");
        let bound = number(cols[4]);
        let label = format!("row {} (n = {}, T = {})", row + 2, xs.len(), t.get());
        let mut p = vec![f64::NAN; xs.len()];
        let support = kernel::sparsemax(&xs, t, &mut p);
        let want = vector(cols[2]);
        check.vector(&format!("{label} sparsemax"), &p, &want, bound);
        assert_eq!(
            support,
            want.iter().filter(|&&w| w > 0.0).count(),
            "{label}"
        );
        let support = kernel::entmax15(&xs, t, &mut p);
        let want = vector(cols[3]);
        check.vector(&format!("{label} entmax15"), &p, &want, bound);
        assert_eq!(
            support,
            want.iter().filter(|&&w| w > 0.0).count(),
            "{label}"
        );
    }
    check.finish("sparsemax.tsv");
}
