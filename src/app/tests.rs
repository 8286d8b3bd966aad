//! Tests of the explorer's state changes.
//!
//! Tabs, the vector, editing, the view, parameters, the command line that reopens it.

use super::*;
use crate::analysis::{Analysis, Kind};
use crate::kernel::precision::{self, Precision};

fn analyse(app: &App) -> Analysis {
    Analysis::new(app, 11)
}

/// The index of the tab a name opens.
fn tab(name: &str) -> usize {
    Tab::from_name(name).expect("a tab").0
}

fn app_with(values: &[f64]) -> App {
    App::new(Settings {
        values: values.to_vec(),
        ..Settings::default()
    })
}

fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        app.update(action);
    }
}

fn type_text(app: &mut App, text: &str) {
    run(app, text.chars().map(Action::EditInput));
}

#[test]
fn opens_on_sigmoid_with_the_seed_vector() {
    let app = App::default();
    assert_eq!(app.tab(), Tab::Function(Activation::Sigmoid));
    assert_eq!(app.vector().values(), DEFAULT_VALUES);
    let percent: Vec<String> = analyse(&app)
        .softmax
        .probabilities
        .iter()
        .map(|p| format!("{:.2}", p * 100.0))
        .collect();
    assert_eq!(percent, ["45.66", "33.83", "20.52"]);
}

#[test]
fn tabs_wrap_both_ways_and_digits_jump() {
    let mut app = App::default();
    run(&mut app, [Action::PrevTab, Action::PrevTab]);
    assert_eq!(app.tab(), Tab::Formula);
    app.update(Action::PrevTab);
    assert_eq!(app.tab(), Tab::Softmax);
    run(&mut app, [Action::NextTab, Action::NextTab]);
    assert_eq!(app.tab_index(), 0);
    app.update(Action::SelectTab(tab("gelu")));
    assert_eq!(app.activation(), Some(Activation::Gelu));
    app.update(Action::SelectTab(99));
    assert_eq!(app.tab_index(), tab("gelu"));
}

#[test]
fn nudges_are_tidy_and_shift_is_bigger() {
    let mut app = App::default();
    app.update(Action::Nudge(0.1));
    assert_eq!(app.vector().values()[0], 1.3);
    run(&mut app, [Action::Nudge(-1.0), Action::Nudge(-1.0)]);
    assert_eq!(app.vector().values()[0], -0.7);
    run(&mut app, [Action::SelectNext, Action::Nudge(0.1)]);
    assert_eq!(app.vector().values(), [-0.7, 1.0, 0.4]);
}

#[test]
fn a_nudge_that_would_overflow_is_refused() {
    let mut app = app_with(&[f64::MAX]);
    app.update(Action::Nudge(f64::MAX));
    assert_eq!(app.vector().values(), [f64::MAX]);
    assert_eq!(app.status().unwrap().kind, StatusKind::Error);
}

#[test]
fn selection_wraps() {
    let mut app = App::default();
    app.update(Action::SelectPrev);
    assert_eq!(app.vector().selected(), 2);
    app.update(Action::SelectNext);
    assert_eq!(app.vector().selected(), 0);
}

#[test]
fn editing_commits_only_a_finite_number() {
    let mut app = App::default();
    app.update(Action::StartEdit);
    assert!(matches!(app.mode(), Mode::Editing(e) if e.buffer == "1.2" && e.error.is_none()));
    type_text(&mut app, "nan");
    let Mode::Editing(edit) = app.mode() else {
        panic!("left edit mode")
    };
    assert_eq!(edit.buffer, "nan");
    assert_eq!(
        edit.error.as_deref(),
        Some("\"nan\" is not a finite number")
    );
    app.update(Action::EditCommit);
    assert!(matches!(app.mode(), Mode::Editing(_)), "nan was committed");
    assert_eq!(app.vector().values()[0], 1.2);
    assert_eq!(app.status().unwrap().kind, StatusKind::Error);
    run(&mut app, [Action::EditClear]);
    type_text(&mut app, "2.5");
    app.update(Action::EditCommit);
    assert_eq!(app.mode(), &Mode::Normal);
    assert_eq!(app.vector().values()[0], 2.5);
}

