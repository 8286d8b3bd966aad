//! Tests of the probability lab on the command line, as a user meets it.
//!
//! Labelled vectors from arguments, files and standard input in every subcommand, sparsemax in
//! `softmax`, the explorer's new options refused one line at a time, and the help. `actscope
//! sample` is tests/cli_sample.rs's.

mod common;

use actscope::kernel::{self, Temperature};
use common::{DATA, actscope, assert_refused, bits, bools, data, json, numbers, ok, strings};

#[test]
fn labelled_arguments_in_every_subcommand() {
    let text = ok(&["softmax", "cat=1.2", "dog=0.9", "bird=0.4"], "");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("i  label  x    probability"), "{text}");
    assert!(
        lines[1].starts_with("0  cat    1.2  0.4565903181944378"),
        "{text}"
    );
    assert!(text.contains("45.66 %"), "{text}");

    let doc = json(&ok(
        &["softmax", "--json", "cat=1.2 dog=0.9", "bird=-0.4"],
        "",
    ));
    assert_eq!(strings(&doc["labels"]), ["cat", "dog", "bird"]);
    assert_eq!(numbers(&doc["input"]), [Some(1.2), Some(0.9), Some(-0.4)]);

    let doc = json(&ok(&["sample", "--json", "--", "cat=1.2", "dog=0.9"], ""));
    assert_eq!(strings(&doc["labels"]), ["cat", "dog"]);
    let doc = json(&ok(&["eval", "relu", "--json", "a=-1", "b=2"], ""));
    assert_eq!(strings(&doc["labels"]), ["a", "b"]);
    assert_eq!(doc["points"][0]["y"].as_f64(), Some(0.0));

    // The framework models and the bars carry them too.
    let csv = ok(
        &[
            "eval",
            "sigmoid",
            "--precision",
            "f16",
            "--csv",
            "cat=1",
            "dog=2",
        ],
        "",
    );
    assert!(
        csv.starts_with("label,x,x_rounded,y,dy,flag,dy_flag\ncat,1,1,"),
        "{csv}"
    );
    let doc = json(&ok(
        &["softmax", "--precision", "f32", "--json", "a=1", "b=2"],
        "",
    ));
    assert_eq!(strings(&doc["labels"]), ["a", "b"]);
    let bars = ok(&["softmax", "--plot", "cat=1.2", "dog=0.9"], "");
    assert!(
        bars.starts_with("cat = 1.2  ") && bars.contains("\ndog = 0.9  "),
        "{bars}"
    );

    // Without labels: no "labels" key, and the text as before.
    let doc = json(&ok(&["softmax", "--json", "-1", "2", "3"], ""));
    assert!(doc.get("labels").is_none());
    let doc = json(&ok(
        &["sample", "--json", "--top-k", "2", "-1", "2", "3"],
        "",
    ));
    assert!(doc.get("labels").is_none());
    assert_eq!(bools(&doc["kept"]), [false, true, true]);
    assert!(ok(&["softmax", "-1", "2", "3"], "").starts_with("i  x   probability"));
}

#[test]
fn labels_given_apart_and_their_refusals() {
    let text = ok(
        &[
            "eval",
            "sigmoid",
            "--labels",
            "\"New York\",Paris",
            "-1",
            "2",
        ],
        "",
    );
    assert!(text.starts_with("label     x   sigmoid(x)"), "{text}");
    assert!(
        text.contains("\nNew York  -1  0.2689414213699951"),
        "{text}"
    );
    let csv = ok(
        &[
            "eval",
            "relu",
            "--csv",
            "--labels",
            "\"a, b\",say \"hi\"",
            "1",
            "2",
        ],
        "",
    );
    assert_eq!(
        csv,
        "label,x,y,dy\n\"a, b\",1,1,1\n\"say \"\"hi\"\"\",2,2,1\n"
    );
    let doc = json(&ok(
        &["sample", "--json", "--labels", "cat dog", "1", "2"],
        "",
    ));
    assert_eq!(strings(&doc["labels"]), ["cat", "dog"]);

    assert_refused(
        &["softmax", "--labels", "a,b", "1", "2", "3"],
        "",
        "--labels: 2 labels for 3 numbers (give one label per number)",
    );
    assert_refused(
        &["softmax", "--labels", "a,b", "cat=1", "dog=2"],
        "",
        "--labels: the input is labelled already",
    );
    assert_refused(
        &["sample", "--labels", "a,1", "1", "2"],
        "",
        "--labels: \"1\" is a number, not a label (a label is text) (label 2)",
    );
    assert_refused(
        &["softmax", "cat=1", "cat=2"],
        "",
        "\"cat\" is already the label of element 1 (labels must be unique) (argument 2)",
    );
    assert_refused(
        &["softmax", "cat=1", "2"],
        "",
        "argument 2 has no label, unlike the elements before it",
    );
}

