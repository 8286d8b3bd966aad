//! Tests of the precision mode on screen: what its cells, sums and readouts promise.
//!
//! A lower precision's cells tell an exact value from a rounded one and keep their numbers
//! aligned beside a flag's mark; the f64 numbers around them say they are f64's; the Softmax
//! tab's models say the sampler is not theirs; the Formula tab says why it stays in f64.

mod common;

use actscope::action::Action;
use actscope::app::{App, SOFTMAX_TAB, Settings, TABS, Tab};
use actscope::kernel::precision::Precision;
use actscope::theme::Theme;
use common::screen::draw;

const NO_COLOR: Theme = Theme::new(false, true);

/// The app on tab `name`, with `input`, after `p` pressed `cycles` times and any `more`.
fn app_on(name: &str, input: &str, cycles: usize, more: &[Action]) -> App {
    let mut app = App::default();
    let index = Tab::from_name(name).expect("a tab").0;
    app.update(Action::SelectTab(index));
    app.update(Action::Paste(input.to_string()));
    for action in more {
        app.update(action.clone());
    }
    for _ in 0..cycles {
        app.update(Action::CyclePrecision);
    }
    app
}

/// The screen's rows, without the quotes the test backend prints around them.
fn rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .map(|line| line.trim_matches('"').to_string())
        .collect()
}

/// The row of the panel whose value column reads `x`.
fn row_of(screen: &str, x: &str) -> String {
    rows(screen)
        .into_iter()
        .map(|row| {
            // Side by side, the panel is right of the chart's border.
            row.rsplit_once("││")
                .map_or(row.as_str(), |(_, panel)| panel)
                .to_string()
        })
        .find(|row| {
            let mut words = row.trim_start_matches(['│', '|']).split_whitespace();
            let first = words.next().unwrap_or("");
            let x_word = if first == "▶" || first == ">" {
                words.next().unwrap_or("")
            } else {
                first
            };
            x_word == x
        })
        .unwrap_or_else(|| panic!("no row for {x}:\n{screen}"))
}

#[test]
fn precision_cells_tell_exact_from_rounded() {
    // f32: the stable p of [0, -11] is 0.99998..., not 1; in f16 a p of [0, -20] is exactly 1.
    let screen = draw(&app_on("softmax", "0 -11", 1, &[]), &NO_COLOR, 100, 30);
    let row = row_of(&screen, "0");
    assert!(
        row.contains("0.99998") && !row.contains("1.0000"),
        "{screen}"
    );
    let screen = draw(&app_on("softmax", "0 -20", 2, &[]), &NO_COLOR, 100, 30);
    let row = row_of(&screen, "0");
    assert!(row.split_whitespace().any(|w| w == "1"), "{screen}");
    // f32 sigmoid: 1 - 1.19e-7 at x = 16.5 is not 1 (in a column with marks, 7 characters);
    // at 17 it is, and saturated.
    let screen = draw(&app_on("sigmoid", "16.5 17", 1, &[]), &NO_COLOR, 100, 30);
    let near = row_of(&screen, "16.5");
    assert!(near.contains("   1-1e-7   "), "{screen}");
    assert!(row_of(&screen, "17").contains("1 s"), "{screen}");
    // A flagged cell keeps its column's alignment and its digits: f32 Mish at 89 is 89
    // (harmless overflow), beside 17.5 unflagged.
    let screen = draw(&app_on("mish", "89 17.5", 1, &[]), &NO_COLOR, 100, 30);
    let flagged = row_of(&screen, "89");
    let fine = row_of(&screen, "17.5");
    assert!(flagged.contains("      89 h"), "{screen}");
    assert!(fine.contains(" 17.5000  "), "{screen}");
    // The first cell of each: its number ends in the same column.
    let end = |row: &str, text: &str| {
        row.find(text)
            .map(|at| row[..at].chars().count() + text.len())
    };
    assert_eq!(
        end(&flagged, "89 h").map(|e| e - 2),
        end(&fine, "17.5000"),
        "{screen}"
    );
}

#[test]
fn precision_cells_near_other_decimals_do_not_pass_for_them() {
    // f32 sigmoid near 0: 0.50000006, 0.49999994 and 0.5000025 are not 0.5000.
    let screen = draw(
        &app_on("sigmoid", "2e-7 -2e-7 0.00001", 1, &[]),
        &NO_COLOR,
        100,
        30,
    );
    for x in ["2e-7", "-2e-7", "1e-5"] {
        let row = row_of(&screen, x);
        assert!(!row.contains("0.5000 "), "{x}:\n{screen}");
    }
    assert!(row_of(&screen, "2e-7").contains("0.5000001"), "{screen}");
    assert!(row_of(&screen, "-2e-7").contains("0.4999999"), "{screen}");
}

