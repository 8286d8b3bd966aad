//! Tests: every row of the mpmath tables for the sparse maps and the samplers.
//!
//! The tables are in tests/data/, copied from the design's reference set. Each non-zero entry
//! within the row's ulp bound, each zero exactly `0.0`. Prints the worst error seen per table (run
//! with `--nocapture` to read it).

// The shared helpers; `within` (the tables' rule for tiny values) is not needed here, where a
// zero must be exactly zero.
#[allow(dead_code)]
mod common;

use actscope_kernel::{self as kernel, Level, Order, SamplerSettings, Temperature};
use common::reference::{number, rows, ulps_off};

const SPARSEMAX: &str = include_str!("../../tests/data/sparsemax.tsv");
const SAMPLING: &str = include_str!("../../tests/data/sampling.tsv");

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

#[test]
fn samplers_match_the_reference_table() {
    let rows = rows(SAMPLING, 8);
    assert!(rows.len() >= 88, "only {} rows read", rows.len());
    let mut check = Check::new();
    for (row, cols) in rows.iter().enumerate() {
        let xs = vector(cols[0]);
        let t = Temperature::new(number(cols[1])).expect("a valid temperature");
        let top_k: usize = cols[2].parse().expect("a top-k");
        let order = Order::from_name(cols[5]).expect("a known order");
        let settings = SamplerSettings::new(t, top_k, number(cols[3]), number(cols[4]), order)
            .expect("valid settings");
        let want = vector(cols[6]);
        let bound = number(cols[7]);
        for level in Level::available() {
            let label = format!(
                "{} row {} ({order}, n = {}, T = {}, top-k {top_k}, top-p {}, min-p {})",
                level.name(),
                row + 2,
                xs.len(),
                t.get(),
                cols[3],
                cols[4]
            );
            let sampled = kernel::sample_distribution(level, &xs, &settings);
            check.vector(&label, &sampled.probabilities, &want, bound);
            let kept: Vec<bool> = want.iter().map(|&w| w > 0.0).collect();
            assert_eq!(sampled.survivors(), kept, "{label}");
            assert_eq!(kernel::survivors(level, &xs, &settings), kept, "{label}");
        }
    }
    check.finish("sampling.tsv");
}

#[test]
fn the_table_rows_that_differ_between_orders_are_seen_to() {
    // Each (input, T, filters) appears once per order; where the rows' distributions differ,
    // orders_disagree must say so, and where they agree it must not (no row hides a survivor
    // set behind equal probabilities).
    let rows = rows(SAMPLING, 8);
    for pair in rows.chunks(2) {
        let [hf, llama] = pair else {
            panic!("rows come in pairs")
        };
        assert_eq!((hf[5], llama[5]), ("hf", "llama.cpp"));
        assert_eq!(hf[..5], llama[..5]);
        let xs = vector(hf[0]);
        let t = Temperature::new(number(hf[1])).expect("a valid temperature");
        let settings = SamplerSettings::new(
            t,
            hf[2].parse().expect("a top-k"),
            number(hf[3]),
            number(hf[4]),
            Order::Hf,
        )
        .expect("valid settings");
        let differ = hf[6] != llama[6];
        let hf_kept = kernel::survivors(Level::best(), &xs, &settings);
        let llama_kept =
            kernel::survivors(Level::best(), &xs, &settings.with_order(Order::LlamaCpp));
        assert_eq!(hf_kept != llama_kept, differ, "{}", hf[0]);
        if differ {
            assert!(kernel::orders_disagree(Level::best(), &xs, &settings));
        }
    }
}
