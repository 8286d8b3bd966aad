//! Tests: the reopen command, run through a real shell, reopens exactly the state it came from.
//!
//! `y` copies it and the status shows it. Checked on random vectors with negative, huge and tiny
//! elements, with labels holding spaces, commas, quotes and `=`, every tab, its parameter, the
//! sampler's temperature, filters and order, the panel, the row order, the draws and the
//! precision; and on a vector read from a file, named by its absolute path.

use std::process::Command;

use actscope::action::Action;
use actscope::app::{App, Draws, Panel, Settings, Sort, TABS};
use actscope::cli::{self, Parsed};
use actscope::kernel::precision::Precision;
use actscope::kernel::{Order, SamplerSettings, Temperature};
use proptest::prelude::*;

/// `line` split into arguments by `sh` itself: the command's name replaced by a `printf` that
/// writes each argument NUL-terminated.
fn shell_words(line: &str) -> Vec<String> {
    let rest = line
        .strip_prefix("actscope ")
        .expect("starts with actscope");
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("printf '%s\\0' {rest}"))
        .output()
        .expect("run sh");
    assert!(output.status.success(), "sh refused {line}");
    String::from_utf8(output.stdout)
        .expect("UTF-8")
        .split_terminator('\0')
        .map(str::to_string)
        .collect()
}

/// The settings the command line gives.
fn settings_of(line: &str) -> Settings {
    let args = std::iter::once("actscope".to_string()).chain(shell_words(line));
    let Parsed::Run(cli) = cli::parse(args.map(Into::into)) else {
        panic!("{line} was refused")
    };
    assert!(cli.command.is_none(), "{line} runs a subcommand");
    cli.settings_reading(&mut std::io::empty())
        .unwrap_or_else(|err| panic!("{line}: {err}"))
}

/// The app the command line opens.
fn reopened(line: &str) -> App {
    App::new(settings_of(line))
}

/// A label: text that never reads as a number, trimmed, with the characters that make quoting
/// hard (spaces, commas, quotes, `=`, brackets, `$`, a backslash, non-ASCII).
fn label() -> impl Strategy<Value = String> {
    "[a-zA-Z_é\u{2581}#{(][a-zA-Z0-9 ,;=\"'$\\\\\\[\\]<>é\u{2581}#{}()-]{0,8}"
        .prop_map(|l| l.trim().to_string())
        .prop_filter("a number is not a label", |l| l.parse::<f64>().is_err())
}

/// `n` unique labels, or none.
fn labels(n: usize) -> impl Strategy<Value = Option<Vec<String>>> {
    prop_oneof![
        Just(None),
        prop::collection::hash_set(label(), n).prop_map(|set| Some(set.into_iter().collect())),
    ]
}

/// A sampler's settings, each filter off or on.
fn sampler() -> impl Strategy<Value = SamplerSettings> {
    (
        prop_oneof![Just(1.0), Just(0.0), 1e-300..1e3f64],
        prop_oneof![Just(0usize), 1usize..50],
        prop_oneof![Just(1.0), 1e-9..1.0f64],
        prop_oneof![Just(0.0), 0.0..=1.0f64],
        prop::sample::select(Order::ALL.to_vec()),
    )
        .prop_map(|(t, k, p, m, order)| {
            SamplerSettings::new(Temperature::new(t).unwrap(), k, p, m, order).unwrap()
        })
}

/// What the explorer's Softmax tab shows beyond the sampler: panel, row order, draws.
fn view() -> impl Strategy<Value = (Panel, Option<Sort>, Option<Draws>)> {
    (
        prop::sample::select(Panel::ALL.to_vec()),
        prop_oneof![
            Just(None),
            Just(Some(Sort::Input)),
            Just(Some(Sort::Probability))
        ],
        prop_oneof![
            Just(None),
            (1usize..=1_000_000, any::<u64>())
                .prop_map(|(count, seed)| Some(Draws { count, seed })),
        ],
    )
}

fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        -10.0..10.0f64,
        prop::num::f64::NORMAL,
        prop::num::f64::SUBNORMAL,
        Just(-0.0),
        Just(f64::MAX),
        Just(-f64::MAX),
        Just(5e-324),
        Just(-1e-300),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_reopen_command_reopens_the_state(
        values in prop::collection::vec(value(), 1..=16),
        tab in 0..TABS.len(),
        param_steps in -3i32..4,
        temperature in prop_oneof![Just(1.0), Just(0.0), 1e-300..1e3f64],
        precision in prop::sample::select(Precision::ALL.to_vec()),
    ) {
        let mut app = App::new(Settings {
            values,
            precision,
            sampler: SamplerSettings::default().with_temperature(Temperature::new(temperature).unwrap()),
            ..Settings::default()
        });
        app.update(Action::SelectTab(tab));
        for _ in 0..param_steps.unsigned_abs() {
            app.update(if param_steps > 0 { Action::ParamUp } else { Action::ParamDown });
        }
        let line = app.command_line();
        let back = reopened(&line);
        prop_assert_eq!(back.tab(), app.tab(), "{}", line);
        prop_assert_eq!(back.activation(), app.activation(), "{}", line);
        let bits = |a: &App| a.vector().values().iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        prop_assert_eq!(bits(&back), bits(&app), "{}", line);
        prop_assert_eq!(
            back.params().temperature().get().to_bits(),
            app.params().temperature().get().to_bits(),
            "{}", line
        );
        if let Some(a) = app.activation() {
            prop_assert_eq!(back.params().get(a).to_bits(), app.params().get(a).to_bits(), "{}", line);
        }
        prop_assert_eq!(back.view().precision, app.view().precision, "{}", line);
        prop_assert_eq!(back.command_line(), line);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn labels_and_the_sampler_reopen(
        (values, labels) in prop::collection::vec(value(), 1..=20)
            .prop_flat_map(|values| {
                let n = values.len();
                (Just(values), labels(n))
            }),
        sampler in sampler(),
        (panel, sort, draws) in view(),
        precision in prop::sample::select(Precision::ALL.to_vec()),
    ) {
        let mut app = App::new(Settings {
            tab: actscope::app::SOFTMAX_TAB,
            values,
            labels,
            sampler,
            panel,
            sort,
            draws,
            ..Settings::default()
        });
        // The p key, as a user reaches the format.
        while app.view().precision != precision {
            app.update(Action::CyclePrecision);
        }
        let line = app.command_line();
        let back = reopened(&line);
        let bits = |a: &App| a.vector().values().iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        prop_assert_eq!(bits(&back), bits(&app), "{}", line);
        prop_assert_eq!(back.vector().labels(), app.vector().labels(), "{}", line);
        prop_assert_eq!(back.sampler(), app.sampler(), "{}", line);
        prop_assert_eq!(back.view().panel, app.view().panel, "{}", line);
        prop_assert_eq!(back.sort(), app.sort(), "{}", line);
        prop_assert_eq!(back.draws(), app.draws(), "{}", line);
        prop_assert_eq!(back.view().precision, app.view().precision, "{}", line);
        prop_assert_eq!(back.command_line(), line);
    }
}

/// The reopen command of `values` labelled `labels` reads the same labels back.
fn assert_labels_reopen(labels: &[&str], values: Vec<f64>) {
    let labels: Vec<String> = labels.iter().map(|l| (*l).to_string()).collect();
    let app = App::new(Settings {
        values,
        labels: Some(labels.clone()),
        ..Settings::default()
    });
    let line = app.command_line();
    assert_eq!(
        reopened(&line).vector().labels(),
        Some(&labels[..]),
        "{line}"
    );
}

#[test]
fn labels_that_need_quoting_reopen() {
    for labels in [
        &["New York", "Paris"][..],
        &["a, b", "say \"hi\"", "x=1"],
        &["don't", "$HOME", "[CLS]"],
        &["New York"],
        &["\"quoted\""],
    ] {
        assert_labels_reopen(labels, (0..labels.len()).map(|i| i as f64 - 0.5).collect());
    }
}

