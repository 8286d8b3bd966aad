//! The reopen command (`y` copies it, the status shows it), run through a real shell, reopens
//! exactly the state it came from: random vectors with negative, huge and tiny elements, every
//! tab, its parameter and the temperature.

use std::process::Command;

use actscope::action::Action;
use actscope::app::{App, Settings, TABS};
use actscope::cli::{self, Parsed};
use actscope::kernel::{SamplerSettings, Temperature};
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

/// The app the command line opens.
fn reopened(line: &str) -> App {
    let args = std::iter::once("actscope".to_string()).chain(shell_words(line));
    let Parsed::Run(cli) = cli::parse(args.map(Into::into)) else {
        panic!("{line} was refused")
    };
    assert!(cli.command.is_none(), "{line} runs a subcommand");
    let settings = cli.settings().unwrap_or_else(|err| panic!("{line}: {err}"));
    App::new(settings)
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
    ) {
        let mut app = App::new(Settings {
            values,
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
    }
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