#[test]
fn vectors_from_files_and_standard_input() {
    let csv = data("logits.csv");
    let doc = json(&ok(&["softmax", "--json", "--input-file", &csv], ""));
    assert_eq!(
        strings(&doc["labels"]),
        ["a, b", "▁cat", ",", "été", "<eos>"]
    );
    let text = ok(&["eval", "sigmoid", "--csv", "--input-file", &csv], "");
    assert!(text.starts_with("label,x,y,dy\n\"a, b\",1.2,"), "{text}");
    assert!(text.contains("\n\",\",0.4,"), "{text}");

    for name in ["logits_f64.npy", "logits_f32.npy"] {
        let doc = json(&ok(&["sample", "--json", "--input-file", &data(name)], ""));
        assert_eq!(doc["input"].as_array().unwrap().len(), 5, "{name}");
        assert!(doc.get("labels").is_none());
    }
    let doc = json(&ok(
        &[
            "eval",
            "tanh",
            "--json",
            "--input-file",
            &data("vocab.json"),
        ],
        "",
    ));
    assert_eq!(
        strings(&doc["labels"]),
        ["▁The", "▁cat", ",", "été", "<eos>"]
    );

    // `-` as the file, or as the only argument: any text form.
    let doc = json(&ok(
        &["softmax", "--json", "--input-file", "-"],
        "cat 1.2\ndog 0.9\n",
    ));
    assert_eq!(strings(&doc["labels"]), ["cat", "dog"]);
    let doc = json(&ok(&["sample", "--json", "-"], "{\"a\": 1, \"b\": 2}"));
    assert_eq!(strings(&doc["labels"]), ["a", "b"]);
    let doc = json(&ok(
        &["softmax", "--json", "--labels", "x,y", "-"],
        "[1, 2]",
    ));
    assert_eq!(strings(&doc["labels"]), ["x", "y"]);
}

#[test]
fn files_that_cannot_be_used_are_refused_naming_the_option() {
    assert_refused(
        &["softmax", "--input-file", "no/such/file.txt"],
        "",
        "--input-file no/such/file.txt: no such file (expected a readable file, or - for \
         standard input)",
    );
    assert_refused(
        &["sample", "--input-file", DATA],
        "",
        "a directory, not a file",
    );
    assert_refused(
        &["eval", "relu", "--input-file", &data("matrix.npy")],
        "",
        "has 2 dimensions: give one vector (1-D) (.npy header, shape)",
    );
    assert_refused(
        &["softmax", "--input-file", "-"],
        "1\n2\nfoo\n",
        "--input-file - (standard input): \"foo\" is not a number (number 3, line 3, column 1)",
    );
    assert_refused(
        &["softmax", "--input-file", "-", "1"],
        "",
        "cannot be used with",
    );
    assert_refused(&["sample", "-"], "", "standard input: no numbers given");
}

