//! The screen as drawn on ratatui's TestBackend: snapshots of every tab and mode, and every size
//! from nothing up drawn without a panic.

use actscope::action::Action;
use actscope::app::{App, Settings, TABS};
use actscope::theme::Theme;
use actscope::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const UNICODE: Theme = Theme {
    color: true,
    unicode: true,
};

fn draw(app: &App, theme: &Theme, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| ui::render(app, theme, frame))
        .expect("draw");
    if width == 0 {
        // TestBackend cannot print a zero-width buffer; drawing it was the test.
        return String::new();
    }
    terminal.backend().to_string()
}

fn app_after(actions: impl IntoIterator<Item = Action>) -> App {
    let mut app = App::default();
    for action in actions {
        app.update(action);
    }
    app
}

#[test]
fn every_tab_at_100x30() {
    for (index, tab) in TABS.iter().enumerate() {
        let app = app_after([Action::SelectTab(index)]);
        let name = format!("tab_{index:02}_{}", tab.label().to_lowercase());
        insta::assert_snapshot!(name, draw(&app, &UNICODE, 100, 30));
    }
}

#[test]
fn the_seed_vector_shows_its_percentages() {
    let screen = draw(&App::default(), &UNICODE, 100, 30);
    for needle in ["45.66 %", "33.83 %", "20.52 %", "Sigmoid", "Softmax"] {
        assert!(screen.contains(needle), "{needle} missing:\n{screen}");
    }
}

#[test]
fn edit_mode_with_an_invalid_entry() {
    let mut app = app_after([Action::StartEdit]);
    for c in "1e999".chars() {
        app.update(Action::EditInput(c));
    }
    let screen = draw(&app, &UNICODE, 100, 30);
    assert!(screen.contains("too large"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn help_overlay() {
    let app = app_after([Action::ToggleHelp]);
    insta::assert_snapshot!(draw(&app, &UNICODE, 100, 30));
}

#[test]
fn at_80x24() {
    insta::assert_snapshot!(draw(&App::default(), &UNICODE, 80, 24));
}

#[test]
fn softmax_overflow_lesson() {
    let app = app_after([
        Action::SelectTab(10),
        Action::Paste("[900, 1000, 1000]".into()),
    ]);
    let screen = draw(&app, &UNICODE, 100, 30);
    assert!(screen.contains("NaN"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn ascii_without_colour() {
    let theme = Theme {
        color: false,
        unicode: false,
    };
    let app = App::new(Settings {
        marker: actscope::app::MarkerKind::Ascii,
        ..Settings::default()
    });
    let screen = draw(&app, &theme, 100, 30);
    assert!(screen.is_ascii(), "non-ASCII on an ASCII screen:\n{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn tiny_sizes_never_panic() {
    let apps = [
        App::default(),
        app_after([Action::SelectTab(10)]),
        app_after([Action::ToggleHelp]),
        app_after([Action::StartEdit, Action::EditInput('x')]),
    ];
    for app in &apps {
        for width in 0..=42 {
            for height in 0..=16 {
                let _ = draw(app, &UNICODE, width, height);
            }
        }
    }
    let small = draw(&App::default(), &UNICODE, 30, 10);
    assert!(small.contains("terminal too small"), "{small}");
}
