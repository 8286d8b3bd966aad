//! Tests of the input module from outside: every form, the sample files, and random input.

use super::*;

#[test]
fn accepted_inputs() {
    let table: &[(&str, &[f64])] = &[
        ("1.2 0.9 0.4", &[1.2, 0.9, 0.4]),
        ("1.2, 0.9, 0.4", &[1.2, 0.9, 0.4]),
        ("[1.2, 0.9, 0.4]", &[1.2, 0.9, 0.4]),
        ("[1.2 0.9 0.4]", &[1.2, 0.9, 0.4]),
        ("1.2\n0.9\n0.4\n", &[1.2, 0.9, 0.4]),
        ("  1.2,0.9 ,\t0.4  ", &[1.2, 0.9, 0.4]),
        ("1.2\r\n0.9", &[1.2, 0.9]),
        ("(2.3, -0.9, 3.6)", &[2.3, -0.9, 3.6]),
        ("1;2", &[1.0, 2.0]),
        ("-5e-3 +7 .5 5. 1E2", &[-0.005, 7.0, 0.5, 5.0, 100.0]),
        ("\u{2212}1.5", &[-1.5]),
        ("1e-320 3e-324 0e-999", &[1e-320, 5e-324, 0.0]),
        ("[1, 2,]", &[1.0, 2.0]),
        ("1.7976931348623157e308", &[f64::MAX]),
        ("900, 1000, 1000", &[900.0, 1000.0, 1000.0]),
    ];
    for (text, want) in table {
        assert_eq!(parse_vector(text).as_deref(), Ok(*want), "{text:?}");
    }
}

#[test]
fn minus_zero_is_kept_as_typed() {
    // NumPy and PyTorch keep the sign (tanh(-0.0) is -0.0): `eval` and `softmax` show it.
    let v = parse_vector("-0 -0.0 0").unwrap();
    let bits: Vec<u64> = v.iter().map(|x| x.to_bits()).collect();
    assert_eq!(bits, [(-0.0_f64).to_bits(), (-0.0_f64).to_bits(), 0]);
}

#[test]
fn refused_inputs_name_the_token_and_place() {
    let table: &[(&str, &str)] = &[
        ("", "no numbers given"),
        ("  [ ] \n", "no numbers given"),
        (
            "  , [ ] \n",
            "\",\" comes before the first number (an empty field) (column 3)",
        ),
        (
            "1e-400",
            "\"1e-400\" is below the smallest f64, 5e-324: it would read as 0 (number 1, column 1)",
        ),
        ("1 abc 3", "\"abc\" is not a number (number 2, column 3)"),
        ("nan", "\"nan\" is not a finite number (number 1, column 1)"),
        (
            "1, inf",
            "\"inf\" is not a finite number (number 2, column 4)",
        ),
        (
            "-Infinity",
            "\"-Infinity\" is not a finite number (number 1, column 1)",
        ),
        (
            "1e999",
            "\"1e999\" is too large (beyond ±1.8e308) (number 1, column 1)",
        ),
        (
            "1\n2\n 3x",
            "\"3x\" is not a number (number 3, line 3, column 2)",
        ),
        ("1.2.3", "\"1.2.3\" is not a number (number 1, column 1)"),
        ("0x10", "\"0x10\" is not a number (number 1, column 1)"),
        ("1_000", "\"1_000\" is not a number (number 1, column 1)"),
        ("é 1", "\"é\" is not a number (number 1, column 1)"),
        ("1 é", "\"é\" is not a number (number 2, column 3)"),
        (
            "[[1, 2], [3]]",
            "a nested array: give one vector (1-D) (column 2)",
        ),
        ("# 1", "\"#\" is not a number (number 1, column 1)"),
        ("cat=1", "\"cat=1\" is not a number (number 1, column 1)"),
    ];
    for (text, want) in table {
        let got = parse_vector(text).map_err(|e| e.to_string());
        assert_eq!(got, Err((*want).to_string()), "{text:?}");
    }
}

