//! The terminal: raw mode and the alternate screen on the way in, everything restored on every
//! way out (return, error, panic, SIGTERM, SIGHUP, SIGINT, Ctrl-Z), and the event loop that
//! redraws only after an event.

use std::io::{self, BufWriter, Stdout, Write};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Duration;

use crate::backend::AnsiBackend;
use anyhow::{Context, Result};
use crossterm::cursor::{Hide, Show};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{execute, queue};
use ratatui::Terminal;
use ratatui::layout::Rect;
use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use crate::app::{App, Settings};
use crate::keymap;
use crate::theme::Theme;
use crate::ui;

/// One frame is written in one go: fewer, larger writes over a slow link.
const WRITE_BUFFER: usize = 64 * 1024;

type Backend = AnsiBackend<BufWriter<Stdout>>;

/// Puts the terminal back as it was: paste mode off, main screen, cursor shown, raw mode off.
/// Safe to call more than once and from a panic hook.
pub fn restore() {
    let mut stdout = io::stdout();
    let _ = execute!(
        stdout,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        Show
    );
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

/// Held while a frame is written and while a signal restores the terminal, so the two never
/// interleave.
static TERMINAL: Mutex<()> = Mutex::new(());

fn lock_terminal() -> MutexGuard<'static, ()> {
    TERMINAL.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Raw mode, the alternate screen, bracketed paste (and the mouse if asked), cursor hidden.
fn setup(mouse: bool) -> Result<()> {
    enable_raw_mode().context("cannot put the terminal in raw mode")?;
    let mut stdout = io::stdout();
    queue!(stdout, EnterAlternateScreen, EnableBracketedPaste, Hide)?;
    if mouse {
        queue!(stdout, EnableMouseCapture)?;
    }
    stdout.flush()?;
    Ok(())
}

/// Makes a panic restore the terminal first, so its message lands on a normal screen.
fn restore_on_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// On SIGTERM, SIGHUP (a dropped SSH connection), SIGINT or SIGQUIT: restore the terminal and
/// exit with 128 + the signal's number, as a shell reports a death by that signal.
fn exit_on_signals() -> Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
        .context("cannot install signal handlers")?;
    thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _terminal = lock_terminal();
            restore();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// How the explorer runs: what to start with, how it looks, whether the mouse is used.
pub struct Options {
    /// The starting state.
    pub settings: Settings,
    /// Colour and Unicode.
    pub theme: Theme,
    /// Capture the mouse (click to select, wheel to nudge).
    pub mouse: bool,
}

/// Runs the explorer until the user quits.
///
/// # Errors
/// When the terminal cannot be set up, read or written.
pub fn run(options: &Options) -> Result<()> {
    restore_on_panic();
    exit_on_signals()?;
    let _guard = Guard;
    setup(options.mouse)?;
    let backend = AnsiBackend::new(BufWriter::with_capacity(WRITE_BUFFER, io::stdout()));
    let mut terminal = Terminal::new(backend).context("cannot size the terminal")?;
    let mut app = App::new(options.settings.clone());
    event_loop(&mut terminal, &mut app, options)
}

fn draw(terminal: &mut Terminal<Backend>, app: &App, theme: &Theme) -> Result<()> {
    let _terminal = lock_terminal();
    terminal.draw(|frame| ui::render(app, theme, frame))?;
    Ok(())
}

fn event_loop(terminal: &mut Terminal<Backend>, app: &mut App, options: &Options) -> Result<()> {
    draw(terminal, app, &options.theme)?;
    loop {
        // Blocks until something happens: idle costs nothing and writes nothing. Then everything
        // already waiting is applied before one redraw, so a paste burst or a key held down over
        // a slow link costs one frame, not one per key.
        let mut redraw = false;
        let mut event = event::read().context("cannot read the terminal")?;
        loop {
            redraw |= apply(terminal, app, options, &event)?;
            if app.should_quit() {
                return Ok(());
            }
            if app.take_suspend() {
                suspend(terminal, options.mouse)?;
                redraw = true;
            }
            if app.take_share() {
                let size = terminal.size()?;
                let text = format!(
                    "{}\n{}\n",
                    ui::screen_text(app, &options.theme, size.width, size.height).trim_end(),
                    app.command_line()
                );
                copy_to_clipboard(terminal, &text)?;
                app.shared(text.len());
                redraw = true;
            }
            if !event::poll(Duration::ZERO).context("cannot read the terminal")? {
                break;
            }
            event = event::read().context("cannot read the terminal")?;
        }
        if redraw {
            draw(terminal, app, &options.theme)?;
        }
    }
}

/// Applies one event; says whether the screen needs drawing again.
fn apply(
    terminal: &Terminal<Backend>,
    app: &mut App,
    options: &Options,
    event: &Event,
) -> Result<bool> {
    let action = match event {
        Event::Mouse(mouse) if options.mouse => {
            let size = terminal.size()?;
            ui::action_for_mouse(app, Rect::new(0, 0, size.width, size.height), mouse)
        }
        _ => keymap::action_for_event(event, app.mode()),
    };
    let redraw = action.is_some() || matches!(event, Event::Resize(..));
    if let Some(action) = action {
        app.update(action);
    }
    Ok(redraw)
}

/// Sends `text` to the terminal's clipboard with OSC 52 (`ESC ] 52 ; c ; base64 BEL`): it travels
/// with the output, so it reaches the local clipboard through SSH and tmux (`set-clipboard on`).
fn copy_to_clipboard(terminal: &mut Terminal<Backend>, text: &str) -> Result<()> {
    let _terminal = lock_terminal();
    let sequence = format!("\x1b]52;c;{}\x07", crate::format::base64(text.as_bytes()));
    let writer = terminal.backend_mut().writer_mut();
    writer.write_all(sequence.as_bytes())?;
    writer.flush()?;
    Ok(())
}

/// Ctrl-Z: give the terminal back, stop; on `fg`, take it again and repaint every cell.
fn suspend(terminal: &mut Terminal<Backend>, mouse: bool) -> Result<()> {
    {
        let _terminal = lock_terminal();
        restore();
    }
    signal_hook::low_level::raise(SIGTSTP).context("cannot suspend")?;
    // Running again: the screen may hold anything, so forget what was drawn.
    setup(mouse)?;
    terminal.backend_mut().forget_cursor();
    let size = terminal.size()?;
    terminal.resize(Rect::new(0, 0, size.width, size.height))?;
    Ok(())
}
