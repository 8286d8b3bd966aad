//! The explorer drawn on ratatui's TestBackend, as text, for the render tests.

use actscope::app::App;
use actscope::theme::Theme;
use actscope::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// `app` drawn with `theme` on a `width` x `height` TestBackend, as the backend prints it.
pub fn draw(app: &App, theme: &Theme, width: u16, height: u16) -> String {
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
