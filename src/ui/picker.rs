//! The tab picker: what was typed, then the tabs whose names hold it.
//!
//! The highlighted one is marked; all of it over the screen below the tab bar.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::text::{fit_words, shown};
use crate::app::{Picker, nearest_tab, picker_matches};
use crate::theme::{Role, Theme};

pub(super) fn render(picker: &Picker, theme: &Theme, frame: &mut Frame, area: Rect) {
    let found = picker_matches(&picker.query);
    let width = area.width;
    let rows = usize::from(area.height.saturating_sub(5)).max(1);
    let selected = picker.selected.min(found.len().saturating_sub(1));
    // Keep the highlight in view.
    let first = (selected + 1).saturating_sub(rows);
    let inner = usize::from(width.saturating_sub(2));
    let mut lines = vec![Line::from(vec![
        Span::styled(" / ", theme.style(Role::Key)),
        Span::raw(picker.query.clone()),
        Span::styled(" ", theme.style(Role::Cursor)),
    ])];
    if found.is_empty() {
        let text = match nearest_tab(&picker.query) {
            Some(name) => format!(" no tab answers to that; did you mean {name}?"),
            None => " no tab answers to that".to_string(),
        };
        lines.push(Line::styled(text, theme.style(Role::Error)));
    }
    // The titles in one column, as wide as the longest of them all.
    let column = picker_matches("")
        .iter()
        .map(|c| c.title.chars().count())
        .max()
        .unwrap_or(14);
    for (i, choice) in found.iter().enumerate().skip(first).take(rows) {
        let pointer = if i == selected { theme.pointer() } else { " " };
        let text = format!(
            "{pointer} {:<column$} {}",
            choice.title,
            choice.names.join(", ")
        );
        let text = fit_words(&shown(theme, &text), inner.saturating_sub(1), theme.unicode)
            .unwrap_or_default();
        let style = if i == selected {
            theme.style(Role::Selected)
        } else {
            theme.style(Role::Info)
        };
        lines.push(Line::styled(format!(" {text}"), style));
    }
    // Below the tab bar, the whole width and the rest of the height.
    let popup = Rect {
        x: area.x,
        y: area.y + 1.min(area.height),
        width,
        height: area.height.saturating_sub(1),
    };
    frame.render_widget(Clear, popup);
    let title = format!(
        " find a tab: {} of {} ",
        found.len(),
        crate::app::picker_matches("").len()
    );
    let block = Block::bordered()
        .border_set(theme.border())
        .title(Span::styled(title, theme.style(Role::Formula)));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