#[test]
fn long_tokens_are_cut_in_messages() {
    let text = format!("1 {}", "x".repeat(1000));
    let message = parse_vector(&text).unwrap_err().to_string();
    assert_eq!(
        message,
        format!(
            "\"{}…\" is not a number (number 2, column 3)",
            "x".repeat(40)
        )
    );
}

#[test]
fn one_number() {
    assert_eq!(parse_number(" 2.5 "), Ok(2.5));
    assert_eq!(parse_number("[-1]"), Ok(-1.0));
    assert_eq!(parse_number("1 2"), Err(InputError::NotOne { count: 2 }));
    assert_eq!(parse_number(""), Err(InputError::Empty));
    assert!(parse_number("nan").is_err());
    assert_eq!(
        parse_number("1x").map_err(|e| e.what()),
        Err("\"1x\" is not a number".to_string())
    );
    assert_eq!(
        parse_number("1 2").map_err(|e| e.what()),
        Err("expected one number, got 2".to_string())
    );
}

fn labelled(values: &[f64], labels: &[&str]) -> Vector {
    Vector {
        values: values.to_vec(),
        labels: Some(labels.iter().map(|l| (*l).to_string()).collect()),
    }
}

fn unlabelled(values: &[f64]) -> Vector {
    Vector::unlabelled(values.to_vec())
}

#[test]
fn text_forms() {
    let table = [
        ("1.2 0.9 0.4", unlabelled(&[1.2, 0.9, 0.4])),
        ("[1.2 0.9 0.4]", unlabelled(&[1.2, 0.9, 0.4])),
        ("# logits\n1.2\n\n0.9\n", unlabelled(&[1.2, 0.9])),
        ("\u{feff}1 2", unlabelled(&[1.0, 2.0])),
        ("cat=1.2 dog=0.9", labelled(&[1.2, 0.9], &["cat", "dog"])),
        ("cat=1.2, dog=0.9", labelled(&[1.2, 0.9], &["cat", "dog"])),
        ("[cat=1.2,dog=0.9]", labelled(&[1.2, 0.9], &["cat", "dog"])),
        ("cat 1.2\ndog 0.9\n", labelled(&[1.2, 0.9], &["cat", "dog"])),
        ("cat\t1.2\ndog\t0.9", labelled(&[1.2, 0.9], &["cat", "dog"])),
        (
            "cat,1.2\r\ndog,0.9\r\n",
            labelled(&[1.2, 0.9], &["cat", "dog"]),
        ),
        (
            "token,logit\ncat,1.2\n\"a, b\",0.9",
            labelled(&[1.2, 0.9], &["cat", "a, b"]),
        ),
        ("label value\ncat 1.2", labelled(&[1.2], &["cat"])),
        ("# from numpy\nlogit\n1.2\n0.9", unlabelled(&[1.2, 0.9])),
        ("▁the 2.5\n▁a −1", labelled(&[2.5, -1.0], &["▁the", "▁a"])),
        (
            "[CLS] 2.5\n[SEP] 1",
            labelled(&[2.5, 1.0], &["[CLS]", "[SEP]"]),
        ),
        ("1st 0.5\n2nd 0.25", labelled(&[0.5, 0.25], &["1st", "2nd"])),
    ];
    for (text, want) in table {
        assert_eq!(parse_text(text), Ok(want), "{text:?}");
    }
}

