//! Tests: `ACTSCOPE_SIMD` holds the binary's kernels to a lower instruction set.
//!
//! The kernel's own oracle checks every level in process; this checks that the command line passes
//! the level on.

mod common;

use actscope::kernel::{Activation, Level};
use common::actscope_with_env;
use serde_json::Value;

#[test]
fn the_environment_names_the_level_the_kernels_run_on() {
    for level in Level::available() {
        let name = match level.name() {
            "avx2+fma" => "avx2",
            other => other,
        };
        let run = actscope_with_env(
            &["bench", "--size", "64", "--kernels", "sigmoid", "--json"],
            "",
            &[("ACTSCOPE_SIMD", name)],
        );
        assert_eq!(run.status, Some(0), "{name}: {}", run.stderr);
        let doc: Value = serde_json::from_str(&run.stdout).expect("JSON");
        assert_eq!(doc["level"], level.name(), "ACTSCOPE_SIMD={name}");
    }
}

#[test]
fn eval_at_each_level_gives_that_levels_slice_results() {
    let xs: Vec<f64> = (-40..40).map(|i| f64::from(i) * 0.37).collect();
    let args: Vec<String> = xs.iter().map(|x| format!("{x}")).collect();
    for level in Level::available() {
        let name = match level.name() {
            "avx2+fma" => "avx2",
            other => other,
        };
        let mut command = vec!["eval", "sigmoid", "--json", "--"];
        command.extend(args.iter().map(String::as_str));
        let run = actscope_with_env(&command, "", &[("ACTSCOPE_SIMD", name)]);
        assert_eq!(run.status, Some(0), "{name}: {}", run.stderr);
        let doc: Value = serde_json::from_str(&run.stdout).expect("JSON");
        let mut want = vec![0.0; xs.len()];
        Activation::Sigmoid.value_slice(level, &xs, 0.0, &mut want);
        for (point, want) in doc["points"].as_array().expect("points").iter().zip(want) {
            assert_eq!(point["y"].as_f64(), Some(want), "{name}");
        }
    }
}