#[test]
fn refused_values_never_land() {
    for text in ["inf", "1e999", "", "abc", "1 2", "-"] {
        let mut app = App::default();
        app.update(Action::StartEdit);
        app.update(Action::EditClear);
        type_text(&mut app, text);
        app.update(Action::EditCommit);
        assert_eq!(app.vector().values(), DEFAULT_VALUES, "{text:?}");
        app.update(Action::EditCancel);
        assert_eq!(app.mode(), &Mode::Normal);
        assert_eq!(app.vector().values(), DEFAULT_VALUES, "{text:?}");
    }
}

#[test]
fn backspace_edits_the_prefilled_value_and_typing_replaces_it() {
    let mut app = App::default();
    run(&mut app, [Action::StartEdit, Action::EditBackspace]);
    type_text(&mut app, "5");
    app.update(Action::EditCommit);
    assert_eq!(app.vector().values()[0], 1.5);
    run(&mut app, [Action::StartEdit]);
    type_text(&mut app, "-3");
    app.update(Action::EditCommit);
    assert_eq!(app.vector().values()[0], -3.0);
}

#[test]
fn cancel_keeps_the_old_value() {
    let mut app = App::default();
    app.update(Action::StartEdit);
    type_text(&mut app, "7");
    app.update(Action::EditCancel);
    assert_eq!(app.vector().values()[0], 1.2);
    assert!(app.status().unwrap().text.contains("stays 1.2"));
}

#[test]
fn add_and_remove_stay_within_one_to_sixteen() {
    let mut app = app_with(&[1.0]);
    app.update(Action::RemoveElement);
    assert_eq!(app.vector().values(), [1.0]);
    assert_eq!(app.status().unwrap().kind, StatusKind::Error);
    for _ in 0..20 {
        app.update(Action::AddElement);
        app.update(Action::EditCommit);
    }
    assert_eq!(app.vector().values().len(), MAX_TYPED);
    app.update(Action::AddElement);
    assert_eq!(app.vector().values().len(), MAX_TYPED);
    assert_eq!(app.status().unwrap().kind, StatusKind::Error);
    for _ in 0..20 {
        app.update(Action::RemoveElement);
    }
    assert_eq!(app.vector().values().len(), MIN_ELEMENTS);
}

#[test]
fn the_picker_opens_a_tab_by_any_of_its_names() {
    let mut app = App::default();
    for (query, want) in [
        ("hard-swish", Some(Activation::HardSwish)),
        ("swish", Some(Activation::Silu)),
        ("gelu_tanh", Some(Activation::GeluTanh)),
        ("softm", None),
    ] {
        app.update(Action::OpenPicker);
        for c in query.chars() {
            app.update(Action::PickerInput(c));
        }
        app.update(Action::PickerChoose);
        assert_eq!(app.mode(), &Mode::Normal, "{query}");
        assert_eq!(app.activation(), want, "{query}");
    }
    app.update(Action::OpenPicker);
    for c in "zzz".chars() {
        app.update(Action::PickerInput(c));
    }
    app.update(Action::PickerChoose);
    assert!(matches!(app.mode(), Mode::Picker(_)));
    assert_eq!(app.status().unwrap().kind, StatusKind::Error);
    app.update(Action::PickerCancel);
    assert_eq!(app.mode(), &Mode::Normal);
    assert_eq!(app.tab(), Tab::Softmax);
}

#[test]
fn esc_after_add_removes_the_added_element() {
    let mut app = App::default();
    run(&mut app, [Action::SelectNext, Action::AddElement]);
    assert_eq!(app.vector().values(), [1.2, 0.9, 0.0, 0.4]);
    app.update(Action::EditCancel);
    assert_eq!(app.vector().values(), DEFAULT_VALUES);
    assert_eq!(app.vector().selected(), 1);
    assert!(app.status().unwrap().text.contains("removed"));
    // Esc after e keeps the element.
    run(
        &mut app,
        [
            Action::StartEdit,
            Action::EditInput('7'),
            Action::EditCancel,
        ],
    );
    assert_eq!(app.vector().values(), DEFAULT_VALUES);
}

