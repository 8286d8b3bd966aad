//! The edit field: the text typed for the selected element and a cursor in it.
//!
//! Why the text is not (yet) a usable number is checked on every keystroke.

pub use crate::action::CursorMove;
use crate::input::{self, InputError};
use crate::kernel::{Formula, FormulaError};

/// What the field edits: an element that existed, one just added (Esc removes it), or the
/// Formula tab's formula.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The element was there before the edit.
    Existing,
    /// The element was added for this edit (`a`): cancelling removes it.
    Inserted,
    /// The formula: the text is checked as one, and its errors point at a column.
    Formula,
}

/// The state of the value being typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    /// The text typed so far.
    pub buffer: String,
    /// The cursor, in characters from the start (0 to the length).
    pub cursor: usize,
    /// True until the first keystroke: typing then replaces the pre-filled value.
    pub fresh: bool,
    /// Why the buffer is not a usable number (or formula), if it is not.
    pub error: Option<String>,
    /// For a formula, the column (1-based, in characters) the error points at.
    pub error_column: Option<usize>,
    /// Whether the element existed before the edit.
    pub origin: Origin,
}

impl Edit {
    /// A field pre-filled with `text`, the cursor at its end. A value's pre-filled text is
    /// replaced by the first key typed (it shows selected until then); a formula's is edited in
    /// place.
    #[must_use]
    pub fn new(text: String, origin: Origin) -> Edit {
        let mut edit = Edit {
            cursor: text.chars().count(),
            buffer: text,
            fresh: origin != Origin::Formula,
            error: None,
            error_column: None,
            origin,
        };
        edit.validate();
        edit
    }

    /// Types a character at the cursor (replacing the pre-filled text on the first keystroke).
    pub fn insert(&mut self, c: char) {
        self.clear_if_fresh();
        let at = self.byte_index(self.cursor);
        self.buffer.insert(at, c);
        self.cursor += 1;
        self.touched();
    }

    /// Inserts pasted text at the cursor.
    ///
    /// # Errors
    /// Why the paste was refused (the field is unchanged): it holds more than one line.
    pub fn insert_text(&mut self, text: &str) -> Result<(), String> {
        let text = text.trim();
        let lines = text.lines().count();
        let what = if self.origin == Origin::Formula {
            "one line"
        } else {
            "one number"
        };
        if lines > 1 {
            return Err(format!(
                "a paste into the field is {what}; this one has {lines} lines"
            ));
        }
        if text.chars().any(char::is_control) {
            return Err(format!(
                "a paste into the field is {what}; this one has control characters"
            ));
        }
        self.clear_if_fresh();
        let at = self.byte_index(self.cursor);
        self.buffer.insert_str(at, text);
        self.cursor += text.chars().count();
        self.touched();
        Ok(())
    }