#[test]
fn text_forms_refused() {
    let table = [
        ("", "no numbers given"),
        ("# only a comment", "no numbers given"),
        ("abc", "\"abc\" is not a number (number 1, column 1)"),
        ("1.2x\n0.9", "\"1.2x\" is not a number (number 1, column 1)"),
        ("1 abc 3", "\"abc\" is not a number (number 2, column 3)"),
        (
            "1.2 dog=0.9",
            "\"dog=0.9\" has a label, unlike the elements before it (label every element or \
             none) (number 2, column 5)",
        ),
        (
            "cat=1.2 0.9",
            "\"0.9\" has no label, unlike the elements before it (label every element or none) \
             (element 2, column 9)",
        ),
        ("cat dog", "\"cat\" is not a number (number 1, column 1)"),
        (
            "token,logit\n",
            "\"token\" is not a number (number 1, column 1)",
        ),
        (
            "tensor([1.2, 0.9])",
            "\"tensor\" is not a number (number 1, column 1)",
        ),
        ("cat 1\ndog x", "\"x\" is not a number (line 2, column 5)"),
        ("logit", "\"logit\" is not a number (number 1, column 1)"),
        (
            "token,logit\ncat,1\n2,3",
            "\"2\" is a number, not a label (a label is text) (line 3, column 1)",
        ),
        (
            "index,logit\n0,1.2\n1,0.9",
            "\"0\" is a number, not a label (a label is text) (line 2, column 1)",
        ),
        (
            "x y\n1 2",
            "\"1\" is a number, not a label (a label is text) (line 2, column 1)",
        ),
        (
            "\"a, b,1.5",
            "a quoted label is never closed (line 1, column 1)",
        ),
        (
            "logit\nabc",
            "\"abc\" is not a number (number 1, line 2, column 1)",
        ),
        (
            "[[1, 2], [3, 4]]",
            "a nested array: give one vector (1-D) (column 2)",
        ),
    ];
    for (text, want) in table {
        let got = parse_text(text).map_err(|e| e.to_string());
        assert_eq!(got, Err(want.to_string()), "{text:?}");
    }
}

