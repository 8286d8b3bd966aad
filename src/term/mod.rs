//! The terminal: raw mode and the alternate screen, restored on every way out, and the event loop.
//!
//! Raw mode and the alternate screen are taken on the way in, and everything is restored on every
//! way out (return, error, panic, SIGTERM, SIGHUP, SIGINT, Ctrl-Z, `kill -TSTP`). The event loop
//! redraws only after an event.

mod suspend;

use std::io::{self, BufWriter, Stdout, Write};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Duration;

use crate::backend::AnsiBackend;
use anyhow::{Context, Result};
use crossterm::clipboard::CopyToClipboard;
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
use ratatui::backend::Backend;
use ratatui::layout::Rect;
use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGSTOP, SIGTERM, SIGTSTP, SIGWINCH};
use signal_hook::iterator::Signals;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::action::Action;
use crate::app::{App, Request, Settings};
use crate::keymap;
use crate::theme::Theme;
use crate::ui;

/// The longest reopen command given inline; past it the vector goes to a file (Linux takes at
/// most 128 KiB in one argument, and a command that long is no use on screen).
const LONGEST_COMMAND: usize = 4096;

/// One frame is written in one go: fewer, larger writes over a slow link.
const WRITE_BUFFER: usize = 64 * 1024;

/// The backend the real terminal is drawn with.
type Ansi = AnsiBackend<BufWriter<Stdout>>;

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

/// The terminal's lock if it comes free within `wait`: a signal that ends the process does not
/// wait behind a frame that takes long to compute (the frame is drawn under the lock).
fn lock_terminal_within(wait: Duration) -> Option<MutexGuard<'static, ()>> {
    let start = std::time::Instant::now();
    loop {
        match TERMINAL.try_lock() {
            Ok(guard) => return Some(guard),
            Err(std::sync::TryLockError::Poisoned(poisoned)) => return Some(poisoned.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) if start.elapsed() < wait => {
                thread::sleep(Duration::from_millis(5));
            }
            Err(std::sync::TryLockError::WouldBlock) => return None,
        }
    }
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

/// Set when a stop from outside (`kill -TSTP`) gave the terminal back and took it again: the
/// loop repaints every cell.
static REPAINT: AtomicBool = AtomicBool::new(false);

/// Gives the terminal back, stops until continued (`fg`), then takes the terminal again. `false`
/// (and nothing done) when no job-control shell could continue the process.
fn stop_and_resume(mouse: bool) -> Result<bool> {
    if !suspend::can_stop() {
        return Ok(false);
    }
    let _terminal = lock_terminal();
    restore();
    // SIGSTOP, not SIGTSTP: SIGTSTP comes back to the handler below.
    signal_hook::low_level::raise(SIGSTOP).context("cannot suspend")?;
    setup(mouse)?;
    Ok(true)
}

