//! The terminal: raw mode and the alternate screen on the way in, everything restored on every
//! way out (return, error, panic), and the event loop that redraws only after an event.

use std::io::{self, BufWriter, Stdout, Write};

use anyhow::{Context, Result};
use crossterm::cursor::{Hide, Show};
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{execute, queue};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::{App, Settings};
use crate::keymap;
use crate::theme::Theme;
use crate::ui;

/// One frame is written in one go: fewer, larger writes over a slow link.
const WRITE_BUFFER: usize = 64 * 1024;

type Backend = CrosstermBackend<BufWriter<Stdout>>;

/// Puts the terminal back as it was: paste mode off, main screen, cursor shown, raw mode off.
/// Safe to call more than once and from a panic hook.
pub fn restore() {
    let mut stdout = io::stdout();
    let _ = execute!(stdout, DisableBracketedPaste, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
    let _ = stdout.flush();
}

/// Restores the terminal when dropped, whatever the way out.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

fn enter() -> Result<Guard> {
    enable_raw_mode().context("cannot put the terminal in raw mode")?;
    let guard = Guard;
    let mut stdout = io::stdout();
    queue!(stdout, EnterAlternateScreen, EnableBracketedPaste, Hide)?;
    stdout.flush()?;
    Ok(guard)
}

/// Makes a panic restore the terminal first, so its message lands on a normal screen.
fn restore_on_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Runs the explorer until the user quits.
///
/// # Errors
/// When the terminal cannot be set up, read or written.
pub fn run(settings: Settings, theme: &Theme) -> Result<()> {
    restore_on_panic();
    let _guard = enter()?;
    let backend = CrosstermBackend::new(BufWriter::with_capacity(WRITE_BUFFER, io::stdout()));
    let mut terminal = Terminal::new(backend).context("cannot size the terminal")?;
    let mut app = App::new(settings);
    event_loop(&mut terminal, &mut app, theme)
}

fn event_loop(terminal: &mut Terminal<Backend>, app: &mut App, theme: &Theme) -> Result<()> {
    terminal.draw(|frame| ui::render(app, theme, frame))?;
    loop {
        // Blocks until something happens: idle costs nothing and writes nothing.
        let event = event::read().context("cannot read the terminal")?;
        let action = keymap::action_for_event(&event, app.mode());
        let redraw = action.is_some() || matches!(event, Event::Resize(..));
        if let Some(action) = action {
            app.update(action);
        }
        if app.should_quit() {
            return Ok(());
        }
        if redraw {
            terminal.draw(|frame| ui::render(app, theme, frame))?;
        }
    }
}
