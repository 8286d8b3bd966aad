//! The help overlay's scroll position: which of the key table's lines shows first.
//!
//! The position is held within what the screen can show.

use crate::bindings;

/// Rows of the screen the overlay does not give to key lines: its borders and the position line.
pub const HELP_CHROME: u16 = 3;

/// How many key lines the overlay shows on a screen `height` rows tall.
#[must_use]
pub fn help_page(height: u16) -> usize {
    usize::from(height.saturating_sub(HELP_CHROME)).max(1)
}

/// The first line shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HelpView {
    /// Index of the first key line shown.
    pub offset: usize,
}

impl HelpView {
    /// Scrolls by `how` on a screen `height` rows tall, never past the last page.
    pub fn scroll(&mut self, how: crate::action::Scroll, height: u16) {
        use crate::action::Scroll;
        let page = help_page(height);
        let last = bindings::help_lines().len().saturating_sub(page);
        self.offset = match how {
            Scroll::Up => self.offset.saturating_sub(1),
            Scroll::Down => self.offset + 1,
            Scroll::PageUp => self.offset.saturating_sub(page),
            Scroll::PageDown => self.offset + page,
            Scroll::Top => 0,
            Scroll::Bottom => last,
        }
        .min(last);
    }

    /// Keeps the offset valid after the screen changed size.
    pub fn fit(&mut self, height: u16) {
        let last = bindings::help_lines()
            .len()
            .saturating_sub(help_page(height));
        self.offset = self.offset.min(last);
    }
}