/// Labels the input parser would read otherwise as `label=value` tokens (`(` and `)` separate
/// tokens, a first token starting with `#` is a comment, text starting with `{` is JSON) go to
/// `--labels`: the reopen command checks the tokens read back.
#[test]
fn labels_the_token_form_cannot_carry_reopen() {
    for labels in [&["f(x)", "y"][..], &["#tag", "y"], &["{x", "y"]] {
        assert_labels_reopen(labels, vec![1.0, 2.0]);
    }
}

#[test]
fn a_file_reopens_by_its_absolute_path() {
    let dir = std::env::temp_dir().join(format!("actscope-reopen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("my logits.txt");
    std::fs::write(&file, "cat 1.2\ndog -0.9\n").unwrap();
    let relative = file
        .strip_prefix(std::env::current_dir().unwrap())
        .unwrap_or(&file);
    let settings = settings_of(&format!(
        "actscope --tab softmax --input-file '{}' --top-p 0.9",
        relative.display()
    ));
    let absolute = std::fs::canonicalize(&file).unwrap();
    assert_eq!(settings.source.as_deref(), absolute.to_str());
    let app = App::new(settings);
    let line = app.command_line();
    assert!(
        line.contains(&format!("--input-file '{}'", absolute.display())),
        "{line}"
    );
    let back = reopened(&line);
    assert_eq!(back.vector().values(), [1.2, -0.9]);
    assert_eq!(
        back.vector().labels(),
        Some(&["cat".to_string(), "dog".to_string()][..])
    );
    // Labels given apart are not in the file: the reopen command lists the values then.
    let plain = dir.join("plain.txt");
    std::fs::write(&plain, "1 2").unwrap();
    let settings = settings_of(&format!(
        "actscope --input-file '{}' --labels 'a b,c'",
        plain.display()
    ));
    assert_eq!(settings.source, None);
    let line = App::new(settings).command_line();
    assert!(line.contains("--input '1 2' --labels 'a b,c'"), "{line}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_negative_first_element_reopens() {
    let mut app = App::new(Settings {
        values: vec![-1.5, 2.0],
        ..Settings::default()
    });
    app.update(Action::SelectTab(1));
    let line = app.command_line();
    assert_eq!(line, "actscope --tab sigmoid --input '-1.5 2'");
    assert_eq!(reopened(&line).vector().values(), [-1.5, 2.0]);
}

#[test]
fn the_precision_opens_and_reopens() {
    let mut app = reopened("actscope --tab softmax --input '12 1 -3'");
    assert_eq!(app.view().precision, Precision::F64);
    app.update(Action::CyclePrecision);
    app.update(Action::CyclePrecision);
    let line = app.command_line();
    assert_eq!(
        line,
        "actscope --tab softmax --input '12 1 -3' --precision f16"
    );
    assert_eq!(reopened(&line).view().precision, Precision::F16);
    for (name, want) in [
        ("bf16", Precision::Bf16),
        ("float32", Precision::F32),
        ("f64", Precision::F64),
    ] {
        let app = reopened(&format!("actscope --precision {name}"));
        assert_eq!(app.view().precision, want, "{name}");
    }
    // A -0 typed stays -0 in the explorer's vector, and the command says -0.
    let app = reopened("actscope --input '-0 1' --precision f32");
    assert_eq!(app.vector().values()[0].to_bits(), (-0.0f64).to_bits());
    let line = app.command_line();
    assert_eq!(
        line,
        "actscope --tab sigmoid --input '-0 1' --precision f32"
    );
    assert_eq!(reopened(&line), app);
}

#[test]
fn an_unknown_precision_is_refused_as_eval_refuses_it() {
    let args = ["actscope", "--precision", "f8"].map(Into::into);
    let Parsed::Run(cli) = cli::parse(args) else {
        panic!("clap refused --precision")
    };
    let err = cli.settings_reading(&mut std::io::empty()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "--precision: unknown format \"f8\"; valid: f64, f32, f16, bf16"
    );
}
