//! The edit field: the text typed for the selected element, and why it is not (yet) a usable
//! number.

use crate::input::{self, InputError};

/// The state of the value being typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    /// The text typed so far.
    pub buffer: String,
    /// True until the first keystroke: typing then replaces the pre-filled value.
    pub fresh: bool,
    /// Why the buffer is not a usable number, if it is not.
    pub error: Option<String>,
}

impl Edit {
    /// A field pre-filled with `text`.
    #[must_use]
    pub fn new(text: String) -> Edit {
        let mut edit = Edit {
            buffer: text,
            fresh: true,
            error: None,
        };
        edit.validate();
        edit
    }

    /// Types a character (replacing the pre-filled text on the first keystroke).
    pub fn insert(&mut self, c: char) {
        if self.fresh {
            self.buffer.clear();
        }
        self.buffer.push(c);
        self.touched();
    }

    /// Inserts pasted text (control characters dropped).
    pub fn insert_text(&mut self, text: &str) {
        if self.fresh {
            self.buffer.clear();
        }
        let single_line: String = text.chars().filter(|c| !c.is_control()).collect();
        self.buffer.push_str(single_line.trim());
        self.touched();
    }

    /// Deletes the last character.
    pub fn backspace(&mut self) {
        self.buffer.pop();
        self.touched();
    }

    /// Clears the field.
    pub fn clear(&mut self) {
        self.buffer.clear();
        self.touched();
    }

    /// The number typed, or why it is not one.
    ///
    /// # Errors
    /// The reason, as the status line shows it.
    pub fn value(&self) -> Result<f64, String> {
        input::parse_number(&self.buffer).map_err(|err| describe(&err))
    }

    fn touched(&mut self) {
        self.fresh = false;
        self.validate();
    }

    fn validate(&mut self) {
        self.error = self.value().err();
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
