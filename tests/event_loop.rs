//! Tests of the event loop in process, drawn on ratatui's TestBackend.
//!
//! Scripted terminal events go into `term::event_loop`, with a host that records what only a real
//! terminal would do.

use std::collections::VecDeque;

use actscope::app::{App, Settings};
use actscope::term::{self, Events, Host};
use actscope::theme::Theme;
use anyhow::{Result, bail};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Events from a script; running out of them is an error (the app should have quit by then).
struct Script {
    events: VecDeque<Event>,
    /// How many times the loop asked for an event (read or poll).
    reads: usize,
}

impl Script {
    fn new(events: impl IntoIterator<Item = Event>) -> Script {
        Script {
            events: events.into_iter().collect(),
            reads: 0,
        }
    }
}

impl Events for Script {
    fn next(&mut self) -> Result<Event> {
        self.reads += 1;
        match self.events.pop_front() {
            Some(event) => Ok(event),
            None => bail!("the script ran out before the app quit"),
        }
    }

    fn ready(&mut self) -> Result<bool> {
        Ok(!self.events.is_empty())
    }
}

/// Records suspends and clipboard copies.
#[derive(Default)]
struct Recorder {
    suspends: usize,
    copies: Vec<String>,
    kept: Vec<String>,
}

impl Host<TestBackend> for Recorder {
    fn suspend(&mut self, _terminal: &mut Terminal<TestBackend>) -> Result<bool> {
        self.suspends += 1;
        Ok(true)
    }

    fn take_repaint(&mut self, _terminal: &mut Terminal<TestBackend>) -> Result<bool> {
        Ok(false)
    }

    fn copy(&mut self, _terminal: &mut Terminal<TestBackend>, text: &str) -> Result<()> {
        self.copies.push(text.to_string());
        Ok(())
    }

    fn keep(&mut self, text: &str) -> Result<String> {
        self.kept.push(text.to_string());
        Ok(format!("/kept/{}.json", self.kept.len()))
    }
}

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn special(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

const THEME: Theme = Theme::new(true, true);

/// Runs `events` through the loop on a `width` x `height` test terminal.
fn run(
    settings: Settings,
    events: Vec<Event>,
    width: u16,
    height: u16,
) -> (Result<()>, App, Terminal<TestBackend>, Recorder) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    let mut app = App::new(settings);
    let mut host = Recorder::default();
    let mut script = Script::new(events);
    let result = term::event_loop(
        &mut terminal,
        &mut app,
        &THEME,
        false,
        &mut script,
        &mut host,
    );
    (result, app, terminal, host)
}

fn screen(terminal: &Terminal<TestBackend>) -> String {
    terminal.backend().to_string()
}

#[test]
fn keys_edit_the_vector_and_q_quits() {
    let events = vec![
        key('e'),
        special(KeyCode::Backspace),
        special(KeyCode::Backspace),
        special(KeyCode::Backspace),
        key('2'),
        key('.'),
        key('5'),
        special(KeyCode::Enter),
        key('q'),
    ];
    let (result, app, _terminal, _host) = run(Settings::default(), events, 100, 30);
    result.expect("quit cleanly");
    assert_eq!(app.vector().values(), [2.5, 0.9, 0.4]);
}

#[test]
fn the_screen_follows_a_paste_and_a_resize() {
    let events = vec![
        Event::Paste("[900, 1000, 1000]".into()),
        key('0'),
        special(KeyCode::BackTab),
        Event::Resize(80, 24),
    ];
    let (result, app, terminal, _host) = run(Settings::default(), events, 100, 30);
    assert!(result.is_err(), "the script ends without q");
    assert_eq!(app.vector().values(), [900.0, 1000.0, 1000.0]);
    let screen = screen(&terminal);
    assert!(screen.contains("50.00 %"), "{screen}");
    // 0 opens the tenth tab (ReLU²), Shift-Tab the one before it.
    assert!(screen.contains("ReLU6"), "{screen}");
}

#[test]
fn share_goes_to_the_host_with_the_screen_and_the_command_line() {
    let (result, app, terminal, host) = run(Settings::default(), vec![key('7'), key('y')], 100, 30);
    assert!(result.is_err(), "the script ends without q");
    let [copied] = host.copies.as_slice() else {
        panic!("one copy, got {:?}", host.copies)
    };
    assert!(copied.contains("ReLU"), "{copied}");
    assert!(
        copied
            .trim_end()
            .ends_with("actscope --tab relu --input '1.2 0.9 0.4'"),
        "{copied}"
    );
    let status = &app.status().expect("a status").text;
    assert!(
        status.starts_with(&format!("copied {} bytes", copied.len())),
        "{status}"
    );
    assert!(screen(&terminal).contains("copied "));
}

/// An edited vector too long for a command line is kept in a file the reopen command reads.
#[test]
fn a_long_edited_vector_is_kept_in_a_file() {
    let settings = Settings {
        values: (0..5000).map(f64::from).collect(),
        ..Settings::default()
    };
    let (result, app, _terminal, host) = run(settings, vec![key('l'), key('y')], 100, 30);
    assert!(result.is_err(), "the script ends without q");
    let [kept] = host.kept.as_slice() else {
        panic!("one file, got {}", host.kept.len())
    };
    let read = actscope::input::parse_text(kept).expect("the file reads back");
    assert_eq!(read.values, app.vector().values());
    let [copied] = host.copies.as_slice() else {
        panic!("one copy")
    };
    assert!(
        copied.trim_end().ends_with("--input-file /kept/1.json"),
        "{}",
        copied.lines().last().unwrap_or_default()
    );
    assert!(
        app.status()
            .unwrap()
            .text
            .contains("--input-file /kept/1.json")
    );
}

#[test]
fn suspend_goes_to_the_host() {
    let ctrl_z = Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
    let (result, _app, _terminal, host) = run(Settings::default(), vec![ctrl_z, key('q')], 100, 30);
    result.expect("quit cleanly");
    assert_eq!(host.suspends, 1);
    assert!(host.copies.is_empty());
}

#[test]
fn a_burst_of_events_is_applied_before_one_redraw() {
    // Twenty nudges queued at once: the loop reads them all (one blocking read, then polls)
    // before it draws again, so the value moves by 2.0 and the loop read each event once.
    let mut events: Vec<Event> = std::iter::repeat_n(key('l'), 20).collect();
    events.push(key('q'));
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("test terminal");
    let mut app = App::default();
    let mut host = Recorder::default();
    let mut script = Script::new(events);
    term::event_loop(
        &mut terminal,
        &mut app,
        &THEME,
        false,
        &mut script,
        &mut host,
    )
    .expect("quit cleanly");
    assert!((app.vector().values()[0] - 3.2).abs() < 1e-12);
    assert_eq!(script.reads, 21);
}
