//! Labels: trimmed, non-empty, never a number, unique; and a list of them given apart.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::{Entry, RandomState};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

use super::lines::{Split, fields};
use super::number::reads_as_number;
use super::{InputError, Place, Reason, Vector};

/// The labels of a vector being read, checked as they come.
///
/// Uniqueness is checked through each label's 64-bit hash (SipHash with a random key, so no
/// file can aim at collisions), with the label itself compared on a match: a table of a
/// million labels stays 16 MB and each label is stored once, which reads a million labelled
/// values about twice as fast as a map keyed by the labels.
///
/// `S` hashes the labels; tests give one that makes every hash collide.
#[derive(Default)]
pub(super) struct Labels<S = RandomState> {
    texts: Vec<String>,
    /// A label's hash and the 0-based index of the first label with that hash.
    first: HashMap<u64, usize, BuildHasherDefault<Identity>>,
    /// Labels whose hash an earlier, different label has (expected never): 0-based indices.
    collided: Vec<usize>,
    hasher: S,
}

impl Labels {
    /// No labels yet.
    pub(super) fn new() -> Labels {
        Labels::default()
    }
}

impl<S: BuildHasher> Labels<S> {
    /// Checks and keeps the label of the next element.
    ///
    /// # Errors
    /// The token to show (empty for an empty label) and why the label is refused.
    pub(super) fn push(&mut self, label: Cow<'_, str>) -> Result<(), (String, Reason)> {
        let label = trim(label);
        if label.is_empty() {
            return Err((String::new(), Reason::EmptyLabel));
        }
        if reads_as_number(&label) {
            return Err((label.into_owned(), Reason::NumberAsLabel));
        }
        let index = self.texts.len();
        let same = |other: &usize| self.texts[*other] == *label;
        match self.first.entry(self.hasher.hash_one(&*label)) {
            Entry::Vacant(entry) => {
                entry.insert(index);
            }
            Entry::Occupied(entry) => {
                let earlier = Some(entry.get()).filter(|&i| same(i));
                if let Some(first) = earlier.or_else(|| self.collided.iter().find(|&i| same(i))) {
                    let first = first + 1;
                    return Err((label.into_owned(), Reason::DuplicateLabel { first }));
                }
                self.collided.push(index);
            }
        }
        self.texts.push(label.into_owned());
        Ok(())
    }

    /// How many labels were kept.
    pub(super) fn len(&self) -> usize {
        self.texts.len()
    }

    pub(super) fn into_vec(self) -> Vec<String> {
        self.texts
    }
}

/// The hasher of a table whose keys are hashes already.
#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_u64(&mut self, hash: u64) {
        self.0 = hash;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