#[test]
fn an_edit_error_goes_as_soon_as_the_field_is_valid() {
    let mut app = App::default();
    run(
        &mut app,
        [Action::StartEdit, Action::EditClear, Action::EditCommit],
    );
    assert_eq!(app.status().unwrap().kind, StatusKind::Error);
    type_text(&mut app, "-1.28");
    assert_eq!(app.status(), None, "the failed commit's message stayed");
    let Mode::Editing(edit) = app.mode() else {
        panic!("left the edit")
    };
    assert_eq!(edit.error, None);
}

#[test]
fn a_multi_line_paste_into_the_field_is_refused() {
    let mut app = App::default();
    app.update(Action::StartEdit);
    app.update(Action::Paste("1\n2".into()));
    let Mode::Editing(edit) = app.mode() else {
        panic!("left the edit")
    };
    assert_eq!(edit.buffer, "1.2");
    assert!(app.status().unwrap().text.contains("2 lines"));
}

#[test]
fn nudges_add_what_the_key_says_and_nothing_else() {
    let mut app = app_with(&[0.123_456_789_012_345_6]);
    app.update(Action::Nudge(0.1));
    assert_eq!(app.vector().values(), [0.223_456_789_012_345_6]);
    let mut app = app_with(&[1e16]);
    app.update(Action::Nudge(0.1));
    assert_eq!(app.vector().values(), [1e16]);
    let status = &app.status().unwrap().text;
    assert!(status.contains("under half the spacing"), "{status}");
}

#[test]
fn a_shift_that_would_change_the_probabilities_is_refused() {
    let mut app = app_with(&[1e16, 1e16 + 2.0]);
    app.update(Action::SelectTab(SOFTMAX_TAB));
    let before = analyse(&app).softmax.probabilities;
    app.update(Action::ShiftAll(1.0));
    assert_eq!(app.vector().values(), [1e16, 1e16 + 2.0]);
    assert_eq!(analyse(&app).softmax.probabilities, before);
    let status = app.status().unwrap();
    assert_eq!(status.kind, StatusKind::Error);
    assert!(status.text.contains("shift refused"), "{}", status.text);
    // An exact shift reports no change at all.
    let mut app = app_with(&[0.5, 0.25]);
    app.update(Action::ShiftAll(1.0));
    assert_eq!(app.vector().values(), [1.5, 1.25]);
    assert!(app.status().unwrap().text.contains("bit for bit"));
}

#[test]
fn selecting_an_element_brings_it_into_view() {
    let mut app = app_with(&[0.0, 40.0, -40.0]);
    for _ in 0..4 {
        app.update(Action::ZoomIn);
    }
    run(&mut app, [Action::SelectNext]);
    let (lo, hi) = app.view().window;
    assert!(lo <= 40.0 && 40.0 <= hi, "{lo} {hi}");
    run(&mut app, [Action::SelectNext]);
    let (lo, hi) = app.view().window;
    assert!(lo <= -40.0 && -40.0 <= hi, "{lo} {hi}");
}

#[test]
fn add_inserts_after_the_selection_and_edits_it() {
    let mut app = App::default();
    app.update(Action::AddElement);
    assert_eq!(app.vector().selected(), 1);
    type_text(&mut app, "3");
    app.update(Action::EditCommit);
    assert_eq!(app.vector().values(), [1.2, 3.0, 0.9, 0.4]);
}

