//! The status line (a message, the edit prompt, or the selected element's readout) and the
//! one-line key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::analysis::Analysis;
use crate::app::{App, Mode, StatusKind};
use crate::format;
use crate::keymap;
use crate::theme::{Role, Theme};

/// `text` as the terminal can show it: symbols spelled out in ASCII when it lacks UTF-8.
fn shown(theme: &Theme, text: &str) -> String {
    if theme.unicode {
        text.to_string()
    } else {
        super::header::asciify(text)
    }
}

pub(super) fn render(app: &App, analysis: &Analysis, theme: &Theme, frame: &mut Frame, area: Rect) {
    let selected = app.vector().selected();
    let line = if let Some(status) = app.status() {
        let role = match status.kind {
            StatusKind::Info => Role::Info,
            StatusKind::Error => Role::Error,
        };
        Line::styled(
            format!(" {}", shown(theme, &status.text)),
            theme.style(role),
        )
    } else if let Mode::Editing(edit) = app.mode() {
        match &edit.error {
            Some(reason) => Line::from(vec![
                Span::raw(format!(" x{selected}: ")),
                Span::styled(shown(theme, reason), theme.style(Role::Error)),
                Span::raw(shown(
                    theme,
                    " — Enter commits only a finite number, Esc cancels",
                )),
            ]),
            None => Line::from(format!(
                " x{selected}: Enter commits {}, Esc cancels",
                edit.buffer.trim()
            )),
        }
    } else {
        let x = format::input_value(app.vector().selected_value(), 24);
        let softmax = &analysis.softmax;
        match analysis.function() {
            Some(numbers) => Line::from(format!(
                " x{selected} = {x}   f(x) = {}   f'(x) = {}   p = {}",
                format::short(numbers.outputs[selected], 6),
                format::short(numbers.derivatives[selected], 6),
                format::percent(softmax.probabilities[selected]),
            )),
            None => Line::from(format!(
                " x{selected} = {x}   p = {}   log p = {}",
                format::short(softmax.probabilities[selected], 6),
                format::short(softmax.log_probabilities[selected], 6),
            )),
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}

pub(super) fn render_hints(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    // In priority order: what does not fit is left out, from the end.
    let hints: Vec<(String, &str)> = keymap::hints(app.mode(), app.activation().is_none())
        .into_iter()
        .map(|(keys, what)| (shown(theme, keys), what))
        .collect();
    let width = |(key, what): &(String, &str)| key.chars().count() + what.chars().count() + 3;
    let mut budget = usize::from(area.width);
    let mut fitting: Vec<(String, &str)> = Vec::new();
    for hint in hints {
        if width(&hint) <= budget {
            budget -= width(&hint);
            fitting.push(hint);
        }
    }
    // Help and quit read last, as people expect them at the end of the line.
    let lead = fitting.len().min(2);
    fitting.rotate_left(lead);
    let mut spans = Vec::new();
    for (key, what) in fitting {
        spans.push(Span::styled(format!(" {key}"), theme.style(Role::Key)));
        spans.push(Span::styled(format!(" {what} "), theme.style(Role::Dim)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