    /// Deletes the character before the cursor.
    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_index(self.cursor);
            self.buffer.remove(at);
        }
        self.touched();
    }

    /// Deletes the character under the cursor.
    pub fn delete(&mut self) {
        if self.cursor < self.len() {
            let at = self.byte_index(self.cursor);
            self.buffer.remove(at);
        }
        self.touched();
    }

    /// Clears the field.
    pub fn clear(&mut self) {
        self.buffer.clear();
        self.cursor = 0;
        self.touched();
    }

    /// Moves the cursor one character left (`-1`) or right (`1`), or to the start or the end.
    pub fn move_cursor(&mut self, to: CursorMove) {
        self.cursor = match to {
            CursorMove::Left => self.cursor.saturating_sub(1),
            CursorMove::Right => (self.cursor + 1).min(self.len()),
            CursorMove::Home => 0,
            CursorMove::End => self.len(),
        };
        // Moving means keeping the text: typing no longer replaces it.
        self.fresh = false;
    }

    /// The number typed, or why it is not one.
    ///
    /// # Errors
    /// The reason, as the status line shows it.
    pub fn value(&self) -> Result<f64, String> {
        input::parse_number(&self.buffer).map_err(|err| describe(&err))
    }

    /// What of the field shows in `width` columns: the text scrolled to keep the cursor in view,
    /// and the cursor's column in it.
    #[must_use]
    pub fn window(&self, width: usize) -> (String, usize) {
        let width = width.max(1);
        // The cursor may sit after the last character: that takes a column too.
        let first = (self.cursor + 1).saturating_sub(width);
        let shown: String = self.buffer.chars().skip(first).take(width).collect();
        (shown, self.cursor - first)
    }

    fn len(&self) -> usize {
        self.buffer.chars().count()
    }

    fn byte_index(&self, chars: usize) -> usize {
        self.buffer
            .char_indices()
            .nth(chars)
            .map_or(self.buffer.len(), |(at, _)| at)
    }

    fn clear_if_fresh(&mut self) {
        if self.fresh {
            self.buffer.clear();
            self.cursor = 0;
        }
    }

    fn touched(&mut self) {
        self.fresh = false;
        self.validate();
    }

    fn validate(&mut self) {
        if self.origin == Origin::Formula {
            let checked = self.formula();
            self.error_column = checked.as_ref().err().map(|err| err.column);
            self.error = checked.err().map(|err| err.message);
        } else {
            self.error = self.value().err();
        }
    }

    /// The formula typed, or why it is not one (with the column it points at).
    ///
    /// # Errors
    /// The parser's [`FormulaError`].
    pub fn formula(&self) -> Result<Formula, FormulaError> {
        Formula::parse(&self.buffer, &[])
    }
}

/// Why some text is not a usable value, briefly.
fn describe(err: &InputError) -> String {
    match err {
        InputError::Empty => "type a number".to_string(),
        InputError::NotOne { .. } => "one number only".to_string(),
        InputError::Invalid { token, reason, .. } => format!("{token:?} {reason}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_moves_and_edits_in_place() {
        let mut edit = Edit::new("1.5".into(), Origin::Existing);
        assert_eq!(edit.cursor, 3);
        edit.move_cursor(CursorMove::Home);
        edit.insert('-');
        assert_eq!((edit.buffer.as_str(), edit.cursor), ("-1.5", 1));
        edit.move_cursor(CursorMove::End);
        edit.backspace();
        edit.insert('2');
        assert_eq!(edit.buffer, "-1.2");
        edit.move_cursor(CursorMove::Left);
        edit.move_cursor(CursorMove::Left);
        edit.delete();
        assert_eq!(edit.buffer, "-12");
        assert!(edit.error.is_none());
    }

    #[test]
    fn the_first_keystroke_replaces_the_prefilled_value() {
        let mut edit = Edit::new("1.5".into(), Origin::Existing);
        edit.insert('7');
        assert_eq!(edit.buffer, "7");
    }

    #[test]
    fn errors_follow_every_keystroke() {
        let mut edit = Edit::new("1".into(), Origin::Existing);
        edit.clear();
        assert_eq!(edit.error.as_deref(), Some("type a number"));
        for c in "-1.28".chars() {
            edit.insert(c);
        }
        assert_eq!(edit.error, None);
        edit.insert('x');
        assert!(edit.error.is_some());
    }

    #[test]
    fn a_multi_line_paste_is_refused() {
        let mut edit = Edit::new("3".into(), Origin::Existing);
        assert!(edit.insert_text("1\n2").is_err());
        assert_eq!(edit.buffer, "3");
        edit.insert_text("  4.25\n").unwrap();
        assert_eq!(edit.buffer, "4.25");
    }

    #[test]
    fn the_window_scrolls_to_keep_the_cursor_in_view() {
        let mut edit = Edit::new("0.1234567890123456".into(), Origin::Existing);
        let (shown, cursor) = edit.window(8);
        assert_eq!((shown.as_str(), cursor), ("0123456", 7));
        edit.move_cursor(CursorMove::Home);
        let (shown, cursor) = edit.window(8);
        assert_eq!((shown.as_str(), cursor), ("0.123456", 0));
    }
}