fn trim(label: Cow<'_, str>) -> Cow<'_, str> {
    match label {
        Cow::Borrowed(text) => Cow::Borrowed(text.trim()),
        Cow::Owned(text) if text.trim().len() == text.len() => Cow::Owned(text),
        Cow::Owned(text) => Cow::Owned(text.trim().to_string()),
    }
}

/// Gives numbers read without labels the labels of a list written apart, such as the value of a
/// `--labels` option: one CSV line, `cat,dog,bird` or `"New York",Paris,"say ""hi"""` (a field
/// in double quotes may hold commas, and `""` inside it is a quote), when the list holds a comma
/// or starts with a quote; else words, `cat dog bird`, except that the whole list is the label
/// of a single number (`New York`). The rules are those of every label (trimmed, not empty, not
/// a number, unique), and there must be one label per number.
///
/// # Errors
/// [`InputError::Empty`] without numbers; [`InputError::Invalid`] with [`Reason::LabelCount`]
/// when the counts differ, for a quote that is never closed or is followed by text
/// ([`Place::Text`]), or naming the first label refused ([`Place::Label`]).
pub fn with_labels(values: Vec<f64>, list: &str) -> Result<Vector, InputError> {
    if values.is_empty() {
        return Err(InputError::Empty);
    }
    let names: Vec<Cow<'_, str>> = if list.contains(',') || list.trim_start().starts_with('"') {
        fields(list, Split::Comma)
            .map_err(|(reason, offset)| {
                let column = list[..offset].chars().count() + 1;
                InputError::invalid("", reason, Place::Text { line: 1, column })
            })?
            .into_iter()
            .map(|field| field.text)
            .collect()
    } else if values.len() == 1 && !list.trim().is_empty() {
        vec![Cow::Borrowed(list)]
    } else {
        list.split_whitespace().map(Cow::Borrowed).collect()
    };
    if names.len() != values.len() {
        return Err(InputError::invalid(
            "",
            Reason::LabelCount {
                labels: names.len(),
                values: values.len(),
            },
            Place::Whole,
        ));
    }
    let mut labels = Labels::new();
    for (index, name) in names.into_iter().enumerate() {
        labels.push(name).map_err(|(shown, reason)| {
            InputError::invalid(&shown, reason, Place::Label { label: index + 1 })
        })?;
    }
    Ok(Vector {
        values,
        labels: Some(labels.into_vec()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_trimmed_text_and_unique() {
        let mut labels = Labels::new();
        assert_eq!(labels.push(" cat ".into()), Ok(()));
        assert_eq!(labels.push(String::from("dog\t").into()), Ok(()));
        assert_eq!(labels.push("a, b".into()), Ok(()));
        assert_eq!(
            labels.push("  ".into()),
            Err((String::new(), Reason::EmptyLabel))
        );
        assert_eq!(
            labels.push("-1e3".into()),
            Err(("-1e3".into(), Reason::NumberAsLabel))
        );
        assert_eq!(
            labels.push("cat".into()),
            Err(("cat".into(), Reason::DuplicateLabel { first: 1 }))
        );
        assert_eq!(labels.push("Cat".into()), Ok(()));
        assert_eq!(labels.len(), 4);
        assert_eq!(labels.into_vec(), ["cat", "dog", "a, b", "Cat"]);
    }

    /// A hasher under which every label collides with every other.
    #[derive(Default)]
    struct Collide;

    impl Hasher for Collide {
        fn write(&mut self, _: &[u8]) {}

        fn finish(&self) -> u64 {
            7
        }
    }

    #[test]
    fn labels_whose_hashes_collide_are_still_told_apart() {
        let mut labels = Labels::<BuildHasherDefault<Collide>>::default();
        for label in ["a", "b", "c"] {
            assert_eq!(labels.push(label.into()), Ok(()));
        }
        for (label, first) in [("a", 1), ("b", 2), ("c", 3)] {
            let duplicate = Reason::DuplicateLabel { first };
            assert_eq!(labels.push(label.into()), Err((label.into(), duplicate)));
        }
        assert_eq!(labels.push("d".into()), Ok(()));
        assert_eq!(labels.into_vec(), ["a", "b", "c", "d"]);
    }

    #[test]
    fn a_list_of_labels() {
        let v = with_labels(vec![1.2, 0.9, 0.4], "cat, dog,bird").unwrap();
        assert_eq!(v.labels.unwrap(), ["cat", "dog", "bird"]);
        let v = with_labels(vec![1.0, 2.0], " New  York ").unwrap();
        assert_eq!(
            v.labels.unwrap(),
            ["New", "York"].map(String::from).to_vec()
        );
        let v = with_labels(vec![1.0, 2.0], "New York, Paris").unwrap();
        assert_eq!(v.labels.unwrap(), ["New York", "Paris"]);
        let v = with_labels(vec![1.0, 2.0, 3.0], r#""a, b",Paris, "say ""hi""""#).unwrap();
        assert_eq!(v.labels.unwrap(), ["a, b", "Paris", "say \"hi\""]);
        let v = with_labels(vec![1.0], " New York ").unwrap();
        assert_eq!(v.labels.unwrap(), ["New York"]);
        let v = with_labels(vec![1.0], r#""""quoted""""#).unwrap();
        assert_eq!(v.labels.unwrap(), ["\"quoted\""]);
    }

    #[test]
    fn a_list_of_labels_refused() {
        let table: [(&[f64], &str, &str); 7] = [
            (
                &[1.0, 2.0],
                "cat,dog,bird",
                "3 labels for 2 numbers (give one label per number)",
            ),
            (
                &[1.0],
                "",
                "0 labels for 1 number (give one label per number)",
            ),
            (&[1.0, 2.0], "cat,", "the label is empty (label 2)"),
            (
                &[1.0, 2.0],
                "cat 2",
                "\"2\" is a number, not a label (a label is text) (label 2)",
            ),
            (&[], "cat", "no numbers given"),
            (
                &[1.0, 2.0],
                "cat,\"dog",
                "a quoted label is never closed (column 5)",
            ),
            (
                &[1.0, 2.0],
                "\"cat\" x,dog",
                "text after a quoted label (expected a comma) (column 1)",
            ),
        ];
        for (values, list, want) in table {
            let got = with_labels(values.to_vec(), list).map_err(|e| e.to_string());
            assert_eq!(got, Err(want.to_string()), "{list:?}");
        }
        let got = with_labels(vec![1.0, 2.0], "cat,cat").map_err(|e| e.to_string());
        assert_eq!(
            got,
            Err(
                "\"cat\" is already the label of element 1 (labels must be unique) (label 2)"
                    .into()
            )
        );
    }
}