/// On SIGTERM, SIGHUP (a dropped SSH connection), SIGINT or SIGQUIT: restore the terminal and
/// exit with 128 + the signal's number, as a shell reports a death by that signal. On SIGTSTP
/// from outside: stop as Ctrl-Z does, the terminal restored first, then wake the loop (a
/// SIGWINCH, which crossterm turns into a resize) to repaint.
fn handle_signals(mouse: bool) -> Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP])
        .context("cannot install signal handlers")?;
    thread::spawn(move || {
        for signal in signals.forever() {
            if signal == SIGTSTP {
                if let Ok(true) = stop_and_resume(mouse) {
                    REPAINT.store(true, Ordering::SeqCst);
                    let _ = signal_hook::low_level::raise(SIGWINCH);
                }
                continue;
            }
            // Half a second for a frame being written to finish, then out regardless.
            let _terminal = lock_terminal_within(Duration::from_millis(500));
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
    handle_signals(options.mouse)?;
    let _guard = Guard;
    setup(options.mouse)?;
    // crossterm starts listening for SIGWINCH when its event reader is first used: use it now,
    // before the first frame, or a resize between that frame and the first read is lost (the
    // signal's default action is to be ignored) and the screen stays at the old size.
    event::poll(Duration::ZERO).context("cannot read the terminal")?;
    let backend = AnsiBackend::new(BufWriter::with_capacity(WRITE_BUFFER, io::stdout()));
    let mut terminal = Terminal::new(backend).context("cannot size the terminal")?;
    let mut app = App::new(Settings {
        markers: options.theme.markers(),
        ..options.settings.clone()
    });
    let mut host = RealTerminal {
        mouse: options.mouse,
        kept: 0,
    };
    event_loop(
        &mut terminal,
        &mut app,
        &options.theme,
        options.mouse,
        &mut TerminalEvents,
        &mut host,
    )
}

/// Where events come from: the terminal, or a test's script.
pub trait Events {
    /// The next event, waiting for one.
    ///
    /// # Errors
    /// When the source cannot be read.
    fn next(&mut self) -> Result<Event>;

    /// Whether an event is waiting already.
    ///
    /// # Errors
    /// When the source cannot be read.
    fn ready(&mut self) -> Result<bool>;
}

/// The terminal's own events, through crossterm.
pub struct TerminalEvents;

impl Events for TerminalEvents {
    fn next(&mut self) -> Result<Event> {
        event::read().context("cannot read the terminal")
    }

    fn ready(&mut self) -> Result<bool> {
        event::poll(Duration::ZERO).context("cannot read the terminal")
    }
}

/// What only the owner of the terminal can do, on the app's request.
pub trait Host<B: Backend> {
    /// Gives the terminal back, stops, and takes it again on `fg` (Ctrl-Z); `false` when the
    /// process cannot be stopped (no job-control shell to continue it).
    ///
    /// # Errors
    /// When the terminal cannot be restored or set up again.
    fn suspend(&mut self, terminal: &mut Terminal<B>) -> Result<bool>;

    /// After something outside the loop wrote to the screen (a stop by `kill -TSTP`): forget
    /// what was drawn, so the next frame repaints every cell. Says whether it did.
    ///
    /// # Errors
    /// When the terminal's size cannot be read.
    fn take_repaint(&mut self, terminal: &mut Terminal<B>) -> Result<bool>;

    /// Puts `text` on the clipboard.
    ///
    /// # Errors
    /// When the terminal cannot be written.
    fn copy(&mut self, terminal: &mut Terminal<B>, text: &str) -> Result<()>;

    /// Keeps `text` (an edited vector too long for a command line) in a file and says where, for
    /// the reopen command to read it back.
    ///
    /// # Errors
    /// When the file cannot be written.
    fn keep(&mut self, text: &str) -> Result<String>;
}

/// The real terminal: raw mode, signals, OSC 52.
struct RealTerminal {
    mouse: bool,
    /// Vectors kept in files so far.
    kept: usize,
}

/// Forgets what was drawn: the next frame writes every cell.
fn forget_screen(terminal: &mut Terminal<Ansi>) -> Result<()> {
    terminal.backend_mut().forget_cursor();
    let size = terminal.size()?;
    terminal.resize(Rect::new(0, 0, size.width, size.height))?;
    Ok(())
}

impl Host<Ansi> for RealTerminal {
    fn suspend(&mut self, terminal: &mut Terminal<Ansi>) -> Result<bool> {
        if !stop_and_resume(self.mouse)? {
            return Ok(false);
        }
        // Running again: the screen may hold anything.
        forget_screen(terminal)?;
        Ok(true)
    }

    fn take_repaint(&mut self, terminal: &mut Terminal<Ansi>) -> Result<bool> {
        if !REPAINT.swap(false, Ordering::SeqCst) {
            return Ok(false);
        }
        forget_screen(terminal)?;
        Ok(true)
    }

    /// OSC 52 travels with the output, so it reaches the local clipboard through SSH and tmux
    /// (`set-clipboard on`).
    fn copy(&mut self, terminal: &mut Terminal<Ansi>, text: &str) -> Result<()> {
        let _terminal = lock_terminal();
        let writer = terminal.backend_mut().writer_mut();
        queue!(writer, CopyToClipboard::to_clipboard_from(text))?;
        writer.flush()?;
        Ok(())
    }

    /// In the temporary directory, named by the process and a count: `actscope-4242-1.json`.
    fn keep(&mut self, text: &str) -> Result<String> {
        self.kept += 1;
        let path = std::env::temp_dir().join(format!(
            "actscope-{}-{}.json",
            std::process::id(),
            self.kept
        ));
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(path.to_string_lossy().into_owned())
    }
}

/// Draws, then reads events until the app asks to quit. Redraws only after an event that may
/// change the screen, and applies everything already waiting before one redraw, so a paste
/// burst or a key held down over a slow link costs one frame, not one per key; idle costs
/// nothing and writes nothing.
///
/// # Errors
/// When the events cannot be read or the terminal written.
pub fn event_loop<B: Backend, E: Events, H: Host<B>>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    theme: &Theme,
    mouse: bool,
    events: &mut E,
    host: &mut H,
) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    draw(terminal, app, theme)?;
    loop {
        let mut redraw = false;
        let mut event = events.next()?;
        loop {
            redraw |= apply(terminal, app, theme, mouse, &event)?;
            redraw |= host.take_repaint(terminal)?;
            match app.take_request() {
                Some(Request::Quit) => return Ok(()),
                Some(Request::Suspend) => {
                    let stopped = host.suspend(terminal)?;
                    app.suspended(stopped);
                    redraw = true;
                }
                Some(Request::Share) => {
                    let size = terminal.size()?;
                    // An edited long vector does not fit a command line: kept in a file.
                    let mut line = app.command_line();
                    if line.len() > LONGEST_COMMAND
                        && let Ok(path) = host.keep(&app.vector_json())
                    {
                        line = app.command_line_reading(&path);
                    }
                    let text = format!(
                        "{}\n{line}\n",
                        ui::screen_text(app, theme, size.width, size.height).trim_end(),
                    );
                    host.copy(terminal, &text)?;
                    app.shared(text.len(), &line);
                    redraw = true;
                }
                None => {}
            }
            if !events.ready()? {
                break;
            }
            event = events.next()?;
        }
        if redraw {
            draw(terminal, app, theme)?;
        }
    }
}

fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &App, theme: &Theme) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let _terminal = lock_terminal();
    terminal.draw(|frame| ui::render(app, theme, frame))?;
    Ok(())
}

/// Applies one event; says whether the screen needs drawing again.
fn apply<B: Backend>(
    terminal: &Terminal<B>,
    app: &mut App,
    theme: &Theme,
    mouse: bool,
    event: &Event,
) -> Result<bool>
where
    B::Error: Send + Sync + 'static,
{
    let action = match event {
        Event::Mouse(event) if mouse => {
            let size = terminal.size()?;
            let area = Rect::new(0, 0, size.width, size.height);
            let hit = ui::hit_test(app, theme, area, event.column, event.row);
            keymap::action_for_mouse(event, app.mode(), hit)
        }
        _ => keymap::action_for_event(event, app.mode()),
    };
    let redraw = action.is_some();
    if let Some(action) = action {
        app.update(action);
    }
    Ok(redraw)
}
