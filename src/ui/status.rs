//! The status line (a message, the edit prompt, or the selected element's readout) and the
//! one-line key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{Analysis, App, Mode, StatusKind};
use crate::format;
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
    let selected = app.selected();
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
        let x = format::input_value(app.selected_value(), 24);
        match app.activation() {
            Some(_) => Line::from(format!(
                " x{selected} = {x}   f(x) = {}   f'(x) = {}   p = {}",
                format::short(analysis.outputs[selected], 6),
                format::short(analysis.derivatives[selected], 6),
                format::percent(analysis.probabilities[selected]),
            )),
            None => Line::from(format!(
                " x{selected} = {x}   p = {}   log p = {}",
                format::short(analysis.probabilities[selected], 6),
                format::short(analysis.log_probabilities[selected], 6),
            )),
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}

pub(super) fn render_hints(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let arrows = if theme.unicode {
        ["←/→", "↑/↓"]
    } else {
        ["<-/->", "up/down"]
    };
    // In priority order: what does not fit is left out, from the end.
    let hints: Vec<(&str, &str)> = match app.mode() {
        Mode::Editing(_) => vec![("Enter", "commit"), ("Esc", "cancel"), ("Ctrl-U", "clear")],
        Mode::Help => vec![("Esc", "close help"), ("q", "quit")],
        Mode::Normal => vec![
            ("?", "help"),
            ("q", "quit"),
            (arrows[0], "nudge"),
            (arrows[1], "select"),
            ("Enter", "edit"),
            ("Tab", "next"),
            (
                "[ ]",
                if app.activation().is_none() {
                    "T"
                } else {
                    "param"
                },
            ),
            ("a", "add"),
            ("x", "del"),
            ("+/-", "zoom"),
        ],
    };
    let width = |(key, what): &(&str, &str)| key.chars().count() + what.chars().count() + 3;
    let mut budget = usize::from(area.width);
    let mut shown: Vec<(&str, &str)> = Vec::new();
    for hint in hints {
        if width(&hint) <= budget {
            budget -= width(&hint);
            shown.push(hint);
        }
    }
    // Help and quit read last, as people expect them at the end of the line.
    let lead = shown.len().min(2);
    shown.rotate_left(lead);
    let mut spans = Vec::new();
    for (key, what) in shown {
        spans.push(Span::styled(format!(" {key}"), theme.style(Role::Key)));
        spans.push(Span::styled(format!(" {what} "), theme.style(Role::Dim)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
