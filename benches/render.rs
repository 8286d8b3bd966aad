//! The explorer's cost per frame and per keystroke (`cargo bench --bench render`).
//!
//! A frame rendered on TestBackend at 100x30 and 200x60, with the three seed logits, 16 on the
//! Softmax tab, and 50,000 (on Sigmoid, on Softmax, and on the sampler panel with top-p 0.9 and
//! draws); and the bytes the explorer's backend (AnsiBackend, as over a real terminal) writes for a
//! keystroke after the first frame (printed once, then timed).
//!
//! The frame budget: a keystroke's frame within 16 ms (60 frames a second) at 200x60 with
//! 50,000 logits; BENCHMARKS.md records the medians measured.

#[path = "../tests/common/logits.rs"]
mod logits;

use std::cell::Cell;
use std::hint::black_box;
use std::io::{self, Write};
use std::rc::Rc;

use actscope::action::Action;
use actscope::app::{App, Panel, SOFTMAX_TAB, Settings};
use actscope::backend::AnsiBackend;
use actscope::kernel::SamplerSettings;
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

/// The explorer on `tab` with 50,000 logits; on the sampler panel, top-p 0.9 and 1,000 draws.
fn big_app(tab: usize, sampler: bool) -> App {
    let mut settings = Settings {
        tab,
        values: logits::logits(),
        ..Settings::default()
    };
    if sampler {
        settings.panel = Panel::Sampler;
        settings.sampler = SamplerSettings::default().with_top_p(0.9).unwrap();
        settings.draws = Some(actscope::app::Draws {
            count: 1000,
            seed: 0,
        });
    }
    App::new(settings)
}

/// The apps the frames are timed for.
fn cases() -> Vec<(&'static str, App)> {
    let sixteen = App::new(Settings {
        tab: SOFTMAX_TAB,
        values: logits::logits()[..16].to_vec(),
        ..Settings::default()
    });
    vec![
        ("seed vector", App::default()),
        ("16 softmax", sixteen),
        ("50k sigmoid", big_app(1, false)),
        ("50k softmax", big_app(SOFTMAX_TAB, false)),
        ("50k sampler", big_app(SOFTMAX_TAB, true)),
    ]
}

fn frames(c: &mut Criterion) {
    for (name, app) in cases() {
        for (width, height) in [(100, 30), (200, 60)] {
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            c.bench_function(&format!("frame {name} {width}x{height}"), |b| {
                b.iter(|| {
                    terminal
                        .draw(|frame| ui::render(black_box(&app), &THEME, frame))
                        .unwrap();
                });
            });
        }
    }
}

/// Bytes written for the frame after `action`, the first frame already on screen.
fn bytes_after(app: &App, action: &Action, width: u16, height: u16) -> usize {
    let counter = Counter::default();
    let backend = AnsiBackend::new(counter.clone());
    let mut terminal = Terminal::with_options(
        backend,
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, width, height)),
        },
    )
    .unwrap();
    let mut app = app.clone();
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
    for (case, app) in cases() {
        for (name, action) in [
            ("nudge", Action::Nudge(0.1)),
            ("tab switch", Action::NextTab),
            ("select next", Action::SelectNext),
        ] {
            eprintln!(
                "bytes written for a {name} ({case}): {} at 100x30, {} at 200x60",
                bytes_after(&app, &action, 100, 30),
                bytes_after(&app, &action, 200, 60)
            );
            c.bench_function(&format!("keystroke {name} {case} 200x60"), |b| {
                b.iter(|| bytes_after(black_box(&app), black_box(&action), 200, 60));
            });
        }
    }
}

criterion_group!(benches, frames, keystrokes);
criterion_main!(benches);
