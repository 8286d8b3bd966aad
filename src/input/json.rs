//! JSON: an array of numbers, an array of `[label, value]` pairs, or an object `{label: value}`.
//!
//! An object is read in the file's order.
//!
//! serde_json reads the text; visitors here take each element as it comes, so the object keeps
//! its order and duplicate keys are seen (a `Map` would sort them, or keep the last), and nothing
//! but the vector is built.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::labels::Labels;
use super::number;
use super::{InputError, Place, Reason, Vector};

/// Parses a JSON document holding one vector.
///
/// # Errors
/// [`InputError::Empty`] for `[]` or `{}`; [`InputError::Invalid`] naming the element or key for
/// a value that is not a number, a nested array of numbers, a refused label, labelled and
/// unlabelled elements mixed; and the line and column of a JSON syntax error.
pub(super) fn parse(text: &str) -> Result<Vector, InputError> {
    let refusal = Cell::new(None);
    let mut reader = serde_json::Deserializer::from_str(text);
    let read = Top { refusal: &refusal }
        .deserialize(&mut reader)
        .and_then(|vector| reader.end().map(|()| vector));
    match (read, refusal.into_inner()) {
        (Ok(vector), _) => match underflow(text) {
            Some(err) => Err(err),
            None => vector.ok_or(InputError::Empty),
        },
        (Err(_), Some(refusal)) => Err(refusal),
        (Err(err), None) => Err(syntax(text, &err)),
    }
}

/// The first number in valid JSON that is not 0 but would read as 0 (`1e-400`): serde_json
/// reads it as 0 without a word.
fn underflow(text: &str) -> Option<InputError> {
    let (mut line, mut column) = (1, 0);
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        column += 1;
        if in_string {
            (in_string, escaped) = (escaped || c != '"', !escaped && c == '\\');
        } else if c == '"' {
            in_string = true;
        } else if c == '\n' {
            (line, column) = (line + 1, 0);
        } else if c == '-' || c.is_ascii_digit() {
            let start = column;
            let mut end = at + 1;
            while let Some(&(next, c)) = chars.peek() {
                if !(c.is_ascii_digit() || "+-.eE".contains(c)) {
                    break;
                }
                (end, column) = (next + 1, column + 1);
                chars.next();
            }
            let token = &text[at..end];
            if let Err(reason @ Reason::Underflow { .. }) = number::parse_token(token) {
                let at = Place::Text {
                    line,
                    column: start,
                };
                return Some(InputError::invalid(token, reason, at));
            }
        }
    }
    None
}

/// serde_json's message without its ` at line L column C`, placed in characters.
fn syntax(text: &str, err: &serde_json::Error) -> InputError {
    let message = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let message = message.strip_suffix(&suffix).unwrap_or(&message);
    let line = text
        .split('\n')
        .nth(err.line().saturating_sub(1))
        .unwrap_or("");
    let mut end = err.column().min(line.len());
    while !line.is_char_boundary(end) {
        end += 1;
    }
    let at = Place::Text {
        line: err.line().max(1),
        column: line[..end].chars().count().max(1),
    };
    InputError::invalid("", Reason::Json(message.to_string()), at)
}

/// Where a JSON value stands, built into a [`Place`] only for a refusal.
#[derive(Clone, Copy)]
enum Where<'k> {
    Element(usize),
    Key(&'k str, usize),
}

impl Where<'_> {
    fn place(self) -> Place {
        match self {
            Where::Element(element) => Place::JsonElement { element },
            Where::Key(key, element) => Place::JsonKey {
                key: super::error::shorten(key),
                element,
            },
        }
    }
}

/// Keeps a refusal for [`parse`] and stops serde_json with an error it will not show.
fn refuse<E: de::Error>(
    refusal: &Cell<Option<InputError>>,
    token: &str,
    reason: Reason,
    at: Where<'_>,
) -> E {
    refusal.set(Some(InputError::invalid(token, reason, at.place())));
    E::custom("refused")
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("{text:?}"))
}

/// The document: an array or an object. `None` when it holds no element.
struct Top<'r> {
    refusal: &'r Cell<Option<InputError>>,
}

impl<'de> DeserializeSeed<'de> for Top<'_> {
    type Value = Option<Vector>;

    fn deserialize<D: Deserializer<'de>>(self, reader: D) -> Result<Self::Value, D::Error> {
        reader.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Top<'_> {
    type Value = Option<Vector>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of numbers, an array of [label, value] pairs, or an object")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut values = Vec::new();
        let mut labels: Option<Labels> = None;
        loop {
            let element = values.len() + 1;
            let at = Where::Element(element);
            let seed = ItemSeed {
                refusal: self.refusal,
                element,
            };
            let Some(item) = seq.next_element_seed(seed)? else {
                break;
            };
            let value = match (item, &mut labels) {
                (Item::Number(value), None) => value,
                (Item::Number(value), Some(_)) => {
                    return Err(refuse(
                        self.refusal,
                        &value.to_string(),
                        Reason::Unlabelled,
                        at,
                    ));
                }
                (Item::Pair(label, value), labels) => {
                    if element > 1 && labels.is_none() {
                        let token = format!("[{}, {value}]", quoted(&label));
                        return Err(refuse(self.refusal, &token, Reason::Labelled, at));
                    }
                    labels.get_or_insert_with(Labels::new).push(label).map_err(
                        |(shown, reason)| refuse(self.refusal, &quoted_label(&shown), reason, at),
                    )?;
                    value
                }
            };
            values.push(value);
        }
        Ok((!values.is_empty()).then(|| Vector {
            values,
            labels: labels.map(Labels::into_vec),
        }))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut values = Vec::new();
        let mut labels = Labels::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let element = values.len() + 1;
            let value = map.next_value_seed(NumberSeed {
                refusal: self.refusal,
                at: Where::Key(&key, element),
            })?;
            labels
                .push(Cow::Borrowed(&key))
                .map_err(|(shown, reason)| {
                    let at = Where::Key(&key, element);
                    refuse(self.refusal, &quoted_label(&shown), reason, at)
                })?;
            values.push(value);
        }
        Ok((!values.is_empty()).then(|| Vector {
            values,
            labels: Some(labels.into_vec()),
        }))
    }
}

