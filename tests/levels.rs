//! The reference tables again, through the built binary, with the slice kernels held to the
//! AVX2 and to the scalar code (`ACTSCOPE_SIMD`), so every path is checked on whatever CPU runs
//! the tests (tests/oracle.rs covers the best level in process).

mod common;

use std::collections::BTreeMap;

use common::actscope_with_env;
use common::reference::{number, within_json};
use serde_json::Value;

#[test]
fn activations_at_every_level() {
    let table = include_str!("data/activations.tsv");
    let mut groups: BTreeMap<(&str, &str), Vec<Vec<&str>>> = BTreeMap::new();
    for line in table.lines().skip(1).filter(|l| !l.is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        groups.entry((cols[0], cols[1])).or_default().push(cols);
    }
    let mut failures = Vec::new();
    for level in ["avx2", "scalar"] {
        for ((name, param), rows) in &groups {
            let mut args = vec!["eval", *name, "--json"];
            if *param != "-" {
                args.extend(["--param", *param]);
            }
            args.push("--");
            args.extend(rows.iter().map(|c| c[2]));
            let run = actscope_with_env(&args, "", &[("ACTSCOPE_SIMD", level)]);
            assert_eq!(run.status, Some(0), "{level} {name}: {}", run.stderr);
            let doc: Value = serde_json::from_str(&run.stdout).expect("JSON");
            for (cols, point) in rows.iter().zip(doc["points"].as_array().expect("points")) {
                for (key, value, bound) in [("y", cols[3], cols[5]), ("dy", cols[4], cols[6])] {
                    if !within_json(point[key].as_f64(), number(value), number(bound)) {
                        failures.push(format!(
                            "{level} {name}({}) {key} = {}, want {value}",
                            cols[2], point[key]
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn softmax_at_every_level() {
    let table = include_str!("data/softmax.tsv");
    let mut failures = Vec::new();
    for level in ["avx2", "scalar"] {
        for line in table.lines().skip(1).filter(|l| !l.is_empty()) {
            let cols: Vec<&str> = line.split('\t').collect();
            let mut args = vec!["softmax", "--json", "--temperature", cols[1], "--"];
            args.extend(cols[0].split(','));
            let run = actscope_with_env(&args, "", &[("ACTSCOPE_SIMD", level)]);
            assert_eq!(run.status, Some(0), "{level}: {}", run.stderr);
            let doc: Value = serde_json::from_str(&run.stdout).expect("JSON");
            let bound = number(cols[5]);
            for (key, column) in [("probabilities", cols[2]), ("log_probabilities", cols[3])] {
                for (got, want) in doc[key]
                    .as_array()
                    .expect(key)
                    .iter()
                    .zip(column.split(','))
                {
                    if !within_json(got.as_f64(), number(want), bound) {
                        failures.push(format!(
                            "{level} {key} of {} at T = {}: {got}, want {want}",
                            cols[0], cols[1]
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
