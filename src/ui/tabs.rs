//! The tab bar: the app name, then one label per tab, scrolled to keep the current one in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, TABS};
use crate::theme::{Role, Theme};

const BRAND: &str = " actscope ";

/// The labels and the window of them that fits in `width` around the current tab.
fn visible(app: &App, width: u16) -> (Vec<String>, usize, usize) {
    let labels: Vec<String> = TABS.iter().map(|t| format!(" {} ", t.label())).collect();
    let width_of = |s: &str| s.chars().count();
    let available = usize::from(width).saturating_sub(width_of(BRAND));
    let current = app.tab_index();
    // Widest window of tabs around the current one that fits, with room for ‹ › markers.
    let (mut first, mut last) = (current, current);
    let mut used = width_of(&labels[current]);
    loop {
        let mut grew = false;
        if last + 1 < labels.len() && used + width_of(&labels[last + 1]) + 2 <= available {
            last += 1;
            used += width_of(&labels[last]);
            grew = true;
        }
        if first > 0 && used + width_of(&labels[first - 1]) + 2 <= available {
            first -= 1;
            used += width_of(&labels[first]);
            grew = true;
        }
        if !grew {
            break;
        }
    }
    (labels, first, last)
}

/// The tab under column `x` of the tab bar, if any.
pub(super) fn tab_at(app: &App, area: Rect, x: u16) -> Option<usize> {
    let (labels, first, last) = visible(app, area.width);
    // The brand, then one column for the ‹ marker, then the labels.
    let mut start = usize::from(area.x) + BRAND.chars().count() + 1;
    for (i, label) in labels.iter().enumerate().take(last + 1).skip(first) {
        let end = start + label.chars().count();
        if (start..end).contains(&usize::from(x)) {
            return Some(i);
        }
        start = end;
    }
    None
}

pub(super) fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (labels, first, last) = visible(app, area.width);
    let current = app.tab_index();
    let (more_left, more_right) = if theme.unicode {
        ("‹", "›")
    } else {
        ("<", ">")
    };
    let mut spans = vec![Span::styled(BRAND, theme.style(Role::Brand))];
    spans.push(Span::styled(
        if first > 0 { more_left } else { " " },
        theme.style(Role::Dim),
    ));
    for (i, label) in labels.iter().enumerate().take(last + 1).skip(first) {
        let role = if i == current {
            Role::TabActive
        } else {
            Role::Tab
        };
        spans.push(Span::styled(label.clone(), theme.style(role)));
    }
    if last + 1 < labels.len() {
        spans.push(Span::styled(more_right, theme.style(Role::Dim)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