/// A refused label as JSON writes it; none for an empty one (the reason says so).
fn quoted_label(shown: &str) -> String {
    if shown.is_empty() {
        String::new()
    } else {
        quoted(shown)
    }
}

/// An element of the top array: a number, or a `[label, value]` pair.
enum Item<'de> {
    Number(f64),
    Pair(Cow<'de, str>, f64),
}

struct ItemSeed<'r> {
    refusal: &'r Cell<Option<InputError>>,
    element: usize,
}

impl<'de> DeserializeSeed<'de> for ItemSeed<'_> {
    type Value = Item<'de>;

    fn deserialize<D: Deserializer<'de>>(self, reader: D) -> Result<Self::Value, D::Error> {
        reader.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ItemSeed<'_> {
    type Value = Item<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number or a [label, value] pair")
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        Ok(Item::Number(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(Item::Number(value as f64))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(Item::Number(value as f64))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Err(self.not_a_number(&quoted(text)))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        Err(self.not_a_number(if value { "true" } else { "false" }))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Err(self.not_a_number("null"))
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(self.not_a_number("{…}"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut pair: A) -> Result<Self::Value, A::Error> {
        let at = Where::Element(self.element);
        let not_a_pair = |count| refuse(self.refusal, "", Reason::NotAPair { count }, at);
        let label_seed = LabelSeed {
            refusal: self.refusal,
            at,
        };
        let Some(label) = pair.next_element_seed(label_seed)? else {
            return Err(not_a_pair(0));
        };
        let value_seed = NumberSeed {
            refusal: self.refusal,
            at,
        };
        let Some(value) = pair.next_element_seed(value_seed)? else {
            return Err(not_a_pair(1));
        };
        let mut count = 2;
        while pair.next_element::<IgnoredAny>()?.is_some() {
            count += 1;
        }
        if count > 2 {
            return Err(not_a_pair(count));
        }
        Ok(Item::Pair(label, value))
    }
}

impl ItemSeed<'_> {
    fn not_a_number<E: de::Error>(&self, token: &str) -> E {
        let at = Where::Element(self.element);
        refuse(self.refusal, token, Reason::NotANumber, at)
    }
}

/// The first item of a pair: a string. A number there makes the document a nested array.
struct LabelSeed<'r, 'k> {
    refusal: &'r Cell<Option<InputError>>,
    at: Where<'k>,
}

impl<'de> DeserializeSeed<'de> for LabelSeed<'_, '_> {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, reader: D) -> Result<Self::Value, D::Error> {
        reader.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for LabelSeed<'_, '_> {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a label (a string)")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(text))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(text.to_string()))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Err(refuse(self.refusal, "", Reason::Nested, self.at))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        self.visit_f64(value as f64)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        self.visit_f64(value as f64)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(refuse(self.refusal, "", Reason::Nested, self.at))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        let token = if value { "true" } else { "false" };
        Err(refuse(self.refusal, token, Reason::NotALabel, self.at))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Err(refuse(self.refusal, "null", Reason::NotALabel, self.at))
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(refuse(self.refusal, "{…}", Reason::NotALabel, self.at))
    }
}

/// An object's key, borrowed from the text when it holds no escape.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, reader: D) -> Result<Self::Value, D::Error> {
        reader.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(text))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(text.to_string()))
    }
}

/// A value that must be a number: an object's member, or the second item of a pair.
struct NumberSeed<'r, 'k> {
    refusal: &'r Cell<Option<InputError>>,
    at: Where<'k>,
}

impl<'de> DeserializeSeed<'de> for NumberSeed<'_, '_> {
    type Value = f64;

    fn deserialize<D: Deserializer<'de>>(self, reader: D) -> Result<Self::Value, D::Error> {
        reader.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NumberSeed<'_, '_> {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        Ok(value)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(value as f64)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(value as f64)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Err(refuse(
            self.refusal,
            &quoted(text),
            Reason::NotANumber,
            self.at,
        ))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        let token = if value { "true" } else { "false" };
        Err(refuse(self.refusal, token, Reason::NotANumber, self.at))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Err(refuse(self.refusal, "null", Reason::NotANumber, self.at))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(refuse(self.refusal, "[…]", Reason::NotANumber, self.at))
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(refuse(self.refusal, "{…}", Reason::NotANumber, self.at))
    }
}
