//! Tests of the Formula tab and the picker on screen.
//!
//! A formula with its parameters, a parse error pointing at its column, gaps where a formula is
//! undefined, kinks marked as conventions, the picker among twenty tabs, hard_swish at 80x24.

mod common;

use actscope::action::Action;
use actscope::app::{App, FORMULA_TAB, Settings, Tab};
use actscope::kernel::Formula;
use actscope::theme::Theme;
use common::screen::draw;

const UNICODE: Theme = Theme::new(true, true);
const ASCII: Theme = Theme::new(false, false);

fn formula(text: &str) -> App {
    App::new(Settings {
        tab: FORMULA_TAB,
        formula: Some(Formula::parse(text, &[]).expect("a formula")),
        ..Settings::default()
    })
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::EditInput(c));
    }
}

#[test]
fn a_formula_and_its_parameters() {
    let app = formula("a = 0.2; b = 1; where(x > 0, b * x, a * x)");
    let screen = draw(&app, &UNICODE, 100, 30);
    for needle in [
        "f(x) = where(x > 0, b * x, a * x)",
        "a = 0.2",
        "kink at x = 0",
    ] {
        assert!(screen.contains(needle), "{needle}:\n{screen}");
    }
    insta::assert_snapshot!(screen);
}

#[test]
fn a_parse_error_points_at_its_column() {
    let mut app = formula("x * tanh(softplus(x))");
    app.update(Action::EditFormula);
    app.update(Action::EditClear);
    typed(&mut app, "x * (sigmoid(1.702 * x)");
    for (width, height) in [(80, 24), (100, 30)] {
        let screen = draw(&app, &UNICODE, width, height);
        assert!(screen.contains("column 24"), "{screen}");
        // The caret stands under the column the error names: 10 for " formula: ", then 23.
        let caret = screen
            .lines()
            .find(|l| l.contains("^ column 24"))
            .expect("a caret line");
        assert_eq!(caret.find('^'), Some(1 + 10 + 23), "{caret}");
        // The chart still draws the last good formula, and says so.
        assert!(
            screen.contains("drawn: f(x) = x * tanh(softplus(x))"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("parse_error_{width}x{height}"), screen);
    }
}

#[test]
fn undefined_stretches_are_gaps_and_named() {
    let mut app = formula("ln(x)");
    app.update(Action::SelectNext);
    let screen = draw(&app, &UNICODE, 100, 30);
    assert!(screen.contains("undefined for x in [-5, 0]"), "{screen}");
    let one = formula("1 / x");
    let screen = draw(&one, &UNICODE, 100, 30);
    assert!(screen.contains("pole at x = 0"), "{screen}");
    insta::assert_snapshot!(draw(&app, &ASCII, 100, 30));
}

/// The ends of a gap are the formula's, refined to adjacent f64s, not the sampling grid's; an
/// overflow is not "undefined"; a pole between samples is found, and the curve breaks there.
#[test]
fn gaps_are_named_by_their_true_ends() {
    for (text, needle) in [
        ("sqrt(x)", "undefined for x in [-5, 0)"),
        ("ln(x - 1)", "undefined for x in [-5, 1]"),
        ("sqrt(x*x - 1)", "undefined for x in (-1, 1)"),
        (
            "exp(x)^1000",
            "overflows to inf for x in [0.709782712893384",
        ),
        ("1/(x - 1)", "pole at x = 1"),
    ] {
        let screen = draw(&formula(text), &UNICODE, 100, 30);
        assert!(screen.contains(needle), "{text}: {needle}\n{screen}");
    }
    let screen = draw(&formula("1/(x - 1)"), &ASCII, 100, 30);
    // No saturated band (`_`) under the x axis: f' = -4 at 0.5 is far from flat.
    let axis = screen
        .lines()
        .position(|l| l.contains("-2.5"))
        .expect("the x axis");
    let band = &screen.lines().nth(axis - 1).unwrap_or_default();
    assert!(!band.contains("__"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn the_picker_among_twenty_tabs() {
    let mut app = App::default();
    app.update(Action::OpenPicker);
    for c in "hard".chars() {
        app.update(Action::PickerInput(c));
    }
    let screen = draw(&app, &UNICODE, 80, 24);
    for needle in ["Hard sigmoid", "Hard tanh", "Hard swish", "3 of 21"] {
        assert!(screen.contains(needle), "{needle}:\n{screen}");
    }
    insta::assert_snapshot!(screen);
}

#[test]
fn hard_swish_at_80x24() {
    let app = App::new(Settings {
        tab: Tab::from_name("hard_swish").expect("a tab").0,
        values: vec![-3.0, 0.0, 3.0],
        ..Settings::default()
    });
    let screen = draw(&app, &UNICODE, 80, 24);
    assert!(screen.contains("HardSwish"), "{screen}");
    insta::assert_snapshot!(screen);
}

/// After `y` the reopen command is on screen whole: the status line takes up to three rows.
#[test]
fn the_reopen_command_is_shown_whole() {
    let mut app = formula("a = 0.3; b = 3.1; where(x > 0, b * x, a * expm1(x)) + max(0, x)^2");
    let command = app.command_line();
    app.shared(1234, &command);
    let screen = draw(&app, &UNICODE, 80, 24);
    let text: String = screen
        .lines()
        .map(|l| l.trim_matches('"').trim())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains(&command), "{command}\n{screen}");
    insta::assert_snapshot!(screen);
}