#[test]
fn softmax_shows_sparsemax_and_entmax() {
    let xs = [1.2, 0.9, 0.4];
    let t = Temperature::new(0.5).unwrap();
    let mut sparsemax = [0.0; 3];
    let mut entmax = [0.0; 3];
    kernel::sparsemax(&xs, t, &mut sparsemax);
    kernel::entmax15(&xs, t, &mut entmax);
    let doc = json(&ok(
        &["softmax", "--json", "-t", "0.5", "1.2", "0.9", "0.4"],
        "",
    ));
    assert_eq!(
        bits(&numbers(&doc["sparsemax"])),
        sparsemax.map(f64::to_bits)
    );
    assert_eq!(bits(&numbers(&doc["entmax15"])), entmax.map(f64::to_bits));
    assert_eq!(sparsemax[2], 0.0);
    // Exact zeros are written 0.0.
    let text = ok(&["softmax", "--json", "-t", "0.5", "1.2", "0.9", "0.4"], "");
    let array = text.split("\"sparsemax\":[").nth(1).unwrap();
    assert!(array.split(']').next().unwrap().ends_with(",0.0"), "{text}");

    let text = ok(&["softmax", "--sparse", "a=1.2", "b=0.9", "c=0.4"], "");
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].ends_with("sparsemax            1.5-entmax"),
        "{text}"
    );
    assert!(
        lines[3].contains("  0  "),
        "sparsemax gives c exactly 0:\n{text}"
    );
    assert_refused(
        &["softmax", "--sparse", "--precision", "f32", "1", "2"],
        "",
        "--sparse: sparsemax and 1.5-entmax are the kernel's f64 values, not a framework's; drop \
         --precision (or give f64)",
    );
    let doc = json(&ok(
        &["softmax", "--json", "--precision", "f32", "1", "2"],
        "",
    ));
    assert!(doc.get("sparsemax").is_none(), "not a framework's numbers");
}

#[test]
fn the_explorers_options_are_checked_before_it_needs_a_terminal() {
    let needs_terminal = |args: &[&str], stdin: &str| {
        let run = actscope(args, stdin);
        assert_eq!(run.status, Some(2), "{args:?}");
        assert!(
            run.stderr.contains("needs a terminal"),
            "{args:?}: {}",
            run.stderr
        );
    };
    needs_terminal(
        &[
            "--input",
            "cat=1.2 dog=0.9",
            "--top-p",
            "0.9",
            "--order",
            "vllm",
        ],
        "",
    );
    needs_terminal(
        &[
            "--input-file",
            &data("logits_f64.npy"),
            "--panel",
            "sampler",
        ],
        "",
    );
    needs_terminal(
        &["--input-file", "-", "--labels", "a,b,c", "--sort", "input"],
        "1 2 3",
    );
    needs_terminal(&["--draws", "1e6", "--seed", "18446744073709551615"], "");
    let many = vec!["1"; 20_000].join(" ");
    needs_terminal(&["--input", &many], "");

    assert_refused(
        &["--input-file", "nope.txt"],
        "",
        "--input-file nope.txt: no such file",
    );
    assert_refused(
        &["--input-file", "-"],
        "1 2 x",
        "--input-file - (standard input): \"x\" is not a number (number 3, column 5)",
    );
    assert_refused(
        &["--input", "1", "--input-file", "x"],
        "",
        "cannot be used with",
    );
    assert_refused(&["--labels", "a,b"], "", "--labels: 2 labels for 3 numbers");
    assert_refused(
        &["--input", "a=1 b=2", "--labels", "x,y"],
        "",
        "--labels: the input is labelled already",
    );
    assert_refused(
        &["--panel", "foo"],
        "",
        "--panel: unknown panel \"foo\"; valid: softmax, sampler, sparse",
    );
    assert_refused(
        &["--sort", "size"],
        "",
        "--sort: unknown order \"size\"; valid: input, probability",
    );
    let too_many = "1\n".repeat(1_000_001);
    assert_refused(
        &["--input-file", "-"],
        &too_many,
        "--input-file: 1,000,001 elements, the explorer takes at most 1,000,000",
    );
}

#[test]
fn help_names_the_new_command_and_options() {
    let help = ok(&["--help"], "");
    for needle in [
        "sample",
        "--input-file <PATH>",
        "--labels <LIST>",
        "--top-k <K>",
        "--top-p <P>",
        "--min-p <M>",
        "--order <ORDER>",
        "--panel <PANEL>",
        "--sort <ORDER>",
        "--draws <N>",
        "--seed <S>",
        "Sampler:",
        "NumPy .npy",
    ] {
        assert!(help.contains(needle), "{needle} missing from --help");
    }
    let help = ok(&["sample", "--help"], "");
    for needle in [
        "Usage: actscope sample [OPTIONS] [X]...",
        "llama.cpp (top-k, top-p, min-p, temperature)",
        "Off values: top-k 0,",
        "--input-file <PATH>",
        "1 to 100000000",
    ] {
        assert!(help.contains(needle), "{needle} missing from sample --help");
    }
    let help = ok(&["eval", "--help"], "");
    for a in kernel::Activation::ALL {
        assert!(
            help.contains(a.name()),
            "{} missing from eval --help",
            a.name()
        );
    }
}
