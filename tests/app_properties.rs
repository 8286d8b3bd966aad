//! Tests: random action sequences never break the app.
//!
//! The app never panics, never holds a non-finite value, keeps 1 to 16 elements, and draws at any
//! size.

use actscope::action::Action;
use actscope::analysis::Analysis;
use actscope::app::{App, MAX_ELEMENTS, MIN_ELEMENTS, Mode};
use actscope::theme::Theme;
use actscope::ui;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[-+0-9.,e \\[\\]nafi]{0,24}",
        Just("[900, 1000, 1000]".to_string()),
        Just("1e999".to_string()),
        Just("1e308 1e308".to_string()),
        Just("-0".to_string()),
        ".{0,12}",
    ]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        Just(Action::NextTab),
        Just(Action::PrevTab),
        (0usize..14).prop_map(Action::SelectTab),
        Just(Action::SelectNext),
        Just(Action::SelectPrev),
        prop_oneof![
            Just(0.1),
            Just(-1.0),
            Just(f64::MAX),
            Just(-f64::MAX),
            any::<f64>(),
        ]
        .prop_map(Action::Nudge),
        Just(Action::StartEdit),
        any::<char>().prop_map(Action::EditInput),
        "[0-9.e-]".prop_map(|s| Action::EditInput(s.chars().next().unwrap_or('1'))),
        Just(Action::EditBackspace),
        Just(Action::EditClear),
        Just(Action::EditCommit),
        Just(Action::EditCancel),
        Just(Action::AddElement),
        Just(Action::RemoveElement),
        text().prop_map(Action::Paste),
        Just(Action::ParamUp),
        Just(Action::ParamDown),
        Just(Action::ZoomIn),
        Just(Action::ZoomOut),
        Just(Action::ResetView),
        Just(Action::ToggleDerivative),
        Just(Action::CycleMarker),
        Just(Action::ToggleHelp),
        Just(Action::DepthUp),
        Just(Action::DepthDown),
        Just(Action::CycleCompare),
        Just(Action::ClearCompare),
        Just(Action::Share),
        Just(Action::ShiftAll(1.0)),
        Just(Action::ShiftAll(-1e308)),
        Just(Action::CycleTarget),
        Just(Action::ToggleJacobian),
        Just(Action::CyclePrecision),
    ]
}

fn check_invariants(app: &App) -> Result<(), TestCaseError> {
    let n = app.vector().len();
    prop_assert!((MIN_ELEMENTS..=MAX_ELEMENTS).contains(&n), "{n} elements");
    prop_assert!(app.vector().selected() < n);
    prop_assert!(
        app.vector().values().iter().all(|v| v.is_finite()),
        "{:?}",
        app.vector().values()
    );
    let t = app.params().temperature().get();
    prop_assert!(t.is_finite() && t >= 0.0);
    let (lo, hi) = app.view().window;
    prop_assert!(
        lo.is_finite() && hi.is_finite() && lo < hi,
        "window {lo} {hi}"
    );
    let softmax = Analysis::new(app, 41).softmax;
    prop_assert!(
        softmax
            .probabilities
            .iter()
            .all(|p| (0.0..=1.0).contains(p))
    );
    prop_assert!((softmax.sum - 1.0).abs() < 1e-9, "sum {}", softmax.sum);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_actions_keep_the_app_sound(actions in prop::collection::vec(action(), 0..80)) {
        let mut app = App::default();
        for action in actions {
            app.update(action);
            check_invariants(&app)?;
        }
    }

    #[test]
    fn random_actions_draw_at_any_size(
        actions in prop::collection::vec(action(), 0..30),
        sizes in prop::collection::vec((0u16..=300, 0u16..=100), 1..4),
        unicode in any::<bool>(),
        color in any::<bool>(),
    ) {
        let theme = Theme::new(color, unicode);
        let mut app = App::default();
        for action in actions {
            app.update(action);
        }
        for (width, height) in sizes {
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            terminal.draw(|frame| ui::render(&app, &theme, frame)).unwrap();
        }
        if matches!(app.mode(), Mode::Editing(_)) {
            app.update(Action::EditCancel);
            prop_assert_eq!(app.mode(), &Mode::Normal);
        }
    }
}

mod keys {
    use actscope::app::{App, Request};
    use actscope::keymap::action_for_key;
    use actscope::theme::Theme;
    use actscope::ui;
    use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
    use proptest::prelude::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn key() -> impl Strategy<Value = KeyEvent> {
        let code = prop_oneof![
            any::<char>().prop_map(KeyCode::Char),
            "[-+0-9a-z.\\[\\]?=_ ]".prop_map(|s| KeyCode::Char(s.chars().next().unwrap_or('a'))),
            Just(KeyCode::Enter),
            Just(KeyCode::Esc),
            Just(KeyCode::Tab),
            Just(KeyCode::BackTab),
            Just(KeyCode::Backspace),
            Just(KeyCode::Delete),
            Just(KeyCode::Insert),
            Just(KeyCode::Left),
            Just(KeyCode::Right),
            Just(KeyCode::Up),
            Just(KeyCode::Down),
            Just(KeyCode::Home),
            (1u8..13).prop_map(KeyCode::F),
        ];
        let modifiers = prop_oneof![
            Just(KeyModifiers::NONE),
            Just(KeyModifiers::SHIFT),
            Just(KeyModifiers::CONTROL),
            Just(KeyModifiers::ALT),
        ];
        let kind = prop_oneof![
            8 => Just(KeyEventKind::Press),
            1 => Just(KeyEventKind::Release),
            1 => Just(KeyEventKind::Repeat),
        ];
        (code, modifiers, kind).prop_map(|(code, modifiers, kind)| {
            let mut event = KeyEvent::new(code, modifiers);
            event.kind = kind;
            event
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn random_keys_at_random_sizes_never_panic(
            keys in prop::collection::vec(key(), 0..60),
            width in 0u16..=300,
            height in 0u16..=100,
            unicode in any::<bool>(),
        ) {
            let theme = Theme::new(true, unicode);
            let mut app = App::default();
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            for key in keys {
                if let Some(action) = action_for_key(key, app.mode()) {
                    app.update(action);
                }
                if app.take_request() == Some(Request::Quit) {
                    break;
                }
                prop_assert!(app.vector().values().iter().all(|v| v.is_finite()));
                terminal.draw(|frame| ui::render(&app, &theme, frame)).unwrap();
            }
        }
    }
}