#[test]
fn paste_replaces_the_vector_all_or_nothing() {
    let mut app = App::default();
    app.update(Action::Paste("[900, 1000, 1000]".into()));
    assert_eq!(app.vector().values(), [900.0, 1000.0, 1000.0]);
    let analysis = analyse(&app);
    assert!(analysis.softmax.naive_failed());
    assert_eq!(analysis.softmax.probabilities[1], 0.5);
    app.update(Action::Paste("1, 2, nan".into()));
    assert_eq!(app.vector().values(), [900.0, 1000.0, 1000.0]);
    assert!(app.status().unwrap().text.contains("\"nan\""));
    // Longer than a vector typed by hand: taken, labels too.
    app.update(Action::Paste(vec!["1"; 17].join(" ")));
    assert_eq!(app.vector().values().len(), 17);
    app.update(Action::Paste("cat=1.2 dog=0.9 bird=0.4".into()));
    assert_eq!(app.vector().labels().unwrap(), ["cat", "dog", "bird"]);
    assert_eq!(app.status().unwrap().text, "pasted 3 labelled numbers");
    let too_many = vec!["1"; MAX_ELEMENTS + 1].join(" ");
    app.update(Action::Paste(too_many));
    assert_eq!(app.vector().values().len(), 3);
    assert!(app.status().unwrap().text.contains("at most 1,000,000"));
    app.update(Action::Paste("5".into()));
    assert_eq!(app.vector().labels(), None);
    assert_eq!(app.vector().values(), [5.0]);
    assert_eq!(app.vector().selected(), 0);
}

#[test]
fn paste_while_editing_fills_the_field() {
    let mut app = App::default();
    app.update(Action::StartEdit);
    app.update(Action::Paste("  4.25\n".into()));
    app.update(Action::EditCommit);
    assert_eq!(app.vector().values()[0], 4.25);
}

#[test]
fn temperature_steps_and_reaches_argmax() {
    let mut app = App::default();
    app.update(Action::SelectTab(tab("softmax")));
    app.update(Action::ParamDown);
    assert_eq!(app.params().temperature().get(), 0.75);
    for _ in 0..10 {
        app.update(Action::ParamDown);
    }
    assert_eq!(app.params().temperature().get(), 0.0);
    assert_eq!(analyse(&app).softmax.probabilities, [1.0, 0.0, 0.0]);
    app.update(Action::ParamUp);
    assert_eq!(app.params().temperature().get(), 0.1);
}

#[test]
fn parameters_step_within_their_range() {
    let mut app = App::default();
    app.update(Action::SelectTab(tab("leaky_relu")));
    app.update(Action::ParamUp);
    assert_eq!(app.params().get(Activation::LeakyRelu), 0.02);
    app.update(Action::SelectTab(tab("softplus")));
    for _ in 0..10 {
        app.update(Action::ParamDown);
    }
    assert_eq!(app.params().get(Activation::Softplus), 0.25);
    assert_eq!(app.status().unwrap().kind, StatusKind::Error);
    app.update(Action::SelectTab(tab("gelu")));
    app.update(Action::ParamUp);
    assert_eq!(app.activation(), Some(Activation::GeluTanh));
    app.update(Action::SelectTab(tab("sigmoid")));
    app.update(Action::ParamUp);
    assert_eq!(app.status().unwrap().kind, StatusKind::Error);
}

#[test]
fn zoom_centres_on_the_selection_and_reset_restores() {
    let mut app = App::default();
    app.update(Action::ZoomIn);
    assert_eq!(app.view().window, (1.2 - 2.5, 1.2 + 2.5));
    app.update(Action::ResetView);
    assert_eq!(app.view().window, DEFAULT_WINDOW);
    for _ in 0..40 {
        app.update(Action::ZoomOut);
    }
    assert_eq!(app.view().window.1 - app.view().window.0, 2000.0);
}

#[test]
fn the_window_follows_a_value_that_leaves_it() {
    let mut app = App::default();
    app.update(Action::StartEdit);
    type_text(&mut app, "12");
    app.update(Action::EditCommit);
    let (lo, hi) = app.view().window;
    assert!(lo <= 12.0 && 12.0 <= hi);
}

