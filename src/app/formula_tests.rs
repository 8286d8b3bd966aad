//! Tests of the Formula tab's state: the formula, its errors, its parameters, the reopen command.

use super::*;
use crate::analysis::Analysis;
use crate::kernel;

fn formula_app() -> App {
    App::new(Settings {
        tab: FORMULA_TAB,
        ..Settings::default()
    })
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::EditInput(c));
    }
}

#[test]
fn the_tab_opens_on_geluish_sigmoid() {
    let app = formula_app();
    assert_eq!(app.tab(), Tab::Formula);
    assert_eq!(app.formula().text(), DEFAULT_FORMULA);
    let analysis = Analysis::new(&app, 11);
    let numbers = analysis.function().expect("element-wise numbers");
    // x σ(1.702 x) at 1.2, by the formula engine, as the kernel's sigmoid gives it.
    let x = 1.2;
    let s = kernel::Activation::Sigmoid.value(1.702 * x, 0.0);
    assert!((numbers.outputs[0] - x * s).abs() <= 2.0 * f64::EPSILON);
    assert_eq!(
        numbers.depth_bound, None,
        "a formula's sup |f'| is not known"
    );
}

#[test]
fn a_parse_error_points_at_its_column_and_keeps_the_last_formula() {
    let mut app = formula_app();
    app.update(Action::EditFormula);
    assert!(matches!(app.mode(), Mode::Editing(e) if e.origin == Origin::Formula));
    // The formula is edited in place: typing adds to it.
    type_text(&mut app, " + 1");
    let Mode::Editing(edit) = app.mode() else {
        panic!("editing")
    };
    assert_eq!(edit.buffer, format!("{DEFAULT_FORMULA} + 1"));
    app.update(Action::EditClear);
    type_text(&mut app, "x * (sigmoid(x)");
    let Mode::Editing(edit) = app.mode() else {
        panic!("still editing")
    };
    assert_eq!(edit.error_column, Some(16));
    assert!(edit.error.as_deref().unwrap().contains("expected \")\""));
    app.update(Action::EditCommit);
    assert!(
        matches!(app.mode(), Mode::Editing(_)),
        "a bad formula is not applied"
    );
    assert_eq!(app.status().unwrap().kind, StatusKind::Error);
    assert_eq!(
        app.formula().text(),
        DEFAULT_FORMULA,
        "the last good one stays"
    );
    app.update(Action::EditCancel);
    assert_eq!(app.mode(), &Mode::Normal);
    assert_eq!(app.formula().text(), DEFAULT_FORMULA);
}

#[test]
fn an_undeclared_name_is_named() {
    let mut app = formula_app();
    app.update(Action::EditFormula);
    app.update(Action::EditClear);
    type_text(&mut app, "x * sigmoid(b * x)");
    let Mode::Editing(edit) = app.mode() else {
        panic!("editing")
    };
    assert!(edit.error.as_deref().unwrap().contains("\"b\""), "{edit:?}");
}

#[test]
fn a_good_formula_applies_and_its_parameters_step() {
    let mut app = formula_app();
    app.update(Action::EditFormula);
    app.update(Action::EditClear);
    type_text(&mut app, "a = 0.2; b = 3; where(x > 0, b * x, a * x)");
    app.update(Action::EditCommit);
    assert_eq!(app.mode(), &Mode::Normal);
    assert_eq!(app.formula().params().len(), 2);
    app.update(Action::ParamUp);
    assert_eq!(app.formula().params()[0], ("a".to_string(), 0.3));
    app.update(Action::CycleFocus);
    assert!(app.status().unwrap().text.contains("adjust b"));
    app.update(Action::ParamDown);
    assert_eq!(app.formula().params()[1], ("b".to_string(), 2.9));
    assert!(
        app.command_line()
            .ends_with("--formula 'a = 0.3; b = 2.9; where(x > 0, b * x, a * x)'"),
        "{}",
        app.command_line()
    );
    // Without parameters, [ ] say how to declare one.
    app.update(Action::EditFormula);
    app.update(Action::EditClear);
    type_text(&mut app, "max(0, x)^2");
    app.update(Action::EditCommit);
    app.update(Action::ParamUp);
    assert!(app.status().unwrap().text.contains("declare one"));
}

#[test]
fn undefined_points_are_gaps_not_panics() {
    let mut app = formula_app();
    app.update(Action::EditFormula);
    app.update(Action::EditClear);
    type_text(&mut app, "ln(x)");
    app.update(Action::EditCommit);
    let analysis = Analysis::new(&app, 11);
    let crate::analysis::Chart::Curve(curve) = &analysis.chart else {
        panic!("a curve")
    };
    assert_eq!(
        curve.gaps_text().as_deref(),
        Some("undefined for x in [-5, 0]"),
        "ln is not finite for x <= 0"
    );
    assert!(
        curve.f.iter().any(|p| p.1.is_nan()),
        "the gaps stay in the points"
    );
}

#[test]
fn the_formula_tab_keeps_its_keys_to_itself() {
    let mut app = formula_app();
    app.update(Action::CyclePrecision);
    assert!(app.status().unwrap().text.contains("built-in activations"));
    app.update(Action::SelectTab(1));
    app.update(Action::EditFormula);
    assert_eq!(app.mode(), &Mode::Normal);
    assert!(app.status().unwrap().text.contains("Formula tab"));
}
