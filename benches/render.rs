//! The explorer's cost per frame and per keystroke (`cargo bench --bench render`):
//! a frame rendered on TestBackend at 100x30 and 200x60, and the bytes the explorer's backend
//! (AnsiBackend, as over a real terminal) writes for a keystroke after the first frame (printed
//! once, then timed).

use std::cell::Cell;
use std::hint::black_box;
use std::io::{self, Write};
use std::rc::Rc;

use actscope::action::Action;
use actscope::app::App;
use actscope::backend::AnsiBackend;
use actscope::theme::Theme;
use actscope::ui;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const THEME: Theme = Theme::new(true, true);

/// A writer that only counts what passes through (the count shared with the caller).
#[derive(Default, Clone)]
struct Counter {
    bytes: Rc<Cell<usize>>,
}

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes.set(self.bytes.get() + buf.len());
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn frames(c: &mut Criterion) {
    for (width, height) in [(100, 30), (200, 60)] {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        let app = App::default();
        c.bench_function(&format!("frame {width}x{height}"), |b| {
            b.iter(|| {
                terminal
                    .draw(|frame| ui::render(black_box(&app), &THEME, frame))
                    .unwrap();
            });
        });
    }
}

/// Bytes written for the frame after `action`, the first frame already on screen.
fn bytes_after(action: &Action, width: u16, height: u16) -> usize {
    let counter = Counter::default();
    let backend = AnsiBackend::new(counter.clone());
    let mut terminal = Terminal::with_options(
        backend,
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, width, height)),
        },
    )
    .unwrap();
    let mut app = App::default();
    terminal
        .draw(|frame| ui::render(&app, &THEME, frame))
        .unwrap();
    let before = counter.bytes.get();
    app.update(action.clone());
    terminal
        .draw(|frame| ui::render(&app, &THEME, frame))
        .unwrap();
    counter.bytes.get() - before
}

fn keystrokes(c: &mut Criterion) {
    for (name, action) in [
        ("nudge", Action::Nudge(0.1)),
        ("tab switch", Action::NextTab),
        ("select next", Action::SelectNext),
    ] {
        eprintln!(
            "bytes written for a {name}: {} at 100x30, {} at 200x60",
            bytes_after(&action, 100, 30),
            bytes_after(&action, 200, 60)
        );
        c.bench_function(&format!("keystroke {name} 100x30"), |b| {
            b.iter(|| bytes_after(black_box(&action), 100, 30));
        });
    }
}

criterion_group!(benches, frames, keystrokes);
criterion_main!(benches);
