//! Prints one frame of the explorer as text, for looking at a layout without a terminal.
//!
//! Run it as `cargo run --example dump_screen -- WIDTH HEIGHT [--ascii] [--no-color] [--paste TEXT]
//! [--file PATH] [KEYS...]`. Each KEYS argument is typed key by key (`0fff]]` opens the Softmax tab
//! and raises min-p twice); `<PgDn>`, `<End>`, `<Tab>` and `<Enter>` name keys.

use actscope::action::Action;
use actscope::app::{App, Settings};
use actscope::keymap::action_for_key;
use actscope::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::{Terminal, backend::TestBackend};

fn main() {
    let mut args = std::env::args().skip(1);
    let width: u16 = args.next().and_then(|a| a.parse().ok()).expect("WIDTH");
    let height: u16 = args.next().and_then(|a| a.parse().ok()).expect("HEIGHT");
    let (mut unicode, mut color) = (true, true);
    let mut settings = Settings::default();
    let mut steps: Vec<Action> = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--ascii" => unicode = false,
            "--no-color" => color = false,
            "--paste" => steps.push(Action::Paste(args.next().expect("TEXT"))),
            "--file" => {
                let bytes = std::fs::read(args.next().expect("PATH")).expect("readable");
                let vector = actscope::input::parse_bytes(&bytes).expect("a vector");
                settings.values = vector.values;
                settings.labels = vector.labels;
            }
            keys => steps.extend(typed(keys)),
        }
    }
    let mut app = App::new(settings);
    app.update(Action::Resize(width, height));
    for step in steps {
        let step = match step {
            Action::EditInput(c) => action_for_key(
                KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                app.mode(),
            ),
            Action::Resize(code, _) => action_for_key(named(code), app.mode()),
            other => Some(other),
        };
        if let Some(action) = step {
            app.update(action);
        }
    }
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|frame| actscope::ui::render(&app, &Theme::new(color, unicode), frame))
        .expect("drawn");
    print!(
        "{}",
        actscope::ui::buffer_to_text(terminal.backend().buffer(), false)
    );
}

/// The keys of `text`: characters, and `<Name>` for a named key (carried as a `Resize` whose
/// first field indexes [`NAMES`], to be mapped once the mode is known).
fn typed(text: &str) -> Vec<Action> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
            && let Some(at) = NAMES.iter().position(|n| *n == &rest[1..end])
        {
            out.push(Action::Resize(u16::try_from(at).unwrap_or(0), 0));
            rest = &rest[end + 1..];
            continue;
        }
        out.push(Action::EditInput(c));
        rest = &rest[c.len_utf8()..];
    }
    out
}

const NAMES: [&str; 7] = ["PgDn", "PgUp", "End", "Home", "Tab", "Enter", "Esc"];

fn named(at: u16) -> KeyEvent {
    let code = match NAMES[usize::from(at)] {
        "PgDn" => KeyCode::PageDown,
        "PgUp" => KeyCode::PageUp,
        "End" => KeyCode::End,
        "Home" => KeyCode::Home,
        "Tab" => KeyCode::Tab,
        "Enter" => KeyCode::Enter,
        _ => KeyCode::Esc,
    };
    KeyEvent::new(code, KeyModifiers::NONE)
}