#[test]
fn the_window_follows_the_selection_after_any_change_of_the_vector() {
    let in_view = |app: &App| {
        let (lo, hi) = app.view().window;
        let x = app.vector().selected_value();
        lo <= x && x <= hi
    };
    // Removing elements down to one far from the window the first one set.
    let mut app = app_with(&[-123.46, 0.1, 0.2, 0.4]);
    assert!(in_view(&app));
    while app.vector().len() > 1 {
        app.update(Action::RemoveElement);
        assert!(
            in_view(&app),
            "{:?} in {:?}",
            app.vector().values(),
            app.view().window
        );
    }
    // Selecting, shifting, pasting: each keeps the selection in view.
    let mut app = app_with(&[-123.46, 0.4]);
    for action in [
        Action::SelectNext,
        Action::SelectPrev,
        Action::ShiftAll(500.0),
        Action::Paste("3 -900".to_string()),
        Action::SelectRow(Scroll::Down),
        Action::RemoveElement,
    ] {
        app.update(action.clone());
        assert!(in_view(&app), "after {action:?}: {:?}", app.view().window);
    }
}

#[test]
fn settings_that_break_the_rules_fall_back() {
    let app = App::new(Settings {
        values: vec![f64::NAN],
        tab: 99,
        ..Settings::default()
    });
    assert_eq!(app.vector().values(), DEFAULT_VALUES);
    assert_eq!(app.params().temperature().get(), 1.0);
    assert_eq!(app.tab(), Tab::Formula, "past the last tab: the last");
    let app = App::new(Settings {
        tab: tab("leaky_relu"),
        param: Some(0.2),
        ..Settings::default()
    });
    assert_eq!(app.params().get(Activation::LeakyRelu), 0.2);
}

#[test]
fn the_window_starts_on_the_first_element() {
    let app = app_with(&[900.0, 1000.0]);
    let (lo, hi) = app.view().window;
    assert!(lo <= 900.0 && 900.0 <= hi);
    assert_eq!(App::default().view().window, DEFAULT_WINDOW);
}

#[test]
fn depth_steps_within_one_to_a_hundred_and_scales_the_gradient() {
    let mut app = App::default();
    assert_eq!(app.view().depth, DEFAULT_DEPTH);
    let analysis = analyse(&app);
    let d = Activation::Sigmoid.derivative(1.2, 0.0);
    let numbers = analysis.function().unwrap();
    assert_eq!(numbers.through_depth[0], d.powi(10));
    assert_eq!(numbers.depth_bound, Some(0.25f64.powi(10)));
    for _ in 0..200 {
        app.update(Action::DepthUp);
    }
    assert_eq!(app.view().depth, 100);
    for _ in 0..200 {
        app.update(Action::DepthDown);
    }
    assert_eq!(app.view().depth, 1);
}

#[test]
fn compare_cycles_past_the_current_activation_and_clears() {
    let mut app = App::default();
    app.update(Action::CycleCompare);
    assert_eq!(app.view().compare, Some(Activation::Step));
    app.update(Action::CycleCompare);
    assert_eq!(
        app.view().compare,
        Some(Activation::Tanh),
        "sigmoid itself is skipped"
    );
    app.update(Action::ClearCompare);
    assert_eq!(app.view().compare, None);
    for _ in 0..Activation::ALL.len() - 1 {
        app.update(Action::CycleCompare);
    }
    assert_eq!(app.view().compare, Activation::ALL.last().copied());
    app.update(Action::CycleCompare);
    assert_eq!(app.view().compare, None);
}

#[test]
fn the_command_line_reopens_the_state() {
    let mut app = App::default();
    assert_eq!(
        app.command_line(),
        "actscope --tab sigmoid --input '1.2 0.9 0.4'"
    );
    app.update(Action::SelectTab(tab("leaky_relu")));
    app.update(Action::ParamUp);
    app.update(Action::Nudge(-1.0));
    assert_eq!(
        app.command_line(),
        "actscope --tab leaky_relu --input '0.2 0.9 0.4' --param 0.02"
    );
    app.update(Action::SelectTab(tab("softmax")));
    app.update(Action::ParamDown);
    assert!(
        app.command_line()
            .ends_with("--tab softmax --input '0.2 0.9 0.4' --temperature 0.75")
    );
    app.update(Action::SelectTab(tab("gelu")));
    app.update(Action::ParamUp);
    assert!(app.command_line().starts_with("actscope --tab gelu_tanh "));
    app.update(Action::Share);
    assert_eq!(app.take_request(), Some(Request::Share));
    assert_eq!(app.take_request(), None);
}

