//! Labels: trimmed, non-empty, never a number, unique; and a list of them given apart.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::number::reads_as_number;
use super::{InputError, Place, Reason, Vector};

/// The labels of a vector being read, checked as they come.
#[derive(Default)]
pub(super) struct Labels<'a> {
    labels: Vec<String>,
    /// Each label and the 1-based element that has it.
    seen: HashMap<Cow<'a, str>, usize>,
}

impl<'a> Labels<'a> {
    /// Checks and keeps the label of the next element.
    ///
    /// # Errors
    /// The token to show (empty for an empty label) and why the label is refused.
    pub(super) fn push(&mut self, label: Cow<'a, str>) -> Result<(), (String, Reason)> {
        let label = trim(label);
        if label.is_empty() {
            return Err((String::new(), Reason::EmptyLabel));
        }
        if reads_as_number(&label) {
            return Err((label.into_owned(), Reason::NumberAsLabel));
        }
        let element = self.labels.len() + 1;
        match self.seen.entry(label) {
            Entry::Occupied(entry) => Err((
                entry.key().to_string(),
                Reason::DuplicateLabel {
                    first: *entry.get(),
                },
            )),
            Entry::Vacant(entry) => {
                self.labels.push(entry.key().to_string());
                entry.insert(element);
                Ok(())
            }
        }
    }

    /// How many labels were kept.
    pub(super) fn len(&self) -> usize {
        self.labels.len()
    }

    pub(super) fn into_vec(self) -> Vec<String> {
        self.labels
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
/// `--labels` option: `cat,dog,bird`, or `cat dog bird` when the list holds no comma. The rules
/// are those of every label (trimmed, not empty, not a number, unique), and there must be one
/// label per number.
///
/// # Errors
/// [`InputError::Empty`] without numbers; [`InputError::Invalid`] with [`Reason::LabelCount`]
/// when the counts differ, or naming the first label refused ([`Place::Label`]).
pub fn with_labels(values: Vec<f64>, list: &str) -> Result<Vector, InputError> {
    if values.is_empty() {
        return Err(InputError::Empty);
    }
    let names: Vec<&str> = if list.contains(',') {
        list.split(',').collect()
    } else {
        list.split_whitespace().collect()
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
    let mut labels = Labels::default();
    for (index, name) in names.into_iter().enumerate() {
        labels.push(name.into()).map_err(|(shown, reason)| {
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
        let mut labels = Labels::default();
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
    }

    #[test]
    fn a_list_of_labels_refused() {
        let table: [(&[f64], &str, &str); 5] = [
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
