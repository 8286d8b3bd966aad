//! The tab bar: the app name, then one label per tab, scrolled to keep the current one in view.
//!
//! It shows how many tabs are hidden on each side (`‹3`, `5›`; `/` opens the picker for them all).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::asciify;
use crate::app::{App, TABS};
use crate::theme::{Role, Theme};

const BRAND: &str = " actscope ";

/// What the bar shows at a width: the labels, and the first and last shown.
struct Layout {
    labels: Vec<String>,
    first: usize,
    last: usize,
}

/// The marker for `hidden` tabs on the left (`‹3 `) or right (` 3›`), empty for none.
fn marker(hidden: usize, left: bool, unicode: bool) -> String {
    if hidden == 0 {
        return String::new();
    }
    let (l, r) = if unicode { ("‹", "›") } else { ("<", ">") };
    if left {
        format!("{l}{hidden} ")
    } else {
        format!(" {hidden}{r}")
    }
}

/// The widest window of tabs around the current one that fits in `width` with its markers (a
/// marker takes as many columns in ASCII as in Unicode; a label may not).
fn layout(app: &App, width: u16, unicode: bool) -> Layout {
    let labels: Vec<String> = TABS
        .iter()
        .map(|t| {
            let label = t.label();
            format!(
                " {} ",
                if unicode {
                    label.to_string()
                } else {
                    asciify(label)
                }
            )
        })
        .collect();
    let width_of = |s: &str| s.chars().count();
    let available = usize::from(width).saturating_sub(width_of(BRAND));
    let current = app.tab_index();
    let fits = |first: usize, last: usize| {
        let tabs: usize = labels[first..=last].iter().map(|l| width_of(l)).sum();
        let markers = width_of(&marker(first, true, true))
            + width_of(&marker(labels.len() - 1 - last, false, true));
        tabs + markers <= available
    };
    let (mut first, mut last) = (current, current);
    loop {
        let mut grew = false;
        if last + 1 < labels.len() && fits(first, last + 1) {
            last += 1;
            grew = true;
        }
        if first > 0 && fits(first - 1, last) {
            first -= 1;
            grew = true;
        }
        if !grew {
            break;
        }
    }
    Layout {
        labels,
        first,
        last,
    }
}

/// The tab under column `x` of the tab bar, if any.
pub(super) fn tab_at(app: &App, area: Rect, x: u16, unicode: bool) -> Option<usize> {
    let Layout {
        labels,
        first,
        last,
    } = layout(app, area.width, unicode);
    let mut start =
        usize::from(area.x) + BRAND.chars().count() + marker(first, true, true).chars().count();
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
    let Layout {
        labels,
        first,
        last,
    } = layout(app, area.width, theme.unicode);
    let current = app.tab_index();
    let mut spans = vec![
        Span::styled(BRAND, theme.style(Role::Brand)),
        Span::styled(marker(first, true, theme.unicode), theme.style(Role::Dim)),
    ];
    for (i, label) in labels.iter().enumerate().take(last + 1).skip(first) {
        let role = if i == current {
            Role::TabActive
        } else {
            Role::Tab
        };
        spans.push(Span::styled(label.clone(), theme.style(role)));
    }
    spans.push(Span::styled(
        marker(labels.len() - 1 - last, false, theme.unicode),
        theme.style(Role::Dim),
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
