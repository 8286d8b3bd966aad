//! Tests of `actscope sample` as a user meets it.
//!
//! Its JSON checked against the kernel on every row of the reference sampling table, its shape,
//! seeded draws, the text table and summary, and every bad sampler value refused in one line naming
//! its option (for the explorer too).

mod common;

use actscope::kernel::{self, Level, Order, SamplerSettings, Temperature};
use common::{assert_refused, bits, bools, json, numbers, ok, strings};
use serde_json::Value;

/// The rows of the reference sampling table: input, settings and order.
fn sampling_rows() -> Vec<(String, [String; 5])> {
    let table = include_str!("data/sampling.tsv");
    table
        .lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            (
                cells[0].to_string(),
                [1, 2, 3, 4, 5].map(|i| cells[i].to_string()),
            )
        })
        .collect()
}

#[test]
fn sample_json_is_the_kernels_on_every_reference_row() {
    let rows = sampling_rows();
    assert!(rows.len() > 80);
    for (input, [t, k, p, m, order]) in rows {
        let xs: Vec<f64> = input.split(',').map(|x| x.parse().unwrap()).collect();
        let settings = SamplerSettings::new(
            Temperature::new(t.parse().unwrap()).unwrap(),
            k.parse().unwrap(),
            p.parse().unwrap(),
            m.parse().unwrap(),
            Order::from_name(&order).unwrap(),
        )
        .unwrap();
        let want = kernel::sample_distribution(Level::best(), &xs, &settings);
        let args = [
            "sample", "--json", "-t", &t, "--top-k", &k, "--top-p", &p, "--min-p", &m, "--order",
            &order, "--", &input,
        ];
        let doc = json(&ok(&args, ""));
        let row = format!("{input} T={t} k={k} p={p} m={m} {order}");
        assert_eq!(
            bits(&numbers(&doc["probabilities"])),
            want.probabilities
                .iter()
                .map(|p| p.to_bits())
                .collect::<Vec<_>>(),
            "{row}"
        );
        assert_eq!(
            bits(&numbers(&doc["plain"])),
            want.plain.iter().map(|p| p.to_bits()).collect::<Vec<_>>(),
            "{row}"
        );
        assert_eq!(bools(&doc["kept"]), want.survivors(), "{row}");
        assert_eq!(doc["kept_mass"].as_f64(), Some(want.kept_mass), "{row}");
        assert_eq!(
            doc["entropy_after"].as_f64(),
            Some(want.entropy_after),
            "{row}"
        );
        assert_eq!(
            doc["orders_disagree"].as_bool(),
            Some(kernel::orders_disagree(Level::best(), &xs, &settings)),
            "{row}"
        );
        assert_eq!(doc["order"], order.as_str(), "{row}");
        assert_eq!(doc["stages"].as_array().unwrap().len(), want.stages.len());
    }
}

#[test]
fn sample_json_has_the_documented_shape() {
    let doc = json(&ok(
        &[
            "sample", "--json", "-t", "0.5", "--top-p", "0.5", "--draws", "1000", "--seed", "3",
            "--", "cat=1.2", "dog=0.9", "bird=0.4",
        ],
        "",
    ));
    for key in [
        "input",
        "labels",
        "temperature",
        "top_k",
        "top_p",
        "min_p",
        "order",
        "steps",
        "plain",
        "probabilities",
        "kept",
        "removed_by",
        "stages",
        "kept_mass",
        "entropy_before",
        "entropy_after",
        "effective_choices_before",
        "effective_choices_after",
        "orders_disagree",
        "other_orders",
        "counts",
        "draws",
        "seed",
    ] {
        assert!(doc.get(key).is_some(), "{key} missing: {doc}");
    }
    assert_eq!(doc["top_k"].as_u64(), Some(0));
    assert_eq!(doc["min_p"].as_f64(), Some(0.0));
    assert_eq!(
        strings(&doc["steps"]),
        ["temperature", "top-k", "top-p", "min-p"]
    );
    assert_eq!(
        numbers(&doc["probabilities"]),
        [Some(1.0), Some(0.0), Some(0.0)]
    );
    assert_eq!(doc["removed_by"][0], Value::Null);
    assert_eq!(doc["removed_by"][1], "top-p");
    assert_eq!(doc["stages"][0]["filter"], "top-p");
    assert_eq!(bools(&doc["stages"][0]["kept"]), [true, false, false]);
    assert_eq!(doc["orders_disagree"], true);
    assert_eq!(
        bools(&doc["other_orders"]["llama.cpp"]["kept"]),
        [true, true, false]
    );
    assert_eq!(doc["other_orders"]["vllm"]["kept_count"].as_u64(), Some(1));
    assert_eq!(doc["counts"], serde_json::json!([1000, 0, 0]));
    assert_eq!(
        (doc["draws"].as_u64(), doc["seed"].as_u64()),
        (Some(1000), Some(3))
    );
    let without = json(&ok(&["sample", "--json", "1", "2"], ""));
    assert!(without.get("counts").is_none() && without.get("draws").is_none());
}