#[test]
fn negative_zero_keeps_its_sign_in_every_cell() {
    for name in ["mish", "silu", "tanh"] {
        // f16: the value is -0, the cells say so.
        let screen = draw(&app_on(name, "1 -0", 2, &[]), &NO_COLOR, 100, 30);
        let row = row_of(&screen, "-0");
        let f = row.split_whitespace().nth(1).unwrap_or("");
        assert_eq!(f, "-0", "{name}:\n{screen}");
    }
    // f64: tanh(-0) is -0, in the fixed columns too.
    let screen = draw(&app_on("tanh", "1 -0", 0, &[]), &NO_COLOR, 100, 30);
    assert!(row_of(&screen, "-0").contains("-0.0000"), "{screen}");
}

#[test]
fn the_detail_labels_its_f64_values_f64() {
    for name in ["sigmoid", "tanh", "relu", "gelu", "mish"] {
        let app = app_on(name, "89 1", 1, &[Action::SelectElement(0)]);
        let screen = draw(&app, &NO_COLOR, 100, 30);
        assert!(!screen.contains("   exact     f"), "{name}:\n{screen}");
        assert!(screen.contains("   f64 "), "{name}:\n{screen}");
    }
}

#[test]
fn the_numbers_beside_the_models_say_they_are_f64s() {
    for name in ["softmax", "gelu", "sigmoid"] {
        let app = app_on(
            name,
            "70000 1 2 -0.0 1e-8 -20 -1e-8 17 89 10000 65504",
            2,
            &[],
        );
        let mut app = app;
        // The readout, not the message p left.
        app.update(Action::SelectElement(0));
        for (width, height) in [(80, 24), (100, 30), (160, 45)] {
            let screen = draw(&app, &NO_COLOR, width, height);
            let rows = rows(&screen);
            let status = &rows[rows.len() - 2];
            assert!(status.contains("x0 = 70000   f64: "), "{name}:\n{screen}");
            for row in &rows {
                if let Some(at) = row.find("Σ p") {
                    assert!(row[..at].ends_with("f64: "), "{name}:\n{screen}");
                }
                if row.contains(" more: ") || row.contains(" below: ") {
                    assert!(row.contains("in f64"), "{name}:\n{screen}");
                }
            }
            if name == "softmax" {
                // Every stable cell is NaN: no unlabelled 1 or 100 % claims otherwise.
                assert!(!status.contains("   p = 1"), "{screen}");
            }
        }
    }
    // In f64, as before.
    let app = app_on("softmax", "70000 1 2", 0, &[Action::SelectElement(0)]);
    let screen = draw(&app, &NO_COLOR, 100, 30);
    assert!(
        screen.contains("Σ p = 1.0000") && !screen.contains("f64:"),
        "{screen}"
    );
}

#[test]
fn the_softmax_models_say_the_sampler_is_f64s_only() {
    // f [ : top-k 2; then p.
    let sampler = [Action::CycleFocus, Action::ParamDown];
    let app = app_on("softmax", "1.2 0.9 0.4", 0, &sampler);
    let mut low = app.clone();
    low.update(Action::CyclePrecision);
    assert!(
        low.status()
            .is_some_and(|s| s.text.contains("the sampler is f64's only")),
        "{:?}",
        low.status()
    );
    for (width, height) in [(80, 24), (100, 30)] {
        let screen = draw(&low, &NO_COLOR, width, height);
        assert!(screen.contains("sampler: f64 only"), "{screen}");
        let screen = draw(&app, &NO_COLOR, width, height);
        assert!(!screen.contains("sampler: f64 only"), "{screen}");
    }
    // Without a sampler, nothing to say.
    let plain = app_on("softmax", "1.2 0.9 0.4", 1, &[]);
    assert!(!draw(&plain, &NO_COLOR, 100, 30).contains("sampler: f64"));
    assert!(!plain.status().is_some_and(|s| s.text.contains("sampler")));
    assert_eq!(TABS[SOFTMAX_TAB], Tab::Softmax);
}

#[test]
fn the_formula_tab_says_why_it_opens_in_f64() {
    let app = App::new(Settings {
        tab: Tab::from_name("formula").expect("a tab").0,
        precision: Precision::Bf16,
        ..Settings::default()
    });
    let status = app.status().expect("a message").text.clone();
    assert!(
        status.contains("f64") && status.contains("not a formula"),
        "{status}"
    );
    assert!(status.contains("bf16 on the other tabs"), "{status}");
    let screen = draw(&app, &NO_COLOR, 80, 24);
    assert!(screen.contains("the Formula tab is in f64"), "{screen}");
    // Elsewhere, no message.
    let app = App::new(Settings {
        precision: Precision::Bf16,
        ..Settings::default()
    });
    assert!(app.status().is_none());
}