#[test]
fn json_forms() {
    let table = [
        (
            r#"{"cat": 1.2, "dog": 0.9, "bird": 0.4}"#,
            labelled(&[1.2, 0.9, 0.4], &["cat", "dog", "bird"]),
        ),
        (
            r#"{"z": 1, "a": 2, "m": -0.0}"#,
            labelled(&[1.0, 2.0, -0.0], &["z", "a", "m"]),
        ),
        (
            "[[\"cat\", 1.2],\n [\"dog\", 9e-1]]",
            labelled(&[1.2, 0.9], &["cat", "dog"]),
        ),
        (
            r#"  [ [ " the", 3 ], ["\u00e9\"", 18446744073709551615] ] "#,
            labelled(&[3.0, 18_446_744_073_709_551_615.0], &["the", "é\""]),
        ),
        (
            r#"{"big": 123456789012345678901234567890, "neg": -7}"#,
            labelled(&[1.234_567_890_123_456_8e29, -7.0], &["big", "neg"]),
        ),
        ("[1.2, 0.9, 0.4]", unlabelled(&[1.2, 0.9, 0.4])),
    ];
    for (text, want) in table {
        assert_eq!(parse_text(text), Ok(want), "{text}");
    }
    let v = parse_text(r#"{"a": -0}"#).unwrap();
    assert_eq!(v.values[0].to_bits(), (-0.0_f64).to_bits());
}

#[test]
fn json_refused() {
    let table = [
        ("{}", "no numbers given"),
        (
            "[[\"a\", 1], [\"b\", null]]",
            "null is not a number (element 2)",
        ),
        (
            r#"{"a": 1, "b": "2"}"#,
            r#""2" is not a number (key "b", element 2)"#,
        ),
        (
            r#"{"a": true}"#,
            r#"true is not a number (key "a", element 1)"#,
        ),
        (
            r#"{"a": [1, 2]}"#,
            r#"[…] is not a number (key "a", element 1)"#,
        ),
        (
            r#"{"a": {"b": 1}}"#,
            r#"{…} is not a number (key "a", element 1)"#,
        ),
        (r#"["a", 1]"#, r#""a" is not a number (element 1)"#),
        (r#"[{"a": 1}]"#, "{…} is not a number (element 1)"),
        (
            r#"[["a", 1], [2, 3]]"#,
            "a nested array: give one vector (1-D) (element 2)",
        ),
        (
            r#"[["a", 1], [[2], 3]]"#,
            "a nested array: give one vector (1-D) (element 2)",
        ),
        (
            r#"[["a", 1], 2]"#,
            "2 has no label, unlike the elements before it (label every element or none) \
             (element 2)",
        ),
        (
            r#"[["a", 1], ["b"]]"#,
            "expected a [label, value] pair, found 1 item (element 2)",
        ),
        (
            r#"[["a", 1, 2, 3]]"#,
            "expected a [label, value] pair, found 4 items (element 1)",
        ),
        (
            "[[null, 1]]",
            "null is not a label (give a JSON string) (element 1)",
        ),
        (
            r#"{"cat": 1, "dog": 2, "cat": 3}"#,
            r#""cat" is already the label of element 1 (labels must be unique) (key "cat", element 3)"#,
        ),
        (
            r#"{"1": 1}"#,
            r#""1" is a number, not a label (a label is text) (key "1", element 1)"#,
        ),
        (r#"{" ": 1}"#, r#"the label is empty (key " ", element 1)"#),
        (
            r#"[["a", 1], ["NaN", 2]]"#,
            r#""NaN" is a number, not a label (a label is text) (element 2)"#,
        ),
        (
            "{\"a\": 1,\n \"b\": 2,}",
            "not valid JSON: trailing comma (line 2, column 9)",
        ),
        (
            r#"{"a": 1e999}"#,
            "not valid JSON: number out of range (column 11)",
        ),
        (r#"{"a": NaN}"#, "not valid JSON: expected value (column 7)"),
        (r#"{"é": x}"#, "not valid JSON: expected value (column 7)"),
        (
            r#"{"a": 1} {"b": 2}"#,
            "not valid JSON: trailing characters (column 10)",
        ),
        (
            r#"{"a": 1"#,
            "not valid JSON: EOF while parsing an object (column 7)",
        ),
        (
            r#"[["a", 1],]"#,
            "not valid JSON: trailing comma (column 11)",
        ),
        (
            "[[\"a\\\"1e-400\", 1],\n [\"b\", 1.5e-400]]",
            "\"1.5e-400\" is below the smallest f64, 5e-324: it would read as 0 (line 2, column 8)",
        ),
    ];
    for (text, want) in table {
        let got = parse_text(text).map_err(|e| e.to_string());
        assert_eq!(got, Err(want.to_string()), "{text}");
    }
}

#[test]
fn json_and_plain_arrays_of_numbers_agree() {
    let values = [1.2, -0.9, 0.4, 1e-300, 123_456.789, 5e-324];
    let text = serde_json::to_string(&values).unwrap();
    assert_eq!(parse_text(&text).unwrap().values, values);
    assert_eq!(json::parse(&text).unwrap().values, values);
    for text in ["[[1, 2]]", "[[-1 2] [3 4]]", "[[]]"] {
        let Err(InputError::Invalid { reason, at, .. }) = parse_text(text) else {
            panic!("{text} accepted");
        };
        assert_eq!(
            (reason, at),
            (Reason::Nested, Place::Text { line: 1, column: 2 })
        );
    }
    let nested = json::parse("[[1, 2]]").map_err(|e| e.to_string());
    assert_eq!(
        nested,
        Err("a nested array: give one vector (1-D) (element 1)".to_string())
    );
}

/// The sample files scripts/make_input_samples.py writes.
mod samples {
    use super::*;

    const LOGITS: [f64; 5] = [1.2, 0.9, 0.4, -2.5, 3.0];
    const TOKENS: [&str; 5] = ["▁The", "▁cat", ",", "été", "<eos>"];

    macro_rules! sample {
        ($name:literal) => {
            include_bytes!(concat!("../../tests/data/input/", $name)).as_slice()
        };
    }

    fn refusal(bytes: &[u8]) -> String {
        parse_bytes(bytes).map_or_else(|e| e.to_string(), |v| format!("accepted {v:?}"))
    }

    #[test]
    fn npy_files_np_save_writes() {
        for bytes in [
            sample!("logits_f64.npy"),
            sample!("logits_v2.npy"),
            sample!("logits_v3.npy"),
        ] {
            assert_eq!(parse_bytes(bytes), Ok(unlabelled(&LOGITS)));
        }
        let f32 = LOGITS.map(|x| f64::from(x as f32));
        assert_eq!(parse_bytes(sample!("logits_f32.npy")), Ok(unlabelled(&f32)));
        assert_eq!(parse_bytes(sample!("scalar.npy")), Ok(unlabelled(&[2.5])));
    }

    #[test]
    fn npy_files_refused() {
        let table = [
            (
                sample!("matrix.npy"),
                "(2, 3) has 2 dimensions: give one vector (1-D) (.npy header, shape)",
            ),
            (
                sample!("ints.npy"),
                "'<i8' is not a dtype this reads: little-endian float32 '<f4' or float64 '<f8' \
                 (.npy header, descr)",
            ),
            (
                sample!("half.npy"),
                "'<f2' is not a dtype this reads: little-endian float32 '<f4' or float64 '<f8' \
                 (.npy header, descr)",
            ),
            (
                sample!("big_endian.npy"),
                "'>f8' is big-endian: save little-endian, e.g. a.astype('<f8') \
                 (.npy header, descr)",
            ),
            (
                sample!("with_nan.npy"),
                "NaN is not a finite number (.npy data, index 2)",
            ),
        ];
        for (bytes, want) in table {
            assert_eq!(refusal(bytes), want);
        }
        let whole = sample!("logits_f64.npy");
        assert_eq!(
            refusal(&whole[..whole.len() - 3]),
            "the data ends after 37 of 40 bytes (a truncated file) (.npy data)"
        );
    }

    #[test]
    fn text_files() {
        let want = labelled(&LOGITS, &TOKENS);
        assert_eq!(parse_bytes(sample!("vocab.json")), Ok(want.clone()));
        assert_eq!(parse_bytes(sample!("pairs.json")), Ok(want.clone()));
        assert_eq!(parse_bytes(sample!("logits.txt")), Ok(want));
        let csv_tokens = ["a, b", "▁cat", ",", "été", "<eos>"];
        assert_eq!(
            parse_bytes(sample!("logits.csv")),
            Ok(labelled(&LOGITS, &csv_tokens))
        );
    }

    #[test]
    fn bytes_that_are_not_text() {
        assert_eq!(
            refusal(b"1 2\n3 \xFF 4"),
            "neither a .npy file nor UTF-8 text (line 2, column 3)"
        );
        assert_eq!(
            refusal("é\u{2212}".as_bytes().split_last().unwrap().1),
            "neither a .npy file nor UTF-8 text (column 2)"
        );
        assert_eq!(
            refusal(b"\xFF\xFE1\x00 \x002\x00"),
            "UTF-16 text: save it as UTF-8"
        );
        assert_eq!(
            refusal(b"PK\x03\x04rest"),
            "a .npz archive: give one .npy from it"
        );
        assert_eq!(
            parse_bytes(b"\xEF\xBB\xBFcat,1\n"),
            Ok(labelled(&[1.0], &["cat"]))
        );
        assert_eq!(refusal(b""), "no numbers given");
    }
}

/// Random input never panics, and what is accepted keeps the promises of [`Vector`].
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Whatever was accepted: finite, never empty; labels one per value, trimmed, non-empty, not
    /// numbers, unique.
    fn check(vector: &Vector) {
        assert!(!vector.values.is_empty());
        assert!(vector.values.iter().all(|x| x.is_finite()));
        if let Some(labels) = &vector.labels {
            assert_eq!(labels.len(), vector.values.len());
            let unique: std::collections::HashSet<&String> = labels.iter().collect();
            assert_eq!(unique.len(), labels.len());
            for label in labels {
                assert!(!label.is_empty() && label.trim() == label);
                assert!(label.parse::<f64>().is_err(), "{label:?}");
            }
        }
    }

    /// A vector keeps its promises; a refusal is one line.
    fn check_result(result: &Result<Vector, InputError>) {
        match result {
            Ok(vector) => check(vector),
            Err(err) => {
                let message = err.to_string();
                assert!(!message.contains(['\n', '\r']), "{message:?}");
            }
        }
    }

    fn check_all(text: &str) {
        check_result(&parse_text(text));
        check_result(&parse_vector(text).map(Vector::unlabelled));
        check_result(&parse_number(text).map(|x| Vector::unlabelled(vec![x])));
        check_result(&with_labels(vec![1.0, 2.0], text));
        check_result(&parse_bytes(text.as_bytes()));
    }

    /// The characters every form is made of, so random text reaches deep into each reader.
    const SYNTAX: &str = "[\\[\\]{}()\",:;=#\n\r\t 0-9.eE+\\-−abcnNuIlé▁]{0,60}";

    /// A `.npy` frame around a random header and data.
    fn npy(header: &str, data: &[u8], major: u8) -> Vec<u8> {
        let mut bytes = b"\x93NUMPY".to_vec();
        bytes.extend([major, 0]);
        if major == 1 {
            bytes.extend((header.len() as u16).to_le_bytes());
        } else {
            bytes.extend((header.len() as u32).to_le_bytes());
        }
        bytes.extend(header.as_bytes());
        bytes.extend(data);
        bytes
    }

    fn finite() -> impl Strategy<Value = f64> {
        any::<f64>().prop_filter("finite", |x| x.is_finite())
    }

    proptest! {
        #[test]
        fn random_text_never_panics(text in any::<String>()) {
            check_all(&text);
        }

        #[test]
        fn random_syntax_never_panics(text in SYNTAX) {
            check_all(&text);
        }

        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            check_result(&parse_bytes(&bytes));
        }

        #[test]
        fn random_npy_headers_never_panic(
            header in "[{}()\\[\\]'\",:<>|fiuL0-9 a-z_\n\r\t]{0,80}",
            data in proptest::collection::vec(any::<u8>(), 0..64),
            major in 0u8..5,
        ) {
            check_result(&parse_bytes(&npy(&header, &data, major)));
        }

        #[test]
        fn npy_data_of_any_bits(data in proptest::collection::vec(any::<u8>(), 0..96)) {
            for descr in ["<f4", "<f8"] {
                let size = if descr == "<f4" { 4 } else { 8 };
                let count = data.len() / size;
                let header = format!(
                    "{{'descr': '{descr}', 'fortran_order': False, 'shape': ({count},), }}"
                );
                match parse_bytes(&npy(&header, &data, 1)) {
                    Ok(vector) => check(&vector),
                    Err(err) => {
                        let message = err.to_string();
                        let expected = message.contains("finite")
                            || message.contains("byte")
                            || message == "no numbers given";
                        prop_assert!(expected, "{}", message);
                    }
                }
            }
        }

        #[test]
        fn every_form_reads_the_same_values(
            values in proptest::collection::vec(finite(), 1..40),
        ) {
            let want: Vec<f64> = values.clone();
            let labels: Vec<String> = (0..values.len()).map(|i| format!("t{i}")).collect();
            let plain: Vec<String> = values.iter().map(ToString::to_string).collect();
            let pairs = |pair: &dyn Fn(&str, &str) -> String, separator: &str| {
                let pairs: Vec<String> =
                    labels.iter().zip(&plain).map(|(l, x)| pair(l, x)).collect();
                pairs.join(separator)
            };
            let texts = [
                plain.join(" "),
                format!("[{}]", plain.join(", ")),
                serde_json::to_string(&values).unwrap(),
                pairs(&|l, x| format!("{l}={x}"), " "),
                pairs(&|l, x| format!("{l} {x}"), "\n"),
                format!("token,logit\n{}", pairs(&|l, x| format!("{l},{x}"), "\r\n")),
                serde_json::to_string(&labels.iter().zip(&values).collect::<Vec<_>>()).unwrap(),
                format!("{{{}}}", pairs(&|l, x| format!("\"{l}\": {x}"), ", ")),
            ];
            for text in &texts {
                let vector = parse_text(text).unwrap();
                prop_assert_eq!(&vector.values, &want, "{}", text);
                if let Some(got) = &vector.labels {
                    prop_assert_eq!(got, &labels);
                }
            }
            let header = format!(
                "{{'descr': '<f8', 'fortran_order': False, 'shape': ({},), }}",
                values.len()
            );
            let data: Vec<u8> = values.iter().flat_map(|x| x.to_le_bytes()).collect();
            prop_assert_eq!(parse_bytes(&npy(&header, &data, 1)).unwrap().values, want);
        }
    }
}