#[test]
fn softmax_insights() {
    let mut app = App::default();
    app.update(Action::SelectTab(tab("softmax")));
    app.update(Action::ShiftAll(1.0));
    assert_eq!(app.vector().values(), [2.2, 1.9, 1.4]);
    let status = &app.status().unwrap().text;
    assert!(status.contains("probabilities unchanged"), "{status}");
    app.update(Action::CycleTarget);
    let analysis = analyse(&app);
    assert_eq!(app.view().target, Some(0));
    let softmax = &analysis.softmax;
    let target = softmax.target.as_ref().unwrap();
    assert_eq!(target.cross_entropy, -softmax.log_probabilities[0]);
    assert_eq!(target.gradient[0], softmax.probabilities[0] - 1.0);
    assert_eq!(target.gradient[1], softmax.probabilities[1]);
    assert!(target.gradient.iter().sum::<f64>().abs() < 1e-15);
    for _ in 0..3 {
        app.update(Action::CycleTarget);
    }
    assert_eq!(app.view().target, None);
    app.update(Action::Paste("0.5 0.2".into()));
    let analysis = analyse(&app);
    let pair = analysis.softmax.pair.unwrap();
    assert!((pair - analysis.softmax.probabilities[0]).abs() < 1e-15);
    app.update(Action::ToggleJacobian);
    assert!(app.view().jacobian);
}

#[test]
fn precision_cycles_and_flags_saturation() {
    let mut app = app_with(&[17.0, 0.5]);
    app.update(Action::CyclePrecision);
    assert_eq!(app.view().precision, Precision::F32);
    let analysis = analyse(&app);
    let low = analysis.function().unwrap().low.as_ref().unwrap();
    // Both models, NumPy first: f32 sigmoid(17) is exactly 1 in each.
    assert_eq!(low.models.len(), 2);
    for model in &low.models {
        assert_eq!(model.evaluations[0].0.value, 1.0);
        assert_eq!(model.evaluations[0].0.flag, precision::Flag::Saturated);
        assert_eq!(model.evaluations[1].0.flag, precision::Flag::Fine);
    }
    app.update(Action::CyclePrecision);
    app.update(Action::SelectTab(tab("softmax")));
    app.update(Action::Paste("12 1".into()));
    let Kind::Softmax(extras) = analyse(&app).kind else {
        panic!("not the softmax tab")
    };
    for (framework, forms, _) in extras.low.unwrap().models {
        assert!(
            forms.naive[0].is_nan(),
            "{framework:?}: f16 exp(12) overflows"
        );
        assert!(forms.probabilities[0] > 0.99, "the stable form holds");
    }
    for _ in 0..2 {
        app.update(Action::CyclePrecision);
    }
    assert_eq!(app.view().precision, Precision::F64);
    assert!(analyse(&app).function().is_none_or(|f| f.low.is_none()));
}

#[test]
fn tab_names_resolve() {
    assert_eq!(Tab::from_name("softmax"), Some((SOFTMAX_TAB, false)));
}

#[test]
fn help_and_quit() {
    let mut app = App::default();
    app.update(Action::ToggleHelp);
    assert_eq!(app.mode(), &Mode::Help(HelpView::default()));
    app.update(Action::ToggleHelp);
    assert_eq!(app.mode(), &Mode::Normal);
    app.update(Action::Quit);
    assert_eq!(app.take_request(), Some(Request::Quit));
}

#[test]
fn suspend_is_asked_for_once() {
    let mut app = App::default();
    assert_eq!(app.take_request(), None);
    app.update(Action::Suspend);
    assert_eq!(app.take_request(), Some(Request::Suspend));
    assert_eq!(app.take_request(), None);
}