#[test]
fn sample_draws_are_the_kernels_and_seeded() {
    let xs = [1.2, 0.9, 0.4];
    let settings = SamplerSettings::default().with_top_k(2);
    let sampled = kernel::sample_distribution(Level::best(), &xs, &settings);
    let args = [
        "sample", "--json", "--top-k", "2", "--draws", "1e4", "--seed", "7", "1.2", "0.9", "0.4",
    ];
    let doc = json(&ok(&args, ""));
    let counts: Vec<u64> = doc["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_u64().unwrap())
        .collect();
    assert_eq!(counts, kernel::draw(&sampled.probabilities, 10_000, 7));
    assert_eq!(counts.iter().sum::<u64>(), 10_000);
    assert_eq!(counts[2], 0, "a filtered element is never drawn");
    // --seed alone draws 1,000; --draws alone uses seed 0.
    let doc = json(&ok(&["sample", "--json", "--seed", "5", "1", "2"], ""));
    assert_eq!(
        (doc["draws"].as_u64(), doc["seed"].as_u64()),
        (Some(1000), Some(5))
    );
    let doc = json(&ok(&["sample", "--json", "--draws", "10", "1", "2"], ""));
    assert_eq!(doc["seed"].as_u64(), Some(0));

    let text = ok(
        &[
            "sample", "--draws", "1000", "--seed", "3", "--top-k", "2", "1.2", "0.9", "0.4",
        ],
        "",
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "i  x    p (plain)  filter  p (final)  count  expected"
    );
    assert!(lines[3].ends_with("top-k   0 %        0      0"), "{text}");
    assert!(text.contains("\nsteps (hf): temperature 1, top-k 2, top-p off, min-p off\n"));
    assert!(
        text.contains("\nthe filters keep 2 of 3, 79.48 % of the plain mass\n"),
        "{text}"
    );
    assert!(text.contains("\n1,000 draws with seed 3"), "{text}");
}

#[test]
fn expected_counts_are_written_as_the_counts_are() {
    // Past 1e6 too: `1330481.9115496436` beside `1330562`, not `1.3304819115496436e6`.
    let text = ok(
        &["sample", "--draws", "2e6", "--seed", "1", "1", "2", "3"],
        "",
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[3],
        "2  3  66.52 %    kept    66.52 %    1330562  1330481.9115496436"
    );
    let text = ok(&["sample", "--draws", "1000", "--seed", "1", "1", "2"], "");
    assert!(
        text.lines().nth(1).unwrap().ends_with("268.9414213699951"),
        "{text}"
    );
}

#[test]
fn sample_text_says_when_the_orders_disagree() {
    let text = ok(
        &[
            "sample",
            "--top-p",
            "0.5",
            "-t",
            "0.5",
            "--order",
            "llama.cpp",
            "--",
            "cat=1.2",
            "dog=0.9",
            "bird=0.4",
        ],
        "",
    );
    // llama.cpp filters the raw logits: what they see comes first.
    assert!(
        text.starts_with("i  label  x    p at T=1 (filters)  p (plain)  filter  p (final)\n"),
        "{text}"
    );
    assert!(
        text.contains("\n0  cat    1.2  45.66 %             57.12 %"),
        "{text}"
    );
    assert!(
        text.contains("steps (llama.cpp): top-k off, top-p 0.5, min-p off, temperature 0.5"),
        "{text}"
    );
    assert!(
        text.ends_with(
            "note: the orders keep different sets here: llama.cpp keeps 2, hf keeps 1, vllm \
             keeps 1 (see --order hf or --order vllm)\n"
        ),
        "{text}"
    );
}

#[test]
fn every_bad_sampler_value_is_one_line_naming_its_option() {
    for (args, needle) in [
        (
            &["--top-k", "1.5"][..],
            "--top-k: expected a whole number >= 0 (0 = off), got 1.5",
        ),
        (
            &["--top-k", "-3"],
            "--top-k: expected a whole number >= 0 (0 = off), got -3",
        ),
        (
            &["--top-p", "0"],
            "--top-p: top-p must be a number in (0, 1] (1 = off), got 0",
        ),
        (
            &["--top-p", "nan"],
            "--top-p: \"nan\" is not a finite number",
        ),
        (
            &["--min-p", "-0.1"],
            "--min-p: min-p must be a number in [0, 1] (0 = off), got -0.1",
        ),
        (
            &["--order", "foo"],
            "--order: unknown sampler order \"foo\": expected one of hf, llama.cpp, vllm",
        ),
        (
            &["--draws", "0"],
            "--draws: expected a whole number from 1 to",
        ),
        (
            &["--draws", "2.5"],
            "--draws: expected a whole number from 1 to",
        ),
        (
            &["--seed", "-1"],
            "--seed: expected a whole number from 0 to 18446744073709551615",
        ),
        (
            &["--temperature", "-1"],
            "--temperature: temperature must be a finite number >= 0",
        ),
    ] {
        // The subcommand and the explorer (whose options are read before it needs a terminal).
        let mut sample = vec!["sample"];
        sample.extend_from_slice(args);
        sample.extend(["--", "1", "2"]);
        assert_refused(&sample, "", needle);
        assert_refused(args, "", needle);
    }
    assert_refused(
        &["sample", "--draws", "100000001", "1"],
        "",
        "--draws: expected a whole number from 1 to 100000000, got 100000001",
    );
    assert_refused(
        &["--draws", "1000001"],
        "",
        "--draws: expected a whole number from 1 to 1000000, got 1000001",
    );
}
